"""The one text normalisation of the bot: accents, case, quotes and dashes, words, typos, "de" before a place.

Pure Python (no Rasa). Every reader of free French text folds it the same way:

    fold("Braine-l’Alleud  Œuvre")   -> "braine-l'alleud  oeuvre"   lower case, no accents, ' and - unified
    fold_spaces(" Je  suis née ")    -> "je suis nee"                the same, white space collapsed (answers)
    fold_words("Braine-l’Alleud")    -> "braine l alleud"            only letters and digits, one space (names)
    strip_accents("Liège")           -> "Liege"                      accents only (case and signs kept)
    edit_distance("charleoi", "charleroi") -> 1                      Damerau-Levenshtein (adjacent swaps = 1)
    de_place("Ixelles")              -> "d'Ixelles"                  "de", "d'", "du", "des" before a place name
    domain_of("https://www.LaHulpe.be/fr") -> "lahulpe.be"

Two behaviours are kept on purpose, under two names: `fold_spaces` keeps punctuation (the answer readers of
actions/lib/parsing.py read "1.234,56 €", "03/03/2026", "l'an"), `fold_words` drops it (the commune and court
finders match names written with or without dashes and apostrophes).
"""
from __future__ import annotations

import re
import unicodedata
from typing import List, Optional

# Letters that Unicode does not decompose into a base letter plus an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u02bc\u0060\u00b4"})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """The text without its accents (NFKD, combining marks dropped); case and punctuation kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, letters like œ/æ/ß spelt out, accents stripped, typographic quotes and dashes unified."""
    return strip_accents(text.lower().translate(_LETTERS).translate(_QUOTES).translate(_DASHES))


def fold_char(ch: str) -> str:
    """`fold` of one character (it may give 0, 1 or 2 characters): for readers that map back to positions."""
    if ch.isascii():
        return ch.lower()
    return fold(ch)


def fold_spaces(text: str) -> str:
    """`fold`, with runs of white space as one space, trimmed; "" for anything that is not text."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"\s+", " ", fold(text)).strip()


def fold_words(text: str) -> str:
    """`fold`, keeping only the words (letters and digits) separated by one space."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def edit_distance(a: str, b: str, limit: Optional[int] = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a swap of two neighbours counts 1).

    With `limit`, the distance is capped at limit + 1 and the computation stops as soon as it is reached.
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def de_place(name: str) -> str:
    """French "de" before a place name: 'de Wavre', "d'Ixelles", 'du Roeulx', 'des Bons Villers', 'de La Hulpe'."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name and fold(name[0]) in tuple("aeiouy"):
        return "d'" + name
    return "de " + name


def domain_of(value: str) -> str:
    """The bare domain of a web address: 'https://www.LaHulpe.be/fr/cpas' -> 'lahulpe.be'."""
    value = "".join(fold_char(c) for c in str(value or "").strip())
    value = re.sub(r"^[a-z]+://", "", value)
    value = re.sub(r"^www\.", "", value)
    return re.split(r"[/?#\s]", value, maxsplit=1)[0].strip(".")
