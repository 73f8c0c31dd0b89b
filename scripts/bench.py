#!/usr/bin/env python3
"""`make bench`: this bot against a plain `rasa init` bot, trained and run the same way on this machine.

In one run it measures, for both bots:

- the training time (`rasa train --skip-validation --fixed-model-name ...` as `make train` runs it, wall
  time, with an empty Rasa cache);
- the time to ready: from the start of the servers to the first answer of the REST channel (this bot: the
  Rasa server with its custom actions inside it, as scripts/run.sh starts it, or with `--actions server` the
  action server then the Rasa server, as deploy/ runs them; the plain bot has no custom action, since the
  actions.py of `rasa init` is empty);
- the REST turn latency, p50 and p95, sequentially (200 turns) and with 20 simultaneous users (each one a
  conversation of 15 turns), and the throughput (turns per second) with 20 users;
- the memory (VmRSS, with its child processes) of the Rasa server (and of the action server, with
  `--actions server`): after start and at its peak during the load.

The servers are started as scripts/run.sh starts them (`rasa run` with endpoints.yml's in-process actions and
NLG, and a SQLite tracker store, here in a temporary file), on free localhost ports. The messages come from
scripts/bench/conversations_fr.txt (this bot) and conversations_en.txt (the plain bot).

It writes docs/performance.md (the table against the goals, the machine, the command; an existing
"## Notes" section is kept) and exits 0 even when goals are missed; non-zero only when it could not measure.
Only the standard library and the venv's packages (aiohttp comes with Rasa) are used.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_profile import Recorder
from scripts.bench_profile import render as render_profile
from scripts.harness import actions_command, free_port, percentile, rasa_command, write_endpoints

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "bench"
MIB = 1024 * 1024

# Goals of the issue "Performance and scale-out".
P95_MAX_RATIO = 1.2          # p95 latency ≤ 1.2 × the plain bot's (sequential and with 20 users)
THROUGHPUT_MIN_RATIO = 1.0   # throughput ≥ the plain bot's
RSS_MAX_MIB = 1536           # Rasa server ≤ 1.5 GB, read as 1.5 GiB = 1 536 MiB
TRAIN_MAX_S = 300            # training ≤ 5 min on 2 cores
READY_MAX_S = 60             # ready ≤ 60 s

NOTES_HEADING = "## Notes"
DEFAULT_NOTES = "(Left for the lead engineer: what the numbers mean, what was changed, what is left.)\n"


# ---------------------------------------------------------------------------------------------------------
# Statistics and the table (pure functions, tested in tests/scale/test_bench_unit.py)

def latency_summary(seconds: Sequence[float]) -> Dict[str, float]:
    """p50, p95, mean and max in milliseconds, and the number of turns."""
    if not seconds:
        return {"n": 0}
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
            "mean_ms": statistics.fmean(ms), "max_ms": max(ms)}


def spread(values: Sequence[Optional[float]]) -> Optional[Tuple[float, float, float]]:
    """(median, min, max) of the measured values of several rounds, None when nothing was measured."""
    measured = [v for v in values if v is not None]
    if not measured:
        return None
    return statistics.median(measured), min(measured), max(measured)


def parse_conversations(text: str) -> List[List[str]]:
    """Conversations from the text format of scripts/bench/*.txt: a message a line, blank line between."""
    conversations: List[List[str]] = []
    current: List[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if not stripped:
            if current:
                conversations.append(current)
                current = []
            continue
        current.append(stripped)
    if current:
        conversations.append(current)
    return conversations


def sequential_plan(conversations: Sequence[Sequence[str]], turns: int) -> List[Tuple[int, str]]:
    """`turns` messages taken from the conversations in order, each with the index of its conversation run
    (a new conversation id whenever a conversation starts again from its first message)."""
    if not conversations or not any(conversations):
        raise ValueError("no conversation to play")
    plan: List[Tuple[int, str]] = []
    run = 0
    while len(plan) < turns:
        for message in conversations[run % len(conversations)]:
            if len(plan) == turns:
                break
            plan.append((run, message))
        run += 1
    return plan


def user_script(conversations: Sequence[Sequence[str]], user: int, turns: int) -> List[str]:
    """The messages of one simulated user: conversation number `user` (in turn), cut or repeated to `turns`."""
    conversation = list(conversations[user % len(conversations)])
    return [conversation[i % len(conversation)] for i in range(turns)]


def vmrss_kib(status_text: str) -> Optional[int]:
    """VmRSS in KiB from the text of /proc/<pid>/status (None for a zombie or a kernel thread)."""
    match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status_text, re.MULTILINE)
    return int(match.group(1)) if match else None


def ppid_of_stat(stat_text: str) -> int:
    """The parent pid from the text of /proc/<pid>/stat (the command may contain spaces and parentheses)."""
    return int(stat_text[stat_text.rindex(")") + 2:].split()[1])


def cpu_ticks_of_stat(stat_text: str) -> int:
    """utime + stime (clock ticks) from the text of /proc/<pid>/stat."""
    fields = stat_text[stat_text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def descendants(root: int, parents: Dict[int, int]) -> List[int]:
    """root and every process below it, given {pid: ppid}."""
    children: Dict[int, List[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in found:
            continue
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


@dataclass
class Row:
    metric: str
    ours: str
    plain: str
    ratio: str
    goal: str
    met: str


def fmt_number(value: Optional[float], unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "MiB":
        return f"{value:,.0f} MiB".replace(",", " ")
    if unit == "turns/s":
        return f"{value:.2f} turns/s"
    return f"{value:g}{(' ' + unit) if unit else ''}"


def fmt_spread(values: Optional[Tuple[float, float, float]], unit: str) -> str:
    """'median' alone, or 'median (min–max)' when the rounds differ."""
    if values is None:
        return "—"
    median, low, high = values
    text, low_text, high_text = (fmt_number(v, unit) for v in (median, low, high))
    if low_text != high_text:
        if unit and low_text.endswith(" " + unit):
            low_text = low_text[:-len(unit) - 1]
        text += f" ({low_text}–{high_text})"
    return text


def yes_no(ok: Optional[bool]) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def build_rows(ours: Dict[str, Optional[Tuple[float, float, float]]],
               plain: Dict[str, Optional[Tuple[float, float, float]]],
               cores: int, plain_note: str = "", users: int = 20) -> List[Row]:
    """The table: each metric for both bots (median and range over the rounds), their ratio, the goal.

    `ours` and `plain` map metric keys to spread() results; a missing key or None means "not measured".
    """
    def med(values, key):
        value = values.get(key)
        return None if value is None else value[0]

    def ratio(key):
        a, b = med(ours, key), med(plain, key)
        return None if a is None or not b else a / b

    rows: List[Row] = []

    def add(key, label, unit, goal="—", met: Optional[bool] = None, plain_text=None, show_ratio=True):
        r = ratio(key) if show_ratio else None
        rows.append(Row(label, fmt_spread(ours.get(key), unit),
                        plain_text if plain_text is not None else fmt_spread(plain.get(key), unit),
                        "—" if r is None else f"{r:.2f}", goal, yes_no(met)))

    def at_most(key, limit):
        value = med(ours, key)
        return None if value is None else value <= limit

    def ratio_at_most(key, limit):
        r = ratio(key)
        return None if r is None else r <= limit

    def ratio_at_least(key, limit):
        r = ratio(key)
        return None if r is None else r >= limit

    cores_note = "" if cores == 2 else f" (measured on {cores} cores)"
    add("train_s", "Training time (`rasa train`, empty cache)", "s", f"≤ {TRAIN_MAX_S} s on 2 cores{cores_note}",
        at_most("train_s", TRAIN_MAX_S))
    add("ready_s", "Time to ready (start → first REST answer)", "s", f"≤ {READY_MAX_S} s",
        at_most("ready_s", READY_MAX_S))
    add("rasa_ready_s", "… of which the Rasa server", "s")
    add("seq_p50_ms", "Turn latency p50, sequential", "ms")
    add("seq_p95_ms", "Turn latency p95, sequential", "ms", f"≤ {P95_MAX_RATIO:g} × plain",
        ratio_at_most("seq_p95_ms", P95_MAX_RATIO))
    add("conc_p50_ms", f"Turn latency p50, {users} users", "ms")
    add("conc_p95_ms", f"Turn latency p95, {users} users", "ms", f"≤ {P95_MAX_RATIO:g} × plain",
        ratio_at_most("conc_p95_ms", P95_MAX_RATIO))
    add("throughput", f"Throughput, {users} users", "turns/s", "≥ plain",
        ratio_at_least("throughput", THROUGHPUT_MIN_RATIO))
    add("rasa_cpu_seq_ms", "Rasa server CPU time per turn, sequential", "ms")
    add("actions_cpu_seq_ms", "Action server CPU time per turn, sequential", "ms", plain_text=plain_note or None,
        show_ratio=False)
    add("rasa_rss_peak_mib", "Rasa server RSS, peak under load", "MiB", f"≤ 1.5 GB ({RSS_MAX_MIB} MiB)",
        at_most("rasa_rss_peak_mib", RSS_MAX_MIB))
    add("rasa_rss_ready_mib", "Rasa server RSS, when ready", "MiB")
    add("actions_rss_peak_mib", "Action server RSS, peak under load", "MiB", plain_text=plain_note or None,
        show_ratio=False)
    add("train_rss_peak_mib", "Training RSS, peak", "MiB")
    add("errors", "Failed turns (HTTP error or timeout)", "")
    return rows


def render_table(rows: Iterable[Row]) -> str:
    lines = ["| Metric | This bot | Plain bot | Ratio | Goal | Met? |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.metric} | {row.ours} | {row.plain} | {row.ratio} | {row.goal} | {row.met} |")
    return "\n".join(lines)


def extract_notes(markdown: Optional[str]) -> Optional[str]:
    """Everything after the "## Notes" heading of an existing docs/performance.md (the notes are the last
    section: whatever the lead wrote below it, sub-sections included, is kept), or None."""
    if not markdown:
        return None
    match = re.search(r"^## Notes[ \t]*$", markdown, re.MULTILINE)
    return markdown[match.end():].strip("\n") + "\n" if match else None


def render_markdown(rows: Sequence[Row], machine: Dict[str, str], command: str, details: Sequence[str],
                    notes: Optional[str], profile: Sequence[str] = ()) -> str:
    machine_lines = "\n".join(f"- {key}: {value}" for key, value in machine.items())
    detail_lines = "\n".join(f"- {line}" for line in details)
    if profile:
        detail_lines += ("\n\n## Where the CPU time of a turn goes\n\n"
                         "py-spy (`make bench PROFILE=1`), 100 samples per second of each server's Python threads "
                         "while the users talk (first round), summed by the stage of a turn (scripts/bench_profile.py)"
                         "; ms per turn = the stage's share × the server's CPU time per turn at that load.\n\n"
                         + "\n".join(profile).rstrip())
    return f"""# Performance

Written by `scripts/bench.py` (`make bench`): this bot against a plain `rasa init` bot (its default pipeline
and policies), both trained and run the same way on the same machine, in one run. Regenerate it with
`make bench`; the "Notes" section below is kept.

{render_table(rows)}

Ratio = this bot ÷ plain bot. With several rounds, each cell gives the median and (min–max) over the rounds.
"Met?" compares the median with the goal; the bench never fails on a missed goal.

## How it was measured

{detail_lines}

## Machine

{machine_lines}

## Command

```sh
{command}
```

{NOTES_HEADING}

{(notes or DEFAULT_NOTES).rstrip()}
"""


# ---------------------------------------------------------------------------------------------------------
# Processes and measurements

def process_tree(root: int) -> Optional[List[int]]:
    """A process and all its living descendants (None when the process is gone)."""
    parents: Dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = ppid_of_stat(Path(f"/proc/{entry}/stat").read_text())
            except (OSError, ValueError, IndexError):
                continue
    if root not in parents:
        return None
    return list(descendants(root, parents))


def tree_rss_kib(root: int) -> Optional[int]:
    """VmRSS of a process and of all its descendants, in KiB (None when the process is gone)."""
    pids = process_tree(root)
    if pids is None:
        return None
    total = 0
    for pid in pids:
        try:
            total += vmrss_kib(Path(f"/proc/{pid}/status").read_text()) or 0
        except OSError:
            continue
    return total


def tree_cpu_seconds(root: int) -> Optional[float]:
    """CPU time (user + system) used so far by a process and its living descendants, in seconds."""
    pids = process_tree(root)
    if pids is None:
        return None
    ticks = 0
    for pid in pids:
        try:
            ticks += cpu_ticks_of_stat(Path(f"/proc/{pid}/stat").read_text())
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples the RSS of process trees in a thread; peak() gives the highest sum since the last reset()."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.pids: Dict[str, int] = {}
        self.peaks: Dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join(5)

    def watch(self, name: str, pid: int) -> None:
        with self._lock:
            self.pids[name] = pid
            self.peaks.pop(name, None)

    def now_mib(self, name: str) -> Optional[float]:
        """None for a process not watched (no action server when the actions run in the Rasa server)."""
        if name not in self.pids:
            return None
        kib = tree_rss_kib(self.pids[name])
        return None if kib is None else kib / 1024

    def reset(self) -> None:
        with self._lock:
            self.peaks = {}

    def peak_mib(self, name: str) -> Optional[float]:
        self.sample()
        with self._lock:
            kib = self.peaks.get(name)
        return None if kib is None else kib / 1024

    def sample(self) -> None:
        with self._lock:
            pids = dict(self.pids)
        for name, pid in pids.items():
            kib = tree_rss_kib(pid)
            if kib is not None:
                with self._lock:
                    self.peaks[name] = max(self.peaks.get(name, 0), kib)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


def bench_env() -> Dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_training(rasa: Path, project: Path, out_dir: Path, name: str, cache: Path, log_file: Path,
                 sampler: RssSampler) -> Tuple[float, Path, Optional[float]]:
    """`rasa train --skip-validation --fixed-model-name NAME --out DIR` in `project`, with an empty Rasa cache.

    Returns (wall seconds, model path, peak RSS in MiB of the training process tree)."""
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    env = {**bench_env(), "RASA_CACHE_DIRECTORY": str(cache)}
    # As `make train` trains (the data check is make validate's, not timed here): the same command for both bots.
    command = [str(rasa), "train", "--skip-validation", "--fixed-model-name", name, "--out", str(out_dir)]
    log(f"training in {project}: {' '.join(command[1:])}")
    start = time.perf_counter()
    with open(log_file, "wb") as output:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        sampler.watch(f"train-{name}", process.pid)
        code = process.wait()
    seconds = time.perf_counter() - start
    peak = sampler.peak_mib(f"train-{name}")
    model = out_dir / f"{name}.tar.gz"
    if code != 0 or not model.exists():
        raise RuntimeError(f"`rasa train` failed in {project} (exit {code}); see {log_file}")
    log(f"trained {model.name} in {seconds:.1f} s")
    return seconds, model, peak


def create_plain_bot(rasa: Path, directory: Path, cache: Path, log_file: Path) -> None:
    """`rasa init --no-prompt --init-dir DIR` (it trains a first model, which the bench does not use)."""
    directory.mkdir(parents=True, exist_ok=True)
    env = {**bench_env(), "RASA_CACHE_DIRECTORY": str(cache)}
    log(f"rasa init --no-prompt --init-dir {directory}")
    with open(log_file, "wb") as output:
        code = subprocess.call([str(rasa), "init", "--no-prompt", "--init-dir", str(directory)],
                               cwd=directory, env=env, stdout=output, stderr=subprocess.STDOUT)
    if code != 0 or not (directory / "config.yml").exists():
        raise RuntimeError(f"`rasa init` failed (exit {code}); see {log_file}")
    shutil.rmtree(directory / "models", ignore_errors=True)


def post_json(url: str, payload: dict, timeout: float) -> Tuple[int, object]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def wait_until(check: Callable[[], bool], process: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


@dataclass
class Bot:
    """One of the two bots: where it lives, its model, its messages, whether it has an action server."""
    name: str
    project: Path
    model: Path
    conversations: List[List[str]]
    ready_message: str
    with_actions: bool
    credentials: Optional[Path] = None
    actions: str = "in-process"   # this bot's custom actions: "in-process" (endpoints.yml) or "server" (deploy/)


@dataclass
class Servers:
    bot: Bot
    workdir: Path
    rasa_bin: Path
    processes: List[subprocess.Popen] = field(default_factory=list)
    actions: Optional[subprocess.Popen] = None
    rasa: Optional[subprocess.Popen] = None
    port: int = 0
    tracker_store: Optional[str] = None  # a `tracker_store:` endpoints block; None: SQLite in workdir/tracker.db

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def _spawn(self, command: List[str], log_name: str, env: Dict[str, str]) -> subprocess.Popen:
        output = open(self.workdir / f"{log_name}.log", "ab")
        process = subprocess.Popen(command, cwd=self.bot.project, env=env, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        output.close()
        self.processes.append(process)
        return process

    def start(self, sampler: RssSampler, cors: str) -> Dict[str, float]:
        """Start as scripts/run.sh does; returns the ready times (seconds)."""
        times: Dict[str, float] = {}
        env = bench_env()
        endpoints = self.workdir / "endpoints.yml"
        actions_port = None
        start = time.perf_counter()
        on_server = self.bot.with_actions and self.bot.actions == "server"
        if on_server:
            actions_port = free_port()
            self.actions = self._spawn(actions_command(self.rasa_bin, actions_port),
                                       "actions", {**env, "SANIC_HOST": "127.0.0.1"})
            sampler.watch(f"{self.bot.name}-actions", self.actions.pid)
            health = f"http://127.0.0.1:{actions_port}/health"
            wait_until(lambda: urllib.request.urlopen(health, timeout=2).status == 200, self.actions, 120,
                       "the action server")
            times["actions_ready_s"] = time.perf_counter() - start
        # This bot (not the plain rasa init one): the answers get the facts of the day (cpas_rasa/nlg.py).
        write_endpoints(endpoints, self.workdir / "tracker.db", actions_port, nlg=self.bot.with_actions,
                        actions_in_process=self.bot.with_actions and not on_server,
                        tracker_store=self.tracker_store)
        self.port = free_port()
        rasa_start = time.perf_counter()
        command = rasa_command(self.rasa_bin, self.bot.model, endpoints, self.port, cors=cors,
                               credentials=self.bot.credentials or None)
        self.rasa = self._spawn(command, "rasa", env)
        sampler.watch(f"{self.bot.name}-rasa", self.rasa.pid)

        def answers() -> bool:
            status, body = post_json(self.webhook, {"sender": "bench-ready", "message": self.bot.ready_message}, 10)
            return status == 200 and isinstance(body, list)

        wait_until(answers, self.rasa, 300, "the Rasa server")
        now = time.perf_counter()
        times["rasa_ready_s"] = now - rasa_start
        times["ready_s"] = now - start
        return times

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        self.processes = []


@dataclass
class TurnResults:
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    empty: int = 0
    elapsed: float = 0.0


async def _turn(session, url: str, sender: str, message: str, results: TurnResults) -> None:
    import aiohttp

    start = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            body = await response.json(content_type=None)
            ok = response.status == 200 and isinstance(body, list)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        ok, body = False, None
    if ok:
        results.latencies.append(time.perf_counter() - start)
        if not body:
            results.empty += 1
    else:
        results.errors += 1


async def play_sequential(url: str, plan: Sequence[Tuple[int, str]], prefix: str) -> TurnResults:
    import aiohttp

    results = TurnResults()
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        start = time.perf_counter()
        for run, message in plan:
            await _turn(session, url, f"{prefix}-{run}", message, results)
        results.elapsed = time.perf_counter() - start
    return results


async def play_concurrent(url: str, scripts: Sequence[Sequence[str]], prefix: str) -> TurnResults:
    import aiohttp

    results = TurnResults()
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=len(scripts))
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        async def user(index: int, messages: Sequence[str]) -> None:
            for message in messages:
                await _turn(session, url, f"{prefix}-{index}", message, results)

        start = time.perf_counter()
        await asyncio.gather(*(user(i, messages) for i, messages in enumerate(scripts)))
        results.elapsed = time.perf_counter() - start
    return results


def measure_serving(bot: Bot, rasa_bin: Path, workdir: Path, sampler: RssSampler, args, round_no: int) -> dict:
    """One round for one bot: start, warm up, sequential turns, concurrent users, stop."""
    workdir.mkdir(parents=True, exist_ok=True)
    servers = Servers(bot, workdir, rasa_bin)
    result: dict = {}
    try:
        log(f"{bot.name}: starting the servers (round {round_no})")
        result.update(servers.start(sampler, args.cors))
        result["rasa_rss_ready_mib"] = sampler.now_mib(f"{bot.name}-rasa")
        if servers.actions is not None:
            result["actions_rss_ready_mib"] = sampler.now_mib(f"{bot.name}-actions")
        log(f"{bot.name}: ready in {result['ready_s']:.1f} s "
            f"(Rasa server {result['rasa_ready_s']:.1f} s, {result['rasa_rss_ready_mib']:.0f} MiB)")
        sampler.reset()
        prefix = f"bench-{round_no}"
        warm = asyncio.run(play_sequential(servers.webhook, sequential_plan(bot.conversations, args.warmup),
                                           f"{prefix}-warm"))
        result["warmup_max_ms"] = max(warm.latencies) * 1000 if warm.latencies else None
        roles = {"rasa": servers.rasa.pid, **({"actions": servers.actions.pid} if servers.actions else {})}
        cpu0 = {role: tree_cpu_seconds(pid) for role, pid in roles.items()}
        plan = sequential_plan(bot.conversations, args.turns)
        seq = asyncio.run(play_sequential(servers.webhook, plan, f"{prefix}-seq"))
        cpu1 = {role: tree_cpu_seconds(pid) for role, pid in roles.items()}
        scripts = [user_script(bot.conversations, u, args.turns_per_user) for u in range(args.users)]
        if args.profile and round_no == 1:
            # py-spy samples both servers while the users talk (scripts/bench_profile.py)
            names = {f"{'Rasa server' if role == 'rasa' else 'action server'} ({bot.name})": pid
                     for role, pid in roles.items()}
            with Recorder(names, workdir / "profile") as recorder:
                conc = asyncio.run(play_concurrent(servers.webhook, scripts, f"{prefix}-user"))
            result["profile"] = recorder.summaries()
        else:
            conc = asyncio.run(play_concurrent(servers.webhook, scripts, f"{prefix}-user"))
        cpu2 = {role: tree_cpu_seconds(pid) for role, pid in roles.items()}
        for role in roles:
            if None not in (cpu0[role], cpu1[role], cpu2[role]) and seq.latencies and conc.latencies:
                result[f"{role}_cpu_seq_ms"] = (cpu1[role] - cpu0[role]) * 1000 / len(seq.latencies)
                result[f"{role}_cpu_conc_ms"] = (cpu2[role] - cpu1[role]) * 1000 / len(conc.latencies)
        result["rasa_rss_peak_mib"] = sampler.peak_mib(f"{bot.name}-rasa")
        if servers.actions is not None:
            result["actions_rss_peak_mib"] = sampler.peak_mib(f"{bot.name}-actions")
        s, c = latency_summary(seq.latencies), latency_summary(conc.latencies)
        result.update({f"seq_{k}": v for k, v in s.items()})
        result.update({f"conc_{k}": v for k, v in c.items()})
        result["throughput"] = len(conc.latencies) / conc.elapsed if conc.elapsed else None
        result["errors"] = seq.errors + conc.errors + warm.errors
        result["empty_replies"] = seq.empty + conc.empty
        log(f"{bot.name}: sequential p50 {s.get('p50_ms', 0):.0f} ms p95 {s.get('p95_ms', 0):.0f} ms; "
            f"{args.users} users p50 {c.get('p50_ms', 0):.0f} ms p95 {c.get('p95_ms', 0):.0f} ms, "
            f"{result['throughput'] or 0:.2f} turns/s; Rasa RSS peak {result['rasa_rss_peak_mib'] or 0:.0f} MiB; "
            f"{result['errors']} errors; CPU per turn: Rasa {result.get('rasa_cpu_seq_ms') or 0:.1f} ms, "
            f"actions {result.get('actions_cpu_seq_ms') or 0:.1f} ms")
        total = args.turns + args.users * args.turns_per_user
        if result["errors"] > total // 2:
            raise RuntimeError(f"{bot.name}: {result['errors']} of {total} turns failed; see {workdir}")
    finally:
        servers.stop()
    return result


def machine_info() -> Dict[str, str]:
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    try:
        import rasa
        rasa_version = rasa.__version__
    except Exception:  # pragma: no cover - only for the report
        rasa_version = "?"
    return {
        "Date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU cores (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU": cpu or platform.processor() or "?",
        "RAM": f"{mem_kib / MIB:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python / Rasa": f"{platform.python_version()} / {rasa_version}",
    }


def project_version(project: Path) -> str:
    """The git commit of the measured project, and whether it has uncommitted changes (read-only git calls)."""
    try:
        commit = subprocess.run(["git", "-C", str(project), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10)
        if commit.returncode != 0:
            return f"{project} (not a git checkout)"
        status = subprocess.run(["git", "-C", str(project), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=30)
        dirty = " with uncommitted changes" if status.stdout.strip() else ""
        return f"{project} at commit {commit.stdout.strip()}{dirty}"
    except (OSError, subprocess.SubprocessError):
        return f"{project} (git not available)"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT, help="this bot's project directory (default: repo)")
    parser.add_argument("--reuse-model", type=Path, help="this bot's trained model: skip its training")
    parser.add_argument("--train-seconds", type=float, help="with --reuse-model: its training time, for the table")
    parser.add_argument("--plain-dir", type=Path, help="an existing `rasa init` project (default: a new one)")
    parser.add_argument("--plain-model", type=Path, help="the plain bot's trained model: skip its training")
    parser.add_argument("--plain-train-seconds", type=float, help="with --plain-model: its training time")
    parser.add_argument("--turns", type=int, default=200, help="sequential turns (default 200)")
    parser.add_argument("--users", type=int, default=20, help="simultaneous users (default 20)")
    parser.add_argument("--turns-per-user", "--user-turns", dest="turns_per_user", type=int, default=15,
                        help="turns per user (default 15)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up turns, not counted (default 5)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="serving rounds, alternating the bots; the table gives median (min–max)")
    parser.add_argument("--only", choices=["ours", "plain"], help="serve and measure one bot only")
    parser.add_argument("--actions", choices=["in-process", "server"], default="in-process",
                        help="this bot's custom actions: inside the Rasa server as endpoints.yml and make run "
                             "(default), or on an action server as deploy/ runs them")
    parser.add_argument("--cors", default="http://localhost:8080", help="--cors given to rasa run (as run.sh)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--workdir", type=Path, help="keep models, logs and trackers here (default: a temp dir)")
    parser.add_argument("--profile", action="store_true",
                        help="record both servers with py-spy during the first round's users (where a turn's "
                             "CPU time goes, in docs/performance.md)")
    parser.add_argument("--from-json", type=Path,
                        help="measure nothing: write the table again from the raw measurements of --json")
    args = parser.parse_args(argv)
    if args.train_seconds is not None and not args.reuse_model:
        parser.error("--train-seconds goes with --reuse-model")
    if args.plain_train_seconds is not None and not args.plain_model:
        parser.error("--plain-train-seconds goes with --plain-model")
    if min(args.turns, args.users, args.turns_per_user, args.rounds) < 1 or args.warmup < 0:
        parser.error("--turns, --users, --turns-per-user and --rounds must be at least 1")
    return args


def command_line(argv: Sequence[str]) -> str:
    script = Path(sys.argv[0]).resolve()
    try:
        script_text = str(script.relative_to(ROOT))
    except ValueError:
        script_text = str(script)
    python = Path(sys.executable)
    try:
        python_text = str(python.relative_to(ROOT))
    except ValueError:
        python_text = str(python)
    text = " ".join(shlex.quote(part) for part in [python_text, script_text, *argv])
    return f"make bench   # runs: {text}" if os.environ.get("MAKELEVEL") else text


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    rasa_bin = Path(sys.executable).parent / "rasa"
    if not rasa_bin.exists():
        print(f"rasa not found next to {sys.executable}: run `make setup`.", file=sys.stderr)
        return 2
    project = args.project.resolve()
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        machine, measured = saved["machine"], saved["measured"]
        load_before, load_after = saved["load_before"], saved["load_after"]
        version = saved.get("version") or project_version(project)
        command = saved.get("command") or command_line(_without_option(argv, "--from-json"))
        return write_outputs(args, machine, measured, load_before, load_after, version, command)
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="cpas-bench-")) if temporary else args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    version = project_version(project)
    load_before = load_average()
    log(f"work directory {workdir}; load average {load_before}")
    measured: Dict[str, dict] = {"ours": {"rounds": []}, "plain": {"rounds": []}}
    try:
        with RssSampler() as sampler:
            # Training: this bot, then the plain bot, each with an empty Rasa cache.
            if args.reuse_model:
                model = args.reuse_model.resolve()
                measured["ours"]["train_s"] = args.train_seconds
            else:
                seconds, model, peak = run_training(rasa_bin, project, workdir / "models", "cpas-bench",
                                                    workdir / "cache-ours", workdir / "train-ours.log", sampler)
                measured["ours"].update(train_s=seconds, train_rss_peak_mib=peak)
            plain_dir = args.plain_dir.resolve() if args.plain_dir else workdir / "plain"
            if args.only != "ours" and not args.plain_dir:
                create_plain_bot(rasa_bin, plain_dir, workdir / "cache-init", workdir / "init-plain.log")
            plain_model = args.plain_model.resolve() if args.plain_model else None
            if args.plain_model:
                measured["plain"]["train_s"] = args.plain_train_seconds
            elif args.only != "ours":
                seconds, plain_model, peak = run_training(rasa_bin, plain_dir, workdir / "models", "plain-bench",
                                                          workdir / "cache-plain", workdir / "train-plain.log",
                                                          sampler)
                measured["plain"].update(train_s=seconds, train_rss_peak_mib=peak)

            bots = []
            if args.only != "plain":
                bots.append(Bot("ours", project, model,
                                parse_conversations((DATA / "conversations_fr.txt").read_text(encoding="utf-8")),
                                "bonjour", True, project / "credentials.yml", args.actions))
            if args.only != "ours":
                bots.append(Bot("plain", plain_dir, plain_model,
                                parse_conversations((DATA / "conversations_en.txt").read_text(encoding="utf-8")),
                                "hello", False, plain_dir / "credentials.yml"))
            for round_no in range(1, args.rounds + 1):
                order = bots if round_no % 2 else list(reversed(bots))
                for bot in order:
                    measured[bot.name]["rounds"].append(
                        measure_serving(bot, rasa_bin, workdir / f"{bot.name}-{round_no}", sampler, args, round_no))
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"bench: could not measure: {error}", file=sys.stderr)
        print(f"bench: logs are in {workdir}", file=sys.stderr)
        return 1
    load_after = load_average()
    code = write_outputs(args, machine, measured, load_before, load_after, version, command_line(argv))
    if temporary:
        shutil.rmtree(workdir, ignore_errors=True)
    return code


def _without_option(argv: Sequence[str], option: str) -> List[str]:
    """argv without `option VALUE` (or `option=VALUE`)."""
    out: List[str] = []
    skip = False
    for part in argv:
        if skip:
            skip = False
        elif part == option:
            skip = True
        elif not part.startswith(option + "="):
            out.append(part)
    return out


def write_outputs(args, machine: Dict[str, str], measured: Dict[str, dict], load_before: str, load_after: str,
                  version: str, command: str) -> int:
    """docs/performance.md (and the raw measurements with --json) from the measurements."""

    def spreads(name: str) -> Dict[str, Optional[Tuple[float, float, float]]]:
        data = measured[name]
        out = {key: spread([data.get(key)]) for key in ("train_s", "train_rss_peak_mib")}
        keys = {key for r in data["rounds"] for key in r}
        for key in keys:
            out[key] = spread([r.get(key) for r in data["rounds"]])
        return out

    rows = build_rows(spreads("ours"), spreads("plain"), len(os.sched_getaffinity(0)),
                      plain_note="— (none: the actions.py of `rasa init` is empty)", users=args.users)
    details = [
        f"This bot: {version}.",
        f"Messages: scripts/bench/conversations_fr.txt (this bot) and conversations_en.txt (the plain bot), "
        f"{args.warmup} warm-up turns not counted, then {args.turns} turns one after the other (a new "
        f"conversation id at each conversation), then {args.users} users at once, each one a conversation of "
        f"{args.turns_per_user} turns sent as fast as the answers come back (no think time); "
        f"{args.rounds} round(s), the bots taking turns.",
        "Latency: wall time of one POST to /webhooks/rest/webhook, seen by the client (aiohttp, in the same "
        "process as the bench, on the same machine: it takes some CPU from the servers, for both bots).",
        ("Servers: as scripts/run.sh starts them (`rasa run` with the custom actions inside the Rasa server, "
         "as endpoints.yml says" if args.actions == "in-process" else
         "Servers: as deploy/ runs them (`rasa run actions`, then `rasa run` calling it over HTTP")
        + ", a SQLite tracker store in a temporary file), on free localhost ports. The plain bot has no custom "
        "action.",
        "Time to ready: from the start of the first server to the first answer of the REST channel.",
        "RSS: VmRSS of the process and its children from /proc, sampled every 0.2 s.",
        "CPU time per turn: user + system time of the server's processes (/proc/<pid>/stat) during the "
        "sequential turns, divided by their number. Other work on the machine changes it much less than the "
        "latencies, so it is the figure to compare when the machine is busy.",
        "Training: `rasa train --skip-validation --fixed-model-name ...` (as `make train` runs it; the data check "
        "is `make validate`'s, not timed) wall time with an empty Rasa cache (RASA_CACHE_DIRECTORY), including the "
        "start of the CLI."
        + (" This bot's model was reused (--reuse-model)." if args.reuse_model else "")
        + (" The plain bot's model was reused (--plain-model)." if args.plain_model else ""),
        f"Load average (1, 5, 15 min) before: {load_before}; after: {load_after}. The machine may be shared: "
        "other work running at the same time slows both bots, not always equally.",
        f"Turns answered with no message (not counted as failed): this bot "
        f"{sum(r.get('empty_replies', 0) for r in measured['ours']['rounds'])}, plain bot "
        f"{sum(r.get('empty_replies', 0) for r in measured['plain']['rounds'])}.",
    ]
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    existing = out.read_text(encoding="utf-8") if out.exists() else None
    out.parent.mkdir(parents=True, exist_ok=True)
    profile: List[str] = []
    for name in ("ours", "plain"):
        first = (measured[name]["rounds"] or [{}])[0]
        if first.get("profile"):
            cpu = {server: first.get(f"{'rasa' if server.startswith('Rasa') else 'actions'}_cpu_conc_ms")
                   for server in first["profile"]}
            profile += render_profile(first["profile"], cpu)
    out.write_text(render_markdown(rows, machine, command, details, extract_notes(existing), profile),
                   encoding="utf-8")
    if args.json and not args.from_json:
        args.json.write_text(json.dumps({"machine": machine, "load_before": load_before, "load_after": load_after,
                                         "version": version, "command": command, "measured": measured},
                                        indent=2, default=str), encoding="utf-8")
    print(render_table(rows))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
