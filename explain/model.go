package explain

import (
	"sort"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Severity of a finding.
type Severity string

// Severities, as contract.md names them.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Kind of a finding, as contract.md names them.
type Kind string

// Finding kinds.
const (
	KindRow       Kind = "row"
	KindTotal     Kind = "total"
	KindTrainable Kind = "trainable"
	KindCode      Kind = "code"
	KindParse     Kind = "parse"
	KindElided    Kind = "elided"
)

// Flag is one finding, with the input line it is about.
type Flag struct {
	Kind     Kind
	Severity Severity
	Line     int
	Layer    string // the row's name, "" when the finding is about no single row
	Message  string
}

// Alarm reports whether the flag means a number is wrong (or could not be read).
func (f Flag) Alarm() bool { return f.Severity == Error || f.Severity == Warning }

// Result is the explanation of a whole paste.
type Result struct {
	Summaries []*Summary
	Code      []*CodeResult // models rebuilt from the code in the paste
	Foreign   []*grammar.Foreign
	Flags     []Flag // findings that span documents
	Errors    []*grammar.Error
}

// Summary is one explained table.
type Summary struct {
	Table    *grammar.Table
	Rows     []*RowResult
	Computed Counts
	Flags    []Flag
	Notes    []string // explanations of the totals (trainable split, optimizer, sizes)
	Traces   []*Trace // get_weights() number lists matched to weight arrays
	dangling []string // Connected to names that are not rows of the table: rows left out
	names    []nameAt // the rows' names, sorted (built on first use)
	parents  []int    // each row's nesting parent, -1 at top level
}

// Counts are kexplain's own sums.
type Counts struct {
	Total, Trainable, NonTrainable *int64
}

// RowResult is one explained row.
type RowResult struct {
	Row        *grammar.Row
	Class      string // the resolved class, "" when unknown
	Status     Status
	Expected   *int64
	Derivation Deriv
	ShapeNote  string
	Config     string
	Ambiguous  string
	Weights    []Weight
	Inputs     []string // names of the rows that feed it
	InputDims  []Dims
	width      int64 // the output width read or inferred (0 unknown), for rows without shapes
}

// Alarms reports whether anything in the result is of severity error or warning.
func (r *Result) Alarms() bool {
	for _, f := range r.Flags {
		if f.Alarm() {
			return true
		}
	}
	for _, s := range r.Summaries {
		for _, f := range s.Flags {
			if f.Alarm() {
				return true
			}
		}
	}
	for _, c := range r.Code {
		for _, f := range c.Flags {
			if f.Alarm() {
				return true
			}
		}
	}
	return false
}

// Explain explains every table of a parsed document.
func Explain(doc *grammar.Document) *Result {
	res := &Result{Foreign: doc.Foreign, Errors: doc.Errors}
	for _, t := range doc.Tables {
		s := explainTable(t)
		traceNumbers(s, doc.Numbers)
		checkClaims(s, doc.Claims)
		res.Summaries = append(res.Summaries, s)
	}
	res.Code = ExplainCode(doc.Code)
	res.Flags = append(res.Flags, CompareCode(res.Summaries, res.Code)...)
	for _, e := range doc.Errors {
		// code that cannot be read (an unclosed bracket, a cut string) is a finding about the code:
		// it never makes a table's numbers wrong
		kind := KindParse
		for _, sn := range doc.Code {
			if e.Line >= sn.StartLine && e.Line <= sn.EndLine {
				kind = KindCode
			}
		}
		if kind == KindCode && strings.Contains(e.Msg, "string is never closed") && tableAfter(doc, e.Line) {
			continue // a docstring that holds a pasted summary: the table, not the code, follows
		}
		res.Flags = append(res.Flags, Flag{Kind: kind, Severity: Warning, Line: e.Line, Message: e.Error()})
	}
	if doc.Picture != nil {
		judgePicture(res, doc.Picture) // picture.go
	}
	return res
}

func dimsOf(s grammar.Shape) Dims {
	if s.Kind != grammar.ShapeTuple {
		return nil
	}
	return Dims(s.Dims)
}

func explainTable(t *grammar.Table) *Summary {
	s := &Summary{Table: t}
	byName := map[string]int{}
	for i, r := range t.Rows {
		rr := &RowResult{Row: r, Class: ResolveClass(r), Status: Unknown}
		s.Rows = append(s.Rows, rr)
		if _, dup := byName[r.Name]; !dup {
			byName[r.Name] = i
		}
	}
	functional := t.Has(grammar.ColConnected)
	for i, rr := range s.Rows {
		rr.InputDims, rr.Inputs = inputsOf(s, i, byName, functional)
		if rr.Class == "" {
			rr.Class = classByRank(rr.Row, rr.InputDims)
		}
	}
	for i, rr := range s.Rows {
		judgeRow(s, i, rr)
	}
	nestedWeights(s)
	checkTotals(s)
	for _, p := range t.Problems {
		sev := Note
		switch {
		case strings.Contains(p.Msg, "no rows") && t.Totals.Total != nil:
			// the rows are there but unreadable (a badly mangled paste): say so, but no number is wrong
		case strings.Contains(p.Msg, "no rows") || strings.Contains(p.Msg, "output shape") || strings.Contains(p.Msg, "count") ||
			strings.Contains(p.Msg, "balance") || strings.Contains(p.Msg, "cut off"):
			sev = Warning
		}
		s.Flags = append(s.Flags, Flag{Kind: KindParse, Severity: sev, Line: p.Line, Message: p.Error()})
	}
	return s
}

// inputsOf finds the shapes feeding row i: from Connected to in a functional table, the row's own
// Input Shape in TensorFlow.js, else the row above it (a Sequential). Nil when the table does not
// show them.
func inputsOf(s *Summary, i int, byName map[string]int, functional bool) ([]Dims, []string) {
	r := s.Rows[i].Row
	if len(r.Inputs) > 0 {
		var out []Dims
		for _, sh := range r.Inputs {
			out = append(out, dimsOf(sh))
		}
		return out, nil
	}
	if functional {
		if len(r.Connected) == 0 {
			return nil, nil
		}
		var out []Dims
		var names []string
		seen := map[[3]int]bool{}
		firstNode := -2
		for _, c := range r.Connected {
			j, ok := findRow(s, byName, c.Layer)
			if !ok {
				if !c.Cut && !strings.HasSuffix(c.Layer, "_input_1") && !strings.HasSuffix(c.Layer, "_input") {
					s.dangling = append(s.dangling, c.Layer)
				}
				return nil, nil
			}
			// only the first call's inputs: a shared layer lists every call
			if firstNode == -2 {
				firstNode = c.Node
			}
			key := [3]int{j, c.Node, c.Tensor}
			if seen[key] {
				continue
			}
			seen[key] = true
			src := s.Rows[j].Row.Output
			var d Dims
			switch src.Kind {
			case grammar.ShapeTuple:
				d = Dims(src.Dims)
			case grammar.ShapeList:
				if c.Tensor >= 0 && c.Tensor < len(src.Items) {
					d = dimsOf(src.Items[c.Tensor])
				} else if c.Tensor < 0 && len(src.Items) > 0 {
					d = dimsOf(src.Items[0]) // the print cut the tensor index
				}
			}
			out = append(out, d)
			names = append(names, s.Rows[j].Row.Name)
		}
		return out, names
	}
	// sequential: the previous row at the same depth, or for the first row of a nested group the
	// nested model's own input. A cropped table may have lost its Connected to column: only a
	// model named as a Sequential is read as a chain then.
	if s.Table.Cropped && !strings.HasPrefix(s.Table.Name, "sequential") {
		return nil, nil
	}
	d := r.Depth
	if d > 0 && !inSequential(s, i) {
		return nil, nil // the layers of a nested functional model need not form a chain
	}
	for j := i - 1; j >= 0; j-- {
		p := s.Rows[j].Row
		if p.Depth == d {
			return []Dims{dimsOf(p.Output)}, []string{p.Name}
		}
		if p.Depth < d {
			return s.Rows[j].InputDims, s.Rows[j].Inputs
		}
	}
	if i == 0 && s.Table.Input.Kind == grammar.ShapeTuple {
		return []Dims{Dims(s.Table.Input.Dims)}, nil // Keras 0.x "Initial input shape"
	}
	return nil, nil
}

// findRow finds the row a Connected to reference names (a cut name by its prefix).
func findRow(s *Summary, byName map[string]int, name string) (int, bool) {
	if j, ok := byName[name]; ok && !strings.HasSuffix(name, "…") {
		return j, true
	}
	prefix := strings.TrimSuffix(name, "…")
	if !strings.HasSuffix(name, "…") {
		// a reference cut at the column edge without an ellipsis (Keras 2, tfjs)
		if j, ok := byName[name]; ok {
			return j, true
		}
	}
	if s.names == nil {
		for j, rr := range s.Rows {
			s.names = append(s.names, nameAt{rr.Row.Name, j})
		}
		sort.Slice(s.names, func(a, b int) bool { return s.names[a].name < s.names[b].name })
	}
	k := sort.Search(len(s.names), func(a int) bool { return s.names[a].name >= prefix })
	if k == len(s.names) || !strings.HasPrefix(s.names[k].name, prefix) {
		return 0, false
	}
	if k+1 < len(s.names) && strings.HasPrefix(s.names[k+1].name, prefix) {
		return 0, false // more than one row starts so
	}
	return s.names[k].row, true
}

// nameAt is a row's name and index, for finding cut references by prefix.
type nameAt struct {
	name string
	row  int
}

// alwaysWeights are the classes that have weights once built, whatever their arguments.
var alwaysWeights = map[string]bool{"Dense": true, "Conv1D": true, "Conv2D": true, "Conv3D": true,
	"Conv1DTranspose": true, "Conv2DTranspose": true, "Conv3DTranspose": true, "SeparableConv1D": true,
	"SeparableConv2D": true, "DepthwiseConv1D": true, "DepthwiseConv2D": true, "LSTM": true, "GRU": true,
	"SimpleRNN": true, "Embedding": true, "BatchNormalization": true, "ConvLSTM1D": true, "ConvLSTM2D": true,
	"ConvLSTM3D": true, "PReLU": true, "EinsumDense": true, "MultiHeadAttention": true, "GroupedQueryAttention": true,
	"LocallyConnected1D": true, "LocallyConnected2D": true}

// wrappers are the classes whose count is that of a layer the table does not show.
var wrappers = map[string]bool{"TimeDistributed": true, "Bidirectional": true, "SpectralNormalization": true, "RNN": true}

var modelClasses = map[string]bool{"Sequential": true, "Functional": true, "Model": true}

// judgeRow explains one row.
func judgeRow(s *Summary, i int, rr *RowResult) {
	r := rr.Row
	o := &Obs{Class: rr.Class, Name: r.Name, Format: s.Table.Format, In: rr.InputDims, Out: dimsOf(r.Output),
		Params: r.Params, Unbuilt: r.Unbuilt, Frozen: r.Trainable == "N"}
	if r.Output.Kind == grammar.ShapeList || r.Output.Kind == grammar.ShapeCut {
		for _, it := range r.Output.Items {
			o.Outs = append(o.Outs, dimsOf(it))
		}
		if len(o.Outs) > 0 {
			o.Out = o.Outs[0]
		}
	}
	if r.Unbuilt && r.Params != nil && *r.Params == 0 {
		zero := int64(0)
		rr.Status, rr.Expected = OK, &zero
		rr.Derivation = D("not built yet: no weights, 0")
		return
	}
	if modelClasses[rr.Class] || (rr.Class == "" && isApplicationName(r.Name)) {
		judgeModelRow(s, i, rr)
		return
	}
	spec := Lookup(rr.Class)
	if spec == nil && rr.Class == "" && allWeightless(r.TypeText) {
		// "GlobalAveragePo…": whichever of the classes it is, none has weights
		zero := int64(0)
		rr.Expected = &zero
		if r.Params != nil && *r.Params != 0 {
			rr.Status = Mismatch
			rr.Derivation = D("every class that starts " + strings.TrimSuffix(r.TypeText, "…") + " has no weights: 0")
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
				Message: "no " + strings.TrimSuffix(r.TypeText, "…") + "… layer has weights, so its count is 0, not " + Num(*r.Params)})
			return
		}
		rr.Status = OK
		rr.Derivation = D("no weights (every class that starts " + strings.TrimSuffix(r.TypeText, "…") + " has none), 0")
		return
	}
	if spec == nil && rr.Class == "" {
		guessClass(s, rr, o)
		return
	}
	if spec == nil && judgeByBase(s, rr, o) {
		return
	}
	if spec != nil && spec.Class == "KerasLayer" && r.Params != nil {
		if base, top, ok := applicationByCount(*r.Params); ok {
			p := *r.Params
			rr.Status, rr.Expected = OK, &p
			what := "without top"
			if top {
				what = "with its top"
			}
			rr.Derivation = D("a TensorFlow Hub layer: {} is the count of keras.applications."+base+" "+what, p)
			return
		}
	}
	if spec == nil {
		rr.Status = Unknown
		if rr.Class == "" {
			rr.Derivation = D("the class is not shown, so the count cannot be checked")
		} else {
			rr.Derivation = D(rr.Class + " is not a layer kexplain knows (a custom layer?)")
		}
		return
	}
	var v Verdict
	keras10 := s.Table.Format == grammar.Keras1 || s.Table.Totals.Total != nil && s.Table.Totals.Trainable == nil
	if r.Params != nil && *r.Params == 0 && alwaysWeights[spec.Class] && keras10 && s.Table.Totals.Trainable == nil {
		zero := int64(0)
		rr.Status, rr.Expected = OK, &zero
		rr.Derivation = D("a frozen layer: Keras 1.0.7–1.1.2 rows count trainable weights only, 0")
		return
	}
	if r.Params != nil && *r.Params == 0 && alwaysWeights[spec.Class] && !keras10 {
		// Keras 1.0.7–1.1.2 print 0 for a frozen layer; every later era prints its weights
		// (or "0 (unbuilt)" / "0 (unused)" before it has any)
		applyVerdict(s, rr, Verdict{Status: Mismatch, Message: "a built " + spec.Class + " always has weights, so its count cannot be 0"})
		return
	}
	if spec.Explain != nil {
		v = spec.Explain(o)
	}
	if v.Status == Unknown && r.Params != nil && (len(o.In) == 0 || o.In[0] == nil) {
		if f := fallbackFit(spec.Class, o); f != nil {
			v = Verdict{Status: OK, Fit: f}
		}
	}
	if v.Status == Unknown && o.Out == nil && r.Params != nil {
		if f := unshapedFit(spec.Class, *r.Params, prevWidth(s, i)); f != nil {
			v = Verdict{Status: OK, Fit: f}
			rr.width = unitsOf(f)
		}
	}
	if v.Status == Mismatch && wrappers[spec.Class] {
		// a wrapper can hold any layer (a nested model, a custom cell, another backward layer):
		// that no standard inner layer fits does not make the count impossible
		v = Verdict{Status: Unknown, Fit: v.Fit}
		if v.Fit != nil {
			v.Fit = nil
		}
		rr.Derivation = D("no standard inner layer gives this count; the wrapped layer is not shown")
	}
	if spec.Weightless {
		zero := int64(0)
		if v.Fit == nil {
			v.Fit = &Fit{Params: 0, Derivation: D("no weights")}
		}
		if r.Params != nil && *r.Params != 0 {
			v = Verdict{Status: Mismatch, Fit: &Fit{Params: 0, Derivation: D(rr.Class + " has no weights: 0")},
				Message: rr.Class + " never has weights, so its count is 0, not " + Num(*r.Params)}
		} else {
			v.Status = OK
			v.Fit.Params = zero
		}
	}
	if v.Status == OK {
		if msg := shapeProblem(spec.Class, o); msg != "" {
			v.Status = Mismatch
			v.Message = msg
			v.Nearest = nil
		}
	}
	applyVerdict(s, rr, v)
}

