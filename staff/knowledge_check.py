"""Checks of the dated parameter file (parameters.yml) for the staff: `make check-knowledge`.

The file is read by the loader of parameters.py (``read_parameters``), which already refuses a file that is
not valid YAML, a date written twice, dates out of order, a row without its source, a value that is not a
number, a missing description / unit / last_checked, an ``expected_next_row`` that is not a date. On top of
that, this module finds:

Errors (the file must not be used; exit code 1):
- a parameter that the rules read (``parameter("name", ...)`` in actions/) is missing;
- a header field the format does not know (a typo such as ``last_check`` or ``expected_next_rows``);
- a row without a field that the other rows of the parameter have, or with a field they do not have (the
  rules read the same fields on every date);
- a negative number;
- on some date, the prime d'installation is not equal to the RIS of catégorie 3 (famille à charge): the law
  sets them equal, so a new row of one needs the same row in the other;
- a last_checked in the future; an ``expected_next_row`` that is not after the newest row (the announced row
  was added: remove the field).
Warnings (the file can be used, somebody should look; exit code 0):
- a parameter whose last check (``last_checked``) is more than six months old;
- an announced indexation (``expected_next_row``) whose date has passed while the newest row is older;
- a value more than 1.5 times (or less than 1/1.5 times) the same value of the previous row: an indexation
  is a few per cent, so this is often a misplaced decimal point.

No Rasa import; ``check(path, today)`` returns the findings, ``main`` prints them and sets the exit code.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, List, Mapping, Optional, Tuple

import yaml

from actions.rules.parameters import DEFAULT_PATH, Parameter, read_parameters

STALE_AFTER_MONTHS = 6
SUSPICIOUS_RATIO = Decimal("1.5")
PROJECT_DIR = Path(__file__).resolve().parents[1]
RULES_DIR = PROJECT_DIR / "actions" / "rules"
NAME_IN_CODE = re.compile(r"""\bparameter(?:_info)?\(\s*["']([a-z0-9_]+)["']""")
PREMIUM, RIS, RIS_CATEGORY_3 = "installation_premium", "ris_monthly", "cat3"


@dataclass(frozen=True)
class Finding:
    level: str      # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{'ERREUR' if self.level == 'error' else 'ATTENTION'} : {self.message}"


def error(message: str) -> Finding:
    return Finding("error", message)


def warning(message: str) -> Finding:
    return Finding("warning", message)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def names_read_by_code(directories: Iterable[Path] = (PROJECT_DIR / "actions",)) -> List[str]:
    """The parameter names that the code reads with parameter("name", ...) or parameter_info("name")."""
    names = set()
    for directory in directories:
        for path in directory.rglob("*.py"):
            if path.resolve() == Path(__file__).resolve():
                continue
            names.update(NAME_IN_CODE.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def _numbers(value) -> Iterable[Tuple[str, Decimal]]:
    """(where, number) for a field: a number, a list of numbers, or a list of mappings (price bands)."""
    if isinstance(value, Decimal):
        yield "", value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, Decimal):
                yield f"[{index + 1}]", item
            else:
                for key, number in item.items():
                    yield f"[{index + 1}].{key}", number


def _fields(name: str, param: Parameter) -> List[Finding]:
    findings = []
    newest = param.rows[-1]
    expected = set(newest.values)
    for row in param.rows[:-1]:
        missing, extra = sorted(expected - set(row.values)), sorted(set(row.values) - expected)
        if missing:
            findings.append(error(
                f"{name}, valeurs du {row.since.isoformat()} : il manque {', '.join(missing)} (présent dans la "
                f"ligne du {newest.since.isoformat()}) ; chaque ligne doit avoir les mêmes champs."))
        if extra:
            findings.append(error(
                f"{name}, valeurs du {newest.since.isoformat()} : il manque {', '.join(extra)} (présent dans la "
                f"ligne du {row.since.isoformat()}) ; chaque ligne doit avoir les mêmes champs."))
    return findings


def _values(name: str, param: Parameter) -> List[Finding]:
    findings = []
    previous = None
    for row in param.rows:
        for key, value in row.values.items():
            for where, number in _numbers(value):
                if number < 0:
                    findings.append(error(f"{name}, valeurs du {row.since.isoformat()}, {key}{where} : "
                                          f"{number} est négatif ; un montant, un taux ou un délai ne l'est jamais."))
        if previous is not None:
            for key, value in row.values.items():
                if key not in previous.values:
                    continue
                for (where, new), (_, old) in zip(_numbers(value), _numbers(previous.values[key])):
                    if old > 0 and new > 0 and (new / old > SUSPICIOUS_RATIO or old / new > SUSPICIOUS_RATIO):
                        findings.append(warning(
                            f"{name}, {key}{where} : {old} le {previous.since.isoformat()}, puis {new} le "
                            f"{row.since.isoformat()}. Un tel écart est rare (une indexation fait quelques pour "
                            f"cent) : vérifiez la virgule et la source."))
        previous = row
    return findings


def _premium_equals_category_3(parameters: Mapping[str, Parameter]) -> List[Finding]:
    ris, premium = parameters.get(RIS), parameters.get(PREMIUM)
    if not ris or not premium:
        return []
    findings = []
    start = max(ris.rows[0].since, premium.rows[0].since)
    for day in sorted({row.since for row in ris.rows + premium.rows if row.since >= start} | {start}):
        ris_row, premium_row = ris.at(day), premium.at(day)
        if RIS_CATEGORY_3 not in ris_row or "amount" not in premium_row:
            continue                                 # reported by the field check
        cat3, amount = ris_row[RIS_CATEGORY_3], premium_row["amount"]
        if cat3 != amount:
            findings.append(error(
                f"au {day.isoformat()}, la prime d'installation ({amount} €, ligne du "
                f"{premium_row.since.isoformat()} de {PREMIUM}) n'est pas égale au RIS catégorie 3 "
                f"({cat3} €, ligne du {ris_row.since.isoformat()} de {RIS}) : la loi les fixe égales. Ajoutez "
                f"une ligne à la même date, avec le même montant, dans {RIS} ({RIS_CATEGORY_3}) et {PREMIUM}."))
    return findings


def _dates(name: str, param: Parameter, today: dt.date) -> List[Finding]:
    findings = []
    newest = param.rows[-1]
    if param.last_checked > today:
        findings.append(error(f"{name} : last_checked ({param.last_checked.isoformat()}) est dans le futur ; "
                              f"mettez la date du jour où vous avez vérifié la source."))
    elif add_months(param.last_checked, STALE_AFTER_MONTHS) < today:
        findings.append(warning(
            f"{name} : dernière vérification le {param.last_checked.isoformat()}, il y a plus de six mois. "
            f"Vérifiez que la ligne du {newest.since.isoformat()} est toujours en vigueur (source : "
            f"{newest.source}), ajoutez une ligne si le montant a changé, puis mettez last_checked à jour."))
    expected = param.expected_next_row
    if expected is not None:
        if expected <= newest.since:
            findings.append(error(
                f"{name} : expected_next_row ({expected.isoformat()}) n'est pas après la ligne la plus récente "
                f"({newest.since.isoformat()}). Si la ligne annoncée a été ajoutée, retirez expected_next_row ; "
                f"sinon mettez la date de la prochaine indexation annoncée."))
        elif expected <= today:
            findings.append(warning(
                f"{name} : une indexation était annoncée à partir du {expected.isoformat()} (expected_next_row) "
                f"et la ligne la plus récente date du {newest.since.isoformat()}. Ajoutez la ligne avec les "
                f"montants indexés et leur source, puis retirez expected_next_row ; en attendant, les réponses "
                f"montrent les montants du {newest.since.isoformat()} avec leur date."))
    return findings


def check(path: Optional[Path] = None, today: Optional[dt.date] = None,
          required: Optional[Iterable[str]] = None) -> List[Finding]:
    """Every finding about a parameter file, errors first."""
    path = Path(path or DEFAULT_PATH)
    today = today or dt.date.today()
    try:
        parameters = read_parameters(path)
    except (OSError, ValueError, yaml.YAMLError) as problem:
        return [error(f"le fichier ne peut pas être lu : {' '.join(str(problem).split())}")]
    findings: List[Finding] = []
    for name in (names_read_by_code() if required is None else required):
        if name not in parameters:
            findings.append(error(f"le paramètre {name!r} est lu par les règles (actions/) mais absent du fichier."))
    for name, param in parameters.items():
        for field in param.unknown_fields:
            findings.append(error(f"{name} : champ inconnu {field!r} (champs possibles : description, unit, "
                                  f"last_checked, expected_next_row, values). Faute de frappe ?"))
        findings += _fields(name, param)
        findings += _values(name, param)
        findings += _dates(name, param, today)
    findings += _premium_equals_category_3(parameters)
    return sorted(findings, key=lambda f: f.level != "error")


def summary(path: Path, findings: List[Finding], today: dt.date) -> List[str]:
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    try:
        parameters = read_parameters(path)
    except Exception:  # broad on purpose: already reported as an error finding
        parameters = {}
    lines = []
    if parameters:
        announced = sorted(name for name, p in parameters.items() if p.expected_next_row)
        lines.append(f"{len(parameters)} paramètres lus. Date du jour : {today.isoformat()} ; une dernière "
                     f"vérification (last_checked) de plus de {STALE_AFTER_MONTHS} mois donne un avertissement.")
        lines.append("Indexations : le fichier annonce la prochaine ligne attendue avec expected_next_row ("
                     + (", ".join(announced) if announced else "aucun paramètre pour l'instant")
                     + ") ; un avertissement vient quand cette date est passée sans nouvelle ligne.")
    verdict = ("INVALIDE : corrigez les erreurs avant de redémarrer le bot" if errors
               else "valide : le bot peut l'utiliser")
    lines.append(f"Fichier {verdict} ({errors} erreur(s), {warnings} avertissement(s)).")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Vérifie le fichier des montants datés (actions/rules/parameters.yml).")
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="le fichier à vérifier")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="date du jour AAAA-MM-JJ (par défaut aujourd'hui ; pour les tests)")
    args = parser.parse_args(argv)
    today = args.today or dt.date.today()
    path = Path(args.path)
    findings = check(path, today)
    print(f"Vérification de {path}")
    for finding in findings:
        print(f"  {finding}")
    for line in summary(path, findings, today):
        print(line)
    return 1 if any(f.level == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
