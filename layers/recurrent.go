package layers

import (
	"math"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Recurrent layers and wrappers: SimpleRNN, LSTM, GRU (both reset_after variants), the Keras 2
// CuDNN layers, RNN(cell), ConvLSTM1D/2D/3D, Bidirectional and TimeDistributed.

func init() {
	r := func(class string, kind rnnKind, aliases ...string) *Spec {
		s := &Spec{Class: class, Aliases: aliases, Family: "recurrent", Explain: guard(explainRNN(kind)), Build: buildRNN(kind)}
		if !strings.HasSuffix(class, "Cell") {
			s.Readings, s.Teach = readRNN(class, kind), teachRNN(kind)
		}
		return s
	}
	register(
		r("SimpleRNN", rnnSimple), r("LSTM", rnnLSTM, "LSTMV1", "LSTMV2"), r("GRU", rnnGRU, "GRUV1", "GRUV2"),
		r("CuDNNLSTM", rnnCuLSTM), r("CuDNNGRU", rnnCuGRU),
		r("SimpleRNNCell", rnnSimple), r("LSTMCell", rnnLSTM), r("GRUCell", rnnGRU),
		&Spec{Class: "RNN", Aliases: []string{"StackedRNNCells"}, Family: "recurrent", Explain: guard(explainCellRNN)},
		&Spec{Class: "ConvLSTM1D", Family: "recurrent", Explain: guard(explainConvLSTM(1)), Readings: readConvLSTM("ConvLSTM1D", 1), Teach: teachConvLSTM(1)},
		&Spec{Class: "ConvLSTM2D", Family: "recurrent", Explain: guard(explainConvLSTM(2)), Readings: readConvLSTM("ConvLSTM2D", 2), Teach: teachConvLSTM(2)},
		&Spec{Class: "ConvLSTM3D", Family: "recurrent", Explain: guard(explainConvLSTM(3)), Readings: readConvLSTM("ConvLSTM3D", 3), Teach: teachConvLSTM(3)},
		&Spec{Class: "Bidirectional", Family: "recurrent", Explain: guard(explainBidirectional), Readings: readBidirectional, Teach: teachBidirectional},
		&Spec{Class: "TimeDistributed", Family: "recurrent", Explain: guard(explainTimeDistributed), Readings: readTimeDistributed, Teach: teachTimeDistributed},
	)
}

type rnnKind int

const (
	rnnSimple rnnKind = iota
	rnnLSTM
	rnnGRU
	rnnCuLSTM
	rnnCuGRU
)

func (k rnnKind) gates() int64 {
	switch k {
	case rnnLSTM, rnnCuLSTM:
		return 4
	case rnnGRU, rnnCuGRU:
		return 3
	}
	return 1
}

func (k rnnKind) name() string {
	return [...]string{"SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU"}[k]
}

// biases lists the bias terms b of count = gates·u·(d + u + b) the kind allows, the era's default first.
func (k rnnKind) biases(f grammar.Format) []int64 {
	switch k {
	case rnnCuLSTM, rnnCuGRU:
		return []int64{2}
	case rnnGRU:
		if f == grammar.Keras27 || f == grammar.Keras3 {
			return []int64{2, 1, 0}
		}
		return []int64{1, 2, 0}
	}
	return []int64{1, 0}
}

func rnnFit(k rnnKind, d, u, b int64) Fit {
	g := k.gates()
	f := Fit{Params: g * u * (d + u + b),
		Weights: []Weight{{Name: "kernel", Shape: []int64{d, g * u}, Trainable: true},
			{Name: "recurrent_kernel", Shape: []int64{u, g * u}, Trainable: true}}}
	switch {
	case b == 0:
		f.Config = "use_bias=False"
	case b == 2 && k == rnnGRU:
		f.Config = "reset_after=True"
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{2, g * u}, Trainable: true})
	case b == 2:
		f.Config = "cuDNN biases"
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{2 * g * u}, Trainable: true})
	default:
		f.Config = "with bias"
		if k == rnnGRU {
			f.Config = "reset_after=False"
		}
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{g * u}, Trainable: true})
	}
	f.Derivation = Count(rnnExpr(g, d, u, b))
	if b == 0 {
		f.Derivation = Say("use_bias=False: ").Then("", f.Derivation)
	}
	return f
}

