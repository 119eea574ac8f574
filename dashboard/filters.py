"""The Filter value: apply it to a corpus, describe it in words, carry it in a URL query string.

Within one facet the selected values are alternatives (Russia or Việt Nam); across facets they all
apply (Russia and vaccines). Actor facets (countries, blocs and organisations, people) honour the
role: speaker, target, or any mention inside the statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.store import Corpus, fold_text
from dashboard.word_index import TextSearch

Role = Literal["speaker", "target", "any"]
ROLE_CHOICES: tuple[Role, ...] = ("any", "speaker", "target")
ROLE_LABELS: dict[str, str] = {"any": "any mention", "speaker": "speaker", "target": "target"}
_ROLE_WORDS = {"speaker": "by", "target": "towards", "any": "involving"}
_KIND_PLURALS = {"commitment": "commitments", "appeal": "appeals", "support": "expressions of support",
                 "concern": "concerns", "report": "reports"}

# Query-string keys; lists repeat the key (?topic=funding&topic=vaccines_treatment).
QUERY_KEYS: dict[str, str] = {
    "countries": "country", "include_blocs": "via_blocs", "blocs": "group", "people": "person",
    "topics": "topic", "kinds": "kind", "role": "role", "outlets": "outlet", "date_from": "from",
    "date_to": "to", "text": "q", "min_outlets": "min_outlets",
}


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user selected; the empty Filter() selects everything."""

    countries: tuple[str, ...] = ()  # entity ids, e.g. country:RUS
    include_blocs: bool = False  # count a bloc's statements for each member country
    blocs: tuple[str, ...] = ()  # blocs, organisations, forums, funds
    people: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # taxonomy category ids
    kinds: tuple[str, ...] = ()
    role: Role = "any"
    outlets: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    min_outlets: int = 1

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return (*self.countries, *self.blocs, *self.people)

    def is_empty(self) -> bool:
        return self == Filter(role=self.role, include_blocs=self.include_blocs)


# ---------------------------------------------------------------- applying


def apply_filter(corpus: Corpus, f: Filter) -> pd.DataFrame:
    """The pledge rows (statement x topic, with lookup columns) that match `f`."""
    mask = filter_mask(corpus, f)
    return corpus.pledges if mask is None else corpus.pledges[mask]


def filter_mask(corpus: Corpus, f: Filter) -> np.ndarray | None:
    """Boolean mask over corpus.pledges, or None when nothing is filtered."""
    rows = corpus.pledges
    parts: list[np.ndarray] = []
    for column, values in (("category", f.topics), ("kind", f.kinds), ("outlet", f.outlets)):
        if values:
            parts.append(rows[column].isin(list(values)).to_numpy())
    if f.date_from is not None:
        parts.append((rows["date"] >= pd.Timestamp(f.date_from)).to_numpy())
    if f.date_to is not None:
        parts.append((rows["date"] <= pd.Timestamp(f.date_to)).to_numpy())
    if f.min_outlets > 1:
        parts.append((rows["n_outlets"] >= f.min_outlets).to_numpy())
    if f.text.strip():
        parts.append(text_mask(corpus.search_text, f.text, corpus.text_search))
    parts += [_actor_mask(corpus, keys, f.role, vias) for keys, vias in _actor_facets(f)]
    if not parts:
        return None
    mask = parts[0].copy()
    for part in parts[1:]:
        mask &= part
    return mask


def _actor_facets(f: Filter) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    country_vias = ("self", "nationality", "bloc") if f.include_blocs else ("self", "nationality")
    facets = [(f.countries, country_vias), (f.blocs, ("self",)), (f.people, ("self",))]
    return [(keys, vias) for keys, vias in facets if keys]


def _actor_mask(corpus: Corpus, keys: Sequence[str], role: Role, vias: Sequence[str]) -> np.ndarray:
    roles = ("speaker", "target", "mention") if role == "any" else (role,)
    return corpus.actors.mask_for(keys, roles, vias, len(corpus.pledges))


