"""Worker processes: one rule for where they are forked, results in order, none left after a failure."""

from __future__ import annotations

import functools
import gc
import json
import multiprocessing
import multiprocessing.pool
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from dashboard.preprocess import parallel, pipeline

PLATFORMS = [("linux", "fork"), ("darwin", "spawn"), ("win32", "spawn"), ("freebsd14", "spawn")]


@pytest.mark.parametrize(("platform", "method"), PLATFORMS)
def test_workers_are_forked_on_linux_only(monkeypatch: pytest.MonkeyPatch, platform: str,
                                          method: str) -> None:
    """macOS has fork but it is unsafe there: the same rule must answer can_fork and the context."""
    monkeypatch.setattr(sys, "platform", platform)
    assert parallel.worker_context().get_start_method() == method
    assert parallel.can_fork() is (method == "fork")


@pytest.mark.parametrize(("platform", "method"), PLATFORMS)
def test_article_workers_follow_the_same_rule(monkeypatch: pytest.MonkeyPatch, platform: str,
                                              method: str) -> None:
    """The pipeline's article workers used to fork on macOS while the claims' workers did not."""
    started: list[tuple[str, int]] = []

    def pool(context: multiprocessing.context.BaseContext, processes: int, **_kwargs: object) -> str:
        started.append((context.get_start_method(), processes))
        return "pool"

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", pool)
    assert pipeline.start_workers(3) == "pool"
    assert started == [(method, 3)]


def _pid_of(_item: int, shared: Mapping[str, object]) -> int:
    return os.getpid()


@pytest.mark.parametrize(("platform", "in_children"), [("linux", True), ("darwin", False)])
def test_shared_map_runs_in_children_only_where_it_forks(monkeypatch: pytest.MonkeyPatch, platform: str,
                                                         in_children: bool) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    pids = parallel.shared_map(_pid_of, [1, 2, 3, 4], {}, jobs=2)
    assert len(pids) == 4
    assert (os.getpid() not in pids) is in_children
    assert multiprocessing.active_children() == []


def _square_or_fail(item: int, shared: Mapping[str, object]) -> int:
    if item == shared["bad"]:
        raise ValueError(f"item {item} is bad")
    return item * item


def test_shared_map_keeps_order_and_shares_data() -> None:
    squares = parallel.shared_map(_square_or_fail, list(range(7)), {"bad": -1}, jobs=2)
    assert squares == [i * i for i in range(7)]


def test_a_failing_worker_fails_the_map_and_leaves_no_process() -> None:
    """The error reaches the caller (not a hang, not a partial list) and the pool is gone."""
    with pytest.raises(ValueError, match="item 5 is bad"):
        parallel.shared_map(_square_or_fail, list(range(8)), {"bad": 5}, jobs=2)
    assert multiprocessing.active_children() == []
    assert parallel._SHARED == {} and parallel._TASK == []  # the parent let go of the data


def _start_time_or_wait(item: int, shared: Mapping) -> float:
    """When the item started; the first one takes a while, so the others finish before it."""
    import time

    started = time.monotonic()
    if item == 0:
        time.sleep(shared["first"])
    return started


def test_shared_imap_keeps_at_most_two_items_per_worker_ahead() -> None:
    """Results wait in the parent until taken in order: while the first item runs, no more than 2 x jobs
    items may start, or a slow batch would pile every later result up in the parent."""
    import time

    begun = time.monotonic()
    started = list(parallel.shared_imap(_start_time_or_wait, list(range(12)), {"first": 2.0}, jobs=2))
    early = [t - begun for t in started if t - begun < 1.6]
    assert len(started) == 12 and 2 <= len(early) <= 4
    assert multiprocessing.active_children() == []


def test_a_consumer_that_stops_early_leaves_no_process() -> None:
    results = parallel.shared_imap(_square_or_fail, list(range(50)), {"bad": -1}, jobs=2)
    assert next(results) == 0
    results.close()
    assert multiprocessing.active_children() == []
    assert parallel._SHARED == {} and parallel._TASK == []


def _exit_code(code: int) -> None:
    sys.exit(code)


def _fail() -> None:
    raise ValueError("no lookups today")


def _record(out: list[int]) -> None:
    out.append(os.getpid())


