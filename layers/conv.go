package layers

import (
	"sort"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Convolution layers: Conv1D/2D/3D (and their Keras 1 names), transposed convolutions, separable and
// depthwise convolutions, locally connected layers, and the zero-weight resampling layers.

func init() {
	conv := func(class string, rank int, aliases ...string) *Spec {
		return &Spec{Class: class, Aliases: aliases, Family: "convolution",
			Explain: guard(explainConv(rank, false)), Build: buildConv(rank, false),
			Readings: readConv(class, rank, false), Teach: teachConv(class, rank, false)}
	}
	tconv := func(class string, rank int, aliases ...string) *Spec {
		return &Spec{Class: class, Aliases: aliases, Family: "convolution",
			Explain: guard(explainConv(rank, true)), Build: buildConv(rank, true),
			Readings: readConv(class, rank, true), Teach: teachConv(class, rank, true)}
	}
	register(
		conv("Conv1D", 1, "Convolution1D", "AtrousConvolution1D", "AtrousConv1D"),
		conv("Conv2D", 2, "Convolution2D", "AtrousConvolution2D", "AtrousConv2D"),
		conv("Conv3D", 3, "Convolution3D"),
		tconv("Conv1DTranspose", 1, "Convolution1DTranspose", "Deconvolution1D", "Deconv1D"),
		tconv("Conv2DTranspose", 2, "Convolution2DTranspose", "Deconvolution2D", "Deconv2D"),
		tconv("Conv3DTranspose", 3, "Convolution3DTranspose", "Deconvolution3D", "Deconv3D"),
		&Spec{Class: "SeparableConv1D", Aliases: []string{"SeparableConvolution1D"}, Family: "convolution",
			Explain: guard(explainSeparable(1)), Readings: readSeparable("SeparableConv1D", 1), Teach: teachSeparable(1)},
		&Spec{Class: "SeparableConv2D", Aliases: []string{"SeparableConvolution2D"}, Family: "convolution",
			Explain: guard(explainSeparable(2)), Readings: readSeparable("SeparableConv2D", 2), Teach: teachSeparable(2)},
		&Spec{Class: "DepthwiseConv1D", Family: "convolution", Explain: guard(explainDepthwise(1)),
			Readings: readDepthwise("DepthwiseConv1D", 1), Teach: teachDepthwise(1)},
		&Spec{Class: "DepthwiseConv2D", Family: "convolution", Explain: guard(explainDepthwise(2)),
			Readings: readDepthwise("DepthwiseConv2D", 2), Teach: teachDepthwise(2)},
		&Spec{Class: "LocallyConnected1D", Family: "convolution", Explain: guard(explainLocal(1))},
		&Spec{Class: "LocallyConnected2D", Family: "convolution", Explain: guard(explainLocal(2))},
	)
}

// convLayout is one reading of the channel axis: channels_last or channels_first.
type convLayout struct {
	c, f        int64   // input channels, output channels (-1 unknown)
	inS, outS   []int64 // spatial lengths (nil unknown)
	first       bool
	description string
}

// layouts lists the readings of a rank-r convolution row: channels_last first, then
// channels_first when the ranks allow it.
func layouts(o *Obs, rank int) []convLayout {
	in, out := inShape(o, 0), outShape(o)
	var ls []convLayout
	l := convLayout{c: -1, f: out.Last()}
	if in != nil {
		l.c = in.Last()
		if len(in) == rank+2 {
			l.inS = in[1 : rank+1]
		}
	}
	if len(out) == rank+2 {
		l.outS = out[1 : rank+1]
	}
	ls = append(ls, l)
	if len(out) == rank+2 && rank > 0 {
		m := convLayout{c: -1, f: out[1], first: true, outS: out[2:], description: "channels_first"}
		if in != nil && len(in) == rank+2 {
			m.c = in[1]
			m.inS = in[2:]
		} else if in != nil {
			m.f = -1
		}
		if m.f > 0 {
			ls = append(ls, m)
		}
	}
	return ls
}

// kernelDims guesses the kernel from its area K and the shape change: stride-1 valid padding gives
// each axis (k = L − L' + 1, or L' − L + 1 for a transposed conv); a perfect power is the square
// kernel. The bool says whether the guess is determined (not just a guess from the area).
func kernelDims(K int64, rank int, inS, outS []int64, transpose bool) ([]int64, bool) {
	if rank == 1 {
		return []int64{K}, true
	}
	if len(inS) == rank && len(outS) == rank {
		ks := make([]int64, rank)
		all := true
		for i := 0; i < rank; i++ {
			var k int64
			if transpose {
				k = outS[i] - inS[i] + 1
			} else {
				k = inS[i] - outS[i] + 1
			}
			if inS[i] <= 0 || outS[i] <= 0 || k <= 1 {
				all = false
				break
			}
			ks[i] = k
		}
		if all && prod(ks) == K {
			return ks, true
		}
	}
	k := root(K, rank)
	if k > 0 {
		ks := make([]int64, rank)
		for i := range ks {
			ks[i] = k
		}
		return ks, false
	}
	return nil, false
}

// root is the integer r-th root of K, or 0 when K is not a perfect power.
func root(K int64, r int) int64 {
	for k := int64(1); k <= 64; k++ {
		p := int64(1)
		for i := 0; i < r; i++ {
			p *= k
		}
		if p == K {
			return k
		}
		if p > K {
			return 0
		}
	}
	return 0
}

func joinDims(d []int64) string {
	var b strings.Builder
	for i, x := range d {
		if i > 0 {
			b.WriteString(" × ")
		}
		b.WriteString(itoa(x))
	}
	return b.String()
}

func kernelPhrase(K int64, ks []int64, sure bool, rank int) (cfg, ambiguous string) {
	if ks == nil {
		return "kernel area " + itoa(K), "any kernel of area " + itoa(K)
	}
	if sure || rank == 1 {
		return "kernel " + joinDims(ks), ""
	}
	return "kernel " + joinDims(ks), "or any kernel of area " + itoa(K)
}

// convFit is one configuration of a (transposed) convolution with kernel area K.
func convFit(o *Obs, rank int, l convLayout, K, g int64, bias, transpose bool) Fit {
	ks, sure := kernelDims(K, rank, l.inS, l.outS, transpose)
	cg := l.c / g
	f := Fit{Params: K * cg * l.f, InferredIn: nil}
	var kshape []int64
	if ks != nil {
		kshape = append(kshape, ks...)
	} else {
		kshape = append(kshape, K)
	}
	if transpose {
		kshape = append(kshape, l.f, cg)
	} else {
		kshape = append(kshape, cg, l.f)
	}
	f.Weights = []Weight{{Name: "kernel", Shape: kshape, Trainable: true}}
	cfg, amb := kernelPhrase(K, ks, sure, rank)
	// the derivation: f filters × (k × k × C inputs + 1 bias) = p
	var kx []Expr
	if ks != nil {
		for _, k := range ks {
			kx = append(kx, N(k))
		}
	} else {
		kx = append(kx, N(K, "kernel area"))
	}
	unit := "channels"
	if g > 1 {
		unit = "channels per group"
		cfg += ", groups=" + itoa(g)
	}
	kx = append(kx, N(cg, unit))
	e := Mul(append([]Expr{N(l.f, "filters")}, kx...)...)
	if bias {
		f.Params += l.f
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{l.f}, Trainable: true})
		e = Mul(N(l.f, "filters"), Add(Mul(kx...), N(1, "bias")))
		cfg += ", with bias"
	} else {
		cfg += ", use_bias=False"
	}
	if l.first {
		cfg += ", " + l.description
	}
	f.Derivation = Count(e)
	f.Config = cfg
	f.Ambiguous = amb
	return f
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

