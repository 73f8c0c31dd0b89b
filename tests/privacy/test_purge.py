"""`make purge DAYS=N` (scripts/purge.py): old conversations and old events go, recent ones stay.

Rule under test (staff/retention.py): an event is old when its timestamp is more than N days ago; a
conversation whose last event is old is deleted entirely; an active conversation loses its old events; the
SQLite file is VACUUMed; only counts are printed, never a sender id.
"""
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.server_harness import Conversation, free_port

from staff.retention import DAY, purge

ROOT = Path(__file__).resolve().parents[2]


def run_purge(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "purge.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def make_store(tmp_path, rows, table=True):
    """A SQLite tracker store with Rasa's `events` columns, and an endpoints file pointing at it."""
    db = tmp_path / "tracker.db"
    with sqlite3.connect(db) as connection:
        if table:
            connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name "
                               "VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), action_name "
                               "VARCHAR(255), data TEXT)")
            connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, ?, ?)",
                                   rows)
        else:
            connection.execute("CREATE TABLE other (x INTEGER)")
    connection.close()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{db}"\n', encoding="utf-8")
    return db, endpoints


def senders(db):
    with sqlite3.connect(db) as connection:
        found = {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}
    connection.close()
    return found


def event(sender, age_days, text, now, kind="user"):
    return (sender, kind, now - age_days * DAY, json.dumps({"event": kind, "text": text}))


def session(sender, age_days, now):
    return event(sender, age_days, "", now, kind="session_started")


