package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"math"
	"sort"
)

// Sizes in pixels of the prepared picture. Tesseract's LSTM reads text best when a capital is
// some 30-40 pixels tall: smaller text loses strokes (on the pictures of shots-dev, scaling the
// median glyph to 20 pixels read 77% of the tokens, to 34 pixels 80%, to 42 pixels 81% at a
// quarter more time); much larger text only costs time.
const (
	targetGlyph  = 34.0       // median glyph height (about the cap height) after scaling
	maxScale     = 4.0        // never blow a picture up further
	maxPrepared  = 36_000_000 // pixels of the prepared picture
	minGlyph     = 3.0        // below this no text can be told apart
	darkBelow    = 128        // a background darker than this is a dark theme
	ruleGlyphs   = 3.5        // a horizontal run this many glyph heights long is a rule
	vertGlyphs   = 1.3        // a vertical run this many glyph heights long at a column edge is a box line
	stubFraction = 0.5        // a box line's junction goes on at least this many glyph heights
)

// Prepared is a picture made ready for recognition: grey, dark themes inverted, scaled so that
// its text has the size Tesseract reads best, binarised, and the table's rules and box lines
// removed. The rules are kept as geometry so that the text can be given them back.
type Prepared struct {
	img    *gray   // binarised: 0 ink, 255 paper
	grey   *gray   // the same, grey (what the recogniser reads: its LSTM reads grey levels)
	halo   int     // how far a stroke's anti-aliased edge reaches beyond its binary pixels
	Scale  float64 // prepared size = original size × Scale
	Glyph  float64 // median glyph height in prepared pixels
	Dark   bool    // the picture was a dark theme and was inverted
	HRules []HRule // horizontal rules that were removed
	VLines []VLine // vertical box lines that were removed
}

// Width and Height are the prepared picture's size.
func (p *Prepared) Width() int  { return p.img.W }
func (p *Prepared) Height() int { return p.img.H }

// HRule is a horizontal rule in prepared pixels (inclusive bounds).
type HRule struct {
	Y0, Y1, X0, X1 int
	Double         bool // two parallel strokes: a row of "="
	Box            bool // a box-drawing rule: other box lines meet it
}

// Mid is the rule's vertical centre.
func (r HRule) Mid() float64 { return float64(r.Y0+r.Y1) / 2 }

// VLine is a vertical box line (a column separator of a box table) in prepared pixels.
type VLine struct {
	X, W   int // centre and stroke width
	Y0, Y1 int // the rows it spans
}

// ErrNoText is returned for a picture in which no text can be made out.
var ErrNoText = errors.New("no text can be made out in the picture")

// Prepare decodes a PNG or JPEG picture and prepares it for recognition.
func Prepare(data []byte) (*Prepared, error) {
	g, err := decode(data)
	if err != nil {
		return nil, err
	}
	return prepareGray(g)
}

func prepareGray(g *gray) (*Prepared, error) {
	p := &Prepared{}
	if background(g) < darkBelow {
		p.Dark = true
		for i, v := range g.Pix {
			g.Pix[i] = 255 - v
		}
	}
	stretch(g)
	t := otsu(g)
	glyph := glyphHeight(components(inkRuns(g, t)), g.H)
	if glyph < minGlyph {
		return nil, ErrNoText
	}
	s := targetGlyph / glyph
	s = min(s, maxScale)
	if s < 1 && glyph < 2*targetGlyph {
		s = 1 // large enough: only shrink text that is far too large
	}
	if area := float64(g.W) * float64(g.H) * s * s; area > maxPrepared {
		s *= math.Sqrt(maxPrepared / area)
	}
	img := g
	if s != 1 {
		img = resize(g, s)
	}
	p.Scale = float64(img.W) / float64(g.W)
	p.grey = img
	img = &gray{W: img.W, H: img.H, Pix: make([]uint8, len(img.Pix))}
	t = otsu(p.grey)
	for i, v := range p.grey.Pix {
		if v < t {
			img.Pix[i] = 0
		} else {
			img.Pix[i] = 255
		}
	}
	p.img = img
	p.Glyph = glyph * p.Scale
	p.halo = max(1, int(math.Ceil(p.Scale)))
	p.removeRules()
	p.plainZeros()
	return p, nil
}

