package grammar

import (
	"os"
	"sync"
	"testing"
)

// BenchmarkParseSeedCold is Parse of the seed thread (../shared/seed) as the first Parse of a
// process does it: the Python grammar is built afresh each time (beside the tables, when there
// are two cores), then the code is parsed. Wall time per op is what the whole command waits for;
// compare it with -cpu 1. The sub-benchmarks set whether Parse, once done with the tables, shares
// parsing the code's parts with the goroutine ("shared") or only waits for it ("wait").
func BenchmarkParseSeedCold(b *testing.B) {
	data, err := os.ReadFile("../../shared/seed/keras-users-thread.txt")
	if err != nil {
		b.Skip("../shared/seed is absent")
	}
	src := string(data)
	fresh := pyParser
	defer func() { pyParser = fresh; asideCallerHelps = true }()
	for _, mode := range []string{"shared", "wait"} {
		b.Run(mode, func(b *testing.B) {
			asideCallerHelps = mode == "shared"
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				pyParser = sync.OnceValue(buildPyParser)
				pyWarm = sync.Once{}
				pyBuilding.Store(false)
				Parse(src)
			}
		})
	}
}
