"""Personal numbers are masked in a person's message; amounts, dates and postal codes are not."""
import string

import pytest
from hypothesis import assume, given, settings, strategies as st

from cpas_rasa.redaction import EMAIL, IBAN, NATIONAL_NUMBER, PHONE, SERVICE_PREFIXES, redact
from cpas_rasa.sanitize import clean_message


def national_number(yy, mm, dd, serial, born_2000=False):
    base = int(f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}")
    check = 97 - ((2_000_000_000 + base) if born_2000 else base) % 97
    return f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}{check:02d}"


def iban(country, bban):
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


@pytest.mark.parametrize("text, expected", [
    ("mon gsm c'est le 0470 12 34 56", "mon gsm c'est le [téléphone]"),
    ("0470/12.34.56", PHONE), ("04 70 12 34 56", PHONE), ("0470123456", PHONE),
    ("+32 470 12 34 56", PHONE), ("0032 470 12 34 56", PHONE), ("+32 (0)2 123 45 67", PHONE),
    ("02 123 45 67", PHONE), ("010/23.45.67", PHONE), ("067-28-37-15", PHONE),
    ("+33 6 12 34 56 78", PHONE), ("+352 621 123 456", PHONE),
    ("écrivez-moi à marie.dupont+cpas@mail.example.be", f"écrivez-moi à {EMAIL}"),
    ("IBAN BE68 5390 0754 7034 merci", "IBAN [IBAN] merci"), ("BE68539007547034", IBAN),
    ("FR14 2004 1010 0505 0001 3M02 606", IBAN), ("nl91abna0417164300", IBAN),
    ("NN 85.07.30-033.28", "NN [numéro national]"), ("85073003328", NATIONAL_NUMBER),
    ("850730 033 28", NATIONAL_NUMBER),
])
def test_personal_numbers_are_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "1.234,56 €", "1 234 €", "850 euros", "1234,56", "j'ai reçu 1.314,20 € le 20/03/2026", "1310 La Hulpe",
    "code postal 4000", "20.03.2026", "01/02/2026", "né le 05/03/1990", "j'ai 34 ans", "1500 litres à 0,63 €/L",
    "2 %", "en 2025", "3 mois", "appelez le 0800 32 123", "Télé-Accueil 107", "le 112", "070 123 456",
    "BE68 5390 0754 7035",           # wrong IBAN check digits
    "85073003300",                   # wrong national number check digits
    "12345678901", "mon loyer est de 650 € et je gagne 1 200 euros", "article 27", "cpas-info.be",
])
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text


@given(st.integers(0, 99), st.integers(1, 12), st.integers(1, 28), st.integers(1, 997), st.booleans(),
       st.sampled_from(["{}", "{0}{1}.{2}{3}.{4}{5}-{6}{7}{8}.{9}{10}", "{0}{1}{2}{3}{4}{5} {6}{7}{8} {9}{10}"]))
def test_any_valid_national_number_is_masked(yy, mm, dd, serial, born_2000, layout):
    number = national_number(yy, mm, dd, serial, born_2000)
    written = number if layout == "{}" else layout.format(*number)
    assert redact(f"mon numéro national est {written} voilà") == f"mon numéro national est {NATIONAL_NUMBER} voilà"


@given(st.text(alphabet=string.digits, min_size=12, max_size=12))
def test_any_valid_belgian_iban_is_masked(bban):
    number = iban("BE", bban)
    spaced = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    assert redact(f"sur {number} svp") == f"sur {IBAN} svp"
    assert redact(f"sur {spaced} svp") == f"sur {IBAN} svp"


@given(st.sampled_from(["2", "3", "9", "10", "11", "15", "16", "19", "50", "58", "60", "65", "67", "71", "81",
                        "85", "87"]),
       st.text(alphabet=string.digits, min_size=8, max_size=8), st.sampled_from([" ", ".", "/", ""]))
def test_belgian_fixed_lines_are_masked(zone, digits, sep):
    number = "0" + zone + digits[: 8 - len(zone)]
    assume(not number[1:].startswith(SERVICE_PREFIXES))   # 0800, 090x, 070, 078 are helplines, kept
    written = number[: len(zone) + 1] + sep + number[len(zone) + 1:]
    assert redact(f"appelez-moi au {written}") == f"appelez-moi au {PHONE}"


@given(st.integers(0, 99_999_999), st.integers(0, 99))
@settings(max_examples=200)
def test_amounts_in_belgian_formats_are_never_masked(euros, cents):
    dotted = f"{euros:,}".replace(",", ".")
    spaced = f"{euros:,}".replace(",", " ")
    for text in (f"{dotted},{cents:02d} €", f"{spaced} €", f"{euros} euros", f"{dotted},{cents:02d} EUR"):
        assert redact(f"je gagne {text} par mois") == f"je gagne {text} par mois"


def test_the_channel_cleaning_masks_too_but_keeps_the_bot_buttons():
    assert clean_message("mon numéro 0470 12 34 56") == f"mon numéro {PHONE}"
    assert clean_message("/restart 0470 12 34 56") == f"restart {PHONE}"
    assert clean_message("/greet", allowed_payloads=frozenset({"/greet"})) == "/greet"


def test_the_nlu_reads_the_message_without_the_masks():
    from cpas_rasa.placeholders import without_masks

    assert without_masks(f"Quels sont les montants du RIS ? ({PHONE})") == "Quels sont les montants du RIS ? ( )"
    assert without_masks(f"mon IBAN {IBAN} et {EMAIL}") == "mon IBAN et"
    assert without_masks("rien à masquer ici") == "rien à masquer ici"
