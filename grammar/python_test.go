package grammar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// pyGood are snippets that must parse into the top-level statements listed (kinds in order), with
// no error and no line left unread.
var pyGood = []struct {
	name, src string
	kinds     []StmtKind
}{
	{"imports", "from tensorflow.keras.layers import Dense, Conv2D\nimport keras\nfrom keras import layers as L\nfrom . import x\n",
		[]StmtKind{StmtImport, StmtImport, StmtImport, StmtImport}},
	{"parenthesised import", "from keras.layers import (\n    Dense,\n    Conv2D,\n)\n", []StmtKind{StmtImport}},
	{"call on call", "x = Dense(4, activation=\"relu\")(x)\n", []StmtKind{StmtAssign}},
	{"multi-line add", "model.add(Conv1D(64, 3,\n    padding='same', # c\n    input_shape=(41, 1)))\n", []StmtKind{StmtExpr}},
	{"sequential list", "model = keras.Sequential([\n    layers.Dense(10),\n    layers.Dropout(0.2),\n], name=\"m\")\n", []StmtKind{StmtAssign}},
	{"def and decorators", "@tf.function\ndef f(x, *a, k=2, **kw) -> int:\n    return x ** 2\nprint(f'{x!r}')\nif a: pass\n",
		[]StmtKind{StmtDef, StmtExpr, StmtIf}},
	{"for loop", "for layer in model.layers[:3]:\n    layer.trainable = False\n", []StmtKind{StmtFor}},
	{"tuple unpacking", "out, h, c = LSTM(8, return_state=True)(x)\n", []StmtKind{StmtAssign}},
	{"strings", "a = r'^\\d+$'\nb = \"\"\"doc\nstring\"\"\"\nc = 'it\\'s'\n", []StmtKind{StmtAssign, StmtAssign, StmtAssign}},
	{"backslash", "x = Dense(4) \\\n    (x)\n", []StmtKind{StmtAssign}},
	{"semicolons", "a = 1; b = 2\n", []StmtKind{StmtAssign, StmtAssign}},
	{"lambda", "y = layers.Lambda(lambda t: keras.ops.expand_dims(t, -1))(x)\n", []StmtKind{StmtAssign}},
	{"comprehension", "xs = [Dense(4) for _ in range(3) if _ != 1]\nd = {k: v for k, v in cfg.items()}\n", []StmtKind{StmtAssign, StmtAssign}},
	{"augmented and annotated", "x += [Dense(2)]\nn: int = 3\nm: int\n", []StmtKind{StmtAugAssign, StmtAnnAssign, StmtAnnAssign}},
	{"if elif else", "if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\ny = x\n", []StmtKind{StmtIf, StmtAssign}},
	{"while", "while n > 1:\n    n //= 2\nelse:\n    pass\n", []StmtKind{StmtWhile}},
	{"class", "class M(keras.Model):\n    def __init__(self, **kw):\n        super().__init__(**kw)\n        self.d = Dense(4)\n    def call(self, x):\n        return self.d(x)\n",
		[]StmtKind{StmtClass}},
	{"try with", "try:\n    import keras\nexcept ImportError as e:\n    raise\nfinally:\n    pass\nwith strategy.scope():\n    m = build()\n",
		[]StmtKind{StmtTry, StmtWith}},
	{"slices", "y = x[:, 0:3, ::2, ..., None]\n", []StmtKind{StmtAssign}},
	{"dict and set", "d = {'a': 1, **base}\ns = {1, 2}\n", []StmtKind{StmtAssign, StmtAssign}},
	{"keywords in simple statements", "global g\ndel x[0]\nassert n > 0, 'n'\nreturn\nbreak\ncontinue\n",
		[]StmtKind{StmtGlobal, StmtDel, StmtAssert, StmtReturn, StmtBreak, StmtContinue}},
}

