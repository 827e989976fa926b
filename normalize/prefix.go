package normalize

import (
	"strings"
	"unicode/utf8"
)

// Repeated line prefixes: a summary that went through a tool which writes something of its own in
// front of every line it passes on. A container log ("trainer-1  | "), a logging format nobody
// listed ("2024-05-01 12:00:00.123 | INFO | train:build:58 - "), a notebook log with the time and
// a counter ("12.3s	40	"), a browser console's source link ("index.js:27 "), Org-mode results
// (": "). What these have in common is their place, not their words: the same text, up to its
// numbers, stands in front of several lines where a summary's own lines start (its title, rules,
// header and totals). That prefix is removed from those lines and from every line near them that
// carries it. Lines that a tool wrote without it (a multi-line message logged once) stay as they
// are.

// prefixScan bounds how far into a line its own text is looked for.
const prefixScan = 160

// prefixReach bounds the lines between two summary lines that share a prefix, and how far around
// them the prefix is removed.
const prefixReach = 60

// summaryStart finds where a summary's own line starts in s: a title, a header, a totals label,
// or a rule or a box's border line that fills the rest of the line; -1 when none starts within
// prefixScan bytes, or when a shape or a count stands before it (a row that lost its line break
// is no prefix). Each byte of s is looked at a bounded number of times.
func summaryStart(s string) int {
	head := s[:min(len(s), prefixScan+24)]
	best := -1
	totals := strings.Contains(head, "params") // the three totals labels: most lines hold none
	for _, k := range []string{"Model: ", "Layer (", "Total params", "Trainable params", "Non-trainable params"} {
		if !totals && strings.HasSuffix(k, "params") {
			continue
		}
		i := strings.Index(head, k)
		if k == "Layer (" && i > 0 && head[i-1] == '(' {
			i = -1 // "(Layer (None, …": a row whose class Keras cut to "Layer", not a header
		}
		if i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	for i := 0; i < len(s) && i <= prefixScan && (best < 0 || i < best); {
		if c := s[i]; c < utf8.RuneSelf && c != '_' && c != '=' && c != '-' {
			i++ // the common case, decided without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		corner := false
		switch r {
		case '┏', '┌', '┡', '├', '└', '┗', '╞':
			corner = true
		case '_', '=', '━', '─', '-':
		default:
			i += n
			continue
		}
		if corner {
			if isBorderLine(strings.TrimRight(s[i:], " ")) {
				best = i
			}
			break
		}
		// a run of r: a rule when nothing but spaces follows it
		j := i + runEnd(s[i:], n)
		if (j-i)/n >= 10 && strings.TrimRight(s[j:], " ") == "" {
			best = i
			break
		}
		i = j
	}
	if best > prefixScan || best > 0 && containsAny(s[:best], "(None", "[null", "[(", "params", "Layer (") {
		return -1
	}
	return best
}

// runEnd is where the run of the rune s[:n] that starts s ends: a multiple of n.
func runEnd(s string, n int) int {
	j := 0
	if n == 1 { // an ASCII rule ("____"): byte by byte
		for j < len(s) && s[j] == s[0] {
			j++
		}
		return j
	}
	for j < len(s) && strings.HasPrefix(s[j:], s[:n]) {
		j += n
	}
	return j
}

// template writes s with every run of digits as one '0' and every run of spaces as one space: the
// shape of a prefix whose numbers (times, counters, line numbers) change from line to line, and
// with them the spaces that a tab or a padded field puts after them.
func template(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isEscapable(s[i+1]) {
			continue // a Markdown escape ("build\_model"): the character it escapes counts
		}
		if c >= '0' && c <= '9' || c == ' ' {
			for i+1 < len(s) && (s[i+1] >= '0' && s[i+1] <= '9') == (c != ' ') && (s[i+1] == ' ') == (c == ' ') {
				i++
			}
			if c != ' ' {
				c = '0'
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// matchTemplate gives the length of the start of s that template tpl stands for, -1 when s does
// not start with it.
func matchTemplate(s, tpl string) int {
	i := 0
	for k := 0; k < len(tpl); k++ {
		if i >= len(s) {
			return -1
		}
		if s[i] == '\\' && i+1 < len(s) && isEscapable(s[i+1]) && tpl[k] == s[i+1] {
			i++ // a Markdown escape
		}
		if tpl[k] == '0' {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			continue
		}
		if tpl[k] == ' ' && s[i] == ' ' {
			for i < len(s) && s[i] == ' ' {
				i++
			}
			continue
		}
		if s[i] != tpl[k] {
			return -1
		}
		i++
	}
	return i
}

// commonPrefix cuts the longest common start of two templates back to where a prefix can end: just
// after a separator (a space, a tab, "|", ":", "]", ">" or "-"); "" when what is left is no
// prefix: only spaces (indentation, which tables keep), a table's own border ("┃ ", "| ",
// "+ ") or the first columns of a reStructuredText rule ("=====  ====  "). weak reports a prefix without a letter or digit (a comment marker: "-- ", "#' "), which
// more lines must share.
func commonPrefix(a, b string) (p string, weak bool) {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && strings.IndexByte(" \t|:]>-+", a[n-1]) < 0 {
		n--
	}
	p = a[:n]
	if strings.IndexFunc(p, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '0' }) >= 0 {
		return p, false
	}
	rest := p
	if strings.HasPrefix(p, "+") {
		rest = p[1:] // the lines a diff or a patch adds: "+Model: ...", "+# Total params: ..."
	}
	if strings.Trim(rest, " =-_━─") == "" && rest != "" || strings.ContainsAny(rest, "│┃|+┆") {
		return "", false // indentation, a table's own borders, or the columns of a rule parted by spaces
	}
	return p, true
}

// minWeakAnchors is how many of a summary's own lines must carry a prefix without letters or
// digits.
const minWeakAnchors = 3

// repeatedPrefixes advances ends past a prefix that at least two of a summary's own lines carry.
func repeatedPrefixes(in []Line, ends []int) {
	type anchorLine struct {
		k   int
		tpl string
	}
	var anchors []anchorLine
	for k := range in {
		rest := in[k].text.s[ends[k]:]
		if TrimSpace(rest) == "" {
			continue // summaryStart finds nothing in blanks (the wrapped layout parts its rows by them)
		}
		p := summaryStart(rest)
		if p <= 0 || TrimSpace(rest[:p]) == "" {
			continue
		}
		anchors = append(anchors, anchorLine{k, template(rest[:p])})
	}
	done := -1 // lines up to here are dealt with
	for a := 0; a+1 < len(anchors); a++ {
		p, weak := commonPrefix(anchors[a].tpl, anchors[a+1].tpl)
		if p == "" || anchors[a+1].k-anchors[a].k > prefixReach {
			continue
		}
		// the group of anchors that share p
		b := a + 1
		for b+1 < len(anchors) && anchors[b+1].k-anchors[b].k <= prefixReach && matchTemplate(anchors[b+1].tpl, p) >= 0 {
			b++
		}
		if weak && b-a+1 < minWeakAnchors {
			continue
		}
		// the prefix without its last run of spaces, and how many of those spaces belong to it:
		// as many as its anchors all have (the rest is the summary's own indentation), or a
		// whole tab's worth
		head := strings.TrimRight(p, " ")
		sep := -1
		for g := a; g <= b; g++ {
			k := anchors[g].k
			rest := in[k].text.s[ends[k]:]
			if n := matchTemplate(rest, head); n >= 0 {
				m := len(rest[n:]) - len(strings.TrimLeft(rest[n:], " "))
				if sep < 0 || m < sep {
					sep = m
				}
			}
		}
		from := max(done+1, anchors[a].k-prefixReach)
		to := min(len(in)-1, anchors[b].k+prefixReach)
		for k := from; k <= to; k++ {
			t := &in[k].text
			rest := t.s[ends[k]:]
			n := matchTemplate(rest, head)
			if n < 0 {
				continue
			}
			if TrimSpace(rest[n:]) == "" {
				ends[k] = len(t.s) // the prefix alone: an empty line of the summary
				continue
			}
			m := len(rest[n:]) - len(strings.TrimLeft(rest[n:], " "))
			if m == 0 && len(head) < len(p) {
				continue // the separator is missing: not the prefix
			}
			if tab := tabRun(t, ends[k]+n); tab > 0 {
				m = min(m, tab)
			} else {
				m = min(m, max(sep, 0))
			}
			ends[k] += n + m
			ends[k] += stripPrefix(t.s[ends[k]:])
		}
		done = to
		a = b
	}
}

// tabRun is the length of the spaces at byte i of t that one tab was expanded into, 0 when they
// were typed.
func tabRun(t *text, i int) int {
	if i >= len(t.s) || t.s[i] != ' ' {
		return 0
	}
	line, col, fixed := t.at(i)
	if !fixed {
		return 0
	}
	n := 0
	for i+n < len(t.s) && t.s[i+n] == ' ' {
		l2, c2, f2 := t.at(i + n)
		if !f2 || l2 != line || c2 != col {
			break
		}
		n++
	}
	return n
}

// Repeated line suffixes: a browser's console writes the source of every message at the right
// of its line ("main.js:27:11"), and a copy keeps it there. A rule line of a summary ends with its
// rule: text after it, the same on two rules up to its numbers, is such a suffix, and it is cut
// from every line near them that ends with it.

// maxSuffix bounds the length of a repeated suffix.
const maxSuffix = 60

// ruleTail gives the text after a rule line's rule ("" when there is none, or the line is no
// rule line, or the text is too long or has spaces in it to be a tool's note).
func ruleTail(t string) string {
	t = TrimSpace(t)
	r, n := utf8.DecodeRuneInString(t)
	switch r {
	case '_', '=', '━', '─', '-':
	default:
		return ""
	}
	j := runEnd(t, n)
	if j/n < 10 || j >= len(t) || t[j] != ' ' {
		return ""
	}
	tail := TrimSpace(t[j:])
	if tail == "" || len(tail) > maxSuffix || strings.ContainsAny(tail, " \t") {
		return ""
	}
	return tail
}

// maxNoteWords bounds the words of a note typed after a line's suffix.
const maxNoteWords = 4

// repeatedSuffixes gives where each line's own text ends: before a suffix that two rules near it
// carry.
func repeatedSuffixes(in []Line, ends []int) []int {
	tails := make([]int, len(in))
	for k := range in {
		tails[k] = len(in[k].text.s)
	}
	type anchorLine struct {
		k   int
		tpl string
	}
	var anchors []anchorLine
	for k := range in {
		if tail := ruleTail(in[k].text.s[ends[k]:]); tail != "" {
			anchors = append(anchors, anchorLine{k, template(tail)})
		}
	}
	done := -1
	for a := 0; a+1 < len(anchors); a++ {
		b := a
		for b+1 < len(anchors) && anchors[b+1].tpl == anchors[a].tpl && anchors[b+1].k-anchors[b].k <= prefixReach {
			b++
		}
		if b == a {
			continue
		}
		tpl := anchors[a].tpl
		for k := max(done+1, anchors[a].k-prefixReach); k <= min(len(in)-1, anchors[b].k+prefixReach); k++ {
			s := strings.TrimRight(in[k].text.s, " ")
			sp := strings.LastIndexByte(s, ' ')
			// the suffix ends the line, or a short note a person typed after it ("<-- why?")
			for w := 0; w < maxNoteWords && sp >= ends[k] && template(s[sp+1:]) != tpl; w++ {
				s = strings.TrimRight(s[:sp], " ")
				sp = strings.LastIndexByte(s, ' ')
			}
			if sp < ends[k] || template(s[sp+1:]) != tpl {
				continue
			}
			cut := sp
			for cut > ends[k] && s[cut-1] == ' ' {
				cut--
			}
			tails[k] = cut
		}
		done = min(len(in)-1, anchors[b].k+prefixReach)
		a = b
	}
	return tails
}
