"""The pledge taxonomy: categories and kinds with their cues, read from dashboard/vocab/taxonomy.toml."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dashboard.preprocess.cues import CueError, CueSet, as_list, compile_cues
from dashboard.preprocess.textutil import whole_phrases

KIND_ORDER = ("commitment", "appeal", "support", "concern", "report")
DEFAULT_KIND = "report"
_OPERATIVE_KIND = "commitment"  # an operative list's item without a verb of a kind, unless the taxonomy says


class TaxonomyError(ValueError):
    """The taxonomy file is invalid; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    description: str
    cues: CueSet | None
    requires: CueSet | None = None
    excludes: CueSet | None = None
    suppressed_by: tuple[str, ...] = ()
    entity_types: tuple[str, ...] = ()
    # the kinds this category is the topic of; a statement of another kind takes it only when it has no other
    # ("agreed to exchange data on the epidemiological situation": information sharing, no situation update)
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    label: str
    description: str
    cues: CueSet | None
    not_before: re.Pattern[str] | None = None  # a cue followed by one of these is none ("informed that China will")


@dataclass(frozen=True, slots=True)
class Negation:
    """Words that make the kind cue after them no cue ("did not commit")."""

    cues: CueSet
    words_between: int = 1  # words allowed between the negation and the cue ("has not yet pledged")
    not_after: CueSet | None = None  # "not only pledged", "never stopped supporting": a negation before one is none
    scope_words: int = 8  # how far after a negated cue the cues after it are none too
    scope_end: re.Pattern[str] | None = None  # a word that ends that scope ("and will work with ASEAN")


@dataclass(frozen=True, slots=True)
class Taxonomy:
    categories: tuple[Category, ...]
    kinds: tuple[Kind, ...]
    procedural: CueSet | None
    version: str
    negation: Negation | None = None
    # an aside that `aside_openers` open after a comma, up to the next mark ("Indonesia, which will chair ASEAN
    # next year, hopes ..."): its kind cues describe, they state nothing
    aside: re.Pattern[str] | None = None
    # one that `subject_aside_openers` open, up to the next comma: an aside only before the verb's cue
    subject_aside: re.Pattern[str] | None = None
    # a lead-in that is only an operative opener ("DO HEREBY:"): its items keep their own kinds ("Welcome the
    # adoption of ..." supports), and those without a cue are of `operative_kind` ("Enhance cooperation ...")
    operative_opener: re.Pattern[str] | None = None
    operative_kind: str = "commitment"  # as _OPERATIVE_KIND
    # a reporter's question opening a sentence, up to its comma ("Asked whether Japan would put a figure on it, ..."):
    # its kind cues ask, the answer states
    question: re.Pattern[str] | None = None

    def label(self, category_id: str) -> str:
        """Readable label of a category or kind id (the id itself when unknown)."""
        items: tuple[Category | Kind, ...] = (*self.categories, *self.kinds)
        for item in items:
            if item.id == category_id:
                return item.label
        return category_id

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @property
    def kind_ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds)

    @property
    def masked_entity_types(self) -> frozenset[str]:
        return frozenset(t for c in self.categories for t in c.entity_types)


def default_taxonomy_path() -> Path:
    return Path(str(resources.files("dashboard") / "vocab" / "taxonomy.toml"))


