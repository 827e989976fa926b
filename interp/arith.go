package interp

import (
	"cmp"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// Arithmetic that cannot wrap: integers are int64, and a result that does not fit is an unknown
// value with its reason ("Dense(2**62*4 + 3)" is not Dense(3)). Operators on tensors are
// operations of the graph (ops.go).

func (in *interpreter) tooLarge(e *grammar.Expr) unknownVal {
	return in.unknown(e, "the result does not fit in 64 bits (kexplain counts up to 2^63)")
}

func (in *interpreter) unary(op string, x any, e *grammar.Expr) any {
	if b, ok := x.(bool); ok && op != "not" {
		x = int64(b2i(b))
	}
	switch op {
	case "not":
		switch truth(x) {
		case 1:
			return false
		case 0:
			return true
		}
		return in.unknownFrom(x, e, "its truth is not known")
	case "-":
		switch n := x.(type) {
		case int64:
			if n == math.MinInt64 {
				return in.tooLarge(e)
			}
			return -n
		case float64:
			return -n
		case *tensorVal:
			return in.tensorUnary("negative", n, e)
		}
	case "+":
		switch x.(type) {
		case int64, float64, *tensorVal:
			return x
		}
	case "~":
		if n, ok := x.(int64); ok {
			return ^n
		}
	}
	return in.unknownFrom(x, e, "the operand of "+op+" is not known")
}

func addInt(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) != (b > 0) {
		return 0, false
	}
	return c, true
}

