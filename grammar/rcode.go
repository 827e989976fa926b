package grammar

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// R keras code, read into the same program the Python interpreter runs. The R package wraps
// Keras: keras_model_sequential() is a Sequential, layer_dense() a Dense, and each layer
// function takes the object it works on first, so that
//
//	model <- keras_model_sequential() %>% layer_dense(units = 64, input_shape = c(10))
//
// adds a Dense to the model, while `inputs %>% layer_dense(units = 64)` applies one to a tensor.
// The grammar below reads the R that model code uses (assignments, pipes %>% and |>, calls with
// named arguments, c() and list(), $ access, function and control blocks), and the conversion
// turns it into Python statements: what each pipe does depends on what its object is (a model,
// a tensor, nothing), which the conversion follows through the assignments. The R function
// names are read through rLayerClass, a table of the layer_* names.

// Token types of the R lexer.
const (
	rName lexer.TokenType = -2 - iota
	rNum
	rStr
	rOp
	rPct // a %...% operator: %>%, %<>%, %in%
	rEOL
	rOther
)

type rDefinition struct{}

func (rDefinition) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{"EOF": lexer.EOF, "Name": rName, "Num": rNum, "Str": rStr, "Op": rOp,
		"Pct": rPct, "EOL": rEOL, "Other": rOther}
}

func (rDefinition) Lex(string, io.Reader) (lexer.Lexer, error) {
	return nil, errors.New("the R lexer reads snippets only")
}

// rOps are R's operators, longest first (a %...% operator is read on its own).
var rOps = []string{"<<-", "->>", "|>", "<-", "->", "<=", ">=", "==", "!=", "&&", "||", "::"}

// rBinary are the tokens after which an expression goes on to the next line.
var rContinues = map[string]bool{"<-": true, "<<-": true, "=": true, "+": true, "-": true, "*": true, "/": true,
	"^": true, ",": true, "|>": true, "&": true, "|": true, "&&": true, "||": true, "~": true, "==": true,
	"!=": true, "<": true, ">": true, "<=": true, ">=": true, "(": true, "[": true, "{": true, "$": true, "@": true}

// maxROps caps a run of operators (- - - x): each one nests the parse a level deeper.
const maxROps = 256

// lexR lexes R lines; newlines end statements outside () and [] unless the line ends in an
// operator. Problems (an unclosed bracket or string) are errors with their position.
func lexR(lines []pyLine) ([]lexer.Token, []*Error) {
	var toks []lexer.Token
	var errs []*Error
	type open struct {
		c         byte
		line, col int
	}
	var stack []open
	pending := false
	last := ""
	run := 0 // operators in a row: a long run is hostile (each nests the parse a level deeper)
	emit := func(t lexer.TokenType, v string, pos lexer.Position) {
		toks = append(toks, lexer.Token{Type: t, Value: v, Pos: pos})
		pending = true
		last = v
		if t != rOp {
			last = "x"
		}
		if t == rOp && v != "(" && v != ")" && v != "[" && v != "]" && v != "{" && v != "}" {
			run++
		} else {
			run = 0
		}
	}
	for _, ln := range lines {
		s := ln.text
		col, lastI := ln.col+1, 0
		colAt := func(i int) int {
			for lastI < i {
				_, n := utf8.DecodeRuneInString(s[lastI:])
				lastI += n
				col++
			}
			return col
		}
		posAt := func(i int) lexer.Position { return lexer.Position{Line: ln.no, Column: colAt(i)} }
		for i := 0; i < len(s) && len(stack) < maxPyDepth && run <= maxROps; {
			c := s[i]
			switch {
			case c == ' ' || c == '\t' || c == '\r':
				i++
			case c == '#':
				i = len(s)
			case c == '"' || c == '\'':
				k := i + 1
				for k < len(s) && s[k] != c {
					if s[k] == '\\' {
						k++
					}
					k++
				}
				if k >= len(s) {
					errs = append(errs, &Error{Line: ln.no, Col: colAt(i), Msg: "this string is never closed in the R code"})
					k = len(s) - 1
				}
				emit(rStr, s[i:min(k+1, len(s))], posAt(i))
				i = k + 1
			case c == '`':
				k := strings.IndexByte(s[i+1:], '`')
				if k < 0 {
					k = len(s) - i - 1
				}
				emit(rName, s[i+1:i+1+k], posAt(i))
				i += k + 2
			case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
				hex := strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X")
				j := i
				for j < len(s) {
					d := s[j]
					if isAlnum(d) || d == '.' || (d == '-' || d == '+') && !hex && (s[j-1] == 'e' || s[j-1] == 'E') {
						j++
						continue
					}
					break
				}
				emit(rNum, s[i:j], posAt(i))
				i = j
			case c == '.' || c == '_' || c < utf8.RuneSelf && unicode.IsLetter(rune(c)) || c >= utf8.RuneSelf:
				j := i
				for j < len(s) {
					r, n := utf8.DecodeRuneInString(s[j:])
					if r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) {
						j += n
						continue
					}
					break
				}
				if j == i {
					_, n := utf8.DecodeRuneInString(s[i:])
					emit(rOther, s[i:i+n], posAt(i))
					i += n
					continue
				}
				emit(rName, s[i:j], posAt(i))
				i = j
			case c == '%':
				k := strings.IndexByte(s[i+1:], '%')
				if k < 0 {
					emit(rOther, "%", posAt(i))
					i++
					continue
				}
				emit(rPct, s[i:i+k+2], posAt(i))
				last = s[i : i+k+2]
				i += k + 2
			case c == '(' || c == '[' || c == '{':
				stack = append(stack, open{c, ln.no, colAt(i)})
				emit(rOp, s[i:i+1], posAt(i))
				i++
			case c == ')' || c == ']' || c == '}':
				want := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
				if len(stack) == 0 || stack[len(stack)-1].c != want {
					errs = append(errs, &Error{Line: ln.no, Col: colAt(i), Msg: "unmatched " + string(c) + " in the R code"})
					i++
					continue
				}
				if c == '}' && pending {
					toks = append(toks, lexer.Token{Type: rEOL, Value: "\n", Pos: posAt(i)})
				}
				stack = stack[:len(stack)-1]
				emit(rOp, s[i:i+1], posAt(i))
				i++
			case c == ';':
				if pending {
					toks = append(toks, lexer.Token{Type: rEOL, Value: "\n", Pos: posAt(i)})
					pending = false
				}
				i++
			default:
				op := ""
				for _, o := range rOps {
					if strings.HasPrefix(s[i:], o) {
						op = o
						break
					}
				}
				if op == "" && strings.IndexByte("=+-*/^<>!&|~$@:,?", c) >= 0 {
					op = s[i : i+1]
				}
				if op == "" {
					_, n := utf8.DecodeRuneInString(s[i:])
					emit(rOther, s[i:i+n], posAt(i))
					i += n
					continue
				}
				emit(rOp, op, posAt(i))
				i += len(op)
			}
		}
		inner := len(stack) > 0 && stack[len(stack)-1].c != '{'
		if pending && !inner && !rContinues[last] && !strings.HasPrefix(last, "%") {
			toks = append(toks, lexer.Token{Type: rEOL, Value: "\n", Pos: posAt(len(s))})
			pending = false
		}
	}
	if run > maxROps || len(stack) >= maxPyDepth {
		errs = append(errs, &Error{Line: lines[len(lines)-1].no, Col: 1, Msg: "operators or brackets nested too deep in the R code"})
		return nil, errs
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		errs = append(errs, &Error{Line: o.line, Col: o.col, Msg: "this " + string(o.c) + " is never closed in the R code"})
		return nil, errs // a cut snippet: nothing of it is read
	}
	if pending && len(toks) > 0 {
		toks = append(toks, lexer.Token{Type: rEOL, Value: "\n", Pos: toks[len(toks)-1].Pos})
	}
	return toks, errs
}

