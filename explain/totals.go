package explain

import (
	"math"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// checkTotals adds the rows up, compares the sums with the printed totals and explains the
// trainable / non-trainable split and, for Keras 3, the optimizer's count.
func checkTotals(s *Summary) {
	t := s.Table
	if line, ok := countsFit(s); !ok {
		// no Keras model has this many weights, and sums of such counts would wrap: say so and
		// check nothing, rather than compare wrapped numbers
		s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Warning, Line: line,
			Message: "the counts of this table add up to more than " + layers.Num(math.MaxInt64) + ": no model has that many weights, and kexplain does not add them up"})
		return
	}
	answerAsked(s)
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
		case rr.asked && rr.answer == nil:
			// a count the asker typed "?" over, which the totals do not give: the derivation
			// guessed it from the shapes alone, which is not enough to add it up
			complete = false
			missing++
			continue
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
		rows := sum
		s.RowSum = &rows
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
				msg += ": the rows shown add up to " + layers.Num(shown-opt) + optText(opt) + ", so the rows left out hold " + layers.Num(d) + " of the " + layers.Num(*tot.Total) + " params"
			} else if d == 0 {
				// a mark, or a few lines of prose (a page break), between the rows: nothing with
				// weights is missing
				msg = "rows may be left out of this paste here: the rows shown add up to Total params " + layers.Num(*tot.Total) + ", so any rows left out hold no weights"
			} else if d < 0 && sharedWeights(s, -d) != "" {
				// a layer held by two rows shown: its weights are in both, once in the total
				msg = "rows are left out of this paste here; the rows shown add up to " + layers.Num(shown) + ", " + layers.Num(-d) +
					" more than the " + layers.Num(*tot.Total) + " that Total params says: " + sharedWeights(s, -d)
			} else if d < 0 && unknownDepth(s) != "" {
				msg = "rows are left out of this paste here; the rows shown add up to " + layers.Num(shown) + ", more than the " +
					layers.Num(*tot.Total) + " that Total params says; " + unknownDepth(s) + ", so the rows cannot be checked against the total"
			} else if d < 0 {
				// rows left out cannot make the others add up to more than the total
				s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line,
					Message: "the rows shown add up to " + layers.Num(shown) + ", more than the " + layers.Num(*tot.Total) + " that Total params says, even with rows left out"})
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
			s.Notes = append(s.Notes, TotalNote{Line: "Total params", Passed: true, Text: rowSumText(s, sum)})
			if opt > 0 { // the optimizer's share on its own line
				s.Notes = append(s.Notes, TotalNote{Line: "Total params", Passed: true,
					Text: layers.Equation(layers.Add(layers.N(sum, "in the rows"), layers.N(opt, "optimizer params")), layers.N(got))})
			}
		case (t.Format == grammar.Keras1 || t.Format == grammar.Keras2) && got > want && tot.NonTrainable != nil && *tot.NonTrainable >= got-want:
			s.Notes = append(s.Notes, TotalNote{Line: "Total params", Text: layers.Equation(layers.Sub(layers.N(got), layers.N(want, "in the rows")), layers.N(got-want)).
				Then("", layers.Say(" more than the rows: Keras 2 takes the trainable count from compile time, so layers frozen after compile() are counted twice"))})
		case fixesTotal(s, got-want) != "":
			// a row whose count no layer gives, and whose count plus the difference is one a layer
			// gives: the row was changed by hand, the total was not
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line,
				Message: "the rows add up to " + layers.Num(want) + ", but Total params says " + layers.Num(got) + ": " + fixesTotal(s, got-want)})
		case want > got && sharedWeights(s, want-got) != "":
			// a layer held by two rows (a tied embedding printed beside the backbone that holds it,
			// two nested models sharing a layer): its weights are in both rows, once in the total
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Note, Line: tot.Line,
				Message: "the rows add up to " + layers.Num(want) + ", " + layers.Num(want-got) + " more than the " + layers.Num(got) +
					" that Total params says: " + sharedWeights(s, want-got)})
		case want > got && unknownDepth(s) != "":
			// rows that may be a nested model's layers, their tree marks lost: summed as top-level
			// rows they count their container's weights twice, so the rows say nothing against
			// the total
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Note, Line: tot.Line,
				Message: "the rows add up to " + layers.Num(want) + ", " + layers.Num(want-got) + " more than the " + layers.Num(got) +
					" that Total params says; " + unknownDepth(s) + ", so the rows cannot be checked against the total"})
		case got > want && partial(t, opt):
			// fewer in the rows than in the totals, the totals agree among themselves, and the table
			// is not shown whole (retyped, cut at the top or bottom, its frame missing): rows were
			// left out of the paste, which is no wrong number
			s.Flags = append(s.Flags, Flag{Kind: KindElided, Severity: Note, Line: t.StartLine,
				Message: "the rows shown add up to " + layers.Num(want-opt) + optText(opt) + "; Total params says " + layers.Num(got) +
					": " + layers.Num(got-want) + " params are in rows this paste does not show (" + partialWhy(t) + ")"})
		case got > want && optimizerCut(t, got-want, want, train, splitKnown) != nil:
			// a Keras 3 paste cut under its Total params line: the total counts the optimizer's
			// variables, whose own line is gone, and the difference is exactly an optimizer's
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Note, Line: tot.Line,
				Message: "Total params " + layers.Num(got) + " is " + layers.Num(got-want) + " more than the rows' " + layers.Num(want) +
					": Keras 3 counts the optimizer's variables in Total params, and the Optimizer params line is not in this paste: " +
					optimizerCut(t, got-want, want, train, splitKnown).String()})
		default:
			msg := "the rows add up to " + layers.Num(want)
			if opt > 0 {
				msg = "the rows add up to " + layers.Num(want-opt) + ", plus " + layers.Num(opt) + " optimizer params = " + layers.Num(want)
			}
			if want > got {
				msg += ", more than the " + layers.Num(got) + " that Total params says"
			} else {
				msg += ", but Total params says " + layers.Num(got)
			}
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line, Message: msg})
		}
	}
	if tot.Total != nil && tot.Trainable != nil && tot.NonTrainable != nil {
		if d := *tot.Total - *tot.Trainable - *tot.NonTrainable; opt == 0 && d > 0 && optimizerCut(t, d, *tot.Trainable, 0, false) != nil {
			s.Flags = append(s.Flags, Flag{Kind: KindTrainable, Severity: Note, Line: tot.TrainLine,
				Message: "Trainable " + layers.Num(*tot.Trainable) + " + Non-trainable " + layers.Num(*tot.NonTrainable) + " is " + layers.Num(d) +
					" less than Total params " + layers.Num(*tot.Total) + ": the optimizer's variables, whose Optimizer params line is not in this paste: " +
					optimizerCut(t, d, *tot.Trainable, 0, false).String()})
		} else if *tot.Trainable+*tot.NonTrainable+opt != *tot.Total {
			s.Flags = append(s.Flags, Flag{Kind: KindTrainable, Severity: Error, Line: tot.TrainLine,
				Message: "Trainable " + layers.Num(*tot.Trainable) + " + Non-trainable " + layers.Num(*tot.NonTrainable) + optText(opt) +
					" = " + layers.Num(*tot.Trainable+*tot.NonTrainable+opt) + ", but Total params says " + layers.Num(*tot.Total)})
		} else {
			explainSplit(s, nonTrain, splitKnown)
		}
	}
	sizeNotes(s)
	if tot.Optimizer != nil && tot.Trainable != nil {
		if n, ok := optimizerNote(*tot.Optimizer, *tot.Trainable); ok {
			s.Notes = append(s.Notes, TotalNote{Line: "Optimizer params", Passed: true, Text: n})
		}
	}
}

