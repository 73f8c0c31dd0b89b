"""Mask personal numbers in a person's message before Rasa stores or logs it (no Rasa import).

    redact("mon numéro : 0470 12 34 56, IBAN BE68 5390 0754 7034")
    -> "mon numéro : [téléphone], IBAN [IBAN]"

What is masked:
- Belgian national register numbers and bis numbers: 11 digits, written "85.07.30-033.28", "850730 033 28"
  or "85073003328"; masked only when the mod-97 check digits are right (births before 2000, and from 2000
  with the "2" put in front), the month being 00-12 (20-32 or 40-52 for a bis number);
- IBANs of any country, with or without spaces or dashes, in capitals or not; masked only when the ISO 13616
  mod-97 check is right (and, for the usual countries, when the length is that country's length);
- e-mail addresses;
- phone numbers: Belgian fixed lines (0 + 8 digits: 02 123 45 67, 010/23.45.67, (02) 123 45 67) and mobiles
  (04 + 8 digits: 0470 12 34 56, 0470/12.34.56, 0470-12-34-56), also written +32, 0032 or +32 (0); and
  international numbers written +XX or 00XX (8 to 15 digits). Separators: space, no-break space, dot, slash,
  dash, brackets. The free and paying service numbers (0800, 090x, 070, 077, 078: helplines, not people)
  are kept.

What is never touched: amounts ("1.234,56 €", "1 234 €", "850 euros"), postal codes ("1310"), dates
("20/03/2026", "20.03.2026", "04/05/2026 12h"), years, ages, litres, percentages, short numbers. A Belgian
phone number must start with 0, +32 or 0032 and have exactly the right number of digits, and is not masked
when it starts inside a date. A number of that exact shape is masked even when a unit follows ("0470 12 34 56
KM", "85.07.30-033.28 kg"): no amount or quantity is written that way, and a missed phone number is worse than
a masked quantity. Only an international-looking number (+XX...) followed by a unit is kept.
"""
from __future__ import annotations

import re
from typing import Sequence, Tuple

NATIONAL_NUMBER = "[numéro national]"
IBAN = "[IBAN]"
EMAIL = "[e-mail]"
PHONE = "[téléphone]"

_SPACES = " \u00a0\u202f"                        # space, no-break space, narrow no-break space
_SEP = f"[{_SPACES}.\\-/]"                        # one separator inside a number

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# Country code, 2 check digits, then 11 to 30 letters/digits, in groups separated by spaces or dashes.
IBAN_RE = re.compile(rf"(?<![^\W_])([A-Za-z]{{2}}\d{{2}}(?:[{_SPACES}\-]?[A-Za-z0-9]){{11,30}})(?![^\W_])")
# IBAN lengths of the countries people here are most likely to write (others: any valid length, 15-34).
IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "FR": 27, "DE": 22, "ES": 24, "IT": 27, "PT": 25, "PL": 28,
                "RO": 24, "BG": 22, "GB": 22, "IE": 22, "CH": 21, "AT": 20, "GR": 27, "TR": 26, "MA": 28,
                "TN": 24, "DZ": 26, "CD": 27, "SN": 28, "CM": 27, "UA": 29, "AL": 28, "MK": 19, "RS": 22,
                "BA": 20, "XK": 20, "HU": 28, "CZ": 24, "SK": 24, "LT": 20, "LV": 21, "EE": 20, "SE": 24,
                "DK": 18, "FI": 18, "NO": 15, "SI": 19, "HR": 21, "CY": 28, "MT": 31, "IS": 26, "LI": 21,
                "MC": 27, "SM": 27, "GE": 22, "MD": 24, "BR": 29, "SA": 24, "AE": 23, "LB": 28, "JO": 30}

NATIONAL_RE = re.compile(
    rf"(?<![\d+])(\d{{2}})[{_SPACES}.]?(\d{{2}})[{_SPACES}.]?(\d{{2}})[{_SPACES}.\-]?(\d{{3}})"
    rf"[{_SPACES}.\-]?(\d{{2}})(?![\d])"
)

# A unit after a number: it is an amount or a quantity, not a phone number ("0470 12 34 56 l'après-midi" is
# a phone number, so no one-letter unit here).
UNIT_AFTER = re.compile(
    rf"[{_SPACES}]*(?:€|eur\b|euros?\b|litres?\b|%|pour\s?cents?\b|kg\b|km\b|kwh\b|m3\b|m³|m2\b|m²)",
    re.IGNORECASE,
)
# Dates: a phone-shaped number that starts inside one is a date ("04/05/2026 12h", "01/04/1950 10 30"); a
# date-like group later in a number is not ("0470.12.03.45").
DATE_RE = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])([./\-])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d\d(?!\d)"
                     r"|(?<!\d)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")

