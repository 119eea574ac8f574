"""Cross-source corroboration: events, near duplicates, claims and discrepancies (dashboard/preprocess/claims.py).

Three layers: tables of (input, expected) for the text helpers; small literal corpora in the styles
the tool meets (official statements, news agencies, op-eds, syndicated copies) built directly as
DataFrames, so the grouping is tested apart from statement classification; and end-to-end runs through
the pipeline, over the seeds (checked by the shared scorer) and over hand-written multi-outlet reports.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.preprocess.claims import (
    _WORD,
    _WORD_BREAK,
    ClaimTables,
    ClaimVocabError,
    Figure,
    _words,
    agglomerate,
    build_claims,
    claim_core,
    content_tokens,
    default_vocab_path,
    extract_figures,
    load_claim_vocab,
    parse_day,
    stated_date,
    stem,
)
from dashboard.preprocess.textutil import strip_accents

SCORING = Path(__file__).parent / "scoring"
VOCAB = load_claim_vocab()
RUS, ASEAN, VNM, MYS, CHN = "country:RUS", "bloc:asean", "country:VNM", "country:MYS", "country:CHN"
RESPONSE_FUND = "fund:asean-covid-19-response-fund"
DIALOGUE_FUND = "fund:asean-russia-dialogue-partnership-financial-fund"
LAVROV = "person:sergey-lavrov"


# ------------------------------------------------------------------------------------------- text helpers


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (("commitment", "commitments", "committed", "commits"), True),
        (("strengthen", "strengthened", "strengthening"), True),
        (("cooperation", "cooperate", "cooperating"), True),
        (("utilise", "utilising", "utilize", "utilized"), True),
        (("readiness", "ready"), True),
        (("vaccine", "vaccines"), True),
        (("country", "countries"), True),
        (("vaccine", "vacation"), False),
        (("spread", "spreading"), True),
        (("pledge", "plead"), False),
    ],
)
def test_stem_maps_inflections_together(forms: tuple[str, ...], same: bool) -> None:
    stems = {stem(f, VOCAB.stem_exceptions) for f in forms}
    assert (len(stems) == 1) is same, stems


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("expand partnerships in beefing up readiness", "deepen partnership in strengthening readiness"),
        ("Russia expressed willingness to support the fund", "Russia pledged to contribute to the fund"),
        ("response to COVID19", "response to COVID-19"),  # glued digits (punctuation lost)
        ("the ASEANRussian dialogue", "the ASEAN-Russian dialogue"),  # glued words
        ("in line with WHOs regulations", "in line with World Health Organization regulations"),
        ("held a video conference", "held an online meeting"),
        ("the rising number of cases", "the increasing spread"),
    ],
)
def test_content_tokens_survive_paraphrase_and_glued_words(left: str, right: str) -> None:
    assert set(content_tokens(left, VOCAB)) == set(content_tokens(right, VOCAB))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("said the", []),
        ("The ministers pledged to facilitate repatriation", ["syn:minister", "syn:commit", "facilitat",
                                                              "syn:repatriate"]),
        ("who is the WHO", ["world", "health", "organis"]),  # only the capitalised one is an abbreviation
    ],
)
def test_content_tokens_drop_stopwords_and_keep_case_of_abbreviations(text: str, expected: list[str]) -> None:
    assert content_tokens(text, VOCAB) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ASEANRussian meeting on COVID19 and 10member blocs",
        "Việt Nam's Phạm Bình Minh and Russia’s Lavrov; it's the pandemicVietnamese line",
        "Straße ı ſ K\u00a0tabs\tand\nnew lines 's 'sx o'sullivan US$5million",
        "",
    ],
)
def test_words_of_a_text_are_the_words_of_its_chunks(text: str) -> None:
    """_words works chunk by chunk (and remembers chunks): it must equal the rule applied to the whole text."""
    whole = _WORD.findall(strip_accents(_WORD_BREAK.sub(" ", text)).casefold())
    assert _words(text) == whole
    assert _words(text) == whole  # the remembered chunks give the same


@pytest.mark.parametrize(
    ("quote", "core"),
    [
        ("Foreign Minister Datuk Seri Hishammuddin Tun Hussein said the ministers voiced concern over the "
         "rising number of cases.", "the ministers voiced concern over the rising number of cases."),
        ("Moscow is ready to allocate $1 million to the Response Fund, Russian Foreign Minister Sergey Lavrov "
         "said on Wednesday at a video conference.", "Moscow is ready to allocate $1 million to the Response Fund"),
        ('"We are ready to use the resources of the fund for these purposes," the minister said.',
         "We are ready to use the resources of the fund for these purposes,"),
        ("According to Lavrov, the pandemic has shown the need to preserve the role of the WHO.",
         "the pandemic has shown the need to preserve the role of the WHO."),
        # a lead that is a clause of its own stays
        ("Russia is ready to help ASEAN fight the pandemic and noted that vaccines will be shared soon.",
         "Russia is ready to help ASEAN fight the pandemic and noted that vaccines will be shared soon."),
        # too little would be left
        ("Lavrov said so.", "Lavrov said so."),
        ("The diplomats have stressed their commitments to expand partnerships in readiness capacity",
         "their commitments to expand partnerships in readiness capacity"),
    ],
)
def test_claim_core_cuts_attribution(quote: str, core: str) -> None:
    start, end = claim_core(quote, VOCAB)
    assert quote[start:end] == core


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("HÀ NỘI ASEAN ministers pledged on Wednesday to cooperate", "2020-06-19", "2020-06-17"),
        ("ministers met on Wednesday", "2020-06-17", "2020-06-17"),  # same day
        ("ministers met on Wednesday", "", None),  # a weekday needs the publication date
        ("MOSCOW, June 17. /TASS/. Lavrov said", "2020-06-18", "2020-06-17"),
        ("JAKARTA, 9 June 2020 - The meeting", "", "2020-06-09"),
        ("On Dec. 30 the ministers met", "2021-01-02", "2020-12-30"),  # the year before the publication
        ("The ministers met yesterday", "2020-06-18", "2020-06-17"),
        ("Last updated on May 7th, 2021 at 05:25 am HANOI - ministers met", "", None),  # page date, not event
        ("No date at all", "2020-06-18", None),
        ("JAKARTA, 4 Agustus 2021 - Para menteri", "", "2021-08-04"),  # the months of dates.toml
    ],
)
def test_stated_date(text: str, published: str, expected: str | None) -> None:
    day = stated_date(text, date.fromisoformat(published) if published else None)
    assert (day.isoformat() if day else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia pledged $1 million to the fund", {Figure("USD", 1e6)}),
        ("Russia pledged US$1m to the fund", {Figure("USD", 1e6)}),
        ("a contribution of USD 1,000,000", {Figure("USD", 1e6)}),
        ("one million US dollars", {Figure("USD", 1e6)}),
        ("US$1.5 mln and 10,000 doses", {Figure("USD", 1.5e6), Figure("doses", 1e4)}),
        ("a dose", set()),
        ("RM2 billion", {Figure("MYR", 2e9)}),
        ("cases rose 5 per cent", {Figure("%", 5)}),
        ("COVID-19 and the 10-member bloc under the International Health Regulations 2005", set()),
        ("the 2020 meeting of 10 countries", {Figure("countries", 10)}),
        ("50 billion won in aid and 5 million dong", {Figure("KRW", 5e10), Figure("VND", 5e6)}),
        # currency words before a number are other words; "a" is not the a of "another"
        ("Vietnam won a seat on the council and Thailand won 2 seats", set()),
        ("Prime Minister Pham Van Dong 3 times met the yuan 5 percent rise", {Figure("%", 5)}),
        ("Malaysia won another award", set()),
        ("another 5 doses", {Figure("doses", 5)}),
        ("US$ one billion", {Figure("USD", 1e9)}),
        # a number that is part of a name is no figure; a range's upper end still is
        ("Russia will share COVID-19 vaccines as Covid-19 cases and deaths rise", set()),
        ("the G-20 countries and the ASEAN+3 countries", set()),
        ("5-10 doses for 10 countries", {Figure("doses", 10), Figure("countries", 10)}),
        ("COVID\u201119 vaccines, COVID\u201319 cases, P5+1 and 10+3 countries", set()),  # other hyphens, a plus
        ("5\u201310 doses", {Figure("doses", 10)}),
        ("Covid 19 cases fell in the G 20 countries as SARS CoV 2 vaccines and 2 million doses arrived",
         {Figure("doses", 2e6)}),  # claims.toml's numbered_names
        ("the covid 190 cases", {Figure("cases", 190)}),  # only the whole name
        ("ASEAN Plus Three countries, the ASEAN + 3 countries and 4 countries",
         {Figure("countries", 4)}),  # a group's name is no count of its members
        ("a group of 20 countries", {Figure("countries", 20)}),  # but a group of some is
        ("Phase 3 Covid 19 vaccines, 12 Covid 19 deaths and G 7+3 countries", set()),  # a listed name is a word
        ("In 2020, countries pledged 1,00,000 doses", {Figure("doses", 1e5)}),  # a comma only between digits
        ("ninety-five countries", set()),  # not 5 (the vocabulary has no "ninety")
        # a plain year is no amount; with a thousands comma or a currency sign before it, it is
        ("in 2016 won the vote; in 2020 countries pledged; by 2025 people", set()),
        ("2,020 doses and $2020", {Figure("doses", 2020), Figure("USD", 2020)}),
        # the ASEAN members' currencies, as codes, signs and words
        ("Rp 5 trillion, MYR 2 million, THB 3 billion, \u20b14 million", {Figure("IDR", 5e12), Figure("MYR", 2e6),
                                                                         Figure("THB", 3e9), Figure("PHP", 4e6)}),
        ("10 billion kip, 2 million riels, 7 billion kyat and 9 billion \u20ab",
         {Figure("LAK", 1e10), Figure("KHR", 2e6), Figure("MMK", 7e9), Figure("VND", 9e9)}),
    ],
)
def test_extract_figures(text: str, expected: set[Figure]) -> None:
    assert extract_figures(text, VOCAB.figures) == expected


@pytest.mark.parametrize("needles", [
    ("doses", "per cent", "$", "us$", "kits"),  # words of letters a-z, with a space, with other characters
    ("Doses", "kits"),  # a word with case: left to Needles (the answer is always "may match")
    (),  # nothing known: every text may match
])
def test_run_needles_answer_as_needles(needles: tuple[str, ...]) -> None:
    """Looking for the words run of letters by run of letters says what Needles.may_match says."""
    from dashboard.preprocess.claims import _LETTER_RUN, RunNeedles
    from dashboard.preprocess.textutil import Needles

    words = Needles(needles, fold=any(w != w.lower() for w in needles))
    runs = RunNeedles.of(words)
    texts = ["10,000 doses", "testdosesx", "dose", "5 per cent", "5 percent", "us$5", "$5", "us5", "", "kit",
             "test kits", "n\u00e9gociations doses", "ki ts", "d-o-s-e-s"]
    for text in texts * 2:  # the second time from the remembered runs
        expected = words.may_match(text) if not words.fold else True
        assert runs.may_match(text, _LETTER_RUN.findall(text)) == expected, text


def test_figures_of_quotes_whose_names_are_blanked_out() -> None:
    """A quote whose unit word lies only in a numbered name ("g 20 doses" with such a name) holds no figure
    once the name is blanked out: the words are looked for again in the blanked text."""
    from dataclasses import replace

    from dashboard.preprocess.claims import _numbered_names

    figures = replace(VOCAB.figures, names=_numbered_names(["covid 19", "g 20 doses"]))
    assert extract_figures("The G 20 doses plan", figures) == set()
    assert extract_figures("The G 20 doses plan and 5 doses", figures) == {Figure("doses", 5)}
    assert extract_figures("Covid 19 cases", figures) == set()


@pytest.mark.parametrize(("value", "expected"), [("2020-06-17", date(2020, 6, 17)),
                                                  ("2020-06-17T08:00:00+07:00", date(2020, 6, 17)),
                                                  ("", None), (None, None), (float("nan"), None), (pd.NA, None),
                                                  ("17/06/2020", None)])
def test_parse_day(value: object, expected: date | None) -> None:
    assert parse_day(value) == expected


def test_broken_vocabulary_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    text = default_vocab_path().read_text(encoding="utf-8")
    path.write_text(text.replace("threshold = 0.3\n", "threshold = \"high\"\n"), encoding="utf-8")
    with pytest.raises(ClaimVocabError, match=r"claims.toml: \[events\] threshold must be a number"):
        load_claim_vocab(path)
    path.write_text("[synonyms]\nbig = \"large\"\n", encoding="utf-8")
    with pytest.raises(ClaimVocabError, match="synonym group 'big' must be a list"):
        load_claim_vocab(path)
    path.write_text(text.replace('before_amount = [\n', 'before_amount = ["bucks",\n'), encoding="utf-8")
    with pytest.raises(ClaimVocabError, match=r"claims.toml: \[figures\] before_amount names \['bucks'\], which"):
        load_claim_vocab(path)
    for years in ('"1900-2099"', "[true, false]", "[2099, 1900]"):
        path.write_text(text.replace("years = [1900, 2099]", f"years = {years}"), encoding="utf-8")
        with pytest.raises(ClaimVocabError, match=r"claims.toml: \[figures\] years must be two whole numbers"):
            load_claim_vocab(path)
    path.write_text(text.replace('numbered_names = [', 'numbered_names = ["", '), encoding="utf-8")
    with pytest.raises(ClaimVocabError, match=r"claims.toml: \[figures\] numbered_names must be a list of names"):
        load_claim_vocab(path)
    path.write_text(text.replace("[figures.scales]", "[figures.scale]"), encoding="utf-8")
    with pytest.raises(ClaimVocabError, match=r"claims.toml: \[figures\] needs currencies, scales, number_words"
                                              r".*KeyError: 'scales'"):
        load_claim_vocab(path)


def test_figure_settings_left_out_or_empty(tmp_path: Path) -> None:
    """Without before_amount every currency may stand before an amount (and without years a year is a
    number); with an empty before_amount none may, and amounts after a number are still read."""
    path = tmp_path / "left_out.toml"  # one file each: load_claim_vocab remembers a path's vocabulary
    text = default_vocab_path().read_text(encoding="utf-8")
    start = text.index("before_amount = [")
    listed = text[start : text.index("]", start) + 1]
    path.write_text(text.replace(listed, "").replace("years = [1900, 2099]", ""), encoding="utf-8")
    figures = load_claim_vocab(path).figures
    found = extract_figures("they won 2 seats in 2020 countries", figures)
    assert found == {Figure("KRW", 2), Figure("countries", 2020)}
    path = tmp_path / "empty.toml"
    path.write_text(text.replace(listed, "before_amount = []"), encoding="utf-8")
    figures = load_claim_vocab(path).figures
    assert figures.prefixed is None and not figures.prefixed_words  # nothing to try before an amount
    assert extract_figures("US$5 million and 5 doses and 2 billion won", figures) == {Figure("doses", 5),
                                                                                         Figure("KRW", 2e9)}


def test_agglomerate_keeps_one_member_per_group_and_uses_average_linkage() -> None:
    scores = np.array([
        [0.0, 0.9, 0.8, 0.1],
        [0.9, 0.0, 0.7, 0.1],
        [0.8, 0.7, 0.0, 0.5],
        [0.1, 0.1, 0.5, 0.0],
    ])
    assert agglomerate(scores, 0.4, 0.4) == [[0, 1, 2], [3]]  # 3 joins 2 only: the mean to {0,1,2} is low
    assert agglomerate(scores, 0.4, 0.4, groups=["a", "b", "a", "c"]) == [[0, 1], [2, 3]]
    assert agglomerate(scores, 0.95, 0.0) == [[0], [1], [2], [3]]


def test_agglomerate_takes_tied_pairs_in_index_order() -> None:
    """Equal scores: the pair with the lower indices first, so ties always resolve the same way."""
    scores = np.array([[0.0, 0.9, 0.9], [0.9, 0.0, 0.1], [0.9, 0.1, 0.0]])
    assert agglomerate(scores, 0.5, 0.5, groups=["a", "b", "b"]) == [[0, 1], [2]]
    assert agglomerate(scores[::-1, ::-1].copy(), 0.5, 0.5, groups=["b", "b", "a"]) == [[0, 2], [1]]


def test_agglomerate_never_joins_pairs_kept_apart() -> None:
    """An undated report (1) resembles two meetings a year apart (0 and 2): it joins one, not both."""
    scores = np.array([
        [0.0, 0.8, 0.0],
        [0.8, 0.0, 0.7],
        [0.0, 0.7, 0.0],
    ])
    assert agglomerate(scores, 0.3, 0.3) == [[0, 1, 2]]  # the mean {0,1}-{2} is 0.35
    days = np.array([0.0, np.nan, 365.0])
    assert agglomerate(scores, 0.3, 0.3, days=days, max_gap=30) == [[0, 1], [2]]
    assert agglomerate(scores, 0.3, 0.3, days=days, max_gap=365) == [[0, 1, 2]]  # exactly the gap: allowed
    assert agglomerate(scores, 0.3, 0.3, days=np.array([0.0, 400.0, np.nan]), max_gap=30) == [[0], [1, 2]]


@pytest.mark.parametrize("groups", [["a2", "a1", "a2", "a3"], [], ["x"], ["a", None, "b", None, float("nan")],
                                    [1, 2, 1]])
def test_group_codes_are_pandas_codes(groups: list[object]) -> None:
    from dashboard.preprocess.claims import _group_codes

    expected = pd.factorize(pd.Series(groups, dtype=object))[0]
    got = _group_codes(groups)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()


def test_one_statement_per_article_keeps_the_whole_cluster() -> None:
    """Nothing to choose between when each article has one statement in a cluster; with two, the
    statement closer to the other articles' ones stays."""
    from dashboard.preprocess.claims import _one_per_article

    scores = np.array([[0, 0.9, 0.1, 0.5], [0.9, 0, 0.2, 0.4], [0.1, 0.2, 0, 0.3], [0.5, 0.4, 0.3, 0]])
    assert _one_per_article([3, 0, 2], scores, ["a", "b", "c", "d"], 0.25) == ([0, 2, 3], [])
    assert _one_per_article([0, 1, 2], scores, ["a", "b", "a", "c"], 0.25) == ([0, 1], [2])


