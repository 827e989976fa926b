package grammar

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar of the Python that builds Keras models. It reads one logical line at a
// time (pyLineAST): a compound statement's header (def, class, if, elif, else, for, while, with,
// try, except, finally, a decorator) with any statements on the same line after its colon, or
// simple statements separated by semicolons. A line it cannot read becomes a StmtOther with the
// reason, and the lines after it are read as usual, so one odd line never loses the snippet.
// The block structure comes from the indentation, after parsing (python_blocks.go).
//
// Expressions are flat chains: prefix operators, an atom and its trailers (calls, subscripts,
// attributes), then operator and operand pairs; `lambda` heads are a repetition in front of the
// chain and `if`/`else` are operators in it. Precedence is applied when the chain is converted to
// the exported tree (python_conv.go). So no rule recurses except through brackets, whose depth
// the lexer caps, and the parser needs one token of lookahead.
//
// The struct tags are laid out for the cost of building the grammar, which every run with code
// pays: participle lexes a field's tag afresh each time it peeks across a field boundary (three
// to five times per field), so a tag ends where it can with its alternative's "|" or a repetition
// mark, which are read before the boundary, and a literal that closes a construct opens the next
// field's tag instead. The grammar itself is unchanged by this (testdata/python.ebnf), and
// BenchmarkPythonGrammarBuild measures it.

type pyLineAST struct {
	Simple   []*pySmall  `parser:"( @@ ( ';' @@ )* ';'? |"`
	Compound *pyCompound `parser:"  @@ ) EOL"`
}

type pyCompound struct {
	Head *pyHead    `parser:"@@"`
	Body []*pySmall `parser:"( @@ ( ';' @@ )* ';'? )?"`
}

type pyHead struct {
	Decorator *pyExpr    `parser:"'@' @@ |"`
	Word      string     `parser:"@( 'else' | 'try' | 'finally' ) ':' | @( 'if' | 'elif' | 'while' )"`
	Cond      *pyExpr    `parser:"@@ ':' |"`
	For       *pyForHead `parser:"@@ |"`
	Def       *pyDef     `parser:"@@ |"`
	Class     *pyClass   `parser:"@@ |"`
	With      []*pyWith  `parser:"'with' @@ ( ',' @@ )* ':' |"`
	Except    *pyExcept  `parser:"@@"`
}

type pyDef struct {
	Name   string     `parser:"'async'? 'def' @Name"`
	Params []*pyParam `parser:"'(' ( @@ ( ',' @@ )* ','? )?"`
	Ret    *pyExpr    `parser:"')' ( '->' @@ )? ':'"`
}

type pyParam struct {
	Star    string  `parser:"( @( '*' | '**' | '/' )"`
	Name    string  `parser:"  @Name? | @Name )"`
	Ann     *pyExpr `parser:"( ':' @@ )?"`
	Default *pyExpr `parser:"( '=' @@ )?"`
}

type pyClass struct {
	Name string  `parser:"'class' @Name"`
	Args *pyArgs `parser:"( '(' @@ ')' )? ':'"`
}

type pyForHead struct {
	Targets []*pyOperand `parser:"'async'? 'for' @@ ( ',' @@ )* ','?"`
	Iter    []*pyExpr    `parser:"'in' @@ ( ',' @@ )* ','? ':'"`
}

type pyWith struct {
	Value *pyExpr    `parser:"@@"`
	As    *pyOperand `parser:"( 'as' @@ )?"`
}

type pyExcept struct {
	Type *pyExpr `parser:"'except' ( @@"`
	As   string  `parser:"  ( ( 'as' | ',' ) @Name )? )? ':'"`
}

type pySmall struct {
	Expr   *pyExprStmt `parser:"@@ |"`
	Import *pyImport   `parser:"@@ |"`
	Return *pyReturn   `parser:"@@ |"`
	Word   string      `parser:"@( 'pass' | 'break' | 'continue' ) |"`
	Global []string    `parser:"( 'global' | 'nonlocal' ) @Name ( ',' @Name )* |"`
	Del    []*pyExpr   `parser:"'del' @@ ( ',' @@ )* |"`
	Assert []*pyExpr   `parser:"'assert' @@ ( ',' @@ )? |"`
	Raise  *pyRaise    `parser:"@@"`
	Pos    lexer.Position
}

