"""Clean a user's message before Rasa sees it (no Rasa import: tested on its own).

- An empty or blank message becomes the internal payload ``/empty_message``.
- National register numbers, IBANs, e-mail addresses and phone numbers are masked (cpas_rasa.privacy.redaction), so
  that they are never stored in the tracker store nor logged.
- A very long message is cut to ``MAX_CHARS`` characters.
- Rasa reads a message that starts with "/" as an intent with slot values (``/restart``,
  ``/ask{"slot": 1}``). From a public channel that lets anybody inject intents or set slots, so such
  a message is turned into plain text, unless it is exactly the payload of one of the bot's own
  quick-reply buttons (those of domain.yml and data/, and the "/choose_faq" buttons of the FAQ answers of
  knowledge/faq_topics.yml).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, FrozenSet, Iterable, Optional

import yaml

from cpas_rasa.privacy.redaction import redact

MAX_CHARS = 1000
EMPTY_PAYLOAD = "/empty_message"
PROJECT_DIR = Path(__file__).resolve().parents[2]


def _payloads_in(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "payload" and isinstance(value, str):
                yield value
            else:
                yield from _payloads_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _payloads_in(item)


@functools.lru_cache(maxsize=1)
def all_button_payloads(project_dir: Path = PROJECT_DIR) -> FrozenSet[str]:
    """The payloads of every button in domain.yml and data/ (the Telegram channel maps long ones)."""
    files = [project_dir / "domain.yml", *sorted((project_dir / "data").rglob("*.yml"))]
    payloads = set()
    for path in files:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        payloads.update(p.strip() for p in _payloads_in(content) if p.strip())
    payloads.update(_faq_choice_payloads(project_dir))
    return frozenset(payloads)


def _faq_choice_payloads(project_dir: Path) -> Iterable[str]:
    """The "Vous parlez de :" buttons, built at run time from knowledge/faq_topics.yml (actions/follow_up.py)."""
    from actions.lib.faq_topics import all_choice_payloads, load_table

    try:
        return all_choice_payloads(load_table(project_dir / "knowledge" / "faq_topics.yml"))
    except (OSError, yaml.YAMLError, KeyError, ValueError):
        return []


@functools.lru_cache(maxsize=1)
def button_payloads(project_dir: Path = PROJECT_DIR) -> FrozenSet[str]:
    """The "/..." payloads of every button in domain.yml and data/: the only "/" messages let through."""
    return frozenset(p for p in all_button_payloads(project_dir) if p.startswith("/"))


def clean_message(text: Optional[Any], allowed_payloads: Optional[FrozenSet[str]] = None) -> str:
    """Return the text Rasa should process for a message received from a public channel."""
    if allowed_payloads is None:
        allowed_payloads = button_payloads()
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\x00", "").strip()
    if not text:
        return EMPTY_PAYLOAD
    if text in allowed_payloads:
        return text
    text = redact(text)
    if len(text) > MAX_CHARS:
        cut = text[:MAX_CHARS]
        space = cut.rfind(" ")
        text = cut[:space] if space > MAX_CHARS // 2 else cut
    if text.startswith("/"):
        text = text.lstrip("/ ").strip()
        if not text:
            return EMPTY_PAYLOAD
    return text
