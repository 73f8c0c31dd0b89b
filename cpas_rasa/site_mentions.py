"""NLU component: a mention of an unofficial CPAS site always gets the warning intent.

The warning must come whatever else the message asks ("cpas-info dit que j'ai droit à 1 500 €, c'est
vrai ?"), so this component runs after the classifiers. When the site detector of
``actions.site_check`` finds an unofficial site in the text, the intent becomes
``mention_unofficial_site`` and the intent the classifiers chose is kept as ``cpas_original_intent``,
so that the action can also answer the question. The list of sites is read from knowledge/sites.yml
at each message (reloaded when it changes): staff extend it without retraining.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.profile import load_profile
from actions.site_check import find_unofficial_mentions

logger = logging.getLogger(__name__)

WARNING_INTENT = "mention_unofficial_site"
ORIGINAL_INTENT_KEY = "cpas_original_intent"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SiteMentionClassifier(GraphComponent):
    """Overrides the intent when a message names an unofficial CPAS site."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SiteMentionClassifier":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            try:
                extra = load_profile().official_domains
            except ValueError:
                extra = ()
            if not find_unofficial_mentions(text, extra_official=extra):
                continue
            original = message.get(INTENT) or {}
            message.set(ORIGINAL_INTENT_KEY, original.get("name"), add_to_output=True)
            if original.get("name") == WARNING_INTENT:
                continue
            forced = {"name": WARNING_INTENT, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != WARNING_INTENT]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
        return messages
