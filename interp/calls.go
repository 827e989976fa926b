package interp

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Calls in the code: builtins, layer and model constructors (arguments by each version's
// signature, automatic names), Sequential and Functional models, and their methods.

// codeClass resolves a callee to a known class: the last part of a dotted name that the
// registry (or the model API) knows.
func codeClass(path string) string {
	last := path[strings.LastIndexByte(path, '.')+1:]
	switch last {
	case "Sequential", "Model", "Functional", "Input", "InputLayer":
		return last
	}
	if strings.Contains(path, "optimizers.") {
		return ""
	}
	if torchRoot(path) {
		return "" // PyTorch's nn.Dropout is no Keras Dropout
	}
	if layers.Lookup(last) != nil || cellClasses[last] || codeOnly[last] {
		return last
	}
	return ""
}

// keras1Classes are the Keras 1 names of classes that Keras 2 renamed.
var keras1Classes = map[string]string{"Conv1D": "Convolution1D", "Conv2D": "Convolution2D", "Conv3D": "Convolution3D",
	"SeparableConv2D": "SeparableConvolution2D", "Conv2DTranspose": "Deconvolution2D"}

// keras1Aliases are the short names Keras 1.2 gives its convolutions (keras/layers/convolutional.py):
// they take the long names' arguments.
var keras1Aliases = map[string]string{"Conv1D": "Convolution1D", "Conv2D": "Convolution2D", "Conv3D": "Convolution3D",
	"Deconv2D": "Deconvolution2D", "AtrousConv1D": "AtrousConvolution1D", "AtrousConv2D": "AtrousConvolution2D",
	"SeparableConv2D": "SeparableConvolution2D"}

// mergeHelpers are the functional forms of the merging layers.
var mergeHelpers = map[string]string{"add": "Add", "subtract": "Subtract", "multiply": "Multiply", "average": "Average",
	"maximum": "Maximum", "minimum": "Minimum", "concatenate": "Concatenate", "dot": "Dot",
	"merge": "Merge"} // Keras 1: merge([a, b], mode='concat') makes a Merge layer and applies it

var cellClasses = map[string]bool{"LSTMCell": true, "GRUCell": true, "SimpleRNNCell": true, "StackedRNNCells": true}

// codeOnly are classes the code can construct that no summary row judges (or that print under
// another name).
var codeOnly = map[string]bool{}

var optimizerNames = map[string]bool{"Adam": true, "AdamW": true, "Nadam": true, "Lamb": true, "Adamax": true,
	"RMSprop": true, "SGD": true, "Adagrad": true, "Adadelta": true, "Ftrl": true, "Lion": true, "Adafactor": true}

func (in *interpreter) call(e *grammar.Expr) any {
	callee := in.eval(e.X)
	switch c := callee.(type) {
	case symVal:
		path := string(c)
		last := path[strings.LastIndexByte(path, '.')+1:]
		if optimizerNames[last] && (strings.Contains(path, "optimizers") || in.env[last] != nil) {
			return &optimizerVal{name: strings.ToLower(last), cfg: in.kwargs(e)}
		}
		switch last {
		case "range":
			return in.rangeOf(e)
		case "len":
			if len(e.Items) == 1 {
				if l, ok := in.eval(e.Items[0]).(*listVal); ok {
					return int64(len(l.items))
				}
			}
			return unknownVal{}
		case "list", "tuple":
			if len(e.Items) == 1 {
				return in.eval(e.Items[0])
			}
			return &listVal{}
		}
		if cls := codeClass(path); cls != "" {
			return in.construct(cls, e)
		}
		if cls := mergeHelpers[last]; cls != "" && len(e.Items) > 0 {
			// layers.add([a, b]) makes an Add layer and applies it
			ctor := &grammar.Expr{Kind: grammar.ExprCall, Line: e.Line, Col: e.Col, X: e.X, Kwargs: e.Kwargs, Items: e.Items[1:]}
			l, ok := in.construct(cls, ctor).(*layerObj)
			if !ok {
				return unknownVal{}
			}
			return in.applyTensors(l, flattenTensors(in.eval(e.Items[0])), nil)
		}
		return in.callUnknown(e)
	case *layerObj:
		return in.apply(c, e)
	case *modelObj:
		return in.apply(c.obj, e)
	case methodVal:
		return in.method(c, e)
	}
	return in.callUnknown(e)
}

func (in *interpreter) rangeOf(e *grammar.Expr) any {
	var a []int64
	for _, x := range e.Items {
		n, ok := in.eval(x).(int64)
		if !ok {
			return unknownVal{}
		}
		a = append(a, n)
	}
	lo, hi, st := int64(0), int64(0), int64(1)
	switch len(a) {
	case 1:
		hi = a[0]
	case 2:
		lo, hi = a[0], a[1]
	case 3:
		lo, hi, st = a[0], a[1], a[2]
	default:
		return unknownVal{}
	}
	if st == 0 {
		return unknownVal{}
	}
	l := &listVal{}
	for k := lo; (st > 0 && k < hi || st < 0 && k > hi) && len(l.items) < 10000; k += st {
		l.items = append(l.items, k)
	}
	return l
}

func (in *interpreter) kwargs(e *grammar.Expr) layers.Config {
	cfg := layers.Config{}
	for _, k := range e.Kwargs {
		cfg[k.Name] = in.toConfig(in.eval(k.Value))
	}
	return cfg
}

// toConfig turns an interpreter value into a Config value: ints, floats, strings, bools, nil,
// []any for tuples and lists; layers stay layers.
func (in *interpreter) toConfig(v any) any {
	switch x := v.(type) {
	case int64, float64, string, bool, *layerObj, *lambdaVal:
		return x
	case noneVal:
		return nil
	case *listVal:
		out := make([]any, len(x.items))
		for k, it := range x.items {
			out[k] = in.toConfig(it)
		}
		return out
	case *modelObj:
		return x.obj
	}
	return nil
}

// signatureOf finds the positional argument names of a class in the code's version.
func signatureOf(v layers.Version, cls string) []string {
	if k1, ok := keras1Aliases[cls]; ok && v == layers.Keras1 {
		cls = k1 // Keras 1's Conv2D is Convolution2D: Conv2D(32, 3, 3) is a 3×3 kernel
	}
	order := []layers.Version{v, layers.Keras3, layers.TFKeras, layers.Keras2, layers.Keras1}
	for _, c := range []string{cls, sigFallback[cls]} {
		if c == "" {
			continue
		}
		for _, ver := range order {
			if s, ok := signatures[ver][c]; ok {
				return s
			}
		}
		if s, ok := extraSignatures[c]; ok {
			return s
		}
	}
	return nil
}

// sigFallback names a class whose signature a class without its own entry shares.
var sigFallback = map[string]string{
	"MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
	"AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D", "AvgPool3D": "MaxPooling3D", "AveragePooling3D": "MaxPooling3D",
	"GlobalMaxPooling1D": "GlobalAveragePooling1D", "GlobalMaxPooling2D": "GlobalAveragePooling2D", "GlobalMaxPooling3D": "GlobalAveragePooling2D",
	"GlobalAveragePooling3D": "GlobalAveragePooling2D", "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalAvgPool2D": "GlobalAveragePooling2D",
	"GlobalAvgPool3D": "GlobalAveragePooling2D", "GlobalMaxPool1D": "GlobalAveragePooling1D", "GlobalMaxPool2D": "GlobalAveragePooling2D",
	"GlobalMaxPool3D": "GlobalAveragePooling2D",
	"Convolution1D":   "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
	"SpatialDropout1D": "SpatialDropout2D", "SpatialDropout3D": "SpatialDropout2D", "UpSampling3D": "UpSampling2D",
	"ZeroPadding3D": "ZeroPadding2D", "Cropping3D": "Cropping2D", "Deconvolution2D": "Conv2DTranspose",
	"GroupQueryAttention": "GroupedQueryAttention", "Convolution2DTranspose": "Conv2DTranspose",
}

// extraSignatures are the classes Appendix A does not list (Keras 3 order).
var extraSignatures = map[string][]string{
	"RandomFlip": {"mode"}, "RandomRotation": {"factor"}, "RandomZoom": {"height_factor", "width_factor"},
	"RandomCrop": {"height", "width"}, "CenterCrop": {"height", "width"}, "RandomContrast": {"factor"},
	"RandomBrightness": {"factor"}, "RandomTranslation": {"height_factor", "width_factor"},
	"GroupedQueryAttention": {"head_dim", "num_query_heads", "num_key_value_heads"},
	"AlphaDropout":          {"rate", "noise_shape", "seed"}, "ThresholdedReLU": {"theta"},
	"SpectralNormalization": {"layer", "power_iterations"}, "RMSNormalization": {"axis", "epsilon"},
	"LSTMCell": {"units"}, "GRUCell": {"units"}, "SimpleRNNCell": {"units"}, "StackedRNNCells": {"cells"}, "ActivityRegularization": {"l1", "l2"},
	"UpSampling3D": {"size"}, "Identity": {}, "InputLayer": {"shape", "batch_size", "dtype"},
	"Input": {"shape", "batch_size", "name", "dtype"},
}

// construct makes a layer or model from a constructor call.
func (in *interpreter) construct(cls string, e *grammar.Expr) any {
	switch cls {
	case "Sequential":
		return in.newSequential(e)
	case "Model", "Functional":
		return in.newFunctional(e)
	}
	spec := layers.Lookup(cls)
	canon := cls
	if spec != nil && !cellClasses[cls] {
		canon = spec.Class
	} else if cellClasses[cls] {
		spec = nil // a cell is no layer of a summary (StackedRNNCells reads as an RNN row only in tables)
	}
	if k1, ok := keras1Classes[canon]; ok && in.v == layers.Keras1 {
		canon = k1 // Keras 1 prints (and names layers after) its own class names
	}
	cfg := layers.Config{}
	sig := signatureOf(in.v, cls)
	var unknown []string
	for k, x := range e.Items {
		raw := in.eval(x)
		v := in.toConfig(raw)
		name := "_arg" + strconv.Itoa(k)
		if k < len(sig) {
			name = sig[k]
		}
		cfg[name] = v
		if unknownValue(raw) {
			unknown = append(unknown, name)
		}
	}
	for _, k := range e.Kwargs {
		raw := in.eval(k.Value)
		cfg[k.Name] = in.toConfig(raw)
		if unknownValue(raw) {
			unknown = append(unknown, k.Name)
		}
	}
	normaliseConfig(in.v, cls, cfg, len(e.Items))
	l := &layerObj{class: canon, spec: spec, cfg: cfg, line: e.Line, trainable: true}
	for _, n := range unknown {
		noteUnknownArg(l, n)
	}
	if b, ok := cfg["trainable"].(bool); ok && !b {
		l.trainable, l.ctorFrozen = false, true
	}
	if inner, ok := cfg["layer"].(*layerObj); ok {
		l.inner = inner
	} else if inner, ok := cfg["cell"].(*layerObj); ok {
		l.inner = inner
	}
	for _, k := range []string{"batch_input_shape", "batch_shape"} {
		if t, ok := cfg[k].([]any); ok {
			l.inShape = layers.TupleDims(t)
		}
	}
	if l.inShape == nil {
		if t, ok := cfg["input_shape"].([]any); ok {
			l.inShape = append(layers.Dims{-1}, layers.TupleDims(t)...)
		} else if canon == "Embedding" && in.v != layers.Keras3 {
			// Keras 1, 2 and tf.keras give an Embedding the input (input_length,), (None,) without
			// one; Keras 3 has no input_length (layers.md §4, Embedding)
			l.inShape = layers.Dims{-1, -1}
			if n, ok := cfg["input_length"].(int64); ok {
				l.inShape = layers.Dims{-1, n}
			}
		} else if n, ok := cfg["input_dim"].(int64); ok && canon != "Embedding" {
			l.inShape = layers.Dims{-1, n}
			if ln, ok := cfg["input_length"].(int64); ok {
				l.inShape = layers.Dims{-1, ln, n}
			}
		}
	}
	if canon == "InputLayer" {
		l.isInput = true
		if s, ok := cfg["name"].(string); ok {
			l.name = s
		} else {
			l.name = in.inputName()
		}
		out, _, err := layers.Lookup("InputLayer").Build(cfg, nil)
		if err != nil || len(out) == 0 {
			l.err = err
			return l
		}
		if n, ok := cfg["batch_size"].(int64); ok && len(out[0]) > 0 {
			out[0][0] = n
		}
		l.inShape = out[0]
		l.built = true
		nd := &node{layer: l}
		t := &tensorVal{node: nd, dims: out[0]}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		l.nodes = append(l.nodes, nd)
		if cls == "Input" {
			return t
		}
		return l
	}
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else {
		l.name = in.autoName(canon)
	}
	if in.v == layers.Keras3 && (canon == "MultiHeadAttention" || canon == "GroupedQueryAttention") {
		// their constructors make a Softmax and a Dropout, which take automatic names
		in.autoName("Softmax")
		in.autoName("Dropout")
	}
	return l
}

// normaliseConfig maps the argument names of older versions onto the ones the builds read;
// positional is the number of positional arguments.
func normaliseConfig(v layers.Version, cls string, cfg layers.Config, positional int) {
	// Keras 1 Convolution2D(nb_filter, nb_row, nb_col) and Conv2D(f, 3, 3) in Keras 2 (the third
	// positional argument, not a strides= keyword)
	if v == layers.Keras2 && (cls == "Conv2D" || cls == "Convolution2D") && positional >= 3 {
		if k, ok := cfg["strides"]; ok {
			if _, ok := cfg["padding"]; !ok {
				if _, isInt := k.(int64); isInt {
					cfg["kernel_size"] = []any{cfg["kernel_size"], k}
					delete(cfg, "strides")
				}
			}
		}
	}
	if v == layers.Keras1 {
		if p, ok := cfg["p"]; ok {
			cfg["rate"] = p
		}
		if cls == "Convolution3D" || cls == "Conv3D" {
			if a, ok := cfg["kernel_dim1"]; ok {
				cfg["kernel_size"] = []any{a, cfg["kernel_dim2"], cfg["kernel_dim3"]}
			}
		}
	}
	if s, ok := cfg["border_mode"].(string); ok {
		cfg["padding"] = s
	}
}

// inputName is the automatic name of an Input layer.
func (in *interpreter) inputName() string {
	switch in.v {
	case layers.Keras3:
		return in.uniquify("input_layer", 0)
	}
	in.counters["input"]++
	return "input_" + strconv.Itoa(in.counters["input"])
}

// autoName is the automatic name of a layer of class cls.
func (in *interpreter) autoName(cls string) string {
	switch in.v {
	case layers.Keras1:
		base := strings.ToLower(cls)
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	case layers.Keras2:
		base := layers.SnakeCase(cls)
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	}
	return in.uniquify(snakeK3(cls), 0)
}

// uniquify is the name Keras 3 and tf.keras give: the base the first time, then base_1, base_2.
func (in *interpreter) uniquify(base string, _ int) string {
	n := in.counters[base]
	in.counters[base]++
	if n == 0 {
		return base
	}
	return base + "_" + strconv.Itoa(n)
}

var (
	k3Snake1 = regexp.MustCompile(`(.)([A-Z][a-z]+)`)
	k3Snake2 = regexp.MustCompile(`([a-z])([A-Z])`)
)

// snakeK3 is keras.src.utils.naming.to_snake_case (and tf.keras's generic_utils version).
func snakeK3(name string) string {
	s := k3Snake1.ReplaceAllString(name, "${1}_${2}")
	return strings.ToLower(k3Snake2.ReplaceAllString(s, "${1}_${2}"))
}

func (in *interpreter) modelName(base string) string {
	switch in.v {
	case layers.Keras1, layers.Keras2:
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	}
	return in.uniquify(base, 0)
}

func (in *interpreter) newSequential(e *grammar.Expr) any {
	m := &modelObj{seq: true, line: e.Line}
	l := &layerObj{class: "Sequential", cfg: layers.Config{}, line: e.Line, trainable: true, model: m}
	m.obj = l
	cfg := in.nameKwarg(e) // not every keyword: layers= would construct its layers twice
	var list any
	var listExpr *grammar.Expr
	if len(e.Items) > 0 {
		list, listExpr = in.eval(e.Items[0]), e.Items[0]
	} else if x := e.Kwarg("layers"); x != nil {
		list, listExpr = in.eval(x), x
	}
	if _, isList := list.(*listVal); listExpr != nil && !isList && unknownValue(list) {
		m.unknownLayers = "the layers of " + exprText(listExpr) // how many, and which, the code does not say
	}
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else {
		l.name = in.modelName("sequential")
	}
	in.models = append(in.models, m)
	if lv, ok := list.(*listVal); ok {
		var exprs []*grammar.Expr
		if len(e.Items) > 0 && e.Items[0].Kind == grammar.ExprList {
			exprs = e.Items[0].Items
		} else if x := e.Kwarg("layers"); x != nil && x.Kind == grammar.ExprList {
			exprs = x.Items
		}
		for k, it := range lv.items {
			if k < len(exprs) && len(exprs) == len(lv.items) {
				it = in.layerArg(it, exprs[k])
			}
			in.seqAdd(m, it, false)
		}
		in.maybeRebuild(m)
	}
	return m
}

// maybeRebuild is Keras 3's Sequential._maybe_rebuild: a Sequential with an input and a layer
// builds a Functional inside, which takes a "functional" name each time.
func (in *interpreter) maybeRebuild(m *modelObj) {
	if in.v == layers.Keras3 && m.input != nil && len(m.layers) > 0 {
		in.uniquify("functional", 0)
	}
}

// seqAdd is Sequential.add.
func (in *interpreter) seqAdd(m *modelObj, v any, rebuild bool) {
	var l *layerObj
	switch x := v.(type) {
	case *layerObj:
		l = x
	case *modelObj:
		l = x.obj
	case *tensorVal:
		if x.node != nil && x.node.layer.isInput {
			l = x.node.layer
		}
	}
	if l == nil || in.holds(l, m, 0) {
		return // model.add(model): a model inside itself (partial.go)
	}
	if l.isInput {
		if m.input == nil && len(m.layers) == 0 {
			m.input = l
		}
		return
	}
	if m.input == nil && len(m.layers) == 0 && l.inShape == nil && l.model != nil {
		// a built model as the first layer: its input shape builds the Sequential
		if l.model.seq && l.model.input != nil {
			l.inShape = l.model.input.inShape
		} else if !l.model.seq && len(l.model.inputs) == 1 {
			l.inShape = l.model.inputs[0].dims
		}
	}
	if m.input == nil && len(m.layers) == 0 && l.inShape != nil {
		// the first layer's input_shape= makes the InputLayer
		name := ""
		switch in.v {
		case layers.Keras3:
			name = in.uniquify("input_layer", 0)
		default:
			name = l.name + "_input"
		}
		il := &layerObj{class: "InputLayer", cfg: layers.Config{}, name: name, isInput: true, built: true, trainable: true, inShape: l.inShape}
		nd := &node{layer: il}
		t := &tensorVal{node: nd, dims: l.inShape}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		il.nodes = append(il.nodes, nd)
		m.input = il
	}
	m.layers = append(m.layers, l)
	if rebuild {
		in.maybeRebuild(m)
	}
}

// seqBuild applies the layers of a Sequential that has an input and are not applied yet.
func (in *interpreter) seqBuild(m *modelObj) {
	if m.input == nil || m.last == nil && len(m.input.nodes) == 0 {
		return
	}
	if m.last == nil {
		m.last = m.input.nodes[0].outTree
	}
	for m.applied < len(m.layers) {
		l := m.layers[m.applied]
		m.applied++
		m.last = in.applyValue(l, m.last, nil)
	}
}

func (in *interpreter) modelOutput(m *modelObj) any {
	if m.seq {
		in.seqBuild(m)
		if m.last == nil {
			return unknownVal{}
		}
		return m.last
	}
	return toList(m.outputs)
}

func toList(v any) any {
	if l, ok := v.([]any); ok {
		return &listVal{items: l}
	}
	return v
}

func (in *interpreter) newFunctional(e *grammar.Expr) any {
	m := &modelObj{line: e.Line}
	l := &layerObj{class: "Functional", cfg: layers.Config{}, line: e.Line, trainable: true, model: m}
	m.obj = l
	var ins, outs any = unknownVal{}, unknownVal{}
	if len(e.Items) > 0 {
		ins = in.eval(e.Items[0])
	}
	if len(e.Items) > 1 {
		outs = in.eval(e.Items[1])
	}
	for _, k := range e.Kwargs {
		switch k.Name {
		case "inputs", "input":
			ins = in.eval(k.Value)
		case "outputs", "output":
			outs = in.eval(k.Value)
		}
	}
	m.inputs = flattenTensors(ins)
	m.outputs = outTree(outs)
	cfg := in.nameKwarg(e) // not every keyword: output=Dense(1)(x) would construct the Dense twice
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else if in.v == layers.Keras3 {
		l.name = in.uniquify("functional", 0)
	} else {
		l.name = in.modelName("model")
	}
	if len(m.inputs) == 0 && len(flattenTensors(m.outputs)) == 0 {
		return unknownVal{}
	}
	in.models = append(in.models, m)
	return m
}

// outTree turns a value into an output structure: a tensor, or []any of them.
func outTree(v any) any {
	switch x := v.(type) {
	case *tensorVal:
		return x
	case *listVal:
		out := make([]any, 0, len(x.items))
		for _, it := range x.items {
			out = append(out, outTree(it))
		}
		return out
	case *dictVal:
		out := make([]any, 0, len(x.vals))
		for _, it := range sortedDict(x) {
			out = append(out, outTree(it))
		}
		return out
	}
	return nil
}

func flattenTensors(v any) []*tensorVal {
	var out []*tensorVal
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case *tensorVal:
			out = append(out, x)
		case *listVal:
			for _, it := range x.items {
				walk(it)
			}
		case *dictVal:
			for _, it := range x.vals {
				walk(it)
			}
		case []any:
			for _, it := range x {
				walk(it)
			}
		}
	}
	walk(v)
	return out
}

