"""cpas_rasa/actions_in_process.py: Rasa's RemoteAction runs the actions of actions/ in the Rasa server when the
action endpoint names a module (endpoints.yml), with the outcomes the action server gives over HTTP."""
import asyncio
import copy
import sys
import textwrap

import pytest
import yaml
from conftest import ROOT
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

import cpas_rasa  # noqa: F401  (installs the in-process endpoint, as the Rasa server does when it loads cpas_rasa)
from cpas_rasa.actions_in_process import MODULE_KEY, executor_for


@pytest.fixture(scope="module", autouse=True)
def actions_registered():
    """rasa-sdk registers actions/ as the Rasa server does, without pytest's tests/ on sys.path (its package walk
    would take tests/lib for a subpackage of actions/, as test_labour_court.py says)."""
    saved, tests_dir = sys.path[:], str(ROOT / "tests")
    shadowing = {name: sys.modules.pop(name) for name in ("lib", "rules") if name in sys.modules}
    sys.path[:] = [p for p in sys.path if not p.startswith(tests_dir)]
    try:
        executor_for("actions")
    finally:
        sys.path[:] = saved
        sys.modules.update(shadowing)


@pytest.fixture(scope="module")
def domain():
    return Domain.load([str(ROOT / "domain.yml"), str(ROOT / "data" / "responses")])  # as rasa train merges it


def in_process(module="actions"):
    return EndpointConfig(**{MODULE_KEY: module})


def form_tracker(domain, text, intent, requested_slot, form="ris_form", slots=None):
    tracker = DialogueStateTracker.from_events("in-process", [
        ActionExecuted("action_listen"),
        ActiveLoop(form),
        SlotSet("requested_slot", requested_slot),
        *[SlotSet(name, value) for name, value in (slots or {}).items()],
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": intent, "confidence": 1.0}),
    ], slots=domain.slots)
    return tracker


def run(action_name, tracker, domain, endpoint=None):
    action = RemoteAction(action_name, endpoint or in_process())
    output = CollectingOutputChannel()
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return asyncio.run(action.run(output, nlg, tracker, domain))


def test_endpoints_yml_runs_the_actions_in_process():
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    assert endpoints.action is not None and endpoints.action.url is None
    assert endpoints.action.kwargs == {MODULE_KEY: "actions"}


def test_a_form_validation_runs_in_process_and_takes_an_answer_with_extra_words(domain):
    tracker = form_tracker(domain, "j'ai 34 ans", "inform", "ris_age")
    events = run("validate_ris_form", tracker, domain)
    assert SlotSet("ris_age", 34) in events or SlotSet("ris_age", 34.0) in events, events


def test_a_bad_value_is_refused_in_process_with_a_reask(domain):
    tracker = form_tracker(domain, "quarante-douze", "inform", "ris_age")
    events = run("validate_ris_form", tracker, domain)
    assert SlotSet("ris_age", None) in events, events
    assert any(isinstance(e, BotUttered) and e.text for e in events), "the person is told what to write"


def test_the_why_of_a_question_comes_back_as_a_bot_message(domain):
    tracker = form_tracker(domain, "pourquoi cette question ?", "why_question", "ris_savings")
    events = run("action_explain_question", tracker, domain)
    texts = [e.text for e in events if isinstance(e, BotUttered)]
    assert texts and any("épargne" in t for t in texts), texts


def test_running_the_actions_leaves_rasa_s_domain_unchanged(domain):
    before = copy.deepcopy(domain.as_dict())
    run("validate_ris_form", form_tracker(domain, "j'ai 34 ans", "inform", "ris_age"), domain)
    run("action_explain_question", form_tracker(domain, "pourquoi ?", "why_question", "ris_age"), domain)
    assert domain.as_dict() == before


def test_an_unknown_action_is_an_error_as_over_http(domain):
    tracker = form_tracker(domain, "bonjour", "greet", "ris_age")
    with pytest.raises(RasaException, match="Failed to execute custom action 'action_that_does_not_exist'"):
        run("action_that_does_not_exist", tracker, domain)


def test_a_rejection_becomes_rasa_s_action_execution_rejection(domain, tmp_path, monkeypatch):
    (tmp_path / "rejecting_actions.py").write_text(textwrap.dedent('''
        from rasa_sdk import Action
        from rasa_sdk.interfaces import ActionExecutionRejection

        class Rejecting(Action):
            def name(self):
                return "action_rejecting"

            def run(self, dispatcher, tracker, domain):
                raise ActionExecutionRejection("action_rejecting", "not for this message")
    '''), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    tracker = form_tracker(domain, "bonjour", "greet", "ris_age")
    with pytest.raises(ActionExecutionRejection) as rejection:
        run("action_rejecting", tracker, domain, in_process("rejecting_actions"))
    assert rejection.value.action_name == "action_rejecting"
    sys.modules.pop("rejecting_actions", None)


def test_an_endpoint_with_a_url_still_calls_it_over_http(domain):
    from socket import socket

    with socket() as s:            # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tracker = form_tracker(domain, "bonjour", "greet", "ris_age")
    with pytest.raises(RasaException, match="Couldn't connect"):
        run("action_explain_question", tracker, domain, EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"))


def test_the_deployments_keep_their_action_server():
    for path in ("deploy/endpoints.scale.yml",):
        data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
        assert "url" in data["action_endpoint"] and MODULE_KEY not in data["action_endpoint"], path
