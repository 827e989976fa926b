// The browser check: kexplain's page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), against the kexplain command itself.
//
//   node web/check/check.mjs KEXPLAIN_BINARY [SCREENSHOT_DIR]
//
// It starts `kexplain serve` on a free loopback port and, for each case below (all from corpus/),
// pastes the case into the page and compares what the page shows — each row's name, count, mark,
// the totals, the verdict, the graph — with `kexplain --format json` and its exit status. It takes a
// screenshot of each case at 1280 and at 400 px wide, fails if a count or a mark lies off screen at
// 400 px, checks the copy button, the links to lines, the render tab, the paste kept across a
// reload, the engine run in the kexplain process instead of the browser, and draws kexplain's
// Mermaid output with Mermaid itself. It fails on any request that leaves loopback.
//
// Pictures (PICTURE below): a screenshot of a corpus case is given to the page through the file
// picker, a paste and a drop, read by Tesseract in WebAssembly in the page and explained by the
// Go engine there; the rows, counts, marks, totals and verdict must be those of
// `kexplain --format json` of the same picture (when the tesseract command is installed) and
// those of the case's own text. A GIF and a blank picture must be refused in words.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = path.resolve(process.argv[2] || "");
const shots = path.resolve(process.argv[3] || path.join(here, "screenshots"));
const started = Date.now();
if (!process.argv[2] || !existsSync(bin)) {
  console.error("usage: node web/check/check.mjs KEXPLAIN_BINARY [SCREENSHOT_DIR]");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

// The cases: name, corpus file, and what the case is there for.
const CASES = [
  ["seed", "corpus/keras1/seed-model.txt"], // Keras 1 with Connected to, get_weights() sums traced
  ["wrong-flatten", "corpus/flagged/flatten-hand-edited.txt"], // a flagged row and its message
  ["total-changed", "corpus/flagged/total-changed.txt"], // a flagged total
  ["frozen-base", "corpus/keras27/frozen-base.txt"], // a frozen application base, the trainable split
  ["keras3-functional", "corpus/keras3/functional.txt"], // box table, two branches
  ["keras3-nested", "corpus/keras3/nested-unbuilt.txt"], // nested rows (a group in the graph), unbuilt
  ["tfjs", "corpus/tfjs/functional.txt"],
  ["code-only", "corpus/code/functional-nested-block.txt"], // a model rebuilt from code
  ["code-several-summaries", "corpus/code/autoencoder-prints-encoder-and-decoder-first.txt"], // each model the code's summary() calls print
  ["header-only", "corpus/bad/header-only.txt"], // part of the paste not read, a position
  ["pytorch", "corpus/foreign/torchsummary.txt"], // exit 2: nothing read
];

// The picture: a screenshot (../shared/tools/shot) of a corpus case, and the case.
const PICTURE = { name: "picture-seed-keras231", file: "web/check/pictures/seed-keras231.png", text: "corpus/keras2/seed-keras231.txt" };

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.log("FAIL " + what);
  }
  return ok;
}

function kexplain(args, input) {
  const r = spawnSync(bin, args, { input, encoding: "utf8", maxBuffer: 64 << 20 });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

// num writes a count as kexplain does (explain.Num): separators from five digits on.
function num(n) {
  const s = String(Math.abs(n));
  return (n < 0 ? "−" : "") + (s.length > 4 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : s);
}
const MARK = { ok: "✓", mismatch: "✗", unknown: "?" };

// serve starts kexplain serve and resolves to its address.
function serve(extra) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ["serve", "--addr", "127.0.0.1:0", ...extra], { stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    p.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/serving the page at (http:\/\/127\.0\.0\.1:\d+\/) \(engine: (\w+)\)/);
      if (m) resolve({ proc: p, url: m[1], engine: m[2] });
    });
    p.on("exit", (code) => reject(new Error("kexplain serve exited with " + code + ": " + buf)));
    setTimeout(() => reject(new Error("kexplain serve said nothing in 10 s")), 10000);
  });
}

