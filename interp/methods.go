package interp

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Methods: of lists, dicts and strings, of models (add, summary, build, compile, fit, get_layer,
// pop) and layers (count_params); attributes of layers and models.

func (in *interpreter) method(mv methodVal, a *args) any {
	e := a.e
	switch r := mv.recv.(type) {
	case *listVal:
		return in.listMethod(r, mv.name, a)
	case *dictVal:
		return in.dictMethod(r, mv.name, a)
	case string:
		return in.strMethod(r, mv.name, a)
	case *modelObj:
		return in.modelMethod(r, mv.name, a)
	case *layerObj:
		if r.model != nil {
			return in.modelMethod(r.model, mv.name, a)
		}
		return in.layerMethod(r, mv.name, a)
	case superVal:
		return in.superMethod(r, mv.name, a)
	case *instVal:
		return in.instMethod(r, mv.name, a)
	case *tensorVal:
		if r.data && r.dims != nil {
			return in.dataMethod(r, mv.name, a)
		}
	case opaqueVal:
		// a scikit-learn scaler (scalerClass): the data it gives back has the shape of the data it is given
		if len(a.pos) == 1 {
			if t, ok := a.pos[0].(*tensorVal); ok && t.data && t.dims != nil {
				return &tensorVal{dims: append(layers.Dims{}, t.dims...), data: true, why: t.why}
			}
			if c, ok := unknownOf(a.pos[0]); ok {
				return unknownVal{c: c}
			}
		}
	case unknownVal:
		// data kexplain does not know (read from a file): its reshape() still gives the axes it names
		if mv.name == "reshape" {
			return in.reshapeData(&tensorVal{data: true, why: r.c}, a)
		}
		return r
	}
	return in.unknown(e, mv.name+"() is not evaluated")
}

func (in *interpreter) listMethod(l *listVal, name string, a *args) any {
	e := a.e
	switch name {
	case "append":
		if len(a.pos) == 1 && !l.tuple {
			if in.sized(len(l.items)+1, e) {
				l.items = append(l.items, a.pos[0])
			}
			return noneVal{}
		}
	case "extend":
		if len(a.pos) == 1 && !l.tuple {
			items, ok := in.iterate(a.pos[0], a.exprOf(0))
			if !ok {
				c, _ := unknownOf(a.pos[0])
				in.skipNote(e.Line, e.Col, e.String()+": the values added are not known"+causeText(c)+", so the list is not changed")
				return noneVal{}
			}
			if in.sized(len(l.items)+len(items), e) {
				l.items = append(l.items, items...)
			}
			return noneVal{}
		}
	case "insert":
		if len(a.pos) == 2 && !l.tuple {
			if i, ok := a.pos[0].(int64); ok {
				n := int64(len(l.items))
				if i < 0 {
					i += n
				}
				i = max(0, min(i, n))
				l.items = append(l.items[:i], append([]any{a.pos[1]}, l.items[i:]...)...)
				return noneVal{}
			}
		}
	case "pop":
		if l.tuple || len(l.items) == 0 {
			break
		}
		i := int64(len(l.items) - 1)
		if len(a.pos) == 1 {
			k, ok := a.pos[0].(int64)
			if !ok {
				break
			}
			if k < 0 {
				k += int64(len(l.items))
			}
			if k < 0 || k >= int64(len(l.items)) {
				break
			}
			i = k
		}
		v := l.items[i]
		l.items = append(l.items[:i], l.items[i+1:]...)
		return v
	case "copy":
		return &listVal{items: append([]any{}, l.items...), tuple: l.tuple}
	case "reverse":
		for i, j := 0, len(l.items)-1; i < j; i, j = i+1, j-1 {
			l.items[i], l.items[j] = l.items[j], l.items[i]
		}
		return noneVal{}
	case "clear":
		l.items = nil
		return noneVal{}
	case "index", "count":
		if len(a.pos) == 1 {
			n := int64(0)
			for i, it := range l.items {
				switch equal(it, a.pos[0]) {
				case 1:
					if name == "index" {
						return int64(i)
					}
					n++
				case -1:
					return in.unknown(e, name+"() of values kexplain cannot compare")
				}
			}
			if name == "count" {
				return n
			}
		}
	}
	return in.unknown(e, "list."+name+"() is not evaluated here")
}

// causeText is " (cause)" for a note about an unknown value, or " (see line:col)" when the cause
// has a note of its own already.
func causeText(c *cause) string {
	if c == nil {
		return ""
	}
	if c.said && c.line > 0 {
		return " (see " + strconv.Itoa(c.line) + ":" + strconv.Itoa(c.col) + ")"
	}
	c.said = true
	return " (" + c.String() + ")"
}

func (in *interpreter) dictMethod(d *dictVal, name string, a *args) any {
	e := a.e
	switch name {
	case "get", "pop", "setdefault":
		if len(a.pos) == 0 {
			break
		}
		v, found := d.lookup(a.pos[0])
		switch found {
		case 1:
			if name == "pop" {
				for i := range d.keys {
					if equal(d.keys[i], a.pos[0]) == 1 {
						d.keys = append(d.keys[:i], d.keys[i+1:]...)
						d.vals = append(d.vals[:i], d.vals[i+1:]...)
						break
					}
				}
			}
			return v
		case 0:
			var def any = noneVal{}
			if len(a.pos) > 1 {
				def = a.pos[1]
			} else if name == "pop" {
				ks, _ := pyRepr(a.pos[0])
				return in.unknown(e, "the key "+ks+" is not in the dict")
			}
			if name == "setdefault" {
				d.set(a.pos[0], def)
			}
			return def
		}
		return in.unknownFrom(a.pos[0], e, "the key is not known")
	case "keys", "iterkeys": // iter*: Python 2's
		return &listVal{items: append([]any{}, d.keys...)}
	case "values", "itervalues":
		return &listVal{items: append([]any{}, d.vals...)}
	case "items", "iteritems":
		out := &listVal{}
		for i := range d.keys {
			out.items = append(out.items, &listVal{tuple: true, items: []any{d.keys[i], d.vals[i]}})
		}
		return out
	case "update":
		if len(a.pos) == 1 {
			src, ok := a.pos[0].(*dictVal)
			if !ok {
				break
			}
			for i := range src.keys {
				d.set(src.keys[i], src.vals[i])
			}
		}
		for _, k := range a.kw {
			d.set(k.name, k.val)
		}
		return noneVal{}
	case "copy":
		return &dictVal{keys: append([]any{}, d.keys...), vals: append([]any{}, d.vals...)}
	}
	return in.unknown(e, "dict."+name+"() is not evaluated here")
}

func (in *interpreter) strMethod(s, name string, a *args) any {
	e := a.e
	str := func(i int) (string, bool) {
		if i < len(a.pos) {
			v, ok := a.pos[i].(string)
			return v, ok
		}
		return "", false
	}
	switch name {
	case "format":
		return in.strFormat(s, a)
	case "upper":
		return strings.ToUpper(s)
	case "lower":
		return strings.ToLower(s)
	case "title":
		return strings.Title(s) //nolint:staticcheck // Python's str.title on ASCII names
	case "capitalize":
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
	case "strip", "lstrip", "rstrip":
		cut := " \t\n\r"
		if c, ok := str(0); ok {
			cut = c
		}
		switch name {
		case "strip":
			return strings.Trim(s, cut)
		case "lstrip":
			return strings.TrimLeft(s, cut)
		}
		return strings.TrimRight(s, cut)
	case "replace":
		old, ok1 := str(0)
		nw, ok2 := str(1)
		if ok1 && ok2 {
			r := strings.ReplaceAll(s, old, nw)
			if len(r) > maxLen {
				in.sized(len(r), e)
				return unknownVal{c: stoppedCause}
			}
			return r
		}
	case "startswith", "endswith":
		if p, ok := str(0); ok {
			if name == "startswith" {
				return strings.HasPrefix(s, p)
			}
			return strings.HasSuffix(s, p)
		}
	case "split":
		var parts []string
		if sep, ok := str(0); ok && sep != "" {
			parts = strings.Split(s, sep)
		} else {
			parts = strings.Fields(s)
		}
		out := &listVal{}
		for _, p := range parts {
			out.items = append(out.items, p)
		}
		return out
	case "join":
		if len(a.pos) == 1 {
			items, ok := in.iterate(a.pos[0], a.exprOf(0))
			if !ok {
				return in.unknownFrom(a.pos[0], e, "join() of values kexplain does not know")
			}
			var parts []string
			for _, it := range items {
				p, ok := it.(string)
				if !ok {
					return in.unknownFrom(it, e, "join() of values that are not strings")
				}
				parts = append(parts, p)
			}
			r := strings.Join(parts, s)
			if len(r) > maxLen {
				in.sized(len(r), e)
				return unknownVal{c: stoppedCause}
			}
			return r
		}
	}
	return in.unknown(e, "str."+name+"() is not evaluated here")
}

// strFormat is str.format with {} {0} {name} and format specs.
func (in *interpreter) strFormat(f string, a *args) any {
	e := a.e
	var b strings.Builder
	auto := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '{' && i+1 < len(f) && f[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		if c == '}' && i+1 < len(f) && f[i+1] == '}' {
			b.WriteByte('}')
			i++
			continue
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			return in.unknown(e, "a format string kexplain cannot read")
		}
		field := f[i+1 : i+j]
		spec := ""
		if k := strings.IndexByte(field, ':'); k >= 0 {
			field, spec = field[:k], field[k+1:]
		}
		field = strings.TrimSuffix(strings.TrimSuffix(field, "!r"), "!s")
		var v any
		var ok bool
		switch {
		case field == "":
			v, ok = a.arg(auto, "")
			auto++
		case field[0] >= '0' && field[0] <= '9':
			n, err := strconv.Atoi(field)
			if err == nil {
				v, ok = a.arg(n, "")
			}
		default:
			v, ok = a.kwarg(field)
		}
		if !ok {
			return in.unknown(e, "the format string names a value that is not given")
		}
		s, ok := formatValue(v, spec)
		if !ok {
			return in.unknownFrom(v, e, "a value of the format is not known")
		}
		b.WriteString(s)
		i += j
	}
	return b.String()
}

// ---- models ----

func (in *interpreter) modelMethod(m *modelObj, name string, a *args) any {
	e := a.e
	switch name {
	case "add":
		in.keras = true
		if !m.seq {
			in.note(e.Line, e.Col, e.String()+": only a Sequential has add(); "+m.obj.name+" is not changed (Keras raises an error here)")
			break
		}
		if len(a.pos) > 0 {
			in.seqAdd(m, a.pos[0], true, a.exprOf(0), -1)
		}
	case "pop":
		if m.seq && len(m.layers) > 0 {
			l := m.layers[len(m.layers)-1]
			m.layers = m.layers[:len(m.layers)-1]
			if m.applied > len(m.layers) {
				m.applied = len(m.layers)
				m.last = nil
				if len(m.layers) > 0 {
					last := m.layers[len(m.layers)-1]
					if len(last.nodes) > 0 {
						m.last = last.nodes[len(last.nodes)-1].outTree
					}
				} else if m.input != nil && len(m.input.nodes) > 0 {
					m.last = m.input.nodes[0].outTree
				}
			}
			return l
		}
	case "summary":
		in.keras = true
		sa := &SummaryArgs{}
		if v, ok := a.kwarg("line_length"); ok {
			if n, ok := v.(int64); ok {
				sa.LineLength = int(min(max(n, 0), 10000))
			}
		}
		if v, ok := a.kwarg("show_trainable"); ok {
			sa.ShowTrainable = truth(v) == 1
		}
		if v, ok := a.kwarg("expand_nested"); ok {
			sa.ExpandNested = truth(v) == 1
		}
		m.summary = sa
		in.summed = m
		in.summedAt = e
		in.snapshot(m, e.Line)
	case "build":
		var shape any
		if v, ok := a.arg(0, "input_shape"); ok {
			shape = in.toConfig(v, a.exprOf(0))
		}
		if shape == nil {
			break
		}
		d, why := in.configDims(shape, false)
		if m.sub {
			in.subBuild(m, d, why, e)
			break
		}
		if m.seq && m.input == nil {
			il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true, inShape: d,
				inWhy: why, name: in.inputName()}
			nd := &node{layer: il}
			tv := &tensorVal{node: nd, dims: d, why: why}
			nd.outputs, nd.outTree = []*tensorVal{tv}, tv
			il.nodes = append(il.nodes, nd)
			m.input = il
			in.maybeRebuild(m)
		}
	case "compile":
		var opt any = "rmsprop"
		if v, ok := a.arg(0, "optimizer"); ok {
			opt = v
		}
		switch o := opt.(type) {
		case string:
			m.opt = &optimizerVal{name: strings.ToLower(o), cfg: layers.Config{}}
		case *optimizerVal:
			m.opt = o
		}
	case "optimizer.build", "fit", "train_on_batch", "fit_generator":
		m.optBuilt = true
	case "get_layer":
		var want any
		var ok bool
		if want, ok = a.arg(0, "name"); !ok {
			want, ok = a.kwarg("index")
		}
		for i, l := range in.modelLayers(m) {
			if s, isStr := want.(string); isStr && l.name == s {
				return layerValue(l)
			}
			if n, isInt := want.(int64); isInt && int64(i) == n {
				return layerValue(l)
			}
		}
		return in.unknown(e, "no such layer in the model")
	case "count_params":
		var n int64
		for _, w := range in.weightsOf(m.obj) {
			n += w.Size()
		}
		return n
	case "call", "__call__":
		return in.applyCall(m.obj, a)
	}
	return noneVal{}
}

