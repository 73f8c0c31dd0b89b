"""Formatting, commune profile, language guess and message cleaning."""
from datetime import date
from decimal import Decimal

import pytest

from actions.formatting import format_date_fr, format_eur
from actions.lib.language import detect_language
from actions.lib.profile import load_profile
from cpas_rasa.privacy.sanitize import EMPTY_PAYLOAD, MAX_CHARS, button_payloads, clean_message


@pytest.mark.parametrize("amount, text", [
    (Decimal("1314.2"), "1 314,20 €"),
    (Decimal("876.13"), "876,13 €"),
    (Decimal("300"), "300 €"),
    (Decimal("24814.75"), "24 814,75 €"),
    (Decimal("0.145"), "0,15 €"),
])
def test_format_eur(amount, text):
    assert format_eur(amount) == text


@pytest.mark.parametrize("day, text", [
    (date(2025, 2, 1), "1er février 2025"),
    (date(2026, 3, 15), "15 mars 2026"),
    (date(2022, 8, 2), "2 août 2022"),
])
def test_format_date_fr(day, text):
    assert format_date_fr(day) == text


def test_default_profile_is_la_hulpe():
    profile = load_profile()
    assert profile.cpas_name == "CPAS de La Hulpe"
    assert profile.cpas_phone == "02/634.01.30"
    assert "rue de la Grotte 2" in profile.cpas_address
    assert profile.region == "wallonia"
    assert "lahulpe.be" in profile.official_domains


def test_profile_from_environment(tmp_path, monkeypatch):
    (tmp_path / "wavre.yml").write_text(
        "commune: Wavre\nregion: wallonia\ncpas: {name: CPAS de Wavre, address: x, phone: '010', hours: y}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CPAS_PROFILE", "wavre")
    assert load_profile(directory=tmp_path).cpas_name == "CPAS de Wavre"


@pytest.mark.parametrize("content, error", [
    ("commune: X\nregion: wallonia\ncpas: {name: A, address: B, phone: C}\n", "cpas.hours"),
    ("commune: X\nregion: mars\ncpas: {name: A, address: B, phone: C, hours: D}\n", "région"),
])
def test_incomplete_profile_is_a_clear_error(tmp_path, content, error):
    (tmp_path / "bad.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        load_profile("bad", directory=tmp_path)


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ValueError, match="introuvable"):
        load_profile("nowhere")
    with pytest.raises(ValueError, match="invalide"):
        load_profile("../etc/passwd")


@pytest.mark.parametrize("text, language", [
    ("Hallo, ik heb hulp nodig van het OCMW", "nl"),
    ("Waar kan ik een leefloon aanvragen?", "nl"),
    ("Hello, can I get social welfare money?", "en"),
    ("Do you speak English?", "en"),
    ("Bonjour, je voudrais de l'aide du CPAS", "fr"),
    ("🙂🙂", None),
    ("", None),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


ALLOWED = frozenset({"/greet"})


@pytest.mark.parametrize("raw, cleaned", [
    ("", EMPTY_PAYLOAD),
    ("   \n\t ", EMPTY_PAYLOAD),
    (None, EMPTY_PAYLOAD),
    ("///", EMPTY_PAYLOAD),
    ("/restart", "restart"),
    ('/ask_my_cpas{"commune_candidates": ["21004"]}', 'ask_my_cpas{"commune_candidates": ["21004"]}'),
    ("/greet", "/greet"),
    ("  bonjour  ", "bonjour"),
    (12345, "12345"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
])
def test_clean_message(raw, cleaned):
    assert clean_message(raw, ALLOWED) == cleaned


def test_long_message_is_cut():
    cleaned = clean_message("mot " * 5000, ALLOWED)
    assert 0 < len(cleaned) <= MAX_CHARS


def test_button_payloads_are_read_from_the_responses():
    payloads = button_payloads()
    assert all(p.startswith("/") for p in payloads)
