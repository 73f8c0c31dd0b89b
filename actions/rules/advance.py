"""Avance sur allocations sociales: the CPAS advances a benefit while the body that owes it decides.

Legal source: loi organique des CPAS du 8 juillet 1976 (aide sociale, art. 1er et 57) ; loi du
26 mai 2002 (DIS). Document: guide ASPH 2018 (« Les avances sur les allocations sociales »).
"""
from __future__ import annotations

from typing import Optional

from .assessment import Assessment, from_answer, make_assessment

LEGAL_SOURCE = "Loi organique des CPAS du 8 juillet 1976, art. 57"


def assess_advance(in_need: Optional[bool], entitled_to_benefit: Optional[bool]) -> Assessment:
    """Two conditions: being in need, and being entitled to a social benefit not yet paid."""
    conditions = [
        from_answer(
            "in_need",
            in_need,
            "Vous n'arrivez pas à payer l'essentiel (logement, nourriture, vêtements, hygiène, soins).",
            "L'avance est pour les personnes qui n'arrivent plus à payer l'essentiel.",
            "Le CPAS vérifiera si vous arrivez à payer l'essentiel (logement, nourriture, soins...).",
        ),
        from_answer(
            "entitled_to_benefit",
            entitled_to_benefit,
            "Vous avez droit à une allocation (chômage, mutuelle, pension...) qui n'est pas encore payée.",
            "L'avance suppose un droit à une allocation qui n'est pas encore payée.",
            "Il faut avoir droit à une allocation (chômage, mutuelle, pension...) pas encore payée.",
        ),
    ]
    return make_assessment(
        conditions,
        sources=(LEGAL_SOURCE, "guide ASPH 2018 (avances sur les allocations sociales)"),
        next_step=(
            "Demandez une avance au CPAS de votre commune ; apportez la preuve de votre demande à l'organisme "
            "(chômage, mutuelle, pension...)."
        ),
    )
