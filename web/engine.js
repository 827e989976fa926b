// engine.js: kexplain's engine for the page, wherever it runs.
//
// `kexplain serve` says in engine.json where that is: "wasm" (the engine compiled to WebAssembly,
// run in this page: kexplain.wasm with Go's wasm_exec.js) or "native" (the kexplain process that
// serves the page, through POST api/explain and api/render). A static copy of web/ has no
// engine.json: the page then loads dist/kexplain.wasm.gz, which web/build.sh writes, and
// unpacks it itself. Either way nothing leaves this machine.
"use strict";

const Engine = (() => {
  let mode = null;

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
    go.run(instance); // settles only when the Go program exits, which it does not
    await ready;
  }

  // start makes the engine ready and says where it runs: "wasm" or "native".
  async function start(onProgress) {
    let info = null;
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

  return { start, page, render, get mode() { return mode; } };
})();
