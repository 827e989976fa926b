package layers

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Core layers: Dense, Embedding, the Keras 1 dense variants and the weightless layers of the core
// family; and the helpers every family file uses.

func init() {
	register(
		&Spec{Class: "Dense", Family: "core", Explain: guard(explainDense), Build: buildDense,
			Readings: readDense, Teach: teachDense},
		&Spec{Class: "Embedding", Family: "core", Explain: guard(explainEmbedding), Build: buildEmbedding,
			Readings: readEmbedding, Teach: teachEmbedding},
		&Spec{Class: "InputLayer", Aliases: []string{"Input"}, Family: "core", Weightless: true,
			Explain: weightless(nil), Build: buildInput},
		&Spec{Class: "Activation", Family: "core", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "Identity", Family: "core", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "Masking", Family: "core", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "Lambda", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "TFOpLambda", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "SlicingOpLambda", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "ClassMethod", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "InstanceMethod", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "InstanceProperty", Family: "core", Weightless: true, Explain: weightless(nil)},
		&Spec{Class: "ActivityRegularization", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "Dropout", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "SpatialDropout1D", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "SpatialDropout2D", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "SpatialDropout3D", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "GaussianNoise", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "GaussianDropout", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "AlphaDropout", Family: "regularization", Weightless: true, Explain: weightless(nil), Build: buildSame},
		&Spec{Class: "Highway", Family: "core", Explain: guard(explainHighway), Build: buildHighway},
		&Spec{Class: "MaxoutDense", Family: "core", Explain: guard(explainMaxoutDense), Build: buildMaxoutDense},
		&Spec{Class: "TimeDistributedDense", Family: "core", Explain: guard(explainDense), Build: buildDense},
	)
}

// ---- verdict helpers ----

// guard wraps an Explain with the rules every weighted layer shares: an unbuilt Keras 3 row holds
// no weights yet, and a Keras 1.0.7–1.1.2 row of a frozen layer prints 0 (rows then count
// trainable weights only).
func guard(fn func(o *Obs) Verdict) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		if o.Unbuilt {
			f := Fit{Params: 0, Config: "unbuilt", Derivation: Say("not built yet, so no weights")}
			return Verdict{Status: OK, Fit: &f}
		}
		if o.Format == grammar.Keras1 && o.Params != nil && *o.Params == 0 {
			v := fn(&Obs{Class: o.Class, Name: o.Name, Format: o.Format, In: o.In, Out: o.Out, Outs: o.Outs})
			f := Fit{Params: 0, Config: "frozen (Keras 1.0.7–1.1.2 rows count trainable weights only)",
				Derivation: Say("trainable weights only, and the layer is frozen: 0")}
			if v.Fit != nil {
				f.Weights = v.Fit.Weights
			}
			return Verdict{Status: OK, Fit: &f, Shape: v.Shape}
		}
		return fn(o)
	}
}

// weightless is the Explain of a class that never holds weights: the count must be 0; note, when
// given, explains the output shape.
func weightless(note func(o *Obs) Deriv) func(o *Obs) Verdict {
	return func(o *Obs) Verdict {
		var shape Deriv
		if note != nil {
			shape = note(o)
		}
		f := Fit{Params: 0, Derivation: Say("no weights"), Config: "no weights", Shape: shape}
		if o.Params != nil && *o.Params != 0 {
			return Verdict{Status: Mismatch, Fit: &f, Nearest: []Fit{f}, Shape: shape,
				Message: "a " + o.Class + " layer never holds weights, so its count is 0, not " + Num(*o.Params)}
		}
		return Verdict{Status: OK, Fit: &f, Shape: shape}
	}
}

func unknown(msg string) Verdict { return Verdict{Status: Unknown, Message: msg} }

func okFit(f Fit) Verdict { return Verdict{Status: OK, Fit: &f} }

// judge is chooseFit with a better message on a mismatch.
func judge(o *Obs, msg string, fits ...Fit) Verdict {
	v := chooseFit(o, fits...)
	if v.Status == Mismatch && msg != "" {
		v.Message = msg
	}
	return v
}

