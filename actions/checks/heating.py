"""The check of the allocation de chauffage (heating allowance, Fonds social chauffage): the fuel and its
delivery, the category of the household, the price paid; the answers go to ``assess_heating``
(actions/rules/heating.py)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from actions.checks.spec import Answers, CheckSpec, amount, ask, day, known, yes
from actions.rules import Assessment, assess_heating
from actions.rules.heating import delivery_recent_enough

FUEL_CHOICES = {
    "gasoil": ("Mazout (gasoil de chauffage)", "mazout", "gasoil", "gazoil", "gas oil", "fioul", "fuel",
               "gasoil de chauffage", "mazout de chauffage", "citerne a mazout", "cuve a mazout"),
    "petrole_c": ("Pétrole lampant", "petrole", "petrole lampant", "kerosene", "poele a petrole"),
    "propane_bulk": ("Propane en citerne (vrac)", "propane en citerne", "propane en vrac", "citerne de propane",
                     "cuve de propane", "propane livre", "gaz en citerne", "citerne de gaz", "gaz propane en vrac"),
    "natural_gas": ("Gaz de ville", "gaz naturel", "gaz de ville", "gaz", "le gaz", "raccorde au gaz"),
    "propane_bottle": ("Propane en bonbonne", "propane en bonbonne", "bonbonne de propane",
                       "bouteille de propane", "bonbonne de gaz", "bouteille de gaz", "bonbonne", "bouteille"),
    "butane_bottle": ("Butane en bonbonne", "butane", "bonbonne de butane", "bouteille de butane"),
    "other": ("Autre (électricité, bois, pellets...)", "electricite", "electrique", "radiateur electrique",
              "bois", "pellets", "granules", "charbon", "pompe a chaleur", "chauffage collectif", "autre"),
}
HEAT_CATEGORY_CHOICES = {
    "bim": ("Statut BIM (intervention majorée)", "bim", "intervention majoree", "statut bim", "omnio", "vipo",
            "je touche le ris", "revenu d integration", "ris", "grapa", "tarif preferentiel",
            "allocation handicap", "allocation de handicape"),
    "low_income": ("Revenus modestes", "faibles revenus", "petits revenus", "revenus faibles", "bas revenus",
                   "revenus limites", "petit salaire", "petite pension", "petit chomage", "aucun",
                   "aucun des trois", "non", "rien de tout ca"),
    "debt": ("Médiation de dettes", "mediation de dettes", "reglement collectif", "reglement collectif de dettes",
             "rcd", "mediateur de dettes", "mediatrice de dettes", "dettes", "surendettement", "surendette"),
}


def AT_PUMP_NO(a: Answers) -> bool:
    return a.get("heat_at_pump") == "no"


def INCOME_ASKED(a: Answers) -> bool:
    return a.get("heat_category") in ("bim", "low_income")


def _recent_delivery(value: str, today: date) -> bool:
    """Not older than heating_delivery_max_age (parameters.yml): an older date is most likely a typo."""
    return delivery_recent_enough(date.fromisoformat(value), today)


def _assess_heating(a: Answers, on: date) -> Assessment:
    at_pump = yes(a, "heat_at_pump")
    income_asked = INCOME_ASKED(a)
    return assess_heating(
        fuel=known(a, "heat_fuel"),
        delivery_at_home_address=yes(a, "heat_delivery_address"),
        delivered_on=day(a, "heat_delivered_on"),
        request_on=on,
        request_not_made_yet=True,
        category=known(a, "heat_category"),
        household_gross_income=amount(a, "heat_household_income") if income_asked else None,
        dependants=known(a, "heat_dependants") if income_asked else None,
        lives_in_care_home=yes(a, "heat_in_care_home"),
        price_per_litre=amount(a, "heat_price_per_litre") if at_pump is False else None,
        litres=amount(a, "heat_litres") if at_pump is False else None,
        at_pump=at_pump is True,
        on=on,
    )


HEATING = CheckSpec(
    name="check_heating",
    form="heating_form",
    title="l'allocation de chauffage",
    start_question="Vérifier si j'ai droit à l'allocation de chauffage",
    questions=(
        ask("heating_form", "heat_fuel", "choice", choices=FUEL_CHOICES),
        ask("heating_form", "heat_delivered_on", "date", valid=_recent_delivery,
            reask="utter_reask_heat_delivered_on"),
        ask("heating_form", "heat_in_care_home", "yes_no"),
        ask("heating_form", "heat_delivery_address", "yes_no"),
        ask("heating_form", "heat_category", "choice", choices=HEAT_CATEGORY_CHOICES),
        ask("heating_form", "heat_household_income", "amount", ask_if=INCOME_ASKED),
        ask("heating_form", "heat_dependants", "count", ask_if=INCOME_ASKED),
        ask("heating_form", "heat_at_pump", "yes_no"),
        ask("heating_form", "heat_price_per_litre", "amount", ask_if=AT_PUMP_NO,
            valid=lambda v, today: 0 < Decimal(v) < 10, reask="utter_reask_price_per_litre"),
        ask("heating_form", "heat_litres", "amount", ask_if=AT_PUMP_NO,
            valid=lambda v, today: 0 < Decimal(v) <= 100_000, reask="utter_reask_litres"),
    ),
    assess_answers=_assess_heating,
)