func TestPythonGood(t *testing.T) {
	for _, c := range pyGood {
		t.Run(c.name, func(t *testing.T) {
			p := ParsePython(c.src)
			if len(p.Errors) > 0 {
				t.Fatalf("errors: %v", p.Errors)
			}
			var got []StmtKind
			var walk func(ss []*Stmt)
			walk = func(ss []*Stmt) {
				for _, s := range ss {
					if s.Kind == StmtOther {
						t.Errorf("line %d not read: %s (%v)", s.Line, s.Text, s.Err)
					}
					walk(s.Body)
					walk(s.Else)
					walk(s.Final)
					walk(s.Handlers)
				}
			}
			walk(p.Stmts)
			for _, s := range p.Stmts {
				got = append(got, s.Kind)
			}
			if len(got) != len(c.kinds) {
				t.Fatalf("got %d statements %v, want %v", len(got), got, c.kinds)
			}
			for i := range got {
				if got[i] != c.kinds[i] {
					t.Errorf("statement %d is %v, want %v", i+1, got[i], c.kinds[i])
				}
			}
		})
	}
}

// TestPythonBlocks checks the nesting made from indentation.
func TestPythonBlocks(t *testing.T) {
	p := ParsePython("def f(n=2):\n    for i in range(n):\n        if i:\n            x = 1\n        elif i > 3: x = 2\n        else:\n            x = 3\n    return x\ny = f()\n")
	if len(p.Stmts) != 2 {
		t.Fatalf("%d top-level statements, want 2", len(p.Stmts))
	}
	def := p.Stmts[0]
	if def.Kind != StmtDef || def.Name != "f" || len(def.Params()) != 1 || def.Params()[0].Default == nil || def.Params()[0].Default.Int != 2 {
		t.Fatalf("def: %+v", def)
	}
	if len(def.Body) != 2 || def.Body[0].Kind != StmtFor || def.Body[1].Kind != StmtReturn {
		t.Fatalf("def body: %d statements", len(def.Body))
	}
	ifs := def.Body[0].Body
	if len(ifs) != 1 || ifs[0].Kind != StmtIf || len(ifs[0].Body) != 1 {
		t.Fatalf("for body: %+v", ifs)
	}
	elif := ifs[0].Else
	if len(elif) != 1 || elif[0].Kind != StmtIf || len(elif[0].Body) != 1 || len(elif[0].Else) != 1 {
		t.Fatalf("elif chain wrong: %+v", elif)
	}
}

// TestPythonPrecedence checks operator precedence over the flat chains.
func TestPythonPrecedence(t *testing.T) {
	for src, want := range map[string]string{
		"-2 ** 2":                          "-2 ** 2",
		"not a == b":                       "not a == b",
		"a + b * c - d":                    "a + b * c - d",
		"a if b else c if d else e":        "a if b else c if d else e",
		"1 < x < 3":                        "1 < x and x < 3",
		"lambda q, r=1: q if r else not q": "lambda q, r: q if r else not q",
		"2 ** 3 ** 2":                      "2 ** 3 ** 2",
		"x not in y and z is not None":     "x not in y and z is not None",
	} {
		p := ParsePython("v = " + src + "\n")
		if len(p.Stmts) != 1 || p.Stmts[0].Kind != StmtAssign {
			t.Fatalf("%s: not an assignment", src)
		}
		if got := p.Stmts[0].Value.String(); got != want {
			t.Errorf("%s: got %s, want %s", src, got, want)
		}
	}
	v := ParsePython("v = -2 ** 2\n").Stmts[0].Value
	if v.Kind != ExprUnary || v.X.Kind != ExprBinary || v.X.Name != "**" {
		t.Errorf("-2 ** 2 should be -(2 ** 2): %+v", v)
	}
	v = ParsePython("v = not a == b\n").Stmts[0].Value
	if v.Kind != ExprUnary || v.Name != "not" || v.X.Name != "==" {
		t.Errorf("not a == b should be not (a == b)")
	}
	v = ParsePython("v = 2 ** 3 ** 2\n").Stmts[0].Value
	if v.Y.Kind != ExprBinary {
		t.Errorf("** should group to the right")
	}
}

