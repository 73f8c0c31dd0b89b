"""The slots set at the start of each conversation: the commune profile and the dated amounts.

Responses in domain.yml and data/responses/ use them as {cpas_name}, {ris_cat2}, {ris_date}...
so that no amount is ever written in a response: they all come from actions/rules/parameters.yml,
each shown with the date it applies from.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Dict, Optional

from actions.deadline_slots import deadline_slots
from actions.formatting import format_date_fr, format_eur
from actions.profile import Profile, load_profile
from actions.rules.parameters import parameter


def _cents(value: Decimal) -> str:
    return f"{int((Decimal(value) * 100).to_integral_value())} cents"


def amount_slots(on: date) -> Dict[str, str]:
    """Every amount the answers quote, formatted, with the date of the value in force on ``on``."""
    ris = parameter("ris_monthly", on)
    prime = parameter("installation_premium", on)
    exo_sp = parameter("exoneration_socioprofessional", on)
    exo_gen = parameter("exoneration_general", on)
    savings = parameter("savings", on)
    estate = parameter("real_estate", on)
    ceiling = parameter("heating_income_ceiling", on)
    heating = parameter("heating_allowance", on)
    water = parameter("water_fund_wallonia", on)
    rates = [Decimal(band["rate"]) for band in heating["bands"]]
    return {
        "ris_date": format_date_fr(ris.since),
        "ris_cat1": format_eur(ris["cat1"]),
        "ris_cat2": format_eur(ris["cat2"]),
        "ris_cat3": format_eur(ris["cat3"]),
        "ris_note": ris.note or "Le CPAS vous donne le montant exact.",
        "prime_amount": format_eur(prime["amount"]),
        "prime_date": format_date_fr(prime.since),
        "exo_sp_amount": format_eur(exo_sp["amount"]),
        "exo_sp_date": format_date_fr(exo_sp.since),
        "exo_gen_cat1": format_eur(exo_gen["cat1"]),
        "exo_gen_cat2": format_eur(exo_gen["cat2"]),
        "exo_gen_cat3": format_eur(exo_gen["cat3"]),
        "exo_gen_date": format_date_fr(exo_gen.since),
        "savings_low": format_eur(savings["low"]),
        "savings_high": format_eur(savings["high"]),
        "savings_date": format_date_fr(savings.since),
        "re_exempt": format_eur(estate["exempt"]),
        "re_per_child": format_eur(estate["per_child"]),
        "re_date": format_date_fr(estate.since),
        "heat_ceiling": format_eur(ceiling["base"]),
        "heat_per_dependant": format_eur(ceiling["per_dependant"]),
        "heat_max_litres": f"{int(heating['max_litres']):,} litres".replace(",", " "),
        "heat_year_cap": format_eur(heating["yearly_cap"]),
        "heat_pump_flat": format_eur(heating["pump_flat"]),
        "heat_min_per_litre": _cents(min(rates)),
        "heat_max_per_litre": _cents(max(rates)),
        "heat_date": format_date_fr(ceiling.since),
        "water_wal_amount": format_eur(water["amount"]),
        "water_wal_extra": format_eur(water["per_person_from_4th"]),
        "water_date": format_date_fr(water.since),
    }


def profile_slots(profile: Profile) -> Dict[str, str]:
    return {
        "cpas_name": profile.cpas_name,
        "cpas_phone": profile.cpas_phone,
        "cpas_address": profile.cpas_address,
        "cpas_hours": profile.cpas_hours,
        "commune_name": profile.commune,
    }


def session_slots(on: Optional[date] = None, profile: Optional[Profile] = None) -> Dict[str, str]:
    on = on or date.today()
    return {**profile_slots(profile or load_profile()), **amount_slots(on), **deadline_slots(on)}
