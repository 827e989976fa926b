package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		in   string
		want Kind
	}{
		{"\x89PNG\r\n\x1a\n....", PNG},
		{"\xff\xd8\xff\xe0JFIF", JPEG},
		{"GIF89a....", GIF},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", WebP},
		{"II*\x00", TIFF},
		{"Model: \"sequential\"\n", NotImage},
		{"", NotImage},
		{"\x89PN", NotImage},
	}
	for _, c := range cases {
		if got := Detect([]byte(c.in)); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func pngOf(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSize rewrites the width and height in a PNG's header (and its checksum).
func withSize(b []byte, w, h uint32) []byte {
	out := append([]byte(nil), b...)
	// signature (8), length (4), "IHDR" (4), then width and height
	binary.BigEndian.PutUint32(out[16:], w)
	binary.BigEndian.PutUint32(out[20:], h)
	crc := crc32.ChecksumIEEE(out[12:29])
	binary.BigEndian.PutUint32(out[29:], crc)
	return out
}

func TestDecodeRefuses(t *testing.T) {
	small := pngOf(t, image.NewGray(image.Rect(0, 0, 4, 4)))
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"text", []byte("Layer (type)  Output Shape  Param #"), "not a PNG or JPEG"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "GIF picture"},
		{"truncated", small[:30], "cannot be read"},
		{"huge", withSize(small, 100000, 100000), "too large"},
	}
	for _, c := range cases {
		_, err := Prepare(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one that says %q", c.name, err, c.want)
		}
	}
	if _, err := Prepare(small); !errors.Is(err, ErrNoText) {
		t.Errorf("a blank picture: err = %v, want ErrNoText", err)
	}
}

func TestToGrayCompositesOverWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.NRGBA{0, 0, 0, 0})   // transparent: paper
	img.Set(1, 0, color.NRGBA{0, 0, 0, 255}) // black ink
	g := toGray(img)
	if g.Pix[0] != 255 || g.Pix[1] != 0 {
		t.Errorf("grey levels %v, want [255 0]", g.Pix)
	}
}
