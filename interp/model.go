package interp

import (
	"strconv"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Result is what the interpreter rebuilt from one snippet of code.
type Result struct {
	Snippet *grammar.Snippet
	Version layers.Version // the Keras the model was rebuilt as
	Model   *Model         // the model the snippet summarises (or builds last); nil when the rebuild failed
	Notes   []Note         // where the rebuild stopped or failed
	// Models are every model a printed summary of this code may show: the model at each
	// summary() call, then every model the code builds that no other model holds.
	Models []*Model
}

// Note says where and why the interpreter could not follow the code.
type Note struct {
	Line, Col int // Col 0: the note is about the whole line
	Text      string
	// Skip: code was not run here (a condition or a loop over values kexplain does not know, a
	// raise, a limit of the budget), so what the model holds may differ from what was rebuilt.
	Skip bool
}

// Model is a rebuilt model, ready to be printed as a summary: its layers in the order
// model.summary() lists them, each with its inbound nodes, shapes and weights.
type Model struct {
	Name       string
	Class      string // "Sequential", "Functional"
	Sequential bool   // printed in the 3-column layout
	Built      bool
	Rows       []*Row
	Trainable  int64 // weights counted once each
	NonTrain   int64
	Optimizer  int64 // optimizer variables, when the code builds the optimizer; else 0
	HasOpt     bool
	Summary    SummaryArgs
	Subclassed bool   // a subclassed model: its rows are the layers assigned in __init__
	Unknown    int    // top-level rows whose count is not known (Err): the totals leave them out
	SplitWhy   string // why the trainable / non-trainable split is not known ("" when it is)
	Line       int    // the code line that makes the model
	// SummaryLine is the line of the summary() call the model was printed at; 0 for the model as
	// the code leaves it.
	SummaryLine int
	// Undefined lists what the model holds that the code does not define (a value added as a
	// layer, a class or function not in the paste, its inputs, a list of layers): the model is
	// not all in the code.
	Undefined []string
}

// SummaryArgs are the arguments of the model.summary() call.
type SummaryArgs struct {
	LineLength    int // 0: the default
	ShowTrainable bool
	ExpandNested  bool
}

// Row is one layer of a rebuilt model, as one row of its summary.
type Row struct {
	Name  string
	Class string
	// Config holds the arguments the layer was constructed with: ints, floats, strings, bools, nil
	// and []any, as layers.Build reads them (a wrapped layer's entry is the interpreter's own
	// value). It is empty for what Keras makes itself: an InputLayer, an operation.
	Config    layers.Config
	Output    string        // as the version prints it: "(None, 41, 64)", "?"
	Out       []layers.Dims // the output shapes of its last call in the model; nil when not built
	Params    int64         // every weight of the layer
	Unbuilt   bool          // Keras 3 "0 (unbuilt)"
	Connected []string      // inbound nodes, "in1[0][0]"; nil for Sequential layouts, empty for inputs
	Trainable string        // "Y", "N", "-"
	Depth     int           // 1+ for rows of an expanded nested model
	Line      int           // the code line that made the layer
	Weights   []layers.Weight
	// Err says why the row's count is not known (then Params means nothing); Output may still be
	// known, in full or in part ("(None, ?, 32)").
	Err    string
	InDims [][]layers.Dims // the input shapes of each call in the model (TF.js's Input Shape)
	// Undefined: the row stands for something the code uses but does not define (a value that
	// is no layer kexplain knows, a class or function not in the paste); it may be any layer.
	Undefined   bool
	UnknownArgs []string // constructor arguments whose values the code does not give, sorted
	Op          bool     // an operation on tensors (x + y, keras.ops), not a layer the code constructs
}

// String is a note as "line:col text" (the column left out when it is 0).
func (n Note) String() string {
	if n.Col > 0 {
		return strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Col) + " " + n.Text
	}
	return strconv.Itoa(n.Line) + ": " + n.Text
}
