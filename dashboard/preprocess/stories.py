"""Keep a press briefing's answers about the meeting.

A ministry's briefing answers a dozen outlets' questions on a dozen subjects. The analyst saved it for one
meeting; the other answers' people, countries and statements ("We urge Japan to learn from history") are
not that meeting's. A briefing splits into items at its journalists' questions, when several outlets ask
("Reuters: ...?", "Question (Xinhua): ...?"). The main item names the most blocs and organisations (the
meeting's parties). An item is kept when it names one of the main item's entities that is not named in
most items (those are the briefing government's own country and spokesperson), or one of its blocs and
organisations; or when it names no entity a reader could judge it by. An interview (one interviewer, "Q:")
and a story under headings (a round-up of each leader's remarks) are left whole: their parts are one story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from dashboard.preprocess.records import Article, Mention
from dashboard.preprocess.textutil import TURN_LABEL

_PARTY_TYPES = frozenset({"bloc", "organisation", "forum", "fund"})
_MIN_QUESTIONS = 2  # questions before a document counts as a briefing
_MIN_ASKERS = 2  # outlets asking: one interviewer's questions are one story


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One item of a document: its span in `Article.text` and how often its mentions name each entity."""

    start: int
    end: int
    named: Counter[str]  # entity id -> mentions in the item
    parties: int  # mentions of blocs, organisations, forums and funds


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) of each non-empty line."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line.strip()))
        offset += len(line) + 1
    return out


def question_starts(lines: Sequence[tuple[int, str]]) -> list[int]:
    """Where a briefing's questions start: a labelled turn holding a question mark ("Reuters: ... Did the
    leaders discuss this?", "Question (Xinhua): ...?") whose label is not the answerer's (one whose turns
    are mostly not questions), when at least two outlets ask (an interview's "Q:" is one interviewer)."""
    turns = [(start, match, "?" in line) for start, line in lines if (match := TURN_LABEL.match(line))]
    asked = Counter(match.group("name").strip() for _s, match, question in turns if question)
    said = Counter(match.group("name").strip() for _s, match, question in turns if not question)
    questions = [(start, match.group(0).strip()) for start, match, question in turns
                 if question and asked[match.group("name").strip()] > said[match.group("name").strip()]]
    askers = {re.sub(r"\s+", " ", label) for _start, label in questions}
    if len(questions) < _MIN_QUESTIONS or len(askers) < _MIN_ASKERS:
        return []
    return [start for start, _label in questions]


def story_items(text: str, starts: Sequence[int], mentions: Sequence[Mention],
                types: Mapping[str, str]) -> list[StoryItem]:
    """The document cut at `starts`, each piece with the entities mentioned in it."""
    bounds = [0, *(s for s in starts if 0 < s < len(text)), len(text)]
    items: list[StoryItem] = []
    for lo, hi in pairwise(bounds):
        named = Counter(m.entity_id for m in mentions if lo <= m.start < hi)
        items.append(StoryItem(lo, hi, named, sum(n for entity, n in named.items()
                                                  if types.get(entity, "person") in _PARTY_TYPES)))
    return items


def main_story(items: Sequence[StoryItem], types: Mapping[str, str]) -> list[bool]:
    """Which items to keep: the main item (the most mentions of blocs and organisations, then of entities,
    then the earliest), and every item naming one of its entities not named in most items, or one of its
    blocs and organisations, or no entity outside most items."""
    if len(items) < 2:
        return [True] * len(items)
    named_in = Counter(entity for item in items for entity in item.named)
    everywhere = {entity for entity, count in named_in.items() if count >= 3 and 2 * count > len(items)}
    main = max(range(len(items)), key=lambda i: (items[i].parties, sum(items[i].named.values()), -i))
    anchor = {entity for entity in items[main].named
              if entity not in everywhere or types.get(entity, "person") in _PARTY_TYPES}
    return [i == main or not (set(item.named) - everywhere) or bool(anchor & set(item.named))
            for i, item in enumerate(items)]


def without_other_stories(article: Article, mentions: Sequence[Mention],
                          types: Mapping[str, str]) -> Article | None:
    """The article without a briefing's answers on other subjects (moved to its boilerplate, with a
    warning), or None when it has one story."""
    starts = question_starts(_lines(article.text))
    if not starts:
        return None
    items = story_items(article.text, starts, mentions, types)
    keep = main_story(items, types)
    if all(keep):
        return None
    kept = [article.text[item.start : item.end].strip("\n") for item, k in zip(items, keep, strict=True) if k]
    dropped = [article.text[item.start : item.end].strip("\n") for item, k in zip(items, keep, strict=True) if not k]
    note = f"a briefing: {len(dropped)} of its {len(items)} items are about other subjects and were removed"
    return replace(article, text="\n".join(kept), boilerplate="\n".join(filter(None, [article.boilerplate, *dropped])),
                   warnings=(*article.warnings, note))
