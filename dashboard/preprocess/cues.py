"""Compile the cue mini-language of the vocabulary files into regular expressions.

A cue is a short phrase: `vaccin*` (prefix), `rules-based` (with or without hyphen or space),
`a ~3 b` (up to three words between), `(x|y)` (alternatives). Cues are matched case- and
accent-insensitively on whole words; the syntax is documented in dashboard/vocab/taxonomy.toml.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import TypeVar

import numpy as np

from dashboard.preprocess.textutil import Needles, spaced_non_words

_SEP = r"[\W_]+"
# within `a ~3 b`: no sentence's end ("... new announcement. Japan has promised doses") nor a line's (a line ends
# its sentence: "Russia will provide test kits" / "The ministers agreed to share information" in stripped text),
# as a character class (an alternation here made every cue with a gap several times slower); a gap's word may
# hold dots ("3.3 billion")
_GAP_SEP = r"[^\w.!?;\n]+"
_GAP_WORD = r"\w(?:[\w.]*\w)?"
_PART = re.compile(r"\([^)]*\)|~\d+|[^\s()]+")


class CueError(ValueError):
    """A cue that cannot be compiled; the message names the cue."""


def _word(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        char = word[i]
        if char == "*":
            out.append(r"\w*")
        elif char == "-":
            out.append(r"[\W_]*")
        elif char == "[":
            end = word.find("]", i)
            if end < 0:
                raise CueError(f"unclosed [ in {word!r}")
            out.append(word[i : end + 1])
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def cue_pattern(cue: str) -> str:
    """Regex source for one cue (without flags); raises CueError on bad syntax."""
    parts = _PART.findall(cue.strip().lower())
    if not parts or parts[0].startswith("~") or parts[-1].startswith("~"):
        raise CueError(f"empty cue or cue starting/ending with ~N: {cue!r}")
    pieces: list[str] = []
    gap_next = ""
    for part in parts:
        if part.startswith(("?", "+", "{")):  # "(the)?": regex, not cue syntax; a gap is "~1"
            raise CueError(f"{part[0]!r} after a word or group is regex syntax, not a cue's (use ~1 for an optional "
                           f"word): {cue!r}")
        if part.startswith("~"):
            gap_next = rf"(?:{_GAP_SEP}{_GAP_WORD}){{0,{int(part[1:])}}}"
            continue
        if part.startswith("("):
            alternatives = [a.strip() for a in part[1:-1].split("|") if a.strip()]
            if not alternatives:
                raise CueError(f"empty alternative in {cue!r}")
            body = "(?:" + "|".join(_SEP.join(_word(w) for w in a.split()) for a in alternatives) + ")"
        else:
            body = _word(part)
        if pieces:
            pieces.append(gap_next + (_GAP_SEP if gap_next else _SEP))
        pieces.append(body)
        gap_next = ""
    source = "".join(pieces)
    first, last = cue.strip()[0], cue.strip().rstrip("*")[-1]
    left = r"(?<!\w)" if (first.isalnum() or first == "(") else ""
    right = r"(?!\w)" if (last.isalnum() or last in ")]") and not cue.strip().endswith("*") else ""
    return left + source + right


_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_KEY_STOP = re.compile(r"[*\-\[\]~]")


@dataclass(frozen=True, slots=True)
class TextWords:
    """A text's words ([^\\W_]+ runs) lower-cased, with their start offsets, in order: what the cue sets
    look words up in, and where people's titles are tried."""

    starts: list[int]
    words: list[str]


_INDEX_CACHE: dict[str, TextWords] = {}
_INDEX_LOCK = threading.Lock()


def text_words(text: str) -> TextWords:
    """Start offsets and lower-cased words of a text (cached for the last few texts: every cue set reuses it)."""
    index = _INDEX_CACHE.get(text)
    if index is None:
        if text.isascii() and len(text) >= _ARRAY_SPLIT_CHARS:
            index = _ascii_words(text)
        elif text.isascii():  # lower case keeps the length of ASCII: split the lowered text once
            parts = _TOKEN_SPLIT.split(text.lower())  # separator, word, separator, ..., separator: all in C
            index = TextWords(list(accumulate(map(len, parts)))[0:-1:2], parts[1::2])
        else:
            index = (_unicode_words(text) if len(text) >= _ARRAY_SPLIT_CHARS else None) or _regex_words(text)
        _remember(text, index)
    return index


