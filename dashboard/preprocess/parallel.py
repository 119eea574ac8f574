"""Map a function over work items in forked worker processes that share the parent's data.

The pipeline's later steps work on corpus-wide tables; sending those to every worker would cost more
than the work. Forked workers inherit them instead (copy-on-write): the parent puts them in `shared`,
and only the small work items (ranges, ids) and the results cross process boundaries. Where fork is
not available (Windows, macOS default), or the work is too small to be worth it, the map runs here.

One rule says where fork is used (`worker_context`): Linux only. macOS has fork, but a forked child of a
process that has used its system frameworks can crash, which is why Python stopped defaulting to it there.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.pool
import pickle
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar

from threadpoolctl import threadpool_limits

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

_SHARED: dict[str, Any] = {}
_TASK: list[Callable[[Any, Mapping[str, Any]], Any]] = []


def worker_context() -> multiprocessing.context.BaseContext:
    """How to start worker processes: fork on Linux (they inherit the parent's data), spawn elsewhere."""
    fork = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if fork else "spawn")


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS (numpy's and SciPy's matrix products) on one thread in this process, and in the workers it
    forks meanwhile (they inherit the setting; spawned workers call `limit_blas_threads` themselves).

    The pipeline runs one process per core; BLAS's own threads would compete with the other processes
    for the same cores, and on the small matrices of an event they cost more to wake than they save.
    """
    with _blas_limit():
        yield


YOUNG_COLLECTION_EVERY = 10_000  # allocations between the cyclic collector's young collections (CPython: 700)
_COLLECTOR_LOCK = threading.Lock()
_COLLECTOR_RUNS: list[tuple[int, ...]] = []  # one entry per run under way: the thresholds before the first


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often while a corpus is built, here and in the workers
    forked meanwhile (they inherit it; spawned workers call `collect_less_often` themselves).

    The steps allocate millions of short-lived tuples, matches and records that reference counting frees at
    once; the collector's young collections still walk them every 700 allocations, and every old one walks
    the loaded vocabularies and the rows held: 3.9 s of a 116 s run of 10,000 articles with 1 worker
    (counted with gc.callbacks), 1.0 s with a young collection every 10,000 allocations. Cycles of garbage
    wait longer for their collection: up to 10,000 allocations in the young generation, and ~14 times longer
    than before in the older ones (the pipeline's objects are freed by reference counting; a cycle is rare).
    The setting is the process's: while the dashboard builds an upload, its other sessions collect less often
    too. Runs in several threads share it: the first to start sets it, the last to end puts back what was
    there before the first (a threshold someone else set meanwhile is overwritten).
    """
    with _COLLECTOR_LOCK:
        _COLLECTOR_RUNS.append(_COLLECTOR_RUNS[0] if _COLLECTOR_RUNS else gc.get_threshold())
        collect_less_often()
    try:
        yield
    finally:
        with _COLLECTOR_LOCK:
            before = _COLLECTOR_RUNS.pop()
            if not _COLLECTOR_RUNS:
                gc.set_threshold(*before)


def collect_less_often() -> None:
    """Young collections every YOUNG_COLLECTION_EVERY allocations for the rest of this process's life (a
    spawned worker's initializer; the older generations keep their settings)."""
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


def limit_blas_threads() -> None:
    """BLAS on one thread for the rest of this process's life (a worker's initializer)."""
    _blas_limit()


def _blas_limit() -> threadpool_limits:
    import numpy  # noqa: F401  - each loads a BLAS of its own, and only a BLAS already loaded is limited
    import scipy.linalg  # noqa: F401

    return threadpool_limits(limits=1, user_api="blas")


def can_fork() -> bool:
    """Whether workers are forked (and so share the parent's data): the same rule as `worker_context`."""
    return worker_context().get_start_method() == "fork"


