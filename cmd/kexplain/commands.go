package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
)

// subcommand runs what is not an explanation of a paste: `kexplain render`, `kexplain serve`,
// `kexplain help [render|serve]` and `kexplain --version`. done is false when args are for the
// explanation itself.
func subcommand(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int, done bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch args[0] {
	case "render":
		return runRender(args[1:], stdin, stdout, stderr), true
	case "serve":
		return runServe(args[1:], stdout, stderr), true
	case "help":
		switch {
		case len(args) > 1 && args[1] == "render":
			fmt.Fprint(stdout, renderUsage)
		case len(args) > 1 && args[1] == "serve":
			fmt.Fprint(stdout, serveUsage)
		default:
			fmt.Fprint(stdout, usage)
		}
		return exitOK, true
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--version" || a == "-version" {
			fmt.Fprintln(stdout, versionLine())
			return exitOK, true
		}
	}
	return 0, false
}

// flagError is the one line a wrong flag or argument gets, without the usage that would scroll
// it away.
func flagError(stderr io.Writer, cmd string, err error) {
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(stderr, "%s: %s; see %s -h\n", cmd, msg, cmd)
}

// hintTerminal says, when kexplain is about to read a terminal, how to give it a paste: a person
// who typed `kexplain` alone would otherwise wait in silence.
func hintTerminal(file string, stdin io.Reader, stderr io.Writer) {
	if file != "-" {
		return
	}
	if f, ok := stdin.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		fmt.Fprintln(stderr, "kexplain: paste a model.summary() (or Keras code), then press Ctrl-D (Ctrl-Z Enter on Windows); kexplain -h for help")
	}
}
