"""Rasa server: an event's class found by its type name from a table, not by walking every subclass each time.

Rasa 3.6 rebuilds a tracker from the stored events at every turn (`SQLTrackerStore.retrieve` ->
`DialogueStateTracker.from_dict`), and for every event `Event.resolve_by_type` walks the whole tree of Event
subclasses (`all_subclasses`, with `inspect.isabstract` on each) to find the one with that `type_name`. The cost
grows with the conversation: at turns 41-50 of a long conversation it was 16 % of the Rasa server's CPU time
(py-spy, `make bench-growth`, docs/performance-growth.md). Here the table type name -> class is built once, in
Rasa's own order (the first subclass with that name wins, as in Rasa), and built again when a name is not in it
(an event class imported later); an unknown name behaves as in Rasa (the default, None for "topic", or
ValueError). `install()` runs when the Rasa server imports cpas_rasa (cpas_rasa/__init__.py).
"""
from __future__ import annotations

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_table: Dict[Text, Type[Event]] = {}


def _build() -> None:
    table: Dict[Text, Type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    _table.clear()
    _table.update(table)


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """What Rasa's `Event.resolve_by_type` returns, from the table."""
    cls = _table.get(type_name)
    if cls is None:
        _build()
        cls = _table.get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # as Rasa: old TopicSet events are skipped
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
