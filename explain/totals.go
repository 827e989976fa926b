package explain

import (
	"math"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// checkTotals adds the rows up, compares the sums with the printed totals and explains the
// trainable / non-trainable split and, for Keras 3, the optimizer's count.
func checkTotals(s *Summary) {
	t := s.Table
	if line, ok := countsFit(s); !ok {
		// no Keras model has this many weights, and sums of such counts would wrap: say so and
		// check nothing, rather than compare wrapped numbers
		s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Warning, Line: line,
			Message: "the counts of this table add up to more than " + Num(math.MaxInt64) + ": no model has that many weights, and kexplain does not add them up"})
		return
	}
	var sum, train, nonTrain int64
	complete, splitKnown := true, true
	missing := 0
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 || rr.repeats > 0 {
			continue // rows of nested models, Graph outputs that repeat a node
		}
		var p int64
		switch {
		case rr.Row.Params != nil:
			p = *rr.Row.Params
		case rr.Expected != nil:
			p = *rr.Expected
		default:
			complete = false
			missing++
			continue
		}
		sum += p
		if rr.Weights != nil || p == 0 {
			var tr int64
			for _, w := range rr.Weights {
				if w.Trainable {
					tr += w.Size()
				}
			}
			if rr.Weights == nil {
				tr = 0
			}
			if rr.Row.Params != nil && sumWeights(rr.Weights) != p && p != 0 {
				splitKnown = false
			}
			train += tr
			nonTrain += p - tr
		} else {
			splitKnown = false
			train += p
		}
	}
	opt := int64(0)
	if t.Totals.Optimizer != nil {
		opt = *t.Totals.Optimizer
	}
	if complete || missing == 0 {
		total := sum + opt
		s.Computed.Total = &total
		if splitKnown {
			s.Computed.Trainable, s.Computed.NonTrainable = &train, &nonTrain
		}
	}
	tot := t.Totals
	elided := len(t.Elided) > 0
	if elided {
		msg := "rows are left out of this paste here"
		if tot.Total != nil && s.Computed.Total != nil && len(s.Rows) > 0 {
			shown := *s.Computed.Total
			if d := *tot.Total - shown; d > 0 {
				msg += ": the rows shown add up to " + Num(shown-opt) + optText(opt) + ", so the rows left out hold " + Num(d) + " of the " + Num(*tot.Total) + " params"
			} else if d == 0 {
				msg += ": the rows shown add up to Total params " + Num(*tot.Total) + ", so the rows left out hold no weights"
			} else if d < 0 {
				// rows left out cannot make the others add up to more than the total
				s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line,
					Message: "the rows shown add up to " + Num(shown) + ", more than the " + Num(*tot.Total) + " that Total params says, even with rows left out"})
			}
		} else {
			msg += "; the totals cannot be checked against the rows"
		}
		s.Flags = append(s.Flags, Flag{Kind: KindElided, Severity: Note, Line: t.Elided[0], Message: msg})
	}
	if !elided && len(s.dangling) > 0 && tot.Total != nil && s.Computed.Total != nil && *tot.Total > *s.Computed.Total {
		elided = true
		s.Flags = append(s.Flags, Flag{Kind: KindElided, Severity: Note, Line: t.StartLine,
			Message: "rows seem to be left out of this paste: " + s.dangling[0] + " feeds a row but is not in the table"})
	}
	if tot.Total != nil && s.Computed.Total != nil && !elided && len(s.Rows) > 0 {
		want := *s.Computed.Total
		got := *tot.Total
		switch {
		case got == want:
			s.Notes = append(s.Notes, "Total params "+Num(got)+" = the sum of the rows"+optText(opt))
		case (t.Format == grammar.Keras1 || t.Format == grammar.Keras2) && got > want && tot.NonTrainable != nil && *tot.NonTrainable >= got-want:
			s.Notes = append(s.Notes, "Total params "+Num(got)+" is "+Num(got-want)+" more than the rows ("+Num(want)+
				"): Keras 2 takes the trainable count from compile time, so layers frozen after compile() are counted twice")
		case fixesTotal(s, got-want) != "":
			// a row whose count no layer gives, and whose count plus the difference is one a layer
			// gives: the row was changed by hand, the total was not
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line,
				Message: "the rows add up to " + Num(want) + ", but Total params says " + Num(got) + ": " + fixesTotal(s, got-want)})
		case got > want && partial(t, opt):
			// fewer in the rows than in the totals, the totals agree among themselves, and the table
			// is not shown whole (retyped, cut at the top or bottom, its frame missing): rows were
			// left out of the paste, which is no wrong number
			s.Flags = append(s.Flags, Flag{Kind: KindElided, Severity: Note, Line: t.StartLine,
				Message: "the rows shown add up to " + Num(want-opt) + optText(opt) + "; Total params says " + Num(got) +
					": " + Num(got-want) + " params are in rows this paste does not show (" + partialWhy(t) + ")"})
		default:
			msg := "the rows add up to " + Num(want)
			if opt > 0 {
				msg = "the rows add up to " + Num(want-opt) + ", plus " + Num(opt) + " optimizer params = " + Num(want)
			}
			if want > got {
				msg += ", more than the " + Num(got) + " that Total params says"
			} else {
				msg += ", but Total params says " + Num(got)
			}
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line, Message: msg})
		}
	}
	if tot.Total != nil && tot.Trainable != nil && tot.NonTrainable != nil {
		if *tot.Trainable+*tot.NonTrainable+opt != *tot.Total {
			s.Flags = append(s.Flags, Flag{Kind: KindTrainable, Severity: Error, Line: tot.TrainLine,
				Message: "Trainable " + Num(*tot.Trainable) + " + Non-trainable " + Num(*tot.NonTrainable) + optText(opt) +
					" = " + Num(*tot.Trainable+*tot.NonTrainable+opt) + ", but Total params says " + Num(*tot.Total)})
		} else {
			explainSplit(s, nonTrain, splitKnown)
		}
	}
	sizeNotes(s)
	if tot.Optimizer != nil && tot.Trainable != nil {
		if n := optimizerNote(*tot.Optimizer, *tot.Trainable); n != "" {
			s.Notes = append(s.Notes, n)
		}
	}
}