// layerValue is how a layer is handed back to the code: a model as its model.
func layerValue(l *layerObj) any {
	if l.model != nil {
		return l.model
	}
	return l
}

func (in *interpreter) layerMethod(l *layerObj, name string, a *args) any {
	e := a.e
	switch name {
	case "count_params":
		if !l.built || l.err != nil {
			return in.unknown(e, l.name+" is not built, so its count is not known")
		}
		var n int64
		for _, w := range l.weights {
			n += w.Size()
		}
		return n
	case "build":
		// layer.build(shape): built on that input, as if given input_shape= with the batch axis
		if v, ok := a.arg(0, "input_shape"); ok && l.inShape == nil && len(l.nodes) == 0 {
			d, why := in.configDims(in.toConfig(v, a.exprOf(0)), false)
			if why != nil && why.line == 0 {
				why.line, why.col, why.what = e.Line, e.Col, e.String()
			}
			l.inShape, l.inWhy = d, why
		}
		return noneVal{}
	case "adapt":
		// a preprocessing layer learns from data, and is built on the data's shape
		if len(a.pos) > 0 && l.inShape == nil && len(l.nodes) == 0 {
			if t, ok := a.pos[0].(*tensorVal); ok && t.dims != nil && !hasUnknownAxis(t.dims) {
				l.inShape = append(layers.Dims{-1}, t.dims[1:]...)
			} else {
				c := &cause{line: e.Line, col: e.Col, what: e.String(), why: "the shape of the data it adapts to is not in the paste"}
				if t, ok := a.pos[0].(*tensorVal); ok && t.why != nil {
					c = t.why
				}
				l.inWhy = c
			}
		}
		return noneVal{}
	case "call", "__call__":
		return in.applyCall(l, a)
	}
	return in.unknown(e, name+"() of a layer is not evaluated")
}

