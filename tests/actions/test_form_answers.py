"""Answers written as people write them, inside the guided checks (issue 13, "forms that take real answers").

Pure helpers (actions/lib/form_answers.py, the parsers) and the form validation action with trackers built in
code, as tests/actions/test_check_forms.py does: a readable answer is taken whatever the intent the NLU gave
it; a commune is kept; no question is asked more than twice; "ai-je droit à X ?" starts or offers the check.
"""
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import forms as check_forms
from actions.checks import ADVANCE, AMU, CHECKS, GUARANTEE, HEATING, PRIME, RIS, parse_answer
from actions.cpas_finder import ActionFindCpas
from actions.forms import (
    COMMUNE_SLOT,
    WAY_OUT_SLOT,
    ActionCheckResult,
    ValidateAmuForm,
    ValidateGuaranteeForm,
    ValidateHeatingForm,
    ValidatePrimeForm,
    ValidateRisForm,
    unreadable_count,
)
from actions.lib.communes import find_communes, get_commune
from actions.lib.form_answers import (
    ANSWER,
    IN_PROGRESS,
    INTERRUPTION,
    UNREADABLE,
    Turn,
    commune_in_answer,
    complete_household,
    decide,
    is_question,
    is_skip,
    strict_age,
)
from actions.lib.parsing import DONT_KNOW, parse_yes_no

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)
DOMAIN: Dict[str, Any] = {"forms": {spec.form: {"required_slots": list(spec.slots)} for spec in CHECKS}}
WAVRE = find_communes("Wavre").communes[0].refnis
ALONE = {"lives_alone": True, "partner": False, "children": 0, "parents": False, "others": False,
         "has_children": False}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(check_forms, "today", lambda: TODAY)


def make_tracker(text: str, intent: str = "inform", slots: Optional[dict] = None, form: str = "ris_form",
                 requested: Optional[str] = None, events: Optional[List[dict]] = None, confidence: float = 0.95,
                 latest_action: str = "action_listen") -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    all_slots = {"cpas_name": "CPAS de La Hulpe", "cpas_phone": "02/634.01.30", "commune_name": "La Hulpe",
                 "requested_slot": requested, **(slots or {})}
    if events is None:
        events = [{"event": "active_loop", "name": form}, {"event": "user", "text": text}]
    return Tracker(
        sender_id="test", slots=all_slots, latest_message=message, events=events, paused=False,
        followup_action=None, active_loop={"name": form} if form else {}, latest_action_name=latest_action,
    )


async def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, DOMAIN)
    return events, dispatcher.messages


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(messages) -> List[str]:
    return [m.get("response") for m in messages]


