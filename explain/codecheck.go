package explain

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// CompareCode holds the rebuilt models against the summary tables of the same paste and returns
// `code` flags (severity warning) where a row of the table and the row the code makes disagree
// on the count or the output shape. It never changes a table row's verdict: a disagreement says
// that the code and the summary do not belong together (or the code was edited), not that the
// printed count is impossible.
func CompareCode(sums []*Summary, code []*CodeResult) []Flag {
	var flags []Flag
	for _, c := range code {
		if c.Model == nil || len(c.Rows) == 0 {
			continue
		}
		s := nearestSummary(sums, c)
		if s == nil {
			continue
		}
		flags = append(flags, compareRows(s, c)...)
	}
	return flags
}

// nearestSummary is the table printed after the snippet (else the last one before it).
func nearestSummary(sums []*Summary, c *CodeResult) *Summary {
	var before *Summary
	for _, s := range sums {
		if c.Snippet == nil || s.Table.StartLine > c.Snippet.EndLine {
			return s
		}
		before = s
	}
	return before
}

// compareRows pairs the rows by name first, then in order, skipping input layers.
func compareRows(s *Summary, c *CodeResult) []Flag {
	var table, rows []*RowResult
	for _, rr := range s.Rows {
		if rr.Row.Depth == 0 && rr.Class != "InputLayer" {
			table = append(table, rr)
		}
	}
	for _, rr := range c.Rows {
		if rr.Class != "InputLayer" {
			rows = append(rows, rr)
		}
	}
	var flags []Flag
	line := 0
	if c.Snippet != nil {
		line = c.Snippet.StartLine
	}
	nested := false
	for _, rr := range table {
		if modelClasses[rr.Class] || isApplicationName(rr.Row.Name) {
			nested = true // a base model the code makes with keras.applications is no layer it lists
		}
		if layers.Lookup(rr.Class) == nil {
			nested = true // a custom layer class the code defines (in a class body kexplain does not run)
		}
	}
	if len(table) != len(rows) && !nested {
		flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: line,
			Message: "the code builds " + strconv.Itoa(len(rows)) + " layers but the summary lists " + strconv.Itoa(len(table)) +
				" (as " + c.Version.String() + " reads the code)"})
	}
	if c.Model != nil && !c.Model.Built {
		// the code never gives its model an input shape: its rows have no counts to compare
		return flags
	}
	byName := map[string]*RowResult{}
	for _, rr := range rows {
		byName[rr.Row.Name] = rr
	}
	used := map[*RowResult]bool{}
	for i, t := range table {
		cr := byName[t.Row.Name]
		if cr == nil && i < len(rows) && !used[rows[i]] && (rows[i].Class == t.Class || t.Class == "") {
			cr = rows[i]
		}
		if cr == nil || used[cr] {
			continue
		}
		used[cr] = true
		if t.Row.Params != nil && cr.Expected != nil && *t.Row.Params != *cr.Expected && cr.Status != layers.Unknown &&
			cr.Row.Output.Kind == grammar.ShapeTuple && // the code gives the layer a shape, so its count is known

			!(*cr.Expected == 0 && cr.Weights == nil && !alwaysWeights[cr.Class] && t.Row.Params != nil && *t.Row.Params > 0 && cr.Row.Output.Kind != grammar.ShapeTuple) {
			flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: t.Row.Line, Layer: t.Row.Name,
				Message: "the code gives " + t.Row.Name + " " + layers.Num(*cr.Expected) + " weights (" + cr.Derivation.String() +
					"), the summary prints " + layers.Num(*t.Row.Params)})
			continue
		}
		if t.Row.Output.Known() && cr.Row.Output.Known() && !sameDims(t.Row.Output.Dims, cr.Row.Output.Dims) {
			flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: t.Row.Line, Layer: t.Row.Name,
				Message: "the code gives " + t.Row.Name + " the output shape " + cr.Row.OutputText + ", the summary prints " +
					strings.TrimSpace(t.Row.OutputText)})
		}
	}
	return flags
}

func sameDims(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && a[i] >= 0 && b[i] >= 0 {
			return false
		}
	}
	return true
}
