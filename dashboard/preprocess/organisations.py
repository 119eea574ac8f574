"""Organisations, forums and funds that the gazetteer does not list, found by the last word of their name.

Real coverage names far more bodies than any list holds: "the Russian Direct Investment Fund (RDIF)", "the
Gamaleya Research Institute", "the Institute for Strategic Studies". A run of capitalised words ending in a
head word of organisations.toml's `unlisted_heads` is such a name (with enough words before the head, or a
capitalised name after it and a join word), and the acronym in brackets after it is its short name. A name
whose words all belong, in order, to one listed name with the same head is that listed entity ("the ASEAN
Centre for Public Health Emergencies" is the ASEAN Centre for Public Health Emergencies and Emerging
Diseases), so a shortened name does not become a second entity; a name that fits two listed ones is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dashboard.preprocess.gazetteer import Entry, Gazetteer, slug
from dashboard.preprocess.textutil import strip_accents

# types whose names a longer unlisted name may swallow: "Russian" in "Russian Direct Investment Fund"
SWALLOWED_TYPES = frozenset({"country", "bloc"})
_WORD = r"[A-Z][\w'’&.-]*[\w]|[A-Z]"  # a capitalised word ("COVID-19", "ASEAN-Russia", "U.S.")
_ACRONYM = re.compile(r"[ \t]*\((?P<acronym>[A-Z][A-Za-z&-]{1,11})\)")  # "(RDIF)" right after the name
_BARE_ACRONYM = re.compile(r"[ \t]+(?P<acronym>[A-Z]{2,12})(?![\w'’&-])")  # "RDIF" after it, punctuation stripped
_WORDS = re.compile(r"[\w'’&.-]+")
_WORD_ONLY = re.compile(_WORD)
_LOOK_BACK = 200  # characters before a head word that may hold its name
_LONGER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]{3,}")  # four letters or more: "of", "to", "the" aside
_HEADLINE_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class UnlistedNames:
    """The compiled rules for one gazetteer."""

    head: re.Pattern[str]  # a head word, whole (its start is checked apart: a look-behind slows the scan)
    after: re.Pattern[str]  # a join word and a capitalised name after a head (group "after")
    cut: re.Pattern[str]  # an after-head join word, where a name ends when an entity's name follows it
    joins: frozenset[str]
    type_of_head: dict[str, str]
    not_first: frozenset[str]
    min_words: int
    # head, lower-cased -> (a listed name's words, the same as a set, its entity's id)
    listed: dict[str, tuple[tuple[tuple[str, ...], frozenset[str], str], ...]]

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> UnlistedNames | None:
        words = gazetteer.unlisted
        if words is None or not words.heads:
            return None
        heads = "|".join(re.escape(h) for h, _ in sorted(words.heads, key=lambda h: len(h[0]), reverse=True))
        joins = "|".join(re.escape(j) for j in sorted(words.joins, key=len, reverse=True)) or "(?!)"
        later_joins = "|".join(re.escape(j) for j in sorted({*words.joins, *words.after_head_joins}, key=len,
                                                             reverse=True))
        name = rf"(?:{_WORD})(?:[ \t]+(?:(?:{later_joins})[ \t]+)?(?:{_WORD}))*"
        head = re.compile(rf"(?:{heads})(?![\w'’&-])")
        after = re.compile(rf"[ \t]+(?:{joins})[ \t]+(?:the[ \t]+)?(?P<after>{name})(?![\w'’&-])")
        cut = re.compile(rf"[ \t]+(?:{'|'.join(map(re.escape, words.after_head_joins)) or '(?!)'})[ \t]+")
        head_types = {h: kind for h, kind in words.heads}
        lowered_heads = {h.lower() for h in head_types}
        listed: dict[str, list[tuple[tuple[str, ...], frozenset[str], str]]] = {}
        for entry in gazetteer.entries:
            if entry.type not in {"organisation", "forum", "fund"}:
                continue
            for alias in sorted({entry.name, *entry.aliases}):
                tokens = tuple(w.lower() for w in _WORDS.findall(strip_accents(alias)))
                for word in lowered_heads.intersection(tokens):
                    listed.setdefault(word, []).append((tokens, frozenset(tokens), entry.entity_id))
        return cls(head=head, after=after, cut=cut, joins=frozenset(words.joins), type_of_head=head_types,
                   not_first=frozenset(words.not_first),
                   min_words=words.min_words, listed={k: tuple(v) for k, v in listed.items()})


def detect_organisations(
    rules: UnlistedNames, text: str, taken: Sequence[tuple[int, int, str]], type_of: Callable[[str], str],
) -> tuple[list[tuple[int, int, str]], dict[str, Entry]]:
    """Unlisted organisations' spans and new entries, and listed ones found by a shortened name.

    `taken` are the spans already found, `type_of` gives their entities' types: a name may swallow a country's or a
    bloc's ("Russian" in "Russian Direct Investment Fund", which gives the fund its country) but never
    overlaps any other entity's name, nor a person's.
    """
    folded = strip_accents(text)
    found: list[tuple[int, int, str]] = []
    entries: dict[str, Entry] = {}
    for match in rules.head.finditer(folded):
        head = match.start()
        if head and (folded[head - 1].isalnum() or folded[head - 1] in "_'’&.-"):
            continue  # inside a word
        if _in_headline_case(folded, head):
            continue  # "The Ministers Thanked The Asian Investment Bank": a headline's words are all capitalised
        start, words = _name_before(rules, folded, head)
        after = rules.after.match(folded, match.end())
        if after is not None and after.group("after").split()[0] in rules.not_first:  # "Association on Tuesday"
            after = None
        end = after.end() if after is not None else match.end()
        if after is not None:  # "the Institute for Strategic Studies and Vietnam": the name ends before "and"
            end = next((join.start() for join in rules.cut.finditer(folded, after.start("after"), end)
                        if any(join.end() <= s < end for s, _e, _i in taken)), end)
        if after is None and words < rules.min_words:
            continue
        end, acronym = _acronym(folded, start, end)
        inside = [(s, e, i) for s, e, i in taken if s < end and start < e]
        if any(type_of(i) not in SWALLOWED_TYPES or not (start <= s and e <= end) or s <= head < e
               for s, e, i in inside):
            continue  # overlaps a listed organisation, a person, a place, or a bloc's whole name
        name = text[start:end]
        listed = _listed_entities(rules, match.group(), folded[start:end])
        if len(listed) > 1:
            continue  # "COVID-19 Response Fund": ASEAN's or the WHO's; neither is sure, nor is a third fund
        entity_id = listed.pop() if listed else None
        if entity_id is None:
            kind = rules.type_of_head[match.group()]
            entity_id = f"{kind}:{slug(name)}"
            countries = {i for s, e, i in inside if type_of(i) == "country"}
            entry = entries.get(entity_id) or Entry(
                entity_id=entity_id, name=name, type=kind, aliases=(name,),
                iso3=countries.pop().removeprefix("country:") if len(countries) == 1 else "")
            if acronym and not entry.exact:  # the acronym may come with a later mention
                entry = replace(entry, exact=(acronym,))
            entries[entity_id] = entry
        found.append((start, end, entity_id))
    return found, entries


def _acronym(folded: str, start: int, end: int) -> tuple[int, str]:
    """Where a name ends and its acronym: in brackets after it ("... Fund (RDIF)"), or bare after it or as its
    last word when its letters are the initials of the name's other words (punctuation stripped: "Russian
    Direct Investment Fund RDIF", "National Institute of Hygiene and Epidemiology NIHE"); "" when none."""
    bracketed = _ACRONYM.match(folded, end)
    if bracketed:
        return end, bracketed.group("acronym")
    words = folded[start:end].split()
    last = words[-1]
    if len(words) > 2 and last.isupper() and last.isalpha() and last == _initials(words[:-1]):
        return start + len(folded[start : end - len(last)].rstrip()), last
    bare = _BARE_ACRONYM.match(folded, end)
    if bare and bare.group("acronym") == _initials(words):
        return end, bare.group("acronym")
    return end, ""


