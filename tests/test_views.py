"""Aggregations and highlighting: numbers on the hand-written corpus, the seeds, and the empty corpus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dashboard_fixtures import (  # noqa: F401 - fixtures
    empty_corpus_fixture,
    empty_dir_fixture,
    fixture_corpus_fixture,
    fixture_dir_fixture,
    pledge_id,
    seed_corpus_fixture,
    seed_dir_fixture,
)

from dashboard import charts, views
from dashboard.filters import Filter, apply_filter
from dashboard.store import Corpus


def rows(corpus: Corpus, **kwargs: object) -> pd.DataFrame:
    return apply_filter(corpus, Filter(**kwargs))


def test_metrics(fixture_corpus: Corpus) -> None:
    assert views.metrics(fixture_corpus, rows(fixture_corpus)) == {
        "articles": 3, "outlets": 3, "statements": 12, "commitments": 5, "countries": 4}
    assert views.metrics(fixture_corpus, rows(fixture_corpus, outlets=("The Asian Affairs",))) == {
        "articles": 1, "outlets": 1, "statements": 3, "commitments": 1, "countries": 1}


def test_describe_result(fixture_corpus: Corpus) -> None:
    assert views.describe_result(rows(fixture_corpus)) == "12 statements from 3 articles in 3 outlets"
    assert views.describe_result(rows(fixture_corpus, text="masks")) == "1 statement from 1 article in 1 outlet"
    assert views.describe_result(rows(fixture_corpus, text="nothing like this")) == "no statements"


def test_topic_kind_counts(fixture_corpus: Corpus) -> None:
    counts = views.topic_kind_counts(fixture_corpus, rows(fixture_corpus))
    funding = counts[counts["category"] == "funding"].set_index("kind")["statements"].to_dict()
    assert funding == {"appeal": 1, "commitment": 1, "report": 1}
    assert counts["statements"].sum() == 13  # statement x topic rows
    assert list(counts["topic"].drop_duplicates())[:2] == ["Health cooperation", "Information and experience sharing"]


def test_actor_topic_grid_and_its_cells(fixture_corpus: Corpus) -> None:
    selection = rows(fixture_corpus)
    grid = views.actor_topic_grid(fixture_corpus, selection)
    assert grid.actor_ids[:2] == ["bloc:asean", "country:RUS"]
    assert grid.table.loc["Russia", "Vaccines and treatment"] == 2
    assert grid.table.loc["ASEAN", "Funding"] == 1
    cell = views.grid_cell_rows(fixture_corpus, selection, "country:RUS", "vaccines_treatment")
    assert set(cell["pledge_id"]) == {pledge_id("vnn", 4, "vaccines_treatment"),
                                      pledge_id("vnn", 5, "vaccines_treatment")}


def test_outlet_counts(fixture_corpus: Corpus) -> None:
    counts = views.outlet_counts(rows(fixture_corpus))
    assert counts.to_dict("records")[0] == {"outlet": "Viet Nam News", "statements": 7, "articles": 1}
    assert views.outlet_counts(rows(fixture_corpus, text="nothing like this")).empty


def test_evidence_table_has_one_row_per_statement_and_readable_columns(fixture_corpus: Corpus) -> None:
    table = views.evidence_table(rows(fixture_corpus, topics=("vaccines_treatment",)))
    assert list(table.columns) == views.EVIDENCE_COLUMNS
    assert len(table) == 2
    russia = table[table["quote"].str.startswith("Russia is willing")].iloc[0]
    assert russia["topic"] == "Information and experience sharing; Vaccines and treatment"
    assert (russia["kind"], russia["speakers"], russia["targets"]) == ("Commitment", "Russia", "ASEAN")
    assert (russia["outlet"], russia["date"], russia["reported_by"]) == ("Viet Nam News", "2020-06-17",
                                                                          "single source")


def test_evidence_table_drops_unsafe_links(fixture_corpus: Corpus) -> None:
    table = views.evidence_table(rows(fixture_corpus, outlets=("=Example Wire",)))
    assert set(table["url"]) == {""}


@pytest.mark.parametrize(("url", "safe"), [
    ("https://vietnamnews.vn/a", "https://vietnamnews.vn/a"),
    ("http://x.org/a?b=1", "http://x.org/a?b=1"),
    ("javascript:alert(1)", ""),
    ("data:text/html,<b>x</b>", ""),
    ("https://x.org/\"onmouseover=1", ""),
    ("", ""),
])
def test_safe_url(url: str, safe: str) -> None:
    assert views.safe_url(url) == safe


@pytest.mark.parametrize(("cue", "text", "found"), [
    ("pledged", "They have also pledged to help", ["pledged"]),
    ("pledg*", "Pledges and pledged, not impledge", ["Pledges", "pledged"]),
    ("need for", "the need  for cooperation", ["need  for"]),
    ("rules-based", "rulesbased order; rules-based order", ["rules-based"]),  # stored cue text: literal
    ("(rules-based) order", "rulesbased order; rules-based order; rules based order",
     ["rulesbased order", "rules-based order", "rules based order"]),
    ("(share*|exchang*) ~2 information", "share its experience and information", []),
    ("(share*|exchang*) ~3 information", "share its experience and information",
     ["share its experience and information"]),
    ("COVID-19", "the COVID-19 ASEAN Response Fund", ["COVID-19"]),
    ("U.N.", "the U.N. said", ["U.N."]),
])
def test_cue_pattern(cue: str, text: str, found: list[str]) -> None:
    assert [m.group(0) for m in views.cue_pattern(cue).finditer(text)] == found


def test_statement_passage_marks_quote_mentions_and_cues(fixture_corpus: Corpus, fixture_dir: object) -> None:
    from dashboard.store import article_text

    row = fixture_corpus.pledges.set_index("pledge_id").loc[pledge_id("vnn", 3, "funding")]
    row = pd.concat([row, pd.Series({"pledge_id": pledge_id("vnn", 3, "funding")})])
    text, _ = article_text(fixture_corpus.folder, "vnn")
    passage = views.statement_passage(fixture_corpus, row, text)
    assert passage.text.startswith("ASEAN foreign ministers hoped Russia")
    assert passage.text.endswith("treatment drugs.")  # the whole paragraph, both sentences
    marked = {(s.kind, passage.text[s.start:s.end]) for s in passage.spans}
    assert ("quote", str(row["quote"])) in marked
    assert ("mention", "Russia") in marked
    assert ("mention", "ASEAN-Russia Dialogue Partnership Financial Fund") in marked
    assert ("cue", "hoped") in marked
    quote = next(s for s in passage.spans if s.kind == "quote")
    cues = [s for s in passage.spans if s.kind == "cue"]
    assert {passage.text[s.start:s.end] for s in cues} == {"hoped", "Fund"}
    assert all(quote.start <= s.start and s.end <= quote.end for s in cues)  # only inside the quote


def test_highlighted_html_escapes_article_text() -> None:
    text = "Vietnam will donate <script>alert('x')</script> & more"
    passage = views.Passage(text, (views.Span(0, 7, "mention", 'Việt "Nam"'), views.Span(0, len(text), "quote")))
    html = views.highlighted_html(passage)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in html
    assert 'title="Việt &quot;Nam&quot;"' in html
    assert html.count('class="pe-mention"') == 1 and html.count('class="pe-quote"') == 2


def test_statement_passage_without_text_falls_back_to_the_quote(fixture_corpus: Corpus) -> None:
    row = fixture_corpus.pledges.iloc[0]
    passage = views.statement_passage(fixture_corpus, row, "")
    assert passage.text == row["quote"] and passage.spans[0].kind == "quote"


@pytest.mark.parametrize(("text", "escaped"), [
    ("*bold* [link](javascript:x)", r"\*bold\* \[link\]\(javascript\:x\)"),
    ("Phạm   Bình\nMinh", "Phạm Bình Minh"),
    ("#1 <b>", r"\#1 \<b\>"),
])
def test_escape_markdown(text: str, escaped: str) -> None:
    assert views.escape_markdown(text) == escaped


def test_actor_table_and_profile(fixture_corpus: Corpus) -> None:
    selection = rows(fixture_corpus)
    table = views.actor_table(fixture_corpus, selection).set_index("entity_id")
    assert table.loc["country:RUS", ["as_speaker", "as_target"]].tolist() == [6, 1]
    assert table.loc["person:pham-binh-minh", "country"] == "Việt Nam"
    assert table.loc["place:ha-noi", "mentions"] == 2
    profile = views.actor_profile(fixture_corpus, selection, "country:RUS").set_index("topic")
    assert profile.loc["Vaccines and treatment", "Commitment"] == 1
    assert profile.loc["Health cooperation"].sum() == 2  # Lavrov in VNN (commitment), Russia in TAA (report)
    assert views.actor_profile(fixture_corpus, selection, "country:LAO").empty


def test_co_mentions(fixture_corpus: Corpus) -> None:
    matrix = views.co_mentions(fixture_corpus, rows(fixture_corpus))
    assert matrix.loc["ASEAN", "Russia"] == matrix.loc["Russia", "ASEAN"] == 7
    assert matrix.loc["Việt Nam", "Laos"] == 1
    assert (matrix.to_numpy().diagonal() >= matrix.to_numpy().max(axis=1)).all()


def test_source_tables(fixture_corpus: Corpus) -> None:
    selection = rows(fixture_corpus, topics=("funding",))
    articles = views.selected_articles(fixture_corpus, selection, filtered=True)
    view = views.article_table(fixture_corpus, selection, articles)
    assert set(view["article_id"]) == {"vnn", "taa", "wire"}
    assert view.set_index("article_id").loc["taa", ["statements", "topics"]].tolist() == [1, "Funding"]
    everything = views.article_table(fixture_corpus, rows(fixture_corpus), fixture_corpus.articles)
    assert everything.set_index("article_id").loc["taa", "topics"] == "Funding; Health cooperation; Situation update"
    assert everything.set_index("article_id").loc["vnn", "statements"] == 7
    outlets = views.outlet_table(view).set_index("outlet")
    assert outlets.loc["The Asian Affairs", "authors"] == "Katherine S"
    assert outlets.loc["=Example Wire", "first"] == ""
    assert views.author_table(view)["author"].tolist() == ["@desk", "Katherine S"]
    coverage = views.topic_coverage(fixture_corpus, rows(fixture_corpus))
    assert coverage.loc["Viet Nam News", "Vaccines and treatment"] == 2
    everything = views.selected_articles(fixture_corpus, rows(fixture_corpus, text="zzz"), filtered=False)
    assert len(everything) == 3


def test_compare_views_on_fixture(fixture_corpus: Corpus) -> None:
    claims = views.claims_in_view(fixture_corpus, rows(fixture_corpus))
    assert claims["claim_id"].tolist()[:3] == ["claim:1", "claim:2", "claim:3"]
    matrix = views.claim_outlet_matrix(fixture_corpus, claims)
    fund = matrix.loc[matrix.index.str.startswith("hoped Russia")].iloc[0]
    assert (fund["Viet Nam News"], fund["The Asian Affairs"]) == ("Appeal", "Commitment")
    single = views.single_source_claims(claims, fixture_corpus)
    assert single.to_dict("records") == [{"outlet": "Viet Nam News", "claim": fixture_corpus.pledges.loc[4, "quote"],
                                          "topic": "Vaccines and treatment", "kind": "Appeal"}]
    quotes = views.claim_quotes(fixture_corpus, "claim:3")
    assert quotes["outlet"].tolist() == ["Viet Nam News", "The Asian Affairs"]
    assert quotes["speakers"].tolist() == ["ASEAN", "Russia"]
    disc = views.discrepancy_table(fixture_corpus, claims)
    assert disc["values"].tolist() == ["appeal vs commitment"]
    assert "The Asian Affairs: “expressed willingness" in disc["quotes"].iloc[0]
    narrowed = views.claims_in_view(fixture_corpus, rows(fixture_corpus, topics=("vaccines_treatment",)))
    assert narrowed["claim_id"].tolist() == ["claim:4"]


def test_compare_views_on_seeds_flag_the_fund_discrepancy(seed_corpus: Corpus) -> None:
    claims = views.claims_in_view(seed_corpus, rows(seed_corpus, topics=("funding",)))
    fund = claims[claims["label"].str.contains("hoped Russia would contribute")]
    assert fund["n_outlets"].tolist() == [2]
    disc = views.discrepancy_table(seed_corpus, fund)
    kind = disc[disc["field"] == "kind"]
    assert kind["values"].tolist() == ["appeal vs commitment"]
    quotes = views.claim_quotes(seed_corpus, fund["claim_id"].iloc[0])
    assert sorted(quotes["outlet"]) == ["The Asian Affairs", "Viet Nam News"]


def test_views_on_the_empty_corpus(empty_corpus: Corpus) -> None:
    selection = rows(empty_corpus)
    assert views.metrics(empty_corpus, selection) == dict.fromkeys(
        ["articles", "outlets", "statements", "commitments", "countries"], 0)
    assert views.topic_kind_counts(empty_corpus, selection).empty
    assert views.actor_topic_grid(empty_corpus, selection).table.empty
    assert views.evidence_table(selection).empty
    assert views.actor_table(empty_corpus, selection).empty
    assert views.co_mentions(empty_corpus, selection).empty
    view = views.article_table(empty_corpus, selection, empty_corpus.articles)
    assert view.empty and views.outlet_table(view).empty and views.author_table(view).empty
    assert views.claims_in_view(empty_corpus, selection).empty


@pytest.mark.parametrize("build", [
    lambda c, r: charts.topic_kind_bar(views.topic_kind_counts(c, r)),
    lambda c, r: charts.grid_heatmap(views.actor_topic_grid(c, r).table),
    lambda c, r: charts.outlet_bar(views.outlet_counts(r)),
    lambda c, r: charts.profile_bar(views.actor_profile(c, r, "country:RUS")),
    lambda c, r: charts.matrix_heatmap(views.co_mentions(c, r)),
    lambda c, r: charts.matrix_heatmap(views.topic_coverage(c, r)),
])
def test_charts_build_with_data_and_without(fixture_corpus: Corpus, empty_corpus: Corpus, build) -> None:
    full = build(fixture_corpus, rows(fixture_corpus))
    assert isinstance(full, go.Figure) and len(full.data) >= 1
    empty = build(empty_corpus, rows(empty_corpus))
    assert isinstance(empty, go.Figure) and len(empty.data) == 0 and empty.layout.annotations


def test_chart_labels_cannot_carry_markup(fixture_corpus: Corpus) -> None:
    counts = pd.DataFrame({"outlet": ["<a href='x'>evil</a>"], "statements": [1], "articles": [1]})
    fig = charts.outlet_bar(counts)
    assert "<" not in fig.data[0].y[0]


@pytest.mark.parametrize(("values", "expected"), [
    ([0, 0, 1, 2, 2, 2], [True, False, True, True, False, False]),  # sorted: compared with the neighbour
    ([2, 0, 2, 1, 0], [True, True, False, True, False]),  # unsorted: hashed
    ([], []),
])
def test_first_occurrence(values: list[int], expected: list[bool]) -> None:
    assert list(views.first_occurrence(np.array(values, dtype=np.int64))) == expected


@pytest.mark.parametrize(("values", "expected"), [
    (pd.Series(["a", "b", "a"], dtype="category"), 2),
    (pd.Series(["a", "b", "a"], dtype="category").iloc[[0, 2]], 1),  # unused categories do not count
    (pd.Series(["a", None], dtype="category"), 1),
    (pd.Series([3, 3, 4]), 2),
])
def test_n_distinct(values: pd.Series, expected: int) -> None:
    assert views.n_distinct(values) == expected


def test_pair_counts_counts_rows_of_each_pair_that_occurs() -> None:
    left = pd.Series(["x", "y", "x", "x"], dtype="category", name="topic")
    right = pd.Series(["p", "q", "p", "q"], dtype=pd.CategoricalDtype(["p", "q", "r"]), name="kind")
    counts = views._pair_counts(left, right)
    assert counts.astype({"topic": str, "kind": str}).values.tolist() == [["x", "p", 2], ["x", "q", 1], ["y", "q", 1]]
    assert list(counts["kind"].cat.categories) == ["p", "q", "r"]


def test_compact_categories_keeps_values_and_drops_unused_categories() -> None:
    frame = pd.DataFrame({"quote": pd.Series(["a", "b", "c"], dtype="category"), "n": [1, 2, 3]}).head(2)
    compact = views.compact_categories(frame)
    assert list(compact["quote"].cat.categories) == ["a", "b"]
    assert compact.astype(str).equals(frame.astype(str)) and list(frame["quote"].cat.categories) == ["a", "b", "c"]
