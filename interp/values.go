package interp

import (
	"math"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// The values of the interpreter. Python's own values are int64, float64, string, bool, noneVal,
// *listVal (lists, tuples, sets), *dictVal (insertion-ordered, as Python's); what the code
// defines are *funcVal, *classVal and *instVal; what kexplain cannot know is unknownVal, which
// remembers where and why (its cause), so that the note says so once, where it matters.

type (
	symVal  string // a name or attribute chain not bound in the code: "layers.Dense", "np.zeros"
	noneVal struct{}
	listVal struct {
		items []any
		tuple bool
	}
	dictVal struct {
		keys []any
		vals []any
	}
	// methodVal is a built-in method bound to its receiver: model.add, list.append.
	methodVal struct {
		recv any
		name string
	}
	optimizerVal struct {
		name string
		cfg  layers.Config
	}
	// unknownVal is a value kexplain cannot know; c says where it comes from and why.
	unknownVal struct{ c *cause }
	// opaqueVal is what calling a callee kexplain does not know gives: unknown, but when it is
	// used as a layer (added to a model, called on a tensor) it becomes a row of its own class.
	opaqueVal struct {
		callee string // as written: "MyAttention", "hub.KerasLayer"
		call   *grammar.Expr
		c      *cause
	}
	// funcVal is a function the code defines (def or lambda).
	funcVal struct {
		name     string
		params   []grammar.Param
		defaults []any // evaluated when the def ran; nil entries: no default
		body     []*grammar.Stmt
		expr     *grammar.Expr // a lambda's body
		closure  *scope
		line     int
	}
	boundVal struct {
		fn   *funcVal
		self any
	}
	// classVal is a class the code defines; keras is "Model" or "Layer" when it subclasses one.
	classVal struct {
		name    string
		keras   string
		bases   []*classVal
		attrs   map[string]any
		line    int
		defined bool
	}
	// instVal is an instance of a class the code defines; obj is its layer when the class is a
	// Keras Model or Layer.
	instVal struct {
		cls     *classVal
		attrs   map[string]any
		order   []string
		obj     *layerObj
		tracked []*layerObj // a Keras object's layers, in the order they were assigned
	}
	superVal struct {
		inst *instVal
		cls  *classVal
	}
)

// cause is where an unknown value comes from: the construct and why it is not known. said
// records that a note was written for it.
type cause struct {
	line, col int
	what, why string
	said      bool
}

func (c *cause) String() string {
	if c == nil {
		return "not known"
	}
	s := c.why
	if c.what != "" {
		s = c.what + ": " + c.why
	}
	if c.line > 0 {
		return strconv.Itoa(c.line) + ":" + strconv.Itoa(c.col) + " " + s
	}
	return s
}

// unknownOf reports whether v is a value kexplain does not know, and its cause.
func unknownOf(v any) (*cause, bool) {
	switch x := v.(type) {
	case unknownVal:
		return x.c, true
	case opaqueVal:
		return x.c, true
	}
	return nil, false
}

// truth is Python's truth of a value: 1 true, 0 false, -1 unknown.
func truth(v any) int {
	switch x := v.(type) {
	case bool:
		if x {
			return 1
		}
		return 0
	case int64:
		return b2i(x != 0)
	case float64:
		return b2i(x != 0)
	case string:
		return b2i(x != "")
	case noneVal:
		return 0
	case *listVal:
		return b2i(len(x.items) > 0)
	case *dictVal:
		return b2i(len(x.keys) > 0)
	case *layerObj, *modelObj, *funcVal, *classVal, *instVal, *boundVal, *optimizerVal, methodVal:
		return 1
	case *tensorVal:
		return -1 // a symbolic tensor has no truth value
	}
	return -1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// equal is Python's == on the values kexplain knows: 1 equal, 0 not, -1 unknown.
func equal(a, b any) int {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return b2i(x == y)
		case float64:
			return b2i(float64(x) == y)
		case bool:
			return b2i(x == int64(b2i(y)))
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return b2i(x == float64(y))
		case float64:
			return b2i(x == y)
		}
	case string:
		if y, ok := b.(string); ok {
			return b2i(x == y)
		}
	case bool:
		switch y := b.(type) {
		case bool:
			return b2i(x == y)
		case int64:
			return b2i(int64(b2i(x)) == y)
		}
	case noneVal:
		if _, ok := b.(noneVal); ok {
			return 1
		}
	case *listVal:
		if y, ok := b.(*listVal); ok {
			if len(x.items) != len(y.items) || x.tuple != y.tuple {
				return 0
			}
			for i := range x.items {
				if e := equal(x.items[i], y.items[i]); e != 1 {
					return e
				}
			}
			return 1
		}
	}
	if _, ok := unknownOf(a); ok {
		return -1
	}
	if _, ok := unknownOf(b); ok {
		return -1
	}
	switch a.(type) {
	case symVal, *tensorVal:
		return -1
	}
	switch b.(type) {
	case symVal, *tensorVal:
		return -1
	}
	if isObject(a) || isObject(b) {
		return b2i(a == b)
	}
	return 0
}