type pyReturn struct {
	Values   []*pyExpr `parser:"'return' ( @@ ( ',' @@ )*"`
	Trailing bool      `parser:"  @','? )?"`
}

type pyRaise struct {
	X    *pyExpr `parser:"'raise' ( @@"`
	From *pyExpr `parser:"  ( 'from' @@ )? )?"`
}

type pyImport struct {
	From  *pyDotted    `parser:"( 'from' @@"`
	Names []*pyImpName `parser:"  'import' ( '(' @@ ( ',' @@ )* ','? ')' | @@ ( ',' @@ )* ) | 'import' @@ ( ',' @@ )* )"`
}

type pyImpName struct {
	Star bool      `parser:"@'*' |"`
	Name *pyDotted `parser:"@@"`
	As   string    `parser:"  ( 'as' @Name )?"`
}

type pyDotted struct {
	Dots  []string `parser:"( @( '.' | '...' )+"`
	Parts []string `parser:"  ( @Name ( '.' @Name )* )? | @Name ( '.' @Name )* )"`
}

// pyExprStmt is an expression statement or an assignment: each tail is "=" (a, b = c = d), an
// augmented operator (x += 1) or ":" (x: int = 1), and the value after it; which sequences are
// Python is checked when the tree is made.
type pyExprStmt struct {
	First *pyExprList   `parser:"@@"`
	Tails []*pyStmtTail `parser:"@@*"`
}

type pyStmtTail struct {
	Op    string      `parser:"@Assign"`
	Value *pyExprList `parser:"@@"`
}

type pyExprList struct {
	Items    []*pyExpr `parser:"@@ ( ',' @@ )*"`
	Trailing bool      `parser:"@','?"`
}

// pyExpr is one expression: lambda heads, then a chain of operands and operators; prefix
// operators belong to the operands. `if` and `else` are operators of the chain (a if b else c),
// and so are "not in" (an operator "not" and an operand prefixed "in") and "is not"; precedence
// and these pairings are applied when the tree is made.
type pyExpr struct {
	Lambdas []*pyLambdaHead `parser:"@@*"`
	X       *pyOperand      `parser:"@@"`
	Rest    []*pyTail       `parser:"@@*"`
}

type pyLambdaHead struct {
	Pos    lexer.Position
	Params []*pyLambdaParam `parser:"'lambda' ( @@ ( ',' @@ )* ','? )? ':'"`
}

type pyLambdaParam struct {
	Star    string  `parser:"( @( '*' | '**' )"`
	Name    string  `parser:"  @Name? | @Name )"`
	Default *pyExpr `parser:"( '=' @@ )?"`
}

// pyTail is one operator and the operand after it; after `else` lambda heads may come first.
type pyTail struct {
	Op      string          `parser:"@BinOp"`
	Lambdas []*pyLambdaHead `parser:"@@*"`
	Y       *pyOperand      `parser:"@@"`
}

// pyOperand is prefix operators (- + ~ not await, and * ** for unpacking), an atom and its
// trailers.
type pyOperand struct {
	Pos      lexer.Position
	Ops      []string     `parser:"@BinOp*"`
	Name     string       `parser:"( @Name |"`
	Int      string       `parser:"  @Int |"`
	Strings  []string     `parser:"  @String+ |"`
	Float    string       `parser:"  @Float |"`
	Paren    *pySeq       `parser:"  '(' @@ ')' |"`
	List     *pySeq       `parser:"  '[' @@ ']' |"`
	Brace    *pyBrace     `parser:"  '{' @@ '}' |"`
	Ellipsis bool         `parser:"  @'...' )"`
	Trailers []*pyTrailer `parser:"@@*"`
}

// pySeq is the inside of () or []: empty, one item and a comprehension, or items. (A
// comprehension with more items after it is refused when the tree is made.)
type pySeq struct {
	First    *pyExpr      `parser:"( @@"`
	Comp     []*pyCompFor `parser:"  ( 'async'? 'for' @@ )*"`
	Rest     []*pyExpr    `parser:"  ( ',' @@ )*"`
	Trailing bool         `parser:"  @','? )?"`
}

type pyBrace struct {
	First *pyBraceItem   `parser:"( @@"`
	Comp  []*pyCompFor   `parser:"  ( 'async'? 'for' @@ )*"`
	Rest  []*pyBraceItem `parser:"  ( ',' @@ )* ','? )?"`
}

