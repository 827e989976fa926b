package grammar

import (
	"strings"
	"unicode/utf8"

	"github.com/kexplain/kexplain/normalize"
)

// maxDepth bounds bracket nesting in a shape; deeper text is not a shape (and must not cost
// more than linear time).
const maxDepth = 64

// maxShape bounds the length of a shape; longer bracket text is not one.
const maxShape = 8192

// isShapeRune reports whether r can appear inside a printed shape.
func isShapeRune(c byte) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ' ' || c == '?' || c == '-':
		return true
	}
	return false
}

// scanShape reads a shape starting at s[0] ('(' or '['): balanced brackets holding only dims,
// None/null, '?', commas and spaces; several bracket groups joined by "," (tfjs input shapes of
// several calls: "[[null,20]],[[null,10]]") are one shape. It returns the length read and
// whether the brackets closed (false: the print cut the shape).
func scanShape(s string) (n int, closed bool) {
	depth := 0
	i := 0
	json := strings.HasPrefix(s, "[null") || strings.HasPrefix(s, "[[null") || strings.HasPrefix(s, "[[[null")
	if !json && strings.HasPrefix(s, "[") {
		// JSON arrays of a fixed batch size ("[[64,100,64],[6"): no space after the commas
		if k := strings.IndexByte(s, ','); k > 0 && k+1 < len(s) && s[k+1] != ' ' && strings.Trim(s[:k], "[0123456789") == "" {
			json = true
		}
	}
	dict := false
	for i < len(s) {
		if i > maxShape {
			return i, false // no printed shape is this long
		}
		c := s[i]
		switch {
		case c == '(' || c == '[' || c == '{':
			if c == '{' {
				dict = true
			}
			depth++
			if depth > maxDepth {
				return i, false
			}
			i++
		case c == ')' || c == ']' || c == '}':
			depth--
			i++
			if depth < 0 {
				return i - 1, false
			}
			if depth == 0 {
				// "],[": another group of the same cell (tfjs calls)
				if i+1 < len(s) && s[i] == ',' && s[i+1] == '[' {
					i++
					continue
				}
				return i, true
			}
		case strings.HasPrefix(s[i:], "None"):
			i += 4
		case strings.HasPrefix(s[i:], "null"):
			i += 4
		case c == ' ':
			// two spaces end a cut shape in an aligned table; JSON shapes (tfjs) have no spaces
			if i+1 < len(s) && s[i+1] == ' ' || json {
				return i, false
			}
			i++
		case isShapeRune(c):
			i++
		case c == ':' && depth > 0:
			// Keras 3 dict outputs {name: (None, 64)}
			i++
		case depth > 0 && isIdentStart(c) && i > 0 && (s[i-1] == '[' || s[i-1] == '(' || s[i-1] == ','):
			// a named dim: [batch_size,256]
			for i < len(s) && (isAlnum(s[i]) || s[i] == '_') {
				i++
			}
		default:
			if depth > 0 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
				// names inside a dict shape
				if i > 0 && (s[i-1] == '{' || s[i-1] == ' ' || s[i-1] == '_' || isAlnum(s[i-1])) && dict {
					i++
					continue
				}
			}
			return i, false
		}
	}
	return i, depth == 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// ParseShape reads a printed output shape: "(None, 41, 64)", "[null,41,64]", "[(None, 64), (None, 64)]",
// "multiple", "?", "(None)". A shape the print cut is ShapeCut with the dims it shows.
func ParseShape(text string) Shape {
	t := normalize.TrimSpace(text)
	switch t {
	case "":
		return Shape{Kind: ShapeNone}
	case "multiple":
		return Shape{Kind: ShapeMultiple}
	case "?", "None":
		return Shape{Kind: ShapeUnknown}
	}
	if pythonRepr(t) {
		return Shape{Kind: ShapeUnknown}
	}
	p := shapeParser{s: t}
	sh, ok := p.value(0)
	p.skip()
	if !ok || p.i != len(p.s) {
		return Shape{Kind: ShapeCut, Dims: leadingDims(t), Items: leadingItems(t)}
	}
	// A single-element list around a tuple is how tf.keras prints an InputLayer: [(None, 32)].
	if sh.Kind == ShapeList && len(sh.Items) == 1 && sh.Items[0].Kind == ShapeTuple {
		return sh.Items[0]
	}
	return sh
}

type shapeParser struct {
	s string
	i int
}

