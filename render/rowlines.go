package render

import (
	"strings"
	"unicode/utf8"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// What is said under a row, in the order it is said, for the text and the Markdown outputs alike:
// the inputs, the count's arithmetic, the output shape's, what the print leaves open, the other
// readings, the family's formula (once per table), the problem, and the weight arrays.

type lineKind int

const (
	lineInputs  lineKind = iota // ← conv2d (None, 13, 13, 32)
	lineCount                   // 16 filters × (5 × 5 × 48 channels + 1 bias) = 19,216
	lineShape                   // 6 × 6: same padding keeps 6
	lineCause                   // right for the real output of flatten_1, 1,280 values; the 1,344 printed for it is what is wrong
	lineShared                  // shared: called 2 times, one set of weights, counted once
	lineAssumed                 // read as: 48 inputs (the input is not shown), use_bias=False
	lineOther                   // or kernel 1 × 5
	lineFormula                 // formula: filters × (kernel height × kernel width × input channels + 1)
	lineWhy                     // each filter has one weight per kernel position and input channel, and one bias
	lineProblem                 // the row's finding (a mismatch)
	lineWeight                  // kernel (5, 5, 48, 16): 19,200   running sum 19,456
)

type rowLine struct {
	kind lineKind
	text string
}

// numStyle is how the paste printed its counts: with thousands separators or without. A paste
// whose counts are all below 1,000 shows neither; kexplain's own style applies then.
func numStyle(t *grammar.Table) layers.NumStyle { return explain.StyleOf(t) }

// rowSayer says what is said under the rows of one table, in order: it remembers what was said
// already (a reading, a formula, a reason), the running sum of the weight arrays, and where each
// row's findings are.
type rowSayer struct {
	s        *explain.Summary // nil for the rows of code
	style    layers.NumStyle
	said     map[string]bool
	running  int64
	weights  bool
	problems map[int][]string // the alarms about rows, by the row's line
}

func newRowSayer(s *explain.Summary, style layers.NumStyle, weights bool) *rowSayer {
	rs := &rowSayer{s: s, style: style, said: map[string]bool{}, weights: weights, problems: map[int][]string{}}
	if s != nil {
		for _, f := range s.Flags {
			if f.Kind == explain.KindRow && f.Alarm() {
				rs.problems[f.Line] = append(rs.problems[f.Line], f.Layer+"\x00"+f.Message)
			}
		}
	}
	return rs
}

// lines lists what is said under a row.
func (rs *rowSayer) lines(rr *explain.RowResult) []rowLine {
	return explainLines(rs.s, rr, rs.style, rs.said, &rs.running, rs.weights, rs.problems)
}

// explainLines lists what is said under a row. said holds the lessons already given in this table.
func explainLines(s *explain.Summary, rr *explain.RowResult, style layers.NumStyle, said map[string]bool, running *int64, weights bool, byLine map[int][]string) []rowLine {
	out := make([]rowLine, 0, 4)
	add := func(k lineKind, text string) {
		if text = strings.TrimSpace(text); text != "" {
			out = append(out, rowLine{k, text})
		}
	}
	if len(rr.Inputs) > 0 && (s == nil || s.Functional()) {
		add(lineInputs, inputsLine(rr))
	}
	count := rr.Derivation.Format(style)
	var problems []string
	// the row's findings: an impossible count or shape, a name printed twice
	for _, m := range byLine[rr.Row.Line] {
		if layer, msg, _ := strings.Cut(m, "\x00"); layer == rr.Row.Name {
			problems = append(problems, msg)
		}
	}
	if !strings.Contains(strings.Join(problems, " "), count) {
		add(lineCount, count) // a mismatch's finding names the nearest count itself
	}
	for _, m := range problems {
		add(lineProblem, m)
	}
	if shape := rr.ShapeNote.Format(style); shape != "" && !strings.Contains(count, shape) {
		add(lineShape, shape)
	}
	add(lineCause, rr.Cause.Format(style))
	// a reading said for one row is not said again for the next ones
	if rr.Assumed != "" && (said == nil || !said["assumed:"+rr.Assumed]) {
		add(lineAssumed, rr.Assumed)
		if said != nil {
			said["assumed:"+rr.Assumed] = true
		}
	}
	if rr.Ambiguous != "" && (said == nil || !said["other:"+rr.Ambiguous]) {
		add(lineOther, rr.Ambiguous)
		if said != nil {
			said["other:"+rr.Ambiguous] = true
		}
	}
	if rr.Shared > 1 {
		add(lineShared, "shared: called "+layers.Num(int64(rr.Shared))+" times, one set of weights, counted once")
	}
	// a formula is given once per table, each reason once
	if l := rr.Lesson; l != nil && said != nil {
		if !said["formula:"+l.Formula] {
			said["formula:"+l.Formula] = true
			add(lineFormula, "formula: "+l.Formula)
		}
		var buf [128]byte // the key of a reason, on the stack unless it is longer
		key := buf[:0]
		for _, w := range l.Why {
			// a reason is said once, also when a later row would say it with its own numbers
			t := w.Format(style)
			key = whyKey(key[:0], t)
			if !said[string(key)] { // looked up without making the key a string
				said[string(key)] = true
				add(lineWhy, t)
			}
		}
	}
	if weights {
		for _, wt := range rr.Weights {
			line := wt.Name + " " + shapeText(wt.Shape) + ": " + style.Format(wt.Size())
			if !wt.Trainable {
				line += " (non-trainable)"
			}
			if rr.Row.Depth == 0 && running != nil {
				*running += wt.Size()
				line += "   running sum " + style.Format(*running)
			}
			add(lineWeight, line)
		}
	}
	return out
}

// NumStyleOf is how a table printed its counts (thousands separators or none): kexplain writes
// every number of that table's explanation the same way.
func NumStyleOf(t *grammar.Table) layers.NumStyle { return numStyle(t) }

// whyKey appends to b the key under which a reason is said once: "why:" and t without its
// digits and separators, as strings.Map(noDigits, t) gives it (byte by byte when t is valid
// UTF-8, where no digit or comma byte is part of another character).
func whyKey(b []byte, t string) []byte {
	b = append(b, "why:"...)
	if !utf8.ValidString(t) {
		return append(b, strings.Map(noDigits, t)...)
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= '0' && c <= '9' || c == ',') {
			b = append(b, c)
		}
	}
	return b
}

// noDigits drops digits and separators, so that two sentences that differ only in their numbers
// read as the same sentence.
func noDigits(r rune) rune {
	if r >= '0' && r <= '9' || r == ',' {
		return -1
	}
	return r
}

// inputsLine is the line that names a row's inputs, each with the shape it brings:
// "← a (None, 8), b (None, 8)", written into one string.
func inputsLine(rr *explain.RowResult) string {
	var b strings.Builder
	b.WriteString("← ")
	for i, n := range rr.Inputs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
		if i < len(rr.InputDims) && rr.InputDims[i] != nil {
			b.WriteByte(' ')
			b.WriteString(layers.ShapeString(rr.InputDims[i]))
		}
	}
	return b.String()
}
