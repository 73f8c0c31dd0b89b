"""The staff report on a tracker store filled through the REST channel by the trained bot."""
import datetime as dt
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cpas_rasa.staff_report import Event, analyse, group_similar
from server_harness import BotServers, Conversation

ROOT = Path(__file__).resolve().parents[2]
SENDERS = ["report-faq-7f3a", "report-missed-9c1b", "report-check-done-2d4e", "report-check-stop-5a6f",
           "report-site-8b0c"]


def run_report(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "report.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def filled_store(model_path, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("report")
    servers = BotServers(workdir, model_path)
    try:
        servers.start_actions()
        servers.start_rasa()
        faq = Conversation(servers, SENDERS[0])
        faq.say("bonjour")
        faq.say("c'est quoi la prime d'installation ?")
        missed = Conversation(servers, SENDERS[1])
        missed.say("xkcd blorp zzz")
        missed.say("blorp zzz xkcd")
        done = Conversation(servers, SENDERS[2])
        done.say("je voudrais vérifier si j'ai droit à l'allocation de chauffage")
        done.say("au gaz naturel de ville")          # the check ends: not eligible
        stop = Conversation(servers, SENDERS[3])
        stop.say("Est-ce que j'ai droit au revenu d'intégration ?")
        stop.say("oui")
        stop.say("stop")
        site = Conversation(servers, SENDERS[4])
        site.say("j'ai vu sur cpas-info.be que je pouvais avoir une aide")
    finally:
        servers.stop()
    endpoints = workdir / "endpoints.yml"   # written by BotServers: the SQLite tracker store it used
    out = workdir / "report.html"
    result = run_report("--endpoints", str(endpoints), "--out", str(out), "--days", "30")
    assert result.returncode == 0, result.stderr
    return servers.tracker_db, out.read_text(encoding="utf-8")




def cell_after(page, label):
    """The numbers of the table row whose first cell is `label`."""
    row = re.search(r"<tr><td>" + re.escape(label) + r"</td>(.*?)</tr>", page)
    assert row, f"no row {label!r}"
    return [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row.group(1))]


@pytest.mark.model
@pytest.mark.server
def test_report_counts_days_topics_checks_missed_and_sites(filled_store):
    _, page = filled_store
    today = dt.date.today().strftime("%d/%m/%Y")
    assert cell_after(page, today) == [5, 10]          # 5 conversations, 10 messages today
    assert cell_after(page, "faq/prime_installation") == [1]
    assert cell_after(page, "heating_form") == [1, 1, 0, 0]
    assert cell_after(page, "ris_form") == [1, 0, 1, 0]
    assert cell_after(page, "cpas-info.be") == [1]
    # The two nearly identical missed messages are one group counted twice.
    group = re.search(r'<tr><td class="n">(\d+)</td><td><ul class="ex"><li>(xkcd blorp|blorp zzz)', page)
    assert group and group.group(1) == "2"


@pytest.mark.model
@pytest.mark.server
def test_report_never_shows_a_sender_and_is_self_contained(filled_store):
    db, page = filled_store
    with sqlite3.connect(db) as connection:
        senders = {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}
    assert set(SENDERS) <= senders
    for sender in senders:
        assert sender not in page
    assert not re.search(r"<(script|link|img|iframe)\b", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert page.index("make train") < page.index("<h1>")   # the how-to line opens the page


def test_messages_are_escaped():
    events = [Event("s", "user", 1_795_000_000, "nlu_fallback", None,
                    {"text": "<script>alert(1)</script>", "parse_data": {"intent": {"name": "nlu_fallback",
                                                                                    "confidence": 0.2}}})]
    report = analyse(events, forms=[])
    from cpas_rasa.staff_report import render

    page = render(report, group_similar([t.text for t in report.missed]), generated=dt.datetime(2026, 11, 22),
                  period="test", threshold=0.5)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_low_confidence_faq_answer_counts_as_missed():
    parse = {"intent": {"name": "faq", "confidence": 0.9},
             "response_selector": {"faq": {"response": {"intent_response_key": "faq/appeal", "confidence": 0.3}}}}
    report = analyse([Event("s", "user", 1_795_000_000, "faq", None, {"text": "hmm le truc", "parse_data": parse})],
                     forms=[])
    assert [t.topic for t in report.missed] == ["faq/appeal"]


def test_similar_messages_are_grouped_and_different_ones_are_not():
    groups = group_similar(["c'est quoi le bidule du cpas", "c est quoi le bidule du CPAS ?",
                            "mon chien a mangé mes papiers", "c'est quoi le bidule du cpas"])
    assert groups[0][0] == 3 and len(groups) == 2


def test_no_database_is_a_clear_error(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "absent.db"\n', encoding="utf-8")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "n'existe pas" in result.stderr


def test_database_without_events_table_is_a_clear_error(tmp_path):
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x INTEGER)").connection.commit()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "other.db"\n', encoding="utf-8")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "events" in result.stderr


def test_empty_period_gives_a_page_that_says_so(tmp_path):
    db = tmp_path / "t.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name "
                           "VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), "
                           "data TEXT)")
        connection.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                           "('old', 'user', 1000, '{\"text\": \"vieux message\"}')")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{db}"\n', encoding="utf-8")
    result = run_report("--endpoints", str(endpoints), "--out", str(tmp_path / "r.html"), "--days", "30")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert result.returncode == 0 and "0 conversation(s)" in page and "vieux message" not in page
