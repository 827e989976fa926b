package ocr

import (
	"math"
	"strings"
	"unicode"
)

// A monospace print draws every character the same way wherever it stands, so the picture
// itself tells the characters the recogniser confuses apart: the "1" and the "l" of the class
// names it matched ("Conv1D", "MaxPooling1D", "Flatten"), of the titles and totals every
// summary prints ("Total params", "Model:") and of the counts both readings agreed on are
// templates (the recogniser's own confidence is no guide: it reads "fc1" as "fcl" at 95), and a doubtful "l" in a layer name ("fcl", "block1_convl") is
// whichever template its cell looks most like. The same for 0, O and o.

// placedWord is a word as drawn on the layout.
type placedWord struct {
	Row, Col int
	Text     []rune
	Conf     float64
	Exact    bool    // its width matched its length: each character sits in its own cell
	Known    bool    // a class name matched to a known class
	Scheme   bool    // an automatic name whose characters its class decided
	Cells    float64 // the cells its box spans (0: not measured)
	Count    bool    // a count the digits-only reading placed
}

// glyphGroups are the characters that look alike, each the group the templates decide among.
var glyphGroups = []string{"1lIi|t", "0Oo"}

func groupOf(r rune) string {
	for _, g := range glyphGroups {
		if strings.ContainsRune(g, r) {
			return g
		}
	}
	return ""
}

// cellPix is the grey darkness (0 paper, 1 ink) of a cell of the layout with a margin around
// it; nil when it is off the picture.
func (lo *layout) cellPix(p *Prepared, row, col, m int) []float32 {
	g := lo.grid
	w, h := int(math.Round(g.Pitch)), int(math.Round(g.LinePitch))
	x0 := int(math.Round(lo.cellX(row, col))) - m
	y0 := int(math.Round(lo.rowY(row)-g.LinePitch/2)) - m
	W, H := w+2*m, h+2*m
	if x0 < 0 || y0 < 0 || x0+W > p.grey.W || y0+H > p.grey.H {
		return nil
	}
	out := make([]float32, W*H)
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			out[y*W+x] = 1 - float32(p.grey.Pix[(y0+y)*p.grey.W+x0+x])/255
		}
	}
	return out
}

// regroup decides the confusable characters of the words that were not read with confidence by
// the templates of the picture's own glyphs.
func (lo *layout) regroup(p *Prepared) {
	const m = 3
	g := lo.grid
	w, h := int(math.Round(g.Pitch)), int(math.Round(g.LinePitch))
	W := w + 2*m
	samples := map[rune][][]float32{}
	for _, pw := range lo.placed {
		if !pw.Exact || !pw.Known {
			continue
		}
		for i, r := range pw.Text {
			if groupOf(r) == "" || lo.at(pw.Row, pw.Col+i) != r || len(samples[r]) >= 40 {
				continue
			}
			if px := lo.cellPix(p, pw.Row, pw.Col+i, m); px != nil {
				samples[r] = append(samples[r], px)
			}
		}
	}
	if len(samples) < 2 {
		return
	}
	// each template: the mean of its samples, each aligned to the mean of them all
	tmpl := map[rune][]float32{}
	for r, ss := range samples {
		tmpl[r] = meanGlyph(ss, w, h, m)
	}
	for _, pw := range lo.placed {
		if pw.Known || pw.Scheme || !pw.Exact || !nameLike(string(pw.Text)) {
			// (a word the recogniser added or dropped a character in does not sit on its cells; the
			// digits and letters of an automatic name are its class's: "conv1d_Conv1D1" is no
			// "convId_ConvIDI", whatever a font's 1 and I look like)
			continue
		}
		for i, r := range pw.Text {
			grp := groupOf(r)
			if grp == "" || lo.at(pw.Row, pw.Col+i) != r || lo.decided[[2]int{pw.Row, pw.Col + i}] {
				continue
			}
			px := lo.cellPix(p, pw.Row, pw.Col+i, m)
			if px == nil {
				continue
			}
			tr := tmpl[r]
			if tr == nil {
				continue // nothing to compare with
			}
			best, bestD := r, 0.0
			for _, c := range grp {
				tc := tmpl[c]
				if c == r || tc == nil || unicode.IsDigit(c) == unicode.IsDigit(r) {
					continue // a letter for a digit or a digit for a letter only
				}
				if d := discriminate(tr, tc, w, h, px, W, m); d > bestD {
					best, bestD = c, d
				}
			}
			need := discriminateMin
			switch {
			case unicode.IsDigit(best) && endOfPart(pw.Text, i):
				need = discriminateEnd
			case unicode.IsDigit(best) && i > 0 && unicode.IsLetter(pw.Text[i-1]) && unicode.IsLetter(pw.Text[i+1]):
				// a digit between two letters of a part ("b1ock") is rarer in a name than a
				// letter there: it needs more
				need = discriminateInside
			}
			if best != r && bestD >= need {
				lo.rows[pw.Row][pw.Col+i] = best
			}
		}
	}
}

