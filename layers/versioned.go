package layers

import (
	"errors"
	"strconv"
	"strings"
)

// Builds that depend on the code's Keras version or on other layers (wrappers, cells), and the
// builds of classes whose Spec has none yet. Build tries these before Spec.Build.

// Version is the Keras a model's code is written for.
type Version int

// Keras versions, as far as they change names, defaults or what summary() prints.
const (
	VersionUnknown Version = iota
	Keras1                 // Keras 1.x: nb_filter, border_mode, convolution2d_1
	Keras2                 // multi-backend Keras 2.x: conv2d_1
	TFKeras                // tf.keras 2.x: conv2d, conv2d_1
	Keras3                 // Keras 3: conv2d, input_layer
)

func (v Version) String() string {
	names := [...]string{"unknown", "Keras 1", "Keras 2", "tf.keras 2", "Keras 3"}
	if v < 0 || int(v) >= len(names) {
		return "Version(" + itoa(int64(v)) + ")"
	}
	return names[v]
}

// Layer is one layer as code configures it, for Build: its class, its arguments, the layer it
// wraps and the Keras version that builds it. The code's interpreter fills it in.
type Layer struct {
	Class   string   // canonical class as the version names it: "Dense", "Convolution2D"
	Name    string   // the layer's name ("lstm"): Bidirectional names its weights after its inner layer
	Config  Config   // the constructor's arguments, with the call's keywords over them
	Inner   *Layer   // the wrapped layer of Bidirectional, TimeDistributed, SpectralNormalization; RNN's cell
	Cells   []*Layer // RNN's cells when it runs a list of them (StackedRNNCells)
	Version Version  // the Keras that builds it
}

// Build gives a layer's output shapes and weight arrays on inputs of the given shapes: the
// versioned and wrapper builds first, then the class's Spec.Build; a weightless class without a
// build keeps its first input's shape.
func Build(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	for _, d := range in {
		if d == nil {
			return nil, nil, errNoInput
		}
	}
	return build(l, in)
}

// innerBuild builds the layer a wrapper holds; a wrapper around no layer (a value the code does
// not know) is an error, never a nil dereference.
func innerBuild(inner *Layer, in []Dims) ([]Dims, []Weight, error) {
	if inner == nil {
		return nil, nil, errMissing("layer (the wrapped layer is not known)")
	}
	return build(inner, in)
}

func build(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	if b := buildOf(l.Class); b != nil {
		return b(l, in)
	}
	spec := Lookup(l.Class)
	if spec != nil && spec.Build != nil {
		return spec.Build(l.Config, in)
	}
	if spec != nil && spec.Weightless {
		return []Dims{in[0]}, nil, nil
	}
	return nil, nil, errMissing("a way to build " + l.Class)
}

type versionedBuild func(l *Layer, in []Dims) ([]Dims, []Weight, error)

func buildOf(class string) versionedBuild {
	switch class {
	case "GRU", "LSTM", "SimpleRNN":
		return buildRecurrentV
	case "Bidirectional":
		return buildBidirectional
	case "TimeDistributed":
		return buildTimeDistributed
	case "RNN":
		return buildCellRNN
	case "Merge":
		return buildMerge
	case "SeparableConv1D", "SeparableConv2D":
		return buildSeparable
	case "DepthwiseConv1D", "DepthwiseConv2D":
		return buildDepthwise
	case "MultiHeadAttention":
		return buildMHA
	case "GroupedQueryAttention":
		return buildGQA
	case "Attention", "AdditiveAttention":
		return buildAttention
	case "EinsumDense":
		return buildEinsum
	case "GroupNormalization":
		return buildGroupNorm
	case "RMSNormalization":
		return buildRMSNorm
	case "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D":
		return buildConvLSTM
	case "UpSampling1D", "UpSampling2D", "UpSampling3D":
		return buildUpSampling
	case "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D":
		return buildPadCrop(1)
	case "Cropping1D", "Cropping2D", "Cropping3D":
		return buildPadCrop(-1)
	case "CenterCrop", "RandomCrop", "Resizing":
		return buildCrop
	case "Lambda", "Rescaling", "RandomFlip", "RandomRotation", "RandomZoom", "RandomContrast", "RandomBrightness",
		"RandomTranslation", "Normalization", "ThresholdedReLU", "LeakyReLU", "ReLU", "ELU", "Softmax":
		return buildSameV
	case "Dot":
		return buildDot
	case "SpectralNormalization":
		return buildSpectral
	case "BatchNormalization":
		return buildBatchNormV
	case "Embedding":
		return buildEmbeddingV
	}
	return nil
}

