package layers

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Readings and teaching of the convolutions: the kernel, channels, bias, groups, layout and the
// padding, strides and dilation that take each spatial length to the printed one.

// axisRule is how one spatial axis maps its length L to Lo.
type axisRule struct {
	L, Lo, k, s, d int64
	pad            string // valid, same, causal, full
	op             int64  // output_padding of a transposed convolution; -1 none
	cost           int
}

// solveAxis finds the most common stride and dilation with which a kernel of side k and the
// given padding take L to Lo (transposed: Lo from L). ok is false when none does. An unknown
// length (≤ 0) fits any rule.
func solveAxis(L, Lo, k int64, pad string, transpose bool) (axisRule, bool) {
	r := axisRule{L: L, Lo: Lo, k: k, s: 1, d: 1, pad: pad, op: -1}
	if L <= 0 || Lo <= 0 {
		return r, true
	}
	try := func(s, d int64) bool {
		if convLen(L, k, s, d, pad, transpose, -1) == Lo {
			r.s, r.d = s, d
			if s > 1 {
				r.cost += costStride
			}
			if d > 1 {
				r.cost += costDilation
			}
			return true
		}
		return false
	}
	maxS := L
	if transpose {
		maxS = Lo
	}
	for s := int64(1); s <= maxS && s <= 64; s++ {
		if try(s, 1) {
			return r, true
		}
	}
	if k > 1 && !transpose {
		for d := int64(2); d*(k-1)+1 <= L+1 && d <= 64; d++ {
			if try(1, d) {
				return r, true
			}
		}
	}
	if transpose && pad != "full" {
		for s := int64(2); s <= 8; s++ {
			for op := int64(0); op < s; op++ {
				if convLen(L, k, s, 1, pad, true, op) == Lo {
					r.s, r.op, r.cost = s, op, costStride+costRare
					return r, true
				}
			}
		}
	}
	return r, false
}

// convPads lists the paddings a rank-r convolution of the era accepts, the common ones first.
func convPads(f grammar.Format, rank int, transpose bool) []string {
	switch {
	case f == grammar.Keras1 && !transpose:
		return padsFull
	case rank == 1 && !transpose && f != grammar.Keras1:
		return padsCausal
	}
	return padsPlain
}

// the paddings an era allows (shared lists: never changed)
var (
	padsPlain  = []string{"valid", "same"}
	padsCausal = []string{"valid", "same", "causal"}
	padsFull   = []string{"valid", "same", "full"}
)

func padCost(pad string) int {
	switch pad {
	case "causal":
		return 1
	case "full":
		return 3
	}
	return 0
}

// kernelShapes lists the kernels of area K for a rank-r convolution whose every axis fits the
// shape change with one padding: each with its per-axis rules. Sides are capped where a
// padding cannot use them (valid) or where no real model uses them (same: 4 × the input).
func kernelShapes(K int64, rank int, inS, outS []int64, pads []string, transpose bool) [][]axisRule {
	var out [][]axisRule
	acc0 := make([]axisRule, 0, rank) // the sides chosen so far; copied into out when whole
	for _, pad := range pads {
		var rec func(i int, left int64, acc []axisRule)
		rec = func(i int, left int64, acc []axisRule) {
			if len(out) > 64 {
				return
			}
			if i == rank-1 {
				if r, ok := axisFor(left, i, inS, outS, pad, transpose); ok {
					whole := make([]axisRule, len(acc)+1)
					copy(whole, acc)
					whole[len(acc)] = r
					out = append(out, whole)
				}
				return
			}
			for k := int64(1); k <= left && k <= 512; k++ {
				if left%k != 0 {
					continue
				}
				if r, ok := axisFor(k, i, inS, outS, pad, transpose); ok {
					rec(i+1, left/k, append(acc, r))
				}
			}
		}
		rec(0, K, acc0)
	}
	return out
}

func axisFor(k int64, i int, inS, outS []int64, pad string, transpose bool) (axisRule, bool) {
	L, Lo := int64(-1), int64(-1)
	if i < len(inS) {
		L = inS[i]
	}
	if i < len(outS) {
		Lo = outS[i]
	}
	limit := int64(11)
	if L > 0 {
		limit = max(4*L, 11)
	}
	if k > limit {
		return axisRule{}, false
	}
	return solveAxis(L, Lo, k, pad, transpose)
}

