package grammar

import (
	"flag"
	"os"
	"testing"
)

var updateEBNF = flag.Bool("update-ebnf", false, "rewrite the EBNF golden files in testdata/")

// TestGrammarEBNF keeps the participle grammars as EBNF golden files, so that every grammar change
// shows up as a readable diff in review (go test ./grammar -update-ebnf rewrites them).
func TestGrammarEBNF(t *testing.T) {
	for file, ebnf := range map[string]string{
		"testdata/summary.ebnf": tableParser.String(),
		"testdata/python.ebnf":  pyParser().String(),
		"testdata/r.ebnf":       rParser().String(),
	} {
		if *updateEBNF {
			if err := os.WriteFile(file, []byte(ebnf+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test ./grammar -update-ebnf writes it)", err)
		}
		if string(want) != ebnf+"\n" {
			t.Errorf("%s differs from the grammar:\n%s", file, ebnf)
		}
	}
}
