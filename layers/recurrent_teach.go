package layers

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Readings and teaching of the recurrent layers and the wrappers: SimpleRNN, LSTM, GRU (with the
// era's reset_after), the CuDNN layers, ConvLSTM, Bidirectional and TimeDistributed.

// rnnBias is one way a recurrent layer holds its biases: b bias vectors per gate.
type rnnBias struct {
	b     int64
	cost  int
	cfg   []any // extra configuration
	words string
}

// biasOptions lists a kind's bias layouts as the era writes them, its default first. GRU's
// reset_after=True (two biases per gate) is the default of tf.keras 2 and Keras 3; Keras 2 and
// TensorFlow.js default to one.
func (k rnnKind) biasOptions(f grammar.Format) []rnnBias {
	none := rnnBias{0, costNoBias, []any{"use_bias", false}, "use_bias=False"}
	switch k {
	case rnnCuLSTM, rnnCuGRU:
		return []rnnBias{{2, 0, nil, ""}}
	case rnnGRU:
		after := rnnBias{2, 0, []any{"reset_after", true}, "reset_after=True"}
		before := rnnBias{1, 0, []any{"reset_after", false}, "reset_after=False"}
		switch f {
		case grammar.Keras1:
			return []rnnBias{before, none}
		case grammar.Keras2:
			after.cost = costOtherEra
		case grammar.TFJS:
			after.cost = costRare
		default:
			before.cost = costNonDefault
		}
		none.cfg = append(none.cfg, "reset_after", f == grammar.Keras27 || f == grammar.Keras3)
		return []rnnBias{after, before, none}
	}
	return []rnnBias{{1, 0, nil, ""}, none}
}

// readRNN lists the readings of a SimpleRNN, LSTM or GRU row: units from the output, the input
// width shown or solved from the count, each bias layout of the era.
func readRNN(class string, k rnnKind) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		out := outShape(o)
		u := out.Last()
		if u <= 0 || len(out) < 2 || len(out) > 3 {
			return nil
		}
		seq := len(out) == 3
		state := len(o.Outs) > 1
		p, havep := pcount(o)
		in := inShape(o, 0)
		g := k.gates()
		var rs []Reading
		for _, bo := range k.biasOptions(o.Format) {
			cfg := cfgOf("units", u, "return_sequences", seq, "return_state", state)
			for i := 0; i+1 < len(bo.cfg); i += 2 {
				cfg[bo.cfg[i].(string)] = bo.cfg[i+1]
			}
			r := Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)}, Cost: bo.cost}
			if bo.words != "" {
				r.Assumed = append(r.Assumed, bo.words)
			}
			switch {
			case in != nil && len(in) == 3 && in.Last() > 0:
				r.In = []Dims{in}
			case havep && in == nil:
				q := p / (g * u)
				d := q - u - bo.b
				if p%(g*u) != 0 || d < 1 {
					continue
				}
				steps := int64(-1)
				if seq {
					steps = out[1]
				}
				r.In = []Dims{{out[0], steps, d}}
				r.Hidden = true
				r.Cost += widthCost(d)
				r.Assumed = append([]string{plural(d, "input feature")}, r.Assumed...)
			default:
				continue
			}
			rs = append(rs, r)
		}
		return rs
	}
}

// rnnExpr is the count of one recurrent layer: gates × (units × (inputs + units) + biases × units).
func rnnExpr(g, d, u, b int64) Expr {
	w := Mul(N(u, "units"), Add(N(d, "inputs"), N(u, "units")))
	var body Expr
	switch b {
	case 0:
		body = w
	case 1:
		body = Add(w, N(u, "biases"))
	default:
		body = Add(w, Mul(N(b), N(u, "biases")))
	}
	if g == 1 {
		return body
	}
	return Mul(N(g, "gates"), body)
}

// rnnOf reads a built recurrent layer back: gates, inputs, units, biases per gate.
func rnnOf(ws []Weight, k rnnKind) (g, d, u, b int64) {
	g = k.gates()
	d, u = ws[0].Shape[0], ws[1].Shape[0]
	if len(ws) > 2 {
		b = ws[2].Size() / (g * u)
	}
	return
}

