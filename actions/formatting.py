"""How amounts and dates are written: kept for the modules that import it; the one copy is actions/rules/fr.py."""
from __future__ import annotations

from actions.rules.fr import MONTHS_FR, format_date_fr, format_eur, format_number, format_percent  # noqa: F401

NBSP = "\u00a0"
