"""The chat widget in a real headless Chromium (Debian's package), driven by playwright-core: `make test-e2e`.

The bot (action server + Rasa, free ports, CORS for the demo page's origin only) and scripts/serve_web.py (its
Content-Security-Policy on) are started here; tests/e2e/widget.mjs drives the browser and prints one JSON line
of steps, each asserted below. It also writes docs/img/widget-demo.png (the README's screenshot).

Skipped unless CPAS_E2E=1, /usr/bin/chromium (or $CHROMIUM) exists and tests/e2e/node_modules is installed:
scripts/test_e2e.sh (`make test-e2e`) installs what is missing and sets CPAS_E2E=1. Plain `pytest tests` skips it.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.server_harness import ROOT, BotServers, free_port, wait_http

E2E_DIR = Path(__file__).resolve().parent
SCREENSHOT = ROOT / "docs" / "img" / "widget-demo.png"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.model, pytest.mark.server, pytest.mark.skipif(
    os.environ.get("CPAS_E2E") != "1" or not Path(CHROMIUM).exists() or not shutil.which("node")
    or not (E2E_DIR / "node_modules" / "playwright-core").exists(),
    reason="browser test: run `make test-e2e` (scripts/test_e2e.sh)")]


def test_widget_in_chromium(model_path, tmp_path):
    model = tmp_path / "model.tar.gz"          # a copy: `make train` may replace models/cpas.tar.gz meanwhile
    shutil.copyfile(model_path, model)
    web_port = free_port()
    origin = f"http://127.0.0.1:{web_port}"
    servers = BotServers(tmp_path, model, cors=origin)
    web = None
    try:
        servers.start_actions()
        servers.start_rasa()
        web = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_web.py"), "--host", "127.0.0.1",
                                "--port", str(web_port), "--bot", servers.url], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_http(f"{origin}/demo/", 30, web)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        extra = os.environ.get("CPAS_E2E_SHOTS", "")
        run = subprocess.run(["node", str(E2E_DIR / "widget.mjs"), f"{origin}/demo/", servers.url, str(SCREENSHOT)]
                             + ([extra] if extra else []), capture_output=True, text=True, timeout=900, cwd=E2E_DIR,
                             env={**os.environ, "CHROMIUM": CHROMIUM})
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        assert lines, f"no result from widget.mjs (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
        result = json.loads(lines[-1])
    finally:
        if web:
            web.terminate()
            web.wait(10)
        servers.stop()

    for s in result["steps"]:
        print(f"  {'ok  ' if s['ok'] else 'FAIL'} {s['name']}" + ("" if s["ok"] else f"\n       {s['detail']}"))
    for a in result["axe"]:
        print(f"  axe-core ({a['state']}): {len(a['violations'])} violations, {a['passes']} rules passed, "
              f"{a['widgetNodes']} widget nodes checked, needs review: {', '.join(a['incomplete']) or 'none'}")
    failed = [s for s in result["steps"] if not s["ok"]]
    assert not failed, json.dumps(failed, ensure_ascii=False, indent=1)
    assert len(result["steps"]) >= 50, "the browser test stopped early"
    assert len(result["axe"]) == 3 and all(not a["violations"] for a in result["axe"])
    assert SCREENSHOT.stat().st_size > 20_000
