"""The held-out questions (tests/heldout/*.yml) and the training examples' texts (data/nlu/), for the held-out
test, the leak tests and scripts/tune_faq_gate.py."""
from pathlib import Path

import yaml

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "heldout"
TRAINING_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"


def load_cases():
    """(group, text, expected label) of every held-out question."""
    cases = []
    for path in sorted(HELDOUT_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in content["cases"]:
            cases.append((content["group"], case["text"], case["expect"]))
    return cases


def training_texts():
    """Every training example of data/nlu/, in lower case with single spaces."""
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
