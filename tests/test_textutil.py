"""Text helpers whose fast forms must give what their plain forms give."""

from __future__ import annotations

import re

import pytest

from dashboard.preprocess.clean import _compile, _vocab
from dashboard.preprocess.gazetteer import load_gazetteer
from dashboard.preprocess.sentences import _word_before
from dashboard.preprocess.textutil import (
    count_words,
    is_unpunctuated,
    phrase_alternation,
    required_words,
    unescape_references,
)

TITLES = ["Minister", "Minister of Foreign Affairs", "Minister for Foreign Affairs", "Foreign Minister",
          "Deputy Foreign Minister", "Vice-President", "President", "Prime Minister", "Deputy Prime Minister"]
TEXTS = [
    "Deputy Prime Minister and Minister of Foreign Affairs Pham Binh Minh met Foreign Minister Sergey Lavrov.",
    "the MINISTER OF STATE Bob Lee, Vice-President  Kamala Harris, vice president Al Gore",
    "Minister of Sport Ann Lee; Minister for Foreign  Affairs Retno Marsudi; President",
    "no titles here at all, only Ministerial and Presidents",
]


def _plain_alternation(phrases: list[str]) -> str:
    ordered = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@pytest.mark.parametrize("phrases", [TITLES, list(load_gazetteer().titles)])
@pytest.mark.parametrize("text", TEXTS)
def test_phrase_trie_finds_what_the_plain_alternation_finds(phrases: list[str], text: str) -> None:
    """Also with what follows the phrase deciding the match, as in the title-and-name pattern."""
    for tail in ("", r"\s+(?P<name>[A-Z]\w+(?:\s+[A-Z]\w+)+)"):
        trie = re.compile(rf"(?i:(?<![\w-])(?:{phrase_alternation(phrases)})){tail}")
        plain = re.compile(rf"(?i:(?<![\w-])(?:{_plain_alternation(phrases)})){tail}")
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert any(re.search(phrase_alternation(TITLES), t, re.I) for t in TEXTS)


def test_phrases_differing_in_case_share_a_branch() -> None:
    """Non-ASCII phrases too: the longer one still wins, as in the plain alternation."""
    phrases = ["Thủ tướng", "thủ tướng chính phủ"]
    text = "Thủ tướng Chính phủ Phạm Minh Chính"
    trie = re.compile(f"(?i:{phrase_alternation(phrases)})")
    plain = re.compile(f"(?i:{_plain_alternation(phrases)})")
    assert trie.match(text).group() == plain.match(text).group() == "Thủ tướng Chính phủ"


def test_no_phrases_match_nothing() -> None:
    assert re.search(phrase_alternation(["", "  "]), "anything") is None


@pytest.mark.parametrize(
    ("patterns", "line", "expected"),
    [
        (["^share (this|on)", "cookies?"], "We use COOKIES to improve", True),
        (["^share (this|on)", "cookies?"], "Lavrov shared views", False),
        ([r"(\w+) \1"], "the the end", True),  # a backreference: tried pattern by pattern
        ([r"(\w+) \1", "^related"], "related posts", True),
        ([r"(?P<w>x)", r"(?P<w>y)"], "only y here", True),  # repeated group names cannot share one regex
        (["(x)", "(a)?(?(1)b|c)"], "ab", True),  # a numbered conditional refers to its own group
        ([], "anything", False),
        (["^a|b"], "xb", True),  # only the first branch is anchored
        (["^share$", "(?m)^menu$"], "text\nmenu", True),  # anchored at a line, not at the start
        (["^share$", "^(?:x)|photo"], "a photo", True),
        (["^share$", "^related"], "see related", False),
    ],
)
def test_any_pattern_answers_like_each_pattern(patterns: list[str], line: str, expected: bool) -> None:
    matcher = _compile(patterns, "boilerplate.toml: test")
    assert matcher.search(line) is expected
    assert matcher.search(line) == any(re.search(p, line, re.I) for p in patterns)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("cookies?\\b.*\\b(use|accept)\\b", "cookie"),
        ("a(?=xyz)bcd", "bcd"),  # a lookahead adds nothing
        ("(?!nope)word", "word"),  # nor does a negative one
        ("(?:abc)?define", "define"),  # an optional part adds nothing
        ("[(]\\s*(photo|image|ảnh)\\s*:", "image|photo|ảnh"),  # alternatives: one of them
        ("(abc){2,}", "abc"),
        ("x(ab|cd)", None),  # too short to be worth a search
        ("foo|b", None),  # one alternative names no word
        ("[ab]c.*", None),
    ],
)
def test_required_words_of_a_pattern(pattern: str, words: str | None) -> None:
    assert ("|".join(required_words(re.compile(pattern, re.I), min_chars=3)) or None) == words


def test_required_words_keep_the_shortest_that_every_match_holds() -> None:
    assert required_words(re.compile(r"(?<!\w)us\$|\$", re.I)) == ("$",)  # "us$" holds "$" already
    assert required_words(re.compile(r"US\$", re.I)) == ("us$",)  # folded
    assert required_words(re.compile(r"US\$")) == ("US$",)  # as written when case matters
    assert required_words(re.compile(r"(?i:usd)\d+")) == ()  # case-insensitive only in part: not known
    assert required_words(re.compile(r"(?i:usd) dollars")) == (" dollars",)  # the case-sensitive part is
    assert required_words(re.compile(r"(?-i:USD)", re.I)) == ("usd",)  # folded: a looser test, still sound


