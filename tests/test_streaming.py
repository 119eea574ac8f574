"""The streamed write (parts on disk, then whole tables): the same tables however they are cut, and a run
that fails anywhere leaves the previous tables as they were, no staging folder and no worker process."""

from __future__ import annotations

import errno
import multiprocessing
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from dashboard.preprocess import tables
from dashboard.preprocess.pipeline import build_corpus
from dashboard.preprocess.tables import COLUMNS, CorpusWriter

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
N_ARTICLES = 8
SMALL_PARTS = 3  # articles per part: 8 articles make 3 parts, the last one short


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and six short articles: enough for two workers and several parts."""
    folder = tmp_path_factory.mktemp("streaming") / "raw"
    shutil.copytree(RAW, folder)
    for i in range(N_ARTICLES - 2):
        (folder / f"copy{i}.txt").write_text(
            f"Russia pledged {i + 2} million doses of vaccine to ASEAN on Wednesday, the minister said.",
            encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The corpus's tables built in one part, in this process."""
    out = tmp_path_factory.mktemp("built") / "out"
    build_corpus([corpus], out)
    return out


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The corpus with what real batches hold: a record that is not JSON and one without text, an empty
    file, a page that is all cookie notices (nothing left once cleaned) and the same article twice."""
    folder = tmp_path_factory.mktemp("messy") / "raw"
    shutil.copytree(corpus, folder)
    (folder / "sub").mkdir()
    shutil.copy(folder / "copy0.txt", folder / "sub" / "copy0.txt")  # same name and text: the same article
    (folder / "records.jsonl").write_text(
        '{"text": "Viet Nam pledged rice to the Philippines on Monday, the ministry said."}\nnot json\n'
        '{"title": "no text"}\n', encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "cookies.txt").write_text("This website uses cookies. Accept\n" * 60, encoding="utf-8")
    return folder


@pytest.fixture
def previous(tmp_path: Path, built: Path) -> Path:
    """An output folder holding the tables of an earlier run."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def assert_left_as_before(out: Path, before: dict[str, bytes] | None) -> None:
    """The output is the earlier run's byte for byte (or still absent); nothing beside it; no workers."""
    if before is None:
        assert not out.exists()
    else:
        assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
    assert multiprocessing.active_children() == []


def assert_same_tables(out: Path, expected: Path) -> None:
    """Every table holds the same values (Parquet) and the same CSV bytes (Parquet's bytes depend on the
    parts it was written in)."""
    assert sorted(snapshot(out)) == sorted(snapshot(expected))
    for name in COLUMNS:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      pd.read_parquet(expected / f"{name}.parquet"), obj=name)
        assert (out / f"{name}.csv").read_bytes() == (expected / f"{name}.csv").read_bytes(), name


def disk_full_on_a_second_part(written: list[tuple[str, int]]) -> type[pcsv.CSVWriter]:
    """A CSVWriter that notes (file name, rows) of each part it is given and fails as a full disk would on
    a file's second part."""

    class FullDisk(pcsv.CSVWriter):
        def __init__(self, sink: Path, schema: pa.Schema, **kwargs: object) -> None:
            super().__init__(sink, schema, **kwargs)
            self.file_name = Path(sink).name

        def write_table(self, table: pa.Table, max_chunksize: int | None = None) -> None:
            again = any(name == self.file_name for name, _rows in written)
            written.append((self.file_name, table.num_rows))
            if again:
                raise OSError(errno.ENOSPC, "No space left on device")
            super().write_table(table, max_chunksize)

    return FullDisk


def fail_on(nth: int, error: BaseException, alive: list[int]) -> Callable[..., None]:
    """A callable that raises `error` on its nth call, noting how many worker processes were running then."""
    calls = [0]

    def call(*_args: object) -> None:
        calls[0] += 1
        if calls[0] == nth:
            alive.append(len(multiprocessing.active_children()))
            raise error

    return call


