package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/web"
)

const serveUsage = `usage: kexplain serve [--addr 127.0.0.1:8080] [--open] [--engine auto|wasm|native]

Serves kexplain's page from this binary: paste a model.summary() or Keras code
in the browser and read the explanation as a page (tables with every row's
arithmetic, the totals and their checks, the architecture as a picture, a copy
button for Markdown, and the summary any Keras version would print for code).
The page makes no request but to this server, and the server listens on this
machine only (127.0.0.1) unless --addr names another address.

flags:
  --addr HOST:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a
                     free port; 0.0.0.0:PORT opens it to the network)
  --open             open the page in the default browser
  --engine E         where the page's engine runs: wasm (in the browser, from
                     the WebAssembly built into this binary by web/build.sh),
                     native (in this process), or auto (default: wasm when this
                     binary has it and it was built from the same commit)
  -h, --help         this help
`

const defaultAddr = "127.0.0.1:8080"

type serveOptions struct {
	addr   string
	open   bool
	engine string
}

// runServe is `kexplain serve`: it serves until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	var o serveOptions
	fs := flag.NewFlagSet("kexplain serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "addr", defaultAddr, "")
	fs.BoolVar(&o.open, "open", false, "")
	fs.StringVar(&o.engine, "engine", "auto", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, serveUsage)
			return exitOK
		}
		flagError(stderr, "kexplain serve", err)
		return exitUnread
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kexplain serve: unexpected argument %q; see kexplain serve -h\n", fs.Arg(0))
		return exitUnread
	}
	switch o.engine {
	case "auto", "wasm", "native":
	default:
		fmt.Fprintf(stderr, "kexplain serve: --engine %q: want auto, wasm or native; see kexplain serve -h\n", o.engine)
		return exitUnread
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, o, stdout, stderr)
}

// serve listens, says where, and serves the page until ctx ends.
func serve(ctx context.Context, o serveOptions, stdout, stderr io.Writer) int {
	h, err := newPageHandler(o.engine, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "kexplain serve: %v\n", err)
		return exitUnread
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil && o.addr == defaultAddr && errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(stderr, "kexplain serve: %s is in use; serving on a free port instead\n", o.addr)
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		fmt.Fprintf(stderr, "kexplain serve: %v\n", err)
		return exitUnread
	}
	addr := ln.Addr().(*net.TCPAddr)
	h.loopback = addr.IP.IsLoopback()
	h.port = fmt.Sprint(addr.Port)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	url := "http://" + net.JoinHostPort(host, h.port) + "/"
	fmt.Fprintf(stdout, "kexplain: serving the page at %s (engine: %s); Ctrl-C stops\n", url, h.engineName())
	if !h.loopback {
		fmt.Fprintf(stderr, "kexplain serve: listening on %s: other machines can open the page too\n", ln.Addr())
	}
	if o.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(stderr, "kexplain serve: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "kexplain serve: %v\n", err)
		return exitUnread
	}
	return exitOK
}

// asset is one file of the page, ready to send.
type asset struct {
	ctype string
	raw   []byte // nil for the engines, which are kept compressed only
	gz    []byte // nil when not worth compressing
	size  int64  // the size uncompressed, for an asset kept compressed only
	etag  string
}

// pageHandler serves the page, its engine and, for a page whose engine runs here, the API.
type pageHandler struct {
	assets   map[string]*asset // by URL path
	wasm     bool              // the page's engine runs in the browser
	wasmSize int64             // the engine's size uncompressed
	stamp    string
	loopback bool   // listening on loopback: requests must name a loopback host
	port     string // the port listened on
	// reading holds a place for each picture being read by the tesseract command (api/picture):
	// one at a time, the others wait their turn
	reading chan struct{}
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
	".svg":  "image/svg+xml",
	".wasm": "application/wasm",
}