// TestPythonFString checks that f-string fields become expressions.
func TestPythonFString(t *testing.T) {
	v := ParsePython("n = f\"block{i + 1}_conv{j:02d} {{x}}\"\n").Stmts[0].Value
	if v.Kind != ExprFString || len(v.Items) != 5 {
		t.Fatalf("parts: %+v", v.Items)
	}
	if v.Items[1].Kind != ExprBinary || v.Items[3].Kind != ExprFString || v.Items[3].Str != "02d" || v.Items[4].Str != " {x}" {
		t.Errorf("parts wrong: %s", v)
	}
}

// TestPythonDepthCaps feeds chains that would recurse without bound: each becomes one line that
// is not read, with the reason, and the lines around it are read.
func TestPythonDepthCaps(t *testing.T) {
	for name, chain := range map[string]string{
		// deeper than maxExprDepth
		"unary minus": strings.Repeat("-", 3000) + "1",
		"not":         strings.Repeat("not ", 3000) + "x",
		"lambda":      strings.Repeat("lambda: ", 3000) + "x",
		"conditional": strings.Repeat("a if b else ", 3000) + "c",
		"attributes":  "Dense(4)" + strings.Repeat(".a", 3000),
		"binary":      strings.Repeat("1 + ", 3000) + "1",
		"power":       strings.Repeat("2 ** ", 3000) + "1",
		// longer than maxLineTokens
		"500,000 unary minus": strings.Repeat("-", 500000) + "1",
		"long attributes":     "Dense(4)" + strings.Repeat(".a", 100000),
	} {
		t.Run(name, func(t *testing.T) {
			p := ParsePython("a = 1\nx = " + chain + "\nb = 2\n")
			if len(p.Stmts) != 3 {
				t.Fatalf("%d statements, want 3", len(p.Stmts))
			}
			s := p.Stmts[1]
			if s.Kind != StmtOther || s.Err == nil || s.Err.Line != 2 || s.Err.Col > 5 && !strings.Contains(s.Err.Msg, "deep") ||
				!strings.Contains(s.Err.Msg, "deep") && !strings.Contains(s.Err.Msg, "chain") && !strings.Contains(s.Err.Msg, "tokens") {
				t.Fatalf("line 2: kind %v, err %v", s.Kind, s.Err)
			}
			if p.Stmts[0].Kind != StmtAssign || p.Stmts[2].Kind != StmtAssign {
				t.Errorf("the lines around it are not read")
			}
		})
	}
}

// TestPython2Print reads Python 2's print statement as the print() call it means, so that the
// expression in it (model.summary()) is evaluated.
func TestPython2Print(t *testing.T) {
	p := ParsePython("print model.summary()\nprint \"a\", 1,\nprint\nprint >>f, x\nprint = 3\n")
	var kinds []StmtKind
	for _, s := range p.Stmts {
		kinds = append(kinds, s.Kind)
	}
	want := []StmtKind{StmtExpr, StmtExpr, StmtExpr, StmtExpr, StmtAssign} // print >>f, x is a valid Python 3 expression
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	if c := p.Stmts[0].Value; c.Kind != ExprCall || c.X.Name != "print" || len(c.Items) != 1 || c.Items[0].String() != "model.summary()" {
		t.Errorf("print model.summary() read as %s", c)
	}
}

// TestPythonOtherLine checks that one line the grammar cannot read leaves the others alone.
func TestPythonOtherLine(t *testing.T) {
	p := ParsePython("x = 1\nmodel.summary() model\n%matplotlib inline\ny = 2\n")
	var kinds []StmtKind
	for _, s := range p.Stmts {
		kinds = append(kinds, s.Kind)
	}
	if len(kinds) != 4 || kinds[0] != StmtAssign || kinds[1] != StmtOther || kinds[2] != StmtOther || kinds[3] != StmtAssign {
		t.Fatalf("kinds %v", kinds)
	}
	if e := p.Stmts[1].Err; e == nil || e.Line != 2 {
		t.Errorf("line 2's reason: %v", e)
	}
}

