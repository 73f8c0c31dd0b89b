"""The staff report on handmade SQLite tracker stores (no model, no server): fast.

The events are written as Rasa 3.6 writes them in its `events` table (same columns, same JSON), in the
orders seen in a real store: a finished check (`active_loop: null` then `action_check_result`), a stopped one
(`action_stop_check` then `active_loop: null`), a question inside a check (`action_execution_rejected`)...
"""
import datetime as dt
import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from staff.report.analysis import analyse
from staff.report.cli import build
from staff.report.grouping import group_similar, training_examples
from staff.report.store import ReportError, database_url, read_events, safe_url

ROOT = Path(__file__).resolve().parents[2]

FORMS = ["ris_form", "prime_form", "heating_form"]
NOW = time.time()
HOUR = 3600.0


class Store:
    """A tracker store with Rasa's `events` table; each helper writes one event."""

    def __init__(self, path: Path, table: bool = True):
        self.path = path
        self.connection = sqlite3.connect(path)
        if table:
            self.connection.execute(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)")
        self.connection.commit()

    def add(self, sender, type_name, ts, data, intent=None, action=None):
        data = {"event": type_name, "timestamp": ts, **data}
        self.connection.execute("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, "
                                "data) VALUES (?, ?, ?, ?, ?, ?)",
                                (sender, type_name, ts, intent, action, json.dumps(data)))
        self.connection.commit()
        return self

    def start(self, sender, ts):
        self.add(sender, "action", ts, {"name": "action_session_start"}, action="action_session_start")
        self.add(sender, "session_started", ts, {})
        self.add(sender, "slot", ts, {"name": "cpas_name", "value": "CPAS de La Hulpe"})
        return self.action(sender, ts, "action_listen")

    def user(self, sender, ts, text, intent, confidence=0.99, faq=None, faq_confidence=0.9):
        parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text}
        if faq:
            parse["response_selector"] = {"faq": {"response": {"intent_response_key": faq,
                                                               "confidence": faq_confidence}}}
        return self.add(sender, "user", ts, {"text": text, "parse_data": parse}, intent=intent)

    def action(self, sender, ts, name):
        return self.add(sender, "action", ts, {"name": name, "policy": "RulePolicy", "confidence": 1.0},
                        action=name)

    def bot(self, sender, ts, text, utter, **metadata):
        return self.add(sender, "bot", ts, {"text": text, "metadata": {"utter_action": utter, **metadata}})

    def loop(self, sender, ts, name):
        return self.add(sender, "active_loop", ts, {"name": name})

    def rejected(self, sender, ts, name):
        return self.add(sender, "action_execution_rejected", ts, {"name": name})

    def endpoints(self):
        path = self.path.parent / "endpoints.yml"
        path.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{self.path}"\n', encoding="utf-8")
        return path

    # Whole exchanges, as the bot writes them.
    def faq(self, sender, ts, text, key, confidence=0.95):
        self.user(sender, ts, text, "faq", 1.0, key, confidence).action(sender, ts, "utter_faq")
        return self.bot(sender, ts, "réponse", f"utter_{key}").action(sender, ts, "action_listen")

    def start_check(self, sender, ts, form, intent):
        self.user(sender, ts, "je voudrais vérifier", intent).action(sender, ts, form).loop(sender, ts, form)
        return self.bot(sender, ts, "Première question ?", f"utter_ask_{form}_x").action(sender, ts, "action_listen")

    def answer(self, sender, ts, form, text="oui", last=False):
        self.user(sender, ts, text, "affirm").action(sender, ts, form)
        if last:
            self.loop(sender, ts, None).action(sender, ts, "action_check_result")
            return self.bot(sender, ts, "Résultat", "utter_check_result_eligible").action(sender, ts, "action_listen")
        return self.bot(sender, ts, "Question suivante ?", f"utter_ask_{form}_y").action(sender, ts, "action_listen")

    def stop(self, sender, ts, form, text="stop"):
        self.user(sender, ts, text, "stop").rejected(sender, ts, form).action(sender, ts, "action_stop_check")
        self.bot(sender, ts, "D'accord, j'arrête la vérification.", "utter_check_stopped")
        return self.loop(sender, ts, None).action(sender, ts, "action_listen")