def _save_shared(path: Path) -> None:
    path.write_text(json.dumps(parallel._SHARED), encoding="utf-8")


def test_call_in_child_reports_the_childs_outcome(capfd: pytest.CaptureFixture[str]) -> None:
    assert parallel.call_in_child(_exit_code, 0) is True
    assert parallel.call_in_child(_exit_code, 3) is False
    assert parallel.call_in_child(_fail) is False
    assert "no lookups today" in capfd.readouterr().err
    here: list[int] = []
    assert parallel.call_in_child(_record, here) is True
    assert here == []  # it ran in another process: its memory is not this process's
    assert multiprocessing.active_children() == []


def test_call_in_child_starts_a_fresh_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spawned, not forked: none of this process's data is in the child (nor its pages shared)."""
    monkeypatch.setitem(parallel._SHARED, "tables", "held by the parent")
    assert parallel.call_in_child(_save_shared, tmp_path / "seen.json") is True
    assert json.loads((tmp_path / "seen.json").read_text(encoding="utf-8")) == {}


def test_call_in_child_does_not_run_the_callers_script_again(tmp_path: Path) -> None:
    """A script without a __main__ guard (multiprocessing's spawn would run it again in the child)."""
    script = tmp_path / "unguarded.py"
    script.write_text("from dashboard.preprocess import parallel\n"
                      "print('main ran', flush=True)\n"
                      "assert parallel.call_in_child(print, 'child ran')\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["main ran", "child ran"]


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]