func mulInt(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	if a == math.MinInt64 || b == math.MinInt64 {
		return 0, false
	}
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(abs64(a)), uint64(abs64(b))
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func powInt(a, b int64) (int64, bool) {
	r := int64(1)
	for k := int64(0); k < b; k++ {
		var ok bool
		if r, ok = mulInt(r, a); !ok {
			return 0, false
		}
		if r == 0 || r == 1 && a == 1 {
			return r, true
		}
	}
	return r, true
}

func (in *interpreter) binary(op string, x, y any, e *grammar.Expr) any {
	// booleans count as ints in arithmetic
	if b, ok := x.(bool); ok && op != "==" && op != "!=" && op != "is" && op != "isnot" {
		x = int64(b2i(b))
	}
	if b, ok := y.(bool); ok && op != "==" && op != "!=" && op != "is" && op != "isnot" {
		y = int64(b2i(b))
	}
	switch op {
	case "==", "!=":
		eq := equal(x, y)
		if eq < 0 {
			return in.unknownFrom(pick(x, y), e, "the values compared are not known")
		}
		return (eq == 1) == (op == "==")
	case "is", "isnot":
		_, xn := x.(noneVal)
		_, yn := y.(noneVal)
		var r bool
		switch {
		case xn || yn:
			if _, u := unknownOf(x); u || isSym(x) {
				return in.unknownFrom(x, e, "the value compared is not known")
			}
			if _, u := unknownOf(y); u || isSym(y) {
				return in.unknownFrom(y, e, "the value compared is not known")
			}
			r = xn && yn
		case isObject(x) || isObject(y):
			r = x == y
		default:
			eq := equal(x, y)
			if eq < 0 {
				return in.unknownFrom(pick(x, y), e, "the values compared are not known")
			}
			r = eq == 1
		}
		return r == (op == "is")
	case "in", "notin":
		r := in.contains(y, x)
		if r < 0 {
			return in.unknownFrom(pick(y, x), e, "the membership is not known")
		}
		return (r == 1) == (op == "in")
	}
	if _, ok := x.(*tensorVal); ok {
		return in.tensorBinary(op, x, y, e)
	}
	if _, ok := y.(*tensorVal); ok {
		return in.tensorBinary(op, x, y, e)
	}
	a, aok := x.(int64)
	b, bok := y.(int64)
	if aok && bok {
		return in.intOp(op, a, b, e)
	}
	fa, faok := toFloat(x)
	fb, fbok := toFloat(y)
	if faok && fbok {
		return in.floatOp(op, fa, fb, e)
	}
	switch xs := x.(type) {
	case string:
		switch op {
		case "+":
			if ys, ok := y.(string); ok {
				if !in.sized(len(xs)+len(ys), e) {
					return in.tooBig(e)
				}
				return xs + ys
			}
		case "*":
			if n, ok := y.(int64); ok {
				if n <= 0 {
					return ""
				}
				if total, ok := mulInt(int64(len(xs)), n); !ok || total > maxLen {
					if !ok {
						total = math.MaxInt64
					}
					in.noteTooBig(e, total)
					return in.tooBig(e)
				}
				return strings.Repeat(xs, int(n))
			}
		case "%":
			return in.percentFormat(xs, y, e)
		case "<", ">", "<=", ">=":
			if ys, ok := y.(string); ok {
				return compareOrdered(op, strings.Compare(xs, ys))
			}
		}
	case *listVal:
		switch op {
		case "+":
			if yl, ok := y.(*listVal); ok {
				if !in.sized(len(xs.items)+len(yl.items), e) {
					return in.tooBig(e)
				}
				return &listVal{items: append(append(make([]any, 0, len(xs.items)+len(yl.items)), xs.items...), yl.items...), tuple: xs.tuple}
			}
		case "*":
			if n, ok := y.(int64); ok {
				return in.repeatList(xs, n, e)
			}
		}
	case int64:
		if l, ok := y.(*listVal); ok && op == "*" {
			return in.repeatList(l, xs, e)
		}
		if s, ok := y.(string); ok && op == "*" {
			return in.binary("*", s, xs, e)
		}
	}
	if _, ok := unknownOf(x); ok {
		return in.unknownFrom(x, e, "")
	}
	if _, ok := unknownOf(y); ok {
		return in.unknownFrom(y, e, "")
	}
	if s, ok := x.(symVal); ok {
		return in.undefined(s, e.X)
	}
	if s, ok := y.(symVal); ok {
		return in.undefined(s, e.Y)
	}
	return in.unknown(e, "the operator "+op+" on a "+typeName(x)+" and a "+typeName(y)+" is not evaluated")
}

func isSym(v any) bool {
	_, ok := v.(symVal)
	return ok
}

// pick prefers the operand that is unknown, for its cause.
func pick(x, y any) any {
	if _, ok := unknownOf(x); ok {
		return x
	}
	return y
}

func (in *interpreter) repeatList(l *listVal, n int64, e *grammar.Expr) any {
	if n <= 0 {
		return &listVal{tuple: l.tuple}
	}
	total, ok := mulInt(int64(len(l.items)), n)
	if !ok || total > maxLen {
		if !ok {
			total = math.MaxInt64
		}
		in.noteTooBig(e, total)
		return in.tooBig(e)
	}
	if !in.sized(int(total), e) {
		return unknownVal{c: stoppedCause}
	}
	out := &listVal{tuple: l.tuple, items: make([]any, 0, total)}
	for k := int64(0); k < n; k++ {
		out.items = append(out.items, l.items...)
	}
	return out
}

func compareOrdered(op string, c int) bool {
	switch op {
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	}
	return c >= 0
}

func (in *interpreter) intOp(op string, a, b int64, e *grammar.Expr) any {
	var r int64
	ok := true
	switch op {
	case "+":
		r, ok = addInt(a, b)
	case "-":
		if b == math.MinInt64 {
			ok = false
		} else {
			r, ok = addInt(a, -b)
		}
	case "*":
		r, ok = mulInt(a, b)
	case "//", "%":
		if b == 0 {
			return in.unknown(e, "division by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return in.tooLarge(e)
		}
		q, m := a/b, a%b
		if m != 0 && (m < 0) != (b < 0) {
			q--
			m += b
		}
		if op == "//" {
			return q
		}
		return m
	case "/":
		if b == 0 {
			return in.unknown(e, "division by zero")
		}
		return float64(a) / float64(b)
	case "**":
		if b < 0 {
			if a == 0 {
				return in.unknown(e, "division by zero")
			}
			return math.Pow(float64(a), float64(b))
		}
		r, ok = powInt(a, b)
	case "<<":
		if b < 0 {
			return in.unknown(e, "a negative shift count")
		}
		if b >= 63 || a != 0 && bits.Len64(uint64(abs64(a)))+int(b) > 62 {
			ok = a == 0
		} else {
			r = a << uint(b)
		}
	case ">>":
		if b < 0 {
			return in.unknown(e, "a negative shift count")
		}
		if b >= 63 {
			b = 63
		}
		r = a >> uint(b)
	case "&":
		r = a & b
	case "|":
		r = a | b
	case "^":
		r = a ^ b
	case "<", ">", "<=", ">=":
		return compareOrdered(op, cmp.Compare(a, b))
	default:
		return in.unknown(e, "the operator "+op+" on integers is not evaluated")
	}
	if !ok {
		return in.tooLarge(e)
	}
	return r
}

func (in *interpreter) floatOp(op string, a, b float64, e *grammar.Expr) any {
	switch op {
	case "+":
		return a + b
	case "-":
		return a - b
	case "*":
		return a * b
	case "/":
		if b == 0 {
			return in.unknown(e, "division by zero")
		}
		return a / b
	case "//":
		if b == 0 {
			return in.unknown(e, "division by zero")
		}
		return math.Floor(a / b)
	case "%":
		if b == 0 {
			return in.unknown(e, "division by zero")
		}
		return a - math.Floor(a/b)*b
	case "**":
		return math.Pow(a, b)
	case "<", ">", "<=", ">=":
		return compareOrdered(op, cmp.Compare(a, b))
	}
	return in.unknown(e, "the operator "+op+" on numbers is not evaluated")
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// contains is Python's "x in c": 1, 0, or -1 unknown.
func (in *interpreter) contains(c, x any) int {
	switch o := c.(type) {
	case *listVal:
		unknown := false
		for _, it := range o.items {
			switch equal(it, x) {
			case 1:
				return 1
			case -1:
				unknown = true
			}
		}
		if unknown {
			return -1
		}
		return 0
	case *dictVal:
		_, f := o.lookup(x)
		return f
	case string:
		if s, ok := x.(string); ok {
			return b2i(strings.Contains(o, s))
		}
	}
	return -1
}

// formatValue is format(v, spec) for the common specs: "", "d", "02d", ".2f", "3", "s".
func formatValue(v any, spec string) (string, bool) {
	if spec == "" || spec == "s" {
		return pyStr(v)
	}
	if strings.HasSuffix(spec, "!r") {
		return pyRepr(v)
	}
	kind := spec[len(spec)-1]
	body := spec
	if kind >= 'a' && kind <= 'z' || kind == '%' {
		body = spec[:len(spec)-1]
	} else {
		kind = 0
	}
	zero := strings.HasPrefix(body, "0")
	width, prec := 0, -1
	if i := strings.IndexByte(body, '.'); i >= 0 {
		p, err := strconv.Atoi(body[i+1:])
		if err != nil {
			return "", false
		}
		prec = p
		body = body[:i]
	}
	if body != "" {
		w, err := strconv.Atoi(strings.TrimLeft(body, "<>^+ "))
		if err != nil {
			return "", false
		}
		width = w
	}
	var s string
	switch kind {
	case 'd':
		n, ok := v.(int64)
		if !ok {
			return "", false
		}
		s = strconv.FormatInt(n, 10)
	case 'f', 'e', 'g':
		f, ok := toFloat(v)
		if !ok {
			return "", false
		}
		if prec < 0 {
			prec = 6
		}
		s = strconv.FormatFloat(f, kind, prec, 64)
	case 0:
		var ok bool
		if s, ok = pyStr(v); !ok {
			return "", false
		}
	default:
		return "", false
	}
	if width > 10000 {
		return "", false
	}
	for len(s) < width {
		if zero {
			s = "0" + s
		} else if _, isStr := v.(string); isStr {
			s += " "
		} else {
			s = " " + s
		}
	}
	return s, true
}

// percentFormat is "conv_%d" % i and "%s_%02d" % (a, b).
func (in *interpreter) percentFormat(f string, args any, e *grammar.Expr) any {
	var vals []any
	if l, ok := args.(*listVal); ok && l.tuple {
		vals = l.items
	} else {
		vals = []any{args}
	}
	var b strings.Builder
	k := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("0123456789.-+ ", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			return in.unknown(e, "a % format kexplain cannot read")
		}
		if f[j] == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		if k >= len(vals) {
			return in.unknown(e, "not enough values for the % format")
		}
		spec := strings.TrimLeft(f[i+1:j], "-+ ") + string(f[j])
		switch f[j] {
		case 'i', 'u':
			spec = spec[:len(spec)-1] + "d"
		case 's', 'r':
			spec = spec[:len(spec)-1]
		}
		s, ok := formatValue(vals[k], spec)
		if !ok {
			return in.unknownFrom(vals[k], e, "a value of the % format is not known")
		}
		b.WriteString(s)
		k++
		i = j
	}
	return b.String()
}
