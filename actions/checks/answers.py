"""Reading a free-text answer to a question of a check: ``parse_answer`` gives the value the slot stores.

The reader of the question's ``kind`` decides (yes/no, amount, age, date, count, household: actions.lib.parsing;
choices: ``match_choice`` on the synonyms of the spec), after the question's own ``reader`` when it has one
(``need_answer``, or ``yes_by_fact`` with a pattern of the benefit's module). All patterns run on the folded
text (actions/lib/text.py).
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Dict, Mapping, Optional, Sequence

from actions.checks.spec import Question
from actions.lib.parsing import (
    DONT_KNOW,
    parse_age,
    parse_amount,
    parse_date,
    parse_household,
    parse_int_count,
    parse_need,
    parse_yes_no,
)
from actions.lib.text import fold_words

NO_SAVINGS_RE = re.compile(
    r"\b(?:pas|plus|aucune?|sans|zero|0) (?:d |de |d')?(?:economies?|epargnes?|argent de cote|sous de cote)\b"
    r"|\brien de cote\b|\brien du tout\b|\bnada\b"
)


def _words(text: str) -> str:
    return " " + fold_words(text) + " "


def match_choice(choices: Mapping[str, Sequence[str]], text: str) -> Optional[str]:
    """The canonical value whose longest synonym appears in the text as whole words, not after "pas",
    "plus", "non" or "jamais" ("je ne suis pas belge"); None when nothing or a tie matches."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    words = _words(text)
    best: Dict[str, int] = {}
    for value, synonyms in choices.items():
        for synonym in synonyms:
            target = _words(synonym)
            start = words.find(target)
            while start >= 0:
                before = words[:start].split()[-1:]
                if before not in (["pas"], ["plus"], ["non"], ["jamais"]):
                    best[value] = max(best.get(value, 0), len(target))
                start = words.find(target, start + 1)
    if not best:
        return None
    top = max(best.values())
    winners = [value for value, length in best.items() if length == top]
    return winners[0] if len(winners) == 1 else None


def _amount(text: str, today: date) -> Optional[str]:
    value = parse_amount(text)
    if value is None and NO_SAVINGS_RE.search(_words(text)):
        value = Decimal("0")
    return None if value is None else str(value)


def _date(text: str, today: date) -> Optional[str]:
    day = parse_date(text, today)
    return day.isoformat() if day is not None and day <= today else None


def _household(text: str, today: date) -> Optional[dict]:
    found = parse_household(text)
    return None if found is None else dataclasses.asdict(found)


PARSERS: Dict[str, Callable[[str, date], Any]] = {
    "amount": _amount,
    "age": lambda text, today: parse_age(text),
    "date": _date,
    "count": lambda text, today: parse_int_count(text),
    "household": _household,
}


def is_dont_know(text: str) -> bool:
    return parse_yes_no(text) == DONT_KNOW


def need_answer(text: str) -> Optional[str]:
    """"Vous manque-t-il l'argent pour ... ?": the words about the money decide (parse_need)."""
    need = parse_need(text)
    return None if need is None else "yes" if need else "no"


def yes_by_fact(pattern: "re.Pattern[str]") -> Callable[[str], Optional[str]]:
    """A reader that says "yes" when the person tells the fact rather than the word (on fold_words text)."""
    return lambda text: "yes" if pattern.search(_words(text)) else None


def parse_answer(question: Question, text: str, today: date) -> Any:
    """The answer as the slot stores it, DONT_KNOW for "je ne sais pas", or None if it cannot be read."""
    told = question.reader(text) if question.reader else None
    if told is not None:
        return told
    if question.kind == "yes_no":
        found = parse_yes_no(text)
        value = "yes" if found is True else "no" if found is False else found
    elif question.kind == "choice":
        value = DONT_KNOW if is_dont_know(text) else match_choice(question.choices or {}, text)
    else:
        value = PARSERS[question.kind](text, today)
        if value is None:
            return DONT_KNOW if is_dont_know(text) else None
    if value not in (None, DONT_KNOW) and question.valid and not question.valid(value, today):
        return None
    return value
