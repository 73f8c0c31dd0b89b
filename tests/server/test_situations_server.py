"""Situations described instead of a question, against the trained model over REST (action_orient)."""
import re

import pytest
from helpers.server_harness import Conversation

pytestmark = [pytest.mark.model, pytest.mark.server]

ABROAD = "étranger"  # the answer on going abroad (faq/abroad) says "à l'étranger"


def test_single_mother_gets_ris_alimony_help_and_the_check_button(bot):
    status, replies = bot.post(
        "je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien",
        sender="situation-mother")
    assert status == 200
    answer = " ".join(m.get("text") or "" for m in replies)
    assert ABROAD not in answer, answer
    assert "revenu d'intégration" in answer and "famille à charge" in answer, answer
    assert re.search(r"1 776,07 €|\d[\d ]*,\d\d €", answer) and "1er février 2025" in answer, answer
    assert "SECAL" in answer and "pension alimentaire" in answer, answer
    assert "CPAS de La Hulpe" in answer, answer
    assert "{" not in answer, "every placeholder is filled"
    payloads = [b["payload"] for m in replies for b in m.get("buttons") or []]
    assert "/check_ris" in payloads, payloads


def test_the_check_button_starts_the_ris_check(bot):
    c = Conversation(bot, "situation-check")
    c.say("papa seul avec deux enfants, plus de travail depuis mars et aucun revenu")
    asked = c.say("/check_ris")
    assert "vivez-vous habituellement en Belgique" in asked, c.history


def test_eviction_gets_housing_help_and_the_cpas(bot):
    c = Conversation(bot, "situation-eviction")
    answer = c.say("mon propriétaire m'a envoyé une lettre d'expulsion pour des loyers en retard, "
                   "je vis avec mes deux filles et je ne sais pas où aller")
    assert "expulsion" in answer and "juge" in answer and "arriérés de loyer" in answer, answer
    assert "CPAS de La Hulpe" in answer and "02/634.01.30" in answer, answer
    assert ABROAD not in answer


def test_lost_unemployment_gets_ris_from_the_day_benefits_stop(bot):
    c = Conversation(bot, "situation-unemployment")
    answer = c.say("avec la nouvelle loi mes allocations de chômage s'arrêtent en mars et je vis seul")
    assert "revenu d'intégration" in answer and "pas automatique" in answer, answer
    assert re.search(r"à partir du jour où vos allocations de chômage s'arrêtent, pas avant", answer), answer
    assert "ONEM" in answer and "30 jours" in answer, answer
    assert "{" not in answer


def test_undocumented_person_gets_urgent_medical_aid_not_the_ris(bot):
    status, replies = bot.post("sans papiers depuis deux ans, enceinte et personne ne me suit",
                               sender="situation-amu")
    answer = " ".join(m.get("text") or "" for m in replies)
    assert "aide médicale urgente" in answer, answer
    assert "Vérifier mon droit au revenu d'intégration" not in str(replies)
    assert "/check_amu" in [b["payload"] for m in replies for b in m.get("buttons") or []]


def test_a_partner_moving_in_gets_the_household_income_rule(bot):
    c = Conversation(bot, "situation-household")
    answer = c.say("je suis au ris et ma copine va venir vivre chez moi le mois prochain, elle a un salaire")
    assert "revenus des personnes qui vivent avec vous" in answer or "Partenaire" in answer, answer
    assert re.search(r"[Ss]ignalez", answer), answer
    assert "{" not in answer


def test_a_commune_name_alone_names_its_cpas(bot):
    c = Conversation(bot, "situation-commune")
    answer = c.say("Burdinne")            # a commune that no training example names
    assert "CPAS de Burdinne" in answer, answer
