package interp

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Operations on symbolic tensors: keras.ops and tf functions, Python operators and slicing. In a
// functional graph each one is a row (Keras 3 operations such as `add (Add)`; tf.keras TFOpLambda
// rows such as `tf.concat`); inside a Lambda's function or a subclassed call() they make no row.
// Multi-backend Keras 1 and 2 refuse them outside a Lambda, and kexplain says so. The shape rules
// cover the common functions; any other gives a row whose output is "?", with the reason.

// isOpPath reports a function of keras.ops, the Keras backend or TensorFlow (not tf.keras).
func isOpPath(path string) bool {
	switch {
	case strings.Contains(path, "layers.") || strings.Contains(path, "applications.") || strings.Contains(path, "models."):
		return false
	case strings.Contains(path, ".backend.") || strings.Contains(path, ".ops.") || strings.Contains(path, ".activations.") ||
		strings.HasPrefix(path, "keras.random."):
		return true
	case strings.HasPrefix(path, "ops.") || strings.HasPrefix(path, "K.") || strings.HasPrefix(path, "backend.") ||
		strings.HasPrefix(path, "activations."):
		return true
	case strings.HasPrefix(path, "tf.keras.") || strings.HasPrefix(path, "tensorflow.keras."):
		return false
	case strings.HasPrefix(path, "tf.") || strings.HasPrefix(path, "tensorflow."):
		return true
	}
	return false
}

// opClass is the Keras 3 operation class of a keras.ops function.
var opClass = map[string]string{"abs": "Absolute", "absolute": "Absolute", "concatenate": "Concatenate", "concat": "Concatenate",
	"true_divide": "TrueDivide", "divide": "Divide", "getitem": "GetItem", "matmul": "Matmul", "expand_dims": "ExpandDims",
	"reduce_mean": "Mean", "reduce_sum": "Sum", "reduce_max": "Max", "reduce_min": "Min", "clip_by_value": "Clip",
	"log_softmax": "LogSoftmax", "leaky_relu": "LeakyRelu", "hard_sigmoid": "HardSigmoid", "one_hot": "OneHot"}

// tfSymbol is the name tf.keras gives a TFOpLambda row: the function's canonical API symbol.
var tfSymbol = map[string]string{"reduce_mean": "tf.math.reduce_mean", "reduce_sum": "tf.math.reduce_sum",
	"reduce_max": "tf.math.reduce_max", "reduce_min": "tf.math.reduce_min", "add": "tf.math.add", "multiply": "tf.math.multiply",
	"subtract": "tf.math.subtract", "divide": "tf.math.divide", "sigmoid": "tf.math.sigmoid", "tanh": "tf.math.tanh",
	"exp": "tf.math.exp", "log": "tf.math.log", "sqrt": "tf.math.sqrt", "square": "tf.math.square", "abs": "tf.math.abs",
	"maximum": "tf.math.maximum", "minimum": "tf.math.minimum", "matmul": "tf.linalg.matmul", "relu": "tf.nn.relu",
	"softmax": "tf.nn.softmax", "l2_normalize": "tf.math.l2_normalize", "argmax": "tf.math.argmax", "pow": "tf.math.pow"}

// elementwise keep the shape of their first tensor.
var elementwise = map[string]bool{"relu": true, "relu6": true, "sigmoid": true, "tanh": true, "softmax": true, "gelu": true,
	"silu": true, "swish": true, "elu": true, "selu": true, "softplus": true, "softsign": true, "mish": true, "hard_sigmoid": true,
	"leaky_relu": true, "log_softmax": true, "exp": true, "log": true, "log1p": true, "sqrt": true, "rsqrt": true, "square": true,
	"abs": true, "absolute": true, "negative": true, "sign": true, "floor": true, "ceil": true, "round": true, "cos": true,
	"sin": true, "erf": true, "clip": true, "clip_by_value": true, "cast": true, "identity": true, "stop_gradient": true,
	"l2_normalize": true, "normalize": true, "cumsum": true, "cumprod": true, "sort": true, "dropout": true, "nan_to_num": true,
	"convert_to_tensor": true, "reciprocal": true, "linear": true, "exponential": true,
	"zeros_like": true, "ones_like": true, "full_like": true} // a *_like is an operation on its tensor too: a row of its own

