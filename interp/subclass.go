package interp

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Classes the code defines, and subclassed Keras models and layers: the layers assigned to self
// in __init__ are the model's rows (in assignment order, as Keras tracks them); call() runs on a
// symbolic input when the model is built (model.build(shape), or called on a tensor), building
// each layer it uses. A subclassed layer's build() may add weights (self.add_weight); its count
// is those and its sublayers'. Keras 3 shows layers never built as "0 (unbuilt)", tf.keras shows
// every output as "multiple".

// lookup finds a class attribute (a method), in the class and then its bases.
func (c *classVal) lookup(name string) (any, bool) {
	return c.lookupDepth(name, 0)
}

func (c *classVal) lookupDepth(name string, depth int) (any, bool) {
	if depth > 32 {
		return nil, false
	}
	if v, ok := c.attrs[name]; ok {
		return v, true
	}
	for _, b := range c.bases {
		if v, ok := b.lookupDepth(name, depth+1); ok {
			return v, true
		}
	}
	return nil, false
}

// defClass runs a class statement.
func (in *interpreter) defClass(fr *frame, s *grammar.Stmt) *classVal {
	cls := &classVal{name: s.Name, attrs: map[string]any{}, line: s.Line, defined: true}
	for _, b := range s.Bases() {
		switch v := in.eval(fr, b).(type) {
		case *classVal:
			cls.bases = append(cls.bases, v)
			if cls.keras == "" {
				cls.keras = v.keras
			}
		case symVal:
			last := string(v)[strings.LastIndexByte(string(v), '.')+1:]
			switch last {
			case "Model", "Sequential", "Functional":
				cls.keras = "Model"
			case "Layer":
				cls.keras = "Layer"
			}
		case *modelObj:
			cls.keras = "Model"
		}
	}
	body := &frame{sc: newScope(fr.sc)}
	stmts := s.Body
	if isDataclass(s) {
		stmts = in.dataFields(cls, body, s.Body)
	}
	in.exec(body, stmts)
	for k, v := range body.sc.vars {
		if f, ok := v.(*funcVal); ok {
			f.closure = fr.sc // methods do not see the class's own names
		}
		cls.attrs[k] = v
	}
	return cls
}

// isDataclass reports a class whose __init__ Python generates from its annotated fields: one
// decorated @dataclass (dataclasses.dataclass, @dataclass(frozen=True), attrs' @define) or derived
// from NamedTuple.
func isDataclass(s *grammar.Stmt) bool {
	for _, d := range s.Decorators() {
		x := d
		if x.Kind == grammar.ExprCall {
			x = x.X
		}
		switch name := x.Dotted(); name[strings.LastIndexByte(name, '.')+1:] {
		case "dataclass", "define", "frozen", "attrs", "s":
			return true
		}
	}
	for _, b := range s.Bases() {
		if n := b.Dotted(); n == "NamedTuple" || strings.HasSuffix(n, ".NamedTuple") {
			return true
		}
	}
	return false
}

// dataFields reads a dataclass's annotated fields (name: type = default, field(default=...),
// field(default_factory=...)) into cls.fields, in order, and returns the other statements of its
// body; a base dataclass's fields come first.
func (in *interpreter) dataFields(cls *classVal, body *frame, stmts []*grammar.Stmt) []*grammar.Stmt {
	for _, b := range cls.bases {
		cls.fields = append(cls.fields, b.fields...)
	}
	var rest []*grammar.Stmt
	for _, st := range stmts {
		if st.Kind != grammar.StmtAnnAssign || len(st.Targets) == 0 || len(st.Targets[0]) != 1 ||
			st.Targets[0][0].Kind != grammar.ExprName {
			rest = append(rest, st)
			continue
		}
		f := classField{name: st.Targets[0][0].Name}
		if v := st.Value; v != nil {
			f.hasDef = true
			if v.Kind == grammar.ExprCall && (v.X.Dotted() == "field" || strings.HasSuffix(v.X.Dotted(), ".field") ||
				strings.HasSuffix(v.X.Dotted(), ".Field") || v.X.Dotted() == "Field") {
				f.hasDef = false
				for _, k := range v.Kwargs {
					switch k.Name {
					case "default":
						f.def, f.hasDef = in.eval(body, k.Value), true
					case "default_factory":
						f.factory, f.hasDef = in.eval(body, k.Value), true
					}
				}
				if len(v.Items) > 0 && !f.hasDef {
					f.def, f.hasDef = in.eval(body, v.Items[0]), true // pydantic's Field(64)
				}
			} else {
				f.def = in.eval(body, v)
			}
			if f.hasDef && f.factory == nil {
				body.sc.vars[f.name] = f.def // the class attribute
			}
		}
		replaced := false
		for i := range cls.fields {
			if cls.fields[i].name == f.name {
				cls.fields[i], replaced = f, true
			}
		}
		if !replaced {
			cls.fields = append(cls.fields, f)
		}
	}
	return rest
}

