package grammar

import (
	"strings"
	"testing"
)

// TestInternalErrorIsABugReport makes the reader panic on one table of two: that table is lost
// with an internal error naming where it happened (not a parse problem at 1:1), and the other
// table is still read.
func TestInternalErrorIsABugReport(t *testing.T) {
	table := "Model: \"m\"\n" + strings.Repeat("_", 65) + "\nLayer (type)                 Output Shape              Param #   \n" +
		strings.Repeat("=", 65) + "\ndense (Dense)                (None, 4)                 20        \n" + strings.Repeat("=", 65) +
		"\nTotal params: 20\nTrainable params: 20\nNon-trainable params: 0\n" + strings.Repeat("_", 65) + "\n"
	src := table + "\nand the second one:\n\n" + table
	buildHook = func(start int) {
		if start == 1 {
			panic("a bug")
		}
	}
	defer func() { buildHook = nil }()
	doc := Parse(src)
	if len(doc.Tables) != 1 || doc.Tables[0].StartLine != 14 {
		t.Fatalf("want the second table read, got %d tables", len(doc.Tables))
	}
	found := false
	for _, e := range doc.Errors {
		if e.Internal {
			found = true
			if !strings.Contains(e.Msg, "internal error at grammar.") || !strings.Contains(e.Msg, ".go:") || e.Line != 1 {
				t.Errorf("bug report does not say where: %s", e.Error())
			}
		}
	}
	if !found {
		t.Fatalf("no internal error reported; errors: %v", doc.Errors)
	}
}
