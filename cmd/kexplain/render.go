package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

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
                  1          Keras 1.2.2 (1.0.0 to 1.2.2 also: 1.0 is 1.0.8,
                             1.1 is 1.1.2)
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
	}
	if minor, patch, ok := keras1Version(flag); ok {
		return renderEra{explain.Keras1, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.Keras1Version(w, m, minor, patch)
		}}, true
	}
	for minor := 7; minor <= 15; minor++ {
		if flag == "2."+strconv.Itoa(minor) {
			return wrapped(minor), true
		}
	}
	return renderEra{}, false
}

// keras1Version reads 1, 1.M or 1.M.P (1.0.0 to 1.2.2); a missing part is the last release.
func keras1Version(flag string) (minor, patch int, ok bool) {
	last := []int{8, 2, 2} // 1.0.8, 1.1.2, 1.2.2
	parts := strings.Split(flag, ".")
	if parts[0] != "1" || len(parts) > 3 {
		return 0, 0, false
	}
	minor, patch = 2, 2
	if len(parts) > 1 {
		n, err := strconv.Atoi(parts[1])
		if err != nil || n < 0 || n > 2 {
			return 0, 0, false
		}
		minor, patch = n, last[n]
	}
	if len(parts) > 2 {
		n, err := strconv.Atoi(parts[2])
		if err != nil || n < 0 || n > last[minor] {
			return 0, 0, false
		}
		patch = n
	}
	return minor, patch, true
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
		fmt.Fprintf(stderr, "kexplain render: --keras %s: not a version kexplain prints (3, 2.7 to 2.15, 2, 2.3, 2.6, 1.0.0 to 1.2.2)\n", *keras)
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
