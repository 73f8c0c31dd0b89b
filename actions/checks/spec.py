"""What a guided check is: a ``CheckSpec`` is a list of ``Question``s, each filling one slot of its form.

``needed(answers)`` lists the slots still to ask, in order: a question is asked only when its ``ask_if``
holds on the answers so far, and nothing more is asked once a condition is already not met (the outcome
is then certain: "probablement pas éligible"). ``assess(answers, on)`` calls the rules library
(actions/rules), which owns every amount, threshold and reason.

Answers are stored JSON-friendly, as the form slots hold them: yes/no as "yes" / "no", "je ne sais pas"
as DONT_KNOW ("unknown"), amounts as the text of a Decimal ("1234.56"), dates as ISO text, ages and
counts as int, households as a dict (actions.lib.parsing.Household), choices as their canonical value.
``known``, ``yes``, ``amount`` and ``day`` read them back for the rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple

from actions.lib.parsing import DONT_KNOW
from actions.rules import Assessment
from actions.rules.clock import today as clock_today

Answers = Mapping[str, Any]
KINDS = ("yes_no", "amount", "age", "date", "count", "choice", "household")


@dataclass(frozen=True)
class Question:
    """One question of a form. ``response`` asks it; ``choices`` maps each canonical value to the words
    that mean it (the first one is the button title); ``ask_if`` says whether it applies given the answers
    so far; ``valid`` refuses a parsed value (then the form asks again with ``reask``)."""

    slot: str
    kind: str
    response: str
    choices: Optional[Mapping[str, Sequence[str]]] = None
    ask_if: Optional[Callable[[Answers], bool]] = None
    valid: Optional[Callable[[Any, date], bool]] = None
    reask: Optional[str] = None
    # Reads the answer from the facts the person tells ("non je n'ai pas cet argent"), before the reader of
    # ``kind``; None lets that reader decide.
    reader: Optional[Callable[[str], Optional[str]]] = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.slot}: unknown kind {self.kind!r}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"{self.slot}: choices go with kind 'choice' only")

    @property
    def reask_response(self) -> str:
        return self.reask or f"utter_reask_{self.kind}"


def ask(form: str, slot: str, kind: str, **options: Any) -> Question:
    """The question of ``form`` that fills ``slot``, asked by the response ``utter_ask_<form>_<slot>``."""
    return Question(slot, kind, f"utter_ask_{form}_{slot}", **options)


@dataclass(frozen=True)
class CheckSpec:
    name: str            # the intent that starts it, e.g. "check_ris"
    form: str            # e.g. "ris_form"
    title: str           # what is checked, in French, e.g. "le revenu d'intégration"
    start_question: str  # a plain-French question that starts (or resumes) the check
    questions: Tuple[Question, ...]
    assess_answers: Callable[[Answers, date], Assessment]

    @property
    def slots(self) -> Tuple[str, ...]:
        return tuple(q.slot for q in self.questions)

    def question(self, slot: Optional[str]) -> Optional[Question]:
        return next((q for q in self.questions if q.slot == slot), None)

    def assess(self, answers: Answers, on: date) -> Assessment:
        return self.assess_answers(answers, on)

    def needed(self, answers: Answers, on: Optional[date] = None) -> List[str]:
        """The slots still to ask, in order; [] once a condition is not met or all is answered."""
        if self.assess(answers, on or clock_today()).failed:
            return []
        return [
            q.slot for q in self.questions
            if answers.get(q.slot) is None and (q.ask_if is None or q.ask_if(answers))
        ]


# ---------------------------------------------------------------------------- reading stored answers
def known(answers: Answers, slot: str) -> Any:
    """The stored answer, None when not asked yet or "je ne sais pas"."""
    value = answers.get(slot)
    return None if value == DONT_KNOW else value


def yes(answers: Answers, slot: str) -> Optional[bool]:
    return {"yes": True, "no": False}.get(answers.get(slot))


def amount(answers: Answers, slot: str) -> Optional[Decimal]:
    value = known(answers, slot)
    return None if value is None else Decimal(str(value))


def day(answers: Answers, slot: str) -> Optional[date]:
    value = known(answers, slot)
    return None if value is None else date.fromisoformat(str(value))