def test_medoid_of_two_is_numpys_argmax() -> None:
    """Two members' closeness is a sum of two scores, compared without NumPy: the same member, ties to the
    first, as the block's row sums and argmax pick."""
    from dashboard.preprocess.claims import _medoid

    rng = np.random.default_rng(3)
    scores = rng.random((40, 40)) * rng.choice([1e-9, 1.0, 1e9], (40, 40))
    scores[:, 7] = scores[7, :] = 0.5  # ties
    for _ in range(500):
        members = sorted(int(k) for k in rng.choice(40, int(rng.integers(2, 4)), replace=False))
        expected = members[int(np.argmax(scores[np.ix_(members, members)].sum(axis=1)))]
        assert _medoid(members, scores) == expected
    assert _medoid([7, 9], np.where(np.eye(40, dtype=bool), 0.0, 0.5)) == 7


def test_mean_between_single_members_is_their_score() -> None:
    from dashboard.preprocess.claims import _mean_between

    scores = np.array([[0.0, 0.1 + 0.2, 0.7], [0.1 + 0.2, 0.0, 0.4], [0.7, 0.4, 0.0]])
    codes = np.array([0, 1, 1])
    assert _mean_between(scores, [0], [1], codes, False) == scores[0, 1] == float(scores[np.ix_([0], [1])].mean())
    assert _mean_between(scores, [1], [2], codes, True) == 0.0  # one group: no pair counts
    assert _mean_between(scores, [0], [1, 2], codes, False) == float(scores[np.ix_([0], [1, 2])].mean())


def test_statements_of_one_article_are_each_their_own_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    """One article cannot corroborate itself: its statements, however alike, stay single claims (and
    score 0) without their pair scores being worked out, while the same statements from two articles
    form one claim."""
    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import StatementRecord, group_claims, pack_tokens

    def record(article_id: str, k: int) -> StatementRecord:
        quote = "Russia pledged 50,000 test kits to ASEAN members to fight the pandemic."
        words = pack_tokens((t, 1.0) for t in content_tokens(quote, VOCAB))
        return StatementRecord(
            statement_id=f"{article_id}-s{k}", article_id=article_id, sentence_id=f"{article_id}-s{k}",
            quote=quote, kind="commitment", categories=("health",), pledge_ids={"health": f"p{k}"},
            speakers=frozenset({RUS}), targets=frozenset(), actors=frozenset({RUS}), core=quote, words=words)

    scores_of = claims.claim_scores
    monkeypatch.setattr(claims, "claim_scores", lambda *args: pytest.fail("scored one article's statements"))
    clusters, scores = group_claims([record("a1", k) for k in range(3)], VOCAB)
    assert clusters == [[0], [1], [2]] and not scores.any() and scores.shape == (3, 3)
    assert not scores_of([record("a1", k) for k in range(3)], VOCAB).any()  # what scoring them gives
    monkeypatch.setattr(claims, "claim_scores", scores_of)
    clusters, scores = group_claims([record("a1", 0), record("a2", 1), record("a1", 2)], VOCAB)
    assert clusters == [[0, 1], [2]] and scores[0, 1] > 0.9 and scores[0, 2] == 0.0
    mixed = scores_of([record(article_id, k) for k, article_id in enumerate(["a1", "a2", "a1", "a2"])], VOCAB)
    same = np.array([[a == b for b in "1212"] for a in "1212"])  # the diagonal too
    assert not mixed[same].any() and (mixed[~same] > 0.9).all()


