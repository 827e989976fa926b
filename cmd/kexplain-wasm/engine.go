// Command kexplain-wasm is kexplain for the browser: built with GOOS=js GOARCH=wasm, it registers
// kexplain.explain and kexplain.render on the page's global object (see main.go and web/).
//
// This file holds the part that does not need syscall/js, so that it builds and is tested on any
// platform; main.go (js && wasm) wires it to JavaScript, stub.go says what to do anywhere else.
package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

// Exit statuses, with the CLI's meaning (cmd/kexplain/run.go; duplicated here since package main
// cannot be imported).
const (
	exitOK      = 0 // every number is consistent
	exitFlagged = 1 // something of severity error or warning was flagged
	exitUnread  = 2 // nothing could be read, or the arguments were wrong
)

// source is the input's name in positions ("<paste>:12: ..."), as "<stdin>" is for the CLI.
const source = "<paste>"

// outcome is what one call returns to JavaScript: the output, the exit status and the messages the
// CLI would print on stderr.
type outcome struct {
	Output      string
	Exit        int
	Diagnostics string
}

// explainText is `kexplain --format FORMAT` on src, without colour.
func explainText(src, format string) outcome {
	var out, diag strings.Builder
	doc := grammar.Parse(src)
	res := explain.Explain(doc)
	opt := render.Options{Source: source}
	var err error
	switch format {
	case "json":
		err = render.JSON(&out, res)
	case "markdown":
		err = render.Markdown(&out, res, opt)
	case "text", "":
		err = render.Text(&out, res, render.NewPalette(false), opt)
	default:
		return outcome{Exit: exitUnread, Diagnostics: fmt.Sprintf("kexplain: format %q: want text, markdown or json\n", format)}
	}
	if err != nil {
		fmt.Fprintf(&diag, "kexplain: %v\n", err)
		return outcome{Output: out.String(), Exit: exitUnread, Diagnostics: diag.String()}
	}
	exit := exitStatus(res, doc, &diag)
	return outcome{Output: out.String(), Exit: exit, Diagnostics: diag.String()}
}

// exitStatus is cmd/kexplain/run.go's exitStatus, duplicated (package main cannot be imported):
// 2 when nothing was read, saying why on stderr, 1 when something was flagged, else 0.
func exitStatus(res *explain.Result, doc *grammar.Document, stderr io.Writer) int {
	if len(res.Summaries) == 0 && len(res.Code) == 0 {
		for _, e := range doc.Errors {
			fmt.Fprintf(stderr, "%s:%s\n", source, e.Error())
		}
		for _, f := range doc.Foreign {
			fmt.Fprintf(stderr, "%s:%d: a %s table (PyTorch), not a Keras model.summary()\n", source, f.StartLine, f.Kind)
		}
		if len(doc.Errors) == 0 && len(doc.Foreign) == 0 {
			fmt.Fprintf(stderr, "kexplain: %s: no Keras model.summary() table found\n", source)
		}
		return exitUnread
	}
	if res.Alarms() {
		return exitFlagged
	}
	return exitOK
}

// printer writes a rebuilt model in one era's layout.
type printer func(w io.Writer, m *explain.CodeModel, v explain.Version) error

// era maps a version as `kexplain render` takes it ("3", "2.15" to "2.7", "2", "2.3", "2.6", "1",
// "1.M", "1.M.P", and "tfjs" for --tfjs) to the version the model is rebuilt as and its printer;
// a copy of cmd/kexplain/render.go's kerasEra, which package main keeps to itself.
func era(version string) (explain.Version, printer, bool) {
	switch version {
	case "tfjs":
		return explain.TFKeras, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error { return render.TFJS(w, m) }, true
	case "3", "":
		return explain.Keras3, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error { return render.Keras3(w, m) }, true
	case "2":
		return explain.VersionUnknown, render.Keras2, true
	case "2.3", "2.3.1":
		return explain.Keras2, render.Keras2, true
	case "2.6":
		return explain.TFKeras, render.Keras2, true
	}
	if minor, patch, ok := keras1Version(version); ok {
		return explain.Keras1, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
			return render.Keras1Version(w, m, minor, patch)
		}, true
	}
	for minor := 7; minor <= 15; minor++ {
		if version == "2."+strconv.Itoa(minor) {
			return explain.TFKeras, func(w io.Writer, m *explain.CodeModel, _ explain.Version) error {
				return render.Keras27(w, m, minor)
			}, true
		}
	}
	return 0, nil, false
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

// renderCode is `kexplain render --keras VERSION` (or --tfjs for "tfjs") on code.
func renderCode(code, version string) outcome {
	v, print, ok := era(version)
	if !ok {
		return outcome{Exit: exitUnread, Diagnostics: fmt.Sprintf("kexplain render: version %s: not a version kexplain prints (3, 2.7 to 2.15, 2, 2.3, 2.6, 1.0.0 to 1.2.2, tfjs)\n", version)}
	}
	doc := grammar.Parse(code)
	if v == explain.VersionUnknown {
		// "2": tf.keras 2.6 for tf.keras code, Keras 2.3.1 for any other
		v = explain.Keras2
		for _, sn := range doc.Code {
			if sn.Program != nil && explain.DetectVersion(sn.Program) == explain.TFKeras {
				v = explain.TFKeras
			}
		}
	}
	var model *explain.CodeModel
	var built explain.Version
	for _, c := range explain.ExplainCodeAs(doc.Code, v) {
		if c.Model != nil {
			model, built = c.Model, c.Version
		}
	}
	var out, diag strings.Builder
	if model == nil {
		for _, e := range doc.Errors {
			fmt.Fprintf(&diag, "%s:%s\n", source, e.Error())
		}
		fmt.Fprintf(&diag, "kexplain render: %s: no Keras model found in the code\n", source)
		return outcome{Exit: exitUnread, Diagnostics: diag.String()}
	}
	if err := print(&out, model, built); err != nil {
		fmt.Fprintf(&diag, "kexplain render: %v\n", err)
		return outcome{Output: out.String(), Exit: exitUnread, Diagnostics: diag.String()}
	}
	return outcome{Output: out.String(), Exit: exitOK}
}
