package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"math"
	"os"

	"golang.org/x/image/draw"
)

// Sizes in pixels of the prepared picture. Tesseract's LSTM reads text best when a capital is
// roughly 25-35 pixels tall; smaller text loses strokes in binarisation, much larger text only
// costs time.
var TargetGlyph = 26.0

const (
	TargetGlyphX = 26.0       // median glyph height (about the cap height) after scaling
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
	s := TargetGlyph / glyph
	s = min(s, maxScale)
	if s < 1 && glyph < 2*TargetGlyph {
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
	p.removeRules()
	return p, nil
}

// PNG encodes the prepared picture for the recogniser.
func (p *Prepared) PNG() []byte {
	if os.Getenv("BIN") != "" {
		return encodePNG(p.img)
	}
	return encodePNG(p.grey)
}

func encodePNG(g *gray) []byte {
	var buf bytes.Buffer
	im := &image.Gray{Pix: g.Pix, Stride: g.W, Rect: image.Rect(0, 0, g.W, g.H)}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, im); err != nil {
		panic(err) // writing to a bytes.Buffer does not fail
	}
	return buf.Bytes()
}

// background is the most common grey level: the paper (or the screen of a dark theme).
func background(g *gray) int {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
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
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	bg := 0
	for v := range hist {
		if hist[v] > hist[bg] {
			bg = v
		}
	}
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

// resize scales a grey picture by s with Catmull-Rom interpolation.
func resize(g *gray, s float64) *gray {
	w, h := max(1, int(float64(g.W)*s+0.5)), max(1, int(float64(g.H)*s+0.5))
	src := &image.Gray{Pix: g.Pix, Stride: g.W, Rect: image.Rect(0, 0, g.W, g.H)}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
	return &gray{W: w, H: h, Pix: dst.Pix}
}

