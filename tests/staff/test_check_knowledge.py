"""`make check-knowledge` on the real parameter file and on broken copies of it."""
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from actions.rules.parameters import DEFAULT_PATH
from staff.knowledge_check import add_months, check, names_read_by_code

ROOT = Path(__file__).resolve().parents[2]
REAL = DEFAULT_PATH.read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 22)          # the day every parameter of the real file was last checked
LAST_CHECKED = "last_checked: 2026-11-22"
EXPECTED = "expected_next_row: 2026-03-01   # +2 % announced for March 2026 (see the notes)"
RIS_2025_NOTE = ('      note: "Ces montants ont été indexés de 2 % en mars 2026 ; le CPAS vous donne le montant '
                 'exact."\n')


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
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_the_real_file_passes():
    result = run_script()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fichier valide" in result.stdout and "ERREUR" not in result.stdout
    assert REAL.count(LAST_CHECKED) == 14, "the tests below assume every parameter was checked on 2026-11-22"


def test_every_parameter_the_rules_read_is_looked_for():
    names = names_read_by_code()
    assert {"ris_monthly", "installation_premium", "deadlines", "heating_allowance", "savings"} <= set(names)


@pytest.mark.parametrize("broken, expected", [
    pytest.param(lambda t: t.replace('cat3: 1254.82, source: "FAQ CPAS commune ; guide ASPH 2018 (RIS, C)"',
                                     "cat3: 1254.82"), "la source manque", id="row-without-source"),
    pytest.param(lambda t: t.replace("    2022-05-01: {cat1: 743.78", "    2017-05-01: {cat1: 743.78"),
                 "dates dans le désordre", id="dates-out-of-order"),
    pytest.param(lambda t: t.replace("    2022-05-01: {cat1: 743.78", "    2018-09-01: {cat1: 743.78"),
                 "clé en double '2018-09-01'", id="date-written-twice"),
    pytest.param(lambda t: t.replace("cat2: 1314.20", "cat2: 1.314,20 €"), "n'est pas un nombre",
                 id="amount-not-a-number"),
    pytest.param(lambda t: t.replace("cat1: 876.13", "cat1: -876.13"), "-876.13 est négatif", id="negative"),
    pytest.param(lambda t: t.replace("      amount: 1776.07", "      amount: 1770.00"),
                 "n'est pas égale au RIS catégorie 3 (1776.07 €", id="prime-not-category-3"),
    pytest.param(lambda t: t.replace(RIS_2025_NOTE, RIS_2025_NOTE + '    2026-03-01: {cat1: 893.65, cat2: 1340.48, '
                                     'cat3: 1811.59, source: "circulaire"}\n', 1),
                 "au 2026-03-01, la prime d'installation (1776.07 €", id="ris-indexed-without-the-prime"),
    pytest.param(lambda t: t.replace("real_estate:\n", "immobilier:\n"), "'real_estate' est lu par les règles",
                 id="parameter-the-rules-read-is-gone"),
    pytest.param(lambda t: t + "\n  : : [\n", "ne peut pas être lu", id="invalid-yaml"),
    pytest.param(lambda t: t.replace("  unit: EUR par mois\n", "", 1), "champ(s) manquant(s) : unit",
                 id="missing-unit"),
    pytest.param(lambda t: t.replace(LAST_CHECKED, "last_checked: 2027-01-01", 1), "dans le futur",
                 id="last-checked-in-the-future"),
    pytest.param(lambda t: t.replace(EXPECTED, "expected_next_row: 2024-01-01", 1),
                 "expected_next_row (2024-01-01) n'est pas après", id="announced-row-before-the-newest"),
    pytest.param(lambda t: t.replace(EXPECTED, "expected_next_row: bientôt", 1),
                 "expected_next_row doit être une date", id="announced-row-not-a-date"),
    pytest.param(lambda t: t.replace(EXPECTED, "expected_next_rows: 2027-03-01", 1),
                 "champ inconnu 'expected_next_rows'", id="unknown-field"),
    pytest.param(lambda t: t.replace("      cat3: 1776.07\n", "", 1), "il manque cat3",
                 id="row-without-a-field-the-others-have"),
])
def test_broken_files_fail_with_the_right_message(tmp_path, broken, expected):
    text = broken(REAL)
    assert text != REAL, "the test did not change the file"
    path = write(tmp_path, text)
    found = errors(check(path, TODAY))
    assert any(expected in message for message in found), found
    result = run_script(str(path), "--today", TODAY.isoformat())
    assert result.returncode == 1 and "INVALIDE" in result.stdout and expected in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