// pyBraceItem is a dict item (key: value, or **spread, an operand prefixed **) or a set item.
type pyBraceItem struct {
	Key   *pyExpr `parser:"@@"`
	Value *pyExpr `parser:"( ':' @@ )?"`
}

// pyCompFor is "for targets in iterable" after its "for" (and "async"), which the rule that
// holds it reads: a token that is not "for" then costs participle no tree of this type; the
// iterable's chain runs on over "if" conditions, which are split off when the tree is made.
type pyCompFor struct {
	Targets []*pyOperand `parser:"@@ ( ',' @@ )* ','?"`
	Iter    *pyExpr      `parser:"'in' @@"`
}

// pyTrailer is .name, a call's arguments or a subscript.
type pyTrailer struct {
	Attr  string   `parser:"( '.' @Name |"`
	Call  *pyArgs  `parser:"  '(' @@ ')' |"`
	Index []*pySub `parser:"  '[' @@ ( ',' @@ )* ','? ']' )"`
}

// pyArgs are a call's arguments (and a class statement's bases).
type pyArgs struct {
	Args []*pyArg `parser:"( @@ ( ',' @@ )* ','? )?"`
}

// pyArg is a call argument: a value, name=value, *args and **kwargs (operands prefixed * and
// **), or a generator.
type pyArg struct {
	Key   string       `parser:"( @Name '=' )?"`
	Value *pyExpr      `parser:"@@"`
	Comp  []*pyCompFor `parser:"( 'async'? 'for' @@ )*"`
}

// pySub is a subscript: an index, or a slice lo:hi:step with any part left out.
type pySub struct {
	Value *pyExpr  `parser:"( @@"`
	Slice *pySlice `parser:"  @@? | @@ )"`
}

type pySlice struct {
	Hi     *pyExpr `parser:"':' @@?"`
	Colon2 bool    `parser:"( @':'"`
	Step   *pyExpr `parser:"  @@? )?"`
}

// pyLookahead is the lookahead the grammar is built with, in tokens: one is enough, because
// every rule decides by its first token, or backtracks over at most one (a keyword argument's
// name before its "=", a trailing comma). TestPythonLookahead checks it.
const pyLookahead = 1

// pyParser builds the grammar the first time a paste holds code, not when the program starts.
var pyParser = sync.OnceValue(buildPyParser)

// buildPyParser builds the participle grammar of the Python subset.
func buildPyParser() *participle.Parser[pyLineAST] {
	pyBuilding.Store(true)
	return participle.MustBuild[pyLineAST](participle.Lexer(pyDefinition{}), participle.UseLookahead(pyLookahead))
}

// pyBuilding is set once the Python grammar is built or being built: Parse starts no more builds.
var pyBuilding atomic.Bool

// PythonEBNF is the grammar as EBNF, for review.
func PythonEBNF() string { return pyParser().String() }

// ParsePython parses Python code; the lines are numbered from 1. It never fails: lines it does
// not understand become StmtOther, and bracket or string problems are in Program.Errors.
func ParsePython(src string) *Program {
	return parsePyLines(plainLines(src))
}

// parsePyLines lexes and parses the lines of a snippet, one logical line at a time, and nests the
// statements into blocks by their indentation.
func parsePyLines(lines []pyLine) *Program {
	prog := &Program{}
	// each logical line is parsed as soon as it is lexed, from a lexer of its own tokens, through
	// the memo of shapes: the snippet's tokens are never all held at once
	var memo pyMemo
	var flat []*Stmt
	prog.Errors = lexPythonEach(lines, func(line []lexer.Token, indent int, long *Error, errs []*Error) {
		flat = parsePyLine(flat, line, indent, long, errs, &memo, &prog.Py2Print)
	})
	if flat != nil {
		prog.Stmts = nestBlocks(flat)
	}
	return prog
}

