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

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ENV_DATA = "PLEDGE_EXPLORER_DATA"
ENV_UPLOADS = "PLEDGE_EXPLORER_UPLOADS"
REPO_ROOT = Path(__file__).resolve().parents[1]

# Columns loaded only on demand (`load_article_texts`): they hold most of a corpus's bytes.
LAZY_COLUMNS: dict[str, tuple[str, ...]] = {"articles": ("text", "boilerplate"), "sentences": ("text",)}

# Repeated strings: categorical codes make isin/groupby fast and the frames small.
CATEGORICAL: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "author", "source_id", "event_id", "published"),
    "sentences": ("article_id",),
    "entities": ("type",),
    "mentions": ("article_id", "entity_id"),
    "pledges": ("article_id", "category", "kind"),
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
    """The table contract (authoritative in dashboard.preprocess.tables)."""
    from dashboard.preprocess.tables import COLUMNS

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
    """Who is involved in each statement row, as parallel arrays sorted by (key, role, via, row).

    key: an entity id, or a country reached through a person's or organisation's nationality or
    through a bloc's membership; role: speaker | target | mention (inside the statement's span);
    via: self | nationality | bloc; row: position in Corpus.pledges.
    """

    keys: pd.Index  # key code -> entity id
    row: np.ndarray  # int32
    key: np.ndarray  # int32 codes into `keys`
    role: np.ndarray  # int8 codes into ROLES
    via: np.ndarray  # int8 codes into VIAS
    bounds: dict[str, tuple[int, int]]  # entity id -> its slice of the arrays
    key_type: np.ndarray  # per key code: the type prefix of its id ("country", "bloc", "person", ...)
    _masks: dict[tuple, np.ndarray] = field(default_factory=dict, repr=False)  # (roles, vias) -> entry mask

    @property
    def frame(self) -> pd.DataFrame:
        """The index as a readable frame (for inspection and tests)."""
        return pd.DataFrame({
            "row": self.row, "key": pd.Categorical.from_codes(self.key, categories=self.keys),
            "role": pd.Categorical.from_codes(self.role, categories=ROLES),
            "via": pd.Categorical.from_codes(self.via, categories=VIAS)})

    def rows_for(self, keys: Iterable[str], roles: Iterable[str], vias: Iterable[str]) -> np.ndarray:
        """Positions of statement rows where any of `keys` is involved in one of `roles` via `vias`."""
        spans = [self.bounds[k] for k in keys if k in self.bounds]
        if not spans:
            return np.empty(0, dtype=np.int64)
        at = np.concatenate([np.arange(lo, hi) for lo, hi in spans])
        keep = _codes_in(self.role[at], roles, ROLES) & _codes_in(self.via[at], vias, VIAS)
        return pd.unique(self.row[at[keep]])

    def involved(self, rows: np.ndarray | None, roles: Iterable[str], vias: Iterable[str],
                 n_rows: int) -> tuple[np.ndarray, np.ndarray]:
        """(row, key code) of every actor in `roles` via `vias` within the selected rows (None: all)."""
        keep = self._mask(tuple(roles), tuple(vias))
        if rows is not None and len(rows) < n_rows:
            selected = np.zeros(n_rows, dtype=bool)
            selected[rows] = True
            keep &= selected[self.row]
        return self.row[keep], self.key[keep]

    def _mask(self, roles: tuple[str, ...], vias: tuple[str, ...]) -> np.ndarray:
        """Entries in these roles and vias (cached: a handful of combinations is ever asked for)."""
        if (roles, vias) not in self._masks:
            self._masks[(roles, vias)] = _codes_in(self.role, roles, ROLES) & _codes_in(self.via, vias, VIAS)
        return self._masks[(roles, vias)]


def _codes_in(codes: np.ndarray, names: Iterable[str], vocabulary: Sequence[str]) -> np.ndarray:
    wanted = [vocabulary.index(n) for n in names]
    if len(wanted) == len(vocabulary):
        return np.ones(len(codes), dtype=bool)
    return np.isin(codes, wanted)