// countDigits are the digits of counts that the recogniser confuses with each other in a small
// or blurred print ("16,648" and "1,720" of 16,640 and 1,700, "3,320" of 8,320).
const countDigits = "0238"

// Margins past the midway between two digit templates at which regroupCounts reads a digit of
// a count as the other: of a count the two readings disagreed on, and of one they agreed on
// (both may misread a blurred digit alike, but they are evidence).
const (
	countDisagreed = discriminateMin
	countAgreed    = 0.3
)

// regroupCounts decides the digits 0, 2, 3 and 8 of the counts by the templates of the
// picture's own digits (of the counts the two readings agreed on, and of shapes read with
// confidence): a digit is read as another where its cell lies far enough past the midway
// between the two templates. A count so changed is in doubt: the arithmetic and the totals
// judge it.
func (lo *layout) regroupCounts(p *Prepared) {
	if lo.grid.Pitch <= 0 {
		return
	}
	const m = 3
	tmpl, w, h := lo.templates(p, m)
	W := w + 2*m
	var words []placedWord
	for _, pw := range lo.placed {
		if pw.Count {
			words = append(words, pw)
		}
	}
	words = append(words, lo.counts...)
	for _, pw := range words {
		need := countDisagreed
		if pw.Known {
			need = countAgreed
		}
		for i, r := range pw.Text {
			tr := tmpl[r]
			if !strings.ContainsRune(countDigits, r) || tr == nil || lo.at(pw.Row, pw.Col+i) != r {
				continue
			}
			px := lo.cellPix(p, pw.Row, pw.Col+i, m)
			if px == nil {
				continue
			}
			best, bestD := r, 0.0
			for _, c := range countDigits {
				if tc := tmpl[c]; c != r && tc != nil {
					if d := discriminate(tr, tc, w, h, px, W, m); d > bestD {
						best, bestD = c, d
					}
				}
			}
			if best == r || bestD < need {
				continue
			}
			lo.rows[pw.Row][pw.Col+i] = best
			for k := range pw.Text {
				if c := pw.Col + k; c < len(lo.conf[pw.Row]) {
					lo.conf[pw.Row][c] = min(lo.conf[pw.Row][c], DoubtConf-1)
				}
			}
		}
	}
}

// addCore adds the cell without its margin, shifted by dx, dy, to t.
func addCore(t, px []float32, w, h, W, m, dx, dy int) {
	for y := 0; y < h; y++ {
		row := px[(y+m+dy)*W+m+dx:]
		for x := 0; x < w; x++ {
			t[y*w+x] += row[x]
		}
	}
}

// extraChars drops the characters the recogniser added at the end of a name ("dense_1" read as
// "dense_11" or "dense_1i"): a word longer than its box whose last character's cell is blank.
func (lo *layout) extraChars(p *Prepared) {
	g := lo.grid
	for _, pw := range lo.placed {
		n := len(pw.Text)
		if pw.Exact || pw.Known || n < 3 || !isIdentifier(string(pw.Text)) || !strings.ContainsRune("1lIi|", pw.Text[n-1]) {
			continue
		}
		c := pw.Col + n - 1
		if lo.at(pw.Row, c) != pw.Text[n-1] {
			continue
		}
		y := lo.rowY(pw.Row)
		x0 := int(lo.cellX(pw.Row, c) + 0.2*g.Pitch)
		x1 := int(lo.cellX(pw.Row, c) + 0.8*g.Pitch)
		y0, y1 := int(y-0.3*g.LinePitch), int(y+0.3*g.LinePitch)
		if x0 < 0 || y0 < 0 || x1 >= p.img.W || y1 >= p.img.H || x1 <= x0 {
			continue
		}
		if bandInk(p.img, y0, y1, x0, x1) < 0 {
			lo.rows[pw.Row][c] = ' '
			lo.conf[pw.Row][c] = -1
		}
	}
}

