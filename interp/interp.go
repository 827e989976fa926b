package interp

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Reading Keras code: a small interpreter over the parsed snippet (grammar.Program) that follows
// the layers, tensors and models the code builds, builds every layer through layers.Build, and
// produces the rows that model.summary() would print, named and shaped as the Keras version the
// code is written for prints them.

// Result is what the interpreter rebuilt from one snippet of code.
type Result struct {
	Snippet *grammar.Snippet
	Version layers.Version // the Keras the model was rebuilt as
	Model   *Model         // the model the snippet summarises (or builds last); nil when the rebuild failed
	Notes   []Note         // where the rebuild stopped or failed
}

// Note says where and why the interpreter could not follow the code.
type Note struct {
	Line, Col int // Col 0: the note is about the whole line
	Text      string
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
}

// SummaryArgs are the arguments of the model.summary() call.
type SummaryArgs struct {
	LineLength    int // 0: the default
	ShowTrainable bool
	ExpandNested  bool
}

// Row is one layer of a rebuilt model, as one row of its summary.
type Row struct {
	Name      string
	Class     string
	Config    layers.Config // the arguments it was constructed with (empty for what Keras makes itself: an InputLayer, an operation)
	Output    string        // as the version prints it: "(None, 41, 64)", "?"
	Params    int64         // every weight of the layer
	Unbuilt   bool          // Keras 3 "0 (unbuilt)"
	Connected []string      // inbound nodes, "in1[0][0]"; nil for Sequential layouts, empty for inputs
	Trainable string        // "Y", "N", "-"
	Depth     int           // 1+ for rows of an expanded nested model
	Line      int           // the code line that made the layer
	Weights   []layers.Weight
	Err       string          // why the layer could not be built
	InDims    [][]layers.Dims // the input shapes of each call in the model (TF.js's Input Shape)
}

// ---- values of the interpreter ----

type (
	symVal  string // a name or attribute chain not bound in the code: "layers.Dense", "keras"
	noneVal struct{}
	listVal struct {
		items []any
		tuple bool
	}
	dictVal struct {
		keys []any
		vals []any
	}
	methodVal struct {
		recv any
		name string
	}
	optimizerVal struct {
		name string
		cfg  layers.Config
	}
	unknownVal struct{}
	lambdaVal  struct{ e *grammar.Expr }
)

// layerObj is a layer (or a model used as a layer) the code constructed.
type layerObj struct {
	class      string // canonical class: "Dense"; "Sequential"/"Functional" for models
	spec       *layers.Spec
	cfg        layers.Config
	name       string
	line       int
	trainable  bool // the layer's own flag
	ctorFrozen bool // trainable=False given to the constructor only
	nodes      []*node
	weights    []layers.Weight
	built      bool
	err        error
	model      *modelObj   // non-nil for models
	inner      *layerObj   // the wrapped layer of Bidirectional, TimeDistributed, RNN(cell)
	inShape    layers.Dims // input_shape= / batch_input_shape= / Input shape
	isInput    bool
	isOp       bool // a Keras 3 operation from an operator (x + y)
}

type node struct {
	layer   *layerObj
	index   int
	inputs  []*tensorVal
	outputs []*tensorVal
	outTree any // the output structure: *tensorVal or []any of them
}

type tensorVal struct {
	node  *node
	index int
	dims  layers.Dims
}

type modelObj struct {
	obj      *layerObj
	seq      bool
	layers   []*layerObj // Sequential: the layers added (no InputLayer)
	input    *layerObj   // Sequential: its InputLayer, once known
	last     any         // Sequential: the output of the last layer applied
	applied  int         // Sequential: how many layers are applied to the input
	inputs   []*tensorVal
	outputs  any // Functional: output structure
	opt      *optimizerVal
	optBuilt bool
	summary  *SummaryArgs
	line     int
}

// interpreter runs a program.
type interpreter struct {
	v        layers.Version
	env      map[string]any
	counters map[string]int
	models   []*modelObj
	summed   *modelObj // the model whose summary() the code calls
	stmts    []*grammar.Stmt
}

// Rebuild runs the program of a code snippet and returns the model it builds, as Keras version
// v would build it (VersionUnknown: the version the code is written for). It returns nil when
// the snippet has no program or builds no model. A failure inside the rebuild gives a Result
// with a note and no model.
func Rebuild(sn *grammar.Snippet, v layers.Version) (res *Result) {
	if sn == nil || sn.Program == nil {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			res = &Result{Snippet: sn, Notes: []Note{{Line: sn.StartLine,
				Text: "internal error while rebuilding the model from the code (please report)"}}}
		}
	}()
	return rebuild(sn.Program, sn, v)
}

// rebuild runs a parsed program and returns its model, as Keras version v would build it
// (VersionUnknown: the version the code is written for); sn may be nil.
func rebuild(prog *grammar.Program, sn *grammar.Snippet, v layers.Version) *Result {
	in := &interpreter{env: map[string]any{}, counters: map[string]int{}, stmts: prog.Stmts}
	in.v = v
	if v == layers.VersionUnknown {
		in.v = DetectVersion(prog)
	}
	in.run(0, len(prog.Stmts), 0)
	m := in.summed
	if m == nil {
		for i := len(in.models) - 1; i >= 0; i-- {
			if !in.usedAsLayer(in.models[i]) {
				m = in.models[i]
				break
			}
		}
	}
	if m == nil {
		return nil
	}
	return &Result{Snippet: sn, Version: in.v, Model: in.summarise(m)}
}

// usedAsLayer reports whether another model holds m as a layer.
func (in *interpreter) usedAsLayer(m *modelObj) bool {
	for _, o := range in.models {
		if o == m {
			continue
		}
		for _, l := range in.modelLayers(o) {
			if l == m.obj {
				return true
			}
		}
	}
	return false
}

// ---- version ----

var keras1Args = regexp.MustCompile(`^(nb_filter|nb_row|nb_col|filter_length|border_mode|subsample|subsample_length|output_dim|init|inner_init|inner_activation|dim_ordering|W_regularizer|b_regularizer|pool_length|dropout_W|dropout_U|nb_epoch)$`)

// DetectVersion decides which Keras the code is written for: Keras 1 argument names mean Keras 1,
// tensorflow.keras imports tf.keras, imports of Keras 2 module paths Keras 2; otherwise Keras 3.
func DetectVersion(prog *grammar.Program) layers.Version {
	tf, k2, k1 := false, false, false
	var walk func(e *grammar.Expr)
	walk = func(e *grammar.Expr) {
		if e == nil {
			return
		}
		if e.Kind == grammar.ExprCall {
			for _, k := range e.Kwargs {
				if keras1Args.MatchString(k.Name) && k.Name != "output_dim" || k.Name == "output_dim" && !strings.HasSuffix(e.X.Dotted(), "Embedding") {
					k1 = true
				}
				walk(k.Value)
			}
			callee := e.X.Dotted()
			last := callee[strings.LastIndexByte(callee, '.')+1:]
			if (last == "Convolution2D" || last == "Conv2D") && len(e.Items) == 3 {
				if _, ok := lit(e.Items[2]).(int64); ok {
					k1 = true
				}
			}
			if last == "Merge" {
				k1 = true
			}
			if last == "Model" && (e.Kwarg("input") != nil || e.Kwarg("output") != nil) {
				k1 = true
			}
		}
		if strings.HasPrefix(e.Dotted(), "tf.keras") {
			tf = true
		}
		walk(e.X)
		walk(e.Y)
		for _, x := range e.Items {
			walk(x)
		}
		for _, x := range e.Values {
			walk(x)
		}
	}
	for _, s := range prog.Stmts {
		switch s.Kind {
		case grammar.StmtImport:
			mods := []string{s.From}
			for _, im := range s.Imports {
				if s.From == "" {
					mods = append(mods, im.Name)
				} else if s.From == "tensorflow" && im.Name == "keras" {
					tf = true
				}
			}
			for _, m := range mods {
				switch {
				case strings.HasPrefix(m, "tensorflow.keras") || strings.HasPrefix(m, "tensorflow.python.keras") || m == "tf_keras" || strings.HasPrefix(m, "tf_keras."):
					tf = true
				case strings.HasPrefix(m, "keras.layers.") || strings.HasPrefix(m, "keras.engine") || m == "keras.utils.np_utils" ||
					strings.HasPrefix(m, "keras.legacy"):
					k2 = true
				}
			}
		}
		walk(s.Value)
		for _, t := range s.Targets {
			for _, x := range t {
				walk(x)
			}
		}
	}
	switch {
	case k1:
		return layers.Keras1
	case tf:
		return layers.TFKeras
	case k2:
		return layers.Keras2
	}
	return layers.Keras3
}

