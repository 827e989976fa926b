package grammar_test

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// Hostile layouts at 1 MB and 10 MB: every path of the finder must stay linear in the input (the
// MB/s of a kind stays the same from 1 MB to 10 MB). Run with
//
//	go test ./grammar -run '^$' -bench Hostile -benchtime 1x

// repeatTo repeats unit until the text holds size bytes.
func repeatTo(unit string, size int) string {
	var b strings.Builder
	b.Grow(size + len(unit))
	for b.Len() < size {
		b.WriteString(unit)
	}
	return b.String()
}

// hostileKinds generate each hostile layout of about size bytes.
var hostileKinds = []struct {
	name string
	gen  func(size int) string
}{
	{"headerless", func(size int) string {
		// rows without a header or rules, over and over, and one totals line at the end
		rows := strings.Split(genKeras2(400), "\n")
		var body []string
		for _, l := range rows {
			if strings.Contains(l, "(None") {
				body = append(body, l)
			}
		}
		return repeatTo(strings.Join(body, "\n")+"\n", size) + "Total params: 1\n"
	}},
	{"br-joined", func(size int) string {
		return repeatTo(strings.ReplaceAll(genKeras2(400), "\n", "<br>"), size)
	}},
	{"html-one-line", func(size int) string {
		row := "<tr><td>dense (Dense)</td><td>(None, 64)</td><td>4160</td></tr>"
		return "<table><tr><th>Layer (type)</th><th>Output Shape</th><th>Param #</th></tr>" + repeatTo(row, size) + "</table>"
	}},
	{"html-unclosed", func(size int) string {
		return repeatTo("<tr><td>dense (Dense)<td>(None, 64)<td>4160 ", size)
	}},
	{"wrapped-continuation", func(size int) string {
		head := genKeras2(0)
		i := strings.Index(head, "=====")
		return head[:i] + strings.Repeat("=", 65) + "\nconcatenate (Concatenate)    (None, 80)                0           dense[0][0]\n" +
			repeatTo("                                                                   dense_1[0][0]\n", size)
	}},
	{"flattened", func(size int) string {
		return repeatTo(strings.ReplaceAll(genKeras2(400), "\n", " "), size)
	}},
	{"flattened-quoted", func(size int) string {
		return "> " + repeatTo(strings.ReplaceAll(genKeras2(400), "\n", " > "), size)
	}},
	{"one-long-row", func(size int) string {
		return "dense (Dense)  (None, " + repeatTo("1, ", size) + "4)  20\n"
	}},
	{"brackets", func(size int) string {
		return "dense (Dense)  " + repeatTo("(", size) + "  20\n"
	}},
	{"pipes", func(size int) string {
		return repeatTo("| a (A) | (None, 4) | 20 ", size) + "|\n"
	}},
	{"wrap-marks", func(size int) string {
		return "dense (Dense)  (None, 64)\n" + repeatTo("↪ 4160 dense (Dense)  (None, 64)\n", size)
	}},
	{"comment-unclosed", func(size int) string {
		return "<td>x</td><!-- " + repeatTo("dense (Dense)  (None, 64)  4160 <!-- -- \n", size)
	}},
	{"rules-and-words", func(size int) string {
		return repeatTo("__________ Total params: 1 Layer (type) Output Shape Param # ", size)
	}},
}

func BenchmarkHostile(b *testing.B) {
	for _, k := range hostileKinds {
		for _, size := range []int{1 << 20, 10 << 20} {
			src := k.gen(size)
			label := "1MB"
			if size > 1<<20 {
				label = "10MB"
			}
			b.Run(k.name+"/"+label, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					grammar.Parse(src)
				}
			})
		}
	}
}

// TestHostileSmall runs every hostile layout at a small size, so that plain go test sees them read
// without a panic (Parse recovers none: a panic fails the test).
func TestHostileSmall(t *testing.T) {
	for _, k := range hostileKinds {
		if doc := parse(t, k.gen(64<<10)); doc == nil {
			t.Errorf("%s: no document", k.name)
		}
	}
}
