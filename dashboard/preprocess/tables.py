"""Records -> table rows -> Parquet parts -> CSV + Parquet tables, written atomically.

    worker:      article records -> ArticleRows (its rows of every table, its claim profile and features)
                 -> a RowBatch of consecutive articles (their rows as Arrow tables)
    coordinator: batches -> a Parquet part once CHUNK_ARTICLES articles are held -> near duplicates and events
                 -> statements regrouped by event (buckets.py) -> claims, written batch by batch
                 -> final tables from the parts

The rows of an article are built where it was processed, so the coordinator only appends and writes:
a large corpus is never held in memory. Everything goes into a staging folder beside the output that is
swapped in at the end, so an interrupted or failed run never leaves a half-written corpus.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, closing, contextmanager, suppress
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from dashboard.memory import release_freed_memory
from dashboard.preprocess.buckets import StatementBuckets, bucket_statements
from dashboard.preprocess.claims import (
    VECTORS_STEM,
    WORD_COLUMNS,
    ArticleFeatures,
    ArticleProfile,
    ClaimVocab,
    CorpusEvents,
    SavedFeatures,
    article_features,
    article_profile,
    claim_parts,
    corpus_events,
    entity_info,
    event_numbers,
    event_tables,
    pack_words,
    save_features,
    slim_profile,
    statement_words,
)
from dashboard.preprocess.gazetteer import Entry, slug
from dashboard.preprocess.records import COLUMNS, ReadError, Statement
from dashboard.preprocess.textutil import count_words

if TYPE_CHECKING:
    from dashboard.preprocess.pipeline import ArticleResult, Resources

CHUNK_ARTICLES = 2000  # the coordinator writes a Parquet part once it holds this many articles
STAGED = ("articles", "sentences", "mentions", "pledges", "pledge_actors")  # built article by article
CLAIM_TABLES = ("claims", "claim_members", "discrepancies")  # written batch of events by batch
_INTEGERS = frozenset({"n_sentences", "n_words", "paragraph", "start", "end", "n_articles", "n_outlets"})
_FLOATS = frozenset({"confidence"})
_BOOLEANS = frozenset({"single_source", "has_discrepancy"})


def _arrow_type(column: str) -> pa.DataType:
    if column in _INTEGERS:
        return pa.int64()
    if column in _FLOATS:
        return pa.float64()
    return pa.bool_() if column in _BOOLEANS else pa.large_string()


SCHEMAS = {name: pa.schema([(c, _arrow_type(c)) for c in columns]) for name, columns in COLUMNS.items()}
_WORD_TYPES = (pa.int64(), pa.int64(), pa.large_string(), pa.large_string())
_PART_SCHEMAS = {**SCHEMAS, "pledges": pa.schema([*SCHEMAS["pledges"], *(
    pa.field(name, kind) for name, kind in zip(WORD_COLUMNS, _WORD_TYPES, strict=True))])}
_CSV_OPTIONS = pcsv.WriteOptions(quoting_style="needed")


def _domain(url: str) -> str:
    host = urlparse(url if "//" in url else f"//{url}").netloc.lower()
    return host.removeprefix("www.")


def source_id_for(outlet: str, url: str) -> str:
    key = outlet or _domain(url) or "unknown"
    return f"source:{slug(key) or 'unknown'}"


def _entity_row(entry: Entry, gazetteer_members: tuple[str, ...]) -> dict:
    return {
        "entity_id": entry.entity_id,
        "name": entry.name,
        "type": entry.type,
        # iso3 identifies a country entity; the country a person or place belongs to is `country`
        "iso3": entry.iso3 if entry.type == "country" else "",
        "country": entry.iso3 or (entry.roles[-1].iso3 if entry.roles else ""),
        "aliases": "|".join(dict.fromkeys(a for a in (*entry.aliases, *entry.exact, *entry.demonyms) if a)),
        "members": "|".join(gazetteer_members),
        "role": entry.role,
    }


def entity_rows(entries: Sequence[Entry], res: Resources) -> list[dict]:
    """Rows of the entities table (a bloc lists its members, as of today). Every article names a dozen of
    the same gazetteer entries: a country's, person's or organisation's row is made once per process
    (res.entity_rows) and shared, read-only; a bloc's is made each time (its members change over time)."""
    rows = []
    for entry in entries:
        # not a bloc, nor a person found in one article (or another entry under a gazetteer id)
        shared = entry.type != "bloc" and res.gazetteer.get(entry.entity_id) is entry
        row = res.entity_rows.get(entry.entity_id) if shared else None
        if row is None:
            row = _entity_row(entry, res.gazetteer.members_on(entry.entity_id) if entry.type == "bloc" else ())
            if shared:
                res.entity_rows[entry.entity_id] = row
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------- one article


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the coordinator keeps of one processed article besides its table rows."""

    article_id: str
    source_file: str
    record: str
    warnings: tuple[str, ...]
    statements: int  # with at least one pledge row
    source: dict[str, str]  # source_id, outlet, domain, author
    entities: dict[str, Entry | None]  # entity ids used; the entry of a person not in the gazetteer
    profile: ArticleProfile  # slimmed: the features hold what events need of its text
    features: ArticleFeatures


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """One processed article: its summary and its rows of every STAGED table (table -> column -> values)."""

    summary: ArticleSummary
    columns: dict[str, dict[str, list]]


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Consecutive documents' outcomes, with their articles' rows as one Arrow table per STAGED table: what
    a worker sends back. A few buffers a table, not a Python object per value that the coordinator would
    unpickle one by one."""

    outcomes: list[ArticleSummary | ReadError]
    tables: dict[str, pa.Table]
    row_counts: dict[str, list[int]]  # table -> rows of each outcome (0 for an error)

    @classmethod
    def of(cls, outcomes: Sequence[ArticleRows | ReadError]) -> RowBatch:
        columns_of = [o.columns if isinstance(o, ArticleRows) else None for o in outcomes]
        tables, row_counts = {}, {}
        for name in STAGED:
            schema = _PART_SCHEMAS[name]
            joined: dict[str, list] = {column: [] for column in schema.names}
            for columns in filter(None, columns_of):
                for column, values in columns[name].items():
                    joined[column] += values
            tables[name] = pa.Table.from_pydict(joined, schema=schema)
            row_counts[name] = [len(c[name][schema.names[0]]) if c else 0 for c in columns_of]
        return cls([o.summary if isinstance(o, ArticleRows) else o for o in outcomes], tables, row_counts)

    def __len__(self) -> int:
        return len(self.outcomes)

    def kept_tables(self, keep: Sequence[bool]) -> dict[str, pa.Table]:
        """The tables with the rows of the outcomes kept (`keep`: one flag per outcome) alone."""
        if all(keep):
            return self.tables
        return {name: table.filter(pa.array(np.repeat(np.asarray(keep, dtype=bool), self.row_counts[name])))
                for name, table in self.tables.items()}


