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
// exits. For an input up to gcInputMax bytes (about 40,000 rows) the collector does not run until
// the heap nears gcLimit: a 10,000-row table allocates about 65 MB, about four times what is live
// at its largest, so the collections of a heap allowed five times its live size (GOGC=400, the
// setting before) took 30–50 ms of CPU of a 170 ms run and saved no memory (peak RSS about 85 MB
// either way). The setting is made before the input is read when its size is known: reading a
// 4 MB file was itself the first collection's cause. Larger inputs keep Go's defaults: there the
// live heap nears the limit, where the collector would run all the time, and fresh pages cost
// more than collections (a 400,000-row Keras 3 table: 9.1 s of CPU with the defaults, 8.8 s with
// GOGC=200, 9.1 s with GOGC=400, at 1.4, 1.9 and 2.5 GB).
const (
	gcLimit    = 1 << 30
	gcInputMax = 16 << 20
)

// setGC is tuneGC for the command, unless GOGC or GOMEMLIMIT say otherwise.
func setGC(n int, getenv func(string) string) {
	if n > gcInputMax {
		return
	}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(-1) // off: the memory limit below (or GOMEMLIMIT) starts a collection
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}