def _parse(path: Path) -> Taxonomy:
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: not valid TOML: {exc}") from exc
    src = str(path)
    try:
        categories = []
        seen: set[str] = set()
        for entry in data.get("category", []):
            cid = str(entry.get("id", "")).strip()
            if not re.fullmatch(r"[a-z][a-z0-9_]*", cid) or cid in seen:
                raise TaxonomyError(f"{src}: category id {cid!r} is missing, malformed or repeated")
            seen.add(cid)
            where = f"{src} [category {cid}]"
            categories.append(
                Category(
                    id=cid,
                    label=str(entry.get("label") or cid.replace("_", " ").capitalize()),
                    description=str(entry.get("description", "")),
                    cues=compile_cues(as_list(entry.get("cues"), field="cues", source=where), source=where),
                    requires=compile_cues(as_list(entry.get("requires"), field="requires", source=where),
                                          source=where),
                    excludes=compile_cues(as_list(entry.get("excludes"), field="excludes", source=where),
                                          source=where),
                    suppressed_by=tuple(as_list(entry.get("suppressed_by"), field="suppressed_by", source=where)),
                    entity_types=tuple(as_list(entry.get("entity_types"), field="entity_types", source=where)),
                    kinds=tuple(as_list(entry.get("kinds"), field="kinds", source=where)),
                )
            )
        for cat in categories:
            if unknown_kinds := set(cat.kinds) - set(KIND_ORDER):
                raise TaxonomyError(f"{src}: category {cat.id} names unknown kinds {sorted(unknown_kinds)}")
            unknown = set(cat.suppressed_by) - seen
            if unknown:
                raise TaxonomyError(f"{src}: category {cat.id} is suppressed_by unknown {sorted(unknown)}")
        kinds = []
        for entry in data.get("kind", []):
            kid = str(entry.get("id", "")).strip()
            if kid not in KIND_ORDER:
                raise TaxonomyError(f"{src}: kind {kid!r} is not one of {', '.join(KIND_ORDER)}")
            where = f"{src} [kind {kid}]"
            kinds.append(
                Kind(
                    id=kid,
                    label=str(entry.get("label") or kid.capitalize()),
                    description=str(entry.get("description", "")),
                    cues=compile_cues(as_list(entry.get("cues"), field="cues", source=where), source=where),
                    not_before=re.compile(rf"\s+{whole_phrases(words)}", re.IGNORECASE)
                    if (words := as_list(entry.get("not_before"), field="not_before", source=where)) else None,
                )
            )
        if {k.id for k in kinds} != set(KIND_ORDER):
            raise TaxonomyError(f"{src}: kinds must be exactly {', '.join(KIND_ORDER)}")
        procedural = compile_cues(
            as_list(data.get("procedural", {}).get("cues"), field="procedural.cues", source=src), source=src
        )
        negation = _negation(data.get("negation", {}), src)
        openers = as_list(data.get("aside_openers"), field="aside_openers", source=src)
        subject_openers = as_list(data.get("subject_aside_openers"), field="subject_aside_openers", source=src)
        operative = as_list(data.get("operative_openers"), field="operative_openers", source=src)
        operative_verbs = as_list(data.get("operative_verbs"), field="operative_verbs", source=src)
        questions = as_list(data.get("question_openers"), field="question_openers", source=src)
        operative_kind = str(data.get("operative_kind", _OPERATIVE_KIND))
        if operative_kind not in KIND_ORDER:
            raise TaxonomyError(f"{src}: operative_kind {operative_kind!r} is not one of {', '.join(KIND_ORDER)}")
    except CueError as exc:
        raise TaxonomyError(str(exc)) from exc
    if not categories:
        raise TaxonomyError(f"{src}: no categories")
    version = f"{data.get('version', '0')}+{hashlib.blake2b(raw, digest_size=4).hexdigest()}"
    return Taxonomy(tuple(categories), tuple(kinds), procedural, version, negation,
                    _aside_pattern(openers, "[,.;!?]"), _aside_pattern(subject_openers, ","),
                    _operative_pattern(operative, operative_verbs), operative_kind, _question_pattern(questions))


def _question_pattern(openers: list[str]) -> re.Pattern[str] | None:
    """A phrase one of `openers` opens at a line's or a sentence's start, up to its comma ("Asked whether Russia
    would contribute to the centre, the minister ...")."""
    if not openers:
        return None
    return re.compile(rf"(?:^|(?<=\n)|(?<=[.!?]\s))[\s\"'(]*{whole_phrases(openers)}[^,.;:!?\n]*,", re.IGNORECASE)


def _operative_pattern(openers: list[str], verbs: list[str]) -> re.Pattern[str] | None:
    """A line that is only an operative opener, perhaps with a declaring verb and "as follows", then a colon ("DO
    HEREBY:", "HEREBY DECLARE AS FOLLOWS:"; not "DO HEREBY AGREE TO:", whose items are what is agreed)."""
    if not openers:
        return None
    verb = rf"(?:\s+{whole_phrases(verbs)})?" if verbs else ""
    return re.compile(rf"\W*{whole_phrases(openers)}{verb}(?:\s+as\s+follows)?\s*:\s*", re.IGNORECASE)


def _aside_pattern(openers: list[str], end: str) -> re.Pattern[str] | None:
    """An aside one of `openers` opens after a comma, up to `end` (a character class or a character)."""
    if not openers:
        return None
    return re.compile(rf",\s+(?:{'|'.join(map(re.escape, openers))})\b[^,.;:!?]*{end}", re.IGNORECASE)


def _check_whole_number(value: object, key: str, where: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TaxonomyError(f"{where}: {key} must be a whole number of at least 0")


def _negation(section: dict, src: str) -> Negation | None:
    where = f"{src} [negation]"
    cues = compile_cues(as_list(section.get("cues"), field="cues", source=where), source=where)
    if cues is None:
        return None
    words_between = section.get("words_between", 1)
    _check_whole_number(words_between, "words_between", where)
    not_after = compile_cues(as_list(section.get("not_after"), field="not_after", source=where), source=where)
    scope_words = section.get("scope_words", 8)
    _check_whole_number(scope_words, "scope_words", where)
    ends = as_list(section.get("scope_ends"), field="scope_ends", source=where)
    scope_end = re.compile(rf"\b(?:{'|'.join(map(re.escape, ends))})\b", re.IGNORECASE) if ends else None
    return Negation(cues, words_between, not_after, scope_words, scope_end)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy (cached); `path` defaults to the packaged file."""
    return _parse(Path(path) if path else default_taxonomy_path())
