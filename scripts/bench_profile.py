"""Where the CPU time of a turn goes: py-spy samples of the Rasa server and the action server, read by stage.

`make bench PROFILE=1` (scripts/bench.py --profile) records the two servers with py-spy while the 20 users
talk, then sums the samples by the stage of a turn they belong to: the channel and web server, each NLU
component, the policies, the tracker store, the round trip to the action server, the rendering of the answer.
A sample belongs to the deepest stage named on its stack, whose frames read "function (/full/path.py:line)" (a
DIET frame under the message processor's: the DIET classifier). The summary is pure (tested in
tests/scale/test_bench_unit.py); recording needs py-spy (requirements-dev.txt) and the right to trace a child
process (root in these containers).
"""
from __future__ import annotations

import re
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

# (stage, pattern on one frame "function (file:line)"): the first that matches a frame names its stage; the
# deepest frame with a stage names the sample's stage.
STAGES: Sequence[Tuple[str, re.Pattern]] = [
    (name, re.compile(pattern)) for name, pattern in [
        ("NLU: response text dropper / mask remover", r"cpas_rasa/nlu/(?:response_text_dropper|mask_remover)"),
        ("NLU: spaCy (tokenizer, vectors)", r"cpas_rasa/nlu/spacy_lean|/spacy/|/thinc/|spacy_tokenizer|"
                                            r"spacy_featurizer"),
        ("NLU: regex and count-vector featurizers", r"regex_featurizer|count_vectors_featurizer|/sklearn/|"
                                                     r"/scipy/"),
        ("NLU: DIET classifier", r"diet_classifier"),
        ("NLU: response selector", r"response_selector"),
        ("NLU: fallback classifier", r"fallback_classifier"),
        ("NLU: our components after the classifiers",
         r"cpas_rasa/nlu/(?:situations|faq_gate|eligibility|commune_only|site_mentions|danger|intents)"),
        ("NLU: graph runner (other)", r"rasa/engine/"),
        ("policies", r"rasa/core/policies/"),
        ("tracker store", r"rasa/core/tracker_store|/sqlalchemy/|sqlite3"),
        ("checking the actions' answers (jsonschema)", r"/jsonschema/|cpas_rasa/action_response_check"),
        ("action server round trip", r"rasa/utils/endpoints|/aiohttp/client"),
        ("response rendering (NLG)", r"rasa/core/nlg/|cpas_rasa/nlg"),
        ("channel and web server", r"rasa/core/channels/|cpas_rasa/channels/|cpas_rasa/privacy/|/sanic/|"
                                   r"/sanic_routing/|/uvloop/|/httptools/"),
        ("tracker and events (other Rasa core)", r"rasa/core/processor|rasa/shared/core/"),
        # the actions' own work (inside the Rasa server, or in the action server's process with --actions server)
        ("actions: our code", r"\((?![^)]*site-packages)[^)]*/actions/"),
        ("actions: rasa_sdk and its web server", r"rasa_sdk/"),
    ]
]
OTHER = "other (interpreter, TensorFlow's own threads, logging)"


OUR_CODE = "actions: our code"
# Stages under which our pure helpers (actions/lib/) are the action server's own work; anywhere else (an NLU
# component of the Rasa server calling actions/lib/situations.py) they belong to the stage that calls them.
OUR_CODE_PARENTS = (OTHER, "channel and web server", "actions: rasa_sdk and its web server")


def stage_of(stack: Sequence[str]) -> str:
    """The stage of one sampled stack (frames from the root to the leaf)."""
    found = OTHER
    for frame in stack:
        for name, pattern in STAGES:
            if pattern.search(frame):
                if name != OUR_CODE or found in OUR_CODE_PARENTS or found == OUR_CODE:
                    found = name
                break
    return found


def parse_raw(text: str) -> List[Tuple[List[str], int]]:
    """py-spy's raw (collapsed) format: "frame;frame;frame count" per line."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or " " not in line:
            continue
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or int(count) == 0:
            continue
        out.append((stack.split(";"), int(count)))
    return out


def summarize(text: str) -> Dict[str, float]:
    """Share of the samples (0..1) by stage, largest first."""
    totals: Counter = Counter()
    for stack, count in parse_raw(text):
        totals[stage_of(stack)] += count
    whole = sum(totals.values())
    if not whole:
        return {}
    return {name: count / whole for name, count in totals.most_common()}


def render(summaries: Dict[str, Dict[str, float]], cpu_ms: Dict[str, Optional[float]]) -> List[str]:
    """Markdown lines: one table per server, the share and the CPU milliseconds per turn of each stage."""
    lines: List[str] = []
    for server, shares in summaries.items():
        per_turn = cpu_ms.get(server)
        lines += [f"**{server}** (CPU per turn at 20 users: "
                  f"{'%.1f ms' % per_turn if per_turn is not None else 'not measured'})", "",
                  "| stage | share of the samples | ms per turn |", "|---|---|---|"]
        for name, share in shares.items():
            ms = f"{share * per_turn:.1f}" if per_turn is not None else "—"
            lines.append(f"| {name} | {share * 100:.1f} % | {ms} |")
        lines.append("")
    return lines


def py_spy() -> Optional[str]:
    """The py-spy executable: the venv's, else one on PATH."""
    here = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "py-spy"
    return str(here) if here.exists() else shutil.which("py-spy")


class Recorder:
    """py-spy record of some processes while a block runs; raw output files, one per process."""

    def __init__(self, pids: Dict[str, int], out_dir: Path, rate: int = 100):
        self.pids, self.out_dir, self.rate = pids, out_dir, rate
        self.processes: List[subprocess.Popen] = []
        self.files: Dict[str, Path] = {}

    def __enter__(self) -> "Recorder":
        exe = py_spy()
        if exe is None:
            raise RuntimeError("py-spy is not installed (make setup installs requirements-dev.txt)")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, pid in self.pids.items():
            path = self.out_dir / f"{name}.raw.txt"
            self.files[name] = path
            self.processes.append(subprocess.Popen(
                [exe, "record", "--pid", str(pid), "--rate", str(self.rate), "--format", "raw",
                 "--subprocesses", "--nonblocking", "--full-filenames", "--output", str(path)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return self

    def __exit__(self, *_) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()

    def summaries(self) -> Dict[str, Dict[str, float]]:
        return {name: summarize(path.read_text(encoding="utf-8")) if path.exists() else {}
                for name, path in self.files.items()}
