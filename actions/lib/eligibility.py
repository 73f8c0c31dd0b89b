"""Read "am I entitled to X?" for the six guided checks (pure: no Rasa import).

``eligibility_check("Est-ce que je peux avoir le revenu d'intégration ?")`` -> ``"check_ris"``;
``eligibility_check("Qui a droit au revenu d'intégration ?")`` -> ``None`` (a general question: the FAQ answer).

A person who asks whether *they* can get one of the benefits that have a guided check, and says little else,
gets the check, however the sentence starts ("ai-je droit", "est-ce que je peux avoir", "suis-je dans les
conditions pour", "je voudrais savoir si j'ai droit à"), also after describing their situation in an earlier
message. The check itself says that the CPAS decides and that one can stop at any time. The benefit names are
those of the checks (actions/checks/); the patterns run on the folded text (actions/lib/text.py).
"""
from __future__ import annotations

import re
from typing import List, Optional, Pattern, Tuple

from actions.lib.text import fold_spaces

# A message longer than this is a situation or several questions: the orientation and the FAQ read it.
MAX_WORDS = 30

# The person asks about themselves: entitled, can get, meet the conditions.
_ME = (r"(?:ai[ -]?je|j'ai|j ai|jai|aurais[ -]?je|j'aurais|j aurais|est[ -]ce que j'ai|est[ -]ce que j'aurais)"
       r"\s+(?:bien\s+|encore\s+|aussi\s+|vraiment\s+)?droit")
_CAN = (r"(?:puis[ -]?je|pourrais[ -]?je|je peux|je pourrais|est[ -]ce que je peux|est[ -]ce que je pourrais|"
        r"peut[ -]on me|le cpas (?:peut|pourrait)[ -](?:il|t[ -]il)?\s*me|on peut me|on pourrait me)"
        r"\s+(?:avoir|obtenir|recevoir|toucher|beneficier|demander|pretendre|donner|accorder|verser|payer|"
        r"faire|aider avec)")
_CONDITIONS = (r"(?:suis[ -]?je|je suis|est[ -]ce que je suis|je rentre|je remplis|je reponds|rentre[ -]?je|"
               r"est[ -]ce que je rentre|est[ -]ce que je remplis)\s+(?:bien\s+)?(?:dans\s+les|les|aux)\s+"
               r"(?:conditions|criteres)")
_ELIGIBLE = r"(?:je suis|suis[ -]?je|est[ -]ce que je suis|serais[ -]?je)\s+(?:eligible|admissible)"
# "Contrôle si le CPAS peut m'avancer ma pension", "vérifie avec moi si…": the person asks for the check itself.
_VERIFY = (r"(?:controle|controlez|verifie|verifiez|verifions|regarde|regardez|regardons)\s+"
           r"(?:avec moi\s+|pour moi\s+)?si\b")
ASKS_FOR_ME: Pattern[str] = re.compile(rf"\b(?:{_ME}|{_CAN}|{_CONDITIONS}|{_ELIGIBLE}|{_VERIFY})\b")

# The benefit of each check, as people name it.
BENEFITS: List[Tuple[str, Pattern[str]]] = [
    ("check_prime", re.compile(r"\bprime (?:d'|d |de )?(?:installation|instalation|emmenagement)\b"
                               r"|\bprime du cpas pour (?:m'installer|meubler|equiper)")),
    ("check_heating", re.compile(r"\b(?:allocation|aide|prime|intervention)s? (?:de |du |pour le |au )?"
                                 r"(?:chauffage|mazout|fonds (?:social )?(?:du |de )?chauffage)\b"
                                 r"|\bfonds (?:social )?(?:du |de )?chauffage\b|\baide (?:pour le |au )mazout\b")),
    ("check_amu", re.compile(r"\baide medicale (?:urgente|d'urgence)\b|\bamu\b")),
    ("check_advance", re.compile(r"\b(?:avance (?:sur|de)|m'avancer|avancer) (?:mes |mon |ma |les |le |la )?"
                                 r"(?:allocations?|chomage|indemnites?|pension|mutuelle|capac|onem)")),
    ("check_rental_guarantee", re.compile(r"\b(?:garantie locative|caution)\b")),
    ("check_ris", re.compile(r"\b(?:revenu d'integration(?: sociale)?|revenu d integration|ris|minimex|"
                             r"leefloon|revenu minimum|aide financiere du cpas)\b")),
]

# Words that make the question a general one about the rule ("qui a droit", "les conditions en général"), or
# about somebody else: the FAQ answer fits those better.
_GENERAL = re.compile(r"\b(?:qui (?:a|peut|y a)|quelles? (?:sont les )?conditions|en general|"
                      r"mon (?:fils|pere|frere|mari|copain)|ma (?:fille|mere|soeur|femme|copine)|"
                      r"mes (?:parents|enfants))\b")


# Words that say nothing of a situation: what is left once they, the question frame and the benefit are removed
# is what the person tells about themselves ("statut de réfugié obtenu, ai-je droit au RIS ?"): then the
# classifier's answer (here: refugees and the RIS) fits better than a check that starts from nothing.
_FILLER = frozenset("""
    a au aux avec bien bonjour ca ce cela cpas d de des donc du en est et ici il j je la le les leur ma me merci
    moi mon ne oui pas peut pour que quel quelle qu s savoir si sil stp svp svpl un une verifier voudrais voir
    vous y aide aides droit mes avoir obtenir recevoir toucher beneficier demander pretendre donner accorder
    verser payer faire sociale ensemble test simulation regarder aimerais souhaite souhaiterais veux
    appartement logement mon ma mes loyer l on regarde regardons verifie verifions controle test
    en attendant attendant
""".split())
MAX_OWN_WORDS = 2


def _own_words(folded: str) -> int:
    rest = ASKS_FOR_ME.sub(" ", folded)
    for _, pattern in BENEFITS:
        rest = pattern.sub(" ", rest)
    words = [w for w in re.findall(r"[a-z0-9]+", rest.replace("'", " ")) if w not in _FILLER]
    return len(words)


def eligibility_check(text: str) -> Optional[str]:
    """The intent of the guided check a person asks to be checked for, or None."""
    folded = fold_spaces(text or "")
    if not folded or len(folded.split()) > MAX_WORDS:
        return None
    if not ASKS_FOR_ME.search(folded) or _GENERAL.search(folded):
        return None
    if _own_words(folded) > MAX_OWN_WORDS:
        return None
    found = [intent for intent, pattern in BENEFITS if pattern.search(folded)]
    if len(found) != 1 and not (len(found) == 2 and "check_ris" in found):
        return None                  # two benefits named: the person has to say which (the classifier asks)
    return next(intent for intent in found if intent != "check_ris") if len(found) == 2 else found[0]
