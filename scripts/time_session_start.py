#!/usr/bin/env python
"""Session start, both ways, measured in-process (`make bench` measures the whole bot; too heavy for a laptop
shared with others: run it on a quiet machine, see docs/performance.md).

- before (up to this branch): a custom action_session_start on the action server set ~35 slots (the commune
  profile and the dated amounts): an HTTP call from the Rasa server, 35 SlotSet events computed, sent as JSON and
  stored in the tracker of every conversation;
- now: Rasa's own session start (no action call, no slot); the facts are added when an answer is rendered
  (cpas_rasa/nlg.py), computed once per day and cached.

Usage: .venv/bin/python scripts/time_session_start.py [--repeat 2000] [--actions-url http://127.0.0.1:5055/webhook]
(--actions-url also times the HTTP round trip of the old custom session start against an action server that
still has it, e.g. one started from the main branch with `rasa run actions`).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(function, repeat: int) -> float:
    """Median time of one call, in microseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


# The 35 slots of the former actions/session_slots.py (5 of the profile, 30 dated amounts).
OLD_SLOTS = ("cpas_name cpas_phone cpas_address cpas_hours commune_name ris_date ris_cat1 ris_cat2 ris_cat3 ris_note "
             "prime_amount prime_date exo_sp_amount exo_sp_date exo_gen_cat1 exo_gen_cat2 exo_gen_cat3 exo_gen_date "
             "savings_low savings_high savings_date re_exempt re_per_child re_date heat_ceiling heat_per_dependant "
             "heat_max_litres heat_year_cap heat_pump_flat heat_min_per_litre heat_max_per_litre heat_date "
             "water_wal_amount water_wal_extra water_date").split()


def old_session_start_events():
    """What the former action_session_start returned: SessionStarted, one SlotSet per value, action_listen; its
    values were computed at every session start (no cache): the profile read, the parameters looked up."""
    from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

    from actions.lib.profile import load_profile
    from actions.rules.clock import today
    from actions.rules.parameters import parameters_path
    from actions.rules.quoted import _facts
    from actions.session_slots import profile_slots

    values = {**profile_slots(load_profile()), **_facts(today(), parameters_path())}
    return [SessionStarted(), *[SlotSet(k, values[k]) for k in OLD_SLOTS], ActionExecuted("action_listen")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--actions-url", default=None)
    args = parser.parse_args()

    from rasa.core.actions.action import ActionSessionStart
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from actions.rules import quoted
    from cpas_rasa.nlg import FactsNaturalLanguageGenerator, render_values

    domain = Domain.load([str(ROOT / "domain.yml"), str(ROOT / "data" / "responses")])
    nlg = FactsNaturalLanguageGenerator(domain=domain)

    # Before: the values and the events the action server computed and sent at every session start.
    quoted._cached.cache_clear()
    cold_start = time.perf_counter()
    events = old_session_start_events()
    cold_old = (time.perf_counter() - cold_start) * 1e6
    payload = json.dumps({"events": events, "responses": []}, ensure_ascii=False)
    old = timed(lambda: json.dumps({"events": old_session_start_events(), "responses": []}), args.repeat)

    # Now: Rasa's own session start, and the values added to each rendered answer.
    def rasa_session_start():
        tracker = DialogueStateTracker("timing", domain.slots)
        asyncio.run(ActionSessionStart().run(CollectingOutputChannel(), nlg, tracker, domain))

    new_start = timed(rasa_session_start, max(50, args.repeat // 20))
    quoted._cached.cache_clear()
    cold_start = time.perf_counter()
    render_values()
    cold_facts = (time.perf_counter() - cold_start) * 1e6
    warm_facts = timed(render_values, args.repeat)

    print(f"Before: custom action_session_start: {len(events) - 2} slots, {len(events)} events stored per "
          f"conversation, {len(payload.encode())} bytes of JSON from the action server per session start")
    print(f"  computing its events: {old:.0f} µs per session start (first of the process: {cold_old:.0f} µs; "
          f"measured with today's fact computation, which also computes the new facts: an upper bound)")
    if args.actions_url:
        body = json.dumps({"next_action": "action_session_start", "sender_id": "timing", "version": "3.6.0",
                           "tracker": {"sender_id": "timing", "slots": {}, "latest_message": {}, "events": [],
                                       "paused": False, "followup_action": None, "active_loop": {},
                                       "latest_action_name": None},
                           "domain": {}}).encode()

        def call():
            request = urllib.request.Request(args.actions_url, data=body, headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=10).read()

        print(f"  HTTP round trip to {args.actions_url}: {timed(call, 50) / 1000:.1f} ms per session start")
    print("Now: Rasa's own session start: 0 slots, 2 events, no call to the action server")
    print(f"  Rasa's session start in-process: {new_start:.0f} µs")
    print(f"  the facts added to an answer: {warm_facts:.1f} µs per answer (first answer of the day: "
          f"{cold_facts:.0f} µs, then cached)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
