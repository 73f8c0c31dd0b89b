"""The FAQ answers' topics, aspects and plain titles (knowledge/faq_topics.yml), and how a follow-up moves
from one answer to another (pure: no Rasa import).

- ``resolve(table, last, leaning)``: the response that answers a follow-up in the context of the last answer
  ("et pour une famille ?" after ``ris_amounts`` -> ``utter_ris_amount_family``), or None.
- ``last_answer(events, table)``: the FAQ key of the last answer of a conversation (Rasa tracker events).
- ``choice_payload(key)``: the payload of the button that picks one answer ("/choose_faq{...}", < 64 bytes).
- ``selected_faq(message)``, ``faq_answer_of(message, min_confidence)``: what the response selector chose for a
  parsed message (the NLU's dict or Rasa's Message): its key and confidence, or the answer's name when sure enough.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from actions.lib.leaning import Leaning, parse_leaning

TABLE_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "faq_topics.yml"
FAQ_PREFIX = "utter_faq/"
GENERAL_TOPIC = "demande"   # its answers (how to apply, documents, delay, appeal...) serve every topic
# The only aspect a general answer that merely covers it may answer for another topic: "où ?" gets the answer on
# how to ask (it says where). An amount or a duration asked after an answer that has none is asked back, not
# answered with the appeal answer (which covers the appeal's own delay and cost).
GENERAL_COVERED_ASPECTS = ("where",)
CHOOSE_INTENT = "choose_faq"
CHOOSE_ENTITY = "faq_key"
KEY_PATTERN = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Answer:
    key: str
    topic: str
    aspect: str
    title: str
    covers: tuple = ()
    persons: Mapping[str, str] = None  # person -> FAQ key or response name

    @property
    def response(self) -> str:
        return FAQ_PREFIX + self.key


@dataclass(frozen=True)
class TopicTable:
    answers: Mapping[str, Answer]
    topic_titles: Mapping[str, str]
    topic_persons: Mapping[str, Mapping[str, str]]
    global_persons: Mapping[str, str]
    topic_main: Mapping[str, str] = None
    topic_aspects: Mapping[str, Mapping[str, str]] = None  # topic -> aspect -> key of another topic

    def title(self, key: str) -> str:
        answer = self.answers.get(key)
        return answer.title if answer else key

    def variant_of(self, response: str) -> Optional[str]:
        """The FAQ key a response belongs to: utter_faq/<key>, or a person variant of an answer."""
        if response.startswith(FAQ_PREFIX):
            key = response[len(FAQ_PREFIX):]
            return key if key in self.answers else None
        for answer in self.answers.values():
            if response in (answer.persons or {}).values():
                return answer.key
        return None

    def of_topic(self, topic: str) -> List[str]:
        return [a.key for a in self.answers.values() if a.topic == topic]


def load_table(path: Path = TABLE_PATH) -> TopicTable:
    content = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    answers = {}
    for key, spec in (content.get("answers") or {}).items():
        answers[key] = Answer(key=key, topic=spec["topic"], aspect=spec["aspect"], title=spec["title"],
                              covers=tuple(spec.get("covers") or ()), persons=dict(spec.get("persons") or {}))
    topics = content.get("topics") or {}
    return TopicTable(
        answers=answers,
        topic_titles={name: (spec or {}).get("title", name) for name, spec in topics.items()},
        topic_persons={name: dict((spec or {}).get("persons") or {}) for name, spec in topics.items()},
        global_persons=dict(content.get("persons") or {}),
        topic_aspects={name: dict((spec or {}).get("aspects") or {}) for name, spec in topics.items()},
        topic_main={name: (spec or {}).get("main") for name, spec in topics.items() if (spec or {}).get("main")},
    )


@functools.lru_cache(maxsize=1)
def default_table() -> TopicTable:
    return load_table(TABLE_PATH)


def _as_response(table: TopicTable, target: str) -> str:
    return FAQ_PREFIX + target if target in table.answers else target


def _by_aspect(table: TopicTable, last: Answer, aspect: str) -> Optional[str]:
    if last.aspect == aspect:
        return last.key
    same_topic = [a.key for a in table.answers.values() if a.topic == last.topic and a.aspect == aspect]
    if same_topic:
        return same_topic[0]
    if aspect in last.covers:
        return last.key
    elsewhere = (table.topic_aspects or {}).get(last.topic) or {}
    if aspect in elsewhere:
        return elsewhere[aspect]
    general = [a.key for a in table.answers.values() if a.topic == GENERAL_TOPIC and a.aspect == aspect]
    if general:
        return general[0]
    if aspect not in GENERAL_COVERED_ASPECTS:
        return None
    covering = [a.key for a in table.answers.values() if a.topic == GENERAL_TOPIC and aspect in a.covers]
    return covering[0] if covering else None


def _by_person(table: TopicTable, answer: Answer, person: str) -> Optional[str]:
    for persons in (answer.persons or {}, table.topic_persons.get(answer.topic) or {}, table.global_persons):
        if person in persons:
            return persons[person]
    return None


def resolve(table: TopicTable, last_key: Optional[str], leaning: Leaning) -> Optional[str]:
    """The response answering a follow-up after the answer ``last_key``, or None when nothing fits.

    An aspect moves within the topic (then to the general answers); a person picks that person's answer
    (for the answer, its topic, or everywhere). With both ("et pour une famille, c'est combien ?") the aspect
    is applied first, then the person on the answer found.
    """
    last = table.answers.get(last_key or "")
    if last is None:
        if leaning.person and leaning.person in table.global_persons:
            return _as_response(table, table.global_persons[leaning.person])
        return None
    target = last
    if leaning.aspect:
        key = _by_aspect(table, last, leaning.aspect)
        if key is None:
            return None
        target = table.answers[key]
    if leaning.person:
        found = _by_person(table, target, leaning.person)
        if found is not None:
            return _as_response(table, found)
        if not leaning.aspect:
            return None
    if target.key == last.key and not leaning.aspect:
        return None
    return target.response


# The persons a first question may name to get their own answer: whose income it is about ("les ressources de
# mes colocataires" is the rule on the people one lives with, not on one's own resources).
QUESTION_PERSONS = ("cohabitant", "couple")


def person_variant(table: TopicTable, key: str, text: str) -> Optional[str]:
    """The FAQ key that fits a question better than ``key`` because it names one of QUESTION_PERSONS for whom
    the answer ``key`` has another FAQ answer (knowledge/faq_topics.yml, `persons`), or None."""
    answer = table.answers.get(key or "")
    if answer is None or not answer.persons:
        return None
    person = parse_leaning(text).person
    target = answer.persons.get(person) if person in QUESTION_PERSONS else None
    return target if target in table.answers and target != key else None


def resolve_fresh(table: TopicTable, key: str, leaning: Leaning) -> Optional[str]:
    """A follow-up that names its own topic (``key``, the answer that topic word names): the aspect and person
    asked are looked for in that topic, else that answer itself."""
    if key not in table.answers:
        return None
    return resolve(table, key, leaning) or table.answers[key].response


def last_answer(events: Iterable[Mapping[str, Any]], table: TopicTable) -> Optional[str]:
    """The FAQ key of the most recent FAQ answer (or person variant) the bot gave in these events."""
    for event in reversed(list(events)):
        if event.get("event") == "session_started":
            return None
        if event.get("event") != "bot":
            continue
        metadata = event.get("metadata") or {}
        response = metadata.get("utter_action") or ""
        key = table.variant_of(response) if response else None
        if key:
            return key
    return None


def choice_payload(key: str) -> str:
    """The payload of the button that picks the FAQ answer ``key``."""
    if not KEY_PATTERN.match(key):
        raise ValueError(f"not a FAQ key: {key!r}")
    return "/" + CHOOSE_INTENT + json.dumps({CHOOSE_ENTITY: key}, separators=(",", ":"))


def all_choice_payloads(table: Optional[TopicTable] = None) -> List[str]:
    table = table or default_table()
    return [choice_payload(key) for key in table.answers]


def candidate_buttons(table: TopicTable, keys: Sequence[str], limit: int = 3) -> List[Dict[str, str]]:
    """Buttons titled in plain words for the candidate answers (known keys only, no duplicates)."""
    buttons, seen = [], set()
    for key in keys:
        if key in table.answers and key not in seen:
            seen.add(key)
            buttons.append({"title": table.title(key), "payload": choice_payload(key)})
        if len(buttons) >= limit:
            break
    return buttons


def selected_faq(message: Any) -> Tuple[Optional[str], float]:
    """(intent_response_key, confidence) of the FAQ answer the response selector chose ("faq/ris_amounts", 0.93);
    (None, 0.0) when it chose nothing."""
    selected = ((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    return selected.get("intent_response_key"), float(selected.get("confidence") or 0.0)


def faq_answer_of(message: Any, min_confidence: float) -> Optional[str]:
    """The name of the FAQ answer the response selector chose ("utter_faq/ris_amounts") when its confidence is at
    least ``min_confidence``, else None."""
    key, confidence = selected_faq(message)
    if not key or confidence < min_confidence:
        return None
    return f"utter_{key}"
