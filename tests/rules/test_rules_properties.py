"""Properties of the heating allowance over many prices and quantities (hypothesis)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from actions.rules import heating_allowance, parameter

ON = dt.date(2025, 6, 1)
ROW = parameter("heating_allowance", ON)
MAX_RATE = max(band["rate"] for band in ROW["bands"])

prices = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("5"), places=3)
litres = st.decimals(min_value=Decimal("0"), max_value=Decimal("10000"), places=2)


@given(price=prices, quantity=litres)
def test_amount_never_above_the_caps(price, quantity):
    amount = heating_allowance(price, quantity, on=ON)
    assert Decimal("0") <= amount <= ROW["yearly_cap"]
    assert amount <= ROW["max_litres"] * MAX_RATE


@given(price_a=prices, price_b=prices, quantity=litres)
def test_amount_does_not_decrease_when_the_price_rises(price_a, price_b, quantity):
    low, high = sorted((price_a, price_b))
    assert heating_allowance(low, quantity, on=ON) <= heating_allowance(high, quantity, on=ON)


@given(price=prices, small=litres, large=litres)
def test_amount_does_not_decrease_with_more_litres(price, small, large):
    small, large = sorted((small, large))
    assert heating_allowance(price, small, on=ON) <= heating_allowance(price, large, on=ON)


@given(price=prices, quantity=litres)
def test_amount_is_in_cents(price, quantity):
    amount = heating_allowance(price, quantity, on=ON)
    assert amount == amount.quantize(Decimal("0.01"))
