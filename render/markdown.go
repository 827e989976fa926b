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
		title := formatNames[t.Format] + " summary"
		if t.Name != "" {
			title += " of `" + t.Name + "`"
		}
		mw.printf("### %s (line %d)\n\n", title, t.StartLine)
		mw.printf("| Layer (type) | Output shape | Param # | How | |\n|---|---|---:|---|:-:|\n")
		for _, rr := range s.Rows {
			mark := "?"
			switch rr.Status {
			case layers.OK:
				mark = "✓"
			case layers.Mismatch:
				mark = "✗"
			}
			how := rr.Derivation.String()
			if note := shapeNote(rr); note != "" {
				how = strings.TrimSpace(how + "; " + note)
			}
			if how != "" {
				how = "`" + strings.ReplaceAll(how, "`", "'") + "`"
			}
			mw.printf("| %s | `%s` | %s | %s | %s |\n", mdEscape(layerCell(rr)), rr.Row.OutputText, paramsCell(rr), mdEscape(how), mark)
		}
		tot := t.Totals
		if tot.Total != nil {
			mw.printf("| **Total params** | | **%s** | ", layers.Num(*tot.Total))
			if s.Computed.Total != nil {
				mw.printf("rows add up to %s", layers.Num(*s.Computed.Total))
			}
			mw.printf(" | |\n")
		}
		if tot.Trainable != nil && tot.NonTrainable != nil {
			mw.printf("| **Trainable / non-trainable** | | **%s / %s** | | |\n", layers.Num(*tot.Trainable), layers.Num(*tot.NonTrainable))
		}
		if tot.Optimizer != nil {
			mw.printf("| **Optimizer params** | | **%s** | | |\n", layers.Num(*tot.Optimizer))
		}
		mw.printf("\n")
		for _, n := range s.Notes {
			mw.printf("- %s\n", mdEscape(n))
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
	}
	for _, c := range res.Code {
		mw.printf("\n")
		codeMarkdown(mw, c)
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