@dataclass(frozen=True, slots=True, eq=False)
class Corpus:
    """Every table of one corpus, plus per-statement lookups; never modified after loading."""

    folder: Path
    run: dict
    tables: dict[str, pd.DataFrame]
    pledges: pd.DataFrame  # the pledges table with lookup columns, index = row position
    actors: ActorIndex
    names: dict[str, str]  # entity id -> display name (including countries reached via blocs)
    topic_labels: dict[str, str]  # taxonomy order, then ids found only in the data
    kind_labels: dict[str, str]
    search_text: pa.ChunkedArray  # quotes folded for search (fold_text), aligned with pledges rows

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
    """One table from Parquet (or CSV when only that exists), with the contract's columns and dtypes."""
    folder = Path(folder)
    lazy = set(LAZY_COLUMNS.get(name, ()))
    wanted = [c for c in columns if c not in lazy]
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.exists():
        present = set(pq.read_schema(parquet).names)
        table = pq.read_table(parquet, columns=[c for c in wanted if c in present])
    elif csv.exists():
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False, usecols=lambda c: c in wanted)
        table = pa.Table.from_pandas(frame, preserve_index=False)
    else:
        table = pa.table({})
    return _frame(table, name, wanted)


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
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.large_string()) if not pa.types.is_null(values.type) else \
            pa.chunked_array([pa.array([None] * n, type=pa.large_string())])
    values = pc.fill_null(values, "")
    if col in CATEGORICAL.get(table, ()):
        return pd.Series(pc.dictionary_encode(values).to_pandas(), dtype="category").cat.remove_unused_categories()
    return pd.Series(values.to_pandas(), dtype="str")


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


def load_corpus(folder: Path) -> Corpus:
    """Read every table of the corpus in `folder` and precompute the per-statement lookups."""
    folder = Path(folder)
    tables = {name: read_table(folder, name, cols) for name, cols in table_columns().items()}
    topic_labels, kind_labels = _labels(tables)
    names = _entity_names(tables["entities"])
    actors = build_actor_index(tables)
    names.update({k: _country_name(k) for k in actors.bounds if k not in names})
    pledges = enrich_pledges(tables, names, topic_labels, kind_labels)
    return Corpus(folder=folder, run=read_run(folder), tables=tables, pledges=pledges, actors=actors,
                  names=names, topic_labels=topic_labels, kind_labels=kind_labels,
                  search_text=fold_arrow(tables["pledges"]["quote"]))


def empty_corpus(folder: Path | None = None) -> Corpus:
    """A corpus with every table present and no rows (what a fresh upload folder looks like)."""
    tables = {name: _frame(pa.table({}), name, [c for c in cols if c not in LAZY_COLUMNS.get(name, ())])
              for name, cols in table_columns().items()}
    topic_labels, kind_labels = _labels(tables)
    return Corpus(folder=Path(folder or "."), run={}, tables=tables,
                  pledges=enrich_pledges(tables, {}, topic_labels, kind_labels),
                  actors=build_actor_index(tables), names={}, topic_labels=topic_labels,
                  kind_labels=kind_labels, search_text=fold_arrow(tables["pledges"]["quote"]))


# ---------------------------------------------------------------- lookups built at load


