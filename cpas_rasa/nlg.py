"""The Rasa server's response generator: every quoted fact is filled in when the answer is rendered.

endpoints.yml names it (``nlg: type: cpas_rasa.nlg.FactsNaturalLanguageGenerator``). It is Rasa's templated
generator (the responses of the domain, their variations, buttons and conditions) with more values to fill the
``{placeholders}``:
- the facts of the parameters for the bot's day (actions/rules/quoted.py ``quoted_facts(today())``; the day
  comes from actions/rules/clock.py, i.e. CPAS_TODAY when it is set): {ris_cat2}, {ris_date},
  {decision_days}...;
- the commune profile (knowledge/profiles/, CPAS_PROFILE): {cpas_name}, {cpas_phone}, {cpas_address},
  {cpas_hours}, {commune_name}.
So session start sets no slot and calls no action, and a conversation that crosses an indexation date speaks
the new value. The same holds for the responses that custom actions send with
``dispatcher.utter_message(response=...)``: Rasa renders them here too. Values given by the action win over
the facts, the facts over the slots.
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Any, Dict, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

from actions.lib.profile import Profile, load_profile
from actions.rules.clock import today
from actions.rules.quoted import quoted_facts

logger = logging.getLogger(__name__)


def profile_facts(profile: Profile) -> Dict[str, str]:
    """The profile's contact; {your_cpas} sends everyone to the CPAS of their own commune, names the profile's
    CPAS for its inhabitants and offers the finder to the others."""
    return {
        "your_cpas": (f"CPAS de votre commune (si vous habitez {profile.commune} : {profile.cpas_name}, "
                      f"{profile.cpas_phone} ; pour une autre commune, écrivez « Quel est mon CPAS ? »)"),
        "cpas_name": profile.cpas_name,
        "cpas_phone": profile.cpas_phone,
        "cpas_address": profile.cpas_address,
        "cpas_hours": profile.cpas_hours,
        "commune_name": profile.commune,
    }


@lru_cache(maxsize=4)
def _profile_facts(name: Optional[str]) -> Dict[str, str]:
    return profile_facts(load_profile(name))


def render_values() -> Dict[str, str]:
    """The values every response may use today: the profile and the facts of the day."""
    values = dict(_profile_facts(os.environ.get("CPAS_PROFILE") or None))
    values.update(quoted_facts(today()))
    return values


class FactsNaturalLanguageGenerator(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG, whose placeholders also get the profile and the dated facts of the day."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None,
                 responses: Optional[Dict[Text, Any]] = None) -> None:
        if responses is None:
            responses = domain.responses if domain is not None else {}
        super().__init__(responses)
        # Fail at start-up, not in a conversation, when the parameter file or the profile is broken.
        render_values()

    def _response_variables(self, filled_slots: Optional[Dict[Text, Any]],  # type: ignore[override]
                            kwargs: Dict[Text, Any]) -> Dict[Text, Any]:
        values: Dict[Text, Any] = dict(filled_slots or {})
        values.update(render_values())
        values.update(kwargs)
        return values