// kernelBound is the largest kernel area a convolution can have that maps the spatial lengths inS
// to outS: an axis that same (or causal) padding cannot explain needs valid padding, where
// k ≤ dil·(k−1)+1 ≤ L − (L'−1)·s ≤ L − L' + 1. Unknown or growing axes bound nothing.
func kernelBound(inS, outS []int64) int64 {
	const none = int64(1) << 62
	if len(inS) == 0 || len(inS) != len(outS) {
		return none
	}
	b := int64(1)
	for i := range inS {
		L, Lo := inS[i], outS[i]
		if L <= 0 || Lo <= 0 || Lo > L {
			return none
		}
		if sameReaches(L, Lo) {
			return none
		}
		b *= L - Lo + 1
	}
	return b
}

// axisKernel reports whether a kernel of size k can take length L to Lo on one axis, for some
// stride and dilation: same padding takes any kernel (capped at max(L, 7) when strict, for the
// rare readings that could otherwise explain any count); valid padding needs a dilated extent
// Kd = dil·(k−1)+1 with ⌊(L − Kd)/s⌋ + 1 = Lo.
func axisKernel(k, L, Lo int64, strict bool) bool {
	if L <= 0 || Lo <= 0 || Lo > L {
		return true
	}
	if sameReaches(L, Lo) {
		return !strict || k <= max64(L, 7)
	}
	// only reached when Lo > √L (same padding reaches every length up to √L), so the strides
	// tried are at most √L + 1; the dilated extents of one stride are checked at once
	for s := int64(1); L-(Lo-1)*s >= 1; s++ {
		hi := L - (Lo-1)*s
		lo := max64(1, hi-(s-1))
		if k == 1 {
			if lo <= 1 {
				return true
			}
			continue
		}
		a := max64(lo, 2)
		kd := 1 + (a-1+k-2)/(k-1)*(k-1) // the smallest dil·(k−1)+1 ≥ a
		if kd <= hi {
			return true
		}
	}
	return false
}

