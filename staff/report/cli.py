"""`make report [DAYS=30]` / scripts/report.py: write the staff report (reports/report.html by default)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

from staff.report.analysis import Report, analyse, fill_days, read_domain
from staff.report.grouping import DEFAULT_SIMILARITY, group_similar, training_examples
from staff.report.page import day_fr, render
from staff.report.store import DEFAULT_ENDPOINTS, PROJECT_DIR, ReportError, database_url, read_events

DEFAULT_OUT = PROJECT_DIR / "reports" / "report.html"


def build(endpoints: Path, days: Optional[int] = None, *, threshold: float = 0.5,
          similarity: float = DEFAULT_SIMILARITY, domain: Path = PROJECT_DIR / "domain.yml",
          now: Optional[dt.datetime] = None):
    """(page, report) for the tracker store of an endpoints file; raises ReportError."""
    now = now or dt.datetime.now().astimezone()
    since = (now - dt.timedelta(days=days)) if days else None
    url = database_url(Path(endpoints))
    forms, expiration = read_domain(domain)
    report: Report = analyse(read_events(url, since.timestamp() if since else None), forms=forms,
                             threshold=threshold, expiration_minutes=expiration, now=now.timestamp())
    groups = group_similar([t.text for t in report.missed], similarity, background=training_examples())
    if days:
        period = f"les {days} derniers jours (du {day_fr(since.date())} au {day_fr(now.date())})"
        shown = fill_days(report.days, min(since.date(), report.first or since.date()), now.date())
    elif report.days:
        period = (f"toutes les conversations enregistrées (du {day_fr(report.first)} au "
                  f"{day_fr(report.last)})")
        shown = fill_days(report.days)
    else:
        period = "toutes les conversations enregistrées"
        shown = {}
    page = render(report, groups, generated=now, period=period, threshold=threshold, days=shown)
    return page, report


def _fraction(text: str) -> float:
    value = float(text.replace(",", "."))
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("un nombre entre 0 et 1 est attendu (par exemple 0.5)")
    return value


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("un nombre entier de jours est attendu (par exemple 30)") from None
    if value < 1:
        raise argparse.ArgumentTypeError("le nombre de jours doit être au moins 1")
    return value


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Rapport HTML pour le personnel du CPAS (make report).")
    parser.add_argument("--endpoints", default=str(DEFAULT_ENDPOINTS),
                        help="fichier endpoints qui décrit le tracker store (par défaut endpoints.yml)")
    parser.add_argument("--days", type=_days, default=None, help="seulement les N derniers jours")
    parser.add_argument("--threshold", type=_fraction, default=0.5,
                        help="confiance sous laquelle une réponse compte comme manquée (0.5 par défaut)")
    parser.add_argument("--similarity", type=_fraction, default=DEFAULT_SIMILARITY,
                        help=f"ressemblance (cosinus) pour regrouper deux messages ({DEFAULT_SIMILARITY} par défaut)")
    parser.add_argument("--domain", default=str(PROJECT_DIR / "domain.yml"),
                        help="domain.yml, pour la liste des vérifications guidées")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="fichier HTML à écrire")
    args = parser.parse_args(argv)
    try:
        page, report = build(Path(args.endpoints), args.days, threshold=args.threshold,
                             similarity=args.similarity, domain=Path(args.domain))
    except ReportError as error:
        print(f"Rapport impossible : {error}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    if report.conversations:
        print(f"Rapport écrit : {out} ({report.conversations} conversation(s), {report.turns} message(s), "
              f"{len(report.missed)} manqué(s)).")
    else:
        print(f"Rapport écrit : {out} (aucune conversation sur la période).")
    return 0
