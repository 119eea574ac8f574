"""Records -> DataFrames -> CSV + Parquet, written atomically.

Tables are built in a temporary folder beside the output and swapped in at the end, so an
interrupted or failed run never leaves a half-written corpus.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pandas as pd

from dashboard.preprocess.claims import build_claims
from dashboard.preprocess.gazetteer import Entry, slug
from dashboard.preprocess.records import COLUMNS, ReadError

if TYPE_CHECKING:
    from dashboard.preprocess.pipeline import ArticleResult, Resources

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


def _frame(name: str, rows: Sequence[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=COLUMNS[name])
    return frame


CHUNK_ARTICLES = 2000  # records become compact (Arrow-backed) frames every this many articles


def build_tables(
    results: Iterable[ArticleResult], errors: Sequence[ReadError], res: Resources, jobs: int = 1
) -> dict[str, pd.DataFrame]:
    """All tables of a corpus from the per-article records (claims worked out in `jobs` processes).

    `results` may be a stream: every CHUNK_ARTICLES articles the rows gathered so far become frames, so
    a large corpus is never held as millions of small Python objects.
    """
    articles, sentences, mentions, pledges, actors = [], [], [], [], []
    chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in ("articles", "sentences", "mentions", "pledges",
                                                                     "pledge_actors")}

    def flush() -> None:
        for name, rows in (("articles", articles), ("sentences", sentences), ("mentions", mentions),
                           ("pledges", pledges), ("pledge_actors", actors)):
            if rows or not chunks[name]:
                chunks[name].append(_frame(name, rows))
            rows.clear()

    used_entities: dict[str, Entry] = {}
    sources: dict[str, dict] = {}
    for result in results:
        if len(articles) >= CHUNK_ARTICLES:
            flush()
        a = result.article
        source_id = source_id_for(a.outlet, a.url)
        src = sources.setdefault(source_id, {"source_id": source_id, "outlet": a.outlet or _domain(a.url),
                                             "domain": _domain(a.url), "n_articles": 0, "authors": []})
        src["n_articles"] += 1
        if a.author and a.author not in src["authors"]:
            src["authors"].append(a.author)
        if not src["domain"] and a.url:
            src["domain"] = _domain(a.url)
        articles.append({
            "article_id": a.article_id, "source_file": a.source_file, "record": a.record, "outlet": a.outlet,
            "author": a.author, "title": a.title, "published": a.published, "updated": a.updated,
            "dateline": a.dateline, "url": a.url, "source_id": source_id, "text": a.text,
            "boilerplate": a.boilerplate, "n_sentences": len(result.sentences),
            "n_words": len(re.findall(r"\w+", a.text)), "event_id": "", "duplicate_of": "",
            "warnings": " | ".join(a.warnings),
        })
        sentences += [{"article_id": s.article_id, "sentence_id": s.sentence_id, "paragraph": s.paragraph,
                       "text": s.text, "start": s.start, "end": s.end} for s in result.sentences]
        for m in result.mentions:
            mentions.append({"article_id": m.article_id, "sentence_id": m.sentence_id, "entity_id": m.entity_id,
                             "surface": m.surface, "start": m.start, "end": m.end})
            _use(m.entity_id, res, result.people, used_entities)
        for st in result.statements:
            for category in st.categories:
                pledge_id = f"{st.statement_id}-{category}"
                pledges.append({
                    "pledge_id": pledge_id, "statement_id": st.statement_id, "article_id": st.article_id,
                    "sentence_id": st.sentence_id, "category": category, "kind": st.kind, "quote": st.quote,
                    "cues": "|".join(st.cues), "confidence": st.confidence, "start": st.start, "end": st.end,
                })
                for role, ids in (("speaker", st.speakers), ("target", st.targets)):
                    for entity_id, via in acting_entities(ids, res, result.people, a.published):
                        actors.append({"pledge_id": pledge_id, "entity_id": entity_id, "role": role, "via": via})
                        _use(entity_id, res, result.people, used_entities)
    flush()
    entity_rows = []
    for entity_id in sorted(used_entities):
        entry = used_entities[entity_id]
        members = res.gazetteer.members_on(entity_id) if entry.type == "bloc" else ()
        entity_rows.append(_entity_row(entry, members))
    tables = {
        **{name: _concat(frames) for name, frames in chunks.items()},
        "sources": _frame("sources", [{**s, "authors": "|".join(s["authors"])} for s in sources.values()]),
        "entities": _frame("entities", entity_rows),
        "errors": _frame("errors", [{"source_file": e.source_file, "record": e.record, "reason": e.reason}
                                    for e in errors]),
    }
    tables = {name: tables[name] for name in COLUMNS if name in tables}
    tables.update(_claim_tables(tables, jobs))
    return tables


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


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


def _use(entity_id: str, res: Resources, people: dict[str, Entry], used: dict[str, Entry]) -> None:
    if entity_id in used:
        return
    entry = res.gazetteer.get(entity_id) or people.get(entity_id)
    if entry is not None:
        used[entity_id] = entry


def _claim_tables(tables: dict[str, pd.DataFrame], jobs: int = 1) -> dict[str, pd.DataFrame]:
    """Events, duplicates and cross-source claims (see claims.py)."""
    claims = build_claims(tables["articles"], tables["sentences"], tables["pledges"], tables["pledge_actors"],
                          tables["entities"], tables["mentions"], jobs=jobs)
    links = claims.article_links.set_index("article_id") if len(claims.article_links) else None
    articles = tables["articles"].copy()
    if links is not None:
        articles["event_id"] = articles["article_id"].map(links["event_id"]).fillna("")
        articles["duplicate_of"] = articles["article_id"].map(links["duplicate_of"]).fillna("")
    return {
        "articles": articles,
        "events": claims.events.reindex(columns=COLUMNS["events"]),
        "claims": claims.claims.reindex(columns=COLUMNS["claims"]),
        "claim_members": claims.claim_members.reindex(columns=COLUMNS["claim_members"]),
        "discrepancies": claims.discrepancies.reindex(columns=COLUMNS["discrepancies"]),
    }


def write_tables(tables: dict[str, pd.DataFrame], run: dict, out_dir: Path) -> None:
    """Write every table as CSV and Parquet plus run.json; swap the folder in only when all succeeded."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, frame in tables.items():
            frame.to_csv(staging / f"{name}.csv", index=False, encoding="utf-8")
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        (staging / "run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False), encoding="utf-8")
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}")
            out_dir.rename(old)
        staging.rename(out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