// isIdentifier reports whether a word is a layer name or a reference to one ("conv2d_1",
// "fc1[0][0]"): letters, digits, underscores, and the indexes of a reference.
// nameLike reports a word that may be a layer name as read: an identifier, or one whose first
// character is a digit the recogniser confuses with a letter ("1n1" of "ln1", "0ut" of "Out"),
// which the templates then decide.
func nameLike(w string) bool {
	if isIdentifier(w) {
		return true
	}
	if w == "" || w[0] != '1' && w[0] != '0' {
		return false
	}
	return strings.ContainsFunc(w, unicode.IsLetter) && isIdentifier("x"+w[1:])
}

func isIdentifier(w string) bool {
	w = strings.TrimSuffix(w, "…")
	if i := strings.IndexByte(w, '['); i > 0 {
		w = w[:i]
	}
	if w == "" || !unicode.IsLetter(rune(w[0])) && w[0] != '_' {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '|' {
			return false
		}
	}
	return true
}

// discriminateMin is how far past the midway between two templates (0.5: the second template
// itself) a cell must lie to be read as the second. At the end of a name, where Keras puts its
// numbers ("fc1", "conv2d_1", "dense_1[0][0]"), a digit needs less; between two letters of a
// part, more.
const (
	discriminateMin = 0.2
	discriminateEnd = 0.05
	// a digit inside a run of letters needs more
	discriminateInside = 0.35
)

// endOfPart reports whether the i-th character ends a part of a name: the word's end, or
// before "_", "[" or "…".
func endOfPart(w []rune, i int) bool {
	return i == len(w)-1 || strings.ContainsRune("_[…", w[i+1])
}

// discriminate tells where a cell lies between two templates a and b: it is aligned to both (the
// shift that best matches their sum), then projected on their difference, so that only the
// pixels where the two characters differ count. -0.5 is a, 0 midway, 0.5 b.
func discriminate(a, b []float32, w, h int, px []float32, W, m int) float64 {
	sum := make([]float32, len(a))
	for i := range a {
		sum[i] = a[i] + b[i]
	}
	dx, dy := align(sum, w, h, px, W, m)
	// the cell's ink scaled to the templates' (a bolder or fainter stroke is no evidence)
	var inkT, inkC float64
	for y := 0; y < h; y++ {
		row := px[(y+m+dy)*W+m+dx:]
		for x := 0; x < w; x++ {
			inkT += float64(sum[y*w+x]) / 2
			inkC += float64(row[x])
		}
	}
	if inkC <= 0 {
		return 0
	}
	scale := inkT / inkC
	var num, den float64
	for y := 0; y < h; y++ {
		row := px[(y+m+dy)*W+m+dx:]
		for x := 0; x < w; x++ {
			k := y*w + x
			diff := float64(b[k] - a[k])
			num += (scale*float64(row[x]) - float64(a[k]+b[k])/2) * diff
			den += diff * diff
		}
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// align is the shift of the cell that best matches the template.
func align(t []float32, w, h int, px []float32, W, m int) (int, int) {
	best, bx, by := -2.0, 0, 0
	for dy := -m; dy <= m; dy++ {
		for dx := -m; dx <= m; dx++ {
			if c := ncc(t, w, h, px, W, m, dx, dy); c > best {
				best, bx, by = c, dx, dy
			}
		}
	}
	return bx, by
}

// ncc is the normalised correlation of a template with the cell shifted by dx, dy.
func ncc(t []float32, w, h int, px []float32, W, m, dx, dy int) float64 {
	var st, sp, stt, spp, stp float64
	for y := 0; y < h; y++ {
		row := px[(y+m+dy)*W+m+dx:]
		for x := 0; x < w; x++ {
			a, b := float64(t[y*w+x]), float64(row[x])
			st += a
			sp += b
			stt += a * a
			spp += b * b
			stp += a * b
		}
	}
	n := float64(w * h)
	cov := stp - st*sp/n
	va, vb := stt-st*st/n, spp-sp*sp/n
	if va <= 0 || vb <= 0 {
		return -2
	}
	return cov / math.Sqrt(va*vb)
}

// meanGlyph is the template of a character: the mean of its samples (cells of w × h with a margin
// of m), each aligned to the rough mean of them all.
func meanGlyph(ss [][]float32, w, h, m int) []float32 {
	W := w + 2*m
	rough := make([]float32, w*h)
	for _, px := range ss {
		addCore(rough, px, w, h, W, m, 0, 0)
	}
	t := make([]float32, w*h)
	for _, px := range ss {
		dx, dy := align(rough, w, h, px, W, m)
		addCore(t, px, w, h, W, m, dx, dy)
	}
	for k := range t {
		t[k] /= float32(len(ss))
	}
	return t
}
