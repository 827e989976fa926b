package grammar

import (
	"strings"
	"unicode/utf8"
)

// line is one line of the input after normalisation: carriage returns dropped, no-break and other
// odd spaces made plain spaces, tabs expanded, HTML markup of rendered notebooks removed.
type line struct {
	no   int    // 1-based line number in the input
	text string // normalised text
	tabs bool   // the raw line had tabs
	flat bool   // cut out of a line that held a whole table (line breaks lost)
	mask uint8  // which byte classes occur in text (see byteClass)
}

// Byte classes, so that each line is scanned once and the finders skip lines that cannot hold
// what they look for.
const (
	cSpecial uint8 = 1 << iota // control bytes, non-ASCII, '&', '<': the line needs normalising
	cParen                     // '(' : headers, rows, code calls
	cColon                     // ':' : totals
	cRule                      // '_' or '=': rules, claims
	cDot                       // '.' : code ("keras.", "layers.")
	cDigit                     // a digit
	cOther                     // a byte that cannot be in a bare number line
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c < ' ' && c != '\t' || c >= 0x80 || c == '&' || c == '<':
			t[c] = cSpecial | cOther
		case c == '(':
			t[c] = cParen | cOther
		case c == ':':
			t[c] = cColon | cOther
		case c == '_' || c == '=':
			t[c] = cRule | cOther
		case c == '.':
			t[c] = cDot | cOther
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c == ' ' || c == ',' || c == '\t' || c == '>' || c == '#':
		default:
			t[c] = cOther
		}
	}
	return
}()

// classes gives the byte classes of s.
func classes(s string) uint8 {
	var m uint8
	for i := 0; i < len(s); i++ {
		m |= byteClass[s[i]]
	}
	return m
}

// maxLine bounds the part of a line that is read; longer lines are cut (a 10 MB line of junk
// must cost linear time, never more).
const maxLine = 1 << 20

// splitLines normalises the input into lines. A line whose line breaks were lost (a whole table
// on one line) is split again where the rules and totals of a summary show the breaks.
func splitLines(src string) []line {
	out := make([]line, 0, strings.Count(src, "\n")+1)
	no := 0
	for len(src) > 0 {
		no++
		i := strings.IndexByte(src, '\n')
		var s string
		if i < 0 {
			s, src = src, ""
		} else {
			s, src = src[:i], src[i+1:]
		}
		if len(s) > maxLine {
			s = s[:maxLine]
		}
		m := classes(s)
		if m&cSpecial != 0 && (strings.Contains(s, "<tr") || strings.Contains(s, "<br") || strings.Contains(s, "<TR")) {
			// an HTML table (or lines joined by <br>) on one line: a line a row
			for _, part := range splitHTML(s) {
				part = normalise(part)
				if strings.TrimSpace(part) != "" {
					out = append(out, line{no: no, text: part, mask: classes(part)})
				}
			}
			continue
		}
		tabs := false
		if m&cSpecial != 0 {
			tabs = strings.IndexByte(s, '\t') >= 0
			s = normalise(s)
			m = classes(s)
		} else if m != 0 && strings.IndexByte(s, '\t') >= 0 {
			tabs = true
			s = normalise(s)
		}
		if m&(cParen|cColon|cRule) != 0 && (strings.Contains(s, "Layer (") || strings.Contains(s, "params:") ||
			strings.Contains(s, "_____") || strings.Contains(s, "=====")) && looksFlattened(s) {
			parts := unflatten(s)
			if len(parts) > 1 && strings.Trim(parts[0], " >#/*;") == "" {
				// quote markers in front of the first keyword stay with it
				parts = append([]string{parts[0] + parts[1]}, parts[2:]...)
			}
			for _, part := range parts {
				out = append(out, line{no: no, text: part, tabs: true, flat: true, mask: classes(part)})
			}
			continue
		}
		out = append(out, line{no: no, text: s, tabs: tabs, mask: m})
	}
	return out
}

// normalise makes one raw line plain.
func normalise(s string) string {
	s = strings.TrimRight(s, "\r")
	s = strings.ReplaceAll(s, "\r", "")
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch {
		case r == '\t':
			n := 8 - col%8
			if n < 2 {
				n = 2
			}
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		case r == '\u00a0' || r == '\u2007' || r == '\u202f' || r == '\u3000' || (r >= '\u2000' && r <= '\u200a') || r == '\u205f':
			r = ' '
		case r == '\u200b' || r == '\ufeff' || r == '\u200e' || r == '\u200f':
			continue
		case r == utf8.RuneError:
			r = '?'
		case r == '“' || r == '”':
			r = '"'
		case r < ' ':
			r = ' '
		}
		b.WriteRune(r)
		col++
	}
	s = b.String()
	if strings.IndexByte(s, '&') >= 0 {
		s = htmlEntities.Replace(s)
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = stripTags(s)
	}
	return s
}

var htmlEntities = strings.NewReplacer(
	"&nbsp;", " ", "&emsp;", " ", "&ensp;", " ", "&thinsp;", " ", "&#160;", " ",
	"&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#39;", "'", "&#x27;", "'",
	"&hellip;", "…",
)

// htmlTags are the tags that rendered notebooks and pages wrap around summary text.
var htmlTags = []string{"span", "pre", "div", "code", "b", "strong", "em", "i", "font", "p", "samp", "kbd", "tt"}

