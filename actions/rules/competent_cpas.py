"""Which CPAS must handle a request, and the deadline to pass it on to the right one.

Legal source: loi du 2 avril 1965 relative à la prise en charge des secours accordés par les CPAS,
art. 1er et 2 ; loi du 26 mai 2002 (DIS), art. 18 (transfer within 5 calendar days).
Documents: FAQ CPAS commune, page « Comment s'inscrire au CPAS », guide ASPH 2018 (RIS, B.2.1).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .assessment import check_choice
from .dates import as_date, on_or_today
from .fr import format_years
from .parameters import parameter

SITUATIONS = ("general", "student", "homeless", "institution", "asylum_seeker")
LEGAL_SOURCE = "Loi du 2 avril 1965, art. 1er et 2 ; loi du 26 mai 2002, art. 18"


def student_age_limit(on: dt.date) -> int:
    """Students under this age keep the CPAS of their domicile (parameters.yml, age_limits)."""
    return int(parameter("age_limits", as_date(on))["student_age_limit"])


RULES = {
    "general": (
        "usual_residence",
        "Le CPAS de la commune où vous vivez habituellement (votre résidence habituelle).",
    ),
    "student": (
        "registered_domicile_at_request",
        "Le CPAS de la commune où vous étiez inscrit(e) comme domicile principal (registre de la population "
        "ou des étrangers) le jour de la demande. Il reste compétent pendant toute la durée de vos études, "
        "si elles ne sont pas interrompues.",
    ),
    "homeless": (
        "actual_residence_at_request",
        "Le CPAS de la commune où vous vous trouvez réellement le jour de la demande (résidence de fait).",
    ),
    "institution": (
        "registered_residence_at_admission",
        "Le CPAS de la commune où vous étiez inscrit(e) comme résidence principale quand vous êtes entré(e) "
        "dans l'établissement (maison de repos, maison d'accueil, hôpital psychiatrique...).",
    ),
    "asylum_seeker": (
        "fedasil_code_207",
        "Le lieu que Fedasil vous a désigné (« code 207 ») : un centre d'accueil, ou un CPAS si Fedasil "
        "a désigné un CPAS.",
    ),
}


@dataclass(frozen=True)
class CompetentCpas:
    situation: str
    basis: str
    rule: str
    note: Optional[str] = None
    source: str = LEGAL_SOURCE


def competent_cpas(
    situation: str, *, age: Optional[int] = None, full_time_student: Optional[bool] = None,
    on: Optional[dt.date] = None,
) -> CompetentCpas:
    """The rule that designates the CPAS. The student rule applies to adults under the student age limit
    (parameters.yml, age_limits, on ``on``: the bot's day by default) in full-time studies; otherwise the
    general rule applies."""
    on = on_or_today(on)
    limit = format_years(student_age_limit(on))
    check_choice(situation, SITUATIONS, "Situation")
    if situation is None:
        raise ValueError("Situation : une valeur est attendue.")
    note = None
    if situation == "student":
        too_old = age is not None and age >= student_age_limit(on)
        if too_old or full_time_student is False:
            basis, rule = RULES["general"]
            return CompetentCpas(
                situation,
                basis,
                rule,
                note=f"La règle des étudiants vaut pour les jeunes de moins de {limit} en études de plein exercice.",
            )
        note = f"Cette règle vaut pour les jeunes de moins de {limit} en études de plein exercice."
    if situation == "general":
        note = (
            "D'autres règles valent pour les étudiants, les sans-abri, les personnes en institution "
            "et les demandeurs d'asile."
        )
    basis, rule = RULES[situation]
    return CompetentCpas(situation, basis, rule, note=note)


def transfer_deadline(received_on: dt.date) -> dt.date:
    """A CPAS that is not competent must pass the request on in writing within 5 calendar days of
    receiving it; until then it must handle it itself."""
    received_on = as_date(received_on, "La date de réception")
    return received_on + dt.timedelta(days=int(parameter("deadlines", received_on)["transfer_days"]))
