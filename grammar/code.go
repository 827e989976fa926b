package grammar

import "strings"

// Snippet is a run of lines that build a Keras model in Python.
type Snippet struct {
	StartLine, EndLine int
	Lines              []string // the snippet's lines, quote markers removed
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

// snippets finds the Keras code in the input and checks that its brackets balance; an unclosed
// bracket is an error at the bracket's position.
func snippets(lines []line) ([]*Snippet, []*Error) {
	var out []*Snippet
	var errs []*Error
	for i := 0; i < len(lines); i++ {
		if lines[i].mask&(cParen|cDot) == 0 || !isCodeLine(lines[i].text) || isHeaderText(lines[i].text) {
			continue
		}
		j := i
		gap := 0
		for k := i + 1; k < len(lines) && gap <= 2; k++ {
			t := strings.TrimSpace(lines[k].text)
			switch {
			case t == "":
				gap++
			case isCodeLine(t) || strings.HasPrefix(t, ")") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, "(") ||
				strings.HasPrefix(t, "#") || strings.HasPrefix(t, "]") || strings.Contains(t, "="):
				j, gap = k, 0
			default:
				gap = 99
			}
		}
		sn := &Snippet{StartLine: lines[i].no, EndLine: lines[j].no}
		for k := i; k <= j; k++ {
			sn.Lines = append(sn.Lines, lines[k].text)
		}
		out = append(out, sn)
		if e := checkBrackets(lines[i : j+1]); e != nil {
			errs = append(errs, e)
		}
		i = j
	}
	return out, errs
}

// checkBrackets follows Python's brackets, strings and comments over the lines; it returns the
// first bracket that is never closed or that closes the wrong one.
func checkBrackets(ls []line) *Error {
	type open struct {
		c         byte
		line, col int
	}
	var stack []open
	for _, l := range ls {
		s := l.text
		var quote byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			if quote != 0 {
				if c == '\\' {
					i++
				} else if c == quote {
					quote = 0
				}
				continue
			}
			switch c {
			case '#':
				i = len(s)
			case '\'', '"':
				quote = c
			case '(', '[', '{':
				if len(stack) >= 256 {
					return &Error{Line: l.no, Col: runeCol(s, i) + 1, Msg: "brackets nested more than 256 deep"}
				}
				stack = append(stack, open{c, l.no, runeCol(s, i) + 1})
			case ')', ']', '}':
				want := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
				if len(stack) == 0 || stack[len(stack)-1].c != want {
					return &Error{Line: l.no, Col: runeCol(s, i) + 1, Msg: "unmatched " + string(c) + " in the Keras code"}
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return &Error{Line: o.line, Col: o.col, Msg: "this " + string(o.c) + " is never closed in the Keras code"}
	}
	return nil
}
