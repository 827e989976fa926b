package ocr

import (
	"math"
	"strconv"
	"strings"
)

// familyStems decides the stem of a family of names a user numbered ("Fc_1" … "Fc_6") that the
// recogniser read with two stems a letter apart ("Fe_1", "Fc_2", "Fc_3", "Fe_5"): the rows of one
// class whose names are two stems one letter apart, followed by numbers none of them shares, are
// one family, and the cells of that letter are read again by the picture's own glyphs. A template
// of a letter is the mean of its cells in the class names the page matched ("(Dense)" shows an
// "e"); where both letters have one, each cell lies nearer one; where only one has, the cells
// all like it are it, and the cells all unlike it, and like each other, are the other. A member
// read a character long ("Fce_4"), whose number the family skips, is the family's too.
func (lo *layout) familyStems(p *Prepared) {
	type member struct {
		row, col int
		stem     string
		n        int
	}
	byClass := map[string][]member{}
	for r, row := range lo.rows {
		ts := rowTokens(row)
		if len(ts) == 0 || !isIdentifier(ts[0].text) || strings.ContainsAny(ts[0].text, "[…") {
			continue
		}
		class := ""
		if len(ts) > 1 && classTok(ts[1].text) {
			class = ts[1].text
		} else if lo.boxTop >= 0 && r+1 < len(lo.rows) {
			for _, u := range rowTokens(lo.rows[r+1]) {
				if u.col == ts[0].col && classTok(u.text) {
					class = u.text
				}
			}
		}
		s := ts[0].text
		i := len(s)
		for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(s[i:])
		if class == "" || i == 0 || err != nil || len(s)-i > 3 {
			continue
		}
		byClass[class] = append(byClass[class], member{r, ts[0].col, s[:i], n})
	}
	var tmpl map[rune][]float32
	var spread map[rune]float64
	for _, ms := range byClass {
		stems := map[string][]member{}
		for _, m := range ms {
			stems[m.stem] = append(stems[m.stem], m)
		}
		for a, as := range stems {
			for b, bs := range stems {
				pos := oneLetterApart(a, b)
				if a >= b || pos < 0 || !distinctNumbers(as, bs, func(m member) int { return m.n }) {
					continue
				}
				if tmpl == nil {
					tmpl, spread = lo.letterTemplates(p)
				}
				var cells [][]float32
				for _, m := range append(append([]member(nil), as...), bs...) {
					if px := lo.cellPix(p, m.row, m.col+pos, 3); px != nil {
						cells = append(cells, px)
					}
				}
				if len(cells) != len(as)+len(bs) {
					continue
				}
				win := lo.decideLetter(cells, rune(a[pos]), rune(b[pos]), tmpl, spread)
				if win == 0 {
					continue
				}
				stem, losers := a, bs
				if win == rune(b[pos]) {
					stem, losers = b, as
				}
				for _, m := range losers {
					lo.rows[m.row][m.col+pos] = win
				}
				// a member read a character long, its number one the family skips
				taken := map[int]bool{}
				for _, m := range ms {
					if m.stem == a || m.stem == b {
						taken[m.n] = true
					}
				}
				for _, m := range ms {
					if len(m.stem) != len(stem)+1 || taken[m.n] || !taken[m.n-1] && !taken[m.n+1] || !dropsTo(m.stem, stem) {
						continue
					}
					name := stem + strconv.Itoa(m.n)
					row := lo.rows[m.row]
					for c := m.col; c < m.col+len(m.stem)+len(strconv.Itoa(m.n)); c++ {
						row[c] = ' '
					}
					copy(row[m.col:], []rune(name))
					taken[m.n] = true
				}
			}
		}
	}
}

// oneLetterApart is the one place where two stems of the same length differ, both letters there
// and neither its first character; -1 for none.
func oneLetterApart(a, b string) int {
	if len(a) != len(b) || a == b {
		return -1
	}
	pos := -1
	for i := range a {
		if a[i] != b[i] {
			if pos >= 0 {
				return -1
			}
			pos = i
		}
	}
	if pos <= 0 || !isLetter(a[pos]) || !isLetter(b[pos]) {
		return -1
	}
	return pos
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// distinctNumbers reports whether the members of two groups all have numbers of their own.
func distinctNumbers[M any](as, bs []M, n func(M) int) bool {
	seen := map[int]bool{}
	for _, m := range append(append([]M(nil), as...), bs...) {
		if seen[n(m)] {
			return false
		}
		seen[n(m)] = true
	}
	return true
}

// dropsTo reports whether dropping one character of long gives short.
func dropsTo(long, short string) bool {
	for i := range long {
		if long[:i]+long[i+1:] == short {
			return true
		}
	}
	return false
}

// letterTemplates are the templates of the letters of the class names the page matched, each
// with the lowest likeness of its own samples to it (how far a cell of that letter may lie).
func (lo *layout) letterTemplates(p *Prepared) (map[rune][]float32, map[rune]float64) {
	const m = 3
	g := lo.grid
	w, h := int(math.Round(g.Pitch)), int(math.Round(g.LinePitch))
	samples := map[rune][][]float32{}
	for _, pw := range lo.placed {
		if !pw.Exact || !pw.Known {
			continue
		}
		for i, r := range pw.Text {
			if !isLetter(byte(r)) || r > 'z' || lo.at(pw.Row, pw.Col+i) != r || len(samples[r]) >= 40 {
				continue
			}
			if px := lo.cellPix(p, pw.Row, pw.Col+i, m); px != nil {
				samples[r] = append(samples[r], px)
			}
		}
	}
	tmpl, low := map[rune][]float32{}, map[rune]float64{}
	for r, ss := range samples {
		if len(ss) < 3 {
			continue // too few to know how a cell of it may vary
		}
		t := meanGlyph(ss, w, h, m)
		tmpl[r] = t
		low[r] = 1
		for _, px := range ss {
			low[r] = min(low[r], likeness(t, w, h, px, w+2*m, m))
		}
	}
	return tmpl, low
}

// likeness is the correlation of a cell with a template at the shift that matches best.
func likeness(t []float32, w, h int, px []float32, W, m int) float64 {
	dx, dy := align(t, w, h, px, W, m)
	return ncc(t, w, h, px, W, m, dx, dy)
}

// decideLetter reads the cells as a or b by the templates (0: undecided).
func (lo *layout) decideLetter(cells [][]float32, a, b rune, tmpl map[rune][]float32, low map[rune]float64) rune {
	const m = 3
	g := lo.grid
	w, h := int(math.Round(g.Pitch)), int(math.Round(g.LinePitch))
	W := w + 2*m
	ta, tb := tmpl[a], tmpl[b]
	switch {
	case ta != nil && tb != nil:
		var sum float64
		for _, px := range cells {
			d := discriminate(ta, tb, w, h, px, W, m)
			if math.Abs(d) < discriminateMin {
				return 0
			}
			sum += d
		}
		if sum > 0 {
			return b
		}
		return a
	case ta == nil && tb == nil:
		return 0
	}
	known, other := a, b
	if ta == nil {
		known, other = b, a
	}
	t := tmpl[known]
	all, none := true, true
	for _, px := range cells {
		l := likeness(t, w, h, px, W, m)
		all = all && l >= low[known]
		none = none && l < low[known]-0.1
	}
	if all {
		return known
	}
	if !none {
		return 0
	}
	// unlike the known letter: the other, where the cells are one glyph
	mean := meanGlyph(cells, w, h, m)
	for _, px := range cells {
		if likeness(mean, w, h, px, W, m) < low[known] {
			return 0
		}
	}
	return other
}
