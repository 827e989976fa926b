package normalize

import (
	"strings"
	"unicode/utf8"
)

// Summaries that arrive as string literals: the lines of a notebook's JSON source
// ("    \"Model: \\\"sequential\\\"\\n\",") and a summary printed as a Python repr, its line breaks
// written "\n", or as a printed list of its lines (print_fn=lines.append). They are cut and
// unescaped back into the lines they stand for.

// minEscapedBreaks is how many written "\n" make a line one that holds several lines.
const minEscapedBreaks = 3

// unescapeLines undoes string-literal lines.
func unescapeLines(in []Line) []Line {
	// out stays nil while no line changes (it would be in[:k]): most pastes hold no escapes, and
	// a copy of every line is then not made
	var out []Line
	n := 0                          // lines given so far
	str := make([]bool, 0, len(in)) // line k of the result was a JSON string literal
	ind := make([]int, 0, len(in))  // the indentation line k's input line had
	for k, l := range in {
		s := l.text.s
		isStr := false
		add := func(x Line) {
			if out == nil {
				out = append(make([]Line, 0, len(in)+8), in[:k]...)
			}
			out = append(out, x)
			n++
		}
		keep := func() {
			if out != nil {
				out = append(out, l)
			}
			n++
		}
		switch {
		case strings.IndexByte(s, '\\') < 0 && strings.IndexByte(s, '\'') < 0 && strings.IndexByte(s, '"') < 0:
			keep() // no escape and no quote: no case below applies
		case strings.Count(s, "', '")+strings.Count(s, `", "`) >= minEscapedBreaks && containsAny(s, "____", "params:", "━━", "====", "Layer ("):
			// a list of the summary's lines, printed: ['Model: "m"', '_____', ...]
			parts := listLiterals(s)
			if parts == nil {
				keep()
				break
			}
			for _, p := range parts {
				x := l
				x.set(unescape(&l.text, p[0], p[1]))
				add(x)
			}
		case !strings.Contains(s, `\n`) && !strings.Contains(s, `\"`):
			keep()
		case jsonAt(s):
			a, b, _ := jsonLine(s, stripPrefix(s))
			x := l
			x.set(unescape(&l.text, a, b))
			add(x)
			isStr = true
		case strings.Count(s, `\n`) >= minEscapedBreaks && containsAny(s, "____", "params:", "━━", "====", "---", "Layer (", "(None"):
			start := 0
			// the quotes of the literal itself: 'text\n', b"text", f'…'
			if q := strings.IndexAny(s, `'"`); q >= 0 && q <= 2 && strings.Trim(s[:q], "bBrRuUfF ") == "" {
				start = q + 1
			}
			last := len(strings.TrimRight(s, " ),;"))
			if last > start && (s[last-1] == '\'' || s[last-1] == '"') {
				s = s[:last-1]
			}
			for {
				j := strings.Index(s[start:], `\n`)
				end := len(s)
				if j >= 0 {
					end = start + j
				}
				x := l
				x.set(unescape(&l.text, start, end))
				add(x)
				if j < 0 {
					break
				}
				start = end + 2
			}
		default:
			keep()
		}
		for len(str) < n {
			str = append(str, isStr)
			ind = append(ind, leadingSpace(l.text.s))
		}
	}
	if out == nil {
		out = in
	}
	jsonSyntax(out, str, ind)
	return out
}

// listLiterals cuts a printed list of strings ("['a', "b's", 'c']", Python's or JSON's) into its
// literals: the byte ranges of their texts; nil when the line holds no such list.
func listLiterals(s string) [][2]int {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return nil
	}
	var out [][2]int
	i++
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == ',') {
			i++
		}
		if i >= len(s) || s[i] == ']' {
			break
		}
		q := s[i]
		if q != '\'' && q != '"' {
			return nil
		}
		j := i + 1
		for j < len(s) && s[j] != q {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(s) {
			return nil
		}
		out = append(out, [2]int{i + 1, j})
		i = j + 1
	}
	if len(out) < minEscapedBreaks {
		return nil
	}
	return out
}

// jsonAt reports a line that jsonLine reads.
func jsonAt(s string) bool {
	_, _, ok := jsonLine(s, stripPrefix(s))
	return ok
}

// maxSyntaxRun bounds the lines of JSON syntax between two string lines that are taken out of the
// table view.
const maxSyntaxRun = 40