// ---- the grammar ----

type rFile struct {
	Stmts []*rStmt `parser:"( EOL | @@ )*"`
}

type rStmt struct {
	Pos  lexer.Position
	Expr *rExpr `parser:"@@ EOL"`
}

type rExpr struct {
	Pos    lexer.Position
	Func   *rFunc   `parser:"(  @@"`
	If     *rIf     `parser:" | @@"`
	Loop   *rLoop   `parser:" | @@"`
	Binary *rBinary `parser:" | @@ )"`
	Assign string   `parser:"( @( '<-' | '<<-' | '=' | '->' | '->>' )"`
	Value  *rExpr   `parser:"  @@ )?"`
}

type rFunc struct {
	Params []*rParam `parser:"'function' '(' ( @@ ( ',' @@ )* )? ')'"`
	Body   *rExpr    `parser:"@@"`
}

type rParam struct {
	Name    string `parser:"@Name"`
	Default *rExpr `parser:"( '=' @@ )?"`
}

type rIf struct {
	Cond *rExpr `parser:"'if' '(' @@ ')'"`
	Then *rExpr `parser:"@@"`
	Else *rExpr `parser:"( 'else' @@ )?"`
}

type rLoop struct {
	Var  string `parser:"(  'for' '(' @Name 'in'"`
	Iter *rExpr `parser:"   @@ ')'"`
	Cond *rExpr `parser:" | 'while' '(' @@ ')' )"`
	Body *rExpr `parser:"@@"`
}

type rBinary struct {
	X    *rUnary   `parser:"@@"`
	Rest []*rBinOp `parser:"@@*"`
}

type rBinOp struct {
	Op string  `parser:"( @( '|>' | '+' | '-' | '*' | '/' | '^' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '&&' | '||' | '&' | '|' | '~' | ':' ) | @Pct ) EOL?"`
	Y  *rUnary `parser:"@@"`
}

type rUnary struct {
	Pos lexer.Position
	Op  string    `parser:"  @( '-' | '+' | '!' | '~' )"`
	X   *rUnary   `parser:"  @@"`
	P   *rPostfix `parser:"| @@"`
}

type rPostfix struct {
	Pos      lexer.Position
	Atom     *rAtom      `parser:"@@"`
	Trailers []*rTrailer `parser:"@@*"`
}

type rTrailer struct {
	Call   *rArgs `parser:"  '(' @@ ')'"`
	Index2 *rArgs `parser:"| '[' '[' @@ ']' ']'"`
	Index  *rArgs `parser:"| '[' @@ ']'"`
	Dollar string `parser:"| ( '$' | '@' | '::' ) @( Name | Str )"`
}

type rArgs struct {
	Args []*rArg `parser:"( @@? ( ',' @@? )* )"`
}

type rArg struct {
	Pos   lexer.Position
	Key   string `parser:"( @( Name | Str ) '=' )?"`
	Value *rExpr `parser:"@@?"`
}

type rAtom struct {
	Pos   lexer.Position
	Num   *string `parser:"  @Num"`
	Str   *string `parser:"| @Str"`
	Name  *string `parser:"| @Name"`
	Paren *rExpr  `parser:"| '(' @@ ')'"`
	Block *rBlock `parser:"| '{' @@ '}'"`
}

type rBlock struct {
	Stmts []*rExpr `parser:"( EOL | @@ EOL? )*"`
}

// rParser builds the R grammar the first time a paste holds R code, not when the program starts.
var rParser = sync.OnceValue(func() *participle.Parser[rFile] {
	return participle.MustBuild[rFile](
		participle.Lexer(rDefinition{}),
		participle.UseLookahead(1<<10),
	)
})

// REBNF is the R grammar as EBNF, for review.
func REBNF() string { return rParser().String() }