// prevWidth is the output width of the row before row i at its depth: printed, or read from its
// count when the table shows no shapes.
func prevWidth(s *Summary, i int) int64 {
	d := s.Rows[i].Row.Depth
	for j := i - 1; j >= 0 && j >= i-16; j-- {
		p := s.Rows[j]
		if p.Row.Depth != d {
			continue
		}
		if out := dimsOf(p.Row.Output); out != nil {
			return out.Last()
		}
		if p.width > 0 {
			return p.width
		}
		if p.Row.Params != nil && *p.Row.Params == 0 && (p.Class == "Dropout" || p.Class == "Activation" || strings.HasSuffix(p.Class, "Normalization")) {
			continue // keeps the width
		}
		return 0
	}
	return 0
}

// unitsOf reads the output width of a fit from its last weight array.
func unitsOf(f *Fit) int64 {
	if len(f.Weights) == 0 {
		return 0
	}
	w := f.Weights[len(f.Weights)-1].Shape
	if len(w) == 0 {
		return 0
	}
	return w[len(w)-1]
}

func applyVerdict(s *Summary, rr *RowResult, v Verdict) {
	rr.Status = v.Status
	if rr.Status == "" {
		rr.Status = Unknown
	}
	rr.ShapeNote = v.Shape
	if v.Fit != nil {
		p := v.Fit.Params
		rr.Expected = &p
		rr.Derivation = v.Fit.Derivation
		rr.Weights = v.Fit.Weights
		rr.Config = v.Fit.Config
		rr.Ambiguous = v.Fit.Ambiguous
	}
	if rr.Status == Mismatch {
		msg := v.Message
		if msg == "" {
			msg = "no " + rr.Class + " configuration gives this count"
		}
		var alts []string
		for _, f := range v.Nearest {
			if len(alts) >= 3 {
				break
			}
			if strings.Contains(msg, Num(f.Params)) {
				continue // the message already names it
			}
			alts = append(alts, f.Derivation.String()+label(f.Config))
		}
		if len(alts) > 0 {
			msg += "; nearest: " + strings.Join(alts, "; ")
		}
		s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: rr.Row.Line, Layer: rr.Row.Name, Message: msg})
	}
}

