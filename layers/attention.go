package layers

import "github.com/kexplain/kexplain/grammar"

// Attention layers: MultiHeadAttention, GroupedQueryAttention, Attention, AdditiveAttention and
// EinsumDense. Head counts and key sizes are not printed, so the entries solve for the products
// num_heads × key_dim that the count allows.

func init() {
	register(
		&Spec{Class: "MultiHeadAttention", Family: "attention", Explain: guard(explainMHA), Readings: readMHA,
			Teach: teachAttention("MultiHeadAttention", "4 projections: query, key and value (input width × heads × key_dim, + heads × key_dim bias each), output (heads × value_dim × output width + output width)",
				Say("each head projects the query, the key and the value to key_dim (value_dim) numbers; the output projection maps all heads back to the output width"),
				Say("the print shows only the widths: the count fixes num_heads × key_dim, not how it splits into heads"))},
		&Spec{Class: "GroupedQueryAttention", Aliases: []string{"GroupQueryAttention"}, Family: "attention", Explain: guard(explainGQA), Readings: readGQA,
			Teach: teachAttention("GroupedQueryAttention", "query (width × query heads × head_dim) + key and value (width × key/value heads × head_dim each) + output (query heads × head_dim × width), with their biases",
				Say("the key and value heads are shared by groups of query heads, so key and value are smaller than the query"),
				Say("the print shows only the widths: the count fixes heads × head_dim, not how it splits"))},
		&Spec{Class: "Attention", Family: "attention", Explain: guard(explainAttention)},
		&Spec{Class: "AdditiveAttention", Family: "attention", Explain: guard(explainAdditive)},
		&Spec{Class: "EinsumDense", Family: "attention", Explain: guard(explainEinsum)},
	)
}

// attnDims reads query, value and key widths (key defaults to value, value to query).
func attnDims(o *Obs) (dq, dv, dk int64) {
	dq = inShape(o, 0).Last()
	dv, dk = dq, -1
	if x := inShape(o, 1).Last(); x > 0 {
		dv = x
	}
	dk = dv
	if x := inShape(o, 2).Last(); x > 0 {
		dk = x
	}
	return
}

// solve2 finds a, b ≥ 1 with a·c1 + b·c2 = r, preferring a = b, then the smallest a; cond filters.
func solve2(r, c1, c2 int64, cond func(a, b int64) bool) (int64, int64, bool) {
	if r <= 0 || c1 <= 0 || c2 <= 0 {
		return 0, 0, false
	}
	if r%(c1+c2) == 0 {
		a := r / (c1 + c2)
		if cond == nil || cond(a, a) {
			return a, a, true
		}
	}
	for a := int64(1); a*c1 < r && a <= 1<<20; a++ {
		rest := r - a*c1
		if rest%c2 == 0 && (cond == nil || cond(a, rest/c2)) {
			return a, rest / c2, true
		}
	}
	return 0, 0, false
}

func explainMHA(o *Obs) Verdict {
	dq, dv, dk := attnDims(o)
	do := outShape(o).Last()
	p, ok := pcount(o)
	if dq <= 0 || do <= 0 || !ok {
		return unknown("the query width, output width or count is not shown")
	}
	type variant struct {
		bias, gate bool
	}
	for _, v := range []variant{{true, false}, {false, false}, {true, true}, {false, true}} {
		var c1, c2, r int64
		if v.bias {
			c1, c2, r = dq+dk+2, dv+do+1, p-do
			if v.gate {
				c2 += dq + 1
			}
		} else {
			c1, c2, r = dq+dk, dv+do, p
			if v.gate {
				c2 += dq
			}
		}
		a, b, found := solve2(r, c1, c2, nil)
		if !found {
			continue
		}
		f := Fit{Params: p}
		cfg := "num_heads × key_dim = " + Num(a)
		if a != b {
			cfg += ", num_heads × value_dim = " + Num(b)
		}
		if !v.bias {
			cfg += ", use_bias=False"
		}
		if v.gate {
			cfg += ", use_gate=True"
		}
		f.Config = cfg
		lab := func(name string, e Expr) Expr { e.Label = name; return e }
		switch {
		case v.bias && !v.gate:
			f.Derivation = Count(Add(lab("query", Add(Mul(N(dq), N(a)), N(a))), lab("key", Add(Mul(N(dk), N(a)), N(a))),
				lab("value", Add(Mul(N(dv), N(b)), N(b))), lab("output", Add(Mul(N(b), N(do)), N(do)))))
		case !v.bias && !v.gate:
			f.Derivation = Say("use_bias=False: ").Then("", Count(Add(lab("query", Mul(N(dq), N(a))), lab("key", Mul(N(dk), N(a))),
				lab("value", Mul(N(dv), N(b))), lab("output", Mul(N(b), N(do))))))
		default:
			f.Derivation = D("query, key, gate, value and output projections: {}", p)
		}
		f.Ambiguous = "any num_heads and key_dim with that product"
		return okFit(f)
	}
	return Verdict{Status: Mismatch, Message: "no MultiHeadAttention with query width " + Num(dq) + ", value width " + Num(dv) +
		" and output width " + Num(do) + " has " + Num(p) + " weights: no num_heads × key_dim solves the count"}
}

