"""The deployment files of deploy/ are valid and closed by default.

Fast: no model, no Rasa server. deploy/nginx.conf is also run for real (`nginx -t`, then served with a fake
backend) when nginx and openssl are installed (`make test-scale` installs nginx), and skipped otherwise.
`make test-scale` (scripts/test_scale.sh) runs the replicas themselves.
"""
from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from scripts.harness import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
ENDPOINTS = DEPLOY / "endpoints.scale.yml"
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_SID$|_KEY$|AUTH")
ENV_REFERENCE = re.compile(r"^\$\{[A-Z][A-Z0-9_]*(:?[-?][^}]*)?\}$")
INTERNAL_SERVICES = ("actions", "postgres", "redis")
BOT_SERVICES = ("rasa-1", "rasa-2", "actions")
ENDPOINT_ENV = {
    "CPAS_ACTIONS_URL": "http://actions:5055/webhook",
    "CPAS_PG_HOST": "db.internal", "CPAS_PG_PORT": "5433", "CPAS_PG_DB": "cpasdb", "CPAS_PG_USER": "bot",
    "CPAS_PG_PASSWORD": "p@ss w:rd$x", "CPAS_REDIS_HOST": "locks.internal", "CPAS_REDIS_PORT": "6380",
    "CPAS_REDIS_DB": "2", "CPAS_REDIS_PASSWORD": "",
}


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8"))


def k8s_docs() -> list:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def k8s(kind: str) -> dict:
    return {d["metadata"]["name"]: d for d in k8s_docs() if d.get("kind") == kind}


# ---------------------------------------------------------------------------------------------------- YAML


def test_every_yaml_file_of_deploy_parses():
    files = sorted(DEPLOY.rglob("*.yml")) + sorted(DEPLOY.rglob("*.yaml"))
    assert {p.name for p in files} >= {"compose.yml", "endpoints.scale.yml", "rasa.yaml", "actions.yaml",
                                       "proxy.yaml", "networkpolicy.yaml", "configmap.yaml", "kustomization.yaml"}
    for path in files:
        docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
        assert docs, f"{path} is empty"


# ----------------------------------------------------------------------------------------- endpoints file


def test_scale_endpoints_take_every_value_from_the_environment(monkeypatch):
    from rasa.core.utils import AvailableEndpoints

    for name, value in ENDPOINT_ENV.items():
        monkeypatch.setenv(name, value)
    e = AvailableEndpoints.read_endpoints(str(ENDPOINTS))
    assert e.action.url == "http://actions:5055/webhook"
    assert e.tracker_store.type == "SQL" and e.tracker_store.url == "db.internal"
    assert e.tracker_store.kwargs == {"dialect": "postgresql", "port": "5433", "db": "cpasdb", "username": "bot",
                                      "password": "p@ss w:rd$x"}
    assert e.lock_store.type == "cpas_rasa.lock_store.ExpiryProofRedisLockStore"
    assert e.lock_store.url == "locks.internal"
    assert e.lock_store.kwargs["port"] == "6380" and e.lock_store.kwargs["db"] == "2"
    assert e.lock_store.kwargs["password"] == ""


def test_scale_endpoints_build_a_postgresql_store_and_a_redis_lock(monkeypatch):
    """The objects Rasa builds from the file (no connection is made: the engine is lazy, redis too)."""
    import sqlalchemy as sa
    from rasa.core.lock_store import LockStore, RedisLockStore
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.core.utils import AvailableEndpoints

    for name, value in ENDPOINT_ENV.items():
        monkeypatch.setenv(name, value)
    e = AvailableEndpoints.read_endpoints(str(ENDPOINTS))
    url = SQLTrackerStore.get_db_url(e.tracker_store.kwargs["dialect"], e.tracker_store.url,
                                     e.tracker_store.kwargs["port"], e.tracker_store.kwargs["db"],
                                     e.tracker_store.kwargs["username"], e.tracker_store.kwargs["password"])
    url = sa.engine.make_url(url)
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.internal", 5433, "cpasdb", "bot", "p@ss w:rd$x")
    lock = LockStore.create(e.lock_store)
    assert isinstance(lock, RedisLockStore)
    kwargs = lock.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("locks.internal", 6380, 2)
    assert lock.key_prefix == "cpas:lock:"


