"""The widget in a real headless Chromium (Debian's package), driven by playwright-core: `make test-e2e`.

Skipped unless CPAS_E2E=1 (make test-e2e sets it after installing chromium and the npm packages).
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from server_harness import ROOT, BotServers, free_port, wait_http

E2E_DIR = Path(__file__).resolve().parent
SCREENSHOT = ROOT / "docs" / "img" / "widget-demo.png"

pytestmark = [pytest.mark.model, pytest.mark.server, pytest.mark.skipif(
    os.environ.get("CPAS_E2E") != "1" or not shutil.which("chromium") or not (E2E_DIR / "node_modules").exists(),
    reason="browser test: run `make test-e2e`")]


def test_widget_keyboard_answer_quick_reply_and_axe(model_path, tmp_path):
    web_port = free_port()
    origin = f"http://127.0.0.1:{web_port}"
    servers = BotServers(tmp_path, model_path, cors=origin)
    web = None
    try:
        servers.start_actions()
        servers.start_rasa()
        web = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_web.py"), "--port", str(web_port),
                                "--bot", servers.url], cwd=ROOT)
        wait_http(f"{origin}/demo/", 30, web)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(["node", str(E2E_DIR / "widget.mjs"), f"{origin}/demo/", str(SCREENSHOT)],
                             capture_output=True, text=True, timeout=600, cwd=E2E_DIR)
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        assert lines, run.stdout + run.stderr
        result = json.loads(lines[-1])
        print("\n".join(f"  {'ok ' if s['ok'] else 'FAIL'} {s['name']} {s['detail'] if not s['ok'] else ''}"
                        for s in result["steps"]))
        print(f"  axe-core: {result.get('axe', {}).get('passes')} rules passed, "
              f"{len(result.get('axe', {}).get('violations', []))} violations")
        failed = [s for s in result["steps"] if not s["ok"]]
        assert not failed, failed
        assert len(result["steps"]) >= 18
    finally:
        if web:
            web.terminate()
            web.wait(10)
        servers.stop()
