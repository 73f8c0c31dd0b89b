"""How a guided check reads a message written as people write it (pure Python, no Rasa).

A person answering "vivez-vous habituellement en Belgique ?" writes "oui, j'habite à Wavre depuis 5 ans", not
"oui". The NLU may give that message any intent (inform_commune for some communes, affirm for others), so the
intent must not decide alone whether a message answers the question. The rule of ``decide`` is:

1. "stop", a crisis, an unofficial site, asking for a person, "pourquoi ?" always interrupt (the form rules
   answer them).
2. A message that reads as the answer is the answer, whatever its intent, unless it also asks a question with
   an interruption intent ("non mais c'est quoi le RIS ?", "oui, et c'est combien ?"). Extra words never
   hide an answer; there is no length limit.
3. Asking for the check in progress again: go on with it.
4. An unreadable message is an interruption only when it asks something (``is_question``), or when it is
   a social turn or another request the NLU is sure of ("bonjour", "je veux vérifier la prime
   d'installation"). A statement with no answer in it ("moi et les petits") is an unreadable answer, never a
   FAQ answer: the form asks again, and after the second unreadable answer it offers a way out.

``is_skip`` reads "passer cette question" as "je ne sais pas". ``commune_in_answer`` is the one commune an
answer names, kept for the next step ("Le CPAS de Wavre..."). ``strict_age`` and ``complete_household`` read
a later question's answer out of the same message only when nothing is left to guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, Optional

from actions.lib.communes import find_communes as _find_communes
from actions.lib.parsing import NUMBER_WORDS, Household, normalize, parse_age, parse_household

# Outcomes of ``decide``
ANSWER, INTERRUPTION, UNREADABLE, IN_PROGRESS = "answer", "interruption", "unreadable", "in_progress"

SURE_INTENT_CONFIDENCE = 0.9

_FILLERS = r"(?:(?:oui|ouais|non|nan|ok|ben|bah|bon|euh|mais|et|alors|sinon|du coup|d accord|merci|attends?)\s+)*"
# A clause that starts with one of these asks something.
QUESTION_START_RE = re.compile(
    r"^" + _FILLERS + r"(?:"
    r"c est quoi|c quoi|c est combien|c est ou|c est quand|c est comment|qu est ce|quest ce|comment|"
    r"pourquoi(?! pas\b)|combien|"
    r"quel|quelle|quels|quelles|lequel|laquelle|lesquels|est ce que|est ce qu|es ce que|"
    r"ou est|ou sont|ou se|ou trouver|ou aller|ou faut|ou dois|quand est|quand faut|quand dois|a quoi|de quoi|"
    r"y a t il|il y a quoi|ai je|suis je|puis je|dois je|peut on|peux tu|pouvez vous|faut il|est il|"
    r"est elle|sont ils|vous pouvez|pouvez vous|tu peux|peux tu|est ce|ca veut dire|ca sert|et si"
    r")\b"
)
# These frames ask something wherever they are.
QUESTION_FRAME_RE = re.compile(
    r"\bc est quoi\b|\bca veut dire\b|\bveut dire quoi\b|\bqu est ce que c est\b"
    r"|\bj ai une question\b|\bje (?:voudrais|veux|voulais|aimerais) (?:savoir|comprendre|des infos|une info)\b"
    r"|\bexpliquez\b|\bexplique moi\b|\bexpliquer\b|\bdes renseignements\b"
)
_CLAUSE_SPLIT_RE = re.compile(r"[,;:.!?()\n]+|\s(?:mais|sinon|par contre|cependant)\s")

SKIP_RE = re.compile(
    r"^(?:je )?(?:passe|passer|on passe|je passe|passons|suivant|suivante|question suivante|next|skip|joker)"
    r"(?: (?:cette|la) question)?(?: svp| stp| s il (?:vous|te) plait)?$"
)

# Words that name the Brussels region as often as the City of Brussels: not kept as the person's commune.
REGION_LIKE_NAMES = frozenset({"bruxelles", "brussel", "brussels", "bxl", "brux"})


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9?,;:.!()\n]+", " ", normalize(text))).strip()


def is_question(text: str) -> bool:
    """True when the message asks something: a clause that starts like a question ("c'est quoi...",
    "comment...", "est-ce que...", "et pour un couple ?") or a frame such as "je voudrais savoir"."""
    if not isinstance(text, str):
        return False
    plain = _plain(text)
    if QUESTION_FRAME_RE.search(re.sub(r"[^a-z0-9]+", " ", plain)):
        return True
    clauses = (c.strip() for c in _CLAUSE_SPLIT_RE.split(plain))
    return any(QUESTION_START_RE.match(c) for c in clauses if c)


def is_skip(text: str) -> bool:
    """ "Passer cette question", "je passe", "question suivante": the person skips (= "je ne sais pas")."""
    if not isinstance(text, str) or len(text) > 80:
        return False
    return SKIP_RE.match(re.sub(r"[^a-z0-9]+", " ", normalize(text)).strip()) is not None


@dataclass(frozen=True)
class Turn:
    """What the form knows about the latest message."""
    text: str
    intent: Optional[str]
    confidence: float
    readable: bool           # the message reads as an answer to the requested question (or "je ne sais pas")


def decide(turn: Turn, this_check: str, interruptions: AbstractSet[str], always: AbstractSet[str],
           sure_without_question: AbstractSet[str], questions_only: AbstractSet[str] = frozenset()) -> str:
    """ANSWER, INTERRUPTION, UNREADABLE or IN_PROGRESS (asking for the check in progress again).

    ``questions_only``: intents that interrupt only a question the form cannot read as an answer ("Combien de
    temps pour avoir une réponse ?" read as a follow-up; "et si je vis seul ?" stays an answer)."""
    intent = turn.intent
    if intent in always:
        return INTERRUPTION
    asks = is_question(turn.text)
    if turn.readable and not (asks and (intent in interruptions or intent == this_check)):
        return ANSWER
    if intent == this_check:
        return IN_PROGRESS
    # Here a questions_only intent is never readable (a readable one is an ANSWER above).
    if (intent in interruptions or intent in questions_only) and (
        asks or "?" in turn.text
        or (intent in sure_without_question and turn.confidence >= SURE_INTENT_CONFIDENCE)
    ):
        return INTERRUPTION
    return UNREADABLE


# ---------------------------------------------------------------------------- extra facts in an answer
STRICT_AGE_RE = re.compile(r"\bj ai ((?:[0-9]{1,3}|(?:(?:%s|et) ?){1,4}) ans)\b" % "|".join(NUMBER_WORDS))


def strict_age(text: str) -> Optional[int]:
    """The person's age said as "j'ai N ans" (never a bare number, nor "depuis 5 ans", nor "un fils de 3 ans")."""
    if not isinstance(text, str):
        return None
    found = {parse_age(m.group(1)) for m in STRICT_AGE_RE.finditer(re.sub(r"[^a-z0-9]+", " ", normalize(text)))}
    return found.pop() if len(found) == 1 else None


def complete_household(text: str) -> Optional[Household]:
    """The household when the message settles it: alone, or with a partner said yes or no, or with parents or
    others. "j'ai deux enfants" alone is not enough (is there a partner?), so the form will ask."""
    found = parse_household(text)
    if found is None:
        return None
    if found.lives_alone is True:
        return found
    if found.partner is not None:
        return found
    child = bool(found.has_children or (found.children or 0) > 0)
    if (found.parents or found.others) and not child:
        return found
    return None


def commune_in_answer(text: str, find_communes=_find_communes) -> Optional[str]:
    """The REFNIS code of the one commune the answer names exactly ("j'habite à Wavre depuis 5 ans"), else
    None: no commune, several, a typo-corrected name, a bare number (maybe an amount, not a postal code), or
    "Bruxelles" (often the region, not the City)."""
    result = find_communes(text or "")
    if len(result.communes) != 1 or not result.exact or result.via != "name":
        return None
    if result.matched.strip() in REGION_LIKE_NAMES:
        return None
    return result.communes[0].refnis
