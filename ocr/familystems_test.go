package ocr

import "testing"

// glyphCell draws a letter of a small made-up font in a cell of w × h with a margin of m: a ring,
// its right side open for "c", a bar across its middle for "e", shifted by dx.
func glyphCell(letter rune, w, h, m, dx int) []float32 {
	W, H := w+2*m, h+2*m
	px := make([]float32, W*H)
	set := func(x, y int) { px[(y+m)*W+x+m+dx] = 1 }
	top, bot, left, right := 3, h-4, 2, w-3
	for x := left; x <= right; x++ {
		set(x, top)
		set(x, bot)
	}
	for y := top; y <= bot; y++ {
		set(left, y)
		if letter == 'e' && y <= (top+bot)/2 {
			set(right, y)
		}
	}
	if letter == 'e' {
		for x := left; x <= right; x++ {
			set(x, (top+bot)/2)
		}
	} else {
		set(right, top+1)
		set(right, bot-1)
	}
	return px
}

// The cells of a family's differing letter are read by the page's template of one of the two
// letters: cells all unlike the "e" of the class names, and like each other, are the "c"; cells
// like it are the "e"; cells some like and some unlike it are left undecided.
func TestDecideLetterByOneTemplate(t *testing.T) {
	const w, h, m = 10, 16, 3
	lo := &layout{grid: charGrid{Pitch: w, LinePitch: h}}
	var es [][]float32
	for dx := -1; dx <= 1; dx++ {
		es = append(es, glyphCell('e', w, h, m, dx))
	}
	tmpl := map[rune][]float32{'e': meanGlyph(es, w, h, m)}
	low := map[rune]float64{'e': 1}
	for _, px := range es {
		low['e'] = min(low['e'], likeness(tmpl['e'], w, h, px, w+2*m, m))
	}
	cs := [][]float32{glyphCell('c', w, h, m, 0), glyphCell('c', w, h, m, 1), glyphCell('c', w, h, m, -1)}
	if got := lo.decideLetter(cs, 'c', 'e', tmpl, low); got != 'c' {
		t.Errorf("cells of c read as %q", got)
	}
	if got := lo.decideLetter(es, 'c', 'e', tmpl, low); got != 'e' {
		t.Errorf("cells of e read as %q", got)
	}
	if got := lo.decideLetter(append(cs[:1:1], es[0]), 'c', 'e', tmpl, low); got != 0 {
		t.Errorf("a c and an e read as one letter %q", got)
	}
	if got := lo.decideLetter(cs, 'c', 'o', tmpl, low); got != 0 {
		t.Errorf("no template of either letter, yet read as %q", got)
	}
}

func TestFamilyStemParts(t *testing.T) {
	for _, c := range []struct {
		a, b string
		pos  int
	}{{"Fc_", "Fe_", 1}, {"Fc_", "Fc_", -1}, {"Fc_", "Gc_", -1}, {"fc1_", "fc7_", -1}, {"blk_", "bak2", -1}, {"blk_", "bik_", 1}} {
		if got := oneLetterApart(c.a, c.b); got != c.pos {
			t.Errorf("oneLetterApart(%q, %q) = %d, want %d", c.a, c.b, got, c.pos)
		}
	}
	if !dropsTo("Fce_", "Fc_") || dropsTo("Fce_", "Fx_") {
		t.Error("dropsTo")
	}
}
