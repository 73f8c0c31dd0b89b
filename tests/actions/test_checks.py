"""The check specs (actions/checks/), without Rasa: question order, early stop, reading answers, results.

Expected amounts are computed with the rules library, so that an indexation does not break these tests.
"""
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from actions.checks import (
    ADVANCE,
    AMU,
    BY_FORM,
    CHECKS,
    GUARANTEE,
    HEATING,
    PRIME,
    RIS,
    Question,
    match_choice,
    parse_answer,
)
from actions.lib.parsing import DONT_KNOW
from actions.rules import (
    Outcome,
    Status,
    estimate_ris,
    heating_allowance,
    installation_premium_amount,
    ris_amount,
)

TODAY = date(2026, 11, 22)
RESPONSES = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "data" / "responses" / "checks.yml").read_text(encoding="utf-8")
)["responses"]

ALONE = {"lives_alone": True, "partner": False, "children": 0, "parents": False, "others": False,
         "has_children": False}
COUPLE_TWO_CHILDREN = {"lives_alone": False, "partner": True, "children": 2, "parents": None, "others": None,
                       "has_children": True}
RIS_ADULT = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian"}
RIS_ELIGIBLE = {**RIS_ADULT, "ris_household": ALONE, "ris_income": "0", "ris_savings": "0",
                "ris_willing_to_work": "yes", "ris_other_benefits": "yes"}


# ---------------------------------------------------------------------------- which question comes next
def test_ris_asks_in_order_from_the_start():
    assert RIS.needed({}, TODAY) == [
        "ris_lives_in_belgium", "ris_age", "ris_status", "ris_household", "ris_income", "ris_savings",
        "ris_willing_to_work", "ris_other_benefits",
    ]


def test_ris_no_legal_stay_is_not_asked_about_income():
    answers = {**RIS_ADULT, "ris_status": "no_legal_stay"}
    assert RIS.needed(answers, TODAY) == []
    result = RIS.assess(answers, TODAY)
    assert result.outcome is Outcome.PROBABLY_NOT_ELIGIBLE
    assert "aide médicale urgente" in result.condition("nationality").reason


def test_ris_asylum_seeker_stops_and_names_fedasil():
    answers = {**RIS_ADULT, "ris_status": "asylum_seeker"}
    assert RIS.needed(answers, TODAY) == []
    assert "Fedasil" in RIS.assess(answers, TODAY).condition("nationality").reason


def test_ris_not_living_in_belgium_stops_at_once():
    assert RIS.needed({"ris_lives_in_belgium": "no"}, TODAY) == []


def test_ris_minor_is_asked_about_the_exceptions_then_stops_if_none():
    minor = {"ris_lives_in_belgium": "yes", "ris_age": 17}
    assert RIS.needed(minor, TODAY)[0] == "ris_minor_case"
    assert RIS.needed({**minor, "ris_minor_case": "none"}, TODAY) == []
    assert RIS.needed({**minor, "ris_minor_case": "pregnant"}, TODAY)[0] == "ris_status"


def test_ris_partner_income_only_with_a_partner():
    base = {**RIS_ADULT, "ris_income": "0"}
    assert "ris_partner_income" in RIS.needed({**base, "ris_household": COUPLE_TWO_CHILDREN}, TODAY)
    assert "ris_partner_income" not in RIS.needed({**base, "ris_household": ALONE}, TODAY)


def test_ris_not_willing_to_work_asks_for_a_reason():
    base = {**RIS_ELIGIBLE, "ris_willing_to_work": "no", "ris_other_benefits": None}
    assert RIS.needed(base, TODAY) == ["ris_work_exemption", "ris_other_benefits"]
    assert RIS.needed({**base, "ris_work_exemption": "none"}, TODAY) == []
    assert RIS.needed({**base, "ris_work_exemption": "health"}, TODAY) == ["ris_other_benefits"]
    assert RIS.needed({**base, "ris_work_exemption": DONT_KNOW}, TODAY) == ["ris_other_benefits"]


def test_ris_income_above_the_amount_stops_before_savings():
    answers = {**RIS_ADULT, "ris_household": ALONE, "ris_income": "5000"}
    assert RIS.needed(answers, TODAY) == []
    assert RIS.assess(answers, TODAY).condition("resources").status is Status.NOT_MET


