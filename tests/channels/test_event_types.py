"""cpas_rasa/event_types.py: a stored event's class is found as Rasa 3.6 finds it, from a table built once (Rasa
walked every Event subclass for every stored event at every turn: the cost grew with the conversation)."""
import inspect

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

import cpas_rasa  # noqa: F401  (installs the table)
from cpas_rasa import event_types


def rasa_own_resolve(type_name, default=None):
    """Rasa 3.6's own method body."""
    for cls in all_subclasses(Event):
        if cls.type_name == type_name:
            return cls
    if type_name == "topic":
        return None
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def test_the_rasa_server_uses_the_table():
    assert Event.resolve_by_type is event_types.resolve_by_type


def test_every_event_type_gets_the_class_rasa_gives():
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "session_started", "active_loop"} <= names
    for name in names:
        assert event_types.resolve_by_type(name) is rasa_own_resolve(name), name


def test_unknown_names_behave_as_in_rasa():
    assert event_types.resolve_by_type("topic") is None
    assert event_types.resolve_by_type("no_such_event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        event_types.resolve_by_type("no_such_event")


def test_an_event_class_defined_later_is_found():
    class StaffNote(Event):  # a subclass Rasa would find too
        type_name = "cpas_test_staff_note"

        def __eq__(self, other):
            return isinstance(other, StaffNote)

        def __hash__(self):
            return 1

        def as_story_string(self):
            return None

    assert not inspect.isabstract(StaffNote)
    assert event_types.resolve_by_type("cpas_test_staff_note") is StaffNote


def test_a_tracker_rebuilt_from_stored_events_is_the_same():
    stored = [
        {"event": "action", "name": "action_session_start", "timestamp": 1.0},
        {"event": "session_started", "timestamp": 1.1},
        {"event": "action", "name": "action_listen", "timestamp": 1.2},
        {"event": "user", "text": "bonjour", "parse_data": {"intent": {"name": "greet", "confidence": 0.9},
                                                             "entities": []}, "timestamp": 1.3},
        {"event": "slot", "name": "commune", "value": "Wavre", "timestamp": 1.4},
        {"event": "bot", "text": "Bonjour !", "timestamp": 1.5},
    ]
    events = deserialise_events(stored)
    assert [type(e) for e in events][2:5] == [ActionExecuted, UserUttered, SlotSet]
    tracker = DialogueStateTracker.from_dict("t", stored)
    assert tracker.latest_message.text == "bonjour" and tracker.get_slot("commune") == "Wavre"
    assert [e.as_dict()["event"] for e in tracker.events] == [e["event"] for e in stored]