func teachRNN(k rnnKind) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		g, d, u, nb := rnnOf(b.Weights, k)
		t := Teaching{Count: Count(rnnExpr(g, d, u, nb)), Lesson: rnnLesson(k, g, d, u, nb)}
		switch v := b.Layer.Version; {
		case nb == 0:
			t.Count = Say("use_bias=False: ").Then("", t.Count)
		case k == rnnGRU && nb == 1 && (v == TFKeras || v == Keras3):
			// the count says reset_after=False, which this version's code must have set
			t.Count = Say("reset_after=False (this version's default is True): ").Then("", t.Count)
		}
		out := b.Out[0]
		if len(out) == 3 {
			if out[1] > 0 {
				t.Shape = D("return_sequences=True: one output of {} per step, for all {} steps", u, out[1])
			} else {
				t.Shape = D("return_sequences=True: one output of {} per step", u)
			}
		} else {
			t.Shape = D("the last step's output only: {} units (return_sequences=False)", u)
		}
		return t
	}
}

func rnnLesson(k rnnKind, g, d, u, nb int64) *Lesson {
	switch k {
	case rnnSimple:
		return &Lesson{Key: "SimpleRNN", Formula: "units × (inputs + units) + units",
			Why: []Deriv{Say("input weights (inputs × units), recurrent weights from the previous step's output (units × units), and a bias (units)")}}
	case rnnLSTM:
		return &Lesson{Key: "LSTM", Formula: "4 × (units × (inputs + units) + units)",
			Why: []Deriv{Say("4 gates (input, forget, cell, output), each with input weights (inputs × units), recurrent weights (units × units) and a bias (units)")}}
	case rnnGRU:
		l := &Lesson{Key: "GRU", Why: []Deriv{Say("3 gates (update, reset, candidate), each with input weights (inputs × units) and recurrent weights (units × units)")}}
		switch nb {
		case 2:
			l.Key += " reset_after=True"
			l.Formula = "3 × (units × (inputs + units) + 2 × units)"
			l.Why = append(l.Why, Say("reset_after=True, the default of tf.keras 2 and Keras 3, gives each gate an input bias and a recurrent bias: 2 × units; with reset_after=False (Keras 1 and 2, TensorFlow.js, tf.compat.v1) one: ").
				Then("", Count(rnnExpr(3, d, u, 1))))
		case 1:
			l.Key += " reset_after=False"
			l.Formula = "3 × (units × (inputs + units) + units)"
			l.Why = append(l.Why, Say("reset_after=False (Keras 1 and 2, TensorFlow.js, tf.compat.v1) gives each gate one bias; reset_after=True, the default of tf.keras 2 and Keras 3, two: ").
				Then("", Count(rnnExpr(3, d, u, 2))))
		default:
			l.Formula = "3 × units × (inputs + units)"
		}
		return l
	}
	return &Lesson{Key: "CuDNN", Formula: itoa(g) + " × units × (inputs + units + 2)",
		Why: []Deriv{Say("the cuDNN layers keep two bias vectors per gate")}}
}

// ---- wrappers ----

// bidiKinds are the recurrent layers Bidirectional wraps, the common first.
var bidiKinds = []struct {
	class string
	cost  int
}{{"LSTM", 0}, {"GRU", 1}, {"SimpleRNN", 2}, {"CuDNNLSTM", 3}, {"CuDNNGRU", 3}}