// plainZeros paints over the dot inside the zeros of fonts that draw a dotted zero (DejaVu
// Sans Mono, Liberation Mono): the recogniser, trained on plain zeros, reads a lone dotted zero
// as "10", "o)" or "@". The dot is the one mark that lies wholly inside a glyph's box.
func (p *Prepared) plainZeros() {
	cs := components(inkRuns(p.img, 128))
	// glyph-sized components, by left edge
	var glyphs []comp
	for _, c := range cs {
		if float64(c.h()) >= 0.6*p.Glyph && float64(c.h()) <= 1.6*p.Glyph && float64(c.w()) <= 1.2*p.Glyph && c.w() >= 4 {
			glyphs = append(glyphs, c)
		}
	}
	for _, g := range glyphs {
		p.unslash(g)
	}
	sort.Slice(glyphs, func(i, j int) bool { return glyphs[i].X0 < glyphs[j].X0 })
	for _, d := range cs {
		if d.w() >= d.h()*3 || float64(d.h()) > 0.5*p.Glyph || float64(d.w()) > 0.5*p.Glyph {
			continue
		}
		i := sort.Search(len(glyphs), func(i int) bool { return glyphs[i].X0 >= d.X0 })
		for k := i - 1; k >= 0 && float64(d.X0-glyphs[k].X0) <= 1.2*p.Glyph; k-- {
			g := glyphs[k]
			if g.X0 < d.X0 && g.X1 > d.X1 && g.Y0 < d.Y0 && g.Y1 > d.Y1 {
				for y := d.Y0; y <= d.Y1; y++ {
					for x := d.X0; x <= d.X1; x++ {
						if p.img.Pix[y*p.img.W+x] < 128 {
							p.clear(x, y)
						}
					}
				}
				break
			}
		}
	}
}