// ---- attributes of layers and models ----

func (in *interpreter) layerAttr(l *layerObj, name string, e *grammar.Expr) any {
	if l.model != nil {
		return in.modelAttr(l.model, name, e)
	}
	if l.inst != nil {
		return in.instAttr(l.inst, name, e)
	}
	switch name {
	case "output":
		if len(l.nodes) > 0 {
			return l.nodes[len(l.nodes)-1].outTree
		}
		return in.unknown(e, l.name+" has not been called on a tensor")
	case "input":
		if len(l.nodes) > 0 && len(l.nodes[0].inputs) > 0 {
			return l.nodes[0].inputs[0]
		}
		return in.unknown(e, l.name+" has not been called on a tensor")
	case "trainable":
		return l.trainable
	case "name":
		return l.name
	case "units", "filters", "kernel_size", "strides", "rate", "activation", "input_dim", "output_dim":
		if v, ok := l.cfg[name]; ok {
			return configValue(v)
		}
	}
	return methodVal{recv: l, name: name}
}

// configValue turns a configuration value back into an interpreter value.
func configValue(v any) any {
	switch x := v.(type) {
	case nil:
		return noneVal{}
	case []any:
		l := &listVal{tuple: true}
		for _, it := range x {
			l.items = append(l.items, configValue(it))
		}
		return l
	case unknownArg:
		return unknownVal{c: x.c}
	}
	return v
}