// rulesCost is the cost of a kernel and its axis rules: the kernel's, the strides' and dilations',
// strides that differ between axes, and the padding's. An even kernel side with same padding
// (padded unevenly) is rarer than an odd one.
func rulesCost(rs []axisRule) int {
	ks := make([]int64, len(rs))
	c := 0
	even := false
	for i, r := range rs {
		ks[i] = r.k
		c += r.cost
		even = even || r.k%2 == 0 && r.pad == "same"
		if i > 0 && (r.s != rs[0].s || r.d != rs[0].d) {
			c += costUnevenStride
		}
	}
	if even {
		c += 2
	}
	return c + kernelCost(ks) + padCost(rs[0].pad)
}

// convSides is one reading of where a convolution row keeps its channels.
type convSides struct {
	first     bool
	c, f      int64   // input channels (-1 hidden), filters
	inS, outS []int64 // spatial lengths (nil: not shown)
	cost      int
}

// convLayouts lists channels_last, then channels_first where the printed ranks allow it.
func convLayouts(o *Obs, rank int) []convSides {
	in, out := inShape(o, 0), outShape(o)
	if len(out) != rank+2 {
		return nil
	}
	var ls []convSides
	last := convSides{c: -1, f: out.Last(), outS: out[1 : rank+1]}
	first := convSides{c: -1, f: out[1], outS: out[2:], first: true, cost: costChannelsFirst}
	if o.Format == grammar.Keras1 {
		first.cost = 1 // 'th' was Keras 1.0's default
	}
	if in != nil {
		if len(in) != rank+2 {
			return nil
		}
		last.c, last.inS = in.Last(), in[1:rank+1]
		first.c, first.inS = in[1], in[2:]
	}
	// images are square more often than not: a reading whose spatial axes differ costs more
	for _, l := range []*convSides{&last, &first} {
		for _, x := range l.outS[1:] {
			if x != l.outS[0] {
				l.cost++
				break
			}
		}
	}
	if last.f > 0 {
		ls = append(ls, last)
	}
	if first.f > 0 && rank > 0 {
		ls = append(ls, first)
	}
	return ls
}

// hiddenKernels are the kernels tried when the input is not shown: squares, then row and column
// filters and the small oblong ones.
func hiddenKernels(rank int) [][]int64 {
	sides := []int64{1, 2, 3, 4, 5, 7, 9, 11}
	var out [][]int64
	for _, k := range sides {
		ks := make([]int64, rank)
		for i := range ks {
			ks[i] = k
		}
		out = append(out, ks)
	}
	if rank == 2 {
		small := []int64{1, 2, 3, 5, 7}
		for _, a := range small {
			for _, b := range small {
				if a != b {
					out = append(out, []int64{a, b})
				}
			}
		}
	}
	return out
}

// channelCost ranks a hidden input's channels: raw images for 2-D and 3-D inputs, any width for
// sequences.
func channelCost(c int64, rank int) int {
	if rank >= 2 {
		return imageChannelCost(c)
	}
	return widthCost(c)
}

// convConfig is the configuration of one conv reading.
func convConfig(f int64, rs []axisRule, bias bool, g int64, first bool) Config {
	ks, st, dl := make([]any, len(rs)), make([]any, len(rs)), make([]any, len(rs))
	for i, r := range rs {
		ks[i], st[i], dl[i] = r.k, r.s, r.d
	}
	c := cfgOf("filters", f, "kernel_size", ks, "strides", st, "dilation_rate", dl, "padding", rs[0].pad, "use_bias", bias)
	if g > 1 {
		c["groups"] = g
	}
	if first {
		c["data_format"] = "channels_first"
	}
	var ops []any
	for _, r := range rs {
		if r.op >= 0 {
			ops = append(ops, r.op)
		}
	}
	if len(ops) == len(rs) {
		c["output_padding"] = ops
	}
	return c
}

func kernelWords(rs []axisRule) string {
	ks := make([]int64, len(rs))
	for i, r := range rs {
		ks[i] = r.k
	}
	return "kernel " + joinDims(ks)
}

