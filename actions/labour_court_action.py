"""Which tribunal du travail for an appeal against a CPAS decision: the labour court finder in the conversation.

Same pattern as the CPAS finder (actions/find_cpas.py): the commune (or postal code) is read from the message
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

from actions.labour_court import court_text, find_communes_for_court, labour_court_answer
from actions.rules.parameters import parameter

ASK_INTENT = "ask_labour_court"


def appeal_months(on: date | None = None) -> int:
    """The appeal period in months, from actions/rules/parameters.yml (the same value as appeal_deadline)."""
    return int(parameter("deadlines", on or date.today())["appeal_months"])


class ActionFindLabourCourt(Action):
    """Answers "à quel tribunal du travail envoyer mon recours ?" from a commune or postal code in the message."""

    def name(self) -> Text:
        return "action_find_labour_court"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        result = find_communes_for_court(text)
        communes = result.communes
        pending = tracker.get_slot("commune_candidates") or []
        if len(communes) > 1 and pending:
            narrowed = [c for c in communes if c.refnis in pending]
            communes = narrowed or communes
        if not communes:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            response = "utter_ask_commune_labour_court" if intent == ASK_INTENT else "utter_commune_not_found"
            dispatcher.utter_message(response=response)
            return [SlotSet("commune_candidates", None)]
        if len(communes) > 1:
            buttons = [{"title": c.name_fr, "payload": c.name_fr} for c in communes[:8]]
            if result.via == "postal_code" and result.postal_code:
                dispatcher.utter_message(response="utter_ask_which_commune", buttons=buttons,
                                         postal_code=result.postal_code)
            else:
                dispatcher.utter_message(response="utter_ask_which_commune_name", buttons=buttons)
            return [SlotSet("commune_candidates", [c.refnis for c in communes])]
        answer = labour_court_answer(communes[0])
        dispatcher.utter_message(response="utter_labour_court_found", court_text=court_text(answer),
                                 commune=communes[0].name_fr)
        dispatcher.utter_message(response="utter_labour_court_how", months=appeal_months())
        return [SlotSet("commune_candidates", None)]
