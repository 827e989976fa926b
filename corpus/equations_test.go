package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/render"
)

// Every equation kexplain prints must be true as written. The derivations are structure (layers.Deriv:
// words, numbers and equations over labelled numbers), so the test evaluates the structure, never the
// printed string: each side of each equation of every row, shape line, formula note and totals note
// of every corpus output. It then checks that the text, Markdown and JSON outputs print exactly those
// derivations, and evaluates the JSON's own structured equations with an evaluator of its own.

// derivs lists every derivation of a result with where it comes from.
func derivs(res *explain.Result) map[string]layers.Deriv {
	out := map[string]layers.Deriv{}
	row := func(where string, rr *explain.RowResult) {
		out[where+" derivation"] = rr.Derivation
		out[where+" shape"] = rr.ShapeNote
		if rr.Lesson != nil {
			for i, w := range rr.Lesson.Why {
				out[fmt.Sprintf("%s why %d", where, i)] = w
			}
		}
	}
	for k, s := range res.Summaries {
		for _, rr := range s.Rows {
			row(fmt.Sprintf("table %d row %q", k, rr.Row.Name), rr)
		}
		for i, n := range s.Notes {
			out[fmt.Sprintf("table %d note %d (%s)", k, i, n.Line)] = n.Text
		}
	}
	for k, c := range res.Code {
		for _, rr := range c.Rows {
			row(fmt.Sprintf("code %d row %q", k, rr.Row.Name), rr)
		}
	}
	return out
}

// squash joins wrapped lines and runs of spaces, so that a derivation wrapped by the text
// output can be found in it.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkEquations(t *testing.T, name, src string) int {
	t.Helper()
	doc := grammar.Parse(src)
	res := explain.Explain(doc)
	n := 0
	for where, d := range derivs(res) {
		n += len(d.Equations())
		if err := d.Check(); err != nil {
			t.Errorf("%s: %s: %v", name, where, err)
		}
	}
	var text, md, js bytes.Buffer
	if err := render.Text(&text, res, render.NewPalette(false), render.Options{Source: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := render.Markdown(&md, res, render.Options{Source: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := render.JSON(&js, res); err != nil {
		t.Fatal(err)
	}
	flatText, flatMD := squash(text.String()), squash(md.String())
	for _, s := range res.Summaries {
		style := render.NumStyleOf(s.Table)
		for _, rr := range s.Rows {
			d := squash(rr.Derivation.Format(style))
			if d == "" {
				continue
			}
			if !strings.Contains(flatText, d) {
				t.Errorf("%s: row %q: the text output does not print its derivation %q", name, rr.Row.Name, d)
			}
			if !strings.Contains(flatMD, d) {
				t.Errorf("%s: row %q: the Markdown output does not print its derivation %q", name, rr.Row.Name, d)
			}
		}
	}
	n += checkJSONEquations(t, name, js.Bytes())
	return n
}

// jsonExpr mirrors the JSON's expressions; evalJSON is the test's own evaluator.
type jsonExpr struct {
	N    *int64     `json:"n"`
	Op   string     `json:"op"`
	Args []jsonExpr `json:"args"`
}

func evalJSON(e jsonExpr) (int64, error) {
	if e.N != nil {
		return *e.N, nil
	}
	var vs []int64
	for _, a := range e.Args {
		v, err := evalJSON(a)
		if err != nil {
			return 0, err
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return 0, fmt.Errorf("operation %q without arguments", e.Op)
	}
	switch e.Op {
	case "+":
		s := int64(0)
		for _, v := range vs {
			s += v
		}
		return s, nil
	case "*":
		p := int64(1)
		for _, v := range vs {
			p *= v
		}
		return p, nil
	}
	if len(vs) != 2 {
		return 0, fmt.Errorf("operation %q with %d arguments", e.Op, len(vs))
	}
	a, b := vs[0], vs[1]
	switch e.Op {
	case "-":
		return a - b, nil
	case "max":
		return max(a, b), nil
	case "floordiv", "ceildiv":
		if b <= 0 || a < 0 {
			return 0, fmt.Errorf("%s of %d by %d", e.Op, a, b)
		}
		if e.Op == "ceildiv" {
			return (a + b - 1) / b, nil
		}
		return a / b, nil
	}
	return 0, fmt.Errorf("unknown operation %q", e.Op)
}

type jsonEqs struct {
	Sides []jsonExpr `json:"sides"`
}

func checkJSONEquations(t *testing.T, name string, b []byte) int {
	t.Helper()
	var doc struct {
		Summaries []struct {
			Layers []struct {
				Name      string    `json:"name"`
				Equations []jsonEqs `json:"equations"`
			} `json:"layers"`
			Notes []struct {
				Text      string    `json:"text"`
				Equations []jsonEqs `json:"equations"`
			} `json:"total_notes"`
		} `json:"summaries"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: JSON: %v", name, err)
	}
	n := 0
	check := func(where string, eqs []jsonEqs) {
		for _, q := range eqs {
			n++
			if len(q.Sides) < 2 {
				t.Errorf("%s: %s: a JSON equation with %d sides", name, where, len(q.Sides))
				continue
			}
			first, err := evalJSON(q.Sides[0])
			for _, s := range q.Sides[1:] {
				v, err2 := evalJSON(s)
				if err != nil || err2 != nil || v != first {
					t.Errorf("%s: %s: a JSON equation does not hold (%d vs %d; %v %v)", name, where, first, v, err, err2)
				}
			}
		}
	}
	for _, s := range doc.Summaries {
		for _, l := range s.Layers {
			check("row "+l.Name, l.Equations)
		}
		for _, nt := range s.Notes {
			check("note "+nt.Text, nt.Equations)
		}
	}
	return n
}

// TestEquationsHold runs over every corpus input of this repository and, when ../shared is beside
// the clone, over every paste of the shared corpus.
func TestEquationsHold(t *testing.T) {
	files := cases(t, ".")
	for _, sub := range []string{"keras3-dev", "tfjs-dev", "real-dev", "real-dev2"} {
		dir := filepath.Join(sharedCorpus, sub)
		for _, pat := range []string{"*.summary.txt", "*.txt"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			for _, f := range m {
				if pat == "*.txt" && strings.HasSuffix(f, ".summary.txt") {
					continue
				}
				files = append(files, f)
			}
		}
	}
	total := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += checkEquations(t, f, string(src))
	}
	if total == 0 {
		t.Fatal("no equation was checked")
	}
	t.Logf("%d equations checked in %d inputs", total, len(files))
}

// TestEquationCheckCatchesFalseLines: the check fails on an equation that is false as written,
// such as the Bidirectional line kexplain once printed, "2 directions × 4 gates × 128 ×
// (128 + 128 + 1) = 131,584 = 263,168".
func TestEquationCheckCatchesFalseLines(t *testing.T) {
	old := layers.Equation(
		layers.Mul(layers.N(2, "directions"), layers.N(4, "gates"), layers.N(128), layers.Add(layers.N(128), layers.N(128), layers.N(1))),
		layers.N(131584), layers.N(263168))
	if err := old.Check(); err == nil {
		t.Errorf("the check passes %q", old.String())
	}
	good := layers.Equation(
		layers.Mul(layers.N(2, "directions"), layers.N(4, "gates"), layers.N(128), layers.Add(layers.N(128), layers.N(128), layers.N(1))),
		layers.N(263168))
	if err := good.Check(); err != nil {
		t.Errorf("the check fails %q: %v", good.String(), err)
	}
	if err := layers.D("{} = {}", 1, 2).Check(); err == nil {
		t.Error("an equation written as words passes the check")
	}
}
