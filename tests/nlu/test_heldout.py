"""Held-out French questions (tests/heldout/*.yml, never in data/nlu/) against the trained model.

Each must get the right intent, or the right FAQ answer. The target of the project is >= 90 % overall and
>= 75 % per topic group: the printed report says whether it is met (the last measured figures are in
docs/performance.md). Training is repeatable on the same data and machine, but one question more
or less moves the overall figure by 0.3 point and a group by several points when the data changes, and another
CPU may round differently; so the overall assertion is a regression FLOOR one point under the target (the
per-group one is the target). Raise the floor as the data improves; never lower it.
A question that also speaks of danger ("je dors dehors, le CPAS peut-il m'aider ?") gets the urgent numbers
first (intent crisis, cpas_rasa/nlu/danger.py), then its FAQ answer: that FAQ answer counts as the answer; a
situation that also speaks of danger ("slt jsuis a la rue...") gets the numbers, then the orientation: that
counts as the orientation.
"""
from collections import defaultdict

import pytest
from conftest import faq_after_danger, orientation_after_danger, predicted_label
from helpers.heldout import load_cases, training_texts

TARGET_OVERALL, TARGET_PER_GROUP = 0.90, 0.75
FLOOR_OVERALL, FLOOR_PER_GROUP = 0.89, TARGET_PER_GROUP


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
    asks = asks_right = 0
    for group, text, expected in load_cases():
        data = parse(text)
        got = predicted_label(data)
        if got != expected and faq_after_danger(data) == expected:
            got = expected     # urgent numbers first ("je dors dehors..."), then this very FAQ answer
        if got != expected and expected == "describe_situation" and orientation_after_danger(data):
            got = expected     # urgent numbers first ("slt jsuis a la rue..."), then the orientation
        if (data.get("intent") or {}).get("name") == "clarify_topic":
            asks += 1
            asks_right += got == expected
        per_group[group][1] += 1
        if got == expected:
            per_group[group][0] += 1
        else:
            misses.append(f"  [{group}] {text!r}: expected {expected}, got {got}")
    right = sum(r for r, _ in per_group.values())
    total = sum(t for _, t in per_group.values())
    lines = [f"Held-out understanding: {right}/{total} = {right / total:.1%}",
             f"Asked back (Vous parlez de :): {asks}/{total} = {asks / total:.1%}, of which {asks_right} with the "
             f"expected answer as first button; answered directly and right: {right - asks_right}/{total}"]
    lines += [f"  {g:<24} {r}/{t} = {r / t:.0%}" for g, (r, t) in sorted(per_group.items())]
    below_target = sorted(g for g, (r, t) in per_group.items() if r / t < TARGET_PER_GROUP)
    met = right / total >= TARGET_OVERALL and not below_target
    lines.append(f"Target {TARGET_OVERALL:.0%} overall / {TARGET_PER_GROUP:.0%} per group: "
                 + ("met" if met else f"NOT MET (groups below: {', '.join(below_target) or 'none'})"))
    report = "\n".join(lines + ["Misses:"] + misses)
    with capsys.disabled():
        print("\n" + report)
    assert right / total >= FLOOR_OVERALL, report
    weak = {g: r / t for g, (r, t) in per_group.items() if r / t < FLOOR_PER_GROUP}
    assert not weak, report