// dataInit is the __init__ Python generates for a dataclass: each field from its positional or
// keyword argument, or its default (a factory is called anew), then __post_init__.
func (in *interpreter) dataInit(inst *instVal, a *args) {
	e := a.e
	for i, f := range inst.cls.fields {
		var v any
		switch kv, ok := a.kwarg(f.name); {
		case i < len(a.pos):
			v = a.pos[i]
		case ok:
			v = kv
		case f.factory != nil:
			v = in.callValue(f.factory, &args{e: e})
		case f.hasDef:
			v = f.def
		case a.bad != nil:
			v = a.bad
		default:
			v = unknownVal{c: &cause{line: e.Line, col: e.Col, what: e.String(),
				why: "the field " + f.name + " of " + inst.cls.name + " is not given"}}
		}
		in.instSet(inst, f.name, v)
	}
	if post, ok := inst.cls.lookup("__post_init__"); ok {
		if fn, ok := post.(*funcVal); ok {
			in.callFunc(fn, inst, &args{e: e})
		}
	}
}

// instantiate calls a class: an instance, with its __init__ run.
func (in *interpreter) instantiate(cls *classVal, a *args) any {
	e := a.e
	inst := &instVal{cls: cls, attrs: map[string]any{}}
	var self any = inst
	switch cls.keras {
	case "Model":
		in.keras = true
		if !in.newLayerBudget(e.Line, e.Col) {
			return unknownVal{c: stoppedCause}
		}
		m := &modelObj{sub: true, line: e.Line}
		l := &layerObj{class: cls.name, cfg: layers.Config{}, line: e.Line, col: e.Col, trainable: true, model: m, inst: inst}
		l.name = in.modelName(snakeK3(cls.name))
		if in.v == layers.Keras1 || in.v == layers.Keras2 {
			l.name = in.autoName(cls.name)
		}
		m.obj = l
		inst.obj = l
		in.models = append(in.models, m)
		self = m
	case "Layer":
		in.keras = true
		if !in.newLayerBudget(e.Line, e.Col) {
			return unknownVal{c: stoppedCause}
		}
		l := &layerObj{class: cls.name, cfg: layers.Config{}, line: e.Line, col: e.Col, trainable: true, inst: inst}
		l.name = in.autoName(cls.name)
		inst.obj = l
		self = l
	}
	if init, ok := cls.lookup("__init__"); ok {
		if f, ok := init.(*funcVal); ok {
			in.callFunc(f, self, a)
		}
	} else if cls.fields != nil {
		in.dataInit(inst, a)
	} else if inst.obj != nil {
		in.kerasInit(inst.obj, a)
	}
	return self
}

// kerasInit is keras.Model.__init__ / keras.layers.Layer.__init__: a name, trainable.
func (in *interpreter) kerasInit(l *layerObj, a *args) {
	if v, ok := a.kwarg("name"); ok {
		if s, ok := v.(string); ok {
			l.name = s
		}
	}
	if v, ok := a.kwarg("trainable"); ok {
		if b, ok := v.(bool); ok && !b {
			l.trainable, l.ctorFrozen = false, true
		}
	}
	if l.model != nil && l.model.sub {
		// keras.Model(inputs, outputs) called through super().__init__: a functional model
		if len(a.pos) >= 2 || hasKw(a, "inputs") && hasKw(a, "outputs") {
			if f, ok := in.newFunctional(a).(*modelObj); ok {
				m := l.model
				m.sub = false
				m.inputs, m.outputs = f.inputs, f.outputs
				in.models = removeModel(in.models, f)
			}
		}
	}
}

