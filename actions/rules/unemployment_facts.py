"""The facts of the unemployment time limit (loi-programme du 18 juillet 2025) quoted by the answers
utter_faq/unemployment_* (data/responses/faq_unemployment.yml), formatted for people.

Pure: ``unemployment_facts(on)`` returns placeholder name -> text, read from the parameters
``unemployment_time_limit`` and ``unemployment_end_waves`` of actions/rules/parameters.yml;
``actions/rules/quoted.quoted_facts`` merges them with the other facts.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Dict, Optional, Union

from .fr import MONTHS_FR, format_date_fr, format_months, format_years
from .parameters import Parameter, Row, parameter_info

PathLike = Optional[Union[str, Path]]


def _month_year(day: date) -> str:
    """date(2026, 7, 1) -> "juillet 2026"."""
    return f"{MONTHS_FR[day.month - 1]} {day.year}"


def _in_force_or_first(param: Parameter, on: date) -> Row:
    """The row in force on ``on``; before the first row (a date before the reform), the first row: the
    answers describe the announced rule rather than fail."""
    return param.at(on) if on >= param.rows[0].since else param.rows[0]


def end_waves(path: PathLike = None) -> Dict[str, str]:
    """The dates on which people already unemployed lose their benefit: three fixed-date waves
    (``fixed_date: 1``), then each person on the anniversary date of his or her right from the row with
    ``fixed_date: 0``, until the row with ``transition_end: 1``."""
    rows = parameter_info("unemployment_end_waves", path).rows
    fixed = [row.since for row in rows if row["fixed_date"] == 1 and row["transition_end"] == 0]
    anniversary = [row.since for row in rows if row["fixed_date"] == 0 and row["transition_end"] == 0]
    end = [row.since for row in rows if row["transition_end"] == 1]
    if len(fixed) != 3 or len(anniversary) != 1 or len(end) != 1:
        raise ValueError("unemployment_end_waves : 3 vagues à date fixe, 1 ligne « date anniversaire » et "
                         "1 ligne de fin sont attendues (les réponses en citent autant).")
    return {
        "unemployment_wave1_date": format_date_fr(fixed[0]),
        "unemployment_wave2_date": format_date_fr(fixed[1]),
        "unemployment_wave3_date": format_date_fr(fixed[2]),
        "unemployment_anniversary_from": _month_year(anniversary[0]),
        "unemployment_waves_end": _month_year(end[0]),
    }


def unemployment_facts(on: date, path: PathLike = None) -> Dict[str, str]:
    """Every placeholder of the unemployment answers, as shown to people, for the date ``on`` (``path``: another
    parameter file, for tests)."""
    limit = _in_force_or_first(parameter_info("unemployment_time_limit", path), on)
    return {
        "unemployment_full_max": format_months(limit["full_benefit_max_months"]),
        "unemployment_insertion_max": format_months(limit["insertion_max_months"]),
        "unemployment_long_years": format_years(limit["long_unemployment_years"]),
        "unemployment_medium_years": format_years(limit["medium_unemployment_years"]),
        "unemployment_rule_date": format_date_fr(limit.since),
        **end_waves(path),
    }