// jsonSyntax takes out of the table view what a JSON document puts between its lines of text
// (`],`, `"metadata": {},`, `"output_type": "display_data"`), so that a notebook's outputs read
// as the console showed them: a Keras 3 summary comes as one output for the title, one for the
// table and one a totals line. A notebook keeps each output in several forms; where an output has
// its plain text, its HTML form ("text/html") is the same output again and is taken out too.
func jsonSyntax(out []Line, str []bool, indent []int) {
	// one pass over the bundles: the keys of a bundle stand at one indentation, and a line less
	// indented ends it
	bundle := -1           // the indentation of the current bundle's keys, -1 outside one
	html := [2]int{-1, -1} // its HTML array's lines
	plain := false         // it has a plain-text form
	flush := func() {
		if html[0] >= 0 && plain {
			for k := html[0]; k <= html[1]; k++ {
				out[k].noTable = true
			}
		}
		bundle, html, plain = -1, [2]int{-1, -1}, false
	}
	for i := 0; i < len(out); i++ {
		if str[i] {
			continue
		}
		t := TrimSpace(out[i].text.s)
		if t == "" {
			continue
		}
		if bundle >= 0 && indent[i] < bundle {
			flush()
		}
		switch t {
		case `"text/plain": [`:
			if bundle != indent[i] {
				flush()
				bundle = indent[i]
			}
			plain = true
		case `"text/html": [`:
			if bundle != indent[i] {
				flush()
				bundle = indent[i]
			}
			// the array's closing bracket, at the key's indentation (its strings were HTML,
			// which may have been read as markup already); the lines up to it are not looked
			// at again
			j := i + 1
			for j < len(out) && !(indent[j] == bundle && strings.TrimRight(TrimSpace(out[j].text.s), ",") == "]") {
				j++
			}
			if j >= len(out) {
				flush()
				return
			}
			html = [2]int{i, j}
			i = j
		}
	}
	flush()
	last := -1 // the last string line
	for i := range out {
		if str[i] {
			if last >= 0 && i-last-1 <= maxSyntaxRun {
				syntax := true
				for k := last + 1; k < i && syntax; k++ {
					syntax = out[k].noTable || isJSONSyntax(TrimSpace(out[k].text.s))
				}
				for k := last + 1; k < i && syntax; k++ {
					out[k].noTable = true
				}
			}
			last = i
		}
	}
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// isJSONSyntax reports a line of JSON that holds no text of its own: brackets, and keys with
// brackets, numbers, booleans, null or short strings as their values.
func isJSONSyntax(t string) bool {
	t = strings.TrimSuffix(t, ",")
	switch t {
	case "{", "}", "[", "]", "{}", "[]":
		return true
	}
	if len(t) < 3 || t[0] != '"' {
		return false
	}
	k := strings.Index(t[1:], `":`)
	if k < 0 {
		return false
	}
	v := TrimSpace(t[k+3:])
	switch {
	case v == "{" || v == "[" || v == "{}" || v == "[]" || v == "null" || v == "true" || v == "false":
		return true
	case v != "" && (v[0] >= '0' && v[0] <= '9' || v[0] == '-'):
		return true
	case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' && len(v) <= 80 && !strings.Contains(v, `\n`):
		return true
	}
	return false
}

// jsonLine reports a line of a JSON document that holds a line of text: a string literal ending
// in a written line break, alone (a notebook's `"text\n",`) or as the last value of an object
// (a JSON-lines log's `{"time": 1.5, "data": "text\n"},`); a and b bound its text.
func jsonLine(s string, from int) (a, b int, ok bool) {
	t := strings.TrimRight(s, " ,}]")
	if !strings.HasSuffix(t, `\n"`) || len(t)-from < 4 {
		return 0, 0, false
	}
	open := -1
	for i := len(t) - 2; i >= from; i-- {
		if t[i] != '"' {
			continue
		}
		k := i
		for k > from && t[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			open = i
			break
		}
	}
	if open < 0 || len(t)-open < 4 {
		return 0, 0, false
	}
	// what stands before the literal: nothing, or a key or an earlier value of the same object
	before := strings.TrimRight(t[from:open], " ")
	if before != "" && !strings.HasSuffix(before, ":") && !strings.HasSuffix(before, ",") && !strings.HasSuffix(before, "[") {
		return 0, 0, false
	}
	return open + 1, len(t) - 3, true
}

// unescape gives t.s[a:b] with its backslash escapes undone (\" \\ \t \n \uXXXX), positions kept.
func unescape(t *text, a, b int) text {
	var bl builder
	kept := a
	s := t.s
	col := 0 // runes written before kept
	for i := a; i < b; i++ {
		if s[i] != '\\' || i+1 >= b {
			continue
		}
		rep, n := "", 2
		switch s[i+1] {
		case '"', '\\', '\'', '/':
			rep = s[i+1 : i+2]
		case 't':
			// a tab, expanded where it stands (its column counts the unescaped text)
			w := tabWidth - (col+utf8.RuneCountInString(s[kept:i]))%tabWidth
			rep = spaces(max(w, 2))
		case 'n', 'r':
			rep = " "
		case 'u':
			if i+6 <= b {
				if r, ok := hexRune(s[i+2 : i+6]); ok {
					rep, n = string(r), 6
					if r == 0x1b {
						// an escaped ANSI colour code: ESC and the code after it go
						rep = ""
						if i+6 < b && s[i+6] == '[' {
							n += sgrRemnant(s[i+6 : b])
						}
						break
					}
					if rr, ok := runeRepair(r, 2); ok {
						rep = rr
					}
					break
				}
			}
			continue
		default:
			continue
		}
		bl.keep(t, kept, i)
		bl.litAt(rep, t, i)
		col += utf8.RuneCountInString(s[kept:i]) + utf8.RuneCountInString(rep)
		i += n - 1
		kept = i + 1
	}
	bl.keep(t, kept, b)
	return bl.text()
}

func hexRune(h string) (rune, bool) {
	var r rune
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
