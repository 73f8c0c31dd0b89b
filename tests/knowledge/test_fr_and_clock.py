"""One way to write euros, dates and periods (actions/rules/fr.py), the same from every old import; one clock."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from actions import formatting
from actions.rules import clock, dates, fr, money


@pytest.mark.parametrize("amount, text", [
    (Decimal("300"), "300 €"), (Decimal("300.00"), "300 €"), (Decimal("1314.2"), "1 314,20 €"),
    (Decimal("0.5"), "0,50 €"), (Decimal("15770.41"), "15 770,41 €"), (Decimal("1043.605"), "1 043,61 €"),
])
def test_one_way_to_write_euros_from_every_module(amount, text):
    assert fr.format_eur(amount) == formatting.format_eur(amount) == money.format_eur(amount) == text
    # The former keyword arguments are accepted and change nothing.
    assert formatting.format_eur(amount, cents=True) == money.format_eur(amount, with_cents=True) == text


def test_one_way_to_write_dates():
    assert fr.format_date_fr is formatting.format_date_fr is dates.format_date_fr
    assert fr.format_date_fr(dt.date(2025, 2, 1)) == "1er février 2025"
    assert fr.format_date_fr(dt.date(2026, 3, 15)) == "15 mars 2026"


@pytest.mark.parametrize("function, value, text", [
    (fr.format_percent, Decimal("0.06"), "6 %"), (fr.format_percent, Decimal("0.025"), "2,5 %"),
    (fr.format_days, 30, "30 jours"), (fr.format_days, 1, "1 jour"), (fr.format_months, 3, "3 mois"),
    (fr.format_years, 25, "25 ans"), (fr.format_years, 1, "1 an"), (fr.format_litres, 1500, "1 500 litres"),
    (fr.format_cents, Decimal("0.14"), "14 cents"), (fr.format_ordinal_month, 2, "2e mois"),
])
def test_periods_and_rates(function, value, text):
    assert function(value) == text


def test_a_period_is_a_whole_number():
    with pytest.raises(ValueError):
        fr.format_days(Decimal("2.5"))


def test_the_clock_is_today_or_cpas_today(monkeypatch):
    monkeypatch.delenv("CPAS_TODAY", raising=False)
    assert clock.today() == dt.date.today()
    monkeypatch.setenv("CPAS_TODAY", "2027-01-01")
    assert clock.today() == dt.date(2027, 1, 1)
    assert dates.on_or_today(None) == dt.date(2027, 1, 1)       # the rules' default day
    from actions import forms as check_forms

    assert check_forms.today() == dt.date(2027, 1, 1)           # the actions' day
    monkeypatch.setenv("CPAS_TODAY", "demain")
    with pytest.raises(ValueError, match="CPAS_TODAY"):
        clock.today()
