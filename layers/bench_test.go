package layers

import (
	"strconv"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// benchRows are printed rows of the common families, each distinct: what explaining a table
// costs per row when nothing repeats (BenchmarkJudge/read), and when every row repeats one
// already read (BenchmarkJudge/repeat).
var benchRows = []struct {
	class  string
	format grammar.Format
	in     []Dims
	out    Dims
	params int64
	raw    bool
}{
	{"Conv2D", grammar.Keras2, ins(n(32, 32, 3)), n(32, 32, 32), 896, true},
	{"Conv2D", grammar.Keras3, ins(n(16, 16, 32)), n(16, 16, 64), 18496, false},
	{"Conv2D", grammar.Keras27, ins(n(30, 30, 32)), n(14, 14, 64), 18496, false},
	{"Conv1D", grammar.Keras2, ins(n(100, 64)), n(100, 64), 12352, false},
	{"Conv2D", grammar.Keras3, nil, n(28, 28, 32), 320, true},
	{"Dense", grammar.Keras2, ins(n(64)), n(64), 4160, false},
	{"Dense", grammar.Keras3, nil, n(128), 100480, true},
	{"Dense", grammar.Keras3, ins(n(50, 64)), n(50, 64), 4160, false},
	{"BatchNormalization", grammar.Keras2, ins(n(100, 64)), n(100, 64), 256, false},
	{"LayerNormalization", grammar.Keras3, ins(n(50, 64)), n(50, 64), 128, false},
	{"LSTM", grammar.Keras2, ins(n(100, 64)), n(100, 64), 33024, false},
	{"GRU", grammar.Keras3, ins(n(100, 64)), n(64), 24960, false},
	{"Embedding", grammar.Keras3, ins(n(16)), n(16, 128), 128000, false},
	{"MultiHeadAttention", grammar.Keras3, ins(n(50, 64), n(50, 64)), n(50, 64), 16640, false},
	{"DepthwiseConv2D", grammar.Keras27, ins(n(56, 56, 32)), n(56, 56, 32), 320, false},
	{"SeparableConv2D", grammar.Keras2, ins(n(32, 32, 64)), n(32, 32, 128), 8896, false},
	{"Bidirectional", grammar.Keras2, ins(n(100, 64)), n(100, 128), 66048, false},
}

func BenchmarkJudge(b *testing.B) {
	obs := make([]*Obs, len(benchRows))
	for i, r := range benchRows {
		p := r.params
		obs[i] = &Obs{Class: r.class, Format: r.format, In: r.in, Out: r.out, Params: &p, RawInput: r.raw}
		if v := Judge(Lookup(r.class), obs[i]); v.Status != OK {
			b.Fatalf("%s %d: %s (%s)", r.class, r.params, v.Status, v.Message)
		}
	}
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, o := range obs {
				judgeRead(Lookup(o.Class), o)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(obs)), "ns/row")
	})
	b.Run("repeat", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, o := range obs {
				Judge(Lookup(o.Class), o)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(obs)), "ns/row")
	})
	for _, r := range benchRows {
		p := r.params
		o := &Obs{Class: r.class, Format: r.format, In: r.in, Out: r.out, Params: &p, RawInput: r.raw}
		b.Run("read/"+r.class+"-"+strconv.FormatInt(r.params, 10), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				judgeRead(Lookup(o.Class), o)
			}
		})
	}
}
