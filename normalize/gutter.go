package normalize

import (
	"strings"
	"unsafe"
)

// Line numbers copied with the text from a code viewer or an editor: a gutter of counting numbers
// in front of every line ("12  Model: ...", " 9 | ___", "10: Layer"). A run of at least
// minGutterRun lines numbered one after the other loses its gutter: as many columns on every line
// as the shortest gutter of the run takes, so that what follows keeps its alignment.

const minGutterRun = 3

// gutterAt reads a line number at the start of s: the number, and where the text after it and its
// separator (spaces, "|", ":", "│") starts; text is -1 when s starts with no number.
func gutterAt(s string) (num, text int) {
	i := 0
	for i < len(s) && i < 40 && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && j-i < 7 && s[j] >= '0' && s[j] <= '9' {
		num = num*10 + int(s[j]-'0')
		j++
	}
	if j == i || j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '|' && s[j] != ':' && !strings.HasPrefix(s[j:], "│") {
		return 0, -1
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	switch {
	case strings.HasPrefix(s[j:], "│"):
		j += len("│")
	case j < len(s) && (s[j] == '|' || s[j] == ':'):
		j++
	default:
		return num, j
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return num, j
}

// stripGutters removes the line numbers of runs of numbered lines.
func stripGutters(in []Line) []Line {
	for i := 0; i < len(in); {
		first, t := gutterAt(in[i].text.s)
		if t < 0 {
			i++
			continue
		}
		width := t
		j := i + 1
		numbered := 1 // lines of the run that carry their number (blank lines between them need not)
		for j < len(in) {
			if TrimSpace(in[j].text.s) == "" && j+1 < len(in) {
				j++ // a blank line a page added between numbered ones
				continue
			}
			num, t := gutterAt(in[j].text.s)
			if t < 0 || num != first+numbered {
				break
			}
			if t < len(in[j].text.s) && t < width {
				width = t
			}
			numbered++
			j++
		}
		for j > i && TrimSpace(in[j-1].text.s) == "" {
			j--
		}
		if numbered < minGutterRun {
			i++
			continue
		}
		unpadded, after := unpaddedGutter(in[i:j])
		for k := i; k < j; k++ {
			if TrimSpace(in[k].text.s) == "" {
				continue
			}
			from := min(width, len(in[k].text.s))
			if unpadded {
				from = min(glued(in[k].text.s)+after, len(in[k].text.s))
			}
			var b builder
			b.keep(&in[k].text, from, len(in[k].text.s))
			in[k].set(b.text())
		}
		i = j
	}
	return in
}

// glued is where the separator glued to a line's number ends ("9:", "10|"), 0 when no separator
// follows the number at once.
func glued(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i == 0 || i == len(s):
		return 0
	case s[i] == ':' || s[i] == '|':
		return i + 1
	case strings.HasPrefix(s[i:], "│"):
		return i + len("│")
	}
	return 0
}

// unpaddedGutter reports a gutter whose numbers are not padded to one width, each with its
// separator glued to it ("9:Model", "10:Layer", as grep -n and a program's own numbering print
// them): the text starts after each line's own separator, and after as many spaces as every line
// of the run has there (after). A padded gutter ends at one column, and is cut there.
func unpaddedGutter(run []Line) (unpadded bool, after int) {
	widths := map[int]bool{}
	after = -1
	for _, l := range run {
		s := l.text.s
		if TrimSpace(s) == "" {
			continue
		}
		g := glued(s)
		if g == 0 {
			return false, 0
		}
		widths[g] = true
		n := 0
		for g+n < len(s) && s[g+n] == ' ' {
			n++
		}
		if after < 0 || n < after {
			after = n
		}
	}
	return len(widths) > 1, max(after, 0)
}

// prefixCache remembers the prefixEnds of a list of lines: Normalize needs them twice, and the
// passes between the two mostly leave every line as it was. A line is the same when its text is
// the same string and the same anchors (the same memory), which is all prefixEnds reads.
type prefixCache struct {
	keys  []textKey
	found []int
}

type textKey struct {
	s  *byte
	n  int
	an *anchor
	na int
}

func keyOf(t *text) textKey {
	k := textKey{s: unsafe.StringData(t.s), n: len(t.s), na: len(t.an)}
	if len(t.an) > 0 {
		k.an = &t.an[0]
	}
	return k
}

// ends is prefixEnds(in), computed again only when a line changed since the last call. The
// result is the caller's to change.
func (c *prefixCache) ends(in []Line) []int {
	same := c.found != nil && len(c.keys) == len(in)
	for k := 0; same && k < len(in); k++ {
		same = c.keys[k] == keyOf(&in[k].text)
	}
	if !same {
		c.found = prefixEnds(in)
		c.keys = make([]textKey, len(in))
		for k := range in {
			c.keys[k] = keyOf(&in[k].text)
		}
	}
	return append([]int(nil), c.found...)
}

// prefixEnds finds where each line's own text starts in the table view: after its quote
// markers, prompts and list markers, and after a gutter of line numbers that a run of lines
// carries behind those markers ("> 12  # Model: …": a numbered listing, quoted, of commented
// text), and after the markers behind the gutter.
func prefixEnds(in []Line) []int {
	ends := make([]int, len(in))
	for k := range in {
		ends[k] = stripPrefix(in[k].text.s)
	}
	barQuotes(in, ends)
	defer repeatedPrefixes(in, ends)
	for i := 0; i < len(in); {
		first, t := gutterAt(in[i].text.s[ends[i]:])
		if t < 0 {
			i++
			continue
		}
		width := t
		j := i + 1
		for j < len(in) {
			rest := in[j].text.s[ends[j]:]
			num, t := gutterAt(rest)
			if t < 0 || num != first+(j-i) {
				break
			}
			if t < len(rest) && t < width {
				width = t
			}
			j++
		}
		if j-i < minGutterRun {
			i++
			continue
		}
		for k := i; k < j; k++ {
			s := in[k].text.s
			e := min(ends[k]+width, len(s))
			ends[k] = e + stripPrefix(s[e:])
		}
		i = j
	}
	return ends
}