// biasChoice is one answer to "is there a bias?": what the count leaves for the kernel, the
// cost of the choice and how it is said.
type biasChoice struct {
	bias  bool
	rem   int64
	cost  int
	words []string
}

// biasChoices are the readings with a bias of n values (the default) and without.
func biasChoices(p, n int64) []biasChoice {
	return []biasChoice{{true, p - n, 0, nil}, {false, p, costNoBias, []string{"use_bias=False"}}}
}

// readConv lists the readings of a convolution row (transposed when transpose).
func readConv(class string, rank int, transpose bool) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		p, ok := pcount(o)
		if !ok {
			return readConvNoCount(class, rank, transpose, o)
		}
		v := VersionOf(o.Format)
		var rs []Reading
		in := []Dims{inShape(o, 0)} // shared by the readings, never changed
		for _, l := range convLayouts(o, rank) {
			for _, bc := range biasChoices(p, l.f) {
				bias, rem, cost, words := bc.bias, bc.rem, l.cost+bc.cost, bc.words
				if l.first {
					words = append(words, "channels_first")
				}
				if rem <= 0 {
					continue
				}
				if l.c <= 0 {
					rs = append(rs, hiddenConv(class, rank, l, rem, bias, cost, words, v, o.RawInput)...)
					continue
				}
				for _, g := range convGroups(o.Format, l.c, l.f, transpose) {
					per := (l.c / g) * l.f
					gc, gw := cost, words
					if g > 1 {
						gc += costGroups
						gw = append(append([]string{}, words...), "groups="+itoa(g))
					}
					K := rem / per
					ks := []int64{K}
					if rem%per != 0 {
						ks = []int64{K, K + 1} // no kernel gives the count: the nearest ones
					}
					for _, k := range ks {
						if k < 1 {
							continue
						}
						for _, axes := range kernelShapes(k, rank, l.inS, l.outS, convPads(o.Format, rank, transpose), transpose) {
							f, first := l.f, l.first
							rs = append(rs, Reading{In: in, Cost: gc + rulesCost(axes),
								Fill: func(r *Reading) {
									r.Layer = Layer{Class: class, Config: convConfig(f, axes, bias, g, first), Version: v}
									r.Assumed = append([]string{kernelWords(axes)}, gw...)
								}})
						}
					}
				}
			}
		}
		return rs
	}
}

// convGroups lists the group counts the era allows: divisors of both channel counts.
func convGroups(f grammar.Format, c, filters int64, transpose bool) []int64 {
	gs := []int64{1}
	if transpose || f == grammar.Keras1 || f == grammar.TFJS {
		return gs
	}
	g := gcd(c, filters)
	for d := int64(2); d <= g && d <= 1024; d++ {
		if g%d == 0 {
			gs = append(gs, d)
		}
	}
	return gs
}

// hiddenConv reads a convolution whose input is not shown: kernel area × channels = rem / filters.
func hiddenConv(class string, rank int, l convSides, rem int64, bias bool, cost int, words []string, v Version, raw bool) []Reading {
	if rem%l.f != 0 {
		return nil
	}
	x := rem / l.f
	var rs []Reading
	for _, ks := range hiddenKernels(rank) {
		K := prod(ks)
		if x%K != 0 {
			continue
		}
		c := x / K
		in := make(Dims, rank+2)
		for i := range in {
			in[i] = -1
		}
		if l.first {
			in[1] = c
		} else {
			in[rank+1] = c
		}
		axes := make([]axisRule, rank)
		for i := range axes {
			axes[i] = axisRule{k: ks[i], s: 1, d: 1, pad: "valid", op: -1}
		}
		cc := widthCost(c)
		if raw {
			cc = channelCost(c, rank)
		}
		rs = append(rs, Reading{
			Layer: Layer{Class: class, Config: convConfig(l.f, axes, bias, 1, l.first), Version: v},
			In:    []Dims{in}, Hidden: true,
			Cost:    cost + kernelCost(ks) + cc,
			Assumed: append([]string{plural(c, "input channel"), kernelWords(axes)}, words...)})
	}
	return rs
}

