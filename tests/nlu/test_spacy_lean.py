"""The lean spaCy loader gives the NLU pipeline exactly the tokens and vectors of the full model."""
import glob

import numpy as np
import pytest
import yaml

from cpas_rasa.nlu.spacy_lean import SpacyNLP, load_lean

MODEL = "fr_core_news_md"


def training_sentences(limit=400):
    texts = []
    for path in sorted(glob.glob("data/nlu/*.yml")):
        for block in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("nlu", []) or []:
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(line.strip()[2:])
    return texts[::max(1, len(texts) // limit)]


@pytest.fixture(scope="module")
def both():
    import spacy

    return spacy.load(MODEL, disable=["parser"]), load_lean(MODEL)


def test_lean_model_runs_no_trained_pipe(both):
    _, lean = both
    assert lean.pipe_names == []
    assert lean.vocab.vectors_length == 300


def test_same_tokens_and_vectors_as_the_full_model(both):
    full, lean = both
    sentences = training_sentences() + ["Combien touche un cohabitant au CPAS de La Hulpe ?", "1.234,56 €",
                                        "anticonstitutionnellement, ma facture de gasoil et mon kot à Louvain-la-Neuve"]
    for text in sentences:
        a, b = full(text.lower()), lean(text.lower())
        assert [t.text for t in a] == [t.text for t in b], text
        assert np.array_equal(np.array([t.vector for t in a]), np.array([t.vector for t in b])), text


def test_lean_model_does_not_hold_the_string_table(both):
    full, lean = both
    assert len(full.vocab.strings) > 500_000      # the model's table: every word of its vectors
    assert len(lean.vocab.strings) < 10_000       # only the tokenizer's and the words met so far
    doc = lean("Une intervention dans ma facture de mazout ?")
    assert [t.lower_ for t in doc][-3:] == ["de", "mazout", "?"] and doc[-2].has_vector


def test_rasa_loader_uses_the_lean_model():
    model = SpacyNLP.load_model(MODEL)
    assert model.model_name == MODEL and model.model.pipe_names == []


def test_provide_and_run_nodes_share_one_model():
    # Rasa builds the class for both graph nodes: one copy of the vectors in memory, not two
    assert SpacyNLP.load_model(MODEL).model is SpacyNLP.load_model(MODEL).model


def test_unknown_model_gets_rasa_error():
    from rasa.nlu.model import InvalidModelError

    with pytest.raises(InvalidModelError):
        SpacyNLP.load_model("fr_model_that_does_not_exist")
