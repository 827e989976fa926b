package interp

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The interpreter: its values, the entry point Rebuild, statements and expressions.

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
	class       string // canonical class: "Dense"; "Sequential"/"Functional" for models
	spec        *layers.Spec
	cfg         layers.Config
	name        string
	line        int
	trainable   bool // the layer's own flag
	ctorFrozen  bool // trainable=False given to the constructor only
	nodes       []*node
	weights     []layers.Weight
	built       bool
	err         error
	model       *modelObj   // non-nil for models
	inner       *layerObj   // the wrapped layer of Bidirectional, TimeDistributed, RNN(cell)
	inShape     layers.Dims // input_shape= / batch_input_shape= / Input shape
	isInput     bool
	isOp        bool     // a Keras 3 operation from an operator (x + y)
	undefined   bool     // stands for what the code does not define (partial.go)
	unknownArgs []string // constructor arguments whose values the code does not give
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
	// unknownLayers: a Sequential made from a value the code does not give (Sequential(layer_list))
	unknownLayers string
}

// interpreter runs a program.
type interpreter struct {
	v         layers.Version
	env       map[string]any
	counters  map[string]int
	models    []*modelObj
	summed    *modelObj // the model whose summary() the code calls
	stmts     []*grammar.Stmt
	snapshots []*Model // the models as each summary() call printed them
	notes     []Note   // where the rebuild could not follow the code
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
	return &Result{Snippet: sn, Version: in.v, Model: in.summarise(m), Models: in.candidates(), Notes: in.notes}
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
				} else {
					in.notes = append(in.notes, Note{Line: s.Line, Col: s.Col,
						Text: "for " + s.Var + " in " + exprText(s.Value) + ": the code does not give what it loops over, so its body is not run"})
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
	return buildBroadcastDimsOf(ds)
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
