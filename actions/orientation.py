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

from actions.lib.situations import MAX_AIDS, fact_values, orient


def say_orientation(dispatcher, text: str, intro: str = "utter_orient_intro", limit: int = MAX_AIDS,
                    contact: bool = True) -> bool:
    """The intro, the aids that fit the situation and (``contact``) the CPAS contact; False (nothing said)
    when no aid fits. After the urgent numbers (actions/danger.py) the intro is another and the aids fewer."""
    aids = orient(text, limit=limit)
    if not aids:
        return False
    facts = fact_values()
    dispatcher.utter_message(response=intro, **facts)
    for aid in aids:
        dispatcher.utter_message(response=aid.response, **facts)
    if contact:
        dispatcher.utter_message(response="utter_orient_contact", **facts)
    return True


class ActionOrient(Action):
    def name(self) -> Text:
        return "action_orient"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if not say_orientation(dispatcher, tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_orient_generic", **fact_values())
        return []
