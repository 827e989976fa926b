package interp

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/layers"
)

// What is known stays known. When a layer's configuration holds values kexplain does not know
// (Embedding(vocab, 32) with vocab from a tokenizer) or its input has axes it does not know, the
// layer is built several times with stand-in values in their place (probes): an output axis or a
// weight array that comes out the same every time does not depend on the unknowns and is kept;
// the rest is "?", with the reason. A string argument that matters (padding) cannot be stood in
// for, and leaves the layer unknown.

// probeInts are the stand-ins for unknown integers and axes: large, and divisible by every number
// up to 12 (so reshapes and strides divide them).
var probeInts = [2]int64{2520, 27720}

// probeRanks are the ranks tried for an input whose shape is not known at all.
var probeRanks = []int{2, 3, 4, 5}

// irrelevantArgs change neither shapes nor counts: an unknown value there matters not.
var irrelevantArgs = map[string]bool{"name": true, "activation": true, "recurrent_activation": true, "dtype": true,
	"trainable": true, "seed": true, "rate": true, "dropout": true, "recurrent_dropout": true, "noise_shape": true,
	"epsilon": true, "momentum": true, "stddev": true, "alpha": true, "negative_slope": true, "max_value": true,
	"threshold": true, "theta": true, "l1": true, "l2": true, "mask_value": true, "factor": true, "fill_mode": true,
	"renorm_momentum": true, "renorm_clipping": true, "training": true, "mask": true, "unroll": true, "stateful": true,
	"go_backwards": true, "power_iterations": true, "use_cudnn": true, "implementation": true, "time_major": true,
	"weights": true, "input_length": true, "input_shape": true, "batch_input_shape": true, "batch_shape": true,
	"batch_size": true, "function": true, "arguments": true, "vocabulary": true, "standardize": true, "split": true,
	"invert": true, "sparse": true, "ragged": true, "encoding": true, "oov_token": true, "mask_token": true,
	"interpolation": true, "crop_to_aspect_ratio": true, "antialias": true, "offset": true, "scale_": true,
	"height_factor": true, "width_factor": true, "return_attention_scores": true, "use_causal_mask": true,
	"flash_attention": true, "sliding_window": true, "lora_rank": true, "lora_alpha": true, "quantization_config": true,
	"zero_output_for_mask": true, "idf_weights": true, "pad_to_max_tokens": true,
}

// stringArgs are the string arguments that change shapes or counts: no stand-in can replace them.
var stringArgs = map[string]bool{"padding": true, "border_mode": true, "data_format": true, "dim_ordering": true,
	"merge_mode": true, "output_mode": true, "score_mode": true, "equation": true, "mode": true, "bias_axes": true}

// boolArgs are the boolean arguments that change shapes or counts: both values are tried.
var boolArgs = map[string]bool{"use_bias": true, "bias": true, "return_sequences": true, "return_state": true,
	"center": true, "scale": true, "keepdims": true, "reset_after": true, "use_scale": true, "normalize": true,
	"unit_forget_bias": true, "use_gate": true, "mask_zero": true, "include_top": true}

type hole struct {
	arg  string // the argument, or "" for an axis of an input
	kind byte   // 'i' int, 'b' bool, 's' string
	c    *cause
}

// holesOf lists the unknown values in a layer's configuration (and its inner layer's).
func holesOf(l *layerObj, cfg layers.Config, out []hole, depth int) []hole {
	if depth > 8 {
		return out
	}
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		if irrelevantArgs[k] {
			continue
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case unknownArg:
				kind := byte('i')
				switch {
				case stringArgs[k]:
					kind = 's'
				case boolArgs[k]:
					kind = 'b'
				}
				out = append(out, hole{arg: k, kind: kind, c: x.c})
			case []any:
				for _, it := range x {
					walk(it)
				}
			}
		}
		walk(cfg[k])
	}
	if l.inner != nil {
		out = holesOf(l.inner, l.inner.cfg, out, depth+1)
	}
	return out
}

