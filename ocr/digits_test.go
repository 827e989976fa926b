package ocr

import (
	"strings"
	"testing"
)

// The digits-only reading of a count cell replaces the first reading, except where it read fewer
// characters than its box has cells ("5" in a box three cells wide, of "175"): it lost glyphs, so
// the first reading stands, marked as read with low confidence. The cases are ours: a cell of a
// blank picture, its two readings given as the recogniser would.
func TestApplyCountsLostDigits(t *testing.T) {
	const pitch, lp = 30.0, 40.0
	cases := []struct {
		name      string
		box       bool    // a box table (a row keeps a cell it cannot read)
		first     string  // what the first reading put in the cell (ending at column 8)
		firstConf float64 // its confidence
		digits    string  // the digits-only reading
		cells     float64 // how many cells its box spans
		want      string
		doubt     bool
	}{
		{"digits lost, a box row: the first reading stands", true, "E75", 39, "5", 2.9, "E75", true},
		{"digits lost, a plain row: the digits read, in doubt", false, "$13", 79, "13", 2.9, "13", true},
		{"digits lost, the first a longer number: it stands, in doubt", false, "525", 81, "25", 2.9, "525", true},
		{"digits lost, the first no longer", true, "25", 81, "25", 2.9, "25", true},
		{"every glyph read", true, "E75", 39, "175", 2.9, "175", true},
		{"both agree", false, "175", 90, "175", 2.9, "175", false},
		{"a lone digit in a narrow box", false, "8", 60, "0", 0.7, "0", true},
		{"a grouped count, an O for its 0: the readings agree", false, "1,O88", 70, "1,088", 4.8, "1,088", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img := newGray(400, 200)
			for i := range img.Pix {
				img.Pix[i] = 255
			}
			p := &Prepared{img: img, grey: img, Glyph: 30}
			lo := &layout{grid: charGrid{Pitch: pitch, X0: pitch / 2, LinePitch: lp}}
			if c.box {
				lo.vcols = []int{1, 10}
			}
			for i, r := range []rune(c.first) {
				lo.put(0, 9-len([]rune(c.first))+i, r, c.firstConf)
			}
			cell := cellCrop{Row: 0, C0: 2, C1: 9, X0: 45, X1: 285, Y0: 0, Y1: 39, At: 40}
			// the digits-only word, in the stitched picture's pixels, right-aligned at the
			// first reading's end (column 8 ends at pixel 270; a glyph's ink a little before)
			w := int(c.cells * pitch)
			word := Word{Text: c.digits, Left: 266 - w - cell.X0 + int(lp), Top: cell.At + 5, Width: w, Height: 30, Conf: 90}
			lo.applyCounts(p, []cellCrop{cell}, []Word{word})
			got := strings.TrimSpace(string(lo.rows[0]))
			if got != c.want {
				t.Errorf("read %q, want %q", got, c.want)
			}
			doubt := false
			for k, r := range lo.rows[0] {
				if r != ' ' && lo.conf[0][k] < DoubtConf {
					doubt = true
				}
			}
			if doubt != c.doubt {
				t.Errorf("in doubt: %v, want %v", doubt, c.doubt)
			}
		})
	}
}

// A count whose first glyph the digits-only reading lost, kept as first read, reads the marks
// the recogniser makes of a digit ("$" of a 5, "B" of an 8) as that digit; marks that stand for
// no digit, and what would not be a count as printed, stay.
func TestFirstAsDigits(t *testing.T) {
	for _, c := range []struct{ cell, num, want string }{
		{"│   $5,328 │", "5,328", "│   55,328 │"},
		{"│   B1,024 │", "1,024", "│   81,024 │"},
		{"│   S12    │", "12", "│   512    │"},
		{"│   #5,328 │", "5,328", "│   #5,328 │"}, // no digit's glyph
		{"│ $$$5,328 │", "5,328", "│ $$$5,328 │"}, // three glyphs beyond the digits read
		{"│   o5,328 │", "5,328", "│   o5,328 │"}, // no count starts with a 0
		{"│   $5,328 │", "5,329", "│   $5,328 │"}, // the readings differ past the lost glyph
	} {
		lo := layoutOf([]string{c.cell}, 90)
		n := len([]rune(c.cell))
		lo.firstAsDigits(cellCrop{Row: 0, C0: 1, C1: n - 2}, c.num)
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("%q over %q: %q, want %q", c.cell, c.num, got, c.want)
		}
	}
}