// parsePyLine parses one logical line (its tokens end with the EOL token) and appends its
// statements to flat; a line that cannot be read is one StmtOther with the reason: long (too
// many tokens), a bracket or string error on its lines, or participle's error with its position.
// A line read as Python 2's print statement sets *py2.
func parsePyLine(flat []*Stmt, line []lexer.Token, indent int, long *Error, errs []*Error, memo *pyMemo, py2 *bool) []*Stmt {
	end := len(line) - 1 // the EOL
	first := line[0].Pos
	if long != nil {
		return append(flat, otherStmt(line[:end], first, indent, long))
	}
	ast, sub, err := memo.parse(line)
	if err != nil {
		if a2, ok := py2Print(line); ok {
			ast, err = a2, nil
			*py2 = true
		}
	}
	if err == nil && ast != nil {
		ss, cerr := convLine(ast, first, indent, sub, memo)
		if cerr != nil {
			return append(flat, otherStmt(line[:end], first, indent, cerr))
		}
		return append(flat, ss...)
	}
	if lexErr := errorWithin(errs, first.Line, line[max(0, end-1)].Pos.Line); lexErr != nil {
		// the line is broken by a bracket or a string: Program.Errors says so already
		return append(flat, otherStmt(line[:end], first, indent, lexErr))
	}
	pos := first
	msg := "not read as Python"
	if perr, ok := err.(participle.Error); ok {
		pos = perr.Position()
		msg = perr.Message()
	}
	return append(flat, otherStmt(line[:end], first, indent, &Error{Line: pos.Line, Col: pos.Column, Msg: msg}))
}

// py2Print reads Python 2's print statement (print "Building model...", print x, y) as the call
// print(...) it means, so that old forum code is read on; toks is the logical line with its EOL.
func py2Print(toks []lexer.Token) (*pyLineAST, bool) {
	if len(toks) < 3 || toks[0].Type != pyName || toks[0].Value != "print" || toks[1].Value == "(" ||
		toks[1].Value == "=" || toks[1].Value == "." || toks[1].Type == pyEOL || toks[1].Value == ">>" {
		return nil, false
	}
	n := len(toks) - 1 // without the EOL
	syn := make([]lexer.Token, 0, n+3)
	syn = append(syn, toks[0], lexer.Token{Type: pyOpen, Value: "(", Pos: toks[1].Pos})
	syn = append(syn, toks[1:n]...)
	if syn[len(syn)-1].Value == "," {
		syn = syn[:len(syn)-1] // print x, (no newline)
	}
	syn = append(syn, lexer.Token{Type: pyCloseTok, Value: ")", Pos: toks[n].Pos}, toks[n])
	lx, err := lexer.Upgrade(&pyTokens{toks: syn})
	if err != nil {
		return nil, false
	}
	ast, err := pyParser().ParseFromLexer(lx, participle.AllowTrailing(true))
	return ast, err == nil && ast != nil
}

// errorWithin finds a lexing error on lines from..to.
func errorWithin(errs []*Error, from, to int) *Error {
	for _, e := range errs {
		if e.Line >= from && e.Line <= to {
			return e
		}
	}
	return nil
}

// otherStmt keeps a line the grammar cannot read, as text, with the reason.
func otherStmt(toks []lexer.Token, pos lexer.Position, indent int, why *Error) *Stmt {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Value)
		if b.Len() > 200 {
			break
		}
	}
	return &Stmt{Kind: StmtOther, Line: pos.Line, Col: pos.Column, Indent: indent, Text: b.String(), Err: why}
}

// ---- the exported tree ----

// Program is a parsed snippet of Keras code.
type Program struct {
	Stmts  []*Stmt  // the top-level statements; compound statements hold their blocks
	Errors []*Error // lexing problems (brackets, strings), with positions in the input
	// Py2Print: a line is Python 2's print statement (print "x"), read as the call print("x");
	// the code runs only on Python 2
	Py2Print bool
}

// StmtKind tells what a statement is.
type StmtKind int

// Statement kinds.
const (
	StmtOther     StmtKind = iota // a line kexplain could not read (Text, Err)
	StmtImport                    // import keras / from keras.layers import Dense
	StmtAssign                    // x = Dense(4)(x); a, b = ...
	StmtExpr                      // model.add(Dense(4)); model.summary()
	StmtFor                       // for Targets[0] in Value: Body (else: Else)
	StmtAugAssign                 // Targets[0] Op= Value
	StmtAnnAssign                 // Targets[0]: Annotation = Value (Value nil when absent)
	StmtDef                       // def Name(Params): Body; Decorators
	StmtClass                     // class Name(Bases, Kwargs): Body
	StmtIf                        // if Value: Body; Else holds elif (one StmtIf) or else statements
	StmtWhile                     // while Value: Body (else: Else)
	StmtReturn                    // return Value (nil when bare)
	StmtPass                      // pass
	StmtBreak                     // break
	StmtContinue                  // continue
	StmtWith                      // with Value as Targets[0]: Body
	StmtTry                       // try: Body; Handlers (except clauses); Else; Final
	StmtExcept                    // except Value as Name: Body (only inside StmtTry.Handlers)
	StmtDel                       // del Targets[0]
	StmtGlobal                    // global / nonlocal Names
	StmtAssert                    // assert Value
	StmtRaise                     // raise Value
)

