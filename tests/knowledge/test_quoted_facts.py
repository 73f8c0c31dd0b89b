"""quoted_facts(on): every value an answer quotes, from the parameters, for one day."""
from __future__ import annotations

import datetime as dt

from actions.rules.fr import format_days, format_eur, format_months, format_percent, format_years
from actions.rules.installation_premium import installation_premium_amount
from actions.rules.parameters import parameter
from actions.rules.quoted import UNKNOWN, quoted_facts

DAY = dt.date(2026, 12, 2)
# Every former slot of actions/session_slots.py keeps its name.
FORMER_SLOTS = ("ris_date ris_cat1 ris_cat2 ris_cat3 ris_note prime_amount prime_date exo_sp_amount exo_sp_date "
                "exo_gen_cat1 exo_gen_cat2 exo_gen_cat3 exo_gen_date savings_low savings_high savings_date "
                "re_exempt re_per_child re_date heat_ceiling heat_per_dependant heat_max_litres heat_year_cap "
                "heat_pump_flat heat_min_per_litre heat_max_per_litre heat_date water_wal_amount water_wal_extra "
                "water_date").split()


def test_every_former_name_and_the_new_ones_are_there():
    facts = quoted_facts(DAY)
    assert set(FORMER_SLOTS) <= set(facts)
    assert {"decision_days", "notification_days", "first_payment_days", "appeal_months", "transfer_days",
            "heat_request_days", "savings_rate_low", "savings_rate_high", "student_age_limit",
            "heat_dependant_limit", "ris_cat1_year", "ris_cat2_year", "ris_cat3_year",
            "sanction_undeclared_months", "sanction_fraud_months"} <= set(facts)
    assert UNKNOWN not in facts.values()


def test_the_facts_are_the_parameters_values():
    facts = quoted_facts(DAY)
    deadlines, savings = parameter("deadlines", DAY), parameter("savings", DAY)
    assert facts["decision_days"] == format_days(deadlines["decision_days"]) == "30 jours"
    assert facts["notification_days"] == "8 jours" and facts["first_payment_days"] == "15 jours"
    assert facts["appeal_months"] == format_months(deadlines["appeal_months"]) == "3 mois"
    assert facts["transfer_days"] == "5 jours" and facts["heat_request_days"] == "60 jours"
    assert facts["savings_rate_low"] == format_percent(savings["rate_low"]) == "6 %"
    assert facts["savings_rate_high"] == "10 %"
    assert facts["student_age_limit"] == format_years(parameter("age_limits", DAY)["student_age_limit"]) == "25 ans"
    assert facts["heat_dependant_limit"] == "3 980 €"
    assert (facts["ris_cat1_year"], facts["ris_cat2_year"], facts["ris_cat3_year"]) == (
        "10 513,60 €", "15 770,41 €", "21 312,87 €")
    assert facts["sanction_undeclared_months"] == "6 mois" and facts["sanction_fraud_months"] == "12 mois"


def test_the_prime_is_the_category_3_amount_of_the_day():
    for day in (dt.date(2019, 1, 1), dt.date(2024, 1, 1), DAY):
        facts = quoted_facts(day)
        assert facts["prime_amount"] == facts["ris_cat3"] == format_eur(installation_premium_amount(day))
        assert facts["prime_date"] == facts["ris_date"]


def test_the_announced_indexation_only_from_its_date():
    assert "indexés" not in quoted_facts(dt.date(2025, 12, 31))["ris_note"]
    assert "indexé" not in quoted_facts(dt.date(2026, 2, 28))["prime_note"]
    note = quoted_facts(dt.date(2026, 3, 1))["ris_note"]
    assert "indexés de 2 % au 1er mars 2026" in note and "le CPAS vous donne le montant exact" in note
    assert quoted_facts(dt.date(2026, 3, 1))["ris_cat2"] == "1 314,20 €"       # no amount invented


def test_a_day_before_a_parameter_exists_says_so():
    assert quoted_facts(dt.date(2025, 3, 1))["cpas_online_date"] == UNKNOWN
    assert quoted_facts(dt.date(2025, 6, 2))["cpas_online_date"] == "2 juin 2025"