def test_scale_endpoints_refuse_to_start_when_a_variable_is_missing(monkeypatch):
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.exceptions import RasaException

    for name, value in ENDPOINT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CPAS_PG_PASSWORD")
    with pytest.raises(RasaException, match="CPAS_PG_PASSWORD"):
        AvailableEndpoints.read_endpoints(str(ENDPOINTS))


def test_scale_endpoints_have_no_quoted_variable_and_no_literal_value():
    """Rasa substitutes ${...} only in unquoted values: a quoted one would stay the text "${...}"."""
    text = ENDPOINTS.read_text(encoding="utf-8")
    assert not re.search(r"""["']\$\{""", re.sub(r"#.*", "", text))
    data = yaml.safe_load(text)
    for section in ("action_endpoint", "tracker_store", "lock_store"):
        for key, value in data[section].items():
            if key in ("url", "port", "db", "username", "password"):
                assert ENV_REFERENCE.match(str(value)), f"{section}.{key} = {value!r} is not from the environment"


def test_k8s_configmap_carries_the_same_endpoints_file():
    assert k8s("ConfigMap")["cpas-endpoints"]["data"]["endpoints.yml"] == ENDPOINTS.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- compose


def test_compose_publishes_only_the_proxy_and_keeps_the_backends_internal():
    c = compose()
    services = c["services"]
    assert {"proxy", "rasa-1", "rasa-2", "actions", "postgres", "redis"} <= set(services)
    assert [name for name, s in services.items() if s.get("ports")] == ["proxy"]
    internal = {name for name, n in c["networks"].items() if (n or {}).get("internal") is True}
    assert internal, "an internal network (no route in or out)"
    for name in INTERNAL_SERVICES:
        assert set(services[name]["networks"]) <= internal, f"{name} must be on internal networks only"
    # The replicas reach the action server, the databases on the internal network.
    assert set(services["rasa-1"]["networks"]) & internal


def test_compose_takes_every_secret_from_the_environment():
    c = compose()
    for name, service in c["services"].items():
        env = service.get("environment") or {}
        assert isinstance(env, dict), f"{name}: environment as a mapping"
        for key, value in env.items():
            if SECRET_NAME.search(key):
                assert ENV_REFERENCE.match(str(value)), f"{name}.{key} must come from the environment: {value!r}"
    rasa_env = c["services"]["rasa-1"]["environment"]
    for required in ("CPAS_PG_PASSWORD", "CPAS_REDIS_PASSWORD", "CPAS_ALLOWED_ORIGIN"):
        assert ":?" in rasa_env[required], f"{required}: compose must stop when it is not set"
    assert rasa_env["CPAS_JWT_SECRET"] == "${CPAS_JWT_SECRET:-}", "the API is off unless the secret is given"
    text = (DEPLOY / "compose.yml").read_text(encoding="utf-8")
    assert "--requirepass" not in text, "Redis's password never on a command line"


def test_compose_bot_containers_are_read_only_non_root_and_checked():
    services = compose()["services"]
    for name in BOT_SERVICES + ("proxy",):
        s = services[name]
        assert s.get("read_only") is True, name
        assert s.get("cap_drop") == ["ALL"], name
        assert "no-new-privileges:true" in s.get("security_opt", []), name
    for name in BOT_SERVICES:
        assert str(services[name]["user"]).split(":")[0] not in ("0", "root"), name
    for name, s in services.items():
        assert s.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in ("rasa-1", "rasa-2"):
        mounts = services[name]["volumes"]
        assert any(m.endswith(":/app/models:ro") for m in mounts), f"{name}: the model volume is read-only"
        env = services[name]["environment"]
        assert int(env["TICKET_LOCK_LIFETIME"]) < int(env["SANIC_RESPONSE_TIMEOUT"])


def test_env_example_and_gitignore_keep_secrets_out_of_git():
    assert {".env", "tls/"} <= set((DEPLOY / ".gitignore").read_text().split())
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            if SECRET_NAME.search(key):
                assert value == "", f"{key} has a value in .env.example"
    assert not (DEPLOY / ".env").exists() or ".env" in (DEPLOY / ".gitignore").read_text()


