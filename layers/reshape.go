package layers

import "strings"

// Reshaping layers: Flatten, Reshape, Permute, RepeatVector, UpSampling, ZeroPadding, Cropping.
// None holds weights; Flatten and Reshape also check that the values add up.

func init() {
	w := func(class string, note func(o *Obs) Deriv, b func(Config, []Dims) ([]Dims, []Weight, error), aliases ...string) *Spec {
		return &Spec{Class: class, Aliases: aliases, Family: "reshaping", Weightless: true, Explain: weightless(note), Build: b}
	}
	register(
		&Spec{Class: "Flatten", Family: "reshaping", Weightless: true, Explain: explainFlatten, Build: buildFlatten},
		&Spec{Class: "Reshape", Family: "reshaping", Weightless: true, Explain: explainReshape, Build: buildReshape},
		w("Permute", nil, buildPermute),
		w("RepeatVector", repeatNote, buildRepeat),
		w("UpSampling1D", resizeNote("×"), nil), w("UpSampling2D", resizeNote("×"), nil), w("UpSampling3D", resizeNote("×"), nil),
		w("ZeroPadding1D", resizeNote("+"), nil), w("ZeroPadding2D", resizeNote("+"), nil), w("ZeroPadding3D", resizeNote("+"), nil),
		w("Cropping1D", resizeNote("−"), nil), w("Cropping2D", resizeNote("−"), nil), w("Cropping3D", resizeNote("−"), nil),
	)
}

func explainFlatten(o *Obs) Verdict {
	in, out := inShape(o, 0), outShape(o)
	v := weightless(nil)(o)
	if !known(in) {
		return v
	}
	n := prod(in[1:])
	var d Deriv
	if len(in) == 2 {
		d = D("{} values, already flat", n)
	} else {
		var fs []Expr
		for _, x := range in[1:] {
			fs = append(fs, N(x))
		}
		d = Equation(Mul(fs...), N(n, "values"))
	}
	f := Fit{Params: 0, Derivation: Say("no weights"), Config: "no weights", Shape: d}
	v.Fit = &f
	v.Shape = d
	if len(out) == 2 && out[1] > 0 && out[1] != n && v.Status == OK {
		return Verdict{Status: Mismatch, Fit: &f, Nearest: []Fit{f}, Shape: d,
			Message: "Flatten of " + ShapeString(in) + " gives " + Num(n) + " values, not " + Num(out[1])}
	}
	return v
}

func explainReshape(o *Obs) Verdict {
	in, out := inShape(o, 0), outShape(o)
	v := weightless(nil)(o)
	if !known(in) || !known(out) {
		return v
	}
	a, b := prod(in[1:]), prod(out[1:])
	f := Fit{Params: 0, Derivation: Say("no weights"), Config: "no weights", Shape: D("the same {} values rearranged", a)}
	v.Fit = &f
	v.Shape = f.Shape
	if a != b && v.Status == OK {
		return Verdict{Status: Mismatch, Fit: &f, Nearest: []Fit{f},
			Message: "Reshape cannot take " + ShapeString(in) + " (" + Num(a) + " values) to " + ShapeString(out) + " (" + Num(b) + " values)"}
	}
	return v
}

func repeatNote(o *Obs) Deriv {
	out := outShape(o)
	if len(out) == 3 && out[1] > 0 {
		return D("{} copies of the input", out[1])
	}
	return nil
}

// resizeNote explains the spatial axes in one line, axes with the same change merged: "28 × 28:
// 14 × 2 = 28 on each side", "12 × 16: 4 × 3 = 12; 8 × 2 = 16", "14 × 14: 11 + 3 = 14 on each
// side", "95: 100 − 5 = 95".
func resizeNote(op string) func(o *Obs) Deriv {
	return func(o *Obs) Deriv {
		in, out := inShape(o, 0), outShape(o)
		if len(in) != len(out) || len(in) < 3 {
			return nil
		}
		axis := func(L, Lo int64) (Deriv, bool) {
			switch {
			case L == Lo:
				return D("{} kept", L), true
			case op == "×" && Lo%L == 0:
				return Equation(Mul(N(L), N(Lo/L)), N(Lo)), true
			case op == "+" && Lo > L:
				return Equation(Add(N(L), N(Lo-L)), N(Lo)), true
			case op == "−" && Lo < L:
				return Equation(Sub(N(L), N(L-Lo)), N(Lo)), true
			}
			return nil, false
		}
		spatial := len(in) - 2 // channels last: the axes between the batch and the channels
		if in[len(in)-1] != out[len(out)-1] {
			spatial = len(in) - 1 // the channels changed: every axis is said
		}
		var outs []int64
		same, changed := true, false
		for i := 1; i <= spatial; i++ {
			if in[i] <= 0 || out[i] <= 0 {
				return nil
			}
			outs = append(outs, out[i])
			same = same && in[i] == in[1] && out[i] == out[1]
			changed = changed || in[i] != out[i]
		}
		if !changed {
			return nil
		}
		head := D(strings.Repeat("{} × ", len(outs)-1)+"{}: ", outs...)
		if same {
			eq, ok := axis(in[1], out[1])
			if !ok {
				return nil
			}
			if len(outs) == 1 {
				return eq
			}
			return head.Then("", eq).Then("", Say(" on each side"))
		}
		d := head
		for i := 1; i <= spatial; i++ {
			eq, ok := axis(in[i], out[i])
			if !ok {
				return nil
			}
			sep := "; "
			if i == 1 {
				sep = ""
			}
			d = d.Then(sep, eq)
		}
		return d
	}
}

func buildFlatten(_ Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0] == nil {
		return nil, nil, errNoInput
	}
	n := int64(1)
	for _, x := range in[0][1:] {
		if x < 0 {
			n = -1
			break
		}
		n *= x
	}
	return []Dims{{in[0][0], n}}, nil, nil
}

func buildReshape(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	t, ok := cfg["target_shape"].([]any)
	if !ok {
		return nil, nil, errMissing("target_shape")
	}
	d := TupleDims(t)
	if len(in) > 0 && known(in[0]) {
		total := prod(in[0][1:])
		k, at := int64(1), -1
		for i, x := range d {
			if x < 0 {
				at = i
			} else {
				k *= x
			}
		}
		if at >= 0 && k > 0 {
			d[at] = total / k
		}
	}
	b := int64(-1)
	if len(in) > 0 && in[0] != nil {
		b = in[0][0]
	}
	return []Dims{append(Dims{b}, d...)}, nil, nil
}

func buildPermute(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0] == nil {
		return nil, nil, errNoInput
	}
	t, ok := cfg["dims"].([]any)
	if !ok {
		return nil, nil, errMissing("dims")
	}
	ds := TupleDims(t)
	out := Dims{in[0][0]}
	for _, a := range ds {
		if a < 1 || int(a) >= len(in[0]) {
			return nil, nil, errMissing("valid dims")
		}
		out = append(out, in[0][a])
	}
	return []Dims{out}, nil, nil
}

func buildRepeat(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || len(in[0]) != 2 {
		return nil, nil, errNoInput
	}
	n := cfg.intOr(-1, "n")
	return []Dims{{in[0][0], n, in[0][1]}}, nil, nil
}
