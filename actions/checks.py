"""The guided eligibility checks, as data: which questions, in which order, when to stop, what to assess.

No Rasa import. A check (``CheckSpec``) is a list of ``Question``s, each filling one slot of its form.
``needed(answers)`` lists the slots still to ask, in order: a question is asked only when its ``ask_if``
holds on the answers so far, and nothing more is asked once a condition is already not met (the outcome
is then certain: "probablement pas éligible"). ``assess(answers, on)`` calls the rules library
(actions/rules), which owns every amount, threshold and reason.

Answers are stored JSON-friendly, as the form slots hold them: yes/no as "yes" / "no", "je ne sais pas"
as DONT_KNOW ("unknown"), amounts as the text of a Decimal ("1234.56"), dates as ISO text, ages and
counts as int, households as a dict (actions.lib.parsing.Household), choices as their canonical value.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from actions.lib.parsing import (
    DONT_KNOW,
    parse_age,
    parse_amount,
    parse_date,
    parse_household,
    parse_int_count,
    parse_need,
    parse_yes_no,
)
from actions.lib.text import fold_words
from actions.rules import (
    Assessment,
    assess_advance,
    assess_heating,
    assess_installation_premium,
    assess_rental_guarantee,
    assess_ris,
    assess_urgent_medical_aid,
)
from actions.rules.clock import today as clock_today
from actions.rules.heating import delivery_recent_enough

Answers = Mapping[str, Any]
KINDS = ("yes_no", "amount", "age", "date", "count", "choice", "household")


@dataclass(frozen=True)
class Question:
    """One question of a form. ``response`` asks it; ``choices`` maps each canonical value to the words
    that mean it (the first one is the button title); ``ask_if`` says whether it applies given the answers
    so far; ``valid`` refuses a parsed value (then the form asks again with ``reask``)."""

    slot: str
    kind: str
    response: str
    choices: Optional[Mapping[str, Sequence[str]]] = None
    ask_if: Optional[Callable[[Answers], bool]] = None
    valid: Optional[Callable[[Any, date], bool]] = None
    reask: Optional[str] = None
    # Reads the answer from the facts the person tells ("non je n'ai pas cet argent"), before the reader of
    # ``kind``; None lets that reader decide.
    reader: Optional[Callable[[str], Optional[str]]] = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.slot}: unknown kind {self.kind!r}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"{self.slot}: choices go with kind 'choice' only")

    @property
    def reask_response(self) -> str:
        return self.reask or f"utter_reask_{self.kind}"


# ---------------------------------------------------------------------------- reading a free-text answer
NO_SAVINGS_RE = re.compile(
    r"\b(?:pas|plus|aucune?|sans|zero|0) (?:d |de |d')?(?:economies?|epargnes?|argent de cote|sous de cote)\b"
    r"|\brien de cote\b|\brien du tout\b|\bnada\b"
)


def _words(text: str) -> str:
    return " " + fold_words(text) + " "


def match_choice(choices: Mapping[str, Sequence[str]], text: str) -> Optional[str]:
    """The canonical value whose longest synonym appears in the text as whole words, not after "pas",
    "plus", "non" or "jamais" ("je ne suis pas belge"); None when nothing or a tie matches."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    words = _words(text)
    best: Dict[str, int] = {}
    for value, synonyms in choices.items():
        for synonym in synonyms:
            target = _words(synonym)
            start = words.find(target)
            while start >= 0:
                before = words[:start].split()[-1:]
                if before not in (["pas"], ["plus"], ["non"], ["jamais"]):
                    best[value] = max(best.get(value, 0), len(target))
                start = words.find(target, start + 1)
    if not best:
        return None
    top = max(best.values())
    winners = [value for value, length in best.items() if length == top]
    return winners[0] if len(winners) == 1 else None


def _amount(text: str, today: date) -> Optional[str]:
    value = parse_amount(text)
    if value is None and NO_SAVINGS_RE.search(_words(text)):
        value = Decimal("0")
    return None if value is None else str(value)


def _date(text: str, today: date) -> Optional[str]:
    day = parse_date(text, today)
    return day.isoformat() if day is not None and day <= today else None


