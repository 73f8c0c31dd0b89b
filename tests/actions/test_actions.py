"""The custom actions, run as rasa-sdk runs them: a Tracker built in code, a CollectingDispatcher."""
from typing import Any, Dict, Optional

import pytest
from helpers.trackers import build_tracker, run_action
from rasa_sdk import Tracker

from actions.conversation import ActionFallback, ActionReplyOtherLanguage
from actions.cpas_finder import ActionFindCpas
from actions.unofficial_sites import ActionWarnUnofficialSite

DOMAIN: Dict[str, Any] = {"responses": {"utter_faq/ris_amounts": [{"text": "x"}], "utter_ask_human": [{"text": "y"}]}}


def make_tracker(text: str, intent: str = "faq", slots: Optional[dict] = None,
                 active_loop: Optional[str] = None, **parse) -> Tracker:
    return build_tracker(text, intent, {"cpas_phone": "02/634.01.30", **(slots or {})}, active_loop, **parse)


async def run(action, tracker: Tracker):
    return await run_action(action, tracker, DOMAIN)


def test_session_start_is_rasas_own_and_the_answers_get_profile_and_dated_amounts():
    """No custom session start (no action call, no slot): the Rasa server fills the profile and the facts of
    the day when it renders an answer (tests/knowledge/test_nlg.py renders every response)."""
    from pathlib import Path

    import yaml

    from cpas_rasa.nlg import render_values

    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    assert "action_session_start" not in domain["actions"]
    values = render_values()
    assert values["cpas_name"] == "CPAS de La Hulpe"
    assert values["cpas_phone"] == "02/634.01.30"
    assert values["ris_cat2"].endswith("€") and values["ris_date"]
    assert all(value for value in values.values()), "every value used by the answers is filled"


@pytest.mark.parametrize("text, response", [
    ("Goedendag, ik zoek hulp van het OCMW", "utter_other_language_nl"),
    ("Hello, I need help from the social welfare office", "utter_other_language_en"),
    ("Guten Tag", "utter_other_language_other"),
])
async def test_other_language(text, response):
    responses, _, _ = await run(ActionReplyOtherLanguage(), make_tracker(text, "other_language"))
    assert responses == [response]


@pytest.mark.parametrize("text, response", [
    ("asdfgh qwerty", "utter_default"),
    ("🙂🙂🙂", "utter_default"),
    ("where can I get money", "utter_other_language_en"),
])
async def test_fallback(text, response):
    responses, _, _ = await run(ActionFallback(), make_tracker(text, "nlu_fallback"))
    assert responses == [response]


async def test_find_cpas_with_a_commune():
    responses, events, messages = await run(ActionFindCpas(), make_tracker("j'habite à Wavre", "ask_my_cpas"))
    assert responses == ["utter_cpas_found"]
    assert messages[0]["commune"] == "Wavre" and "Wavre" in messages[0]["cpas"]


async def test_find_cpas_profile_commune_gives_the_contact():
    responses, _, _ = await run(ActionFindCpas(), make_tracker("cpas de la hulpe", "ask_my_cpas"))
    assert responses == ["utter_cpas_found_is_profile"]


async def test_find_cpas_without_a_commune_asks_for_it():
    responses, _, _ = await run(ActionFindCpas(), make_tracker("quel est mon cpas ?", "ask_my_cpas"))
    assert responses == ["utter_ask_commune"]


async def test_find_cpas_unknown_commune():
    responses, _, _ = await run(ActionFindCpas(), make_tracker("Trucmuche-sur-Mer", "inform_commune"))
    assert responses == ["utter_commune_not_found"]


