"""The DangerDetector NLU component (cpas_rasa/nlu/danger.py) on handmade messages: no trained model needed."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from cpas_rasa.nlu.danger import DangerDetector


def message(text, intent, confidence, ranking=None, **extra):
    m = Message(data={"text": text})
    m.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    m.set("intent_ranking", ranking or [{"name": intent, "confidence": confidence}], add_to_output=True)
    for key, value in extra.items():
        m.set(key, value, add_to_output=True)
    return m


def run(m):
    DangerDetector({}).process([m])
    return m


def test_a_danger_sign_overrides_the_other_topic_and_keeps_it():
    m = run(message("j'ai des dettes partout et franchement je veux plus vivre", "faq", 0.8,
                    [{"name": "faq", "confidence": 0.8}, {"name": "crisis", "confidence": 0.15}]))
    assert m.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert m.get("cpas_danger_kinds") == ["suicide"]
    assert m.get("cpas_danger_other") == "faq"
    assert [r["name"] for r in m.get("intent_ranking")] == ["crisis", "faq"]


def test_a_model_only_crisis_gets_the_generic_answer():
    m = run(message("je craque complètement", "crisis", 0.9,
                    [{"name": "crisis", "confidence": 0.9}, {"name": "greet", "confidence": 0.05}]))
    assert m.get("intent")["name"] == "crisis"
    assert m.get("cpas_danger_kinds") == ["generic"]
    assert m.get("cpas_danger_other") is None          # 0.05: noise, not a second question


def test_a_lookalike_overrules_the_model():
    m = run(message("le CPAS me tue avec ses papiers", "crisis", 0.7,
                    [{"name": "crisis", "confidence": 0.7}, {"name": "faq", "confidence": 0.2}]))
    assert m.get("intent")["name"] == "faq"
    assert m.get("cpas_danger_kinds") is None


def test_an_ordinary_message_is_left_alone():
    m = run(message("quel est le montant du RIS ?", "faq", 0.95))
    assert m.get("intent") == {"name": "faq", "confidence": 0.95} and m.get("cpas_danger_kinds") is None


def test_danger_wins_over_an_unofficial_site_and_keeps_its_question():
    m = run(message("cpas-info.be dit que je n'ai droit à rien, je veux mourir", "mention_unofficial_site", 1.0,
                    [{"name": "mention_unofficial_site", "confidence": 1.0}, {"name": "faq", "confidence": 0.6}],
                    cpas_original_intent="faq"))
    assert m.get("intent")["name"] == "crisis" and m.get("cpas_danger_other") == "faq"


@pytest.mark.parametrize("text", ["/check_ris", ""])
def test_payloads_and_empty_messages_are_skipped(text):
    m = run(message(text, "check_ris", 1.0))
    assert m.get("intent")["name"] == "check_ris"


def test_a_fallback_message_with_a_danger_sign_is_a_crisis():
    m = run(message("jsui dehor ce soir avc mon bb", "nlu_fallback", 0.3,
                    [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.25}]))
    assert m.get("intent")["name"] == "crisis" and m.get("cpas_danger_kinds") == ["homeless"]
    assert m.get("cpas_danger_other") == "faq"


@pytest.mark.parametrize("text, check", [
    ("mon mari me frappe, est ce que j'ai droit au revenu d'integration ?", "check_ris"),
    ("je dors dehors depuis hier. est-ce que je peux avoir la prime d'installation ?", "check_prime"),
])
def test_an_eligibility_question_beside_the_danger_offers_its_check_whatever_the_classifier_said(text, check):
    # The classifier may read the whole message as a FAQ question it is unsure of: the check is still offered.
    m = run(message(text, "faq", 0.99, [{"name": "faq", "confidence": 0.99}, {"name": check, "confidence": 0.0}]))
    assert m.get("intent")["name"] == "crisis"
    assert m.get("cpas_danger_other") == check


def test_a_general_question_beside_the_danger_is_left_to_the_classifier():
    m = run(message("mon mari me frappe, qui a droit au revenu d'integration ?", "faq", 0.9,
                    [{"name": "faq", "confidence": 0.9}]))
    assert m.get("cpas_danger_other") == "faq"