// sameReaches reports whether same padding takes length L to Lo for some stride: ⌈L/s⌉ = Lo.
// ⌈L/s⌉ falls as s grows, and s0 = ⌈L/Lo⌉ is the first stride that brings it to Lo or below.
func sameReaches(L, Lo int64) bool {
	if L <= 0 || Lo <= 0 {
		return false
	}
	s0 := (L + Lo - 1) / Lo
	return (L+s0-1)/s0 == Lo
}

// kernelFits reports whether some kernel of area K fits the shape change on every spatial axis.
func kernelFits(K int64, inS, outS []int64, strict bool) bool {
	if len(inS) == 0 || len(inS) != len(outS) {
		return true
	}
	if len(inS) == 1 {
		return axisKernel(K, inS[0], outS[0], strict)
	}
	for k := int64(1); k <= K; k++ {
		if K%k == 0 && axisKernel(k, inS[0], outS[0], strict) && kernelFits(K/k, inS[1:], outS[1:], strict) {
			return true
		}
		if k > 4096 {
			return true // too large to enumerate: do not judge
		}
	}
	return false
}

// plausibleLayout checks the kernel area against the shape change; a channels_first reading or a
// grouped convolution is held to the strict rule.
func plausibleLayout(l convLayout, K, g int64) bool {
	strict := l.first || g > 1
	if !kernelFits(K, l.inS, l.outS, strict) {
		return false
	}
	if strict && len(l.inS) > 0 {
		a := int64(1)
		for _, x := range l.inS {
			if x <= 0 {
				return true
			}
			a *= x
		}
		return K <= a
	}
	return true
}

// convMatch finds the configurations of layout l that give exactly p.
func convMatch(o *Obs, rank int, l convLayout, p int64, transpose bool) []Fit {
	var fits []scoredFit
	bound := int64(1) << 62
	if !transpose {
		bound = kernelBound(l.inS, l.outS)
	}
	gg := gcd(l.c, l.f)
	if o.Format == grammar.Keras1 || o.Format == grammar.TFJS {
		gg = 1 // no groups argument
	}
	for _, bias := range []bool{true, false} {
		rem := p
		if bias {
			rem -= l.f
		}
		if rem <= 0 {
			continue
		}
		for _, g := range divisors(gg, gg) {
			if transpose && g > 1 {
				continue
			}
			per := (l.c / g) * l.f
			if rem%per == 0 && rem/per <= bound && plausibleLayout(l, rem/per, g) {
				f := convFit(o, rank, l, rem/per, g, bias, transpose)
				fits = append(fits, scoredFit{f, convPlausibility(rem/per, g, bias, rank)})
			}
		}
	}
	sort.SliceStable(fits, func(i, j int) bool { return fits[i].score < fits[j].score })
	out := make([]Fit, len(fits))
	for i, f := range fits {
		out[i] = f.Fit
	}
	return out
}

type scoredFit struct {
	Fit
	score int
}

// convPlausibility ranks readings of a convolution's count, lower first: no groups before
// groups, a square (cubic) kernel before any other area, a bias before none.
func convPlausibility(K, g int64, bias bool, rank int) int {
	score := 0
	if g > 1 {
		score += 10
	}
	if rank > 1 && root(K, rank) == 0 {
		score += 4
	}
	if K > 49 && rank == 1 || K > 121 && rank == 2 {
		score += 2
	}
	if !bias {
		score++
	}
	return score
}