func label(cfg string) string {
	if cfg == "" {
		return ""
	}
	return " (" + cfg + ")"
}

// judgeModelRow explains the row of a nested model: the sum of its expanded rows when the table
// shows them, the known count of a keras.applications base, else the count stands for the sum of
// layers the table does not list.
func judgeModelRow(s *Summary, i int, rr *RowResult) {
	r := rr.Row
	var sum int64
	n := 0
	complete := true
	for j := i + 1; j < len(s.Rows); j++ {
		c := s.Rows[j].Row
		if c.Depth <= r.Depth {
			break
		}
		if c.Depth == r.Depth+1 {
			n++
			if c.Params == nil {
				complete = false
			} else {
				sum += *c.Params
			}
		}
	}
	if n > 0 && complete {
		rr.Expected = &sum
		rr.Derivation = D("the sum of its {} layers below = {}", int64(n), sum)
		if r.Params != nil && *r.Params == sum {
			rr.Status = OK
		} else if r.Params != nil {
			rr.Status = Mismatch
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
				Message: "the nested model's count " + Num(*r.Params) + " is not the sum of its layers, " + Num(sum)})
		}
		return
	}
	if total, nonTrain, d, ok := appCount(r.Name, dimsOf(r.Output)); ok {
		rr.Expected = &total
		rr.Derivation = d
		if r.Params == nil || *r.Params == total {
			rr.Status = OK
			rr.Config = "non-trainable " + Num(nonTrain) + " (batch statistics)"
			return
		}
		a, _ := lookupApplication(r.Name, dimsOf(r.Output))
		out := dimsOf(r.Output)
		featureMap := out == nil || out.Last() == a.features || out.Last() == 1000
		if !sureApplications[a.class] || !featureMap {
			// another variant (classes, alpha, a version we have not checked): cannot judge
			rr.Status = Unknown
			rr.Derivation = d.Then("; ", D("this row has {}: another variant of the base?", *r.Params))
			return
		}
		rr.Status = Mismatch
		s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
			Message: "keras.applications." + a.class + " has " + Num(total) + " weights, not " + Num(*r.Params)})
		return
	}
	if r.Params != nil {
		p := *r.Params
		rr.Expected = &p
		rr.Status = OK
		rr.Derivation = D("a nested model: {} is the sum of its own layers, which this table does not list", p)
	}
}

