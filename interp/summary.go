package interp

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/layers"
)

// The summary of a rebuilt model: the order Keras lists the layers in, each row's output as the
// version prints it, inbound nodes, weights, the trainable split and optimizer variables. Every
// order here is made from slices, never from a map's iteration, so the output is the same run
// after run.

// functionalOrder is model._operations of a Keras functional model: operations by decreasing
// depth, and at one depth in the order a walk back from the outputs first meets them
// (keras.src.ops.function.map_graph). Inputs the outputs never reach come first, in the order
// the model lists its inputs.
func (in *interpreter) functionalOrder(m *modelObj) []*layerObj {
	inputs := map[*tensorVal]bool{}
	for _, t := range m.inputs {
		inputs[t] = true
	}
	finished := map[*node]bool{}
	progress := map[*node]bool{}
	var order []*node
	var ops []*layerObj // in the order first met
	broken := false     // a tensor on the way has no node: something kexplain could not follow
	opIndex := map[*layerObj]int{}
	var helper func(t *tensorVal, depth int)
	helper = func(t *tensorVal, depth int) {
		if t == nil || t.node == nil || depth > 100000 {
			broken = true
			return
		}
		nd := t.node
		if finished[nd] || progress[nd] {
			return
		}
		if _, ok := opIndex[nd.layer]; !ok {
			opIndex[nd.layer] = len(ops)
			ops = append(ops, nd.layer)
		}
		progress[nd] = true
		if len(nd.inputs) > 0 && !inputs[t] {
			for _, x := range nd.inputs {
				helper(x, depth+1)
			}
		}
		finished[nd] = true
		delete(progress, nd)
		order = append(order, nd)
	}
	for _, t := range flattenTensors(m.outputs) {
		helper(t, 0)
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
		if len(nd.outputs) > 0 && inputs[nd.outputs[0]] && len(nd.inputs) > 0 {
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
	var unreached []*layerObj
	for _, t := range m.inputs {
		if t.node != nil {
			if _, ok := opDepth[t.node.layer]; !ok {
				if !broken {
					in.note(m.line, 0, "the input "+t.node.layer.name+" of "+m.obj.name+" does not reach its outputs; "+
						"kexplain lists it first (Keras may refuse such a model)")
				}
				opDepth[t.node.layer] = 1 << 30
				opIndex[t.node.layer] = len(unreached) - len(m.inputs)
				unreached = append(unreached, t.node.layer)
			}
		}
	}
	all := append(unreached, ops...)
	sort.SliceStable(all, func(a, b int) bool {
		if opDepth[all[a]] != opDepth[all[b]] {
			return opDepth[all[a]] > opDepth[all[b]]
		}
		return opIndex[all[a]] < opIndex[all[b]]
	})
	return all
}

// modelNodes are the nodes that belong to a functional model.
func (in *interpreter) modelNodes(m *modelObj) map[*node]bool {
	inputs := map[*tensorVal]bool{}
	for _, t := range m.inputs {
		inputs[t] = true
	}
	seen := map[*node]bool{}
	stack := flattenTensors(m.outputs)
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if t == nil || t.node == nil || seen[t.node] {
			continue
		}
		seen[t.node] = true
		if inputs[t] {
			continue
		}
		stack = append(stack, t.node.inputs...)
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
	if m.seq || m.sub {
		return true
	}
	nodes := in.modelNodes(m)
	if len(flattenTensors(m.outputs)) != 1 || len(m.inputs) != 1 {
		return false
	}
	owners := map[*layerObj]int{}
	feeds := map[*node]int{}
	for nd := range nodes {
		if len(nd.inputs) > 1 {
			return false
		}
		owners[nd.layer]++
		if owners[nd.layer] > 1 {
			return false
		}
		for _, x := range nd.inputs {
			feeds[x.node]++
		}
	}
	for _, n := range feeds {
		if n > 1 {
			return false
		}
	}
	return true
}

// summarise makes the summary rows of a model.
func (in *interpreter) summarise(m *modelObj) *Model {
	cm := &Model{Name: m.obj.name, Class: m.obj.class, Sequential: in.sequentialLike(m), Line: m.line}
	if m.summary != nil {
		cm.Summary = *m.summary
	}
	var ls []*layerObj
	var nodes map[*node]bool
	switch {
	case m.seq:
		in.seqBuild(m)
		ls = m.layers
		cm.Built = m.input != nil
	case m.sub:
		in.retrack(m.obj.inst)
		ls = m.layers
		cm.Built = m.subBuilt
		cm.Subclassed = true
		if !m.subBuilt {
			in.note(m.line, 0, m.obj.name+" is never built on a known input shape (model.build(...) or a call on a tensor), "+
				"so its layers are not built")
		}
	default:
		ls = in.functionalOrder(m)
		nodes = in.modelNodes(m)
		cm.Built = true
		if m.inputsWhy != "" {
			cm.Undefined = append(cm.Undefined, "the model's inputs ("+m.inputsWhy+")")
		}
		cm.Undefined = append(cm.Undefined, in.undefinedInputs(m)...)
	}
	if m.unknownLayers != "" {
		cm.Undefined = append(cm.Undefined, m.unknownLayers)
	}
	for _, l := range ls {
		r := in.row(l, cm, nodes, 0)
		cm.Rows = append(cm.Rows, r)
		if r.Err != "" {
			cm.Unknown++
		}
		if r.Undefined {
			cm.Undefined = append(cm.Undefined, r.Name)
		}
		if cm.Summary.ExpandNested && l.model != nil && l.app == nil {
			in.nestedRows(l.model, cm, 1, map[*modelObj]bool{m: true})
		}
	}
	seen := map[*layerObj]bool{}
	var count func(l *layerObj, frozen bool, depth int)
	count = func(l *layerObj, frozen bool, depth int) {
		if seen[l] || depth > 64 {
			return
		}
		seen[l] = true
		if l.weightsWhy != "" && cm.SplitWhy == "" {
			cm.SplitWhy = l.name + ": " + l.weightsWhy
		}
		fz := frozen || !l.trainable && !l.ctorFrozen
		if l.model != nil && l.app == nil {
			for _, x := range in.modelLayers(l.model) {
				count(x, fz || !l.trainable, depth+1)
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
		if l.inst != nil {
			in.retrack(l.inst)
			for _, x := range l.inst.tracked {
				count(x, fz, depth+1)
			}
		}
	}
	for _, l := range in.modelLayers(m) {
		count(l, !m.obj.trainable, 0)
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
	var walk func(l *layerObj, frozen bool, depth int)
	walk = func(l *layerObj, frozen bool, depth int) {
		if seen[l] || depth > 64 {
			return
		}
		seen[l] = true
		if l.model != nil && l.app == nil {
			for _, x := range in.modelLayers(l.model) {
				walk(x, frozen || !l.trainable, depth+1)
			}
			return
		}
		own := frozen || !l.trainable && !(l.ctorFrozen && subLayerWeights[l.class])
		for _, w := range l.weights {
			if w.Trainable && !own {
				out = append(out, w)
			}
		}
		if l.inst != nil {
			for _, x := range l.inst.tracked {
				walk(x, frozen || !l.trainable, depth+1)
			}
		}
	}
	for _, l := range in.modelLayers(m) {
		walk(l, !m.obj.trainable, 0)
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

func (in *interpreter) nestedRows(m *modelObj, cm *Model, depth int, seen map[*modelObj]bool) {
	if seen[m] || depth > 16 {
		return
	}
	seen[m] = true
	var ls []*layerObj
	if m.seq || m.sub {
		ls = m.layers
	} else {
		ls = in.functionalOrder(m)
	}
	for _, l := range ls {
		r := in.row(l, cm, nil, depth)
		if !cm.Sequential {
			r.Connected = []string{}
		}
		cm.Rows = append(cm.Rows, r)
		if l.model != nil && l.app == nil {
			in.nestedRows(l.model, cm, depth+1, seen)
		}
	}
}

// weightsOf lists a layer's weights, a model's over its layers (each once).
func (in *interpreter) weightsOf(l *layerObj) []layers.Weight {
	return in.weightsSeen(l, map[*layerObj]bool{}, 0)
}

func (in *interpreter) weightsSeen(l *layerObj, seen map[*layerObj]bool, depth int) []layers.Weight {
	if seen[l] || depth > 64 {
		return nil
	}
	seen[l] = true
	var out []layers.Weight
	if l.model == nil || l.app != nil {
		out = append(out, l.weights...)
	} else {
		for _, x := range in.modelLayers(l.model) {
			out = append(out, in.weightsSeen(x, seen, depth+1)...)
		}
	}
	if l.inst != nil && l.model == nil {
		in.retrack(l.inst)
		for _, x := range l.inst.tracked {
			out = append(out, in.weightsSeen(x, seen, depth+1)...)
		}
	}
	return out
}

// unknownInside reports why a model's (or subclassed layer's) count is not known: a layer in it
// whose count is not known.
func (in *interpreter) unknownInside(l *layerObj, seen map[*layerObj]bool, depth int) string {
	if seen[l] || depth > 64 {
		return ""
	}
	seen[l] = true
	if l.err != nil {
		return l.name + ": " + l.err.Error()
	}
	var inner []*layerObj
	if l.model != nil && l.app == nil {
		inner = in.modelLayers(l.model)
	}
	if l.inst != nil && l.model == nil {
		inner = l.inst.tracked
	}
	for _, x := range inner {
		if s := in.unknownInside(x, seen, depth+1); s != "" {
			return s
		}
	}
	return ""
}

// builtAtConstruction are the Keras 3 layers that print a bare 0 even unbuilt (§5.3).
var builtAtConstruction = map[string]bool{"Dropout": true, "SpatialDropout1D": true, "SpatialDropout2D": true,
	"SpatialDropout3D": true, "GaussianNoise": true, "GaussianDropout": true, "AlphaDropout": true,
	"ActivityRegularization": true, "Activation": true, "ReLU": true, "LeakyReLU": true, "ELU": true, "Softmax": true,
	"Identity": true, "Masking": true, "UnitNormalization": true, "Reshape": true}

func (in *interpreter) row(l *layerObj, cm *Model, nodes map[*node]bool, depth int) *Row {
	r := &Row{Name: l.name, Class: l.class, Config: l.cfg, Depth: depth, Line: l.line, Undefined: l.custom, Op: l.isOp,
		UnknownArgs: unknownArgsOf(l.cfg)}
	ws := in.weightsOf(l)
	r.Weights = ws
	for _, w := range ws {
		r.Params += w.Size()
	}
	if why := in.unknownInside(l, map[*layerObj]bool{}, 0); why != "" {
		if l.err != nil {
			r.Err = l.err.Error()
		} else {
			r.Err = "a layer inside it is not known: " + why
		}
	}
	// output: the call the version prints (eras.go)
	last, multiple := in.printedOutput(l, nodes)
	unbuilt := !l.built && l.model == nil
	if l.model != nil && l.model.sub && !l.model.subBuilt {
		unbuilt = true
	}
	if in.stopped && unbuilt && r.Err == "" && !l.isInput {
		r.Err = "the rebuild stopped before this layer was built (kexplain's budget)"
	}
	switch {
	case last == nil || unbuilt:
		r.Output = "?"
		if in.v == layers.Keras3 && !builtAtConstruction[l.class] && !(l.spec != nil && l.spec.Weightless && l.spec.Family == "pooling") &&
			!l.isOp && r.Err == "" {
			r.Unbuilt = true // Keras 3 prints "0 (unbuilt)": a layer that no input has reached yet
		}
		if cm.Subclassed && in.v != layers.Keras3 {
			r.Output = "multiple"
			r.Unbuilt = true
		}
	default:
		r.Output = in.shapeText(last.outTree, l.isInput)
		for _, t := range flattenTensors(last.outTree) {
			r.Out = append(r.Out, t.dims)
		}
		if in.v != layers.Keras3 && (cm.Subclassed && depth == 0 || multiple) {
			// Keras 1, 2 and tf.keras cannot name one output shape for a layer called on
			// inputs of different shapes, nor for the layers of a subclassed model
			r.Output = "multiple"
		}
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
				index := t.node.index
				if in.ownNode(t.node.layer) {
					index++ // Keras 1 and 2: the nested model's own graph is its node 0
				}
				r.Connected = append(r.Connected, t.node.layer.name+"["+strconv.Itoa(index)+"]["+strconv.Itoa(t.index)+"]")
			}
		}
	}
	return r
}

// shapeText prints an output structure as the version does.
func (in *interpreter) shapeText(v any, input bool) string {
	return in.shapeTextDepth(v, input, 0)
}

func (in *interpreter) shapeTextDepth(v any, input bool, depth int) string {
	if depth > 16 {
		return "?"
	}
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
			parts = append(parts, in.shapeTextDepth(it, false, depth+1))
		}
		if x.tuple {
			return "(" + strings.Join(parts, ", ") + ")"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "?"
}

// dimsText is "(None, 41, 64)"; a 1-D shape is "(None)" in Keras 3 and "(None,)" before; an axis
// kexplain does not know is "?".
func dimsText(d layers.Dims, v layers.Version) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case x == dimAnyAxes:
			b.WriteString("…")
		case x == dimUnknown:
			b.WriteByte('?')
		case x < 0:
			b.WriteString("None")
		default:
			b.WriteString(strconv.FormatInt(x, 10))
		}
	}
	if len(d) == 1 && v != layers.Keras3 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
