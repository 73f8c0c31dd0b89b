"""actions/lib/eligibility.py: a personal eligibility question about a checkable benefit -> its check."""
import pytest

from actions.checks import BY_FORM
from actions.lib.eligibility import BENEFITS, MAX_WORDS, eligibility_check


@pytest.mark.parametrize("text, check", [
    ("Est-ce que je peux avoir le revenu d'intégration ?", "check_ris"),
    ("Suis-je dans les conditions pour avoir le revenu d'intégration ?", "check_ris"),
    ("jai droit au ris ?", "check_ris"),
    ("je voudrais savoir si j'ai droit au revenu d'integration", "check_ris"),
    ("est-ce que je peux avoir la prime d'installation du cpas ?", "check_prime"),
    ("ai-je droit à l'allocation de chauffage ?", "check_heating"),
    ("je remplis les conditions pour le fonds social chauffage ?", "check_heating"),
    ("Ai-je droit à l'aide médicale urgente ?", "check_amu"),
    ("est-ce que le CPAS peut me faire une avance sur mes allocations ?", "check_advance"),
    ("le cpas peut-il me donner une avance sur mon chômage", "check_advance"),
    ("est-ce que j'ai droit à une aide pour la caution de mon appartement ?", "check_rental_guarantee"),
    ("suis je dans les conditions de l'aide medicale urgente ? on regarde", "check_amu"),
    ("vérifie avec moi si je peux avoir la garantie locative", "check_rental_guarantee"),
    ("contrôle si le CPAS peut m'avancer mes allocations en attendant", "check_advance"),
    # the benefit with a check wins over the RIS named beside it
    ("j'ai le RIS, est-ce que j'ai droit à la prime d'installation ?", "check_prime"),
])
def test_a_personal_question_gets_the_check(text, check):
    assert eligibility_check(text) == check


@pytest.mark.parametrize("text", [
    "Qui a droit au revenu d'intégration ?",               # a general question: the FAQ answer
    "Quelles sont les conditions pour le RIS ?",
    "mon fils a-t-il droit au ris",                          # somebody else
    "j'ai droit au chômage",                                 # no benefit with a check
    "statut de refugie obtenu, ai-je droit au revenu d'integration",   # a situation told: its own FAQ answer
    "retraite sans pension, je peux avoir le RIS ?",
    "Combien est le revenu d'intégration ?",                 # not an eligibility question
    "est-ce que j'ai droit à la prime d'installation ou à l'allocation de chauffage ?",   # two: ask which
    "regarde si mon fils a droit au ris",                    # somebody else, even when asked to check
    "Ai-je droit à une aide pendant mes vacances à l'étranger ?",   # no benefit with a check named
    "ai-je droit au ris " + "et " * MAX_WORDS,               # too long: a situation, read by the orientation
    "",
])
def test_other_messages_are_left_to_the_classifier(text):
    assert eligibility_check(text) is None


def test_every_benefit_is_a_check_of_the_specs():
    intents = {spec.name for spec in BY_FORM.values()}
    assert {intent for intent, _ in BENEFITS} == intents
