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

// poolRule finds the pool size and stride that take L to Lo: valid pooling with the default
// stride first, then same padding, then valid with another stride.
func poolRule(L, Lo int64) (Deriv, string) {
	if L <= 0 || Lo <= 0 {
		return nil, ""
	}
	if L == Lo {
		return D("{} kept", L), "length " + itoa(L) + " kept (pool 1, or padding same with stride 1)"
	}
	for p := int64(2); p <= 8 && p <= L; p++ {
		if (L-p)/p+1 == Lo {
			return D("⌊({} − {}) / {}⌋ + 1 = {}", L, p, p, Lo),
				"valid pooling floors: ⌊(" + itoa(L) + " − " + itoa(p) + ") / " + itoa(p) + "⌋ + 1 = " + itoa(Lo) + " (pool " + itoa(p) + ")"
		}
	}
	for s := int64(2); s <= 8; s++ {
		if (L+s-1)/s == Lo {
			return D("⌈{} / {}⌉ = {}", L, s, Lo), "padding same: ⌈" + itoa(L) + " / " + itoa(s) + "⌉ = " + itoa(Lo)
		}
	}
	for p := int64(2); p <= 8 && p <= L; p++ {
		for s := int64(1); s < p; s++ {
			if (L-p)/s+1 == Lo {
				return D("⌊({} − {}) / {}⌋ + 1 = {}", L, p, s, Lo),
					"valid: ⌊(" + itoa(L) + " − " + itoa(p) + ") / " + itoa(s) + "⌋ + 1 = " + itoa(Lo) + " (pool " + itoa(p) + ", strides " + itoa(s) + ")"
			}
		}
	}
	return D("{} → {}", L, Lo), ""
}

func poolNote(rank int) func(o *Obs) (Deriv, string) {
	return func(o *Obs) (Deriv, string) {
		in, out := spatialAxes(o, rank)
		if in == nil {
			return nil, ""
		}
		var d Deriv
		var notes []string
		for i := range in {
			if i > 0 && in[i] == in[i-1] && out[i] == out[i-1] {
				continue
			}
			di, n := poolRule(in[i], out[i])
			d = d.Then(", ", di)
			if n != "" {
				notes = append(notes, n)
			}
		}
		s := ""
		for i, n := range notes {
			if i > 0 {
				s += "; "
			}
			s += n
		}
		return d, s
	}
}

func globalNote(o *Obs) (Deriv, string) {
	out := outShape(o)
	c := out.Last()
	if c <= 0 {
		return nil, ""
	}
	return D("one value per channel: {}", c), "pools every spatial position away, one value per channel"
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