// lit is the literal value of a constant expression (numbers, strings, tuples), or nil.
func lit(e *grammar.Expr) any {
	var in interpreter
	in.env = map[string]any{}
	v := in.eval(e)
	switch v.(type) {
	case symVal, unknownVal, *layerObj, *tensorVal:
		return nil
	}
	return v
}

// ---- statements ----

// run executes statements [from, to); the body of a for loop is the statements indented under it.
func (in *interpreter) run(from, to, depth int) {
	for i := from; i < to; i++ {
		s := in.stmts[i]
		switch s.Kind {
		case grammar.StmtImport:
			for _, im := range s.Imports {
				name := im.As
				path := im.Name
				if s.From != "" {
					path = s.From + "." + im.Name
				}
				if name == "" {
					name = im.Name
					if s.From == "" {
						name = strings.SplitN(im.Name, ".", 2)[0]
						path = name
					}
				}
				if name != "*" {
					in.env[name] = symVal(path)
				}
			}
		case grammar.StmtAssign:
			v := in.eval(s.Value)
			for _, t := range s.Targets {
				in.assign(t, v)
			}
		case grammar.StmtExpr:
			in.eval(s.Value)
		case grammar.StmtFor:
			end := i + 1
			for end < to && in.stmts[end].Col > s.Col {
				end++
			}
			if depth < 8 {
				if l, ok := in.eval(s.Value).(*listVal); ok && len(l.items) <= 10000 {
					for _, it := range l.items {
						in.env[s.Var] = it
						in.run(i+1, end, depth+1)
					}
				}
			}
			i = end - 1
		}
	}
}

func (in *interpreter) assign(targets []*grammar.Expr, v any) {
	if len(targets) > 1 {
		items := in.unpack(v, len(targets))
		for k, t := range targets {
			in.assign([]*grammar.Expr{t}, items[k])
		}
		return
	}
	t := targets[0]
	switch t.Kind {
	case grammar.ExprName:
		in.env[t.Name] = v
	case grammar.ExprTuple, grammar.ExprList:
		items := in.unpack(v, len(t.Items))
		for k, x := range t.Items {
			in.assign([]*grammar.Expr{x}, items[k])
		}
	case grammar.ExprAttr:
		obj := in.eval(t.X)
		if t.Name == "trainable" {
			b, ok := v.(bool)
			if !ok {
				return
			}
			switch o := obj.(type) {
			case *layerObj:
				in.setTrainable(o, b)
			case *modelObj:
				in.setTrainable(o.obj, b)
			}
		}
	}
}

// unpack spreads a value over n targets.
func (in *interpreter) unpack(v any, n int) []any {
	out := make([]any, n)
	for k := range out {
		out[k] = unknownVal{}
	}
	if l, ok := v.(*listVal); ok {
		for k := 0; k < n && k < len(l.items); k++ {
			out[k] = l.items[k]
		}
	}
	return out
}

// setTrainable is `layer.trainable = b` after construction: it sets the flag of the layer and
// of every layer inside it.
func (in *interpreter) setTrainable(l *layerObj, b bool) {
	l.trainable = b
	l.ctorFrozen = false
	if l.inner != nil {
		in.setTrainable(l.inner, b)
	}
	if l.model != nil {
		for _, x := range in.modelLayers(l.model) {
			in.setTrainable(x, b)
		}
	}
}

// ---- expressions ----

func (in *interpreter) eval(e *grammar.Expr) any {
	if e == nil {
		return unknownVal{}
	}
	switch e.Kind {
	case grammar.ExprInt:
		return e.Int
	case grammar.ExprFloat:
		return e.Float
	case grammar.ExprString:
		return e.Str
	case grammar.ExprName:
		switch e.Name {
		case "None":
			return noneVal{}
		case "True":
			return true
		case "False":
			return false
		}
		if v, ok := in.env[e.Name]; ok {
			return v
		}
		return symVal(e.Name)
	case grammar.ExprTuple, grammar.ExprList:
		l := &listVal{tuple: e.Kind == grammar.ExprTuple}
		for _, x := range e.Items {
			l.items = append(l.items, in.eval(x))
		}
		return l
	case grammar.ExprDict:
		d := &dictVal{}
		for k := range e.Items {
			d.keys = append(d.keys, in.eval(e.Items[k]))
			d.vals = append(d.vals, in.eval(e.Values[k]))
		}
		return d
	case grammar.ExprAttr:
		return in.attr(in.eval(e.X), e.Name)
	case grammar.ExprIndex:
		return in.index(in.eval(e.X), e.Items)
	case grammar.ExprUnary:
		x := in.eval(e.X)
		switch e.Name {
		case "-":
			switch n := x.(type) {
			case int64:
				return -n
			case float64:
				return -n
			}
		case "+":
			return x
		case "not":
			if b, ok := x.(bool); ok {
				return !b
			}
		}
		return unknownVal{}
	case grammar.ExprBinary:
		return in.binary(e.Name, in.eval(e.X), in.eval(e.Y), e.Line)
	case grammar.ExprCall:
		return in.call(e)
	case grammar.ExprLambda:
		return &lambdaVal{e: e}
	case grammar.ExprCond:
		return unknownVal{}
	}
	return unknownVal{}
}