// maxTerms is the longest sum written out term by term; a longer one is said as its total.
const maxTerms = 12

// rowSumText writes the rows' sum beside Total params: the counts of the top-level rows that hold
// weights, added up (the optimizer's share, when the total includes it, is a note of its own).
func rowSumText(s *Summary, sum int64) layers.Deriv {
	var terms []layers.Expr // written out only up to maxTerms of them: beyond, only counted
	count := 0
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 || rr.repeats > 0 {
			continue // nested rows and a Graph's output rows are not in the sum
		}
		p := rr.Row.Params
		if p == nil {
			p = rr.Expected
		}
		if p != nil && *p != 0 {
			count++
			if count <= maxTerms {
				terms = append(terms, layers.N(*p))
			}
		}
	}
	var d layers.Deriv
	switch {
	case count == 0:
		d = layers.Say("no row holds weights")
	case count == 1:
		d = layers.D("the one row with weights: {}", sum)
	case count <= maxTerms:
		d = layers.Say("the rows: ").Then("", layers.Equation(layers.Add(terms...), layers.N(sum)))
	default:
		d = layers.D("the {} rows with weights add up to {}", int64(count), sum)
	}
	return d
}

func sumWeights(ws []layers.Weight) int64 {
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
	return " plus " + layers.Num(opt) + " optimizer params"
}