func hasKw(a *args, name string) bool {
	_, ok := a.kwarg(name)
	return ok
}

func removeModel(ms []*modelObj, m *modelObj) []*modelObj {
	out := ms[:0]
	for _, x := range ms {
		if x != m {
			out = append(out, x)
		}
	}
	return out
}

// superOf is super() inside a method: the instance and the class the method belongs to.
func (in *interpreter) superOf(a *args) any {
	// super() without arguments: the running method's self; kexplain finds it as the first
	// variable of the running scope that is an instance
	return superVal{}
}

func (in *interpreter) superMethod(s superVal, name string, a *args) any {
	if name == "__init__" {
		// the self is the first argument of the running method; it was bound when the method
		// was called, so super().__init__ only needs the keras arguments
		if l := in.currentSelf(); l != nil {
			if inst := instOf(l); inst != nil {
				for _, b := range inst.cls.bases {
					if init, ok := b.lookup("__init__"); ok {
						if f, ok := init.(*funcVal); ok {
							return in.callFunc(f, l, a)
						}
					}
				}
			}
			if lo := layerOfSelf(l); lo != nil {
				in.kerasInit(lo, a)
			}
		}
		return noneVal{}
	}
	if l := in.currentSelf(); l != nil {
		if inst := instOf(l); inst != nil {
			for _, b := range inst.cls.bases {
				if m, ok := b.lookup(name); ok {
					if f, ok := m.(*funcVal); ok {
						return in.callFunc(f, l, a)
					}
				}
			}
		}
		lo := layerOfSelf(l)
		if lo != nil && lo.model != nil && lo.model.sub && name == "build" && !lo.model.userBuild {
			// Model.build(shape) from the subclass's own build(): the model is built as
			// model.build(shape) builds one without a build() of its own
			if v, ok := a.arg(0, "input_shape"); ok {
				if shape := in.toConfig(v, a.exprOf(0)); shape != nil {
					d, why := in.configDims(shape, false)
					lo.model.userBuild = true
					in.subBuild(lo.model, d, why, a.e)
					lo.model.userBuild = false
				}
			}
			return noneVal{}
		}
		if lo != nil && (name == "build" || name == "call") {
			return noneVal{}
		}
	}
	return in.unknown(a.e, "super()."+name+"() is not evaluated")
}

// selfStack holds the self of each running method.
func (in *interpreter) currentSelf() any {
	if len(in.selves) == 0 {
		return nil
	}
	return in.selves[len(in.selves)-1]
}

func instOf(self any) *instVal {
	switch x := self.(type) {
	case *instVal:
		return x
	case *layerObj:
		return x.inst
	case *modelObj:
		return x.obj.inst
	}
	return nil
}

func layerOfSelf(self any) *layerObj {
	switch x := self.(type) {
	case *layerObj:
		return x
	case *modelObj:
		return x.obj
	case *instVal:
		return x.obj
	}
	return nil
}

// instAttr reads an attribute of an instance: its own, then its class's (methods bound to it),
// then for Keras objects what a layer or model has.
func (in *interpreter) instAttr(inst *instVal, name string, e *grammar.Expr) any {
	if v, ok := inst.attrs[name]; ok {
		return v
	}
	if v, ok := inst.cls.lookup(name); ok {
		if f, ok := v.(*funcVal); ok {
			var self any = inst
			if inst.obj != nil {
				self = layerValue(inst.obj)
			}
			return &boundVal{fn: f, self: self}
		}
		return v
	}
	if l := inst.obj; l != nil {
		switch name {
		case "add_weight", "add_variable":
			return methodVal{recv: inst, name: name}
		case "trainable":
			return l.trainable
		case "name":
			return l.name
		}
		if l.model != nil {
			saved := l.inst
			l.inst = nil
			v := in.modelAttr(l.model, name, e)
			l.inst = saved
			return v
		}
		saved := l.inst
		l.inst = nil
		v := in.layerAttr(l, name, e)
		l.inst = saved
		return v
	}
	return in.unknown(e, "the attribute "+name+" of a "+inst.cls.name+" is not set in the paste")
}