// buildProbed builds a layer on inputs. When a part of its configuration or input is not known
// (inWhy says why for the input), the outputs hold dimUnknown (or nil) where they depend on it,
// and the weights are kept only when they do not: then unknown says why its count is not known.
// err means the layer could not be built at all; why is the cause its outputs carry.
func (in *interpreter) buildProbed(l *layerObj, cfg layers.Config, dims []layers.Dims, inWhy *cause) (outs []layers.Dims,
	ws []layers.Weight, unknown error, err error, why *cause) {
	holes := holesOf(l, cfg, nil, 0)
	rankUnknown, axisUnknown := false, false
	for _, d := range dims {
		if shapeless(d) {
			rankUnknown = true
		} else if hasUnknownAxis(d) {
			axisUnknown = true
		}
	}
	if len(holes) == 0 && !rankUnknown && !axisUnknown {
		outs, ws, err = layers.Build(in.layer(l, cfg, nil), dims)
		if err == nil {
			err = checkWeights(ws)
		}
		return outs, ws, nil, err, nil
	}
	var names []string
	nBool := 0
	for _, h := range holes {
		if h.kind == 's' {
			return nil, nil, nil, in.causeErr(h.arg+" is not known", h.c), h.c
		}
		if why == nil {
			why = h.c
		}
		if h.kind == 'b' {
			nBool++
		}
		names = append(names, h.arg)
	}
	if why == nil {
		why = inWhy
	}
	what := strings.Join(dedupe(names), ", ")
	if rankUnknown || axisUnknown {
		if what != "" {
			what += " and "
		}
		if rankUnknown {
			what += "the shape of its input"
		} else {
			what += "part of its input's shape"
		}
	}
	if nBool > 3 {
		return nil, nil, nil, in.causeErr(what+" are not known", why), why
	}
	ranks := []int{0}
	if rankUnknown {
		ranks = probeRanks // for a partial shape (…, 64): how many axes the … stands for, after the batch
	}
	var ok []probeResult
	for _, rank := range ranks {
		for r := 0; r < 2<<nBool; r++ {
			p := probeInts[r%2]
			bi := 0
			boolOf := map[*cause]bool{}
			for _, h := range holes {
				if h.kind == 'b' {
					boolOf[h.c] = r>>(1+bi)&1 == 1
					bi++
				}
			}
			fill := func(_ string, v any) any { return fillValue(v, p, boolOf) }
			pd := make([]layers.Dims, len(dims))
			for i, d := range dims {
				if d == nil {
					nd := make(layers.Dims, rank)
					nd[0] = -1
					for k := 1; k < rank; k++ {
						nd[k] = p
					}
					pd[i] = nd
					continue
				}
				if partial(d) {
					nd := layers.Dims{-1}
					for k := 2; k < rank; k++ {
						nd = append(nd, p)
					}
					for _, x := range d[1:] {
						if x == dimUnknown {
							x = p
						}
						nd = append(nd, x)
					}
					pd[i] = nd
					continue
				}
				nd := append(layers.Dims{}, d...)
				for k := range nd {
					if nd[k] == dimUnknown {
						nd[k] = p
					}
				}
				pd[i] = nd
			}
			o, w, e := layers.Build(in.layer(l, cfg, fill), pd)
			if e == nil {
				e = checkWeights(w)
			}
			if e == nil {
				ok = append(ok, probeResult{o, w})
			}
		}
	}
	if len(ok) < 2 {
		return nil, nil, nil, in.causeErr(what+" not known", why), why
	}
	// outputs: the axes every probe agrees on
	outs = make([]layers.Dims, len(ok[0].outs))
	for j := range outs {
		same := true
		for _, r := range ok[1:] {
			if len(r.outs) != len(ok[0].outs) || len(r.outs[j]) != len(ok[0].outs[j]) {
				same = false
			}
		}
		if !same {
			outs[j] = commonSuffix(ok, j)
			continue
		}
		d := append(layers.Dims{}, ok[0].outs[j]...)
		for k := range d {
			for _, r := range ok[1:] {
				if r.outs[j][k] != d[k] {
					d[k] = dimUnknown
					break
				}
			}
		}
		outs[j] = d
	}
	ws = ok[0].ws
	for _, r := range ok[1:] {
		if !sameWeights(r.ws, ws) {
			return outs, nil, in.causeErr("its count depends on "+what+", which is not known", why), nil, why
		}
	}
	return outs, ws, nil, nil, why
}

