"""The placeholders of the unemployment answers (actions/rules/unemployment_facts.py through quoted_facts), read
from the parameters."""
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from actions.rules.parameters import DEFAULT_PATH
from actions.rules.quoted import quoted_facts as unemployment_slots
from cpas_rasa.nlg import render_values

RESPONSES = Path(__file__).resolve().parents[2] / "data" / "responses" / "faq_unemployment.yml"


def test_facts_of_the_time_limit_as_people_read_them():
    slots = unemployment_slots(date(2026, 12, 2))
    assert slots["unemployment_full_max"] == "24 mois"
    assert slots["unemployment_insertion_max"] == "12 mois"
    assert slots["unemployment_long_years"] == "20 ans" and slots["unemployment_medium_years"] == "8 ans"
    assert slots["unemployment_rule_date"] == "1er mars 2026"
    assert [slots[f"unemployment_wave{n}_date"] for n in (1, 2, 3)] == [
        "1er janvier 2026", "1er mars 2026", "1er avril 2026"]
    assert slots["unemployment_anniversary_from"] == "juillet 2026"
    assert slots["unemployment_waves_end"] == "juillet 2027"
    assert slots["cohabiting_rule_date"] == "1er mars 2026"
    assert slots["decision_days"] == "30 jours"


def test_a_date_before_the_reform_still_renders_the_announced_rule():
    assert unemployment_slots(date(2025, 6, 1))["unemployment_full_max"] == "24 mois"


def _copy_with(tmp_path, change):
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "parameters.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_new_row_changes_the_answer_from_its_date(tmp_path):
    def add_row(raw):
        rows = raw["unemployment_time_limit"]["values"]
        newest = dict(rows[max(rows)])
        rows[date(2028, 1, 1)] = {**newest, "insertion_max_months": 18, "source": "test"}
        raw["deadlines"]["values"][date(2028, 1, 1)] = {
            **raw["deadlines"]["values"][max(raw["deadlines"]["values"])], "decision_days": 20, "source": "test"}
    path = _copy_with(tmp_path, add_row)
    before, after = unemployment_slots(date(2027, 12, 31), path), unemployment_slots(date(2028, 1, 1), path)
    assert before["unemployment_insertion_max"] == "12 mois" and before["decision_days"] == "30 jours"
    assert after["unemployment_insertion_max"] == "18 mois" and after["decision_days"] == "20 jours"
    assert after["unemployment_rule_date"] == "1er janvier 2028"


def test_waves_come_from_the_dated_rows(tmp_path):
    def move_wave(raw):
        waves = raw["unemployment_end_waves"]["values"]
        waves[date(2026, 4, 15)] = waves.pop(date(2026, 4, 1))
        raw["unemployment_end_waves"]["values"] = dict(sorted(waves.items()))
    assert unemployment_slots(date(2026, 12, 2), _copy_with(tmp_path, move_wave))[
        "unemployment_wave3_date"] == "15 avril 2026"


def test_a_missing_wave_is_refused(tmp_path):
    def drop_wave(raw):
        raw["unemployment_end_waves"]["values"].pop(date(2026, 3, 1))
    with pytest.raises(ValueError, match="3 vagues"):
        unemployment_slots(date(2026, 12, 2), _copy_with(tmp_path, drop_wave))


def test_every_placeholder_of_the_answers_is_filled_when_rendered():
    responses = yaml.safe_load(RESPONSES.read_text(encoding="utf-8"))["responses"]
    used = {name for variants in responses.values() for variant in variants
            for name in re.findall(r"\{([a-z0-9_]+)\}", variant["text"])}
    assert used, "the answers quote facts through placeholders"
    assert used <= set(unemployment_slots(date(2026, 12, 2))) | set(render_values())


def test_no_fact_typed_by_hand_in_the_answers():
    text = RESPONSES.read_text(encoding="utf-8")
    typed = re.findall(r"\b\d+(?:[ ,.]\d+)*\s*(?:€|%|(?:jours?|mois|ans?|litres?)\b)", text.split("responses:", 1)[1])
    assert not typed, typed