// isApplicationName reports whether a row's name is that of a keras.applications base.
func isApplicationName(name string) bool {
	_, _, _, ok := appCount(name, nil)
	return ok
}

// appCount is the count of a keras.applications base (ApplicationCount).
var appCount = ApplicationCount

// sureApplications are the bases whose counts have been checked against real summaries often
// enough to call another count wrong; for the others a different count is left unknown.
var sureApplications = map[string]bool{"VGG16": true, "VGG19": true, "ResNet50": true, "ResNet101": true, "ResNet152": true,
	"ResNet50V2": true, "ResNet101V2": true, "ResNet152V2": true, "InceptionV3": true, "InceptionResNetV2": true,
	"Xception": true, "MobileNet": true, "MobileNetV2": true, "EfficientNetB0": true, "EfficientNetB1": true,
	"EfficientNetB2": true, "EfficientNetB3": true, "EfficientNetB4": true, "EfficientNetB5": true,
	"EfficientNetB6": true, "EfficientNetB7": true, "DenseNet121": true, "DenseNet169": true, "DenseNet201": true}

// classByRank completes a cut class whose candidates differ only in rank
// ("GlobalAveragePool…" is GlobalAveragePooling1D on a 3-D input, 2D on a 4-D one).
func classByRank(r *grammar.Row, in []Dims) string {
	frag := strings.TrimSuffix(r.TypeText, "…")
	if frag == "" || len(in) == 0 || in[0] == nil {
		return ""
	}
	rank := len(in[0])
	found := ""
	for _, c := range Classes() {
		if !strings.HasPrefix(c, frag) || Lookup(c).Class != c {
			continue
		}
		want := 0
		switch {
		case strings.Contains(c, "1D"):
			want = 3
		case strings.Contains(c, "2D"):
			want = 4
		case strings.Contains(c, "3D"):
			want = 5
		}
		if want != 0 && want != rank {
			continue
		}
		if found != "" {
			return ""
		}
		found = c
	}
	return found
}

