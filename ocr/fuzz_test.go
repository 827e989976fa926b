package ocr

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// FuzzPrepare feeds damaged pictures to the preparation (and the layout, with a recogniser that
// answers nothing useful): it must refuse them or prepare them, never panic or hang. Seeded with
// small drawn tables (a screenshot takes too long per run for the fuzzer to get anywhere), and
// the pictures of testdata/shots when run as a test; larger pictures are left out.
func FuzzPrepare(f *testing.F) {
	if !testing.Short() && os.Getenv("KEXPLAIN_FUZZ_SMALL") == "" {
		for _, pic := range shots(f) {
			if b, err := os.ReadFile(pic); err == nil && len(b) < 60_000 {
				f.Add(b)
			}
		}
	}
	s := newSheet(150, 40, true)
	s.box([]int{4, 100, 146}, []int{4, 20, 36})
	s.text(8, 16, "dense_1 (Dense)")
	s.text(110, 32, "645")
	var buf bytes.Buffer
	if err := png.Encode(&buf, s.img); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	buf.Reset()
	if err := jpeg.Encode(&buf, s.img, &jpeg.Options{Quality: 40}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		var cfg image.Config
		var err error
		switch Detect(b) {
		case PNG:
			cfg, err = png.DecodeConfig(bytes.NewReader(b))
		case JPEG:
			cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
		}
		if err == nil && cfg.Width*cfg.Height > 20_000 {
			return
		}
		p, err := Prepare(b)
		if err != nil {
			return
		}
		tsv := []byte("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
			"5\t1\t1\t1\t1\t1\t5\t5\t40\t20\t50\t(None,\n5\t1\t1\t1\t2\t1\t5\t40\t30\t20\t90\t0\n")
		if _, err := (Reader{Recognize: func(Request) ([]byte, error) { return tsv, nil }}).ReadPrepared(p); err != nil && err != ErrNoText {
			t.Fatal(err)
		}
	})
}
