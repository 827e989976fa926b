// Package frontend is what kexplain's front ends share — the command (cmd/kexplain), the browser
// build (cmd/kexplain-wasm) and the corpus runner: the exit statuses and the one mapping of a
// result to them, and the summary printers that `kexplain render` offers by version. It sits
// above render in the import order and does no I/O of its own: callers pass the writers.
package frontend

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/render"
)

// Exit statuses, as contract.md fixes them.
const (
	ExitOK      = 0 // every number is consistent
	ExitFlagged = 1 // something of severity error or warning was flagged
	ExitUnread  = 2 // nothing could be read, or the arguments were wrong
	// ExitInternal is a bug in kexplain: a panic, recovered only at the top of a front end (never
	// turned into a note), with the message on stderr.
	ExitInternal = 3
)

// Recover is deferred at the top of a front end: a panic becomes "internal error" on stderr and
// the status ExitInternal.
func Recover(stderr io.Writer, status *int) {
	r := recover()
	if r == nil {
		return
	}
	fmt.Fprintf(stderr, "kexplain: internal error at %s: %v (a bug in kexplain: please report it, with the input)\n%s", panicSite(), r, debug.Stack())
	*status = ExitInternal
}

// panicSite names the function and line of kexplain's own code where a recovered panic happened
// ("grammar.(*finder).build (grammar/table.go:120)"), read from the panicking goroutine's stack.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		fr, more := frames.Next()
		if strings.Contains(fr.Function, "kexplain/kexplain/") && !strings.Contains(fr.Function, "internal/frontend.") {
			file := fr.File
			if i := strings.LastIndex(file, "/"); i >= 0 {
				if j := strings.LastIndex(file[:i], "/"); j >= 0 {
					file = file[j+1:]
				}
			}
			return fr.Function[strings.LastIndex(fr.Function, "/")+1:] + " (" + file + ":" + strconv.Itoa(fr.Line) + ")"
		}
		if !more {
			return "an unknown place"
		}
	}
}

// ExitStatus maps an explained paste to the exit status, in one place, and says on stderr why
// nothing was read when nothing was; name is the input's name in positions ("<stdin>").
func ExitStatus(res *explain.Result, doc *grammar.Document, name string, stderr io.Writer) int {
	models := 0
	for _, c := range res.Code {
		if c.Model != nil {
			models++
		}
	}
	if len(res.Summaries) == 0 && models == 0 {
		for _, e := range doc.Errors {
			fmt.Fprintf(stderr, "%s:%s\n", name, e.Error())
		}
		for _, e := range doc.Notes {
			fmt.Fprintf(stderr, "%s:%s\n", name, e.Error())
		}
		for _, e := range doc.Empty {
			fmt.Fprintf(stderr, "%s:%s\n", name, e.Error())
		}
		for _, f := range doc.Foreign {
			fmt.Fprintf(stderr, "%s:%d: %s\n", name, f.StartLine, f.Describe())
		}
		said := len(doc.Errors) > 0 || len(doc.Notes) > 0 || len(doc.Empty) > 0 || len(doc.Foreign) > 0
		// code that builds no model says why, at which line
		for _, c := range res.Code {
			start, end := 0, 0
			if c.Snippet != nil {
				start, end = c.Snippet.StartLine, c.Snippet.EndLine
			}
			fmt.Fprintf(stderr, "%s:%d: no model could be rebuilt from the Keras code of lines %d-%d\n", name, start, start, end)
			for _, f := range c.Flags {
				fmt.Fprintf(stderr, "%s:%s\n", name, f.Message)
			}
			said = true
		}
		if len(res.Code) == 0 {
			for _, sn := range doc.Code {
				fmt.Fprintf(stderr, "%s:%d: the code of lines %d-%d makes no Keras layer or model\n", name, sn.StartLine, sn.StartLine, sn.EndLine)
				said = true
			}
		}
		if !said {
			fmt.Fprintf(stderr, "kexplain: %s: no Keras model.summary() table found\n", name)
		}
		return ExitUnread
	}
	if res.Alarms() {
		return ExitFlagged
	}
	return ExitOK
}

// Era is what one `kexplain render` version prints: the version the model is rebuilt as
// (layers.VersionUnknown: Keras 2, or tf.keras 2.6 for tf.keras code) and its printer.
type Era struct {
	Version layers.Version
	Print   func(w io.Writer, m *interp.Model, v layers.Version) error
}

