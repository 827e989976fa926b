package layers

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Readings and teaching of the core layers with weights: Dense and Embedding.

// readDense: the units are the output's last axis; the input width is shown, or solved from the
// count (inputs × units, + units with a bias) when the print hides the input.
func readDense(o *Obs) []Reading {
	out := outShape(o)
	u := out.Last()
	if u <= 0 {
		return nil
	}
	v := VersionOf(o.Format)
	mk := func(in Dims, bias bool, cost int, assumed ...string) Reading {
		if !bias {
			cost += costNoBias
			assumed = append(assumed, "use_bias=False")
		}
		return Reading{Layer: Layer{Class: "Dense", Config: cfgOf("units", u, "use_bias", bias), Version: v},
			In: []Dims{in}, Cost: cost, Assumed: assumed}
	}
	if in := inShape(o, 0); in != nil && in.Last() > 0 {
		rs := []Reading{mk(in, true, 0), mk(in, false, 0)}
		if p, ok := pcount(o); ok && o.Format == grammar.Keras3 {
			// Keras 3 LoRA adds inputs × r + r × units trainable weights beside the frozen kernel
			for _, bias := range []bool{true, false} {
				if k := loraRank(in.Last(), u, p, bias); k > 0 {
					r := mk(in, bias, costLoRA, "LoRA of rank "+Num(k))
					r.Layer.Config["lora_rank"] = k
					rs = append(rs, r)
				}
			}
		}
		return rs
	}
	p, ok := pcount(o)
	if !ok {
		return nil
	}
	var rs []Reading
	for _, bias := range []bool{true, false} {
		rem := p
		if bias {
			rem -= u
		}
		if rem <= 0 || rem%u != 0 {
			continue
		}
		d := rem / u
		r := mk(withLast(out, d), bias, widthCost(d), plural(d, "input"))
		r.Hidden = true
		rs = append(rs, r)
	}
	return rs
}

func teachDense(b *Built) Teaching {
	k := b.Weights[0].Shape
	d, u := k[0], k[1]
	e := Mul(N(d, "inputs"), N(u, "units"))
	bias, rank := false, int64(0)
	for _, w := range b.Weights[1:] {
		switch w.Name {
		case "bias":
			bias = true
		case "lora_kernel_a":
			rank = w.Shape[1]
		}
	}
	if bias {
		e = Add(e, N(u, "biases"))
	}
	if rank > 0 {
		e = Add(e, Mul(N(rank, "LoRA rank"), Add(N(d, "inputs"), N(u, "units"))))
	}
	t := Teaching{Count: Count(e)}
	if !bias {
		t.Count = Say("use_bias=False: ").Then("", t.Count)
	}
	l := &Lesson{Key: "Dense", Formula: "inputs × units + units",
		Why: []Deriv{Say("each unit has one weight per input (the kernel, inputs × units) and one bias (+ units)")}}
	if !bias {
		l.Why = append(l.Why, Say("use_bias=False drops the bias: inputs × units"))
	}
	if rank > 0 {
		l.Why = append(l.Why, Say("LoRA (Keras 3 enable_lora or lora_rank) freezes the kernel and trains two low-rank factors, inputs × rank and rank × units, whose product is added to it"))
	}
	if in := b.In[0]; len(in) > 2 {
		l.Why = append(l.Why, Say("on an input of rank 3 or more, Dense maps the last axis only: the other axes keep their sizes and share one kernel"))
		t.Shape = D("the last axis {} becomes {}; the other axes ("+joinAxes(in[1:len(in)-1])+") stay as they are", d, u)
	}
	t.Lesson = l
	return t
}

// readEmbedding: the output's last axis is the embedding size; the vocabulary is the count over it.
func readEmbedding(o *Obs) []Reading {
	out := outShape(o)
	dim := out.Last()
	p, ok := pcount(o)
	if dim <= 0 || !ok || p <= 0 || len(out) < 2 {
		return nil
	}
	// the input is the output without its last axis: shown or not, it is known
	in := inShape(o, 0)
	if in == nil {
		in = append(Dims{}, out[:len(out)-1]...)
	}
	var rs []Reading
	for _, v := range []int64{p / dim, p/dim + 1} {
		if v < 1 {
			continue
		}
		rs = append(rs, Reading{Layer: Layer{Class: "Embedding", Config: cfgOf("input_dim", v, "output_dim", dim), Version: VersionOf(o.Format)},
			In: []Dims{in}, Assumed: []string{"vocabulary " + Num(v)}})
	}
	return rs
}

func teachEmbedding(b *Built) Teaching {
	k := b.Weights[0].Shape
	return Teaching{Count: Count(Mul(N(k[0], "tokens"), N(k[1], "dimensions"))),
		Lesson: &Lesson{Key: "Embedding", Formula: "input_dim × output_dim",
			Why: []Deriv{Say("one learned vector of output_dim numbers per entry of the vocabulary (input_dim); the sequence length does not change the count")}}}
}

// plural writes a count with its noun: "1 input channel", "48 input channels".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Num(n) + " " + noun + "s"
}

// joinAxes writes axis sizes as a list: "20", "20, 30", "None".
func joinAxes(d Dims) string {
	var parts []string
	for _, x := range d {
		if x < 0 {
			parts = append(parts, "None")
		} else {
			parts = append(parts, itoa(x))
		}
	}
	return strings.Join(parts, ", ")
}
