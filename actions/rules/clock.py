"""The bot's clock: the one place that says which day it is.

``today()`` is the real date, or the date in the environment variable CPAS_TODAY (AAAA-MM-JJ) when it is set.
The Rasa server (cpas_rasa/nlg.py, the facts quoted in the answers), the action server (the checks, the
deadlines) and the rules (``on=None``) all read it here, so that:
- staff can preview an indexation before it applies: ``CPAS_TODAY=2027-01-01 make run``;
- tests start the bot on a fixed day and never depend on the calendar.
"""
from __future__ import annotations

import datetime as dt
import os

CLOCK_VARIABLE = "CPAS_TODAY"


def today() -> dt.date:
    """Today, or the day set by CPAS_TODAY."""
    raw = os.environ.get(CLOCK_VARIABLE, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{CLOCK_VARIABLE}={raw!r} : une date AAAA-MM-JJ est attendue.") from None
