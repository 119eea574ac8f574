"""The benchmark runs end to end on a tiny corpus and reports every number the README table quotes.

Speed is not asserted here (numbers depend on the machine); only that each measure is there and sane.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from dashboard.bench import main

REQUIRED = ("articles", "workers", "preprocess_articles_per_s", "preprocess_articles_per_s_all",
            "tokenizer_ceiling_articles_per_s", "preprocess_peak_rss_mb", "dashboard_load_s", "dashboard_rss_mb",
            "filter_p95_ms", "page_rerun_s", "dashboard_prepare_s")


def test_benchmark_command_reports_every_measure(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["--articles", "24", "--jobs", "2", "--rounds", "2", "--out", str(out),
                 "--workdir", str(tmp_path / "w")]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    for key in REQUIRED:
        assert isinstance(result.get(key), (int, float)) and not math.isnan(result[key]) and result[key] > 0, key
    assert result["articles"] == 24 and result["workers"] == 2
    assert result["rounds"] == 2  # each run kept, the fastest reported
    for runs, best in (("preprocess_runs_s", "preprocess_s"), ("preprocess_runs_s_all", "preprocess_s_all")):
        assert len(result[runs]) == 2 and result[best] == min(result[runs]), runs
    assert len(result["tokenizer_runs_s"]) == 2
    assert result["parallel_speedup"] == min(result["preprocess_runs_s"]) / min(result["preprocess_runs_s_all"])
    assert 0 < result["fraction_of_tokenizer_ceiling"] < 1
    assert set(result["latencies"]) >= {"filter: free-text search", "who-pledged-what grid"}
    printed = capsys.readouterr().out
    assert "preprocess, 2 workers" in printed and "tokenizer-only ceiling" in printed and "rounds" in printed


def test_benchmark_refuses_zero_rounds(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--articles", "24", "--rounds", "0", "--workdir", str(tmp_path / "w")])
    assert "--rounds must be 1 or more, not 0" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()  # refused before any work
