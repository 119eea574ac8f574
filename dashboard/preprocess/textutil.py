"""Small text helpers shared by the pipeline steps.

`strip_accents` keeps the length of the text so that offsets found in the folded text are valid in the
original: every step that matches case- or accent-insensitively works on the folded copy and reports
spans of the original.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.entities import html5 as html5_references

_SPECIAL_FOLDS = {"đ": "d", "Đ": "D", "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "s"}
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


# a sentence's end: a text without any is one stripped of its punctuation
_SENTENCE_MARK = re.compile(r"[.!?](?:\s|$)")


def is_unpunctuated(text: str) -> bool:
    """Whether a text was stripped of its punctuation: no word in it ends a sentence."""
    return _SENTENCE_MARK.search(text) is None


# a list item's mark before its words: "1. ", "2) ", "a) ", "(b) ", "iv. ", or a bullet
LIST_ITEM_MARK = re.compile(r"\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[-–—•*·▪●])\s+")

# a post's head in a channel's or a chat's export: a date and a time opening the line ("[17.06.2020 12:05] Channel:",
# "12/07/2020, 09:14 - Name:")
POST_HEAD = re.compile(r"[\[(]?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ T]+\d{1,2}:\d{2}(?::\d{2})?\b")
# a turn's label: a name or role, after a video's timestamp ("[00:01:52] ") and before a note ("(interpreted)")
TURN_LABEL = re.compile(r"^(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+)?"
                         r"(?P<name>[A-Z][A-Z.'’ -]{1,40}|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
                         r"(?:[ \t]*\([^()\n]{1,40}\))?:\s", re.MULTILINE)

# a character reference with its semicolon: "&quot;", "&#8217;", "&#x2019;" (a bare "&" or "R&D" is text)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_references(text: str) -> str:
    """HTML character references left in plain text decoded ("Indonesia&#8217;s" -> "Indonesia’s"): news-API
    exports and pages saved as text carry them, and a name or quote mark written so is not read. Unknown
    names ("&foo;") stay as they are."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(_decoded_reference, text)


def _decoded_reference(match: re.Match[str]) -> str:
    """One reference decoded: a number, or a name HTML5 defines with its semicolon ("&notice;" is no "&not;")."""
    reference = match.group()
    if reference[1] != "#" and reference[1:] not in html5_references:
        return reference
    return html.unescape(reference)


