"""Formerly the ~35 slots set at session start. The facts now come from actions/rules/quoted.py and are filled
in by the Rasa server when it renders an answer (cpas_rasa/nlg.py); session start sets nothing.

Kept for the callers of ``session_slots`` / ``amount_slots`` (scripts, other branches): the same values.
"""
from __future__ import annotations

from datetime import date
from typing import Dict, Optional

from actions.lib.profile import Profile, load_profile
from actions.rules.clock import today
from actions.rules.quoted import quoted_facts


def amount_slots(on: date) -> Dict[str, str]:
    """Every fact the answers quote on ``on`` (actions/rules/quoted.py)."""
    return quoted_facts(on)


def profile_slots(profile: Profile) -> Dict[str, str]:
    return {
        "cpas_name": profile.cpas_name,
        "cpas_phone": profile.cpas_phone,
        "cpas_address": profile.cpas_address,
        "cpas_hours": profile.cpas_hours,
        "commune_name": profile.commune,
    }


def session_slots(on: Optional[date] = None, profile: Optional[Profile] = None) -> Dict[str, str]:
    return {**profile_slots(profile or load_profile()), **amount_slots(on or today())}
