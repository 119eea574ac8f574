"""Filters: filter -> expected pledge ids (hand-written corpus), -> expected quotes (seeds), words, URLs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pyarrow as pa
import pytest
from dashboard_fixtures import (  # noqa: F401 - fixtures
    empty_corpus_fixture,
    empty_dir_fixture,
    fixture_corpus_fixture,
    fixture_dir_fixture,
    fixture_tables,
    pledge_id,
    seed_corpus_fixture,
    seed_dir_fixture,
    write_corpus,
)

from dashboard import word_index
from dashboard.filters import (
    Filter,
    apply_filter,
    describe_filter,
    from_query_params,
    loosen_suggestions,
    search_terms,
    text_mask,
    to_query_params,
)
from dashboard.store import Corpus, load_corpus

RUS, VNM, LAO, IDN = "country:RUS", "country:VNM", "country:LAO", "country:IDN"
ALL_VNN = {pledge_id("vnn", s, c) for s, c in [
    (0, "health_cooperation"), (1, "situation_update"), (2, "preparedness_capacity"), (3, "funding"),
    (4, "vaccines_treatment"), (5, "information_sharing"), (5, "vaccines_treatment"), (6, "situation_update")]}
ALL_TAA = {pledge_id("taa", 0, "health_cooperation"), pledge_id("taa", 1, "situation_update"),
           pledge_id("taa", 2, "funding")}
WIRE_MASKS, WIRE_AID = pledge_id("wire", 0, "medical_supplies"), pledge_id("wire", 1, "funding")
RUSSIA_SPEAKS = {pledge_id("vnn", 0, "health_cooperation"), pledge_id("vnn", 1, "situation_update"),
                 pledge_id("vnn", 2, "preparedness_capacity"), pledge_id("vnn", 4, "vaccines_treatment"),
                 pledge_id("vnn", 5, "information_sharing"), pledge_id("vnn", 5, "vaccines_treatment"),
                 pledge_id("taa", 0, "health_cooperation"), pledge_id("taa", 2, "funding")}
ASEAN_SPEAKS = {pledge_id("vnn", s, c) for s, c in [(0, "health_cooperation"), (1, "situation_update"),
                                                     (2, "preparedness_capacity"), (3, "funding"),
                                                     (4, "vaccines_treatment")]} | {
    pledge_id("taa", 0, "health_cooperation"), pledge_id("taa", 1, "situation_update")}

FIXTURE_CASES = [
    ("nothing selected", Filter(), ALL_VNN | ALL_TAA | {WIRE_MASKS, WIRE_AID}),
    ("topic", Filter(topics=("vaccines_treatment",)),
     {pledge_id("vnn", 4, "vaccines_treatment"), pledge_id("vnn", 5, "vaccines_treatment")}),
    ("country as speaker, incl. its minister", Filter(countries=(RUS,), role="speaker"), RUSSIA_SPEAKS),
    ("the analyst's question", Filter(countries=(RUS,), role="speaker", kinds=("commitment",),
                                      topics=("vaccines_treatment",)), {pledge_id("vnn", 5, "vaccines_treatment")}),
    ("country as target", Filter(countries=(RUS,), role="target"), {pledge_id("vnn", 3, "funding")}),
    ("own voice only", Filter(countries=(VNM,), role="speaker"), {pledge_id("vnn", 6, "situation_update"),
                                                                  WIRE_MASKS}),
    ("through blocs", Filter(countries=(VNM,), role="speaker", include_blocs=True),
     ASEAN_SPEAKS | {pledge_id("vnn", 6, "situation_update"), WIRE_MASKS}),
    ("any mention", Filter(countries=(LAO,)), {WIRE_MASKS}),
    ("bloc as target, through blocs", Filter(countries=(LAO,), role="target", include_blocs=True),
     {WIRE_MASKS, pledge_id("vnn", 5, "information_sharing"), pledge_id("vnn", 5, "vaccines_treatment"),
      pledge_id("taa", 2, "funding")}),
    ("fund mentioned in the quote", Filter(blocs=("fund:asean-covid-19-response-fund",)),
     {pledge_id("taa", 2, "funding")}),
    ("fund never mentioned inside a quote as speaker", Filter(blocs=("fund:asean-covid-19-response-fund",),
                                                              role="speaker"), set()),
    ("person", Filter(people=("person:sergey-lavrov",)), {pledge_id("vnn", 0, "health_cooperation")}),
    ("outlet", Filter(outlets=("The Asian Affairs",)), ALL_TAA),
    ("from a date (undated excluded)", Filter(date_from=date(2020, 6, 18)), ALL_TAA),
    ("until a date", Filter(date_to=date(2020, 6, 17)), ALL_VNN),
    ("empty date range", Filter(date_from=date(2020, 6, 19), date_to=date(2020, 6, 30)), set()),
    ("search word", Filter(text="vaccine"), {pledge_id("vnn", 4, "vaccines_treatment"),
                                             pledge_id("vnn", 5, "information_sharing"),
                                             pledge_id("vnn", 5, "vaccines_treatment")}),
    ("words without accents (also find 'Vietnam')", Filter(text="viet nam"),
     {pledge_id("vnn", 6, "situation_update"), WIRE_MASKS}),
    ("phrase without accents", Filter(text='"viet nam"'), {pledge_id("vnn", 6, "situation_update")}),
    ("search with accents", Filter(text="Việt Nam's"), {pledge_id("vnn", 6, "situation_update")}),
    ("search phrase", Filter(text='"equitable access"'), {pledge_id("vnn", 4, "vaccines_treatment")}),
    ("search words in any order", Filter(text="laos MASKS"), {WIRE_MASKS}),
    ("search phrase out of order", Filter(text='"masks 200,000"'), set()),
    ("corroborated only", Filter(min_outlets=2), {
        pledge_id("vnn", 0, "health_cooperation"), pledge_id("vnn", 1, "situation_update"),
        pledge_id("vnn", 3, "funding"), pledge_id("taa", 0, "health_cooperation"),
        pledge_id("taa", 1, "situation_update"), pledge_id("taa", 2, "funding")}),
    ("kind and outlet", Filter(kinds=("appeal",), outlets=("Viet Nam News",)),
     {pledge_id("vnn", 3, "funding"), pledge_id("vnn", 4, "vaccines_treatment")}),
    ("facets combine with and", Filter(countries=(RUS,), blocs=("bloc:asean",), role="speaker"),
     {pledge_id("vnn", s, c) for s, c in [(0, "health_cooperation"), (1, "situation_update"),
                                          (2, "preparedness_capacity"), (4, "vaccines_treatment")]}
     | {pledge_id("taa", 0, "health_cooperation")}),
    ("values within a facet combine with or", Filter(countries=(RUS, IDN), role="speaker"),
     RUSSIA_SPEAKS | {WIRE_AID}),
    ("unknown ids match nothing", Filter(countries=("country:XXX",)), set()),
]


@pytest.mark.parametrize(("case", "f", "expected"), FIXTURE_CASES, ids=[c[0] for c in FIXTURE_CASES])
def test_filter_selects_expected_pledges(fixture_corpus: Corpus, case: str, f: Filter, expected: set[str]) -> None:
    assert set(apply_filter(fixture_corpus, f)["pledge_id"]) == expected


def test_filter_keeps_row_positions_and_does_not_touch_the_corpus(fixture_corpus: Corpus) -> None:
    before = fixture_corpus.pledges.copy()
    rows = apply_filter(fixture_corpus, Filter(topics=("funding",)))
    assert (fixture_corpus.pledges.loc[rows.index, "pledge_id"] == rows["pledge_id"]).all()
    assert fixture_corpus.pledges.equals(before)


SEED_CASES = [
    # filter, statements that must be selected, statements that must not, whether `must` is the exact set
    ("topic = vaccines", Filter(topics=("vaccines_treatment",)),
     ["equitable access to vaccine", "willing to share its experience"], [], True),
    ("topic = funding", Filter(topics=("funding",)),
     ["applauded the setting up", "hoped Russia would contribute", "expressed willingness to support"], [], True),
    ("Russia's commitments", Filter(countries=(RUS,), role="speaker", kinds=("commitment",)),
     ["willing to share its experience", "expressed willingness to support"],
     ["hoped Russia would contribute", "equitable access to vaccine"], False),
    ("Russia's vaccine commitments", Filter(countries=(RUS,), role="speaker", kinds=("commitment",),
                                            topics=("vaccines_treatment",)),
     ["willing to share its experience"], [], True),
    ("towards Russia", Filter(countries=(RUS,), role="target"), ["hoped Russia would contribute"],
     ["willing to share its experience", "expressed willingness to support"], False),
    ("one outlet", Filter(outlets=("The Asian Affairs",)), ["expressed willingness to support"],
     ["hoped Russia would contribute", "equitable access to vaccine"], False),
    ("Việt Nam through ASEAN", Filter(countries=(VNM,), role="speaker", include_blocs=True),
     ["applauded the setting up", "hoped Russia would contribute"], [], False),
    ("Việt Nam on its own", Filter(countries=(VNM,), role="speaker"), [],
     ["applauded the setting up", "hoped Russia would contribute"], False),
    ("search", Filter(text="equitable ACCESS"), ["equitable access to vaccine"], [], True),
    ("reported by two outlets", Filter(min_outlets=2),
     ["pledged to further cooperation", "shared their concerns over", "stressed their commitments to expand",
      "hoped Russia would contribute", "held a special video conference", "shared their concerns and gave",
      "showed their commitments to deepen", "expressed willingness to support"],
     ["equitable access to vaccine", "willing to share its experience"], False),
]


@pytest.mark.parametrize(("case", "f", "must", "must_not", "exact"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_filter_on_seed_tables(seed_corpus: Corpus, case: str, f: Filter, must: list[str], must_not: list[str],
                               exact: bool) -> None:
    quotes = list(apply_filter(seed_corpus, f).drop_duplicates("statement_id")["quote"])
    for fragment in must:
        assert sum(fragment in q for q in quotes) == 1, f"{fragment!r} should be selected once"
    for fragment in must_not:
        assert not any(fragment in q for q in quotes), f"{fragment!r} should not be selected"
    if exact:
        assert len(quotes) == len(must)


def test_every_filter_works_on_an_empty_corpus(empty_corpus: Corpus) -> None:
    for _, f, _ in FIXTURE_CASES:
        assert apply_filter(empty_corpus, f).empty
    assert loosen_suggestions(empty_corpus, Filter(topics=("funding",))) == []


DESCRIPTIONS = [
    (Filter(), "All statements"),
    (Filter(countries=(RUS,), role="speaker", kinds=("commitment",), topics=("vaccines_treatment",),
            outlets=("Viet Nam News", "The Asian Affairs")),
     "Commitments by Russia on vaccines and treatment · 2 outlets"),
    (Filter(countries=(RUS,), role="target", kinds=("appeal", "support")),
     "Appeals and expressions of support towards Russia"),
    (Filter(countries=(VNM,), include_blocs=True), "Statements involving Việt Nam (incl. through its blocs)"),
    (Filter(people=("person:sergey-lavrov",), topics=("funding", "vaccines_treatment"), outlets=("Viet Nam News",)),
     "Statements involving Sergey Lavrov on funding or vaccines and treatment · in Viet Nam News"),
    (Filter(date_from=date(2020, 6, 1), date_to=date(2020, 6, 30), text="vaccine", min_outlets=2),
     "All statements · 2020-06-01 to 2020-06-30 · quotes containing “vaccine” · reported by at least 2 outlets"),
    (Filter(date_to=date(2020, 6, 30)), "All statements · until 2020-06-30"),
]


@pytest.mark.parametrize(("f", "expected"), DESCRIPTIONS)
def test_describe_filter(fixture_corpus: Corpus, f: Filter, expected: str) -> None:
    assert describe_filter(f, fixture_corpus) == expected


ROUND_TRIPS = [
    Filter(),
    Filter(countries=(RUS, VNM), include_blocs=True, role="speaker"),
    Filter(blocs=("bloc:asean",), people=("person:pham-binh-minh",), topics=("funding", "vaccines_treatment"),
           kinds=("commitment",), outlets=("Viet Nam News", "A & B, =odd outlet?")),
    Filter(date_from=date(2020, 6, 1), date_to=date(2021, 1, 31), text='"equitable access" Việt Nam', min_outlets=3),
]


@pytest.mark.parametrize("f", ROUND_TRIPS)
def test_query_string_round_trip(f: Filter) -> None:
    query = urlencode(to_query_params(f), doseq=True)
    assert from_query_params(parse_qs(query)) == f


@pytest.mark.parametrize(("query", "expected"), [
    ("country=RUS&topic=vaccines_treatment&kind=commitment&role=speaker",
     Filter(countries=(RUS,), topics=("vaccines_treatment",), kinds=("commitment",), role="speaker")),
    ("country=country:VNM&via_blocs=true", Filter(countries=(VNM,), include_blocs=True)),
    ("role=boss&from=2020-13-01&to=yesterday&min_outlets=-3&q=", Filter()),
    ("topic=funding&topic=funding", Filter(topics=("funding",))),
    ("unknown=1", Filter()),
])
def test_hand_written_query_strings(query: str, expected: Filter) -> None:
    assert from_query_params(parse_qs(query, keep_blank_values=True)) == expected


def test_query_params_accept_plain_strings() -> None:
    assert from_query_params({"country": "RUS", "q": "vaccine"}) == Filter(countries=(RUS,), text="vaccine")


def test_default_filter_has_empty_query() -> None:
    assert to_query_params(Filter()) == {}


@pytest.mark.parametrize(("text", "terms"), [
    ("vaccine", ["vaccine"]),
    ("  Việt   Nam ", ["viet", "nam"]),
    ('"equitable access" drugs', ["equitable access", "drugs"]),
    ('"unclosed phrase', ["unclosed", "phrase"]),
    ("", []),
])
def test_search_terms(text: str, terms: list[str]) -> None:
    assert sorted(search_terms(text)) == sorted(terms)


def test_loosen_suggestions_for_an_empty_result(fixture_corpus: Corpus) -> None:
    f = Filter(countries=(LAO,), role="speaker")
    assert apply_filter(fixture_corpus, f).empty
    suggestions = loosen_suggestions(fixture_corpus, f)
    assert [(s.text, s.n_statements) for s in suggestions] == [
        ("remove the country filter", 12),
        ("include statements made through blocs", 7),
        ("count any mention, not only the speaker", 1),
    ]
    for s in suggestions:
        assert not apply_filter(fixture_corpus, s.filter).empty


SEARCHED_QUOTES = ["vaccines for all", "masks", "supply of vaccines", "vaccine supply chains",
                   "vaccine supply chains"]


@pytest.mark.parametrize(("text", "expected"), [
    ("vaccine", [True, False, True, True, True]),
    ("vaccine supply", [False, False, True, True, True]),
    ('"vaccine supply"', [False, False, False, True, True]),
    ("", [True, True, True, True, True]),
])
def test_text_mask_searches_each_distinct_text_once(text: str, expected: list[bool]) -> None:
    plain = pa.chunked_array([pa.array(SEARCHED_QUOTES, type=pa.large_string())])
    encoded = pa.chunked_array([pa.array(SEARCHED_QUOTES).dictionary_encode()])
    assert len(encoded.chunk(0).dictionary) == 4
    assert list(text_mask(encoded, text)) == expected
    assert list(text_mask(plain, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("vaccine", [True, False, True, True, True]),
    ("vaccine-", [False, False, False, False, False]),
    ("supply chains", [False, False, False, True, True]),
    ('"of vaccines"', [False, False, True, False, False]),
    ("VACCINES", [True, False, True, False, False]),
    ("accin upp", [False, False, True, True, True]),
])
def test_text_mask_with_the_corpus_word_index(text: str, expected: list[bool]) -> None:
    encoded = pa.chunked_array([pa.array(SEARCHED_QUOTES).dictionary_encode()])
    assert list(text_mask(encoded, text, word_index.TextSearch(encoded))) == expected


def test_text_filter_builds_the_word_index_once_per_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    build = word_index.build_word_index
    monkeypatch.setattr(word_index, "build_word_index", lambda texts: built.append(len(texts)) or build(texts))
    corpus = load_corpus(write_corpus(fixture_tables(), tmp_path / "corpus"))
    assert built == []
    for text in ("vaccine", "viet nam", '"equitable access"', "laos MASKS"):
        assert not apply_filter(corpus, Filter(text=text)).empty
    assert built == [len(corpus.search_text.combine_chunks().dictionary)]