def _household(text: str, today: date) -> Optional[dict]:
    found = parse_household(text)
    return None if found is None else dataclasses.asdict(found)


PARSERS: Dict[str, Callable[[str, date], Any]] = {
    "amount": _amount,
    "age": lambda text, today: parse_age(text),
    "date": _date,
    "count": lambda text, today: parse_int_count(text),
    "household": _household,
}


def is_dont_know(text: str) -> bool:
    return parse_yes_no(text) == DONT_KNOW


def need_answer(text: str) -> Optional[str]:
    """"Vous manque-t-il l'argent pour ... ?": the words about the money decide (parse_need)."""
    need = parse_need(text)
    return None if need is None else "yes" if need else "no"


def yes_by_fact(pattern: "re.Pattern[str]") -> Callable[[str], Optional[str]]:
    """A reader that says "yes" when the person tells the fact rather than the word (on fold_words text)."""
    return lambda text: "yes" if pattern.search(_words(text)) else None


# "Juste avant, étiez-vous sans abri ... ou viviez-vous en permanence dans un camping ?"
WAS_HOMELESS_RE = re.compile(
    r"\b(?:je )?(?:vivais|habitais|logeais|etais|dormais|restais) (?:toute l annee |en permanence |a l annee )?"
    r"(?:au|dans un|dans le|en|a la|dans la|dans une|dans ma|chez) (?:camping|rue|squat|caravane|voiture|"
    r"maison d accueil|foyer|centre d hebergement|abri de nuit|des amis|un ami|une amie)\b"
    r"|\bj etais (?:sdf|sans abri|sans domicile|a la rue|dehors)\b|\bje dormais dehors\b")
# "Avez-vous demandé les autres allocations auxquelles vous pourriez avoir droit ?": nothing else to claim
NOTHING_ELSE_TO_CLAIM_RE = re.compile(
    r"\b(?:je n ai|j ai|on n a|on a) droit a rien d autre\b|\bdroit a aucune autre\b"
    r"|\baucune autre allocation\b|\bil n y a rien d autre\b|\bpas droit a (?:autre chose|d autres)\b")


def parse_answer(question: Question, text: str, today: date) -> Any:
    """The answer as the slot stores it, DONT_KNOW for "je ne sais pas", or None if it cannot be read."""
    told = question.reader(text) if question.reader else None
    if told is not None:
        return told
    if question.kind == "yes_no":
        found = parse_yes_no(text)
        value = "yes" if found is True else "no" if found is False else found
    elif question.kind == "choice":
        value = DONT_KNOW if is_dont_know(text) else match_choice(question.choices or {}, text)
    else:
        value = PARSERS[question.kind](text, today)
        if value is None:
            return DONT_KNOW if is_dont_know(text) else None
    if value not in (None, DONT_KNOW) and question.valid and not question.valid(value, today):
        return None
    return value


# ---------------------------------------------------------------------------- reading stored answers
def known(answers: Answers, slot: str) -> Any:
    """The stored answer, None when not asked yet or "je ne sais pas"."""
    value = answers.get(slot)
    return None if value == DONT_KNOW else value


def yes(answers: Answers, slot: str) -> Optional[bool]:
    return {"yes": True, "no": False}.get(answers.get(slot))


def amount(answers: Answers, slot: str) -> Optional[Decimal]:
    value = known(answers, slot)
    return None if value is None else Decimal(str(value))


def day(answers: Answers, slot: str) -> Optional[date]:
    value = known(answers, slot)
    return None if value is None else date.fromisoformat(str(value))


def household_inputs(household: Any) -> Tuple[Optional[str], Optional[bool]]:
    """(lives_with, has_dependent_child) for assess_ris from a stored household; (None, None) if unknown.
    Children named with no partner, parents or others make a "family_in_charge"."""
    if not isinstance(household, dict):
        return None, None
    child = bool(household.get("has_children") or (household.get("children") or 0) > 0)
    for key, lives_with in (("partner", "partner"), ("parents", "parents"), ("others", "others")):
        if household.get(key):
            return lives_with, child
    if child:
        return "family_in_charge", True
    return ("alone", False) if household.get("lives_alone") else (None, None)


