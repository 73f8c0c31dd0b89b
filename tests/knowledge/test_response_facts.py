"""No fact typed by hand in an answer: every amount, rate, period, delay or age is a placeholder.

Scans every response text of domain.yml and data/responses/*.yml for a number followed by a unit (€, %, jours,
mois, ans, années, litres, semaines, heures, cents) outside a ``{placeholder}``. The facts come from
actions/rules/parameters.yml through actions/rules/quoted.py and are filled in by cpas_rasa/nlg.py.
Phone numbers, article numbers and other numbers without a unit may stay typed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "domain.yml", *sorted((ROOT / "data" / "responses").glob("*.yml"))]
UNIT = r"(?:€|%|jours?|mois|ans?|années?|litres?|semaines?|heures?|cents?|centimes?)"
FACT = re.compile(r"(?<![\w{])\d(?:[\d\u00a0 .,]*\d)?(?:er|e)?\s*(?:ouvrables\s+|calendrier\s+)?" + UNIT + r"(?!\w)")
PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")

# The short list of typed numbers with a unit that are not facts of the parameters, each with its reason.
EXCEPTIONS = {
    ("utter_reask_amount", "1.234,56 €"): "an example of how to type an amount, not a fact",
    ("utter_faq/sanctions", "1er jour"): "« le 1er jour du {sanction_start_month} » names a day of the month",
    ("utter_ask_ris_form_ris_status", "3 mois"): "a button title that actions/checks/ris.py reads back as the choice "
                                                 "(its first synonym): it must stay a fixed text",
}


def response_texts():
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (data.get("responses") or {}).items():
            for variant in variants or []:
                for key in ("text",):
                    if variant.get(key):
                        yield path.name, name, variant[key]
                for button in variant.get("buttons") or []:
                    yield path.name, name, button.get("title") or ""


def typed_facts(text: str):
    return [match.group(0) for match in FACT.finditer(PLACEHOLDER.sub("{}", text))]


def test_the_scan_finds_a_typed_fact():
    assert typed_facts("dans les 30 jours, 6 % par an, 1 314,20 €, 25 ans, 1 500 litres, 3 mois") == [
        "30 jours", "6 %", "1 314,20 €", "25 ans", "1 500 litres", "3 mois"]
    assert typed_facts("au {ris_cat2}, dans les {decision_days}, appelez le 0800 30 030, article 60") == []


def test_there_are_responses_to_scan():
    assert len(list(response_texts())) > 100


@pytest.mark.parametrize("file, name, text", list(response_texts()), ids=lambda v: v if len(v) < 60 else "")
def test_no_fact_typed_by_hand(file, name, text):
    found = [fact for fact in typed_facts(text) if (name, fact) not in EXCEPTIONS]
    assert not found, (f"{file}, {name}: {found} typed by hand; use a placeholder of actions/rules/quoted.py "
                       f"(or add a named exception with its reason)")


def test_every_exception_is_still_needed():
    seen = {(name, fact) for _, name, text in response_texts() for fact in typed_facts(text)}
    assert set(EXCEPTIONS) <= seen, set(EXCEPTIONS) - seen
