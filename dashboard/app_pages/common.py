"""What every page shares: the current selection, captions, empty states and download buttons.

The entrypoint (streamlit_app.py) loads the corpus, reads the sidebar filters and stores a
`Context` in session state; pages read it with `context()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.filters import Filter, loosen_suggestions
from dashboard.store import Corpus, article_text, corpus_stamp, load_corpus
from dashboard.views import compact_categories, escape_markdown

CONTEXT_KEY = "pe_context"
FILTER_STATE_KEYS: dict[str, str] = {item.name: f"f_{item.name}" for item in fields(Filter)}
MAX_TABLE_ROWS = 5000
COLUMN_TITLES = {  # readable headers for the snake_case columns views.py returns
    "as_speaker": "As speaker", "as_target": "As target", "reported_by": "Reported by", "n_articles": "Articles",
    "n_outlets": "Outlets", "has_discrepancy": "Discrepancy", "source_file": "File", "url": "Source",
    "first": "First date", "last": "Last date",
}


@dataclass(frozen=True, slots=True, eq=False)
class Context:
    """The corpus in use, the global filter, its pledge rows, and the selection in words."""

    corpus: Corpus
    filter: Filter
    rows: pd.DataFrame
    description: str
    summary: str
    corpus_label: str


@st.cache_resource(show_spinner="Loading tables…", max_entries=4)
def cached_corpus(folder: str, stamp: str) -> Corpus:
    """One loaded corpus per folder version, shared by all sessions (never modified)."""
    del stamp  # part of the cache key only: a rebuilt corpus has a new stamp
    return load_corpus(Path(folder))


@st.cache_data(show_spinner=False, max_entries=64)
def cached_article_text(folder: str, stamp: str, article_id: str) -> tuple[str, str]:
    del stamp
    return article_text(Path(folder), article_id)


def context() -> Context:
    return st.session_state[CONTEXT_KEY]


def article_text_of(ctx: Context, article_id: str) -> tuple[str, str]:
    """(clean text, removed boilerplate) of one article of the current corpus, read on demand."""
    folder = ctx.corpus.folder
    return cached_article_text(str(folder), corpus_stamp(folder), article_id)


def filter_state(f: Filter) -> dict[str, object]:
    """Widget values (session-state keys) that show Filter `f` in the sidebar."""
    out: dict[str, object] = {}
    for item in fields(Filter):
        value = getattr(f, item.name)
        out[FILTER_STATE_KEYS[item.name]] = list(value) if isinstance(value, tuple) else value
    return out


def set_filter(f: Filter) -> None:
    """Show `f` in the sidebar widgets (use as an on_click callback, before the widgets exist)."""
    st.session_state.update(filter_state(f))


def caption(ctx: Context, what: str = "") -> None:
    """The line above every table and chart: what is selected, in words."""
    text = f"{ctx.description} — {ctx.summary}"
    st.caption(escape_markdown(f"{what}: {text}" if what else text))


def page_title(title: str, ctx: Context) -> None:
    st.title(title)
    if ctx.corpus.is_empty:
        st.warning("This corpus has no articles yet. Open **Data** to upload and process articles.")


def empty_state(ctx: Context, what: str = "statements") -> bool:
    """Say so when nothing matches, with one-click ways to loosen the filter; True when empty."""
    if len(ctx.rows):
        return False
    if ctx.corpus.is_empty:
        st.info(f"No {what}: the corpus is empty.")
        return True
    st.info(escape_markdown(f"No {what} match: {ctx.description}."))
    suggestions = loosen_suggestions(ctx.corpus, ctx.filter)
    if suggestions:
        st.write("Try one of these:")
    for i, s in enumerate(suggestions[:4]):
        st.button(f"{s.text[:1].upper()}{s.text[1:]} ({s.n_statements} statements)", key=f"loosen_{i}",
                  on_click=set_filter, args=(s.filter,))
    return True


def download_table(label: str, what: str, build: Callable[[], pd.DataFrame], ctx: Context, key: str) -> None:
    """A CSV download of exactly the rows shown and its manifest, both built only when clicked."""
    name = export.export_name(what, ctx.filter, ctx.corpus)
    left, right = st.columns([3, 2])
    left.download_button(f"⬇ {label} (CSV)", data=lambda: export.csv_bytes(build()), file_name=name,
                         mime="text/csv", key=f"dl_{key}", on_click="ignore", icon=None)
    right.download_button("Manifest", data=lambda: export.manifest_bytes(
        export.manifest(ctx.filter, ctx.corpus, {name: len(build())})), file_name=name.removesuffix(".csv")
        + ".manifest.json", mime="application/json", key=f"dl_{key}_manifest", on_click="ignore",
        type="tertiary", help="What the CSV holds: filters in words and as a query string, corpus, pipeline")


def show_table(frame: pd.DataFrame, *, key: str | None = None, column_config: dict | None = None,
               on_select: Callable[[], None] | str = "ignore", selection_mode: str = "single-row",
               height: int | str = "auto") -> None:
    """A read-only table, capped at MAX_TABLE_ROWS rows (the CSV download always has them all)."""
    shown = compact_categories(frame.head(MAX_TABLE_ROWS))
    if len(frame) > MAX_TABLE_ROWS:
        st.caption(f"Showing the first {MAX_TABLE_ROWS:,} of {len(frame):,} rows; the download has all of them.")
    titles: dict[str, object] = {c: COLUMN_TITLES.get(c, c.replace("_", " ").capitalize())
                                 for c in map(str, shown.columns)}
    if "url" in titles:
        titles["url"] = st.column_config.LinkColumn("Source", display_text="open")
    kwargs: dict = {"hide_index": True, "column_config": {**titles, **(column_config or {})}, "height": height}
    if key:
        kwargs.update(key=key, on_select=on_select, selection_mode=selection_mode)
    st.dataframe(shown, **kwargs)


def selected_row(table_key: str) -> int | None:
    """Position of the row selected in a dataframe with on_select, if any."""
    state = st.session_state.get(table_key)
    rows = state.selection.rows if state is not None and hasattr(state, "selection") else []
    return int(rows[0]) if rows else None


def mirror_selection(table_key: str, pick_key: str, options: Sequence[str]) -> None:
    """on_select callback: choosing a row in a table sets the matching picker below it."""
    row = selected_row(table_key)
    if row is not None and row < len(options):
        st.session_state[pick_key] = options[row]


def keep_valid(key: str, options: Sequence[object], multi: bool = False) -> None:
    """Drop a stored widget value the current options no longer offer (e.g. after switching corpus)."""
    if key not in st.session_state:
        return
    value = st.session_state[key]
    if multi:
        st.session_state[key] = [v for v in (value or []) if v in options]
    elif value not in options:
        del st.session_state[key]


def clamp_date(key: str, lo: date, hi: date) -> None:
    value = st.session_state.get(key)
    if isinstance(value, date) and not lo <= value <= hi:
        st.session_state[key] = min(max(value, lo), hi)

