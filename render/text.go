package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Options say what the text and Markdown outputs show.
type Options struct {
	Source  string // the input's name for positions: "model.txt", "<stdin>"
	Weights bool   // show every weight array with its running sum
	Graph   bool   // Markdown: a Mermaid flowchart of each model under its table
}

var formatNames = map[grammar.Format]string{
	grammar.Keras1:  "Keras 1.x",
	grammar.Keras2:  "Keras 2 / tf.keras ≤ 2.6",
	grammar.Keras27: "tf.keras 2.7–2.15",
	grammar.Keras3:  "Keras 3",
	grammar.TFJS:    "TensorFlow.js",
}

// eraName names the era whose layout a table prints: Keras 0.x shares Keras 1's format but not
// its header ("Layer (name)").
func eraName(t *grammar.Table) string {
	if t.Keras0 {
		return "Keras 0.x"
	}
	return formatNames[t.Format]
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
	kind := s.Kind() // O(rows): once per table, not once per row
	where := fmt.Sprintf("%s:%d", opt.Source, t.StartLine)
	title := fmt.Sprintf("%s · %s · %d rows", eraName(t), kind, len(s.Rows))
	if t.Name != "" {
		title = "\"" + t.Name + "\" · " + title
	}
	if textWidth(where)+2+textWidth(title) <= 80 {
		w.printf("%s\n\n", p.Head.Sprint(where+"  "+title))
	} else {
		w.printf("%s\n", p.Head.Sprint(where))
		for _, l := range wrap(title, 80) {
			w.printf("%s\n", p.Head.Sprint(l))
		}
		w.printf("\n")
	}
	style := numStyle(t)
	// column widths
	nameW, shapeW, parW := len("layer"), len("output"), len("params")
	for _, rr := range s.Rows {
		nameW = max(nameW, textWidth(layerCell(rr)))
		shapeW = max(shapeW, textWidth(rr.Row.OutputText))
		parW = max(parW, len(paramsCell(rr, style)))
	}
	// the table fits 80 columns: "  " name "  " shape "  " params "  ✓"; a layer cell wider than
	// its column gets a line of its own, whole (a class name is never cut)
	shapeW = min(shapeW, 26)
	nameW = min(nameW, 80-2-2-shapeW-2-parW-3)
	w.printf("  %s  %s  %s\n", pad("layer", nameW), pad("output", shapeW), padLeft("params", parW))
	indent := strings.Repeat(" ", 4)
	say := newRowSayer(s, style, opt.Weights)
	for _, rr := range s.Rows {
		name := layerCell(rr)
		mark := p.paint(p.Dim, "?")
		switch rr.Status {
		case layers.OK:
			mark = p.paint(p.OK, "✓")
		case layers.Mismatch:
			mark = p.paint(p.Bad, "✗")
		}
		nm := name
		if textWidth(name) > nameW {
			w.printf("  %s\n", colorClass(name, p))
			nm = ""
		}
		w.line("  ", colorClass(nm, p), spaces(nameW-textWidth(nm)), "  ",
			padColored(colorShape(truncate(rr.Row.OutputText, shapeW), p), truncate(rr.Row.OutputText, shapeW), shapeW), "  ",
			padLeftColored(p.paint(p.Num, paramsCell(rr, style)), paramsCell(rr, style), parW), "  ", mark)
		for _, l := range say.lines(rr) {
			c := p.Plain
			lead := indent
			switch l.kind {
			case lineInputs, lineOther, lineWeight:
				c = p.Dim
			case lineProblem:
				c = p.Bad
			case lineFormula, lineWhy:
				lead = indent + "  "
			}
			var parts [2]string
			for _, part := range wrapTo(parts[:0], l.text, 80-len(lead)) {
				w.line(lead, p.paint(c, part))
			}
		}
	}
	w.printf("  %s\n", p.Dim.Sprint(strings.Repeat("─", min(nameW+shapeW+parW+8, 76))))
	tot := t.Totals
	line := func(label string, v *int64, size string) {
		if v == nil {
			return
		}
		num := totalText(tot, label, *v, style)
		if size != "" {
			num += " (" + size + ")"
		}
		w.printf("  %s %s\n", pad(label, 22), p.Num.Sprint(num))
		for _, n := range s.Notes {
			if n.Line != label {
				continue
			}
			lead, c := "    · ", p.Plain
			if n.Passed {
				lead, c = "    ✓ ", p.OK
			}
			for i, l := range wrap(n.Text.Format(style), 80-len("    ✓ ")) {
				if i > 0 {
					lead = "      "
				}
				w.printf("%s%s\n", c.Sprint(lead), l)
			}
		}
	}
	line("Total params", tot.Total, tot.TotalSize)
	line("Trainable params", tot.Trainable, tot.TrainSize)
	line("Non-trainable params", tot.NonTrainable, tot.NonTrainSize)
	line("Optimizer params", tot.Optimizer, tot.OptSize)
	if tot.Total == nil && s.RowSum != nil {
		w.printf("  %s %s\n", pad("the rows add up to", 22), p.Num.Sprint(style.Format(*s.RowSum)))
	}
	for _, n := range s.Notes {
		if n.Line == "" {
			w.printf("  %s %s\n", p.Dim.Sprint("·"), n.Text.Format(style))
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
				w.printf("    %s  %s  %s %s\n", padLeftColored(p.Num.Sprint(style.Format(e.Value)), style.Format(e.Value), 10), pad(e.Layer, 20), e.Weight.Name, shapeText(e.Weight.Shape)+p.Dim.Sprintf(": %s", style.Format(e.Weight.Size())))
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

// paramsCell is the row's count as the paste printed it; a count the print does not show is
// kexplain's, in parentheses.
func paramsCell(rr *explain.RowResult, style layers.NumStyle) string {
	if rr.Row.Params != nil {
		s := style.Format(*rr.Row.Params)
		if rr.Row.Unbuilt {
			s += " (unbuilt)"
		}
		return s
	}
	if rr.Expected != nil {
		return "(" + style.Format(*rr.Expected) + ")"
	}
	return "—"
}

// totalText is a totals line's number in the paste's style.
func totalText(_ grammar.Totals, _ string, v int64, style layers.NumStyle) string {
	return style.Format(v)
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
	if !p.on {
		return s // painted without colour, the cell is itself
	}
	i := strings.LastIndex(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s
	}
	return s[:i+2] + p.paint(p.Class, s[i+2:len(s)-1]) + ")"
}

func colorShape(s string, p *Palette) string {
	if !p.on {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "None"):
			b.WriteString(p.paint(p.None, "None"))
			s = s[4:]
		case strings.HasPrefix(s, "null"):
			b.WriteString(p.paint(p.None, "null"))
			s = s[4:]
		case s[0] >= '0' && s[0] <= '9':
			j := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(p.paint(p.Num, s[:j]))
			s = s[j:]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
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

// line writes the strings and a line break, as printf("%s…%s\n") would, without formatting.
func (e *errWriter) line(parts ...string) {
	for _, s := range parts {
		if e.err != nil {
			return
		}
		_, e.err = io.WriteString(e.w, s)
	}
	if e.err == nil {
		_, e.err = io.WriteString(e.w, "\n")
	}
}
