"""Losing unemployment benefits (the 2026 reform), asked over the REST channel of the running bot."""
import re

import pytest
from helpers.server_harness import Conversation

pytestmark = [pytest.mark.model, pytest.mark.server]


def _filled(answer: str) -> str:
    assert answer and "{" not in answer, f"every placeholder is filled: {answer}"
    return answer


def test_the_question_of_issue_14_gets_when_where_how_what_and_the_caveats(bot):
    c = Conversation(bot, "unemployment-main")
    answer = _filled(c.say("je perds mes allocations de chômage en mars avec la nouvelle loi, je fais quoi ?"))
    assert re.search(r"à partir du jour où votre allocation s'arrête, pas avant", answer), answer
    assert "CPAS de la commune où vous vivez" in answer
    assert "lettre de l'ONEM" in answer and "www.cpasonline.be" in answer
    assert re.search(r"n'est pas automatique", answer) and "30 jours" in answer
    assert "mutuelle" in answer and "1er janvier 2026" in answer
    assert "mi-is.be" not in answer


def test_who_and_when_names_the_waves_and_the_limits(bot):
    c = Conversation(bot, "unemployment-waves")
    answer = _filled(c.say("Qui perd ses allocations de chômage et à quelle date ?"))
    for fact in ("24 mois", "12 mois", "1er janvier 2026", "1er mars 2026", "1er avril 2026", "juillet 2026",
                 "date anniversaire", "20 ans", "8 ans"):
        assert fact in answer, (fact, answer)
    assert re.search(r"syndicat.*CAPAC.*ONEM", answer), answer


def test_documents_and_the_ris_that_is_not_automatic(bot):
    c = Conversation(bot, "unemployment-ris")
    answer = _filled(c.say("qu'est ce que je dois apporter au cpas quand on me coupe le chomage ?"))
    assert "lettre de l'ONEM" in answer and "bail" in answer
    assert re.search(r"FOREM, Actiris, VDAB ou ADG", answer), answer
    question = "quand on perd son chomage, on a directement droit au revenu d'integration ?"
    status, replies = bot.post(question, sender="unemployment-ris")
    assert status == 200
    answer = " ".join(m.get("text") or "" for m in replies)
    if "Vous parlez de" in answer:   # the bot asked back: the answer must be one of its buttons, and clicking works
        payloads = [b["payload"] for m in replies for b in m.get("buttons") or []]
        chosen = [p for p in payloads if "unemployment_ris_not_automatic" in p]
        assert chosen, payloads
        answer = c.say(chosen[0])
    answer = _filled(answer)
    assert "pas automatique" in answer and "1er mars 2026" in answer and "au cas par cas" in answer
    assert "partiel" in answer and "30 jours" in answer


def test_health_insurance_and_the_follow_ups(bot):
    c = Conversation(bot, "unemployment-followups")
    answer = _filled(c.say("je n'ai plus de chomage, ma mutuelle continue de me rembourser ?"))
    assert "mutuelle" in answer and re.search(r"syndicat.*CAPAC.*ONEM", answer), answer
    answer = _filled(c.say("Je perds mon chômage et je travaille à mi-temps, le CPAS peut compléter ?"))
    assert "partiel" in answer and re.search(r"[Dd]éclarez tout votre salaire", answer), answer
    answer = _filled(c.say("Je perds mon chômage et je vis chez mes parents, le CPAS compte leurs revenus ?"))
    assert "1er mars 2026" in answer and "au cas par cas" in answer
    answer = _filled(c.say("Je perds mon chômage mais je suis malade, je vais au CPAS ?"))
    assert "pas d'abord le CPAS" in answer and "mutuelle" in answer


def test_the_button_starts_the_ris_check(bot):
    status, replies = bot.post("Je perds mon chômage et mon conjoint travaille, j'ai droit au CPAS ?",
                               sender="unemployment-check")
    buttons = [b for m in replies for b in m.get("buttons") or []]
    check = next(b for b in buttons if b["title"] == "Vérifier mon droit au RIS")
    answer = Conversation(bot, "unemployment-check").say(check["payload"])
    assert "Vérifions ensemble" in answer and "vivez-vous habituellement en Belgique" in answer, answer
