"""The commune profile: which CPAS this deployment speaks for (knowledge/profiles/<name>.yml).

The profile is chosen with the environment variable CPAS_PROFILE (default: la-hulpe) and read at the
start of each conversation, so that another commune needs no retraining.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from actions.lib.text import domain_of

PROFILES_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "profiles"
DEFAULT_PROFILE = "la-hulpe"
REGIONS = ("wallonia", "brussels", "flanders")


@dataclass(frozen=True)
class Profile:
    commune: str
    postal_code: str
    region: str
    cpas_name: str
    cpas_address: str
    cpas_phone: str
    cpas_hours: str
    cpas_website: str
    commune_website: str

    @property
    def official_domains(self) -> tuple:
        """The commune's and the CPAS's own sites, never to be warned about."""
        return tuple(d for d in (domain_of(self.commune_website), domain_of(self.cpas_website)) if d)


def load_profile(name: Optional[str] = None, directory: Path = PROFILES_DIR) -> Profile:
    """Read and check a profile; a missing or incomplete file is a clear error."""
    name = name or os.environ.get("CPAS_PROFILE") or DEFAULT_PROFILE
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise ValueError(f"Nom de profil invalide : {name!r}")
    path = directory / f"{name}.yml"
    if not path.is_file():
        raise ValueError(f"Profil de commune introuvable : {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cpas = data.get("cpas") or {}
    missing = [k for k in ("commune", "region") if not data.get(k)]
    missing += [f"cpas.{k}" for k in ("name", "address", "phone", "hours") if not cpas.get(k)]
    if missing:
        raise ValueError(f"Profil {path.name} incomplet : {', '.join(missing)}")
    if data["region"] not in REGIONS:
        raise ValueError(f"Profil {path.name} : région inconnue {data['region']!r} ({', '.join(REGIONS)})")
    return Profile(
        commune=str(data["commune"]),
        postal_code=str(data.get("postal_code") or ""),
        region=data["region"],
        cpas_name=str(cpas["name"]),
        cpas_address=str(cpas["address"]),
        cpas_phone=str(cpas["phone"]),
        cpas_hours=" ".join(str(cpas["hours"]).split()),
        cpas_website=str(cpas.get("website") or ""),
        commune_website=str(data.get("commune_website") or ""),
    )