def test_dont_know_counts_as_an_answer():
    answers = {"ris_lives_in_belgium": DONT_KNOW}
    assert RIS.needed(answers, TODAY)[0] == "ris_age"


def test_heating_natural_gas_stops_at_once():
    assert HEATING.needed({"heat_fuel": "natural_gas"}, TODAY) == []
    assert HEATING.assess({"heat_fuel": "natural_gas"}, TODAY).outcome is Outcome.PROBABLY_NOT_ELIGIBLE


def test_heating_other_fuel_is_not_covered():
    result = HEATING.assess({"heat_fuel": "other"}, TODAY)
    assert HEATING.needed({"heat_fuel": "other"}, TODAY) == []
    assert "électricité" in result.condition("fuel").reason


def test_heating_deadline_passed_stops_with_the_date():
    answers = {"heat_fuel": "gasoil", "heat_delivered_on": (TODAY - timedelta(days=61)).isoformat()}
    assert HEATING.needed(answers, TODAY) == []
    reason = HEATING.assess(answers, TODAY).condition("request_deadline").reason
    assert "dépassé" in reason and "2026" in reason


def test_heating_in_time_says_until_when():
    answers = {"heat_fuel": "gasoil", "heat_delivered_on": "2026-11-01"}
    assert HEATING.needed(answers, TODAY)[0] == "heat_in_care_home"
    assert "31 décembre 2026" in HEATING.assess(answers, TODAY).condition("request_deadline").reason


def test_heating_care_home_stops():
    answers = {"heat_fuel": "gasoil", "heat_delivered_on": "2026-11-01", "heat_in_care_home": "yes"}
    assert HEATING.needed(answers, TODAY) == []


HEATING_BASE = {"heat_fuel": "gasoil", "heat_delivered_on": "2026-11-01", "heat_in_care_home": "no",
                "heat_delivery_address": "yes"}


def test_heating_income_questions_only_for_bim_and_low_income():
    assert HEATING.needed({**HEATING_BASE, "heat_category": "bim"}, TODAY)[:2] == [
        "heat_household_income", "heat_dependants"]
    assert HEATING.needed({**HEATING_BASE, "heat_category": "debt"}, TODAY) == ["heat_at_pump"]


def test_heating_price_and_litres_only_when_delivered():
    debt = {**HEATING_BASE, "heat_category": "debt"}
    assert HEATING.needed({**debt, "heat_at_pump": "no"}, TODAY) == ["heat_price_per_litre", "heat_litres"]
    assert HEATING.needed({**debt, "heat_at_pump": "yes"}, TODAY) == []


def test_heating_full_answers_give_the_amount_with_its_arithmetic():
    answers = {**HEATING_BASE, "heat_category": "low_income", "heat_household_income": "18000",
               "heat_dependants": 1, "heat_at_pump": "no", "heat_price_per_litre": "1.15", "heat_litres": "1000"}
    result = HEATING.assess(answers, TODAY)
    assert HEATING.needed(answers, TODAY) == []
    assert result.outcome is Outcome.PROBABLY_ELIGIBLE
    assert result.amount == heating_allowance("1.15", "1000", False, date(2026, 11, 1))
    assert "×" in result.amount_explanation and result.amount_date is not None


def test_heating_income_above_the_ceiling():
    answers = {**HEATING_BASE, "heat_category": "low_income", "heat_household_income": "90000",
               "heat_dependants": 0}
    assert HEATING.needed(answers, TODAY) == []
    assert HEATING.assess(answers, TODAY).condition("household_income").status is Status.NOT_MET


def test_prime_stops_at_the_first_no():
    assert PRIME.needed({"prime_found_home": "no"}, TODAY) == []
    assert PRIME.needed({"prime_found_home": "yes", "prime_main_residence": "yes", "prime_was_homeless": "no"},
                        TODAY) == []


def test_prime_without_benefit_asks_the_income():
    answers = {"prime_found_home": "yes", "prime_main_residence": "yes", "prime_was_homeless": "yes",
               "prime_income_source": "none"}
    assert PRIME.needed(answers, TODAY) == ["prime_monthly_income", "prime_already_received"]
    assert PRIME.needed({**answers, "prime_income_source": "ris"}, TODAY) == ["prime_already_received"]


