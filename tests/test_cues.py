"""The cue mini-language and its word-indexed matcher (must find what a plain regex finds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.preprocess.cues import CueBank, CueError, compile_cues, cue_pattern, text_words


@pytest.mark.parametrize(
    ("cue", "text", "expected"),
    [
        ("vaccin*", "Vaccines and vaccination", ["Vaccines", "vaccination"]),
        ("rules-based", "a rulesbased order, a rules-based order, a rules based order",
         ["rulesbased", "rules-based", "rules based"]),
        ("contribut* ~6 (fund|million)", "contribute to the common fund", ["contribute to the common fund"]),
        ("(shar*|exchang*) ~4 (information|data)", "exchanged views and data", ["exchanged views and data"]),
        ("emphasi[sz]ed", "emphasized, emphasised", ["emphasized", "emphasised"]),
        ("will", "goodwill will", ["will"]),  # whole words only
        ("$", "US$5 million", ["$"]),
        ("co-chair*", "cochaired and co-chairs", ["cochaired", "co-chairs"]),
    ],
)
def test_cues_match_whole_words(cue: str, text: str, expected: list[str]) -> None:
    cues = compile_cues([cue])
    assert [m.group() for m in cues.finditer(text)] == expected


def test_matcher_agrees_with_one_big_regex() -> None:
    cues = ["pledg*", "agreed to", "will", "call* on", "(stress*|underlin*) ~2 (need|importance)", "need for", "$"]
    text = ("They pledged support and agreed to act; he called on them and stressed the urgent need for help. "
            "It will cost US$3 million, they underlined.") * 3
    regex = re.compile("|".join(f"(?:{cue_pattern(c)})" for c in sorted(cues, key=len, reverse=True)), re.I)
    assert [m.span() for m in compile_cues(cues).finditer(text)] == [m.span() for m in regex.finditer(text)]


def test_search_respects_a_window() -> None:
    cues = compile_cues(["said", "noted"])
    text = "He said this. She noted that."
    assert cues.search(text, 8).group() == "noted"
    assert cues.search(text, 8, 20) is None


@pytest.mark.parametrize("bad", ["~3 word", "word ~2", "()", "broken[", "", "end of (the)? violence", "a +b"])
def test_bad_cues_are_rejected_with_the_cue_named(bad: str) -> None:
    with pytest.raises(CueError):
        compile_cues([bad], source="taxonomy.toml") if bad else cue_pattern(bad)


def test_bank_gives_each_set_what_its_own_finditer_gives() -> None:
    sets = [
        compile_cues(["pledg*", "commit* to", "stand ready"]),
        None,
        compile_cues(["vaccin*", "(test kits|medical supplies)", "rules-based ~2 order"]),
        compile_cues(["[0-9]* doses"]),  # starts at any word: no literal key
    ]
    text = ("Russia pledged 1000 doses of vaccines and stands ready, and committed to a rules-based "
            "international order; test kits and medical supplies followed. Pledges, pledges.")
    expected = [[m.span() for m in s.finditer(text)] if s is not None else [] for s in sets]
    assert CueBank(sets).spans(text) == expected
    assert expected[0] and expected[2] and expected[3] == [(15, 25)]


@pytest.mark.parametrize("text", ["", "...", "Việt Nam's İstanbul talks_on COVID-19,  ĐÀ NẴNG\u00a0x", "a" * 5,
                                  "The ASEAN_Russia Talks, 2020: WHO's COVAX!"])
def test_word_index_holds_every_word_with_its_offset(text: str) -> None:
    index = text_words(text)
    assert list(zip(index.starts, index.words, strict=True)) == [
        (m.start(), m.group().lower()) for m in re.finditer(r"[^\W_]+", text)]


def test_long_ascii_texts_are_indexed_like_short_ones() -> None:
    """Texts from 256 characters on are split with arrays, not the regex: the same words and offsets,
    whatever sits at either end (underscores, digits, punctuation, every ASCII character)."""
    import random

    from dashboard.preprocess import cues

    rng = random.Random(7)
    alphabet = "aZ9_ -.,'\n\t$" + "".join(map(chr, range(128)))
    for length in [0, 1, 2, 255, 256, 257, 300, 1000, 4000]:
        for _ in range(60):
            text = "".join(rng.choice(alphabet) for _ in range(length))
            cues._INDEX_CACHE.clear()
            index = text_words(text)
            assert index == cues._ascii_words(text)
            assert list(zip(index.starts, index.words, strict=True)) == [
                (m.start(), m.group().lower()) for m in re.finditer(r"[^\W_]+", text)]


def test_long_unicode_texts_are_indexed_like_the_regex_splits_them() -> None:
    """Texts with non-ASCII characters from 256 characters on are split without the regex: curly quotes,
    dashes, no-break and other spaces, combining accents, emoji and lone surrogates separate words; accented
    letters, other scripts' digits, ² and ½ belong to them; lower case may change a word's length (İ). A
    text with more distinct non-ASCII characters than are replaced one by one goes through the regex."""
    import random

    from dashboard.preprocess import cues

    rng = random.Random(8)
    alphabet = "aZ9_ -.,'\n\t$\x00\x1côưẠ’“”—\u00a0\u0301٣²½ǅ😀\u2028ßİ\ud800"
    many = "".join(map(chr, range(0x2600, 0x2640)))
    cases = [(256, alphabet), (257, alphabet), (1000, alphabet), (4000, alphabet), (600, alphabet + many)]
    for length, letters in cases:
        for _ in range(40):
            text = "".join(rng.choice(letters) for _ in range(length))
            cues._INDEX_CACHE.clear()
            index = text_words(text)
            assert list(zip(index.starts, index.words, strict=True)) == [
                (m.start(), m.group().lower()) for m in re.finditer(r"[^\W_]+", text)]
    assert cues._unicode_words("a" * 300 + many) is None


@pytest.mark.parametrize("text", ["US$5 million and $3", "no dollars here", "Đà Nẵng pledged US$ 2", "$"])
def test_cues_that_start_anywhere_find_what_their_regex_finds(text: str) -> None:
    """Such cues are looked for only in texts holding a word they need ("$"): the same matches."""
    cues = compile_cues(["us$", "$", "[0-9]* doses", "vaccin*"])
    regex = re.compile("|".join(f"(?:{cue_pattern(c)})" for c in sorted(["us$", "$", "[0-9]* doses", "vaccin*"],
                                                                       key=len, reverse=True)), re.I)
    assert [m.span() for m in cues.finditer(text)] == [m.span() for m in regex.finditer(text)]
    assert [m.span() for m in cues.finditer(text, 2, 9)] == [m.span() for m in regex.finditer(text, 2, 9)]


def test_search_is_the_first_match_of_finditer() -> None:
    cues = compile_cues(["said", "said that", "sa*", "noted", "call* on", "call* for"])
    text = "He said that they called on and called for it; she noted, saying so."
    for pos in range(0, len(text), 3):
        for endpos in (len(text), pos + 5, pos + 20):
            first = next(cues.finditer(text, pos, endpos), None)
            found = cues.search(text, pos, endpos)
            assert (found.span() if found else None) == (first.span() if first else None), (pos, endpos)


def test_bank_over_a_window_gives_each_sets_windowed_finditer() -> None:
    sets = [compile_cues(["the bloc", "the regional bloc", "(10|ten)-member ~3 (bloc|grouping)"]),
            compile_cues(["he", "she", "the minister"]), None, compile_cues(["they", "the ministers", "$"])]
    text = ("The ten-member regional bloc said he would, and the ministers agreed; she and the minister of "
            "the bloc paid US$5 million. They said the regional bloc")
    bank = CueBank(sets)
    for pos in range(0, len(text), 5):
        for endpos in (len(text), pos + 9, pos + 40):
            expected = [[m.span() for m in s.finditer(text, pos, endpos)] if s is not None else [] for s in sets]
            assert bank.spans(text, pos, endpos) == expected, (pos, endpos)


def test_bank_over_a_text_gives_each_windows_spans() -> None:
    """Candidates found once in the whole text, then sliced per window: what spans(text, pos, endpos) gives."""
    sets = [compile_cues(["the bloc", "the regional bloc", "(10|ten)-member ~3 (bloc|grouping)"]),
            compile_cues(["he", "she", "the minister"]), None, compile_cues(["they", "the ministers", "$"])]
    text = ("The ten-member regional bloc said he would, and the ministers agreed; she and the minister of "
            "the bloc paid US$5 million. They said the regional bloc")
    without_anywhere = [*sets[:3], compile_cues(["they", "the ministers"])]  # no cue that starts anywhere
    for bank in (CueBank(sets), CueBank(without_anywhere)):
        over = bank.over(text)
        for pos in range(-2, len(text) + 2):
            for endpos in (len(text), pos, pos + 1, pos + 9, pos + 40, len(text) + 5):
                assert over.spans(pos, endpos) == bank.spans(text, pos, endpos), (pos, endpos)
    bank = CueBank(sets)
    over = bank.over(text)
    assert [text[a:b] for a, b in over.spans(0, len(text))[1]] == ["he", "she", "the minister"]


@pytest.mark.parametrize("cues", [["said", "said that", "sa*", "noted", "call* on", "call* for", "told"],
                                  ["said", "noted", "$", "us$"]])
def test_a_set_over_a_text_searches_each_window_as_the_set_does(cues: list[str]) -> None:
    """Candidates found once in the whole text, then sliced per window (with and without cues that start
    anywhere): what the set's own search and finditer give."""
    cue_set = compile_cues(cues)
    assert cue_set is not None
    text = "He said that they called on and called for US$5; she noted, saying so, and told them. Said."
    over = cue_set.over(text)
    for pos in range(-2, len(text) + 2):
        for endpos in (len(text), pos, pos + 1, pos + 5, pos + 20, len(text) + 5):
            found = over.search(pos, endpos)
            expected = cue_set.search(text, pos, endpos)
            assert (found.span() if found else None) == (expected.span() if expected else None), (pos, endpos)
            assert [m.span() for m in over.finditer(pos, endpos)] == [
                m.span() for m in cue_set.finditer(text, pos, endpos)], (pos, endpos)


