"""Classify sentences into taxonomy categories and one kind, keeping the cue words that decided.

Cue regexes run once over the whole (accent-stripped) article text and their matches are bucketed
into sentences by offset: a few passes per article instead of one per sentence and category.
A sentence with no category is procedural or background and yields no statement. Where a sentence
holds two statements with their own subjects ("..., while Russia pledged ..."), it is split into
clauses when the clauses differ in topic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dashboard.preprocess.cues import CueBank, blank_spans
from dashboard.preprocess.records import Article, Mention, Sentence, Statement, slot_init
from dashboard.preprocess.sentences import SentenceRules
from dashboard.preprocess.taxonomy import DEFAULT_KIND, KIND_ORDER, Category, Negation, Taxonomy
from dashboard.preprocess.textutil import (
    LIST_ITEM_MARK,
    TURN_LABEL,
    after_spaces,
    count_words,
    normalise_quotes,
    strip_accents,
)

_Span = tuple[int, int]
_ACTOR_TYPES = frozenset({"country", "bloc", "organisation", "person"})
_POSSESSIVE = ("'s", "\u2019s")


def _subject_spans(mentions: Sequence[Mention], types_by_entity: dict[str, str], folded: str) -> list[_Span]:
    """The actors' mentions, and places' not followed by "'s": what may be a clause's subject ("... and that Beijing
    backed ASEAN's central role"; not "... and Seoul's consistent support")."""
    return [(m.start, m.end) for m in mentions if (kind := types_by_entity.get(m.entity_id)) in _ACTOR_TYPES
            or (kind == "place" and not folded.startswith(_POSSESSIVE, m.end))]


def _bucket(spans: Sequence[_Span], starts: Sequence[int], ends: Sequence[int]) -> dict[int, list[_Span]]:
    """Sentence index -> spans lying entirely inside that sentence."""
    out: dict[int, list[_Span]] = defaultdict(list)
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= ends[i]:
            out[i].append((start, end))
    return out


@dataclass(frozen=True, slots=True)
class _Banks:
    """The taxonomy's cue lists in two banks: topic cues (run on the masked text) and the rest."""

    topics: CueBank
    context: CueBank  # per category: requires, excludes; then the kinds; then procedural


@lru_cache(maxsize=4)
def _banks(taxonomy: Taxonomy) -> _Banks:
    context = [cue for c in taxonomy.categories for cue in (c.requires, c.excludes)]
    context += [k.cues for k in taxonomy.kinds] + [taxonomy.procedural]
    context += [taxonomy.negation.cues] if taxonomy.negation else []
    return _Banks(CueBank([c.cues for c in taxonomy.categories]), CueBank(context))


def masked_text(text: str, mentions: Sequence[Mention], types_by_entity: dict[str, str],
                masked_types: frozenset[str]) -> str:
    """Blank out names of entities whose words must not count as cues (a fund's "Dialogue Partnership")."""
    if not masked_types:
        return text
    return blank_spans(text, [(m.start, m.end) for m in mentions if types_by_entity.get(m.entity_id) in masked_types])


def _confidence(n_category_cues: int, has_kind_cue: bool, n_categories: int) -> float:
    score = 0.45 + 0.15 * min(n_category_cues, 3) + (0.15 if has_kind_cue else 0.0) - 0.05 * max(0, n_categories - 2)
    return round(max(0.2, min(score, 0.95)), 2)


@slot_init
@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence or one clause of it: the span a statement is classified on."""

    sentence: Sentence
    clause: int
    start: int
    end: int


@lru_cache(maxsize=8)
def _clause_patterns(markers: tuple[str, ...], subjects: tuple[str, ...],
                     verbs: tuple[str, ...] = ()) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A clause's marker; a new subject after it, perhaps reported ("and that it would ..."); a verb going on with
    the sentence's own subject ("and said ...", "and also expressed ...")."""
    ordered = sorted(markers, key=len, reverse=True)
    marker = re.compile("|".join(rf"{re.escape(m)}(?=\s)" for m in ordered) or "(?!)", re.IGNORECASE)
    subject = re.compile(rf"^(?:that\s+)?(?:{'|'.join(re.escape(w) for w in subjects) or '(?!)'})\b", re.IGNORECASE)
    verb = re.compile(rf"(?:also\s+)?(?:{'|'.join(re.escape(w) for w in verbs) or '(?!)'})\b", re.IGNORECASE)
    return marker, subject, verb


