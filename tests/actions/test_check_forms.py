"""The check forms' actions (actions/forms.py), run as rasa-sdk runs them: trackers built in code.

The validation action's events are what Rasa's FormAction receives: a SlotSet for the requested slot
(even SlotSet(slot, None) after a re-ask) keeps the form running; no such event makes the form reject,
so that the rules answer the interruption.
"""
from datetime import date
from typing import Any, Dict, List, Optional

import pytest
from helpers.trackers import build_tracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import forms as check_forms
from actions.checks import HEATING, RIS
from actions.formatting import format_date_fr, format_eur
from actions.forms import (
    ActionAppealDeadline,
    ActionCheckResult,
    ActionExplainQuestion,
    ActionHeatingDeadline,
    ActionInformOutOfContext,
    ActionStopCheck,
    ValidateAmuForm,
    ValidateHeatingForm,
    ValidateRisForm,
)
from actions.rules import ris_amount

TODAY = date(2026, 11, 22)
DOMAIN: Dict[str, Any] = {"forms": {spec.form: {"required_slots": list(spec.slots)} for spec in (RIS, HEATING)}}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(check_forms, "today", lambda: TODAY)


def make_tracker(text: str = "", intent: str = "inform", slots: Optional[dict] = None,
                 form: Optional[str] = "ris_form", requested: Optional[str] = None,
                 events: Optional[List[dict]] = None) -> Tracker:
    all_slots = {"cpas_name": "CPAS de La Hulpe", "cpas_phone": "02/634.01.30", "requested_slot": requested,
                 **(slots or {})}
    if events is None:
        events = [{"event": "active_loop", "name": form}, {"event": "user", "text": text}]
    return build_tracker(text, intent, all_slots, active_loop=form, events=events)


async def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, DOMAIN)
    return events, dispatcher.messages


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(messages) -> List[str]:
    return [m.get("response") for m in messages]


# ---------------------------------------------------------------------------- validation
async def test_a_readable_answer_fills_the_slot_and_asks_the_next_question():
    tracker = make_tracker("j'ai 34 ans", slots={"ris_lives_in_belgium": "yes"}, requested="ris_age")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_age": 34, "requested_slot": "ris_status"}
    assert messages == []


async def test_an_unreadable_answer_is_asked_again_with_an_example():
    tracker = make_tracker("beaucoup trop peu", slots={**RIS_START, "ris_household": ALONE}, requested="ris_income")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_income": None, "requested_slot": "ris_income"}
    assert responses(messages) == ["utter_reask_amount"]