def has_partner(answers: Answers) -> bool:
    return household_inputs(answers.get("ris_household"))[0] == "partner"


# ---------------------------------------------------------------------------- the check
@dataclass(frozen=True)
class CheckSpec:
    name: str            # the intent that starts it, e.g. "check_ris"
    form: str            # e.g. "ris_form"
    title: str           # what is checked, in French, e.g. "le revenu d'intégration"
    start_question: str  # a plain-French question that starts (or resumes) the check
    questions: Tuple[Question, ...]
    assess_answers: Callable[[Answers, date], Assessment]

    @property
    def slots(self) -> Tuple[str, ...]:
        return tuple(q.slot for q in self.questions)

    def question(self, slot: Optional[str]) -> Optional[Question]:
        return next((q for q in self.questions if q.slot == slot), None)

    def assess(self, answers: Answers, on: date) -> Assessment:
        return self.assess_answers(answers, on)

    def needed(self, answers: Answers, on: Optional[date] = None) -> List[str]:
        """The slots still to ask, in order; [] once a condition is not met or all is answered."""
        if self.assess(answers, on or clock_today()).failed:
            return []
        return [
            q.slot for q in self.questions
            if answers.get(q.slot) is None and (q.ask_if is None or q.ask_if(answers))
        ]


def _ask(form: str, slot: str, kind: str, **options: Any) -> Question:
    return Question(slot, kind, f"utter_ask_{form}_{slot}", **options)


# ---------------------------------------------------------------------------- revenu d'intégration
STATUS_CHOICES = {
    "belgian": ("Belge", "nationalite belge", "belge de naissance", "naturalise", "naturalisee"),
    "eu_over_3_months": (
        "Citoyen européen (ici depuis plus de 3 mois)", "ue", "union europeenne", "europeen", "europeenne",
        "citoyen europeen", "francais", "francaise", "roumain", "roumaine", "italien", "italienne", "espagnol",
        "espagnole",
        "portugais", "portugaise", "polonais", "polonaise", "bulgare", "neerlandais", "allemand", "allemande",
        "grec", "grecque", "luxembourgeois", "carte e", "carte e plus", "carte eu",
    ),
    "refugee": ("Réfugié reconnu", "refugie", "refugiee", "statut de refugie", "refugie reconnu"),
    "subsidiary_protection": ("Protection subsidiaire", "protection subsidiaire", "subsidiaire"),
    "stateless": ("Apatride", "apatride", "sans nationalite"),
    "population_register": (
        "Inscrit au registre de la population", "registre de la population", "carte b", "carte c",
        "carte k", "carte l", "sejour illimite", "etablissement", "residence permanente", "titre de sejour illimite",
    ),
    "asylum_seeker": (
        "Demandeur d'asile", "demandeur d asile", "demandeuse d asile", "demande d asile", "asile", "fedasil",
        "orange card", "carte orange", "annexe 26", "centre d accueil", "croix rouge",
    ),
    "no_legal_stay": (
        "Sans titre de séjour", "sans papiers", "sans papier", "pas de papiers", "illegal", "illegale",
        "clandestin", "clandestine", "sejour irregulier", "ordre de quitter", "oqt", "deboute",
        "deboutee", "demandeur d asile deboute", "visa expire", "sans titre de sejour", "pas de titre de sejour",
    ),
    "other": ("Autre titre de séjour", "autre", "carte a", "sejour temporaire", "sejour limite", "visa etudiant",
              "permis de travail", "regroupement familial"),
}
MINOR_CHOICES = {
    "emancipated": ("Marié(e) ou émancipé(e)", "marie", "mariee", "emancipe", "emancipee", "mariage"),
    "with_child": ("J'ai un enfant à charge", "enfant a charge", "un enfant", "mon enfant", "mon bebe",
                   "j ai un bebe", "maman", "papa", "mere", "pere"),
    "pregnant": ("Je suis enceinte", "enceinte", "grossesse", "j attends un bebe", "j attends un enfant"),
    "none": ("Aucun des trois", "aucun", "aucune", "aucun des trois", "rien de tout ca", "non", "rien"),
}
WORK_EXEMPTION_CHOICES = {
    "health": ("Raison de santé", "sante", "malade", "maladie", "handicap", "handicape", "handicapee",
               "invalide", "invalidite", "incapacite", "medical", "medicale", "depression", "burn out"),
    "equity": ("Autre raison importante", "equite", "enfant en bas age", "bebe", "garde", "aidant proche",
               "je m occupe", "m occuper", "etudes", "etudiant", "etudiante", "formation"),
    "none": ("Non, aucune", "non", "aucune", "aucun", "pas de raison", "rien", "aucune raison"),
}


