"""Prime d'installation: once in a lifetime, for someone who leaves homelessness (or a camping).

Legal source: loi du 26 mai 2002 concernant le droit à l'intégration sociale, art. 14 §3 (the amount
equals the monthly category 3 amount: derived here from ris_monthly.cat3, never stored twice);
loi du 2 avril 1965 for the other incomes (equivalent aid).
Documents: FAQ CPAS commune, page « Comment s'inscrire au CPAS » (the five conditions), bdas-wwsb.brussels.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Optional

from .assessment import (
    Assessment,
    ConditionResult,
    Status,
    check_choice,
    from_answer,
    make_assessment,
    met,
    not_met,
    unknown,
)
from .dates import as_date, format_date_fr
from .indexation import indexation_note
from .money import cents, format_eur, non_negative
from .parameters import Row, parameter

RIS, CATEGORY_3 = "ris_monthly", "cat3"

LEGAL_SOURCE = "Loi du 26 mai 2002 concernant le droit à l'intégration sociale, art. 14 §3"
INCOME_SOURCES = {
    "ris": "le revenu d'intégration",
    "equivalent_aid": "une aide sociale équivalente du CPAS",
    "social_security": "une allocation de la sécurité sociale (chômage, invalidité...)",
    "grapa": "la garantie de revenus aux personnes âgées (GRAPA)",
}


def installation_premium_row(on: dt.date) -> Row:
    """The row the premium comes from: the RIS row in force on ``on`` (the premium is its catégorie 3)."""
    return parameter(RIS, as_date(on))


def installation_premium_amount(on: dt.date) -> Decimal:
    """Amount of the premium in force on ``on``: the monthly RIS of catégorie 3 on that date (art. 14 §3)."""
    return cents(installation_premium_row(on)[CATEGORY_3])


def _income_condition(income_source: Optional[str], monthly_income: Any, on: dt.date) -> ConditionResult:
    check_choice(income_source, tuple(INCOME_SOURCES) + ("none",), "Source de revenus")
    if income_source in INCOME_SOURCES:
        return met("income", f"Vous recevez {INCOME_SOURCES[income_source]}.")
    if income_source is None:
        return unknown("income", "Il faut savoir quels revenus vous recevez (RIS, chômage, mutuelle, GRAPA...).")
    row = parameter("prime_low_income_threshold", on)
    threshold = f"{format_eur(row['amount'])} par mois (montant du {format_date_fr(row.since)})"
    if monthly_income is None:
        return unknown("income", f"Sans RIS ni allocation, vos revenus doivent rester sous {threshold}.")
    if non_negative(monthly_income, "Le revenu mensuel") < row["amount"]:
        return met("income", f"Vos revenus sont sous {threshold} ; le CPAS applique le montant à jour.")
    return not_met("income", f"Vos revenus dépassent {threshold} ; le CPAS applique le montant à jour.")


def assess_installation_premium(
    on: dt.date,
    *,
    found_home: Optional[bool] = None,
    main_residence: Optional[bool] = None,
    was_homeless_or_camping: Optional[bool] = None,
    income_source: Optional[str] = None,
    monthly_income: Any = None,
    already_received: Optional[bool] = None,
) -> Assessment:
    """The five conditions of the installation premium, and its amount on ``on``."""
    on = as_date(on)
    row = installation_premium_row(on)
    conditions = [
        from_answer(
            "found_home",
            found_home,
            "Vous avez trouvé un logement (vous pouvez y vivre avec d'autres personnes).",
            "Il faut d'abord avoir trouvé un logement à louer ou à occuper.",
            "Il faut avoir trouvé un logement à louer ou à occuper.",
        ),
        from_answer(
            "main_residence",
            main_residence,
            "Ce logement est votre résidence principale.",
            "Le logement doit être votre résidence principale, pas un lieu provisoire.",
            "Le logement doit être votre résidence principale (là où vous vivez la plupart du temps).",
        ),
        from_answer(
            "was_homeless",
            was_homeless_or_camping,
            "Avant, vous étiez sans abri ou vous viviez en permanence dans un camping.",
            "La prime est pour les personnes qui étaient sans abri ou vivaient dans un camping.",
            "Il faut avoir été sans abri (rue, squat, hébergement provisoire, maison d'accueil, prison...) "
            "ou avoir vécu dans un camping.",
        ),
        _income_condition(income_source, monthly_income, on),
        from_answer(
            "first_time",
            None if already_received is None else not already_received,
            "Vous n'avez jamais reçu cette prime.",
            "La prime n'est donnée qu'une fois dans la vie : vous l'avez déjà reçue.",
            "La prime n'est donnée qu'une fois dans la vie.",
        ),
    ]
    if any(condition.status is Status.NOT_MET for condition in conditions):
        return make_assessment(
            conditions,
            sources=(row.source, LEGAL_SOURCE),
            next_step=(
                "Le CPAS peut peut-être vous aider autrement pour vous installer : "
                "parlez-en à un assistant social."
            ),
        )
    amount = cents(row[CATEGORY_3])
    explanation = (
        f"Prime d'installation au {format_date_fr(row.since)} : {format_eur(amount)} (le montant mensuel du "
        f"revenu d'intégration de catégorie 3), une seule fois dans la vie."
    )
    note = indexation_note(RIS, on, plural=False)
    if note:
        explanation += f"\n{note}"
    return make_assessment(
        conditions,
        amount=amount,
        amount_explanation=explanation,
        amount_date=row.since,
        sources=(row.source, LEGAL_SOURCE),
        next_step=(
            "Demandez la prime au CPAS de la commune où se trouve votre nouveau logement, avec votre bail "
            "ou une preuve que vous y habitez."
        ),
    )
