package interp

import (
	"math"
	"sort"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Calls: the arguments, the dispatch on what is called (functions and classes the code defines,
// Python's built-ins, Keras classes and functions, layers and models applied to tensors, methods),
// and the functions the code defines.

type kwArg struct {
	name string
	val  any
	e    *grammar.Expr
}

// args are a call's evaluated arguments.
type args struct {
	pos  []any
	posE []*grammar.Expr // each positional argument's expression (the spread one for *args)
	kw   []kwArg
	e    *grammar.Expr // the call
	bad  any           // a *args or **kwargs whose values are not known
}

func (a *args) kwarg(name string) (any, bool) {
	for _, k := range a.kw {
		if k.name == name {
			return k.val, true
		}
	}
	return nil, false
}

// arg is the argument at position i or keyword name, whichever is given.
func (a *args) arg(i int, name string) (any, bool) {
	if i >= 0 && i < len(a.pos) {
		return a.pos[i], true
	}
	return a.kwarg(name)
}

func (a *args) exprOf(i int) *grammar.Expr {
	if i < len(a.posE) && a.posE[i] != nil {
		return a.posE[i]
	}
	return a.e
}

func (in *interpreter) evalArgs(fr *frame, e *grammar.Expr) *args {
	a := &args{e: e}
	for _, x := range e.Items {
		if x.Kind == grammar.ExprStar {
			v := in.eval(fr, x.X)
			items, ok := in.iterate(v, x.X)
			if !ok {
				a.bad = in.unknownFrom(v, x, "the values of *"+x.X.String()+" are not known")
				continue
			}
			for _, it := range items {
				a.pos = append(a.pos, it)
				a.posE = append(a.posE, x)
			}
			continue
		}
		a.pos = append(a.pos, in.eval(fr, x))
		a.posE = append(a.posE, x)
	}
	for _, k := range e.Kwargs {
		v := in.eval(fr, k.Value)
		if k.Name == "**" {
			d, ok := v.(*dictVal)
			if !ok {
				a.bad = in.unknownFrom(v, k.Value, "the values of **"+k.Value.String()+" are not known")
				continue
			}
			for i, key := range d.keys {
				if s, ok := key.(string); ok {
					a.kw = append(a.kw, kwArg{name: s, val: d.vals[i], e: k.Value})
				}
			}
			continue
		}
		a.kw = append(a.kw, kwArg{name: k.Name, val: v, e: k.Value})
	}
	return a
}

func (in *interpreter) call(fr *frame, e *grammar.Expr) any {
	callee := in.eval(fr, e.X)
	a := in.evalArgs(fr, e)
	if in.stopped {
		return unknownVal{c: stoppedCause}
	}
	if e.X.Kind == grammar.ExprAttr && e.X.Name == "summary" {
		// summary() of a model kexplain could not rebuild: the paste means a model here
		if c, ok := unknownOf(callee); ok {
			in.keras = true
			if in.summaryOn == nil {
				in.summaryOn = &cause{line: e.Line, col: e.Col, what: e.String(), why: e.X.X.String() + " is not a model kexplain could rebuild"}
				if c != nil {
					in.summaryOn.why += causeText(c)
				}
			}
		}
	}
	return in.callValue(callee, a)
}

func (in *interpreter) callValue(callee any, a *args) any {
	e := a.e
	switch c := callee.(type) {
	case symVal:
		return in.callSym(string(c), a)
	case *funcVal:
		return in.callFunc(c, nil, a)
	case *boundVal:
		return in.callFunc(c.fn, c.self, a)
	case *partialVal:
		b := &args{e: e, bad: a.bad, pos: append(append([]any{}, c.pos...), a.pos...)}
		b.posE = make([]*grammar.Expr, len(c.pos), len(b.pos))
		b.posE = append(b.posE, a.posE...)
		for _, k := range c.kw {
			if _, over := a.kwarg(k.name); !over {
				b.kw = append(b.kw, k)
			}
		}
		b.kw = append(b.kw, a.kw...)
		return in.callValue(c.fn, b)
	case *classVal:
		return in.instantiate(c, a)
	case *layerObj:
		return in.applyCall(c, a)
	case *modelObj:
		return in.applyCall(c.obj, a)
	case *instVal:
		if c.obj != nil {
			return in.applyCall(c.obj, a)
		}
		if f, ok := c.cls.lookup("__call__"); ok {
			if fn, ok := f.(*funcVal); ok {
				return in.callFunc(fn, c, a)
			}
		}
		return in.unknown(e, "an object of class "+c.cls.name+" is called")
	case methodVal:
		return in.method(c, a)
	case opaqueVal:
		if hasTensor(a) {
			return in.customLayer(c, a)
		}
		return opaqueVal{callee: c.callee, call: e, c: c.c}
	case unknownVal:
		return c
	case *appLayerVal:
		return in.unknown(e, "a layer of a keras.applications base")
	}
	return in.unknown(e, "a "+typeName(callee)+" is not callable")
}

// hasTensor reports whether any argument holds a tensor.
func hasTensor(a *args) bool {
	for _, v := range a.pos {
		if len(flattenTensors(v)) > 0 {
			return true
		}
	}
	for _, k := range a.kw {
		if len(flattenTensors(k.val)) > 0 {
			return true
		}
	}
	return false
}

// callSym calls a name the code did not define: a Python built-in, a Keras class or function,
// a math or NumPy helper, or something kexplain does not know (an opaque value).
func (in *interpreter) callSym(path string, a *args) any {
	e := a.e
	last := path[strings.LastIndexByte(path, '.')+1:]
	mod := ""
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		mod = path[:i]
	}
	if mod == "" || mod == "builtins" {
		if v, ok := in.builtin(last, a); ok {
			return v
		}
	}
	if last == "clear_session" && len(a.pos) == 0 && !in.tfjs {
		// keras.backend.clear_session() (K.clear_session(), keras.utils.clear_session()): the
		// automatic names start again, as Keras resets its name counters
		in.counters = map[string]int{}
		return noneVal{}
	}
	if _, known := datasetShapes[mod[strings.LastIndexByte(mod, '.')+1:]]; last == "load_data" && known {
		if v := in.loadData(mod[strings.LastIndexByte(mod, '.')+1:]); v != nil {
			return v
		}
	}
	if last == "to_categorical" && len(a.pos) > 0 {
		if t, ok := a.pos[0].(*tensorVal); ok && t.data && len(t.dims) > 0 {
			if n, ok := a.arg(1, "num_classes"); ok {
				if k, isInt := n.(int64); isInt && k > 0 {
					return &tensorVal{dims: layers.Dims{t.dims[0], k}, data: true}
				}
			}
			return &tensorVal{dims: layers.Dims{t.dims[0], dimUnknown}, data: true, why: &cause{line: e.Line, col: e.Col,
				what: e.String(), why: "the number of classes is the largest label + 1, which is in the data"}}
		}
	}
	if last == "train_test_split" && len(a.pos) > 0 {
		if v := in.trainTestSplit(a); v != nil {
			return v
		}
	}
	if last == "partial" && (mod == "" || mod == "functools") && len(a.pos) > 0 {
		// functools.partial(Conv2D, kernel_size=3, padding="same"): a layer factory
		return &partialVal{fn: a.pos[0], pos: append([]any{}, a.pos[1:]...), kw: append([]kwArg{}, a.kw...)}
	}
	if last == "reduce" && (mod == "" || mod == "functools") && len(a.pos) >= 2 && len(a.pos) <= 3 {
		// functools.reduce(lambda x, f: f(x), blocks, inputs): a fold that chains layers
		items, ok := in.iterate(a.pos[1], a.exprOf(1))
		if !ok {
			return in.unknownFrom(a.pos[1], e, "reduce() over values kexplain does not know")
		}
		var acc any
		switch {
		case len(a.pos) == 3:
			acc = a.pos[2]
		case len(items) > 0:
			acc, items = items[0], items[1:]
		default:
			return in.unknown(e, "reduce() of an empty sequence with no initial value raises TypeError")
		}
		for _, it := range items {
			if in.stopped {
				break
			}
			acc = in.callValue(a.pos[0], &args{e: e, pos: []any{acc, it}})
		}
		return acc
	}
	if v, ok := in.mathCall(mod, last, a); ok {
		return v
	}
	if optimizerNames[last] && (strings.Contains(path, "optimizers") || mod == "") {
		cfg := in.kwConfig(a)
		return &optimizerVal{name: strings.ToLower(last), cfg: cfg}
	}
	if last == "image_data_format" && (strings.Contains(mod, "backend") || mod == "K") {
		// a setting of keras.json: kexplain takes Keras's default, and says so
		in.note(e.Line, e.Col, e.String()+": kexplain assumes 'channels_last', Keras's default (keras.json may say otherwise)")
		return "channels_last"
	}
	if isBackendMod(mod) || strings.HasSuffix(mod, "config") {
		// the backend's settings: constants, not tensors
		switch last {
		case "epsilon":
			if len(a.pos) == 0 {
				return 1e-7
			}
		case "floatx":
			if len(a.pos) == 0 {
				return "float32"
			}
		}
	}
	if last == "get" && strings.HasSuffix(mod, "activations") && len(a.pos) == 1 {
		// keras.activations.get("relu") is the function keras.activations.relu
		switch v := a.pos[0].(type) {
		case string:
			return symVal(mod + "." + v)
		case noneVal:
			return symVal(mod + ".linear")
		default:
			return v
		}
	}
	if last == "preprocess_input" && strings.Contains(mod, "applications") {
		return in.preprocess(mod[strings.LastIndexByte(mod, '.')+1:], a)
	}
	if isOpPath(path) || last == "arange" && (mod == "np" || mod == "numpy") {
		return in.op(path, a)
	}
	if cls := codeClass(path); cls != "" {
		return in.construct(cls, a)
	}
	if app := applicationOf(path); app != "" {
		return in.application(app, a)
	}
	if cls := mergeHelpers[last]; cls != "" && len(a.pos) > 0 && (mod == "" || strings.Contains(mod, "layers") || strings.Contains(mod, "keras")) {
		// layers.add([a, b]) makes an Add layer and applies it
		ctor := &args{e: e, pos: a.pos[1:], kw: a.kw}
		if len(a.posE) > 0 {
			ctor.posE = a.posE[1:]
		}
		l, ok := in.construct(cls, ctor).(*layerObj)
		if !ok {
			return in.unknown(e, "the merge could not be made")
		}
		return in.applyTensors(l, flattenTensors(a.pos[0]), nil, e)
	}
	if hasTensor(a) {
		// a layer class kexplain does not know, or a function the paste does not define, called
		// on a tensor: a row of its own, so that the graph stays whole and the gap is shown
		return in.customLayer(opaqueVal{callee: path, call: e, c: in.unknownClass(path, e)}, a)
	}
	if isCamel(last) || strings.Contains(mod, "layers") {
		return opaqueVal{callee: path, call: e, c: in.unknownClass(path, e)}
	}
	why := "a function kexplain does not evaluate"
	switch {
	case last == "load_model" || last == "model_from_json" || last == "model_from_yaml" || last == "model_from_config":
		why = "the model is read from a saved file or configuration, which the paste does not hold"
	case mod == "":
		why = last + " is not defined in the paste"
	}
	return opaqueVal{callee: path, call: e, c: &cause{line: e.Line, col: e.Col, what: e.String(), why: why}}
}

// isBackendMod reports the modules of the Keras backend: K, backend, keras.backend, tf.keras.backend.
func isBackendMod(mod string) bool {
	return mod == "K" || mod == "backend" || strings.HasSuffix(mod, ".backend")
}

func isCamel(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// unknownClass is the cause for a class name kexplain does not know.
func (in *interpreter) unknownClass(path string, e *grammar.Expr) *cause {
	why := path + " is not defined in the paste"
	switch {
	case strings.Contains(path, "layers."):
		why = path + " is not a Keras layer kexplain knows"
	case strings.Contains(path, "."):
		root := path[:strings.IndexByte(path, '.')]
		if d := e.X.Dotted(); d != "" {
			root = d
			if i := strings.IndexByte(d, '.'); i >= 0 {
				root = d[:i]
			}
		}
		if _, bound := in.globals.vars[root]; bound && strings.HasPrefix(path, "keras_tuner.") {
			// hp.Int(...), hp.Choice(...) on it: the tuner picks the values while it searches
			why = path + "(): a hyperparameter's value is chosen by the tuner during the search, not written in the code"
		} else if bound {
			why = path + "() is not something kexplain evaluates"
		} else {
			why = root + " is not defined in the paste"
		}
	}
	return &cause{line: e.Line, col: e.Col, what: e.String(), why: why}
}

// ---- functions the code defines ----

func (in *interpreter) callFunc(f *funcVal, self any, a *args) any {
	e := a.e
	if in.callDepth >= maxCallDepth {
		why := "calls nested more than 64 deep (kexplain's budget, and Python's RecursionError is near): this call is not followed"
		in.skipNote(e.Line, e.Col, e.String()+": "+why)
		return unknownVal{c: &cause{line: e.Line, col: e.Col, what: e.String(), why: why, said: true}}
	}
	in.callDepth++
	nesting := in.nesting
	in.nesting = 0 // blocks nest within a function; calls are capped by maxCallDepth
	defer func() { in.callDepth--; in.nesting = nesting }()
	fr := &frame{sc: newScope(f.closure), ret: noneVal{}}
	pos := a.pos
	if self != nil {
		pos = append([]any{self}, pos...)
		in.selves = append(in.selves, self)
		defer func() { in.selves = in.selves[:len(in.selves)-1] }()
	}
	used := map[string]bool{}
	pi := 0
	kwOnly := false
	for i, p := range f.params {
		switch {
		case p.Star == "/":
			continue
		case p.Star == "*" && p.Name == "":
			kwOnly = true
			continue
		case p.Star == "*":
			rest := &listVal{tuple: true}
			if pi < len(pos) {
				rest.items = append(rest.items, pos[pi:]...)
				pi = len(pos)
			}
			var v any = rest
			if a.bad != nil {
				v = a.bad
			}
			fr.sc.vars[p.Name] = v
			kwOnly = true
			continue
		case p.Star == "**":
			d := &dictVal{}
			for _, k := range a.kw {
				if !used[k.name] {
					d.set(k.name, k.val)
				}
			}
			var v any = d
			if a.bad != nil {
				v = a.bad
			}
			fr.sc.vars[p.Name] = v
			continue
		}
		if !kwOnly && pi < len(pos) {
			fr.sc.vars[p.Name] = pos[pi]
			pi++
			continue
		}
		if v, ok := a.kwarg(p.Name); ok {
			fr.sc.vars[p.Name] = v
			used[p.Name] = true
			continue
		}
		if f.defaults[i] != nil {
			fr.sc.vars[p.Name] = f.defaults[i]
			continue
		}
		if a.bad != nil {
			fr.sc.vars[p.Name] = a.bad
			continue
		}
		fr.sc.vars[p.Name] = unknownVal{c: &cause{line: e.Line, col: e.Col, what: e.String(),
			why: "the argument " + p.Name + " of " + f.name + "() is not given"}}
	}
	if f.expr != nil {
		return in.eval(fr, f.expr)
	}
	in.exec(fr, f.body)
	return fr.ret
}

// ---- Python's built-ins ----

func (in *interpreter) builtin(name string, a *args) (any, bool) {
	e := a.e
	one := func() (any, bool) {
		if len(a.pos) == 1 {
			return a.pos[0], true
		}
		return nil, false
	}
	switch name {
	case "range", "xrange": // xrange: Python 2's lazy range
		return in.rangeOf(a), true
	case "len":
		x, ok := one()
		if !ok {
			return nil, false
		}
		switch v := x.(type) {
		case *listVal:
			return int64(len(v.items)), true
		case *dictVal:
			return int64(len(v.keys)), true
		case string:
			return int64(len([]rune(v))), true
		case *modelObj:
			return int64(len(in.modelLayers(v))), true
		case *tensorVal:
			if v.data && len(v.dims) > 0 && v.dims[0] >= 0 {
				return v.dims[0], true
			}
		}
		return in.unknownFrom(x, a.exprOf(0), "len() of a value kexplain does not know"), true
	case "list", "tuple", "set", "sorted", "reversed":
		if len(a.pos) == 0 {
			return &listVal{tuple: name == "tuple"}, true
		}
		items, ok := in.iterate(a.pos[0], a.exprOf(0))
		if !ok {
			if al, isApp := a.pos[0].(*appLayers); isApp {
				return al, true
			}
			return in.unknownFrom(a.pos[0], a.exprOf(0), name+"() of a value kexplain does not know"), true
		}
		out := append([]any{}, items...)
		switch name {
		case "reversed":
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
		case "sorted":
			ok := true
			sort.SliceStable(out, func(i, j int) bool {
				x, y := out[i], out[j]
				if fx, okx := toFloat(x); okx {
					if fy, oky := toFloat(y); oky {
						return fx < fy
					}
				}
				if sx, okx := x.(string); okx {
					if sy, oky := y.(string); oky {
						return sx < sy
					}
				}
				ok = false
				return false
			})
			if !ok {
				return in.unknown(e, "sorted() of values kexplain cannot compare"), true
			}
			if v, given := a.kwarg("reverse"); given && truth(v) == 1 {
				for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
					out[i], out[j] = out[j], out[i]
				}
			}
		case "set":
			var uniq []any
			for _, x := range out {
				dup := false
				for _, y := range uniq {
					if equal(x, y) == 1 {
						dup = true
						break
					}
				}
				if !dup {
					uniq = append(uniq, x)
				}
			}
			out = uniq
		}
		return &listVal{items: out, tuple: name == "tuple"}, true
	case "dict":
		d := &dictVal{}
		if len(a.pos) == 1 {
			switch src := a.pos[0].(type) {
			case *dictVal:
				d.keys, d.vals = append(d.keys, src.keys...), append(d.vals, src.vals...)
			case *listVal:
				for _, it := range src.items {
					p, ok := it.(*listVal)
					if !ok || len(p.items) != 2 {
						return in.unknown(e, "dict() of values kexplain does not know"), true
					}
					d.set(p.items[0], p.items[1])
				}
			default:
				return in.unknownFrom(a.pos[0], a.exprOf(0), "dict() of a value kexplain does not know"), true
			}
		}
		for _, k := range a.kw {
			d.set(k.name, k.val)
		}
		return d, true
	case "int":
		x, ok := one()
		if !ok {
			return int64(0), len(a.pos) == 0
		}
		switch v := x.(type) {
		case int64:
			return v, true
		case bool:
			return int64(b2i(v)), true
		case float64:
			if math.IsNaN(v) || math.Abs(v) >= 9.2e18 {
				return in.tooLarge(e), true
			}
			return int64(v), true
		case string:
			var n int64
			for _, c := range strings.TrimSpace(v) {
				if c < '0' || c > '9' {
					return in.unknown(e, "int() of a string that is not a number"), true
				}
				var ok bool
				if n, ok = mulInt(n, 10); !ok {
					return in.tooLarge(e), true
				}
				if n, ok = addInt(n, int64(c-'0')); !ok {
					return in.tooLarge(e), true
				}
			}
			return n, true
		}
		return in.unknownFrom(x, a.exprOf(0), "int() of a value kexplain does not know"), true
	case "float":
		x, ok := one()
		if !ok {
			return 0.0, len(a.pos) == 0
		}
		if f, ok := toFloat(x); ok {
			return f, true
		}
		return in.unknownFrom(x, a.exprOf(0), "float() of a value kexplain does not know"), true
	case "str":
		x, ok := one()
		if !ok {
			return "", len(a.pos) == 0
		}
		if s, ok := pyStr(x); ok {
			return s, true
		}
		return in.unknownFrom(x, a.exprOf(0), "str() of a value kexplain does not know"), true
	case "bool":
		x, ok := one()
		if !ok {
			return false, len(a.pos) == 0
		}
		switch truth(x) {
		case 1:
			return true, true
		case 0:
			return false, true
		}
		return in.unknownFrom(x, a.exprOf(0), "bool() of a value kexplain does not know"), true
	case "abs":
		x, ok := one()
		if !ok {
			return nil, false
		}
		switch v := x.(type) {
		case int64:
			if v == math.MinInt64 {
				return in.tooLarge(e), true
			}
			return abs64(v), true
		case float64:
			return math.Abs(v), true
		}
		return in.unknownFrom(x, a.exprOf(0), "abs() of a value kexplain does not know"), true
	case "round":
		if len(a.pos) == 0 {
			return nil, false
		}
		f, ok := toFloat(a.pos[0])
		if !ok {
			return in.unknownFrom(a.pos[0], a.exprOf(0), "round() of a value kexplain does not know"), true
		}
		if len(a.pos) == 1 {
			r := math.RoundToEven(f)
			if math.Abs(r) >= 9.2e18 {
				return in.tooLarge(e), true
			}
			return int64(r), true
		}
		if d, ok := a.pos[1].(int64); ok && d >= 0 && d < 16 {
			p := math.Pow(10, float64(d))
			return math.RoundToEven(f*p) / p, true
		}
		return in.unknown(e, "round() with digits kexplain does not know"), true
	case "min", "max", "sum":
		vals := a.pos
		if len(a.pos) == 1 || name == "sum" && len(a.pos) == 2 {
			items, ok := in.iterate(a.pos[0], a.exprOf(0))
			if !ok {
				return in.unknownFrom(a.pos[0], a.exprOf(0), name+"() of values kexplain does not know"), true
			}
			vals = items
		}
		return in.minMaxSum(name, vals, a), true
	case "zip":
		var lists [][]any
		n := -1
		for i, x := range a.pos {
			items, ok := in.iterate(x, a.exprOf(i))
			if !ok {
				return in.unknownFrom(x, a.exprOf(0), "zip() of values kexplain does not know"), true
			}
			lists = append(lists, items)
			if n < 0 || len(items) < n {
				n = len(items)
			}
		}
		out := &listVal{}
		for k := 0; k < n; k++ {
			t := &listVal{tuple: true}
			for _, l := range lists {
				t.items = append(t.items, l[k])
			}
			out.items = append(out.items, t)
		}
		return out, true
	case "enumerate":
		if len(a.pos) == 0 {
			return nil, false
		}
		items, ok := in.iterate(a.pos[0], a.exprOf(0))
		if !ok {
			return in.unknownFrom(a.pos[0], a.exprOf(0), "enumerate() of values kexplain does not know"), true
		}
		start := int64(0)
		if s, ok := a.arg(1, "start"); ok {
			if n, ok := s.(int64); ok {
				start = n
			}
		}
		out := &listVal{}
		for k, it := range items {
			out.items = append(out.items, &listVal{tuple: true, items: []any{start + int64(k), it}})
		}
		return out, true
	case "any", "all":
		x, ok := one()
		if !ok {
			return nil, false
		}
		items, ok := in.iterate(x, a.exprOf(0))
		if !ok {
			return in.unknownFrom(x, a.exprOf(0), name+"() of values kexplain does not know"), true
		}
		unknown := false
		for _, it := range items {
			switch t := truth(it); {
			case t == 1 && name == "any":
				return true, true
			case t == 0 && name == "all":
				return false, true
			case t == -1:
				unknown = true
			}
		}
		if unknown {
			return in.unknown(e, name+"() of values kexplain does not know"), true
		}
		return name == "all", true
	case "print", "input_shape_hint", "display", "exit", "quit", "setattr", "delattr", "vars", "globals", "locals", "help":
		return noneVal{}, true
	case "isinstance", "issubclass", "callable", "hasattr", "id", "hash", "type", "open", "input", "eval", "exec":
		return in.unknown(e, name+"() is not evaluated"), true
	case "getattr":
		if len(a.pos) >= 2 {
			if s, ok := a.pos[1].(string); ok {
				v := in.attr(a.pos[0], s, e)
				if _, unk := unknownOf(v); unk && len(a.pos) == 3 {
					return a.pos[2], true
				}
				return v, true
			}
		}
		return in.unknown(e, "getattr() of a name kexplain does not know"), true
	case "pow":
		if len(a.pos) == 2 {
			return in.binary("**", a.pos[0], a.pos[1], e), true
		}
	case "divmod":
		if len(a.pos) == 2 {
			return &listVal{tuple: true, items: []any{in.binary("//", a.pos[0], a.pos[1], e), in.binary("%", a.pos[0], a.pos[1], e)}}, true
		}
	case "map":
		if len(a.pos) == 2 {
			items, ok := in.iterate(a.pos[1], a.exprOf(1))
			if !ok {
				return in.unknownFrom(a.pos[1], e, "map() over values kexplain does not know"), true
			}
			out := &listVal{}
			for _, it := range items {
				out.items = append(out.items, in.callValue(a.pos[0], &args{e: e, pos: []any{it}}))
			}
			return out, true
		}
	case "super":
		return in.superOf(a), true
	}
	return nil, false
}

func (in *interpreter) minMaxSum(name string, vals []any, a *args) any {
	e := a.e
	if name == "sum" {
		// sum(iterable, start): the start (sum(lists, []) joins lists) comes first
		var acc any = int64(0)
		if s, ok := a.arg(1, "start"); ok {
			acc = s
		}
		for _, v := range vals {
			acc = in.binary("+", acc, v, e)
		}
		return acc
	}
	if len(vals) == 0 {
		if d, ok := a.kwarg("default"); ok {
			return d
		}
		return in.unknown(e, name+"() of no values")
	}
	best := vals[0]
	for _, v := range vals[1:] {
		less := in.binary("<", v, best, e)
		b, ok := less.(bool)
		if !ok {
			return in.unknownFrom(less, e, name+"() of values kexplain cannot compare")
		}
		if b == (name == "min") {
			best = v
		}
	}
	return best
}

func (in *interpreter) rangeOf(a *args) any {
	e := a.e
	var n []int64
	for i, x := range a.pos {
		v, ok := x.(int64)
		if !ok {
			if b, isBool := x.(bool); isBool {
				v, ok = int64(b2i(b)), true
			}
		}
		if !ok {
			return in.unknownFrom(x, a.exprOf(i), "range() of a value kexplain does not know")
		}
		n = append(n, v)
	}
	lo, hi, st := int64(0), int64(0), int64(1)
	switch len(n) {
	case 1:
		hi = n[0]
	case 2:
		lo, hi = n[0], n[1]
	case 3:
		lo, hi, st = n[0], n[1], n[2]
	default:
		return in.unknown(e, "range() with "+itoa(len(n))+" arguments")
	}
	if st == 0 {
		return in.unknown(e, "range() with step 0")
	}
	var count int64
	if st > 0 && hi > lo {
		count = (hi-lo-1)/st + 1
	} else if st < 0 && lo > hi {
		count = (lo-hi-1)/(-st) + 1
	}
	if count < 0 || count > maxLen {
		in.noteTooBig(e, count)
		return in.tooBig(e)
	}
	if !in.sized(int(count), e) {
		return unknownVal{c: stoppedCause}
	}
	l := &listVal{items: make([]any, 0, count)}
	for k, v := int64(0), lo; k < count; k, v = k+1, v+st {
		l.items = append(l.items, v)
	}
	return l
}

// mathCall evaluates the math and NumPy helpers model code uses for sizes.
func (in *interpreter) mathCall(mod, name string, a *args) (any, bool) {
	switch mod {
	case "math", "np", "numpy", "np.random", "numpy.random":
	default:
		return nil, false
	}
	e := a.e
	f := func(i int) (float64, bool) {
		if i < len(a.pos) {
			return toFloat(a.pos[i])
		}
		return 0, false
	}
	toInt := func(x float64) any {
		if math.IsNaN(x) || math.Abs(x) >= 9.2e18 {
			return in.tooLarge(e)
		}
		return int64(x)
	}
	switch name {
	case "zeros", "ones", "empty", "full", "rand", "randn", "random", "normal", "uniform", "random_sample", "randint":
		// data of a known shape: np.zeros((2, 10)), np.random.rand(2, 10), np.random.normal(size=(2, 10))
		if mod == "math" {
			return nil, false
		}
		var shape any
		switch {
		case name == "rand" || name == "randn":
			l := &listVal{tuple: true}
			for _, x := range a.pos {
				l.items = append(l.items, x)
			}
			shape = l
		case name == "randint" || name == "normal" || name == "uniform" || name == "random" || name == "random_sample":
			v, ok := a.kwarg("size")
			if !ok && name == "random" && len(a.pos) == 1 {
				v, ok = a.pos[0], true
			}
			if !ok {
				return nil, false
			}
			shape = v
		default:
			v, ok := a.arg(0, "shape")
			if !ok {
				return nil, false
			}
			shape = v
		}
		if n, isInt := shape.(int64); isInt {
			shape = &listVal{tuple: true, items: []any{n}}
		}
		d, why := in.configDims(in.toConfig(shape, e), false)
		if d == nil || why != nil {
			return nil, false
		}
		return &tensorVal{dims: d, data: true}, true
	case "expand_dims", "reshape", "array", "asarray", "squeeze", "float32", "copy":
		// NumPy on data of a known shape
		if len(a.pos) == 0 {
			return nil, false
		}
		rest := &args{e: e, pos: a.pos[1:], kw: a.kw}
		if c, unknown := unknownOf(a.pos[0]); unknown {
			switch name {
			case "reshape":
				return in.reshapeData(&tensorVal{data: true, why: c}, rest), true
			case "array", "asarray", "float32", "copy":
				// an array of data kexplain does not know is not known for the same reason
				return unknownVal{c: c}, true
			}
		}
		t, ok := a.pos[0].(*tensorVal)
		if !ok || !t.data {
			return nil, false
		}
		return in.dataMethod(t, map[string]string{"expand_dims": "expand_dims", "reshape": "reshape", "squeeze": "squeeze"}[name], rest), true
	case "ceil", "floor", "sqrt", "log2", "log", "exp", "log10":
		x, ok := f(0)
		if !ok {
			if len(a.pos) > 0 {
				return in.unknownFrom(a.pos[0], e, name+"() of a value kexplain does not know"), true
			}
			return nil, false
		}
		switch name {
		case "ceil":
			if mod == "math" {
				return toInt(math.Ceil(x)), true
			}
			return math.Ceil(x), true
		case "floor":
			if mod == "math" {
				return toInt(math.Floor(x)), true
			}
			return math.Floor(x), true
		case "sqrt":
			return math.Sqrt(x), true
		case "log2":
			return math.Log2(x), true
		case "log":
			return math.Log(x), true
		case "log10":
			return math.Log10(x), true
		}
		return math.Exp(x), true
	case "prod", "product":
		if len(a.pos) == 0 {
			return nil, false
		}
		items, ok := in.iterate(a.pos[0], a.exprOf(0))
		if !ok {
			return in.unknownFrom(a.pos[0], e, name+"() of values kexplain does not know"), true
		}
		var acc any = int64(1)
		for _, it := range items {
			acc = in.binary("*", acc, it, e)
		}
		return acc, true
	case "pi":
		return math.Pi, true
	}
	return nil, false
}

// trainTestSplit is sklearn's train_test_split(*arrays, test_size=…): a train and a test part
// of each array, their axes after the first as the array's. The number of samples in each part
// follows sklearn (test: ceil(test_size·n), 0.25 by default; train: the rest) when it is known;
// nil when an argument is not a data array of known shape.
func (in *interpreter) trainTestSplit(a *args) any {
	frac := 0.25
	if v, ok := a.kwarg("test_size"); ok {
		f, isFloat := v.(float64)
		if !isFloat || f <= 0 || f >= 1 {
			frac = -1 // a count, or not known: the number of samples in each part is not known
		} else {
			frac = f
		}
	}
	if _, ok := a.kwarg("train_size"); ok {
		frac = -1
	}
	out := &listVal{}
	for _, v := range a.pos {
		t, ok := v.(*tensorVal)
		if !ok || !t.data || len(t.dims) == 0 || shapeless(t.dims) {
			return nil
		}
		train, test := append(layers.Dims{}, t.dims...), append(layers.Dims{}, t.dims...)
		if n := t.dims[0]; n > 0 && frac > 0 {
			nt := int64(math.Ceil(frac * float64(n)))
			train[0], test[0] = n-nt, nt
		} else {
			train[0], test[0] = dimUnknown, dimUnknown
		}
		out.items = append(out.items, &tensorVal{dims: train, data: true, why: t.why}, &tensorVal{dims: test, data: true, why: t.why})
	}
	return out
}