// parseR reads R keras code into a program of Python statements. It never fails: what it
// cannot read is an error with its position. A panic here is a bug: it is not recovered (the
// front ends report it as an internal error).
func parseR(lines []pyLine) *Program {
	prog := &Program{}
	toks, errs := lexR(lines)
	prog.Errors = errs
	if len(toks) == 0 {
		return prog
	}
	pl, err := lexer.Upgrade(&pyTokens{toks: toks})
	if err != nil {
		prog.Errors = append(prog.Errors, &Error{Line: lines[0].no, Col: 1, Msg: err.Error()})
		return prog
	}
	f, err := rParser().ParseFromLexer(pl)
	if err != nil {
		var perr participle.Error
		if errors.As(err, &perr) {
			p := perr.Position()
			prog.Errors = append(prog.Errors, &Error{Line: p.Line, Col: p.Column, Msg: perr.Message() + " in the R code"})
		}
	}
	if f == nil {
		return prog
	}
	c := &rConv{kinds: map[string]rKind{}}
	for _, s := range f.Stmts {
		c.stmt(s.Expr, 1, 0)
	}
	for _, s := range c.out {
		prog.Stmts = append(prog.Stmts, rLibrary(s))
	}
	return prog
}

// ---- the conversion ----

// rKind is what an R value is, as far as the conversion follows it.
type rKind int

const (
	rUnknown    rKind = iota
	rModel            // a Sequential model: layer functions add to it
	rFunctional       // a functional model (keras_model, an application)
	rTensor           // a tensor: layer functions apply to it
	rLayer            // a layer (a layer function called without an object)
	rMulti            // a list of tensors (a merge layer's input)
)

// rConv turns the R statements into Python statements, following what each name holds.
type rConv struct {
	kinds    map[string]rKind
	returned rKind // what the function being converted returns
	out      []*Stmt
	temp     int
	depth    int
}

// rLayerWords are the parts of a layer function's name that are not spelt as their capitalised
// selves in the class name.
var rLayerWords = map[string]string{"lstm": "LSTM", "gru": "GRU", "rnn": "RNN", "upsampling": "UpSampling",
	"cudnn": "CuDNN", "1d": "1D", "2d": "2D", "3d": "3D", "prelu": "PReLU"}

// rLayerSpecial are the layer functions whose class the rule of rLayerClass does not give.
var rLayerSpecial = map[string]string{
	"layer_activation_relu": "ReLU", "layer_activation_elu": "ELU", "layer_activation_leaky_relu": "LeakyReLU",
	"layer_activation_parametric_relu": "PReLU", "layer_activation_softmax": "Softmax",
	"layer_activation_thresholded_relu": "ThresholdedReLU", "layer_activation_selu": "Activation",
	"bidirectional": "Bidirectional", "time_distributed": "TimeDistributed", "layer_input": "Input", "keras_input": "Input",
	"layer_dense_features": "DenseFeatures", "layer_max_pool_2d": "MaxPooling2D",
}

// rMerge are the merging layers: they take a list of tensors.
var rMerge = map[string]bool{"Add": true, "Subtract": true, "Multiply": true, "Average": true, "Maximum": true,
	"Minimum": true, "Concatenate": true, "Dot": true}

