package render

import (
	"io"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The JSON document of contract.md. Field names are part of the contract: keep them stable. The
// struct tags say how encoding/json would write each field; jsonwrite.go writes them by hand in the
// same order, and jsonwrite_test.go checks that both agree.

type jsonDoc struct {
	Summaries []jsonSummary `json:"summaries"`
	Code      []jsonCode    `json:"code"`
	Flags     []jsonFlag    `json:"flags"`
	Foreign   []jsonForeign `json:"foreign"`
}

type jsonSummary struct {
	Format    string       `json:"format"`
	Name      string       `json:"name"`
	StartLine int          `json:"start_line"`
	EndLine   int          `json:"end_line"`
	Layers    []jsonLayer  `json:"layers"`
	Totals    jsonTotals   `json:"totals"`
	Computed  jsonComputed `json:"computed"`
	Flags     []jsonFlag   `json:"flags"`
	Notes     []string     `json:"notes"`
	Checks    []jsonNote   `json:"total_notes"`
	Traces    []jsonTrace  `json:"weight_traces"`

	// rows, when set, are written as the layers one at a time (JSON and JSONCompact), so that
	// the layers of a large table are never all held at once
	rows  []*explain.RowResult
	style layers.NumStyle
}

// jsonNote is one explanation of a totals line, with its arithmetic as structure.
type jsonNote struct {
	Line      string   `json:"line"`
	Text      string   `json:"text"`
	Passed    bool     `json:"passed"`
	Equations []jsonEq `json:"equations"`
}

// jsonEq is one printed equation as structure: every side evaluates to the same number.
type jsonEq struct {
	Sides []jsonExpr `json:"sides"`
}

// jsonExpr is an arithmetic expression: a number (with what it counts), or an operation
// ("+", "-", "*", "floordiv", "ceildiv", "max") on its arguments.
type jsonExpr struct {
	Num   *int64     `json:"n,omitempty"`
	Unit  string     `json:"unit,omitempty"`
	Op    string     `json:"op,omitempty"`
	Args  []jsonExpr `json:"args,omitempty"`
	Label string     `json:"label,omitempty"`
}

type jsonLayer struct {
	Name       string       `json:"name"`
	Type       *string      `json:"type"`
	Output     string       `json:"output_shape"`
	Dims       []*int64     `json:"output_dims,omitempty"`
	Params     *int64       `json:"params"`
	Expected   *int64       `json:"expected_params"`
	Status     string       `json:"status"`
	Derivation string       `json:"derivation"`
	Depth      int          `json:"depth"`
	Weights    []jsonWeight `json:"weights"`
	Line       int          `json:"line"`
	Inputs     []string     `json:"inputs,omitempty"`
	Config     string       `json:"config,omitempty"`
	Ambiguous  string       `json:"ambiguous,omitempty"`
	ShapeNote  string       `json:"shape_note,omitempty"`
	Assumed    string       `json:"assumed,omitempty"`
	Cause      string       `json:"cause,omitempty"`
	Lesson     *jsonLesson  `json:"formula,omitempty"`
	Shared     int          `json:"shared_calls,omitempty"`
	Equations  []jsonEq     `json:"equations,omitempty"`
}

// jsonLesson is the family's formula in symbols and why each term is there.
type jsonLesson struct {
	Key     string   `json:"family"`
	Formula string   `json:"formula"`
	Why     []string `json:"why"`
}

type jsonWeight struct {
	Name      string  `json:"name"`
	Shape     []int64 `json:"shape"`
	Trainable bool    `json:"trainable"`
}

type jsonTotals struct {
	Total        *int64 `json:"total"`
	Trainable    *int64 `json:"trainable"`
	NonTrainable *int64 `json:"non_trainable"`
	Optimizer    *int64 `json:"optimizer"`
}

type jsonComputed struct {
	Total        *int64 `json:"total"`
	Trainable    *int64 `json:"trainable"`
	NonTrainable *int64 `json:"non_trainable"`
}

type jsonFlag struct {
	Kind     string  `json:"kind"`
	Severity string  `json:"severity"`
	Line     int     `json:"line"`
	Layer    *string `json:"layer"`
	Message  string  `json:"message"`
}

type jsonCode struct {
	StartLine int             `json:"start_line"`
	EndLine   int             `json:"end_line"`
	Layers    []jsonLayer     `json:"layers"`
	Flags     []jsonFlag      `json:"flags"`
	Totals    *jsonCodeTotals `json:"totals,omitempty"`
	// Earlier are the other models the code's summary() calls print before the one it ends with.
	Earlier []jsonPrinted `json:"earlier_summaries,omitempty"`
}

// jsonPrinted is a model as an earlier summary() call of the code prints it.
type jsonPrinted struct {
	Name   string          `json:"name"`
	Line   int             `json:"line"`
	Layers []jsonLayer     `json:"layers"`
	Totals *jsonCodeTotals `json:"totals,omitempty"`
}

// jsonCodeTotals are a rebuilt model's totals (README, JSON output): null where not known.
type jsonCodeTotals struct {
	Total            *int64            `json:"total"`
	Trainable        *int64            `json:"trainable"`
	NonTrainable     *int64            `json:"non_trainable"`
	Optimizer        *int64            `json:"optimizer,omitempty"`
	UnknownRows      int               `json:"unknown_rows"`
	KnownPart        *int64            `json:"known_part,omitempty"`
	Why              string            `json:"why,omitempty"`
	NonTrainableRows []jsonNonTrainRow `json:"non_trainable_rows,omitempty"`
}

type jsonNonTrainRow struct {
	Name   string `json:"name"`
	Params int64  `json:"params"`
	Why    string `json:"why"`
}

type jsonForeign struct {
	Kind      string `json:"kind"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

type jsonTrace struct {
	Line    int              `json:"line"`
	Running bool             `json:"running_sums"`
	Entries []jsonTraceEntry `json:"entries"`
}

type jsonTraceEntry struct {
	Value  int64   `json:"value"`
	Line   int     `json:"line"`
	Layer  string  `json:"layer"`
	Weight string  `json:"weight"`
	Shape  []int64 `json:"shape"`
}

// JSON writes the result as the JSON document of contract.md (jsonwrite.go writes it).
func JSON(w io.Writer, res *explain.Result) error {
	doc := streamDocument(res)
	jw := &jsonWriter{b: make([]byte, 0, 4096), out: w}
	doc.write(jw)
	jw.flush(true)
	return jw.err
}

// JSONCompact writes the same document as JSON on one line, without indentation (for the page,
// which parses it).
func JSONCompact(w io.Writer, res *explain.Result) error {
	doc := streamDocument(res)
	jw := &jsonWriter{b: make([]byte, 0, 4096), out: w, compact: true}
	doc.write(jw)
	jw.flush(true)
	return jw.err
}

// jsonDocument is the document JSON writes, for tests that check the hand-written encoder
// against encoding/json.
func jsonDocument(res *explain.Result) any {
	return documentJSON(res, false)
}

// streamDocument is the document JSON writes, its layers made as they are written.
func streamDocument(res *explain.Result) jsonDoc {
	return documentJSON(res, true)
}

func documentJSON(res *explain.Result, stream bool) jsonDoc {
	doc := jsonDoc{Summaries: []jsonSummary{}, Code: []jsonCode{}, Flags: flagsJSON(res.Flags), Foreign: []jsonForeign{}}
	for _, s := range res.Summaries {
		doc.Summaries = append(doc.Summaries, summaryJSON(s, stream))
	}
	for _, c := range res.Code {
		doc.Code = append(doc.Code, codeJSON(c))
	}
	for _, f := range res.Foreign {
		doc.Foreign = append(doc.Foreign, jsonForeign{Kind: f.Kind, StartLine: f.StartLine, EndLine: f.EndLine})
	}
	return doc
}

func summaryJSON(s *explain.Summary, stream bool) jsonSummary {
	t := s.Table
	style := numStyle(t)
	js := jsonSummary{
		Format: string(t.Format), Name: t.Name, StartLine: t.StartLine, EndLine: t.EndLine,
		Layers: []jsonLayer{}, Flags: flagsJSON(s.Flags), Notes: []string{}, Checks: []jsonNote{}, Traces: []jsonTrace{},
		Totals:   jsonTotals{Total: t.Totals.Total, Trainable: t.Totals.Trainable, NonTrainable: t.Totals.NonTrainable, Optimizer: t.Totals.Optimizer},
		Computed: jsonComputed{Total: s.Computed.Total, Trainable: s.Computed.Trainable, NonTrainable: s.Computed.NonTrainable},
	}
	for _, n := range s.Notes {
		js.Notes = append(js.Notes, n.Line+": "+n.Text.Format(style))
		js.Checks = append(js.Checks, jsonNote{Line: n.Line, Text: n.Text.Format(style), Passed: n.Passed, Equations: eqsJSON(n.Text)})
	}
	if stream && len(s.Rows) > 0 {
		js.rows, js.style = s.Rows, style
	} else {
		for _, rr := range s.Rows {
			js.Layers = append(js.Layers, layerJSON(rr, style))
		}
	}
	for _, tr := range s.Traces {
		jt := jsonTrace{Line: tr.Line, Running: tr.Running, Entries: []jsonTraceEntry{}}
		for _, e := range tr.Entries {
			jt.Entries = append(jt.Entries, jsonTraceEntry{Value: e.Value, Line: e.Line, Layer: e.Layer, Weight: e.Weight.Name, Shape: e.Weight.Shape})
		}
		js.Traces = append(js.Traces, jt)
	}
	return js
}

func layerJSON(rr *explain.RowResult, style layers.NumStyle) jsonLayer {
	r := rr.Row
	l := jsonLayer{Name: r.Name, Output: r.OutputText, Params: r.Params, Expected: rr.Expected,
		Status: string(rr.Status), Derivation: rr.Derivation.Format(style), Depth: r.Depth, Weights: []jsonWeight{},
		Line: r.Line, Inputs: rr.Inputs, Config: rr.Config, Ambiguous: rr.Ambiguous, ShapeNote: rr.ShapeNote.Format(style),
		Assumed: rr.Assumed, Cause: rr.Cause.Format(style), Shared: rr.Shared}
	if len(rr.Weights) == 0 && l.ShapeNote != "" && rr.Expected != nil && *rr.Expected == 0 {
		// a layer without weights is explained by its shape: the derivation is that arithmetic
		l.Derivation = l.ShapeNote + ", " + l.Derivation
	}
	if r.Output.Kind == grammar.ShapeTuple {
		l.Dims = make([]*int64, len(r.Output.Dims))
		known := make([]int64, len(r.Output.Dims)) // one array that the pointers point into
		for i, d := range r.Output.Dims {
			if d >= 0 {
				known[i] = d
				l.Dims[i] = &known[i]
			}
		}
	}
	if rr.Lesson != nil {
		jl := &jsonLesson{Key: rr.Lesson.Key, Formula: rr.Lesson.Formula, Why: []string{}}
		for _, w := range rr.Lesson.Why {
			jl.Why = append(jl.Why, w.Format(style))
			l.Equations = append(l.Equations, eqsJSON(w)...)
		}
		l.Lesson = jl
	}
	l.Equations = append(append(append(eqsJSON(rr.Derivation), eqsJSON(rr.ShapeNote)...), eqsJSON(rr.Cause)...), l.Equations...)
	if rr.Class != "" {
		c := rr.Class
		l.Type = &c
	}
	for _, w := range rr.Weights {
		l.Weights = append(l.Weights, jsonWeight{Name: w.Name, Shape: w.Shape, Trainable: w.Trainable})
	}
	return l
}

func flagsJSON(fs []explain.Flag) []jsonFlag {
	out := []jsonFlag{}
	for _, f := range fs {
		jf := jsonFlag{Kind: string(f.Kind), Severity: string(f.Severity), Line: f.Line, Message: f.Message}
		if f.Layer != "" {
			l := f.Layer
			jf.Layer = &l
		}
		out = append(out, jf)
	}
	return out
}

// eqsJSON lists a derivation's equations as structure.
func eqsJSON(d layers.Deriv) []jsonEq {
	eqs := d.Equations()
	if len(eqs) == 0 {
		return nil
	}
	out := make([]jsonEq, len(eqs))
	leaves := 0
	for _, q := range eqs {
		for _, side := range q.Sides {
			leaves += numLeaves(side)
		}
	}
	nums := make([]int64, 0, leaves) // the numbers' one array, which the expressions point into
	for k, q := range eqs {
		if len(q.Sides) > 0 {
			out[k].Sides = make([]jsonExpr, len(q.Sides))
		}
		for i, side := range q.Sides {
			out[k].Sides[i] = exprJSON(side, &nums)
		}
	}
	return out
}

// numLeaves counts the numbers in an expression.
func numLeaves(e layers.Expr) int {
	if e.Op == layers.OpNum {
		return 1
	}
	n := 0
	for _, a := range e.Args {
		n += numLeaves(a)
	}
	return n
}

var opNames = map[layers.Op]string{layers.OpAdd: "+", layers.OpSub: "-", layers.OpMul: "*",
	layers.OpFloorDiv: "floordiv", layers.OpCeilDiv: "ceildiv", layers.OpMax: "max"}

// exprJSON gives an expression as structure; its numbers are appended to nums and pointed at
// there (an append past nums' capacity leaves the numbers already pointed at where they are).
func exprJSON(e layers.Expr, nums *[]int64) jsonExpr {
	if e.Op == layers.OpNum {
		*nums = append(*nums, e.N)
		return jsonExpr{Num: &(*nums)[len(*nums)-1], Unit: e.Unit, Label: e.Label}
	}
	je := jsonExpr{Op: opNames[e.Op], Label: e.Label}
	if len(e.Args) > 0 {
		je.Args = make([]jsonExpr, len(e.Args)) // sized once: a derivation has many of these
	}
	for i, a := range e.Args {
		je.Args[i] = exprJSON(a, nums)
	}
	return je
}
