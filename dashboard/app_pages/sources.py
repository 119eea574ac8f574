"""Sources: outlets and authors with their articles, dates and topics; an article reader."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, views
from dashboard.app_pages import common

ARTICLE_CONFIG = {"title": st.column_config.TextColumn("Title", width="large")}


def render() -> None:
    ctx = common.context()
    common.page_title("Sources", ctx)
    articles = views.selected_articles(ctx.corpus, ctx.rows, filtered=not ctx.filter.is_empty())
    if articles.empty and common.empty_state(ctx, "articles"):
        return
    article_view = views.article_table(ctx.corpus, ctx.rows, articles)
    st.subheader("Outlets")
    common.caption(ctx)
    outlets = views.outlet_table(article_view, ctx.rows)
    common.show_table(outlets)
    common.download_table("Download outlets", "outlets", lambda: outlets, ctx, "outlets")
    st.subheader("Authors")
    common.caption(ctx)
    authors = views.author_table(article_view)
    if authors.empty:
        st.caption("No article in this selection names its author.")
    else:
        common.show_table(authors)
    st.subheader("Topic coverage")
    common.caption(ctx, "Statements per outlet and topic")
    st.plotly_chart(charts.matrix_heatmap(views.topic_coverage(ctx.corpus, ctx.rows), "Blues"), key="coverage")
    st.subheader("Articles")
    common.caption(ctx)
    ids = list(article_view["article_id"].head(common.MAX_TABLE_ROWS))
    common.show_table(article_view.drop(columns="article_id"), key="src_table", column_config=ARTICLE_CONFIG,
                      on_select=lambda: common.mirror_selection("src_table", "src_pick", ids))
    common.download_table("Download articles", "articles", lambda: article_view, ctx, "articles")
    reader(ctx, article_view, ids)


def reader(ctx: common.Context, article_view: pd.DataFrame, ids: list[str]) -> None:
    st.subheader("Reader")
    common.keep_valid("src_pick", ids)
    shown = article_view.head(common.MAX_TABLE_ROWS)
    labels = {a: f"{o} — {t or Path(f).name}" for a, o, t, f in zip(
        shown["article_id"], shown["outlet"], shown["title"], shown["source_file"], strict=True)}
    chosen = st.selectbox("Article", ids, format_func=lambda a: labels.get(a, a), key="src_pick",
                          help="Or choose a row in the Articles table.")
    if chosen is None:
        return
    text, boilerplate = common.article_text_of(ctx, chosen)
    meta = article_view[article_view["article_id"] == chosen].iloc[0]
    st.caption(views.escape_markdown(f"{meta['outlet']} · {meta['author'] or 'no author'} · "
                                     f"{meta['date'] or 'undated'} · {meta['words']} words"))
    st.html(views.highlighted_html(views.article_passage(ctx.corpus, chosen, text)))
    st.caption("Underlined: statements · yellow: entities mentioned")
    with st.expander("Boilerplate removed from the page", expanded=False):
        st.text(boilerplate or "(nothing was removed)")


render()