// guessOrder lists the classes tried, most common first, for a row whose class the print does not
// show (a TensorFlow.js layer with a long custom name).
var guessOrder = []string{"Dense", "Conv2D", "Conv1D", "Conv3D", "Conv2DTranspose", "Conv1DTranspose", "Conv3DTranspose",
	"SeparableConv2D", "SeparableConv1D", "DepthwiseConv2D", "DepthwiseConv1D", "BatchNormalization", "LayerNormalization",
	"Embedding", "LSTM", "GRU", "SimpleRNN", "ConvLSTM2D", "PReLU"}

// guessClass explains a row whose class is not shown: a count of 0 needs no weights; otherwise
// the first common class whose configuration on the shown input reproduces the count and shape.
// The status is ok only when one does, and the derivation says the class was inferred.
func guessClass(s *Summary, rr *RowResult, o *Obs) {
	r := rr.Row
	if r.Params != nil && *r.Params == 0 {
		zero := int64(0)
		rr.Status, rr.Expected = OK, &zero
		rr.Derivation = D("no weights (the class is not shown: a layer such as pooling, dropout or reshaping), 0")
		return
	}
	if r.Params == nil || len(o.In) == 0 || o.In[0] == nil || o.Out == nil {
		rr.Status = Unknown
		rr.Derivation = D("the class is not shown, so the count cannot be checked")
		return
	}
	for _, c := range guessOrder {
		spec := Lookup(c)
		if spec == nil || spec.Explain == nil {
			continue
		}
		oo := *o
		oo.Class = c
		v := spec.Explain(&oo)
		if v.Status == OK && v.Fit != nil && v.Fit.Params == *r.Params && v.Fit.InferredIn == nil {
			applyVerdict(s, rr, v)
			rr.Derivation = D("the class is not shown; as a "+c+": ").Then("", v.Fit.Derivation)
			rr.Config = "class inferred: " + c + label(v.Fit.Config)
			return
		}
	}
	rr.Status = Unknown
	rr.Derivation = D("the class is not shown, and no common layer on this input gives this count")
}

