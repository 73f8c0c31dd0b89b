import asyncio
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "cpas.tar.gz"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
# Property tests check results, not speed: no per-example deadline (a loaded 2-core machine missed the 200 ms one).
settings.register_profile("cpas", deadline=None)
settings.load_profile("cpas")


@pytest.fixture
def make_tracker():
    """make_tracker(text, intent, slots=..., active_loop=..., events=...) -> a rasa_sdk Tracker built in code."""
    from helpers.trackers import build_tracker

    return build_tracker


@pytest.fixture
def dispatcher():
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict:
    """domain.yml as a dict (what the action server receives as `domain`)."""
    import yaml

    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it).")
    return MODEL


@pytest.fixture(scope="session")
def agent(model_path):
    """The trained model, loaded once for the session (NLU and dialogue, no action server)."""
    from rasa.core.agent import load_agent

    return asyncio.run(load_agent(model_path=str(model_path)))


@pytest.fixture(scope="session")
def parse(agent):
    """parse("texte") -> Rasa's parse data for one message."""
    def _parse(text: str) -> dict:
        return asyncio.run(agent.parse_message(text))
    return _parse


def predicted_label(parse_data: dict) -> str:
    """The intent, or faq/<key> for a FAQ question answered by the response selector."""
    intent = (parse_data.get("intent") or {}).get("name")
    if intent == "clarify_topic" and parse_data.get("faq_candidates"):
        # The bot asks "Vous parlez de :" (cpas_rasa/nlu/faq_gate.py): it counts as right only when its first
        # button is the expected answer (one click away, offered first); test_heldout also prints the asks.
        return "faq/" + parse_data["faq_candidates"][0]
    if intent == "faq":
        selected = ((parse_data.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        return selected.get("intent_response_key") or "faq"
    return intent


def faq_after_danger(parse_data: dict):
    """faq/<key> when the message got the urgent numbers first (intent crisis, cpas_rasa.nlu.danger) and
    action_danger_first then gives this FAQ answer (its other question is a FAQ the selector is sure of)."""
    if (parse_data.get("intent") or {}).get("name") != "crisis" or parse_data.get("cpas_danger_other") != "faq":
        return None
    selected = ((parse_data.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    if (selected.get("confidence") or 0.0) < 0.8:           # FAQ_MIN_CONFIDENCE of actions/danger.py
        return None
    return selected.get("intent_response_key")


def orientation_after_danger(parse_data: dict) -> bool:
    """True when the message got the urgent numbers first and action_danger_first then gives the orientation
    of a situation: nothing else is answered (no other question) and aids fit the text (actions/orientation.py)."""
    from actions.danger import MAX_AIDS_AFTER_DANGER
    from actions.lib.situations import orient

    if (parse_data.get("intent") or {}).get("name") != "crisis" or faq_after_danger(parse_data):
        return False
    if parse_data.get("cpas_danger_other") not in (None, "describe_situation"):
        return False
    return bool(orient(parse_data.get("text") or "", limit=MAX_AIDS_AFTER_DANGER))


@pytest.fixture(scope="session")
def bot(model_path, tmp_path_factory):
    """The Rasa server with the custom actions inside it, started as `make run` starts it, on free ports."""
    from helpers.server_harness import running_bot

    with running_bot(tmp_path_factory.mktemp("bot"), model_path) as servers:
        yield servers


@pytest.fixture(scope="session")
def debug_bot(model_path, tmp_path_factory):
    """For the privacy tests: the bot as `make run` starts it, with both logs at DEBUG level (a personal number
    that slipped through would show in the logs too) and no messaging channel."""
    from helpers.server_harness import running_bot

    from cpas_rasa.channels import ENVIRONMENT

    # Every messaging channel's variables unset (and Twilio's optional one), so that every channel is off.
    channel_variables = [name for names in ENVIRONMENT.values() for name in names] + ["TWILIO_WEBHOOK_URL"]
    env = {"LOG_LEVEL": "DEBUG", **{name: None for name in channel_variables}}
    with running_bot(tmp_path_factory.mktemp("privacy-bot"), model_path, env=env) as servers:
        yield servers
