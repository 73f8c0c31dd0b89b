"""Guided checks on the trained model, through the REST channel and the action server."""
import re

import pytest
from helpers.server_harness import Conversation

pytestmark = [pytest.mark.model, pytest.mark.server]


def test_complete_ris_check_for_a_single_person_with_a_small_wage(bot):
    c = Conversation(bot, "ris-complete")
    assert "Belgique" in c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")                       # lives in Belgium
    c.say("j'ai 34 ans")               # age
    c.say("belge")                     # status
    c.say("je vis seul")               # household
    c.say("500 € par mois")            # own net income
    c.say("rien")                      # savings
    c.say("oui")                       # willing to work
    answer = c.say("oui")              # other benefits claimed
    assert "probablement éligible" in answer, c.history
    # Category 2 (isolé) on the bot's day, minus the wage after the general exemption (facts of the rules).
    assert bot.facts["ris_cat2"] in answer and bot.facts["ris_date"] in answer
    assert "enquête sociale" in answer and "CPAS de La Hulpe" in answer


def test_ris_check_stops_early_without_legal_stay(bot):
    c = Conversation(bot, "ris-no-stay")
    c.say("je voudrais vérifier si j'ai droit au RIS")
    c.say("oui")
    c.say("40")
    answer = c.say("je suis sans papiers")
    assert "probablement pas éligible" in answer, c.history
    assert "médicale urgente" in answer
    assert not re.search(r"revenus?.*\?$", answer.splitlines()[-1])


def test_heating_check_stops_at_natural_gas(bot):
    c = Conversation(bot, "heating-gas")
    c.say("je voudrais vérifier si j'ai droit à l'allocation de chauffage")
    answer = c.say("au gaz naturel de ville")
    assert "probablement pas éligible" in answer, c.history


def test_complete_urgent_medical_aid_check(bot):
    c = Conversation(bot, "amu")
    c.say("vérifier si j'ai droit à l'aide médicale urgente")
    c.say("non")                       # no legal stay
    answer = c.say("oui")              # in need
    assert "probablement éligible" in answer, c.history


def test_stop_in_the_middle_then_resume(bot):
    c = Conversation(bot, "ris-stop")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")
    answer = c.say("stop")
    assert "j'arrête la vérification" in answer, c.history
    # Out of the form, a question gets its normal answer...
    assert "catégorie" in c.say("Quels sont les montants du revenu d'intégration ?")
    # ...and asking again resumes where it stopped: the age question, not the first one again.
    answer = c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    assert "âge" in answer.lower(), c.history


def test_topic_switch_inside_a_check_then_resume(bot):
    c = Conversation(bot, "ris-switch")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")
    answer = c.say("c'est quoi un PIIS ?")
    assert "PIIS" in answer and "âge" in answer.lower(), c.history
    answer = c.say("pourquoi cette question ?")
    assert "âge" in answer.lower()
    answer = c.say("vingt-cinq ans")
    assert "nationalit" in answer.lower() or "séjour" in answer.lower(), c.history


def test_a_question_inside_a_check_is_answered_then_the_check_resumes(bot):
    # The NLU reads these as a follow-up ("combien de temps") or an unsure FAQ question: inside a check they were
    # read as unreadable answers ("Répondez simplement oui, non...") and never answered.
    c = Conversation(bot, "ris-question-inside")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    answer = c.say("Combien de temps pour avoir une réponse ?")
    assert "30 jours" in answer and "Belgique" in answer, c.history
    assert "Répondez simplement" not in answer
    answer = c.say("oui")
    assert "âge" in answer.lower(), c.history
    answer = c.say("combien de temps le cpas a pour decider ?")
    assert "Répondez" not in answer and "âge" in answer.lower(), c.history
    assert "30 jours" in answer or "Vous parlez de" in answer, c.history
    answer = c.say("34 ans")
    assert "nationalit" in answer.lower() or "séjour" in answer.lower(), c.history


def test_bad_answer_gets_a_clear_reask(bot):
    c = Conversation(bot, "ris-bad-amount")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    for answer in ("oui", "30 ans", "belge", "je vis seule"):
        c.say(answer)
    answer = c.say("beaucoup trop peu")
    assert "montant" in answer.lower() and "1.234,56" in answer, c.history


def test_unofficial_site_inside_a_check_warns_and_resumes(bot):
    c = Conversation(bot, "ris-site")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")
    answer = c.say("sur cpas-info.be on dit que je dois avoir 25 ans, c'est vrai ?")
    assert "pas un site officiel" in answer and "âge" in answer.lower(), c.history


@pytest.mark.parametrize("question, expected", [
    ("j'ai reçu la décision du CPAS le 3 février 2026, jusqu'à quand pour faire recours ?", "3 mai 2026"),
    # The test bot runs on TEST_DAY (2026-06-01, tests/helpers/server_harness.py): a delivery before that day.
    ("mazout livré le 10 mars 2026, jusqu'à quand pour demander l'allocation chauffage ?", "9 mai 2026"),
])
def test_deadline_in_one_message(bot, question, expected):
    answer = Conversation(bot, f"deadline-{expected}").say(question)
    assert expected in answer