def test_an_event_over_max_event_statements_is_not_compared_pairwise(monkeypatch, capsys) -> None:
    """A few long transcripts of one meeting: comparing every pair of 12,000 statements took ~8 squares of
    1.1 GB (a MemoryError, or the OS killing the run); over claims.toml's max_event_statements each is a
    claim of its own, and the run says so."""
    from dataclasses import replace

    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import StatementRecord, group_claims, pack_tokens

    quote = "Russia pledged 50,000 test kits to ASEAN members to fight the pandemic."
    words = pack_tokens((t, 1.0) for t in content_tokens(quote, VOCAB))
    records = [StatementRecord(
        statement_id=f"a{k % 2}-s{k}", article_id=f"a{k % 2}", sentence_id=f"a{k % 2}-s{k}", quote=quote,
        kind="commitment", categories=("health",), pledge_ids={"health": f"p{k}"}, speakers=frozenset({RUS}),
        targets=frozenset(), actors=frozenset({RUS}), core=quote, words=words) for k in range(4)]
    small = replace(VOCAB, claims=replace(VOCAB.claims, max_event_statements=3))
    monkeypatch.setattr(claims, "claim_scores", lambda *args: pytest.fail("compared an event's every pair"))
    clusters, _scores = group_claims(records, small)
    assert clusters == [[0], [1], [2], [3]]
    assert "max_event_statements" in capsys.readouterr().err


@pytest.mark.parametrize(("categories", "expected"), [
    ([("health", "economy")], "health"), ([("economy", "health")], "economy"), ([()], ""), ([], ""),
    ([("a", "b", "b")], "b"),  # a category named twice outweighs the first
    ([("a",), ("b",), ("b", "a")], "a"), ([("a",), ("b",), ("b",)], "b")])
def test_a_claims_category_is_the_one_most_members_have(categories: list[tuple[str, ...]], expected: str) -> None:
    from dashboard.preprocess.claims import StatementRecord, _claim_category

    members = [StatementRecord(statement_id=f"s{k}", article_id=f"a{k}", sentence_id=f"s{k}", quote="", kind="",
                               categories=cats, pledge_ids={}, speakers=frozenset(), targets=frozenset(),
                               actors=frozenset(), core="", words="") for k, cats in enumerate(categories)]
    assert _claim_category(members) == expected


def test_one_statement_per_article_keeps_a_lone_statement() -> None:
    from dashboard.preprocess.claims import _one_per_article

    scores = np.array([[0.0, 0.7, 0.9], [0.7, 0.0, 0.8], [0.9, 0.8, 0.0]])
    assert _one_per_article([1], scores, ["a", "b", "b"], 0.1) == ([1], [])
    assert _one_per_article([0, 1, 2], scores, ["a", "b", "b"], 0.05) == ([0, 2], [1])  # 2 is closer to "a"
    assert _one_per_article([0, 1, 2], scores, ["a", "b", "b"], 0.5) == ([0, 1], [2])  # 1 comes within 50 %


# ------------------------------------------------------------------------------------------- literal corpora

ENTITIES = pd.DataFrame([
    {"entity_id": RUS, "name": "Russia", "type": "country", "iso3": "RUS", "country": "RUS",
     "aliases": "Russia|Russian|Moscow", "members": "", "role": ""},
    {"entity_id": VNM, "name": "Viet Nam", "type": "country", "iso3": "VNM", "country": "VNM",
     "aliases": "Viet Nam", "members": "", "role": ""},
    {"entity_id": MYS, "name": "Malaysia", "type": "country", "iso3": "MYS", "country": "MYS",
     "aliases": "Malaysia", "members": "", "role": ""},
    {"entity_id": CHN, "name": "China", "type": "country", "iso3": "CHN", "country": "CHN",
     "aliases": "China|Chinese", "members": "", "role": ""},
    {"entity_id": ASEAN, "name": "ASEAN", "type": "bloc", "iso3": "", "country": "", "aliases": "ASEAN",
     "members": "IDN|MYS|PHL|SGP|THA|BRN|VNM|LAO|MMR|KHM", "role": ""},
    {"entity_id": RESPONSE_FUND, "name": "COVID-19 ASEAN Response Fund", "type": "fund", "iso3": "", "country": "",
     "aliases": "COVID-19 ASEAN Response Fund", "members": "", "role": ""},
    {"entity_id": DIALOGUE_FUND, "name": "ASEAN-Russia Dialogue Partnership Financial Fund", "type": "fund",
     "iso3": "", "country": "", "aliases": "ASEAN-Russia Dialogue Partnership Financial Fund", "members": "",
     "role": ""},
    {"entity_id": LAVROV, "name": "Sergey Lavrov", "type": "person", "iso3": "", "country": "RUS",
     "aliases": "Lavrov", "members": "", "role": "Minister of Foreign Affairs"},
])
SURFACES = {  # longest first: the fixture's own tiny entity finder
    "ASEAN-Russia Dialogue Partnership Financial Fund": DIALOGUE_FUND, "COVID-19 ASEAN Response Fund": RESPONSE_FUND,
    "Sergey Lavrov": LAVROV, "Lavrov": LAVROV, "Russian": RUS, "Russia": RUS, "Moscow": RUS, "ASEAN": ASEAN,
    "Viet Nam": VNM, "Malaysia": MYS, "China": CHN,
}


@dataclass
class Said:
    """One statement as the (perfect) statement step would give it."""

    quote: str
    categories: tuple[str, ...]
    kind: str
    speakers: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass
class Report:
    article_id: str
    outlet: str
    published: str
    title: str
    said: list[Said] = field(default_factory=list)
    lede: str = ""


def _corpus(reports: list[Report]) -> dict[str, pd.DataFrame]:
    """The six input tables of build_claims from literal reports (offsets consistent with the text)."""
    articles, sentences, mentions, pledges, actors = [], [], [], [], []
    for report in reports:
        parts = ([report.lede] if report.lede else []) + [s.quote for s in report.said]
        text = "\n".join(parts)
        cursor = 0
        for index, part in enumerate(parts):
            start = text.index(part, cursor)
            end = cursor = start + len(part)
            sentence_id = f"{report.article_id}-s{index:04d}"
            sentences.append({"article_id": report.article_id, "sentence_id": sentence_id, "paragraph": index,
                              "text": part, "start": start, "end": end})
            taken: list[tuple[int, int]] = []
            for surface, entity_id in SURFACES.items():
                at = part.find(surface)
                while at >= 0:
                    span = (start + at, start + at + len(surface))
                    if not any(a < span[1] and span[0] < b for a, b in taken):
                        taken.append(span)
                        mentions.append({"article_id": report.article_id, "sentence_id": sentence_id,
                                         "entity_id": entity_id, "surface": surface, "start": span[0],
                                         "end": span[1]})
                    at = part.find(surface, at + 1)
            said = (report.said[index - 1] if report.lede else report.said[index]) \
                if index >= (1 if report.lede else 0) else None
            if said is None:
                continue
            statement_id = f"{sentence_id}-c0"
            for category in said.categories:
                pledge_id = f"{statement_id}-{category}"
                pledges.append({"pledge_id": pledge_id, "statement_id": statement_id,
                                "article_id": report.article_id, "sentence_id": sentence_id, "category": category,
                                "kind": said.kind, "quote": part, "cues": "", "confidence": 0.8, "start": start,
                                "end": end})
                actors += [{"pledge_id": pledge_id, "entity_id": e, "role": "speaker"} for e in said.speakers]
                actors += [{"pledge_id": pledge_id, "entity_id": e, "role": "target"} for e in said.targets]
        articles.append({"article_id": report.article_id, "source_file": f"{report.article_id}.txt", "record": "",
                         "outlet": report.outlet, "author": "", "title": report.title,
                         "published": report.published, "updated": "", "dateline": "", "url": "",
                         "source_id": f"source:{report.outlet.lower().replace(' ', '-')}", "text": text,
                         "boilerplate": "", "n_sentences": len(parts), "n_words": len(text.split()), "event_id": "",
                         "duplicate_of": "", "warnings": ""})
    return {
        "articles": pd.DataFrame(articles), "sentences": pd.DataFrame(sentences),
        "pledges": pd.DataFrame(pledges), "pledge_actors": pd.DataFrame(actors, columns=["pledge_id", "entity_id",
                                                                                          "role"]),
        "entities": ENTITIES, "mentions": pd.DataFrame(mentions),
    }


def _claims(reports: list[Report]) -> ClaimTables:
    return build_claims(**_corpus(reports))


def _groups(tables: ClaimTables) -> set[frozenset[str]]:
    """Multi-article claims as sets of statement ids."""
    members = tables.claim_members
    return {frozenset(g["statement_id"]) for _, g in members.groupby("claim_id")
            if g["article_id"].nunique() > 1}


def _sid(article_id: str, index: int, lede: bool = False) -> str:
    return f"{article_id}-s{index + (1 if lede else 0):04d}-c0"


