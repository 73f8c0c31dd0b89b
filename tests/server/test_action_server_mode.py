"""The bot as deploy/ runs it: the custom actions on their own action server, called over HTTP by Rasa.

`make run` runs them inside the Rasa server (endpoints.yml, cpas_rasa/actions_in_process.py); the deployments of
deploy/ (compose, Kubernetes, make test-scale) keep an action server beside the replicas. Both ways must answer the
same: a guided check with its validations, the "why?" of a question and the commune finder.
"""
import pytest
from helpers.server_harness import Conversation, running_bot

pytestmark = [pytest.mark.model, pytest.mark.server]


@pytest.fixture(scope="module")
def on_action_server(model_path, tmp_path_factory):
    with running_bot(tmp_path_factory.mktemp("bot-http-actions"), model_path, actions="server") as servers:
        yield servers


@pytest.fixture(scope="module")
def in_process(bot):
    return bot


@pytest.mark.parametrize("servers", ["on_action_server", "in_process"])
def test_a_guided_check_answers_the_same_on_both_ways(servers, request):
    bot = request.getfixturevalue(servers)
    endpoints = (bot.workdir / "endpoints.yml").read_text(encoding="utf-8")
    assert ("url:" in endpoints) == (servers == "on_action_server"), endpoints
    talk = Conversation(bot, f"mode-{servers}")
    assert "Belgique" in talk.say("Est-ce que j'ai droit au revenu d'intégration ?")
    assert "âge" in talk.say("oui, j'habite à Wavre depuis 5 ans")
    assert "âge" in talk.say("quarante-douze"), "a bad value is asked again"
    assert "nationalité" in talk.say("j'ai 34 ans")
    why = talk.say("pourquoi cette question ?")
    assert "nationalité" in why, why          # the explanation, then the same question again
    assert "j'arrête la vérification" in talk.say("stop")
    assert "CPAS de Wavre" in talk.say("je vis à Wavre, c'est quel CPAS ?")
