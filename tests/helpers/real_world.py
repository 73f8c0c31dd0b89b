"""The real-world evaluation set (tests/heldout/real/*.yml): loading the cases, playing them, judging the answers.

Shared by tests/nlu/test_real_world.py (pytest, `make test`) and scripts/eval_real.py (`make eval-real`). No Rasa
import: a case is played over the REST channel of a running bot.

A case is one conversation: its turns are sent in order, and only the LAST answer is judged, as a CPAS social
worker would judge it:
- RIGHT  every regular expression of `facts` is found in the answer and none of `not` is;
- ASKED  the bot did not answer but asked back (the fallback, or a clarification with buttons: ASK_BACK below);
- WRONG  a confident answer that misses a fact (or states a `not` fact). When the answer is recognised as one of
         the bot's responses (RESPONSES below) and it is not one of the case's `topic`s, it is a wrong TOPIC:
         the "confident wrong topic" rate of issue 13 (target: under 3 % of the cases).

Regular expressions are matched case-insensitively on text with accents stripped and every kind of space
(no-break, narrow no-break) made a plain space; the expressions are normalised the same way, so "tribunal du
travail" matches "Tribunal du Travail" and "recours" matches "récours". Amounts and dates are never literal
values (they change with indexation): match their shape (AMOUNT, DATE) or the words.

Case file format (one file per group):

    group: situations
    cases:
      - id: bebe-pension            # unique in the group
        turns: ["je suis seule ..."]  # one to three messages, or one `text:` for a single message
        facts: ['pension alimentaire', 'cpas']
        not: ['etranger']           # optional
        topic: faq/maintenance_debtors   # optional, information: a faq key, an intent or a list of them
"""
from __future__ import annotations

import json
import re
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from actions.lib.text import strip_accents

ROOT = Path(__file__).resolve().parents[2]
REAL_DIR = ROOT / "tests" / "heldout" / "real"
TRAINING_DIR = ROOT / "data" / "nlu"
RESPONSE_FILES = [ROOT / "domain.yml", *sorted((ROOT / "data" / "responses").glob("*.yml"))]

# Shapes for facts that change with indexation (usable in the case files as written here).
AMOUNT = r"\d[\d .]*(,\d\d)? ?(€|euros?\b)"   # "1 314,20 €", "6 200 €" (format_eur drops ",00")
DATE = r"\d{1,2}(er)? \w+ 20\d\d"

# ------------------------------------------------------------------------------------------- asking back
# The one place that says what "the bot asked back instead of answering" looks like. A response whose NAME
# matches ASK_BACK_RESPONSE_NAMES (in domain.yml or data/responses/) counts automatically, whatever its text:
# a future clarification response (e.g. `utter_clarify_topic` with two or three buttons) only needs such a name.
# ASK_BACK_TEXT holds text patterns for the ones that are written by actions or not in a response file.
ASK_BACK_RESPONSE_NAMES = re.compile(
    r"^utter_(default|clarif\w*|ask_back\w*|ask_rephrase\w*|disambiguat\w*|which_topic\w*|did_you_mean\w*"
    r"|inform_out_of_context|how_can_i_help|empty_message|reask_\w+)$"
)
ASK_BACK_TEXT = [
    r"je ne suis pas s[uû]r d.avoir (bien )?compris",
    r"pouvez-vous (reformuler|preciser)",
    r"voulez-vous (dire|parler de|savoir)",
    r"de quoi (voulez|souhaitez)-vous parler",
    r"je ne sais pas a quelle question",
    r"(quel|lequel de ces) sujets?",
    r"parlez-vous de",
]


def normalize(text: str) -> str:
    """Lowercase, accents stripped, apostrophes made plain, every run of spaces one plain space."""
    text = strip_accents(str(text or ""))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = re.sub(r"[\s\u00a0\u202f\u2007]+", " ", text)
    return text.lower().strip()


SHAPES = {"{AMOUNT}": AMOUNT, "{DATE}": DATE}


def compile_fact(pattern: str) -> re.Pattern:
    """A fact of a case file: {AMOUNT} and {DATE} stand for the shapes above."""
    for token, shape in SHAPES.items():
        pattern = pattern.replace(token, shape)
    return re.compile(normalize(pattern), re.IGNORECASE)


