"""When the FAQ answer is unsure, the gate asks back (actions/lib/ask_back.py, cpas_rasa/nlu/faq_gate.py)."""
from actions.lib.ask_back import faq_candidates, ranked_keys


def ranking(*pairs):
    return [{"intent_response_key": f"faq/{key}", "confidence": conf} for key, conf in pairs]


def test_a_sure_answer_is_given():
    assert faq_candidates("faq", ranking(("ris_amounts", 0.9), ("ris_resources", 0.05)), 0.5, 0.1) is None


def test_a_low_answer_is_asked_with_its_close_rivals_only():
    keys = faq_candidates("faq", ranking(("article27", 0.24), ("ris_amounts", 0.2), ("appeal", 0.1),
                                         ("sanctions", 0.01)), 0.5, 0.1)
    assert keys == ["article27", "ris_amounts", "appeal"]


def test_two_close_answers_are_asked_even_when_high():
    keys = faq_candidates("faq", ranking(("sanctions", 0.52), ("ris_cohabitant_income", 0.46)), 0.5, 0.1)
    assert keys == ["sanctions", "ris_cohabitant_income"]


def test_only_faq_is_gated():
    assert faq_candidates("greet", ranking(("article27", 0.1)), 0.5, 0.1) is None
    assert faq_candidates("faq", [], 0.5, 0.1) is None


def test_ranking_is_sorted_and_keys_stripped():
    assert ranked_keys(ranking(("a", 0.1), ("b", 0.7))) == [("b", 0.7), ("a", 0.1)]


def test_the_nlu_component_sets_clarify_topic_and_keeps_the_ranking():
    from rasa.shared.nlu.training_data.message import Message

    from cpas_rasa.nlu.faq_gate import FaqGate

    gate = FaqGate({"min_confidence": 0.5, "min_margin": 0.1})
    unsure = Message(data={"text": "et alors ?", "intent": {"name": "faq", "confidence": 0.8},
                           "intent_ranking": [{"name": "faq", "confidence": 0.8}],
                           "response_selector": {"faq": {"ranking": ranking(("article27", 0.24), ("appeal", 0.2))}}})
    sure = Message(data={"text": "montant ris", "intent": {"name": "faq", "confidence": 0.99},
                         "response_selector": {"faq": {"ranking": ranking(("ris_amounts", 0.97))}}})
    button = Message(data={"text": '/choose_faq{"faq_key":"appeal"}', "intent": {"name": "faq", "confidence": 1.0},
                           "response_selector": {"faq": {"ranking": ranking(("appeal", 0.1))}}})
    gate.process([unsure, sure, button])
    assert unsure.get("intent")["name"] == "clarify_topic"
    assert unsure.get("faq_candidates") == ["article27", "appeal"]
    assert unsure.get("intent_ranking")[0]["name"] == "faq", "the components after it still see the classifier"
    assert "faq_candidates" in unsure.as_dict(only_output_properties=True)
    assert sure.get("intent")["name"] == "faq" and button.get("intent")["name"] == "faq"