func newPageHandler(engine string, stderr io.Writer) (*pageHandler, error) {
	h := &pageHandler{assets: map[string]*asset{}, loopback: true, reading: make(chan struct{}, 1)}
	files := web.Files()
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ctype, ok := contentTypes[path.Ext(p)]
		if !ok || strings.HasPrefix(p, "dist/") && p != "dist/wasm_exec.js" {
			return nil // the engines are added below; READMEs and stamps are not served
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		url := "/" + strings.TrimPrefix(p, "dist/")
		h.assets[url] = newAsset(ctype, b, true)
		return nil
	})
	if err != nil {
		return nil, err
	}
	h.assets["/"] = h.assets["/index.html"]
	if h.assets["/"] == nil {
		return nil, errors.New("the page is missing from this binary")
	}
	gz, err := fs.ReadFile(files, web.Engine)
	have := err == nil && len(gz) > 4 && h.assets["/wasm_exec.js"] != nil
	if have {
		st, _ := fs.ReadFile(files, "dist/stamp.txt")
		h.stamp = strings.TrimSpace(string(st))
	}
	switch engine {
	case "wasm":
		if !have {
			return nil, errors.New("--engine wasm: this binary has no WebAssembly engine (run web/build.sh, then build kexplain)")
		}
		h.wasm = true
	case "auto":
		h.wasm = have
		if have {
			if why := staleEngine(h.stamp); why != "" {
				fmt.Fprintf(stderr, "kexplain serve: %s; the page uses this process's engine instead (web/build.sh, then a new build, brings them together)\n", why)
				h.wasm = false
			}
		}
	}
	if h.wasm {
		a := gzAsset(contentTypes[".wasm"], gz)
		h.assets["/kexplain.wasm"] = a
		h.wasmSize = a.size
		if err := h.addOCR(files); err != nil {
			return nil, err
		}
	} else {
		delete(h.assets, "/wasm_exec.js")
	}
	info, _ := json.Marshal(map[string]any{"engine": h.engineName(), "wasm_bytes": h.wasmSize, "stamp": h.stamp, "version": versionLine(),
		"pictures": h.pictures()})
	h.assets["/engine.json"] = newAsset(contentTypes[".json"], info, false)
	return h, nil
}

// gzAsset is a file kept compressed only (gz is gzip's output; its last four bytes give the
// size unpacked).
func gzAsset(ctype string, gz []byte) *asset {
	a := &asset{ctype: ctype, gz: gz}
	sum := sha256.Sum256(gz)
	a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	if len(gz) > 4 {
		a.size = int64(binary.LittleEndian.Uint32(gz[len(gz)-4:])) // gzip's ISIZE
	}
	return a
}

// addOCR serves Tesseract in WebAssembly for the page's pictures (web/build.sh puts it in
// dist/ocr/) under /ocr/: tesseract.js and its worker as they are, each core (NAME.wasm.js.gz)
// as NAME.wasm.js sent compressed, and the model (eng.traineddata.gz), which tesseract.js unpacks
// itself, as it is. A build without it serves the page without pictures (the page says so).
func (h *pageHandler) addOCR(files fs.FS) error {
	entries, err := fs.ReadDir(files, "dist/ocr")
	if err != nil {
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		b, err := fs.ReadFile(files, "dist/ocr/"+name)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(name, ".wasm.js.gz"):
			h.assets["/ocr/"+strings.TrimSuffix(name, ".gz")] = gzAsset(contentTypes[".js"], b)
		case strings.HasSuffix(name, ".traineddata.gz"):
			h.assets["/ocr/"+name] = newAsset("application/gzip", b, false)
		case strings.HasSuffix(name, ".js"):
			h.assets["/ocr/"+name] = newAsset(contentTypes[".js"], b, true)
		}
	}
	return nil
}

func newAsset(ctype string, b []byte, compress bool) *asset {
	a := &asset{ctype: ctype, raw: b}
	sum := sha256.Sum256(b)
	a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	if compress && len(b) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		a.gz = buf.Bytes()
	}
	return a
}