func className(o *Obs, def string) string {
	if o.Class != "" {
		return o.Class
	}
	return def
}

func explainConv(rank int, transpose bool) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		ls := layouts(o, rank)
		if ls[0].f <= 0 {
			return unknown("the output shape does not show the filters")
		}
		p, ok := pcount(o)
		name := className(o, "Conv")
		if ls[0].c <= 0 {
			return convNoInput(o, rank, ls, transpose)
		}
		if !ok {
			// no count: the kernel only from the shape change
			l := ls[0]
			if len(l.inS) == rank && len(l.outS) == rank {
				ks := make([]int64, rank)
				for i := range ks {
					if transpose {
						ks[i] = l.outS[i] - l.inS[i] + 1
					} else {
						ks[i] = l.inS[i] - l.outS[i] + 1
					}
					if ks[i] < 2 || ks[i] > maxGuessedKernel || l.inS[i] <= 0 || l.outS[i] <= 0 {
						return unknown("the count is not shown, and the shape change does not fix the kernel (strides or same padding may give it)")
					}
				}
				f := convFit(o, rank, l, prod(ks), 1, true, transpose)
				f.Ambiguous = "assuming stride 1 and valid padding"
				return Verdict{Status: OK, Fit: &f}
			}
			return unknown("the kernel size is not shown")
		}
		for _, l := range ls {
			if l.c <= 0 {
				continue
			}
			if fits := convMatch(o, rank, l, p, transpose); len(fits) > 0 {
				f := fits[0]
				if len(fits) > 1 && f.Ambiguous == "" {
					f.Ambiguous = "or " + fits[1].Config
				}
				return Verdict{Status: OK, Fit: &f}
			}
		}
		// no configuration: list the nearest (channels_last, groups 1)
		l := ls[0]
		var near []Fit
		for _, bias := range []bool{true, false} {
			rem := p
			if bias {
				rem -= l.f
			}
			K := rem / (l.c * l.f)
			for _, k := range []int64{K, K + 1} {
				if k >= 1 {
					near = append(near, convFit(o, rank, l, k, 1, bias, transpose))
				}
			}
		}
		return mismatch(o, "no "+name+"("+Num(l.f)+") on "+Num(l.c)+" channels has "+Num(p)+" weights", near)
	}
}

// convNoInput judges a convolution whose input is not shown (the first row of a Sequential): the
// count is filters × (kernel area × channels + 1), so it must be a multiple of the filters.
func convNoInput(o *Obs, rank int, ls []convLayout, transpose bool) Verdict {
	p, ok := pcount(o)
	if !ok {
		return unknown("neither the input channels nor the count is shown")
	}
	for _, l := range ls {
		if l.f <= 0 || p%l.f != 0 {
			continue
		}
		kc := p/l.f - 1
		bias := true
		if kc < 1 {
			kc, bias = p/l.f, false
		}
		// a first image layer usually reads 3 (RGB) or 1 (grey) channels with a square kernel; a
		// first 1-D layer reads a sequence through a kernel of 3, 5 or 7 steps
		chans := []int64{3, 1, 4, 2}
		if rank == 1 {
			chans = nil
			for _, k := range []int64{3, 5, 7, 2, 4, 9, 11, 1} {
				if kc >= k && kc%k == 0 {
					chans = append(chans, kc/k)
				}
			}
		}
		for _, c := range chans {
			if c <= 0 || kc%c != 0 || root(kc/c, rank) == 0 {
				continue
			}
			m := l
			m.c = c
			f := convFit(o, rank, m, kc/c, 1, bias, transpose)
			f.InferredIn = Dims{int64(c)}
			f.Ambiguous = "the input is not shown: kernel area × input channels = " + Num(kc) + " (or " + Num(kc+1) + " without bias)"
			return okFit(f)
		}
		m := l
		m.c = kc
		f := Fit{Params: p, Config: "kernel area × input channels = " + Num(kc),
			Derivation: Count(Mul(N(l.f, "filters"), Add(N(kc, "kernel area × channels"), N(1, "bias")))),
			Ambiguous:  "the input is not shown; or " + Num(kc+1) + " without bias"}
		if !bias {
			f.Derivation = Say("use_bias=False: ").Then("", Count(Mul(N(l.f, "filters"), N(kc, "kernel area × channels"))))
		}
		return okFit(f)
	}
	f := ls[0].f
	return Verdict{Status: Mismatch, Message: "no " + className(o, "Conv") + " with " + Num(f) + " filters has " + Num(p) +
		" weights: the count is filters × (kernel area × channels + 1 bias), a multiple of " + Num(f)}
}