// method calls a method of a layer or model.
func (in *interpreter) method(mv methodVal, e *grammar.Expr) any {
	var m *modelObj
	switch r := mv.recv.(type) {
	case *modelObj:
		m = r
	case *layerObj:
		m = r.model
	}
	if m == nil {
		return unknownVal{}
	}
	switch mv.name {
	case "add":
		if len(e.Items) > 0 {
			in.seqAdd(m, in.layerArg(in.eval(e.Items[0]), e.Items[0]), true)
		}
	case "summary":
		cfg := in.kwargs(e)
		sa := &SummaryArgs{}
		if n, ok := cfg["line_length"].(int64); ok {
			sa.LineLength = int(n)
		}
		sa.ShowTrainable = cfg.Bool("show_trainable", false)
		sa.ExpandNested = cfg.Bool("expand_nested", false)
		m.summary = sa
		in.summed = m
		in.snapshot(m, e.Line)
	case "build":
		var shape any
		if len(e.Items) > 0 {
			shape = in.toConfig(in.eval(e.Items[0]))
		} else if x := e.Kwarg("input_shape"); x != nil {
			shape = in.toConfig(in.eval(x))
		}
		if t, ok := shape.([]any); ok && m.seq && m.input == nil {
			d := layers.TupleDims(t)
			il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true, inShape: d, name: in.inputName()}
			nd := &node{layer: il}
			tv := &tensorVal{node: nd, dims: d}
			nd.outputs, nd.outTree = []*tensorVal{tv}, tv
			il.nodes = append(il.nodes, nd)
			m.input = il
			in.maybeRebuild(m)
		}
	case "compile":
		cfg := in.kwargs(e)
		var opt any = "rmsprop"
		if x := e.Kwarg("optimizer"); x != nil {
			opt = in.eval(x)
		} else if len(e.Items) > 0 {
			opt = in.eval(e.Items[0])
		}
		_ = cfg
		switch o := opt.(type) {
		case string:
			m.opt = &optimizerVal{name: strings.ToLower(o), cfg: layers.Config{}}
		case *optimizerVal:
			m.opt = o
		}
	case "optimizer.build":
		m.optBuilt = true
	case "fit", "train_on_batch":
		m.optBuilt = true
	}
	return unknownVal{}
}
