"""data/rules/checks.yml and the forms of domain.yml are what scripts/make_check_rules.py writes from the specs."""
import importlib.util
from pathlib import Path

import yaml

from actions.checks import CHECKS

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("make_check_rules", ROOT / "scripts" / "make_check_rules.py")
make_check_rules = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_check_rules)


def test_the_check_rules_file_is_generated_from_the_specs():
    assert (ROOT / "data" / "rules" / "checks.yml").read_text(encoding="utf-8") == make_check_rules.rules_text(), \
        "run .venv/bin/python scripts/make_check_rules.py"


def test_the_forms_required_slots_are_the_specs_questions_in_order():
    domain_text = (ROOT / "domain.yml").read_text(encoding="utf-8")
    assert make_check_rules.domain_text(domain_text) == domain_text, "run .venv/bin/python scripts/make_check_rules.py"
    forms = yaml.safe_load(domain_text)["forms"]
    assert {f: forms[f]["required_slots"] for f in forms} == {s.form: [q.slot for q in s.questions] for s in CHECKS}


def test_every_form_gets_its_thirteen_rules():
    rules = yaml.safe_load(make_check_rules.rules_text())["rules"]
    for spec in CHECKS:
        mine = [r for r in rules if spec.form in str(r)]
        assert len(mine) == 13, spec.form   # start, result, stop, goodbye and nine interruptions
        intents = {step.get("intent") for r in mine for step in r["steps"]}
        assert {spec.name, "faq", "stop", "follow_up", "clarify_topic", "choose_faq"} <= intents, spec.form


def test_a_seventh_check_needs_its_rule_name():
    seventh = type(CHECKS[0])(**{**CHECKS[0].__dict__, "name": "check_new", "form": "new_form"})
    try:
        make_check_rules.rules_text(CHECKS + (seventh,))
    except SystemExit as error:
        assert "new_form" in str(error)
    else:
        raise AssertionError("a check without a rule name must be refused")