def run_report(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "report.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def report_of(store, **kwargs):
    return analyse(read_events(database_url(store.endpoints())), forms=FORMS, now=NOW, **kwargs)


# ------------------------------------------------------------------------------------------- errors
def test_missing_database_is_a_clear_error_and_is_not_created(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "absent.db"\n', encoding="utf-8")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "n'existe pas" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "absent.db").exists() and not (ROOT / "absent.db").exists()
    assert not (tmp_path / "r.html").exists()


def test_missing_events_table_is_a_clear_error(tmp_path):
    store = Store(tmp_path / "other.db", table=False)
    store.connection.execute("CREATE TABLE t (x INTEGER)")
    result = run_report("--endpoints", str(store.endpoints()), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "table « events »" in result.stderr and "Traceback" not in result.stderr


def test_a_store_that_is_not_sql_is_refused(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: redis\n  url: localhost\n", encoding="utf-8")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "type: SQL" in result.stderr


def test_bad_days_is_refused():
    result = run_report("--days", "0")
    assert result.returncode == 2 and "au moins 1" in result.stderr


# ------------------------------------------------------------------------------------------- endpoints
def test_environment_variables_are_replaced_as_rasa_does(tmp_path, monkeypatch):
    store = Store(tmp_path / "t.db")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${CPAS_REPORT_TEST_DB}\n",
                         encoding="utf-8")
    monkeypatch.setenv("CPAS_REPORT_TEST_DB", str(store.path))
    assert database_url(endpoints) == f"sqlite:///{store.path}"
    monkeypatch.delenv("CPAS_REPORT_TEST_DB")
    with pytest.raises(ReportError, match="CPAS_REPORT_TEST_DB"):
        database_url(endpoints)


def test_postgresql_url_from_the_endpoints_and_the_password_never_shown(tmp_path, monkeypatch):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.example.internal\n"
                         "  port: 5433\n  db: rasa\n  username: rasa\n  password: ${CPAS_REPORT_TEST_PW}\n",
                         encoding="utf-8")
    monkeypatch.setenv("CPAS_REPORT_TEST_PW", "s3cret-pw-4711")
    url = database_url(endpoints)
    assert url == "postgresql://rasa:s3cret-pw-4711@db.example.internal:5433/rasa"
    assert "s3cret" not in safe_url(url) and "db.example.internal:5433/rasa" in safe_url(url)
    # The host given with its port in `url`, as Rasa allows.
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 10.0.0.5:6543\n  db: bot\n",
                         encoding="utf-8")
    assert database_url(endpoints) == "postgresql://10.0.0.5:6543/bot"


def test_an_unreachable_postgresql_is_a_clear_error_without_the_password(tmp_path, monkeypatch):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]                      # nothing listens there once closed
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n"
                         f"  port: {port}\n  db: rasa\n  username: rasa\n  password: ${{CPAS_REPORT_TEST_PW}}\n",
                         encoding="utf-8")
    monkeypatch.setenv("CPAS_REPORT_TEST_PW", "s3cret-pw-4711")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "impossible" in result.stderr, result.stderr
    assert "s3cret-pw-4711" not in result.stdout + result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------------------- empty
def test_empty_store_gives_a_page_that_says_so(tmp_path):
    store = Store(tmp_path / "t.db")
    out = tmp_path / "r.html"
    result = run_report("--endpoints", str(store.endpoints()), "--out", str(out))
    page = out.read_text(encoding="utf-8")
    assert result.returncode == 0 and "aucune conversation" in result.stdout
    assert "0 conversation(s) et 0 message(s)" in page and "Aucun message manqué" in page


def test_no_events_in_range(tmp_path):
    store = Store(tmp_path / "t.db")
    old = NOW - 40 * 86400
    store.start("old-sender", old).faq("old-sender", old, "vieux message sur le RIS", "faq/ris_what", 0.2)
    out = tmp_path / "r.html"
    result = run_report("--endpoints", str(store.endpoints()), "--out", str(out), "--days", "30")
    page = out.read_text(encoding="utf-8")
    assert result.returncode == 0 and "0 conversation(s)" in page and "vieux message" not in page
    # Without --days, the same store shows it.
    result = run_report("--endpoints", str(store.endpoints()), "--out", str(out))
    assert result.returncode == 0 and "vieux message sur le RIS" in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------- counting