func TestPythonValues(t *testing.T) {
	p := ParsePython("x = layers.Conv2D(32, (3, 3), strides=-2, padding='same', rate=0.5, n=2*3+1, use_bias=False)(inp)\n")
	if len(p.Stmts) != 1 {
		t.Fatalf("%d statements", len(p.Stmts))
	}
	call := p.Stmts[0].Value
	if call.Kind != ExprCall || call.X.Kind != ExprCall {
		t.Fatalf("want a call on a call, got %v", call.Kind)
	}
	ctor := call.X
	if got := ctor.X.Dotted(); got != "layers.Conv2D" {
		t.Errorf("callee %q", got)
	}
	if len(ctor.Items) != 2 || ctor.Items[0].Int != 32 || ctor.Items[1].Kind != ExprTuple || len(ctor.Items[1].Items) != 2 {
		t.Errorf("positional args wrong: %+v", ctor.Items)
	}
	if s := ctor.Kwarg("strides"); s == nil || s.Kind != ExprUnary || s.X.Int != 2 {
		t.Errorf("strides=-2 wrong: %+v", s)
	}
	if s := ctor.Kwarg("padding"); s == nil || s.Str != "same" {
		t.Errorf("padding wrong: %+v", s)
	}
	if s := ctor.Kwarg("n"); s == nil || s.Kind != ExprBinary || s.Name != "+" || s.X.Name != "*" {
		t.Errorf("2*3+1 should group as (2*3)+1: %+v", s)
	}
	if c := ctor.Col; c != 5 {
		t.Errorf("call column %d, want 5", c)
	}
}

// pyBad pairs bad code with the exact first error "line:col: message".
var pyBad = []struct{ name, src, want string }{
	{"unclosed call", "model = Sequential()\nmodel.add(Dense(64, input_shape=(10,))\n", "2:10: this ( is never closed in the Keras code"},
	{"unclosed call cut", "model = Sequential()\nmodel.add(Dense(64,\n", "2:16: this ( is never closed in the Keras code"},
	{"stray bracket", "x = Dense(4))(x)\n", "1:13: unmatched ) in the Keras code"},
	{"wrong closer", "x = [1, 2)\n", "1:10: unmatched ) in the Keras code"},
	{"unterminated string", "x = Dense(4, name='abc)\n", "1:19: this string is never closed in the Keras code"},
	{"unterminated triple", "s = \"\"\"abc\nx = 1\n", "1:5: this string is never closed in the Keras code"},
	{"too deep", "x = " + strings.Repeat("(", 300) + strings.Repeat(")", 300) + "\n", "1:261: brackets nested more than 256 deep"},
}