// rnnMatch finds the configurations of kind k with u units on d inputs (d < 0: inferred) giving p.
func rnnMatch(k rnnKind, d, u, p int64, f grammar.Format) (Fit, bool) {
	g := k.gates()
	for _, b := range k.biases(f) {
		if d > 0 {
			if g*u*(d+u+b) == p {
				return rnnFit(k, d, u, b), true
			}
			continue
		}
		if p%(g*u) == 0 && p/(g*u)-u-b >= 1 {
			ft := rnnFit(k, p/(g*u)-u-b, u, b)
			ft.InferredIn = Dims{-1, -1, p/(g*u) - u - b}
			return ft, true
		}
	}
	return Fit{}, false
}

// rnnUnits solves g·u·(d + u + b) = p for u (any units), when the output does not say them.
func rnnUnits(k rnnKind, d, p int64, f grammar.Format) (Fit, bool) {
	g := k.gates()
	if d <= 0 || p <= 0 || p%g != 0 {
		return Fit{}, false
	}
	for _, b := range k.biases(f) {
		q := float64(p / g) // u² + u(d+b) − q = 0
		db := float64(d + b)
		u := int64((-db + math.Sqrt(db*db+4*q)) / 2)
		for _, c := range []int64{u - 1, u, u + 1} {
			if c >= 1 && g*c*(d+c+b) == p {
				return rnnFit(k, d, c, b), true
			}
		}
	}
	return Fit{}, false
}

func explainRNN(k rnnKind) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		u := outShape(o).Last()
		d := inShape(o, 0).Last()
		p, ok := pcount(o)
		if u <= 0 {
			if ok && d > 0 {
				if f, ok := rnnUnits(k, d, p, o.Format); ok {
					return okFit(f)
				}
			}
			return unknown("the output shape does not show the units")
		}
		if !ok {
			if d <= 0 {
				return unknown("neither the input width nor the count is shown")
			}
			return okFit(rnnFit(k, d, u, k.biases(o.Format)[0]))
		}
		if f, ok := rnnMatch(k, d, u, p, o.Format); ok {
			if d <= 0 {
				f.Ambiguous = "input width inferred from the count"
			}
			return okFit(f)
		}
		g := k.gates()
		if d <= 0 {
			return Verdict{Status: Mismatch, Message: "no " + k.name() + "(" + Num(u) + ") has " + Num(p) +
				" weights: the count is " + itoa(g) + " × " + Num(u) + " × (inputs + " + Num(u) + " + bias), at least " + Num(g*u*(u+1))}
		}
		var near []Fit
		for _, b := range k.biases(o.Format) {
			near = append(near, rnnFit(k, d, u, b))
		}
		return mismatch(o, "no "+k.name()+"("+Num(u)+") on "+Num(d)+" inputs has "+Num(p)+" weights", near)
	}
}

// explainCellRNN: RNN(cell) with one standard cell, or two stacked cells of one kind.
func explainCellRNN(o *Obs) Verdict {
	u := outShape(o).Last()
	d := inShape(o, 0).Last()
	p, ok := pcount(o)
	if u <= 0 || d <= 0 || !ok {
		return unknown("the cells are not shown")
	}
	kinds := []rnnKind{rnnLSTM, rnnGRU, rnnSimple}
	for _, k := range kinds {
		if f, ok := rnnMatch(k, d, u, p, o.Format); ok {
			f.Config = k.name() + "Cell, " + f.Config
			f.Assumed = "the cell is not printed; read as RNN(" + k.name() + "Cell(" + itoa(u) + "))"
			_, _, _, nb := rnnOf(f.Weights, k)
			f.Lesson = rnnLesson(k, k.gates(), d, u, nb)
			return okFit(f)
		}
	}
	for _, k := range kinds {
		g := k.gates()
		for _, b := range k.biases(o.Format) {
			for v := int64(1); v <= 4096; v++ {
				a := g * v * (d + v + b)
				if a >= p {
					break
				}
				if a+g*u*(v+u+b) == p {
					f1, f2 := rnnFit(k, d, v, b), rnnFit(k, v, u, b)
					f := Fit{Params: p, Config: "RNN([" + k.name() + "Cell(" + itoa(v) + "), " + k.name() + "Cell(" + itoa(u) + ")]), " + f1.Config,
						Weights:    append(append([]Weight{}, f1.Weights...), f2.Weights...),
						Derivation: Count(Add(N(f1.Params), N(f2.Params))), Ambiguous: "the cells are inferred from the count"}
					return okFit(f)
				}
			}
		}
	}
	return unknown("no single or two-cell stack of standard cells gives this count (custom cells are possible)")
}

