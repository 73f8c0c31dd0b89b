"""The base class of our message-level NLU components: the GraphComponent boilerplate, once.

A subclass keeps only what is its own: its ``@DefaultV1Recipe.register(...)`` decorator (this class is not
registered: it is no component of config.yml), its docstring, its ``get_default_config()`` when it has settings
(read from ``self.component_config``, the defaults merged with config.yml's values) and ``process_message``,
which changes one message in place. ``process_training_data`` passes the data through unless overridden.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class MessageComponent(GraphComponent):
    """A component that reads and changes each message on its own, with no training and nothing to persist."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, config: Optional[Dict[Text, Any]] = None) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageComponent":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.process_message(message)
        return messages

    def process_message(self, message: Message) -> None:
        """Changes ``message`` in place."""
        raise NotImplementedError
