"""Aide médicale urgente (AMU): medical care paid by the CPAS for people without legal stay.

Legal source: loi organique des CPAS du 8 juillet 1976, art. 57 §2, and arrêté royal du
12 décembre 1996 relatif à l'aide médicale urgente. Document: guide ASPH 2018 (aide médicale urgente).
"""
from __future__ import annotations

from typing import Optional

from .assessment import Assessment, from_answer, make_assessment

LEGAL_SOURCE = "Loi organique des CPAS du 8 juillet 1976, art. 57 §2 ; AR du 12 décembre 1996"


def assess_urgent_medical_aid(legal_stay: Optional[bool], in_need: Optional[bool]) -> Assessment:
    """Two conditions: no legal stay, and in need (no resources to pay for care)."""
    conditions = [
        from_answer(
            "no_legal_stay",
            None if legal_stay is None else not legal_stay,
            "Vous n'avez pas de séjour légal : l'aide médicale urgente est prévue pour vous.",
            "Avec un séjour légal, demandez plutôt l'aide médicale du CPAS ou une mutuelle.",
            "L'aide médicale urgente est pour les personnes sans séjour légal.",
        ),
        from_answer(
            "in_need",
            in_need,
            "Vous n'avez pas assez de ressources pour payer vos soins.",
            "Il faut ne pas avoir assez de ressources pour payer les soins.",
            "Le CPAS vérifiera que vous n'avez pas assez de ressources pour payer les soins.",
        ),
    ]
    return make_assessment(
        conditions,
        sources=(LEGAL_SOURCE, "guide ASPH 2018 (aide médicale urgente)"),
        next_step=(
            "Demandez l'aide médicale urgente au CPAS de la commune où vous vivez, si possible avant les soins. "
            "Le CPAS paie directement le médecin, l'hôpital ou la pharmacie."
        ),
    )
