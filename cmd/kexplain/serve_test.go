package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/ocr"
	"github.com/kexplain/kexplain/render"
	"github.com/kexplain/kexplain/web"
)

func get(t *testing.T, h http.Handler, method, target string, body string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Host = "127.0.0.1:8080"
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newHandler(t *testing.T, engine string) *pageHandler {
	t.Helper()
	h, err := newPageHandler(engine, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h.port = "8080"
	return h
}

// TestServePage checks what kexplain serve sends: the page's files with their content types,
// compressed when the browser takes gzip, under a policy that allows nothing but this server.
func TestServePage(t *testing.T) {
	h := newHandler(t, "native")
	for path, ctype := range map[string]string{"/": "text/html; charset=utf-8", "/index.html": "text/html; charset=utf-8",
		"/app.js": "text/javascript; charset=utf-8", "/view.js": "text/javascript; charset=utf-8", "/engine.js": "text/javascript; charset=utf-8",
		"/style.css": "text/css; charset=utf-8", "/examples/examples.json": "application/json", "/examples/seed-model.txt": "text/plain; charset=utf-8",
		"/engine.json": "application/json"} {
		resp := get(t, h, "GET", path, "", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %s", path, resp.Status)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", path, got, ctype)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
		body := readBody(t, resp)
		file := strings.TrimPrefix(path, "/")
		if file == "" {
			file = "index.html"
		}
		if want, err := fs.ReadFile(web.Files(), file); err == nil && !bytes.Equal(body, want) {
			t.Errorf("GET %s: the body is not the file", path)
		}
	}
	// a large text file comes compressed; the same without gzip comes as it is
	resp := get(t, h, "GET", "/view.js", "", map[string]string{"Accept-Encoding": "gzip"})
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("view.js: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	resp = get(t, h, "GET", "/view.js", "", nil)
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("view.js without gzip: Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	etag := resp.Header.Get("ETag")
	if resp = get(t, h, "GET", "/view.js", "", map[string]string{"If-None-Match": etag}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("view.js with its ETag: %s, want 304", resp.Status)
	}
	for _, path := range []string{"/missing", "/embed.go", "/dist/stamp.txt", "/dist/README.md", "/kexplain.wasm", "/wasm_exec.js", "/../go.mod"} {
		if resp := get(t, h, "GET", path, "", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s (native engine): %s, want 404", path, resp.Status)
		}
	}
	if resp := get(t, h, "POST", "/", "x", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %s", resp.Status)
	}
	if resp := get(t, h, "GET", "/api/explain", "", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/explain: %s", resp.Status)
	}
	var info map[string]any
	if err := json.Unmarshal(readBody(t, get(t, h, "GET", "/engine.json", "", nil)), &info); err != nil || info["engine"] != "native" {
		t.Errorf("engine.json: %v %v", info, err)
	}
}

// TestServeHost checks that a loopback server answers only requests that name this machine.
func TestServeHost(t *testing.T) {
	h := newHandler(t, "native")
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "LOCALHOST:8080": 200,
		"evil.example:8080": http.StatusMisdirectedRequest, "127.0.0.1:9999": http.StatusMisdirectedRequest, "10.0.0.2:8080": http.StatusMisdirectedRequest} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
}

const seedTable = `Model: "sequential_1"
_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
conv1d_1 (Conv1D)            (None, 41, 64)            256       
_________________________________________________________________
max_pooling1d_1 (MaxPooling1 (None, 20, 64)            0         
_________________________________________________________________
flatten_1 (Flatten)          (None, 1280)              0         
_________________________________________________________________
dense_1 (Dense)              (None, 128)               163968    
_________________________________________________________________
dropout_1 (Dropout)          (None, 128)               0         
_________________________________________________________________
dense_2 (Dense)              (None, 5)                 645       
=================================================================
Total params: 164,869
Trainable params: 164,869
Non-trainable params: 0
_________________________________________________________________
`

// TestServeAPI checks the engine the server runs for a page without WebAssembly: the same JSON
// as kexplain --format json, the graphs, the exit status.
func TestServeAPI(t *testing.T) {
	h := newHandler(t, "native")
	resp := get(t, h, "POST", "/api/explain", seedTable, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("POST /api/explain: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	var got struct {
		JSON   json.RawMessage
		Graphs []frontend.PageGraph
		Exit   int
	}
	if err := json.Unmarshal(readBody(t, resp), &got); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := render.JSON(&want, explain.Explain(grammar.Parse(seedTable))); err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal(got.JSON, &a)
	json.Unmarshal(want.Bytes(), &b)
	if !jsonEqual(a, b) {
		t.Errorf("api/explain's JSON is not kexplain --format json's")
	}
	if got.Exit != exitOK || len(got.Graphs) != 1 || !strings.Contains(got.Graphs[0].SVG, "dense_1") || !strings.HasPrefix(got.Graphs[0].Mermaid, "flowchart TB") {
		t.Errorf("api/explain: exit %d, %d graphs", got.Exit, len(got.Graphs))
	}
	resp = get(t, h, "POST", "/api/render?version=2.15", "import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((4,)), layers.Dense(2)])\nm.summary()\n", nil)
	var r struct {
		Output string
		Exit   int
	}
	if err := json.Unmarshal(readBody(t, resp), &r); err != nil || r.Exit != exitOK || !strings.Contains(r.Output, "Total params: 10") {
		t.Errorf("api/render: %+v %v", r, err)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestServeWasm checks the engine in WebAssembly, when web/build.sh built it into this binary:
// sent gzip-compressed as application/wasm, or unpacked for a client that takes no gzip.
func TestServeWasm(t *testing.T) {
	if !web.HasEngine() {
		t.Skip("no web/dist/kexplain.wasm.gz: run web/build.sh to test the page's WebAssembly engine")
	}
	h := newHandler(t, "wasm")
	resp := get(t, h, "GET", "/kexplain.wasm", "", map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/wasm" || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET /kexplain.wasm: %s, %q, %q", resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
	}
	b := readBody(t, resp)
	if !bytes.HasPrefix(b, []byte("\x00asm")) || int64(len(b)) != h.wasmSize {
		t.Errorf("the engine unpacks to %d bytes, not a wasm module of %d", len(b), h.wasmSize)
	}
	raw := readBody(t, get(t, h, "GET", "/kexplain.wasm", "", nil))
	if !bytes.Equal(raw, b) {
		t.Errorf("without gzip: %d bytes, want the same module", len(raw))
	}
	if resp := get(t, h, "GET", "/wasm_exec.js", "", nil); resp.StatusCode != 200 {
		t.Errorf("wasm_exec.js: %s", resp.Status)
	}
}

// TestServeListens runs kexplain serve on a free loopback port: it says where, answers there,
// and stops when told to.
func TestServeListens(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, serveOptions{addr: "127.0.0.1:0", engine: "native"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`^kexplain: serving the page at (http://127\.0\.0\.1:\d+/) \(engine: native\); Ctrl-C stops\n$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve said %q", line)
	}
	resp, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %s", m[1], resp.Status)
	}
	cancel()
	select {
	case st := <-done:
		if st != exitOK {
			t.Errorf("serve returned %d", st)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestPageMakesNoOutsideRequests checks the page's own files for addresses outside this server.
func TestPageMakesNoOutsideRequests(t *testing.T) {
	outside := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|fetch\(\s*["'](https?:)?//|@import|https?://`)
	err := fs.WalkDir(web.Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "dist/") || strings.HasPrefix(p, "examples/") {
			return err
		}
		b, err := fs.ReadFile(web.Files(), p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if loc := outside.FindStringIndex(line); loc != nil {
				t.Errorf("%s:%d: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHintNotForFiles(t *testing.T) {
	// a file is no terminal: no hint
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	hintTerminal("-", f, &stderr)
	if stderr.Len() != 0 {
		t.Errorf("hint for a file: %q", stderr.String())
	}
}

func TestStaleStamp(t *testing.T) {
	const rev = "1193f8c5fc6235575ad3762b5be2f29f7d6b1208"
	for _, c := range []struct {
		stamp, rev string
		stale      bool
	}{
		{"commit " + rev + "\ngo go1.26.8\n", rev, false},
		{"commit " + rev + "+dirty\n", rev, false},
		{"commit 0000000000000000000000000000000000000000\n", rev, true},
		{"commit " + rev + "\n", "", false}, // a binary built without VCS stamps
		{"commit unknown\n", rev, false},
		{"", rev, false},
	} {
		if got := staleStamp(c.stamp, c.rev, false) != ""; got != c.stale {
			t.Errorf("stamp %q, binary %q: stale %v, want %v", c.stamp, c.rev, got, c.stale)
		}
	}
}

// TestServeOCR checks Tesseract for the page's pictures, when web/build.sh put it in this binary:
// the worker and the script as they are, each core sent compressed (or unpacked for a client that
// takes no gzip), the model as the .gz that tesseract.js unpacks itself; engine.json says that
// pictures are read in the browser.
func TestServeOCR(t *testing.T) {
	if !web.HasEngine() {
		t.Skip("no web/dist: run web/build.sh to test the page's Tesseract")
	}
	h := newHandler(t, "wasm")
	if h.assets["/ocr/worker.min.js"] == nil {
		t.Skip("no web/dist/ocr: run web/build.sh to test the page's Tesseract")
	}
	var info struct{ Pictures string }
	if err := json.Unmarshal(readBody(t, get(t, h, "GET", "/engine.json", "", nil)), &info); err != nil || info.Pictures != "browser" {
		t.Errorf("engine.json: pictures %q (%v), want browser", info.Pictures, err)
	}
	for _, p := range []string{"/ocr/tesseract.min.js", "/ocr/worker.min.js"} {
		if resp := get(t, h, "GET", p, "", nil); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: %s %s", p, resp.Status, resp.Header.Get("Content-Type"))
		}
	}
	const core = "/ocr/tesseract-core-relaxedsimd-lstm.wasm.js"
	resp := get(t, h, "GET", core, "", map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("%s: %s, %q, %q", core, resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
	}
	js := readBody(t, resp)
	if !bytes.HasPrefix(js, []byte("var TesseractCore")) {
		t.Errorf("%s unpacks to %.40q", core, js)
	}
	plain := get(t, h, "GET", core, "", nil)
	if b := readBody(t, plain); plain.Header.Get("Content-Encoding") != "" || !bytes.Equal(b, js) || plain.Header.Get("Content-Length") != strconv.Itoa(len(js)) {
		t.Errorf("%s without gzip: %d bytes (Content-Length %s), want the same %d", core, len(b), plain.Header.Get("Content-Length"), len(js))
	}
	model := get(t, h, "GET", "/ocr/eng.traineddata.gz", "", map[string]string{"Accept-Encoding": "gzip"})
	if b := readBody(t, model); model.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) || len(b) < 1<<20 {
		t.Errorf("the model: %q, %d bytes starting %x", model.Header.Get("Content-Encoding"), len(b), b[:2])
	}
}

// TestServeAPIPicture reads pictures in the kexplain process (POST /api/picture), with the
// command's recogniser.
func TestServeAPIPicture(t *testing.T) {
	h := newHandler(t, "native")
	var info struct{ Pictures string }
	if err := json.Unmarshal(readBody(t, get(t, h, "GET", "/engine.json", "", nil)), &info); err != nil || info.Pictures != "server" {
		t.Errorf("engine.json: pictures %q (%v), want server", info.Pictures, err)
	}
	saved := recognize
	defer func() { recognize = saved }()
	recognize = func(ocr.Request) ([]byte, error) {
		return nil, errors.New("reading a picture needs Tesseract OCR (test)")
	}
	var got struct {
		Exit        int
		Diagnostics string
		Picture     *frontend.PagePicture
	}
	if err := json.Unmarshal(readBody(t, get(t, h, "POST", "/api/picture", "GIF89a\x01\x00\x01\x00", nil)), &got); err != nil || got.Exit != exitUnread || !strings.Contains(got.Diagnostics, "a GIF picture") || got.Picture == nil {
		t.Errorf("a GIF: %+v %v", got, err)
	}
	shot, err := os.ReadFile("../../web/check/pictures/seed-keras231.png")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readBody(t, get(t, h, "POST", "/api/picture", string(shot), nil)), &got); err != nil || got.Exit != exitUnread || !strings.Contains(got.Diagnostics, "needs Tesseract OCR (test)") {
		t.Errorf("a picture the recogniser fails on: %+v %v", got, err)
	}
}
