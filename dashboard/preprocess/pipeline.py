"""The preprocessing pipeline: the one place that knows the order of the steps.

    read -> clean -> split sentences -> find mentions -> classify statements -> attribute actors
         -> table rows and claim features -> (parts on disk) -> group claims across sources -> write atomically

Vocabularies and the spaCy tokenizer are built once per process (`Resources`); articles are processed
one by one, up to their table rows, in worker processes with --jobs, and sent back in batches of
consecutive articles (tables.RowBatch); the coordinator only appends the rows to Parquet parts, then
works out the claims and writes the final tables (tables.CorpusWriter).
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import multiprocessing
import multiprocessing.pool
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from dashboard.preprocess import PIPELINE_VERSION
from dashboard.preprocess.actors import ActorRules, attribute_actors, load_actor_rules
from dashboard.preprocess.claims import load_claim_vocab, shingle_step
from dashboard.preprocess.clean import PlaceNames, clean_document
from dashboard.preprocess.entities import EntityIndex, build_entity_index, find_mentions
from dashboard.preprocess.gazetteer import Entry, Gazetteer, load_gazetteer
from dashboard.preprocess.parallel import (
    call_in_child,
    collect_less_often,
    end_pool,
    fewer_collections,
    forked_pool,
    limit_blas_threads,
    one_blas_thread,
)
from dashboard.preprocess.readers import (
    DEFAULT_MAX_BYTES,
    count_documents,
    discover_files,
    iter_documents,
    read_metadata_sidecar,
)
from dashboard.preprocess.records import COLUMNS, Article, Mention, RawDocument, ReadError, Sentence, Statement
from dashboard.preprocess.sentences import SentenceRules, load_sentence_rules, split_sentences
from dashboard.preprocess.statements import classify_statements
from dashboard.preprocess.stories import without_other_stories
from dashboard.preprocess.taxonomy import Taxonomy, load_taxonomy
from dashboard.preprocess.textutil import collapse_spaces, strip_accents

if TYPE_CHECKING:
    from dashboard.preprocess.tables import ArticleRows, ArticleSummary, RowBatch

Progress = Callable[[int, int], None]
_Batch = TypeVar("_Batch", bound=Sized)


class _End(enum.Enum):
    """The end of an iterator (a typed sentinel: a None batch still fails loudly)."""

    END = 0


BATCH_DOCUMENTS = 64  # documents a batch at most: fewer in a small corpus, so that each worker gets 8 batches


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the per-article steps need, built once per process."""

    gazetteer: Gazetteer
    index: EntityIndex
    taxonomy: Taxonomy
    sentence_rules: SentenceRules
    actor_rules: ActorRules
    places: PlaceNames  # folded alias -> canonical name (by first character), for datelines
    types_by_entity: dict[str, str]
    # gazetteer entries' entities-table rows once made (tables.entity_rows); a copied Resources starts empty
    entity_rows: dict[str, dict] = field(default_factory=dict, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The records one article yields."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    statements: tuple[Statement, ...]
    people: dict[str, Entry] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """Gazetteer, matchers and rules (cached per process)."""
    gazetteer = load_gazetteer()
    places = PlaceNames.of({
        strip_accents(name).lower(): entry.name
        for entry in gazetteer.entries
        if entry.type in {"place", "country"}
        for name in (entry.name, *entry.aliases)
    })
    return Resources(
        gazetteer=gazetteer,
        index=build_entity_index(gazetteer),
        taxonomy=load_taxonomy(),
        sentence_rules=load_sentence_rules(),
        actor_rules=load_actor_rules(),
        places=places,
        types_by_entity={e.entity_id: e.type for e in gazetteer.entries},
    )


def vocab_version() -> str:
    """Hash of every vocabulary file shipped with the package: changing one makes corpora stale."""
    digest = hashlib.blake2b(digest_size=6)
    folder = resources.files("dashboard") / "vocab"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".toml", ".csv", ".tsv")):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()


def clean_step(doc: RawDocument, res: Resources) -> Article:
    article = clean_document(doc, res.places)
    return replace(article, text=collapse_spaces(article.text))


