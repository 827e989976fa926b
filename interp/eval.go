package interp

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Expressions: names, literals, containers, comprehensions, f-strings, attributes, subscripts,
// operators. Calls are in calls.go, arithmetic in arith.go.

type ellipsisVal struct{}

// stopped is the value of everything once the budget has run out.
var stoppedCause = &cause{why: "the rebuild had stopped (budget)", said: true}

func (in *interpreter) eval(fr *frame, e *grammar.Expr) any {
	if e == nil {
		return noneVal{}
	}
	if in.stopped || !in.spend(1, e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	switch e.Kind {
	case grammar.ExprInt:
		if e.Str != "" {
			return in.unknown(e, "the number does not fit in 64 bits (kexplain counts up to 2^63)")
		}
		return e.Int
	case grammar.ExprFloat:
		return e.Float()
	case grammar.ExprString:
		if !in.sized(len(e.Str), nil) {
			return unknownVal{c: stoppedCause}
		}
		return e.Str
	case grammar.ExprFString:
		return in.fstring(fr, e)
	case grammar.ExprName:
		switch e.Name {
		case "None":
			return noneVal{}
		case "True":
			return true
		case "False":
			return false
		}
		if v, ok := fr.sc.get(e.Name); ok {
			return v
		}
		if v, ok := in.globals.vars[e.Name]; ok {
			return v
		}
		return symVal(e.Name)
	case grammar.ExprTuple, grammar.ExprList, grammar.ExprSet:
		l := &listVal{tuple: e.Kind == grammar.ExprTuple}
		for _, x := range e.Items {
			if x.Kind == grammar.ExprStar {
				v := in.eval(fr, x.X)
				items, ok := in.iterate(v, x.X)
				if !ok {
					return in.unknownFrom(v, x, "the values spread by * are not known")
				}
				l.items = append(l.items, items...)
			} else {
				l.items = append(l.items, in.eval(fr, x))
			}
			if !in.sized(1, nil) || len(l.items) > maxLen {
				in.sized(len(l.items), e)
				return unknownVal{c: stoppedCause}
			}
		}
		return l
	case grammar.ExprDict:
		d := &dictVal{}
		for k := range e.Items {
			if e.Items[k] == nil {
				src, ok := in.eval(fr, e.Values()[k]).(*dictVal)
				if !ok {
					return in.unknown(e.Values()[k], "the dict spread by ** is not known")
				}
				for j := range src.keys {
					d.set(src.keys[j], src.vals[j])
				}
				continue
			}
			key := in.eval(fr, e.Items[k])
			val := in.eval(fr, e.Values()[k])
			if !d.set(key, val) {
				return in.unknownFrom(key, e.Items[k], "a dict key kexplain cannot compare")
			}
		}
		if !in.sized(len(d.keys), e) {
			return unknownVal{c: stoppedCause}
		}
		return d
	case grammar.ExprAttr:
		return in.attr(in.eval(fr, e.X), e.Name, e)
	case grammar.ExprIndex:
		return in.index(fr, in.eval(fr, e.X), e)
	case grammar.ExprUnary:
		return in.unary(e.Name, in.eval(fr, e.X), e)
	case grammar.ExprBinary:
		switch e.Name {
		case "and", "or":
			x := in.eval(fr, e.X)
			t := truth(x)
			if t == -1 {
				y := in.eval(fr, e.Y)
				if ty := truth(y); e.Name == "and" && ty == 0 || e.Name == "or" && ty == 1 {
					return y
				}
				return in.unknownFrom(x, e.X, "its truth is not known")
			}
			if e.Name == "and" && t == 0 || e.Name == "or" && t == 1 {
				return x
			}
			return in.eval(fr, e.Y)
		}
		return in.binary(e.Name, in.eval(fr, e.X), in.eval(fr, e.Y), e)
	case grammar.ExprCall:
		return in.call(fr, e)
	case grammar.ExprLambda:
		f := &funcVal{name: "<lambda>", params: e.Params(), expr: e.X, closure: fr.sc, line: e.Line}
		f.defaults = make([]any, len(e.Params()))
		for i, p := range e.Params() {
			if p.Default != nil {
				f.defaults[i] = in.eval(fr, p.Default)
			}
		}
		return f
	case grammar.ExprCond:
		test := in.eval(fr, e.Y)
		switch truth(test) {
		case 1:
			return in.eval(fr, e.X)
		case 0:
			return in.eval(fr, e.Z())
		}
		a, b := in.eval(fr, e.X), in.eval(fr, e.Z())
		if equal(a, b) == 1 {
			return a
		}
		return in.unknownFrom(test, e, "the condition "+e.Y.String()+" is not known")
	case grammar.ExprComp:
		return in.comprehension(fr, e)
	case grammar.ExprEllipsis:
		return ellipsisVal{}
	case grammar.ExprStar:
		return in.eval(fr, e.X)
	case grammar.ExprSlice:
		return in.unknown(e, "a slice outside a subscript")
	}
	return in.unknown(e, "an expression kexplain does not evaluate")
}

// unknownFrom keeps the cause of an unknown operand, or makes a new one.
func (in *interpreter) unknownFrom(v any, e *grammar.Expr, why string) unknownVal {
	if c, ok := unknownOf(v); ok {
		return unknownVal{c: c}
	}
	if s, ok := v.(symVal); ok {
		return in.undefined(s, e)
	}
	return in.unknown(e, why)
}

// undefined is the unknown value of a name the paste never defines.
func (in *interpreter) undefined(s symVal, e *grammar.Expr) unknownVal {
	c := &cause{what: string(s), why: "not defined in the paste"}
	if e != nil {
		c.line, c.col = e.Line, e.Col
	}
	if i := strings.IndexByte(string(s), '.'); i >= 0 {
		root := string(s)[:i]
		if v, bound := in.globals.vars[root]; bound {
			if mod, isMod := v.(symVal); isMod {
				c.why = "a value of " + string(mod) + " that kexplain does not know"
			} else {
				c.why = "a value kexplain does not know"
			}
		} else {
			c.why = root + " is not defined in the paste"
		}
	}
	return unknownVal{c: c}
}

// comprehension evaluates [x for ...], {k: v for ...}, (x for ...) in a scope of its own.
func (in *interpreter) comprehension(fr *frame, e *grammar.Expr) any {
	inner := &frame{sc: newScope(fr.sc)}
	out := &listVal{}
	var d *dictVal
	if e.Name == "dict" {
		d = &dictVal{}
	}
	var fail any
	var loop func(k int) bool
	loop = func(k int) bool {
		if in.stopped {
			return false
		}
		if k == len(e.Comps()) {
			if d != nil {
				key := in.eval(inner, e.X)
				if !d.set(key, in.eval(inner, e.Y)) {
					fail = in.unknownFrom(key, e.X, "a dict key kexplain cannot compare")
					return false
				}
				return in.sized(1, nil)
			}
			out.items = append(out.items, in.eval(inner, e.X))
			if len(out.items) > maxLen {
				in.sized(len(out.items), e)
				fail = unknownVal{c: stoppedCause}
				return false
			}
			return in.sized(1, nil)
		}
		c := e.Comps()[k]
		iter := in.eval(inner, c.Iter)
		items, ok := in.iterate(iter, c.Iter)
		if !ok {
			fail = in.unknownFrom(iter, c.Iter, "the values it goes over are not known")
			return false
		}
		for _, it := range items {
			in.assign(inner, c.Target, it)
			skip := false
			for _, f := range c.Ifs {
				cond := in.eval(inner, f)
				switch truth(cond) {
				case 0:
					skip = true
				case -1:
					fail = in.unknownFrom(cond, f, "the condition is not known")
					return false
				}
				if skip {
					break
				}
			}
			if !skip && !loop(k+1) {
				return false
			}
		}
		return true
	}
	if !loop(0) {
		if fail != nil {
			return fail
		}
		return unknownVal{c: stoppedCause}
	}
	if d != nil {
		return d
	}
	return out
}

// fstring formats an f-string; a part kexplain does not know makes it unknown.
func (in *interpreter) fstring(fr *frame, e *grammar.Expr) any {
	var b strings.Builder
	for _, p := range e.Items {
		if p.Kind == grammar.ExprString {
			b.WriteString(p.Str)
			continue
		}
		spec := ""
		x := p
		if p.Kind == grammar.ExprFString && len(p.Items) == 1 && p.Str != "" {
			spec, x = p.Str, p.Items[0]
		}
		v := in.eval(fr, x)
		s, ok := formatValue(v, spec)
		if !ok {
			return in.unknownFrom(v, x, "its value is not known")
		}
		b.WriteString(s)
		if b.Len() > maxLen {
			in.sized(b.Len(), e)
			return unknownVal{c: stoppedCause}
		}
	}
	return b.String()
}

// ---- attributes ----

func (in *interpreter) attr(x any, name string, e *grammar.Expr) any {
	if name == "shape" {
		if v, ok := in.printedShape(x, e); ok {
			return v
		}
	}
	switch o := x.(type) {
	case symVal:
		if len(o) > 200 {
			return in.unknown(e, "an attribute chain too long to follow")
		}
		return symVal(string(o) + "." + name)
	case unknownVal:
		if name == "reshape" {
			return methodVal{recv: o, name: name}
		}
		return o
	case opaqueVal:
		if name == "reshape" {
			return methodVal{recv: unknownVal{c: o.c}, name: name}
		}
		if scalerClass(o.callee) && (name == "fit_transform" || name == "transform" || name == "inverse_transform") {
			return methodVal{recv: o, name: name}
		}
		return unknownVal{c: o.c}
	case *layerObj:
		return in.layerAttr(o, name, e)
	case *modelObj:
		return in.modelAttr(o, name, e)
	case *tensorVal:
		switch name {
		case "shape":
			l := &listVal{tuple: true}
			if shapeless(o.dims) {
				return in.unknown(e, "the tensor's shape is not known")
			}
			for _, d := range o.dims {
				switch {
				case d == dimUnknown && o.data && o.why != nil:
					l.items = append(l.items, unknownVal{c: o.why})
				case d == dimUnknown:
					l.items = append(l.items, in.unknown(e, "this axis of the tensor is not known"))
				case d < 0:
					l.items = append(l.items, noneVal{})
				default:
					l.items = append(l.items, d)
				}
			}
			return l
		case "dtype":
			return "float32"
		}
		return methodVal{recv: o, name: name}
	case *instVal:
		return in.instAttr(o, name, e)
	case *classVal:
		if v, ok := o.lookup(name); ok {
			return v
		}
		return in.unknown(e, "class "+o.name+" has no attribute "+name+" in the paste")
	case superVal:
		return methodVal{recv: o, name: name}
	case *listVal, *dictVal, string, int64, float64:
		if name == "length" {
			// JavaScript's array.length and string.length (TensorFlow.js code)
			switch x := o.(type) {
			case *listVal:
				return int64(len(x.items))
			case string:
				return int64(len(x))
			}
		}
		return methodVal{recv: o, name: name}
	case methodVal:
		if o.name == "optimizer" {
			return methodVal{recv: o.recv, name: "optimizer." + name}
		}
	case *optimizerVal:
		return methodVal{recv: o, name: name}
	case *appLayers:
		return methodVal{recv: o, name: name}
	}
	return in.unknownFrom(x, e, "the attribute "+name+" of a value kexplain does not know")
}

// ---- subscripts ----

func (in *interpreter) index(fr *frame, x any, e *grammar.Expr) any {
	if t, ok := x.(*tensorVal); ok {
		return in.sliceTensor(fr, t, e)
	}
	if len(e.Items) != 1 {
		if d, ok := x.(*dictVal); ok {
			key := in.eval(fr, &grammar.Expr{Kind: grammar.ExprTuple, Line: e.Line, Col: e.Col, Items: e.Items})
			return in.dictGet(d, key, e)
		}
		return in.unknownFrom(x, e, "a subscript kexplain does not evaluate")
	}
	s := e.Items[0]
	switch o := x.(type) {
	case *dictVal:
		return in.dictGet(o, in.eval(fr, s), e)
	case *listVal:
		if s.Kind == grammar.ExprSlice {
			lo, hi, step, ok := in.sliceBounds(fr, s, len(o.items))
			if !ok {
				return in.unknown(e, "the slice bounds are not known")
			}
			out := &listVal{tuple: o.tuple}
			for i := lo; step > 0 && i < hi || step < 0 && i > hi; i += step {
				out.items = append(out.items, o.items[i])
			}
			return out
		}
		iv := in.eval(fr, s)
		i, ok := iv.(int64)
		if !ok {
			return in.unknownFrom(iv, s, "the index is not known")
		}
		n := int64(len(o.items))
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return in.unknown(e, "index "+itoa(int(i))+" is out of range (the list has "+itoa(int(n))+" elements)")
		}
		return o.items[i]
	case string:
		if s.Kind == grammar.ExprSlice {
			r := []rune(o)
			lo, hi, step, ok := in.sliceBounds(fr, s, len(r))
			if !ok {
				return in.unknown(e, "the slice bounds are not known")
			}
			var b strings.Builder
			for i := lo; step > 0 && i < hi || step < 0 && i > hi; i += step {
				b.WriteRune(r[i])
			}
			return b.String()
		}
		if i, ok := in.eval(fr, s).(int64); ok {
			r := []rune(o)
			if i < 0 {
				i += int64(len(r))
			}
			if i >= 0 && i < int64(len(r)) {
				return string(r[i])
			}
		}
		return in.unknown(e, "the index is not known or out of range")
	case *appLayers:
		if s.Kind == grammar.ExprSlice {
			return &appLayers{base: o.base, sliced: true}
		}
		return &appLayerVal{base: o.base}
	case *instVal:
		return in.unknown(e, "subscripts of objects are not evaluated")
	}
	return in.unknownFrom(x, e, "a subscript of a value kexplain does not know")
}

