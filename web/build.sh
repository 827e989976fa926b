#!/usr/bin/env bash
# Builds the page's engine into web/dist/ (not committed; kexplain serve embeds the folder):
#   web/dist/kexplain.wasm.gz  ./cmd/kexplain-wasm for GOOS=js GOARCH=wasm, gzip -9
#   web/dist/wasm_exec.js      Go's JavaScript support file, from the Go that built it
#   web/dist/stamp.txt         the commit and Go it was built from (kexplain serve compares them)
#   web/dist/ocr/              Tesseract in WebAssembly for pictures, from npm (web/ocr/package.json,
#                              pinned by its package-lock.json; `npm ci` when node_modules is
#                              missing or older than the lock): tesseract.js and its worker, the
#                              three LSTM-only cores (plain, SIMD, relaxed SIMD; the worker picks
#                              one) gzipped, and the English LSTM model (eng.traineddata.gz)
# Then `go build ./cmd/kexplain` gives a kexplain whose `serve` runs the engine in the browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

goroot=$(go env GOROOT)
out=web/dist
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$goroot/lib/wasm/wasm_exec.js" "$goroot/misc/wasm/wasm_exec.js"; do # Go 1.24+: lib/wasm
	if [ -f "$f" ]; then
		cp "$f" "$tmp/wasm_exec.js"
		break
	fi
done
if [ ! -f "$tmp/wasm_exec.js" ]; then
	echo "build.sh: no wasm_exec.js under $goroot/lib/wasm or $goroot/misc/wasm" >&2
	exit 1
fi
GOOS=js GOARCH=wasm go build -trimpath -ldflags=-s -o "$tmp/kexplain.wasm" ./cmd/kexplain-wasm
gzip -9 -n -c "$tmp/kexplain.wasm" >"$tmp/kexplain.wasm.gz"
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit+dirty"
fi
printf 'commit %s\ngo %s\nwasm %s bytes\n' "$commit" "$(go env GOVERSION)" "$(wc -c <"$tmp/kexplain.wasm" | tr -d ' ')" >"$tmp/stamp.txt"

# Tesseract for the page's pictures: nothing of it is fetched by the page from anywhere else
ocr=web/ocr
if [ ! -f "$ocr/node_modules/.package-lock.json" ] || [ "$ocr/package-lock.json" -nt "$ocr/node_modules/.package-lock.json" ]; then
	(cd "$ocr" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
mods=$ocr/node_modules
mkdir -p "$tmp/ocr"
cp "$mods/tesseract.js/dist/tesseract.min.js" "$mods/tesseract.js/dist/worker.min.js" "$tmp/ocr/"
for core in tesseract-core-lstm tesseract-core-simd-lstm tesseract-core-relaxedsimd-lstm; do
	gzip -9 -n -c "$mods/tesseract.js-core/$core.wasm.js" >"$tmp/ocr/$core.wasm.js.gz"
done
cp "$mods/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz" "$tmp/ocr/"
cp "$mods/tesseract.js/LICENSE.md" "$tmp/ocr/LICENSE-tesseract.js.md" 2>/dev/null || true
cp "$mods/tesseract.js-core/LICENSE" "$tmp/ocr/LICENSE-tesseract.js-core" 2>/dev/null || true
printf 'tesseract.js %s\ntesseract.js-core %s\n@tesseract.js-data/eng %s (4.0.0_best_int)\n' \
	"$(node -p "require('./$mods/tesseract.js/package.json').version")" \
	"$(node -p "require('./$mods/tesseract.js-core/package.json').version")" \
	"$(node -p "require('./$mods/@tesseract.js-data/eng/package.json').version")" >"$tmp/ocr/versions.txt"

rm -rf "$out/ocr"
mv "$tmp/kexplain.wasm.gz" "$tmp/wasm_exec.js" "$tmp/stamp.txt" "$tmp/ocr" "$out/"
ls -l "$out/kexplain.wasm.gz"
du -sb "$out/ocr"
