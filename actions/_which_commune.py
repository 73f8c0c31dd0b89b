"""The commune a finder answers about (the CPAS finder, the labour court finder), or the question to ask.

Both finders read the commune from the message; when the person answers a "which one?" question, the slot
commune_candidates narrows the communes read. No commune -> the finder's own question (after its own intent)
or "commune not found"; several -> buttons and "which one?", about the postal code when it is the cause.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.lib.communes import Commune, MatchResult


def one_commune_or_ask(dispatcher, tracker: Tracker, result: MatchResult, ask_intent: str, ask_response: str,
                       about_postal_code: bool) -> Tuple[Optional[Commune], List[EventType]]:
    """(the commune, []) when the message settles it; else (None, events) after asking the person."""
    communes = result.communes
    pending = tracker.get_slot("commune_candidates") or []
    if len(communes) > 1 and pending:
        communes = [c for c in communes if c.refnis in pending] or communes
    if not communes:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(response=ask_response if intent == ask_intent else "utter_commune_not_found")
        return None, [SlotSet("commune_candidates", None)]
    if len(communes) > 1:
        buttons = [{"title": c.name_fr, "payload": c.name_fr} for c in communes[:8]]
        if about_postal_code:
            dispatcher.utter_message(response="utter_ask_which_commune", buttons=buttons,
                                     postal_code=result.postal_code)
        else:  # an ambiguous name ("braine") or several communes named
            dispatcher.utter_message(response="utter_ask_which_commune_name", buttons=buttons)
        return None, [SlotSet("commune_candidates", [c.refnis for c in communes])]
    return communes[0], []
