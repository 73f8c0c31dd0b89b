"""Sanctions on the revenu d'intégration: maximum suspension, start date, suspended sanctions.

Legal source: loi du 26 mai 2002 concernant le droit à l'intégration sociale, art. 30 (§1 undeclared
resources or fraud, §2 PIIS obligations; sursis possible since a 2016 law).
Documents: FAQ CPAS commune (sanctions), guide ASPH 2018 (PIIS, D.2, with a worked example).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .assessment import check_choice
from .dates import as_date, first_day_of_month_after, on_or_today
from .parameters import parameter

KINDS = ("undeclared", "fraud", "piis")


def sanction_max_months(kind: str, recidivism: bool, on: Optional[dt.date] = None) -> int:
    """Longest suspension of the RIS payment, in months.

    undeclared resources: 6 (doubled, 12, on recidivism within 3 years); fraud: 12 (24);
    PIIS obligations not kept after a formal notice: 1 (3 on recidivism within 1 year).
    """
    check_choice(kind, KINDS, "Type de sanction")
    if kind is None:
        raise ValueError("Type de sanction : une valeur est attendue (undeclared, fraud, piis).")
    row = parameter("sanctions", on_or_today(on))
    if kind == "piis":
        return int(row["piis_recidivism_months"] if recidivism else row["piis_months"])
    months = row["undeclared_months"] if kind == "undeclared" else row["fraud_months"]
    return int(months * row["recidivism_factor"] if recidivism else months)


def sanction_earliest_start(notified_on: dt.date) -> dt.date:
    """A sanction starts at the earliest on the 1st day of the 2nd month after the notification
    (notified on 20 March -> 1 May)."""
    notified_on = as_date(notified_on, "La date de notification")
    return first_day_of_month_after(notified_on, int(parameter("sanctions", notified_on)["start_month_offset"]))


def suspended_sanction_latest_application(decided_on: dt.date) -> dt.date:
    """A suspended sanction (sursis) whose condition is broken must be applied at the latest on the
    1st day of the 6th month after the decision, that day included (20 March -> 1 September)."""
    decided_on = as_date(decided_on, "La date de la décision")
    return first_day_of_month_after(decided_on, int(parameter("sanctions", decided_on)["suspended_month_offset"]))
