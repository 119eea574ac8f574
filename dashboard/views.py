"""Aggregations the pages show, as functions of a corpus and its filtered pledge rows.

`rows` is always what `filters.apply_filter` returned: one row per statement x topic, index = row
position in corpus.pledges. Counts are of distinct statements unless a name says otherwise.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.store import Corpus, join_groups, safe_url

EVIDENCE_COLUMNS = ["quote", "topic", "kind", "speakers", "targets", "outlet", "date", "reported_by", "url",
                    "title", "article_id", "statement_id", "pledge_id"]
ACTOR_TYPES_IN_GRID = ("country", "bloc", "organisation", "forum", "fund", "person")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")


def statement_count(rows: pd.DataFrame) -> int:
    return int(first_of_statement(rows).sum()) if len(rows) else 0


def first_of_statement(rows: pd.DataFrame) -> np.ndarray:
    """True on the first row of each statement (a statement has one row per topic)."""
    return first_occurrence(rows["stmt"].to_numpy())


def first_occurrence(values: np.ndarray) -> np.ndarray:
    """True where a value appears for the first time.

    The pipeline writes a statement's rows (and an article's) next to each other, so the codes are
    usually sorted: then one comparison with the neighbour does it, without hashing.
    """
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    if (values[1:] >= values[:-1]).all():
        return np.concatenate([[True], values[1:] != values[:-1]])
    return ~pd.Series(values).duplicated().to_numpy()


def n_distinct(values: pd.Series) -> int:
    """Distinct non-missing values; counted from the codes for a categorical."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        codes = codes[codes >= 0]
        return int(np.count_nonzero(np.bincount(codes))) if len(codes) else 0
    return int(values.nunique())


def row_positions(rows: pd.DataFrame) -> np.ndarray:
    return rows.index.to_numpy()


def involved(corpus: Corpus, rows: pd.DataFrame, roles: tuple[str, ...],
             vias: tuple[str, ...] = ("self",)) -> tuple[np.ndarray, np.ndarray]:
    """(row, key code) of the actors in `roles` within the rows."""
    return corpus.actors.involved(row_positions(rows), roles, vias, len(corpus.pledges))


def _key_is(corpus: Corpus, types: tuple[str, ...]) -> np.ndarray:
    """Per key code: whether the key is an entity of one of `types`."""
    return np.isin(corpus.actors.key_type, types)


def metrics(corpus: Corpus, rows: pd.DataFrame) -> dict[str, int]:
    """Headline numbers of the filtered rows."""
    if rows.empty:
        return dict.fromkeys(["articles", "outlets", "statements", "commitments", "countries"], 0)
    first = first_of_statement(rows)
    present = corpus.actors.keys_involved(row_positions(rows), ("speaker", "target"), ("self", "nationality"),
                                          len(corpus.pledges))
    return {
        "articles": n_distinct(rows["article_id"]),
        "outlets": n_distinct(rows["outlet"]),
        "statements": int(first.sum()),
        "commitments": int(((rows["kind"] == "commitment").to_numpy() & first).sum()),
        "countries": int(_key_is(corpus, ("country",))[present].sum()) if len(present) else 0,
    }


def describe_result(rows: pd.DataFrame) -> str:
    """"7 statements from 2 articles in 2 outlets"."""
    n = statement_count(rows)
    if not n:
        return "no statements"
    articles = n_distinct(rows["article_id"])
    outlets = n_distinct(rows["outlet"])
    return (f"{n} statement{'s' * (n != 1)} from {articles} article{'s' * (articles != 1)}"
            f" in {outlets} outlet{'s' * (outlets != 1)}")


# ---------------------------------------------------------------- overview


