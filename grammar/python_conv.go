package grammar

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/kexplain/kexplain/normalize"
)

// Turning the participle tree of one logical line into the exported Stmt / Expr tree: operator
// precedence over the flat chains, comprehensions, f-strings. Nesting is capped here: an
// expression deeper than maxExprDepth (long attribute chains, thousands of unary minus signs,
// chains of conditional expressions or lambdas) makes the line a StmtOther with the reason, so
// that nothing downstream recurses without bound.

// maxExprDepth caps the depth of an expression tree (Python's own compiler stops near 1,000; real
// model code stays under 30).
const maxExprDepth = 300

type conv struct {
	err   *Error
	depth int // f-string nesting
	// from is the line whose texts and positions replace the placeholders when the tree is a
	// template of the memo of shapes (python_memo.go); nil when the tree is the line's own
	from pySubst
	// memo is the snippet's memo of shapes, which f-string fields are parsed through too
	memo *pyMemo
}

// s is the text of a name, number or string of the tree.
func (c *conv) s(v string) string {
	if c.from == nil {
		return v
	}
	return c.from.text(v)
}

// strs is the texts of names or strings of the tree.
func (c *conv) strs(vs []string) []string {
	if c.from == nil || vs == nil {
		return vs
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = c.from.text(v)
	}
	return out
}

// pos is a position of the tree.
func (c *conv) pos(p lexer.Position) lexer.Position {
	if c.from == nil {
		return p
	}
	return c.from.pos(p)
}

func (c *conv) fail(line, col int, msg string) {
	if c.err == nil {
		c.err = &Error{Line: line, Col: col, Msg: msg}
	}
}

