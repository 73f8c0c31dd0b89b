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
- an announced row (``status: announced``) that is not an announcement: it gives its ``rate`` (between 0 and
  1) and its source and NO amount (the loader refuses it too); the official row replaces it (same date);
- a ``prime d'installation`` parameter: the premium is the catégorie 3 RIS of the same date, derived by the
  rules (actions/rules/installation_premium.py), never entered twice;
- a last_checked in the future; an ``expected_next_row`` that is not after the newest row (the announced row
  was added: remove the field).
Warnings (the file can be used, somebody should look; exit code 0):
- an official row of ris_monthly without the official yearly amounts of the same date in ris_yearly, or the
  reverse;
- a parameter whose last check (``last_checked``) is more than six months old;
- an announced indexation (an announced row, or ``expected_next_row``) whose date has passed without its
  official amounts: the answers keep the older amounts with their date and say that they were indexed;
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

from actions.rules.fr import format_percent
from actions.rules.parameters import DEFAULT_PATH, Parameter, parameters_path, read_parameters  # noqa: F401

STALE_AFTER_MONTHS = 6
SUSPICIOUS_RATIO = Decimal("1.5")
PROJECT_DIR = Path(__file__).resolve().parents[1]
RULES_DIR = PROJECT_DIR / "actions" / "rules"
# parameter("name", ...), parameter_info("name"), and row("name"): the reader of the quoted facts
# (actions/rules/quoted.py), which reads most parameters for the answers.
NAME_IN_CODE = re.compile(r"""\b(?:parameter(?:_info)?|row)\(\s*["']([a-z0-9_]+)["']""")
PREMIUM = "installation_premium"   # no longer a parameter: derived from ris_monthly.cat3


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
    """The parameter names that the code reads with parameter("name", ...), parameter_info("name") or row("name")."""
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
    """The official rows have the same fields (the announced ones have only their rate: see _announced)."""
    findings = []
    official = param.official_rows
    newest = official[-1]
    expected = set(newest.values)
    for row in official[:-1]:
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
    for row in param.official_rows:
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


def _announced(name: str, param: Parameter, today: dt.date) -> List[Finding]:
    """An announced row: its rate, its source, no amount; a warning once its date has come."""
    findings = []
    for row in param.announced_rows:
        where = f"{name}, ligne annoncée du {row.since.isoformat()}"
        rate = row.values.get("rate")
        if set(row.values) != {"rate"} or not isinstance(rate, Decimal) or not 0 < rate < 1:
            findings.append(error(f"{where} : une ligne annoncée a seulement rate (entre 0 et 1), source et "
                                  f"note, aucun montant."))
        if not row.source.strip():
            findings.append(error(f"{where} : la source de l'annonce manque."))
        if row.since <= today and param.announcement(today) is row:
            findings.append(warning(
                f"{where} : l'indexation annoncée ({format_percent(rate)}) s'applique depuis le "
                f"{row.since.isoformat()} et ses montants officiels ne sont pas encore dans le fichier. "
                f"Les réponses montrent les "
                f"montants du {param.at(today).since.isoformat()} avec leur date, disent qu'ils ont été indexés "
                f"et renvoient au CPAS. Quand les montants officiels sont publiés, remplacez cette ligne par la "
                f"ligne officielle (même date, montants, source)."))
    return findings


def _yearly_beside_monthly(parameters: Mapping[str, Parameter]) -> List[Finding]:
    """ris_yearly has an official row at each date of ris_monthly (from its first row on), and the reverse."""
    monthly, yearly = parameters.get("ris_monthly"), parameters.get("ris_yearly")
    if not monthly or not yearly:
        return []
    start = yearly.official_rows[0].since
    months = {row.since for row in monthly.official_rows if row.since >= start}
    years = {row.since for row in yearly.official_rows}
    return [warning(f"ris_monthly et ris_yearly : une ligne officielle au {day.isoformat()} dans "
                    f"{'ris_monthly' if day in months else 'ris_yearly'} seulement ; ajoutez les montants "
                    f"{'annuels' if day in months else 'mensuels'} officiels de la même date (même source).")
            for day in sorted(months ^ years)]


def _no_premium_copy(parameters: Mapping[str, Parameter]) -> List[Finding]:
    if PREMIUM not in parameters:
        return []
    return [error(f"{PREMIUM} : la prime d'installation est le montant mensuel du RIS de catégorie 3 à la même "
                  f"date (loi du 26 mai 2002, art. 14 §3) ; les règles la déduisent de ris_monthly.cat3. "
                  f"Supprimez ce paramètre : un seul montant à entrer.")]


def _dates(name: str, param: Parameter, today: dt.date) -> List[Finding]:
    findings = []
    newest = param.official_rows[-1]
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
    path = parameters_path(path)
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
        findings += _announced(name, param, today)
        findings += _dates(name, param, today)
    findings += _no_premium_copy(parameters)
    findings += _yearly_beside_monthly(parameters)
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
        announced = sorted(name for name, p in parameters.items() if p.expected_next_row or p.announced_rows)
        lines.append(f"{len(parameters)} paramètres lus. Date du jour : {today.isoformat()} ; une dernière "
                     f"vérification (last_checked) de plus de {STALE_AFTER_MONTHS} mois donne un avertissement.")
        lines.append("Indexations : le fichier annonce les changements attendus par une ligne status: announced ("
                     + (", ".join(announced) if announced else "aucun paramètre pour l'instant")
                     + ") ; un avertissement vient quand cette date est passée sans nouvelle ligne.")
    verdict = ("INVALIDE : corrigez les erreurs avant de redémarrer le bot" if errors
               else "valide : le bot peut l'utiliser")
    lines.append(f"Fichier {verdict} ({errors} erreur(s), {warnings} avertissement(s)).")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Vérifie le fichier des montants datés (actions/rules/parameters.yml).")
    parser.add_argument("path", nargs="?", default=str(parameters_path()),
                        help="le fichier à vérifier (par défaut $CPAS_PARAMETERS, sinon actions/rules/parameters.yml)")
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
