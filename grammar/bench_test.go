package grammar_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// The benchmarks generate their inputs: long summaries of each era, printed in that era's exact
// layout (see ../shared/keras/summary-formats.md), from a repeating block of realistic rows.

// benchRow is one generated layer: a consistent 64-unit block (Dense, BatchNormalization,
// Activation, Dropout) repeated.
type benchRow struct {
	class    string
	snake    string // the default-name stem: "dense", "batch_normalization"
	params   int64
	nonTrain int64
}

var benchBlock = []benchRow{
	{"Dense", "dense", 64*64 + 64, 0},
	{"BatchNormalization", "batch_normalization", 4 * 64, 2 * 64},
	{"Activation", "activation", 0, 0},
	{"Dropout", "dropout", 0, 0},
}

func benchRows(n int) []benchRow {
	out := make([]benchRow, n)
	for i := range out {
		out[i] = benchBlock[i%len(benchBlock)]
	}
	return out
}

func sums(rows []benchRow) (total, nonTrain int64) {
	for _, r := range rows {
		total += r.params
		nonTrain += r.nonTrain
	}
	return
}

// commas writes n with thousands separators.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// cutLine builds a row by Keras's cut rule: before field i > 0 the last character becomes a space;
// the field is appended, the line cut at pos[i] and padded to it.
func cutLine(fields []string, pos []int) string {
	line := ""
	for i, f := range fields {
		if i > 0 {
			line = line[:len(line)-1] + " "
		}
		line += f
		if len(line) > pos[i] {
			line = line[:pos[i]]
		}
		line += strings.Repeat(" ", pos[i]-len(line))
	}
	return line
}

// names counts default names per class, Keras-1/2 style ("dense_1") or tf.keras style ("dense",
// "dense_1").
type names struct {
	seen  map[string]int
	tfk   bool
	tfjs  bool
	class map[string]string
}

func newNames(tfk, tfjs bool) *names { return &names{seen: map[string]int{}, tfk: tfk, tfjs: tfjs} }

func (n *names) next(r benchRow) string {
	k := n.seen[r.snake]
	n.seen[r.snake] = k + 1
	switch {
	case n.tfjs:
		return r.snake + "_" + r.class + strconv.Itoa(k+1)
	case n.tfk && k == 0:
		return r.snake
	case n.tfk:
		return r.snake + "_" + strconv.Itoa(k)
	}
	return r.snake + "_" + strconv.Itoa(k+1)
}

func genKeras1(n int) string {
	rows := benchRows(n)
	pos := []int{33, 55, 67, 100}
	var b strings.Builder
	b.WriteString(strings.Repeat("_", 100) + "\n")
	b.WriteString(cutLine([]string{"Layer (type)", "Output Shape", "Param #", "Connected to"}, pos) + "\n")
	b.WriteString(strings.Repeat("=", 100) + "\n")
	nm := newNames(false, false)
	prev := "dense_input_1"
	cls1 := map[string]string{"BatchNormalization": "batchnormalization"}
	for i, r := range rows {
		if s, ok := cls1[r.class]; ok {
			r.snake = s
		}
		name := nm.next(r)
		b.WriteString(cutLine([]string{name + " (" + r.class + ")", "(None, 64)", strconv.FormatInt(r.params, 10), prev + "[0][0]"}, pos) + "\n")
		prev = name
		if i == len(rows)-1 {
			b.WriteString(strings.Repeat("=", 100) + "\n")
		} else {
			b.WriteString(strings.Repeat("_", 100) + "\n")
		}
	}
	total, non := sums(rows)
	fmt.Fprintf(&b, "Total params: %s\nTrainable params: %s\nNon-trainable params: %s\n", commas(total), commas(total-non), commas(non))
	b.WriteString(strings.Repeat("_", 100) + "\n")
	return b.String()
}

