"""The check of an advance on allocations (the CPAS advances a benefit while the body that owes it decides):
two questions, the answers go to ``assess_advance`` (actions/rules/advance.py)."""
from __future__ import annotations

from actions.checks.answers import need_answer
from actions.checks.spec import CheckSpec, ask, yes
from actions.rules import assess_advance

ADVANCE = CheckSpec(
    name="check_advance",
    form="advance_form",
    title="une avance sur vos allocations",
    start_question="Vérifier si le CPAS peut m'avancer mes allocations",
    questions=(
        ask("advance_form", "adv_entitled_to_benefit", "yes_no"),
        ask("advance_form", "adv_in_need", "yes_no", reader=need_answer),
    ),
    assess_answers=lambda a, on: assess_advance(yes(a, "adv_in_need"), yes(a, "adv_entitled_to_benefit")),
)
