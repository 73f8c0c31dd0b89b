"""cpas_rasa/sql_tracker_read.py: the SQL tracker store rebuilds the same tracker as Rasa 3.6, reading the events'
JSON only (whole ORM rows cost a tenth of the Rasa server's CPU late in a long conversation)."""
import json

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import cpas_rasa  # noqa: F401  (installs the read)
from cpas_rasa.sql_tracker_read import retrieve_events_only

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet]
slots:
  commune:
    type: text
    mappings: [{type: custom}]
responses:
  utter_greet: [{text: "Bonjour !"}]
""")


async def rasa_own_retrieve(store, sender_id, fetch_events_from_all_sessions):
    """Rasa 3.6's own method body (whole ORM rows, then their data column)."""
    with store.session_scope() as session:
        rows = store._event_query(session, sender_id,
                                  fetch_events_from_all_sessions=fetch_events_from_all_sessions).all()
        events = [json.loads(row.data) for row in rows]
        if store.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, store.domain.slots)
        return None


def session(start, commune, text):
    return [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 0.1),
            ActionExecuted("action_listen", timestamp=start + 0.2),
            UserUttered(text, {"name": "greet", "confidence": 0.9}, timestamp=start + 0.3),
            SlotSet("commune", commune, timestamp=start + 0.4), BotUttered("Bonjour !", timestamp=start + 0.5)]


def test_the_rasa_server_uses_the_lean_read():
    assert SQLTrackerStore._retrieve is retrieve_events_only


@pytest.mark.asyncio
async def test_same_tracker_as_rasa_for_the_latest_session_and_for_all(tmp_path):
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = DialogueStateTracker.from_events("person", session(1000.0, "Wavre", "bonjour") +
                                               session(9000.0, "Namur", "rebonjour"), DOMAIN.slots)
    await store.save(tracker)
    await store.save(DialogueStateTracker.from_events("other", session(5000.0, "Liège", "salut"), DOMAIN.slots))
    for all_sessions in (False, True):
        ours = await retrieve_events_only(store, "person", all_sessions)
        rasa = await rasa_own_retrieve(store, "person", all_sessions)
        assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasa.events]
        assert ours.get_slot("commune") == "Namur" and ours.latest_message.text == "rebonjour"
    assert len((await store.retrieve("person")).events) == 5  # from the latest SessionStarted, as in Rasa
    assert len((await store.retrieve_full_tracker("person")).events) == 12
    assert await store.retrieve("nobody") is None
