"""Held-out French questions (tests/heldout/*.yml, never in data/nlu/) against the trained model.

Each must get the right intent, or the right FAQ answer: >= 90 % overall and >= 75 % per topic group.
"""
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from conftest import predicted_label

HELDOUT_DIR = Path(__file__).parent / "heldout"
TRAINING_DIR = Path(__file__).parent.parent / "data" / "nlu"


def load_cases():
    cases = []
    for path in sorted(HELDOUT_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in content["cases"]:
            cases.append((content["group"], case["text"], case["expect"]))
    return cases


def training_texts():
    texts = set()
    for path in TRAINING_DIR.rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            if "intent" not in block:
                continue  # lookup tables and regexes are not examples
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.add(" ".join(line[2:].lower().split()))
    return texts


def test_heldout_questions_are_not_in_training_data():
    seen = training_texts()
    leaked = [text for _, text, _ in load_cases() if " ".join(text.lower().split()) in seen]
    assert not leaked, f"held-out questions found in data/nlu: {leaked}"


def test_heldout_set_is_large_enough():
    cases = load_cases()
    assert len(cases) >= 150
    assert len({group for group, _, _ in cases}) >= 8


@pytest.mark.model
def test_heldout_accuracy(parse, capsys):
    per_group = defaultdict(lambda: [0, 0])
    misses = []
    for group, text, expected in load_cases():
        got = predicted_label(parse(text))
        per_group[group][1] += 1
        if got == expected:
            per_group[group][0] += 1
        else:
            misses.append(f"  [{group}] {text!r}: expected {expected}, got {got}")
    right = sum(r for r, _ in per_group.values())
    total = sum(t for _, t in per_group.values())
    lines = [f"Held-out understanding: {right}/{total} = {right / total:.1%}"]
    lines += [f"  {g:<24} {r}/{t} = {r / t:.0%}" for g, (r, t) in sorted(per_group.items())]
    report = "\n".join(lines + ["Misses:"] + misses)
    with capsys.disabled():
        print("\n" + report)
    assert right / total >= 0.90, report
    weak = {g: r / t for g, (r, t) in per_group.items() if r / t < 0.75}
    assert not weak, report
