// shots.mjs: every picture of some folders read by the page (the engine in WebAssembly,
// tesseract.js), to measure the page's reading of pictures with ../shared/tools/score, as the
// command's is. Not part of the browser check (it takes a few seconds a picture).
//
//   node web/check/shots.mjs KEXPLAIN_BINARY OUT_DIR DIR...
//   ../shared/tools/score --bin OUT_DIR/replay shots DIR...
//
// For each NAME.png or NAME.jpg it writes OUT_DIR/NAME.json (the contract document the page
// shows) and OUT_DIR/NAME.exit, and OUT_DIR/replay, a stand-in for kexplain that prints them.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [bin, out, ...dirs] = process.argv.slice(2);
if (!bin || !out || dirs.length === 0) {
  console.error("usage: node web/check/shots.mjs KEXPLAIN_BINARY OUT_DIR DIR...");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const server = spawn(path.resolve(bin), ["serve", "--addr", "127.0.0.1:0", "--engine", "wasm"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on("data", (d) => { const m = String(d).match(/serving the page at (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) resolve(m[1]); });
  server.on("exit", (c) => reject(new Error("kexplain serve exited with " + c)));
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"] });
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 30000 });
let n = 0, secs = 0;
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort()) {
    const t0 = Date.now();
    const res = await page.evaluate(async (b64) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      return Engine.picture(data, () => {});
    }, readFileSync(path.join(dir, f)).toString("base64"));
    secs += (Date.now() - t0) / 1000;
    n++;
    const base = f.replace(/\.[^.]+$/, "");
    writeFileSync(path.join(out, base + ".json"), res.json ? JSON.stringify(res.json, null, 2) + "\n" : "");
    writeFileSync(path.join(out, base + ".exit"), res.exit + "\n");
    console.log(`${f}: exit ${res.exit}${res.exit === 2 ? " " + res.diagnostics.trim() : ""}`);
  }
}
const replay = path.join(out, "replay");
writeFileSync(replay, `#!/bin/sh
# prints what the page showed for the picture named last (web/check/shots.mjs)
for a; do f=$a; done
b=$(basename "$f"); b=\${b%.*}
cat "${path.resolve(out)}/$b.json"
exit $(cat "${path.resolve(out)}/$b.exit")
`);
chmodSync(replay, 0o755);
console.log(`${n} pictures read by the page, ${(secs / Math.max(n, 1)).toFixed(1)} s each on average`);
await browser.close();
server.kill();