func (in *interpreter) dictGet(d *dictVal, key any, e *grammar.Expr) any {
	v, found := d.lookup(key)
	switch found {
	case 1:
		return v
	case 0:
		ks, _ := pyRepr(key)
		return in.unknown(e, "the key "+ks+" is not in the dict")
	}
	return in.unknownFrom(key, e, "the key is not known")
}

// sliceBounds resolves lo:hi:step over n elements as Python does.
func (in *interpreter) sliceBounds(fr *frame, s *grammar.Expr, n int) (lo, hi, step int, ok bool) {
	step = 1
	if s.Z() != nil {
		v, isInt := in.eval(fr, s.Z()).(int64)
		if !isInt || v == 0 {
			return 0, 0, 0, false
		}
		step = int(v)
	}
	get := func(x *grammar.Expr, def int) (int, bool) {
		if x == nil {
			return def, true
		}
		v := in.eval(fr, x)
		if _, none := v.(noneVal); none {
			return def, true
		}
		i, isInt := v.(int64)
		if !isInt {
			return 0, false
		}
		k := int(i)
		if k < 0 {
			k += n
		}
		if step > 0 {
			k = max(0, min(k, n))
		} else {
			k = max(-1, min(k, n-1))
		}
		return k, true
	}
	var ok1, ok2 bool
	if step > 0 {
		lo, ok1 = get(s.X, 0)
		hi, ok2 = get(s.Y, n)
	} else {
		lo, ok1 = get(s.X, n-1)
		hi, ok2 = get(s.Y, -1)
	}
	return lo, hi, step, ok1 && ok2
}

