#!/usr/bin/env python
"""`make validate`: `rasa data validate --fail-on-warnings --max-history 5`, where a warning fails the build.

Rasa 3.6 prints a warning for every response that no rule or story sends, and still exits 0 with
`--fail-on-warnings`. Here every warning fails, except the ones this project answers for in code:
- a response the action server sends (`dispatcher.utter_message(response=...)`): the names written in
  actions/ plus the names the check specs build (`utter_ask_<form>_<slot>`, `utter_why_<slot>`,
  `utter_reask_<kind>`) and the names built from the knowledge tables (`utter_danger_<kind>`,
  `utter_orient_<aid>`, the person variants of the FAQ answers, the checks' way-out question); see
  `responses_sent_by_actions()`;
- an intent that no person types: sent by the channels (`/empty_message`, see cpas_rasa/privacy/sanitize.py),
  set by an NLU component (`clarify_topic`, cpas_rasa/nlu/faq_gate.py) or sent by the bot's own buttons
  (`/choose_faq{...}`, actions/lib/faq_topics.py); see `intents_sent_by_code()`;
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


def intents_sent_by_code() -> Set[str]:
    """The intents no person types: the channels', the FAQ gate's and the "Vous parlez de" buttons'."""
    from actions.lib.faq_topics import CHOOSE_INTENT
    from cpas_rasa.nlu.faq_gate import CLARIFY_INTENT

    return INTENTS_SENT_BY_CHANNELS | {CLARIFY_INTENT, CHOOSE_INTENT}


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
    return names | responses_built_from_knowledge()


def responses_built_from_knowledge() -> Set[str]:
    """The responses the actions name from the knowledge tables, never written whole in actions/:
    utter_danger_<kind> (actions/danger.py, the kinds of actions/lib/danger.py), utter_orient_<aid>
    (actions/orientation.py, knowledge/orientation.yml), the person variants of the FAQ answers
    (actions/follow_up.py, knowledge/faq_topics.yml) and utter_ask_<way-out slot>, which the guided checks'
    forms ask after two unreadable answers (actions/forms.py)."""
    from actions.forms import WAY_OUT_SLOT
    from actions.lib.danger import KINDS
    from actions.lib.faq_topics import default_table
    from actions.lib.situations import load_table

    names = {f"utter_danger_{kind}" for kind in KINDS} | {f"utter_ask_{WAY_OUT_SLOT}"}
    names.update(aid["response"] for aid in load_table().aids.values())
    topics = default_table()
    persons = [a.persons or {} for a in topics.answers.values()]
    persons += list(topics.topic_persons.values()) + [topics.global_persons]
    names.update(target for mapping in persons for target in mapping.values()
                 if target not in topics.answers and target.startswith("utter_"))
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
        return intent.group(1) in intents_sent_by_code()
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
