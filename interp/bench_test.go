package interp

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Benchmarks of the code path: parsing (grammar) and rebuilding (interp) generated snippets. They
// report MB/s (SetBytes), and ns/layer or ns/line and bytes per input byte as custom metrics.

// seqSnippet is a Sequential of n Dense layers, one model.add per line.
func seqSnippet(n int) string {
	var b strings.Builder
	b.WriteString("import keras\nfrom keras import layers\n\nmodel = keras.Sequential()\nmodel.add(keras.Input(shape=(64,)))\n")
	for i := 0; i < n; i++ {
		b.WriteString("model.add(layers.Dense(" + strconv.Itoa(32+i%64) + ", activation=\"relu\", name=\"dense_" + strconv.Itoa(i) + "\"))\n")
	}
	b.WriteString("model.summary()\n")
	return b.String()
}

// forumSnippet is n lines of model code as forum posts write it: a config dict, a helper
// function, loops, a functional graph, comments and blank lines.
func forumSnippet(lines int) string {
	var b strings.Builder
	b.WriteString(`import tensorflow as tf
from tensorflow.keras import layers

config = {"filters": [16, 32], "dropout": 0.25, "classes": 10}

def conv_block(x, filters, use_bn=True):
    # a convolution, normalised, then pooled
    x = layers.Conv2D(filters, 3, padding="same")(x)
    if use_bn:
        x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return layers.MaxPooling2D()(x)

inputs = tf.keras.Input(shape=(64, 64, 3))
x = inputs
`)
	n := strings.Count(b.String(), "\n")
	for i := 0; n < lines-4; i++ {
		switch i % 4 {
		case 0:
			b.WriteString("x = layers.Conv2D(" + strconv.Itoa(8+i%24) + ", 3, padding=\"same\", name=f\"conv_{" + strconv.Itoa(i) + "}\")(x)\n")
		case 1:
			b.WriteString("for f in config[\"filters\"][:1]:\n    x = layers.Conv2D(f, 1, padding=\"same\")(x)\n")
			n++
		case 2:
			b.WriteString("x = layers.BatchNormalization()(x)  # keep the scale\n")
		case 3:
			b.WriteString("\n")
		}
		n++
	}
	b.WriteString("x = layers.GlobalAveragePooling2D()(x)\noutputs = layers.Dense(config[\"classes\"])(x)\nmodel = tf.keras.Model(inputs, outputs)\nmodel.summary()\n")
	return b.String()
}

func rebuildSrc(b *testing.B, src string) *Result {
	doc := grammar.Parse(src)
	if len(doc.Code) != 1 {
		b.Fatalf("%d snippets", len(doc.Code))
	}
	return Rebuild(doc.Code[0], layers.VersionUnknown)
}

// BenchmarkRebuild1000Layers parses and rebuilds a 1,000-layer Sequential: ns/layer.
func BenchmarkRebuild1000Layers(b *testing.B) {
	src := seqSnippet(1000)
	r := rebuildSrc(b, src)
	if r == nil || r.Model == nil || len(r.Model.Rows) != 1000 {
		b.Fatal("the 1,000 layers are not rebuilt")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rebuildSrc(b, src)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/layer")
	b.ReportMetric(retainedPerByte(b, src), "retained-B/byte")
	b.ReportMetric(peakLivePerByte(func() { rebuildSrc(b, src) }, len(src)), "peak-live-B/byte")
}

// retainedPerByte is the memory a rebuild holds once it is done (its program and model, live
// after a collection), per input byte.
func retainedPerByte(b *testing.B, src string) float64 {
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := rebuildSrc(b, src)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(r)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(src))
}

// BenchmarkRebuild1000Lines parses and rebuilds 1,000 lines of forum-style code: ns/line.
func BenchmarkRebuild1000Lines(b *testing.B) {
	src := forumSnippet(1000)
	r := rebuildSrc(b, src)
	if r == nil || r.Model == nil || len(r.Model.Rows) < 500 {
		b.Fatal("the forum snippet is not rebuilt")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rebuildSrc(b, src)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(strings.Count(src, "\n")), "ns/line")
	b.ReportMetric(retainedPerByte(b, src), "retained-B/byte")
	b.ReportMetric(peakLivePerByte(func() { rebuildSrc(b, src) }, len(src)), "peak-live-B/byte")
}