// Functional reports whether the table is of a functional model (rows fed by Connected to),
// not a chain. Keras 1 prints Connected to for a Sequential too: a chain whose every row reads
// the row above it (the first one the automatic "<class>_input_1") is a Sequential.
func (s *Summary) Functional() bool {
	if !s.Table.Has(grammar.ColConnected) {
		return false
	}
	for i, rr := range s.Rows {
		if rr.Class == "InputLayer" || len(rr.Row.Connected) != 1 {
			return true
		}
		c := rr.Row.Connected[0]
		if i == 0 {
			if !strings.HasSuffix(c.Layer, "_input_1") && !strings.HasSuffix(c.Layer, "_input") {
				return true
			}
			continue
		}
		if c.Layer != s.Rows[i-1].Row.Name {
			return true
		}
	}
	return false
}

// nestedWeights gives an expanded nested model's row the weights of its layers, so that the
// totals and the get_weights() trace see them.
func nestedWeights(s *Summary) {
	for i := len(s.Rows) - 1; i >= 0; i-- {
		rr := s.Rows[i]
		if rr.Weights != nil || !modelClasses[rr.Class] {
			continue
		}
		var ws []Weight
		n, known := 0, true
		for j := i + 1; j < len(s.Rows) && s.Rows[j].Row.Depth > rr.Row.Depth; j++ {
			c := s.Rows[j]
			if c.Row.Depth != rr.Row.Depth+1 {
				continue
			}
			n++
			if c.Weights == nil && (c.Row.Params == nil || *c.Row.Params != 0) {
				known = false
			}
			ws = append(ws, c.Weights...)
		}
		if n > 0 && known && rr.Row.Params != nil && sumWeights(ws) == *rr.Row.Params {
			if ws == nil {
				ws = []Weight{}
			}
			rr.Weights = ws
		}
	}
}

