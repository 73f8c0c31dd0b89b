"""Rasa server: DIET and the ResponseSelector loaded for prediction without their training state.

To load a trained TensorFlow model, Rasa 3.6 (`RasaModel.load`) builds it by *training it on one example*
(`model.fit`), then reads the saved weights. That one step traces the whole training graph and creates the
optimizer's state: two Adam slots the size of every weight, kept for the life of the server though no turn
ever trains. For our ResponseSelector (then two 11 968 x 512 layers for the sparse features) and DIET, that was about
425 MiB of the agent's memory and 6.6 s of its start (measured on 4 December 2026: docs/performance.md).

Here, for a model loaded to predict (not to fine-tune), the model is built by one prediction instead, the saved
weights are read without the optimizer's part (`expect_partial`), and the prediction is prepared again from
the loaded weights (the label embeddings and the traced prediction function, which Rasa computes once and
keeps). Same weights, so the same predictions (tests/channels/test_tf_model_load.py compares both loads on
real messages). Fine-tuning (`rasa train --finetune`) and a load without a prediction example keep Rasa's way.
`install()` runs when the Rasa server imports cpas_rasa (cpas_rasa/__init__.py).
"""
from __future__ import annotations

from typing import Any, Optional, Text

from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

rasa_load = RasaModel.load.__func__  # Rasa's own, for fine-tuning and for the tests


def load_for_prediction(cls, model_file_name: Text, model_data_example: RasaModelData,
                        predict_data_example: Optional[RasaModelData] = None, finetune_mode: bool = False,
                        *args: Any, **kwargs: Any) -> RasaModel:
    """What `RasaModel.load` returns, without the training step and the optimizer's state."""
    if finetune_mode or predict_data_example is None:
        return rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                         *args, **kwargs)
    import tensorflow as tf

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    # The first prediction runs eagerly: it only creates the variables a prediction reads, so tracing it (from
    # the random first weights) would be thrown away.
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True)
    model.run_inference(predict_data_example)
    model.load_weights(model_file_name).expect_partial()  # the saved optimizer slots are left unread
    # That prediction computed the label embeddings from the random weights: again, from the loaded ones, and
    # traced as the configuration says (Rasa's load ends with this prediction too).
    model.run_eagerly = config.get(RUN_EAGERLY)
    model.prepared_for_prediction = False
    model.run_inference(predict_data_example)
    return model


def install() -> None:
    RasaModel.load = classmethod(load_for_prediction)
