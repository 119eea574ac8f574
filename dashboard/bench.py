"""Benchmark: `python -m dashboard.bench [--articles N] [--jobs J] [--rounds R] [--out FILE.json]` (also `make bench`).

Generates a deterministic synthetic corpus (dashboard/synthetic.py), then measures, on that corpus:
preprocessing end to end with 1 worker and with J workers (articles/s, MB/s, peak memory per process),
spaCy's tokenizer alone (the ceiling of any spaCy-based pipeline), and the dashboard side: loading the
tables, their memory, the latency of the filter + aggregate functions the pages call, and one full page
rerun through AppTest after a filter change. Prints a table and writes JSON. Numbers, not assertions.

With --rounds R the preprocessing runs and the tokenizer pass are repeated R times, alternating (1 worker,
J workers, tokenizer, then again), and the fastest of each is reported, every run's time kept in the JSON:
a shared machine's speed drifts by tens of percent within minutes, and the best of alternating runs is
what the code can do, measured alike for all three.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.filters import Filter
    from dashboard.store import Corpus

REPEATS = 15


def _rss_mb() -> float:
    """Current resident memory of this process (Linux /proc; falls back to the peak)."""
    from dashboard.memory import resident_mb

    now = resident_mb()
    return now if now is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _preprocess_in_child(inputs: Path, out: Path, jobs: int) -> dict:
    """Run the pipeline in a fresh process so its peak memory is its own."""
    command = [sys.executable, "-m", "dashboard.bench", "_preprocess", str(inputs), str(out), str(jobs)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _preprocess_child(inputs: str, out: str, jobs: str) -> None:
    from dashboard.preprocess.pipeline import build_corpus, load_resources

    load_resources()  # the one-off vocabulary build is not per-article work
    started = time.perf_counter()
    run = build_corpus([Path(inputs)], Path(out), jobs=int(jobs), prepare_dashboard=False)  # timed on its own
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "articles": run["counts"]["articles"],
                      "statements": run["counts"].get("statements", 0),
                      "peak_rss_mb": round(max(own, children), 1)}))


def _prepare_in_child(out: Path) -> dict:
    """Seconds and peak memory of building the dashboard's lookups and search index (the pipeline's last
    step, left out of the preprocessing numbers): what the first page load would otherwise do."""
    command = [sys.executable, "-m", "dashboard.bench", "_prepare", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _prepare_child(out: str) -> None:
    from dashboard.store import prepare_corpus_alone

    started = time.perf_counter()
    prepare_corpus_alone(Path(out))  # as the pipeline's child does
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def _tokenizer_ceiling(inputs: Path) -> tuple[float, int]:
    """Seconds for spaCy's tokenizer alone over the corpus's texts, and the number of texts."""
    from dashboard.preprocess.pipeline import load_resources
    from dashboard.preprocess.readers import read_inputs

    docs, _ = read_inputs([inputs])
    tokenizer: Any = load_resources().index.nlp.tokenizer  # a spaCy Tokenizer (typed as any callable): has pipe
    texts = [d.text for d in docs]
    started = time.perf_counter()
    for _doc in tokenizer.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - started, len(texts)


def _latency_ms(call: Callable[[], object]) -> tuple[float, float]:
    call()  # warm caches the way a page's first run does
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _dashboard(out: Path) -> dict:
    from dashboard import views
    from dashboard.filters import Filter, apply_filter
    from dashboard.store import load_corpus

    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    corpus = load_corpus(out)
    load_s = time.perf_counter() - started
    loaded_rss = _rss_mb() - before
    loaded = [corpus.tables[name] for name in corpus.tables if corpus.tables.is_loaded(name)]  # lazy tables stay unread
    frames_mb = sum(f.memory_usage(deep=True).sum() for f in (*loaded, corpus.pledges)) / 2**20
    pledges = corpus.pledges
    top_country = next((e for e in pledges.get("speaker_ids", []) if isinstance(e, str)), "")
    countries = [e for e in corpus.names if e.startswith("country:")]
    country = "country:RUS" if "country:RUS" in countries else (countries[0] if countries else top_country)
    topic = next(iter(corpus.topic_labels), "")
    typical = {
        "one country": Filter(countries=(country,)),
        "one country via blocs": Filter(countries=(country,), include_blocs=True),
        "one topic": Filter(topics=(topic,)),
        "country + topic + kind": Filter(countries=(country,), topics=(topic,), kinds=("commitment",)),
        "free-text search": Filter(text="vaccine"),
    }
    latencies: dict[str, dict[str, float]] = {}
    for name, view in typical.items():
        median, p95 = _latency_ms(partial(_evidence_in_view, corpus, view))
        latencies[f"filter: {name}"] = {"median_ms": median, "p95_ms": p95}
    everything = apply_filter(corpus, Filter())
    aggregates = {
        "overview aggregates": lambda: (views.metrics(corpus, everything), views.topic_kind_counts(corpus, everything),
                                        views.outlet_counts(everything)),
        "who-pledged-what grid": lambda: views.actor_topic_grid(corpus, everything),
    }
    for name, call in aggregates.items():
        median, p95 = _latency_ms(call)
        latencies[name] = {"median_ms": median, "p95_ms": p95}
    return {"dashboard_load_s": load_s, "dashboard_frames_mb": frames_mb, "dashboard_rss_mb": _rss_mb(),
            "dashboard_loaded_delta_mb": loaded_rss, "latencies": latencies,
            "filter_p95_ms": max(v["p95_ms"] for v in latencies.values()),
            "pledge_rows": len(pledges), "mention_rows": corpus.tables.n_rows("mentions")}


def _evidence_in_view(corpus: Corpus, view: Filter) -> object:
    """What the Evidence page computes for one filter: the rows in view and their table."""
    from dashboard import views
    from dashboard.filters import apply_filter

    return views.evidence_table(apply_filter(corpus, view))


def _page_rerun(out: Path) -> float:
    """Seconds of one full rerun of the Evidence page after a topic filter change (AppTest)."""
    from streamlit.testing.v1 import AppTest

    os.environ["PLEDGE_EXPLORER_DATA"] = str(out)
    app = Path(__file__).with_name("streamlit_app.py")
    at = AppTest.from_file(str(app), default_timeout=600)
    at.run()
    topic_box = next((m for m in at.multiselect if "topic" in (m.label or "").lower()), None)
    if topic_box is None or not topic_box.options:
        return float("nan")
    topic_box.select(topic_box.options[0])
    started = time.perf_counter()
    topic_box.run()
    return time.perf_counter() - started


def run_benchmark(articles: int, jobs: int, workdir: Path, rounds: int = 1) -> dict:
    from dashboard.synthetic import write_corpus

    inputs = workdir / "articles"
    write_corpus(inputs, articles)
    size_mb = sum(p.stat().st_size for p in inputs.iterdir()) / 2**20
    singles: list[dict] = []
    parallels: list[dict] = []
    ceilings: list[tuple[float, int]] = []
    for _round in range(max(1, rounds)):  # alternating, so that a drift of the machine's speed hits all three
        singles.append(_preprocess_in_child(inputs, workdir / "out1", 1))
        parallels.append(_preprocess_in_child(inputs, workdir / "outN", jobs) if jobs > 1 else singles[-1])
        ceilings.append(_tokenizer_ceiling(inputs))
    single = min(singles, key=lambda run: run["seconds"])
    parallel = min(parallels, key=lambda run: run["seconds"])
    token_s, n_texts = min(ceilings)
    result = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "articles": single["articles"], "workers": jobs, "input_mb": round(size_mb, 2),
        "statements": single["statements"],
        "preprocess_s": single["seconds"], "preprocess_s_all": parallel["seconds"],
        "preprocess_articles_per_s": single["articles"] / single["seconds"],
        "preprocess_articles_per_s_all": parallel["articles"] / parallel["seconds"],
        "preprocess_mb_per_s": size_mb / single["seconds"], "preprocess_mb_per_s_all": size_mb / parallel["seconds"],
        "parallel_speedup": single["seconds"] / parallel["seconds"],
        "preprocess_peak_rss_mb": max(run["peak_rss_mb"] for run in (*singles, *parallels)),
        "tokenizer_ceiling_articles_per_s": n_texts / token_s,
        "rounds": len(singles),
        "preprocess_runs_s": [run["seconds"] for run in singles],
        "preprocess_runs_s_all": [run["seconds"] for run in parallels],
        "tokenizer_runs_s": [seconds for seconds, _texts in ceilings],
    }
    result["fraction_of_tokenizer_ceiling"] = (result["preprocess_articles_per_s"]
                                               / result["tokenizer_ceiling_articles_per_s"])
    prepared = _prepare_in_child(workdir / "out1")
    result["dashboard_prepare_s"] = prepared["seconds"]
    result["dashboard_prepare_peak_rss_mb"] = prepared["peak_rss_mb"]
    result.update(_dashboard(workdir / "out1"))
    result["page_rerun_s"] = _page_rerun(workdir / "out1")
    return result


def format_report(result: dict) -> str:
    rounds = result.get("rounds", 1)
    rows = [
        ("articles / workers", f"{result['articles']:,} / {result['workers']}"),
        *([("rounds", f"{rounds}: the fastest of each preprocessing and tokenizer run below")] if rounds > 1 else []),
        ("input size", f"{result['input_mb']:.1f} MB"),
        ("preprocess, 1 worker", f"{result['preprocess_articles_per_s']:.0f} articles/s "
                                 f"({result['preprocess_mb_per_s']:.2f} MB/s)"),
        (f"preprocess, {result['workers']} workers", f"{result['preprocess_articles_per_s_all']:.0f} articles/s "
                                                     f"({result['parallel_speedup']:.2f}x)"),
        ("tokenizer-only ceiling", f"{result['tokenizer_ceiling_articles_per_s']:.0f} articles/s "
                                   f"(we reach {100 * result['fraction_of_tokenizer_ceiling']:.1f}%)"),
        ("preprocess peak memory", f"{result['preprocess_peak_rss_mb']:.0f} MB per process"),
        ("dashboard lookups + search index", f"{result['dashboard_prepare_s']:.2f} s, peak "
                                             f"{result['dashboard_prepare_peak_rss_mb']:.0f} MB"),
        ("dashboard load", f"{result['dashboard_load_s']:.2f} s, tables {result['dashboard_frames_mb']:.0f} MB, "
                           f"process {result['dashboard_rss_mb']:.0f} MB"),
        *[(name, f"median {v['median_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms")
          for name, v in result["latencies"].items()],
        ("page rerun after a filter change", f"{result['page_rerun_s']:.2f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_preprocess"]:
        _preprocess_child(*argv[1:4])
        return 0
    if argv[:1] == ["_prepare"]:
        _prepare_child(argv[1])
        return 0
    parser = argparse.ArgumentParser(prog="python -m dashboard.bench", description=__doc__.split("\n\n")[1])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel run")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat the preprocessing and tokenizer runs, alternating, and report the fastest")
    parser.add_argument("--out", type=Path, help="write the JSON result here")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and tables here (default: a temp folder)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be 1 or more, not {args.rounds}")
    with tempfile.TemporaryDirectory(prefix="pledge-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        result = run_benchmark(args.articles, args.jobs, workdir, rounds=args.rounds)
    print(format_report(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
        print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
