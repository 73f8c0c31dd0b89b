"""The common result of an eligibility check: named conditions, an outcome, maybe an amount.

The bot never promises: the outcome says "probably", and ``caveat`` recalls that the CPAS decides
after its social enquiry (loi organique des CPAS du 8 juillet 1976, art. 60 ; loi DIS du 26 mai 2002, art. 19).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Iterable, Optional, Tuple

CAVEAT = (
    "Ceci est une première estimation, pas une décision : le CPAS décide après son enquête sociale, "
    "en regardant toute votre situation."
)


class Outcome(Enum):
    PROBABLY_ELIGIBLE = "probablement éligible"
    PROBABLY_NOT_ELIGIBLE = "probablement pas éligible"
    UNKNOWN = "on ne peut pas encore dire"

    @property
    def label(self) -> str:
        return self.value


class Status(Enum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ConditionResult:
    """One named condition (snake_case English name) and one plain-French line saying why."""

    name: str
    status: Status
    reason: str


def met(name: str, reason: str) -> ConditionResult:
    return ConditionResult(name, Status.MET, reason)


def not_met(name: str, reason: str) -> ConditionResult:
    return ConditionResult(name, Status.NOT_MET, reason)


def unknown(name: str, reason: str) -> ConditionResult:
    return ConditionResult(name, Status.UNKNOWN, reason)


def from_answer(name: str, answer: Optional[bool], yes: str, no: str, dont_know: str) -> ConditionResult:
    """A condition that is simply a yes/no answer (None = "je ne sais pas")."""
    if answer is None:
        return unknown(name, dont_know)
    return met(name, yes) if answer else not_met(name, no)


def decide_outcome(conditions: Iterable[ConditionResult]) -> Outcome:
    """Any condition not met -> probably not eligible; else any unknown -> unknown; else eligible."""
    statuses = [condition.status for condition in conditions]
    if Status.NOT_MET in statuses:
        return Outcome.PROBABLY_NOT_ELIGIBLE
    if Status.UNKNOWN in statuses:
        return Outcome.UNKNOWN
    return Outcome.PROBABLY_ELIGIBLE


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    conditions: Tuple[ConditionResult, ...]
    amount: Optional[Decimal]
    amount_explanation: Optional[str]
    amount_date: Optional[dt.date]
    sources: Tuple[str, ...]
    next_step: str
    caveat: str = CAVEAT

    @property
    def missing(self) -> Tuple[str, ...]:
        """Names of the conditions still unknown (what to ask next)."""
        return tuple(c.name for c in self.conditions if c.status is Status.UNKNOWN)

    @property
    def failed(self) -> Tuple[str, ...]:
        return tuple(c.name for c in self.conditions if c.status is Status.NOT_MET)

    def condition(self, name: str) -> ConditionResult:
        for condition in self.conditions:
            if condition.name == name:
                return condition
        raise KeyError(name)


def make_assessment(
    conditions: Iterable[ConditionResult],
    *,
    next_step: str,
    sources: Iterable[str] = (),
    amount: Optional[Decimal] = None,
    amount_explanation: Optional[str] = None,
    amount_date: Optional[dt.date] = None,
) -> Assessment:
    conditions = tuple(conditions)
    unique_sources = tuple(dict.fromkeys(s for s in sources if s))
    return Assessment(
        outcome=decide_outcome(conditions),
        conditions=conditions,
        amount=amount,
        amount_explanation=amount_explanation,
        amount_date=amount_date,
        sources=unique_sources,
        next_step=next_step,
    )


def check_choice(value: Optional[str], allowed: Iterable[str], what: str) -> Optional[str]:
    """None stays None (unknown); any other value must be one of ``allowed``."""
    allowed = tuple(allowed)
    if value is not None and value not in allowed:
        raise ValueError(f"{what} : {value!r} n'est pas une valeur prévue ({', '.join(allowed)}).")
    return value
