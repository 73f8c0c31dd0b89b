"""The guided eligibility checks in the conversation: one Rasa form per check of actions/checks.py.

How a form turn works (Rasa 3.6 FormAction + rasa-sdk FormValidationAction):
- ``CheckFormValidation`` reads the answer to the requested slot from the latest message with
  ``parse_answer``. A readable answer (or "je ne sais pas") fills the slot. An unreadable one gets a
  re-ask with an example (``utter_reask_<kind>``) and ``SlotSet(slot, None)``: the form counts the slot as
  validated and asks the question again instead of rejecting.
- A message of an interruption intent (a FAQ question, "stop", "pourquoi ?", a crisis...) that is not
  also a readable answer returns no event for the slot: the form rejects and the rules of
  data/rules/checks.yml answer it, then come back to the form. "stop", a crisis, an unofficial site and
  asking for a person always interrupt; a long message of an interruption intent is not read as a
  yes/no ("non mais c'est quoi le RIS ?").
- ``required_slots`` is ``spec.needed(answers)``: the form ends as soon as the outcome is certain, and
  ``action_check_result`` renders the assessment, then clears the answers.
"""
from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from actions.checks import ADVANCE, AMU, BY_FORM, GUARANTEE, HEATING, PRIME, RIS, CheckSpec, parse_answer
from actions.formatting import format_date_fr, format_eur
from actions.lib.parsing import parse_date
from actions.rules import Assessment, Outcome, Status, appeal_deadline, heating_request_deadline, parameter

logger = logging.getLogger(__name__)

INTERRUPTIONS = frozenset({
    "faq", "stop", "why_question", "crisis", "mention_unofficial_site", "ask_human", "bot_challenge", "greet",
    "goodbye", "other_language", "out_of_scope", "ask_my_cpas", "inform_commune", "what_can_you_do",
    "check_ris", "check_prime", "check_heating", "check_amu", "check_advance", "check_rental_guarantee",
    "ask_appeal_deadline", "ask_heating_deadline",
})
ALWAYS_INTERRUPT = frozenset({"stop", "crisis", "mention_unofficial_site", "ask_human", "why_question"})
MAX_YES_NO_WORDS = 5  # a longer message of an interruption intent is not read as a yes/no answer
# A short message without "?" is taken as an (unreadable) answer unless the NLU is very sure of its intent:
# "beaucoup trop peu" is a bad amount to re-ask, not a FAQ question.
MIN_QUESTION_WORDS = 4
SURE_INTENT_CONFIDENCE = 0.9
PENDING_DEADLINE_SLOT = "deadline_pending"


def today() -> date:
    """Today's date (tests replace it)."""
    return date.today()


def answers_of(spec: CheckSpec, tracker: Tracker) -> Dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in spec.slots}


