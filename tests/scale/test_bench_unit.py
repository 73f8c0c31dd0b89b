"""The statistics, the message plans and the table of `make bench` (scripts/bench.py). Nothing is timed here:
the benchmark itself is not a test."""
import importlib
import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench  # dataclasses look their module up
spec.loader.exec_module(bench)


def test_percentile_interpolates_like_numpy():
    values = list(range(1, 101))
    assert bench.percentile(values, 50) == pytest.approx(50.5)
    assert bench.percentile(values, 95) == pytest.approx(95.05)
    assert bench.percentile([3, 1, 2], 0) == 1 and bench.percentile([3, 1, 2], 100) == 3
    assert bench.percentile([10, 20], 95) == pytest.approx(19.5)
    assert bench.percentile([7], 95) == 7
    with pytest.raises(ValueError):
        bench.percentile([], 50)
    with pytest.raises(ValueError):
        bench.percentile([1], 101)


def test_latency_summary_in_milliseconds():
    summary = bench.latency_summary([0.010] * 19 + [0.200])
    assert summary["n"] == 20
    assert summary["p50_ms"] == pytest.approx(10)
    assert summary["p95_ms"] == pytest.approx(10 + 0.05 * 190)   # rank 18.05 of 0..19
    assert summary["max_ms"] == pytest.approx(200)
    assert summary["mean_ms"] == pytest.approx((19 * 10 + 200) / 20)
    assert bench.latency_summary([]) == {"n": 0}


def test_spread_over_rounds_ignores_missing_values():
    assert bench.spread([3.0, None, 1.0, 2.0]) == (2.0, 1.0, 3.0)
    assert bench.spread([None]) is None
    assert bench.fmt_spread((2.0, 1.0, 3.0), "s") == "2.0 s (1.0–3.0 s)"
    assert bench.fmt_spread((2.0, 2.0, 2.0), "s") == "2.0 s"
    assert bench.fmt_spread((1592.0, 1591.6, 1593.0), "MiB") == "1 592 MiB (1 592–1 593 MiB)"
    assert bench.fmt_spread((137.0, 136.8, 137.2), "MiB") == "137 MiB"          # same once rounded: no range


def test_conversation_files_parse_into_four_conversations_of_fifteen():
    for name in ("conversations_fr.txt", "conversations_en.txt"):
        conversations = bench.parse_conversations((ROOT / "scripts" / "bench" / name).read_text(encoding="utf-8"))
        assert [len(c) for c in conversations] == [15, 15, 15, 15], name
        assert not any(m.startswith("#") for c in conversations for m in c)
    text = "# comment\n\nbonjour\n  merci  \n\n\n# another\nsalut\n"
    assert bench.parse_conversations(text) == [["bonjour", "merci"], ["salut"]]


def test_sequential_plan_starts_a_new_conversation_id_each_time_a_conversation_restarts():
    plan = bench.sequential_plan([["a", "b"], ["c"]], 6)
    assert plan == [(0, "a"), (0, "b"), (1, "c"), (2, "a"), (2, "b"), (3, "c")]
    assert len(bench.sequential_plan([["a", "b", "c"]], 200)) == 200
    with pytest.raises(ValueError):
        bench.sequential_plan([], 3)


def test_users_take_the_conversations_in_turn():
    conversations = [["a1", "a2"], ["b1", "b2", "b3"]]
    assert bench.user_script(conversations, 0, 2) == ["a1", "a2"]
    assert bench.user_script(conversations, 1, 2) == ["b1", "b2"]
    assert bench.user_script(conversations, 2, 3) == ["a1", "a2", "a1"]


def test_proc_parsing_and_process_tree():
    status = "Name:\trasa\nVmPeak:\t 2000 kB\nVmRSS:\t  1234 kB\nRssAnon:\t 1000 kB\n"
    assert bench.vmrss_kib(status) == 1234
    assert bench.vmrss_kib("Name:\tkthreadd\nState:\tS\n") is None
    stat = "42 (python3 (x) y) S 7 42 42 0 -1 4194304 100 0 0 0 250 31 0 0 20 0 3"
    assert bench.ppid_of_stat(stat) == 7
    assert bench.cpu_ticks_of_stat(stat) == 281            # utime 250 + stime 31
    parents = {1: 0, 10: 1, 11: 10, 12: 10, 13: 11, 20: 1}
    assert sorted(bench.descendants(10, parents)) == [10, 11, 12, 13]
    assert bench.descendants(20, parents) == [20]