// explainSplit says where the non-trainable count comes from: which layers' batch statistics
// (and other statistics such as a Normalization's mean and variance) and which frozen layers,
// with their sum.
func explainSplit(s *Summary, computedNT int64, known bool) {
	nt := *s.Table.Totals.NonTrainable
	note := func(passed bool, d layers.Deriv) {
		s.Notes = append(s.Notes, TotalNote{Line: "Non-trainable params", Passed: passed, Text: d})
	}
	switch {
	case nt == 0:
		note(true, layers.Say("no frozen layer, no batch statistics"))
	case known && nt == computedNT:
		note(true, ntBreakdown(s, nil, nt))
	case known && frozenRows(s, computedNT) == nt:
		frozen := map[string]bool{}
		for _, rr := range s.Rows {
			if rr.Row.Depth == 0 && rr.Row.Trainable == "N" {
				frozen[rr.Row.Name] = true
			}
		}
		note(true, ntBreakdown(s, frozen, nt))
	default:
		// a frozen layer: a row whose count makes up the difference
		diff := nt - computedNT
		if !known {
			diff = nt
		}
		for _, rr := range s.Rows {
			if rr.Row.Depth != 0 || rr.Row.Params == nil {
				continue
			}
			own := sumWeights(rr.Weights) - trainableOf(rr.Weights)
			if known && rr.Weights != nil && *rr.Row.Params-own == diff && diff > 0 || *rr.Row.Params == diff && diff > 0 && !known {
				note(true, ntBreakdown(s, map[string]bool{rr.Row.Name: true}, nt))
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
		note(false, layers.Say("batch statistics and frozen layers that the rows do not tell apart"))
	}
}

// ntBreakdown writes the non-trainable count as the sum of its sources: each frozen row's whole
// count, and each other row's statistics (BatchNormalization's moving mean and variance), grouped
// by what they are when there are many.
func ntBreakdown(s *Summary, frozen map[string]bool, nt int64) layers.Deriv {
	type part struct {
		name  string
		n     int64
		stats string
	}
	var parts []part
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 {
			continue
		}
		if frozen[rr.Row.Name] {
			p := sumWeights(rr.Weights)
			if rr.Weights == nil && rr.Row.Params != nil {
				p = *rr.Row.Params
			}
			parts = append(parts, part{rr.Row.Name, p, "frozen"})
			continue
		}
		var n int64
		var names []string
		for _, w := range rr.Weights {
			if !w.Trainable {
				n += w.Size()
				names = append(names, w.Name)
			}
		}
		if n > 0 {
			parts = append(parts, part{rr.Row.Name, n, statsWords(names)})
		}
	}
	var sum int64
	for _, p := range parts {
		sum += p.n
	}
	if len(parts) == 0 || sum != nt {
		return layers.Say("batch statistics and frozen layers")
	}
	var why []string
	seen := map[string]bool{}
	for _, p := range parts {
		if !seen[p.stats] {
			seen[p.stats] = true
			why = append(why, p.stats)
		}
	}
	var d layers.Deriv
	if len(parts) == 1 {
		if parts[0].stats == "frozen" {
			return layers.D(parts[0].name+" is frozen (trainable=False): all its {} weights", parts[0].n)
		}
		return layers.D(parts[0].name+"'s "+parts[0].stats+": {}", parts[0].n)
	} else if len(parts) <= maxTerms/2 {
		var terms []layers.Expr
		for _, p := range parts {
			e := layers.N(p.n)
			e.Label = p.name
			terms = append(terms, e)
		}
		d = layers.Equation(layers.Add(terms...), layers.N(nt))
		if len(why) > 1 {
			// sources of more than one kind: which rows are which
			var kinds []string
			for _, k := range why {
				var names []string
				for _, p := range parts {
					if p.stats == k {
						names = append(names, p.name)
					}
				}
				kinds = append(kinds, k+": "+strings.Join(names, ", "))
			}
			why = kinds
		}
	} else {
		// many layers: one term per kind of source
		byKind := map[string]int64{}
		count := map[string]int64{}
		var kinds []string
		for _, p := range parts {
			if _, ok := byKind[p.stats]; !ok {
				kinds = append(kinds, p.stats)
			}
			byKind[p.stats] += p.n
			count[p.stats]++
		}
		if len(kinds) == 1 {
			return layers.D("{} layers' "+kinds[0]+": {}", count[kinds[0]], nt)
		}
		var terms []layers.Expr
		for _, k := range kinds {
			e := layers.N(byKind[k])
			e.Label = k + " of " + layers.Num(count[k]) + " layers"
			terms = append(terms, e)
		}
		return layers.Equation(layers.Add(terms...), layers.N(nt))
	}
	return d.Then("", layers.Say(" ("+strings.Join(why, "; ")+")"))
}

// statsWords names a layer's non-trainable arrays: "moving mean and variance".
func statsWords(names []string) string {
	var ws []string
	for _, n := range names {
		n = strings.TrimPrefix(strings.TrimPrefix(n, "forward_"), "backward_")
		n = strings.ReplaceAll(n, "moving_", "moving ")
		n = strings.ReplaceAll(n, "running_", "running ")
		n = strings.ReplaceAll(n, "_", " ")
		ws = append(ws, n)
	}
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// optimizerNote says which optimizers' slots make up a Keras 3 Optimizer params count, with P the
// trainable count: iteration + learning_rate + slots.
func optimizerNote(opt, p int64) (layers.Deriv, bool) {
	P := layers.N(p, "trainable")
	two := layers.N(2, "scalars")
	type cand struct {
		e    layers.Expr
		what string
	}
	cands := []cand{
		{layers.Add(layers.Mul(layers.N(2, "slots"), P), two), "Adam, AdamW, Adamax, Adadelta, Lamb or Ftrl: two moment slots per trainable weight, plus the iteration and learning_rate scalars"},
		{layers.Add(layers.Mul(layers.N(2, "slots"), P), layers.N(1, "scalars")), "an Adam-like optimizer with a learning-rate schedule: two slots per trainable weight, plus the iteration"},
		{layers.Add(layers.Mul(layers.N(2, "slots"), P), layers.N(3, "scalars")), "Nadam: two slots per trainable weight, plus iteration, learning_rate and its momentum product"},
		{layers.Add(layers.Mul(layers.N(3, "slots"), P), two), "Adam(amsgrad=True) or RMSprop with momentum and centered: three slots per trainable weight, plus iteration and learning_rate"},
		{layers.Add(P, two), "RMSprop, Adagrad, Lion or SGD with momentum: one slot per trainable weight, plus iteration and learning_rate"},
		{layers.Add(P, layers.N(1, "scalars")), "one slot per trainable weight with a schedule, plus the iteration"},
		{two, "SGD without momentum: only iteration and learning_rate"},
	}
	for _, c := range cands {
		if c.e.Value() == opt {
			if c.e.Op == layers.OpNum {
				return layers.D("{} scalars (", opt).Then("", layers.Say(c.what+")")), true
			}
			return layers.Equation(c.e, layers.N(opt)).Then("", layers.Say(" ("+c.what+")")), true
		}
	}
	return nil, false
}

func trainableOf(ws []layers.Weight) int64 {
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
		if rr.Status != layers.Mismatch || r.Params == nil || r.Depth != 0 {
			continue
		}
		cand, ok := addFits(*r.Params, diff)
		if diff < 0 {
			cand, ok = *r.Params+diff, *r.Params+diff > 0
		}
		if !ok || cand <= 0 {
			continue
		}
		if try := judgeAsIf(s, i, cand); try.Status == layers.OK {
			return "the difference is in " + r.Name + ", whose " + layers.Num(*r.Params) + " no " + rr.Class + " gives; with " + layers.Num(cand) +
				" (" + try.Derivation.String() + ") the rows add up to Total params"
		}
	}
	return ""
}

// opaqueRow reports a row whose layers kexplain cannot see: a nested model, a TF Hub layer, a
// wrapper, or a class it does not know (a custom layer, a keras-hub backbone, a transformers main
// layer). Such a row may hold a layer that is also printed as a row of its own.
func opaqueRow(rr *RowResult) bool {
	sp := layers.Lookup(rr.Class)
	if sp == nil {
		return rr.Status != layers.OK // a class judged as the Keras layer its name extends is seen
	}
	return sp.Family == "model" || rr.Class == "TimeDistributed"
}

// unknownDepth names the box rows whose layer cell is indented without a tree mark and whose
// nesting the counts could not tell (grammar.Row.Indented at depth 0): "" when there are none.
func unknownDepth(s *Summary) string {
	var names []string
	for _, rr := range s.Rows {
		if rr.Row.Indented && rr.Row.Depth == 0 {
			names = append(names, rr.Row.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	if len(names) > 3 {
		names = append(names[:3], "…")
	}
	return strings.Join(names, ", ") + " stand indented with no tree mark (a console that could not print \"└\" left it out): they may be a nested model's layers, whose depth this print does not tell"
}

// sharedWeights says how weights printed in two rows can make the rows add up to excess more than
// the total (Keras counts each weight once in the total, but in every row that holds it): a whole
// row's layer also inside an opaque row at least as large (a tied embedding beside its backbone),
// or part of two opaque rows that both hold at least that much. "" when no sharing can give the
// excess, or the excess is more than the total itself (a shared weight is counted in the total).
func sharedWeights(s *Summary, excess int64) string {
	if s.Table.Totals.Total == nil || excess <= 0 || excess > *s.Table.Totals.Total {
		return ""
	}
	var opaque []*RowResult
	for _, rr := range s.Rows {
		if rr.Row.Depth == 0 && rr.repeats == 0 && rr.Row.Params != nil && *rr.Row.Params > 0 && opaqueRow(rr) {
			opaque = append(opaque, rr)
		}
	}
	for _, rr := range s.Rows {
		p := rr.Row.Params
		if rr.Row.Depth != 0 || rr.repeats > 0 || p == nil || *p != excess || opaqueRow(rr) || rr.Status == layers.Mismatch {
			continue
		}
		for _, o := range opaque {
			if *o.Row.Params >= excess {
				return "the " + layers.Num(excess) + " weights of " + rr.Row.Name + " are counted once in the total, so " + rr.Row.Name +
					" is a layer " + o.Row.Name + " holds too (weights tied or shared), which this table cannot show"
			}
		}
	}
	if len(opaque) >= 2 {
		big := []int64{0, 0} // the two largest opaque counts
		for _, o := range opaque {
			switch p := *o.Row.Params; {
			case p > big[0]:
				big[0], big[1] = p, big[0]
			case p > big[1]:
				big[1] = p
			}
		}
		if excess <= big[1] {
			names := opaque[0].Row.Name + ", " + opaque[1].Row.Name
			if len(opaque) > 2 {
				names += ", …"
			}
			return "weights held by two of the rows whose layers this table does not show (" + names +
				") are counted once in the total: layers shared between them (tied embeddings, a shared encoder)?"
		}
	}
	return ""
}

// optimizerCut gives the optimizer's share of a Keras 3 Total params whose Trainable and
// Optimizer params lines are not in the paste (cut under the total): diff, the total less the
// rows, must be exactly what optimizerNote knows for the trainable count (the printed one, else
// the rows'), and more than the scalars alone: a total one, two or three more than the rows is as
// likely a total changed by hand. nil otherwise.
func optimizerCut(t *grammar.Table, diff, rows, train int64, splitKnown bool) layers.Deriv {
	if t.Format != grammar.Keras3 || t.Totals.Optimizer != nil {
		return nil
	}
	ps := []int64{rows}
	if t.Totals.Trainable != nil {
		ps = []int64{*t.Totals.Trainable} // the optimizer keeps slots for the trainable weights
	} else if splitKnown && train != rows {
		ps = append(ps, train)
	}
	for _, p := range ps {
		if n, ok := optimizerNote(diff, p); ok && diff > 3 {
			return n
		}
	}
	return nil
}

// answerAsked answers the count of a row the asker typed "?" over ("dense (Dense)  (None, 128)
// ???"): with every other top-level count shown, Total params less them is that count, and the
// row is judged with it, so that the derivation shown is the one that gives it.
func answerAsked(s *Summary) {
	tot := s.Table.Totals
	ask := -1
	var others int64
	for i, rr := range s.Rows {
		if rr.Row.Depth != 0 || rr.repeats > 0 {
			continue
		}
		switch {
		case rr.Row.Params == nil && grammar.AskedCount(rr.Row.ParamsText):
			rr.asked = true
			if ask >= 0 {
				return // two counts asked: the total gives their sum only
			}
			ask = i
		case rr.Row.Params == nil:
			return
		default:
			var ok bool
			if others, ok = addFits(others, *rr.Row.Params); !ok {
				return
			}
		}
	}
	if ask < 0 || tot.Total == nil {
		return
	}
	x := *tot.Total - others
	if tot.Optimizer != nil {
		x -= *tot.Optimizer
	}
	if x < 0 {
		return
	}
	rr := s.Rows[ask]
	fresh := judgeAsIf(s, ask, x)
	rr.answer = &x
	rr.Expected = &x
	rr.Derivation = layers.Equation(layers.Sub(layers.N(*tot.Total, "Total params"), layers.N(others, "the other rows")), layers.N(x)).
		Then("", layers.Say(": the count asked for"))
	if fresh.Status == layers.OK {
		rr.Status = layers.OK
		rr.Derivation = rr.Derivation.Then("; ", fresh.Derivation)
		rr.Weights = fresh.Weights
		// the count now known chose the configuration: its shape note, lesson and settings go
		// with it (judged without a count, the shape alone may pick another)
		rr.ShapeNote, rr.Lesson, rr.Config, rr.Assumed, rr.Ambiguous = fresh.ShapeNote, fresh.Lesson, fresh.Config, fresh.Assumed, fresh.Ambiguous
	} else {
		rr.Status = layers.Unknown
		rr.Derivation = rr.Derivation.Then("", layers.Say("; no configuration of "+rr.Class+" that kexplain tried gives it from the shapes shown"))
	}
}

// judgeAsIf judges row i as if it printed the count n, on a copy of the row and without a trace in
// the table's flags: what the row would be with a count that the totals suggest.
func judgeAsIf(s *Summary, i int, n int64) *RowResult {
	rr := s.Rows[i]
	row := *rr.Row
	row.Params = &n
	try := &RowResult{Row: &row, Class: rr.Class, Status: layers.Unknown, InputDims: rr.InputDims, Inputs: rr.Inputs}
	nflags := len(s.Flags)
	judgeRow(s, i, try)
	s.Flags = s.Flags[:nflags]
	return try
}
