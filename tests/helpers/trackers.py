"""The one tracker builder of the action tests (as rasa-sdk's own tests build them): a Tracker in code."""
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def build_tracker(text: str = "", intent: Optional[str] = "inform", slots: Optional[Dict[str, Any]] = None,
                  active_loop: Optional[str] = None, events: Optional[List[dict]] = None,
                  confidence: Optional[float] = 0.9, sender_id: str = "test", **parse: Any) -> Tracker:
    """A tracker whose latest message is `text` read as `intent` (with `confidence`, None for none given)."""
    intent_data: Dict[str, Any] = {"name": intent}
    if confidence is not None:
        intent_data["confidence"] = confidence
    message = {"text": text, "intent": intent_data, "entities": [], **parse}
    return Tracker(
        sender_id=sender_id, slots=dict(slots or {}), latest_message=message, events=list(events or []),
        paused=False, followup_action=None, active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def run_action(action, tracker: Tracker, domain: Optional[dict] = None):
    """(response names, events, messages) of one action run."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain or {})
    return [m.get("response") for m in dispatcher.messages], events, dispatcher.messages
