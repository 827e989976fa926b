package layers

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Readings and teaching of PReLU: one learned slope α per value of the input, unless shared_axes
// makes the listed axes share one. The count is the product of the input's axes (the batch aside),
// a shared axis counting as 1: which axes are shared is what the print leaves open.

// readPReLU lists every set of shared axes. No sharing is the default; sharing every axis but the
// channels (one slope per channel, shared_axes=[1, 2] on images) is the common choice after a
// convolution; any other set costs more. Keras 1 has no shared_axes.
func readPReLU(o *Obs) []Reading {
	x := inShape(o, 0)
	if !known(x) {
		x = outShape(o) // a PReLU keeps its input's shape
	}
	if !known(x) {
		return nil
	}
	r := len(x) - 1 // the axes 1..r
	if r > 6 {
		return nil
	}
	masks := 1 << r
	if o.Format == grammar.Keras1 {
		masks = 1
	}
	in := []Dims{x}
	v := VersionOf(o.Format)
	rs := make([]Reading, 0, masks)
	for m := 0; m < masks; m++ {
		var axes []any
		var words []string
		for a := 1; a <= r; a++ {
			if m&(1<<(a-1)) != 0 {
				axes = append(axes, int64(a))
				words = append(words, itoa(int64(a)))
			}
		}
		cost := 0
		cfg := Config{}
		switch {
		case m == 0:
		case r > 1 && m == 1<<(r-1)-1:
			cost = 1 // every axis but the channels: one slope per channel
		default:
			cost = 3
		}
		var assumed []string
		if m != 0 {
			cfg["shared_axes"] = axes
			assumed = []string{"shared_axes=[" + strings.Join(words, ", ") + "]"}
		}
		rs = append(rs, Reading{Layer: Layer{Class: "PReLU", Config: cfg, Version: v}, In: in, Cost: cost, Assumed: assumed})
	}
	return rs
}

// teachPReLU writes α's shape as the product that gives the count.
func teachPReLU(b *Built) Teaching {
	w := b.Weights[0]
	n := w.Size()
	var t Teaching
	shared := b.Layer.Config["shared_axes"] != nil
	if len(w.Shape) == 1 {
		t.Count = D("one slope α per value: {}", n)
	} else {
		f := make([]Expr, len(w.Shape))
		for i, d := range w.Shape {
			f[i] = N(d)
		}
		t.Count = Equation(Mul(f...), N(n, "slopes α"))
		if shared {
			t.Count = t.Count.Then(" ", Say("("+strings.Join(b.Assumed, ", ")+": a 1 for each shared axis)"))
		} else {
			t.Count = t.Count.Then(" ", Say("(one per value)"))
		}
	}
	t.Lesson = &Lesson{Key: "PReLU", Formula: "the input's axes (the batch aside) multiplied, each shared axis counting as 1",
		Why: []Deriv{Say("PReLU learns the slope α of its negative part: one per value by default; shared_axes lets the listed axes share one slope (shared_axes=[1, 2] after a convolution: one per channel)")}}
	return t
}