func (in *interpreter) binary(op string, x, y any, line int) any {
	a, aok := x.(int64)
	b, bok := y.(int64)
	if aok && bok {
		switch op {
		case "+":
			return a + b
		case "-":
			return a - b
		case "*":
			return a * b
		case "//":
			if b != 0 {
				q := a / b
				if (a%b != 0) && ((a < 0) != (b < 0)) {
					q--
				}
				return q
			}
		case "%":
			if b != 0 {
				return ((a % b) + b) % b
			}
		case "**":
			if b >= 0 && b < 63 {
				r := int64(1)
				for k := int64(0); k < b; k++ {
					r *= a
				}
				return r
			}
		case "/":
			if b != 0 {
				return float64(a) / float64(b)
			}
		}
		return unknownVal{}
	}
	fa, faok := toFloat(x)
	fb, fbok := toFloat(y)
	if faok && fbok {
		switch op {
		case "+":
			return fa + fb
		case "-":
			return fa - fb
		case "*":
			return fa * fb
		case "/":
			if fb != 0 {
				return fa / fb
			}
		}
		return unknownVal{}
	}
	if la, ok := x.(*listVal); ok {
		if lb, ok := y.(*listVal); ok && op == "+" {
			return &listVal{items: append(append([]any{}, la.items...), lb.items...), tuple: la.tuple}
		}
		if bok && op == "*" && b >= 0 && b <= 1000 {
			out := &listVal{tuple: la.tuple}
			for k := int64(0); k < b; k++ {
				out.items = append(out.items, la.items...)
			}
			return out
		}
	}
	// operators on symbolic tensors: Keras 3 records them as operations
	ta, tok := x.(*tensorVal)
	tb, tbok := y.(*tensorVal)
	if tok || tbok {
		cls := map[string]string{"+": "Add", "-": "Subtract", "*": "Multiply", "/": "TrueDivide", "@": "Matmul"}[op]
		if cls == "" {
			return unknownVal{}
		}
		var ins []*tensorVal
		if tok {
			ins = append(ins, ta)
		}
		if tbok {
			ins = append(ins, tb)
		}
		l := &layerObj{class: cls, cfg: layers.Config{}, line: line, trainable: true, isOp: true, name: in.autoName(cls)}
		if in.v != layers.Keras3 {
			l.name = in.autoName("TFOpLambda")
		}
		out := buildBroadcastDims(ins)
		nd := &node{layer: l, inputs: ins}
		t := &tensorVal{node: nd, dims: out}
		nd.outputs = []*tensorVal{t}
		nd.outTree = t
		l.nodes = append(l.nodes, nd)
		l.built = true
		return t
	}
	return unknownVal{}
}

