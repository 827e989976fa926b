package render

import (
	"io"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/layers"
)

// Markdown writes the explanation as Markdown to paste back into a forum or a homework answer:
// a pipe table per summary, the totals in bold as its last row, findings as a list under it, and
// derivations in code spans so that × and ⌊⌋ survive forum software.
func Markdown(w io.Writer, res *explain.Result, opt Options) error {
	mw := &errWriter{w: w}
	for i, s := range res.Summaries {
		if i > 0 {
			mw.printf("\n")
		}
		t := s.Table
		title := eraName(t) + " summary"
		if t.Name != "" {
			title += " of `" + t.Name + "`"
		}
		mw.printf("### %s (line %d)\n\n", title, t.StartLine)
		style := numStyle(t)
		mw.printf("| Layer (type) | Output shape | Param # | How | |\n|---|---|---:|---|:-:|\n")
		say := newRowSayer(s, style, opt.Weights)
		var details []string
		for _, rr := range s.Rows {
			mark := "?"
			switch rr.Status {
			case layers.OK:
				mark = "✓"
			case layers.Mismatch:
				mark = "✗"
			}
			var how []string
			var more []string
			for _, l := range say.lines(rr) {
				switch l.kind {
				case lineCount, lineShape:
					how = append(how, "`"+strings.ReplaceAll(l.text, "`", "'")+"`")
				case lineFormula:
					more = append(more, "formula `"+strings.ReplaceAll(strings.TrimPrefix(l.text, "formula: "), "`", "'")+"`")
				case lineWeight:
					more = append(more, "`"+strings.ReplaceAll(l.text, "`", "'")+"`")
				case lineProblem:
					// listed with the findings below
				default:
					more = append(more, l.text)
				}
			}
			mw.line("| ", mdEscape(layerCell(rr)), " | `", rr.Row.OutputText, "` | ", paramsCell(rr, style), " | ", mdEscape(strings.Join(how, "<br>")), " | ", mark, " |")
			if len(more) > 0 {
				details = append(details, "- **"+mdEscape(rr.Row.Name)+"**: "+mdEscape(strings.Join(more, "; ")))
			}
		}
		tot := t.Totals
		total := func(label string, v *int64, size string) {
			if v == nil {
				return
			}
			num := style.Format(*v)
			if size != "" {
				num += " (" + size + ")"
			}
			var notes []string
			for _, n := range s.Notes {
				if n.Line == label {
					mark := ""
					if n.Passed {
						mark = "✓ "
					}
					notes = append(notes, mark+"`"+strings.ReplaceAll(n.Text.Format(style), "`", "'")+"`")
				}
			}
			mw.printf("| **%s** | | **%s** | %s | |\n", label, num, mdEscape(strings.Join(notes, "<br>")))
		}
		total("Total params", tot.Total, tot.TotalSize)
		total("Trainable params", tot.Trainable, tot.TrainSize)
		total("Non-trainable params", tot.NonTrainable, tot.NonTrainSize)
		total("Optimizer params", tot.Optimizer, tot.OptSize)
		mw.printf("\n")
		for _, d := range details {
			mw.line(d)
		}
		for _, n := range s.Notes {
			if n.Line == "" {
				mw.printf("- %s\n", mdEscape(n.Text.Format(style)))
			}
		}
		for _, tr := range s.Traces {
			mw.printf("- `get_weights()` numbers on line %d:", tr.Line)
			for _, e := range tr.Entries {
				mw.printf(" %s = %s `%s`%s;", layers.Num(e.Value), e.Layer, e.Weight.Name, shapeText(e.Weight.Shape))
			}
			mw.printf("\n")
		}
		for _, f := range s.Flags {
			mw.printf("- **%s** (%s, line %d): %s\n", f.Severity, f.Kind, f.Line, mdEscape(f.Message))
		}
		if opt.Graph {
			mermaidBlock(mw, SummaryGraph(s))
		}
	}
	for _, c := range res.Code {
		mw.printf("\n")
		codeMarkdown(mw, c)
		if g := CodeGraph(c); opt.Graph && g != nil {
			mermaidBlock(mw, g)
		}
	}
	for _, f := range res.Foreign {
		mw.printf("- line %d: %s\n", f.StartLine, f.Describe())
	}
	if len(res.Flags) > 0 {
		mw.printf("\n")
	}
	for _, f := range res.Flags {
		mw.printf("- **%s** (%s, line %d): %s\n", f.Severity, f.Kind, f.Line, mdEscape(f.Message))
	}
	return mw.err
}

func mdEscape(s string) string {
	return strings.ReplaceAll(s, "|", "\\|")
}

// mermaidBlock writes a model's graph as a fenced Mermaid block, which GitHub and many forums
// draw as a picture.
func mermaidBlock(mw *errWriter, g *Graph) {
	if mw.err != nil {
		return
	}
	mw.printf("\n```mermaid\n")
	mw.err = MermaidGraph(mw.w, g)
	mw.printf("```\n")
}
