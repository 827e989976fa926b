package ocr

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// sheet draws a synthetic print: text in a monospace bitmap font, rules and box lines as
// rectangles, dark on light or (dark) light on dark.
type sheet struct {
	img     *image.Gray
	ink, bg color.Gray
}

func newSheet(w, h int, dark bool) *sheet {
	s := &sheet{img: image.NewGray(image.Rect(0, 0, w, h)), ink: color.Gray{20}, bg: color.Gray{250}}
	if dark {
		s.ink, s.bg = color.Gray{215}, color.Gray{30}
	}
	draw.Draw(s.img, s.img.Rect, &image.Uniform{s.bg}, image.Point{}, draw.Src)
	return s
}

func (s *sheet) text(x, y int, str string) {
	d := font.Drawer{Dst: s.img, Src: &image.Uniform{s.ink}, Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(str)
}

func (s *sheet) rect(x0, y0, x1, y1 int) {
	draw.Draw(s.img, image.Rect(x0, y0, x1, y1), &image.Uniform{s.ink}, image.Point{}, draw.Src)
}

// box draws a Keras 3-like table: rules at ys, box lines at xs between the first and last rule.
func (s *sheet) box(xs, ys []int) {
	for _, y := range ys {
		s.rect(xs[0], y, xs[len(xs)-1]+1, y+1)
	}
	for _, x := range xs {
		s.rect(x, ys[0], x+1, ys[len(ys)-1]+1)
	}
}

func prepared(t *testing.T, s *sheet) *Prepared {
	t.Helper()
	p, err := prepareGray(toGray(s.img))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// longestRun is the longest horizontal run of ink in the prepared picture.
func longestRun(g *gray) int {
	best := 0
	for _, r := range inkRuns(g, 128) {
		best = max(best, r.X1-r.X0+1)
	}
	return best
}

func boxSheet(dark bool) *sheet {
	s := newSheet(420, 150, dark)
	s.text(12, 14, `Model: "sequential"`)
	s.box([]int{10, 180, 300, 400}, []int{22, 42, 62, 82})
	s.text(16, 37, "Layer (type)")
	s.text(186, 37, "Output Shape")
	s.text(340, 37, "Param #")
	s.text(16, 57, "conv2d (Conv2D)")
	s.text(186, 57, "(None, 26, 26, 32)")
	s.text(364, 57, "320")
	s.text(16, 77, "flatten (Flatten)")
	s.text(186, 77, "(None, 21632)")
	s.text(385, 77, "0")
	s.text(12, 100, "Total params: 320")
	return s
}

func TestPrepareBoxTable(t *testing.T) {
	for _, dark := range []bool{false, true} {
		p := prepared(t, boxSheet(dark))
		if p.Dark != dark {
			t.Errorf("dark=%v: Dark = %v", dark, p.Dark)
		}
		if len(p.HRules) != 4 || len(p.VLines) != 4 {
			t.Errorf("dark=%v: %d rules and %d box lines, want 4 and 4", dark, len(p.HRules), len(p.VLines))
		}
		for _, r := range p.HRules {
			if !r.Box {
				t.Errorf("dark=%v: rule %+v not marked as a box rule", dark, r)
			}
		}
		if n := longestRun(p.img); float64(n) > 2*p.Glyph {
			t.Errorf("dark=%v: a run of %d pixels is left (glyph %.0f): a rule was not removed", dark, n, p.Glyph)
		}
		// the text stays: ink in the cell of "320"
		x0, y0 := int(364*p.Scale), int(47*p.Scale)
		if bandInk(p.img, y0, y0+int(10*p.Scale), x0, x0+int(20*p.Scale)) < 0 {
			t.Errorf("dark=%v: the text of a cell was removed with the lines", dark)
		}
		if p.Glyph < 0.8*targetGlyph || p.Glyph > 1.25*targetGlyph {
			t.Errorf("dark=%v: glyphs %.1f px after scaling by %.2f, want about %v", dark, p.Glyph, p.Scale, targetGlyph)
		}
	}
}

func TestPrepareUnderscoreAndEqualsRules(t *testing.T) {
	s := newSheet(480, 110, false)
	s.text(10, 12, "____________________________________________________________")
	s.text(10, 26, "Layer (type)             Output Shape        Param #")
	s.text(10, 40, "============================================================")
	s.text(10, 54, "dense_1 (Dense)          (None, 128)         163968")
	s.text(10, 68, "============================================================")
	s.text(10, 82, "Total params: 163,968")
	p := prepared(t, s)
	var single, double int
	for _, r := range p.HRules {
		if r.Double {
			double++
		} else {
			single++
		}
	}
	if single != 1 || double != 2 {
		t.Errorf("%d single and %d double rules, want 1 and 2 (%+v)", single, double, p.HRules)
	}
	if len(p.VLines) != 0 {
		t.Errorf("%d box lines in a table without any", len(p.VLines))
	}
}

// A row of "=" that a small print scaled up drew as one block per glyph (its two bars merged) is
// a rule, as a row of separate "=" is; a row of round letters is not.
func TestPrepareMergedEqualsRule(t *testing.T) {
	s := newSheet(480, 110, false)
	s.text(10, 26, "Layer (type)             Output Shape        Param #")
	for i := 0; i < 60; i++ {
		s.rect(10+7*i+1, 35, 10+7*i+6, 39) // the bars of one "=", merged: 5 × 4 pixels
	}
	s.text(10, 54, "dense_1 (Dense)          (None, 128)         163968")
	s.text(10, 68, "oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo")
	s.text(10, 82, "Total params: 163,968")
	p := prepared(t, s)
	at := p.HRules
	if len(at) != 1 || float64(at[0].Y0) > 39*p.Scale || float64(at[0].Y1) < 35*p.Scale {
		t.Errorf("rules %+v, want the one of merged bars at y 35..39 (scale %.2f)", at, p.Scale)
	}
}

// A row of "=" whose glyphs a small print scaled up drew as blocks that touch here and there (a
// stroke two glyphs long among strokes of one) is a rule too; rows of text are not.
func TestPrepareTouchingEqualsRule(t *testing.T) {
	s := newSheet(480, 110, false)
	s.text(10, 26, "Layer (type)             Output Shape        Param #")
	for i := 0; i < 60; i++ {
		w := 6
		if i%3 == 0 {
			w = 7 // touches the next one
		}
		s.rect(10+7*i, 35, 10+7*i+w, 39)
	}
	s.text(10, 54, "dense_1 (Dense)          (None, 128)         163968")
	s.text(10, 68, "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm")
	s.text(10, 82, "Total params: 163,968")
	// a count in a bold small print scaled up: five digits that cover their rows as densely
	for i := 0; i < 5; i++ {
		s.rect(300+7*i, 93, 300+7*i+6, 97)
	}
	p := prepared(t, s)
	at := p.HRules
	if len(at) != 1 || float64(at[0].Y0) > 39*p.Scale || float64(at[0].Y1) < 35*p.Scale {
		t.Errorf("rules %+v, want the one of touching blocks at y 35..39 (scale %.2f)", at, p.Scale)
	}
}

// ring draws an oval of stroke width sw in a w×h box at (x, y).
func ring(img *gray, x, y, w, h int, sw float64) {
	cx, cy := float64(w-1)/2, float64(h-1)/2
	for yy := 0; yy < h; yy++ {
		for xx := 0; xx < w; xx++ {
			dx, dy := (float64(xx)-cx)/(cx+0.5), (float64(yy)-cy)/(cy+0.5)
			r := math.Hypot(dx, dy)
			if r <= 1 && r >= 1-sw/(cx+0.5) {
				img.Pix[(y+yy)*img.W+x+xx] = 0
			}
		}
	}
}

func blank(w, h int) *gray {
	g := newGray(w, h)
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}

func TestOvals(t *testing.T) {
	zero := blank(40, 50)
	ring(zero, 5, 5, 24, 36, 4)
	c := components(inkRuns(zero, 128))
	if len(c) != 1 || !isOval(zero, c[0]) {
		t.Errorf("a ring is not read as a zero")
	}
	// a slashed zero, made plain
	slashed := blank(40, 50)
	ring(slashed, 5, 5, 24, 36, 4)
	for k := 0; k < 30; k++ {
		x, y := 9+k*16/30, 38-k
		slashed.Pix[y*40+x] = 0
		slashed.Pix[y*40+x+1] = 0
		slashed.Pix[y*40+x+2] = 0
	}
	p := &Prepared{img: slashed, grey: &gray{W: 40, H: 50, Pix: append([]uint8(nil), slashed.Pix...)}, Glyph: 36, halo: 1}
	c = components(inkRuns(slashed, 128))
	if len(c) != 1 || isOval(slashed, c[0]) {
		t.Fatalf("a slashed zero reads as a plain oval before unslash")
	}
	p.unslash(c[0])
	c = components(inkRuns(slashed, 128))
	if len(c) != 1 || !isOval(slashed, c[0]) {
		t.Errorf("unslash did not leave a plain zero")
	}
	// a filled disc, and a ring with its hole low (a 6), are no zeros
	disc := blank(40, 50)
	for r := 0.0; r < 13; r++ {
		ring(disc, 5, 5, 24, 36, 13)
	}
	if c := components(inkRuns(disc, 128)); len(c) != 1 || isOval(disc, c[0]) {
		t.Errorf("a filled disc is read as a zero")
	}
	six := blank(40, 60)
	ring(six, 5, 25, 24, 28, 4)
	for y := 5; y < 40; y++ {
		six.Pix[y*40+6], six.Pix[y*40+7], six.Pix[y*40+8], six.Pix[y*40+9] = 0, 0, 0, 0
	}
	if c := components(inkRuns(six, 128)); len(c) != 1 || isOval(six, c[0]) {
		t.Errorf("a six is read as a zero")
	}
	// an 8 whose waist the binarisation opened (a JPEG at a small size): one hole, in the middle,
	// but the glyph narrowest there
	eightArt := []string{
		".........###########.........",
		"........#############........",
		"......#################......",
		".....####################....",
		"....########.....#########...",
		"...#######........########...",
		"..########.........########..",
		"..#######...........#######..",
		".#######............#######..",
		".#######.............#######.",
		".#######.............#######.",
		".#######.............#######.",
		".#######.............#######.",
		".########...........#######..",
		"..#######...........#######..",
		"...#######.........########..",
		"...######...........######...",
		"....#####...........#####....",
		".....####...........####.....",
		".....####...........####.....",
		".....####...........####.....",
		"....#####...........#####....",
		"...######...........######...",
		"..#######...........#######..",
		".########...........########.",
		".#######.............#######.",
		".#######..............######.",
		"#######...............#######",
		"#######...............#######",
		"#######...............#######",
		"#######...............######.",
		".#######..............######.",
		".########............#######.",
		"..########..........#######..",
		"..########.........########..",
		"...##########....#########...",
		"....####################.....",
		".....##################......",
		".......##############........",
		".........##########..........",
	}
	eight := blank(len(eightArt[0])+4, len(eightArt)+4)
	for y, l := range eightArt {
		for x, r := range l {
			if r == '#' {
				eight.Pix[(y+2)*eight.W+x+2] = 0
			}
		}
	}
	if c := components(inkRuns(eight, 128)); len(c) != 1 || isOval(eight, c[0]) {
		t.Errorf("an eight with its waist open is read as a zero (%d components)", len(c))
	}
}

// A thin rule that a shrunk print drew light grey is paper to the binarisation, but a rule: it
// is found and painted out, not read as a row of dashes.
func TestPrepareFaintRule(t *testing.T) {
	s := newSheet(480, 80, false)
	s.text(10, 26, "Layer (type)             Output Shape        Param #")
	draw.Draw(s.img, image.Rect(10, 40, 470, 41), &image.Uniform{color.Gray{185}}, image.Point{}, draw.Src)
	s.text(10, 60, "dense_1 (Dense)          (None, 128)         163968")
	p := prepared(t, s)
	if len(p.HRules) != 1 {
		t.Fatalf("%d rules, want the faint one (%+v)", len(p.HRules), p.HRules)
	}
	if n := longestRun(p.grey); n > 100 {
		t.Errorf("a run of %d pixels left in the grey picture", n)
	}
}

// A word whose box holds no ink is what the recogniser made of blank space: dropped; a word on
// ink stays.
func TestInked(t *testing.T) {
	g := blank(200, 40)
	for y := 10; y < 30; y++ {
		for x := 20; x < 60; x++ {
			g.Pix[y*g.W+x] = 0
		}
	}
	p := &Prepared{img: g}
	got := inked(p, []Word{{Left: 18, Top: 8, Width: 45, Height: 24, Text: "dense"}, {Left: 100, Top: 8, Width: 10, Height: 24, Text: "="}})
	if len(got) != 1 || got[0].Text != "dense" {
		t.Errorf("inked: %+v", got)
	}
}

// An 8 of a small blurred print narrows to its waist a pixel a row, which no two rows next to
// each other show: unslash compares each row with the widest above and the narrowest below the
// peak, and leaves it alone. A dotted zero whose dot the blur joined to its walls still loses
// its dot. Our own glyphs.
func TestUnslashBlurredEight(t *testing.T) {
	draw := func(art []string) (*Prepared, comp) {
		g := blank(len(art[0])+4, len(art)+4)
		for y, l := range art {
			for x, r := range l {
				if r == '#' {
					g.Pix[(y+2)*g.W+x+2] = 0
				}
			}
		}
		p := &Prepared{img: g, grey: &gray{W: g.W, H: g.H, Pix: append([]uint8(nil), g.Pix...)}, Glyph: float64(len(art)), halo: 1}
		return p, components(inkRuns(g, 128))[0]
	}
	ink := func(g *gray) int {
		n := 0
		for _, v := range g.Pix {
			if v < 128 {
				n++
			}
		}
		return n
	}
	eight := []string{
		"......#######.......",
		"....###########.....",
		"..###############...",
		".#################..",
		".#################..",
		"######......######..",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######......######..",
		".#################..",
		"..###############...",
		"..###############...",
		".#################..",
		"######.......#####..",
		"######.......######.",
		"######........######",
		"######........######",
		"######........######",
		"######........######",
		"######........######",
		"######........######",
		"######.......######.",
		"######......######..",
		".#################..",
		".################...",
		"...#############....",
		".......#######......",
	}
	keeps := func(what string, art []string) {
		p, c := draw(art)
		before := ink(p.img)
		p.unslash(c)
		if after := ink(p.img); after != before {
			t.Errorf("%s lost %d pixels of ink to unslash", what, before-after)
		}
	}
	keeps("a blurred 8", eight)
	// an 8 whose waist narrows by two pixels only, where its strokes cross: no zero is
	// narrower where a stroke crosses it than above and below
	crossed := []string{
		".........######..........",
		"........##########.......",
		".....###############.....",
		"...##################....",
		"..####################...",
		"..####################...",
		"..####################...",
		"..########....########...",
		"..########....########...",
		"...#######....########...",
		"...###################...",
		"...##################....",
		"...##################....",
		"...##################....",
		"..###################....",
		"..####################...",
		"..#######.....########...",
		".########......#######...",
		".########......#######...",
		".########......#######...",
		".########.....########...",
		"..########....########...",
		"..####################...",
		"...###################...",
		"....#################....",
		".....###############.....",
		"......#############......",
		"........#######..........",
	}
	keeps("an 8 crossed at its waist", crossed)
	zero := []string{
		"......#######.......",
		"....###########.....",
		"..###############...",
		".#################..",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######..###..######.",
		"######.#####.######.",
		"##################..",
		"##################..",
		"######.#####.######.",
		"######..###..######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		"######.......######.",
		".#################..",
		"..###############...",
		"....###########.....",
		"......#######.......",
	}
	p, c := draw(zero)
	p.unslash(c)
	if c := components(inkRuns(p.img, 128)); len(c) != 1 || !isOval(p.img, c[0]) {
		t.Errorf("a dotted zero, its dot joined to its walls, is not made plain")
	}
}
