"""Evidence: the quotes matching the filters; choose one to read it in its paragraph."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import views
from dashboard.app_pages import common

SHOWN = ["quote", "topic", "kind", "speakers", "targets", "outlet", "date", "reported_by", "url"]
COLUMN_CONFIG = {
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "reported_by": st.column_config.TextColumn("Reported by", help="Independent outlets reporting the same claim"),
}


def render() -> None:
    ctx = common.context()
    common.page_title("Evidence", ctx)
    if common.empty_state(ctx):
        return
    table = views.evidence_table(ctx.rows)
    st.subheader(f"{len(table):,} quotes")
    common.caption(ctx)
    ids = list(table["statement_id"].head(common.MAX_TABLE_ROWS))
    common.show_table(table[SHOWN], key="ev_table", column_config=COLUMN_CONFIG,
                      on_select=lambda: common.mirror_selection("ev_table", "ev_pick", ids))
    rows = ctx.rows
    common.download_table("Download these quotes", "evidence", lambda: views.evidence_table(rows), ctx, "evidence")
    st.subheader("In context")
    common.keep_valid("ev_pick", ids)
    shown = table.head(common.MAX_TABLE_ROWS)
    labels = dict(zip(shown["statement_id"], shown.apply(views.quote_label, axis=1), strict=True))
    chosen = st.selectbox("Quote", ids, format_func=lambda s: labels.get(s, s), key="ev_pick",
                          help="Or choose a row in the table above.")
    show_in_context(ctx, ctx.rows[(ctx.rows["statement_id"] == chosen).to_numpy()].iloc[0])


def show_in_context(ctx: common.Context, row: pd.Series) -> None:
    """The quote inside its paragraph (mentions and cue words marked) and the article's metadata."""
    text, _ = common.article_text_of(ctx, str(row["article_id"]))
    passage = views.statement_passage(ctx.corpus, row, text)
    st.html(views.highlighted_html(passage))
    st.caption("Underlined: the statement · yellow: entities mentioned · green: words that decided topic and kind")
    meta = {
        "Title": row["title"], "Outlet": row["outlet"], "Author": row["author"], "Date": row["published"],
        "Topic": row["topics"], "Kind": row["kind_label"], "Speakers": row["speakers"],
        "Targets": row["targets"], "Reported by": row["reported_by"], "Confidence": f"{row['confidence']:.2f}",
        "Statement": row["statement_id"],
    }
    st.dataframe(pd.DataFrame({"field": list(meta), "value": [str(v) for v in meta.values()]}),
                 hide_index=True)
    url = views.safe_url(str(row["url"]))
    if url:
        st.link_button("Open the source article", url)


render()
