package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
)

// denseUnits finds the first Dense layer's units in code: Dense(64 or Dense(units=64.
var denseUnits = regexp.MustCompile(`Dense\((units=)?(\d+)`)

// TestCodeBesideItsTable pastes every code file of the shared keras3-dev and tfjs-dev sets with
// the summary real Keras (or TensorFlow.js) printed for it, as a forum post would: the table must
// pair with the code and no `code` flag may be raised, for they agree. It measures the code
// checks on genuine pairs, where any flag is a false alarm.
func TestCodeBesideItsTable(t *testing.T) {
	for _, set := range []string{"keras3-dev", "tfjs-dev"} {
		t.Run(set, func(t *testing.T) {
			dir := sharedDir(t, set)
			files, err := filepath.Glob(filepath.Join(dir, "*.code.py"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no code files in %s: %v", dir, err)
			}
			paired, edited, caught := 0, 0, 0
			for _, f := range files {
				code, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				table, err := os.ReadFile(strings.TrimSuffix(f, ".code.py") + ".summary.txt")
				if err != nil {
					t.Fatal(err)
				}
				paste := "```python\n" + string(code) + "```\n\nprints\n\n```\n" + string(table) + "```\n"
				res := explain.Explain(grammar.Parse(paste))
				for _, fl := range res.Flags {
					if fl.Kind == explain.KindCode && fl.Alarm() {
						t.Errorf("%s: false code flag: %s", filepath.Base(f), fl.Message)
					}
				}
				if len(res.Code) == 1 && len(res.Summaries) == 1 && res.Code[0].Model != nil {
					paired++
				}
				// the same paste with the first Dense's units changed in the code: a code flag
				m := denseUnits.FindSubmatchIndex(code)
				if m == nil {
					continue
				}
				n, _ := strconv.Atoi(string(code[m[4]:m[5]]))
				changed := string(code[:m[4]]) + strconv.Itoa(n+1) + string(code[m[5]:])
				edited++
				res = explain.Explain(grammar.Parse("```python\n" + changed + "```\n\nprints\n\n```\n" + string(table) + "```\n"))
				for _, fl := range res.Flags {
					if fl.Kind == explain.KindCode && fl.Alarm() {
						caught++
						break
					}
				}
			}
			if paired*10 < len(files)*9 {
				t.Errorf("only %d of %d pastes read both the code and the table", paired, len(files))
			}
			t.Logf("%d pastes, %d with a Dense's units changed in the code, %d of them flagged", len(files), edited, caught)
			if edited == 0 || caught*10 < edited*9 {
				t.Errorf("a changed Dense is flagged in %d of %d edited pastes, want 90%%", caught, edited)
			}
		})
	}
}
