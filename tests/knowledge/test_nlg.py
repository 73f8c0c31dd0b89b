"""The Rasa server's NLG (cpas_rasa/nlg.py): every answer gets the profile and the facts of the bot's day."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from actions.lib.emergency import danger_values
from actions.rules.fr import format_date_fr, format_eur
from actions.rules.parameters import DEFAULT_PATH, parameter
from cpas_rasa.nlg import FactsNaturalLanguageGenerator

ROOT = Path(__file__).resolve().parents[2]
# Placeholders that the custom actions fill (dispatcher.utter_message(response=..., name=value)).
GIVEN_BY_ACTIONS = {"amount", "amount_date", "caveat", "check_title", "commune", "court_text", "cpas", "deadline",
                    "details", "explanation", "next_step", "period", "postal_code", "region", "site", "start"}
# The urgent numbers, given by action_danger_first (actions/danger.py) from knowledge/emergency.yml.
GIVEN_BY_ACTIONS |= set(danger_values("wallonia")) | set(danger_values("brussels"))
PLACEHOLDER = re.compile(r"\{([^{}\n]+)\}")


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load([str(ROOT / "domain.yml"), str(ROOT / "data" / "responses")])


@pytest.fixture()
def nlg(domain) -> FactsNaturalLanguageGenerator:
    return FactsNaturalLanguageGenerator(domain=domain)


def tracker(domain) -> DialogueStateTracker:
    return DialogueStateTracker("tester", domain.slots)


async def render(nlg, domain, name, **kwargs) -> str:
    return (await nlg.generate(name, tracker(domain), "rest", **kwargs))["text"]


def test_endpoints_yml_makes_rasa_load_this_generator(domain):
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    assert isinstance(NaturalLanguageGenerator.create(endpoints.nlg, domain), FactsNaturalLanguageGenerator)
    # Rasa creates it before the model (and its domain) is loaded, then sets the responses.
    assert NaturalLanguageGenerator.create(endpoints.nlg, None).responses == {}


async def test_every_response_is_rendered_with_every_fact(nlg, domain, monkeypatch):
    monkeypatch.setenv("CPAS_TODAY", "2026-12-02")
    assert len(domain.responses) > 100
    for name in domain.responses:
        for variant in domain.responses[name]:
            given = {ph: "X" for ph in PLACEHOLDER.findall(variant.get("text") or "") if ph in GIVEN_BY_ACTIONS}
            text = await render(nlg, domain, name, **given)
            assert not PLACEHOLDER.search(text), f"{name}: placeholder left in {text!r}"


async def test_the_answers_follow_the_clock_across_the_announced_indexation(nlg, domain, monkeypatch):
    row = parameter("ris_monthly", dt.date(2025, 6, 1))
    monkeypatch.setenv("CPAS_TODAY", "2025-06-01")
    before = await render(nlg, domain, "utter_faq/ris_amounts")
    assert format_eur(row["cat2"]) in before and format_date_fr(row.since) in before
    assert "indexés" not in before                 # a 2025 day never hears of March 2026
    monkeypatch.setenv("CPAS_TODAY", "2026-03-01")   # the same generator, the next day of the conversation
    after = await render(nlg, domain, "utter_faq/ris_amounts")
    assert format_eur(row["cat2"]) in after and "indexés de 2 % au 1er mars 2026" in after
    assert "le CPAS vous donne le montant exact" in after


async def test_an_official_row_in_a_copy_of_the_parameters_is_spoken_from_its_date(nlg, domain, monkeypatch,
                                                                                   tmp_path):
    copy = tmp_path / "parameters.yml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    copy.write_text(text.replace("    2026-03-01:\n      status: announced\n      rate: 0.02\n",
                                 "    2026-03-01:\n      cat1: 893.65\n      cat2: 1340.48\n      cat3: 1811.59\n",
                                 1), encoding="utf-8")
    monkeypatch.setenv("CPAS_PARAMETERS", str(copy))
    monkeypatch.setenv("CPAS_TODAY", "2026-02-28")
    assert "1 314,20 €" in await render(nlg, domain, "utter_faq/ris_amounts")
    monkeypatch.setenv("CPAS_TODAY", "2026-03-01")
    answer = await render(nlg, domain, "utter_faq/ris_amounts")
    assert "1 340,48 €" in answer and "1er mars 2026" in answer and "indexés" not in answer
    assert "1 811,59 €" in await render(nlg, domain, "utter_faq/prime_installation")


async def test_the_facts_of_the_rules_are_the_facts_of_the_faq(nlg, domain, monkeypatch):
    monkeypatch.setenv("CPAS_TODAY", "2026-12-02")
    deadlines = parameter("deadlines", dt.date(2026, 12, 2))
    time_limits = await render(nlg, domain, "utter_faq/time_limits")
    assert f"{deadlines['decision_days']} jours après votre demande" in time_limits
    assert f"dans les {deadlines['notification_days']} jours" in time_limits
    savings = await render(nlg, domain, "utter_faq/ris_savings")
    assert "6 % par an" in savings and "10 % par an" in savings


async def test_values_given_by_an_action_win_over_the_facts(nlg, domain):
    assert "RIEN" in await render(nlg, domain, "utter_cpas_found_is_profile", cpas_name="RIEN", commune="x")


async def test_everyone_is_sent_to_the_cpas_of_their_own_commune(nlg, domain):
    warning = await render(nlg, domain, "utter_unofficial_site_next_step")
    assert "le CPAS de votre commune" in warning and "Si vous habitez La Hulpe : CPAS de La Hulpe" in warning
    assert "Quel est mon CPAS ?" in warning and "www.cpasonline.be" in warning
    assert "contactez directement le CPAS de La Hulpe" not in warning
    amounts = await render(nlg, domain, "utter_faq/ris_amounts")
    assert "CPAS de votre commune (si vous habitez La Hulpe : CPAS de La Hulpe, 02/634.01.30" in amounts
