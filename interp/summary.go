package interp

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/layers"
)

// The summary of a rebuilt model: the order Keras lists the layers in, each row's output as the
// version prints it, inbound nodes, weights, the trainable split and optimizer variables.

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
	cm := &Model{Name: m.obj.name, Class: m.obj.class, Sequential: in.sequentialLike(m), Line: m.line}
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
	if !m.seq && len(m.inputs) == 0 {
		cm.Undefined = append(cm.Undefined, "the model's inputs")
	}
	if m.unknownLayers != "" {
		cm.Undefined = append(cm.Undefined, m.unknownLayers)
	}
	for _, l := range layers {
		r := in.row(l, cm, nodes, 0)
		cm.Rows = append(cm.Rows, r)
		if r.Undefined {
			cm.Undefined = append(cm.Undefined, r.Name)
		}
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
	r.Undefined, r.UnknownArgs, r.Op = l.undefined, l.unknownArgs, l.isOp
	if l.model != nil && r.Err == "" {
		r.Err = in.problem(l.model, 0) // a layer inside is not known, so neither is the model's count
	}
	// output: the call the version prints (eras.go)
	last, multiple := in.printedOutput(l, nodes)
	if nodes != nil && last != nil && !nodes[last] && in.v != layers.Keras3 {
		last = nil
	}
	if multiple && (l.built || l.model != nil) {
		r.Output = "multiple"
		for _, t := range flattenTensors(last.outTree) {
			r.Out = append(r.Out, t.dims)
		}
	} else if last == nil || (!l.built && l.model == nil) {
		r.Output = "?"
		if in.v == layers.Keras3 && !builtAtConstruction[l.class] && !(l.spec != nil && l.spec.Weightless && l.spec.Family == "pooling") {
			r.Unbuilt = true
		}
	} else {
		r.Output = in.shapeText(last.outTree, l.isInput)
		for _, t := range flattenTensors(last.outTree) {
			r.Out = append(r.Out, t.dims)
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