// unslash paints over the mark inside a slashed or dotted zero (Noto Sans Mono draws a slash,
// DejaVu Sans Mono and Liberation Mono a dot, which a small or blurred print joins to the oval):
// a tall glyph whose outline is one closed oval (its width grows and then shrinks, where an 8 or
// a B narrows in the middle; both sides closed, where an e or a 6 opens). Everything inside the
// oval's inner edge goes (inside a plain 0 or O there is nothing to go).
func (p *Prepared) unslash(c comp) {
	w, h := c.w(), c.h()
	if h*5 < w*6 || h > 3*w || w < 5 || h < 8 {
		return
	}
	img := p.img
	type span struct{ a, b int }
	rows := make([][]span, h)
	for y := 0; y < h; y++ {
		row := img.Pix[(c.Y0+y)*img.W+c.X0 : (c.Y0+y)*img.W+c.X1+1]
		for x := 0; x < w; {
			if row[x] >= 128 {
				x++
				continue
			}
			a := x
			for x < w && row[x] < 128 {
				x++
			}
			rows[y] = append(rows[y], span{a, x - 1})
		}
	}
	// the outline: one oval
	widths := make([]int, h)
	for y, r := range rows {
		if len(r) > 0 {
			widths[y] = r[len(r)-1].b - r[0].a + 1
		}
	}
	peak := 0
	for y := range widths {
		if widths[y] > widths[peak] {
			peak = y
		}
	}
	// closed at the top and the bottom by a narrower arc (an N, M or H is not)
	if len(rows[0]) != 1 || len(rows[h-1]) != 1 || widths[0]*5 > widths[peak]*4 || widths[h-1]*5 > widths[peak]*4 {
		return
	}
	// (against the widest row above and the narrowest below the peak, so that a waist a blurred
	// 8 narrows to a pixel a row is found too)
	tol := max(1, w/10)
	widest := 0
	for y := 0; y <= peak; y++ {
		if widths[y] < widest-tol {
			return
		}
		widest = max(widest, widths[y])
	}
	narrowest := widths[peak]
	for y := peak + 1; y < h; y++ {
		if widths[y] > narrowest+tol {
			return
		}
		narrowest = min(narrowest, widths[y])
	}
	// an 8's strokes cross at its waist: the rows of the middle that one stroke spans from wall
	// to wall are narrower than the loops above and below them (a zero's dot joined to its
	// walls crosses it where the oval is widest)
	crossW := 0
	for y := h / 3; y < h-h/3; y++ {
		if len(rows[y]) == 1 && (crossW == 0 || widths[y] < crossW) {
			crossW = widths[y]
		}
	}
	if crossW > 0 {
		above, below := 0, 0
		for y := 0; y < h/3; y++ {
			above = max(above, widths[y])
		}
		for y := h - h/3; y < h; y++ {
			below = max(below, widths[y])
		}
		if crossW <= min(above, below)-max(2, w/12) {
			return
		}
	}
	// closed on both sides all the way down (an e, a, 6 or 9 opens on one side)
	for y := h / 5; y < h-h/5; y++ {
		r := rows[y]
		if len(r) == 0 || r[0].a > w/4 || r[len(r)-1].b < w-1-w/4 {
			return
		}
	}
	// the oval's walls: as thick as the left wall of the rows across the middle that cross two
	// strokes or more; on every row of the middle, what lies between the two walls goes (a
	// slash, a dot, or the bar a blurred dot makes)
	var ts []int
	for y := h / 3; y < 2*h/3; y++ {
		if r := rows[y]; len(r) >= 2 {
			ts = append(ts, r[0].b-r[0].a+1)
		}
	}
	t := max(1, w/5)
	if len(ts) > 0 {
		sort.Ints(ts)
		t = ts[len(ts)/2]
	}
	keep := t
	for y := h / 5; y < h-h/5; y++ {
		r := rows[y]
		lo, hi := r[0].a+keep, r[len(r)-1].b-keep
		for x := lo; x <= hi; x++ {
			if img.Pix[(c.Y0+y)*img.W+c.X0+x] < 128 {
				p.clearOne(c.X0+x, c.Y0+y)
			}
		}
	}
	// and the inside of the oval's inner edge, where the mark meets the arcs
	a, b := float64(w)/2-float64(t)*1.15, float64(h)/2-float64(t)*1.15
	if a < 1 || b < 1 {
		return
	}
	fx, fy := float64(w-1)/2, float64(h-1)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := (float64(x)-fx)/a, (float64(y)-fy)/b
			if dx*dx+dy*dy < 1 && img.Pix[(c.Y0+y)*img.W+c.X0+x] < 128 {
				p.clearOne(c.X0+x, c.Y0+y)
			}
		}
	}
}

// clearOne paints one pixel over in both pictures, and in the grey one the anti-aliased edge
// beside it on its row.
func (p *Prepared) clearOne(x, y int) {
	p.img.Pix[y*p.img.W+x] = 255
	g := p.grey
	for xx := max(0, x-1); xx <= min(g.W-1, x+1); xx++ {
		if xx == x || p.img.Pix[y*p.img.W+xx] >= 128 {
			g.Pix[y*g.W+xx] = 255
		}
	}
}

// PNG encodes the prepared picture for the recogniser.
func (p *Prepared) PNG() []byte {
	return encodePNG(p.grey)
}

func encodePNG(g *gray) []byte {
	var buf bytes.Buffer
	im := &image.Gray{Pix: g.Pix, Stride: g.W, Rect: image.Rect(0, 0, g.W, g.H)}
	// stored, not deflated: the picture goes down a pipe, and compressing it took longer than
	// the recogniser takes to read the larger file
	enc := png.Encoder{CompressionLevel: png.NoCompression}
	if err := enc.Encode(&buf, im); err != nil {
		panic(err) // writing to a bytes.Buffer does not fail
	}
	return buf.Bytes()
}

// background is the most common grey level: the paper (or the screen of a dark theme).
func background(g *gray) int {
	hist := histogram(g)
	return mostCommon(&hist)
}

// histogram counts the pixels of each grey level.
func histogram(g *gray) [256]int {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	return hist
}

// mostCommon is the grey level with the most pixels.
func mostCommon(hist *[256]int) int {
	best := 0
	for v := range hist {
		if hist[v] > hist[best] {
			best = v
		}
	}
	return best
}