def _regex_words(text: str) -> TextWords:
    parts = _TOKEN_SPLIT.split(text)
    return TextWords(list(accumulate(map(len, parts)))[0:-1:2], _lowered(parts[1::2]))


def _lowered(words: list[str]) -> list[str]:
    """Each word lower-cased (one call for all: words hold no NUL), however lower case changes its length."""
    return "\0".join(words).lower().split("\0") if words else []


_ARRAY_SPLIT_CHARS = 256  # from here on an ASCII text is split with arrays (fixed costs of ~20 µs, then faster)
_ASCII_ALNUM = np.array([chr(c).isalnum() for c in range(128)], dtype=np.int8)  # ASCII [^\W_]
_ASCII_NOT_ALNUM = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def _ascii_words(text: str) -> TextWords:
    """text_words of an ASCII text: the words are the runs left when every other character becomes a space,
    and they start where a letter or digit follows something else (a regex split is 2-3 times slower)."""
    lowered = text.lower()
    is_word = _ASCII_ALNUM[np.frombuffer(lowered.encode("ascii"), dtype=np.uint8)]
    return TextWords(_run_starts(is_word), lowered.translate(_ASCII_NOT_ALNUM).split())


_ASCII_SEPARATORS_SPACED = bytes(c if c >= 128 or chr(c).isalnum() else ord(" ") for c in range(256))
_MAX_LETTERS = 40  # distinct non-ASCII letters and digits _unicode_words replaces (a pass over the text each)


def _unicode_words(text: str) -> TextWords | None:
    """text_words of a text with non-ASCII characters (curly quotes, dashes, accented names), without the
    regex (which takes twice as long): every character that is not a letter or digit becomes a space
    (textutil.spaced_non_words), so the words are what split() leaves; their offsets come from that text
    with its non-ASCII letters and digits made "a" (ASCII, the same length). None when the text holds too
    many distinct non-ASCII characters to replace one by one.
    """
    found = spaced_non_words(text, _ASCII_SEPARATORS_SPACED)
    if found is None or len(found[1]) > _MAX_LETTERS:
        return None
    spaced, letters = found
    proxy = spaced
    for char in letters:
        proxy = proxy.replace(char, "a")
    is_word = np.frombuffer(proxy.encode("ascii"), dtype=np.uint8) != ord(" ")
    return TextWords(_run_starts(is_word), _lowered(spaced.split()))


def _run_starts(is_word: np.ndarray) -> list[int]:
    """Where each run of True (a word) starts in a per-character array."""
    return np.flatnonzero(np.diff(is_word.view(np.int8), prepend=np.int8(0)) == 1).tolist()


def blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with every (start, end) span replaced by spaces (the same length), its word index worked out
    from `text`'s and remembered for the cue sets: only the words the spans touch are split again."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    if not merged:
        return text
    pieces, cursor = [], 0
    for start, end in merged:
        pieces += [text[cursor:start], " " * (end - start)]
        cursor = end
    blanked = "".join([*pieces, text[cursor:]])
    if text.isascii() and blanked not in _INDEX_CACHE:  # ASCII: a lowered word is as long as the word
        _remember(blanked, _blanked_words(text_words(text), blanked, merged))
    return blanked


def _blanked_words(index: TextWords, blanked: str, merged: Sequence[Sequence[int]]) -> TextWords:
    """The word index of `blanked` from that of the text it blanks: words clear of the spans are kept, the
    stretch of each span and the words it touches is split again."""
    starts, words = index.starts, index.words
    new_starts: list[int] = []
    new_words: list[str] = []
    k, done = 0, 0  # the next word of the text; where the text has been indexed up to
    for start, end in merged:
        while k < len(starts) and starts[k] + len(words[k]) <= start:
            new_starts.append(starts[k])
            new_words.append(words[k])
            k += 1
        lo, hi = max(start, done), end
        if k < len(starts) and starts[k] < end:
            lo = max(min(lo, starts[k]), done)
        while k < len(starts) and starts[k] < end:
            hi = max(hi, starts[k] + len(words[k]))
            k += 1
        for match in _TOKEN_SPLIT.finditer(blanked, lo, hi):
            new_starts.append(match.start())
            new_words.append(match.group().lower())
        done = max(done, hi)
    new_starts += starts[k:]
    new_words += words[k:]
    return TextWords(new_starts, new_words)


