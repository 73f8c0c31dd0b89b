"""Proof that an indexation is one edit in one file: a copy of parameters.yml with a future official row, the bot
started on a day after it (CPAS_PARAMETERS and CPAS_TODAY, read in one place each), speaks the new amount with
its date, and the server tests' own expectations still hold (they compute what the bot must say)."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers.server_harness import Conversation, running_bot, texts

from actions.rules.parameters import DEFAULT_PATH, parameter

pytestmark = [pytest.mark.model, pytest.mark.server]

FUTURE = dt.date(2030, 1, 1)
# Made-up test values, clearly above the 2025 ones (a test row, not a forecast).
ROWS = {
    "ris_monthly": "    2030-01-01: {cat1: 1000.00, cat2: 1500.50, cat3: 2000.25, source: \"test : ligne future\"}\n",
    "ris_yearly": "    2030-01-01: {cat1: 12000.00, cat2: 18006.00, cat3: 24003.00, source: \"test : ligne future\"}\n",
}


def with_future_rows(text: str) -> str:
    """The copy: each row appended at the end of its parameter's values (after the announced row)."""
    for name, row in ROWS.items():
        start = text.index(f"\n{name}:\n")
        end = text.find("\n\n", start + 1)
        text = text[:end + 1] + row + text[end + 1:] if end != -1 else text + row
    return text


@pytest.fixture(scope="module")
def future_bot(model_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("future-bot")
    copy = folder / "parameters.yml"
    copy.write_text(with_future_rows(DEFAULT_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    assert str(parameter("ris_monthly", FUTURE, copy)["cat2"]) == "1500.50"      # the copy has the row
    env = {"CPAS_PARAMETERS": str(copy), "CPAS_TODAY": (FUTURE + dt.timedelta(days=1)).isoformat()}
    with running_bot(folder, model_path, env=env) as servers:
        yield servers


def test_the_bot_speaks_the_new_amount_with_its_date(future_bot):
    facts = future_bot.facts
    assert (facts["ris_cat2"], facts["ris_date"], facts["prime_amount"]) == ("1 500,50 €", "1er janvier 2030",
                                                                              "2 000,25 €")
    _, replies = future_bot.post("Quels sont les montants du revenu d'intégration ?", sender="future")
    answer = texts(replies)
    assert "1 500,50 €" in answer and "1er janvier 2030" in answer and "18 006 €" in answer, answer
    assert "1 314,20 €" not in answer and "indexés" not in answer
    c = Conversation(future_bot, "future-prime")
    assert "2 000,25 €" in c.say("C'est quoi la prime d'installation ?"), c.history


def test_the_server_tests_still_pass_on_that_day(future_bot):
    from server import test_check_conversations, test_server

    test_server.test_greeting_and_a_faq_answer_with_dated_amounts(future_bot)
    test_server.test_amount_quoted_from_an_unofficial_site_gets_the_warning_and_the_real_amounts(future_bot)
    test_server.test_labour_court_for_a_commune_then_without_a_commune(future_bot)
    test_check_conversations.test_complete_ris_check_for_a_single_person_with_a_small_wage(future_bot)
