"""NLU component: a message that describes a situation never gets an unrelated FAQ answer.

Runs after the classifiers (and the FallbackClassifier). When the intent is ``faq`` and the message states
situation facts (actions/lib/situations.py reads them), asks no precise question, and the FAQ answer chosen by
the ResponseSelector fits none of the aids of that situation (knowledge/orientation.yml, ``faq`` of each aid),
the intent becomes ``describe_situation`` (the orientation, action_orient). The same for ``nlu_fallback``
when at least one situation fact is read: "I did not understand" is no answer to a person who explains a
situation. The replaced label is kept as ``cpas_situation_replaced`` in the parse data (for the staff report
and the tests). The DIET classifier learns describe_situation from data/nlu/situations.yml: this component is
the safety net for the messages it misses.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.situations import situation_instead_of
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import chosen_label, force_intent

SITUATION_INTENT = "describe_situation"
REPLACED_KEY = "cpas_situation_replaced"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SituationClassifier(MessageComponent):
    """Replaces an unrelated FAQ answer (or the fallback) by describe_situation for a situation message."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        label = chosen_label(message)
        if not situation_instead_of(label, text):
            return
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        message.set(REPLACED_KEY, label, add_to_output=True)
        force_intent(message, SITUATION_INTENT, max(confidence, 0.5))
