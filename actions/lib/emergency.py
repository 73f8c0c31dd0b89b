"""The urgent numbers of knowledge/emergency.yml, as the values the danger answers need. Pure Python.

Staff edit the file (every number with its source and the date it was checked); it is reread when it changes
and a broken file keeps the last good version. ``danger_values(region)`` gives the template values of the
responses utter_danger_* (data/responses/crisis.yml): the numbers are never typed in an answer.

    danger_values("brussels")["shelter_line"] -> "Samusocial 0800 99 340 (gratuit, 24 h/24)"
    danger_values("wallonia")["shelter_line"] -> ""   (no regional number: the answer sends to the CPAS and 112)
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, Optional, Union

from actions.lib.watched_file import WatchedFile

logger = logging.getLogger(__name__)

EMERGENCY_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "emergency.yml"
NATIONAL_KEYS = ("emergency", "police", "suicide", "listening", "violence")
REGIONS = ("brussels", "wallonia", "flanders")
REGIONAL_KEYS = ("shelter", "violence", "suicide")
ENTRY_KEYS = ("number", "source", "checked")


class EmergencyFileError(ValueError):
    """The file is missing a number, a source or a check date."""


def _check_entry(where: str, entry: Any) -> Dict[str, str]:
    if not isinstance(entry, dict):
        raise EmergencyFileError(f"{where} : une ligne doit avoir name, number, hours, source, checked")
    missing = [key for key in ENTRY_KEYS if not str(entry.get(key) or "").strip()]
    if missing:
        raise EmergencyFileError(f"{where} : il manque {', '.join(missing)}")
    return {key: str(entry.get(key) or "").strip() for key in ("name", "number", "hours", "source", "checked")}


def parse(data: Any) -> Dict[str, Any]:
    """The checked content of the file: {"national": {key: entry}, "regions": {region: {key: entry or None}}}."""
    if not isinstance(data, dict):
        raise EmergencyFileError("le fichier doit contenir national et regions")
    national_raw = data.get("national") or {}
    national = {key: _check_entry(f"national.{key}", national_raw.get(key)) for key in NATIONAL_KEYS}
    regions: Dict[str, Dict[str, Optional[Dict[str, str]]]] = {}
    for region in REGIONS:
        raw = (data.get("regions") or {}).get(region) or {}
        regions[region] = {key: (_check_entry(f"regions.{region}.{key}", raw[key]) if raw.get(key) else None)
                           for key in REGIONAL_KEYS}
    return {"national": national, "regions": regions, "last_checked": str(data.get("last_checked") or "")}


def _never_read(error: BaseException) -> Dict[str, Any]:
    raise EmergencyFileError(str(error)) from error


_EMERGENCY_FILE = WatchedFile(build=lambda data, path: parse(data),
                              broken=(EmergencyFileError, AttributeError, TypeError),
                              what="Numéros d'urgence illisibles", first_failure=_never_read)


def load_emergency(path: Union[str, Path, None] = None) -> Dict[str, Any]:
    """The file, reread only when it changed; a broken file keeps the last good version (or raises the first time)."""
    return _EMERGENCY_FILE.load(path or EMERGENCY_FILE)


def line(entry: Optional[Dict[str, str]]) -> str:
    """'Centre de Prévention du Suicide 0800 32 123 (gratuit, anonyme, 24 h/24)'."""
    if not entry:
        return ""
    text = " ".join(part for part in (entry.get("name"), entry.get("number")) if part)
    return f"{text} ({entry['hours']})" if entry.get("hours") else text


def _with_regional(national: Dict[str, str], regional: Optional[Dict[str, str]]) -> str:
    """The national line, then the region's own line if it has one (the national one stays first)."""
    text = line(national)
    return f"{text}, ou {line(regional)}" if regional else text


def danger_values(region: str, path: Union[str, Path, None] = None) -> Dict[str, str]:
    """Template values of the utter_danger_* responses for the profile's region."""
    content = load_emergency(path)
    national = content["national"]
    regional = content["regions"].get(region) or {}
    return {
        "emergency_number": national["emergency"]["number"],
        "police_number": national["police"]["number"],
        "suicide_line": _with_regional(national["suicide"], regional.get("suicide")),
        "listening_line": line(national["listening"]),
        "violence_line": _with_regional(national["violence"], regional.get("violence")),
        "shelter_line": line(regional.get("shelter")),
    }
