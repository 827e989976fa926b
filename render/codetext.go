package render

import (
	"fmt"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// codeText shows the model rebuilt from one snippet of code: the rows its summary() would print,
// each with the arithmetic of its count, and the code's findings.
func codeText(w *errWriter, c *explain.CodeResult, p *Palette, opt Options) {
	start, end := 0, 0
	if c.Snippet != nil {
		start, end = c.Snippet.StartLine, c.Snippet.EndLine
	}
	title := fmt.Sprintf("%s, as %s reads it · %d layers", codeKind(c), c.Version, len(c.Rows))
	w.printf("%s\n\n", p.Head.Sprint(fmt.Sprintf("%s:%d-%d  %s", opt.Source, start, end, title)))
	if len(c.Rows) == 0 {
		w.printf("  %s\n", p.Dim.Sprint("no model could be rebuilt from this code"))
	}
	nameW, shapeW, parW := len("layer"), len("output"), len("params")
	for _, rr := range c.Rows {
		nameW = max(nameW, textWidth(layerCell(rr)))
		shapeW = max(shapeW, textWidth(rr.Row.OutputText))
		parW = max(parW, len(expectedCell(rr)))
	}
	shapeW = min(shapeW, 26)
	nameW = min(nameW, 80-2-2-shapeW-2-parW)
	if len(c.Rows) > 0 {
		w.printf("  %s  %s  %s\n", pad("layer", nameW), pad("output", shapeW), padLeft("params", parW))
	}
	var total int64
	unknown := 0
	for _, rr := range c.Rows {
		nm := truncate(layerCell(rr), nameW)
		sh := truncate(rr.Row.OutputText, shapeW)
		w.printf("  %s%s  %s  %s\n", colorClass(nm, p), strings.Repeat(" ", max(0, nameW-textWidth(nm))),
			padColored(colorShape(sh, p), sh, shapeW), padLeftColored(p.Num.Sprint(expectedCell(rr)), expectedCell(rr), parW))
		if d := rr.Derivation.String(); d != "" {
			for _, l := range wrap(d, 72) {
				w.printf("    %s\n", p.Plain.Sprint(l))
			}
		}
		if rr.Expected != nil && rr.Row.Depth == 0 {
			total += *rr.Expected
		}
		if rr.Expected == nil && rr.Row.Depth == 0 {
			unknown++
			if rr.Config != "" {
				for _, l := range wrap(rr.Config, 72) {
					w.printf("    %s\n", p.Dim.Sprint(l))
				}
			}
		}
	}
	if len(c.Rows) > 0 {
		sum := p.Num.Sprint(layers.Num(total))
		if unknown > 0 {
			// never a sum that leaves rows out silently
			sum = "? (" + fmt.Sprintf("%d %s not known; the others add up to %s", unknown, plural(unknown, "row", "rows"), layers.Num(total)) + ")"
		}
		w.printf("  %s\n  %s %s\n", p.Dim.Sprint(strings.Repeat("─", min(nameW+shapeW+parW+4, 76))),
			pad("the rows add up to", 22), sum)
	}
	for _, f := range c.Flags {
		w.printf("%s", flagLines(f, p, opt, "  "))
	}
}

func expectedCell(rr *explain.RowResult) string {
	if rr.Expected != nil {
		return layers.Num(*rr.Expected)
	}
	return "?"
}

// codeMarkdown is codeText as Markdown.
func codeMarkdown(w *errWriter, c *explain.CodeResult) {
	start, end := 0, 0
	if c.Snippet != nil {
		start, end = c.Snippet.StartLine, c.Snippet.EndLine
	}
	w.printf("### %s (lines %d-%d), as %s reads it\n\n", codeKind(c), start, end, c.Version)
	if len(c.Rows) == 0 {
		w.printf("No model could be rebuilt from this code.\n\n")
	} else {
		w.printf("| Layer (type) | Output shape | Param # | How |\n|---|---|---:|---|\n")
		for _, rr := range c.Rows {
			how := rr.Derivation.String()
			if how != "" {
				how = "`" + strings.ReplaceAll(how, "`", "'") + "`"
			} else if rr.Expected == nil {
				how = rr.Config // why the count is not known
			}
			w.printf("| %s | `%s` | %s | %s |\n", mdEscape(layerCell(rr)), rr.Row.OutputText, expectedCell(rr), mdEscape(how))
		}
		w.printf("\n")
	}
	for _, f := range c.Flags {
		w.printf("- **%s** (%s, line %d): %s\n", f.Severity, f.Kind, f.Line, mdEscape(f.Message))
	}
}

// codeKind names the language of the code a result was rebuilt from.
func codeKind(c *explain.CodeResult) string {
	if c.Snippet != nil {
		switch c.Snippet.Lang {
		case grammar.LangR:
			return "R keras code"
		case grammar.LangTFJS:
			return "TensorFlow.js code"
		}
	}
	return "Keras code"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
