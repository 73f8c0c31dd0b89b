"""NLU component: a FAQ question that names whose income it asks about gets the answer for those people.

"Le CPAS peut-il prendre en compte les ressources de mes colocataires ?" reads, word for word, like a question on
one's own resources, and the response selector picks that answer; the question is about the people one lives
with. After the FAQ gate, when the chosen FAQ answer has another FAQ answer for a person the message names
(knowledge/faq_topics.yml, `persons`; only the people one lives with or a partner: QUESTION_PERSONS of
actions/lib/faq_topics.py), the selected answer becomes that one. The replaced key is kept as
``cpas_faq_person_replaced`` in the parse data.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.ask_back import FAQ_INTENT
from actions.lib.faq_topics import FAQ_PREFIX, default_table, person_variant
from cpas_rasa.nlu.component import MessageComponent

REPLACED_KEY = "cpas_faq_person_replaced"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FaqPersonVariant(MessageComponent):
    """Swaps the selected FAQ answer for the one of the person the question names."""

    def process_message(self, message: Message) -> None:
        if (message.get(INTENT) or {}).get("name") != FAQ_INTENT:
            return
        selected = ((message.get("response_selector") or {}).get(FAQ_INTENT) or {}).get("response") or {}
        key = (selected.get("intent_response_key") or "").partition("/")[2]
        target = person_variant(default_table(), key, message.get(TEXT) or "")   # default_table is cached
        if not target:
            return
        message.set(REPLACED_KEY, selected.get("intent_response_key"), add_to_output=True)
        selected["intent_response_key"] = f"{FAQ_INTENT}/{target}"
        selected["utter_action"] = FAQ_PREFIX + target
