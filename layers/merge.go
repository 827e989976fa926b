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

// buildBroadcast is the element-wise merge (Merge._compute_elemwise_op_output_shape, the same
// from Keras 2 to Keras 3): the shapes without their batch axis, right-aligned, the longer one's
// leading axes kept; an axis unknown (None) in either is unknown, 1 takes the other's size, and
// two other sizes must agree. The batch is the one known batch size, else None.
func buildBroadcast(_ Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 {
		return nil, nil, errNoInput
	}
	var out Dims
	batch := int64(-1)
	for k, x := range in {
		if len(x) == 0 {
			return nil, nil, errNoInput
		}
		if x[0] >= 0 {
			if batch >= 0 && batch != x[0] {
				return nil, nil, errBad("the inputs have different batch sizes")
			}
			batch = x[0]
		}
		if k == 0 {
			out = append(Dims{}, x[1:]...)
			continue
		}
		a, b := out, x[1:]
		if len(a) < len(b) {
			a, b = b, a
		}
		res := append(Dims{}, a[:len(a)-len(b)]...)
		for i, j := range b {
			p := a[len(a)-len(b)+i]
			switch {
			case p < 0 || j < 0:
				res = append(res, -1)
			case p == 1:
				res = append(res, j)
			case j == 1 || p == j:
				res = append(res, p)
			default:
				return nil, nil, errBad("the inputs' shapes " + ShapeString(in[0]) + " and " + ShapeString(x) + " do not broadcast")
			}
		}
		out = res
	}
	return []Dims{append(Dims{batch}, out...)}, nil, nil
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
