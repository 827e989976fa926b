package ocr

import (
	"strings"
)

// tfjsShapes puts right the brackets of the shape cells of a TensorFlow.js table by their column:
// an Input Shape cell is a list of shapes, "[[null,8]]" or "[[null,32],[null,32]]", two brackets
// deep; an Output shape cell is one shape, "[null,512]", one deep (or a list, where it holds
// "],["). The recogniser adds or drops a bracket at a cell's ends ("[null,512]]", "[[[null,50,8]]]",
// "[[null,800]"), which a cell alone cannot tell from the pieces of a parted one; the column can.
// A cell the print cut (no closing bracket) keeps its end.
func (lo *layout) tfjsShapes() {
	head, in, out, par := -1, -1, -1, -1
	for r, row := range lo.rows {
		s := string(row)
		i, o, p := strings.Index(s, "Input Shape"), strings.Index(s, "Output shape"), strings.Index(s, "Param #")
		if i > 0 && o > i && p > o {
			head, in, out, par = r, len([]rune(s[:i])), len([]rune(s[:o])), len([]rune(s[:p]))
			break
		}
	}
	if head < 0 {
		return
	}
	for r := head + 1; r < len(lo.rows); r++ {
		row := lo.rows[r]
		for _, t := range rowTokens(row) {
			if !strings.HasPrefix(t.text, "[") || !strings.Contains(t.text, "null") {
				continue
			}
			depth := 0
			switch {
			case t.col >= in-1 && t.col < out-1:
				depth = 2
			case t.col >= out-1 && t.col < par-1:
				depth = 1
			}
			fixed := rebracket(t.text, depth)
			if fixed == t.text || t.col+len([]rune(fixed)) > len(row) {
				continue
			}
			n := len([]rune(t.text))
			if m := len([]rune(fixed)); m > n && strings.TrimSpace(string(row[t.col+n:min(len(row), t.col+m+1)])) != "" {
				continue // no room
			}
			for c := t.col; c < t.col+n; c++ {
				row[c] = ' '
			}
			copy(row[t.col:], []rune(fixed))
		}
	}
}

// rebracket gives a shape cell the brackets of its column's depth (0: unknown, as read): its
// items, with only "],[" between shapes inside, in depth brackets, braces and parentheses read as
// the brackets they are. A cell with no closing bracket
// was cut by the print, and keeps its end.
func rebracket(t string, depth int) string {
	if depth == 0 {
		return t
	}
	// (a brace or a parenthesis in a TensorFlow.js shape is a bracket misread)
	t = strings.NewReplacer("{", "[", "(", "[", "}", "]", ")", "]").Replace(t)
	inner := strings.TrimLeft(t, "[")
	cut := !strings.HasSuffix(inner, "]")
	inner = strings.TrimRight(inner, "]")
	if inner == "" || strings.ContainsAny(strings.ReplaceAll(inner, "],[", ""), "[]") {
		return t
	}
	if strings.Contains(inner, "],[") {
		depth = 2 // a list of shapes
	}
	open := strings.Repeat("[", depth)
	if cut {
		return open + inner
	}
	return open + inner + strings.Repeat("]", depth)
}