def forked_pool(processes: int, initializer: Callable[[], None] | None = None) -> multiprocessing.pool.Pool:
    """A pool of `processes` workers (forked where `worker_context` forks) that leave the parent's objects
    to the parent's garbage collector.

    The objects alive at the fork are frozen for it (gc.freeze, then unfrozen here once the workers are
    started): a worker's collections then never walk them. Walking them writes to every one of them, so
    a forked worker would copy the pages of everything it inherited (at the end of a large corpus, the
    coordinator's hundreds of MB) and spend its collections on objects it never frees. Unfreezing puts
    them in the parent's oldest generation. Only this function's own freeze is undone: where workers are
    spawned, or where something else in the process has frozen objects (the dashboard's server may),
    nothing is frozen or unfrozen.
    """
    freeze = can_fork() and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        return worker_context().Pool(processes, initializer=initializer)
    finally:
        if freeze:
            gc.unfreeze()


def _run(item: Any) -> Any:
    return _TASK[0](item, _SHARED)


def shared_imap(func: Callable[[_Item, Mapping[str, Any]], _Result], items: Sequence[_Item],
                shared: Mapping[str, Any], jobs: int = 1) -> Iterator[_Result]:
    """func(item, shared) for each item, yielded in order as they are done; with jobs > 1 in forked
    workers. At most 2 x jobs items are under way or waiting to be taken, so a caller that writes each
    result away never holds more than those (however long one item takes)."""
    if jobs <= 1 or len(items) < 2 or not can_fork():
        for item in items:
            yield func(item, shared)
        return
    _SHARED.clear()
    _SHARED.update(shared)
    _TASK[:] = [func]
    workers = min(jobs, len(items))
    pool = None
    try:
        pool = forked_pool(workers)
        waiting = iter(items)
        under_way = deque(pool.apply_async(_run, (item,)) for item in islice(waiting, 2 * workers))
        while under_way:
            result = under_way.popleft().get()
            under_way.extend(pool.apply_async(_run, (item,)) for item in islice(waiting, 1))
            yield result
    finally:
        if pool is not None:  # not the pool's own __exit__: its terminate may hang when a worker failed (end_pool)
            end_pool(pool)
        _SHARED.clear()
        _TASK.clear()


def shared_map(func: Callable[[_Item, Mapping[str, Any]], _Result], items: Sequence[_Item], shared: Mapping[str, Any],
               jobs: int = 1) -> list[_Result]:
    """[func(item, shared) for item in items], in order; with jobs > 1 in forked workers."""
    return list(shared_imap(func, items, shared, jobs))


_CHILD_MAIN = ("import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
               "func, args = pickle.load(sys.stdin.buffer); func(*args)")


def call_in_child(func: Callable[..., object], *args: object) -> bool:
    """func(*args) in a new Python process, so that the memory it needs is neither added to this one's nor
    counted with it; True when it succeeded (a failure prints its traceback there and returns False).

    The child is a fresh interpreter, not a fork: a forked child shares this process's pages, and every
    page either side then writes is copied (at the end of 100,000 articles, preparing the dashboard in a
    forked child showed 1.10 GB of RSS, 0.80 GB of it its own). Nor is it multiprocessing's "spawn", which
    runs the caller's main script again in the child (all of it, in a script without a __main__ guard).
    `func` must be importable (a module-level function) and `args` picklable.
    """
    payload = pickle.dumps(sys.path) + pickle.dumps((func, args))
    return subprocess.run([sys.executable, "-c", _CHILD_MAIN], input=payload, check=False).returncode == 0


def end_pool(pool: multiprocessing.pool.Pool, grace: float = 10.0) -> None:
    """pool.terminate(), given `grace` seconds. A worker ended while it writes a result keeps the results
    queue's lock, and CPython's terminate then waits forever for the pool's task thread, which waits for that
    lock (seen when a run fails mid-stream). terminate ends the workers before that wait, so when it hangs
    they are gone already: it is left behind in a daemon thread and the failure goes on."""
    ender = threading.Thread(target=pool.terminate, name="end-pool", daemon=True)
    ender.start()
    ender.join(grace)
