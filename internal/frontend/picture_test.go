package frontend

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/ocr"
)

// replay answers the recognitions of a picture in ../../ocr/testdata/shots with the TSV that
// Tesseract gave for it (NAME.text.tsv, NAME.counts.tsv), so that the page's reading of a picture
// is tested without Tesseract.
func replay(base string, asked *[]ocr.Request) ocr.Recognizer {
	return func(r ocr.Request) ([]byte, error) {
		*asked = append(*asked, ocr.Request{PSM: r.PSM, Whitelist: r.Whitelist, Purpose: r.Purpose})
		return os.ReadFile(base + "." + r.Purpose + ".tsv")
	}
}

func TestPicturePage(t *testing.T) {
	const base = "../../ocr/testdata/shots/keras1-seed-liberation"
	data, err := os.ReadFile(base + ".png")
	if err != nil {
		t.Skip("no picture to replay:", err)
	}
	var asked []ocr.Request
	res := PicturePage(data, replay(base, &asked))
	if res.Exit != ExitOK {
		t.Fatalf("exit %d: %s", res.Exit, res.Diagnostics)
	}
	if res.Picture == nil || res.Picture.Kind != "PNG" || res.Picture.Words == 0 || !strings.Contains(res.Picture.Text, "Total params: 164,869") {
		t.Fatalf("picture: %+v", res.Picture)
	}
	if len(asked) != 2 || asked[0].Purpose != "text" || asked[1].Purpose != "counts" || asked[1].Whitelist == "" || asked[0].Whitelist != "" {
		t.Errorf("recognitions asked for: %+v, want the text, then the counts with a digit whitelist", asked)
	}
	var doc struct {
		Summaries []struct {
			Layers []struct {
				Name   string
				Params *int
				Status string
			}
		}
	}
	if err := json.Unmarshal(res.JSON, &doc); err != nil || len(doc.Summaries) != 1 {
		t.Fatalf("JSON: %v, %d summaries", err, len(doc.Summaries))
	}
	want := []int{256, 0, 0, 163968, 0, 645}
	ls := doc.Summaries[0].Layers
	if len(ls) != len(want) {
		t.Fatalf("%d rows, want %d", len(ls), len(want))
	}
	for i, l := range ls {
		if l.Params == nil || *l.Params != want[i] || l.Status != "ok" {
			t.Errorf("row %d %s: %v %s, want %d ok", i, l.Name, l.Params, l.Status, want[i])
		}
	}
	enc := res.Encode()
	if !strings.Contains(enc, `"picture":{"kind":"PNG"`) || !json.Valid([]byte(enc)) {
		t.Errorf("Encode: no picture, or not JSON: %.200s", enc)
	}
	if strings.Contains(Page("x").Encode(), `"picture"`) {
		t.Error("a paste of text has a picture")
	}
}

func TestPicturePageUnread(t *testing.T) {
	never := func(ocr.Request) ([]byte, error) {
		t.Error("the recogniser was asked to read a picture that cannot be read")
		return nil, errors.New("no")
	}
	var blank bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 300, 100))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	png.Encode(&blank, img)
	failing := func(ocr.Request) ([]byte, error) { return nil, errors.New("the recogniser failed: out of memory") }
	words := func(ocr.Request) ([]byte, error) { return []byte("level\tpage_num\n"), nil }
	var drawn bytes.Buffer
	for x := 20; x < 280; x++ {
		for y := 40; y < 60; y++ {
			if x%7 < 4 {
				img.Pix[y*img.Stride+x] = 0
			}
		}
	}
	png.Encode(&drawn, img)
	for _, c := range []struct {
		name string
		data []byte
		rec  ocr.Recognizer
		want string
	}{
		{"text", []byte("Model: \"m\"\n"), never, "not a picture"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), never, "a GIF picture: kexplain reads PNG and JPEG"},
		{"broken png", []byte("\x89PNG\r\n\x1a\nbroken"), never, "cannot be read"},
		{"blank", blank.Bytes(), never, "no text"},
		{"recogniser fails", drawn.Bytes(), failing, "out of memory"},
		{"nothing recognised", drawn.Bytes(), words, "no text"},
	} {
		res := PicturePage(c.data, c.rec)
		if res.Exit != ExitUnread || res.Picture == nil || res.Picture.Text != "" || !strings.Contains(res.Diagnostics, c.want) {
			t.Errorf("%s: exit %d, picture %+v, %q; want exit 2 saying %q", c.name, res.Exit, res.Picture, res.Diagnostics, c.want)
		}
		if !json.Valid([]byte(res.Encode())) {
			t.Errorf("%s: Encode is not JSON", c.name)
		}
	}
}
