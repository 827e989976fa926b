package layers

// Merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot and the
// Keras 1 Merge. None holds weights.

func init() {
	m := func(class string, note func(o *Obs) Deriv, b func(Config, []Dims) ([]Dims, []Weight, error)) *Spec {
		return &Spec{Class: class, Family: "merging", Weightless: true, Explain: weightless(note), Build: b}
	}
	register(
		m("Add", nil, buildBroadcast), m("Subtract", nil, buildBroadcast), m("Multiply", nil, buildBroadcast),
		m("Average", nil, buildBroadcast), m("Maximum", nil, buildBroadcast), m("Minimum", nil, buildBroadcast),
		m("Concatenate", concatNote, buildConcat), m("Dot", nil, nil), m("Merge", concatNote, nil),
	)
}

// concatNote sums the last axes when the inputs and the output agree on it.
func concatNote(o *Obs) Deriv {
	out := outShape(o)
	if len(o.In) < 2 || out.Last() <= 0 {
		return nil
	}
	var parts []Expr
	var sum int64
	for _, x := range o.In {
		if x.Last() <= 0 {
			return nil
		}
		parts = append(parts, N(x.Last()))
		sum += x.Last()
	}
	if sum != out.Last() {
		return nil
	}
	return Equation(Add(parts...), N(sum)).Then("", Say(" (the inputs' last axes joined)"))
}

// buildBroadcast is the element-wise merge: the common shape, right-aligned, 1 broadcast.
func buildBroadcast(_ Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0] == nil {
		return nil, nil, errNoInput
	}
	out := append(Dims{}, in[0]...)
	for _, x := range in[1:] {
		if x == nil {
			return nil, nil, errNoInput
		}
		if len(x) > len(out) {
			out = append(append(Dims{}, x[:len(x)-len(out)]...), out...)
		}
		for i := 1; i <= len(x) && i < len(out); i++ {
			a, b := out[len(out)-i], x[len(x)-i]
			switch {
			case a == 1:
				out[len(out)-i] = b
			case b == 1:
			case a < 0 || b < 0:
				out[len(out)-i] = -1
			}
		}
	}
	return []Dims{out}, nil, nil
}

func buildConcat(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0] == nil {
		return nil, nil, errNoInput
	}
	ax := int(cfg.intOr(-1, "axis", "concat_axis"))
	out := append(Dims{}, in[0]...)
	if ax < 0 {
		ax += len(out)
	}
	if ax <= 0 || ax >= len(out) {
		return nil, nil, errMissing("valid axis")
	}
	for _, x := range in[1:] {
		if len(x) != len(out) {
			return nil, nil, errNoInput
		}
		if out[ax] < 0 || x[ax] < 0 {
			out[ax] = -1
		} else {
			out[ax] += x[ax]
		}
	}
	return []Dims{out}, nil, nil
}