def test_rss_of_this_process_tree_is_read_from_proc():
    own = bench.tree_rss_kib(os.getpid())
    assert own is not None and own > 1024
    assert bench.tree_rss_kib(2 ** 22 + 12345) is None
    assert bench.tree_cpu_seconds(os.getpid()) > 0


def spreads(**values):
    return {key: (value, value, value) for key, value in values.items()}


def rows_by_metric(rows):
    return {row.metric: row for row in rows}


def test_goals_are_judged_on_the_ratios_and_limits():
    ours = spreads(train_s=280, ready_s=20, seq_p95_ms=130, conc_p95_ms=1000, throughput=18, rasa_rss_peak_mib=1600)
    plain = spreads(train_s=60, ready_s=25, seq_p95_ms=100, conc_p95_ms=900, throughput=20, rasa_rss_peak_mib=1100)
    rows = rows_by_metric(bench.build_rows(ours, plain, cores=2))
    assert rows["Training time (`rasa train`, empty cache)"].met == "yes"
    assert rows["Time to ready (start → first REST answer)"].met == "yes"
    assert rows["Turn latency p95, sequential"].met == "**no**"            # 1.30 > 1.2
    assert rows["Turn latency p95, sequential"].ratio == "1.30"
    assert rows["Turn latency p95, 20 users"].met == "yes"                 # 1.11
    assert rows["Throughput, 20 users"].met == "**no**"                    # 0.90 < 1
    assert rows["Rasa server RSS, peak under load"].met == "**no**"        # 1600 > 1536
    assert rows["Turn latency p50, sequential"].met == "—"                 # not measured, no goal


def test_goal_edges_are_met_and_missing_values_are_not_judged():
    ours = spreads(train_s=300, ready_s=60, seq_p95_ms=120, throughput=20, rasa_rss_peak_mib=1536)
    plain = spreads(seq_p95_ms=100, throughput=20)
    rows = rows_by_metric(bench.build_rows(ours, plain, cores=4, users=8))
    assert rows["Turn latency p95, sequential"].met == "yes"
    assert rows["Throughput, 8 users"].met == "yes"
    assert rows["Rasa server RSS, peak under load"].met == "yes"
    assert rows["Training time (`rasa train`, empty cache)"].goal.endswith("(measured on 4 cores)")
    assert rows["Turn latency p95, 8 users"].met == "—"
    assert rows["Training time (`rasa train`, empty cache)"].plain == "—"


def test_table_renders_every_row():
    rows = bench.build_rows(spreads(throughput=18.5), spreads(throughput=20.0), cores=2, plain_note="(none)")
    table = bench.render_table(rows).splitlines()
    assert table[0].startswith("| Metric | This bot | Plain bot | Ratio | Goal | Met? |")
    assert len(table) == 2 + len(rows)
    throughput = next(line for line in table if line.startswith("| Throughput"))
    assert "18.50 turns/s" in throughput and "0.93" in throughput and "**no**" in throughput
    assert any("| (none) |" in line for line in table)


def test_notes_section_is_kept_when_the_file_is_regenerated():
    old = "# Performance\n\n| a |\n\n## Notes\n\nThe lead's analysis.\n\n- item\n\n## Sub-section\n\nx\n\n"
    notes = bench.extract_notes(old)
    assert notes == "The lead's analysis.\n\n- item\n\n## Sub-section\n\nx\n"
    text = bench.render_markdown([bench.Row("m", "1", "2", "0.50", "—", "—")], {"Date": "today"}, "make bench",
                                 ["detail"], notes)
    assert "The lead's analysis." in text and "## Sub-section\n\nx\n" in text and text.count("## Notes") == 1
    assert bench.extract_notes(text) == notes                                # stable when regenerated again
    assert text.index("## Notes") > text.index("| m | 1 | 2 | 0.50 |")
    assert bench.extract_notes("# Performance\n\nno notes\n") is None
    assert bench.extract_notes(None) is None
    fresh = bench.render_markdown([], {}, "make bench", [], None)
    assert "## Notes" in fresh and bench.DEFAULT_NOTES.strip() in fresh


