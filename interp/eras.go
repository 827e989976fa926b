package interp

import (
	"sort"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// What each Keras era does with models and layers used more than once: a nested model called on
// an input other than its own computes its outputs anew; the output shape a layer's row prints
// is, in Keras 3, that of its last call, and before it the one shape all its calls share, or
// `multiple` (summary-formats.md §2.2, §3.3; keras/src/utils/summary_utils.py format_layer_shape).
// Keras 1 and multi-backend Keras 2 count a nested model's own graph as its node 0.

// maxReplayDepth bounds the nesting of models replayed inside models.
const maxReplayDepth = 32

// replay computes the outputs of model m on inputs of the given shapes, layer by layer through
// its graph, without building anything anew; nil shapes where it cannot.
func (in *interpreter) replay(m *modelObj, ins []layers.Dims, depth int) []layers.Dims {
	if depth > maxReplayDepth {
		return nil
	}
	if m.seq {
		if len(ins) != 1 {
			return nil
		}
		cur := []layers.Dims{ins[0]}
		for _, l := range m.layers {
			cur = in.replayLayer(l, cur, depth)
			if len(cur) == 0 || cur[0] == nil {
				return []layers.Dims{nil}
			}
		}
		return cur
	}
	known := map[*tensorVal]layers.Dims{}
	for k, t := range m.inputs {
		if k < len(ins) {
			known[t] = ins[k]
		}
	}
	done := map[*node][]layers.Dims{}
	var eval func(t *tensorVal, d int) layers.Dims
	eval = func(t *tensorVal, d int) layers.Dims {
		if dims, ok := known[t]; ok {
			return dims
		}
		if t == nil || t.node == nil || d > 10000 {
			return nil
		}
		nd := t.node
		outs, ok := done[nd]
		if !ok {
			var inDims []layers.Dims
			for _, x := range nd.inputs {
				inDims = append(inDims, eval(x, d+1))
			}
			if len(nd.inputs) == 0 {
				outs = []layers.Dims{t.dims} // an input of the graph that is not the model's: as built
			} else {
				outs = in.replayLayer(nd.layer, inDims, depth)
			}
			done[nd] = outs
		}
		if t.index < len(outs) {
			return outs[t.index]
		}
		return nil
	}
	var out []layers.Dims
	for _, t := range flattenTensors(m.outputs) {
		out = append(out, eval(t, 0))
	}
	return out
}

// replayLayer gives a layer's outputs on inputs of the given shapes.
func (in *interpreter) replayLayer(l *layerObj, ins []layers.Dims, depth int) []layers.Dims {
	for _, d := range ins {
		if d == nil {
			return []layers.Dims{nil}
		}
	}
	switch {
	case l.model != nil:
		return in.replay(l.model, ins, depth+1)
	case l.undefined:
		return []layers.Dims{nil}
	case l.isOp:
		return []layers.Dims{buildBroadcastDimsOf(ins)}
	}
	if f, ok := l.cfg["function"].(*lambdaVal); ok && l.class == "Lambda" {
		if t, ok := l.cfg["output_shape"].([]any); ok {
			return []layers.Dims{append(layers.Dims{ins[0][0]}, layers.TupleDims(t)...)}
		}
		return []layers.Dims{lambdaShape(f.e, ins)}
	}
	outs, _, err := in.build(l, l.cfg, ins)
	if err != nil {
		return []layers.Dims{nil}
	}
	return outs
}

// buildBroadcastDimsOf is the shape an operation on tensors of these shapes gives (NumPy's
// broadcasting, layers.BroadcastOp); nil when they do not broadcast or one is unknown.
func buildBroadcastDimsOf(ins []layers.Dims) layers.Dims {
	if len(ins) == 0 {
		return nil
	}
	out := ins[0]
	for _, d := range ins[1:] {
		var err error
		if out, err = layers.BroadcastOp(out, d); err != nil {
			return nil
		}
	}
	return out
}

// sameDimsList reports whether two lists of shapes are equal.
func sameDimsList(a, b []layers.Dims) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if len(a[k]) != len(b[k]) {
			return false
		}
		for i := range a[k] {
			if a[k][i] != b[k][i] {
				return false
			}
		}
	}
	return true
}

