#!/usr/bin/env python
"""Scale-out check: two Rasa replicas on PostgreSQL + Redis behind nginx, one replica killed in the middle.

Run through `scripts/test_scale.sh` (`make test-scale`), which installs the servers when they are missing and
passes their paths:

    scale_check.py --workdir DIR --pg-bin DIR --redis PATH --nginx PATH --model PATH [--conversations 50]

Everything listens on 127.0.0.1 only, on free ports, with its data, sockets, pid and log files in --workdir:
a throw-away PostgreSQL cluster (password authentication over TCP), a Redis without persistence (password
required), one action server, two `rasa run` replicas started with deploy/endpoints.scale.yml (the variables it
reads are set here), and nginx with an upstream of the two replicas.

Then:
1. lock probe: for a few new conversations, a first message goes to replica 1 and, 0.1 s later, a second one
   to replica 2 directly. The Redis lock store must make replica 2 wait: in PostgreSQL the second message's
   events all come after the first message's last event, and none is lost;
2. --conversations concurrent conversations through nginx (guided checks: RIS, stop/resume, urgent medical
   aid; FAQ and commune questions), each one sequential like a person typing; replica 2 is SIGKILLed when
   --kill-at of the turns are done, with questions in flight on it, and the rest goes on through replica 1
   (see Driver.killer for what "in flight" means for the guided checks);
3. checks: every turn answered 200 with the expected next step (conversation-specific content: the income
   given, the commune asked); both replicas answered before the kill and only replica 1 after it; guided
   checks that began on the killed replica finished on the other one; the questions in flight on it were
   replayed by nginx and answered; PostgreSQL holds, for every conversation, the user messages exactly as sent
   and in order (no loss; no duplicate, except a replayed stateless question that the dying replica had already
   saved, which is counted and reported), each followed by the bot's messages that the HTTP answer carried.

Exit code 0 when every check passes, 1 otherwise. Everything started is stopped at the end (SIGTERM too).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.lib.profile import load_profile
from actions.rules.fr import format_eur
from actions.rules.quoted import quoted_facts
from scripts.harness import actions_command, free_port, rasa_command
from scripts.harness import percentile as interpolated_percentile

# The bot's day (actions/rules/clock.py), given to every server this script starts: the expected answers are
# computed by the rules for that day, so a new row of parameters.yml never breaks this test.
SCALE_DAY = os.environ.get("CPAS_TODAY") or "2026-06-01"
FACTS = quoted_facts(_dt.date.fromisoformat(SCALE_DAY))
PHONE = load_profile().cpas_phone

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ENDPOINTS = ROOT / "deploy" / "endpoints.scale.yml"
WEBHOOK = "/webhooks/rest/webhook"
IS_ROOT = os.geteuid() == 0
TICKET_LOCK_LIFETIME = 20  # seconds
RESPONSE_TIMEOUT = 60  # seconds


class SetupError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def rss_mib(pid: int) -> float:
    """Resident memory of a process, in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def as_postgres(cmd: List[str]) -> List[str]:
    """PostgreSQL refuses to run as root: when we are root, run its tools as the postgres user."""
    return ["runuser", "-u", "postgres", "--"] + cmd if IS_ROOT else cmd


# --------------------------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------------------------