OFFICIAL = Report("official", "ASEAN Secretariat", "2020-06-17",
                  "Co-Chairs' Press Statement of the Special ASEAN-Russia Foreign Ministers' Meeting on COVID-19", [
    Said("The Ministers expressed deep concern over the spread of COVID-19 and exchanged views on the situation "
         "in their respective countries.", ("situation_update",), "concern", (ASEAN, RUS)),
    Said("We reaffirmed our commitment to enhance cooperation in strengthening preparedness and response capacity "
         "in accordance with the International Health Regulations.", ("preparedness_capacity",), "commitment",
         (ASEAN, RUS)),
    Said("Russia expressed its readiness to contribute to the COVID-19 ASEAN Response Fund through the "
         "ASEAN-Russia Dialogue Partnership Financial Fund.", ("funding",), "commitment", (RUS,), (ASEAN,)),
    Said("We agreed to facilitate the repatriation of stranded nationals.", ("citizens_repatriation",),
         "commitment", (ASEAN, RUS)),
], lede="The Special ASEAN-Russia Foreign Ministers' Meeting was held on 17 June 2020 via video conference.")
AGENCY = Report("agency", "TASS", "2020-06-17", "Russia ready to give $1 million to ASEAN anti-coronavirus fund", [
    Said("Moscow is ready to allocate $1 million to the COVID-19 ASEAN Response Fund, Russian Foreign Minister "
         "Sergey Lavrov said on Wednesday at a video conference with his ASEAN counterparts.", ("funding",),
         "commitment", (LAVROV,), (ASEAN,)),
    Said("The ministers agreed to step up cooperation in strengthening the capacity of national health systems to "
         "respond to epidemics.", ("preparedness_capacity",), "commitment", (ASEAN, RUS)),
    Said("Lavrov also said Russia was ready to share its experience in developing vaccines with the ASEAN "
         "countries.", ("vaccines_treatment", "information_sharing"), "commitment", (RUS,), (ASEAN,)),
])
NATIONAL = Report("national", "Bernama", "2020-06-18", "ASEAN, Russia agree to deepen cooperation against COVID-19", [
    Said("Foreign Minister Hishammuddin said the ministers voiced concern over the rising number of cases and "
         "the spread of the virus in the region.", ("situation_update",), "concern", (MYS,)),
    Said("He said Russia had pledged US$3 million to the COVID-19 ASEAN Response Fund, drawn from the "
         "ASEAN-Russia Dialogue Partnership Financial Fund.", ("funding",), "commitment", (RUS,), (ASEAN,)),
    Said("The meeting also agreed to bolster partnerships in disease preparedness and response capacity.",
         ("preparedness_capacity",), "commitment", (ASEAN, RUS)),
    Said("Malaysia welcomed the decision of Viet Nam to host the next summit.", ("regional_architecture",),
         "support", (MYS,), (VNM,)),
])
OPED = Report("oped", "Regional Review", "2020-06-25", "Opinion: Moscow's pandemic diplomacy in Southeast Asia", [
    Said("The ministers duly shared their worries about the spread of the virus.", ("situation_update",),
         "concern"),
    Said("ASEAN hoped Russia would channel resources from the ASEAN-Russia Dialogue Partnership Financial Fund "
         "into the COVID-19 ASEAN Response Fund.", ("funding",), "appeal", (ASEAN,), (RUS,)),
    Said("Moscow should now match words with deeds and deliver affordable vaccines to the region.",
         ("vaccines_treatment",), "appeal", (), (RUS,)),
], lede="When ASEAN foreign ministers logged on to a video call with Sergey Lavrov last week, few expected headlines.")
OTHER_MEETING = Report("china", "Xinhua", "2020-02-20", "China, ASEAN pledge joint fight against novel coronavirus", [
    Said("Chinese and ASEAN foreign ministers on Thursday expressed concern over the spread of the epidemic.",
         ("situation_update",), "concern", (CHN, ASEAN)),
    Said("China would provide masks and test kits to ASEAN countries.", ("medical_supplies",), "commitment",
         (CHN,), (ASEAN,)),
])


def test_paraphrases_across_styles_form_the_expected_claims() -> None:
    tables = _claims([OFFICIAL, AGENCY, NATIONAL, OPED])
    concern = {_sid("official", 0, True), _sid("national", 0), _sid("oped", 0, True)}
    capacity = {_sid("official", 1, True), _sid("agency", 1), _sid("national", 2)}
    fund = {_sid("official", 2, True), _sid("agency", 0), _sid("national", 1), _sid("oped", 1, True)}
    assert _groups(tables) == {frozenset(concern), frozenset(capacity), frozenset(fund)}


def test_every_statement_is_in_exactly_one_claim_and_counts_add_up() -> None:
    corpus = _corpus([OFFICIAL, AGENCY, NATIONAL, OPED])
    tables = build_claims(**corpus)
    members = tables.claim_members
    assert sorted(members["statement_id"]) == sorted(corpus["pledges"]["statement_id"].unique())
    claims = tables.claims.set_index("claim_id")
    sizes = members.groupby("claim_id")["article_id"].nunique()
    assert (claims.loc[sizes.index, "n_articles"] == sizes).all()
    assert (claims["single_source"] == (claims["n_outlets"] <= 1)).all()
    assert set(members["pledge_id"]) <= set(corpus["pledges"]["pledge_id"])
    assert not members.duplicated(["claim_id", "article_id"]).any()  # one statement per article in a claim


def test_discrepancies_name_kind_speakers_and_figures() -> None:
    tables = _claims([OFFICIAL, AGENCY, NATIONAL, OPED])
    members = tables.claim_members
    fund_claim = members.loc[members["statement_id"] == _sid("agency", 0), "claim_id"].iat[0]
    found = tables.discrepancies[tables.discrepancies["claim_id"] == fund_claim].set_index("field")
    assert set(found.index) == {"kind", "speakers", "targets", "figure"}
    assert found.loc["kind", "values"] == "commitment|appeal"
    assert "appeal in Regional Review" in found.loc["kind", "description"]
    assert found.loc["figure", "values"] == "USD 1 million|USD 3 million"
    assert found.loc["speakers", "values"] == "Russia|ASEAN"  # Lavrov stands for Russia: no difference there
    assert tables.claims.set_index("claim_id").loc[fund_claim, "has_discrepancy"]


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        ("Russia pledged $1 million to the COVID-19 ASEAN Response Fund.",
         "Russia will give US$1m to the COVID-19 ASEAN Response Fund.", False),  # same amount, two spellings
        ("Russia pledged $2 million to the COVID-19 ASEAN Response Fund.",
         "Russia pledged $3 million to the COVID-19 ASEAN Response Fund.", True),
        ("Russia pledged $2 million to the COVID-19 ASEAN Response Fund.",
         "Russia pledged to contribute to the COVID-19 ASEAN Response Fund.", False),  # one is silent
    ],
)
def test_figure_discrepancies(first: str, second: str, flagged: bool) -> None:
    reports = [Report(name, outlet, "2020-06-17", "Russia pledges money to ASEAN COVID-19 Response Fund", [
        Said(quote, ("funding",), "commitment", (RUS,), (ASEAN,))])
        for name, outlet, quote in (("a", "Outlet A", first), ("b", "Outlet B", second))]
    tables = _claims(reports)
    assert len(_groups(tables)) == 1
    assert ("figure" in set(tables.discrepancies["field"])) is flagged


def test_syndicated_copy_is_a_duplicate_and_counts_once() -> None:
    copy = Report("copy", "Moscow Daily", "2020-06-18", "Lavrov: Russia ready to give $1 million to ASEAN fund",
                  AGENCY.said)
    tables = _claims([copy, AGENCY, OFFICIAL])
    links = tables.article_links.set_index("article_id")
    assert links.loc["copy", "duplicate_of"] == "agency"  # the earlier publication is the original
    assert links.loc["agency", "duplicate_of"] == "" and links.loc["official", "duplicate_of"] == ""
    claims = tables.claims.set_index("claim_id")
    members = tables.claim_members
    vaccine_claim = members.loc[members["statement_id"] == _sid("agency", 2), "claim_id"].iat[0]
    assert set(members.loc[members["claim_id"] == vaccine_claim, "article_id"]) == {"agency", "copy"}
    assert claims.loc[vaccine_claim, "n_outlets"] == 1 and claims.loc[vaccine_claim, "single_source"]
    fund_claim = members.loc[members["statement_id"] == _sid("agency", 0), "claim_id"].iat[0]
    assert claims.loc[fund_claim, "n_articles"] == 3 and claims.loc[fund_claim, "n_outlets"] == 2
    assert "figure" not in set(tables.discrepancies["field"])  # a copy cannot contradict its original


def test_a_different_meeting_is_another_event_and_claims_stay_inside_events() -> None:
    tables = _claims([OFFICIAL, AGENCY, NATIONAL, OTHER_MEETING])
    events = tables.article_links.set_index("article_id")["event_id"]
    assert events["official"] == events["agency"] == events["national"] != events["china"]
    assert len(tables.events) == 2
    china = tables.events.set_index("event_id").loc[events["china"]]
    assert china["date"] == "2020-02-20" and CHN in china["actors"].split("|")
    for _, group in tables.claim_members.groupby("claim_id"):
        assert events[group["article_id"]].nunique() == 1


def test_an_article_without_a_date_joins_its_meeting_by_actors_and_words() -> None:
    undated = Report("undated", "Viet Nam News", "", "", NATIONAL.said,
                     lede="ASEAN foreign ministers and Russia's Sergey Lavrov met online to discuss COVID-19.")
    tables = _claims([OFFICIAL, undated, OTHER_MEETING])
    events = tables.article_links.set_index("article_id")["event_id"]
    assert events["undated"] == events["official"] != events["china"]


def test_ids_do_not_depend_on_input_order() -> None:
    forward = _claims([OFFICIAL, AGENCY, NATIONAL, OPED])
    backward = _claims([OPED, NATIONAL, AGENCY, OFFICIAL])
    assert set(forward.claims["claim_id"]) == set(backward.claims["claim_id"])
    assert set(forward.events["event_id"]) == set(backward.events["event_id"])
    assert _groups(forward) == _groups(backward)


def test_same_topic_and_actors_without_the_same_words_stay_apart() -> None:
    a = Report("a", "Outlet A", "2020-06-17", "ASEAN and Russia meet on COVID-19", [
        Said("ASEAN and Russia agreed to step up information and experience sharing on epidemiology and "
             "forecasting models.", ("information_sharing",), "commitment", (ASEAN, RUS))])
    b = Report("b", "Outlet B", "2020-06-17", "ASEAN and Russia meet on COVID-19", [
        Said("ASEAN and Russia will set up a joint laboratory network for genome sequencing.",
             ("information_sharing",), "commitment", (ASEAN, RUS))])
    assert _groups(_claims([a, b])) == set()


def test_empty_inputs_give_empty_tables_with_columns() -> None:
    empty = _corpus([])
    tables = build_claims(pd.DataFrame(columns=["article_id", "outlet", "title", "published", "text", "source_id"]),
                          empty["sentences"], pd.DataFrame(columns=["pledge_id", "statement_id", "article_id"]),
                          empty["pledge_actors"], empty["entities"], pd.DataFrame(columns=["article_id"]))
    assert tables.claims.empty and list(tables.claims.columns)[:2] == ["claim_id", "event_id"]
    assert tables.article_links.empty and tables.discrepancies.empty