async def test_dont_know_is_accepted():
    tracker = make_tracker("je ne sais pas", intent="dont_know", requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_lives_in_belgium": "unknown", "requested_slot": "ris_age"}


async def test_an_interruption_gives_no_event_for_the_slot():
    tracker = make_tracker("c'est quoi un cpas", intent="faq", requested="ris_age")
    events, messages = await run(ValidateRisForm(), tracker)
    assert "ris_age" not in slot_events(events)
    assert messages == []


async def test_an_answer_read_as_a_faq_question_is_still_an_answer():
    tracker = make_tracker("j'ai 34 ans", intent="faq", requested="ris_age")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_age"] == 34


async def test_a_question_with_a_no_in_it_is_not_a_no():
    tracker = make_tracker("non mais c'est quoi le revenu d'integration ?", intent="faq",
                           requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert "ris_lives_in_belgium" not in slot_events(events)


async def test_stop_always_interrupts():
    tracker = make_tracker("non, stop", intent="stop", requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert "ris_lives_in_belgium" not in slot_events(events)


async def test_asking_for_the_same_check_goes_on_with_it():
    tracker = make_tracker("est-ce que j'ai droit au ris", intent="check_ris", slots={"ris_lives_in_belgium": "yes"},
                           requested="ris_age")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_age": None, "requested_slot": "ris_age"}
    assert responses(messages) == ["utter_check_in_progress"]


async def test_the_start_message_is_not_read_as_an_answer():
    events = [{"event": "user", "text": "check"}, {"event": "active_loop", "name": "ris_form"}]
    tracker = make_tracker("oui je veux verifier", intent="check_ris", requested="ris_lives_in_belgium",
                           events=events)
    result, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(result) == {"requested_slot": "ris_lives_in_belgium"}
    assert messages == []


async def test_a_kept_answer_is_not_asked_again():
    tracker = make_tracker("", intent="check_ris", slots={"ris_lives_in_belgium": "yes", "ris_age": 40},
                           events=[{"event": "user"}, {"event": "active_loop", "name": "ris_form"}])
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["requested_slot"] == "ris_status"


async def test_the_form_ends_as_soon_as_the_outcome_is_certain():
    tracker = make_tracker("je suis sans papiers", slots={"ris_lives_in_belgium": "yes", "ris_age": 30},
                           requested="ris_status")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_status": "no_legal_stay", "requested_slot": None}


async def test_required_slots_follow_the_spec():
    validation = ValidateRisForm()
    tracker = make_tracker(slots={"ris_lives_in_belgium": "yes", "ris_age": 16})
    needed = await validation.required_slots([], CollectingDispatcher(), tracker, DOMAIN)
    assert needed[0] == "ris_minor_case"


async def test_natural_gas_ends_the_heating_form():
    tracker = make_tracker("au gaz de ville", form="heating_form", requested="heat_fuel")
    events, _ = await run(ValidateHeatingForm(), tracker)
    assert slot_events(events) == {"heat_fuel": "natural_gas", "requested_slot": None}


async def test_a_yes_no_question_read_from_a_button_payload():
    tracker = make_tracker("non", intent="deny", form="amu_form", requested="amu_legal_stay")
    events, _ = await run(ValidateAmuForm(), tracker)
    assert slot_events(events) == {"amu_legal_stay": "no", "requested_slot": "amu_in_need"}


# ---------------------------------------------------------------------------- result
ALONE = {"lives_alone": True, "partner": False, "children": 0, "parents": False, "others": False,
         "has_children": False}
RIS_START = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian"}
RIS_DONE = {**RIS_START, "ris_household": ALONE, "ris_income": "0", "ris_savings": "0",
            "ris_willing_to_work": "yes", "ris_other_benefits": "yes"}
FINISHED = [{"event": "active_loop", "name": "ris_form"}, {"event": "user", "text": "oui"},
            {"event": "active_loop", "name": None}]


async def test_result_gives_the_outcome_the_amount_with_its_date_and_the_next_step():
    tracker = make_tracker(slots=RIS_DONE, form=None, events=FINISHED)
    events, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages) == ["utter_check_result_eligible", "utter_check_amount", "utter_check_next_step"]
    assert messages[0]["check_title"] == "le revenu d'intégration"
    assert messages[0]["details"].count("✓") == 6
    amount, since = ris_amount(2, TODAY), RIS.assess(RIS_DONE, TODAY).amount_date
    assert messages[1]["amount"] == format_eur(amount, cents=True)
    assert messages[1]["amount_date"] == format_date_fr(since)
    assert f"= {messages[1]['amount']} par mois" in messages[1]["explanation"]
    assert "le CPAS décide" in messages[2]["caveat"]
    assert slot_events(events) == {slot: None for slot in RIS.slots}


async def test_result_after_a_certain_no_leaves_out_the_questions_not_asked():
    tracker = make_tracker(slots={**RIS_START, "ris_status": "no_legal_stay"}, form=None, events=FINISHED)
    _, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages)[0] == "utter_check_result_not_eligible"
    assert "✗" in messages[0]["details"] and "?" not in messages[0]["details"]
    assert "utter_check_amount" not in responses(messages)


async def test_result_without_a_commune_profile_offers_the_finder(monkeypatch):
    monkeypatch.setenv("CPAS_PROFILE", "no-such-commune")
    tracker = make_tracker(slots={**RIS_DONE, "cpas_phone": None}, form=None, events=FINISHED)
    _, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages)[-1] == "utter_check_next_step_finder"


async def test_result_with_unknown_answers():
    tracker = make_tracker(slots={**RIS_DONE, "ris_other_benefits": "unknown"}, form=None, events=FINISHED)
    _, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages)[0] == "utter_check_result_unknown"
    assert "? " in messages[0]["details"]