def test_checks_finished_stopped_left_in_progress_and_resumed(tmp_path):
    store = Store(tmp_path / "t.db")
    t = NOW - 3 * HOUR
    store.start("a", t).start_check("a", t, "heating_form", "check_heating")          # finished
    store.answer("a", t + 1, "heating_form").answer("a", t + 2, "heating_form", last=True)
    store.start("b", t).start_check("b", t, "ris_form", "check_ris")                  # stopped with "arrête"
    store.answer("b", t + 1, "ris_form").stop("b", t + 2, "ris_form", "arrête")
    store.start("c", t).start_check("c", t, "ris_form", "check_ris")                  # stopped, resumed, finished
    store.stop("c", t + 1, "ris_form").start_check("c", t + 2, "ris_form", "check_ris")
    store.answer("c", t + 3, "ris_form", last=True)
    store.start("d", t).start_check("d", t, "prime_form", "check_prime")              # left: session expired
    store.answer("d", t + 1, "prime_form")
    store.start("e", NOW - 60).start_check("e", NOW - 60, "prime_form", "check_prime")  # in progress
    store.start("f", t).start_check("f", t, "prime_form", "check_prime")              # another check took over
    store.start_check("f", t + 1, "heating_form", "check_heating")
    report = report_of(store)
    heating, ris, prime = (report.checks[f] for f in ("heating_form", "ris_form", "prime_form"))
    # f's heating check is still waiting, but f's conversation is 3 hours old: left as well.
    assert (heating.started, heating.finished, heating.left, heating.in_progress) == (2, 1, 1, 0)
    assert (ris.started, ris.finished, ris.stopped, ris.left) == (2, 1, 1, 0)
    assert (prime.started, prime.finished, prime.stopped, prime.left, prime.in_progress) == (3, 0, 0, 2, 1)
    for counts in report.checks.values():
        assert counts.started == counts.finished + counts.abandoned + counts.in_progress
    # Answers read by a form are not topics; "arrête" and the check questions are.
    assert report.topics["stop"] == 2 and report.topics["check_ris"] == 3 and "affirm" not in report.topics
    assert report.form_answers == 5


def test_a_new_session_ends_the_check_of_the_previous_one(tmp_path):
    store = Store(tmp_path / "t.db")
    store.start("g", NOW - 120).start_check("g", NOW - 120, "prime_form", "check_prime")
    store.add("g", "restart", NOW - 60, {})                 # a fresh start: the form is no longer active
    store.start("g", NOW - 60).faq("g", NOW - 60, "montant du RIS", "faq/ris_amounts")
    prime = report_of(store).checks["prime_form"]
    assert (prime.started, prime.left, prime.in_progress) == (1, 1, 0)


def test_sessions_are_conversations_and_days_are_counted(tmp_path):
    store = Store(tmp_path / "t.db")
    yesterday = NOW - 86400
    store.start("same", yesterday).faq("same", yesterday, "montant du RIS ?", "faq/ris_amounts")
    store.start("same", NOW - 10).faq("same", NOW - 10, "et la prime ?", "faq/prime_installation")
    store.start("other", NOW - 5).faq("other", NOW - 5, "c'est quoi le CPAS ?", "faq/cpas_what")
    store.start("opened-only", NOW - 5)                     # a session without any message: not counted
    report = report_of(store)
    assert report.conversations == 3 and report.turns == 3

    def local(ts: float) -> dt.date:
        return dt.datetime.fromtimestamp(ts).date()

    assert report.days[local(NOW - 5)].conversations == (2 if local(NOW - 10) == local(NOW - 5) else 1)
    assert sum(d.conversations for d in report.days.values()) == 3
    assert report.days[local(yesterday)].turns == 1


