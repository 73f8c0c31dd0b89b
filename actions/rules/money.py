"""Money as Decimal: careful conversion of user input, rounding to the cent (display: fr.py)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .fr import format_eur, format_number  # noqa: F401 - the one way to write euros (fr.py)

CENT = Decimal("0.01")


def to_decimal(value: Any, what: str) -> Decimal:
    """Decimal from a Decimal, int, float or text ("12.5", "12,5"); floats go through ``str``."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{what} : un nombre est attendu, reçu {value!r}.")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (int, float)):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{what} : {value!r} n'est pas un nombre.") from None
    else:
        raise ValueError(f"{what} : un nombre est attendu, reçu {value!r}.")
    if not number.is_finite():
        raise ValueError(f"{what} : {value!r} n'est pas un nombre fini.")
    return number


def non_negative(value: Any, what: str) -> Decimal:
    number = to_decimal(value, what)
    if number < 0:
        raise ValueError(f"{what} ne peut pas être négatif (reçu {value!r}).")
    return number


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (0.005 -> 0.01)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