def test_parts_make_the_same_tables_as_one_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                                built: Path) -> None:
    """Articles cut into several parts (the last one short) and built by two workers: every table, Parquet
    and CSV, is the same as written from one part in this process."""
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", SMALL_PARTS)
    parts: list[int] = []
    flush = CorpusWriter._flush

    def counting_flush(self: CorpusWriter) -> None:
        parts.append(self._buffered)
        flush(self)

    monkeypatch.setattr(CorpusWriter, "_flush", counting_flush)
    out = tmp_path / "out"
    build_corpus([corpus], out, jobs=2)
    assert [n for n in parts if n] == [3, 3, 2]
    assert_same_tables(out, built)
    assert len(pd.read_parquet(out / "articles.parquet")) == N_ARTICLES


def test_a_row_batch_holds_its_articles_rows_and_drops_those_not_kept(corpus: Path) -> None:
    """A worker's batch: each table's rows are its articles' rows in order, as one Arrow table per table;
    rows of an article not kept (a second copy) go, an error has none."""
    from dashboard.preprocess.pipeline import _rows_of
    from dashboard.preprocess.readers import read_inputs
    from dashboard.preprocess.records import ReadError

    docs, _ = read_inputs([corpus])
    first, second = (_rows_of(doc) for doc in docs[:2])
    error = ReadError("broken.txt", "", "empty text")
    batch = tables.RowBatch.of([first, error, second])
    assert len(batch) == 3 and batch.outcomes == [first.summary, error, second.summary]
    for name in tables.STAGED:
        expected = {c: first.columns[name][c] + second.columns[name][c] for c in first.columns[name]}
        assert batch.tables[name].to_pydict() == expected
        rows = [len(next(iter(article.columns[name].values()))) for article in (first, second)]
        assert batch.row_counts[name] == [rows[0], 0, rows[1]]
    assert batch.row_counts["pledges"][0] > 0 and batch.row_counts["mentions"][2] > 0
    kept = batch.kept_tables([False, False, True])
    assert all(kept[name].to_pydict() == second.columns[name] for name in tables.STAGED)
    assert all(table.equals(batch.tables[name]) for name, table in batch.kept_tables([True, False, True]).items())


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_the_documents_of_each_batch(jobs: int) -> None:
    """Batches of consecutive documents (a worker sends one back at a time): progress still counts
    documents, the last call alone says all are done, and no document is lost or reordered."""
    from dashboard.preprocess.pipeline import process_batches
    from dashboard.preprocess.records import RawDocument

    docs = [RawDocument(f"a{i}.txt", "", f"Story {i}.", {}, (), False) for i in range(40)]
    calls: list[tuple[int, int]] = []
    batches = list(process_batches(iter(docs), list, jobs=jobs, total=41, progress=lambda *c: calls.append(c)))
    size = 41 // (8 * jobs)  # 8 batches a worker
    assert [doc for batch in batches for doc in batch] == docs and {len(b) for b in batches} == {size}
    assert calls == [(k, 41) for k in range(size, 40, size)] + [(40, 40)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_second_copy_in_the_same_batch_leaves_no_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        messy: Path, jobs: int) -> None:
    """An article given twice, both copies in one batch with other articles and errors (a large corpus's
    batches): the second copy is an error and none of its rows reach any table."""
    from dashboard.preprocess import pipeline

    sizes: list[int] = []
    add = CorpusWriter.add

    def recording(self: CorpusWriter, batch: tables.RowBatch, keep: Sequence[bool]) -> None:
        sizes.append(len(batch))
        add(self, batch, keep)

    monkeypatch.setattr(pipeline, "count_documents", lambda *_a, **_k: 400)  # batches of 25 or 50 documents
    monkeypatch.setattr(CorpusWriter, "add", recording)
    out = tmp_path / "out"
    build_corpus([messy], out, jobs=jobs)
    assert len(sizes) == 1 and sizes[0] > 10  # every readable document in one batch
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles["article_id"].is_unique and (articles["source_file"].str.endswith("copy0.txt")).sum() == 1
    copy = articles.loc[articles["source_file"].str.endswith("copy0.txt"), "article_id"].iloc[0]
    for name in ("sentences", "mentions", "pledges"):
        rows = pd.read_parquet(out / f"{name}.parquet")
        assert not rows.duplicated().any() and (rows["article_id"] == copy).sum() > 0
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert "the same article was given twice; kept the first" in set(errors["reason"])
    assert_same_tables(out, _built_alone(tmp_path, messy))


