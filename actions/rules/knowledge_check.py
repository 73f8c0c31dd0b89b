"""Checks of the dated parameter file (parameters.yml) for the staff: `make check-knowledge`.

Errors (the file must not be used): it does not load (YAML, a missing source, dates out of order, a value
that is not a number...: the loader in parameters.py says which), a negative amount, a parameter the rules
read that is missing, a last_checked in the future, the prime d'installation different from the catégorie 3
RIS on some date (the law sets it equal), an expected_next_row that is not after the newest row.
Warnings (the file can be used, somebody should look): a parameter whose last check is older than six
months; an announced indexation (``expected_next_row``) whose date has passed without a new row.

No Rasa import; ``check(path, today)`` returns the findings, ``main`` prints them and sets the exit code.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, List, Optional

import yaml

from actions.rules.parameters import DEFAULT_PATH, Parameter, load_parameters

STALE_AFTER_DAYS = 183          # "older than six months"
RULES_DIR = Path(__file__).resolve().parent
PROJECT_DIR = RULES_DIR.parent.parent
NAME_IN_CODE = re.compile(r"""\bparameter\(\s*["']([a-z0-9_]+)["']""")


@dataclass(frozen=True)
class Finding:
    level: str      # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{'ERREUR' if self.level == 'error' else 'ATTENTION'} : {self.message}"


def names_read_by_code(directories: Iterable[Path] = (PROJECT_DIR / "actions",)) -> List[str]:
    """The parameter names that the code reads with parameter("name", ...)."""
    names = set()
    for directory in directories:
        for path in directory.rglob("*.py"):
            if path.resolve() == Path(__file__).resolve():
                continue
            names.update(NAME_IN_CODE.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def _numbers(value) -> Iterable[Decimal]:
    if isinstance(value, Decimal):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            if isinstance(item, Decimal):
                yield item
            else:
                yield from item.values()


def _expected_next_rows(path: Path) -> dict:
    """parameter name -> the date from which a new row is announced (optional field expected_next_row)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name: entry["expected_next_row"] for name, entry in raw.items()
            if isinstance(entry, dict) and "expected_next_row" in entry}


def _premium_equals_category_3(parameters, findings: List[Finding]) -> None:
    ris, premium = parameters.get("ris_monthly"), parameters.get("installation_premium")
    if not ris or not premium:
        return
    start = max(ris.rows[0].since, premium.rows[0].since)
    dates = sorted({row.since for row in ris.rows + premium.rows if row.since >= start} | {start})
    for day in dates:
        cat3, amount = ris.at(day)["cat3"], premium.at(day)["amount"]
        if cat3 != amount:
            findings.append(Finding("error", (
                f"au {day.isoformat()}, la prime d'installation ({amount} €) n'est pas égale au RIS catégorie 3 "
                f"({cat3} €) : la loi les fixe égales. Ajoutez la ligne manquante à la même date dans "
                f"ris_monthly et installation_premium.")))


def check(path: Optional[Path] = None, today: Optional[dt.date] = None,
          required: Optional[Iterable[str]] = None) -> List[Finding]:
    path = Path(path or DEFAULT_PATH)
    today = today or dt.date.today()
    try:
        parameters = load_parameters(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        return [Finding("error", f"le fichier ne peut pas être lu : {error}")]
    findings: List[Finding] = []
    for name in (names_read_by_code() if required is None else required):
        if name not in parameters:
            findings.append(Finding("error", f"le paramètre {name!r} est lu par les règles mais absent du fichier."))
    for name, param in parameters.items():
        for row in param.rows:
            for key, value in row.values.items():
                if any(number < 0 for number in _numbers(value)):
                    findings.append(Finding("error", f"{name}, valeurs du {row.since.isoformat()}, {key} : "
                                                     f"un montant négatif n'a pas de sens."))
        if param.last_checked > today:
            findings.append(Finding("error", f"{name} : last_checked ({param.last_checked.isoformat()}) est dans "
                                             f"le futur."))
        elif (today - param.last_checked).days > STALE_AFTER_DAYS:
            findings.append(Finding("warning", (
                f"{name} : dernière vérification le {param.last_checked.isoformat()}, il y a plus de six mois. "
                f"Vérifiez que la ligne du {param.rows[-1].since.isoformat()} est toujours en vigueur (source : "
                f"{param.rows[-1].source}), puis mettez last_checked à jour.")))
    _premium_equals_category_3(parameters, findings)
    for name, expected in _expected_next_rows(path).items():
        if name not in parameters:
            continue
        if not isinstance(expected, dt.date):
            findings.append(Finding("error", f"{name} : expected_next_row doit être une date AAAA-MM-JJ."))
            continue
        newest = parameters[name].rows[-1].since
        if expected <= newest:
            findings.append(Finding("error", (
                f"{name} : expected_next_row ({expected.isoformat()}) n'est pas après la ligne la plus récente "
                f"({newest.isoformat()}) : retirez-le ou mettez la date de la prochaine indexation annoncée.")))
        elif expected <= today:
            findings.append(Finding("warning", (
                f"{name} : une nouvelle ligne était attendue à partir du {expected.isoformat()} (indexation "
                f"annoncée) et la plus récente date du {newest.isoformat()}. Ajoutez les montants indexés avec "
                f"leur source ; en attendant, les réponses montrent les montants du {newest.isoformat()} avec "
                f"leur date.")))
    return findings


def summary(parameters_count: int, findings: List[Finding]) -> str:
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    verdict = "INVALIDE" if errors else "valide"
    return f"{parameters_count} paramètres ; fichier {verdict} : {errors} erreur(s), {warnings} avertissement(s)."


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie le fichier des montants datés (parameters.yml).")
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="date du jour AAAA-MM-JJ (pour les tests)")
    args = parser.parse_args(argv)
    findings = check(Path(args.path), args.today)
    try:
        count = len(load_parameters(args.path))
    except Exception:  # noqa: BLE001 - already reported as an error finding
        count = 0
    print(f"Vérification de {args.path}")
    for finding in sorted(findings, key=lambda f: f.level):
        print(f"  {finding}")
    print(summary(count, findings))
    return 1 if any(f.level == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