func genKeras2(n int) string {
	rows := benchRows(n)
	pos := []int{29, 55, 65}
	var b strings.Builder
	b.WriteString("Model: \"sequential_1\"\n")
	b.WriteString(strings.Repeat("_", 65) + "\n")
	b.WriteString(cutLine([]string{"Layer (type)", "Output Shape", "Param #"}, pos) + "\n")
	b.WriteString(strings.Repeat("=", 65) + "\n")
	nm := newNames(false, false)
	for i, r := range rows {
		b.WriteString(cutLine([]string{nm.next(r) + " (" + r.class + ")", "(None, 64)", strconv.FormatInt(r.params, 10)}, pos) + "\n")
		if i == len(rows)-1 {
			b.WriteString(strings.Repeat("=", 65) + "\n")
		} else {
			b.WriteString(strings.Repeat("_", 65) + "\n")
		}
	}
	total, non := sums(rows)
	fmt.Fprintf(&b, "Total params: %s\nTrainable params: %s\nNon-trainable params: %s\n", commas(total), commas(total-non), commas(non))
	b.WriteString(strings.Repeat("_", 65) + "\n")
	return b.String()
}

// wrapLines prints one row by the tf.keras 2.7-2.12 wrapping routine (summary-formats.md §4.3).
func wrapLines(b *strings.Builder, fields []string, pos []int) {
	for {
		done := true
		line := " "
		start := 0
		for c, end := range pos {
			space := 2
			if c == len(pos)-1 {
				space = 0
			}
			width := end - start - space
			f := fields[c]
			take := min(width, len(f))
			line += f[:take] + strings.Repeat(" ", space)
			fields[c] = f[take:]
			if fields[c] != "" {
				done = false
			}
			if len(line) < end {
				line += strings.Repeat(" ", end-len(line))
			}
			start = end
		}
		b.WriteString(line + "\n")
		if done {
			return
		}
	}
}

func genKeras27(n int) string {
	rows := benchRows(n)
	pos := []int{29, 55, 65}
	var b strings.Builder
	b.WriteString("Model: \"sequential\"\n")
	b.WriteString(strings.Repeat("_", 65) + "\n")
	wrapLines(&b, []string{"Layer (type)", "Output Shape", "Param #"}, pos)
	b.WriteString(strings.Repeat("=", 65) + "\n")
	nm := newNames(true, false)
	blank := strings.Repeat(" ", 65) + "\n"
	for _, r := range rows {
		wrapLines(&b, []string{nm.next(r) + " (" + r.class + ")", "(None, 64)", strconv.FormatInt(r.params, 10)}, pos)
		b.WriteString(blank)
	}
	b.WriteString(strings.Repeat("=", 65) + "\n")
	total, non := sums(rows)
	fmt.Fprintf(&b, "Total params: %s\nTrainable params: %s\nNon-trainable params: %s\n", commas(total), commas(total-non), commas(non))
	b.WriteString(strings.Repeat("_", 65) + "\n")
	return b.String()
}

// wordWrap splits s at spaces into lines of at most width runes (names here are ASCII).
func wordWrap(s string, width int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len(cur)+1+len(w) <= width:
			cur += " " + w
		default:
			out = append(out, cur)
			cur = w
		}
	}
	return append(out, cur)
}

func genKeras3(n int) string {
	rows := benchRows(n)
	w := []int{33, 24, 15} // interior widths at 76 columns
	rule := func(l, m, r, h string) string {
		parts := make([]string, len(w))
		for i, x := range w {
			parts[i] = strings.Repeat(h, x)
		}
		return l + strings.Join(parts, m) + r + "\n"
	}
	cell := func(s string, width int, right bool) string {
		pad := strings.Repeat(" ", width-2-len([]rune(s)))
		if right {
			return " " + pad + s + " "
		}
		return " " + s + pad + " "
	}
	var b strings.Builder
	b.WriteString("Model: \"sequential\"\n")
	b.WriteString(rule("┏", "┳", "┓", "━"))
	b.WriteString("┃" + cell("Layer (type)", w[0], false) + "┃" + cell("Output Shape", w[1], false) + "┃" + cell("Param #", w[2], true) + "┃\n")
	b.WriteString(rule("┡", "╇", "┩", "━"))
	nm := newNames(true, false)
	for i, r := range rows {
		layer := wordWrap(nm.next(r)+" ("+r.class+")", w[0]-2)
		for j, l := range layer {
			shape, count := "", ""
			if j == 0 {
				shape, count = "(None, 64)", commas(r.params)
			}
			b.WriteString("│" + cell(l, w[0], false) + "│" + cell(shape, w[1], false) + "│" + cell(count, w[2], true) + "│\n")
		}
		if i < len(rows)-1 {
			b.WriteString(rule("├", "┼", "┤", "─"))
		}
	}
	b.WriteString(rule("└", "┴", "┘", "─"))
	total, non := sums(rows)
	fmt.Fprintf(&b, " Total params: %s (%s)\n Trainable params: %s\n Non-trainable params: %s\n", commas(total), "1.00 MB", commas(total-non), commas(non))
	return b.String()
}