def _columns(name: str, rows: Sequence[dict]) -> dict[str, list]:
    return {column: [row[column] for row in rows] for column in _PART_SCHEMAS[name].names}


def _record_columns(name: str, records: Sequence[object]) -> dict[str, list]:
    """The columns of a table whose columns are fields of its records (sentences, mentions), read field
    by field: no row dict per record."""
    return {column: list(map(attrgetter(column), records)) for column in _PART_SCHEMAS[name].names}


def article_rows(result: ArticleResult, res: Resources, vocab: ClaimVocab) -> ArticleRows:
    """The table rows, claim profile and features of one article (runs in the worker that processed it;
    every 5-gram hash is kept: the coordinator samples them once the corpus's length is known)."""
    a = result.article
    source_id = source_id_for(a.outlet, a.url)
    used: dict[str, Entry | None] = {}

    def use(entity_id: str) -> None:
        if entity_id not in used and (res.gazetteer.get(entity_id) or entity_id in result.people):
            used[entity_id] = None if res.gazetteer.get(entity_id) else result.people[entity_id]

    for m in result.mentions:
        use(m.entity_id)
    acting = [acting_roles(st, res, result.people, a.published) for st in result.statements]
    for roles in acting:
        for pairs in roles.values():
            for entity_id, _via in pairs:
                use(entity_id)
    entries = [entry or res.gazetteer[entity_id] for entity_id, entry in used.items()]
    info = entity_info(entity_rows(entries, res))
    spans = sorted((m.start, m.end, m.entity_id) for m in result.mentions)
    pledges, actors = [], []
    for st, roles in zip(result.statements, acting, strict=True):
        found = a.text[st.start : st.end] == st.quote
        words = pack_words(statement_words(st.quote, st.start if found else None, spans, info, vocab))
        for category in st.categories:
            pledge_id = f"{st.statement_id}-{category}"
            pledges.append({
                "pledge_id": pledge_id, "statement_id": st.statement_id, "article_id": st.article_id,
                "sentence_id": st.sentence_id, "category": category, "kind": st.kind, "quote": st.quote,
                "cues": "|".join(st.cues), "confidence": st.confidence, "start": st.start, "end": st.end,
                **words,
            })
            actors += [{"pledge_id": pledge_id, "entity_id": entity_id, "role": role, "via": via}
                       for role, pairs in roles.items() for entity_id, via in pairs]
    article = {
        "article_id": a.article_id, "source_file": a.source_file, "record": a.record, "outlet": a.outlet,
        "author": a.author, "title": a.title, "published": a.published, "updated": a.updated,
        "dateline": a.dateline, "url": a.url, "source_id": source_id, "text": a.text,
        "boilerplate": a.boilerplate, "n_sentences": len(result.sentences),
        "n_words": count_words(a.text), "event_id": "", "duplicate_of": "",
        "warnings": " | ".join(a.warnings),
    }
    profile = article_profile(a.article_id, 0, a.outlet, source_id, a.title, a.published,
                              [s.text for s in result.sentences] or [a.text],
                              (m.entity_id for m in result.mentions), info, vocab.events)
    summary = ArticleSummary(
        article_id=a.article_id, source_file=a.source_file, record=a.record, warnings=a.warnings,
        statements=len({row["statement_id"] for row in pledges}),
        source={"source_id": source_id, "outlet": a.outlet or _domain(a.url), "domain": _domain(a.url),
                "author": a.author},
        entities=used, profile=slim_profile(profile),
        features=article_features(profile, vocab),
    )
    return ArticleRows(summary, {
        "articles": _columns("articles", [article]), "sentences": _record_columns("sentences", result.sentences),
        "mentions": _record_columns("mentions", result.mentions), "pledges": _columns("pledges", pledges),
        "pledge_actors": _columns("pledge_actors", actors)})


