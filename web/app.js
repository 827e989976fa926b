// The offline kexplain page: loads kexplain.wasm (cmd/kexplain-wasm) with Go's wasm_exec.js and
// calls kexplain.explain(text, format) or kexplain.render(code, version), each of which returns
// {output, exit, diagnostics}. For checks and links: ?demo=1 fills in the example and runs it,
// ?input=TEXT (URL-encoded) fills in TEXT and runs it, &mode=explain:json (or render:3, ...) picks
// the output.
"use strict";

const $ = (id) => document.getElementById(id);
const input = $("input"), mode = $("mode"), run = $("run"), out = $("output");
const diag = $("diagnostics"), badge = $("badge"), statusEl = $("status");

// The exit statuses of the kexplain command, which the page shows as a badge.
const EXIT = {
  0: "0 · every number is consistent",
  1: "1 · something was flagged",
  2: "2 · nothing could be read",
};

// Example code for the render modes: the seed model as Keras 3 code.
const EXAMPLE_CODE = `import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(41, 1)),
    layers.Conv1D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling1D(2),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(5, activation="softmax"),
])
model.summary()
`;

async function loadWasm() {
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch("kexplain.wasm"), go.importObject);
  } catch (e) {
    // a server that does not send application/wasm: compile from the bytes instead
    const resp = await fetch("kexplain.wasm");
    if (!resp.ok) throw new Error("kexplain.wasm: HTTP " + resp.status + " (run web/build.sh first)");
    result = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
  const ready = new Promise((resolve) => { globalThis.kexplainReady = resolve; });
  go.run(result.instance); // resolves only when the Go program exits, which it does not
  await ready;
}

function explainOrRender() {
  const [kind, arg] = mode.value.split(":");
  const r = kind === "render" ? kexplain.render(input.value, arg) : kexplain.explain(input.value, arg);
  let text = r.output;
  if (kind === "explain" && arg === "json" && text) {
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* show it as it came */ }
  }
  out.textContent = text;
  out.hidden = !text && !!r.diagnostics;
  diag.textContent = r.diagnostics;
  diag.hidden = !r.diagnostics;
  badge.textContent = "exit " + (EXIT[r.exit] || r.exit);
  badge.className = "badge exit-" + r.exit;
  badge.hidden = false;
  document.body.dataset.exit = String(r.exit);
  document.body.dataset.done = "1";
  return r;
}

async function example() {
  if (mode.value.startsWith("render:")) {
    input.value = EXAMPLE_CODE;
    return;
  }
  const resp = await fetch("seed-model.txt");
  input.value = resp.ok ? await resp.text() : "";
}

function syncButton() {
  run.textContent = mode.value.startsWith("render:") ? "Print summary" : "Explain";
}

async function main() {
  const params = new URLSearchParams(location.search);
  if (params.get("mode")) mode.value = params.get("mode");
  syncButton();
  mode.addEventListener("change", syncButton);
  $("example").addEventListener("click", example);
  run.addEventListener("click", explainOrRender);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !run.disabled) explainOrRender();
  });
  try {
    await loadWasm();
  } catch (e) {
    statusEl.textContent = "could not load kexplain.wasm: " + e.message;
    return;
  }
  statusEl.textContent = "";
  run.disabled = false;
  if (params.has("input")) {
    input.value = params.get("input");
    run.click();
  } else if (params.get("demo")) {
    await example();
    run.click();
  }
}

main();