def _first_at_or_after(spans: Sequence[_Span], position: int) -> _Span | None:
    after = [sp for sp in spans if sp[0] >= position]
    return min(after) if after else None


def split_clauses(
    sentence: Sentence,
    folded: str,
    kind_spans: Sequence[_Span],
    topic_spans: Sequence[_Span],
    actor_spans: Sequence[_Span],
    rules: SentenceRules,
    kind_of: dict[_Span, str] | None = None,
) -> list[tuple[int, int]]:
    """Clause spans of a sentence that holds two statements ("X pledged ..., and Y urged ..."): cut where each
    side has a topic cue, or (with `kind_of`, each kind cue's kind) where one side has and the sides' first
    kind cues differ in kind, neither a report ("Locsin thanked the EU ..., and asked European governments to
    look after ..."; not "shared their concerns and gave updates of their situation"). A verb of `clause_verbs`
    right after the marker goes on with the sentence's own subject: with a topic on each side and a kind cue
    before the marker, it cuts there whatever follows it ("reaffirmed support for ASEAN centrality and said the
    US had shared 23 million doses"). A deed already done before the marker (`clause_deeds`: "had sent test kits")
    counts as such a first predicate, and cuts before a cue of another kind whose clause opens with its own subject
    ("..., and that the US would continue ..."). "And" between two names after "between" or "both" cuts nothing."""
    marker_re, subject_re, verb_re = _clause_patterns(rules.clause_markers, rules.clause_subjects, rules.clause_verbs)
    cuts: list[tuple[int, int]] = []  # (end of clause before, start of clause after)
    begin = sentence.start
    for marker in marker_re.finditer(folded, sentence.start, sentence.end):
        rest = folded[marker.end() : sentence.end]
        after = marker.end() + len(rest) - len(rest.lstrip())
        before_text, after_text = folded[begin : marker.start()], folded[after : sentence.end]
        if count_words(before_text) < rules.clause_min_words or count_words(after_text) < rules.clause_min_words:
            continue
        if _joins_actors(folded, marker, after, actor_spans):  # "tourist flows between Russia and the ASEAN countries"
            continue
        topic_before = any(begin <= t < marker.start() for t, _ in topic_spans)
        topic_after = any(after <= t < sentence.end for t, _ in topic_spans)
        deed_before = rules.clause_deeds is not None and \
            rules.clause_deeds.search(folded, begin, marker.start()) is not None  # "had sent test kits"
        if topic_before and topic_after and verb_re.match(folded, after) and \
                (deed_before or any(begin <= k < marker.start() for k, _ in kind_spans)):  # a second predicate, after
            cuts.append((marker.start(), after))  # a first with a kind of its own: "reaffirmed support for ASEAN
            begin = after  # centrality and said the US had shared 23 million doses", "..., and expressed concern"
            continue
        cue = _first_at_or_after(kind_spans, after)
        if cue is None or cue[1] > sentence.end or folded[cue[0] : cue[1]].endswith("ing"):
            continue
        lead = folded[after : cue[0]]
        if "," in lead or count_words(lead) > 8 or re.search(r"\bto\s*$", lead):
            continue
        has_subject = not lead.strip() or subject_re.match(lead) is not None or any(
            after <= a < cue[0] for a, _ in actor_spans)
        if not has_subject:
            continue
        cue_before = _first_at_or_after(kind_spans, begin) if kind_of else None
        kinds = (kind_of.get(cue_before), kind_of.get(cue)) if kind_of is not None and cue_before is not None \
            and cue_before[1] <= marker.start() else (None, None)
        kinds_differ = None not in kinds and DEFAULT_KIND not in kinds and kinds[0] != kinds[1]
        # a deed done, then what is promised or asked: "had provided US$18 million ..., and that the US would ..."
        after_deed = deed_before and _opens_with_subject(lead, after, subject_re, actor_spans) and \
            kinds[0] in (None, DEFAULT_KIND) and kind_of is not None and kind_of.get(cue, DEFAULT_KIND) != DEFAULT_KIND
        if (topic_before and topic_after) or ((kinds_differ or after_deed) and (topic_before or topic_after)):
            cuts.append((marker.start(), after))
            begin = after
    if not cuts:
        return [(sentence.start, sentence.end)]
    bounds = [sentence.start, *[x for cut in cuts for x in cut], sentence.end]
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


