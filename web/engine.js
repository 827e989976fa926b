// engine.js: kexplain's engine for the page, wherever it runs.
//
// `kexplain serve` says in engine.json where that is: "wasm" (the engine compiled to WebAssembly,
// run in this page: kexplain.wasm with Go's wasm_exec.js) or "native" (the kexplain process that
// serves the page, through POST api/explain and api/render). A static copy of web/ has no
// engine.json: the page then loads dist/kexplain.wasm.gz, which web/build.sh writes, and
// unpacks it itself. Either way nothing leaves this machine.
//
// Pictures: with the engine in WebAssembly, Go prepares the picture and lays out what was read
// (package ocr, the same code as `kexplain shot.png`), and Tesseract compiled to WebAssembly
// (tesseract.js, served by kexplain serve from ocr/) recognises the text: kexplain.picture calls
// back recognize() below for each reading (the text, then the count column with digits only).
// With the engine in the kexplain process, the picture is posted to api/picture and read there
// by the tesseract command.
"use strict";

const Engine = (() => {
  let mode = null;
  let info = null; // engine.json, null for a static copy
  let stopped = new Promise(() => {}); // rejects if the WebAssembly engine exits

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(s);
    });
  }

  // readAll reads a response body, reporting progress as (bytes so far, total).
  async function readAll(body, total, onProgress) {
    const reader = body.getReader();
    const chunks = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      onProgress(got, total);
    }
    const out = new Uint8Array(got);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  async function startWasm(info, onProgress) {
    const served = info !== null; // kexplain serve: plain paths, gzip done by HTTP
    await loadScript(served ? "wasm_exec.js" : "dist/wasm_exec.js");
    const resp = await fetch(served ? "kexplain.wasm" : "dist/kexplain.wasm.gz");
    if (!resp.ok) {
      throw new Error("the engine is not there (HTTP " + resp.status + "); run web/build.sh, or use kexplain serve");
    }
    let bytes;
    if (served) {
      bytes = await readAll(resp.body, info.wasm_bytes || 0, onProgress);
    } else {
      const total = +resp.headers.get("Content-Length") || 0;
      let got = 0;
      const counted = resp.body.pipeThrough(new TransformStream({
        transform(chunk, ctl) { got += chunk.length; onProgress(got, total); ctl.enqueue(chunk); },
      }));
      bytes = await readAll(counted.pipeThrough(new DecompressionStream("gzip")), 0, () => {});
    }
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    const ready = new Promise((resolve) => { globalThis.kexplainReady = resolve; });
    // go.run settles only when the Go program exits, which it does not unless it crashed: then
    // every call waiting on it fails instead of waiting for ever
    stopped = go.run(instance).then(() => { throw new Error("the engine stopped (a bug in kexplain: see the browser's console)"); });
    stopped.catch(() => {});
    await ready;
  }

  // start makes the engine ready and says where it runs: "wasm" or "native".
  async function start(onProgress) {
    try {
      const r = await fetch("engine.json", { cache: "no-cache" });
      if (r.ok) info = await r.json();
    } catch (e) { /* a static copy */ }
    if (info && info.engine === "native") {
      mode = "native";
    } else {
      await startWasm(info, onProgress);
      mode = "wasm";
    }
    return { mode, version: info ? info.version : "" };
  }

  async function post(url, text) {
    const r = await fetch(url, { method: "POST", body: text, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (!r.ok) throw new Error(url + ": HTTP " + r.status + " " + (await r.text()).trim());
    return r.json();
  }

  // page explains a paste: {json, markdown, markdown_graph, graphs, exit, diagnostics}.
  async function page(text) {
    if (mode === "wasm") return JSON.parse(globalThis.kexplain.page(text));
    return post("api/explain", text);
  }

  // render prints the summary a Keras version would print for code: {output, exit, diagnostics}.
  async function render(code, version) {
    if (mode === "wasm") return globalThis.kexplain.render(code, version);
    return post("api/render?version=" + encodeURIComponent(version), code);
  }

  // Tesseract in WebAssembly, started on the first picture. Every path is this server's:
  // tesseract.js would fetch its worker, core and model from CDNs otherwise.
  let ocr = null; // a Promise of the tesseract.js worker
  let ocrProgress = () => {};
  function startOCR() {
    if (ocr) return ocr;
    ocr = (async () => {
      if (typeof Tesseract === "undefined") await loadScript("ocr/tesseract.min.js");
      // a worker that cannot load its core or model hangs rather than fail: give it a limit
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("Tesseract did not start within " + OCR_START_LIMIT / 1000 + " s (its files under ocr/ could not be loaded)")), OCR_START_LIMIT);
      });
      return Promise.race([late, createOCRWorker()]).finally(() => clearTimeout(timer));
    })();
    ocr.catch(() => { ocr = null; });
    return ocr;
  }

  const OCR_START_LIMIT = 45000;

  function createOCRWorker() {
    const here = (p) => new URL(p, location.href).href;
    return Tesseract.createWorker("eng", Tesseract.OEM.LSTM_ONLY, {
      workerPath: here("ocr/worker.min.js"),
      corePath: here("ocr/"), // the worker picks tesseract-core-{relaxedsimd-,simd-,}lstm.wasm.js
      langPath: here("ocr"),
      workerBlobURL: false,
      cacheMethod: "none", // the model comes from this server, not from the browser's storage
      gzip: true,
      logger: (m) => ocrProgress(m),
    });
  }

  // recognize is the Recognizer the Go side calls: one reading of a PNG, Tesseract's TSV back.
  async function recognize(png, psm, whitelist, purpose) {
    const w = await startOCR();
    ocrProgress({ status: "reading " + purpose, progress: 0 });
    await w.setParameters({
      tessedit_pageseg_mode: String(psm),
      tessedit_char_whitelist: whitelist,
      user_defined_dpi: "300",
    });
    const { data } = await w.recognize(new Blob([png], { type: "image/png" }), {}, { text: false, blocks: false, tsv: true });
    return data.tsv || "";
  }

  // picturesHere says whether this page can read pictures, and if not why.
  function picturesHere() {
    if (mode === "native" || (info && info.pictures === "server")) return "";
    if (info && info.pictures === "browser") return "";
    return info ? "this kexplain was built without Tesseract for the page (run web/build.sh, then build kexplain)"
      : "reading pictures needs the page served by kexplain serve (a static copy cannot send Tesseract's files)";
  }

  // picture explains a picture (bytes: a Uint8Array) like a paste: what page() gives, with
  // .picture = {kind, text, words, doubts}. onProgress gets tesseract.js's {status, progress}.
  async function picture(bytes, onProgress) {
    ocrProgress = onProgress || (() => {});
    const why = picturesHere();
    if (why) return { json: null, graphs: [], exit: 2, diagnostics: "kexplain: " + why + "\n", picture: { kind: "", text: "", words: 0, doubts: 0 } };
    if (mode === "native" || info.pictures === "server") {
      ocrProgress({ status: "reading the picture with Tesseract", progress: 0 });
      const r = await fetch("api/picture", { method: "POST", body: bytes, headers: { "Content-Type": "application/octet-stream" } });
      if (!r.ok) throw new Error("api/picture: HTTP " + r.status + " " + (await r.text()).trim());
      return r.json();
    }
    startOCR().catch(() => {}); // load Tesseract while Go prepares the picture
    ocrProgress({ status: "preparing the picture", progress: 0 });
    await new Promise((r) => setTimeout(r, 20)); // let the page show it: Go works on this thread
    return JSON.parse(await Promise.race([stopped, globalThis.kexplain.picture(bytes, recognize)]));
  }

  return { start, page, render, picture, get mode() { return mode; } };
})();