# ------------------------------------------------------------------------------------------- end to end


def _score_claims(gold: Path, tables: Path, *bounds: str) -> str:
    out = subprocess.run(
        [sys.executable, str(SCORING / "score_claims.py"), "--gold", str(gold), "--tables", str(tables),
         *(a for b in bounds for a in ("--min", b))],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def test_seed_claims_match_the_reference_groups(seed_tables_dir: Path) -> None:
    _score_claims(SCORING / "seeds_claims.toml", seed_tables_dir, "pair_f1=1.0", "discrepancy_recall=1.0")


def test_seed_statements_each_land_in_one_claim(seed_tables: dict[str, pd.DataFrame]) -> None:
    members, claims = seed_tables["claim_members"], seed_tables["claims"]
    assert sorted(members["statement_id"]) == sorted(seed_tables["pledges"]["statement_id"].unique())
    assert set(members["claim_id"]) == set(claims["claim_id"])
    assert (claims["n_outlets"] == 2).sum() == 4 and claims["single_source"].sum() == len(claims) - 4


def test_seed_fund_claim_flags_appeal_against_commitment(seed_tables: dict[str, pd.DataFrame]) -> None:
    members, found = seed_tables["claim_members"], seed_tables["discrepancies"]
    fund = members[members["quote"].str.contains("hoped Russia would contribute")]["claim_id"].iat[0]
    kinds = found[(found["claim_id"] == fund) & (found["field"] == "kind")]
    assert kinds["values"].tolist() == ["appeal|commitment"]
    assert seed_tables["claims"].set_index("claim_id").loc[fund, "n_outlets"] == 2
    assert seed_tables["articles"]["event_id"].nunique() == 1 and len(seed_tables["events"]) == 1


MULTI_OUTLET = {
    "002_statement.md": """---
title: Co-Chairs' Press Statement of the Special ASEAN-Russia Foreign Ministers' Meeting on COVID-19
outlet: ASEAN Secretariat
published: 2020-06-17
---
1. The Special ASEAN-Russia Foreign Ministers' Meeting on Coronavirus Disease 2019 (COVID-19) was held on 17 June 2020 \
via video conference.

2. The Ministers expressed deep concern over the spread of COVID-19 and exchanged views on the situation in their \
respective countries and the measures taken to contain the pandemic.

3. We reaffirmed our commitment to enhance cooperation in strengthening preparedness and response capacity against \
emerging diseases in accordance with the International Health Regulations (2005) of the World Health Organization.

4. We welcomed the establishment of the COVID-19 ASEAN Response Fund and the Regional Reserve of Medical Supplies.

5. Russia expressed its readiness to contribute to the COVID-19 ASEAN Response Fund through the ASEAN-Russia \
Dialogue Partnership Financial Fund.

6. We agreed to facilitate the repatriation of stranded nationals and to ensure the safety and well-being of each \
other's citizens.
""",
    "003_agency.md": """---
title: Russia ready to share vaccine experience with ASEAN - Lavrov
outlet: TASS
published: 2020-06-17
---
MOSCOW, June 17. /TASS/. Russia is ready to share its experience in developing vaccines and test systems with the \
ASEAN countries, Russian Foreign Minister Sergey Lavrov said on Wednesday at a video conference with his ASEAN \
counterparts.

"We are ready to use the resources of the Russia-ASEAN Dialogue Partnership Financial Fund for the COVID-19 ASEAN \
Response Fund," the minister said.

The ministers agreed to step up cooperation in strengthening the capacity of national health systems to respond to \
epidemics.
""",
    "004_copy.md": """---
title: Lavrov says Russia ready to share vaccine know-how with ASEAN
outlet: Moscow Daily
published: 2020-06-18
---
MOSCOW, June 17. /TASS/. Russia is ready to share its experience in developing vaccines and test systems with the \
ASEAN countries, Russian Foreign Minister Sergey Lavrov said on Wednesday at a video conference with his ASEAN \
counterparts.

"We are ready to use the resources of the Russia-ASEAN Dialogue Partnership Financial Fund for the COVID-19 ASEAN \
Response Fund," the minister said.
""",
    "005_oped.md": """---
title: "Opinion: Moscow's pandemic diplomacy in Southeast Asia"
outlet: Regional Review
published: 2020-06-25
---
When ASEAN foreign ministers logged on to a video call with Sergey Lavrov last week, few expected headlines. Yet the \
meeting said a good deal about how Moscow sees the region.

The ministers duly shared their worries about the spread of the virus. They also promised to deepen partnerships in \
disease readiness.

More telling was the money. Russia signalled it was willing to channel resources from the ASEAN-Russia Dialogue \
Partnership Financial Fund into the COVID-19 ASEAN Response Fund, a modest gesture.
""",
    "006_other_meeting.md": """---
title: China, ASEAN pledge joint fight against novel coronavirus
outlet: Xinhua
published: 2020-02-20
---
VIENTIANE, Feb. 20 (Xinhua) -- Chinese Foreign Minister Wang Yi and ASEAN foreign ministers on Thursday pledged to \
strengthen cooperation against the novel coronavirus at a special meeting in Vientiane.

The ministers expressed concern over the spread of the epidemic and agreed to strengthen capacity building in public \
health emergency response.
""",
}
SEED_A, SEED_B = "000_e04ac98855322fde.txt", "001_5f1c2e3469f36a10.txt"
MULTI_GOLD = [  # (file, quote) members of each claim reported by two or more of these files
    [(SEED_A, "shared their concerns over the complicated and increasing spread"),
     (SEED_B, "shared their concerns and gave updates of their country"),
     ("002_statement.md", "The Ministers expressed deep concern over the spread of COVID-19"),
     ("005_oped.md", "The ministers duly shared their worries about the spread of the virus")],
    [(SEED_A, "stressed their commitments to expand partnerships in beefing up diseases readiness capacity"),
     (SEED_B, "showed their commitments to deepen partnerships in diseases readiness capacity"),
     ("002_statement.md", "We reaffirmed our commitment to enhance cooperation in strengthening preparedness"),
     ("003_agency.md", "The ministers agreed to step up cooperation in strengthening the capacity"),
     ("005_oped.md", "They also promised to deepen partnerships in disease readiness")],
    [(SEED_A, "hoped Russia would contribute to the common goal"),
     (SEED_B, "expressed willingness to support the COVID-19 ASEAN Response Fund"),
     ("002_statement.md", "Russia expressed its readiness to contribute to the COVID-19 ASEAN Response Fund"),
     ("003_agency.md", "We are ready to use the resources of the Russia-ASEAN Dialogue Partnership Financial Fund"),
     ("004_copy.md", "We are ready to use the resources of the Russia-ASEAN Dialogue Partnership Financial Fund"),
     ("005_oped.md", "Russia signalled it was willing to channel resources")],
    [(SEED_A, "applauded the setting up of the ASEAN COVID19 response fund"),
     ("002_statement.md", "We welcomed the establishment of the COVID-19 ASEAN Response Fund")],
    [(SEED_A, "pledged to facilitate repatriation of each others stranded citizens"),
     ("002_statement.md", "We agreed to facilitate the repatriation of stranded nationals")],
    [(SEED_A, "Russia is willing to share its experience and information regarding vaccine"),
     ("003_agency.md", "Russia is ready to share its experience in developing vaccines"),
     ("004_copy.md", "Russia is ready to share its experience in developing vaccines")],
]


def _gold_toml(claims: list[list[tuple[str, str]]]) -> str:
    blocks = []
    for number, members in enumerate(claims):
        rows = ",\n".join(f'  {{file = "{f}", quote = "{q}"}}' for f, q in members)
        blocks.append(f'[[claim]]\nsummary = "claim {number}"\nmembers = [\n{rows},\n]\n')
    return "\n".join(blocks)


@pytest.mark.slow
def test_multi_outlet_reports_through_the_pipeline(tmp_path: Path, raw_copy: Path) -> None:
    from dashboard.preprocess.pipeline import build_corpus

    for name, text in MULTI_OUTLET.items():
        (raw_copy / name).write_text(text, encoding="utf-8")
    out = tmp_path / "processed"
    build_corpus([raw_copy], out)
    gold = tmp_path / "gold.toml"
    gold.write_text(_gold_toml(MULTI_GOLD), encoding="utf-8")
    print(_score_claims(gold, out, "pair_f1=0.8", "pair_precision=0.8"))

    articles = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("source_file")
    articles.index = [Path(p).name for p in articles.index]
    assert articles.loc["004_copy.md", "duplicate_of"] == articles.loc["003_agency.md", "article_id"]
    assert articles.loc["006_other_meeting.md", "event_id"] != articles.loc[SEED_A, "event_id"]
    assert articles.drop(index="006_other_meeting.md")["event_id"].nunique() == 1
    claims = pd.read_csv(out / "claims.csv")
    assert claims["n_outlets"].max() >= 5  # the fund: every outlet but the copy counts


# ------------------------------------------------------------------------------------ vectorised TF-IDF

QUOTES = [
    "Russia stands ready to help ASEAN countries fight COVID-19 and will send test kits.",
    "Lavrov said Russia stood ready to help, pledging test kits and vaccines to ASEAN.",
    "",  # a statement with no words at all
    "The ministers agreed to strengthen cooperation on vaccines, vaccines and more vaccines.",
    "Việt Nam welcomed Russia's support; the ASEANRussia fund gets US$1 million.",
]


def test_tfidf_of_sequences_is_tfidf_rows_exactly() -> None:
    """Same matrix, cell by cell and in the same column order (claim scores must not move by a bit)."""
    from dashboard.preprocess.claims import tfidf_of_sequences, tfidf_rows

    rows = [content_tokens(q, VOCAB) for q in QUOTES] + [["ent:country:RUS", "help", "help"]]
    weights = [[0.5 if t.startswith("ent:") else 1.0 for t in row] for row in rows]
    expected = tfidf_rows(_weighted_counts(rows, weights))
    got = tfidf_of_sequences(np.array([t for row in rows for t in row], dtype=object),
                             np.array([w for row in weights for w in row]), np.array([len(r) for r in rows]))
    assert got.shape == expected.shape
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)