def _labels(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, str], dict[str, str]]:
    from dashboard.preprocess.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    topics = {c.id: c.label for c in taxonomy.categories}
    for cid in tables["pledges"]["category"].astype(str).unique():
        topics.setdefault(cid, cid.replace("_", " ").capitalize())
    kinds = {k.id: k.label for k in taxonomy.kinds}
    for kid in tables["pledges"]["kind"].astype(str).unique():
        kinds.setdefault(kid, kid.capitalize())
    return topics, kinds


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
    """Position of each value in `targets` (unique), -1 when absent; hashed in Arrow, not Python."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        at = positions(pd.Series(values.cat.categories.astype(str), dtype="str"), targets)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, at[np.maximum(codes, 0)] if len(at) else -1, -1).astype(np.int64)
    if len(values) == 0 or len(targets) == 0:
        return np.full(len(values), -1, dtype=np.int64)
    found = pc.index_in(_arrow_str(values), value_set=_arrow_str(targets))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _arrow_str(values: pd.Series) -> pa.Array:
    return pa.array(values.astype(str).astype("str"), type=pa.large_string())


def _take_category(values: pd.Series, at: np.ndarray) -> pd.Series:
    """values[at] for a categorical column; "" where at == -1."""
    cat = values.astype("category")
    if "" not in cat.cat.categories:
        cat = cat.cat.add_categories([""])
    codes = cat.cat.codes.to_numpy()
    blank = cat.cat.categories.get_loc("")
    taken = np.where(at >= 0, codes[np.maximum(at, 0)] if len(codes) else blank, blank)
    return pd.Series(pd.Categorical.from_codes(taken, categories=cat.cat.categories))


def _take_str(values: pd.Series, at: np.ndarray) -> pd.Series:
    """values[at] for a text column; "" where at == -1."""
    if len(values) == 0:
        return pd.Series([""] * len(at), dtype="str")
    index = pa.array(np.where(at >= 0, at, 0)).cast(pa.int64())
    taken = pc.take(_arrow_str(values), index)
    taken = pc.if_else(pa.array(at >= 0), taken, pa.scalar("", pa.large_string()))
    return pd.Series(taken.to_pandas(), dtype="str")


def join_groups(group: np.ndarray, values: pa.Array, n_groups: int, sep: str) -> pd.Series:
    """For each group 0..n_groups-1, its values joined with `sep` (in the given order within a group)."""
    order = np.argsort(group, kind="stable")
    counts = np.bincount(group, minlength=n_groups) if len(group) else np.zeros(n_groups, dtype=np.int64)
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    lists = pa.ListArray.from_arrays(offsets, pc.take(values, pa.array(order.astype(np.int64))))
    return pd.Series(pc.binary_join(lists, pa.scalar(sep, pa.large_string())).to_pandas(), dtype="str")


def enrich_pledges(tables: dict[str, pd.DataFrame], names: dict[str, str], topic_labels: dict[str, str],
                   kind_labels: dict[str, str]) -> pd.DataFrame:
    """The pledges table plus readable joined columns, one row per statement x topic."""
    p = tables["pledges"].reset_index(drop=True)
    art = tables["articles"]
    at = positions(p["article_id"], art["article_id"])
    out = {c: p[c] for c in p.columns}
    for col in ("outlet", "source_id", "published", "author", "event_id", "title", "url"):
        out[col] = _take_category(art[col], at)
    out["date"] = pd.to_datetime(out["published"].astype(str), format="%Y-%m-%d", errors="coerce")
    sent = tables["sentences"]
    sp = positions(p["sentence_id"], sent["sentence_id"])
    paragraphs = sent["paragraph"].to_numpy()
    out["paragraph"] = pd.Series(np.where(sp >= 0, paragraphs[np.maximum(sp, 0)] if len(sent) else -1, -1),
                                 dtype="int64")
    out["topic"] = _relabel(p["category"], topic_labels)
    out["kind_label"] = _relabel(p["kind"], kind_labels)
    stmt = pd.factorize(p["statement_id"])[0].astype(np.int64)
    out["stmt"] = stmt
    labels = pa.array(out["topic"].astype(str).astype("str"), type=pa.large_string())
    n_statements = int(stmt.max()) + 1 if len(stmt) else 0
    topics = join_groups(stmt, labels, n_statements, "; ").astype("category")
    out["topics"] = pd.Series(pd.Categorical.from_codes(topics.cat.codes.to_numpy()[stmt], topics.cat.categories)) \
        if len(stmt) else pd.Series([], dtype="category")
    for role in ("speaker", "target"):
        out[f"{role}s"] = _actor_names(p, tables["pledge_actors"], names, role).astype("category")
    claim_id, n_outlets = _corroboration(p, tables["claim_members"], tables["claims"])
    out["claim_id"], out["n_outlets"] = claim_id.astype("category"), n_outlets
    badges = {n: f"{n} outlets" if n > 1 else "single source" for n in pd.unique(n_outlets)}
    out["reported_by"] = n_outlets.map(badges).astype("category")
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _relabel(ids: pd.Series, labels: dict[str, str]) -> pd.Series:
    """Categorical ids -> categorical labels (computed on the categories, not the rows)."""
    cat = ids.astype("category")
    mapped = [labels.get(str(c), str(c)) for c in cat.cat.categories]
    if len(set(mapped)) == len(mapped):
        return pd.Series(pd.Categorical.from_codes(cat.cat.codes, categories=mapped))
    return cat.astype(str).map(lambda c: labels.get(c, c)).astype("category")


def _actor_names(p: pd.DataFrame, actors: pd.DataFrame, names: dict[str, str], role: str) -> pd.Series:
    """For each row: the names of its speakers or targets, ", "-joined."""
    mine = actors[actors["role"].astype(str) == role]
    row = positions(mine["pledge_id"], p["pledge_id"])
    keep = row >= 0
    row = row[keep]
    ids = mine["entity_id"].astype(str).to_numpy()[keep]
    name_array = pa.array([names.get(e, e) for e in ids], type=pa.large_string())
    return join_groups(row, name_array, len(p), ", ")


def _corroboration(p: pd.DataFrame, members: pd.DataFrame, claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Claim of each row and how many independent outlets report it (1 when in no multi-source claim)."""
    claim_pos = np.full(len(p), -1, dtype=np.int64)
    if len(p) and len(members):
        by_pledge = positions(p["pledge_id"], members["pledge_id"].drop_duplicates())
        by_statement = positions(p["statement_id"], members["statement_id"].drop_duplicates())
        first_pledge = members.drop_duplicates("pledge_id").index.to_numpy()
        first_statement = members.drop_duplicates("statement_id").index.to_numpy()
        claim_pos = np.where(by_pledge >= 0, first_pledge[np.maximum(by_pledge, 0)],
                             np.where(by_statement >= 0, first_statement[np.maximum(by_statement, 0)], -1))
    claim_id = _take_str(members["claim_id"], claim_pos) if len(members) else pd.Series([""] * len(p), dtype="str")
    at = positions(claim_id, claims["claim_id"]) if len(claims) else np.full(len(p), -1)
    counts = claims["n_outlets"].to_numpy() if len(claims) else np.ones(1, dtype=np.int64)
    n = np.where(at >= 0, counts[np.maximum(at, 0)], 1).clip(min=1)
    return claim_id.reset_index(drop=True), pd.Series(n.astype(np.int64))