def test_prime_full_answers_give_the_amount():
    answers = {"prime_found_home": "yes", "prime_main_residence": "yes", "prime_was_homeless": "yes",
               "prime_income_source": "ris", "prime_already_received": "no"}
    result = PRIME.assess(answers, TODAY)
    assert result.outcome is Outcome.PROBABLY_ELIGIBLE
    assert result.amount == installation_premium_amount(TODAY) and result.amount_date is not None


@pytest.mark.parametrize("spec, first, stopping_answer", [
    (AMU, "amu_legal_stay", "yes"),
    (ADVANCE, "adv_entitled_to_benefit", "no"),
    (GUARANTEE, "guar_lives_in_belgium", "no"),
])
def test_two_question_checks(spec, first, stopping_answer):
    second = spec.slots[1]
    assert spec.needed({}, TODAY) == [first, second]
    assert spec.needed({first: stopping_answer}, TODAY) == []
    other = "no" if stopping_answer == "yes" else "yes"
    assert spec.needed({first: other}, TODAY) == [second]
    assert spec.assess({first: other, second: "yes"}, TODAY).outcome is Outcome.PROBABLY_ELIGIBLE
    assert spec.assess({first: other, second: DONT_KNOW}, TODAY).outcome is Outcome.UNKNOWN


# ---------------------------------------------------------------------------- full RIS results
def test_ris_eligible_alone_without_income():
    result = RIS.assess(RIS_ELIGIBLE, TODAY)
    assert RIS.needed(RIS_ELIGIBLE, TODAY) == []
    assert result.outcome is Outcome.PROBABLY_ELIGIBLE
    assert result.amount == ris_amount(2, TODAY)
    assert "catégorie 2" in result.amount_explanation and result.amount_date is not None


def test_ris_couple_with_children_counts_the_partner_income():
    answers = {**RIS_ELIGIBLE, "ris_household": COUPLE_TWO_CHILDREN, "ris_partner_income": "500"}
    result = RIS.assess(answers, TODAY)
    expected = estimate_ris(3, TODAY, own_income=0, partner_income=500, lives_with="partner", savings=0)
    assert result.amount == expected.amount < ris_amount(3, TODAY)
    assert "partenaire" in result.amount_explanation


def test_ris_unknown_answers_give_unknown_outcome():
    answers = {**RIS_ELIGIBLE, "ris_other_benefits": DONT_KNOW}
    assert RIS.assess(answers, TODAY).outcome is Outcome.UNKNOWN


# ---------------------------------------------------------------------------- reading answers
def q(kind, **options):
    return Question("slot", kind, "utter_ask_x", **options)


@pytest.mark.parametrize("kind, text, value", [
    ("yes_no", "oui", "yes"),
    ("yes_no", "non pas du tout", "no"),
    ("yes_no", "je sais pas", DONT_KNOW),
    ("yes_no", "bof", None),
    ("amount", "1.234,56 €", "1234.56"),
    ("amount", "850 euros par mois", "850.00"),
    ("amount", "rien", "0"),
    ("amount", "0", "0"),
    ("amount", "pas d'économies", "0"),
    ("amount", "je n'ai pas d'épargne", "0"),
    ("amount", "je ne sais pas", DONT_KNOW),
    ("amount", "beaucoup", None),
    ("amount", "entre 800 et 900", None),
    ("age", "j'ai 34 ans", 34),
    ("age", "dix-sept ans", 17),
    ("age", "vieux", None),
    ("age", "je sais pas", DONT_KNOW),
    ("date", "le 3 février", "2026-02-03"),
    ("date", "hier", "2026-11-21"),
    ("date", "03/02/2026", "2026-02-03"),
    ("date", "le 3 février 2027", None),          # in the future
    ("date", "bientôt", None),
    ("count", "2", 2),
    ("count", "aucune", 0),
    ("count", "plein", None),
    ("household", "n'importe quoi", None),
])
def test_parse_answer(kind, text, value):
    assert parse_answer(q(kind), text, TODAY) == value


