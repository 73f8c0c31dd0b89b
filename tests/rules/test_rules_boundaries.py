"""Each side of every boundary: indexation dates, heating price bands, ceilings, savings bands, litres."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from actions.rules import (
    assess_heating,
    heating_allowance,
    heating_income_ceiling,
    heating_request_deadline,
    ris_amount,
    savings_yearly_resources,
)
from actions.rules.ris import estimate_ris

D = Decimal
BEFORE, INDEXATION = dt.date(2025, 1, 31), dt.date(2025, 2, 1)
ON = dt.date(2025, 6, 1)

# (band lower limit, rate below it, rate from it): ASPH table, confirmed for 2025.
BAND_EDGES = [
    ("1.12", "0.14", "0.15"),
    ("1.145", "0.15", "0.16"),
    ("1.17", "0.16", "0.17"),
    ("1.195", "0.17", "0.18"),
    ("1.22", "0.18", "0.19"),
    ("1.245", "0.19", "0.20"),
]


@pytest.mark.parametrize(
    "category, before, after",
    [(1, "743.78", "876.13"), (2, "1115.67", "1314.20"), (3, "1507.77", "1776.07")],
)
def test_ris_changes_on_the_indexation_day(category, before, after):
    assert ris_amount(category, BEFORE) == D(before)
    assert ris_amount(category, INDEXATION) == D(after)


@pytest.mark.parametrize("limit, rate_below, rate_from", BAND_EDGES)
def test_heating_price_band_edges(limit, rate_below, rate_from):
    litres = D("1000")
    below, at, above = D(limit) - D("0.001"), D(limit), D(limit) + D("0.001")
    assert heating_allowance(below, litres, on=ON) == litres * D(rate_below)
    assert heating_allowance(at, litres, on=ON) == litres * D(rate_from)
    assert heating_allowance(above, litres, on=ON) == litres * D(rate_from)


def test_heating_litres_capped_at_1500():
    assert heating_allowance("1.00", 1500, on=ON) == D("210.00")
    assert heating_allowance("1.00", 1501, on=ON) == D("210.00")
    assert heating_allowance("1.00", 1499, on=ON) == D("209.86")  # 1499 x 0,14


def test_heating_yearly_cap_reached_only_at_top_band_and_full_litres():
    assert heating_allowance("1.245", 1500, on=ON) == D("300.00")
    assert heating_allowance("1.244", 1500, on=ON) == D("285.00")  # 1500 x 0,19


def test_heating_request_deadline_is_the_60th_day():
    delivered = dt.date(2025, 3, 1)
    assert heating_request_deadline(delivered) == delivered + dt.timedelta(days=60)


def _heating_income(income: str) -> str:
    return assess_heating(
        fuel="gasoil",
        delivery_at_home_address=True,
        delivered_on=dt.date(2025, 3, 1),
        request_on=dt.date(2025, 3, 2),
        category="low_income",
        household_gross_income=income,
        dependants=0,
        lives_in_care_home=False,
    ).condition("household_income").status.value


def test_heating_income_ceiling_plus_minus_one_cent():
    assert heating_income_ceiling(0, dt.date(2025, 3, 1)) == D("24814.75")
    assert _heating_income("24814.74") == "met"
    assert _heating_income("24814.75") == "met"
    assert _heating_income("24814.76") == "not_met"


def test_heating_ceiling_changes_on_1_february_2025():
    assert heating_income_ceiling(0, BEFORE) == D("21179.16")
    assert heating_income_ceiling(0, INDEXATION) == D("24814.75")


@pytest.mark.parametrize(
    "savings, expected",
    [
        ("6199.99", "0.00"),
        ("6200", "0.00"),
        ("6200.01", "0.00"),  # 0,01 x 6 % = 0,0006 -> 0,00
        ("6250", "3.00"),  # 50 x 6 %
        ("12500", "378.00"),
        ("12500.01", "378.00"),  # 378 + 0,001
        ("12510", "379.00"),  # 378 + 10 x 10 %
    ],
)
def test_savings_band_edges(savings, expected):
    assert savings_yearly_resources(savings, ON) == D(expected)


def test_general_exemption_applies_only_below_the_category_amount():
    just_below = estimate_ris(2, ON, own_income="1314.19")
    assert just_below.counted == D("1293.36")  # 1314,19 - 20,83
    assert just_below.amount == D("20.84")
    at_amount = estimate_ris(2, ON, own_income="1314.20")
    assert at_amount.counted == D("1314.20")
    assert at_amount.amount == D("0.00")
