#!/usr/bin/env bash
# The browser check, as .ci/run runs it: Debian's chromium (installed by
# web/check/install-chromium.sh when missing), the page's engine built into web/dist/, a kexplain
# with it, then web/check/check.mjs. Screenshots go to web/check/screenshots/ (not committed):
# each case at 1280 and 400 px wide, and Mermaid's drawings of kexplain's flowcharts.
#   web/check/run.sh [SCREENSHOT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
shots=${1:-web/check/screenshots}

web/check/install-chromium.sh
if [ ! -d web/check/node_modules/playwright-core ] || [ ! -d web/check/node_modules/mermaid ]; then
	(cd web/check && npm ci --no-audit --no-fund --loglevel=error)
fi
web/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kexplain" ./cmd/kexplain
rm -rf "$shots"
node web/check/check.mjs "$tmp/kexplain" "$shots"