def test_missed_fallbacks_low_confidence_and_what_is_not_missed(tmp_path):
    store = Store(tmp_path / "t.db")
    t = NOW - 100
    store.start("s", t)
    store.user("s", t, "azerty uiop", "nlu_fallback", 0.3).action("s", t, "action_fallback")
    store.bot("s", t, "Je ne suis pas sûr d'avoir compris.", "utter_default").action("s", t, "action_listen")
    store.faq("s", t, "le cpas paie le vétérinaire ?", "faq/time_limits", confidence=0.13)   # low, FAQ answer
    store.user("s", t, "quel temps demain", "out_of_scope", 0.35).action("s", t, "utter_out_of_scope")
    store.user("s", t, "bonjour", "greet", 0.41).action("s", t, "action_default_fallback")  # core fallback
    store.faq("s", t, "montant du RIS", "faq/ris_amounts", confidence=0.97)                 # understood
    store.user("s", t, "/check_ris", "check_ris", 1.0).action("s", t, "ris_form").loop("s", t, "ris_form")
    store.user("s", t, "euh 1200 peut-être", "inform", 0.2).action("s", t, "ris_form")      # a form answer
    store.bot("s", t, "Écrivez un montant, par exemple 800.", "utter_reask_amount")
    report = report_of(store)
    missed = {t.text: t.reason for t in report.missed}
    assert missed == {"azerty uiop": "fallback", "le cpas paie le vétérinaire ?": "low",
                      "quel temps demain": "low", "bonjour": "fallback"}
    assert report.checks["ris_form"].reasked == 1
    assert len(analyse(read_events(database_url(store.endpoints())), forms=FORMS, now=NOW,
                       threshold=0.3).missed) == 3          # the threshold is an option


def test_site_warnings_per_site(tmp_path):
    store = Store(tmp_path / "t.db")
    t = NOW - 100
    for sender, site in (("a", "cpas-info.be"), ("b", "cpas-info.be"), ("c", "ocmw-hulp.be")):
        store.start(sender, t).user(sender, t, f"j'ai vu {site}", "mention_unofficial_site", 1.0)
        store.action(sender, t, "action_warn_unofficial_site")
        store.bot(sender, t, f"Attention : {site} n'est pas un site officiel.", "utter_unofficial_site_warning",
                  site=site)
    store.start("d", t).user("d", t, "le site mi-is.be", "mention_unofficial_site", 1.0)
    store.action("d", t, "action_warn_unofficial_site").bot("d", t, "source officielle", "utter_official_site_ok",
                                                           site="mi-is.be")
    report = report_of(store)
    assert dict(report.site_warnings) == {"cpas-info.be": 2, "ocmw-hulp.be": 1}
    assert report.site_actions_without_warning == 1


def danger(store, sender, ts, text, *utters, form=None):
    """A message answered "danger first" (action_danger_first), with its urgent answers."""
    store.user(sender, ts, text, "crisis", 1.0)
    if form:
        store.rejected(sender, ts, form)
    store.action(sender, ts, "action_danger_first")
    for utter in utters:
        store.bot(sender, ts, "numéros d'urgence", utter)
    if form:
        store.action(sender, ts, form)
    return store.action(sender, ts, "action_listen")


def test_danger_answers_are_counted_per_day_and_kind(tmp_path):
    store = Store(tmp_path / "t.db")
    today, yesterday = NOW - 100, NOW - 100 - 24 * HOUR
    store.start("a", yesterday)
    danger(store, "a", yesterday, "je veux mourir, et le RIS ?", "utter_danger_suicide", "utter_faq/ris_amounts")
    store.start("b", today)
    danger(store, "b", today, "il me frappe et on dort dehors", "utter_danger_violence", "utter_danger_homeless_cpas")
    store.start_check("c", today, "ris_form", "check_ris")
    danger(store, "c", today, "j'ai rien mangé depuis hier", "utter_danger_hunger", form="ris_form")
    store.start("d", today)
    danger(store, "d", today, "urgence", "utter_danger_generic", "utter_danger_then_check")
    store.start("e", today).user("e", today, "je suis à la rue", "crisis", 0.9).action("e", today, "utter_crisis")
    store.bot("e", today, "Votre sécurité passe d'abord.", "utter_crisis").action("e", today, "action_listen")
    report = report_of(store)
    day = dt.datetime.fromtimestamp(today).date()
    before = dt.datetime.fromtimestamp(yesterday).date()
    assert report.danger_messages == {before: 1, day: 4}
    assert report.danger_answers[before] == {"suicide": 1}
    assert report.danger_answers[day] == {"violence": 1, "homeless": 1, "hunger": 1, "generic": 2}
    page, _ = build(store.endpoints(), 7)
    section = page.split('id="urgences"')[1].split("<h2")[0]
    assert "Nuit dehors" in section and "Suicide" in section
    assert "je veux mourir" not in section and "frappe" not in section    # no message text in this section
    assert re.search(r"Total</th><td class=\"n\">5</td>", section)
    assert "5 message(s) ont reçu d'abord des numéros d'urgence" in page