def _weighted_counts(rows: list[list[str]], weights: list[list[float]]) -> list[Counter[str]]:
    """Each row's tokens with their weights summed: what tfidf_rows reads, built the plain way."""
    counters: list[Counter[str]] = []
    for row, row_weights in zip(rows, weights, strict=True):
        counts: Counter[str] = Counter()
        for token, weight in zip(row, row_weights, strict=True):
            counts[token] += weight
        counters.append(counts)
    return counters


def test_ngram_text_is_the_content_words_however_remembered() -> None:
    """A text's chunks' remembered content words make the text's content words; a vocabulary with other
    stopwords (dataclasses.replace) remembers its own."""
    from dataclasses import replace

    from dashboard.preprocess.claims import _ngram_text

    texts = ["The Minister said ASEANRussia  pledged", "the the The", "", "  ",
             "COVID19 vaccines for the 10member bloc", "x" * 60 + " and " + "x" * 60]
    for vocab in (VOCAB, replace(VOCAB, stopwords=frozenset({"minister"}))):
        for text in texts * 2:
            assert _ngram_text(text, vocab) == f" {' '.join(w for w in _words(text) if w not in vocab.stopwords)} "
    assert _ngram_text("The Minister said", replace(VOCAB, stopwords=frozenset())) == " the minister said "


def test_tfidf_of_sequences_leaves_out_terms_weighing_nothing() -> None:
    """A term whose weights in a row add up to 0 is no entry of the row, and the others are numbered in
    order of first appearance without it, as tfidf_rows drops it."""
    from dashboard.preprocess.claims import tfidf_of_sequences, tfidf_rows

    rows = [["a", "b", "a"], ["c", "b"], ["d"], ["b", "e"]]
    weights = [[1.0, 0.0, 2.0], [1.0, 1.0], [0.0], [1.0, 0.5]]
    expected = tfidf_rows(_weighted_counts(rows, weights))
    got = tfidf_of_sequences(np.array([t for row in rows for t in row], dtype=object),
                             np.array([w for row in weights for w in row]), np.array([len(r) for r in rows]))
    assert got.shape == expected.shape == (4, 4)
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)


def test_char_ngram_tfidf_is_tfidf_of_char_ngrams_exactly() -> None:
    from dashboard.preprocess.claims import char_ngram_tfidf, char_ngrams, tfidf_rows

    for n in (3, 4, 9):  # above 8 characters an n-gram does not fit a 64-bit code: strings are used
        expected = tfidf_rows([char_ngrams(q, VOCAB, n) for q in QUOTES])
        got = char_ngram_tfidf(QUOTES, VOCAB, n)
        assert (got != expected).nnz == 0 and np.array_equal(got.indices, expected.indices)
        assert got.shape[0] == len(QUOTES) and got[2].nnz == 0


def test_cosines_through_the_dense_transpose_are_the_sparse_products() -> None:
    """Small matrices are multiplied by their dense transpose: the same floats, bit for bit, as the sparse
    product (whose order of additions claim scores were tuned on)."""
    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import _cosine_matrix, char_ngram_tfidf, content_tokens, tfidf_rows

    rng = np.random.default_rng(5)
    words = [w for q in QUOTES for w in content_tokens(q, VOCAB)]
    texts = [" ".join(rng.choice(words, size=rng.integers(0, 25))) for _ in range(60)] + QUOTES
    matrices = [char_ngram_tfidf(texts, VOCAB, 3), tfidf_rows([Counter(content_tokens(t, VOCAB)) for t in texts])]
    for matrix in matrices:
        sparse_product = (matrix @ matrix.T).toarray()
        assert matrix.shape[0] * matrix.shape[1] <= claims.DENSE_PRODUCT_CELLS
        dense = _cosine_matrix(matrix)
        assert isinstance(dense, np.ndarray) and dense.shape == sparse_product.shape
        assert np.array_equal(dense, sparse_product) and dense.tobytes() == sparse_product.tobytes()


def test_char_ngram_counts_give_the_vectors_of_hashed_char_ngrams() -> None:
    """An article's lede n-grams coded by their characters: per text the same counts in the same order as
    hashing each n-gram, so the corpus's TF-IDF vectors are the same, float for float."""
    from dashboard.preprocess.claims import TermCounts, _char_codes, char_ngram_counts, char_ngrams, tfidf_of_counts

    for n in (3, 4):
        coded = [char_ngram_counts(q, VOCAB, n) for q in QUOTES]
        hashed = [TermCounts.of([char_ngrams(q, VOCAB, n)]) for q in QUOTES]
        for a, b in zip(coded, hashed, strict=True):
            assert np.array_equal(a.weights, b.weights) and np.array_equal(a.lengths, b.lengths)
            assert len(set(a.terms.tolist())) == len(a.terms)
        for text in (*QUOTES, "", "a", "ab"):  # one text's codes are the batch coder's (as the claims code them)
            got = char_ngram_counts(text, VOCAB, n)
            codes, counts = _char_codes([text], VOCAB, n)
            assert got.terms.dtype == np.uint64 and got.weights.dtype == np.float32
            assert np.array_equal(got.terms, pd.unique(codes)) and got.weights.sum() == counts.sum() == len(codes)
        got, expected = (tfidf_of_counts(lambda rows=rows: [TermCounts.concat(rows)]) for rows in (coded, hashed))
        assert (got != expected).nnz == 0 and np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data) and got[2].nnz == 0


@pytest.mark.parametrize("text", ["", "the the the", QUOTES[0], " ".join(QUOTES)])
def test_term_counts_of_one_texts_tokens_are_those_of_its_counter(text: str) -> None:
    from collections import Counter

    from dashboard.preprocess.claims import TermCounts

    tokens = content_tokens(text, VOCAB)
    fast, general = TermCounts.of_tokens(tokens), TermCounts.of([Counter(tokens)])
    for name in ("terms", "weights", "lengths"):
        got, expected = getattr(fast, name), getattr(general, name)
        assert got.dtype == expected.dtype and np.array_equal(got, expected), name


def test_a_large_corpus_without_candidate_pairs_has_none() -> None:
    """Above DENSE_ARTICLES, articles sharing no actors or lede words (say, in a language the folded
    words leave empty) give no candidate pairs, not a crash."""
    from scipy import sparse

    from dashboard.preprocess.claims import EventVectors, _candidate_blocks, _candidate_pairs, _column_slices

    empty = sparse.csr_matrix((3, 4))
    vectors = EventVectors(empty, empty, empty, empty, np.array([1, 2, 3]), np.array([True] * 3),
                           np.array([True] * 3))
    for rows, columns in _candidate_blocks(vectors, VOCAB.events):
        for sliced in _column_slices(vectors, columns):
            first, second = _candidate_pairs(vectors, VOCAB.events, rows, sliced)
            assert len(first) == len(second) == 0


def test_candidate_blocks_hold_every_close_dated_pair_once_and_undated_against_all() -> None:
    """Dated articles in date order: a pair within max_gap_days lies in exactly one block, a pair
    further apart in none; an undated article's block spans every article."""
    from scipy import sparse

    from dashboard.preprocess.claims import EventVectors, _candidate_blocks

    days = np.array([100, 0, 130, 101, 400, 102, 131, 0, 100], dtype=float)
    known = days > 0
    empty = sparse.csr_matrix((len(days), 1))
    vectors = EventVectors(empty, empty, empty, empty, days, known, np.zeros(len(days), dtype=bool))
    gap = VOCAB.events.max_gap_days
    blocks = _candidate_blocks(vectors, VOCAB.events, block=2)
    seen: list[tuple[int, int]] = []
    for rows, columns in blocks:
        if columns is None:
            assert not known[rows].any()
            continue
        assert known[rows].all() and known[columns].all()
        seen += [(min(a, b), max(a, b)) for a in rows for b in columns if b not in rows or a < b]
    expected = {(a, b) for a in range(len(days)) for b in range(a + 1, len(days))
                if known[a] and known[b] and abs(days[a] - days[b]) <= gap}
    assert expected <= set(seen)
    assert len([pair for pair in seen if pair in expected]) == len(expected)  # each once
    assert sorted(int(k) for rows, columns in blocks if columns is None for k in rows) == [1, 7]


def test_group_stars_connect_exactly_what_the_linked_pairs_connect() -> None:
    """A block of a large event sends one edge per article instead of every linked pair, joined a few
    pairs at a time: the components (and so the events) must be the same."""
    from dashboard.preprocess.claims import _components, _group_stars, _groups, _joined

    rng = np.random.default_rng(3)
    for _ in range(200):
        n, m = int(rng.integers(1, 50)), int(rng.integers(0, 120))
        first, second = rng.integers(0, n, m), rng.integers(0, n, m)
        groups = np.arange(n)
        for lo in range(0, m, 7):  # joined in steps, as the pairs are scored
            groups = _joined(groups, first[lo : lo + 7], second[lo : lo + 7])
        nodes = np.arange(n) * 3 + 5  # local positions stand for these articles
        star = _group_stars(nodes, groups)
        assert _components(3 * n + 5, *star) == _components(3 * n + 5, nodes[first], nodes[second])
        assert len(star[0]) < max(n, 1) and (star[0] < star[1]).all()
        assert _groups(groups) == _components(n, first, second)  # the blocks' edges joined as they come
    assert _groups(np.zeros(0, dtype=np.int64)) == [] == _components(0, empty_edges := np.zeros(0, int), empty_edges)
    empty = np.zeros(0, dtype=np.int64)
    assert [len(side) for side in _group_stars(empty, empty)] == [0, 0]


