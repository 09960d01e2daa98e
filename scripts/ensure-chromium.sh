#!/bin/sh
# Install Debian's chromium for the browser tests (tests/web) when it is missing.
# Playwright's own browser download does not work offline; the tests launch /usr/bin/chromium.
# CI runs as root on a clean machine; elsewhere sudo is used when available.
set -eu
CHROMIUM="${GONGBAO_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot run apt-get" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
"$CHROMIUM" --version
