"""Plotly figures built from the frames views.py returns; the page decides where they go.

Labels come from article metadata (outlet names, entity names), and Plotly reads a few HTML tags
inside labels, so every label passes through `_plain` first.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

KIND_COLOURS = {"Commitment": "#1b7837", "Appeal": "#2166ac", "Support": "#7fbc41", "Concern": "#d6604d",
                "Report": "#969696"}
FONT = dict(family="Source Sans Pro, DejaVu Sans, sans-serif", size=13)
_MARGIN = dict(l=10, r=10, t=30, b=10)


def _plain(text: object) -> str:
    """A label shown as text: no tags Plotly would interpret."""
    return str(text).replace("<", "‹").replace(">", "›")


def _layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    fig.update_layout(font=FONT, margin=_MARGIN, height=height, **extra)
    return fig


def empty_figure(message: str = "Nothing to show for this selection") -> go.Figure:
    """A blank figure carrying a message, for callers that must return a figure."""
    fig = go.Figure()
    fig.add_annotation(text=_plain(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=15, color="#666"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, 200)


def topic_kind_bar(counts: pd.DataFrame) -> go.Figure:
    """Statements by topic, stacked by kind (counts from views.topic_kind_counts)."""
    if counts.empty:
        return empty_figure()
    topics = list(dict.fromkeys(counts["topic"]))
    fig = go.Figure()
    for kind, part in counts.groupby("kind_label", sort=False, observed=True):
        fig.add_bar(y=[_plain(t) for t in part["topic"]], x=part["statements"], name=_plain(kind),
                    orientation="h", marker_color=KIND_COLOURS.get(str(kind)),
                    hovertemplate="%{y}: %{x} " + _plain(kind).lower() + "<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=[_plain(t) for t in reversed(topics)])
    fig.update_xaxes(title_text="statements", dtick=1 if counts["statements"].max() < 10 else None)
    return _layout(fig, 120 + 28 * len(topics), barmode="stack", legend_title_text="Kind")


def grid_heatmap(table: pd.DataFrame) -> go.Figure:
    """Actors x topics counts as a heat map with the numbers written in the cells."""
    if table.empty:
        return empty_figure()
    fig = go.Figure(go.Heatmap(
        z=table.to_numpy(), x=[_plain(c) for c in table.columns], y=[_plain(i) for i in table.index],
        colorscale="Blues", text=table.to_numpy(), texttemplate="%{text}", showscale=False,
        hovertemplate="%{y} · %{x}: %{z} statements<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30)
    return _layout(fig, 160 + 30 * len(table.index))


def outlet_bar(counts: pd.DataFrame) -> go.Figure:
    """Statements per outlet (from views.outlet_counts)."""
    if counts.empty:
        return empty_figure()
    fig = go.Figure(go.Bar(x=counts["statements"], y=[_plain(o) for o in counts["outlet"]], orientation="h",
                           marker_color="#4c78a8", customdata=counts["articles"],
                           hovertemplate="%{y}: %{x} statements in %{customdata} articles<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="statements")
    return _layout(fig, 120 + 30 * len(counts))


def profile_bar(profile: pd.DataFrame) -> go.Figure:
    """An actor's statements by topic, stacked by kind (from views.actor_profile)."""
    if profile.empty:
        return empty_figure()
    fig = go.Figure()
    for kind in profile.columns[1:]:
        fig.add_bar(y=[_plain(t) for t in profile["topic"]], x=profile[kind], name=_plain(kind), orientation="h",
                    marker_color=KIND_COLOURS.get(str(kind)))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="statements")
    return _layout(fig, 120 + 28 * len(profile), barmode="stack", legend_title_text="Kind")


def matrix_heatmap(matrix: pd.DataFrame, colorscale: str = "Oranges") -> go.Figure:
    """A square or rectangular count matrix (co-mentions, topic coverage) as an annotated heat map."""
    if matrix.empty:
        return empty_figure()
    fig = go.Figure(go.Heatmap(
        z=matrix.to_numpy(), x=[_plain(c) for c in matrix.columns], y=[_plain(i) for i in matrix.index],
        colorscale=colorscale, text=matrix.to_numpy(), texttemplate="%{text}", showscale=False,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30)
    return _layout(fig, 180 + 30 * len(matrix.index))
