"""Retention: delete old conversations from the SQL tracker store (`make purge DAYS=30`).

- A conversation (one sender) whose last event is older than DAYS days is deleted entirely.
- In a conversation still active, the events older than DAYS days are deleted too: nothing older than DAYS
  days is kept. Rasa rebuilds a conversation from the events that remain.
- SQLite: the file is then VACUUMed, so that the deleted messages really leave the file.
It prints counts only, never a sender id. The tracker store is read from an endpoints file (endpoints.yml by
default; SQLite or PostgreSQL), as cpas_rasa/staff_report.py reads it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import List, Optional, Tuple

from cpas_rasa.staff_report import PROJECT_DIR, ReportError, database_url

DAY = 86_400


def purge(url: str, days: int, dry_run: bool = False, now: Optional[float] = None) -> Tuple[int, int]:
    """Delete what is older than `days` days; returns (conversations deleted entirely, events deleted)."""
    import sqlalchemy as sa

    if days < 1:
        raise ValueError("DAYS doit être un nombre entier de jours, au moins 1.")
    cutoff = (now or time.time()) - days * DAY
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise ReportError("la base ne contient pas de table « events ».")
            gone = connection.execute(sa.text(
                "SELECT COUNT(*) FROM (SELECT sender_id FROM events GROUP BY sender_id "
                "HAVING MAX(timestamp) < :cutoff) AS old"), {"cutoff": cutoff}).scalar_one()
            events = connection.execute(sa.text("SELECT COUNT(*) FROM events WHERE timestamp < :cutoff"),
                                        {"cutoff": cutoff}).scalar_one()
            if not dry_run:
                # Every event older than the cutoff goes: that empties the inactive conversations entirely.
                connection.execute(sa.text("DELETE FROM events WHERE timestamp < :cutoff"), {"cutoff": cutoff})
        if not dry_run and engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM"))
    finally:
        engine.dispose()
    return int(gone), int(events)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Efface les conversations plus anciennes que N jours.")
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--endpoints", default=str(PROJECT_DIR / "endpoints.yml"))
    parser.add_argument("--dry-run", action="store_true", help="compter sans effacer")
    args = parser.parse_args(argv)
    try:
        url = database_url(Path(args.endpoints))
        conversations, events = purge(url, args.days, dry_run=args.dry_run)
    except (ReportError, ValueError) as error:
        print(f"Purge impossible : {error}", file=sys.stderr)
        return 1
    verb = "seraient effacés" if args.dry_run else "effacés"
    print(f"Plus de {args.days} jours : {conversations} conversation(s) entière(s) et {events} événement(s) {verb}.")
    return 0
