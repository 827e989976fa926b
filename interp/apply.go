package interp

import (
	"sort"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Applying layers and models to tensors: each call is a node, built through layers.Build on the
// layer's first call (probe.go when some of it is not known).

// applyCall is a layer call `layer(x, ...)` in the code.
func (in *interpreter) applyCall(l *layerObj, a *args) any {
	e := a.e
	in.keras = true
	var arg any
	argE := e
	switch {
	case len(a.pos) > 0:
		arg, argE = a.pos[0], a.exprOf(0)
	default:
		for _, k := range []string{"inputs", "x", "query"} {
			if v, ok := a.kwarg(k); ok {
				arg = v
				break
			}
		}
	}
	if arg == nil {
		in.note(e.Line, e.Col, e.String()+": "+l.name+" is called without an input")
		arg = in.unknown(e, "no input given")
	}
	if l.model != nil {
		if l.model.sub {
			return in.subCall(l.model, arg, a)
		}
		return in.applyModel(l.model, arg, argE)
	}
	if l.inst != nil {
		return in.subLayerCall(l, arg, a)
	}
	var extra []*tensorVal
	for k, x := range a.pos[min(1, len(a.pos)):] {
		extra = append(extra, in.tensorsOf(x, a.exprOf(k+1))...)
	}
	kw := layers.Config{}
	names := make([]string, 0, len(a.kw))
	for _, k := range a.kw {
		names = append(names, k.name)
	}
	sort.Strings(names)
	for _, name := range names {
		if len(a.pos) == 0 && (name == "inputs" || name == "x" || name == "query") {
			continue
		}
		v, _ := a.kwarg(name)
		if ts := flattenTensors(v); len(ts) > 0 {
			extra = append(extra, ts...)
			kw[name] = ts
			continue
		}
		kw[name] = in.toConfig(v, e)
	}
	ins := append(in.tensorsOf(arg, argE), extra...)
	return in.applyTensors(l, ins, kw, e)
}

// tensorsOf gives the tensors of a layer's input; a value that is not a tensor is one tensor
// whose shape is not known, with the reason.
func (in *interpreter) tensorsOf(v any, e *grammar.Expr) []*tensorVal {
	if ts := flattenTensors(v); len(ts) > 0 {
		return ts
	}
	var c *cause
	switch x := v.(type) {
	case unknownVal:
		c = x.c
	case opaqueVal:
		c = x.c
	case symVal:
		c = in.undefined(x, e).c
	default:
		c = &cause{line: lineOf(e), col: colOf(e), what: exprWhat(e), why: "a " + typeName(v) + " is not a tensor"}
	}
	return []*tensorVal{{why: c}}
}

// applyValue applies a layer to a value (a tensor or a list of them) with no call keywords.
func (in *interpreter) applyValue(l *layerObj, arg any, kw layers.Config) any {
	if l.model != nil {
		if l.model.sub {
			return in.subCall(l.model, arg, &args{e: &grammar.Expr{Line: l.line, Col: l.col}})
		}
		return in.applyModel(l.model, arg, nil)
	}
	if l.inst != nil {
		return in.subLayerCall(l, arg, &args{e: &grammar.Expr{Line: l.line, Col: l.col}})
	}
	return in.applyTensors(l, in.tensorsOf(arg, nil), kw, nil)
}

func (in *interpreter) applyModel(m *modelObj, arg any, e *grammar.Expr) any {
	ins := in.tensorsOf(arg, e)
	var out any
	switch {
	case m.obj.app != nil:
		return in.applyApp(m, ins, e)
	case m.seq:
		if m.input == nil {
			// built by its first call
			il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true,
				inShape: ins[0].dims, inWhy: ins[0].why, name: in.inputName()}
			nd := &node{layer: il}
			t := &tensorVal{node: nd, dims: ins[0].dims, why: ins[0].why}
			nd.outputs, nd.outTree = []*tensorVal{t}, t
			il.nodes = append(il.nodes, nd)
			m.input = il
			m.inputByCall = true
			in.maybeRebuild(m)
		}
		in.seqBuild(m)
		out = m.last
	default:
		out = m.outputs
	}
	// a nested model called on an input other than its own computes its outputs anew (eras.go)
	var own []layers.Dims
	if m.seq && m.input != nil {
		own = []layers.Dims{m.input.inShape}
	} else if !m.seq {
		for _, t := range m.inputs {
			own = append(own, t.dims)
		}
	}
	given := make([]layers.Dims, len(ins))
	for k, t := range ins {
		given[k] = t.dims
	}
	var fresh []layers.Dims
	if own != nil && !sameDimsList(own, given) {
		in.replayAt = [2]int{lineOf(e), colOf(e)}
		fresh = in.replay(m, given, 0)
		if fresh == nil {
			fresh = []layers.Dims{}
		}
	}
	// the model's own node: outputs shaped like the model's outputs
	nd := &node{layer: m.obj, index: len(m.obj.nodes), inputs: ins}
	why := &cause{why: "the output of " + m.obj.name + " is not known"}
	res := nd.adopt(out, why)
	if fresh != nil {
		for k, t := range nd.outputs {
			t.dims, t.why = nil, why
			if k < len(fresh) && fresh[k] != nil {
				t.dims = fresh[k]
				if !hasUnknownAxis(t.dims) {
					t.why = nil
				}
			}
		}
	}
	m.obj.nodes = append(m.obj.nodes, nd)
	m.obj.built = true
	return res
}