// instSet sets an attribute of an instance; a Keras object tracks the layers assigned to it.
func (in *interpreter) instSet(inst *instVal, name string, v any) {
	if _, ok := inst.attrs[name]; !ok {
		inst.order = append(inst.order, name)
	}
	if o, ok := v.(opaqueVal); ok && inst.obj != nil {
		v = in.customObj(o) // a layer kexplain does not know is still a tracked layer, a row
	}
	inst.attrs[name] = v
	in.retrack(inst)
}

// retrack finds the layers a Keras object tracks: those in its attributes, in the order they
// were first set, lists and dicts of layers included (their later appends too), as Keras tracks
// them. A subclassed model's rows are these.
func (in *interpreter) retrack(inst *instVal) {
	if inst.obj == nil {
		return
	}
	inst.tracked = inst.tracked[:0]
	seen := map[*layerObj]bool{}
	var track func(v any, depth int)
	track = func(v any, depth int) {
		if depth > 8 {
			return
		}
		var l *layerObj
		switch x := v.(type) {
		case *layerObj:
			l = x
		case *modelObj:
			l = x.obj
		case *instVal:
			l = x.obj
		case *listVal:
			for i, it := range x.items {
				if o, ok := it.(opaqueVal); ok {
					x.items[i] = in.customObj(o)
				}
				track(x.items[i], depth+1)
			}
		case *dictVal:
			for _, it := range x.vals {
				track(it, depth+1)
			}
		}
		if l == nil || l == inst.obj || l.isInput || seen[l] {
			return
		}
		seen[l] = true
		inst.tracked = append(inst.tracked, l)
	}
	for _, name := range inst.order {
		track(inst.attrs[name], 0)
	}
	if m := inst.obj.model; m != nil {
		m.layers = append(m.layers[:0], inst.tracked...)
	}
}

// instMethod is add_weight on a subclassed layer.
func (in *interpreter) instMethod(inst *instVal, name string, a *args) any {
	e := a.e
	if name != "add_weight" && name != "add_variable" || inst.obj == nil {
		return in.unknown(e, name+"() is not evaluated")
	}
	l := inst.obj
	wname := "weight"
	var shape any
	for i, v := range a.pos {
		switch x := v.(type) {
		case string:
			if i == 0 {
				wname = x
			}
		case *listVal:
			shape = x
		}
	}
	if v, ok := a.kwarg("name"); ok {
		if s, ok := v.(string); ok {
			wname = s
		}
	}
	if v, ok := a.kwarg("shape"); ok {
		shape = v
	}
	trainable := true
	if v, ok := a.kwarg("trainable"); ok && truth(v) == 0 {
		trainable = false
	}
	d, why := in.configDims(in.toConfig(shape, e), false)
	if lv, isList := shape.(*listVal); shape == nil || isList && len(lv.items) == 0 {
		d, why = layers.Dims{}, nil // a scalar: shape=() or no shape
	}
	if d == nil || why != nil || hasUnknownAxis(d) {
		if why == nil {
			why = &cause{line: e.Line, col: e.Col, what: e.String(), why: "the shape of the weight is not known"}
		}
		if l.err == nil {
			l.err = in.causeErr("the shape of its weight "+wname+" is not known", why)
		}
		return &tensorVal{why: why}
	}
	for _, x := range d {
		if x < 0 {
			if l.err == nil {
				l.err = errString("its weight " + wname + " has an axis that is not a number")
			}
			return &tensorVal{dims: d}
		}
	}
	l.weights = append(l.weights, layers.Weight{Name: wname, Shape: append([]int64{}, d...), Trainable: trainable})
	return &tensorVal{dims: d}
}

