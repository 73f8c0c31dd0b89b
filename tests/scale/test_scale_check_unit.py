"""The bookkeeping of scripts/scale_check.py (make test-scale) on made-up events: no server.

The live run rarely loses or duplicates a message, so the comparison that would catch it is tested here."""
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "scale_check.py"
spec = importlib.util.spec_from_file_location("scale_check", SCRIPT)
sc = importlib.util.module_from_spec(spec)
sys.modules["scale_check"] = sc  # dataclasses look their module up
spec.loader.exec_module(sc)


def conversation(kind, *turns, sender="s1", replayed_at=()):
    conv = sc.Conversation(sender, kind, [sc.Turn(text, []) for text, _ in turns])
    for i, (text, answer) in enumerate(turns):
        upstream = "127.0.0.1:2, 127.0.0.1:1" if i in replayed_at else "127.0.0.1:1"
        conv.results.append(sc.Result(text, status=200, answer=answer, messages=[answer], upstream=upstream))
    return conv


def events_for(*pairs, t0=100.0):
    """[(user text, bot text)] -> stored events, with session start and action_listen as Rasa writes them."""
    events = [("action", t0, "action_session_start"), ("session_started", t0, None), ("action", t0, "action_listen")]
    t = t0
    for user, bot in pairs:
        t += 1
        events += [("user", t, user), ("user_featurization", t, None), ("action", t + .1, "utter_x"),
                   ("bot", t + .1, bot), ("action", t + .2, "action_listen")]
    return events


def replayed(r):
    return "," in r.upstream


def test_split_turns_groups_bot_events_under_their_user_message():
    turns = sc.split_turns(events_for(("a", "A"), ("b", "B")))
    assert [(t[0], t[2]) for t in turns] == [("a", ["A"]), ("b", ["B"])]
    assert turns[0][1] == 101 and turns[0][3] == 101.2


def test_an_exact_store_passes():
    conv = conversation("ris", ("oui", "Quel âge avez-vous ?"), ("34", "Nationalité ?"))
    problems, twice = sc.check_store([conv], {"s1": events_for(("oui", "Quel âge avez-vous ?"),
                                                                ("34", "Nationalité ?"))}, replayed)
    assert problems == [] and twice == []


def test_a_lost_message_fails():
    conv = conversation("ris", ("oui", "Q1"), ("34", "Q2"))
    problems, _ = sc.check_store([conv], {"s1": events_for(("oui", "Q1"))}, replayed)
    assert problems and "!= sent" in problems[0]


def test_messages_stored_out_of_order_fail():
    conv = conversation("faq", ("a", "A"), ("b", "B"))
    problems, _ = sc.check_store([conv], {"s1": events_for(("b", "B"), ("a", "A"))}, replayed)
    assert problems


def test_a_message_stored_but_never_sent_fails():
    conv = conversation("faq", ("a", "A"))
    problems, _ = sc.check_store([conv], {"s1": events_for(("a", "A"), ("z", "Z"))}, replayed)
    assert problems and "never sent" in problems[0]


def test_a_bot_answer_that_differs_from_the_http_answer_fails():
    conv = conversation("faq", ("a", "A"))
    problems, _ = sc.check_store([conv], {"s1": events_for(("a", "another conversation's answer"))}, replayed)
    assert problems and "differ" in problems[0]


def test_a_message_without_bot_event_fails():
    conv = conversation("faq", ("a", "A"))
    events = [("user", 1.0, "a"), ("action", 1.1, "action_listen")]
    problems, _ = sc.check_store([conv], {"s1": events}, replayed)
    assert any("no bot event" in p for p in problems)


def test_a_replayed_stateless_question_may_be_stored_twice_and_is_counted():
    conv = conversation("crash", ("bonjour", "Bonjour !"), replayed_at=(0,))
    problems, twice = sc.check_store([conv], {"s1": events_for(("bonjour", "Bonjour !"), ("bonjour", "Bonjour !"))},
                                     replayed)
    assert problems == [] and twice == [("s1", "bonjour")]


@pytest.mark.parametrize("kind, replayed_at", [("ris", (1,)), ("faq", ())])
def test_a_twice_stored_answer_fails_in_a_guided_check_or_when_nginx_did_not_replay_it(kind, replayed_at):
    conv = conversation(kind, ("oui", "Q1"), ("oui", "Q2"), replayed_at=replayed_at)
    stored = events_for(("oui", "Q1"), ("oui", "Q2"), ("oui", "Q2"))
    problems, twice = sc.check_store([conv], {"s1": stored}, replayed)
    assert problems and twice == []


def test_percentile():
    assert sc.percentile([], .5) == 0.0
    assert sc.percentile([3, 1, 2], .5) == 2
    assert sc.percentile(list(range(101)), .95) == 95
