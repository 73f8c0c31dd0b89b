"""Danger first: the urgent numbers fitting the danger, then the answer to the rest of the message.

The NLU component cpas_rasa.nlu.danger.DangerDetector sets the intent ``crisis`` and two keys of the message:
``cpas_danger_kinds`` (suicide, violence, homeless, hunger, or generic) and ``cpas_danger_other`` (what else
the message asks). This action says one short answer per kind (utter_danger_<kind>, numbers from
knowledge/emergency.yml for the profile's region), then, outside a guided check:
- a FAQ question the response selector is sure of (>= 0.8): its answer (utter_faq/<key>);
- a guided check: offered with a button;
- another intent with its own answer (ask_human...): that answer;
- otherwise, when the message describes a situation (a child, an eviction, no income...): the one or two aids
  that fit it (actions/lib/situations.py), after the numbers, so that the rest of the message is heard too.
Inside a guided check the rules of data/rules/checks.yml run the form again right after: its question comes back.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.checks import BY_FORM
from actions.lib.emergency import EmergencyFileError, danger_values
from actions.lib.faq_topics import faq_answer_of
from actions.lib.profile import load_profile
from actions.orientation import say_orientation
from actions.unofficial_sites import NO_EXTRA_ANSWER

logger = logging.getLogger(__name__)

KINDS_KEY = "cpas_danger_kinds"          # set by cpas_rasa.nlu.danger in the Rasa server
OTHER_KEY = "cpas_danger_other"
GENERIC = "generic"
FALLBACK_RESPONSE = "utter_crisis"       # every number in one text, if knowledge/emergency.yml is unreadable
CHECKS_BY_INTENT = {spec.name: spec for spec in BY_FORM.values()}
# A FAQ answer that would only repeat the urgent answer already given.
SAME_AS_KIND = {"hunger": {"utter_faq/food_aid"}}
DEFAULT_REGION = "wallonia"
# After urgent numbers, only a FAQ answer the selector is sure of: a person in crisis reads two lines, and on the
# held-out danger messages the answers chosen under 0.8 were often beside the point (0.5 is enough elsewhere).
FAQ_MIN_CONFIDENCE = 0.8
# After urgent numbers, at most this many aids of the orientation (the person reads the numbers first).
MAX_AIDS_AFTER_DANGER = 2


def _region() -> str:
    try:
        return load_profile().region
    except ValueError:
        return DEFAULT_REGION


def urgent_responses(kinds: Sequence[str], values: Dict[str, str], known: Sequence[str]) -> List[str]:
    """The response of each kind, in order; a kind without a response of its own gets the generic answer."""
    out: List[str] = []
    for kind in kinds or [GENERIC]:
        name = f"utter_danger_{kind}"
        if kind == "homeless" and not values.get("shelter_line"):
            name = "utter_danger_homeless_cpas"      # no regional number: the CPAS and 112
        if name not in known:
            name = "utter_danger_generic"
        if name not in out:
            out.append(name)
    return out


def say_urgent_numbers(dispatcher, kinds: Sequence[str], known: Sequence[str]) -> bool:
    """The urgent answer of each kind, with the numbers of the profile's region; False when
    knowledge/emergency.yml is unreadable (then every number in one text, and nothing else should follow)."""
    try:
        values = danger_values(_region())
    except EmergencyFileError:
        logger.exception("knowledge/emergency.yml illisible : réponse d'urgence complète")
        dispatcher.utter_message(response=FALLBACK_RESPONSE)
        return False
    for response in urgent_responses(kinds, values, known):
        dispatcher.utter_message(response=response, **values)
    return True


def danger_kinds(message: Dict[str, Any]) -> List[str]:
    """The kinds of danger the NLU found in the message; ["generic"] when it saw a crisis without a sign."""
    return list(message.get(KINDS_KEY) or [GENERIC])


def classifier_only_crisis(message: Dict[str, Any]) -> bool:
    """The crisis intent came from the classifier alone: no danger sign of knowledge/danger_signs.yml."""
    return (message.get("intent") or {}).get("name") == "crisis" and danger_kinds(message) == [GENERIC]


class ActionDangerFirst(Action):
    def name(self) -> Text:
        return "action_danger_first"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        kinds = danger_kinds(message)
        known = list((domain.get("responses") or {}).keys())
        if not say_urgent_numbers(dispatcher, kinds, known):
            return []

        if tracker.active_loop.get("name"):
            return []                                # inside a check: the form asks its question again
        if not self._answer_the_rest(dispatcher, message, kinds, known):
            say_orientation(dispatcher, message.get("text") or "", intro="utter_danger_then_orient",
                            limit=MAX_AIDS_AFTER_DANGER, contact=False)     # the numbers already name the CPAS
        return []

    @staticmethod
    def _answer_the_rest(dispatcher, message: Dict[str, Any], kinds: Sequence[str], known: Sequence[str]) -> bool:
        """The answer to what else the message asks; False when there is none."""
        other: Optional[str] = message.get(OTHER_KEY)
        if other == "faq":
            answer = faq_answer_of(message, FAQ_MIN_CONFIDENCE)
            repeated = set().union(*(SAME_AS_KIND.get(kind, set()) for kind in kinds))
            if answer and answer in known and answer not in repeated:
                dispatcher.utter_message(response=answer)
                return True
        elif other in CHECKS_BY_INTENT:
            spec = CHECKS_BY_INTENT[other]
            dispatcher.utter_message(
                response="utter_danger_then_check", check_title=spec.title,
                buttons=[{"title": "Vérifier maintenant", "payload": f"/{other}"}],
            )
            return True
        elif other not in NO_EXTRA_ANSWER and f"utter_{other}" in known:
            dispatcher.utter_message(response=f"utter_{other}")
            return True
        return False
