"""actions/follow_up.py run as rasa-sdk runs it: a Tracker built in code, a CollectingDispatcher."""
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import ActionAnswerFollowUp, ActionChooseFaq, ActionClarifyTopic, chosen_key


def tracker(text, intent="follow_up", last=None, ranking=(), entities=(), **parse):
    events = [{"event": "bot", "metadata": {"utter_action": last}}] if last else []
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities),
               "response_selector": {"faq": {"ranking": [{"intent_response_key": f"faq/{k}", "confidence": c}
                                                         for k, c in ranking]}}, **parse}
    return Tracker(sender_id="t", slots={}, latest_message=message, events=events, paused=False,
                   followup_action=None, active_loop={}, latest_action_name="action_listen")


async def run(action, t):
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, t, {})
    return dispatcher.messages


async def test_a_follow_up_is_answered_in_context():
    messages = await run(ActionAnswerFollowUp(), tracker("et pour une famille ?", last="utter_faq/ris_amounts",
                                                         ranking=[("ris_resources", 0.4)]))
    assert [m["response"] for m in messages] == ["utter_ris_amount_family"]


async def test_a_follow_up_after_a_variant_keeps_the_topic():
    messages = await run(ActionAnswerFollowUp(), tracker("et pour un cohabitant ?", last="utter_ris_amount_family"))
    assert [m["response"] for m in messages] == ["utter_ris_amount_cohabitant"]


async def test_a_follow_up_naming_its_own_topic_starts_fresh():
    messages = await run(ActionAnswerFollowUp(), tracker("et pour la prime d'installation ?",
                                                         last="utter_faq/ris_amounts"))
    assert [m["response"] for m in messages] == ["utter_faq/prime_installation"]


async def test_a_follow_up_that_fits_nothing_asks_with_buttons():
    messages = await run(ActionAnswerFollowUp(), tracker("et pour un couple ?", last="utter_faq/article27",
                                                         ranking=[("ris_amounts", 0.3), ("article27", 0.2)]))
    assert messages[0]["response"] == "utter_clarify_topic"
    assert messages[0]["buttons"] and all(b["payload"].startswith("/choose_faq") for b in messages[0]["buttons"])


async def test_a_follow_up_without_any_context_nor_topic_asks_or_falls_back():
    messages = await run(ActionAnswerFollowUp(), tracker("et alors ?"))
    assert [m["response"] for m in messages] == ["utter_default"]


async def test_clarify_offers_the_gate_candidates_in_plain_words():
    messages = await run(ActionClarifyTopic(), tracker(
        "quelles conséquences ?", intent="clarify_topic", faq_candidates=["sanctions", "ris_cohabitant_income"]))
    assert messages[0]["response"] == "utter_clarify_topic"
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "Les sanctions du CPAS", "Les revenus des personnes qui vivent avec vous"]


async def test_clarify_answers_a_clear_follow_up_in_its_context():
    # The NLU hesitated between unrelated answers, but the message clearly leans on the last one: no ask-back.
    messages = await run(ActionClarifyTopic(), tracker(
        "et pour une famille ?", intent="clarify_topic", last="utter_faq/ris_amounts",
        faq_candidates=["article27", "ris_resources"]))
    assert [m["response"] for m in messages] == ["utter_ris_amount_family"]
    messages = await run(ActionClarifyTopic(), tracker(
        "ça coûte combien ?", intent="clarify_topic", last="utter_faq/appeal",
        faq_candidates=["article27", "ris_resources"]))
    assert [m["response"] for m in messages] == ["utter_faq/appeal"]     # it says: free, costs paid by the CPAS


async def test_clarify_without_context_asks_back():
    messages = await run(ActionClarifyTopic(), tracker(
        "et pour une famille ?", intent="clarify_topic", faq_candidates=["article27", "ris_resources"]))
    assert messages[0]["response"] == "utter_clarify_topic" and len(messages[0]["buttons"]) >= 2


async def test_a_button_gives_its_answer_and_a_forged_one_the_fallback():
    good = tracker('/choose_faq{"faq_key":"ris_cohabitant_income"}', intent="choose_faq",
                   entities=[{"entity": "faq_key", "value": "ris_cohabitant_income"}])
    assert [m["response"] for m in await run(ActionChooseFaq(), good)] == ["utter_faq/ris_cohabitant_income"]
    bad = tracker('/choose_faq{"faq_key":"../../etc"}', intent="choose_faq")
    assert [m["response"] for m in await run(ActionChooseFaq(), bad)] == ["utter_default"]


def test_chosen_key_reads_the_payload_when_there_is_no_entity():
    assert chosen_key({"text": '/choose_faq{"faq_key":"appeal"}', "entities": []}) == "appeal"
    assert chosen_key({"text": "/choose_faq{oops", "entities": []}) is None


async def test_the_fallback_answers_a_short_follow_up_in_context_and_re_asks_otherwise():
    from actions.conversation import ActionFallback
    messages = await run(ActionFallback(), tracker(
        "je dois envoyer la lettre où ?", intent="nlu_fallback", last="utter_faq/appeal"))
    assert [m["response"] for m in messages] == ["utter_faq/appeal"]            # the tribunal du travail
    messages = await run(ActionFallback(), tracker("qsdkjf mlkqsjd", intent="nlu_fallback", last="utter_faq/appeal"))
    assert [m["response"] for m in messages] == ["utter_default"]


async def test_clarify_orients_a_situation_instead_of_asking():
    messages = await run(ActionClarifyTopic(), tracker(
        "le cpas m'a supprime mon aide, je peux faire quoi", intent="clarify_topic",
        faq_candidates=["rights_obligations", "sanctions"]))
    names = [m["response"] for m in messages]
    assert names[0] == "utter_orient_intro" and "utter_orient_appeal" in names
