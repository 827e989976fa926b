package interp

import (
	"errors"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// What the code does not define: a name from above an excerpt that a layer is applied to, a
// function or class the snippet does not hold, a value in a Sequential's list that is no layer.
// Each stands in the graph as a placeholder layer (an undefined row, shape and count unknown), so
// that the code around it is still rebuilt and its rows keep their places, and the model says
// that it is not the whole model. Arguments whose values the code does not give are listed on
// the layer, so that a count built from a default in their place is not taken for known.

// errUnknownInput is the build error of a layer whose input shape the code does not give.
var errUnknownInput = errors.New("its input shape is not known from the code")

// placeholder makes an undefined layer named after the code it stands for, applied to ins (a
// function of tensors), or with no input (a name defined above the excerpt); it returns its
// output tensor, whose shape is unknown.
func (in *interpreter) placeholder(what string, line int, ins []*tensorVal) *tensorVal {
	l := in.undefinedLayer(what, line)
	l.built = true
	nd := &node{layer: l, inputs: ins}
	t := &tensorVal{node: nd}
	nd.outputs, nd.outTree = []*tensorVal{t}, t
	l.nodes = append(l.nodes, nd)
	return t
}

// undefinedLayer is a layer the code uses but does not define.
func (in *interpreter) undefinedLayer(what string, line int) *layerObj {
	if len(what) > 40 {
		what = what[:40] + "…"
	}
	return &layerObj{class: "", name: what, cfg: layers.Config{}, line: line, trainable: true, undefined: true,
		err: errors.New(what + " is not defined in the code")}
}

// exprText is a short text of an expression, for naming what it stands for.
func exprText(e *grammar.Expr) string {
	if e == nil {
		return "?"
	}
	if d := e.Dotted(); d != "" {
		return d
	}
	switch e.Kind {
	case grammar.ExprCall:
		return exprText(e.X)
	case grammar.ExprIndex:
		return exprText(e.X) + "[…]"
	case grammar.ExprAttr:
		return exprText(e.X) + "." + e.Name
	}
	return "?"
}

// unknownValue reports a value the code does not give: an unbound name, the result of a call or
// an operation the interpreter cannot follow, or a tuple holding one.
func unknownValue(v any) bool {
	switch x := v.(type) {
	case unknownVal:
		return true
	case symVal:
		return true
	case *listVal:
		for _, it := range x.items {
			if unknownValue(it) {
				return true
			}
		}
	}
	return false
}

// noteUnknownArg records an argument of a layer constructor whose value the code does not give.
func noteUnknownArg(l *layerObj, name string) {
	for _, n := range l.unknownArgs {
		if n == name {
			return
		}
	}
	l.unknownArgs = append(l.unknownArgs, name)
}

// callUnknown is a call of something the interpreter does not know (a function defined elsewhere,
// a class it has no entry for, a backend op): called on tensors, it gives a tensor of unknown
// shape from an undefined layer, so that the graph goes on; otherwise an unknown value.
func (in *interpreter) callUnknown(e *grammar.Expr) any {
	var ins []*tensorVal
	for _, x := range e.Items {
		ins = append(ins, flattenTensors(in.eval(x))...)
	}
	for _, k := range e.Kwargs {
		ins = append(ins, flattenTensors(in.eval(k.Value))...)
	}
	if len(ins) == 0 {
		return unknownVal{}
	}
	return in.placeholder(exprText(e.X), e.Line, ins)
}

// tensorArg is the tensor a layer is applied to: arg itself, or, when the code does not define
// it (a name from above an excerpt), a placeholder for it.
func (in *interpreter) tensorArg(arg any, e *grammar.Expr) any {
	if len(flattenTensors(arg)) > 0 || !unknownValue(arg) {
		return arg
	}
	what := "?"
	line := 0
	if e != nil {
		what, line = exprText(e), e.Line
	}
	return in.placeholder(what, line, nil)
}

// problem is why a model's count is not known: the first of its layers (nested models too) that
// is undefined, failed to build, or was built from arguments the code does not give; "" when
// every count is known.
func (in *interpreter) problem(m *modelObj, depth int) string {
	return in.problemSeen(m, depth, map[*modelObj]bool{})
}

func (in *interpreter) problemSeen(m *modelObj, depth int, seen map[*modelObj]bool) string {
	if depth > maxReplayDepth || seen[m] {
		return ""
	}
	seen[m] = true
	for _, l := range in.modelLayers(m) {
		switch {
		case l.model != nil:
			if p := in.problemSeen(l.model, depth+1, seen); p != "" {
				return p
			}
		case l.undefined:
			return l.name + " is not defined in the code"
		case l.err != nil:
			return l.name + ": " + l.err.Error()
		case !l.built && !l.isInput:
			return l.name + " is not built"
		}
	}
	return ""
}

// torchRoots are the module names of PyTorch code: its layers are no Keras layers, even where
// their class names agree (nn.Dropout, nn.Flatten).
func torchRoot(path string) bool {
	for _, r := range []string{"torch.", "nn.", "F."} {
		if strings.HasPrefix(path, r) {
			return true
		}
	}
	return path == "torch"
}

// maxSnapshots caps the models kept from summary() calls (a summary printed in a loop).
const maxSnapshots = 16

// snapshot keeps the model as its summary() prints it at this point of the code.
func (in *interpreter) snapshot(m *modelObj, line int) {
	if len(in.snapshots) >= maxSnapshots {
		return
	}
	cm := in.summarise(m)
	cm.SummaryLine = line
	in.snapshots = append(in.snapshots, cm)
}

// maxCandidates caps the models the code builds that are kept for pairing (a loop that makes a
// model each time): the last ones.
const maxCandidates = 64

// candidates are the models a printed summary may show: each summary() printed, then every model
// the code builds that no other model holds, in the order the code makes them (the last
// maxCandidates of them).
func (in *interpreter) candidates() []*Model {
	out := append([]*Model{}, in.snapshots...)
	var top []*modelObj
	for _, m := range in.models {
		if !in.usedAsLayer(m) {
			top = append(top, m)
		}
	}
	if len(top) > maxCandidates {
		top = top[len(top)-maxCandidates:]
	}
	for _, m := range top {
		out = append(out, in.summarise(m))
	}
	return out
}

// layerArg is a value given where a layer belongs (a Sequential's list, model.add): a layer or
// model as it is, anything else the code does not define an undefined layer named after e.
func (in *interpreter) layerArg(v any, e *grammar.Expr) any {
	switch x := v.(type) {
	case *layerObj, *modelObj:
		return v
	case *tensorVal:
		if x.node != nil && x.node.layer.isInput {
			return v
		}
	}
	if !unknownValue(v) {
		return v
	}
	return in.undefinedLayer(exprText(e), e.Line)
}

// holds reports whether layer l is model m or holds it among its layers, at any depth: adding
// it to m would put m inside itself.
func (in *interpreter) holds(l *layerObj, m *modelObj, depth int) bool {
	if l == m.obj {
		return true
	}
	if l.model == nil || depth > maxReplayDepth {
		return depth > maxReplayDepth
	}
	for _, x := range in.modelLayers(l.model) {
		if in.holds(x, m, depth+1) {
			return true
		}
	}
	return false
}