// Versions lists the versions LookupEra takes, for messages.
const Versions = "3, 2.7 to 2.15, 2, 2.3, 2.6, 1.0.0 to 1.2.2"

// LookupEra reads a --keras value ("3", "2.15" to "2.7", "2", "2.3", "2.6", "1", "1.M",
// "1.M.P"), or TensorFlow.js when tfjs is set.
func LookupEra(version string, tfjs bool) (Era, bool) {
	if tfjs {
		return Era{layers.TFKeras, func(w io.Writer, m *interp.Model, _ layers.Version) error { return render.TFJS(w, m) }}, true
	}
	switch version {
	case "3":
		return Era{layers.Keras3, func(w io.Writer, m *interp.Model, _ layers.Version) error { return render.Keras3(w, m) }}, true
	case "2":
		return Era{layers.VersionUnknown, render.Keras2}, true
	case "2.3", "2.3.1":
		return Era{layers.Keras2, render.Keras2}, true
	case "2.6":
		return Era{layers.TFKeras, render.Keras2}, true
	}
	if minor, patch, ok := keras1Version(version); ok {
		return Era{layers.Keras1, func(w io.Writer, m *interp.Model, _ layers.Version) error {
			return render.Keras1Version(w, m, minor, patch)
		}}, true
	}
	for minor := 7; minor <= 15; minor++ {
		if version == "2."+strconv.Itoa(minor) {
			return Era{layers.TFKeras, func(w io.Writer, m *interp.Model, _ layers.Version) error {
				return render.Keras27(w, m, minor)
			}}, true
		}
	}
	return Era{}, false
}

// keras1Version reads 1, 1.M or 1.M.P (1.0.0 to 1.2.2); a missing part is the last release.
func keras1Version(s string) (minor, patch int, ok bool) {
	last := []int{8, 2, 2} // 1.0.8, 1.1.2, 1.2.2
	parts := strings.Split(s, ".")
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

// RenderCode rebuilds the model that the code in src builds and prints the summary era e would
// print to w; what goes wrong is said on stderr, positions named by name. It returns the exit
// status.
func RenderCode(src, name string, e Era, w, stderr io.Writer) int {
	doc := grammar.Parse(src)
	version := e.Version
	if version == layers.VersionUnknown {
		// --keras 2: tf.keras 2.6 for tf.keras code, Keras 2.3.1 for any other
		version = layers.Keras2
		for _, sn := range doc.Code {
			if sn.Program != nil && interp.DetectVersion(sn.Program) == layers.TFKeras {
				version = layers.TFKeras
			}
		}
	}
	var model *interp.Model
	var built layers.Version
	results := explain.ExplainCodeAs(doc.Code, version)
	for _, c := range results {
		if c.Model != nil {
			model, built = c.Model, c.Version
		}
	}
	// what could not be read is said, whether a model was found or not: a line the code breaks
	// (a bracket never closed) may hold layers the printed model lacks
	for _, err := range doc.Errors {
		fmt.Fprintf(stderr, "%s:%s\n", name, err.Error())
	}
	if model == nil {
		for _, c := range results {
			for _, f := range c.Flags {
				fmt.Fprintf(stderr, "%s:%s\n", name, f.Message)
			}
		}
		fmt.Fprintf(stderr, "kexplain render: %s: no Keras model found in the code\n", name)
		return ExitUnread
	}
	for _, c := range results {
		if c.Model == model {
			for _, f := range c.Flags {
				fmt.Fprintf(stderr, "%s:%s\n", name, f.Message)
			}
		}
	}
	for i, m := range printedModels(results, model) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := e.Print(w, m, built); err != nil {
			fmt.Fprintf(stderr, "kexplain render: %v\n", err)
			return ExitUnread
		}
	}
	return ExitOK
}

// printedModels are the summaries the code prints, in order: each summary() call's model when
// the code calls summary() more than once (an encoder, then the model that holds it), else the
// model it builds. Keras prints every one; so does render.
func printedModels(results []*explain.CodeResult, last *interp.Model) []*interp.Model {
	var printed []*interp.Model
	for _, c := range results {
		for _, m := range c.Models {
			if m.SummaryLine > 0 {
				printed = append(printed, m)
			}
		}
	}
	if len(printed) < 2 {
		return []*interp.Model{last}
	}
	return printed
}