# ------------------------------------------------------------------------------- CORS, API, entry point


def test_no_wildcard_cors_and_no_api_without_jwt_anywhere_in_deploy():
    for path in sorted(p for p in DEPLOY.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"""--cors[ =]+["']?\*|cors[^\n]*:\s*["']?\*["']?\s*$""", text, re.M), path
        for line in text.splitlines():
            if "--enable-api" in line and not line.lstrip().startswith("#"):
                assert "--jwt-secret" in line, f"{path}: {line.strip()}"
        assert not re.search(r"--auth-token|auth_token\s*[:=]", text), f"{path}: no bare auth token"
    for d in k8s("Deployment").values():
        for container in d["spec"]["template"]["spec"]["containers"]:
            assert "--enable-api" not in " ".join(container.get("args", []) + container.get("command", []))


def run_entrypoint(tmp_path, *args, **env):
    fake = tmp_path / "fake-rasa"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    fake.chmod(0o755)
    environment = {"PATH": os.environ["PATH"], "RASA_BIN": str(fake), "CPAS_APP_DIR": str(tmp_path), **env}
    run = subprocess.run(["sh", str(DEPLOY / "entrypoint.sh"), *args], env=environment, capture_output=True,
                         text=True, timeout=30)
    return run.returncode, run.stdout.splitlines(), run.stderr


def test_entrypoint_starts_a_closed_replica_by_default(tmp_path):
    code, argv, _ = run_entrypoint(tmp_path, "rasa", CPAS_ALLOWED_ORIGIN="https://www.lahulpe.be")
    assert code == 0
    assert argv[0] == "run" and "--enable-api" not in argv and "--jwt-secret" not in argv
    assert argv[argv.index("--cors") + 1] == "https://www.lahulpe.be"
    assert argv[argv.index("--endpoints") + 1] == f"{tmp_path}/deploy/endpoints.scale.yml"
    assert argv[argv.index("--credentials") + 1] == f"{tmp_path}/credentials.yml"


@pytest.mark.parametrize("origin", ["", "*", "https://a.be https://b.be", "https://*.be"])
def test_entrypoint_refuses_a_missing_or_wildcard_origin(tmp_path, origin):
    code, argv, err = run_entrypoint(tmp_path, "rasa", CPAS_ALLOWED_ORIGIN=origin)
    assert code == 2 and argv == [] and "CPAS_ALLOWED_ORIGIN" in err


def test_entrypoint_enables_the_api_only_with_a_long_jwt_secret(tmp_path):
    code, argv, err = run_entrypoint(tmp_path, "rasa", CPAS_ALLOWED_ORIGIN="https://x.be", CPAS_JWT_SECRET="short")
    assert code == 2 and argv == [] and "too short" in err
    secret = "s" * 40
    code, argv, _ = run_entrypoint(tmp_path, "rasa", CPAS_ALLOWED_ORIGIN="https://x.be", CPAS_JWT_SECRET=secret)
    assert code == 0
    assert argv[argv.index("--enable-api"):] == ["--enable-api", "--jwt-secret", secret, "--jwt-method", "HS256"]


def test_entrypoint_starts_the_action_server(tmp_path):
    code, argv, _ = run_entrypoint(tmp_path, "actions")
    assert code == 0 and argv == ["run", "actions", "--actions", "actions", "--port", "5055"]
    code, argv, _ = run_entrypoint(tmp_path, "sh")
    assert code == 2 and argv == []


# ----------------------------------------------------------------------------------------------- Dockerfile


def test_dockerfile_is_slim_pinned_and_non_root():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    assert stages[0].startswith("python:3.10-slim AS bot")
    assert "pip install --no-cache-dir -r requirements.txt" in stages[0]
    for stage in stages:
        users = re.findall(r"^USER (\S+)", stage, re.M)
        assert users and users[-1].split(":")[0] not in ("0", "root"), stage.splitlines()[0]
    assert not re.search(r"^(ENV|ARG)\s.*(PASSWORD|SECRET|TOKEN)", text, re.M)
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert ignore[[i for i, line in enumerate(ignore) if line and not line.startswith("#")][0]] == "*"
    assert not any(line.startswith("!") and (".env" in line or ".venv" in line or "tls" in line) for line in ignore)
    for line in ignore:  # everything the Dockerfile copies is let in
        if line.startswith("!"):
            assert (ROOT / line[1:].rstrip("/")).exists() or line == "!models/cpas.tar.gz", line