// probeResult is one build with stand-in values.
type probeResult struct {
	outs []layers.Dims
	ws   []layers.Weight
}

// commonSuffix is, for outputs of different ranks, the trailing axes that every probe's output j
// agrees on, after axes of unknown number: (…, 64); nil when there are none.
func commonSuffix(ok []probeResult, j int) layers.Dims {
	var suffix []int64
	for i := 1; ; i++ {
		var v int64
		agree := true
		for k, r := range ok {
			if j >= len(r.outs) || len(r.outs[j]) <= i { // the batch axis is never part of it
				agree = false
				break
			}
			x := r.outs[j][len(r.outs[j])-i]
			if k == 0 {
				v = x
			} else if x != v {
				agree = false
				break
			}
		}
		if !agree || v == probeInts[0] || v == probeInts[1] {
			break
		}
		suffix = append([]int64{v}, suffix...)
	}
	if len(suffix) == 0 {
		return nil
	}
	return append(layers.Dims{dimAnyAxes}, suffix...)
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		dup := false
		for _, y := range out {
			if x == y {
				dup = true
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// fillValue replaces unknown values by stand-ins: p for integers, boolOf for booleans.
func fillValue(v any, p int64, boolOf map[*cause]bool) any {
	switch x := v.(type) {
	case unknownArg:
		if b, ok := boolOf[x.c]; ok {
			return b
		}
		return p
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = fillValue(it, p, boolOf)
		}
		return out
	}
	return v
}

func sameWeights(a, b []layers.Weight) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Trainable != b[i].Trainable || len(a[i].Shape) != len(b[i].Shape) {
			return false
		}
		for k := range a[i].Shape {
			if a[i].Shape[k] != b[i].Shape[k] {
				return false
			}
		}
	}
	return true
}

