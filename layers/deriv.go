package layers

import (
	"fmt"
	"strconv"
	"strings"
)

// A derivation is the arithmetic behind a row, kept as structure so that every equation it prints
// can be evaluated (Check) and every renderer prints the same thing: words, numbers, and
// equations whose sides are expressions over labelled numbers.

// TermKind tells a renderer how to show one part of a derivation.
type TermKind int

// Kinds of derivation terms.
const (
	TermText TermKind = iota // words: "the input is not shown"
	TermNum                  // a number on its own: 64
	TermEq                   // an equation: 64 filters × (3 + 1) = 256
)

// Term is one piece of a derivation.
type Term struct {
	Kind TermKind
	Text string // TermText
	Num  int64  // TermNum
	Eq   *Eq    // TermEq
}

// Deriv is the arithmetic behind a row, as structured terms a renderer can colour.
type Deriv []Term

// Op is an arithmetic operation of an Expr.
type Op int

// Operations.
const (
	OpNum      Op = iota // a number
	OpAdd                // a + b + …
	OpSub                // a − b
	OpMul                // a × b × …
	OpFloorDiv           // ⌊a / b⌋
	OpCeilDiv            // ⌈a / b⌉
	OpMax                // max(a, b)
)

// Expr is an arithmetic expression whose numbers may say what they count ("64 filters").
type Expr struct {
	Op    Op
	N     int64  // OpNum
	Unit  string // OpNum: printed after the number ("filters", "bias")
	Args  []Expr
	Label string // a compound's name, printed before it: "query (32 × 2 × 16 + 2 × 16)"
}

// Eq claims that all its sides are equal: "2 × 131,584 = 263,168" has two sides.
type Eq struct {
	Sides []Expr
}

// N is a number, with what it counts when unit is given.
func N(n int64, unit ...string) Expr {
	e := Expr{Op: OpNum, N: n}
	if len(unit) > 0 {
		e.Unit = unit[0]
	}
	return e
}

// Add is a + b + ….
func Add(args ...Expr) Expr { return Expr{Op: OpAdd, Args: args} }

// Sub is a − b.
func Sub(a, b Expr) Expr { return Expr{Op: OpSub, Args: []Expr{a, b}} }

// Mul is a × b × ….
func Mul(args ...Expr) Expr { return Expr{Op: OpMul, Args: args} }

// FloorDiv is ⌊a / b⌋.
func FloorDiv(a, b Expr) Expr { return Expr{Op: OpFloorDiv, Args: []Expr{a, b}} }

// CeilDiv is ⌈a / b⌉.
func CeilDiv(a, b Expr) Expr { return Expr{Op: OpCeilDiv, Args: []Expr{a, b}} }

// Max is max(a, b).
func Max(a, b Expr) Expr { return Expr{Op: OpMax, Args: []Expr{a, b}} }

// Eval computes the expression; an error for a division by zero or an empty operation.
func (e Expr) Eval() (int64, error) {
	if e.Op == OpNum {
		return e.N, nil
	}
	if len(e.Args) == 0 {
		return 0, fmt.Errorf("an empty operation")
	}
	vals := make([]int64, len(e.Args))
	for i, a := range e.Args {
		v, err := a.Eval()
		if err != nil {
			return 0, err
		}
		vals[i] = v
	}
	switch e.Op {
	case OpAdd:
		var s int64
		for _, v := range vals {
			s += v
		}
		return s, nil
	case OpMul:
		p := int64(1)
		for _, v := range vals {
			p *= v
		}
		return p, nil
	}
	if len(vals) != 2 {
		return 0, fmt.Errorf("a binary operation with %d operands", len(vals))
	}
	a, b := vals[0], vals[1]
	switch e.Op {
	case OpSub:
		return a - b, nil
	case OpMax:
		return max(a, b), nil
	case OpFloorDiv, OpCeilDiv:
		if b == 0 {
			return 0, fmt.Errorf("a division by zero")
		}
		q := a / b
		if e.Op == OpFloorDiv && (a%b != 0) && ((a < 0) != (b < 0)) {
			q--
		}
		if e.Op == OpCeilDiv && (a%b != 0) && ((a < 0) == (b < 0)) {
			q++
		}
		return q, nil
	}
	return 0, fmt.Errorf("an unknown operation")
}

// Value is the expression's value, or 0 when it cannot be computed.
func (e Expr) Value() int64 {
	v, _ := e.Eval()
	return v
}

// Check evaluates every side of the equation: nil when they are all equal.
func (q *Eq) Check(style NumStyle) error {
	if len(q.Sides) < 2 {
		return fmt.Errorf("an equation with %d sides", len(q.Sides))
	}
	first, err := q.Sides[0].Eval()
	if err != nil {
		return fmt.Errorf("%s: %v", q.format(style), err)
	}
	for _, s := range q.Sides[1:] {
		v, err := s.Eval()
		if err != nil {
			return fmt.Errorf("%s: %v", q.format(style), err)
		}
		if v != first {
			return fmt.Errorf("%s is false: %s is %d, %s is %d", q.format(style), q.Sides[0].format(style, 0), first, s.format(style, 0), v)
		}
	}
	return nil
}