// mismatch builds a Mismatch verdict from the nearest valid fits (closest first).
func mismatch(o *Obs, msg string, near []Fit) Verdict {
	p := int64(0)
	if o.Params != nil {
		p = *o.Params
	}
	near = sortNear(near, p)
	v := Verdict{Status: Mismatch, Nearest: near, Message: msg}
	if len(near) > 0 {
		f := near[0]
		v.Fit = &f
	}
	return v
}

func sortNear(near []Fit, p int64) []Fit {
	for i := 1; i < len(near); i++ {
		for j := i; j > 0 && abs(near[j].Params-p) < abs(near[j-1].Params-p); j-- {
			near[j], near[j-1] = near[j-1], near[j]
		}
	}
	// drop duplicates of the same count
	out := near[:0]
	for i, f := range near {
		if i > 0 && f.Params == out[len(out)-1].Params {
			continue
		}
		out = append(out, f)
	}
	return out
}

func pcount(o *Obs) (int64, bool) {
	if o.Params == nil {
		return 0, false
	}
	return *o.Params, true
}

// ---- shape helpers ----

// inShape is input i, or nil.
func inShape(o *Obs, i int) Dims {
	if i < len(o.In) {
		return o.In[i]
	}
	return nil
}

// outShape is the printed output, or the first of a list of outputs.
func outShape(o *Obs) Dims {
	if o.Out != nil {
		return o.Out
	}
	if len(o.Outs) > 0 {
		return o.Outs[0]
	}
	return nil
}

// known reports whether every non-batch axis of d is known.
func known(d Dims) bool {
	if len(d) < 2 {
		return false
	}
	for _, x := range d[1:] {
		if x <= 0 {
			return false
		}
	}
	return true
}

func prod(d []int64) int64 {
	n := int64(1)
	for _, x := range d {
		n *= x
	}
	return n
}

// subsetProducts lists the products of every non-empty subset of the known non-batch axes of d
// (each once, in order of first appearance: single axes first, last axis first).
func subsetProducts(d Dims) []int64 {
	var axes []int64
	for i := len(d) - 1; i >= 1; i-- {
		if d[i] > 0 {
			axes = append(axes, d[i])
		}
	}
	if len(axes) > 8 {
		axes = axes[:8]
	}
	var out []int64
	add := func(x int64) {
		for _, y := range out {
			if y == x {
				return
			}
		}
		out = append(out, x)
	}
	for _, a := range axes {
		add(a)
	}
	n := len(axes)
	for m := 1; m < 1<<n; m++ {
		if m&(m-1) == 0 {
			continue
		}
		p := int64(1)
		for i := 0; i < n; i++ {
			if m&(1<<i) != 0 {
				p *= axes[i]
			}
		}
		add(p)
	}
	return out
}

// ShapeString prints a shape as Keras does: "(None, 41, 64)".
func ShapeString(d []int64) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		if x < 0 {
			b.WriteString("None")
		} else {
			b.WriteString(strconv.FormatInt(x, 10))
		}
	}
	if len(d) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

func itoa(x int64) string { return strconv.FormatInt(x, 10) }

// ---- config helpers ----

// first returns the first key of keys the configuration sets.
func (c Config) first(keys ...string) (any, bool) {
	for _, k := range keys {
		if v, ok := c[k]; ok && v != nil {
			return v, true
		}
	}
	return nil, false
}

// ints reads an int or a tuple of ints as n values (an int repeats), def when absent.
func (c Config) ints(n int, def int64, keys ...string) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = def
	}
	v, ok := c.first(keys...)
	if !ok {
		return out
	}
	switch t := v.(type) {
	case int64:
		for i := range out {
			out[i] = t
		}
	case int:
		for i := range out {
			out[i] = int64(t)
		}
	case []any:
		for i := 0; i < n && i < len(t); i++ {
			switch x := t[i].(type) {
			case int64:
				out[i] = x
			case int:
				out[i] = int64(x)
			}
		}
	case []int64:
		copy(out, t)
	}
	return out
}

func (c Config) str(def string, keys ...string) string {
	if v, ok := c.first(keys...); ok {
		if s, ok := v.(string); ok {
			return strings.ToLower(s)
		}
	}
	return def
}