// stripTags removes the markup of the tags above and turns <br> into nothing; table cells of an
// HTML <table> become box separators so that the row reader sees cells.
func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s)
			break
		}
		tag := s[i+1 : i+j]
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if k := strings.IndexAny(name, " \t/"); k >= 0 {
			name = name[:k]
		}
		b.WriteString(s[:i])
		switch {
		case name == "td" || name == "th":
			if !strings.HasPrefix(tag, "/") {
				b.WriteString("│ ")
			} else {
				b.WriteString(" ")
			}
		case name == "tr" && strings.HasPrefix(tag, "/"):
			b.WriteString("│")
		case name == "br" || name == "tr" || name == "table" || name == "tbody" || name == "thead":
		case isHTMLTag(name):
		default:
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	return b.String()
}

func isHTMLTag(name string) bool {
	for _, t := range htmlTags {
		if name == t {
			return true
		}
	}
	return false
}

// looksFlattened reports whether a line holds a summary whose line breaks were lost: a rule run
// or a totals line sits inside other text.
func looksFlattened(s string) bool {
	t := strings.TrimSpace(strings.TrimLeft(s, " >#/*;-"))
	if strings.HasPrefix(t, "Total params:") || strings.HasPrefix(t, "Trainable params:") {
		return strings.Contains(t[strings.Index(t, "params:")+7:], "params:")
	}
	if isRuleText(t) {
		return false
	}
	return ruleRun(t) >= 0 || strings.Count(t, "params:") >= 2 || strings.Contains(t, "Total params:")
}

// ruleRun finds a run of 10 or more rule characters inside s; -1 when there is none.
func ruleRun(s string) int {
	run, start := 0, -1
	var prev rune
	for i, r := range s {
		if (r == '_' || r == '=' || r == '━' || r == '─') && (run == 0 || r == prev) {
			if run == 0 {
				start = i
			}
			run++
			prev = r
			if run >= 10 {
				return start
			}
			continue
		}
		run = 0
		if r == '_' || r == '=' {
			run, start, prev = 1, i, r
		}
	}
	return -1
}

// unflatten cuts a flattened summary into the lines it had: at rule runs and before totals.
func unflatten(s string) []string {
	var parts []string
	cur := s
	for cur != "" {
		cut, next := len(cur), len(cur)
		if i := ruleRun(cur); i >= 0 {
			// extend over the whole run
			j := i
			for j < len(cur) && (cur[j] == cur[i]) {
				j++
			}
			cut, next = i, j
			if i == 0 {
				parts = append(parts, cur[:j])
				cur = cur[j:]
				continue
			}
		}
		for _, kw := range []string{"Total params:", "Trainable params:", "Non-trainable params:", "Optimizer params:", "Layer (type)", "Layer (name)", `Model: "`} {
			if k := strings.Index(cur, kw); k > 0 && k < cut {
				cut, next = k, k
			}
		}
		part := cur[:cut]
		if strings.TrimSpace(part) != "" {
			parts = append(parts, part)
		}
		if next < len(cur) && next > cut {
			parts = append(parts, cur[cut:next])
		}
		if next == cut && cut < len(cur) {
			// keyword split: continue from the keyword, but make progress
			rest := cur[cut:]
			kwEnd := strings.Index(rest, ":")
			if strings.HasPrefix(rest, "Layer (") {
				kwEnd = strings.Index(rest, ")")
			}
			if kwEnd < 0 {
				parts = append(parts, rest)
				break
			}
			// find the next split point after the keyword
			sub := unflatten1(rest, kwEnd+1)
			parts = append(parts, sub[0])
			cur = sub[1]
			continue
		}
		cur = cur[next:]
	}
	return parts
}

// unflatten1 splits rest at the first rule or keyword after position from.
func unflatten1(rest string, from int) [2]string {
	cut := len(rest)
	if i := ruleRun(rest[from:]); i >= 0 {
		cut = from + i
	}
	for _, kw := range []string{"Total params:", "Trainable params:", "Non-trainable params:", "Optimizer params:", "Layer (type)", `Model: "`} {
		if k := strings.Index(rest[from:], kw); k >= 0 && from+k < cut {
			cut = from + k
		}
	}
	return [2]string{rest[:cut], rest[cut:]}
}

// isRuleText reports whether t (trimmed) is a rule line: one repeated rule character.
func isRuleText(t string) bool {
	if len(t) < 5 {
		return false
	}
	var first rune
	n := 0
	for _, r := range t {
		if n == 0 {
			first = r
			if r != '_' && r != '=' && r != '-' && r != '¯' && r != '─' && r != '━' {
				return false
			}
		} else if r != first {
			return false
		}
		n++
	}
	return n >= 5
}

// splitHTML cuts a line before every <tr> and after every <br>.
func splitHTML(s string) []string {
	var out []string
	for len(s) > 0 {
		cut := len(s)
		for _, tag := range []string{"<tr", "</table", "<p>", "<p "} {
			if i := indexFold(s[1:], tag); i >= 0 && i+1 < cut {
				cut = i + 1
			}
		}
		if j := indexFold(s, "<br"); j >= 0 && j < cut {
			if k := strings.IndexByte(s[j:], '>'); k >= 0 && j+k+1 < cut {
				cut = j + k + 1
			}
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return out
}

func indexFold(s, sub string) int {
	if i := strings.Index(s, sub); i >= 0 {
		return i
	}
	return strings.Index(s, strings.ToUpper(sub))
}