// convLine converts one logical line into its statements: a compound header (with any
// statements after its colon as its block) or the simple statements.
func convLine(ast *pyLineAST, first lexer.Position, indent int, from pySubst, memo *pyMemo) ([]*Stmt, *Error) {
	c := &conv{from: from, memo: memo}
	var out []*Stmt
	if ast.Compound != nil {
		h := c.head(ast.Compound.Head, first, indent)
		for _, s := range ast.Compound.Body {
			st := c.small(s, indent)
			st.Indent = indent + 1
			h.Body = append(h.Body, st)
		}
		if len(ast.Compound.Body) > 0 && h.header != "decorator" {
			h.header = h.header + ":" // the block is on this line
		}
		out = append(out, h)
	} else {
		for k, s := range ast.Simple {
			st := c.small(s, indent)
			if k > 0 && st.Value != nil {
				st.Line, st.Col = firstPos(st)
			}
			out = append(out, st)
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	return out, nil
}

// firstPos is where a statement after a semicolon starts: its first target or its value.
func firstPos(st *Stmt) (int, int) {
	if len(st.Targets) > 0 && len(st.Targets[0]) > 0 {
		return st.Targets[0][0].Line, st.Targets[0][0].Col
	}
	return st.Value.Line, st.Value.Col
}

func (c *conv) head(h *pyHead, first lexer.Position, indent int) *Stmt {
	st := &Stmt{Line: first.Line, Col: first.Column, Indent: indent}
	switch {
	case h.Decorator != nil:
		st.Kind, st.header, st.Value = StmtExpr, "decorator", c.expr(h.Decorator, 0)
	case h.Def != nil:
		st.Kind, st.header, st.Name = StmtDef, "def", c.s(h.Def.Name)
		for _, p := range h.Def.Params {
			st.more().params = append(st.more().params, c.param(p))
		}
	case h.Class != nil:
		st.Kind, st.header, st.Name = StmtClass, "class", c.s(h.Class.Name)
		if h.Class.Args != nil {
			call := c.args(h.Class.Args, &Expr{Kind: ExprCall, Line: st.Line, Col: st.Col})
			st.more().bases, st.more().kwargs = call.Items, call.Kwargs
		}
	case h.Word == "if" || h.Word == "elif":
		st.Kind, st.header, st.Value = StmtIf, h.Word, c.expr(h.Cond, 0)
	case h.Word == "else":
		st.Kind, st.header = StmtPass, "else"
	case h.For != nil:
		st.Kind, st.header = StmtFor, "for"
		t := c.targets(h.For.Targets, len(h.For.Targets) > 1)
		st.Targets = [][]*Expr{{t}}
		if t.Kind == ExprName {
			st.more().varName = t.Name
		}
		st.Value = c.exprsTuple(h.For.Iter, len(h.For.Iter) > 1)
	case h.Word == "while":
		st.Kind, st.header, st.Value = StmtWhile, "while", c.expr(h.Cond, 0)
	case h.With != nil:
		st.Kind, st.header = StmtWith, "with"
		st.Value = c.expr(h.With[0].Value, 0)
		var ts []*Expr
		if h.With[0].As != nil {
			ts = append(ts, c.targetOperand(h.With[0].As))
		}
		st.Targets = [][]*Expr{ts}
	case h.Word == "try":
		st.Kind, st.header = StmtTry, "try"
	case h.Except != nil:
		st.Kind, st.header, st.Name = StmtExcept, "except", c.s(h.Except.As)
		if h.Except.Type != nil {
			st.Value = c.expr(h.Except.Type, 0)
		}
	case h.Word == "finally":
		st.Kind, st.header = StmtPass, "finally"
	}
	return st
}

func (c *conv) param(p *pyParam) Param {
	out := Param{Name: c.s(p.Name), Star: p.Star}
	if p.Default != nil {
		out.Default = c.expr(p.Default, 0)
	}
	return out
}

func (c *conv) small(s *pySmall, indent int) *Stmt {
	pos := c.pos(s.Pos)
	st := &Stmt{Line: pos.Line, Col: pos.Column, Indent: indent}
	switch {
	case s.Import != nil:
		st.Kind = StmtImport
		if s.Import.From != nil {
			st.more().from = c.dotted(s.Import.From)
		}
		for _, n := range s.Import.Names {
			st.more().imports = append(st.more().imports, c.impName(n))
		}
	case s.Return != nil:
		st.Kind = StmtReturn
		if len(s.Return.Values) > 0 {
			st.Value = c.exprsTuple(s.Return.Values, len(s.Return.Values) > 1 || s.Return.Trailing)
		}
	case s.Word == "pass":
		st.Kind = StmtPass
	case s.Word == "break":
		st.Kind = StmtBreak
	case s.Word == "continue":
		st.Kind = StmtContinue
	case s.Global != nil:
		st.Kind, st.more().names = StmtGlobal, c.strs(s.Global)
	case s.Del != nil:
		st.Kind = StmtDel
		var ts []*Expr
		for _, it := range s.Del {
			ts = append(ts, c.item(it, 0))
		}
		st.Targets = [][]*Expr{ts}
	case s.Assert != nil:
		st.Kind, st.Value = StmtAssert, c.expr(s.Assert[0], 0)
	case s.Raise != nil:
		st.Kind = StmtRaise
		if s.Raise.X != nil {
			st.Value = c.expr(s.Raise.X, 0)
		}
	case s.Expr != nil:
		c.exprStmt(st, s.Expr)
	}
	return st
}

func (c *conv) exprStmt(st *Stmt, x *pyExprStmt) {
	first := c.exprList(x.First)
	if first.Line > 0 {
		st.Line, st.Col = first.Line, first.Col
	}
	tails := x.Tails
	switch {
	case len(tails) == 0:
		st.Kind, st.Value = StmtExpr, first
	case tails[0].Op == ":":
		// x: T or x: T = v
		if len(tails) > 2 || len(tails) == 2 && tails[1].Op != "=" || len(tails[0].Value.Items) != 1 || tails[0].Value.Trailing {
			c.fail(first.Line, first.Col, "an annotated assignment this reader cannot read")
			return
		}
		st.Kind = StmtAnnAssign
		st.Targets = [][]*Expr{{first}}
		st.more().annotation = c.expr(tails[0].Value.Items[0], 0)
		if len(tails) == 2 {
			st.Value = c.exprList(tails[1].Value)
		}
	case tails[0].Op != "=":
		if len(tails) != 1 {
			c.fail(first.Line, first.Col, "an augmented assignment followed by more")
			return
		}
		st.Kind, st.more().op = StmtAugAssign, strings.TrimSuffix(tails[0].Op, "=")
		st.Targets = [][]*Expr{{first}}
		st.Value = c.exprList(tails[0].Value)
	default:
		st.Kind = StmtAssign
		lists := []*pyExprList{x.First}
		for _, t := range tails {
			if t.Op != "=" {
				c.fail(first.Line, first.Col, "a chained assignment with "+t.Op)
				return
			}
			lists = append(lists, t.Value)
		}
		for _, l := range lists[:len(lists)-1] {
			if len(l.Items) == 1 && !l.Trailing {
				st.Targets = append(st.Targets, []*Expr{c.item(l.Items[0], 0)})
				continue
			}
			var t []*Expr
			for _, it := range l.Items {
				t = append(t, c.item(it, 0))
			}
			st.Targets = append(st.Targets, t)
		}
		st.Value = c.exprList(lists[len(lists)-1])
	}
}

func (c *conv) impName(n *pyImpName) Import {
	im := Import{As: c.s(n.As)}
	if n.Star {
		im.Name = "*"
	} else if n.Name != nil {
		im.Name = c.dotted(n.Name)
	}
	return im
}

func (c *conv) dotted(d *pyDotted) string {
	return strings.Join(d.Dots, "") + strings.Join(c.strs(d.Parts), ".")
}

// exprList is a comma list: one item alone is itself, several (or a trailing comma) a tuple.
func (c *conv) exprList(l *pyExprList) *Expr {
	return c.exprsTuple(l.Items, len(l.Items) > 1 || l.Trailing)
}

func (c *conv) exprsTuple(items []*pyExpr, tuple bool) *Expr {
	if !tuple {
		return c.item(items[0], 0)
	}
	e := &Expr{Kind: ExprTuple}
	for _, it := range items {
		e.Items = append(e.Items, c.item(it, 0))
	}
	e.Line, e.Col = e.Items[0].Line, e.Items[0].Col
	return e
}

// item is an expression where Python allows *unpacking: a list, tuple or set item, a target.
func (c *conv) item(x *pyExpr, depth int) *Expr {
	return c.exprStar(x, depth, "*")
}

// exprStar converts an expression that may start with a star: "*" allows *x, "**" also **x
// (call arguments and dict items), "" neither.
func (c *conv) exprStar(x *pyExpr, depth int, allow string) *Expr {
	if x == nil {
		return nil
	}
	if len(x.Lambdas) == 0 && len(x.X.Ops) > 0 && (x.X.Ops[0] == "*" || x.X.Ops[0] == "**") {
		star := x.X.Ops[0]
		xpos := c.pos(x.X.Pos)
		if allow == "" || star == "**" && allow != "**" {
			c.fail(xpos.Line, xpos.Column, star+" is not allowed here")
			return &Expr{Kind: ExprName, Name: "None"}
		}
		inner := *x.X
		inner.Ops = x.X.Ops[1:]
		y := &pyExpr{X: &inner, Rest: x.Rest}
		v := c.expr(y, depth)
		return &Expr{Kind: ExprStar, Line: xpos.Line, Col: xpos.Column, Name: star, X: v}
	}
	return c.expr(x, depth)
}

func (c *conv) targets(ts []*pyOperand, tuple bool) *Expr {
	if !tuple {
		return c.targetOperand(ts[0])
	}
	e := &Expr{Kind: ExprTuple}
	for _, t := range ts {
		e.Items = append(e.Items, c.targetOperand(t))
	}
	e.Line, e.Col = e.Items[0].Line, e.Items[0].Col
	return e
}

// targetOperand is an assignment target of a for loop, comprehension or with: a primary,
// starred or not.
func (c *conv) targetOperand(o *pyOperand) *Expr {
	star := false
	if len(o.Ops) == 1 && o.Ops[0] == "*" {
		star = true
	} else if len(o.Ops) > 0 {
		pos := c.pos(o.Pos)
		c.fail(pos.Line, pos.Column, "an operator before an assignment target")
	}
	x := c.primary(o, 0)
	if star {
		return &Expr{Kind: ExprStar, Line: x.Line, Col: x.Col, Name: "*", X: x}
	}
	return x
}

// ---- expressions: precedence over the flat chains ----

// ctok is one element of a flat chain: a lambda head, a prefix operator, a primary (atom with
// trailers, already converted) or a binary operator.
type ctok struct {
	kind byte // 'l' lambda, 'u' unary, 'p' primary, 'b' binary
	op   string
	prim *Expr
	lam  *pyLambdaHead
	line int
	col  int
}

// binPrec is a binary operator's precedence (higher binds tighter), or 0 and false when op is
// not one (a switch: nothing to build when the program starts).
func binPrec(op string) (int, bool) {
	switch op {
	case "or":
		return 2, true
	case "and":
		return 3, true
	case "in", "notin", "is", "isnot", "<", ">", "==", "!=", "<=", ">=":
		return 5, true
	case "|":
		return 6, true
	case "^":
		return 7, true
	case "&":
		return 8, true
	case "<<", ">>":
		return 9, true
	case "+", "-":
		return 10, true
	case "*", "/", "//", "%", "@":
		return 11, true
	}
	return 0, false
}

type chain struct {
	c     *conv
	toks  []ctok
	pos   int
	depth int // the nesting of the expression this chain is inside
	level int // the recursion of the precedence parser, capped as it goes
}

// enter counts one level of recursion; false (and the line's error) past maxExprDepth.
func (ch *chain) enter() bool {
	ch.level++
	if ch.level+ch.depth > maxExprDepth {
		if ch.c.err == nil {
			line, col := 0, 0
			if t := ch.peek(); t != nil {
				line, col = t.line, t.col
				if t.prim != nil {
					line, col = t.prim.Line, t.prim.Col
				}
			}
			ch.c.fail(line, col, "expression nested more than "+strconv.Itoa(maxExprDepth)+" deep")
		}
		ch.pos = len(ch.toks)
		return false
	}
	return true
}

func (c *conv) expr(x *pyExpr, depth int) *Expr {
	if x == nil {
		return nil
	}
	ch := &chain{c: c, depth: depth}
	for _, l := range x.Lambdas {
		pos := c.pos(l.Pos)
		ch.toks = append(ch.toks, ctok{kind: 'l', lam: l, line: pos.Line, col: pos.Column})
	}
	ch.operand(x.X, "")
	for _, t := range x.Rest {
		if c.err != nil {
			break
		}
		op := t.Op
		ops := t.Y.Ops
		// "not in" and "is not": the second word is the operand's first prefix
		switch {
		case op == "not" && len(ops) > 0 && ops[0] == "in":
			op, ops = "notin", ops[1:]
		case op == "is" && len(ops) > 0 && ops[0] == "not":
			op, ops = "isnot", ops[1:]
		case op == "not" || op == "~" || op == "await":
			pos := c.pos(t.Y.Pos)
			c.fail(pos.Line, pos.Column, "unexpected "+op+" between two operands")
		}
		ch.toks = append(ch.toks, ctok{kind: 'b', op: op})
		for _, l := range t.Lambdas {
			pos := c.pos(l.Pos)
			ch.toks = append(ch.toks, ctok{kind: 'l', lam: l, line: pos.Line, col: pos.Column})
		}
		y := *t.Y
		y.Ops = ops
		ch.operand(&y, op)
	}
	return ch.run()
}

// operand adds an operand's prefix operators and its primary to the chain.
func (ch *chain) operand(o *pyOperand, after string) {
	for _, op := range o.Ops {
		switch op {
		case "await":
		case "-", "+", "~", "not":
			pos := ch.c.pos(o.Pos)
			ch.toks = append(ch.toks, ctok{kind: 'u', op: op, line: pos.Line, col: pos.Column})
		default:
			pos := ch.c.pos(o.Pos)
			ch.c.fail(pos.Line, pos.Column, "unexpected "+op+" before an operand")
		}
	}
	ch.toks = append(ch.toks, ctok{kind: 'p', prim: ch.c.primary(o, ch.depth+1)})
}

func (ch *chain) run() *Expr {
	e, d := ch.test()
	if ch.c.err != nil {
		return &Expr{Kind: ExprName, Name: "None"}
	}
	if ch.pos < len(ch.toks) {
		t := ch.toks[ch.pos]
		ch.c.fail(e.Line, e.Col, "unexpected "+opText(t.op)+" in an expression")
	}
	if d+ch.depth > maxExprDepth {
		ch.c.fail(e.Line, e.Col, "expression nested more than "+strconv.Itoa(maxExprDepth)+" deep")
	}
	return e
}

func (ch *chain) peek() *ctok {
	if ch.pos < len(ch.toks) {
		return &ch.toks[ch.pos]
	}
	return nil
}

func (ch *chain) deep(d int, e *Expr) bool {
	if d+ch.depth > maxExprDepth {
		ch.c.fail(e.Line, e.Col, "expression nested more than "+strconv.Itoa(maxExprDepth)+" deep")
		return true
	}
	return false
}

// test is a conditional expression or a lambda.
func (ch *chain) test() (*Expr, int) {
	defer func() { ch.level-- }()
	if !ch.enter() {
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	t := ch.peek()
	if t == nil {
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	if t.kind == 'l' {
		ch.pos++
		lam := &Expr{Kind: ExprLambda, Line: t.line, Col: t.col}
		for _, p := range t.lam.Params {
			q := Param{Name: ch.c.s(p.Name), Star: p.Star, Line: t.line, Col: t.col}
			if p.Default != nil {
				q.Default = ch.c.expr(p.Default, ch.depth+1)
			}
			lam.addParam(q)
		}
		body, d := ch.test()
		lam.X = body
		if ch.deep(d+1, lam) {
			return lam, d + 1
		}
		return lam, d + 1
	}
	x, dx := ch.bin(2)
	if t := ch.peek(); t != nil && t.kind == 'b' && t.op == "if" {
		ch.pos++
		cond, dc := ch.bin(2)
		if t := ch.peek(); t == nil || t.kind != 'b' || t.op != "else" {
			ch.c.fail(x.Line, x.Col, "a conditional expression without else")
			return x, dx
		}
		ch.pos++
		z, dz := ch.test()
		e := &Expr{Kind: ExprCond, Line: x.Line, Col: x.Col, X: x, Y: cond}
		e.setZ(z)
		d := max(dx, dc, dz) + 1
		ch.deep(d, e)
		return e, d
	}
	return x, dx
}

func isComparison(op string) bool { return opPrec(op) == 5 }

// opPrec is binPrec's precedence alone: 0 for what is not a binary operator.
func opPrec(op string) int {
	p, _ := binPrec(op)
	return p
}

// bin is precedence climbing over the binary operators of at least precedence min.
func (ch *chain) bin(min int) (*Expr, int) {
	defer func() { ch.level-- }()
	if !ch.enter() {
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	lhs, d := ch.unary()
	for ch.c.err == nil {
		t := ch.peek()
		if t == nil || t.kind != 'b' {
			break
		}
		p, ok := binPrec(t.op)
		if !ok || p < min {
			break
		}
		ch.pos++
		rhs, dr := ch.bin(p + 1)
		if isComparison(t.op) && lhs.Kind == ExprBinary && isComparison(lhs.Name) {
			// a < b < c is a < b and b < c
			pair := &Expr{Kind: ExprBinary, Line: lhs.Y.Line, Col: lhs.Y.Col, Name: t.op, X: lhs.Y, Y: rhs}
			lhs = &Expr{Kind: ExprBinary, Line: lhs.Line, Col: lhs.Col, Name: "and", X: lhs, Y: pair}
		} else {
			lhs = &Expr{Kind: ExprBinary, Line: lhs.Line, Col: lhs.Col, Name: t.op, X: lhs, Y: rhs}
		}
		d = max(d, dr) + 1
		if ch.deep(d, lhs) {
			break
		}
	}
	return lhs, d
}

func (ch *chain) unary() (*Expr, int) {
	defer func() { ch.level-- }()
	if !ch.enter() {
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	t := ch.peek()
	if t == nil {
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	if t.kind == 'u' {
		ch.pos++
		var x *Expr
		var d int
		if t.op == "not" {
			x, d = ch.bin(5)
		} else {
			x, d = ch.unary()
		}
		e := &Expr{Kind: ExprUnary, Line: t.line, Col: t.col, Name: t.op, X: x}
		ch.deep(d+1, e)
		return e, d + 1
	}
	if t.kind == 'l' {
		return ch.test()
	}
	if t.kind != 'p' {
		ch.c.fail(0, 0, "operator "+opText(t.op)+" without an operand")
		ch.pos++
		return &Expr{Kind: ExprName, Name: "None"}, 1
	}
	ch.pos++
	base := t.prim
	d := 1
	if n := ch.peek(); n != nil && n.kind == 'b' && n.op == "**" {
		ch.pos++
		exp, de := ch.unary() // right-associative, and -1 may follow
		base = &Expr{Kind: ExprBinary, Line: base.Line, Col: base.Col, Name: "**", X: base, Y: exp}
		d = de + 1
		ch.deep(d, base)
	}
	return base, d
}

// ---- atoms and trailers ----

func (c *conv) primary(o *pyOperand, depth int) *Expr {
	pos := c.pos(o.Pos)
	e := &Expr{Line: pos.Line, Col: pos.Column}
	switch {
	case o.Name != "":
		e.Kind, e.Name = ExprName, c.s(o.Name)
	case o.Int != "":
		e.Kind = ExprInt
		lit := c.s(o.Int)
		n, err := strconv.ParseInt(strings.ReplaceAll(lit, "_", ""), 0, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				e.Str = lit // too large for an int64: kept as written
			} else if f, ferr := strconv.ParseFloat(strings.ReplaceAll(lit, "_", ""), 64); ferr == nil {
				e.Kind = ExprFloat // 010 and the like
				e.setFloat(f)
			} else {
				c.fail(e.Line, e.Col, "not a number: "+lit)
			}
		}
		e.Int = n
	case o.Float != "":
		e.Kind = ExprFloat
		f, _ := strconv.ParseFloat(strings.TrimRight(strings.ReplaceAll(c.s(o.Float), "_", ""), "jJ"), 64)
		e.setFloat(f)
	case len(o.Strings) > 0:
		c.strings(e, c.strs(o.Strings))
	case o.Paren != nil:
		sq := o.Paren
		if sq.First == nil {
			e.Kind = ExprTuple
			break
		}
		if len(sq.Comp) > 0 {
			c.comp(e, "gen", sq.First, sq.Comp, len(sq.Rest) > 0, depth)
			break
		}
		if len(sq.Rest) == 0 && !sq.Trailing {
			if x := sq.First; len(x.X.Ops) > 0 && (x.X.Ops[0] == "*" || x.X.Ops[0] == "**") && len(x.Lambdas) == 0 {
				c.fail(e.Line, e.Col, "a starred expression alone in brackets")
				break
			}
			e = c.expr(sq.First, depth+1)
			break
		}
		e.Kind = ExprTuple
		e.Items = append(e.Items, c.item(sq.First, depth+1))
		for _, it := range sq.Rest {
			e.Items = append(e.Items, c.item(it, depth+1))
		}
	case o.List != nil:
		sq := o.List
		e.Kind = ExprList
		if sq.First == nil {
			break
		}
		if len(sq.Comp) > 0 {
			c.comp(e, "list", sq.First, sq.Comp, len(sq.Rest) > 0, depth)
			break
		}
		e.Items = append(e.Items, c.item(sq.First, depth+1))
		for _, it := range sq.Rest {
			e.Items = append(e.Items, c.item(it, depth+1))
		}
	case o.Brace != nil:
		c.brace(e, o.Brace, depth)
	default:
		e.Kind = ExprEllipsis
	}
	if len(o.Trailers) > maxExprDepth {
		c.fail(e.Line, e.Col, "a chain of "+strconv.Itoa(len(o.Trailers))+" calls, subscripts and attributes (more than "+
			strconv.Itoa(maxExprDepth)+")")
		return e
	}
	for _, t := range o.Trailers {
		switch {
		case t.Attr != "":
			e = &Expr{Kind: ExprAttr, Line: e.Line, Col: e.Col, X: e, Name: c.s(t.Attr)}
		case t.Call != nil:
			e = c.callArgs(t.Call.Args, &Expr{Kind: ExprCall, Line: e.Line, Col: e.Col, X: e})
		default:
			ix := &Expr{Kind: ExprIndex, Line: e.Line, Col: e.Col, X: e}
			for _, a := range t.Index {
				ix.Items = append(ix.Items, c.sub(a, e, depth))
			}
			e = ix
		}
	}
	return e
}

// sub is one subscript: an index or a slice.
func (c *conv) sub(a *pySub, at *Expr, depth int) *Expr {
	sl := a.Slice
	var lo *Expr
	if a.Value != nil {
		lo = c.item(a.Value, depth+1)
	}
	if sl == nil {
		return lo
	}
	e := &Expr{Kind: ExprSlice, Line: at.Line, Col: at.Col, X: lo}
	if sl.Hi != nil {
		e.Y = c.expr(sl.Hi, depth+1)
	}
	if sl.Step != nil {
		e.setZ(c.expr(sl.Step, depth+1))
	}
	return e
}

// args are a class statement's bases and keywords, read as a call's arguments.
func (c *conv) args(a *pyArgs, call *Expr) *Expr {
	return c.callArgs(a.Args, call)
}

// callArgs are a call's arguments: positional (*args as ExprStar), name=value, **kwargs (a Kwarg
// named "**"), a generator.
func (c *conv) callArgs(args []*pyArg, call *Expr) *Expr {
	for _, arg := range args {
		v := c.exprStar(arg.Value, 1, "**")
		if len(arg.Comp) > 0 {
			g := &Expr{Kind: ExprComp, Line: v.Line, Col: v.Col, Name: "gen", X: v}
			c.compClauses(g, arg.Comp, 1)
			v = g
		}
		switch {
		case v.Kind == ExprStar && v.Name == "**":
			if arg.Key != "" {
				c.fail(v.Line, v.Col, "a keyword argument with **")
			}
			call.Kwargs = append(call.Kwargs, Kwarg{Name: "**", Value: v.X})
		case arg.Key != "":
			if v.Kind == ExprStar {
				c.fail(v.Line, v.Col, "a keyword argument with *")
			}
			call.Kwargs = append(call.Kwargs, Kwarg{Name: c.s(arg.Key), Value: v})
		default:
			call.Items = append(call.Items, v)
		}
	}
	return call
}

func (c *conv) comp(e *Expr, kind string, first *pyExpr, comps []*pyCompFor, more bool, depth int) {
	if more {
		c.fail(e.Line, e.Col, "a comprehension followed by more items")
		return
	}
	e.Kind, e.Name = ExprComp, kind
	e.X = c.item(first, depth+1)
	c.compClauses(e, comps, depth)
}

// compClauses converts "for targets in iterable if cond ..." clauses: the iterable's chain is
// split at its "if" operators into the iterable and the conditions.
func (c *conv) compClauses(e *Expr, comps []*pyCompFor, depth int) {
	for _, cf := range comps {
		cl := Comp{Target: c.targets(cf.Targets, len(cf.Targets) > 1)}
		parts := []*pyExpr{{Lambdas: cf.Iter.Lambdas, X: cf.Iter.X}}
		for _, t := range cf.Iter.Rest {
			switch t.Op {
			case "if":
				parts = append(parts, &pyExpr{Lambdas: t.Lambdas, X: t.Y})
				continue
			case "else":
				pos := c.pos(t.Y.Pos)
				c.fail(pos.Line, pos.Column, "a conditional expression in a comprehension needs brackets")
				return
			}
			last := parts[len(parts)-1]
			last.Rest = append(last.Rest, t)
		}
		cl.Iter = c.expr(parts[0], depth+1)
		for _, p := range parts[1:] {
			cl.Ifs = append(cl.Ifs, c.expr(p, depth+1))
		}
		e.addComp(cl)
	}
}

func (c *conv) brace(e *Expr, b *pyBrace, depth int) {
	e.Kind = ExprDict
	if b.First == nil {
		return
	}
	items := append([]*pyBraceItem{b.First}, b.Rest...)
	isSpread := func(it *pyBraceItem) bool {
		return it.Value == nil && len(it.Key.Lambdas) == 0 && len(it.Key.X.Ops) > 0 && it.Key.X.Ops[0] == "**"
	}
	isDict := b.First.Value != nil || isSpread(b.First)
	if len(b.Comp) > 0 {
		if len(b.Rest) > 0 || isSpread(b.First) {
			c.fail(e.Line, e.Col, "a comprehension followed by more items")
			return
		}
		e.Kind = ExprComp
		e.X = c.item(b.First.Key, depth+1)
		if isDict {
			e.Name = "dict"
			e.Y = c.expr(b.First.Value, depth+1)
		} else {
			e.Name = "set"
		}
		c.compClauses(e, b.Comp, depth)
		return
	}
	if !isDict {
		e.Kind = ExprSet
	}
	for _, it := range items {
		switch {
		case isDict && isSpread(it):
			e.Items = append(e.Items, nil)
			e.addValue(c.exprStar(it.Key, depth+1, "**").X)
		case isDict && it.Value != nil:
			e.Items = append(e.Items, c.expr(it.Key, depth+1))
			e.addValue(c.expr(it.Value, depth+1))
		case !isDict && it.Value == nil:
			e.Items = append(e.Items, c.item(it.Key, depth+1))
		default:
			c.fail(e.Line, e.Col, "a dict and a set mixed in one {...}")
			return
		}
	}
}

// ---- strings and f-strings ----

// strings joins adjacent string literals; with an f-string among them the result is an
// ExprFString of text parts and expressions.
func (c *conv) strings(e *Expr, lits []string) {
	fstring := false
	for _, s := range lits {
		if isFString(s) {
			fstring = true
		}
	}
	if !fstring {
		e.Kind = ExprString
		if len(lits) == 1 {
			e.Str = pyUnquote(lits[0])
			return
		}
		var b strings.Builder
		for _, s := range lits {
			b.WriteString(pyUnquote(s))
		}
		e.Str = b.String()
		return
	}
	e.Kind = ExprFString
	for _, s := range lits {
		if !isFString(s) {
			e.Items = append(e.Items, &Expr{Kind: ExprString, Line: e.Line, Col: e.Col, Str: pyUnquote(s)})
			continue
		}
		c.fparts(e, s)
	}
}

func isFString(lit string) bool {
	for i := 0; i < len(lit) && lit[i] != '\'' && lit[i] != '"'; i++ {
		if lit[i] == 'f' || lit[i] == 'F' {
			return true
		}
	}
	return false
}

// fparts splits an f-string's body into text and {expression!conversion:spec} parts.
func (c *conv) fparts(e *Expr, lit string) {
	body := pyUnquote(lit) // escapes decoded; braces kept
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			e.Items = append(e.Items, &Expr{Kind: ExprString, Line: e.Line, Col: e.Col, Str: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(body); i++ {
		ch := body[i]
		switch {
		case ch == '{' && i+1 < len(body) && body[i+1] == '{':
			text.WriteByte('{')
			i++
		case ch == '}' && i+1 < len(body) && body[i+1] == '}':
			text.WriteByte('}')
			i++
		case ch == '{':
			// find the matching }, skipping nested brackets and strings
			depth, j := 0, i+1
			var q byte
			for ; j < len(body); j++ {
				b := body[j]
				if q != 0 {
					if b == q {
						q = 0
					}
					continue
				}
				if b == '\'' || b == '"' {
					q = b
				} else if b == '(' || b == '[' || b == '{' {
					depth++
				} else if b == ')' || b == ']' || (b == '}' && depth > 0) {
					depth--
				} else if b == '}' {
					break
				}
			}
			if j >= len(body) {
				c.fail(e.Line, e.Col, "an f-string with an unclosed {")
				return
			}
			inner := body[i+1 : j]
			spec := ""
			if k := fieldEnd(inner); k >= 0 {
				spec = inner[k:]
				inner = inner[:k]
			}
			flush()
			x := c.fexpr(strings.TrimSuffix(normalize.TrimSpace(inner), "="), e.Line, e.Col)
			if x == nil {
				return
			}
			if strings.HasPrefix(spec, ":") {
				x = &Expr{Kind: ExprFString, Line: x.Line, Col: x.Col, Str: spec[1:], Items: []*Expr{x}}
			}
			e.Items = append(e.Items, x)
			i = j
		default:
			text.WriteByte(ch)
		}
	}
	flush()
}

// fieldEnd finds where an f-string field's expression ends: at a top-level "!" conversion or
// ":" format spec.
func fieldEnd(s string) int {
	depth := 0
	var q byte
	for i := 0; i < len(s); i++ {
		b := s[i]
		if q != 0 {
			if b == q {
				q = 0
			}
			continue
		}
		switch b {
		case '\'', '"':
			q = b
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '!':
			if depth == 0 && (i+1 >= len(s) || s[i+1] != '=') {
				return i
			}
		case ':':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// fexpr parses the expression of an f-string field with the same grammar.
func (c *conv) fexpr(src string, line, col int) *Expr {
	if c.depth > 4 || src == "" {
		c.fail(line, col, "an f-string field this reader cannot parse")
		return nil
	}
	toks, _, errs, _ := lexPython([]pyLine{{no: line, col: col, text: src}})
	if len(errs) > 0 || len(toks) == 0 {
		c.fail(line, col, "an f-string field this reader cannot parse")
		return nil
	}
	var ast *pyLineAST
	var from pySubst
	var err error
	if c.memo != nil {
		ast, from, err = c.memo.parse(toks)
	} else {
		ast, err = parsePyTokens(toks)
	}
	if err != nil || ast == nil || ast.Compound != nil || len(ast.Simple) != 1 || ast.Simple[0].Expr == nil {
		c.fail(line, col, "an f-string field this reader cannot parse")
		return nil
	}
	sub := &conv{depth: c.depth + 1, from: from, memo: c.memo}
	st := &Stmt{}
	sub.exprStmt(st, ast.Simple[0].Expr)
	if sub.err != nil || st.Kind != StmtExpr {
		c.fail(line, col, "an f-string field this reader cannot parse")
		return nil
	}
	return st.Value
}
