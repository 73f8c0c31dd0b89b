"""The assessment model: outcome rule, caveat, and the small two-condition checks."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from actions.rules import (
    CAVEAT,
    Outcome,
    Status,
    assess_advance,
    assess_heating,
    assess_rental_guarantee,
    assess_ris,
    assess_urgent_medical_aid,
)
from actions.rules.assessment import decide_outcome, met, not_met, unknown

ON = dt.date(2025, 6, 1)


def test_outcome_labels_are_french():
    assert Outcome.PROBABLY_ELIGIBLE.label == "probablement éligible"
    assert Outcome.UNKNOWN.label == "on ne peut pas encore dire"


@pytest.mark.parametrize(
    "statuses, outcome",
    [
        ([met, met], Outcome.PROBABLY_ELIGIBLE),
        ([met, unknown], Outcome.UNKNOWN),
        ([unknown, not_met], Outcome.PROBABLY_NOT_ELIGIBLE),
        ([not_met, met], Outcome.PROBABLY_NOT_ELIGIBLE),
        ([], Outcome.PROBABLY_ELIGIBLE),
    ],
)
def test_outcome_rule(statuses, outcome):
    assert decide_outcome([make(f"c{i}", "raison") for i, make in enumerate(statuses)]) is outcome


@pytest.mark.parametrize(
    "check",
    [
        lambda: assess_urgent_medical_aid(None, None),
        lambda: assess_advance(None, None),
        lambda: assess_rental_guarantee(None, None),
        lambda: assess_ris(ON),
        lambda: assess_heating(on=ON),
    ],
)
def test_nothing_known_means_unknown_with_caveat_and_next_step(check):
    assessment = check()
    assert assessment.outcome is Outcome.UNKNOWN
    assert assessment.caveat == CAVEAT and "enquête sociale" in assessment.caveat
    assert assessment.next_step and assessment.sources
    assert assessment.amount is None
    assert all(c.reason and "\n" not in c.reason for c in assessment.conditions)
    assert set(assessment.missing) == {c.name for c in assessment.conditions}


@pytest.mark.parametrize(
    "legal_stay, in_need, outcome",
    [
        (False, True, Outcome.PROBABLY_ELIGIBLE),
        (True, True, Outcome.PROBABLY_NOT_ELIGIBLE),
        (False, False, Outcome.PROBABLY_NOT_ELIGIBLE),
        (False, None, Outcome.UNKNOWN),
    ],
)
def test_urgent_medical_aid(legal_stay, in_need, outcome):
    assert assess_urgent_medical_aid(legal_stay, in_need).outcome is outcome


def test_advance_and_rental_guarantee():
    assert assess_advance(True, True).outcome is Outcome.PROBABLY_ELIGIBLE
    assert assess_advance(True, False).failed == ("entitled_to_benefit",)
    assert assess_rental_guarantee(True, True).outcome is Outcome.PROBABLY_ELIGIBLE
    assert assess_rental_guarantee(False, True).failed == ("residence",)


def test_ris_minor_without_special_case_is_not_eligible():
    assessment = assess_ris(ON, age=16, minor_case="none")
    assert assessment.condition("age").status is Status.NOT_MET
    assert "aide sociale" in assessment.next_step


def test_ris_with_partner_needs_the_partner_income():
    assessment = assess_ris(ON, monthly_income=0, lives_with="partner", has_dependent_child=False)
    assert assessment.condition("resources").status is Status.UNKNOWN
    assert assessment.amount is None


def test_ris_category_unknown_when_household_unclear():
    assessment = assess_ris(ON, monthly_income=0, lives_with="others")
    assert assessment.condition("resources").status is Status.UNKNOWN


def test_ris_resources_too_high_still_explains_the_arithmetic():
    assessment = assess_ris(
        ON, lives_in_belgium=True, age=40, status="belgian", monthly_income="2000", lives_with="alone",
        willing_to_work=True, claimed_other_benefits=True,
    )
    assert assessment.outcome is Outcome.PROBABLY_NOT_ELIGIBLE
    assert assessment.failed == ("resources",)
    assert assessment.amount == Decimal("0.00")
    assert "2 000 €" in assessment.amount_explanation  # one way to write euros: no ",00"


def test_heating_amount_at_the_pump_without_price():
    assessment = assess_heating(fuel="petrole_c", delivered_on=ON, at_pump=True)
    assert assessment.amount == Decimal("210.00")
    assert "pompe" in assessment.amount_explanation


def test_heating_request_deadline_shown_when_request_date_unknown():
    condition = assess_heating(delivered_on=dt.date(2025, 3, 1)).condition("request_deadline")
    assert condition.status is Status.UNKNOWN and "30 avril 2025" in condition.reason


def test_rules_never_import_rasa():
    root = Path(__file__).resolve().parents[2]
    code = "import sys, actions.rules; print(any(m.split('.')[0] in ('rasa', 'rasa_sdk') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