// subBuild is model.build(shape) of a subclassed model. tf.keras runs call() on a symbolic input
// of that shape; Keras 3's Model has no build() of its own, and Layer.build only marks the model
// built (with a warning), so the layers stay unbuilt until the model is called.
func (in *interpreter) subBuild(m *modelObj, d layers.Dims, why *cause, e *grammar.Expr) {
	if in.v == layers.Keras3 && m.userBuild {
		m.buildNoCall = true
		in.note(e.Line, e.Col, e.String()+": in Keras 3, the build() a subclassed model inherits runs no call(): the layers "+
			"its own build() makes stay unbuilt, and summary() lists them as 0 (unbuilt); calling the model on data, "+
			"e.g. model(keras.ops.zeros(...)), builds them")
		return
	}
	if in.v == layers.Keras3 {
		m.buildNoCall = true
		in.note(e.Line, e.Col, e.String()+": Keras 3's build() does not run call() of a subclassed model that has no "+
			"build() of its own: its layers stay unbuilt (Keras warns), and summary() lists them as 0 (unbuilt); "+
			"calling the model on data, e.g. "+receiver(e, m.obj.name)+"(keras.ops.zeros(...)), builds them")
		return
	}
	t := &tensorVal{dims: d, why: why}
	in.subCall(m, t, &args{e: e})
}

// subCall runs a subclassed model's call() on its input; the model's node gives the output.
func (in *interpreter) subCall(m *modelObj, arg any, a *args) any {
	l := m.obj
	ins := in.tensorsOf(arg, a.e)
	if !l.built && !m.userBuild && l.inst != nil && len(ins) > 0 {
		// the first call builds the model: its own build(), if the class has one, makes its layers
		if bv, ok := l.inst.cls.lookup("build"); ok {
			if f, ok := bv.(*funcVal); ok {
				m.userBuild = true
				in.callFunc(f, layerValue(l), &args{e: a.e, pos: []any{shapeTuple(ins[0])}})
				m.userBuild = false
			}
		}
	}
	res := in.runCall(l, arg, a)
	ts := flattenTensors(res)
	if len(ins) > 0 && ins[0].dims != nil {
		m.subBuilt = true
		if ins[0].node == nil && !m.buildNoCall {
			m.subEager = true // called on data, not on a symbolic input
		}
	}
	l.built = true
	nd := &node{layer: l, index: len(l.nodes), inputs: ins}
	why, _ := unknownOf(res)
	if why == nil {
		why = &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: l.name + ".call() gives no tensor kexplain can follow"}
	}
	if len(ts) == 0 {
		res = nil
	}
	out := nd.adopt(res, why)
	l.nodes = append(l.nodes, nd)
	return out
}

// receiver is the object a method call is made on, as written: "model" of model.build(...).
func receiver(e *grammar.Expr, def string) string {
	if e != nil && e.Kind == grammar.ExprCall && e.X.Kind == grammar.ExprAttr {
		return e.X.X.String()
	}
	return def
}

// runCall runs call(self, inputs, ...) of a subclassed model or layer, without rows for the
// operations in it.
func (in *interpreter) runCall(l *layerObj, arg any, a *args) any {
	inst := l.inst
	if inst == nil {
		return in.unknown(a.e, "not a subclassed layer")
	}
	fv, ok := inst.cls.lookup("call")
	f, isFn := fv.(*funcVal)
	if !ok || !isFn {
		return in.unknown(a.e, inst.cls.name+" has no call() in the paste")
	}
	call := &args{e: a.e, pos: []any{freeOf(arg)}, posE: []*grammar.Expr{a.exprOf(0)}}
	if len(a.pos) > 1 {
		call.pos = append(call.pos, a.pos[1:]...)
		call.posE = append(call.posE, a.posE[1:]...)
	}
	for _, k := range a.kw {
		if k.name != "inputs" && k.name != "x" {
			call.kw = append(call.kw, k)
		}
	}
	in.free++
	res := in.callFunc(f, layerValue(l), call)
	in.free--
	return res
}

// freeOf copies tensors so that what call() does with them makes no rows.
func freeOf(v any) any {
	switch x := v.(type) {
	case *tensorVal:
		return &tensorVal{dims: x.dims, why: x.why}
	case *listVal:
		out := &listVal{tuple: x.tuple}
		for _, it := range x.items {
			out.items = append(out.items, freeOf(it))
		}
		return out
	case *dictVal:
		out := &dictVal{keys: x.keys}
		for _, it := range x.vals {
			out.vals = append(out.vals, freeOf(it))
		}
		return out
	}
	return v
}

