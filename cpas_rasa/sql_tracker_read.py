"""Rasa server: the SQL tracker store reads only the stored events' JSON, not whole rows as ORM objects.

At every turn Rasa 3.6 (`SQLTrackerStore._retrieve`) loads every event of the conversation's current session as
an SQLAlchemy ORM object (seven columns each, with the session's identity map), then reads only its `data`
column. With the growing conversation this was 10 % of the Rasa server's CPU time at turns 41-50 of a long
conversation (py-spy, `make bench-growth`, docs/performance-growth.md). The same query (Rasa's own
`_event_query`: the latest session, ordered by id) now selects the `data` column alone; the tracker is rebuilt
from the same events in the same order, for SQLite and PostgreSQL alike. `install()` runs when the Rasa server
imports cpas_rasa (cpas_rasa/__init__.py).
"""
from __future__ import annotations

import json
import logging
from typing import Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)


async def retrieve_events_only(self: SQLTrackerStore, sender_id: Text,
                               fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
    """What Rasa's `SQLTrackerStore._retrieve` returns, reading the `data` column only."""
    with self.session_scope() as session:
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions)
        events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data)]
        if self.domain and events:
            logger.debug("Recreating tracker from sender id '%s'", sender_id)
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        logger.debug("Can't retrieve tracker matching sender id '%s' from SQL storage. Returning `None` instead.",
                     sender_id)
        return None


def install() -> None:
    SQLTrackerStore._retrieve = retrieve_events_only
