package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"unsafe"

	"github.com/mattn/go-isatty"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/ocr"
	"github.com/kexplain/kexplain/render"
)

// Exit statuses, as contract.md fixes them (internal/frontend maps results to them).
const (
	exitOK      = frontend.ExitOK
	exitFlagged = frontend.ExitFlagged
	exitUnread  = frontend.ExitUnread
)

const usage = `usage: kexplain [flags] [FILE|-]
       kexplain render [--keras 3|2.15|2.12|2.7|2|1] [--tfjs] [FILE|-]
       kexplain serve [--addr 127.0.0.1:8080] [--open]

Explains every row of a pasted Keras model.summary(): how its output shape and
parameter count follow from the layers feeding it, with the arithmetic written
out, and flags every count that no real Keras layer could produce. Reads FILE,
or standard input when FILE is - or absent. Finds every summary in the text
(forum posts, notebooks, quoted e-mail, Markdown) and explains each.

flags:
  --format text|markdown|json   output format (default text)
  --format mermaid|dot          the architecture as a picture: a Mermaid flowchart
                                (GitHub draws it) or a Graphviz graph (dot -Tsvg)
  --graph                       with --format markdown: a Mermaid flowchart under
                                each table
  --color auto|always|never     colour the text output (default auto: a terminal,
                                and NO_COLOR unset)
  --weights                     list every weight array with its size
  --version                     print the version
  -h, --help                    this help

kexplain render prints the summary that a Keras version (or TensorFlow.js)
would print for the model that the Keras code in FILE builds, without Keras or
TensorFlow; kexplain render -h lists the versions.

kexplain serve shows the same explanations as a page in the browser, served
by this binary on this machine only; kexplain serve -h says more.

exit status: 0 consistent, 1 something flagged, 2 nothing could be read,
3 internal error (a bug in kexplain: please report it)
`

// options are the command-line settings.
type options struct {
	format  string
	color   string
	weights bool
	graph   bool
	file    string
}

// Validate checks the settings.
func (o options) Validate() error {
	switch o.format {
	case "text", "markdown", "json", "mermaid", "dot":
	default:
		return fmt.Errorf("--format %q: want text, markdown, json, mermaid or dot", o.format)
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return fmt.Errorf("--color %q: want auto, always or never", o.color)
	}
	return nil
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("kexplain", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.format, "format", "text", "")
	fs.StringVar(&o.color, "color", "auto", "")
	fs.BoolVar(&o.weights, "weights", false, "")
	fs.BoolVar(&o.graph, "graph", false, "")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch fs.NArg() {
	case 0:
		o.file = "-"
	case 1:
		o.file = fs.Arg(0)
	default:
		return o, fmt.Errorf("one input at a time, got %d", fs.NArg())
	}
	return o, o.Validate()
}

// run is the whole command, testable in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) (status int) {
	defer frontend.Recover(stderr, &status)
	if status, done := subcommand(args, stdin, stdout, stderr); done {
		return status
	}
	o, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if err != nil {
		flagError(stderr, "kexplain", err)
		return exitUnread
	}
	hintTerminal(o.file, stdin, stderr)
	if st, err := os.Stat(o.file); tuneGC != nil && o.file != "-" && err == nil && st.Mode().IsRegular() {
		tuneGC(int(min(st.Size(), math.MaxInt32)), getenv) // before reading: reading it is the first collection's cause
	}
	src, name, err := readInput(o.file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "kexplain: %v\n", err)
		return exitUnread
	}
	if tuneGC != nil {
		tuneGC(len(src), getenv)
	}
	var pic *grammar.Picture
	if ocr.Detect([]byte(src[:min(len(src), detectBytes)])) != ocr.NotImage { // not a copy of the whole input
		page, ok := readPicture([]byte(src), name, stderr)
		if !ok {
			return exitUnread
		}
		src, pic = page.Text(), frontend.PictureOf(page)
		if os.Getenv("KEXPLAIN_OCR_DEBUG") != "" {
			fmt.Fprint(stderr, src)
		}
	}
	doc := grammar.Parse(src)
	doc.Picture = pic
	res := explain.Explain(doc)
	colour := useColour(o.color, stdout, getenv)
	ropt := render.Options{Source: name, Weights: o.weights, Graph: o.graph}
	// the renderers write a line at a time: buffered, that is not a write to the system each
	out := bufio.NewWriterSize(stdout, 64<<10)
	switch o.format {
	case "json":
		err = render.JSON(out, res)
	case "mermaid":
		err = render.Mermaid(out, res)
	case "dot":
		err = render.DOT(out, res)
	case "markdown":
		err = render.Markdown(out, res, ropt)
	default:
		err = render.Text(out, res, render.NewPalette(colour), ropt)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "kexplain: %v\n", err)
		return exitUnread
	}
	return frontend.ExitStatus(res, doc, name, stderr)
}

// readInput reads the named file, or standard input for "-".
func readInput(file string, stdin io.Reader) (string, string, error) {
	var b []byte
	var err error
	name := file
	if file == "-" {
		name = "<stdin>"
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return "", name, err
	}
	// the text shares the bytes read, which nothing writes to again: a large input is not copied
	return unsafe.String(unsafe.SliceData(b), len(b)), name, nil
}

// detectBytes is more than ocr.Detect reads of an input to tell a picture by its header.
const detectBytes = 64

// useColour decides about colour once: --color first, then NO_COLOR and TERM=dumb, then whether
// standard output is a terminal.
func useColour(flagVal string, stdout io.Writer, getenv func(string) string) bool {
	switch flagVal {
	case "always":
		return true
	case "never":
		return false
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	if f, ok := stdout.(*os.File); ok {
		return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return false
}