def process_document(doc: RawDocument, res: Resources | None = None) -> ArticleResult:
    """Run every per-article step on one document."""
    res = res or load_resources()
    article = clean_step(doc, res)
    sentences = split_sentences(article, res.sentence_rules)
    mentions, people = find_mentions(article, sentences, res.index)
    types = res.types_by_entity if not people else {**res.types_by_entity, **{k: v.type for k, v in people.items()}}
    one_story = without_other_stories(article, mentions, types)
    if one_story is not None:  # a briefing's other answers or a page's other stories removed: found again
        article = one_story
        sentences = split_sentences(article, res.sentence_rules)
        mentions, people = find_mentions(article, sentences, res.index)
        types = res.types_by_entity if not people else {**res.types_by_entity,
                                                        **{k: v.type for k, v in people.items()}}
    statements = classify_statements(article, sentences, mentions, res.taxonomy, types, res.sentence_rules)
    statements = attribute_actors(article, sentences, mentions, statements, res.index, people, res.actor_rules)
    return ArticleResult(article, tuple(sentences), tuple(mentions), tuple(statements), people)


def _safe_process(doc: RawDocument) -> ArticleResult | ReadError:
    """One document; an unexpected failure becomes an error row instead of stopping the batch."""
    try:
        result = process_document(doc)
    except Exception as exc:
        return ReadError(doc.source_file, doc.record, f"processing failed: {type(exc).__name__}: {exc}")
    if not result.article.text.strip():
        return ReadError(doc.source_file, doc.record, "no article text left after removing boilerplate")
    return result


def _rows_of(doc: RawDocument) -> ArticleRows | ReadError:
    """One document up to its table rows and claim features (its 5-grams are sampled by the coordinator,
    once the corpus's length is known)."""
    from dashboard.preprocess.tables import article_rows

    result = _safe_process(doc)
    if isinstance(result, ReadError):
        return result
    try:
        return article_rows(result, load_resources(), load_claim_vocab())
    except Exception as exc:
        return ReadError(doc.source_file, doc.record, f"processing failed: {type(exc).__name__}: {exc}")


def _rows_of_batch(docs: list[RawDocument]) -> RowBatch:
    """Consecutive documents up to their table rows: what a worker sends back (see tables.RowBatch)."""
    from dashboard.preprocess.tables import RowBatch

    return RowBatch.of([_rows_of(doc) for doc in docs])


def _worker_init() -> None:
    limit_blas_threads()  # forked workers inherit it already; spawned ones start with a thread per core
    collect_less_often()  # likewise
    load_resources()
    load_claim_vocab()


