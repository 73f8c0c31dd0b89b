"""action_danger_first (actions/danger.py) and the numbers of knowledge/emergency.yml, without a model."""
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.danger as danger_action
from actions.danger import ActionDangerFirst, urgent_responses
from actions.lib.emergency import EMERGENCY_FILE, EmergencyFileError, danger_values, load_emergency, parse

ROOT = EMERGENCY_FILE.parent.parent
RESPONSES = {}
for path in (ROOT / "data" / "responses").glob("*.yml"):
    RESPONSES.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
DOMAIN = {"responses": RESPONSES}


def tracker_for(kinds, other=None, active_loop=None, selector=None, text="..."):
    message = {"text": text, "intent": {"name": "crisis", "confidence": 1.0}, "entities": [],
               "cpas_danger_kinds": kinds, "cpas_danger_other": other}
    if selector:
        message["response_selector"] = {"faq": {"response": selector}}
    return Tracker(
        sender_id="t", slots={"cpas_name": "CPAS de La Hulpe", "cpas_phone": "02/634.01.30"},
        latest_message=message, events=[], paused=False, followup_action=None,
        active_loop={"name": active_loop} if active_loop else {}, latest_action_name="action_listen",
    )


async def run(tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionDangerFirst().run(dispatcher, tracker, DOMAIN)
    return dispatcher.messages, events


def rendered(messages):
    """The texts as Rasa would render them (response template filled with the action's values)."""
    out = []
    for m in messages:
        template = RESPONSES[m["response"]][0]["text"]
        values = {"cpas_name": "CPAS de La Hulpe", "cpas_phone": "02/634.01.30", **m}
        out.append(template.format(**{k: v for k, v in values.items() if isinstance(v, str)}))
    return out


# ------------------------------------------------------------------------------------------ the answers
@pytest.mark.parametrize("kind, numbers", [
    ("suicide", ["0800 32 123", "107", "112"]),
    ("violence", ["112", "101", "0800 30 030"]),
    ("homeless", ["112", "02/634.01.30"]),          # La Hulpe is in Wallonia: no regional shelter number
    ("hunger", ["02/634.01.30", "aide alimentaire"]),
    ("generic", ["112", "107", "02/634.01.30"]),
])
async def test_each_kind_gets_its_numbers(kind, numbers):
    messages, events = await run(tracker_for([kind]))
    text = " ".join(rendered(messages))
    for number in numbers:
        assert number in text, (kind, text)
    assert events == []


async def test_the_generic_answer_never_gives_the_suicide_line():
    messages, _ = await run(tracker_for(["generic"]))
    assert "0800 32 123" not in " ".join(rendered(messages))


async def test_several_kinds_in_order_then_the_faq_answer():
    selector = {"intent_response_key": "faq/debt_mediation", "confidence": 0.93}
    messages, _ = await run(tracker_for(["suicide", "hunger"], other="faq", selector=selector))
    assert [m["response"] for m in messages] == [
        "utter_danger_suicide", "utter_danger_hunger", "utter_faq/debt_mediation"]


async def test_an_unsure_faq_answer_is_left_out():
    selector = {"intent_response_key": "faq/debt_mediation", "confidence": 0.7}   # under 0.8: often beside the point
    messages, _ = await run(tracker_for(["suicide"], other="faq", selector=selector))
    assert [m["response"] for m in messages] == ["utter_danger_suicide"]


async def test_the_food_aid_faq_is_not_repeated_after_the_hunger_answer():
    selector = {"intent_response_key": "faq/food_aid", "confidence": 0.95}
    messages, _ = await run(tracker_for(["hunger"], other="faq", selector=selector))
    assert [m["response"] for m in messages] == ["utter_danger_hunger"]


async def test_a_check_is_offered_with_a_button():
    messages, _ = await run(tracker_for(["violence"], other="check_ris"))
    assert [m["response"] for m in messages] == ["utter_danger_violence", "utter_danger_then_check"]
    assert messages[1]["buttons"] == [{"title": "Vérifier maintenant", "payload": "/check_ris"}]
    assert messages[1]["check_title"] == "le revenu d'intégration"


async def test_another_intent_gets_its_own_answer():
    messages, _ = await run(tracker_for(["homeless"], other="ask_human"))
    assert [m["response"] for m in messages][-1] == "utter_ask_human"


async def test_inside_a_check_only_the_urgent_numbers():
    selector = {"intent_response_key": "faq/debt_mediation", "confidence": 0.95}
    messages, events = await run(tracker_for(["suicide"], other="faq", active_loop="ris_form", selector=selector))
    assert [m["response"] for m in messages] == ["utter_danger_suicide"]
    assert events == []                              # the rule runs ris_form again: its question comes back


async def test_a_situation_is_heard_after_the_numbers():
    text = "jai 17 ans je suis enceinte et mes parents mon mise dehors"
    messages, _ = await run(tracker_for(["homeless"], other="describe_situation", text=text))
    names = [m["response"] for m in messages]
    assert names[0] == "utter_danger_homeless_cpas"          # danger first
    assert names[1] == "utter_danger_then_orient"
    assert "utter_orient_homeless" in names[2:] and len(names) <= 4
    assert "adresse de référence" in " ".join(rendered(messages[2:3]))


async def test_the_orientation_never_comes_inside_a_check_nor_after_another_answer():
    text = "je dors dans ma voiture depuis 3 semaines, j'ai plus d'adresse et plus de courrier"
    messages, _ = await run(tracker_for(["homeless"], other="describe_situation", text=text, active_loop="ris_form"))
    assert [m["response"] for m in messages] == ["utter_danger_homeless_cpas"]
    messages, _ = await run(tracker_for(["homeless"], other="ask_human", text=text))
    assert [m["response"] for m in messages] == ["utter_danger_homeless_cpas", "utter_ask_human"]


async def test_an_unknown_kind_gets_the_generic_answer():
    messages, _ = await run(tracker_for(["child_danger"]))
    assert [m["response"] for m in messages] == ["utter_danger_generic"]


async def test_an_unreadable_numbers_file_falls_back_to_the_full_crisis_answer(monkeypatch):
    def broken(region):
        raise EmergencyFileError("broken")
    monkeypatch.setattr(danger_action, "danger_values", broken)
    messages, _ = await run(tracker_for(["suicide"]))
    assert [m["response"] for m in messages] == ["utter_crisis"]


def test_urgent_responses_use_the_cpas_when_the_region_has_no_shelter_number():
    known = list(RESPONSES)
    assert urgent_responses(["homeless"], {"shelter_line": ""}, known) == ["utter_danger_homeless_cpas"]
    assert urgent_responses(["homeless"], {"shelter_line": "Samusocial 0800 99 340"}, known) == [
        "utter_danger_homeless"]


def test_every_danger_answer_is_short():
    for name, variants in RESPONSES.items():
        if name.startswith("utter_danger_"):
            text = variants[0]["text"]
            assert len(text) <= 260 and text.count(". ") <= 3, (name, len(text))


def test_no_number_is_typed_in_a_danger_answer():
    for name, variants in RESPONSES.items():
        if name.startswith("utter_danger_"):
            assert not any(ch.isdigit() for ch in variants[0]["text"]), name


# ------------------------------------------------------------------------------------------ the numbers file
@pytest.mark.parametrize("region, shelter", [
    ("brussels", "0800 99 340"), ("wallonia", ""), ("flanders", "0800 13 500"),
])
def test_region_values(region, shelter):
    values = danger_values(region)
    assert values["emergency_number"] == "112" and values["police_number"] == "101"
    assert "0800 32 123" in values["suicide_line"] and "107" in values["listening_line"]
    assert "0800 30 030" in values["violence_line"]
    assert (shelter in values["shelter_line"]) if shelter else values["shelter_line"] == ""


def test_flanders_also_gets_its_own_lines():
    values = danger_values("flanders")
    assert "1813" in values["suicide_line"] and "1712" in values["violence_line"]


def test_every_number_has_a_source_and_a_date():
    data = yaml.safe_load(EMERGENCY_FILE.read_text(encoding="utf-8"))
    entries = list(data["national"].values())
    entries += [e for region in data["regions"].values() for e in region.values() if e]
    for entry in entries:
        assert str(entry["source"]).startswith("http") and entry["checked"], entry


def test_a_number_without_source_is_refused():
    data = yaml.safe_load(EMERGENCY_FILE.read_text(encoding="utf-8"))
    del data["national"]["suicide"]["source"]
    with pytest.raises(EmergencyFileError):
        parse(data)


def test_a_broken_file_keeps_the_last_good_version(tmp_path):
    import os
    import time
    path = tmp_path / "emergency.yml"
    path.write_text(EMERGENCY_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert danger_values("brussels", path)["shelter_line"]
    path.write_text("national: [cassé", encoding="utf-8")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    assert "0800 99 340" in danger_values("brussels", path)["shelter_line"]
    with pytest.raises(EmergencyFileError):
        load_emergency(tmp_path / "never-read.yml")
