"""Revenu d'intégration (RIS): amount by category, a first estimate, and the six conditions.

Legal source: loi du 26 mai 2002 concernant le droit à l'intégration sociale (art. 3 conditions,
art. 14 catégories et montants, art. 16 ressources) and its arrêté royal du 11 juillet 2002
(art. 22 exonération générale, art. 34 cohabitants, art. 35 exonération socioprofessionnelle).
Documents: FAQ CPAS commune, guide ASPH 2018 (RIS), fiche CPAS La Hulpe, mises à jour 2025-2026.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, List, Optional, Tuple

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
from .parameters import parameter
from .resources import general_exemption_yearly, savings_yearly_resources

LEGAL_SOURCE = "Loi du 26 mai 2002 concernant le droit à l'intégration sociale ; AR du 11 juillet 2002"
CATEGORY_LABELS = {1: "personne cohabitante", 2: "personne isolée", 3: "famille à charge"}
LIVES_WITH = ("alone", "partner", "parents", "others", "family_in_charge")
MINOR_CASES = ("emancipated", "with_child", "pregnant", "none")
STATUSES_ENTITLED = {
    "belgian": "Vous êtes Belge",
    "eu_over_3_months": "Vous êtes citoyen européen avec un séjour de plus de 3 mois",
    "population_register": "Vous êtes inscrit au registre de la population",
    "refugee": "Vous êtes réfugié reconnu",
    "stateless": "Vous êtes apatride",
    "subsidiary_protection": "Vous avez la protection subsidiaire",
}
STATUSES = tuple(STATUSES_ENTITLED) + ("asylum_seeker", "no_legal_stay", "other")
WORK_EXEMPTIONS = ("health", "equity")
ZERO = Decimal("0")


def ris_category(category: Any) -> int:
    """1 cohabitant, 2 isolé, 3 famille à charge; anything else is a ValueError."""
    if isinstance(category, bool):
        raise ValueError(f"Catégorie de revenu d'intégration inconnue : {category!r}.")
    try:
        number = int(str(category).strip())
    except ValueError:
        number = None
    if number not in CATEGORY_LABELS:
        raise ValueError(
            f"Catégorie de revenu d'intégration inconnue : {category!r} "
            "(1 cohabitant, 2 isolé, 3 famille à charge)."
        )
    return number


def ris_amount(category: int, on: dt.date) -> Decimal:
    """Monthly RIS for a category on a date (loi DIS art. 14 §1; dated table in parameters.yml)."""
    row = parameter("ris_monthly", as_date(on))
    return cents(row[f"cat{ris_category(category)}"])


def ris_difference(category_amount: Any, counted_resources: Any) -> Decimal:
    """What the CPAS pays: the category amount minus the counted resources, never below 0 (art. 14 §2)."""
    amount = non_negative(category_amount, "Le montant de la catégorie")
    counted = non_negative(counted_resources, "Les ressources comptées")
    return cents(max(ZERO, amount - counted))


def category_for(lives_with: Optional[str], has_dependent_child: Optional[bool]) -> Optional[int]:
    """Category from the household (art. 14 §1): 3 with at least one minor unmarried child in charge
    (also with a partner), 2 alone, 1 otherwise; None when we cannot tell yet."""
    check_choice(lives_with, LIVES_WITH, "Avec qui vivez-vous")
    if has_dependent_child or lives_with == "family_in_charge":
        return 3
    if lives_with == "alone":
        return 2
    if lives_with is None or has_dependent_child is None:
        return None
    return 1


@dataclass(frozen=True)
class RisEstimate:
    category: int
    category_amount: Decimal
    counted: Decimal
    amount: Decimal
    since: dt.date
    explanation: str
    sources: Tuple[str, ...]


def _sum_text(parts: List[Tuple[str, Decimal]]) -> str:
    """[("a", 500), ("b", -20.83)] -> "500,00 € (a) − 20,83 € (b)"."""
    text = ""
    for index, (label, value) in enumerate(parts):
        sign = "" if index == 0 else (" − " if value < 0 else " + ")
        text += f"{sign}{format_eur(abs(value) if index else value)} ({label})"
    return text


def estimate_ris(
    category: int,
    on: dt.date,
    *,
    own_income: Any,
    partner_income: Any = None,
    lives_with: Optional[str] = None,
    savings: Any = None,
    starts_work: bool = False,
    general_exemption: bool = True,
) -> RisEstimate:
    """A first estimate of the monthly RIS, with the arithmetic written out in French.

    Counted monthly resources (art. 16 and AR 11/07/2002):
    own net income, minus the socioprofessional exemption (art. 35) when the person starts work;
    + savings yearly resources / 12 (art. 27); + the partner's income, fully in category 3 and the part
    above the category 1 amount in category 1 (art. 34); then, when these resources are below the category
    amount and no socioprofessional exemption applies, minus the general exemption / 12 (art. 22).
    Parents' and other adults' incomes are only flagged: the CPAS decides whether to count them.
    """
    category = ris_category(category)
    on = as_date(on)
    check_choice(lives_with, LIVES_WITH, "Avec qui vivez-vous")
    row = parameter("ris_monthly", on)
    category_amount = cents(row[f"cat{category}"])
    own = cents(non_negative(own_income, "Le revenu mensuel"))
    sources = [row.source, LEGAL_SOURCE]
    parts: List[Tuple[str, Decimal]] = [("vos revenus nets", own)]
    notes: List[str] = []

    sp_exemption = ZERO
    if starts_work and own > 0:
        sp_row = parameter("exoneration_socioprofessional", on)
        sp_exemption = min(own, cents(sp_row["amount"]))
        parts.append((f"exonération socioprofessionnelle au {format_date_fr(sp_row.since)}", -sp_exemption))
        sources.append(sp_row.source)

    if savings is not None:
        yearly = savings_yearly_resources(savings, on)
        if yearly > 0:
            parts.append((f"épargne : {format_eur(yearly)} par an ÷ 12", cents(yearly / 12)))
            sources.append(parameter("savings", on).source)

    if lives_with == "partner" and category in (1, 3):
        partner = cents(non_negative(partner_income if partner_income is not None else 0, "Le revenu du partenaire"))
        if category == 3:
            parts.append(("revenus de votre partenaire, comptés entièrement", partner))
        else:
            cat1 = cents(row["cat1"])
            above = max(ZERO, partner - cat1)
            parts.append((f"revenus de votre partenaire au-delà de {format_eur(cat1)}", above))

    subtotal = sum((value for _, value in parts), ZERO)
    if general_exemption and sp_exemption == 0 and ZERO < subtotal < category_amount:
        yearly_exemption = general_exemption_yearly(category, on)
        monthly = min(subtotal, cents(yearly_exemption / 12))
        label = f"exonération générale : {format_eur(yearly_exemption)} par an ÷ 12"
        parts.append((label, -monthly))
        sources.append(parameter("exoneration_general", on).source)
    counted = max(ZERO, sum((value for _, value in parts), ZERO))
    amount = max(ZERO, category_amount - counted)

    if lives_with in ("parents", "others"):
        cat1 = format_eur(row["cat1"])
        if lives_with == "parents":
            notes.append(
                f"Vous vivez avec vos parents : le CPAS peut aussi compter une partie de leurs revenus "
                f"(ce qui dépasse {cat1} par mois). Ce calcul ne le fait pas."
            )
        debtors = parameter("cohabiting_debtors_rule", on)
        if debtors["all_adult_debtors"] == 1:
            notes.append(
                f"Depuis le {format_date_fr(debtors.since)}, le CPAS examinera aussi les revenus des autres "
                "adultes de la famille qui vivent avec vous (grands-parents, petits-enfants, beaux-parents...)."
            )
            sources.append(debtors.source)

    lines = [
        f"Montant au {format_date_fr(row.since)} pour la catégorie {category} "
        f"({CATEGORY_LABELS[category]}) : {format_eur(category_amount)} par mois.",
    ]
    if len(parts) == 1:
        lines.append(f"Ressources comptées : {format_eur(counted)} (vos revenus nets).")
    else:
        lines.append(f"Ressources comptées : {_sum_text(parts)} = {format_eur(counted)}.")
    if amount > 0:
        lines.append(
            f"Estimation : {format_eur(category_amount)} − {format_eur(counted)} = {format_eur(amount)} par mois."
        )
    else:
        lines.append("Vos ressources comptées atteignent ce montant : pas de revenu d'intégration dans ce calcul.")
    lines.extend(notes)
    if row.note:
        lines.append(row.note)
    note = indexation_note("ris_monthly", on)
    if note:
        lines.append(note)
    return RisEstimate(
        category=category,
        category_amount=category_amount,
        counted=cents(counted),
        amount=cents(amount),
        since=row.since,
        explanation="\n".join(lines),
        sources=tuple(dict.fromkeys(sources)),
    )


def _age_condition(age: Optional[int], minor_case: Optional[str]) -> ConditionResult:
    check_choice(minor_case, MINOR_CASES, "Situation du mineur")
    if age is None:
        return unknown("age", "Il faut connaître votre âge : le RIS est en principe pour les adultes.")
    if isinstance(age, bool) or not isinstance(age, int) or age < 0:
        raise ValueError(f"L'âge doit être un nombre entier positif (reçu {age!r}).")
    if age >= 18:
        return met("age", "Vous êtes majeur.")
    if minor_case in ("emancipated", "with_child", "pregnant"):
        return met(
            "age", "Vous êtes mineur, mais la loi vous assimile à un majeur (mariage, enfant à charge ou grossesse)."
        )
    if minor_case is None:
        return unknown(
            "age",
            "Avant 18 ans, le droit existe seulement si vous êtes marié(e), avez un enfant à charge "
            "ou êtes enceinte.",
        )
    return not_met(
        "age",
        "Avant 18 ans, pas de revenu d'intégration, mais le CPAS peut accorder une aide sociale "
        "et préparer votre dossier.",
    )


def _status_condition(status: Optional[str]) -> ConditionResult:
    check_choice(status, STATUSES, "Statut de séjour")
    if status is None:
        return unknown("nationality", "Il faut connaître votre nationalité ou votre titre de séjour.")
    if status in STATUSES_ENTITLED:
        return met("nationality", f"{STATUSES_ENTITLED[status]} : cette condition est remplie.")
    if status == "asylum_seeker":
        return not_met(
            "nationality",
            "Pendant la demande d'asile, l'aide vient de l'accueil Fedasil (ou du CPAS désigné « code 207 »), "
            "pas du revenu d'intégration.",
        )
    if status == "no_legal_stay":
        return not_met(
            "nationality",
            "Sans séjour légal, pas de revenu d'intégration ; le CPAS peut accorder l'aide médicale urgente.",
        )
    return unknown(
        "nationality",
        "Le CPAS vérifiera si votre titre de séjour ouvre ce droit ; sinon, il peut examiner une aide sociale.",
    )


def _work_condition(
    willing_to_work: Optional[bool], work_exemption: Optional[str], is_student: Optional[bool]
) -> ConditionResult:
    check_choice(work_exemption, WORK_EXEMPTIONS, "Dispense de disposition au travail")
    if willing_to_work:
        return met("willing_to_work", "Vous êtes prêt(e) à travailler (chercher un emploi, vous former...).")
    if work_exemption == "health":
        return met(
            "willing_to_work",
            "Vous invoquez une raison de santé : le CPAS peut vous dispenser (il peut demander un examen médical).",
        )
    if work_exemption == "equity":
        return met("willing_to_work", "Vous invoquez une raison d'équité : le CPAS apprécie et peut vous dispenser.")
    if is_student:
        return unknown(
            "willing_to_work",
            "Pour un étudiant, les études peuvent être acceptées (PIIS étudiant) ; "
            "le CPAS décide au cas par cas.",
        )
    if willing_to_work is None:
        return unknown("willing_to_work", "Il faut être prêt(e) à travailler, sauf raison de santé ou d'équité.")
    return not_met(
        "willing_to_work",
        "Il faut être prêt(e) à travailler, sauf raison de santé ou d'équité : "
        "parlez-en avec l'assistant social.",
    )


def assess_ris(
    on: dt.date,
    *,
    lives_in_belgium: Optional[bool] = None,
    age: Optional[int] = None,
    minor_case: Optional[str] = None,
    status: Optional[str] = None,
    monthly_income: Any = None,
    partner_income: Any = None,
    lives_with: Optional[str] = None,
    has_dependent_child: Optional[bool] = None,
    willing_to_work: Optional[bool] = None,
    work_exemption: Optional[str] = None,
    claimed_other_benefits: Optional[bool] = None,
    savings: Any = None,
    is_student: Optional[bool] = None,
    starts_work: bool = False,
) -> Assessment:
    """The six conditions of the RIS (loi DIS art. 3) and, when possible, a first estimate of the amount.

    None means "je ne sais pas". Conditions: residence, age, nationality, resources, willing_to_work,
    other_benefits. The amount is given unless a condition other than resources is not met.
    """
    on = as_date(on)
    category = category_for(lives_with, has_dependent_child)
    conditions = [
        from_answer(
            "residence",
            lives_in_belgium,
            "Vous vivez habituellement en Belgique (même sans logement ni domicile).",
            "Il faut vivre habituellement et durablement en Belgique.",
            "Il faut vivre habituellement en Belgique (un logement ou une inscription ne sont pas exigés).",
        ),
        _age_condition(age, minor_case),
        _status_condition(status),
    ]

    estimate = None
    if monthly_income is None:
        resources = unknown(
            "resources", "Il faut connaître vos revenus nets par mois pour les comparer au montant du RIS."
        )
    elif category is None:
        resources = unknown("resources", "Dites-nous avec qui vous vivez, pour comparer vos revenus au bon montant.")
    elif lives_with == "partner" and category in (1, 3) and partner_income is None:
        resources = unknown(
            "resources", "Il faut aussi connaître les revenus de votre partenaire : le CPAS en tient compte."
        )
    else:
        estimate = estimate_ris(
            category,
            on,
            own_income=monthly_income,
            partner_income=partner_income,
            lives_with=lives_with,
            savings=savings,
            starts_work=starts_work,
        )
        if estimate.amount > 0:
            resources = met(
                "resources",
                f"Vos ressources comptées ({format_eur(estimate.counted)}) sont sous le montant de votre "
                f"catégorie ({format_eur(estimate.category_amount)} au {format_date_fr(estimate.since)}).",
            )
        else:
            resources = not_met(
                "resources",
                f"Vos ressources comptées ({format_eur(estimate.counted)}) atteignent le montant de votre "
                f"catégorie ({format_eur(estimate.category_amount)} au {format_date_fr(estimate.since)}).",
            )
    conditions.append(resources)
    conditions.append(_work_condition(willing_to_work, work_exemption, is_student))
    conditions.append(
        from_answer(
            "other_benefits",
            claimed_other_benefits,
            "Vous avez demandé les autres aides possibles (chômage, mutuelle, pension, allocations...).",
            "Il faut d'abord demander les autres aides possibles (chômage, mutuelle, allocations...) ; "
            "le CPAS peut vous y aider et parfois avancer de l'argent.",
            "Le RIS vient en dernier : il faut d'abord demander les autres aides auxquelles vous avez droit.",
        )
    )

    others_fail = any(c.status is Status.NOT_MET for c in conditions if c.name != "resources")
    decision_days = int(parameter("deadlines", on)["decision_days"])
    show_amount = estimate is not None and not others_fail
    assessment = make_assessment(
        conditions,
        amount=estimate.amount if show_amount else None,
        amount_explanation=estimate.explanation if show_amount else None,
        amount_date=estimate.since if show_amount else None,
        sources=(estimate.sources if estimate else (parameter("ris_monthly", on).source, LEGAL_SOURCE)),
        next_step=(
            "Faites une demande au CPAS de la commune où vous vivez, sur place ou par écrit : il vous donne "
            f"un accusé de réception et doit décider dans les {decision_days} jours."
        ),
    )
    if assessment.failed:
        assessment = replace(
            assessment,
            next_step="Le CPAS peut peut-être vous aider autrement (aide sociale, aide médicale, avance) : "
            "demandez un rendez-vous avec un assistant social.",
        )
    return assessment


