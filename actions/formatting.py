"""How amounts and dates are written for people in Belgium: "1 314,20 €", "1er février 2025"."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
NBSP = "\u00a0"


def format_eur(amount: Decimal, cents: bool | None = None) -> str:
    """1314.2 -> "1 314,20 €"; whole amounts lose their cents unless ``cents`` is True."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if cents is None:
        cents = value != value.to_integral_value()
    text = f"{value:,.2f}" if cents else f"{value:,.0f}"
    text = text.replace(",", " ").replace(".", ",")
    return f"{text} €"


def format_date_fr(day: date) -> str:
    """date(2025, 2, 1) -> "1er février 2025"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"