// rLayerClass is the Keras class of an R layer function: layer_conv_2d is Conv2D, the words of
// the name capitalised (layer_global_average_pooling_1d: GlobalAveragePooling1D), with the
// exceptions of rLayerSpecial; "" for a name that is no layer function.
func rLayerClass(name string) string {
	if c, ok := rLayerSpecial[name]; ok {
		return c
	}
	if !strings.HasPrefix(name, "layer_") || len(name) == len("layer_") {
		return ""
	}
	var b strings.Builder
	for _, w := range strings.Split(name[len("layer_"):], "_") {
		if w == "" {
			return ""
		}
		if s, ok := rLayerWords[w]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// rApplication is the keras.applications class of an R application_* function.
func rApplication(name string) string {
	if !strings.HasPrefix(name, "application_") {
		return ""
	}
	n := name[len("application_"):]
	known := map[string]string{"vgg16": "VGG16", "vgg19": "VGG19", "resnet50": "ResNet50", "resnet101": "ResNet101",
		"resnet152": "ResNet152", "resnet50_v2": "ResNet50V2", "resnet101_v2": "ResNet101V2", "resnet152_v2": "ResNet152V2",
		"xception": "Xception", "inception_v3": "InceptionV3", "inception_resnet_v2": "InceptionResNetV2",
		"mobilenet": "MobileNet", "mobilenet_v2": "MobileNetV2", "mobilenet_v3_large": "MobileNetV3Large",
		"mobilenet_v3_small": "MobileNetV3Small", "densenet121": "DenseNet121", "densenet169": "DenseNet169",
		"densenet201": "DenseNet201", "nasnetlarge": "NASNetLarge", "nasnetmobile": "NASNetMobile"}
	if c, ok := known[n]; ok {
		return c
	}
	if strings.HasPrefix(n, "efficientnet_") {
		return "EfficientNet" + strings.ToUpper(n[len("efficientnet_"):])
	}
	return ""
}

// rShapeArgs are the arguments that are shapes: a single number is a shape of one axis.
var rShapeArgs = map[string]bool{"input_shape": true, "shape": true, "batch_input_shape": true, "batch_shape": true,
	"target_shape": true}

func (c *rConv) emit(s *Stmt) { c.out = append(c.out, s) }

// sub collects the statements f converts: the block of a compound statement.
func (c *rConv) sub(f func()) []*Stmt {
	saved := c.out
	c.out = nil
	f()
	block := c.out
	c.out = saved
	return block
}

func name(n string, pos lexer.Position) *Expr {
	return &Expr{Kind: ExprName, Name: n, Line: pos.Line, Col: pos.Column}
}

// stmt converts one R statement at the given column (blocks indent their statements).
func (c *rConv) stmt(e *rExpr, col int, depth int) {
	if e == nil || depth > 64 {
		return
	}
	pos := e.Pos
	st := func(kind StmtKind) *Stmt { return &Stmt{Kind: kind, Line: pos.Line, Col: col} }
	switch {
	case e.Func != nil:
		c.emit(&Stmt{Kind: StmtOther, Line: pos.Line, Col: col, Text: "function",
			Err: &Error{Line: pos.Line, Col: col, Msg: "an R function that is not assigned to a name"}})
		return
	case e.If != nil:
		s := st(StmtIf)
		s.Value = c.expr(e.If.Cond, depth)
		s.Body = c.sub(func() { c.block(e.If.Then, col+4, depth) })
		if e.If.Else != nil {
			s.Else = c.sub(func() { c.block(e.If.Else, col+4, depth) })
		}
		c.emit(s)
		return
	case e.Loop != nil:
		var s *Stmt
		if e.Loop.Var != "" {
			s = st(StmtFor)
			s.more().varName, s.Value = e.Loop.Var, c.expr(e.Loop.Iter, depth)
			s.Targets = [][]*Expr{{name(e.Loop.Var, pos)}}
		} else {
			s = st(StmtWhile)
			s.Value = c.expr(e.Loop.Cond, depth)
		}
		s.Body = c.sub(func() { c.block(e.Loop.Body, col+4, depth) })
		c.emit(s)
		return
	}
	if e.Assign != "" && e.Value != nil {
		target, value := e.Binary, e.Value
		if e.Assign == "->" || e.Assign == "->>" {
			// value -> name
			if v := e.Value.Binary; v != nil && len(v.Rest) == 0 && e.Value.Assign == "" {
				c.assign(v, &rExpr{Pos: e.Pos, Binary: e.Binary}, col, depth)
			}
			return
		}
		if value.Func != nil {
			if id := binaryName(target); id != "" {
				c.function(id, value.Func, pos, col, depth)
				return
			}
			c.emit(&Stmt{Kind: StmtOther, Line: pos.Line, Col: col, Text: "function",
				Err: &Error{Line: pos.Line, Col: col, Msg: "an R function assigned to something other than a name"}})
			return
		}
		c.assign(target, value, col, depth)
		return
	}
	if e.Binary == nil {
		return
	}
	if fn, p, ok := rCallee(e.Binary); ok && fn == "return" && len(p.Trailers) == 1 {
		// return(value): the function's value
		r := st(StmtReturn)
		if args := p.Trailers[0].Call; args != nil && len(args.Args) > 0 && args.Args[0] != nil && args.Args[0].Value != nil {
			r.Value, c.returned = c.value(args.Args[0].Value.Binary, col, depth, "")
		}
		c.emit(r)
		return
	}
	// a bare statement: a pipe that adds to a model, a call, or a model printed by its name
	if id := binaryName(e.Binary); id != "" && (c.kinds[id] == rModel || c.kinds[id] == rFunctional) {
		c.emit(&Stmt{Kind: StmtExpr, Line: pos.Line, Col: col, Value: c.method(name(id, pos), "summary", nil)})
		return
	}
	v, _ := c.value(e.Binary, col, depth, "")
	if v != nil {
		s := st(StmtExpr)
		s.Value = v
		c.emit(s)
	}
}

// function converts `id <- function(params) { body }` into a def. R returns the value of the
// body's last expression; what the function returns (a model, a tensor) is what a call of it
// gives, kept as the kind of "id()".
func (c *rConv) function(id string, f *rFunc, pos lexer.Position, col int, depth int) {
	def := &Stmt{Kind: StmtDef, Name: id, Line: pos.Line, Col: col}
	for _, p := range f.Params {
		if p == nil {
			continue
		}
		q := Param{Name: p.Name, Line: pos.Line, Col: col}
		if p.Name == "..." {
			q = Param{Name: "kwargs", Star: "**", Line: pos.Line, Col: col}
		}
		if p.Default != nil && p.Default.Binary != nil {
			q.Default = c.expr(p.Default, depth)
		}
		def.more().params = append(def.more().params, q)
	}
	saved := c.returned
	c.returned = rUnknown
	def.Body = c.sub(func() {
		stmts := []*rExpr{f.Body}
		if b := f.Body; b != nil && len(b.Binary.restOrNil()) == 0 && b.Assign == "" && b.Binary != nil && b.Binary.X.P != nil &&
			b.Binary.X.P.Atom.Block != nil && len(b.Binary.X.P.Trailers) == 0 {
			stmts = b.Binary.X.P.Atom.Block.Stmts
		}
		for k, s := range stmts {
			if k == len(stmts)-1 && s != nil && s.Func == nil && s.If == nil && s.Loop == nil && s.Assign == "" && s.Binary != nil {
				if fn, _, ok := rCallee(s.Binary); !ok || fn != "return" {
					// the last expression is the value
					v, kind := c.value(s.Binary, col+4, depth+1, "")
					if v != nil {
						c.returned = kind
						c.emit(&Stmt{Kind: StmtReturn, Line: s.Pos.Line, Col: col + 4, Value: v})
					}
					continue
				}
			}
			c.stmt(s, col+4, depth+1)
		}
	})
	if len(def.Body) == 0 {
		def.Body = []*Stmt{{Kind: StmtPass, Line: pos.Line, Col: col + 4}}
	}
	c.kinds[id+"()"] = c.returned
	c.returned = saved
	c.emit(def)
}

// block converts the statements of a { } block (or the one statement in its place).
func (c *rConv) block(e *rExpr, col int, depth int) {
	if e == nil {
		return
	}
	if len(e.Binary.restOrNil()) == 0 && e.Assign == "" && e.Binary != nil && e.Binary.X.P != nil &&
		e.Binary.X.P.Atom.Block != nil && len(e.Binary.X.P.Trailers) == 0 {
		for _, s := range e.Binary.X.P.Atom.Block.Stmts {
			c.stmt(s, col, depth+1)
		}
		return
	}
	c.stmt(e, col, depth+1)
}

func (b *rBinary) restOrNil() []*rBinOp {
	if b == nil {
		return nil
	}
	return b.Rest
}

// binaryName is the name an expression is, when it is a bare name.
func binaryName(b *rBinary) string {
	if b == nil || len(b.Rest) > 0 || b.X.P == nil || len(b.X.P.Trailers) > 0 || b.X.P.Atom.Name == nil {
		return ""
	}
	return *b.X.P.Atom.Name
}

// assign converts `target <- value`: the value's statements (a pipe adding layers to a model
// made on the spot names the model first), then the assignment.
func (c *rConv) assign(target *rBinary, value *rExpr, col int, depth int) {
	id := binaryName(target)
	pos := value.Pos
	if value.Binary == nil {
		return
	}
	v, kind := c.value(value.Binary, col, depth, id)
	if v == nil {
		return
	}
	if id != "" {
		c.kinds[id] = kind
	}
	tgt := c.expr(&rExpr{Pos: pos, Binary: target}, depth)
	if v.Kind == ExprName && v.Name == id {
		return // the pipe already assigned the model it built to the name
	}
	c.emit(&Stmt{Kind: StmtAssign, Line: pos.Line, Col: col, Targets: [][]*Expr{{tgt}}, Value: v})
}

// value converts an expression that may be a pipe, and says what it gives. A pipe whose object
// is a model adds each layer to it with statements of its own (into the name `into` when the
// model is made in the pipe) and gives the model.
func (c *rConv) value(b *rBinary, col int, depth int, into string) (*Expr, rKind) {
	// split the chain at the pipes: obj %>% f(...) %>% g(...)
	var pipes []int
	for k, r := range b.Rest {
		if r.Op == "%>%" || r.Op == "|>" || r.Op == "%<>%" {
			pipes = append(pipes, k)
		}
	}
	if len(pipes) == 0 {
		e := c.binary(b, depth)
		return e, c.kindOf(e)
	}
	// the object: everything before the first pipe
	head := &rBinary{X: b.X, Rest: b.Rest[:pipes[0]]}
	obj := c.binary(head, depth)
	kind := c.kindOf(obj)
	for k, p := range pipes {
		end := len(b.Rest)
		if k+1 < len(pipes) {
			end = pipes[k+1]
		}
		stage := &rBinary{X: b.Rest[p].Y, Rest: b.Rest[p+1 : end]}
		obj, kind = c.pipeStage(obj, kind, stage, col, depth, into)
		if obj == nil {
			return nil, rUnknown
		}
	}
	return obj, kind
}

// rCallee is the function a pipe stage calls, with its arguments: f(...), pkg::f(...) or a bare
// f; ok is false for any other expression.
func rCallee(b *rBinary) (string, *rPostfix, bool) {
	if b == nil || len(b.Rest) > 0 || b.X.P == nil || b.X.P.Atom.Name == nil {
		return "", nil, false
	}
	p := b.X.P
	fn := *p.Atom.Name
	tr := p.Trailers
	if len(tr) > 0 && tr[0].Dollar != "" && tr[0].Call == nil && len(tr) > 1 {
		fn, tr = tr[0].Dollar, tr[1:] // keras::layer_dense(...)
	}
	switch {
	case len(tr) == 0:
		return fn, &rPostfix{Pos: p.Pos, Atom: p.Atom}, true
	case len(tr) == 1 && tr[0].Call != nil:
		return fn, &rPostfix{Pos: p.Pos, Atom: p.Atom, Trailers: tr}, true
	}
	return "", nil, false
}

// pipeStage applies one stage of a pipe to its object.
func (c *rConv) pipeStage(obj *Expr, kind rKind, stage *rBinary, col int, depth int, into string) (*Expr, rKind) {
	fn, p, ok := rCallee(stage)
	var call *Expr
	if ok {
		pos := lexer.Position{Line: p.Pos.Line, Column: p.Pos.Column}
		call = &Expr{Kind: ExprCall, Line: pos.Line, Col: pos.Column, X: name(fn, pos)}
		if len(p.Trailers) == 1 {
			call = c.args(call, p.Trailers[0].Call, depth)
		}
	} else {
		call = c.binary(stage, depth)
	}
	if call == nil {
		return nil, rUnknown
	}
	if sub := c.kinds[fn]; ok && len(p.Trailers) == 0 && (sub == rModel || sub == rFunctional) {
		// model %>% conv_base: a model added as a layer; tensor %>% model: the model applied
		layer := name(fn, lexer.Position{Line: call.Line, Column: call.Col})
		if kind == rModel {
			model := c.named(obj, col, into)
			c.emit(&Stmt{Kind: StmtExpr, Line: call.Line, Col: col, Value: c.method(model, "add", []*Expr{layer})})
			return model, rModel
		}
		return &Expr{Kind: ExprCall, Line: call.Line, Col: call.Col, X: layer, Items: []*Expr{obj}}, rTensor
	}
	switch {
	case rLayerClass(fn) != "" || fn == "bidirectional" || fn == "time_distributed":
		layer := c.layerCall(fn, call, false)
		if kind == rModel {
			model := c.named(obj, col, into)
			c.emit(&Stmt{Kind: StmtExpr, Line: call.Line, Col: col, Value: c.method(model, "add", []*Expr{layer})})
			return model, rModel
		}
		if rMerge[rLayerClass(fn)] && obj.Kind != ExprList {
			obj = &Expr{Kind: ExprList, Line: obj.Line, Col: obj.Col, Items: []*Expr{obj}}
		}
		return &Expr{Kind: ExprCall, Line: call.Line, Col: call.Col, X: layer, Items: []*Expr{obj}}, rTensor
	case fn == "summary" || fn == "print":
		if kind == rModel || kind == rFunctional {
			model := c.named(obj, col, into)
			c.emit(&Stmt{Kind: StmtExpr, Line: call.Line, Col: col, Value: c.method(model, "summary", nil)})
			return model, rModel
		}
	case fn == "compile" || fn == "fit" || fn == "evaluate" || fn == "predict":
		if kind == rModel || kind == rFunctional {
			model := c.named(obj, col, into)
			c.emit(&Stmt{Kind: StmtExpr, Line: call.Line, Col: col, Value: c.method(model, fn, call.Items, call.Kwargs...)})
			return model, rModel
		}
	case fn == "freeze_weights" || fn == "unfreeze_weights":
		model := c.named(obj, col, into)
		c.emit(&Stmt{Kind: StmtAssign, Line: call.Line, Col: col, Value: &Expr{Kind: ExprName, Name: map[bool]string{true: "False", false: "True"}[fn == "freeze_weights"], Line: call.Line, Col: call.Col},
			Targets: [][]*Expr{{{Kind: ExprAttr, X: model, Name: "trainable", Line: call.Line, Col: call.Col}}}})
		return model, kind
	}
	// any other function: the object is its first argument
	call.Items = append([]*Expr{obj}, call.Items...)
	return call, c.kindOf(call)
}

// named makes sure a model built in a pipe has a name, so that layers can be added to it.
func (c *rConv) named(obj *Expr, col int, into string) *Expr {
	if obj.Kind == ExprName {
		return obj
	}
	n := into
	if n == "" {
		c.temp++
		n = "model_r" + strconv.Itoa(c.temp)
	}
	c.emit(&Stmt{Kind: StmtAssign, Line: obj.Line, Col: col, Targets: [][]*Expr{{name(n, lexer.Position{Line: obj.Line, Column: obj.Col})}}, Value: obj})
	c.kinds[n] = rModel
	return &Expr{Kind: ExprName, Name: n, Line: obj.Line, Col: obj.Col}
}

func (c *rConv) method(recv *Expr, m string, args []*Expr, kw ...Kwarg) *Expr {
	return &Expr{Kind: ExprCall, Line: recv.Line, Col: recv.Col, X: &Expr{Kind: ExprAttr, X: recv, Name: m, Line: recv.Line, Col: recv.Col},
		Items: args, Kwargs: kw}
}

// kindOf says what a converted expression gives.
func (c *rConv) kindOf(e *Expr) rKind {
	switch e.Kind {
	case ExprName:
		return c.kinds[e.Name]
	case ExprList:
		return rMulti
	case ExprCall:
		switch d := e.X.Dotted(); {
		case d == "keras.Sequential":
			return rModel
		case d == "keras.Model" || strings.HasPrefix(d, "keras.applications."):
			return rFunctional
		case d == "keras.Input":
			return rTensor
		case strings.HasPrefix(d, "keras.layers."):
			return rLayer
		case e.X.Kind == ExprCall:
			return rTensor // a layer applied
		case e.X.Kind == ExprName:
			return c.kinds[e.X.Name+"()"] // a function of the code's own
		}
	}
	return rUnknown
}

// layerCall converts a call of a layer function into a layer constructor; when direct is set the
// call's first positional argument is its object (no pipe), which the caller applies it to.
func (c *rConv) layerCall(fn string, call *Expr, direct bool) *Expr {
	cls := rLayerClass(fn)
	items := call.Items
	if direct && len(items) > 0 {
		items = items[1:]
	}
	ctor := &Expr{Kind: ExprCall, Line: call.Line, Col: call.Col,
		X: &Expr{Kind: ExprAttr, Name: cls, Line: call.Line, Col: call.Col, X: &Expr{Kind: ExprAttr, Name: "layers", Line: call.Line, Col: call.Col,
			X: name("keras", lexer.Position{Line: call.Line, Column: call.Col})}}}
	if cls == "Input" {
		ctor.X = &Expr{Kind: ExprAttr, Name: "Input", Line: call.Line, Col: call.Col, X: name("keras", lexer.Position{Line: call.Line, Column: call.Col})}
	}
	for _, x := range items {
		ctor.Items = append(ctor.Items, x)
	}
	if rMerge[cls] {
		// their tensors are arguments of the R function, the layer's own arguments are keywords
		ctor.Items = nil
	}
	for _, k := range call.Kwargs {
		if k.Name == "object" || k.Name == "inputs" && rMerge[cls] {
			continue
		}
		v := k.Value
		if rShapeArgs[k.Name] && (v.Kind == ExprInt || v.Kind == ExprFloat || v.Kind == ExprName) {
			v = &Expr{Kind: ExprTuple, Line: v.Line, Col: v.Col, Items: []*Expr{v}}
		}
		ctor.Kwargs = append(ctor.Kwargs, Kwarg{Name: k.Name, Value: v})
	}
	return ctor
}

// binary converts an expression without pipes (or a pipe inside brackets, which value handles).
func (c *rConv) binary(b *rBinary, depth int) *Expr {
	if b == nil || depth > 64 {
		return nil
	}
	for _, r := range b.Rest {
		if r.Op == "%>%" || r.Op == "|>" || r.Op == "%<>%" {
			e, _ := c.value(b, 1, depth+1, "")
			return e
		}
	}
	operands := []*Expr{c.unary(b.X, depth)}
	var ops []string
	for _, r := range b.Rest {
		operands = append(operands, c.unary(r.Y, depth))
		op := r.Op
		if op == "^" {
			op = "**"
		}
		ops = append(ops, op)
	}
	for _, o := range operands {
		if o == nil {
			return nil
		}
	}
	pos := 0
	var climb func(min int) *Expr
	climb = func(min int) *Expr {
		lhs := operands[pos]
		for pos < len(ops) && opPrec(ops[pos]) >= min {
			op := ops[pos]
			p := opPrec(op)
			pos++
			rhs := climb(p + 1)
			lhs = &Expr{Kind: ExprBinary, Line: lhs.Line, Col: lhs.Col, Name: op, X: lhs, Y: rhs}
		}
		return lhs
	}
	return climb(0)
}

func (c *rConv) unary(u *rUnary, depth int) *Expr {
	if u == nil {
		return nil
	}
	if u.P == nil {
		x := c.unary(u.X, depth+1)
		if x == nil {
			return nil
		}
		op := u.Op
		if op == "!" {
			op = "not"
		}
		return &Expr{Kind: ExprUnary, Line: u.Pos.Line, Col: u.Pos.Column, Name: op, X: x}
	}
	return c.postfix(u.P, depth)
}

func (c *rConv) postfix(p *rPostfix, depth int) *Expr {
	e := c.atom(p.Atom, depth)
	if e == nil {
		return nil
	}
	for _, t := range p.Trailers {
		switch {
		case t.Call != nil:
			e = c.call(e, t.Call, depth)
		case t.Index != nil || t.Index2 != nil:
			args := t.Index
			if args == nil {
				args = t.Index2
			}
			ix := &Expr{Kind: ExprIndex, Line: e.Line, Col: e.Col, X: e}
			for _, a := range args.Args {
				if a != nil && a.Value != nil {
					ix.Items = append(ix.Items, c.expr(a.Value, depth+1))
				}
			}
			e = ix
		case e.Kind == ExprName && t.Call == nil && isRPackage(e.Name):
			e = &Expr{Kind: ExprName, Line: e.Line, Col: e.Col, Name: strings.Trim(t.Dollar, "\"'")} // keras::layer_dense
		default:
			e = &Expr{Kind: ExprAttr, Line: e.Line, Col: e.Col, X: e, Name: strings.Trim(t.Dollar, "\"'")}
		}
		if e == nil {
			return nil
		}
	}
	return e
}

// call converts a call: c() is a tuple, list() a list (a dict with names), the keras functions
// their Python counterparts, a layer function called on an object that object's add or apply.
func (c *rConv) call(fn *Expr, args *rArgs, depth int) *Expr {
	call := c.args(&Expr{Kind: ExprCall, Line: fn.Line, Col: fn.Col, X: fn}, args, depth)
	if call == nil || fn.Kind != ExprName {
		return call
	}
	named := len(call.Kwargs) > 0
	switch n := fn.Name; {
	case n == "c":
		if named {
			return call
		}
		return &Expr{Kind: ExprTuple, Line: fn.Line, Col: fn.Col, Items: call.Items}
	case n == "list":
		if named {
			d := &Expr{Kind: ExprDict, Line: fn.Line, Col: fn.Col}
			for _, k := range call.Kwargs {
				d.Items = append(d.Items, &Expr{Kind: ExprString, Str: k.Name, Line: fn.Line, Col: fn.Col})
				d.addValue(k.Value)
			}
			return d
		}
		return &Expr{Kind: ExprList, Line: fn.Line, Col: fn.Col, Items: call.Items}
	case n == "keras_model_sequential":
		seq := &Expr{Kind: ExprCall, Line: fn.Line, Col: fn.Col,
			X: &Expr{Kind: ExprAttr, Name: "Sequential", Line: fn.Line, Col: fn.Col, X: name("keras", lexer.Position{Line: fn.Line, Column: fn.Col})}}
		var list *Expr
		for _, k := range call.Kwargs {
			switch k.Name {
			case "input_shape", "batch_input_shape":
				v := k.Value
				if v.Kind != ExprTuple && v.Kind != ExprList {
					v = &Expr{Kind: ExprTuple, Line: v.Line, Col: v.Col, Items: []*Expr{v}}
				}
				key := "shape"
				if k.Name == "batch_input_shape" {
					key = "batch_shape"
				}
				in := &Expr{Kind: ExprCall, Line: fn.Line, Col: fn.Col, Kwargs: []Kwarg{{Name: key, Value: v}},
					X: &Expr{Kind: ExprAttr, Name: "Input", Line: fn.Line, Col: fn.Col, X: name("keras", lexer.Position{Line: fn.Line, Column: fn.Col})}}
				if list == nil {
					list = &Expr{Kind: ExprList, Line: fn.Line, Col: fn.Col}
				}
				list.Items = append([]*Expr{in}, list.Items...)
			case "layers":
				if list == nil {
					list = &Expr{Kind: ExprList, Line: fn.Line, Col: fn.Col}
				}
				if k.Value.Kind == ExprList {
					list.Items = append(list.Items, k.Value.Items...)
				}
			case "name":
				seq.Kwargs = append(seq.Kwargs, k)
			}
		}
		if list != nil {
			seq.Items = []*Expr{list}
		}
		return seq
	case n == "keras_model":
		call.X = &Expr{Kind: ExprAttr, Name: "Model", Line: fn.Line, Col: fn.Col, X: name("keras", lexer.Position{Line: fn.Line, Column: fn.Col})}
		return call
	case n == "library" || n == "require":
		return call
	case rApplication(n) != "":
		call.X = &Expr{Kind: ExprAttr, Name: rApplication(n), Line: fn.Line, Col: fn.Col,
			X: &Expr{Kind: ExprAttr, Name: "applications", Line: fn.Line, Col: fn.Col, X: name("keras", lexer.Position{Line: fn.Line, Column: fn.Col})}}
		return call
	case rLayerClass(n) != "" || n == "bidirectional" || n == "time_distributed":
		cls := rLayerClass(n)
		// layer_dense(object, ...): the object, when it is given, is the first argument
		var obj *Expr
		if len(call.Items) > 0 && (cls != "Input" && !(call.Items[0].Kind == ExprInt || call.Items[0].Kind == ExprFloat)) {
			obj = call.Items[0]
		}
		for _, k := range call.Kwargs {
			if k.Name == "object" || k.Name == "inputs" && rMerge[cls] {
				obj = k.Value
			}
		}
		if rMerge[cls] && len(call.Items) > 0 && obj != nil && obj == call.Items[0] && !(len(call.Items) == 1 && obj.Kind == ExprList) {
			obj = &Expr{Kind: ExprList, Line: fn.Line, Col: fn.Col, Items: call.Items} // layer_concatenate(a, b)
		}
		layer := c.layerCall(n, call, obj != nil && len(call.Items) > 0 && obj == call.Items[0])
		if obj == nil {
			return layer
		}
		if c.kindOf(obj) == rModel {
			// adding to a model inside an expression: the add is a statement of its own
			c.emit(&Stmt{Kind: StmtExpr, Line: fn.Line, Col: 1, Value: c.method(obj, "add", []*Expr{layer})})
			return obj
		}
		if rMerge[cls] && obj.Kind != ExprList {
			obj = &Expr{Kind: ExprList, Line: obj.Line, Col: obj.Col, Items: []*Expr{obj}}
		}
		return &Expr{Kind: ExprCall, Line: fn.Line, Col: fn.Col, X: layer, Items: []*Expr{obj}}
	case (n == "freeze_weights" || n == "unfreeze_weights") && len(call.Items) == 1 && len(call.Kwargs) == 0:
		// freeze_weights(conv_base): the model's trainable set, as the pipe form does
		c.emit(&Stmt{Kind: StmtAssign, Line: fn.Line, Col: fn.Col, Value: &Expr{Kind: ExprName, Name: map[bool]string{true: "False", false: "True"}[n == "freeze_weights"], Line: fn.Line, Col: fn.Col},
			Targets: [][]*Expr{{{Kind: ExprAttr, X: call.Items[0], Name: "trainable", Line: fn.Line, Col: fn.Col}}}})
		return call.Items[0]
	case n == "summary" || n == "print":
		if len(call.Items) == 1 && (c.kindOf(call.Items[0]) == rModel || c.kindOf(call.Items[0]) == rFunctional) {
			return c.method(call.Items[0], "summary", nil)
		}
	}
	return call
}

// args converts the arguments of a call into it.
func (c *rConv) args(call *Expr, args *rArgs, depth int) *Expr {
	for _, a := range args.Args {
		if a == nil || a.Value == nil {
			continue
		}
		v := c.expr(a.Value, depth+1)
		if v == nil {
			return nil
		}
		if a.Key != "" {
			call.Kwargs = append(call.Kwargs, Kwarg{Name: strings.Trim(a.Key, "\"'`"), Value: v})
		} else {
			call.Items = append(call.Items, v)
		}
	}
	return call
}

// expr converts an expression (an assignment inside an argument keeps only its value).
func (c *rConv) expr(e *rExpr, depth int) *Expr {
	if e == nil || depth > 64 {
		return nil
	}
	if e.Func != nil || e.If != nil || e.Loop != nil {
		return &Expr{Kind: ExprName, Name: "None", Line: e.Pos.Line, Col: e.Pos.Column}
	}
	if e.Value != nil {
		return c.expr(e.Value, depth+1)
	}
	return c.binary(e.Binary, depth+1)
}

func (c *rConv) atom(a *rAtom, depth int) *Expr {
	e := &Expr{Line: a.Pos.Line, Col: a.Pos.Column}
	switch {
	case a.Num != nil:
		s := strings.TrimSuffix(strings.TrimSuffix(*a.Num, "L"), "i")
		if n, err := strconv.ParseInt(s, 0, 64); err == nil {
			e.Kind, e.Int = ExprInt, n
		} else if f, err := strconv.ParseFloat(s, 64); err == nil {
			if f == float64(int64(f)) && !strings.ContainsAny(s, ".eE") {
				e.Kind, e.Int = ExprInt, int64(f)
			} else {
				e.Kind = ExprFloat
				e.setFloat(f)
			}
		} else {
			e.Kind, e.Name = ExprName, "None"
		}
	case a.Str != nil:
		e.Kind, e.Str = ExprString, pyUnquote(*a.Str)
	case a.Name != nil:
		e.Kind = ExprName
		switch *a.Name {
		case "TRUE", "T":
			e.Name = "True"
		case "FALSE", "F":
			e.Name = "False"
		case "NULL", "NA":
			e.Name = "None"
		default:
			e.Name = *a.Name
		}
	case a.Paren != nil:
		return c.expr(a.Paren, depth+1)
	default:
		e.Kind, e.Name = ExprName, "None"
	}
	return e
}

// isRPackage reports the packages whose functions code calls as keras::layer_dense.
func isRPackage(n string) bool { return n == "keras" || n == "keras3" || n == "tensorflow" }

// rLibrary turns library(keras) into the import Python code of the same Keras would have: the R
// package keras wraps tf.keras, keras3 wraps Keras 3.
func rLibrary(s *Stmt) *Stmt {
	if s.Kind != StmtExpr || s.Value == nil || s.Value.Kind != ExprCall || s.Value.X.Kind != ExprName ||
		s.Value.X.Name != "library" && s.Value.X.Name != "require" || len(s.Value.Items) != 1 {
		return s
	}
	arg := s.Value.Items[0]
	pkg := arg.Name
	if arg.Kind == ExprString {
		pkg = arg.Str
	}
	switch pkg {
	case "keras":
		return &Stmt{Kind: StmtImport, Line: s.Line, Col: s.Col, rare: &stmtRare{from: "tensorflow", imports: []Import{{Name: "keras"}}}}
	case "keras3":
		return &Stmt{Kind: StmtImport, Line: s.Line, Col: s.Col, rare: &stmtRare{imports: []Import{{Name: "keras"}}}}
	}
	return s
}