# ------------------------------------------------------------------------------------------- the cases
@dataclass
class Case:
    group: str
    id: str
    turns: List[str]
    facts: List[str]
    not_: List[str] = field(default_factory=list)
    topics: List[str] = field(default_factory=list)
    source: str = ""
    # A guided check played from a profile: after the turns, each question the bot asks (recognised by the
    # regexes of `questions`, from the file) gets the profile's answer, until the bot says something that is
    # not one of the check's questions (the result, or a derailment), or MAX_CHECK_TURNS.
    answers: Dict[str, str] = field(default_factory=dict)
    questions: Dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.group}/{self.id}"


def load_cases(directory: Path = REAL_DIR) -> List[Case]:
    cases: List[Case] = []
    for path in sorted(directory.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        group = content["group"]
        question_sets = content.get("questions") or {}
        for raw in content["cases"]:
            turns = raw.get("turns") or [raw["text"]]
            topic = raw.get("topic") or []
            cases.append(Case(
                group=group, id=str(raw["id"]), turns=[str(t) for t in turns],
                facts=[str(f) for f in raw.get("facts") or []], not_=[str(f) for f in raw.get("not") or []],
                topics=[topic] if isinstance(topic, str) else list(topic), source=raw.get("source", ""),
                answers={str(k): str(v) for k, v in (raw.get("answers") or {}).items()},
                questions=dict(question_sets.get(raw["check"], {})) if raw.get("check") else {},
            ))
    return cases


def validate_cases(cases: Sequence[Case]) -> List[str]:
    """Problems in the set itself: duplicate ids, a case without facts, a regex that does not compile."""
    problems, seen = [], set()
    for case in cases:
        if case.key in seen:
            problems.append(f"{case.key}: duplicate id")
        seen.add(case.key)
        if not case.facts:
            problems.append(f"{case.key}: no facts")
        if not case.turns or not all(t.strip() for t in case.turns):
            problems.append(f"{case.key}: an empty turn")
        if case.answers and not case.questions:
            problems.append(f"{case.key}: answers without a `check` whose questions are in the file")
        for name in case.answers:
            if name not in case.questions:
                problems.append(f"{case.key}: answer to an unknown question {name!r}")
        for pattern in case.facts + case.not_ + list(case.questions.values()):
            try:
                compile_fact(pattern)
            except re.error as error:
                problems.append(f"{case.key}: bad regex {pattern!r}: {error}")
    return problems


def training_sentences(directory: Path = TRAINING_DIR) -> set:
    """Every training example of data/nlu/, normalised (entity annotations [x](y) reduced to x)."""
    found = set()
    for path in directory.rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            if "intent" not in block:
                continue
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}",
                                  lambda m: m.group(1) or m.group(2) or "", line[2:])
                    found.add(normalize(text))
    return found


def button_payloads() -> set:
    """Every button payload of the bot's responses, normalised: what a person sends by tapping a button."""
    found = set()
    for templates in _response_buttons().values():
        found.update(normalize(b.get("payload", "")) for b in templates)
    return found


def leaked_sentences(cases: Sequence[Case], training: Optional[set] = None) -> List[str]:
    """Sentences of the set that are also training examples (normalised: lowercase, spaces collapsed, accents
    stripped). Every turn and every profile answer counts, except bare answers of at most two words ("oui",
    "belge", "0") and the opening turn of a follow-up conversation when it is a button of the bot (the person
    taps it: the follow-up after it is what is measured)."""
    training = training_sentences() if training is None else training
    payloads = button_payloads()
    leaked = []
    for case in cases:
        for position, text in enumerate(case.turns + list(case.answers.values())):
            normal = normalize(text)
            if len(normal.split()) <= 2 or normal not in training:
                continue
            if case.group == "followups" and position == 0 and normal in payloads:
                continue
            leaked.append(f"{case.key}: {text}")
    return leaked


# ------------------------------------------------------------------------------------------- the bot's responses
def _response_buttons() -> Dict[str, List[dict]]:
    buttons: Dict[str, List[dict]] = defaultdict(list)
    for path in RESPONSE_FILES:
        if not path.exists():
            continue
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (content.get("responses") or {}).items():
            for variant in variants or []:
                if isinstance(variant, dict):
                    buttons[name].extend(b for b in variant.get("buttons") or [] if isinstance(b, dict))
    return buttons


def _response_texts() -> Dict[str, List[str]]:
    texts: Dict[str, List[str]] = defaultdict(list)
    for path in RESPONSE_FILES:
        if not path.exists():
            continue
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (content.get("responses") or {}).items():
            for variant in variants or []:
                if isinstance(variant, dict) and variant.get("text"):
                    texts[name].append(variant["text"])
    return texts