// ownNode reports whether the version counts a nested model's own graph as its first node
// (Keras 1 and multi-backend Keras 2): its calls are then nodes 1, 2, …
func (in *interpreter) ownNode(l *layerObj) bool {
	return l.model != nil && !l.model.seq && (in.v == layers.Keras1 || in.v == layers.Keras2) ||
		l.model != nil && l.model.seq && l.model.input != nil && (in.v == layers.Keras1 || in.v == layers.Keras2)
}

// printedOutput is the output a layer's row prints: in Keras 3 its last call's (whatever model
// made it); before, the output all its calls share, or "multiple" when they differ (a nested
// model's own graph counted as a call in Keras 1 and 2). It returns the node to print and
// whether the row is "multiple".
func (in *interpreter) printedOutput(l *layerObj, nodes map[*node]bool) (*node, bool) {
	if len(l.nodes) == 0 {
		return nil, false
	}
	if in.v == layers.Keras3 {
		return l.nodes[len(l.nodes)-1], false
	}
	var last *node
	for _, nd := range l.nodes {
		if nodes == nil || nodes[nd] {
			last = nd
		}
	}
	if last == nil {
		last = l.nodes[len(l.nodes)-1]
	}
	texts := map[string]bool{}
	for _, nd := range l.nodes {
		texts[in.shapeText(nd.outTree, l.isInput)] = true
	}
	if in.ownNode(l) {
		texts[in.shapeText(toList(in.modelOutputTree(l.model)), false)] = true
	}
	return last, len(texts) > 1
}

// modelOutputTree is the output structure of a model's own graph.
func (in *interpreter) modelOutputTree(m *modelObj) any {
	if m.seq {
		return m.last
	}
	return m.outputs
}

// sortedDict gives a dict's keys and values in the order Keras flattens a dict of outputs:
// sorted by key (tree.flatten, tf.nest.flatten), keys that are no strings after the others in
// their order.
func sortedDict(d *dictVal) []any {
	idx := make([]int, len(d.keys))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, aok := d.keys[idx[a]].(string)
		kb, bok := d.keys[idx[b]].(string)
		switch {
		case aok && bok:
			return ka < kb
		case aok:
			return true
		}
		return false
	})
	out := make([]any, len(idx))
	for k, i := range idx {
		out[k] = d.vals[i]
	}
	return out
}

// cells are the cells of an RNN over a list of them: RNN([LSTMCell(8), LSTMCell(4)]) or
// RNN(StackedRNNCells([...])); nil for one cell.
func (in *interpreter) cells(l *layerObj, cfg layers.Config) []*layers.Layer {
	if l.class != "RNN" {
		return nil
	}
	list, ok := cfg["cell"].([]any)
	if !ok {
		if s, isL := cfg["cell"].(*layerObj); isL && s.class == "StackedRNNCells" {
			list, ok = s.cfg["cells"].([]any)
		}
	}
	if !ok {
		return nil
	}
	out := []*layers.Layer{}
	for _, c := range list {
		cl, isL := c.(*layerObj)
		if !isL {
			return []*layers.Layer{nil} // a cell the code does not define: the build says so
		}
		out = append(out, in.layer(cl, cl.cfg))
	}
	return out
}

// nameKwarg is the name= keyword of a call, evaluated alone.
func (in *interpreter) nameKwarg(e *grammar.Expr) layers.Config {
	cfg := layers.Config{}
	if x := e.Kwarg("name"); x != nil {
		cfg["name"] = in.toConfig(in.eval(x))
	}
	return cfg
}
