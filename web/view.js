// view.js: the explanation as a page, built from the engine's JSON (the document of
// contract.md: summaries, code, flags) and its graphs. Nothing here computes a number: every
// count, mark and check comes from the engine, so the page says what `kexplain --format json`
// says.
"use strict";

const View = (() => {
  // el builds an element: el("td", {class: "x", dataset: {row: 1}}, child, "text", ...).
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "dataset") Object.assign(e.dataset, v);
      else if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids.flat(Infinity)) {
      if (k === null || k === undefined || k === false) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
  }

  // num writes a count as kexplain does: thousands separators from five digits on.
  function num(n) {
    if (n === null || n === undefined) return "—";
    const s = String(Math.abs(n));
    const out = s.length > 4 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : s;
    return n < 0 ? "−" + out : out;
  }

  const MARK = { ok: "✓", mismatch: "✗", unknown: "?" };
  const MARK_TITLE = {
    ok: "a real Keras layer gives this count and shape",
    mismatch: "no configuration of this layer gives this count or shape",
    unknown: "kexplain cannot tell (a custom layer, or an input the table does not show)",
  };
  const FORMAT = {
    keras1: "Keras 1.x", keras2: "Keras 2 / tf.keras ≤ 2.6", "keras2.7": "tf.keras 2.7–2.15",
    keras3: "Keras 3", tfjs: "TensorFlow.js",
  };

  function alarm(f) { return f.severity === "error" || f.severity === "warning"; }

  // shape text that breaks after its commas on a narrow screen
  function shapeNode(s) {
    const span = el("span", { class: "shape" });
    const parts = String(s || "").split(", ");
    parts.forEach((p, i) => {
      span.append(p + (i < parts.length - 1 ? "," : ""));
      if (i < parts.length - 1) span.append(" ", el("wbr"));
    });
    return span;
  }

  // lineLink is a link to a line of the paste.
  let goToLine = () => {};
  function lineLink(line, label) {
    if (!line) return null;
    return el("a", {
      class: "line", href: "#L" + line, dataset: { line },
      title: "show line " + line + " in the paste",
      onclick: (e) => { e.preventDefault(); goToLine(line); },
    }, label || "line " + line);
  }

  // withLines turns "<paste>:12:5:" positions in a message into links.
  function withLines(text) {
    const out = [];
    const re = /<paste>:(\d+)(?::(\d+))?:?|\bline (\d+)\b/g;
    let at = 0, m;
    while ((m = re.exec(text)) !== null) {
      out.push(text.slice(at, m.index));
      const line = +(m[1] || m[3]);
      out.push(lineLink(line, m[1] ? "line " + m[1] + (m[2] ? ":" + m[2] : "") : m[0]));
      at = m.index + m[0].length;
    }
    out.push(text.slice(at));
    return out;
  }

  function flagItem(f) {
    return el("li", { class: "flag sev-" + f.severity, dataset: { kind: f.kind } },
      el("span", { class: "sev" }, f.severity), " ",
      el("span", { class: "kind" }, f.kind), " ",
      lineLink(f.line), f.line ? ": " : "",
      withLines(f.message));
  }

  function weightsTable(ws) {
    if (!ws || ws.length === 0) return null;
    let sum = 0;
    const rows = ws.map((w) => {
      const size = (w.shape || []).reduce((a, b) => a * b, 1);
      sum += size;
      return el("tr", { class: w.trainable ? "" : "frozen" },
        el("td", {}, el("code", {}, w.name)),
        el("td", {}, el("code", {}, "(" + (w.shape || []).join(", ") + (w.shape && w.shape.length === 1 ? "," : "") + ")")),
        el("td", { class: "n" }, num(size)),
        el("td", {}, w.trainable ? "" : "non-trainable"));
    });
    return el("table", { class: "weights" },
      el("thead", {}, el("tr", {}, el("th", {}, "weight"), el("th", {}, "shape"), el("th", { class: "n" }, "size"), el("th", {}, ""))),
      el("tbody", {}, rows),
      el("tfoot", {}, el("tr", {}, el("td", { colspan: 2 }, "all its weights"), el("td", { class: "n" }, num(sum)), el("td", {}, ""))));
  }

  function details(l, rowFlags) {
    const parts = [];
    if (rowFlags.length) parts.push(el("ul", { class: "flags row-flags" }, rowFlags.map(flagItem)));
    if (l.derivation) parts.push(el("p", { class: "how" }, el("span", { class: "k" }, "Count"), el("code", {}, l.derivation)));
    if (l.shape_note) parts.push(el("p", { class: "how" }, el("span", { class: "k" }, "Shape"), el("code", {}, l.shape_note)));
    if (l.inputs && l.inputs.length) parts.push(el("p", { class: "how" }, el("span", { class: "k" }, "Fed by"), l.inputs.join(", ")));
    if (l.config) parts.push(el("p", { class: "how" }, el("span", { class: "k" }, "Reads as"), l.config));
    if (l.ambiguous) parts.push(el("p", { class: "how note" }, el("span", { class: "k" }, "Note"), l.ambiguous));
    const wt = weightsTable(l.weights);
    if (wt) parts.push(wt);
    if (l.status === "unknown" && !l.derivation) parts.push(el("p", { class: "how note" }, MARK_TITLE.unknown + "."));
    parts.push(el("p", { class: "where" }, lineLink(l.line, "line " + l.line + " of the paste")));
    return parts;
  }

  function paramsText(l, code) {
    if (code) return num(l.expected_params);
    if (l.params !== null && l.params !== undefined) return num(l.params);
    if (l.expected_params !== null && l.expected_params !== undefined) return "(" + num(l.expected_params) + ")";
    return "—";
  }

  // layersTable is the table of one summary or code entry; flags are its findings.
  const FIRST_ROWS = 1000; // a longer table shows this many rows until asked for the rest

  function layersTable(layers, flags, code) {
    const body = el("tbody");
    const addRow = (l, i) => {
      const rowFlags = flags.filter((f) => f.layer === l.name && alarm(f) && (f.kind === "row" || f.kind === "code"));
      const status = l.status || "unknown";
      const open = status === "mismatch" || rowFlags.length > 0;
      // the details are built when the row first opens: a table of thousands of rows stays light
      const det = el("tr", { class: "details", hidden: !open }, el("td", { colspan: 4 }));
      let built = false;
      const build = () => {
        if (!built) det.firstChild.append(el("div", { class: "details-body" }, details(l, rowFlags)));
        built = true;
      };
      if (open) build();
      const toggle = el("button", { class: "toggle", type: "button", "aria-expanded": String(open), title: "how this row is worked out" }, "▸");
      const row = el("tr", {
        class: "layer st-" + status + (l.depth ? " nested d" + Math.min(l.depth, 4) : "") + (open ? " open" : ""),
        dataset: { row: i, name: l.name, status, line: l.line },
      },
      el("td", { class: "c-name" }, toggle,
        el("span", { class: "nm" }, l.name),
        l.type ? el("span", { class: "cls" }, " (" + l.type + ")") : null,
        el("div", { class: "shape-inline" }, shapeNode(l.output_shape))),
      el("td", { class: "c-shape" }, shapeNode(l.output_shape)),
      el("td", { class: "c-params" }, paramsText(l, code)),
      el("td", { class: "c-mark", title: MARK_TITLE[status], dataset: { status } }, MARK[status] || "?"));
      const flip = () => {
        const now = det.hidden;
        if (now) build();
        det.hidden = !now;
        row.classList.toggle("open", now);
        toggle.setAttribute("aria-expanded", String(now));
      };
      row.addEventListener("click", (e) => { if (!e.target.closest("a")) flip(); });
      body.append(row, det);
    };
    layers.slice(0, FIRST_ROWS).forEach(addRow);
    if (layers.length > FIRST_ROWS) {
      const more = el("tr", { class: "more" }, el("td", { colspan: 4 },
        el("button", { type: "button", onclick: () => { more.remove(); layers.slice(FIRST_ROWS).forEach((l, k) => addRow(l, FIRST_ROWS + k)); } },
          "Show the other " + num(layers.length - FIRST_ROWS) + " rows"),
        " ", el("span", { class: "hint" }, "(the findings above name every flagged row)")));
      body.append(more);
    }
    // a long table is laid out by its first row's widths (fixed), not by measuring every row
    return el("table", { class: "layers" + (layers.length > 300 ? " long" : "") },
      el("thead", {}, el("tr", {},
        el("th", { class: "c-name" }, "Layer (type)"),
        el("th", { class: "c-shape" }, "Output shape"),
        el("th", { class: "c-params" }, code ? "Params" : "Param #"),
        el("th", { class: "c-mark" }, el("span", { class: "sr" }, "check")))),
      body);
  }

  // totals shows the printed totals beside kexplain's own sums, each with its check.
  function totals(s) {
    const t = s.totals || {}, c = s.computed || {};
    const totalFlags = s.flags.filter((f) => f.kind === "total" && alarm(f));
    const splitFlags = s.flags.filter((f) => f.kind === "trainable" && alarm(f));
    const rows = [];
    const check = (ok, text) => el("span", { class: "t-check " + (ok ? "ok" : "mismatch") }, el("span", { class: "mark" }, ok ? "✓" : "✗"), " ", text);
    const has = (x) => x !== null && x !== undefined;
    if (has(t.total)) {
      let chk = null;
      if (totalFlags.length) chk = check(false, totalFlags.map((f) => f.message).join(" "));
      else if (has(c.total) && c.total === t.total) chk = check(true, "the rows add up to " + num(c.total));
      else if (has(c.total)) chk = el("span", { class: "t-check" }, "the rows shown add up to " + num(c.total));
      rows.push(el("div", { class: "t-row t-total" + (totalFlags.length ? " bad" : "") }, el("span", { class: "t-label" }, "Total params"), el("span", { class: "t-num" }, num(t.total)), chk));
    } else if (has(c.total)) {
      rows.push(el("div", { class: "t-row t-total" }, el("span", { class: "t-label" }, "The rows add up to"), el("span", { class: "t-num" }, num(c.total)), el("span", { class: "t-check" }, "no total printed")));
    }
    if (has(t.trainable) || has(t.non_trainable)) {
      let chk;
      if (splitFlags.length) chk = check(false, splitFlags.map((f) => f.message).join(" "));
      else if (has(c.trainable) && c.trainable === t.trainable && c.non_trainable === t.non_trainable) chk = check(true, "kexplain finds the same split");
      else chk = check(true, "consistent with the rows");
      rows.push(el("div", { class: "t-row t-split" + (splitFlags.length ? " bad" : "") }, el("span", { class: "t-label" }, "Trainable / non-trainable"),
        el("span", { class: "t-num" }, num(t.trainable) + " / " + num(t.non_trainable)), chk));
    }
    if (t.optimizer !== null && t.optimizer !== undefined) {
      rows.push(el("div", { class: "t-row" }, el("span", { class: "t-label" }, "Optimizer params"), el("span", { class: "t-num" }, num(t.optimizer))));
    }
    const notes = (s.notes || []).length ? el("ul", { class: "notes" }, s.notes.map((n) => el("li", {}, el("span", { class: "mark ok" }, "✓"), " ", n))) : null;
    return el("div", { class: "totals" }, rows, notes);
  }

  function traces(s) {
    return (s.weight_traces || []).map((tr) => el("details", { class: "traces", open: true },
      el("summary", {}, "get_weights() " + (tr.running_sums ? "running sums" : "array sizes") + " on ", lineLink(tr.line), ", traced to the weights"),
      el("table", { class: "weights" }, el("tbody", {}, tr.entries.map((e) => el("tr", {},
        el("td", { class: "n" }, num(e.value)), el("td", {}, e.layer), el("td", {}, el("code", {}, e.weight)),
        el("td", {}, el("code", {}, "(" + e.shape.join(", ") + (e.shape.length === 1 ? "," : "") + ")"))))))));
  }

  function graphFigure(g, open) {
    if (!g || g.nodes === 0) return null;
    const fig = el("figure", { class: "graph" });
    const cap = el("figcaption", {}, "Architecture");
    if (g.svg) {
      const holder = el("div", { class: "svg" });
      holder.innerHTML = g.svg; // drawn by the engine (render.GraphSVG), every text escaped there
      holder.addEventListener("click", (e) => {
        const n = e.target.closest("[data-row]");
        if (n && +n.dataset.row >= 0) open(+n.dataset.row);
      });
      holder.addEventListener("keydown", (e) => {
        const n = e.target.closest("[data-row]");
        if (n && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(+n.dataset.row); }
      });
      cap.append(" ", el("button", { type: "button", class: "small", onclick: (e) => App.copy(g.mermaid, e.target) }, "Copy as Mermaid"));
      fig.append(cap, holder);
    } else {
      fig.append(cap, el("p", { class: "hint" }, "A model of " + num(g.nodes) + " layers: too many to draw here; kexplain --format dot draws it with Graphviz."));
    }
    return fig;
  }

  function model(kind, index, title, where, table, extra, graph, flags) {
    const art = el("article", { class: "model", dataset: { kind, index } });
    art.append(el("h2", {}, title, " ", where));
    const body = el("div", { class: "model-body" });
    const main = el("div", { class: "model-main" }, el("div", { class: "table-wrap" }, table), extra);
    const open = (row) => {
      if (!art.querySelector(`tr.layer[data-row="${row}"]`)) art.querySelector("tr.more button")?.click();
      const tr = art.querySelector(`tr.layer[data-row="${row}"]`);
      if (!tr) return;
      if (!tr.classList.contains("open")) tr.click();
      tr.scrollIntoView({ block: "center", behavior: "smooth" });
      tr.classList.add("flash");
      setTimeout(() => tr.classList.remove("flash"), 1200);
    };
    body.append(main);
    const fig = graphFigure(graph, open);
    if (fig) body.append(fig);
    art.append(body);
    const other = flags.filter((f) => !(f.kind === "row" && alarm(f)));
    if (other.length) art.append(el("ul", { class: "flags" }, other.map(flagItem)));
    return art;
  }

  // verdict says in words what the exit status says.
  function verdict(res, doc) {
    const v = el("div", { id: "verdict", class: "verdict v" + res.exit, dataset: { exit: res.exit } });
    const all = [...doc.flags];
    doc.summaries.forEach((s) => all.push(...s.flags));
    doc.code.forEach((c) => all.push(...c.flags));
    const alarms = all.filter(alarm);
    const nRows = doc.summaries.reduce((a, s) => a + s.layers.length, 0);
    const tables = doc.summaries.length, snippets = doc.code.length;
    const what = [];
    if (tables) what.push(tables === 1 ? "1 summary of " + nRows + " layers" : tables + " summaries, " + nRows + " layers in all");
    if (snippets) what.push(snippets === 1 ? "1 model rebuilt from code" : snippets + " models rebuilt from code");
    if (res.exit === 0 && !tables) {
      const n = doc.code.reduce((a, c) => a + c.layers.length, 0);
      const unknown = doc.code.find((c) => !c.totals || c.totals.total === null || c.totals.total === undefined);
      const total = doc.code.reduce((a, c) => a + (c.totals && c.totals.total ? c.totals.total : 0), 0);
      v.append(el("strong", {}, "The model is rebuilt from the code."), " ",
        el("span", {}, unknown
          ? n + " layers; the total is not known" + (unknown.totals && unknown.totals.why ? " (" + unknown.totals.why + ")" : "") + ", each count that is known worked out below."
          : n + " layers, " + num(total) + " parameters in all, each count worked out below."));
    } else if (res.exit === 0) {
      v.append(el("strong", {}, "Every number is consistent."), " ",
        el("span", {}, what.join(" and ") + ": every count and shape is one a real Keras layer gives, and the totals add up."));
    } else if (res.exit === 1) {
      const wrong = alarms.filter((f) => f.kind !== "code" && f.kind !== "parse");
      const unread = alarms.some((f) => f.kind === "parse");
      let head = wrong.length === 1 ? "One number is wrong." : wrong.length > 1 ? "Some numbers are wrong (" + wrong.length + " findings)." : unread ? "Part of the paste could not be read." : "The code and the summary disagree.";
      if (wrong.length && unread) head += " Part of the paste could not be read.";
      v.append(el("strong", {}, head), " ", el("span", {}, what.join(" and ") + "."),
        el("ul", { class: "flags" }, alarms.slice(0, 5).map(flagItem)));
      if (alarms.length > 5) v.append(el("p", {}, "… and " + (alarms.length - 5) + " more below."));
    } else if (res.picture && !res.picture.text) {
      v.append(el("strong", {}, "Nothing could be read."), " ",
        el("span", {}, "kexplain read no text from this picture."));
      if (res.diagnostics) v.append(el("pre", { class: "diagnostics" }, res.diagnostics.trim()));
    } else {
      v.append(el("strong", {}, "Nothing could be read."), " ",
        el("span", {}, "kexplain found no Keras model.summary() table and no Keras code it could rebuild."));
      if (res.diagnostics) v.append(el("pre", { class: "diagnostics" }, withLines(res.diagnostics.trim())));
    }
    return v;
  }

  // pictureNote says that the explanation is of text read from a picture.
  function pictureNote(p) {
    const doubts = p.doubts === 0 ? "none read with low confidence" : p.doubts === 1 ? "1 stretch read with low confidence" : p.doubts + " stretches read with low confidence";
    return el("p", { class: "picture-note", id: "picture-note" },
      el("strong", {}, "Read from a picture."), " ",
      "The " + (p.kind || "picture") + " was read by OCR (Tesseract) on this machine: " + p.words + " words, " + doubts + ". " +
      "A count read with low confidence is never called wrong: where the arithmetic repairs it, a note says so. " +
      "The text read is in the box above; correct it there and it is explained as typed text.");
  }

  // codeTotal is a rebuilt model's Total params: the code entry's own total, or "?" with the reason
  // when a row's count is not known (never a sum that leaves rows out).
  function codeTotal(c) {
    const t = c.totals;
    const known = t && t.total !== null && t.total !== undefined;
    const row = el("div", { class: "t-row t-total" }, el("span", { class: "t-label" }, "Total params"), el("span", { class: "t-num" }, known ? num(t.total) : "?"));
    if (known || !t || !t.why) return row;
    return el("div", {}, row, el("p", { class: "hint" }, t.why + (t.known_part ? "; the rows known add up to " + num(t.known_part) : "")));
  }

  // show fills the page with one result.
  function show(res, ui) {
    goToLine = ui.goToLine;
    const doc = res.json || { summaries: [], code: [], flags: [], foreign: [] };
    const graphs = res.graphs || [];
    const graphOf = (kind, i) => graphs.find((g) => g.kind === kind && g.index === i);
    const out = [];
    doc.summaries.forEach((s, i) => {
      const title = (s.name ? "“" + s.name + "” · " : "") + (FORMAT[s.format] || s.format) + " summary";
      const where = lineLink(s.start_line, "lines " + s.start_line + "–" + s.end_line);
      out.push(model("summary", i, title, where, layersTable(s.layers, s.flags, false), [totals(s), traces(s)], graphOf("summary", i), s.flags));
    });
    doc.code.forEach((c, i) => {
      // the other models the code's summary() calls print, before the one it ends with
      for (const e of c.earlier_summaries || []) {
        out.push(model("printed", i, "“" + e.name + "” as the code's summary() prints it", lineLink(e.line, "line " + e.line), layersTable(e.layers, [], true), el("div", { class: "totals" }, codeTotal(e)), null, []));
      }
      const title = "Model rebuilt from Keras code";
      const where = lineLink(c.start_line, "lines " + c.start_line + "–" + c.end_line);
      const extra = el("div", { class: "totals" }, codeTotal(c),
        el("p", { class: "hint" }, el("a", { href: "#render", onclick: (e) => { e.preventDefault(); ui.toRender(); } }, "Print the summary Keras would print for this code →")));
      out.push(model("code", i, title, where, layersTable(c.layers, c.flags, true), extra, graphOf("code", i), c.flags));
    });
    for (const f of doc.foreign || []) {
      out.push(el("p", { class: "foreign" }, lineLink(f.start_line), ": a " + f.kind + " table (PyTorch), not a Keras summary: kexplain explains Keras tables only."));
    }
    if (doc.flags.length) out.push(el("section", { class: "model" }, el("h2", {}, "Across the paste"), el("ul", { class: "flags" }, doc.flags.map(flagItem))));
    if (res.picture && res.picture.text) out.unshift(pictureNote(res.picture));
    return { verdict: verdict(res, doc), results: out };
  }

  return { show, el, num };
})();
