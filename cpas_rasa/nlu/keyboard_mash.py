"""NLU component: a message typed at random on the keyboard ("qsdkjf mlkqsjd pouet") gets the plain fallback.

The classifier always picks its nearest intent; on letters typed at random it was sometimes sure enough of one to
pass the FallbackClassifier (inform_commune at 0.40 for "qsdkjf mlkqsjd pouet": "Je ne trouve pas cette
commune"). A word is keyboard mash when it has six consonants in a row or no vowel at all in five letters or
more (French and Dutch words, SMS spellings such as "slt", "jsuis", "pkoi", "cpas", and the names "ocmwhulp"
or "arbeidsrechtbank" have neither); a message whose words
are mostly mash becomes nlu_fallback ("Je ne suis pas sûr d'avoir compris..."). After the FallbackClassifier;
the site warning and the danger detector come after it and still win.
"""
from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.text import fold
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import force_intent

FALLBACK_INTENT = "nlu_fallback"
MIN_LETTERS = 5
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}")
_VOWEL = re.compile(r"[aeiouy]")


def is_mash(word: str) -> bool:
    """Six consonants in a row, or no vowel in five letters or more (word already folded: lower case, no accents)."""
    return len(word) >= MIN_LETTERS and bool(_CONSONANT_RUN.search(word) or not _VOWEL.search(word))


def looks_like_keyboard_mash(text: str) -> bool:
    """More than half of the message's words are keyboard mash."""
    words = re.findall(r"[a-z]+", fold(text or ""))
    return bool(words) and sum(map(is_mash, words)) * 2 > len(words)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KeyboardMash(MessageComponent):
    """Sets nlu_fallback for a message made mostly of letters typed at random."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/") or not looks_like_keyboard_mash(text):
            return                                  # a button's payload is not written by the person
        force_intent(message, FALLBACK_INTENT, 1.0)