def _initials(words: Sequence[str]) -> str:
    """The first letters of the capitalised words ("National Institute of Hygiene": NIH)."""
    return "".join(word[0] for word in words if word[0].isupper())


def _in_headline_case(folded: str, position: int) -> bool:
    """Whether the line around `position` capitalises all of its words of four letters or more (a headline, a
    menu): there a run of capitalised words is no sign of a name. A sentence full of names and titles still
    has a verb or two in lower case ("Deputy Prime Minister Pham Binh Minh thanked the Gamaleya ...")."""
    line_start = folded.rfind("\n", 0, position) + 1
    line_end = folded.find("\n", position)
    longer = _LONGER_WORD.findall(folded, line_start, line_end if line_end >= 0 else len(folded))
    return len(longer) >= _HEADLINE_MIN_WORDS and not any(word[0].islower() for word in longer)


def _name_before(rules: UnlistedNames, folded: str, head: int) -> tuple[int, int]:
    """Where a name ending in the head word at `head` starts, and how many words it has before the head: the
    capitalised words on the same line right before it, one join word allowed between two of them, back to a
    word that begins sentences, not names ("Meanwhile", "The": "HA NOI The Russian Direct Investment Fund" is
    named from "Russian") or a possessive ("Russia's Direct Investment Fund" is named from "Direct")."""
    words: list[tuple[int, str]] = []  # (start, word), from the head backwards
    joined = False
    position = head
    while position > 0 and folded[position - 1] in " \t" and head - position < _LOOK_BACK:
        end = position - 1
        while end > 0 and folded[end - 1] in " \t":
            end -= 1
        start = max(folded.rfind(" ", 0, end), folded.rfind("\t", 0, end), folded.rfind("\n", 0, end)) + 1
        token = folded[start:end]
        if token in rules.not_first:
            break
        if _WORD_ONLY.fullmatch(token) and not token.endswith(("'s", "’s", "'", "’")):
            words.append((start, token))
            joined = False
        elif token in rules.joins and words and not joined:
            joined = True
        else:
            break
        position = start
    return (words[-1][0], len(words)) if words else (head, 0)


def _listed_entities(rules: UnlistedNames, head: str, name: str) -> set[str]:
    """The listed entities whose names have this head and hold all of `name`'s words in order ("ASEAN Centre
    for Public Health Emergencies": the ASEAN Centre for Public Health Emergencies and Emerging Diseases)."""
    words = tuple(w.lower() for w in _WORDS.findall(name))
    distinct = frozenset(words)
    return {entity_id for tokens, token_set, entity_id in rules.listed.get(head.lower(), ())
            if distinct <= token_set and _in_order(words, tokens)}


def _in_order(words: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """Whether `words` is a subsequence of `tokens`."""
    remaining = iter(tokens)
    return all(word in remaining for word in words)
