"""Danger-sign detector: does a message speak of suicide, violence, a night outside or hunger?

Pure Python (no Rasa). The signs are listed in knowledge/danger_signs.yml, which staff may edit: load_signs()
rereads it whenever it changes, so a new wording is detected without retraining or restart. A broken file
keeps the last good version (or the built-in minimal list below) and logs an error: the net never drops.

    scan("le cpas a refusé ma demande et franchement jveux plus vivre")
        -> Scan(kinds=("suicide",), lookalike=False)
    scan("mdr le cpas me tue avec ses papiers") -> Scan(kinds=(), lookalike=True)
    find_danger("mon mari me bat, on dort dans la voiture ce soir") -> ("violence", "homeless")

How a message is compared (``normalise``): lower case, accents stripped, anything but letters and digits
becomes a space, each run of a repeated letter becomes one letter ("frappe" = "frape", "mouriiir" =
"mourrir" = "mourir"), then SMS spellings are rewritten word by word ("jveux" -> "je veux", "chui" -> "je
suis", "jai" -> "j ai", "bb" -> "bebe"...). The patterns of the file are normalised the same way, so staff write
ordinary French. Look-alikes ("mort de rire", "ça me tue", "en finir avec ma demande") are blanked out before
the signs are searched; a message with only look-alikes reports ``lookalike=True`` so that the caller can
also overrule a classifier that took it for a crisis.

Pattern syntax (words in order, adjacent; see the header of the file): ``(a|b c)`` one of, ``(...)?``
optional group, ``...`` up to three words, ``mot*`` a word starting so, ``re:`` a regular expression on the
normalised text.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Pattern, Tuple, Union

from actions.lib.text import strip_accents
from actions.lib.watched_file import WatchedFile

logger = logging.getLogger(__name__)

SIGNS_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "danger_signs.yml"
KINDS = ("suicide", "violence", "homeless", "hunger")
MAX_CHARS = 5000
GAP_WORDS = 3

# SMS spellings and frequent typos, keyed by their normalised form (repeated letters already single).
SMS = {
    "jveu": "je veux", "jveux": "je veux", "jvx": "je veux", "jvai": "je vais", "jvais": "je vais",
    "jve": "je veux", "jsui": "je suis", "jsuis": "je suis", "chui": "je suis",
    "chuis": "je suis", "jsuit": "je suis", "jme": "je me", "jpeu": "je peux", "jpeux": "je peux",
    "jpe": "je peux", "jsai": "je sais", "jsais": "je sais", "jai": "j ai", "g": "j ai", "jen": "j en",
    "jdor": "je dors", "jdors": "je dors", "jdois": "je dois", "jmange": "je mange", "jmeurs": "je meurs",
    "jpense": "je pense", "jne": "je ne", "jcrois": "je crois", "jarive": "j arrive", "jaurai": "j aurai",
    "jreste": "je reste", "jcomprend": "je comprends", "jdort": "je dors",
    "ct": "c etait", "cest": "c est", "kil": "qu il", "kel": "qu elle", "ki": "qui", "ke": "que",
    "koi": "quoi", "kwa": "quoi", "pk": "pourquoi", "pq": "pourquoi", "pr": "pour", "ds": "dans",
    "dan": "dans", "ac": "avec", "avc": "avec", "avk": "avec", "tjr": "toujours",
    "tjrs": "toujours", "bcp": "beaucoup", "pa": "pas", "plu": "plus",
    "pu": "plus", "ya": "il y a", "yen": "il y en", "mwa": "moi", "moa": "moi", "twa": "toi", "b": "bebe",
    "bebes": "bebe", "auj": "aujourd hui", "ajd": "aujourd hui", "aujd": "aujourd hui", "ajourdhui": "aujourd hui",
    "aujourdhui": "aujourd hui", "dem1": "demain", "2main": "demain",
    "dehor": "dehors", "deor": "dehors", "dehord": "dehors", "dehort": "dehors", "depui": "depuis",
    "depuit": "depuis", "envi": "envie", "anvie": "envie", "mourire": "mourir", "mouri": "mourir",
    "vivr": "vivre", "suiside": "suicide", "suisider": "suicider",
    "sucider": "suicider", "sucide": "suicide", "frap": "frappe", "menasse": "menace",
    "menase": "menace", "mangé": "mange", "manj": "mange", "manjer": "manger",
    "manje": "mange", "fain": "faim", "mezon": "maison", "mézon": "maison",
    "soir": "soir", "swar": "soir", "swir": "soir", "nuit": "nuit", "nui": "nuit",
    "voitur": "voiture", "voitue": "voiture", "mec": "copain",
    "copin": "copine", "keum": "copain", "daron": "pere", "daronne": "mere", "gamin": "gamins", "gosse": "gosses",
    "sui": "suis", "tkt": "t inquiete", "slt": "salut", "bjr": "bonjour",
    "stp": "s il te plait", "svp": "s il vous plait", "mrc": "merci", "dsl": "desole", "paske": "parce que",
    "pcq": "parce que", "psk": "parce que", "qd": "quand", "qnd": "quand", "tlm": "tout le monde",
    "veu": "veux", "vx": "veux", "pe": "peux", "fo": "faut", "fau": "faut", "fodrait": "faudrait",
    "jamai": "jamais", "enfan": "enfants", "zenfants": "enfants", "lenfant": "l enfant",
    "lenfants": "les enfants", "lair": "l air", "finire": "finir",
}

_APOSTROPHES = str.maketrans({"’": " ", "'": " ", "`": " ", "´": " ", "ʼ": " ", "œ": "oe", "æ": "ae", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1+")


def _fold(text: str) -> str:
    return strip_accents(text.lower().translate(_APOSTROPHES))


def _sms_key(word: str) -> str:
    return _REPEATS.sub(r"\1", _fold(word))


_SMS = {_sms_key(k): v for k, v in SMS.items()}


def _words(text: str) -> List[str]:
    """Folded, de-duplicated words, SMS spellings expanded (each expansion normalised in turn)."""
    out: List[str] = []
    for word in _NON_WORD.sub(" ", _fold(text)).split():
        word = _REPEATS.sub(r"\1", word)
        expansion = _SMS.get(word)
        if expansion is None or expansion == word:
            out.append(word)
        else:
            out.extend(_REPEATS.sub(r"\1", w) for w in _NON_WORD.sub(" ", _fold(expansion)).split())
    return out


def normalise(text: str) -> str:
    """'Je VEUX plus vivreee…' -> 'je veux plus vivre'; 'jveux mourrir' -> 'je veux mourir'."""
    return " ".join(_words((text or "")[:MAX_CHARS]))


# ------------------------------------------------------------------------------------------ pattern compiler
_TOKEN = re.compile(r"\(([^()]*)\)(\?)?|(\.\.\.|…)|([^\s()]+)")
_GAP = r"(?:\S+\s+){0,%d}" % GAP_WORDS


def _literal(words: str, prefix: bool = False) -> str:
    parts = normalise(words).split()
    if not parts:
        raise ValueError(f"mot vide dans un signe : {words!r}")
    body = r"\s+".join(re.escape(p) for p in parts)
    return body + (r"[a-z0-9]*" if prefix else "")


def _alternative(text: str) -> str:
    text = text.strip()
    if text.endswith("*"):
        return _literal(text[:-1], prefix=True)
    return _literal(text)


def compile_pattern(pattern: str) -> Pattern:
    """One sign of the file as a regular expression over normalised text (see the module docstring)."""
    pattern = str(pattern).strip()
    if pattern.startswith("re:"):
        return re.compile(pattern[3:].strip())
    pieces: List[Tuple[str, bool, bool]] = []      # (regex, optional, gap before)
    gap = False
    for match in _TOKEN.finditer(pattern):
        group, optional, ellipsis, word = match.groups()
        if ellipsis:
            gap = True
            continue
        if group is not None:
            choices = [c for c in group.split("|") if c.strip()]
            if not choices:
                raise ValueError(f"groupe vide dans le signe {pattern!r}")
            regex = "(?:" + "|".join(_alternative(c) for c in choices) + ")"
        else:
            regex = _alternative(word)
        pieces.append((regex, bool(optional), gap))
        gap = False
    if not pieces or all(optional for _, optional, _ in pieces):
        raise ValueError(f"signe sans mot obligatoire : {pattern!r}")
    out = ""
    for index, (regex, optional, gap_before) in enumerate(pieces):
        if index == 0:
            out = f"(?:{regex}\\s+)?" if optional else regex
            continue
        separator = r"\s+" + (_GAP if gap_before else "")
        if optional:
            out += f"(?:{separator}{regex})?"
        elif pieces[index - 1][1] and index == 1:
            out += (_GAP if gap_before else "") + regex     # the optional first piece carries its own space
        else:
            out += separator + regex
    return re.compile(r"(?<![a-z0-9])" + out + r"(?![a-z0-9])")


# --------------------------------------------------------------------------------------------- the lexicon
@dataclass(frozen=True)
class Signs:
    kinds: Tuple[Tuple[str, Tuple[Pattern, ...]], ...]    # in answer order
    lookalikes: Tuple[Pattern, ...]
    source: str = ""


@dataclass(frozen=True)
class Scan:
    kinds: Tuple[str, ...]          # the kinds of danger found, in answer order
    lookalike: bool = False         # a look-alike was found ("mort de rire"...) and no danger sign

    def __bool__(self) -> bool:
        return bool(self.kinds)


# Used only when the file is missing or broken and no good version was ever read: the net never drops.
DEFAULT_SIGNS = {
    "kinds": {
        "suicide": ["me suicider", "suicid*", "(veux|envie de) mourir", "veux en finir", "envie de me tuer",
                    "(plus|pas) envie de vivre", "veux (plus|pas) vivre", "me foutre en l air"],
        "violence": ["me (frappe|bat|menace)", "m a (frappe|frappee|battue|battu)", "violences conjugales"],
        "homeless": ["dormir dehors", "dors dehors", "a la rue", "nulle part ou dormir", "mis dehors"],
        "hunger": ["rien mange depuis", "rien a manger", "(enfants|enfant) (ont|a) faim", "meurs de faim"],
    },
    "lookalikes": ["mort de rire", "mdr"],
}


def _build(data: dict, source: str) -> Signs:
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise ValueError("le fichier doit avoir une clé « kinds »")
    kinds = []
    for kind, patterns in data["kinds"].items():
        if not isinstance(patterns, list) or not patterns:
            raise ValueError(f"la sorte {kind!r} n'a pas de liste de signes")
        kinds.append((str(kind), tuple(compile_pattern(p) for p in patterns)))
    lookalikes = tuple(compile_pattern(p) for p in (data.get("lookalikes") or []))
    return Signs(kinds=tuple(kinds), lookalikes=lookalikes, source=source)


_SIGNS_FILE = WatchedFile(build=_build, broken=(ValueError, TypeError, AttributeError, re.error),
                          what="Signes de danger illisibles",
                          first_failure=lambda error: _build(DEFAULT_SIGNS, ""))


def load_signs(path: Union[str, Path, None] = None) -> Signs:
    """The signs file, reread only when it changed; a broken file keeps the last good version."""
    return _SIGNS_FILE.load(path or SIGNS_FILE)


# ---------------------------------------------------------------------------------------------- detection
def _blank(text: str, patterns: Iterable[Pattern]) -> Tuple[str, bool]:
    found = False
    for pattern in patterns:
        text, count = pattern.subn(lambda m: " _ " * max(1, len(m.group(0).split())), text)
        found = found or count > 0
    return " ".join(text.split()), found


def scan(text: str, signs: Optional[Signs] = None) -> Scan:
    """The kinds of danger a message speaks of (answer order), and whether it only holds look-alikes."""
    signs = signs or load_signs()
    normalised = normalise(text)
    if not normalised:
        return Scan(kinds=())
    cleaned, lookalike = _blank(normalised, signs.lookalikes)
    kinds = tuple(kind for kind, patterns in signs.kinds if any(p.search(cleaned) for p in patterns))
    return Scan(kinds=kinds, lookalike=lookalike and not kinds)


def find_danger(text: str, signs: Optional[Signs] = None) -> Tuple[str, ...]:
    """Just the kinds found: () when the message shows no danger sign."""
    return scan(text, signs).kinds


def explain(text: str, signs: Optional[Signs] = None) -> List[str]:
    """For staff and tests: which sign (pattern) matched, per kind, after the look-alikes were removed."""
    signs = signs or load_signs()
    cleaned, _ = _blank(normalise(text), signs.lookalikes)
    out = []
    for kind, patterns in signs.kinds:
        for pattern in patterns:
            match = pattern.search(cleaned)
            if match:
                out.append(f"{kind}: {match.group(0)!r} ({pattern.pattern[:80]})")
    return out