// subLayerCall applies a subclassed layer: build() on the first call (add_weight), then call().
func (in *interpreter) subLayerCall(l *layerObj, arg any, a *args) any {
	ins := in.tensorsOf(arg, a.e)
	inst := l.inst
	if !l.built {
		l.built = true
		if bv, ok := inst.cls.lookup("build"); ok {
			if f, ok := bv.(*funcVal); ok {
				in.callFunc(f, l, &args{e: a.e, pos: []any{shapeTuple(ins[0])}})
			}
		}
	}
	res := in.runCall(l, arg, a)
	ts := flattenTensors(res)
	if out, ok := in.computeOutputShape(l, ins, a); ok && (len(ts) != 1 || ts[0].dims == nil || hasUnknownAxis(ts[0].dims) || in.v == layers.Keras3) {
		// Keras 3 takes a layer's output from its compute_output_shape() when the class has one;
		// where call() could not be followed, it is what the author says the output is
		ts = []*tensorVal{out}
	}
	nd := &node{layer: l, index: len(l.nodes), inputs: ins}
	if len(ts) == 0 {
		c, _ := unknownOf(res)
		if c == nil {
			c = &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: l.name + ".call() gives no tensor kexplain can follow"}
		}
		t := &tensorVal{node: nd, why: c}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		l.nodes = append(l.nodes, nd)
		return t
	}
	var outs []*tensorVal
	for k, t := range ts {
		outs = append(outs, &tensorVal{node: nd, index: k, dims: t.dims, why: t.why})
	}
	nd.outputs = outs
	if len(outs) == 1 {
		nd.outTree = outs[0]
	} else {
		lv := &listVal{}
		for _, t := range outs {
			lv.items = append(lv.items, t)
		}
		nd.outTree = lv
	}
	l.nodes = append(l.nodes, nd)
	return nd.outTree
}

// shapeTuple is a tensor's shape as Python sees it in build() and compute_output_shape(): a tuple
// of ints and None, unknown axes unknown.
func shapeTuple(t *tensorVal) any {
	if t.dims == nil || partial(t.dims) {
		return unknownVal{c: t.why}
	}
	sh := &listVal{tuple: true}
	for _, d := range t.dims {
		switch {
		case d == dimUnknown:
			sh.items = append(sh.items, unknownVal{c: t.why})
		case d < 0:
			sh.items = append(sh.items, noneVal{})
		default:
			sh.items = append(sh.items, d)
		}
	}
	return sh
}

// computeOutputShape runs the compute_output_shape(input_shape) a subclassed layer defines on its
// single input, and reads the tuple it returns; false when the class has none or the input is
// not one tensor. What it cannot read stays an unknown axis with its cause.
func (in *interpreter) computeOutputShape(l *layerObj, ins []*tensorVal, a *args) (*tensorVal, bool) {
	if l.inst == nil || len(ins) != 1 {
		return nil, false
	}
	fv, ok := l.inst.cls.lookup("compute_output_shape")
	f, isFn := fv.(*funcVal)
	if !ok || !isFn {
		return nil, false
	}
	in.free++
	res := in.callFunc(f, layerValue(l), &args{e: a.e, pos: []any{shapeTuple(ins[0])}})
	in.free--
	lv, ok := res.(*listVal)
	if !ok {
		c, _ := unknownOf(res)
		if c == nil {
			c = &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: l.name + ".compute_output_shape() gives no shape kexplain can read"}
		}
		return &tensorVal{why: c}, true
	}
	out := make(layers.Dims, len(lv.items))
	var why *cause
	for i, it := range lv.items {
		switch v := it.(type) {
		case int64:
			if v < 0 {
				out[i], why = dimUnknown, &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: l.name + ".compute_output_shape() gives a negative axis"}
			} else {
				out[i] = v
			}
		case noneVal:
			out[i] = -1
		default:
			out[i] = dimUnknown
			if c, _ := unknownOf(it); c != nil {
				why = c
			} else {
				why = &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: l.name + ".compute_output_shape() gives an axis kexplain cannot read"}
			}
		}
	}
	return &tensorVal{dims: out, why: why}, true
}
