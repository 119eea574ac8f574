"""Plain records passed between the pipeline steps.

Readers produce `RawDocument`s, cleaning turns each into an `Article`, later steps add
`Sentence`, `Mention` and `Statement` records; `tables.py` turns the lists into DataFrames at the end.
Records are immutable so that a step cannot change what an earlier step produced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import TypeVar

_Record = TypeVar("_Record", bound=type)

# The table contract: every table the pipeline writes, with its columns in order (see the README).
COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "source_file", "record", "outlet", "author", "title", "published", "updated",
                 "dateline", "url", "source_id", "text", "boilerplate", "n_sentences", "n_words", "event_id",
                 "duplicate_of", "warnings"],
    "sources": ["source_id", "outlet", "domain", "n_articles", "authors"],
    "sentences": ["article_id", "sentence_id", "paragraph", "text", "start", "end"],
    "entities": ["entity_id", "name", "type", "iso3", "country", "aliases", "members", "role"],
    "mentions": ["article_id", "sentence_id", "entity_id", "surface", "start", "end"],
    "pledges": ["pledge_id", "statement_id", "article_id", "sentence_id", "category", "kind", "quote", "cues",
                "confidence", "start", "end"],
    "pledge_actors": ["pledge_id", "entity_id", "role", "via"],
    "errors": ["source_file", "record", "reason"],
    "events": ["event_id", "label", "date", "actors", "n_articles"],
    "claims": ["claim_id", "event_id", "label", "category", "n_articles", "n_outlets", "single_source",
               "has_discrepancy"],
    "claim_members": ["claim_id", "article_id", "sentence_id", "statement_id", "pledge_id", "quote", "outlet",
                      "kind"],
    "discrepancies": ["claim_id", "field", "description", "values", "article_ids"],
}

def slot_init(cls: _Record) -> _Record:
    """A frozen, slotted dataclass given an __init__ that stores each field through its slot's descriptor.

    The same parameters, defaults and resulting object as dataclass's own __init__ (its annotations are not
    copied), which stores each field through `object.__setattr__` (frozen classes forbid plain assignment):
    about half the time, for the ~250 records an article makes (sentences, mentions, statements, the steps'
    own spans). A class with a __post_init__, or a field with a default factory, without init or
    keyword-only, is refused.
    """
    params_of = getattr(cls, "__dataclass_params__", None)
    if params_of is None or not params_of.frozen or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"slot_init: {cls.__name__} is not a frozen, slotted dataclass without __post_init__")
    names = [f.name for f in fields(cls)]
    scope: dict[str, object] = {f"_set_{n}": cls.__dict__[n].__set__ for n in names}
    params = []
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init or f.kw_only:
            raise TypeError(f"slot_init: {cls.__name__}.{f.name} needs dataclass's own __init__")
        if f.default is MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"\n    _set_{n}(self, {n})" for n in names) or "\n    pass"
    namespace: dict[str, Callable[..., None]] = {}
    exec(f"def __init__(self, {', '.join(params)}) -> None:{body}", scope, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


ENTITY_TYPES = ("country", "bloc", "organisation", "forum", "fund", "person", "place")
KINDS = ("commitment", "appeal", "support", "concern", "report")
ROLES = ("speaker", "target")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from disk, before cleaning.

    `meta` holds metadata given explicitly (front matter, jsonl/csv columns, HTML metadata,
    the --metadata sidecar): keys among title, url, outlet, author, published, updated.
    Explicit metadata always wins over what cleaning detects in the text.
    """

    source_file: str
    record: str  # "" for one-article files, "line 3" / "row 2" inside jsonl / csv
    text: str  # body text, NFC, with paragraphs separated by blank lines or single newlines
    meta: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    is_html: bool = False


@dataclass(frozen=True, slots=True)
class ReadError:
    """Why one file or record could not be turned into an article."""

    source_file: str
    record: str
    reason: str


@slot_init
@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the body every offset points into, and its metadata."""

    article_id: str
    source_file: str
    record: str
    text: str  # the clean body; every start/end offset in other tables points into it
    boilerplate: str  # what cleaning removed, newline-joined
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""  # YYYY-MM-DD or ""
    updated: str = ""
    dateline: str = ""
    url: str = ""
    warnings: tuple[str, ...] = ()


@slot_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or clause; `start`/`end` are offsets into `Article.text`."""

    article_id: str
    sentence_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@slot_init
@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a gazetteer (or detected) entity in a sentence."""

    article_id: str
    sentence_id: str
    entity_id: str
    surface: str
    start: int
    end: int


@slot_init
@dataclass(frozen=True, slots=True)
class Statement:
    """A classified sentence or clause: categories, one kind, the cues that decided them."""

    article_id: str
    sentence_id: str
    start: int
    end: int
    quote: str
    categories: tuple[str, ...]
    kind: str
    cues: tuple[str, ...]
    confidence: float
    statement_id: str = ""
    anchor: int = -1  # offset of the cue that decided the kind (-1: none); speakers are named before it
    lead_in: int = -1  # offset of the sentence introducing the list this is an item of ("... agreed to:"), or -1
    speakers: tuple[str, ...] = ()  # entity ids
    targets: tuple[str, ...] = ()

    def with_actors(self, speakers: tuple[str, ...], targets: tuple[str, ...]) -> Statement:
        """This statement with its speakers and targets: dataclasses.replace, without reading the fields'
        list each time (one call per statement of every article)."""
        return Statement(self.article_id, self.sentence_id, self.start, self.end, self.quote, self.categories,
                         self.kind, self.cues, self.confidence, self.statement_id, self.anchor, self.lead_in, speakers,
                         targets)
