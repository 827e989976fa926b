#!/usr/bin/env bash
# Installs Debian's chromium (for the browser check) and graphviz (whose dot draws kexplain's
# --format dot in the render tests) when they are missing. Needs root and Debian's packages; a
# browser download by a test tool does not work on these machines.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
fc-list 2>/dev/null | grep -i dejavu >/dev/null || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-chromium.sh: ${missing[*]} missing; run as root, or apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "installing ${missing[*]} (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
