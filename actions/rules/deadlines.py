"""Procedure deadlines: CPAS decision, notification, first payment, appeal to the tribunal du travail.

Legal source: loi du 26 mai 2002 concernant le droit à l'intégration sociale, art. 21 (decision within
30 days, notification within 8 days), art. 47 (appeal within 3 months); loi organique des CPAS du
8 juillet 1976, art. 71 (aide sociale). Document: guide ASPH 2018 (aide sociale B et F ; RIS B.4 à B.9).
"""
from __future__ import annotations

import datetime as dt

from .dates import add_months, as_date
from .parameters import parameter


def _days(name: str, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(parameter("deadlines", start)[name]))


def appeal_deadline(notified_on: dt.date) -> dt.date:
    """Last day to appeal to the tribunal du travail: 3 months after the notification, same day
    number, the end of a shorter month clamped (30 November -> 28 February).

    Not handled: the extension to the next working day when that day is a Saturday, Sunday or public
    holiday (Code judiciaire, art. 53), and appeals against a missing decision.
    """
    notified_on = as_date(notified_on, "La date de notification")
    return add_months(notified_on, int(parameter("deadlines", notified_on)["appeal_months"]))


def decision_deadline(received_on: dt.date) -> dt.date:
    """Last day for the CPAS to decide: 30 days after it received the request."""
    return _days("decision_days", as_date(received_on, "La date de la demande"))


def notification_deadline(decided_on: dt.date) -> dt.date:
    """Last day to notify the decision: 8 days after it was taken."""
    return _days("notification_days", as_date(decided_on, "La date de la décision"))


def first_payment_deadline(decided_on: dt.date) -> dt.date:
    """Latest first payment of the RIS: 15 days after the decision."""
    return _days("first_payment_days", as_date(decided_on, "La date de la décision"))