def test_parse_household_is_stored_as_a_dict():
    value = parse_answer(q("household"), "avec mon mari et 2 enfants", TODAY)
    assert value["partner"] is True and value["children"] == 2
    assert parse_answer(q("household"), "je vis seule", TODAY) == ALONE


@pytest.mark.parametrize("text, value", [
    ("Belge", "belgian"),
    ("je suis BELGE", "belgian"),
    ("je ne suis pas belge", None),
    ("française", "eu_over_3_months"),
    ("je suis réfugié", "refugee"),
    ("statut de réfugié", "refugee"),
    ("j'ai la carte orange de fedasil", "asylum_seeker"),
    ("demandeur d'asile débouté", "no_legal_stay"),
    ("je n'ai pas de papiers", "no_legal_stay"),
    ("ordre de quitter le territoire", "no_legal_stay"),
    ("carte B", "population_register"),
    ("apatride", "stateless"),
    ("je ne sais pas", DONT_KNOW),
    ("martien", None),
])
def test_parse_status(text, value):
    assert parse_answer(RIS.question("ris_status"), text, TODAY) == value


@pytest.mark.parametrize("slot, text, value", [
    ("heat_fuel", "du mazout", "gasoil"),
    ("heat_fuel", "gaz de ville", "natural_gas"),
    ("heat_fuel", "une bonbonne de butane", "butane_bottle"),
    ("heat_fuel", "propane en citerne", "propane_bulk"),
    ("heat_fuel", "à l'électricité", "other"),
    ("heat_category", "intervention majorée", "bim"),
    ("heat_category", "je touche le RIS", "bim"),
    ("heat_category", "règlement collectif de dettes", "debt"),
    ("heat_category", "omnio", "bim"),
    ("heat_price_per_litre", "0,95", "0.95"),
    ("heat_price_per_litre", "0", None),            # a price must be more than 0
    ("heat_litres", "1.000 litres", "1000.00"),
    ("heat_delivered_on", "03/03/2023", None),      # more than two years ago
])
def test_parse_heating_answers(slot, text, value):
    assert parse_answer(HEATING.question(slot), text, TODAY) == value


def test_match_choice_tie_is_refused():
    assert match_choice({"a": ("pomme",), "b": ("poire",)}, "pomme ou poire") is None


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        Question("x", "colour", "utter_ask_x")


# ---------------------------------------------------------------------------- responses exist and agree
def test_every_question_has_its_ask_and_why_responses():
    for spec in CHECKS:
        assert BY_FORM[spec.form] is spec
        for question in spec.questions:
            assert question.response == f"utter_ask_{spec.form}_{question.slot}"
            assert question.response in RESPONSES, question.response
            assert f"utter_why_{question.slot}" in RESPONSES, question.slot
            assert question.reask_response in RESPONSES, question.reask_response


def test_button_payloads_are_read_back_as_answers():
    for spec in CHECKS:
        for question in spec.questions:
            buttons = RESPONSES[question.response][0].get("buttons") or []
            if question.kind in ("yes_no", "choice"):
                assert buttons, question.slot
            values = [parse_answer(question, b["payload"], TODAY) for b in buttons]
            assert None not in values, (question.slot, values)
            assert len(set(map(str, values))) == len(values), (question.slot, values)


def test_responses_are_short_and_state_no_amount():
    for name, variants in RESPONSES.items():
        text = variants[0]["text"]
        assert len(text) <= 650, name
        assert "€" not in text.replace("1.234,56 €", ""), name


def test_checks_never_import_rasa():
    """actions/checks/ is pure: neither the package nor any of its modules (walked, so a new benefit module
    is covered) loads rasa or rasa_sdk."""
    root = Path(__file__).resolve().parents[2]
    code = ("import importlib, pkgutil, sys, actions.checks as c; "
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(c.__path__, 'actions.checks.')]; "
            "print(len([m for m in sys.modules if m.startswith('actions.checks.')]), "
            "any(m.split('.')[0] in ('rasa', 'rasa_sdk') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    modules, rasa_loaded = result.stdout.split()
    assert int(modules) >= 8 and rasa_loaded == "False"