func (in *interpreter) modelAttr(m *modelObj, name string, e *grammar.Expr) any {
	if m.obj.app != nil {
		if v, ok := in.appAttr(m, name, e); ok {
			return v
		}
	}
	if m.obj.inst != nil {
		if _, own := m.obj.inst.cls.lookup(name); own && name == "build" {
			// the subclass's own build(): it makes layers, and its super().build(shape) builds the model
			return in.instAttr(m.obj.inst, name, e)
		}
		switch name {
		case "layers", "trainable", "name", "summary", "compile", "build", "fit", "count_params", "optimizer", "output", "input":
		default:
			return in.instAttr(m.obj.inst, name, e)
		}
	}
	switch name {
	case "layers":
		l := &listVal{}
		for _, x := range in.modelLayers(m) {
			l.items = append(l.items, layerValue(x))
		}
		return l
	case "output":
		return toValue(in.modelOutput(m, e))
	case "outputs":
		out := in.modelOutput(m, e)
		if l, ok := out.(*listVal); ok {
			return l
		}
		return &listVal{items: []any{out}}
	case "input", "inputs":
		if m.seq {
			in.seqBuild(m)
			if m.input != nil && len(m.input.nodes) > 0 {
				t := m.input.nodes[0].outTree
				if name == "inputs" {
					return &listVal{items: []any{t}}
				}
				return t
			}
			return in.unknown(e, "the model "+m.obj.name+" has no input yet")
		}
		if m.sub {
			return in.unknown(e, "a subclassed model has no symbolic input")
		}
		if len(m.inputs) == 1 && name == "input" {
			return m.inputs[0]
		}
		l := &listVal{}
		for _, t := range m.inputs {
			l.items = append(l.items, t)
		}
		return l
	case "trainable":
		return m.obj.trainable
	case "name":
		return m.obj.name
	}
	return methodVal{recv: m, name: name}
}

