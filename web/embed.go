// Package web is kexplain's browser page: index.html, style.css and the scripts that show an
// explanation as a page, the examples its buttons load, and (when web/build.sh has built it into
// dist/) the engine compiled to WebAssembly. `kexplain serve` serves it from the binary; the folder
// can also be served by any static server once web/build.sh has run.
package web

import (
	"embed"
	"io/fs"
)

//go:generate ./build.sh

//go:embed index.html style.css engine.js view.js app.js examples all:dist
var files embed.FS

// Files are the page's files, as served: index.html at the root.
func Files() fs.FS { return files }

// Engine is the name of the compressed engine in Files, when the build embedded one.
const Engine = "dist/kexplain.wasm.gz"

// HasEngine reports whether the build embedded the engine in WebAssembly (web/build.sh ran
// before it).
func HasEngine() bool {
	_, err := fs.Stat(files, Engine)
	return err == nil
}