// convShapeNote explains the spatial output lengths.
func convShapeNote(l convLayout, ks []int64, transpose bool) string {
	if len(l.inS) == 0 || len(l.inS) != len(l.outS) {
		return ""
	}
	same := true
	for i := range l.inS {
		if l.inS[i] != l.outS[i] {
			same = false
		}
	}
	if same {
		if l.inS[0] <= 0 {
			return ""
		}
		return "length " + joinDims(l.inS) + ": padding same keeps it"
	}
	var parts []string
	for i := range l.inS {
		L, Lo := l.inS[i], l.outS[i]
		if L <= 0 || Lo <= 0 {
			continue
		}
		k := int64(0)
		if i < len(ks) {
			k = ks[i]
		}
		parts = append(parts, lengthRule(L, Lo, k, transpose))
	}
	return strings.Join(parts, "; ")
}

// lengthRule names the rule that takes L to Lo for a kernel (or pool) k (0 unknown).
func lengthRule(L, Lo, k int64, transpose bool) string {
	if transpose {
		for s := int64(1); s <= 4; s++ {
			if L*s == Lo {
				return itoa(L) + " × " + itoa(s) + " = " + itoa(Lo) + " (padding same, strides " + itoa(s) + ")"
			}
			if k > 0 && L*s+max64(k-s, 0) == Lo {
				return itoa(L) + " × " + itoa(s) + " + max(" + itoa(k) + " − " + itoa(s) + ", 0) = " + itoa(Lo) + " (valid padding)"
			}
		}
		return itoa(L) + " → " + itoa(Lo)
	}
	if L == Lo {
		return itoa(L) + " kept (padding same)"
	}
	for s := int64(1); s <= 4; s++ {
		if k > 0 && (L-k)/s+1 == Lo && L >= k {
			if s == 1 {
				return itoa(L) + " − " + itoa(k) + " + 1 = " + itoa(Lo) + " (valid padding)"
			}
			return "⌊(" + itoa(L) + " − " + itoa(k) + ") / " + itoa(s) + "⌋ + 1 = " + itoa(Lo) + " (valid padding, strides " + itoa(s) + ")"
		}
	}
	for s := int64(2); s <= 4; s++ {
		if (L+s-1)/s == Lo {
			return "⌈" + itoa(L) + " / " + itoa(s) + "⌉ = " + itoa(Lo) + " (padding same, strides " + itoa(s) + ")"
		}
	}
	return itoa(L) + " → " + itoa(Lo)
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// ---- separable and depthwise ----

func separableFit(rank int, l convLayout, K, m int64, bias bool, k3 bool) Fit {
	ks, sure := kernelDims(K, rank, l.inS, l.outS, false)
	kd := ks
	if kd == nil {
		kd = []int64{K}
	}
	dk := append(append([]int64{}, kd...), l.c, m)
	pk := make([]int64, 0, rank+2)
	for i := 0; i < rank; i++ {
		pk = append(pk, 1)
	}
	pk = append(pk, l.c*m, l.f)
	f := Fit{Params: K*l.c*m + l.c*m*l.f,
		Weights: []Weight{{Name: "depthwise_kernel", Shape: dk, Trainable: true}, {Name: "pointwise_kernel", Shape: pk, Trainable: true}}}
	cfg, amb := kernelPhrase(K, ks, sure, rank)
	if m != 1 {
		cfg += ", depth_multiplier=" + itoa(m)
	}
	if bias {
		f.Params += l.f
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{l.f}, Trainable: true})
		f.Derivation = Count(Add(Mul(N(K, "kernel"), N(l.c, "channels"), N(m)), Mul(N(l.c*m), N(l.f, "pointwise")), N(l.f, "biases")))
	} else {
		cfg += ", use_bias=False"
		f.Derivation = Say("use_bias=False: ").Then("", Count(Add(Mul(N(K, "kernel"), N(l.c, "channels"), N(m)), Mul(N(l.c*m), N(l.f, "pointwise")))))
	}
	f.Config, f.Ambiguous = cfg, amb
	return f
}