// allWeightless reports whether every known class that starts with a cut class name holds no
// weights.
func allWeightless(typeText string) bool {
	frag := strings.TrimSuffix(typeText, "…")
	if frag == "" {
		return false
	}
	n := 0
	for _, c := range Classes() {
		if !strings.HasPrefix(c, frag) {
			continue
		}
		n++
		if sp := Lookup(c); sp == nil || !sp.Weightless {
			return false
		}
	}
	return n > 0
}

// inSequential reports whether row i is a layer of an expanded nested Sequential.
func inSequential(s *Summary, i int) bool {
	if s.parents == nil {
		s.parents = make([]int, len(s.Rows))
		var stack []int // rows of lower depth that are still open
		for j, rr := range s.Rows {
			for len(stack) > 0 && s.Rows[stack[len(stack)-1]].Row.Depth >= rr.Row.Depth {
				stack = stack[:len(stack)-1]
			}
			s.parents[j] = -1
			if len(stack) > 0 {
				s.parents[j] = stack[len(stack)-1]
			}
			stack = append(stack, j)
		}
	}
	p := s.parents[i]
	return p >= 0 && s.Rows[p].Class == "Sequential"
}

// tableAfter reports whether a summary table starts within a few lines after line n.
func tableAfter(doc *grammar.Document, n int) bool {
	for _, t := range doc.Tables {
		if t.StartLine > n && t.StartLine <= n+40 {
			return true
		}
	}
	return false
}