def _ris_inputs(a: Answers) -> Dict[str, Any]:
    age = known(a, "ris_age")
    lives_with, child = household_inputs(a.get("ris_household"))
    willing, exemption = yes(a, "ris_willing_to_work"), a.get("ris_work_exemption")
    if willing is False and exemption in (None, DONT_KNOW):
        willing = None                      # a health or equity reason is not known yet
    return dict(
        lives_in_belgium=yes(a, "ris_lives_in_belgium"),
        age=age,
        minor_case=known(a, "ris_minor_case") if age is not None and age < 18 else None,
        status=known(a, "ris_status"),
        lives_with=lives_with,
        has_dependent_child=child,
        monthly_income=amount(a, "ris_income"),
        partner_income=amount(a, "ris_partner_income") if lives_with == "partner" else None,
        savings=amount(a, "ris_savings"),
        willing_to_work=willing,
        work_exemption=exemption if exemption in ("health", "equity") else None,
        claimed_other_benefits=yes(a, "ris_other_benefits"),
    )


def _minor(a: Answers) -> bool:
    age = known(a, "ris_age")
    return age is not None and age < 18


RIS = CheckSpec(
    name="check_ris",
    form="ris_form",
    title="le revenu d'intégration",
    start_question="Est-ce que j'ai droit au revenu d'intégration ?",
    questions=(
        _ask("ris_form", "ris_lives_in_belgium", "yes_no"),
        _ask("ris_form", "ris_age", "age"),
        _ask("ris_form", "ris_minor_case", "choice", choices=MINOR_CHOICES, ask_if=_minor),
        _ask("ris_form", "ris_status", "choice", choices=STATUS_CHOICES),
        _ask("ris_form", "ris_household", "household"),
        _ask("ris_form", "ris_income", "amount"),
        _ask("ris_form", "ris_partner_income", "amount", ask_if=has_partner),
        _ask("ris_form", "ris_savings", "amount"),
        _ask("ris_form", "ris_willing_to_work", "yes_no"),
        _ask("ris_form", "ris_work_exemption", "choice", choices=WORK_EXEMPTION_CHOICES,
             ask_if=lambda a: a.get("ris_willing_to_work") == "no"),
        _ask("ris_form", "ris_other_benefits", "yes_no", reader=yes_by_fact(NOTHING_ELSE_TO_CLAIM_RE)),
    ),
    assess_answers=lambda a, on: assess_ris(on, **_ris_inputs(a)),
)

# ---------------------------------------------------------------------------- prime d'installation
INCOME_SOURCE_CHOICES = {
    "ris": ("Le revenu d'intégration", "revenu d integration", "ris", "minimex", "integration sociale"),
    "equivalent_aid": ("Une aide sociale du CPAS", "aide sociale", "aide equivalente", "aide financiere du cpas",
                       "aide du cpas", "equivalent au ris", "equivalent du ris"),
    "social_security": ("Chômage, mutuelle ou pension", "chomage", "onem", "capac", "syndicat", "mutuelle",
                        "mutualite", "indemnites", "invalidite", "pension", "allocations de chomage",
                        "maladie", "accident de travail"),
    "grapa": ("La GRAPA", "grapa", "garantie de revenus", "garantie de revenu aux personnes agees", "igo"),
    "none": ("Aucun de ceux-là", "aucun", "aucune", "rien", "non", "salaire", "je travaille", "travail",
             "pas de revenus", "autre", "aucun de ceux la"),
}

