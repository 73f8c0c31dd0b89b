"""How the bot writes numbers for people in Belgium, in every answer and every check result.

One rule for euros: cents only when the amount is not whole ("1 314,20 €", "300 €", "0,50 €").
One rule for dates: "1er février 2025", "15 mars 2026". Periods: "30 jours", "1 mois", "3 ans", "6 %".
Pure: no rasa import. actions/formatting.py and actions/rules/money.py re-export these functions.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Optional

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
CENT = Decimal("0.01")


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_number(value: Any, decimals: int = 0) -> str:
    """1500 -> "1 500"; format_number(0.635, 3) -> "0,635"."""
    text = f"{_decimal(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def format_eur(amount: Any, cents: Optional[bool] = None, with_cents: Optional[bool] = None) -> str:
    """1314.2 -> "1 314,20 €"; 300 -> "300 €" (cents only when the amount is not whole).

    ``cents`` / ``with_cents`` are accepted for the callers of the two former functions and ignored: there is
    one way to write euros.
    """
    value = _decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    whole = value == value.to_integral_value()
    return f"{format_number(value, 0 if whole else 2)} €"


def format_date_fr(day: dt.date) -> str:
    """date(2025, 2, 1) -> "1er février 2025"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def format_percent(rate: Any) -> str:
    """0.06 -> "6 %"; 0.025 -> "2,5 %"."""
    value = (_decimal(rate) * 100).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    return f"{format_number(value, decimals)} %"


def _count(number: Any, singular: str, plural: str) -> str:
    value = _decimal(number)
    if value != value.to_integral_value():
        raise ValueError(f"{number!r} {plural} : un nombre entier est attendu.")
    return f"{format_number(value)} {singular if abs(value) <= 1 else plural}"


def format_days(number: Any, qualifier: str = "") -> str:
    """30 -> "30 jours"; format_days(7, "ouvrables") -> "7 jours ouvrables"."""
    text = _count(number, "jour", "jours")
    return f"{text} {qualifier}" if qualifier else text


def format_months(number: Any) -> str:
    """3 -> "3 mois"."""
    return _count(number, "mois", "mois")


def format_years(number: Any) -> str:
    """25 -> "25 ans"; 1 -> "1 an"."""
    return _count(number, "an", "ans")


def format_litres(number: Any) -> str:
    """1500 -> "1 500 litres"."""
    return _count(number, "litre", "litres")


def format_cents(amount_eur: Any) -> str:
    """0.14 (euro) -> "14 cents"."""
    return _count((_decimal(amount_eur) * 100).to_integral_value(rounding=ROUND_HALF_UP), "cent", "cents")


def format_ordinal_month(number: Any) -> str:
    """2 -> "2e mois"; 1 -> "1er mois"."""
    value = int(_decimal(number))
    return f"{value}{'er' if value == 1 else 'e'} mois"