func explainSeparable(rank int) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		ls := layouts(o, rank)
		p, ok := pcount(o)
		if ls[0].f <= 0 || ls[0].c <= 0 || !ok {
			return unknown("the input channels or the count is not shown")
		}
		for _, l := range ls {
			if l.c <= 0 || l.f <= 0 {
				continue
			}
			var fits []Fit
			for _, bias := range []bool{true, false} {
				rem := p
				if bias {
					rem -= l.f
				}
				if rem <= 0 || rem%l.c != 0 {
					continue
				}
				q := rem / l.c // m·(K + f)
				var best *Fit
				for m := int64(1); m <= q/(l.f+1) && m <= maxReadingFactor && (!l.first || m <= 8); m++ {
					if q%m != 0 || q/m-l.f < 1 {
						continue
					}
					K := q/m - l.f
					if K > kernelBound(l.inS, l.outS) || !plausibleLayout(l, K, 1) {
						continue
					}
					if best == nil || root(K, rank) > 0 {
						f := separableFit(rank, l, K, m, bias, false)
						best = &f
					}
					if root(K, rank) > 0 {
						break
					}
				}
				if best != nil {
					fits = append(fits, *best)
				}
			}
			if len(fits) > 0 {
				f := fits[0]
				return Verdict{Status: OK, Fit: &f}
			}
		}
		l := ls[0]
		var near []Fit
		for _, bias := range []bool{true, false} {
			rem := p
			if bias {
				rem -= l.f
			}
			K := rem/l.c - l.f
			for _, k := range []int64{K, K + 1} {
				if k >= 1 {
					near = append(near, separableFit(rank, l, k, 1, bias, false))
				}
			}
		}
		return mismatch(o, "no "+className(o, "SeparableConv")+"("+Num(l.f)+") on "+Num(l.c)+" channels has "+Num(p)+" weights", near)
	}
}

func depthwiseFit(o *Obs, rank int, l convLayout, K, m int64, bias bool) Fit {
	ks, sure := kernelDims(K, rank, l.inS, l.outS, false)
	kd := ks
	if kd == nil {
		kd = []int64{K}
	}
	name := "depthwise_kernel"
	if o.Format == grammar.Keras3 {
		name = "kernel"
	}
	f := Fit{Params: K * l.c * m, Weights: []Weight{{Name: name, Shape: append(append([]int64{}, kd...), l.c, m), Trainable: true}}}
	cfg, amb := kernelPhrase(K, ks, sure, rank)
	if m != 1 {
		cfg += ", depth_multiplier=" + itoa(m)
	}
	if bias {
		f.Params += l.c * m
		f.Weights = append(f.Weights, Weight{Name: "bias", Shape: []int64{l.c * m}, Trainable: true})
		f.Derivation = Count(Mul(N(l.c, "channels"), N(m), Add(N(K, "kernel"), N(1, "bias"))))
	} else {
		cfg += ", use_bias=False"
		f.Derivation = Say("use_bias=False: ").Then("", Count(Mul(N(l.c, "channels"), N(m), N(K, "kernel"))))
	}
	f.Config, f.Ambiguous = cfg, amb
	return f
}

func explainDepthwise(rank int) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		ls := layouts(o, rank)
		p, ok := pcount(o)
		fo := ls[0].f
		if fo <= 0 || !ok {
			return unknown("the output channels or the count is not shown")
		}
		// every configuration has count = (C·m)·(K + bias), C·m the output channels
		anyMult := false
		for _, l := range ls {
			if l.f > 0 && p%l.f == 0 {
				anyMult = true
			}
		}
		if !anyMult {
			return Verdict{Status: Mismatch, Message: "no " + className(o, "DepthwiseConv") + " with " + Num(fo) +
				" output channels has " + Num(p) + " weights: the count is channels × (kernel area + 1 bias), a multiple of " + Num(fo)}
		}
		for _, l := range ls {
			if l.f <= 0 || p%l.f != 0 {
				continue
			}
			c, m := l.c, int64(1)
			if c > 0 && l.f%c == 0 {
				m = l.f / c
			} else {
				c = l.f
			}
			lm := l
			lm.c = c
			if b := kernelBound(l.inS, l.outS); p/l.f-1 > b || !plausibleLayout(l, p/l.f-1, 1) {
				if p/l.f > b || !plausibleLayout(l, p/l.f, 1) {
					continue
				}
			}
			if q := p / l.f; q >= 2 && q-1 <= kernelBound(l.inS, l.outS) {
				f := depthwiseFit(o, rank, lm, q-1, m, true)
				return Verdict{Status: OK, Fit: &f}
			}
			f := depthwiseFit(o, rank, lm, p/l.f, m, false)
			return okFit(f)
		}
		l := ls[0]
		if l.c > 0 && l.f%l.c == 0 {
			m := l.f / l.c
			q := p / l.f
			var near []Fit
			for _, k := range []int64{q - 1, q} {
				if k >= 1 {
					near = append(near, depthwiseFit(o, rank, l, k, m, true))
				}
			}
			return mismatch(o, "no "+className(o, "DepthwiseConv")+" on "+Num(l.c)+" channels with "+Num(l.f)+" outputs has "+Num(p)+" weights", near)
		}
		return unknown("")
	}
}

