"""The check of the prime d'installation (installation premium): six questions, for whoever leaves the
street or a camping for a home; the answers go to ``assess_installation_premium``
(actions/rules/installation_premium.py)."""
from __future__ import annotations

import re

from actions.checks.answers import yes_by_fact
from actions.checks.spec import CheckSpec, amount, ask, known, yes
from actions.rules import assess_installation_premium

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
# "Juste avant, étiez-vous sans abri ... ou viviez-vous en permanence dans un camping ?"
WAS_HOMELESS_RE = re.compile(
    r"\b(?:je )?(?:vivais|habitais|logeais|etais|dormais|restais) (?:toute l annee |en permanence |a l annee )?"
    r"(?:au|dans un|dans le|en|a la|dans la|dans une|dans ma|chez) (?:camping|rue|squat|caravane|voiture|"
    r"maison d accueil|foyer|centre d hebergement|abri de nuit|des amis|un ami|une amie)\b"
    r"|\bj etais (?:sdf|sans abri|sans domicile|a la rue|dehors)\b|\bje dormais dehors\b")

PRIME = CheckSpec(
    name="check_prime",
    form="prime_form",
    title="la prime d'installation",
    start_question="Vérifier si j'ai droit à la prime d'installation",
    questions=(
        ask("prime_form", "prime_found_home", "yes_no"),
        ask("prime_form", "prime_main_residence", "yes_no"),
        ask("prime_form", "prime_was_homeless", "yes_no", reader=yes_by_fact(WAS_HOMELESS_RE)),
        ask("prime_form", "prime_income_source", "choice", choices=INCOME_SOURCE_CHOICES),
        ask("prime_form", "prime_monthly_income", "amount",
            ask_if=lambda a: a.get("prime_income_source") == "none"),
        ask("prime_form", "prime_already_received", "yes_no"),
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
