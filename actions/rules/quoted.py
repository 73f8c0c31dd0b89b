"""Every fact an answer quotes (amounts, rates, periods, delays, ages, dates), for one day.

``quoted_facts(on)`` returns the values that fill the placeholders of the responses ({ris_cat2}, {ris_date},
{decision_days}...), computed from parameters.yml for the rows in force on ``on`` and written the one French
way (fr.py). The Rasa server adds them to every response when it renders it (cpas_rasa/nlg.py), so that no
answer types a fact by hand and a conversation that crosses an indexation date speaks the new value.
Pure: no rasa import. Cached per day and per parameter file.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, Mapping, Union

from .fr import (
    format_cents,
    format_date_fr,
    format_days,
    format_eur,
    format_litres,
    format_months,
    format_ordinal_month,
    format_percent,
    format_years,
)
from .indexation import EXACT_AMOUNT, indexation_note
from .installation_premium import CATEGORY_3  # the prime d'installation is the catégorie 3 amount
from .parameters import parameter, parameter_info, parameters_path
from .unemployment_facts import unemployment_facts

UNKNOWN = "(inconnu à cette date : demandez au CPAS)"


class _Absent:
    """A parameter without a row on the day asked (a day before its first row): its facts are UNKNOWN."""

    note = None

    def __getitem__(self, key: str):
        raise LookupError(key)

    @property
    def since(self):
        raise LookupError("since")


def _days_or_years(days) -> str:
    """730 -> "2 ans"; 90 -> "90 jours"."""
    return format_years(int(days) // 365) if int(days) % 365 == 0 else format_days(days)


def _first_row_with(name: str, flag: str, path: Path):
    """The first official row of ``name`` whose ``flag`` is 1 (the date a rule starts), whatever the day."""
    for found in parameter_info(name, path).official_rows:
        if found[flag] == 1:
            return found
    raise LookupError(name)


def _facts(on: dt.date, path: Path) -> Dict[str, str]:
    def row(name: str):
        try:
            return parameter(name, on, path)
        except ValueError:
            return _Absent()

    ris, year = row("ris_monthly"), row("ris_yearly")
    exo_sp, exo_gen = row("exoneration_socioprofessional"), row("exoneration_general")
    savings, estate = row("savings"), row("real_estate")
    ceiling, heating = row("heating_income_ceiling"), row("heating_allowance")
    dependant, water = row("heating_dependant_income_limit"), row("water_fund_wallonia")
    deadlines, sanctions = row("deadlines"), row("sanctions")
    ages, periods = row("age_limits"), row("legal_periods")
    online = row("cpas_online")
    ris_note = indexation_note("ris_monthly", on, path=path)
    facts: Dict[str, Callable[[], str]] = {
        # Revenu d'intégration: monthly and yearly official amounts, and the note of an announced indexation.
        "ris_date": lambda: format_date_fr(ris.since),
        "ris_cat1": lambda: format_eur(ris["cat1"]),
        "ris_cat2": lambda: format_eur(ris["cat2"]),
        "ris_cat3": lambda: format_eur(ris["cat3"]),
        "ris_note": lambda: " ".join(filter(None, (ris.note, ris_note or EXACT_AMOUNT))),
        "ris_year_date": lambda: format_date_fr(year.since),
        "ris_cat1_year": lambda: format_eur(year["cat1"]),
        "ris_cat2_year": lambda: format_eur(year["cat2"]),
        "ris_cat3_year": lambda: format_eur(year["cat3"]),
        # Prime d'installation = the catégorie 3 amount of the same date.
        "prime_amount": lambda: format_eur(ris[CATEGORY_3]),
        "prime_date": lambda: format_date_fr(ris.since),
        "prime_note": lambda: indexation_note("ris_monthly", on, plural=False, path=path) or EXACT_AMOUNT,
        # Exonérations.
        "exo_sp_amount": lambda: format_eur(exo_sp["amount"]),
        "exo_sp_date": lambda: format_date_fr(exo_sp.since),
        "exo_sp_note": lambda: (indexation_note("exoneration_socioprofessional", on, plural=False, path=path)
                                or EXACT_AMOUNT),
        "exo_sp_years": lambda: format_years(periods["exo_sp_years"]),
        "exo_sp_spread_years": lambda: format_years(periods["exo_sp_spread_years"]),
        "exo_gen_cat1": lambda: format_eur(exo_gen["cat1"]),
        "exo_gen_cat2": lambda: format_eur(exo_gen["cat2"]),
        "exo_gen_cat3": lambda: format_eur(exo_gen["cat3"]),
        "exo_gen_date": lambda: format_date_fr(exo_gen.since),
        # Savings and real estate.
        "savings_low": lambda: format_eur(savings["low"]),
        "savings_high": lambda: format_eur(savings["high"]),
        "savings_rate_low": lambda: format_percent(savings["rate_low"]),
        "savings_rate_high": lambda: format_percent(savings["rate_high"]),
        "savings_date": lambda: format_date_fr(savings.since),
        "re_exempt": lambda: format_eur(estate["exempt"]),
        "re_per_child": lambda: format_eur(estate["per_child"]),
        "re_date": lambda: format_date_fr(estate.since),
        # Cohabitants' income: the date of the rule on all adult debtors (AR du 7 janvier 2026).
        "cohabiting_rule_date": lambda: format_date_fr(_first_row_with("cohabiting_debtors_rule", "all_adult_debtors",
                                                                       path).since),
        # Allocation de chauffage.
        "heat_ceiling": lambda: format_eur(ceiling["base"]),
        "heat_per_dependant": lambda: format_eur(ceiling["per_dependant"]),
        "heat_dependant_limit": lambda: format_eur(dependant["amount"]),
        "heat_max_litres": lambda: format_litres(heating["max_litres"]),
        "heat_year_cap": lambda: format_eur(heating["yearly_cap"]),
        "heat_pump_flat": lambda: format_eur(heating["pump_flat"]),
        "heat_min_per_litre": lambda: format_cents(min(Decimal(b["rate"]) for b in heating["bands"])),
        "heat_max_per_litre": lambda: format_cents(max(Decimal(b["rate"]) for b in heating["bands"])),
        "heat_request_days": lambda: format_days(heating["request_days"]),
        "heat_delivery_max_age": lambda: _days_or_years(row("heating_delivery_max_age")["days"]),
        "heat_date": lambda: format_date_fr(ceiling.since),
        # Fonds social de l'eau (Wallonie).
        "water_wal_amount": lambda: format_eur(water["amount"]),
        "water_wal_extra": lambda: format_eur(water["per_person_from_4th"]),
        "water_decision_days": lambda: format_days(water["decision_days"]),
        "water_date": lambda: format_date_fr(water.since),
        # Procedure.
        "decision_days": lambda: format_days(deadlines["decision_days"]),
        "notification_days": lambda: format_days(deadlines["notification_days"]),
        "first_payment_days": lambda: format_days(deadlines["first_payment_days"]),
        "appeal_months": lambda: format_months(deadlines["appeal_months"]),
        "transfer_days": lambda: format_days(deadlines["transfer_days"]),
        "piis_reflection_days": lambda: format_days(periods["piis_reflection_days"]),
        "student_results_days": lambda: format_days(periods["student_results_working_days"], "ouvrables"),
        "employment_offer_months": lambda: format_months(periods["employment_offer_months"]),
        "eu_stay_months": lambda: format_months(periods["eu_stay_months"]),
        "children_lookback_years": lambda: format_years(periods["children_lookback_years"]),
        # Ages.
        "ris_min_age": lambda: format_years(ages["ris_minimum_age"]),
        "student_age_limit": lambda: format_years(ages["student_age_limit"]),
        "piis_age_limit": lambda: format_years(ages["piis_age_limit"]),
        # Sanctions.
        "sanction_undeclared_months": lambda: format_months(sanctions["undeclared_months"]),
        "sanction_fraud_months": lambda: format_months(sanctions["fraud_months"]),
        "sanction_recidivism_years": lambda: format_years(sanctions["recidivism_window_years"]),
        "sanction_piis_months": lambda: format_months(sanctions["piis_months"]),
        "sanction_piis_recidivism_months": lambda: format_months(sanctions["piis_recidivism_months"]),
        "sanction_piis_recidivism_years": lambda: format_years(sanctions["piis_recidivism_window_years"]),
        "sanction_start_month": lambda: format_ordinal_month(sanctions["start_month_offset"]),
        # CPAS ONLINE.
        "cpas_online_date": lambda: format_date_fr(online.since),
    }
    values = {}
    for name, fact in facts.items():
        try:
            values[name] = fact()
        except LookupError:
            values[name] = UNKNOWN
    values.update(unemployment_facts(on, path))  # the 2026 time limit on unemployment benefits
    return values


@lru_cache(maxsize=64)
def _cached(on: dt.date, path: str) -> Mapping[str, str]:
    return _facts(on, Path(path))


def quoted_facts(on: dt.date, path: Union[str, Path, None] = None) -> Dict[str, str]:
    """Every placeholder value of the answers on ``on`` (a new dict; computed once per day and file)."""
    return dict(_cached(on, str(parameters_path(path))))
