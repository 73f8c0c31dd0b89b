"""The check of the CPAS's help with a rental guarantee (garantie locative): two questions, the answers go
to ``assess_rental_guarantee`` (actions/rules/rental_guarantee.py)."""
from __future__ import annotations

from actions.checks.answers import need_answer
from actions.checks.spec import CheckSpec, ask, yes
from actions.rules import assess_rental_guarantee

GUARANTEE = CheckSpec(
    name="check_rental_guarantee",
    form="guarantee_form",
    title="l'aide pour la garantie locative",
    start_question="Vérifier si le CPAS peut m'aider pour la garantie locative",
    questions=(
        ask("guarantee_form", "guar_lives_in_belgium", "yes_no"),
        ask("guarantee_form", "guar_in_need", "yes_no", reader=need_answer),
    ),
    assess_answers=lambda a, on: assess_rental_guarantee(yes(a, "guar_lives_in_belgium"), yes(a, "guar_in_need")),
)