_JOINED_NAME_GAP = 5  # characters between "and" and the second name it joins: "the "
_PAIR_HEAD = re.compile(r"\b(?:between|both)\s+(?:the\s+)?$", re.IGNORECASE)


def _joins_actors(folded: str, marker: re.Match[str], after: int, actor_spans: Sequence[_Span]) -> bool:
    """Whether a bare "and" (no comma) joins two names after "between" or "both" ("tourist flows between Russia and
    the ASEAN countries would resume"): one subject or object, no new clause. Elsewhere a name may end the first
    clause and another open the second ("pledged aid to Laos and China urged restraint")."""
    if marker.group().strip() != "and":  # bare: ", and" opens a clause
        return False
    first = next((start for start, end in actor_spans if end == marker.start()), None)
    return first is not None and _PAIR_HEAD.search(folded, max(0, first - 16), first) is not None and \
        any(after <= start <= after + _JOINED_NAME_GAP for start, _end in actor_spans)


_SUBJECT_OPENING_WORDS = 2  # words before a clause's named subject: "that the US would", "the Chinese side will"


def _opens_with_subject(lead: str, start: int, subject_re: re.Pattern[str], actor_spans: Sequence[_Span]) -> bool:
    """Whether the words after a clause's marker open with a subject of their own ("and that the US would ...", "and
    it will ..."), not only name an actor somewhere before the verb ("health and humanitarian assistance to ASEAN
    member states and will ...")."""
    if subject_re.match(lead):
        return True
    return any(a - start >= 0 and count_words(lead[: a - start]) <= _SUBJECT_OPENING_WORDS for a, _ in actor_spans
               if a - start < len(lead))


def _units(sentences: Sequence[Sentence], folded: str, kind_spans: list[_Span], topic_spans: list[_Span],
           actor_spans: list[_Span], rules: SentenceRules | None, kind_of: dict[_Span, str]) -> list[_Unit]:
    if rules is None or not rules.clause_markers:
        return [_Unit(s, 0, s.start, s.end) for s in sentences]
    kind_by = _bucket(kind_spans, [s.start for s in sentences], [s.end for s in sentences])
    topic_by = _bucket(topic_spans, [s.start for s in sentences], [s.end for s in sentences])
    actor_by = _bucket(actor_spans, [s.start for s in sentences], [s.end for s in sentences])
    units = []
    for i, sentence in enumerate(sentences):
        if i not in topic_by:  # no topic cue: split_clauses would find no cut (it needs one on either side)
            units.append(_Unit(sentence, 0, sentence.start, sentence.end))
            continue
        spans = split_clauses(sentence, folded, kind_by.get(i, []), topic_by[i], actor_by.get(i, []), rules, kind_of)
        units += [_Unit(sentence, k, a, b) for k, (a, b) in enumerate(spans)]
    return units


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause without surrounding spaces, a list item's bullet ("- ", "• ") and a dangling comma or
    semicolon."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if start + 1 < end and text[start] in _BULLETS and text[start + 1].isspace():
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start, end


_BULLETS = frozenset("-–—•*·▪●")
_QUOTE_OPENERS = frozenset('"\u201c\u201e\u00ab\'\u2018')
_ITEM_HEAD_MAX_CHARS = 8  # what may stand between a line's start and an item's words: "(iv) ", "12. "


class ListItem(NamedTuple):
    """A sentence that is an item of a list introduced by a lead-in of a kind ("DO HEREBY AGREE TO:")."""

    kind: str  # the lead-in's kind
    words_start: int  # where the item's own words start, after its mark
    lead_in: int  # the lead-in sentence's offset
    keeps_own_kind: bool = False  # an operative opener's item ("DO HEREBY:"): its own cue, if any, decides its kind


