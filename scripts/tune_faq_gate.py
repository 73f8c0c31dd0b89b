"""Choose the thresholds of cpas_rasa.nlu.faq_gate on the held-out questions (tests/heldout/*.yml).

    .venv/bin/python scripts/tune_faq_gate.py [--model models/cpas.tar.gz]

For every held-out case, the trained model's parse (with the gate undone, when the model has one) gives the
label the bot would have answered and the response selector's ranking. For each pair of thresholds
(min_confidence, min_margin), the table shows: right (answered right and not asked), asked-when-wrong
(a wrong answer turned into a question), asked-when-right (a right answer lost to a question), wrong (still
answered wrong), and whether the expected answer is among the buttons when the bot asks.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from actions.lib.ask_back import faq_candidates  # noqa: E402

CONFIDENCES = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
MARGINS = [0.0, 0.05, 0.1, 0.2, 0.3]


def undo_gate(parse: dict) -> dict:
    original = parse.get("faq_gate_original")
    return {**parse, "intent": original} if original else parse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(ROOT / "models" / "cpas.tar.gz"))
    args = parser.parse_args()
    from conftest import predicted_label
    from helpers.heldout import load_cases
    from rasa.core.agent import load_agent

    agent = asyncio.run(load_agent(model_path=args.model))
    rows = []
    for _group, text, expected in load_cases():
        parse = undo_gate(asyncio.run(agent.parse_message(text)))
        ranking = ((parse.get("response_selector") or {}).get("faq") or {}).get("ranking") or []
        rows.append((expected, predicted_label(parse), (parse.get("intent") or {}).get("name"), ranking))
    total = len(rows)
    base_right = sum(1 for e, g, _, _ in rows if e == g)
    print(f"{total} held-out cases; answered right without the gate: {base_right} ({base_right / total:.1%})")
    print(f"{'min_conf':>8} {'margin':>6} | {'right':>5} {'right%':>6} | {'ask|wrong':>9} {'ask|right':>9} "
          f"{'wrong':>5} | {'asks':>4} {'ask%':>5} {'in buttons':>10}")
    for conf in CONFIDENCES:
        for margin in MARGINS:
            right = asked_wrong = asked_right = wrong = in_buttons = 0
            for expected, got, intent, ranking in rows:
                keys = faq_candidates(intent, ranking, conf, margin)
                if keys is None:
                    right += expected == got
                    wrong += expected != got
                    continue
                asked_right += expected == got
                asked_wrong += expected != got
                in_buttons += expected.startswith("faq/") and expected[4:] in keys
            asks = asked_wrong + asked_right
            print(f"{conf:8.2f} {margin:6.2f} | {right:5d} {right / total:6.1%} | {asked_wrong:9d} {asked_right:9d} "
                  f"{wrong:5d} | {asks:4d} {asks / total:5.1%} {in_buttons:10d}")


if __name__ == "__main__":
    main()
