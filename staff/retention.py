"""Retention: delete old conversations from the SQL tracker store (`make purge DAYS=30`).

Rule, for DAYS = N (a whole number of days, at least 1; 0 or less is refused):
- the cut-off is now - N x 24 h; an event is old when its timestamp is before the cut-off;
- a conversation (one sender id) whose last event is old is deleted entirely;
- in a conversation still active (its last event is recent), the old events are deleted too: nothing older
  than N days is kept. Rasa reads a conversation from the start of its current session (the last
  "session_started" event; a session ends after 60 minutes without a message, domain.yml), so deleting the
  old sessions does not change what the bot knows;
- except when the current session itself started before the cut-off (someone who kept writing, never 60
  minutes apart, for N days): that conversation is deleted entirely, because the bot cannot go on in the middle
  of a session whose start (the commune profile, the answers of a guided check) is gone; the person's next
  message starts a new conversation.
- SQLite: the file is then VACUUMed, so that the deleted messages really leave the file (and its WAL).
  PostgreSQL: the deleted rows are no longer readable at once; autovacuum reclaims their space (run
  `VACUUM FULL events` to rewrite the table at once).
It prints counts only, never a sender id. The tracker store is read from an endpoints file (endpoints.yml by
default; SQLite or PostgreSQL), as the staff report reads it (staff/report/store.py). `--dry-run` counts
without deleting.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from staff.report.store import PROJECT_DIR, ReportError, database_url

DAY = 86_400
# One row per conversation: its first and last event, and the start of its current session (Rasa writes a
# "session_started" event at the start of each session and reads a conversation from the last one).
PER_SENDER = ("SELECT sender_id, MIN(timestamp) AS first_event, MAX(timestamp) AS last_event, "
              "MAX(CASE WHEN type_name = 'session_started' THEN timestamp END) AS session_start "
              "FROM events GROUP BY sender_id")
# Deleted entirely: the last event is old, or the current session started before the cut-off.
DOOMED = "last_event < :cutoff OR COALESCE(session_start, :cutoff) < :cutoff"
STALE_SESSIONS = ("SELECT sender_id FROM events GROUP BY sender_id "
                  "HAVING COALESCE(MAX(CASE WHEN type_name = 'session_started' THEN timestamp END), :cutoff) "
                  "< :cutoff")


@dataclass
class PurgeResult:
    conversations_deleted: int      # conversations whose last event (or current session) was before the cut-off
    conversations_trimmed: int      # active conversations that lost their old events
    events_deleted: int
    vacuumed: bool                  # SQLite file rewritten (False for a dry run and for PostgreSQL)


def positive_days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("DAYS doit être un nombre entier de jours (par exemple 30).") from None
    if days < 1:
        raise argparse.ArgumentTypeError("DAYS doit être au moins 1 (0 effacerait tout, y compris les "
                                         "conversations en cours).")
    return days


def purge(url: str, days: int, dry_run: bool = False, now: Optional[float] = None) -> PurgeResult:
    """Delete what is older than `days` days from the `events` table of the database at `url`."""
    import sqlalchemy as sa

    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError("DAYS doit être un nombre entier de jours, au moins 1.")
    cutoff = (time.time() if now is None else now) - days * DAY
    engine = sa.create_engine(url)
    vacuumed = False
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise ReportError("la base ne contient pas de table « events » (ce n'est pas un tracker store "
                                  "Rasa, ou aucune conversation n'a encore été enregistrée).")
            params = {"cutoff": cutoff}
            counts = connection.execute(sa.text(
                f"SELECT SUM(CASE WHEN {DOOMED} THEN 1 ELSE 0 END), "
                f"       SUM(CASE WHEN NOT ({DOOMED}) AND first_event < :cutoff THEN 1 ELSE 0 END) "
                f"FROM ({PER_SENDER}) AS conversations"), params).one()
            deleted, trimmed = counts
            old_events = f"timestamp < :cutoff OR sender_id IN ({STALE_SESSIONS})"
            events = connection.execute(sa.text(f"SELECT COUNT(*) FROM events WHERE {old_events}"),
                                        params).scalar_one()
            if not dry_run and events:
                connection.execute(sa.text(f"DELETE FROM events WHERE {old_events}"), params)
        if not dry_run and engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
                autocommit.execute(sa.text("VACUUM"))
                autocommit.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))
            vacuumed = True
    finally:
        engine.dispose()
    return PurgeResult(int(deleted or 0), int(trimmed or 0), int(events or 0), vacuumed)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Efface du tracker store les conversations et les messages plus anciens que DAYS jours.")
    parser.add_argument("--days", type=positive_days, required=True,
                        help="nombre de jours à garder (au moins 1)")
    parser.add_argument("--endpoints", default=str(PROJECT_DIR / "endpoints.yml"),
                        help="fichier endpoints qui décrit le tracker store (par défaut endpoints.yml)")
    parser.add_argument("--dry-run", action="store_true", help="compter sans rien effacer")
    args = parser.parse_args(argv)
    import sqlalchemy.exc

    try:
        url = database_url(Path(args.endpoints))
        result = purge(url, args.days, dry_run=args.dry_run)
    except (ReportError, ValueError) as error:
        print(f"Purge impossible : {error}", file=sys.stderr)
        return 1
    except sqlalchemy.exc.SQLAlchemyError as error:
        # The message of a database error can contain the URL: only its kind is printed.
        print(f"Purge impossible : erreur de la base de données ({type(error).__name__}). Le serveur de base "
              f"de données est-il joignable, le fichier endpoints est-il juste ?", file=sys.stderr)
        return 1
    verb = "seraient effacés" if args.dry_run else "effacés"
    print(f"Conservation {args.days} jours : {result.conversations_deleted} conversation(s) entière(s) et "
          f"{result.events_deleted} événement(s) {verb} en tout ; {result.conversations_trimmed} conversation(s) "
          f"en cours raccourcie(s).")
    if result.vacuumed:
        print("Fichier SQLite compacté (VACUUM) : les messages effacés n'y sont plus.")
    return 0
