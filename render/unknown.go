package render

import (
	"strconv"

	"github.com/kexplain/kexplain/interp"
)

// Rows and totals that kexplain cannot count, in the summary layouts: "?" where Keras would print
// a number kexplain does not know (a row whose count is not known, the totals over it, a split
// it cannot make), never 0.

// paramCell is a row's count as format writes it, or "?".
func paramCell(r *interp.Row, format func(int64) string) string {
	if r.Err != "" {
		return "?"
	}
	return format(r.Params)
}

// totalCell is a total as format writes it, or "?" when a row it covers is not known (split:
// also when the trainable split is not known).
func totalCell(m *interp.Model, n int64, split bool, format func(int64) string) string {
	if m.Unknown > 0 || split && m.SplitWhy != "" {
		return "?"
	}
	return format(n)
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
