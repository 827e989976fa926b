package explain

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
)

// CodeResult is what kexplain rebuilt from one snippet of code.
type CodeResult struct {
	Snippet *grammar.Snippet
	Version layers.Version
	Model   *interp.Model // the model the snippet summarises (or builds last); nil when none
	Rows    []*RowResult  // the rows its summary() prints, as the JSON `code` entry lists them
	Flags   []Flag
	// Models are the models a table beside the code may show (interp.Result.Models).
	Models []*interp.Model
	// Skipped: the rebuild did not run some of the code (a condition or loop over values it does
	// not know, a raise, the budget), so the model may hold more or other layers.
	Skipped bool
	// SkipLines are the lines where it did not (the notes that say so), in input order.
	SkipLines []int
	// Totals are the model's Total / Trainable / Non-trainable params; nil when no model was rebuilt.
	Totals *CodeTotals
	// Earlier are the other models the snippet's summary() calls print before Model, in the order
	// printed (an encoder, then the autoencoder that holds it): each with its rows and totals.
	Earlier []*PrintedModel
}

// PrintedModel is a model as a summary() call of the code prints it.
type PrintedModel struct {
	Name   string
	Line   int // the line of the summary() call
	Rows   []*RowResult
	Totals *CodeTotals
}

// CodeTotals answer "how many parameters, and how many of them train?" for a rebuilt model, as
// its summary()'s totals lines would: each weight counted once, a frozen layer's (and
// BatchNormalization's moving statistics) on the non-trainable side. A figure kexplain cannot
// know is nil, with Why; never a sum that leaves rows out silently.
type CodeTotals struct {
	Total        *int64 // trainable + non-trainable
	Trainable    *int64
	NonTrainable *int64
	// Optimizer is the optimizer's variables once the code builds it (Keras 3 adds them to the
	// Total it prints); nil when the code builds none.
	Optimizer *int64
	// UnknownRows counts the rows whose count is not known; KnownPart is what the others add up to.
	UnknownRows int
	KnownPart   int64
	Why         string // why Total or the split is not known ("" when both are)
	// NonTrainableRows are the rows that hold non-trainable weights, and why.
	NonTrainableRows []NonTrainableRow
}

// NonTrainableRow is a row's non-trainable part: frozen, or its statistics.
type NonTrainableRow struct {
	Name   string
	Params int64
	Why    string // "frozen", or the non-trainable weights ("moving_mean, moving_variance")
}

// codeTotals reads the totals of a rebuilt model.
func codeTotals(m *interp.Model) *CodeTotals {
	t := &CodeTotals{UnknownRows: m.Unknown}
	total := m.Trainable + m.NonTrain
	for _, r := range m.Rows {
		if r.Depth != 0 || r.NonTrainable == 0 || r.Err != "" {
			continue
		}
		why := "frozen (trainable = False)"
		if r.Trainable != "N" {
			var names []string
			seen := map[string]bool{}
			for _, w := range r.Weights {
				n := w.Name[strings.LastIndexByte(w.Name, '/')+1:]
				if !w.Trainable && !seen[n] {
					seen[n] = true
					names = append(names, n)
				}
			}
			why = "non-trainable weights: " + strings.Join(names, ", ")
			if len(names) == 0 {
				why = "frozen layers inside it"
			}
		}
		t.NonTrainableRows = append(t.NonTrainableRows, NonTrainableRow{Name: r.Name, Params: r.NonTrainable, Why: why})
	}
	if m.HasOpt {
		o := m.Optimizer
		t.Optimizer = &o
	}
	switch {
	case m.Unknown > 0:
		t.KnownPart = total
		t.Why = layers.Num(int64(m.Unknown)) + " of its rows have a count kexplain does not know"
		if m.Unknown == 1 {
			t.Why = "one of its rows has a count kexplain does not know"
		}
	case m.SplitWhy != "":
		t.Total = &total
		t.Why = "the trainable split is not known: " + m.SplitWhy
	default:
		tr, nt := m.Trainable, m.NonTrain
		t.Total, t.Trainable, t.NonTrainable = &total, &tr, &nt
	}
	return t
}

// ExplainCode rebuilds the model of every snippet. A snippet that builds no model gives no
// result.
func ExplainCode(sns []*grammar.Snippet) []*CodeResult {
	return ExplainCodeAs(sns, layers.VersionUnknown)
}

