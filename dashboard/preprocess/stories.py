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
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from dashboard.preprocess.records import Article, Mention
from dashboard.preprocess.textutil import TURN_LABEL

_PARTY_TYPES = frozenset({"bloc", "organisation", "forum", "fund"})
_MIN_QUESTIONS = 2  # questions before a document counts as a briefing
_MIN_ASKERS = 2  # outlets asking: one interviewer's questions are one story
_CLEAR_LEAD = 2  # the main item names at least this many times the blocs and organisations of any other
_QUESTION_END = re.compile(r"\?[\s\"'”’)]*$")


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One item of a document: its span in `Article.text` and how often its mentions name each entity."""

    start: int
    end: int
    named: Counter[str]  # entity id -> mentions in the item
    parties: int  # mentions of blocs, organisations, forums and funds


def text_lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) of each non-empty line."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line.strip()))
        offset += len(line) + 1
    return out


@lru_cache(maxsize=1)
def interviewer_labels() -> frozenset[str]:
    """language.toml's `interviewer_labels` (case-folded): labels that are one asker however many."""
    path = resources.files("dashboard") / "vocab" / "language.toml"
    labels = tomllib.loads(path.read_text(encoding="utf-8")).get("transcripts", {}).get("interviewer_labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise ValueError("language.toml: transcripts.interviewer_labels must be a list of strings")
    return frozenset(label.casefold() for label in labels)


def _asker(match: re.Match[str]) -> str:
    """Who a turn's label names, without its timestamp: "question (xinhua)", "reuters"."""
    return re.sub(r"\s+", " ", match.group(0)[match.start("name") - match.start() :].rstrip(": \t")).casefold()


def question_starts(lines: Sequence[tuple[int, str]]) -> list[int]:
    """Where a briefing's questions start: a labelled turn ending in a question mark and answered by a turn
    of another label ("Reuters: ... Did the leaders discuss this?", "Question (Xinhua): ...?"), whose label
    is not the answerer's (one whose turns mostly do not end so). Only when at least two outlets ask: an
    interviewer's labels (`interviewer_labels`: "Q:", "HOST:") are one asker, an interview is one story."""
    turns = [(start, _asker(match), _QUESTION_END.search(line) is not None) for start, line in lines
             if (match := TURN_LABEL.match(line))]
    asked = Counter(asker for _s, asker, question in turns if question)
    said = Counter(asker for _s, asker, question in turns if not question)
    questions = [(start, asker) for (start, asker, question), (_next, answerer, _q) in pairwise(turns)
                 if question and answerer != asker and asked[asker] > said[asker]]
    interviewers = interviewer_labels()
    askers = {asker for _start, asker in questions if asker not in interviewers}  # "question (xinhua)" counts
    if len(questions) < _MIN_QUESTIONS or len(askers) < _MIN_ASKERS:
        return []
    return [start for start, _asker in questions]


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
    """Which items to keep: the main item (the most mentions of blocs and organisations, at least four and twice
    any other item's: else no item is clearly the meeting's, and every item is kept), and every item naming
    one of its entities not named in most items, or one of its blocs and organisations, or no entity outside
    most items."""
    if len(items) < 2:
        return [True] * len(items)
    named_in = Counter(entity for item in items for entity in item.named)
    everywhere = {entity for entity, count in named_in.items() if count >= 3 and 2 * count > len(items)}
    ranked = sorted(range(len(items)), key=lambda i: (items[i].parties, sum(items[i].named.values()), -i),
                    reverse=True)
    main = ranked[0]
    if items[main].parties < _CLEAR_LEAD * max(2, items[ranked[1]].parties):  # no clear main item: keep all
        return [True] * len(items)
    anchor = {entity for entity in items[main].named
              if entity not in everywhere or types.get(entity, "person") in _PARTY_TYPES}
    return [i == main or not (set(item.named) - everywhere) or bool(anchor & set(item.named))
            for i, item in enumerate(items)]


def without_other_stories(article: Article, mentions: Sequence[Mention],
                          types: Mapping[str, str]) -> Article | None:
    """The article without a briefing's answers on other subjects (moved to its boilerplate, with a
    warning), or None when it has one story."""
    starts = question_starts(text_lines(article.text))
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