def test_no_danger_answer_says_so(tmp_path):
    store = Store(tmp_path / "t.db")
    store.start("a", NOW - 100).faq("a", NOW - 100, "montant du RIS", "faq/ris_amounts")
    page, report = build(store.endpoints(), 7)
    assert not report.danger_messages and "Aucune réponse d'urgence sur la période." in page


# ------------------------------------------------------------------------------------------- page
def test_page_escapes_messages_and_never_shows_a_sender(tmp_path):
    store = Store(tmp_path / "t.db")
    t = NOW - 100
    sender = "sender-secret-7731"
    store.start(sender, t).user(sender, t, '<script>alert(1)</script><img src="https://evil.example/x">',
                                "nlu_fallback", 0.3)
    store.action(sender, t, "action_fallback")
    page, report = build(store.endpoints(), 30)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=&quot;https://evil.example/x&quot;&gt;" in page
    assert sender not in page and "7731" not in page
    assert report.turns == 1


def test_page_structure_is_accessible(tmp_path):
    store = Store(tmp_path / "t.db")
    store.start("a", NOW - 100).faq("a", NOW - 100, "montant du RIS", "faq/ris_amounts")
    page, _ = build(store.endpoints(), 7)
    assert '<html lang="fr">' in page and page.count("<h1>") == 1 and page.count("<h2") >= 6
    tables = re.findall(r"<table[^>]*>(<caption>)?", page)
    assert len(tables) >= 3 and all(tables), "every table starts with its caption"
    assert page.count('<th scope="col"') >= 8
    assert re.search(r'<svg role="img" aria-labelledby="chart-title chart-desc"', page)
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', page).group(1)
    assert "1 conversation(s) et 1 message(s)" in desc
    # --days 7: one row per day of the period, with zeros for the days without conversation.
    rows = re.findall(r"<tr><td>(\d\d/\d\d/\d{4})</td>", page)
    assert len(rows) == 8 and rows[-1] == dt.date.today().strftime("%d/%m/%Y")


# ------------------------------------------------------------------------------------------- grouping
def test_similar_messages_are_grouped_and_different_ones_are_not():
    background = training_examples()
    assert len(background) > 1000                       # the examples of data/nlu/ weigh the common words
    groups = group_similar([
        "le cpas paie-t-il le vétérinaire de mon chien ?", "est-ce que le cpas paie le vétérinaire pour mon chien ?",
        "le cpas paie-t-il les obsèques ?", "est-ce que le cpas paie les obsèques ?",
        "est-ce que le cpas paie le permis de conduire ?", "azerty uiop", "azerty uiop",
    ], background=background)
    texts = [sorted(text for text, _ in g.examples) for g in groups]
    assert [g.count for g in groups] == [2, 2, 2, 1]
    assert ["azerty uiop"] in texts                        # counted twice, one distinct text
    assert any(all("vétérinaire" in t for t in group) and len(group) == 2 for group in texts)
    assert any(all("obsèques" in t for t in group) and len(group) == 2 for group in texts)
    assert ["est-ce que le cpas paie le permis de conduire ?"] in texts


def test_grouping_threshold_is_an_option():
    texts = ["le cpas paie-t-il les obsèques ?", "est-ce que le cpas paie les obsèques ?"]
    assert len(group_similar(texts, threshold=0.3)) == 1
    assert len(group_similar(texts, threshold=0.99)) == 2
