package grammar

import (
	"strings"
)

// Snippet is a run of lines that build a Keras model in Python.
type Snippet struct {
	StartLine, EndLine int
	Lines              []string // the snippet's lines, quote markers removed
	Prefix             []int    // for each line, how many columns of quote marker or indentation were removed
	Program            *Program // the parsed code
}

// codeCalls are the calls that tell Keras model-building code from other text.
var codeCalls = map[string]bool{"Sequential": true, "add": true, "Model": true, "Input": true, "Dense": true,
	"Conv1D": true, "Conv2D": true, "Conv3D": true, "LSTM": true, "GRU": true, "Convolution1D": true,
	"Convolution2D": true, "Embedding": true, "MaxPooling2D": true, "MaxPooling1D": true, "Flatten": true}

// isCodeLine reports whether a line looks like Keras code: it names keras ("keras.", "import
// keras", "layers.") or calls a model-building function. One scan rejects most prose.
func isCodeLine(t string) bool {
	if k := strings.Index(t, "keras"); k >= 0 {
		if k+5 < len(t) && t[k+5] == '.' || strings.Contains(t, "import") {
			return true
		}
	}
	if strings.Contains(t, "layers.") {
		return true
	}
	for i := strings.IndexByte(t, '('); i >= 0; {
		j := i
		for j > 0 && (isAlnum(t[j-1]) || t[j-1] == '_') {
			j--
		}
		if codeCalls[t[j:i]] {
			return true
		}
		k := strings.IndexByte(t[i+1:], '(')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// pyKeywords start lines of Python that kexplain skips but that belong to the code around them.
var pyKeywords = []string{"import ", "from ", "def ", "class ", "for ", "if ", "elif ", "else:", "while ", "with ",
	"try:", "except", "finally:", "return", "print(", "print ", "@", "#", "pass", "assert ", "raise ", "del ",
	"global ", "lambda", "yield", "break", "continue", ">>>", "..."}

// isPythonish reports whether a (stripped) line reads as Python rather than prose: a keyword
// start, an assignment, a call statement, or a line that continues brackets.
func isPythonish(t string) bool {
	if t == "" {
		return false
	}
	for _, k := range pyKeywords {
		if strings.HasPrefix(t, k) {
			return true
		}
	}
	switch t[0] {
	case ')', ']', '}', '"', '\'':
		return true
	}
	last := t[len(t)-1]
	if last == ',' || last == '(' || last == '[' || last == '{' || last == '\\' {
		return true
	}
	// name = ..., name.attr = ..., a, b = ..., x[0] = ...
	j := 0
	for j < len(t) && (isAlnum(t[j]) || t[j] == '_' || t[j] == '.' || t[j] == ',' || t[j] == ' ' || t[j] == '[' || t[j] == ']') {
		j++
	}
	if j > 0 && j < len(t) && (t[j] == '=' && (j+1 >= len(t) || t[j+1] != '=') ||
		j+1 < len(t) && strings.IndexByte("+-*/", t[j]) >= 0 && t[j+1] == '=') {
		return true
	}
	// an annotated assignment: name: type = value
	if j > 0 && j+1 < len(t) && t[j] == ':' && t[j+1] == ' ' && !strings.Contains(t[:j], " ") && strings.Contains(t[j:], " = ") {
		return true
	}
	// a call statement: name(...) or a.b.c(...) ending in ")"
	if j > 0 && j < len(t) && t[j] == '(' && !strings.Contains(t[:j], " ") && last == ')' {
		return true
	}
	return false
}

// quotePrefix is the quote marker a line starts with: "> " (repeated), ">>> " or "... "
// (doctest), or "" for none.
func quotePrefix(s string) string {
	if strings.HasPrefix(s, ">>> ") || s == ">>>" || strings.HasPrefix(s, "... ") || s == "..." {
		if len(s) >= 4 {
			return s[:4]
		}
		return s
	}
	i := 0
	for i < len(s) && (s[i] == '>' || s[i] == ' ' && i > 0 && s[i-1] == '>') {
		i++
	}
	return s[:i]
}

// snippets finds the Keras code in the input, strips quote markers and the common indentation,
// and parses it; an unclosed bracket (or one that closes nothing, or an unterminated string) is an
// error at its position.
func snippets(lines []line) ([]*Snippet, []*Error) {
	var out []*Snippet
	var errs []*Error
	for i := 0; i < len(lines); i++ {
		if lines[i].mask&(cParen|cDot) == 0 || !isCodeLine(lines[i].text) || isHeaderText(lines[i].text) {
			continue
		}
		first, last := codeRegion(lines, i)
		sn := newSnippet(lines[first : last+1])
		out = append(out, sn)
		if len(sn.Program.Errors) > 0 {
			errs = append(errs, sn.Program.Errors[0])
		}
		i = last
	}
	return out, errs
}

// stripped is the text of a line without its quote marker, and the marker's width.
func stripped(s string) (string, int) {
	p := quotePrefix(s)
	return s[len(p):], len(p)
}

// codeRegion extends the code line at i to the Python around it: back over imports and other
// Python lines, forward while lines read as Python, continue open brackets, or are indented under
// a block; up to two blank lines are allowed between parts.
func codeRegion(lines []line, i int) (int, int) {
	first := i
	for k := i - 1; k >= 0 && i-k < 200; k-- {
		t, _ := stripped(lines[k].text)
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if isHeaderText(lines[k].text) || !isPythonish(t) && !isCodeLine(t) {
			break
		}
		first = k
	}
	last := i
	depth := 0
	block := false // the last code line opened a block ("for ...:")
	gap := 0
	for k := first; k < len(lines); k++ {
		raw, _ := stripped(lines[k].text)
		t := strings.TrimSpace(raw)
		if k > i {
			switch {
			case t == "":
				gap++
				if gap > 2 && depth == 0 {
					return first, last
				}
				continue
			case isHeaderText(lines[k].text) || isTableLine(t):
				return first, last
			case depth > 0 || isPythonish(t) || isCodeLine(t) || block && len(raw) > len(strings.TrimLeft(raw, " ")):
			default:
				return first, last
			}
		}
		gap = 0
		if t != "" {
			last = k
		}
		depth += bracketDelta(t)
		if depth < 0 {
			depth = 0
		}
		block = strings.HasSuffix(t, ":") || block && len(raw) > len(strings.TrimLeft(raw, " "))
	}
	return first, last
}

// isTableLine reports the rules and box lines of a printed summary.
func isTableLine(t string) bool {
	if strings.HasPrefix(t, "___") || strings.HasPrefix(t, "===") || strings.HasPrefix(t, "Total params") ||
		strings.HasPrefix(t, "Trainable params") || strings.HasPrefix(t, "Non-trainable") || strings.HasPrefix(t, "Model:") {
		return true
	}
	r := []rune(t)
	switch r[0] {
	case '┏', '┃', '┡', '│', '├', '└', '━', '─':
		return true
	}
	return false
}

// bracketDelta counts opened minus closed brackets on a line, outside strings and comments.
func bracketDelta(s string) int {
	n := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if q != 0 {
			if c == '\\' {
				i++
			} else if c == q {
				q = 0
			}
			continue
		}
		switch c {
		case '#':
			return n
		case '\'', '"':
			q = c
		case '(', '[', '{':
			n++
		case ')', ']', '}':
			n--
		}
	}
	return n
}

// newSnippet strips the quote markers of the lines (doctest markers per line, other markers
// when every line has them) and their common indentation, then parses the code.
func newSnippet(ls []line) *Snippet {
	sn := &Snippet{StartLine: ls[0].no, EndLine: ls[len(ls)-1].no}
	texts := make([]string, len(ls))
	cut := make([]int, len(ls))
	for k, l := range ls {
		texts[k] = l.text
	}
	// "> " quoting and "# " commenting-out count only when every non-blank line has them
	for _, mark := range []string{">", "#"} {
		all, any := true, false
		for _, t := range texts {
			if strings.TrimSpace(t) == "" {
				continue
			}
			any = true
			if !strings.HasPrefix(strings.TrimLeft(t, " "), mark) || strings.HasPrefix(strings.TrimLeft(t, " "), ">>>") {
				all = false
				break
			}
		}
		if !all || !any {
			continue
		}
		for k, t := range texts {
			if strings.TrimSpace(t) == "" {
				continue
			}
			n := len(t) - len(strings.TrimLeft(t, " "))
			for n < len(t) && t[n] == mark[0] {
				n++
				if n < len(t) && t[n] == ' ' && mark == "#" {
					n++
					break
				}
				for n < len(t) && t[n] == ' ' && mark == ">" && n+1 < len(t) && t[n+1] == '>' {
					n++
				}
			}
			if mark == ">" && n < len(t) && t[n] == ' ' {
				n++
			}
			texts[k], cut[k] = t[n:], cut[k]+runeCol(t, n)
		}
	}
	// doctest markers, line by line
	for k, t := range texts {
		if strings.HasPrefix(t, ">>> ") || strings.HasPrefix(t, "... ") {
			texts[k], cut[k] = t[4:], cut[k]+4
		} else if t == ">>>" || t == "..." {
			texts[k], cut[k] = "", cut[k]+3
		}
	}
	// common indentation
	ind := -1
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		n := len(t) - len(strings.TrimLeft(t, " "))
		if ind < 0 || n < ind {
			ind = n
		}
	}
	pl := make([]pyLine, len(ls))
	for k, t := range texts {
		if ind > 0 && len(t) >= ind {
			texts[k], cut[k] = t[ind:], cut[k]+ind
		} else if ind > 0 {
			texts[k], cut[k] = "", cut[k]+len(t)
		}
		pl[k] = pyLine{no: ls[k].no, col: cut[k], text: texts[k]}
	}
	sn.Lines, sn.Prefix = texts, cut
	sn.Program = parsePyLines(pl)
	return sn
}