// ---- ConvLSTM ----

func convLSTMFit(rank int, c, f, K int64, ks []int64, b int64) Fit {
	kd := ks
	if kd == nil {
		kd = []int64{K}
	}
	ft := Fit{Params: 4 * f * (K*c + K*f + b),
		Weights: []Weight{{Name: "kernel", Shape: append(append([]int64{}, kd...), c, 4*f), Trainable: true},
			{Name: "recurrent_kernel", Shape: append(append([]int64{}, kd...), f, 4*f), Trainable: true}}}
	cfg, amb := kernelPhrase(K, ks, false, rank)
	if b == 1 {
		ft.Weights = append(ft.Weights, Weight{Name: "bias", Shape: []int64{4 * f}, Trainable: true})
		ft.Derivation = Count(Mul(N(4, "gates"), N(f, "filters"), Add(Mul(N(K, "kernel"), N(c, "channels")), Mul(N(K, "kernel"), N(f, "filters")), N(1, "bias"))))
		cfg += ", with bias"
	} else {
		ft.Derivation = Count(Mul(N(4, "gates"), N(f, "filters"), Add(Mul(N(K, "kernel"), N(c, "channels")), Mul(N(K, "kernel"), N(f, "filters")))))
		cfg += ", use_bias=False"
	}
	ft.Config, ft.Ambiguous = cfg, amb
	return ft
}

func explainConvLSTM(rank int) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		in, out := inShape(o, 0), outShape(o)
		p, ok := pcount(o)
		if !ok || out.Last() <= 0 {
			return unknown("the output shape or the count is not shown")
		}
		type lay struct {
			c, f      int64
			inS, outS []int64
		}
		var ls []lay
		l := lay{c: in.Last(), f: out.Last()}
		if len(in) == rank+3 {
			l.inS = in[2 : rank+2]
		}
		if len(out) == rank+2 {
			l.outS = out[1 : rank+1]
		} else if len(out) == rank+3 {
			l.outS = out[2 : rank+2]
		}
		ls = append(ls, l)
		if len(in) == rank+3 && len(out) >= rank+2 {
			m := lay{c: in[2], inS: in[3:]}
			if len(out) == rank+2 {
				m.f, m.outS = out[1], out[2:]
			} else {
				m.f, m.outS = out[2], out[3:]
			}
			ls = append(ls, m)
		}
		if l.c <= 0 {
			if p%(4*l.f) != 0 {
				return Verdict{Status: Mismatch, Message: "no " + o.Class + " with " + Num(l.f) + " filters has " + Num(p) +
					" weights: the count is 4 × " + Num(l.f) + " × (kernel × (channels + filters) + 1)"}
			}
			return unknown("the input channels are not shown")
		}
		for _, l := range ls {
			if l.c <= 0 || l.f <= 0 {
				continue
			}
			for _, b := range []int64{1, 0} {
				if p%(4*l.f) != 0 {
					continue
				}
				q := p/(4*l.f) - b
				if q > 0 && q%(l.c+l.f) == 0 {
					K := q / (l.c + l.f)
					ks, _ := kernelDims(K, rank, l.inS, l.outS, false)
					return okFit(convLSTMFit(rank, l.c, l.f, K, ks, b))
				}
			}
		}
		K := (p/(4*l.f) - 1) / (l.c + l.f)
		var near []Fit
		for _, k := range []int64{K, K + 1} {
			if k >= 1 {
				ks, _ := kernelDims(k, rank, l.inS, l.outS, false)
				near = append(near, convLSTMFit(rank, l.c, l.f, k, ks, 1))
			}
		}
		return mismatch(o, "no "+o.Class+"("+Num(l.f)+") on "+Num(l.c)+" channels has "+Num(p)+" weights", near)
	}
}

