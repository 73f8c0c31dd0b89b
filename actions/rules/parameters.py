"""Dated amounts and thresholds, read once from parameters.yml.

Each parameter keeps all its rows, keyed by the date they apply from; ``parameter(name, on)`` returns the
official row in force on a date. Numbers become ``Decimal`` (through ``str`` so that 1314.20 stays 1314.20).

A row with ``status: announced`` (the openfisca way) records an announced change, e.g. an indexation of
``rate: 0.02`` whose official amounts are not published yet: it has its date, its rate and its source, and no
amount. ``parameter`` never returns it (the amounts stay those of the official row before it);
``announcement(name, on)`` returns it from its date on, until an official row of the same or a later date.

The file is ``actions/rules/parameters.yml``, or the file named by the environment variable CPAS_PARAMETERS
(read here, in ``parameters_path``, and nowhere else): a copy with a future row lets staff and tests preview it.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional, Tuple, Union

import yaml

DEFAULT_PATH = Path(__file__).with_name("parameters.yml")
PATH_VARIABLE = "CPAS_PARAMETERS"
TEXT_FIELDS = ("source", "note", "status")
ANNOUNCED = "announced"
ANNOUNCED_FIELDS = ("rate",)
HEADER_FIELDS = ("description", "unit", "last_checked", "values")
# Optional: the date from which a new row is announced (an indexation); `make check-knowledge` warns once it
# has passed while the newest row is older.
OPTIONAL_HEADER_FIELDS = ("expected_next_row",)

Value = Union[Decimal, Tuple[Any, ...]]


@dataclass(frozen=True)
class Row:
    """The values of one parameter from the date ``since``, with their source."""

    name: str
    since: dt.date
    source: str
    note: Optional[str]
    values: Mapping[str, Value]
    status: str = "official"

    @property
    def announced(self) -> bool:
        """An announced change (an indexation rate, no amounts yet), never used for an amount."""
        return self.status == ANNOUNCED

    def __getitem__(self, key: str) -> Value:
        try:
            return self.values[key]
        except KeyError:
            raise KeyError(f"{self.name} (valeurs du {self.since}) n'a pas de champ {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self.values


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    last_checked: dt.date
    rows: Tuple[Row, ...]
    expected_next_row: Optional[dt.date] = None
    # Header fields the format does not know (a typo such as "expected_next_rows"): kept so that
    # `make check-knowledge` can report them; the rules ignore them.
    unknown_fields: Tuple[str, ...] = ()

    @property
    def official_rows(self) -> Tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.announced)

    @property
    def announced_rows(self) -> Tuple[Row, ...]:
        return tuple(row for row in self.rows if row.announced)

    def at(self, on: dt.date) -> Row:
        """The official row in force on ``on``: the last one whose date is not after ``on``."""
        on = _as_day(on)
        found = None
        for row in self.official_rows:
            if row.since > on:
                break
            found = row
        if found is None:
            raise ValueError(
                f"Paramètre {self.name!r} : aucune valeur connue au {on.isoformat()} "
                f"(première valeur au {self.rows[0].since.isoformat()})."
            )
        return found

    def announcement(self, on: dt.date) -> Optional[Row]:
        """The announced row in force on ``on`` (its date has come and no official row replaces it yet)."""
        on = _as_day(on)
        found = None
        for row in self.rows:
            if row.since > on:
                break
            found = row if row.announced else None
        return found


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice (PyYAML would keep the last one silently)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    shown = key.isoformat() if isinstance(key, dt.date) else key
                    raise ValueError(f"clé en double {shown!r} (ligne {key_node.start_mark.line + 1})")
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node):
        """Keep the written digits: 1314.20 becomes Decimal("1314.20"), never a binary float."""
        value = super().construct_yaml_float(node)
        try:
            return Decimal(self.construct_scalar(node).replace("_", ""))
        except ArithmeticError:
            return value


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


def _as_day(on: Any) -> dt.date:
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    raise ValueError(f"Une date est attendue, reçu {on!r}.")


def _number(raw: Any, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        raise ValueError(f"{where} : {raw!r} n'est pas un nombre.")
    value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    if not value.is_finite():
        raise ValueError(f"{where} : {raw!r} n'est pas un nombre fini.")
    return value


def _field(raw: Any, where: str) -> Value:
    """A number, a list of numbers, or a list of mappings of numbers (e.g. heating price bands)."""
    if isinstance(raw, list):
        if not raw:
            raise ValueError(f"{where} : liste vide.")
        items = []
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                if not item:
                    raise ValueError(f"{where}[{index}] : élément vide.")
                items.append(
                    MappingProxyType({k: _number(v, f"{where}[{index}].{k}") for k, v in item.items()})
                )
            else:
                items.append(_number(item, f"{where}[{index}]"))
        return tuple(items)
    return _number(raw, where)


def _row(name: str, since: Any, raw: Any, where: str) -> Row:
    if not isinstance(since, dt.date) or isinstance(since, dt.datetime):
        raise ValueError(f"{where} : la clé {since!r} n'est pas une date AAAA-MM-JJ.")
    where = f"{where}, valeurs du {since.isoformat()}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} : un dictionnaire de valeurs est attendu.")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"{where} : la source manque.")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"{where} : la note doit être un texte.")
    status = raw.get("status", "official")
    if status not in ("official", ANNOUNCED):
        raise ValueError(f"{where} : status {status!r} inconnu (official, ou {ANNOUNCED} pour un changement "
                         f"annoncé sans montants).")
    values = {key: _field(value, f"{where}, {key}") for key, value in raw.items() if key not in TEXT_FIELDS}
    if status == ANNOUNCED:
        extra = sorted(set(values) - set(ANNOUNCED_FIELDS))
        if extra:
            raise ValueError(f"{where} : une ligne annoncée (status: {ANNOUNCED}) n'a pas de montants "
                             f"({', '.join(extra)}) : seulement rate, source (et note). Quand les montants "
                             f"officiels sont publiés, remplacez-la par la ligne officielle.")
        rate = values.get("rate")
        if not isinstance(rate, Decimal) or not Decimal(0) < rate < Decimal(1):
            raise ValueError(f"{where} : une ligne annoncée donne son taux, rate, entre 0 et 1 (0.02 pour +2 %).")
    if not values:
        raise ValueError(f"{where} : aucune valeur chiffrée.")
    return Row(name=name, since=since, source=source.strip(), note=note, values=MappingProxyType(values),
               status=status)


def _parameter(name: str, raw: Any, origin: str) -> Parameter:
    where = f"{origin} : paramètre {name!r}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} : un dictionnaire est attendu.")
    missing = [key for key in HEADER_FIELDS if key not in raw]
    if missing:
        raise ValueError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}.")
    for key in ("description", "unit"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ValueError(f"{where} : {key} doit être un texte non vide.")
    if not isinstance(raw["last_checked"], dt.date):
        raise ValueError(f"{where} : last_checked doit être une date AAAA-MM-JJ.")
    if not isinstance(raw["values"], dict) or not raw["values"]:
        raise ValueError(f"{where} : values doit contenir au moins une ligne datée.")
    expected = raw.get("expected_next_row")
    if expected is not None and (not isinstance(expected, dt.date) or isinstance(expected, dt.datetime)):
        raise ValueError(f"{where} : expected_next_row doit être une date AAAA-MM-JJ.")
    rows = tuple(_row(name, since, value, where) for since, value in raw["values"].items())
    if all(row.announced for row in rows):
        raise ValueError(f"{where} : au moins une ligne officielle (avec ses montants) est nécessaire.")
    for before, after in zip(rows, rows[1:]):
        if after.since <= before.since:
            raise ValueError(
                f"{where} : dates dans le désordre ({before.since.isoformat()} puis "
                f"{after.since.isoformat()}) ; écrivez les lignes de la plus ancienne à la plus récente."
            )
    return Parameter(
        name=name,
        description=" ".join(raw["description"].split()),
        unit=raw["unit"],
        last_checked=raw["last_checked"],
        rows=rows,
        expected_next_row=expected,
        unknown_fields=tuple(str(key) for key in raw if key not in HEADER_FIELDS + OPTIONAL_HEADER_FIELDS),
    )


def parameters_path(path: Union[str, Path, None] = None) -> Path:
    """The parameter file: ``path``, else $CPAS_PARAMETERS, else actions/rules/parameters.yml."""
    return Path(path or os.environ.get(PATH_VARIABLE) or DEFAULT_PATH).resolve()


def read_parameters(path: Union[str, Path, None] = None) -> Mapping[str, Parameter]:
    """Read and validate a parameter file now, without the cache of ``load_parameters`` (for
    `make check-knowledge`, which must see the file as it is on disk)."""
    return _read(str(parameters_path(path)))


@lru_cache(maxsize=8)
def _load(path: str) -> Mapping[str, Parameter]:
    return _read(path)


def _read(path: str) -> Mapping[str, Parameter]:
    origin = Path(path).name
    with open(path, encoding="utf-8") as handle:
        try:
            raw = yaml.load(handle, Loader=_StrictLoader)  # _StrictLoader is a SafeLoader subclass
        except ValueError as error:
            raise ValueError(f"{origin} : {error}") from None
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{origin} : le fichier doit contenir des paramètres.")
    return MappingProxyType({name: _parameter(name, value, origin) for name, value in raw.items()})


def load_parameters(path: Union[str, Path, None] = None) -> Mapping[str, Parameter]:
    """Read and validate a parameter file (the project's one by default); each file is read once."""
    return _load(str(parameters_path(path)))


def parameter_info(name: str, path: Union[str, Path, None] = None) -> Parameter:
    """The whole parameter: description, unit, last_checked and every dated row."""
    parameters = load_parameters(path)
    if name not in parameters:
        raise KeyError(f"Paramètre inconnu : {name!r}.")
    return parameters[name]


def parameter(name: str, on: dt.date, path: Union[str, Path, None] = None) -> Row:
    """The row of ``name`` in force on ``on``.

    Raises KeyError for an unknown name and ValueError for a date before the first known row.
    """
    return parameter_info(name, path).at(on)


def announcement(name: str, on: dt.date, path: Union[str, Path, None] = None) -> Optional[Row]:
    """The announced (not yet official) change of ``name`` in force on ``on``, if any."""
    return parameter_info(name, path).announcement(on)