# ------------------------------------------------------------------------------------------------- k8s


def test_k8s_rasa_runs_two_probed_limited_replicas_as_non_root():
    deployments = k8s("Deployment")
    assert deployments["rasa"]["spec"]["replicas"] >= 2
    for name, d in deployments.items():
        pod = d["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod.get("automountServiceAccountToken") is False, name
        for c in pod["containers"]:
            assert c.get("readinessProbe") and c.get("livenessProbe"), name
            assert c["resources"]["requests"] and c["resources"]["limits"]["memory"], name
            sc = c["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False and sc["readOnlyRootFilesystem"] is True, name
            assert sc["capabilities"]["drop"] == ["ALL"], name
            for var in c.get("env", []):
                if SECRET_NAME.search(var["name"]):
                    assert "secretKeyRef" in var.get("valueFrom", {}), f"{name}: {var['name']} from a Secret"
    assert "Secret" not in {d.get("kind") for d in k8s_docs()}, "Secrets are created by hand, never committed"
    settings = k8s("ConfigMap")["cpas-settings"]["data"]
    assert not [k for k in settings if SECRET_NAME.search(k)]
    assert "*" not in settings["CPAS_ALLOWED_ORIGIN"]
    assert int(settings["TICKET_LOCK_LIFETIME"]) < int(settings["SANIC_RESPONSE_TIMEOUT"])


def test_k8s_only_the_proxy_is_exposed_and_only_rasa_reaches_the_actions():
    services = k8s("Service")
    assert {n for n, s in services.items() if s["spec"].get("type", "ClusterIP") != "ClusterIP"} == {"proxy"}
    policies = k8s("NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    actions = [p["spec"] for p in policies.values()
               if p["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component") == "actions"]
    assert len(actions) == 1
    sources = [src for rule in actions[0]["ingress"] for src in rule["from"]]
    assert sources == [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "assistant-cpas",
                                                        "app.kubernetes.io/component": "rasa"}}}]
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert set(kustomization["resources"]) == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