func sumWeights(ws []Weight) int64 {
	var n int64
	for _, w := range ws {
		n += w.Size()
	}
	return n
}

func optText(opt int64) string {
	if opt == 0 {
		return ""
	}
	return " plus " + Num(opt) + " optimizer params"
}

// explainSplit says where the non-trainable count comes from.
func explainSplit(s *Summary, computedNT int64, known bool) {
	nt := *s.Table.Totals.NonTrainable
	switch {
	case nt == 0:
		s.Notes = append(s.Notes, "Non-trainable 0: no frozen layer, no batch statistics")
	case known && nt == computedNT:
		s.Notes = append(s.Notes, "Non-trainable "+Num(nt)+": "+ntSources(s))
	case known && frozenRows(s, computedNT) == nt:
		var names []string
		others := int64(0)
		for _, rr := range s.Rows {
			if rr.Row.Depth != 0 {
				continue
			}
			if rr.Row.Trainable == "N" {
				names = append(names, rr.Row.Name)
			} else {
				others += sumWeights(rr.Weights) - trainableOf(rr.Weights)
			}
		}
		s.Notes = append(s.Notes, "Non-trainable "+Num(nt)+": the rows marked N are frozen ("+strings.Join(names, ", ")+
			"), all their weights count as non-trainable"+ifText(others > 0, ", plus "+Num(others)+" batch statistics of the others"))
	default:
		// frozen layers: a row (or a run of rows) whose count makes up the difference
		diff := nt - computedNT
		if !known {
			diff = nt
		}
		for _, rr := range s.Rows {
			if rr.Row.Depth != 0 || rr.Row.Params == nil {
				continue
			}
			own := sumWeights(rr.Weights) - trainableOf(rr.Weights)
			if known && rr.Weights != nil && *rr.Row.Params-own == diff && diff > 0 {
				s.Notes = append(s.Notes, "Non-trainable "+Num(nt)+": "+rr.Row.Name+" ("+Num(*rr.Row.Params)+") is frozen"+
					ifText(computedNT-own > 0, ", plus "+Num(computedNT-own)+" batch statistics of other layers"))
				return
			}
			if *rr.Row.Params == diff && diff > 0 {
				s.Notes = append(s.Notes, "Non-trainable "+Num(nt)+": "+rr.Row.Name+" ("+Num(diff)+") is frozen"+
					ifText(known && computedNT > 0, ", plus "+Num(computedNT)+" batch statistics"))
				return
			}
		}
		if splitEra(s.Table) && s.Computed.Total != nil && s.Table.Totals.Total != nil && *s.Computed.Total == *s.Table.Totals.Total {
			if ok, known, msg := splitFeasible(s, nt); known && !ok {
				s.Flags = append(s.Flags, Flag{Kind: KindTrainable, Severity: Warning, Line: s.Table.Totals.NonTrainLine,
					Message: "no set of whole frozen layers gives this split: " + msg})
				return
			}
		}
		s.Notes = append(s.Notes, "Non-trainable "+Num(nt)+": batch statistics and frozen layers")
	}
}

func ifText(c bool, s string) string {
	if c {
		return s
	}
	return ""
}

// ntSources names the rows whose non-trainable weights make up the count.
func ntSources(s *Summary) string {
	var parts []string
	for _, rr := range s.Rows {
		var n int64
		var names []string
		for _, w := range rr.Weights {
			if !w.Trainable {
				n += w.Size()
				names = append(names, w.Name)
			}
		}
		if n > 0 {
			parts = append(parts, rr.Row.Name+" "+strings.Join(names, " + ")+" "+Num(n))
			if len(parts) >= 6 {
				parts = append(parts, "…")
				break
			}
		}
	}
	return strings.Join(parts, "; ")
}

