"""The guided eligibility checks, as data: which questions, in which order, when to stop, what to assess.

No Rasa import (actions/forms.py is the Rasa side: one form per check). ``spec`` says what a check is
(``Question``, ``CheckSpec``, how the answers are stored), ``answers`` reads a free-text answer
(``parse_answer``), and each benefit has its module with its questions, the words of its choices and its
``CheckSpec``: ``ris``, ``installation_premium``, ``heating``, ``urgent_medical_aid``, ``advance``,
``rental_guarantee``. ``CHECKS`` lists them all and ``BY_FORM`` finds one by its form: the forms'
``required_slots`` and the rules of data/rules/checks.yml are generated from them (scripts/make_check_rules.py),
and the staff report names the checks by their titles.
"""
from typing import Dict, Tuple

from actions.checks.advance import ADVANCE
from actions.checks.answers import is_dont_know, match_choice, parse_answer
from actions.checks.heating import HEATING
from actions.checks.installation_premium import PRIME
from actions.checks.rental_guarantee import GUARANTEE
from actions.checks.ris import RIS
from actions.checks.spec import KINDS, Answers, CheckSpec, Question, ask
from actions.checks.urgent_medical_aid import AMU

CHECKS: Tuple[CheckSpec, ...] = (RIS, PRIME, HEATING, AMU, ADVANCE, GUARANTEE)
BY_FORM: Dict[str, CheckSpec] = {spec.form: spec for spec in CHECKS}

__all__ = [
    "ADVANCE", "AMU", "BY_FORM", "CHECKS", "GUARANTEE", "HEATING", "KINDS", "PRIME", "RIS",
    "Answers", "CheckSpec", "Question", "ask", "is_dont_know", "match_choice", "parse_answer",
]
