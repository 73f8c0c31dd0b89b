"""DIET and the ResponseSelector loaded to predict (cpas_rasa/tf_model_load.py) answer exactly as with Rasa's own
load, and keep no optimizer state."""
import asyncio

import pytest
from helpers.heldout import load_cases

import cpas_rasa  # noqa: F401  (installs the load, as in the Rasa server)
from cpas_rasa.tf_model_load import load_for_prediction, rasa_load

MESSAGES = [text for _, text, _ in load_cases()[::6]] + ["bonjour", "et pour un couple ?", "Wavre", "oui"]


def tf_models(agent):
    """{node name: RasaModel} of the loaded agent's graph (DIET, the ResponseSelector)."""
    from rasa.utils.tensorflow.models import RasaModel

    nodes = agent.processor.graph_runner._instantiated_nodes
    return {name: node._component.model for name, node in nodes.items()
            if isinstance(getattr(node._component, "model", None), RasaModel)}


def optimizer_values(model) -> int:
    variables = model.optimizer.variables
    variables = variables() if callable(variables) else variables
    return sum(int(v.shape.num_elements()) for v in variables)


def predictions(agent):
    out = []
    for text in MESSAGES:
        data = asyncio.run(agent.parse_message(text))
        faq = ((data.get("response_selector") or {}).get("faq") or {}).get("ranking") or []
        out.append((text, [(r["name"], r["confidence"]) for r in data.get("intent_ranking") or []],
                    [(r["intent_response_key"], r["confidence"]) for r in faq]))
    return out


def test_the_rasa_server_loads_models_for_prediction():
    from rasa.utils.tensorflow.models import RasaModel

    assert RasaModel.load.__func__ is load_for_prediction


@pytest.fixture(scope="module")
def rasa_loaded(model_path):
    """The same model loaded with Rasa's own RasaModel.load (trained on one example first)."""
    from rasa.core.agent import load_agent
    from rasa.utils.tensorflow.models import RasaModel

    RasaModel.load = classmethod(rasa_load)
    try:
        return asyncio.run(load_agent(model_path=str(model_path)))
    finally:
        RasaModel.load = classmethod(load_for_prediction)


@pytest.mark.model
def test_same_predictions_as_rasas_own_load(agent, rasa_loaded):
    ours, theirs = predictions(agent), predictions(rasa_loaded)
    for (text, intents, faqs), (_, rasa_intents, rasa_faqs) in zip(ours, theirs):
        assert [name for name, _ in intents] == [name for name, _ in rasa_intents], text
        assert [key for key, _ in faqs] == [key for key, _ in rasa_faqs], text
        for (_, a), (_, b) in zip(intents + faqs, rasa_intents + rasa_faqs):
            assert a == pytest.approx(b, abs=1e-6), text


@pytest.mark.model
def test_no_optimizer_state_is_kept(agent, rasa_loaded):
    ours, theirs = tf_models(agent), tf_models(rasa_loaded)
    assert len(ours) == 2 and ours.keys() == theirs.keys()          # DIET and the ResponseSelector
    for name, model in ours.items():
        assert optimizer_values(model) <= 1, name                  # the step counter only
        assert optimizer_values(theirs[name]) > 1_000_000, name    # Rasa's load: two Adam slots per weight
