"""Worked examples: every case in tests/rules/cases/*.yaml, one test each (id = file: name).

A case has ``name`` (one sentence stating the result), ``function``, optional ``date`` (passed as
``on``), ``input`` (keyword arguments) and ``output``: a scalar, or a mapping of attributes of the
result (enums by name; ``conditions`` as {name: status}; ``explanation_contains`` / ``explanation_excludes`` as
lists of texts).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
import yaml

from actions import rules
from actions.rules.ris import estimate_ris, ris_difference

CASES_DIR = Path(__file__).with_name("cases")
FUNCTIONS = {name: getattr(rules, name) for name in rules.__all__ if callable(getattr(rules, name))}
FUNCTIONS.update(estimate_ris=estimate_ris, ris_difference=ris_difference)


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _same(actual, expected) -> bool:
    if isinstance(actual, Decimal):
        return expected is not None and actual == Decimal(str(expected))
    if isinstance(actual, Enum):
        return actual.name == expected
    return actual == expected


@pytest.mark.parametrize("case", list(_cases()))
def test_worked_example(case):
    kwargs = dict(case.get("input") or {})
    if "date" in case:
        kwargs["on"] = case["date"]
    result = FUNCTIONS[case["function"]](**kwargs)
    expected = case["output"]
    if not isinstance(expected, dict):
        assert _same(result, expected), f"{result!r} != {expected!r}"
        return
    for key, value in expected.items():
        if key == "conditions":
            actual = {c.name: c.status.value for c in result.conditions}
            assert {name: actual.get(name) for name in value} == value
        elif key == "explanation_contains":
            text = getattr(result, "amount_explanation", None) or result.explanation
            for part in value:
                assert part in text, f"{part!r} not in {text!r}"
        elif key == "explanation_excludes":
            text = getattr(result, "amount_explanation", None) or result.explanation
            for part in value:
                assert part not in text, f"{part!r} in {text!r}"
        else:
            assert _same(getattr(result, key), value), f"{key}: {getattr(result, key)!r} != {value!r}"


def test_there_are_cases_for_each_benefit():
    names = {path.stem for path in CASES_DIR.glob("*.yaml")}
    assert {"ris", "heating", "savings", "deadlines", "sanctions", "installation_premium"} <= names


def test_dates_in_cases_are_dates():
    for param in _cases():
        case = param.values[0]
        if "date" in case:
            assert isinstance(case["date"], dt.date), case["name"]