def test_missing_file_is_an_error(tmp_path):
    result = run_script(str(tmp_path / "absent.yml"))
    assert result.returncode == 1 and "ne peut pas être lu" in result.stdout


def test_six_months_after_the_last_check_is_a_warning(tmp_path):
    path = write(tmp_path, REAL)
    assert add_months(dt.date(2026, 11, 22), 6) == dt.date(2027, 5, 22)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert not [w for w in warnings(check(path, dt.date(2027, 5, 22))) if "plus de six mois" in w]
    stale = [w for w in warnings(check(path, dt.date(2027, 5, 23))) if "plus de six mois" in w]
    assert len(stale) == 14 and stale[0].startswith("ris_monthly : dernière vérification le 2026-11-22")
    assert not errors(check(path, dt.date(2027, 5, 23)))
    result = run_script(str(path), "--today", "2027-05-23")
    assert result.returncode == 0 and result.stdout.count("ATTENTION") >= 14 and "Fichier valide" in result.stdout


def test_a_passed_indexation_without_a_new_row_is_a_warning(tmp_path):
    path = write(tmp_path, REAL.replace(LAST_CHECKED, "last_checked: 2026-01-15"))
    before = [w for w in warnings(check(path, dt.date(2026, 2, 28))) if "indexation" in w]
    after = [w for w in warnings(check(path, dt.date(2026, 3, 1))) if "indexation" in w]
    assert before == []
    assert sorted(w.split(" :")[0] for w in after) == [
        "exoneration_socioprofessional", "installation_premium", "ris_monthly"]
    result = run_script(str(path), "--today", "2026-03-01")
    assert result.returncode == 0 and "une indexation était annoncée à partir du 2026-03-01" in result.stdout
    assert "Indexations : le fichier annonce" in result.stdout      # the output says how it decides


def test_adding_the_indexed_rows_removes_the_warning(tmp_path):
    premium_note = '      note: "Ce montant a été indexé de 2 % en mars 2026 ; le CPAS vous donne le montant exact."\n'
    assert REAL.count(premium_note) == 2          # installation_premium, then exoneration_socioprofessional
    indexed = REAL.replace(RIS_2025_NOTE, RIS_2025_NOTE + '    2026-03-01: {cat1: 893.65, cat2: 1340.48, '
                           'cat3: 1811.59, source: "circulaire SPP IS"}\n', 1)
    premium_row = '    2026-03-01: {amount: 1811.59, source: "circulaire"}\n'
    indexed = indexed.replace(premium_note, premium_note + premium_row, 1)
    indexed = indexed.replace("  " + EXPECTED + "\n", "", 2)         # ris_monthly and installation_premium
    indexed = indexed.replace(LAST_CHECKED, "last_checked: 2026-03-02")
    findings = check(write(tmp_path, indexed), dt.date(2026, 3, 2))
    assert not errors(findings), errors(findings)
    assert [w.split(" :")[0] for w in warnings(findings)] == ["exoneration_socioprofessional"]


def test_a_misplaced_decimal_point_is_a_warning(tmp_path):
    text = REAL.replace(RIS_2025_NOTE, RIS_2025_NOTE + '    2026-03-01: {cat1: 893.65, cat2: 13404.8, '
                        'cat3: 1811.59, source: "circulaire"}\n', 1)
    text = text.replace("  " + EXPECTED + "\n", "", 1)
    findings = check(write(tmp_path, text), TODAY)
    jumps = [w for w in warnings(findings) if "vérifiez la virgule" in w]
    assert len(jumps) == 1 and jumps[0].startswith("ris_monthly, cat2 : 1314.20 le 2025-02-01, puis 13404.8")