def _item_start(text: str, sentence: Sentence) -> tuple[int, bool]:
    """Where a sentence's own words start when it opens a line, after a list item's mark ("1. ", "a) ", "- ",
    before the sentence or within it), and whether it has one; (-1, False) when it does not open a line."""
    window = max(0, sentence.start - _ITEM_HEAD_MAX_CHARS)
    newline = text.rfind("\n", window, sentence.start)
    if newline < 0 and window > 0:
        return -1, False  # no line starts just before it: inside a paragraph
    head = text[newline + 1 : sentence.start]
    if head.strip():
        return (sentence.start, True) if LIST_ITEM_MARK.fullmatch(" " + head) else (-1, False)
    mark = LIST_ITEM_MARK.match(text, sentence.start, sentence.end)
    return (mark.end(), True) if mark else (sentence.start, False)


def list_items(sentences: Sequence[Sentence], text: str, lead_kinds: dict[int, str],
               operative: frozenset[int] = frozenset()) -> dict[int, ListItem]:
    """The items of lists introduced by a sentence of a kind that ends in a colon ("DO HEREBY AGREE TO:", "The
    Ministers also called for:"), by sentence index. An item opens a line, and not with a quote mark (a quotation
    after "Lavrov said:" is none); the first is marked ("1.", "a)", "-") or ends in a semicolon or comma, and the
    list goes on while each item is marked or the one before it ended so; it ends at the next lead-in.
    `lead_kinds`: the kind of each sentence ending in a colon, by its cues (DEFAULT_KIND: none); `operative`: the
    lead-ins that are an operative opener only ("DO HEREBY:"), whose items keep their own kinds."""
    items: dict[int, ListItem] = {}
    lead: tuple[str, int, bool] | None = None  # (kind, offset, operative) of the list being read
    goes_on = False  # the last item ended in a semicolon or comma
    for sentence in sentences:
        stripped = sentence.text.rstrip()
        if lead is not None:
            words_start, marked = _item_start(text, sentence)
            open_ended = stripped.endswith((";", ","))
            if words_start >= 0 and text[words_start : words_start + 1] not in _QUOTE_OPENERS and \
                    (marked or goes_on or open_ended):
                items[sentence.index] = ListItem(lead[0], words_start, lead[1], lead[2])
                goes_on = open_ended
            else:
                lead = None
        if stripped.endswith(":"):
            kind = lead_kinds.get(sentence.index, DEFAULT_KIND)
            lead = (kind, sentence.start, sentence.index in operative) if kind != DEFAULT_KIND else None
            goes_on = False
            items.pop(sentence.index, None)
    return items


_CLOSING_MARKS = frozenset(".!?:;…\"”’'»")


def _question_turns(text: str, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Where a transcript's reporters ask ("Question (RIA Novosti): The grain deal expires on July 17. Will Russia
    agree to extend it?"): from such a turn's label to the next turn's."""
    if ":" not in text:
        return []
    turns = [(m.start(), m.group("name").strip().lower()) for m in TURN_LABEL.finditer(text)]
    if not turns:
        return []
    ends = [start for start, _name in turns[1:]] + [len(text)]
    return [(start, end) for (start, name), end in zip(turns, ends, strict=True) if name in labels]


def is_heading(text: str, sentence: Sentence, max_words: int) -> bool:
    """Whether a sentence of a punctuated text (mostly_punctuated) is a heading: a line of its own (after a
    number, if any) of at most `max_words` words that ends without a sentence's closing mark ("2. Economic
    recovery", "Nationals abroad", "Harris: US will stand with ASEAN" over its story). Not the text's last line (its
    last sentence may lack its full stop), not a bulleted line, not a line after one ending in a colon,
    nor a numbered line next to a line numbered alike: those are a list's items ("Among the priority areas:" /
    "- digital connectivity"; "2. Economic recovery" between bullets is the next section's heading)."""
    last = sentence.text.rstrip(")] ")[-1:]
    if not last or last in _CLOSING_MARKS or \
            (len(sentence.text.split()) > max_words and not _WIRE_VERSION.match(sentence.text)):
        return False
    line_start = text.rfind("\n", 0, sentence.start) + 1
    head = text[line_start : sentence.start]
    line_end = text.find("\n", sentence.end)
    if line_end < 0 or not _alone_on_its_line(text, sentence):
        return False
    mark = _mark_of(head if head.strip() else sentence.text)
    line_after, line_before = _line_after(text, line_end), _line_before(text, line_start)
    return mark != "bullet" and bool(line_after) and not line_before.endswith(":") \
        and not (mark and mark in (_mark_of(line_before), _mark_of(line_after)))


_LETTER = re.compile(r"[^\W\d_]")  # a letter, of any case
# a wire story's later version heads its headline however long: "UPDATE 1: Suga pledges $50 mil. for ASEAN ..."
_WIRE_VERSION = re.compile(r"(?:UPDATE|WRAPUP|WRAP-UP)\s+\d+\s*[:-]|(?:REFILE|CORRECTED|RPT)\s*[:-]")


def _alone_on_its_line(text: str, sentence: Sentence) -> bool:
    """Whether a sentence is all of its line but for a list item's mark before it ("2. ECONOMIC COOPERATION")."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    head = text[line_start : sentence.start]
    return (not head.strip() or LIST_ITEM_MARK.fullmatch(" " + head) is not None) and \
        not text[sentence.end : line_end if line_end >= 0 else len(text)].strip()


def is_capitals_heading(text: str, sentence: Sentence, max_words: int) -> bool:
    """Whether a sentence is a line of its own in capitals, after a number if any, in a text mostly in lower case:
    a section's heading ("2. ECONOMIC COOPERATION" between a plan's items), never a list's item."""
    words = sentence.text.split()
    if not words or len(words) > max_words or not sentence.text.isupper() or \
            sum(len(w) for w in words if w.isalpha()) < _CAPITALS_HEADING_LETTERS or \
            not _alone_on_its_line(text, sentence):
        return False
    letters = _LETTER.findall(text[: _CASE_SAMPLE_CHARS])
    return sum(c.isupper() for c in letters) * 2 < len(letters)


