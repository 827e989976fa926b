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
		c.Skipped = c.Skipped || n.Skip
	}
	if r.Model == nil {
		return c
	}
	for _, row := range r.Model.Rows {
		if row.Depth == 0 { // a nested model is one row, as contract.md's code entries list it
			c.Rows = append(c.Rows, rowResult(row))
		}
	}
	return c
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
	if r.Unbuilt || len(r.Weights) == 0 && strings.Contains(r.Output, "?") {
		rr.Derivation = layers.Say("not built: the code gives no input shape, so no weights yet")
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