def test_preprocessing_runs_blas_on_one_thread(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A process per core already: BLAS threads on top only compete for the same cores (and are put back after)."""
    from dashboard_fixtures import RAW_SEEDS

    from dashboard.preprocess.tables import CorpusWriter

    seen: list[list[int]] = []
    finish = CorpusWriter.finish

    def recording_finish(self: CorpusWriter, *args: object, **kwargs: object) -> dict[str, int]:
        seen.append(_blas_threads())
        return finish(self, *args, **kwargs)

    monkeypatch.setattr(CorpusWriter, "finish", recording_finish)
    pipeline.build_corpus([RAW_SEEDS], tmp_path / "out")
    before = _blas_threads()
    pipeline.build_corpus([RAW_SEEDS], tmp_path / "again")
    assert len(seen[0]) >= 2 and all(n == 1 for n in seen[0])  # numpy's and scipy's
    assert before and _blas_threads() == before and (max(before) > 1 or os.cpu_count() == 1)


def _blas_threads_after_limit(_: int) -> list[int]:
    parallel.limit_blas_threads()
    return _blas_threads()


def test_spawned_workers_limit_blas_themselves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spawned workers (macOS, Windows) do not inherit the limit: their initializer sets it."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.map(_blas_threads_after_limit, [0]) == [[1, 1]]  # numpy's and SciPy's
    called: list[bool] = []
    monkeypatch.setattr(pipeline, "limit_blas_threads", lambda: called.append(True))
    monkeypatch.setattr(pipeline, "load_resources", lambda: None)
    monkeypatch.setattr(pipeline, "load_claim_vocab", lambda: None)
    pipeline._worker_init()
    assert called == [True]


def _frozen_objects(_item: int, shared: Mapping[str, object]) -> int:
    return gc.get_freeze_count()


def test_forked_workers_leave_the_parents_objects_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a forked worker inherits is frozen in it (its collections never walk those objects, nor copy
    their pages); the parent's own objects are collected as before once the workers are started."""
    monkeypatch.setattr(sys, "platform", "linux")
    assert gc.get_freeze_count() == 0
    inherited = [{"object": k} for k in range(1000)]
    frozen = parallel.shared_map(_frozen_objects, [1, 2, 3, 4], {"inherited": inherited}, jobs=2)
    assert all(count >= len(inherited) for count in frozen)
    assert gc.get_freeze_count() == 0


def test_forked_workers_leave_a_freeze_made_elsewhere_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Objects something else froze before the workers start stay frozen (only the pool's own freeze is
    undone); nothing is frozen where workers are spawned."""
    monkeypatch.setattr(sys, "platform", "linux")
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        parallel.shared_map(_frozen_objects, [1, 2], {}, jobs=2)
        assert gc.get_freeze_count() == before > 0
    finally:
        gc.unfreeze()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", lambda *_a, **_k: gc.get_freeze_count())
    assert parallel.forked_pool(2) == 0


def test_ending_a_pool_gives_up_on_a_terminate_that_hangs() -> None:
    """CPython's Pool.terminate can wait forever on a lock a killed worker held: the failure goes on."""
    from dashboard.preprocess.parallel import end_pool

    class StuckPool:
        def terminate(self) -> None:
            threading.Event().wait()  # never set

    started = time.monotonic()
    end_pool(StuckPool(), grace=0.2)  # type: ignore[arg-type]
    assert time.monotonic() - started < 5


def test_ending_a_pool_ends_its_workers() -> None:
    from dashboard.preprocess.parallel import end_pool, forked_pool

    pool = forked_pool(2)
    workers = list(pool._pool)  # the processes, to check they are gone
    assert pool.apply(abs, (-3,)) == 3
    end_pool(pool)
    assert all(not worker.is_alive() for worker in workers)


def _fail_on_two(item: int, _shared: object) -> int:
    if item == 2:
        raise RuntimeError("item 2 failed")
    return item


def test_a_failing_task_ends_the_shared_workers_even_when_terminate_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    """shared_imap ends its pool with end_pool, not the pool's own __exit__: a terminate that hangs (a worker
    ended holding the results queue's lock, seen once in CI) leaves the failure to go on."""
    real_terminate = multiprocessing.pool.Pool.terminate

    def stuck_terminate(self: multiprocessing.pool.Pool) -> None:
        real_terminate(self)  # the workers are gone, as in CPython's hang
        threading.Event().wait()  # never set

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", stuck_terminate)
    monkeypatch.setattr(parallel, "end_pool", functools.partial(parallel.end_pool, grace=0.2))
    failures: list[BaseException] = []

    def consume() -> None:
        try:
            list(parallel.shared_imap(_fail_on_two, [1, 2, 3, 4], {}, jobs=2))
        except RuntimeError as exc:
            failures.append(exc)

    runner = threading.Thread(target=consume, daemon=True)
    runner.start()
    runner.join(30)
    assert not runner.is_alive() and [str(e) for e in failures] == ["item 2 failed"]


def test_a_corpus_build_collects_garbage_less_often_and_puts_the_setting_back(tmp_path: Path) -> None:
    """Young collections every YOUNG_COLLECTION_EVERY allocations while a corpus is built, in the process and
    in the article workers it forks; the thresholds before are back afterwards, also after a failure."""
    before = gc.get_threshold()
    seen = tmp_path / "seen"
    real = pipeline._rows_of

    def spy(doc: object) -> object:  # runs in the workers: what they see goes to a file
        with seen.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {gc.get_threshold()[0]}\n")
        return real(doc)  # type: ignore[arg-type]

    for n in range(4):  # two workers start for four documents or more
        (tmp_path / f"a{n}.txt").write_text(f"Russia pledged to send {n + 2} test kits to Viet Nam.\n",
                                            encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_rows_of", spy)
        pipeline.build_corpus(sorted(tmp_path.glob("a*.txt")), tmp_path / "out", jobs=2)
    lines = seen.read_text(encoding="utf-8").split()
    assert len(set(lines[0::2]) - {str(os.getpid())}) >= 1  # read in the workers
    assert set(lines[1::2]) == {str(parallel.YOUNG_COLLECTION_EVERY)}
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), parallel.fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


def test_a_spawned_article_worker_collects_less_often_itself() -> None:
    """Where workers are spawned they inherit nothing: their initializer sets the threshold."""
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, *before[1:])
        pipeline._worker_init()
        assert gc.get_threshold() == (parallel.YOUNG_COLLECTION_EVERY, *before[1:])
    finally:
        gc.set_threshold(*before)


def test_overlapping_builds_put_back_the_setting_from_before_the_first() -> None:
    """Two uploads built in two threads: whichever ends last restores the thresholds from before both."""
    before = gc.get_threshold()
    first, second = parallel.fewer_collections(), parallel.fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == parallel.YOUNG_COLLECTION_EVERY  # the second build still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