def build_actor_index(tables: dict[str, pd.DataFrame]) -> ActorIndex:
    """Speakers, targets and entities mentioned inside each statement, expanded to countries."""
    p = tables["pledges"].reset_index(drop=True)
    entities = tables["entities"]
    universe = pd.Index(pd.unique(pd.concat([
        entities["entity_id"].astype(str), tables["pledge_actors"]["entity_id"].astype(str),
        tables["mentions"]["entity_id"].astype(str)], ignore_index=True)))
    rows, ents, roles = _role_pairs(p, tables["pledge_actors"], universe)
    m_rows, m_ents = _mention_pairs(p, tables["mentions"], universe)
    rows = np.concatenate([rows, m_rows])
    ents = np.concatenate([ents, m_ents])
    roles = np.concatenate([roles, np.full(len(m_rows), ROLES.index("mention"), dtype=np.int8)])
    keys, link_offsets, link_keys, link_vias = _links(entities, universe)
    n_links = np.diff(link_offsets)[ents] if len(ents) else np.empty(0, dtype=np.int64)
    pair = np.repeat(np.arange(len(ents)), n_links)
    first = np.repeat(np.cumsum(n_links) - n_links, n_links)
    slot = link_offsets[ents[pair]] + (np.arange(len(pair)) - first)
    key, via = link_keys[slot], link_vias[slot]
    n_rows = max(len(p), 1)
    # one int64 per entry, ordered by key, role, via, row; hashing beats np.unique's sort here
    packed = ((key.astype(np.int64) * len(ROLES) + roles[pair]) * len(VIAS) + via) * n_rows + rows[pair]
    packed = np.sort(pd.unique(packed))
    row = (packed % n_rows).astype(np.int32)
    rest = packed // n_rows
    via_out, rest = (rest % len(VIAS)).astype(np.int8), rest // len(VIAS)
    role_out, key_out = (rest % len(ROLES)).astype(np.int8), (rest // len(ROLES)).astype(np.int32)
    return ActorIndex(keys=keys, row=row, key=key_out, role=role_out, via=via_out,
                      bounds=_bounds(key_out, keys),
                      key_type=np.array([str(k).split(":", 1)[0] for k in keys], dtype=object))


def _bounds(sorted_keys: np.ndarray, keys: pd.Index) -> dict[str, tuple[int, int]]:
    if len(sorted_keys) == 0:
        return {}
    change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(sorted_keys)]])
    return {str(keys[sorted_keys[s]]): (int(s), int(e)) for s, e in zip(starts, ends, strict=True)}


def _role_pairs(p: pd.DataFrame, actors: pd.DataFrame, universe: pd.Index) -> tuple[np.ndarray, ...]:
    row = positions(actors["pledge_id"], p["pledge_id"])
    role_text = actors["role"].astype(str).to_numpy()
    role = np.where(role_text == "speaker", 0, np.where(role_text == "target", 1, -1)).astype(np.int8)
    ent = universe.get_indexer(actors["entity_id"].astype(str))
    keep = (row >= 0) & (role >= 0) & (ent >= 0)
    return row[keep], ent[keep], role[keep]