// printedShape is x.shape of an array kexplain does not know (read from a file, or not defined in
// the paste) when the paste shows that shape printed before e: the last one printed for that name.
func (in *interpreter) printedShape(x any, e *grammar.Expr) (any, bool) {
	if len(in.printed) == 0 || e == nil || e.X == nil || e.X.Kind != grammar.ExprName {
		return nil, false
	}
	switch x.(type) {
	case symVal, unknownVal, opaqueVal:
	default:
		return nil, false
	}
	var got *grammar.PrintedShape
	for i := range in.printed {
		p := &in.printed[i]
		if p.Name == e.X.Name && p.Line <= e.Line && (got == nil || p.Line >= got.Line) {
			got = p
		}
	}
	if got == nil {
		return nil, false
	}
	l := &listVal{tuple: true}
	for _, d := range got.Dims {
		l.items = append(l.items, d)
	}
	key := "printed:" + got.Name + ":" + itoa(got.Line)
	if !in.noted[key] {
		in.noted[key] = true
		in.note(e.Line, e.Col, e.String()+": "+got.Name+" is not known from the code; its shape is taken from what the paste prints at line "+itoa(got.Line))
	}
	return l, true
}

// scalerClass reports a scikit-learn transformer that scales each feature of its data on its own,
// so that fit_transform(X), transform(X) and inverse_transform(X) have X's shape.
func scalerClass(callee string) bool {
	switch callee[strings.LastIndexByte(callee, '.')+1:] {
	case "StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer", "QuantileTransformer",
		"PowerTransformer", "Binarizer":
		return true
	}
	return false
}
