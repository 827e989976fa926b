package grammar

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// memoSources are texts with code: the project's corpus, and the shared corpus when present.
func memoSources(tb testing.TB) []string {
	var out []string
	for _, root := range []string{filepath.Join("..", "corpus"), filepath.Join("..", "..", "shared", "corpus")} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(path) {
			case ".txt", ".py", ".js", ".md":
				b, err := os.ReadFile(path)
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, string(b))
			}
			return nil
		})
	}
	return out
}

// withMemo runs f with the memo off, or as usual (every line read from a template).
func withMemo(mode string, f func()) {
	pyMemoOff = mode == "off"
	defer func() { pyMemoOff = false }()
	f()
}

// sameWithMemo fails unless the code of src reads the same without the memo of shapes and with
// it (every line read from a template).
func sameWithMemo(t *testing.T, src string) {
	t.Helper()
	var want *Document
	var wantProg *Program
	withMemo("off", func() { want, wantProg = Parse(src), ParsePython(src) })
	for _, mode := range []string{"on"} {
		var got *Document
		var gotProg *Program
		withMemo(mode, func() { got, gotProg = Parse(src), ParsePython(src) })
		if len(got.Code) != len(want.Code) {
			t.Fatalf("memo %s: %d snippets, %d without the memo", mode, len(got.Code), len(want.Code))
		}
		for i := range got.Code {
			if !reflect.DeepEqual(got.Code[i], want.Code[i]) {
				t.Fatalf("memo %s: snippet %d (lines %d-%d) differs", mode, i, got.Code[i].StartLine, got.Code[i].EndLine)
			}
		}
		if !reflect.DeepEqual(gotProg, wantProg) {
			t.Fatalf("memo %s: ParsePython differs", mode)
		}
	}
}

// TestPythonMemoSame: every corpus text's code reads the same with the memo and without, and
// the memo is used (lines of the same shape with other names, numbers and strings).
func TestPythonMemoSame(t *testing.T) {
	srcs := append(memoSources(t), memoSeeds...)
	if len(srcs) < len(memoSeeds)+100 {
		t.Fatalf("only %d corpus texts", len(srcs))
	}
	for _, src := range srcs {
		sameWithMemo(t, src)
	}
	p := ParsePython("x = f(1, 'a', b=2.5)\ny = g(22, \"bb\", c=3e1)\n")
	if len(p.Stmts) != 2 || p.Stmts[1].Value.Items[1].Str != "bb" || p.Stmts[1].Value.Col != 5 ||
		p.Stmts[1].Value.Kwarg("c").Float() != 30 {
		t.Fatalf("the second line is not its own: %+v", p.Stmts[1].Value)
	}
	// a refusal on a line read from a template is placed on that line
	p = ParsePython("for -x in y:\n    pass\nfor  -z in w:\n    pass\n")
	if len(p.Stmts) != 4 || p.Stmts[2].Kind != StmtOther || p.Stmts[2].Err == nil ||
		p.Stmts[2].Err.Line != 3 || p.Stmts[2].Err.Col != 6 {
		t.Fatalf("the second loop's error is not at 3:6: %+v", p.Stmts)
	}
}

// memoSeeds are lines whose shape is shared with a line that reads otherwise or fails.
var memoSeeds = []string{
	"print 'a'\nprint 'b'\nprint x, y\nprint(x)\n",
	"x = (1,\n  2)\ny = (3,\n\n 4)\n",
	"def f(a, b=1): return a\ndef g(c, d=2): return c\n",
	"x = lambda a: a\ny = lambda b: b + 1\nz = lambda c: c\n",
	"a = 'x' 'y'\nb = \"z\" \"w\"\nc = f'{a}' 'b'\n",
	"x = $\ny = $\nz = ?\n",
	"if a: b = 1\nif c: d = 2\nelif e: f = 3\n",
	"x = [i for i in y if i]\nz = [j for j in w if j]\n",
	"\tx = 1\n        y = 2\nz = 3\n",
	// lines the tree reads but the conversion refuses, with the position of the refusal
	"for -x in y:\n    pass\nfor -z in w:\n    pass\n",
	"a = [i for i in b if c else d]\ne = [j for j in f if g else h]\n",
	"f(*a, k=1)\ng(**b=2)\nh(**c=3)\n",
	"x += 1 = 2\ny += 3 = 4\n",
	"a: int, b = 1\nc: str, d = 2\n",
	"x = 0777\ny = 0999\n",
	"a = f\"{x + 1:>4} {y!r}\"\nb = f\"{z + 2:>5} {w!r}\"\nc = f'{-q}' f\"{r}\"\n",
	"@dec\ndef f(a, *, b=1, **kw): pass\n@dec2\ndef g(c, *, d=2, **kx): pass\n",
	"from .. import (a as b, c)\nfrom ... import (d as e, f)\nglobal g, h\nglobal i, j\n",
}

// FuzzPythonMemo: whatever the code, it reads the same with the memo and without.
func FuzzPythonMemo(f *testing.F) {
	for _, s := range memoSeeds {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("..", "corpus", "code-forum", "*.txt"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 20000 {
			return
		}
		sameWithMemo(t, src)
	})
}

// TestPythonMemoLiterals: no literal of the grammar lexes as a name, a number or a string, so
// the grammar never tells two such tokens apart by their text and the memo may leave it out.
func TestPythonMemoLiterals(t *testing.T) {
	ebnf := PythonEBNF()
	found := 0
	for i := 0; i+1 < len(ebnf); i++ {
		if ebnf[i] != '"' {
			continue
		}
		j := strings.IndexByte(ebnf[i+1:], '"')
		if j < 0 {
			t.Fatalf("unbalanced quote in the EBNF at %d", i)
		}
		lit := ebnf[i+1 : i+1+j]
		i += j + 1
		found++
		toks, _, _, _ := lexPython([]pyLine{{no: 1, text: "x " + lit}})
		if len(toks) < 2 || pyAbstract(toks[1].Type) {
			t.Errorf("the literal %q lexes as a name, a number or a string", lit)
		}
	}
	if found < 30 {
		t.Fatalf("only %d literals found in the grammar", found)
	}
}