func buildBroadcastDims(ins []*tensorVal) layers.Dims {
	var ds []layers.Dims
	for _, t := range ins {
		ds = append(ds, t.dims)
	}
	out, _, err := layers.Lookup("Add").Build(nil, ds)
	if err != nil || len(out) == 0 {
		return ins[0].dims
	}
	return out[0]
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func (in *interpreter) attr(x any, name string) any {
	switch o := x.(type) {
	case symVal:
		return symVal(string(o) + "." + name)
	case *layerObj:
		if o.model != nil {
			return in.modelAttr(o.model, name)
		}
		switch name {
		case "output":
			if len(o.nodes) > 0 {
				return o.nodes[len(o.nodes)-1].outTree
			}
		case "input":
			if len(o.nodes) > 0 && len(o.nodes[0].inputs) > 0 {
				return o.nodes[0].inputs[0]
			}
		case "trainable":
			return o.trainable
		}
		return methodVal{recv: o, name: name}
	case *modelObj:
		return in.modelAttr(o, name)
	case *tensorVal:
		if name == "shape" {
			l := &listVal{tuple: true}
			for _, d := range o.dims {
				if d < 0 {
					l.items = append(l.items, noneVal{})
				} else {
					l.items = append(l.items, d)
				}
			}
			return l
		}
	case methodVal:
		if o.name == "optimizer" {
			return methodVal{recv: o.recv, name: "optimizer." + name}
		}
	}
	return unknownVal{}
}

func (in *interpreter) modelAttr(m *modelObj, name string) any {
	switch name {
	case "layers":
		l := &listVal{}
		for _, x := range in.modelLayers(m) {
			l.items = append(l.items, x)
		}
		return l
	case "output":
		return in.modelOutput(m)
	case "outputs":
		out := in.modelOutput(m)
		if l, ok := out.(*listVal); ok {
			return l
		}
		return &listVal{items: []any{out}}
	case "input":
		if m.seq {
			in.seqBuild(m)
			if m.input != nil && len(m.input.nodes) > 0 {
				return m.input.nodes[0].outTree
			}
			return unknownVal{}
		}
		if len(m.inputs) == 1 {
			return m.inputs[0]
		}
		l := &listVal{}
		for _, t := range m.inputs {
			l.items = append(l.items, t)
		}
		return l
	case "trainable":
		return m.obj.trainable
	}
	return methodVal{recv: m, name: name}
}

// modelLayers is model.layers: for a Sequential the layers added, for a Functional its
// operations that are layers (InputLayers included), in graph order.
func (in *interpreter) modelLayers(m *modelObj) []*layerObj {
	if m.seq {
		return m.layers
	}
	var out []*layerObj
	for _, l := range in.functionalOrder(m) {
		if !l.isOp {
			out = append(out, l)
		}
	}
	return out
}

func (in *interpreter) index(x any, subs []*grammar.Expr) any {
	if len(subs) != 1 {
		return unknownVal{}
	}
	l, ok := x.(*listVal)
	if !ok {
		if t, ok := x.(*tensorVal); ok {
			_ = t
		}
		return unknownVal{}
	}
	s := subs[0]
	n := int64(len(l.items))
	norm := func(v any, def int64) int64 {
		i, ok := v.(int64)
		if !ok {
			return def
		}
		if i < 0 {
			i += n
		}
		if i < 0 {
			i = 0
		}
		if i > n {
			i = n
		}
		return i
	}
	if s.Kind == grammar.ExprSlice {
		lo, hi := int64(0), n
		if s.X != nil {
			lo = norm(in.eval(s.X), 0)
		}
		if s.Y != nil {
			hi = norm(in.eval(s.Y), n)
		}
		out := &listVal{tuple: l.tuple}
		if lo < hi {
			out.items = append(out.items, l.items[lo:hi]...)
		}
		return out
	}
	i, ok := in.eval(s).(int64)
	if !ok {
		return unknownVal{}
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return unknownVal{}
	}
	return l.items[i]
}

// ---- calls ----

// codeClass resolves a callee to a known class: the last part of a dotted name that the
// registry (or the model API) knows.
func codeClass(path string) string {
	last := path[strings.LastIndexByte(path, '.')+1:]
	switch last {
	case "Sequential", "Model", "Functional", "Input", "InputLayer":
		return last
	}
	if strings.Contains(path, "optimizers.") {
		return ""
	}
	if layers.Lookup(last) != nil || cellClasses[last] || codeOnly[last] {
		return last
	}
	return ""
}

// keras1Classes are the Keras 1 names of classes that Keras 2 renamed.
var keras1Classes = map[string]string{"Conv1D": "Convolution1D", "Conv2D": "Convolution2D", "Conv3D": "Convolution3D",
	"SeparableConv2D": "SeparableConvolution2D", "Conv2DTranspose": "Deconvolution2D"}

// mergeHelpers are the functional forms of the merging layers.
var mergeHelpers = map[string]string{"add": "Add", "subtract": "Subtract", "multiply": "Multiply", "average": "Average",
	"maximum": "Maximum", "minimum": "Minimum", "concatenate": "Concatenate", "dot": "Dot"}

var cellClasses = map[string]bool{"LSTMCell": true, "GRUCell": true, "SimpleRNNCell": true}

// codeOnly are classes the code can construct that no summary row judges (or that print under
// another name).
var codeOnly = map[string]bool{}

var optimizerNames = map[string]bool{"Adam": true, "AdamW": true, "Nadam": true, "Lamb": true, "Adamax": true,
	"RMSprop": true, "SGD": true, "Adagrad": true, "Adadelta": true, "Ftrl": true, "Lion": true, "Adafactor": true}

func (in *interpreter) call(e *grammar.Expr) any {
	callee := in.eval(e.X)
	switch c := callee.(type) {
	case symVal:
		path := string(c)
		last := path[strings.LastIndexByte(path, '.')+1:]
		if optimizerNames[last] && (strings.Contains(path, "optimizers") || in.env[last] != nil) {
			return &optimizerVal{name: strings.ToLower(last), cfg: in.kwargs(e)}
		}
		switch last {
		case "range":
			return in.rangeOf(e)
		case "len":
			if len(e.Items) == 1 {
				if l, ok := in.eval(e.Items[0]).(*listVal); ok {
					return int64(len(l.items))
				}
			}
			return unknownVal{}
		case "list", "tuple":
			if len(e.Items) == 1 {
				return in.eval(e.Items[0])
			}
			return &listVal{}
		}
		if cls := codeClass(path); cls != "" {
			return in.construct(cls, e)
		}
		if cls := mergeHelpers[last]; cls != "" && len(e.Items) > 0 {
			// layers.add([a, b]) makes an Add layer and applies it
			ctor := &grammar.Expr{Kind: grammar.ExprCall, Line: e.Line, Col: e.Col, X: e.X, Kwargs: e.Kwargs, Items: e.Items[1:]}
			l, ok := in.construct(cls, ctor).(*layerObj)
			if !ok {
				return unknownVal{}
			}
			return in.applyTensors(l, flattenTensors(in.eval(e.Items[0])), nil)
		}
		return unknownVal{}
	case *layerObj:
		return in.apply(c, e)
	case *modelObj:
		return in.apply(c.obj, e)
	case methodVal:
		return in.method(c, e)
	}
	return unknownVal{}
}

func (in *interpreter) rangeOf(e *grammar.Expr) any {
	var a []int64
	for _, x := range e.Items {
		n, ok := in.eval(x).(int64)
		if !ok {
			return unknownVal{}
		}
		a = append(a, n)
	}
	lo, hi, st := int64(0), int64(0), int64(1)
	switch len(a) {
	case 1:
		hi = a[0]
	case 2:
		lo, hi = a[0], a[1]
	case 3:
		lo, hi, st = a[0], a[1], a[2]
	default:
		return unknownVal{}
	}
	if st == 0 {
		return unknownVal{}
	}
	l := &listVal{}
	for k := lo; (st > 0 && k < hi || st < 0 && k > hi) && len(l.items) < 10000; k += st {
		l.items = append(l.items, k)
	}
	return l
}

func (in *interpreter) kwargs(e *grammar.Expr) layers.Config {
	cfg := layers.Config{}
	for _, k := range e.Kwargs {
		cfg[k.Name] = in.toConfig(in.eval(k.Value))
	}
	return cfg
}

// toConfig turns an interpreter value into a Config value: ints, floats, strings, bools, nil,
// []any for tuples and lists; layers stay layers.
func (in *interpreter) toConfig(v any) any {
	switch x := v.(type) {
	case int64, float64, string, bool, *layerObj, *lambdaVal:
		return x
	case noneVal:
		return nil
	case *listVal:
		out := make([]any, len(x.items))
		for k, it := range x.items {
			out[k] = in.toConfig(it)
		}
		return out
	case *modelObj:
		return x.obj
	}
	return nil
}

// signatureOf finds the positional argument names of a class in the code's version.
func signatureOf(v layers.Version, cls string) []string {
	order := []layers.Version{v, layers.Keras3, layers.TFKeras, layers.Keras2, layers.Keras1}
	for _, c := range []string{cls, sigFallback[cls]} {
		if c == "" {
			continue
		}
		for _, ver := range order {
			if s, ok := signatures[ver][c]; ok {
				return s
			}
		}
		if s, ok := extraSignatures[c]; ok {
			return s
		}
	}
	return nil
}

// sigFallback names a class whose signature a class without its own entry shares.
var sigFallback = map[string]string{
	"MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
	"AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D", "AvgPool3D": "MaxPooling3D", "AveragePooling3D": "MaxPooling3D",
	"GlobalMaxPooling1D": "GlobalAveragePooling1D", "GlobalMaxPooling2D": "GlobalAveragePooling2D", "GlobalMaxPooling3D": "GlobalAveragePooling2D",
	"GlobalAveragePooling3D": "GlobalAveragePooling2D", "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalAvgPool2D": "GlobalAveragePooling2D",
	"GlobalAvgPool3D": "GlobalAveragePooling2D", "GlobalMaxPool1D": "GlobalAveragePooling1D", "GlobalMaxPool2D": "GlobalAveragePooling2D",
	"GlobalMaxPool3D": "GlobalAveragePooling2D",
	"Convolution1D":   "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
	"SpatialDropout1D": "SpatialDropout2D", "SpatialDropout3D": "SpatialDropout2D", "UpSampling3D": "UpSampling2D",
	"ZeroPadding3D": "ZeroPadding2D", "Cropping3D": "Cropping2D", "Deconvolution2D": "Conv2DTranspose",
	"GroupQueryAttention": "GroupedQueryAttention", "Convolution2DTranspose": "Conv2DTranspose",
}

// extraSignatures are the classes Appendix A does not list (Keras 3 order).
var extraSignatures = map[string][]string{
	"RandomFlip": {"mode"}, "RandomRotation": {"factor"}, "RandomZoom": {"height_factor", "width_factor"},
	"RandomCrop": {"height", "width"}, "CenterCrop": {"height", "width"}, "RandomContrast": {"factor"},
	"RandomBrightness": {"factor"}, "RandomTranslation": {"height_factor", "width_factor"},
	"GroupedQueryAttention": {"head_dim", "num_query_heads", "num_key_value_heads"},
	"AlphaDropout":          {"rate", "noise_shape", "seed"}, "ThresholdedReLU": {"theta"},
	"SpectralNormalization": {"layer", "power_iterations"}, "RMSNormalization": {"axis", "epsilon"},
	"LSTMCell": {"units"}, "GRUCell": {"units"}, "SimpleRNNCell": {"units"}, "ActivityRegularization": {"l1", "l2"},
	"UpSampling3D": {"size"}, "Identity": {}, "InputLayer": {"shape", "batch_size", "dtype"},
	"Input": {"shape", "batch_size", "name", "dtype"},
}

// construct makes a layer or model from a constructor call.
func (in *interpreter) construct(cls string, e *grammar.Expr) any {
	switch cls {
	case "Sequential":
		return in.newSequential(e)
	case "Model", "Functional":
		return in.newFunctional(e)
	}
	spec := layers.Lookup(cls)
	canon := cls
	if spec != nil {
		canon = spec.Class
	}
	if k1, ok := keras1Classes[canon]; ok && in.v == layers.Keras1 {
		canon = k1 // Keras 1 prints (and names layers after) its own class names
	}
	cfg := layers.Config{}
	sig := signatureOf(in.v, cls)
	for k, x := range e.Items {
		v := in.toConfig(in.eval(x))
		if k < len(sig) {
			cfg[sig[k]] = v
		} else {
			cfg["_arg"+strconv.Itoa(k)] = v
		}
	}
	for k, v := range in.kwargs(e) {
		cfg[k] = v
	}
	normaliseConfig(in.v, cls, cfg, len(e.Items))
	l := &layerObj{class: canon, spec: spec, cfg: cfg, line: e.Line, trainable: true}
	if b, ok := cfg["trainable"].(bool); ok && !b {
		l.trainable, l.ctorFrozen = false, true
	}
	if inner, ok := cfg["layer"].(*layerObj); ok {
		l.inner = inner
	} else if inner, ok := cfg["cell"].(*layerObj); ok {
		l.inner = inner
	}
	for _, k := range []string{"batch_input_shape", "batch_shape"} {
		if t, ok := cfg[k].([]any); ok {
			l.inShape = layers.TupleDims(t)
		}
	}
	if l.inShape == nil {
		if t, ok := cfg["input_shape"].([]any); ok {
			l.inShape = append(layers.Dims{-1}, layers.TupleDims(t)...)
		} else if n, ok := cfg["input_length"].(int64); ok && canon == "Embedding" {
			l.inShape = layers.Dims{-1, n}
		} else if n, ok := cfg["input_dim"].(int64); ok && canon != "Embedding" {
			l.inShape = layers.Dims{-1, n}
			if ln, ok := cfg["input_length"].(int64); ok {
				l.inShape = layers.Dims{-1, ln, n}
			}
		}
	}
	if canon == "InputLayer" {
		l.isInput = true
		if s, ok := cfg["name"].(string); ok {
			l.name = s
		} else {
			l.name = in.inputName()
		}
		out, _, err := layers.Lookup("InputLayer").Build(cfg, nil)
		if err != nil || len(out) == 0 {
			l.err = err
			return l
		}
		if n, ok := cfg["batch_size"].(int64); ok && len(out[0]) > 0 {
			out[0][0] = n
		}
		l.inShape = out[0]
		l.built = true
		nd := &node{layer: l}
		t := &tensorVal{node: nd, dims: out[0]}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		l.nodes = append(l.nodes, nd)
		if cls == "Input" {
			return t
		}
		return l
	}
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else {
		l.name = in.autoName(canon)
	}
	if in.v == layers.Keras3 && (canon == "MultiHeadAttention" || canon == "GroupedQueryAttention") {
		// their constructors make a Softmax and a Dropout, which take automatic names
		in.autoName("Softmax")
		in.autoName("Dropout")
	}
	return l
}

// normaliseConfig maps the argument names of older versions onto the ones the builds read;
// positional is the number of positional arguments.
func normaliseConfig(v layers.Version, cls string, cfg layers.Config, positional int) {
	// Keras 1 Convolution2D(nb_filter, nb_row, nb_col) and Conv2D(f, 3, 3) in Keras 2 (the third
	// positional argument, not a strides= keyword)
	if v == layers.Keras2 && (cls == "Conv2D" || cls == "Convolution2D") && positional >= 3 {
		if k, ok := cfg["strides"]; ok {
			if _, ok := cfg["padding"]; !ok {
				if _, isInt := k.(int64); isInt {
					cfg["kernel_size"] = []any{cfg["kernel_size"], k}
					delete(cfg, "strides")
				}
			}
		}
	}
	if v == layers.Keras1 {
		if p, ok := cfg["p"]; ok {
			cfg["rate"] = p
		}
		if cls == "Convolution3D" || cls == "Conv3D" {
			if a, ok := cfg["kernel_dim1"]; ok {
				cfg["kernel_size"] = []any{a, cfg["kernel_dim2"], cfg["kernel_dim3"]}
			}
		}
	}
	if s, ok := cfg["border_mode"].(string); ok {
		cfg["padding"] = s
	}
}

// inputName is the automatic name of an Input layer.
func (in *interpreter) inputName() string {
	switch in.v {
	case layers.Keras3:
		return in.uniquify("input_layer", 0)
	}
	in.counters["input"]++
	return "input_" + strconv.Itoa(in.counters["input"])
}

// autoName is the automatic name of a layer of class cls.
func (in *interpreter) autoName(cls string) string {
	switch in.v {
	case layers.Keras1:
		base := strings.ToLower(cls)
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	case layers.Keras2:
		base := layers.SnakeCase(cls)
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	}
	return in.uniquify(snakeK3(cls), 0)
}

// uniquify is the name Keras 3 and tf.keras give: the base the first time, then base_1, base_2.
func (in *interpreter) uniquify(base string, _ int) string {
	n := in.counters[base]
	in.counters[base]++
	if n == 0 {
		return base
	}
	return base + "_" + strconv.Itoa(n)
}

var (
	k3Snake1 = regexp.MustCompile(`(.)([A-Z][a-z]+)`)
	k3Snake2 = regexp.MustCompile(`([a-z])([A-Z])`)
)

// snakeK3 is keras.src.utils.naming.to_snake_case (and tf.keras's generic_utils version).
func snakeK3(name string) string {
	s := k3Snake1.ReplaceAllString(name, "${1}_${2}")
	return strings.ToLower(k3Snake2.ReplaceAllString(s, "${1}_${2}"))
}

func (in *interpreter) modelName(base string) string {
	switch in.v {
	case layers.Keras1, layers.Keras2:
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	}
	return in.uniquify(base, 0)
}

func (in *interpreter) newSequential(e *grammar.Expr) any {
	m := &modelObj{seq: true, line: e.Line}
	l := &layerObj{class: "Sequential", cfg: layers.Config{}, line: e.Line, trainable: true, model: m}
	m.obj = l
	cfg := in.kwargs(e)
	var list any
	if len(e.Items) > 0 {
		list = in.eval(e.Items[0])
	} else if x := e.Kwarg("layers"); x != nil {
		list = in.eval(x)
	}
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else {
		l.name = in.modelName("sequential")
	}
	in.models = append(in.models, m)
	if lv, ok := list.(*listVal); ok {
		for _, it := range lv.items {
			in.seqAdd(m, it, false)
		}
		in.maybeRebuild(m)
	}
	return m
}

// maybeRebuild is Keras 3's Sequential._maybe_rebuild: a Sequential with an input and a layer
// builds a Functional inside, which takes a "functional" name each time.
func (in *interpreter) maybeRebuild(m *modelObj) {
	if in.v == layers.Keras3 && m.input != nil && len(m.layers) > 0 {
		in.uniquify("functional", 0)
	}
}

// seqAdd is Sequential.add.
func (in *interpreter) seqAdd(m *modelObj, v any, rebuild bool) {
	var l *layerObj
	switch x := v.(type) {
	case *layerObj:
		l = x
	case *modelObj:
		l = x.obj
	case *tensorVal:
		if x.node != nil && x.node.layer.isInput {
			l = x.node.layer
		}
	}
	if l == nil {
		return
	}
	if l.isInput {
		if m.input == nil && len(m.layers) == 0 {
			m.input = l
		}
		return
	}
	if m.input == nil && len(m.layers) == 0 && l.inShape == nil && l.model != nil {
		// a built model as the first layer: its input shape builds the Sequential
		if l.model.seq && l.model.input != nil {
			l.inShape = l.model.input.inShape
		} else if !l.model.seq && len(l.model.inputs) == 1 {
			l.inShape = l.model.inputs[0].dims
		}
	}
	if m.input == nil && len(m.layers) == 0 && l.inShape != nil {
		// the first layer's input_shape= makes the InputLayer
		name := ""
		switch in.v {
		case layers.Keras3:
			name = in.uniquify("input_layer", 0)
		default:
			name = l.name + "_input"
		}
		il := &layerObj{class: "InputLayer", cfg: layers.Config{}, name: name, isInput: true, built: true, trainable: true, inShape: l.inShape}
		nd := &node{layer: il}
		t := &tensorVal{node: nd, dims: l.inShape}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		il.nodes = append(il.nodes, nd)
		m.input = il
	}
	m.layers = append(m.layers, l)
	if rebuild {
		in.maybeRebuild(m)
	}
}

// seqBuild applies the layers of a Sequential that has an input and are not applied yet.
func (in *interpreter) seqBuild(m *modelObj) {
	if m.input == nil || m.last == nil && len(m.input.nodes) == 0 {
		return
	}
	if m.last == nil {
		m.last = m.input.nodes[0].outTree
	}
	for m.applied < len(m.layers) {
		l := m.layers[m.applied]
		m.applied++
		m.last = in.applyValue(l, m.last, nil)
	}
}

func (in *interpreter) modelOutput(m *modelObj) any {
	if m.seq {
		in.seqBuild(m)
		if m.last == nil {
			return unknownVal{}
		}
		return m.last
	}
	return toList(m.outputs)
}

func toList(v any) any {
	if l, ok := v.([]any); ok {
		return &listVal{items: l}
	}
	return v
}

func (in *interpreter) newFunctional(e *grammar.Expr) any {
	m := &modelObj{line: e.Line}
	l := &layerObj{class: "Functional", cfg: layers.Config{}, line: e.Line, trainable: true, model: m}
	m.obj = l
	var ins, outs any = unknownVal{}, unknownVal{}
	if len(e.Items) > 0 {
		ins = in.eval(e.Items[0])
	}
	if len(e.Items) > 1 {
		outs = in.eval(e.Items[1])
	}
	for _, k := range e.Kwargs {
		switch k.Name {
		case "inputs", "input":
			ins = in.eval(k.Value)
		case "outputs", "output":
			outs = in.eval(k.Value)
		}
	}
	m.inputs = flattenTensors(ins)
	m.outputs = outTree(outs)
	cfg := in.kwargs(e)
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else if in.v == layers.Keras3 {
		l.name = in.uniquify("functional", 0)
	} else {
		l.name = in.modelName("model")
	}
	if len(m.inputs) == 0 {
		return unknownVal{}
	}
	in.models = append(in.models, m)
	return m
}

// outTree turns a value into an output structure: a tensor, or []any of them.
func outTree(v any) any {
	switch x := v.(type) {
	case *tensorVal:
		return x
	case *listVal:
		out := make([]any, 0, len(x.items))
		for _, it := range x.items {
			out = append(out, outTree(it))
		}
		return out
	case *dictVal:
		out := make([]any, 0, len(x.vals))
		for _, it := range x.vals {
			out = append(out, outTree(it))
		}
		return out
	}
	return nil
}

func flattenTensors(v any) []*tensorVal {
	var out []*tensorVal
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case *tensorVal:
			out = append(out, x)
		case *listVal:
			for _, it := range x.items {
				walk(it)
			}
		case *dictVal:
			for _, it := range x.vals {
				walk(it)
			}
		case []any:
			for _, it := range x {
				walk(it)
			}
		}
	}
	walk(v)
	return out
}