_CAPITALS_HEADING_LETTERS = 6  # "ECONOMIC", "AOIP COOPERATION": not "US" or "OK"
_CASE_SAMPLE_CHARS = 4000  # characters read to tell a text in capitals (a wire's all-caps copy) from one with headings


def mostly_punctuated(text: str) -> bool:
    """Whether most of a text's paragraphs (lines of `_PARAGRAPH_MIN_WORDS` words or more) end with a sentence's
    closing mark: only there does a short line without one read as a heading (one stray full stop, "Posted by
    Nguyen Van A.", does not make stripped text punctuated; a live blog's many short lines do not make it stripped)."""
    ends = [line.rstrip(")] ")[-1:] for line in text.split("\n") if line.count(" ") >= _PARAGRAPH_MIN_WORDS - 1]
    return 2 * sum(end in _CLOSING_MARKS for end in ends) > len(ends)


_PARAGRAPH_MIN_WORDS = 8


def _line_before(text: str, line_start: int) -> str:
    """The last line with words before the one starting at `line_start` (the text is not copied: a long text of
    short lines asks for each)."""
    end = line_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end].strip() if end > 0 else ""


def _line_after(text: str, line_end: int) -> str:
    """The first line with words after the one ending at `line_end`."""
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    return text[start : len(text) if stop < 0 else stop].strip()


def _mark_of(line: str) -> str:
    """A line's list mark's sort: "bullet" ("- ", "• "), "number" ("2. ", "(b) "), or "" for none."""
    if not LIST_ITEM_MARK.match(" " + line):
        return ""
    return "bullet" if line.lstrip()[:1] in _BULLETS else "number"


def _earliest_kind(cues: Sequence[tuple[_Span, str]], cue_starts: Sequence[int], start: int, end: int) -> str:
    """The kind of the earliest cue within [start, end) (of cues at one word the longest, then KIND_ORDER), as
    _decide_kind chooses; `cues` sorted by span, `cue_starts` their starts."""
    found = [(span[0], span[0] - span[1], KIND_ORDER.index(kind), kind)
             for span, kind in cues[bisect_left(cue_starts, start) : bisect_left(cue_starts, end)] if span[1] <= end]
    return min(found)[3] if found else DEFAULT_KIND


