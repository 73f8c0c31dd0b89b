"""The guided eligibility checks in the conversation: one Rasa form per check of actions/checks/.

How a form turn works (Rasa 3.6 FormAction + rasa-sdk FormValidationAction):
- ``CheckFormValidation`` reads the answer to the requested slot from the latest message with
  ``parse_answer``; actions/lib/form_answers.py decides whether the message is the answer, an interruption,
  or an unreadable answer. A message that reads as the answer is the answer whatever its intent and its
  length ("oui, j'habite à Wavre depuis 5 ans"), unless it also asks a question ("non mais c'est quoi le
  RIS ?"). "Passer cette question" = "je ne sais pas".
- An interruption (a question, "stop", "pourquoi ?", a crisis...) returns no event for the slot: the form
  rejects and the rules of data/rules/checks.yml answer it, then come back to the form. "stop", a crisis, an
  unofficial site and asking for a person always interrupt. A statement that answers nothing is never an
  interruption (no FAQ answer, no commune finder in the middle of a check). One exception: a crisis seen by
  the classifier alone (no danger sign of knowledge/danger_signs.yml) in a message that reads as the answer
  ("je n'ai rien du tout" to the income question) gets the general urgent numbers, then is taken as the answer.
- An unreadable answer gets a re-ask with an example (``utter_reask_<kind>``) and ``SlotSet(slot, None)``:
  the form counts the slot as validated and asks the question again. After the second unreadable answer to
  the same question, the form requests ``check_way_out`` instead: ``utter_ask_check_way_out`` offers to
  stop, to skip the question ("je ne sais pas") or to contact the CPAS, and an answer to the question is
  still read. So no question is asked more than twice in a row.
- A commune named in an answer is kept in ``person_commune`` (the result's next step names its CPAS, and
  "Quel est mon CPAS ?" answers for it). An answer that also settles a later question ("j'ai 34 ans et je
  vis seule") fills that one too when nothing is left to guess (``strict_age``, ``complete_household``).
- ``required_slots`` is ``spec.needed(answers)``: the form ends as soon as the outcome is certain, and
  ``action_check_result`` renders the assessment, then clears the answers.
"""
from __future__ import annotations

import dataclasses
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
from actions.danger import GENERIC, classifier_only_crisis, say_urgent_numbers
from actions.formatting import format_date_fr, format_eur
from actions.lib.communes import Commune, cpas_name, find_communes, get_commune, has_cpas
from actions.lib.form_answers import (
    ANSWER,
    IN_PROGRESS,
    INTERRUPTION,
    Turn,
    commune_in_answer,
    complete_household,
    decide,
    is_skip,
    strict_age,
)
from actions.lib.parsing import DONT_KNOW, normalize, parse_date
from actions.lib.profile import load_profile
from actions.rules import Assessment, Outcome, Status, appeal_deadline, heating_request_deadline, parameter
from actions.rules.clock import today as clock_today
from actions.rules.fr import format_days, format_months

logger = logging.getLogger(__name__)

INTERRUPTIONS = frozenset({
    "faq", "stop", "why_question", "crisis", "mention_unofficial_site", "ask_human", "bot_challenge", "greet",
    "goodbye", "other_language", "out_of_scope", "ask_my_cpas", "what_can_you_do",
    "check_ris", "check_prime", "check_heating", "check_amu", "check_advance", "check_rental_guarantee",
    "ask_appeal_deadline", "ask_heating_deadline", "choose_faq",
})
ALWAYS_INTERRUPT = frozenset({"stop", "crisis", "mention_unofficial_site", "ask_human", "why_question",
                              "choose_faq"})   # choose_faq: a button of the question back ("Vous parlez de :")
