package render

import (
	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/layers"
)

// codeJSON is one `code` entry of contract.md: the rows the snippet's model would print.
func codeJSON(c *explain.CodeResult) jsonCode {
	jc := jsonCode{Layers: []jsonLayer{}, Flags: flagsJSON(c.Flags)}
	if c.Snippet != nil {
		jc.StartLine, jc.EndLine = c.Snippet.StartLine, c.Snippet.EndLine
	}
	for _, rr := range c.Rows {
		jc.Layers = append(jc.Layers, layerJSON(rr, layers.SepAuto))
	}
	jc.Totals = codeTotalsJSON(c.Totals)
	for _, e := range c.Earlier {
		je := jsonPrinted{Name: e.Name, Line: e.Line, Layers: []jsonLayer{}, Totals: codeTotalsJSON(e.Totals)}
		for _, rr := range e.Rows {
			je.Layers = append(je.Layers, layerJSON(rr, layers.SepAuto))
		}
		jc.Earlier = append(jc.Earlier, je)
	}
	return jc
}

// codeTotalsJSON gives a rebuilt model's totals; nil when no model was rebuilt.
func codeTotalsJSON(t *explain.CodeTotals) *jsonCodeTotals {
	if t != nil {
		jt := &jsonCodeTotals{Total: t.Total, Trainable: t.Trainable, NonTrainable: t.NonTrainable, Optimizer: t.Optimizer,
			UnknownRows: t.UnknownRows, Why: t.Why}
		if t.Total == nil {
			k := t.KnownPart
			jt.KnownPart = &k
		}
		for _, r := range t.NonTrainableRows {
			jt.NonTrainableRows = append(jt.NonTrainableRows, jsonNonTrainRow{Name: r.Name, Params: r.Params, Why: r.Why})
		}
		return jt
	}
	return nil
}

// CodeJSON gives the `code` entries of contract.md for the rebuilt snippets, ready for
// encoding/json (render.JSON fills the document's `code` array with the same values).
func CodeJSON(cs []*explain.CodeResult) any {
	out := []jsonCode{}
	for _, c := range cs {
		out = append(out, codeJSON(c))
	}
	return out
}
