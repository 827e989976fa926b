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
	tuneGC(os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// gcPercent and gcLimit are the collector's settings for one run of the command: a run is short
// and what it allocates is garbage when it exits, so the heap may grow to five times what is live
// before a collection (a 10,000-row table spends 15–20% less CPU), up to gcLimit, past which the
// collector works as hard as it must to stay under it (a 400,000-row table peaks lower than with
// Go's defaults). Pastes of a few tables never collect at all.
const (
	gcPercent = 400
	gcLimit   = 1 << 30
)

// tuneGC sets the collector for a run, unless GOGC or GOMEMLIMIT say otherwise.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}
