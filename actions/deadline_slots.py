"""Procedure delays quoted by the answers, as slots: {decision_days} "30 jours", {notification_days} "8 jours",
{first_payment_days} "15 jours", {appeal_months} "3 mois" (actions/rules/parameters.yml, `deadlines`).

A stopgap so that the answers of issue 13 that state these delays render on this branch: the "knowledge" work
fills the same names through a custom NLG (cpas_rasa/nlg.py there). When that lands, drop this module, its call in
actions/session_slots.py and the four slots in domain.yml.
"""
from __future__ import annotations

from datetime import date
from typing import Dict

from actions.rules.parameters import parameter


def deadline_slots(on: date) -> Dict[str, str]:
    deadlines = parameter("deadlines", on)
    days = lambda key: f"{int(deadlines[key])} jours"  # noqa: E731
    return {
        "decision_days": days("decision_days"),
        "notification_days": days("notification_days"),
        "first_payment_days": days("first_payment_days"),
        "appeal_months": f"{int(deadlines['appeal_months'])} mois",
    }
