"""Load a corpus's tables once, with the lookup columns the filters need; tell when it is stale.

Everything here is plain pandas: the app wraps `load_corpus` in `st.cache_resource`, so the frames
built here are shared by every session and must never be modified in place.

Per-statement lookups (outlet, date, topic label, speaker and target names, corroboration) are
joined once at load so that filtering is a handful of vectorised masks over one frame. Who is
involved in a statement (speaker, target, or merely mentioned in it) lives in an `ActorIndex`: one
row per (statement row, actor key, role, how it was reached), sorted by key so that selecting a few
countries touches only their rows, not the whole index.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.arrays import distinct_sorted
from dashboard.memory import release_freed_memory, return_large_blocks_when_freed, returnable_allocations
from dashboard.word_index import TextSearch

ENV_DATA = "PLEDGE_EXPLORER_DATA"
ENV_UPLOADS = "PLEDGE_EXPLORER_UPLOADS"
REPO_ROOT = Path(__file__).resolve().parents[1]

# Columns left out of the frames in memory: article texts (read on demand, `load_article_texts`), which hold
# most of a corpus's bytes, and ids no view uses. `load_full_tables` (the download) reads them all.
LAZY_COLUMNS: dict[str, tuple[str, ...]] = {"articles": ("text", "boilerplate"), "sentences": ("sentence_id", "text"),
                                             "mentions": ("sentence_id", "surface"),
                                             "claim_members": ("sentence_id",)}

# Repeated strings: categorical codes make isin/groupby fast and the frames small.
CATEGORICAL: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "author", "source_id", "event_id", "published"),
    "sentences": ("article_id",),
    "entities": ("type",),
    "mentions": ("article_id", "entity_id"),
    "pledges": ("article_id", "category", "kind", "cues", "quote"),  # a quote repeats once per topic of its statement
    "pledge_actors": ("entity_id", "role"),
    "claims": ("event_id", "category"),
    "claim_members": ("outlet", "kind"),
    "discrepancies": ("field",),
}
INTEGER: dict[str, tuple[str, ...]] = {
    "articles": ("n_sentences", "n_words"),
    "sources": ("n_articles",),
    "sentences": ("paragraph", "start", "end"),
    "mentions": ("start", "end"),
    "pledges": ("start", "end"),
    "events": ("n_articles",),
    "claims": ("n_articles", "n_outlets"),
}
FLOAT: dict[str, tuple[str, ...]] = {"pledges": ("confidence",)}
BOOLEAN: dict[str, tuple[str, ...]] = {"claims": ("single_source", "has_discrepancy")}

ROLES = ("speaker", "target", "mention")
VIAS = ("self", "nationality", "bloc")
NATIONAL_TYPES = frozenset({"person", "organisation"})
GROUP_TYPES = ("bloc", "organisation", "forum", "fund")
_FOLD_EXTRA_PAIRS = (("đ", "d"), ("Đ", "d"), ("ø", "o"), ("Ø", "o"), ("ł", "l"), ("Ł", "l"), ("ß", "ss"),
                     ("’", "'"), ("‘", "'"))  # letters that Unicode does not decompose into base + accent
_FOLD_EXTRA = str.maketrans(dict(_FOLD_EXTRA_PAIRS))


def table_columns() -> dict[str, list[str]]:
    """The table contract (authoritative in dashboard.preprocess.records)."""
    from dashboard.preprocess.records import COLUMNS  # records: no heavy imports (tables.py pulls in scipy)

    return COLUMNS


# ---------------------------------------------------------------- where corpora live


def default_corpus_dir() -> Path:
    """$PLEDGE_EXPLORER_DATA, else data/processed of the repository (or of the working folder)."""
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA]).expanduser()
    return _data_root() / "processed"


def default_raw_dir() -> Path:
    return _data_root() / "raw"


def uploads_dir() -> Path:
    """Where uploaded corpora go: $PLEDGE_EXPLORER_UPLOADS, else data/uploads."""
    if os.environ.get(ENV_UPLOADS):
        return Path(os.environ[ENV_UPLOADS]).expanduser()
    return _data_root() / "uploads"


def _data_root() -> Path:
    return REPO_ROOT / "data" if (REPO_ROOT / "data").is_dir() else Path.cwd() / "data"


def has_corpus(folder: Path) -> bool:
    return (Path(folder) / "run.json").is_file()


def corpus_stamp(folder: Path) -> str:
    """Changes whenever the corpus in `folder` is rewritten (cache key for the app)."""
    run = Path(folder) / "run.json"
    try:
        stat = run.stat()
    except OSError:
        return "missing"
    return f"{stat.st_mtime_ns}-{stat.st_size}"


def read_run(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_stale(raw_dir: Path, out_dir: Path) -> bool:
    """True when out_dir has no corpus, or one built from other inputs, pipeline or vocabularies."""
    from dashboard.preprocess.pipeline import corpus_status

    return not has_corpus(out_dir) or corpus_status([raw_dir], out_dir) != "fresh"


def ensure_corpus(raw_dir: Path, out_dir: Path, progress: Callable[[int, int], None] | None = None) -> bool:
    """Rebuild out_dir from raw_dir when missing or stale; True when it was rebuilt."""
    if not is_stale(raw_dir, out_dir):
        return False
    from dashboard.preprocess.pipeline import build_corpus

    build_corpus([raw_dir], Path(out_dir), progress=progress)
    return True


# ---------------------------------------------------------------- the corpus value


@dataclass(frozen=True, slots=True, eq=False)
class ActorIndex:
    """Who takes part in each statement row, as parallel arrays sorted by (entity, role, row).

    Only what the tables say is stored: an entity is the speaker or a target of a statement, or is
    mentioned inside its span. A country also counts when one of its people or organisations takes
    part ("nationality") or one of its blocs does ("bloc"); `link_*` holds those few edges (plus one
    "self" edge per entity) and queries follow them, so bloc memberships are never multiplied out
    over millions of rows.
    """

    keys: pd.Index  # key code -> id: the corpus's entities, then countries reached only through links
    row: np.ndarray  # int32 positions in Corpus.pledges
    entity: np.ndarray  # int32 key code of the entity taking part
    role: np.ndarray  # int8 codes into ROLES
    starts: np.ndarray  # entries of key k in role r: starts[k * len(ROLES) + r] up to the next start
    link_from: np.ndarray  # int32 entity code   \
    link_to: np.ndarray  # int32 key code          > one edge per (entity, key it counts for, how)
    link_via: np.ndarray  # int8 codes into VIAS  /
    key_type: np.ndarray  # per key code: the type prefix of its id ("country", "bloc", "person", ...)
    _cache: dict[tuple, object] = field(default_factory=dict, repr=False)  # role masks and edge lists

    @property
    def frame(self) -> pd.DataFrame:
        """Every (row, key, role, via), countries reached through links included (for inspection and tests)."""
        row, key, role, via = self._expand(np.ones(len(self.row), dtype=bool), VIAS)
        order = np.lexsort((row, via, role, key))
        return pd.DataFrame({
            "row": row[order], "key": pd.Categorical.from_codes(key[order], categories=self.keys),
            "role": pd.Categorical.from_codes(role[order], categories=ROLES),
            "via": pd.Categorical.from_codes(via[order], categories=VIAS)})

    def present_keys(self) -> list[str]:
        """Ids of the keys involved in at least one statement (directly or through a link), in key order."""
        if ("present",) not in self._cache:
            entities = np.flatnonzero(np.bincount(self.entity, minlength=len(self.keys)))
            reached = self.link_to[np.isin(self.link_from, entities)]
            self._cache[("present",)] = [str(k) for k in self.keys[np.unique(reached)]]
        return list(self._cache[("present",)])  # type: ignore[call-overload]

    def mask_for(self, keys: Iterable[str], roles: Iterable[str], vias: Iterable[str], n_rows: int) -> np.ndarray:
        """Boolean mask of the statement rows where any of `keys` is involved in one of `roles` via `vias`."""
        mask = np.zeros(n_rows, dtype=bool)
        role_codes = [ROLES.index(r) for r in roles]
        for entity in self._sources(keys, vias):
            for r in role_codes:
                at = int(entity) * len(ROLES) + r
                mask[self.row[self.starts[at]:self.starts[at + 1]]] = True
        return mask

    def rows_for(self, keys: Iterable[str], roles: Iterable[str], vias: Iterable[str]) -> np.ndarray:
        """Positions (ascending) of statement rows where any of `keys` is involved in one of `roles` via `vias`."""
        n_rows = int(self.row.max()) + 1 if len(self.row) else 0
        return np.flatnonzero(self.mask_for(keys, roles, vias, n_rows))

    def involved(self, rows: np.ndarray | None, roles: Iterable[str], vias: Iterable[str],
                 n_rows: int) -> tuple[np.ndarray, np.ndarray]:
        """(row, key code) of every actor in `roles` via `vias` within the selected rows (None: all)."""
        row, key, _, _ = self._expand(self._selected(rows, tuple(roles), n_rows), tuple(vias))
        return row, key

    def keys_involved(self, rows: np.ndarray | None, roles: Iterable[str], vias: Iterable[str],
                      n_rows: int) -> np.ndarray:
        """Key codes (ascending) of the actors in `roles` via `vias` within the selected rows."""
        entities = np.flatnonzero(np.bincount(self.entity[self._selected(rows, tuple(roles), n_rows)],
                                              minlength=len(self.keys)))
        offsets, to, _ = self._edges(tuple(vias))
        n_links = np.diff(offsets)[entities]
        return np.unique(to[_expand_slots(offsets[entities], n_links)])

    def _selected(self, rows: np.ndarray | None, roles: tuple[str, ...], n_rows: int) -> np.ndarray:
        keep = self._role_mask(roles)
        if rows is not None and len(rows) < n_rows:
            selected = np.zeros(n_rows, dtype=bool)
            selected[rows] = True
            keep = keep & selected[self.row]
        return keep

    def _role_mask(self, roles: tuple[str, ...]) -> np.ndarray:
        """Entries in these roles (cached: a handful of combinations is ever asked for)."""
        if ("roles", roles) not in self._cache:
            self._cache[("roles", roles)] = _codes_in(self.role, roles, ROLES)
        return self._cache[("roles", roles)]  # type: ignore[return-value]

    def _edges(self, vias: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(offsets per entity code, key code, via code) of the edges in `vias`, grouped by entity."""
        if ("edges", vias) not in self._cache:
            keep = _codes_in(self.link_via, vias, VIAS)
            order = np.argsort(self.link_from[keep], kind="stable")
            counts = np.bincount(self.link_from[keep], minlength=len(self.keys))
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            self._cache[("edges", vias)] = (offsets, self.link_to[keep][order], self.link_via[keep][order])
        return self._cache[("edges", vias)]  # type: ignore[return-value]

    def _sources(self, keys: Iterable[str], vias: Iterable[str]) -> np.ndarray:
        """Entity codes that count for any of `keys` through an edge in `vias`."""
        codes = self.keys.get_indexer(pd.Index(list(keys), dtype=object))
        hit = np.isin(self.link_to, codes[codes >= 0]) & _codes_in(self.link_via, vias, VIAS)
        return np.unique(self.link_from[hit])

    def _expand(self, keep: np.ndarray, vias: Sequence[str]) -> tuple[np.ndarray, ...]:
        """(row, key, role, via) of the kept entries, each followed along its edges in `vias`, without repeats."""
        row, entity, role = self.row[keep], self.entity[keep], self.role[keep]
        if tuple(vias) == ("self",):
            return row, entity, role, np.zeros(len(row), dtype=np.int8)
        offsets, to, via = self._edges(tuple(vias))
        n_links = np.diff(offsets)[entity]
        slot = _expand_slots(offsets[entity], n_links)
        pair = np.repeat(np.arange(len(entity)), n_links)
        row, key, role, via = row[pair], to[slot], role[pair], via[slot]
        n_rows = int(row.max()) + 1 if len(row) else 1
        packed = pd.unique(((key.astype(np.int64) * len(ROLES) + role) * len(VIAS) + via) * n_rows + row)
        rest = packed // n_rows
        return ((packed % n_rows).astype(np.int32), (rest // (len(ROLES) * len(VIAS))).astype(np.int32),
                (rest // len(VIAS) % len(ROLES)).astype(np.int8), (rest % len(VIAS)).astype(np.int8))


def _expand_slots(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ranges first[i] .. first[i] + counts[i] - 1 (vectorised)."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(counts)
    slots = np.repeat(first - (ends - counts), counts)
    slots += np.arange(total, dtype=slots.dtype)
    return slots


def _codes_in(codes: np.ndarray, names: Iterable[str], vocabulary: Sequence[str]) -> np.ndarray:
    wanted = [vocabulary.index(n) for n in names]
    if len(wanted) == len(vocabulary):
        return np.ones(len(codes), dtype=bool)
    return np.isin(codes, wanted)


class Tables(Mapping[str, pd.DataFrame]):
    """A corpus's tables, each read from disk the first time it is asked for, then kept (thread-safe).

    Loading reads only what the lookups need; the claim tables, sentences and the like are read
    when a page shows them, so opening the app does not pay for them.
    """

    def __init__(self, folder: Path, columns: Mapping[str, Sequence[str]],
                 frames: Mapping[str, pd.DataFrame] | None = None) -> None:
        self._folder = Path(folder)
        self._columns = {name: [c for c in cols if c not in LAZY_COLUMNS.get(name, ())]
                         for name, cols in columns.items()}
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._columns:
            raise KeyError(name)
        with self._lock:
            if name not in self._frames:
                self._frames[name] = read_table(self._folder, name, self._columns[name])
            return self._frames[name]

    def __contains__(self, name: object) -> bool:
        return name in self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def is_loaded(self, name: str) -> bool:
        return name in self._frames

    def n_rows(self, name: str) -> int:
        """Rows of a table, from the Parquet footer when the table is not loaded."""
        parquet = self._folder / f"{name}.parquet"
        if name not in self._frames and parquet.exists():
            return pq.ParquetFile(parquet).metadata.num_rows
        return len(self[name])


@dataclass(frozen=True, slots=True, eq=False)
class Corpus:
    """Every table of one corpus, plus per-statement lookups; never modified after loading."""

    folder: Path
    run: dict
    tables: Tables
    pledges: pd.DataFrame  # the pledges table with lookup columns, index = row position
    actors: ActorIndex
    names: dict[str, str]  # entity id -> display name (including countries reached via blocs)
    topic_labels: dict[str, str]  # taxonomy order, then ids found only in the data
    kind_labels: dict[str, str]
    search_text: pa.ChunkedArray  # quotes folded for search (fold_text), aligned with pledges rows
    text_search: TextSearch | None = None  # word index over search_text, built on the first search

    def __post_init__(self) -> None:
        if self.text_search is None:  # frozen: set once, here
            object.__setattr__(self, "text_search", TextSearch(self.search_text))

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = object.__getattribute__(self, "tables")
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def fingerprint(self) -> str:
        return str(self.run.get("input_fingerprint", ""))

    @property
    def pipeline_version(self) -> str:
        return str(self.run.get("pipeline_version", ""))

    @property
    def is_empty(self) -> bool:
        return len(self.pledges) == 0 and len(self.tables["articles"]) == 0

    def name(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id.split(":", 1)[-1])

    def topic_label(self, topic_id: str) -> str:
        return self.topic_labels.get(topic_id, topic_id.replace("_", " ").capitalize())

    def kind_label(self, kind_id: str) -> str:
        return self.kind_labels.get(kind_id, kind_id.capitalize())


# ---------------------------------------------------------------- reading tables


def read_table(folder: Path, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """One table from Parquet (or CSV when only that exists), with the contract's columns and dtypes.

    Columns loaded only on demand (LAZY_COLUMNS) are left out; `read_columns` reads exactly what it is given.
    """
    lazy = set(LAZY_COLUMNS.get(name, ()))
    return read_columns(folder, name, [c for c in columns if c not in lazy])


def read_columns(folder: Path, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """These columns of one table (Parquet column projection), typed as the dashboard relies on."""
    folder = Path(folder)
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.exists():
        schema = pq.read_schema(parquet)
        present = [c for c in columns if c in schema.names]
        textual = [c for c in present if c in CATEGORICAL.get(name, ())
                   and (pa.types.is_string(schema.field(c).type) or pa.types.is_large_string(schema.field(c).type))]
        table = _read_parquet(parquet, present, textual)
    elif csv.exists():
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False, usecols=lambda c: c in columns)
        table = pa.Table.from_pandas(frame, preserve_index=False)
    else:
        table = pa.table({})
    return _frame(table, name, columns)


def _read_parquet(path: Path, columns: Sequence[str], dictionary: Sequence[str]) -> pa.Table:
    """The columns of a Parquet file read one row group at a time: the reader's buffers for a group
    are freed before the next is read (reading the pledges' quotes at once held ~130 MB more)."""
    reader = pq.ParquetFile(path, read_dictionary=dictionary)
    if not columns or reader.num_row_groups == 0:  # no columns: the table still has the file's row count
        return reader.read(columns=columns)
    return pa.concat_tables([reader.read_row_group(i, columns=columns) for i in range(reader.num_row_groups)])


def _frame(table: pa.Table, name: str, columns: Sequence[str]) -> pd.DataFrame:
    n = table.num_rows
    return pd.DataFrame({col: _typed(table[col] if col in table.column_names else None, n, name, col)
                         for col in columns}, index=pd.RangeIndex(n))


def _typed(values: pa.ChunkedArray | None, n: int, table: str, col: str) -> pd.Series:
    """A column in the dtype the dashboard relies on; missing values become "" / -1 / 0 / False."""
    if values is None:
        values = pa.chunked_array([pa.nulls(n)])
    if col in INTEGER.get(table, ()) or col in FLOAT.get(table, ()):
        numbers = pd.to_numeric(values.to_pandas(), errors="coerce")
        if col in FLOAT.get(table, ()):
            return numbers.fillna(0.0).astype("float64")
        return numbers.fillna(-1).astype("int64")
    if col in BOOLEAN.get(table, ()):
        if pa.types.is_boolean(values.type):
            return values.fill_null(False).to_pandas().astype(bool)
        return values.to_pandas().astype(str).str.lower().isin(["true", "1", "yes"]).astype(bool)
    if pa.types.is_dictionary(values.type):  # read as dictionary: no per-row strings are ever built
        return _without_hash_table(_blank_missing(_dictionary_categorical(values)))
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.large_string()) if not pa.types.is_null(values.type) else \
            pa.chunked_array([pa.array([None] * n, type=pa.large_string())])
    values = pc.fill_null(values, "")
    if col in CATEGORICAL.get(table, ()):
        return _without_hash_table(_dictionary_categorical(pc.dictionary_encode(values)))
    return pd.Series(values.to_pandas(), dtype="str")


def _dictionary_categorical(values: pa.ChunkedArray) -> pd.Series:
    """A dictionary column as a categorical whose categories stay Arrow text.

    pandas' own conversion makes one Python string per distinct value (for the quotes of 100,000
    articles, 0.4 GB more than the text itself); the dictionaries are unified as pandas would.
    """
    unified = values.unify_dictionaries()
    dictionary = unified.chunk(0).dictionary if unified.num_chunks else pa.array([], pa.large_string())
    codes = [pc.fill_null(chunk.indices.cast(pa.int64()), -1).to_numpy() for chunk in unified.chunks]
    categories = pd.Index(pd.array(dictionary.cast(pa.large_string()), dtype="str"))
    return pd.Series(pd.Categorical.from_codes(np.concatenate(codes) if codes else np.empty(0, np.int64),
                                               categories=categories))


def _without_hash_table(cat: pd.Series) -> pd.Series:
    """The categorical without the hash table pandas keeps once it has checked its categories are unique.

    For Arrow text that table holds one Python string per category: ~0.3 GB for the million distinct
    quotes of 100,000 articles, which no view looks up by text (search uses the folded quotes). pandas
    rebuilds it if it is ever needed.
    """
    getattr(cat.cat.categories, "_cache", {}).pop("_engine", None)
    return cat


def _blank_missing(cat: pd.Series) -> pd.Series:
    """A categorical of text with "" for missing values and only the categories in use."""
    if not isinstance(cat.cat.categories.dtype, pd.StringDtype):
        cat = cat.cat.rename_categories(cat.cat.categories.astype("str"))
    if cat.isna().any():
        cat = cat.cat.add_categories([""]).fillna("") if "" not in cat.cat.categories else cat.fillna("")
    used = np.bincount(cat.cat.codes.to_numpy(), minlength=len(cat.cat.categories)) > 0
    return cat if used.all() else cat.cat.remove_unused_categories()


def load_article_texts(folder: Path, ids: Iterable[str]) -> pd.DataFrame:
    """Text and boilerplate of a few articles, read on demand (article_id, text, boilerplate)."""
    wanted = sorted({str(i) for i in ids})
    folder = Path(folder)
    columns = ["article_id", "text", "boilerplate"]
    parquet = folder / "articles.parquet"
    if parquet.exists() and wanted:
        table = pq.read_table(parquet, columns=columns, filters=[("article_id", "in", wanted)])
        frame = table.to_pandas()
    elif (folder / "articles.csv").exists() and wanted:
        frame = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False, usecols=columns)
        frame = frame[frame["article_id"].isin(wanted)]
    else:
        frame = pd.DataFrame(columns=columns)
    return pd.DataFrame({c: frame[c].fillna("").astype(str) if c in frame else [] for c in columns})


def article_text(folder: Path, article_id: str) -> tuple[str, str]:
    """(text, boilerplate) of one article; empty strings when unknown."""
    frame = load_article_texts(folder, [article_id])
    if frame.empty:
        return "", ""
    return str(frame["text"].iloc[0]), str(frame["boilerplate"].iloc[0])


# Read at load: what the filters and the pages' first views need. Other tables wait until asked for.
RESIDENT = ("articles", "sources", "entities", "pledges", "errors", "events")
# Read with the lookups: the cached lookups hold the quotes once each (building them reads the quotes).
FROM_LOOKUPS: dict[str, tuple[str, ...]] = {"pledges": ("quote",)}
# Columns read once to build the lookups, then dropped.
LOOKUP_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {  # (table, its columns), each read in its own step
    "pledge_actor_ids": ("pledge_actors", ("pledge_id",)),
    "pledge_actors": ("pledge_actors", ("entity_id", "role")),
    "mentions": ("mentions", ("article_id", "entity_id", "start", "end")),
    "sentences": ("sentences", ("article_id", "paragraph", "start", "end")),
    "claim_members": ("claim_members", ("claim_id", "pledge_id", "statement_id")),
    "claims": ("claims", ("claim_id", "n_outlets")),
}


def load_corpus(folder: Path) -> Corpus:
    """Read the tables the dashboard starts from, with the per-statement lookups (cached next to the tables)."""
    folder = Path(folder)
    contract = table_columns()
    with returnable_allocations():
        frames = {name: read_table(folder, name, [c for c in contract[name] if c not in FROM_LOOKUPS.get(name, ())])
                  for name in RESIDENT}  # the quotes come with the lookups
        corpus = _build_corpus(folder, read_run(folder), contract, frames, cache=True)
        del frames  # what the corpus does not keep (the pledges frame before its lookup columns)
        release_freed_memory()
    release_freed_memory()  # again, for Arrow's default pool: readers that pick their own pool still use it
    return corpus


def prepare_corpus(folder: Path) -> None:
    """Build the lookups and the search's word index beside freshly written tables (the pipeline calls
    this), so that the first page load only reads them.

    The corpus a page holds is not loaded. The quotes' part of the lookups is built and saved first,
    then the ids' part (each reading its own columns), and the word index is built from the saved
    folded quotes: at 100,000 articles this is what keeps preparation under 1 GB.
    """
    folder = Path(folder)
    with returnable_allocations():
        pledges = read_columns(folder, "pledges", ["category", "kind"])  # the rest is read step by step
        entities = read_table(folder, "entities", table_columns()["entities"])
        topic_labels, _kind_labels = _labels(pledges)
        key = lookups_key(folder, topic_labels)
        lookups = read_lookups(folder, key, len(pledges))  # memory-mapped: cheap to open
        if lookups is None:
            quote, search_text = quote_lookups(folder, pledges)
            if not save_lookup_tables(folder, key, {"quotes": _quotes_table(quote, search_text)}):
                return  # a folder we cannot write to: the dashboard builds everything when it loads
            del quote, search_text
            release_freed_memory()
            lookups = id_lookups(folder, pledges, entities, _entity_names(entities), topic_labels)
            if not save_lookup_tables(folder, key, _id_tables(lookups)):
                return
            del lookups
            release_freed_memory()
            lookups = read_lookups(folder, key, len(pledges))  # the folded quotes as saved, memory-mapped
        if lookups is not None:
            TextSearch(lookups.search_text, word_index_path(folder, key)).prepare()


def prepare_corpus_alone(folder: Path) -> None:
    """prepare_corpus in a process that does nothing else (the pipeline's and the benchmark's child):
    blocks freed there go back to the OS at once (`return_large_blocks_when_freed`, for good)."""
    return_large_blocks_when_freed()
    prepare_corpus(folder)


def empty_corpus(folder: Path | None = None) -> Corpus:
    """A corpus with every table present and no rows (what a fresh upload folder looks like)."""
    contract = table_columns()
    frames = {name: _frame(pa.table({}), name, [c for c in cols if c not in LAZY_COLUMNS.get(name, ())])
              for name, cols in contract.items()}
    return _build_corpus(Path(folder or "."), {}, contract, frames, cache=False)


def _build_corpus(folder: Path, run: dict, contract: dict[str, list[str]], frames: dict[str, pd.DataFrame],
                  cache: bool) -> Corpus:
    pledges, entities = frames["pledges"], frames["entities"]
    topic_labels, kind_labels = _labels(pledges)
    names = _entity_names(entities)
    key = lookups_key(folder, topic_labels)
    lookups = read_lookups(folder, key, len(pledges)) if cache else None
    if lookups is None:
        lookups = build_lookups(folder, pledges, entities, names, topic_labels, from_disk=cache)
        if cache:
            write_lookups(folder, key, lookups)
    resident = [c for c in contract["pledges"] if c not in LAZY_COLUMNS.get("pledges", ())]
    pledges = pledges.assign(quote=lookups.columns["quote"])[resident]
    tables = Tables(folder, contract, {**frames, "pledges": pledges})
    actors = actor_index(lookups, entities)
    names.update({k: _country_name(k) for k in actors.present_keys() if k not in names})
    enriched = enrich_pledges(tables, lookups.columns, topic_labels, kind_labels)
    search = TextSearch(lookups.search_text, word_index_path(folder, key) if cache else None)
    return Corpus(folder=folder, run=run, tables=tables, pledges=enriched, actors=actors, names=names,
                  topic_labels=topic_labels, kind_labels=kind_labels, search_text=lookups.search_text,
                  text_search=search)


# ---------------------------------------------------------------- lookups, and their cache on disk


@dataclass(frozen=True, slots=True, eq=False)
class Lookups:
    """What loading derives from matching ids across the big tables: the costly part, cached on disk."""

    universe: pd.Index  # entity ids in actor-index key order
    row: np.ndarray  # actor-index entries (see ActorIndex)
    entity: np.ndarray
    role: np.ndarray
    columns: dict[str, pd.Series]  # per pledge row: LOOKUP_COLUMNS (ID_LOOKUP_COLUMNS from id_lookups)
    search_text: pa.ChunkedArray  # quotes folded for search, one dictionary entry per distinct quote (empty
    # from id_lookups)


ID_LOOKUP_COLUMNS = ("stmt", "paragraph", "para_start", "para_end", "topics", "speakers", "targets", "claim_id",
                     "n_outlets")
LOOKUP_COLUMNS = ("quote", *ID_LOOKUP_COLUMNS)
LOOKUP_FILES = ("rows", "quotes", "entries")  # ID_LOOKUP_COLUMNS; the quotes and their folded text; the actor index
LOOKUPS_DIR = ".dashboard-lookups"  # inside the corpus folder; the pipeline replaces the folder as a whole
LOOKUPS_FORMAT = "4"  # bump when what Lookups holds changes


def build_lookups(folder: Path, pledges: pd.DataFrame, entities: pd.DataFrame, names: dict[str, str],
                  topic_labels: dict[str, str], *, from_disk: bool = True) -> Lookups:
    """Match ids across pledges, pledge_actors, mentions, sentences and claims (read for this, then dropped),
    and the quotes with their folded text for search."""
    lookups = id_lookups(folder, pledges, entities, names, topic_labels, from_disk=from_disk)
    quote, search_text = quote_lookups(folder, pledges)
    return replace(lookups, columns={"quote": quote, **lookups.columns}, search_text=search_text)


def _pledge_columns(folder: Path, pledges: pd.DataFrame, *cols: str) -> pd.DataFrame:
    """These columns of `pledges`, read from disk when it lacks them."""
    missing = [c for c in cols if c not in pledges]
    read = read_columns(folder, "pledges", missing) if missing else pd.DataFrame(index=pledges.index)
    if len(read) != len(pledges):
        raise ValueError(f"{Path(folder) / 'pledges'}: {len(read)} rows on disk, {len(pledges)} read before "
                         "(the table changed while the dashboard was being prepared)")
    return pd.DataFrame({c: pledges[c] if c in pledges else read[c] for c in cols}, index=pd.RangeIndex(len(pledges)),
                        copy=False)


def quote_lookups(folder: Path, pledges: pd.DataFrame) -> tuple[pd.Series, pa.ChunkedArray]:
    """Each row's quote, one category per distinct quote, and the quotes folded for search."""
    quote = distinct_text(_pledge_columns(folder, pledges, "quote")["quote"])
    return quote, fold_column(quote)


def id_lookups(folder: Path, pledges: pd.DataFrame, entities: pd.DataFrame, names: dict[str, str],
               topic_labels: dict[str, str], *, from_disk: bool = True) -> Lookups:
    """The lookups matched by ids and offsets: ID_LOOKUP_COLUMNS and the actor entries (no quotes, and an
    empty search_text: quote_lookups gives those).

    Built in steps, each reading what it matches and dropping it before the next: the id strings, then
    the sentences' offsets, then the mentions. A pledge column `pledges` lacks is read when its step
    comes (prepare_corpus passes none of the id strings), so at 100,000 articles no two of these big
    reads are held at once.
    """
    def pledge_columns(*cols: str) -> pd.DataFrame:
        return _pledge_columns(folder, pledges, *cols)

    def source(name: str) -> pd.DataFrame:
        table, cols = LOOKUP_SOURCES[name]
        return read_columns(folder, table, cols) if from_disk else _frame(pa.table({}), table, cols)

    n_rows = len(pledges)
    pledge_ids = pledge_columns("pledge_id", "statement_id")
    actor_rows = positions(source("pledge_actor_ids")["pledge_id"], pledge_ids["pledge_id"])
    members = source("claim_members")
    ids = join_ids(pledge_ids, actor_rows, members)
    del pledge_ids
    claim_id, n_outlets = _corroboration(ids, members, source("claims"))
    del members
    release_freed_memory()
    actors = source("pledge_actors")

    spans = pledge_columns("article_id", "start", "end")
    sentences = source("sentences")

    def sentence_ids() -> tuple[pd.Series, pd.Series]:  # only for statements without a usable span
        return (pledge_columns("sentence_id")["sentence_id"],
                read_columns(folder, "sentences", ["sentence_id"])["sentence_id"])

    places = sentence_places(spans, sentences, sentence_ids)
    windows = mention_windows(spans, places, sentences)
    del sentences
    release_freed_memory()
    universe, row, entity, role = actor_entries(spans, actors, ids.actor_rows, source("mentions"), entities, windows)
    del spans, windows
    release_freed_memory()

    present = actor_index(Lookups(universe, row, entity, role, {}, pa.chunked_array([], pa.string())),
                          entities).present_keys()
    names = {**names, **{k: _country_name(k) for k in present if k not in names}}
    columns = {"stmt": pd.Series(ids.stmt, dtype="int64"), "paragraph": pd.Series(places.paragraph, dtype="int64"),
               "para_start": pd.Series(places.para_start, dtype="int32"),
               "para_end": pd.Series(places.para_end, dtype="int32"),
               "topics": _statement_topics(ids.stmt, _relabel(pledge_columns("category")["category"], topic_labels))}
    for role_name in ("speaker", "target"):
        columns[f"{role_name}s"] = _actor_names(actors, ids.actor_rows, n_rows, names, role_name)
    columns["claim_id"], columns["n_outlets"] = claim_id, n_outlets
    return Lookups(universe, row, entity, role, columns, pa.chunked_array([], pa.large_string()))


def distinct_text(values: pd.Series) -> pd.Series:
    """A text column as a categorical (one hash pass in Arrow): a quote repeated across rows is kept once."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values
    encoded = pc.dictionary_encode(pa.chunked_array(_arrow_chunks(values), type=pa.large_string())).combine_chunks()
    categories = pd.Index(pd.array(encoded.dictionary, dtype="str"))
    return _without_hash_table(pd.Series(pd.Categorical.from_codes(encoded.indices.to_numpy(zero_copy_only=False),
                                                                   categories=categories)))


def lookups_key(folder: Path, topic_labels: dict[str, str]) -> str:
    """Changes whenever a table file, run.json, the topic labels or the cache format change."""
    digest = hashlib.sha256(f"{LOOKUPS_FORMAT}|{json.dumps(topic_labels, sort_keys=True)}".encode())
    folder = Path(folder)
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file():
            stat = path.stat()
            digest.update(f"|{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def write_lookups(folder: Path, key: str, lookups: Lookups) -> bool:
    """Save the lookups next to the tables (each file atomically; a load needs all of them, so a partly
    saved set is rebuilt). False when the folder is not writable."""
    return save_lookup_tables(folder, key, {"quotes": _quotes_table(lookups.columns["quote"], lookups.search_text),
                                            **_id_tables(lookups)})


def _quotes_table(quote: pd.Series, search_text: pa.ChunkedArray) -> pa.Table:
    return pa.table({"quote": pa.array(quote), "search_text": search_text})


def _id_tables(lookups: Lookups) -> dict[str, pa.Table]:
    rows = pa.table({name: pa.array(lookups.columns[name]) for name in ID_LOOKUP_COLUMNS})
    entries = pa.table({"row": lookups.row, "entity": lookups.entity, "role": lookups.role},
                       metadata={"universe": json.dumps([str(u) for u in lookups.universe])})
    return {"rows": rows, "entries": entries}


def save_lookup_tables(folder: Path, key: str, tables: Mapping[str, pa.Table]) -> bool:
    """Save some of the lookups' files (each atomically), dropping those of other versions of the tables.

    False when the folder is not writable.
    """
    target = Path(folder) / LOOKUPS_DIR
    try:
        target.mkdir(exist_ok=True)
        for old in target.iterdir():
            if not old.name.startswith(key):
                old.unlink()
        for name, table in tables.items():
            staging = target / f"{key}-{name}.arrow.tmp-{os.getpid()}"
            try:
                with pa.OSFile(str(staging), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                    writer.write_table(table)
                staging.replace(lookup_path(folder, key, name))
            finally:
                staging.unlink(missing_ok=True)  # left only when writing failed (a full disk)
    except OSError:
        return False
    return True


def lookup_path(folder: Path, key: str, name: str) -> Path:
    """One of the lookups' files (LOOKUP_FILES) for this version of the tables."""
    return Path(folder) / LOOKUPS_DIR / f"{key}-{name}.arrow"


def lookups_saved(folder: Path, key: str) -> bool:
    return all(lookup_path(folder, key, name).is_file() for name in LOOKUP_FILES)


def _mapped_table(path: Path) -> pa.Table:
    """An Arrow file memory-mapped: nothing is parsed, and only the pages read become resident."""
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()


def word_index_path(folder: Path, key: str) -> Path:
    """Where the search's word index is saved once built (beside the lookups, so replaced with them)."""
    return Path(folder) / LOOKUPS_DIR / f"{key}-words.arrow"


def read_lookups(folder: Path, key: str, n_rows: int) -> Lookups | None:
    """The cached lookups for this exact version of the tables, or None (memory-mapped: nothing is parsed)."""
    if not lookups_saved(folder, key):
        return None
    try:
        rows, quotes, entries = (_mapped_table(lookup_path(folder, key, name)) for name in LOOKUP_FILES)
        universe = pd.Index(json.loads(entries.schema.metadata[b"universe"]), dtype=object)
    except (OSError, ValueError, KeyError, pa.ArrowInvalid):
        return None
    if rows.num_rows != n_rows or quotes.num_rows != n_rows or set(rows.column_names) != set(ID_LOOKUP_COLUMNS) \
            or set(quotes.column_names) != {"quote", "search_text"}:
        return None
    textual = ("quote", "topics", "speakers", "targets")  # saved as dictionaries
    columns = {name: _without_hash_table(_dictionary_categorical(table.column(name))) if name in textual
               else pd.Series(table.column(name).to_pandas())
               for table, names in ((quotes, ("quote",)), (rows, ID_LOOKUP_COLUMNS)) for name in names}
    array = {name: entries.column(name).to_numpy() for name in ("row", "entity", "role")}
    return Lookups(universe, array["row"], array["entity"], array["role"], columns, quotes.column("search_text"))


# ---------------------------------------------------------------- lookups built at load


def _labels(pledges: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    from dashboard.preprocess.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    topics = {c.id: c.label for c in taxonomy.categories}
    for cid in _distinct(pledges["category"]):
        topics.setdefault(cid, cid.replace("_", " ").capitalize())
    kinds = {k.id: k.label for k in taxonomy.kinds}
    for kid in _distinct(pledges["kind"]):
        kinds.setdefault(kid, kid.capitalize())
    return topics, kinds


def _distinct(values: pd.Series) -> list[str]:
    """Distinct values in order of appearance (from the codes, for a categorical)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = pd.unique(values.cat.codes.to_numpy())
        return [str(c) for c in values.cat.categories[codes[codes >= 0]]]
    return [str(v) for v in values.unique()]


def _entity_names(entities: pd.DataFrame) -> dict[str, str]:
    return dict(zip(entities["entity_id"].astype(str), entities["name"].astype(str), strict=True))


def _country_name(entity_id: str) -> str:
    code = entity_id.split(":", 1)[-1]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code.upper())
    except (ImportError, LookupError, KeyError):
        country = None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def country_key(iso3: str, by_iso3: dict[str, str]) -> str:
    """Entity id of the country with this ISO3 code (the corpus's own id when it has one)."""
    iso3 = iso3.strip().upper()
    return by_iso3.get(iso3, f"country:{iso3}")


def positions(values: pd.Series, targets: pd.Series) -> np.ndarray:
    """Position of each value in `targets` (its first, when repeated), -1 when absent; hashed in Arrow."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        at = positions(pd.Series(values.cat.categories.astype(str), dtype="str"), targets)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, at[np.maximum(codes, 0)] if len(at) else -1, -1).astype(np.int64)
    if len(values) == 0 or len(targets) == 0:
        return np.full(len(values), -1, dtype=np.int64)
    found = pc.index_in(arrow_text(values), value_set=arrow_text(targets))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def shared_codes(*columns: pd.Series) -> list[np.ndarray]:
    """Integer codes of several text columns over one vocabulary, numbered in order of first appearance.

    One hash pass over all the columns; equal strings get equal codes in every column.
    """
    chunks = [c.cast(pa.large_string()) for col in columns for c in _arrow_chunks(col)]
    if not sum(len(c) for c in chunks):
        return [np.empty(0, dtype=np.int64) for _ in columns]
    encoded = pc.dictionary_encode(pa.chunked_array(chunks, type=pa.large_string()))
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in encoded.chunks]).astype(np.int64)
    bounds = np.cumsum([0, *(len(col) for col in columns)])
    return [codes[lo:hi] for lo, hi in itertools.pairwise(bounds)]


def first_position(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """For each code 0..n_codes-1, the first position holding it (-1 when none)."""
    first = np.full(n_codes, -1, dtype=np.int64)
    found, at = np.unique(codes[codes >= 0], return_index=True) if len(codes) else (codes, codes)
    first[found[found < n_codes]] = np.flatnonzero(codes >= 0)[at][found < n_codes]
    return first


def arrow_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow text (zero-copy for the Arrow-backed "str" dtype)."""
    return pa.array(values.astype(str).astype("str"), type=pa.large_string())


def _arrow_chunks(values: pd.Series) -> list[pa.Array]:
    arr = arrow_text(values) if len(values) else pa.array([], type=pa.large_string())
    return list(arr.chunks) if isinstance(arr, pa.ChunkedArray) else [arr]


@dataclass(frozen=True, slots=True)
class IdJoins:
    """Id columns matched once, as integers: each later lookup is an array index, not a string join."""

    stmt: np.ndarray  # statement code of each pledge row (numbered in order of first appearance)
    actor_rows: np.ndarray  # pledge row of each pledge_actors row (-1 when its pledge is unknown)
    member_rows: np.ndarray  # pledge row of each claim_members row, by pledge_id (-1 when none)
    member_stmts: np.ndarray  # statement code of each claim_members row, by statement_id (-1 when none)


def join_ids(pledges: pd.DataFrame, actor_rows: np.ndarray, members: pd.DataFrame) -> IdJoins:
    """Match statement ids, and claim_members' pledge and statement ids, against the pledges' own.

    `actor_rows` comes from `positions(pledge_actors' pledge_id, pledges' pledge_id)`, done beforehand
    so that those ids are dropped before claim_members is read. Only the pledges' ids are hashed, not a
    vocabulary of every table's ids (at 100,000 articles that held ~0.3 GB more).
    """
    stmt, m_stmt = shared_codes(pledges["statement_id"], members["statement_id"])  # pledges' codes come first
    n_stmt = int(stmt.max()) + 1 if len(stmt) else 0
    return IdJoins(stmt=stmt, actor_rows=actor_rows, member_rows=positions(members["pledge_id"], pledges["pledge_id"]),
                   member_stmts=np.where(m_stmt < n_stmt, m_stmt, -1))


@dataclass(frozen=True, slots=True)
class SentencePlaces:
    """Where each pledge row sits: its sentence (position in the sentences table) and paragraph bounds."""

    sentence: np.ndarray  # -1 when not found
    paragraph: np.ndarray  # -1 when not found
    para_start: np.ndarray  # offsets of the whole paragraph in the article text, -1 when not found
    para_end: np.ndarray


def sentence_places(pledges: pd.DataFrame, sentences: pd.DataFrame,
                    sentence_ids: Callable[[], tuple[pd.Series, pd.Series]] | None = None) -> SentencePlaces:
    """Each statement's sentence found by offsets (the sentence of its article that holds its start).

    Statements without a usable span fall back to matching sentence ids: `sentence_ids` gives those of
    the pledges and of the sentences, read only then.
    """
    n = len(pledges)
    art_p, art_s = _shared_article_codes(pledges["article_id"], sentences["article_id"])
    s_start, s_end = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    sentence = _containing(art_s, s_start, s_end, art_p, pledges["start"].to_numpy(), pledges["end"].to_numpy())
    missing = np.flatnonzero(sentence < 0)
    if len(missing) and len(sentences):
        pledge_ids, ids = sentence_ids() if sentence_ids is not None else (None, pd.Series([], dtype="str"))
        if pledge_ids is not None and len(ids) == len(sentences):
            sentence[missing] = positions(pledge_ids.iloc[missing].reset_index(drop=True), ids)
    found = sentence >= 0
    paragraphs = sentences["paragraph"].to_numpy()
    paragraph = np.where(found, paragraphs[np.maximum(sentence, 0)] if len(sentences) else -1, -1)
    lo, hi = _paragraph_bounds(art_s, paragraphs, s_start, s_end)
    take = np.maximum(sentence, 0)
    return SentencePlaces(sentence=sentence, paragraph=paragraph.astype(np.int64),
                          para_start=np.where(found, lo[take] if len(lo) else -1, -1).astype(np.int64),
                          para_end=np.where(found, hi[take] if len(hi) else -1, -1).astype(np.int64)) \
        if n else SentencePlaces(*(np.empty(0, dtype=np.int64) for _ in range(4)))


def _shared_article_codes(*columns: pd.Series) -> list[np.ndarray]:
    """Article codes comparable across tables (via the categories, not the rows)."""
    cats = [c.astype("category") for c in columns]
    codes = shared_codes(*(pd.Series(c.cat.categories.astype(str), dtype="str") for c in cats))
    return [np.where(c.cat.codes.to_numpy() >= 0, k[np.maximum(c.cat.codes.to_numpy(), 0)] if len(k) else -1, -1)
            for c, k in zip(cats, codes, strict=True)]


def _containing(art: np.ndarray, start: np.ndarray, end: np.ndarray, q_art: np.ndarray, q_start: np.ndarray,
                q_end: np.ndarray) -> np.ndarray:
    """For each query span, the position of the interval of the same article holding its start (-1: none)."""
    if len(art) == 0 or len(q_art) == 0:
        return np.full(len(q_art), -1, dtype=np.int64)
    order, keys = _sort_keys(_offset_keys(art, start))
    at = np.searchsorted(keys, _offset_keys(q_art, q_start), side="right") - 1
    cand = np.maximum(at, 0) if order is None else order[np.maximum(at, 0)]
    ok = (at >= 0) & (q_art >= 0) & (q_end > q_start) & (art[cand] == q_art) & (start[cand] <= q_start) & \
        (q_start < end[cand])
    return np.where(ok, cand, -1).astype(np.int64)


def _offset_keys(art: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """(article code, offset) packed into one sortable int64."""
    return art.astype(np.int64) * (1 << 32) + (np.clip(offset, -1, (1 << 31) - 1).astype(np.int64) + 1)


def _sort_keys(keys: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """(order, keys[order]), ascending; order is None when they already are (the pipeline writes tables in
    article order): no sort and no permutation to apply."""
    if (keys[1:] >= keys[:-1]).all():
        return None, keys
    order = np.argsort(keys, kind="stable")
    return order, keys[order]


def _paragraph_bounds(art: np.ndarray, paragraph: np.ndarray, start: np.ndarray,
                      end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: the first start and last end of all sentences of its (article, paragraph)."""
    if len(art) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    key = art.astype(np.int64) * (1 << 32) + (paragraph.astype(np.int64) + 1)
    if (key[1:] >= key[:-1]).all():  # paragraphs in order: each is one run of rows
        first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
        group = np.repeat(np.arange(len(first)), np.diff(np.append(first, len(key))))
        return np.minimum.reduceat(start, first)[group], np.maximum.reduceat(end, first)[group]
    group = pd.factorize(key)[0]
    lo = np.full(group.max() + 1, np.iinfo(np.int64).max)
    hi = np.full(group.max() + 1, np.iinfo(np.int64).min)
    np.minimum.at(lo, group, start)
    np.maximum.at(hi, group, end)
    return lo[group], hi[group]


def mention_windows(pledges: pd.DataFrame, places: SentencePlaces,
                    sentences: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per pledge row, the span whose mentions count as "mentioned in the statement".

    The statement's own span; its whole sentence when the span is unknown.
    """
    start, end = pledges["start"].to_numpy(), pledges["end"].to_numpy()
    unknown = (end <= start) & (places.sentence >= 0)
    if not unknown.any():
        return start, end
    s = places.sentence[unknown]
    start, end = start.copy(), end.copy()
    start[unknown] = sentences["start"].to_numpy()[s]
    end[unknown] = sentences["end"].to_numpy()[s]
    return start, end


def _take_category(values: pd.Series, at: np.ndarray) -> pd.Series:
    """values[at] for a categorical column; "" where at == -1."""
    cat = values.astype("category")
    if "" not in cat.cat.categories:
        cat = cat.cat.add_categories([""])
    codes = cat.cat.codes.to_numpy()
    blank = cat.cat.categories.get_loc("")
    taken = np.where(at >= 0, codes[np.maximum(at, 0)] if len(codes) else blank, blank)
    return pd.Series(pd.Categorical.from_codes(taken, categories=cat.cat.categories))


def join_groups(group: np.ndarray, values: pa.Array, n_groups: int, sep: str) -> pd.Series:
    """For each group 0..n_groups-1, its values joined with `sep` (in the given order within a group)."""
    order = np.argsort(group, kind="stable")
    counts = np.bincount(group, minlength=n_groups) if len(group) else np.zeros(n_groups, dtype=np.int64)
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    lists = pa.ListArray.from_arrays(offsets, pc.take(values, pa.array(order.astype(np.int64))))
    return pd.Series(pc.binary_join(lists, pa.scalar(sep, pa.large_string())).to_pandas(), dtype="str")


def enrich_pledges(tables: Mapping[str, pd.DataFrame], lookups: Mapping[str, pd.Series],
                   topic_labels: dict[str, str], kind_labels: dict[str, str]) -> pd.DataFrame:
    """The pledges table plus readable joined columns, one row per statement x topic."""
    p = tables["pledges"].reset_index(drop=True)
    art = tables["articles"]
    at = positions(p["article_id"], art["article_id"])
    out = {c: p[c] for c in p.columns}
    for col in ("outlet", "source_id", "published", "author", "event_id", "title"):
        out[col] = _take_category(art[col], at)
    out["url"] = _take_category(art["url"].astype(str).map(safe_url), at)  # links shown: web links only
    out["date"] = _dates(out["published"])
    out["paragraph"], out["para_start"], out["para_end"] = (lookups[c] for c in ("paragraph", "para_start", "para_end"))
    out["topic"] = _relabel(p["category"], topic_labels)
    out["kind_label"] = _relabel(p["kind"], kind_labels)
    for col in ("stmt", "topics", "speakers", "targets", "claim_id", "n_outlets"):
        out[col] = lookups[col]
    out["reported_by"] = _badges(lookups["n_outlets"])
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _statement_topics(stmt: np.ndarray, topic: pd.Series) -> pd.Series:
    """For each row, the "; "-joined topic labels of its statement (categorical)."""
    if not len(stmt):
        return pd.Series([], dtype="category")
    topics = join_groups(stmt, _category_text(topic), int(stmt.max()) + 1, "; ").astype("category")
    return pd.Series(pd.Categorical.from_codes(topics.cat.codes.to_numpy()[stmt], topics.cat.categories))


def _dates(published: pd.Series) -> pd.Series:
    """"YYYY-MM-DD" categories parsed once each, not once per row."""
    cat = published.astype("category")
    days = pd.to_datetime(pd.Series(cat.cat.categories.astype(str)), format="%Y-%m-%d", errors="coerce")
    return pd.Series(days.to_numpy()[cat.cat.codes.to_numpy()] if len(days) else
                     np.full(len(cat), np.datetime64("NaT"), dtype="datetime64[us]")).astype("datetime64[us]")


def _equals(values: pd.Series, value: str) -> np.ndarray:
    """values == value, compared once per category for a categorical."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        hits = np.append(np.asarray(values.cat.categories.astype(str)) == value, False)
        return hits[values.cat.codes.to_numpy()]
    return (values.astype(str) == value).to_numpy()


def _category_text(values: pd.Series) -> pa.Array:
    """A categorical column as Arrow text, taken from its categories (no per-row Python strings)."""
    cat = values.astype("category")
    categories = pa.array(pd.Series(cat.cat.categories, dtype="str"), type=pa.large_string())
    if isinstance(categories, pa.ChunkedArray):
        categories = categories.combine_chunks()
    codes = cat.cat.codes.to_numpy()
    return pc.take(categories, pa.array(codes.astype(np.int64), mask=codes < 0))


def _relabel(ids: pd.Series, labels: dict[str, str]) -> pd.Series:
    """Categorical ids -> categorical labels (computed on the categories, not the rows)."""
    cat = ids.astype("category")
    mapped = [labels.get(str(c), str(c)) for c in cat.cat.categories]
    if len(set(mapped)) == len(mapped):
        return pd.Series(pd.Categorical.from_codes(cat.cat.codes, categories=mapped))
    return cat.astype(str).map(lambda c: labels.get(c, c)).astype("category")


def _actor_names(actors: pd.DataFrame, rows: np.ndarray, n_rows: int, names: dict[str, str],
                 role: str) -> pd.Series:
    """For each row: the names of its speakers or targets, ", "-joined (categorical)."""
    entity = actors["entity_id"].astype("category")
    mine = _equals(actors["role"], role) & (rows >= 0)
    display = pa.array([names.get(str(e), str(e)) for e in entity.cat.categories], type=pa.large_string())
    codes = entity.cat.codes.to_numpy()[mine]
    name_array = pc.take(display, pa.array(codes.astype(np.int64))) if len(display) else \
        pa.array([""] * len(codes), type=pa.large_string())
    joined = join_groups(rows[mine], name_array, n_rows, ", ")
    return pd.Series(pc.dictionary_encode(pa.array(joined, type=pa.large_string())).to_pandas(), dtype="category")


def _corroboration(ids: IdJoins, members: pd.DataFrame, claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Claim of each row and how many independent outlets report it (1 when in no multi-source claim).

    A row's claim is that of its first claim_members row with the same pledge_id, else the same statement_id.
    """
    n_rows = len(ids.stmt)
    n_stmt = int(ids.stmt.max()) + 1 if n_rows else 0
    by_row = first_position(ids.member_rows, n_rows)
    by_stmt = first_position(ids.member_stmts, n_stmt)
    member = np.where(by_row >= 0, by_row, by_stmt[ids.stmt] if n_rows else -1).astype(np.int64)
    member_claim, claim = shared_codes(members["claim_id"], claims["claim_id"])
    n_codes = int(max(member_claim.max(initial=-1), claim.max(initial=-1))) + 1
    claim_at = first_position(claim, n_codes)
    outlets = np.where(claim_at >= 0, claims["n_outlets"].to_numpy()[np.maximum(claim_at, 0)] if len(claims) else 1, 1)
    n = np.where(member >= 0, outlets[member_claim[np.maximum(member, 0)]] if len(members) else 1, 1)
    return _take_text(members["claim_id"], member), pd.Series(np.clip(n, 1, None).astype(np.int64))


def _take_text(values: pd.Series, at: np.ndarray) -> pd.Series:
    """values[at] for a text column; "" where at == -1 (Arrow take, no Python strings)."""
    if len(values) == 0:
        return pd.Series(np.full(len(at), "", dtype=object), dtype="str")
    text = pa.chunked_array(_arrow_chunks(values), type=pa.large_string())
    taken = pc.take(text, pa.array(np.maximum(at, 0).astype(np.int64)))
    return pd.Series(pc.if_else(pa.array(at >= 0), taken, pa.scalar("", pa.large_string())), dtype="str")


def _badges(n_outlets: pd.Series) -> pd.Series:
    """"3 outlets" / "single source" per row, computed once per distinct count."""
    counts, codes = np.unique(n_outlets.to_numpy(), return_inverse=True)
    labels = [f"{n} outlets" if n > 1 else "single source" for n in counts]
    return pd.Series(pd.Categorical.from_codes(codes.reshape(-1), categories=labels)) if len(counts) else \
        pd.Series([], dtype="category")


def actor_entries(pledges: pd.DataFrame, actors: pd.DataFrame, actor_rows: np.ndarray, mentions: pd.DataFrame,
                  entities: pd.DataFrame, windows: tuple[np.ndarray, np.ndarray]) -> tuple[pd.Index, ...]:
    """(universe, row, entity, role): speakers, targets and entities mentioned inside each row's window.

    One entry per (entity, role, row), sorted by them; entity codes index `universe`.
    """
    universe = _universe(entities, actors["entity_id"], mentions["entity_id"])
    rows, ents, roles = _role_pairs(actors, actor_rows, universe)
    m_rows, m_ents = _mention_pairs(pledges, windows, mentions, universe)
    rows = np.concatenate([rows, m_rows])
    ents = np.concatenate([ents, m_ents])
    roles = np.concatenate([roles, np.full(len(m_rows), ROLES.index("mention"), dtype=np.int8)])
    del m_rows, m_ents
    n_rows = max(len(pledges), 1)
    # one int64 per entry, ordered by entity, role, row; distinct (sorted in place: no second copy)
    packed = (ents.astype(np.int64) * len(ROLES) + roles) * n_rows + rows
    del rows, ents, roles
    packed = distinct_sorted(packed)
    entity_role = packed // n_rows
    return (universe, (packed % n_rows).astype(np.int32), (entity_role // len(ROLES)).astype(np.int32),
            (entity_role % len(ROLES)).astype(np.int8))


def actor_index(lookups: Lookups, entities: pd.DataFrame) -> ActorIndex:
    """The actor index over the cached entries, with the links (nationality, bloc membership) of today's entities."""
    keys, link_from, link_to, link_via = _links(entities, lookups.universe)
    entity_role = lookups.entity.astype(np.int64) * len(ROLES) + lookups.role
    return ActorIndex(keys=keys, row=lookups.row, entity=lookups.entity, role=lookups.role,
                      starts=np.searchsorted(entity_role, np.arange(len(keys) * len(ROLES) + 1)),
                      link_from=link_from, link_to=link_to, link_via=link_via,
                      key_type=np.array([str(k).split(":", 1)[0] for k in keys], dtype=object))


def _universe(entities: pd.DataFrame, *columns: pd.Series) -> pd.Index:
    """Entity ids: the entities table, then ids only the other tables use (in order of appearance)."""
    ids = [entities["entity_id"].astype(str)] + [pd.Series(_distinct(c), dtype="str") for c in columns]
    return pd.Index(pd.unique(pd.concat(ids, ignore_index=True)), dtype=object)


def _role_pairs(actors: pd.DataFrame, rows: np.ndarray, universe: pd.Index) -> tuple[np.ndarray, ...]:
    role_cat = actors["role"].astype("category")
    role_of = np.array([ROLES.index(str(r)) if str(r) in ("speaker", "target") else -1
                        for r in role_cat.cat.categories] + [-1], dtype=np.int8)
    role = role_of[role_cat.cat.codes.to_numpy()]
    ent = _entity_codes(actors["entity_id"], universe)
    keep = (rows >= 0) & (role >= 0) & (ent >= 0)
    return rows[keep], ent[keep], role[keep]


def _entity_codes(values: pd.Series, universe: pd.Index) -> np.ndarray:
    cat = values.astype("category")
    at = np.append(universe.get_indexer(cat.cat.categories.astype(str)), -1)
    return at[cat.cat.codes.to_numpy()].astype(np.int64)


def _mention_pairs(pledges: pd.DataFrame, windows: tuple[np.ndarray, np.ndarray], mentions: pd.DataFrame,
                   universe: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """(row, entity) for every mention of the same article inside a row's window [start, end].

    Offsets are into the article text, so an (article, start)-sorted mention list answers each window
    with two binary searches; no sentence ids are compared.
    """
    if pledges.empty or mentions.empty:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    art_p, art_m = _shared_article_codes(pledges["article_id"], mentions["article_id"])
    m_start, m_end = mentions["start"].to_numpy(), mentions["end"].to_numpy()
    order, keys = _sort_keys(_offset_keys(art_m, m_start))
    w_start, w_end = windows
    usable = (art_p >= 0) & (w_end > w_start)
    lo = np.searchsorted(keys, _offset_keys(art_p, w_start), side="left")
    hi = np.searchsorted(keys, _offset_keys(art_p, w_end), side="right")
    counts = np.where(usable, hi - lo, 0)
    del keys, art_p, art_m, hi
    # the arrays below have one entry per (row, mention) pair: kept narrow, they are the join's peak
    at = _expand_slots(lo, counts) if order is None else order[_expand_slots(lo, counts)]
    row = np.repeat(_compact(np.arange(len(pledges))), counts)
    ent = _compact(_entity_codes(mentions["entity_id"], universe))[at]
    keep = (_compact(m_end)[at] <= _compact(w_end)[row]) & (ent >= 0)
    return row[keep], ent[keep]


def _compact(values: np.ndarray) -> np.ndarray:
    """int32 when every value fits: the many-row arrays taken from it are half the size."""
    if len(values) == 0 or (values.min() >= -(2**31) and values.max() < 2**31):
        return values.astype(np.int32, copy=False)
    return values


def _links(entities: pd.DataFrame, universe: pd.Index) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """Edges (entity code -> key code, via): itself; its country; a bloc's members."""
    info = {str(e): (str(t), str(i), str(c), str(m)) for e, t, i, c, m in zip(
        entities["entity_id"], entities["type"], entities["iso3"], entities["country"], entities["members"],
        strict=True)}
    by_iso3 = {i.upper(): e for e, (t, i, _, _) in info.items() if t == "country" and i}
    keys = list(universe)
    code = {k: n for n, k in enumerate(keys)}

    def key_code(entity_id: str) -> int:
        if entity_id not in code:
            code[entity_id] = len(keys)
            keys.append(entity_id)
        return code[entity_id]

    edges: list[tuple[int, int, int]] = []
    for entity_id in universe:
        kind, iso3, home, members = info.get(entity_id, ("", "", "", ""))
        edges.append((code[entity_id], code[entity_id], VIAS.index("self")))
        if kind in NATIONAL_TYPES and (home or iso3):
            edges.append((code[entity_id], key_code(country_key(home or iso3, by_iso3)), VIAS.index("nationality")))
        if kind == "bloc":
            edges += [(code[entity_id], key_code(country_key(m, by_iso3)), VIAS.index("bloc"))
                      for m in dict.fromkeys(members.split("|")) if m]
    table = np.array(edges, dtype=np.int64).reshape(-1, 3)
    return (pd.Index(keys, dtype=object), table[:, 0].astype(np.int32), table[:, 1].astype(np.int32),
            table[:, 2].astype(np.int8))


def safe_url(url: str) -> str:
    """The URL when it is a web link, else "" (never a javascript: or data: link)."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url, re.IGNORECASE) else ""


# ---------------------------------------------------------------- text folding for search


def fold_text(text: str) -> str:
    """Lower case without accents, so that "viet nam" finds "Việt Nam"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold_series(values: pd.Series) -> pd.Series:
    """fold_text over a column, vectorised with Arrow (no Python loop)."""
    return pd.Series(pd.array(fold_arrow(values), dtype="str"))


FOLD_SLICE = 1 << 16  # texts folded at a time: each step's copies stay small beside the result


def fold_arrow(values: pd.Series) -> pa.ChunkedArray:
    """fold_text over a column as an Arrow array (what the text filter searches), one chunk per slice.

    Folding the million distinct quotes of 100,000 articles at once held three copies of them (0.5 GB).
    """
    arr = pa.chunked_array(_arrow_chunks(values), type=pa.large_string())
    return pa.chunked_array([_fold_slice(arr.slice(at, FOLD_SLICE).combine_chunks())
                             for at in range(0, len(arr), FOLD_SLICE)], type=pa.large_string())


def _fold_slice(arr: pa.Array) -> pa.Array:
    """Plain ASCII text only needs lower-casing; the Unicode steps run on the other texts only."""
    plain = pc.string_is_ascii(arr)
    if pc.all(plain).as_py() is not False:
        return pc.ascii_lower(arr)
    other = pc.invert(plain)
    return pc.replace_with_mask(pc.ascii_lower(arr), other, _fold_unicode(arr.filter(other)))


def _fold_unicode(arr: pa.Array) -> pa.Array:
    for src, dst in _FOLD_EXTRA_PAIRS:
        arr = pc.replace_substring(arr, src, dst)
    arr = pc.utf8_normalize(arr, form="NFKD")
    arr = pc.replace_substring_regex(arr, r"\p{Mn}+", "")
    return pc.utf8_lower(arr)


def fold_column(values: pd.Series) -> pa.ChunkedArray:
    """fold_text over a column, aligned with its rows; a categorical is folded once per category.

    The result is then an Arrow dictionary array: searching it means searching the distinct texts only.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return fold_arrow(values)
    folded = fold_arrow(pd.Series(values.cat.categories.astype(str), dtype="str")).combine_chunks()
    codes = values.cat.codes.to_numpy()
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.chunked_array([pa.DictionaryArray.from_arrays(indices, folded)])


def safe_name(text: str, fallback: str = "corpus") -> str:
    """A file or folder name made of letters, digits, dots, dashes and underscores."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", fold_text(Path(text).name)).strip("-._")
    return cleaned[:60] or fallback


def load_full_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table with every column, article texts included (for the download-all zip)."""
    return {name: read_columns(Path(folder), name, columns) for name, columns in table_columns().items()}


# ---------------------------------------------------------------- uploaded corpora


@dataclass(frozen=True, slots=True)
class SavedUpload:
    """Where uploaded files went, and those refused before processing."""

    raw_dir: Path
    corpus_dir: Path
    saved: tuple[str, ...]
    refused: tuple[tuple[str, str], ...]  # (file name, reason)


UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv")


def upload_paths(name: str, root: Path | None = None) -> tuple[Path, Path]:
    """(raw folder, corpus folder) of the uploaded corpus `name`."""
    base = (root or uploads_dir()) / safe_name(name)
    return base / "raw", base / "corpus"


def list_uploaded_corpora(root: Path | None = None) -> dict[str, Path]:
    """Uploaded corpora that have been processed: name -> corpus folder."""
    root = root or uploads_dir()
    if not root.is_dir():
        return {}
    return {p.name: p / "corpus" for p in sorted(root.iterdir()) if has_corpus(p / "corpus")}


def save_uploads(name: str, files: Iterable[tuple[str, bytes]], max_bytes: int,
                 root: Path | None = None) -> SavedUpload:
    """Write uploaded files into the corpus's raw folder under safe names; refuse unknown types and big files."""
    raw_dir, corpus_dir = upload_paths(name, root)
    raw_dir.mkdir(parents=True, exist_ok=True)
    saved, refused = [], []
    for original, data in files:
        base = Path(original).name
        suffix = Path(base).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            refused.append((base, f"unsupported file type {suffix or '(none)'!r}"))
            continue
        if len(data) > max_bytes:
            refused.append((base, f"larger than the {max_bytes / 1_000_000:.0f} MB limit"))
            continue
        stem = safe_name(Path(base).stem, "article")
        target = raw_dir / f"{stem}{suffix}"
        copy = 1
        while target.name in saved:  # two uploads with the same (cleaned) name keep both
            copy += 1
            target = raw_dir / f"{stem}-{copy}{suffix}"
        target.write_bytes(data)
        saved.append(target.name)
    return SavedUpload(raw_dir, corpus_dir, tuple(saved), tuple(refused))
