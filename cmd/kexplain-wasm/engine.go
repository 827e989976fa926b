// Command kexplain-wasm is kexplain for the browser: built with GOOS=js GOARCH=wasm, it registers
// kexplain.page, kexplain.explain, kexplain.render and kexplain.picture on the page's global
// object (see main.go, picture.go and web/).
//
// This file holds the part that does not need syscall/js, so that it builds and is tested on any
// platform; main.go (js && wasm) wires it to JavaScript, stub.go says what to do anywhere else.
package main

import (
	"fmt"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/render"
)

// Exit statuses, with the CLI's meaning (internal/frontend).
const (
	exitOK      = frontend.ExitOK
	exitFlagged = frontend.ExitFlagged
	exitUnread  = frontend.ExitUnread
)

// source is the input's name in positions ("<paste>:12: ..."), as "<stdin>" is for the CLI.
const source = frontend.PageSource

// outcome is what one call returns to JavaScript: the output, the exit status and the messages the
// CLI would print on stderr.
type outcome struct {
	Output      string
	Exit        int
	Diagnostics string
}

// explainText is `kexplain --format FORMAT` on src, without colour.
func explainText(src, format string) (o outcome) {
	defer recoverOutcome(&o)
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
	exit := frontend.ExitStatus(res, doc, source, &diag)
	return outcome{Output: out.String(), Exit: exit, Diagnostics: diag.String()}
}

// renderCode is `kexplain render --keras VERSION` (or --tfjs for "tfjs") on code.
func renderCode(code, version string) (o outcome) {
	defer recoverOutcome(&o)
	out, exit, diag := frontend.PageRender(code, version)
	return outcome{Output: out, Exit: exit, Diagnostics: diag}
}

// pageJSON is what the page shows for a paste (frontend.Page), as JSON.
func pageJSON(src string) string { return frontend.PageJSON(src) }

// recoverOutcome turns a panic into the CLI's internal error: status 3 and the message.
func recoverOutcome(o *outcome) {
	if r := recover(); r != nil {
		*o = outcome{Exit: frontend.ExitInternal, Diagnostics: fmt.Sprintf("kexplain: internal error (please report it, with the input): %v\n", r)}
	}
}
