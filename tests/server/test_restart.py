"""Conversations survive a restart of the Rasa server (SQLite tracker store, as `make run` configures it).

The Rasa server is stopped in the middle of a guided check and started again on the same tracker database:
the check goes on at the question it had reached, with the answers given before the restart.
"""
import sqlite3

import pytest
from helpers.server_harness import Conversation, running_bot

pytestmark = [pytest.mark.model, pytest.mark.server]


@pytest.fixture(scope="module")
def servers(model_path, tmp_path_factory):
    with running_bot(tmp_path_factory.mktemp("restart"), model_path) as servers:
        yield servers


def test_a_guided_check_goes_on_after_a_restart(servers):
    c = Conversation(servers, "restart-ris")
    assert "Belgique" in c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")                       # lives in Belgium
    before = c.say("j'ai 34 ans")      # age -> the next question (status)
    assert "?" in before

    servers.stop_rasa()
    # The conversation is in the database while the server is down.
    with sqlite3.connect(servers.tracker_db) as db:
        stored = [row[0] for row in db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", ("restart-ris",))]
    assert len(stored) == 3 and "34 ans" in stored[-1]
    servers.start_rasa()

    c.say("belge")                     # status: the form resumes where it was
    c.say("je vis seul")               # household
    c.say("500 € par mois")            # own net income
    c.say("rien")                      # savings
    c.say("oui")                       # willing to work
    answer = c.say("oui")              # other benefits claimed
    # The result uses the age and the residence given before the restart: the check did not start over.
    assert "probablement éligible" in answer, c.history
    assert servers.facts["ris_cat2"] in answer and servers.facts["ris_date"] in answer, c.history


def test_a_new_message_after_a_restart_keeps_the_history(servers):
    c = Conversation(servers, "restart-faq")
    c.say("bonjour")
    first = c.say("c'est quoi la prime d'installation ?")
    servers.stop_rasa()
    servers.start_rasa()
    again = c.say("c'est quoi la prime d'installation ?")
    assert again == first
    with sqlite3.connect(servers.tracker_db) as db:
        users = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'",
                           ("restart-faq",)).fetchone()[0]
    assert users == 3
