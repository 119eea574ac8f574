"""Small text helpers shared by the pipeline steps.

`strip_accents` keeps the length of the text so that offsets found in the folded text are valid in the
original: every step that matches case- or accent-insensitively works on the folded copy and reports
spans of the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPECIAL_FOLDS = {"đ": "d", "Đ": "D", "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "s"}
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


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


def strip_accents(text: str) -> str:
    """Remove diacritics without changing the length: "Việt Nam" -> "Viet Nam"."""
    if text.isascii():
        return text
    return text.translate(_FOLD_TABLE)


def collapse_spaces(text: str) -> str:
    """Collapse runs of spaces and odd blanks inside lines to one space; keep line breaks."""
    text = _MULTI_SPACE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def normalise_quotes(text: str) -> str:
    """Straighten typographic apostrophes for matching (same length)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


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
