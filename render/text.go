package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// width measures display width as Keras prints it: box drawing and "…" are one column wide,
// whatever the locale says.
var width = &runewidth.Condition{EastAsianWidth: false}

// Options say what the text and Markdown outputs show.
type Options struct {
	Source  string // the input's name for positions: "model.txt", "<stdin>"
	Weights bool   // show every weight array with its running sum
}

var formatNames = map[grammar.Format]string{
	grammar.Keras1:  "Keras 1.x",
	grammar.Keras2:  "Keras 2 / tf.keras ≤ 2.6",
	grammar.Keras27: "tf.keras 2.7–2.15",
	grammar.Keras3:  "Keras 3",
	grammar.TFJS:    "TensorFlow.js",
}

// Text writes the annotated tables for a terminal.
func Text(w io.Writer, res *explain.Result, p *Palette, opt Options) error {
	tw := &errWriter{w: w}
	for i, s := range res.Summaries {
		if i > 0 {
			tw.printf("\n")
		}
		textSummary(tw, s, p, opt)
	}
	for _, c := range res.Code {
		if tw.err == nil && (len(res.Summaries) > 0 || c != res.Code[0]) {
			tw.printf("\n")
		}
		codeText(tw, c, p, opt)
	}
	for _, f := range res.Foreign {
		tw.printf("%s:%d: %s\n", opt.Source, f.StartLine, p.Warn.Sprintf("this is %s; kexplain explains Keras only", f.Describe()))
	}
	for _, f := range res.Flags {
		tw.printf("%s", flagLines(f, p, opt, ""))
	}
	return tw.err
}

func textSummary(w *errWriter, s *explain.Summary, p *Palette, opt Options) {
	t := s.Table
	kind := "Sequential"
	if s.Functional() {
		kind = "Functional"
	}
	where := fmt.Sprintf("%s:%d", opt.Source, t.StartLine)
	title := fmt.Sprintf("%s · %s · %d rows", formatNames[t.Format], kind, len(s.Rows))
	if t.Name != "" {
		title = "\"" + t.Name + "\" · " + title
	}
	if width.StringWidth(where)+2+width.StringWidth(title) <= 80 {
		w.printf("%s\n\n", p.Head.Sprint(where+"  "+title))
	} else {
		w.printf("%s\n", p.Head.Sprint(where))
		for _, l := range wrap(title, 80) {
			w.printf("%s\n", p.Head.Sprint(l))
		}
		w.printf("\n")
	}
	// column widths
	nameW, shapeW, parW := len("layer"), len("output"), len("params")
	for _, rr := range s.Rows {
		nameW = max(nameW, width.StringWidth(layerCell(rr)))
		shapeW = max(shapeW, width.StringWidth(rr.Row.OutputText))
		parW = max(parW, len(paramsCell(rr)))
	}
	// the table fits 80 columns: "  " name "  " shape "  " params "  ✓"
	shapeW = min(shapeW, 26)
	nameW = min(nameW, 80-2-2-shapeW-2-parW-3)
	w.printf("  %s  %s  %s\n", pad("layer", nameW), pad("output", shapeW), padLeft("params", parW))
	indent := strings.Repeat(" ", 4)
	var running int64
	for _, rr := range s.Rows {
		name := layerCell(rr)
		mark := p.Dim.Sprint("?")
		switch rr.Status {
		case layers.OK:
			mark = p.OK.Sprint("✓")
		case layers.Mismatch:
			mark = p.Bad.Sprint("✗")
		}
		nm := truncate(name, nameW)
		nmColored := colorClass(nm, p)
		w.printf("  %s%s  %s  %s  %s\n", nmColored, strings.Repeat(" ", max(0, nameW-width.StringWidth(nm))),
			padColored(colorShape(truncate(rr.Row.OutputText, shapeW), p), truncate(rr.Row.OutputText, shapeW), shapeW),
			padLeftColored(p.Num.Sprint(paramsCell(rr)), paramsCell(rr), parW), mark)
		if s.Functional() && len(rr.Inputs) > 0 {
			w.printf("%s%s\n", indent, p.Dim.Sprint("← "+strings.Join(rr.Inputs, ", ")))
		}
		if d := rr.Derivation.String(); d != "" {
			for _, l := range wrap(d, 76-len(indent)) {
				w.printf("%s%s\n", indent, p.Dim.Sprint(l))
			}
		}
		if note := shapeNote(rr); note != "" {
			for _, l := range wrap(note, 76-len(indent)) {
				w.printf("%s%s\n", indent, p.Dim.Sprint(l))
			}
		}
		if rr.Ambiguous != "" {
			for _, l := range wrap(rr.Ambiguous, 76-len(indent)) {
				w.printf("%s%s\n", indent, p.Dim.Sprint(l))
			}
		}
		if rr.Status == layers.Mismatch {
			for _, f := range s.Flags {
				if f.Kind == explain.KindRow && f.Layer == rr.Row.Name && f.Alarm() {
					for _, l := range wrap(f.Message, 76-len(indent)) {
						w.printf("%s%s\n", indent, p.Bad.Sprint(l))
					}
				}
			}
		}
		if opt.Weights {
			for _, wt := range rr.Weights {
				sum := ""
				if rr.Row.Depth == 0 {
					running += wt.Size()
					sum = "   running sum " + layers.Num(running)
				}
				frozen := ""
				if !wt.Trainable {
					frozen = p.Dim.Sprint(" (non-trainable)")
				}
				line := fmt.Sprintf("%s %s = %s", wt.Name, shapeText(wt.Shape), layers.Num(wt.Size()))
				if frozen != "" {
					line += " (non-trainable)"
				}
				if len([]rune(indent+"· "+line))+width.StringWidth(sum) > 80 {
					sum = "\n" + indent + "  " + strings.TrimLeft(sum, " ")
				}
				w.printf("%s%s %s%s\n", indent, p.Dim.Sprint("·"), line, sum)
			}
		}
	}
	w.printf("  %s\n", p.Dim.Sprint(strings.Repeat("─", min(nameW+shapeW+parW+8, 76))))
	tot := t.Totals
	line := func(label string, v *int64) {
		if v != nil {
			w.printf("  %s %s\n", pad(label, 22), p.Num.Sprint(layers.Num(*v)))
		}
	}
	line("Total params", tot.Total)
	line("Trainable params", tot.Trainable)
	line("Non-trainable params", tot.NonTrainable)
	line("Optimizer params", tot.Optimizer)
	if s.Computed.Total != nil {
		w.printf("  %s %s\n", pad("rows add up to", 22), p.Num.Sprint(layers.Num(*s.Computed.Total)))
	}
	for _, n := range s.Notes {
		for i, l := range wrap(n, 74) {
			lead := "  ✓ "
			if i > 0 {
				lead = "    "
			}
			w.printf("%s%s\n", p.OK.Sprint(lead), l)
		}
	}
	if len(s.Traces) > 0 {
		for _, tr := range s.Traces {
			kind := "running sums"
			if !tr.Running {
				kind = "array sizes"
			}
			w.printf("\n  %s\n", p.Head.Sprintf("get_weights() %s (line %d) traced:", kind, tr.Line))
			for _, e := range tr.Entries {
				w.printf("    %s  %s  %s %s\n", padLeftColored(p.Num.Sprint(layers.Num(e.Value)), layers.Num(e.Value), 10), pad(e.Layer, 20), e.Weight.Name, shapeText(e.Weight.Shape)+p.Dim.Sprintf(" %s", layers.Num(e.Weight.Size())))
			}
		}
	}
	var flags []explain.Flag
	for _, f := range s.Flags {
		if f.Kind == explain.KindRow && f.Alarm() {
			continue // shown under its row
		}
		flags = append(flags, f)
	}
	if len(flags) > 0 {
		w.printf("\n")
		for _, f := range flags {
			w.printf("%s", flagLines(f, p, opt, "  "))
		}
	}
}