// broadcasting combine their tensors elementwise.
var broadcasting = map[string]bool{"add": true, "subtract": true, "multiply": true, "divide": true, "true_divide": true,
	"maximum": true, "minimum": true, "power": true, "pow": true, "floor_divide": true, "mod": true, "equal": true,
	"not_equal": true, "greater": true, "less": true, "greater_equal": true, "less_equal": true, "where": true,
	"squared_difference": true, "logical_and": true, "logical_or": true}

var reductions = map[string]bool{"mean": true, "sum": true, "max": true, "min": true, "prod": true, "std": true, "var": true,
	"reduce_mean": true, "reduce_sum": true, "reduce_max": true, "reduce_min": true, "reduce_prod": true, "argmax": true,
	"argmin": true, "logsumexp": true, "reduce_logsumexp": true, "norm": true, "reduce_std": true, "reduce_variance": true,
	"any": true, "all": true, "reduce_any": true, "reduce_all": true}

// op is a call of a keras.ops / backend / tf function.
func (in *interpreter) op(path string, a *args) any {
	e := a.e
	fn0 := path[strings.LastIndexByte(path, '.')+1:]
	switch fn0 {
	case "shape", "int_shape":
		// the static shape of a symbolic tensor: a tuple of ints (None for the batch)
		if len(a.pos) == 1 {
			if t, ok := a.pos[0].(*tensorVal); ok {
				if shapeless(t.dims) {
					return unknownVal{c: t.why}
				}
				l := &listVal{tuple: true}
				for _, d := range t.dims {
					switch {
					case d == dimUnknown:
						l.items = append(l.items, unknownVal{c: t.why})
					case d < 0:
						l.items = append(l.items, noneVal{})
					default:
						l.items = append(l.items, d)
					}
				}
				return l
			}
		}
	case "normal", "uniform", "truncated_normal", "zeros", "ones", "random_normal", "random_uniform", "fill", "full":
		// a new tensor of a given shape (keras.random.normal(shape=(batch, dim)))
		if v, ok := a.arg(0, "shape"); ok && !hasTensor(a) {
			if d, why := in.configDims(in.toConfig(v, a.exprOf(0)), false); d != nil {
				return &tensorVal{dims: d, why: why}
			}
		}
	case "arange", "range":
		// a constant tensor of stop-start values (no batch axis)
		var n []int64
		for _, v := range a.pos {
			if x, ok := v.(int64); ok {
				n = append(n, x)
			}
		}
		for _, k := range []string{"start", "stop", "limit", "delta", "step"} {
			_ = k
		}
		start, stop, step := int64(0), int64(0), int64(1)
		get := func(name string, def int64) (int64, bool) {
			v, ok := a.kwarg(name)
			if !ok {
				return def, true
			}
			x, isInt := v.(int64)
			return x, isInt
		}
		ok := len(n) == len(a.pos)
		switch len(n) {
		case 0:
			var ok1, ok2, ok3 bool
			start, ok1 = get("start", 0)
			stop, ok2 = get("stop", 0)
			if _, given := a.kwarg("limit"); given {
				stop, ok2 = get("limit", 0)
			}
			step, ok3 = get("step", 1)
			if _, given := a.kwarg("delta"); given {
				step, ok3 = get("delta", 1)
			}
			ok = ok && ok1 && ok2 && ok3
		case 1:
			stop = n[0]
		case 2:
			start, stop = n[0], n[1]
		default:
			start, stop, step = n[0], n[1], n[2]
		}
		if ok && step != 0 {
			count := int64(0)
			if step > 0 && stop > start {
				count = (stop-start-1)/step + 1
			} else if step < 0 && start > stop {
				count = (start-stop-1)/(-step) + 1
			}
			return &tensorVal{dims: layers.Dims{count}}
		}
	}
	if !hasTensor(a) {
		return opaqueVal{callee: path, call: e, c: &cause{line: e.Line, col: e.Col, what: e.String(),
			why: path + "() is not evaluated (no model tensor goes into it)"}}
	}
	fn := path[strings.LastIndexByte(path, '.')+1:]
	outs, why := in.opShape(fn, a)
	return in.opResult(path, fn, a, outs, why)
}

