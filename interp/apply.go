package interp

import (
	"sort"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Applying layers and models to tensors: each call is a node, built through layers.Build on
// its first call.

// apply is a layer call `layer(x, ...)` in the code.
func (in *interpreter) apply(l *layerObj, e *grammar.Expr) any {
	var arg any = unknownVal{}
	if len(e.Items) > 0 {
		arg = in.tensorArg(in.eval(e.Items[0]), e.Items[0])
	} else if x := e.Kwarg("inputs"); x != nil {
		arg = in.tensorArg(in.eval(x), x)
	} else if x := e.Kwarg("query"); x != nil {
		arg = in.tensorArg(in.eval(x), x)
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
	// the model's own node: outputs shaped like the model's outputs, computed anew when the
	// call's inputs are not the model's own (eras.go)
	var own []layers.Dims
	if m.seq && m.input != nil {
		own = []layers.Dims{m.input.inShape}
	} else {
		for _, t := range m.inputs {
			own = append(own, t.dims)
		}
	}
	var given []layers.Dims
	for _, t := range ins {
		given = append(given, t.dims)
	}
	var fresh []layers.Dims
	if !sameDimsList(own, given) {
		fresh = in.replay(m, given, 0)
	}
	nd := &node{layer: m.obj, index: len(m.obj.nodes), inputs: ins}
	var mk func(v any) any
	mk = func(v any) any {
		switch x := v.(type) {
		case *tensorVal:
			d := x.dims
			if fresh != nil {
				d = nil
				if k := len(nd.outputs); k < len(fresh) {
					d = fresh[k]
				}
			}
			t := &tensorVal{node: nd, index: len(nd.outputs), dims: d}
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
	unknownIn := false
	for _, t := range ins {
		dims = append(dims, t.dims)
		unknownIn = unknownIn || t.dims == nil
	}
	if unknownIn || l.undefined {
		// the code does not give the input's shape (or the layer): the output's is unknown too
		if !l.built && !l.undefined {
			l.err = errUnknownInput
		}
		nd := &node{layer: l, index: len(l.nodes), inputs: ins}
		t := &tensorVal{node: nd}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		l.nodes = append(l.nodes, nd)
		return t
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
	c.Cells = in.cells(l, cfg)
	return c
}