def _built_alone(tmp_path: Path, messy: Path) -> Path:
    """The messy corpus built with a document a batch."""
    out = tmp_path / "alone"
    build_corpus([messy], out)
    return out


@pytest.mark.parametrize("had_tables", [True, False])
@pytest.mark.parametrize("where", ["writer", "reading loop"])
def test_a_failure_mid_stream_with_workers_leaves_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path, built: Path, where: str,
        had_tables: bool) -> None:
    """The coordinator fails on the third batch, an article each here (its writer raises, or Ctrl-C while it
    reads results) while both workers run: the staging folder is removed, the workers are ended, the old tables stay."""
    out = tmp_path / "out"
    if had_tables:
        shutil.copytree(built, out)
    before = snapshot(out) if had_tables else None
    alive: list[int] = []
    progress = None
    if where == "writer":
        error: BaseException = RuntimeError("writer broke")
        add, hook = CorpusWriter.add, fail_on(3, error, alive)

        def failing_add(self: CorpusWriter, batch: tables.RowBatch, keep: Sequence[bool]) -> None:
            hook()
            add(self, batch, keep)

        monkeypatch.setattr(CorpusWriter, "add", failing_add)
    else:
        error = KeyboardInterrupt()
        progress = fail_on(3, error, alive)
    with pytest.raises(type(error)):
        build_corpus([corpus], out, jobs=2, progress=progress)
    assert alive == [2]  # the failure did come while the workers were running
    assert_left_as_before(out, before)


def test_an_unreadable_part_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                          previous: Path) -> None:
    """A part that cannot be read back (damaged on disk) names itself; no table is half-written."""
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", SMALL_PARTS)
    finish = CorpusWriter.finish
    damaged: list[str] = []

    def damage_then_finish(self: CorpusWriter, *args: object, **kwargs: object) -> dict[str, int]:
        for name in ("articles", "sentences", "pledges"):
            part = self.folder / ".parts" / f"{name}-000001.parquet"
            part.write_bytes(b"not parquet" * 10)
            damaged.append(part.name)
        return finish(self, *args, **kwargs)

    monkeypatch.setattr(CorpusWriter, "finish", damage_then_finish)
    before = snapshot(previous)
    with pytest.raises(pa.ArrowInvalid, match=r"\.parts/pledges-000001\.parquet.*corrupted"):
        build_corpus([corpus], previous)
    assert len(damaged) == 3
    assert_left_as_before(previous, before)


def test_a_part_that_goes_missing_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                                previous: Path) -> None:
    """A part read only when its table is assembled (sentences: claims do not read it) fails there."""
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", SMALL_PARTS)
    finish = CorpusWriter.finish

    def damage_then_finish(self: CorpusWriter, *args: object, **kwargs: object) -> dict[str, int]:
        (self.folder / ".parts" / "sentences-000000.parquet").write_bytes(b"")
        return finish(self, *args, **kwargs)

    monkeypatch.setattr(CorpusWriter, "finish", damage_then_finish)
    before = snapshot(previous)
    with pytest.raises(pa.ArrowInvalid, match=r"sentences-000000\.parquet"):
        build_corpus([corpus], previous)
    assert_left_as_before(previous, before)


def test_a_table_file_that_cannot_be_opened_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          corpus: Path, previous: Path) -> None:
    """The CSV file of a streamed table cannot be created (its Parquet twin is already open): the error
    names it, and neither file reaches the output."""
    finish = CorpusWriter.finish

    def block_then_finish(self: CorpusWriter, *args: object, **kwargs: object) -> dict[str, int]:
        (self.folder / "sentences.csv").mkdir()
        return finish(self, *args, **kwargs)

    monkeypatch.setattr(CorpusWriter, "finish", block_then_finish)
    before = snapshot(previous)
    with pytest.raises(OSError, match=r"sentences\.csv"):
        build_corpus([corpus], previous)
    assert_left_as_before(previous, before)