class Stack:
    """Starts and stops the servers; every pid is appended to WORKDIR/pids for test_scale.sh's safety net."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.work: Path = args.workdir
        self.procs: Dict[str, subprocess.Popen] = {}
        self.pg_data = self.work / "pg" / "data"
        self.pg_started = False
        self.ports = {name: free_port() for name in ("postgres", "redis", "nginx", "actions", "rasa1", "rasa2")}
        self.pg_password = secrets.token_urlsafe(18)
        self.redis_password = secrets.token_urlsafe(18)
        self.model = self.work / "model" / "cpas.tar.gz"

    # -- helpers
    def logfile(self, name: str) -> Path:
        return self.work / "logs" / f"{name}.log"

    def spawn(self, name: str, cmd: List[str], env: Optional[dict] = None, cwd: Optional[Path] = None) -> None:
        out = open(self.logfile(name), "ab")
        # A session of its own: Ctrl-C in the terminal reaches this script only, which stops them in order.
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
        out.close()
        self.procs[name] = p
        with open(self.work / "pids", "a") as f:
            f.write(f"{p.pid}\n")

    def wait_http(self, name: str, url: str, timeout: float) -> float:
        start = time.time()
        while time.time() - start < timeout:
            p = self.procs.get(name)
            if p is not None and p.poll() is not None:
                raise SetupError(f"{name} exited with code {p.returncode} before {url} answered\n" + self.tail(name))
            try:
                urllib.request.urlopen(url, timeout=3).read()
                return time.time() - start
            except Exception:
                time.sleep(1)
        raise SetupError(f"{name}: {url} did not answer within {timeout:.0f} s\n" + self.tail(name))

    def tail(self, name: str, lines: int = 25) -> str:
        path = self.logfile(name)
        if not path.exists():
            return f"(no log for {name})"
        text = path.read_text(errors="replace").splitlines()[-lines:]
        return f"--- last lines of {path.name} ---\n" + "\n".join(text)

    def rasa_env(self) -> dict:
        p = self.ports
        return {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "SANIC_HOST": "127.0.0.1", "CPAS_TODAY": SCALE_DAY,
            # As deploy/compose.yml and deploy/k8s set them. Without --enable-api, Sanic cancels a message after
            # 60 s (SANIC_RESPONSE_TIMEOUT) and Rasa then answers 200 with nothing; a replica that dies while
            # handling a message leaves its Redis ticket until TICKET_LOCK_LIFETIME, and the next message of that
            # conversation waits for it: keep the lifetime well under the response timeout.
            "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME), "SANIC_RESPONSE_TIMEOUT": str(RESPONSE_TIMEOUT),
            "CPAS_ACTIONS_URL": f"http://127.0.0.1:{p['actions']}/webhook",
            "CPAS_PG_HOST": "127.0.0.1", "CPAS_PG_PORT": str(p["postgres"]), "CPAS_PG_DB": "cpas",
            "CPAS_PG_USER": "cpas", "CPAS_PG_PASSWORD": self.pg_password,
            "CPAS_REDIS_HOST": "127.0.0.1", "CPAS_REDIS_PORT": str(p["redis"]), "CPAS_REDIS_DB": "1",
            "CPAS_REDIS_PASSWORD": self.redis_password,
        }

    # -- PostgreSQL
    def start_postgres(self) -> None:
        pg_bin = Path(self.args.pg_bin)
        base = self.work / "pg"
        sock = base / "sock"
        sock.mkdir(parents=True)
        pwfile = base / "pw"
        pwfile.write_text(secrets.token_urlsafe(18) + "\n")  # the superuser's: used by nobody, but required
        self.logfile("postgres").touch()
        if IS_ROOT:
            for path in (base, sock, pwfile, self.logfile("postgres")):
                shutil.chown(path, "postgres", "postgres")
        pwfile.chmod(0o600)
        run = subprocess.run(
            as_postgres([str(pg_bin / "initdb"), "-D", str(self.pg_data), "-U", "postgres", "--pwfile", str(pwfile),
                         "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"]),
            capture_output=True, text=True)
        pwfile.unlink()
        if run.returncode != 0:
            raise SetupError("initdb failed:\n" + run.stdout[-2000:] + run.stderr[-2000:])
        # Loopback only (listen_addresses), socket in our folder, no TCP access without a password (initdb).
        options = f"-h 127.0.0.1 -p {self.ports['postgres']} -k {sock} -c max_connections=60"
        run = subprocess.run(
            as_postgres([str(pg_bin / "pg_ctl"), "-D", str(self.pg_data), "-l", str(self.logfile("postgres")),
                         "-o", options, "-w", "-t", "120", "start"]),
            capture_output=True, text=True)
        if run.returncode != 0:
            raise SetupError("pg_ctl start failed:\n" + run.stdout + run.stderr + "\n" + self.tail("postgres"))
        self.pg_started = True
        pid = (self.pg_data / "postmaster.pid").read_text().split()[0]
        with open(self.work / "pids", "a") as f:
            f.write(f"{pid}\n")
        import psycopg2  # a Rasa dependency (psycopg2-binary)

        # Over the Unix socket (trust, local only) as the superuser: the application's role and database.
        admin = psycopg2.connect(host=str(sock), port=self.ports["postgres"], user="postgres", dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute("CREATE ROLE cpas LOGIN PASSWORD %s", (self.pg_password,))
            cur.execute("CREATE DATABASE cpas OWNER cpas")
        admin.close()

    def pg_connect(self):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.ports["postgres"], user="cpas",
                                password=self.pg_password, dbname="cpas")

    # -- Redis
    def start_redis(self) -> None:
        base = self.work / "redis"
        base.mkdir()
        conf = base / "redis.conf"
        conf.write_text("\n".join([
            f"port {self.ports['redis']}", "bind 127.0.0.1", "protected-mode yes", "daemonize no",
            'save ""', "appendonly no", f"dir {base}", f"requirepass {self.redis_password}",
            f"pidfile {base / 'redis.pid'}", "",
        ]))
        conf.chmod(0o600)
        self.spawn("redis", [self.args.redis, str(conf)])
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.ports["redis"], password=self.redis_password)
        for _ in range(60):
            try:
                client.ping()
                break
            except Exception:
                if self.procs["redis"].poll() is not None:
                    raise SetupError("redis-server exited\n" + self.tail("redis")) from None
                time.sleep(0.5)
        else:
            raise SetupError("redis-server did not answer\n" + self.tail("redis"))
        try:
            redis.Redis(host="127.0.0.1", port=self.ports["redis"]).ping()
            raise SetupError("Redis answered without its password")
        except redis.exceptions.AuthenticationError:
            pass
        except redis.exceptions.ResponseError as error:  # NOAUTH on older servers
            if "NOAUTH" not in str(error):
                raise

    def redis_client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.ports["redis"], password=self.redis_password)

    # -- Rasa
    def check_endpoints(self) -> dict:
        """Reads the endpoints file as Rasa does, with the variables set, and creates the tables once (two
        replicas starting together would both try to create them)."""
        code = """
import json, sys
from rasa.core.utils import AvailableEndpoints
from rasa.core.tracker_store import TrackerStore
from rasa.core.lock_store import LockStore
e = AvailableEndpoints.read_endpoints(sys.argv[1])
ts = TrackerStore.create(e.tracker_store)
ls = LockStore.create(e.lock_store)
out = {"tracker_store": type(ts).__name__, "lock_store": type(ls).__name__,
       "actions": e.action.url if e.action else None}
engine = getattr(ts, "engine", None)
if engine is not None:
    u = engine.url
    out.update(dialect=engine.dialect.name, database=f"{u.host}:{u.port}/{u.database} as {u.username}")
red = getattr(ls, "red", None)
if red is not None:
    red.ping()
    kw = red.connection_pool.connection_kwargs
    out.update(redis=f"{kw['host']}:{kw['port']} db {kw['db']}", key_prefix=ls.key_prefix)
