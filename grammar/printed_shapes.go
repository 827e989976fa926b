package grammar

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/kexplain/kexplain/normalize"
)

// The shapes of arrays that a paste shows printed: a console's output of x_train.shape (">>>",
// "In [3]:" / "Out[3]:"), or a comment beside it ("print(X.shape)  # (1000, 50, 3)", "# X.shape:
// (1000, 50, 3)"). Code that is read from a file gives no shape; the printed one is data the
// poster gives, which the interpreter may use where the array itself is not known.

// PrintedShape is the shape the paste prints for the array named Name, on line Line.
type PrintedShape struct {
	Line int
	Name string
	Dims []int64
}

var (
	shapeExprRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:print\(\s*)?([A-Za-z_][A-Za-z0-9_]*)\.shape\s*\)?$`)
	})
	shapeCommentRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\.shape\s*(?:=|==|:|->|=>|is)?\s*(.+)$`)
	})
	shapeTupleRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:TensorShape\(\s*\[([0-9 ,]+)\]\s*\)|\(([0-9 ,]+)\))$`)
	})
)

// shapeTuple reads a printed shape: (60000, 28, 28), (404, 13), TensorShape([32, 10]).
func shapeTuple(s string) []int64 {
	m := shapeTupleRe().FindStringSubmatch(normalize.TrimSpace(s))
	if m == nil {
		return nil
	}
	body := m[1] + m[2]
	var out []int64
	for _, p := range strings.Split(body, ",") {
		p = normalize.TrimSpace(p)
		if p == "" {
			continue
		}
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 {
			return nil
		}
		out = append(out, n)
	}
	if len(out) == 0 || len(out) > 8 {
		return nil
	}
	return out
}

// printedShapes finds the printed shapes of a region's lines (texts as the region gives them,
// prompts and all; nos their line numbers).
func printedShapes(texts []string, nos []int) []PrintedShape {
	var out []PrintedShape
	body := func(t string) (string, promptKind) {
		pk, at := codePrompt(t)
		return normalize.TrimSpace(t[at:]), pk
	}
	for k, t := range texts {
		b, pk := body(t)
		if pk == promptOut || b == "" {
			continue
		}
		code, comment := b, ""
		if i := strings.IndexByte(b, '#'); i >= 0 && !strings.ContainsAny(b[:i], `'"`) {
			code, comment = normalize.TrimSpace(b[:i]), normalize.TrimSpace(b[i+1:])
		}
		if code == "" {
			// a comment alone: "# X_train.shape: (1000, 50, 3)"
			if m := shapeCommentRe().FindStringSubmatch(comment); m != nil {
				if d := shapeTuple(m[2]); d != nil {
					out = append(out, PrintedShape{Line: nos[k], Name: m[1], Dims: d})
				}
			}
			continue
		}
		m := shapeExprRe().FindStringSubmatch(code)
		if m == nil {
			continue
		}
		if d := shapeTuple(strings.TrimLeft(comment, "=-> :")); d != nil {
			out = append(out, PrintedShape{Line: nos[k], Name: m[1], Dims: d})
			continue
		}
		// the output on the next line: "Out[3]: (60000, 28, 28)", or a line without a prompt
		for j := k + 1; j < len(texts) && j <= k+2; j++ {
			nb, npk := body(texts[j])
			if nb == "" {
				continue
			}
			if npk == promptIn || npk == promptMore || npk == promptCell {
				break
			}
			if d := shapeTuple(nb); d != nil {
				out = append(out, PrintedShape{Line: nos[k], Name: m[1], Dims: d})
			}
			break
		}
	}
	return out
}