// checkWeights refuses weight arrays whose sizes do not fit in 64 bits, or are negative.
func checkWeights(ws []layers.Weight) error {
	var total int64
	for _, w := range ws {
		n := int64(1)
		for _, d := range w.Shape {
			if d < 0 {
				return errString("a weight array of " + w.Name + " has a negative size")
			}
			var ok bool
			if n, ok = mulInt(n, d); !ok {
				return errString("its count does not fit in 64 bits (kexplain counts up to 2^63)")
			}
		}
		var ok bool
		if total, ok = addInt(total, n); !ok {
			return errString("its count does not fit in 64 bits (kexplain counts up to 2^63)")
		}
	}
	return nil
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// ---- argument checks ----

// positiveArgs must be positive integers (or tuples of them) wherever they are given.
var positiveArgs = map[string]bool{"units": true, "output_dim": true, "filters": true, "nb_filter": true,
	"kernel_size": true, "filter_length": true, "nb_row": true, "nb_col": true, "strides": true, "subsample": true,
	"subsample_length": true, "pool_size": true, "pool_length": true, "stride": true, "dilation_rate": true,
	"atrous_rate": true, "groups": true, "depth_multiplier": true, "num_heads": true, "key_dim": true, "value_dim": true,
	"size": true, "n": true, "input_dim": true, "head_dim": true, "num_query_heads": true, "num_key_value_heads": true,
	"num_tokens": true, "max_tokens": true, "output_sequence_length": true, "height": true, "width": true, "length": true}

// nonNegativeArgs must be integers of at least 0: padding and cropping amounts.
var nonNegativeArgs = map[string]bool{"cropping": true}

// checkArgs checks a layer's arguments before it is built: which argument is invalid, and why
// (strides=0 would divide by zero; Keras refuses it too).
func checkArgs(class string, cfg layers.Config) error {
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		v := cfg[k]
		if k == "input_dim" && class == "Embedding" || k == "output_dim" && class == "Embedding" || positiveArgs[k] {
			if k == "size" && class != "UpSampling1D" && class != "UpSampling2D" && class != "UpSampling3D" {
				continue
			}
			if k == "n" && class != "RepeatVector" {
				continue
			}
			if (k == "height" || k == "width") && !strings.Contains(class, "Crop") && class != "Resizing" {
				continue
			}
			if err := checkInts(k, v, 1); err != nil {
				return err
			}
		}
		if nonNegativeArgs[k] || k == "padding" && (strings.HasPrefix(class, "ZeroPadding")) {
			if err := checkInts(k, v, 0); err != nil {
				return err
			}
		}
		if k == "rate" || k == "p" {
			if f, ok := toFloat(v); ok && (f < 0 || f >= 1) && class != "SpatialDropout1D" || ok && f > 1 {
				return errString(k + "=" + valueText(v) + ": must be at least 0 and less than 1")
			}
		}
	}
	return nil
}

// checkInput checks a layer's arguments against its input: grouped convolutions need channels
// and filters that the groups divide (Keras refuses the others).
func checkInput(l *layerObj, cfg layers.Config, dims []layers.Dims) error {
	g, ok := cfg["groups"].(int64)
	if !ok || g <= 1 {
		return nil
	}
	if f, ok := cfg["filters"].(int64); ok && f%g != 0 {
		return errString("groups=" + strconv.FormatInt(g, 10) + ": the " + strconv.FormatInt(f, 10) + " filters are not a multiple of it")
	}
	if len(dims) == 0 || dims[0] == nil {
		return nil
	}
	c := dims[0].Last()
	if s, _ := cfg["data_format"].(string); s == "channels_first" && len(dims[0]) > 1 {
		c = dims[0][1]
	}
	if c > 0 && c%g != 0 {
		return errString("groups=" + strconv.FormatInt(g, 10) + ": the " + strconv.FormatInt(c, 10) + " input channels are not a multiple of it")
	}
	return nil
}

// checkInts checks an int, or a tuple of ints, against a minimum.
func checkInts(name string, v any, least int64) error {
	bad := func(why string) error {
		return errString(name + "=" + valueText(v) + ": " + why)
	}
	must := "must be a positive integer"
	if least == 0 {
		must = "must be an integer of at least 0"
	}
	switch x := v.(type) {
	case nil, unknownArg:
		return nil
	case int64:
		if x < least {
			return bad(must)
		}
	case float64:
		return bad(must + ", not a float")
	case []any:
		if len(x) == 0 {
			return bad("must not be empty")
		}
		for _, it := range x {
			switch y := it.(type) {
			case int64:
				if y < least {
					return bad("every value " + must[5:])
				}
			case []any:
				if err := checkInts(name, y, least); err != nil {
					return bad("every value " + must[5:])
				}
			case unknownArg, nil:
			default:
				return bad("every value " + must[5:])
			}
		}
	default:
		return bad(must)
	}
	return nil
}

// valueText writes a configuration value as Python would.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return pyFloat(x)
	case string:
		return "'" + x + "'"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case []any:
		parts := make([]string, len(x))
		for i, it := range x {
			parts[i] = valueText(it)
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case unknownArg:
		return "?"
	case *layerObj:
		return "<layer " + x.name + ">"
	case *funcVal:
		return "<function " + x.name + ">"
	}
	return "?"
}