// TestBenchSnippets keeps the benchmarks' inputs honest: every layer is rebuilt, with no note.
func TestBenchSnippets(t *testing.T) {
	for name, src := range map[string]string{"layers": seqSnippet(1000), "lines": forumSnippet(1000)} {
		doc := grammar.Parse(src)
		if len(doc.Code) != 1 {
			t.Fatalf("%s: %d snippets", name, len(doc.Code))
		}
		r := Rebuild(doc.Code[0], layers.VersionUnknown)
		if r == nil || r.Model == nil {
			t.Fatalf("%s: no model", name)
		}
		for _, n := range r.Notes {
			t.Errorf("%s: %s", name, n)
		}
		for _, row := range r.Model.Rows {
			if row.Err != "" {
				t.Errorf("%s: %s: %s", name, row.Name, row.Err)
			}
		}
		if lines := strings.Count(src, "\n"); name == "lines" && (lines < 990 || lines > 1010) {
			t.Errorf("%d lines", lines)
		}
	}
}

// corpusCode is the code files of ../shared/corpus/keras3-dev and tfjs-dev (real Keras code, a
// few dozen lines each), or nil when ../shared is absent.
func corpusCode(b *testing.B) []string {
	var srcs []string
	for _, dir := range []string{"keras3-dev", "tfjs-dev"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", dir, "*.code.py"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, string(data))
		}
	}
	return srcs
}

// rebuildAll parses each source and rebuilds each of its snippets.
func rebuildAll(srcs []string) []*Result {
	var out []*Result
	for _, src := range srcs {
		for _, sn := range grammar.Parse(src).Code {
			out = append(out, Rebuild(sn, layers.VersionUnknown))
		}
	}
	return out
}

// BenchmarkRebuildCorpus parses and rebuilds every code file of the shared corpus, one by one:
// real code, where statements repeat less than in the generated snippets.
func BenchmarkRebuildCorpus(b *testing.B) {
	srcs := corpusCode(b)
	if len(srcs) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	n := 0
	for _, s := range srcs {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rebuildAll(srcs)
	}
	b.StopTimer()
	b.ReportMetric(peakLivePerByte(func() { rebuildAll(srcs) }, n), "peak-live-B/byte")
}

// BenchmarkRebuildCorpusJoined parses and rebuilds the shared corpus's code files joined into one
// program (4,800 lines, one snippet): as one long paste of real code.
func BenchmarkRebuildCorpusJoined(b *testing.B) {
	srcs := corpusCode(b)
	if len(srcs) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	src := strings.Join(srcs, "\n")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rebuildAll([]string{src})
	}
	b.StopTimer()
	b.ReportMetric(peakLivePerByte(func() { rebuildAll([]string{src}) }, len(src)), "peak-live-B/byte")
}

// peakLivePerByte runs f with the collector running after every 5% of heap growth and reports
// the most heap found live after any collection during f, less what was live before, per input
// byte: the memory a run needs at its peak (the live heap is read by a finalizer that re-arms
// itself after each collection).
func peakLivePerByte(f func(), n int) float64 {
	old := debug.SetGCPercent(5)
	defer debug.SetGCPercent(old)
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var (
		mu   sync.Mutex
		peak uint64
		stop atomic.Bool
	)
	type sentinel struct{ _ [16]byte }
	var arm func()
	arm = func() {
		s := &sentinel{}
		runtime.SetFinalizer(s, func(*sentinel) {
			if stop.Load() {
				return
			}
			sm := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			metrics.Read(sm)
			mu.Lock()
			peak = max(peak, sm[0].Value.Uint64())
			mu.Unlock()
			arm()
		})
	}
	arm()
	f()
	runtime.GC()
	stop.Store(true)
	mu.Lock()
	defer mu.Unlock()
	if peak < base {
		return 0
	}
	return float64(peak-base) / float64(n)
}
