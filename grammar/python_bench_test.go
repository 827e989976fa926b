package grammar

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParsePythonCorpus parses every code file of the shared corpus (real Keras code, a few
// dozen lines each, few repeated shapes) with ParsePython: the participle grammar's own cost.
func BenchmarkParsePythonCorpus(b *testing.B) {
	var srcs []string
	n := 0
	for _, dir := range []string{"keras3-dev", "tfjs-dev"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", dir, "*.code.py"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, string(data))
			n += len(data)
		}
	}
	if len(srcs) == 0 {
		b.Skip("../shared/corpus is absent")
	}
	pyParser()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			ParsePython(s)
		}
	}
}
