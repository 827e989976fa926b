package layers

import "strings"

// Readings and teaching of MultiHeadAttention and GroupedQueryAttention. A print shows the
// widths of query, value and key and the count, which fix num_heads × key_dim (and × value_dim);
// how the product splits into heads and head size is read with the priors on both.

// attnInputs are the query, value and key shapes a row reads: shown, or self-attention on an
// input as wide as the output when the print hides them.
func attnInputs(o *Obs) (ins []Dims, dq, dv, dk int64, hidden bool) {
	if o.InKnown(0) && inShape(o, 0).Last() > 0 {
		for _, d := range o.In {
			if d == nil || d.Last() <= 0 {
				return nil, 0, 0, 0, false
			}
		}
		dq, dv, dk = attnDims(o)
		return o.In, dq, dv, dk, false
	}
	out := outShape(o)
	if out.Last() <= 0 || len(out) < 3 {
		return nil, 0, 0, 0, false
	}
	x := append(Dims{}, out...)
	return []Dims{x}, x.Last(), x.Last(), x.Last(), true
}

func readMHA(o *Obs) []Reading {
	p, ok := pcount(o)
	ins, dq, dv, dk, hidden := attnInputs(o)
	out := outShape(o)
	if !ok || ins == nil || out.Last() <= 0 {
		return nil
	}
	do := out.Last()
	var rs []Reading
	for _, bias := range []bool{true, false} {
		// count = a·(dq + dk) + b·(dv + do) [+ 2a + b + do with biases], a = heads × key_dim,
		// b = heads × value_dim
		c1, c2, r := dq+dk, dv+do, p
		cost := 0
		if bias {
			c1, c2, r = dq+dk+2, dv+do+1, p-do
		} else {
			cost += costNoBias
		}
		if r <= 0 {
			continue
		}
		n := 0
		for a := int64(1); a*c1 < r && n < 64; a++ {
			rest := r - a*c1
			if rest%c2 != 0 {
				continue
			}
			b := rest / c2
			n++
			for _, h := range divisors(gcd(a, b), 64) {
				kd, vd := a/h, b/h
				c := cost + headCost(h) + headDimCost(kd)
				if vd != kd {
					c += costNonDefault + headDimCost(vd)
				}
				if do != dq {
					c += costNonDefault
				}
				rs = append(rs, Reading{In: ins, Hidden: hidden, Cost: c, Fill: func(r *Reading) {
					cfg := cfgOf("num_heads", h, "key_dim", kd, "use_bias", bias)
					words := []string{"num_heads=" + itoa(h), "key_dim=" + itoa(kd)}
					if vd != kd {
						cfg["value_dim"] = vd
						words = append(words, "value_dim="+itoa(vd))
					}
					if do != dq {
						cfg["output_shape"] = do
						words = append(words, "output_shape="+itoa(do))
					}
					if !bias {
						words = append(words, "use_bias=False")
					}
					if hidden {
						words = append(words, "self-attention on "+itoa(dq)+"-wide inputs")
					}
					r.Layer = Layer{Class: "MultiHeadAttention", Config: cfg, Version: VersionOf(o.Format)}
					r.Assumed = words
				}})
			}
		}
	}
	return rs
}

// projection is one projection's count: kernel (+ bias), labelled.
func projection(name string, ws ...Weight) Expr {
	var terms []Expr
	for _, w := range ws {
		var f []Expr
		for _, d := range w.Shape {
			f = append(f, N(d))
		}
		if len(f) == 1 {
			terms = append(terms, f[0])
		} else {
			terms = append(terms, Mul(f...))
		}
	}
	e := terms[0]
	if len(terms) > 1 {
		e = Add(terms...)
	}
	e.Label = name
	return e
}

// teachAttention adds the four projections, each with its shape: query, key, value, output.
func teachAttention(key, formula string, why ...Deriv) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		ws := b.Weights
		per := len(ws) / 4
		if per == 0 || len(ws)%4 != 0 {
			return Teaching{Count: weightSum(ws)}
		}
		names := []string{"query", "key", "value", "output"}
		var parts []Expr
		for i, n := range names {
			parts = append(parts, projection(n, ws[i*per:(i+1)*per]...))
		}
		t := Teaching{Count: Count(Add(parts...))}
		var shapes []string
		for i, n := range names {
			var arr []string
			for _, w := range ws[i*per : (i+1)*per] {
				arr = append(arr, ShapeString(w.Shape))
			}
			shapes = append(shapes, n+" "+strings.Join(arr, " + "))
		}
		t.Shape = Say("weights " + strings.Join(shapes, ", ") + " (input width × heads × head size; output: heads × head size × output width)")
		t.Lesson = &Lesson{Key: key, Formula: formula, Why: why}
		return t
	}
}

func readGQA(o *Obs) []Reading {
	p, ok := pcount(o)
	ins, dq, dv, dk, hidden := attnInputs(o)
	if !ok || ins == nil {
		return nil
	}
	var rs []Reading
	for _, bias := range []bool{true, false} {
		// count = a·(2·dq + 1) + b·(dk + dv + 2) + dq with biases, a·2·dq + b·(dk + dv) without;
		// a = query heads × head_dim, b = key/value heads × head_dim
		c1, c2, r := 2*dq, dk+dv, p
		cost := 0
		if bias {
			c1, c2, r = 2*dq+1, dk+dv+2, p-dq
		} else {
			cost += costNoBias
		}
		if r <= 0 {
			continue
		}
		for a := int64(1); a*c1 < r; a++ {
			rest := r - a*c1
			if rest%c2 != 0 {
				continue
			}
			b := rest / c2
			if a%b != 0 {
				continue
			}
			for _, h := range divisors(b, 512) {
				hq, hkv := a/h, b/h
				cfg := cfgOf("head_dim", h, "num_query_heads", hq, "num_key_value_heads", hkv, "use_bias", bias)
				words := []string{"num_query_heads=" + itoa(hq), "num_key_value_heads=" + itoa(hkv), "head_dim=" + itoa(h)}
				if !bias {
					words = append(words, "use_bias=False")
				}
				rs = append(rs, Reading{Layer: Layer{Class: "GroupedQueryAttention", Config: cfg, Version: VersionOf(o.Format)},
					In: ins, Hidden: hidden, Cost: cost + queryHeadCost(hq) + headDimCost(h) + min(headCost(hkv), 1), Assumed: words})
			}
		}
	}
	return rs
}