class _FoldTable(dict):
    """str.translate table that maps each accented character to its base letter, one to one."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char in _SPECIAL_FOLDS:
            base = _SPECIAL_FOLDS[char]
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0] if decomposed and not unicodedata.combining(decomposed[0]) else char
        if unicodedata.combining(char):
            base = char  # a stray combining mark stays: removing it would shift offsets
        self[code] = ord(base)
        return self[code]


_FOLD_TABLE = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LONG_TEXT = 256  # characters: a text this long is folded once and remembered (every step folds an article)


def strip_accents(text: str) -> str:
    """Remove diacritics without changing the length: "Việt Nam" -> "Viet Nam"."""
    if text.isascii():
        return text
    if len(text) < _LONG_TEXT:
        return text.translate(_FOLD_TABLE)
    return _fold_long(text)


@lru_cache(maxsize=4)
def _fold_long(text: str) -> str:
    """A long text folded, only its non-ASCII runs translated (3x faster than the whole text)."""
    return _NON_ASCII.sub(_fold_run, text)


def _fold_run(match: re.Match[str]) -> str:
    """One run of non-ASCII characters folded (the table maps each to one character)."""
    return match.group().translate(_FOLD_TABLE)


_SPACES = re.compile(r"\s+")


def after_spaces(text: str, at: int) -> int:
    """Where the spaces at `at` end (`at` itself when there are none)."""
    spaces = _SPACES.match(text, at)
    return spaces.end() if spaces else at


def collapse_spaces(text: str) -> str:
    """Collapse runs of spaces and odd blanks inside lines to one space; keep line breaks."""
    if not text.isascii() or "  " in text or "\t" in text:  # else nothing to collapse: no regex scan
        text = _MULTI_SPACE.sub(" ", text)
    return "\n".join([line.strip() for line in text.split("\n")])


_ASCII_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) == "_") else ord(" ") for c in range(256))
_ASCII_NON_WORDS_SPACED = _ASCII_WORD_BYTES[:128] + bytes(range(128, 256))  # bytes from 0x80 kept
_ASCII_BYTES = bytes(range(128))
MAX_REPLACED = 16  # distinct non-ASCII non-word characters replaced one by one; with more, a regex is cheaper
_WORD_RUN = re.compile(r"\w+")


def spaced_non_words(text: str, ascii_spaced: bytes) -> tuple[str, list[str]] | None:
    r"""The text with every character that is not a word's made a space, and its distinct non-ASCII word
    characters (str.isalnum); None when more than MAX_REPLACED non-ASCII characters are not a word's.

    `ascii_spaced` is a bytes.translate table saying which ASCII characters are a word's (regex \w keeps
    "_", [^\W_] does not) and leaving every byte from 0x80 on as it is: the ASCII ones are made spaces in
    the UTF-8 bytes at once, the non-ASCII ones (curly quotes, dashes, no-break spaces) one replace each,
    each a pass over the text. The distinct non-ASCII characters are found by deleting the ASCII bytes
    (what is left of UTF-8 once whole ASCII characters go is still UTF-8). The text keeps its length.
    """
    raw = text.encode("utf-8", "surrogatepass")
    others = set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    separators = [char for char in others if not char.isalnum()]
    if len(separators) > MAX_REPLACED:
        return None
    spaced = raw.translate(ascii_spaced).decode("utf-8", "surrogatepass")
    for char in separators:
        spaced = spaced.replace(char, " ")
    return spaced, [char for char in others if char.isalnum()]


def count_words(text: str) -> int:
    r"""How many \w+ runs a text holds, as len(re.findall(r"\w+", text)) counts them.

    Counted without building the words, 4-5 times faster than the regex (every article's length is
    counted): every character that is not a word's becomes a space (regex \w is str.isalnum() or "_") and
    the runs are split off in C.
    """
    if text.isascii():
        return len(text.encode("ascii").translate(_ASCII_WORD_BYTES).split())
    found = spaced_non_words(text, _ASCII_NON_WORDS_SPACED)
    return len(found[0].split()) if found is not None else len(_WORD_RUN.findall(text))


SMALL_WORDS = frozenset({"of", "and", "to", "in", "the", "for", "on", "at"})  # lower case inside a name


def headline_case(text: str) -> str:
    """Each lower-case word capitalised but the small ones after the first; other words as written
    ("ambassador to the Philippines" -> "Ambassador to the Philippines")."""
    return " ".join(w if not w.islower() or (i and w in SMALL_WORDS) else w[:1].upper() + w[1:]
                    for i, w in enumerate(text.split()))


def normalise_quotes(text: str) -> str:
    """Straighten typographic apostrophes for matching (same length)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def whole_phrases(phrases: Iterable[str]) -> str:
    """Regex source matching any of `phrases` as whole words (phrase_alternation, not inside a longer word);
    meant for case-insensitive use."""
    return rf"(?<!\w)(?:{phrase_alternation(phrases)})(?!\w)"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Regex source matching any of `phrases` (each space as `\\s+`), longest first, as a character trie.

    Equivalent to "|".join of the escaped phrases sorted longest first, but a trie fails on the first
    character that no phrase continues with, instead of trying every phrase at every position of a
    text: what makes a vocabulary of titles cheap to look for. Characters are lower-cased where that
    keeps one character (the pattern is meant for case-insensitive use, where "Thủ" and "thủ" must share a
    branch); "(?!)" when there are none.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase.strip():
            continue
        node = trie
        for char in (c.lower() if len(c.lower()) == 1 else c for c in phrase):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_source(trie) if trie else "(?!)"


