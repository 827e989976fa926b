package normalize

import (
	"strings"
	"unicode/utf8"
)

// Summaries whose line breaks were lost (a whole table on one line, as some forums and mail
// clients keep it) are cut again where a summary's own lines start: at a run of rule characters
// (a rule line of its own) and before the title, the header and each totals line. Rows that follow
// each other on one line stay together; the row reader separates them. One pass, linear.

// flatKeywords start a line of a summary.
var flatKeywords = []string{"Total params:", "Trainable params:", "Non-trainable params:", "Optimizer params:",
	"Layer (type)", "Layer (name)", `Model: "`}

// minRuleRun is the shortest run of one rule character read as a rule inside other text.
const minRuleRun = 10

func isRuleRune(r rune) bool {
	return r == '_' || r == '=' || r == '━' || r == '─' || r == '-' || r == '¯'
}

// unflatten cuts a line that holds several lines of a summary; it returns nil when the line is one
// line.
func unflatten(l Line) []Line {
	s := l.Text
	if len(s) < 20 || l.Cells || !strings.ContainsAny(s, "_=━─-:(\"") {
		return nil
	}
	type span struct{ a, b int }
	var parts []span
	start := 0
	cut := func(i int) {
		if strings.TrimSpace(s[start:i]) != "" {
			parts = append(parts, span{start, i})
		}
		start = i
	}
	rules, keys := 0, 0
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isRuleRune(r) {
			j := i + n
			run := 1
			for j < len(s) && strings.HasPrefix(s[j:], s[i:i+n]) {
				j += n
				run++
			}
			if run >= minRuleRun && r != '-' || run >= 2*minRuleRun {
				cut(i)
				cut(j)
				rules++
			}
			i = j
			continue
		}
		if r == 'T' || r == 'N' || r == 'O' || r == 'L' || r == 'M' {
			for _, k := range flatKeywords {
				if strings.HasPrefix(s[i:], k) {
					cut(i)
					keys++
					i += len(k) - 1
					break
				}
			}
		}
		i += n
	}
	cut(len(s))
	if len(parts) < 2 {
		return nil
	}
	// one rule glued to one keyword line ("____ Layer (type) …") is damage of its own kind too, but a
	// lone line of prose that merely mentions "Total params:" once is cut as well: the totals it
	// holds are read wherever they are
	out := make([]Line, 0, len(parts))
	for _, p := range parts {
		sub := l.Sub(p.a, p.b)
		sub.Flat = true
		out = append(out, sub)
	}
	return out
}

// undouble removes the blank lines that some pages and mail clients put after every line of a
// paste: when nearly every line is followed by a blank one, a run of k blank lines stands for
// (k-1)/2 of the original.
func undouble(lines []Line) []Line {
	nonblank, followed := 0, 0
	for i := range lines {
		t := strings.TrimSpace(lines[i].text.s)
		if t == "" {
			continue
		}
		nonblank++
		if i+1 == len(lines) || strings.TrimSpace(lines[i+1].text.s) == "" {
			followed++
		} else if isRuleLine(strings.TrimLeft(t, ">#/ ")) {
			// a table's rules are followed by a blank line only in doubled text (a wrapped tf.keras
			// table has blank lines after its rows, never after its rules)
			return lines
		}
	}
	if nonblank < 10 || followed*20 < nonblank*19 {
		return lines
	}
	out := make([]Line, 0, len(lines)/2+1)
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i].text.s) != "" {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j].text.s) == "" {
			j++
		}
		for k := 0; k < (j-i-1)/2; k++ {
			out = append(out, lines[i+1+2*k])
		}
		i = j
	}
	return out
}

// isRuleLine reports a line of one repeated rule character (five or more).
func isRuleLine(t string) bool {
	n := 0
	var first rune
	for _, r := range t {
		if n == 0 {
			first = r
			if !isRuleRune(r) {
				return false
			}
		} else if r != first {
			return false
		}
		n++
	}
	return n >= 5
}