// optimizerNote says which optimizers' slots make up a Keras 3 Optimizer params count, with P the
// trainable count: iteration + learning_rate + slots.
func optimizerNote(opt, p int64) string {
	type cand struct {
		n    int64
		what string
	}
	cands := []cand{
		{2*p + 2, "Adam, AdamW, Adamax, Adadelta, Lamb or Ftrl: 2 slots × " + Num(p) + " + iteration + learning_rate"},
		{2*p + 1, "Adam-like with a learning-rate schedule: 2 × " + Num(p) + " + iteration"},
		{2*p + 3, "Nadam: 2 × " + Num(p) + " + iteration + learning_rate + its product variable"},
		{3*p + 2, "Adam(amsgrad=True) or RMSprop with momentum and centered: 3 × " + Num(p) + " + 2"},
		{p + 2, "RMSprop, Adagrad, Lion or SGD with momentum: " + Num(p) + " + iteration + learning_rate"},
		{p + 1, "one slot per weight with a schedule: " + Num(p) + " + iteration"},
		{2, "SGD without momentum: iteration + learning_rate"},
	}
	for _, c := range cands {
		if c.n == opt {
			return "Optimizer params " + Num(opt) + " = " + c.what
		}
	}
	return ""
}

func trainableOf(ws []Weight) int64 {
	var n int64
	for _, w := range ws {
		if w.Trainable {
			n += w.Size()
		}
	}
	return n
}

// frozenRows is the non-trainable count when the rows marked N (a Trainable column) are frozen:
// all their weights move to the non-trainable side.
func frozenRows(s *Summary, computedNT int64) int64 {
	nt := computedNT
	any := false
	for _, rr := range s.Rows {
		if rr.Row.Depth == 0 && rr.Row.Trainable == "N" && rr.Row.Params != nil {
			nt += trainableOf(rr.Weights)
			any = true
		}
	}
	if !any {
		return -1
	}
	return nt
}

// partial reports whether a table whose rows add up to less than its Total params may just be
// shown in part: its totals agree among themselves (so the Total line itself was not changed)
// and its print's frame is not whole (a retyped table, a header or closing rule missing).
func partial(t *grammar.Table, opt int64) bool {
	tot := t.Totals
	if tot.Trainable != nil && tot.NonTrainable != nil && tot.Total != nil && *tot.Trainable+*tot.NonTrainable+opt != *tot.Total {
		return false
	}
	return !t.Framed || t.Partial != "" || t.Retyped
}

// addFits adds two counts and reports whether the sum fits an int64 (no wrap).
func addFits(a, b int64) (int64, bool) {
	if a < 0 || b < 0 || a > math.MaxInt64-b {
		return 0, false
	}
	return a + b, true
}

// countsFit reports whether every count of the table, rows and totals together, adds up without
// wrapping; every sum checkTotals makes is a part of that one. line is where it first does not.
func countsFit(s *Summary) (int, bool) {
	var all int64
	ok := true
	add := func(p *int64) bool {
		if p == nil {
			return true
		}
		all, ok = addFits(all, *p)
		return ok
	}
	for _, rr := range s.Rows {
		if !add(rr.Row.Params) || !add(rr.Expected) {
			return rr.Row.Line, false
		}
	}
	tot := s.Table.Totals
	for _, x := range []struct {
		v    *int64
		line int
	}{{tot.Total, tot.Line}, {tot.Trainable, tot.TrainLine}, {tot.NonTrainable, tot.NonTrainLine}, {tot.Optimizer, tot.OptLine}} {
		if !add(x.v) {
			return x.line, false
		}
	}
	return 0, true
}

// partialWhy says why a table is taken to be shown in part.
func partialWhy(t *grammar.Table) string {
	switch {
	case t.Partial != "":
		return t.Partial
	case t.Retyped:
		return "the table was retyped, and rows may have been left out"
	}
	return "the table is not shown whole: its header or closing rule is missing"
}

// fixesTotal looks for the row that a difference between the rows and Total params points to: a
// row whose printed count no layer of its class gives, but whose count moved by the difference
// is one its class gives on the same input. It says so, or returns "".
func fixesTotal(s *Summary, diff int64) string {
	if diff == 0 {
		return ""
	}
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status != Mismatch || r.Params == nil || r.Depth != 0 {
			continue
		}
		cand, ok := addFits(*r.Params, diff)
		if diff < 0 {
			cand, ok = *r.Params+diff, *r.Params+diff > 0
		}
		if !ok || cand <= 0 {
			continue
		}
		row := *r
		row.Params = &cand
		try := &RowResult{Row: &row, Class: rr.Class, Status: Unknown, InputDims: rr.InputDims, Inputs: rr.Inputs}
		nflags := len(s.Flags)
		judgeRow(s, i, try)
		s.Flags = s.Flags[:nflags]
		if try.Status == OK {
			return "the difference is in " + r.Name + ", whose " + Num(*r.Params) + " no " + rr.Class + " gives; with " + Num(cand) +
				" (" + try.Derivation.String() + ") the rows add up to Total params"
		}
	}
	return ""
}
