package grammar

import (
	"strings"

	"github.com/kexplain/kexplain/normalize"
)

// line is one line of a view of the input (package normalize made it plain).
type line struct {
	no    int    // 1-based input line
	text  string // normalised text
	tabs  bool   // columns cannot be trusted (tabs expanded, markup removed inside the line)
	flat  bool   // cut out of a line that held a whole table (line breaks lost)
	cells bool   // a retyped table row: cells between "│" borders (Markdown pipes, HTML)
	mask  uint8  // which byte classes occur in text (see byteClass)
	src   *normalize.Line
	total string // a totals line in words kexplain does not know: the label it stands for (totalswords.go)
	// the cell text (cellText) that classifyLine made of the line's trimmed text ctFrom, kept
	// for the table's readers: a box row's cell text is a copy, made once
	ct, ctFrom string
}

// col gives the 1-based input column of byte off of the line's text.
func (l *line) col(off int) int {
	if l.src == nil {
		return off + 1
	}
	return l.src.Col(off)
}

// pos gives the input line and column of byte off of the line's text (a line cut out of a longer
// one, or an HTML row made of several input lines, has parts on other lines).
func (l *line) pos(off int) (int, int) {
	if l.src == nil {
		return l.no, off + 1
	}
	return l.src.Pos(off)
}

// linesOf wraps normalised lines.
func linesOf(ns []normalize.Line) []line {
	out := make([]line, len(ns))
	for k := range ns {
		n := &ns[k]
		out[k] = line{no: n.No, text: n.Text, tabs: n.Tabs || n.Markup, flat: n.Flat, cells: n.Cells || n.Sep, mask: classes(n.Text), src: n}
	}
	return out
}

// Byte classes, so that each line is scanned once and the finders skip lines that cannot hold
// what they look for.
const (
	cSpecial uint8 = 1 << iota // non-ASCII: box drawing, ellipses
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
		case c < ' ' && c != '\t' || c >= 0x80:
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

// leadingSpaces counts the spaces at the start of s.
func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// runeCol converts a byte index of s into a rune column.
func runeCol(s string, i int) int {
	n := 0
	for j := range s {
		if j >= i {
			break
		}
		n++
	}
	return n
}

// trimPipes removes the "|" borders of a tf.keras nested row and the spaces around them.
func trimPipes(s string) string {
	t := normalize.TrimSpace(s)
	return normalize.TrimSpace(strings.TrimRight(strings.TrimLeft(t, "|"), "|"))
}
