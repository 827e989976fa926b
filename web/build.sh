#!/usr/bin/env bash
# Builds the page's engine into web/dist/ (not committed; kexplain serve embeds the folder):
#   web/dist/kexplain.wasm.gz  ./cmd/kexplain-wasm for GOOS=js GOARCH=wasm, gzip -9
#   web/dist/wasm_exec.js      Go's JavaScript support file, from the Go that built it
#   web/dist/stamp.txt         the commit and Go it was built from (kexplain serve compares them)
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
mv "$tmp/kexplain.wasm.gz" "$tmp/wasm_exec.js" "$tmp/stamp.txt" "$out/"
ls -l "$out/kexplain.wasm.gz"