func buildSameV(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	out := []Dims{in[0]}
	var ws []Weight
	if _, given := cfg["mean"]; l.Class == "Normalization" && in[0].Last() > 0 && !given {
		c := in[0].Last()
		ws = []Weight{{Name: "mean", Shape: []int64{c}}, {Name: "variance", Shape: []int64{c}}, {Name: "count", Shape: []int64{}}}
	}
	return out, ws, nil
}

func buildEmbeddingV(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	return buildEmbedding(cfg, in)
}

func buildBatchNormV(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	v, cfg := l.Version, l.Config
	out, ws, err := buildBatchNorm(cfg, in)
	if v == Keras1 {
		for i := range ws {
			switch ws[i].Name {
			case "moving_mean":
				ws[i].Name = "running_mean"
			case "moving_variance":
				ws[i].Name = "running_std"
			}
		}
	}
	return out, ws, err
}

// buildRecurrentV is buildRNN with the version's GRU default (reset_after True in tf.keras and
// Keras 3, False before).
func buildRecurrentV(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	v, cfg := l.Version, l.Config
	k := map[string]rnnKind{"GRU": rnnGRU, "LSTM": rnnLSTM, "SimpleRNN": rnnSimple}[l.Class]
	if k == rnnGRU {
		if _, ok := cfg["reset_after"]; !ok {
			c := Config{}
			for a, b := range cfg {
				c[a] = b
			}
			c["reset_after"] = v == TFKeras || v == Keras3
			cfg = c
		}
	}
	return buildRNN(k)(cfg, in)
}

func buildBidirectional(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	outs, ws, err := innerBuild(l.Inner, in[:1])
	if err != nil {
		return nil, nil, err
	}
	var all []Weight
	for _, dir := range []string{"forward", "backward"} {
		for _, w := range ws {
			w.Name = dir + "_" + l.Inner.Name + "/" + w.Name
			all = append(all, w)
		}
	}
	mode := "concat"
	if s, ok := cfg["merge_mode"].(string); ok {
		mode = s
	} else if _, set := cfg["merge_mode"]; set && cfg["merge_mode"] == nil {
		mode = ""
	}
	y := outs[0]
	var res []Dims
	switch mode {
	case "concat":
		o := append(Dims{}, y...)
		if o.Last() > 0 {
			o[len(o)-1] *= 2
		}
		res = []Dims{o}
	case "":
		res = []Dims{y, y}
	default:
		res = []Dims{y}
	}
	if len(outs) > 1 { // return_state: the states of both directions
		for _, s := range outs[1:] {
			res = append(res, s, s)
		}
	}
	return res, all, nil
}

func buildTimeDistributed(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	x := in[0]
	if len(x) < 3 {
		return nil, nil, errNoInput
	}
	inner := append(Dims{x[0]}, x[2:]...)
	outs, ws, err := innerBuild(l.Inner, []Dims{inner})
	if err != nil {
		return nil, nil, err
	}
	o := append(Dims{outs[0][0], x[1]}, outs[0][1:]...)
	return []Dims{o}, ws, nil
}

func buildCellRNN(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	if len(l.Cells) > 0 {
		return buildStackedRNN(l, in)
	}
	if l.Inner == nil {
		return nil, nil, errMissing("cell")
	}
	c := Config{}
	for a, b := range l.Inner.Config {
		c[a] = b
	}
	for _, k := range []string{"return_sequences", "return_state"} {
		if b, ok := cfg[k]; ok {
			c[k] = b
		}
	}
	cls := strings.TrimSuffix(l.Inner.Class, "Cell")
	return buildRecurrentV(&Layer{Class: cls, Config: c, Version: l.Version}, in)
}

