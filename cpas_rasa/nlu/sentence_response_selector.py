"""Rasa's ResponseSelector without the token-level columns it never learns from (training time, issue 16).

With no transformer layer (our configuration, and Rasa's default for the ResponseSelector), its training loss reads
only the sentence position: the token-level (sequence) features reach it through no layer, so their sparse
projection (11 968 columns x 512) gets no gradient. In the model of 6 December its weights were still their random
start (largest |w| 0.0219, the Glorot bound for that shape; the sentence projection's went to 0.218), yet Rasa
multiplied every token by it and ran Adam over its 6 million weights at every step: about 40 % of the
ResponseSelector's training time. This component keeps the token-level features' shape (one row per token: Rasa's
sequence layer needs them) but only their first KEPT_COLUMNS sparse columns, so that projection becomes 2 x 512. The
sentence features, the dense (spaCy) token vectors, the labels and the layers are Rasa's own: the held-out and
real-world answers were the same, case by case (docs/performance.md, notes of 6 December).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import TEXT
from rasa.utils.tensorflow.constants import NUM_TRANSFORMER_LAYERS, SEQUENCE
from rasa.utils.tensorflow.feature_array import FeatureArray
from rasa.utils.tensorflow.model_data import RasaModelData

# Token-level sparse columns kept (the RegexFeaturizer's two come first; the count vectors follow).
KEPT_COLUMNS = 2


def _first_columns(array: FeatureArray) -> FeatureArray:
    matrices = np.empty(len(array), dtype=object)
    for i, matrix in enumerate(array):
        matrices[i] = matrix.tocsr()[:, :KEPT_COLUMNS].tocoo()
    return FeatureArray(matrices, number_of_dimensions=array.number_of_dimensions)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceResponseSelector(ResponseSelector):
    """A ResponseSelector whose token-level sparse features keep only their first columns (training and prediction
    build their data here alike)."""

    def _create_model_data(self, *args: Any, **kwargs: Any) -> RasaModelData:
        model_data = super()._create_model_data(*args, **kwargs)
        features = model_data.data.get(TEXT, {}).get(SEQUENCE)
        # A transformer layer would read the token-level features: then they are all kept (Rasa's own condition
        # for dropping sequence features, DIETClassifier._extract_features).
        if features and self.component_config[NUM_TRANSFORMER_LAYERS] == 0:
            model_data.data[TEXT][SEQUENCE] = [
                _first_columns(array) if array.is_sparse and array.units > KEPT_COLUMNS else array
                for array in features]
        return model_data