def classify_statements(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    taxonomy: Taxonomy,
    types_by_entity: dict[str, str],
    rules: SentenceRules | None = None,
) -> list[Statement]:
    """Statements (sentences or clauses with at least one category) of one article, in reading order."""
    if not sentences:
        return []
    text = article.text
    folded = normalise_quotes(strip_accents(text))
    cue_text = masked_text(folded, mentions, types_by_entity, taxonomy.masked_entity_types)

    banks = _banks(taxonomy)
    topic_spans = banks.topics.spans(cue_text)
    context_spans = banks.context.spans(folded)
    n_categories = len(taxonomy.categories)
    category_spans = {c.id: topic_spans[k] for k, c in enumerate(taxonomy.categories)}
    required_spans = {c.id: context_spans[2 * k] for k, c in enumerate(taxonomy.categories)}
    excluded_spans = {c.id: context_spans[2 * k + 1] for k, c in enumerate(taxonomy.categories)}
    kind_spans = {kind.id: context_spans[2 * n_categories + k] for k, kind in enumerate(taxonomy.kinds)}
    all_kind_spans = sorted(s for v in kind_spans.values() for s in v)  # negated too: "did not commit" opens a clause
    kind_of = {span: kid for kid, spans in kind_spans.items() for span in spans}
    # "..., and noted that China was ..." opens a clause, but what is reported has its own kind
    kind_spans = {kind.id: [span for span in kind_spans[kind.id] if not kind.not_before.match(folded, span[1])]
                  if kind.not_before is not None else kind_spans[kind.id] for kind in taxonomy.kinds}
    procedural_spans = context_spans[2 * n_categories + len(taxonomy.kinds)]
    if ", " in folded and (taxonomy.aside is not None or taxonomy.subject_aside is not None
                           or taxonomy.question is not None):
        kind_spans = _without_asides(kind_spans, taxonomy.aside, taxonomy.subject_aside, folded, taxonomy.question)
    negated: list[_Span] = []
    if taxonomy.negation is not None and context_spans[-1]:
        kind_spans, negated = _not_negated(kind_spans, sorted(context_spans[-1]), folded, taxonomy.negation)
    for mention in mentions:
        entity_type = types_by_entity.get(mention.entity_id, "")
        for category in taxonomy.categories:
            if entity_type in category.entity_types:
                category_spans[category.id].append((mention.start, mention.end))
    actor_spans = [(m.start, m.end) for m in mentions if types_by_entity.get(m.entity_id) in _ACTOR_TYPES]
    items: dict[int, ListItem] = {}
    if leads := [sentence for sentence in sentences if sentence.text.rstrip().endswith(":")]:
        cues = sorted((span, kind) for kind, spans in kind_spans.items() for span in spans)
        cue_starts = [span[0] for span, _kind in cues]
        operative = frozenset(lead.index for lead in leads if taxonomy.operative_opener is not None
                              and taxonomy.operative_opener.fullmatch(lead.text))
        lead_kinds = {lead.index: taxonomy.operative_kind if lead.index in operative
                      else _earliest_kind(cues, cue_starts, lead.start, lead.end) for lead in leads}
        items = list_items(sentences, text, lead_kinds, operative)
    max_words = rules.heading_max_words if rules is not None else 0
    headings_read = bool(max_words) and mostly_punctuated(text)  # a sentence is asked only when it has a topic
    units = _units(sentences, folded, all_kind_spans,
                   sorted(s for v in category_spans.values() for s in v),
                   _subject_spans(mentions, types_by_entity, folded), rules, kind_of)
    starts = [u.start for u in units]
    ends = [u.end for u in units]

    category_hits = {cid: _bucket(spans, starts, ends) for cid, spans in category_spans.items()}
    required = {c.id: _bucket(required_spans[c.id], starts, ends) for c in taxonomy.categories if c.requires}
    excluded = {c.id: _bucket(excluded_spans[c.id], starts, ends) for c in taxonomy.categories if c.excludes}
    kind_hits = {kid: _bucket(spans, starts, ends) for kid, spans in kind_spans.items()}
    negated_hits = _bucket(negated, starts, ends) if negated else {}
    procedural = _bucket(procedural_spans, starts, ends)
    # context words ("pandemic") may sit anywhere in the sentence, not only in the clause
    sentence_of = {i: u.sentence.index for i, u in enumerate(units)}
    required_in_sentence: dict[str, set[int]] = {
        cid: {sentence_of[i] for i in hits} for cid, hits in required.items()
    }

    hits_of_unit: dict[int, list[tuple[Category, list[_Span]]]] = defaultdict(list)  # in category order
    for category in taxonomy.categories:
        for i, spans in category_hits[category.id].items():
            if spans:
                hits_of_unit[i].append((category, spans))

    # a clause cut off its sentence at a kind cue without a topic of its own takes its sibling's ("expressed
    # concern over the reports of violence, and called for the release of detainees"); not a procedural one
    # ("..., and agreed to meet again next year") nor from a clause that took its topic so
    with_topic = set(hits_of_unit)
    for i, unit in enumerate(units):
        if i in with_topic or procedural.get(i):
            continue
        sibling = next((j for j in (i - 1, i + 1) if j in with_topic and units[j].sentence is unit.sentence), None)
        if sibling is not None:
            hits_of_unit[i] = hits_of_unit[sibling]
    statements = []
    asked = _question_turns(text, rules.question_labels) if rules is not None and rules.question_labels else []
    for i in sorted(hits_of_unit):  # units without a category cue yield no statement
        unit = units[i]
        if _is_question(unit.sentence.text) or any(a <= unit.start < b for a, b in asked):
            continue
        found: dict[str, list[_Span]] = {}
        for category, spans in hits_of_unit[i]:
            if category.requires is not None and unit.sentence.index not in required_in_sentence[category.id]:
                continue
            if category.excludes is not None and excluded[category.id].get(i):
                continue
            found[category.id] = spans
        for category in taxonomy.categories:
            if category.id in found and any(other in found for other in category.suppressed_by):
                del found[category.id]
        if not found:
            continue
        if headings_read and (is_capitals_heading(text, unit.sentence, max_words) or (
                unit.sentence.index not in items and is_heading(text, unit.sentence, max_words))):
            continue
        kind, kind_span = _decide_kind(i, kind_hits)
        if kind == DEFAULT_KIND and procedural.get(i):
            continue
        for category in taxonomy.categories:  # after the kind is known: a topic of other kinds only when alone
            if category.kinds and kind not in category.kinds and category.id in found and len(found) > 1:
                del found[category.id]
        if kind_span is None and negated_hits.get(i):  # "China did not pledge ...": reported, its speaker before it
            kind_span = min(negated_hits[i])
        cue_spans = sorted({span for spans in found.values() for span in spans} | ({kind_span} if kind_span else set()))
        start, end = _trimmed(text, unit.start, unit.end)
        anchor = kind_span[0] if kind_span else -1
        item = items.get(unit.sentence.index) if unit.clause == 0 else None
        lead_in = -1
        # "Support the Fund;" or "Enhance capacity, including through support for ..." after "DO HEREBY AGREE TO:"
        # commits: an item without a subject of its own before its cue takes its lead-in's kind
        if item is not None and (kind_span is None or
                                 not any(item.words_start <= a < kind_span[0] for a, _ in actor_spans)):
            kind = kind if item.keeps_own_kind and kind_span is not None else item.kind  # "DO HEREBY:" / "Welcome ..."
            lead_in = item.lead_in
            start, anchor = max(start, item.words_start), max(anchor, item.words_start)
        statements.append(
            Statement(
                article_id=article.article_id,
                sentence_id=unit.sentence.sentence_id,
                start=start,
                end=end,
                quote=text[start:end],
                categories=tuple(c.id for c in taxonomy.categories if c.id in found),
                kind=kind,
                cues=tuple(dict.fromkeys(text[s:e] for s, e in cue_spans)),
                confidence=_confidence(sum(len(v) for v in found.values()), kind_span is not None, len(found)),
                statement_id=f"{unit.sentence.sentence_id}-c{unit.clause}",
                anchor=anchor,
                lead_in=lead_in,
            )
        )
    return statements