def test_candidates_of_undated_articles_do_not_depend_on_the_column_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """An undated block is compared with every article a slice at a time: any slice size, and rows in any
    order in the vectors, the same pairs; each slice is a stretch of the vectors' rows."""
    from scipy import sparse

    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import EventVectors, _candidate_pairs, _column_slices

    rng = np.random.default_rng(5)
    n = 40
    actors = sparse.random(n, 6, density=0.4, random_state=rng, format="csr")
    lede = sparse.random(n, 30, density=0.1, random_state=rng, format="csr")
    vectors = EventVectors(lede, lede, lede, actors, np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    order = rng.permutation(n)  # row k holds article order[k]
    row_of = np.argsort(order)
    reordered = EventVectors(lede[order], lede[order], lede[order], actors[order], np.zeros(n),
                             np.zeros(n, dtype=bool), np.zeros(n, dtype=bool), row_of=row_of)
    rows = np.array([3, 7, 8, 20, 39])

    def pairs(v: EventVectors) -> set[tuple[int, int]]:
        found = [_candidate_pairs(v, VOCAB.events, rows, columns) for columns in _column_slices(v, None)]
        listed = [(a, b) for first, second in found for a, b in zip(first.tolist(), second.tolist(), strict=True)]
        assert len(listed) == len(set(listed))
        return set(listed)

    monkeypatch.setattr(claims, "CANDIDATE_COLUMNS", n)
    whole = pairs(vectors)
    assert len(whole) > 10
    for size in (1, 3, 7):
        monkeypatch.setattr(claims, "CANDIDATE_COLUMNS", size)
        assert pairs(vectors) == whole == pairs(reordered)
        for columns in _column_slices(reordered, None):
            first = row_of[columns[0]]
            assert np.array_equal(reordered.rows(columns), np.arange(first, first + len(columns)))


@pytest.mark.parametrize("dense_cells", [4_000_000, 5])
def test_cosines_at_least_a_floor_are_decided_as_the_sparse_product_decides(dense_cells: int,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The dense product behind _cosines_at_least adds a cosine's terms in another order than `left @ right.T`:
    0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit. At either of the two as the floor, the
    pairs and their cosines are those of the sparse product, either way round, whether the block is made
    dense at once or a row at a time; pairs sharing no term, and rows without terms, are never found."""
    from scipy import sparse

    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import _cosines_at_least

    monkeypatch.setattr(claims, "DENSE_PRODUCT_CELLS", dense_cells)
    ones = np.ones(3)
    left = sparse.csr_matrix((np.r_[ones, ones, 1.0], np.r_[0, 1, 2, 2, 1, 0, 3], [0, 3, 6, 7, 7]), shape=(4, 5))
    right = sparse.csr_matrix(([0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 1.0], [2, 1, 0, 0, 1, 2, 4], [0, 3, 6, 6, 7]),
                              shape=(4, 5))
    product = (left @ right.T).toarray()
    low, high = 0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1
    assert low != high and {product[0, 0], product[1, 1]} == {low, high}  # the case is there
    for floor in (0.0, min(low, high), max(low, high), 0.7):
        cosines = _cosines_at_least(left, right, floor).T
        reached = (product >= floor) & (product > 0)
        assert np.array_equal(cosines > 0, reached)
        near = np.abs(product - floor) < 1e-6
        assert cosines[near & reached].tolist() == product[near & reached].tolist()
    assert _cosines_at_least(left[:0], right, 0.2).shape == (4, 0)
    assert _cosines_at_least(left, right[:0], 0.2).shape == (0, 4)


@pytest.mark.parametrize("slice_columns", [8192, 2])
def test_candidate_pairs_are_every_close_pair_worth_scoring_once(slice_columns: int,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of rows against their columns, dated and undated, whole or a slice of columns at a time:
    together every pair whose actors or lede words reach candidate_min and within max_gap_days when both
    are dated, each exactly once."""
    from scipy import sparse

    from dashboard.preprocess import claims
    from dashboard.preprocess.claims import EventVectors, _candidate_blocks, _candidate_pairs, _column_slices

    monkeypatch.setattr(claims, "CANDIDATE_COLUMNS", slice_columns)

    rng = np.random.default_rng(11)
    n = 60
    actors = sparse.random(n, 8, density=0.3, random_state=rng, format="csr")
    lede = sparse.random(n, 40, density=0.1, random_state=rng, format="csr")
    for matrix in (actors, lede):  # cosines, as the event vectors are L2-normalised
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(matrix.indptr))
    days = rng.integers(0, 120, n).astype(float)
    known = rng.random(n) < 0.7
    vectors = EventVectors(lede, lede, lede, actors, days, known, np.zeros(n, dtype=bool))
    s = VOCAB.events
    close = (actors @ actors.T).toarray() >= s.candidate_min
    close |= (lede @ lede.T).toarray() >= s.candidate_min
    expected = {(a, b) for a in range(n) for b in range(a + 1, n) if close[a, b]
                and not (known[a] and known[b] and abs(days[a] - days[b]) > s.max_gap_days)}
    found: list[tuple[int, int]] = []
    blocks = _candidate_blocks(vectors, s, block=3)
    assert sum(columns is None for _rows, columns in blocks) >= 3  # several undated blocks
    assert slice_columns > n or any(len(_column_slices(vectors, c)) > 1 for _rows, c in blocks if c is not None)
    for rows, columns in blocks:
        for sliced in _column_slices(vectors, columns):
            first, second = _candidate_pairs(vectors, s, rows, sliced)
            assert (first < second).all()
            found += list(zip(first.tolist(), second.tolist(), strict=True))
    assert len(expected) > 50
    assert len(found) == len(set(found))  # each pair once
    assert expected <= set(found)  # none missing
    assert all(close[a, b] for a, b in found)  # a block may reach past max_gap_days, never past the cosines


def _sparse_tfidf(columns: np.ndarray, values: np.ndarray, lengths: np.ndarray, vocabulary: int):
    """The reference: TF-IDF normalised by SciPy's own sparse products (what _tfidf must equal exactly)."""
    from scipy import sparse

    df = np.bincount(columns, minlength=vocabulary)
    values = values * (np.log((1 + len(lengths)) / (1 + df)) + 1.0)[columns]
    indptr = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    matrix = sparse.csr_matrix((values, columns, indptr), shape=(len(lengths), vocabulary))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


@pytest.mark.parametrize("seed", range(40))
def test_tfidf_is_the_sparse_products_float_for_float(seed: int) -> None:
    """Same floats in the same order: claims and events group exactly as before."""
    from dashboard.preprocess.claims import _tfidf

    rng = np.random.default_rng(seed)
    n, vocabulary = int(rng.integers(1, 120)), int(rng.integers(1, 300))
    lengths = rng.integers(0, min(vocabulary, 30) + 1, n)
    rows = [rng.choice(vocabulary, k, replace=False) for k in lengths]
    if seed % 2:  # every row's columns increasing: SciPy takes its sorted path (a small event often does)
        rows = [np.sort(row) for row in rows]
    columns = np.concatenate(rows).astype(np.int64)
    values = rng.random(len(columns)) * 3 + 0.01
    reference = _sparse_tfidf(columns, values, lengths, vocabulary)
    for block in (1 << 20, 1, 7, int(rng.integers(2, 60))):  # rows at a time: the same matrix however many
        ours = _tfidf(columns, values, lengths, vocabulary, block=block)
        assert ours.shape == reference.shape
        for name in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(ours, name), getattr(reference, name)), (name, block)
        assert np.array_equal((ours @ ours.T).toarray(), (reference @ reference.T).toarray())


@pytest.mark.parametrize(("lengths", "block", "expected"), [
    ([0, 0, 3, 2], 10, [(0, 4, 0, 5)]),  # up to `block` entries: one run, leading empty rows and all
    ([0, 0, 3, 2], 5, [(0, 4, 0, 5)]),
    ([0, 0, 3, 2], 4, [(0, 2, 0, 0), (2, 3, 0, 3), (3, 4, 3, 5)]),  # more: rows about `block` entries at a time
    ([0, 0], 4, [(0, 2, 0, 0)]),
    ([], 4, []),
])
def test_row_spans(lengths: list[int], block: int, expected: list[tuple[int, int, int, int]]) -> None:
    from dashboard.preprocess.claims import _row_spans

    assert list(_row_spans(np.array(lengths, dtype=np.int64), block)) == expected


def test_tfidf_rows_of_a_small_event_are_scipys() -> None:
    """The review's case: columns numbered in first-seen order make the first rows increasing."""
    from dashboard.preprocess.claims import tfidf_rows

    rows = [{"a": 2, "b": 2, "c": 2, "d": 1}, {"a": 1, "b": 1}]
    ours = tfidf_rows(rows)
    columns = np.array([0, 1, 2, 3, 0, 1])
    reference = _sparse_tfidf(columns, np.array([2.0, 2, 2, 1, 1, 1]), np.array([4, 2]), 4)
    assert np.array_equal(ours.data, reference.data) and np.array_equal(ours.indices, reference.indices)


@pytest.mark.parametrize("seed", range(12))
def test_tfidf_of_counts_part_by_part_is_tfidf_rows_of_them_all(seed: int) -> None:
    """A corpus saved part by part gets the vectors of its term counts held whole, float for float: terms
    numbered in the same order, whatever the parts (empty ones, empty rows, a term first seen late)."""
    from dashboard.preprocess.claims import TermCounts, tfidf_of_counts, tfidf_rows

    rng = np.random.default_rng(seed)
    rows = [{f"t{int(t)}": float(rng.integers(1, 4)) for t in rng.integers(0, 40, int(rng.integers(0, 12)))}
            for _ in range(int(rng.integers(1, 60)))]
    rows.append({"only-in-the-last-row": 1.0})
    cuts = sorted({0, len(rows), *rng.integers(0, len(rows) + 1, 4).tolist()})
    parts = [TermCounts.of(rows[a:b]) for a, b in pairwise(cuts)] + [TermCounts.of([])]
    whole = tfidf_rows(TermCounts.concat(parts))
    assert whole.shape[0] == len(rows) and len(parts) > 2
    for block in (1 << 20, 1, 5):
        streamed = tfidf_of_counts(lambda: iter(parts), block=block)
        assert streamed.shape == whole.shape
        for name in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(streamed, name), getattr(whole, name)), (name, block)
    assert np.array_equal(whole.toarray(), tfidf_rows(rows).toarray()), "hashed terms: the dict rows' vectors"


def test_copies_are_decided_the_same_in_chunks_of_any_size() -> None:
    """Pairs that share most of the shorter article's 5-grams, and have enough of them, are copies."""
    from dashboard.preprocess.claims import _copies

    s = VOCAB.events
    rng = np.random.default_rng(3)
    n = 50
    sizes = rng.integers(0, 3 * s.duplicate_min_shingles, n)
    first, second = np.triu_indices(n, 1)
    codes = first * n + second
    shared = rng.integers(0, 2 * s.duplicate_min_shingles, len(codes))
    smaller = np.minimum(sizes[first], sizes[second])
    expected = (smaller >= s.duplicate_min_shingles) & (shared >= s.duplicate_containment * smaller)
    assert 0 < expected.sum() < len(codes)
    for chunk in (1, 7, 1 << 20):
        got = _copies(codes, shared, sizes, n, 1, s, chunk=chunk)
        assert np.array_equal(got[0], first[expected]) and np.array_equal(got[1], second[expected])
    halved = _copies(codes, shared, sizes, n, 2, s)  # one 5-gram in two kept: half as many needed
    assert len(halved[0]) >= expected.sum()


