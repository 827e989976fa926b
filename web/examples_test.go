package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// example is one button of the page (examples/examples.json).
type example struct {
	ID, Label, File, Corpus, About string
}

// TestExamplesAreCorpusCases checks that every example the page offers is, byte for byte, a case
// of the project's own corpus (whose expected output the corpus tests check), and that every file
// in examples/ is offered.
func TestExamplesAreCorpusCases(t *testing.T) {
	b, err := fs.ReadFile(Files(), "examples/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var exs []example
	if err := json.Unmarshal(b, &exs); err != nil {
		t.Fatal(err)
	}
	if len(exs) < 4 {
		t.Fatalf("%d examples, want at least the seed, a frozen base, Keras 3 and code only", len(exs))
	}
	offered := map[string]bool{"examples.json": true}
	for _, ex := range exs {
		if ex.ID == "" || ex.Label == "" || ex.File == "" || ex.Corpus == "" {
			t.Errorf("%+v: id, label, file and corpus are required", ex)
			continue
		}
		offered[ex.File] = true
		got, err := fs.ReadFile(Files(), "examples/"+ex.File)
		if err != nil {
			t.Errorf("%s: %v", ex.ID, err)
			continue
		}
		want, err := os.ReadFile(filepath.Join("..", ex.Corpus))
		if err != nil {
			t.Errorf("%s: %v", ex.ID, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/%s differs from %s (cp %s web/examples/%s)", ex.File, ex.Corpus, ex.Corpus, ex.File)
		}
	}
	ents, err := fs.ReadDir(Files(), "examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !offered[e.Name()] {
			t.Errorf("examples/%s is not in examples.json", e.Name())
		}
	}
}
