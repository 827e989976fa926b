package normalize

import "strings"

// Bar quoting: some mail clients and forums quote a message with "| " (or "|" alone on an empty
// line) in front of every line. Over a summary it looks like the left border of a pipe table,
// but a pipe table's rows have pipes between their cells, and the lines a summary prints on its
// own (its title, its rules, its totals) and the prose around it never start with a pipe. So a
// run of lines that all start with "|", in which a summary's own line or two lines of prose carry
// no other pipe, is quoted: the first "|" and the space after it are a quote marker on each of
// its lines.
// A box's rows keep what follows ("| | conv2d (Conv2D) … |" is a quoted nested row).

// minBarAnchors is the weight of the lines with no pipe behind the marker (barAnchor) that a
// quoted run must hold.
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
			if m < 0 && strings.HasPrefix(strings.TrimLeft(s, " "), "|") {
				break // a pipe that is no quote marker ("|-", "|}": a wiki table's markup)
			}
			if m < 0 {
				j++
				continue
			}
			last = j
			anchors += barAnchor(s[m:])
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

// barAnchor weighs a bar-quoted line's text as evidence of quoting: 2 for a summary's own line
// (title, header, rule, totals) with no pipe in it, 1 for prose (two words or more, or a heading or list item, with no shape and no count at its end),
// 0 for the rest: a row or the piece of one (a tf.keras nested row starts with "|" too, and a
// mail client may have moved its closing pipe to the next line).
func barAnchor(rest string) int {
	if strings.IndexByte(rest, '|') >= 0 {
		return 0
	}
	m := stripPrefix(rest)
	t := strings.TrimLeft(rest[m:], " ")
	f := strings.Fields(t)
	switch {
	case t == "":
		return 0
	case summaryStart(t) == 0:
		return 2
	case containsAny(t, "(None", "[(", "[null", "((") || isDigits(strings.ReplaceAll(f[len(f)-1], ",", "")) || cellLike(t):
		return 0 // a row, or the piece of one: its count, its shape, its "name (Class)" cell
	case m > 0 || len(f) >= 2:
		return 1 // a heading, a list item, a sentence
	}
	return 0
}

// cellLike reports text that holds a shape's bracket before a digit ("(32, 8)") or a class in
// parentheses ("(InputLayer)"): a summary's cell, not prose.
func cellLike(t string) bool {
	for i := 0; i+1 < len(t); i++ {
		if (t[i] == '(' || t[i] == '[') && (t[i+1] >= '0' && t[i+1] <= '9' || t[i] == '(' && t[i+1] >= 'A' && t[i+1] <= 'Z') {
			return true
		}
	}
	return false
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