def _signature(template: str) -> Optional[re.Pattern]:
    """A regex that recognises a rendered response: its literal text with each {placeholder} as a wildcard,
    up to about 90 characters (the beginning is what tells two answers apart)."""
    text = normalize(template)
    if not text or re.fullmatch(r"\{\w+\}", text):
        return None
    parts, length = [], 0
    for literal, placeholder in re.findall(r"([^{]*)(\{\w+\})?", text):
        if literal:
            piece = literal[: max(0, 90 - length)]
            parts.append(re.escape(piece))
            length += len(piece)
        if length >= 90:
            break
        if placeholder:
            parts.append(r".{0,200}?")
    literal_length = sum(len(p) for p in re.findall(r"[^{]+", text)[:3])
    if literal_length < 12:
        return None
    return re.compile("".join(parts))


class ResponseIndex:
    """Which of the bot's responses an answer contains (the first that starts earliest in the answer)."""

    def __init__(self):
        self.signatures: List[Tuple[str, re.Pattern]] = []
        self.ask_back: List[re.Pattern] = [re.compile(normalize(p)) for p in ASK_BACK_TEXT]
        for name, templates in _response_texts().items():
            for template in templates:
                signature = _signature(template)
                if signature is None:
                    continue
                self.signatures.append((name, signature))
                if ASK_BACK_RESPONSE_NAMES.match(name):
                    self.ask_back.append(signature)

    def responses_in(self, answer: str) -> List[str]:
        text = normalize(answer)
        found = []
        for name, signature in self.signatures:
            match = signature.search(text)
            if match:
                found.append((match.start(), name))
        return [name for _, name in sorted(found)]

    def asked_back(self, answer: str) -> bool:
        text = normalize(answer)
        return any(p.search(text) for p in self.ask_back)


def topic_of(response_name: str) -> str:
    """utter_faq/appeal -> faq/appeal; utter_ask_ris_form_x -> check_ris (form); utter_x -> x."""
    if response_name.startswith("utter_faq/"):
        return "faq/" + response_name[len("utter_faq/"):]
    match = re.match(r"utter_ask_(\w+?)_form_", response_name)
    if match:   # a question of a guided check: the check's intent (check_ris...)
        return FORM_CHECKS.get(match.group(1), "check_" + match.group(1))
    if response_name.startswith(("utter_check_", "utter_reask_", "utter_why_")):
        return "check"
    return response_name[len("utter_"):] if response_name.startswith("utter_") else response_name


# ------------------------------------------------------------------------------------------- judging
FORM_CHECKS = {"guarantee": "check_rental_guarantee"}
RIGHT, ASKED, WRONG = "RIGHT", "ASKED", "WRONG"


@dataclass
class Verdict:
    case: Case
    answer: str
    outcome: str
    missing: List[str] = field(default_factory=list)
    forbidden: List[str] = field(default_factory=list)
    answered_topics: List[str] = field(default_factory=list)
    history: List[Tuple[str, str]] = field(default_factory=list)
    error: str = ""

    @property
    def wrong_topic(self) -> bool:
        """A confident answer on a topic that is not the case's: the misroute issue 13 wants under 3 %."""
        if self.outcome != WRONG or not self.case.topics or not self.answered_topics:
            return False
        wanted = set(self.case.topics)
        got = set(self.answered_topics)
        if "check" in got and any(t.startswith("check_") for t in wanted):
            return False    # inside a guided check: a derailed check, not another topic
        return not (wanted & got)


def judge(case: Case, answer: str, index: ResponseIndex, history=None) -> Verdict:
    text = normalize(answer)
    missing = [p for p in case.facts if not compile_fact(p).search(text)]
    forbidden = [p for p in case.not_ if compile_fact(p).search(text)]
    topics = [topic_of(n) for n in index.responses_in(answer)]
    if not missing and not forbidden:
        outcome = RIGHT
    elif index.asked_back(answer):
        outcome = ASKED
    else:
        outcome = WRONG
    return Verdict(case, answer, outcome, missing, forbidden, topics, list(history or []))


# ------------------------------------------------------------------------------------------- playing
Sender = Callable[[str, str], str]   # (sender id, message) -> the bot's text for that message


def rest_sender(url: str, timeout: float = 120) -> Sender:
    """Talk to a running bot's REST channel (http://host:port)."""
    endpoint = url.rstrip("/") + "/webhooks/rest/webhook"

    def send(sender: str, message: str) -> str:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            replies = json.loads(response.read() or b"[]")
        return " ".join(m.get("text") or "" for m in replies)

    return send


MAX_CHECK_TURNS = 20
# A re-ask after an answer the form could not read: the simulated person says the same thing once more.
REASK = re.compile(r"je n.ai pas (bien )?compris|je ne comprends pas")


