"""Keep the meeting's story of a page that holds several.

A ministry's briefing answers a dozen outlets' questions on a dozen subjects; a live blog, a channel's export,
a newsletter, a print page or a caption list hold the day's other stories beside the meeting's. The analyst
saved the document for one meeting; the other stories' people, countries and statements ("We urge Japan to
learn from history", "the EU pledged to finance the transfer of 400 children") are not that meeting's.

- A briefing splits into items at its journalists' questions, when several outlets ask ("Reuters: ...?",
  "Question (Xinhua): ...?"). The main item names the most blocs and organisations (the meeting's parties). An
  item is kept when it names one of the main item's entities that is not named in most items (those are the
  briefing government's own country and spokesperson), or one of its blocs and organisations; or when it names
  no entity a reader could judge it by. An interview (one interviewer, "Q:") is left whole.
- Any other document splits into stories where a new one plainly opens: a post's date and time ("[17.06.2020
  12:05] Channel:"), a live blog's times ("15:02 GMT+7"; three or more), a dateline opening with a place or a
  byline after another story's text (with the headline over it), or three or more headlines labelled by whom
  their item is about ("*** SINGAPORE: DORMITORY INFECTIONS PASS 10,000 ***": a country or a bloc before the
  colon). A page cut so is also cut at headings when a few of them set off its items: in capitals ("*** OIL: ...
  ***") or numbered from 1 ("1. BRAZIL: Lula's tax overhaul clears lower house"); other headings alone cut
  nothing (a chairman's statement's sections are one story). The meeting is the bloc or organisation the
  document names most. A story is kept when it names the meeting, or a bloc or organisation named beside it; an
  entry under a time or a heading is also kept when at least half the entities it names are named beside it (a
  summit's live blog follows its leaders' side meetings; a summit's round-up labels each leader's remarks by
  country, whom the lede names). The page's head before its first part is kept. A page with fewer than three parts
  is one story.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from dashboard.preprocess.records import Article, Mention
from dashboard.preprocess.textutil import POST_HEAD, TURN_LABEL

_PARTY_TYPES = frozenset({"bloc", "organisation", "forum", "fund"})
_MIN_QUESTIONS = 2  # questions before a document counts as a briefing
_MIN_ASKERS = 2  # outlets asking: one interviewer's questions are one story
_CLEAR_LEAD = 2  # the main item names at least this many times the blocs and organisations of any other
_QUESTION_END = re.compile(r"\?[\s\"'”’)]*$")
_MIN_PARTS = 3  # parts of a document before it counts as several stories (a head and one story are one)
_HEADLINE_LINES = 4  # lines of a headline (and its byline) that may stand over a dateline or a byline
_HEADLINE_MAX_WORDS = 15
_LABEL_MAX_WORDS = 5  # words of an item's label before its colon: "SOUTH KOREA AND ASEAN"
_MIN_HEADINGS = 3  # headings in capitals before they set off a page's items (not a story's own subheadings)
_MIN_TIMES = 3  # a live blog's times before they start its entries (a programme's three slots count too: its
# parts then share the meeting's entities and stay)
_CAPITALS = 0.8  # the share of a heading's letters in capitals
# where a live blog's entry opens (a post's: textutil.POST_HEAD): a time alone on its line or before a dash
# ("15:02 GMT+7", "[18:00:05]", "13:50 GMT+7 — Lavrov said ...")
_TIME_HEAD = re.compile(r"[\[(]?\d{1,2}[:.]\d{2}(?::\d{2})?[\])]?(?:\s*(?i:[ap]\.?m\.?))?"
                        r"(?:\s*[A-Z]{2,4}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?(?:\s*$|\s*[—–|-]{1,2}\s)")
# a story's dateline ("BEIJING -- ", "HANOI, VIETNAM - 23 APRIL 2020:", "KUALA LUMPUR, Sept 9 (Bernama) --") and
# its byline ("BY TIMOTHY GARDNER"): a new story when they follow another story's text
_DATELINE_HEAD = re.compile(r"[A-ZÀ-Ỹ][A-ZÀ-Ỹ'’.]+(?:[ -][A-ZÀ-Ỹ][A-ZÀ-Ỹ'’.]+){0,3}(?:,[^,\n—–]{2,30}){0,2}"
                            r"(?:\s*\([^()\n]{1,30}\))?\s*(?:--|[—–]|-(?=\s))\s*\S")
_BYLINE_HEAD = re.compile(r"(?i:by)\s+[A-ZÀ-Ỹ][\w.'’-]*(?:\s+[A-ZÀ-Ỹ][\w.'’-]*){1,4}\s*$")
_NUMBERED_HEADLINE = re.compile(r"(?P<n>\d{1,2})[.)]\s+\S")  # a newsletter's items, numbered from 1
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)]\s*$")


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One item of a document: its span in `Article.text` and how often its mentions name each entity."""

    start: int
    end: int
    named: Counter[str]  # entity id -> mentions in the item
    parties: int  # mentions of blocs, organisations, forums and funds
    opens_story: bool = False  # opened by a dateline, a byline or a post's head: a story of its own
    headed: bool = False  # opened where a story or an entry starts (not a page's head before the first)


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


