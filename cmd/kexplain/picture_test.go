package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/internal/tesseract"
)

const shotsDir = "../../ocr/testdata/shots"

// Without Tesseract a picture is refused with the packages to install, exit 2.
func TestPictureWithoutTesseract(t *testing.T) {
	saved := tesseract.Command
	tesseract.Command = "kexplain-test-no-such-tesseract"
	defer func() { tesseract.Command = saved }()
	var out, errb bytes.Buffer
	code := run([]string{filepath.Join(shotsDir, "keras1-seed-liberation.png")}, nil, &out, &errb, func(string) string { return "" })
	if code != exitUnread {
		t.Errorf("exit %d, want %d", code, exitUnread)
	}
	if !strings.Contains(errb.String(), "tesseract-ocr tesseract-ocr-eng") {
		t.Errorf("stderr does not name the packages to install: %q", errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("output for a picture that could not be read: %q", out.String())
	}
}

// A picture of a kind kexplain does not read is said to be one, not read as text.
func TestPictureOtherKinds(t *testing.T) {
	for name, in := range map[string]string{"GIF": "GIF89a\x01\x00\x01\x00\x00\x00\x00", "WebP": "RIFF\x10\x00\x00\x00WEBPVP8 "} {
		var out, errb bytes.Buffer
		code := run([]string{"-"}, strings.NewReader(in), &out, &errb, func(string) string { return "" })
		if code != exitUnread || !strings.Contains(errb.String(), "a "+name+" picture") || !strings.Contains(errb.String(), "PNG and JPEG") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errb.String())
		}
	}
	// a PNG whose data is cut short
	var out, errb bytes.Buffer
	code := run([]string{"-"}, strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00"), &out, &errb, func(string) string { return "" })
	if code != exitUnread || !strings.Contains(errb.String(), "cannot be read") {
		t.Errorf("a cut PNG: exit %d, stderr %q", code, errb.String())
	}
}

type row struct{ name, class, params string }

func rowsOf(t *testing.T, text string) []row {
	t.Helper()
	doc := grammar.Parse(text)
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables in\n%s", len(doc.Tables), text)
	}
	var out []row
	for _, r := range doc.Tables[0].Rows {
		out = append(out, row{r.Name, r.TypeText, r.ParamsText})
	}
	return out
}

// TestPictures reads the pictures of our own corpus cases with Tesseract (skipped without it)
// and compares the rows read with the rows of the print each was made from. The seed must be
// read with every row right, and every count must be right in every picture (a count OCR is
// unsure of may stay unread, but is never read wrong).
func TestPictures(t *testing.T) {
	if err := tesseract.Available(); err != nil {
		t.Skip("no Tesseract here:", err)
	}
	pics, _ := filepath.Glob(filepath.Join(shotsDir, "*.png"))
	jpgs, _ := filepath.Glob(filepath.Join(shotsDir, "*.jpg"))
	for _, pic := range append(pics, jpgs...) {
		base := strings.TrimSuffix(pic, filepath.Ext(pic))
		t.Run(filepath.Base(base), func(t *testing.T) {
			src, err := os.ReadFile(base + ".source.txt")
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(pic)
			if err != nil {
				t.Fatal(err)
			}
			var errb bytes.Buffer
			page, ok := readPicture(data, pic, &errb)
			if !ok {
				t.Fatal(errb.String())
			}
			want, got := rowsOf(t, string(src)), rowsOf(t, page.Text())
			if len(got) != len(want) {
				t.Fatalf("%d rows read, the print has %d:\n%s", len(got), len(want), page.Text())
			}
			wrong := 0
			for i := range want {
				if got[i] != want[i] {
					wrong++
					t.Logf("row %d read %+v, printed %+v", i+1, got[i], want[i])
				}
				if got[i].params != want[i].params {
					t.Errorf("row %d: count read %q, printed %q", i+1, got[i].params, want[i].params)
				}
			}
			if strings.HasPrefix(filepath.Base(base), "keras1-seed") && wrong > 0 {
				t.Errorf("the seed's picture has %d rows read wrong", wrong)
			}
			// the command's verdict: consistent, but for the wrong count
			var out bytes.Buffer
			errb.Reset()
			code := run([]string{pic}, nil, &out, &errb, func(string) string { return "" })
			wantCode := exitOK
			if strings.Contains(base, "wrong-count") {
				wantCode = exitFlagged
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d:\n%s%s", code, wantCode, out.String(), errb.String())
			}
		})
	}
}
