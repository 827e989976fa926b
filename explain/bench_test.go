package explain_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
)

// keras2Table prints an n-row Keras 2 Sequential summary (3 columns, 65 wide) of a repeating,
// consistent block: Dense(64) on 64 inputs, BatchNormalization, Activation, Dropout.
func keras2Table(n int) string {
	type row struct {
		stem, class string
		params      int64
		nonTrain    int64
	}
	block := []row{{"dense", "Dense", 4160, 0}, {"batch_normalization", "BatchNormalization", 256, 128}, {"activation", "Activation", 0, 0}, {"dropout", "Dropout", 0, 0}}
	cut := func(fields []string, pos []int) string {
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
	pos := []int{29, 55, 65}
	var b strings.Builder
	b.WriteString("Model: \"sequential_1\"\n" + strings.Repeat("_", 65) + "\n")
	b.WriteString(cut([]string{"Layer (type)", "Output Shape", "Param #"}, pos) + "\n" + strings.Repeat("=", 65) + "\n")
	seen := map[string]int{}
	var total, non int64
	for i := 0; i < n; i++ {
		r := block[i%len(block)]
		seen[r.stem]++
		b.WriteString(cut([]string{r.stem + "_" + strconv.Itoa(seen[r.stem]) + " (" + r.class + ")", "(None, 64)", strconv.FormatInt(r.params, 10)}, pos) + "\n")
		if i == n-1 {
			b.WriteString(strings.Repeat("=", 65) + "\n")
		} else {
			b.WriteString(strings.Repeat("_", 65) + "\n")
		}
		total += r.params
		non += r.nonTrain
	}
	fmt.Fprintf(&b, "Total params: %d\nTrainable params: %d\nNon-trainable params: %d\n%s\n", total, total-non, non, strings.Repeat("_", 65))
	return b.String()
}

func BenchmarkExplain(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		doc := grammar.Parse(keras2Table(n))
		res := explain.Explain(doc)
		if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) != n {
			b.Fatalf("the generated table does not read as one table of %d rows", n)
		}
		if res.Alarms() {
			b.Fatalf("the generated table is flagged: %v", res.Summaries[0].Flags)
		}
		b.Run(strconv.Itoa(n)+"rows", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				explain.Explain(doc)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}
