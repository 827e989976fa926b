#!/usr/bin/env bash
# Checks the offline page in headless Chromium (not part of .ci/run: it needs Debian's chromium,
# `apt-get install -y chromium`). Builds web/, serves it on 127.0.0.1, then for each case loads the
# page with ?demo=1 or ?input=..., lets it run, and compares what the page shows (--dump-dom) with
# what the kexplain command prints for the same input; also takes a screenshot of the demo.
#   web/check.sh [SCREENSHOT.png]     (default /tmp/kexplain-page.png)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shot=${1:-/tmp/kexplain-page.png}
port=${PORT:-8731}

web/build.sh >/dev/null
tmp=$(mktemp -d)
go build -o "$tmp/kexplain" ./cmd/kexplain
python3 -m http.server "$port" --bind 127.0.0.1 --directory web >"$tmp/http.log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

# chromium URL ARGS...: headless, offline-quiet, in a new empty profile
chromium_() {
	local profile
	profile=$(mktemp -d "$tmp/profile.XXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --virtual-time-budget=20000 "${@:2}" "$1" 2>>"$tmp/chromium.log"
}

chromium_ "http://127.0.0.1:$port/?demo=1" --window-size=1200,900 --screenshot="$shot" >/dev/null
echo "screenshot: $shot"

# case NAME MODE FILE: the page's output and exit for FILE in MODE against the CLI's
fail=0
case_() {
	local name=$1 mode=$2 file=$3 url want wantexit
	url="http://127.0.0.1:$port/?mode=$mode&input=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(open(sys.argv[1]).read()))' "$file")"
	chromium_ "$url" --dump-dom >"$tmp/dom.html"
	case $mode in
	explain:*) args=(--format "${mode#explain:}" --color never) ;;
	render:tfjs) args=(render --tfjs) ;;
	render:*) args=(render --keras "${mode#render:}") ;;
	esac
	set +e
	"$tmp/kexplain" "${args[@]}" - <"$file" >"$tmp/want" 2>/dev/null
	wantexit=$?
	set -e
	if python3 - "$tmp/dom.html" "$tmp/want" "$wantexit" "$mode" <<'PY'; then echo "ok   $name ($mode, exit $wantexit)"; else echo "FAIL $name ($mode)"; fail=1; fi
import html, json, re, sys
dom, want, wantexit, mode = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3], sys.argv[4]
body = re.search(r'<body[^>]*>', dom).group(0)
m = re.search(r'data-exit="(\d)"', body)
got = html.unescape(re.search(r'<pre id="output"[^>]*>(.*?)</pre>', dom, re.S).group(1))
ok = m is not None and m.group(1) == wantexit
if mode == "explain:json":
    ok = ok and json.loads(got) == json.loads(want)
else:
    ok = ok and got == want.replace("<stdin>", "<paste>")
if not ok:
    print("page exit", m and m.group(1), "want", wantexit, file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}
cat >"$tmp/code.py" <<'PY'
import keras
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
PY
echo "just some prose, no table" >"$tmp/prose.txt"
case_ seed explain:json corpus/keras1/seed-model.txt
case_ seed explain:text corpus/keras1/seed-model.txt
case_ seed explain:markdown corpus/keras1/seed-model.txt
case_ flagged explain:text corpus/flagged/total-changed.txt
case_ flagged explain:json corpus/flagged/total-changed.txt
case_ prose explain:text "$tmp/prose.txt"
case_ code render:3 "$tmp/code.py"
case_ code render:2.15 "$tmp/code.py"
case_ code render:1 "$tmp/code.py"
case_ code render:tfjs "$tmp/code.py"
grep -v '" 200 -$' "$tmp/http.log" | grep -v '" 304 -$' | grep 'HTTP/' && { echo "unexpected requests above" >&2; fail=1; }
exit $fail