// method calls a method of a layer or model.
func (in *interpreter) method(mv methodVal, e *grammar.Expr) any {
	var m *modelObj
	switch r := mv.recv.(type) {
	case *modelObj:
		m = r
	case *layerObj:
		m = r.model
	}
	if m == nil {
		return unknownVal{}
	}
	switch mv.name {
	case "add":
		if len(e.Items) > 0 {
			in.seqAdd(m, in.eval(e.Items[0]), true)
		}
	case "summary":
		cfg := in.kwargs(e)
		sa := &SummaryArgs{}
		if n, ok := cfg["line_length"].(int64); ok {
			sa.LineLength = int(n)
		}
		sa.ShowTrainable = cfg.Bool("show_trainable", false)
		sa.ExpandNested = cfg.Bool("expand_nested", false)
		m.summary = sa
		in.summed = m
	case "build":
		var shape any
		if len(e.Items) > 0 {
			shape = in.toConfig(in.eval(e.Items[0]))
		} else if x := e.Kwarg("input_shape"); x != nil {
			shape = in.toConfig(in.eval(x))
		}
		if t, ok := shape.([]any); ok && m.seq && m.input == nil {
			d := layers.TupleDims(t)
			il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true, inShape: d, name: in.inputName()}
			nd := &node{layer: il}
			tv := &tensorVal{node: nd, dims: d}
			nd.outputs, nd.outTree = []*tensorVal{tv}, tv
			il.nodes = append(il.nodes, nd)
			m.input = il
			in.maybeRebuild(m)
		}
	case "compile":
		cfg := in.kwargs(e)
		var opt any = "rmsprop"
		if x := e.Kwarg("optimizer"); x != nil {
			opt = in.eval(x)
		} else if len(e.Items) > 0 {
			opt = in.eval(e.Items[0])
		}
		_ = cfg
		switch o := opt.(type) {
		case string:
			m.opt = &optimizerVal{name: strings.ToLower(o), cfg: layers.Config{}}
		case *optimizerVal:
			m.opt = o
		}
	case "optimizer.build":
		m.optBuilt = true
	case "fit", "train_on_batch":
		m.optBuilt = true
	}
	return unknownVal{}
}

