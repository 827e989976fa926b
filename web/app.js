// app.js: the page's controls. The paste (kept in localStorage across reloads), the example
// buttons, the two tabs (Explain, Print the summary from code), the copy buttons, links to
// lines of the paste, and pictures: a PNG or JPEG dropped on the page, pasted, or picked with
// "Read a picture" is read by OCR and explained like a paste (its text goes into the paste box). For links and checks: ?example=ID loads an example, ?tab=render opens the
// second tab.
"use strict";

const App = (() => {
  const $ = (id) => document.getElementById(id);
  const input = $("input"), gutter = $("gutter"), statusEl = $("status"), progress = $("progress");
  const results = $("results"), actions = $("actions"), version = $("version");
  const KEY = "kexplain.paste", TAB = "kexplain.tab", VER = "kexplain.version";
  let last = null; // the last explanation shown
  let ready = false;
  let tab = "explain";
  let seq = 0; // runs started; an older one that ends late is dropped

  function store(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  function load(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }

  function setStatus(text) { statusEl.textContent = text; }

  // the line numbers beside the paste
  function syncGutter() {
    const n = input.value.split("\n").length;
    if (+gutter.dataset.n !== n) {
      let s = "";
      for (let i = 1; i <= n; i++) s += i + "\n";
      gutter.textContent = s;
      gutter.dataset.n = n;
    }
    gutter.scrollTop = input.scrollTop;
  }

  // goToLine selects a line of the paste and brings it into view.
  function goToLine(line) {
    const lines = input.value.split("\n");
    if (line < 1 || line > lines.length) return;
    let start = 0;
    for (let i = 0; i < line - 1; i++) start += lines[i].length + 1;
    const end = start + lines[line - 1].length;
    if (tab !== "explain") switchTab("explain");
    input.focus({ preventScroll: true });
    input.setSelectionRange(start, end);
    const lh = parseFloat(getComputedStyle(input).lineHeight) || 17;
    input.scrollTop = Math.max(0, (line - 1) * lh - input.clientHeight / 3);
    input.scrollLeft = 0;
    syncGutter();
    input.closest(".editor").scrollIntoView({ block: "nearest", behavior: "smooth" });
    const marks = gutter.textContent.split("\n");
    marks[line - 1] = "▶" + line;
    gutter.textContent = marks.join("\n");
    gutter.dataset.n = "";
    gutter.scrollTop = input.scrollTop;
    document.body.dataset.line = line;
  }

  async function copy(text, button) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (e) {
      const t = document.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.style.position = "fixed";
      t.style.opacity = "0";
      document.body.append(t);
      t.select();
      try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
      t.remove();
    }
    const note = button && button.parentElement.querySelector(".copied");
    const msg = ok ? "Copied." : "Could not copy: select the text and copy it yourself.";
    if (note) note.textContent = msg;
    else if (button) { const was = button.textContent; button.textContent = ok ? "Copied" : "Copy failed"; setTimeout(() => { button.textContent = was; }, 1500); }
    if (note) setTimeout(() => { note.textContent = ""; }, 2500);
    return ok;
  }

  async function explain() {
    const text = input.value;
    const mine = ++seq;
    if (!ready) return;
    if (text.trim() === "") {
      results.replaceChildren();
      $("verdict").hidden = true;
      actions.hidden = true;
      document.body.dataset.state = "ready";
      delete document.body.dataset.exit;
      return;
    }
    document.body.dataset.state = "running";
    let res;
    try {
      res = await Engine.page(text);
    } catch (e) {
      if (mine !== seq) return;
      setStatus("The engine failed: " + e.message);
      document.body.dataset.state = "error";
      return;
    }
    if (mine !== seq) return;
    setStatus("");
    showResult(res);
  }

  // showResult puts an explanation (of a paste or of a picture) on the page.
  function showResult(res) {
    last = res;
    delete document.body.dataset.picture;
    if (res.picture) document.body.dataset.picture = res.exit === 2 ? "unread" : "read";
    const { verdict, results: parts } = View.show(res, { goToLine, toRender: () => switchTab("render") });
    $("verdict").replaceWith(verdict);
    results.replaceChildren(...parts);
    actions.hidden = res.exit === 2;
    document.body.dataset.exit = String(res.exit);
    document.body.dataset.state = "done";
    if (tab === "render" && !res.picture) renderCode();
  }

  // ocrStatus says what the OCR is doing, from tesseract.js's and the engine's progress messages.
  let reading = "";
  function ocrStatus(m) {
    const st = String(m.status || "");
    if (st.startsWith("reading ")) reading = st.slice(8);
    let text;
    if (st === "preparing the picture") text = "Preparing the picture (grey, inverted if dark, scaled, binarised, rules removed)…";
    else if (st.startsWith("recognizing")) text = reading === "counts" ? "Reading the counts again, digits only…" : "Reading the text…";
    else if (st.startsWith("reading ")) text = reading === "counts" ? "Reading the counts again, digits only…" : st === "reading the picture with Tesseract" ? "Reading the picture with Tesseract…" : "Reading the text…";
    else if (/loading|initializ/.test(st)) text = "Loading Tesseract (OCR, in this page; the first picture only)…";
    else return;
    if (typeof m.progress === "number" && st.startsWith("recognizing")) {
      progress.max = 1;
      progress.value = Math.max(0, Math.min(1, m.progress));
      text += " " + Math.round(m.progress * 100) + "%";
    } else {
      progress.removeAttribute("value");
    }
    setStatus(text);
  }

  // explainPicture reads a picture (a File or Blob) and explains what was read.
  async function explainPicture(file) {
    if (!ready) {
      setStatus("The engine is still loading: drop the picture again in a moment.");
      return;
    }
    const mine = ++seq;
    clearTimeout(timer);
    if (tab !== "explain") {
      tab = "explain";
      store(TAB, tab);
      $("tab-explain").setAttribute("aria-selected", "true");
      $("tab-render").setAttribute("aria-selected", "false");
      $("explain-pane").hidden = false;
      $("render-pane").hidden = true;
    }
    document.body.dataset.state = "reading";
    progress.hidden = false;
    progress.removeAttribute("value");
    setStatus("Reading the picture…");
    const started = performance.now();
    let res;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      res = await Engine.picture(bytes, (m) => { if (mine === seq) ocrStatus(m); });
    } catch (e) {
      if (mine !== seq) return;
      progress.hidden = true;
      setStatus("The picture could not be read: " + e.message);
      document.body.dataset.state = "error";
      return;
    }
    if (mine !== seq) return;
    progress.hidden = true;
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (res.picture && res.picture.text) {
      // the text read goes into the paste box, so that links to lines point into it; it is not
      // kept for the next visit, where it would be judged as typed text, without its doubts
      input.value = res.picture.text;
      input.scrollTop = 0;
      syncGutter();
      store(KEY, "");
    }
    setStatus(res.exit === 2 ? "" : "Read from the picture in " + secs + " s.");
    showResult(res);
  }

  // pictureOf is the picture among dropped or pasted items, or null.
  function pictureOf(list) {
    for (const item of list || []) {
      const f = item && item.kind === "file" ? item.getAsFile() : item;
      if (f && f instanceof Blob && !/^text\//.test(f.type)) return f;
    }
    return null;
  }

  async function renderCode() {
    if (!ready) return;
    const mine = ++seq;
    const out = $("render-out"), diag = $("render-diag");
    document.body.dataset.state = "running";
    let r;
    try {
      r = await Engine.render(input.value, version.value);
    } catch (e) {
      r = { output: "", exit: 2, diagnostics: "The engine failed: " + e.message };
    }
    if (mine !== seq) return;
    out.textContent = r.output;
    out.hidden = !r.output;
    diag.replaceChildren(...(r.diagnostics ? [View.el("pre", {}, r.diagnostics.trim())] : []));
    diag.hidden = !r.diagnostics;
    document.body.dataset.renderExit = String(r.exit);
    document.body.dataset.state = "done";
  }

  function run() { return tab === "render" ? renderCode() : explain(); }

  function switchTab(name) {
    tab = name;
    store(TAB, name);
    for (const [t, pane] of [["explain", "explain-pane"], ["render", "render-pane"]]) {
      $("tab-" + t).setAttribute("aria-selected", String(t === name));
      $(pane).hidden = t !== name;
    }
    run();
  }

  let timer = null;
  function onInput() {
    store(KEY, input.value);
    syncGutter();
    clearTimeout(timer);
    timer = setTimeout(run, input.value.length > 200000 ? 800 : 200);
  }

  async function examples() {
    let list = [];
    try {
      const r = await fetch("examples/examples.json");
      if (r.ok) list = await r.json();
    } catch (e) { return; }
    const box = $("examples");
    for (const ex of list) {
      box.append(View.el("button", {
        type: "button", class: "example", title: ex.about, dataset: { example: ex.id },
        onclick: () => loadExample(ex),
      }, ex.label));
    }
    return list;
  }

  async function loadExample(ex) {
    const r = await fetch("examples/" + ex.file);
    if (!r.ok) return;
    input.value = await r.text();
    input.scrollTop = 0;
    onInput();
    clearTimeout(timer);
    if (ex.id === "code" && tab !== "explain") switchTab("explain");
    else run();
  }

  async function main() {
    const params = new URLSearchParams(location.search);
    input.value = load(KEY) || "";
    syncGutter();
    if (load(VER)) version.value = load(VER);
    input.addEventListener("input", onInput);
    input.addEventListener("scroll", () => { gutter.scrollTop = input.scrollTop; });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); clearTimeout(timer); run(); }
    });
    $("tab-explain").addEventListener("click", () => switchTab("explain"));
    $("tab-render").addEventListener("click", () => switchTab("render"));
    version.addEventListener("change", () => { store(VER, version.value); renderCode(); });
    $("copy-md").addEventListener("click", (e) => {
      if (last) copy($("md-graph").checked ? last.markdown_graph : last.markdown, e.target);
    });
    $("copy-render").addEventListener("click", (e) => copy($("render-out").textContent, e.target));
    // pictures: the file picker, a drop anywhere on the page, a paste of an image
    $("picture").addEventListener("change", (e) => {
      const f = e.target.files && e.target.files[0];
      e.target.value = "";
      if (f) explainPicture(f);
    });
    document.addEventListener("dragover", (e) => {
      if ([...(e.dataTransfer?.types || [])].includes("Files")) {
        e.preventDefault();
        document.body.dataset.drop = "1";
      }
    });
    document.addEventListener("dragleave", (e) => { if (!e.relatedTarget) delete document.body.dataset.drop; });
    document.addEventListener("drop", (e) => {
      delete document.body.dataset.drop;
      const f = pictureOf(e.dataTransfer?.files);
      if (f) {
        e.preventDefault();
        explainPicture(f);
      } else if (e.dataTransfer?.files?.length) {
        e.preventDefault();
        e.dataTransfer.files[0].text().then((t) => { input.value = t; onInput(); });
      }
    });
    document.addEventListener("paste", (e) => {
      if ((e.clipboardData?.getData("text/plain") || "").trim() !== "") return; // text is pasted as text
      const f = pictureOf(e.clipboardData?.items ? [...e.clipboardData.items] : e.clipboardData?.files);
      if (f) {
        e.preventDefault();
        explainPicture(f);
      }
    });
    const list = await examples();
    if (params.get("tab") === "render" || (!params.get("tab") && load(TAB) === "render")) {
      tab = "render";
      $("tab-explain").setAttribute("aria-selected", "false");
      $("tab-render").setAttribute("aria-selected", "true");
      $("explain-pane").hidden = true;
      $("render-pane").hidden = false;
    }
    progress.hidden = false;
    let info;
    try {
      info = await Engine.start((got, total) => {
        const mb = (n) => (n / 1e6).toFixed(1);
        if (total > 0) {
          progress.max = total;
          progress.value = Math.min(got, total);
          setStatus("Loading the engine… " + mb(got) + " of " + mb(total) + " MB");
        } else {
          progress.removeAttribute("value");
          setStatus("Loading the engine… " + mb(got) + " MB");
        }
      });
    } catch (e) {
      progress.hidden = true;
      setStatus("Could not load the engine: " + e.message);
      document.body.dataset.state = "error";
      return;
    }
    progress.hidden = true;
    ready = true;
    document.body.dataset.engine = info.mode;
    $("engine-kind").textContent = info.mode === "wasm" ? "engine: WebAssembly, in this page" : "engine: the kexplain process serving this page";
    if (info.version) $("version-note").textContent = info.version.replace(/ \(.*\)$/, "");
    setStatus(input.value ? "" : "Paste a summary or code above, or try an example.");
    document.body.dataset.state = "ready";
    const ex = params.get("example") && (list || []).find((x) => x.id === params.get("example"));
    if (ex) await loadExample(ex);
    else if (input.value) await run();
  }

  main();
  return { copy, goToLine, run, explainPicture };
})();