func (c Config) intOr(def int64, keys ...string) int64 {
	v, ok := c.first(keys...)
	if !ok {
		return def
	}
	switch t := v.(type) {
	case int64:
		return t
	case int:
		return int64(t)
	}
	return def
}

func (c Config) boolOr(def bool, keys ...string) bool {
	if v, ok := c.first(keys...); ok {
		if b, ok := v.(bool); ok {
			return b
		}
	}
	return def
}

// buildSame is the Build of layers whose output is their input and that hold no weights.
func buildSame(_ Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 {
		return nil, nil, errNoInput
	}
	return []Dims{in[0]}, nil, nil
}

func buildInput(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if v, ok := cfg.first("batch_shape", "batch_input_shape"); ok {
		if t, ok := v.([]any); ok {
			return []Dims{TupleDims(t)}, nil, nil
		}
	}
	if v, ok := cfg.first("shape", "input_shape"); ok {
		switch t := v.(type) {
		case []any:
			return []Dims{append(Dims{-1}, TupleDims(t)...)}, nil, nil
		case int64:
			return []Dims{{-1, t}}, nil, nil
		}
	}
	if len(in) > 0 && in[0] != nil {
		return []Dims{in[0]}, nil, nil
	}
	return nil, nil, errMissing("shape")
}

// TupleDims reads a shape tuple of a configuration ((None, 28, 28) as []any): ints as they are,
// None and anything else -1.
func TupleDims(t []any) Dims {
	d := make(Dims, len(t))
	for i, x := range t {
		switch v := x.(type) {
		case int64:
			d[i] = v
		case int:
			d[i] = int64(v)
		default:
			d[i] = -1
		}
	}
	return d
}

// ---- Dense ----

func denseFit(d, u int64, bias bool) Fit {
	w := []Weight{{Name: "kernel", Shape: []int64{d, u}, Trainable: true}}
	f := Fit{Params: d * u, Config: "with bias"}
	if bias {
		w = append(w, Weight{Name: "bias", Shape: []int64{u}, Trainable: true})
		f.Params += u
		f.Derivation = Count(Add(Mul(N(d, "inputs"), N(u, "units")), N(u, "biases")))
	} else {
		f.Config = "use_bias=False"
		f.Derivation = Say("use_bias=False: ").Then("", Count(Mul(N(d, "inputs"), N(u, "units"))))
	}
	f.Weights = w
	return f
}

func explainDense(o *Obs) Verdict {
	u := outShape(o).Last()
	if u <= 0 {
		return Verdict{Status: Unknown, Message: "the output shape does not show the units"}
	}
	if !o.InKnown(0) || o.In[0].Last() <= 0 {
		// Input not shown: the count gives it, d = count / u - 1 with bias (or count / u without).
		p, ok := pcount(o)
		if !ok {
			return Verdict{Status: Unknown, Message: "neither the input width nor the count is shown"}
		}
		if p > 0 && p%u == 0 {
			if p/u-1 >= 1 {
				f := denseFit(p/u-1, u, true)
				f.InferredIn = Dims{-1, p/u - 1}
				f.Ambiguous = "or " + Num(p/u) + " inputs with use_bias=False"
				return okFit(f)
			}
			f := denseFit(p/u, u, false)
			f.InferredIn = Dims{-1, p / u}
			return okFit(f)
		}
		return Verdict{Status: Mismatch, Message: "no Dense(" + Num(u) + ") has " + Num(p) +
			" weights: the count must be a multiple of " + Num(u) + " (inputs × units, plus units bias)"}
	}
	d := o.In[0].Last()
	if p, ok := pcount(o); ok && o.Format == grammar.Keras3 && (loraRank(d, u, p, true) > 0 || loraRank(d, u, p, false) > 0) {
		return Verdict{Status: Unknown, Message: "a Keras 3 LoRA-enabled Dense: its readings say which rank"}
	}
	return judge(o, "no Dense("+Num(u)+") on "+Num(d)+" inputs has "+numOr(o), denseFit(d, u, true), denseFit(d, u, false))
}