// ---- applying layers ----

// apply is a layer call `layer(x, ...)` in the code.
func (in *interpreter) apply(l *layerObj, e *grammar.Expr) any {
	var arg any = unknownVal{}
	if len(e.Items) > 0 {
		arg = in.eval(e.Items[0])
	} else if x := e.Kwarg("inputs"); x != nil {
		arg = in.eval(x)
	} else if x := e.Kwarg("query"); x != nil {
		arg = in.eval(x)
	}
	extra := []*tensorVal{}
	for _, x := range e.Items[min(1, len(e.Items)):] {
		extra = append(extra, flattenTensors(in.eval(x))...)
	}
	kw := layers.Config{}
	var kwNames []string
	for _, k := range e.Kwargs {
		kwNames = append(kwNames, k.Name)
	}
	sort.Strings(kwNames)
	for _, name := range kwNames {
		v := in.eval(e.Kwarg(name))
		if name == "inputs" || name == "query" && len(e.Items) == 0 {
			continue
		}
		if ts := flattenTensors(v); len(ts) > 0 {
			extra = append(extra, ts...)
			kw[name] = ts
			continue
		}
		kw[name] = in.toConfig(v)
	}
	if l.model != nil {
		return in.applyModel(l.model, arg)
	}
	ins := append(flattenTensors(arg), extra...)
	return in.applyTensors(l, ins, kw)
}

// applyValue applies a layer to a value (a tensor or a list of them) with no call keywords.
func (in *interpreter) applyValue(l *layerObj, arg any, kw layers.Config) any {
	if l.model != nil {
		return in.applyModel(l.model, arg)
	}
	return in.applyTensors(l, flattenTensors(arg), kw)
}

func (in *interpreter) applyModel(m *modelObj, arg any) any {
	ins := flattenTensors(arg)
	if len(ins) == 0 {
		return unknownVal{}
	}
	var out any
	if m.seq {
		if m.input == nil {
			// built by its first call
			il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true, inShape: ins[0].dims,
				name: in.inputName()}
			nd := &node{layer: il}
			t := &tensorVal{node: nd, dims: ins[0].dims}
			nd.outputs, nd.outTree = []*tensorVal{t}, t
			il.nodes = append(il.nodes, nd)
			m.input = il
			in.maybeRebuild(m)
		}
		in.seqBuild(m)
		out = m.last
	} else {
		out = toList(m.outputs)
	}
	// the model's own node: outputs shaped like the model's outputs
	nd := &node{layer: m.obj, index: len(m.obj.nodes), inputs: ins}
	var mk func(v any) any
	mk = func(v any) any {
		switch x := v.(type) {
		case *tensorVal:
			t := &tensorVal{node: nd, index: len(nd.outputs), dims: x.dims}
			nd.outputs = append(nd.outputs, t)
			return t
		case *listVal:
			r := &listVal{tuple: x.tuple}
			for _, it := range x.items {
				r.items = append(r.items, mk(it))
			}
			return r
		}
		return unknownVal{}
	}
	res := mk(out)
	nd.outTree = res
	m.obj.nodes = append(m.obj.nodes, nd)
	m.obj.built = true
	return res
}