def test_a_negative_start_reads_as_the_start_of_the_text() -> None:
    """As for a regex: the "$" prefilter must not slice from the end."""
    cues = compile_cues(["$"])
    assert [m.span() for m in cues.finditer("$5 now", -1)] == [(0, 1)]


def test_blanked_text_has_the_word_index_of_its_own_words() -> None:
    """Blanking spans (a fund's name) derives the word index from the text's: the same words and offsets
    as indexing the blanked text, whatever the spans cut (inside words, across them, overlapping)."""
    import random

    from dashboard.preprocess import cues

    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice("ab Cd_-.,'1 \n") for _ in range(rng.randint(0, 40)))
        spans = [(a, rng.randint(a, len(text))) for a in (rng.randint(0, len(text)) for _ in range(rng.randint(0, 4)))]
        cues._INDEX_CACHE.clear()
        blanked = cues.blank_spans(text, spans)
        chars = list(text)
        for a, b in spans:
            chars[a:b] = " " * (b - a)
        assert blanked == "".join(chars)
        derived = text_words(blanked)
        cues._INDEX_CACHE.clear()
        assert derived == text_words(blanked), (text, spans)
    assert cues.blank_spans("Việt Nam fund", [(0, 8)]) == "         fund"  # not ASCII: indexed afresh
    assert text_words("         fund").words == ["fund"]


def test_a_bad_negation_section_names_the_file(tmp_path: Path) -> None:
    from dashboard.preprocess.taxonomy import TaxonomyError, default_taxonomy_path, load_taxonomy

    text = default_taxonomy_path().read_text(encoding="utf-8")
    assert "words_between = 1" in text
    bad = tmp_path / "taxonomy.toml"
    bad.write_text(text.replace("words_between = 1", "words_between = -1"), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"taxonomy\.toml \[negation\]: words_between"):
        load_taxonomy(bad)
    start = text.index("[negation]")
    none = tmp_path / "none.toml"
    none.write_text(text[:start] + text[text.index("\n[", start + 1):], encoding="utf-8")
    assert load_taxonomy(none).negation is None


def test_a_word_gap_stops_at_a_sentences_or_lines_end_but_not_inside_a_number() -> None:
    cues = compile_cues(["announc* ~6 (doses|loan*)"], source="taxonomy.toml")
    assert cues is not None
    assert cues.search("Japan announced 3.3 billion yen in loans.") is not None
    assert cues.search("Japan announced, on Monday, more doses.") is not None
    assert cues.search("A new announcement. Japan has promised doses.") is None
    assert cues.search("Russia announced test kits\nThe ministers shared doses") is None  # stripped text's lines
