package explain

// Core layers: Dense and the weightless layers of the core family.

func init() {
	register(
		&Spec{Class: "Dense", Family: "core", Explain: explainDense, Build: buildDense},
		&Spec{Class: "Dropout", Family: "regularization", Weightless: true, Build: buildSame},
	)
}

// buildSame is the Build of layers whose output is their input and that hold no weights.
func buildSame(_ Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 {
		return nil, nil, errNoInput
	}
	return []Dims{in[0]}, nil, nil
}

func denseFit(d, u int64, bias bool) Fit {
	w := []Weight{{Name: "kernel", Shape: []int64{d, u}, Trainable: true}}
	f := Fit{Params: d * u, Config: "with bias"}
	if bias {
		w = append(w, Weight{Name: "bias", Shape: []int64{u}, Trainable: true})
		f.Params += u
		f.Derivation = D("{} inputs × {} units + {} bias = {}", d, u, u, f.Params)
	} else {
		f.Config = "use_bias=False"
		f.Derivation = D("{} inputs × {} units, no bias = {}", d, u, f.Params)
	}
	f.Weights = w
	return f
}

func explainDense(o *Obs) Verdict {
	u := o.Out.Last()
	if u <= 0 {
		return Verdict{Status: Unknown, Message: "the output shape does not show the units"}
	}
	if !o.InKnown(0) || o.In[0].Last() <= 0 {
		// Input not shown: the count gives it, d = count / u - 1 with bias (or count / u without).
		if o.Params == nil {
			return Verdict{Status: Unknown}
		}
		p := *o.Params
		if p > 0 && p%u == 0 && p/u-1 >= 1 {
			f := denseFit(p/u-1, u, true)
			f.InferredIn = Dims{-1, p/u - 1}
			f.Ambiguous = "or " + Num(p/u) + " inputs with use_bias=False"
			return Verdict{Status: OK, Fit: &f}
		}
		return Verdict{Status: Mismatch, Message: "no Dense(" + Num(u) + ") has " + Num(p) + " weights: the count must be a multiple of " + Num(u)}
	}
	return chooseFit(o, denseFit(o.In[0].Last(), u, true), denseFit(o.In[0].Last(), u, false))
}

func buildDense(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0].Last() <= 0 {
		return nil, nil, errNoInput
	}
	u, ok := cfg.Int("units")
	if !ok {
		return nil, nil, errMissing("units")
	}
	f := denseFit(in[0].Last(), u, cfg.Bool("use_bias", true))
	out := append(Dims{}, in[0]...)
	out[len(out)-1] = u
	return []Dims{out}, f.Weights, nil
}