// ---- wrappers ----

func explainBidirectional(o *Obs) Verdict {
	p, ok := pcount(o)
	in := inShape(o, 0)
	d := in.Last()
	out := outShape(o)
	w := out.Last()
	if !ok {
		return unknown("the wrapped layer is not shown")
	}
	if w <= 0 {
		return unknown("the output shape is not shown")
	}
	var units []int64
	if len(o.Outs) >= 2 && o.Out == nil { // merge_mode=None: two outputs of u each
		units = []int64{w}
	} else {
		if w%2 == 0 {
			units = append(units, w/2)
		}
		units = append(units, w)
	}
	double := func(f Fit, k string) Fit {
		g := Fit{Params: 2 * f.Params, Config: "Bidirectional(" + k + "), " + f.Config, InferredIn: f.InferredIn, Ambiguous: f.Ambiguous}
		for _, pre := range []string{"forward_", "backward_"} {
			for _, wt := range f.Weights {
				wt.Name = pre + wt.Name
				g.Weights = append(g.Weights, wt)
			}
		}
		g.Derivation = D("2 directions × ").Then("", f.Derivation)
		g.Derivation = append(g.Derivation[:len(g.Derivation)-1], Term{Kind: TermNum, Num: f.Params},
			Term{Kind: TermText, Text: " = "}, Term{Kind: TermNum, Num: g.Params})
		return g
	}
	if p%2 == 0 {
		half := p / 2
		kinds := []rnnKind{rnnLSTM, rnnGRU, rnnSimple, rnnCuLSTM, rnnCuGRU}
		for _, u := range units {
			for _, k := range kinds {
				if f, ok := rnnMatch(k, d, u, half, o.Format); ok {
					ft := double(f, k.name()+"("+itoa(u)+")")
					if u == w && len(units) > 1 {
						ft.Config += ", merge_mode sum/mul/ave"
					}
					return okFit(ft)
				}
			}
		}
		for _, k := range kinds {
			if f, ok := rnnUnits(k, d, half, o.Format); ok {
				return okFit(double(f, k.name()+"("+itoa(f.Weights[1].Shape[0])+")"))
			}
		}
		// a wrapped ConvLSTM
		for r := 1; r <= 3; r++ {
			if len(in) == r+3 {
				inner := &Obs{Class: "ConvLSTM" + itoa(int64(r)) + "D", Format: o.Format, In: o.In, Out: halfLast(out, units[0]), Params: &half}
				if v := explainConvLSTM(r)(inner); v.Status == OK {
					return okFit(double(*v.Fit, inner.Class))
				}
			}
		}
	}
	if d <= 0 {
		return unknown("the input width is not shown")
	}
	var near []Fit
	for _, u := range units[:1] {
		for _, k := range []rnnKind{rnnLSTM, rnnGRU, rnnSimple} {
			for _, b := range k.biases(o.Format)[:1] {
				near = append(near, double(rnnFit(k, d, u, b), k.name()+"("+itoa(u)+")"))
			}
		}
	}
	return mismatch(o, "no Bidirectional LSTM, GRU or SimpleRNN on "+Num(d)+" inputs with output "+ShapeString(out)+" has "+Num(p)+" weights", near)
}

func halfLast(d Dims, u int64) Dims {
	x := append(Dims{}, d...)
	x[len(x)-1] = u
	return x
}