func genTFJS(n int) string {
	rows := benchRows(n)
	pos := []int{28, 54, 80, 90}
	var b strings.Builder
	b.WriteString(strings.Repeat("_", 90) + "\n")
	b.WriteString(cutLine([]string{"Layer (type)", "Input Shape", "Output shape", "Param #"}, pos) + "\n")
	b.WriteString(strings.Repeat("=", 90) + "\n")
	nm := newNames(false, true)
	for i, r := range rows {
		b.WriteString(cutLine([]string{nm.next(r) + " (" + r.class + ")", "[[null,64]]", "[null,64]", strconv.FormatInt(r.params, 10)}, pos) + "\n")
		if i == len(rows)-1 {
			b.WriteString(strings.Repeat("=", 90) + "\n")
		} else {
			b.WriteString(strings.Repeat("_", 90) + "\n")
		}
	}
	total, non := sums(rows)
	fmt.Fprintf(&b, "Total params: %d\nTrainable params: %d\nNon-trainable params: %d\n", total, total-non, non)
	b.WriteString(strings.Repeat("_", 90) + "\n")
	return b.String()
}

// genProse is about size bytes of forum prose with a few seed-sized tables in it.
func genProse(size int) string {
	para := "I trained the network for ten epochs with a batch size of 32 and the validation loss " +
		"stopped improving after the fourth one; the learning rate was 0.001 and I used Adam. " +
		"Could the number of parameters in the dense layer be the reason it overfits so quickly?\n"
	table := genKeras2(6)
	var b strings.Builder
	b.Grow(size + 4*len(table))
	next := size / 5
	for b.Len() < size {
		b.WriteString(para)
		if b.Len() >= next {
			b.WriteString("\nHere is the summary:\n\n" + table + "\n")
			next += size / 5
		}
	}
	return b.String()
}

func benchParse(b *testing.B, src string, rows int, wantRows int) {
	doc := grammar.Parse(src)
	got := 0
	for _, t := range doc.Tables {
		got += len(t.Rows)
	}
	if got != wantRows {
		b.Fatalf("the generated input reads as %d rows, want %d", got, wantRows)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		grammar.Parse(src)
	}
	if rows > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
	}
}

func BenchmarkParse(b *testing.B) {
	const n = 10000
	for _, c := range []struct {
		era string
		gen func(int) string
	}{
		{"keras1", genKeras1},
		{"keras2", genKeras2},
		{"keras2.7", genKeras27},
		{"keras3", genKeras3},
		{"tfjs", genTFJS},
	} {
		src := c.gen(n)
		b.Run(c.era+"/10000rows", func(b *testing.B) { benchParse(b, src, n, n) })
	}
	big := genKeras2(100000)
	b.Run("keras2/100000rows", func(b *testing.B) { benchParse(b, big, 100000, 100000) })
	prose := genProse(10 << 20)
	b.Run("prose/10MB", func(b *testing.B) { benchParse(b, prose, 0, 5*6) })
}

// TestBenchInputs checks that the generated tables read back as their rows with every count, so
// the benchmarks measure the parse of a real table and not of a failure.
func TestBenchInputs(t *testing.T) {
	for era, gen := range map[string]func(int) string{"keras1": genKeras1, "keras2": genKeras2, "keras2.7": genKeras27, "keras3": genKeras3, "tfjs": genTFJS} {
		doc := grammar.Parse(gen(40))
		if len(doc.Tables) != 1 {
			t.Errorf("%s: %d tables, want 1", era, len(doc.Tables))
			continue
		}
		tb := doc.Tables[0]
		if string(tb.Format) != era {
			t.Errorf("%s: read as %s", era, tb.Format)
		}
		if len(tb.Rows) != 40 {
			t.Errorf("%s: %d rows, want 40", era, len(tb.Rows))
		}
		for _, r := range tb.Rows {
			if r.Params == nil {
				t.Errorf("%s: line %d: no count read", era, r.Line)
			}
		}
		if len(tb.Problems) > 0 {
			t.Errorf("%s: problems: %v", era, tb.Problems)
		}
	}
}
