package tesseract

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/kexplain/kexplain/ocr"
)

func TestMissing(t *testing.T) {
	saved := Command
	Command = "kexplain-test-no-such-tesseract"
	defer func() { Command = saved }()
	if err := Available(); !errors.Is(err, ErrMissing) {
		t.Errorf("Available: %v, want ErrMissing", err)
	}
	_, err := Recognize(ocr.Request{PNG: []byte("x"), PSM: 6, Purpose: "text"})
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), Packages) {
		t.Errorf("Recognize: %v, want ErrMissing naming %s", err, Packages)
	}
}

// TestRecognize runs Tesseract on a drawn word (skipped where it is not installed) and reads
// its TSV, with and without a whitelist.
func TestRecognize(t *testing.T) {
	if Available() != nil {
		t.Skip("no Tesseract here")
	}
	img := image.NewGray(image.Rect(0, 0, 200, 40))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: basicfont.Face7x13, Dot: fixed.P(10, 25)}
	d.DrawString("Dense 645")
	big := image.NewGray(image.Rect(0, 0, 800, 160)) // 4× (Tesseract wants larger glyphs)
	for y := 0; y < 160; y++ {
		for x := 0; x < 800; x++ {
			big.Pix[y*800+x] = img.Pix[(y/4)*200+x/4]
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, big); err != nil {
		t.Fatal(err)
	}
	read := func(wl string) string {
		out, err := Recognize(ocr.Request{PNG: buf.Bytes(), PSM: 7, Whitelist: wl, Purpose: "text"})
		if err != nil {
			t.Fatal(err)
		}
		words, err := ocr.ParseTSV(out)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, w := range words {
			s = append(s, w.Text)
		}
		return strings.Join(s, " ")
	}
	if got := read(""); !strings.Contains(got, "ense") {
		t.Errorf("read %q, want the word Dense", got)
	}
	if got := read("0123456789,"); strings.ContainsAny(strings.ToLower(got), "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("digits only: read %q", got)
	}
}

// BenchmarkRead measures a whole picture, Tesseract's two recognitions included (skipped where
// it is not installed): the time a user waits for `kexplain shot.png` before the explanation.
func BenchmarkRead(b *testing.B) {
	if Available() != nil {
		b.Skip("no Tesseract here")
	}
	for _, name := range []string{"keras1-seed-liberation.png", "keras3-functional-liberation-dark.jpg", "tfjs-seed-noto-terminal.jpg"} {
		data, err := os.ReadFile(filepath.Join("../../ocr/testdata/shots", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ocr.Read(data, Recognize); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