// opResult records an operation on tensors: a row in a functional graph, a plain tensor inside
// a Lambda or a subclassed call().
func (in *interpreter) opResult(path, fn string, a *args, outs []layers.Dims, why *cause) any {
	e := a.e
	var ins []*tensorVal
	for _, v := range a.pos {
		ins = append(ins, flattenTensors(v)...)
	}
	for _, k := range a.kw {
		ins = append(ins, flattenTensors(k.val)...)
	}
	if why == nil && (len(outs) == 0 || outs[0] == nil) {
		why = &cause{line: e.Line, col: e.Col, what: e.String(), why: "kexplain has no shape rule for " + path + "()"}
	}
	if len(outs) == 0 {
		outs = []layers.Dims{nil}
	}
	data := len(ins) > 0
	for _, t := range ins {
		data = data && t.data
	}
	mk := func(nd *node) any {
		var ts []*tensorVal
		for k, d := range outs {
			t := &tensorVal{node: nd, index: k, dims: d, data: data && nd == nil}
			if d == nil || hasUnknownAxis(d) {
				t.why = why
			}
			ts = append(ts, t)
		}
		if nd != nil {
			nd.outputs = ts
		}
		if len(ts) == 1 {
			if nd != nil {
				nd.outTree = ts[0]
			}
			return ts[0]
		}
		l := &listVal{}
		for _, t := range ts {
			l.items = append(l.items, t)
		}
		if nd != nil {
			nd.outTree = l
		}
		return l
	}
	if in.free > 0 || data {
		return mk(nil) // inside a Lambda or call(), or on data alone: no row
	}
	if in.v == layers.Keras1 || in.v == layers.Keras2 {
		in.note(e.Line, e.Col, e.String()+": multi-backend Keras cannot apply this to a layer's output outside a Lambda layer, so what follows from it is not known")
		return &tensorVal{why: &cause{line: e.Line, col: e.Col, what: e.String(), why: "an operation outside a Lambda layer", said: true}}
	}
	if !in.newLayerBudget(e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	l := &layerObj{cfg: layers.Config{}, line: e.Line, col: e.Col, trainable: true, isOp: true, built: true, opFn: path}
	if in.v == layers.Keras3 {
		cls := opClass[fn]
		if cls == "" {
			cls = camel(fn)
		}
		l.class, l.name = cls, in.uniquify(snakeK3(cls))
	} else {
		l.class = "TFOpLambda"
		if fn == "getitem" {
			l.class = "SlicingOpLambda"
		}
		sym := path
		if strings.HasPrefix(sym, "tensorflow.") {
			sym = "tf." + sym[len("tensorflow."):]
		}
		switch {
		case strings.HasPrefix(sym, "tf.__operators__.") || strings.HasPrefix(sym, "tf.math.") ||
			strings.HasPrefix(sym, "tf.linalg.") || strings.HasPrefix(sym, "tf.nn."):
		case tfSymbol[fn] != "":
			sym = tfSymbol[fn]
		case !strings.HasPrefix(sym, "tf."):
			sym = "tf." + fn
		}
		l.name = in.uniquify(sym)
	}
	nd := &node{layer: l, inputs: ins, fn: fn, args: a}
	res := mk(nd)
	l.nodes = append(l.nodes, nd)
	return res
}

// camel is "expand_dims" → "ExpandDims".
func camel(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// tensorBinary is an operator with a tensor on either side.
func (in *interpreter) tensorBinary(op string, x, y any, e *grammar.Expr) any {
	fn := map[string]string{"+": "add", "-": "subtract", "*": "multiply", "/": "true_divide", "@": "matmul", "**": "power",
		"//": "floor_divide", "%": "mod", "<": "less", ">": "greater", "<=": "less_equal", ">=": "greater_equal"}[op]
	if fn == "" {
		return in.unknown(e, "the operator "+op+" on a tensor is not evaluated")
	}
	a := &args{e: e, pos: []any{x, y}}
	outs, why := in.opShape(fn, a)
	path := map[string]string{"add": "tf.__operators__.add", "subtract": "tf.math.subtract", "multiply": "tf.math.multiply",
		"true_divide": "tf.math.truediv", "matmul": "tf.linalg.matmul", "power": "tf.math.pow", "floor_divide": "tf.math.floordiv",
		"mod": "tf.math.floormod", "less": "tf.math.less", "greater": "tf.math.greater", "less_equal": "tf.math.less_equal",
		"greater_equal": "tf.math.greater_equal"}[fn]
	return in.opResult(path, fn, a, outs, why)
}

func (in *interpreter) tensorUnary(fn string, x *tensorVal, e *grammar.Expr) any {
	a := &args{e: e, pos: []any{x}}
	return in.opResult("tf.math."+fn, fn, a, []layers.Dims{x.dims}, x.why)
}

// opShape gives the output shapes of an operation; nil when kexplain has no rule for it.
func (in *interpreter) opShape(fn string, a *args) ([]layers.Dims, *cause) {
	var first *tensorVal
	for _, v := range a.pos {
		if ts := flattenTensors(v); len(ts) > 0 {
			first = ts[0]
			break
		}
	}
	if first == nil {
		for _, k := range a.kw {
			if ts := flattenTensors(k.val); len(ts) > 0 {
				first = ts[0]
				break
			}
		}
	}
	if first == nil {
		return nil, nil
	}
	x := first.dims
	if shapeless(x) {
		return nil, first.why
	}
	intArg := func(i int, name string) (int64, bool, bool) {
		v, given := a.arg(i, name)
		if !given {
			return 0, false, true
		}
		if _, none := v.(noneVal); none {
			return 0, false, true
		}
		n, ok := v.(int64)
		return n, true, ok
	}
	axisOf := func(ax int64, rank int) (int, bool) {
		if ax < 0 {
			ax += int64(rank)
		}
		if ax < 0 || ax >= int64(rank) {
			return 0, false
		}
		return int(ax), true
	}
	one := func(d layers.Dims) ([]layers.Dims, *cause) { return []layers.Dims{d}, first.why }
	switch {
	case elementwise[fn]:
		return one(x)
	case broadcasting[fn]:
		var ds []layers.Dims
		for i, v := range a.pos {
			if c, ok := unknownOf(v); ok {
				// a value kexplain does not know may be a tensor of any shape
				if c == nil {
					c = &cause{line: a.exprOf(i).Line, col: a.exprOf(i).Col, what: a.exprOf(i).String(), why: "not known"}
				}
				return nil, c
			}
			for _, t := range flattenTensors(v) {
				if shapeless(t.dims) {
					return nil, t.why
				}
				ds = append(ds, t.dims)
			}
		}
		if len(ds) == 1 {
			return one(x)
		}
		// operations broadcast as NumPy does (an unknown axis takes the other's size), unlike the
		// merge layers
		out := ds[0]
		for _, d := range ds[1:] {
			var err error
			if out, err = layers.BroadcastOp(out, d); err != nil {
				return nil, &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "the shapes do not broadcast"}
			}
		}
		return one(out)
	case fn == "expand_dims":
		ax, given, ok := intArg(1, "axis")
		if !given || !ok {
			return nil, nil
		}
		if ax < 0 {
			ax += int64(len(x)) + 1
		}
		if ax < 0 || int(ax) > len(x) {
			return nil, nil
		}
		return one(append(append(append(layers.Dims{}, x[:ax]...), 1), x[ax:]...))
	case fn == "squeeze":
		ax, given, ok := intArg(1, "axis")
		if !ok {
			return nil, nil
		}
		if !given {
			var out layers.Dims
			for i, d := range x {
				if d != 1 || i == 0 {
					out = append(out, d)
				}
			}
			return one(out)
		}
		k, ok := axisOf(ax, len(x))
		if !ok || k == 0 || x[k] != 1 && x[k] != dimUnknown {
			return nil, nil
		}
		return one(append(append(layers.Dims{}, x[:k]...), x[k+1:]...))
	case reductions[fn]:
		keep := false
		if v, ok := a.kwarg("keepdims"); ok {
			keep = truth(v) == 1
		} else if v, ok := a.kwarg("keep_dims"); ok {
			keep = truth(v) == 1
		} else if len(a.pos) > 2 {
			keep = truth(a.pos[2]) == 1
		}
		v, given := a.arg(1, "axis")
		if _, none := v.(noneVal); !given || none {
			if keep {
				out := make(layers.Dims, len(x))
				for i := range out {
					out[i] = 1
				}
				return one(out)
			}
			return one(layers.Dims{})
		}
		var axes []int
		switch t := v.(type) {
		case int64:
			k, ok := axisOf(t, len(x))
			if !ok {
				return nil, nil
			}
			axes = []int{k}
		case *listVal:
			for _, it := range t.items {
				n, ok := it.(int64)
				if !ok {
					return nil, nil
				}
				k, ok := axisOf(n, len(x))
				if !ok {
					return nil, nil
				}
				axes = append(axes, k)
			}
		default:
			return nil, nil
		}
		var out layers.Dims
		for i, d := range x {
			reduced := false
			for _, k := range axes {
				if k == i {
					reduced = true
				}
			}
			switch {
			case !reduced:
				out = append(out, d)
			case keep:
				out = append(out, 1)
			}
		}
		return one(out)
	case fn == "reshape":
		v, given := a.arg(1, "newshape")
		if !given {
			v, given = a.kwarg("new_shape")
		}
		if !given {
			v, given = a.kwarg("shape")
		}
		t, ok := v.(*listVal)
		if !ok {
			return nil, nil
		}
		d := make(layers.Dims, len(t.items))
		infer := -1
		for i, it := range t.items {
			switch n := it.(type) {
			case int64:
				d[i] = n
				if n == -1 {
					if infer >= 0 {
						return nil, nil
					}
					infer = i
				}
			case noneVal:
				d[i] = -1
			default:
				d[i] = dimUnknown
			}
		}
		if infer > 0 && known(x) {
			k := int64(1)
			for j, y := range d {
				if j != infer && j > 0 {
					if y <= 0 {
						return nil, nil
					}
					k *= y
				}
			}
			if k > 0 && prod(x[1:])%k == 0 {
				d[infer] = prod(x[1:]) / k
			} else {
				return nil, &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "the new shape does not fit the tensor"}
			}
		}
		if len(d) > 0 && infer == 0 {
			d[0] = x[0]
		}
		return one(d)
	case fn == "transpose":
		v, given := a.arg(1, "axes")
		if !given {
			v, given = a.kwarg("perm")
		}
		if !given {
			out := make(layers.Dims, len(x))
			for i := range x {
				out[i] = x[len(x)-1-i]
			}
			return one(out)
		}
		t, ok := v.(*listVal)
		if !ok || len(t.items) != len(x) {
			return nil, nil
		}
		var out layers.Dims
		for _, it := range t.items {
			n, ok := it.(int64)
			if !ok {
				return nil, nil
			}
			k, ok := axisOf(n, len(x))
			if !ok {
				return nil, nil
			}
			out = append(out, x[k])
		}
		return one(out)
	case fn == "concatenate" || fn == "concat" || fn == "stack":
		v, _ := a.arg(0, "values")
		if v == nil {
			v, _ = a.kwarg("xs")
		}
		ts := flattenTensors(v)
		var ds []layers.Dims
		for _, t := range ts {
			if shapeless(t.dims) {
				return nil, t.why
			}
			ds = append(ds, t.dims)
		}
		ax, given, ok := intArg(1, "axis")
		if !ok {
			return nil, nil
		}
		if !given {
			if fn == "stack" {
				ax = 0
			} else if fn == "concatenate" {
				ax = 0
			}
		}
		if fn == "stack" {
			if ax < 0 {
				ax += int64(len(x)) + 1
			}
			if ax < 0 || int(ax) > len(x) {
				return nil, nil
			}
			return one(append(append(append(layers.Dims{}, x[:ax]...), int64(len(ds))), x[ax:]...))
		}
		out, _, err := layers.Build(&layers.Layer{Class: "Concatenate", Config: layers.Config{"axis": ax}, Version: in.v}, ds)
		if err != nil || len(out) == 0 {
			return nil, &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "the shapes cannot be concatenated"}
		}
		return one(out[0])
	case fn == "matmul":
		var ds []layers.Dims
		for _, v := range a.pos[:min(2, len(a.pos))] {
			ts := flattenTensors(v)
			if len(ts) != 1 || shapeless(ts[0].dims) {
				return nil, nil
			}
			ds = append(ds, ts[0].dims)
		}
		if len(ds) != 2 || len(ds[0]) < 2 || len(ds[1]) < 2 {
			return nil, nil
		}
		p, q := ds[0], ds[1]
		if p[len(p)-1] > 0 && q[len(q)-2] > 0 && p[len(p)-1] != q[len(q)-2] {
			return nil, &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "the inner axes of the product differ"}
		}
		out := append(append(layers.Dims{}, p[:len(p)-1]...), q[len(q)-1])
		return one(out)
	case fn == "split":
		n, given, ok := intArg(1, "num_or_size_splits")
		if !given {
			n, given, ok = intArg(1, "indices_or_sections")
		}
		if !given || !ok || n <= 0 {
			return nil, nil
		}
		ax, axGiven, ok := intArg(2, "axis")
		if !ok {
			return nil, nil
		}
		if !axGiven {
			ax = 0
		}
		k, ok := axisOf(ax, len(x))
		if !ok {
			return nil, nil
		}
		d := append(layers.Dims{}, x...)
		if d[k] > 0 {
			if d[k]%n != 0 {
				return nil, nil
			}
			d[k] /= n
		}
		outs := make([]layers.Dims, n)
		for i := range outs {
			outs[i] = d
		}
		if n > 64 {
			return nil, nil
		}
		return outs, first.why
	case fn == "one_hot":
		n, given, ok := intArg(1, "num_classes")
		if !given {
			n, given, ok = intArg(1, "depth")
		}
		if !given || !ok {
			return nil, nil
		}
		return one(append(append(layers.Dims{}, x...), n))
	case fn == "repeat" || fn == "tile":
		return nil, nil
	case fn == "flatten":
		if known(x) {
			return one(layers.Dims{x[0], prod(x[1:])})
		}
	}
	return nil, nil
}

