"""Overview: headline numbers, statements by topic and kind, who said what, statements per outlet."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, views
from dashboard.app_pages import common

METRIC_LABELS = {"articles": "Articles", "outlets": "Outlets", "statements": "Statements",
                 "commitments": "Commitments", "countries": "Countries"}


def render() -> None:
    ctx = common.context()
    common.page_title("Overview", ctx)
    numbers = views.metrics(ctx.corpus, ctx.rows)
    for column, (key, label) in zip(st.columns(len(METRIC_LABELS)), METRIC_LABELS.items(), strict=True):
        column.metric(label, f"{numbers[key]:,}")
    if common.empty_state(ctx):
        return
    st.subheader("Statements by topic and kind")
    common.caption(ctx)
    st.plotly_chart(charts.topic_kind_bar(views.topic_kind_counts(ctx.corpus, ctx.rows)), key="topic_kind")
    who_said_what(ctx)
    st.subheader("Statements per outlet")
    common.caption(ctx)
    st.plotly_chart(charts.outlet_bar(views.outlet_counts(ctx.rows)), key="outlets")


def who_said_what(ctx: common.Context) -> None:
    st.subheader("Who said what")
    common.caption(ctx, "Statements per speaker and topic; choose a cell to read its quotes")
    grid = views.actor_topic_grid(ctx.corpus, ctx.rows)
    if grid.table.empty:
        st.info("No statement in this selection has a recognised speaker.")
        return
    st.dataframe(grid.table, key="grid", on_select=lambda: pick_cell(grid), selection_mode="single-cell")
    common.keep_valid("ov_actor", grid.actor_ids)
    common.keep_valid("ov_topic", grid.topic_ids)
    left, right = st.columns(2)
    actor = left.selectbox("Speaker", grid.actor_ids, format_func=ctx.corpus.name, key="ov_actor")
    topic = right.selectbox("Topic", grid.topic_ids, format_func=ctx.corpus.topic_label, key="ov_topic")
    cell = views.evidence_table(views.grid_cell_rows(ctx.corpus, ctx.rows, actor, topic))
    st.caption(views.escape_markdown(f"{len(cell)} statements by {ctx.corpus.name(actor)} on "
                                     f"{ctx.corpus.topic_label(topic).lower()} — {ctx.description}"))
    common.show_table(cell[["quote", "kind", "targets", "outlet", "date", "reported_by"]])


def pick_cell(grid: views.Grid) -> None:
    """Cell chosen in the grid -> the speaker and topic pickers."""
    state = st.session_state.get("grid")
    cells = state.selection.cells if state is not None else []
    if not cells:
        return
    row, column = cells[0]
    labels = list(grid.table.columns)
    if 0 <= int(row) < len(grid.actor_ids) and column in labels:
        st.session_state["ov_actor"] = grid.actor_ids[int(row)]
        st.session_state["ov_topic"] = grid.topic_ids[labels.index(column)]


render()
