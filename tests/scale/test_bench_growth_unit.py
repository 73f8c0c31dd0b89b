"""The plans, summaries, store filling and report of `make bench-growth` (scripts/bench_growth.py). Nothing is
timed here: the benchmark itself is not a test."""
import json
import sqlite3

import pytest

from scripts import bench_growth as growth
from scripts.bench import parse_conversations


def test_the_long_conversation_asks_the_probe_twice_and_is_fifty_turns_long():
    probe, filler, short = parse_conversations(growth.MESSAGES.read_text(encoding="utf-8"))[:3]
    layout = growth.long_conversation(probe, filler)
    assert len(layout.messages) == 50
    assert layout.messages[0] == "bonjour"
    assert list(layout.early) == list(range(1, 11)) and list(layout.late) == list(range(40, 50))
    assert [layout.messages[t] for t in layout.early] == [layout.messages[t] for t in layout.late] == probe
    assert len(short) == 3
    with pytest.raises(ValueError):
        growth.long_conversation([], filler)


def test_window_summary_counts_only_its_turns():
    latencies = {0: [1.0], 1: [0.010, 0.020], 2: [0.030, 0.040], 3: [5.0]}
    cpu = {1: 0.030, 2: 0.050, 3: 9.0}
    turns = {0: 1, 1: 2, 2: 2, 3: 1}
    summary = growth.window_summary(latencies, cpu, turns, range(1, 3))
    assert summary["p50_ms"] == pytest.approx(25.0)
    assert summary["cpu_ms"] == pytest.approx(20.0)  # 80 ms over 4 turns
    assert summary["turns"] == 4
    empty = growth.window_summary({}, {}, {}, range(5, 7))
    assert empty["p50_ms"] is None and empty["cpu_ms"] is None


def test_same_answers_compares_turn_by_turn_and_conversation_by_conversation():
    answers = {1: ["a", "b"], 2: ["c", "d"], 11: ["a", "x"], 12: ["c", "d"]}
    assert growth.same_answers(answers, range(1, 3), range(11, 13)) == (3, 4)


def test_ratio_is_none_without_a_baseline():
    assert growth.ratio(12.0, 10.0) == pytest.approx(1.2)
    assert growth.ratio(None, 10.0) is None and growth.ratio(3.0, 0.0) is None and growth.ratio(3.0, None) is None


def test_copies_give_each_conversation_its_own_sender_and_past_timestamps():
    rows = [("t", "action", 1000.0, None, "action_listen", json.dumps({"event": "action", "timestamp": 1000.0})),
            ("t", "user", 1001.0, "greet", None, json.dumps({"event": "user", "timestamp": 1001.0}))]
    out = list(growth.copies(rows, 3, "stored", step=600))
    assert [r[0] for r in out] == ["stored-0"] * 2 + ["stored-1"] * 2 + ["stored-2"] * 2
    assert all(r[2] < 1000.0 for r in out)
    assert out[-1][2] == pytest.approx(1001.0 - 600)  # the newest copy: ten minutes before the template
    assert json.loads(out[1][5])["timestamp"] == out[1][2]  # the event's own timestamp moves with the row
    with pytest.raises(ValueError):
        list(growth.copies([], 3, "stored"))


def test_fill_sqlite_copies_rasas_schema_and_the_rows(tmp_path):
    template = tmp_path / "template.db"
    with sqlite3.connect(template) as c:
        c.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name "
                  "VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), "
                  "data TEXT)")
        c.execute("CREATE INDEX ix_events_sender_id ON events (sender_id)")
        c.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('t', 'user', 5.0, '{}')")
    rows = growth.stored_rows_sqlite(template, "t")
    target = tmp_path / "full.db"
    assert growth.fill_sqlite(template, target, rows, 50) == 50
    with sqlite3.connect(target) as c:
        indexes = [name for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")]
        senders = c.execute("SELECT COUNT(DISTINCT sender_id) FROM events").fetchone()[0]
    assert "ix_events_sender_id" in indexes and senders == 50


def test_the_report_says_which_goals_are_met():
    window = {"p50_ms": 20.0, "p95_ms": 30.0, "cpu_ms": 10.0, "turns": 80.0}
    late = {"p50_ms": 30.0, "p95_ms": 33.0, "cpu_ms": 11.0, "turns": 80.0}
    store = {"store": "sqlite", "stored": 100000, "rows": 1500000, "fill_s": 40.0, "empty_ready_s": 20.0,
             "full_ready_s": 21.0, "empty_new": window, "full_new": window, "empty_returning": window,
             "full_returning": late, "full_rss_ready_mib": 1500.0,
             "memory": {"conversations": 1000, "failed_turns": 0, "rasa_before_mib": 1510.0,
                        "rasa_after_mib": 1600.0, "rasa_peak_mib": 1620.0, "actions_after_mib": 130.0,
                        "actions_peak_mib": 140.0}}
    measured = {"long": {"first": window, "early": window, "late": late, "same_answers": 80, "compared": 80,
                         "errors": 0, "turns": 50, "conversations": 8}, "stores": [store]}
    text = growth.render(measured, {"CPU cores (nproc)": "2"}, "cmd", "abc123", "kept notes\n")
    assert "| latency p50 | 20.0 ms | 20.0 ms | 30.0 ms | 1.50 × | ≤ 1.2 × | **no** |" in text
    assert "| Rasa server CPU per turn | 10.0 ms | 10.0 ms | 11.0 ms | 1.10 × | ≤ 1.2 × | yes |" in text
    assert "100 000 conversations" in text and "80 of 80 late answers identical" in text
    assert "| Rasa server RSS | 1 500 MiB | 1 510 MiB | 1 600 MiB | 1 620 MiB | ≤ 1536 MiB | **no** |" in text
    assert text.rstrip().endswith("kept notes")
