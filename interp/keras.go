package interp

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Keras objects: layers, tensors, nodes and models; layer and model constructors (arguments by
// each version's signature, automatic names); Sequential and Functional models.

// dimUnknown is an axis kexplain does not know (an argument it could not evaluate, a custom
// layer's output); -1 is None, as Keras prints it. dimAnyAxes, first in a shape, stands for the
// batch and any number of axes kexplain does not know: (…, 64) is what follows Dense(64) on an
// input whose rank is not known, and it still gives the next layer's count.
const (
	dimUnknown = -2
	dimAnyAxes = -3
)

// partial reports a shape whose leading axes are not known: (…, 64).
func partial(d layers.Dims) bool { return len(d) > 0 && d[0] == dimAnyAxes }

// shapeless reports a shape that gives no rank: not known at all, or partial.
func shapeless(d layers.Dims) bool { return d == nil || partial(d) }

// unknownArg stands in a layer's configuration for an argument kexplain does not know; the
// builds never see it (apply.go probes around it).
type unknownArg struct{ c *cause }

// layerObj is a layer (or a model used as a layer) the code constructed.
type layerObj struct {
	class      string // canonical class: "Dense"; "Sequential"/"Functional" for models
	spec       *layers.Spec
	cfg        layers.Config
	name       string
	line       int
	col        int
	trainable  bool // the layer's own flag
	ctorFrozen bool // trainable=False given to the constructor only
	nodes      []*node
	weights    []layers.Weight
	built      bool
	err        error       // why the layer's count (or the whole layer) is not known
	model      *modelObj   // non-nil for models
	inner      *layerObj   // the wrapped layer of Bidirectional, TimeDistributed, RNN(cell)
	inShape    layers.Dims // input_shape= / batch_input_shape= / Input shape
	inWhy      *cause      // why inShape (or part of it) is not known
	isInput    bool
	isOp       bool     // an operation from an operator or a keras.ops / tf call
	custom     bool     // a class kexplain does not know: its count and output are not known
	app        *appBase // a keras.applications base
	inst       *instVal // a subclassed layer or model
	opFn       string   // an operation's function, for messages
	weightsWhy string   // why the split of the weights is not known
	// branches: a Keras 1 Merge([model_a, model_b]) made on models, applied to their outputs when
	// made; as the first layer of a Sequential its branches' layers are that model's rows
	branches []*modelObj
}

type node struct {
	layer   *layerObj
	index   int
	inputs  []*tensorVal
	outputs []*tensorVal
	outTree any // the output structure: *tensorVal or *listVal of them
	// an operation's node: its function and arguments, to compute it on other inputs (eras.go)
	fn   string
	args *args
}

// tensorVal is a symbolic tensor. dims nil: its shape is not known (why says why); an axis
// dimUnknown: that axis is not known. node is nil for the tensors inside a Lambda's function or a
// subclassed call(), which make no rows.
type tensorVal struct {
	node  *node
	index int
	dims  layers.Dims
	why   *cause
	// data: an array of data (np.zeros((2, 10)), a dataset's images), not a symbolic tensor:
	// what is computed from it alone makes no rows
	data bool
}

type modelObj struct {
	obj      *layerObj
	seq      bool
	layers   []*layerObj // Sequential and subclassed: the layers added or tracked (no InputLayer)
	input    *layerObj   // Sequential: its InputLayer, once known
	last     any         // Sequential: the output of the last layer applied
	applied  int         // Sequential: how many layers are applied to the input
	inputs   []*tensorVal
	outputs  any // Functional: output structure
	opt      *optimizerVal
	optBuilt bool
	summary  *SummaryArgs
	line     int
	sub      bool // a subclassed model
	subBuilt bool // a subclassed model whose call() ran on a known input
	// inputByCall: a Sequential without an input of its own, built by its first call
	inputByCall bool
	// what the code does not give of the model (partial.go): a Sequential's list of layers, a
	// functional model's inputs
	unknownLayers string
	inputsWhy     string
	// gap: a block kexplain did not run may add layers to this Sequential before its layer
	// gapAt; from there on, the shapes are not known
	gapAt  int
	gapWhy *cause
	// subEager: a subclassed model called on data (np.zeros((2, 10))), not on a symbolic input:
	// Keras 3 records no nodes then, and prints each layer's shape from the input it was built on
	subEager bool
	// buildNoCall: Keras 3's model.build(shape) of a subclassed model without a build() of its
	// own, which runs no call() and leaves its layers unbuilt
	buildNoCall bool
	// userBuild: the subclass's own build() is running from the model's first call, so that its
	// super().build(shape) does not run call() a second time
	userBuild bool
}

// codeClass resolves a callee to a known class: the last part of a dotted name that the
// registry (or the model API) knows.
func codeClass(path string) string {
	last := path[strings.LastIndexByte(path, '.')+1:]
	switch last {
	case "Sequential", "Model", "Functional", "Input", "InputLayer":
		return last
	}
	if strings.Contains(path, "optimizers.") || strings.Contains(path, "applications.") || torchRoot(path) {
		return "" // PyTorch's nn.Dropout is no Keras Dropout
	}
	if layers.Lookup(last) != nil || cellClasses[last] {
		return last
	}
	return ""
}

// keras1Classes are the Keras 1 names of classes that Keras 2 renamed.
var keras1Classes = map[string]string{"Conv1D": "Convolution1D", "Conv2D": "Convolution2D", "Conv3D": "Convolution3D",
	"SeparableConv2D": "SeparableConvolution2D", "Conv2DTranspose": "Deconvolution2D"}

// keras1Aliases are the short names Keras 1.2 gives its convolutions (keras/layers/convolutional.py):
// they take the long names' arguments, so Conv2D(32, 3, 3) is a 3×3 kernel there.
var keras1Aliases = map[string]string{"Conv1D": "Convolution1D", "Conv2D": "Convolution2D", "Conv3D": "Convolution3D",
	"Deconv2D": "Deconvolution2D", "AtrousConv1D": "AtrousConvolution1D", "AtrousConv2D": "AtrousConvolution2D",
	"SeparableConv2D": "SeparableConvolution2D"}

// mergeHelpers are the functional forms of the merging layers.
var mergeHelpers = map[string]string{"add": "Add", "subtract": "Subtract", "multiply": "Multiply", "average": "Average",
	"maximum": "Maximum", "minimum": "Minimum", "concatenate": "Concatenate", "dot": "Dot",
	"merge": "Merge"} // Keras 1: merge([a, b], mode='concat') makes a Merge layer and applies it

// cellClasses are the RNN cells: arguments of an RNN, no rows of a summary.
var cellClasses = map[string]bool{"LSTMCell": true, "GRUCell": true, "SimpleRNNCell": true, "StackedRNNCells": true}

var optimizerNames = map[string]bool{"Adam": true, "AdamW": true, "Nadam": true, "Lamb": true, "Adamax": true,
	"RMSprop": true, "SGD": true, "Adagrad": true, "Adadelta": true, "Ftrl": true, "Lion": true, "Adafactor": true}

// toConfig turns an interpreter value into a Config value: ints, floats, strings, bools, nil,
// []any for tuples and lists, layers as *layerObj, functions as *funcVal; what kexplain does not
// know is an unknownArg with its cause.
func (in *interpreter) toConfig(v any, e *grammar.Expr) any {
	switch x := v.(type) {
	case int64, float64, string, bool, *layerObj, *funcVal:
		return x
	case noneVal:
		return nil
	case *listVal:
		out := make([]any, len(x.items))
		for k, it := range x.items {
			out[k] = in.toConfig(it, e)
		}
		return out
	case *modelObj:
		return x.obj
	case *instVal:
		if x.obj != nil {
			return x.obj
		}
	case unknownVal:
		return unknownArg{c: x.c}
	case opaqueVal:
		return unknownArg{c: x.c}
	case symVal:
		return unknownArg{c: in.undefined(x, e).c}
	case *tensorVal:
		return x
	}
	return unknownArg{c: &cause{line: lineOf(e), col: colOf(e), what: exprWhat(e), why: "a value kexplain does not use here"}}
}

func lineOf(e *grammar.Expr) int {
	if e == nil {
		return 0
	}
	return e.Line
}

func colOf(e *grammar.Expr) int {
	if e == nil {
		return 0
	}
	return e.Col
}

func exprWhat(e *grammar.Expr) string {
	if e == nil {
		return ""
	}
	return e.String()
}

func (in *interpreter) kwConfig(a *args) layers.Config {
	cfg := layers.Config{}
	for _, k := range a.kw {
		cfg[k.name] = in.toConfig(k.val, k.e)
	}
	return cfg
}

// signatureOf finds the positional argument names of a class in the code's version.
func signatureOf(v layers.Version, cls string) []string {
	order := []layers.Version{v, layers.Keras3, layers.TFKeras, layers.Keras2, layers.Keras1}
	for _, c := range []string{cls, sigFallback[cls]} {
		if c == "" {
			continue
		}
		for _, ver := range order {
			if s, ok := signatures()[ver][c]; ok {
				return s
			}
		}
		if s, ok := extraSignatures[c]; ok {
			return s
		}
	}
	return nil
}

// baseKeywords are the arguments every layer takes (layers.md §2.6), in some Keras.
var baseKeywords = map[string]bool{"name": true, "trainable": true, "dtype": true, "input_shape": true,
	"batch_input_shape": true, "batch_shape": true, "batch_size": true, "input_dim": true, "input_length": true,
	"weights": true, "activity_regularizer": true, "autocast": true, "dynamic": true, "input_dtype": true, "seed": true}

// checkKeywords says where a layer is given a keyword that is a misspelling of one of its own
// arguments (Dense(16, activaton="relu")): Keras refuses it ("Unrecognized keyword arguments",
// TypeError). Only a near miss of an argument the class has in some Keras is said, so that an
// argument missing from kexplain's tables is never taken for a typo.
func (in *interpreter) checkKeywords(cls string, a *args) {
	vers := [...]layers.Version{layers.Keras1, layers.Keras2, layers.TFKeras, layers.Keras3}
	sigs := signatures()
	has := false
	for _, ver := range vers {
		has = has || len(sigs[ver][cls]) > 0
	}
	if !has {
		return
	}
	known := func(name string) bool {
		for _, ver := range vers {
			if slices.Contains(sigs[ver][cls], name) {
				return true
			}
		}
		return false
	}
	for _, k := range a.kw {
		if baseKeywords[k.name] || known(k.name) {
			continue
		}
		valid := map[string]bool{}
		for _, ver := range vers {
			for _, k := range sigs[ver][cls] {
				valid[k] = true
			}
		}
		names := make([]string, 0, len(valid))
		for v := range valid {
			names = append(names, v)
		}
		sort.Strings(names)
		best, bestD := "", 3
		for _, v := range names {
			if d := editDistance(k.name, v, bestD); d < bestD {
				best, bestD = v, d
			}
		}
		if best == "" || bestD > 2 || len(k.name) < 4 {
			continue
		}
		in.note(a.e.Line, a.e.Col, a.e.String()+": "+cls+" has no argument "+k.name+" (did you mean "+best+"?): "+
			"Keras raises an error here; kexplain builds the layer without it")
	}
}

// editDistance is the Levenshtein distance of a and b, or max when it is at least max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			low = min(low, c)
		}
		if low >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
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
	"LSTMCell": {"units"}, "GRUCell": {"units"}, "SimpleRNNCell": {"units"}, "StackedRNNCells": {"cells"},
	"ActivityRegularization": {"l1", "l2"},
	"UpSampling3D":           {"size"}, "Identity": {}, "InputLayer": {"shape", "batch_size", "dtype"},
	"Input": {"shape", "batch_size", "name", "dtype"},
	// Keras 1's layers that Appendix A of layers.md does not list (§3.8 gives their arguments)
	"TimeDistributedDense": {"output_dim", "init", "activation", "weights", "W_regularizer", "b_regularizer",
		"activity_regularizer", "W_constraint", "b_constraint", "bias", "input_dim", "input_length"},
	"MaxoutDense": {"output_dim", "nb_feature", "init", "weights", "W_regularizer", "b_regularizer",
		"activity_regularizer", "W_constraint", "b_constraint", "bias", "input_dim"},
	"Highway": {"init", "transform_bias", "activation", "weights", "W_regularizer", "b_regularizer",
		"activity_regularizer", "W_constraint", "b_constraint", "bias", "input_dim"},
}

