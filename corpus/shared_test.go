package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// sharedCorpus is ../shared/corpus relative to the repository root; the test runs in corpus/.
var sharedCorpus = filepath.Join("..", "..", "shared", "corpus")

func sharedDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(sharedCorpus, sub)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("%s not found: the shared corpus is not beside this clone", dir)
	}
	return dir
}

// alarms lists the flags of severity error or warning in res, except those of the given kinds.
func alarms(res *explain.Result, except ...explain.Kind) []string {
	var out []string
	add := func(fs []explain.Flag) {
	next:
		for _, f := range fs {
			if !f.Alarm() {
				continue
			}
			for _, k := range except {
				if f.Kind == k {
					continue next
				}
			}
			out = append(out, string(f.Kind)+" line "+itoa(f.Line)+": "+f.Message)
		}
	}
	add(res.Flags)
	for _, s := range res.Summaries {
		add(s.Flags)
	}
	return out
}

// TestSharedGenuine checks every genuine table of the shared keras3-dev and tfjs-dev sets: found
// exactly once, and no false alarm (no mismatch row, no flag of severity error or warning).
func TestSharedGenuine(t *testing.T) {
	for _, set := range []string{"keras3-dev", "tfjs-dev"} {
		t.Run(set, func(t *testing.T) {
			dir := sharedDir(t, set)
			files, err := filepath.Glob(filepath.Join(dir, "*.summary.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				t.Skipf("no *.summary.txt in %s", dir)
			}
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				res := explain.Explain(grammar.Parse(string(src)))
				name := filepath.Base(f)
				if len(res.Summaries) != 1 {
					t.Errorf("%s: found %d tables, want 1", name, len(res.Summaries))
					continue
				}
				for _, r := range res.Summaries[0].Rows {
					if r.Status == layers.Mismatch {
						t.Errorf("%s:%d: false alarm: row %s is a mismatch: %s", name, r.Row.Line, r.Row.Name, r.Derivation.String())
					}
				}
				for _, a := range alarms(res) {
					t.Errorf("%s: false alarm: %s", name, a)
				}
			}
		})
	}
}

// TestSharedReal checks the real pastes whose counts are all consistent: no flag of severity
// error or warning, except kind "code" (code beside a table may disagree with it).
func TestSharedReal(t *testing.T) {
	var metas []string
	for _, set := range []string{"real-dev", "real-dev2"} {
		dir := filepath.Join(sharedCorpus, set)
		m, err := filepath.Glob(filepath.Join(dir, "*.meta.json"))
		if err != nil {
			t.Fatal(err)
		}
		metas = append(metas, m...)
	}
	if len(metas) == 0 {
		t.Skipf("no *.meta.json in %s/real-dev*: the shared corpus is not beside this clone", sharedCorpus)
	}
	for _, m := range metas {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			CountsConsistent bool `json:"counts_consistent"`
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if !meta.CountsConsistent {
			continue
		}
		in := strings.TrimSuffix(m, ".meta.json") + ".txt"
		src, err := os.ReadFile(in)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		res := explain.Explain(grammar.Parse(string(src)))
		for _, a := range alarms(res, explain.KindCode) {
			t.Errorf("%s: false alarm: %s", filepath.Base(in), a)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
