package layers

// Activation layers: the weightless ones, PReLU and the Keras 1 parametric activations.

func init() {
	a := func(class string) *Spec {
		return &Spec{Class: class, Family: "activation", Weightless: true, Explain: weightless(nil), Build: buildSame}
	}
	register(
		a("LeakyReLU"), a("ReLU"), a("ELU"), a("Softmax"), a("ThresholdedReLU"),
		&Spec{Class: "PReLU", Family: "activation", Explain: guard(explainParametric("PReLU", 1, "alpha")), Build: buildPReLU,
			Readings: readPReLU, Teach: teachPReLU},
		&Spec{Class: "ParametricSoftplus", Family: "activation", Explain: guard(explainParametric("ParametricSoftplus", 2, "alphas", "betas"))},
		&Spec{Class: "SReLU", Family: "activation", Explain: guard(explainParametric("SReLU", 4, "t_left", "a_left", "t_right", "a_right"))},
	)
}

// explainParametric: n arrays, each the input shape with the shared axes set to 1, so the count is n
// times the product of the axes not shared.
func explainParametric(class string, n int64, names ...string) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		x := inShape(o, 0)
		if !known(x) {
			x = outShape(o)
		}
		if !known(x) {
			return unknown("the input shape is not shown")
		}
		p, ok := pcount(o)
		cands := append(subsetProducts(x), 1)
		all := prod(x[1:])
		mk := func(c int64) Fit {
			shape := make([]int64, 0, len(x)-1)
			rest := c
			shared := false
			for _, d := range x[1:] {
				if rest%d == 0 && rest > 1 {
					shape = append(shape, d)
					rest /= d
				} else {
					shape = append(shape, 1)
					shared = true
				}
			}
			if rest != 1 { // the greedy reading did not find the axes; keep a flat shape
				shape = []int64{c}
			}
			f := Fit{Params: n * c}
			for _, nm := range names {
				f.Weights = append(f.Weights, Weight{Name: nm, Shape: shape, Trainable: true})
			}
			if c == all {
				f.Config = "no shared axes"
			} else if shared || c != all {
				f.Config = "shared_axes leave " + joinDims(shape)
			}
			if n == 1 {
				f.Derivation = D("one slope per value: {}", c)
				if c != all {
					f.Derivation = D("one slope per unshared position: {}", c)
				}
			} else {
				f.Derivation = Count(Mul(N(n, "arrays"), N(c)))
			}
			return f
		}
		if !ok {
			return okFit(mk(all))
		}
		for _, c := range cands {
			if n*c == p {
				return okFit(mk(c))
			}
		}
		near := make([]Fit, 0, len(cands))
		for _, c := range cands {
			near = append(near, mk(c))
		}
		return mismatch(o, "no "+class+" on "+ShapeString(x)+" has "+Num(p)+" weights: the count is the product of the unshared axes", near)
	}
}

// buildPReLU: alpha has the input's shape (batch aside) with each shared axis 1, so a shared
// axis may be of unknown size (None) and the count still known.
func buildPReLU(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || len(in[0]) < 2 {
		return nil, nil, errNoInput
	}
	shape := append([]int64{}, in[0][1:]...)
	if t, ok := cfg["shared_axes"].([]any); ok {
		for _, a := range TupleDims(t) {
			if a >= 1 && int(a) <= len(shape) {
				shape[a-1] = 1
			}
		}
	} else if a := cfg.intOr(0, "shared_axes"); a >= 1 && int(a) <= len(shape) {
		shape[a-1] = 1
	}
	for k, d := range shape {
		if d <= 0 {
			return nil, nil, errBad("axis " + Num(int64(k+1)) + " of the input " + ShapeString(in[0]) +
				" has no size, so alpha has none: PReLU needs it known or shared (shared_axes)")
		}
	}
	return []Dims{in[0]}, []Weight{{Name: "alpha", Shape: shape, Trainable: true}}, nil
}
