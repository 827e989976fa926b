package explain

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Checks that catch pastes edited by hand, each one measured on every genuine table we have (the
// corpus, the shared development folders, the Keras 3 and TensorFlow.js prints): none of them fires
// on any of those. Each is said with its arithmetic or its evidence.
//
//   - duplicateNames: two rows of one model with the same name, where the print shows both names
//     whole. Keras names every layer of a model once.
//   - weightlessShape: a layer without weights whose output shape its input cannot give: a pooling,
//     padding, cropping or upsampling layer that changes the channel count, a pooling or cropping
//     layer that enlarges an axis, padding or upsampling that shrinks one.
//   - splitFeasible: a Non-trainable count that no set of whole frozen layers plus the batch
//     statistics of the others gives.
//   - rows adding up to more than Total params are a total error (checkTotals).

// duplicateNames flags names printed twice among the rows of one model (siblings: top level, or the
// layers of one expanded nested model). Keras 0.x names layers without a counter, and a name the
// print cut may end alike: those are left alone.
func duplicateNames(s *Summary) {
	if s.Table.Keras0 {
		return
	}
	type key struct {
		parent int
		name   string
	}
	seen := make(map[key]int, len(s.Rows)) // sized once: a name a row
	for i, rr := range s.Rows {
		r := rr.Row
		if r.TypeText == "" || r.NameCut || strings.HasSuffix(r.Name, "…") || r.Name == "" {
			continue // the name may be cut: no "(Class" after it
		}
		k := key{parentOf(s, i), r.Name}
		if j, dup := seen[k]; dup {
			first := s.Rows[j].Row
			// in a printed table a name twice means a row was copied; a table retyped by hand
			// may just hold a slip of the pen, which changes no number
			sev, why := Warning, "Keras names each layer of a model once, so a row was copied"
			if s.Table.Retyped {
				sev, why = Note, "Keras names each layer of a model once: a slip of whoever retyped the table?"
			}
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: sev, Line: r.Line, Layer: r.Name,
				Message: "the name " + r.Name + " is printed twice (lines " + strconv.Itoa(first.Line) + " and " + strconv.Itoa(r.Line) + "): " + why})
			continue
		}
		seen[k] = i
	}
}

// parentOf is the index of the nested model a row belongs to, -1 at top level.
func parentOf(s *Summary, i int) int {
	inSequential(s, 0) // builds s.parents
	if s.parents == nil || i >= len(s.parents) {
		return -1
	}
	return s.parents[i]
}

// weightlessKind sorts the weightless layers whose output shape follows from their input's.
func weightlessKind(class string) string {
	switch {
	case strings.HasPrefix(class, "Global") && strings.Contains(class, "Pooling"):
		return "global"
	case strings.Contains(class, "Pooling"):
		return "pool" // MaxPooling2D, AveragePooling1D, …: never larger
	case strings.HasPrefix(class, "ZeroPadding"):
		return "grow"
	case strings.HasPrefix(class, "UpSampling"):
		return "grow"
	case strings.HasPrefix(class, "Cropping"):
		return "shrink"
	}
	return ""
}

// weightlessShape checks a weightless layer's printed output against its input: the channels stay
// (on the last axis, or on the first for channels-first data), the other axes shrink (pooling,
// cropping) or grow (padding, upsampling). "" when the shape is possible or not fully shown.
func weightlessShape(class string, o *layers.Obs) string {
	kind := weightlessKind(class)
	if kind == "" || len(o.In) != 1 || o.In[0] == nil || o.Out == nil || len(o.Outs) > 1 {
		return ""
	}
	in, out := o.In[0], o.Out
	if len(in) < 3 {
		return ""
	}
	if kind == "global" {
		c := out.Last()
		switch {
		case c <= 0:
			return ""
		case len(out) == 2:
			if c != in.Last() && c != in[1] {
				return "a " + class + " keeps the channels of " + layers.ShapeString(in) + ", so it gives " + layers.ShapeString(layers.Dims{-1, in.Last()}) + ", not " + layers.ShapeString(out)
			}
		}
		return ""
	}
	if len(out) != len(in) {
		return ""
	}
	// channels last: axis -1 kept; channels first: axis 1 kept
	ok := func(ch int) bool {
		if in[ch] > 0 && out[ch] > 0 && in[ch] != out[ch] {
			return false
		}
		for a := 1; a < len(in); a++ {
			if a == ch || in[a] <= 0 || out[a] <= 0 {
				continue
			}
			switch kind {
			case "pool", "shrink":
				if out[a] > in[a] {
					return false
				}
			case "grow":
				if out[a] < in[a] {
					return false
				}
			}
		}
		return true
	}
	if ok(len(in)-1) || ok(1) {
		return ""
	}
	switch kind {
	case "pool", "shrink":
		return "a " + class + " has no weights: it keeps the channels of " + layers.ShapeString(in) + " and never enlarges an axis, so it cannot give " + layers.ShapeString(out)
	default:
		return "a " + class + " has no weights: it keeps the channels of " + layers.ShapeString(in) + " and never shrinks an axis, so it cannot give " + layers.ShapeString(out)
	}
}