// sliceTensor is x[...] on a symbolic tensor: a GetItem operation.
func (in *interpreter) sliceTensor(fr *frame, t *tensorVal, e *grammar.Expr) any {
	a := &args{e: e, pos: []any{t}}
	if shapeless(t.dims) {
		return in.opResult("tf.__operators__.getitem", "getitem", a, nil, t.why)
	}
	x := t.dims
	var out layers.Dims
	ax := 0
	bad := func() any {
		return in.opResult("tf.__operators__.getitem", "getitem", a, nil, &cause{line: e.Line, col: e.Col, what: e.String(),
			why: "a subscript of a tensor that kexplain cannot follow"})
	}
	for i, s := range e.Items {
		switch {
		case s.Kind == grammar.ExprEllipsis:
			rest := 0
			for _, r := range e.Items[i+1:] {
				if !isNewAxis(r) {
					rest++
				}
			}
			for ax < len(x)-rest {
				out = append(out, x[ax])
				ax++
			}
		case isNewAxis(s):
			out = append(out, 1)
		case s.Kind == grammar.ExprSlice:
			if ax >= len(x) {
				return bad()
			}
			n := x[ax]
			if n < 0 {
				out = append(out, n)
				ax++
				continue
			}
			lo, hi, step, ok := in.sliceBounds(fr, s, int(n))
			if !ok {
				return bad()
			}
			cnt := int64(0)
			if step > 0 && hi > lo {
				cnt = int64((hi-lo-1)/step + 1)
			} else if step < 0 && lo > hi {
				cnt = int64((lo-hi-1)/(-step) + 1)
			}
			out = append(out, cnt)
			ax++
		default:
			v := in.eval(fr, s)
			if _, ok := v.(int64); !ok {
				return bad()
			}
			if ax >= len(x) {
				return bad()
			}
			ax++ // an integer index drops the axis
		}
	}
	out = append(out, x[min(ax, len(x)):]...)
	return in.opResult("tf.__operators__.getitem", "getitem", a, []layers.Dims{out}, t.why)
}

