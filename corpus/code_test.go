package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The forum-style code snippets of corpus/code/ (and the era cases of corpus/code-eras/) carry, besides their golden JSON, the rows worked
// out by hand (NAME.rows), so that the golden is never only whatever the tool printed:
//
//	# Conv2D(32, 3) on 3 channels: 3·3·3·32 + 32 = 896
//	conv2d | Conv2D | (None, 62, 62, 32) | 896
//	embedding | Embedding | (None, 100, 32) | ? | input_dim
//	note: 8:1 if use_bn: condition unknown
//
// A row is name | class | output shape | count, in the order the code entry lists them; a count
// of "?" must be unknown (expected_params null, status unknown) and its reason must contain the
// fifth field when there is one. A "note:" line is a substring one of the code's notes must hold.
// TestCodeRows holds every snippet to its rows; TestCodeRowsCoverage keeps the folder at 60 or more.

type handRow struct {
	line                       int
	name, class, shape, params string
	reason                     string
}

func readRows(t *testing.T, path string) ([]handRow, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []handRow
	var notes []string
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case strings.HasPrefix(l, "note:"):
			notes = append(notes, strings.TrimSpace(strings.TrimPrefix(l, "note:")))
			continue
		}
		parts := strings.Split(l, "|")
		if len(parts) < 4 || len(parts) > 5 {
			t.Fatalf("%s:%d: want name | class | output | count [| reason]", path, n)
		}
		r := handRow{line: n, name: strings.TrimSpace(parts[0]), class: strings.TrimSpace(parts[1]),
			shape: strings.TrimSpace(parts[2]), params: strings.TrimSpace(parts[3])}
		if len(parts) == 5 {
			r.reason = strings.TrimSpace(parts[4])
		}
		rows = append(rows, r)
	}
	return rows, notes
}

type codeDoc struct {
	Code []struct {
		Layers []struct {
			Name     string  `json:"name"`
			Type     *string `json:"type"`
			Output   string  `json:"output_shape"`
			Expected *int64  `json:"expected_params"`
			Status   string  `json:"status"`
			Config   string  `json:"config"`
		} `json:"layers"`
		Flags []struct {
			Message string `json:"message"`
		} `json:"flags"`
	} `json:"code"`
}

// handWorked are the folders whose snippets carry their rows worked out by hand.
var handWorked = []string{"code", "code-eras"}

func TestCodeRows(t *testing.T) {
	var files []string
	for _, dir := range handWorked {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.rows"))
		if len(fs) == 0 {
			t.Fatalf("no corpus/%s/*.rows", dir)
		}
		files = append(files, fs...)
	}
	for _, path := range files {
		name := strings.TrimSuffix(path, ".rows")
		t.Run(name, func(t *testing.T) {
			want, notes := readRows(t, path)
			src, err := os.ReadFile(name + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			got, err := runCase(string(src))
			if err != nil {
				t.Fatal(err)
			}
			var doc codeDoc
			if err := json.Unmarshal(got.json, &doc); err != nil {
				t.Fatal(err)
			}
			// the snippet's model: the code entry with rows (the last one, when there are several)
			k := -1
			for i, c := range doc.Code {
				if len(c.Layers) > 0 {
					k = i
				}
			}
			var allNotes []string
			for _, c := range doc.Code {
				for _, f := range c.Flags {
					allNotes = append(allNotes, f.Message)
				}
			}
			for _, n := range notes {
				found := false
				for _, m := range allNotes {
					if strings.Contains(m, n) {
						found = true
					}
				}
				if !found {
					t.Errorf("no note holds %q; the notes are:\n  %s", n, strings.Join(allNotes, "\n  "))
				}
			}
			if len(want) == 0 {
				if k >= 0 {
					t.Errorf("the snippet should build no model, got %d rows", len(doc.Code[k].Layers))
				}
				return
			}
			if k < 0 {
				t.Fatalf("no model rebuilt; notes:\n  %s", strings.Join(allNotes, "\n  "))
			}
			ls := doc.Code[k].Layers
			if len(ls) != len(want) {
				var b strings.Builder
				for _, l := range ls {
					b.WriteString("  " + l.Name + " | " + deref(l.Type) + " | " + l.Output + " | " + count(l.Expected) + "\n")
				}
				t.Fatalf("%d rows, want %d:\n%s", len(ls), len(want), b.String())
			}
			for i, w := range want {
				l := ls[i]
				got := handRow{name: l.Name, class: deref(l.Type), shape: l.Output, params: count(l.Expected)}
				if got.name != w.name || got.class != w.class || got.shape != w.shape || got.params != w.params {
					t.Errorf("%s:%d: got %s | %s | %s | %s, want %s | %s | %s | %s", path, w.line,
						got.name, got.class, got.shape, got.params, w.name, w.class, w.shape, w.params)
				}
				if w.params == "?" && l.Status != "unknown" {
					t.Errorf("%s:%d: a row whose count is not known must be unknown, is %s", path, w.line, l.Status)
				}
				if w.reason != "" && !strings.Contains(l.Config, w.reason) {
					t.Errorf("%s:%d: the reason %q does not hold %q", path, w.line, l.Config, w.reason)
				}
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func count(n *int64) string {
	if n == nil {
		return "?"
	}
	return strconv.FormatInt(*n, 10)
}

// TestCodeRowsCoverage: every code snippet (corpus/code, corpus/code-eras) has its hand-worked
// rows, and corpus/code holds at least 60.
func TestCodeRowsCoverage(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("code", "*.txt"))
	if len(files) < 60 {
		t.Errorf("%d snippets in corpus/code, want at least 60", len(files))
	}
	eras, _ := filepath.Glob(filepath.Join("code-eras", "*.txt"))
	for _, f := range append(files, eras...) {
		if _, err := os.Stat(strings.TrimSuffix(f, ".txt") + ".rows"); err != nil {
			t.Errorf("%s has no .rows: work its rows out by hand", f)
		}
	}
}

// TestDeterministic runs every corpus case three times: the output is the same each time (no
// order that comes from a Go map's iteration).
func TestDeterministic(t *testing.T) {
	for _, in := range cases(t, ".") {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		first, err := runCase(string(src))
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 2; k++ {
			again, err := runCase(string(src))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.json, again.json) || first.exit != again.exit || first.diag != again.diag {
				t.Errorf("%s: the output differs from run to run", in)
				break
			}
		}
	}
}
