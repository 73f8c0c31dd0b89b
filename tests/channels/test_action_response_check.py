"""cpas_rasa/action_response_check.py: the action server's answers are checked as Rasa 3.6 checks them, with a
validator built once (the per-call schema check was a third of the Rasa server's CPU time under load)."""
import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import cpas_rasa  # noqa: F401  (installs the check)
from cpas_rasa.action_response_check import response_validator, validate_action_result

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "ris_age", "value": 30}],
     "responses": [{"response": "utter_faq/ris_amounts", "buttons": [{"title": "Oui", "payload": "/affirm"}]}]},
    {},
]
BAD = [
    {"events": [{"name": "no event type"}]},
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "yesterday"}]},
]


def rasa_own_check(result):
    """Rasa 3.6's own method body: jsonschema.validate with the schema checked at every call."""
    jsonschema.validate(result, RemoteAction.action_response_format_spec())
    return True


def test_the_rasa_server_uses_the_built_once_validator():
    assert RemoteAction._validate_action_result is validate_action_result
    assert response_validator() is response_validator()


@pytest.mark.parametrize("result", GOOD)
def test_good_answers_pass_as_with_rasa(result):
    assert rasa_own_check(result)
    assert validate_action_result(None, result) is True


@pytest.mark.parametrize("result", BAD)
def test_bad_answers_raise_the_same_error_as_with_rasa(result):
    with pytest.raises(jsonschema.ValidationError) as rasa_error:
        rasa_own_check(result)
    with pytest.raises(jsonschema.ValidationError) as ours:
        validate_action_result(None, result)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in ours.value.message
    assert list(ours.value.path) == list(rasa_error.value.path)