PRIME = CheckSpec(
    name="check_prime",
    form="prime_form",
    title="la prime d'installation",
    start_question="Vérifier si j'ai droit à la prime d'installation",
    questions=(
        _ask("prime_form", "prime_found_home", "yes_no"),
        _ask("prime_form", "prime_main_residence", "yes_no"),
        _ask("prime_form", "prime_was_homeless", "yes_no", reader=yes_by_fact(WAS_HOMELESS_RE)),
        _ask("prime_form", "prime_income_source", "choice", choices=INCOME_SOURCE_CHOICES),
        _ask("prime_form", "prime_monthly_income", "amount",
             ask_if=lambda a: a.get("prime_income_source") == "none"),
        _ask("prime_form", "prime_already_received", "yes_no"),
    ),
    assess_answers=lambda a, on: assess_installation_premium(
        on,
        found_home=yes(a, "prime_found_home"),
        main_residence=yes(a, "prime_main_residence"),
        was_homeless_or_camping=yes(a, "prime_was_homeless"),
        income_source=known(a, "prime_income_source"),
        monthly_income=amount(a, "prime_monthly_income") if a.get("prime_income_source") == "none" else None,
        already_received=yes(a, "prime_already_received"),
    ),
)

# ---------------------------------------------------------------------------- allocation de chauffage
FUEL_CHOICES = {
    "gasoil": ("Mazout (gasoil de chauffage)", "mazout", "gasoil", "gazoil", "gas oil", "fioul", "fuel",
               "gasoil de chauffage", "mazout de chauffage", "citerne a mazout", "cuve a mazout"),
    "petrole_c": ("Pétrole lampant", "petrole", "petrole lampant", "kerosene", "poele a petrole"),
    "propane_bulk": ("Propane en citerne (vrac)", "propane en citerne", "propane en vrac", "citerne de propane",
                     "cuve de propane", "propane livre", "gaz en citerne", "citerne de gaz", "gaz propane en vrac"),
    "natural_gas": ("Gaz de ville", "gaz naturel", "gaz de ville", "gaz", "le gaz", "raccorde au gaz"),
    "propane_bottle": ("Propane en bonbonne", "propane en bonbonne", "bonbonne de propane",
                       "bouteille de propane", "bonbonne de gaz", "bouteille de gaz", "bonbonne", "bouteille"),
    "butane_bottle": ("Butane en bonbonne", "butane", "bonbonne de butane", "bouteille de butane"),
    "other": ("Autre (électricité, bois, pellets...)", "electricite", "electrique", "radiateur electrique",
              "bois", "pellets", "granules", "charbon", "pompe a chaleur", "chauffage collectif", "autre"),
}
HEAT_CATEGORY_CHOICES = {
    "bim": ("Statut BIM (intervention majorée)", "bim", "intervention majoree", "statut bim", "omnio", "vipo",
            "je touche le ris", "revenu d integration", "ris", "grapa", "tarif preferentiel",
            "allocation handicap", "allocation de handicape"),
    "low_income": ("Revenus modestes", "faibles revenus", "petits revenus", "revenus faibles", "bas revenus",
                   "revenus limites", "petit salaire", "petite pension", "petit chomage", "aucun",
                   "aucun des trois", "non", "rien de tout ca"),
    "debt": ("Médiation de dettes", "mediation de dettes", "reglement collectif", "reglement collectif de dettes",
             "rcd", "mediateur de dettes", "mediatrice de dettes", "dettes", "surendettement", "surendette"),
}
def AT_PUMP_NO(a: Answers) -> bool:
    return a.get("heat_at_pump") == "no"


def INCOME_ASKED(a: Answers) -> bool:
    return a.get("heat_category") in ("bim", "low_income")


def _recent_delivery(value: str, today: date) -> bool:
    """Not older than heating_delivery_max_age (parameters.yml): an older date is most likely a typo."""
    return delivery_recent_enough(date.fromisoformat(value), today)