// readBidirectional: half the count is the wrapped layer's; merge_mode 'concat' (the default)
// doubles its width, 'sum', 'mul' and 'ave' keep it, None gives two outputs.
func readBidirectional(o *Obs) []Reading {
	p, ok := pcount(o)
	out := outShape(o)
	if !ok || p%2 != 0 || out.Last() <= 0 {
		return nil
	}
	half := p / 2
	type merge struct {
		mode  any
		width int64
		cost  int
		words string
	}
	w := out.Last()
	var merges []merge
	if len(o.Outs) >= 2 {
		merges = append(merges, merge{nil, w, 2, "merge_mode=None"})
	} else {
		if w%2 == 0 {
			merges = append(merges, merge{"concat", w / 2, 0, ""})
		}
		merges = append(merges, merge{"sum", w, 3, "merge_mode='sum' (or 'mul', 'ave')"})
	}
	var rs []Reading
	for _, m := range merges {
		innerOut := withLast(out, m.width)
		for _, k := range bidiKinds {
			if (k.class == "CuDNNLSTM" || k.class == "CuDNNGRU") && o.Format != grammar.Keras2 {
				continue
			}
			s := Lookup(k.class)
			inner := &Obs{Class: k.class, Format: o.Format, In: o.In, Out: innerOut, Params: &half, RawInput: o.RawInput}
			for _, r := range s.Readings(inner) {
				class, m := k.class, m
				rs = append(rs, Reading{In: r.In, Hidden: r.Hidden, Cost: r.Cost + k.cost + m.cost, Fill: func(x *Reading) {
					r.fill()
					il := r.Layer
					il.Name = strings.ToLower(class)
					cfg := Config{"merge_mode": m.mode}
					words := append([]string{class + "(" + itoa(m.width) + ")"}, r.Assumed...)
					if m.words != "" {
						words = append(words, m.words)
					}
					x.Layer = Layer{Class: "Bidirectional", Config: cfg, Inner: &il, Version: r.Layer.Version}
					x.Assumed = words
				}})
			}
		}
	}
	return rs
}

// innerBuilt builds a wrapper's inner layer again, on the input it sees.
func innerBuilt(b *Built, in []Dims) (*Built, *Spec) {
	il := b.Layer.Inner
	if il == nil {
		return nil, nil
	}
	outs, ws, err := Build(il, in)
	s := Lookup(il.Class)
	if err != nil || s == nil || s.Teach == nil {
		return nil, nil
	}
	ib := &Built{Reading: Reading{Layer: *il, In: in, Hidden: b.Hidden}, Out: outs, Weights: ws}
	for _, w := range ws {
		ib.Params += w.Size()
	}
	return ib, s
}

// firstSide is the expression of a derivation's first equation, and the words after it.
func firstSide(d Deriv) (Expr, Deriv, bool) {
	for i, t := range d {
		if t.Kind == TermEq && t.Eq != nil && len(t.Eq.Sides) > 0 {
			return t.Eq.Sides[0], d[i+1:], true
		}
	}
	return Expr{}, nil, false
}

func teachBidirectional(b *Built) Teaching {
	ib, s := innerBuilt(b, b.In)
	if ib == nil {
		return Teaching{Count: weightSum(b.Weights)}
	}
	it := s.Teach(ib)
	t := Teaching{}
	if e, rest, ok := firstSide(it.Count); ok {
		t.Count = Count(Mul(N(2, "directions"), e)).Then("", rest)
	} else {
		t.Count = Count(Mul(N(2, "directions"), N(ib.Params)))
	}
	u := ib.Out[0].Last()
	mode, _ := b.Layer.Config["merge_mode"].(string)
	switch {
	case mode == "concat":
		t.Shape = Equation(Mul(N(2), N(u)), N(2*u)).Then("", Say(": merge_mode='concat' (the default) joins the two directions' outputs"))
	case mode != "":
		t.Shape = D("merge_mode='"+mode+"' combines the two directions' outputs element-wise: {} wide", u)
	default:
		t.Shape = Say("merge_mode=None: the two directions' outputs stay separate")
	}
	inner := b.Layer.Inner.Class
	why := []Deriv{Say("Bidirectional(" + inner + ") holds two copies of the " + inner + ", one reading the sequence forwards and one backwards, each with its own weights")}
	key := "Bidirectional"
	if it.Lesson != nil {
		why = append(why, Say(inner+": "+it.Lesson.Formula))
		why = append(why, it.Lesson.Why...)
		key += " " + it.Lesson.Key
	}
	t.Lesson = &Lesson{Key: key, Formula: "2 × the wrapped layer's count", Why: why}
	return t
}

