"""NLU component: a message that is only a commune's name ("Hannut", "à Wavre", "cpas de Namur") is inform_commune.

A bare commune name has no words the classifier can learn from, so a name missing from the training examples
got the fallback or an unrelated answer. The commune finder (actions/lib/communes.py, pure, all 565 communes)
knows them all: when it reads nothing but a commune name and filler words, the intent becomes inform_commune
(then the bot names that commune's CPAS). Postal codes alone are left to the classifier and the forms (a
number may be an amount or an age). The site warning and the danger detector come after it and still win.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.communes import only_names_a_commune
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import force_intent

COMMUNE_INTENT = "inform_commune"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommuneOnlyMessage(MessageComponent):
    """Sets inform_commune for a message that names a commune and nothing else."""

    def process_message(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        if intent.get("name") == COMMUNE_INTENT or not only_names_a_commune(message.get(TEXT) or ""):
            return
        force_intent(message, COMMUNE_INTENT, max(float(intent.get("confidence") or 0.0), 0.9))
