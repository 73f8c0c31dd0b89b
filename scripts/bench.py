#!/usr/bin/env python
"""`make bench`: this bot against a plain `rasa init` bot, trained and run the same way, on this machine.

For each bot: training time (`rasa train`), time to ready (start -> the REST channel answers), REST turn latency
(p50, p95) sequentially and with 20 concurrent users, throughput at 20 users, and the peak RSS of the Rasa server
and of the action server. Writes the table to docs/performance.md (keeping its "## Notes" section). It reports;
it never fails because a goal is missed (exit 1 only when it could not measure).

    python scripts/bench.py [--reuse-model models/cpas.tar.gz --train-seconds 290] [--turns 200] [--users 20]
"""
from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
       "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "SANIC_HOST": "127.0.0.1", "PYTHONHASHSEED": "0"}
OURS_MESSAGES = [
    "bonjour", "Quels sont les montants du revenu d'intégration ?", "c'est quoi la prime d'installation ?",
    "comment demander l'aide du CPAS ?", "quel est mon cpas ? j'habite à Wavre", "merci",
    "j'ai vu cpas-info.be, c'est officiel ?", "quels documents dois-je apporter ?", "je travaille à mi-temps, "
    "j'ai droit au RIS ?", "l'allocation de chauffage c'est combien ?", "au revoir",
]
PLAIN_MESSAGES = ["hello", "I am sad", "yes", "no", "great", "are you a bot?", "goodbye", "hi there"]
GOALS = {"p95_ratio": 1.2, "rss_mb": 1536, "train_s": 300, "ready_s": 60}


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in [pid] + children(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        except (OSError, AttributeError):
            pass
    return total / 1024


def children(pid: int) -> List[int]:
    try:
        kids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in children(k)]


class RssSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.2)


@dataclass
class Result:
    name: str
    train_s: float = 0.0
    ready_s: float = 0.0
    seq: List[float] = field(default_factory=list)
    conc: List[float] = field(default_factory=list)
    throughput: float = 0.0
    rasa_rss: float = 0.0
    actions_rss: Optional[float] = None
    errors: int = 0


def post(url: str, sender: str, message: str) -> float:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(response.status)
    return (time.perf_counter() - start) * 1000


def wait_ready(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode})")
        try:
            post(url, "bench-ready", "hello")
            return
        except Exception:
            time.sleep(0.25)
    raise TimeoutError(url)