func (p *shapeParser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// value parses a tuple or list: a bracket group whose items are dims or groups.
func (p *shapeParser) value(depth int) (Shape, bool) {
	p.skip()
	if p.i >= len(p.s) || depth > maxDepth {
		return Shape{}, false
	}
	open := p.s[p.i]
	var close byte
	switch open {
	case '(':
		close = ')'
	case '[':
		close = ']'
	case '{':
		close = '}'
	default:
		return Shape{}, false
	}
	p.i++
	dims := make([]int64, 0, 4) // most shapes have at most four axes: one allocation
	var items []Shape
	nested := false
	for {
		p.skip()
		if p.i >= len(p.s) {
			return Shape{}, false
		}
		c := p.s[p.i]
		if c == close {
			p.i++
			break
		}
		switch {
		case c == '(' || c == '[' || c == '{':
			it, ok := p.value(depth + 1)
			if !ok {
				return Shape{}, false
			}
			nested = true
			items = append(items, it)
		case strings.HasPrefix(p.s[p.i:], "None"), strings.HasPrefix(p.s[p.i:], "null"):
			p.i += 4
			dims = append(dims, -1)
		case c == '?':
			p.i++
			dims = append(dims, -1)
		case c >= '0' && c <= '9':
			var n int64
			for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
				if n > 1e15 {
					return Shape{}, false
				}
				n = n*10 + int64(p.s[p.i]-'0')
				p.i++
			}
			dims = append(dims, n)
		case open != '{' && isIdentStart(c):
			// a named dim ("batch_size"): unknown
			for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '_') {
				p.i++
			}
			dims = append(dims, -1)
		case open == '{' && (isAlnum(c) || c == '_'):
			// dict key: skip "name:"
			for p.i < len(p.s) && p.s[p.i] != ':' && p.s[p.i] != close {
				p.i++
			}
			if p.i < len(p.s) && p.s[p.i] == ':' {
				p.i++
			}
			continue
		default:
			return Shape{}, false
		}
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i < len(p.s) && p.s[p.i] != close {
			return Shape{}, false
		}
	}
	if nested {
		if len(dims) > 0 {
			return Shape{}, false
		}
		return Shape{Kind: ShapeList, Items: items}, true
	}
	if len(dims) == 0 {
		dims = nil // "()": no axes, as before any was read
	}
	return Shape{Kind: ShapeTuple, Dims: dims}, true
}

// leadingDims reads the dims a cut shape shows before the cut: "(None, None, None, 3" gives
// [-1 -1 -1] (the last dim may itself be cut, so it is dropped).
func leadingDims(t string) []int64 {
	t = strings.TrimLeft(t, "([")
	parts := strings.Split(t, ",")
	var out []int64
	for i, p := range parts {
		if i == len(parts)-1 {
			break
		}
		p = normalize.TrimSpace(p)
		switch {
		case p == "None" || p == "null":
			out = append(out, -1)
		default:
			var n int64
			if p == "" {
				return out
			}
			for _, c := range []byte(p) {
				if c < '0' || c > '9' {
					return out
				}
				n = n*10 + int64(c-'0')
			}
			out = append(out, n)
		}
	}
	return out
}

// ParseInputShapes reads a tfjs Input Shape cell: "[[null,41,1]]" (one input), "[[null,4],[null,4]]"
// (two inputs of one call), "[[null,20]],[[null,10]]" (two calls: the first call's inputs are used).
func ParseInputShapes(text string) []Shape {
	t := normalize.TrimSpace(text)
	if t == "" {
		return nil
	}
	if n, closed := scanShape(t); closed && n < len(t) {
		t = t[:n]
	}
	// first call only
	if i := strings.Index(t, "]],[["); i >= 0 {
		t = t[:i+2]
	}
	sh := ParseShape(t)
	switch sh.Kind {
	case ShapeList:
		return sh.Items
	case ShapeTuple:
		return []Shape{sh}
	}
	return []Shape{sh}
}

// leadingItems reads the whole tuples at the start of a cut list of shapes:
// "[(None, 64), (None," gives [(None, 64)].
func leadingItems(t string) []Shape {
	if !strings.HasPrefix(t, "[(") && !strings.HasPrefix(t, "[[") {
		return nil
	}
	var items []Shape
	p := shapeParser{s: t, i: 1}
	for {
		p.skip()
		if p.i >= len(p.s) || (p.s[p.i] != '(' && p.s[p.i] != '[') {
			return items
		}
		it, ok := p.value(1)
		if !ok || it.Kind != ShapeTuple {
			return items
		}
		items = append(items, it)
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ',' {
			return items
		}
		p.i++
	}
}

// retypedShape reads a shape cell as people retype it: the axes without the batch axis, joined by
// "x", "×" or "*" ("30 x 30 x 32"), or one number alone ("1024"), in a column that a header names
// Output Shape. The batch axis is unknown. ok false for anything else.
func retypedShape(t string) (Shape, bool) {
	t = normalize.TrimSpace(t)
	if t == "" || len(t) > 80 {
		return Shape{}, false
	}
	for i := 0; i < len(t); i++ {
		// only digits, spaces and the signs of "times" can make one (a quick test before the rest)
		if c := t[i]; c < utf8.RuneSelf && !(c >= '0' && c <= '9' || c == ' ' || c >= '\t' && c <= '\r' || c == 'x' || c == 'X' || c == '*') {
			return Shape{}, false
		}
	}
	t = retypedTimes.Replace(t)
	var dims []int64
	for i, f := range strings.Split(t, "x") {
		f = normalize.TrimSpace(f)
		if !allDigits(f) || len(f) > 12 {
			return Shape{}, false
		}
		if i == 0 {
			dims = append(dims, -1)
		}
		var n int64
		for _, c := range []byte(f) {
			n = n*10 + int64(c-'0')
		}
		dims = append(dims, n)
	}
	return Shape{Kind: ShapeTuple, Dims: dims}, true
}

// retypedTimes spells every way people write "times" between axes as " x " (built once).
var retypedTimes = strings.NewReplacer("×", " x ", "*", " x ", "X", " x ")

// pythonRepr reports an output cell that holds a Python object's repr, not a shape: a layer that
// returns an object (a transformers ModelOutput) prints "TFBaseModelOutput(last_hidden_state=…)".
// Its shape is unknown to the print.
func pythonRepr(t string) bool {
	if t == "" || t[0] < 'A' || t[0] > 'Z' {
		return false
	}
	i := 0
	for i < len(t) && (isAlnum(t[i]) || t[i] == '_') {
		i++
	}
	return i >= 4 && i < len(t) && t[i] == '(' && strings.Contains(t, "=")
}
