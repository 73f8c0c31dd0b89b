"""Unofficial-site detector: does a message name a private site that imitates the CPAS (cpas-info.be...)?

Pure Python (no Rasa). The sites are listed in knowledge/sites.yml, which staff may edit: load_sites() rereads
it whenever it changes (modification time and size), so a new site is detected without retraining or restart.

    find_unofficial_mentions("j'ai donné mon numéro national sur cpas info")
        -> [Mention(domain="cpas-info.be", matched="cpas info", start=36)]
    mentions_official("c'est bien www.mi-is.be ?") -> ["mi-is.be"]

Rules (text compared without case or accents; unicode dashes read as "-")
1. Official sites first: every mention of an official domain (sites.yml, plus extra_official such as the
   commune's and the CPAS's own sites), with its sub-domains, "www.", "https://" and path, is set aside and
   never warned about ("cpas.lahulpe.be", "https://www.mi-is.be/fr/cpas-info").
2. A listed site's name is its words in order (from the domain "cpas-info.be" and from `names`: "cpas", "info").
   - With a domain ending (".be", " point be", " . be", ".com"...), any separator between the words counts:
     "https://www.CPAS-INFO.be/demande-ris?x=1", "cpas . info . be", "cpas info point be", "cpas tiret info point be".
   - Without an ending, the words count when joined by "-", "_", "." (no space after it) or nothing
     ("cpas-info", "cpas_info", "cpas.info", "cpasinfo"), or by spaces ("le site cpas info", "sur cpas info").
   - Spaces only: not after a word that makes "cpas" an ordinary noun ("au cpas info...", "mon cpas info...",
     see COMMON_NOUN_BEFORE), unless a site word comes just before ("le site", "sur", "via"...).
   - Punctuation between the words is a sentence break, not a name: "le cpas. info: je..." or "cpas, info"
     do not count; nor the other order ("info cpas", "les infos du cpas", "ocmw-info-cpas.be"), nor a longer
     word ("cpas information").
3. One typo or a plural is tolerated only where the text clearly names a site: a plural "s" with a domain
   ending, a joined form ("cpas-infos", "cpasinfos") or after a site word ("le site cpas infos"); one edit
   (Damerau-Levenshtein) in a joined form of 7 letters or more ("cpas-imfo.be", "cpasinfp", "ocmw-help.be").
   A spaced typo ("cpas imfo") is not detected.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Pattern, Sequence, Tuple, Union

from actions.lib.text import domain_of, edit_distance, fold_char
from actions.lib.watched_file import WatchedFile

logger = logging.getLogger(__name__)

SITES_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "sites.yml"
MAX_CHARS = 10000
TLDS = ("be", "com", "eu", "org", "net", "info", "fr", "brussels")
SITE_WORDS = frozenset({
    "site", "sites", "sur", "via", "page", "lien", "appli", "application", "plateforme", "formulaire", "www", "web",
    "internet", "nomme", "appele", "website", "op",
})
COMMON_NOUN_BEFORE = frozenset({
    "au", "aux", "du", "des", "les", "mon", "ton", "son", "notre", "votre", "leur", "leurs", "ce", "cet", "un", "une",
    "chaque", "quel", "quelle", "mes", "tes", "ses", "nos", "vos", "het", "mijn", "ons", "uw",
})
MIN_FUZZY_LEN = 7
MIN_SINGLE_NAME = 6

_SEP_STRONG = r"(?:[ \t]*(?:[-_.]|tiret|point)[ \t]*|[ \t]+|)"
_SEP_WEAK = r"(?:[ \t]*[-_][ \t]*|[ \t]+tiret[ \t]+|\.(?=[a-z0-9])|[ \t]+|)"
_TLD = r"(?:[ \t]*\.[ \t]*|[ \t]+(?:point|dot)[ \t]+|[ \t]+)(?:" + "|".join(TLDS) + r")(?![a-z0-9])"
_LEFT = r"(?<![a-z0-9])"
_RIGHT = r"(?![a-z0-9@])"
_JOINED_TOKEN = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:[-_][a-z0-9]+)*(?![a-z0-9])")


# ---------------------------------------------------------------------------------------------- data model
@dataclass(frozen=True)
class Mention:
    domain: str          # the listed domain, e.g. "cpas-info.be"
    matched: str         # the words of the message, as written: "CPAS-INFO.be", "cpas info"
    start: int = 0       # position in the message


@dataclass(frozen=True)
class UnofficialSite:
    domain: str
    names: Tuple[str, ...] = ()
    language: str = ""


@dataclass(frozen=True)
class Sites:
    unofficial: Tuple[UnofficialSite, ...]
    official: Tuple[str, ...]
    path: str = ""
    _patterns: Tuple[Tuple[str, Pattern, Pattern, int], ...] = field(default=(), repr=False, compare=False)
    _compact: Tuple[Tuple[str, str], ...] = field(default=(), repr=False, compare=False)


DEFAULT_SITES = {
    "unofficial": [
        {"domain": "cpas-info.be", "names": ["cpas info"], "language": "fr"},
        {"domain": "ocmw-hulp.be", "names": ["ocmw hulp"], "language": "nl"},
    ],
    "official": ["mi-is.be", "cpasonline.be", "belgium.be", "fgov.be", "socialsecurity.be"],
}


# --------------------------------------------------------------------------------------------- normalising
@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold_char(ch) or " "      # a lone accent keeps its place: positions map back to the text


def _fold(text: str) -> Tuple[str, List[int]]:
    """Lower case, no accents; and for each folded character its position in text."""
    out: List[str] = []
    positions: List[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        positions.extend([i] * len(folded))
    return "".join(out), positions


def _words(value: str) -> Tuple[str, ...]:
    words = [w for w in re.split(r"[^a-z0-9]+", _fold(value)[0]) if w]
    while len(words) > 1 and words[-1] in TLDS and words[-1] != "info":   # "cpas info point be" -> cpas, info
        words.pop()
        if len(words) > 1 and words[-1] in ("point", "dot"):
            words.pop()
    return tuple(words)


# ---------------------------------------------------------------------------------------------- loading
def _build(data: dict, path: str) -> Sites:
    if not isinstance(data, dict):
        raise ValueError("sites.yml : le fichier doit contenir « unofficial: » et « official: »")
    unofficial = []
    for entry in data.get("unofficial") or []:
        if isinstance(entry, str):
            entry = {"domain": entry}
        if not isinstance(entry, dict) or not entry.get("domain"):
            raise ValueError(f"sites.yml : entrée sans « domain » : {entry!r}")
        names = entry.get("names") or []
        if isinstance(names, str):
            names = [names]
        unofficial.append(UnofficialSite(
            domain=domain_of(entry["domain"]), names=tuple(str(n) for n in names),
            language=str(entry.get("language") or ""),
        ))
    official = []
    for entry in data.get("official") or []:
        value = entry.get("domain") if isinstance(entry, dict) else entry
        if value:
            official.append(domain_of(value))

    patterns = []
    compact = []
    for site in unofficial:
        label = site.domain.rsplit(".", 1)[0] if "." in site.domain else site.domain
        sequences = {_words(label)} | {_words(n) for n in site.names}
        for words in sorted(s for s in sequences if s):
            if len(words) == 1 and len(words[0]) < MIN_SINGLE_NAME:
                logger.warning("sites.yml : nom trop court ignoré pour %s : %r", site.domain, words[0])
                continue
            body_strong = _SEP_STRONG.join(map(re.escape, words))
            body_weak = "".join(
                (f"(?P<s{k}>{_SEP_WEAK})" if k else "") + re.escape(w) for k, w in enumerate(words)
            )
            strong = re.compile(_LEFT + body_strong + r"s?" + _TLD)
            weak = re.compile(_LEFT + body_weak + r"(?P<plural>s?)" + _RIGHT)
            patterns.append((site.domain, strong, weak, len(words)))
            joined = "".join(words)
            if len(joined) >= MIN_FUZZY_LEN:
                compact.append((site.domain, joined))
    return Sites(
        tuple(unofficial), tuple(dict.fromkeys(official)), path, tuple(patterns), tuple(dict.fromkeys(compact)),
    )


_SITES_FILE = WatchedFile(build=_build, broken=(ValueError, TypeError, AttributeError),
                          what="Liste des sites illisible",
                          first_failure=lambda error: _build(DEFAULT_SITES, ""))


def load_sites(path: Union[str, Path, None] = None) -> Sites:
    """The sites file, reread only when it changed. A broken file keeps the last good version (or the built-in
    list of cpas-info.be / ocmw-hulp.be) and logs an error, so the bot keeps warning."""
    return _SITES_FILE.load(path or SITES_FILE)


# ------------------------------------------------------------------------------------------------ matching
@lru_cache(maxsize=512)
def _official_pattern(domain: str) -> Pattern:
    labels = domain.split(".")
    dot = r"(?:[ \t]*\.[ \t]*|[ \t]+point[ \t]+)"
    body = dot.join(re.escape(label).replace(r"\-", r"[ \t]*-[ \t]*") for label in labels)
    return re.compile(r"(?<![a-z0-9-])" + body + r"(?![a-z0-9-])(?:/[^\s]*)?")


_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _extend_left(folded: str, start: int) -> int:
    """Include the sub-domains, "www." and "https://" written before a domain (linear scan, no regex)."""
    floor = max(0, start - 253)          # a host name is at most 253 characters
    while start > floor and folded[start - 1] in _HOST_CHARS:
        start -= 1
    if folded[max(0, start - 3):start] == "://":
        start -= 3
        while start > 0 and folded[start - 1].isalpha():
            start -= 1
    return start


def _official_spans(folded: str, domains: Iterable[str]) -> Tuple[str, List[Tuple[int, str]]]:
    """The text with official mentions blanked out, and (position, domain) of each."""
    blank = bytearray(len(folded))
    found = []
    for domain in sorted(set(domains), key=len, reverse=True):   # the most specific domain first
        for m in _official_pattern(domain).finditer(folded):
            if blank[m.start()]:
                continue
            start = _extend_left(folded, m.start())
            blank[start:m.end()] = b"\x01" * (m.end() - start)
            found.append((m.start(), domain))
    if found:
        folded = "".join(" " if b else c for c, b in zip(folded, blank))
    return folded, sorted(found)


def _prefix_words(folded: str, start: int, count: int = 4) -> List[str]:
    return re.findall(r"[a-z0-9]+", folded[max(0, start - 40):start])[-count:]


def _accept_weak(m: re.Match, folded: str, words: int) -> bool:
    seps = [m.group(f"s{k}") for k in range(1, words)]
    spaced = bool(seps) and all(s.strip(" \t") == "" and s for s in seps)
    before = _prefix_words(folded, m.start())
    site_context = any(w in SITE_WORDS for w in before)
    if m.group("plural"):
        return not spaced or site_context
    if spaced and not site_context and before and before[-1] in COMMON_NOUN_BEFORE:
        return False
    return True


def find_unofficial_mentions(text: str, extra_official: Sequence[str] = (),
                             path: Union[str, Path, None] = None) -> List[Mention]:
    """The unofficial sites the text names (one Mention per site, in order of appearance)."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_CHARS]
    sites = load_sites(path)
    folded, positions = _fold(text)
    folded, _ = _official_spans(folded, list(sites.official) + [domain_of(d) for d in extra_official if d])

    found: Dict[str, Tuple[int, int]] = {}

    def add(domain: str, start: int, end: int) -> None:
        if domain not in found or start < found[domain][0]:
            found[domain] = (start, end)

    for domain, strong, weak, words in sites._patterns:
        for m in strong.finditer(folded):
            add(domain, m.start(), m.end())
        for m in weak.finditer(folded):
            if _accept_weak(m, folded, words):
                add(domain, m.start(), m.end())
    if sites._compact:
        for m in _JOINED_TOKEN.finditer(folded):
            token = re.sub(r"[-_]", "", m.group())
            if len(token) < MIN_FUZZY_LEN - 1:
                continue
            for domain, joined in sites._compact:
                if abs(len(token) - len(joined)) <= 1 and edit_distance(token, joined) <= 1:
                    add(domain, m.start(), m.end())

    mentions = [
        Mention(domain=d, matched=text[positions[s]:positions[e - 1] + 1], start=positions[s])
        for d, (s, e) in found.items()
    ]
    return sorted(mentions, key=lambda x: x.start)


def mentions_official(text: str, extra_official: Sequence[str] = (),
                      path: Union[str, Path, None] = None) -> List[str]:
    """The official domains the text names (sites.yml and extra_official), in order of appearance."""
    if not isinstance(text, str) or not text.strip():
        return []
    sites = load_sites(path)
    folded, _ = _fold(text[:MAX_CHARS])
    _, found = _official_spans(folded, list(sites.official) + [domain_of(d) for d in extra_official if d])
    return list(dict.fromkeys(domain for _, domain in found))


def is_official(domain_or_url: str, extra_official: Sequence[str] = (), path: Union[str, Path, None] = None) -> bool:
    """True for a listed official domain or one of its sub-domains."""
    domain = domain_of(domain_or_url)
    official = list(load_sites(path).official) + [domain_of(d) for d in extra_official if d]
    return any(domain == o or domain.endswith("." + o) for o in official)
