#!/usr/bin/env bash
# `make test-e2e`: the widget in a real headless Chromium (Debian's package; no browser download).
# Installs chromium with apt-get when it is missing and the npm packages of tests/e2e (pinned in its lockfile),
# then runs tests/e2e/test_widget_browser.py. Exit code 3 (and a plain message) when chromium cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser test..."
  if ! { command -v apt-get >/dev/null && { apt-get install -y -q chromium >/dev/null 2>&1 ||
         { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }; }; }; then
    echo "test-e2e skipped: chromium cannot be installed here (apt-get failed or is missing)."
    exit 3
  fi
fi
if ! command -v node >/dev/null 2>&1; then
  echo "test-e2e skipped: Node.js is not installed (needed for playwright-core and axe-core)."
  exit 3
fi
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in tests/e2e" >&2; exit 1; }
CPAS_E2E=1 .venv/bin/python -m pytest tests/e2e -q -s -p no:cacheprovider