def topic_kind_counts(corpus: Corpus, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per topic and kind (long form, labels, taxonomy order)."""
    counts = _pair_counts(rows["category"], rows["kind"]) if len(rows) else \
        pd.DataFrame(columns=["category", "kind", "statements"])
    counts = counts[counts["statements"] > 0]
    topic_order = {t: i for i, t in enumerate(corpus.topic_labels)}
    counts = counts.assign(topic=counts["category"].astype(str).map(corpus.topic_label),
                           kind_label=counts["kind"].astype(str).map(corpus.kind_label),
                           _order=counts["category"].astype(str).map(topic_order))
    return (counts.sort_values(["_order", "kind"]).drop(columns="_order")
            [["category", "topic", "kind", "kind_label", "statements"]].reset_index(drop=True))


def _pair_counts(left: pd.Series, right: pd.Series) -> pd.DataFrame:
    """Rows per (left, right) pair of two categoricals, pairs that occur only (a bincount of the codes)."""
    left, right = left.astype("category"), right.astype("category")
    a, b = left.cat, right.cat
    n_b = len(b.categories)
    valid = (a.codes.to_numpy() >= 0) & (b.codes.to_numpy() >= 0)
    pair = a.codes.to_numpy()[valid].astype(np.int64) * n_b + b.codes.to_numpy()[valid]
    counts = np.bincount(pair, minlength=len(a.categories) * n_b)
    seen = np.flatnonzero(counts)
    return pd.DataFrame({left.name: pd.Categorical.from_codes(seen // n_b, dtype=left.dtype) if n_b else [],
                         right.name: pd.Categorical.from_codes(seen % n_b, dtype=right.dtype) if n_b else [],
                         "statements": counts[seen].astype("int64")})


@dataclass(frozen=True, slots=True)
class Grid:
    """Actors x topics counts for display, with the ids behind each row and column."""

    table: pd.DataFrame  # index: actor names, columns: topic labels
    actor_ids: list[str]
    topic_ids: list[str]


def actor_topic_grid(corpus: Corpus, rows: pd.DataFrame, role: str = "speaker", limit: int = 20) -> Grid:
    """Who said what: statements per actor (as `role`) and topic, busiest actors first."""
    row, key = _display_pairs(corpus, rows, role)
    if len(row) == 0:
        return Grid(pd.DataFrame(), [], [])
    categories = corpus.pledges["category"].cat.categories
    cat = corpus.pledges["category"].cat.codes.to_numpy()[row].astype(np.int64)
    n_keys, n_cat = len(corpus.actors.keys), len(categories)
    counts = np.bincount(key.astype(np.int64) * n_cat + cat, minlength=n_keys * n_cat).reshape(n_keys, n_cat)
    totals = _statements_per_key(corpus, row, key)
    busiest = [int(k) for k in np.argsort(-totals, kind="stable")[:limit] if totals[k] > 0]
    columns = {str(c): i for i, c in enumerate(categories)}
    topic_ids = [t for t in corpus.topic_labels if t in columns and counts[busiest, columns[t]].sum() > 0]
    actor_ids = [str(corpus.actors.keys[k]) for k in busiest]
    table = pd.DataFrame(counts[np.ix_(busiest, [columns[t] for t in topic_ids])].astype("int64"),
                         index=[corpus.name(a) for a in actor_ids],
                         columns=[corpus.topic_label(t) for t in topic_ids])
    return Grid(table, actor_ids, topic_ids)


def _display_pairs(corpus: Corpus, rows: pd.DataFrame, role: str) -> tuple[np.ndarray, np.ndarray]:
    """(row, key code) of actors in `role` within the rows, only actors of display types, no duplicates."""
    roles = ("speaker", "target", "mention") if role == "any" else (role,)
    row, key = involved(corpus, rows, roles)
    keep = _key_is(corpus, ACTOR_TYPES_IN_GRID)[key]
    row, key = row[keep], key[keep]
    if role == "any" and len(row):  # one entity can be speaker and mentioned in the same statement
        packed = pd.unique(key.astype(np.int64) * max(len(corpus.pledges), 1) + row)
        key, row = packed // max(len(corpus.pledges), 1), packed % max(len(corpus.pledges), 1)
    return row, key


def _statements_per_key(corpus: Corpus, row: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Distinct statements per key code (a statement has one row per topic)."""
    stmt = corpus.pledges["stmt"].to_numpy()[row]
    n_stmt = int(corpus.pledges["stmt"].max()) + 1 if len(corpus.pledges) else 1
    packed = key.astype(np.int64) * n_stmt + stmt
    return np.bincount(packed[first_occurrence(packed)] // n_stmt, minlength=len(corpus.actors.keys))


def rows_with_actor(corpus: Corpus, rows: pd.DataFrame, entity_id: str, role: str = "speaker",
                    vias: tuple[str, ...] = ("self",)) -> pd.DataFrame:
    """The rows in which `entity_id` takes part in `role` (any: speaker, target or mention)."""
    roles = ("speaker", "target", "mention") if role == "any" else (role,)
    hits = corpus.actors.mask_for([entity_id], roles, vias, len(corpus.pledges))
    return rows[hits[row_positions(rows)]]


def grid_cell_rows(corpus: Corpus, rows: pd.DataFrame, entity_id: str, topic_id: str,
                   role: str = "speaker") -> pd.DataFrame:
    """The statements behind one cell of the actor x topic grid."""
    mine = rows_with_actor(corpus, rows, entity_id, role)
    return mine[mine["category"].astype(str) == topic_id]


def outlet_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Statements and articles per outlet, most statements first."""
    if rows.empty:
        return pd.DataFrame({"outlet": pd.Series([], dtype="str"), "statements": pd.Series([], dtype="int64"),
                             "articles": pd.Series([], dtype="int64")})
    outlets = rows["outlet"].cat.categories
    codes = rows["outlet"].cat.codes.to_numpy()
    first_article = first_occurrence(rows["article_id"].cat.codes.to_numpy())
    counts = pd.DataFrame({
        "outlet": outlets.astype(str),
        "statements": np.bincount(codes[first_of_statement(rows)], minlength=len(outlets)),
        "articles": np.bincount(codes[first_article], minlength=len(outlets)),
    })
    counts = counts[counts["statements"] > 0].sort_values(["statements", "outlet"], ascending=[False, True])
    return counts.reset_index(drop=True)


# ---------------------------------------------------------------- evidence


EVIDENCE_SOURCES = {  # evidence column -> column of the enriched pledge rows
    "quote": "quote", "topic": "topics", "kind": "kind_label", "speakers": "speakers", "targets": "targets",
    "outlet": "outlet", "date": "published", "reported_by": "reported_by", "url": "url", "title": "title",
    "article_id": "article_id", "statement_id": "statement_id", "pledge_id": "pledge_id",
}


def evidence_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per statement with readable joined columns (what the evidence table and its CSV show).

    Columns keep their Arrow / categorical storage: nothing is turned into Python strings row by row.
    """
    first = rows[first_of_statement(rows)] if len(rows) else rows
    out = pd.DataFrame({name: first[source] for name, source in EVIDENCE_SOURCES.items()}).reset_index(drop=True)
    return out[EVIDENCE_COLUMNS]  # the corpus's URLs were made safe (safe_url) when it was loaded


def compact_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each categorical column keeping only the categories its rows use.

    A table shows a few thousand rows, but a categorical column carries every distinct value of the
    corpus (hundreds of thousands of quotes), and Streamlit would send them all to the browser.
    """
    categorical = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.assign(**{c: frame[c].cat.remove_unused_categories() for c in categorical}) if categorical else frame


def quote_label(row: pd.Series, width: int = 90) -> str:
    """Short one-line label of a statement for pickers."""
    quote = " ".join(str(row["quote"]).split())
    quote = quote if len(quote) <= width else quote[: width - 1] + "…"
    return f"{row['outlet']} — {quote}"


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of a paragraph: offsets relative to the paragraph's start."""

    start: int
    end: int
    kind: str  # quote | mention | cue
    label: str = ""


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of an article with the spans to highlight."""

    text: str
    spans: tuple[Span, ...]


def paragraph_bounds(row: pd.Series, fallback: tuple[int, int]) -> tuple[int, int]:
    """Start and end offsets of the paragraph holding a statement (fallback: the statement's own span)."""
    if int(row.get("paragraph", -1)) < 0 or int(row.get("para_start", -1)) < 0:
        return fallback
    return int(row["para_start"]), int(row["para_end"])


def statement_passage(corpus: Corpus, row: pd.Series, text: str) -> Passage:
    """The paragraph holding a statement, with the quote, the entity mentions and the cue words marked."""
    start, end = int(row["start"]), int(row["end"])
    lo, hi = paragraph_bounds(row, (start, end))
    lo, hi = max(0, min(lo, start if start >= 0 else lo)), min(len(text), max(hi, end))
    if not text or hi <= lo:
        quote = str(row["quote"])
        return Passage(quote, (Span(0, len(quote), "quote"),))
    mentions = corpus.mentions
    mine = mentions[(mentions["article_id"] == str(row["article_id"])).to_numpy()
                    & (mentions["start"] >= lo).to_numpy() & (mentions["end"] <= hi).to_numpy()]
    return Passage(text[lo:hi], tuple(highlight_spans(text[lo:hi], lo, (start, end), mine, str(row["cues"]),
                                                      corpus.names)))


def highlight_spans(paragraph: str, offset: int, quote: tuple[int, int], mentions: pd.DataFrame, cues: str,
                    names: dict[str, str]) -> list[Span]:
    """Quote, mention and cue spans in a paragraph that starts at `offset` in the article text."""
    spans = []
    q_start, q_end = quote[0] - offset, quote[1] - offset
    if 0 <= q_start < q_end <= len(paragraph):
        spans.append(Span(q_start, q_end, "quote"))
    for m_start, m_end, entity in zip(mentions["start"], mentions["end"], mentions["entity_id"].astype(str),
                                      strict=True):
        spans.append(Span(int(m_start) - offset, int(m_end) - offset, "mention", names.get(entity, entity)))
    window = (max(q_start, 0), q_end) if 0 <= q_start < q_end <= len(paragraph) else (0, len(paragraph))
    for cue in (c for c in cues.split("|") if c.strip()):
        for match in cue_pattern(cue).finditer(paragraph, *window):
            spans.append(Span(match.start(), match.end(), "cue", cue))
    return sorted(spans, key=lambda s: (s.start, s.end))


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A regex for a cue: the matched text the pipeline stores, or a taxonomy.toml pattern ("pledg*", "a ~3 b")."""
    if not re.search(r"[*~(|]", cue):
        literal = r"\s+".join(re.escape(w) for w in cue.split())
        return re.compile(rf"(?<!\w){literal}(?!\w)", re.IGNORECASE)
    tokens = re.findall(r"~\d+|\([^)]*\)|[^\s()]+", cue.strip())
    parts: list[str] = []
    for token in tokens:
        if token.startswith("~"):
            parts.append(rf"(?:\W+\w+){{0,{int(token[1:])}}}")
            continue
        alternatives = token[1:-1].split("|") if token.startswith("(") else [token]
        parts.append("(?:" + "|".join(_cue_word(a) for a in alternatives) + ")")
    return re.compile(rf"(?<!\w){_join_parts(parts)}(?!\w)", re.IGNORECASE)


def _join_parts(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif part.startswith(r"(?:\W+\w+)"):
            out += part
        else:
            out += r"\W+" + part
    return out


def _cue_word(word: str) -> str:
    words = [w for w in re.split(r"\s+", word.strip()) if w]
    pieces = []
    for w in words:
        stem, star = (w[:-1], True) if w.endswith("*") else (w, False)
        piece = r"[\s-]?".join(re.escape(p) for p in stem.split("-"))
        pieces.append(piece + (r"\w*" if star else ""))
    return r"\W+".join(pieces)


HIGHLIGHT_STYLES = {
    "quote": "text-decoration: underline; text-decoration-color: #1f77b4; text-underline-offset: 3px;",
    "mention": "background: #ffe08a; border-radius: 3px;",
    "cue": "background: #b7e4c7; border-radius: 3px;",
}


def highlighted_html(passage: Passage) -> str:
    """The passage as HTML: every character of article text escaped; only our own <span> tags are markup."""
    text = passage.text
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s in passage.spans for p in (s.start, s.end))})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        active = [s for s in passage.spans if s.start <= a and s.end >= b]
        chunk = html.escape(text[a:b]).replace("\n", "<br>")
        for span in sorted(active, key=lambda s: ("quote", "mention", "cue").index(s.kind)):
            title = f' title="{html.escape(span.label)}"' if span.label else ""
            chunk = f'<span class="pe-{span.kind}" style="{HIGHLIGHT_STYLES[span.kind]}"{title}>{chunk}</span>'
        pieces.append(chunk)
    return "<div class='pe-passage' style='line-height: 1.7'>" + "".join(pieces) + "</div>"


def escape_markdown(text: str) -> str:
    """Article-derived text made literal inside st.markdown / labels."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# ---------------------------------------------------------------- actors


def actor_table(corpus: Corpus, rows: pd.DataFrame, articles: set[str] | None = None) -> pd.DataFrame:
    """Entities with type, country, mentions (in the selected articles) and statements as speaker / target."""
    ent = corpus.entities
    home = ent["country"].astype(str).where(ent["country"].astype(str) != "", ent["iso3"].astype(str))
    base = pd.DataFrame({"entity_id": ent["entity_id"].astype(str), "name": ent["name"].astype(str),
                         "type": ent["type"].astype(str),
                         "country": [corpus.name(f"country:{c}") if c else "" for c in home]})
    mentions = corpus.mentions
    if articles is not None:
        mentions = mentions[mentions["article_id"].isin(list(articles))]
    base["mentions"] = base["entity_id"].map(mentions["entity_id"].astype(str).value_counts()).fillna(0)
    codes = corpus.actors.keys.get_indexer(base["entity_id"])
    for role in ("speaker", "target"):
        row, key = _display_pairs(corpus, rows, role)
        per_key = _statements_per_key(corpus, row, key)
        base[f"as_{role}"] = np.where(codes >= 0, per_key[np.maximum(codes, 0)] if len(per_key) else 0, 0)
    for col in ("mentions", "as_speaker", "as_target"):
        base[col] = base[col].astype("int64")
    base = base[(base["mentions"] + base["as_speaker"] + base["as_target"]) > 0]
    return base.sort_values(["as_speaker", "mentions", "name"], ascending=[False, False, True]).reset_index(drop=True)


def actor_profile(corpus: Corpus, rows: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """What an actor said (as speaker, also through its people for a country): statements by topic and kind."""
    vias = ("self", "nationality") if entity_id.startswith("country:") else ("self",)
    mine = rows_with_actor(corpus, rows, entity_id, "speaker", vias)
    if mine.empty:
        return pd.DataFrame(columns=["topic", *corpus.kind_labels.values()])
    counts = mine.groupby(["category", "kind"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[k for k in corpus.kind_labels if k in counts.columns])
    counts = counts.loc[[t for t in corpus.topic_labels if t in counts.index]]
    counts.index = [corpus.topic_label(t) for t in counts.index]
    counts.columns = [corpus.kind_label(k) for k in counts.columns]
    return counts.rename_axis("topic").reset_index()


def co_mentions(corpus: Corpus, rows: pd.DataFrame, limit: int = 12) -> pd.DataFrame:
    """Statements in which two entities both take part (speaker, target or mention), busiest entities only."""
    row, key = _display_pairs(corpus, rows, "any")
    if len(row) == 0:
        return pd.DataFrame()
    per_key = _statements_per_key(corpus, row, key)
    top = [int(k) for k in np.argsort(-per_key, kind="stable")[:limit] if per_key[k] > 0]
    keep = np.isin(key, top)
    stmt = corpus.pledges["stmt"].to_numpy()[row[keep]]
    local, statements = pd.factorize(stmt)
    column = {k: i for i, k in enumerate(top)}
    incidence = np.zeros((len(statements), len(top)), dtype=np.int64)
    incidence[local, [column[int(k)] for k in key[keep]]] = 1
    names = [corpus.name(str(corpus.actors.keys[k])) for k in top]
    return pd.DataFrame(incidence.T @ incidence, index=names, columns=names)


# ---------------------------------------------------------------- sources


def selected_articles(corpus: Corpus, rows: pd.DataFrame, filtered: bool) -> pd.DataFrame:
    """Articles with at least one matching statement; every article when nothing is filtered."""
    art = corpus.articles
    if not filtered:
        return art
    return art[art["article_id"].isin(rows["article_id"].unique())]


def article_table(corpus: Corpus, rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with outlet, author, date, statements and topics."""
    ids = articles["article_id"].astype(str)
    statements, topics = _per_article(rows, ids)
    return pd.DataFrame({
        "title": articles["title"].astype(str).to_numpy(),
        "outlet": articles["outlet"].astype(str).to_numpy(),
        "author": articles["author"].astype(str).to_numpy(),
        "date": articles["published"].astype(str).to_numpy(),
        "statements": statements,
        "topics": topics,
        "words": articles["n_words"].to_numpy(),
        "url": articles["url"].astype(str).map(safe_url).to_numpy(),
        "source_file": articles["source_file"].astype(str).to_numpy(),
        "article_id": ids.to_numpy(),
    })


def _per_article(rows: pd.DataFrame, ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Statements and topics ("; "-joined, alphabetical) of each article id, from integer codes."""
    if rows.empty:
        return np.zeros(len(ids), dtype=np.int64), np.full(len(ids), "", dtype=object)
    articles = rows["article_id"].cat
    n_articles = len(articles.categories)
    statements = np.bincount(articles.codes.to_numpy()[first_of_statement(rows)], minlength=n_articles)
    labels = rows["topic"].cat.categories.astype(str)
    n_topics = len(labels)
    packed = pd.unique(articles.codes.to_numpy().astype(np.int64) * n_topics + rows["topic"].cat.codes.to_numpy())
    article, topic = packed // n_topics, packed % n_topics
    rank = np.argsort(np.argsort(np.asarray(labels)))
    order = np.argsort(article * n_topics + rank[topic], kind="stable")
    joined = join_groups(article[order], pa.array(np.asarray(labels, dtype=object)[topic[order]],
                                                   type=pa.large_string()), n_articles, "; ")
    at = articles.categories.astype(str).get_indexer(ids)
    found = at >= 0
    safe = np.maximum(at, 0)
    return (np.where(found, statements[safe], 0).astype(np.int64),
            np.where(found, joined.to_numpy(dtype=object)[safe], ""))


def outlet_table(articles_view: pd.DataFrame, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Outlets with their articles, authors, date range, statements and topics."""
    cols = ["outlet", "articles", "authors", "first", "last", "statements", "topics"]
    if articles_view.empty:
        return pd.DataFrame(columns=cols)
    g = articles_view.assign(date=articles_view["date"].replace("", np.nan)).groupby("outlet", sort=True)
    out = pd.DataFrame({
        "articles": g.size(),
        "authors": g["author"].agg(lambda s: ", ".join(sorted({a for a in s if a}))),
        "first": g["date"].min().fillna(""),
        "last": g["date"].max().fillna(""),
        "statements": g["statements"].sum(),
    })
    if rows is not None and len(rows):
        pairs = rows.groupby(["outlet", "topic"], observed=True).size().reset_index()
        topics = pairs.groupby(pairs["outlet"].astype(str))["topic"].agg(lambda s: "; ".join(sorted(map(str, s))))
        out["topics"] = out.index.map(topics).fillna("")
    else:
        out["topics"] = ""
    out = out.reset_index()
    return out[cols].sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def author_table(articles_view: pd.DataFrame) -> pd.DataFrame:
    """Authors (by outlet) with their articles, dates and statements."""
    cols = ["author", "outlet", "articles", "first", "last", "statements"]
    named = articles_view[articles_view["author"] != ""] if len(articles_view) else articles_view
    if named.empty:
        return pd.DataFrame(columns=cols)
    g = named.assign(date=named["date"].replace("", np.nan)).groupby(["author", "outlet"], sort=True)
    out = pd.DataFrame({"articles": g.size(), "first": g["date"].min().fillna(""),
                        "last": g["date"].max().fillna(""), "statements": g["statements"].sum()}).reset_index()
    return out[cols]


def topic_coverage(corpus: Corpus, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per outlet (rows) and topic (columns, taxonomy order)."""
    if rows.empty:
        return pd.DataFrame()
    table = rows.groupby(["outlet", "category"], observed=True).size().unstack(fill_value=0)
    table = table[[t for t in corpus.topic_labels if t in table.columns]]
    table.columns = [corpus.topic_label(t) for t in table.columns]
    table.index = table.index.astype(str)
    return table.astype("int64")


# ---------------------------------------------------------------- compare sources


def claims_in_view(corpus: Corpus, rows: pd.DataFrame) -> pd.DataFrame:
    """Claims with at least one member among the rows, with readable columns, most outlets first."""
    claims, members = corpus.claims, corpus.claim_members
    cols = ["claim_id", "label", "topic", "n_articles", "n_outlets", "reported_by", "has_discrepancy", "outlets"]
    if claims.empty or rows.empty:
        return pd.DataFrame(columns=cols)
    hit = (members["pledge_id"].astype(str).isin(rows["pledge_id"].astype(str)).to_numpy()
           | members["statement_id"].astype(str).isin(rows["statement_id"].astype(str)).to_numpy())
    ids = members.loc[hit, "claim_id"].astype(str).unique()
    mine = claims[claims["claim_id"].astype(str).isin(ids)]
    members = members[members["claim_id"].astype(str).isin(ids)]  # outlets of the claims in view only
    outlets = members.groupby(members["claim_id"].astype(str))["outlet"].agg(
        lambda s: ", ".join(sorted(set(s.astype(str)))))
    out = pd.DataFrame({
        "claim_id": mine["claim_id"].astype(str).to_numpy(),
        "label": mine["label"].astype(str).to_numpy(),
        "topic": mine["category"].astype(str).map(corpus.topic_label).to_numpy(),
        "n_articles": mine["n_articles"].to_numpy(),
        "n_outlets": mine["n_outlets"].to_numpy(),
        "reported_by": [f"{n} outlets" if n > 1 else "single source" for n in mine["n_outlets"]],
        "has_discrepancy": mine["has_discrepancy"].to_numpy(),
        "outlets": mine["claim_id"].astype(str).map(outlets).fillna("").to_numpy(),
    })
    return out.sort_values(["n_outlets", "claim_id"], ascending=[False, True]).reset_index(drop=True)


def claim_outlet_matrix(corpus: Corpus, claims: pd.DataFrame) -> pd.DataFrame:
    """Claims (rows) x outlets (columns): how each outlet framed the claim (kind), blank when silent."""
    members = corpus.claim_members
    mine = members[members["claim_id"].astype(str).isin(set(claims["claim_id"]))]
    if mine.empty:
        return pd.DataFrame()
    kinds = mine.assign(kind=mine["kind"].astype(str).map(corpus.kind_label), outlet=mine["outlet"].astype(str),
                        claim_id=mine["claim_id"].astype(str))
    table = kinds.groupby(["claim_id", "outlet"])["kind"].agg(lambda s: " / ".join(sorted(set(s)))).unstack(
        fill_value="")
    order = [c for c in claims["claim_id"] if c in table.index]
    labels = dict(zip(claims["claim_id"], claims["label"], strict=True))
    table = table.loc[order]
    table.index = [_short(labels[c]) for c in order]
    return table.rename_axis("claim").rename_axis(None, axis=1)


def single_source_claims(claims: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Claims only one outlet reports, grouped by that outlet."""
    single = claims[claims["n_outlets"] <= 1]
    cols = ["outlet", "claim", "topic", "kind"]
    if single.empty:
        return pd.DataFrame(columns=cols)
    members = corpus.claim_members
    first = members[members["claim_id"].astype(str).isin(set(single["claim_id"]))].drop_duplicates("claim_id")
    first = first.set_index(first["claim_id"].astype(str))
    out = pd.DataFrame({
        "outlet": single["claim_id"].map(first["outlet"].astype(str)).fillna("").to_numpy(),
        "claim": single["label"].to_numpy(),
        "topic": single["topic"].to_numpy(),
        "kind": single["claim_id"].map(first["kind"].astype(str)).fillna("").map(corpus.kind_label).to_numpy(),
    })
    return out.sort_values(["outlet", "topic"]).reset_index(drop=True)


def claim_quotes(corpus: Corpus, claim_id: str) -> pd.DataFrame:
    """Every outlet's quote for one claim, with kind, speakers, targets and the article's date and link."""
    members = corpus.claim_members
    mine = members[members["claim_id"].astype(str) == claim_id]
    cols = ["outlet", "quote", "kind", "speakers", "targets", "date", "title", "url", "article_id"]
    if mine.empty:
        return pd.DataFrame(columns=cols)
    sid = mine["statement_id"].astype(str)
    p = corpus.pledges[corpus.pledges["statement_id"].isin(set(sid))]
    p = p[first_of_statement(p)].set_index("statement_id")
    known = sid.isin(p.index)
    take = lambda col: sid.map(p[col].astype(str)).where(known, "").fillna("").to_numpy()  # noqa: E731
    return pd.DataFrame({
        "outlet": mine["outlet"].astype(str).to_numpy(),
        "quote": mine["quote"].astype(str).to_numpy(),
        "kind": mine["kind"].astype(str).map(corpus.kind_label).to_numpy(),
        "speakers": take("speakers"), "targets": take("targets"), "date": take("published"),
        "title": take("title"), "url": [safe_url(u) for u in take("url")],
        "article_id": mine["article_id"].astype(str).to_numpy(),
    }, columns=cols)


def discrepancy_table(corpus: Corpus, claims: pd.DataFrame) -> pd.DataFrame:
    """Discrepancies of the claims in view, with every outlet's quote side by side in one cell."""
    disc = corpus.discrepancies
    cols = ["claim", "field", "description", "values", "quotes", "claim_id"]
    mine = disc[disc["claim_id"].astype(str).isin(set(claims["claim_id"]))]
    if mine.empty:
        return pd.DataFrame(columns=cols)
    labels = dict(zip(claims["claim_id"], claims["label"], strict=True))
    members = corpus.claim_members
    members = members[members["claim_id"].astype(str).isin(mine["claim_id"].astype(str).unique())]
    quotes = members.groupby(members["claim_id"].astype(str)).apply(
        lambda g: "\n".join(f"{o}: “{q}”" for o, q in zip(g["outlet"].astype(str), g["quote"].astype(str),
                                                              strict=True)), include_groups=False)
    ids = mine["claim_id"].astype(str)
    return pd.DataFrame({
        "claim": ids.map(lambda c: _short(labels.get(c, c))).to_numpy(),
        "field": mine["field"].astype(str).to_numpy(),
        "description": mine["description"].astype(str).to_numpy(),
        "values": mine["values"].astype(str).str.replace("|", " vs ", regex=False).to_numpy(),
        "quotes": ids.map(quotes).fillna("").to_numpy(),
        "claim_id": ids.to_numpy(),
    }, columns=cols)


def _short(text: object, width: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def article_passage(corpus: Corpus, article_id: str, text: str) -> Passage:
    """A whole article with every statement underlined and every entity mention marked."""
    p = corpus.pledges
    mine = p[(p["article_id"] == article_id).to_numpy()]
    mine = mine[first_of_statement(mine)]
    spans = [Span(int(s), int(e), "quote") for s, e in zip(mine["start"], mine["end"], strict=True)
             if 0 <= s < e <= len(text)]
    m = corpus.mentions
    m = m[(m["article_id"] == article_id).to_numpy()]
    spans += [Span(int(s), int(e), "mention", corpus.name(str(ent)))
              for s, e, ent in zip(m["start"], m["end"], m["entity_id"].astype(str), strict=True)
              if 0 <= s < e <= len(text)]
    return Passage(text, tuple(sorted(spans, key=lambda s: (s.start, s.end))))