const outside = [];
// noteOutside counts the addresses beyond loopback named in an error: a dedicated worker's
// requests (tesseract.js's importScripts, say) are not among the context's request events, but
// their failure is reported (and Chromium resolves no name but loopback: --host-resolver-rules).
function noteOutside(text) {
  for (const m of String(text).matchAll(/\bhttps?:\/\/([^\/\s'"]+)[^\s'"]*/g)) {
    const host = m[1].replace(/:\d+$/, "");
    if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) outside.push(m[0]);
  }
}
function watch(context) {
  context.on("request", (req) => {
    const u = new URL(req.url());
    if (u.protocol === "data:" || u.protocol === "about:" || u.protocol === "blob:") return;
    if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) outside.push(req.url());
  });
  // anything else is stopped before it leaves (and counted above)
  return context.route((url) => !["127.0.0.1", "localhost", "[::1]", ""].includes(url.hostname) && url.protocol.startsWith("http"),
    (route) => route.abort("blockedbyclient"));
}

// paste puts text in the page and waits for the page to show its explanation.
async function paste(page, text) {
  await page.evaluate(() => { document.body.dataset.state = "pasting"; });
  await page.fill("#input", text);
  await page.waitForFunction(() => ["done", "ready", "error"].includes(document.body.dataset.state), null, { timeout: 20000 });
}

// shown reads what the page shows: per model, its rows, totals and graph.
function shown(page) {
  return page.evaluate(() => {
    const models = [...document.querySelectorAll("article.model")].map((a) => ({
      kind: a.dataset.kind, index: +a.dataset.index,
      rows: [...a.querySelectorAll("tr.layer")].map((tr) => ({
        name: tr.dataset.name, status: tr.dataset.status,
        params: tr.querySelector(".c-params").textContent, mark: tr.querySelector(".c-mark").textContent,
      })),
      total: a.querySelector(".t-total .t-num")?.textContent ?? null,
      totalCheck: a.querySelector(".t-total .t-check .mark")?.textContent ?? null,
      splitCheck: a.querySelector(".t-split .t-check .mark")?.textContent ?? null,
      graphRows: [...a.querySelectorAll("figure.graph svg [data-row]")].map((g) => +g.dataset.row).filter((r) => r >= 0),
      graphFlagged: a.querySelectorAll("figure.graph svg .node.flagged").length,
    }));
    const v = document.getElementById("verdict");
    return { models, exit: document.body.dataset.exit, verdict: v.hidden ? null : { exit: v.dataset.exit, text: v.textContent } };
  });
}

// offScreen lists the counts and marks that lie outside the window, horizontally.
function offScreen(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const bad = [];
    for (const tr of document.querySelectorAll("tr.layer")) {
      for (const td of tr.querySelectorAll(".c-params, .c-mark")) {
        const r = td.getBoundingClientRect();
        if (r.width === 0 || r.left < 0 || r.right > w + 0.5) bad.push(tr.dataset.name + " " + td.className + " " + Math.round(r.left) + "–" + Math.round(r.right));
      }
    }
    if (document.documentElement.scrollWidth > w + 1) bad.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + w);
    return bad;
  });
}

