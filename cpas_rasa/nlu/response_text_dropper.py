"""NLU training component: the FAQ examples do not carry their answer's text through the pipeline.

Rasa copies the first text of `utter_faq/<key>` onto every training example of that FAQ answer (the RESPONSE
attribute), so that a ResponseSelector with `use_text_as_label: true` can learn from the answer's words. Ours
learns the answer's key (`use_text_as_label: false`, Rasa's default): it never reads those texts. Yet spaCy
tokenises them, both CountVectorsFeaturizers featurise them, and Rasa's training cache fingerprints every token
and feature of them after each component — for about 3 000 examples, each with an answer of 100 to 300 words.
Measured with py-spy on `rasa train nlu`: more than half of the training time before DIET went there
(docs/performance.md, "Training").

First in the pipeline, this component removes the RESPONSE text from the training examples before anyone reads
it. The questions' features, and so the model, do not change; the answers stay in the domain, where the
ResponseSelector finds them by key. At inference it does nothing.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cpas_rasa.nlu.component import MessageComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ResponseTextDropper(MessageComponent):
    """Removes the answers' texts from the training examples (never read by our ResponseSelector)."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            example.data.pop(RESPONSE, None)
        return training_data

    def process_message(self, message: Message) -> None:
        """At inference, nothing to do."""