# ---------------------------------------------------------------------------- why, stop
async def test_why_explains_the_requested_slot():
    tracker = make_tracker("pourquoi ?", intent="why_question", requested="ris_savings")
    _, messages = await run(ActionExplainQuestion(), tracker)
    assert responses(messages) == ["utter_why_ris_savings"]


async def test_why_without_a_question_gets_the_generic_answer():
    _, messages = await run(ActionExplainQuestion(), make_tracker("pourquoi", intent="why_question", form=None))
    assert responses(messages) == ["utter_why_generic"]


async def test_stop_leaves_the_form_and_offers_to_resume():
    tracker = make_tracker("stop", intent="stop", slots={"ris_age": 34}, requested="ris_status")
    events, messages = await run(ActionStopCheck(), tracker)
    assert {"event": "active_loop", "name": None} in [{k: e[k] for k in ("event", "name")} for e in events
                                                      if e["event"] == "active_loop"]
    assert slot_events(events) == {"requested_slot": None}          # the answers are kept
    assert responses(messages) == ["utter_check_stopped"]
    assert messages[0]["buttons"] == [{"title": "Reprendre", "payload": RIS.start_question}]


# ---------------------------------------------------------------------------- deadlines
async def test_appeal_deadline_three_months_after_the_notification(monkeypatch):
    monkeypatch.setattr(check_forms, "today", lambda: date(2026, 3, 1))
    tracker = make_tracker("j'ai reçu la décision le 3 février, jusqu'à quand pour faire recours ?",
                           intent="ask_appeal_deadline", form=None)
    events, messages = await run(ActionAppealDeadline(), tracker)
    assert responses(messages) == ["utter_appeal_deadline"]
    assert messages[0]["start"] == "3 février 2026" and messages[0]["deadline"] == "3 mai 2026"
    assert messages[0]["period"] == "3 mois"
    assert slot_events(events) == {"deadline_pending": None}


async def test_appeal_deadline_passed():
    tracker = make_tracker("décision reçue le 03/02/2026, jusqu'à quand ?", intent="ask_appeal_deadline", form=None)
    _, messages = await run(ActionAppealDeadline(), tracker)
    assert responses(messages) == ["utter_appeal_deadline_passed"]
    assert messages[0]["deadline"] == "3 mai 2026"


async def test_appeal_deadline_without_a_date_asks_for_it_then_reads_the_answer():
    tracker = make_tracker("jusqu'à quand pour faire recours ?", intent="ask_appeal_deadline", form=None)
    events, messages = await run(ActionAppealDeadline(), tracker)
    assert responses(messages) == ["utter_ask_appeal_date"]
    assert slot_events(events) == {"deadline_pending": "appeal"}
    answer = make_tracker("le 20 novembre", form=None, slots={"deadline_pending": "appeal"})
    events, messages = await run(ActionInformOutOfContext(), answer)
    assert responses(messages) == ["utter_appeal_deadline"]
    assert messages[0]["deadline"] == "20 février 2027"


async def test_a_loose_answer_outside_a_check():
    _, messages = await run(ActionInformOutOfContext(), make_tracker("850 euros", form=None))
    assert responses(messages) == ["utter_inform_out_of_context"]


async def test_heating_deadline_sixty_days_after_the_delivery(monkeypatch):
    monkeypatch.setattr(check_forms, "today", lambda: date(2026, 10, 20))
    tracker = make_tracker("livré le 10 octobre, jusqu'à quand pour l'allocation chauffage ?",
                           intent="ask_heating_deadline", form=None)
    _, messages = await run(ActionHeatingDeadline(), tracker)
    assert responses(messages) == ["utter_heating_deadline"]
    assert messages[0]["deadline"] == "9 décembre 2026" and messages[0]["period"] == "60 jours"


async def test_a_very_old_date_is_long_past():
    tracker = make_tracker("décision reçue le 03/02/2012, jusqu'à quand ?", intent="ask_appeal_deadline", form=None)
    _, messages = await run(ActionAppealDeadline(), tracker)
    assert responses(messages) == ["utter_deadline_long_passed"]
