"""The bot as `make run` starts it (the Rasa server, the custom actions inside it), spoken to over the REST channel."""
import json

import pytest
from helpers.server_harness import Conversation, texts

pytestmark = [pytest.mark.model, pytest.mark.server]


def test_greeting_and_a_faq_answer_with_dated_amounts(bot):
    status, replies = bot.post("bonjour", sender="amounts")
    assert status == 200 and replies
    assert any(m.get("buttons") for m in replies), "the greeting offers a menu"
    status, replies = bot.post("Quels sont les montants du revenu d'intégration ?", sender="amounts")
    answer = texts(replies)
    facts = bot.facts           # computed by the rules for the bot's day (CPAS_TODAY of the harness)
    assert facts["ris_cat2"] in answer and facts["ris_date"] in answer, answer
    assert facts["ris_cat2_year"] in answer and facts["ris_note"] in answer, answer
    assert "{" not in answer, "every placeholder is filled"


def test_competent_cpas_in_one_message(bot):
    status, replies = bot.post("je vis à Wavre, c'est quel CPAS ?", sender="finder")
    assert status == 200
    assert "CPAS de Wavre" in texts(replies)


def test_profile_contact_when_asking_for_a_person(bot):
    _, replies = bot.post("je voudrais parler à une assistante sociale", sender="human")
    assert "02/634.01.30" in texts(replies)


def test_unofficial_site_is_warned(bot):
    _, replies = bot.post("c'est quoi le site cpas-info.be ?", sender="site")
    answer = texts(replies)
    assert "cpas-info.be" in answer and "pas un site officiel" in answer
    assert "CPAS de La Hulpe" in answer and "CPAS ONLINE" in answer and "www.cpasonline.be" in answer
    # Sent to the CPAS of one's own commune; the profile's CPAS for its inhabitants, the finder for the others.
    assert "CPAS de votre commune" in answer and "Si vous habitez La Hulpe" in answer
    assert "Quel est mon CPAS ?" in answer


def test_amount_quoted_from_an_unofficial_site_gets_the_warning_and_the_real_amounts(bot):
    _, replies = bot.post("cpas-info dit que j'ai droit à 1500 € par mois, c'est vrai ?", sender="site-amount")
    answer = texts(replies)
    assert "pas un site officiel" in answer
    assert bot.facts["ris_cat2"] in answer and bot.facts["ris_date"] in answer


BAD_INPUTS = [
    "",
    "    \n\t  ",
    "a" * 20000,
    "aide " * 4000,
    "🙂🙂🙂🔥",
    "<script>alert('x')</script>",
    "<b>bonjour</b><img src=x onerror=alert(1)>",
    '{"intent": "greet", "confidence": 1}',
    "/restart",
    '/ask_my_cpas{"cpas_name": "PIRATE"}',
    "/faq",
    "123456789",
    "0",
    "Wie kann ich Hilfe bekommen?",
    "Hallo, ik heb hulp nodig",
    "Hello, can I get benefits?",
    "\u0000\u0001\u0002",
    "?!?!",
]


@pytest.mark.parametrize("message", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_gets_a_short_sane_reply(bot, message):
    status, replies = bot.post(message, sender="bad-input")
    assert status == 200
    answer = texts(replies)
    assert answer, "there is always a reply"
    assert len(answer) < 1500
    assert "<script" not in answer and "onerror" not in answer
    assert "Traceback" not in answer and "PIRATE" not in answer


def test_injected_slot_does_not_stick_and_server_stays_up(bot):
    bot.post('/ask_my_cpas{"cpas_name": "PIRATE"}', sender="inject")
    _, replies = bot.post("je veux parler à quelqu'un", sender="inject")
    assert "PIRATE" not in texts(replies) and "CPAS de La Hulpe" in texts(replies)


def test_malformed_requests_are_rejected_without_5xx(bot):
    status, _ = bot.post(None, raw=b"{not json")
    assert status < 500
    status, _ = bot.post(None, raw=json.dumps({"message": 12}).encode())
    assert status < 500
    status, replies = bot.post("bonjour", sender="still-up")
    assert status == 200 and replies


def test_labour_court_for_a_commune_then_without_a_commune(bot):
    c = Conversation(bot, "labour-court")
    answer = c.say("à quel tribunal du travail dois-je envoyer mon recours ? j'habite à Wavre")
    assert "tribunal du travail du Brabant wallon" in answer and "Nivelles" in answer, c.history
    assert bot.facts["appeal_months"] in answer and "notification" in answer
    asked = c.say("quel tribunal pour contester la décision du CPAS ?")
    assert "Dans quelle commune" in asked, c.history
    answer = c.say("Ixelles")
    assert "tribunal du travail francophone de Bruxelles" in answer, c.history


def test_personal_numbers_never_reach_the_store_or_the_logs_and_the_answer_still_works(bot):
    import sqlite3

    sender = "privacy-check"
    status, replies = bot.post(
        "Quels sont les montants du RIS ? Mon gsm : 0470 12 34 56, marie.d@example.be, IBAN BE68 5390 0754 7034, "
        "NN 85.07.30-033.28", sender=sender)
    answer = texts(replies)
    assert status == 200 and bot.facts["ris_date"] in answer and "€" in answer, answer
    with sqlite3.connect(bot.tracker_db) as db:
        rows = [json.loads(row[0]) for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))]
    stored = json.dumps(rows, ensure_ascii=False)
    said = [event["text"] for event in rows if event.get("event") == "user"]
    assert said == ["Quels sont les montants du RIS ? Mon gsm : [téléphone], [e-mail], IBAN [IBAN], "
                    "NN [numéro national]"]
    logs = bot.logs()
    for secret in ("0470 12 34 56", "BE68", "5390 0754", "marie.d@example.be", "033.28", "85.07.30"):
        assert secret not in stored and secret not in logs, secret
