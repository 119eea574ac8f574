"""Classify sentences into taxonomy categories and one kind, keeping the cue words that decided.

Cue regexes run once over the whole (accent-stripped) article text and their matches are bucketed
into sentences by offset: a few passes per article instead of one per sentence and category.
A sentence with no category is procedural or background and yields no statement. Where a sentence
holds two statements with their own subjects ("..., while Russia pledged ..."), it is split into
clauses when the clauses differ in topic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from dashboard.preprocess.records import Article, Mention, Sentence, Statement
from dashboard.preprocess.taxonomy import DEFAULT_KIND, KIND_ORDER, Taxonomy
from dashboard.preprocess.textutil import normalise_quotes, strip_accents

_Span = tuple[int, int]


def _bucket(spans: Sequence[_Span], starts: Sequence[int], ends: Sequence[int]) -> dict[int, list[_Span]]:
    """Sentence index -> spans lying entirely inside that sentence."""
    out: dict[int, list[_Span]] = defaultdict(list)
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= ends[i]:
            out[i].append((start, end))
    return out


def _matches(pattern: re.Pattern[str] | None, text: str) -> list[_Span]:
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def masked_text(text: str, mentions: Sequence[Mention], types_by_entity: dict[str, str],
                masked_types: frozenset[str]) -> str:
    """Blank out names of entities whose words must not count as cues (a fund's "Dialogue Partnership")."""
    if not masked_types:
        return text
    chars = list(text)
    for m in mentions:
        if types_by_entity.get(m.entity_id) in masked_types:
            chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _confidence(n_category_cues: int, has_kind_cue: bool, n_categories: int) -> float:
    score = 0.45 + 0.15 * min(n_category_cues, 3) + (0.15 if has_kind_cue else 0.0) - 0.05 * max(0, n_categories - 2)
    return round(max(0.2, min(score, 0.95)), 2)


def classify_statements(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    taxonomy: Taxonomy,
    types_by_entity: dict[str, str],
) -> list[Statement]:
    """Statements (sentences with at least one category) of one article, in reading order."""
    if not sentences:
        return []
    text = article.text
    folded = normalise_quotes(strip_accents(text))
    cue_text = masked_text(folded, mentions, types_by_entity, taxonomy.masked_entity_types)
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]

    category_hits = {c.id: _bucket(_matches(c.cues, cue_text), starts, ends) for c in taxonomy.categories}
    required = {c.id: _bucket(_matches(c.requires, folded), starts, ends) for c in taxonomy.categories if c.requires}
    excluded = {c.id: _bucket(_matches(c.excludes, folded), starts, ends) for c in taxonomy.categories if c.excludes}
    kind_hits = {k.id: _bucket(_matches(k.cues, folded), starts, ends) for k in taxonomy.kinds}
    procedural = _bucket(_matches(taxonomy.procedural, folded), starts, ends)
    entity_categories: dict[int, dict[str, list[_Span]]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        entity_type = types_by_entity.get(mention.entity_id, "")
        for category in taxonomy.categories:
            if entity_type in category.entity_types:
                i = bisect_right(starts, mention.start) - 1
                if i >= 0:
                    entity_categories[i][category.id].append((mention.start, mention.end))

    statements = []
    for i, sentence in enumerate(sentences):
        found: dict[str, list[_Span]] = {}
        for category in taxonomy.categories:
            spans = category_hits[category.id].get(i, []) + entity_categories.get(i, {}).get(category.id, [])
            if not spans:
                continue
            if category.requires is not None and not required[category.id].get(i):
                continue
            if category.excludes is not None and excluded[category.id].get(i):
                continue
            found[category.id] = spans
        for category in taxonomy.categories:
            if category.id in found and any(other in found for other in category.suppressed_by):
                del found[category.id]
        if not found:
            continue
        kind, kind_span = _decide_kind(i, kind_hits)
        if kind == DEFAULT_KIND and procedural.get(i):
            continue
        cue_spans = sorted({span for spans in found.values() for span in spans} | ({kind_span} if kind_span else set()))
        statement_id = f"{sentence.sentence_id}-c0"
        statements.append(
            Statement(
                article_id=article.article_id,
                sentence_id=sentence.sentence_id,
                start=sentence.start,
                end=sentence.end,
                quote=sentence.text,
                categories=tuple(c.id for c in taxonomy.categories if c.id in found),
                kind=kind,
                cues=tuple(dict.fromkeys(text[s:e] for s, e in cue_spans)),
                confidence=_confidence(sum(len(v) for v in found.values()), kind_span is not None, len(found)),
                statement_id=statement_id,
                anchor=kind_span[0] if kind_span else -1,
            )
        )
    return statements


def _decide_kind(i: int, kind_hits: dict[str, dict[int, list[_Span]]]) -> tuple[str, _Span | None]:
    """The kind of the earliest cue in the sentence; ties go to the order of KIND_ORDER."""
    best: tuple[int, int, str, _Span] | None = None
    for rank, kind in enumerate(KIND_ORDER):
        for span in kind_hits.get(kind, {}).get(i, []):
            candidate = (span[0], rank, kind, span)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        return DEFAULT_KIND, None
    return best[2], best[3]
