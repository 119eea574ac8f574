"""Statements regrouped on disk by event must give the claims exactly the rows the in-memory path gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.preprocess import buckets
from dashboard.preprocess.buckets import StatementBuckets, bucket_statements
from dashboard.preprocess.claims import CorpusEvents, event_numbers, statements_by_event
from dashboard.preprocess.pipeline import build_corpus
from dashboard.synthetic import write_corpus

PLEDGE_COLUMNS = ["pledge_id", "statement_id", "article_id", "sentence_id", "category", "kind", "quote"]
ACTOR_COLUMNS = ["pledge_id", "entity_id", "role"]


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    root = tmp_path_factory.mktemp("buckets")
    write_corpus(root / "raw", 30)
    build_corpus([root / "raw"], root / "out")
    return {name: pd.read_parquet(root / "out" / f"{name}.parquet")
            for name in ("articles", "events", "pledges", "pledge_actors")}


def _events(tables: dict[str, pd.DataFrame], leave_out: frozenset[str] = frozenset()) -> CorpusEvents:
    """The corpus's events, with the articles in `leave_out` in none (their rows must be dropped)."""
    articles = tables["articles"]
    event_of = {a: e for a, e in zip(articles["article_id"], articles["event_id"], strict=True) if a not in leave_out}
    return CorpusEvents({}, tables["events"].to_dict("records"), event_of)


def _parts(tables: dict[str, pd.DataFrame], folder: Path, size: int) -> list[tuple[Path, Path]]:
    """The pledges and pledge_actors tables as staged parts of `size` articles each."""
    folder.mkdir()
    ids = tables["articles"]["article_id"].tolist()
    parts = []
    for k in range(0, len(ids), size):
        chunk = set(ids[k : k + size])
        pledges = tables["pledges"][tables["pledges"]["article_id"].isin(chunk)]
        actors = tables["pledge_actors"][tables["pledge_actors"]["pledge_id"].isin(pledges["pledge_id"])]
        paths = (folder / f"pledges-{k:04d}.parquet", folder / f"pledge_actors-{k:04d}.parquet")
        pq.write_table(pa.Table.from_pandas(pledges[PLEDGE_COLUMNS], preserve_index=False), paths[0])
        pq.write_table(pa.Table.from_pandas(actors[ACTOR_COLUMNS], preserve_index=False), paths[1])
        parts.append(paths)
    return parts


def _bucketed(tables: dict[str, pd.DataFrame], folder: Path, events: CorpusEvents, jobs: int = 1) -> StatementBuckets:
    parts = _parts(tables, folder / "parts", size=7)
    schemas = {"pledges": pq.read_schema(parts[0][0]), "pledge_actors": pq.read_schema(parts[0][1])}
    return bucket_statements(parts, event_numbers(events), len(events.event_rows), schemas, folder / "buckets", jobs)


@pytest.mark.parametrize(("rows", "jobs"), [(40, 1), (10**6, 1), (40, 2), (40, 3)])
def test_each_bucket_holds_the_rows_the_in_memory_path_slices(tables: dict[str, pd.DataFrame], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, rows: int,
                                                              jobs: int) -> None:
    """Also with the parts read by several workers, each writing a file of every bucket."""
    monkeypatch.setattr(buckets, "BUCKET_ROWS", rows)
    events = _events(tables)
    on_disk = _bucketed(tables, tmp_path, events, jobs=jobs)
    assert on_disk.writers == jobs
    assert len(list(on_disk.folder.glob("pledges-*.parquet"))) == len(on_disk.bounds) * jobs
    in_memory = statements_by_event(events, tables["pledges"][PLEDGE_COLUMNS],
                                    tables["pledge_actors"][ACTOR_COLUMNS], None, None)
    assert len(on_disk.batches(1)) >= (2 if rows == 40 else 1)
    seen = 0
    for bounds in on_disk.batches(1):
        got, expected = on_disk.frames(bounds), in_memory.frames(bounds)
        for name in ("pledges", "pledge_actors"):
            pd.testing.assert_frame_equal(got[name], expected[name])
        seen += len(got["pledges"])
        largest_event = got["pledges"]["_event"].value_counts().max()
        assert len(got["pledges"]) <= max(200, rows) + largest_event  # whole events, about `rows` rows
    assert seen == len(tables["pledges"])


def test_rows_of_articles_in_no_event_are_left_out(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    dropped = tables["pledges"]["article_id"].iloc[0]
    on_disk = _bucketed(tables, tmp_path, _events(tables, frozenset({dropped})))
    frames = [on_disk.frames(bounds) for bounds in on_disk.batches(1)]
    pledges = pd.concat([f["pledges"] for f in frames])
    actors = pd.concat([f["pledge_actors"] for f in frames])
    assert dropped not in set(pledges["article_id"])
    assert len(pledges) == (tables["pledges"]["article_id"] != dropped).sum()
    assert set(actors["pledge_id"]) <= set(pledges["pledge_id"])
    assert len(actors) == tables["pledge_actors"]["pledge_id"].isin(pledges["pledge_id"]).sum()
