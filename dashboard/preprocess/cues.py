"""Compile the cue mini-language of the vocabulary files into regular expressions.

A cue is a short phrase: `vaccin*` (prefix), `rules-based` (with or without hyphen or space),
`a ~3 b` (up to three words between), `(x|y)` (alternatives). Cues are matched case- and
accent-insensitively on whole words; the syntax is documented in dashboard/vocab/taxonomy.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SEP = r"[\W_]+"
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
        if part.startswith("~"):
            gap_next = rf"(?:{_SEP}\w+){{0,{int(part[1:])}}}"
            continue
        if part.startswith("("):
            alternatives = [a.strip() for a in part[1:-1].split("|") if a.strip()]
            if not alternatives:
                raise CueError(f"empty alternative in {cue!r}")
            body = "(?:" + "|".join(_SEP.join(_word(w) for w in a.split()) for a in alternatives) + ")"
        else:
            body = _word(part)
        if pieces:
            pieces.append(gap_next + _SEP)
        pieces.append(body)
        gap_next = ""
    source = "".join(pieces)
    first, last = cue.strip()[0], cue.strip().rstrip("*")[-1]
    left = r"(?<!\w)" if (first.isalnum() or first == "(") else ""
    right = r"(?!\w)" if (last.isalnum() or last in ")]") and not cue.strip().endswith("*") else ""
    return left + source + right


def compile_cues(cues: Sequence[str], *, source: str = "") -> re.Pattern[str] | None:
    """One alternation regex over several cues (longest first), or None when there are none."""
    if not cues:
        return None
    patterns = []
    for cue in sorted(set(cues), key=len, reverse=True):
        try:
            patterns.append(cue_pattern(cue))
        except (CueError, re.error) as exc:
            raise CueError(f"{source}: bad cue {cue!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def find_cues(pattern: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """Spans of all non-overlapping cue matches in `text`."""
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def any_cue(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def as_list(value: object, *, field: str, source: str) -> list[str]:
    """Validate a list-of-strings field from a vocabulary file."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CueError(f"{source}: {field} must be a list of strings")
    return list(value)


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Keep the first occurrence of each item, in order."""
    return tuple(dict.fromkeys(items))
