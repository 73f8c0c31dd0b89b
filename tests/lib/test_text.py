"""actions/lib/text.py: the one normalisation, accent stripping, edit distance and "de" of the bot."""
import unicodedata

import pytest

from actions.lib.communes import load_communes
from actions.lib.text import de_place, domain_of, edit_distance, fold, fold_char, fold_spaces, fold_words, strip_accents


def test_fold_keeps_punctuation_and_unifies_quotes_and_dashes():
    assert fold("Braine-l’Alleud") == "braine-l'alleud"
    assert fold("Œuvre — ÉTÉ") == "oeuvre - ete"
    assert fold("Straße, Ærø, Łódź") == "strasse, aero, lodz"


@pytest.mark.parametrize("text, expected", [
    ("  Déjà  VU’s  ", "deja vu's"), ("ÇA\u00a0va", "ca va"), ("1.234,56 €", "1.234,56 €"), ("", ""), (None, ""),
])
def test_fold_spaces_is_for_answers(text, expected):
    assert fold_spaces(text) == expected


def test_fold_words_is_for_names():
    assert fold_words("Braine-l’Alleud") == "braine l alleud"
    assert fold_words("  LIÈGE !! ") == "liege"
    assert fold_words("Sint-Pieters-Woluwe / Woluwe-Saint-Pierre") == "sint pieters woluwe woluwe saint pierre"


def test_strip_accents_keeps_case_and_signs():
    assert strip_accents("Liège, Écaussinnes-d'Enghien") == "Liege, Ecaussinnes-d'Enghien"


def test_strip_accents_matches_the_decomposition_the_lookup_table_was_built_with():
    """scripts/make_commune_lookup.py used NFD and dropped the marks: the same names come out."""
    for commune in load_communes():
        for name in (commune.name_fr, commune.name_nl):
            nfd = "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")
            assert strip_accents(name) == nfd


def test_fold_char_maps_one_character():
    assert [fold_char(c) for c in "Aé’œ-"] == ["a", "e", "'", "oe", "-"]


@pytest.mark.parametrize("a, b, distance", [
    ("charleroi", "charleroi", 0), ("charleoi", "charleroi", 1), ("chralreoi", "charleroi", 2),
    ("wavre", "warve", 1), ("", "abc", 3), ("ixelles", "uccle", 5),
])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_with_a_limit_stops_at_limit_plus_one():
    assert edit_distance("ixelles", "uccle", limit=2) == 3
    assert edit_distance("charleoi", "charleroi", limit=2) == 1
    assert edit_distance("a", "abcdef", limit=3) == 4


@pytest.mark.parametrize("name, expected", [
    ("Wavre", "de Wavre"), ("Ixelles", "d'Ixelles"), ("Écaussinnes", "d'Écaussinnes"), ("Le Roeulx", "du Roeulx"),
    ("Les Bons Villers", "des Bons Villers"), ("La Hulpe", "de La Hulpe"), ("Yvoir", "d'Yvoir"), ("Huy", "de Huy"),
])
def test_de_place(name, expected):
    assert de_place(name) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.LaHulpe.be/fr/cpas", "lahulpe.be"), ("http://cpas-info.be", "cpas-info.be"),
    ("www.mi-is.be?x=1", "mi-is.be"), ("", ""),
])
def test_domain_of(url, expected):
    assert domain_of(url) == expected