def _is_headline(line: str) -> bool:
    """A short line that ends no sentence: a headline, a byline, an outlet's credit."""
    return len(line.split()) <= _HEADLINE_MAX_WORDS and _SENTENCE_END.search(line) is None


def _in_capitals(line: str) -> bool:
    """A heading in capitals ("*** OIL: FROM BELOW ZERO ***", "1. INDONESIA: JAKARTA RETURNS ..."), not a sentence."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and len(line.split()) >= 2 and _is_headline(line.rstrip(":")) and \
        sum(c.isupper() for c in letters) >= _CAPITALS * len(letters)


def _labelled_items(lines: Sequence[tuple[int, str]], named: Sequence[int]) -> list[int]:
    """The lines of a newsletter's items labelled by whom they are about ("*** SINGAPORE: DORMITORY INFECTIONS ...",
    "1. INDONESIA: Jakarta returns to restrictions", "AUSTRALIA AND CHINA: A ROW OVER AN INQUIRY"): a headline
    whose label before its colon names an entity (`named`: where the text's mentions start, sorted), with a
    headline of two words or more after it."""
    out = []
    for i, (start, line) in enumerate(lines):
        label, colon, rest = line.partition(":")
        if not colon or not _is_headline(line) or len(label.split()) > _LABEL_MAX_WORDS or len(rest.split()) < 2:
            continue
        first = bisect_left(named, start)
        if first < len(named) and named[first] < start + len(label):
            out.append(i)
    return out


def story_starts(lines: Sequence[tuple[int, str]], places: frozenset[int] = frozenset(),
                 named: Sequence[int] = ()) -> list[tuple[int, bool]]:
    """(offset, opens a story of its own) where each of a document's stories or entries starts: a post's head, a
    live blog's time (three or more; not a transcript's time before a speaker's label), a dateline opening with a
    place (`places`: where the text names one) or a byline after another story's text (from the headline over
    it), three or more headlines labelled by an entity (`named`: where the mentions start, sorted); and, on a page
    cut so already, a heading in capitals or headlines numbered from 1 when at least three of
    them set off its items (not in a text mostly in capitals; a heading repeated on every page is a running head).
    Headings alone cut nothing: a statement's or a story's own sections are no stories."""
    found: dict[int, bool] = {}
    times = [i for i, (_start, line) in enumerate(lines) if (m := _TIME_HEAD.match(line))
             and not TURN_LABEL.match(line[m.end():])]  # "00:15 - LAVROV: ...": a transcript's turn
    if len(times) >= _MIN_TIMES:
        found.update(dict.fromkeys(times, False))
    text_before = False  # a line of another story's text above
    for i, (start, line) in enumerate(lines):
        if POST_HEAD.match(line):
            found[i] = True
        elif text_before and ((_DATELINE_HEAD.match(line) and start in places) or _BYLINE_HEAD.match(line)):
            first = i
            while first > 0 and i - first < _HEADLINE_LINES and first - 1 not in found and \
                    _is_headline(lines[first - 1][1]):
                first -= 1
            found[first] = True
        text_before = text_before or not _is_headline(line)
    labelled = _labelled_items(lines, named)
    if len(labelled) >= _MIN_HEADINGS:  # a newsletter's items, each labelled by whom it is about
        for i in labelled:
            found.setdefault(i, False)
    if not found:
        return []
    repeated = Counter(line for _start, line in lines)
    headings = [i for i, (_start, line) in enumerate(lines) if _in_capitals(line) and repeated[line] == 1]
    if len(headings) < _MIN_HEADINGS or 3 * len(headings) > len(lines):  # a text in capitals has no headings
        headings = []
    numbered = [(i, int(m["n"])) for i, (_start, line) in enumerate(lines)
                if (m := _NUMBERED_HEADLINE.match(line)) and _is_headline(line)]
    if len(numbered) >= _MIN_HEADINGS and [n for _i, n in numbered] == list(range(1, len(numbered) + 1)):
        headings = sorted({*headings, *(i for i, _n in numbered)})  # "1. BRAZIL: Lula's tax overhaul clears ..."
    for i in headings:
        found.setdefault(i, False)
    starts: list[tuple[int, bool]] = []
    last = -1
    for i in sorted(found):  # starts with only headlines between them open one part ("BY ..." over "HANOI --")
        if last >= 0 and all(_is_headline(line) for _start, line in lines[last:i]):
            continue
        starts.append((lines[i][0], found[i]))
        last = i
    return starts


def story_items(text: str, starts: Sequence[int], mentions: Sequence[Mention],
                types: Mapping[str, str], opening: Sequence[bool] = ()) -> list[StoryItem]:
    """The document cut at `starts`, each piece with the entities mentioned in it (`opening`: whether each start
    opens a story of its own)."""
    opens = dict(zip(starts, opening, strict=False))
    bounds = [0, *(s for s in starts if 0 < s < len(text)), len(text)]
    items: list[StoryItem] = []
    for lo, hi in pairwise(bounds):
        named = Counter(m.entity_id for m in mentions if lo <= m.start < hi)
        items.append(StoryItem(lo, hi, named, sum(n for entity, n in named.items()
                                                  if types.get(entity, "person") in _PARTY_TYPES),
                               opens.get(lo, False), lo in opens))
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


def meeting_stories(items: Sequence[StoryItem], types: Mapping[str, str]) -> list[bool]:
    """Which of a page's stories to keep: those naming the meeting (the bloc or organisation named most), or a
    bloc or organisation named beside it; an entry under a time or a heading also when at least half the
    entities it names are named beside it."""
    named_in = Counter(entity for item in items for entity in item.named)
    parties: Counter[str] = Counter()
    for item in items:
        parties.update({entity: n for entity, n in item.named.items() if types.get(entity, "person") in _PARTY_TYPES})
    if not parties:
        return [True] * len(items)
    meeting = max(parties, key=lambda entity: (parties[entity], named_in[entity]))
    core = [i for i, item in enumerate(items) if meeting in item.named]
    beside = {entity for i in core for entity in items[i].named}
    beside_parties = {entity for entity in beside if types.get(entity, "person") in _PARTY_TYPES}
    keep = [i in core or bool(beside_parties & set(item.named))
            or (not item.opens_story and _mostly_within(set(item.named), beside))
            for i, item in enumerate(items)]
    if not items[0].headed:  # a page's head before its first part: its title, its lede, its greeting
        keep[0] = True
    return keep


def _mostly_within(named: set[str], entities: set[str]) -> bool:
    """Whether at least half of `named` is among `entities` (true of none)."""
    return 2 * len(named & entities) >= len(named)


def without_other_stories(article: Article, mentions: Sequence[Mention],
                          types: Mapping[str, str]) -> Article | None:
    """The article without a briefing's answers on other subjects, or a page's other stories (moved to its
    boilerplate, with a warning), or None when it has one story."""
    lines = text_lines(article.text)
    if starts := question_starts(lines):
        items = story_items(article.text, starts, mentions, types)
        keep = main_story(items, types)
        kind = "a briefing"
    else:
        places = frozenset(m.start for m in mentions if types.get(m.entity_id, "") == "place")
        found = story_starts(lines, places, sorted(m.start for m in mentions))
        items = story_items(article.text, [s for s, _opens in found], mentions, types, [o for _s, o in found])
        if len(items) < _MIN_PARTS:
            return None
        keep = meeting_stories(items, types)
        kind = "several stories"
    if all(keep):
        return None
    kept = [article.text[item.start : item.end].strip("\n") for item, k in zip(items, keep, strict=True) if k]
    dropped = [article.text[item.start : item.end].strip("\n") for item, k in zip(items, keep, strict=True) if not k]
    note = f"{kind}: {len(dropped)} of its {len(items)} items are about other subjects and were removed"
    return replace(article, text="\n".join(kept), boilerplate="\n".join(filter(None, [article.boilerplate, *dropped])),
                   warnings=(*article.warnings, note))