def test_a_full_disk_mid_table_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                             previous: Path) -> None:
    """The disk fills while a table's second part is written, with two workers: the error says so, the
    half-written table stays in the (removed) staging folder."""
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", SMALL_PARTS)
    written: list[tuple[str, int]] = []
    monkeypatch.setattr(tables.pcsv, "CSVWriter", disk_full_on_a_second_part(written))
    before = snapshot(previous)
    with pytest.raises(OSError, match="No space left on device"):
        build_corpus([corpus], previous, jobs=2)
    assert written[-1] == ("articles.csv", SMALL_PARTS)  # a table's first part went through, its second did not
    assert written.count(written[-1]) == 2
    assert_left_as_before(previous, before)


def test_a_failed_swap_puts_the_previous_tables_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     corpus: Path, previous: Path) -> None:
    """The old output is moved aside, then the new one cannot be moved in: the old one must return."""
    rename = Path.rename

    def failing_rename(self: Path, target: str | Path) -> Path:
        if self.name.startswith(".out.tmp-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    before = snapshot(previous)
    with pytest.raises(PermissionError):
        build_corpus([corpus], previous)
    assert_left_as_before(previous, before)


@pytest.mark.parametrize("name", ["claim_members", "claims", "errors"])
def test_a_table_written_in_parts_is_the_table_written_at_once(tmp_path: Path, built: Path, name: str) -> None:
    """Claims are written batch of events by batch: the same CSV bytes and Parquet values as Arrow writing
    all rows at once, with empty batches among them, and a header alone when no batch has rows."""
    frame = pd.read_parquet(built / f"{name}.parquet")
    assert len(frame) > 2 or name == "errors"
    once = pa.Table.from_pandas(frame, schema=tables.SCHEMAS[name], preserve_index=False)
    pcsv.write_csv(once.replace_schema_metadata(None), tmp_path / "once.csv")
    pq.write_table(once, tmp_path / "once.parquet")
    with tables.TableWriter(tmp_path, name) as writer:
        for part in (frame.iloc[:0], frame.iloc[:2], frame.iloc[:0], frame.iloc[2:]):
            writer.write(part.reset_index(drop=True))
    assert writer.rows == len(frame)
    assert (tmp_path / f"{name}.csv").read_bytes() == (tmp_path / "once.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"),
                                  pd.read_parquet(tmp_path / "once.parquet"))
    assert pq.read_schema(tmp_path / f"{name}.parquet").metadata == pq.read_schema(tmp_path / "once.parquet").metadata