func buildSeparable(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	rank := 2
	if strings.HasSuffix(l.Class, "1D") {
		rank = 1
	}
	outs, _, err := buildConv(rank, false)(cfg, in)
	if err != nil {
		return nil, nil, err
	}
	x := in[0]
	first := cfg.str("channels_last", "data_format") == "channels_first"
	c := x.Last()
	if first {
		c = x[1]
	}
	f := cfg.intOr(-1, "filters", "nb_filter")
	m := cfg.intOr(1, "depth_multiplier")
	ks := cfg.ints(rank, 0, "kernel_size", "filter_length")
	if rank == 2 && ks[0] == 0 {
		ks = []int64{cfg.intOr(0, "nb_row"), cfg.intOr(0, "nb_col")}
	}
	dk := append(append([]int64{}, ks...), c, m)
	pk := make([]int64, 0, rank+2)
	for i := 0; i < rank; i++ {
		pk = append(pk, 1)
	}
	pk = append(pk, c*m, f)
	ws := []Weight{{Name: "depthwise_kernel", Shape: dk, Trainable: true}, {Name: "pointwise_kernel", Shape: pk, Trainable: true}}
	if cfg.boolOr(true, "use_bias", "bias") {
		ws = append(ws, Weight{Name: "bias", Shape: []int64{f}, Trainable: true})
	}
	return outs, ws, nil
}

func buildDepthwise(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	v, cfg := l.Version, l.Config
	rank := 2
	if strings.HasSuffix(l.Class, "1D") {
		rank = 1
	}
	x := in[0]
	if len(x) != rank+2 {
		return nil, nil, errNoInput
	}
	first := cfg.str("channels_last", "data_format") == "channels_first"
	c := x.Last()
	if first {
		c = x[1]
	}
	m := cfg.intOr(1, "depth_multiplier")
	c2 := Config{}
	for a, b := range cfg {
		c2[a] = b
	}
	c2["filters"] = c * m
	outs, _, err := buildConv(rank, false)(c2, in)
	if err != nil {
		return nil, nil, err
	}
	ks := cfg.ints(rank, 0, "kernel_size")
	name := "depthwise_kernel"
	if v == Keras3 {
		name = "kernel"
	}
	ws := []Weight{{Name: name, Shape: append(append([]int64{}, ks...), c, m), Trainable: true}}
	if cfg.boolOr(true, "use_bias") {
		ws = append(ws, Weight{Name: "bias", Shape: []int64{c * m}, Trainable: true})
	}
	return outs, ws, nil
}

func buildMHA(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	q, val, key := queryValueKey(in)
	H := cfg.intOr(-1, "num_heads")
	K := cfg.intOr(-1, "key_dim")
	V := cfg.intOr(K, "value_dim")
	if H <= 0 || K <= 0 || q.Last() <= 0 || val.Last() <= 0 {
		return nil, nil, errMissing("num_heads, key_dim")
	}
	dq := q.Last()
	out := dq
	var outShape []int64
	if t, ok := cfg["output_shape"].([]any); ok {
		outShape = TupleDims(t)
	} else if n, ok := cfg["output_shape"].(int64); ok {
		outShape = []int64{n}
	}
	if len(outShape) > 0 {
		out = prod(outShape)
	}
	bias := cfg.boolOr(true, "use_bias")
	var ws []Weight
	add := func(name string, d int64, h, k int64) {
		ws = append(ws, Weight{Name: name + "/kernel", Shape: []int64{d, h, k}, Trainable: true})
		if bias {
			ws = append(ws, Weight{Name: name + "/bias", Shape: []int64{h, k}, Trainable: true})
		}
	}
	add("query", dq, H, K)
	add("key", key.Last(), H, K)
	add("value", val.Last(), H, V)
	okShape := []int64{H, V}
	okShape = append(okShape, outShape...)
	if len(outShape) == 0 {
		okShape = append(okShape, dq)
	}
	ws = append(ws, Weight{Name: "attention_output/kernel", Shape: okShape, Trainable: true})
	if bias {
		b := outShape
		if len(b) == 0 {
			b = []int64{dq}
		}
		ws = append(ws, Weight{Name: "attention_output/bias", Shape: b, Trainable: true})
	}
	o := append(Dims{}, q[:len(q)-1]...)
	if len(outShape) > 0 {
		o = append(o, outShape...)
	} else {
		o = append(o, out)
	}
	res := []Dims{o}
	if cfg.boolOr(false, "return_attention_scores") && len(q) == 3 && len(val) == 3 {
		res = append(res, Dims{q[0], H, q[1], val[1]})
	}
	return res, ws, nil
}