def asked_question(case: Case, answer: str) -> Optional[str]:
    """The check question the answer ends with (the one found last in the text), or None. Only a question
    counts: a "?" must follow in the same sentence (a result that recalls "prêt à travailler" is no question);
    an ellipsis inside the question ("(salaire, chômage...) ?") does not end its sentence."""
    text, best = normalize(answer), None
    for name, pattern in case.questions.items():
        for match in compile_fact(pattern).finditer(text):
            tail = re.sub(r"\.\.\.|…", " ", text[match.end():])   # "(salaire, chômage...) ?" is one question
            if not re.match(r"[^.!]{0,150}\?", tail) and not text[:match.end()].endswith("?"):
                continue
            if best is None or match.start() > best[0]:
                best = (match.start(), name)
    return best[1] if best else None


def play(case: Case, send: Sender, index: ResponseIndex, run_id: str = "") -> Verdict:
    sender = f"real-{run_id}-{case.group}-{case.id}"
    history: List[Tuple[str, str]] = []
    try:
        for turn in case.turns:
            history.append((turn, send(sender, turn)))
        last_reply = ""
        while case.answers and len(history) < MAX_CHECK_TURNS:
            reply = history[-1][1]
            if judge(case, reply, index).outcome == RIGHT:
                break               # the facts are stated: the result is reached
            question = asked_question(case, reply)
            if question in case.answers:
                last_reply = case.answers[question]
            elif not (REASK.search(normalize(reply)) and last_reply):
                break               # the result, or something that is not a question of the check
            history.append((last_reply, send(sender, last_reply)))
    except Exception as error:  # the server failed: a WRONG answer, with the reason
        verdict = judge(case, "", index, history)
        verdict.outcome, verdict.error = WRONG, f"{type(error).__name__}: {error}"
        return verdict
    return judge(case, history[-1][1], index, history)


def evaluate(cases: Sequence[Case], send: Sender, workers: int = 2, run_id: str = "") -> List[Verdict]:
    """Every case in its own conversation; `workers` conversations at a time (the machine is shared)."""
    index = ResponseIndex()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda c: play(c, send, index, run_id), cases))


# ------------------------------------------------------------------------------------------- reporting
@dataclass
class Figures:
    total: int
    right: int
    asked: int
    wrong: int
    wrong_topic: int

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def figures(verdicts: Iterable[Verdict]) -> Figures:
    verdicts = list(verdicts)
    return Figures(
        total=len(verdicts),
        right=sum(v.outcome == RIGHT for v in verdicts),
        asked=sum(v.outcome == ASKED for v in verdicts),
        wrong=sum(v.outcome == WRONG for v in verdicts),
        wrong_topic=sum(v.wrong_topic for v in verdicts),
    )


def per_group(verdicts: Iterable[Verdict]) -> Dict[str, Figures]:
    groups: Dict[str, List[Verdict]] = defaultdict(list)
    for v in verdicts:
        groups[v.case.group].append(v)
    return {g: figures(vs) for g, vs in sorted(groups.items())}


def report(verdicts: Sequence[Verdict], show_misses: bool = True) -> str:
    overall = figures(verdicts)
    lines = [f"Real-world set: {overall.right}/{overall.total} = {overall.rate:.1%} right"
             f" | asked back {overall.asked / overall.total:.1%}"
             f" | confident wrong {overall.wrong / overall.total:.1%}"
             f" (of which on another topic {overall.wrong_topic / overall.total:.1%})"]
    for group, f in per_group(verdicts).items():
        lines.append(f"  {group:<14} {f.right:>3}/{f.total:<3} = {f.rate:6.1%}   asked {f.asked:>3}"
                     f"   wrong {f.wrong:>3} (other topic {f.wrong_topic})")
    if show_misses:
        lines.append("Misses (case, last message -> answer):")
        for v in verdicts:
            if v.outcome == RIGHT:
                continue
            kind = v.outcome + (" other-topic" if v.wrong_topic else "")
            got = ",".join(dict.fromkeys(v.answered_topics)) or "?"
            detail = v.error or f"missing {v.missing}" + (f" forbidden {v.forbidden}" if v.forbidden else "")
            lines.append(f"  [{kind}] {v.case.key} (want {','.join(v.case.topics) or '-'}, got {got}) "
                         f"{(v.history[-1][0] if v.history else v.case.turns[-1])!r} -> {v.answer[:120]!r}  {detail}")
    return "\n".join(lines)
