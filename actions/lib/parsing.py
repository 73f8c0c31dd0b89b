"""Reading free-text answers in French (amounts, ages, yes/no, dates, household) for the form validators.

Every parser returns None when it cannot read the answer with confidence: the validator then asks again.
None of them raises on any string. Choices made where French is ambiguous:
- amounts: "." or a space followed by exactly three digits is a thousands separator ("1.500" = 1500,
  "1 234" = 1234); a comma is the decimal mark ("1,500" = 1.5, "1234,5" = 1234.50); "1.5" = 1.5.
  A value with more than two significant decimals ("1,234") is refused: it is probably an English
  thousands separator. Two different numbers ("entre 800 et 900"), a negative amount, a number
  followed by a unit other than money ("3 enfants", "25 ans") or digits mixed with number words → None.
- yes/no: doubt wins over "oui"/"non": "non je sais pas" → DONT_KNOW. "oui" and "non" together → None.
- dates: a day without a month ("le 3") and a weekday without "dernier" → None. A day and month without a
  year is the most recent such date not after ``today``.
- ages: "17 ans et demi" and "17,5" → 17. Counts: decimals → None.
- household: "mon ami(e)" counts as another person, "petit(e) ami(e)"/"copain"/"copine" as a partner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import List, Optional, Tuple, Union

from actions.lib.text import fold_spaces as normalize  # the one definition: actions/lib/text.py

DONT_KNOW = "unknown"
MAX_CHARS = 500  # longer messages are not short answers: re-ask rather than guess

NUMBER_WORDS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "octante": 80, "huitante": 80, "nonante": 90,
}
SCALE_WORDS = {"cent": 100, "cents": 100, "mille": 1000, "milles": 1000, "mil": 1000}
MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "fevier": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


def _clean(text: str) -> Optional[str]:
    """The normalised answer, or None for non-text, empty, very long, markup/JSON or /commands."""
    if not isinstance(text, str) or len(text) > MAX_CHARS:
        return None
    t = normalize(text)
    if not t or t.startswith("/") or re.search(r"[<>{}\[\]\\|=]", t):
        return None
    return t


def _words_value(words: List[str]) -> Optional[int]:
    """["quatre", "vingt", "deux"] -> 82, ["mille", "cinq", "cent"] -> 1500; None if not a French number."""
    total, current = 0, 0
    for w in words:
        if w == "et":
            continue
        if w in NUMBER_WORDS:
            v, small = NUMBER_WORDS[w], current % 100
            if v == 20 and small == 4:                       # quatre-vingt(s)
                current += 76
            elif small == 0 or (v < 10 and small >= 20 and small % 10 == 0) \
                    or (10 <= v < 20 and small in (60, 80)) or (small == 10 and 7 <= v <= 9):
                if small == 0 and v == 0 and current:
                    return None
                current += v
            else:
                return None                                  # "deux trois", "vingt trente"
        elif SCALE_WORDS.get(w) == 100:
            if current >= 20 or current == 1:        # "cent cent", "un cent", "vingt cents"
                return None
            current = (current or 1) * 100                   # "douze cents" = 1200 is allowed
        elif SCALE_WORDS.get(w) == 1000:
            if total:
                return None
            total, current = (current or 1) * 1000, 0
        else:
            return None
    return total + current


def _word_numbers(t: str) -> List[Tuple[Optional[int], List[str], str]]:
    """Each run of number words in the text: (value or None if malformed, the words, the next token)."""
    toks = re.findall(r"[a-z]+|[0-9]+|\S", t.replace("-", " ").replace("'", " "))
    runs, i = [], 0
    while i < len(toks):
        if toks[i] not in NUMBER_WORDS and toks[i] not in SCALE_WORDS:
            i += 1
            continue
        j = i
        while j < len(toks) and (toks[j] in NUMBER_WORDS or toks[j] in SCALE_WORDS or (
                toks[j] == "et" and j + 1 < len(toks) and toks[j + 1] in NUMBER_WORDS)):
            j += 1
        runs.append((_words_value(toks[i:j]), toks[i:j], toks[j] if j < len(toks) else ""))
        i = j
    return runs


def _is_article(words: List[str]) -> bool:
    return words in (["un"], ["une"])


# ---------------------------------------------------------------------------- amounts
AMOUNT_RE = re.compile(
    r"(?<![\w.,])(?:(?P<en>[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{1,2})"              # 1,234.56
    r"|(?P<th>[0-9]{1,3}(?P<sep>[. ])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:,[0-9]{1,2})?)"  # 1.234,56 / 1 234
    r"|(?P<plain>[0-9]+(?:[.,][0-9]+)?))(?![0-9]|[.,][0-9])"
)
NOT_MONEY_AFTER = re.compile(r"\s*(?:ans?|enfants?|jours?|mois|semaines?|personnes?|heures?|h|x|%s)\b"
                             % "|".join(MONTHS))
ZERO_RE = re.compile(
    r"^(?:0|zero|rien|nada|aucun|aucune|nul|non|non rien|non aucun|non aucune)$"
    r"|\bpas (?:un|1) (?:centime|euro|sou|franc|cent)\b|\bpas un rond\b"
    r"|\brien\b|\baucune? (?:revenus?|ressources?|salaire)\b"
    r"|\bpas (?:de|d') ?(?:revenus?|ressources?|salaire)\b|\bque dalle\b|\bsans (?:revenus?|ressources?)\b"
)
# Words that soften an amount said beside them ("presque rien, 50 euros", "à peine 200 €").
HEDGE_RE = re.compile(r"\b(?:presque rien|quasi rien|quasiment rien|pratiquement rien|pas grand[- ]chose|"
                      r"tres peu|a peine|environ|a peu pres|plus ou moins|juste)\b")
CENT = Decimal("0.01")


def _decimal(m: "re.Match[str]") -> Decimal:
    if m.group("en"):
        return Decimal(m.group("en").replace(",", ""))
    if m.group("th"):
        return Decimal(m.group("th").replace(m.group("sep"), "").replace(",", "."))
    return Decimal(m.group("plain").replace(",", "."))


def parse_amount(text: str) -> Optional[Decimal]:
    """A sum of money in euros ("1.234,56 €", "850 eur", "mille deux cents", "rien" → 0), to the cent."""
    t = _clean(text)
    if t is None or re.search(r"%|[0-9] ?[/:] ?[0-9]|(?:^|[^\w])- ?[0-9]|\bmoins\b", t):
        return None
    if HEDGE_RE.search(t) and (AMOUNT_RE.search(t) or _word_numbers(t)):
        t = HEDGE_RE.sub(" ", t)             # "presque rien, 50 euros": the amount said
    values = []
    for m in AMOUNT_RE.finditer(t):
        if NOT_MONEY_AFTER.match(t, m.end()):
            return None
        values.append(_decimal(m))
    runs = [r for r in _word_numbers(t) if not _is_article(r[1])]
    if (runs and values) or any(v is None or NOT_MONEY_AFTER.match(" " + nxt) for v, _, nxt in runs):
        return None
    values += [Decimal(value) for value, _, _ in runs]
    if ZERO_RE.search(t) and not re.search(r"\bsai[st]?\b", t):
        return Decimal("0") if not values or set(values) == {0} else None
    if len(set(values)) != 1 or values[0] > 10_000_000:
        return None
    value = values[0].quantize(CENT)
    return value if value == values[0] else None


# ---------------------------------------------------------------------------- ages and counts
def _numbers(t: str) -> Optional[List[Tuple[Decimal, str, bool]]]:
    """(value, text after it, is a lone "un"/"une") for every number in digits or words; None if malformed."""
    if re.search(r"-\s*[0-9]", t):
        return None
    found = [(Decimal(m.group(0).replace(",", ".")), t[m.end():], False)
             for m in re.finditer(r"(?<![\w.,])[0-9]+(?:[.,][0-9]{1,2})?(?![0-9]|[.,][0-9])", t)]
    for value, words, after in _word_numbers(t):
        if value is None:
            return None
        found.append((Decimal(value), " " + after, _is_article(words)))
    return found


def parse_age(text: str) -> Optional[int]:
    """An age in years, 0..120 ("25", "j'ai 25 ans", "quatre-vingt-deux", "17 ans et demi" → 17)."""
    t = _clean(text)
    found = _numbers(t) if t else None
    if not found:
        return None
    years = [v for v, after, _ in found if re.match(r"\s*ans?\b", after)]
    if not years:
        if any(re.match(r"\s*(?:mois|jours?|semaines?)\b", after) for _, after, _ in found):
            return None
        years = [v for v, _, article in found if not article]   # "un fils de..." is not an age
    if len(set(int(v) for v in years)) != 1:
        return None
    age = int(years[0])
    return age if 0 <= age <= 120 else None


def parse_int_count(text: str) -> Optional[int]:
    """A small whole count, 0..99 ("2", "deux", "un", "aucun" → 0, "pas d'enfant" → 0)."""
    t = _clean(text)
    found = _numbers(t) if t else None
    if found is None:
        return None
    values = {v for v, _, _ in found}
    if re.search(r"^(?:personne|rien|nada)$|\b(?:aucune?|zero|sans)\b|\bpas d'|\bpas de\b", t):
        return 0 if values <= {0} else None
    if len(values) != 1 or (len(found) > 1 and any(article for _, _, article in found)):
        return None                                  # "un fils et une fille" is two, not one
    value = values.pop()
    return int(value) if value == int(value) and 0 <= value <= 99 else None


# ---------------------------------------------------------------------------- yes / no
def _alternatives(phrases: str) -> "re.Pattern[str]":
    words = sorted(phrases.split("|"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


DONT_KNOW_RE = re.compile(
    r"\b(?:j?sai[st]?|chai[st]?|che) (?:pas|plus|rien)\b|\bjsp\b|\bnsp\b|\baucune? idee\b|\bpas d idee\b"
    r"|\bpas (?:trop |tres |vraiment |tout a fait )?sure?s?\b|\bpeut etre\b|\bptet\b|\bpt etre\b"
    r"|\bje (?:ne )?(?:me souviens|me rappelle|m en souviens) (?:pas|plus)\b|\bj ignore\b|\bje doute\b"
    r"|\bplus ou moins\b|\bj en ai aucune idee\b"
)
NO_RE = _alternatives(
    "absolument pas|pas du tout|du tout|pas vraiment|pas trop|pas encore|bien sur que non|que non|"
    "pas d accord|pas ok|c est pas ca|ce n est pas ca|pas exact|pas exactement|je ne pense pas|"
    "je pense pas|jpense pas|je ne crois pas|je crois pas|jcrois pas|pas que je sache|pas question|"
    "certainement pas|surement pas|evidemment pas|non merci|jamais|aucun|aucune|non|nan|nope|"
    "negatif|nn|niet|nada|aucunement|pas du tout du tout|toujours pas|meme pas|nenni|que dalle"
)
YES_RE = _alternatives(
    "oui|ouais|ouai|ouaip|ouep|yes|yep|yup|ok|okay|oki|okok|d accord|dac|daccord|exact|exactement|"
    "tout a fait|bien sur|bien entendu|absolument|c est ca|c est bien ca|affirmatif|effectivement|"
    "evidemment|certainement|surement|volontiers|en effet|carrement|voila|bien sur que oui|pas de souci|"
    "pas de soucis|pas de probleme|sans probleme|sans souci|pourquoi pas|oui bien sur|clairement|"
    "c est exact|c est vrai"
)
EXACT_YES = {"si", "si si", "mais si", "ben si", "bah si", "wi", "vi", "ui", "we", "weh", "oue", "oueh", "ouep",
             "yess", "bah oui", "ben oui", "eh oui", "ouaip"}
EXACT_NO = {"no"}  # one-word answers only: "si" and "no" are too common inside sentences


def parse_yes_no(text: str) -> Union[bool, str, None]:
    """True, False, DONT_KNOW ("je sais pas", "peut-être") or None when the answer is not a yes/no."""
    t = _clean(text)
    if t is None:
        return None
    s = re.sub(r"([a-z])\1{2,}", r"\1", re.sub(r"[^a-z0-9]+", " ", t)).strip()  # "ouiii!!" -> "oui"
    if s in EXACT_YES or s in EXACT_NO:
        return s in EXACT_YES
    if DONT_KNOW_RE.search(s):
        return DONT_KNOW
    rest, negatives = NO_RE.subn(" ", s)
    positive = YES_RE.search(rest) is not None
    return None if positive == bool(negatives) else positive


# "Vous manque-t-il l'argent pour ... ?": people answer with what they have or lack, and a "non" may mean "non,
# je n'ai pas cet argent" (it is missing). The words about the money decide; a bare yes/no is read as usual.
# In Belgium "je ne sais pas payer" means "I cannot pay" (not "I don't know").
NEED_MISSING_RE = re.compile(
    r"\b(?:ne )?(?:sais|sait|savons|peux|peut|pouvons|arrive|arrivons|parviens) (?:plus|pas|jamais) (?:a )?"
    r"(?:payer|tout payer|la payer|le payer|les payer|m en sortir|boucler|assumer)"
    r"|\bn ai (?:pas|plus|jamais eu) (?:l |d |cet |cette |assez d |de l |les moyens|un sou|d economies)"
    r"|\b(?:pas|plus) (?:les moyens|assez d argent|un sou|un euro|un centime)\b|\bimpossible\b|\bfauche\b"
    r"|\bil me manque\b|\bme manque\b|\bmanque d argent\b|\brien pour (?:payer|vivre|manger)\b")
NEED_COVERED_RE = re.compile(
    r"\bj ai (?:l|cet|cette|assez d|de l|les moyens|ce qu il faut|de quoi)(?: argent)?\b"
    r"|\bje (?:peux|sais|arrive a) (?:la |le |les )?payer\b|\bj arrive a payer\b|\bpas besoin\b")


def parse_need(text: str) -> Optional[bool]:
    """True: the money is missing; False: the person can pay; None: the words do not say (read yes/no)."""
    t = _clean(text)
    if t is None:
        return None
    s = " " + re.sub(r"[^a-z0-9]+", " ", t) + " "
    missing, covered = NEED_MISSING_RE.search(s) is not None, NEED_COVERED_RE.search(s) is not None
    return None if missing == covered else missing


# ---------------------------------------------------------------------------- dates
def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day) if 1900 <= year <= 2100 else None
    except (ValueError, OverflowError):              # "31/02", "99999999999 mars"
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)  # "26" -> 2026


def _recent(day: int, month: int, today: date) -> Optional[date]:
    """The most recent day/month not after today (None if that day never exists, e.g. 30 February)."""
    for year in range(today.year, today.year - 9, -1):
        found = _safe_date(year, month, day)
        if found and found <= today:
            return found
    return None


NUMERIC_DATES = (  # (pattern, group order as year, month, day)
    (re.compile(r"(?<![0-9])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])"), (1, 2, 3)),
    (re.compile(r"(?<![0-9])([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})(?![0-9])"), (3, 2, 1)),
    (re.compile(r"(?<![0-9.,])([0-9]{1,2})/([0-9]{1,2})(?![0-9]|[-/.][0-9])"), (0, 2, 1)),
)
AGO_RE = re.compile(r"\bil y a ([a-z0-9 ]+?) (jours?|semaines?)\b")
BAD = object()  # marks an answer that names an impossible date


def _textual_dates(s: str, today: date) -> list:
    toks, out = re.findall(r"[0-9]+|[a-z]+", s), []
    for i, tok in enumerate(toks):
        if tok not in MONTHS or (tok == "sept" and i + 1 < len(toks) and toks[i + 1] in MONTHS):
            continue
        j = i - 1 if i and toks[i - 1] not in ("er", "e", "eme") else i - 2
        if j < 0:
            continue
        if toks[j].isdigit() or toks[j] == "premier":
            day = 1 if toks[j] == "premier" else int(toks[j])
        else:
            k = j
            while k >= 0 and (toks[k] in NUMBER_WORDS or (toks[k] == "et" and k < j)):
                k -= 1
            day = _words_value(toks[k + 1:j + 1]) if k < j else None
        if day is None:
            continue
        nxt, after = (toks[i + 1:i + 3] + ["", ""])[:2]
        is_year = nxt.isdigit() and (len(nxt) == 4 or len(nxt) == 2 and after not in ("h", "heure", "heures"))
        year = _year(nxt) if is_year else None
        found = _safe_date(year, MONTHS[tok], day) if year else _recent(day, MONTHS[tok], today)
        out.append(found or BAD)
    return out


def parse_date(text: str, today: date) -> Optional[date]:
    """A calendar date ("03/03/2026", "3 mars", "1er mars 2026", "hier", "il y a 3 jours", "lundi dernier")."""
    t = _clean(text)
    if t is None or not isinstance(today, date):
        return None
    if re.search(r"\b(?:entre|ou)\b|[0-9] (?:et|a|au) (?:le )?[0-9]", re.sub(r"[^a-z0-9]+", " ", t)):
        return None                                  # "entre le 3 et le 5 mars", "le 3 ou 4"
    found = []
    for pattern, (y, m, d) in NUMERIC_DATES:
        for match in pattern.finditer(t):
            day, month = int(match.group(d)), int(match.group(m))
            year = _year(match.group(y)) if y else None
            found.append((_safe_date(year, month, day) if year else _recent(day, month, today)) or BAD)
        t = pattern.sub(" ", t)
    s = re.sub(r"[^a-z0-9]+", " ", t)
    relative = (("avant hier", -2), ("apres demain", 2), ("hier", -1), ("demain", 1),
                ("aujourd hui|auj|ajd|ce jour|ce matin|ce midi|cet apres midi|ce soir", 0))
    for words, delta in relative:
        s, n = re.subn(r"\b(?:" + words + r")\b", " ", s)
        found += [today + timedelta(days=delta)] * bool(n)
    for match in AGO_RE.finditer(s):
        count = match.group(1)
        n = int(count) if count.isdigit() else _words_value(count.split())
        unit = 7 if match.group(2).startswith("semaine") else 1
        found.append(today - timedelta(days=n * unit) if n is not None and n <= 3660 else BAD)
    for match in re.finditer(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:dernier|passe)\b", s):
        found.append(today - timedelta(days=(today.weekday() - WEEKDAYS[match.group(1)] - 1) % 7 + 1))
    found += _textual_dates(s, today)
    return found[0] if len(set(found)) == 1 and BAD not in found else None


# ---------------------------------------------------------------------------- household
@dataclass(frozen=True)
class Household:
    """Who lives with the person. None = not said. ``has_children`` is True when children are mentioned
    without a count ("avec mes enfants": children=None, has_children=True)."""
    lives_alone: Optional[bool] = None
    partner: Optional[bool] = None
    children: Optional[int] = None
    parents: Optional[bool] = None
    others: Optional[bool] = None
    has_children: Optional[bool] = None


_SMALL = "|".join(w for w in NUMBER_WORDS if 2 <= NUMBER_WORDS[w] <= 12)
CHILD_RE = re.compile(
    r"\b(?:(?P<det>mon|ma|son|sa|notre|votre|leur|un|une|mes|ses|nos|vos|leurs|les|des) )?"
    r"(?:(?P<num>[0-9]{1,2}|" + _SMALL + r") )?"
    r"(?P<kind>enfants?|fils|filles?|bebes?|gamine?s?|gosses?|ados?|petits enfants)\b"
)
NO_CHILD_RE = re.compile(r"\b(?:sans|pas d|pas de|aucun|zero|0) (?:enfants?|gosses?)\b")
PARTNER_RE = re.compile(
    r"\b(?:mon|ma|avec) (?:mari|femme|epoux|epouse|conjointe?|compagnon|compagne|copain|copine|partenaire"
    r"|concubine?|fiancee?|homme|mec|meuf|cherie?)\b|\ben couple\b|\bpetite? amie?\b"
    r"|\bcohabitante? legale?\b|\b(?:suis|sommes) (?:maries?|pacses?|pacsee?s?)\b|\bmarie(?:e|es|s)\b"
)
NO_PARTNER_RE = re.compile(
    r"\b(?:celibataire|divorcee?s?|separee?s?|veuf|veuve|monoparentale?)\b"
    r"|\b(?:parent|maman|papa|mere|pere) solo\b|\bsans (?:conjointe?|partenaire|compagnon|compagne|mari)\b"
)
PARENTS_RE = re.compile(r"\b(?:mon|ma|mes|chez|avec) (?:pere|mere|parents|papa|maman|darons?|daronne)\b")
OTHERS_RE = re.compile(
    r"\bcoloc\w*|\b(?:mon|ma|mes|des|un|une|deux|trois|quatre|avec) (?:amie?s?|copains|copines|potes?)\b"
    r"|\b(?:freres?|soeurs?|cousine?s?|oncles?|tantes?|neveux?|nieces?|grands? (?:meres?|peres?|parents)"
    r"|beaux? (?:peres?|freres?|parents)|belles? (?:meres?|soeurs?))\b|\bchez (?:quelqu un|un ami|une amie)\b"
    r"|\ben communaute\b|\bmaison d accueil\b"
)
ALONE_RE = re.compile(r"\bseule?s?\b|\bisolee?s?\b|\bavec personne\b")


def _children(s: str, partner: bool) -> Tuple[Optional[int], bool, bool]:
    """(count or None if unknown, whether a child is mentioned, whether someone else's child is).
    "son fils" is a child of the household only when a partner is mentioned ("ma copine et son fils")."""
    total, known, mentioned, others = 0, True, False, False
    for m in CHILD_RE.finditer(s):
        det, num, kind = m.group("det"), m.group("num"), m.group("kind")
        if s[:m.start()].endswith("suis "):          # "je suis une fille"
            continue
        if det in ("son", "sa", "ses", "leur", "leurs") and not partner:
            others = True                            # "ma soeur et ses 2 enfants"
            continue
        mentioned = True
        if num:
            total += int(num) if num.isdigit() else NUMBER_WORDS[num]
        elif det in ("mon", "ma", "son", "sa", "notre", "votre", "leur", "un", "une") \
                or (det is None and not kind.endswith(("s", "x"))):
            total += 1
        else:
            known = False                            # "mes enfants", "mes fils"
    return (total if known and mentioned else None), mentioned, others


def parse_household(text: str) -> Optional[Household]:
    """Who the person lives with ("je vis seule", "avec ma femme et nos 3 enfants", "chez ma mère")."""
    t = _clean(text)
    if t is None:
        return None
    s, no_children = NO_CHILD_RE.subn(" ", " " + re.sub(r"[^a-z0-9]+", " ", t).strip() + " ")
    not_alone = re.search(r"\bpas seule?\b", s) is not None
    alone = ALONE_RE.search(s) is not None and not not_alone
    partner = True if PARTNER_RE.search(s) else (False if NO_PARTNER_RE.search(s) or alone else None)
    children, with_children, their_children = _children(s, bool(partner))
    if (alone and partner) or (no_children and with_children):
        return None                                  # "seule, mon mari est parti": ask again
    parents = True if PARENTS_RE.search(s) else None
    others = True if OTHERS_RE.search(s) or their_children else None
    if alone and not (partner or with_children or parents or others):
        return Household(True, False, 0, False, False, False)
    lives_alone = False if partner or with_children or parents or others or not_alone else None
    has_children = True if with_children else (False if no_children else None)
    found = Household(lives_alone, partner, 0 if no_children else children, parents, others, has_children)
    return None if found == Household() else found


def household_category(h: Optional[Household]) -> Optional[int]:
    """RIS category suggested by the household: 3 with a child, 2 alone, 1 living with others, None if
    unknown. Indicative only: the CPAS sets the category after its social enquiry."""
    if h is None:
        return None
    if h.has_children or (h.children or 0) > 0:
        return 3
    if h.lives_alone:
        return 2
    if h.partner or h.parents or h.others:
        return 1
    return None
