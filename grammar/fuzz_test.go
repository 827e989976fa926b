package grammar_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

// handSeeds are small inputs that reach the corners of the grammar.
var handSeeds = []string{
	"",
	"\n\n",
	"Layer (type)  Output Shape  Param #\n",
	"Total params: 12\n",
	"Model: \"m\"\n" + strings.Repeat("_", 65) + "\nLayer (type)                 Output Shape              Param #   \n" + strings.Repeat("=", 65) + "\ndense (Dense)                (None, 6",
	"┏━━┳━━┓\n┃ Layer (type) ┃ Output Shape ┃ Param # ┃\n┡━━╇━━┩\n│ d (Dense) │ (None, 4) │ 20 │\n└──┴──┘\n",
	"model.add(Dense(64, input_shape=(10,))\n",
	"1344 * 128 + 128 = 172160\n",
	"192\n256\n164096\n",
	"dense (Dense) " + strings.Repeat("(", 300) + " 4,160\n",
	"| Layer (type) | Output Shape | Param # |\n|---|---|---|\n| d (Dense) | (None, 4) | 20 |\n",
}

// corpusSeeds returns every corpus input, corpus/**/*.txt.
func corpusSeeds(f *testing.F) []string {
	var out []string
	err := filepath.WalkDir(filepath.Join("..", "corpus"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".txt") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, string(b))
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	return out
}

func addSeeds(f *testing.F) {
	for _, s := range handSeeds {
		f.Add(s)
	}
	for _, s := range corpusSeeds(f) {
		f.Add(s)
	}
}

// parse runs grammar.Parse with a deadline, so that a hang fails the input instead of the run.
func parse(t *testing.T, src string) *grammar.Document {
	t.Helper()
	done := make(chan *grammar.Document, 1)
	go func() { done <- grammar.Parse(src) }()
	select {
	case doc := <-done:
		return doc
	case <-time.After(10 * time.Second):
		t.Fatalf("grammar.Parse did not finish within 10 s on %d bytes", len(src))
		return nil
	}
}

// checkPositions fails unless every error has a position inside the input.
func checkPositions(t *testing.T, src string, doc *grammar.Document) {
	t.Helper()
	lines := strings.Count(src, "\n") + 1
	check := func(where string, e *grammar.Error) {
		if e.Line < 1 || e.Line > lines+1 {
			t.Errorf("%s %q: line %d outside 1..%d", where, e.Error(), e.Line, lines+1)
		}
		if e.Col < 1 {
			t.Errorf("%s %q: column %d < 1", where, e.Error(), e.Col)
		}
		if strings.Contains(e.Msg, "internal error") {
			t.Errorf("%s: the parser panicked: %s", where, e.Msg)
		}
	}
	for _, e := range doc.Errors {
		check("Error", e)
	}
	for _, tb := range doc.Tables {
		for _, e := range tb.Problems {
			check("Problem", e)
		}
	}
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		doc := parse(t, src)
		checkPositions(t, src, doc)
	})
}

// knownPanics are panics reported and not yet fixed in the non-test code, matched by a function
// name in the stack. An input that hits one is skipped, so CI stays green while the bug is open and
// fuzzing goes on looking for other bugs; remove the entry once the bug is fixed.
var knownPanics = []struct{ frame, reason string }{}

func skipKnownPanic(t *testing.T) {
	r := recover()
	if r == nil {
		return
	}
	stack := string(debug.Stack())
	for _, k := range knownPanics {
		if strings.Contains(stack, k.frame) {
			t.Skip(k.reason)
		}
	}
	panic(r)
}

func FuzzExplain(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		defer skipKnownPanic(t)
		doc := parse(t, src)
		res := explain.Explain(doc)
		var buf bytes.Buffer
		if err := render.JSON(&buf, res); err != nil {
			t.Fatalf("render.JSON: %v", err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatalf("render.JSON wrote invalid JSON:\n%s", buf.Bytes())
		}
	})
}