// applyTensors builds (first call) and applies a layer to input tensors.
func (in *interpreter) applyTensors(l *layerObj, ins []*tensorVal, kw layers.Config) any {
	if len(ins) == 0 {
		return unknownVal{}
	}
	var dims []layers.Dims
	for _, t := range ins {
		dims = append(dims, t.dims)
	}
	cfg := l.cfg
	if len(kw) > 0 {
		cfg = layers.Config{}
		for k, v := range l.cfg {
			cfg[k] = v
		}
		for k, v := range kw {
			if _, isT := v.([]*tensorVal); !isT {
				cfg[k] = v
			}
		}
	}
	var outs []layers.Dims
	var ws []layers.Weight
	var err error
	if f, ok := cfg["function"].(*lambdaVal); ok && l.class == "Lambda" {
		if t, ok := cfg["output_shape"].([]any); ok {
			outs = []layers.Dims{append(layers.Dims{dims[0][0]}, layers.TupleDims(t)...)}
		} else {
			outs = []layers.Dims{lambdaShape(f.e, dims)}
		}
	} else {
		outs, ws, err = in.build(l, cfg, dims)
	}
	if err != nil {
		l.err = err
		outs = []layers.Dims{nil}
	}
	if !l.built && err == nil {
		l.weights = ws
		l.built = true
	}
	nd := &node{layer: l, index: len(l.nodes), inputs: ins}
	for k, d := range outs {
		nd.outputs = append(nd.outputs, &tensorVal{node: nd, index: k, dims: d})
	}
	l.nodes = append(l.nodes, nd)
	if len(nd.outputs) == 1 {
		nd.outTree = nd.outputs[0]
		return nd.outputs[0]
	}
	lv := &listVal{}
	for _, t := range nd.outputs {
		lv.items = append(lv.items, t)
	}
	nd.outTree = lv
	return lv
}

// build gives a layer's outputs and weights on inputs.
func (in *interpreter) build(l *layerObj, cfg layers.Config, dims []layers.Dims) ([]layers.Dims, []layers.Weight, error) {
	return layers.Build(in.layer(l, cfg), dims)
}

// layer is the configuration of l that the layer knowledge builds: cfg is its configuration with
// the call's keywords over it.
func (in *interpreter) layer(l *layerObj, cfg layers.Config) *layers.Layer {
	c := &layers.Layer{Class: l.class, Name: l.name, Config: cfg, Version: in.v}
	if l.inner != nil {
		c.Inner = in.layer(l.inner, l.inner.cfg)
	}
	return c
}

// ---- the summary ----

// functionalOrder is model._operations of a Keras functional model: operations by decreasing
// depth, and at one depth in the order a walk back from the outputs first meets them
// (keras.src.ops.function.map_graph).
func (in *interpreter) functionalOrder(m *modelObj) []*layerObj {
	inputs := map[*tensorVal]bool{}
	for _, t := range m.inputs {
		inputs[t] = true
	}
	finished := map[*node]bool{}
	progress := map[*node]bool{}
	var order []*node
	opIndex := map[*layerObj]int{}
	var helper func(t *tensorVal)
	helper = func(t *tensorVal) {
		if t == nil || t.node == nil {
			return
		}
		nd := t.node
		if finished[nd] || progress[nd] {
			return
		}
		if _, ok := opIndex[nd.layer]; !ok {
			opIndex[nd.layer] = len(opIndex)
		}
		progress[nd] = true
		if len(nd.inputs) > 0 && !inputs[t] {
			for _, x := range nd.inputs {
				helper(x)
			}
		}
		finished[nd] = true
		delete(progress, nd)
		order = append(order, nd)
	}
	for _, t := range flattenTensors(m.outputs) {
		helper(t)
	}
	nodeDepth := map[*node]int{}
	opDepth := map[*layerObj]int{}
	for k := len(order) - 1; k >= 0; k-- {
		nd := order[k]
		d := nodeDepth[nd]
		if p, ok := opDepth[nd.layer]; ok && p > d {
			d = p
		}
		opDepth[nd.layer] = d
		nodeDepth[nd] = d
		if inputs[nd.outputs[0]] && len(nd.inputs) > 0 {
			continue
		}
		for _, x := range nd.inputs {
			if x.node == nil {
				continue
			}
			if p := nodeDepth[x.node]; d+1 > p {
				nodeDepth[x.node] = d + 1
			}
		}
	}
	for _, t := range m.inputs {
		if t.node != nil {
			if _, ok := opDepth[t.node.layer]; !ok {
				opDepth[t.node.layer] = 0
				opIndex[t.node.layer] = -1
			}
		}
	}
	var ops []*layerObj
	for l := range opDepth {
		ops = append(ops, l)
	}
	sort.Slice(ops, func(a, b int) bool {
		if opDepth[ops[a]] != opDepth[ops[b]] {
			return opDepth[ops[a]] > opDepth[ops[b]]
		}
		return opIndex[ops[a]] < opIndex[ops[b]]
	})
	return ops
}

// modelNodes are the nodes that belong to a functional model.
func (in *interpreter) modelNodes(m *modelObj) map[*node]bool {
	inputs := map[*tensorVal]bool{}
	for _, t := range m.inputs {
		inputs[t] = true
	}
	seen := map[*node]bool{}
	var walk func(t *tensorVal)
	walk = func(t *tensorVal) {
		if t == nil || t.node == nil || seen[t.node] {
			return
		}
		seen[t.node] = true
		if inputs[t] {
			return
		}
		for _, x := range t.node.inputs {
			walk(x)
		}
	}
	for _, t := range flattenTensors(m.outputs) {
		walk(t)
	}
	for _, t := range m.inputs {
		if t.node != nil {
			seen[t.node] = true
		}
	}
	return seen
}

// sequentialLike is the §3.1 test: every depth of the graph holds one node, with at most one
// input tensor, and no layer owns two of the nodes.
func (in *interpreter) sequentialLike(m *modelObj) bool {
	if m.seq {
		return true
	}
	nodes := in.modelNodes(m)
	if len(flattenTensors(m.outputs)) != 1 || len(m.inputs) != 1 {
		return false
	}
	owners := map[*layerObj]int{}
	for nd := range nodes {
		if len(nd.inputs) > 1 {
			return false
		}
		owners[nd.layer]++
		if owners[nd.layer] > 1 {
			return false
		}
	}
	// a chain: every node but the input feeds exactly one other
	feeds := map[*node]int{}
	for nd := range nodes {
		for _, x := range nd.inputs {
			feeds[x.node]++
		}
	}
	for nd := range nodes {
		if feeds[nd] > 1 {
			return false
		}
	}
	return true
}

// summarise makes the summary rows of a model.
func (in *interpreter) summarise(m *modelObj) *Model {
	cm := &Model{Name: m.obj.name, Class: m.obj.class, Sequential: in.sequentialLike(m)}
	if m.summary != nil {
		cm.Summary = *m.summary
	}
	var layers []*layerObj
	var nodes map[*node]bool
	if m.seq {
		in.seqBuild(m)
		layers = m.layers
		cm.Built = m.input != nil
	} else {
		layers = in.functionalOrder(m)
		nodes = in.modelNodes(m)
		cm.Built = true
	}
	for _, l := range layers {
		r := in.row(l, cm, nodes, 0)
		cm.Rows = append(cm.Rows, r)
		if cm.Summary.ExpandNested && l.model != nil {
			in.nestedRows(l.model, cm, 1)
		}
	}
	seen := map[*layerObj]bool{}
	var count func(l *layerObj, frozen bool)
	count = func(l *layerObj, frozen bool) {
		if seen[l] {
			return
		}
		seen[l] = true
		fz := frozen || !l.trainable && !l.ctorFrozen
		if l.model != nil {
			for _, x := range in.modelLayers(l.model) {
				count(x, fz || !l.trainable)
			}
			return
		}
		own := fz || !l.trainable && !subLayerWeights[l.class]
		for _, w := range l.weights {
			if w.Trainable && !own {
				cm.Trainable += w.Size()
			} else {
				cm.NonTrain += w.Size()
			}
		}
	}
	for _, l := range in.modelLayers(m) {
		count(l, !m.obj.trainable)
	}
	if m.opt != nil && m.optBuilt {
		cm.HasOpt = true
		cm.Optimizer = optimizerCount(m.opt, cm.Trainable, in.trainableWeights(m))
	}
	return cm
}

