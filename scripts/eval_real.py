#!/usr/bin/env python3
"""The real-world evaluation (tests/heldout/real/, issue 13), for a quick measure.

    make eval-real                              # starts the action server and Rasa on free ports, then stops them
    make eval-real URL=http://localhost:5005    # a bot already running (make run)
    .venv/bin/python scripts/eval_real.py --url http://localhost:5005 --group followups --json out.json

Same cases and same judge as tests/nlu/test_real_world.py (tests/helpers/real_world.py). Prints the figure per
group, the asked-back and confident-wrong rates and the misses. Exit code 0 (it measures, it does not judge floors).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from helpers import real_world  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--url", help="a running bot (http://host:port); default: start one")
    parser.add_argument("--model", default=str(ROOT / "models" / "cpas.tar.gz"), help="model to start")
    parser.add_argument("--group", action="append", help="only this group (repeatable)")
    parser.add_argument("--case", action="append", help="only this case id (repeatable)")
    parser.add_argument("--workers", type=int, default=2, help="conversations at a time (default 2)")
    parser.add_argument("--json", help="write every verdict to this file")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    parser.add_argument("--rejudge", help="judge again the conversations saved by an earlier --json run")
    args = parser.parse_args(argv)

    cases = real_world.load_cases()
    if args.group:
        cases = [c for c in cases if c.group in args.group]
    if args.case:
        cases = [c for c in cases if c.id in args.case]
    if not cases:
        print("no case selected", file=sys.stderr)
        return 2
    run_id = str(int(time.time()))
    if args.rejudge:    # judge again the conversations of an earlier --json run (no bot needed)
        index, by_key = real_world.ResponseIndex(), {c.key: c for c in cases}
        verdicts = [real_world.judge(by_key[r["case"]], r["history"][-1][1] if r["history"] else "", index,
                                     [tuple(h) for h in r["history"]])
                    for r in json.loads(Path(args.rejudge).read_text(encoding="utf-8")) if r["case"] in by_key]
    elif args.url:
        verdicts = real_world.evaluate(cases, real_world.rest_sender(args.url), args.workers, run_id)
    else:
        from helpers.server_harness import running_bot

        with tempfile.TemporaryDirectory(prefix="eval-real-") as work:
            print("starting the action server and the Rasa server...", file=sys.stderr)
            with running_bot(Path(work), Path(args.model)) as servers:
                verdicts = real_world.evaluate(cases, real_world.rest_sender(servers.url), args.workers, run_id)
    print(real_world.report(verdicts, show_misses=not args.quiet))
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"case": v.case.key, "outcome": v.outcome, "wrong_topic": v.wrong_topic, "topics": v.answered_topics,
             "missing": v.missing, "forbidden": v.forbidden, "history": v.history, "error": v.error}
            for v in verdicts], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
