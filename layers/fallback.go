package layers

// Readings for rows whose inputs the table does not show (a cut or ambiguous Connected to, the
// first row of a Sequential) for layers whose entries need them: the most common configuration
// that gives the printed count, said to be one reading. They never make a row a mismatch.

// FallbackFit gives such a reading, or nil.
func FallbackFit(class string, o *Obs) *Fit {
	if o.Params == nil || o.Out == nil || o.Out.Last() <= 0 {
		return nil
	}
	p, d := *o.Params, o.Out.Last()
	switch class {
	case "MultiHeadAttention":
		return mhaSelfReading(p, d)
	case "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D":
		return convLSTMReading(class, p, d)
	}
	return nil
}

// mhaSelfReading reads a MultiHeadAttention count as self-attention on a D-wide input (query, key
// and value all D wide, value_dim = key_dim, output D): 4·D·(H·k) + 3·(H·k) + D, biases included.
func mhaSelfReading(p, d int64) *Fit {
	for _, bias := range []bool{true, false} {
		num, den := p, 4*d
		if bias {
			num, den = p-d, 4*d+3
		}
		if num <= 0 || num%den != 0 {
			continue
		}
		hk := num / den
		f := Fit{Params: p, Config: "self-attention on " + Num(d) + "-wide inputs, num_heads × key_dim = " + Num(hk),
			Ambiguous: "the inputs are not shown: read as self-attention; num_heads × key_dim = " + Num(hk) + " (e.g. 2 × " + Num(hk/2) + " or 4 × " + Num(hk/4) + ")"}
		if bias {
			f.Derivation = Count(Add(Mul(N(3, "projections"), Add(Mul(N(d), N(hk)), N(hk))), Mul(N(hk), N(d)), N(d)))
		} else {
			f.Derivation = Say("use_bias=False: ").Then("", Count(Add(Mul(N(3, "projections"), N(d), N(hk)), Mul(N(hk), N(d)))))
		}
		return &f
	}
	return nil
}

// convLSTMReading reads a ConvLSTM count 4·f·(K·C + K·f + 1) with the input channels C not shown,
// preferring a square (cubic) kernel.
func convLSTMReading(class string, p, f int64) *Fit {
	if p%(4*f) != 0 {
		return nil
	}
	q := p/(4*f) - 1 // K·(C + f)
	areas := map[string][]int64{"ConvLSTM1D": {3, 5, 1, 7}, "ConvLSTM2D": {9, 25, 1, 49}, "ConvLSTM3D": {27, 125, 1}}[class]
	for _, k := range areas {
		if q%k == 0 && q/k > f {
			c := q/k - f
			fit := Fit{Params: p, Config: "kernel area " + Num(k) + ", " + Num(c) + " input channels (not shown)",
				Derivation: Count(Mul(N(4, "gates"), N(f, "filters"), Add(Mul(N(k, "kernel area"), N(c, "channels")), Mul(N(k, "kernel area"), N(f, "filters")), N(1, "bias")))),
				Ambiguous:  "the input is not shown: one reading of kernel area × (channels + filters) = " + Num(q)}
			return &fit
		}
	}
	return nil
}
