"""Which tribunal du travail for an appeal against a CPAS decision: the labour court finder in the conversation.

Same pattern as the CPAS finder (actions/cpas_finder.py): the commune (or postal code) is read from the message
with find_communes (through find_communes_for_court, whose second pass reads "tribunal du travail de X" as
"commune X"); several communes -> the bot asks which one (buttons, slot commune_candidates); no commune -> it
asks "Dans quelle commune habitez-vous ?". The answer to that question (intent inform_commune) comes back
here through the rule of data/rules/labour_court.yml that follows this action.
"""
from __future__ import annotations

from datetime import date
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions._which_commune import one_commune_or_ask
from actions.lib.courts import court_text, find_communes_for_court, labour_court_answer
from actions.rules.clock import today
from actions.rules.parameters import parameter

ASK_INTENT = "ask_labour_court"


def appeal_months(on: date | None = None) -> int:
    """The appeal period in months, from actions/rules/parameters.yml (the same value as appeal_deadline)."""
    return int(parameter("deadlines", on or today())["appeal_months"])


class ActionFindLabourCourt(Action):
    """Answers "à quel tribunal du travail envoyer mon recours ?" from a commune or postal code in the message."""

    def name(self) -> Text:
        return "action_find_labour_court"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        result = find_communes_for_court(tracker.latest_message.get("text") or "")
        commune, events = one_commune_or_ask(
            dispatcher, tracker, result, ASK_INTENT, "utter_ask_commune_labour_court",
            about_postal_code=result.via == "postal_code" and bool(result.postal_code))
        if commune is None:
            return events
        dispatcher.utter_message(response="utter_labour_court_found",
                                 court_text=court_text(labour_court_answer(commune)), commune=commune.name_fr)
        dispatcher.utter_message(response="utter_labour_court_how")   # {appeal_months}: cpas_rasa/nlg.py
        return [SlotSet("commune_candidates", None)]