_CLAUSE_MARK = re.compile(r"[,;:.!?]")


def _not_negated(kind_spans: dict[str, list[_Span]], negations: list[_Span], folded: str,
                 negation: Negation) -> tuple[dict[str, list[_Span]], list[_Span]]:
    """Each kind's cues but those right after a negation ("did not commit", "has not yet pledged"; not "not
    only pledged"), and those after a negated cue in its clause, a few words on: what was not promised is not
    promised by its own words ("I cannot promise that doses will reach Asean soon"; "did not commit, but said
    it would" and "did not support the coup and will work with ASEAN" commit: `Negation.scope_words`,
    `scope_end`), nor the modal right before a negation of a cue ("would not commit to a specific amount" is
    no "would"). Also the negated cues, sorted. `negations` are the negation cues' spans, sorted."""
    ends = [end for _start, end in negations]
    cues = sorted((span, kind) for kind, spans in kind_spans.items() for span in spans)
    kept: dict[str, list[_Span]] = {kind: [] for kind in kind_spans}
    negated: list[_Span] = []
    negating: set[int] = set()  # where the negations of negated cues start
    for span, kind in cues:
        i = bisect_right(ends, span[0])
        if i:
            between = folded[ends[i - 1] : span[0]]
            words = between.split()
            if len(words) <= negation.words_between and not _CLAUSE_MARK.search(between) \
                    and not (words and negation.not_after is not None and negation.not_after.search(words[0])):
                negated.append(span)
                negating.add(negations[i - 1][0])
                continue
        if negated and span[0] > negated[-1][1]:
            after = folded[negated[-1][1] : span[0]]
            if not _SCOPE_MARK.search(after) and len(after.split()) <= negation.scope_words and \
                    not (negation.scope_end is not None and negation.scope_end.search(after)):
                continue
        kept[kind].append(span)
    if negating:  # "would not commit", "will not pledge": the modal right before the negation is negated with its verb
        kept = {kind: [span for span in spans if after_spaces(folded, span[1]) not in negating]
                for kind, spans in kept.items()}
    return kept, negated


