package explain

import (
	"github.com/kexplain/kexplain/layers"
)

// The cause, not the symptom. A row whose output follows from its input alone — a Flatten, a
// Dropout, an activation, a normalization — and whose printed output is not that (a Flatten width
// computed by hand and typed into the table), or a pooling, padding or cropping whose printed
// channels are not its input's, is a finding of its own. The rows it feeds then see
// two inputs: the one printed, and the one the layer really gives. Each is judged on both:
//
//   - a count that no configuration gives on the printed input but one gives on the real input
//     is right: it is explained from the real input, and says that the shape above is what is
//     wrong (one finding, at the cause, not two);
//   - a count that the printed input gives but the real one does not follows the wrong shape: it
//     stays as the table prints it, and says what it would be on the real input.
//
// A count that neither input gives stays a finding of its own.

// followsInput reports whether a class's output follows from its input alone, whatever its
// arguments (the classes whose printed output shapeProblem checks).
func followsInput(class string) bool { return class == "Flatten" || sameShape[class] }

// realOutput is a row's real output once realOut has worked it out (done; dims may be nil).
type realOutput struct {
	dims layers.Dims
	done bool
}

// realOut is the output row j really has: for a row whose output follows from its input alone,
// the output built from the input it really gets; the printed output for any other row (and where
// the real one cannot be built). Worked out once per row.
func (s *Summary) realOut(j int) layers.Dims {
	if len(s.real) < len(s.Rows) {
		s.real = append(s.real, make([]realOutput, len(s.Rows)-len(s.real))...)
	}
	if d := s.real[j]; d.done {
		return d.dims
	}
	rr := s.Rows[j]
	out := dimsOf(rr.Row.Output)
	s.real[j] = realOutput{out, true} // a cycle (a hand-edited Connected to) reads the printed shape
	if out == nil {
		return nil
	}
	in, from := s.realInputs(j)
	if from < 0 && rr.Status != layers.Mismatch || len(in) != 1 || !complete(in[0]) {
		return out // its input is as printed, and its output fits it
	}
	switch {
	case followsInput(rr.Class):
		if outs, _, err := layers.Build(&layers.Layer{Class: rr.Class, Config: layers.Config{}}, in); err == nil && len(outs) == 1 && complete(outs[0]) && len(outs[0]) == len(out) {
			out = outs[0]
		}
	case weightlessKind(rr.Class) != "" && out.Last() > 0 && out.Last() != in[0].Last():
		// a pooling, padding or cropping keeps its input's channels: a print that changed them
		// is read with the channels it really keeps, when the other axes then fit
		fixed := append(layers.Dims{}, out...)
		fixed[len(fixed)-1] = in[0].Last()
		if weightlessShape(rr.Class, &layers.Obs{In: in, Out: fixed}) == "" {
			out = fixed
		}
	}
	s.real[j] = realOutput{out, true}
	return out
}

// realInputs is what row i really gets: the real outputs of the rows that feed it, and the first
// of those rows whose printed shape is not its real one (-1 when every input is as printed).
func (s *Summary) realInputs(i int) ([]layers.Dims, int) {
	rr := s.Rows[i]
	if len(rr.Inputs) != len(rr.InputDims) || len(rr.Inputs) == 0 {
		return rr.InputDims, -1
	}
	var out []layers.Dims // a copy of the printed inputs, made at the first that is not real
	from := -1
	for k, name := range rr.Inputs {
		j, ok := s.byName[name]
		if !ok || j >= i {
			continue
		}
		d := s.realOut(j)
		if d != nil && !equalDims(d, rr.InputDims[k]) {
			if from < 0 {
				from = j
				out = append([]layers.Dims(nil), rr.InputDims...)
			}
			out[k] = d
		}
	}
	if from < 0 {
		return rr.InputDims, -1 // every input is as printed
	}
	return out, from
}

