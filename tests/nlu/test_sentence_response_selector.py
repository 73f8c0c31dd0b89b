"""cpas_rasa/nlu/sentence_response_selector.py: the ResponseSelector's data without the token-level sparse
columns it never reads, everything else as Rasa builds it."""
import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import SENTENCE, SEQUENCE

from cpas_rasa.nlu.sentence_response_selector import KEPT_COLUMNS, SentenceResponseSelector

VOCABULARY, VECTOR = 40, 6


def _message(text, key, rng):
    tokens = len(text.split())
    message = Message(data={TEXT: text, INTENT: "faq", INTENT_RESPONSE_KEY: f"faq/{key}"})
    sparse = scipy.sparse.random(tokens, VOCABULARY, density=0.2, format="coo", random_state=rng)
    message.add_features(Features(sparse, "sequence", TEXT, "cv"))
    message.add_features(Features(scipy.sparse.coo_matrix(sparse.sum(axis=0)), "sentence", TEXT, "cv"))
    message.add_features(Features(rng.random((tokens, VECTOR)), "sequence", TEXT, "spacy"))
    message.add_features(Features(rng.random((1, VECTOR)), "sentence", TEXT, "spacy"))
    return message


def _model_data(cls, tmp_path, messages, **config):
    selector = cls.create(
        {**cls.get_default_config(), "retrieval_intent": "faq", "use_text_as_label": False, "epochs": 1, **config},
        LocalModelStorage(tmp_path / cls.__name__), Resource(cls.__name__), ExecutionContext(None, "test"))
    return selector.preprocess_train_data(TrainingData(messages))


@pytest.fixture
def messages():
    rng = np.random.default_rng(7)
    return [_message(text, key, rng) for text, key in [
        ("quel est le montant du ris", "ris_amounts"), ("combien pour une famille", "ris_amounts"),
        ("comment faire un recours", "appeal"), ("le cpas a refusé ma demande que faire", "appeal")]]


@pytest.fixture
def both(tmp_path, messages):
    return _model_data(ResponseSelector, tmp_path, messages), _model_data(SentenceResponseSelector, tmp_path, messages)


def test_with_a_transformer_layer_every_token_column_is_kept(tmp_path, messages):
    ours = _model_data(SentenceResponseSelector, tmp_path, messages, number_of_transformer_layers=1)
    (sparse,) = [f for f in ours.data[TEXT][SEQUENCE] if f.is_sparse]
    assert sparse.units == VOCABULARY


def test_token_level_sparse_features_keep_only_their_first_columns(both):
    rasa_data, ours = both
    (rasa_sparse,) = [f for f in rasa_data.data[TEXT][SEQUENCE] if f.is_sparse]
    (our_sparse,) = [f for f in ours.data[TEXT][SEQUENCE] if f.is_sparse]
    assert rasa_sparse.units == VOCABULARY and our_sparse.units == KEPT_COLUMNS
    for full, cut in zip(rasa_sparse, our_sparse):
        assert cut.shape == (full.shape[0], KEPT_COLUMNS)      # one row per token still
        assert (cut.toarray() == full.toarray()[:, :KEPT_COLUMNS]).all()


def test_sentence_features_dense_features_and_labels_are_rasa_s_own(both):
    rasa_data, ours = both
    for attribute, kind in [(TEXT, SENTENCE), ("label", SENTENCE), ("label", SEQUENCE)]:
        for theirs, mine in zip(rasa_data.data.get(attribute, {}).get(kind, []),
                                ours.data.get(attribute, {}).get(kind, [])):
            assert theirs.is_sparse == mine.is_sparse and theirs.units == mine.units
            for a, b in zip(theirs, mine):
                a = a.toarray() if scipy.sparse.issparse(a) else a
                b = b.toarray() if scipy.sparse.issparse(b) else b
                assert np.array_equal(a, b)
    (rasa_dense,) = [f for f in rasa_data.data[TEXT][SEQUENCE] if not f.is_sparse]
    (our_dense,) = [f for f in ours.data[TEXT][SEQUENCE] if not f.is_sparse]
    assert all(np.array_equal(a, b) for a, b in zip(rasa_dense, our_dense))
    assert {k: set(v) for k, v in ours.data.items()} == {k: set(v) for k, v in rasa_data.data.items()}
    assert np.array_equal(np.asarray(ours.data["label"]["ids"][0]), np.asarray(rasa_data.data["label"]["ids"][0]))


@pytest.mark.model
def test_the_trained_selector_projects_only_the_kept_token_columns(agent):
    from rasa.utils.tensorflow.models import RasaModel

    nodes = agent.processor.graph_runner._instantiated_nodes
    (selector,) = [node._component for node in nodes.values()
                   if isinstance(node._component, ResponseSelector)]
    assert isinstance(selector, SentenceResponseSelector)
    assert isinstance(selector.model, RasaModel)
    sparse = [s for s in selector.model.data_signature[TEXT][SEQUENCE] if s.is_sparse]
    assert [s.units for s in sparse] == [KEPT_COLUMNS]
    assert [s.units for s in selector.model.data_signature[TEXT][SENTENCE] if s.is_sparse][0] > 10_000
