package layers

import (
	"sort"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// The reading engine: one source of truth per layer. A class names the configurations a printed
// row leaves open (Spec.Readings: kernels, channels, bias, flags, a hidden input, each with its
// prior cost); the engine builds each with the class's Build — the same code that rebuilds models
// from source — keeps those whose weights add up to the printed count and whose output is the
// printed shape, ranks them by cost, and writes the explanation from the winning build's weights
// and configuration (Spec.Teach). The count in the explanation is therefore always the count of a
// layer Keras could build, and the weight arrays listed are that layer's.

// Reading is one configuration of a layer that a printed row may show.
type Reading struct {
	Layer   Layer    // class, arguments, wrapped layer and version: what Build builds
	In      []Dims   // the inputs it is built on: the shown ones, or assumed where the print hides them
	Cost    int      // how unusual the configuration is (priors.go); lower reads first
	Assumed []string // what the print leaves open that this reading takes: "kernel 5 × 1", "48 inputs"
	Hidden  bool     // the input is not shown: In is assumed
	Choice  int      // which of Obs.InChoices it reads, 1-based; 0 none
	// Fill, when set, makes Layer and Assumed: a class that names many readings leaves their
	// configuration and words to be made only for the readings the engine builds.
	Fill func(r *Reading)
}

// fill makes the reading's layer and words when they were left to be made.
func (r *Reading) fill() {
	if f := r.Fill; f != nil {
		r.Fill = nil
		f(r)
	}
}

// Built is a reading built: its output shapes and weight arrays.
type Built struct {
	Reading
	Out     []Dims
	Weights []Weight
	Params  int64
}

// Teaching is what a class says about a built layer: the count's arithmetic, the output
// shape's, and the lesson behind the formula.
type Teaching struct {
	Count  Deriv   // 64 filters × (3 × 1 channel + 1 bias) = 256
	Shape  Deriv   // 29 × 29: 31 − 3 + 1 on each side (valid padding)
	Lesson *Lesson // the formula in symbols and why each term is there
}

// Lesson is the formula of a family in symbols and the reason for each of its terms: what a good
// forum answer says once before it applies the formula row by row.
type Lesson struct {
	Key     string  // which formula: "Conv2D", "LSTM", "GRU reset_after=True"; said once per table
	Formula string  // "filters × (kernel height × kernel width × input channels + 1)"
	Why     []Deriv // one line per term, and the version defaults that change the count
}

// VersionOf is the Keras version whose defaults a table of the given era shows.
func VersionOf(f grammar.Format) Version {
	switch f {
	case grammar.Keras1:
		return Keras1
	case grammar.Keras27:
		return TFKeras
	case grammar.Keras3:
		return Keras3
	}
	return Keras2
}

// Judge explains a printed row: the class's reading engine where it has one, its Explain
// otherwise. The Explain stays the judge of a count no configuration can give (a mismatch, with
// the nearest builds); a count that a configuration reproduces is explained from the build.
func Judge(s *Spec, o *Obs) Verdict { return memoJudge(s, o) }

func judgeRead(s *Spec, o *Obs) Verdict {
	var v Verdict
	if s.Explain != nil {
		v = s.Explain(o)
	}
	if s.Readings == nil || o.Unbuilt || o.Format == grammar.Keras1 && o.Params != nil && *o.Params == 0 {
		return v
	}
	exact, near := read(s, o, v.Status == Mismatch)
	if len(exact) > 0 && v.Status != Mismatch {
		return verdictOf(s, o, exact)
	}
	if v.Status == Mismatch && len(near) > 0 && o.Params != nil {
		fits := make([]Fit, 0, 3)
		for _, b := range near {
			if len(fits) == 3 {
				break
			}
			fits = append(fits, fitOf(s, o, b, false))
		}
		v.Nearest = fits
		f := fits[0]
		v.Fit = &f
	}
	return v
}

// Read builds every reading of a row: exact are those that reproduce the printed count and
// shape, most plausible first; near are those with the printed shape but another count, nearest
// count first.
func Read(s *Spec, o *Obs) (exact, near []*Built) { return read(s, o, true) }

// read is Read; without all it builds only the readings that can be named — the most plausible
// exact one and those about as plausible (cost up to 2 more) — and no near ones: what a row that
// a configuration explains needs.
func read(s *Spec, o *Obs, all bool) (exact, near []*Built) {
	if s.Readings == nil {
		return nil, nil
	}
	if len(o.InChoices) > 0 {
		// a cut reference several rows fit: each of them as the input, nearest first; the
		// input counts as not shown only when none of them gives the printed count
		var allExact, allNear []*Built
		for k, in := range o.InChoices {
			oc := *o
			oc.In, oc.InChoices = in, nil
			ex, nr := read(s, &oc, all)
			for _, b := range append(ex, nr...) {
				b.Choice = k + 1
				b.Cost += min(k, 2)
			}
			allExact, allNear = append(allExact, ex...), append(allNear, nr...)
		}
		if len(allExact) > 0 {
			sort.SliceStable(allExact, func(i, j int) bool { return allExact[i].Cost < allExact[j].Cost })
			return allExact, allNear
		}
		oc := *o
		oc.InChoices = nil
		return read(s, &oc, all)
	}
	seen := map[string]bool{}
	rs := s.Readings(o)
	if !all {
		// cheapest first, so that building stops past the readings that could be named
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Cost < rs[j].Cost })
	}
	for i := range rs {
		r := &rs[i]
		if !all && len(exact) > 0 && r.Cost > exact[0].Cost+2 {
			break
		}
		r.fill()
		outs, ws, err := Build(&r.Layer, r.In)
		if err != nil || len(outs) == 0 {
			continue
		}
		b := &Built{Reading: *r, Out: outs, Weights: ws}
		for _, w := range ws {
			b.Params += w.Size()
		}
		if !shapeFits(o, outs) {
			continue
		}
		if o.Params != nil && b.Params != *o.Params {
			if all {
				near = append(near, b)
			}
			continue
		}
		exact = append(exact, b)
	}
	sort.SliceStable(exact, func(i, j int) bool { return exact[i].Cost < exact[j].Cost })
	// one reading per set of weight shapes: the cheapest way to get them
	out := exact[:0]
	for _, b := range exact {
		k := weightsKey(b.Weights, b.In)
		if !seen[k] {
			seen[k] = true
			out = append(out, b)
		}
	}
	exact = out
	if o.Params != nil {
		p := *o.Params
		sort.SliceStable(near, func(i, j int) bool {
			di, dj := abs(near[i].Params-p), abs(near[j].Params-p)
			if di != dj {
				return di < dj
			}
			return near[i].Cost < near[j].Cost
		})
		nn := near[:0]
		counts := map[int64]bool{}
		for _, b := range near {
			if !counts[b.Params] {
				counts[b.Params] = true
				nn = append(nn, b)
			}
		}
		near = nn
	}
	return exact, near
}

