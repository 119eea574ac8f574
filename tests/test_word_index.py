"""Word-index search: the same rows as checking every folded quote for every term, on tricky and real text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from dashboard_fixtures import (  # noqa: F401 - fixtures
    fixture_tables,
    seed_corpus_fixture,
    seed_dir_fixture,
    write_corpus,
)

from dashboard import store, word_index
from dashboard.filters import search_terms, text_mask
from dashboard.store import Corpus, fold_series, fold_text, load_corpus
from dashboard.word_index import Piece, TextSearch, build_word_index, term_pieces

TRICKY_QUOTES = [
    "Việt Nam's Deputy Prime Minister Phạm Bình Minh met Sergey Lavrov in Hà Nội.",
    "VIETNAM and Russia: vaccines, vaccination & vaccine-related aid (COVID-19).",
    "Russia pledged US$200,000 and 200.000 masks to Laos/Cambodia — “equitable access” for all",
    "They discussed e-commerce, re-exports and the 10-member bloc’s plans… ",
    "  leading and trailing spaces\tand a tab\nand a new line  ",
    "",
    "Đà Nẵng, Thừa Thiên–Huế; Straße -- Øresund Łódź",
    "the the the theory other",
    "no accents here",
    "Việt Nam's Deputy Prime Minister Phạm Bình Minh met Sergey Lavrov in Hà Nội.",  # repeated quote
    "'quoted' \"double\" (brackets) [square] {curly} <angle> 100% #tag @at a+b=c x_y",
    "日本とベトナム 協力 café naïve coöperation",
]

TRICKY_SEARCHES = [
    "vaccine", "Việt Nam", "viet nam", '"viet nam"', "Việt Nam's", "nam's", "'s", "VIETNAM", "vietnam",
    "vacc", "accin", "ccine", "vaccine-related", "-related", "vaccine-", "covid-19", "covid-1", "19)",
    "(covid", "us$200,000", "200,000", "200.000", "$", "-", "--", "–", "—", ".", ",", "...", "…", "'", '"',
    '"equitable access"', "“equitable", "access”", '"access for"', "e-commerce", "e-", "re-exports",
    "10-member", "bloc’s", "bloc's", "plans…", "a", "e", "the", "the theory", '"the the"', '"the theory other"',
    "da nang", "đà", "thua thien-hue", "thien–hue", "strasse", "straße", "oresund", "lodz", "  spaces\t",
    '"spaces and"', '"tab and"', "trailing spaces", "zzzq", "vaccine zzzq", "Russia vaccine", "laos/cambodia",
    "/", "100%", "#tag", "@at", "a+b=c", "x_y", "_", "<angle>", "[square]", "{curly}", "日本", "ベトナム 協力",
    "café", "cafe", "naïve", "naive", "cooperation", "coöperation", "", "   ", '""', '"', '"unclosed phrase',
    "minh met", '"minh met sergey"', "lavrov in", "noi.", "nội", "hà nội",
]


def reference_mask(folded: list[str | None], text: str) -> list[bool]:
    """What the search means: every term is a substring of the folded quote (Python's `in`, no index)."""
    terms = search_terms(text)
    return [not terms or (q is not None and all(t in q for t in terms)) for q in folded]


def folded_column(quotes: list[str | None], encoded: bool) -> pa.ChunkedArray:
    series = pd.Series(quotes, dtype="str")
    return store.fold_column(series.astype("category") if encoded else series)


@pytest.mark.parametrize(("term", "pieces"), [
    ("vaccine", [Piece("vaccine", False, False)]),
    ("nam's", [Piece("nam", False, True), Piece("s", True, False)]),
    ("viet nam", [Piece("viet", False, True), Piece("nam", True, False)]),
    ("-19", [Piece("19", True, False)]),
    ("covid-", [Piece("covid", False, True)]),
    ("(covid-19)", [Piece("covid", True, True), Piece("19", True, True)]),
    ("a--b", [Piece("a", False, True), Piece("b", True, False)]),
    ("viêt", [Piece("viêt", False, False)]),  # non-ASCII characters belong to words
    ("“access”", [Piece("“access”", False, False)]),
    ("...", []),
    ("", []),
])
def test_term_pieces(term: str, pieces: list[Piece]) -> None:
    assert term_pieces(term) == pieces


@pytest.mark.parametrize("encoded", [True, False], ids=["categorical", "plain"])
@pytest.mark.parametrize("text", TRICKY_SEARCHES)
def test_index_search_equals_substring_scan(text: str, encoded: bool) -> None:
    quotes = [*TRICKY_QUOTES, None]
    folded = folded_column(quotes, encoded)
    expected = reference_mask([None if q is None else fold_text(q) for q in quotes], text)
    assert list(text_mask(folded, text)) == expected


# Every way through the search: pieces never read (all left to the substring check), always read,
# and slices small enough that the build merges many of them.
SETTINGS = {"scan only": {"BROAD": 0}, "index only": {"BROAD": 10**9, "REFINE": 10**9},
            "tiny slices": {"BUILD_SLICE": 2, "SCAN_SLICE": 3, "FEW_WORDS": 0}}


@pytest.mark.parametrize("setting", SETTINGS.values(), ids=SETTINGS.keys())
@pytest.mark.parametrize("encoded", [True, False], ids=["categorical", "plain"])
def test_every_search_path_gives_the_same_rows(monkeypatch: pytest.MonkeyPatch, setting: dict[str, int],
                                               encoded: bool) -> None:
    for name, value in setting.items():
        monkeypatch.setattr(word_index, name, value)
    quotes = [*TRICKY_QUOTES, None]
    folded = folded_column(quotes, encoded)
    search = TextSearch(folded)
    plain = [None if q is None else fold_text(q) for q in quotes]
    for text in TRICKY_SEARCHES:
        assert list(text_mask(folded, text, search)) == reference_mask(plain, text), text


def test_index_lists_each_text_once_per_word_in_order() -> None:
    texts = pa.array(["b a b", "a-c", None, "", "c c;b"])
    index = build_word_index(texts)
    words = index.words.to_pylist()
    lists = {w: index.texts[index.offsets[i]:index.offsets[i + 1]].tolist() for i, w in enumerate(words)}
    assert lists == {"a": [0, 1], "b": [0, 4], "c": [1, 4]}


@pytest.mark.parametrize("quotes", [[], [None, None], ["", "  "], ["...", "- -"]],
                         ids=["no rows", "missing", "blank", "punctuation only"])
def test_search_over_texts_without_words(quotes: list[str | None]) -> None:
    for encoded in (True, False):
        folded = folded_column(quotes, encoded)
        for text in ("vaccine", "-", "", "a b"):
            plain = [None if q is None else fold_text(q) for q in quotes]
            assert list(text_mask(folded, text)) == reference_mask(plain, text)


def _seed_searches(texts: list[str]) -> list[str]:
    """Searches made from the texts themselves: words, their parts, neighbours, punctuated pieces, phrases."""
    searches: set[str] = set()
    for text in texts:
        words = re.findall(r"\S+", text)
        for word in words:
            searches.update({word, word[:3], word[1:-1], word[-4:], word[:1]})
        for left, right in itertools.pairwise(words):
            searches.update({f"{left} {right}", f'"{left} {right}"', f'"{left[-2:]} {right[:2]}"'})
        searches.update(re.findall(r"\w+[^\w\s]+\w*", text))  # covid-19, nam's, 200,000
    return sorted(searches)


def test_index_search_equals_scan_over_the_seed_corpus(seed_corpus: Corpus, seed_dir: Path) -> None:
    """Every search made from the seed quotes and sentences finds the same rows as checking each text."""
    quotes = seed_corpus.pledges["quote"].astype(str).tolist()
    folded_quotes = [fold_text(q) for q in quotes]
    searches = _seed_searches(folded_quotes)
    assert len(searches) > 500
    for text in searches:
        assert list(text_mask(seed_corpus.search_text, text, seed_corpus.text_search)) == reference_mask(
            folded_quotes, text), text
    sentences = pd.read_parquet(seed_dir / "sentences.parquet")["text"].astype("str")
    folded = fold_series(sentences).tolist()
    column = store.fold_column(sentences)
    search = TextSearch(column)
    for text in _seed_searches(folded[::3]):
        assert list(search.mask(search_terms(text))) == reference_mask(folded, text), text


def test_word_index_is_saved_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    first = load_corpus(folder)
    assert not list((folder / store.LOOKUPS_DIR).glob("*-words.arrow"))  # nothing built while nobody searches
    expected = {text: list(text_mask(first.search_text, text, first.text_search)) for text in TRICKY_SEARCHES}
    assert len(list((folder / store.LOOKUPS_DIR).glob("*-words.arrow"))) == 1

    def no_build(*args: object) -> None:
        raise AssertionError("word index rebuilt although saved")

    monkeypatch.setattr(word_index, "build_word_index", no_build)
    again = load_corpus(folder)
    assert {text: list(text_mask(again.search_text, text, again.text_search)) for text in TRICKY_SEARCHES} == expected


def test_a_saved_index_of_other_texts_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "words.arrow"
    old = pa.array(["vaccine supply", "masks"])
    assert word_index.write_word_index(path, build_word_index(old), old)
    new = pa.array(["vaccines for all", "masks and gloves"])
    assert word_index.read_word_index(path, new) is None
    column = pa.chunked_array([new])
    assert list(TextSearch(column, path).mask(["vaccine"])) == [True, False]
    assert list(TextSearch(column, path).mask(["gloves"])) == [False, True]  # rebuilt and saved for `new`


@pytest.mark.parametrize(("old", "new", "search"), [
    (["vaccine supply", "masks"], ["vaccine survey", "masks"], "supply"),  # same sizes, one word differs
    (["vaccine supply", "masks"], ["masks", "vaccine supply"], "masks"),  # same texts, other order
    (["vaccine", "supply"], ["vaccines", "upply"], "vaccines"),  # same bytes end to end, split elsewhere
])
def test_a_saved_index_of_same_sized_texts_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        old: list[str], new: list[str], search: str) -> None:
    """Count and total size do not tell texts apart: the saved index must be rebuilt, not trusted."""
    path = tmp_path / "words.arrow"
    assert word_index.write_word_index(path, build_word_index(pa.array(old)), pa.array(old))
    assert word_index.read_word_index(path, pa.array(new)) is None
    builds: list[int] = []

    def counting_build(texts: pa.Array) -> word_index.WordIndex:
        builds.append(len(texts))
        return build_word_index(texts)

    monkeypatch.setattr(word_index, "build_word_index", counting_build)
    column = pa.chunked_array([pa.array(new)])
    assert list(TextSearch(column, path).mask([search])) == [search in text for text in new]
    assert builds == [len(new)]
    assert list(TextSearch(column, path).mask([search])) == [search in text for text in new]
    assert builds == [len(new)]  # the rebuilt index was saved for `new` and is read back now


def test_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    column = pa.chunked_array([pa.array(["vaccine supply", "masks"])])
    search = TextSearch(column, tmp_path / "missing-folder" / "words.arrow")
    assert list(search.mask(["supply"])) == [True, False]
    assert not (tmp_path / "missing-folder").exists()
