"""Rasa server: the action server's answers checked against Rasa's schema with a validator built once.

Rasa 3.6 (`RemoteAction._validate_action_result`) calls `jsonschema.validate()` on every answer of the action
server. That call first checks Rasa's schema itself against the JSON Schema metaschema, then builds a new
validator, then checks the answer: under 20 users, about a third of the Rasa server's CPU time went there
(py-spy, `make bench PROFILE=1`, docs/performance.md). The schema never changes, so the validator is built (and
the schema checked) once; every answer is checked as before, and a bad one raises the same error (jsonschema's
best match, with Rasa's message). `install()` runs when the Rasa server imports cpas_rasa (cpas_rasa/__init__.py).
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

RASA_HINT = (". Failed to validate Action server response from API, make sure your response from the Action "
             f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")


@functools.lru_cache(maxsize=1)
def response_validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """What Rasa's `_validate_action_result` does, without rebuilding the validator."""
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += RASA_HINT
    raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
