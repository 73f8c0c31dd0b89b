"""spaCy's French model, loaded with only what the pipeline reads: the tokenizer and the word vectors.

Rasa's own SpacyNLP loads fr_core_news_md with every trained pipe but the parser (tok2vec, morphologizer,
attribute_ruler, lemmatizer, ner) and runs them on every message. Nothing in config.yml reads what they
produce: SpacyTokenizer takes the tokens (the rule-based tokenizer), SpacyFeaturizer the static word vectors
(`token.vector` comes from the vectors table when the model has one), and the CountVectorsFeaturizers use the
token text (use_lemma: false). So this loader excludes those pipes: the features are the same
(tests/nlu/test_spacy_lean.py checks it), and each message costs less time and memory.

It also leaves out the model's string table (vocab/strings.json: 712 952 strings, about 150 MiB of the
server's memory). spaCy finds a word's vector by the hash of its text, not through that table, and adds the
strings of the words it meets as it meets them; the table only turns hashes back into text, for the words
of the vectors table that no message has used (docs/performance.md, 4 December 2026).

The class keeps the name ``SpacyNLP`` on purpose: Rasa's default recipe links SpacyTokenizer and
SpacyFeaturizer to the node whose class is *named* "SpacyNLP" (``model_from="SpacyNLP"``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel

# Trained pipes of fr_core_news_md that the NLU pipeline never reads.
UNUSED_PIPES = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")
# ... and the part of the vocabulary it never reads (passed on by Language.from_disk to Vocab.from_disk).
UNUSED_VOCAB = ("strings",)


@lru_cache(maxsize=None)
def load_lean(spacy_model_name: Text):
    """The spaCy Language with the tokenizer and the vectors only, loaded once per process.

    Rasa's graph builds this class twice, for its "provide" node (the model) and its "run" node (which
    receives the provided model and never reads its own): without the cache, the server held two copies.
    The Language is only read (and its vocabulary grows by the words met), so sharing it changes nothing.
    """
    import spacy

    return spacy.load(spacy_model_name, exclude=[*UNUSED_PIPES, *UNUSED_VOCAB])


@DefaultV1Recipe.register(  # registered as Rasa registers its own SpacyNLP
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Rasa's SpacyNLP with the unused spaCy pipes excluded at load time."""

    @staticmethod
    def load_model(spacy_model_name: Text) -> SpacyModel:
        full = spacy_utils.SpacyNLP.load_model  # checks the name and the spaCy version, with Rasa's messages
        if not spacy_model_name:
            return full(spacy_model_name)
        try:
            language = load_lean(spacy_model_name)
        except OSError:
            return full(spacy_model_name)  # raises Rasa's "model not available" error
        return SpacyModel(model=language, model_name=spacy_model_name)