def _assess_heating(a: Answers, on: date) -> Assessment:
    at_pump = yes(a, "heat_at_pump")
    income_asked = INCOME_ASKED(a)
    return assess_heating(
        fuel=known(a, "heat_fuel"),
        delivery_at_home_address=yes(a, "heat_delivery_address"),
        delivered_on=day(a, "heat_delivered_on"),
        request_on=on,
        request_not_made_yet=True,
        category=known(a, "heat_category"),
        household_gross_income=amount(a, "heat_household_income") if income_asked else None,
        dependants=known(a, "heat_dependants") if income_asked else None,
        lives_in_care_home=yes(a, "heat_in_care_home"),
        price_per_litre=amount(a, "heat_price_per_litre") if at_pump is False else None,
        litres=amount(a, "heat_litres") if at_pump is False else None,
        at_pump=at_pump is True,
        on=on,
    )


HEATING = CheckSpec(
    name="check_heating",
    form="heating_form",
    title="l'allocation de chauffage",
    start_question="Vérifier si j'ai droit à l'allocation de chauffage",
    questions=(
        _ask("heating_form", "heat_fuel", "choice", choices=FUEL_CHOICES),
        _ask("heating_form", "heat_delivered_on", "date", valid=_recent_delivery,
             reask="utter_reask_heat_delivered_on"),
        _ask("heating_form", "heat_in_care_home", "yes_no"),
        _ask("heating_form", "heat_delivery_address", "yes_no"),
        _ask("heating_form", "heat_category", "choice", choices=HEAT_CATEGORY_CHOICES),
        _ask("heating_form", "heat_household_income", "amount", ask_if=INCOME_ASKED),
        _ask("heating_form", "heat_dependants", "count", ask_if=INCOME_ASKED),
        _ask("heating_form", "heat_at_pump", "yes_no"),
        _ask("heating_form", "heat_price_per_litre", "amount", ask_if=AT_PUMP_NO,
             valid=lambda v, today: 0 < Decimal(v) < 10, reask="utter_reask_price_per_litre"),
        _ask("heating_form", "heat_litres", "amount", ask_if=AT_PUMP_NO,
             valid=lambda v, today: 0 < Decimal(v) <= 100_000, reask="utter_reask_litres"),
    ),
    assess_answers=_assess_heating,
)

# ---------------------------------------------------------------------------- two-question checks
AMU = CheckSpec(
    name="check_amu",
    form="amu_form",
    title="l'aide médicale urgente",
    start_question="Vérifier si j'ai droit à l'aide médicale urgente",
    questions=(_ask("amu_form", "amu_legal_stay", "yes_no"),
               _ask("amu_form", "amu_in_need", "yes_no", reader=need_answer)),
    assess_answers=lambda a, on: assess_urgent_medical_aid(yes(a, "amu_legal_stay"), yes(a, "amu_in_need")),
)
ADVANCE = CheckSpec(
    name="check_advance",
    form="advance_form",
    title="une avance sur vos allocations",
    start_question="Vérifier si le CPAS peut m'avancer mes allocations",
    questions=(
        _ask("advance_form", "adv_entitled_to_benefit", "yes_no"),
        _ask("advance_form", "adv_in_need", "yes_no", reader=need_answer),
    ),
    assess_answers=lambda a, on: assess_advance(yes(a, "adv_in_need"), yes(a, "adv_entitled_to_benefit")),
)
GUARANTEE = CheckSpec(
    name="check_rental_guarantee",
    form="guarantee_form",
    title="l'aide pour la garantie locative",
    start_question="Vérifier si le CPAS peut m'aider pour la garantie locative",
    questions=(
        _ask("guarantee_form", "guar_lives_in_belgium", "yes_no"),
        _ask("guarantee_form", "guar_in_need", "yes_no", reader=need_answer),
    ),
    assess_answers=lambda a, on: assess_rental_guarantee(yes(a, "guar_lives_in_belgium"), yes(a, "guar_in_need")),
)

CHECKS: Tuple[CheckSpec, ...] = (RIS, PRIME, HEATING, AMU, ADVANCE, GUARANTEE)
BY_FORM: Dict[str, CheckSpec] = {spec.form: spec for spec in CHECKS}