func explainGQA(o *Obs) Verdict {
	dq, dv, dk := attnDims(o)
	p, ok := pcount(o)
	if dq <= 0 || !ok {
		return unknown("the query width or count is not shown")
	}
	div := func(a, b int64) bool { return a%b == 0 }
	if a, b, found := solve2(p-dq, 2*dq+1, dk+dv+2, div); found {
		f := Fit{Params: p, Config: "num_query_heads × head_dim = " + Num(a) + ", num_key_value_heads × head_dim = " + Num(b),
			Derivation: Count(Add(Add(Mul(N(dq), N(a)), N(a)), Add(Mul(N(dk), N(b)), N(b)), Add(Mul(N(dv), N(b)), N(b)), Add(Mul(N(a), N(dq)), N(dq)))),
			Ambiguous:  "any heads and head_dim with those products"}
		return okFit(f)
	}
	if a, b, found := solve2(p, 2*dq, dk+dv, div); found {
		f := Fit{Params: p, Config: "num_query_heads × head_dim = " + Num(a) + ", num_key_value_heads × head_dim = " + Num(b) + ", use_bias=False",
			Derivation: Say("use_bias=False: ").Then("", Count(Add(Mul(N(dq), N(a)), Mul(N(dk), N(b)), Mul(N(dv), N(b)), Mul(N(a), N(dq)))))}
		return okFit(f)
	}
	return Verdict{Status: Mismatch, Message: "no GroupedQueryAttention on query width " + Num(dq) + " has " + Num(p) + " weights"}
}

// attentionLesson: dot-product attention compares query and key directly, with no projection.
var attentionLesson = &Lesson{Key: "Attention", Formula: "0, + 1 scale with use_scale=True, + 1 with score_mode='concat'",
	Why: []Deriv{Say("Attention scores each query against each key by a dot product: no projection, so no weights by default; use_scale=True learns one scalar that multiplies the scores, and Keras 3's score_mode='concat' one more")}}

func explainAttention(o *Obs) Verdict {
	mk := func(n int64) Fit {
		f := Fit{Params: n, Lesson: attentionLesson}
		switch n {
		case 0:
			f.Config, f.Derivation = "use_scale=False, score_mode='dot'", Say("no weights (use_scale=False, the default)")
		case 1:
			f.Config, f.Derivation = "use_scale=True or score_mode='concat'", D("use_scale=True: one learned scale for the scores, {}", 1)
			f.Weights = []Weight{{Name: "scale", Shape: []int64{}, Trainable: true}}
			if o.Format == grammar.Keras3 {
				f.Ambiguous = "or score_mode='concat' with use_scale=False: one concat_score_weight"
			}
		default:
			f.Config, f.Derivation = "use_scale=True, score_mode='concat'", Count(Add(N(1, "scale"), N(1, "concat_score_weight")))
			f.Weights = []Weight{{Name: "scale", Shape: []int64{}, Trainable: true}, {Name: "concat_score_weight", Shape: []int64{}, Trainable: true}}
		}
		return f
	}
	return judge(o, "an Attention layer holds at most 2 scalars, not "+numOr(o), mk(0), mk(1), mk(2))
}

// additiveLesson: additive (Bahdanau) attention scores tanh(query + key) against a learned scale.
var additiveLesson = &Lesson{Key: "AdditiveAttention", Formula: "features (the scale vector), 0 with use_scale=False",
	Why: []Deriv{Say("AdditiveAttention scores each query and key pair as the sum of tanh(query + key) over the features, each feature weighted by a learned scale (use_scale=True, the default); with use_scale=False it holds no weights")}}

func explainAdditive(o *Obs) Verdict {
	var fits []Fit
	fits = append(fits, Fit{Params: 0, Config: "use_scale=False", Derivation: Say("no weights: use_scale=False (the default True would add one scale per feature)"), Lesson: additiveLesson})
	seen := map[int64]bool{}
	for _, d := range []int64{inShape(o, 0).Last(), inShape(o, 1).Last(), inShape(o, 2).Last(), outShape(o).Last()} {
		if d > 0 && !seen[d] {
			seen[d] = true
			fits = append(fits, Fit{Params: d, Config: "use_scale=True", Weights: []Weight{{Name: "scale", Shape: []int64{d}, Trainable: true}},
				Derivation: D("one learned scale per feature (use_scale=True, the default): {}", d), Lesson: additiveLesson})
		}
	}
	if len(fits) == 1 {
		if p, ok := pcount(o); ok && p != 0 {
			return unknown("the query width is not shown")
		}
		return okFit(fits[0])
	}
	if o.Params == nil {
		return okFit(fits[1])
	}
	return judge(o, "an AdditiveAttention layer holds one scale per feature or nothing, not "+numOr(o), fits...)
}

// explainEinsum: the equation is not printed; a Dense-like projection of the last axis is checked,
// anything else is left unknown.
func explainEinsum(o *Obs) Verdict {
	d := inShape(o, 0).Last()
	u := outShape(o).Last()
	p, ok := pcount(o)
	if d <= 0 || u <= 0 || !ok {
		return unknown("the equation is not shown")
	}
	for _, bias := range []bool{true, false} {
		f := denseFit(d, u, bias)
		if f.Params == p {
			f.Config = "a last-axis projection like \"abc,cd->abd\""
			if bias {
				f.Config += ", bias_axes on the output axis"
			}
			f.Assumed = "the equation is not printed; read as a projection of the last axis, like \"ab,bc->ac\""
			if bias {
				f.Assumed += " with bias_axes=\"c\""
			}
			f.Lesson = &Lesson{Key: "EinsumDense", Formula: "the kernel's axes multiplied (+ the bias axes)",
				Why: []Deriv{Say("EinsumDense is a Dense written as an einsum equation: its kernel has one axis per letter shared by the input and the output, and a bias only on the axes bias_axes names (none by default)")}}
			return okFit(f)
		}
	}
	return unknown("the equation is not shown, and no last-axis projection gives this count")
}
