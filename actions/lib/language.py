"""Guess whether a message is Dutch or English, to answer in that language (no Rasa import)."""
from __future__ import annotations

import re
from typing import Optional

_WORDS = {
    "nl": {
        "ik", "het", "een", "de", "niet", "wat", "hoe", "waar", "mijn", "heb", "hebben", "ben", "is",
        "van", "voor", "met", "kan", "u", "je", "jij", "hulp", "nodig", "ocmw", "leefloon",
        "geld", "wonen", "woon", "werk", "goedemorgen", "hallo", "dag", "dank", "bedankt", "alstublieft",
        "spreekt", "nederlands", "vlaams", "welke", "wie", "waarom", "krijgen", "aanvragen", "uitkering",
        "daklozen", "dakloos", "huur", "zijn", "ook", "maar", "om", "te", "dat", "er", "graag", "kun",
    },
    "en": {
        "i", "the", "a", "is", "am", "are", "what", "how", "where", "my", "have", "need", "help", "can",
        "you", "your", "do", "does", "speak", "english", "money", "welfare", "social", "benefit",
        "benefits", "hello", "hi", "please", "thanks", "thank", "get", "apply", "which", "who", "why",
        "live", "work", "homeless", "rent", "there", "this", "it", "of", "to", "for", "with", "and", "any",
    },
    "fr": {
        "je", "j", "le", "la", "les", "un", "une", "des", "est", "suis", "pas", "quoi", "comment", "mon",
        "ma", "mes", "ai", "aide", "pour", "avec", "et", "qui", "que", "quel", "quelle", "vous", "tu",
        "bonjour", "merci", "cpas", "revenu", "droit", "c", "ce", "du", "au", "en", "sur", "dans", "il",
        "on", "ou", "si", "oui", "non", "svp", "peux", "puis", "dois", "faire", "combien",
    },
}
# Words of both French and another language ("de", "a", "is"...) count less than distinctive ones.
_SHARED = {w for lang in _WORDS for w in _WORDS[lang] if sum(w in v for v in _WORDS.values()) > 1}


def detect_language(text: str) -> Optional[str]:
    """Return "nl", "en" or "fr" for a message, or None when it cannot tell."""
    tokens = re.findall(r"[a-zà-ÿ]+", (text or "").lower()[:500])
    if not tokens:
        return None
    scores = {lang: 0.0 for lang in _WORDS}
    for token in tokens:
        for lang, words in _WORDS.items():
            if token in words:
                scores[lang] += 0.3 if token in _SHARED else 1.0
    best = max(scores, key=scores.get)
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
    return best
