package ocr

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/layers"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/shots")

// shotClasses are the classes the command passes: every class kexplain knows (the recordings of
// testdata/shots were made with them, so that the count cells asked for are the same).
var shotClasses = layers.Classes()

// replay answers the requests of Read with what Tesseract answered when the pictures were made
// (testdata/shots/make.sh): NAME.text.tsv and NAME.counts.tsv.
func replay(base string) Recognizer {
	return func(r Request) ([]byte, error) {
		return os.ReadFile(base + "." + r.Purpose + ".tsv")
	}
}

func shots(t testing.TB) []string {
	var pics []string
	for _, pat := range []string{"testdata/shots/*.png", "testdata/shots/*.jpg"} {
		m, _ := filepath.Glob(pat)
		pics = append(pics, m...)
	}
	if len(pics) == 0 {
		t.Fatal("no pictures in testdata/shots")
	}
	return pics
}

func nonBlank(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestGolden reads the pictures of our own corpus cases with the recorded recognitions and
// compares the page (text and doubts) with NAME.golden.txt. The lines must also mostly be the
// lines of the print the picture was made from.
func TestGolden(t *testing.T) {
	for _, pic := range shots(t) {
		base := strings.TrimSuffix(pic, filepath.Ext(pic))
		t.Run(filepath.Base(base), func(t *testing.T) {
			data, err := os.ReadFile(pic)
			if err != nil {
				t.Fatal(err)
			}
			page, err := Reader{Recognize: replay(base), Classes: shotClasses}.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(page.Text())
			b.WriteString("--- read with low confidence\n")
			for _, d := range page.Doubts {
				fmt.Fprintf(&b, "%d:%d-%d %q %.0f\n", d.Line, d.Col, d.End, d.Text, d.Conf)
			}
			golden := base + ".golden.txt"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ocr -run TestGolden -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("the page differs from %s (go test ./ocr -run TestGolden -update, then read the diff):\n%s", golden, b.String())
			}
			src, err := os.ReadFile(base + ".source.txt")
			if err != nil {
				t.Fatal(err)
			}
			printed := map[string]int{}
			for _, l := range nonBlank(string(src)) {
				printed[l]++
			}
			got := nonBlank(page.Text())
			same := 0
			for _, l := range got {
				if printed[l] > 0 {
					printed[l]--
					same++
				}
			}
			if n := len(nonBlank(string(src))); same*10 < 7*n {
				t.Errorf("only %d of the %d printed lines read exactly", same, n)
			}
		})
	}
}
