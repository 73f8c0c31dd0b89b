"""Which CPAS: the commune finder in the conversation."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.communes import cpas_name, find_communes, has_cpas, region_label
from actions.profile import load_profile


class ActionFindCpas(Action):
    """Answers "quel est mon CPAS ?" from a commune name or a postal code in the message."""

    def name(self) -> Text:
        return "action_find_cpas"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        result = find_communes(text)
        communes = result.communes
        pending = tracker.get_slot("commune_candidates") or []
        if len(communes) > 1 and pending:
            narrowed = [c for c in communes if c.refnis in pending]
            communes = narrowed or communes
        if not communes:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            response = "utter_ask_commune" if intent == "ask_my_cpas" else "utter_commune_not_found"
            dispatcher.utter_message(response=response)
            return [SlotSet("commune_candidates", None)]
        if len(communes) > 1:
            buttons = [{"title": c.name_fr, "payload": c.name_fr} for c in communes[:8]]
            if result.postal_code:
                dispatcher.utter_message(response="utter_ask_which_commune", buttons=buttons,
                                         postal_code=result.postal_code)
            else:  # an ambiguous name ("braine") or several communes named
                dispatcher.utter_message(response="utter_ask_which_commune_name", buttons=buttons)
            return [SlotSet("commune_candidates", [c.refnis for c in communes])]
        commune = communes[0]
        if not has_cpas(commune):
            dispatcher.utter_message(response="utter_cpas_none_herstappe")
        elif _is_profile_commune(commune.name_fr):
            dispatcher.utter_message(response="utter_cpas_found_is_profile", commune=commune.name_fr)
        else:
            dispatcher.utter_message(
                response="utter_cpas_found", commune=commune.name_fr,
                region=region_label(commune), cpas=cpas_name(commune),
            )
        return [SlotSet("commune_candidates", None)]


def _is_profile_commune(name: str) -> bool:
    try:
        return load_profile().commune.casefold() == name.casefold()
    except ValueError:
        return False
