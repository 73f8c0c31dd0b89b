"""The warning about unofficial, commercial CPAS sites (cpas-info.be, ocmw-hulp.be...)."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction

from actions.lib.faq_topics import faq_answer_of
from actions.lib.profile import load_profile
from actions.lib.sites import find_unofficial_mentions, mentions_official

ORIGINAL_INTENT_KEY = "cpas_original_intent"  # set by cpas_rasa.nlu.site_mentions in the Rasa server
# The FAQ answer chosen for a message that names a site is only added when the selector is fairly sure.
FAQ_MIN_CONFIDENCE = 0.5
# Intents whose own answer should follow the warning when the message also asked them.
FOLLOWUP_ACTIONS = {"ask_my_cpas": "action_find_cpas", "inform_commune": "action_find_cpas"}
NO_EXTRA_ANSWER = {
    "mention_unofficial_site", "greet", "goodbye", "thank", "affirm", "deny", "dont_know", "stop",
    "why_question", "nlu_fallback", "out_of_scope", "other_language", "empty_message", None,
}
PERSONAL_DATA = re.compile(
    r"registre national|num[eé]ro national|n(?:°|um[eé]ro)? ?(?:de )?registre|niss|rempli|"
    r"formulaire|donn[eé] mes|donn[eé] mon|envoy[eé] mes|envoy[eé] mon|inscrit|inscrite|"
    r"iban|num[eé]ro de compte|compte bancaire|carte d.identit[eé]|mes donn[eé]es|mes coordonn[eé]es|"
    r"adresse mail|e-?mail|t[eé]l[eé]phone",
    re.IGNORECASE,
)


# "cpas-info dit que j'ai droit à 1 500 €": an amount quoted from the site gets the real, dated amounts.
AMOUNT_CLAIM = re.compile(r"\d[\d .,]*\s*(?:€|eur\b|euros?\b)|€\s*\d", re.IGNORECASE)
AMOUNTS_ANSWER = "utter_faq/ris_amounts"


def gave_personal_data(text: str) -> bool:
    return bool(PERSONAL_DATA.search(text or ""))


class ActionWarnUnofficialSite(Action):
    def name(self) -> Text:
        return "action_warn_unofficial_site"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        try:
            profile = load_profile()
            official = profile.official_domains
        except ValueError:
            profile, official = None, ()
        mentions = find_unofficial_mentions(text, extra_official=official)
        if not mentions:
            named = mentions_official(text, extra_official=official)
            if named:
                dispatcher.utter_message(response="utter_official_site_ok", site=named[0])
            else:
                dispatcher.utter_message(response="utter_site_unknown_advice")
            return []

        dispatcher.utter_message(response="utter_unofficial_site_warning", site=mentions[0].domain)
        # Everyone is sent to the CPAS of their own commune; the profile's CPAS is named for its inhabitants
        # (the response says "si vous habitez <commune>") and the finder is offered to the others.
        if profile is not None:
            dispatcher.utter_message(response="utter_unofficial_site_next_step")
        else:
            dispatcher.utter_message(response="utter_unofficial_site_next_step_finder")
        if gave_personal_data(text):
            dispatcher.utter_message(response="utter_unofficial_site_data_given")

        if tracker.active_loop.get("name"):
            return []  # inside a form: the form asks its question again right after.
        original = message.get(ORIGINAL_INTENT_KEY)
        if AMOUNT_CLAIM.search(text):
            dispatcher.utter_message(response=AMOUNTS_ANSWER)
        elif original == "faq":
            answer = faq_answer_of(message, FAQ_MIN_CONFIDENCE)
            if answer and answer in (domain.get("responses") or {}):
                dispatcher.utter_message(response=answer)
        elif original in FOLLOWUP_ACTIONS:
            return [FollowupAction(FOLLOWUP_ACTIONS[original])]
        elif original not in NO_EXTRA_ANSWER and f"utter_{original}" in (domain.get("responses") or {}):
            dispatcher.utter_message(response=f"utter_{original}")
        return []
