package layers

// Pooling layers: max / average pooling 1D–3D (Keras 1 and short aliases), global pooling and the
// Keras 3 adaptive pooling. None holds weights; the entries explain the output lengths.

func init() {
	pool := func(class string, rank int, aliases ...string) *Spec {
		return &Spec{Class: class, Aliases: aliases, Family: "pooling", Weightless: true,
			Explain: weightless(poolNote(rank)), Build: buildPool(rank)}
	}
	global := func(class string, rank int, aliases ...string) *Spec {
		return &Spec{Class: class, Aliases: aliases, Family: "pooling", Weightless: true,
			Explain: weightless(globalNote), Build: buildGlobalPool(rank)}
	}
	register(
		pool("MaxPooling1D", 1, "MaxPool1D"), pool("MaxPooling2D", 2, "MaxPool2D"), pool("MaxPooling3D", 3, "MaxPool3D"),
		pool("AveragePooling1D", 1, "AvgPool1D"), pool("AveragePooling2D", 2, "AvgPool2D"), pool("AveragePooling3D", 3, "AvgPool3D"),
		global("GlobalMaxPooling1D", 1, "GlobalMaxPool1D"), global("GlobalMaxPooling2D", 2, "GlobalMaxPool2D"),
		global("GlobalMaxPooling3D", 3, "GlobalMaxPool3D"),
		global("GlobalAveragePooling1D", 1, "GlobalAvgPool1D"), global("GlobalAveragePooling2D", 2, "GlobalAvgPool2D"),
		global("GlobalAveragePooling3D", 3, "GlobalAvgPool3D"),
		pool("AdaptiveMaxPooling1D", 1), pool("AdaptiveMaxPooling2D", 2), pool("AdaptiveMaxPooling3D", 3),
		pool("AdaptiveAveragePooling1D", 1), pool("AdaptiveAveragePooling2D", 2), pool("AdaptiveAveragePooling3D", 3),
	)
}

// spatialAxes gives the spatial lengths of input and output of a rank-r channel-preserving layer,
// reading the channel axis where it is unchanged (last, else first).
func spatialAxes(o *Obs, rank int) (in, out []int64) {
	x, y := inShape(o, 0), outShape(o)
	if len(x) != rank+2 || len(y) != rank+2 {
		return nil, nil
	}
	if x.Last() == y.Last() || x[1] != y[1] {
		return x[1 : rank+1], y[1 : rank+1]
	}
	return x[2:], y[2:]
}

// poolAxis finds the pool size, stride and padding that take L to Lo: valid pooling with the
// default stride (the pool size) first, then same padding, then valid with another stride.
func poolAxis(L, Lo int64) (axisRule, bool) {
	r := axisRule{L: L, Lo: Lo, k: 1, s: 1, d: 1, pad: "valid", op: -1}
	if L <= 0 || Lo <= 0 {
		return r, false
	}
	if L == Lo {
		r.pad = "same"
		return r, true
	}
	for p := int64(2); p <= 8 && p <= L; p++ {
		if (L-p)/p+1 == Lo {
			r.k, r.s = p, p
			return r, true
		}
	}
	for s := int64(2); s <= 8; s++ {
		if (L+s-1)/s == Lo {
			r.k, r.s, r.pad = s, s, "same"
			return r, true
		}
	}
	for p := int64(2); p <= 8 && p <= L; p++ {
		for s := int64(1); s < p; s++ {
			if (L-p)/s+1 == Lo {
				r.k, r.s = p, s
				return r, true
			}
		}
	}
	return r, false
}

func poolNote(rank int) func(o *Obs) Deriv {
	return func(o *Obs) Deriv {
		in, out := spatialAxes(o, rank)
		if in == nil {
			return nil
		}
		rs := make([]axisRule, len(in))
		same, valid := false, false // a pooling pads all its axes alike
		for i := range in {
			r, ok := poolAxis(in[i], out[i])
			if !ok {
				return nil
			}
			rs[i] = r
			same = same || r.pad == "same" && r.L != r.Lo
			valid = valid || r.pad == "valid" && r.L != r.Lo
		}
		for i, r := range rs {
			switch {
			case r.L == r.Lo && valid && !same:
				rs[i].pad = "valid" // a pool of 1 keeps the axis with valid padding too
			case r.L != r.Lo && same && r.pad == "valid":
				if r.k != r.s || (r.L+r.s-1)/r.s != r.Lo {
					return nil // no one padding explains every axis
				}
				rs[i].pad = "same"
			}
		}
		return spatialShape(rs, false, true)
	}
}

func globalNote(o *Obs) Deriv {
	out := outShape(o)
	c := out.Last()
	if c <= 0 {
		return nil
	}
	if len(out) == 3 {
		return D("one value per channel ({}); keepdims=True keeps the pooled axis as 1", c)
	}
	if len(out) > 3 {
		return D("one value per channel ({}); keepdims=True keeps the pooled axes as 1", c)
	}
	return D("one value per channel: every position pooled away, {} left", c)
}

func buildPool(rank int) func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	return func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
		if len(in) == 0 || len(in[0]) != rank+2 {
			return nil, nil, errNoInput
		}
		x := in[0]
		if os := cfg.ints(rank, -1, "output_size"); os[0] > 0 {
			out := append(Dims{x[0]}, os...)
			return []Dims{append(out, x.Last())}, nil, nil
		}
		ps := cfg.ints(rank, 2, "pool_size", "pool_length")
		st := ps
		if _, ok := cfg.first("strides", "stride"); ok {
			st = cfg.ints(rank, 1, "strides", "stride")
		}
		pad := cfg.str("valid", "padding", "border_mode")
		first := cfg.str("", "data_format") == "channels_first" || cfg.str("", "dim_ordering") == "th"
		out := append(Dims{}, x...)
		off := 1
		if first {
			off = 2
		}
		for i := 0; i < rank; i++ {
			out[off+i] = convLen(x[off+i], ps[i], st[i], 1, pad, false, -1)
		}
		return []Dims{out}, nil, nil
	}
}

func buildGlobalPool(rank int) func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	return func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
		if len(in) == 0 || len(in[0]) != rank+2 {
			return nil, nil, errNoInput
		}
		x := in[0]
		first := cfg.str("", "data_format") == "channels_first"
		c := x.Last()
		if first {
			c = x[1]
		}
		if cfg.boolOr(false, "keepdims") {
			out := make(Dims, rank+2)
			for i := range out {
				out[i] = 1
			}
			out[0] = x[0]
			if first {
				out[1] = c
			} else {
				out[rank+1] = c
			}
			return []Dims{out}, nil, nil
		}
		return []Dims{{x[0], c}}, nil, nil
	}
}