// construct makes a layer or model from a constructor call.
func (in *interpreter) construct(cls string, a *args) any {
	e := a.e
	in.keras = true
	if in.firstLine == 0 {
		in.firstLine, in.firstCol = e.Line, e.Col
	}
	switch cls {
	case "Sequential":
		return in.newSequential(a)
	case "Model", "Functional":
		return in.newFunctional(a)
	}
	if !in.newLayerBudget(e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	spec := layers.Lookup(cls)
	canon := cls
	switch {
	case cellClasses[cls]:
		spec = nil // a cell is no row of a summary (a table's StackedRNNCells row is an RNN's)
	case spec != nil:
		canon = spec.Class
	}
	if k1, ok := keras1Classes[canon]; ok && in.v == layers.Keras1 {
		canon = k1 // Keras 1 prints (and names layers after) its own class names
	}
	cfg := layers.Config{}
	sig := signatureOf(in.v, cls)
	if k1, ok := keras1Aliases[cls]; ok && in.v == layers.Keras1 && len(a.pos) >= 3 {
		// Keras 1's Conv2D is Convolution2D: Conv2D(32, 3, 3) is a 3×3 kernel there (with fewer
		// positional arguments the code is read as later Keras writes it)
		sig = signatureOf(in.v, k1)
	}
	for k, x := range a.pos {
		v := in.toConfig(x, a.exprOf(k))
		if k < len(sig) {
			cfg[sig[k]] = v
		} else {
			cfg["_arg"+strconv.Itoa(k)] = v
		}
	}
	for _, k := range a.kw {
		cfg[k.name] = in.toConfig(k.val, k.e)
	}
	in.checkKeywords(cls, a)
	normaliseConfig(in.v, cls, cfg, len(a.pos))
	if in.v == layers.TFKeras {
		// tf.keras takes int(units) and int(filters): Dense(64.0) is Dense(64)
		for _, k := range []string{"units", "filters"} {
			if f, ok := cfg[k].(float64); ok && f >= 1 && f < 1<<62 {
				cfg[k] = int64(f)
			}
		}
	}
	l := &layerObj{class: canon, spec: spec, cfg: cfg, line: e.Line, col: e.Col, trainable: true}
	if a.bad != nil {
		c, _ := unknownOf(a.bad)
		l.err = in.causeErr("its arguments are not all known", c)
	}
	if b, ok := cfg["trainable"].(bool); ok && !b {
		l.trainable, l.ctorFrozen = false, true
	}
	for _, key := range []string{"layer", "cell"} {
		if v, ok := cfg[key]; ok {
			if inner, ok := v.(*layerObj); ok {
				l.inner = inner
			} else if list, isList := v.([]any); isList && key == "cell" && canon == "RNN" && len(list) > 0 {
				// RNN over a list of cells: the build stacks them (eras.go cells)
			} else if l.err == nil {
				c := causeOfArg(v)
				l.err = in.causeErr(key+" is not a layer kexplain knows", c)
			}
			break
		}
	}
	argErr := false
	if l.err == nil {
		if err := checkArgs(canon, cfg); err != nil {
			l.err, argErr = err, true
		}
	}
	in.inputShapeOf(l, canon)
	if canon == "InputLayer" {
		return in.inputLayer(l, cls == "Input", a)
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
	if canon == "Merge" {
		in.mergeModels(l, a)
	}
	if argErr {
		in.note(e.Line, e.Col, l.name+" ("+canon+"): "+l.err.Error())
	}
	return l
}

// mergeModels is Keras 1's Merge([model_a, model_b], mode=...) made on models: it is applied to
// their outputs at once (layers.md §9).
func (in *interpreter) mergeModels(l *layerObj, a *args) {
	v, ok := a.arg(0, "layers")
	list, isList := v.(*listVal)
	if !ok || !isList || len(list.items) < 2 {
		return
	}
	var ms []*modelObj
	var ts []*tensorVal
	for _, it := range list.items {
		m, isModel := it.(*modelObj)
		if !isModel || !m.seq {
			return
		}
		out, isT := in.modelOutput(m, a.e).(*tensorVal)
		if !isT {
			out = &tensorVal{why: &cause{line: a.e.Line, col: a.e.Col, what: m.obj.name, why: "the output of " + m.obj.name + " is not known"}}
		}
		ms = append(ms, m)
		ts = append(ts, out)
	}
	l.branches = ms
	in.applyTensors(l, ts, nil, a.e)
}

// mergeBranchLayers are the rows of a Keras 1 Sequential whose first layer merges models: the
// branches' layers (each once), then its own layers after the Merge (flattened_layers).
func (in *interpreter) mergeBranchLayers(m *modelObj) []*layerObj {
	if len(m.layers) == 0 || len(m.layers[0].branches) == 0 {
		return m.layers
	}
	var out []*layerObj
	seen := map[*layerObj]bool{}
	for _, b := range m.layers[0].branches {
		for _, x := range in.mergeBranchLayers(b) {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	for _, x := range m.layers[1:] {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// causeOfArg is the cause of an unknown configuration value.
func causeOfArg(v any) *cause {
	if u, ok := v.(unknownArg); ok {
		return u.c
	}
	return nil
}

// inputShapeOf reads input_shape=, batch_input_shape=, input_dim= and input_length= of a layer.
func (in *interpreter) inputShapeOf(l *layerObj, canon string) {
	cfg := l.cfg
	for _, k := range []string{"batch_input_shape", "batch_shape"} {
		if v, ok := cfg[k]; ok && v != nil {
			l.inShape, l.inWhy = in.configDims(v, false)
			return
		}
	}
	if v, ok := cfg["input_shape"]; ok && v != nil {
		l.inShape, l.inWhy = in.configDims(v, true)
		return
	}
	if canon == "Embedding" && in.v != layers.Keras3 {
		// Keras 1, 2 and tf.keras give an Embedding the input (input_length,), (None,) without one;
		// Keras 3 has no input_length (layers.md §4, Embedding)
		l.inShape = layers.Dims{-1, -1}
		switch n := cfg["input_length"].(type) {
		case int64:
			l.inShape = layers.Dims{-1, n}
		case unknownArg:
			l.inShape, l.inWhy = layers.Dims{-1, dimUnknown}, n.c
		}
	} else if n, ok := cfg["input_dim"]; ok && canon != "Embedding" && n != nil {
		d, why := in.configDims([]any{n}, true)
		if ln, ok := cfg["input_length"]; ok && ln != nil {
			d, why = in.configDims([]any{ln, n}, true)
		} else if sequenceInput[canon] {
			// a layer over sequences: input_shape = (input_length, input_dim), the length None
			d, why = in.configDims([]any{nil, n}, true)
		}
		l.inShape, l.inWhy = d, why
	}
}

// sequenceInput are the layers whose input_dim= is the last axis of a sequence, input_shape =
// (input_length, input_dim) (layers.md §2.6).
var sequenceInput = map[string]bool{"LSTM": true, "GRU": true, "SimpleRNN": true, "CuDNNLSTM": true, "CuDNNGRU": true,
	"Conv1D": true, "Convolution1D": true, "LocallyConnected1D": true, "TimeDistributedDense": true, "AtrousConvolution1D": true}

// configDims reads a shape tuple of a configuration: ints, None (-1), unknown axes; batch adds
// the batch axis in front. A value that is not a tuple at all gives nil and its cause.
func (in *interpreter) configDims(v any, batch bool) (layers.Dims, *cause) {
	var t []any
	switch x := v.(type) {
	case []any:
		t = x
	case int64:
		t = []any{x}
	case unknownArg:
		return nil, x.c
	default:
		return nil, &cause{why: "the shape is not a tuple"}
	}
	var d layers.Dims
	if batch {
		d = append(d, -1)
	}
	var why *cause
	for _, x := range t {
		switch n := x.(type) {
		case int64:
			d = append(d, n)
		case nil:
			d = append(d, -1)
		case unknownArg:
			d = append(d, dimUnknown)
			if why == nil {
				why = n.c
			}
		default:
			d = append(d, dimUnknown)
			if why == nil {
				why = &cause{why: "an axis of the shape is not a number"}
			}
		}
	}
	return d, why
}

// inputLayer finishes an InputLayer or Input(): its output tensor is its shape.
func (in *interpreter) inputLayer(l *layerObj, tensor bool, a *args) any {
	cfg := l.cfg
	l.isInput = true
	if s, ok := cfg["name"].(string); ok {
		l.name = s
	} else {
		l.name = in.inputName()
	}
	var d layers.Dims
	var why *cause
	switch {
	case cfg["batch_shape"] != nil || cfg["batch_input_shape"] != nil:
		v := cfg["batch_shape"]
		if v == nil {
			v = cfg["batch_input_shape"]
		}
		d, why = in.configDims(v, false)
	case cfg["shape"] != nil:
		d, why = in.configDims(cfg["shape"], true)
	case cfg["input_shape"] != nil:
		d, why = in.configDims(cfg["input_shape"], true)
	case cfg["tensor"] != nil:
		if t, ok := cfg["tensor"].(*tensorVal); ok {
			d, why = t.dims, t.why
		}
	default:
		why = &cause{line: a.e.Line, col: a.e.Col, what: a.e.String(), why: "no shape given"}
	}
	if n, ok := cfg["batch_size"].(int64); ok && len(d) > 0 {
		d[0] = n
	}
	if why != nil && why.line == 0 {
		why.line, why.col, why.what = a.e.Line, a.e.Col, a.e.String()
	}
	l.inShape, l.inWhy = d, why
	in.say(why)
	l.built = true
	nd := &node{layer: l}
	t := &tensorVal{node: nd, dims: d, why: why}
	nd.outputs, nd.outTree = []*tensorVal{t}, t
	l.nodes = append(l.nodes, nd)
	if tensor {
		return t
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
	if in.tfjs { // tfjs-layers InputLayer: getUid('input')
		in.counters["tfjs:input"]++
		return "input" + strconv.Itoa(in.counters["tfjs:input"])
	}
	switch in.v {
	case layers.Keras3:
		return in.uniquify("input_layer")
	}
	in.counters["input"]++
	return "input_" + strconv.Itoa(in.counters["input"])
}

// autoName is the automatic name of a layer of class cls.
func (in *interpreter) autoName(cls string) string {
	if in.tfjs { // tfjs-layers Layer: toSnakeCase(className) + '_' + getUid(className)
		in.counters["tfjs:"+cls]++
		return snakeTFJS(cls) + "_" + cls + strconv.Itoa(in.counters["tfjs:"+cls])
	}
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
	return in.uniquify(snakeK3(cls))
}

// uniquify is the name Keras 3 and tf.keras give: the base the first time, then base_1, base_2.
func (in *interpreter) uniquify(base string) string {
	n := in.counters[base]
	in.counters[base]++
	if n == 0 {
		return base
	}
	return base + "_" + strconv.Itoa(n)
}

var (
	k3Snake1 = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(.)([A-Z][a-z]+)`) })
	k3Snake2 = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([a-z])([A-Z])`) })
)

// snakeK3 is keras.src.utils.naming.to_snake_case (and tf.keras's generic_utils version).
func snakeK3(name string) string {
	s := k3Snake1().ReplaceAllString(name, "${1}_${2}")
	return strings.ToLower(k3Snake2().ReplaceAllString(s, "${1}_${2}"))
}

var tfjsSnake1 = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(.)([A-Z][a-z0-9]+)`) })

// snakeTFJS is tfjs-layers' generic_utils.toSnakeCase, which counts digits with the lower case.
func snakeTFJS(name string) string {
	s := tfjsSnake1().ReplaceAllString(name, "${1}_${2}")
	s = strings.ToLower(k3Snake2().ReplaceAllString(s, "${1}_${2}"))
	if strings.HasPrefix(s, "_") {
		return "private" + s
	}
	return s
}

func (in *interpreter) modelName(base string) string {
	switch in.v {
	case layers.Keras1, layers.Keras2:
		in.counters[base]++
		return base + "_" + strconv.Itoa(in.counters[base])
	}
	return in.uniquify(base)
}

// ---- Sequential ----

func (in *interpreter) newSequential(a *args) any {
	e := a.e
	if !in.newLayerBudget(e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	m := &modelObj{seq: true, line: e.Line}
	l := &layerObj{class: "Sequential", cfg: layers.Config{}, line: e.Line, col: e.Col, trainable: true, model: m}
	m.obj = l
	list, given := a.arg(0, "layers")
	if s, ok := a.kwarg("name"); ok {
		if str, ok := s.(string); ok {
			l.name = str
		}
	}
	if l.name == "" {
		l.name = in.modelName("sequential")
	}
	in.models = append(in.models, m)
	if !given {
		return m
	}
	if _, none := list.(noneVal); none {
		return m
	}
	lv, ok := list.(*listVal)
	if !ok {
		c, _ := unknownOf(list)
		if sym, isSym := list.(symVal); isSym && c == nil {
			c = in.undefined(sym, a.exprOf(0)).c
		}
		in.note(e.Line, e.Col, e.String()+": its list of layers is not known"+causeText(c)+", so they are not listed")
		m.unknownLayers = "the layers of " + exprWhat(a.exprOf(0)) // how many, and which, the code does not say
		return m
	}
	for k, it := range lv.items {
		in.seqAdd(m, it, false, a.exprOf(0), k)
	}
	in.maybeRebuild(m)
	return m
}

// maybeRebuild is Keras 3's Sequential._maybe_rebuild: a Sequential with an input and a layer
// builds a Functional inside, which takes a "functional" name each time.
func (in *interpreter) maybeRebuild(m *modelObj) {
	if in.v == layers.Keras3 && m.input != nil && len(m.layers) > 0 {
		in.uniquify("functional")
	}
}

// contains reports whether model m holds layer l, at any depth (cycles are guarded).
func (in *interpreter) holds(m *modelObj, l *layerObj, seen map[*modelObj]bool) bool {
	if seen[m] {
		return false
	}
	seen[m] = true
	for _, x := range in.modelLayers(m) {
		if x == l {
			return true
		}
		if x.model != nil && in.holds(x.model, l, seen) {
			return true
		}
	}
	return false
}

// seqAdd is Sequential.add; k is the item's index in a Sequential([...]) list (-1 for add).
func (in *interpreter) seqAdd(m *modelObj, v any, rebuild bool, e *grammar.Expr, k int) {
	var l *layerObj
	switch x := v.(type) {
	case *layerObj:
		l = x
	case *modelObj:
		l = x.obj
	case *instVal:
		l = x.obj
	case *tensorVal:
		if x.node != nil && x.node.layer.isInput {
			l = x.node.layer
		}
	case opaqueVal:
		l = in.customObj(x)
	}
	if l == nil {
		what := "model.add(...)"
		line, col := m.line, 0
		if e != nil {
			what, line, col = e.String(), e.Line, e.Col
		}
		c, _ := unknownOf(v)
		why := "the layer added is not known"
		if c != nil {
			why += causeText(c)
		} else if s, ok := v.(symVal); ok {
			why = string(s) + " is not defined in the paste"
		}
		// a row that cannot be built stays a row
		l = &layerObj{class: "?", name: "?", cfg: layers.Config{}, line: line, col: col, trainable: true, custom: true,
			err: errString(why)}
		if k >= 0 {
			what += " item " + itoa(k+1)
		}
		in.note(line, col, what+": "+why+"; its row is \"?\"")
	}
	if l.model == m || l.model != nil && in.holds(l.model, m.obj, map[*modelObj]bool{}) {
		line, col := m.line, 0
		if e != nil {
			line, col = e.Line, e.Col
		}
		if l.model == m {
			in.note(line, col, "a model cannot hold itself: "+m.obj.name+" is not added to itself (Keras raises an error here)")
		} else {
			in.note(line, col, "a model cannot hold itself: "+l.name+" holds "+m.obj.name+", so it is not added to it (Keras raises an error here)")
		}
		return
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
			l.inShape, l.inWhy = l.model.input.inShape, l.model.input.inWhy
		} else if !l.model.seq && len(l.model.inputs) == 1 {
			l.inShape, l.inWhy = l.model.inputs[0].dims, l.model.inputs[0].why
		}
	}
	if m.input == nil && len(m.layers) == 0 && (l.inShape != nil || l.inWhy != nil) {
		// the first layer's input_shape= makes the InputLayer
		name := ""
		switch in.v {
		case layers.Keras3:
			name = in.uniquify("input_layer")
		default:
			name = l.name + "_input"
		}
		il := &layerObj{class: "InputLayer", cfg: layers.Config{}, name: name, isInput: true, built: true, trainable: true,
			inShape: l.inShape, inWhy: l.inWhy}
		in.say(l.inWhy)
		nd := &node{layer: il}
		t := &tensorVal{node: nd, dims: l.inShape, why: l.inWhy}
		nd.outputs, nd.outTree = []*tensorVal{t}, t
		il.nodes = append(il.nodes, nd)
		m.input = il
	}
	if m.input == nil && len(m.layers) == 0 && len(l.branches) > 0 && len(l.nodes) > 0 {
		// a Merge of models first: the model's inputs are the branches', its output the Merge's
		for _, b := range l.branches {
			if b.input != nil {
				m.input = b.input
				break
			}
		}
		m.last, m.applied = l.nodes[0].outTree, 1
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
	for m.applied < len(m.layers) { // bounded by maxLayers, also once the budget has stopped the code
		if m.gapWhy != nil && m.applied == m.gapAt {
			m.last = &tensorVal{why: m.gapWhy}
		}
		l := m.layers[m.applied]
		m.applied++
		m.last = in.applyValue(l, m.last, nil)
	}
}

func (in *interpreter) modelOutput(m *modelObj, e *grammar.Expr) any {
	if m.seq {
		in.seqBuild(m)
		if m.last == nil {
			return in.unknown(e, "the model "+m.obj.name+" has no input yet")
		}
		return m.last
	}
	if m.sub {
		return in.unknown(e, "a subclassed model has no symbolic output")
	}
	return m.outputs
}

// ---- Functional ----

func (in *interpreter) newFunctional(a *args) any {
	e := a.e
	if !in.newLayerBudget(e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	m := &modelObj{line: e.Line}
	l := &layerObj{class: "Functional", cfg: layers.Config{}, line: e.Line, col: e.Col, trainable: true, model: m}
	m.obj = l
	var ins, outs any
	insGiven, outsGiven := false, false
	if len(a.pos) > 0 {
		ins, insGiven = a.pos[0], true
	}
	if len(a.pos) > 1 {
		outs, outsGiven = a.pos[1], true
	}
	for _, k := range a.kw {
		switch k.name {
		case "inputs", "input":
			ins, insGiven = k.val, true
		case "outputs", "output":
			outs, outsGiven = k.val, true
		}
	}
	if s, ok := a.kwarg("name"); ok {
		if str, ok := s.(string); ok {
			l.name = str
		}
	}
	if l.name == "" {
		if in.v == layers.Keras3 {
			l.name = in.uniquify("functional")
		} else {
			l.name = in.modelName("model")
		}
	}
	if !insGiven && !outsGiven {
		in.note(e.Line, e.Col, e.String()+": a Model without inputs and outputs (a subclassed model's class is not in the paste)")
		return unknownVal{c: &cause{line: e.Line, col: e.Col, what: e.String(), why: "a Model without inputs and outputs", said: true}}
	}
	m.inputs = flattenTensors(ins)
	m.outputs = outTree(outs)
	if len(m.inputs) == 0 && len(flattenTensors(m.outputs)) > 0 {
		// the code does not give the inputs (a name from above an excerpt): the layers that lead
		// to the outputs are still the model's
		why := "not known"
		if c, ok := unknownOf(ins); ok && c != nil {
			why = c.String()
		} else if s, ok := ins.(symVal); ok {
			why = string(s) + " is not defined in the paste"
		}
		in.note(e.Line, e.Col, e.String()+": its inputs are not known ("+why+"); kexplain lists the layers that lead to its outputs")
		m.inputsWhy = why
		in.models = append(in.models, m)
		return m
	}
	if len(m.inputs) == 0 || len(flattenTensors(m.outputs)) == 0 {
		which, v := "inputs", ins
		if len(m.inputs) > 0 {
			which, v = "outputs", outs
		}
		why := "its " + which + " are not known"
		if c, ok := unknownOf(v); ok && c != nil {
			why += causeText(c)
		} else if s, ok := v.(symVal); ok {
			why += " (" + string(s) + " is not defined in the paste)"
		}
		in.note(e.Line, e.Col, e.String()+": "+why)
		return unknownVal{c: &cause{line: e.Line, col: e.Col, what: e.String(), why: why, said: true}}
	}
	in.models = append(in.models, m)
	return m
}

// outTree turns a value into an output structure: a tensor, or a *listVal of them (a dict's
// values in their order).
func outTree(v any) any {
	switch x := v.(type) {
	case *tensorVal:
		return x
	case *listVal:
		out := &listVal{tuple: x.tuple}
		for _, it := range x.items {
			out.items = append(out.items, outTree(it))
		}
		return out
	case *dictVal:
		out := &listVal{}
		for _, it := range sortedDict(x) {
			out.items = append(out.items, outTree(it))
		}
		return out
	}
	return nil
}

// adopt makes a node's outputs shaped like an output structure (tensors, in lists or dicts):
// each tensor becomes an output of nd; what is not a tensor becomes one whose shape is not known.
func (nd *node) adopt(v any, why *cause) any {
	var mk func(v any, depth int) any
	mk = func(v any, depth int) any {
		switch x := v.(type) {
		case *tensorVal:
			t := &tensorVal{node: nd, index: len(nd.outputs), dims: x.dims, why: x.why}
			nd.outputs = append(nd.outputs, t)
			return t
		case *listVal:
			if depth < 64 {
				r := &listVal{tuple: x.tuple}
				for _, it := range x.items {
					r.items = append(r.items, mk(it, depth+1))
				}
				return r
			}
		case *dictVal:
			if depth < 64 {
				r := &listVal{}
				for _, it := range sortedDict(x) {
					r.items = append(r.items, mk(it, depth+1))
				}
				return r
			}
		}
		t := &tensorVal{node: nd, index: len(nd.outputs), why: why}
		nd.outputs = append(nd.outputs, t)
		return t
	}
	out := mk(v, 0)
	nd.outTree = out
	return out
}

func flattenTensors(v any) []*tensorVal {
	var out []*tensorVal
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 64 {
			return
		}
		switch x := v.(type) {
		case *tensorVal:
			out = append(out, x)
		case *listVal:
			for _, it := range x.items {
				walk(it, depth+1)
			}
		case *dictVal:
			for _, it := range x.vals {
				walk(it, depth+1)
			}
		case []any:
			for _, it := range x {
				walk(it, depth+1)
			}
		case []*tensorVal:
			out = append(out, x...)
		}
	}
	walk(v, 0)
	return out
}

// errString is an error with a fixed text.
type errString string

func (e errString) Error() string { return string(e) }

// causeErr is an error that says what is not known and why; the cause is said as a note too,
// once, where it comes from.
func (in *interpreter) causeErr(what string, c *cause) error {
	if c == nil {
		return errString(what)
	}
	in.say(c)
	return errString(what + " (" + c.String() + ")")
}