function compare(name, got, want, exit) {
  check(String(got.exit) === String(exit), `${name}: the page says exit ${got.exit}, kexplain ${exit}`);
  check(got.verdict && String(got.verdict.exit) === String(exit), `${name}: verdict for exit ${got.verdict && got.verdict.exit}, want ${exit}`);
  const words = { 0: /^(Every number is consistent\.|The model is rebuilt from the code\.)/, 1: /^(One number is wrong|Some numbers are wrong|Part of the paste could not be read|The code and the summary disagree)/, 2: /^Nothing could be read\./ };
  check(got.verdict && words[exit].test(got.verdict.text) && !/exit \d/.test(got.verdict.text), `${name}: the verdict in words: ${got.verdict && got.verdict.text.slice(0, 80)}`);
  if (exit === 2) return;
  const sums = got.models.filter((m) => m.kind === "summary"), codes = got.models.filter((m) => m.kind === "code");
  check(sums.length === want.summaries.length, `${name}: ${sums.length} summaries shown, ${want.summaries.length} in the JSON`);
  check(codes.length === want.code.length, `${name}: ${codes.length} code models shown, ${want.code.length} in the JSON`);
  want.summaries.forEach((s, i) => {
    const m = sums[i];
    if (!m) return;
    check(m.rows.length === s.layers.length, `${name}: summary ${i}: ${m.rows.length} rows shown, ${s.layers.length} in the JSON`);
    s.layers.forEach((l, k) => {
      const r = m.rows[k];
      if (!r) return;
      const params = l.params !== null ? num(l.params) : l.expected_params !== null ? "(" + num(l.expected_params) + ")" : "—";
      check(r.name === l.name, `${name}: row ${k}: name ${r.name}, JSON ${l.name}`);
      check(r.params === params, `${name}: ${l.name}: count ${r.params}, JSON ${params}`);
      check(r.status === l.status && r.mark === MARK[l.status], `${name}: ${l.name}: mark ${r.mark} (${r.status}), JSON ${l.status}`);
    });
    if (s.totals.total !== null) check(m.total === num(s.totals.total), `${name}: total ${m.total}, JSON ${s.totals.total}`);
    const alarmOf = (kind) => s.flags.some((f) => f.kind === kind && f.severity !== "note");
    if (s.totals.total !== null) {
      check((m.totalCheck === "✗") === alarmOf("total"), `${name}: the total's check ${m.totalCheck}, flagged ${alarmOf("total")}`);
    }
    if (s.totals.trainable !== null || s.totals.non_trainable !== null) {
      check(m.splitCheck === (alarmOf("trainable") ? "✗" : "✓"), `${name}: the trainable split's check ${m.splitCheck}, flagged ${alarmOf("trainable")}`);
    }
    const rows = [...new Set(m.graphRows)].sort((a, b) => a - b);
    check(rows.length === s.layers.length && rows.every((r, j) => r === j), `${name}: summary ${i}: the graph draws rows ${rows.join(",")}, want 0…${s.layers.length - 1}`);
    const mism = s.layers.filter((l) => l.status === "mismatch" && l.depth >= 0).length;
    check(m.graphFlagged <= mism && (mism === 0) === (m.graphFlagged === 0), `${name}: ${m.graphFlagged} flagged nodes drawn, ${mism} rows flagged`);
  });
  const printed = got.models.filter((m) => m.kind === "printed");
  const earlier = want.code.flatMap((c) => c.earlier_summaries || []);
  check(printed.length === earlier.length, `${name}: ${printed.length} earlier summaries shown, ${earlier.length} in the JSON`);
  const codeModel = (what, m, c) => {
    check(m.rows.length === c.layers.length, `${name}: ${what}: ${m.rows.length} rows, JSON ${c.layers.length}`);
    c.layers.forEach((l, k) => {
      const r = m.rows[k];
      if (r) check(r.name === l.name && r.params === (l.expected_params !== null ? num(l.expected_params) : "—"), `${name}: ${what} row ${l.name}: ${r.name} ${r.params}`);
    });
    const total = c.totals && c.totals.total !== null && c.totals.total !== undefined ? num(c.totals.total) : "?";
    check(m.total === total, `${name}: ${what}: Total params ${m.total}, JSON ${total}`);
  };
  want.code.forEach((c, i) => { if (codes[i]) codeModel("code " + i, codes[i], c); });
  earlier.forEach((e, i) => { if (printed[i]) codeModel("earlier summary " + e.name, printed[i], e); });
}