// tdInner lists the layers TimeDistributed commonly wraps for an inner output of the given rank
// (batch included), the one whose rank fits best first: Dense keeps a vector per step,
// Conv2D an image per step.
func tdInner(rank int) []struct {
	class string
	cost  int
} {
	type c = struct {
		class string
		cost  int
	}
	switch rank {
	case 2:
		return []c{{"Dense", 0}, {"BatchNormalization", 2}, {"LayerNormalization", 2}}
	case 3:
		return []c{{"Conv1D", 0}, {"Dense", 1}, {"LSTM", 2}, {"GRU", 2}, {"Embedding", 2}, {"BatchNormalization", 3}, {"LayerNormalization", 3},
			{"SeparableConv1D", 3}, {"DepthwiseConv1D", 3}, {"Conv1DTranspose", 3}}
	case 4:
		return []c{{"Conv2D", 0}, {"Dense", 2}, {"SeparableConv2D", 2}, {"DepthwiseConv2D", 2}, {"Conv2DTranspose", 2},
			{"BatchNormalization", 3}, {"LayerNormalization", 3}}
	case 5:
		return []c{{"Conv3D", 0}, {"Dense", 2}, {"Conv3DTranspose", 2}, {"BatchNormalization", 3}}
	}
	return nil
}

// readTimeDistributed: the wrapped layer applied to one step, its class told by the output's
// rank, its count the row's.
func readTimeDistributed(o *Obs) []Reading {
	in, out := inShape(o, 0), outShape(o)
	p, ok := pcount(o)
	if len(out) < 3 || !ok || p <= 0 {
		return nil
	}
	steps := out[1]
	innerOut := append(Dims{out[0]}, out[2:]...)
	var innerIn []Dims
	if len(in) >= 3 {
		innerIn = []Dims{append(Dims{in[0]}, in[2:]...)}
		steps = in[1]
	}
	var rs []Reading
	for _, c := range tdInner(len(innerOut)) {
		s := Lookup(c.class)
		if s == nil || s.Readings == nil {
			continue
		}
		inner := &Obs{Class: c.class, Format: o.Format, In: innerIn, Out: innerOut, Params: o.Params, RawInput: o.RawInput}
		for _, r := range s.Readings(inner) {
			if len(r.In) == 0 || r.In[0] == nil {
				continue
			}
			x := r.In[0]
			full := append(Dims{x[0], steps}, x[1:]...)
			class := c.class
			rs = append(rs, Reading{In: []Dims{full}, Hidden: r.Hidden, Cost: r.Cost + c.cost, Fill: func(t *Reading) {
				r.fill()
				il := r.Layer
				t.Layer = Layer{Class: "TimeDistributed", Config: Config{}, Inner: &il, Version: r.Layer.Version}
				t.Assumed = append([]string{class}, r.Assumed...)
			}})
		}
	}
	return rs
}

func teachTimeDistributed(b *Built) Teaching {
	x := b.In[0]
	stepIn := append(Dims{x[0]}, x[2:]...)
	ib, s := innerBuilt(b, []Dims{stepIn})
	if ib == nil {
		return Teaching{Count: weightSum(b.Weights)}
	}
	it := s.Teach(ib)
	inner := b.Layer.Inner.Class
	t := Teaching{Count: it.Count, Shape: it.Shape}
	why := []Deriv{Say("TimeDistributed(" + inner + ") applies one " + inner + " to every step: the same weights at each step, so the count is the " + inner + "'s")}
	key := "TimeDistributed"
	if it.Lesson != nil {
		why = append(why, Say(inner+": "+it.Lesson.Formula))
		why = append(why, it.Lesson.Why...)
		key += " " + it.Lesson.Key
	}
	t.Lesson = &Lesson{Key: key, Formula: "the wrapped layer's count, on one step", Why: why}
	return t
}

