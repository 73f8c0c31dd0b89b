"""Personal numbers are masked in a person's message; amounts, dates, postal codes and the like are not."""
import string

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from cpas_rasa.privacy.redaction import (
    EMAIL,
    IBAN,
    NATIONAL_NUMBER,
    PHONE,
    SERVICE_PREFIXES,
    iban_is_valid,
    national_number_is_valid,
    redact,
)
from cpas_rasa.privacy.sanitize import EMPTY_PAYLOAD, MAX_CHARS, clean_message


def national_number(yy, mm, dd, serial, born_2000=False):
    """A national register number with its check digits computed from the definition (mod 97)."""
    base = int(f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}")
    check = 97 - ((2_000_000_000 + base) if born_2000 else base) % 97
    return f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}{check:02d}"


def iban(country, bban):
    """An IBAN with its check digits computed from ISO 13616 (98 - mod 97 of BBAN + country + 00)."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def spaced(number):
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


# Numbers checked by hand against the definitions (the Belgian examples of the SPF/ECBS documentation style).
@pytest.mark.parametrize("text, expected", [
    ("mon gsm c'est le 0470 12 34 56", "mon gsm c'est le [téléphone]"),
    ("0470/12.34.56", PHONE), ("04 70 12 34 56", PHONE), ("0470123456", PHONE), ("0470 123 456", PHONE),
    ("0470-12-34-56", PHONE), ("0470.12.03.45", PHONE), ("0460.01.01.00", PHONE), ("0470.12.34.56", PHONE),
    ("0470\u00a012\u00a034\u00a056", PHONE),
    ("+32 470 12 34 56", PHONE), ("+32470123456", PHONE), ("0032 470 12 34 56", PHONE),
    ("+32 (0)470 12 34 56", PHONE), ("+32 (0)2 123 45 67", PHONE), ("+32 2 123 45 67", PHONE),
    ("02 123 45 67", PHONE), ("010/23.45.67", PHONE), ("067-28-37-15", PHONE), ("(02) 123 45 67", PHONE),
    ("(010) 23 45 67", PHONE), ("(0470 12 34 56)", f"({PHONE})"), ("tel:0470123456", f"tel:{PHONE}"),
    ("gsm0470123456", f"gsm{PHONE}"),
    ("appelez-moi au 0470 12 34 56 l'après-midi", f"appelez-moi au {PHONE} l'après-midi"),
    ("de 0470 12 34 56 à 0471 65 43 21", f"de {PHONE} à {PHONE}"),
    ("0470 12 34 56 ou 02 123 45 67.", f"{PHONE} ou {PHONE}."),
    ("+33 6 12 34 56 78", PHONE), ("0033 6 12 34 56 78", PHONE), ("+352 621 123 456", PHONE),
    ("+44 20 7946 0958", PHONE), ("+1 (555) 123-4567", PHONE), ("+212 6 12 34 56 78", PHONE),
    ("écrivez-moi à marie.dupont+cpas@mail.example.be", f"écrivez-moi à {EMAIL}"),
    ("Marie.Dupont@Exemple.BE, merci", f"{EMAIL}, merci"), ("jean_d@hotmail.fr!", f"{EMAIL}!"),
    ("IBAN BE68 5390 0754 7034 merci", "IBAN [IBAN] merci"), ("BE68539007547034", IBAN),
    ("be68 5390 0754 7034", IBAN), ("BE68-5390-0754-7034", IBAN), ("compte BE68 5390 0754 7034.", "compte [IBAN]."),
    ("FR14 2004 1010 0505 0001 3M02 606", IBAN), ("nl91abna0417164300", IBAN), ("LU28 0019 4006 4475 0000", IBAN),
    ("DE89 3704 0044 0532 0130 00", IBAN),
    ("BE68 5390 0754 7034 BE71 0961 2345 6769", f"{IBAN} {IBAN}"),
    ("BE68539007547034 et BE71096123456769", f"{IBAN} et {IBAN}"),
    ("NN 85.07.30-033.28", "NN [numéro national]"), ("85073003328", NATIONAL_NUMBER),
    ("850730 033 28", NATIONAL_NUMBER), ("85.07.30 033-28 merci", f"{NATIONAL_NUMBER} merci"),
    ("mon NN est 85073003328.", f"mon NN est {NATIONAL_NUMBER}."),
    (national_number(1, 2, 3, 45, born_2000=True), NATIONAL_NUMBER),               # born in 2001
    (national_number(85, 27, 30, 33), NATIONAL_NUMBER),                            # bis number (month + 20)
    (national_number(85, 47, 30, 33), NATIONAL_NUMBER),                            # bis number (month + 40)
    (national_number(85, 0, 0, 1), NATIONAL_NUMBER),                               # birth date unknown
])
def test_personal_numbers_are_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "1.234,56 €", "1 234 €", "1\u00a0234,56\u00a0€", "850 euros", "1234,56", "1.314,20 EUR",
    "j'ai reçu 1.314,20 € le 20/03/2026", "1310 La Hulpe", "code postal 4000", "B-1310",
    "20.03.2026", "20/03/2026", "01/02/2026", "2026-03-20", "né le 05/03/1990", "le 4/5/2026",
    "rendez-vous le 04/05/2026 12h", "le 09/03/2026 9h30", "le 01.02.2026 10 personnes", "le 04.05.2026 10 30",
    "j'ai 34 ans", "1500 litres à 0,63 €/L", "2 %", "2,5%", "en 2025", "de 2019 à 2025", "3 mois",
    "j'ai 2 enfants de 4 et 6 ans", "article 27", "cpas-info.be", "Télé-Accueil 107", "le 112",
    "appelez le 0800 32 123",
    "0800 30 030", "070 123 456", "078 15 25 35", "0900 12 345", "+1 500 000 habitants", "+15 %",
    "BE68 5390 0754 7035",           # wrong IBAN check digits
    "85073003300",                   # wrong national number check digits
    "85.13.30-033.28",               # month 13: not a date, not a bis number
    "12345678901", "mon loyer est de 650 € et je gagne 1 200 euros", "dossier 2024/12345",
    "1.047.012 €", "3 000 000 €", "loyer 0 €", "0,50 € par litre", "ma carte: 591-1234567-89",
])
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text


def test_the_check_helpers_follow_their_definitions():
    assert iban_is_valid("BE68 5390 0754 7034") and not iban_is_valid("BE68 5390 0754 7035")
    assert iban_is_valid("GB82 WEST 1234 5698 7654 32") and not iban_is_valid("GB82 TEST 1234 5698 7654 32")
    assert national_number_is_valid("85.07.30-033.28") and not national_number_is_valid("85.07.30-033.29")


# ------------------------------------------------------------------------------------- properties
LAYOUTS = ["{}", "{0}{1}.{2}{3}.{4}{5}-{6}{7}{8}.{9}{10}", "{0}{1}{2}{3}{4}{5} {6}{7}{8} {9}{10}",
           "{0}{1}{2}{3}{4}{5}-{6}{7}{8}-{9}{10}"]


@settings(deadline=None, max_examples=200)
@given(st.integers(0, 99), st.sampled_from([0, 20, 40]), st.integers(0, 12), st.integers(0, 31),
       st.integers(1, 998), st.booleans(), st.sampled_from(LAYOUTS))
def test_any_valid_national_or_bis_number_is_masked(yy, bis, mm, dd, serial, born_2000, layout):
    number = national_number(yy, mm + bis, dd, serial, born_2000)
    written = number if layout == "{}" else layout.format(*number)
    assert redact(f"mon numéro national est {written} voilà") == f"mon numéro national est {NATIONAL_NUMBER} voilà"


@settings(deadline=None, max_examples=200)
@given(st.integers(10, 99), st.integers(1, 12), st.integers(1, 31), st.integers(1, 998), st.integers(1, 96),
       st.sampled_from(LAYOUTS))
def test_a_national_number_with_wrong_check_digits_is_not_masked_as_one(yy, mm, dd, serial, shift, layout):
    good = national_number(yy, mm, dd, serial)
    wrong = good[:9] + f"{(int(good[9:]) + shift) % 97 or 97:02d}"
    assume(not national_number_is_valid(wrong))
    written = wrong if layout == "{}" else layout.format(*wrong)
    assert NATIONAL_NUMBER not in redact(f"numéro {written} ici")


COUNTRIES = {"BE": (12, string.digits), "NL": (14, string.digits), "LU": (16, string.digits),
             "FR": (23, string.digits), "DE": (18, string.digits)}


@settings(deadline=None, max_examples=200)
@given(st.sampled_from(sorted(COUNTRIES)), st.data(), st.booleans(), st.booleans())
def test_any_valid_iban_is_masked_and_a_wrong_one_is_not(country, data, with_spaces, lower):
    size, alphabet = COUNTRIES[country]
    bban = data.draw(st.text(alphabet=alphabet, min_size=size, max_size=size))
    number = iban(country, bban)
    written = spaced(number) if with_spaces else number
    written = written.lower() if lower else written
    assert redact(f"sur {written} svp") == f"sur {IBAN} svp"
    check = int(number[2:4])
    wrong = number[:2] + f"{(check + 1) % 97 or 2:02d}" + number[4:]
    assert IBAN not in redact(f"sur {spaced(wrong) if with_spaces else wrong} svp")


MOBILE_PREFIXES = ["0", "+32 ", "+32", "0032 ", "0032", "+32 (0)", "+32(0)"]


@settings(deadline=None, max_examples=200)
@given(st.sampled_from(MOBILE_PREFIXES), st.sampled_from(["6", "7", "8", "9"]),
       st.text(alphabet=string.digits, min_size=7, max_size=7), st.sampled_from([" ", ".", "/", "-", "", "\u00a0"]),
       st.sampled_from(["{a}{s}{b}{s}{c}{s}{d}", "{a}{s}{b}{c}{d}", "{a}{b}{c}{d}", "{a}{s}{b}{c}{s}{d}"]))
def test_any_belgian_mobile_is_masked(prefix, second, digits, sep, layout):
    number = "4" + second + digits                 # 04xx xx xx xx: 9 digits after the 0
    a, b, c, d = number[:3], number[3:5], number[5:7], number[7:]
    written = prefix + layout.format(a=a, b=b, c=c, d=d, s=sep)
    assert redact(f"mon gsm : {written}, merci") == f"mon gsm : {PHONE}, merci"


@settings(deadline=None, max_examples=200)
@given(st.sampled_from(["2", "3", "9", "10", "11", "15", "16", "19", "50", "58", "60", "65", "67", "71", "81",
                        "85", "87"]),
       st.text(alphabet=string.digits, min_size=8, max_size=8), st.sampled_from([" ", ".", "/", ""]),
       st.sampled_from(["0", "+32 ", "0032 "]))
def test_belgian_fixed_lines_are_masked(zone, digits, sep, prefix):
    number = zone + digits[: 8 - len(zone)]
    assume(not number.startswith(SERVICE_PREFIXES))   # 0800, 090x, 070, 077, 078 are helplines, kept
    written = prefix + number[: len(zone)] + sep + number[len(zone):]
    assert redact(f"appelez-moi au {written}") == f"appelez-moi au {PHONE}"


@settings(deadline=None, max_examples=200)
@given(st.integers(0, 99_999_999), st.integers(0, 99))
def test_amounts_in_belgian_formats_are_never_masked(euros, cents):
    dotted = f"{euros:,}".replace(",", ".")
    spaced_ = f"{euros:,}".replace(",", " ")
    for text in (f"{dotted},{cents:02d} €", f"{spaced_} €", f"{euros} euros", f"{dotted},{cents:02d} EUR",
                 f"{spaced_},{cents:02d}\u00a0€"):
        assert redact(f"je gagne {text} par mois") == f"je gagne {text} par mois"


def _date(sep):
    return st.builds(lambda d, m, y, time: f"{d:02d}{sep}{m:02d}{sep}{y}{time}", st.integers(1, 31),
                     st.integers(1, 12), st.integers(1950, 2030),
                     st.sampled_from(["", " 12h", " 9h30", " à 10 h", " 10 30", " 8h"]))


ORDINARY = st.one_of(
    _date("/"), _date("."), _date("-"),
    st.integers(1000, 9999).map(str),                                    # postal codes, years
    st.integers(1, 120).map(lambda n: f"{n} ans"),
    st.integers(1, 5000).map(lambda n: f"{n} litres"),
    st.builds(lambda n, d: f"{n},{d} %", st.integers(0, 100), st.integers(0, 9)),
    st.integers(1, 999).map(str),                                        # short numbers
    st.builds(lambda e, c, sep: f"{e:,}".replace(",", sep) + f",{c:02d} €", st.integers(0, 9_999_999),
              st.integers(0, 99), st.sampled_from([".", " ", "\u00a0"])),
    st.sampled_from(["bonjour", "CPAS", "revenu d'intégration", "le", "et", "à", "de", "loyer", "article 27"]),
)


@settings(deadline=None, max_examples=500)
@given(st.lists(ORDINARY, min_size=1, max_size=8), st.sampled_from([" ", ", ", " et ", " ; "]))
@example(["04/05/2026 12h"], " ")
def test_sentences_of_dates_postal_codes_ages_litres_percentages_and_amounts_are_never_touched(words, joiner):
    text = joiner.join(words)
    assert redact(text) == text


SAFE_TEXT = st.text(alphabet=string.ascii_letters + " ,.;:!?'éèàç()", max_size=40)


@settings(deadline=None, max_examples=200)
@given(SAFE_TEXT, SAFE_TEXT, st.sampled_from(["0470 12 34 56", "+32 470 12 34 56", "02/123.45.67",
                                              "marie@example.be", "BE68 5390 0754 7034", "85.07.30-033.28"]))
@example("", "KM", "0470 12 34 56")        # "km" after a phone number (found by hypothesis): still a phone number
@example("", "kg", "85.07.30-033.28")
def test_a_personal_number_in_any_sentence_leaves_no_digit_behind(before, after, secret):
    cleaned = clean_message(f"{before} {secret} {after}")
    assert secret not in cleaned
    assert not any(ch.isdigit() for ch in cleaned)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300))
def test_redaction_is_idempotent_and_never_fails(text):
    once = redact(text)
    assert redact(once) == once


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=3000))
def test_cleaning_never_lets_a_slash_command_or_a_huge_message_through(text):
    cleaned = clean_message(text, allowed_payloads=frozenset())
    assert cleaned == EMPTY_PAYLOAD or not cleaned.startswith("/")
    assert 0 < len(cleaned) <= MAX_CHARS


def test_a_phone_number_across_the_length_cut_is_masked_before_the_cut():
    text = "a" * (MAX_CHARS - 6) + " 0470 12 34 56 fin"
    cleaned = clean_message(text)
    assert "0470" not in cleaned and "047" not in cleaned and len(cleaned) <= MAX_CHARS


def test_the_channel_cleaning_masks_too_but_keeps_the_bot_buttons():
    assert clean_message("mon numéro 0470 12 34 56") == f"mon numéro {PHONE}"
    assert clean_message("/restart 0470 12 34 56") == f"restart {PHONE}"
    assert clean_message("/greet", allowed_payloads=frozenset({"/greet"})) == "/greet"
    assert clean_message("/greet{\"x\": 1}", allowed_payloads=frozenset({"/greet"})) == "greet{\"x\": 1}"
    assert clean_message("   ") == EMPTY_PAYLOAD and clean_message(None) == EMPTY_PAYLOAD


def test_the_nlu_reads_the_message_without_the_masks():
    from cpas_rasa.nlu.mask_remover import without_masks

    assert without_masks(f"Quels sont les montants du RIS ? ({PHONE})") == "Quels sont les montants du RIS ? ( )"
    assert without_masks(f"mon IBAN {IBAN} et {EMAIL}") == "et"
    # The words that only introduce a mask go with it; the question stays whole.
    assert (without_masks(f"je m'appelle Marie, mon numéro est {PHONE}, combien est le revenu d'intégration ?")
            == "je m'appelle Marie, , combien est le revenu d'intégration ?")
    assert (without_masks(f"Bonjour, tél {PHONE}, compte {IBAN}. Combien est le RIS ?")
            == "Bonjour, , . Combien est le RIS ?")
    assert without_masks(f"Mon numéro de compte bancaire : {IBAN}") == ""
    assert without_masks("mon numéro de dossier est 1234") == "mon numéro de dossier est 1234"
    assert without_masks("rien à masquer ici") == "rien à masquer ici"