// shapeNote is the row's note about its output shape, unless the derivation already says it.
func shapeNote(rr *explain.RowResult) string {
	d := strings.TrimSuffix(rr.Derivation.String(), ", no weights")
	if rr.ShapeNote == "" || len(d) > 5 && strings.Contains(rr.ShapeNote, d) {
		return ""
	}
	return rr.ShapeNote
}

// flagLines shows a finding: "FILE:LINE: severity (kind):" and its message, wrapped at 80
// columns under the prefix.
func flagLines(f explain.Flag, p *Palette, opt Options, indent string) string {
	c := p.Dim
	switch f.Severity {
	case explain.Error:
		c = p.Bad
	case explain.Warning:
		c = p.Warn
	}
	head := fmt.Sprintf("%s:%d:", opt.Source, f.Line)
	label := string(f.Severity) + " (" + string(f.Kind) + "):"
	var b strings.Builder
	b.WriteString(indent + head + " " + c.Sprint(label) + "\n")
	for _, l := range wrap(f.Message, 80-len(indent)-4) {
		b.WriteString(indent + "    " + l + "\n")
	}
	return b.String()
}

func layerCell(rr *explain.RowResult) string {
	r := rr.Row
	prefix := strings.Repeat("  ", r.Depth)
	typ := r.TypeText
	if rr.Class != "" {
		typ = rr.Class
	}
	if typ == "" {
		return prefix + r.Name
	}
	return prefix + r.Name + " (" + typ + ")"
}

func paramsCell(rr *explain.RowResult) string {
	if rr.Row.Params != nil {
		s := layers.Num(*rr.Row.Params)
		if rr.Row.Unbuilt {
			s += " (unbuilt)"
		}
		return s
	}
	if rr.Expected != nil {
		return "(" + layers.Num(*rr.Expected) + ")"
	}
	return "—"
}

func shapeText(sh []int64) string {
	var parts []string
	for _, d := range sh {
		parts = append(parts, fmt.Sprint(d))
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func colorClass(s string, p *Palette) string {
	i := strings.LastIndex(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s
	}
	return s[:i+2] + p.Class.Sprint(s[i+2:len(s)-1]) + ")"
}

func colorShape(s string, p *Palette) string {
	var b strings.Builder
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "None"):
			b.WriteString(p.None.Sprint("None"))
			s = s[4:]
		case strings.HasPrefix(s, "null"):
			b.WriteString(p.None.Sprint("null"))
			s = s[4:]
		case s[0] >= '0' && s[0] <= '9':
			j := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(p.Num.Sprint(s[:j]))
			s = s[j:]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}

func truncate(s string, w int) string {
	if width.StringWidth(s) <= w {
		return s
	}
	return width.Truncate(s, w, "…")
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-width.StringWidth(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-width.StringWidth(s))) + s
}

func padColored(colored, plain string, w int) string {
	return colored + strings.Repeat(" ", max(0, w-width.StringWidth(plain)))
}

func padLeftColored(colored, plain string, w int) string {
	return strings.Repeat(" ", max(0, w-width.StringWidth(plain))) + colored
}

// wrap breaks text into lines of at most w columns at spaces.
func wrap(s string, w int) []string {
	var out []string
	for width.StringWidth(s) > w {
		cut := -1
		n := 0
		for i, r := range s {
			n += width.RuneWidth(r)
			if n > w {
				break
			}
			if r == ' ' {
				cut = i
			}
		}
		if cut <= 0 {
			break
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return append(out, s)
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