// maxGuessedKernel is the largest kernel side a shape change is read as, stride 1 and valid
// padding, when the row shows no count. A larger side (64 → 32 would be 33) and a size kept (1)
// are strides and same padding far more often: no count is worked out from them.
const maxGuessedKernel = 11

// readConvNoCount: the row shows no count, so the kernel can only come from the shape change
// with stride 1 and valid padding, and only where that reading is the likely one.
func readConvNoCount(class string, rank int, transpose bool, o *Obs) []Reading {
	ls := convLayouts(o, rank)
	if len(ls) == 0 || ls[0].c <= 0 || len(ls[0].inS) != rank {
		return nil
	}
	l := ls[0]
	axes := make([]axisRule, rank)
	for i := range axes {
		k := l.inS[i] - l.outS[i] + 1
		if transpose {
			k = l.outS[i] - l.inS[i] + 1
		}
		if k < 2 || k > maxGuessedKernel || l.inS[i] <= 0 || l.outS[i] <= 0 {
			return nil
		}
		axes[i] = axisRule{L: l.inS[i], Lo: l.outS[i], k: k, s: 1, d: 1, pad: "valid", op: -1}
	}
	return []Reading{{Layer: Layer{Class: class, Config: convConfig(l.f, axes, true, 1, false), Version: VersionOf(o.Format)},
		In: []Dims{inShape(o, 0)}, Assumed: []string{kernelWords(axes), "stride 1 and valid padding assumed (the count is not shown)"}}}
}

// convParts reads a built convolution back: kernel sides, input channels per group, filters,
// groups, bias.
type convParts struct {
	rank      int
	ks        []int64
	cg, f, g  int64
	bias      bool
	transpose bool
}

func convPartsOf(b *Built, rank int, transpose bool) convParts {
	k := b.Weights[0].Shape
	cp := convParts{rank: rank, ks: k[:rank], bias: len(b.Weights) > 1, transpose: transpose, g: b.Layer.Config.intOr(1, "groups")}
	if transpose {
		cp.f, cp.cg = k[rank], k[rank+1]
	} else {
		cp.cg, cp.f = k[rank], k[rank+1]
	}
	return cp
}

// convCountExpr is filters × (k1 × … × channels + 1 bias).
func (cp convParts) expr() Expr {
	var inner []Expr
	for _, k := range cp.ks {
		inner = append(inner, N(k))
	}
	unit := "channels"
	if cp.g > 1 {
		unit = "channels per group"
	}
	inner = append(inner, N(cp.cg, unit))
	if cp.bias {
		return Mul(N(cp.f, "filters"), Add(Mul(inner...), N(1, "bias")))
	}
	return Mul(append([]Expr{N(cp.f, "filters")}, inner...)...)
}

func teachConv(class string, rank int, transpose bool) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		cp := convPartsOf(b, rank, transpose)
		t := Teaching{Count: Count(cp.expr()), Shape: convShape(b, rank, transpose)}
		if !cp.bias {
			t.Count = Say("use_bias=False: ").Then("", t.Count)
		}
		formula := map[int]string{1: "filters × (kernel size × input channels + 1)",
			2: "filters × (kernel height × kernel width × input channels + 1)",
			3: "filters × (kernel depth × kernel height × kernel width × input channels + 1)"}[rank]
		why := []Deriv{Say("each filter has one weight per kernel position and input channel, and one bias")}
		key := "Conv" + itoa(int64(rank)) + "D"
		if transpose {
			key += "Transpose"
			why = append(why, Say("a transposed convolution counts like a convolution: its kernel is (kernel…, filters, input channels)"))
		}
		why = append(why, Say("padding, strides and dilation change the output size, never the count"))
		if cp.g > 1 {
			why = append(why, Say("groups splits the input channels: each filter sees only its group's channels"))
		}
		if !cp.bias {
			why = append(why, Say("use_bias=False drops the + 1"))
		}
		t.Lesson = &Lesson{Key: key, Formula: formula, Why: why}
		return t
	}
}

