package ocr

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// missingChars reads the characters the recogniser left out at the end of a layer name
// ("dense_Dense1" read as "dense_Dense", "average_pooling2d_AveragePo" as "…_Average"): a cell
// right after a name that the layout left blank but that holds a glyph in the picture, with a
// blank cell after it, is read by the templates of the picture's own glyphs (the characters of
// the class names and counts read with confidence). Only a clear match is taken, and it is
// marked as read with low confidence.
func (lo *layout) missingChars(p *Prepared) {
	const m = 3
	tmpl, w, h := lo.templates(p, m)
	if len(tmpl) < 5 {
		return
	}
	W := w + 2*m
	keys := make([]rune, 0, len(tmpl))
	for r := range tmpl {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, pw := range lo.placed {
		n := len(pw.Text)
		if pw.Known || n < 3 || !isIdentifier(string(pw.Text)) || lo.at(pw.Row, pw.Col+n-1) != pw.Text[n-1] {
			continue
		}
		// a TensorFlow.js automatic name, "<snake>_<Class>", goes on with its number
		digits := autoStem(string(pw.Text), lo.classes)
		for c, k := pw.Col+n, 0; k < 3 && lo.at(pw.Row, c) == ' ' && lo.at(pw.Row, c+1) == ' '; c, k = c+1, k+1 {
			if !lo.cellInked(p, pw.Row, c) {
				break
			}
			px := lo.cellPix(p, pw.Row, c, m)
			if px == nil {
				break
			}
			best, second, br := -2.0, -2.0, rune(0)
			for _, r := range keys {
				if digits && !unicode.IsDigit(r) {
					continue
				}
				dx, dy := align(tmpl[r], w, h, px, W, m)
				s := ncc(tmpl[r], w, h, px, W, m, dx, dy)
				switch {
				case s > best:
					best, second, br = s, best, r
				case s > second:
					second = s
				}
			}
			if best < missingMin || best-second < missingMargin || !(unicode.IsLetter(br) || unicode.IsDigit(br)) {
				break
			}
			lo.put(pw.Row, c, br, DoubtConf/2)
		}
	}
}

// missingMin is the least correlation with a template for a left-out character to be read;
// missingMargin how far ahead of the next template it must be.
const (
	missingMin    = 0.8
	missingMargin = 0.05
)

// cellInked reports whether a cell of the layout holds a glyph in the picture: ink in its
// middle, clear of its neighbours' edges.
func (lo *layout) cellInked(p *Prepared, row, col int) bool {
	g := lo.grid
	y := lo.rowY(row)
	x0 := int(lo.cellX(row, col) + 0.25*g.Pitch)
	x1 := int(lo.cellX(row, col) + 0.75*g.Pitch)
	y0, y1 := int(y-0.3*g.LinePitch), int(y+0.3*g.LinePitch)
	if x0 < 0 || y0 < 0 || x1 >= p.img.W || y1 >= p.img.H || x1 <= x0 {
		return false
	}
	n := 0
	for yy := y0; yy <= y1; yy++ {
		for xx := x0; xx <= x1; xx++ {
			if p.img.Pix[yy*p.img.W+xx] < 128 {
				n++
			}
		}
	}
	return float64(n) >= 0.5*p.Glyph
}

// templates are the mean glyphs of the characters of the words read with confidence and known
// (class names, titles, counts both readings agreed on) and of the shapes read with high
// confidence, each sample aligned to the rough mean.
func (lo *layout) templates(p *Prepared, m int) (map[rune][]float32, int, int) {
	g := lo.grid
	w, h := int(math.Round(g.Pitch)), int(math.Round(g.LinePitch))
	samples := map[rune][][]float32{}
	for _, pw := range lo.placed {
		shape := pw.Conf >= 90 && strings.ContainsAny(string(pw.Text), "[(") && (strings.Contains(string(pw.Text), "null") || strings.Contains(string(pw.Text), "None"))
		if !pw.Exact || !pw.Known && !shape {
			continue
		}
		for i, r := range pw.Text {
			if r == ' ' || lo.at(pw.Row, pw.Col+i) != r || len(samples[r]) >= 20 {
				continue
			}
			if px := lo.cellPix(p, pw.Row, pw.Col+i, m); px != nil {
				samples[r] = append(samples[r], px)
			}
		}
	}
	tmpl := map[rune][]float32{}
	for r, ss := range samples {
		tmpl[r] = meanGlyph(ss, w, h, m)
	}
	return tmpl, w, h
}

// autoStem reports whether a name is a TensorFlow.js automatic name without its number:
// "<snake>_<Class>", a known class after the last "_" and its snake case before it
// ("max_pooling1d_MaxPooling1D", not "average_pooling2d_Average", a cut name).
func autoStem(name string, classes map[string]bool) bool {
	i := strings.LastIndexByte(name, '_')
	if i <= 0 || i+1 >= len(name) || !classes[name[i+1:]] {
		return false
	}
	snake, class := name[:i], name[i+1:]
	return strings.EqualFold(strings.ReplaceAll(snake, "_", ""), class)
}