def test_options_for_reusing_a_model():
    args = bench.parse_args(["--reuse-model", "m.tar.gz", "--train-seconds", "290", "--user-turns", "10"])
    assert args.train_seconds == 290 and args.turns_per_user == 10 and args.turns == 200 and args.users == 20
    with pytest.raises(SystemExit):
        bench.parse_args(["--train-seconds", "290"])
    with pytest.raises(SystemExit):
        bench.parse_args(["--users", "0"])


def test_rendering_again_from_saved_measurements_keeps_the_original_command():
    argv = ["--rounds", "3", "--from-json", "raw.json", "--users", "5", "--from-json=x.json"]
    assert bench._without_option(argv, "--from-json") == ["--rounds", "3", "--users", "5"]


SITE = "/work/.venv/lib/python3.10/site-packages"
RAW = "\n".join([
    # a DIET frame under the message processor: the DIET classifier
    f"handle_message ({SITE}/rasa/core/processor.py:100);run ({SITE}/rasa/engine/runner/dask.py:101);"
    f"process ({SITE}/rasa/nlu/classifiers/diet_classifier.py:1010);__call__ ({SITE}/keras/engine.py:5) 30",
    # the SQL tracker store under the processor
    f"handle_message ({SITE}/rasa/core/processor.py:100);retrieve ({SITE}/rasa/core/tracker_store.py:1200);"
    f"execute ({SITE}/sqlalchemy/engine/base.py:1) 10",
    # our component after the classifiers
    f"run ({SITE}/rasa/engine/runner/dask.py:101);process (/work/main/cpas_rasa/nlu/danger.py:80) 5",
    # the action server's own code, and rasa_sdk around it
    f"run ({SITE}/rasa_sdk/executor.py:400);run (/work/main/actions/forms.py:12) 4",
    f"handle ({SITE}/rasa_sdk/endpoint.py:100) 1",
    "<module> (<frozen importlib._bootstrap>:1) 0",
    "not a sample line",
])


def test_profile_samples_are_summed_by_the_deepest_stage_of_their_stack():
    profile = importlib.import_module("scripts.bench_profile")
    shares = profile.summarize(RAW)
    assert shares == pytest.approx({"NLU: DIET classifier": 0.6, "tracker store": 0.2,
                                    "NLU: our components after the classifiers": 0.1, "actions: our code": 0.08,
                                    "actions: rasa_sdk and its web server": 0.02})
    assert list(shares)[0] == "NLU: DIET classifier"           # largest first
    assert profile.summarize("") == {}
    lines = profile.render({"Rasa server (ours)": shares}, {"Rasa server (ours)": 50.0})
    assert "| NLU: DIET classifier | 60.0 % | 30.0 |" in lines
    assert "CPU per turn at 20 users: 50.0 ms" in lines[0]


def test_our_helpers_called_by_an_nlu_component_count_for_that_component():
    profile = importlib.import_module("scripts.bench_profile")
    stack = [f"run ({SITE}/rasa/engine/runner/dask.py:101)", "process (/work/main/cpas_rasa/nlu/situations.py:80)",
             "read_situation (/work/main/actions/lib/situations.py:300)"]
    assert profile.stage_of(stack) == "NLU: our components after the classifiers"
    action_server = [f"handle ({SITE}/rasa_sdk/endpoint.py:100)", "run (/work/main/actions/orientation.py:40)",
                     "orient (/work/main/actions/lib/situations.py:400)"]
    assert profile.stage_of(action_server) == "actions: our code"
    check = [f"_run ({SITE}/rasa/core/actions/action.py:790)", f"validate ({SITE}/jsonschema/validators.py:1117)"]
    assert profile.stage_of(check) == "checking the actions' answers (jsonschema)"