def _trie_source(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_source(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase ends here: a longer one is tried first (greedy), then this one
        return f"(?:{body})?"
    return body


# ---------------------------------------------------------------------------------------------- word prefilters


class _CaseFold(dict):
    """str.translate table folding each character the way regex IGNORECASE compares it, one to one.

    A character becomes its simple lower case, then the one representative of the characters the regex
    engine also treats as equal ("ı" and "i", "ſ" and "s"), the ASCII one where there is one. Folded
    this way, a word found by a case-insensitive regex is also found by `in` on folded text.
    """

    def __init__(self) -> None:
        super().__init__()
        self.same: dict[str, str] = {}
        try:
            from re._casefix import _EXTRA_CASES  # the engine's own list of extra equivalences
        except ImportError:  # pragma: no cover - a Python without it: the plain lower case
            _EXTRA_CASES = {}
        for code, others in _EXTRA_CASES.items():
            group = sorted({chr(code), *map(chr, others)}, key=lambda c: (not c.isascii(), c))
            for char in group:
                self.same[char] = min(self.same.get(char, group[0]), group[0], key=lambda c: (not c.isascii(), c))

    def __missing__(self, code: int) -> int:
        lower = "i" if code == 0x130 else chr(code).lower()  # "İ": the only multi-character lower case
        char = lower if len(lower) == 1 else chr(code)
        self[code] = ord(self.same.get(char, char))
        return self[code]


_CASE_FOLD = _CaseFold()


def case_fold(text: str) -> str:
    """The text folded for case-insensitive word search (same length); ASCII only needs lower()."""
    return text.lower() if text.isascii() else text.translate(_CASE_FOLD)


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of several requirements a text must all meet: the one whose shortest word is longest."""
    usable = [r for r in requirements if r]
    return max(usable, key=lambda r: (min(map(len, r)), -len(r))) if usable else None


def _required_words(items: object, ignore_case: bool) -> frozenset[str] | None:
    """Words (any one of them) every match of a parsed regex sequence contains, or None if none is known.

    Only what a match must consume counts: runs of literal characters, groups, alternatives (each must
    name some word) and repeats of at least one; lookarounds, classes and optional parts add nothing.
    A group that turns case-insensitivity on inside a case-sensitive pattern ("(?i:usd)") adds nothing
    either: its words would have to be looked for case-folded, the others as written.
    """
    import re._constants as c  # the parser's own vocabulary; see required_words for the fallback

    found: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        inner: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if ignore_case or not add_flags & re.IGNORECASE:
                inner = _required_words(body, ignore_case)
        elif op is c.ATOMIC_GROUP:
            inner = _required_words(av, ignore_case)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required_words(av[2], ignore_case)
        elif op is c.BRANCH:
            alternatives = [_required_words(branch, ignore_case) for branch in av[1]]
            if all(alternatives):
                inner = frozenset().union(*alternatives)  # type: ignore[arg-type]
        if inner:
            found.append(inner)
    close_run()
    return _best(found)


def required_words(pattern: re.Pattern[str], *, min_chars: int = 1) -> tuple[str, ...]:
    """Words every match of `pattern` contains one of (case-folded when it ignores case); () if none is known.

    Looking for a few words (each of at least `min_chars`) in a folded text is many times faster than
    trying a pattern full of alternatives and `.*` at every position of it; a text without any of them
    cannot match. Read off the private regex parser: should that change, the answer is () and the
    pattern is simply tried.
    """
    try:
        parsed = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
        words = _required_words(parsed, bool(pattern.flags & re.IGNORECASE))
    except Exception:
        return ()
    if not words or min(map(len, words)) < min_chars:
        return ()
    folded = {case_fold(w) for w in words} if pattern.flags & re.IGNORECASE else set(words)
    needed = {w for w in folded if not any(other != w and other in w for other in folded)}  # "us$" holds "$"
    return tuple(sorted(needed, key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class Needles:
    """Words one of which every match of a pattern holds: where none of them occurs, the pattern need not
    be tried. No words: nothing is known, every text may match."""

    words: tuple[str, ...] = ()
    fold: bool = False  # look for them in the case-folded text (the pattern ignores case, a word has case)

    @classmethod
    def of(cls, pattern: re.Pattern[str], *, min_chars: int = 1) -> Needles:
        words = required_words(pattern, min_chars=min_chars)
        return cls(words, bool(pattern.flags & re.IGNORECASE) and any(w != w.upper() for w in words))

    @classmethod
    def union(cls, needles: Sequence[Needles]) -> Needles:
        """Words for several patterns tried as one: a text must hold one of any of them."""
        return cls(tuple(dict.fromkeys(w for n in needles for w in n.words)), any(n.fold for n in needles))

    def may_match(self, text: str) -> bool:
        """False only when the text holds none of the words (and so the pattern cannot match)."""
        if not self.words:
            return True
        folded = case_fold(text) if self.fold else text
        return any(map(folded.__contains__, self.words))  # `word in folded` for each, in C

    def __bool__(self) -> bool:
        return bool(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words