def _remember(text: str, index: TextWords) -> None:
    """Keep a text's word index among the last few (the dashboard may process uploads in two threads)."""
    with _INDEX_LOCK:
        if len(_INDEX_CACHE) >= 4:
            _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
        _INDEX_CACHE[text] = index


def _first_keys(cue: str) -> list[tuple[str, bool]] | None:
    """(key, exact) pairs a word must equal (exact) or start with for the cue to start there; None = any word."""
    first = _PART.findall(cue.strip().lower())[0]
    options = [a.strip().split()[0] for a in first[1:-1].split("|") if a.strip()] if first.startswith("(") else [first]
    keys = []
    for option in options:
        cut = _KEY_STOP.search(option)
        key = option[: cut.start()] if cut else option
        if not key or not key.isalnum():
            return None
        keys.append((key, cut is None))
    return keys


class CueSet:
    """Cues compiled for speed: a word index finds where a cue can start, a small regex checks there.

    Behaves like a compiled regex for `finditer` and `search` (with pos/endpos), yielding re.Match
    objects; matches do not overlap and the longest cue wins at a position.
    """

    def __init__(self, cues: Sequence[str], source: str = "") -> None:
        by_key: dict[tuple[str, bool], list[str]] = defaultdict(list)
        anywhere: list[str] = []
        for cue in sorted(set(cues), key=len, reverse=True):
            try:
                pattern = cue_pattern(cue)
            except CueError as exc:
                raise CueError(f"{source}: bad cue {cue!r}: {exc}") from exc
            keys = _first_keys(cue)
            if keys is None:
                anywhere.append(pattern)
            else:
                for key in keys:
                    by_key[key].append(pattern)
        try:
            self._exact = {k: self._compile(v) for (k, exact), v in by_key.items() if exact}
            self._prefix = {k: self._compile(v) for (k, exact), v in by_key.items() if not exact}
            self._anywhere = self._compile(anywhere) if anywhere else None
            self.pattern = self._compile([cue_pattern(c) for c in sorted(set(cues), key=len, reverse=True)])
        except re.error as exc:
            raise CueError(f"{source}: bad cue: {exc}") from exc
        self._prefix_lengths = sorted({len(k) for k in self._prefix})
        self._anywhere_needles = Needles.of(self._anywhere) if self._anywhere is not None else Needles()
        self._by_word: _ByWord[tuple[re.Pattern[str], ...]] = _ByWord(self._work_out_patterns)

    @staticmethod
    def _compile(patterns: Sequence[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    def _work_out_patterns(self, word: str) -> tuple[re.Pattern[str], ...]:
        out = [self._exact[word]] if word in self._exact else []
        out += [self._prefix[word[:n]] for n in self._prefix_lengths if n <= len(word) and word[:n] in self._prefix]
        return tuple(out)

    def _candidates(self, text: str, pos: int, endpos: int) -> list[tuple[int, re.Pattern[str]]]:
        # a window's few words: a plain loop costs less than setting up _words_with_patterns' map and filter
        index = text_words(text)
        lo, hi = bisect_left(index.starts, pos), bisect_left(index.starts, endpos)
        by_word = self._by_word
        out = []
        for start, word in zip(index.starts[lo:hi], index.words[lo:hi], strict=True):
            for pattern in by_word[word]:
                out.append((start, pattern))
        return self.with_anywhere(text, out, pos, endpos)

    def with_anywhere(self, text: str, candidates: list[tuple[int, re.Pattern[str]]], pos: int,
                      endpos: int) -> list[tuple[int, re.Pattern[str]]]:
        """Candidates plus the starts of cues that can begin at any word, in text order."""
        if self._anywhere is None:
            return candidates
        if not self._anywhere_needles.may_match(text[max(pos, 0):endpos]):  # no word these cues need ("$")
            return candidates
        candidates = candidates + [(m.start(), self._anywhere) for m in self._anywhere.finditer(text, pos, endpos)]
        candidates.sort(key=lambda item: item[0])
        return candidates

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        endpos = len(text) if endpos is None else endpos
        return _select(text, self._candidates(text, pos, endpos), pos, endpos)

    def over(self, text: str) -> SetOverText:
        """The set's candidates in the whole text, for search and finditer in many windows of it."""
        return SetOverText(self, text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match of finditer, found word by word and stopping there (no candidate list)."""
        endpos = len(text) if endpos is None else endpos
        if self._anywhere is not None:
            return next(self.finditer(text, pos, endpos), None)
        index = text_words(text)
        starts, words, by_word = index.starts, index.words, self._by_word
        lo, hi = bisect_left(starts, pos), bisect_left(starts, endpos)
        return _first_match(text, ((starts[k], by_word[words[k]]) for k in range(lo, hi)), endpos)


def _first_match(text: str, candidates: Iterable[tuple[int, tuple[re.Pattern[str], ...]]],
                 endpos: int) -> re.Match[str] | None:
    """The longest match at the first candidate word where one starts (what _select yields first)."""
    for start, patterns in candidates:
        best: re.Match[str] | None = None
        for pattern in patterns:
            match = pattern.match(text, start, endpos)
            if match and match.end() > match.start() and (best is None or match.end() > best.end()):
                best = match
        if best is not None:
            return best
    return None


_Patterns = TypeVar("_Patterns", bound=tuple)


class _ByWord(dict[str, _Patterns]):
    """Word -> the patterns that may match there, worked out the first time a word is looked up and kept
    (up to a bound: the vocabulary of a corpus is small). Looked up with `map`, a text's words are all
    found without a Python-level loop."""

    def __init__(self, work_out: Callable[[str], _Patterns], limit: int = 200_000) -> None:
        super().__init__()
        self._work_out = work_out
        self._limit = limit

    def __missing__(self, word: str) -> _Patterns:
        found = self._work_out(word)
        if len(self) < self._limit:
            self[word] = found
        return found


def _words_with_patterns(text: str, pos: int, endpos: int,
                         by_word: _ByWord[_Patterns]) -> Iterator[tuple[int, _Patterns]]:
    """(start, patterns) of the words starting in text[pos:endpos] that have any patterns, in order.

    Most words have none: the lookups and the skipping run in C (`map`, `filter`); only the few words
    with patterns reach Python code.
    """
    index = text_words(text)
    lo, hi = bisect_left(index.starts, pos), bisect_left(index.starts, endpos)
    found = map(by_word.__getitem__, index.words[lo:hi])
    return filter(itemgetter(1), zip(index.starts[lo:hi], found, strict=True))


class SetOverText:
    """A CueSet's candidate words in one text, found once: `search` and `finditer` in a window then give
    what the set's own search(text, pos, endpos) and finditer(text, pos, endpos) give, without a pass over
    the window's words (an article asks for the first anchor verb of every statement)."""

    def __init__(self, cues: CueSet, text: str) -> None:
        self._cues, self._text = cues, text
        self._found = list(_words_with_patterns(text, 0, len(text), cues._by_word))
        self._starts = [start for start, _patterns in self._found]

    def _window(self, pos: int, endpos: int) -> list[tuple[int, tuple[re.Pattern[str], ...]]]:
        return self._found[bisect_left(self._starts, pos) : bisect_left(self._starts, endpos)]

    def finditer(self, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        candidates = [(start, pattern) for start, patterns in self._window(pos, endpos) for pattern in patterns]
        return _select(self._text, self._cues.with_anywhere(self._text, candidates, pos, endpos), pos, endpos)

    def search(self, pos: int, endpos: int) -> re.Match[str] | None:
        if self._cues._anywhere is not None:
            return next(self.finditer(pos, endpos), None)
        return _first_match(self._text, self._window(pos, endpos), endpos)


def _select(text: str, candidates: Sequence[tuple[int, re.Pattern[str]]], pos: int,
            endpos: int) -> Iterator[re.Match[str]]:
    """Matches at the candidate starts, in order: no overlaps, the longest match wins at a start."""
    last_end = pos
    best: re.Match[str] | None = None
    for start, pattern in candidates:
        if start < last_end:
            continue
        if best is not None and start > best.start():
            yield best
            last_end = best.end()
            best = None
            if start < last_end:
                continue
        match = pattern.match(text, start, endpos)
        if match and match.end() > match.start() and (best is None or match.end() > best.end()):
            best = match
    if best is not None:
        yield best


class CueBank:
    """Several cue sets matched over one text in a single pass over its words.

    A taxonomy has dozens of cue lists; looking each word up once for all of them, instead of once per
    list, is what keeps classification fast. `spans(text)` gives what each set's finditer would give.
    """

    def __init__(self, sets: Sequence[CueSet | None]) -> None:
        self._sets = list(sets)
        self._by_word: _ByWord[tuple[tuple[int, re.Pattern[str]], ...]] = _ByWord(self._work_out_patterns)

    def _work_out_patterns(self, word: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        return tuple((k, pattern) for k, cue_set in enumerate(self._sets) if cue_set is not None
                     for pattern in cue_set._by_word[word])

    def spans(self, text: str, pos: int = 0, endpos: int | None = None) -> list[list[tuple[int, int]]]:
        """For each set (in order), the (start, end) of its non-overlapping matches in text[pos:endpos]
        (what its finditer(text, pos, endpos) gives)."""
        endpos = len(text) if endpos is None else endpos
        return self._spans_of(text, self._candidates(text, pos, endpos), pos, endpos)

    def _candidates(self, text: str, pos: int, endpos: int) -> list[list[tuple[int, re.Pattern[str]]]]:
        """Per set, the (word start, pattern) pairs to try in text[pos:endpos], in text order."""
        candidates: list[list[tuple[int, re.Pattern[str]]]] = [[] for _ in self._sets]
        for start, found in _words_with_patterns(text, pos, endpos, self._by_word):
            for k, pattern in found:
                candidates[k].append((start, pattern))
        return candidates

    def _spans_of(self, text: str, candidates: Sequence[list[tuple[int, re.Pattern[str]]]], pos: int,
                  endpos: int) -> list[list[tuple[int, int]]]:
        out: list[list[tuple[int, int]]] = []
        for cue_set, found in zip(self._sets, candidates, strict=True):
            if cue_set is None or (not found and cue_set._anywhere is None):  # nothing can match
                out.append([])
                continue
            found = cue_set.with_anywhere(text, found, pos, endpos)
            out.append([m.span() for m in _select(text, found, pos, endpos)])
        return out

    def over(self, text: str) -> BankOverText:
        """The bank's candidates in the whole text, for `spans` in many windows of it (one pass over the words)."""
        found = [(start, k, pattern) for start, patterns in _words_with_patterns(text, 0, len(text), self._by_word)
                 for k, pattern in patterns]
        return BankOverText(self, text, found)


class BankOverText:
    """A CueBank's candidate words in one text, found once: each window's `spans` then only slices them
    (what the bank's own spans(text, pos, endpos) gives: the words starting in the window)."""

    def __init__(self, bank: CueBank, text: str, found: list[tuple[int, int, re.Pattern[str]]]) -> None:
        self._bank, self._text, self._found = bank, text, found  # (start, set, pattern) in text order
        self._starts = [start for start, _k, _pattern in found]
        self._anywhere = any(s is not None and s._anywhere is not None for s in bank._sets)

    def spans(self, pos: int, endpos: int) -> list[list[tuple[int, int]]]:
        """For each set, what bank.spans(text, pos, endpos) gives."""
        lo, hi = bisect_left(self._starts, pos), bisect_left(self._starts, endpos)
        if lo == hi and not self._anywhere:  # most windows: no candidate at all
            return [[] for _ in self._bank._sets]
        window: list[list[tuple[int, re.Pattern[str]]]] = [[] for _ in self._bank._sets]
        for start, k, pattern in self._found[lo:hi]:
            window[k].append((start, pattern))
        return self._bank._spans_of(self._text, window, pos, endpos)


def compile_cues(cues: Sequence[str], *, source: str = "") -> CueSet | None:
    """All cues of one list as a CueSet (longest first), or None when there are none."""
    if not cues:
        return None
    return CueSet(cues, source)


def as_list(value: object, *, field: str, source: str) -> list[str]:
    """Validate a list-of-strings field from a vocabulary file."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CueError(f"{source}: {field} must be a list of strings")
    return list(value)
