"""Rasa's DIETClassifier trained on batches of messages of similar length (training time, issue 16).

DIET's transformer layer works on every token position of a batch, and Rasa pads each batch to its longest
message. Our training examples are 12 tokens long on the median and up to 54: in a batch drawn at random there
are about 2.6 positions for one real token (3.1 at the last batch size, 256). This component draws each epoch's
batches as Rasa does (shuffled, then balanced between intents), then, within each window of WINDOW_BATCHES
batches, puts the messages of similar length together and shuffles the order of the batches: every example of
Rasa's balanced epoch is still seen once; only which examples share a batch changes. Prediction is Rasa's own.

Measured on 6 December (docs/performance.md): DIET's 30 epochs about 95 s instead of 145 s, the same held-out
figure. Not for the ResponseSelector: its loss takes its negative answers from the batch, and batches of
look-alike messages (same length, often the same kind of question) made it much worse (held-out 74 %).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH
from rasa.utils.tensorflow.model_data import Data, RasaModelData

# Batches sorted together: enough to find neighbours of similar length, few enough that a window still holds
# the mix of intents Rasa's balancing put in it.
WINDOW_BATCHES = 8


def bucketed_order(lengths: np.ndarray, batch_size: int, window_batches: int = WINDOW_BATCHES) -> np.ndarray:
    """A permutation of the examples whose consecutive slices of batch_size hold messages of similar length.

    Within each window of window_batches * batch_size consecutive examples, sorted by length (stable); then the
    full batches in a random order (np.random, which Rasa seeds for its own shuffling); an incomplete last
    batch stays last."""
    lengths = np.asarray(lengths).reshape(-1)
    n = len(lengths)
    if n == 0 or batch_size <= 0:
        return np.arange(n)
    window = max(1, window_batches) * batch_size
    order = np.concatenate([start + np.argsort(lengths[start:start + window], kind="stable")
                            for start in range(0, n, window)])
    full = n // batch_size
    batches = order[:full * batch_size].reshape(full, batch_size)[np.random.permutation(full)]
    return np.concatenate([batches.reshape(-1), order[full * batch_size:]])


class LengthBucketedData(RasaModelData):
    """Rasa's model data whose balanced batches hold messages of similar length."""

    @classmethod
    def of(cls, model_data: RasaModelData) -> "LengthBucketedData":
        bucketed = cls.__new__(cls)
        bucketed.__dict__.update(model_data.__dict__)
        return bucketed

    def balanced_data(self, data: Data, batch_size: int, shuffle: bool) -> Data:
        data = super().balanced_data(data, batch_size, shuffle)
        lengths = data.get(TEXT, {}).get(SEQUENCE_LENGTH)
        if not shuffle or not lengths:
            return data
        return self._data_for_ids(data, bucketed_order(lengths[0], batch_size))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LengthBucketedDIET(DIETClassifier):
    """DIETClassifier whose training batches hold messages of similar length (prediction unchanged)."""

    def _create_model_data(self, *args: Any, **kwargs: Any) -> RasaModelData:
        return LengthBucketedData.of(super()._create_model_data(*args, **kwargs))
