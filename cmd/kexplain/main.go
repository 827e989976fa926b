// Command kexplain explains the numbers of a pasted Keras model.summary(): for every row, how its
// output shape and parameter count follow from the layers feeding it, and which counts no real
// Keras layer could produce.
//
//	kexplain [--format text|markdown|json] [--color auto|always|never] [--weights] [FILE|-]
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