// Check evaluates every equation of the derivation. It also refuses an equation written as
// words (" = " in a text term): every printed equation must be structure that can be evaluated.
func (d Deriv) Check() error {
	for _, t := range d {
		switch t.Kind {
		case TermEq:
			if t.Eq == nil {
				return fmt.Errorf("an empty equation")
			}
			if err := t.Eq.Check(SepAuto); err != nil {
				return err
			}
		case TermText:
			if strings.Contains(t.Text, " = ") || strings.HasSuffix(t.Text, " =") {
				return fmt.Errorf("an equation written as text: %q", t.Text)
			}
		}
	}
	return nil
}

// Equations lists the derivation's equations.
func (d Deriv) Equations() []*Eq {
	var out []*Eq
	for _, t := range d {
		if t.Kind == TermEq && t.Eq != nil {
			out = append(out, t.Eq)
		}
	}
	return out
}

// Say is a derivation of words only.
func Say(text string) Deriv {
	if text == "" {
		return nil
	}
	return Deriv{{Kind: TermText, Text: text}}
}

// Equation is a derivation of one equation: Equation(expr, N(256)) reads "… = 256".
func Equation(sides ...Expr) Deriv {
	return Deriv{{Kind: TermEq, Eq: &Eq{Sides: sides}}}
}

// Count is the usual equation of a row: the expression, then its value. A lone number is said,
// not equated with itself: "γ 64".
func Count(e Expr) Deriv {
	if e.Op == OpNum {
		return Deriv{{Kind: TermText, Text: strings.TrimSpace(e.Label + " ")}, {Kind: TermNum, Num: e.N}}.trim()
	}
	return Equation(e, N(e.Value()))
}

// trim drops empty text terms and puts a space between a label and its number.
func (d Deriv) trim() Deriv {
	var out Deriv
	for _, t := range d {
		if t.Kind == TermText && t.Text == "" {
			continue
		}
		if t.Kind == TermText && len(out) == 0 {
			t.Text += " "
		}
		out = append(out, t)
	}
	return out
}

// D builds a derivation of words and numbers from a template: each "{}" takes the next number.
// It holds no equation (Check refuses " = " in its words): D("{} values rearranged", 1280).
func D(tmpl string, nums ...int64) Deriv {
	var d Deriv
	for {
		i := strings.Index(tmpl, "{}")
		if i < 0 || len(nums) == 0 {
			break
		}
		if i > 0 {
			d = append(d, Term{Kind: TermText, Text: tmpl[:i]})
		}
		d = append(d, Term{Kind: TermNum, Num: nums[0]})
		nums = nums[1:]
		tmpl = tmpl[i+2:]
	}
	if tmpl != "" {
		d = append(d, Term{Kind: TermText, Text: tmpl})
	}
	return d
}

// Then appends another derivation after a separator ("; ", " · ").
func (d Deriv) Then(sep string, more Deriv) Deriv {
	if len(d) == 0 {
		return more
	}
	if len(more) == 0 {
		return d
	}
	out := append(Deriv{}, d...)
	if sep != "" {
		out = append(out, Term{Kind: TermText, Text: sep})
	}
	return append(out, more...)
}

// NumStyle says how numbers are written: as the paste printed its counts.
type NumStyle int

// Number styles.
const (
	SepAuto  NumStyle = iota // thousands separators from 10,000 up (the paste shows no count to follow)
	SepComma                 // 1,000 and up, as Keras 3 prints counts
	SepNone                  // no separators, as Keras 1/2, tf.keras and TensorFlow.js print them
)

// Format writes n in the style.
func (s NumStyle) Format(n int64) string {
	switch s {
	case SepNone:
		return strconv.FormatInt(n, 10)
	case SepComma:
		return group(n, 4)
	}
	return group(n, 5)
}

// String renders the derivation as plain text with the default number style.
func (d Deriv) String() string { return d.Format(SepAuto) }

// Format renders the derivation as plain text with numbers in the given style.
func (d Deriv) Format(style NumStyle) string {
	if len(d) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(96) // a row's derivation, most of them in one allocation
	for i, t := range d {
		switch t.Kind {
		case TermNum:
			b.WriteString(style.Format(t.Num))
		case TermEq:
			if t.Eq != nil {
				t.Eq.write(&b, style)
			}
		default:
			text := t.Text
			if i > 0 && d[i-1].Kind == TermNum && d[i-1].Num == 1 {
				text = singular(text)
			}
			b.WriteString(text)
		}
	}
	return b.String()
}

