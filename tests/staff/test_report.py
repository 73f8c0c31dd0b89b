"""The staff report on a tracker store filled through the REST channel by the trained bot and its actions.

Several people talk to the bot (a FAQ question, gibberish, two similar questions it cannot answer, a guided
check finished, one stopped with "arrête", one left open, an unofficial site), then `scripts/report.py`
reads the SQLite store the Rasa server wrote, and the page must show those numbers and groups, and nothing
that identifies a sender.
"""
import datetime as dt
import html
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.server_harness import BotServers, Conversation

pytestmark = [pytest.mark.model, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
SENDERS = {
    "faq": "rpt-faq-7f3a91", "fallback": "rpt-fallback-9c1b44", "vet1": "rpt-vet-one-2d4e17",
    "vet2": "rpt-vet-two-6e0a28", "done": "rpt-check-done-5a6f03", "stop": "rpt-check-stop-8b0c52",
    "open": "rpt-check-open-3c9d61", "site": "rpt-site-1e2f70",
}
VET_1 = "le cpas paie-t-il le vétérinaire de mon chien ?"
VET_2 = "est-ce que le cpas paie le vétérinaire pour mon chien ?"
GIBBERISH = "qsdkjf mlkqsjd pouet"


def run_report(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "report.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def store(model_path, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("report")
    servers = BotServers(workdir, model_path)
    try:
        servers.start_actions()
        servers.start_rasa()
        c = Conversation(servers, SENDERS["faq"])
        c.say("bonjour")
        assert "prime d'installation" in c.say("c'est quoi la prime d'installation ?").lower()
        c = Conversation(servers, SENDERS["fallback"])
        assert "pas sûr d'avoir compris" in c.say(GIBBERISH), "the model no longer falls back on gibberish"
        Conversation(servers, SENDERS["vet1"]).say(VET_1)
        Conversation(servers, SENDERS["vet2"]).say(VET_2)
        c = Conversation(servers, SENDERS["done"])
        c.say("je voudrais vérifier si j'ai droit à l'allocation de chauffage")
        assert "Résultat" in c.say("au gaz naturel de ville"), c.history
        c = Conversation(servers, SENDERS["stop"])
        c.say("Est-ce que j'ai droit au revenu d'intégration ?")
        c.say("oui")
        assert "j'arrête la vérification" in c.say("arrête"), c.history
        c = Conversation(servers, SENDERS["open"])
        c.say("Est-ce que j'ai droit à la prime d'installation ?")
        assert "résidence principale" in c.say("oui"), c.history       # second question, then nothing
        c = Conversation(servers, SENDERS["site"])
        assert "cpas-info.be n'est pas un site officiel" in c.say("j'ai vu cpas-info.be")
    finally:
        servers.stop()
    endpoints = workdir / "endpoints.yml"         # written by BotServers: the SQLite store the server used
    out = workdir / "report.html"
    result = run_report("--endpoints", str(endpoints), "--out", str(out), "--days", "30")
    assert result.returncode == 0, result.stderr
    assert "8 conversation(s)" in result.stdout, result.stdout
    return {"db": servers.tracker_db, "endpoints": endpoints, "page": out.read_text(encoding="utf-8")}


def row(page, first_cell):
    """The numbers of the table row whose first cell starts with `first_cell`."""
    cell = re.escape(html.escape(first_cell)) + r"[^<]*(?:<span[^>]*>[^<]*</span>)?"
    found = re.search(r"<tr><td>" + cell + r"</td>(.*?)</tr>", page)
    assert found, f"no row {first_cell!r}"
    return [int(n) for n in re.findall(r'<td class="n">(\d+)', found.group(1))]


def missed_groups(page):
    """[(count, [messages], what the bot did)] of the missed-messages table."""
    table = page[page.index("Messages manqués, regroupés"):]
    table = table[:table.index("</table>")]
    groups = []
    for count, items, did in re.findall(r'<tr><td class="n">(\d+)</td><td><ul class="ex">(.*?)</ul></td>'
                                        r"<td>(.*?)</td></tr>", table):
        messages = [re.sub(r"\s*<span.*", "", m) for m in re.findall(r"<li>(.*?)</li>", items)]
        groups.append((int(count), messages, did))
    return groups


def test_days_and_topics(store):
    page = store["page"]
    today = dt.date.today().strftime("%d/%m/%Y")
    # 8 people, 13 messages: 2 + 1 + 1 + 1 + 2 + 3 + 2 + 1.
    assert row(page, today) == [8, 13]
    assert "<li>8 conversation(s) et 13 message(s) des personnes.</li>" in page
    assert row(page, "faq/prime_installation")[0] == 1
    assert row(page, "greet")[0] == 1
    assert row(page, "nlu_fallback")[0] == 1
    assert row(page, "mention_unofficial_site")[0] == 1
    assert row(page, "stop")[0] == 1                          # "arrête" interrupted the check
    # The answers read by a check ("au gaz naturel de ville", "oui", "oui") are not topics.
    assert "En plus, 3 message(s) étaient des réponses aux questions" in page


def test_guided_checks(store):
    page = store["page"]
    # started, finished, abandoned, stopped, left, in progress, re-asked
    assert row(page, "Allocation de chauffage") == [1, 1, 0, 0, 0, 0, 0]
    assert row(page, "Revenu d'intégration") == [1, 0, 1, 1, 0, 0, 0]
    assert row(page, "Prime d'installation") == [1, 0, 0, 0, 0, 1, 0]  # still waiting: not expired yet
    assert row(page, "Aide médicale urgente") == [0, 0, 0, 0, 0, 0, 0]


def test_an_open_check_counts_as_left_once_the_conversation_expired(store):
    sys.path.insert(0, str(ROOT))
    from staff.report.cli import build

    later = dt.datetime.now().astimezone() + dt.timedelta(hours=2)    # sessions expire after 60 minutes
    page, report = build(store["endpoints"], 30, now=later)
    assert row(page, "Prime d'installation") == [1, 0, 1, 0, 1, 0, 0]
    assert report.checks["prime_form"].left == 1


def test_missed_messages_are_grouped(store):
    groups = missed_groups(store["page"])
    vet = [g for g in groups if any("vétérinaire" in m for m in g[1])]
    assert len(vet) == 1, groups                             # the two similar questions: one group of 2
    count, messages, did = vet[0]
    assert count == 2 and sorted(messages) == sorted([VET_1, VET_2])
    assert "réponse peu sûre" in did
    gibberish = [g for g in groups if GIBBERISH in g[1]]
    assert gibberish and gibberish[0][0] == 1 and "je n'ai pas compris" in gibberish[0][2]
    # Nothing else was missed: the FAQ question, the checks and the site were understood.
    assert sum(g[0] for g in groups) == 3, groups


def test_site_warnings(store):
    assert row(store["page"], "cpas-info.be") == [1]


def test_no_sender_id_and_nothing_external(store):
    page = store["page"]
    with sqlite3.connect(store["db"]) as connection:
        senders = {r[0] for r in connection.execute("SELECT DISTINCT sender_id FROM events")}
    assert set(SENDERS.values()) <= senders
    for sender in senders:
        assert sender not in page
        assert sender.split("-")[-1] not in page            # not even the random part
    for tag in re.findall(r"<(?:link|script|img|iframe|object|embed)\b[^>]*>", page, re.I):
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//|data:)""", tag, re.I), tag
    assert not re.search(r"<script\b", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    # The how-to sentence opens the page.
    first = re.search(r"<main>\s*<p[^>]*>(.*?)</p>", page, re.S).group(1)
    assert "data/nlu/" in first and "make train" in first and "make shell" in first and "docs/staff.md" in first