// loraRank is the rank r of a Keras 3 LoRA-enabled Dense (d inputs, u units) whose count is p:
// d·u (+ u) + r·(d + u), r below both d and u (else the factors are no low-rank update); 0 when
// none gives p.
func loraRank(d, u, p int64, bias bool) int64 {
	rem := p - d*u
	if bias {
		rem -= u
	}
	if d <= 0 || u <= 0 || rem <= 0 || rem%(d+u) != 0 {
		return 0
	}
	if r := rem / (d + u); r < min(d, u) {
		return r // a low rank: below the kernel's own
	}
	return 0
}

func numOr(o *Obs) string {
	if o.Params == nil {
		return "that count"
	}
	return Num(*o.Params)
}

func buildDense(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0].Last() <= 0 {
		return nil, nil, errNoInput
	}
	u := cfg.intOr(-1, "units", "output_dim")
	if u <= 0 {
		return nil, nil, errMissing("units")
	}
	f := denseFit(in[0].Last(), u, cfg.boolOr(true, "use_bias", "bias"))
	if r := cfg.intOr(0, "lora_rank"); r > 0 {
		// Keras 3 LoRA (Dense(lora_rank=r), enable_lora(r)): the kernel is frozen and two trainable
		// low-rank factors learn its update
		f.Weights[0].Trainable = false
		f.Weights = append(f.Weights, Weight{Name: "lora_kernel_a", Shape: []int64{in[0].Last(), r}, Trainable: true},
			Weight{Name: "lora_kernel_b", Shape: []int64{r, u}, Trainable: true})
	}
	out := append(Dims{}, in[0]...)
	out[len(out)-1] = u
	return []Dims{out}, f.Weights, nil
}

// ---- Embedding ----

func embeddingFit(v, dim int64) Fit {
	return Fit{Params: v * dim, Config: "vocabulary " + Num(v),
		Weights:    []Weight{{Name: "embeddings", Shape: []int64{v, dim}, Trainable: true}},
		Derivation: Count(Mul(N(v, "tokens"), N(dim, "dimensions")))}
}

func explainEmbedding(o *Obs) Verdict {
	dim := outShape(o).Last()
	if dim <= 0 {
		return unknown("the output shape does not show the embedding size")
	}
	p, ok := pcount(o)
	if !ok {
		return unknown("the vocabulary size is not shown")
	}
	if p > 0 && p%dim == 0 {
		return okFit(embeddingFit(p/dim, dim))
	}
	v := (p + dim/2) / dim
	if v < 1 {
		v = 1
	}
	return mismatch(o, "no Embedding with "+Num(dim)+" dimensions has "+Num(p)+
		" weights: the count is vocabulary × "+Num(dim), []Fit{embeddingFit(v, dim), embeddingFit(v+1, dim)})
}

func buildEmbedding(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	v := cfg.intOr(-1, "input_dim")
	dim := cfg.intOr(-1, "output_dim")
	if v <= 0 || dim <= 0 {
		return nil, nil, errMissing("input_dim, output_dim")
	}
	var base Dims
	if len(in) > 0 && in[0] != nil {
		base = in[0]
	} else if n := cfg.intOr(-1, "input_length"); n > 0 {
		base = Dims{-1, n}
	} else {
		base = Dims{-1, -1}
	}
	out := append(append(Dims{}, base...), dim)
	return []Dims{out}, embeddingFit(v, dim).Weights, nil
}

// ---- Keras 1 Highway and MaxoutDense ----

var highwayLesson = &Lesson{Key: "Highway", Formula: "2 × (features × features + features)",
	Why: []Deriv{Say("a Highway layer holds two Dense transforms of the same width: the transform itself (W, b) and the gate that mixes it with its input (W_carry, b_carry)")}}

var maxoutLesson = &Lesson{Key: "MaxoutDense", Formula: "nb_feature × (inputs × units + units)",
	Why: []Deriv{Say("nb_feature linear pieces, each a Dense of its own; the output takes their maximum, so the count is nb_feature Dense layers")}}