// explainTimeDistributed judges the row as the wrapped layer applied to one time step.
func explainTimeDistributed(o *Obs) Verdict {
	in, out := inShape(o, 0), outShape(o)
	if len(out) < 3 {
		return unknown("the output shape is not shown")
	}
	innerOut := append(Dims{out[0]}, out[2:]...)
	var innerIn Dims
	if len(in) >= 3 {
		innerIn = append(Dims{in[0]}, in[2:]...)
	}
	p, ok := pcount(o)
	if !ok {
		return unknown("the wrapped layer is not shown")
	}
	if p == 0 {
		f := Fit{Params: 0, Config: "a weightless layer", Derivation: Say("the wrapped layer holds no weights")}
		if known(innerIn) && known(innerOut) && len(innerIn) > 2 && len(innerOut) == 2 && prod(innerIn[1:]) == innerOut[1] {
			// each step flattened: the one weightless layer that gives this shape
			fs := make([]Expr, 0, len(innerIn)-1)
			for _, x := range innerIn[1:] {
				fs = append(fs, N(x))
			}
			f.Derivation = Say("TimeDistributed(Flatten), no weights: ").Then("", Equation(Mul(fs...), N(innerOut[1], "values per step")))
			f.Config = "Flatten"
		}
		return okFit(f)
	}
	rank := len(innerOut) - 2
	if innerIn != nil {
		rank = len(innerIn) - 2
	}
	var cands []string
	switch rank {
	case 0:
		cands = []string{"Dense", "BatchNormalization", "LayerNormalization", "PReLU"}
	case 1:
		cands = []string{"Conv1D", "Dense", "LSTM", "GRU", "SimpleRNN", "BatchNormalization", "LayerNormalization", "SeparableConv1D", "DepthwiseConv1D", "Conv1DTranspose", "PReLU"}
	case 2:
		cands = []string{"Conv2D", "Dense", "BatchNormalization", "LayerNormalization", "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose", "PReLU"}
	case 3:
		cands = []string{"Conv3D", "Dense", "BatchNormalization", "LayerNormalization", "Conv3DTranspose", "PReLU"}
	default:
		cands = []string{"Dense", "BatchNormalization", "LayerNormalization"}
	}
	if innerIn != nil && len(innerOut) == len(innerIn)+1 {
		cands = append([]string{"Embedding"}, cands...)
	}
	inner := Obs{Format: o.Format, Out: innerOut, Params: o.Params}
	if innerIn != nil {
		inner.In = []Dims{innerIn}
	}
	var first *Verdict
	for _, c := range cands {
		s := Lookup(c)
		if s == nil || s.Explain == nil {
			continue
		}
		inner.Class = c
		v := s.Explain(&inner)
		if v.Status == OK && v.Fit != nil {
			f := *v.Fit
			f.Config = "TimeDistributed(" + c + "), " + f.Config
			return Verdict{Status: OK, Fit: &f, Shape: v.Shape}
		}
		if first == nil && v.Status == Mismatch {
			vv := v
			first = &vv
		}
	}
	if first != nil && innerIn != nil {
		first.Message = "no TimeDistributed(" + cands[0] + ") or other standard wrapped layer fits: " + first.Message
		return *first
	}
	return unknown("the wrapped layer is not shown")
}

// ---- Build ----

func buildRNN(k rnnKind) func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	return func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
		if len(in) == 0 || len(in[0]) != 3 || in[0].Last() <= 0 {
			return nil, nil, errNoInput
		}
		u := cfg.intOr(-1, "units", "output_dim")
		if u <= 0 {
			return nil, nil, errMissing("units")
		}
		b := int64(1)
		if k == rnnGRU && cfg.boolOr(false, "reset_after") {
			b = 2
		}
		if k == rnnCuLSTM || k == rnnCuGRU {
			b = 2
		}
		if !cfg.boolOr(true, "use_bias", "bias") {
			b = 0
		}
		f := rnnFit(k, in[0].Last(), u, b)
		x := in[0]
		out := Dims{x[0], u}
		if cfg.boolOr(false, "return_sequences") {
			out = Dims{x[0], x[1], u}
		}
		outs := []Dims{out}
		if cfg.boolOr(false, "return_state") {
			n := 1
			if k == rnnLSTM || k == rnnCuLSTM {
				n = 2
			}
			for i := 0; i < n; i++ {
				outs = append(outs, Dims{x[0], u})
			}
		}
		return outs, f.Weights, nil
	}
}
