// Command floorpy is a measuring stick, not part of kexplain: a process that only reads a file and
// parses it with kexplain's participle grammar of Python (grammar.ParsePython). Timed beside a bare
// process that only reads the same file, it shows what the participle parse of a paste's code
// costs a whole process on its own (building the grammar, then parsing), which bounds from below
// the time of any kexplain run that reads code:
//
//	go build -o /tmp/floorpy ./internal/floorpy
//	hyperfine -N -w 30 -r 300 '/tmp/floorpy FILE'
package main

import (
	"fmt"
	"os"

	"github.com/kexplain/kexplain/grammar"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floorpy FILE")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if grammar.ParsePython(string(src)) == nil {
		os.Exit(1)
	}
}