async def test_find_cpas_postal_code_with_several_communes_asks_which_one():
    # 1040 covers Bruxelles and Etterbeek.
    responses, events, messages = await run(ActionFindCpas(), make_tracker("1040", "inform_commune"))
    assert responses == ["utter_ask_which_commune"]
    titles = {b["title"] for b in messages[0]["buttons"]}
    assert {"Bruxelles", "Etterbeek"} <= titles
    candidates = [e["value"] for e in events if e["name"] == "commune_candidates"][0]
    assert len(candidates) >= 2
    # The answer to the question settles it.
    tracker = make_tracker("Etterbeek", "inform_commune", slots={"commune_candidates": candidates})
    responses, _, messages = await run(ActionFindCpas(), tracker)
    assert responses == ["utter_cpas_found"] and messages[0]["commune"] == "Etterbeek"


async def test_herstappe_has_no_cpas():
    responses, _, _ = await run(ActionFindCpas(), make_tracker("j'habite à Herstappe", "ask_my_cpas"))
    assert responses == ["utter_cpas_none_herstappe"]


async def test_warning_with_next_step_and_data_advice():
    tracker = make_tracker("j'ai donné mon numéro de registre national sur cpas-info.be",
                           "mention_unofficial_site", cpas_original_intent="mention_unofficial_site")
    responses, _, messages = await run(ActionWarnUnofficialSite(), tracker)
    assert responses == ["utter_unofficial_site_warning", "utter_unofficial_site_next_step",
                         "utter_unofficial_site_data_given"]
    assert messages[0]["site"] == "cpas-info.be"


async def test_warning_answers_the_question_too():
    selector = {"faq": {"response": {"intent_response_key": "faq/ris_amounts", "confidence": 0.9}}}
    tracker = make_tracker("cpas-info dit que je dois être majeur, c'est vrai ?", "mention_unofficial_site",
                           cpas_original_intent="faq", response_selector=selector)
    responses, _, _ = await run(ActionWarnUnofficialSite(), tracker)
    assert responses == ["utter_unofficial_site_warning", "utter_unofficial_site_next_step",
                         "utter_faq/ris_amounts"]


async def test_an_amount_quoted_from_the_site_gets_the_real_amounts():
    tracker = make_tracker("sur cpas-info.be le RIS isolé est de 1.500 €", "mention_unofficial_site",
                           cpas_original_intent="mention_unofficial_site")
    responses, _, _ = await run(ActionWarnUnofficialSite(), tracker)
    assert responses[-1] == "utter_faq/ris_amounts"


async def test_warning_in_a_form_does_not_answer_more():
    selector = {"faq": {"response": {"intent_response_key": "faq/ris_amounts", "confidence": 0.9}}}
    tracker = make_tracker("c'est quoi ce site ocmw-hulp.be", "mention_unofficial_site",
                           cpas_original_intent="faq", response_selector=selector, active_loop="ris_form")
    responses, events, _ = await run(ActionWarnUnofficialSite(), tracker)
    assert responses == ["utter_unofficial_site_warning", "utter_unofficial_site_next_step"]
    assert events == []


async def test_warning_without_a_commune_profile_points_to_the_finder(monkeypatch):
    monkeypatch.setenv("CPAS_PROFILE", "no-such-commune")
    tracker = make_tracker("cpas-info.be est fiable ?", "mention_unofficial_site", slots={"cpas_phone": None})
    responses, _, _ = await run(ActionWarnUnofficialSite(), tracker)
    assert responses[:2] == ["utter_unofficial_site_warning", "utter_unofficial_site_next_step_finder"]


@pytest.mark.parametrize("text", ["mi-is.be c'est officiel ?", "le site www.belgium.be est fiable ?"])
async def test_official_site_never_warned(text):
    responses, _, _ = await run(ActionWarnUnofficialSite(), make_tracker(text, "mention_unofficial_site"))
    assert responses == ["utter_official_site_ok"]


async def test_find_cpas_ambiguous_name_asks_which_commune_without_a_postal_code():
    # "Braine" is the start of three commune names: the question must not speak of a postal code.
    responses, events, messages = await run(ActionFindCpas(), make_tracker("cpas de braine", "ask_my_cpas"))
    assert responses == ["utter_ask_which_commune_name"]
    assert {"Braine-l’Alleud", "Braine-le-Comte", "Braine-le-Château"} <= {b["title"] for b in messages[0]["buttons"]}
