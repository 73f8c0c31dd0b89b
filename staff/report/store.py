"""Reading Rasa's SQL tracker store from an endpoints file.

The endpoints file is read with Rasa's own reader, so ``${VAR}`` is replaced by the environment variable
exactly as Rasa replaces it (and an unset variable is an error, as in Rasa). The database URL is built as
Rasa's ``SQLTrackerStore.get_db_url`` builds it, from the same keys (``dialect``, ``url``, ``port``, ``db``,
``username``, ``password``, ``query``). A relative SQLite path is taken from the current directory, as Rasa
does (``make`` runs from the project folder), or else next to the endpoints file.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, Optional

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_ENDPOINTS = PROJECT_DIR / "endpoints.yml"
# The events the report reads; the others (slots, featurization...) are skipped in the query.
EVENT_TYPES = ("session_started", "restart", "user", "bot", "action", "action_execution_rejected",
               "active_loop")
WITH_DATA = frozenset({"user", "bot", "active_loop", "action_execution_rejected"})


class ReportError(Exception):
    """A problem the staff can fix (no database, no events table...), said in plain French."""


def read_endpoints(endpoints: Path) -> Dict[str, Any]:
    """The endpoints file as Rasa reads it (environment variables replaced)."""
    import rasa.shared.utils.io
    from rasa.shared.exceptions import RasaException

    path = Path(endpoints)
    if not path.is_file():
        raise ReportError(f"le fichier endpoints {path} n'existe pas.")
    try:
        content = rasa.shared.utils.io.read_config_file(str(path))
    except RasaException as error:          # an environment variable that is not set, invalid YAML...
        raise ReportError(f"fichier endpoints {path.name} : {error}") from None
    except (OSError, ValueError) as error:
        raise ReportError(f"fichier endpoints {path.name} illisible : {error}") from None
    return content or {}


def tracker_store_config(endpoints: Path) -> Dict[str, Any]:
    store = read_endpoints(endpoints).get("tracker_store") or {}
    if str(store.get("type") or "").lower() != "sql":
        raise ReportError(
            "le rapport lit un tracker store SQL (SQLite ou PostgreSQL) : dans le fichier endpoints, "
            "tracker_store doit avoir « type: SQL ».")
    return store


def _sqlite_path(db: str, endpoints: Path) -> Path:
    path = Path(db).expanduser()
    if path.is_absolute():
        return path
    from_cwd, beside = Path.cwd() / path, Path(endpoints).resolve().parent / path
    return from_cwd if from_cwd.exists() or not beside.exists() else beside


def _rasa_db_url(dialect: str, host: Optional[str], port: Any, db: str, username: Optional[str],
                 password: Optional[str], query: Optional[Dict[str, Any]]) -> str:
    """The URL Rasa 3.6 builds (``SQLTrackerStore.get_db_url``), without importing rasa.core (slow, noisy):
    a full URL in ``url`` is used as is; otherwise ``url`` is the host, possibly with its port."""
    from urllib import parse

    from sqlalchemy.engine import URL

    if host and "://" in host:
        return host
    if host:
        parsed = parse.urlsplit(f"scheme://{host}")
        port = parsed.port or port
        host = parsed.hostname or host
    url = URL.create(dialect, username=username, password=password, host=host,
                     port=int(port) if port not in (None, "") else None, database=db, query=query or {})
    return url.render_as_string(hide_password=False)


def database_url(endpoints: Path) -> str:
    """The SQLAlchemy URL of the tracker store described in an endpoints file (password included: never
    print it, print ``safe_url`` instead)."""
    store = tracker_store_config(endpoints)
    dialect = str(store.get("dialect") or "sqlite")
    db = str(store.get("db") or "rasa.db")
    host = store.get("url")
    if dialect.startswith("sqlite") and "://" not in str(host or ""):
        path = _sqlite_path(db, endpoints)
        if not path.is_file():
            raise ReportError(f"la base {path} n'existe pas : aucune conversation n'a encore été enregistrée, "
                              "ou le chemin « db » du fichier endpoints est faux.")
        db = str(path)
    try:
        return _rasa_db_url(dialect, str(host) if host else None, store.get("port"), db,
                            store.get("username"), store.get("password"), store.get("query"))
    except (TypeError, ValueError) as error:
        raise ReportError(f"tracker_store du fichier endpoints : adresse de base invalide ({type(error).__name__}).") \
            from None


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # broad on purpose: never show an URL that could not be parsed (it may hold a password)
        return "(adresse de la base)"


@dataclass(frozen=True)
class Event:
    """One tracker event. ``conversation`` is a counter standing for the sender: the sender id itself is
    never kept."""

    conversation: int
    type: str
    timestamp: float
    action: Optional[str]
    data: Dict[str, Any]


def read_events(url: str, since: Optional[float] = None, until: Optional[float] = None) -> Iterator[Event]:
    """The events of the store, one sender after the other, each sender's in their order."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise ReportError("la base ne contient pas de table « events » : ce n'est pas le tracker store "
                                  "de Rasa, ou le bot n'a encore enregistré aucune conversation.")
            types = ", ".join(f"'{name}'" for name in EVENT_TYPES)
            query = (f"SELECT sender_id, type_name, timestamp, action_name, data FROM events "
                     f"WHERE type_name IN ({types})")
            params: Dict[str, float] = {}
            if since is not None:
                query += " AND timestamp >= :since"
                params["since"] = since
            if until is not None:
                query += " AND timestamp <= :until"
                params["until"] = until
            query += " ORDER BY sender_id, id"
            result = connection.execution_options(stream_results=True).execute(sa.text(query), params)
            previous, counter = object(), 0
            for sender, type_name, timestamp, action, data in result:
                if sender != previous:
                    previous, counter = sender, counter + 1
                payload: Dict[str, Any] = {}
                if type_name in WITH_DATA and data:
                    try:
                        payload = json.loads(data)
                    except ValueError:
                        payload = {}
                yield Event(counter, type_name, float(timestamp or 0.0), action, payload)
    except sa.exc.SQLAlchemyError as error:
        # The text of a database error can contain the URL and its password: only its kind is shown.
        raise ReportError(f"lecture de la base {safe_url(url)} impossible ({type(error).__name__}) : le serveur "
                          "est-il joignable, la table « events » est-elle celle de Rasa ?") from None
    finally:
        engine.dispose()