// ---- ConvLSTM ----

// readConvLSTM: count 4 × filters × (kernel area × (input channels + filters) + 1).
func readConvLSTM(class string, rank int) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		in, out := inShape(o, 0), outShape(o)
		p, ok := pcount(o)
		f := out.Last()
		if !ok || f <= 0 || p%(4*f) != 0 {
			return nil
		}
		seq := len(out) == rank+3
		if !seq && len(out) != rank+2 {
			return nil
		}
		outS := out[1 : rank+1]
		if seq {
			outS = out[2 : rank+2]
		}
		var rs []Reading
		for _, bias := range []bool{true, false} {
			rem := p / (4 * f)
			cost := 0
			var words []string
			if bias {
				rem--
			} else {
				cost += costNoBias
				words = append(words, "use_bias=False")
			}
			if rem <= 0 {
				continue
			}
			mk := func(axes []axisRule, x Dims, c int, hidden bool, extra ...string) Reading {
				cfg := convConfig(f, axes, bias, 1, false)
				cfg["return_sequences"] = seq
				return Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)}, In: []Dims{x}, Hidden: hidden,
					Cost: cost + c, Assumed: append(append(extra, kernelWords(axes)), words...)}
			}
			if len(in) == rank+3 && in.Last() > 0 {
				c := in.Last()
				if rem%(c+f) != 0 {
					continue
				}
				for _, axes := range kernelShapes(rem/(c+f), rank, in[2:rank+2], outS, []string{"valid", "same"}, false) {
					rs = append(rs, mk(axes, in, rulesCost(axes), false))
				}
				continue
			}
			if in != nil {
				continue
			}
			for _, ks := range hiddenKernels(rank) {
				K := prod(ks)
				if rem%K != 0 || rem/K-f < 1 {
					continue
				}
				c := rem/K - f
				x := make(Dims, rank+3)
				for i := range x {
					x[i] = -1
				}
				x[0], x[rank+2] = out[0], c
				if seq {
					x[1] = out[1]
				}
				axes := make([]axisRule, rank)
				for i := range axes {
					axes[i] = axisRule{k: ks[i], s: 1, d: 1, pad: "valid", op: -1}
				}
				cc := widthCost(c)
				if o.RawInput {
					cc = channelCost(c, rank)
				}
				rs = append(rs, mk(axes, x, kernelCost(ks)+cc, true, plural(c, "input channel")))
			}
		}
		return rs
	}
}

func teachConvLSTM(rank int) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		k := b.Weights[0].Shape
		ks, c, f := k[:rank], k[rank], k[rank+1]/4
		kx := func(last Expr) Expr {
			var fs []Expr
			for _, x := range ks {
				fs = append(fs, N(x))
			}
			return Mul(append(fs, last)...)
		}
		body := []Expr{kx(N(c, "channels")), kx(N(f, "filters"))}
		if len(b.Weights) > 2 {
			body = append(body, N(1, "bias"))
		}
		t := Teaching{Count: Count(Mul(N(4, "gates"), N(f, "filters"), Add(body...)))}
		if !b.Hidden {
			x := b.In[0]
			cfg := b.Layer.Config
			st := cfg.ints(rank, 1, "strides")
			dl := cfg.ints(rank, 1, "dilation_rate")
			rs := make([]axisRule, rank)
			out := b.Out[0]
			off := len(out) - rank - 1
			for i := range rs {
				rs[i] = axisRule{L: x[2+i], Lo: out[off+i], k: ks[i], s: st[i], d: dl[i], pad: cfg.str("valid", "padding"), op: -1}
			}
			t.Shape = spatialShape(rs, false, false)
		}
		t.Lesson = &Lesson{Key: "ConvLSTM", Formula: "4 × filters × (kernel area × (input channels + filters) + 1)",
			Why: []Deriv{Say("an LSTM whose input and recurrent transforms are convolutions: each of the 4 gates has a kernel over the input channels, one over its own filters, and a bias")}}
		return t
	}
}
