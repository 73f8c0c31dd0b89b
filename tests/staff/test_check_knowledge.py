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
TODAY = dt.date(2026, 12, 2)           # the day the newest parameters of the real file were last checked
LAST_CHECKED = "last_checked: 2026-11-22"   # the 13 parameters checked first
OLD_PARAMETERS = 13
RIS_LAST_CHECKED = "  unit: EUR par mois\n  last_checked: 2026-11-22\n"
# The announced March 2026 indexation (the same row in ris_monthly, ris_yearly, exoneration_socioprofessional;
# replace(..., 1) changes the one of ris_monthly, the first).
ANNOUNCED = ("    2026-03-01:\n      status: announced\n      rate: 0.02\n      source: \"indice-pivot dépassé en "
             "décembre 2025, prestations sociales +2 % en mars 2026 (belgiquefois.be ; incidence-asbl.org ; "
             "trends.levif.be) ; montants officiels non publiés\"\n")
OFFICIAL_2026 = '    2026-03-01: {cat1: 893.65, cat2: 1340.48, cat3: 1811.59, source: "circulaire SPP IS"}\n'


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
    assert REAL.count(LAST_CHECKED) == OLD_PARAMETERS, "the tests below assume 13 parameters checked on 2026-11-22"
    assert REAL.count(ANNOUNCED) == 3 and "installation_premium:" not in REAL


def test_every_parameter_the_rules_read_is_looked_for():
    names = names_read_by_code()
    assert {"ris_monthly", "deadlines", "heating_allowance", "savings", "age_limits",
            "heating_delivery_max_age"} <= set(names)
    assert "installation_premium" not in names         # derived from ris_monthly.cat3


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
    pytest.param(lambda t: t + ("\ninstallation_premium:\n  description: prime\n  unit: EUR\n  last_checked: "
                                "2026-11-22\n  values:\n    2025-02-01: {amount: 1776.07, source: \"x\"}\n"),
                 "Supprimez ce paramètre : un seul montant à entrer", id="prime-entered-twice"),
    pytest.param(lambda t: t.replace("      rate: 0.02\n", "      rate: 0.02\n      cat2: 1340.48\n", 1),
                 "n'a pas de montants (cat2)", id="announced-row-with-an-amount"),
    pytest.param(lambda t: t.replace("      rate: 0.02\n", "", 1), "donne son taux, rate",
                 id="announced-row-without-rate"),
    pytest.param(lambda t: t.replace("      status: announced\n", "      status: annoncée\n", 1),
                 "status 'annoncée' inconnu", id="announced-row-unknown-status"),
    pytest.param(lambda t: t.replace("real_estate:\n", "immobilier:\n"), "'real_estate' est lu par les règles",
                 id="parameter-the-rules-read-is-gone"),
    pytest.param(lambda t: t + "\n  : : [\n", "ne peut pas être lu", id="invalid-yaml"),
    pytest.param(lambda t: t.replace("  unit: EUR par mois\n", "", 1), "champ(s) manquant(s) : unit",
                 id="missing-unit"),
    pytest.param(lambda t: t.replace(LAST_CHECKED, "last_checked: 2027-01-01", 1), "dans le futur",
                 id="last-checked-in-the-future"),
    pytest.param(lambda t: t.replace(RIS_LAST_CHECKED, RIS_LAST_CHECKED + "  expected_next_row: 2024-01-01\n", 1),
                 "expected_next_row (2024-01-01) n'est pas après", id="expected-row-before-the-newest"),
    pytest.param(lambda t: t.replace(RIS_LAST_CHECKED, RIS_LAST_CHECKED + "  expected_next_row: bientôt\n", 1),
                 "expected_next_row doit être une date", id="expected-row-not-a-date"),
    pytest.param(lambda t: t.replace(RIS_LAST_CHECKED, RIS_LAST_CHECKED + "  expected_next_rows: 2027-03-01\n", 1),
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
    assert len(stale) == OLD_PARAMETERS and stale[0].startswith("ris_monthly : dernière vérification le 2026-11-22")
    assert not errors(check(path, dt.date(2027, 5, 23)))
    result = run_script(str(path), "--today", "2027-05-23")
    assert result.returncode == 0 and result.stdout.count("ATTENTION") >= OLD_PARAMETERS
    assert "Fichier valide" in result.stdout


def test_a_passed_indexation_without_a_new_row_is_a_warning(tmp_path):
    path = write(tmp_path, REAL.replace(LAST_CHECKED, "last_checked: 2026-01-15")
                 .replace("last_checked: 2026-12-02", "last_checked: 2026-01-15"))
    before = [w for w in warnings(check(path, dt.date(2026, 2, 28))) if "indexation" in w]
    after = [w for w in warnings(check(path, dt.date(2026, 3, 1))) if "indexation" in w]
    assert before == []
    assert sorted(w.split(",")[0] for w in after) == ["exoneration_socioprofessional", "ris_monthly", "ris_yearly"]
    result = run_script(str(path), "--today", "2026-03-01")
    assert result.returncode == 0 and "l'indexation annoncée (2 %) s'applique depuis le 2026-03-01" in result.stdout
    assert "remplacez cette ligne par la ligne officielle" in result.stdout
    assert "Indexations : le fichier annonce" in result.stdout      # the output says how it decides


def test_replacing_the_announced_row_by_the_official_one_removes_the_warning(tmp_path):
    """The staff step of docs/staff.md: one edit (the announced row becomes the official row) in one file."""
    indexed = REAL.replace(ANNOUNCED, OFFICIAL_2026, 1)
    findings = check(write(tmp_path, indexed), TODAY)
    assert not errors(findings), errors(findings)
    assert sorted(w.split(",")[0] for w in warnings(findings) if "indexation" in w) == [
        "exoneration_socioprofessional", "ris_yearly"]
    assert [w for w in warnings(findings) if "ris_yearly seulement" in w or "ris_monthly seulement" in w] == [
        "ris_monthly et ris_yearly : une ligne officielle au 2026-03-01 dans ris_monthly seulement ; ajoutez les "
        "montants annuels officiels de la même date (même source)."]
    # ... and the answers use it from its date on, with no other change (the prime d'installation too).
    from actions.rules.quoted import quoted_facts

    path = write(tmp_path, indexed, "indexed.yml")
    before, after = quoted_facts(dt.date(2026, 2, 28), path), quoted_facts(dt.date(2026, 3, 1), path)
    assert (before["ris_cat2"], before["ris_date"], before["prime_amount"]) == (
        "1 314,20 €", "1er février 2025", "1 776,07 €")
    assert (after["ris_cat2"], after["ris_date"], after["prime_amount"]) == (
        "1 340,48 €", "1er mars 2026", "1 811,59 €")
    assert "indexés" not in after["ris_note"] and "indexé" not in after["prime_note"]


def test_a_misplaced_decimal_point_is_a_warning(tmp_path):
    text = REAL.replace(ANNOUNCED, OFFICIAL_2026.replace("1340.48", "13404.8"), 1)
    findings = check(write(tmp_path, text), TODAY)
    jumps = [w for w in warnings(findings) if "vérifiez la virgule" in w]
    assert len(jumps) == 1 and jumps[0].startswith("ris_monthly, cat2 : 1314.20 le 2025-02-01, puis 13404.8")