func isObject(v any) bool {
	switch v.(type) {
	case *layerObj, *modelObj, *funcVal, *classVal, *instVal, *optimizerVal:
		return true
	}
	return false
}

// hashable keys of dicts: ints, strings, bools, None, tuples of them; key gives a comparable form.
func dictKey(v any) (string, bool) {
	switch x := v.(type) {
	case int64:
		return "i" + strconv.FormatInt(x, 10), true
	case bool:
		return "i" + strconv.Itoa(b2i(x)), true
	case string:
		return "s" + x, true
	case noneVal:
		return "n", true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			return "i" + strconv.FormatInt(int64(x), 10), true
		}
		return "f" + strconv.FormatFloat(x, 'g', -1, 64), true
	case *listVal:
		if !x.tuple {
			return "", false
		}
		var b strings.Builder
		b.WriteByte('(')
		for _, it := range x.items {
			k, ok := dictKey(it)
			if !ok {
				return "", false
			}
			b.WriteString(k)
			b.WriteByte(',')
		}
		b.WriteByte(')')
		return b.String(), true
	}
	return "", false
}

// lookup finds a key in a dict: the value, 1 found, 0 not there, -1 unknown (a key kexplain
// cannot compare).
func (d *dictVal) lookup(k any) (any, int) {
	key, ok := dictKey(k)
	if !ok {
		return nil, -1
	}
	for i, x := range d.keys {
		if kx, ok := dictKey(x); ok && kx == key {
			return d.vals[i], 1
		}
	}
	return nil, 0
}

func (d *dictVal) set(k, v any) bool {
	key, ok := dictKey(k)
	if !ok {
		return false
	}
	for i, x := range d.keys {
		if kx, ok := dictKey(x); ok && kx == key {
			d.vals[i] = v
			return true
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	return true
}

// pyStr is str(v) for the values kexplain knows; ok false for the others.
func pyStr(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return pyFloat(x), true
	case bool:
		if x {
			return "True", true
		}
		return "False", true
	case noneVal:
		return "None", true
	case *listVal:
		var b strings.Builder
		open, close := "[", "]"
		if x.tuple {
			open, close = "(", ")"
		}
		b.WriteString(open)
		for i, it := range x.items {
			if i > 0 {
				b.WriteString(", ")
			}
			s, ok := pyRepr(it)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		if x.tuple && len(x.items) == 1 {
			b.WriteByte(',')
		}
		b.WriteString(close)
		return b.String(), true
	}
	return "", false
}

func pyRepr(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return "'" + s + "'", true
	}
	return pyStr(v)
}

// pyFloat is Python's repr of a float: 0.5, 1.0, 1e-05.
func pyFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "inf"
	}
	if math.IsInf(f, -1) {
		return "-inf"
	}
	if math.IsNaN(f) {
		return "nan"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.Contains(s, "e") {
		// Python writes 1e-05, Go 1e-05 too; Go writes 1e+16 as Python does
		return s
	}
	return s
}

// typeName is how a message names the type of a value.
func typeName(v any) string {
	switch v.(type) {
	case int64:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case bool:
		return "bool"
	case noneVal:
		return "None"
	case *listVal:
		if v.(*listVal).tuple {
			return "tuple"
		}
		return "list"
	case *dictVal:
		return "dict"
	case *tensorVal:
		return "tensor"
	case *layerObj:
		return "layer"
	case *modelObj:
		return "model"
	}
	return "value"
}