func buildGQA(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	q, val, key := queryValueKey(in)
	D := cfg.intOr(-1, "head_dim")
	Hq := cfg.intOr(-1, "num_query_heads")
	Hkv := cfg.intOr(-1, "num_key_value_heads")
	if D <= 0 || Hq <= 0 || Hkv <= 0 || q.Last() <= 0 {
		return nil, nil, errMissing("head_dim, num_query_heads, num_key_value_heads")
	}
	dq := q.Last()
	bias := cfg.boolOr(true, "use_bias")
	var ws []Weight
	add := func(name string, shape []int64, b []int64) {
		ws = append(ws, Weight{Name: name + "/kernel", Shape: shape, Trainable: true})
		if bias {
			ws = append(ws, Weight{Name: name + "/bias", Shape: b, Trainable: true})
		}
	}
	add("query", []int64{dq, Hq, D}, []int64{Hq, D})
	add("key", []int64{key.Last(), Hkv, D}, []int64{Hkv, D})
	add("value", []int64{val.Last(), Hkv, D}, []int64{Hkv, D})
	add("output", []int64{Hq, D, dq}, []int64{dq})
	res := []Dims{q}
	if cfg.boolOr(false, "return_attention_scores") && len(q) == 3 && len(val) == 3 {
		res = append(res, Dims{q[0], Hq, q[1], val[1]})
	}
	return res, ws, nil
}

func buildAttention(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	q := in[0]
	val := q
	if len(in) > 1 {
		val = in[1]
	}
	var ws []Weight
	if l.Class == "AdditiveAttention" {
		if cfg.boolOr(true, "use_scale") {
			ws = append(ws, Weight{Name: "scale", Shape: []int64{q.Last()}, Trainable: true})
		}
	} else {
		if cfg.boolOr(false, "use_scale") {
			ws = append(ws, Weight{Name: "scale", Shape: []int64{}, Trainable: true})
		}
		if cfg.str("dot", "score_mode") == "concat" {
			ws = append(ws, Weight{Name: "concat_score_weight", Shape: []int64{}, Trainable: true})
		}
	}
	o := append(Dims{}, q[:len(q)-1]...)
	o = append(o, val.Last())
	res := []Dims{o}
	if cfg.boolOr(false, "return_attention_scores") && len(q) == 3 && len(val) == 3 {
		res = append(res, Dims{q[0], q[1], val[1]})
	}
	return res, ws, nil
}

// buildEinsum follows the equation: kernel axes from the input where the input has the letter,
// else from the output shape.
func buildEinsum(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	eq, _ := cfg["equation"].(string)
	eq = strings.ReplaceAll(eq, " ", "")
	ar := strings.Index(eq, "->")
	cm := strings.IndexByte(eq, ',')
	if ar < 0 || cm < 0 || cm > ar {
		return nil, nil, errMissing("equation")
	}
	a, b, c := eq[:cm], eq[cm+1:ar], eq[ar+2:]
	x := in[0]
	var os []int64
	switch t := cfg["output_shape"].(type) {
	case []any:
		os = TupleDims(t)
	case int64:
		os = []int64{t}
	}
	// ellipsis: expand to the input axes it covers
	if strings.HasPrefix(a, "...") {
		n := len(x) - (len(a) - 3)
		if n < 0 {
			return nil, nil, errNoInput
		}
		ell := "ABCDEFGH"[:n]
		a = ell + a[3:]
		c = strings.Replace(c, "...", ell, 1)
	}
	if len(a) != len(x) {
		return nil, nil, errNoInput
	}
	size := map[byte]int64{}
	for i := 0; i < len(a); i++ {
		size[a[i]] = x[i]
	}
	// output_shape gives the output axes after the first (the batch), or the last ones
	off := len(c) - len(os)
	for i := 0; i < len(os); i++ {
		if _, ok := size[c[off+i]]; !ok || size[c[off+i]] < 0 {
			size[c[off+i]] = os[i]
		}
	}
	kshape := make([]int64, len(b))
	for i := 0; i < len(b); i++ {
		s, ok := size[b[i]]
		if !ok || s <= 0 {
			return nil, nil, errMissing("output_shape")
		}
		kshape[i] = s
	}
	out := make(Dims, len(c))
	for i := 0; i < len(c); i++ {
		s, ok := size[c[i]]
		if !ok {
			s = -1
		}
		if i >= off && i > 0 {
			s = os[i-off] // the output shape as given wins, None included
		}
		out[i] = s
	}
	ws := []Weight{{Name: "kernel", Shape: kshape, Trainable: true}}
	if ba, ok := cfg["bias_axes"].(string); ok && ba != "" {
		var bs []int64
		first := len(c)
		for i := 0; i < len(ba); i++ {
			if k := strings.IndexByte(c, ba[i]); k >= 0 && k < first {
				first = k
			}
		}
		for k := first; k < len(c); k++ {
			if strings.IndexByte(ba, c[k]) >= 0 {
				bs = append(bs, out[k])
			} else {
				bs = append(bs, 1)
			}
		}
		ws = append(ws, Weight{Name: "bias", Shape: bs, Trainable: true})
	}
	return []Dims{out}, ws, nil
}

