"""A staff-edited YAML file read again only when it changes. Pure Python.

knowledge/danger_signs.yml, knowledge/sites.yml and knowledge/emergency.yml are edited by CPAS staff while the
servers run: each is read once, then again only when its modification time or size changes, and a broken file
never stops the bot: the last good version is kept, and an error is logged.

    SIGNS = WatchedFile(build=_build, broken=(ValueError, ...), what="Signes de danger illisibles",
                        first_failure=lambda error: _build(DEFAULT_SIGNS, ""))
    SIGNS.load(path)  -> the built value, from the cache while the file is unchanged
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Generic, Tuple, Type, TypeVar, Union

import yaml

logger = logging.getLogger(__name__)

T = TypeVar("T")
Stamp = Tuple[int, int]


def stamp_of(path: str) -> Stamp:
    """(modification time in ns, size); (-1, -1) when the file cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


class WatchedFile(Generic[T]):
    """``load(path)`` gives ``build(parsed YAML or {}, path)``, rebuilt only when the file changed.

    When reading or building fails with one of ``broken`` (OSError and yaml.YAMLError are always added), the
    error is logged as "<what> (<path>) : <error>" and the last good value is kept; the first time there is
    none, ``first_failure(error)`` gives the value (a built-in default) or raises.
    """

    def __init__(self, build: Callable[[Any, str], T], broken: Tuple[Type[BaseException], ...], what: str,
                 first_failure: Callable[[BaseException], T]):
        self.build = build
        self.broken = (OSError, yaml.YAMLError, *broken)
        self.what = what
        self.first_failure = first_failure
        self._lock = threading.Lock()
        self._cache: Dict[str, Tuple[Stamp, T]] = {}

    def load(self, path: Union[str, Path]) -> T:
        path = str(path)
        stamp = stamp_of(path)
        with self._lock:
            cached = self._cache.get(path)
            if cached and cached[0] == stamp:
                return cached[1]
            try:
                with open(path, encoding="utf-8") as handle:
                    value = self.build(yaml.safe_load(handle) or {}, path)
            except self.broken as error:
                logger.error("%s (%s) : %s", self.what, path, error)
                value = cached[1] if cached else self.first_failure(error)
            self._cache[path] = (stamp, value)
            return value