def _mention_pairs(p: pd.DataFrame, mentions: pd.DataFrame, universe: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Entities mentioned inside a statement's span (the whole sentence when the span is unknown)."""
    if p.empty or mentions.empty:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    sentence_ids = pd.Series(pd.unique(p["sentence_id"]), dtype="str")
    left = pd.DataFrame({"s": positions(p["sentence_id"], sentence_ids), "row": np.arange(len(p)),
                         "p_start": p["start"].to_numpy(), "p_end": p["end"].to_numpy()})
    right = pd.DataFrame({"s": positions(mentions["sentence_id"], sentence_ids),
                          "ent": universe.get_indexer(mentions["entity_id"].astype(str)),
                          "m_start": mentions["start"].to_numpy(), "m_end": mentions["end"].to_numpy()})
    both = left.merge(right[right["s"] >= 0], on="s", how="inner")
    known = both["p_end"].to_numpy() > both["p_start"].to_numpy()
    inside = (both["m_start"].to_numpy() >= both["p_start"].to_numpy()) & \
        (both["m_end"].to_numpy() <= both["p_end"].to_numpy())
    keep = (~known | inside) & (both["ent"].to_numpy() >= 0)
    return both["row"].to_numpy()[keep], both["ent"].to_numpy()[keep]


def _links(entities: pd.DataFrame, universe: pd.Index) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """Per entity code: the keys it counts for (itself; its country; a bloc's members) and how."""
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

    offsets, link_keys, link_vias = [0], [], []
    for entity_id in universe:
        kind, iso3, home, members = info.get(entity_id, ("", "", "", ""))
        links = [(code[entity_id], VIAS.index("self"))]
        if kind in NATIONAL_TYPES and (home or iso3):
            links.append((key_code(country_key(home or iso3, by_iso3)), VIAS.index("nationality")))
        if kind == "bloc":
            links += [(key_code(country_key(m, by_iso3)), VIAS.index("bloc")) for m in members.split("|") if m]
        link_keys += [k for k, _ in links]
        link_vias += [v for _, v in links]
        offsets.append(len(link_keys))
    return (pd.Index(keys, dtype=object), np.array(offsets, dtype=np.int64), np.array(link_keys, dtype=np.int32),
            np.array(link_vias, dtype=np.int8))


# ---------------------------------------------------------------- text folding for search


def fold_text(text: str) -> str:
    """Lower case without accents, so that "viet nam" finds "Việt Nam"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold_series(values: pd.Series) -> pd.Series:
    """fold_text over a column, vectorised with Arrow (no Python loop)."""
    return pd.Series(pd.array(fold_arrow(values), dtype="str"))


def fold_arrow(values: pd.Series) -> pa.ChunkedArray:
    """fold_text over a column as an Arrow array (what the text filter searches)."""
    arr = _arrow_str(values) if len(values) else pa.array([], type=pa.large_string())
    for src, dst in _FOLD_EXTRA_PAIRS:
        arr = pc.replace_substring(arr, src, dst)
    arr = pc.utf8_normalize(arr, form="NFKD")
    arr = pc.replace_substring_regex(arr, r"\p{Mn}+", "")
    return pa.chunked_array([pc.utf8_lower(arr)])


def safe_name(text: str, fallback: str = "corpus") -> str:
    """A file or folder name made of letters, digits, dots, dashes and underscores."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", fold_text(Path(text).name)).strip("-._")
    return cleaned[:60] or fallback


def load_full_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table with every column, article texts included (for the download-all zip)."""
    folder = Path(folder)
    out = {}
    for name, columns in table_columns().items():
        frame = read_table(folder, name, columns)
        lazy = [c for c in LAZY_COLUMNS.get(name, ()) if c in columns]
        if lazy and len(frame):
            source = pd.read_parquet(folder / f"{name}.parquet", columns=lazy) \
                if (folder / f"{name}.parquet").exists() \
                else pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, usecols=lazy)
            for col in lazy:
                frame[col] = source[col].fillna("").astype(str).to_numpy()
        out[name] = frame.reindex(columns=columns, fill_value="")
    return out


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