# Belgian numbers: 0 (or +32 / 0032, possibly followed by "(0)"), or the zone in brackets "(02)", then
# digits with separators; the number of digits is checked in redact(): 8 after the 0 for a fixed line,
# 9 starting with 4 for a mobile.
BE_PHONE_RE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)32{_SEP}?(?:\(0\){_SEP}?)?|0|\(0(?=[1-9]\d{{0,2}}\)))"
    rf"([1-9](?:\)?{_SEP}?\d){{7,8}})"
    rf"(?![\d])"
)
SERVICE_PREFIXES = ("800", "900", "901", "902", "903", "904", "905", "906", "907", "908", "909",
                    "70", "77", "78")
# International numbers: +XX or 00XX (not 32: Belgian, above), 8 to 15 digits in all (checked in redact()).
INTL_PHONE_RE = re.compile(rf"(?<![\w+])(?:\+|00)(?!32)[1-9](?:{_SEP}?\(?\d\)?){{5,16}}(?![\d])")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616 check: the IBAN, its first four characters moved to the end, read in base 36, mod 97 = 1."""
    compact = re.sub(rf"[{_SPACES}\-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    if not compact.isascii() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _iban_replacement(match: re.Match) -> str:
    """Mask the valid IBAN at the start of the match ("BE68 5390 0754 7034 merci" -> "[IBAN] merci")."""
    found = match.group(0)
    expected = IBAN_LENGTHS.get(found[:2].upper())
    for end in range(len(found), 14, -1):
        if end < len(found) and found[end] not in _SPACES + "-":
            continue
        compact = re.sub(rf"[{_SPACES}\-]", "", found[:end])
        if (expected is None or len(compact) == expected) and iban_is_valid(compact):
            return IBAN + found[end:]
    return found


def national_number_is_valid(number: str) -> bool:
    """The 11 digits of a national register number or a bis number, check digits included."""
    digits = _digits(number)
    if len(digits) != 11:
        return False
    base, check, month = int(digits[:9]), int(digits[9:]), int(digits[2:4])
    # Bis numbers add 20 (sex unknown) or 40 (sex known) to the month; an unknown birth date has month 00.
    if not (month <= 12 or 20 <= month <= 32 or 40 <= month <= 52):
        return False
    return 97 - base % 97 == check or 97 - (2_000_000_000 + base) % 97 == check


def _unit_follows(text: str, end: int) -> bool:
    return UNIT_AFTER.match(text, end) is not None


def _be_phone(match: re.Match, dates: Sequence[Tuple[int, int]] = ()) -> str:
    found = match.group(0)
    national = _digits(match.group(1))              # the digits after the 0 / +32
    if national.startswith(SERVICE_PREFIXES):
        return found
    if len(national) != (9 if national.startswith("4") else 8):
        return found
    if any(start <= match.start() < end for start, end in dates):     # it starts inside a date
        return found
    return PHONE


def _intl_phone(match: re.Match) -> str:
    found = match.group(0)
    digits = _digits(found)[2:] if found.startswith("00") else _digits(found)
    if _unit_follows(match.string, match.end()) or not 8 <= len(digits) <= 15:
        return found
    return PHONE


def _substitute_until_stable(pattern: re.Pattern, replacement, text: str, rounds: int = 5) -> str:
    """Several IBANs in a row: the first match can swallow the next one, so go again on the result."""
    for _ in range(rounds):
        new = pattern.sub(replacement, text)
        if new == text:
            break
        text = new
    return text


def redact(text: str) -> str:
    """The message with national numbers, IBANs, e-mail addresses and phone numbers masked."""
    if not text:
        return text
    text = EMAIL_RE.sub(EMAIL, text)
    text = _substitute_until_stable(IBAN_RE, _iban_replacement, text)
    text = NATIONAL_RE.sub(
        lambda m: NATIONAL_NUMBER if national_number_is_valid(m.group(0)) else m.group(0),
        text,
    )
    dates = [m.span() for m in DATE_RE.finditer(text)]
    text = BE_PHONE_RE.sub(lambda m: _be_phone(m, dates), text)
    text = INTL_PHONE_RE.sub(_intl_phone, text)
    return text

