"""When to ask back instead of answering a FAQ question (pure: no Rasa import; used by cpas_rasa.nlu.faq_gate).

The response selector ranks the FAQ answers for every message; the intent classifier's confidence in "faq"
says nothing about which answer. ``faq_candidates`` returns the answers to offer as buttons when the best
answer is not sure enough (below ``min_confidence``) or too close to the second (``min_margin``), and None
when the best answer can be given.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional

FAQ_INTENT = "faq"


def ranked_keys(ranking: Iterable[Mapping[str, Any]]) -> List[tuple]:
    """[(key, confidence)] from the response selector's ranking ("faq/ris_amounts" -> "ris_amounts")."""
    out = []
    for item in ranking or []:
        full = item.get("intent_response_key") or ""
        key = full.split("/", 1)[1] if "/" in full else full
        if key:
            out.append((key, float(item.get("confidence") or 0.0)))
    return sorted(out, key=lambda pair: -pair[1])


def faq_candidates(intent: Optional[str], ranking: Iterable[Mapping[str, Any]], min_confidence: float,
                   min_margin: float, max_candidates: int = 3, candidate_share: float = 0.2) -> Optional[List[str]]:
    """The FAQ keys to offer (best first) when the selected FAQ answer is unsure, else None.

    A candidate after the first is offered when its confidence is at least ``candidate_share`` of the best one.
    """
    if intent != FAQ_INTENT:
        return None
    ranked = ranked_keys(ranking)
    if not ranked:
        return None
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= min_confidence and top - second >= min_margin:
        return None
    keys = [ranked[0][0]] + [key for key, conf in ranked[1:] if conf >= candidate_share * top]
    return keys[:max_candidates]
