package corpus

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/render"
)

var update = flag.Bool("update", false, "rewrite the corpus golden files (NAME.json, NAME.exit) from the current output")

// knownBugs is the folder of cases whose current output is wrong; see its README.
const knownBugs = "known-bugs"

// result is what the command would do with one input: its JSON, its exit status and what it
// would say on stderr, through the same mapping the command uses (internal/frontend).
type result struct {
	json   []byte
	exit   int
	stderr string
	diag   string // stderr for exit 2, else every flag as "line: severity (kind): message"
}

func runCase(src string) (result, error) {
	doc := grammar.Parse(src)
	res := explain.Explain(doc)
	var buf bytes.Buffer
	if err := render.JSON(&buf, res); err != nil {
		return result{}, err
	}
	r := result{json: buf.Bytes()}
	var stderr strings.Builder
	r.exit = frontend.ExitStatus(res, doc, "corpus", &stderr)
	r.stderr = stderr.String()
	if r.exit != 2 {
		var msg strings.Builder
		flags := append([]explain.Flag{}, res.Flags...)
		for _, s := range res.Summaries {
			flags = append(flags, s.Flags...)
		}
		for _, c := range res.Code {
			flags = append(flags, c.Flags...)
		}
		for _, f := range flags {
			msg.WriteString(strconv.Itoa(f.Line) + ": " + string(f.Severity) + " (" + string(f.Kind) + "): " + f.Message + "\n")
		}
		r.diag = msg.String()
	} else {
		r.diag = r.stderr
	}
	return r, nil
}

// cases lists every NAME.txt under dir, skipping the known-bugs folder.
func cases(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == knownBugs {
			t.Logf("skipping %s: cases with known wrong output (see %s/README)", path, path)
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".txt") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestCorpus(t *testing.T) {
	files := cases(t, ".")
	if len(files) == 0 {
		t.Fatal("no corpus cases found")
	}
	for _, in := range files {
		name := strings.TrimSuffix(in, ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := runCase(string(src))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				write(t, name+".json", got.json)
				write(t, name+".exit", []byte(strconv.Itoa(got.exit)+"\n"))
				if got.exit == 2 || strings.HasPrefix(name, "bad"+string(filepath.Separator)) {
					if _, err := os.Stat(name + ".expect"); err != nil {
						t.Errorf("%s.expect is missing: write by hand the substring the diagnostics must contain; they are:\n%s", name, got.diag)
					}
				}
				return
			}
			want := read(t, name+".json")
			if !bytes.Equal(got.json, want) {
				t.Errorf("JSON differs from %s.json (go test ./corpus -update rewrites it):\n%s", name, diff.Diff(name+".json", want, "got", got.json))
			}
			wantExit, err := strconv.Atoi(strings.TrimSpace(string(read(t, name+".exit"))))
			if err != nil {
				t.Fatalf("%s.exit: %v", name, err)
			}
			if got.exit != wantExit {
				t.Errorf("exit status %d, want %d (%s.exit)", got.exit, wantExit, name)
			}
			if want, err := os.ReadFile(name + ".expect"); err == nil {
				sub := strings.TrimRight(string(want), "\n")
				if !strings.Contains(got.diag, sub) {
					t.Errorf("diagnostics do not contain %q (%s.expect); they are:\n%s", sub, name, got.diag)
				}
			} else if wantExit == 2 || strings.HasPrefix(name, "bad"+string(filepath.Separator)) {
				t.Errorf("%s.expect is missing: every unreadable or bad input names what is wrong and where", name)
			}
		})
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./corpus -update writes the golden files)", err)
	}
	return b
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
