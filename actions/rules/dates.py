"""Calendar helpers for the deadlines, and dates written the Belgian French way."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Optional

from .clock import today
from .fr import MONTHS_FR, format_date_fr  # noqa: F401 - the one way to write dates (fr.py)


def as_date(value: Any, what: str = "La date") -> dt.date:
    """A date from a date, a datetime or an ISO text (2025-02-01)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{what} : une date AAAA-MM-JJ est attendue, reçu {value!r}.")


def on_or_today(on: Optional[Any]) -> dt.date:
    return today() if on is None else as_date(on)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number ``months`` later; the 31st becomes the last day of a shorter month."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_day_of_month_after(day: dt.date, months: int) -> dt.date:
    """The 1st of the ``months``-th month after the month of ``day`` (20 March, 2 -> 1 May)."""
    return add_months(day.replace(day=1), months)
