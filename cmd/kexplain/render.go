package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

const renderUsage = `usage: kexplain render [--keras 3] [FILE|-]

Reads Keras model-building code (a script, a notebook cell, a forum post),
rebuilds the model and prints the model.summary() that Keras would print for
it. Reads FILE, or standard input when FILE is - or absent.

flags:
  --keras 3     the Keras version whose summary to print (3: Keras 3)
  -h, --help    this help
`

// runRender is `kexplain render`: code in, the summary Keras would print out.
func runRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kexplain render", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	keras := fs.String("keras", "3", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, renderUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "kexplain render: %v\n\n%s", err, renderUsage)
		return exitUnread
	}
	if *keras != "3" {
		fmt.Fprintf(stderr, "kexplain render: --keras %s: only Keras 3 summaries can be printed so far\n", *keras)
		return exitUnread
	}
	file := "-"
	switch fs.NArg() {
	case 0:
	case 1:
		file = fs.Arg(0)
	default:
		fmt.Fprintf(stderr, "kexplain render: one input at a time, got %d\n\n%s", fs.NArg(), renderUsage)
		return exitUnread
	}
	src, name, err := readInput(file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "kexplain render: %v\n", err)
		return exitUnread
	}
	doc := grammar.Parse(src)
	var model *explain.CodeModel
	for _, c := range explain.ExplainCodeAs(doc.Code, explain.Keras3) {
		if c.Model != nil {
			model = c.Model
		}
	}
	if model == nil {
		for _, e := range doc.Errors {
			fmt.Fprintf(stderr, "%s:%s\n", name, e.Error())
		}
		fmt.Fprintf(stderr, "kexplain render: %s: no Keras model found in the code\n", name)
		return exitUnread
	}
	if err := render.Keras3(stdout, model); err != nil {
		fmt.Fprintf(stderr, "kexplain render: %v\n", err)
		return exitUnread
	}
	return exitOK
}