def test_a_slimmed_profile_labels_its_event_as_the_whole_one() -> None:
    """The coordinator keeps slimmed profiles (no body, the lede cut to a label): events read the same."""
    from dashboard.preprocess.claims import _event_rows, article_profile, entity_info, slim_profile

    info = entity_info([{"entity_id": "person:sergey-lavrov", "type": "person", "iso3": "", "country": "RUS"}])
    lede = ["Russian Foreign Minister Sergey   Lavrov pledged  test kits to ASEAN members at an online "
            "meeting on Thursday, as the bloc's ministers discussed a regional fund for the pandemic.",
            "He said Moscow would share its experience.", "Vietnam chaired the talks."]
    for title in ("", "Lavrov pledges test kits"):
        whole = article_profile("a1", 0, "Outlet", "source:outlet", title, "2020-04-14", lede,
                                ["person:sergey-lavrov"], info, VOCAB.events)
        slim = slim_profile(whole)
        assert slim.body == "" and len(slim.lede) <= len(whole.lede) and slim.actors == whole.actors
        assert _event_rows([slim], [([0], 0)], info.types) == _event_rows([whole], [([0], 0)], info.types)
    assert slim.lede == "" and _event_rows([slim], [([0], 0)], info.types)[0][0]["label"] == title
    untitled = slim_profile(article_profile("a2", 1, "", "", "", None, [" ".join(lede * 3)], [], info, VOCAB.events))
    assert 0 < len(untitled.lede) <= 140 and untitled.lede.endswith("…") and "  " not in untitled.lede


@pytest.mark.parametrize("tokens", [[], [("kit", 1.0)], [("kit", 1.0), ("ent:country:RUS", 0.5), ("help", 1.0)],
                                    [("ent:fund:x", 2.0)], [("syn:strengthen", 1.0), ("ent:bloc:ASEAN", 0.1)]])
def test_packed_tokens_unpack_to_what_was_packed(tokens: list[tuple[str, float]]) -> None:
    """A statement's tokens travel as one string (a weight written only when it is not 1): unpacked, the same
    tokens and the same floats again, alone or split out of several packed at once."""
    from dashboard.preprocess.claims import _token_arrays, _token_counts, pack_tokens, unpack_tokens

    packed = pack_tokens(tokens)
    assert unpack_tokens(packed) == tokens
    terms, weights = _token_arrays(["", packed, pack_tokens([("kit", 1.0)]), packed])
    assert _token_counts(["", packed, "x"]).tolist() == [0, len(tokens), 1]
    assert list(zip(terms.tolist(), weights.tolist(), strict=True)) == [*tokens, ("kit", 1.0), *tokens]


def test_staged_statement_words_give_the_records_worked_out_from_the_article() -> None:
    """The claims read a streamed corpus's statement words from its staged pledges rows (packed where the
    article was processed), a small corpus's from its mentions and texts: the records are the same."""
    from dashboard.preprocess.claims import WORD_COLUMNS, entity_info, pack_words, statement_records, statement_words

    WHO = "organisation:who"
    text = "Lavrov said Russia will send 50,000 test kits to ASEAN and the World Health Organization, he said."
    found = [("person:lavrov", "Lavrov"), (RUS, "Russia"), (ASEAN, "ASEAN"), (WHO, "World Health Organization")]
    spans = [(text.index(name), text.index(name) + len(name), entity_id) for entity_id, name in found]
    info = entity_info([{"entity_id": "person:lavrov", "type": "person", "country": "RUS"},
                        {"entity_id": RUS, "type": "country"}, {"entity_id": ASEAN, "type": "bloc", "members": "VNM"},
                        {"entity_id": WHO, "type": "organisation"}])
    pledges = pd.DataFrame([{"pledge_id": f"a1-s1-{c}", "statement_id": "a1-s1", "article_id": "a1",
                             "sentence_id": "a1-s1", "category": c, "kind": "commitment", "quote": text,
                             "start": 0, "end": len(text)} for c in ("health", "medical_supplies")])
    actors = pd.DataFrame([{"pledge_id": "a1-s1-health", "entity_id": RUS, "role": "speaker"},
                           {"pledge_id": "a1-s1-health", "entity_id": ASEAN, "role": "target"}])
    mentions = pd.DataFrame([{"article_id": "a1", "start": a, "end": b, "entity_id": e} for a, b, e in spans])
    from_text = statement_records(pledges, actors, mentions, pd.DataFrame([{"article_id": "a1", "text": text}]),
                                  info, VOCAB)
    words = pack_words(statement_words(text, 0, spans, info, VOCAB))
    assert list(words) == list(WORD_COLUMNS)
    staged = statement_records(pledges.assign(**words), actors, None, None, info, VOCAB)
    assert staged == from_text and len(staged) == 1
    record = staged[0]
    assert record.core == text[len("Lavrov said ") : text.index(", he said")]
    assert {t: w for t, w in record.tokens if w != 1.0} == {f"ent:{WHO}": 1.5}  # weighed by type
    assert {f"ent:{RUS}", f"ent:{ASEAN}", "kit"} <= {t for t, _w in record.tokens}
    assert record.speakers == {RUS} and record.targets == {ASEAN}
    assert record.actors == {RUS, ASEAN, WHO, "person:lavrov"}  # the person's country is Russia, named already


@pytest.mark.parametrize("rows", [
    [],
    [{"a": "x", "b": 1, "c": True}, {"a": "y", "b": 2, "c": False}],
    [{"a": None, "b": None, "c": None}],
    [{"a": "x", "b": 1, "c": None}, {"a": None, "b": 2.5, "c": True}],
    [{"a": ("t",), "b": np.float32(1.5), "c": np.int32(3)}, {"a": ("u", "v"), "b": np.float32(2), "c": np.int32(4)}],
])
def test_claim_frames_built_by_column_are_what_pandas_builds_from_rows(rows: list[dict]) -> None:
    from dashboard.preprocess.claims import _frame_of_rows

    got = _frame_of_rows(rows, ["a", "b", "c"])
    expected = pd.DataFrame(rows, columns=["a", "b", "c"])
    assert got.dtypes.tolist() == expected.dtypes.tolist()
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("abbreviated", ["the WHO", "the PM"])
def test_a_quote_split_at_its_mentions_expands_abbreviations_in_every_part(abbreviated: str) -> None:
    """A quote's words are taken part by part between its named entities; whether it holds an abbreviation
    is asked once for the whole quote, and every part that holds one still has it expanded."""
    from dashboard.preprocess.claims import entity_info, statement_words

    info = entity_info([{"entity_id": "country:RUS", "type": "country"}])
    quote = f"Russia backed {abbreviated} at the talks, and Russia thanked {abbreviated} again."
    spans = [(m, m + len("Russia"), "country:RUS") for m in (0, quote.index("Russia thanked"))]
    _a, _b, tokens, named = statement_words(quote, 0, spans, info, VOCAB)
    words = [t for t, _w in tokens]
    expanded = content_tokens(abbreviated, VOCAB)
    assert named == {"country:RUS"} and words.count("ent:country:RUS") == 2
    assert expanded and all(words.count(t) == 2 for t in expanded)  # between the mentions, and after them


def test_abbreviations_expand_as_the_look_behind_regex_expands_them() -> None:
    """_expand_abbreviations checks the letter before a match in code; it must give what re.sub of the
    look-behind pattern gives, on texts dense with abbreviations, their pieces, letters, digits and 's."""
    import random
    import re
    from dataclasses import replace

    from dashboard.preprocess.claims import _expand_abbreviations

    with_digits = {"A12": "alpha twelve", "2C": "two charlie"}  # a match can start inside a passed-over one
    digits_vocab = replace(VOCAB, abbreviations=with_digits,
                           abbreviation_pattern=re.compile(r"(A12|2C)(?:'?s)?(?![a-z])"))
    for vocab in (VOCAB, digits_vocab):
        keys = "|".join(re.escape(k) for k in sorted(vocab.abbreviations, key=len, reverse=True))
        reference = re.compile(rf"(?<![A-Za-z])({keys})(?:'?s)?(?![a-z])")
        pieces = [*vocab.abbreviations, "D", "X", "x", "7", " ", "'", "s", "'s", "-", "é", "WH", "FMS", "A1"]
        rng = random.Random(6)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            expected = reference.sub(lambda m, v=vocab: f" {v.abbreviations[m.group(1)]} ", text)
            assert _expand_abbreviations(text, vocab) == expected, text
    assert _expand_abbreviations("XA12C", digits_vocab) == "XA1 two charlie "


def test_entity_info_reads_a_persons_country_as_the_entities_table_writes_it() -> None:
    """The pipeline's entities table gives a person's country in `country` (`iso3` is a country entity's
    own): claims then compare Lavrov's statements as Russia's, and a person counts for their country."""
    from dashboard.preprocess.claims import entity_info
    from dashboard.preprocess.pipeline import load_resources
    from dashboard.preprocess.tables import entity_rows

    res = load_resources()
    people = [res.gazetteer.get("person:sergey-lavrov"), res.gazetteer.get("country:RUS")]
    info = entity_info(entity_rows(people, res))
    assert info.country == {"person:sergey-lavrov": "country:RUS"}
    assert info.fold_people(["person:sergey-lavrov"]) == {"country:RUS"}
    assert info.widen(["person:sergey-lavrov"]) == {"person:sergey-lavrov", "country:RUS"}


def test_entity_answers_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """fold_people and widen remember their answers, and forget them all once _MEMO_MAX are held: the same
    answers, in memory that does not grow with the corpus."""
    from dashboard.preprocess import claims

    monkeypatch.setattr(claims, "_MEMO_MAX", 3)
    info = claims.entity_info([{"entity_id": "person:p", "type": "person", "name": "P", "country": "VNM"},
                               {"entity_id": "bloc:asean", "type": "bloc", "name": "ASEAN", "members": "VNM|THA"}])
    sets = [["person:p"], ["country:VNM"], ["person:p", "country:LAO"], ["org:x"], ["person:p"], ["country:THA"]]
    widened = [info.widen(ids) for ids in sets]
    assert widened[0] == {"person:p", "country:VNM", "bloc:asean"} == widened[4]
    assert widened[2] == {"person:p", "country:VNM", "country:LAO", "bloc:asean"}
    assert widened[3] == {"org:x"} and widened[5] == {"country:THA", "bloc:asean"}
    assert len(info._widened) <= 3 and frozenset(["country:THA"]) in info._widened
    folded = [info.fold_people(ids) for ids in sets]
    assert folded[2] == {"country:VNM", "country:LAO"} and folded[4] == {"country:VNM"}
    assert len(info._folded) <= 3
