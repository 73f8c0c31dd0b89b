"""Start the bot on free localhost ports, for tests (with scripts/harness/): the Rasa server with the custom actions
inside it, as `make run` (endpoints.yml), or with an action server beside it (``actions="server"``, as deploy/)."""
from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, List, Optional

from scripts.harness import (  # the project root is on sys.path (tests/conftest.py)
    QUIET_ENV,
    actions_command,
    free_port,
    rasa_command,
    wait_http,
    write_endpoints,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
# The bot's day in the tests (actions/rules/clock.py): never the calendar, so that a new row of parameters.yml
# never turns a server test red; the expected facts are computed by the rules for this day (BotServers.facts).
TEST_DAY = "2026-06-01"

__all__ = ["BIN", "ROOT", "BotServers", "Conversation", "free_port", "running_bot", "texts", "wait_http"]


class BotServers:
    """The bot of `make run`, with its own tracker database and log files. ``actions``: "in-process" (as
    endpoints.yml: the actions run in the Rasa server) or "server" (an action server first, called over HTTP, as
    deploy/ runs it)."""

    def __init__(self, workdir: Path, model: Path, tracker_db: Optional[Path] = None, cors: Optional[str] = None,
                 actions: str = "in-process"):
        if actions not in ("in-process", "server"):
            raise ValueError(f"actions={actions!r}: 'in-process' or 'server'")
        self.actions = actions
        self.workdir = workdir
        self.cors = cors
        self.model = model
        self.tracker_db = tracker_db or workdir / "tracker.db"
        self.actions_port = free_port()
        self.rasa_port = free_port()
        self.processes: List[subprocess.Popen] = []
        self.env = {**os.environ, **QUIET_ENV, "SANIC_HOST": "127.0.0.1", "CPAS_TODAY": TEST_DAY}

    @property
    def facts(self) -> Dict[str, str]:
        """What the bot must say on its day with its parameter file, computed by the rules (quoted.py)."""
        import datetime as dt

        from actions.rules.quoted import quoted_facts

        return quoted_facts(dt.date.fromisoformat(self.env["CPAS_TODAY"]), self.env.get("CPAS_PARAMETERS"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _log(self, name: str):
        return open(self.workdir / f"{name}.log", "ab")

    def start_actions(self) -> None:
        if self.actions == "in-process":
            return
        p = subprocess.Popen(
            actions_command(BIN / "rasa", self.actions_port),
            cwd=ROOT, env=self.env, stdout=self._log("actions"), stderr=subprocess.STDOUT,
        )
        self.processes.append(p)
        wait_http(f"http://127.0.0.1:{self.actions_port}/health", 90, p)

    def start_rasa(self) -> None:
        in_process = self.actions == "in-process"
        endpoints = write_endpoints(self.workdir / "endpoints.yml", self.tracker_db,
                                    None if in_process else self.actions_port, actions_in_process=in_process)
        self.rasa = subprocess.Popen(
            rasa_command(BIN / "rasa", self.model, endpoints, self.rasa_port, credentials=ROOT / "credentials.yml",
                         cors=self.cors),
            cwd=ROOT, env=self.env, stdout=self._log("rasa"), stderr=subprocess.STDOUT,
        )
        self.processes.append(self.rasa)
        wait_http(self.url + "/", 240, self.rasa)

    def stop_rasa(self) -> None:
        self.rasa.terminate()
        self.rasa.wait(30)
        self.processes.remove(self.rasa)

    def stop(self) -> None:
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        self.processes = []

    def post(self, message, sender: str = "tester", raw: Optional[bytes] = None):
        """POST to the REST channel; returns (HTTP status, list of bot messages)."""
        body = raw if raw is not None else json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            self.url + "/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"[]")
        except urllib.error.HTTPError as error:
            return error.code, []

    def logs(self) -> str:
        return "\n".join((self.workdir / f"{n}.log").read_text(errors="replace") for n in ("actions", "rasa")
                         if (self.workdir / f"{n}.log").exists())


@contextmanager
def running_bot(workdir: Path, model: Path, env: Optional[Dict[str, Optional[str]]] = None, **options):
    """The bot started as `make run` starts it (or with ``actions="server"``), stopped on the way out. `env`
    changes the servers' environment (a None value removes the variable)."""
    servers = BotServers(workdir, model, **options)
    for name, value in (env or {}).items():
        if value is None:
            servers.env.pop(name, None)
        else:
            servers.env[name] = value
    try:
        servers.start_actions()
        servers.start_rasa()
        yield servers
    finally:
        servers.stop()


def texts(messages) -> str:
    """All the text the bot sent, as one string."""
    return " ".join(m.get("text") or "" for m in messages)


class Conversation:
    """One person talking to the bot: say() returns the bot's text for each message."""

    def __init__(self, servers: BotServers, sender: str):
        self.servers, self.sender, self.history = servers, sender, []

    def say(self, message: str) -> str:
        status, replies = self.servers.post(message, sender=self.sender)
        assert status == 200, f"HTTP {status} for {message!r}"
        answer = texts(replies)
        self.history.append((message, answer))
        assert answer, f"no reply to {message!r}; conversation so far: {self.history}"
        return answer
