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


def general_exemption_yearly(category: int, on: dt.date) -> Decimal:
    """Exonération générale per year for a RIS category (AR 11/07/2002 art. 22): 155 / 250 / 310 €."""
    if category not in (1, 2, 3):
        raise ValueError(f"Catégorie inconnue : {category!r} (1, 2 ou 3).")
    return cents(parameter("exoneration_general", as_date(on))[f"cat{category}"])
