"""The warning action on every mention of tests/helpers/site_cases.py (CollectingDispatcher, no model)."""
import pytest
from helpers.site_cases import OFFICIAL, UNOFFICIAL
from helpers.trackers import build_tracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.unofficial_sites import ActionWarnUnofficialSite

DOMAIN = {"responses": {}}


def tracker_for(text: str) -> Tracker:
    return build_tracker(text, "mention_unofficial_site", {"cpas_phone": "02/634.01.30"}, confidence=None,
                         sender_id="t")


async def responses_for(text: str):
    dispatcher = CollectingDispatcher()
    await ActionWarnUnofficialSite().run(dispatcher, tracker_for(text), DOMAIN)
    return [m["response"] for m in dispatcher.messages]


def test_enough_distinct_cases():
    assert len(set(UNOFFICIAL)) >= 25 and len(set(OFFICIAL)) >= 10


@pytest.mark.parametrize("text", UNOFFICIAL)
async def test_every_unofficial_mention_is_warned_and_redirected(text):
    responses = await responses_for(text)
    assert responses[0] == "utter_unofficial_site_warning"
    assert responses[1] == "utter_unofficial_site_next_step"


@pytest.mark.parametrize("text", OFFICIAL)
async def test_no_official_source_is_warned(text):
    responses = await responses_for(text)
    assert "utter_unofficial_site_warning" not in responses
