#!/usr/bin/env python
"""`make validate`: `rasa data validate --fail-on-warnings --max-history 5`, where a warning fails the build.

Rasa 3.6 prints a warning for every response that no rule or story sends, and still exits 0 with
`--fail-on-warnings`. Here every warning fails, except the ones this project answers for in code:
- a response the action server sends (`dispatcher.utter_message(response=...)`): the names written in
  actions/ plus the names the check specs build (`utter_ask_<form>_<slot>`, `utter_why_<slot>`,
  `utter_reask_<kind>`); see `responses_sent_by_actions()`;
- an intent that the channels send and no person types (`/empty_message`, see cpas_rasa/privacy/sanitize.py);
- Rasa's "duplicated intents ... faq": the retrieval intent `faq` is listed in domain.yml as Rasa asks, and
  Rasa's importer adds it a second time from the NLU data.
- the warnings Rasa itself expects and hides when it trains (`rasa.utils.common.EXPECTED_WARNINGS`: "Slot
  auto-fill has been removed in 3.0" is printed at every domain load).
Anything else (a response no one sends, a typo in a rule, an intent without examples) fails.
"""
import argparse
import ast
import re
import sys
import warnings
from pathlib import Path
from typing import Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNUSED_RESPONSE = re.compile(r"The utterance '([^']+)' is not used in any story or rule")
INTENT_WITHOUT_EXAMPLES = re.compile(r"The intent '([^']+)' is listed in the domain file, but is not found")
RETRIEVAL_INTENT_TWICE = "The following duplicated intents have been found across multiple domain files: faq"
INTENTS_SENT_BY_CHANNELS = {"empty_message"}


def literal_responses(folder: Path) -> Set[str]:
    """Every string constant "utter_..." written in the Python files below `folder`."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("utter_"):
                names.add(node.value)
    return names


def responses_sent_by_actions() -> Set[str]:
    """The responses the action server may send: written in actions/, or built from the check specs."""
    from actions.checks import CHECKS, KINDS

    names = literal_responses(ROOT / "actions")
    names.update(f"utter_reask_{kind}" for kind in KINDS)
    for spec in CHECKS:
        for question in spec.questions:
            names.update((question.response, question.reask_response, f"utter_why_{question.slot}"))
    return names


def accepted(message: str, sent: Set[str]) -> bool:
    from rasa.utils.common import EXPECTED_WARNINGS

    if any(re.match(pattern, message) for _, pattern in EXPECTED_WARNINGS):
        return True
    unused = UNUSED_RESPONSE.search(message)
    if unused:
        return unused.group(1) in sent
    intent = INTENT_WITHOUT_EXAMPLES.search(message)
    if intent:
        return intent.group(1) in INTENTS_SENT_BY_CHANNELS
    return RETRIEVAL_INTENT_TWICE in message


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-history", type=int, default=5, help="turns considered for story conflicts")
    args = parser.parse_args()
    from rasa.cli.utils import validate_files
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"), domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")])
    failed = False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        try:
            validate_files(True, args.max_history, importer)  # fail_on_warnings=True
        except SystemExit as stop:
            failed = bool(stop.code)
    sent = responses_sent_by_actions()
    problems = [str(w.message) for w in caught if issubclass(w.category, UserWarning)
                and not accepted(str(w.message), sent)]
    for problem in problems:
        print(f"WARNING {problem}")
    answered = sum(1 for w in caught if issubclass(w.category, UserWarning)) - len(problems)
    print(f"rasa data validate: {'errors' if failed else 'no error'}, {len(problems)} warning(s) "
          f"({answered} answered for: responses sent by the actions, intents sent by the channels, Rasa's own)")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
