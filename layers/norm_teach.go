package layers

import "github.com/kexplain/kexplain/grammar"

// Readings and teaching of the normalization layers: BatchNormalization (its axis, center,
// scale and renorm), LayerNormalization, GroupNormalization and RMSNormalization.

// normAxes lists the axes a normalization may run over, the default (the last) first, then the
// channels-first axis 1, then the others; each with its cost.
func normAxes(x Dims) []struct {
	axis int
	cost int
} {
	type a = struct {
		axis int
		cost int
	}
	var out []a
	n := len(x)
	if n < 2 {
		return nil
	}
	out = append(out, a{n - 1, 0})
	if n > 2 {
		out = append(out, a{1, 1})
	}
	for i := 2; i < n-1; i++ {
		out = append(out, a{i, 3})
	}
	return out
}

func normFlags() []struct {
	center, scale bool
	cost          int
	words         []string
} {
	type f = struct {
		center, scale bool
		cost          int
		words         []string
	}
	// scale=False is the one Keras's documentation suggests (when a linear layer or ReLU follows),
	// center=False is rarer
	return []f{{true, true, 0, nil}, {true, false, costFlagOff, []string{"scale=False"}},
		{false, true, costFlagOff + 1, []string{"center=False"}}, {false, false, 2*costFlagOff + 1, []string{"center=False", "scale=False"}}}
}

// normInput is the shape a normalization runs over and the input it is built on: shown, or the
// output (the same shape) when the print hides the input.
func normInput(o *Obs) (x, in Dims, hidden bool) {
	x = normShape(o)
	in = inShape(o, 0)
	if in == nil {
		return x, x, true
	}
	return x, in, false
}

func readBatchNorm(o *Obs) []Reading {
	x, in, hidden := normInput(o)
	p, ok := pcount(o)
	if len(x) < 2 || !ok {
		return nil
	}
	var rs []Reading
	for _, ax := range normAxes(x) {
		c := x[ax.axis]
		if c <= 0 || p%c != 0 {
			continue
		}
		for _, fl := range normFlags() {
			renorms := []bool{false}
			if o.Format != grammar.Keras1 && o.Format != grammar.TFJS {
				renorms = append(renorms, true)
			}
			for _, rn := range renorms {
				cfg := cfgOf("axis", int64(ax.axis), "center", fl.center, "scale", fl.scale, "renorm", rn)
				words := append([]string{}, fl.words...)
				cost := ax.cost + fl.cost
				if ax.axis != len(x)-1 {
					words = append(words, "axis="+itoa(int64(ax.axis)))
				}
				if rn {
					words = append(words, "renorm=True")
					cost += costRare
				}
				rs = append(rs, Reading{Layer: Layer{Class: "BatchNormalization", Config: cfg, Version: VersionOf(o.Format)},
					In: []Dims{in}, Hidden: hidden, Cost: cost, Assumed: words})
			}
		}
	}
	return rs
}

// statName is how a derivation names a normalization array.
var statName = map[string]string{"gamma": "γ", "beta": "β", "moving_mean": "moving mean", "moving_variance": "moving variance",
	"running_mean": "running mean", "running_std": "running std", "moving_stddev": "moving stddev",
	"renorm_mean": "renorm mean", "renorm_stddev": "renorm stddev", "scale": "scale"}

// arraysExpr adds named arrays: "γ 64 + β 64 + moving mean 64 + moving variance 64".
func arraysExpr(ws []Weight) Expr {
	var terms []Expr
	for _, w := range ws {
		e := N(w.Size())
		e.Label = statName[w.Name]
		if e.Label == "" {
			e.Label = w.Name
		}
		terms = append(terms, e)
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return Add(terms...)
}

func teachBatchNorm(b *Built) Teaching {
	t := Teaching{Count: Count(arraysExpr(b.Weights))}
	cfg := b.Layer.Config
	c := b.Weights[0].Size()
	if ax := cfg.intOr(-1, "axis"); ax >= 0 && int(ax) != len(b.In[0])-1 {
		t.Shape = D("normalizes axis "+itoa(ax)+" (channels first): {} channels", c)
	}
	why := []Deriv{Say("γ (scale) and β (shift) are learned: trainable"),
		Say("the moving mean and variance are statistics of the batches, updated by averaging, not by gradients: non-trainable")}
	if !cfg.boolOr(true, "center") || !cfg.boolOr(true, "scale") {
		why = append(why, Say("center=False drops β, scale=False drops γ"))
	}
	if cfg.boolOr(false, "renorm") {
		why = append(why, Say("renorm=True adds three more statistics per channel"))
	}
	t.Lesson = &Lesson{Key: "BatchNormalization", Formula: "4 × channels (γ, β, moving mean, moving variance)", Why: why}
	return t
}

// readLayerNorm: γ and β over the last axis (center, scale).
func readLayerNorm(class string) func(o *Obs) []Reading {
	return func(o *Obs) []Reading {
		x, in, hidden := normInput(o)
		p, ok := pcount(o)
		if len(x) < 2 || !ok || x.Last() <= 0 {
			return nil
		}
		var rs []Reading
		for _, fl := range normFlags() {
			if !fl.center && !fl.scale && p != 0 {
				continue
			}
			cfg := cfgOf("center", fl.center, "scale", fl.scale)
			if class == "GroupNormalization" {
				cfg["groups"] = int64(1)
			}
			rs = append(rs, Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)},
				In: []Dims{in}, Hidden: hidden, Cost: fl.cost, Assumed: fl.words})
		}
		if class == "GroupNormalization" && len(x) > 2 && x[1] > 0 {
			for _, fl := range normFlags() {
				cfg := cfgOf("center", fl.center, "scale", fl.scale, "axis", int64(1))
				rs = append(rs, Reading{Layer: Layer{Class: class, Config: cfg, Version: VersionOf(o.Format)},
					In: []Dims{in}, Hidden: hidden, Cost: fl.cost + 1, Assumed: append([]string{"axis=1"}, fl.words...)})
			}
		}
		return rs
	}
}

func teachLayerNorm(class string) func(b *Built) Teaching {
	return func(b *Built) Teaching {
		if len(b.Weights) == 0 {
			return Teaching{Count: Say("center=False and scale=False: no weights")}
		}
		t := Teaching{Count: Count(arraysExpr(b.Weights))}
		why := []Deriv{Say("γ (scale) and β (shift), one of each per feature, both learned; no moving statistics: each sample is normalized on its own")}
		if len(b.Weights) < 2 {
			why = append(why, Say("center=False drops β, scale=False drops γ"))
		}
		if class == "GroupNormalization" {
			why = append(why, Say("the number of groups changes how values are averaged, not the count"))
		}
		t.Lesson = &Lesson{Key: class, Formula: "2 × features (γ, β)", Why: why}
		return t
	}
}

func readRMSNorm(o *Obs) []Reading {
	x, in, hidden := normInput(o)
	if len(x) < 2 || x.Last() <= 0 {
		return nil
	}
	return []Reading{{Layer: Layer{Class: "RMSNormalization", Config: Config{}, Version: VersionOf(o.Format)}, In: []Dims{in}, Hidden: hidden}}
}

func teachRMSNorm(b *Built) Teaching {
	return Teaching{Count: Count(arraysExpr(b.Weights)),
		Lesson: &Lesson{Key: "RMSNormalization", Formula: "features (one scale each)",
			Why: []Deriv{Say("RMS normalization rescales by the root mean square: one learned scale per feature, no shift, no statistics")}}}
}
