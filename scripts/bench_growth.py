#!/usr/bin/env python3
"""`make bench-growth`: does a turn cost more as the work grows? (issue 16, "cost as work grows")

Three measures on this bot's servers, started as `make bench` starts them (scripts/bench.py):

1. **The 50th turn against the first ones.** Several conversations of 50 turns each, played side by side:
   "bonjour", ten probe questions (turns 2-11), 29 filler turns with a whole guided check (turns 12-40), the
   same ten probe questions again (turns 41-50). The latency and the Rasa server's CPU time of the late probe
   turns are compared with the early ones (same messages, same answers: the bench checks it).
2. **A store of 100 000 conversations against an empty one.** The tracker store (SQLite, and PostgreSQL when
   its server binaries are on this machine) is filled with copies of a short stored conversation, then the
   same sequential turns as `make bench` (new conversations) and a returning conversation are measured on it
   and on an empty store.
3. **Memory after 1 000 conversations**: the RSS of the Rasa server and of the action server when ready and
   after 1 000 short conversations.

It writes docs/performance-growth.md (the tables, the machine, the command; an existing "## Notes" section is
kept) and exits 0 even when a goal is missed; non-zero only when it could not measure.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import (
    Bot,
    RssSampler,
    Servers,
    extract_notes,
    latency_summary,
    load_average,
    log,
    machine_info,
    parse_conversations,
    play_sequential,
    project_version,
    sequential_plan,
    tree_cpu_seconds,
)
from scripts.harness import percentile

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = Path(__file__).resolve().parent / "bench" / "growth_fr.txt"
BENCH_MESSAGES = Path(__file__).resolve().parent / "bench" / "conversations_fr.txt"
GROWTH_MAX_RATIO = 1.2       # the 50th turn, a full store: ≤ 1.2 × the first turns, an empty store
RSS_MAX_MIB = 1536           # Rasa server ≤ 1.5 GB after 1 000 conversations
NOTES_HEADING = "## Notes"


# ---------------------------------------------------------------------------------------------------------
# Plans and summaries (pure, tested in tests/scale/test_bench_growth_unit.py)

@dataclass
class Layout:
    """Where the probe windows of a long conversation are (0-based turn indexes)."""
    messages: List[str]
    early: range
    late: range


def long_conversation(probe: Sequence[str], filler: Sequence[str], greeting: str = "bonjour") -> Layout:
    """greeting, probe, filler, probe again; the two probe windows."""
    if not probe:
        raise ValueError("no probe message")
    messages = [greeting, *probe, *filler, *probe]
    early = range(1, 1 + len(probe))
    late = range(len(messages) - len(probe), len(messages))
    return Layout(messages, early, late)


def ratio(late: Optional[float], early: Optional[float]) -> Optional[float]:
    if late is None or not early:
        return None
    return late / early


def window_summary(latencies: Dict[int, List[float]], cpu: Dict[int, float], turns: Dict[int, int],
                   window: range) -> Dict[str, Optional[float]]:
    """p50/p95 latency (ms) of the turns of a window and the Rasa CPU per turn (ms) over it."""
    values = [v for t in window for v in latencies.get(t, [])]
    count = sum(turns.get(t, 0) for t in window)
    spent = sum(cpu.get(t, 0.0) for t in window)
    return {
        "p50_ms": percentile(values, 50) * 1000 if values else None,
        "p95_ms": percentile(values, 95) * 1000 if values else None,
        "cpu_ms": spent * 1000 / count if count else None,
        "turns": float(count),
    }


def same_answers(answers: Dict[int, List[str]], early: range, late: range) -> Tuple[int, int]:
    """(probe turns whose late answer equals the early one, probe turns compared), over every conversation."""
    same = total = 0
    for e, l_ in zip(early, late):
        for first, second in zip(answers.get(e, []), answers.get(l_, [])):
            total += 1
            same += first == second
    return same, total


def copies(rows: Sequence[tuple], count: int, prefix: str, step: float = 600.0):
    """`count` copies of a conversation's stored rows (sender_id, type_name, timestamp, intent_name,
    action_name, data), each with its own sender id and its timestamps moved `step` seconds apart."""
    if not rows:
        raise ValueError("no stored event to copy")
    start = min(r[2] or 0.0 for r in rows)
    for i in range(count):
        shift = -(count - i) * step  # all in the past, the newest just before the template
        sender = f"{prefix}-{i}"
        for _, type_name, timestamp, intent, action, data in rows:
            record = json.loads(data)
            ts = (timestamp or start) + shift
            if "timestamp" in record:
                record["timestamp"] = ts
            yield sender, type_name, ts, intent, action, json.dumps(record)


# ---------------------------------------------------------------------------------------------------------
# Talking to the server


@dataclass
class Played:
    latencies: Dict[int, List[float]] = field(default_factory=dict)
    answers: Dict[int, List[str]] = field(default_factory=dict)
    cpu: Dict[int, float] = field(default_factory=dict)
    turns: Dict[int, int] = field(default_factory=dict)
    errors: int = 0


async def _post(session, url: str, sender: str, message: str) -> Tuple[Optional[float], Optional[str]]:
    import aiohttp

    start = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            body = await response.json(content_type=None)
            if response.status != 200 or not isinstance(body, list):
                return None, None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return None, None
    text = "\n".join(str(m.get("text", "")) + "|" + ",".join(b.get("title", "") for b in m.get("buttons") or [])
                     for m in body)
    return time.perf_counter() - start, text


async def play_layers(url: str, messages: Sequence[str], conversations: int, prefix: str, rasa_pid: int) -> Played:
    """Turn t of every conversation, one after the other, then turn t + 1...: CPU measured per turn index."""
    import aiohttp

    played = Played()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        for t, message in enumerate(messages):
            before = tree_cpu_seconds(rasa_pid)
            for c in range(conversations):
                seconds, text = await _post(session, url, f"{prefix}-{c}", message)
                if seconds is None:
                    played.errors += 1
                    continue
                played.latencies.setdefault(t, []).append(seconds)
                played.answers.setdefault(t, []).append(text)
                played.turns[t] = played.turns.get(t, 0) + 1
            after = tree_cpu_seconds(rasa_pid)
            if before is not None and after is not None:
                played.cpu[t] = after - before
    return played


async def play_many(url: str, messages: Sequence[str], conversations: int, prefix: str, users: int) -> int:
    """`conversations` short conversations, `users` at a time; the number of failed turns."""
    import aiohttp

    failed = 0
    queue = list(range(conversations))
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120), connector=connector) as session:
        async def user() -> None:
            nonlocal failed
            while queue:
                c = queue.pop()
                for message in messages:
                    seconds, _ = await _post(session, url, f"{prefix}-{c}", message)
                    failed += seconds is None
        await asyncio.gather(*(user() for _ in range(users)))
    return failed


def sequential(url: str, plan: Sequence[Tuple[object, str]], prefix: str, rasa_pid: int) -> Dict[str, Optional[float]]:
    """Latency p50/p95 and Rasa CPU per turn of make bench's sequential turns (conversation `{prefix}-{run}`)."""
    before = tree_cpu_seconds(rasa_pid)
    played = asyncio.run(play_sequential(url, plan, prefix))
    after = tree_cpu_seconds(rasa_pid)
    summary: Dict[str, Optional[float]] = dict(latency_summary(played.latencies))
    summary["cpu_ms"] = ((after - before) * 1000 / len(played.latencies)
                         if played.latencies and before is not None and after is not None else None)
    summary["errors"] = float(played.errors)
    return summary