func buildGroupNorm(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	c := in[0].Last()
	if ax := cfg.intOr(-1, "axis"); ax >= 0 && int(ax) < len(in[0]) {
		c = in[0][ax]
	}
	if c <= 0 {
		return nil, nil, errNoInput
	}
	var ws []Weight
	if cfg.boolOr(true, "scale") {
		ws = append(ws, Weight{Name: "gamma", Shape: []int64{c}, Trainable: true})
	}
	if cfg.boolOr(true, "center") {
		ws = append(ws, Weight{Name: "beta", Shape: []int64{c}, Trainable: true})
	}
	return []Dims{in[0]}, ws, nil
}

func buildRMSNorm(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	c := in[0].Last()
	if c <= 0 {
		return nil, nil, errNoInput
	}
	return []Dims{in[0]}, []Weight{{Name: "scale", Shape: []int64{c}, Trainable: true}}, nil
}

func buildConvLSTM(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	rank := int(l.Class[len(l.Class)-2] - '0')
	x := in[0]
	if len(x) != rank+3 {
		return nil, nil, errNoInput
	}
	frame := append(Dims{x[0]}, x[2:]...)
	outs, _, err := buildConv(rank, false)(cfg, []Dims{frame})
	if err != nil {
		return nil, nil, err
	}
	f := cfg.intOr(-1, "filters", "nb_filter")
	ks := cfg.ints(rank, 0, "kernel_size")
	if rank == 2 && ks[0] == 0 {
		ks = []int64{cfg.intOr(0, "nb_row"), cfg.intOr(0, "nb_col")}
	}
	first := cfg.str("channels_last", "data_format") == "channels_first"
	c := x.Last()
	if first {
		c = x[2]
	}
	ws := []Weight{{Name: "kernel", Shape: append(append([]int64{}, ks...), c, 4*f), Trainable: true},
		{Name: "recurrent_kernel", Shape: append(append([]int64{}, ks...), f, 4*f), Trainable: true}}
	if cfg.boolOr(true, "use_bias", "bias") {
		ws = append(ws, Weight{Name: "bias", Shape: []int64{4 * f}, Trainable: true})
	}
	o := outs[0]
	if cfg.boolOr(false, "return_sequences") {
		o = append(Dims{x[0], x[1]}, o[1:]...)
	}
	res := []Dims{o}
	if cfg.boolOr(false, "return_state") {
		res = append(res, outs[0], outs[0])
	}
	return res, ws, nil
}

func spatial(cfg Config, x Dims, rank int) (int, bool) {
	if len(x) != rank+2 {
		return 0, false
	}
	if cfg.str("channels_last", "data_format") == "channels_first" || cfg.str("", "dim_ordering") == "th" {
		return 2, true
	}
	return 1, true
}

func rankOf(class string) int {
	for _, r := range []int{1, 2, 3} {
		if strings.HasSuffix(class, string(rune('0'+r))+"D") {
			return r
		}
	}
	return 2
}

func buildUpSampling(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	rank := rankOf(l.Class)
	off, ok := spatial(cfg, in[0], rank)
	if !ok {
		return nil, nil, errNoInput
	}
	s := cfg.ints(rank, 2, "size", "length")
	out := append(Dims{}, in[0]...)
	for i := 0; i < rank; i++ {
		if out[off+i] > 0 {
			out[off+i] *= s[i]
		}
	}
	return []Dims{out}, nil, nil
}

