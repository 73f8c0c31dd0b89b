"""The check of the revenu d'intégration (RIS): eleven questions, from living in Belgium to the other
allocations claimed; the answers become the inputs of ``assess_ris`` (actions/rules/ris.py)."""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple

from actions.checks.answers import yes_by_fact
from actions.checks.spec import Answers, CheckSpec, amount, ask, known, yes
from actions.lib.parsing import DONT_KNOW
from actions.rules import assess_ris

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
# "Avez-vous demandé les autres allocations auxquelles vous pourriez avoir droit ?": nothing else to claim
NOTHING_ELSE_TO_CLAIM_RE = re.compile(
    r"\b(?:je n ai|j ai|on n a|on a) droit a rien d autre\b|\bdroit a aucune autre\b"
    r"|\baucune autre allocation\b|\bil n y a rien d autre\b|\bpas droit a (?:autre chose|d autres)\b")


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
        ask("ris_form", "ris_lives_in_belgium", "yes_no"),
        ask("ris_form", "ris_age", "age"),
        ask("ris_form", "ris_minor_case", "choice", choices=MINOR_CHOICES, ask_if=_minor),
        ask("ris_form", "ris_status", "choice", choices=STATUS_CHOICES),
        ask("ris_form", "ris_household", "household"),
        ask("ris_form", "ris_income", "amount"),
        ask("ris_form", "ris_partner_income", "amount", ask_if=has_partner),
        ask("ris_form", "ris_savings", "amount"),
        ask("ris_form", "ris_willing_to_work", "yes_no"),
        ask("ris_form", "ris_work_exemption", "choice", choices=WORK_EXEMPTION_CHOICES,
            ask_if=lambda a: a.get("ris_willing_to_work") == "no"),
        ask("ris_form", "ris_other_benefits", "yes_no", reader=yes_by_fact(NOTHING_ELSE_TO_CLAIM_RE)),
    ),
    assess_answers=lambda a, on: assess_ris(on, **_ris_inputs(a)),
)
