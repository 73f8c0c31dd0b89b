"""NLU component: a message that speaks of danger always gets the crisis intent, whatever else it asks.

People in distress rarely write only the danger: "le cpas a refusé ma demande, mon proprio veut me mettre
dehors, j'ai envie de me tuer". The classifier then picks the other topic. This component runs last, after
the classifiers and the unofficial-site detector (danger wins over a site warning), on every message of every
channel, inside the guided checks too:

- when the danger signs of knowledge/danger_signs.yml (actions/lib/danger.py) find one or more kinds of danger,
  or when the classifier's own best intent is ``crisis`` and the message is not a known look-alike, the intent
  becomes ``crisis`` (confidence 1.0) and the message gets two more keys, kept in the tracker's
  ``latest_message`` for the action server:
  * ``cpas_danger_kinds``: the kinds found, in answer order, or ["generic"] when only the model saw a crisis
    (then the answer is a short generic one, never the suicide line on its own);
  * ``cpas_danger_other``: the best other intent of the message ("faq", "check_ris"...), or None, so that
    action_danger_first can answer the rest of the message after the urgent numbers; a part of the message
    without danger that asks "ai-je droit à X ?" gives the check of X, whatever the classifier said;
- when the classifier says ``crisis`` but the message only holds look-alikes ("mort de rire", "le CPAS me tue
  avec ses papiers"), the next intent is taken, as if the classifier had not seen a crisis.

The signs file is reread when it changes: staff extend it without retraining.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.lib.danger import scan
from actions.lib.eligibility import eligibility_check
from cpas_rasa.nlu.component import MessageComponent
from cpas_rasa.nlu.intents import force_intent

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
KINDS_KEY = "cpas_danger_kinds"
OTHER_KEY = "cpas_danger_other"
ORIGINAL_INTENT_KEY = "cpas_original_intent"      # set by cpas_rasa.nlu.site_mentions
GENERIC = "generic"
# Intents that are never "the rest of the message".
NOT_A_QUESTION = frozenset({CRISIS_INTENT, "nlu_fallback", "mention_unofficial_site", None})
# Below this confidence, the second intent of a danger message is noise, not a second question.
OTHER_QUESTION_MIN_CONFIDENCE = 0.1


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class DangerDetector(MessageComponent):
    """Forces the crisis intent when a message shows a danger sign, and keeps what else it asks."""

    def process_message(self, message: Message) -> None:
        try:
            self._process(message)
        except Exception:                           # the net must never break the bot
            logger.exception("Détection des signes de danger impossible pour ce message")

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not text or text.startswith("/"):
            return                                  # a button's payload is not written by the person
        intent = message.get(INTENT) or {}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
        result = scan(text)
        model_crisis = intent.get("name") == CRISIS_INTENT
        if result.kinds or (model_crisis and not result.lookalike):
            kinds = list(result.kinds) or [GENERIC]
            message.set(KINDS_KEY, kinds, add_to_output=True)
            message.set(OTHER_KEY, other_question(ranking, message), add_to_output=True)
            force_intent(message, CRISIS_INTENT, 1.0)
        elif model_crisis and ranking:
            # Only a look-alike ("mort de rire", "ça me tue"): the next intent is the message's real topic.
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


# Where a message splits into parts ("mon mari me frappe, est-ce que j'ai droit au RIS ?").
CLAUSE_BREAK = re.compile(r"[,;.!\n]+|\s(?:mais|alors|donc)\s")


def eligibility_in_other_part(text: Text) -> Optional[Text]:
    """The guided check a part of the message without danger signs asks for ("..., est-ce que j'ai droit au
    revenu d'intégration ?" -> check_ris): read apart, since the whole message, with its danger, reads as a
    situation (actions/lib/eligibility.py)."""
    for part in CLAUSE_BREAK.split(text or ""):
        if part.strip() and not scan(part).kinds:
            check = eligibility_check(part)
            if check:
                return check
    return None


def other_question(ranking: List[Dict[Text, Any]], message: Message) -> Optional[Text]:
    """What else the message asks, if the classifiers saw something besides the danger."""
    original = message.get(ORIGINAL_INTENT_KEY)
    if original not in NOT_A_QUESTION:
        return original                             # the site detector already kept the question
    check = eligibility_in_other_part(message.get(TEXT) or "")
    if check:
        return check
    for candidate in ranking:
        if candidate.get("name") in NOT_A_QUESTION:
            continue
        if (candidate.get("confidence") or 0.0) >= OTHER_QUESTION_MIN_CONFIDENCE:
            return candidate["name"]
        break
    return None