func toValue(v any) any {
	if v == nil {
		return noneVal{}
	}
	return v
}

// modelLayers is model.layers: for a Sequential the layers added, for a Functional its
// operations that are layers (InputLayers included), in graph order.
func (in *interpreter) modelLayers(m *modelObj) []*layerObj {
	if m.seq {
		return in.mergeBranchLayers(m)
	}
	if m.sub {
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

// ---- setting attributes ----

func (in *interpreter) setAttr(obj any, name string, v any, t *grammar.Expr) {
	switch o := obj.(type) {
	case *instVal:
		in.instSet(o, name, v)
	case *layerObj:
		if o.inst != nil && name != "trainable" {
			in.instSet(o.inst, name, v)
			return
		}
		if name == "trainable" {
			in.setTrainableValue(o, v, t)
		}
	case *modelObj:
		if o.obj.inst != nil && name != "trainable" {
			in.instSet(o.obj.inst, name, v)
			return
		}
		if name == "trainable" {
			in.setTrainableValue(o.obj, v, t)
		}
	case *appLayerVal:
		if name == "trainable" {
			in.setAppLayerTrainable(o, v, t)
		}
	case *classVal:
		o.attrs[name] = v
	}
}

func (in *interpreter) setTrainableValue(l *layerObj, v any, t *grammar.Expr) {
	b, ok := v.(bool)
	if !ok {
		switch truth(v) {
		case 1:
			b, ok = true, true
		case 0:
			b, ok = false, true
		}
	}
	if !ok {
		c, _ := unknownOf(v)
		in.note(t.Line, t.Col, t.String()+" = ...: the value is not known"+causeText(c)+", so the trainable split is not known")
		l.weightsWhy = "its trainable flag is not known"
		return
	}
	in.setTrainable(l, b)
}

// setTrainable is `layer.trainable = b` after construction: it sets the flag of the layer and
// of every layer inside it.
func (in *interpreter) setTrainable(l *layerObj, b bool) {
	in.setTrainableSeen(l, b, map[*layerObj]bool{})
}

func (in *interpreter) setTrainableSeen(l *layerObj, b bool, seen map[*layerObj]bool) {
	if seen[l] {
		return
	}
	seen[l] = true
	l.trainable = b
	l.ctorFrozen = false
	if l.inner != nil {
		in.setTrainableSeen(l.inner, b, seen)
	}
	if l.model != nil {
		for _, x := range in.modelLayers(l.model) {
			in.setTrainableSeen(x, b, seen)
		}
	}
}