print(json.dumps(out))
"""
        run = subprocess.run([str(BIN / "python"), "-W", "ignore", "-c", code, str(self.args.endpoints)], cwd=ROOT,
                             env=self.rasa_env(), capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            raise SetupError(f"{self.args.endpoints} did not load:\n{run.stderr[-3000:]}")
        return json.loads(run.stdout.strip().splitlines()[-1])

    def start_actions(self) -> float:
        self.spawn("actions", actions_command(BIN / "rasa", self.ports["actions"]), env=self.rasa_env(), cwd=ROOT)
        return self.wait_http("actions", f"http://127.0.0.1:{self.ports['actions']}/health", 300)

    def start_replicas(self) -> Dict[str, float]:
        self.model.parent.mkdir()
        shutil.copy2(self.args.model, self.model)  # the lead may retrain while we run: our own copy
        for name in ("rasa1", "rasa2"):
            self.spawn(name, rasa_command(BIN / "rasa", self.model, self.args.endpoints, self.ports[name],
                                          credentials=ROOT / "credentials.yml"),
                       env=self.rasa_env(), cwd=ROOT)
        start, ready = time.time(), {}
        while len(ready) < 2:  # both at once, to time each one
            for name in ("rasa1", "rasa2"):
                if name in ready:
                    continue
                if self.procs[name].poll() is not None:
                    raise SetupError(f"{name} exited with code {self.procs[name].returncode}\n" + self.tail(name))
                if time.time() - start > self.args.start_timeout:
                    raise SetupError(f"{name} not ready after {self.args.start_timeout:.0f} s\n" + self.tail(name))
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{self.ports[name]}/", timeout=3).read()
                    ready[name] = time.time() - start
                except Exception:
                    pass
            time.sleep(1)
        return ready

    # -- nginx
    def start_nginx(self) -> None:
        base = self.work / "nginx"
        base.mkdir()
        p = self.ports
        # The same proxy rules as deploy/nginx.conf for the chat (retry on the other replica when one dies,
        # including a POST that was in flight: see the README), without TLS and rate limit.
        user = ""
        if IS_ROOT:  # nginx's workers drop root; Debian has no "nobody" group, so name one that exists
            import grp
            import pwd

            for candidate in ("www-data", "nginx", "nobody"):
                try:
                    entry = pwd.getpwnam(candidate)
                    user = f"user {candidate} {grp.getgrgid(entry.pw_gid).gr_name};"
                    break
                except KeyError:
                    continue
        conf = f"""
{user}
worker_processes 1;
daemon off;
pid {base}/nginx.pid;
error_log {self.logfile('nginx-error')} warn;
events {{ worker_connections 1024; }}
http {{
    log_format upstream '$time_iso8601 $request_method $uri $status upstream=$upstream_addr '
                        'upstream_status=$upstream_status time=$request_time';
    access_log {self.logfile('nginx-access')} upstream;
    client_body_temp_path {base}/client_body;
    proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi;
    uwsgi_temp_path {base}/uwsgi;
    scgi_temp_path {base}/scgi;
    upstream rasa {{
        server 127.0.0.1:{p['rasa1']} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{p['rasa2']} max_fails=1 fail_timeout=30s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{p['nginx']};
        location /webhooks/ {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 5s;
            proxy_read_timeout 300s;
            add_header X-Upstream $upstream_addr always;
        }}
        location = / {{ proxy_pass http://rasa; }}
        location / {{ return 404; }}
    }}
}}
"""
        (base / "nginx.conf").write_text(conf)
        test = subprocess.run([self.args.nginx, "-t", "-q", "-e", str(self.logfile("nginx-error")), "-p", str(base),
                               "-c", str(base / "nginx.conf")], capture_output=True, text=True)
        if test.returncode != 0:
            raise SetupError("nginx -t failed:\n" + test.stderr)
        self.spawn("nginx", [self.args.nginx, "-e", str(self.logfile("nginx-error")), "-p", str(base),
                             "-c", str(base / "nginx.conf")])
        self.wait_http("nginx", f"http://127.0.0.1:{p['nginx']}/", 60)

    # -- teardown
    def stop_all(self) -> None:
        for name in ("nginx", "rasa1", "rasa2", "actions", "redis"):
            p = self.procs.get(name)
            if p is not None and p.poll() is None:
                p.terminate()
        for p in self.procs.values():
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(10)
        if self.pg_started:
            subprocess.run(as_postgres([str(Path(self.args.pg_bin) / "pg_ctl"), "-D", str(self.pg_data),
                                        "-m", "fast", "-w", "-t", "60", "stop"]), capture_output=True)
            self.pg_started = False

    def listening_addresses(self) -> Optional[List[str]]:
        """Every TCP socket our processes listen on (for the 'loopback only' check)."""
        ports = set(self.ports.values())
        try:
            out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return None
        found = []
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 4:
                local = parts[3]
                port = local.rsplit(":", 1)[-1]
                if port.isdigit() and int(port) in ports:
                    found.append(local)
        return found


# --------------------------------------------------------------------------------------------------------------
# Conversations
# --------------------------------------------------------------------------------------------------------------

COMMUNES = ["Wavre", "Namur", "Mons", "Charleroi", "Tournai", "Arlon", "Nivelles", "Liège", "Ixelles", "Uccle",
            "Dinant", "Waterloo", "Gembloux", "Verviers", "Bastogne", "Huy", "Ottignies-Louvain-la-Neuve"]
# The lock probe: a guided check's first question (a call to the action server: not instant)
# and, PROBE_GAP seconds later on the other replica, a question that gets an answer whatever the order.
PROBE_FIRST = "Est-ce que j'ai droit au revenu d'intégration ?"
PROBE_SECOND = "c'est quoi le site cpas-info.be ?"
PROBE_GAP = 0.03
# Stateless questions sent at the moment of the kill, from new conversations (and the answer they must get).
CRASH_PROBES = 10
CRASH_QUESTIONS = [
    ("Quels sont les montants du revenu d'intégration ?", ["catégorie 2", FACTS["ris_cat2"]]),
    ("c'est quoi le site cpas-info.be ?", ["pas un site officiel"]),
    ("je voudrais parler à une assistante sociale", [PHONE]),
    ("je vis à Namur, c'est quel CPAS ?", ["Pour Namur ("]),
    ("bonjour", ["Je suis l'assistant du CPAS"]),
]
RIS_START = "Vérifions ensemble, en quelques questions, si vous remplissez probablement les conditions du revenu"


@dataclass
class Turn:
    text: str
    expect: List[str]  # every one of these must be in the answer


@dataclass
class Result:
    text: str
    status: int = 0
    answer: str = ""
    messages: List[str] = field(default_factory=list)
    upstream: str = ""
    sent: float = 0.0
    received: float = 0.0
    problem: str = ""


@dataclass
class Conversation:
    sender: str
    kind: str
    turns: List[Turn]
    results: List[Result] = field(default_factory=list)


def ris_turns(age: int, income: int) -> List[Turn]:
    return [
        Turn("Est-ce que j'ai droit au revenu d'intégration ?", [RIS_START, "vivez-vous habituellement en Belgique"]),
        Turn("oui", ["Quel âge avez-vous"]),
        Turn(f"j'ai {age} ans", ["nationalité ou votre titre de séjour"]),
        Turn("belge", ["Avec qui vivez-vous"]),
        Turn("je vis seul", ["Combien recevez-vous par mois"]),
        Turn(f"{income} € par mois", ["Combien avez-vous d'économies"]),
        Turn("rien", ["prêt(e) à travailler"]),
        Turn("oui", ["autres allocations"]),
        Turn("oui", ["probablement éligible", f"Ressources comptées : {format_eur(income)} (vos revenus nets)"]),
    ]


def ris_stop_resume_turns(age: int, income: int) -> List[Turn]:
    return [
        Turn("je voudrais vérifier si j'ai droit au RIS", [RIS_START]),
        Turn("oui", ["Quel âge avez-vous"]),
        Turn("stop", ["j'arrête la vérification"]),
        Turn("Quels sont les montants du revenu d'intégration ?", ["catégorie 2", FACTS["ris_date"]]),
        Turn("Est-ce que j'ai droit au revenu d'intégration ?", ["Quel âge avez-vous"]),  # resumes, not restarts
        Turn(f"j'ai {age} ans", ["nationalité ou votre titre de séjour"]),
        Turn("belge", ["Avec qui vivez-vous"]),
        Turn("je vis seul", ["Combien recevez-vous par mois"]),
        Turn(f"{income} € par mois", ["Combien avez-vous d'économies"]),
        Turn("0", ["prêt(e) à travailler"]),
        Turn("oui", ["autres allocations"]),
        Turn("oui", ["probablement éligible", f"Ressources comptées : {format_eur(income)} (vos revenus nets)"]),
    ]


def amu_turns() -> List[Turn]:
    return [
        Turn("vérifier si j'ai droit à l'aide médicale urgente", ["Avez-vous un titre de séjour valable"]),
        Turn("non", ["Vous manque-t-il l'argent"]),
        Turn("oui", ["aide médicale urgente : probablement éligible"]),
    ]


def faq_turns(commune: str) -> List[Turn]:
    return [
        Turn("bonjour", ["Je suis l'assistant du CPAS"]),
        Turn("Quels sont les montants du revenu d'intégration ?", ["catégorie 2", FACTS["ris_cat2"]]),
        Turn(f"je vis à {commune}, c'est quel CPAS ?", [f"Pour {commune} ("]),
        Turn("c'est quoi le site cpas-info.be ?", ["pas un site officiel"]),
        Turn("je voudrais parler à une assistante sociale", [PHONE]),
        Turn("merci", ["Avec plaisir"]),
    ]


def build_conversations(n: int, run_id: str) -> List[Conversation]:
    """A fixed mix: 40 % RIS checks, 12 % RIS stop/FAQ/resume, 12 % urgent medical aid, the rest FAQ."""
    convs = []
    for i in range(n):
        slot = i % 25
        sender = f"scale-{run_id}-{i:03d}"
        age, income = 26 + (i * 7) % 35, 100 + 13 * i  # conversation-specific answers, all < 1000 €
        if slot < 10:
            convs.append(Conversation(sender, "ris", ris_turns(age, income)))
        elif slot < 13:
            convs.append(Conversation(sender, "ris-stop-resume", ris_stop_resume_turns(age, income)))
        elif slot < 16:
            convs.append(Conversation(sender, "amu", amu_turns()))
        else:
            convs.append(Conversation(sender, "faq", faq_turns(COMMUNES[i % len(COMMUNES)])))
    return convs


class Driver:
    def __init__(self, stack: Stack, args: argparse.Namespace):
        self.stack, self.args = stack, args
        self.nginx_url = f"http://127.0.0.1:{stack.ports['nginx']}{WEBHOOK}"
        self.done = 0
        self.total = 0
        self.in_flight = 0
        self.killed_at: Optional[float] = None
        self.in_flight_at_kill = 0
        self.done_at_kill = 0
        # Guided-check turns wait at this gate while the replica is killed (see killer()).
        self.gate = asyncio.Event()
        self.gate.set()
        self.form_in_flight = 0
        self.held_for = 0.0
        self.crash_probes: List[Conversation] = []
        self.replica = {f"127.0.0.1:{stack.ports['rasa1']}": "rasa1", f"127.0.0.1:{stack.ports['rasa2']}": "rasa2"}

    async def post(self, session, url: str, sender: str, text: str) -> Result:
        import aiohttp

        r = Result(text, sent=time.time())
        self.in_flight += 1
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                r.status = response.status
                r.upstream = response.headers.get("X-Upstream", "")
                body = await response.text()
                try:
                    data = json.loads(body) if body else []
                except ValueError:
                    data = []
                    r.problem = f"not JSON: {body[:200]!r}"
                if isinstance(data, list):
                    r.messages = [m.get("text") for m in data if isinstance(m, dict) and m.get("text")]
                r.answer = " ".join(r.messages)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            r.problem = f"{type(error).__name__}: {error}"
        finally:
            self.in_flight -= 1
            r.received = time.time()
        return r

    def served_by(self, r: Result) -> str:
        """The replica that answered (the last address nginx tried)."""
        last = r.upstream.split(",")[-1].strip() if r.upstream else ""
        return self.replica.get(last, last or "?")

    @staticmethod
    def judge(r: Result, turn: Turn) -> None:
        if r.problem:
            return
        if r.status != 200:
            r.problem = f"HTTP {r.status}"
        elif not r.answer.strip():
            r.problem = "empty answer"
        else:
            missing = [e for e in turn.expect if e not in r.answer]
            if missing:
                r.problem = f"unexpected answer (missing {missing}): {r.answer[:300]!r}"

    async def run_conversation(self, session, conv: Conversation, rng: random.Random) -> None:
        await asyncio.sleep(rng.uniform(0, self.args.ramp))
        stateful = conv.kind != "faq"
        for turn in conv.turns:
            if stateful:
                await self.gate.wait()
                self.form_in_flight += 1  # no await in between: the killer sees it
            try:
                r = await self.post(session, self.nginx_url, conv.sender, turn.text)
            finally:
                if stateful:
                    self.form_in_flight -= 1
            self.judge(r, turn)
            conv.results.append(r)
            self.done += 1
            if r.problem:  # the conversation cannot go on meaningfully: stop it, its turns are counted as sent
                return
            await asyncio.sleep(rng.uniform(*self.args.think))

    async def killer(self, session, run_id: str) -> None:
        """SIGKILL rasa2 in the middle of the conversations, with questions in flight on it.

        A message in flight on a replica that dies is replayed by nginx on the other one; Rasa may already have
        saved it (it saves before the reply leaves the process), so it can be handled twice: at-least-once. For a
        guided check that would count an answer twice, so the guided checks hold their next answer for the
        moment of the kill (people typing), while stateless questions (FAQ conversations and CRASH_PROBES new
        ones) are in flight; the checks then tell exactly which messages were replayed and handled twice."""
        while self.done < self.args.kill_at * self.total:
            await asyncio.sleep(0.05)
        self.gate.clear()
        start = time.time()
        while self.form_in_flight:
            await asyncio.sleep(0.01)
        self.held_for = time.time() - start
        tasks = []
        for k in range(CRASH_PROBES):
            text, expect = CRASH_QUESTIONS[k % len(CRASH_QUESTIONS)]
            conv = Conversation(f"crash-{run_id}-{k}", "crash", [Turn(text, expect)])
            self.crash_probes.append(conv)
            tasks.append(asyncio.create_task(self.post(session, self.nginx_url, conv.sender, text)))
        await asyncio.sleep(0.05)  # the questions reach both replicas
        self.in_flight_at_kill, self.done_at_kill = self.in_flight, self.done
        self.stack.procs["rasa2"].send_signal(signal.SIGKILL)
        self.killed_at = time.time()
        log(f"SIGKILL sent to replica rasa2 (pid {self.stack.procs['rasa2'].pid}) after {self.done}/{self.total} "
            f"turns, {self.in_flight} request(s) in flight (guided checks held {self.held_for:.1f} s)")
        self.gate.set()
        for conv, task in zip(self.crash_probes, tasks):
            r = await task
            self.judge(r, conv.turns[0])
            conv.results.append(r)

    async def lock_probe(self, session, run_id: str) -> List[dict]:
        """For new conversations: a first message to replica 1 and, PROBE_GAP s later, a second one to replica 2."""
        probes = []
        urls = [f"http://127.0.0.1:{self.stack.ports[n]}{WEBHOOK}" for n in ("rasa1", "rasa2")]
        for n, url in enumerate(urls):  # warm both replicas up (first database and action server connections)
            await self.post(session, url, f"warmup-{run_id}-{n}", "bonjour")
        for k in range(self.args.lock_probes):
            sender = f"lockprobe-{run_id}-{k}"
            first = asyncio.create_task(self.post(session, urls[0], sender, PROBE_FIRST))
            await asyncio.sleep(PROBE_GAP)
            second = asyncio.create_task(self.post(session, urls[1], sender, PROBE_SECOND))
            a, b = await first, await second
            probes.append({"sender": sender, "results": [a, b]})
        return probes

    async def run(self, conversations: List[Conversation], run_id: str):
        import aiohttp

        self.total = sum(len(c.turns) for c in conversations)
        rng = random.Random(self.args.seed)
        timeout = aiohttp.ClientTimeout(total=self.args.turn_timeout)
        async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=200)) as session:
            probes = await self.lock_probe(session, run_id)
            start = time.time()
            kill = asyncio.create_task(self.killer(session, run_id)) if self.args.kill_at < 1 else None
            await asyncio.gather(*(self.run_conversation(session, c, random.Random(rng.random()))
                                   for c in conversations))
            if kill is not None:
                if self.killed_at is None:
                    kill.cancel()
                else:
                    await kill
            return probes, time.time() - start


# --------------------------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.items: List[tuple] = []

    def add(self, ok: bool, title: str, detail: str = "") -> None:
        self.items.append((bool(ok), title, detail))

    @property
    def passed(self) -> bool:
        return all(ok for ok, _, _ in self.items)

    def print(self) -> None:
        for ok, title, detail in self.items:
            print(f"  [{'PASS' if ok else 'FAIL'}] {title}" + (f"\n         {detail}" if detail else ""))


def load_events(stack: Stack) -> Dict[str, List[tuple]]:
    """sender -> [(type_name, timestamp, text or action name)] in storage order."""
    conn = stack.pg_connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT sender_id, type_name, timestamp, action_name, data FROM events ORDER BY id")
            rows = cur.fetchall()
    finally:
        conn.close()
    events: Dict[str, List[tuple]] = {}
    for sender, type_name, ts, action, data in rows:
        payload = json.loads(data) if data else {}
        value = payload.get("text") if type_name in ("user", "bot") else action
        events.setdefault(sender, []).append((type_name, ts, value))
    return events


def split_turns(events: List[tuple]) -> List[tuple]:
    """[(user text, user timestamp, [bot texts], last event timestamp)] per user message."""
    turns = []
    for type_name, ts, value in events:
        if type_name == "user":
            turns.append([value, ts, [], ts])
        elif turns:
            if type_name == "bot" and value:
                turns[-1][2].append(value)
            turns[-1][3] = ts
    return [tuple(t) for t in turns]


def check_store(conversations: List[Conversation], events: Dict[str, List[tuple]], replayed) -> tuple:
    """Compares what was sent and answered with what PostgreSQL holds.

    Every message must be stored once, as sent, in order, followed by bot events equal to its HTTP answer. The
    only exception: a stateless question (kind faq or crash) that nginx replayed after the killed replica had
    dropped it may be stored twice in a row (that replica had saved it before dying). Returns (problems,
    [(sender, text)] handled twice)."""
    problems, twice = [], []
    for conv in conversations:
        stored = split_turns(events.get(conv.sender, []))
        j = 0
        for r in conv.results:
            if j >= len(stored) or stored[j][0] != r.text:
                problems.append(f"{conv.sender}: user messages stored {[t[0] for t in stored]} != sent "
                                f"{[x.text for x in conv.results]}")
                break
            if not stored[j][2]:
                problems.append(f"{conv.sender}: no bot event after {r.text!r}")
            if j + 1 < len(stored) and stored[j + 1][0] == r.text and conv.kind in ("faq", "crash") \
                    and replayed(r):
                twice.append((conv.sender, r.text))
                j += 1
            if r.status == 200 and stored[j][2] != r.messages:
                problems.append(f"{conv.sender}: stored bot messages after {r.text!r} differ from the HTTP answer")
            j += 1
        else:
            if j != len(stored):
                problems.append(f"{conv.sender}: {len(stored) - j} user message(s) stored but never sent: "
                                f"{[t[0] for t in stored[j:]]}")
    return problems, twice


def percentile(values: List[float], q: float) -> float:
    """The q-th quantile (0..1) of the latencies, 0 when there are none (scripts/harness.percentile)."""
    return interpolated_percentile(values, q * 100) if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--pg-bin", required=True)
    parser.add_argument("--redis", required=True)
    parser.add_argument("--nginx", required=True)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "cpas.tar.gz")
    parser.add_argument("--endpoints", type=Path, default=ENDPOINTS, help="(to try another configuration)")
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--kill-at", type=float, default=0.4, help="fraction of turns done when rasa2 is killed")
    parser.add_argument("--lock-probes", type=int, default=5)
    parser.add_argument("--ramp", type=float, default=5.0, help="conversations start within this many seconds")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 1.2), help="pause between turns (s)")
    parser.add_argument("--turn-timeout", type=float, default=600)
    parser.add_argument("--start-timeout", type=float, default=900, help="seconds for a replica to start")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="(test_scale.sh) keep the work folder")
    args = parser.parse_args()

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    (args.workdir / "logs").mkdir(parents=True, exist_ok=True)
    stack = Stack(args)
    run_id = secrets.token_hex(3)
    checks = Checks()
    timings: Dict[str, float] = {}
    ok = False
    try:
        t = time.time()
        log(f"Work folder {args.workdir}; ports {stack.ports}")
        stack.start_postgres()
        timings["postgres"] = time.time() - t
        log(f"PostgreSQL on 127.0.0.1:{stack.ports['postgres']} (throw-away cluster, password over TCP)")
        t = time.time()
        stack.start_redis()
        timings["redis"] = time.time() - t
        log(f"Redis on 127.0.0.1:{stack.ports['redis']} (no persistence, password required)")
        t = time.time()
        resolved = stack.check_endpoints()
        described = ", ".join(f"{k} {v}" for k, v in resolved.items())
        log(f"{args.endpoints.name} read as Rasa reads it: {described}")
        checks.add(resolved.get("dialect") == "postgresql"
                   and resolved.get("lock_store") in ("RedisLockStore", "ExpiryProofRedisLockStore")
                   and resolved.get("actions") == stack.rasa_env()["CPAS_ACTIONS_URL"],
                   f"{args.endpoints.name} gives a PostgreSQL tracker store and a Redis lock store, from the "
                   f"environment", described)
        t = time.time()
        timings["actions"] = stack.start_actions()
        log(f"Action server on 127.0.0.1:{stack.ports['actions']} ({timings['actions']:.0f} s)")
        log("Starting two Rasa replicas (this takes a while on a busy machine)...")
        t = time.time()
        ready = stack.start_replicas()
        timings["replicas"] = time.time() - t
        log(f"Replicas ready: rasa1 127.0.0.1:{stack.ports['rasa1']} in {ready['rasa1']:.0f} s, "
            f"rasa2 127.0.0.1:{stack.ports['rasa2']} in {ready['rasa2']:.0f} s (started together)")
        memory = {name: rss_mib(stack.procs[name].pid) for name in ("rasa1", "rasa2", "actions")}
        stack.start_nginx()
        log(f"nginx on 127.0.0.1:{stack.ports['nginx']} -> rasa1, rasa2")

        listening = stack.listening_addresses()
        if listening is not None:  # needs `ss` (iproute2)
            checks.add(listening and all(a.startswith("127.0.0.1:") for a in listening),
                       "every server listens on 127.0.0.1 only", ", ".join(sorted(listening)))

        conversations = build_conversations(args.conversations, run_id)
        driver = Driver(stack, args)
        redis_before = stack.redis_client().info("commandstats")
        log(f"Lock probe ({args.lock_probes} conversations), then {len(conversations)} concurrent conversations "
            f"({sum(len(c.turns) for c in conversations)} turns); rasa2 is killed at {args.kill_at:.0%} of the turns")
        probes, elapsed = asyncio.run(driver.run(conversations, run_id))
        redis_after = stack.redis_client().info("commandstats")
        rasa2_code = stack.procs["rasa2"].poll()
        memory["rasa1 after"] = rss_mib(stack.procs["rasa1"].pid)
        memory["actions after"] = rss_mib(stack.procs["actions"].pid)

        # ---- turns
        everyone = conversations + driver.crash_probes
        results = [(c, i, r) for c in everyone for i, r in enumerate(c.results)]
        sent_turns = len(results)
        bad = [(c, i, r) for c, i, r in results if r.problem]
        unfinished = [c for c in everyone if len(c.results) < len(c.turns)]
        checks.add(not bad and not unfinished,
                   f"every turn answered 200 with the expected next step ({sent_turns}/{driver.total + CRASH_PROBES} "
                   f"turns, {len(conversations)} conversations + {len(driver.crash_probes)} questions sent at the "
                   f"kill)",
                   "; ".join(f"{c.sender} turn {i + 1} {r.text!r}: {r.problem}" for c, i, r in bad[:8]))

        # ---- the kill and the routing
        killed = driver.killed_at
        before = [r for _, _, r in results if killed is None or r.received < killed]
        after = [r for _, _, r in results if killed is not None and r.sent > killed]
        across = [r for _, _, r in results if killed is not None and r.sent <= killed < r.received]
        served_before = {n: sum(1 for r in before if driver.served_by(r) == n) for n in ("rasa1", "rasa2")}
        served_after = {n: sum(1 for r in after if driver.served_by(r) == n) for n in ("rasa1", "rasa2")}
        retried = [r for _, _, r in results if "," in r.upstream]

        def replayed(r) -> bool:
            return "," in r.upstream and driver.served_by(r) == "rasa1"

        replayed_in_flight = [r for r in retried if killed is not None and r.sent <= killed]
        checks.add(killed is not None and rasa2_code == -signal.SIGKILL,
                   "replica rasa2 was SIGKILLed in the middle of the conversations",
                   f"exit status {rasa2_code}; {driver.done_at_kill}/{driver.total} turns done, "
                   f"{driver.in_flight_at_kill} in flight")
        crash_replayed = [c for c in driver.crash_probes if c.results and replayed(c.results[0])]
        checks.add(len(crash_replayed) > 0 and all(not c.results[0].problem for c in crash_replayed),
                   "questions in flight on rasa2 when it died were replayed by nginx on rasa1 and answered",
                   f"{len(crash_replayed)} of the {len(driver.crash_probes)} questions sent at the kill; "
                   f"{len(retried)} replayed turns in all")
        checks.add(served_before["rasa1"] > 0 and served_before["rasa2"] > 0,
                   "nginx spread the turns over both replicas before the kill",
                   f"rasa1 {served_before['rasa1']}, rasa2 {served_before['rasa2']}")
        checks.add(len(after) > 0 and served_after["rasa2"] == 0 and served_after["rasa1"] == len(after),
                   "after the kill every turn was answered by rasa1",
                   f"{len(after)} turns after the kill: rasa1 {served_after['rasa1']}, rasa2 {served_after['rasa2']}")
        moved = []
        for c in conversations:
            if c.kind == "faq":
                continue
            was_on_2 = (any(driver.served_by(r) == "rasa2" and r.received < killed for r in c.results)
                        if killed else False)
            went_on_1 = any(driver.served_by(r) == "rasa1" and r.sent > killed for r in c.results) if killed else False
            if was_on_2 and went_on_1:
                moved.append(c)
        moved_ok = [c for c in moved if len(c.results) == len(c.turns) and not any(r.problem for r in c.results)]
        checks.add(len(moved) > 0 and len(moved_ok) == len(moved),
                   "guided checks begun on the killed replica went on and finished on the other one "
                   "(form state read back from PostgreSQL)",
                   f"{len(moved_ok)}/{len(moved)} such conversations, e.g. {moved[0].sender if moved else '-'}")

        # ---- PostgreSQL
        events = load_events(stack)
        problems, twice = check_store(everyone, events, replayed)
        stored_users = sum(1 for c in everyone for e in events.get(c.sender, []) if e[0] == "user")
        stored_bots = sum(1 for c in everyone for e in events.get(c.sender, []) if e[0] == "bot")
        checks.add(not problems and stored_users == sent_turns + len(twice),
                   "PostgreSQL holds every conversation whole: each user message as sent, in order, followed by "
                   "the bot messages of its HTTP answer; once, except a replayed stateless question",
                   f"{stored_users} user events for {sent_turns} turns ({len(twice)} replayed question(s) stored "
                   f"twice), {stored_bots} bot events; " + "; ".join(problems[:5]))
        strangers = [s for s in events if not s.startswith(
            (f"scale-{run_id}-", f"lockprobe-{run_id}-", f"warmup-{run_id}-", f"crash-{run_id}-"))]
        checks.add(not strangers, "no event under an unknown conversation id", ", ".join(strangers[:5]))

        # ---- lock probe
        probe_problems, waited, handled = [], [], []
        for probe in probes:
            a, b = probe["results"]
            for r in (a, b):
                if r.problem or r.status != 200 or not r.answer:
                    probe_problems.append(f"{probe['sender']}: {r.text!r} -> {r.problem or r.status}")
            stored = split_turns(events.get(probe["sender"], []))
            if sorted(t[0] for t in stored) != sorted([a.text, b.text]):
                probe_problems.append(f"{probe['sender']}: stored {[t[0] for t in stored]}")
                continue
            (t1, start1, bots1, end1), (t2, start2, bots2, _) = stored
            handled.append(end1 - start1)
            if not bots1 or not bots2:
                probe_problems.append(f"{probe['sender']}: a message without bot events")
            if start2 < end1:
                probe_problems.append(f"{probe['sender']}: {t2!r} handled while {t1!r} was still being handled")
            second_sent = b.sent if t2 == b.text else a.sent
            waited.append(start2 - second_sent)
            if second_sent < end1:
                probe["overlapped"] = True
        overlapped = sum(1 for p in probes if p.get("overlapped"))
        checks.add(not probe_problems and overlapped > 0,
                   f"Redis lock across replicas: two messages of one conversation sent to the two replicas "
                   f"{PROBE_GAP} s apart were handled one after the other, both stored",
                   f"{len(probes)} probes, {overlapped} where the second arrived before the first was finished "
                   f"(first handled in {min(handled or [0]):.2f}-{max(handled or [0]):.2f} s, the second waited up "
                   f"to {max(waited or [0]):.2f} s); " + "; ".join(probe_problems[:4]))
        lock_cmds = {k: redis_after.get(k, {}).get("calls", 0) - redis_before.get(k, {}).get("calls", 0)
                     for k in ("cmdstat_get", "cmdstat_set", "cmdstat_del")}
        checks.add(all(v > 0 for v in lock_cmds.values()),
                   "the replicas took their conversation locks in Redis",
                   ", ".join(f"{k[8:]} {v}" for k, v in lock_cmds.items()))

        # ---- the staff tools on the same store (information only: their own tests check them)
        staff = []
        for name, cmd in (("make purge (dry run)", ["scripts/purge.py", "--days", "30", "--dry-run"]),
                          ("make report", ["scripts/report.py", "--out", str(args.workdir / "report.html")])):
            try:
                run = subprocess.run([str(BIN / "python"), "-W", "ignore", *cmd, "--endpoints", str(args.endpoints)],
                                     cwd=ROOT, env=stack.rasa_env(), capture_output=True, text=True, timeout=300)
                said = (run.stdout.strip().splitlines() or run.stderr.strip().splitlines() or [""])[-1]
                staff.append(f"{name}: exit {run.returncode}, {said[:110]}")
            except Exception as error:  # broad on purpose: information only
                staff.append(f"{name}: {type(error).__name__}")

        # ---- summary
        lat = [r.received - r.sent for _, _, r in results if r.status == 200]
        lat_before = [r.received - r.sent for r in before if r.status == 200]
        lat_after = [r.received - r.sent for r in after if r.status == 200]
        lat_across = [r.received - r.sent for r in across]
        kinds: Dict[str, int] = {}
        for c in conversations:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        print()
        print("=" * 100)
        print("make test-scale: 2 Rasa replicas (PostgreSQL tracker store, Redis lock store) behind nginx")
        print("=" * 100)
        kinds_text = ", ".join(f"{v} {k}" for k, v in kinds.items())
        print(f"Conversations   {len(conversations)} concurrent ({kinds_text}), "
              f"{sent_turns} turns in {elapsed:.1f} s ({sent_turns / elapsed:.1f} turns/s), "
              f"+ {len(probes)} lock probes")
        print(f"Start-up        replicas ready in {ready['rasa1']:.0f} s / {ready['rasa2']:.0f} s "
              f"(started together), action server {timings['actions']:.0f} s")
        print(f"Memory (RSS)    replica ready {memory['rasa1']:.0f} / {memory['rasa2']:.0f} MiB, rasa1 at the end "
              f"{memory['rasa1 after']:.0f} MiB; action server {memory['actions']:.0f} -> "
              f"{memory['actions after']:.0f} MiB")
        print(f"Latency         all p50 {percentile(lat, .5):.2f} s, p95 {percentile(lat, .95):.2f} s, "
              f"max {max(lat or [0]):.2f} s")
        print(f"                before the kill p50 {percentile(lat_before, .5):.2f} s p95 "
              f"{percentile(lat_before, .95):.2f} s; after p50 {percentile(lat_after, .5):.2f} s p95 "
              f"{percentile(lat_after, .95):.2f} s")
        print(f"Kill            rasa2 SIGKILLed after {driver.done_at_kill}/{driver.total} turns with "
              f"{driver.in_flight_at_kill} request(s) in flight (guided checks held {driver.held_for:.1f} s "
              f"before it); {len(across)} turn(s) spanned the kill (max {max(lat_across or [0]):.1f} s), "
              f"{len(replayed_in_flight)} in flight on rasa2 replayed by nginx on rasa1 "
              f"(+ {len(retried) - len(replayed_in_flight)} refused by the dead rasa2 and passed on), "
              f"{len(twice)} handled twice (saved by rasa2 before it died): "
              f"{', '.join(sorted({t for _, t in twice})) or '-'}")
        print(f"Routing         before the kill rasa1 {served_before['rasa1']} / rasa2 {served_before['rasa2']}; "
              f"after: rasa1 {served_after['rasa1']} / rasa2 {served_after['rasa2']}; "
              f"{len(moved)} guided check(s) moved from rasa2 to rasa1")
        print(f"PostgreSQL      {stored_users} user events, {stored_bots} bot events for the test conversations")
        print(f"Staff tools     (information) {'; '.join(staff)}")
        print("Checks:")
        checks.print()
        ok = checks.passed
        print("RESULT: " + ("PASSED" if ok else "FAILED"))
        return 0 if ok else 1
    except SetupError as error:
        print(f"\ntest-scale FAILED while setting up: {error}", flush=True)
        return 1
    finally:
        keep = ROOT / ".run" / "test-scale-logs"  # the logs of the last failed run only
        shutil.rmtree(keep, ignore_errors=True)
        if not ok:
            try:
                shutil.copytree(args.workdir / "logs", keep)
                print(f"Logs kept in {keep}")
            except Exception:
                pass
        log("Stopping nginx, the replicas, the action server, Redis and PostgreSQL...")
        stack.stop_all()
        log("Stopped.")


if __name__ == "__main__":
    sys.exit(main())