func TestPythonBad(t *testing.T) {
	for _, c := range pyBad {
		t.Run(c.name, func(t *testing.T) {
			p := ParsePython(c.src)
			if len(p.Errors) == 0 {
				t.Fatalf("no error, want %q", c.want)
			}
			if got := p.Errors[0].Error(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestSnippetPrefix checks that quote markers are stripped and positions stay those of the input.
func TestSnippetPrefix(t *testing.T) {
	src := "Here is my code:\n\n> from keras.layers import Dense\n> model = Sequential()\n> model.add(Dense(64, input_shape=(10,))\n"
	doc := Parse(src)
	if len(doc.Code) != 1 {
		t.Fatalf("%d snippets", len(doc.Code))
	}
	if got := doc.Code[0].Lines[0]; got != "from keras.layers import Dense" {
		t.Errorf("first line %q", got)
	}
	var msgs []string
	for _, e := range doc.Errors {
		msgs = append(msgs, e.Error())
	}
	if len(msgs) == 0 || msgs[0] != "5:12: this ( is never closed in the Keras code" {
		t.Errorf("errors %v, want 5:12", msgs)
	}
}

var pySeeds = []string{
	"import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4)])\nmodel.summary()\n",
	"inputs = Input(shape=(64,), name=\"in1\")\nx = Dense(4)(inputs)\nmodel = Model(inputs=[inputs], outputs=x)\n",
	"x = layers.Add()([x, y])\nz = Concatenate(axis=-1)([a, b])\n",
	"model.add(Conv2D(32, (3, 3), input_shape=(28, 28, 1)))\nfor l in model.layers[:-2]:\n    l.trainable = False\n",
	"s = '''a\nb'''; t = r\"\\d\" f'{x}'\n",
	"x = ((((1,),),),)\ny = {'a': [1, 2.5e-3, -3], **k}\n",
	"def f(\n", ")]}", "'", "\\", "x = 1 if a else lambda q: q[::2]\n",
}

func FuzzPython(f *testing.F) {
	for _, s := range pySeeds {
		f.Add(s)
	}
	for _, c := range pyBad {
		f.Add(c.src)
	}
	if files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "keras3-dev", "00[0-2]*.code.py")); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		p := ParsePython(src)
		lines := strings.Count(src, "\n") + 1
		for _, e := range p.Errors {
			if strings.Contains(e.Msg, "internal error") {
				t.Fatalf("parser panicked: %v", e)
			}
			if e.Line < 1 || e.Line > lines || e.Col < 1 {
				t.Fatalf("error outside the input: %v", e)
			}
		}
		for _, s := range p.Stmts {
			if s.Line < 1 || s.Line > lines {
				t.Fatalf("statement outside the input at line %d", s.Line)
			}
		}
	})
}

// TestSharedCode parses the oracle's code files (when ../shared is present): none may fall to
// the catch-all or report an error.
func TestSharedCode(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "*", "*.code.py"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := ParsePython(string(b))
		if len(p.Errors) > 0 {
			t.Errorf("%s: %v", f, p.Errors[0])
		}
		for _, s := range p.Stmts {
			if s.Kind == StmtOther {
				t.Errorf("%s:%d: not understood: %s", f, s.Line, s.Text)
			}
		}
	}
}

// TestPythonLookahead: the grammar reads Python with one token of lookahead (pyLookahead), and
// needs it: with none, a keyword argument, whose name is read before its "=" tells it apart from
// a positional one, is not read.
func TestPythonLookahead(t *testing.T) {
	if pyLookahead != 1 {
		t.Fatalf("pyLookahead is %d; the grammar is meant to need one token", pyLookahead)
	}
	src := "x = layers.Dense(4, activation=\"relu\")(inp)\n"
	if p := ParsePython(src); len(p.Stmts) != 1 || p.Stmts[0].Kind != StmtAssign {
		t.Fatalf("not read with lookahead 1")
	}
	none := participle.MustBuild[pyLineAST](participle.Lexer(pyDefinition{}), participle.UseLookahead(0))
	toks, _, _, _ := lexPython(plainLines(src))
	pl, err := lexer.Upgrade(&pyTokens{toks: toks})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := none.ParseFromLexer(pl, participle.AllowTrailing(true)); err == nil {
		t.Errorf("read with no lookahead: then pyLookahead could be 0")
	}
}

