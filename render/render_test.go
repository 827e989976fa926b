package render_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestFormats renders each explained paste in testdata through every format and compares with
// the golden files: NAME.text (no colour), NAME.color (colour on), NAME.md.
func TestFormats(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.txt")
	if len(inputs) == 0 {
		t.Fatal("no inputs in testdata")
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		res := explain.Explain(grammar.Parse(string(src)))
		stem := strings.TrimSuffix(in, ".txt")
		opt := render.Options{Source: filepath.Base(in), Weights: true}
		outputs := map[string]func(*bytes.Buffer) error{
			".text":  func(b *bytes.Buffer) error { return render.Text(b, res, render.NewPalette(false), opt) },
			".color": func(b *bytes.Buffer) error { return render.Text(b, res, render.NewPalette(true), opt) },
			".md":    func(b *bytes.Buffer) error { return render.Markdown(b, res, opt) },
			".mmd":   func(b *bytes.Buffer) error { return render.Mermaid(b, res) },
			".dot":   func(b *bytes.Buffer) error { return render.DOT(b, res) },
		}
		for ext, fn := range outputs {
			var b bytes.Buffer
			if err := fn(&b); err != nil {
				t.Fatalf("%s%s: %v", stem, ext, err)
			}
			golden := stem + ext
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./render -update writes it)", err)
			}
			if !bytes.Equal(want, b.Bytes()) {
				t.Errorf("%s differs:\n%s", golden, diff.Diff(golden, want, "got", b.Bytes()))
			}
		}
	}
}

// TestColourOnlyWhenAsked: the plain text has no escape codes; the coloured one has.
func TestColourOnlyWhenAsked(t *testing.T) {
	src, _ := os.ReadFile("testdata/seed.txt")
	res := explain.Explain(grammar.Parse(string(src)))
	var plain, col bytes.Buffer
	render.Text(&plain, res, render.NewPalette(false), render.Options{Source: "x"})
	render.Text(&col, res, render.NewPalette(true), render.Options{Source: "x"})
	if bytes.Contains(plain.Bytes(), []byte("\x1b[")) {
		t.Error("escape codes with colour off")
	}
	if !bytes.Contains(col.Bytes(), []byte("\x1b[")) {
		t.Error("no escape codes with colour on")
	}
}

// TestTextFitsEightyColumns: every line of the plain text output of the seed fits 80 columns.
func TestTextFitsEightyColumns(t *testing.T) {
	src, _ := os.ReadFile("testdata/seed.txt")
	res := explain.Explain(grammar.Parse(string(src)))
	var b bytes.Buffer
	render.Text(&b, res, render.NewPalette(false), render.Options{Source: "seed.txt", Weights: true})
	for i, l := range strings.Split(b.String(), "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("line %d is %d columns: %q", i+1, n, l)
		}
	}
}
