package normalize

import (
	"os"
	"testing"
)

// BenchmarkNormalizeFile normalises the file $KEXPLAIN_BENCH_FILE (skipped when it is not set), for
// profiling the passes on a large paste, e.g. a generated 10,000-row table
// (KEXPLAIN_GEN_DIR=/tmp/gen go test ./render -run TestWriteEraInputs).
func BenchmarkNormalizeFile(b *testing.B) {
	file := os.Getenv("KEXPLAIN_BENCH_FILE")
	if file == "" {
		b.Skip("set KEXPLAIN_BENCH_FILE to a paste to normalise")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	s := string(src)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
	}
}