def train(project: Path, out: Path, name: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "rasa"), "train", "--fixed-model-name", name, "--out", str(out), "--force"],
                   cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_bot(result: Result, project: Path, model: Path, messages: Sequence[str], workdir: Path,
            with_actions: bool, turns: int, users: int, user_turns: int) -> None:
    procs = []
    endpoints = workdir / f"{result.name}-endpoints.yml"
    text = f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{workdir / (result.name + ".db")}"\n'
    actions = None
    if with_actions:
        port = free_port()
        text = f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n' + text
        actions = subprocess.Popen([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
                                   cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(actions)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except Exception:
                time.sleep(0.5)
    endpoints.write_text(text, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    args = [str(BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints), "--interface", "127.0.0.1",
            "--port", str(port)]
    if (project / "credentials.yml").exists():
        args += ["--credentials", str(project / "credentials.yml")]
    start = time.perf_counter()
    rasa = subprocess.Popen(args, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(rasa)
    try:
        wait_ready(url, rasa, 300)
        result.ready_s = time.perf_counter() - start
        sampler = RssSampler(rasa.pid)
        sampler.start()
        for i in range(10):                                   # warm-up
            post(url, f"warm-{i}", messages[i % len(messages)])
        for i in range(turns):
            result.seq.append(post(url, f"seq-{i // len(messages)}", messages[i % len(messages)]))

        def user(u: int) -> List[float]:
            out = []
            for t in range(user_turns):
                try:
                    out.append(post(url, f"user-{u}", messages[(u + t) % len(messages)]))
                except Exception:
                    result.errors += 1
            return out

        begin = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(users) as pool:
            for latencies in pool.map(user, range(users)):
                result.conc.extend(latencies)
        result.throughput = len(result.conc) / (time.perf_counter() - begin)
        sampler.running = False
        sampler.join()
        result.rasa_rss = max(sampler.peak, rss_mb(rasa.pid))
        if actions:
            result.actions_rss = rss_mb(actions.pid)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def table(ours: Result, plain: Result) -> str:
    rows = []

    def row(metric, a, b, goal, met, fmt="{:.0f}"):
        rows.append(f"| {metric} | {fmt.format(a)} | {fmt.format(b)} | {ratio(a, b)} | {goal} | "
                    f"{'yes' if met else '**no**'} |")

    o50, p50 = percentile(ours.seq, 50), percentile(plain.seq, 50)
    o95, p95 = percentile(ours.seq, 95), percentile(plain.seq, 95)
    c50, d50 = percentile(ours.conc, 50), percentile(plain.conc, 50)
    c95, d95 = percentile(ours.conc, 95), percentile(plain.conc, 95)
    row("p50 turn, sequential (ms)", o50, p50, "-", True)
    row("p95 turn, sequential (ms)", o95, p95, "≤ 1.2 × plain", o95 <= GOALS["p95_ratio"] * p95)
    row("p50 turn, 20 users (ms)", c50, d50, "-", True)
    row("p95 turn, 20 users (ms)", c95, d95, "≤ 1.2 × plain", c95 <= GOALS["p95_ratio"] * d95)
    row("throughput, 20 users (turns/s)", ours.throughput, plain.throughput, "≥ plain",
        ours.throughput >= plain.throughput, "{:.1f}")
    row("Rasa server RSS, peak (MB)", ours.rasa_rss, plain.rasa_rss, "≤ 1 536 MB", ours.rasa_rss <= GOALS["rss_mb"])
    rows.append(f"| action server RSS (MB) | {ours.actions_rss or 0:.0f} | (none) | - | - | - |")
    row("time to ready (s)", ours.ready_s, plain.ready_s, "≤ 60 s", ours.ready_s <= GOALS["ready_s"], "{:.1f}")
    row("training (s)", ours.train_s, plain.train_s, "≤ 300 s", ours.train_s <= GOALS["train_s"], "{:.0f}")
    head = ["| metric | this bot | plain `rasa init` bot | ratio | goal | met |", "|---|---|---|---|---|---|"]
    return "\n".join(head + rows)


def write_report(path: Path, ours: Result, plain: Result, args, command: str) -> None:
    notes = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if "## Notes" in old:
            notes = old[old.index("## Notes"):]
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024 // 1024
    text = f"""# Performance

Measured by `make bench` ({command}) on {dt.date.today().isoformat()}: {os.cpu_count()} cores, {mem} GB RAM,
{platform.python_implementation()} {platform.python_version()}, Rasa 3.6. Both bots are trained with `rasa train`
and run with `rasa run` and a SQLite tracker store, REST channel, on localhost; the plain bot is `rasa init
--no-prompt`. Sequential: {args.turns} turns one after the other. Concurrent: {args.users} users, each a
conversation of {args.user_turns} turns. Errors during the concurrent run: this bot {ours.errors}, plain bot
{plain.errors}.

{table(ours, plain)}

The benchmark reports; it never fails a build. Figures move by 10-20 % between runs on a shared machine.

{notes or "## Notes" + chr(10)}"""
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-model", type=Path, help="use this trained model of this bot instead of training")
    parser.add_argument("--train-seconds", type=float, default=0.0, help="training time to report with --reuse-model")
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--user-turns", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    command = "python scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    work = Path(tempfile.mkdtemp(prefix="cpas-bench-"))
    try:
        plain_dir = work / "plain"
        print("Creating the plain bot (rasa init)...", flush=True)
        plain_dir.mkdir()
        subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(plain_dir)], cwd=work, env=ENV,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        plain, ours = Result("plain"), Result("ours")
        print("Training the plain bot...", flush=True)
        plain.train_s = train(plain_dir, work / "models", "plain")
        if args.reuse_model:
            ours_model, ours.train_s = args.reuse_model.resolve(), args.train_seconds
        else:
            print("Training this bot...", flush=True)
            ours.train_s = train(ROOT, work / "models", "ours")
            ours_model = work / "models" / "ours.tar.gz"
        print("Running the plain bot...", flush=True)
        run_bot(plain, plain_dir, work / "models" / "plain.tar.gz", PLAIN_MESSAGES, work, False,
                args.turns, args.users, args.user_turns)
        print("Running this bot...", flush=True)
        run_bot(ours, ROOT, ours_model, OURS_MESSAGES, work, True, args.turns, args.users, args.user_turns)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_report(args.out, ours, plain, args, command.strip())
        print(table(ours, plain))
        print(f"Written to {args.out}")
        return 0
    except Exception as error:  # noqa: BLE001 - report and exit 1: could not measure
        print(f"bench could not measure: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
