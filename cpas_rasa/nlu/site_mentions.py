"""NLU component: a mention of an unofficial CPAS site always gets the warning intent.

The warning must come whatever else the message asks ("cpas-info dit que j'ai droit à 1 500 €, c'est
vrai ?"), so this component runs after the classifiers. When the site detector of
``actions.lib.sites`` finds an unofficial site in the text, the intent becomes
``mention_unofficial_site`` and the best other intent is kept as ``cpas_original_intent``, so that
the action can also answer the question. Conversely, when the classifier alone thinks of a site but
no unofficial one is named, its next intent is used. The list of sites is read from knowledge/sites.yml
at each message (reloaded when it changes): staff extend it without retraining.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.faq_topics import selected_faq
from actions.lib.profile import load_profile
from actions.lib.sites import find_unofficial_mentions
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import force_intent

logger = logging.getLogger(__name__)

WARNING_INTENT = "mention_unofficial_site"
ORIGINAL_INTENT_KEY = "cpas_original_intent"
# Below this confidence, the second intent of a message naming a site is noise, not a second question.
OTHER_QUESTION_MIN_CONFIDENCE = 0.1
FAQ_MIN_CONFIDENCE = 0.9


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SiteMentionClassifier(MessageComponent):
    """Overrides the intent when a message names an unofficial CPAS site."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not text or text.startswith("/"):
            return
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != WARNING_INTENT]
        if find_unofficial_mentions(text, extra_official=_official_domains()):
            message.set(ORIGINAL_INTENT_KEY, _other_question(ranking, message), add_to_output=True)
            force_intent(message, WARNING_INTENT, 1.0)
        elif (message.get(INTENT) or {}).get("name") == WARNING_INTENT and ranking:
            # The classifier thought of a site, but no unofficial one is named (an official source,
            # "une info sur le CPAS"): the site list decides, so the next intent is taken.
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def _official_domains() -> tuple:
    try:
        return load_profile().official_domains
    except ValueError:
        return ()


def _other_question(ranking: List[Dict[Text, Any]], message: Message) -> Text:
    """What else the message asks, if the classifiers saw something clear besides the site."""
    for candidate in ranking:
        if candidate.get("name") in (None, "nlu_fallback"):
            continue
        if (candidate.get("confidence") or 0.0) >= OTHER_QUESTION_MIN_CONFIDENCE:
            return candidate["name"]
        break
    if selected_faq(message)[1] >= FAQ_MIN_CONFIDENCE:
        return "faq"  # the intent classifier only saw the site, but the FAQ selector is sure of a question
    return WARNING_INTENT
