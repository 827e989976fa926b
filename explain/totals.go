package explain

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// checkTotals adds the rows up, compares the sums with the printed totals and explains the
// trainable / non-trainable split and, for Keras 3, the optimizer's count.
func checkTotals(s *Summary) {
	t := s.Table
	var sum, train, nonTrain int64
	complete, splitKnown := true, true
	missing := 0
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 {
			continue
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
		rows := sum
		s.RowSum = &rows
		if splitKnown {
			s.Computed.Trainable, s.Computed.NonTrainable = &train, &nonTrain
		}
	}
	tot := t.Totals
	elided := len(t.Elided) > 0
	if elided {
		s.Flags = append(s.Flags, Flag{Kind: KindElided, Severity: Note, Line: t.Elided[0],
			Message: "rows seem to be left out of this paste here; the totals cannot be checked against the rows"})
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
			s.Notes = append(s.Notes, TotalNote{Line: "Total params", Passed: true, Text: rowSumText(s, sum, opt, got)})
		case (t.Format == grammar.Keras1 || t.Format == grammar.Keras2) && got > want && tot.NonTrainable != nil && *tot.NonTrainable >= got-want:
			s.Notes = append(s.Notes, TotalNote{Line: "Total params", Text: layers.Equation(layers.Sub(layers.N(got), layers.N(want, "in the rows")), layers.N(got-want)).
				Then("", layers.Say(" more than the rows: Keras 2 takes the trainable count from compile time, so layers frozen after compile() are counted twice"))})
		default:
			msg := "the rows add up to " + layers.Num(want)
			if opt > 0 {
				msg = "the rows add up to " + layers.Num(want-opt) + ", plus " + layers.Num(opt) + " optimizer params = " + layers.Num(want)
			}
			s.Flags = append(s.Flags, Flag{Kind: KindTotal, Severity: Error, Line: tot.Line,
				Message: msg + ", but Total params says " + layers.Num(got)})
		}
	}
	if tot.Total != nil && tot.Trainable != nil && tot.NonTrainable != nil {
		if *tot.Trainable+*tot.NonTrainable+opt != *tot.Total {
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
// weights, added up, and the optimizer's share on its own when the total includes it.
func rowSumText(s *Summary, sum, opt, got int64) layers.Deriv {
	var terms []layers.Expr
	n := 0
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 {
			continue
		}
		n++
		p := rr.Row.Params
		if p == nil {
			p = rr.Expected
		}
		if p != nil && *p != 0 {
			terms = append(terms, layers.N(*p))
		}
	}
	var d layers.Deriv
	switch {
	case len(terms) == 0:
		d = layers.Say("no row holds weights")
	case len(terms) == 1:
		d = layers.D("the one row with weights: {}", sum)
	case len(terms) <= maxTerms:
		d = layers.Say("the rows: ").Then("", layers.Equation(layers.Add(terms...), layers.N(sum)))
	default:
		d = layers.D("the {} rows with weights add up to {}", int64(len(terms)), sum)
	}
	if opt > 0 {
		d = d.Then("; ", layers.Equation(layers.Add(layers.N(sum, "in the rows"), layers.N(opt, "optimizer params")), layers.N(got)))
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