// subLayerWeights are the classes whose weights live in sub-layers, so that trainable=False given
// to the constructor leaves them trainable (summary-formats.md §5.4).
var subLayerWeights = map[string]bool{"ConvLSTM1D": true, "ConvLSTM2D": true, "ConvLSTM3D": true, "Bidirectional": true,
	"TimeDistributed": true, "MultiHeadAttention": true, "GroupedQueryAttention": true}

func (in *interpreter) trainableWeights(m *modelObj) []layers.Weight {
	var out []layers.Weight
	seen := map[*layerObj]bool{}
	var walk func(l *layerObj, frozen bool)
	walk = func(l *layerObj, frozen bool) {
		if seen[l] {
			return
		}
		seen[l] = true
		if l.model != nil {
			for _, x := range in.modelLayers(l.model) {
				walk(x, frozen || !l.trainable)
			}
			return
		}
		own := frozen || !l.trainable && !(l.ctorFrozen && subLayerWeights[l.class])
		for _, w := range l.weights {
			if w.Trainable && !own {
				out = append(out, w)
			}
		}
	}
	for _, l := range in.modelLayers(m) {
		walk(l, !m.obj.trainable)
	}
	return out
}

// optimizerCount is the number of optimizer variables (§5.4).
func optimizerCount(o *optimizerVal, trainable int64, ws []layers.Weight) int64 {
	n := int64(2) // iterations, learning_rate
	if _, sched := o.cfg["learning_rate"].(string); sched {
		n = 1
	}
	slots := int64(0)
	switch o.name {
	case "adam", "adamw", "lamb":
		slots = 2
		if o.cfg.Bool("amsgrad", false) {
			slots = 3
		}
	case "nadam":
		slots = 2
		n++
	case "adamax", "adadelta", "ftrl":
		slots = 2
	case "rmsprop":
		slots = 1
		if m, ok := toFloat(o.cfg["momentum"]); ok && m > 0 {
			slots++
		}
		if o.cfg.Bool("centered", false) {
			slots++
		}
	case "sgd":
		if m, ok := toFloat(o.cfg["momentum"]); ok && m > 0 {
			slots = 1
		}
	case "adagrad", "lion":
		slots = 1
	case "adafactor":
		// a row and a column factor per matrix (two scalar placeholders otherwise), and a velocity
		for _, w := range ws {
			if r := len(w.Shape); r >= 2 {
				n += prod(w.Shape[:r-1]) + prod(w.Shape[:r-2])*w.Shape[r-1]
			} else {
				n += 2
			}
		}
		slots = 1
	}
	if o.cfg.Bool("use_ema", false) {
		slots++
	}
	return n + slots*trainable
}

func (in *interpreter) nestedRows(m *modelObj, cm *Model, depth int) {
	var layers []*layerObj
	if m.seq {
		layers = m.layers
	} else {
		layers = in.functionalOrder(m)
	}
	for _, l := range layers {
		r := in.row(l, cm, nil, depth)
		if !cm.Sequential {
			r.Connected = []string{}
		}
		cm.Rows = append(cm.Rows, r)
		if l.model != nil {
			in.nestedRows(l.model, cm, depth+1)
		}
	}
}

// weightsOf lists a layer's weights, a model's over its layers (each once).
func (in *interpreter) weightsOf(l *layerObj) []layers.Weight {
	if l.model == nil {
		return l.weights
	}
	var out []layers.Weight
	seen := map[*layerObj]bool{}
	for _, x := range in.modelLayers(l.model) {
		if !seen[x] {
			seen[x] = true
			out = append(out, in.weightsOf(x)...)
		}
	}
	return out
}

// builtAtConstruction are the Keras 3 layers that print a bare 0 even unbuilt (§5.3).
var builtAtConstruction = map[string]bool{"Dropout": true, "SpatialDropout1D": true, "SpatialDropout2D": true,
	"SpatialDropout3D": true, "GaussianNoise": true, "GaussianDropout": true, "AlphaDropout": true,
	"ActivityRegularization": true, "Activation": true, "ReLU": true, "LeakyReLU": true, "ELU": true, "Softmax": true,
	"Identity": true, "Masking": true, "UnitNormalization": true, "Reshape": true}

func (in *interpreter) row(l *layerObj, cm *Model, nodes map[*node]bool, depth int) *Row {
	r := &Row{Name: l.name, Class: l.class, Config: l.cfg, Depth: depth, Line: l.line}
	ws := in.weightsOf(l)
	r.Weights = ws
	for _, w := range ws {
		r.Params += w.Size()
	}
	if l.err != nil {
		r.Err = l.err.Error()
	}
	// output: the layer's last call in this model
	var last *node
	for _, nd := range l.nodes {
		if nodes == nil || nodes[nd] {
			last = nd
		}
	}
	if last == nil || (!l.built && l.model == nil) {
		r.Output = "?"
		if in.v == layers.Keras3 && !builtAtConstruction[l.class] && !(l.spec != nil && l.spec.Weightless && l.spec.Family == "pooling") {
			r.Unbuilt = true
		}
	} else {
		r.Output = in.shapeText(last.outTree, l.isInput)
	}
	for _, nd := range l.nodes {
		if nodes == nil || nodes[nd] {
			var ds []layers.Dims
			for _, t := range nd.inputs {
				ds = append(ds, t.dims)
			}
			r.InDims = append(r.InDims, ds)
		}
	}
	if len(ws) == 0 || r.Unbuilt || l.isOp {
		r.Trainable = "-"
	} else if l.trainable {
		r.Trainable = "Y"
	} else {
		r.Trainable = "N"
	}
	if !cm.Sequential {
		r.Connected = []string{}
		for _, nd := range l.nodes {
			if nodes != nil && !nodes[nd] {
				continue
			}
			for _, t := range nd.inputs {
				if t.node == nil {
					continue
				}
				r.Connected = append(r.Connected, t.node.layer.name+"["+strconv.Itoa(t.node.index)+"]["+strconv.Itoa(t.index)+"]")
			}
		}
	}
	return r
}

// shapeText prints an output structure as the version does.
func (in *interpreter) shapeText(v any, input bool) string {
	switch x := v.(type) {
	case *tensorVal:
		if x.dims == nil {
			return "?"
		}
		s := dimsText(x.dims, in.v)
		if input && in.v == layers.TFKeras {
			return "[" + s + "]"
		}
		return s
	case *listVal:
		var parts []string
		for _, it := range x.items {
			parts = append(parts, in.shapeText(it, false))
		}
		if x.tuple {
			return "(" + strings.Join(parts, ", ") + ")"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "?"
}

// dimsText is "(None, 41, 64)"; a 1-D shape is "(None)" in Keras 3 and "(None,)" before.
func dimsText(d layers.Dims, v layers.Version) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		if x < 0 {
			b.WriteString("None")
		} else {
			b.WriteString(strconv.FormatInt(x, 10))
		}
	}
	if len(d) == 1 && v != layers.Keras3 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