// buildPadCrop is ZeroPadding (sign 1) and Cropping (sign −1): an int, a pair per axis, or a
// (before, after) pair per axis.
func buildPadCrop(sign int64) versionedBuild {
	return func(l *Layer, in []Dims) ([]Dims, []Weight, error) {
		cfg := l.Config
		rank := rankOf(l.Class)
		off, ok := spatial(cfg, in[0], rank)
		if !ok {
			return nil, nil, errNoInput
		}
		key := "padding"
		def := int64(1)
		if sign < 0 {
			key, def = "cropping", 0
		}
		tot := make([]int64, rank)
		for i := range tot {
			tot[i] = 2 * def
		}
		switch t := cfg[key].(type) {
		case int64:
			for i := range tot {
				tot[i] = 2 * t
			}
		case []any:
			if rank == 1 && len(t) == 2 {
				a, _ := t[0].(int64)
				b, _ := t[1].(int64)
				tot[0] = a + b
				break
			}
			for i := 0; i < rank && i < len(t); i++ {
				switch p := t[i].(type) {
				case int64:
					tot[i] = 2 * p
				case []any:
					var s int64
					for _, q := range p {
						n, _ := q.(int64)
						s += n
					}
					tot[i] = s
				}
			}
		}
		out := append(Dims{}, in[0]...)
		for i := 0; i < rank; i++ {
			if out[off+i] > 0 {
				out[off+i] += sign * tot[i]
			}
		}
		return []Dims{out}, nil, nil
	}
}

func buildCrop(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	x := in[0]
	h, w := cfg.intOr(-1, "height"), cfg.intOr(-1, "width")
	if len(x) < 3 || h <= 0 || w <= 0 {
		return nil, nil, errMissing("height, width")
	}
	out := append(Dims{}, x...)
	if cfg.str("channels_last", "data_format") == "channels_first" {
		out[len(out)-2], out[len(out)-1] = h, w
	} else {
		out[len(out)-3], out[len(out)-2] = h, w
	}
	return []Dims{out}, nil, nil
}

func buildDot(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	if len(in) < 2 {
		return nil, nil, errNoInput
	}
	a, b := in[0], in[1]
	var ax []int64
	switch t := cfg["axes"].(type) {
	case int64:
		ax = []int64{t, t}
	case []any:
		ax = TupleDims(t)
	}
	if len(ax) != 2 {
		return nil, nil, errMissing("axes")
	}
	for i, n := range []int{len(a), len(b)} {
		if ax[i] < 0 {
			ax[i] += int64(n)
		}
	}
	var out Dims
	for i, d := range a {
		if int64(i) != ax[0] {
			out = append(out, d)
		}
	}
	for i, d := range b {
		if i > 0 && int64(i) != ax[1] {
			out = append(out, d)
		}
	}
	if len(out) == 1 {
		out = append(out, 1)
	}
	return []Dims{out}, nil, nil
}

func buildSpectral(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	outs, ws, err := innerBuild(l.Inner, in)
	if err != nil {
		return nil, nil, err
	}
	if len(ws) == 0 {
		return nil, nil, errors.New("the wrapped layer has no kernel")
	}
	f := ws[0].Shape[len(ws[0].Shape)-1]
	ws = append(ws, Weight{Name: "vector_u", Shape: []int64{1, f}})
	return outs, ws, nil
}

// queryValueKey reads an attention layer's inputs as Keras calls them: query, value (default the
// query) and key (default the value).
func queryValueKey(in []Dims) (q, val, key Dims) {
	q = in[0]
	val = q
	if len(in) > 1 {
		val = in[1]
	}
	key = val
	if len(in) > 2 {
		key = in[2]
	}
	return q, val, key
}

// buildStackedRNN builds an RNN over a list of cells (StackedRNNCells): each cell reads the
// sequence the one before it makes, so its input width is that cell's units; the weights are the
// cells' in order; the output is the last cell's, and return_state adds every cell's states in
// order (an LSTM cell's h and c). cheatsheet.md row 44.
func buildStackedRNN(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || len(in[0]) != 3 {
		return nil, nil, errNoInput
	}
	seq := in[0]
	var all []Weight
	var states []Dims
	var last Dims
	for k, cell := range l.Cells {
		if cell == nil {
			return nil, nil, errMissing("cell " + strconv.Itoa(k+1))
		}
		cls := strings.TrimSuffix(cell.Class, "Cell")
		c := Config{}
		for a, b := range cell.Config {
			c[a] = b
		}
		c["return_sequences"] = true
		c["return_state"] = true
		outs, ws, err := buildRecurrentV(&Layer{Class: cls, Config: c, Version: l.Version}, []Dims{seq})
		if err != nil {
			return nil, nil, err
		}
		all = append(all, ws...)
		seq = outs[0]
		states = append(states, outs[1:]...)
		last = outs[0]
	}
	out := last
	if !l.Config.boolOr(false, "return_sequences") {
		out = Dims{last[0], last[2]}
	}
	res := []Dims{out}
	if l.Config.boolOr(false, "return_state") {
		res = append(res, states...)
	}
	return res, all, nil
}