// ExplainCodeAs rebuilds the models as Keras version v names, shapes and counts them
// (VersionUnknown: the version the code is written for).
func ExplainCodeAs(sns []*grammar.Snippet, v layers.Version) []*CodeResult {
	var out []*CodeResult
	for _, sn := range sns {
		v := v
		if v == layers.VersionUnknown && sn.Lang == grammar.LangTFJS {
			v = layers.Keras2 // TensorFlow.js builds its layers as Keras 2 does (layers.md §13)
		}
		if r := interp.Rebuild(sn, v); r != nil {
			out = append(out, codeResult(r))
		}
	}
	return out
}

// codeResult turns a rebuilt model into rows and its interpreter notes into code findings.
func codeResult(r *interp.Result) *CodeResult {
	c := &CodeResult{Snippet: r.Snippet, Version: r.Version, Model: r.Model, Models: r.Models}
	for _, n := range r.Notes {
		c.Flags = append(c.Flags, Flag{Kind: KindCode, Severity: Note, Line: n.Line, Message: n.String()})
		if n.Skip {
			c.Skipped = true
			c.SkipLines = append(c.SkipLines, n.Line)
		}
	}
	if r.Model == nil {
		return c
	}
	c.Totals = codeTotals(r.Model)
	c.Rows = topRowResults(r.Model)
	c.Earlier = earlierModels(r.Models, r.Model)
	return c
}

// topRowResults are a model's top-level rows: a nested model is one row, as contract.md's code
// entries list it.
func topRowResults(m *interp.Model) []*RowResult {
	var out []*RowResult
	for _, row := range m.Rows {
		if row.Depth == 0 {
			out = append(out, rowResult(row))
		}
	}
	return out
}

// earlierModels are the models that summary() calls print besides the one the snippet ends with
// (main): one per model name, as its last summary() prints it, in the order printed. A model
// printed again under main's name is main at an earlier point, which main's own rows supersede.
func earlierModels(models []*interp.Model, main *interp.Model) []*PrintedModel {
	last := map[string]int{}
	for i, m := range models {
		if m.SummaryLine > 0 && m.Name != main.Name {
			last[m.Name] = i
		}
	}
	var out []*PrintedModel
	for i, m := range models {
		if m.SummaryLine > 0 && m.Name != main.Name && last[m.Name] == i {
			out = append(out, &PrintedModel{Name: m.Name, Line: m.SummaryLine, Rows: topRowResults(m), Totals: codeTotals(m)})
		}
	}
	return out
}

// rowResult turns a rebuilt row into the row type the renderers print.
func rowResult(r *interp.Row) *RowResult {
	p := r.Params
	row := &grammar.Row{Line: r.Line, EndLine: r.Line, Name: r.Name, TypeText: r.Class, OutputText: r.Output,
		Params: &p, ParamsText: layers.Num(p), Unbuilt: r.Unbuilt, Trainable: r.Trainable, Depth: r.Depth,
		Output: grammar.ParseShape(r.Output)}
	if r.Connected != nil {
		row.ConnText = strings.Join(r.Connected, ", ")
	}
	e := p
	rr := &RowResult{Row: row, Class: r.Class, Status: layers.OK, Expected: &e, Weights: r.Weights}
	if r.Err != "" {
		// a row whose count is not known stays a row: "?", never 0, with the reason
		rr.Status = layers.Unknown
		rr.Expected = nil
		rr.Row.Params = nil
		rr.Row.ParamsText = "?"
		rr.Config = "count not known: " + r.Err
		return rr
	}
	if r.Unbuilt {
		rr.Derivation = layers.Say("not built yet (no input has reached it), so no weights: Keras 3 prints 0 (unbuilt)")
		return rr
	}
	if len(r.Weights) == 0 && strings.Contains(r.Output, "?") {
		why := r.OutputWhy
		if why == "" {
			why = "not known"
		}
		rr.Derivation = layers.Say("no weights; its output shape is not known (" + why + ")")
		return rr
	}
	rr.Derivation = weightsDeriv(r.Weights, p)
	return rr
}

// weightsDeriv writes the count as the sum of the weight arrays: "kernel 3 × 1 × 64 + bias 64 = 256".
func weightsDeriv(ws []layers.Weight, total int64) layers.Deriv {
	if len(ws) == 0 {
		return layers.Say("no weights")
	}
	var terms []layers.Expr
	for _, w := range ws {
		var f []layers.Expr
		for _, d := range w.Shape {
			f = append(f, layers.N(d))
		}
		var e layers.Expr
		switch len(f) {
		case 0:
			e = layers.N(1)
		case 1:
			e = f[0]
		default:
			e = layers.Mul(f...)
		}
		e.Label = w.Name
		terms = append(terms, e)
	}
	if len(terms) == 1 {
		return layers.Equation(terms[0], layers.N(total))
	}
	return layers.Equation(layers.Add(terms...), layers.N(total))
}
