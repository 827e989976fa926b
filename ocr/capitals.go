package ocr

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// xHeightSmall are the small letters that stand between the baseline and the x-height, with no
// ascender, descender or dot: their capitals differ from them in height (and "m", "n", "r",
// "e", "a", "u" in shape too), so a cell tells them apart by its ink's height alone.
const xHeightSmall = "acemnorsuvwxz"

// smallFirst puts right a layer name whose first letter the recogniser read as its capital
// ("Classifier" of "classifier", "Maximum" of "maximum"): where the letter's small form stands
// at the x-height and its ink in the picture is no taller than the small letters of the same
// name, it is the small letter. A capital the user wrote ("Encoder") stands taller than them
// and stays. The references to the name in "Connected to" cells follow it.
func (lo *layout) smallFirst(p *Prepared) {
	if lo.grid.Pitch <= 0 || lo.grid.LinePitch <= 0 {
		return
	}
	renamed := map[string]string{}
	names := map[string]int{}
	for _, row := range lo.rows {
		if ts := rowTokens(row); len(ts) > 0 {
			names[ts[0].text]++
		}
	}
	for r, row := range lo.rows {
		ts := rowTokens(row)
		if len(ts) == 0 {
			continue
		}
		t := ts[0]
		rs := []rune(t.text)
		if len(rs) < 3 || !isIdentifier(t.text) || strings.ContainsRune(t.text, '[') || vocabulary[t.text] ||
			!strings.ContainsRune(strings.ToUpper(xHeightSmall), rs[0]) || !unicode.IsLower(rs[1]) {
			continue
		}
		small := unicode.ToLower(rs[0])
		if !lo.smallByHeight(p, r, t.col, rs) {
			continue
		}
		fixed := string(small) + string(rs[1:])
		if names[fixed] > 0 {
			continue // the page names another row so: not this one's to decide
		}
		lo.rows[r][t.col] = small
		renamed[t.text] = fixed
	}
	if len(renamed) == 0 {
		return
	}
	// the references: "Maximum[0][0]" of a row now named "maximum"
	for r, row := range lo.rows {
		for _, t := range rowTokens(row) {
			i := strings.IndexByte(t.text, '[')
			if i <= 0 || t.col == 0 {
				continue
			}
			if _, ok := renamed[t.text[:i]]; ok {
				lo.rows[r][t.col] = unicode.ToLower(lo.rows[r][t.col])
			}
		}
	}
}

// smallByHeight reports whether the first character of the name rs, at column col of row r,
// is no taller than the name's x-height letters: at least two of them, of one height, with the
// first character's ink on their baseline and at most a tenth taller.
func (lo *layout) smallByHeight(p *Prepared, r, col int, rs []rune) bool {
	top0, bot0, ok := lo.inkExtent(p, r, col)
	if !ok {
		return false
	}
	var hs, bots []float64
	for i := 1; i < len(rs); i++ {
		if !strings.ContainsRune(xHeightSmall, rs[i]) {
			continue
		}
		if t, b, ok := lo.inkExtent(p, r, col+i); ok {
			hs = append(hs, float64(b-t+1))
			bots = append(bots, float64(b))
		}
	}
	if len(hs) < 2 {
		return false
	}
	sort.Float64s(hs)
	sort.Float64s(bots)
	xh, base := hs[len(hs)/2], bots[len(bots)/2]
	if xh < 4 || hs[len(hs)-1]-hs[0] > 0.25*xh {
		return false // too small to measure, or the cells are not the letters' (a shifted word)
	}
	h := float64(bot0 - top0 + 1)
	return math.Abs(float64(bot0)-base) <= 0.12*xh+1 && h <= 1.1*xh
}

// inkExtent is the top and bottom pixel row of the ink in a cell, within its line (the middle
// of the cell, so that its neighbours' edges do not count).
func (lo *layout) inkExtent(p *Prepared, r, col int) (top, bot int, ok bool) {
	g := lo.grid
	x := lo.cellX(r, col)
	x0, x1 := int(x+0.2*g.Pitch), int(x+0.8*g.Pitch)
	yc := lo.rowY(r)
	y0, y1 := int(yc-0.45*g.LinePitch), int(yc+0.45*g.LinePitch)
	img := p.img
	if x0 < 0 || y0 < 0 || x1 >= img.W || y1 >= img.H || x1 <= x0 {
		return 0, 0, false
	}
	top, bot = -1, -1
	for y := y0; y <= y1; y++ {
		for xx := x0; xx <= x1; xx++ {
			if img.Pix[y*img.W+xx] < 128 {
				if top < 0 {
					top = y
				}
				bot = y
				break
			}
		}
	}
	return top, bot, top >= 0
}