# ---------------------------------------------------------------------------------------------------------
# Stores


SQLITE_COLUMNS = "sender_id, type_name, timestamp, intent_name, action_name, data"


def stored_rows_sqlite(db: Path, sender: str) -> List[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT {SQLITE_COLUMNS} FROM events WHERE sender_id = ? ORDER BY id",
                                  (sender,)).fetchall()


def fill_sqlite(template_db: Path, target: Path, rows: Sequence[tuple], count: int) -> int:
    """A SQLite store with Rasa's schema (copied from `template_db`) holding `count` copies of `rows`."""
    with sqlite3.connect(template_db) as source:
        ddl = [sql for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")]
    target.unlink(missing_ok=True)
    with sqlite3.connect(target) as connection:
        for statement in ddl:
            connection.execute(statement)
        connection.executemany(f"INSERT INTO events ({SQLITE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                               copies(rows, count, "stored"))
        connection.commit()
        return connection.execute("SELECT COUNT(*) FROM events").fetchone()[0]


class Postgres:
    """A throw-away PostgreSQL server on 127.0.0.1 (scripts/scale_check.py's own start and stop)."""

    def __init__(self, workdir: Path, pg_bin: str):
        from scripts.scale_check import Stack

        (workdir / "logs").mkdir(parents=True, exist_ok=True)
        self.stack = Stack(argparse.Namespace(workdir=workdir, pg_bin=pg_bin))

    def start(self) -> None:
        self.stack.start_postgres()

    def stop(self) -> None:
        self.stack.stop_all()

    @property
    def endpoints_block(self) -> str:
        s = self.stack
        return (f"tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n"
                f"  port: {s.ports['postgres']}\n  db: cpas\n  username: cpas\n  password: \"{s.pg_password}\"\n")

    def fill(self, rows: Sequence[tuple], count: int) -> int:
        from psycopg2.extras import execute_values

        connection = self.stack.pg_connect()
        try:
            with connection.cursor() as cur:
                batch: List[tuple] = []
                for row in copies(rows, count, "stored"):
                    batch.append(row)
                    if len(batch) >= 20000:
                        execute_values(cur, f"INSERT INTO events ({SQLITE_COLUMNS}) VALUES %s", batch)
                        batch = []
                if batch:
                    execute_values(cur, f"INSERT INTO events ({SQLITE_COLUMNS}) VALUES %s", batch)
                cur.execute("ANALYZE events")
                cur.execute("SELECT COUNT(*) FROM events")
                total = cur.fetchone()[0]
            connection.commit()
            return total
        finally:
            connection.close()

    def rows(self, sender: str) -> List[tuple]:
        connection = self.stack.pg_connect()
        try:
            with connection.cursor() as cur:
                cur.execute(f"SELECT {SQLITE_COLUMNS} FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return cur.fetchall()
        finally:
            connection.close()

    def empty(self) -> None:
        connection = self.stack.pg_connect()
        try:
            with connection.cursor() as cur:
                cur.execute("DELETE FROM events")
            connection.commit()
        finally:
            connection.close()


def find_pg_bin() -> Optional[str]:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    for directory in reversed(candidates):
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return str(directory)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return str(Path(found).parent)
    return None


# ---------------------------------------------------------------------------------------------------------
# The measures


def this_bot(model: Path) -> Bot:
    return Bot("ours", ROOT, model, parse_conversations(BENCH_MESSAGES.read_text(encoding="utf-8")), "bonjour",
               True)


def measure_long(servers: Servers, layout: Layout, conversations: int) -> dict:
    played = asyncio.run(play_layers(servers.webhook, layout.messages, conversations, "long", servers.rasa.pid))
    first = window_summary(played.latencies, played.cpu, played.turns, range(0, 1))
    early = window_summary(played.latencies, played.cpu, played.turns, layout.early)
    late = window_summary(played.latencies, played.cpu, played.turns, layout.late)
    same, compared = same_answers(played.answers, layout.early, layout.late)
    return {"first": first, "early": early, "late": late, "same_answers": same, "compared": compared,
            "errors": played.errors, "turns": len(layout.messages), "conversations": conversations}


def measure_store(name: str, bot: Bot, workdir: Path, sampler: RssSampler, short: Sequence[str], stored: int,
                  turns: int, memory_conversations: int) -> dict:
    """Empty store, then the same store with `stored` conversations; the RSS after many conversations."""
    result: dict = {"store": name, "stored": stored}
    postgres: Optional[Postgres] = None
    template: List[tuple] = []  # the stored events of the short conversation, read in the empty phase
    if name == "postgresql":
        postgres = Postgres(workdir / "pg-stack", find_pg_bin() or "")
        postgres.start()
    try:
        for phase in ("empty", "full"):
            phase_dir = workdir / f"{name}-{phase}"
            phase_dir.mkdir(parents=True, exist_ok=True)
            servers = Servers(bot, phase_dir, Path(sys.executable).parent / "rasa",
                              tracker_store=postgres.endpoints_block if postgres else None)
            if phase == "full":
                started = time.perf_counter()
                if postgres:
                    total = postgres.fill(template, stored)
                else:
                    total = fill_sqlite(workdir / f"{name}-empty" / "tracker.db", phase_dir / "tracker.db",
                                        template, stored)
                result["rows"] = total
                result["fill_s"] = time.perf_counter() - started
                log(f"{name}: {stored} conversations stored ({total} events) in {result['fill_s']:.0f} s")
            try:
                result[f"{phase}_ready_s"] = servers.start(sampler, "http://localhost:8080")["rasa_ready_s"]
                result[f"{phase}_rss_ready_mib"] = sampler.now_mib("ours-rasa")
                rasa_pid = servers.rasa.pid
                sequential(servers.webhook, sequential_plan(bot.conversations, 5), f"{phase}-warm", rasa_pid)
                result[f"{phase}_new"] = sequential(servers.webhook, sequential_plan(bot.conversations, turns),
                                                    f"{phase}-seq", rasa_pid)
                # A person coming back: a conversation of the store (its newest copy when full, still in session).
                returning, run = ("stored", stored - 1) if phase == "full" else ("template", 0)
                if phase == "empty":
                    sequential(servers.webhook, [(0, m) for m in short], "template", rasa_pid)
                    template = (postgres.rows("template-0") if postgres
                                else stored_rows_sqlite(phase_dir / "tracker.db", "template-0"))
                result[f"{phase}_returning"] = sequential(
                    servers.webhook, [(run, m) for m in short] * max(1, turns // (3 * len(short))), returning,
                    rasa_pid)
                if phase == "full" and memory_conversations:
                    sampler.reset()
                    before = sampler.now_mib("ours-rasa")
                    failed = asyncio.run(play_many(servers.webhook, short, memory_conversations, "memory", 20))
                    result["memory"] = {
                        "conversations": memory_conversations, "failed_turns": failed,
                        "rasa_before_mib": before, "rasa_after_mib": sampler.now_mib("ours-rasa"),
                        "rasa_peak_mib": sampler.peak_mib("ours-rasa"),
                        "actions_after_mib": sampler.now_mib("ours-actions"),
                        "actions_peak_mib": sampler.peak_mib("ours-actions"),
                    }
                log(f"{name} {phase}: new conversations p95 {result[f'{phase}_new'].get('p95_ms') or 0:.0f} ms, "
                    f"CPU {result[f'{phase}_new'].get('cpu_ms') or 0:.1f} ms per turn")
            finally:
                servers.stop()
            if postgres and phase == "empty":
                postgres.empty()
    finally:
        if postgres:
            postgres.stop()
    return result


# ---------------------------------------------------------------------------------------------------------
# The report


def fmt(value: Optional[float], unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", " ")
    return f"{text} {unit}".strip()


def met(value: Optional[float], limit: float) -> str:
    if value is None:
        return "—"
    return "yes" if value <= limit else "**no**"


def render(measured: dict, machine: Dict[str, str], command: str, version: str, notes: Optional[str]) -> str:
    lines = ["# Performance as the work grows", "",
             "Written by `scripts/bench_growth.py` (`make bench-growth`): does a turn of this bot cost more in a long",
             "conversation, with a full tracker store, after many conversations? Regenerate it with",
             "`make bench-growth`; the \"Notes\" section below is kept. The per-turn comparison with a plain",
             "`rasa init` bot is in docs/performance.md (`make bench`).", ""]
    long_ = measured.get("long")
    if long_:
        e, l_, f = long_["early"], long_["late"], long_["first"]
        lines += ["## The 50th turn against the first ones", "",
                  f"{long_['conversations']} conversations of {long_['turns']} turns, played side by side (turn 1 of "
                  "each, then turn 2 of each...): the same ten questions at turns 2-11 and 41-50 "
                  f"({long_['same_answers']} of {long_['compared']} late answers identical to the early ones; "
                  f"{long_['errors']} failed turns).", "",
                  "| | turn 1 (new conversation) | turns 2-11 | turns 41-50 | ratio 41-50 ÷ 2-11 | goal | met? |",
                  "|---|---|---|---|---|---|---|"]
        for key, label in (("p50_ms", "latency p50"), ("p95_ms", "latency p95"),
                           ("cpu_ms", "Rasa server CPU per turn")):
            r = ratio(l_[key], e[key])
            lines.append(f"| {label} | {fmt(f[key], 'ms')} | {fmt(e[key], 'ms')} | {fmt(l_[key], 'ms')} | "
                         f"{fmt(r, '×', 2)} | ≤ {GROWTH_MAX_RATIO} × | {met(r, GROWTH_MAX_RATIO)} |")
        lines.append("")
    for store in measured.get("stores", []):
        name = store["store"]
        if store.get("error"):
            lines += [f"## {name}: not measured", "", "```", store["error"], "```", ""]
            continue
        stored = fmt(store["stored"], digits=0)
        lines += [f"## A store of {stored} conversations against an empty one ({name})", "",
                  f"The store was filled with {fmt(store.get('rows'), digits=0)} events ({stored} copies of a "
                  f"stored 3-turn conversation, in {fmt(store.get('fill_s'), 's', 0)}); then the Rasa server was "
                  "started on it.", "",
                  "| | empty store | full store | ratio | goal | met? |", "|---|---|---|---|---|---|"]
        ready = ratio(store.get("full_ready_s"), store.get("empty_ready_s"))
        lines.append(f"| Rasa server ready | {fmt(store.get('empty_ready_s'), 's')} | "
                     f"{fmt(store.get('full_ready_s'), 's')} | {fmt(ready, '×', 2)} | — | — |")
        for kind, label in (("new", "new conversations"), ("returning", "a returning conversation")):
            for key, what in (("p50_ms", "latency p50"), ("p95_ms", "latency p95"), ("cpu_ms", "Rasa CPU per turn")):
                a = (store.get(f"empty_{kind}") or {}).get(key)
                b = (store.get(f"full_{kind}") or {}).get(key)
                r = ratio(b, a)
                lines.append(f"| {label}: {what} | {fmt(a, 'ms')} | {fmt(b, 'ms')} | {fmt(r, '×', 2)} | "
                             f"≤ {GROWTH_MAX_RATIO} × | {met(r, GROWTH_MAX_RATIO)} |")
        memory = store.get("memory")
        if memory:
            lines += ["", f"**Memory** after {fmt(memory['conversations'], digits=0)} more conversations of 3 "
                      f"turns, 20 at a time ({memory['failed_turns']} failed turns), on this full store:", "",
                      "| | when ready | before the conversations | after | peak | goal | met? |",
                      "|---|---|---|---|---|---|---|",
                      f"| Rasa server RSS | {fmt(store.get('full_rss_ready_mib'), 'MiB', 0)} | "
                      f"{fmt(memory['rasa_before_mib'], 'MiB', 0)} | {fmt(memory['rasa_after_mib'], 'MiB', 0)} | "
                      f"{fmt(memory['rasa_peak_mib'], 'MiB', 0)} | ≤ {RSS_MAX_MIB} MiB | "
                      f"{met(memory['rasa_peak_mib'], RSS_MAX_MIB)} |",
                      f"| action server RSS | — | — | {fmt(memory['actions_after_mib'], 'MiB', 0)} | "
                      f"{fmt(memory['actions_peak_mib'], 'MiB', 0)} | — | — |"]
        lines.append("")
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in machine.items()]
    lines += [f"- This bot: {version}", "", "## Command", "", "```sh", command, "```", "",
              NOTES_HEADING, "", (notes or "(What the numbers mean, what was changed, what is left.)\n").rstrip(), ""]
    return "\n".join(lines)


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "cpas.tar.gz")
    parser.add_argument("--conversations", type=int, default=8, help="long conversations (default 8)")
    parser.add_argument("--stored", type=int, default=100_000, help="conversations in the full store")
    parser.add_argument("--turns", type=int, default=200, help="sequential turns per store (default 200)")
    parser.add_argument("--memory-conversations", type=int, default=1000)
    parser.add_argument("--stores", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql (skipped when PostgreSQL is not installed)")
    parser.add_argument("--skip-long", action="store_true", help="do not measure the long conversations")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance-growth.md")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--from-json", type=Path, help="measure nothing: write the report from --json's output")
    parser.add_argument("--workdir", type=Path, help="keep logs and stores here (default: a temporary folder)")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    command = " ".join([".venv/bin/python", "scripts/bench_growth.py", *argv])
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        measured, machine, version, command = saved["measured"], saved["machine"], saved["version"], saved["command"]
    else:
        if not args.model.exists():
            print(f"{args.model} is missing: run `make train` first.", file=sys.stderr)
            return 2
        probe, filler, short = parse_conversations(MESSAGES.read_text(encoding="utf-8"))[:3]
        layout = long_conversation(probe, filler)
        workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cpas-growth-"))
        workdir.mkdir(parents=True, exist_ok=True)
        workdir.chmod(0o755)  # PostgreSQL's tools run as the postgres user when we are root (scale_check.py)
        machine = machine_info()
        machine["Load average before"] = load_average()
        version = project_version(ROOT)
        bot = this_bot(args.model.resolve())
        measured: dict = {"stores": []}
        with RssSampler() as sampler:
            if not args.skip_long:
                servers = Servers(bot, workdir / "long", Path(sys.executable).parent / "rasa")
                (workdir / "long").mkdir(parents=True, exist_ok=True)
                try:
                    servers.start(sampler, "http://localhost:8080")
                    log(f"long conversations: {args.conversations} × {len(layout.messages)} turns")
                    measured["long"] = measure_long(servers, layout, args.conversations)
                finally:
                    servers.stop()
            for name in [s.strip() for s in args.stores.split(",") if s.strip()]:
                if name == "postgresql" and not find_pg_bin():
                    log("postgresql: no initdb/pg_ctl on this machine, skipped")
                    continue
                log(f"{name}: empty store, then {args.stored} conversations")
                try:
                    measured["stores"].append(measure_store(name, bot, workdir, sampler, short, args.stored,
                                                            args.turns, args.memory_conversations))
                except Exception as error:  # one store that cannot be measured does not lose the others
                    log(f"{name}: not measured: {error}")
                    measured["stores"].append({"store": name, "stored": args.stored, "error": str(error)[:500]})
        machine["Load average after"] = load_average()
        args.json = args.json or workdir / "growth.json"
        if args.json:
            args.json.write_text(json.dumps({"measured": measured, "machine": machine, "version": version,
                                             "command": command}, indent=1), encoding="utf-8")
    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    args.out.write_text(render(measured, machine, command, version, extract_notes(previous)), encoding="utf-8")
    log(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
