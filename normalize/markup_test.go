package normalize

import (
	"strings"
	"testing"
)

// markupCases are lines with and without Markdown markup: rules, names with underscores,
// emphasis, code spans, escapes, strikethrough, a line of stars.
var markupCases = []string{
	"", "   ", "____________________", "dense_1 (Dense)   (None, 10)   110", "__init__", "_Total params: 5_",
	"*dense*", "**bold** text", "`code` span", `build\_model`, "~~gone~~", "*****", "a__b", "__x__ y",
	"| `a` | *b* |", "(__inner__)", "x ** y", "\\\\", "_ _ _",
}

// TestMarkupDryRun checks that markupRange without a builder says what it says with one: the dry
// run markdownLine uses to leave a line alone must never disagree with the real one.
func TestMarkupDryRun(t *testing.T) {
	for _, s := range markupCases {
		for _, cell := range []bool{false, true} {
			tx := rawText(s, 1)
			var b builder
			want := markupRange(&b, &tx, 0, len(s), cell)
			if got := markupRange(nil, &tx, 0, len(s), cell); got != want {
				t.Errorf("markupRange(nil, %q, cell %v) = %v, with a builder %v", s, cell, got, want)
			}
		}
	}
}

// TestJunctionsCounted checks the one-pass count of a border's junctions against counting each.
func TestJunctionsCounted(t *testing.T) {
	for _, s := range []string{"┏━━┳━━┓", "├──┼──┼──┤", "┡━━╇━━┩", "└──┴──┘", "┌─┬─┬─┐", "┣━╋━┫", "│ a │", "+--+--+"} {
		want := 0
		if isBorderLine(s) {
			for _, j := range []string{"┳", "╇", "┼", "┴", "┬", "╋"} {
				want += strings.Count(s, j)
			}
		}
		if got := junctions(s); got != want {
			t.Errorf("junctions(%q) = %d, want %d", s, got, want)
		}
	}
}

// A pipe table's count cell grouped by spaces ("26 880") is written with commas; other cells, and
// digits that are no grouped count, stay as they are.
func TestPipeCellSpacedCount(t *testing.T) {
	runKind(t, []kindCase{
		{"grouped", "| 2 | lstm (LSTM) | (None, 64) | 26 880 |", []string{"│ 2 │ lstm (LSTM) │ (None, 64) │ 26,880 │"}},
		{"millions", "| x | 1 234 567 |", []string{"│ x │ 1,234,567 │"}},
		{"no-groups", "| x | 12 34 |", []string{"│ x │ 12 34 │"}},
		{"a-shape-stays", "| x | (None, 12 288) |", []string{"│ x │ (None, 12 288) │"}},
	})
}