def search_terms(text: str) -> list[str]:
    """Folded search terms: "quoted phrases" stay whole, other words are separate terms."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]+"', " ", text).replace('"', " ")
    return [fold_text(t).strip() for t in (*phrases, *rest.split()) if fold_text(t).strip()]


def text_mask(folded: pa.ChunkedArray, text: str, search: TextSearch | None = None) -> np.ndarray:
    """Rows whose folded quote contains every term (accent- and case-insensitive).

    `search` is the column's word index (the corpus keeps one); without it, one is built for this call.
    """
    terms = search_terms(text)
    if not terms or not len(folded):
        return np.ones(len(folded), dtype=bool)
    return (search or TextSearch(folded)).mask(terms)


# ---------------------------------------------------------------- describing


def describe_filter(f: Filter, corpus: Corpus) -> str:
    """The selection in words: "Commitments by Russia on vaccines and treatment · 2 outlets"."""
    head = _kinds_phrase(f.kinds, corpus)
    if head == "Statements" and not f.actor_ids and not f.topics:
        head = "All statements"
    if f.actor_ids:
        names = [corpus.name(e) for e in f.actor_ids]
        head += f" {_ROLE_WORDS[f.role]} {_join(names, 'or')}"
        if f.countries and f.include_blocs:
            head += f" (incl. through {'its' if len(f.countries) == 1 else 'their'} blocs)"
    if f.topics:
        head += " on " + _join([_lower_first(corpus.topic_label(t)) for t in f.topics], "or")
    extras = []
    if f.outlets:
        extras.append(f"in {f.outlets[0]}" if len(f.outlets) == 1 else f"{len(f.outlets)} outlets")
    if f.date_from and f.date_to:
        extras.append(f"{f.date_from.isoformat()} to {f.date_to.isoformat()}")
    elif f.date_from:
        extras.append(f"from {f.date_from.isoformat()}")
    elif f.date_to:
        extras.append(f"until {f.date_to.isoformat()}")
    if f.text.strip():
        extras.append(f"quotes containing “{f.text.strip()}”")
    if f.min_outlets > 1:
        extras.append(f"reported by at least {f.min_outlets} outlets")
    return " · ".join([head, *extras])


def _kinds_phrase(kinds: Sequence[str], corpus: Corpus) -> str:
    if not kinds:
        return "Statements"
    words = [_KIND_PLURALS.get(k, corpus.kind_label(k).lower()) for k in kinds]
    text = _join(words, "and")
    return text[0].upper() + text[1:]


def _join(items: Sequence[str], word: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _lower_first(label: str) -> str:
    """"Vaccines and treatment" -> "vaccines and treatment", but keep acronyms ("COVID")."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]


# ---------------------------------------------------------------- query string


def to_query_params(f: Filter) -> dict[str, str | list[str]]:
    """Only what differs from the default, as str or list of str values."""
    default = Filter()
    out: dict[str, str | list[str]] = {}
    for item in fields(Filter):
        value = getattr(f, item.name)
        if value == getattr(default, item.name):
            continue
        key = QUERY_KEYS[item.name]
        if isinstance(value, tuple):
            out[key] = list(value)
        elif isinstance(value, bool):
            out[key] = "1" if value else "0"
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def from_query_params(params: Mapping[str, str | Sequence[str]]) -> Filter:
    """The Filter a (possibly hand-edited) query string describes; malformed values are ignored."""
    def values(name: str) -> tuple[str, ...]:
        raw = params.get(QUERY_KEYS[name], ())
        items = [raw] if isinstance(raw, str) else list(raw)
        return tuple(dict.fromkeys(v.strip() for v in items if v and v.strip()))

    def single(name: str) -> str:
        found = values(name)
        return found[-1] if found else ""

    role = single("role")
    return Filter(
        countries=tuple(_country_id(v) for v in values("countries")),
        include_blocs=single("include_blocs").lower() in {"1", "true", "yes", "on"},
        blocs=values("blocs"),
        people=values("people"),
        topics=values("topics"),
        kinds=values("kinds"),
        role=role if role in ROLE_CHOICES else "any",
        outlets=values("outlets"),
        date_from=_parse_date(single("date_from")),
        date_to=_parse_date(single("date_to")),
        text=single("text"),
        min_outlets=_parse_count(single("min_outlets")),
    )


def _country_id(value: str) -> str:
    """Accept "RUS" as shorthand for "country:RUS" in hand-written links."""
    return value if ":" in value else f"country:{value.upper()}"


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_count(value: str) -> int:
    return int(value) if value.isdigit() and int(value) >= 1 else 1


# ---------------------------------------------------------------- empty results


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One way to loosen a filter that returns nothing, and what it would return."""

    text: str
    n_statements: int
    filter: Filter


def loosen_suggestions(corpus: Corpus, f: Filter) -> list[Suggestion]:
    """Single changes to `f` that would give results, most results first."""
    options: list[tuple[str, Filter]] = []
    if f.countries and not f.include_blocs:
        options.append(("include statements made through blocs", replace(f, include_blocs=True)))
    if f.role != "any" and f.actor_ids:
        options.append(("count any mention, not only the " + f.role, replace(f, role="any")))
    named = {
        "countries": "country", "blocs": "bloc / organisation", "people": "person", "topics": "topic",
        "kinds": "kind", "outlets": "outlet", "text": "search text", "min_outlets": "minimum outlets",
    }
    default = Filter()
    for attr, label in named.items():
        if getattr(f, attr) != getattr(default, attr):
            options.append((f"remove the {label} filter", replace(f, **{attr: getattr(default, attr)})))
    if f.date_from or f.date_to:
        options.append(("remove the date range", replace(f, date_from=None, date_to=None)))
    out = []
    for text, loosened in options:
        n = count_statements(apply_filter(corpus, loosened))
        if n:
            out.append(Suggestion(text, n, loosened))
    return sorted(out, key=lambda s: -s.n_statements)


def count_statements(rows: pd.DataFrame) -> int:
    return int(rows["stmt"].nunique()) if len(rows) else 0
