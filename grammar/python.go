package grammar

import (
	"errors"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar of the Python that builds Keras models: imports, assignments,
// expression statements (model.add(...), model.summary()), simple for loops, and a catch-all
// statement for every other line (def, if, print, compile, decorators), which is kept as text so
// that nothing ever fails the parse. The parse tree (py* types) is converted into the exported
// Program / Stmt / Expr tree below, which is what package explain reads.

type pyFile struct {
	Stmts []*pyStmt `parser:"@@*"`
}

type pyStmt struct {
	Pos    lexer.Position
	Import *pyImport `parser:"  @@"`
	For    *pyFor    `parser:"| @@"`
	Simple *pySimple `parser:"| @@"`
	Other  *pyOther  `parser:"| @@"`
}

type pyImport struct {
	From  *pyDotted    `parser:"( 'from' @@ 'import'"`
	Names []*pyImpName `parser:"  ( '(' @@ ( ',' @@ )* ','? ')' | @@ ( ',' @@ )* )"`
	Mods  []*pyImpName `parser:"| 'import' @@ ( ',' @@ )* ) EOL"`
	_     struct{}     `parser:""`
	Star  bool         `parser:""`
}

type pyImpName struct {
	Star bool      `parser:"  @'*'"`
	Name *pyDotted `parser:"| @@"`
	As   string    `parser:"  ( 'as' @Name )?"`
}

type pyDotted struct {
	Parts []string `parser:"@Name ( '.' @Name )*"`
}

type pyFor struct {
	Var  string  `parser:"'for' @Name 'in'"`
	Iter *pyExpr `parser:"@@ ':' EOL"`
}

type pySimple struct {
	Lists []*pyExprList `parser:"@@ ( '=' @@ )* EOL"`
}

type pyExprList struct {
	Items    []*pyExpr `parser:"@@ ( ',' @@ )*"`
	Trailing bool      `parser:"@','?"`
}

type pyOther struct {
	Toks []string `parser:"( @~EOL )+ EOL"`
}

type pyExpr struct {
	Pos    lexer.Position
	Lambda *pyLambda `parser:"  @@"`
	Cond   *pyCond   `parser:"| @@"`
}

type pyLambda struct {
	Params []string `parser:"'lambda' ( @Name ( ',' @Name )* )? ':'"`
	Body   *pyExpr  `parser:"@@"`
}

type pyCond struct {
	Pos  lexer.Position
	X    *pyBinary `parser:"@@"`
	Test *pyBinary `parser:"( 'if' @@"`
	Else *pyExpr   `parser:"  'else' @@ )?"`
}

type pyBinary struct {
	Pos  lexer.Position
	X    *pyUnary   `parser:"@@"`
	Rest []*pyBinOp `parser:"@@*"`
}

type pyBinOp struct {
	Op string   `parser:"( @( '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '|' | '^' | '<<' | '>>' | 'and' | 'or' | 'in' | 'is' ) | @'not' @'in' )"`
	Y  *pyUnary `parser:"@@"`
}

type pyUnary struct {
	Pos lexer.Position
	Op  string     `parser:"  @( '-' | '+' | '~' | 'not' )"`
	X   *pyUnary   `parser:"  @@"`
	P   *pyPrimary `parser:"| @@"`
}

type pyPrimary struct {
	Pos      lexer.Position
	Atom     *pyAtom      `parser:"@@"`
	Trailers []*pyTrailer `parser:"@@*"`
}

type pyTrailer struct {
	Pos   lexer.Position
	Call  *pyArgs        `parser:"  '(' @@ ')'"`
	Index []*pySubscript `parser:"| '[' @@ ( ',' @@ )* ','? ']'"`
	Attr  string         `parser:"| '.' @Name"`
}

type pyArgs struct {
	Args []*pyArg `parser:"( @@ ( ',' @@ )* ','? )?"`
}

type pyArg struct {
	Pos   lexer.Position
	Star  string  `parser:"( @( '*' | '**' ) )?"`
	Key   string  `parser:"( @Name '=' )?"`
	Value *pyExpr `parser:"@@"`
}

type pySubscript struct {
	Lo     *pyExpr `parser:"(  @@"`
	Colon  bool    `parser:"   ( @':'"`
	Hi     *pyExpr `parser:"     @@? )?"`
	Colon2 bool    `parser:"| @':'"`
	Hi2    *pyExpr `parser:"  @@? )"`
}

type pyAtom struct {
	Pos     lexer.Position
	Float   *string    `parser:"  @Float"`
	Int     *string    `parser:"| @Int"`
	Strings []string   `parser:"| @String+"`
	Name    *string    `parser:"| @Name"`
	Paren   *pyParen   `parser:"| '(' @@ ')'"`
	List    *pyListLit `parser:"| '[' @@ ']'"`
	Dict    *pyDictLit `parser:"| '{' @@ '}'"`
	Ellip   bool       `parser:"| @'...'"`
}

type pyParen struct {
	Items    []*pyExpr `parser:"( @@ ( ',' @@ )*"`
	Trailing bool      `parser:"  @','? )?"`
}

type pyListLit struct {
	Items []*pyExpr `parser:"( @@ ( ',' @@ )* ','? )?"`
}

type pyDictLit struct {
	Items []*pyDictItem `parser:"( @@ ( ',' @@ )* ','? )?"`
}

type pyDictItem struct {
	Key   *pyExpr `parser:"@@ ':'"`
	Value *pyExpr `parser:"@@"`
}

var pyParser = participle.MustBuild[pyFile](
	participle.Lexer(pyDefinition{}),
	participle.UseLookahead(1<<20),
)

// PythonEBNF is the grammar as EBNF, for review.
func PythonEBNF() string { return pyParser.String() }

// ---- the exported tree ----

// Program is a parsed snippet of Keras code.
type Program struct {
	Stmts  []*Stmt
	Errors []*Error // lexing problems (brackets, strings), with positions in the input
}

// StmtKind tells what a statement is.
type StmtKind int

// Statement kinds.
const (
	StmtOther  StmtKind = iota // a line kexplain does not read: def, if, print(...) as a bare line is StmtExpr
	StmtImport                 // import keras / from keras.layers import Dense
	StmtAssign                 // x = Dense(4)(x); a, b = ...
	StmtExpr                   // model.add(Dense(4)); model.summary()
	StmtFor                    // for layer in model.layers[:3]:
)

// Stmt is one logical line.
type Stmt struct {
	Kind    StmtKind
	Line    int       // 1-based input line of its first token
	Col     int       // 1-based input column of its first token (the indentation shows here)
	Targets [][]*Expr // assignments: one list per "=" ("a, b = c = ..." gives [[a b] [c]])
	Value   *Expr     // assignment value, expression, or the iterable of a for loop
	Var     string    // for loop variable
	From    string    // "from tensorflow.keras.layers import ...": "tensorflow.keras.layers"
	Imports []Import  // the names imported
	Text    string    // StmtOther: the tokens as written, joined by spaces
}

// Import is one imported name: "Dense", "keras.layers" or "*", and its alias.
type Import struct {
	Name string
	As   string
}

// ExprKind tells what an expression is.
type ExprKind int

// Expression kinds.
const (
	ExprName     ExprKind = iota // Dense, x, None, True (keywords stay names)
	ExprInt                      // 64
	ExprFloat                    // 0.5
	ExprString                   // "relu" (decoded)
	ExprTuple                    // (3, 3); also "a, b" on one side of an assignment
	ExprList                     // [a, b]
	ExprDict                     // {"a": 1}
	ExprCall                     // X(Args, Kwargs)
	ExprAttr                     // X.Name
	ExprIndex                    // X[Items]
	ExprSlice                    // lo:hi inside an index: X lo, Y hi (nil when omitted)
	ExprBinary                   // X Name Y: Name is the operator
	ExprUnary                    // Name X
	ExprLambda                   // lambda ...: X
	ExprCond                     // X if Y else Z (Items[0] is Z)
	ExprEllipsis                 // ...
)

// Expr is one Python expression.
type Expr struct {
	Kind      ExprKind
	Line, Col int
	Name      string  // ExprName: the identifier; ExprAttr: the attribute; operators
	Str       string  // ExprString
	Int       int64   // ExprInt
	Float     float64 // ExprFloat
	X, Y      *Expr
	Items     []*Expr // tuple, list items; call positional args; index subscripts; dict keys
	Values    []*Expr // dict values
	Kwargs    []Kwarg // call keyword arguments, in order
	Star      []*Expr // call *args and **kwargs values
}

// Kwarg is one keyword argument of a call.
type Kwarg struct {
	Name  string
	Value *Expr
}

// Dotted gives a name or attribute chain as text ("tf.keras.layers.Dense"); "" for anything else.
func (e *Expr) Dotted() string {
	switch {
	case e == nil:
		return ""
	case e.Kind == ExprName:
		return e.Name
	case e.Kind == ExprAttr:
		if x := e.X.Dotted(); x != "" {
			return x + "." + e.Name
		}
	}
	return ""
}

// Kwarg returns the value of a keyword argument of a call, or nil.
func (e *Expr) Kwarg(name string) *Expr {
	for _, k := range e.Kwargs {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}

// ParsePython parses Python code; the lines are numbered from 1. It never fails: lines it does
// not understand become StmtOther, and bracket or string problems are in Program.Errors.
func ParsePython(src string) *Program {
	return parsePyLines(plainLines(src))
}

// parsePyLines lexes and parses the lines of a snippet.
func parsePyLines(lines []pyLine) (prog *Program) {
	prog = &Program{}
	toks, errs := lexPython(lines)
	prog.Errors = errs
	defer func() {
		if r := recover(); r != nil {
			prog.Stmts = nil
			pos := lexer.Position{Line: 1, Column: 1}
			if len(lines) > 0 {
				pos.Line = lines[0].no
			}
			prog.Errors = append(prog.Errors, &Error{Line: pos.Line, Col: pos.Column,
				Msg: "internal error while reading the Keras code (please report): " + toString(r)})
		}
	}()
	pl, err := lexer.Upgrade(&pyTokens{toks: toks})
	if err != nil {
		prog.Errors = append(prog.Errors, &Error{Line: 1, Col: 1, Msg: err.Error()})
		return prog
	}
	f, err := pyParser.ParseFromLexer(pl)
	if err != nil {
		var perr participle.Error
		if errors.As(err, &perr) {
			p := perr.Position()
			prog.Errors = append(prog.Errors, &Error{Line: p.Line, Col: p.Column, Msg: perr.Message()})
		} else {
			prog.Errors = append(prog.Errors, &Error{Line: 1, Col: 1, Msg: err.Error()})
		}
	}
	if f == nil {
		return prog
	}
	for _, s := range f.Stmts {
		prog.Stmts = append(prog.Stmts, convStmt(s))
	}
	return prog
}

func convStmt(s *pyStmt) *Stmt {
	st := &Stmt{Line: s.Pos.Line, Col: s.Pos.Column}
	switch {
	case s.Import != nil:
		st.Kind = StmtImport
		if s.Import.From != nil {
			st.From = strings.Join(s.Import.From.Parts, ".")
		}
		for _, n := range append(append([]*pyImpName{}, s.Import.Names...), s.Import.Mods...) {
			im := Import{As: n.As}
			if n.Star {
				im.Name = "*"
			} else if n.Name != nil {
				im.Name = strings.Join(n.Name.Parts, ".")
			}
			st.Imports = append(st.Imports, im)
		}
	case s.For != nil:
		st.Kind = StmtFor
		st.Var = s.For.Var
		st.Value = convExpr(s.For.Iter)
	case s.Simple != nil:
		ls := s.Simple.Lists
		if len(ls) == 1 {
			st.Kind = StmtExpr
			st.Value = convList(ls[0])
			break
		}
		st.Kind = StmtAssign
		for _, l := range ls[:len(ls)-1] {
			if len(l.Items) == 1 && !l.Trailing {
				st.Targets = append(st.Targets, []*Expr{convExpr(l.Items[0])})
				continue
			}
			var t []*Expr
			for _, it := range l.Items {
				t = append(t, convExpr(it))
			}
			st.Targets = append(st.Targets, t)
		}
		st.Value = convList(ls[len(ls)-1])
	case s.Other != nil:
		st.Text = strings.Join(s.Other.Toks, " ")
	}
	return st
}

func convList(l *pyExprList) *Expr {
	if len(l.Items) == 1 && !l.Trailing {
		return convExpr(l.Items[0])
	}
	e := &Expr{Kind: ExprTuple}
	for _, it := range l.Items {
		e.Items = append(e.Items, convExpr(it))
	}
	if len(e.Items) > 0 {
		e.Line, e.Col = e.Items[0].Line, e.Items[0].Col
	}
	return e
}

func convExpr(x *pyExpr) *Expr {
	if x == nil {
		return nil
	}
	if x.Lambda != nil {
		e := &Expr{Kind: ExprLambda, Line: x.Pos.Line, Col: x.Pos.Column, X: convExpr(x.Lambda.Body)}
		for _, p := range x.Lambda.Params {
			e.Items = append(e.Items, &Expr{Kind: ExprName, Line: e.Line, Col: e.Col, Name: p})
		}
		return e
	}
	c := x.Cond
	e := convBinary(c.X)
	if c.Test != nil {
		return &Expr{Kind: ExprCond, Line: e.Line, Col: e.Col, X: e, Y: convBinary(c.Test), Items: []*Expr{convExpr(c.Else)}}
	}
	return e
}

// binPrec gives Python's operator precedence (higher binds tighter).
var binPrec = map[string]int{"or": 1, "and": 2, "in": 4, "notin": 4, "is": 4, "isnot": 4, "<": 4, ">": 4, "==": 4,
	"!=": 4, "<=": 4, ">=": 4, "|": 5, "^": 6, "&": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10,
	"//": 10, "%": 10, "@": 10, "**": 12}

// convBinary applies precedence to a flat chain of operators (precedence climbing).
func convBinary(b *pyBinary) *Expr {
	operands := []*Expr{convUnary(b.X)}
	var ops []string
	for _, r := range b.Rest {
		operands = append(operands, convUnary(r.Y))
		ops = append(ops, r.Op)
	}
	pos := 0
	var climb func(min int) *Expr
	climb = func(min int) *Expr {
		lhs := operands[pos]
		for pos < len(ops) && binPrec[ops[pos]] >= min {
			op := ops[pos]
			p := binPrec[op]
			pos++
			next := p + 1
			if op == "**" {
				next = p // right-associative
			}
			rhs := climb(next)
			lhs = &Expr{Kind: ExprBinary, Line: lhs.Line, Col: lhs.Col, Name: op, X: lhs, Y: rhs}
		}
		return lhs
	}
	return climb(0)
}

func convUnary(u *pyUnary) *Expr {
	if u.P != nil {
		return convPrimary(u.P)
	}
	return &Expr{Kind: ExprUnary, Line: u.Pos.Line, Col: u.Pos.Column, Name: u.Op, X: convUnary(u.X)}
}

func convPrimary(p *pyPrimary) *Expr {
	e := convAtom(p.Atom)
	for _, t := range p.Trailers {
		switch {
		case t.Call != nil:
			c := &Expr{Kind: ExprCall, Line: e.Line, Col: e.Col, X: e}
			for _, a := range t.Call.Args {
				v := convExpr(a.Value)
				switch {
				case a.Star != "":
					c.Star = append(c.Star, v)
				case a.Key != "":
					c.Kwargs = append(c.Kwargs, Kwarg{Name: a.Key, Value: v})
				default:
					c.Items = append(c.Items, v)
				}
			}
			e = c
		case t.Index != nil:
			ix := &Expr{Kind: ExprIndex, Line: e.Line, Col: e.Col, X: e}
			for _, s := range t.Index {
				if s.Colon2 {
					ix.Items = append(ix.Items, &Expr{Kind: ExprSlice, Line: t.Pos.Line, Col: t.Pos.Column, Y: convExpr(s.Hi2)})
				} else if s.Colon {
					ix.Items = append(ix.Items, &Expr{Kind: ExprSlice, Line: t.Pos.Line, Col: t.Pos.Column, X: convExpr(s.Lo), Y: convExpr(s.Hi)})
				} else {
					ix.Items = append(ix.Items, convExpr(s.Lo))
				}
			}
			e = ix
		default:
			e = &Expr{Kind: ExprAttr, Line: e.Line, Col: e.Col, X: e, Name: t.Attr}
		}
	}
	return e
}

func convAtom(a *pyAtom) *Expr {
	e := &Expr{Line: a.Pos.Line, Col: a.Pos.Column}
	switch {
	case a.Float != nil:
		e.Kind = ExprFloat
		e.Float, _ = strconv.ParseFloat(strings.TrimRight(strings.ReplaceAll(*a.Float, "_", ""), "jJ"), 64)
	case a.Int != nil:
		e.Kind = ExprInt
		n, err := strconv.ParseInt(strings.ReplaceAll(*a.Int, "_", ""), 0, 64)
		if err != nil {
			// Python reads 010 as an error and huge numbers fine; keep them as floats
			f, _ := strconv.ParseFloat(*a.Int, 64)
			e.Kind, e.Float = ExprFloat, f
		}
		e.Int = n
	case len(a.Strings) > 0:
		e.Kind = ExprString
		var b strings.Builder
		for _, s := range a.Strings {
			b.WriteString(pyUnquote(s))
		}
		e.Str = b.String()
	case a.Name != nil:
		e.Kind, e.Name = ExprName, *a.Name
	case a.Paren != nil:
		if len(a.Paren.Items) == 1 && !a.Paren.Trailing {
			return convExpr(a.Paren.Items[0])
		}
		e.Kind = ExprTuple
		for _, it := range a.Paren.Items {
			e.Items = append(e.Items, convExpr(it))
		}
	case a.List != nil:
		e.Kind = ExprList
		for _, it := range a.List.Items {
			e.Items = append(e.Items, convExpr(it))
		}
	case a.Dict != nil:
		e.Kind = ExprDict
		for _, it := range a.Dict.Items {
			e.Items = append(e.Items, convExpr(it.Key))
			e.Values = append(e.Values, convExpr(it.Value))
		}
	default:
		e.Kind = ExprEllipsis
	}
	return e
}
