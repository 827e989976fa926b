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
	return jc
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