// isNewAxis reports a subscript that adds an axis of 1: None, or NumPy's and TensorFlow's name
// for it (np.newaxis, tf.newaxis).
func isNewAxis(s *grammar.Expr) bool {
	return s.Kind == grammar.ExprName && s.Name == "None" || s.Kind == grammar.ExprAttr && s.Name == "newaxis"
}

// known reports whether every non-batch axis of d is known.
func known(d layers.Dims) bool {
	if len(d) < 2 {
		return false
	}
	for _, x := range d[1:] {
		if x <= 0 {
			return false
		}
	}
	return true
}

// prod is the product of the axes.
func prod(d []int64) int64 {
	n := int64(1)
	for _, x := range d {
		n *= x
	}
	return n
}

// preprocessMode is the mode of keras.applications.<module>.preprocess_input: "tf" scales to
// [-1, 1], "caffe" flips the channels and subtracts the ImageNet means, "" passes the input
// through (EfficientNet, ConvNeXt, MobileNetV3 preprocess inside the model).
var preprocessMode = map[string]string{"mobilenet": "tf", "mobilenet_v2": "tf", "xception": "tf",
	"inception_v3": "tf", "inception_resnet_v2": "tf", "resnet_v2": "tf", "nasnet": "tf",
	"vgg16": "caffe", "vgg19": "caffe", "resnet50": "caffe", "resnet": "caffe",
	"efficientnet": "", "efficientnet_v2": "", "convnext": "", "mobilenet_v3": "", "densenet": "torch"}