// stretch maps the paper to white and the ink to black: the themes' greys and colours become
// black on white.
func stretch(g *gray) {
	hist := histogram(g)
	bg := mostCommon(&hist)
	// the ink: the darkest levels that hold a few per mille of the pixels
	n, fg := 0, 0
	for v := 0; v < bg; v++ {
		n += hist[v]
		if n*1000 >= 2*len(g.Pix) {
			fg = v
			break
		}
	}
	if bg-fg < 16 {
		return
	}
	var lut [256]uint8
	for v := range lut {
		x := (v - fg) * 255 / (bg - fg)
		lut[v] = uint8(max(0, min(255, x)))
	}
	for i, v := range g.Pix {
		g.Pix[i] = lut[v]
	}
}

// otsu is the grey level that best splits the picture into ink and paper (Otsu's method).
func otsu(g *gray) uint8 {
	var hist [256]float64
	for _, v := range g.Pix {
		hist[v]++
	}
	total := float64(len(g.Pix))
	var sum float64
	for v := range hist {
		sum += float64(v) * hist[v]
	}
	var sumB, wB, best float64
	t := 128
	for v := 0; v < 256; v++ {
		wB += hist[v]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(v) * hist[v]
		mB, mF := sumB/wB, (sum-sumB)/wF
		between := wB * wF * (mB - mF) * (mB - mF)
		if between > best {
			best, t = between, v
		}
	}
	return uint8(t + 1) // ink is < t
}

// resize scales a grey picture by s with Catmull-Rom interpolation, separably (rows, then
// columns).
func resize(g *gray, s float64) *gray {
	w, h := max(1, int(float64(g.W)*s+0.5)), max(1, int(float64(g.H)*s+0.5))
	sx, sy := float64(g.W)/float64(w), float64(g.H)/float64(h)
	// horizontal pass into a float buffer of w × g.H
	tmp := make([]float32, w*g.H)
	xw := weights(w, g.W, sx)
	for y := 0; y < g.H; y++ {
		src := g.Pix[y*g.W : (y+1)*g.W]
		dst := tmp[y*w : (y+1)*w]
		for x, t := range xw {
			var v float32
			for k, c := range t.w {
				v += c * float32(src[t.i+k])
			}
			dst[x] = v
		}
	}
	out := newGray(w, h)
	yw := weights(h, g.H, sy)
	for y, t := range yw {
		row := out.Pix[y*w : (y+1)*w]
		for x := 0; x < w; x++ {
			var v float32
			for k, c := range t.w {
				v += c * tmp[(t.i+k)*w+x]
			}
			row[x] = uint8(max(0, min(255, v+0.5)))
		}
	}
	return out
}

// tap is the source pixels one destination pixel is made of: from index i, with weights w.
type tap struct {
	i int
	w []float32
}

// weights are the Catmull-Rom taps of each of n destination pixels over m source pixels, a
// destination pixel being scale source pixels wide (only enlarging keeps four taps; shrinking
// widens the kernel so that no source pixel is skipped).
func weights(n, m int, scale float64) []tap {
	support := 2.0
	f := 1.0
	if scale > 1 {
		f = 1 / scale
		support *= scale
	}
	out := make([]tap, n)
	for d := 0; d < n; d++ {
		centre := (float64(d)+0.5)*scale - 0.5
		lo := max(0, int(math.Floor(centre-support+1)))
		hi := min(m-1, int(math.Floor(centre+support)))
		ws := make([]float32, 0, hi-lo+1)
		var sum float64
		for i := lo; i <= hi; i++ {
			v := catmullRom((float64(i) - centre) * f)
			ws = append(ws, float32(v))
			sum += v
		}
		if sum != 0 {
			for k := range ws {
				ws[k] /= float32(sum)
			}
		}
		out[d] = tap{lo, ws}
	}
	return out
}

// catmullRom is the Catmull-Rom cubic at t (zero from |t| = 2 on).
func catmullRom(t float64) float64 {
	t = math.Abs(t)
	switch {
	case t < 1:
		return 1.5*t*t*t - 2.5*t*t + 1
	case t < 2:
		return -0.5*t*t*t + 2.5*t*t - 4*t + 2
	}
	return 0
}
