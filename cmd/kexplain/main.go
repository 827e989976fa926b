// Command kexplain explains the numbers of a pasted Keras model.summary(): for every row, how its
// output shape and parameter count follow from the layers feeding it, and which counts no real
// Keras layer could produce.
//
//	kexplain [--format text|markdown|json] [--color auto|always|never] [--weights] [FILE|-]
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	tuneGC = setGC
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// tuneGC, when set (by main: a run of the command, not a test calling run), sets the garbage
// collector for an input of n bytes once it is read.
var tuneGC func(n int, getenv func(string) string)

// The collector's settings for one run: a run is short and what it allocates is garbage when it
// exits, so for an input up to gcInputMax bytes (about 50,000 rows) the heap may grow to five
// times what is live before a collection, up to gcLimit: a 10,000-row table spends 15–20% less
// CPU. Larger inputs keep Go's defaults: there the live heap nears the limit, where the collector
// would run all the time, and fresh pages cost more than collections (a 400,000-row table took
// 26 s of CPU under the limit and 18 s without it, against 14.5 s with the defaults).
const (
	gcPercent  = 400
	gcLimit    = 1 << 30
	gcInputMax = 16 << 20
)

// setGC is tuneGC for the command, unless GOGC or GOMEMLIMIT say otherwise.
func setGC(n int, getenv func(string) string) {
	if n > gcInputMax {
		return
	}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}
