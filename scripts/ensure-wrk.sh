#!/bin/sh
# Install Debian's wrk (HTTP load tool) for bench/web_bench.py when it is missing.
# CI runs as root on a clean machine; elsewhere sudo is used when available.
set -eu
if command -v wrk >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "ensure-wrk: wrk is missing and this user cannot run apt-get" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends wrk
command -v wrk