// convShape explains the spatial output lengths of a built convolution.
func convShape(b *Built, rank int, transpose bool) Deriv {
	if b.Hidden {
		return nil
	}
	cfg := b.Layer.Config
	in, out := b.In[0], b.Out[0]
	first := cfg.str("", "data_format") == "channels_first"
	off := 1
	if first {
		off = 2
	}
	if len(in) != rank+2 || len(out) != rank+2 {
		return nil
	}
	ks := cfg.ints(rank, 1, "kernel_size")
	st := cfg.ints(rank, 1, "strides")
	dl := cfg.ints(rank, 1, "dilation_rate")
	ops := cfg.ints(rank, -1, "output_padding")
	rs := make([]axisRule, rank)
	for i := range rs {
		rs[i] = axisRule{L: in[off+i], Lo: out[off+i], k: ks[i], s: st[i], d: dl[i], pad: cfg.str("valid", "padding"), op: ops[i]}
	}
	return spatialShape(rs, transpose, false)
}

// spatialShape writes how the spatial lengths follow, one line for all axes: axes with the same
// rule merged ("29 × 29: 31 − 3 + 1 on each side (valid padding)"). pool gives the pool size in the
// reason and leaves out a stride equal to it (pooling's default).
func spatialShape(rs []axisRule, transpose, pool bool) Deriv {
	if len(rs) == 0 {
		return nil
	}
	var outs []int64
	for _, r := range rs {
		if r.L <= 0 || r.Lo <= 0 {
			return nil
		}
		outs = append(outs, r.Lo)
	}
	same, rule := true, true // same: every axis alike; rule: every axis by the same kernel, stride and dilation
	for _, r := range rs[1:] {
		rule = rule && r.k == rs[0].k && r.s == rs[0].s && r.d == rs[0].d && r.op == rs[0].op
		same = same && rule && r.L == rs[0].L && r.Lo == rs[0].Lo
	}
	var why []string
	pooled := false
	for _, r := range rs {
		pooled = pooled || r.k > 1
	}
	if pool && pooled {
		ks := make([]int64, len(rs))
		for i, r := range rs {
			ks[i] = r.k
		}
		why = append(why, "pool "+joinDims(ks))
	}
	why = append(why, rs[0].pad+" padding")
	if rule && rs[0].s > 1 && !(pool && rs[0].s == rs[0].k) {
		why = append(why, "strides "+itoa(rs[0].s))
	}
	if rule && rs[0].d > 1 {
		why = append(why, "dilation "+itoa(rs[0].d))
	}
	reason := " (" + strings.Join(why, ", ") + ")"
	r := rs[0]
	kept := true
	for _, x := range rs {
		kept = kept && x.L == x.Lo && x.s == 1
	}
	if kept && (r.pad == "same" || r.pad == "causal" && !transpose) {
		return Say(joinDims(outs) + ": same padding keeps the size")
	}
	if same && r.L == r.Lo && !transpose {
		how := "same padding keeps the size"
		if r.pad != "same" && r.pad != "causal" {
			how = "a kernel of 1 keeps the size"
		}
		if r.s > 1 {
			return nil
		}
		return Say(joinDims(outs) + ": " + how)
	}
	if same {
		eq := axisEquation(r, transpose)
		if len(rs) == 1 {
			return eq.Then("", Say(reason))
		}
		return D(strings.Repeat("{} × ", len(outs)-1)+"{}: ", outs...).Then("", eq).Then("", Say(" on each side"+reason))
	}
	d := D(strings.Repeat("{} × ", len(outs)-1)+"{}: ", outs...)
	said := make([]bool, len(rs))
	for i, r := range rs {
		if said[i] {
			continue
		}
		// the axes that follow the same rule from the same length are said once
		n := int64(0)
		for j := i; j < len(rs); j++ {
			if !said[j] && rs[j] == r {
				said[j] = true
				n++
			}
		}
		sep := ""
		if i > 0 {
			sep = "; "
		}
		if r.L == r.Lo && (!transpose || r.s == 1 && r.pad == "same") {
			d = d.Then(sep, D("{} kept", r.L))
		} else {
			d = d.Then(sep, axisEquation(r, transpose))
			if !rule && r.s > 1 && !(pool && r.s == r.k) {
				d = d.Then("", D(" (stride {})", r.s))
			}
		}
		if n > 1 {
			d = d.Then("", D(" on {} axes", n))
		}
	}
	return d.Then("", Say(reason))
}