def test_old_conversations_go_entirely_and_active_ones_lose_their_old_events(tmp_path):
    now = time.time()
    db, endpoints = make_store(tmp_path, [
        event("person-old-31415", 40, "message ancien unique-7731", now),
        event("person-old-31415", 39, "réponse", now),
        event("person-active-2718", 35, "vieux message du même unique-8842", now),
        event("person-active-2718", 2, "message récent", now),
        event("person-new-1618", 1, "bonjour", now),
    ])
    dry = run_purge("--days", "30", "--endpoints", str(endpoints), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 conversation(s) entière(s) et 3 événement(s) seraient effacés" in dry.stdout
    assert "1 conversation(s) en cours raccourcie(s)" in dry.stdout
    assert senders(db) == {"person-old-31415", "person-active-2718", "person-new-1618"}   # nothing deleted
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 0, result.stderr
    assert "1 conversation(s) entière(s) et 3 événement(s) effacés" in result.stdout
    for sender in ("31415", "2718", "1618", "person"):
        assert sender not in result.stdout + result.stderr          # counts only, never a sender id
    assert senders(db) == {"person-active-2718", "person-new-1618"}
    with sqlite3.connect(db) as connection:
        texts = [json.loads(row[0])["text"] for row in connection.execute("SELECT data FROM events ORDER BY id")]
    assert texts == ["message récent", "bonjour"]
    content = db.read_bytes()
    assert b"unique-7731" not in content and b"unique-8842" not in content   # VACUUM: gone from the file too


def test_a_conversation_whose_current_session_started_before_the_cut_off_goes_entirely(tmp_path):
    now = time.time()
    db, endpoints = make_store(tmp_path, [
        session("new-session", 40, now), event("new-session", 40, "ancienne session", now),
        session("new-session", 2, now), event("new-session", 2, "nouvelle session", now),
        session("long-session", 40, now), event("long-session", 40, "début de session", now),
        event("long-session", 1, "toujours la même session", now),
        event("no-session", 40, "vieux", now), event("no-session", 1, "récent", now),
    ])
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 0, result.stderr
    assert "1 conversation(s) entière(s) et 6 événement(s) effacés" in result.stdout, result.stdout
    assert "2 conversation(s) en cours raccourcie(s)" in result.stdout
    assert senders(db) == {"new-session", "no-session"}
    with sqlite3.connect(db) as connection:
        texts = [json.loads(row[0])["text"] for row in connection.execute("SELECT data FROM events ORDER BY id")]
    connection.close()
    assert texts == ["", "nouvelle session", "récent"]


def test_the_cut_off_is_exactly_n_days(tmp_path):
    now = 1_800_000_000.0
    db, endpoints = make_store(tmp_path, [
        ("a", "user", now - 7 * DAY - 1, "{}"), ("b", "user", now - 7 * DAY, "{}"), ("c", "user", now, "{}")])
    url = f"sqlite:///{db}"
    result = purge(url, 7, now=now)
    assert (result.conversations_deleted, result.conversations_trimmed, result.events_deleted) == (1, 0, 1)
    assert result.vacuumed
    assert senders(db) == {"b", "c"}                  # an event exactly N days old is kept
    assert purge(url, 7, now=now).events_deleted == 0  # running it again deletes nothing more


def test_an_empty_store_is_fine(tmp_path):
    _, endpoints = make_store(tmp_path, [])
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 0, result.stderr
    assert "0 conversation(s) entière(s) et 0 événement(s) effacés" in result.stdout


@pytest.mark.parametrize("days", ["0", "-3", "trente", "1.5", ""])
def test_days_must_be_a_whole_number_of_at_least_one(tmp_path, days):
    db, endpoints = make_store(tmp_path, [event("x", 400, "vieux", time.time())])
    result = run_purge("--days", days, "--endpoints", str(endpoints))
    assert result.returncode == 2 and "DAYS" in result.stderr
    assert senders(db) == {"x"}
    with pytest.raises(ValueError):
        purge(f"sqlite:///{db}", 0)


def test_days_is_required(tmp_path):
    _, endpoints = make_store(tmp_path, [])
    result = run_purge("--endpoints", str(endpoints))
    assert result.returncode == 2 and "--days" in result.stderr


def test_a_missing_database_or_table_is_a_clear_error(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "absent.db"\n', encoding="utf-8")
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and "n'existe pas" in result.stderr
    assert not (tmp_path / "absent.db").exists()                 # not created by the purge
    _, endpoints = make_store(tmp_path, [], table=False)
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and "events" in result.stderr


def test_a_store_that_is_not_sql_is_refused(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: redis\n", encoding="utf-8")
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and "SQL" in result.stderr


def test_postgresql_is_read_from_the_endpoints_file_and_its_password_is_never_printed(tmp_path, monkeypatch):
    port = free_port()                                 # nothing listens there
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n"
                         f"  port: {port}\n  db: rasa\n  username: rasa\n  password: ${{DB_PASSWORD}}\n",
                         encoding="utf-8")
    monkeypatch.setenv("DB_PASSWORD", "s3cret-pw-4711")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "purge.py"), "--days", "30",
                             "--endpoints", str(endpoints)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1 and "base de données" in result.stderr
    assert "s3cret-pw-4711" not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_make_purge_requires_days():
    result = subprocess.run(["make", "--no-print-directory", "purge"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0 and "DAYS=30" in result.stdout + result.stderr


# ------------------------------------------------------------------ on a store filled by the real bot
def age(db, sender, days, json_too=True):
    """Make a conversation's events `days` older: the timestamp column (what the purge reads) and, unless
    json_too is False, the timestamp in the event's JSON (what Rasa reads when it loads the conversation)."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT id, timestamp, data FROM events WHERE sender_id = ?", (sender,)).fetchall()
        for row_id, timestamp, data in rows:
            event = json.loads(data)
            if json_too:
                event["timestamp"] -= days * DAY
            connection.execute("UPDATE events SET timestamp = ?, data = ? WHERE id = ?",
                               (timestamp - days * DAY, json.dumps(event), row_id))
    connection.close()
    return len(rows)


@pytest.mark.model
@pytest.mark.server
def test_purge_on_a_store_filled_by_the_bot_and_the_bot_goes_on(debug_bot):
    db = debug_bot.tracker_db
    Conversation(debug_bot, "purge-old").say("bonjour, je suis Zorglub, c'est quoi la prime d'installation ?")
    age(db, "purge-old", 60)
    active = Conversation(debug_bot, "purge-active")
    active.say("bonjour, ici Bidulon, quels documents faut-il apporter au CPAS ?")
    age(db, "purge-active", 45)
    # 45 days later, the same person comes back: Rasa starts a new session in the same conversation.
    assert "prime" in active.say("c'est quoi la prime d'installation ?").lower()
    # A session that started 45 days ago and is still going on (only the purge's column is aged).
    stale = Conversation(debug_bot, "purge-stale")
    stale.say("bonjour, je suis Trucmuche")
    age(db, "purge-stale", 45, json_too=False)
    stale.say("c'est quoi la prime d'installation ?")
    Conversation(debug_bot, "purge-recent").say("bonjour")
    cutoff = time.time() - 30 * DAY
    with sqlite3.connect(db) as connection:
        old_events = connection.execute("SELECT COUNT(*) FROM events WHERE timestamp < ?", (cutoff,)).fetchone()[0]
        stale_recent = connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'purge-stale' AND "
                                          "timestamp >= ?", (cutoff,)).fetchone()[0]
        kept_active = connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'purge-active' AND "
                                         "timestamp >= ?", (cutoff,)).fetchone()[0]
    connection.close()
    assert old_events > 8 and stale_recent > 0 and kept_active > 0
    endpoints = str(debug_bot.workdir / "endpoints.yml")

    dry = run_purge("--days", "30", "--endpoints", endpoints, "--dry-run")
    expected = f"2 conversation(s) entière(s) et {old_events + stale_recent} événement(s)"
    assert f"{expected} seraient effacés" in dry.stdout, dry.stdout + dry.stderr
    result = run_purge("--days", "30", "--endpoints", endpoints)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{expected} effacés" in result.stdout, result.stdout
    assert "1 conversation(s) en cours raccourcie(s)" in result.stdout
    assert "purge-" not in result.stdout
    remaining = senders(db)
    assert not {"purge-old", "purge-stale"} & remaining and {"purge-active", "purge-recent"} <= remaining
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT timestamp, type_name FROM events WHERE sender_id = 'purge-active' "
                                  "ORDER BY id").fetchall()
    connection.close()
    assert len(rows) == kept_active and min(t for t, _ in rows) >= cutoff
    assert rows[0][1] in ("action", "session_started")      # what is left starts with the new session
    content = db.read_bytes()
    assert b"Zorglub" not in content and b"Bidulon" not in content and b"Trucmuche" not in content
    # The server goes on with the purged store: the kept conversation, the deleted ones.
    answer = active.say("quels documents faut-il apporter au CPAS ?")
    assert "documents" in answer.lower() or "carte d'identité" in answer.lower(), answer
    assert "None" not in answer and "CPAS de La Hulpe" in answer, answer
    for sender in ("purge-old", "purge-stale"):
        answer = Conversation(debug_bot, sender).say("quels documents faut-il apporter au CPAS ?")
        assert "None" not in answer and "CPAS de La Hulpe" in answer, answer
