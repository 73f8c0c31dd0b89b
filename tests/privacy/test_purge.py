"""`make purge DAYS=N` on a tracker store: old conversations and old events go, recent ones stay."""
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from server_harness import BotServers, Conversation

ROOT = Path(__file__).resolve().parents[2]
DAY = 86_400


def run_purge(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "purge.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def make_store(tmp_path, rows):
    db = tmp_path / "tracker.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name "
                           "VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), "
                           "data TEXT)")
        connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, ?, ?)",
                               rows)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{db}"\n', encoding="utf-8")
    return db, endpoints


def senders(db):
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def test_old_conversations_and_old_events_are_deleted(tmp_path):
    now = time.time()
    db, endpoints = make_store(tmp_path, [
        ("old-1", "user", now - 40 * DAY, '{"text": "message ancien unique-7731"}'),
        ("old-1", "bot", now - 39 * DAY, '{"text": "réponse"}'),
        ("mixed", "user", now - 35 * DAY, '{"text": "vieux message du même"}'),
        ("mixed", "user", now - 2 * DAY, '{"text": "message récent"}'),
        ("new", "user", now - 1 * DAY, '{"text": "bonjour"}'),
    ])
    dry = run_purge("--days", "30", "--endpoints", str(endpoints), "--dry-run")
    assert dry.returncode == 0 and "1 conversation(s)" in dry.stdout and "3 événement(s)" in dry.stdout
    assert senders(db) == {"old-1", "mixed", "new"}            # a dry run deletes nothing
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 0, result.stderr
    assert "old-1" not in result.stdout and "mixed" not in result.stdout   # counts only, no sender id
    assert senders(db) == {"mixed", "new"}
    with sqlite3.connect(db) as connection:
        texts = [row[0] for row in connection.execute("SELECT data FROM events ORDER BY id")]
    assert texts == ['{"text": "message récent"}', '{"text": "bonjour"}']
    assert b"unique-7731" not in db.read_bytes()                # VACUUM: gone from the file too


@pytest.mark.parametrize("days", ["0", "-3", "trente"])
def test_bad_days_are_refused(tmp_path, days):
    _, endpoints = make_store(tmp_path, [])
    result = run_purge("--days", days, "--endpoints", str(endpoints))
    assert result.returncode != 0


def test_missing_database_or_table_is_a_clear_error(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "absent.db"\n', encoding="utf-8")
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and "n'existe pas" in result.stderr
    sqlite3.connect(tmp_path / "absent.db").execute("CREATE TABLE t (x INTEGER)").connection.commit()
    result = run_purge("--days", "30", "--endpoints", str(endpoints))
    assert result.returncode == 1 and "events" in result.stderr


def test_make_purge_requires_days():
    result = subprocess.run(["make", "--no-print-directory", "purge"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0 and "DAYS=30" in result.stdout


@pytest.mark.model
@pytest.mark.server
def test_purge_on_a_store_filled_by_the_bot_and_the_bot_goes_on(model_path, tmp_path):
    servers = BotServers(tmp_path, model_path)
    try:
        servers.start_actions()
        servers.start_rasa()
        Conversation(servers, "purge-old").say("c'est quoi la prime d'installation ?")
        recent = Conversation(servers, "purge-recent")
        recent.say("bonjour")
        with sqlite3.connect(servers.tracker_db) as connection:   # the first conversation is 60 days old
            connection.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = 'purge-old'",
                               (60 * DAY,))
        result = run_purge("--days", "30", "--endpoints", str(tmp_path / "endpoints.yml"))
        assert result.returncode == 0 and "1 conversation(s)" in result.stdout, result.stdout + result.stderr
        assert senders(servers.tracker_db) == {"purge-recent"}
        # The server still works on the purged store, for the kept and the deleted conversation.
        assert "prime" in recent.say("c'est quoi la prime d'installation ?").lower()
        assert Conversation(servers, "purge-old").say("bonjour")
    finally:
        servers.stop()