// axisEquation is one axis's length as an equation.
func axisEquation(r axisRule, transpose bool) Deriv {
	Kd := N(r.k)
	if r.d > 1 {
		Kd = Add(Mul(N(r.d), Sub(N(r.k), N(1))), N(1))
	}
	Kv := r.d*(r.k-1) + 1
	L, s := N(r.L), N(r.s)
	if transpose {
		if r.op >= 0 {
			pad := int64(0)
			if r.pad == "same" {
				pad = Kv / 2
			}
			return Equation(Add(Sub(Add(Mul(Sub(L, N(1)), s), Kd), Mul(N(2), N(pad))), N(r.op)), N(r.Lo))
		}
		if r.pad == "same" {
			return Equation(Mul(L, s), N(r.Lo))
		}
		return Equation(Add(Mul(L, s), Max(Sub(Kd, s), N(0))), N(r.Lo))
	}
	switch r.pad {
	case "same", "causal":
		return Equation(CeilDiv(L, s), N(r.Lo))
	case "full":
		return Equation(CeilDiv(Add(L, Sub(Kd, N(1))), s), N(r.Lo))
	}
	if r.s == 1 {
		return Equation(Add(Sub(L, Kd), N(1)), N(r.Lo))
	}
	return Equation(Add(FloorDiv(Sub(L, Kd), s), N(1)), N(r.Lo))
}

// ---- depthwise and separable ----

// readDepthwise: count = channels × depth_multiplier × (kernel area + 1); the output has
// channels × depth_multiplier channels.
func readDepthwise(class string, rank int) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		p, ok := pcount(o)
		if !ok {
			return nil
		}
		var rs []Reading
		for _, l := range convLayouts(o, rank) {
			type cm struct {
				c, m   int64
				cost   int
				hidden bool
			}
			var cms []cm
			if l.c > 0 {
				if l.f%l.c != 0 {
					continue
				}
				cms = append(cms, cm{l.c, l.f / l.c, 0, false})
			} else {
				for _, m := range divisors(l.f, 8) {
					cms = append(cms, cm{l.f / m, m, 0, true})
				}
			}
			for _, x := range cms {
				for _, bc := range biasChoices(p, l.f) {
					bias, rem, cost := bc.bias, bc.rem, l.cost+x.cost+bc.cost
					words := append([]string{}, bc.words...)
					if x.m != 1 {
						cost += costNonDefault
						words = append(words, "depth_multiplier="+itoa(x.m))
					}
					if l.first {
						words = append(words, "channels_first")
					}
					if rem <= 0 || rem%l.f != 0 {
						continue
					}
					K := rem / l.f
					mk := func(axes []axisRule, in Dims, c int, extra ...string) Reading {
						cfg := convConfig(l.f, axes, bias, 1, l.first)
						delete(cfg, "filters")
						cfg["depth_multiplier"] = x.m
						return Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)}, In: []Dims{in}, Hidden: x.hidden,
							Cost: cost + c, Assumed: append(append(extra, kernelWords(axes)), words...)}
					}
					if !x.hidden {
						for _, axes := range kernelShapes(K, rank, l.inS, l.outS, convPads(o.Format, rank, false)[:2], false) {
							rs = append(rs, mk(axes, inShape(o, 0), rulesCost(axes)))
						}
						continue
					}
					for _, ks := range hiddenKernels(rank) {
						if prod(ks) != K {
							continue
						}
						in := make(Dims, rank+2)
						for i := range in {
							in[i] = -1
						}
						if l.first {
							in[1] = x.c
						} else {
							in[rank+1] = x.c
						}
						axes := make([]axisRule, rank)
						for i := range axes {
							axes[i] = axisRule{k: ks[i], s: 1, d: 1, pad: "valid", op: -1}
						}
						rs = append(rs, mk(axes, in, kernelCost(ks), plural(x.c, "input channel")))
					}
				}
			}
		}
		return rs
	}
}

