package explain_test

import (
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Regressions, named after their cause. A test whose bug is still open skips with "known bug";
// once the code is fixed it passes, and the skip branch can go.

// TestIssueConvZeroCountDivide: a Conv1D row with count 0 and no readable input made
// convNoInput divide by zero (found by FuzzExplain, grammar/testdata/fuzz/FuzzExplain/7ebaa5bdfcf04e50).
func TestIssueConvZeroCountDivide(t *testing.T) {
	res := explain.Explain(grammar.Parse("Layer (type)  Output Shape  Param #\nconv1d (Conv1D)  (None, 1)  0"))
	if len(res.Summaries) != 1 {
		t.Fatalf("want the one table read, got %d", len(res.Summaries))
	}
}

// TestIssueConvZeroCountRow: the same row read in full is judged, not crashed on.
func TestIssueConvZeroCountRow(t *testing.T) {
	res := explain.Explain(grammar.Parse("Layer (type)  Output Shape  Param #\nconv1d (Conv1D)  (None, 1)  0"))
	if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != 1 {
		t.Fatal("want one table with one row")
	}
	if st := res.Summaries[0].Rows[0].Status; st != layers.Mismatch {
		t.Errorf("a Conv1D with one filter cannot have 0 weights: status %s", st)
	}
}