LINES = [
    "We use COOKIES to improve your experience.", "Cookie settings", "Photo: Reuters", "(ẢNH: TTXVN)",
    "Vietnamese Deputy Prime Minister Pham Binh Minh - VNA Photo", "I write about ASEAN and cover Asia",
    "Jane Doe is a staff writer for The Diplomat", "Lavrov said Russia would send test kits.",
    "Ministers shared photos of the meeting and accepted the terms", "",
    "COOKİES: we use them", "coo\u212aie policy: you accept", "Jane is a ſtaff writer for VnExpress",
    "PHOTO ı: x", "the cookıe policy we use",  # characters IGNORECASE treats as equal in their own ways
]


def test_any_pattern_of_the_shipped_boilerplate_answers_like_each_pattern() -> None:
    """The word prefilter may only skip lines that no pattern matches."""
    vocab = _vocab("boilerplate.toml")
    for key in ("tail_markers", "line_patterns", "bio_patterns"):
        matcher = _compile(vocab[key], key)
        assert any(matcher.needles) or key == "tail_markers"
        for line in LINES:
            assert matcher.search(line) == any(re.search(p, line, re.I) for p in vocab[key]), (key, line)


def test_a_bad_boilerplate_pattern_is_named() -> None:
    with pytest.raises(ValueError, match=r"boilerplate.toml: line_patterns: bad pattern '\(unclosed'"):
        _compile(["fine", "(unclosed"], "boilerplate.toml: line_patterns")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met Dr.", "Dr."),
        ("in the U.S.", "U.S."),
        ("word " + "x" * 100 + ".", "x" * 100 + "."),  # longer than the window: found whole all the same
        ("x" * 200, "x" * 200),
        ("ends with a space ", ""),
        ("Phạm Bình Minh’s_aide.", "Minh’s_aide."),  # letters of any script, apostrophes, underscore
        ("year ١٩٩٩.", "١٩٩٩."),  # digits of any script are word characters too
        ("(U.N.", "U.N."),
    ],
)
def test_word_before_a_full_stop(text: str, expected: str) -> None:
    assert _word_before(text, len(text)) == expected


def test_needles_skip_only_texts_without_any_of_their_words() -> None:
    from dashboard.preprocess.textutil import Needles

    cookie = Needles.of(re.compile(r"cookies?\b.*\baccept", re.I))
    assert cookie.fold and "cookie" in cookie
    assert cookie.may_match("COOKİES: accept") and not cookie.may_match("Lavrov shared views")
    dollar = Needles.of(re.compile(r"(?<!\w)us\$|\$", re.I))
    assert not dollar.fold and dollar.may_match("US$5") and not dollar.may_match("five dollars")
    assert Needles().may_match("anything") and not Needles()  # nothing known: every text may match
    both = Needles.union([cookie, dollar])
    assert both.fold and both.may_match("$5") and both.may_match("Cookie") and not both.may_match("none")


@pytest.mark.parametrize("text", ["", "   ", "COVID-19 vaccine_supply, 2020!", "a", "_", "x__y z\x1c\x1fw",
                                  "Việt Nam's Phạm Bình Minh said", "naïve_ café 5", "".join(map(chr, range(128)))])
def test_count_words_counts_what_the_word_regex_finds(text: str) -> None:
    assert count_words(text) == len(re.findall(r"\w+", text))


def test_count_words_on_random_ascii() -> None:
    import random

    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("aZ9_ -.,'\n\t\x0b\x1c") for _ in range(rng.randint(0, 30)))
        assert count_words(text) == len(re.findall(r"\w+", text)), text


def test_count_words_on_random_unicode() -> None:
    """Non-ASCII word characters (letters, other scripts' digits, ², ½) join words; curly quotes, dashes,
    no-break spaces, combining accents, emoji and lone surrogates split them, as in the regex."""
    import random

    rng = random.Random(4)
    chars = "aZ9_ -.'ôưẠ’“”—\u00a0\u0301٣²½ǅ😀\ud800\u2028ß"
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 30)))
        assert count_words(text) == len(re.findall(r"\w+", text)), repr(text)
    symbols = "".join(map(chr, range(0x2600, 0x2640)))  # more distinct non-word characters than are replaced
    for _ in range(300):
        text = "".join(rng.choice(chars + symbols) for _ in range(rng.randint(0, 60)))
        assert count_words(text) == len(re.findall(r"\w+", text)), repr(text)
    assert count_words(f"a{symbols}b ô{symbols}") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Indonesia&#8217;s minister", "Indonesia\u2019s minister"),
        ("&quot;We are ready,&quot; Lavrov said", '"We are ready," Lavrov said'),
        ("Viet&#x20;Nam &amp; Laos", "Viet Nam & Laos"),
        ("R&D, AT&T and Q&A stay", "R&D, AT&T and Q&A stay"),  # no reference: text
        ("&foo; and &copy stay", "&foo; and &copy stay"),  # an unknown name, a reference without its semicolon
        ("&notice; and &ampere; stay", "&notice; and &ampere; stay"),  # no HTML5 name, though "&not" and "&amp" are
        ("no ampersand", "no ampersand"),
    ],
)
def test_character_references_in_plain_text_are_decoded(text: str, expected: str) -> None:
    assert unescape_references(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia will supply vaccines to Laos\nThe ministers agreed to share data", True),
    ("Russia will supply vaccines to Laos. The ministers agreed", False),
    ("Is Russia ready?", False),
    ("version 3.5 of the plan and the U.S.-led talks", True),  # no word ends a sentence there
])
def test_a_text_is_unpunctuated_when_no_word_ends_a_sentence(text: str, expected: bool) -> None:
    assert is_unpunctuated(text) is expected