// ---- locally connected ----

var localLesson = &Lesson{Key: "LocallyConnected", Formula: "output positions × filters × (kernel area × channels) + output positions × filters",
	Why: []Deriv{Say("like a convolution, but the weights are not shared: every output position has a kernel and a bias of its own, so the count grows with the output's size")}}

// localKernel writes a locally connected layer's kernel area K: as its sides when the shape change
// gives them (stride 1, "2 × 2 kernel"), else as the area.
func localKernel(in, out Dims, rank int, K int64) Expr {
	if len(in) == rank+2 && len(out) == rank+2 && rank > 1 {
		sides := make([]Expr, rank)
		area := int64(1)
		for i := 0; i < rank; i++ {
			k := in[1+i] - out[1+i] + 1
			if in[1+i] <= 0 || out[1+i] <= 0 || k < 1 {
				return N(K, "kernel")
			}
			sides[i] = N(k)
			area *= k
		}
		if area == K {
			sides[rank-1].Unit = "kernel"
			return Mul(sides...)
		}
	}
	return N(K, "kernel")
}

func explainLocal(rank int) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		in, out := inShape(o, 0), outShape(o)
		p, ok := pcount(o)
		if !ok || len(out) != rank+2 || !known(out) {
			return unknown("the output shape or the count is not shown")
		}
		f := out.Last()
		O := prod(out[1 : rank+1])
		if in == nil || in.Last() <= 0 {
			if p%(O*f) != 0 && o.Format == grammar.Keras1 {
				return Verdict{Status: Mismatch, Message: "no " + o.Class + " with output " + ShapeString(out) + " has " + Num(p) +
					" weights: the count is positions × filters × (kernel × channels + 1)"}
			}
			return unknown("the input is not shown")
		}
		c := in.Last()
		mk := func(K int64, bias bool) Fit {
			ft := Fit{Params: O * K * c * f, Weights: []Weight{{Name: "kernel", Shape: []int64{O, K * c, f}, Trainable: true}}, Lesson: localLesson}
			bshape := append(append([]int64{}, out[1:rank+1]...), f)
			kern := localKernel(in, out, rank, K)
			positions := N(O, "positions")
			if rank > 1 {
				ps := make([]Expr, rank)
				for i := range ps {
					ps[i] = N(out[1+i])
				}
				ps[rank-1].Unit = "positions"
				positions = Mul(ps...)
			}
			if bias {
				ft.Params += O * f
				ft.Weights = append(ft.Weights, Weight{Name: "bias", Shape: bshape, Trainable: true})
				ft.Derivation = Count(Add(Mul(positions, N(f, "filters"), kern, N(c, "channels")), Mul(N(O, "positions"), N(f, "biases"))))
				ft.Config = "kernel area " + itoa(K) + ", with bias"
			} else {
				ft.Derivation = Say("use_bias=False: ").Then("", Count(Mul(positions, N(f, "filters"), kern, N(c, "channels"))))
				ft.Config = "kernel area " + itoa(K) + ", use_bias=False"
			}
			return ft
		}
		for _, bias := range []bool{true, false} {
			rem := p
			if bias {
				rem -= O * f
			}
			if rem > 0 && rem%(O*c*f) == 0 {
				return okFit(mk(rem/(O*c*f), bias))
			}
		}
		// implementation=2 (tf.keras): a dense masked kernel over all input positions
		if known(in) && len(in) == rank+2 {
			I := prod(in[1 : rank+1])
			k := I * c * O * f
			if p == k+O*f || p == k {
				ft := Fit{Params: p, Config: "implementation=2",
					Derivation: D("{} input positions × {} channels × {} output positions × {} filters, with bias: {}", I, c, O, f, p)}
				return okFit(ft)
			}
		}
		if o.Format == grammar.Keras1 {
			K := (p - O*f) / (O * c * f)
			return mismatch(o, "no "+o.Class+"("+Num(f)+") on "+Num(c)+" channels has "+Num(p)+" weights",
				[]Fit{mk(max64(K, 1), true), mk(K+1, true)})
		}
		return unknown("no implementation=1 or 2 configuration gives this count (implementation=3 is sparse)")
	}
}