// Stmt is one statement. What few statements have (an augmented assignment's operator, an
// annotation, a def's parameters, a class's bases, decorators, imports, ...) is kept behind one
// pointer and read by the methods of the same names: it keeps every Stmt small.
type Stmt struct {
	Kind     StmtKind
	Line     int       // 1-based input line of its first token
	Col      int       // 1-based input column of its first token
	Indent   int       // indentation of its line, in columns (what blocks are made from)
	Targets  [][]*Expr // assignments: one list per "=" ("a, b = c = ..." gives [[a b] [c]]); for, with, del targets
	Value    *Expr     // assignment value, expression, condition, iterable, returned value
	Name     string    // def and class: the name; except: the "as" name
	Body     []*Stmt   // compound statements: the block
	Else     []*Stmt   // if (elif is one StmtIf here), for, while, try: the else block
	Handlers []*Stmt   // try: the except clauses (StmtExcept)
	Final    []*Stmt   // try: the finally block
	Text     string    // StmtOther: the tokens as written, joined by spaces
	Err      *Error    // StmtOther: why it was not read
	header   string    // a compound header waiting for its block: "if", "elif", "else", ...
	rare     *stmtRare
}

type stmtRare struct {
	op         string
	annotation *Expr
	varName    string
	names      []string
	params     []Param
	bases      []*Expr
	kwargs     []Kwarg
	decorators []*Expr
	from       string
	imports    []Import
}

var noStmtRare stmtRare

func (s *Stmt) get() *stmtRare {
	if s.rare == nil {
		return &noStmtRare
	}
	return s.rare
}

func (s *Stmt) more() *stmtRare {
	if s.rare == nil {
		s.rare = &stmtRare{}
	}
	return s.rare
}

// Op is an augmented assignment's operator: "+" for +=.
func (s *Stmt) Op() string { return s.get().op }

// Annotation is an annotated assignment's annotation.
func (s *Stmt) Annotation() *Expr { return s.get().annotation }

// Var is the name a for loop over one name assigns.
func (s *Stmt) Var() string { return s.get().varName }

// Names are the names of a global or nonlocal statement.
func (s *Stmt) Names() []string { return s.get().names }

// Params are a def's parameters.
func (s *Stmt) Params() []Param { return s.get().params }

// Bases are a class's base classes.
func (s *Stmt) Bases() []*Expr { return s.get().bases }

// Kwargs are a class's keyword arguments (metaclass=...).
func (s *Stmt) Kwargs() []Kwarg { return s.get().kwargs }

// Decorators are a def's or a class's decorators.
func (s *Stmt) Decorators() []*Expr { return s.get().decorators }

// From is the module of "from tensorflow.keras.layers import ...": "tensorflow.keras.layers".
func (s *Stmt) From() string { return s.get().from }

// Imports are the names an import statement imports.
func (s *Stmt) Imports() []Import { return s.get().imports }

// Param is one parameter of a def or lambda.
type Param struct {
	Name    string
	Star    string // "*" for *args, "**" for **kwargs, "/" and "*" alone are markers (Name "")
	Default *Expr  // nil when none
	Line    int
	Col     int
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
	ExprName     ExprKind = iota // Dense, x, None, True (the constants stay names)
	ExprInt                      // 64; Str holds the digits when the value does not fit in an int64
	ExprFloat                    // 0.5
	ExprString                   // "relu" (decoded)
	ExprTuple                    // (3, 3); also "a, b" on one side of an assignment
	ExprList                     // [a, b]
	ExprDict                     // {"a": 1}: Items keys, Values values; a **spread has a nil key
	ExprSet                      // {a, b}
	ExprCall                     // X(Items, Kwargs): *args are ExprStar items, **kwargs Kwargs named "**"
	ExprAttr                     // X.Name
	ExprIndex                    // X[Items]
	ExprSlice                    // lo:hi:step inside an index: X lo, Y hi, Z step (nil when left out)
	ExprBinary                   // X Name Y: Name is the operator ("+", "and", "in", "notin", "is", "isnot")
	ExprUnary                    // Name X: "-", "+", "~", "not"
	ExprLambda                   // lambda Params: X
	ExprCond                     // X if Y else Z
	ExprEllipsis                 // ...
	ExprComp                     // comprehension: Name "list", "set", "gen" (X the element) or "dict" (X key, Y value); Comps
	ExprFString                  // f-string: Items are the parts, ExprString text or an expression (Str its format spec)
	ExprStar                     // *X in a list, tuple, call or target
)

