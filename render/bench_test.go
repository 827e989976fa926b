package render_test

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

// functionalTable prints an n-row tf.keras 2.6 functional summary (with its Connected to column):
// an InputLayer, then a chain of Dense(32) on 32 inputs, each connected to the row above.
func functionalTable(n int) string {
	pos := []int{32, 53, 65, 98}
	cells := func(fields ...string) string {
		var b strings.Builder
		for i, f := range fields {
			b.WriteString(f)
			b.WriteString(strings.Repeat(" ", max(1, pos[i]-b.Len())))
		}
		return strings.TrimRight(b.String(), " ")
	}
	var b strings.Builder
	rule := strings.Repeat("_", 98)
	b.WriteString("Model: \"model\"\n" + rule + "\n")
	b.WriteString(cells("Layer (type)", "Output Shape", "Param #", "Connected to") + "\n" + strings.Repeat("=", 98) + "\n")
	b.WriteString(cells("input_1 (InputLayer)", "[(None, 32)]", "0", "") + "\n" + rule + "\n")
	prev := "input_1"
	for i := 1; i < n; i++ {
		name := "dense_" + strconv.Itoa(i)
		b.WriteString(cells(name+" (Dense)", "(None, 32)", "1056", prev+"[0][0]") + "\n")
		if i == n-1 {
			b.WriteString(strings.Repeat("=", 98) + "\n")
		} else {
			b.WriteString(rule + "\n")
		}
		prev = name
	}
	total := int64(n-1) * 1056
	fmt.Fprintf(&b, "Total params: %d\nTrainable params: %d\nNon-trainable params: 0\n%s\n", total, total, rule)
	return b.String()
}

// keras1Chain prints an n-row Keras 1.2.2 Sequential summary, which has a Connected to column
// although each row feeds the next: Dense(32) layers on 32 inputs. A table whose kind (Sequential
// or functional) takes a pass over every row to decide.
func keras1Chain(n int) string {
	pos := []int{33, 55, 67, 100}
	cells := func(fields ...string) string {
		var b strings.Builder
		for i, f := range fields {
			b.WriteString(f)
			b.WriteString(strings.Repeat(" ", max(1, pos[i]-b.Len())))
		}
		return strings.TrimRight(b.String(), " ")
	}
	rule := strings.Repeat("_", 100)
	var b strings.Builder
	b.WriteString(rule + "\n" + cells("Layer (type)", "Output Shape", "Param #", "Connected to") + "\n" + strings.Repeat("=", 100) + "\n")
	prev := "dense_input_1"
	for i := 1; i <= n; i++ {
		name := "dense_" + strconv.Itoa(i)
		b.WriteString(cells(name+" (Dense)", "(None, 32)", "1056", prev+"[0][0]") + "\n")
		if i == n {
			b.WriteString(strings.Repeat("=", 100) + "\n")
		} else {
			b.WriteString(rule + "\n")
		}
		prev = name
	}
	total := int64(n) * 1056
	fmt.Fprintf(&b, "Total params: %d\nTrainable params: %d\nNon-trainable params: 0\n%s\n", total, total, rule)
	return b.String()
}

// BenchmarkRenderKeras1Chain is the text output of a 10,000-row Keras 1 table with a Connected to
// column: it once took seconds, asking for each row whether the table is a Sequential.
func BenchmarkRenderKeras1Chain(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		res := explain.Explain(grammar.Parse(keras1Chain(n)))
		if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != n || res.Alarms() || res.Summaries[0].Functional() {
			b.Fatalf("the generated table does not read as one consistent Sequential of %d rows", n)
		}
		b.Run(fmt.Sprintf("text/%drows", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				render.Text(io.Discard, res, render.NewPalette(false), render.Options{Source: "bench.txt"})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// BenchmarkRender measures each output of an explained 10,000-row functional table (the parse
// and the explanation are done once, outside the loop), and of a 100,000-row one for the text and
// JSON outputs, whose ns/row shows that the time grows linearly.
func BenchmarkRender(b *testing.B) {
	benchRender(b, 10000, "")
	benchRender(b, 100000, "text json mermaid")
}

func benchRender(b *testing.B, n int, only string) {
	res := explain.Explain(grammar.Parse(functionalTable(n)))
	if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != n || res.Alarms() {
		b.Fatalf("the generated table does not read as one consistent table of %d rows", n)
	}
	opt := render.Options{Source: "bench.txt"}
	for _, c := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{"text", func(w io.Writer) error { return render.Text(w, res, render.NewPalette(false), opt) }},
		{"color", func(w io.Writer) error { return render.Text(w, res, render.NewPalette(true), opt) }},
		{"markdown", func(w io.Writer) error { return render.Markdown(w, res, opt) }},
		{"json", func(w io.Writer) error { return render.JSON(w, res) }},
		{"mermaid", func(w io.Writer) error { return render.Mermaid(w, res) }},
		{"dot", func(w io.Writer) error { return render.DOT(w, res) }},
		{"markdown+graph", func(w io.Writer) error {
			return render.Markdown(w, res, render.Options{Source: "bench.txt", Graph: true})
		}},
	} {
		if only != "" && !strings.Contains(" "+only+" ", " "+c.name+" ") {
			continue
		}
		b.Run(fmt.Sprintf("%s/%drows", c.name, n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.fn(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// BenchmarkGraphSVG measures the page's drawing of a 400-layer chain, the largest it draws.
func BenchmarkGraphSVG(b *testing.B) {
	res := explain.Explain(grammar.Parse(functionalTable(400)))
	g := render.SummaryGraph(res.Summaries[0])
	b.ReportAllocs()
	for b.Loop() {
		if err := render.GraphSVG(io.Discard, g, "b-"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKeras1ChainReads(t *testing.T) {
	res := explain.Explain(grammar.Parse(keras1Chain(50)))
	if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != 50 || res.Alarms() {
		t.Fatalf("the generated table does not read as one consistent table of 50 rows")
	}
	if res.Summaries[0].Functional() {
		t.Fatal("read as functional")
	}
}

func TestFunctionalTableReads(t *testing.T) {
	res := explain.Explain(grammar.Parse(functionalTable(50)))
	if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != 50 {
		t.Fatalf("the generated table does not read as one table of 50 rows")
	}
	if res.Alarms() {
		t.Fatalf("flagged: %v", res.Summaries[0].Flags)
	}
	if !res.Summaries[0].Functional() {
		t.Fatal("not read as functional")
	}
}