// preprocess is keras.applications.<module>.preprocess_input on a tensor: the operations it
// applies, as rows of the graph (tf.keras: tf.math.truediv, tf.math.subtract; Keras 3:
// true_divide, subtract), the shape unchanged.
func (in *interpreter) preprocess(module string, a *args) any {
	e := a.e
	mode, known := preprocessMode[module]
	if len(a.pos) == 0 {
		return in.unknown(e, "preprocess_input() without an input")
	}
	x := a.pos[0]
	t, isT := x.(*tensorVal)
	if !isT {
		return opaqueVal{callee: "preprocess_input", call: e, c: &cause{line: e.Line, col: e.Col, what: e.String(),
			why: "preprocess_input() of a value kexplain does not follow"}}
	}
	if !known || mode == "torch" || mode == "caffe" && in.v == layers.Keras3 {
		// a row for what kexplain does not follow; the shape is unchanged either way
		l := in.customObj(opaqueVal{callee: "preprocess_input", call: e, c: &cause{line: e.Line, col: e.Col, what: e.String(),
			why: "kexplain does not know the operations of " + module + ".preprocess_input"}})
		l.err = errString("kexplain does not know the operations " + module + ".preprocess_input applies")
		out := in.applyTensors(l, []*tensorVal{t}, nil, e)
		if o, ok := out.(*tensorVal); ok {
			o.dims, o.why = t.dims, t.why // preprocessing keeps the shape
		}
		return out
	}
	one := []layers.Dims{t.dims}
	switch mode {
	case "":
		return t
	case "tf":
		if in.v == layers.Keras3 {
			y := in.opResult("keras.ops.true_divide", "true_divide", &args{e: e, pos: []any{t}}, one, t.why)
			return in.opResult("keras.ops.subtract", "subtract", &args{e: e, pos: []any{y}}, one, t.why)
		}
		y := in.opResult("tf.math.truediv", "truediv", &args{e: e, pos: []any{t}}, one, t.why)
		return in.opResult("tf.math.subtract", "subtract", &args{e: e, pos: []any{y}}, one, t.why)
	}
	// caffe, tf.keras: the channels reversed, then the means subtracted
	y := in.opResult("tf.__operators__.getitem", "getitem", &args{e: e, pos: []any{t}}, one, t.why)
	return in.opResult("tf.nn.bias_add", "bias_add", &args{e: e, pos: []any{y}}, one, t.why)
}