@pytest.mark.skipif(not shutil.which("kubectl"), reason="kubectl is not installed")
def test_k8s_kustomization_builds():
    run = subprocess.run(["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    kinds = [d["kind"] for d in yaml.safe_load_all(run.stdout) if d]
    assert kinds.count("Deployment") == 3 and kinds.count("NetworkPolicy") == 4


# ----------------------------------------------------------------------------------------------- nginx

ALLOWED_LOCATIONS = {"/webhooks/", "/widget/", "= /", "= /health"}


def nginx_locations(text: str) -> dict:
    """location argument -> its body (the file has no nested location)."""
    found = {}
    for match in re.finditer(r"^\s*location\s+([^{]+?)\s*\{", text, re.M):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        found.setdefault(match.group(1), []).append(text[match.end():i - 1])
    return found


def test_nginx_conf_exposes_only_the_chat():
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    https = text[text.index("listen 8443"):]
    locations = nginx_locations(https)
    assert set(locations) == ALLOWED_LOCATIONS | {"/"}
    catch_all = locations["/"][0]
    assert catch_all.strip().endswith("return 404;") and "proxy_pass" not in catch_all
    for location, bodies in nginx_locations(text).items():
        for body in bodies:
            if "proxy_pass" in body:
                assert location in ALLOWED_LOCATIONS, location
    webhooks = locations["/webhooks/"][0]
    assert "limit_req zone=" in webhooks and "proxy_next_upstream error timeout http_502 http_503" in webhooks
    assert "ssl_certificate /etc/nginx/tls/tls.crt;" in text and "ssl_protocols TLSv1.2 TLSv1.3;" in text
    assert "$remote_addr" not in text.split("log_format", 1)[1].split(";", 1)[0], "no IP address in the log"


class Backend(http.server.ThreadingHTTPServer):
    daemon_threads = True


def backend_handler(seen: list):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            seen.append((self.command, self.path))
            body = json.dumps([{"recipient_id": "x", "text": "Bonjour"}]).encode() if self.path != "/" \
                else b"Hello from Rasa"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args):
            pass

    return Handler


def render_nginx(tmp: Path, backend_port: int, dead_port: int, http_port: int, https_port: int,
                 public: Path) -> Path:
    """deploy/nginx.conf and deploy/nginx-upstream.conf with local paths and ports; every replacement must
    apply, so a change in those files fails here instead of testing something else."""
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    upstream = (DEPLOY / "nginx-upstream.conf").read_text(encoding="utf-8")

    def sub(text, old, new):
        assert old in text, f"{old!r} is no longer in the file: update render_nginx"
        return text.replace(old, new)

    upstream = sub(upstream, "rasa-1:5005", f"127.0.0.1:{backend_port}")
    upstream = sub(upstream, "rasa-2:5005", f"127.0.0.1:{dead_port}")  # a dead replica
    (tmp / "upstream.conf").write_text(upstream)
    conf = sub(conf, "pid /tmp/nginx.pid;", "pid /tmp/nginx.pid;")
    conf = sub(conf, "/tmp/", f"{tmp}/")  # first: the paths below are in /tmp too
    conf = sub(conf, "include /etc/nginx/cpas/upstream.conf;", f"include {tmp}/upstream.conf;")
    conf = sub(conf, "error_log /dev/stderr warn;", f"error_log {tmp}/error.log warn;")
    conf = sub(conf, "access_log /dev/stdout cpas;", f"access_log {tmp}/access.log cpas;")
    conf = sub(conf, "listen 8080;", f"listen 127.0.0.1:{http_port};")
    conf = sub(conf, "listen 8443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    conf = sub(conf, "/etc/nginx/tls/", f"{tmp}/tls/")
    conf = sub(conf, "/usr/share/nginx/html/widget/", f"{public}/widget/")
    if not Path("/etc/nginx/mime.types").exists():
        conf = sub(conf, "include /etc/nginx/mime.types;", "")
    if os.geteuid() == 0:  # the workers drop root; Debian has no "nobody" group
        conf = "user www-data www-data;\n" + conf if _has_user("www-data") else "user nobody nogroup;\n" + conf
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.fixture
def served_nginx(tmp_path):
    nginx = nginx_binary()
    if not nginx or not shutil.which("openssl"):
        pytest.skip("nginx or openssl is not installed (make test-scale installs nginx)")
    (tmp_path / "tls").mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(tmp_path / "tls" / "tls.key"), "-out", str(tmp_path / "tls" / "tls.crt")],
                   check=True, capture_output=True, timeout=60)
    # The widget's files, where nginx's unprivileged workers can read them (a clone may sit in a private folder):
    # the proxy image copies them the same way. pytest's own folders are private too, so a world-readable one.
    public = Path(tempfile.mkdtemp(prefix="cpas-nginx-"))
    public.chmod(0o755)
    shutil.copytree(ROOT / "web" / "widget", public / "widget")
    for path in [public / "widget", *(public / "widget").iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    tmp_path.chmod(0o755)
    seen: list = []
    backend = Backend(("127.0.0.1", 0), backend_handler(seen))
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    ports = {"http": free_port(), "https": free_port()}
    conf = render_nginx(tmp_path, backend.server_address[1], free_port(), ports["http"], ports["https"], public)
    base = [nginx, "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(conf)]
    test = subprocess.run(base + ["-t"], capture_output=True, text=True, timeout=60)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(base + ["-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", ports["https"]), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield {"https": f"https://127.0.0.1:{ports['https']}", "http": f"http://127.0.0.1:{ports['http']}",
               "seen": seen}
    finally:
        process.terminate()
        process.wait(20)
        backend.shutdown()
        shutil.rmtree(public, ignore_errors=True)


def request(url: str, method: str = "GET", body: bytes = None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/json"})
    try:
        with opener.open(req, timeout=20) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_nginx_conf_serves_the_chat_and_nothing_else(served_nginx):
    https, seen = served_nginx["https"], served_nginx["seen"]
    message = json.dumps({"sender": "s", "message": "bonjour"}).encode()
    # The chat goes through, even with one of the two replicas down (nginx tries the other one).
    for _ in range(3):
        status, body, headers = request(https + "/webhooks/rest/webhook", "POST", message)
        assert status == 200 and json.loads(body)[0]["text"] == "Bonjour"
    assert headers.get("Strict-Transport-Security") and headers.get("X-Content-Type-Options") == "nosniff"
    assert request(https + "/")[0] == 200 and request(https + "/health")[0] == 200
    status, body, _ = request(https + "/widget/cpas-widget.js")
    assert status == 200 and body == (ROOT / "web" / "widget" / "cpas-widget.js").read_bytes()
    # Rasa's API and anything else: 404 from nginx, never passed on.
    for path in ("/conversations/someone/tracker", "/conversations/x/messages", "/model", "/model/parse",
                 "/status", "/version", "/domain", "/socket.io/", "/widget/../credentials.yml"):
        for method in ("GET", "POST", "PUT", "DELETE"):
            assert request(https + path, method, b"{}" if method != "GET" else None)[0] in (400, 404), \
                (method, path)
    assert request(https + "/webhooks")[0] == 301  # nginx's own redirect to /webhooks/, not passed on
    assert request(https + "/webhooks/rest/webhook", "PUT", message)[0] == 403
    assert request(https + "/widget/cpas-widget.js", "POST", b"x")[0] == 403
    assert request(served_nginx["http"] + "/webhooks/rest/webhook")[0] == 301
    assert request(served_nginx["http"] + "/health")[0] == 200
    passed = {path for _, path in seen}
    assert passed <= {"/webhooks/rest/webhook", "/"}, passed
    assert ("PUT", "/webhooks/rest/webhook") not in seen


def test_nginx_conf_rate_limits_the_chat(served_nginx):
    https = served_nginx["https"]
    message = json.dumps({"sender": "s", "message": "bonjour"}).encode()
    statuses = [request(https + "/webhooks/rest/webhook", "POST", message)[0] for _ in range(30)]
    assert statuses.count(429) >= 10 and statuses.count(200) >= 10, statuses


# ---------------------------------------------------------------------------------------- make test-scale


def test_scale_script_and_driver_are_valid():
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "test_scale.sh")]).returncode == 0
    subprocess.run([sys.executable, "-m", "py_compile", str(ROOT / "scripts" / "scale_check.py")], check=True)


def test_scale_script_says_plainly_when_the_servers_cannot_be_installed(tmp_path):
    """No PostgreSQL found and apt-get fails (as without network): exit 3 and one plain line."""
    tree = tmp_path / "repo"
    (tree / "scripts").mkdir(parents=True)
    (tree / "models").mkdir()
    (tree / "models" / "cpas.tar.gz").write_bytes(b"")
    (tree / ".venv" / "bin").mkdir(parents=True)
    (tree / ".venv" / "bin" / "python").symlink_to(sys.executable)
    shutil.copy(ROOT / "scripts" / "test_scale.sh", tree / "scripts" / "test_scale.sh")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    apt = bin_dir / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: Temporary failure resolving deb.debian.org' >&2\nexit 100\n")
    apt.chmod(0o755)
    sudo = bin_dir / "sudo"  # when not root
    sudo.write_text('#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n')
    sudo.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "SCALE_PG_LIBDIR": str(tmp_path / "no-postgresql"),
           "SCALE_POLICY_RC": str(tmp_path / "policy-rc.d"), "HOME": str(tmp_path)}
    run = subprocess.run(["bash", str(tree / "scripts" / "test_scale.sh")], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 3, run.stdout + run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("test-scale skipped:")]
    assert lines == ["test-scale skipped: cannot install postgresql/redis/nginx: apt-get update failed "
                     "(no network?): E: Temporary failure resolving deb.debian.org"], run.stdout
    assert not (tmp_path / "policy-rc.d").exists(), "the temporary policy-rc.d is removed"
