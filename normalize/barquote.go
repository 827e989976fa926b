package normalize

import "strings"

// Bar quoting: some mail clients and forums quote a message with "| " (or "|" alone on an empty
// line) in front of every line. Over a summary it looks like the left border of a pipe table,
// but a pipe table's rows have pipes between their cells, and the lines a summary prints on its
// own (its title, its rules, its totals) never start with a pipe. So a run of lines that all
// start with "|", in which at least two of a summary's own lines (one a rule) carry no other
// pipe, is quoted (a rule or a box's border among them): the first "|" and the space after it are a quote marker on each of its lines.
// A box's rows keep what follows ("| | conv2d (Conv2D) … |" is a quoted nested row).

// minBarAnchors is how many lines with no pipe behind the marker a quoted run must hold.
const minBarAnchors = 2

// maxBarGap is how many lines without the marker a quoted run may hold: a page's footer or
// header that a print of the mail put between its lines, with the blank lines around it.
const maxBarGap = 4

// maxBarIndent bounds the spaces before the marker (the quoted text indented as a code block).
const maxBarIndent = 8

// barQuotes advances ends past a bar quote marker on the lines of every run that is bar-quoted.
func barQuotes(in []Line, ends []int) {
	for i := 0; i < len(in); {
		if barAt(in[i].text.s[ends[i]:]) < 0 {
			i++
			continue
		}
		j, last := i, i // last: the last marked line of the run
		anchors := 0
		for j < len(in) && j-last <= maxBarGap {
			s := in[j].text.s[ends[j]:]
			m := barAt(s)
			if m < 0 {
				j++
				continue
			}
			last = j
			if rest := s[m:]; strings.IndexByte(rest, '|') < 0 && TrimSpace(rest) != "" {
				anchors++ // a title, a rule, a totals line or prose: no pipe table's line
			}
			j++
		}
		if anchors >= minBarAnchors {
			for k := i; k <= last; k++ {
				s := in[k].text.s
				if m := barAt(s[ends[k]:]); m >= 0 {
					ends[k] += m
					ends[k] += stripPrefix(s[ends[k]:])
				}
			}
		}
		i = last + 1
	}
}

// barAt is where the text after a bar quote marker at the start of s starts (the marker "|" then
// a space or nothing, or a second "|": a quoted nested row or box line, which keeps its own; the
// marker maybe indented), -1 when s starts with none.
func barAt(s string) int {
	i := 0
	for i < len(s) && i < maxBarIndent && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '|' {
		return -1
	}
	i++
	switch {
	case i == len(s):
		return i
	case s[i] == ' ':
		return i + 1
	case s[i] == '|':
		return i
	}
	return -1
}