// datasetShapes are the arrays load_data() of the keras.datasets kexplain knows returns:
// (x_train, y_train), (x_test, y_test).
var datasetShapes = map[string][4]layers.Dims{
	"mnist":              {{60000, 28, 28}, {60000}, {10000, 28, 28}, {10000}},
	"fashion_mnist":      {{60000, 28, 28}, {60000}, {10000, 28, 28}, {10000}},
	"cifar10":            {{50000, 32, 32, 3}, {50000, 1}, {10000, 32, 32, 3}, {10000, 1}},
	"cifar100":           {{50000, 32, 32, 3}, {50000, 1}, {10000, 32, 32, 3}, {10000, 1}},
	"boston_housing":     {{404, 13}, {404}, {102, 13}, {102}},
	"california_housing": {{16512, 8}, {16512}, {4128, 8}, {4128}},
}

// loadData is keras.datasets.<name>.load_data(): arrays of the dataset's shapes, or nil for a
// dataset kexplain does not know (imdb and reuters give lists of sequences of any length).
func (in *interpreter) loadData(name string) any {
	sh, ok := datasetShapes[name]
	if !ok {
		return nil
	}
	pair := func(x, y layers.Dims) *listVal {
		return &listVal{tuple: true, items: []any{&tensorVal{dims: append(layers.Dims{}, x...), data: true},
			&tensorVal{dims: append(layers.Dims{}, y...), data: true}}}
	}
	return &listVal{tuple: true, items: []any{pair(sh[0], sh[1]), pair(sh[2], sh[3])}}
}

