"""scripts/validate.py (make validate): which Rasa warnings the code answers for, and which still fail."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("validate_script", ROOT / "scripts" / "validate.py")
validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validate)


def unused(name: str) -> str:
    return f"The utterance '{name}' is not used in any story or rule."


def test_responses_sent_by_actions_cover_the_check_questions_and_the_literal_names():
    sent = validate.responses_sent_by_actions()
    assert {"utter_ask_ris_form_ris_age", "utter_why_ris_age", "utter_reask_age", "utter_reask_heat_delivered_on",
            "utter_check_result_eligible", "utter_labour_court_found", "utter_other_language_nl"} <= sent
    assert "utter_greet" not in sent   # sent by a rule, not by an action


def test_responses_built_from_the_knowledge_tables_are_declared():
    sent = validate.responses_sent_by_actions()
    assert {"utter_danger_suicide", "utter_danger_hunger", "utter_orient_ris", "utter_orient_homeless",
            "utter_ris_amount_family", "utter_ask_check_way_out"} <= sent
    assert "utter_danger_nothing" not in sent and "utter_orient_nothing" not in sent


def test_a_response_nobody_sends_still_fails():
    sent = validate.responses_sent_by_actions()
    assert validate.accepted(unused("utter_check_result_eligible"), sent)
    assert not validate.accepted(unused("utter_nobody_sends_this"), sent)


def test_only_the_channel_intents_may_lack_examples():
    message = "The intent '{}' is listed in the domain file, but is not found in the NLU training data."
    assert validate.accepted(message.format("empty_message"), set())
    assert validate.accepted(message.format("clarify_topic"), set())   # set by cpas_rasa/nlu/faq_gate.py
    assert validate.accepted(message.format("choose_faq"), set())      # the "Vous parlez de" buttons
    assert not validate.accepted(message.format("ask_something_new"), set())
    assert validate.accepted("Slot auto-fill has been removed in 3.0 and replaced with ...", set())
    assert not validate.accepted("Found duplicate responses", set())