_SENTENCE_GAP = re.compile(r"[.!?\n]")  # the cue after a subject's aside is in its sentence
_ASIDE_VERB_WORDS = 40  # characters after a subject's aside within which its verb's cue comes ("..., urged")


def _without_asides(kind_spans: dict[str, list[_Span]], aside: re.Pattern[str] | None,
                    subject_aside: re.Pattern[str] | None, folded: str,
                    question: re.Pattern[str] | None = None) -> dict[str, list[_Span]]:
    """The kind cues outside asides: those `aside` finds ("Indonesia, which will chair ASEAN next year, hopes
    ...", "the code, which negotiators had hoped to finish") and those `subject_aside` finds between a subject
    and its verb ("Retno, who chairs the meeting, urged": a cue follows it). After the verb's object such an
    aside may be the news itself ("Retno met Wang Yi, who pledged 10 million doses"): its cues stay. Also outside
    a reporter's question that `question` finds ("Asked whether Russia would contribute, the minister ...")."""
    starts = sorted(s[0] for spans in kind_spans.values() for s in spans)
    asides = [m.span() for m in aside.finditer(folded)] if aside is not None else []
    asides += [m.span() for m in question.finditer(folded)] if question is not None else []
    for match in subject_aside.finditer(folded) if subject_aside is not None else ():
        at = bisect_left(starts, match.end())
        if at < len(starts) and starts[at] <= match.end() + _ASIDE_VERB_WORDS and \
                not _SENTENCE_GAP.search(folded, match.end(), starts[at]):
            asides.append(match.span())
    asides.sort()
    if not asides:
        return kind_spans
    aside_starts = [a for a, _b in asides]

    def outside(span: _Span) -> bool:
        i = bisect_right(aside_starts, span[0]) - 1
        return i < 0 or span[0] >= asides[i][1]

    return {kid: [s for s in spans if outside(s)] for kid, spans in kind_spans.items()}


_SCOPE_MARK = re.compile(r"[,;:.!?\n]")  # a clause mark or a line's end (a list's items, stripped punctuation)


def _is_question(sentence: str) -> bool:
    """A sentence that ends in its own question mark asks ("Question: Will Russia supply test kits to
    Laos?"): it commits, supports or appeals to nothing. One that ends in a quoted or bracketed question
    ('... for the summit themed "Are we ready for the next pandemic?"') states like any other."""
    return sentence.rstrip().endswith(("?", "？"))


def _decide_kind(i: int, kind_hits: dict[str, dict[int, list[_Span]]]) -> tuple[str, _Span | None]:
    """The kind of the earliest cue in the sentence; of cues at one word, the longest ("offered condolences" is
    a concern, "offered" alone a commitment); ties go to the order of KIND_ORDER."""
    best: tuple[int, int, int, str, _Span] | None = None
    for rank, kind in enumerate(KIND_ORDER):
        for span in kind_hits.get(kind, {}).get(i, []):
            candidate = (span[0], span[0] - span[1], rank, kind, span)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        return DEFAULT_KIND, None
    return best[3], best[4]
