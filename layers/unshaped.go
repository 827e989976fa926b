package layers

// Rows whose shapes the summary does not show ("multiple", "?": subclassed models, models built
// without an input shape). The count alone cannot be checked against the layer's arguments, but
// it can be read: these functions find a configuration that gives the count, preferring round
// numbers and the width the row before it was read with, and say that it is one reading of many.

// UnshapedFit gives a reading of a count for a row without shapes, or nil when the class has no
// such reading here. prevWidth is the output width read for the row before (0 when unknown).
func UnshapedFit(class string, p, prevWidth int64) *Fit {
	if p <= 0 {
		return nil
	}
	switch class {
	case "Dense":
		return denseReading(p, prevWidth)
	case "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D":
		return convReading(class, p, prevWidth)
	case "LSTM", "GRU", "SimpleRNN":
		return rnnReading(class, p, prevWidth)
	case "Embedding":
		return &Fit{Params: p, Config: "vocabulary × embedding size",
			Derivation: D("vocabulary × embedding size: {} (the shapes are not shown)", p)}
	}
	return nil
}

// maxReadingFactor bounds the widths tried when a count is read without shapes: a hostile count
// of 19 digits must not cost billions of steps (and no layer is wider).
const maxReadingFactor = 1 << 20

// roundness scores how likely a width is in real code: powers of two, then multiples of 10.
func roundness(n int64) int {
	switch {
	case n < 2:
		return 3
	case isPow2(n):
		return 0
	case n%10 == 0 || n < 10:
		return 1
	}
	return 2
}

func denseReading(p, prev int64) *Fit {
	pick := func(u, d int64) *Fit {
		f := denseFit(d, u, true)
		f.Derivation = Say("the shapes are not shown; one reading: ").Then("", Count(Add(Mul(N(d, "inputs"), N(u, "units")), N(u, "biases"))))
		f.Ambiguous = "any units × (inputs + 1) = " + Num(p) + " fits"
		return &f
	}
	if prev > 0 && p%(prev+1) == 0 {
		return pick(p/(prev+1), prev)
	}
	best, bestScore := int64(0), 1<<30
	for u := int64(1); u <= maxReadingFactor && u <= p/u*4 && u <= p; u++ {
		if p%u != 0 {
			continue
		}
		for _, uu := range []int64{u, p / u} {
			d := p/uu - 1
			if d < 1 {
				continue
			}
			sc := roundness(d)*2 + roundness(uu)*2
			if uu > 4096 {
				sc += 5
			}
			if sc < bestScore || sc == bestScore && uu > best {
				best, bestScore = uu, sc
			}
		}
	}
	if best == 0 {
		return nil
	}
	return pick(best, p/best-1)
}

func convReading(class string, p, prev int64) *Fit {
	areas := []int64{9, 1, 25, 49, 3, 5, 27}
	if class == "Conv1D" || class == "Convolution1D" {
		areas = []int64{3, 5, 7, 1, 2}
	}
	var best *Fit
	bestScore := 1 << 30
	for fi, f := range []int64{64, 32, 128, 16, 256, 8, 512, 4, 1024, 2, 1} {
		if p%f != 0 {
			continue
		}
		kc := p/f - 1
		for ki, k := range areas {
			if kc < k || kc%k != 0 || (prev > 0 && kc/k != prev) {
				continue
			}
			if sc := ki*20 + fi + roundness(kc/k)*5; sc < bestScore {
				bestScore = sc
				best = &Fit{Params: p, Config: "one reading of many",
					Derivation: Say("the shapes are not shown; one reading: ").Then("", Count(Mul(N(f, "filters"), Add(Mul(N(k, "kernel area"), N(kc/k, "channels")), N(1, "bias"))))),
					Ambiguous:  "any filters × (kernel area × channels + 1) = " + Num(p) + " fits"}
			}
		}
	}
	return best
}

func rnnReading(class string, p, prev int64) *Fit {
	gates := map[string]int64{"LSTM": 4, "GRU": 3, "SimpleRNN": 1}[class]
	biases := []int64{1}
	if class == "GRU" {
		biases = []int64{2, 1}
	}
	if p%gates != 0 {
		return nil
	}
	q := p / gates
	for _, b := range biases {
		for u := int64(1); u <= maxReadingFactor && u <= q/u; u++ {
			if q%u != 0 {
				continue
			}
			d := q/u - u - b
			if d < 1 || prev > 0 && d != prev {
				continue
			}
			if roundness(u) > 1 && u > 8 {
				continue
			}
			fit := Fit{Params: p, Config: "one reading of many",
				Derivation: Say("the shapes are not shown; one reading: ").Then("", Count(Mul(N(gates, "gates"), N(u, "units"), Add(N(d, "inputs"), N(u, "recurrent"), N(b, "bias")))))}
			return &fit
		}
	}
	return nil
}