func weightsKey(ws []Weight, in []Dims) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Name + ShapeString(w.Shape))
	}
	for _, d := range in {
		b.WriteString("|" + ShapeString(d))
	}
	return b.String()
}

// shapeFits reports whether built outputs agree with the printed ones: same ranks, and every axis
// equal where both are known.
func shapeFits(o *Obs, outs []Dims) bool {
	if len(o.Outs) > 1 {
		if len(outs) != len(o.Outs) {
			return false
		}
		for i := range outs {
			if !dimsFit(outs[i], o.Outs[i]) {
				return false
			}
		}
		return true
	}
	if o.Out == nil {
		return true
	}
	return dimsFit(outs[0], o.Out)
}

func dimsFit(built, printed Dims) bool {
	if printed == nil {
		return true
	}
	if len(built) != len(printed) {
		return false
	}
	for i := range built {
		if built[i] >= 0 && printed[i] >= 0 && built[i] != printed[i] {
			return false
		}
	}
	return true
}

// verdictOf explains a row from its most plausible exact reading, naming the others that are
// about as plausible.
func verdictOf(s *Spec, o *Obs, exact []*Built) Verdict {
	best := exact[0]
	f := fitOf(s, o, best, len(exact) > 1 && exact[1].Cost <= best.Cost+2)
	var others []string
	for _, b := range exact[1:] {
		if b.Cost > best.Cost+1 || len(others) == 2 {
			break
		}
		if d := describeReading(b); d != "" && d != f.Config {
			if b.Choice != best.Choice && b.Choice > 0 {
				d = ShapeString(b.In[0]) + " in, " + d
			}
			others = append(others, d)
		}
	}
	if len(others) > 0 {
		f.Ambiguous = "or " + strings.Join(others, "; or ")
	}
	return Verdict{Status: OK, Fit: &f}
}

// fitOf turns a built reading into the fit the explanation shows.
func fitOf(s *Spec, o *Obs, b *Built, chosen bool) Fit {
	f := Fit{Params: b.Params, Weights: b.Weights, Config: describeReading(b), InChoice: b.Choice}
	if s.Teach != nil {
		t := s.Teach(b)
		f.Derivation, f.Shape, f.Lesson = t.Count, t.Shape, t.Lesson
	}
	if len(f.Derivation) == 0 {
		f.Derivation = weightSum(b.Weights)
	}
	if b.Hidden && len(b.In) > 0 {
		f.InferredIn = b.In[0]
	}
	switch {
	case b.Hidden:
		f.Assumed = "the input is not shown; read as " + f.Config
	case chosen && f.Config != "":
		f.Assumed = "read as " + f.Config
	}
	return f
}

func describeReading(b *Built) string { return strings.Join(b.Assumed, ", ") }

// weightSum is the plainest derivation: the sum of the weight arrays' sizes.
func weightSum(ws []Weight) Deriv {
	if len(ws) == 0 {
		return Say("no weights")
	}
	var terms []Expr
	var total int64
	for _, w := range ws {
		e := arrayExpr(w)
		terms = append(terms, e)
		total += w.Size()
	}
	if len(terms) == 1 {
		return Equation(terms[0], N(total))
	}
	return Equation(Add(terms...), N(total))
}

// arrayExpr is one weight array's size as the product of its shape, labelled with its name.
func arrayExpr(w Weight) Expr {
	if len(w.Shape) == 0 {
		return N(1, w.Name)
	}
	if len(w.Shape) == 1 {
		return N(w.Shape[0], w.Name)
	}
	var f []Expr
	for _, d := range w.Shape {
		f = append(f, N(d))
	}
	e := Mul(f...)
	e.Label = w.Name
	return e
}

// cfgOf is a configuration from keyword–value pairs.
func cfgOf(kv ...any) Config {
	c := Config{}
	for i := 0; i+1 < len(kv); i += 2 {
		c[kv[i].(string)] = kv[i+1]
	}
	return c
}

// withLast is d with its last axis set to n.
func withLast(d Dims, n int64) Dims {
	x := append(Dims{}, d...)
	if len(x) > 0 {
		x[len(x)-1] = n
	}
	return x
}

// unknownLike is a shape of d's rank with every axis unknown but the batch axis and the last.
func unknownLike(d Dims, last int64) Dims {
	x := make(Dims, len(d))
	for i := range x {
		x[i] = -1
	}
	if len(d) > 0 {
		x[0] = d[0]
		x[len(x)-1] = last
	}
	return x
}
