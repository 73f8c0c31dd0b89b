"""The statistics and the table of `make bench` (no timing here: the benchmark itself is not a test)."""
import importlib.util
import sys
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("bench", Path(__file__).resolve().parent.parent / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench  # dataclasses look their module up
spec.loader.exec_module(bench)


def test_percentiles():
    values = list(range(1, 101))
    assert bench.percentile(values, 50) == pytest.approx(50.5)
    assert bench.percentile(values, 95) == pytest.approx(95.05)
    assert bench.percentile([7], 95) == 7
    with pytest.raises(ValueError):
        bench.percentile([], 50)


def test_table_marks_missed_goals():
    ours = bench.Result("ours", train_s=280, ready_s=20, seq=[10.0] * 20 + [100.0], conc=[50.0] * 40,
                        throughput=30, rasa_rss=1400, actions_rss=200)
    plain = bench.Result("plain", train_s=60, ready_s=15, seq=[10.0] * 21, conc=[50.0] * 40, throughput=35,
                         rasa_rss=1100)
    text = bench.table(ours, plain)
    lines = {line.split(" | ")[0].strip("| "): line for line in text.splitlines()[2:]}
    assert lines["throughput, 20 users (turns/s)"].endswith("**no** |")       # 30 < 35
    assert lines["Rasa server RSS, peak (MB)"].endswith("yes |")              # 1400 <= 1536
    assert lines["p95 turn, 20 users (ms)"].endswith("yes |")
    assert "0.86" in lines["throughput, 20 users (turns/s)"]                  # the ratio


def test_rss_of_this_process_is_positive():
    import os

    assert bench.rss_mb(os.getpid()) > 1
