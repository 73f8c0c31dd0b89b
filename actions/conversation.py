"""Fallback and other-language answers.

Session start is Rasa's own (no action call): the profile and the dated facts are filled in when an answer is
rendered (cpas_rasa/nlg.py).
"""
from __future__ import annotations

import logging
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.follow_up import leaning_answer
from actions.lib.faq_topics import default_table, last_answer
from actions.lib.language import detect_language

logger = logging.getLogger(__name__)

LANGUAGE_RESPONSES = {"nl": "utter_other_language_nl", "en": "utter_other_language_en"}


def other_language_response(text: str) -> str:
    return LANGUAGE_RESPONSES.get(detect_language(text) or "", "utter_other_language_other")


class ActionReplyOtherLanguage(Action):
    """Says, in Dutch or English where possible, that the assistant speaks French."""

    def name(self) -> Text:
        return "action_reply_other_language"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        dispatcher.utter_message(response=other_language_response(tracker.latest_message.get("text") or ""))
        return []


class ActionFallback(Action):
    """When the bot is unsure: a message in Dutch or English gets its own answer; a short message that leans on
    the last FAQ answer ("je dois l'envoyer où ?") is answered in that context; else a re-ask."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if detect_language(text) in LANGUAGE_RESPONSES:
            dispatcher.utter_message(response=other_language_response(text))
            return []
        in_context = leaning_answer(text, last_answer(tracker.events, default_table()))
        dispatcher.utter_message(response=in_context or "utter_default")
        return []