# A question the form cannot read as an answer, that the NLU read as a follow-up or an unsure FAQ question
# ("Combien de temps pour avoir une réponse ?"): answered (actions/follow_up.py), then the form asks again.
QUESTIONS_ONLY = frozenset({"follow_up", "clarify_topic"})
# Interruptions that need no question word when the NLU is sure ("bonjour", "je veux vérifier la prime
# d'installation"); a FAQ or out-of-scope message must ask something to interrupt a check.
SURE_WITHOUT_QUESTION = frozenset({
    "greet", "goodbye", "bot_challenge", "other_language", "what_can_you_do",
    "check_ris", "check_prime", "check_heating", "check_amu", "check_advance", "check_rental_guarantee",
    "ask_appeal_deadline", "ask_heating_deadline",
})
PENDING_DEADLINE_SLOT = "deadline_pending"
WAY_OUT_SLOT = "check_way_out"      # requested instead of a question answered twice unreadably
COMMUNE_SLOT = "person_commune"     # REFNIS of the commune the person named during a check
MAX_UNREADABLE = 2
STILL_UNCLEAR = "utter_check_still_unclear"
# "Vivez-vous habituellement en Belgique ?" answered "j'habite à Wavre": a Belgian commune is a yes.
COMMUNE_MEANS_YES = frozenset({"ris_lives_in_belgium", "guar_lives_in_belgium"})
NEGATION_RE = re.compile(r"\b(?:ne|n|pas|plus(?! de)|jamais|non|avant|quitte|quitter|partie?)\b")
# Later questions an answer may settle too, read only when nothing is left to guess.
EXTRA_READERS: Dict[str, Callable[[str], Any]] = {
    "age": strict_age,
    "household": lambda text: (lambda h: None if h is None else dataclasses.asdict(h))(complete_household(text)),
}


def today() -> date:
    """The bot's day: actions/rules/clock.py (CPAS_TODAY when set; tests may also replace this function)."""
    return clock_today()


def has_profile() -> bool:
    """A commune profile is configured: the answers can name its CPAS (for its inhabitants)."""
    try:
        load_profile()
    except ValueError:
        return False
    return True


def answers_of(spec: CheckSpec, tracker: Tracker) -> Dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in spec.slots}


