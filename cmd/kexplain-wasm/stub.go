//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main outside the browser only says how to build this command; kexplain-wasm runs as WebAssembly
// (web/build.sh builds it), and the kexplain command is ./cmd/kexplain.
func main() {
	fmt.Fprintln(os.Stderr, "kexplain-wasm: build with GOOS=js GOARCH=wasm (see web/build.sh); for the command line use ./cmd/kexplain")
	os.Exit(exitUnread)
}
