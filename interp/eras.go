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
// Keras 1 and multi-backend Keras 2 count a nested model's own graph as its node 0. Dict outputs
// flatten in key order; an RNN runs a list of cells (StackedRNNCells).

// maxReplayDepth bounds the nesting of models replayed inside models.
const maxReplayDepth = 32

// maxReplayNodes bounds the nodes one replay walks (a model called on a new input in a loop).
const maxReplayNodes = 100_000

// replay computes the outputs of model m on inputs of the given shapes, layer by layer through
// its graph, without building anything anew and without notes; nil shapes where it cannot.
func (in *interpreter) replay(m *modelObj, ins []layers.Dims, depth int) []layers.Dims {
	if depth > maxReplayDepth || in.stopped {
		return nil
	}
	in.quiet++
	defer func() { in.quiet-- }()
	if m.obj.app != nil {
		if len(ins) != 1 || ins[0] == nil {
			return []layers.Dims{nil}
		}
		return []layers.Dims{appOutput(m.obj.app, ins[0])}
	}
	if m.sub {
		return nil
	}
	if m.seq {
		if len(ins) != 1 {
			return nil
		}
		cur := []layers.Dims{ins[0]}
		for _, l := range m.layers {
			if !in.spend(1, in.replayAt[0], in.replayAt[1]) {
				return []layers.Dims{nil}
			}
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
	walked := 0
	var eval func(t *tensorVal, d int) layers.Dims
	eval = func(t *tensorVal, d int) layers.Dims {
		if dims, ok := known[t]; ok {
			return dims
		}
		if t == nil || t.node == nil || d > 10000 || walked > maxReplayNodes {
			return nil
		}
		nd := t.node
		outs, ok := done[nd]
		if !ok {
			walked++
			if !in.spend(1, in.replayAt[0], in.replayAt[1]) {
				return nil
			}
			var inDims []layers.Dims
			for _, x := range nd.inputs {
				inDims = append(inDims, eval(x, d+1))
			}
			if len(nd.inputs) == 0 {
				outs = []layers.Dims{t.dims} // an input of the graph that is not the model's: as built
			} else {
				outs = in.replayNode(nd, inDims, depth)
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

// replayNode gives a node's outputs on inputs of the given shapes: its layer's, or its
// operation's with the same arguments.
func (in *interpreter) replayNode(nd *node, ins []layers.Dims, depth int) []layers.Dims {
	l := nd.layer
	if l.isOp && nd.args != nil {
		for _, d := range ins {
			if d == nil {
				return []layers.Dims{nil}
			}
		}
		k := 0
		a := &args{e: nd.args.e, posE: nd.args.posE, bad: nd.args.bad}
		for _, v := range nd.args.pos {
			a.pos = append(a.pos, reshaped(v, ins, &k, 0))
		}
		for _, kw := range nd.args.kw {
			a.kw = append(a.kw, kwArg{name: kw.name, e: kw.e, val: reshaped(kw.val, ins, &k, 0)})
		}
		outs, _ := in.opShape(nd.fn, a)
		return outs
	}
	return in.replayLayer(l, ins, depth)
}

// reshaped copies an operation's argument with its tensors given the next shapes of ins.
func reshaped(v any, ins []layers.Dims, k *int, depth int) any {
	switch x := v.(type) {
	case *tensorVal:
		var d layers.Dims
		if *k < len(ins) {
			d = ins[*k]
		}
		*k++
		return &tensorVal{dims: d, why: x.why}
	case *listVal:
		if depth > 16 {
			return x
		}
		out := &listVal{tuple: x.tuple}
		for _, it := range x.items {
			out.items = append(out.items, reshaped(it, ins, k, depth+1))
		}
		return out
	case *dictVal:
		if depth > 16 {
			return x
		}
		out := &dictVal{keys: x.keys}
		for _, it := range x.vals {
			out.vals = append(out.vals, reshaped(it, ins, k, depth+1))
		}
		return out
	}
	return v
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
	case l.custom, l.err != nil, l.isOp:
		return []layers.Dims{nil}
	case l.inst != nil:
		free := make([]any, len(ins))
		for k, d := range ins {
			free[k] = &tensorVal{dims: d}
		}
		var arg any = free[0]
		if len(free) > 1 {
			arg = &listVal{items: free}
		}
		var out []layers.Dims
		for _, t := range flattenTensors(in.runCall(l, arg, &args{e: &grammar.Expr{Line: l.line, Col: l.col}})) {
			out = append(out, t.dims)
		}
		return out
	case l.class == "Lambda":
		ts := make([]*tensorVal, len(ins))
		for k, d := range ins {
			ts[k] = &tensorVal{dims: d}
		}
		outs, _ := in.lambdaOutputs(l, l.cfg, ts, nil)
		return outs
	}
	outs, _, _, err, _ := in.buildProbed(l, l.cfg, ins, nil)
	if err != nil || len(outs) == 0 {
		return []layers.Dims{nil}
	}
	return outs
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
	if l.model == nil || l.model.sub || l.app != nil || in.v != layers.Keras1 && in.v != layers.Keras2 {
		return false
	}
	return !l.model.seq || l.model.input != nil && !l.model.inputByCall
}

// printedOutput is the node whose output a layer's row prints, and whether the row prints
// "multiple" instead: in Keras 3 its last call's, whatever model made it; before, the output all
// its calls share (a nested model's own graph counted as a call in Keras 1 and 2), or "multiple"
// when they differ. nodes are the model's nodes (nil: every node counts).
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
		return nil, false
	}
	texts := map[string]bool{}
	for _, nd := range l.nodes {
		texts[in.shapeText(nd.outTree, l.isInput)] = true
	}
	if in.ownNode(l) {
		texts[in.shapeText(in.modelOutputTree(l.model), false)] = true
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

// sortedDict gives a dict's values in the order Keras flattens a dict of outputs: sorted by key
// (tree.flatten, tf.nest.flatten), keys that are no strings after the others in their order.
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

// cells are the cells of an RNN over a list of them, RNN([LSTMCell(8), LSTMCell(4)]) or
// RNN(StackedRNNCells([...])), as the layer knowledge builds them; nil for one cell.
func (in *interpreter) cells(l *layerObj, cfg layers.Config, fill func(name string, v any) any) []*layers.Layer {
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
		out = append(out, in.layer(cl, cl.cfg, fill))
	}
	return out
}
