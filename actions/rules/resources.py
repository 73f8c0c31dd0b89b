"""Resources counted for the revenu d'intégration: savings, real estate, general exemption.

Legal source: arrêté royal du 11 juillet 2002 portant règlement général en matière de droit à
l'intégration sociale (art. 22 exonération générale, art. 25 biens immobiliers, art. 27 capitaux mobiliers).
Figures: guide ASPH 2018 (RIS, B.2.4), FAQ CPAS commune, droitsquotidiens.be.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Optional

from .dates import as_date, on_or_today
from .money import cents, non_negative
from .parameters import parameter

ZERO = Decimal("0")


def savings_yearly_resources(savings: Any, on: Optional[dt.date] = None) -> Decimal:
    """Yearly resources counted for savings (capitaux mobiliers, AR 11/07/2002 art. 27).

    Nothing up to ``low`` (6 200 €), ``rate_low`` (6 %) of the part between ``low`` and ``high``
    (12 500 €), ``rate_high`` (10 %) of the part above ``high``. Rounded to the cent.
    """
    amount = non_negative(savings, "L'épargne")
    row = parameter("savings", on_or_today(on))
    low, high = row["low"], row["high"]
    middle_part = max(ZERO, min(amount, high) - low)
    upper_part = max(ZERO, amount - high)
    return cents(middle_part * row["rate_low"] + upper_part * row["rate_high"])


def real_estate_yearly_resources(cadastral_income: Any, children: int, on: dt.date) -> Decimal:
    """Part of the global cadastral income counted (AR 11/07/2002 art. 25, simplified).

    The cadastral income above ``exempt`` (750 €) + ``per_child`` (125 €) per child for whom the person
    receives family allowances. The CPAS applies the exact rule (share owned, usufruct, own home...).
    """
    income = non_negative(cadastral_income, "Le revenu cadastral")
    if isinstance(children, bool) or not isinstance(children, int) or children < 0:
        raise ValueError(f"Le nombre d'enfants doit être un entier positif ou nul (reçu {children!r}).")
    row = parameter("real_estate", as_date(on))
    return cents(max(ZERO, income - row["exempt"] - row["per_child"] * children))


def general_exemption_yearly(category: int, on: dt.date) -> Decimal:
    """Exonération générale per year for a RIS category (AR 11/07/2002 art. 22): 155 / 250 / 310 €."""
    if category not in (1, 2, 3):
        raise ValueError(f"Catégorie inconnue : {category!r} (1, 2 ou 3).")
    return cents(parameter("exoneration_general", as_date(on))[f"cat{category}"])