func teachDepthwise(rank int) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		k := b.Weights[0].Shape
		c, m := k[rank], k[rank+1]
		var ks []Expr
		for _, x := range k[:rank] {
			ks = append(ks, N(x))
		}
		kern := Mul(ks...)
		if rank == 1 {
			kern = ks[0]
		}
		e := Mul(N(c, "channels"), N(m, "depth_multiplier"), kern)
		if len(b.Weights) > 1 {
			e = Mul(N(c, "channels"), N(m, "depth_multiplier"), Add(kern, N(1, "bias")))
		}
		t := Teaching{Count: Count(e), Shape: depthwiseShape(b, rank)}
		t.Lesson = &Lesson{Key: "DepthwiseConv", Formula: "channels × depth_multiplier × (kernel area + 1)",
			Why: []Deriv{Say("one kernel per input channel (depth_multiplier of them), which never mixes channels: the output has channels × depth_multiplier channels")}}
		return t
	}
}

func depthwiseShape(b *Built, rank int) Deriv {
	if b.Hidden {
		return nil
	}
	cfg := b.Layer.Config
	in, out := b.In[0], b.Out[0]
	off := 1
	if cfg.str("", "data_format") == "channels_first" {
		off = 2
	}
	if len(in) != rank+2 || len(out) != rank+2 {
		return nil
	}
	ks := cfg.ints(rank, 1, "kernel_size")
	st := cfg.ints(rank, 1, "strides")
	dl := cfg.ints(rank, 1, "dilation_rate")
	rs := make([]axisRule, rank)
	for i := range rs {
		rs[i] = axisRule{L: in[off+i], Lo: out[off+i], k: ks[i], s: st[i], d: dl[i], pad: cfg.str("valid", "padding"), op: -1}
	}
	return spatialShape(rs, false, false)
}

// readSeparable: count = kernel area × channels × m + channels × m × filters (+ filters).
func readSeparable(class string, rank int) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		p, ok := pcount(o)
		if !ok {
			return nil
		}
		var rs []Reading
		for _, l := range convLayouts(o, rank) {
			if l.c <= 0 {
				continue
			}
			for _, bc := range biasChoices(p, l.f) {
				bias, rem, cost, words := bc.bias, bc.rem, l.cost+bc.cost, bc.words
				if rem <= 0 || rem%l.c != 0 {
					continue
				}
				q := rem / l.c // m · (K + f)
				for m := int64(1); m <= 8; m++ {
					if q%m != 0 || q/m-l.f < 1 {
						continue
					}
					K := q/m - l.f
					mc, mw := cost, words
					if m != 1 {
						mc += costNonDefault
						mw = append(append([]string{}, words...), "depth_multiplier="+itoa(m))
					}
					for _, axes := range kernelShapes(K, rank, l.inS, l.outS, []string{"valid", "same"}, false) {
						cfg := convConfig(l.f, axes, bias, 1, l.first)
						cfg["depth_multiplier"] = m
						rs = append(rs, Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)}, In: []Dims{inShape(o, 0)},
							Cost: mc + rulesCost(axes), Assumed: append([]string{kernelWords(axes)}, mw...)})
					}
				}
			}
		}
		return rs
	}
}

func teachSeparable(rank int) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		dk, pk := b.Weights[0].Shape, b.Weights[1].Shape
		var ks []Expr
		for _, x := range dk[:rank] {
			ks = append(ks, N(x))
		}
		c, m := dk[rank], dk[rank+1]
		f := pk[len(pk)-1]
		depth := Mul(append(ks, N(c, "channels"), N(m, "depth_multiplier"))...)
		depth.Label = "depthwise"
		point := Mul(N(c*m, "channels"), N(f, "filters"))
		point.Label = "pointwise"
		parts := []Expr{depth, point}
		if len(b.Weights) > 2 {
			parts = append(parts, N(f, "biases"))
		}
		t := Teaching{Count: Count(Add(parts...)), Shape: depthwiseShape(b, rank)}
		t.Lesson = &Lesson{Key: "SeparableConv", Formula: "kernel area × channels × depth_multiplier + channels × depth_multiplier × filters + filters",
			Why: []Deriv{Say("a depthwise convolution (one kernel per input channel), then a 1 × 1 pointwise convolution that mixes the channels into the filters, then one bias per filter")}}
		return t
	}
}