def test_a_table_failing_on_its_second_part_closes_both_files(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The error comes through, and both files end with the first part (the Parquet file closed: readable)."""
    written: list[tuple[str, int]] = []
    monkeypatch.setattr(tables.pcsv, "CSVWriter", disk_full_on_a_second_part(written))
    first = pd.DataFrame({"source_file": ["a.txt", "b.jsonl"], "record": ["", "line 2"], "reason": ["x", "y"]})
    second = pd.DataFrame({"source_file": ["c.txt"], "record": [""], "reason": ["z"]})
    with pytest.raises(OSError, match="No space left on device"), tables.TableWriter(tmp_path, "errors") as writer:
        writer.write(first)
        writer.write(second)
    assert written == [("errors.csv", 2), ("errors.csv", 1)]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "errors.parquet"), first)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "errors.csv", dtype=str, keep_default_na=False), first)


def test_a_table_with_no_parts_has_its_header_alone(tmp_path: Path) -> None:
    with tables.TableWriter(tmp_path, "discrepancies") as writer:
        writer.write(pd.DataFrame(columns=COLUMNS["discrepancies"]))
    assert (tmp_path / "discrepancies.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(f'"{column}"' for column in COLUMNS["discrepancies"])]
    assert list(pd.read_parquet(tmp_path / "discrepancies.parquet").columns) == COLUMNS["discrepancies"]


def test_a_failure_while_claims_are_worked_out_leaves_the_previous_tables(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous: Path) -> None:
    """A claims worker fails while the others run (synthetic meetings, one bucket per event, so the pool
    is used): the error comes through, no worker is left and the old tables stay."""
    from dashboard.preprocess import buckets, claims
    from dashboard.synthetic import write_corpus

    corpus = write_corpus(tmp_path / "meetings", 12)

    def one_event_per_bucket(events: np.ndarray, _jobs: int, _size: int) -> list[tuple[int, int]]:
        return [(int(e), int(e) + 1) for e in np.unique(events)]

    batches: list[int] = []
    statement_buckets = CorpusWriter._statement_buckets

    def counted(self: CorpusWriter, *args: object) -> buckets.StatementBuckets:
        found = statement_buckets(self, *args)
        batches.append(len(found.bounds))
        return found

    def broken(bounds: tuple[int, int], _shared: object) -> None:
        raise RuntimeError(f"claims broke on events {bounds}")

    monkeypatch.setattr(buckets, "event_batches", one_event_per_bucket)
    monkeypatch.setattr(CorpusWriter, "_statement_buckets", counted)
    monkeypatch.setattr(claims, "_claims_of_events", broken)
    before = snapshot(previous)
    with pytest.raises(RuntimeError, match="claims broke on events"):
        build_corpus([corpus], previous, jobs=2)
    assert batches and batches[0] >= 3
    assert_left_as_before(previous, before)


def test_the_coordinator_reads_files_as_articles_are_processed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               corpus: Path) -> None:
    """The articles are not read up front (an archive would be held whole): when the first article is
    processed, only its batch's files have been read (a batch holds one document here: 8 // 8)."""
    from dashboard.preprocess import pipeline, readers

    opened: list[str] = []
    read, rows_of = readers.read_file, pipeline._rows_of
    monkeypatch.setattr(readers, "read_file", lambda path, **kw: opened.append(path.name) or read(path, **kw))
    read_before: list[int] = []
    monkeypatch.setattr(pipeline, "_rows_of", lambda doc: read_before.append(len(opened)) or rows_of(doc))
    run = build_corpus([corpus], tmp_path / "out")
    assert read_before[:2] == [1, 2] and len(opened) == N_ARTICLES == run["counts"]["articles"]


def test_5grams_sampled_by_the_coordinator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messy: Path) -> None:
    """Workers send every 5-gram hash; once the corpus's length is known the coordinator keeps one in
    claims.shingle_step of the length of all texts read (those skipped later included, as when they were
    read up front), the same with parts and two workers as in one."""
    from dashboard.preprocess import claims
    from dashboard.preprocess.readers import read_inputs

    monkeypatch.setattr(claims, "MAX_SHINGLES", 200)
    docs = read_inputs([messy])[0]
    step = claims.shingle_step(sum(len(doc.text) for doc in docs))
    kept = [doc for doc in docs if "cookies" not in doc.source_file and "sub" not in Path(doc.source_file).parts]
    assert step > 1 and step != claims.shingle_step(sum(len(doc.text) for doc in kept))
    seen: list[tuple[int, list[np.ndarray]]] = []
    find_duplicates = claims.find_duplicates

    def recording(profiles: list, vocab: object, features: claims.Features) -> dict[str, str]:
        seen.append((features.shingle_step, list(features.shingles)))
        return find_duplicates(profiles, vocab, features)

    monkeypatch.setattr(claims, "find_duplicates", recording)
    build_corpus([messy], tmp_path / "one")
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", SMALL_PARTS)
    build_corpus([messy], tmp_path / "parts", jobs=2)
    (one_step, one), (parts_step, parts) = seen
    assert one_step == parts_step == step
    assert len(one) == len(kept) and all(np.array_equal(a, b) for a, b in zip(one, parts, strict=True))
    assert sum(map(len, one)) > 0 and all((x % step == 0).all() for x in one)
    assert_same_tables(tmp_path / "parts", tmp_path / "one")