def process_batches(docs: Iterable[RawDocument], step: Callable[[list[RawDocument]], _Batch], *, total: int,
                    jobs: int = 1, progress: Progress | None = None,
                    pool: multiprocessing.pool.Pool | None = None) -> Iterator[_Batch]:
    """`step` of each batch of consecutive documents, in input order; with jobs > 1 in worker processes
    (`pool`, or new ones), a batch per task: a worker sends back one result per batch, which the step can
    make compact. `total` is the number of documents, or an estimate of it: progress counts documents and
    ends at the number done."""
    in_workers = jobs > 1 and total >= 2 * jobs
    size = max(1, min(BATCH_DOCUMENTS, total // (8 * (jobs if in_workers else 1))))  # 8 tasks a worker at least
    if not in_workers:
        yield from _reported(map(step, _batched(docs, size)), progress, total)
        return
    with contextlib.nullcontext(pool) if pool is not None else start_workers(jobs) as workers:
        yield from _reported(workers.imap(step, _batched(docs, size)), progress, total)


def _batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def _reported(results: Iterator[_Batch], progress: Progress | None, total: int) -> Iterator[_Batch]:
    """The batches, calling progress(documents done, total) after each. `total` may be an estimate: a batch
    is looked ahead, so that the last call alone is (n, n) and no earlier one reaches its total."""
    results = iter(results)
    result: _Batch | Literal[_End.END] = next(results, _End.END)
    done = 0
    while result is not _End.END:
        following = next(results, _End.END)
        yield result
        done += len(result)
        if progress:
            progress(done, done if following is _End.END else max(total, done + 1))
        result = following


def start_workers(jobs: int) -> multiprocessing.pool.Pool:
    """`jobs` worker processes, each with its resources (forked on Linux: they inherit them; see parallel)."""
    return forked_pool(jobs, initializer=_worker_init)


@dataclass
class DocumentStream:
    """The documents of the input files, read one file at a time as they are asked for (a corpus is never
    held whole), keeping what the run needs of those already read: the read errors, and the length of
    every text (which sets claims.shingle_step once all are read).

    With workers it is read in the pool's feeder thread, so it only gathers: the main thread reports the
    errors (`unreported`) and re-raises a failure of the reading itself (`check`); the feeder thread must
    not die of it, or the pool would wait for documents forever. `errors` and `chars` are complete once
    the iteration has ended.
    """

    documents: Iterator[RawDocument | ReadError]
    errors: list[ReadError] = field(default_factory=list)
    chars: int = 0
    failure: BaseException | None = None
    _reported: int = 0

    def __iter__(self) -> Iterator[RawDocument]:
        try:
            for item in self.documents:
                if isinstance(item, ReadError):
                    self.errors.append(item)
                    continue
                self.chars += len(item.text)
                yield item
        except GeneratorExit:
            raise
        except BaseException as exc:  # stops the documents here; `check` raises it where it can be handled
            self.failure = exc

    def unreported(self) -> list[ReadError]:
        """The read errors not handed out yet, in the order read."""
        new = self.errors[self._reported :]
        self._reported += len(new)
        return new

    def check(self) -> None:
        """Raise what stopped the reading, if anything did."""
        if self.failure is not None:
            raise self.failure


def input_fingerprint(inputs: Sequence[str | Path], metadata: Path | None = None) -> str:
    """Hash of the input files' names and bytes (and the metadata sidecar): equal inputs, equal hash."""
    files, _errors = discover_files(inputs)
    digest = hashlib.blake2b(digest_size=10)
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        digest.update(path.name.encode())
        try:
            digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
        except OSError:
            digest.update(b"unreadable")
    if metadata is not None and Path(metadata).exists():
        digest.update(Path(metadata).read_bytes())
    return digest.hexdigest()


def build_corpus(
    inputs: Sequence[str | Path],
    out_dir: Path,
    *,
    metadata: Path | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    prepare_dashboard: bool = False,
) -> dict:
    """Read, process and write every table of a corpus into `out_dir` (atomically); return run.json.

    The files are read one at a time as the articles are processed. `on_error` is called from the calling
    thread for each skipped file or record as it is found (read errors before the processing error of a
    later article); the errors table lists them all, read errors first.

    With `prepare_dashboard` (the command line), the dashboard's lookups and search index are built beside
    the tables too, in a child process of their own; the dashboard itself leaves it off (its server starts
    no such process) and builds them when it loads the corpus.
    """
    with one_blas_thread(), fewer_collections():
        return _build_corpus(inputs, out_dir, metadata=metadata, jobs=jobs, max_bytes=max_bytes, progress=progress,
                             on_error=on_error, prepare_dashboard=prepare_dashboard)


def _build_corpus(inputs: Sequence[str | Path], out_dir: Path, *, metadata: Path | None, jobs: int, max_bytes: int,
                  progress: Progress | None, on_error: Callable[[ReadError], None] | None,
                  prepare_dashboard: bool) -> dict:
    from dashboard.preprocess.tables import CorpusWriter, staged_folder, write_run

    res, vocab = load_resources(), load_claim_vocab()  # before the workers fork: they inherit both
    workers = start_workers(jobs) if jobs > 1 else None  # started before the articles are read: no copy of them
    try:
        files, errors = discover_files(inputs)
        if on_error:
            for error in errors:
                on_error(error)
        sidecar = read_metadata_sidecar(metadata) if metadata else {}
        stream = DocumentStream(iter_documents(files, sidecar=sidecar, max_bytes=max_bytes))
        processing_errors: list[ReadError] = []
        warnings: list[str] = []
        seen_ids: set[str] = set()
        run = {
            "pipeline_version": PIPELINE_VERSION,
            "vocab_version": vocab_version(),
            "taxonomy_version": res.taxonomy.version,
            "input_fingerprint": input_fingerprint(inputs, metadata),
            "inputs": [str(p) for p in inputs],
            "jobs": jobs,
        }

        def report(found: Sequence[ReadError]) -> None:
            if on_error:
                for error in found:
                    on_error(error)

        with staged_folder(out_dir) as staging:
            writer = CorpusWriter(staging, res, vocab)
            batches = process_batches(stream, _rows_of_batch, jobs=max(1, jobs), progress=progress,
                                      total=count_documents(files, max_bytes=max_bytes), pool=workers)
            for batch in batches:
                stream.check()
                report(stream.unreported())  # read errors as they are found, from this thread
                keep, found = _vetted(batch.outcomes, seen_ids, warnings)
                processing_errors += found
                report(found)
                writer.add(batch, keep)
            stream.check()
            report(stream.unreported())
            if workers is not None:  # done with the articles: the claims fork their own workers
                workers.close()
                workers.join()
                workers = None
            errors += stream.errors + processing_errors  # the table's order: read errors, then processing
            counts = writer.finish(errors, jobs=max(1, jobs), shingle_step=shingle_step(stream.chars))
            run["counts"] = {name: counts[name] for name in (*COLUMNS, "statements")}
            run["warnings"] = warnings
            run["errors"] = [{"source_file": e.source_file, "record": e.record, "reason": e.reason} for e in errors]
            write_run(run, staging)
            if prepare_dashboard and counts["articles"] and not _prepare_dashboard(staging):
                print("note: the dashboard's lookups were not prepared; it builds them when it loads the corpus",
                      file=sys.stderr)
    finally:
        if workers is not None:  # a failure: the articles' workers still run
            end_pool(workers)
    return run


def _vetted(outcomes: Sequence[ArticleSummary | ReadError], seen_ids: set[str],
            warnings: list[str]) -> tuple[list[bool], list[ReadError]]:
    """Whether each outcome of a batch is kept (an article not seen before), and the errors of the others in
    order: a second copy of an article is one. The kept articles' ids go into `seen_ids`, their warnings
    into `warnings`."""
    keep: list[bool] = []
    errors: list[ReadError] = []
    for outcome in outcomes:
        if isinstance(outcome, ReadError):
            error: ReadError | None = outcome
        elif outcome.article_id in seen_ids:
            error = ReadError(outcome.source_file, outcome.record, "the same article was given twice; kept the first")
        else:
            error = None
            seen_ids.add(outcome.article_id)
            warnings.extend(f"{outcome.source_file}: {w}" for w in outcome.warnings)
        keep.append(error is None)
        if error is not None:
            errors.append(error)
    return keep, errors


def _prepare_dashboard(folder: Path) -> bool:
    """The dashboard's lookups and search index, built in a child process (see call_in_child) that
    imports only the dashboard's store, not spaCy; True when they were."""
    from dashboard import store  # not at the top: the workers need none of it

    return call_in_child(store.prepare_corpus_alone, folder)


def corpus_status(inputs: Sequence[str | Path], out_dir: Path, metadata: Path | None = None) -> str:
    """"fresh", "missing", or "stale: <why>" for tables built from `inputs` into `out_dir`."""
    run_file = Path(out_dir) / "run.json"
    if not run_file.is_file():
        return "missing"
    try:
        run = json.loads(run_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "stale: run.json is unreadable"
    checks = (
        ("pipeline version", run.get("pipeline_version"), PIPELINE_VERSION),
        ("vocabulary", run.get("vocab_version"), vocab_version()),
        ("input files", run.get("input_fingerprint"), input_fingerprint(inputs, metadata)),
    )
    for what, built, current in checks:
        if built != current:
            return f"stale: {what} changed"
    return "fresh"