def failed_turn(slot: str, reask: str) -> List[dict]:
    """The events of one turn where the question of ``slot`` got an unreadable answer."""
    return [{"event": "user", "text": "?"}, {"event": "action", "name": "ris_form"},
            {"event": "bot", "text": "...", "metadata": {"utter_action": reask}},
            {"event": "slot", "name": slot, "value": None}, {"event": "slot", "name": "requested_slot", "value": slot},
            {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_ask_ris_form_{slot}"}}]


def asked(slot: str, form: str = "ris_form") -> List[dict]:
    return [{"event": "active_loop", "name": form}, {"event": "slot", "name": "requested_slot", "value": slot},
            {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_ask_{form}_{slot}"}}]


# ---------------------------------------------------------------------------- yes / no with extra words
@pytest.mark.parametrize("text, expected", [
    ("oui, j'habite à Wavre depuis 5 ans", True), ("oui j'habite à Liège depuis toujours", True),
    ("non je n'ai rien du tout", False), ("non, jamais eu cette prime", False), ("ouais", True), ("bah non", False),
    ("pas du tout", False), ("oui oui", True), ("c'est ça", True), ("ben oui évidemment", True),
    ("oui bien sûr, depuis ma naissance", True), ("non non", False), ("nan jamais", False), ("ouep", True),
    ("pas de souci", True), ("pourquoi pas", True), ("aucunement", False), ("toujours pas", False),
    ("plus ou moins", DONT_KNOW), ("oui mais je sais pas trop", DONT_KNOW), ("c'est exact", True),
    ("oui et non", None), ("non, pas de problème", None), ("je ne suis pas propriétaire", None),
])
def test_yes_no_with_extra_words(text, expected):
    assert parse_yes_no(text) == expected


# ---------------------------------------------------------------------------- other kinds with extra words
@pytest.mark.parametrize("spec, slot, text, value", [
    (RIS, "ris_household", "on est quatre avec les enfants", "children"),
    (RIS, "ris_minor_case", "aucune des trois", "none"),
    (RIS, "ris_minor_case", "non aucun des trois cas", "none"),
    (RIS, "ris_age", "j'ai 34 ans et deux enfants", 34),
    (RIS, "ris_age", "34 ans depuis le mois passé", 34),
    (RIS, "ris_income", "je touche à peu près 1.234,56 € du chômage", "1234.56"),
    (RIS, "ris_income", "rien du tout, zéro", "0"),
    (RIS, "ris_savings", "non je n'ai rien du tout", "0"),
    (RIS, "ris_savings", "pas un sou de côté malheureusement", "0"),
    (RIS, "ris_savings", "pas un centime", "0"),
    (RIS, "ris_savings", "non", "0"),
    (RIS, "ris_savings", "presque rien, 50 euros", "50.00"),
    (RIS, "ris_status", "moi je suis belge de naissance", "belgian"),
    # "vous manque-t-il l'argent pour ... ?": the words about the money decide, whatever yes/no comes first
    (ADVANCE, "adv_in_need", "oui je ne sais plus payer le loyer ni les courses", "yes"),
    (GUARANTEE, "guar_in_need", "non je n'ai pas cet argent", "yes"),
    (GUARANTEE, "guar_in_need", "non j'ai l'argent mais je voulais savoir", "no"),
    (AMU, "amu_in_need", "je ne sais pas payer le médecin", "yes"),
    (ADVANCE, "adv_in_need", "je sais pas", DONT_KNOW),
    # the fact told instead of the yes
    (PRIME, "prime_was_homeless", "je vivais toute l'année au camping", "yes"),
    (PRIME, "prime_was_homeless", "j'étais à la rue depuis un an", "yes"),
    (RIS, "ris_other_benefits", "je n'ai droit à rien d'autre", "yes"),
    (RIS, "ris_lives_in_belgium", "ouais", "yes"),
    (RIS, "ris_other_benefits", "bah non", "no"),
    (RIS, "ris_willing_to_work", "oui oui", "yes"),
    (PRIME, "prime_already_received", "non, jamais eu cette prime", "no"),
    (PRIME, "prime_found_home", "oui j'ai trouvé un studio à Namur", "yes"),
    (HEATING, "heat_in_care_home", "pas du tout", "no"),
    (AMU, "amu_in_need", "c'est ça", "yes"),
    (GUARANTEE, "guar_in_need", "oui, je n'ai pas les 1.500 € de la caution", "yes"),
])
def test_answers_with_extra_words(spec, slot, text, value):
    found = parse_answer(spec.question(slot), text, TODAY)
    if value == "children":
        assert found["has_children"] is True and found["lives_alone"] is False
    else:
        assert found == value


# ---------------------------------------------------------------------------- questions, skips
@pytest.mark.parametrize("text", [
    "non mais c'est quoi le RIS ?", "c'est quoi un cpas", "oui, et c'est combien le revenu d'intégration",
    "comment on fait la demande", "pourquoi vous demandez ça", "est-ce que je dois avoir une adresse",
    "je voudrais savoir ce que veut dire registre de la population", "ça veut dire quoi BIM",
    "oui mais quel papier je dois apporter", "et si je vis chez ma mère ?",
])
def test_questions_are_questions(text):
    assert is_question(text)


@pytest.mark.parametrize("text", [
    "oui, j'habite à Wavre depuis 5 ans", "non je n'ai rien du tout", "on est quatre avec les enfants",
    "aucune des trois", "j'ai 34 ans et deux enfants", "je touche à peu près 1.234,56 € du chômage",
    "pourquoi pas", "34 ?", "oui ?", "je vis avec mon frère qui travaille", "quand j'étais petite j'habitais ici",
    "moi et les petits", "",
])
def test_answers_are_not_questions(text):
    assert not is_question(text)


@pytest.mark.parametrize("text, skip", [
    ("Passer cette question", True), ("je passe", True), ("question suivante", True), ("passer", True),
    ("suivante svp", True), ("je passe mes journées chez ma mère", False), ("oui", False), ("", False),
])
def test_skip(text, skip):
    assert is_skip(text) is skip


ALWAYS = {"stop", "crisis", "ask_human"}
INTERRUPTS = {"faq", "greet", "out_of_scope", "inform_x", "check_prime", "stop", "crisis", "ask_human"}
SURE = {"greet", "check_prime"}


@pytest.mark.parametrize("text, intent, confidence, readable, expected", [
    ("oui, j'habite à Wavre depuis 5 ans", "faq", 0.99, True, ANSWER),           # no length limit
    ("oui, j'habite à Wavre depuis 5 ans", "out_of_scope", 0.99, True, ANSWER),
    ("non mais c'est quoi le RIS ?", "faq", 0.8, True, INTERRUPTION),
    ("non, stop", "stop", 0.9, True, INTERRUPTION),
    ("j'ai droit au ris ?", "check_ris", 0.9, False, IN_PROGRESS),
    ("moi et les petits", "faq", 0.95, False, UNREADABLE),                       # a statement: no FAQ answer
    ("je comprends rien à vos trucs", "out_of_scope", 0.99, False, UNREADABLE),
    ("c'est quoi le PIIS", "faq", 0.6, False, INTERRUPTION),
    ("bonjour", "greet", 0.97, False, INTERRUPTION),
    ("bonjour", "greet", 0.5, False, UNREADABLE),
    ("je veux faire le test de la prime d'installation", "check_prime", 0.95, False, INTERRUPTION),
    ("beaucoup trop peu", "inform", 0.9, False, UNREADABLE),
    ("34 ?", "faq", 0.9, True, ANSWER),
])
def test_decide(text, intent, confidence, readable, expected):
    assert decide(Turn(text, intent, confidence, readable), "check_ris", INTERRUPTS, ALWAYS, SURE) == expected


QUESTIONS_ONLY = {"follow_up", "clarify_topic"}


@pytest.mark.parametrize("text, intent, readable, expected", [
    # read by the NLU as a follow-up or an unsure FAQ question: answered only when the form cannot read it
    ("Combien de temps pour avoir une réponse ?", "follow_up", False, INTERRUPTION),
    ("combien de temps le cpas a pour decider ?", "clarify_topic", False, INTERRUPTION),
    ("et si je vis seul ?", "follow_up", True, ANSWER),
    ("et pour un couple", "follow_up", False, UNREADABLE),          # no question: the form asks again
])
def test_decide_questions_only(text, intent, readable, expected):
    turn = Turn(text, intent, 0.9, readable)
    assert decide(turn, "check_ris", INTERRUPTS, ALWAYS, SURE, QUESTIONS_ONLY) == expected
    if expected == INTERRUPTION:  # without the set, the same message was read as an unreadable answer
        assert decide(turn, "check_ris", INTERRUPTS, ALWAYS, SURE) == UNREADABLE


# ---------------------------------------------------------------------------- extra facts
@pytest.mark.parametrize("text, age", [
    ("j'ai 34 ans et deux enfants", 34), ("oui, j'ai trente-deux ans", 32), ("oui j'habite à Wavre depuis 5 ans", None),
    ("j'ai un fils de 3 ans", None), ("oui", None), ("j'ai 20 ans, mon mari a 25 ans", 20),
])
def test_strict_age(text, age):
    assert strict_age(text) == age


@pytest.mark.parametrize("text, complete", [
    ("j'ai 34 ans et je vis seule", True), ("j'ai 30 ans, je vis avec mon mari et nos 2 enfants", True),
    ("j'ai 34 ans et deux enfants", False), ("j'ai 22 ans et j'habite chez mes parents", True),
    ("maman solo avec deux enfants", True), ("j'ai 40 ans", False),
])
def test_complete_household(text, complete):
    assert (complete_household(text) is not None) is complete


@pytest.mark.parametrize("text, commune", [
    ("oui, j'habite à Wavre depuis 5 ans", "Wavre"), ("oui j'habite à Liège depuis toujours", "Liège"),
    ("oui à Namur", "Namur"), ("oui j'habite à Bruxelles", None),   # the region as often as the City
    ("1300", None),                                                      # an amount, maybe
    ("oui", None), ("je vis à Rixensart mais je travaille à Wavre", None),
])
def test_commune_in_answer(text, commune):
    refnis = commune_in_answer(text)
    assert (None if refnis is None else get_commune(refnis).name_fr) == commune


# ---------------------------------------------------------------------------- the validator
@pytest.mark.parametrize("commune", ["Wavre", "Liège", "Namur", "Bruxelles", "Charleroi", "Ixelles", "Arlon"])
@pytest.mark.parametrize("intent", ["inform_commune", "affirm", "faq", "ask_my_cpas", "out_of_scope"])
async def test_lives_in_belgium_with_a_commune_is_a_yes_whatever_the_intent(commune, intent):
    tracker = make_tracker(f"oui, j'habite à {commune} depuis 5 ans", intent=intent, requested="ris_lives_in_belgium")
    events, messages = await run(ValidateRisForm(), tracker)
    slots = slot_events(events)
    assert slots["ris_lives_in_belgium"] == "yes" and slots["requested_slot"] == "ris_age"
    assert messages == []
    if commune != "Bruxelles":
        assert slots[COMMUNE_SLOT] == find_communes(commune).communes[0].refnis


@pytest.mark.parametrize("text", ["j'habite à Wavre", "je vis à Liège depuis toujours", "Namur"])
async def test_a_commune_alone_answers_lives_in_belgium(text):
    tracker = make_tracker(text, intent="inform_commune", requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_lives_in_belgium"] == "yes"


@pytest.mark.parametrize("text", ["je n'habite plus à Wavre", "avant j'habitais à Namur"])
async def test_a_commune_with_a_negation_is_not_a_yes(text):
    tracker = make_tracker(text, intent="inform_commune", requested="ris_lives_in_belgium")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_lives_in_belgium"] is None
    assert responses(messages) == ["utter_reask_yes_no"]


async def test_guarantee_lives_in_belgium_with_a_commune():
    tracker = make_tracker("ben oui je suis à Liège", intent="inform_commune", form="guarantee_form",
                           requested="guar_lives_in_belgium")
    events, _ = await run(ValidateGuaranteeForm(), tracker)
    assert slot_events(events)["guar_lives_in_belgium"] == "yes"


@pytest.mark.parametrize("text, intent", [
    ("on est quatre avec les enfants", "faq"), ("je vis seule avec ma fille de 3 ans", "faq"),
    ("avec ma copine et son fils à Namur", "inform_commune"),
])
async def test_household_with_extra_words(text, intent):
    slots = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian"}
    tracker = make_tracker(text, intent=intent, slots=slots, requested="ris_household")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_household"] is not None and messages == []
    assert slot_events(events)["requested_slot"] == "ris_income"


@pytest.mark.parametrize("form, validator, slot, text, intent, value", [
    ("ris_form", ValidateRisForm, "ris_income", "je touche à peu près 1.234,56 € du chômage", "faq", "1234.56"),
    ("ris_form", ValidateRisForm, "ris_savings", "non je n'ai rien du tout", "deny", "0"),
    ("prime_form", ValidatePrimeForm, "prime_found_home", "oui oui j'ai trouvé un appart à Namur", "faq", "yes"),
    ("heating_form", ValidateHeatingForm, "heat_fuel", "au mazout comme toujours, la cuve est dans la cave",
     "faq", "gasoil"),
    ("amu_form", ValidateAmuForm, "amu_legal_stay", "non je n'ai pas de papiers depuis deux ans", "faq", "no"),
])
async def test_answers_with_extra_words_read_as_faq_are_answers(form, validator, slot, text, intent, value):
    spec = validator.spec
    before = {q.slot: None for q in spec.questions}
    if form == "ris_form":
        before.update({"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian",
                       "ris_household": ALONE, "ris_income": "0" if slot == "ris_savings" else None})
    tracker = make_tracker(text, intent=intent, slots=before, form=form, requested=slot)
    events, messages = await run(validator(), tracker)
    assert slot_events(events)[slot] == value and messages == []


async def test_minor_case_aucune_des_trois():
    slots = {"ris_lives_in_belgium": "yes", "ris_age": 17}
    tracker = make_tracker("aucune des trois", intent="deny", slots=slots, requested="ris_minor_case")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_minor_case"] == "none"


async def test_age_and_household_in_one_message_fill_both():
    tracker = make_tracker("j'ai 34 ans et je vis seule", slots={"ris_lives_in_belgium": "yes"}, requested="ris_age")
    events, _ = await run(ValidateRisForm(), tracker)
    slots = slot_events(events)
    assert slots["ris_age"] == 34 and slots["ris_household"] == ALONE
    assert slots["requested_slot"] == "ris_status"


async def test_age_and_children_alone_leave_the_household_question():
    tracker = make_tracker("j'ai 34 ans et deux enfants", slots={"ris_lives_in_belgium": "yes"}, requested="ris_age")
    events, _ = await run(ValidateRisForm(), tracker)
    slots = slot_events(events)
    assert slots["ris_age"] == 34 and "ris_household" not in slots     # a partner or not? asked later


async def test_an_age_in_the_first_answer_fills_the_age_question():
    tracker = make_tracker("oui, j'ai 45 ans et j'habite à Wavre", intent="inform_commune",
                           requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    slots = slot_events(events)
    assert slots["ris_lives_in_belgium"] == "yes" and slots["ris_age"] == 45
    assert slots["requested_slot"] == "ris_status" and slots[COMMUNE_SLOT] == WAVRE


async def test_depuis_5_ans_is_not_an_age():
    tracker = make_tracker("oui, j'habite à Wavre depuis 5 ans", requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert "ris_age" not in slot_events(events)


async def test_a_statement_read_as_faq_is_reasked_not_answered():
    slots = {"ris_lives_in_belgium": "yes", "ris_age": 34}
    tracker = make_tracker("moi et les petits on se débrouille", intent="faq", slots=slots, requested="ris_status")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_status": None, "requested_slot": "ris_status"}
    assert responses(messages) == ["utter_reask_choice"]


async def test_a_question_with_a_readable_answer_interrupts():
    tracker = make_tracker("oui mais c'est quoi exactement le revenu d'intégration ?", intent="faq",
                           requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert "ris_lives_in_belgium" not in slot_events(events)


async def test_skip_is_dont_know():
    tracker = make_tracker("Passer cette question", intent="out_of_scope", requested="ris_lives_in_belgium")
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["ris_lives_in_belgium"] == DONT_KNOW


# ---------------------------------------------------------------------------- never more than twice
async def test_first_unreadable_answer_gets_the_reask():
    tracker = make_tracker("bof", requested="ris_age", slots={"ris_lives_in_belgium": "yes"},
                           events=asked("ris_age") + [{"event": "user", "text": "bof"}])
    events, messages = await run(ValidateRisForm(), tracker)
    assert responses(messages) == ["utter_reask_age"]
    assert slot_events(events) == {"ris_age": None, "requested_slot": "ris_age"}


async def test_second_unreadable_answer_offers_the_way_out_instead_of_a_third_ask():
    history = asked("ris_age") + failed_turn("ris_age", "utter_reask_age") + [{"event": "user", "text": "bof"}]
    tracker = make_tracker("bof bof", requested="ris_age", slots={"ris_lives_in_belgium": "yes"}, events=history)
    assert unreadable_count(tracker, "utter_reask_age") == 1
    events, messages = await run(ValidateRisForm(), tracker)
    assert responses(messages) == ["utter_check_still_unclear"]
    assert slot_events(events) == {"ris_age": None, "requested_slot": WAY_OUT_SLOT}


async def test_an_interruption_between_two_unreadable_answers_does_not_reset_the_count():
    faq = [{"event": "user", "text": "c'est quoi le ris ?"}, {"event": "action", "name": "utter_faq"},
           {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/ris_definition"}},
           {"event": "action", "name": "ris_form"}, {"event": "slot", "name": "requested_slot", "value": "ris_age"}]
    history = asked("ris_age") + failed_turn("ris_age", "utter_reask_age") + faq + [{"event": "user"}]
    tracker = make_tracker("euh", requested="ris_age", slots={"ris_lives_in_belgium": "yes"}, events=history)
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events)["requested_slot"] == WAY_OUT_SLOT


async def test_reasks_of_the_previous_question_do_not_count():
    history = (asked("ris_lives_in_belgium") + failed_turn("ris_lives_in_belgium", "utter_reask_yes_no")
               + [{"event": "slot", "name": "ris_lives_in_belgium", "value": "yes"},
                  {"event": "slot", "name": "requested_slot", "value": "ris_age"}, {"event": "user"}])
    tracker = make_tracker("bof", requested="ris_age", slots={"ris_lives_in_belgium": "yes"}, events=history)
    _, messages = await run(ValidateRisForm(), tracker)
    assert responses(messages) == ["utter_reask_age"]


@pytest.mark.parametrize("text, intent, value", [
    ("je ne sais pas", "dont_know", DONT_KNOW), ("34", "inform", 34), ("j'ai 34 ans voilà", "faq", 34),
    ("Passer cette question", "inform", DONT_KNOW),
])
async def test_while_the_way_out_is_offered_an_answer_is_still_read(text, intent, value):
    tracker = make_tracker(text, intent=intent, requested=WAY_OUT_SLOT, slots={"ris_lives_in_belgium": "yes"})
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_age": value, "requested_slot": "ris_status"}
    assert messages == []


async def test_while_the_way_out_is_offered_an_unreadable_answer_offers_it_again_without_the_question():
    tracker = make_tracker("bof", requested=WAY_OUT_SLOT, slots={"ris_lives_in_belgium": "yes"})
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_age": None, "requested_slot": WAY_OUT_SLOT}
    assert messages == []                 # the form asks utter_ask_check_way_out


@pytest.mark.parametrize("text, intent", [("stop", "stop"), ("Je voudrais parler à quelqu'un du CPAS", "ask_human")])
async def test_while_the_way_out_is_offered_stop_and_contact_interrupt(text, intent):
    tracker = make_tracker(text, intent=intent, requested=WAY_OUT_SLOT, slots={"ris_lives_in_belgium": "yes"})
    events, _ = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"requested_slot": WAY_OUT_SLOT}          # no answer: the form rejects


async def test_coming_back_after_an_interruption_offers_the_way_out_again():
    tracker = make_tracker("Je voudrais parler à quelqu'un du CPAS", intent="ask_human", requested=WAY_OUT_SLOT,
                           slots={"ris_lives_in_belgium": "yes"}, latest_action="utter_ask_human")
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"requested_slot": WAY_OUT_SLOT} and messages == []


def test_the_way_out_response_has_the_three_buttons():
    data = yaml.safe_load((ROOT / "data" / "responses" / "checks.yml").read_text(encoding="utf-8"))["responses"]
    buttons = data["utter_ask_check_way_out"][0]["buttons"]
    assert [b["title"] for b in buttons] == ["Arrêter la vérification", "Passer cette question", "Contacter le CPAS"]
    assert parse_answer(RIS.question("ris_age"), buttons[1]["payload"], TODAY) == DONT_KNOW
    assert "utter_check_still_unclear" in data


# ---------------------------------------------------------------------------- the commune, afterwards
RIS_DONE = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian", "ris_household": ALONE,
            "ris_income": "0", "ris_savings": "0", "ris_willing_to_work": "yes", "ris_other_benefits": "yes"}
FINISHED = [{"event": "active_loop", "name": "ris_form"}, {"event": "user", "text": "oui"},
            {"event": "active_loop", "name": None}]


async def test_the_result_names_the_cpas_of_the_commune_the_person_named():
    tracker = make_tracker("oui", slots={**RIS_DONE, COMMUNE_SLOT: WAVRE}, form=None, events=FINISHED)
    _, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages)[-1] == "utter_check_next_step_commune"
    assert messages[-1]["cpas"] == "CPAS de Wavre" and messages[-1]["commune"] == "Wavre"


async def test_the_result_with_the_profile_commune_gives_the_profile_contact():
    la_hulpe = find_communes("La Hulpe").communes[0].refnis
    tracker = make_tracker("oui", slots={**RIS_DONE, COMMUNE_SLOT: la_hulpe}, form=None, events=FINISHED)
    _, messages = await run(ActionCheckResult(), tracker)
    assert responses(messages)[-1] == "utter_check_next_step"


async def test_the_finder_answers_for_the_remembered_commune():
    tracker = make_tracker("Quel est mon CPAS ?", intent="ask_my_cpas", slots={COMMUNE_SLOT: WAVRE}, form=None)
    events, messages = await run(ActionFindCpas(), tracker)
    assert responses(messages) == ["utter_cpas_found"] and messages[0]["commune"] == "Wavre"
    assert slot_events(events)[COMMUNE_SLOT] == WAVRE


async def test_the_finder_keeps_the_commune_it_found():
    tracker = make_tracker("j'habite à Namur, quel est mon cpas", intent="ask_my_cpas", form=None)
    events, _ = await run(ActionFindCpas(), tracker)
    assert slot_events(events)[COMMUNE_SLOT] == find_communes("Namur").communes[0].refnis


# ---------------------------------------------------------------------------- "ai-je droit à X ?" offers the check
AID_ANSWERS = {
    "utter_faq/ris_conditions": RIS, "utter_faq/prime_installation": PRIME, "utter_faq/heating_allowance": HEATING,
    "utter_faq/urgent_medical_aid": AMU, "utter_faq/advance_benefits": ADVANCE,
    "utter_faq/rental_guarantee": GUARANTEE,
}


def all_responses() -> Dict[str, Any]:
    found: Dict[str, Any] = {}
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        found.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    return found


@pytest.mark.parametrize("response, spec", AID_ANSWERS.items())
def test_the_faq_answer_about_each_aid_offers_its_check(response, spec):
    buttons = all_responses()[response][0].get("buttons") or []
    assert spec.start_question in [b["payload"] for b in buttons], response


def test_each_check_start_question_is_a_training_example_of_its_intent():
    examples: Dict[str, set] = {}
    for block in yaml.safe_load((ROOT / "data" / "nlu" / "checks.yml").read_text(encoding="utf-8"))["nlu"]:
        examples[block["intent"]] = {line.strip()[2:] for line in block["examples"].splitlines() if line.strip()}
    for spec in CHECKS:
        assert spec.start_question in examples[spec.name], spec.name


# ---------------------------------------------------------------------------- a crisis seen by the classifier alone
def crisis_tracker(text: str, kinds: List[str], requested: str, slots: Optional[dict] = None) -> Tracker:
    tracker = make_tracker(text, intent="crisis", confidence=1.0, slots=slots, requested=requested)
    tracker.latest_message["cpas_danger_kinds"] = kinds
    return tracker


async def test_an_answer_the_classifier_alone_read_as_a_crisis_gets_the_numbers_then_is_taken():
    # Seen on the real-world set: "je n'ai rien du tout" to the income question, read as a crisis by the
    # classifier (no danger sign), interrupted the form, which asked the same question again, for ever.
    slots = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian", "ris_household": ALONE}
    tracker = crisis_tracker("je n'ai rien du tout", ["generic"], "ris_income", slots)
    events, messages = await run(ValidateRisForm(), tracker)
    assert slot_events(events) == {"ris_income": "0", "requested_slot": "ris_savings"}    # the next question
    assert responses(messages) == ["utter_danger_generic"]


@pytest.mark.parametrize("text, kinds", [
    ("je n'ai rien du tout, je n'ai plus rien à manger", ["hunger"]),    # a danger sign: the crisis rules answer
    ("je n'en peux plus", ["generic"]),                                  # not an answer: the crisis rules answer
])
async def test_a_crisis_with_a_danger_sign_or_without_an_answer_still_interrupts(text, kinds):
    slots = {"ris_lives_in_belgium": "yes", "ris_age": 34, "ris_status": "belgian", "ris_household": ALONE}
    events, messages = await run(ValidateRisForm(), crisis_tracker(text, kinds, "ris_income", slots))
    assert "ris_income" not in slot_events(events)
    assert "utter_danger_generic" not in responses(messages)
