package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
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
                  1          Keras 1.2.2
  --tfjs        print the summary TensorFlow.js 4.x would print instead
  -h, --help    this help
`

// renderEra is what one --keras value prints: the version the model is rebuilt as
// (explain.VersionUnknown: the code's own) and the renderer.
type renderEra struct {
	version explain.Version
	print   func(w io.Writer, m *explain.CodeModel, v explain.Version) error
}

func kerasEra(flag string, tfjs bool) (renderEra, bool) {
	if tfjs {
		return renderEra{explain.TFKeras, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.TFJS(w, m)
		}}, true
	}
	wrapped := func(minor int) renderEra {
		return renderEra{explain.TFKeras, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.Keras27(w, m, minor)
		}}
	}
	switch flag {
	case "3":
		return renderEra{explain.Keras3, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.Keras3(w, m)
		}}, true
	case "2":
		return renderEra{explain.VersionUnknown, render.Keras2}, true
	case "2.3", "2.3.1":
		return renderEra{explain.Keras2, render.Keras2}, true
	case "2.6":
		return renderEra{explain.TFKeras, render.Keras2}, true
	case "1", "1.2", "1.2.2":
		return renderEra{explain.Keras1, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.Keras1(w, m)
		}}, true
	}
	for minor := 7; minor <= 15; minor++ {
		if flag == "2."+strconv.Itoa(minor) {
			return wrapped(minor), true
		}
	}
	return renderEra{}, false
}

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
		fmt.Fprintf(stderr, "kexplain render: %v\n\n%s", err, renderUsage)
		return exitUnread
	}
	era, ok := kerasEra(*keras, *tfjs)
	if !ok {
		fmt.Fprintf(stderr, "kexplain render: --keras %s: not a version kexplain prints (3, 2.7 to 2.15, 2, 2.3, 2.6, 1)\n", *keras)
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
	version := era.version
	if version == explain.VersionUnknown {
		// --keras 2: tf.keras 2.6 for tf.keras code, Keras 2.3.1 for any other
		version = explain.Keras2
		for _, sn := range doc.Code {
			if sn.Program != nil && explain.DetectVersion(sn.Program) == explain.TFKeras {
				version = explain.TFKeras
			}
		}
	}
	var built explain.Version
	for _, c := range explain.ExplainCodeAs(doc.Code, version) {
		if c.Model != nil {
			model, built = c.Model, c.Version
		}
	}
	if model == nil {
		for _, e := range doc.Errors {
			fmt.Fprintf(stderr, "%s:%s\n", name, e.Error())
		}
		fmt.Fprintf(stderr, "kexplain render: %s: no Keras model found in the code\n", name)
		return exitUnread
	}
	if err := era.print(stdout, model, built); err != nil {
		fmt.Fprintf(stderr, "kexplain render: %v\n", err)
		return exitUnread
	}
	return exitOK
}