func explainHighway(o *Obs) Verdict {
	d := inShape(o, 0).Last()
	if d <= 0 {
		d = outShape(o).Last()
	}
	if d <= 0 {
		return unknown("the width is not shown")
	}
	w := func(bias bool) Fit {
		ws := []Weight{{Name: "W", Shape: []int64{d, d}, Trainable: true}, {Name: "W_carry", Shape: []int64{d, d}, Trainable: true}}
		f := Fit{Params: 2 * d * d, Config: "bias=False", Derivation: Say("bias=False: ").Then("", Count(Mul(N(2), N(d), N(d))))}
		if bias {
			ws = append(ws, Weight{Name: "b", Shape: []int64{d}, Trainable: true}, Weight{Name: "b_carry", Shape: []int64{d}, Trainable: true})
			f.Params += 2 * d
			f.Config = "with bias"
			f.Derivation = Count(Mul(N(2), Add(Mul(N(d), N(d)), N(d, "biases"))))
		}
		f.Weights = ws
		f.Lesson = highwayLesson
		return f
	}
	return judge(o, "no Highway on "+Num(d)+" features has "+numOr(o), w(true), w(false))
}

// buildHighway is Keras 1's Highway(): the output has the input's width; W and W_carry are
// width × width, b and b_carry (bias=True) width each.
func buildHighway(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0].Last() <= 0 {
		return nil, nil, errNoInput
	}
	d := in[0].Last()
	ws := []Weight{{Name: "W", Shape: []int64{d, d}, Trainable: true}, {Name: "W_carry", Shape: []int64{d, d}, Trainable: true}}
	if cfg.boolOr(true, "bias") {
		ws = append(ws, Weight{Name: "b", Shape: []int64{d}, Trainable: true}, Weight{Name: "b_carry", Shape: []int64{d}, Trainable: true})
	}
	return []Dims{append(Dims{}, in[0]...)}, ws, nil
}

// buildMaxoutDense is Keras 1's MaxoutDense(output_dim, nb_feature=4): nb_feature Dense pieces,
// W (nb_feature, inputs, output_dim) and b (nb_feature, output_dim) with bias=True.
func buildMaxoutDense(cfg Config, in []Dims) ([]Dims, []Weight, error) {
	if len(in) == 0 || in[0].Last() <= 0 {
		return nil, nil, errNoInput
	}
	u := cfg.intOr(-1, "output_dim", "units")
	if u <= 0 {
		return nil, nil, errMissing("output_dim")
	}
	n := cfg.intOr(4, "nb_feature")
	if n <= 0 {
		return nil, nil, errMissing("nb_feature")
	}
	d := in[0].Last()
	ws := []Weight{{Name: "W", Shape: []int64{n, d, u}, Trainable: true}}
	if cfg.boolOr(true, "bias") {
		ws = append(ws, Weight{Name: "b", Shape: []int64{n, u}, Trainable: true})
	}
	out := append(Dims{}, in[0]...)
	out[len(out)-1] = u
	return []Dims{out}, ws, nil
}

func explainMaxoutDense(o *Obs) Verdict {
	d := inShape(o, 0).Last()
	u := outShape(o).Last()
	p, ok := pcount(o)
	if d <= 0 || u <= 0 || !ok {
		return unknown("the input width, output width or count is not shown")
	}
	mk := func(n int64, bias bool) Fit {
		ws := []Weight{{Name: "W", Shape: []int64{n, d, u}, Trainable: true}}
		f := Fit{Params: n * d * u, Config: "nb_feature=" + itoa(n) + ", bias=False",
			Derivation: Count(Mul(N(n, "features"), N(d, "inputs"), N(u, "units")))}
		if bias {
			ws = append(ws, Weight{Name: "b", Shape: []int64{n, u}, Trainable: true})
			f.Params += n * u
			f.Config = "nb_feature=" + itoa(n)
			f.Derivation = Count(Mul(N(n, "features"), Add(Mul(N(d, "inputs"), N(u, "units")), N(u, "biases"))))
		}
		f.Weights = ws
		f.Lesson = maxoutLesson
		return f
	}
	if p%(d*u+u) == 0 && p > 0 {
		return okFit(mk(p/(d*u+u), true))
	}
	if p%(d*u) == 0 && p > 0 {
		return okFit(mk(p/(d*u), false))
	}
	n := p / (d*u + u)
	if n < 1 {
		n = 1
	}
	return mismatch(o, "no MaxoutDense("+Num(u)+") on "+Num(d)+" inputs has "+Num(p)+" weights", []Fit{mk(n, true), mk(n+1, true)})
}
