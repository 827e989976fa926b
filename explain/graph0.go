package explain

import "github.com/kexplain/kexplain/layers"

// Keras 0.x Graph models (summary-formats.md §1) print one row per input ("Layer (input_a)", 0
// params), one per node, then one per output: "Dense (main)" repeating the class, shape and
// count of the node it reads (a Merge row when it merges several). Only the node rows are added
// into Total params. The rows need not form a chain: a node reads any input or node, and the
// table does not say which.

// graph0 reports a Keras 0.x Graph table: its input rows print the class "Layer".
func graph0(s *Summary) bool {
	if !s.Table.Keras0 {
		return false
	}
	for _, rr := range s.Rows {
		if rr.Row.TypeText == "Layer" {
			return true
		}
	}
	return false
}

// graphOutputs finds the output rows of a Keras 0.x Graph table: the rows at its end that each
// repeat an earlier node's class, shape and count (or merge nodes), as many of them as make the
// rows add up to Total params once left out. It marks them and returns how many it found.
func graphOutputs(s *Summary) int {
	t := s.Table
	if !graph0(s) || t.Totals.Total == nil {
		return 0
	}
	var sum int64
	for _, rr := range s.Rows {
		if rr.Row.Params == nil {
			return 0
		}
		var ok bool
		if sum, ok = addFits(sum, *rr.Row.Params); !ok {
			return 0
		}
	}
	total := *t.Totals.Total
	if sum <= total {
		return 0
	}
	// the shortest run of repeating rows at the end whose counts make up the difference
	var tail int64
	for k := len(s.Rows) - 1; k > 0; k-- {
		rr := s.Rows[k]
		j := repeated(s, k)
		if j < 0 {
			return 0
		}
		tail += *rr.Row.Params
		if sum-tail == total {
			for m := k; m < len(s.Rows); m++ {
				s.Rows[m].repeats = repeated(s, m) + 1
			}
			return len(s.Rows) - k
		}
		if sum-tail < total {
			return 0
		}
	}
	return 0
}

// repeated is the index of the earlier node row that row k repeats (same class, shape and count),
// or of row k itself for a Merge output of several nodes; -1 when it repeats none.
func repeated(s *Summary, k int) int {
	r := s.Rows[k].Row
	if r.TypeText == "Merge" && r.Params != nil && *r.Params == 0 {
		return k
	}
	for j := k - 1; j >= 0; j-- {
		p := s.Rows[j].Row
		if p.TypeText == r.TypeText && p.OutputText == r.OutputText && p.Params != nil && *p.Params == *r.Params && p.Name != r.Name {
			return j
		}
	}
	return -1
}

// judgeGraphRow explains a Graph input row or output row; false for a node row.
func judgeGraphRow(s *Summary, rr *RowResult) bool {
	r := rr.Row
	switch {
	case rr.repeats > 0:
		node := s.Rows[rr.repeats-1]
		p := int64(0)
		if r.Params != nil {
			p = *r.Params
		}
		rr.Status, rr.Expected = layers.OK, &p
		if node.Row == r {
			rr.Derivation = layers.D("a Graph output merging nodes: no weights of its own, 0")
			return true
		}
		rr.Class = node.Class
		rr.Derivation = layers.D("a Graph output: it repeats node "+node.Row.Name+"'s count {}, which Total params holds once", p)
		return true
	case r.TypeText == "Layer" && r.Params != nil && *r.Params == 0:
		zero := int64(0)
		rr.Status, rr.Expected = layers.OK, &zero
		rr.Class = "InputLayer"
		rr.Derivation = layers.D("a Graph input: no weights, 0")
		return true
	}
	return false
}
