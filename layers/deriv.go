package layers

import (
	"strconv"
	"strings"
)

// TermKind tells a renderer how to show one part of a derivation.
type TermKind int

// Kinds of derivation terms.
const (
	TermText TermKind = iota // words and operators: " filters × ("
	TermNum                  // a number: 64
)

// Term is one piece of a derivation.
type Term struct {
	Kind TermKind
	Text string // for TermText
	Num  int64  // for TermNum
}

// Deriv is the arithmetic behind a row, as structured terms a renderer can colour.
type Deriv []Term

// D builds a derivation from a template: each "{}" takes the next number.
// D("{} filters × ({} × {} + 1) = {}", 64, 3, 1, 256).
func D(tmpl string, nums ...int64) Deriv {
	var d Deriv
	for {
		i := strings.Index(tmpl, "{}")
		if i < 0 || len(nums) == 0 {
			break
		}
		if i > 0 {
			d = append(d, Term{Kind: TermText, Text: tmpl[:i]})
		}
		d = append(d, Term{Kind: TermNum, Num: nums[0]})
		nums = nums[1:]
		tmpl = tmpl[i+2:]
	}
	if tmpl != "" {
		d = append(d, Term{Kind: TermText, Text: tmpl})
	}
	return d
}

// Then appends another derivation after a separator ("; ", " · ").
func (d Deriv) Then(sep string, more Deriv) Deriv {
	if len(d) == 0 {
		return more
	}
	if len(more) == 0 {
		return d
	}
	out := append(Deriv{}, d...)
	out = append(out, Term{Kind: TermText, Text: sep})
	return append(out, more...)
}

// String renders the derivation as plain text; numbers of 10,000 and more get thousands separators.
func (d Deriv) String() string {
	var b strings.Builder
	for i, t := range d {
		if t.Kind == TermNum {
			b.WriteString(Num(t.Num))
			continue
		}
		text := t.Text
		if i > 0 && d[i-1].Kind == TermNum && d[i-1].Num == 1 {
			text = singular(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// plurals are the counted nouns of derivations, which read in the singular after a 1.
var plurals = []string{"units", "inputs", "channels", "filters", "gates", "steps", "features", "heads", "groups"}

// singular turns " units + …" into " unit + …" (after the number 1).
func singular(text string) string {
	for _, p := range plurals {
		if strings.HasPrefix(text, " "+p) && (len(text) == len(p)+1 || !isLetter(text[len(p)+1])) {
			return " " + p[:len(p)-1] + text[len(p)+1:]
		}
	}
	return text
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Num formats a count as kexplain prints it: thousands separators from 10,000 up.
func Num(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if len(s) > 4 {
		var b strings.Builder
		pre := len(s) % 3
		if pre > 0 {
			b.WriteString(s[:pre])
		}
		for i := pre; i < len(s); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(s[i : i+3])
		}
		s = b.String()
	}
	if neg {
		s = "-" + s
	}
	return s
}
