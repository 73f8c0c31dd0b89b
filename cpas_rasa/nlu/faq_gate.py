"""NLU component: a FAQ question whose answer is unsure becomes ``clarify_topic`` (the bot asks back).

Rasa's FallbackClassifier gates only the intent's confidence: a message surely classified as "faq" got the
best FAQ answer even when the response selector hesitated (a short follow-up got the Article 27 answer at a
retrieval confidence of 0.24). Placed after the FallbackClassifier, this component looks at the response
selector's ranking: when its best answer is under ``min_confidence`` or within ``min_margin`` of the second,
the intent becomes ``clarify_topic`` and the candidate FAQ keys are kept in the parse data as
``faq_candidates``; ``action_clarify_topic`` (actions/follow_up.py) then asks "Vous parlez de :" with one
button per candidate. The intent ranking is left as it was, so that the components after this one (the
unofficial-site warning, the danger detector) still see the classifier's view and still win.
Thresholds: config.yml (chosen on the held-out questions: see README, "Follow-ups and asking back").
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.ask_back import FAQ_INTENT, faq_candidates
from cpas_rasa.nlu.component import MessageComponent

CLARIFY_INTENT = "clarify_topic"
CANDIDATES_KEY = "faq_candidates"
ORIGINAL_INTENT_KEY = "faq_gate_original"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FaqGate(MessageComponent):
    """Turns an unsure FAQ answer into a question back to the person."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_confidence": 0.0, "min_margin": 0.1, "max_candidates": 3, "candidate_share": 0.2}

    def process_message(self, message: Message) -> None:
        cfg = self.component_config
        text = message.get(TEXT) or ""
        if not text or text.startswith("/"):
            return
        intent = message.get(INTENT) or {}
        ranking = ((message.get("response_selector") or {}).get(FAQ_INTENT) or {}).get("ranking") or []
        keys = faq_candidates(intent.get("name"), ranking, float(cfg["min_confidence"]),
                              float(cfg["min_margin"]), int(cfg["max_candidates"]),
                              float(cfg["candidate_share"]))
        if keys is None:
            return
        message.set(ORIGINAL_INTENT_KEY, dict(intent), add_to_output=True)
        message.set(CANDIDATES_KEY, keys, add_to_output=True)
        message.set(INTENT, {"name": CLARIFY_INTENT, "confidence": intent.get("confidence") or 0.0},
                    add_to_output=True)
