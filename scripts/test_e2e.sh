#!/usr/bin/env bash
# `make test-e2e`: the chat widget in a real headless Chromium (Debian's package; no browser download).
# 1. Installs Debian's chromium with apt-get when it is missing (and Node.js + npm when they are missing).
# 2. Installs the npm packages of tests/e2e exactly as pinned in its package-lock.json (npm ci: playwright-core,
#    which drives /usr/bin/chromium, and axe-core). No pip package is needed beyond requirements-dev.txt.
# 3. Runs tests/e2e (the browser test and the demo server's test) with CPAS_E2E=1.
# Exit codes: pytest's, or 3 (with a plain message) when chromium or Node.js >= 20 cannot be had here.
set -uo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PY=.venv/bin/python

apt_install() {  # packages...; quiet, with one apt-get update when the first try fails
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
  "${sudo[@]}" apt-get update -q >/dev/null 2>&1 &&
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}

if [ ! -x "$CHROMIUM" ]; then
  echo "test-e2e: installing Debian's chromium (apt-get install chromium)..."
  if ! apt_install chromium || [ ! -x "$CHROMIUM" ]; then
    echo "test-e2e skipped: chromium cannot be installed here (apt-get is missing, failed, or needs root)."
    echo "Install it by hand (apt-get install chromium) or set CHROMIUM=/path/to/chromium, then run make test-e2e."
    exit 3
  fi
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test-e2e: installing Node.js and npm (apt-get install nodejs npm)..."
  apt_install nodejs npm || true
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null 2>&1; then
  echo "test-e2e skipped: Node.js 20 or newer with npm is needed (found: $(node --version 2>/dev/null || echo none))."
  exit 3
fi

if [ ! -x "$PY" ]; then
  echo "test-e2e: $PY is missing: run make setup first." >&2
  exit 1
fi

echo "test-e2e: npm ci in tests/e2e (playwright-core and axe-core, as pinned in package-lock.json)..."
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { echo "test-e2e: npm ci failed in tests/e2e" >&2; exit 1; }

echo "test-e2e: $("$CHROMIUM" --version 2>/dev/null), Node.js $(node --version)"
CPAS_E2E=1 CHROMIUM="$CHROMIUM" RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
  "$PY" -m pytest tests/e2e -v -s -p no:cacheprovider "$@"
