package explain

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
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
	Notes    []TotalNote    // explanations of the totals lines (the rows' sum, the trainable split, optimizer, sizes)
	RowSum   *int64         // the sum of the top-level rows, without the optimizer's share
	Traces   []*Trace       // get_weights() number lists matched to weight arrays
	dangling []string       // Connected to names that are not rows of the table: rows left out
	byName   map[string]int // each row's index by name (the first of rows that share one)
	isFunc   *bool          // Functional, once worked out
	names    []nameAt       // the rows' names, sorted (built on first use)
	leftOut  int            // the first line where rows were left out: 0 not yet known, -1 none
	parents  []int          // each row's nesting parent, -1 at top level
	style    *layers.NumStyle
	real     []realOutput // each row's real output, where a shape above it is wrong (cause.go)
}

// numStyle is StyleOf the table, worked out once (it is a pass over the rows).
func (s *Summary) numStyle() layers.NumStyle {
	if s.style == nil {
		st := StyleOf(s.Table)
		s.style = &st
	}
	return *s.style
}

// TotalNote explains one totals line.
type TotalNote struct {
	Line   string       // the line it is about: "Total params", "Non-trainable params", "Optimizer params"
	Text   layers.Deriv // the explanation, its arithmetic as structure
	Passed bool         // a check that passed (✓); false for an explanation or a doubt
}

// String is the note as plain text.
func (n TotalNote) String() string { return n.Text.String() }

// Counts are kexplain's own sums.
type Counts struct {
	Total, Trainable, NonTrainable *int64
}

// RowResult is one explained row.
type RowResult struct {
	Row        *grammar.Row
	Class      string // the resolved class, "" when unknown
	Status     layers.Status
	Expected   *int64
	Derivation layers.Deriv
	ShapeNote  layers.Deriv   // how the output shape follows
	Lesson     *layers.Lesson // the family's formula and why each term is there
	Config     string
	Assumed    string // what the print leaves open that the reading takes, when it matters
	Ambiguous  string
	Cause      layers.Deriv // a wrong shape above the row: what its count says about it (cause.go)
	Shared     int          // the number of calls of a shared layer (one row, one set of weights); 0 or 1 otherwise
	Weights    []layers.Weight
	Inputs     []string // names of the rows that feed it
	InputDims  []layers.Dims
	width      int64           // the output width read or inferred (0 unknown), for rows without shapes
	choices    [][]layers.Dims // inputs the row may read when its cut reference fits several rows
	choiceOf   []string        // the names of those rows
	repeats    int             // a Keras 0.x Graph output row: 1 + the index of the node row it repeats; 0 for others
	asked      bool            // the count cell holds question marks: the asker asks for the count
	answer     *int64          // the asked count, Total params less the other rows; nil when the totals do not give it
}

// StyleOf is how a table printed its counts: with thousands separators (Keras 3), without
// (Keras 1 and 2, tf.keras, TensorFlow.js), or no count large enough to tell. kexplain writes
// the numbers of that table's explanation the same way.
func StyleOf(t *grammar.Table) layers.NumStyle {
	plain := false
	for _, r := range t.Rows {
		txt := strings.TrimSpace(r.ParamsText)
		if strings.Contains(txt, ",") {
			return layers.SepComma
		}
		if r.Params != nil && *r.Params >= 1000 && txt != "" {
			plain = true
		}
	}
	if plain {
		return layers.SepNone
	}
	return layers.SepAuto
}

// restyle writes the counts of a message as the table printed its own: "163,908" becomes
// "163908" for a Keras 2 paste, "1088" becomes "1,088" for a Keras 3 one.
func restyle(msg string, style layers.NumStyle) string {
	if style == layers.SepAuto {
		return msg
	}
	return numRun().ReplaceAllStringFunc(msg, func(m string) string {
		n, err := strconv.ParseInt(strings.ReplaceAll(m, ",", ""), 10, 64)
		if err != nil {
			return m
		}
		return style.Format(n)
	})
}

