package normalize

import "strings"

// Summaries that arrive as string literals: the lines of a notebook's JSON source
// ("    \"Model: \\\"sequential\\\"\\n\",") and a summary printed as a Python repr, its line breaks
// written "\n". Both are cut and unescaped back into the lines they stand for.

// minEscapedBreaks is how many written "\n" make a line one that holds several lines.
const minEscapedBreaks = 3

// unescapeLines undoes string-literal lines.
func unescapeLines(in []Line) []Line {
	var out []Line
	for _, l := range in {
		s := l.text.s
		if !strings.Contains(s, `\n`) && !strings.Contains(s, `\"`) {
			out = append(out, l)
			continue
		}
		if a, b, ok := jsonLine(s, stripPrefix(s)); ok {
			t := unescape(&l.text, a, b)
			n := l
			n.set(t)
			out = append(out, n)
			continue
		}
		if strings.Count(s, `\n`) >= minEscapedBreaks && containsAny(s, "____", "params:", "━━", "====", "---", "Layer (", "(None") {
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
				k := strings.Index(s[start:], `\n`)
				end := len(s)
				if k >= 0 {
					end = start + k
				}
				n := l
				n.set(unescape(&l.text, start, end))
				out = append(out, n)
				if k < 0 {
					break
				}
				start = end + 2
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// jsonLine reports a line of a notebook's JSON source: a string literal ending in a written line
// break, `"text\n",`; a and b bound its text.
func jsonLine(s string, from int) (a, b int, ok bool) {
	t := strings.TrimRight(s, " ,")
	lead := from + len(s[from:]) - len(strings.TrimLeft(s[from:], " "))
	if lead >= len(t) || t[lead] != '"' || !strings.HasSuffix(t, `\n"`) || len(t)-lead < 4 {
		return 0, 0, false
	}
	return lead + 1, len(t) - 3, true
}

// unescape gives t.s[a:b] with its backslash escapes undone (\" \\ \t \n \uXXXX), positions kept.
func unescape(t *text, a, b int) text {
	var bl builder
	kept := a
	s := t.s
	for i := a; i < b; i++ {
		if s[i] != '\\' || i+1 >= b {
			continue
		}
		rep, n := "", 2
		switch s[i+1] {
		case '"', '\\', '\'', '/':
			rep = s[i+1 : i+2]
		case 't':
			rep = "\t"
		case 'n', 'r':
			rep = " "
		case 'u':
			if i+6 <= b {
				if r, ok := hexRune(s[i+2 : i+6]); ok {
					rep, n = string(r), 6
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