def acting_roles(statement: Statement, res: Resources, people: dict[str, Entry],
                 day: str) -> dict[str, list[tuple[str, str]]]:
    """A statement's acting speakers and targets (acting_entities); whoever speaks is not also its own
    target ("Lim Jock Hoi thanked Russia for its test kits to ASEAN member states": ASEAN speaks through
    its Secretary-General, Russia alone is the target)."""
    speakers = acting_entities(statement.speakers, res, people, day)
    speaking = {entity_id for entity_id, _via in speakers}
    targets = [(e, via) for e, via in acting_entities(statement.targets, res, people, day) if e not in speaking]
    return {"speaker": speakers, "target": targets}


def acting_entities(ids: Sequence[str], res: Resources, people: dict[str, Entry],
                    day: str) -> list[tuple[str, str]]:
    """(entity, via person) pairs: a person's statement counts for the state or organisation they speak for.

    "Lavrov lauded ..." is Russia speaking through Lavrov: (country:RUS, person:sergey-lavrov). People
    whose affiliation is unknown stay actors themselves. The same entity is listed once.
    """
    out: dict[str, str] = {}
    for entity_id in ids:
        entry = res.gazetteer.get(entity_id) or people.get(entity_id)
        if entry is not None and entry.type == "person" and entry.acting_for(day):
            acting = entry.acting_for(day)
            if not out.get(acting):
                out[acting] = entity_id
        else:
            out.setdefault(entity_id, "")
    return list(out.items())


# ---------------------------------------------------------------------------------------------- the corpus