// Expr is one Python expression.
type Expr struct {
	Kind      ExprKind
	Line, Col int
	Name      string // ExprName: the identifier; ExprAttr: the attribute; operators; comprehension kind
	Str       string // ExprString; ExprInt: digits too large for an int64; f-string part: format spec
	Int       int64  // ExprInt
	X, Y      *Expr
	Items     []*Expr // tuple, list, set items; call positional args; index subscripts; dict keys; f-string parts
	Kwargs    []Kwarg // call keyword arguments, in order
	// rare holds what few expressions have (a float's value, a third operand, a dict's values,
	// a lambda's parameters, a comprehension's clauses): Float, Z, Values, Params and Comps read
	// it. It keeps every Expr small.
	rare *exprRare
}

type exprRare struct {
	float  float64
	z      *Expr
	values []*Expr
	params []Param
	comps  []Comp
}

// Float is an ExprFloat's value.
func (e *Expr) Float() float64 {
	if e.rare == nil {
		return 0
	}
	return e.rare.float
}

// Z is a slice's step (X lo, Y hi) and a conditional expression's else value (X if Y else Z);
// nil when left out.
func (e *Expr) Z() *Expr {
	if e.rare == nil {
		return nil
	}
	return e.rare.z
}

// Values are a dict's values, one per key in Items (nil for any other expression).
func (e *Expr) Values() []*Expr {
	if e.rare == nil {
		return nil
	}
	return e.rare.values
}

// Params are a lambda's parameters.
func (e *Expr) Params() []Param {
	if e.rare == nil {
		return nil
	}
	return e.rare.params
}

// Comps are a comprehension's clauses, in order.
func (e *Expr) Comps() []Comp {
	if e.rare == nil {
		return nil
	}
	return e.rare.comps
}

func (e *Expr) more() *exprRare {
	if e.rare == nil {
		e.rare = &exprRare{}
	}
	return e.rare
}

func (e *Expr) setFloat(f float64) {
	if f != 0 {
		e.more().float = f
	}
}

func (e *Expr) setZ(z *Expr) {
	if z != nil {
		e.more().z = z
	}
}

func (e *Expr) addValue(v *Expr) { r := e.more(); r.values = append(r.values, v) }
func (e *Expr) addParam(p Param) { r := e.more(); r.params = append(r.params, p) }
func (e *Expr) addComp(c Comp)   { r := e.more(); r.comps = append(r.comps, c) }

// Comp is one "for targets in iter if cond ..." clause of a comprehension.
type Comp struct {
	Target *Expr   // a name, or a tuple of targets
	Iter   *Expr   //
	Ifs    []*Expr // conditions
}

// Kwarg is one keyword argument of a call.
type Kwarg struct {
	Name  string // "**" for a **mapping
	Value *Expr
}

