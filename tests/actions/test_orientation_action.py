"""action_orient (actions/orientation.py), run as rasa-sdk runs it: a Tracker built in code."""
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.orientation import ActionOrient


def tracker(text: str) -> Tracker:
    return Tracker(
        sender_id="test", slots={}, latest_message={"text": text, "intent": {"name": "describe_situation"}},
        events=[], paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen",
    )


async def run(text: str):
    dispatcher = CollectingDispatcher()
    events = await ActionOrient().run(dispatcher, tracker(text), {})
    return [m["response"] for m in dispatcher.messages], dispatcher.messages, events


async def test_single_mother_gets_intro_ris_alimony_then_contact():
    responses, messages, events = await run(
        "je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien")
    assert responses == ["utter_orient_intro", "utter_orient_ris", "utter_orient_alimony", "utter_orient_contact"]
    assert all(m["decision_days"].endswith(" jours") for m in messages), "the delays are passed to every answer"
    assert events == []


async def test_unemployment_end_gets_the_ris_from_the_day_benefits_stop():
    responses, _, _ = await run("je perds mon chômage en mars avec la réforme")
    assert responses == ["utter_orient_intro", "utter_orient_ris_unemployment_end", "utter_orient_contact"]


async def test_no_fact_read_gets_the_general_orientation():
    responses, _, _ = await run("voilà je vous explique tout")
    assert responses == ["utter_orient_generic"]
