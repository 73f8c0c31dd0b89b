"""NLU component: "am I entitled to X?" starts the guided check of X, however the sentence starts.

The classifier learns "ai-je droit au revenu d'intégration ?" as check_ris, but "est-ce que je peux avoir le
revenu d'intégration ?" or "suis-je dans les conditions pour ..." went to the FAQ answer on the conditions, and
the check was never offered. After the classifiers, the FAQ gate and the situation net, this component reads the
message (actions/lib/eligibility.py, pure) and, when the person asks about themselves for one of the six
benefits that have a check, sets the intent of that check. A general question ("qui a droit au RIS ?") keeps
its FAQ answer. The site warning and the danger detector come after it and still win. The replaced label is kept
as ``cpas_eligibility_replaced`` in the parse data.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.eligibility import eligibility_check
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import chosen_label, force_intent

REPLACED_KEY = "cpas_eligibility_replaced"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EligibilityQuestion(MessageComponent):
    """Sets check_<benefit> for a personal eligibility question about a benefit that has a guided check."""

    def process_message(self, message: Message) -> None:
        check = eligibility_check(message.get(TEXT) or "")
        intent = message.get(INTENT) or {}
        if not check or intent.get("name") == check:
            return
        message.set(REPLACED_KEY, chosen_label(message), add_to_output=True)
        force_intent(message, check, max(float(intent.get("confidence") or 0.0), 0.5))