// Dotted gives a name or attribute chain as text ("tf.keras.layers.Dense"); "" for anything
// else, and for chains longer than 16 parts.
func (e *Expr) Dotted() string {
	var parts [16]string
	n := 0
	for x := e; x != nil; x = x.X {
		switch x.Kind {
		case ExprName:
			if n == len(parts) {
				return ""
			}
			parts[n] = x.Name
			n++
			var b strings.Builder
			for i := n - 1; i >= 0; i-- {
				b.WriteString(parts[i])
				if i > 0 {
					b.WriteByte('.')
				}
			}
			return b.String()
		case ExprAttr:
			if n == len(parts) {
				return ""
			}
			parts[n] = x.Name
			n++
		default:
			return ""
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

// String writes the expression back as Python, cut to about 60 characters: for messages that
// name the construct ("config["hidden"]").
func (e *Expr) String() string {
	var b strings.Builder
	writeExpr(&b, e, 0)
	s := b.String()
	if len(s) > 60 {
		cut := 57
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func writeExpr(b *strings.Builder, e *Expr, depth int) {
	if b.Len() > 80 || depth > 30 {
		return
	}
	if e == nil {
		return
	}
	list := func(xs []*Expr) {
		for i, x := range xs {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, x, depth+1)
			if b.Len() > 80 {
				return
			}
		}
	}
	switch e.Kind {
	case ExprName:
		b.WriteString(e.Name)
	case ExprInt:
		if e.Str != "" {
			b.WriteString(e.Str)
		} else {
			b.WriteString(strconv.FormatInt(e.Int, 10))
		}
	case ExprFloat:
		b.WriteString(strconv.FormatFloat(e.Float(), 'g', -1, 64))
	case ExprString:
		b.WriteString(strconv.Quote(e.Str))
	case ExprFString:
		b.WriteString(`f"`)
		for _, p := range e.Items {
			if p.Kind == ExprString {
				b.WriteString(p.Str)
			} else {
				b.WriteByte('{')
				writeExpr(b, p, depth+1)
				b.WriteByte('}')
			}
		}
		b.WriteByte('"')
	case ExprTuple:
		b.WriteByte('(')
		list(e.Items)
		if len(e.Items) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case ExprList:
		b.WriteByte('[')
		list(e.Items)
		b.WriteByte(']')
	case ExprSet:
		b.WriteByte('{')
		list(e.Items)
		b.WriteByte('}')
	case ExprDict:
		b.WriteByte('{')
		for i := range e.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			if e.Items[i] == nil {
				b.WriteString("**")
			} else {
				writeExpr(b, e.Items[i], depth+1)
				b.WriteString(": ")
			}
			writeExpr(b, e.Values()[i], depth+1)
		}
		b.WriteByte('}')
	case ExprCall:
		writeExpr(b, e.X, depth+1)
		b.WriteByte('(')
		list(e.Items)
		for i, k := range e.Kwargs {
			if i > 0 || len(e.Items) > 0 {
				b.WriteString(", ")
			}
			if k.Name == "**" {
				b.WriteString("**")
			} else {
				b.WriteString(k.Name + "=")
			}
			writeExpr(b, k.Value, depth+1)
		}
		b.WriteByte(')')
	case ExprAttr:
		writeExpr(b, e.X, depth+1)
		b.WriteString("." + e.Name)
	case ExprIndex:
		writeExpr(b, e.X, depth+1)
		b.WriteByte('[')
		list(e.Items)
		b.WriteByte(']')
	case ExprSlice:
		writeExpr(b, e.X, depth+1)
		b.WriteByte(':')
		writeExpr(b, e.Y, depth+1)
		if e.Z() != nil {
			b.WriteByte(':')
			writeExpr(b, e.Z(), depth+1)
		}
	case ExprBinary:
		writeExpr(b, e.X, depth+1)
		b.WriteString(" " + opText(e.Name) + " ")
		writeExpr(b, e.Y, depth+1)
	case ExprUnary:
		b.WriteString(e.Name)
		if e.Name == "not" {
			b.WriteByte(' ')
		}
		writeExpr(b, e.X, depth+1)
	case ExprLambda:
		b.WriteString("lambda")
		for i, p := range e.Params() {
			if i == 0 {
				b.WriteByte(' ')
			} else {
				b.WriteString(", ")
			}
			b.WriteString(p.Star + p.Name)
		}
		b.WriteString(": ")
		writeExpr(b, e.X, depth+1)
	case ExprCond:
		writeExpr(b, e.X, depth+1)
		b.WriteString(" if ")
		writeExpr(b, e.Y, depth+1)
		b.WriteString(" else ")
		writeExpr(b, e.Z(), depth+1)
	case ExprEllipsis:
		b.WriteString("...")
	case ExprStar:
		b.WriteByte('*')
		writeExpr(b, e.X, depth+1)
	case ExprComp:
		open, close := "[", "]"
		switch e.Name {
		case "gen":
			open, close = "(", ")"
		case "set", "dict":
			open, close = "{", "}"
		}
		b.WriteString(open)
		writeExpr(b, e.X, depth+1)
		if e.Name == "dict" {
			b.WriteString(": ")
			writeExpr(b, e.Y, depth+1)
		}
		for _, c := range e.Comps() {
			b.WriteString(" for ")
			writeExpr(b, c.Target, depth+1)
			b.WriteString(" in ")
			writeExpr(b, c.Iter, depth+1)
		}
		b.WriteString(close)
	}
}

func opText(op string) string {
	switch op {
	case "notin":
		return "not in"
	case "isnot":
		return "is not"
	}
	return op
}
