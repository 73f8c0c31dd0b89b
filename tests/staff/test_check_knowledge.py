"""`make check-knowledge` on the real parameter file and on broken copies of it."""
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from actions.rules.knowledge_check import check, names_read_by_code
from actions.rules.parameters import DEFAULT_PATH

ROOT = Path(__file__).resolve().parents[2]
REAL = DEFAULT_PATH.read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 22)


def write(tmp_path, text, name="parameters.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(findings):
    return [f.message for f in findings if f.level == "error"]


def warnings(findings):
    return [f.message for f in findings if f.level == "warning"]


def run_script(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_knowledge.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_project_file_is_valid():
    result = run_script()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fichier valide" in result.stdout


def test_every_parameter_the_rules_read_is_checked_for():
    names = names_read_by_code()
    assert {"ris_monthly", "installation_premium", "deadlines", "heating_allowance"} <= set(names)


@pytest.mark.parametrize("broken, expected", [
    # a row without its source
    (lambda t: t.replace('cat3: 1254.82, source: "FAQ CPAS commune ; guide ASPH 2018 (RIS, C)"', "cat3: 1254.82"),
     "source manque"),
    # dates out of order
    (lambda t: t.replace("    2022-05-01: {cat1: 743.78", "    2017-05-01: {cat1: 743.78"), "désordre"),
    # a value that is not a number
    (lambda t: t.replace("cat2: 1314.20", "cat2: 1.314,20 €"), "n'est pas un nombre"),
    # a negative amount
    (lambda t: t.replace("cat1: 876.13", "cat1: -876.13"), "négatif"),
    # the prime d'installation no longer equals the category 3 RIS
    (lambda t: t.replace("      amount: 1776.07", "      amount: 1770.00"), "catégorie 3"),
    # a date written twice
    (lambda t: t.replace("    2022-05-01: {cat1: 743.78", "    2018-09-01: {cat1: 743.78"), "double"),
    # a parameter the rules read is gone
    (lambda t: t.replace("real_estate:\n", "immobilier:\n"), "'real_estate'"),
    # invalid YAML
    (lambda t: t + "\n  : : [\n", "ne peut pas être lu"),
    # last check in the future
    (lambda t: t.replace("last_checked: 2026-11-22", "last_checked: 2027-01-01", 1), "futur"),
    # an announced indexation before the newest row
    (lambda t: t.replace("expected_next_row: 2026-03-01", "expected_next_row: 2024-01-01", 1), "expected_next_row"),
])
def test_broken_files_fail_with_a_clear_message(tmp_path, broken, expected):
    text = broken(REAL)
    assert text != REAL, "the test did not change the file"
    found = errors(check(write(tmp_path, text), TODAY))
    assert any(expected in message for message in found), found
    result = run_script(str(tmp_path / "parameters.yml"), "--today", TODAY.isoformat())
    assert result.returncode == 1 and "INVALIDE" in result.stdout


def test_missing_file_is_an_error(tmp_path):
    result = run_script(str(tmp_path / "absent.yml"))
    assert result.returncode == 1 and "ne peut pas être lu" in result.stdout


def test_a_check_older_than_six_months_is_a_warning(tmp_path):
    path = write(tmp_path, REAL)  # every parameter was last checked on 2026-11-22
    assert not [w for w in warnings(check(path, dt.date(2027, 5, 20))) if "six mois" in w]
    stale = [w for w in warnings(check(path, dt.date(2027, 5, 25))) if "six mois" in w]
    assert len(stale) == REAL.count("last_checked:")
    assert not errors(check(path, dt.date(2027, 5, 25)))


def test_a_passed_indexation_without_a_new_row_is_a_warning(tmp_path):
    path = write(tmp_path, REAL)
    before = [w for w in warnings(check(path, dt.date(2026, 2, 28))) if "indexation" in w]
    after = [w for w in warnings(check(path, dt.date(2026, 3, 1))) if "indexation" in w]
    assert before == [] and any(w.startswith("ris_monthly") for w in after)
    # Once the indexed row is added (same date for the RIS and the prime), the warning goes away.
    indexed = REAL.replace(
        '      note: "Ces montants ont été indexés de 2 % en mars 2026 ; le CPAS vous donne le montant exact."\n',
        '      note: "Ces montants ont été indexés de 2 % en mars 2026 ; le CPAS vous donne le montant exact."\n'
        '    2026-03-01: {cat1: 893.65, cat2: 1340.48, cat3: 1811.59, source: "test"}\n', 1)
    indexed = indexed.replace("  expected_next_row: 2026-03-01   # +2 % announced for March 2026 (see the notes)\n",
                              "", 1)
    findings = check(write(tmp_path, indexed, "indexed.yml"), dt.date(2026, 3, 2))
    assert not any(w.startswith("ris_monthly") and "indexation" in w for w in warnings(findings))
    # ... but the prime d'installation must follow on the same date.
    assert any("catégorie 3" in e for e in errors(findings)), [str(f) for f in findings]
