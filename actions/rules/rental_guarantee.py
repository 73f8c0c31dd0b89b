"""Garantie locative: the CPAS can advance (or guarantee) a rental deposit.

Legal source: loi organique des CPAS du 8 juillet 1976, art. 57 (aide sociale). Document: guide ASPH
2018 (« L'aide au logement »). Each CPAS sets its own practice (advance, bank guarantee, letter).
"""
from __future__ import annotations

from typing import Optional

from .assessment import Assessment, from_answer, make_assessment

LEGAL_SOURCE = "Loi organique des CPAS du 8 juillet 1976, art. 57"


def assess_rental_guarantee(lives_in_belgium: Optional[bool], in_need: Optional[bool]) -> Assessment:
    """Two conditions: usual and effective residence in Belgium, and being in need."""
    conditions = [
        from_answer(
            "residence",
            lives_in_belgium,
            "Vous vivez habituellement en Belgique.",
            "Il faut vivre habituellement et réellement en Belgique.",
            "Il faut vivre habituellement en Belgique.",
        ),
        from_answer(
            "in_need",
            in_need,
            "Vous ne pouvez pas payer la garantie locative vous-même.",
            "L'aide est pour les personnes qui ne peuvent pas payer la garantie elles-mêmes.",
            "Le CPAS vérifiera si vous pouvez payer la garantie vous-même.",
        ),
    ]
    return make_assessment(
        conditions,
        sources=(LEGAL_SOURCE, "guide ASPH 2018 (aide au logement)"),
        next_step=(
            "Parlez-en au CPAS si possible avant de signer le bail, avec le projet de bail et le montant "
            "de la garantie."
        ),
    )
