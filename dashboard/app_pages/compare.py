"""Compare sources: which claims several outlets report, which rest on one, and where outlets disagree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import views
from dashboard.app_pages import common


def render() -> None:
    ctx = common.context()
    common.page_title("Compare sources", ctx)
    if common.empty_state(ctx):
        return
    claims = views.claims_in_view(ctx.corpus, ctx.rows)
    if claims.empty:
        st.info("No claims in this selection: the corpus has no cross-source grouping for these statements.")
        return
    multi = int((claims["n_outlets"] > 1).sum())
    st.caption(f"{len(claims)} claims, {multi} reported by more than one outlet, "
               f"{int(claims['has_discrepancy'].sum())} with discrepancies.")
    st.subheader("Who reported what")
    common.caption(ctx, "Claims × outlets; each cell shows how the outlet framed the claim")
    common.show_table(views.claim_outlet_matrix(ctx.corpus, claims).reset_index())
    common.download_table("Download claims", "claims", lambda: claims, ctx, "claims")
    side_by_side(ctx, claims)
    st.subheader("Discrepancies")
    common.caption(ctx)
    discrepancies = views.discrepancy_table(ctx.corpus, claims)
    if discrepancies.empty:
        st.caption("The outlets agree on every claim in this selection.")
    else:
        common.show_table(discrepancies.drop(columns="claim_id"))
        common.download_table("Download discrepancies", "discrepancies", lambda: discrepancies, ctx,
                              "discrepancies")
    st.subheader("Single-source claims")
    common.caption(ctx, "Claims only one outlet reports, by outlet")
    single = views.single_source_claims(claims, ctx.corpus)
    if single.empty:
        st.caption("Every claim in this selection is reported by at least two outlets.")
    else:
        common.show_table(single)


def side_by_side(ctx: common.Context, claims: pd.DataFrame) -> None:
    st.subheader("Side by side")
    ids = list(claims["claim_id"])
    labels = dict(zip(claims["claim_id"], claims["label"], strict=True))
    outlets = dict(zip(claims["claim_id"], claims["reported_by"], strict=True))
    common.keep_valid("cmp_claim", ids)
    chosen = st.selectbox("Claim", ids, key="cmp_claim",
                          format_func=lambda c: f"{views.quote_label({'outlet': outlets[c], 'quote': labels[c]})}")
    quotes = views.claim_quotes(ctx.corpus, chosen)
    for column, (_, q) in zip(st.columns(max(1, len(quotes))), quotes.iterrows(), strict=False):
        with column.container(border=True):
            st.markdown(f"**{views.escape_markdown(q['outlet'])}** · {views.escape_markdown(q['kind'])}")
            st.text(q["quote"])
            st.caption(views.escape_markdown(" · ".join(x for x in (
                f"speakers: {q['speakers']}" if q["speakers"] else "", f"targets: {q['targets']}" if q["targets"]
                else "", q["date"]) if x)))


render()
