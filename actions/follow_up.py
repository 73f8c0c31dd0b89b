"""Follow-ups in the context of the last answer, and asking back instead of guessing.

- ``action_answer_follow_up`` (intent ``follow_up``: "et pour une famille ?", "c'est combien ?", "quels
  papiers ?"): finds the last FAQ answer of the conversation in the tracker events, reads the aspect or person
  the message changes (actions/lib/leaning.py) and answers with the FAQ answer of knowledge/faq_topics.yml
  that fits (actions/lib/faq_topics.py). A message that names its own topic starts fresh in that topic. When
  nothing fits, it asks "Vous parlez de :" with buttons.
- ``action_clarify_topic`` (intent ``clarify_topic``, set by cpas_rasa.nlu.faq_gate when the FAQ answer is
  unsure): a short message that clearly leans on the last answer is answered in that context (``leaning_answer``);
  a message that describes a situation gets the orientation (actions/orientation.py); otherwise it asks
  "Vous parlez de :" with one button per candidate answer, titled in plain words. The fallback
  (actions/conversation.py) also answers a leaning follow-up in context before its re-ask.
- ``action_choose_faq`` (the buttons' payload ``/choose_faq{"faq_key":"<key>"}``): gives that FAQ answer.
Every answer is spoken by response name (utter_faq/<key>, or a person variant such as utter_ris_amount_family).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.lib.ask_back import ranked_keys
from actions.lib.faq_topics import (
    CHOOSE_ENTITY,
    CHOOSE_INTENT,
    candidate_buttons,
    default_table,
    last_answer,
    resolve,
    resolve_fresh,
)
from actions.lib.leaning import is_short, own_topic, parse_leaning
from actions.orientation import say_orientation

logger = logging.getLogger(__name__)

CLARIFY_RESPONSE = "utter_clarify_topic"
# A follow-up whose own words the response selector reads this surely is answered with that answer.
SURE_SELECTOR_CONFIDENCE = 0.8
# A second guess of the response selector is offered when it is at least this share of the first one.
CANDIDATE_SHARE = 0.2


def _message(tracker: Tracker) -> Dict[Text, Any]:
    return tracker.latest_message or {}


def selector_keys(message: Dict[Text, Any]) -> List[tuple]:
    return ranked_keys(((message.get("response_selector") or {}).get("faq") or {}).get("ranking") or [])


def ask_back(dispatcher: CollectingDispatcher, keys: List[str]) -> None:
    """"Vous parlez de :" with a button per candidate answer, or the plain fallback when there is none."""
    buttons = candidate_buttons(default_table(), keys)
    if buttons:
        dispatcher.utter_message(response=CLARIFY_RESPONSE, buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_default")


def follow_up_response(text: str, last_key: Optional[str], ranked: List[tuple]) -> Optional[str]:
    """The response that answers the follow-up ``text`` after the answer ``last_key`` (None: ask back)."""
    table = default_table()
    leaning = parse_leaning(text)
    named = own_topic(text)
    last = table.answers.get(last_key or "")
    if named and (last is None or table.answers[named].topic != last.topic):
        return resolve_fresh(table, named, leaning)   # "et pour la prime d'installation ?": a topic of its own
    if last is not None and leaning.found:
        found = resolve(table, last_key, leaning)
        if found:
            return found
    if ranked and ranked[0][1] >= SURE_SELECTOR_CONFIDENCE and (last is None or not leaning.found):
        return table.answers[ranked[0][0]].response if ranked[0][0] in table.answers else None
    if last is None and leaning.found:
        return resolve(table, None, leaning)
    return None


def leaning_answer(text: str, last_key: Optional[str]) -> Optional[str]:
    """The answer a short message gets when it clearly leans on the last FAQ answer ("et jusqu'à quand ?" after
    the appeal answer), or None. Used when the NLU was unsure (clarify_topic, nlu_fallback): the context then
    decides rather than a question back."""
    if not last_key or not is_short(text) or own_topic(text):
        return None
    leaning = parse_leaning(text)
    return resolve(default_table(), last_key, leaning) if leaning.found else None


def ask_candidates(text: str, last_key: Optional[str], ranked: List[tuple], gate_keys: List[str]) -> List[str]:
    """The answers to offer: the follow-up reading first (when there is one), then the selector's candidates,
    then the other answers of the last topic."""
    table = default_table()
    keys: List[str] = []
    if last_key and is_short(text):
        found = resolve(table, last_key, parse_leaning(text))
        key = table.variant_of(found) if found else None
        if key:
            keys.append(key)
    if gate_keys:
        keys += list(gate_keys)
    elif ranked:
        keys += [key for key, conf in ranked[:2] if conf >= CANDIDATE_SHARE * ranked[0][1]]
    if last_key and len(keys) < 2:
        topic = table.answers[last_key].topic
        keys += [key for key in table.of_topic(topic) if key != last_key]
    return keys


class ActionAnswerFollowUp(Action):
    def name(self) -> Text:
        return "action_answer_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        message = _message(tracker)
        text = message.get("text") or ""
        table = default_table()
        last_key = last_answer(tracker.events, table)
        ranked = selector_keys(message)
        response = follow_up_response(text, last_key, ranked)
        logger.debug("follow-up %r after %s -> %s", text, last_key, response)
        if response:
            dispatcher.utter_message(response=response)
        else:
            ask_back(dispatcher, ask_candidates(text, last_key, ranked, []))
        return []


class ActionClarifyTopic(Action):
    def name(self) -> Text:
        return "action_clarify_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        message = _message(tracker)
        text = message.get("text") or ""
        last_key = last_answer(tracker.events, default_table())
        in_context = leaning_answer(text, last_key)
        if in_context:
            dispatcher.utter_message(response=in_context)
            return []
        if say_orientation(dispatcher, text):
            return []      # "le cpas m'a supprimé mon aide, je peux faire quoi": the aids of that situation
        keys = ask_candidates(text, last_key, selector_keys(message), message.get("faq_candidates") or [])
        ask_back(dispatcher, keys)
        return []


def chosen_key(message: Dict[Text, Any]) -> Optional[str]:
    """The FAQ key of a "/choose_faq{...}" button: its entity, else read from the payload itself."""
    for entity in message.get("entities") or []:
        if entity.get("entity") == CHOOSE_ENTITY and entity.get("value"):
            return str(entity["value"])
    text = (message.get("text") or "").strip()
    prefix = "/" + CHOOSE_INTENT
    if text.startswith(prefix):
        try:
            return str(json.loads(text[len(prefix):]).get(CHOOSE_ENTITY) or "") or None
        except (ValueError, AttributeError):
            return None
    return None


class ActionChooseFaq(Action):
    def name(self) -> Text:
        return "action_choose_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        key = chosen_key(_message(tracker))
        if key and key in default_table().answers:
            dispatcher.utter_message(response=default_table().answers[key].response)
        else:
            dispatcher.utter_message(response="utter_default")
        return []