// errBad is an argument or input a build cannot take, and why.
func errBad(msg string) error { return errors.New(msg) }

// BroadcastOp is the shape of an element-wise operation on tensors (x + y, keras.ops.add), by
// NumPy's rule as Keras 3's broadcast_shapes applies it: the whole shapes, batch axis included,
// right-aligned and padded with 1; 1 takes the other's size, an unknown axis the other's size
// unless that is 1. Unlike the merge layers (buildBroadcast), None against 10 gives 10.
func BroadcastOp(a, b Dims) (Dims, error) {
	if a == nil || b == nil {
		return nil, errNoInput
	}
	for len(a) < len(b) {
		a = append(Dims{1}, a...)
	}
	for len(b) < len(a) {
		b = append(Dims{1}, b...)
	}
	out := make(Dims, len(a))
	for i := range a {
		switch {
		case a[i] == 1:
			out[i] = b[i]
		case a[i] < 0:
			out[i] = b[i]
			if b[i] == 1 {
				out[i] = -1
			}
		case b[i] == 1 || b[i] < 0 || b[i] == a[i]:
			out[i] = a[i]
		default:
			return nil, errBad("shapes " + ShapeString(a) + " and " + ShapeString(b) + " do not broadcast")
		}
	}
	return out, nil
}

// buildMerge is Keras 1's Merge layer (and merge() function) over tensors: mode sum, mul, ave and
// max keep the (equal) input shape; concat adds the concat_axis (default −1) sizes; dot and cos
// drop the dot_axes of both inputs and the second one's batch, a single axis left becoming
// (None, 1) (keras/engine/topology.py, Merge.get_output_shape_for, Keras 1.2.2). No weights.
func buildMerge(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	if len(in) < 2 {
		return nil, nil, errBad("Merge takes a list of at least two tensors")
	}
	if t, ok := cfg["output_shape"].([]any); ok {
		return []Dims{append(Dims{in[0][0]}, TupleDims(t)...)}, nil, nil
	}
	switch mode := cfg.str("sum", "mode"); mode {
	case "sum", "mul", "ave", "max":
		for _, x := range in[1:] {
			if ShapeString(x) != ShapeString(in[0]) {
				return nil, nil, errBad("mode " + mode + " merges tensors of one shape, not " + ShapeString(in[0]) + " and " + ShapeString(x))
			}
		}
		return []Dims{in[0]}, nil, nil
	case "concat":
		out := append(Dims{}, in[0]...)
		ax := int(cfg.intOr(-1, "concat_axis"))
		if ax < 0 {
			ax += len(out)
		}
		if ax <= 0 || ax >= len(out) {
			return nil, nil, errBad("concat_axis " + Num(int64(ax)) + " is not an axis of " + ShapeString(in[0]))
		}
		for _, x := range in[1:] {
			if len(x) != len(out) {
				return nil, nil, errBad("concat merges tensors of one rank")
			}
			if out[ax] < 0 || x[ax] < 0 {
				out[ax] = -1
				break
			}
			out[ax] += x[ax]
		}
		return []Dims{out}, nil, nil
	case "dot", "cos":
		a, b := in[0], in[1]
		axes := []int64{-1, -1}
		switch d := cfg["dot_axes"].(type) {
		case int64:
			axes = []int64{d, d}
		case []any:
			if t := TupleDims(d); len(t) == 2 {
				axes = t
			}
		}
		if axes[0] < 0 {
			axes[0] += int64(len(a))
		}
		if axes[1] < 0 {
			axes[1] += int64(len(b))
		}
		if axes[0] <= 0 || int(axes[0]) >= len(a) || axes[1] <= 0 || int(axes[1]) >= len(b) {
			return nil, nil, errBad("dot_axes do not fit the inputs " + ShapeString(a) + " and " + ShapeString(b))
		}
		out := append(append(Dims{}, a[:axes[0]]...), a[axes[0]+1:]...)
		rest := append(append(Dims{}, b[:axes[1]]...), b[axes[1]+1:]...)
		out = append(out, rest[1:]...)
		if len(out) == 1 {
			out = append(out, 1)
		}
		return []Dims{out}, nil, nil
	}
	return nil, nil, errBad("Merge mode " + cfg.str("", "mode") + " is not one kexplain knows")
}