// ---- Build ----

func buildConv(rank int, transpose bool) func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	return func(cfg Config, in []Dims) ([]Dims, []Weight, error) {
		if len(in) == 0 || len(in[0]) != rank+2 {
			return nil, nil, errNoInput
		}
		x := in[0]
		f := cfg.intOr(-1, "filters", "nb_filter")
		if f <= 0 {
			return nil, nil, errMissing("filters")
		}
		ks := cfg.ints(rank, 0, "kernel_size", "filter_length")
		if rank == 2 && ks[0] == 0 {
			ks = []int64{cfg.intOr(0, "nb_row"), cfg.intOr(0, "nb_col")}
		}
		if prod(ks) <= 0 {
			return nil, nil, errMissing("kernel_size")
		}
		st := cfg.ints(rank, 1, "strides", "subsample", "subsample_length")
		dil := cfg.ints(rank, 1, "dilation_rate", "atrous_rate")
		pad := cfg.str("valid", "padding", "border_mode")
		first := cfg.str("channels_last", "data_format") == "channels_first" || cfg.str("", "dim_ordering") == "th"
		groups := cfg.intOr(1, "groups")
		var c int64
		var sp Dims
		if first {
			c, sp = x[1], x[2:]
		} else {
			c, sp = x[rank+1], x[1:rank+1]
		}
		if c <= 0 {
			return nil, nil, errNoInput
		}
		outSp := make(Dims, rank)
		ops := cfg.ints(rank, -1, "output_padding")
		for i := 0; i < rank; i++ {
			outSp[i] = convLen(sp[i], ks[i], st[i], dil[i], pad, transpose, ops[i])
		}
		var out Dims
		if first {
			out = append(Dims{x[0], f}, outSp...)
		} else {
			out = append(append(Dims{x[0]}, outSp...), f)
		}
		kshape := append([]int64{}, ks...)
		if transpose {
			kshape = append(kshape, f, c)
		} else {
			kshape = append(kshape, c/groups, f)
		}
		w := []Weight{{Name: "kernel", Shape: kshape, Trainable: true}}
		if cfg.boolOr(true, "use_bias", "bias") {
			w = append(w, Weight{Name: "bias", Shape: []int64{f}, Trainable: true})
		}
		return []Dims{out}, w, nil
	}
}

// convLen is one spatial output length (§2.1, §2.3); -1 stays -1.
func convLen(L, k, s, dil int64, pad string, transpose bool, op int64) int64 {
	if L < 0 {
		return -1
	}
	K := dil*(k-1) + 1
	if transpose {
		if op >= 0 {
			p := int64(0)
			if pad == "same" {
				p = K / 2
			} else if pad == "full" {
				p = K - 1
			}
			return (L-1)*s + K - 2*p + op
		}
		switch pad {
		case "same":
			return L * s
		case "full":
			return L*s - (s + K - 2)
		}
		return L*s + max64(K-s, 0)
	}
	switch pad {
	case "same", "causal":
		return (L + s - 1) / s
	case "full":
		return (L + K - 1 + s - 1) / s
	}
	return (L-K)/s + 1
}

// divisors lists the divisors of n up to limit in increasing order. It takes min(√n, limit) steps
// for the small divisors and, for the large ones (n/d ≤ limit), only the d from n/limit up to √n:
// a hostile count of 19 digits with a small limit costs next to nothing.
func divisors(n, limit int64) []int64 {
	if n <= 0 || limit <= 0 {
		return nil
	}
	var small, large []int64
	for d := int64(1); d <= n/d && d <= limit; d++ {
		if n%d == 0 {
			small = append(small, d)
		}
	}
	from := max(1, n/limit)
	for d := from; d <= n/d; d++ {
		if n%d == 0 && n/d != d && n/d <= limit {
			large = append(large, n/d)
		}
	}
	for i := len(large) - 1; i >= 0; i-- {
		small = append(small, large[i])
	}
	return small
}
