#!/usr/bin/env bash
# Builds the offline page's generated files into web/ (none of them is committed):
#   web/kexplain.wasm   the engine, from ./cmd/kexplain-wasm
#   web/wasm_exec.js    Go's JavaScript support file, from this Go's GOROOT
#   web/seed-model.txt  the example the "Load example" button and ?demo=1 use
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

goroot=$(go env GOROOT)
rm -f web/wasm_exec.js
for f in "$goroot/lib/wasm/wasm_exec.js" "$goroot/misc/wasm/wasm_exec.js"; do # Go 1.24+: lib/wasm
	if [ -f "$f" ]; then
		cp "$f" web/wasm_exec.js
		break
	fi
done
if [ ! -f web/wasm_exec.js ]; then
	echo "build.sh: no wasm_exec.js under $goroot/lib/wasm or $goroot/misc/wasm" >&2
	exit 1
fi
cp corpus/keras1/seed-model.txt web/seed-model.txt
GOOS=js GOARCH=wasm go build -trimpath -ldflags=-s -o web/kexplain.wasm ./cmd/kexplain-wasm
ls -l web/kexplain.wasm web/wasm_exec.js
