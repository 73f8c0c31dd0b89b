"""Bad arguments raise ValueError with a message that says what is wrong."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from actions.rules import (
    appeal_deadline,
    assess_ris,
    competent_cpas,
    heating_allowance,
    heating_income_ceiling,
    heating_request_deadline,
    parameter,
    ris_amount,
    sanction_max_months,
    savings_yearly_resources,
)

ON = dt.date(2025, 6, 1)


@pytest.mark.parametrize("category", [0, 4, "4", "deux", True, None, 2.5])
def test_unknown_ris_category(category):
    with pytest.raises(ValueError, match="Catégorie"):
        ris_amount(category, ON)


def test_ris_category_as_text_is_accepted():
    assert ris_amount("2", ON) == Decimal("1314.20")


def test_ris_before_the_first_known_amount():
    with pytest.raises(ValueError, match=r"ris_monthly.*2018-09-01"):
        ris_amount(1, dt.date(2018, 8, 31))


@pytest.mark.parametrize("price", [0, "0", -1, "-0.01", "abc", None])
def test_heating_bad_price(price):
    with pytest.raises(ValueError, match="prix"):
        heating_allowance(price, 100, on=ON)


def test_heating_bad_price_even_at_the_pump():
    with pytest.raises(ValueError, match="prix"):
        heating_allowance(0, 10, at_pump=True, on=ON)


@pytest.mark.parametrize("litres", [-1, "-0.5", "beaucoup"])
def test_heating_bad_litres(litres):
    with pytest.raises(ValueError, match="litres"):
        heating_allowance("1.10", litres, on=ON)


def test_heating_before_first_known_rule():
    with pytest.raises(ValueError, match="heating_allowance"):
        heating_allowance("1.10", 100, on=dt.date(2017, 1, 1))
    with pytest.raises(ValueError, match="heating_allowance"):
        heating_request_deadline(dt.date(2017, 1, 1))


def test_heating_accepts_int_float_and_text():
    assert heating_allowance(1, 100, on=ON) == Decimal("14.00")
    assert heating_allowance(1.15, 100.0, on=ON) == Decimal("16.00")
    assert heating_allowance("1,15", "100", on=ON) == Decimal("16.00")


@pytest.mark.parametrize("dependants", [-1, 1.5, "2", True])
def test_heating_bad_dependants(dependants):
    with pytest.raises(ValueError, match="personnes à charge"):
        heating_income_ceiling(dependants, ON)


@pytest.mark.parametrize("savings", [-1, "-100", "n'importe quoi"])
def test_savings_bad_amount(savings):
    with pytest.raises(ValueError, match="pargne"):
        savings_yearly_resources(savings, ON)


def test_savings_infinite_amount():
    with pytest.raises(ValueError, match="fini"):
        savings_yearly_resources(Decimal("Infinity"), ON)


def test_appeal_deadline_needs_a_date():
    with pytest.raises(ValueError, match="date"):
        appeal_deadline("hier")


def test_unknown_parameter():
    with pytest.raises(KeyError, match="inconnu"):
        parameter("minimex", ON)


def test_unknown_choices():
    with pytest.raises(ValueError, match="lives_with|vivez"):
        assess_ris(ON, lives_with="camping")
    with pytest.raises(ValueError, match="Statut"):
        assess_ris(ON, status="martien")
    with pytest.raises(ValueError, match="Situation"):
        competent_cpas("prison")
    with pytest.raises(ValueError, match="sanction"):
        sanction_max_months("retard", False, ON)


def test_negative_income_in_assessment():
    with pytest.raises(ValueError, match="négatif"):
        assess_ris(ON, monthly_income=-5, lives_with="alone")
