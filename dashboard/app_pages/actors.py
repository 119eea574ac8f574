"""Actors: who appears, an actor's profile (what it committed to, appealed for, supported), who with whom."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, views
from dashboard.app_pages import common

PROFILE_COLUMNS = ["quote", "topic", "kind", "targets", "outlet", "date", "reported_by"]


def render() -> None:
    ctx = common.context()
    common.page_title("Actors", ctx)
    if common.empty_state(ctx):
        return
    articles = None if ctx.filter.is_empty() else set(ctx.rows["article_id"].unique().astype(str))
    table = views.actor_table(ctx.corpus, ctx.rows, articles)
    st.subheader("Entities")
    common.caption(ctx)
    ids = list(table["entity_id"].head(common.MAX_TABLE_ROWS))
    common.show_table(table.drop(columns="entity_id"), key="act_table",
                      on_select=lambda: common.mirror_selection("act_table", "act_pick", ids))
    rows = ctx.rows
    common.download_table("Download entities", "entities", lambda: views.actor_table(ctx.corpus, rows, articles),
                          ctx, "entities")
    if not ids:
        return
    profile(ctx, ids)
    st.subheader("Who appears with whom")
    common.caption(ctx, "Statements in which both take part (speaker, target or mention)")
    st.plotly_chart(charts.matrix_heatmap(views.co_mentions(ctx.corpus, ctx.rows)), key="co_mentions")


def profile(ctx: common.Context, ids: list[str]) -> None:
    st.subheader("Profile")
    common.keep_valid("act_pick", ids)
    actor = st.selectbox("Actor", ids, format_func=ctx.corpus.name, key="act_pick",
                         help="Or choose a row in the table above.")
    name = ctx.corpus.name(actor)
    common.caption(ctx, f"What {name} said, by topic and kind")
    table = views.actor_profile(ctx.corpus, ctx.rows, actor)
    if table.empty:
        st.info(views.escape_markdown(f"{name} is not the speaker of any statement in this selection."))
        return
    st.plotly_chart(charts.profile_bar(table), key="profile")
    vias = ("self", "nationality") if actor.startswith("country:") else ("self",)
    quotes = views.evidence_table(views.rows_with_actor(ctx.corpus, ctx.rows, actor, "speaker", vias))
    common.show_table(quotes[PROFILE_COLUMNS])
    common.download_table(f"Download {name}'s statements", f"statements-by-{name}", lambda: quotes, ctx,
                          "profile")


render()
