"""Situation messages against the trained NLU (with the SituationClassifier of config.yml): an orientation, a
crisis answer, a guided check or a FAQ answer that fits the situation; never an unrelated FAQ answer."""
from pathlib import Path

import pytest
import yaml
from conftest import predicted_label

from actions.lib.situations import orient, related_faq_keys

pytestmark = pytest.mark.model

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
CASES = yaml.safe_load((HELDOUT / "situations.yml").read_text(encoding="utf-8"))["cases"]


def acceptable(label: str, text: str) -> bool:
    if label == "describe_situation" or label == "crisis" or label.startswith("check_"):
        return True
    return label.startswith("faq/") and label in related_faq_keys(orient(text))


def test_situations_never_get_an_unrelated_answer(parse, capsys):
    labels = [(case["text"], predicted_label(parse(case["text"]))) for case in CASES]
    wrong = [f"  {text!r}: {label}" for text, label in labels if not acceptable(label, text)]
    oriented = sum(label == "describe_situation" for _, label in labels)
    with capsys.disabled():
        print(f"\nSituations: {oriented}/{len(labels)} oriented, {len(wrong)} unrelated answers" +
              ("".join("\n" + w for w in wrong)))
    assert not wrong, "\n".join(wrong)


def test_the_example_of_issue_13_is_oriented(parse):
    data = parse("je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien")
    assert predicted_label(data) == "describe_situation", data.get("intent")
