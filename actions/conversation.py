"""Session start, fallback and other-language answers."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.lib.language import detect_language
from actions.session_slots import session_slots

logger = logging.getLogger(__name__)

LANGUAGE_RESPONSES = {"nl": "utter_other_language_nl", "en": "utter_other_language_en"}


class ActionSessionStart(Action):
    """Starts a conversation with the commune profile and today's amounts in slots."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        events += [SlotSet(name, value) for name, value in session_slots().items()]
        events.append(ActionExecuted("action_listen"))
        return events


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
    """When the bot is unsure: a message in Dutch or English gets its own answer, else a re-ask."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if detect_language(text) in LANGUAGE_RESPONSES:
            dispatcher.utter_message(response=other_language_response(text))
        else:
            dispatcher.utter_message(response="utter_default")
        return []
