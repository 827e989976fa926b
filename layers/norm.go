package layers

import "github.com/kexplain/kexplain/grammar"

// Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization,
// RMSNormalization, UnitNormalization and the SpectralNormalization wrapper.

func init() {
	register(
		&Spec{Class: "BatchNormalization", Aliases: []string{"SyncBatchNormalization", "BatchNormalizationV1", "BatchNormalizationV2"},
			Family: "normalization", Explain: guard(explainBatchNorm), Build: buildBatchNorm, Readings: readBatchNorm, Teach: teachBatchNorm},
		&Spec{Class: "LayerNormalization", Family: "normalization", Explain: guard(explainLayerNorm), Build: buildLayerNorm,
			Readings: readLayerNorm("LayerNormalization"), Teach: teachLayerNorm("LayerNormalization")},
		&Spec{Class: "GroupNormalization", Family: "normalization", Explain: guard(explainGroupNorm),
			Readings: readLayerNorm("GroupNormalization"), Teach: teachLayerNorm("GroupNormalization")},
		&Spec{Class: "RMSNormalization", Family: "normalization", Explain: guard(explainRMSNorm), Readings: readRMSNorm, Teach: teachRMSNorm},
		&Spec{Class: "UnitNormalization", Family: "normalization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "SpectralNormalization", Family: "normalization", Explain: guard(explainSpectral)},
	)
}

// normShape is the shape whose axes a normalization may run over: the output, else the input.
func normShape(o *Obs) Dims {
	if x := outShape(o); known(x) || (len(x) > 1 && x.Last() > 0) {
		return x
	}
	return inShape(o, 0)
}

// singleAxes lists the known non-batch axis sizes, last first, each once.
func singleAxes(d Dims) []int64 {
	var out []int64
	for i := len(d) - 1; i >= 1; i-- {
		x := d[i]
		if x <= 0 {
			continue
		}
		dup := false
		for _, y := range out {
			dup = dup || y == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

func bnFit(c int64, center, scale, renorm bool, keras1 bool) Fit {
	var w []Weight
	cs := []int64{c}
	if scale {
		w = append(w, Weight{Name: "gamma", Shape: cs, Trainable: true})
	}
	if center {
		w = append(w, Weight{Name: "beta", Shape: cs, Trainable: true})
	}
	mean, vr := "moving_mean", "moving_variance"
	if keras1 {
		mean, vr = "running_mean", "running_std"
	}
	w = append(w, Weight{Name: mean, Shape: cs}, Weight{Name: vr, Shape: cs})
	if renorm {
		w = append(w, Weight{Name: "moving_stddev", Shape: cs}, Weight{Name: "renorm_mean", Shape: cs}, Weight{Name: "renorm_stddev", Shape: cs})
	}
	n := int64(len(w))
	f := Fit{Params: n * c, Weights: w}
	switch {
	case center && scale && !renorm:
		f.Config = "center and scale"
		f.Derivation = Count(arraysExpr(w))
	case renorm:
		f.Config = "renorm=True"
		f.Derivation = Count(arraysExpr(w))
	case !center && !scale:
		f.Config = "center=False, scale=False"
		f.Derivation = Count(arraysExpr(w))
	default:
		f.Config = "center=False or scale=False"
		f.Derivation = Count(arraysExpr(w))
	}
	return f
}

// bnTrainableOnly is a Keras 1.0–1.1 row: only gamma and beta count.
func bnTrainableOnly(c int64) Fit {
	return Fit{Params: 2 * c, Config: "Keras 1.0–1.1 rows count trainable weights only",
		Weights:    []Weight{{Name: "gamma", Shape: []int64{c}, Trainable: true}, {Name: "beta", Shape: []int64{c}, Trainable: true}},
		Derivation: Say("Keras 1.0–1.1 rows leave out the running statistics: ").Then("", Count(Add(lbl("γ", N(c)), lbl("β", N(c)))))}
}

func bnFits(c int64, f grammar.Format) []Fit {
	k1 := f == grammar.Keras1
	fits := []Fit{bnFit(c, true, true, false, k1)}
	if k1 {
		return append(fits, bnTrainableOnly(c))
	}
	fits = append(fits, bnFit(c, false, true, false, k1), bnFit(c, false, false, false, k1))
	if f != grammar.TFJS {
		fits = append(fits, bnFit(c, true, true, true, k1), bnFit(c, false, true, true, k1))
	}
	return fits
}

func explainBatchNorm(o *Obs) Verdict {
	x := normShape(o)
	p, ok := pcount(o)
	cs := singleAxes(x)
	if len(cs) == 0 {
		if !ok {
			return unknown("the channels are not shown")
		}
		for _, n := range []int64{4, 2, 3} {
			if p%n == 0 && p > 0 {
				for _, f := range bnFits(p/n, o.Format) {
					if f.Params == p {
						f.Ambiguous = "the shape is not shown: " + Num(p/n) + " channels assumed"
						return okFit(f)
					}
				}
			}
		}
		return unknown("the channels are not shown")
	}
	if !ok {
		return okFit(bnFits(cs[0], o.Format)[0])
	}
	cands := cs
	if o.Format != grammar.Keras1 && o.Format != grammar.TFJS {
		cands = subsetProducts(x) // singles first; tf.keras accepts a list axis
	}
	for i, c := range cands {
		for _, f := range bnFits(c, o.Format) {
			if f.Params == p {
				if i > 0 && i < len(cs) {
					f.Config += ", axis of size " + itoa(c)
				} else if i >= len(cs) {
					f.Config += ", over several axes (" + itoa(c) + " values)"
				}
				return okFit(f)
			}
		}
	}
	var near []Fit
	for _, c := range cs {
		near = append(near, bnFits(c, o.Format)...)
	}
	return mismatch(o, "no BatchNormalization on "+Num(cs[0])+" channels has "+Num(p)+" weights", near)
}

func lnFit(x int64, gamma, beta bool, class string) Fit {
	var w []Weight
	n := int64(0)
	if gamma {
		w = append(w, Weight{Name: "gamma", Shape: []int64{x}, Trainable: true})
		n++
	}
	if beta {
		w = append(w, Weight{Name: "beta", Shape: []int64{x}, Trainable: true})
		n++
	}
	f := Fit{Params: n * x, Weights: w}
	switch n {
	case 2:
		f.Config = "center and scale"
		f.Derivation = Count(Add(lbl("γ", N(x)), lbl("β", N(x))))
	case 1:
		f.Config = "center=False or scale=False"
		f.Derivation = D("γ or β only: {}", x)
	default:
		f.Config = "center=False, scale=False"
		f.Derivation = Say("no γ, no β: no weights")
	}
	return f
}

func explainLayerNorm(o *Obs) Verdict {
	x := normShape(o)
	p, ok := pcount(o)
	cands := subsetProducts(x)
	if len(cands) == 0 {
		if ok && p > 0 && p%2 == 0 {
			f := lnFit(p/2, true, true, "")
			f.Ambiguous = "the shape is not shown"
			return okFit(f)
		}
		return unknown("the normalized axes are not shown")
	}
	if !ok {
		return okFit(lnFit(cands[0], true, true, ""))
	}
	if p == 0 {
		return okFit(lnFit(cands[0], false, false, ""))
	}
	for _, c := range cands {
		for _, f := range []Fit{lnFit(c, true, true, ""), lnFit(c, true, false, "")} {
			if f.Params == p {
				if c != cands[0] {
					f.Config += ", normalizing " + Num(c) + " values"
				}
				return okFit(f)
			}
		}
	}
	return mismatch(o, "no LayerNormalization on "+ShapeString(x)+" has "+Num(p)+" weights",
		[]Fit{lnFit(cands[0], true, true, ""), lnFit(cands[0], true, false, "")})
}

func explainGroupNorm(o *Obs) Verdict {
	x := normShape(o)
	p, ok := pcount(o)
	cs := singleAxes(x)
	if len(cs) == 0 {
		return unknown("the channels are not shown")
	}
	if !ok {
		return okFit(lnFit(cs[0], true, true, ""))
	}
	for _, c := range cs {
		for _, f := range []Fit{lnFit(c, true, true, ""), lnFit(c, true, false, ""), lnFit(c, false, false, "")} {
			if f.Params == p {
				return okFit(f)
			}
		}
	}
	return mismatch(o, "no GroupNormalization on "+Num(cs[0])+" channels has "+Num(p)+" weights",
		[]Fit{lnFit(cs[0], true, true, ""), lnFit(cs[0], true, false, "")})
}

func rmsFit(x int64) Fit {
	return Fit{Params: x, Config: "scale", Weights: []Weight{{Name: "scale", Shape: []int64{x}, Trainable: true}},
		Derivation: D("one scale per value: {}", x)}
}

func explainRMSNorm(o *Obs) Verdict {
	x := normShape(o)
	p, ok := pcount(o)
	cands := subsetProducts(x)
	if len(cands) == 0 {
		return unknown("the normalized axes are not shown")
	}
	if !ok {
		return okFit(rmsFit(cands[0]))
	}
	for _, c := range cands {
		if c == p {
			return okFit(rmsFit(c))
		}
	}
	return mismatch(o, "no RMSNormalization on "+ShapeString(x)+" has "+Num(p)+" weights", []Fit{rmsFit(cands[0])})
}

// spectralLesson: the wrapper adds the power-iteration vector to the wrapped layer's weights.
var spectralLesson = &Lesson{Key: "SpectralNormalization", Formula: "the wrapped layer's count + its output width (vector_u)",
	Why: []Deriv{Say("SpectralNormalization divides the wrapped layer's kernel by its largest singular value, estimated by power iteration with a vector u of one value per output unit or filter: u is updated in the forward pass, not by gradients, so it is non-trainable")}}

// explainSpectral: the wrapped layer's count plus a non-trainable vector_u (1, last kernel dim).
func explainSpectral(o *Obs) Verdict {
	p, ok := pcount(o)
	f := outShape(o).Last()
	d := inShape(o, 0).Last()
	if !ok || f <= 0 {
		return unknown("the output channels or the count is not shown")
	}
	u := Weight{Name: "vector_u", Shape: []int64{1, f}}
	if d > 0 {
		for _, bias := range []bool{true, false} {
			inner := denseFit(d, f, bias)
			if inner.Params+f == p {
				fit := Fit{Params: p, Config: "SpectralNormalization(Dense(" + itoa(f) + ")), " + inner.Config,
					Weights:    []Weight{inner.Weights[0], u},
					Derivation: D("{} inputs × {} units", d, f)}
				if bias {
					fit.Weights = append(fit.Weights, inner.Weights[1])
					fit.Derivation = Count(Add(Mul(N(d, "inputs"), N(f, "units")), N(f, "biases"), lbl("vector_u (non-trainable)", N(f))))
				} else {
					fit.Derivation = Count(Add(Mul(N(d, "inputs"), N(f, "units")), lbl("vector_u (non-trainable)", N(f))))
				}
				fit.Assumed = "read as SpectralNormalization(Dense(" + itoa(f) + "))"
				if !bias {
					fit.Assumed += ", use_bias=False"
				}
				fit.Lesson = spectralLesson
				return okFit(fit)
			}
		}
	}
	if p%f == 0 {
		fit := Fit{Params: p, Config: "wrapped layer with " + itoa(f) + " output channels", Lesson: spectralLesson,
			Derivation: Count(Add(lbl("wrapped layer", N(p-f)), lbl("vector_u (non-trainable)", N(f))))}
		return okFit(fit)
	}
	return unknown("the wrapped layer is not shown")
}

func buildBatchNorm(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0] == nil {
		return nil, nil, errNoInput
	}
	ax := int(cfg.intOr(-1, "axis"))
	if ax < 0 {
		ax += len(in[0])
	}
	if ax <= 0 || ax >= len(in[0]) || in[0][ax] <= 0 {
		return nil, nil, errNoInput
	}
	f := bnFit(in[0][ax], cfg.boolOr(true, "center"), cfg.boolOr(true, "scale"), cfg.boolOr(false, "renorm"), false)
	return []Dims{in[0]}, f.Weights, nil
}

// buildLayerNorm: gamma and beta have the shape of the normalized axes (one axis or a list of
// them, negative from the end, in sorted order); rms_scaling (Keras 3) keeps only gamma.
func buildLayerNorm(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || len(in[0]) < 2 {
		return nil, nil, errNoInput
	}
	x := in[0]
	var axes []int64
	switch a := cfg["axis"].(type) {
	case nil:
		axes = []int64{-1}
	case int64:
		axes = []int64{a}
	case []any:
		for _, v := range a {
			n, ok := v.(int64)
			if !ok {
				return nil, nil, errBad("axis must be a list of integers")
			}
			axes = append(axes, n)
		}
	default:
		return nil, nil, errBad("axis must be an integer or a list of integers")
	}
	rank := int64(len(x))
	var shape []int64
	seen := map[int64]bool{}
	for _, a := range axes {
		if a < 0 {
			a += rank
		}
		if a <= 0 || a >= rank || seen[a] {
			return nil, nil, errBad("axis " + Num(a) + " is not an axis of the input " + ShapeString(x))
		}
		seen[a] = true
	}
	for a := int64(1); a < rank; a++ {
		if seen[a] {
			if x[a] <= 0 {
				return nil, nil, errBad("the normalized axis " + Num(a) + " of the input " + ShapeString(x) + " has no size")
			}
			shape = append(shape, x[a])
		}
	}
	rms := cfg.boolOr(false, "rms_scaling")
	var w []Weight
	if cfg.boolOr(true, "scale") || rms {
		w = append(w, Weight{Name: "gamma", Shape: shape, Trainable: true})
	}
	if cfg.boolOr(true, "center") && !rms {
		w = append(w, Weight{Name: "beta", Shape: append([]int64{}, shape...), Trainable: true})
	}
	return []Dims{x}, w, nil
}