// maxSubsetSums bounds the set of sums the split check keeps; beyond it the check says nothing.
const maxSubsetSums = 1 << 16

// splitFeasible says whether the printed Non-trainable count can be the batch statistics of the
// rows plus the whole weights of some frozen rows. It returns ok false only when it can show that
// no such set exists; then msg holds the arithmetic. What a row can add to Non-trainable follows
// from its class alone, whatever its arguments: 0 or all of it for a layer whose weights are all
// trainable (Dense, convolutions, recurrent layers, …); the moving statistics (half of its count
// with center and scale, two thirds with one of them, all without) or all of it for a
// BatchNormalization. A row of any other class (a nested model, a wrapper, a custom layer, a
// preprocessing layer) makes it say nothing (known false).
func splitFeasible(s *Summary, nt int64) (ok, known bool, msg string) {
	sums := map[int64]bool{0: true}
	var lo, hi int64
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 {
			continue
		}
		p := rr.Row.Params
		if p == nil {
			return true, false, ""
		}
		if *p == 0 {
			continue
		}
		choices := splitChoices(rr.Class, *p)
		if choices == nil {
			return true, false, ""
		}
		lo += choices[0]
		hi += choices[len(choices)-1]
		next := make(map[int64]bool, len(sums)*len(choices))
		for v := range sums {
			for _, c := range choices {
				if w := v + c; w <= nt {
					next[w] = true
				}
			}
		}
		sums = next
		if len(sums) > maxSubsetSums {
			return true, false, ""
		}
	}
	switch {
	case sums[nt]:
		return true, true, ""
	case nt < lo:
		return false, true, "the batch statistics of the rows alone make " + layers.Num(lo) + ", more than the " + layers.Num(nt) + " Non-trainable params printed"
	case nt > hi:
		return false, true, "with every layer frozen the rows give at most " + layers.Num(hi) + ", less than the " + layers.Num(nt) + " Non-trainable params printed"
	}
	return false, true, "the " + layers.Num(nt) + " Non-trainable params are no sum of the batch statistics of the rows and the whole weights of some frozen layers (at least " + layers.Num(lo) + ", at most " + layers.Num(hi) + ")"
}

// splitChoices lists, smallest first, what a row of class c with p weights can add to the
// Non-trainable count; nil when the class does not tell.
func splitChoices(c string, p int64) []int64 {
	switch {
	case allTrainable[c]:
		return []int64{0, p}
	case c == "Normalization":
		return []int64{p} // mean, variance and count: never trained
	case c == "TimeDistributed":
		// the wrapped layer is not shown: all trainable, or a BatchNormalization
		out := []int64{0}
		for _, v := range splitChoices("BatchNormalization", p) {
			if v != p {
				out = append(out, v)
			}
		}
		return append(out, p)
	case c == "BatchNormalization":
		var out []int64
		if p%4 == 0 {
			out = append(out, p/2) // center and scale: gamma, beta trainable; mean, variance not
		}
		if p%3 == 0 {
			out = append(out, 2*p/3) // one of center, scale
		}
		if p%2 == 0 {
			out = append(out, p) // neither, or frozen
		}
		return out
	}
	return nil
}

// allTrainable are the classes whose weights are all trainable whatever their arguments.
var allTrainable = map[string]bool{"Dense": true, "Conv1D": true, "Conv2D": true, "Conv3D": true,
	"Conv1DTranspose": true, "Conv2DTranspose": true, "Conv3DTranspose": true, "SeparableConv1D": true,
	"SeparableConv2D": true, "DepthwiseConv1D": true, "DepthwiseConv2D": true, "LSTM": true, "GRU": true,
	"SimpleRNN": true, "Embedding": true, "PReLU": true, "LayerNormalization": true, "GroupNormalization": true,
	"EinsumDense": true, "LocallyConnected1D": true, "LocallyConnected2D": true, "Convolution1D": true,
	"Convolution2D": true, "Convolution3D": true, "Deconvolution2D": true, "AtrousConvolution1D": true,
	"AtrousConvolution2D": true, "SeparableConvolution2D": true, "Bidirectional": true, "MultiHeadAttention": true,
	"GroupedQueryAttention": true, "Attention": true, "AdditiveAttention": true, "ConvLSTM1D": true, "ConvLSTM2D": true,
	"ConvLSTM3D": true, "SimpleRNNCell": true, "LSTMCell": true, "GRUCell": true}

// splitEra reports whether a table's totals split trainable weights from the others the way the
// check assumes: not Keras 0.x and 1.0–1.1 (counts of trainable weights only), not a table with
// a Keras 2 compile-time snapshot (its Total then differs from the rows).
func splitEra(t *grammar.Table) bool {
	return !t.Keras0 && t.Totals.Trainable != nil && t.Totals.NonTrainable != nil
}