@dataclass
class CorpusWriter:
    """Appends articles' rows, writes them as Parquet parts, then claims and the final tables into `folder`."""

    folder: Path
    res: Resources
    vocab: ClaimVocab
    counts: dict[str, int] = field(init=False, default_factory=dict)
    _buffers: dict[str, list[pa.Table]] = field(init=False, default_factory=dict)
    _buffered: int = field(init=False, default=0)
    _parts: int = field(init=False, default=0)
    _profiles: list[ArticleProfile] = field(init=False, default_factory=list)
    _features: list[ArticleFeatures] = field(init=False, default_factory=list)
    _sources: dict[str, dict] = field(init=False, default_factory=dict)
    _entities: dict[str, Entry] = field(init=False, default_factory=dict)
    _weights: dict[float, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._parts_dir.mkdir(parents=True, exist_ok=True)
        self._clear()
        self.counts = {name: 0 for name in (*STAGED, "statements")}

    @property
    def _parts_dir(self) -> Path:
        return self.folder / ".parts"

    def _clear(self) -> None:
        self._buffers = {name: [] for name in STAGED}
        self._buffered = 0

    def add(self, batch: RowBatch, keep: Sequence[bool]) -> None:
        """Append the articles of a batch that are kept (`keep`: a flag per outcome; an error is never kept).
        CHUNK_ARTICLES articles or more make a part on disk."""
        for name, table in batch.kept_tables(keep).items():
            self._buffers[name].append(table)
        for summary, kept in zip(batch.outcomes, keep, strict=True):
            if kept and isinstance(summary, ArticleSummary):
                self._add_summary(summary)
        if self._buffered >= CHUNK_ARTICLES:
            self._flush()

    def _add_summary(self, summary: ArticleSummary) -> None:
        self.counts["statements"] += summary.statements
        source = summary.source
        src = self._sources.setdefault(source["source_id"], {
            "source_id": source["source_id"], "outlet": source["outlet"],
            "domain": source["domain"], "n_articles": 0, "authors": []})
        src["n_articles"] += 1
        if source["author"] and source["author"] not in src["authors"]:
            src["authors"].append(source["author"])
        if not src["domain"] and source["domain"]:
            src["domain"] = source["domain"]
        for entity_id, entry in summary.entities.items():
            if entity_id not in self._entities:
                self._entities[entity_id] = entry or self.res.gazetteer[entity_id]
        profile = summary.profile  # held until the end: one copy of each outlet, id and weight
        actors = {sys.intern(entity_id): self._weights.setdefault(weight, weight)
                  for entity_id, weight in profile.actors.items()}
        self._profiles.append(replace(profile, order=len(self._profiles), actors=actors,
                                      outlet=sys.intern(profile.outlet), source_key=sys.intern(profile.source_key)))
        self._features.append(summary.features)
        self._buffered += 1

    def _flush(self) -> None:
        if not self._buffered:
            return
        for name in STAGED:
            table = pa.concat_tables(self._buffers[name])  # an article held: a batch's table of each name
            self.counts[name] += table.num_rows
            pq.write_table(table, self._parts_dir / f"{name}-{self._parts:06d}.parquet")
        save_features(self._features, self._parts_dir / f"features-{self._parts:06d}.npz")
        self._features.clear()
        self._parts += 1
        self._clear()
        release_freed_memory()  # else the part's rows, gone, stay resident for the rest of the run

    def _statement_buckets(self, events: CorpusEvents, jobs: int) -> StatementBuckets:
        """The staged statements regrouped by event on disk (what claims read, a bucket per task)."""
        columns = {"pledges": ["pledge_id", "statement_id", "article_id", "sentence_id", "category", "kind",
                               "quote", *WORD_COLUMNS],
                   "pledge_actors": ["pledge_id", "entity_id", "role"]}
        schemas = {name: pa.schema([_PART_SCHEMAS[name].field(c) for c in names]) for name, names in columns.items()}
        parts = list(zip(self._part_files("pledges"), self._part_files("pledge_actors"), strict=True))
        return bucket_statements(parts, event_numbers(events), len(events.event_rows), schemas,
                                 self._parts_dir / "buckets", jobs)

    def _part_files(self, name: str, suffix: str = ".parquet") -> list[Path]:
        return sorted(self._parts_dir.glob(f"{name}-*{suffix}"))

    def _saved_features(self, shingle_step: int) -> SavedFeatures:
        """The corpus's features as saved with its parts (each field read when events need it), one 5-gram
        hash in `shingle_step` kept."""
        return SavedFeatures(self._part_files("features", ".npz"), shingle_step)

    def _remove_event_inputs(self) -> None:
        """Delete the saved features and the events' vectors once the events are found: nothing reads them
        again, and at 100,000 articles they are 1.5 GB of the staging folder. (A file still mapped where
        the OS forbids deleting it goes with the parts at the end.)"""
        for path in [*self._part_files("features", ".npz"), *self._parts_dir.glob(f"{VECTORS_STEM}-*.npy")]:
            with suppress(OSError):
                path.unlink()

    def finish(self, errors: Sequence[ReadError], jobs: int = 1, shingle_step: int = 1) -> dict[str, int]:
        """Claims from the staged parts, then every table as CSV + Parquet; the row counts of each.

        `shingle_step` samples the articles' 5-grams for near duplicates (claims.shingle_step of the length
        of every text read, known only once they all are)."""
        self._flush()
        entities = pd.DataFrame(entity_rows([self._entities[k] for k in sorted(self._entities)], self.res),
                                columns=COLUMNS["entities"])
        small = {
            "sources": pd.DataFrame([{**s, "authors": "|".join(s["authors"])} for s in self._sources.values()],
                                    columns=COLUMNS["sources"]),
            "entities": entities,
            "errors": pd.DataFrame([{"source_file": e.source_file, "record": e.record, "reason": e.reason}
                                    for e in errors], columns=COLUMNS["errors"]),
        }
        info = entity_info(entities)
        events = corpus_events(self._profiles, self._saved_features(shingle_step), info, self.vocab, jobs=jobs,
                               scratch=self._parts_dir)
        self._remove_event_inputs()
        release_freed_memory()  # what finding the events left
        links, small["events"] = event_tables(events, self._profiles)
        statements = self._statement_buckets(events, jobs)
        release_freed_memory()
        with ExitStack() as stack:
            writers = [stack.enter_context(TableWriter(self.folder, name)) for name in CLAIM_TABLES]
            parts = stack.enter_context(closing(claim_parts(events, self._profiles, info, statements, self.vocab,
                                                            jobs=jobs)))  # its workers end with this block
            for part in parts:
                for writer, frame in zip(writers, part, strict=True):
                    writer.write(frame)
        self.counts.update({writer.name: writer.rows for writer in writers})
        shutil.rmtree(statements.folder)  # the statements' second copy: no longer needed
        del events
        self._profiles.clear()
        release_freed_memory()
        links = links.set_index("article_id") if len(links) else None
        for name in COLUMNS:
            if name in STAGED:
                self._assemble(name, links)
            elif name not in CLAIM_TABLES:
                write_table(small[name], self.folder, name)
                self.counts[name] = len(small[name])
        shutil.rmtree(self._parts_dir)
        return dict(self.counts)

    def _assemble(self, name: str, links: pd.DataFrame | None) -> None:
        """One table from its parts, in article order (articles get their event and original copy).

        Arrow writes both files (its CSV quotes every text field; any CSV reader reads the same values).
        """
        files = self._part_files(name)
        schema = SCHEMAS[name]
        with pq.ParquetWriter(self.folder / f"{name}.parquet", schema) as parquet, \
                pcsv.CSVWriter(self.folder / f"{name}.csv", schema, write_options=_CSV_OPTIONS) as csv:
            parts: list[Path | None] = [*files] or [None]  # no part: the header alone
            for path in parts:
                part = pq.read_table(path, columns=schema.names) if path else schema.empty_table()
                if name == "articles" and links is not None:
                    ids = part.column("article_id").to_pandas()
                    for column in ("event_id", "duplicate_of"):
                        values = pa.array(ids.map(links[column]).fillna("").tolist(), type=pa.large_string())
                        part = part.set_column(schema.get_field_index(column), column, values)
                parquet.write_table(part)
                csv.write_table(part)
        release_freed_memory()


class TableWriter:
    """One table written part by part as CSV and Parquet (with the contract's columns and types): the same
    CSV bytes and Parquet values as one write of all its rows, without holding them. Arrow writes the CSV,
    as for the staged tables: one CSV format for every table, and several times sooner than pandas."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name, self.rows, self._folder = name, 0, Path(folder)
        self._csv: pcsv.CSVWriter | None = None
        self._parquet: pq.ParquetWriter | None = None
        self._empty = pd.DataFrame(columns=COLUMNS[name])  # written at the end when no part has rows

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of `frame` (a part without rows adds nothing)."""
        if len(frame):
            self._write(frame)
        elif self._parquet is None:
            self._empty = frame

    def _write(self, frame: pd.DataFrame) -> None:
        frame = frame.reindex(columns=COLUMNS[self.name])
        table = pa.Table.from_pandas(frame, schema=SCHEMAS[self.name], preserve_index=False)
        if self._csv is None or self._parquet is None:
            self._csv = pcsv.CSVWriter(self._folder / f"{self.name}.csv", SCHEMAS[self.name],
                                       write_options=_CSV_OPTIONS)
            # the first part's schema, pandas metadata included, as pq.write_table writes it
            self._parquet = pq.ParquetWriter(self._folder / f"{self.name}.parquet", table.schema)
        self._csv.write_table(table.replace_schema_metadata(None))
        self._parquet.write_table(table)
        self.rows += len(frame)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._parquet is None and exc[0] is None:  # no rows: the header alone
                self._write(self._empty)
        finally:
            try:
                if self._csv is not None:
                    self._csv.close()
            finally:
                if self._parquet is not None:
                    self._parquet.close()


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    """One table as CSV and Parquet (with the contract's columns and types)."""
    with TableWriter(folder, name) as writer:
        writer.write(frame)


@contextmanager
def staged_folder(out_dir: Path) -> Iterator[Path]:
    """A staging folder beside `out_dir`, swapped in for it when the block succeeds, removed when it fails
    (also when the swap itself fails: then the previous `out_dir` is put back)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    old = None
    try:
        yield staging
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}")
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        if old is not None and old.exists() and not out_dir.exists():
            old.rename(out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_run(run: Mapping, folder: Path) -> None:
    (Path(folder) / "run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False), encoding="utf-8")
