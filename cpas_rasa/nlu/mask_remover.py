"""NLU component: the masks put in a message by the channels ("[téléphone]", "[IBAN]"...) are not words.

The channels mask personal numbers before Rasa stores anything (cpas_rasa/privacy/redaction.py), so the stored text
keeps "[téléphone]" for the staff. For understanding, a mask is noise that no training example contains:
"Quels sont les montants du RIS ? [téléphone]" would lean towards the contact answers. This component, first
in the pipeline, removes the masks from the text that the tokenizer and the featurizers read; the message
stored in the conversation is unchanged.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.privacy.redaction import EMAIL, IBAN, NATIONAL_NUMBER, PHONE

_MASK = "|".join(re.escape(mask) for mask in (PHONE, IBAN, EMAIL, NATIONAL_NUMBER))
# A mask and the words that only introduce it ("mon numéro est [téléphone]", "compte : [IBAN]"): they say who
# the person is, not what they ask, and "numéro" or "compte" would pull the question towards other answers.
_LEAD = (r"(?:\b(?:mon|ma|mes|notre|son|sa)\s+)?"
         r"(?:(?:num[ée]ro|n°)(?:\s+de\s+(?:t[ée]l[ée]phone|gsm|portable|compte(?:\s+bancaire)?|registre\s+national))?"
         r"|gsm|portable|t[ée]l[ée]phone|t[ée]l\.?|compte(?:\s+bancaire)?|iban|e-?mail|mail"
         r"|adresse\s+(?:e-?)?mail|registre\s+national)"
         r"\s*(?:est|c'est|:|=)?\s*")
MASKS = re.compile(f"(?:{_LEAD})?(?:{_MASK})", re.IGNORECASE)


def without_masks(text: str) -> str:
    stripped = MASKS.sub(" ", text)
    return " ".join(stripped.split()) if stripped != text else text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MaskRemover(MessageComponent):
    """Removes the privacy masks from the text the NLU pipeline reads."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT)
        if isinstance(text, str) and text:
            cleaned = without_masks(text)
            if cleaned != text:
                message.set(TEXT, cleaned or text)
