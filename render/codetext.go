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
	for _, e := range c.Earlier {
		title := fmt.Sprintf("%q, printed by summary() · %s · %d layers", e.Name, readsAs(c), len(e.Rows))
		w.printf("%s\n\n", p.Head.Sprint(fmt.Sprintf("%s:%d  %s", opt.Source, e.Line, title)))
		codeRowsText(w, e.Rows, e.Totals, p)
		w.printf("\n")
	}
	title := fmt.Sprintf("%s, %s · %d layers", codeKind(c), readsAs(c), len(c.Rows))
	w.printf("%s\n\n", p.Head.Sprint(fmt.Sprintf("%s:%d-%d  %s", opt.Source, start, end, title)))
	if len(c.Rows) == 0 {
		w.printf("  %s\n", p.Dim.Sprint("no model could be rebuilt from this code"))
	}
	codeRowsText(w, c.Rows, c.Totals, p)
	for _, f := range c.Flags {
		w.printf("%s", flagLines(f, p, opt, "  "))
	}
}

// codeRowsText writes a rebuilt model's rows, each with the arithmetic of its count, then its
// totals.
func codeRowsText(w *errWriter, rows []*explain.RowResult, totals *explain.CodeTotals, p *Palette) {
	nameW, shapeW, parW := len("layer"), len("output"), len("params")
	for _, rr := range rows {
		nameW = max(nameW, textWidth(layerCell(rr)))
		shapeW = max(shapeW, textWidth(rr.Row.OutputText))
		parW = max(parW, len(expectedCell(rr)))
	}
	shapeW = min(shapeW, 26)
	nameW = min(nameW, 80-2-2-shapeW-2-parW)
	if len(rows) > 0 {
		w.printf("  %s  %s  %s\n", pad("layer", nameW), pad("output", shapeW), padLeft("params", parW))
	}
	for _, rr := range rows {
		nm := truncate(layerCell(rr), nameW)
		sh := truncate(rr.Row.OutputText, shapeW)
		w.printf("  %s%s  %s  %s\n", colorClass(nm, p), strings.Repeat(" ", max(0, nameW-textWidth(nm))),
			padColored(colorShape(sh, p), sh, shapeW), padLeftColored(p.Num.Sprint(expectedCell(rr)), expectedCell(rr), parW))
		if d := rr.Derivation.String(); d != "" {
			for _, l := range wrap(d, 72) {
				w.printf("    %s\n", p.Plain.Sprint(l))
			}
		}
		if rr.Expected == nil && rr.Row.Depth == 0 {
			if rr.Config != "" {
				for _, l := range wrap(rr.Config, 72) {
					w.printf("    %s\n", p.Dim.Sprint(l))
				}
			}
		}
	}
	if len(rows) > 0 && totals != nil {
		w.printf("  %s\n", p.Dim.Sprint(strings.Repeat("─", min(nameW+shapeW+parW+4, 76))))
		for _, l := range totalLines(totals) {
			w.printf("  %s %s\n", pad(l[0], 22), p.Num.Sprint(l[1]))
			for _, x := range l[2:] {
				for _, wl := range wrap(x, 70) {
					w.printf("    %s\n", p.Dim.Sprint(wl))
				}
			}
		}
	}
}

// totalLines are the totals of a rebuilt model as summary() words them: label, value, and the
// lines that explain the value (what is not known, what does not train).
func totalLines(t *explain.CodeTotals) [][]string {
	known := func(n *int64) string {
		if n == nil {
			return "?"
		}
		return layers.Num(*n)
	}
	total := []string{"Total params", known(t.Total)}
	if t.Total == nil {
		// never a sum that leaves rows out silently
		total[1] = fmt.Sprintf("? (%d %s not known; the others add up to %s)", t.UnknownRows,
			plural(t.UnknownRows, "row", "rows"), layers.Num(t.KnownPart))
	}
	tr := []string{"Trainable params", known(t.Trainable)}
	nt := []string{"Non-trainable params", known(t.NonTrainable)}
	if t.Total != nil && t.Trainable == nil && t.Why != "" {
		tr = append(tr, t.Why)
	}
	if t.NonTrainable != nil {
		for i, r := range t.NonTrainableRows {
			if i == 5 {
				nt = append(nt, fmt.Sprintf("and %d more %s", len(t.NonTrainableRows)-5, plural(len(t.NonTrainableRows)-5, "row", "rows")))
				break
			}
			nt = append(nt, fmt.Sprintf("%s %s: %s", r.Name, layers.Num(r.Params), r.Why))
		}
	}
	out := [][]string{total, tr, nt}
	if t.Optimizer != nil {
		out = append(out, []string{"Optimizer params", layers.Num(*t.Optimizer),
			"the optimizer's variables; Keras 3 adds them to the Total it prints once the optimizer is built"})
	}
	return out
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
	for _, e := range c.Earlier {
		w.printf("### %q, printed by summary() (line %d), %s\n\n", e.Name, e.Line, readsAs(c))
		codeRowsMarkdown(w, e.Rows, e.Totals)
	}
	w.printf("### %s (lines %d-%d), %s\n\n", codeKind(c), start, end, readsAs(c))
	if len(c.Rows) == 0 {
		w.printf("No model could be rebuilt from this code.\n\n")
	}
	codeRowsMarkdown(w, c.Rows, c.Totals)
	for _, f := range c.Flags {
		w.printf("- **%s** (%s, line %d): %s\n", f.Severity, f.Kind, f.Line, mdEscape(f.Message))
	}
}

// codeRowsMarkdown writes a rebuilt model's rows as a Markdown table, then its totals.
func codeRowsMarkdown(w *errWriter, rows []*explain.RowResult, totals *explain.CodeTotals) {
	if len(rows) > 0 {
		w.printf("| Layer (type) | Output shape | Param # | How |\n|---|---|---:|---|\n")
		for _, rr := range rows {
			how := rr.Derivation.String()
			if how != "" {
				how = "`" + strings.ReplaceAll(how, "`", "'") + "`"
			} else if rr.Expected == nil {
				how = rr.Config // why the count is not known
			}
			w.printf("| %s | `%s` | %s | %s |\n", mdEscape(layerCell(rr)), rr.Row.OutputText, expectedCell(rr), mdEscape(how))
		}
		w.printf("\n")
		if totals != nil {
			for _, l := range totalLines(totals) {
				w.printf("%s: **%s**", l[0], mdEscape(l[1]))
				if len(l) > 2 {
					w.printf(" (%s)", mdEscape(strings.Join(l[2:], "; ")))
				}
				w.printf("  \n")
			}
			w.printf("\n")
		}
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

// readsAs says whose reading of the code the rows are: a Keras version's, or TensorFlow.js's
// (whose layers mirror Keras 2's, but which names and prints them its own way).
func readsAs(c *explain.CodeResult) string {
	if c.Snippet != nil && c.Snippet.Lang == grammar.LangTFJS {
		return "as TensorFlow.js builds it"
	}
	return "as " + c.Version.String() + " reads it"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
