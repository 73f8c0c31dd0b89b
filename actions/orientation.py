"""action_orient: a person described a situation (intent describe_situation) -> the aids that fit it.

Thin: the reading and the ranking are pure (actions/lib/situations.py, knowledge/orientation.yml). The action
sends an intro, one answer per aid (utter_orient_<aid> in data/responses/situations.yml, with the button of
its guided check), then the CPAS contact; with no recognised fact, a general orientation that asks what is
missing most.
"""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.lib.situations import fact_values, orient


def say_orientation(dispatcher, text: str) -> bool:
    """The intro, the aids that fit the situation and the CPAS contact; False (nothing said) when no aid fits."""
    aids = orient(text)
    if not aids:
        return False
    facts = fact_values()
    dispatcher.utter_message(response="utter_orient_intro", **facts)
    for aid in aids:
        dispatcher.utter_message(response=aid.response, **facts)
    dispatcher.utter_message(response="utter_orient_contact", **facts)
    return True


class ActionOrient(Action):
    def name(self) -> Text:
        return "action_orient"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        aids = orient(tracker.latest_message.get("text") or "")
        facts = fact_values()
        if not aids:
            dispatcher.utter_message(response="utter_orient_generic", **facts)
            return []
        dispatcher.utter_message(response="utter_orient_intro", **facts)
        for aid in aids:
            dispatcher.utter_message(response=aid.response, **facts)
        dispatcher.utter_message(response="utter_orient_contact", **facts)
        return []
