"""Mask personal numbers in a person's message before Rasa stores or logs it (no Rasa import).

    redact("mon numéro : 0470 12 34 56, IBAN BE68 5390 0754 7034")
    -> "mon numéro : [téléphone], IBAN [IBAN]"

What is masked:
- Belgian national register numbers (and bis numbers): 11 digits, written "85.07.30-033.28", "850730 033 28"
  or "85073003328", kept only when the mod-97 check digits are right (births before and from 2000);
- IBANs (any country, with or without spaces), kept only when the ISO 13616 mod-97 check is right;
- e-mail addresses;
- phone numbers: Belgian fixed and mobile numbers written with spaces, dots, slashes or dashes
  (0470 12 34 56, 0470/12.34.56, 02 123 45 67, 010/23.45.67), with +32 / 0032, and international +XX numbers;
  the free and paying service numbers (0800, 090x, 070, 078: helplines, not people) are kept.

What is never touched: amounts ("1.234,56 €", "1 234 €", "850 euros"), postal codes ("1310"), dates
("20/03/2026", "20.03.2026"), ages, years, litres, percentages: a phone number must start with 0 or +, have
the right number of digits for Belgium, and not be followed by a unit.
"""
from __future__ import annotations

import re

NATIONAL_NUMBER = "[numéro national]"
IBAN = "[IBAN]"
EMAIL = "[e-mail]"
PHONE = "[téléphone]"

_SEP = r"[ .\-/]?"
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")
# Country code, 2 check digits, then 11 to 30 letters/digits, possibly in groups of 4 separated by spaces.
IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30})(?![A-Za-z0-9])")
NATIONAL_RE = re.compile(
    r"(?<![\d])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .\-]?(\d{3})[ .\-]?(\d{2})(?![\d])"
)
UNIT_AFTER = re.compile(r"\s*(?:€|eur\b|euros?\b|l\b|litres?\b|%|kg\b|km\b|ans?\b|mois\b|jours?\b|m2\b|m²)",
                        re.IGNORECASE)
# Belgian numbers: after 0 (or +32 / 0032), 8 digits for a fixed line, 9 starting with 4 for a mobile, with
# separators anywhere; the count is checked in redact(). Non-geographic service numbers are kept.
BE_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)32[ .\-/]?(?:\(0\)[ ]?)?|0)"
    r"([1-9](?:[ .\-/]?\d){7,8})"
    r"(?![\d])"
)
SERVICE_PREFIXES = ("800", "900", "901", "902", "903", "904", "905", "906", "907", "908", "909", "70", "78")
INTL_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|00)(?!32)[1-9]\d{0,2}(?:[ .\-/]?\d){6,12}(?![\d])")


def _iban_ok(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


# IBAN lengths of the countries people here are most likely to write (others: the longest valid prefix).
IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "FR": 27, "DE": 22, "ES": 24, "IT": 27, "PT": 25, "PL": 28,
                "RO": 24, "BG": 22, "GB": 22, "IE": 22, "CH": 21, "AT": 20, "GR": 27, "TR": 26, "MA": 28}


def _iban_replacement(match: re.Match) -> str:
    """Mask the valid IBAN at the start of the match ("BE68 5390 0754 7034 merci" -> "[IBAN] merci")."""
    found = match.group(0)
    expected = IBAN_LENGTHS.get(found[:2].upper())
    for end in range(len(found), 14, -1):
        if end < len(found) and found[end] != " ":
            continue
        compact = found[:end].replace(" ", "")
        if (expected is None or len(compact) == expected) and _iban_ok(compact):
            return IBAN + found[end:]
    return found


def _national_ok(groups) -> bool:
    yy, mm, dd, serial, check = groups
    base = int(yy + mm + dd + serial)
    month = int(mm)
    # bis numbers add 20 or 40 to the month; an unknown birth date has month 0.
    if not (0 <= month <= 12 or 20 <= month <= 32 or 40 <= month <= 52):
        return False
    check = int(check)
    return 97 - base % 97 == check or 97 - (2_000_000_000 + base) % 97 == check


def _not_before_unit(text: str, end: int) -> bool:
    return not UNIT_AFTER.match(text, end)


def redact(text: str) -> str:
    """The message with national numbers, IBANs, e-mail addresses and phone numbers masked."""
    if not text:
        return text
    text = EMAIL_RE.sub(EMAIL, text)
    text = IBAN_RE.sub(_iban_replacement, text)
    text = NATIONAL_RE.sub(
        lambda m: NATIONAL_NUMBER if _national_ok(m.groups()) and _not_before_unit(text, m.end()) else m.group(0),
        text,
    )

    def be_phone(match: re.Match) -> str:
        national = re.sub(r"\D", "", match.group(1))       # the digits after 0 / +32
        if not _not_before_unit(match.string, match.end()) or national.startswith(SERVICE_PREFIXES):
            return match.group(0)
        if len(national) == (9 if national.startswith("4") else 8):
            return PHONE
        return match.group(0)

    def intl_phone(match: re.Match) -> str:
        return match.group(0) if not _not_before_unit(match.string, match.end()) else PHONE

    text = BE_PHONE_RE.sub(be_phone, text)
    text = INTL_PHONE_RE.sub(intl_phone, text)
    return text
