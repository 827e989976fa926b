package ocr

import (
	"strings"
	"testing"
	"unicode"
)

// drawRows makes a picture of rows of text on a grid of 20 × 40 pixel cells, each character a
// block of ink standing on the baseline: x-height letters 12 pixels tall, every other glyph
// 16, except the cells (row, col) that small lists, drawn at the x-height.
func drawRows(rows []string, small map[[2]int]bool) (*Prepared, *layout) {
	const pitch, lp = 20.0, 40.0
	img := newGray(60*int(pitch), (len(rows)+2)*int(lp))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	lo := &layout{grid: charGrid{Pitch: pitch, X0: pitch / 2, LinePitch: lp}}
	for r, text := range rows {
		base := (r+1)*int(lp) + 12
		for c, ch := range []rune(text) {
			lo.put(r, c, ch, 90)
			if ch == ' ' || ch == '│' {
				continue
			}
			h := 16
			if strings.ContainsRune(xHeightSmall, ch) || small[[2]int{r, c}] {
				h = 12
			}
			if ch == '_' {
				h = 2
			}
			for y := base - h + 1; y <= base; y++ {
				for x := c*int(pitch) + 3; x < (c+1)*int(pitch)-3; x++ {
					img.Pix[y*img.W+x] = 0
				}
			}
		}
	}
	return &Prepared{img: img, grey: img, Glyph: 16}, lo
}

// A name's first letter read as its capital is its small letter where its ink is no taller than
// the name's x-height letters; a capital the user wrote stands taller and stays. Our own rows.
func TestSmallFirst(t *testing.T) {
	cases := []struct {
		name  string
		rows  []string
		small map[[2]int]bool // cells drawn at the x-height
		want  []string
	}{
		{"a small c read as C, and the reference to it",
			[]string{"Classifier (Dense)", "output (Dense)  Classifier[0][0]"},
			map[[2]int]bool{{0, 0}: true},
			[]string{"classifier (Dense)", "output (Dense)  classifier[0][0]"}},
		{"a capital the user wrote stays",
			[]string{"Conv_1 (Conv2D)", "Sepconv_2 (SeparableConv2D)"},
			nil,
			[]string{"Conv_1 (Conv2D)", "Sepconv_2 (SeparableConv2D)"}},
		{"a small m read as M",
			[]string{"Maximum (Maximum)"},
			map[[2]int]bool{{0, 0}: true},
			[]string{"maximum (Maximum)"}},
		{"too few x-height letters to tell: stays",
			[]string{"Add_1 (Add)"},
			map[[2]int]bool{{0, 0}: true},
			[]string{"Add_1 (Add)"}},
		{"a capital whose small letter rises above the x-height: stays",
			[]string{"Dense_out (Dense)"},
			map[[2]int]bool{{0, 0}: true},
			[]string{"Dense_out (Dense)"}},
		{"the page names another row so: stays",
			[]string{"Maximum (Maximum)", "maximum (Maximum)"},
			map[[2]int]bool{{0, 0}: true},
			[]string{"Maximum (Maximum)", "maximum (Maximum)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, lo := drawRows(c.rows, c.small)
			lo.smallFirst(p)
			for i, w := range c.want {
				if got := strings.TrimRightFunc(string(lo.rows[i]), unicode.IsSpace); got != w {
					t.Errorf("row %d: %q, want %q", i, got, w)
				}
			}
		})
	}
}

// A blank cell between two characters whose picture holds a stroke along the bottom of the line
// is an underscore the recogniser lost; a lost "l" with a foot holds that stroke too, under its
// stem, and stays for the name's other repairs ("g lobal" is not "g_lobal").
func TestUnderscoresNotFootedL(t *testing.T) {
	for _, c := range []struct {
		stem bool
		want string
	}{{false, "g_lobal"}, {true, "g lobal"}} {
		p, lo := drawRows([]string{"g lobal"}, nil)
		lo.lines = []textLine{{Row: 0, Y: 40}}
		img := p.img
		for y := 51; y <= 52; y++ { // the foot (or the underscore), on the baseline
			for x := 20 + 3; x < 40-3; x++ {
				img.Pix[y*img.W+x] = 0
			}
		}
		if c.stem {
			for y := 36; y <= 52; y++ {
				for x := 28; x < 32; x++ {
					img.Pix[y*img.W+x] = 0
				}
			}
		}
		lo.underscores(img)
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("stem %v: %q, want %q", c.stem, got, c.want)
		}
	}
}
