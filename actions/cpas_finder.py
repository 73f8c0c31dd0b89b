"""Which CPAS: the commune finder in the conversation."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions._which_commune import one_commune_or_ask
from actions.lib.communes import MatchResult, cpas_name, find_communes, get_commune, has_cpas, region_label
from actions.lib.profile import load_profile


class ActionFindCpas(Action):
    """Answers "quel est mon CPAS ?" from a commune name or a postal code in the message."""

    def name(self) -> Text:
        return "action_find_cpas"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        result = find_communes(tracker.latest_message.get("text") or "")
        remembered = get_commune(tracker.get_slot("person_commune") or "")
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not result and remembered is not None and intent == "ask_my_cpas":
            # "Quel est mon CPAS ?" after naming one's commune in a check ("oui, j'habite à Wavre")
            result = MatchResult(communes=[remembered], exact=True, via="name")
        commune, events = one_commune_or_ask(dispatcher, tracker, result, "ask_my_cpas", "utter_ask_commune",
                                             about_postal_code=bool(result.postal_code))
        if commune is None:
            return events
        if not has_cpas(commune):
            dispatcher.utter_message(response="utter_cpas_none_herstappe")
        elif _is_profile_commune(commune.name_fr):
            dispatcher.utter_message(response="utter_cpas_found_is_profile", commune=commune.name_fr)
        else:
            dispatcher.utter_message(
                response="utter_cpas_found", commune=commune.name_fr,
                region=region_label(commune), cpas=cpas_name(commune),
            )
        return [SlotSet("commune_candidates", None), SlotSet("person_commune", commune.refnis)]


def _is_profile_commune(name: str) -> bool:
    try:
        return load_profile().commune.casefold() == name.casefold()
    except ValueError:
        return False
