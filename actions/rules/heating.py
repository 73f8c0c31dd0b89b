"""Allocation de chauffage (Fonds social chauffage): amount, income ceiling, deadline, conditions.

Legal source: loi-programme du 22 décembre 2008 (Fonds social chauffage) and arrêté royal du
1er mars 2009. Documents: guide ASPH 2018 (G), fiche CPAS La Hulpe, fondschauffage.be,
cpasconnect.be and mi-is.be (mises à jour 2025-2026).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, List, Optional

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
from .dates import as_date, format_date_fr, on_or_today
from .money import cents, format_eur, format_number, non_negative, to_decimal
from .parameters import Row, parameter

LEGAL_SOURCE = "Loi-programme du 22 décembre 2008 (Fonds social chauffage) ; AR du 1er mars 2009"
FUELS_COVERED = {
    "gasoil": "le gasoil de chauffage",
    "petrole_c": "le pétrole lampant (type c)",
    "propane_bulk": "le propane livré en vrac",
}
FUELS_EXCLUDED = {
    "natural_gas": "le gaz naturel de ville",
    "propane_bottle": "le propane en bonbonne",
    "butane_bottle": "le butane en bonbonne",
}
# Any other heating (the guided check's "autre" answer): its own reason, several fuels at once.
OTHER_FUEL = "other"
OTHER_FUEL_REASON = (
    "L'électricité, le bois, les pellets ou le charbon ne sont pas couverts par l'allocation de chauffage ; "
    "le CPAS peut parfois aider autrement (énergie)."
)
FUELS = tuple(FUELS_COVERED) + tuple(FUELS_EXCLUDED) + (OTHER_FUEL,)


def delivery_max_age_days(on: dt.date) -> int:
    """How old a delivery the guided check still takes (parameters.yml `heating_delivery_max_age`): an
    older date is most likely a typo (two heating seasons)."""
    return int(parameter("heating_delivery_max_age", as_date(on))["days"])


def delivery_recent_enough(delivered_on: dt.date, on: dt.date) -> bool:
    """A delivery the guided check can still assess: at most ``delivery_max_age_days(on)`` before ``on``."""
    on = as_date(on)
    return as_date(delivered_on) >= on - dt.timedelta(days=delivery_max_age_days(on))


CATEGORIES = ("bim", "low_income", "debt")


def _price(price_per_litre: Any) -> Decimal:
    price = to_decimal(price_per_litre, "Le prix au litre")
    if price <= 0:
        raise ValueError(f"Le prix au litre doit être plus grand que 0 (reçu {price_per_litre!r}).")
    return price


def band_rate(price_per_litre: Any, row: Row) -> Decimal:
    """Allowance per litre for an invoice price (VAT included): the band whose ``price_from`` is the
    highest one not above the price (ASPH table: < 1,12 € -> 14 cents ... >= 1,245 € -> 20 cents)."""
    price = _price(price_per_litre)
    rate = None
    for band in row["bands"]:
        if price >= band["price_from"]:
            rate = band["rate"]
    if rate is None:
        raise ValueError(f"heating_allowance du {row.since} : aucune tranche ne couvre le prix {price}.")
    return rate


def heating_allowance(
    price_per_litre: Any,
    litres: Any,
    at_pump: bool = False,
    on: Optional[dt.date] = None,
) -> Decimal:
    """Allowance for one invoice: litres (at most ``max_litres``, 1 500) × the rate of the price band,
    capped at ``yearly_cap`` (300 €); fuel bought at the pump gets the flat ``pump_flat`` (210 €).

    ``on`` is the delivery date (today by default). Price must be > 0 and litres >= 0, even at the pump.
    """
    price = _price(price_per_litre)
    quantity = non_negative(litres, "Le nombre de litres")
    row = parameter("heating_allowance", on_or_today(on))
    if at_pump:
        return cents(row["pump_flat"])
    counted = min(quantity, row["max_litres"])
    return cents(min(counted * band_rate(price, row), row["yearly_cap"]))


def heating_request_deadline(delivered_on: dt.date) -> dt.date:
    """Last day to ask the CPAS: delivery date + ``request_days`` (60 calendar days)."""
    delivered_on = as_date(delivered_on, "La date de livraison")
    return delivered_on + dt.timedelta(days=int(parameter("heating_allowance", delivered_on)["request_days"]))


def heating_income_ceiling(dependants: int, on: dt.date) -> Decimal:
    """Yearly gross taxable household income ceiling: ``base`` + ``per_dependant`` × dependants."""
    if isinstance(dependants, bool) or not isinstance(dependants, int) or dependants < 0:
        raise ValueError(
            f"Le nombre de personnes à charge doit être un entier positif ou nul (reçu {dependants!r})."
        )
    row = parameter("heating_income_ceiling", as_date(on))
    return cents(row["base"] + row["per_dependant"] * dependants)


def heating_amount_explanation(price_per_litre: Any, litres: Any, at_pump: bool, on: dt.date) -> str:
    """The arithmetic of ``heating_allowance`` in French, with the date of the rule."""
    row = parameter("heating_allowance", as_date(on))
    amount = heating_allowance(price_per_litre, litres, at_pump, on)
    since = format_date_fr(row.since)
    if at_pump:
        return f"Combustible acheté à la pompe : forfait de {format_eur(amount)} par an (règle du {since})."
    price, quantity = _price(price_per_litre), non_negative(litres, "Le nombre de litres")
    rate = band_rate(price, row)
    counted = min(quantity, row["max_litres"])
    price_text = format_number(price, max(2, -price.normalize().as_tuple().exponent))
    text = (
        f"Prix sur la facture : {price_text} € le litre, donc {format_number(rate * 100)} cents par litre. "
        f"Litres pris en compte : {format_number(counted)}"
    )
    if counted < quantity:
        text += f" (sur {format_number(quantity)} ; maximum {format_number(row['max_litres'])} par an)"
    text += f". Estimation : {format_number(counted)} × {format_number(rate, 2)} € = {format_eur(counted * rate)}"
    if amount < cents(counted * rate):
        text += f", limité à {format_eur(amount)} par an"
    return text + f" (règle du {since})."


def assess_heating(
    *,
    fuel: Optional[str] = None,
    delivery_at_home_address: Optional[bool] = None,
    delivered_on: Optional[dt.date] = None,
    request_on: Optional[dt.date] = None,
    category: Optional[str] = None,
    household_gross_income: Any = None,
    dependants: Optional[int] = None,
    lives_in_care_home: Optional[bool] = None,
    price_per_litre: Any = None,
    litres: Any = None,
    at_pump: bool = False,
    on: Optional[dt.date] = None,
    request_not_made_yet: bool = False,
) -> Assessment:
    """Conditions of the heating allowance (guide ASPH G.2): fuel, delivery address, request within
    60 days, category (BIM, low income, debt) with the income ceiling, not in a care home.

    Parameters are read at the delivery date, else at ``on`` (the day of the question), else at the
    request date. None means "je ne sais pas". ``request_not_made_yet``: ``request_on`` is the day of the
    question (the guided check), so a deadline still open is worded as the last day to ask. The amount
    (one invoice; earlier deliveries of the year are not deducted from the yearly cap) is given when the
    price and litres are known and no condition fails.
    """
    check_choice(fuel, FUELS, "Combustible")
    check_choice(category, CATEGORIES, "Catégorie")
    reference = delivered_on or on or request_on
    if reference is None:
        raise ValueError("assess_heating : il faut la date de livraison, de la question (on) ou de la demande.")
    reference = as_date(reference)
    sources = [LEGAL_SOURCE]

    if fuel is None:
        fuel_condition = unknown(
            "fuel", "Il faut savoir avec quoi vous vous chauffez (gasoil, pétrole lampant, propane en vrac)."
        )
    elif fuel == OTHER_FUEL:
        fuel_condition = not_met("fuel", OTHER_FUEL_REASON)
    elif fuel in FUELS_COVERED:
        fuel_condition = met("fuel", f"Vous vous chauffez avec {FUELS_COVERED[fuel]} : ce combustible est couvert.")
    else:
        fuel_condition = not_met(
            "fuel",
            f"{FUELS_EXCLUDED[fuel].capitalize()} n'est pas couvert ; le CPAS peut parfois aider autrement (énergie).",
        )
    conditions = [
        fuel_condition,
        from_answer(
            "delivery_address",
            delivery_at_home_address,
            "La facture est livrée à l'adresse où vous habitez.",
            "L'adresse de livraison sur la facture doit être celle où vous habitez.",
            "L'adresse de livraison sur la facture doit être celle où vous habitez.",
        ),
    ]

    if delivered_on is None:
        days = int(parameter("heating_allowance", reference)["request_days"])
        conditions.append(
            unknown("request_deadline", f"Il faut la date de livraison : la demande doit suivre dans les {days} jours.")
        )
    else:
        deadline = heating_request_deadline(delivered_on)
        when = format_date_fr(deadline)
        if request_on is None:
            conditions.append(unknown("request_deadline", f"Faites la demande au plus tard le {when}."))
        elif as_date(request_on) <= deadline and request_not_made_yet:
            conditions.append(met("request_deadline", f"Vous êtes dans le délai : demandez au plus tard le {when}."))
        elif as_date(request_on) <= deadline:
            conditions.append(met("request_deadline", f"Demande faite à temps (au plus tard le {when})."))
        else:
            conditions.append(not_met("request_deadline", f"Le délai de demande était dépassé le {when}."))

    if category == "debt":
        conditions.append(met("category", "Vous êtes en médiation de dettes ou en règlement collectif de dettes."))
    else:
        if category is None:
            conditions.append(unknown(
                "category",
                "Il faut être BIM (intervention majorée), avoir de faibles revenus, "
                "ou être en médiation de dettes.",
            ))
        else:
            label = "Vous avez l'intervention majorée (BIM)" if category == "bim" else "Vous avez de faibles revenus"
            conditions.append(met("category", f"{label} : il reste à vérifier les revenus du ménage."))
        conditions.append(_income_condition(household_gross_income, dependants, reference, sources))

    conditions.append(
        from_answer(
            "not_in_care_home",
            None if lives_in_care_home is None else not lives_in_care_home,
            "Vous ne vivez pas en maison de repos ou en maison d'accueil.",
            "En maison de repos ou d'accueil (frais de séjour payés), pas d'allocation de chauffage.",
            "Pas d'allocation si vous vivez en maison de repos ou en maison d'accueil.",
        )
    )

    amount = explanation = amount_date = None
    failed = any(condition.status is Status.NOT_MET for condition in conditions)
    if not failed and (at_pump or (price_per_litre is not None and litres is not None)):
        row = parameter("heating_allowance", reference)
        price = price_per_litre if price_per_litre is not None else 1
        quantity = litres if litres is not None else 0
        amount = heating_allowance(price, quantity, at_pump, reference)
        explanation = heating_amount_explanation(price, quantity, at_pump, reference)
        amount_date = row.since
        sources.append(row.source)
    return make_assessment(
        conditions,
        amount=amount,
        amount_explanation=explanation,
        amount_date=amount_date,
        sources=sources,
        next_step=(
            "Apportez au CPAS de votre commune la facture de livraison, votre carte d'identité et, "
            "si on vous la demande, la preuve des revenus du ménage."
        ),
    )


def _income_condition(income: Any, dependants: Optional[int], on: dt.date, sources: List[str]) -> ConditionResult:
    if income is None or dependants is None:
        return unknown(
            "household_income",
            "Il faut connaître les revenus bruts imposables du ménage et le nombre de personnes à charge.",
        )
    ceiling_row = parameter("heating_income_ceiling", on)
    sources.append(ceiling_row.source)
    ceiling = heating_income_ceiling(dependants, on)
    gross = non_negative(income, "Les revenus du ménage")
    detail = (
        f"plafond {format_eur(ceiling)} par an ({format_eur(ceiling_row['base'])} + {dependants} × "
        f"{format_eur(ceiling_row['per_dependant'])}, au {format_date_fr(ceiling_row.since)})"
    )
    if gross <= ceiling:
        return met("household_income", f"Les revenus du ménage ({format_eur(gross)}) ne dépassent pas le {detail}.")
    return not_met("household_income", f"Les revenus du ménage ({format_eur(gross)}) dépassent le {detail}.")
