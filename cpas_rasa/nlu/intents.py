"""What the NLU components after the classifiers share: the label chosen so far, and setting another intent.

``chosen_label``: "faq/<key>" for a FAQ question (the ResponseSelector's answer), else the intent name.
``force_intent``: the intent becomes ``name`` and goes first in the ranking (the other intents keep their
order), as the situation net, the eligibility reader, the site warning and the danger detector do.
"""
from __future__ import annotations

from typing import Text

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def chosen_label(message: Message) -> Text:
    """faq/<key> for a FAQ question, else the intent name."""
    intent = (message.get(INTENT) or {}).get("name") or ""
    if intent == "faq":
        selected = ((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        return selected.get("intent_response_key") or "faq"
    return intent


def force_intent(message: Message, name: Text, confidence: float) -> None:
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    forced = {"name": name, "confidence": confidence}
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
