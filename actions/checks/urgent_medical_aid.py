"""The check of the aide médicale urgente (urgent medical aid), for whoever stays without a legal right of
residence: two questions, the answers go to ``assess_urgent_medical_aid`` (actions/rules/medical_aid.py)."""
from __future__ import annotations

from actions.checks.answers import need_answer
from actions.checks.spec import CheckSpec, ask, yes
from actions.rules import assess_urgent_medical_aid

AMU = CheckSpec(
    name="check_amu",
    form="amu_form",
    title="l'aide médicale urgente",
    start_question="Vérifier si j'ai droit à l'aide médicale urgente",
    questions=(ask("amu_form", "amu_legal_stay", "yes_no"),
               ask("amu_form", "amu_in_need", "yes_no", reader=need_answer)),
    assess_answers=lambda a, on: assess_urgent_medical_aid(yes(a, "amu_legal_stay"), yes(a, "amu_in_need")),
)