// TestPythonUnclosedRecovery checks that a forgotten ")" ends its statement before a line that
// starts a statement of its own, and that genuine multi-line statements still join.
func TestPythonUnclosedRecovery(t *testing.T) {
	cases := []struct {
		name, src string
		stmts     int  // top-level statements read (none StmtOther)
		err       bool // an unclosed-bracket error
	}{
		{"forgotten paren", "model.add(Dense(64, activation='relu')\nmodel.add(Dense(10))\nmodel.summary()\n", 3, true},
		{"forgotten before assignment", "x = Dense(64)(inp\ny = Dense(3)(x)\n", 2, true},
		{"forgotten before def", "m = f(a, b\ndef g():\n    return 1\n", 2, true},
		{"forgotten before for", "m = f(a, b\nfor i in range(3):\n    m.add(i)\n", 2, true},
		{"forgotten before augmented", "n = f(3\nn += 1\n", 2, true},
		{"cut after complete call", "model = Sequential()\nmodel.add(Dense(10)\n", 2, true},
		{"list unindented", "model = Sequential([\nDense(64),\nDense(10)\n])\n", 1, false},
		{"kwargs unindented", "model = Model(inputs=inp,\noutputs=out)\n", 1, false},
		{"kwargs after complete", "model = Model(inputs=inp\n, outputs=out)\n", 1, false},
		{"closing line", "model.compile(loss='mse'\n)\n", 1, false},
		{"comprehension", "ls = [Dense(n)\nfor n in sizes]\n", 1, false},
		{"conditional", "a = ('relu' if deep\nelse 'tanh')\n", 1, false},
		{"indented continuation", "model.add(Dense(64)\n          )\nx = 1\n", 2, false},
		{"deeper missing comma", "model.add(Dense(64, activation='relu')\n    kernel_initializer='he'))\nx = 1\n", 2, false},
		{"backslash", "model = f(a, \\\nb)\n", 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ParsePython(c.src)
			n := 0
			for _, s := range p.Stmts {
				if s.Kind != StmtOther {
					n++
				}
			}
			hasErr := false
			for _, e := range p.Errors {
				if strings.Contains(e.Msg, "never closed") {
					hasErr = true
				}
			}
			if n != c.stmts || hasErr != c.err {
				t.Errorf("%d statements read (want %d), unclosed error %v (want %v): %v", n, c.stmts, hasErr, c.err, p.Errors)
			}
		})
	}
}

// TestPythonForgottenComma checks that two items on lines of their own with no comma between
// them are read as two items, with a note at the end of the first; what Python joins (strings,
// a call or a subscript on the next line, a comprehension) gets no comma.
func TestPythonForgottenComma(t *testing.T) {
	cases := []struct {
		name, src string
		items     int // items of the list or call on the first line's value
		errs      int
	}{
		{"list", "m = Sequential([\n  Dense(3)\n  Dense(4),\n  Dense(5)\n])\n", 3, 1},
		{"kwargs", "m = Model(inputs=a,\n  outputs=b\n  name='m')\n", 3, 1},
		{"strings joined", "m = f('a'\n  'b')\n", 1, 0},
		{"call on next line", "m = f(g\n  (x))\n", 1, 0},
		{"subscript on next line", "m = f(g\n  [0])\n", 1, 0},
		{"comprehension", "m = f([d(n)\n  for n in s])\n", 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ParsePython(c.src)
			if len(p.Stmts) != 1 || p.Stmts[0].Kind != StmtAssign {
				t.Fatalf("not one assignment: %+v %v", p.Stmts, p.Errors)
			}
			v := p.Stmts[0].Value
			n := len(v.Items) + len(v.Kwargs)
			if v.Kind == ExprCall && len(v.Items) == 1 && v.Items[0].Kind == ExprList {
				n = len(v.Items[0].Items)
			}
			if n != c.items || len(p.Errors) != c.errs {
				t.Errorf("%d items (want %d), errors %v (want %d)", n, c.items, p.Errors, c.errs)
			}
		})
	}
}

// TestPythonWrongCloser checks that a ")" closing a "(" opened before a "[" still open reads the
// "[" as closed there, with a note at the "[".
func TestPythonWrongCloser(t *testing.T) {
	p := ParsePython("m = Sequential([\n    Dense(8),\n    Dense(1)\n)\nm.summary()\n")
	if len(p.Stmts) != 2 || p.Stmts[0].Kind != StmtAssign || p.Stmts[0].Value.Kind != ExprCall {
		t.Fatalf("statements %+v", p.Stmts)
	}
	if l := p.Stmts[0].Value.Items; len(l) != 1 || l[0].Kind != ExprList || len(l[0].Items) != 2 {
		t.Errorf("Sequential's argument is not a list of two")
	}
	if len(p.Errors) != 1 || p.Errors[0].Error() != "1:16: this [ is never closed in the Keras code (read as closed at 4:1)" {
		t.Errorf("errors %v", p.Errors)
	}
}
