"""cpas_rasa/nlu/length_bucketed_diet.py: DIET's training batches hold messages of similar length; each epoch still
shows every example of Rasa's balanced epoch once, and the model data is Rasa's own."""
import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH

from cpas_rasa.nlu.length_bucketed_diet import LengthBucketedData, LengthBucketedDIET, bucketed_order

VOCABULARY = 30


def padded_positions(lengths, order, batch_size):
    ordered = np.asarray(lengths)[order]
    return sum(ordered[i:i + batch_size].max() * len(ordered[i:i + batch_size])
               for i in range(0, len(ordered), batch_size))


def test_the_order_is_a_permutation_and_an_incomplete_last_batch_stays_last():
    np.random.seed(1)
    lengths = np.random.randint(1, 55, size=1000)
    order = bucketed_order(lengths, 64)
    assert sorted(order.tolist()) == list(range(1000))
    # Windows of 8 x 64 = 512 examples: the last one is [512, 1000); its 40 longest make the incomplete last batch.
    last_window = np.argsort(lengths[512:], kind="stable") + 512
    assert order[960:].tolist() == last_window[-40:].tolist()


def test_batches_of_similar_length_need_far_fewer_padded_positions():
    # Lengths as in our training data: 12 tokens on the median, a long tail up to 54.
    rng = np.random.default_rng(3)
    lengths = np.clip(rng.gamma(6.0, 2.0, size=4362).round().astype(int), 1, 54)
    for batch_size in (64, 256):
        np.random.seed(0)
        shuffled = np.random.permutation(len(lengths))
        bucketed = shuffled[bucketed_order(lengths[shuffled], batch_size)]
        random_batches = padded_positions(lengths, shuffled, batch_size)
        assert padded_positions(lengths, bucketed, batch_size) < 0.6 * random_batches


def test_the_order_depends_on_the_seed_rasa_sets():
    lengths = np.arange(500) % 37
    np.random.seed(42)
    first = bucketed_order(lengths, 32)
    np.random.seed(42)
    assert np.array_equal(first, bucketed_order(lengths, 32))
    np.random.seed(43)
    assert not np.array_equal(first, bucketed_order(lengths, 32))


def test_small_inputs():
    assert bucketed_order(np.array([]), 64).tolist() == []
    np.random.seed(0)
    assert sorted(bucketed_order(np.array([5, 1, 3]), 64).tolist()) == [0, 1, 2]      # one incomplete batch


def _message(words, intent, rng):
    message = Message(data={TEXT: " ".join(["mot"] * words), INTENT: intent})
    sparse = scipy.sparse.random(words, VOCABULARY, density=0.3, format="coo", random_state=rng)
    message.add_features(Features(sparse, "sequence", TEXT, "cv"))
    message.add_features(Features(scipy.sparse.coo_matrix(sparse.sum(axis=0)), "sentence", TEXT, "cv"))
    return message


def _model_data(cls, tmp_path, messages):
    classifier = cls.create({**cls.get_default_config(), "epochs": 1, "entity_recognition": False},
                            LocalModelStorage(tmp_path / cls.__name__), Resource(cls.__name__),
                            ExecutionContext(None, "test"))
    return classifier.preprocess_train_data(TrainingData(messages))


@pytest.fixture
def messages():
    rng = np.random.default_rng(5)
    intents = ["greet"] * 60 + ["faq"] * 150 + ["crisis"] * 30
    return [_message(int(rng.integers(1, 40)), intent, rng) for intent in intents]


def test_the_model_data_is_rasa_s_own(tmp_path, messages):
    theirs = _model_data(DIETClassifier, tmp_path, messages)
    ours = _model_data(LengthBucketedDIET, tmp_path, messages)
    assert isinstance(ours, LengthBucketedData)
    assert {k: set(v) for k, v in ours.data.items()} == {k: set(v) for k, v in theirs.data.items()}
    for attribute in theirs.data:
        for key in theirs.data[attribute]:
            for a, b in zip(theirs.data[attribute][key], ours.data[attribute][key]):
                for x, y in zip(a, b):
                    x = x.toarray() if scipy.sparse.issparse(x) else x
                    y = y.toarray() if scipy.sparse.issparse(y) else y
                    assert np.array_equal(x, y)


def test_an_epoch_holds_rasa_s_balanced_examples_in_batches_of_similar_length(tmp_path, messages):
    theirs = _model_data(DIETClassifier, tmp_path, messages)
    ours = _model_data(LengthBucketedDIET, tmp_path, messages)
    np.random.seed(7)
    rasa_epoch = theirs.balanced_data(theirs.data, 16, True)
    np.random.seed(7)
    our_epoch = ours.balanced_data(ours.data, 16, True)

    def examples(epoch):     # (length, intent id) of every example of the epoch
        return sorted(zip(np.asarray(epoch[TEXT][SEQUENCE_LENGTH][0]).tolist(),
                          np.asarray(epoch["label"]["ids"][0]).reshape(-1).tolist()))

    assert examples(our_epoch) == examples(rasa_epoch)
    rasa_lengths = np.asarray(rasa_epoch[TEXT][SEQUENCE_LENGTH][0])
    our_lengths = np.asarray(our_epoch[TEXT][SEQUENCE_LENGTH][0])
    order = np.arange(len(our_lengths))
    assert padded_positions(our_lengths, order, 16) < 0.7 * padded_positions(rasa_lengths, order, 16)


@pytest.mark.model
def test_the_trained_intent_classifier_is_the_length_bucketed_diet(agent):
    nodes = agent.processor.graph_runner._instantiated_nodes
    classifiers = [node._component for node in nodes.values() if isinstance(node._component, DIETClassifier)
                   and type(node._component).__name__ != "SentenceResponseSelector"]
    assert [type(c) for c in classifiers] == [LengthBucketedDIET]