// pictures says where the page's pictures are read: "browser" (tesseract.js, served from
// /ocr/ with the WebAssembly engine), "server" (this process runs the tesseract command: POST
// /api/picture; it says what to install when Tesseract is missing).
func (h *pageHandler) pictures() string {
	if h.wasm && h.assets["/ocr/worker.min.js"] != nil {
		return "browser"
	}
	return "server"
}

func (h *pageHandler) engineName() string {
	if h.wasm {
		return "wasm"
	}
	return "native"
}

// staleEngine says why the embedded engine may not be this binary's, "" when nothing says so:
// web/build.sh stamps the commit it built from, and Go stamps this binary's (unless it was built
// with -buildvcs=false).
func staleEngine(stamp string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	return staleStamp(stamp, rev, modified == "true")
}

// staleStamp compares the engine's stamp ("commit REV[+dirty]") with the binary's commit.
func staleStamp(stamp, rev string, modified bool) string {
	var built string
	for _, l := range strings.Split(stamp, "\n") {
		if v, ok := strings.CutPrefix(l, "commit "); ok {
			built = strings.TrimSpace(v)
		}
	}
	if rev == "" || built == "" || built == "unknown" {
		return "" // nothing to compare
	}
	if strings.TrimSuffix(built, "+dirty") != rev {
		return fmt.Sprintf("the embedded engine was built from commit %.12s, this binary from %.12s", built, rev)
	}
	return "" // the same commit (with local changes on either side, the build script is trusted)
}

// The page's policy: nothing but this server, ever.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (h *pageHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !h.allowedHost(r.Host) {
		http.Error(w, "kexplain serve answers requests for this machine only", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case "/api/explain", "/api/render", "/api/picture":
		h.api(w, r)
		return
	}
	a := h.assets[r.URL.Path]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hd.Set("Content-Type", a.ctype)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("ETag", a.etag)
	if a.gz != nil {
		hd.Set("Vary", "Accept-Encoding")
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.raw
	switch {
	case a.gz != nil && acceptsGzip(r):
		hd.Set("Content-Encoding", "gzip")
		body = a.gz
	case a.raw == nil: // an engine, for a client that takes no gzip
		zr, err := gzip.NewReader(bytes.NewReader(a.gz))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		hd.Set("Content-Length", fmt.Sprint(a.size))
		if r.Method == http.MethodGet {
			io.Copy(w, zr)
		}
		return
	}
	hd.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// allowedHost guards a loopback server against pages elsewhere that point a name of theirs at
// 127.0.0.1 (DNS rebinding): the request must name this machine.
func (h *pageHandler) allowedHost(host string) bool {
	if !h.loopback {
		return true
	}
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, ""
	}
	if h.port != "" && port != "" && port != h.port {
		return false
	}
	switch strings.ToLower(strings.Trim(name, "[]")) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// maxPaste bounds what the API reads.
const maxPaste = 16 << 20

// api runs the engine here, for a page whose engine is not in the browser: POST /api/explain
// with the paste as the body gives frontend.PageResult; POST /api/render?version=V with code gives
// {output, exit, diagnostics}; POST /api/picture with a PNG or JPEG picture as the body reads it
// with the tesseract command, as `kexplain shot.png` does, and gives frontend.PageResult.
func (h *pageHandler) api(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPaste))
	if err != nil {
		http.Error(w, "the paste is larger than 16 MB", http.StatusRequestEntityTooLarge)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/api/explain":
		io.WriteString(w, frontend.PageJSON(string(body)))
		return
	case "/api/picture":
		select {
		case h.reading <- struct{}{}:
			defer func() { <-h.reading }()
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, frontend.PicturePage(body, recognize).Encode())
		return
	}
	out, exit, diag := frontend.PageRender(string(body), r.URL.Query().Get("version"))
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{"output": out, "exit": exit, "diagnostics": diag})
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
