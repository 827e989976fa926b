package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/kexplain/kexplain/internal/frontend"
)

const renderUsage = `usage: kexplain render [--keras 3|2.15|2.12|2.7|2|1] [--tfjs] [FILE|-]

Reads Keras model-building code (a script, a notebook cell, a forum post),
rebuilds the model and prints the model.summary() that Keras would print for
it. Reads FILE, or standard input when FILE is - or absent.

flags:
  --keras V     the Keras version whose summary to print (default 3):
                  3          Keras 3 (3.0.5 and later, 80-column console)
                  2.13-2.15  tf.keras, wrapped cells, sizes in the totals
                  2.7-2.12   tf.keras, wrapped cells
                  2          Keras 2 layout, cut cells: tf.keras 2.6 when the
                             code imports tensorflow.keras, else Keras 2.3.1
                  2.3, 2.6   the same, forcing Keras 2.3.1 or tf.keras 2.6
                  1          Keras 1.2.2 (1.0.0 to 1.2.2 also: 1.0 is 1.0.8,
                             1.1 is 1.1.2)
  --tfjs        print the summary TensorFlow.js 4.x would print instead
  -h, --help    this help
`

// runRender is `kexplain render`: code in, the summary Keras would print out.
func runRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kexplain render", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	keras := fs.String("keras", "3", "")
	tfjs := fs.Bool("tfjs", false, "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, renderUsage)
			return exitOK
		}
		flagError(stderr, "kexplain render", err)
		return exitUnread
	}
	era, ok := frontend.LookupEra(*keras, *tfjs)
	if !ok {
		fmt.Fprintf(stderr, "kexplain render: --keras %s: not a version kexplain prints (%s)\n", *keras, frontend.Versions)
		return exitUnread
	}
	file := "-"
	switch fs.NArg() {
	case 0:
	case 1:
		file = fs.Arg(0)
	default:
		fmt.Fprintf(stderr, "kexplain render: one input at a time, got %d; see kexplain render -h\n", fs.NArg())
		return exitUnread
	}
	hintTerminal(file, stdin, stderr)
	src, name, err := readInput(file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "kexplain render: %v\n", err)
		return exitUnread
	}
	return frontend.RenderCode(src, name, era, stdout, stderr)
}