async function main() {
  const server = await serve([]);
  console.log(`kexplain serve at ${server.url} (engine: ${server.engine})`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
    await watch(context);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => { errors.push(e.message); noteOutside(e.message); });
    page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); noteOutside(m.text()); } });
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 30000 });
    check(await page.evaluate(() => document.body.dataset.engine) === server.engine, "the page runs the engine kexplain serve names");
    check((await page.locator("button.example").count()) >= 4, "the example buttons");

    for (const [name, file] of CASES) {
      const text = readFileSync(path.join(root, file), "utf8");
      const cli = kexplain(["--format", "json", "-"], text);
      const want = cli.status === 2 ? null : JSON.parse(cli.out);
      await page.setViewportSize({ width: 1280, height: 900 });
      await paste(page, text);
      compare(name, await shown(page), want, cli.status);
      await page.screenshot({ path: path.join(shots, `${name}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 400, height: 860 });
      await page.waitForTimeout(50);
      const off = await offScreen(page);
      check(off.length === 0, `${name} at 400 px: off screen: ${off.slice(0, 4).join("; ")}`);
      await page.screenshot({ path: path.join(shots, `${name}-400.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await pictureCheck(page);

    // the copy button gives what kexplain --format markdown prints
    const seed = readFileSync(path.join(root, "corpus/keras1/seed-model.txt"), "utf8");
    await paste(page, seed);
    await page.click("#copy-md");
    await page.waitForFunction(() => document.getElementById("copied").textContent !== "");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === kexplain(["--format", "markdown", "-"], seed).out, "Copy as Markdown gives kexplain --format markdown");
    await page.check("#md-graph");
    await page.click("#copy-md");
    const withGraph = await page.evaluate(() => navigator.clipboard.readText());
    check(withGraph === kexplain(["--format", "markdown", "--graph", "-"], seed).out, "with the diagram: kexplain --format markdown --graph");

    // a position links to its line in the paste
    const flagged = readFileSync(path.join(root, "corpus/flagged/flatten-hand-edited.txt"), "utf8");
    await paste(page, flagged);
    const link = page.locator("#results a.line[data-line]:visible").nth(1);
    const line = +(await link.getAttribute("data-line"));
    await link.click();
    const sel = await page.evaluate(() => { const t = document.getElementById("input"); return t.value.slice(0, t.selectionStart).split("\n").length; });
    check(sel === line, `the link to line ${line} selects line ${sel} of the paste`);

    // a row opens to show its arithmetic and weights; a node of the graph opens its row
    const closed = page.locator("tr.layer.st-ok:not(.open)").filter({ hasText: "Dense" }).first();
    const rowName = await closed.getAttribute("data-name");
    await closed.click();
    check(await page.locator(`tr.layer[data-name='${rowName}'] + tr.details table.weights`).first().isVisible(), `a row (${rowName}) opens to its weights`);
    await page.locator(`tr.layer[data-name='${rowName}']`).first().click();
    check(!(await page.locator(`tr.layer[data-name='${rowName}'] + tr.details`).first().isVisible()), "and closes again");
    await page.locator("figure.graph svg .node[data-row='0']").first().click();
    check(await page.locator("tr.layer[data-row='0'] + tr.details").first().isVisible(), "a node of the graph opens its row");

    // the render tab prints what kexplain render prints
    const code = readFileSync(path.join(root, "corpus/code/functional-nested-block.txt"), "utf8");
    await paste(page, code);
    await page.click("#tab-render");
    for (const v of ["3", "2.15", "1", "tfjs"]) {
      await page.evaluate(() => { document.body.dataset.state = "x"; });
      await page.selectOption("#version", v);
      await page.waitForFunction(() => document.body.dataset.state === "done");
      const out = await page.locator("#render-out").textContent();
      const want = kexplain(v === "tfjs" ? ["render", "--tfjs", "-"] : ["render", "--keras", v, "-"], code).out;
      check(out === want, `render tab, ${v}: the page prints what kexplain render prints`);
    }
    await page.screenshot({ path: path.join(shots, "render-tab-1280.png"), fullPage: true });
    await page.click("#tab-explain");

    // the paste is kept across a reload
    await paste(page, seed);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === "done", null, { timeout: 30000 });
    check(await page.inputValue("#input") === seed, "the paste is kept across a reload");
    check(errors.length === 0, "no script errors: " + errors.join("; "));
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: path.join(shots, "seed-dark-1280.png"), fullPage: true });
    await context.close();

    // the same page with the engine in the kexplain process
    const native = await serve(["--engine", "native"]);
    try {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await watch(ctx);
      const p = await ctx.newPage();
      await p.goto(native.url);
      await p.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 30000 });
      check(await p.evaluate(() => document.body.dataset.engine) === "native", "engine native");
      for (const [name, file] of CASES.slice(0, 3)) {
        const text = readFileSync(path.join(root, file), "utf8");
        const cli = kexplain(["--format", "json", "-"], text);
        await paste(p, text);
        compare(name + " (native)", await shown(p), cli.status === 2 ? null : JSON.parse(cli.out), cli.status);
      }
      // a picture, read by the tesseract command of the kexplain process (or, without it, a
      // message that names what to install)
      const cli = kexplain(["--format", "json", path.join(root, PICTURE.file)]);
      await givePicture(p, "picker", readFileSync(path.join(root, PICTURE.file)));
      if (cli.status === 2 && /Tesseract/.test(cli.err)) {
        const v = await p.locator("#verdict").textContent();
        check(/tesseract-ocr/.test(v), "native, no Tesseract: the page names the packages to install: " + v.slice(0, 120));
      } else {
        compare(PICTURE.name + " (native)", await shown(p), cli.status === 2 ? null : JSON.parse(cli.out), cli.status);
      }
      await ctx.close();
    } finally {
      native.proc.kill();
    }

    await mermaidCheck(browser);
  } finally {
    await browser.close();
    server.proc.kill();
  }
  check(outside.length === 0, "requests that left loopback: " + outside.join(", "));
  const secs = (Date.now() - started) / 1000;
  console.log(`screenshots in ${shots}`);
  console.log(`browser check: ${secs.toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// givePicture gives the page a picture the way a person does — "picker" (Read a picture…),
// "paste" (an image on the clipboard) or "drop" — and waits for the explanation.
async function givePicture(page, how, bytes, type = "image/png") {
  const t0 = Date.now();
  await page.evaluate(() => { document.body.dataset.state = "giving"; });
  if (how === "picker") {
    await page.setInputFiles("#picture", { name: "shot.png", mimeType: type, buffer: bytes });
  } else {
    await page.evaluate(([b64, how, type]) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], "shot", { type }));
      const target = document.getElementById("input");
      if (how === "paste") target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
      else {
        target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, [Buffer.from(bytes).toString("base64"), how, type]);
  }
  await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.state), null, { timeout: 60000 });
  return (Date.now() - t0) / 1000;
}

// pictureCheck reads PICTURE in the page (Tesseract in WebAssembly) three ways, and two
// pictures that cannot be read.
async function pictureCheck(page) {
  const bytes = readFileSync(path.join(root, PICTURE.file));
  const truth = kexplain(["--format", "json", "-"], readFileSync(path.join(root, PICTURE.text), "utf8"));
  const cli = kexplain(["--format", "json", path.join(root, PICTURE.file)]);
  const haveTesseract = !(cli.status === 2 && /Tesseract/.test(cli.err));
  const times = [];
  for (const how of ["picker", "paste", "drop"]) {
    const name = `${PICTURE.name} (${how})`;
    await page.setViewportSize({ width: 1280, height: 900 });
    times.push(how + " " + (await givePicture(page, how, bytes)).toFixed(1) + " s");
    const got = await shown(page);
    // the same explanation as the command gives for the picture, and as the case's text gives
    if (haveTesseract) compare(name + " vs kexplain of the picture", got, cli.status === 2 ? null : JSON.parse(cli.out), cli.status);
    else console.log("no tesseract command here: the picture is compared with its case's text only");
    compare(name + " vs the case's text", got, JSON.parse(truth.out), truth.status);
    const note = await page.locator("#picture-note").count() ? await page.locator("#picture-note").textContent() : "";
    check(/^Read from a picture\. The PNG was read by OCR/.test(note), `${name}: the note that it was read from a picture: ${note.slice(0, 60)}`);
    check(await page.evaluate(() => document.body.dataset.picture) === "read", `${name}: the page says a picture was read`);
    const boxed = await page.inputValue("#input");
    check(/Total params: 164,869/.test(boxed) && /dense_2 \(Dense\)/.test(boxed), `${name}: the text read is in the paste box`);
    if (how !== "picker") continue;
    await page.screenshot({ path: path.join(shots, `${PICTURE.name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 400, height: 860 });
    await page.waitForTimeout(50);
    const off = await offScreen(page);
    check(off.length === 0, `${name} at 400 px: off screen: ${off.slice(0, 4).join("; ")}`);
    await page.screenshot({ path: path.join(shots, `${PICTURE.name}-400.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  console.log("the picture in the page: " + times.join(", "));

  // pictures that are not read: said in words, with exit 2
  const gif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
  await givePicture(page, "drop", gif, "image/gif");
  let v = await page.locator("#verdict").textContent();
  check(await page.evaluate(() => document.body.dataset.exit) === "2" && /^Nothing could be read\./.test(v) && /a GIF picture: kexplain reads PNG and JPEG/.test(v),
    "a GIF is refused in words: " + v.slice(0, 160));
  const blank = await page.evaluate(async () => {
    const c = new OffscreenCanvas(320, 120);
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, 320, 120);
    const b = await c.convertToBlob({ type: "image/png" });
    return [...new Uint8Array(await b.arrayBuffer())];
  });
  await givePicture(page, "paste", Buffer.from(blank));
  v = await page.locator("#verdict").textContent();
  check(await page.evaluate(() => document.body.dataset.exit) === "2" && /^Nothing could be read\./.test(v) && /no text/.test(v),
    "a blank picture: nothing read, said in words: " + v.slice(0, 160));
  await page.screenshot({ path: path.join(shots, "picture-blank-1280.png"), fullPage: true });
}

// mermaidCheck draws kexplain's Mermaid output with Mermaid itself (the npm package, in the same
// Chromium): every flowchart must parse and draw, with every layer's name in the picture.
async function mermaidCheck(browser) {
  const require = createRequire(import.meta.url);
  const lib = path.join(path.dirname(require.resolve("mermaid/package.json")), "dist", "mermaid.min.js");
  const inputs = [
    ["seed", "corpus/keras1/seed-model.txt"],
    ["frozen-base", "corpus/keras27/frozen-base.txt"],
    ["code-nested-block", "corpus/code/functional-nested-block.txt"],
    ["keras3-nested", "corpus/keras3/nested-unbuilt.txt"],
    ["wrong-flatten", "corpus/flagged/flatten-hand-edited.txt"],
  ];
  const ctx = await browser.newContext({ viewport: { width: 900, height: 1200 } });
  await watch(ctx);
  const page = await ctx.newPage();
  await page.setContent("<!doctype html><html><body style='margin:0;background:#fff'><div id='out'></div></body></html>");
  await page.addScriptTag({ path: lib });
  await page.evaluate(() => mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
  const md = [];
  for (const [name, file] of inputs) {
    const text = readFileSync(path.join(root, file), "utf8");
    const chart = kexplain(["--format", "mermaid", "-"], text).out;
    const json = JSON.parse(kexplain(["--format", "json", "-"], text).out);
    const names = [...json.summaries.flatMap((s) => s.layers.map((l) => l.name)), ...json.code.flatMap((c) => c.layers.map((l) => l.name))];
    writeFileSync(path.join(shots, `mermaid-${name}.mmd`), chart);
    const r = await page.evaluate(async ([chart, id]) => {
      try {
        const { svg } = await mermaid.render(id, chart);
        document.getElementById("out").innerHTML = svg;
        return { svg, text: document.getElementById("out").textContent };
      } catch (e) {
        return { error: String(e && e.message || e) };
      }
    }, [chart, "m" + name.replace(/\W/g, "")]);
    if (!check(!r.error, `Mermaid draws ${name}: ${r.error}`)) continue;
    const missing = names.filter((n) => !r.text.includes(n));
    check(missing.length === 0, `Mermaid's drawing of ${name} names every layer (missing: ${missing.join(", ")})`);
    writeFileSync(path.join(shots, `mermaid-${name}.svg`), r.svg);
    const dot = kexplain(["--format", "dot", "-"], text).out;
    const png = spawnSync("dot", ["-Tpng", "-o", path.join(shots, `graphviz-${name}.png`)], { input: dot });
    if (png.error === undefined) check(png.status === 0, `Graphviz draws ${name}: ${png.stderr}`);
    await page.locator("#out svg").screenshot({ path: path.join(shots, `mermaid-${name}.png`) });
    md.push(name);
  }
  // the golden Mermaid files of the render tests draw too
  const golden = path.join(root, "render", "testdata");
  for (const f of readdirSync(golden).filter((f) => f.endsWith(".mmd"))) {
    const chart = readFileSync(path.join(golden, f), "utf8");
    const err = await page.evaluate(async ([chart, id]) => {
      try { await mermaid.render(id, chart); return null; } catch (e) { return String(e && e.message || e); }
    }, [chart, "g" + f.replace(/\W/g, "")]);
    check(err === null, `Mermaid draws render/testdata/${f}: ${err}`);
  }
  await ctx.close();
  console.log(`Mermaid drew ${md.join(", ")} and render/testdata/*.mmd`);
}

main().catch((e) => {
  console.error(e);
  if (outside.length) console.log("FAIL requests that left loopback: " + outside.join(", "));
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