@pytest.mark.parametrize("jobs", [1, 2])
def test_errors_keep_their_order_and_are_reported_from_the_calling_thread(tmp_path: Path, messy: Path,
                                                                          jobs: int) -> None:
    """The errors table lists what could not be found, then what could not be read (in file order), then
    what could not be processed, however many workers read; each is reported once, from this thread."""
    import threading

    reported: list[tuple[str, str, str, bool]] = []

    def on_error(error: object) -> None:
        reported.append((Path(error.source_file).name, error.record, error.reason,
                         threading.current_thread() is threading.main_thread()))

    out = tmp_path / "out"
    build_corpus([messy, messy / "missing.txt"], out, jobs=jobs, on_error=on_error)
    table = pd.read_csv(out / "errors.csv", keep_default_na=False)
    rows = [(Path(f).name, r, why) for f, r, why in zip(table["source_file"], table["record"], table["reason"],
                                                         strict=True)]
    assert rows == [
        ("missing.txt", "", "no such file or folder"),
        ("empty.txt", "", "empty file"),
        ("records.jsonl", "line 2", rows[2][2]),
        ("records.jsonl", "line 3", rows[3][2]),
        ("cookies.txt", "", "no article text left after removing boilerplate"),
        ("copy0.txt", "", "the same article was given twice; kept the first"),
    ]
    assert rows[2][2].startswith("not valid JSON") and rows[3][2].startswith("no text")
    assert sorted(r[:3] for r in reported) == sorted(rows) and all(r[3] for r in reported)


class ReaderBroke(Exception):
    """An exception that cannot be rebuilt from its pickle (two arguments), as some libraries' are: the
    pool used to send it to a worker to re-raise, which failed there, and the run waited forever."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path.name}: {why}")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failure_while_reading_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path,
                                               previous: Path, jobs: int) -> None:
    """Reading fails unexpectedly half-way (with workers, in the thread that feeds them): the run stops with
    that error instead of waiting for documents that will never come, and leaves the old tables."""
    from dashboard.preprocess import readers

    read = readers.read_file

    def failing(path: Path, **kwargs: object) -> list:
        if path.name == "copy3.txt":
            raise ReaderBroke(path, "the disk went away")
        return read(path, **kwargs)

    monkeypatch.setattr(readers, "read_file", failing)
    before = snapshot(previous)
    with pytest.raises(ReaderBroke, match=r"copy3\.txt: the disk went away"):
        build_corpus([corpus], previous, jobs=jobs)
    assert_left_as_before(previous, before)


def test_entity_rows_of_gazetteer_entries_are_made_once_per_process() -> None:
    """Every article lists its entities' rows: a gazetteer entry's row is made once and shared, the same
    row as made afresh; a bloc's (members as of today), a person found in one article, or another entry
    under a gazetteer id get their own."""
    from dataclasses import replace

    from dashboard.preprocess.gazetteer import Entry
    from dashboard.preprocess.pipeline import load_resources

    res = replace(load_resources())
    assert res.entity_rows == {}  # a copy's own
    russia, asean = res.gazetteer.get("country:RUS"), res.gazetteer.get("bloc:asean")
    person = Entry(entity_id="person:retno-marsudi", name="Retno Marsudi", type="person", iso3="IDN",
                   aliases=("Retno Marsudi",), exact=("Marsudi",))
    impostor = replace(russia, name="Not Russia")
    first = tables.entity_rows([russia, asean, person], res)
    again = tables.entity_rows([asean, russia, person, impostor], res)
    assert first == [tables._entity_row(russia, ()), tables._entity_row(asean, res.gazetteer.members_on("bloc:asean")),
                     tables._entity_row(person, ())]
    assert "IDN" in first[1]["members"].split("|")
    assert again[1] is first[0] and set(res.entity_rows) == {"country:RUS"}
    assert again[0] == first[1] and again[0] is not first[1]  # a bloc's members are as of the day asked
    assert again[2] == first[2] and again[2] is not first[2]
    assert again[3]["name"] == "Not Russia"