// dataMethod is a NumPy method on data of a known shape: astype, copy, reshape (one -1 worked
// out), expand_dims, squeeze, flatten.
func (in *interpreter) dataMethod(t *tensorVal, name string, a *args) any {
	e := a.e
	d := t.dims
	switch name {
	case "astype", "copy", "", "numpy":
		return &tensorVal{dims: d, data: true, why: t.why}
	case "flatten", "ravel":
		n, ok := dataSize(d)
		if !ok {
			return in.unknown(e, "the size of the data is not known, or too large to count")
		}
		return &tensorVal{dims: layers.Dims{n}, data: true}
	case "expand_dims":
		ax, ok := a.arg(0, "axis")
		k, isInt := ax.(int64)
		if !ok || !isInt {
			return in.unknown(e, "expand_dims() on an axis kexplain does not know")
		}
		if k < 0 {
			k += int64(len(d)) + 1
		}
		if k < 0 || k > int64(len(d)) {
			return in.unknown(e, "expand_dims() on an axis the data does not have")
		}
		out := append(append(append(layers.Dims{}, d[:k]...), 1), d[k:]...)
		return &tensorVal{dims: out, data: true}
	case "squeeze":
		var out layers.Dims
		for _, x := range d {
			if x != 1 {
				out = append(out, x)
			}
		}
		return &tensorVal{dims: out, data: true}
	case "reshape":
		return in.reshapeData(t, a)
	}
	return in.unknown(e, name+"() of data is not evaluated")
}

// reshapeData is data.reshape(shape) (or np.reshape(data, shape)): the axes given, and the one -1
// worked out from the data's size. Where the size is not known (data read from a file, an axis
// not known), the -1 is an axis not known, and so is an axis given by a value kexplain does not
// know; the other axes stay known, so that X.reshape(-1, 50, 50, 1).shape[1:] is (50, 50, 1).
func (in *interpreter) reshapeData(t *tensorVal, a *args) any {
	e := a.e
	items := a.pos
	if len(a.pos) == 1 {
		if l, ok := a.pos[0].(*listVal); ok {
			items = l.items
		}
	}
	if len(items) == 0 {
		if v, ok := a.kwarg("newshape"); ok {
			if l, ok := v.(*listVal); ok {
				items = l.items
			}
		}
	}
	if len(items) == 0 || len(items) > 32 {
		return in.unknown(e, "reshape() to a shape kexplain does not know")
	}
	size, sized := int64(0), false
	if t.dims != nil {
		size, sized = dataSize(t.dims)
		if !sized && !hasUnknownAxis(t.dims) {
			return in.unknown(e, "the size of the data is not known, or too large to count")
		}
	}
	why := t.why
	out := make(layers.Dims, len(items))
	free, known, open := -1, int64(1), false
	for i, it := range items {
		if c, ok := unknownOf(it); ok {
			out[i] = dimUnknown
			open = true
			if why == nil {
				why = c
			}
			continue
		}
		n, ok := it.(int64)
		if !ok {
			return in.unknownFrom(it, e, "reshape() to a shape kexplain does not know")
		}
		if n == -1 && free < 0 {
			free = i
			continue
		}
		if n <= 0 {
			return in.unknown(e, "reshape() to a shape kexplain does not know")
		}
		out[i] = n
		if known, ok = mulInt(known, n); !ok {
			return in.unknown(e, "reshape() to a shape too large to count")
		}
	}
	switch {
	case sized && !open && free >= 0:
		if known == 0 || size%known != 0 {
			return in.unknown(e, "reshape(): the data's size does not divide")
		}
		out[free] = size / known
	case sized && !open:
		if known != size {
			return in.unknown(e, "reshape() to a shape of another size than the data's")
		}
	case free >= 0:
		out[free] = dimUnknown
	}
	if why == nil && (free >= 0 || open) {
		why = &cause{line: e.Line, col: e.Col, what: e.String(), why: "the size of the data is not known"}
	}
	return &tensorVal{dims: out, data: true, why: why}
}

// dataSize is the number of elements of data of a known shape; false when an axis is not known
// or the product does not fit in an int64.
func dataSize(d layers.Dims) (int64, bool) {
	n := int64(1)
	for _, x := range d {
		if x < 0 {
			return 0, false
		}
		var ok bool
		if n, ok = mulInt(n, x); !ok {
			return 0, false
		}
	}
	return n, true
}
