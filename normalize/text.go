package normalize

import (
	"sort"
	"unicode/utf8"
)

// anchor says where a stretch of a line's text came from: the text from off on starts at input
// line:col (1-based; columns count runes). A fixed anchor maps every byte up to the next anchor to
// that one position: text that normalisation put in place of something else (a tab's spaces, a
// decoded entity, a cell border standing for a pipe or an HTML tag).
type anchor struct {
	off       int
	line, col int
	fixed     bool
}

// anchorEvery bounds the bytes between two anchors of a kept stretch, so that finding a position
// counts at most that many bytes.
const anchorEvery = 256

// text is a string with its position map.
type text struct {
	s  string
	an []anchor
}

// at gives the input position of byte off of t, and whether it lies in a fixed stretch.
func (t *text) at(off int) (line, col int, fixed bool) {
	if len(t.an) == 0 {
		return 1, 1, true
	}
	k := sort.Search(len(t.an), func(i int) bool { return t.an[i].off > off }) - 1
	if k < 0 {
		k = 0
	}
	a := t.an[k]
	if a.fixed || off <= a.off {
		return a.line, a.col, a.fixed
	}
	if off > len(t.s) {
		off = len(t.s)
	}
	return a.line, a.col + utf8.RuneCountInString(t.s[a.off:off]), false
}

// lineAt is the line that at gives for off, without counting the column.
func (t *text) lineAt(off int) int {
	k := sort.Search(len(t.an), func(i int) bool { return t.an[i].off > off }) - 1
	return t.an[max(k, 0)].line
}

// rawText is one input line as it was: column 1 at its first byte.
func rawText(s string, line int) text {
	return rawTextIn(make([]anchor, 1, 1+len(s)/anchorEvery), s, line)
}

// anchorSlab hands out the anchors of the input's lines from one allocation: each line gets its
// own part, capped, so that the lines never share an anchor.
type anchorSlab []anchor

// take is room for the anchors rawText gives a line of n bytes (at most 1+n/anchorEvery).
func (sl *anchorSlab) take(n int) []anchor {
	need := 1 + n/anchorEvery
	if cap(*sl)-len(*sl) < need {
		*sl = make([]anchor, 0, max(need, 1024))
	}
	k := len(*sl)
	*sl = (*sl)[:k+need]
	return (*sl)[k : k+1 : k+need]
}

// rawTextIn is rawText with its anchors in an (one long, with room for the rest).
func rawTextIn(an []anchor, s string, line int) text {
	t := text{s: s, an: an}
	t.an[0] = anchor{off: 0, line: line, col: 1}
	if len(s) <= anchorEvery {
		return t // one anchor is all a short line needs
	}
	col := 1
	last := 0
	for i := 0; i < len(s); {
		if i-last >= anchorEvery && s[i]&0xC0 != 0x80 {
			t.an = append(t.an, anchor{off: i, line: line, col: col})
			last = i
		}
		n := 1
		if s[i] >= utf8.RuneSelf {
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		col++
	}
	return t
}

// builder assembles a new text from stretches of old ones and literals, keeping positions.
type builder struct {
	b  []byte
	an []anchor
}

func (b *builder) add(a anchor) {
	if n := len(b.an); n > 0 && b.an[n-1].off == a.off {
		b.an[n-1] = a
		return
	}
	b.an = append(b.an, a)
}

// keep appends t.s[i:j] with its positions.
func (b *builder) keep(t *text, i, j int) {
	if i >= j {
		return
	}
	line, col, fixed := t.at(i)
	b.add(anchor{off: len(b.b), line: line, col: col, fixed: fixed})
	k := sort.Search(len(t.an), func(x int) bool { return t.an[x].off > i })
	for ; k < len(t.an) && t.an[k].off < j; k++ {
		a := t.an[k]
		a.off = len(b.b) + a.off - i
		b.add(a)
	}
	b.b = append(b.b, t.s[i:j]...)
}

// lit appends s, every byte of it at input position line:col.
func (b *builder) lit(s string, line, col int) {
	if s == "" {
		return
	}
	b.add(anchor{off: len(b.b), line: line, col: col, fixed: true})
	b.b = append(b.b, s...)
}

// litAt appends s at the position of byte i of t.
func (b *builder) litAt(s string, t *text, i int) {
	line, col, _ := t.at(i)
	b.lit(s, line, col)
}

// text returns what was built and empties the builder.
func (b *builder) text() text {
	t := text{s: string(b.b), an: b.an}
	b.b, b.an = nil, nil
	return t
}

func (b *builder) len() int { return len(b.b) }

// lastByte is the last byte written, 0 when none.
func (b *builder) lastByte() byte {
	if len(b.b) == 0 {
		return 0
	}
	return b.b[len(b.b)-1]
}
