"""Free-text answer parsers used by the form validators (pure Python, no Rasa)."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.lib.parsing import (
    DONT_KNOW,
    Household,
    household_category,
    normalize,
    parse_age,
    parse_amount,
    parse_date,
    parse_household,
    parse_int_count,
    parse_yes_no,
)

GARBAGE = ["", "   ", "🙂🙂", "<script>alert(1)</script>", '{"a":1}', "/restart", "a" * 20000, "\n\t", "???"]
TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_none_everywhere(text):
    assert parse_amount(text) is None
    assert parse_age(text) is None
    assert parse_yes_no(text) is None
    assert parse_date(text, TODAY) is None
    assert parse_household(text) is None
    assert parse_int_count(text) is None


@pytest.mark.parametrize("value", [None, 12, 3.5, b"oui", ["oui"]])
def test_non_text_is_none(value):
    assert parse_amount(value) is None and parse_yes_no(value) is None and parse_household(value) is None
    assert parse_age(value) is None and parse_int_count(value) is None and parse_date(value, TODAY) is None


@pytest.mark.parametrize("text, expected", [
    ("  Déjà  VU’s  ", "deja vu's"), ("ÇA\u00a0va", "ca va"), ("sœur", "soeur"), ("1\u202f234", "1 234"), ("", ""),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1.234,56 €", "1234.56"), ("1234.56", "1234.56"), ("1 234 euros", "1234"), ("1234,5", "1234.5"),
    ("850€", "850"), ("€ 850", "850"), ("850 eur", "850"), ("environ 900", "900"), ("900 par mois", "900"),
    ("0", "0"), ("rien", "0"), ("aucun revenu", "0"), ("pas de revenu", "0"), ("je n'ai rien", "0"),
    ("Pas de revenus", "0"), ("aucun", "0"), ("mille deux cents", "1200"), ("cinq cents", "500"),
    ("huit cent cinquante", "850"), ("deux mille", "2000"), ("mille cinq cent cinquante", "1550"),
    ("trois cent vingt-cinq", "325"), ("douze cents euros", "1200"), ("neuf cent nonante", "990"),
    ("quatre-vingt-dix", "90"), ("1.5", "1.5"), ("1.500", "1500"), ("1,500", "1.5"), ("1\u202f234,50", "1234.5"),
    ("1\u00a0234 €", "1234"), ("123.456", "123456"),
    ("1,234.56", "1234.56"), ("j'ai un salaire de 1450 euros net", "1450"), ("850 € / mois", "850"),
    ("Je touche 1 100 € de chômage", "1100"), ("0,05", "0.05"), ("900 brut", "900"),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", [
    "-200", "moins 200", "entre 800 et 900", "800 ou 900", "1,234", "1234,567", "50%", "je sais pas",
    "je ne sais rien", "25 ans", "3 enfants", "deux enfants", "03/03/2026", "beaucoup", "deux trois cents",
    "2 x 400", "900 brut 750 net", "rien, enfin 200", "1.2.3", "12:30", "99999999", "quelques euros",
    "deux mille et 300", "pas de revenu depuis 2024", "le 3 mars", "vingt cents", "un cent",
])
def test_parse_amount_refuses(text):
    assert parse_amount(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_amount_never_raises(text):
    result = parse_amount(text)
    assert result is None or (isinstance(result, Decimal) and result >= 0)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False))
def test_parse_amount_round_trips_belgian_format(d):
    english = f"{d:,.2f}"
    belgian = english.replace(",", "\0").replace(".", ",").replace("\0", ".")  # 1,234.56 -> 1.234,56
    assert parse_amount(belgian) == d
    assert parse_amount(belgian + " €") == d
    assert parse_amount(english.replace(",", "\u202f").replace(".", ",")) == d  # 1 234,56 (narrow nbsp)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_other_parsers_never_raise(text):
    parse_age(text), parse_yes_no(text), parse_date(text, TODAY), parse_household(text), parse_int_count(text)


WORDISH = st.lists(st.sampled_from([
    "1", "31", "2026", "99999999999999999999", "0", "/", "-", ".", ",", " ", "er", "premier", "mars", "sept", "fev",
    "il y a", "jours", "semaines", "lundi", "dernier", "hier", "avant", "et", "vingt", "quatre", "cent", "mille",
    "un", "ans", "oui", "non", "pas", "seule", "mon", "mes", "enfants", "fils", "sans", "€", "1.234,56", "aucun",
]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORDISH, st.dates())
def test_parsers_never_raise_on_plausible_words(text, today):
    for parse in (parse_amount, parse_age, parse_yes_no, parse_household, parse_int_count):
        parse(text)
    if date(1901, 1, 1) <= today <= date(2099, 12, 31):
        parse_date(text, today)


@pytest.mark.parametrize("text, expected", [
    ("25", 25), ("j'ai 25 ans", 25), ("vingt-cinq ans", 25), ("17 ans et demi", 17), ("dix-sept", 17),
    ("soixante-dix", 70), ("quatre-vingt-deux", 82), ("septante-deux ans", 72), ("0", 0), ("120", 120),
    ("un an", 1), ("J'AI 45 ANS", 45), ("né en 1990, j'ai 35 ans", 35), ("17,5", 17), ("soixante et onze", 71),
    ("quatre-vingt-dix-neuf ans", 99), ("j'ai 30 ans et 2 enfants", 30),
])
def test_parse_age(text, expected):
    assert parse_age(text) == expected


@pytest.mark.parametrize("text", [
    "121", "150 ans", "-5", "25 ou 26", "1990", "6 mois", "vieux", "un", "deux trois", "1.234,56", "25.123",
])
def test_parse_age_refuses(text):
    assert parse_age(text) is None


@pytest.mark.parametrize("text, expected", [
    ("oui", True), ("Ouais", True), ("ouai", True), ("yes", True), ("ok", True), ("OK!", True),
    ("d'accord", True), ("D’accord", True), ("exact", True), ("tout à fait", True), ("bien sûr", True),
    ("oui oui", True), ("yep", True), ("jpense oui", True), ("absolument", True), ("c'est ça", True),
    ("affirmatif", True), ("ouiii", True), ("si", True), ("je pense que oui", True), ("oui, j'ai un bail", True),
    ("non", False), ("nan", False), ("nope", False), ("pas du tout", False), ("jamais", False),
    ("absolument pas", False), ("non merci", False), ("pas vraiment", False), ("aucun", False), ("NON !", False),
    ("bien sûr que non", False), ("je pense pas", False), ("pas encore", False), ("nooon", False),
    ("je sais pas", DONT_KNOW), ("jsp", DONT_KNOW), ("je ne sais pas", DONT_KNOW), ("aucune idée", DONT_KNOW),
    ("pas sûr", DONT_KNOW), ("peut-être", DONT_KNOW), ("ché pas", DONT_KNOW), ("chais pas", DONT_KNOW),
    ("non je sais pas", DONT_KNOW), ("j'en sais rien", DONT_KNOW), ("je ne suis pas sûre", DONT_KNOW),
    ("oui et non", None), ("bonjour", None), ("je ne suis pas propriétaire", None), ("pourquoi ?", None),
    ("oui mais non", None), ("123", None),
])
def test_parse_yes_no(text, expected):
    assert parse_yes_no(text) == expected
    assert DONT_KNOW == "unknown"


@pytest.mark.parametrize("text, expected", [
    ("03/03/2026", date(2026, 3, 3)), ("3/3/26", date(2026, 3, 3)), ("3-3-2026", date(2026, 3, 3)),
    ("2026-03-03", date(2026, 3, 3)), ("3.3.2026", date(2026, 3, 3)), ("le 3 mars", date(2026, 3, 3)),
    ("3 mars 2026", date(2026, 3, 3)), ("1er mars", date(2026, 3, 1)), ("premier mars", date(2026, 3, 1)),
    ("1ᵉʳ mars 2025", date(2025, 3, 1)), ("hier", date(2026, 11, 21)), ("aujourd'hui", date(2026, 11, 22)),
    ("avant-hier", date(2026, 11, 20)), ("il y a 3 jours", date(2026, 11, 19)),
    ("il y a trois jours", date(2026, 11, 19)), ("il y a une semaine", date(2026, 11, 15)),
    ("lundi dernier", date(2026, 11, 16)), ("dimanche dernier", date(2026, 11, 15)),
    ("le 3 février", date(2026, 2, 3)), ("le 20 décembre", date(2025, 12, 20)), ("20 dec", date(2025, 12, 20)),
    ("le 22 novembre", date(2026, 11, 22)), ("le 5 janv", date(2026, 1, 5)), ("5 fév.", date(2026, 2, 5)),
    ("5 fevr 2026", date(2026, 2, 5)), ("12 sept", date(2026, 9, 12)), ("sept mars", date(2026, 3, 7)),
    ("le vingt et un mars", date(2026, 3, 21)), ("3 AOUT", date(2026, 8, 3)), ("15 août 2024", date(2024, 8, 15)),
    ("j'ai reçu la décision le 3 mars", date(2026, 3, 3)), ("3/3", date(2026, 3, 3)),
    ("lettre du 3/3/2026, reçue le 3 mars", date(2026, 3, 3)), ("29 février", date(2024, 2, 29)),
])
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", [
    "31/02/2026", "le 3", "32 mars", "30 février 2026", "en mars", "mars 2026", "lundi", "la semaine dernière",
    "il y a quelques jours", "le 3 ou le 4 mars", "entre le 3 et le 5 mars", "3 et 4 mars", "13/13/2026",
    "hier ou avant-hier", "le 3 mars 2026 et le 4 mars 2026", "il y a 2 mois", "12.50",
])
def test_parse_date_refuses(text):
    assert parse_date(text, TODAY) is None


H = Household
@pytest.mark.parametrize("text, expected, category", [
    ("je vis seul", H(True, False, 0, False, False, False), 2),
    ("seule", H(True, False, 0, False, False, False), 2),
    ("tout seul avec mon chien", H(True, False, 0, False, False, False), 2),
    ("avec mon mari", H(False, True, None, None, None, None), 1),
    ("ma copine et son fils", H(False, True, 1, None, None, True), 3),
    ("avec mes parents", H(False, None, None, True, None, None), 1),
    ("en colocation", H(False, None, None, None, True, None), 1),
    ("avec ma femme et nos 3 enfants", H(False, True, 3, None, None, True), 3),
    ("avec mes 2 enfants", H(False, None, 2, None, None, True), 3),
    ("avec mes deux enfants", H(False, None, 2, None, None, True), 3),
    ("seule avec mes 2 enfants", H(False, False, 2, None, None, True), 3),
    ("chez ma mère", H(False, None, None, True, None, None), 1),
    ("avec ma grand-mère", H(False, None, None, None, True, None), 1),
    ("en couple", H(False, True, None, None, None, None), 1),
    ("avec mon compagnon", H(False, True, None, None, None, None), 1),
    ("en couple sans enfant", H(False, True, 0, None, None, False), 1),
    ("avec mes enfants", H(False, None, None, None, None, True), 3),
    ("avec mon fils et ma fille", H(False, None, 2, None, None, True), 3),
    ("je suis maman solo avec ma fille", H(False, False, 1, None, None, True), 3),
    ("avec mon frère", H(False, None, None, None, True, None), 1),
    ("avec ma belle-mère", H(False, None, None, None, True, None), 1),
    ("je suis célibataire", H(None, False, None, None, None, None), None),
])
def test_parse_household(text, expected, category):
    assert parse_household(text) == expected
    assert household_category(parse_household(text)) == category


@pytest.mark.parametrize("text", ["bonjour", "je sais pas", "seule, mon mari est parti", "avec quelqu'un", "42"])
def test_parse_household_refuses(text):
    assert parse_household(text) is None
    assert household_category(parse_household(text)) is None


@pytest.mark.parametrize("text, expected", [
    ("2", 2), ("deux", 2), ("aucun", 0), ("un", 1), ("une", 1), ("0", 0), ("zéro", 0), ("3 enfants", 3),
    ("j'ai un enfant", 1), ("pas d'enfant", 0), ("douze", 12), ("personne", 0), ("j'en ai 4", 4),
])
def test_parse_int_count(text, expected):
    assert parse_int_count(text) == expected


@pytest.mark.parametrize("text", ["2 ou 3", "1,5", "-2", "beaucoup", "un fils et une fille", "aucun, enfin 2", "100"])
def test_parse_int_count_refuses(text):
    assert parse_int_count(text) is None


@pytest.mark.parametrize("text, expected", [
    ("je vis avec ma soeur et ses 2 enfants", H(False, None, None, None, True, None)),
    ("mariée, 2 enfants", H(False, True, 2, None, None, True)),
    ("avec Marie", None),
    ("avec mon ami", H(False, None, None, None, True, None)),
    ("avec ma petite amie", H(False, True, None, None, None, None)),
    ("je vis avec personne", H(True, False, 0, False, False, False)),
    ("je vis seule avec ma fille", H(False, False, 1, None, None, True)),
    ("je suis une fille et je vis seule", H(True, False, 0, False, False, False)),
    ("pas d'enfant, je vis avec mon copain", H(False, True, 0, None, None, False)),
])
def test_parse_household_edge_cases(text, expected):
    assert parse_household(text) == expected


def test_two_digit_number_after_a_date_is_an_hour_not_a_year():
    assert parse_date("3 mars 10h", TODAY) == date(2026, 3, 3)
    assert parse_date("3 mars 25", TODAY) == date(2025, 3, 3)