def _fresh_message(tracker: Tracker) -> bool:
    """True when the form reads a new message (not when it comes back after an interruption, whose answer the
    bot has already sent: a bot message after the latest user message)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "bot":
            return False
    return True


def unreadable_count(tracker: Tracker, question_reask: str) -> int:
    """How many unreadable answers the requested question got in a row (its re-asks since it was first
    asked in this run of the form; an interruption in between does not count, nor reset)."""
    count = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "active_loop":
            break
        if kind == "slot" and event.get("name") == REQUESTED_SLOT \
                and event.get("value") not in (tracker.get_slot(REQUESTED_SLOT), WAY_OUT_SLOT):
            break
        if kind == "bot" and (event.get("metadata") or {}).get("utter_action") in (question_reask, STILL_UNCLEAR):
            count += 1
    return count


def _commune_means_yes(text: str) -> bool:
    result = find_communes(text)
    words = re.sub(r"[^a-z0-9]+", " ", normalize(text))
    return len(result.communes) == 1 and result.exact and result.via == "name" and not NEGATION_RE.search(words)


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
        """The requested slot read from the latest message; no event for it lets the form reject (an
        interruption). While the way out is offered, an answer to the question is still read."""
        slot = tracker.get_slot(REQUESTED_SLOT)
        way_out = slot == WAY_OUT_SLOT
        if way_out:
            needed = self.spec.needed(answers_of(self.spec, tracker), today())
            slot = needed[0] if needed else None
        question = self.spec.question(slot)
        if question is None or _activated_this_turn(tracker, self.spec.form):
            return []
        stay = [SlotSet(REQUESTED_SLOT, WAY_OUT_SLOT)] if way_out else []
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        value = parse_answer(question, text, today())
        if value is None and is_skip(text):
            value = DONT_KNOW
        if value is None and slot in COMMUNE_MEANS_YES and _commune_means_yes(text):
            value = "yes"
        if value is not None and classifier_only_crisis(message):
            # Only the classifier saw a crisis, no danger sign, in a message that reads as the answer ("je n'ai
            # rien du tout" to the income question): the general urgent numbers first, then the answer is
            # taken. An interruption would ask the same question again, and get the same crisis, for ever.
            say_urgent_numbers(dispatcher, [GENERIC], list((domain.get("responses") or {}).keys()))
            intent = None
        turn = Turn(text, intent, (message.get("intent") or {}).get("confidence") or 0.0, value is not None)
        outcome = decide(turn, self.spec.name, INTERRUPTIONS, ALWAYS_INTERRUPT, SURE_WITHOUT_QUESTION,
                         QUESTIONS_ONLY)
        if outcome == INTERRUPTION:
            return stay
        if outcome == IN_PROGRESS:
            dispatcher.utter_message(response="utter_check_in_progress")
            return [SlotSet(slot, None)] + stay
        events = self._remembered_commune(text, tracker)
        if outcome == ANSWER:
            return [SlotSet(slot, value)] + events + self._later_answers(slot, text, tracker)
        if way_out or not _fresh_message(tracker):
            return [SlotSet(slot, None)] + events + stay
        if unreadable_count(tracker, question.reask_response) + 1 < MAX_UNREADABLE:
            dispatcher.utter_message(response=question.reask_response)
            return [SlotSet(slot, None)] + events
        dispatcher.utter_message(response=STILL_UNCLEAR)    # then the form asks utter_ask_check_way_out
        return [SlotSet(slot, None)] + events + [SlotSet(REQUESTED_SLOT, WAY_OUT_SLOT)]

    @staticmethod
    def _remembered_commune(text: str, tracker: Tracker) -> List[EventType]:
        refnis = commune_in_answer(text)
        return [SlotSet(COMMUNE_SLOT, refnis)] if refnis and refnis != tracker.get_slot(COMMUNE_SLOT) else []

    def _later_answers(self, slot: str, text: str, tracker: Tracker) -> List[EventType]:
        """Later questions of this check that the same message settles ("j'ai 34 ans et je vis seule")."""
        later = self.spec.slots[self.spec.slots.index(slot) + 1:]
        events = []
        for question in (self.spec.question(s) for s in later):
            if question.kind in EXTRA_READERS and tracker.get_slot(question.slot) is None:
                value = EXTRA_READERS[question.kind](text)
                if value is not None:
                    events.append(SlotSet(question.slot, value))
        return events

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        """Every answer of this check set in this turn (the parsers already validated them)."""
        recent = tracker.slots_to_validate()
        return [SlotSet(slot, value) for slot, value in recent.items()
                if slot in self.spec.slots or slot == COMMUNE_SLOT]

    async def next_requested_slot(self, dispatcher, tracker: Tracker, domain) -> Optional[EventType]:
        needed = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        if not needed:
            return SlotSet(REQUESTED_SLOT, None)
        if tracker.slots_to_validate().get(REQUESTED_SLOT) == WAY_OUT_SLOT:   # set by get_extraction_events
            return SlotSet(REQUESTED_SLOT, WAY_OUT_SLOT)
        return SlotSet(REQUESTED_SLOT, needed[0])


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
                  has_contact: bool, commune: Optional[Commune] = None) -> None:
    """The outcome, the amount if any, the next step. ``commune``: where the person said they live, when it
    is not the commune of this bot's CPAS profile (the next step then names that commune's CPAS)."""
    dispatcher.utter_message(response=OUTCOME_RESPONSES[assessment.outcome], check_title=spec.title,
                             details=condition_lines(assessment))
    if assessment.amount is not None and assessment.amount_date is not None:
        dispatcher.utter_message(
            response="utter_check_amount", amount=format_eur(assessment.amount),
            amount_date=format_date_fr(assessment.amount_date), explanation=assessment.amount_explanation or "",
        )
    if commune is not None:
        dispatcher.utter_message(response="utter_check_next_step_commune", caveat=assessment.caveat,
                                 next_step=assessment.next_step, commune=commune.name_fr.replace("’", "'"),
                                 cpas=cpas_name(commune))
        return
    dispatcher.utter_message(
        response="utter_check_next_step" if has_contact else "utter_check_next_step_finder",
        caveat=assessment.caveat, next_step=assessment.next_step,
    )


def person_commune(tracker: Tracker) -> Optional[Commune]:
    """The commune the person named during a check, unless it is this bot's own commune (or has no CPAS)."""
    commune = get_commune(tracker.get_slot(COMMUNE_SLOT) or "")
    if commune is None or not has_cpas(commune):
        return None
    profile = tracker.get_slot("commune_name") or ""
    return None if profile.casefold() == commune.name_fr.casefold() else commune


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
            render_result(dispatcher, spec, assessment, has_contact=has_profile(),
                          commune=person_commune(tracker))
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
    period: Callable[[date], str]        # the length of the period, from the parameters ("3 mois")
    in_time: str
    passed: str
    ask: str


DEADLINES = {
    "appeal": Deadline(appeal_deadline, lambda day: format_months(parameter("deadlines", day)["appeal_months"]),
                       "utter_appeal_deadline", "utter_appeal_deadline_passed", "utter_ask_appeal_date"),
    "heating": Deadline(heating_request_deadline,
                        lambda day: format_days(parameter("heating_allowance", day)["request_days"]),
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
        start=format_date_fr(start), deadline=format_date_fr(last_day), period=period,
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
