package ocr

import (
	"strings"
	"testing"
)

// The digits of counts are decided by the picture's own digits: a cell drawn as the page's 0
// but read as 8 is a 0 (and its count in doubt), whether the two readings disagreed on it or
// agreed; a digit that looks like what it was read as stays. Our own glyphs: a 0 is a box, an
// 8 the same box with a bar across its middle.
func TestRegroupCounts(t *testing.T) {
	const pitch, lp = 20.0, 40.0
	rows := []struct {
		drawn, read string
		agreed      bool
	}{
		{"800", "800", true},
		{"808", "808", true},
		{"880", "880", true},
		{"10", "18", false},  // disagreed, drawn as 10
		{"80", "80", true},   // read right
		{"800", "808", true}, // both readings misread the last 0 alike
	}
	img := newGray(200, (len(rows)+2)*int(lp))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	ink := func(x0, y0, x1, y1 int) {
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				img.Pix[y*img.W+x] = 0
			}
		}
	}
	lo := &layout{grid: charGrid{Pitch: pitch, X0: pitch / 2, LinePitch: lp}}
	for r, row := range rows {
		yc := (r + 1) * int(lp) // the centre of row r (no lines: rowY's pitch from the top)
		for c, ch := range row.drawn {
			x0 := c * int(pitch)
			switch ch {
			case '0', '8':
				ink(x0+4, yc-12, x0+15, yc-10)
				ink(x0+4, yc+10, x0+15, yc+12)
				ink(x0+4, yc-12, x0+6, yc+12)
				ink(x0+13, yc-12, x0+15, yc+12)
				if ch == '8' {
					ink(x0+4, yc-1, x0+15, yc+1)
				}
			case '1':
				ink(x0+9, yc-12, x0+11, yc+12)
			}
		}
		for c, ch := range row.read {
			lo.put(r, c, ch, 90)
		}
		pw := placedWord{Row: r, Col: 0, Text: []rune(row.read), Conf: 90, Exact: true, Known: row.agreed, Count: true}
		if row.agreed {
			lo.placed = append(lo.placed, pw)
		} else {
			lo.counts = append(lo.counts, pw)
		}
	}
	p := &Prepared{img: img, grey: img, Glyph: 24}
	lo.regroupCounts(p)
	want := []string{"800", "808", "880", "10", "80", "800"}
	for r, w := range want {
		if got := strings.TrimSpace(string(lo.rows[r])); got != w {
			t.Errorf("row %d: %q, want %q", r, got, w)
		}
	}
	if lo.conf[5][0] >= DoubtConf || lo.conf[3][0] >= DoubtConf {
		t.Errorf("a count read again is not in doubt: %v %v", lo.conf[5][0], lo.conf[3][0])
	}
	if lo.conf[4][0] < DoubtConf {
		t.Errorf("a count read right lost its confidence: %v", lo.conf[4][0])
	}
}

// A thin glyph a little nearer the picture's "1" than its "l" is read as "1" where a name's
// number stands (the end of a part), and stays an "l" between two letters of a part ("block"),
// where a digit needs more. Our own glyphs: an "l" a bar with a foot to the right, a "1" the
// same bar with a flag to the left, the cells to decide a mix of three parts "1" to one "l".
func TestRegroupDigitInsideLetters(t *testing.T) {
	const pitch, lp = 20.0, 40.0
	img := newGray(400, 200)
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	lo := &layout{grid: charGrid{Pitch: pitch, X0: pitch / 2, LinePitch: lp}}
	// ink of a glyph in cell (row, col), by kind, at a weight
	draw := func(row, col int, kind rune, weight float64) {
		x0, yc := col*int(pitch), (row+1)*int(lp)
		set := func(x, y int) {
			v := float64(img.Pix[y*img.W+x]) - 255*weight
			img.Pix[y*img.W+x] = uint8(max(0, v))
		}
		for y := yc - 12; y <= yc+12; y++ {
			for x := x0 + 9; x <= x0+11; x++ {
				set(x, y)
			}
		}
		for y := yc + 10; y <= yc+12; y++ {
			for x := x0 + 12; x <= x0+15; x++ {
				if kind == 'l' {
					set(x, y)
				}
			}
		}
		for y := yc - 12; y <= yc-10; y++ {
			for x := x0 + 5; x <= x0+8; x++ {
				if kind == '1' {
					set(x, y)
				}
			}
		}
		if kind == 'x' { // a letter: a block
			for y := yc - 6; y <= yc+12; y++ {
				for x := x0 + 4; x <= x0+15; x++ {
					set(x, y)
				}
			}
		}
	}
	// the templates: known words
	for c, k := range "1l1l1l" {
		draw(0, c, k, 1)
		lo.put(0, c, k, 95)
	}
	lo.placed = append(lo.placed, placedWord{Row: 0, Col: 0, Text: []rune("1l1l1l"), Conf: 95, Exact: true, Known: true})
	// a name read "blockl_fcl": its l's all three parts "1"
	name := "blockl_fcl"
	for c, k := range name {
		switch {
		case k == 'l':
			draw(2, c, '1', 0.75)
			draw(2, c, 'l', 0.25)
		case k != '_':
			draw(2, c, 'x', 1)
		}
		lo.put(2, c, k, 60)
	}
	lo.placed = append(lo.placed, placedWord{Row: 2, Col: 0, Text: []rune(name), Conf: 60, Exact: true})
	p := &Prepared{img: img, grey: img, Glyph: 24}
	lo.regroup(p)
	if got := string(lo.rows[2]); got != "block1_fc1" {
		t.Errorf("read %q, want %q", got, "block1_fc1")
	}
}
