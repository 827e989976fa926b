package grammar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pyGood are snippets that must parse into the statements listed (kinds in order), with no error.
var pyGood = []struct {
	name, src string
	kinds     []StmtKind
}{
	{"imports", "from tensorflow.keras.layers import Dense, Conv2D\nimport keras\nfrom keras import layers as L\n",
		[]StmtKind{StmtImport, StmtImport, StmtImport}},
	{"parenthesised import", "from keras.layers import (\n    Dense,\n    Conv2D,\n)\n", []StmtKind{StmtImport}},
	{"call on call", "x = Dense(4, activation=\"relu\")(x)\n", []StmtKind{StmtAssign}},
	{"multi-line add", "model.add(Conv1D(64, 3,\n    padding='same', # c\n    input_shape=(41, 1)))\n", []StmtKind{StmtExpr}},
	{"sequential list", "model = keras.Sequential([\n    layers.Dense(10),\n    layers.Dropout(0.2),\n], name=\"m\")\n", []StmtKind{StmtAssign}},
	{"catch-all lines", "@tf.function\ndef f(x):\n    return x ** 2\nprint(f'{x!r}')\nif a: pass\n", []StmtKind{StmtOther, StmtOther, StmtOther, StmtExpr, StmtOther}},
	{"for loop", "for layer in model.layers[:3]:\n    layer.trainable = False\n", []StmtKind{StmtFor, StmtAssign}},
	{"tuple unpacking", "out, h, c = LSTM(8, return_state=True)(x)\n", []StmtKind{StmtAssign}},
	{"strings", "a = r'^\\d+$'\nb = \"\"\"doc\nstring\"\"\"\nc = 'it\\'s'\n", []StmtKind{StmtAssign, StmtAssign, StmtAssign}},
	{"backslash", "x = Dense(4) \\\n    (x)\n", []StmtKind{StmtAssign}},
	{"semicolons", "a = 1; b = 2\n", []StmtKind{StmtAssign, StmtAssign}},
	{"lambda", "y = layers.Lambda(lambda t: keras.ops.expand_dims(t, -1))(x)\n", []StmtKind{StmtAssign}},
	{"comprehension is skipped", "xs = [Dense(4) for _ in range(3)]\n", []StmtKind{StmtOther}},
}

func TestPythonGood(t *testing.T) {
	for _, c := range pyGood {
		t.Run(c.name, func(t *testing.T) {
			p := ParsePython(c.src)
			if len(p.Errors) > 0 {
				t.Fatalf("errors: %v", p.Errors)
			}
			var got []StmtKind
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
