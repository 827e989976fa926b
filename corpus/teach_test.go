package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

// TestTeachingText keeps the text explanation of one case per family (teach/: dense,
// convolution, recurrent, normalization, attention, wrappers, a nested base) as a golden file,
// NAME.text: the explanation a student reads, reviewed as a teacher reads an answer before it is
// committed (go test ./corpus -update rewrites them; read the diff).
func TestTeachingText(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("teach", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 7 {
		t.Fatalf("teach/ holds %d cases, want one per family (7)", len(files))
	}
	for _, in := range files {
		name := strings.TrimSuffix(in, ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res := explain.Explain(grammar.Parse(string(src)))
			var got bytes.Buffer
			if err := render.Text(&got, res, render.NewPalette(false), render.Options{Source: filepath.Base(in)}); err != nil {
				t.Fatal(err)
			}
			if *update {
				write(t, name+".text", got.Bytes())
				return
			}
			want := read(t, name+".text")
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("text differs from %s.text (go test ./corpus -update rewrites it):\n%s", name, diff.Diff(name+".text", want, "got", got.Bytes()))
			}
		})
	}
}