def _intent(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def _looks_like_interruption(tracker: Tracker) -> bool:
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    confidence = (message.get("intent") or {}).get("confidence") or 0.0
    return "?" in text or len(text.split()) >= MIN_QUESTION_WORDS or confidence >= SURE_INTENT_CONFIDENCE


def _activated_this_turn(tracker: Tracker, form: str) -> bool:
    """True while the form is being activated: its start message is not an answer."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == form:
            return True
    return False


class CheckFormValidation(FormValidationAction, ABC):
    """The validation action of a check form; a subclass only sets ``spec``."""

    @property
    @abstractmethod
    def spec(self) -> CheckSpec:
        """The check this form runs (a class attribute in subclasses)."""

    def name(self) -> Text:
        return f"validate_{self.spec.form}"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return self.spec.needed(answers_of(self.spec, tracker), today())

    async def get_extraction_events(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        """The requested slot read from the latest message; [] lets the form reject (an interruption)."""
        slot = tracker.get_slot(REQUESTED_SLOT)
        question = self.spec.question(slot)
        if question is None or _activated_this_turn(tracker, self.spec.form):
            return []
        intent = _intent(tracker)
        if intent == self.spec.name:         # asking for this very check again: go on with it
            dispatcher.utter_message(response="utter_check_in_progress")
            return [SlotSet(slot, None)]
        text = (tracker.latest_message or {}).get("text") or ""
        value = parse_answer(question, text, today())
        if intent in INTERRUPTIONS and question.kind == "yes_no" and len(text.split()) > MAX_YES_NO_WORDS:
            value = None                     # "non mais c'est quoi le RIS ?" is a question, not a "non"
        if intent in ALWAYS_INTERRUPT or (
            value is None and intent in INTERRUPTIONS and _looks_like_interruption(tracker)
        ):
            return []
        if value is None:
            dispatcher.utter_message(response=question.reask_response)
        return [SlotSet(slot, value)]

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        """Every answer of this check set in this turn (the parsers already validated them)."""
        recent = tracker.slots_to_validate()
        return [SlotSet(slot, value) for slot, value in recent.items() if slot in self.spec.slots]

    async def next_requested_slot(self, dispatcher, tracker: Tracker, domain) -> Optional[EventType]:
        needed = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return SlotSet(REQUESTED_SLOT, needed[0] if needed else None)


class ValidateRisForm(CheckFormValidation):
    spec = RIS


class ValidatePrimeForm(CheckFormValidation):
    spec = PRIME


class ValidateHeatingForm(CheckFormValidation):
    spec = HEATING


class ValidateAmuForm(CheckFormValidation):
    spec = AMU


class ValidateAdvanceForm(CheckFormValidation):
    spec = ADVANCE


class ValidateGuaranteeForm(CheckFormValidation):
    spec = GUARANTEE


# ---------------------------------------------------------------------------- the result
OUTCOME_RESPONSES = {
    Outcome.PROBABLY_ELIGIBLE: "utter_check_result_eligible",
    Outcome.PROBABLY_NOT_ELIGIBLE: "utter_check_result_not_eligible",
    Outcome.UNKNOWN: "utter_check_result_unknown",
}
MARKS = {Status.MET: "✓", Status.NOT_MET: "✗", Status.UNKNOWN: "?"}


def finished_check(tracker: Tracker) -> Optional[CheckSpec]:
    """The check whose form ran last (the latest form activation in the conversation)."""
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") in BY_FORM:
            return BY_FORM[event["name"]]
    return None


def condition_lines(assessment: Assessment) -> str:
    """One line per condition. After a certain "no", the questions not asked are left out."""
    shown = [c for c in assessment.conditions
             if assessment.outcome is not Outcome.PROBABLY_NOT_ELIGIBLE or c.status is not Status.UNKNOWN]
    return "\n".join(f"{MARKS[c.status]} {c.reason}" for c in shown)


def render_result(dispatcher: CollectingDispatcher, spec: CheckSpec, assessment: Assessment,
                  has_contact: bool) -> None:
    dispatcher.utter_message(response=OUTCOME_RESPONSES[assessment.outcome], check_title=spec.title,
                             details=condition_lines(assessment))
    if assessment.amount is not None and assessment.amount_date is not None:
        dispatcher.utter_message(
            response="utter_check_amount", amount=format_eur(assessment.amount, cents=True),
            amount_date=format_date_fr(assessment.amount_date), explanation=assessment.amount_explanation or "",
        )
    dispatcher.utter_message(
        response="utter_check_next_step" if has_contact else "utter_check_next_step_finder",
        caveat=assessment.caveat, next_step=assessment.next_step,
    )


class ActionCheckResult(Action):
    """After a check form: the outcome, each condition, the amount if any, the next step; then a fresh start."""

    def name(self) -> Text:
        return "action_check_result"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        spec = finished_check(tracker)
        if spec is None:
            dispatcher.utter_message(response="utter_how_can_i_help")
            return []
        try:
            assessment = spec.assess(answers_of(spec, tracker), today())
        except ValueError:
            logger.exception("check %s: the answers could not be assessed", spec.name)
            dispatcher.utter_message(response="utter_check_failed")
        else:
            render_result(dispatcher, spec, assessment, has_contact=bool(tracker.get_slot("cpas_phone")))
        return [SlotSet(slot, None) for slot in spec.slots]


class ActionExplainQuestion(Action):
    """ "Pourquoi cette question ?" inside a check: why the requested slot matters (utter_why_<slot>)."""

    def name(self) -> Text:
        return "action_explain_question"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        slot = tracker.get_slot(REQUESTED_SLOT)
        spec = BY_FORM.get((tracker.active_loop or {}).get("name"))
        known = spec is not None and spec.question(slot) is not None
        dispatcher.utter_message(response=f"utter_why_{slot}" if known else "utter_why_generic")
        return []


class ActionStopCheck(Action):
    """Leaves the check; the answers stay, so that asking the same check again goes on where it stopped."""

    def name(self) -> Text:
        return "action_stop_check"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        spec = BY_FORM.get((tracker.active_loop or {}).get("name"))
        buttons = [{"title": "Reprendre", "payload": spec.start_question}] if spec else []
        dispatcher.utter_message(response="utter_check_stopped", buttons=buttons)
        return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]


# ---------------------------------------------------------------------------- deadlines
@dataclass(frozen=True)
class Deadline:
    compute: Callable[[date], date]
    period: Callable[[date], Any]        # the length of the period, from the parameters
    in_time: str
    passed: str
    ask: str


DEADLINES = {
    "appeal": Deadline(appeal_deadline, lambda day: parameter("deadlines", day)["appeal_months"],
                       "utter_appeal_deadline", "utter_appeal_deadline_passed", "utter_ask_appeal_date"),
    "heating": Deadline(heating_request_deadline, lambda day: parameter("heating_allowance", day)["request_days"],
                        "utter_heating_deadline", "utter_heating_deadline_passed", "utter_ask_heating_date"),
}


def find_date(text: str, on: date) -> Optional[date]:
    """The one past date in a message; each clause is read alone, so that words elsewhere ("ou", a second
    number) do not hide it. None if there is none, or several."""
    found = {parse_date(part, on) for part in re.split(r"[,;!?\n]|\.\s", text or "")} - {None}
    if not found:
        found = {parse_date(text or "", on)} - {None}
    return found.pop() if len(found) == 1 and max(found) <= on else None


def answer_deadline(kind: str, text: str, dispatcher: CollectingDispatcher) -> List[EventType]:
    deadline, now = DEADLINES[kind], today()
    start = find_date(text, now)
    if start is None:
        dispatcher.utter_message(response=deadline.ask)
        return [SlotSet(PENDING_DEADLINE_SLOT, kind)]
    try:
        last_day, period = deadline.compute(start), deadline.period(start)
    except (ValueError, KeyError):       # older than the oldest dated parameters: long past
        dispatcher.utter_message(response="utter_deadline_long_passed")
        return [SlotSet(PENDING_DEADLINE_SLOT, None)]
    dispatcher.utter_message(
        response=deadline.in_time if last_day >= now else deadline.passed,
        start=format_date_fr(start), deadline=format_date_fr(last_day), period=str(period),
    )
    return [SlotSet(PENDING_DEADLINE_SLOT, None)]


class ActionAppealDeadline(Action):
    """ "Décision reçue le 3 février, jusqu'à quand pour le recours ?" -> the last day (3 months later)."""

    def name(self) -> Text:
        return "action_appeal_deadline"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        return answer_deadline("appeal", (tracker.latest_message or {}).get("text") or "", dispatcher)


class ActionHeatingDeadline(Action):
    """ "Livré le 10 octobre, jusqu'à quand pour l'allocation chauffage ?" -> the last day (60 days later)."""

    def name(self) -> Text:
        return "action_heating_deadline"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        return answer_deadline("heating", (tracker.latest_message or {}).get("text") or "", dispatcher)


class ActionInformOutOfContext(Action):
    """An answer (a number, a date...) outside any check: the date a deadline question asked for, if any;
    otherwise an invitation to ask the whole question."""

    def name(self) -> Text:
        return "action_inform_out_of_context"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        pending = tracker.get_slot(PENDING_DEADLINE_SLOT)
        text = (tracker.latest_message or {}).get("text") or ""
        if pending in DEADLINES and find_date(text, today()) is not None:
            return answer_deadline(pending, text, dispatcher)
        dispatcher.utter_message(response="utter_inform_out_of_context")
        return [SlotSet(PENDING_DEADLINE_SLOT, None)]
