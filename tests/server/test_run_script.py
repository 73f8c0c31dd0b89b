"""`make run` (scripts/run.sh) starts closed by default: no HTTP API without JWT, CORS for one origin only."""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from helpers.server_harness import ROOT, free_port

pytestmark = [pytest.mark.model, pytest.mark.server]
ORIGIN = "https://www.commune.example.be"


def request(url, method="GET", headers=None, body=None):
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class RunScript:
    def __init__(self, **env):
        self.port = free_port()
        self.env = {**os.environ, "RASA_PORT": str(self.port), "CPAS_ALLOWED_ORIGIN": ORIGIN,
                    "WEB_PORT": str(free_port()), **env}
        self.process = subprocess.Popen(["bash", "scripts/run.sh", "server"], cwd=ROOT, env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.output = []

    def wait_ready(self, timeout=300):
        deadline = time.time() + timeout
        for line in self.process.stdout:
            self.output.append(line)
            if "Press Ctrl-C" in line:
                return "".join(self.output)
            if time.time() > deadline:
                break
        raise RuntimeError("run.sh did not become ready:\n" + "".join(self.output))

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def default_run(model_path):
    run = RunScript(CPAS_JWT_SECRET="")
    try:
        banner = run.wait_ready()
        yield run, banner
    finally:
        run.stop()


def test_default_run_prints_the_urls_and_keeps_the_api_closed(default_run):
    run, banner = default_run
    assert f"http://localhost:{run.port}/webhooks/rest/webhook" in banner
    assert "HTTP API       off" in banner and ORIGIN in banner
    for path in ("/status", "/conversations/someone/tracker", "/model/parse", "/version/../status"):
        status, _, _ = request(run.url + path)
        assert status in (404, 405), (path, status)
    status, _, _ = request(run.url + "/model/parse", "POST", {"Content-Type": "application/json"},
                           json.dumps({"text": "bonjour"}).encode())
    assert status == 404


def test_default_run_answers_on_rest_and_allows_only_the_commune_origin(default_run):
    run, _ = default_run
    body = json.dumps({"sender": "run-script", "message": "bonjour"}).encode()
    status, _, payload = request(run.url + "/webhooks/rest/webhook", "POST", {"Content-Type": "application/json"},
                                 body)
    assert status == 200 and json.loads(payload)
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    _, headers, _ = request(run.url + "/webhooks/rest/webhook", "OPTIONS", preflight)
    assert headers.get("Access-Control-Allow-Origin") == ORIGIN
    _, headers, _ = request(run.url + "/webhooks/rest/webhook", "OPTIONS",
                            {**preflight, "Origin": "https://evil.example.com"})
    assert headers.get("Access-Control-Allow-Origin") in (None, "")


def test_the_actions_run_inside_the_rasa_server_and_no_action_port_is_opened(default_run):
    """endpoints.yml: action_endpoint.actions_module (cpas_rasa/actions_in_process.py). A guided check, whose
    questions come from the form's custom validation action, works without any action server."""
    import socket

    run, banner = default_run
    assert "Actions        inside the Rasa server" in banner
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", 5055)) != 0, "an action server is listening on 5055"
    body = json.dumps({"sender": "run-script-check", "message": "Est-ce que j'ai droit au revenu d'intégration ?"})
    status, _, payload = request(run.url + "/webhooks/rest/webhook", "POST", {"Content-Type": "application/json"},
                                 body.encode())
    first = " ".join(m.get("text") or "" for m in json.loads(payload))
    body = json.dumps({"sender": "run-script-check", "message": "oui"})
    status2, _, payload = request(run.url + "/webhooks/rest/webhook", "POST", {"Content-Type": "application/json"},
                                  body.encode())
    second = " ".join(m.get("text") or "" for m in json.loads(payload))
    assert status == status2 == 200
    assert "Belgique" in first, first          # the check's first question: does the person live in Belgium
    assert "âge" in second, second             # "oui" validated by the form's action, then the age is asked


def test_api_with_a_secret_requires_a_jwt(model_path):
    import jwt

    secret = "s" * 40
    run = RunScript(CPAS_JWT_SECRET=secret)
    try:
        banner = run.wait_ready()
        assert "JWT" in banner and secret not in banner
        status, _, _ = request(run.url + "/status")
        assert status == 401
        forged = jwt.encode({"user": {"username": "x", "role": "admin"}}, "wrong" * 8, algorithm="HS256")
        status, _, _ = request(run.url + "/status", headers={"Authorization": f"Bearer {forged}"})
        assert status == 401
        token = jwt.encode({"user": {"username": "staff", "role": "admin"}}, secret, algorithm="HS256")
        status, _, _ = request(run.url + "/status", headers={"Authorization": f"Bearer {token}"})
        assert status == 200
    finally:
        run.stop()


@pytest.mark.parametrize("env, message", [
    ({"CPAS_ALLOWED_ORIGIN": "*"}, "refused"),
    ({"CPAS_JWT_SECRET": "short"}, "too short"),
])
def test_unsafe_settings_are_refused(env, message):
    run = RunScript(**env)
    try:
        out, _ = run.process.communicate(timeout=120)
    finally:
        run.stop()
    assert run.process.returncode == 2 and message in out
