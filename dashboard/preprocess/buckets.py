"""Staged statements regrouped on disk by event, for the claims of a streamed corpus.

    pledges and pledge_actors parts (article order) -> Parquet files per range of events -> claims

Once the events are known, the parts are read one at a time (in each of the workers, a consecutive range
of parts each) and each row is appended to the bucket of its event (the worker's file of it), so the
claims of 100,000 articles read one bucket per task instead of holding every statement (two million rows
and more) in the coordinator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.preprocess.claims import EVENT_COLUMN, event_batches, pledge_events
from dashboard.preprocess.parallel import shared_map

BUCKET_ROWS = 50_000  # pledges rows per bucket, about (tens of MB of frames; records: claims.CLAIM_ROWS at a time)
MAX_BUCKETS = 200  # more rows per bucket above BUCKET_ROWS x MAX_BUCKETS: two files open per bucket and job
TABLES = ("pledges", "pledge_actors")


@dataclass(frozen=True, slots=True)
class StatementBuckets:
    """StatementBatches over Parquet files in `folder`, one per range of event numbers and writer."""

    folder: Path
    bounds: tuple[tuple[int, int], ...]  # the event numbers (first, stop) of each bucket
    writers: int  # each bucket is this many files, one per range of parts (in part order)

    def batches(self, jobs: int) -> list[tuple[int, int]]:
        """One task per bucket (their number was chosen for the jobs when they were written)."""
        return list(self.bounds)

    def frames(self, bounds: tuple[int, int]) -> dict[str, pd.DataFrame]:
        k = self.bounds.index(tuple(bounds))
        return {name: _in_event_order(pa.concat_tables(
            [pq.read_table(bucket_path(self.folder, name, k, w)) for w in range(self.writers)]).to_pandas())
            for name in TABLES}


def bucket_path(folder: Path, name: str, k: int, writer: int) -> Path:
    return folder / f"{name}-{k:05d}-{writer:02d}.parquet"


def _in_event_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by event number, in their staged order within an event (as EventRows orders them)."""
    order = np.argsort(frame[EVENT_COLUMN].to_numpy(), kind="stable")
    return frame.take(order).reset_index(drop=True)


def _rows_per_event(span: tuple[int, int], shared: Mapping) -> np.ndarray:
    """How many pledges rows of the parts span[0] .. span[1] - 1 each event has."""
    counts = np.zeros(shared["events"], dtype=np.int64)
    for pledges_path, _actors_path in shared["parts"][span[0] : span[1]]:
        numbers = pq.read_table(pledges_path, columns=["article_id"]).column(0).to_pandas().map(shared["article_event"])
        counts += np.bincount(numbers.dropna().to_numpy(dtype=np.int64), minlength=shared["events"])
    return counts


def _with_events(table: pa.Table, numbers: pd.Series) -> tuple[pa.Table, np.ndarray]:
    """The rows of some event, with their event number as EVENT_COLUMN, and those numbers."""
    values = numbers.to_numpy(dtype=float, na_value=np.nan)
    keep = np.flatnonzero(~np.isnan(values))
    found = values[keep].astype(np.int64)
    return table.take(pa.array(keep)).append_column(EVENT_COLUMN, pa.array(found, type=pa.int64())), found


def _append_by_bucket(table: pa.Table, numbers: pd.Series, starts: np.ndarray,
                      writers: Sequence[pq.ParquetWriter]) -> None:
    """The rows of `table` with an event number appended to the bucket of their event (`starts`: the
    first event of each bucket), in their order."""
    kept, found = _with_events(table, numbers)
    bucket = np.searchsorted(starts, found, side="right") - 1
    for k in np.unique(bucket):
        writers[k].write_table(kept.take(pa.array(np.flatnonzero(bucket == k))))


def _write_buckets(task: tuple[int, tuple[int, int]], shared: Mapping) -> None:
    """Writer `task[0]`'s file of every bucket: the rows of the parts task[1][0] .. task[1][1] - 1."""
    writer, (first, stop) = task
    schemas, starts, folder = shared["schemas"], shared["starts"], shared["folder"]
    with ExitStack() as stack:
        writers = {name: [stack.enter_context(pq.ParquetWriter(
            bucket_path(folder, name, k, writer), schemas[name].append(pa.field(EVENT_COLUMN, pa.int64()))))
            for k in range(len(starts))] for name in TABLES}
        for pledges_path, actors_path in shared["parts"][first:stop]:
            pledges = pq.read_table(pledges_path, columns=schemas["pledges"].names)
            actors = pq.read_table(actors_path, columns=schemas["pledge_actors"].names)
            by_row, by_pledge = pledge_events(pledges.select(["article_id", "pledge_id"]).to_pandas(),
                                              shared["article_event"])
            _append_by_bucket(pledges, by_row, starts, writers["pledges"])
            _append_by_bucket(actors, actors.column("pledge_id").to_pandas().map(by_pledge), starts,
                              writers["pledge_actors"])


def _spans(n: int, pieces: int) -> list[tuple[int, int]]:
    """0 .. n - 1 cut into at most `pieces` consecutive ranges (first, stop) of near equal size."""
    cuts = np.linspace(0, n, min(max(1, pieces), max(1, n)) + 1).round().astype(int).tolist()
    return list(pairwise(cuts))


def bucket_statements(parts: Sequence[tuple[Path, Path]], article_event: pd.Series, events: int,
                      schemas: Mapping[str, pa.Schema], folder: Path, jobs: int = 1) -> StatementBuckets:
    """The staged (pledges, pledge_actors) parts regrouped into buckets of whole events in `folder`.

    `article_event` numbers each article's event (0 .. events - 1); `schemas` are the columns to keep of
    each table. Rows of no event are left out; within a bucket rows keep their staged order. A part pair
    holds whole articles (CorpusWriter writes whole batches of articles), so each pledge_actors row finds its
    pledge, and so its event, in the pledges part beside it. The parts are read in `jobs` processes, each
    a consecutive range of them, writing a file of each bucket of its own.
    """
    folder.mkdir(parents=True, exist_ok=True)
    spans = _spans(len(parts), jobs)
    shared = {"parts": parts, "article_event": article_event, "events": events}
    counts = sum(shared_map(_rows_per_event, spans, shared, jobs), np.zeros(events, dtype=np.int64))
    size = max(BUCKET_ROWS, int(counts.sum()) // MAX_BUCKETS + 1)
    bounds = tuple(event_batches(np.repeat(np.arange(events), counts), jobs, size))
    starts = np.array([first for first, _stop in bounds], dtype=np.int64)
    shared_map(_write_buckets, list(enumerate(spans)),
               {**shared, "schemas": schemas, "starts": starts, "folder": folder}, jobs)
    return StatementBuckets(folder, bounds, len(spans))