// numRun is a count in a message: digits, perhaps grouped by commas, not part of a name or a
// decimal number.
var numRun = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b`) })

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
	res.Code = ExplainCodeBeside(doc.Code, res.Summaries)
	res.Flags = append(res.Flags, CompareCode(res.Summaries, res.Code)...)
	for _, e := range doc.Errors {
		// code that cannot be read (an unclosed bracket, a cut string) is a finding about the code:
		// it never makes a table's numbers wrong. Beside a table it is a code cut short (a
		// note: the code and the table are compared as far as the code goes); alone, it is
		// all there is to read.
		kind, sev := KindParse, Warning
		for _, sn := range doc.Code {
			if e.Line >= sn.StartLine && e.Line <= sn.EndLine {
				kind = KindCode
			}
		}
		if kind == KindCode && len(res.Summaries) > 0 {
			sev = Note
		}
		res.Flags = append(res.Flags, Flag{Kind: kind, Severity: sev, Line: e.Line, Message: e.Error()})
	}
	for _, n := range doc.Notes {
		// seen but no table: totals under no table, a header with nothing under it
		res.Flags = append(res.Flags, Flag{Kind: KindParse, Severity: Note, Line: n.Line, Message: n.Error()})
	}
	if doc.Picture != nil {
		judgePicture(res, doc.Picture) // picture.go
	}
	return res
}

func dimsOf(s grammar.Shape) layers.Dims {
	if s.Kind != grammar.ShapeTuple {
		return nil
	}
	return layers.Dims(s.Dims)
}

func explainTable(t *grammar.Table) *Summary {
	s := &Summary{Table: t}
	byName := make(map[string]int, len(t.Rows))
	// the rows' results in one allocation, and the list of them sized once
	results := make([]RowResult, len(t.Rows))
	if len(t.Rows) > 0 {
		s.Rows = make([]*RowResult, 0, len(t.Rows))
	}
	for i, r := range t.Rows {
		rr := &results[i]
		*rr = RowResult{Row: r, Class: layers.ResolveClass(r), Status: layers.Unknown}
		s.Rows = append(s.Rows, rr)
		if _, dup := byName[r.Name]; !dup {
			byName[r.Name] = i
		}
	}
	s.byName = byName
	functional := t.Has(grammar.ColConnected)
	graph := graph0(s)
	graphOutputs(s)
	for i, rr := range s.Rows {
		if graph {
			continue // a Graph's nodes read inputs and nodes the table does not name
		}
		rr.InputDims, rr.Inputs = inputsOf(s, i, byName, functional)
		if functional && rr.InputDims == nil {
			rr.choices, rr.choiceOf = inputChoices(s, i)
		}
		if rr.InputDims == nil && rr.choices == nil && rr.Row.Depth > 0 {
			rr.choices, rr.choiceOf = rowAbove(s, i)
		}
		if rr.InputDims == nil && rr.choices == nil && rr.Row.Depth == 0 && untoldAbove(s, i) {
			rr.choices, rr.choiceOf = rowsAboveUntold(s, i)
		}
		if rr.Class == "" {
			rr.Class = classByRank(rr.Row, rr.InputDims)
		}
		if functional && len(rr.Row.Connected) > 1 && singleInput(rr.Class) {
			rr.Shared = len(rr.Row.Connected)
		}
	}
	for i, rr := range s.Rows {
		if graph && judgeGraphRow(s, rr) {
			continue
		}
		mark := len(s.Flags)
		judgeRow(s, i, rr)
		if (rr.Status == layers.Mismatch || rr.Status == layers.Unknown) && cutByColumn(s, i, rr, mark) { // cutcount.go
			continue
		}
		if rr.Status == layers.Mismatch {
			kept := append([]Flag{}, s.Flags[mark:]...)
			s.Flags = s.Flags[:mark]
			rr.Status = layers.Mismatch
			if !rejudge(s, i, rr) && !judgeOnRealInput(s, i, rr) {
				s.Flags = append(s.Flags, kept...)
			}
		} else if rr.Status == layers.OK {
			noteRealInput(s, i, rr) // cause.go
			checkCutCount(s, rr)    // cutcount.go
		}
		s.realOut(i) // in row order: a chain of rows is followed once
	}
	nestedWeights(s)
	duplicateNames(s)
	checkTotals(s)
	defer func() {
		// every count a finding names, as the table prints its own counts
		st := s.numStyle()
		for i := range s.Flags {
			s.Flags[i].Message = restyle(s.Flags[i].Message, st)
		}
	}()
	for _, p := range t.Problems {
		// a remark on how the table was read is a note; a row, a count or a shape left unread
		// is a warning (the numbers around it cannot be checked)
		sev := Warning
		if p.Minor {
			sev = Note
		}
		s.Flags = append(s.Flags, Flag{Kind: KindParse, Severity: sev, Line: p.Line, Message: p.Error()})
	}
	return s
}

// inputsOf finds the shapes feeding row i: from Connected to in a functional table, the row's own
// Input Shape in TensorFlow.js, else the row above it (a Sequential). Nil when the table does not
// show them.
func inputsOf(s *Summary, i int, byName map[string]int, functional bool) ([]layers.Dims, []string) {
	r := s.Rows[i].Row
	if len(r.Inputs) > 0 {
		var out []layers.Dims
		for _, sh := range r.Inputs {
			out = append(out, dimsOf(sh))
		}
		return out, nil
	}
	if functional {
		if len(r.Connected) == 0 {
			return nil, nil
		}
		var out []layers.Dims
		var names []string
		seen := map[[3]int]bool{}
		firstNode := -2
		for _, c := range r.Connected {
			j, ok := findRow(s, byName, c.Layer)
			if ok && s.Rows[j].Row.Name != c.Layer && (j >= i || rowsLeftOutAbove(s, r.Line)) {
				// a reference the print cut names a layer printed above the row it feeds; a row
				// below that starts so is another layer, the one meant was left out of the paste.
				// Where rows above were left out, the one that starts so may be among them.
				ok = false
			}
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
			var d layers.Dims
			switch src.Kind {
			case grammar.ShapeTuple:
				d = layers.Dims(src.Dims)
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
	if d == 0 && untoldAbove(s, i) {
		return nil, nil // a nesting not told: the row just above, or the model's row before, may feed it
	}
	for j := i - 1; j >= 0; j-- {
		p := s.Rows[j].Row
		if s.Rows[j+1].Row.AfterGap {
			return nil, nil // rows were left out between them: the row above need not feed this one
		}
		if p.Depth == d {
			return []layers.Dims{dimsOf(p.Output)}, []string{p.Name}
		}
		if p.Depth < d {
			return s.Rows[j].InputDims, s.Rows[j].Inputs
		}
	}
	if i == 0 && s.Table.Input.Kind == grammar.ShapeTuple {
		return []layers.Dims{layers.Dims(s.Table.Input.Dims)}, nil // Keras 0.x "Initial input shape"
	}
	return nil, nil
}

// inputChoices lists the rows a cut reference may name when several fit it ("max_pooling2d…"
// fits max_pooling2d, max_pooling2d_1 and max_pooling2d_2): the rows before row i whose names
// start so, nearest first, each with its output shape.
func inputChoices(s *Summary, i int) ([][]layers.Dims, []string) {
	r := s.Rows[i].Row
	if len(r.Connected) != 1 {
		return nil, nil
	}
	c := r.Connected[0]
	prefix := strings.TrimSuffix(c.Layer, "…")
	if prefix == "" || !c.Cut && !strings.HasSuffix(c.Layer, "…") && s.Table.Format != grammar.Keras2 && s.Table.Format != grammar.TFJS {
		return nil, nil
	}
	var dims [][]layers.Dims
	var names []string
	for j := i - 1; j >= 0 && len(names) < 8; j-- {
		p := s.Rows[j].Row
		if p.Depth != r.Depth || !strings.HasPrefix(p.Name, prefix) || p.Output.Kind != grammar.ShapeTuple {
			continue
		}
		dims = append(dims, []layers.Dims{layers.Dims(p.Output.Dims)})
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return nil, nil
	}
	return dims, names
}

// consumerInput is the output of row i read off the rows it feeds, when its own cell says only
// "multiple" (a layer called more than once): the input shape a TensorFlow.js row prints for
// the first tensor it takes from row i.
func consumerInput(s *Summary, i int) layers.Dims {
	name := s.Rows[i].Row.Name
	for _, rr := range s.Rows[i+1:] {
		for k, c := range rr.Row.Connected {
			if c.Layer == name && k < len(rr.Row.Inputs) && rr.Row.Inputs[k].Kind == grammar.ShapeTuple {
				return layers.Dims(rr.Row.Inputs[k].Dims)
			}
		}
	}
	return nil
}

// rowAbove offers the row above (at the same depth) as the input of a row of a nested model
// whose print does not link its rows: the row that most often feeds it. The reading takes it
// only when it gives the printed count and shape.
func rowAbove(s *Summary, i int) ([][]layers.Dims, []string) {
	d := s.Rows[i].Row.Depth
	for j := i - 1; j >= 0; j-- {
		p := s.Rows[j].Row
		if p.Depth < d {
			return nil, nil
		}
		if p.Depth == d {
			if p.Output.Kind != grammar.ShapeTuple {
				return nil, nil
			}
			return [][]layers.Dims{{layers.Dims(p.Output.Dims)}}, []string{p.Name}
		}
	}
	return nil, nil
}

// untoldAbove reports a top-level row of a chain whose feeder the print does not tell: the row
// itself, or the first top-level row above it, stands indented with no tree mark and could not be
// placed (grammar.Row.Indented at depth 0): it may be a nested model's layer, or the model's own.
func untoldAbove(s *Summary, i int) bool {
	if s.Rows[i].Row.Indented {
		return true
	}
	for j := i - 1; j >= 0; j-- {
		if p := s.Rows[j].Row; p.Depth == 0 {
			return p.Indented
		}
	}
	return false
}

// rowsAboveUntold offers the inputs of a row that untoldAbove reports: the row printed just above
// it, as for a nested model's layer, and the row before it at the top level that is placed, as
// for a model's own layer. The reading takes one only when it gives the printed count and shape.
func rowsAboveUntold(s *Summary, i int) ([][]layers.Dims, []string) {
	var dims [][]layers.Dims
	var names []string
	add := func(p *grammar.Row) {
		if p.Output.Kind == grammar.ShapeTuple {
			dims = append(dims, []layers.Dims{layers.Dims(p.Output.Dims)})
			names = append(names, p.Name)
		}
	}
	if i == 0 || s.Rows[i].Row.AfterGap {
		return nil, nil
	}
	add(s.Rows[i-1].Row)
	for j := i - 1; j >= 0; j-- {
		p := s.Rows[j].Row
		if p.Depth == 0 && !p.Indented {
			if j != i-1 {
				add(p)
			}
			break
		}
		if s.Rows[j].Row.AfterGap {
			break
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	return dims, names
}

// singleInput reports whether a class takes one input, so that a row of it listing several
// connections is one layer called several times (shared).
func singleInput(class string) bool {
	sp := layers.Lookup(class)
	if sp == nil {
		return false
	}
	switch sp.Family {
	case "core", "convolution", "recurrent", "normalization", "pooling", "reshaping", "activation", "regularization":
		return class != "RNN" && class != "InputLayer"
	}
	return false
}

// rawInput reports whether row i reads the model's own input: the first top-level row of a
// Sequential, or a row fed only by InputLayer rows.
func rawInput(s *Summary, i int, rr *RowResult, byName map[string]int) bool {
	if rr.Row.Depth != 0 {
		return false
	}
	if len(rr.Inputs) > 0 {
		for _, n := range rr.Inputs {
			if j, ok := byName[n]; !ok || s.Rows[j].Class != "InputLayer" {
				return false
			}
		}
		return true
	}
	if s.Functional() {
		return false
	}
	return i == s.firstTop()
}

// firstTop is the index of the first top-level row.
func (s *Summary) firstTop() int {
	for j, rr := range s.Rows {
		if rr.Row.Depth == 0 {
			return j
		}
	}
	return -1
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
		if f := s.Table.Format; f != grammar.Keras2 && f != grammar.Keras1 && f != grammar.TFJS {
			// the other layouts mark a cut name with "…": one without is whole ("input_layer[0…"
			// cuts the index, not the name), and no other row is the one it names
			return 0, false
		}
	}
	if s.names == nil {
		s.names = make([]nameAt, 0, len(s.Rows))
		for j, rr := range s.Rows {
			s.names = append(s.names, nameAt{rr.Row.Name, j})
		}
		// rows of one name may come in either order: a prefix two rows start with finds neither
		slices.SortFunc(s.names, func(a, b nameAt) int { return strings.Compare(a.name, b.name) })
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
	o := &layers.Obs{Class: rr.Class, Name: r.Name, Format: s.Table.Format, In: rr.InputDims, Out: dimsOf(r.Output),
		Params: r.Params, Unbuilt: r.Unbuilt, Frozen: r.Trainable == "N", RawInput: rawInput(s, i, rr, s.byName), InChoices: rr.choices}
	if r.Output.Kind == grammar.ShapeMultiple {
		o.Out = consumerInput(s, i)
	}
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
		rr.Status, rr.Expected = layers.OK, &zero
		rr.Derivation = layers.D("not built yet: no weights, 0")
		return
	}
	if modelClasses[rr.Class] || (rr.Class == "" && isApplicationName(r.Name)) {
		judgeModelRow(s, i, rr)
		return
	}
	spec := layers.Lookup(rr.Class)
	if spec == nil && rr.Class == "" && allWeightless(r.TypeText) {
		// "GlobalAveragePo…": whichever of the classes it is, none has weights
		zero := int64(0)
		rr.Expected = &zero
		if r.Params != nil && *r.Params != 0 {
			rr.Status = layers.Mismatch
			rr.Derivation = layers.D("every class that starts " + strings.TrimSuffix(r.TypeText, "…") + " has no weights: 0")
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
				Message: "no " + strings.TrimSuffix(r.TypeText, "…") + "… layer has weights, so its count is 0, not " + layers.Num(*r.Params)})
			return
		}
		rr.Status = layers.OK
		rr.Derivation = layers.D("no weights (every class that starts " + strings.TrimSuffix(r.TypeText, "…") + " has none), 0")
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
		if base, top, ok := layers.ApplicationByCount(*r.Params); ok {
			p := *r.Params
			rr.Status, rr.Expected = layers.OK, &p
			what := "without top"
			if top {
				what = "with its top"
			}
			rr.Derivation = layers.D("a TensorFlow Hub layer: {} is the count of keras.applications."+base+" "+what, p)
			return
		}
	}
	if spec == nil {
		rr.Status = layers.Unknown
		if rr.Class == "" {
			rr.Derivation = layers.D("the class is not shown, so the count cannot be checked")
		} else {
			rr.Derivation = layers.D(rr.Class + " is not a layer kexplain knows (a custom layer?)")
		}
		return
	}
	var v layers.Verdict
	keras10 := s.Table.Format == grammar.Keras1 || s.Table.Totals.Total != nil && s.Table.Totals.Trainable == nil
	if r.Params != nil && *r.Params == 0 && alwaysWeights[spec.Class] && keras10 && s.Table.Totals.Trainable == nil {
		zero := int64(0)
		rr.Status, rr.Expected = layers.OK, &zero
		rr.Derivation = layers.D("a frozen layer: Keras 1.0.7–1.1.2 rows count trainable weights only, 0")
		return
	}
	if r.Params != nil && *r.Params == 0 && alwaysWeights[spec.Class] && !keras10 {
		// Keras 1.0.7–1.1.2 print 0 for a frozen layer; every later era prints its weights
		// (or "0 (unbuilt)" / "0 (unused)" before it has any)
		applyVerdict(s, rr, layers.Verdict{Status: layers.Mismatch, Message: "a built " + spec.Class + " always has weights, so its count cannot be 0"})
		return
	}
	if spec.Explain != nil {
		v = layers.Judge(spec, o)
	}
	if v.Status == layers.Unknown && r.Params != nil && (len(o.In) == 0 || o.In[0] == nil) {
		if f := layers.FallbackFit(spec.Class, o); f != nil {
			v = layers.Verdict{Status: layers.OK, Fit: f}
		}
	}
	if v.Status == layers.Unknown && o.Out == nil && r.Params != nil {
		if f := layers.UnshapedFit(spec.Class, *r.Params, prevWidth(s, i)); f != nil {
			v = layers.Verdict{Status: layers.OK, Fit: f}
			rr.width = unitsOf(f)
		}
	}
	if v.Status == layers.Mismatch && wrappers[spec.Class] {
		// a wrapper can hold any layer (a nested model, a custom cell, another backward layer):
		// that no standard inner layer fits does not make the count impossible
		v = layers.Verdict{Status: layers.Unknown, Fit: v.Fit}
		if v.Fit != nil {
			v.Fit = nil
		}
		rr.Derivation = layers.D("no standard inner layer gives this count; the wrapped layer is not shown")
	}
	if spec.Weightless {
		zero := int64(0)
		if v.Fit == nil {
			v.Fit = &layers.Fit{Params: 0, Derivation: layers.D("no weights")}
		}
		if r.Params != nil && *r.Params != 0 {
			v = layers.Verdict{Status: layers.Mismatch, Fit: &layers.Fit{Params: 0, Derivation: layers.D(rr.Class + " has no weights: 0")},
				Message: rr.Class + " never has weights, so its count is 0, not " + layers.Num(*r.Params)}
		} else {
			v.Status = layers.OK
			v.Fit.Params = zero
		}
	}
	if v.Status == layers.OK {
		if msg := shapeProblem(spec.Class, o); msg != "" {
			v.Status = layers.Mismatch
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
func unitsOf(f *layers.Fit) int64 {
	if len(f.Weights) == 0 {
		return 0
	}
	w := f.Weights[len(f.Weights)-1].Shape
	if len(w) == 0 {
		return 0
	}
	return w[len(w)-1]
}

func applyVerdict(s *Summary, rr *RowResult, v layers.Verdict) {
	rr.Status = v.Status
	if rr.Status == "" {
		rr.Status = layers.Unknown
	}
	rr.ShapeNote = v.Shape
	if v.Fit == nil && rr.Status == layers.Unknown && v.Message != "" && len(rr.Derivation) == 0 {
		rr.Derivation = layers.Say(v.Message) // an unknown says why
	}
	if v.Fit != nil {
		p := v.Fit.Params
		rr.Expected = &p
		rr.Derivation = v.Fit.Derivation
		rr.Weights = v.Fit.Weights
		rr.Config = v.Fit.Config
		rr.Ambiguous = v.Fit.Ambiguous
		rr.Assumed = v.Fit.Assumed
		rr.Lesson = v.Fit.Lesson
		if k := v.Fit.InChoice; k > 0 && k <= len(rr.choices) {
			rr.InputDims, rr.Inputs = rr.choices[k-1], []string{rr.choiceOf[k-1]}
			what := ""
			switch {
			case len(rr.Row.Connected) == 1 && len(rr.choices) > 1:
				what = "the print cuts the input's name (" + rr.Row.Connected[0].Layer + "): " + rr.choiceOf[k-1] + " is the row that fits"
			case len(rr.Row.Connected) == 0:
				what = "the print does not say what feeds this row: read as the row above, " + rr.choiceOf[k-1]
			}
			if what != "" {
				if rr.Assumed != "" {
					what += "; " + strings.TrimPrefix(rr.Assumed, "read as ")
				}
				rr.Assumed = what
			}
		}
		if len(v.Fit.Shape) > 0 {
			rr.ShapeNote = v.Fit.Shape
		}
	}
	if rr.Status == layers.Mismatch {
		msg := v.Message
		if msg == "" {
			msg = "no " + rr.Class + " configuration gives this count"
		}
		// the nearest counts a configuration gives, nearest first, each with its arithmetic and
		// how far it is from the print
		var alts []string
		if rr.Row.Params != nil {
			p := *rr.Row.Params
			near := append([]layers.Fit{}, v.Nearest...)
			sort.SliceStable(near, func(i, j int) bool { return abs64(near[i].Params-p) < abs64(near[j].Params-p) })
			seen := map[int64]bool{p: true}
			for _, f := range near {
				if len(alts) >= 3 || seen[f.Params] {
					continue
				}
				seen[f.Params] = true
				d := f.Derivation.Format(s.numStyle())
				how := "more"
				if f.Params < p {
					how = "less"
				}
				if !strings.Contains(d, f.Config) {
					d += label(f.Config)
				}
				alts = append(alts, d+", "+layers.Num(abs64(f.Params-p))+" "+how)
			}
		}
		msg = restyle(msg, s.numStyle())
		if len(alts) > 0 {
			msg += "; nearest: " + restyle(strings.Join(alts, "; "), s.numStyle())
		}
		s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: rr.Row.Line, Layer: rr.Row.Name, Message: msg})
	}
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
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
	var parts []layers.Expr
	// the nested rows end before the table does, or the print's frame is whole (a retyped table
	// may leave out the last nested rows whatever its frame)
	closed := s.Table.Framed && !s.Table.Retyped
	for j := i + 1; j < len(s.Rows); j++ {
		c := s.Rows[j].Row
		if c.Depth <= r.Depth {
			closed = true
			if c.AfterGap || c.Indented && c.Depth == 0 {
				// the rows left out before it may be the last nested ones; a row whose nesting is
				// not told (indented, no tree mark) may be one itself
				complete = false
			}
			break
		}
		if c.AfterGap {
			complete = false // rows left out among the nested ones
		}
		if c.Depth == r.Depth+1 {
			n++
			if c.Params == nil {
				complete = false
			} else {
				var fits bool
				if sum, fits = addFits(sum, *c.Params); !fits {
					complete = false
				} else if *c.Params != 0 {
					parts = append(parts, layers.N(*c.Params))
				}
			}
		}
	}
	if n > 0 && complete && closed {
		rr.Expected = &sum
		switch {
		case len(parts) >= 2 && len(parts) <= 12:
			rr.Derivation = layers.D("the sum of its {} layers below: ", int64(n)).Then("", layers.Equation(layers.Add(parts...), layers.N(sum)))
		default:
			rr.Derivation = layers.D("the sum of its {} layers below: {}", int64(n), sum)
		}
		if r.Params != nil && *r.Params == sum {
			rr.Status = layers.OK
		} else if r.Params != nil {
			rr.Status = layers.Mismatch
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
				Message: "the nested model's count " + layers.Num(*r.Params) + " is not the sum of its layers, " + layers.Num(sum)})
		}
		return
	}
	if total, nonTrain, d, ok := appCount(r.Name, dimsOf(r.Output)); ok {
		rr.Expected = &total
		rr.Derivation = d
		if r.Params == nil || *r.Params == total {
			rr.Status = layers.OK
			rr.Config = "non-trainable " + layers.Num(nonTrain) + " (batch statistics)"
			return
		}
		class, features, _ := layers.ApplicationBase(r.Name, dimsOf(r.Output))
		out := dimsOf(r.Output)
		featureMap := out == nil || out.Last() == features || out.Last() == 1000
		if !sureApplications[class] || !featureMap {
			// another variant (classes, alpha, a version we have not checked): cannot judge
			rr.Status = layers.Unknown
			rr.Derivation = d.Then("; ", layers.D("this row has {}: another variant of the base?", *r.Params))
			return
		}
		rr.Status = layers.Mismatch
		s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
			Message: "keras.applications." + class + " has " + layers.Num(total) + " weights, not " + layers.Num(*r.Params)})
		return
	}
	if r.Params != nil {
		p := *r.Params
		rr.Expected = &p
		rr.Status = layers.OK
		rr.Derivation = layers.D("a nested model: {} is the sum of its own layers, which this table does not list", p)
		if n > 0 {
			// the rows under it stop (or skip) before its own do: the paste was cut there
			rr.Derivation = layers.D("a nested model: {} is the sum of its own layers; the table shows {} of them and was cut before the rest", p, int64(n))
		}
	}
}

// isApplicationName reports whether a row's name is that of a keras.applications base.
func isApplicationName(name string) bool {
	_, _, _, ok := appCount(name, nil)
	return ok
}

// appCount is the count of a keras.applications base (ApplicationCount).
var appCount = layers.ApplicationCount

// sureApplications are the bases whose counts have been checked against real summaries often
// enough to call another count wrong; for the others a different count is left unknown.
var sureApplications = map[string]bool{"VGG16": true, "VGG19": true, "ResNet50": true, "ResNet101": true, "ResNet152": true,
	"ResNet50V2": true, "ResNet101V2": true, "ResNet152V2": true, "InceptionV3": true, "InceptionResNetV2": true,
	"Xception": true, "MobileNet": true, "MobileNetV2": true, "EfficientNetB0": true, "EfficientNetB1": true,
	"EfficientNetB2": true, "EfficientNetB3": true, "EfficientNetB4": true, "EfficientNetB5": true,
	"EfficientNetB6": true, "EfficientNetB7": true, "DenseNet121": true, "DenseNet169": true, "DenseNet201": true}

// classByRank completes a cut class whose candidates differ only in rank
// ("GlobalAveragePool…" is GlobalAveragePooling1D on a 3-D input, 2D on a 4-D one).
func classByRank(r *grammar.Row, in []layers.Dims) string {
	frag := strings.TrimSuffix(r.TypeText, "…")
	if frag == "" || len(in) == 0 || in[0] == nil {
		return ""
	}
	rank := len(in[0])
	found := ""
	for _, c := range layers.Classes() {
		if !strings.HasPrefix(c, frag) || layers.Lookup(c).Class != c {
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

// guessOrder lists the classes tried for a row whose class the print does not show (a
// TensorFlow.js layer with a long custom name).
var guessOrder = []string{"Dense", "Conv2D", "Conv1D", "Conv3D", "Conv2DTranspose", "Conv1DTranspose", "Conv3DTranspose",
	"SeparableConv2D", "SeparableConv1D", "DepthwiseConv2D", "DepthwiseConv1D", "BatchNormalization", "LayerNormalization",
	"Embedding", "LSTM", "GRU", "SimpleRNN", "ConvLSTM2D", "PReLU"}

// rankClass ranks the guessed classes by the output's rank: a vector per sample is most often a
// Dense's, an image a Conv2D's, a sequence a Conv1D's or a recurrent layer's.
func rankClass(class string, rank int) int {
	first := map[int]map[string]int{
		2: {"Dense": 0, "LSTM": 1, "GRU": 1, "SimpleRNN": 2, "BatchNormalization": 2, "LayerNormalization": 2},
		3: {"Conv1D": 0, "Dense": 1, "LSTM": 1, "GRU": 1, "Embedding": 1, "SimpleRNN": 2, "BatchNormalization": 2, "LayerNormalization": 2},
		4: {"Conv2D": 0, "DepthwiseConv2D": 2, "SeparableConv2D": 2, "Conv2DTranspose": 2, "BatchNormalization": 2, "Dense": 3},
		5: {"Conv3D": 0, "ConvLSTM2D": 1, "Conv3DTranspose": 2, "BatchNormalization": 2, "Dense": 3},
	}[rank]
	if c, ok := first[class]; ok {
		return c
	}
	return 4
}

// nameHints are words people put in a layer's name that say its family: a layer named
// "batch_norm_after_conv" is a BatchNormalization, "dwconv_1" a depthwise convolution.
var nameHints = []struct {
	word    string
	classes []string
}{
	{"dwconv", []string{"DepthwiseConv2D", "DepthwiseConv1D"}}, {"depthwise", []string{"DepthwiseConv2D", "DepthwiseConv1D"}},
	{"sepconv", []string{"SeparableConv2D", "SeparableConv1D"}}, {"separable", []string{"SeparableConv2D", "SeparableConv1D"}},
	{"deconv", []string{"Conv2DTranspose", "Conv1DTranspose", "Conv3DTranspose"}}, {"transpose", []string{"Conv2DTranspose", "Conv1DTranspose", "Conv3DTranspose"}},
	{"conv", []string{"Conv2D", "Conv1D", "Conv3D"}}, {"batch_norm", []string{"BatchNormalization"}}, {"batchnorm", []string{"BatchNormalization"}},
	{"bn", []string{"BatchNormalization"}}, {"layer_norm", []string{"LayerNormalization"}}, {"layernorm", []string{"LayerNormalization"}},
	{"embed", []string{"Embedding"}}, {"lstm", []string{"LSTM"}}, {"gru", []string{"GRU"}},
	{"recurrent", []string{"LSTM", "GRU", "SimpleRNN"}}, {"rnn", []string{"SimpleRNN", "LSTM", "GRU"}},
	{"dense", []string{"Dense"}}, {"fully_connected", []string{"Dense"}}, {"fc", []string{"Dense"}}, {"linear", []string{"Dense"}},
}

// nameHint is −3 when the layer's name has a word of the class's family, else 0; the longest
// word that matches decides ("dwconv" before "conv").
func nameHint(name, class string) int {
	n := strings.ToLower(name)
	for _, h := range nameHints {
		if !strings.Contains(n, h.word) {
			continue
		}
		for _, c := range h.classes {
			if c == class {
				return -3
			}
		}
		return 0
	}
	return 0
}

// guessClass explains a row whose class is not shown: a count of 0 needs no weights; otherwise
// the class whose most plausible configuration on the shown input reproduces the count and
// shape, ranked with the output's rank and the words of the layer's name. The status is ok only
// when one does, and the derivation says the class was inferred.
func guessClass(s *Summary, rr *RowResult, o *layers.Obs) {
	r := rr.Row
	if r.Params != nil && *r.Params == 0 {
		zero := int64(0)
		rr.Status, rr.Expected = layers.OK, &zero
		rr.Derivation = layers.Say("no weights (the class is not shown: a layer such as pooling, dropout or reshaping)")
		return
	}
	if r.Params == nil || len(o.In) == 0 || o.In[0] == nil || o.Out == nil {
		rr.Status = layers.Unknown
		rr.Derivation = layers.Say("the class is not shown, so the count cannot be checked")
		return
	}
	best, bestCost := "", 1<<30
	for _, c := range guessOrder {
		spec := layers.Lookup(c)
		if spec == nil || spec.Readings == nil {
			continue
		}
		oo := *o
		oo.Class = c
		exact, _ := layers.Read(spec, &oo)
		if len(exact) == 0 || exact[0].Hidden {
			continue
		}
		if cost := exact[0].Cost + rankClass(c, len(o.Out)) + nameHint(r.Name, c); cost < bestCost {
			best, bestCost = c, cost
		}
	}
	order := guessOrder
	if best != "" {
		order = append([]string{best}, guessOrder...)
	}
	for _, c := range order {
		spec := layers.Lookup(c)
		if spec == nil || spec.Explain == nil {
			continue
		}
		oo := *o
		oo.Class = c
		v := layers.Judge(spec, &oo)
		if v.Status == layers.OK && v.Fit != nil && v.Fit.Params == *r.Params && v.Fit.InferredIn == nil {
			applyVerdict(s, rr, v)
			rr.Derivation = layers.Say("the class is not shown; as a "+c+": ").Then("", v.Fit.Derivation)
			rr.Config = "class inferred: " + c + label(v.Fit.Config)
			return
		}
	}
	rr.Status = layers.Unknown
	rr.Derivation = layers.Say("the class is not shown, and no common layer on this input gives this count")
}

// Functional reports whether the table is of a functional model (rows fed by Connected to),
// not a chain. Keras 1 prints Connected to for a Sequential too: a chain whose every row reads
// the row above it (the first one the automatic "<class>_input_1") is a Sequential.
func (s *Summary) Functional() bool {
	if s.isFunc != nil {
		return *s.isFunc
	}
	f := s.functional()
	s.isFunc = &f
	return f
}

// Kind names the kind of model the table prints: "Graph" (a Keras 0.x Graph), "Functional" or
// "Sequential".
func (s *Summary) Kind() string {
	switch {
	case graph0(s):
		return "Graph"
	case s.Functional():
		return "Functional"
	}
	return "Sequential"
}

func (s *Summary) functional() bool {
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
		var ws []layers.Weight
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
				ws = []layers.Weight{}
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
	for _, c := range layers.Classes() {
		if !strings.HasPrefix(c, frag) {
			continue
		}
		n++
		if sp := layers.Lookup(c); sp == nil || !sp.Weightless {
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

// sameShape are the classes whose output shape is their input's.
var sameShape = map[string]bool{"Dropout": true, "SpatialDropout1D": true, "SpatialDropout2D": true, "SpatialDropout3D": true,
	"GaussianNoise": true, "GaussianDropout": true, "AlphaDropout": true, "Activation": true, "ReLU": true, "LeakyReLU": true,
	"ELU": true, "PReLU": true, "Softmax": true, "ThresholdedReLU": true, "BatchNormalization": true,
	"LayerNormalization": true, "UnitNormalization": true, "ActivityRegularization": true, "Masking": true}

// shapeProblem checks the output shapes that follow from the input alone, whatever the layer's
// arguments: a Flatten's width is the product of its input's dims; a Dropout, an activation or a
// normalization keeps its input's shape. "" when the printed shape is possible (or either shape
// is not fully shown).
func shapeProblem(class string, o *layers.Obs) string {
	if msg := weightlessShape(class, o); msg != "" {
		return msg
	}
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
			return "a Flatten of " + layers.ShapeString(in) + " has " + layers.Num(p) + " values, not " + layers.Num(out[1])
		}
	case class == "Dense":
		// Dense maps the last axis only: every other axis stays
		if len(out) != len(in) {
			return "a Dense layer keeps the rank of its input " + layers.ShapeString(in) + ", so it cannot give " + layers.ShapeString(out)
		}
		for i := 1; i < len(in)-1; i++ {
			if out[i] > 0 && out[i] != in[i] {
				return "a Dense layer changes only the last axis of " + layers.ShapeString(in) + ", so it cannot give " + layers.ShapeString(out)
			}
		}
	case sameShape[class]:
		if len(out) != len(in) {
			return ""
		}
		for i := 1; i < len(in); i++ {
			if out[i] > 0 && out[i] != in[i] {
				return "a " + class + " keeps its input's shape " + layers.ShapeString(in) + ", not " + layers.ShapeString(out)
			}
		}
	}
	return ""
}

// judgeByBase explains a custom class whose name says which Keras layer it extends
// ("StandardizedConv2DWithCall" is a Conv2D): when that layer's rule reproduces the count the row
// is ok, said to be judged as that layer. A custom subclass may add weights of its own, so a count
// the base layer cannot give stays unknown, never a mismatch.
func judgeByBase(s *Summary, rr *RowResult, o *layers.Obs) bool {
	base := ""
	for _, c := range layers.Classes() {
		sp := layers.Lookup(c)
		if len(c) < 4 || len(c) <= len(base) || sp.Weightless || sp.Explain == nil || modelClasses[sp.Class] || !strings.Contains(rr.Class, c) {
			continue
		}
		base = c
	}
	if base == "" || rr.Row.Params == nil {
		return false
	}
	oo := *o
	oo.Class = layers.Lookup(base).Class
	v := layers.Judge(layers.Lookup(base), &oo)
	if v.Status != layers.OK || v.Fit == nil || v.Fit.Params != *rr.Row.Params {
		return false
	}
	applyVerdict(s, rr, v)
	rr.Derivation = layers.D(rr.Class+" is not a Keras layer; judged as the "+oo.Class+" its name says it extends: ").Then("", v.Fit.Derivation)
	return true
}

// rowsLeftOutAbove reports a table with rows left out above line n: cut at the top, or an elision
// mark above it.
func rowsLeftOutAbove(s *Summary, n int) bool {
	if s.Table.NoHeader {
		return true
	}
	if s.leftOut == 0 {
		s.leftOut = -1
		for _, e := range s.Table.Elided {
			if s.leftOut < 0 || e < s.leftOut {
				s.leftOut = e
			}
		}
	}
	return s.leftOut > 0 && s.leftOut < n
}