// sameShape are the classes whose output shape is their input's.
var sameShape = map[string]bool{"Dropout": true, "SpatialDropout1D": true, "SpatialDropout2D": true, "SpatialDropout3D": true,
	"GaussianNoise": true, "GaussianDropout": true, "AlphaDropout": true, "Activation": true, "ReLU": true, "LeakyReLU": true,
	"ELU": true, "PReLU": true, "Softmax": true, "ThresholdedReLU": true, "BatchNormalization": true,
	"LayerNormalization": true, "UnitNormalization": true, "ActivityRegularization": true, "Masking": true}

// shapeProblem checks the output shapes that follow from the input alone, whatever the layer's
// arguments: a Flatten's width is the product of its input's dims; a Dropout, an activation or a
// normalization keeps its input's shape. "" when the printed shape is possible (or either shape
// is not fully shown).
func shapeProblem(class string, o *Obs) string {
	if len(o.In) != 1 || o.In[0] == nil || o.Out == nil || len(o.Outs) > 1 {
		return ""
	}
	in, out := o.In[0], o.Out
	for _, d := range in[1:] {
		if d <= 0 {
			return ""
		}
	}
	switch {
	case class == "Flatten":
		if len(out) != 2 || out[1] <= 0 {
			return ""
		}
		p := int64(1)
		for _, d := range in[1:] {
			p *= d
		}
		if p != out[1] {
			return "a Flatten of " + shapeStr(in) + " has " + Num(p) + " values, not " + Num(out[1])
		}
	case class == "Dense":
		// Dense maps the last axis only: every other axis stays
		if len(out) != len(in) {
			return "a Dense layer keeps the rank of its input " + shapeStr(in) + ", so it cannot give " + shapeStr(out)
		}
		for i := 1; i < len(in)-1; i++ {
			if out[i] > 0 && out[i] != in[i] {
				return "a Dense layer changes only the last axis of " + shapeStr(in) + ", so it cannot give " + shapeStr(out)
			}
		}
	case sameShape[class]:
		if len(out) != len(in) {
			return ""
		}
		for i := 1; i < len(in); i++ {
			if out[i] > 0 && out[i] != in[i] {
				return "a " + class + " keeps its input's shape " + shapeStr(in) + ", not " + shapeStr(out)
			}
		}
	}
	return ""
}

// judgeByBase explains a custom class whose name says which Keras layer it extends
// ("StandardizedConv2DWithCall" is a Conv2D): when that layer's rule reproduces the count the row
// is ok, said to be judged as that layer. A custom subclass may add weights of its own, so a count
// the base layer cannot give stays unknown, never a mismatch.
func judgeByBase(s *Summary, rr *RowResult, o *Obs) bool {
	base := ""
	for _, c := range Classes() {
		sp := Lookup(c)
		if len(c) < 4 || len(c) <= len(base) || sp.Weightless || sp.Explain == nil || modelClasses[sp.Class] || !strings.Contains(rr.Class, c) {
			continue
		}
		base = c
	}
	if base == "" || rr.Row.Params == nil {
		return false
	}
	oo := *o
	oo.Class = Lookup(base).Class
	v := Lookup(base).Explain(&oo)
	if v.Status != OK || v.Fit == nil || v.Fit.Params != *rr.Row.Params {
		return false
	}
	applyVerdict(s, rr, v)
	rr.Derivation = D(rr.Class+" is not a Keras layer; judged as the "+oo.Class+" its name says it extends: ").Then("", v.Fit.Derivation)
	return true
}