func (q *Eq) format(style NumStyle) string {
	var b strings.Builder
	q.write(&b, style)
	return b.String()
}

// write prints the sides of the equation, parted by " = ".
func (q *Eq) write(b *strings.Builder, style NumStyle) {
	for i, s := range q.Sides {
		if i > 0 {
			b.WriteString(" = ")
		}
		s.write(b, style, 0)
	}
}

// precedence of an operation when printed: sums bind loosest.
func (o Op) precedence() int {
	switch o {
	case OpAdd, OpSub:
		return 1
	case OpMul:
		return 2
	}
	return 3
}

// format prints the expression; outer is the precedence of the operation around it.
func (e Expr) format(style NumStyle, outer int) string {
	var b strings.Builder
	e.write(&b, style, outer)
	return b.String()
}

// write is format into one builder: a derivation's terms are not made as strings of their own
// and joined.
func (e Expr) write(b *strings.Builder, style NumStyle, outer int) {
	if e.Op == OpNum {
		if e.Label != "" {
			b.WriteString(e.Label)
			b.WriteByte(' ')
		}
		if e.N < 0 {
			b.WriteByte('(')
		}
		b.WriteString(style.Format(e.N))
		if e.Unit != "" {
			u := e.Unit
			if e.N == 1 {
				u = strings.TrimPrefix(singular(" "+u), " ")
			}
			b.WriteByte(' ')
			b.WriteString(u)
		}
		if e.N < 0 {
			b.WriteByte(')')
		}
		return
	}
	if e.Label != "" {
		inner := e
		inner.Label = ""
		if e.Op == OpAdd || e.Op == OpSub {
			b.WriteString(e.Label)
			b.WriteString(" (")
			inner.write(b, style, 0)
			b.WriteByte(')')
			return
		}
		if outer > 2 {
			b.WriteByte('(')
		}
		b.WriteString(e.Label)
		b.WriteByte(' ')
		inner.write(b, style, 2)
		if outer > 2 {
			b.WriteByte(')')
		}
		return
	}
	switch e.Op {
	case OpAdd, OpMul, OpSub:
		paren := e.Op.precedence() < outer
		if paren {
			b.WriteByte('(')
		}
		switch e.Op {
		case OpSub:
			e.Args[0].write(b, style, 1)
			b.WriteString(" − ")
			e.Args[1].write(b, style, 2)
		default:
			op := " + "
			if e.Op == OpMul {
				op = " × "
			}
			for i, a := range e.Args {
				if i > 0 {
					b.WriteString(op)
				}
				a.write(b, style, e.Op.precedence())
			}
		}
		if paren {
			b.WriteByte(')')
		}
	case OpFloorDiv:
		b.WriteString("⌊")
		e.Args[0].write(b, style, 2)
		b.WriteString(" / ")
		e.Args[1].write(b, style, 3)
		b.WriteString("⌋")
	case OpCeilDiv:
		b.WriteString("⌈")
		e.Args[0].write(b, style, 2)
		b.WriteString(" / ")
		e.Args[1].write(b, style, 3)
		b.WriteString("⌉")
	case OpMax:
		b.WriteString("max(")
		e.Args[0].write(b, style, 0)
		b.WriteString(", ")
		e.Args[1].write(b, style, 0)
		b.WriteByte(')')
	}
}

// String prints the expression with the default number style.
func (e Expr) String() string { return e.format(SepAuto, 0) }

// plurals are the counted nouns of derivations, which read in the singular after a 1.
var plurals = []string{"units", "inputs", "channels", "filters", "gates", "steps", "features", "heads", "groups",
	"directions", "biases", "values", "positions", "tokens", "dimensions", "rows", "arrays", "scalars", "copies", "classes"}

// singular turns " units + …" into " unit + …" (after the number 1).
func singular(text string) string {
	for _, p := range plurals {
		if strings.HasPrefix(text, " "+p) && (len(text) == len(p)+1 || !isLetter(text[len(p)+1])) {
			single := p[:len(p)-1]
			if p == "biases" {
				single = "bias"
			} else if p == "copies" {
				single = "copy"
			} else if p == "classes" {
				single = "class"
			}
			return " " + single + text[len(p)+1:]
		}
	}
	return text
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Num formats a count as kexplain prints it when no paste sets the style: thousands separators
// from 10,000 up.
func Num(n int64) string { return group(n, 5) }

// group writes n with commas every three digits once it has at least from digits.
func group(n int64, from int) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if len(s) >= from {
		var b strings.Builder
		pre := len(s) % 3
		if pre > 0 {
			b.WriteString(s[:pre])
		}
		for i := pre; i < len(s); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(s[i : i+3])
		}
		s = b.String()
	}
	if neg {
		s = "-" + s
	}
	return s
}

// lbl names an expression: lbl("γ", N(64)) reads "γ 64".
func lbl(name string, e Expr) Expr {
	e.Label = name
	return e
}
