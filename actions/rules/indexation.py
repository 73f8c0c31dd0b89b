"""What the answers say about an announced indexation (a ``status: announced`` row of parameters.yml).

From the announced row's date on, and until the official row replaces it, the amounts shown stay those of the
official row before it, with their date, and this note says that they were indexed and that the CPAS gives the
exact amount. Before the announced date, nothing is said: a date in 2025 never hears of March 2026.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional, Union

from .fr import format_date_fr, format_percent
from .parameters import announcement

EXACT_AMOUNT = "Le CPAS vous donne le montant exact."


def indexation_note(name: str, on: dt.date, plural: bool = True,
                    path: Union[str, Path, None] = None) -> Optional[str]:
    """"Ces montants ont été indexés de 2 % au 1er mars 2026 ; ..." when an indexation of ``name`` is announced
    and in force on ``on`` without its official amounts; else None."""
    row = announcement(name, on, path)
    if row is None:
        return None
    rate, since = format_percent(row["rate"]), format_date_fr(row.since)
    if plural:
        return (f"Ces montants ont été indexés de {rate} au {since} ; les nouveaux montants officiels ne sont pas "
                f"encore publiés : le CPAS vous donne le montant exact.")
    return (f"Ce montant a été indexé de {rate} au {since} ; le nouveau montant officiel n'est pas encore "
            f"publié : le CPAS vous donne le montant exact.")