// causeOf is the row whose own printed output is wrong, at the head of the rows that carry it
// down to row j: j itself when its printed input is its real one.
func (s *Summary) causeOf(j int) int {
	for {
		_, from := s.realInputs(j)
		if from < 0 || !followsInput(s.Rows[from].Class) {
			return j
		}
		j = from
	}
}

// judgeOnRealInput judges row i, a mismatch on its printed input, again on its real input. It
// reports whether the count fits there; the row is then explained from the real input, with the
// cause said.
func judgeOnRealInput(s *Summary, i int, rr *RowResult) bool {
	in, from := s.realInputs(i)
	if from < 0 {
		return false
	}
	printed := rr.InputDims
	if !tryReading(s, i, rr, func(x *RowResult) { x.InputDims = in }) {
		return false
	}
	rr.InputDims = printed // the inputs shown are the table's; the cause says what they really are
	c := s.causeOf(from)
	name := s.Rows[from].Row.Name
	right := layers.D("{}", *rr.Expected)
	if len(rr.Weights) == 0 {
		right = layers.Say(rr.Row.OutputText) // a layer without weights: its output is what fits
	}
	rr.Cause = right.Then(" ", layers.Say("is right for ")).Then("", realWords(in[0], name+" really gives")).
		Then("; ", printedWords(printed[0], in[0])).Then(" ", layers.Say("printed "+causeWhere(s, from, c)+" is what is wrong"))
	return true
}

// noteRealInput says, under row i whose count fits its printed input, what the count would be
// on the real input, when the two differ.
func noteRealInput(s *Summary, i int, rr *RowResult) {
	if len(rr.Weights) == 0 || rr.Expected == nil {
		return
	}
	in, from := s.realInputs(i)
	if from < 0 {
		return
	}
	saved := *rr
	nflags := len(s.Flags)
	fresh := RowResult{Row: rr.Row, Class: rr.Class, Status: layers.Unknown, InputDims: in, Inputs: rr.Inputs}
	*rr = fresh
	judgeRow(s, i, rr)
	real := *rr
	*rr = saved
	s.Flags = s.Flags[:nflags]
	if real.Expected == nil || *real.Expected == *rr.Expected || len(real.Derivation.Equations()) == 0 {
		return
	}
	c := s.causeOf(from)
	rr.Cause = layers.D("{} follows ", *rr.Expected).Then("", printedWords(rr.InputDims[0], in[0])).
		Then(" ", layers.Say("printed "+causeWhere(s, from, c)+"; on ")).
		Then("", realWords(in[0], s.Rows[from].Row.Name+" really gives")).Then(" ", layers.Say("it would be ")).Then("", real.Derivation)
}

// realWords names a real shape and where it comes from: "the 1,280 values flatten_1 really
// gives" for a flat one, "the (None, 28, 28, 32) that dropout_1 really gives" otherwise.
func realWords(d layers.Dims, from string) layers.Deriv {
	if len(d) == 2 && d[1] > 0 {
		return layers.D("the {} values "+from, d[1])
	}
	return layers.Say("the " + layers.ShapeString(d) + " that " + from)
}

// printedWords names the printed shape as realWords names the real one: "the 1,344".
func printedWords(printed, real layers.Dims) layers.Deriv {
	if len(real) == 2 && len(printed) == 2 && printed[1] > 0 {
		return layers.D("the {}", printed[1])
	}
	return layers.Say("the " + layers.ShapeString(printed))
}

// causeWhere says where the wrong shape was printed: for the row feeding this one, or for the
// row that caused it, carried down by the ones between.
func causeWhere(s *Summary, from, cause int) string {
	if cause == from {
		return "for " + s.Rows[from].Row.Name
	}
	return "for " + s.Rows[cause].Row.Name + " and carried down by " + s.Rows[from].Row.Name
}

func complete(d layers.Dims) bool {
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

func equalDims(a, b layers.Dims) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
