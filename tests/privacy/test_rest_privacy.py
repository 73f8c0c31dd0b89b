"""The real bot over REST: a question that carries a phone number and an IBAN gets its real answer, and
neither number reaches the tracker store (SQLite, events.data JSON) nor the logs of the Rasa server and of
the action server, both at DEBUG level (where Rasa logs every message it receives). With no channel variable
set, the messaging channels are off on the real server."""
import json
import re
import sqlite3
import urllib.request

import pytest
from helpers.server_harness import texts

pytestmark = [pytest.mark.model, pytest.mark.server]

MESSAGES = {   # sent -> stored
    "je m'appelle Marie, mon numéro est 0470 12 34 56, quel est le montant du revenu d'intégration ?":
        "je m'appelle Marie, mon numéro est [téléphone], quel est le montant du revenu d'intégration ?",
    "Bonjour, je m'appelle Marie, tél 0470 12 34 56, compte BE68 5390 0754 7034. Quel est le montant du "
    "revenu d'intégration ?":
        "Bonjour, je m'appelle Marie, tél [téléphone], compte [IBAN]. Quel est le montant du revenu d'intégration ?",
}
TRACES = ["0470 12 34 56", "0470123456", "470 12 34 56", "12 34 56", "BE68", "5390 0754 7034", "539007547034"]
AMOUNT = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d{2} €")
DATE = re.compile(r"\b(?:1er|\d{1,2}) (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                  r"novembre|décembre) 20\d\d\b")


def test_a_question_with_a_phone_number_and_an_iban_gets_its_answer_and_leaves_no_trace(debug_bot):
    sender = "privacy-rest-marie"
    for message in MESSAGES:
        status, replies = debug_bot.post(message, sender=sender)
        answer = texts(replies)
        assert status == 200
        assert AMOUNT.search(answer) and DATE.search(answer), answer           # the amount, with its date
        # ... the one of the bot's day (tests/helpers/server_harness.py), computed by the rules.
        assert debug_bot.facts["ris_cat2"] in answer and debug_bot.facts["ris_date"] in answer, answer
        assert "catégorie" in answer, answer                                   # the RIS amounts answer

    with sqlite3.connect(debug_bot.tracker_db) as db:
        rows = [json.loads(row[0]) for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))]
    db.close()
    assert [e["text"] for e in rows if e.get("event") == "user"] == list(MESSAGES.values())
    stored = json.dumps(rows, ensure_ascii=False)
    content = debug_bot.tracker_db.read_bytes().decode("utf-8", "replace")
    logs = debug_bot.logs()
    # The messages were logged (DEBUG; Rasa's structured logs escape accents as \\u00e9), masked.
    assert "mon num\\u00e9ro est [t\\u00e9l\\u00e9phone]" in logs and "compte [IBAN]" in logs
    for trace in TRACES:
        assert trace not in stored and trace not in content, trace
        assert trace not in logs, trace


def test_the_messaging_channels_are_off_on_the_real_server(debug_bot):
    logs = debug_bot.logs()
    for name in ("telegram", "facebook", "twilio"):
        assert f"Channel {name} is off" in logs
        request = urllib.request.Request(f"{debug_bot.url}/webhooks/{name}/webhook", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=10)
        assert error.value.code == 404
