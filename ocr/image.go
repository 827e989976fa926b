package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
)

// Kind is what the first bytes of an input say it is.
type Kind int

// The kinds Detect tells apart. Only PNG and JPEG are read; the others are named so that the
// command can say what it got instead of treating a picture as text.
const (
	NotImage Kind = iota
	PNG
	JPEG
	GIF
	WebP
	BMP
	TIFF
)

func (k Kind) String() string {
	switch k {
	case PNG:
		return "PNG"
	case JPEG:
		return "JPEG"
	case GIF:
		return "GIF"
	case WebP:
		return "WebP"
	case BMP:
		return "BMP"
	case TIFF:
		return "TIFF"
	}
	return "text"
}

// Supported reports whether Read takes pictures of this kind.
func (k Kind) Supported() bool { return k == PNG || k == JPEG }

// Detect recognises a picture by its magic bytes. Text (and anything else) is NotImage.
func Detect(b []byte) Kind {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return GIF
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return WebP
	case bytes.HasPrefix(b, []byte("BM")) && len(b) >= 26 && b[14] >= 12 && b[15] == 0:
		return BMP
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return TIFF
	}
	return NotImage
}

// MaxPixels bounds the pictures Read decodes (a screenshot of a very long summary at 4K is well
// below it); a larger one is refused before it is decoded, so a hostile header cannot make the
// decoder allocate without bound.
const MaxPixels = 40_000_000

// ErrNotPicture is returned for input that is neither PNG nor JPEG.
var ErrNotPicture = errors.New("not a PNG or JPEG picture")

// decode reads a PNG or JPEG picture into a grey image (luminance, 0 black to 255 white).
func decode(b []byte) (*gray, error) {
	kind := Detect(b)
	if !kind.Supported() {
		if kind == NotImage {
			return nil, ErrNotPicture
		}
		return nil, fmt.Errorf("a %s picture: kexplain reads PNG and JPEG (convert it, e.g. to PNG)", kind)
	}
	var cfg image.Config
	var err error
	if kind == PNG {
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	}
	if err != nil {
		return nil, fmt.Errorf("the %s picture cannot be read: %v", kind, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("the %s picture is empty (%d×%d)", kind, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("the %s picture is too large to read (%d×%d pixels; at most %d million)", kind, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	var img image.Image
	if kind == PNG {
		img, err = png.Decode(bytes.NewReader(b))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, fmt.Errorf("the %s picture cannot be read: %v", kind, err)
	}
	return toGray(img), nil
}

// gray is a luminance image: Pix[y*W+x], 0 black to 255 white.
type gray struct {
	W, H int
	Pix  []uint8
}

func newGray(w, h int) *gray { return &gray{W: w, H: h, Pix: make([]uint8, w*h)} }

func (g *gray) at(x, y int) uint8 { return g.Pix[y*g.W+x] }

// toGray takes the luminance of any image (Rec. 601 weights; transparent pixels count as white,
// the way a page shows them).
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := newGray(b.Dx(), b.Dy())
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < g.H; y++ {
			copy(g.Pix[y*g.W:(y+1)*g.W], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
		return g
	case *image.Gray:
		for y := 0; y < g.H; y++ {
			copy(g.Pix[y*g.W:(y+1)*g.W], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		return g
	case *image.RGBA:
		for y := 0; y < g.H; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < g.W; x++ {
				p := row[4*x : 4*x+4]
				// premultiplied: composite over white
				w := 255 - uint32(p[3])
				l := (299*(uint32(p[0])+w) + 587*(uint32(p[1])+w) + 114*(uint32(p[2])+w)) / 1000
				g.Pix[y*g.W+x] = uint8(min(l, 255))
			}
		}
		return g
	}
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			r, gg, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			// composite over white
			r += 0xffff - a
			gg += 0xffff - a
			bb += 0xffff - a
			l := (299*r + 587*gg + 114*bb) / 1000
			if l > 0xffff {
				l = 0xffff
			}
			g.Pix[y*g.W+x] = uint8(l >> 8)
		}
	}
	return g
}