// applyTensors builds (first call) and applies a layer to input tensors.
func (in *interpreter) applyTensors(l *layerObj, ins []*tensorVal, kw layers.Config, e *grammar.Expr) any {
	in.keras = true
	if len(ins) == 0 {
		ins = []*tensorVal{{why: &cause{why: "no input"}}}
	}
	dims := make([]layers.Dims, len(ins))
	for i, t := range ins {
		dims[i] = t.dims
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
	var err, unknownCount error
	var why *cause
	var inWhy *cause
	for _, t := range ins {
		if t.why != nil && (t.dims == nil || hasUnknownAxis(t.dims)) {
			inWhy = t.why
			break
		}
	}
	switch {
	case l.err != nil:
		err = l.err
		// the row says why; what follows from it points there
		why = &cause{line: l.line, col: l.col, what: l.name, why: "the output of " + l.name + ", which kexplain cannot build", said: true}
	case l.custom:
		err = errString("its class is not one kexplain knows")
		if l.opFn != "" {
			err = errString(l.opFn)
		}
		why = &cause{line: l.line, col: l.col, what: l.name, why: "the output of a layer kexplain does not know", said: true}
	case checkInput(l, cfg, dims) != nil:
		err = checkInput(l, cfg, dims)
		why = &cause{line: l.line, col: l.col, what: l.name, why: "the output of " + l.name + ", which kexplain cannot build", said: true}
	case l.class == "Lambda":
		outs, why = in.lambdaOutputs(l, cfg, ins, e)
	default:
		outs, ws, unknownCount, err, why = in.buildProbed(l, cfg, dims, inWhy)
	}
	if !l.built && err == nil {
		l.built = true
		l.weights = ws
		if unknownCount != nil {
			l.err = unknownCount
		}
	} else if err != nil && l.err == nil {
		l.err = err
	}
	if err != nil {
		outs = nil
		if why == nil || why.line == 0 {
			why = &cause{line: l.line, col: l.col, what: l.name, why: "the output of " + l.name + ", which kexplain cannot build", said: true}
		}
	}
	if len(outs) == 0 {
		outs = []layers.Dims{nil}
	}
	nd := &node{layer: l, index: len(l.nodes), inputs: ins}
	for k, d := range outs {
		t := &tensorVal{node: nd, index: k, dims: d}
		if d == nil || hasUnknownAxis(d) {
			t.why = why
		}
		nd.outputs = append(nd.outputs, t)
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

func hasUnknownAxis(d layers.Dims) bool {
	for _, x := range d {
		if x == dimUnknown || x == dimAnyAxes {
			return true
		}
	}
	return false
}

// lambdaOutputs runs a Lambda layer's function on its inputs (without making rows), or reads its
// output_shape.
func (in *interpreter) lambdaOutputs(l *layerObj, cfg layers.Config, ins []*tensorVal, e *grammar.Expr) ([]layers.Dims, *cause) {
	if t, ok := cfg["output_shape"].([]any); ok && len(ins) > 0 && ins[0].dims != nil {
		d, why := in.configDims(t, false)
		return []layers.Dims{append(layers.Dims{ins[0].dims[0]}, d...)}, why
	}
	fn, ok := cfg["function"].(*funcVal)
	if !ok {
		c := causeOfArg(cfg["function"])
		if c == nil {
			c = &cause{what: l.name, why: "the Lambda's function is not known"}
		}
		return nil, c
	}
	free := make([]any, 0, len(ins))
	for _, t := range ins {
		free = append(free, &tensorVal{dims: t.dims, why: t.why})
	}
	var arg any = free[0]
	if len(free) > 1 {
		arg = &listVal{items: free}
	}
	if e == nil {
		e = &grammar.Expr{Line: l.line, Col: l.col}
	}
	in.free++
	res := in.callFunc(fn, nil, &args{e: e, pos: []any{arg}})
	in.free--
	ts := flattenTensors(res)
	if len(ts) == 0 {
		c, _ := unknownOf(res)
		if c == nil {
			c = &cause{line: fn.line, what: l.name, why: "the Lambda's function does not give a tensor kexplain can follow"}
		}
		return nil, c
	}
	var outs []layers.Dims
	var why *cause
	for _, t := range ts {
		outs = append(outs, t.dims)
		if t.why != nil && why == nil {
			why = t.why
		}
	}
	return outs, why
}

// layer is the configuration of l that the layer knowledge builds: cfg is its configuration with
// the call's keywords over it; fill replaces the values kexplain does not know (nil: none).
func (in *interpreter) layer(l *layerObj, cfg layers.Config, fill func(name string, v any) any) *layers.Layer {
	if fill != nil {
		c := make(layers.Config, len(cfg))
		for k, v := range cfg {
			c[k] = fill(k, v)
		}
		cfg = c
	}
	ly := &layers.Layer{Class: l.class, Name: l.name, Config: cfg, Version: in.v}
	if l.inner != nil {
		ly.Inner = in.layer(l.inner, l.inner.cfg, fill)
	}
	ly.Cells = in.cells(l, cfg, fill)
	return ly
}

// customObj is a layer of a class kexplain does not know, made from an opaque value (an unknown
// class's instance, or a function the paste does not define, called on tensors).
func (in *interpreter) customObj(o opaqueVal) *layerObj {
	last := o.callee[lastDot(o.callee)+1:]
	l := &layerObj{class: last, cfg: layers.Config{}, trainable: true, custom: true}
	if o.call != nil {
		l.line, l.col = o.call.Line, o.call.Col
	}
	if o.c != nil {
		in.say(o.c)
		l.err = errString(o.c.why)
		if isCamel(last) {
			l.err = errString(o.c.why + ": its count and output are not known")
		}
	}
	if !isCamel(last) {
		// a function the paste does not define: one row for whatever it makes
		l.class = "?"
		l.name = in.uniquify(last)
		l.opFn = last + "() is not defined in the paste: the layers it makes are not known"
		l.err = errString(l.opFn)
		return l
	}
	if o.call != nil {
		for _, k := range o.call.Kwargs {
			if k.Name == "name" && k.Value.Kind == grammar.ExprString {
				l.name = k.Value.Str
			}
		}
	}
	if l.name == "" {
		l.name = in.autoName(last)
	}
	return l
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// customLayer applies a layer kexplain does not know to tensors: a row of its own, "?" with the
// reason, whose output is not known.
func (in *interpreter) customLayer(o opaqueVal, a *args) any {
	in.keras = true
	l := in.customObj(o)
	if !in.newLayerBudget(a.e.Line, a.e.Col) {
		return unknownVal{c: stoppedCause}
	}
	var ins []*tensorVal
	for k, x := range a.pos {
		ins = append(ins, flattenTensors(x)...)
		_ = k
	}
	for _, k := range a.kw {
		ins = append(ins, flattenTensors(k.val)...)
	}
	if in.free > 0 {
		return &tensorVal{why: &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "the output of something kexplain does not know"}}
	}
	return in.applyTensors(l, ins, nil, a.e)
}
