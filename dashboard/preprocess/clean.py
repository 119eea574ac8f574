"""Cleaning: separate the article body from page boilerplate and read its metadata.

Works on paragraphs (non-empty lines) of text files and of the text trafilatura extracted from
HTML alike. The order matters and is fixed in `clean_document`: the page tail (recent posts,
comments) goes first, then author bios, line-level noise (share buttons, cookie notices, related
links, photo credits, language switchers), navigation menus, metadata lines (dates, bylines,
sign-offs), and finally the title and the dateline of what is left. Everything removed is kept,
in order, in `Article.boilerplate`. Metadata given explicitly (front matter, export columns,
sidecar) always wins over what is detected.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from email.header import decode_header, make_header
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from dashboard.preprocess.records import Article, RawDocument
from dashboard.preprocess.textutil import (
    POST_HEAD,
    SMALL_WORDS,
    Needles,
    headline_case,
    strip_accents,
    unescape_references,
    whole_phrases,
)

# "25/12/2020", "25.12.2020", "12/25/2020": numbers only, read only when one order alone makes a date
# ("12/11/2020" could be either: never guessed, unless a weekday named beside it tells)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d/.-]?\d)")


_LAST_COMMON_ERA_YEAR = 2100  # the date patterns read years 1900-2099, and those of other eras


@dataclass(frozen=True, slots=True)
class DateWords:
    """The names of months and weekdays and the eras of years (dates.toml), and the date patterns made of them."""

    months: dict[str, tuple[int, bool]]  # accent- and case-folded name -> (month number, of a Buddhist-era language)
    month: str  # a month's name (regex source, case-insensitive)
    weekdays: tuple[re.Pattern[str], ...]  # a weekday's names as a word, Monday first (date.weekday())
    weekday: str  # any weekday's name before a date, perhaps with a full stop and a comma (regex source)
    year: str  # a year of the common era or of the Buddhist era (regex source)
    any_year: re.Pattern[str]  # every full date holds one: a text without is rejected at once
    era_years: tuple[int, int]  # the Buddhist era's years read (first, last)
    era_offset: int  # taken off a year of the Buddhist era
    day_first: re.Pattern[str] | None  # words of a language that writes the day first, accents folded
    patterns: tuple[re.Pattern[str], ...]  # full dates, most specific first

    def month_number(self, name: str) -> int:
        """The month a name stands for ("Aug." -> 8, "Agustus" -> 8), 0 when none."""
        return self.months.get(_month_key(name), (0, False))[0]

    def common_era(self, year: int, month_name: str = "") -> int:
        """A date's year in the common era: 2563 beside a Thai month is 2020; 0 for a year of the Buddhist era's
        range beside another month or none ("May 5 2500 people")."""
        if year < _LAST_COMMON_ERA_YEAR:
            return year
        buddhist = self.months.get(_month_key(month_name), (0, False))[1]
        return year - self.era_offset if buddhist and self.era_years[0] <= year <= self.era_years[1] else 0


def _month_key(name: str) -> str:
    """A month's name as DateWords.months holds it: accents and case folded, without a full stop ("Août." -> "aout")."""
    return strip_accents(name).casefold().rstrip(".")


def _names_pattern(names: Iterable[str]) -> str:
    """Names as a regex alternation, longest first, each also without its accents; a name in Latin letters ends
    at a word's end (Thai writes the next word without a space)."""
    spellings = {form for name in names for form in (name.casefold(), strip_accents(name).casefold())}
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") + (r"(?!\w)" if _is_latin(n[-1]) else "")
                    for n in sorted(spellings, key=len, reverse=True))


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _name_lists(language: Mapping, key: str, count: int) -> list[list[str]]:
    """A language's names of each month or weekday: a name or a list of names each."""
    value = language.get(key, [])
    if value == []:
        return []
    lists = [[names] if isinstance(names, str) else names for names in value] if isinstance(value, list) else []
    if len(lists) != count or not all(isinstance(names, list) and names and all(isinstance(n, str) and n.strip()
                                                                                 for n in names) for names in lists):
        raise ValueError(f"dates.toml: {language.get('name', '?')}'s {key} must be {count} names or lists of names")
    return lists


def _date_field(vocab: Mapping, key: str, default: Any, what: str, valid: Callable[[Any], bool]) -> Any:
    """A field of dates.toml as it must be, or a message naming the file and the field."""
    value = vocab.get(key, default)
    if not valid(value):
        raise ValueError(f"dates.toml: {key} must be {what}, not {value!r}")
    return value


def _is_list_of(kind: type) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list) and all(type(item) is kind for item in value)


@lru_cache(maxsize=1)
def load_date_words() -> DateWords:
    """Month and weekday names and eras from dates.toml, with the date patterns they make."""
    vocab = _vocab("dates.toml")
    first, last = _date_field(vocab, "buddhist_era_years", [0, -1], "two years, [first, last]",
                              lambda v: _is_list_of(int)(v) and len(v) == 2)
    also_names = {n.casefold() for n in
                  _date_field(vocab, "weekdays_also_names", [], "a list of names", _is_list_of(str))}
    era_offset = _date_field(vocab, "buddhist_era_offset", 0, "a number of years", lambda v: type(v) is int)
    months: dict[str, tuple[int, bool]] = {}
    weekdays: list[list[str]] = [[] for _ in range(7)]
    for language in _date_field(vocab, "language", [], "[[language]] tables", _is_list_of(dict)):
        era = bool(language.get("buddhist_era", False))
        for number, names in enumerate(_name_lists(language, "months", 12), 1):
            for name in names:
                key = _month_key(name)
                months[key] = (number, era or months.get(key, (0, False))[1])
        for day, names in enumerate(_name_lists(language, "weekdays", 7)):
            weekdays[day] += names
    if not months or not all(weekdays):
        raise ValueError("dates.toml: no language names the months and the weekdays")
    other_eras = "".join(rf"|{prefix}\d{{2}}" for prefix in range(first // 100, last // 100 + 1))
    year = rf"(?:19|20)\d{{2}}{other_eras}"
    month = rf"(?:{_names_pattern(months)})\.?"
    day_first = vocab.get("day_first_words", [])
    return DateWords(
        months=months,
        month=month,
        weekdays=tuple(re.compile(rf"(?<!\w)(?:{_names_pattern(names)})", re.I) for names in weekdays),
        # only before a date's day or month ("Domingo" in "By Katrina Domingo | May 5, 2021" is her name); Thai
        # may put a short word between ("วันอังคารที่ 14 เมษายน")
        weekday=rf"(?<!\w)(?:{_names_pattern(n for names in weekdays for n in names if n not in also_names)})\.?,?"
                rf"(?=[\s,.]*(?:\d|{month})|\S{{1,4}}\s+\d)",
        year=year,
        any_year=re.compile(year),
        era_years=(first, last),
        era_offset=era_offset,
        day_first=re.compile(_words(vocab, "day_first_words", source="dates.toml"), re.IGNORECASE) if day_first
        else None,
        patterns=(
            re.compile(r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
            re.compile(rf"(?P<mon>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{year})(?!\d)", re.I),
            re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{month}),?\s+(?P<y>{year})(?!\d)",
                       re.I),
            # Việt Nam News' "June, 26/2020 - 21:05": the month's name, then the day and the year after a slash
            re.compile(rf"(?P<mon>{month}),?\s+(?P<d>\d{{1,2}})/(?P<y>{year})(?!\d)", re.I),
            # a media-monitoring export's "06-Mar-2024", "06/Mar/2024"
            re.compile(rf"(?<![\w-])(?P<d>\d{{1,2}})(?P<sep2>[-/])(?P<mon>{month})(?P=sep2)(?P<y>{year})(?!\d)", re.I),
            re.compile(r"(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
            _NUMERIC_DATE,
            # a date's eight digits after its label in text stripped of its punctuation ("Posted 20201112 1835",
            # "Last update 27102021 2241"): read in whichever order alone makes a date (see _compact_day)
            re.compile(r"(?i:posted|updated?|updates|published|dated?|dates|issued|released)\s*:?\s*(?P<c>\d{8})"
                       r"(?![\d.,])"),
        ),
    )


_BACKREFERENCE = re.compile(r"\\\d|\(\?P=|\(\?\(")  # \1, (?P=name), (?(1)...): need their own groups
_TIME = r"(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:GMT|UTC|ICT|WIB|MSK)[+\-\d:]*\)?)?"
# a name, perhaps with its place: "Laura Pennington in Washington"; names joined by commas or "and", never by a
# bare space (each word is a name's or a place's in one way only: no backtracking across readings)
_CREDIT_NAME = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,5}(?:\s+in\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})?"
_CREDIT_NAMES = rf"{_CREDIT_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_CREDIT_NAME}){{0,6}}"


def _credit_line_pattern(roles: Sequence[str], labels: Sequence[str]) -> re.Pattern[str]:
    """A credit line of names only after roles ("(Reporting by X in Hanoi; Additional reporting by Y; Editing
    by Z)") or after labels ("Reporter: X, Y", "Reporter: X; Editor: Z")."""
    by_role = rf"(?i:{whole_phrases(roles)})\s+(?i:by)\s+{_CREDIT_NAMES}" if roles else "(?!)"
    by_label = rf"(?i:{whole_phrases(labels)})\s*:\s*{_CREDIT_NAMES}" if labels else "(?!)"
    return re.compile(rf"\(?\s*{by_role}(?:\s*[;,]\s*{by_role})*\s*\)?\.?\s*|{by_label}(?:\s*[;|]\s*{by_label})*\.?\s*")


_BYLINE = re.compile(r"^(?i:by|written by|reporting by|words by)\s+(?P<rest>[^\W\d_a-z].{1,79})$")  # a name next
_NAME_LINE = re.compile(r"^[A-ZÀ-Ỹ][\w.'-]*(?:\s+[A-ZÀ-Ỹ][\w.'-]*){0,3}$")
_URL = re.compile(r"https?://[^\s)>\]]+|www\.[^\s)>\]]+")
_DASH = r"[—–-]{1,2}|:"
_TITLE_MAX_WORDS = 25
_LONG_TITLE_MAX_WORDS = 45  # over punctuated text: a ministry's title of its minister's remarks
_OPENING_CODE = re.compile(r"^\S{2,12}\s+(?:[—–]|--?)\s+")  # an outlet's code and a dash opening the body
# what follows a dateline's place: "(Reuters) -", ", 20 March -", ", April 16, 2020 --", ", April 22. /TASS/.",
# ", China, June 7 (Reuters) -", ", July 13 (Jiji Press)--Japanese ..."
_DATELINE_OPENER = re.compile(
    rf"\s*(?:\([^)]{{1,40}}\)\s*)?(?:,\s*[^,—–()-]{{3,30}}?(?:,\s*(?:19|20)\d\d)?\s*){{0,2}}(?:\([^)]{{1,40}}\)\s*)?"
    rf"(?:(?:{_DASH}|\.?\s*/[^/]{{1,30}}/\.?)\s|(?<=\))(?:[—–]|--)(?=[A-ZÀ-Ỹ]))")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    names: tuple[str, ...]
    signoffs: tuple[str, ...]
    domains: tuple[str, ...]
    wire: bool


@dataclass(frozen=True, slots=True)
class CleaningRules:
    tail_markers: AnyPattern
    document_end: re.Pattern[str]  # the line ending each document of a news-database download (multiline)
    line_patterns: AnyPattern
    head_line_patterns: AnyPattern  # furniture only in a page's head, over a headline (a ticker, a weather widget)
    link_box_markers: AnyPattern
    post_action_bars: AnyPattern  # a social post's action bar: the page's tail, or an embedded post's end
    bio_patterns: AnyPattern
    menu_max_words: int
    menu_run: int
    menu_words: frozenset[str]
    stacked_labels: frozenset[str]  # labels that may stand over another label and a headline ("Premium")
    share_words: frozenset[str]
    outlets: tuple[Outlet, ...]
    signoff: re.Pattern[str]
    signoff_line: re.Pattern[str]  # a line that is only a sign-off's code, set apart ("-- BERNAMA", "--AKP--")
    date_labels: re.Pattern[str]  # the words around a date in a date line, updated_labels included
    updated_labels: re.Pattern[str]
    signoff_not_after: re.Pattern[str]  # ends with a word after which a glued code is the text's own
    signoff_label: re.Pattern[str]  # "Source:" before a sign-off alone on its line
    signoff_outlets: dict[str, str]  # case-folded sign-off code -> outlet ("bernama" -> Bernama)
    credited_outlets: dict[str, str]  # accent- and case-folded code or outlet name -> outlet
    export: ExportHeaderRules
    credit_line: re.Pattern[str]  # "(Reporting by X; Editing by Y)"
    credit_label: re.Pattern[str]  # "Editor: huaxia" as a part of a date line
    credit_author: re.Pattern[str]  # a role that makes an author, then its names ("Reporting by X and Y")
    author_roles: frozenset[str]  # case-folded `credit_author_labels`: "Mihi Tautahi, Political Reporter"
    credit_roles_named: frozenset[str]  # case-folded `credit_labels`: "Jo Moir, Political Editor" credits no author
    not_authors: frozenset[str]  # case-folded bylines that name no one ("staff writer")
    byline_not_words: frozenset[str]  # words of sections and captions, never of a byline's name
    end_mark: re.Pattern[str]  # "END", "###" ending the last line
    end_marks: tuple[str, ...]  # the marks themselves, to tell most lines cheaply
    site_tagline: re.Pattern[str] = re.compile("(?!)")  # a word of a site's tagline after its name
    caption_credit: re.Pattern[str] | None = None  # the end of a photo's caption: ". Photo: AFP"
    post_age: re.Pattern[str] | None = None  # a social post's age under its author's name: "1y • Edited • 🌐"
    role_qualifiers: frozenset[str] = frozenset()  # case-folded `byline_role_qualifiers`: "Senior", "Political"
    byline_date: re.Pattern[str] | None = None  # a date label after a byline's name: "Shin Hye-rim Published Oct"
    mail_fields: dict[str, str] | None = None  # an e-mail header's case-folded label -> "title", "published",
    # "outlet", "other"
    forward_mark: re.Pattern[str] | None = None  # "Fwd: " before an e-mail's subject
    caption_max_chars: int = 250  # a caption is no longer than this
    site_name_heads: frozenset[str] = frozenset()  # a two-word unknown site's name holds one: "Australian Embassy"

    def outlet_called(self, name: str) -> str:
        """The outlet a name, a code or a sign-off stands for, in any case and with or without accents ("AKP",
        "Báo Quốc tế"); "" when none."""
        return self.credited_outlets.get(strip_accents(name).casefold(), "")


@dataclass(frozen=True, slots=True)
class ExportHeaderRules:
    """How the header of a news-database export (Nexis Uni, Factiva, ProQuest) is told and read."""

    body_markers: frozenset[str]  # case-folded line that ends the header ("body")
    max_lines: int  # the header ends within this many lines
    word_count: re.Pattern[str]  # "312 words", "Length: 312 words"
    languages: frozenset[str]  # case-folded language names ("english")
    fields: dict[str, str]  # case-folded label -> "author", "dateline", "outlet", "published" or "dropped"
    cover_labels: frozenset[str] = frozenset()  # case-folded labels of a download's cover page ("job number")
    cover_marks: frozenset[str] = frozenset()  # of those, the ones only a cover has ("client/matter")


def _vocab(name: str) -> dict:
    return tomllib.loads((resources.files("dashboard") / "vocab" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class AnyPattern:
    """Several patterns asked one question, "does any of them match this line?", in a few regex searches.

    The patterns anchored at the start of the line share one regex that is tried at the start only. Of
    the others, those that cannot match without one of a few words ("cookie", "photo") share a regex
    tried only on lines that hold one of those words (a substring test on the folded line); the rest
    share a last regex. Patterns that cannot share a regex (backreferences, repeated group names) are
    tried one by one.
    """

    searches: tuple[re.Pattern[str], ...]
    needles: tuple[Needles, ...] = ()  # per search: the words a line must hold one of; none: every search

    def search(self, text: str) -> bool:
        if not self.needles:
            return any(p.search(text) for p in self.searches)
        return any(needles.may_match(text) and pattern.search(text)
                   for pattern, needles in zip(self.searches, self.needles, strict=True))


def _anchored_rest(pattern: re.Pattern[str]) -> str | None:
    """The source of a pattern after its leading "^" when the whole pattern is anchored there, else None."""
    if not pattern.pattern.startswith("^"):
        return None
    try:
        parsed = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]  # "^a|b": a branch
    except Exception:  # a private parser: should it change, the pattern is just not split off
        return None
    first = parsed.data[0] if parsed.data else None
    anchored = first is not None and str(first[0]) == "AT" and str(first[1]) == "AT_BEGINNING"
    return pattern.pattern[1:] if anchored and not parsed.state.flags & re.MULTILINE else None


def _joined(sources: Sequence[str]) -> str:
    return "|".join(f"(?:{s})" for s in sources)


def _compile(patterns: Sequence[str], where: str) -> AnyPattern:
    out = []
    for pattern in patterns:
        try:
            out.append(re.compile(pattern, re.I))
        except re.error as exc:
            raise ValueError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
    if not out or any(_BACKREFERENCE.search(p.pattern) for p in out):
        return AnyPattern(tuple(out))
    rests = [_anchored_rest(p) for p in out]
    anchored = [rest for rest in rests if rest is not None]
    anywhere = [p for p, rest in zip(out, rests, strict=True) if rest is None]
    needles = {p.pattern: Needles.of(p, min_chars=3) for p in anywhere}
    with_words = [p.pattern for p in anywhere if needles[p.pattern]]
    without = [p.pattern for p in anywhere if not needles[p.pattern]]
    sources: list[tuple[str, Needles]] = []
    if anchored:
        sources.append((f"^(?:{_joined(anchored)})", Needles()))
    if with_words:
        sources.append((_joined(with_words), Needles.union([needles[p] for p in with_words])))
    if without:
        sources.append((_joined(without), Needles()))
    try:
        return AnyPattern(tuple(re.compile(source, re.I) for source, _ in sources),
                          tuple(words for _, words in sources))
    except re.error:  # repeated group names: each pattern on its own
        return AnyPattern(tuple(out))


@lru_cache(maxsize=1)
def load_cleaning_rules() -> CleaningRules:
    """Boilerplate patterns and outlets from boilerplate.toml and outlets.toml."""
    bp = _vocab("boilerplate.toml")
    outlets = tuple(
        Outlet(name=o["name"], names=tuple(o.get("names", [o["name"]])), signoffs=tuple(o.get("signoffs", [])),
               domains=tuple(d.lower() for d in o.get("domains", [])), wire=bool(o.get("wire", False)))
        for o in _vocab("outlets.toml").get("outlet", [])
    )
    codes = sorted({s for o in outlets for s in o.signoffs}, key=len, reverse=True)
    signoff = re.compile("|".join(re.escape(c) for c in codes) or "(?!)")
    return CleaningRules(
        tail_markers=_compile([*bp.get("tail_markers", []), *bp.get("export_document_ends", []),
                               *bp.get("post_action_bars", [])], "boilerplate.toml: tail_markers"),
        document_end=_line_pattern(bp.get("export_document_ends", [])),
        line_patterns=_compile(bp.get("line_patterns", []), "boilerplate.toml: line_patterns"),
        head_line_patterns=_compile(bp.get("head_line_patterns", []), "boilerplate.toml: head_line_patterns"),
        link_box_markers=_compile(bp.get("link_box_markers", []), "boilerplate.toml: link_box_markers"),
        post_action_bars=_compile(bp.get("post_action_bars", []), "boilerplate.toml: post_action_bars"),
        bio_patterns=_compile(bp.get("bio_patterns", []), "boilerplate.toml: bio_patterns"),
        menu_max_words=int(bp.get("menu_max_words", 4)),
        menu_run=int(bp.get("menu_run", 5)),
        menu_words=frozenset(w.casefold() for w in bp.get("menu_words", [])),
        site_name_heads=frozenset(w.casefold() for w in bp.get("site_name_heads", [])),
        stacked_labels=frozenset(w.casefold() for w in bp.get("stacked_labels", [])),
        share_words=frozenset(w.casefold() for w in bp.get("share_words", [])),
        outlets=outlets,
        signoff=signoff,
        signoff_line=re.compile(rf"[\s(—–=-]*(?P<code>{signoff.pattern})(?:/[A-Za-z]+)*[\s).—–=-]*", re.I),
        date_labels=re.compile(_words(bp, "date_labels", "updated_labels"), re.IGNORECASE),
        updated_labels=re.compile(_words(bp, "updated_labels"), re.IGNORECASE),
        signoff_label=re.compile(rf"\s*{_words(bp, 'signoff_labels')}\s*:?", re.IGNORECASE),
        signoff_not_after=re.compile(rf"{_words(bp, 'signoff_not_after')}\s*$", re.IGNORECASE),
        signoff_outlets=_first_outlet_of((code, o.name) for o in outlets for code in o.signoffs),
        credited_outlets=_first_outlet_of((strip_accents(n), o.name) for o in outlets
                                          for n in (*o.signoffs, *o.names, o.name)),
        export=_export_header_rules(bp),
        credit_line=_credit_line_pattern(bp.get("credit_roles", []), bp.get("credit_labels", [])),
        credit_label=re.compile(rf"\s*{_words(bp, 'credit_labels')}\s*:\s*\S+(?:\s+\S+){{0,3}}\s*", re.IGNORECASE),
        credit_author=re.compile(rf"(?:{_words(bp, 'credit_author_roles')}\s+by"
                                 rf"|{_words(bp, 'credit_author_labels')}\s*:)\s+(?P<names>.+)", re.IGNORECASE),
        author_roles=frozenset(w.casefold() for w in bp.get("credit_author_labels", [])),
        role_qualifiers=frozenset(w.casefold() for w in bp.get("byline_role_qualifiers", [])),
        byline_date=re.compile(rf"[\s,|–—-]+{whole_phrases(bp['byline_date_labels'])}(?=\s*(?:$|[:\d]|{_MONTH_WORD}))"
                               r".*$", re.IGNORECASE | re.DOTALL) if bp.get("byline_date_labels") else None,
        credit_roles_named=frozenset(w.casefold() for w in bp.get("credit_labels", [])),
        not_authors=frozenset(w.casefold() for w in bp.get("not_authors", [])),
        byline_not_words=frozenset(strip_accents(w).casefold() for w in bp.get("byline_not_words", [])),
        end_mark=re.compile(rf"(?:^|(?<=[.!?\"”)]\s))(?:{'|'.join(re.escape(m) for m in bp.get('end_marks', []))})\s*$"
                            if bp.get("end_marks") else "(?!)"),
        end_marks=tuple(bp.get("end_marks", [])),
        site_tagline=re.compile(_words(bp, "site_tagline_words"), re.IGNORECASE) if bp.get("site_tagline_words")
        else re.compile("(?!)"),
        caption_credit=re.compile(bp["caption_credit"], re.IGNORECASE) if bp.get("caption_credit") else None,
        post_age=re.compile(bp["social_post_age"], re.IGNORECASE) if bp.get("social_post_age") else None,
        caption_max_chars=int(bp.get("caption_max_chars", 250)),
        mail_fields={label.casefold(): role for role in ("title", "published", "outlet", "other")
                     for label in mail.get(role, [])} if (mail := bp.get("mail_header", {})) else None,
        forward_mark=re.compile(rf"^(?:{_words(mail, 'forward_marks')}\s*:\s*)+", re.IGNORECASE)
        if mail.get("forward_marks") else None,
    )


_EXPORT_ROLES = ("author", "dateline", "outlet", "published", "dropped")


def _export_header_rules(bp: Mapping) -> ExportHeaderRules:
    fields: dict[str, str] = {}
    for role, labels in bp.get("export_fields", {}).items():
        if role not in _EXPORT_ROLES:
            raise ValueError(f"boilerplate.toml: export_fields.{role} is none of {', '.join(_EXPORT_ROLES)}")
        fields.update((label.casefold(), role) for label in labels)
    try:
        word_count = re.compile(bp.get("export_word_count", "(?!)"), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"boilerplate.toml: bad export_word_count pattern: {exc}") from exc
    return ExportHeaderRules(
        body_markers=frozenset(m.casefold() for m in bp.get("export_body_markers", [])),
        max_lines=int(bp.get("export_header_lines", 24)),
        word_count=word_count,
        languages=frozenset(w.casefold() for w in bp.get("export_languages", [])),
        fields=fields,
        cover_labels=frozenset(label.casefold() for label in [*bp.get("export_cover_labels", []),
                                                              *bp.get("export_cover_marks", [])]),
        cover_marks=frozenset(label.casefold() for label in bp.get("export_cover_marks", [])),
    )


def _line_pattern(patterns: Sequence[str]) -> re.Pattern[str]:
    """Line patterns ("^end of document$") found in a whole text, each on a line of its own with blanks around."""
    inner = "|".join(f"(?:{p.removeprefix('^').removesuffix('$')})" for p in patterns)
    return re.compile(rf"^[ \t]*(?:{inner})[ \t]*$" if inner else "(?!)", re.IGNORECASE | re.MULTILINE)


def _first_outlet_of(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Case-folded key -> the first outlet (in outlets.toml's order) that uses it."""
    out: dict[str, str] = {}
    for key, outlet in pairs:
        out.setdefault(key.casefold(), outlet)
    return out


def _words(data: Mapping, *keys: str, source: str = "boilerplate.toml") -> str:
    """Regex source of the words or phrases listed under `keys`, whole, matched on accent-folded text in any
    case ("cập nhật" is also "Cap nhat")."""
    words: list[str] = []
    for key in keys:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise ValueError(f"{source}: {key} must be a list of words, not {value!r}")
        words += value
    return whole_phrases(strip_accents(w).casefold() for w in words)


# ---------------------------------------------------------------- dates

def parse_date(text: str) -> str:
    """The first full date in `text` as YYYY-MM-DD ("May 7th, 2021" -> "2021-05-07"); "" if none."""
    words = load_date_words()
    if not words.any_year.search(text):  # every date pattern has a year: most lines are rejected here
        return ""
    for pattern in words.patterns:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            if parts.get("c"):
                if day := _compact_day(parts["c"]):
                    return day
                continue
            month = int(parts["m"]) if parts.get("m") else words.month_number(parts.get("mon") or "")
            year = words.common_era(int(parts["y"]), parts.get("mon") or "")
            if not year:  # "May 5 2500 people": no year of this era beside that month
                continue
            readings = [(month, int(parts["d"]))]
            if parts.get("sep"):  # numbers only: day first or month first, whichever alone is a date
                readings.append((int(parts["d"]), month))
            found = {day for day in map(_day, [year] * len(readings), readings) if day}
            if len(found) > 1:  # "Tuesday, 03/08/2021": the reading that falls on the weekday named
                found = {day for day in found if words.weekdays[date.fromisoformat(day).weekday()].search(text)} or (
                    {_day(year, readings[0])} if _writes_day_first(text) else found)
            if len(found) == 1:
                return found.pop()
    return ""


def date_readings(text: str) -> tuple[str, ...]:
    """Both days a numeric date reads as when nothing in its text settles which ("01/12/2020 21:36": 1 December
    or 12 January, and parse_date gives neither); () when the text holds a date that reads one way, or none."""
    if parse_date(text) or (match := _NUMERIC_DATE.search(text)) is None:
        return ()
    year, first, second = int(match["y"]), int(match["d"]), int(match["m"])
    found = sorted({day for day in (_day(year, (second, first)), _day(year, (first, second))) if day})
    return tuple(found) if len(found) == 2 else ()


_LEDE_CHARS = 1500  # where a story says which day it reports ("on August 2", "on Tuesday")


def reading_told_by_story(readings: Sequence[str], text: str) -> str:
    """The reading of a date written either way that the story's opening agrees with: the one whose month and day
    it names ("Minister Bui Thanh Son on August 2 suggested ..."), else the one that falls on the weekday it names
    or the day after ("agreed on Tuesday": published that day or the next); "" when neither or both agree."""
    words = load_date_words()
    lede = text[:_LEDE_CHARS]
    named = {(words.month_number(m["mon"] or m["mon2"]), int(m["d"] or m["d2"])) for m in _month_days().finditer(lede)}
    by_day = [r for r in readings if (int(r[5:7]), int(r[8:])) in named]
    if len(by_day) == 1:
        return by_day[0]
    on_days = [k for k, pattern in enumerate(words.weekdays) if re.search(rf"\bon\s+{pattern.pattern}", lede, re.I)]
    by_weekday = [r for r in readings if any((date.fromisoformat(r).weekday() - back) % 7 in on_days
                                             for back in (0, 1))]
    return by_weekday[0] if len(by_weekday) == 1 else ""


@lru_cache(maxsize=1)
def _month_days() -> re.Pattern[str]:
    """A month's name and a day, either way round: "August 2", "2 August"."""
    words = load_date_words()
    return re.compile(rf"(?<!\w)(?:(?P<mon>{words.month})\s+(?P<d>\d{{1,2}})|"
                      rf"(?P<d2>\d{{1,2}})\s+(?P<mon2>{words.month}))(?!\d)", re.I)


def _compact_day(digits: str) -> str:
    """A date's eight digits as YYYY-MM-DD ("27102021": 2021-10-27, "20201112": 2020-11-12) when one order alone
    makes a date of the years 1990-2099; "" otherwise ("01022021": 1 February or 2 January)."""
    d = digits
    readings = {(int(d[4:]), int(d[2:4]), int(d[:2])), (int(d[:4]), int(d[4:6]), int(d[6:])),
                (int(d[4:]), int(d[:2]), int(d[2:4]))}  # (year, month, day): day first, year first, month first
    found = {day for year, month, dd in readings if 1990 <= year < _LAST_COMMON_ERA_YEAR
             and (day := _day(year, (month, dd)))}
    return found.pop() if len(found) == 1 else ""


def _writes_day_first(text: str) -> bool:
    """Whether a date's line is in a language that writes the day first ("Thứ ba, 7/4/2020"; `day_first_words`)."""
    pattern = load_date_words().day_first
    return pattern is not None and pattern.search(strip_accents(text)) is not None


def _day(year: int, month_and_day: tuple[int, int]) -> str:
    try:
        return date(year, *month_and_day).isoformat()
    except ValueError:
        return ""


def _is_date_line(line: str, rules: CleaningRules) -> bool:
    """A line that is only a date with a label and a time ("Last updated on May 7th, 2021 at 05:25 am"),
    also one whose date is ambiguous ("12/11/2020 18:05": no date read, but the line is no text)."""
    if _is_yearless_date_line(line):
        return True
    if len(line.split()) > 14 or not (parse_date(line) or _NUMERIC_DATE.search(line)):
        return False
    # parts that only credit the outlet or an editor ("Source: Xinhua| 2020-02-20 23:45:11|Editor: huaxia")
    rest = _without_dates(" ".join(part for part in _DATE_LINE_PARTS.split(line)
                                   if not (_only_credit(part, rules) or _SECTION_TAGS.fullmatch(part)
                                           or _PAGE_COUNTS.fullmatch(part))))
    rest = rules.date_labels.sub(" ", strip_accents(rest).casefold())
    return len(re.findall(r"\w+", rest)) <= 2


_YEARLESS_DATE_TIME = re.compile(r"(?:\d{1,2}\s+(?P<m1>[A-Za-z]{3,9})\.?|(?P<m2>[A-Za-z]{3,9})\.?\s+\d{1,2}),?\s+"
                                 r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?", re.IGNORECASE)


def _is_yearless_date_line(line: str) -> bool:
    """A day, its month and a time alone on a line: a wire page's stamp over its headline ("28 APR, 21:05", "Nov. 22
    01:55 PM JST"). No date is read from it (no year), but the line is no headline."""
    match = _YEARLESS_DATE_TIME.fullmatch(line.strip())
    return match is not None and load_date_words().month_number(match["m1"] or match["m2"]) > 0


# a part of a date line that lists the story's sections ("KYODO NEWS - Apr 14, 2020 - 22:31 | Japan, Politics, All")
_SECTION_TAGS = re.compile(r"[A-Z][\w&-]*(?:,\s*[A-Z][\w&-]*){1,7}")
# a part of a date line that counts the page's readers ("Published on Apr 14, 2020 · 12,408 views", "3 min read")
_PAGE_COUNTS = re.compile(r"[\d.,]+\s*[KkMm]?\s+(?:views?|comments?|shares?|likes?|reads?|min(?:ute)?s?\s+read)",
                          re.IGNORECASE)


def _without_dates(text: str) -> str:
    """The text with its dates, times and weekdays blanked out."""
    words = load_date_words()
    text = re.sub(words.weekday, " ", text, flags=re.I)  # first: a weekday is one only before a date
    for pattern in words.patterns:
        text = pattern.sub(" ", text)
    return re.sub(_TIME, " ", text, flags=re.I)


def _only_credit(part: str, rules: CleaningRules) -> bool:
    """Whether a part of a date line only names an outlet ("Source: Xinhua") or credits someone under a
    label of `credit_labels` ("Editor: huaxia")."""
    return parse_date(part) == "" and (_only_outlet(part, rules) != "" or
                                       rules.credit_label.fullmatch(strip_accents(part)) is not None)


# ---------------------------------------------------------------- steps over paragraphs

@dataclass(frozen=True, slots=True)
class Found:
    """What the metadata steps found in the text (explicit metadata is applied later)."""

    title: str = ""
    published: str = ""
    updated: str = ""
    author: str = ""
    outlet: str = ""
    dateline: str = ""
    lone_outlet: str = ""  # an outlet's name alone on a line ("Bangkok Post"; or a photo's credit): the last resort
    readings: tuple[str, ...] = ()  # a date line's two readings when it reads either way ("01/12/2020 21:36")


# five words or more ending like a sentence, or 25 words or more (text with its punctuation stripped)
_BODY_LINE = re.compile(r"(?:\S+\s+){4,}.*[.!?\"”’)]$|(?:\S+\s+){24,}\S")
_HEADLINE_AND_DECK = 2  # lines at the top that may end like a sentence and still be no body


_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_LOWER_AFTER_BREAK = re.compile(r"\n[ \t]*[a-zà-ỹ]")  # a break, then lower case (a literal first: a fast scan)

_WRAPPED_MIN_BREAKS = 2
_WRAPPED_MIN_SHARE = 0.15
_WRAPPED_FULL_LINE = 0.6  # a line this long against the text's width was wrapped (headings and list items are shorter)
_WRAPPED_MAX_WIDTH = 110  # a page's width in characters, at most: longer lines are paragraphs, not wrapped lines
_WRAPPED_FULL_SHARE = 0.4  # of all lines, the full ones in a wrapped text
_DATE_LINE_MAX_WORDS = 8


# "II. RESPONSE AND RECOVERY .......... 1" (as boilerplate.toml's line pattern): the leaders start after a word, so a
# long run of dots is tried from one place only, not from each of its dots
_CONTENTS_ENTRY = re.compile(r"(?<![.\s])\s*\.{5,}\s*\d{1,4}$")


def _stands_alone(line: str, before: str) -> bool:
    """A line never joined to the one before: one of the two is in capitals and the other not (a heading over
    the text; a heading in capitals over two lines is joined), a rule of dashes or underscores under a page's
    running head, a short line with a date ("New Delhi, 16-17 June 2022"), or an entry of a table of contents
    (or the line under one)."""
    return line.isupper() != before.isupper() or not any(c.isalnum() for c in line) or \
        (len(line.split()) <= _DATE_LINE_MAX_WORDS and parse_date(line) != "") or \
        _CONTENTS_ENTRY.search(line) is not None or _CONTENTS_ENTRY.search(before) is not None


def _ends_mid_sentence(text: str, end: int) -> bool:
    """Whether the line ending at `end` stops in the middle of a sentence: on a word, a comma or a hyphen."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end > 0 and (text[end - 1].isalnum() or text[end - 1] in ",-")


def join_wrapped_lines(text: str) -> str:
    """Text with hard line breaks inside its paragraphs (copied from a PDF or an e-mail): each paragraph's
    lines joined by a space, paragraphs (blank lines) kept. A text is wrapped when lines often end in the
    middle of a sentence, the next going on in lower case, and its lines are a page's width (110 characters at
    most, many of them near it): text with one paragraph or sentence a line stays as it is. A line reaching
    the width goes on in the next one, unless it ends a sentence or the next is a heading or a date line.
    Only the break becomes a space ("Exter- nal" stays split): a quote is still the source's words."""
    if "\n" not in text:
        return text
    breaks = sum(1 for m in _LOWER_AFTER_BREAK.finditer(text) if _ends_mid_sentence(text, m.start()))
    if breaks < _WRAPPED_MIN_BREAKS:  # most texts: no line goes on in lower case
        return text
    lines_in_blocks = len(re.findall(r"[^\n]\n(?=[^\n])", text))
    if breaks < _WRAPPED_MIN_SHARE * lines_in_blocks:
        return text
    lengths = sorted(len(ln.strip()) for ln in text.split("\n") if ln.strip())
    width = lengths[int(len(lengths) * 0.9)]  # the wrapping width: most full lines reach it
    full = sum(1 for n in lengths if n >= _WRAPPED_FULL_LINE * width)
    if width > _WRAPPED_MAX_WIDTH or full < _WRAPPED_FULL_SHARE * len(lengths):
        return text  # a paragraph a line (text stripped of its punctuation): lines of any length, often long
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        joined: list[str] = []
        full = False  # the line before reached the width: it was wrapped, not ended
        for line in (ln.strip() for ln in block.split("\n")):
            if not line:
                continue
            if joined and full and not _SENTENCE_END.search(joined[-1]) and not _stands_alone(line, joined[-1]):
                joined[-1] = f"{joined[-1]} {line}"
            else:
                joined.append(line)
            full = len(line) >= _WRAPPED_FULL_LINE * width
        out.append("\n".join(joined))
    return "\n\n".join(out)


def cut_tail(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """Everything from the first tail marker (recent posts, comments, share) to the end is boilerplate,
    unless the marker is also boilerplate wherever it is (`line_patterns`), comes before the body (the
    headline and a standfirst may end like a sentence) and sentences of the body follow it ("Share this"
    under the headline): then the marker alone goes. A lone long deck over the marker with four paragraphs of the
    story under it is still the page's head (`_STORY_UNDER_DECK`)."""
    for i, line in enumerate(paragraphs):
        if i > 0 and rules.tail_markers.search(line):
            if _is_box_in_body(paragraphs, i, rules):  # "Read also" and a headline, then the story goes on
                continue
            if rules.post_action_bars.search(line) and _story_follows(paragraphs, i + 1):
                kept, tail = cut_tail(paragraphs[i + 1:], rules)  # an embedded post's "Like · Comment · Share"
                return paragraphs[:i] + kept, [line, *tail]
            body_before = [before for before in paragraphs[_head_end(paragraphs, i, rules):i]
                           if _BODY_LINE.match(before) and not rules.line_patterns.search(before)  # not a cookie
                           and not _is_byline(before, rules)]  # notice, nor a byline: "Ardhana Pramesti (The Jakarta
            body_after = sum(_BODY_LINE.match(rest) is not None for rest in paragraphs[i + 1:])  # Post)"
            deck_only = len(body_before) == 1 and body_after >= _STORY_UNDER_DECK  # a share bar under the deck
            if not rules.line_patterns.search(line) or (body_before and not deck_only) or not body_after:
                return paragraphs[:i], paragraphs[i:]
            kept, tail = cut_tail(paragraphs[i + 1:], rules)
            return paragraphs[:i] + kept, [line, *tail]
    return paragraphs, []


def _is_byline(line: str, rules: CleaningRules) -> bool:
    """A writer's line: "By Jane Doe", or a name and a known outlet ("Ardhana Pramesti (The Jakarta Post)")."""
    return _BYLINE.match(line) is not None or _name_and_outlet(line, rules, None) is not None


def _head_end(paragraphs: list[str], stop: int, rules: CleaningRules) -> int:
    """Where a page's head ends, at most at `stop`: the first two lines (a headline and a standfirst may end like
    a sentence), or, when a byline or a date line stands right under the page's first sentence (before `stop`),
    the lines up to that sentence and the sentence itself, its deck (a section's labels, the headline, the deck,
    the writer, the date, then a share bar over the story)."""
    first = next((k for k in range(stop) if _BODY_LINE.match(paragraphs[k])
                  and not rules.line_patterns.search(paragraphs[k])), stop)
    under = paragraphs[first + 1 : min(stop, first + 1 + _CREDIT_UNDER_DECK)]
    credited = any(_is_byline(line, rules) or _is_date_line(line, rules) for line in under)
    return min(max(first + 1 if credited else 0, _HEADLINE_AND_DECK), stop)


_STORY_UNDER_DECK = 4  # paragraphs of the story under a share bar that only a deck stands over: the page's head
_CREDIT_UNDER_DECK = 3  # lines under a deck where its writer or date stands ("Ardhana Pramesti", "Jakarta ● Fri, ...")


_LINK_BOX_MAX_LINES = 8
_LINK_BOX_MARKER_MAX_CHARS = 40  # "Related press releases:": longer lines are never a box's marker


def remove_link_boxes(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """A box of links to other articles inside the page ("Related" or "Read more", then headlines): its
    marker and the short lines after it that are no sentence; the text after the box stays."""
    if not any(len(line) <= _LINK_BOX_MARKER_MAX_CHARS and rules.link_box_markers.search(line) for line in paragraphs):
        return paragraphs, []  # most texts
    kept, removed = [], []
    i = 0
    while i < len(paragraphs):
        if len(paragraphs[i]) > _LINK_BOX_MARKER_MAX_CHARS or not rules.link_box_markers.search(paragraphs[i]):
            kept.append(paragraphs[i])
            i += 1
            continue
        end = _link_box_end(paragraphs, i)
        removed += paragraphs[i:end]
        i = end
    return kept, removed


def _link_box_end(paragraphs: list[str], marker: int) -> int:
    """Where a box of links headed by paragraphs[marker] ends: after the short lines that are no sentence."""
    end = marker + 1
    while end < min(len(paragraphs), marker + 1 + _LINK_BOX_MAX_LINES) and len(paragraphs[end].split()) <= \
            _TITLE_MAX_WORDS and not _BODY_LINE.match(paragraphs[end]):
        end += 1
    return end


_STORY_LINE_MIN_WORDS = 10  # a paragraph of the story, not a footer's line ("Legal information")


def _story_follows(paragraphs: list[str], start: int) -> bool:
    """Whether two paragraphs of the story's sentences follow from `start` on."""
    return start + 2 <= len(paragraphs) and all(
        _BODY_LINE.match(line) and len(line.split()) >= _STORY_LINE_MIN_WORDS for line in paragraphs[start : start + 2])


def _is_box_in_body(paragraphs: list[str], marker: int, rules: CleaningRules) -> bool:
    """Whether a line that could start the page's tail ("Read also") heads a box of links inside the story
    instead: two paragraphs of sentences follow its headlines."""
    if len(paragraphs[marker]) > _LINK_BOX_MARKER_MAX_CHARS or not rules.link_box_markers.search(paragraphs[marker]):
        return False
    end = _link_box_end(paragraphs, marker)
    return end > marker + 1 and _story_follows(paragraphs, end)


_LABELLED = re.compile(r"(?P<label>[^\W\d_][\w .-]{0,30}?)\s*:\s*(?P<value>.*)")
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))\s", re.IGNORECASE)
_SOURCE_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")  # Factiva's code of the outlet ("STIMES")
_EXPORT_OUTLET_MAX_WORDS = 8
_MARKER_MAX_CHARS = 40  # a body marker, a "Full text:" label or a word count is shorter
_EXPORT_MIN_EVIDENCE = 2  # a word count, or two labelled fields or date lines, before a body marker


_COVER_OPENS_WITHIN = 3  # paragraphs: a cover's first label comes at once (after the database's name)
_COVER_GAP = 3  # unlabelled lines between two of a cover's labels at most (a document's title, a table's row)
_COVER_DOCUMENT_COUNT = re.compile(r"documents?\s*\(\d+\)", re.IGNORECASE)  # "Documents (4)"


def _cover_label(line: str, rules: CleaningRules) -> str:
    """The case-folded cover label a line opens with ("client/matter"), "documents" for "Documents (4)", or ""."""
    if _COVER_DOCUMENT_COUNT.fullmatch(line):
        return "documents"
    label = line.split(":", 1)[0].strip().casefold() if ":" in line[:_MARKER_MAX_CHARS] else ""
    return label if label in rules.export.cover_labels else ""


def remove_export_cover(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """A download's cover page before its document, removed: Nexis Uni's "User Name: ...", "Job Number: ...",
    "Documents (4)" and each downloaded document's title with its "Client/Matter:" and "Search Terms:" lines
    (the titles of other stories, whose people are no entity of this one). The cover opens with one of its
    labels within the first lines, holds one only a download's cover has (`export_cover_marks`: a media
    advisory's "Date and Time:" is no cover), and ends at its last label that follows another closely."""
    if not rules.export.cover_labels or \
            not any(_cover_label(line, rules) for line in paragraphs[:_COVER_OPENS_WITHIN]):
        return paragraphs, []
    end = gap = 0
    found: set[str] = set()
    for i, line in enumerate(paragraphs):
        label = _cover_label(line, rules)
        if label:
            found.add(label)
            end, gap = i + 1, 0
        elif end:
            gap += 1
            if gap > _COVER_GAP:
                break
    if not found & rules.export.cover_marks:
        return paragraphs, []
    return paragraphs[end:], paragraphs[:end]


def read_export_header(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str], Found]:
    """The header a news-database export puts between the title and the body, removed and read.

    Nexis Uni: the outlet, the date, "Section: ...", "Length: 312 words", "Byline: ...", "Dateline: ...", then
    a line "Body". Factiva: "312 words", the date, the outlet, its code, the language, the copyright, then
    the body. ProQuest: labelled fields, then "Full text: ...". A text without such a header is returned as
    it is: the header must end in a body marker or hold a word count near the top.
    """
    span = _export_header_span(paragraphs, rules)
    if span is None:
        return paragraphs, [], Found()
    start, end, body_rest = span
    header = paragraphs[start:end]
    author = outlet = published = dateline = ""
    for line in header:
        if _body_marker_rest(line, rules) is not None:
            continue  # "Body", "Full text: ...": where the header ends, nothing it says
        labelled = _LABELLED.fullmatch(line)
        if labelled:
            role = rules.export.fields.get(labelled.group("label").strip().casefold(), "")
            value = labelled.group("value").strip()
            if role == "author" and value:
                byline = _BYLINE.match(value)
                author, outlet = _read_byline(byline.group("rest") if byline else value, rules, author, outlet)
            elif role == "dateline":
                dateline = dateline or value.split(",")[0].strip()
            elif role == "outlet":
                outlet = outlet or _outlet_named(value, rules) or value
            elif role == "published":
                published = published or parse_date(value)
            if role:
                continue
        if _export_filler(line, rules):
            continue
        if (byline := _BYLINE.match(line)) is not None:
            author, outlet = _read_byline(byline.group("rest"), rules, author, outlet)
        elif _is_date_line(line, rules):
            published = published or parse_date(line)
        elif not labelled and not outlet and len(line.split()) <= _EXPORT_OUTLET_MAX_WORDS:
            outlet = _outlet_named(line, rules) or line
    if dateline.isupper():
        dateline = dateline.title()
    kept = paragraphs[:start] + ([body_rest] if body_rest else []) + paragraphs[end:]
    removed = [*header[:-1], paragraphs[end - 1].removesuffix(body_rest).rstrip()] if body_rest else header
    return kept, removed, Found(published=published, author=author, outlet=outlet, dateline=dateline)


def _export_header_span(paragraphs: list[str], rules: CleaningRules) -> tuple[int, int, str] | None:
    """(first header line, first line after it, text after a "Full text:" marker) or None: no export header.

    The first line is the title unless it is itself a header line.
    """
    export = rules.export
    start = 0 if paragraphs and _export_evidence(paragraphs[0], rules) else 1
    for i, line in enumerate(paragraphs[start : export.max_lines], start):
        if len(line) > _MARKER_MAX_CHARS and ":" not in line[:_MARKER_MAX_CHARS]:
            continue  # a paragraph of text: neither "Body" nor "Full text: ..." (the common case, told cheaply)
        rest = _body_marker_rest(line, rules)
        if rest is None:
            continue
        header = paragraphs[start:i]
        if all(_export_header_like(h, rules) for h in header) and \
                sum(_export_evidence_weight(h, rules) for h in header) >= _EXPORT_MIN_EVIDENCE:
            return start, i + 1, rest
        return None
    for i, line in enumerate(paragraphs[start : start + 8], start):  # a word count after the title or a byline
        if len(line) <= _MARKER_MAX_CHARS and export.word_count.fullmatch(line):
            if not all(_export_header_like(h, rules) for h in paragraphs[start:i]):  # text before it
                return None
            end = last = i + 1
            while end < len(paragraphs) and _export_header_like(paragraphs[end], rules, known_labels_only=True):
                end += 1
                if _export_evidence(paragraphs[end - 1], rules) or _export_filler(paragraphs[end - 1], rules):
                    last = end  # a short line after the last of these is the lede, not the outlet
            return (start, last, "") if last < len(paragraphs) else None
    return None


def _body_marker_rest(line: str, rules: CleaningRules) -> str | None:
    """The body's first words after a marker's label ("Full text: Russia will ..."), "" for a marker alone
    ("Body"), None for a line that is no marker."""
    if line.casefold() in rules.export.body_markers:
        return ""
    labelled = _LABELLED.fullmatch(line)
    if labelled is None or labelled.group("label").strip().casefold() not in rules.export.body_markers:
        return None
    rest = labelled.group("value").strip()
    return rest if not rest or len(rest.split()) >= 3 else None


def _export_evidence(line: str, rules: CleaningRules) -> bool:
    """A line only an export header holds: a word count, a known labelled field or a date line."""
    return _export_evidence_weight(line, rules) > 0


def _export_evidence_weight(line: str, rules: CleaningRules) -> int:
    """How surely a line belongs to an export header: a word count 2, a known labelled field or a date line 1
    (a web page has a date line too, and may credit "Text: ..." or "Photo: ..."), other lines 0."""
    if rules.export.word_count.fullmatch(line):
        return _EXPORT_MIN_EVIDENCE
    labelled = _LABELLED.fullmatch(line)
    known = labelled is not None and labelled.group("label").strip().casefold() in rules.export.fields
    return int(known or _is_date_line(line, rules))


def _export_filler(line: str, rules: CleaningRules) -> bool:
    """A header line that says nothing wanted: a word count, a copyright, a language, an outlet's code, a time."""
    return bool(rules.export.word_count.fullmatch(line) or _COPYRIGHT.match(line)
                or line.casefold() in rules.export.languages or _SOURCE_CODE.fullmatch(line)
                or re.fullmatch(_TIME, line, re.IGNORECASE))


def _export_header_like(line: str, rules: CleaningRules, *, known_labels_only: bool = False) -> bool:
    """A line that may stand in a header: evidence, filler, a byline, a labelled field ("Graphic: ...";
    with `known_labels_only`, only those of `export_fields`: "SINGAPORE: Singapore will ..." is text) or a
    short line without a sentence's end (the outlet's name)."""
    return bool(_export_evidence(line, rules) or _export_filler(line, rules) or _BYLINE.match(line)
                or (not known_labels_only and _LABELLED.fullmatch(line))) or (
        len(line.split()) <= _EXPORT_OUTLET_MAX_WORDS and not re.search(r"[.!?]\s*$", line)
        and line.casefold() not in rules.export.body_markers)


_THIRD_PERSON_BIO = re.compile(r"\b(is|was) (an?|the|[\w.-]+['’]s) ")


_AUTHOR_MAX_WORDS = 4  # a name alone on its line
_POST_HEAD_MAX_LINES = 3  # a social post's author, their headline, then the post's age


def remove_social_post_head(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str], str]:
    """A social post copied with its author's header: the name, the author's headline, the post's age ("Ina Lepel"
    / "Ambassador of the Federal Republic of Germany to Indonesia, ASEAN and Timor-Leste" / "1y • Edited • 🌐",
    `social_post_age`). The name is the author; the header is no text (the countries of a job title are no
    party of the post's meeting). Returns the rest, the header and the author."""
    if rules.post_age is None:
        return paragraphs, [], ""
    for i in range(1, min(_POST_HEAD_MAX_LINES + 1, len(paragraphs) - 1)):
        if rules.post_age.match(paragraphs[i]):
            name = paragraphs[0]
            if _NAME_LINE.match(name) and len(name.split()) <= _AUTHOR_MAX_WORDS:
                return paragraphs[i + 1 :], paragraphs[: i + 1], name
            return paragraphs, [], ""
    return paragraphs, [], ""


def remove_bios(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str], str]:
    """Author bio paragraphs and the name line before them; returns (kept, removed, author)."""
    kept: list[str] = []
    removed: list[str] = []
    author = ""
    n = len(paragraphs)
    for i, line in enumerate(paragraphs):
        if not rules.bio_patterns.search(line) or len(line.split()) > 90:
            kept.append(line)
            continue
        has_name_line = bool(kept) and _NAME_LINE.match(kept[-1]) and len(kept[-1].split()) <= 4
        third_person = _THIRD_PERSON_BIO.search(line[:80]) is not None  # "... is the Post's Europe correspondent"
        if not has_name_line and not (third_person and i >= n * 0.6):
            kept.append(line)
            continue
        if has_name_line:
            author = author or kept[-1]
            removed.append(kept.pop())
        removed.append(line)
    return kept, removed, author


def remove_noise_lines(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """Share buttons, cookie notices, related links, photo credits, language switchers, bare URLs."""
    kept, removed = [], []
    for line in paragraphs:
        bare_url = _URL.fullmatch(line.strip()) is not None
        if bare_url or rules.line_patterns.search(line) or _is_caption(line, rules):
            removed.append(line)
        else:
            kept.append(line)
    return kept, removed


def _is_caption(line: str, rules: CleaningRules) -> bool:
    """A photo's caption ending in its credit, no longer than a caption is (`caption_credit`, `caption_max_chars`)."""
    return rules.caption_credit is not None and len(line) <= rules.caption_max_chars and \
        rules.caption_credit.search(line) is not None


def remove_menus(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """Runs of many very short lines without sentence punctuation (navigation, lists of provinces)."""
    def short(line: str) -> bool:  # a date line is no menu item: "World" / "10 JUN 2020, 15:42" under a menu
        return len(line.split()) <= rules.menu_max_words and not re.search(r"[.!?]\s*$", line) and \
            not _is_date_line(line, rules)

    kept, removed = [], []
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and short(paragraphs[j]):
            j += 1
        if j - i >= rules.menu_run:
            removed += paragraphs[i:j]
            i = j
        else:
            kept.append(paragraphs[i])
            i += 1
    return kept, removed


_NAV_SEPARATORS = re.compile(r"\s+[|>»/]\s+")  # "Home | World | Politics", "Home > Media Center > Press Releases"


_BREADCRUMB_ARROW = re.compile(r"\s[>»]\s")


def remove_menu_echoes(paragraphs: list[str], removed: Sequence[str]) -> tuple[list[str], list[str]]:
    """Lines opening what is left that repeat an item of a menu already removed: the section's label over the
    headline ("Russian Politics & Diplomacy" under "Russian Politics & Diplomacy | World | Business & Economy"),
    not the headline. A breadcrumb's last item is the page itself ("Home > Secretary's Remarks > Secretary Antony
    J. Blinken at a Press Availability"): its headline."""
    items = {part.casefold() for line in removed if len(parts := _NAV_SEPARATORS.split(line.strip())) > 2
             for part in (parts[:-1] if _BREADCRUMB_ARROW.search(line) else parts)}
    echoes = 0
    while echoes < len(paragraphs) - 1 and paragraphs[echoes].casefold() in items:
        echoes += 1
    return paragraphs[echoes:], paragraphs[:echoes]


_SMALL_WORD_CHARS = 3  # "in", "of", "and", "the" stay lower case in a section's name in headline case
_ARROWS_ONLY = re.compile(r"[^|/>»]*(?:\s[>»]\s[^|/>»]*){2,}")  # a breadcrumb whose parts only arrows set apart
_PATH_SEPARATORS = re.compile(r"\s+[>»/]\s+")  # a breadcrumb of two parts: "World > Asia-Pacific", "Asia / Politics"
_SITE_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.I)  # "Philstar.com"
_HEAD_MAX_LINES = 8
_CLOSING_MARK = re.compile(r"[.,;:!?]$")  # a line ending so is no label or headline
_NOTE_MAX_WORDS = 20  # "[This article has been translated automatically from Khmer. Translated by Google.]"
_LABEL_MAX_WORDS = 3  # a section's label over the headline: "Politics", "Nation", "LIVE", "Asia Pacific News"
_STACKED_LABELS = 2  # `stacked_labels` over one another and a headline: "Opinion" / "Premium" / the headline


_RUNNING_HEAD_MAX_WORDS = 8
_RUNNING_HEAD_MIN_TIMES = 3
_CLOSING_BLOCK_LINES = 2  # an issuer's closing block: its name over its date, the text's last lines


def remove_running_heads(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """A page's running header or footer from a PDF ("MINISTRY OF FOREIGN AFFAIRS" / "SINGAPORE" on every
    page): a short line without closing punctuation that comes three times or more (a headline may come again
    as the lede, a transcript's label again for the next turn). Its first time at the top stays (the site's or
    issuer's name, read by the next steps), and so does its last time among the text's last two lines over a
    date line (the issuer's closing block, "MINISTRY OF TRADE AND INDUSTRY" / "29 JULY 2020"); the others go."""
    counts = Counter(paragraphs)
    if len(counts) == len(paragraphs):  # most texts: no line comes twice
        return paragraphs, []
    seen: dict[str, int] = {}
    for i, line in enumerate(paragraphs):
        if counts[line] > 1 and len(line.split()) <= _RUNNING_HEAD_MAX_WORDS and not _SENTENCE_END.search(line):
            seen.setdefault(line, i)
    counts = Counter({line: n for line, n in counts.items() if line in seen})
    closing = len(paragraphs) - _CLOSING_BLOCK_LINES  # the issuer's block under the text: "MINISTRY ..." / its date
    kept, removed = [], []
    for i, line in enumerate(paragraphs):
        if counts.get(line, 0) >= _RUNNING_HEAD_MIN_TIMES and not (i == seen[line] and i < _HEAD_MAX_LINES) \
                and not (i >= closing and i + 1 < len(paragraphs) and line not in paragraphs[i + 1 :]
                         and _is_date_line(paragraphs[i + 1], rules)):
            removed.append(line)
        else:
            kept.append(line)
    return kept, removed


def remove_page_head(paragraphs: list[str], rules: CleaningRules, spaced: frozenset[str] = frozenset(),
                     taglines: frozenset[str] = frozenset(),
                     running_heads: frozenset[str] = frozenset()) -> tuple[list[str], list[str], str]:
    """A web page's furniture above the headline: the site's name or address, navigation and breadcrumb lines
    (`spaced`: menus whose items runs of spaces set apart, see spaced_menus), a section's label, a note in square
    brackets and a wire's slug ("ASEAN-CHINA/VACCINES (UPDATE 2)"). Returns the rest, the lines removed, and the
    outlet the site's name gives. It stops at the first line that is none of these: the headline, a date line, a
    byline or the body. (`taglines`: the site's mottos, told while its menu was still there: see site_taglines;
    `running_heads`: a PDF's letterhead, whose lines came again on its later pages: see remove_running_heads.)"""
    removed: list[str] = []
    outlet = ""
    i = 0
    while i < min(len(paragraphs), _HEAD_MAX_LINES) and len(paragraphs) - i > 1:
        line, after = paragraphs[i], paragraphs[i + 1]
        on_a_page = bool(removed or outlet)  # the page's furniture came before
        if named := _site_name(line, rules):  # a second one is the site's too: "baoquocte.vn | English edition"
            outlet = outlet or named
        elif outlet and removed and _site_name(removed[-1], rules) and \
                (line in taglines or _is_tagline(paragraphs, i, spaced, rules)):
            pass  # "Khmer Times" / "Insight into Cambodia" / a menu
        elif i == 0 and (site := _site_over_its_headline(line, after)):  # "VTV World · Transcript" over
            outlet = rules.outlet_called(site) or site  # "ASEAN+3 leaders unite against COVID-19 | VTV World News"
        elif not outlet and i + 2 < len(paragraphs) and (named := _site_name(f"{line} {after}", rules)) \
                and line.isupper() and after.isupper():  # "MINISTRY OF FOREIGN AFFAIRS" / "SINGAPORE"
            outlet = named
            removed.append(line)
            i += 1
        elif not (_is_navigation(line) or line in spaced or _is_slug(line)
                  or (line in running_heads and _headline_below(paragraphs, i, spaced, rules))
                  or (on_a_page and _is_note(line))
                  or (on_a_page and _is_head_furniture(paragraphs, i, spaced, rules))
                  or _is_desk_slug(line, after, rules)
                  or _is_unspaced_menu(line, rules)
                  or (on_a_page and _repeats_menu_item(line, removed, spaced))
                  or _is_label(line, paragraphs[i + 1 : i + 4 + _STACKED_LABELS], rules, on_a_page=on_a_page)):
            anchor = _furniture_anchor(paragraphs, i, spaced, rules)
            if anchor < 0:
                break
            removed += paragraphs[i:anchor]  # an unknown site's name and motto over its menu: "Agence ... (AKP)"
            i = anchor
        removed.append(paragraphs[i])
        i += 1
    return paragraphs[i:], removed, outlet


def _repeats_menu_item(line: str, removed: Sequence[str], spaced: frozenset[str]) -> bool:
    """A line repeating an item of the page's menu above it, its section's name over the headline ("Politics |
    ... | ASEAN 2020" / "ASEAN 2020" / the headline): no headline, whatever its words."""
    folded = line.strip().casefold()
    return len(line.split()) <= _LABEL_MAX_WORDS and any(
        folded in {item.strip().casefold() for item in _MENU_ITEMS.split(menu)}
        for menu in removed if _is_navigation(menu) or menu in spaced)


_FURNITURE_MAX_WORDS = 8
_CONTROLS = re.compile(r"(?:\[[^\[\]]{1,40}\]\s*){2,}")  # a page's buttons: "[ Print this page ]   [ Close window ]"


_UNSPACED_MENU_MIN_WORDS = 5
_UNSPACED_MENU_SHARE = 0.8


def _is_unspaced_menu(line: str, rules: CleaningRules) -> bool:
    """A menu whose separators went with the punctuation ("Home National Provincial Business Foreign Sports"):
    five words or more, each capitalised, no small word, and most of them `menu_words` ("World Health Ministers Meet
    Online" is a headline)."""
    words = line.split()
    return len(words) >= _UNSPACED_MENU_MIN_WORDS and all(w[:1].isupper() for w in words) and \
        not any(w.casefold() in SMALL_WORDS for w in words) and \
        sum(w.casefold() in rules.menu_words for w in words) >= _UNSPACED_MENU_SHARE * len(words)


def _furniture_anchor(paragraphs: list[str], i: int, spaced: frozenset[str], rules: CleaningRules) -> int:
    """The index of a site's menu or page buttons a few lines below `i` with only short lines before it (an unknown
    site's name, "Senator the Hon Marise Payne" / "Minister for Foreign Affairs | Minister for Women" over "Home |
    Media releases | Speeches"; a print page's "[ Print this page ]   [ Close window ]"), or -1: no headline stands
    over a site's menu. A story's share bar ("Share | Tweet | Email"), its address or a breadcrumb of two parts may
    stand under its headline: none of them is such a menu. The lines before it read as no sentence, date or byline."""
    for j in range(i, min(len(paragraphs) - 1, _HEAD_MAX_LINES)):
        line = paragraphs[j]
        if j > i and _is_site_menu(line, spaced, rules):
            return j if _headline_below(paragraphs, j, spaced, rules) else -1
        if len(line.split()) > _FURNITURE_MAX_WORDS or _CLOSING_MARK.search(line) or _BYLINE.match(line) \
                or parse_date(line) or _is_date_line(line, rules):
            return -1
    return -1


def _is_site_menu(line: str, spaced: frozenset[str], rules: CleaningRules) -> bool:
    """A site's menu of three items or more, or a print page's buttons, neither a story's share bar (most of its
    items `share_words`: "Share | Tweet | Email") nor a line with a date or an item without letters."""
    if _CONTROLS.fullmatch(line):
        return True
    items = [item.strip().casefold() for item in _MENU_ITEMS.split(line.strip()) if item.strip()]
    if any(not any(c.isalpha() for c in item) for item in items) or parse_date(line):
        return False  # a date line's parts ("Source: Xinhua | 2021-06-08 | Editor: huaxia"); not "COVID-19 Information"
    menu = line in spaced or (_is_navigation(line) and len(items) >= _SITE_MENU_MIN_ITEMS)
    return menu and 2 * sum(item in rules.share_words for item in items) < len(items)


_SITE_MENU_MIN_ITEMS = 3
_MENU_ITEMS = re.compile(r"\s+[|>»/]\s+|\s{2,}|\t")  # between a menu's items


def _furniture_under_date_line(paragraphs: list[str], on_a_page: bool, spaced: frozenset[str],
                               rules: CleaningRules) -> bool:
    """Whether the first line, under a page's date line, is more of its head: a breadcrumb, a menu ("Thứ Hai,
    25/10/2021 17:42" over "Politics   Business   Society"), or on a page a section's label ("Politics"), a ticker
    or a weather widget over a headline."""
    line = paragraphs[0]
    return _is_navigation(line) or line in spaced or \
        (on_a_page and (_is_label(line, paragraphs[1 : 4 + _STACKED_LABELS], rules, on_a_page=True)
                        or _is_head_furniture(paragraphs, 0, spaced, rules)))


def _is_head_furniture(paragraphs: list[str], i: int, spaced: frozenset[str], rules: CleaningRules) -> bool:
    """A ticker or a weather widget (`head_line_patterns`) with a headline under it: "BREAKING: Curfew hours remain
    unchanged" over "COVID-19: Another 100,000 Australian doses land in Nadi" (a story's own "BREAKING: ..."
    headline has its byline or body under it)."""
    return bool(rules.head_line_patterns.search(paragraphs[i])) and _headline_below(paragraphs, i, spaced, rules)


def remove_unknown_site_head(paragraphs: list[str], rules: CleaningRules,
                             spaced: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The lines of a site the outlets do not know above its menu, before the menu goes with the other page
    furniture ("Agence Kampuchea Presse (AKP)" over "Home | National | Sport"; "Senator the Hon Marise Payne" over
    her office's menu): the rest, and the lines removed. A known site's name is left to remove_page_head."""
    if not paragraphs or any(_site_name(line, rules) for line in paragraphs[:2]):
        return paragraphs, []
    anchor = _furniture_anchor(paragraphs, 0, spaced, rules)
    if anchor < 0 or any(_site_name(line, rules) for line in paragraphs[:anchor]):
        return paragraphs, []
    end = anchor + 1  # the menu, and the furniture and notes under it: "[ Print this page ]", "[Translated ...]"
    while end < len(paragraphs) - 1 and (_is_note(paragraphs[end]) or _is_furniture(paragraphs[end], spaced, rules)):
        end += 1
    return paragraphs[end:], paragraphs[:end]


_SITE_AFTER_BAR_MAX_WORDS = 4


def _site_over_its_headline(line: str, after: str) -> str:
    """The site a page's first line names when the headline under it ends with that site after a bar ("VTV World ·
    Transcript" over "ASEAN+3 leaders unite against COVID-19 | VTV World News": the line opens with the site's
    words but its last, or with a one-word site's name): the site's name, else ""."""
    headline, bar, site = after.rpartition(" | ")
    words = line.split()
    if not bar or not words or len(words) > _TAGLINE_MAX_WORDS or len(site.split()) > _SITE_AFTER_BAR_MAX_WORDS \
            or len(headline.split()) < 3 or _SENTENCE_END.search(line):
        return ""
    lead = [w.casefold() for w in site.split()[:-1] or site.split()]  # "VTV World" of "VTV World News"
    if all(w in SMALL_WORDS for w in lead):  # "The" of "The Diplomat" opens many a headline
        return ""
    return site.strip() if [w.casefold() for w in words[: len(lead)]] == lead else ""


_SITE_NAME_MIN_WORDS = 3  # not a section's label over a menu: "Top Stories", "Today's Paper", "English Edition"
# (two words with one of `site_name_heads`: "Australian Government")


def _unknown_site_name(site_head: list[str], rules: CleaningRules) -> str:
    """The name of a site the outlets do not know, first over its menu past any noise line ("Skip to main
    content"): "Prime Minister of Japan and His Cabinet", "Australian Government". Three to eight words in headline
    case (two with one of `site_name_heads`), half of them at most a menu's, no digits, no sentence, no menu or
    address; "" otherwise."""
    line = next((line for line in site_head if not rules.line_patterns.search(line)), "")
    words = [w.casefold() for w in line.split()]
    short = len(words) < _SITE_NAME_MIN_WORDS and not (len(words) == 2 and rules.site_name_heads & set(words))
    if short or sum(w in rules.menu_words for w in words) * 2 >= len(words) \
            or len(words) > _FURNITURE_MAX_WORDS or any(c.isdigit() for c in line) \
            or _CLOSING_MARK.search(line) or _is_navigation(line) or _URL.fullmatch(line) \
            or _CONTROLS.fullmatch(line) or "|" in line:
        return ""
    return line if _in_headline_case(line) and any(c.isupper() for c in line) else ""


def _is_furniture(line: str, spaced: frozenset[str], rules: CleaningRules) -> bool:
    """A page's menu, address, buttons or other noise line (`line_patterns`), without digits ("Source: Xinhua |
    2021-06-08 | Editor: huaxia" is none)."""
    return (_is_navigation(line) or line in spaced or _URL.fullmatch(line) is not None
            or _CONTROLS.fullmatch(line) is not None or bool(rules.line_patterns.search(line))) \
        and not any(c.isdigit() for c in line)


def _headline_below(paragraphs: list[str], j: int, spaced: frozenset[str], rules: CleaningRules) -> bool:
    """Whether a headline comes under line `j` before the body, past furniture, labels, notes and date lines: the
    lines above a story's share buttons ("Share   Facebook   Twitter") are its headline and byline, not a site's."""
    for line in paragraphs[j + 1 : j + 6]:
        if _is_note(line) or _is_furniture(line, spaced, rules) or rules.head_line_patterns.search(line):
            continue
        if _reads_as_headline(line, rules):
            return True
        if _SENTENCE_END.search(line) or len(line.split()) > _TITLE_MAX_WORDS:
            return False
    return False


_TAGLINE_MAX_WORDS = 6


def site_taglines(paragraphs: list[str], rules: CleaningRules, spaced: frozenset[str] = frozenset()) -> frozenset[str]:
    """The lines at the top that are a site's motto under its name, over its menu: told before the menu goes with
    the noise lines ("Home | Regions | Topics ..." is one), after which the motto would stand over the headline."""
    return frozenset(paragraphs[i] for i in range(1, min(_HEAD_MAX_LINES, len(paragraphs) - 1))
                     if _may_be_menu(paragraphs[i + 1], spaced) and _site_name(paragraphs[i - 1], rules)
                     and _is_tagline(paragraphs, i, spaced, rules))


def _may_be_menu(line: str, spaced: frozenset[str]) -> bool:
    """A cheap test before the menu's own (most lines under a page's first lines are a headline or a sentence): a
    menu's or a print page's buttons' separators, or one of the menus runs of spaces set apart."""
    return line in spaced or any(mark in line for mark in _MENU_MARKS)


_MENU_MARKS = ("|", ">", "»", "/", "[")


def _is_tagline(paragraphs: list[str], i: int, spaced: frozenset[str], rules: CleaningRules) -> bool:
    """Whether line `i`, right under the site's name, is its motto ("Insight into Cambodia", "Economics, Politics
    and Public Policy in East Asia and the Pacific"): no sentence, and a menu after it (a headline has its byline,
    date or body): a few words over any navigation line; up to a headline's length over a site's menu (not a share
    bar) with a headline under it (a story's tags under its headline are such a menu: "ASEAN | China | Vaccines")."""
    line, after = paragraphs[i], paragraphs[i + 1]
    words = len(line.split())
    return not _SENTENCE_END.search(line) and (
        (words <= _TAGLINE_MAX_WORDS and (after in spaced or _is_navigation(after)))
        or (words <= _TITLE_MAX_WORDS and _is_site_menu(after, spaced, rules)
            and _headline_below(paragraphs, i + 1, spaced, rules)))


_NAME_AND_CODE = re.compile(r"(?P<name>[^()]+?)\s*\((?P<code>[^()\s]{2,12})\)")  # the code: its own or initials


def _site_name(line: str, rules: CleaningRules) -> str:
    """The outlet a line only names, in any case, with at most two words after a dash ("GLOBAL TIMES",
    "Nhân Dân Online – English", "U.S. DEPARTMENT of STATE"), or the site whose address it is
    ("chinadaily.com.cn", "baoquocte.vn | English edition"); "" otherwise."""
    if named := rules.outlet_called(line.strip()):
        return named  # "Báo Quốc tế - World & Vietnam Report"
    coded = _NAME_AND_CODE.fullmatch(line.strip())
    if coded and (named := rules.outlet_called(coded["name"])) and (
            rules.outlet_called(coded["code"]) == named
            or coded["code"] == "".join(w[0] for w in coded["name"].split() if w[:1].isupper())):
        return named  # "Agence Kampuchea Presse (AKP)": its name and its code
    head = _SITE_NAME_PARTS.split(line.strip(), maxsplit=1)
    if len(head) == 2 and len(head[1].split()) > 2:  # a tagline: "FRANCE 24 - International breaking news, ..."
        # (no name in it: "Khmer Times - Cambodia receives latest batch of vaccines" is a headline), or a motto
        # in capitals after a bar: "ASEAN | ONE VISION ONE IDENTITY ONE COMMUNITY"
        generic = rules.site_tagline.search(head[1]) and not any(w[:1].isupper() for w in head[1].split()[1:])
        tagline = (generic or (head[1].isupper() and "|" in line)) and not _SENTENCE_END.search(head[1])
        return rules.outlet_called(head[0]) if tagline else ""
    if _SITE_DOMAIN.fullmatch(head[0]):  # the site's address: "chinadaily.com.cn", "baoquocte.vn | English edition"
        return outlet_for_domain(head[0], rules)
    return rules.outlet_called(head[0])


def _site_outlet(name: str, rules: CleaningRules) -> str:
    """A page's site name given in its metadata, as the outlet it names: the whole, or the first of its parts
    between dashes or bars that is a known outlet ("EEAS - European External Action Service - European
    Commission" -> "European External Action Service"); else the name as it is."""
    for part in (name, *_SITE_NAME_PARTS.split(name)) if name else ():
        if known := rules.outlet_called(part.strip()):
            return known
    return name


_SITE_NAME_PARTS = re.compile(r"\s+[—–|-]\s+")


def _is_navigation(line: str) -> bool:
    """A navigation or breadcrumb line: three parts or more between "|", ">", "»" or "/", all but the last of
    at most four words, none ending a sentence (nor a date line's parts between slashes); or a path of two
    parts in headline case of at most four words each between ">", "»" or "/" ("World > Asia-Pacific", "This
    Week in Asia / Politics"; "Analysis | Rubio's ..." is a headline's kicker), or between ">" or "»" of at most
    three words each in any case ("Sức khỏe > Coronavirus"); after an arrow, a section's name listing several in
    headline case may take up to six words ("Newsroom > Press Statements, Transcripts & Photos"; not "Opinion >
    Japan Pledges More Vaccines to Vietnam")."""
    parts = _NAV_SEPARATORS.split(line.strip())
    digits = any(c.isdigit() for c in line)
    if any(re.search(r"[.!?]$", p) for p in parts) or (" / " in line and digits):
        return False  # "Tuesday, June 8, 2021 / 10:45 AM / Updated" is a date line
    if len(parts) >= 3:  # between arrows a section may be longer ("Home > The Prime Minister in Action > ...")
        longest = _POINTED_SECTION_MAX_WORDS if _ARROWS_ONLY.fullmatch(line.strip()) else 4
        return all(len(p.split()) <= longest for p in parts[:-1])
    path = _PATH_SEPARATORS.split(line.strip())
    pointed = " / " not in line  # "Sức khỏe > Coronavirus": an arrow is a path's in any case, of short parts
    return len(path) == 2 and not digits and all(
        (len(p.split()) <= 4 or (pointed and k == 1 and len(p.split()) <= _POINTED_SECTION_MAX_WORDS
                                 and _LIST_MARK.search(p) is not None))
        and (_in_headline_case(p) or (pointed and len(p.split()) <= _POINTED_PART_MAX_WORDS))
        for k, p in enumerate(path))


_POINTED_PART_MAX_WORDS = 3
_POINTED_SECTION_MAX_WORDS = 6
_LIST_MARK = re.compile(r",|&|\band\b")  # a section of several: "Press Statements, Transcripts & Photos"


def _in_headline_case(part: str) -> bool:
    """Whether a path's part has every long word capitalised ("This Week in Asia", "Asia-Pacific"; not "Why
    ASEAN needs China", a headline after its section's name)."""
    return all(w[:1].isupper() or len(w) <= _SMALL_WORD_CHARS for w in part.split())


def _is_note(line: str) -> bool:
    """A page's note in square brackets over the headline: "[Translated automatically from Vietnamese]"."""
    return line.startswith("[") and line.endswith("]") and len(line.split()) <= _NOTE_MAX_WORDS


def _is_slug(line: str) -> bool:
    """A wire's slug or a section path in capitals: "ASEAN-CHINA/VACCINES (UPDATE 2)", "WORLD / ASIA-PACIFIC";
    not a headline in capitals ("ASEAN, CHINA AGREE 24/7 MARITIME HOTLINE", "... HỘI NGHỊ 17/12")."""
    return "/" in line and line.upper() == line and any(c.isalpha() for c in line) and len(line.split()) <= 6 \
        and "," not in line and not re.search(r"\d\s*/\s*\d", line)


_DESK_SLUG_MAX_WORDS = 4
_SLUG_KEYWORDS = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)+")  # "QUAD-MODI-VACCINE"
_DESK_CODE = re.compile(r"[A-Z]{2,5}\d{1,4}")  # "FGN47", "DEL12"


def _is_desk_slug(line: str, after: str, rules: CleaningRules) -> bool:
    """A wire desk's slug over the headline: a desk's code and keywords joined by hyphens, in capitals ("FGN47
    QUAD-MODI-VACCINE"); a headline in capitals ("ASEAN-RUSSIA VACCINE DEAL") has no code."""
    words = line.split()
    return len(words) <= _DESK_SLUG_MAX_WORDS and line.upper() == line and \
        any(_DESK_CODE.fullmatch(w) for w in words) and any(_SLUG_KEYWORDS.fullmatch(w) for w in words) \
        and _reads_as_headline(after, rules)


_LIVE_ENTRY_TIMES = 3  # times alone on their lines (or posts' heads) that make a text a live blog's entries
_TIME_LINE = re.compile(r"\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
                        re.IGNORECASE)  # a time alone on a line: "9:12 PM MYT", "21:04 (GMT+7)"


def _is_update_time(line: str, rules: CleaningRules) -> bool:
    """An update's time without its date under the date line: "Updated at 18:05", "Last updated: 9:12 PM"."""
    label = rules.updated_labels.search(strip_accents(line)[:_UPDATE_LABEL_CHARS])
    return label is not None and _TIME_LINE.fullmatch(_UPDATE_TIME_PREFIX.sub("", line[label.end():])) is not None


_UPDATE_LABEL_CHARS = 20  # "Last updated" and the like open the line
_UPDATE_TIME_PREFIX = re.compile(r"^\s*(?::|at|on)?\s*", re.IGNORECASE)


def _is_section_word(line: str, after: str, rules: CleaningRules) -> bool:
    """A section's name in one word over a date line or a byline ("Nation" between "By ..." and the date):
    one word, not an outlet's name (a byline on two lines) and not a name (two words at least)."""
    return line.isalpha() and not rules.outlet_called(line) and \
        (_is_date_line(after, rules) or _BYLINE.match(after) is not None or _TIME_LINE.fullmatch(after) is not None)


def _is_label(line: str, after: Sequence[str], rules: CleaningRules, *, on_a_page: bool) -> bool:
    """A section's label: a line of at most two words, or three that all start with a capital ("Health
    ministers meet" may be a headline), without digits or closing punctuation, over a line that reads as a
    headline (not a byline, a date line or the body). Unless the page's furniture came before it
    (`on_a_page`), a byline or a date line must follow that headline: in text with its punctuation
    stripped every line reads as a headline."""
    words = line.split()
    if not words or len(words) > _LABEL_MAX_WORDS or any(c.isdigit() for c in line) or \
            _CLOSING_MARK.search(line) or _BYLINE.match(line):
        return False
    stacked = 0  # labels over this one's headline ("Opinion" / "Premium" / the headline): read past them
    while stacked < min(_STACKED_LABELS, len(after) - 1) and after[stacked].casefold() in rules.stacked_labels:
        stacked += 1
    after = after[stacked:]
    headline = after[0]
    if not stacked and _heading_lines([line, headline, *after[1:2]]) > 1:
        return False  # the heading's first line: "CHAIRMAN'S STATEMENT" over "OF THE 38TH AND 39TH ASEAN SUMMITS"
    if _is_navigation(headline) or _is_slug(headline):  # no headline stands over a page's navigation
        return True
    if line.isupper() and (on_a_page or len(words) < _LABEL_MAX_WORDS) and len(after) > 1 and \
            _is_date_line(headline, rules) and _reads_as_headline(after[1], rules):
        return True  # "WORLD NEWS" over "APRIL 22, 2020 / 9:58 PM" over the headline: a section in capitals
    if len(words) == _LABEL_MAX_WORDS and not (on_a_page and all(w[:1].isupper() for w in words)):
        return False  # "Blinken Visits Jakarta" over a standfirst and a byline is the headline
    if not _reads_as_headline(headline, rules) or len(after) < 2:
        return False
    under = after[1]
    if _BYLINE.match(under) is not None or _is_date_line(under, rules) or _name_and_outlet(under, rules, None):
        return True
    if len(after) > 2 and _is_name_over_date(under, after[2], rules):  # the headline, its writer, the date
        return True
    return on_a_page and not _reads_as_headline(under, rules)  # not text with its punctuation stripped


def _reads_as_headline(line: str, rules: CleaningRules) -> bool:
    """Four to `_TITLE_MAX_WORDS` words without closing punctuation, neither a byline nor a line with a date
    ("Post Staff | Publication date 05 August 2022 | 15:48 ICT")."""
    words = line.split()
    return 4 <= len(words) <= _TITLE_MAX_WORDS and not _CLOSING_MARK.search(line) and \
        not _BYLINE.match(line) and not parse_date(line) and not _is_date_line(line, rules)


def _outlet_named(text: str, rules: CleaningRules) -> str:
    """The outlet whose name `text` holds; of several, the longest name ("New Straits Times", not "Straits
    Times")."""
    best, found = 0, ""
    for outlet in rules.outlets:
        for name in outlet.names:
            if len(name) > best and name in text and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                best, found = len(name), outlet.name
    return found


def _only_outlet(part: str, rules: CleaningRules) -> str:
    """The outlet a short text only names ("Reuters", "The Khmer Times"), with a word to spare; "" for text
    that merely mentions one."""
    named = _outlet_named(part, rules)
    return named if named and len(part.split()) <= len(named.split()) + 1 else ""


def _known_outlet_for_domain(url: str, rules: CleaningRules) -> str:
    """The outlets.toml name of a url's or a domain's site; "" when it is none of them."""
    named = outlet_for_domain(url, rules)
    return named if any(named == o.name for o in rules.outlets) else ""


def outlet_for_domain(url: str, rules: CleaningRules) -> str:
    """Outlet of a url by its domain (known outlets by name, others by the bare domain)."""
    host = urlparse(url if "//" in url else f"//{url}").netloc.lower().removeprefix("www.")
    if not host:
        return ""
    for outlet in rules.outlets:
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return host


def _update_label_parts(parts: list[str], rules: CleaningRules) -> Iterator[str]:
    """The parts of a date line, each cut again where an update's label starts ("Issued on: 22/11/2021 - 10:18
    Modified: 22/11/2021 - 12:45": the label holds for the date after it, not for the part's first date)."""
    for part in parts:
        cuts = [m.start() for m in rules.updated_labels.finditer(strip_accents(part)) if m.start() > 0]
        bounds = [0, *cuts, len(part)]
        yield from (part[a:b] for a, b in pairwise(bounds) if a < b)


_MAIL_HEADER_MAX_LINES = 40  # a saved e-mail's header, its folded lines included
_MAIL_LABEL_MAX_CHARS = 40  # a text whose first line opens with a label at most this long may open with a header
_MAIL_LABEL = re.compile(r"(?P<label>[A-Za-z][A-Za-z0-9]*(?P<hyphen>-[A-Za-z0-9-]+)?)[ \t]*:[ \t]*(?P<value>.*)")


def read_mail_header(lines: list[str], rules: CleaningRules) -> tuple[list[str], list[str], Found]:
    """The header of an e-mail saved as text (a newsletter: "From: ...", "To: ...", "Date: ...", "Subject:
    ..."; `mail_header` in boilerplate.toml), taken off the raw lines before wrapped lines are joined, and read:
    the subject is the title, the date the publication date and the sender the outlet (see _sender_name; not a
    forward's, whose sender is whoever forwarded it). The header runs from the first line to the first that is
    no header line: a label of `mail_header`, a hyphenated one of any name ("Reply-To", "List-Unsubscribe",
    "X-Mailer"), or a folded value's next line (indented, not a paragraph of prose). A text whose first lines are
    not such lines, a subject's and a sender's or recipient's among them, is returned as it is."""
    if rules.mail_fields is None:
        return lines, [], Found()
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    fields: dict[str, str] = {}  # role -> the first value of a label of that role
    current: str | None = None  # the field a folded line goes on with: the last label's, when its value was kept
    end = first
    for line in lines[first : first + _MAIL_HEADER_MAX_LINES]:
        if end > first and line[:1] in (" ", "\t") and line.strip() and not _BODY_LINE.match(line.strip()):
            if current is not None:  # "Subject: ... at the summit and" / "  what it will cost"
                fields[current] = f"{fields[current]} {line.strip()}"
            end += 1
            continue
        labelled = _MAIL_LABEL.fullmatch(line.strip())
        if labelled is None:
            break
        role = rules.mail_fields.get(labelled.group("label").casefold())
        if role is None and labelled.group("hyphen") is None:
            break
        current = None
        if role is not None and role not in fields:
            fields[role] = labelled.group("value").strip()
            current = role
        end += 1
    if "title" not in fields or not {"other", "outlet"} & fields.keys():
        return lines, [], Found()
    forward = rules.forward_mark.match(fields["title"]) if rules.forward_mark is not None else None
    title = fields["title"][forward.end() :] if forward else fields["title"]
    header = [" ".join(line.split()) for line in lines[first:end]]
    return lines[end:], header, Found(title=title, published=parse_date(fields.get("published", "")),
                                       outlet="" if forward else _sender_name(fields.get("outlet", ""), rules))


_ANGLE_ADDRESS = re.compile(r"(?P<name>.*?)\s*<(?P<address>[^<>]*)>\s*")


def _sender_name(sender: str, rules: CleaningRules) -> str:
    """The name an e-mail's sender goes by ("The Diplomat <newsletter@thediplomat.com>", "=?UTF-8?Q?The_Diplomat?=
    <...>", "Jakarta Post"), else the known outlet its address's domain is ("news@vietnamnews.vn"); "" for an
    address of a domain the outlets do not know (a webmail's)."""
    with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):  # RFC 2047 encoded words
        sender = str(make_header(decode_header(sender)))
    angled = _ANGLE_ADDRESS.fullmatch(sender.strip())
    if angled:  # "Name <address>"
        name, address = angled["name"], angled["address"]
    elif "@" in sender:  # a bare address
        name, address = "", sender
    else:  # a bare name ("Jakarta Post")
        name, address = sender, ""
    name = name.strip().strip('"').strip()
    if name and "@" not in name:
        return name
    domain = (address or name).rpartition("@")[2].strip().lower()
    return _known_outlet_for_domain(domain, rules) if "." in domain else ""


def remove_metadata_lines(paragraphs: list[str], rules: CleaningRules, places: PlaceNames | None = None,
                          first_is_title: bool = False) -> tuple[list[str], list[str], Found]:
    """Date lines, bylines and sign-offs near the top or at the end; returns what they said. `places` tell a
    dateline ("Kuala Lumpur - Bernama") from a byline without "By" ("Pia Lee-Brago - The Philippine Star");
    `first_is_title`: the first line is the title, not such a byline ("Lavrov Visits Vietnam - Reuters")."""
    kept, removed = list(paragraphs), []
    published = updated = author = outlet = lone_outlet = dateline = ""
    readings: tuple[str, ...] = ()
    head = 0
    # a live blog's entries under their times, a channel's posts under their heads: the first ones' are no page's
    live = sum(_TIME_LINE.fullmatch(line) is not None or POST_HEAD.match(line) is not None
               for line in kept) >= _LIVE_ENTRY_TIMES
    while head < min(len(kept), 8):
        line = kept[head]
        if live and POST_HEAD.match(line):
            head += 1
            continue
        byline = _BYLINE.match(line)
        if places is not None and (place_and_day := _place_and_date(line, places)):
            dateline, published = dateline or place_and_day[0], published or place_and_day[1]  # "Jakarta ● Wed, ..."
        elif _is_date_line(line, rules):
            readings = readings or date_readings(line)
            parts = _DATE_LINE_PARTS.split(line)
            if not author and len(parts) > 1 and _is_name_over_date(parts[0], " | ".join(parts[1:]), rules, places):
                author = parts[0]  # the writer's name, then the date: "Ngọc Thủy  •  01/12/2020 21:36"
            update_label = False  # a label without a date holds for the next date ("Updated 10:30 - Nov 27, 2020")
            for part in _update_label_parts(parts, rules):  # "Published: Nov 26, 2020 |
                day = parse_date(part)  # Updated: Nov 27, 2020", "Issued on: 22/11/2021 Modified: 23/11/2021"
                update_label = update_label or rules.updated_labels.search(strip_accents(part)) is not None
                if day and update_label:
                    updated = updated or day
                elif day:
                    published = published or day
                if day:
                    update_label = False
                else:  # "Khmer Times | 16 April 2020": a part that is only an outlet's name
                    outlet = outlet or _only_outlet(part, rules)
        elif byline:
            rest, day = _without_date(byline.group("rest"))  # "By Viet Anh   August 25, 2021 | 05:10 pm GMT+7"
            published = published or day
            author, outlet = _read_byline(rest, rules, author, outlet)
        elif (head or not first_is_title) and (credit := _name_and_outlet(line, rules, places)):
            author, outlet = author or credit[0], outlet or credit[1]
        elif (head or not first_is_title) and head + 1 < len(kept) and \
                _is_name_over_date(line, kept[head + 1], rules, places):
            author = author or line  # "Rachel Ong Hui Min" over "Published: 27 Oct 2021"
        elif (head or not first_is_title) and head + 2 < len(kept) and _WRITERS_ROLE.fullmatch(kept[head + 1]) and \
                _is_name_over_date(line, kept[head + 2], rules, places):
            author = author or line  # "Goh Yan Ting" over "Regional Correspondent" over "PUBLISHED DEC 1, 2020"
            removed.append(kept.pop(head + 1))
        elif (lower := _LOWER_CASE_BYLINE.fullmatch(line)) and not any(map(_no_name_word, lower["name"].split())):
            author = author or lower["name"].title()  # The Star's "by farah zamira hashim" under the date
        elif (head or not first_is_title) and (credited := _credit_at_head(line, rules)) is not None:
            author = author or credited  # "Reporter: Sinta Ambarwati", "Editor: Bayu Prasetyo" (no author)
        elif (not live and (_TIME_LINE.fullmatch(line) or _is_update_time(line, rules))) or \
                (head + 1 < len(kept) and _is_section_word(line, kept[head + 1], rules)):
            pass  # "9:12 PM MYT", "Updated at 18:05" under the date (not a live blog's entry's time); "Nation" over it
        elif (head or not first_is_title) and len(line) <= _OUTLET_LINE_MAX_CHARS \
                and (named := rules.outlet_called(line.strip())):
            lone_outlet = lone_outlet or named  # the outlet's name or code alone on a line: "Bangkok Post"
            over = kept[head - 1] if head > (1 if first_is_title else 0) else ""
            if over and not author and (reporter := _name_over_outlet(over, line, rules, places)):
                author, lone_outlet = reporter, named  # "Sok Rathana" over "Khmer Times": a byline on two lines
                removed.append(kept.pop(head - 1))
                head -= 1
        else:
            head += 1
            continue
        removed.append(kept.pop(head))
    # a wire's credit line near the end: "(Reporting by Humeyra Pamuk; Editing by Leslie Adler)"
    for i in range(len(kept) - 1, max(len(kept) - 4, 0) - 1, -1):
        if rules.credit_line.fullmatch(kept[i]):
            author = author or _credited_author(kept[i], rules)
            removed.append(kept.pop(i))
    author, outlet = _closing_byline(kept, removed, rules, author, outlet)  # "--AKP--" / "By LIM Nary"
    # sign-off: a last line that is only an outlet code, or a code ending the last line
    if kept:
        last = kept[-1]
        only = _signoff_only(last, rules)
        tail = re.search(rf"\s*(?:[—–-]+\s*|\()(?P<code>{rules.signoff.pattern})(?:/[A-Za-z]+)*\)?\.?\s*$", last,
                         re.I)
        found = only or tail or _bare_signoff(last, rules)
        credited = _credited_sources(last, rules)
        if credited:  # "Source: PNA", "(Sources: Reuters, AFP)", "Nguồn: VOV"
            outlet = outlet or credited
            removed.append(kept.pop())
        elif found:
            outlet = outlet or _outlet_for_signoff(found.group("code"), rules)
            if only:
                removed.append(kept.pop())
            else:
                kept[-1] = last[: found.start()].rstrip()
                removed.append(last[found.start():].strip())
    author, outlet = _closing_byline(kept, removed, rules, author, outlet)  # "By Chea Vannak" / "--AKP--"
    return kept, removed, Found(published=published, updated=updated, author=author, outlet=outlet,
                                lone_outlet=lone_outlet, dateline=dateline, readings=readings)


_ARTICLES = frozenset({"the", "a", "an"})


def _closing_byline(kept: list[str], removed: list[str], rules: CleaningRules, author: str,
                    outlet: str) -> tuple[str, str]:
    """A byline ending the story, moved from `kept` to `removed`: a name's, under the sign-off ("--AKP--" / "By LIM
    Nary"), or of two to four words under the last paragraph's full stop ("By Sok Sreyleak"). Not "By December",
    "By The Numbers" or "By Friday the fund had grown": the story's own words."""
    if len(kept) < 3 or (byline := _BYLINE.match(kept[-1])) is None or not _NAME_LINE.match(name := byline["rest"]):
        return author, outlet
    signed_off = rules.end_mark.fullmatch(kept[-2].strip()) is not None or _signoff_only(kept[-2], rules) is not None
    words = name.split()
    if not signed_off and (len(words) < 2 or words[0].casefold() in _ARTICLES or not _SENTENCE_END.search(kept[-2])):
        return author, outlet
    closing_author, outlet = _read_byline(name, rules, "", outlet)
    if closing_author:
        removed.append(kept.pop())
    return author or closing_author, outlet


def _signoff_only(line: str, rules: CleaningRules) -> re.Match[str] | None:
    """A line that is only an outlet's code, in any case when set apart ("-- BERNAMA", "(Reuters)", "--AKP--",
    "Source: VNA/VietnamPlus"); a code glued to the text counts only in capitals (_bare_signoff)."""
    label = rules.signoff_label.match(strip_accents(line))
    return rules.signoff_line.fullmatch(line, label.end() if label else 0)


_ISSUER_MAX_LINES = 4
_ISSUER_MAX_WORDS = 8


def remove_issuer_block(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str], Found]:
    """A release's closing block of short lines in capitals, who issued it and when ("MINISTRY OF FOREIGN
    AFFAIRS / SINGAPORE / 15 APRIL 2020"): removed; its date is the publication date and its other lines
    name the outlet (a known outlet's name, else the lines in headline case). Without a date, only a known
    outlet's name is such a block: an author's name ("THANH HA") or a slogan in capitals is not."""
    start = len(paragraphs)
    while start > 1 and len(paragraphs) - start < _ISSUER_MAX_LINES \
            and (_issuer_line(paragraphs[start - 1]) or _is_date_line(paragraphs[start - 1], rules)) \
            and not rules.end_mark.fullmatch(paragraphs[start - 1]):  # its date in any case: "3 August 2021"
        start -= 1
    block = paragraphs[start:]
    names = [line for line in block if not _is_date_line(line, rules)]
    if not names:
        return paragraphs, [], Found()
    published = next((day for line in block if (day := parse_date(line))), "")
    joined = ", ".join(names)
    outlet = rules.outlet_called(joined) or \
        rules.outlet_called(" ".join(names)) or \
        next((o for line in names if (o := rules.outlet_called(line))), "")
    if not outlet and not published:  # an author's name, a slogan, a signatory: text, or none of ours
        return paragraphs, [], Found()
    if not outlet and len(joined.split()) >= 2:
        outlet = headline_case(" ".join(w if _LOOKS_ACRONYM.fullmatch(w) and w.lower() not in SMALL_WORDS
                                        else w.lower() for w in joined.split()))
    if start > 1 and rules.end_mark.fullmatch(paragraphs[start - 1]):  # "... END" before the issuer's lines
        start -= 1
        block = paragraphs[start:]
    return paragraphs[:start], block, Found(published=published, outlet=outlet)


_LOOKS_ACRONYM = re.compile(r"[A-Z]{2}|[B-DF-HJ-NP-TV-Z]{3,}[,.]?")  # "US EMBASSY": "US Embassy"; "LAO PDR": "Lao PDR"


def _issuer_line(line: str) -> bool:
    return line.isupper() and len(line.split()) <= _ISSUER_MAX_WORDS and re.match(r"[^\W_]", line) is not None \
        and not re.search(r"[.!?:;]\s*$", line)


def _credited_author(line: str, rules: CleaningRules) -> str:
    """The first name a credit line gives a role of `credit_author_roles` ("Reporting by Jane Doe and John
    Roe; Editing by ...": Jane Doe); "" when only editors and the like are credited."""
    for part in re.split(r"\s*[;,(|]\s*", line.strip("() .")):
        role = rules.credit_author.match(part)
        if role:
            first = re.split(r"\s+and\s+", _WHERE.sub("", role.group("names").strip()))[0]
            return first if _NAME_LINE.match(first) else ""
    return ""


def _credit_at_head(line: str, rules: CleaningRules) -> str | None:
    """A credit on a line of its own near the top: the author it names ("Reporter: Sinta Ambarwati", "Mihi
    Tautahi, Political Reporter"), "" for an editor's or a photographer's ("Editor: Bayu Prasetyo"); None
    for any other line."""
    folded = strip_accents(line.strip())
    if len(folded) > _BYLINE_MAX_CHARS:
        return None
    if rules.credit_label.fullmatch(folded) and _NAME_LINE.fullmatch(line.split(":", 1)[1].split(",")[0].strip()):
        return _credited_author(line, rules)  # not a transcript's "Reporter: Any update on Myanmar?"; the name
        # may have its institution after it ("Author: Ratri Handayani, CSIS")
    parts = _BYLINE_PARTS.split(line.strip(), maxsplit=1)
    role = parts[1].split() if len(parts) == 2 else []
    if not role or len(role) > 3 or not _NAME_LINE.match(parts[0]) or len(parts[0].split()) < 2 or \
            any(w in rules.byline_not_words for w in strip_accents(parts[0]).casefold().split()):
        return None
    if role[-1].casefold() in rules.author_roles:
        return parts[0]
    return "" if role[-1].casefold() in rules.credit_roles_named else None  # "Jo Moir, Political Editor"


def _credited_sources(line: str, rules: CleaningRules) -> str:
    """The outlet a last line credits after a label of `signoff_labels`, when the line is nothing else: codes
    or outlet names ("Source: PNA", "(Sources: Reuters, AFP)", "Nguồn: VOV"); "" otherwise ("Source: a
    senior official said ..." is text)."""
    inner = line.strip().strip("().").strip()
    label = rules.signoff_label.match(strip_accents(inner))
    if label is None:
        return ""
    credited = []
    for item in re.split(r"\s*[,/&;]\s*|\s+and\s+", inner[label.end() :].strip()):
        outlet = rules.outlet_called(item)
        if not outlet:
            return ""
        credited.append(outlet)
    return credited[0] if credited else ""


def _bare_signoff(last: str, rules: CleaningRules) -> re.Match[str] | None:
    """A capitalised code that ends a last line after its last sentence ("... of the victims. VNA") or without
    any punctuation ("... in bilateral trade VNS": text whose punctuation was stripped), where no dash sets
    the sign-off apart. A code that is a word ("Reuters") could end a sentence ("told Reuters"): only codes
    in capitals count, and not after a word of `signoff_not_after` ("an interview with TASS")."""
    found = re.search(rf"(?<=[.!?\"”])\s+(?P<code>{rules.signoff.pattern})\s*$", last)
    if found is None:
        if re.search(r"[.!?;:,\"”)]", last):
            return None
        found = re.search(rf"(?<=\w)\s+(?P<code>{rules.signoff.pattern})\s*$", last)
    if found is None or not found.group("code").isupper():
        return None
    return None if rules.signoff_not_after.search(strip_accents(last[: found.start()]).casefold()) else found


_BRACKETED_AGENCY = re.compile(r"[^(/]{2,60}?[(/]\s*(?P<agency>[A-Za-z][\w .-]{1,30}?)\s*[)/]")
# "TOKYO, July 1 Kyodo -": the agency's name right before the dash
_AGENCY_BEFORE_DASH = re.compile(r"[^—–(/]{2,60}?\s(?P<agency>[A-Z][\w.]{1,20})\s+(?:[—–]|--?)\s")


# "Jakarta ANTARA Indonesian ...": a place, then the agency in capitals, their punctuation stripped (what follows
# the place's name, for detect_dateline; and the whole, for dateline_agency)
_AGENCY_AFTER_PLACE = re.compile(r" (?P<agency>[A-Z]{3,12}) (?=[A-Z])")
# after a place in capitals, its date and an agency in brackets, no dash: "NEW DELHI, Mar 12 (PTI) The Quad ..."
_AGENCY_WITHOUT_DASH = re.compile(r"(?:,\s*[^,—–()-]{3,30}?){0,2}\s*\([A-Z][A-Za-z]{1,11}\)\s+(?=[A-Z\"“])")
_AGENCY_IN_CAPITALS = re.compile(rf"[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){{0,2}}{_AGENCY_AFTER_PLACE.pattern}")


def dateline_agency(first: str, rules: CleaningRules) -> str:
    """The agency credited in a dateline, in any case: "MOSCOW, April 22. /TASS/.", "HANOI (Reuters) -",
    "Jakarta (ANTARA) -"; named before the dash with no brackets: "TOKYO, July 1 Kyodo -"; in capitals after the
    place in text stripped of its punctuation: "Jakarta ANTARA Indonesian ..."."""
    match = _BRACKETED_AGENCY.match(first) or _AGENCY_BEFORE_DASH.match(first) or _AGENCY_IN_CAPITALS.match(first)
    if not match:
        return ""
    return rules.outlet_called(match.group("agency"))  # "(ANTARA)": Antara


def _outlet_for_signoff(code: str, rules: CleaningRules) -> str:
    """The outlet of a sign-off code, in whatever case it is written ("BERNAMA" is Bernama's "Bernama")."""
    return rules.signoff_outlets.get(code.casefold(), code)


_WHERE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")  # "in Jakarta" after a reporter's name
_BYLINE_PARTS = re.compile(r"\s*(?:,|;|\||/|—|–|\s-\s)\s*")  # not the hyphen inside "Lee-Brago"


_AUTHORS_JOINED = re.compile(r"\s+(?:and|&)\s+")  # "By Dewi Kartika and Jonathan Hale"


def _read_byline(rest: str, rules: CleaningRules, author: str, outlet: str) -> tuple[str, str]:
    """"By Jane Doe, Reuters" -> author Jane Doe, outlet Reuters; a wire name alone is an outlet; "Tom Allard in
    Jakarta; Editing by Ed Davies" -> Tom Allard; of several authors the first, as in a credit line ("By
    ELAINE KURTENBACH and DAVID RISING Associated Press" -> Elaine Kurtenbach, the outlet after the names)."""
    parts = [p.strip() for p in _BYLINE_PARTS.split(_without_byline_date(rest, rules)) if p.strip()]
    for part in parts:
        part = _WHERE.sub("", part)
        named = _only_outlet(part, rules)
        if named:
            outlet = outlet or named
            continue
        part, named = _without_trailing_outlet(part, rules)
        outlet = outlet or named
        part = _without_trailing_role(part, rules)
        names = [_WHERE.sub("", name) for name in _AUTHORS_JOINED.split(part)]
        if not author and all(_NAME_LINE.match(name) for name in names):
            author = names[0].title() if names[0].isupper() else names[0]
    return author, outlet


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?!\w)"  # "Oct", "October", "Sept."


_META_AUTHOR_PARTS = re.compile(r"\s*[;·•]\s*")  # trafilatura joins a page's authors with "; "
_MONTH_DAY = re.compile(rf"{_MONTH_WORD}\s+\d|\d{{1,2}}\s+{_MONTH_WORD}", re.IGNORECASE)


def _meta_author(author: str, rules: CleaningRules) -> str:
    """A page's or an export's author without what its byline held besides the names: a writer's role after a
    comma or before the name ("Aroha Te Whāiti; Foreign Affairs Reporter", "Foreign Affairs Reporter Claire
    Whitfield": a role ends with one of `credit_author_labels`), a date ("Hélène Côté · September 8"). Several
    names stay joined by "; "; the author as it is when nothing but a role or a date would be left."""
    names = []
    for part in _META_AUTHOR_PARTS.split(author):
        words = part.split()
        roles = [k for k, word in enumerate(words) if word.casefold().strip(",.") in rules.author_roles]
        if not words or (roles and roles[-1] == len(words) - 1) or parse_date(part) or _MONTH_DAY.match(part):
            continue  # the role alone, or the byline's date
        names.append(" ".join(words[roles[-1] + 1 :]) if roles and len(words) - roles[-1] > 2 else part)
    return "; ".join(names) if names else author


def _without_byline_date(author: str, rules: CleaningRules) -> str:
    """An author without the date its byline ran into ("Shin Hye-rim Published Oct", "Kim Arin Posted on Oct 26":
    a page's byline and date lines read as one): a date label followed by a date, a colon or nothing; when two
    words of a name are left ("Kim Tong-hyung, updated by Hyung-jin Kim" and "Xinhua Updated: Oct 26" stay)."""
    if rules.byline_date is None or (cut := rules.byline_date.search(author)) is None:
        return author
    name = author[: cut.start()].strip()
    return name if len(name.split()) >= 2 else author


def _without_trailing_role(part: str, rules: CleaningRules) -> str:
    """A byline's part without the writer's role after the name, when there is no comma between them ("Rachel
    Goh Li Wen Senior Correspondent": a role of `credit_author_labels` with its `byline_role_qualifiers` before
    it); the part as it is otherwise, and when fewer than two words of a name would be left."""
    words = part.split()
    if not words or words[-1].casefold() not in rules.author_roles:
        return part
    cut = len(words) - 1
    while cut > 0 and words[cut - 1].casefold() in rules.role_qualifiers:
        cut -= 1
    return " ".join(words[:cut]) if cut >= 2 else part


def _without_trailing_outlet(part: str, rules: CleaningRules) -> tuple[str, str]:
    """A byline's part without the outlet's name that ends it ("DAVID RISING Associated Press"), and that
    outlet; the part and "" when it ends with none."""
    for outlet in rules.outlets:
        for name in outlet.names:
            if part.endswith(name) and len(part) > len(name) and part[-len(name) - 1].isspace():
                return part[: -len(name)].rstrip(), outlet.name
    return part, ""


_PLACE_DATE_PARTS = re.compile(r"\s*[,●•·|]\s*|\s+[-–—]\s+")
_PLACE_DATE_MAX_CHARS = 80


def _place_and_date(line: str, places: PlaceNames) -> tuple[str, str] | None:
    """(place, YYYY-MM-DD) of a line that is only places and a date ("Vientiane, Lao PDR, 20 February 2020",
    "Jakarta ● Wed, August 4, 2021"): the first place is the dateline; None for any other line."""
    if len(line) > _PLACE_DATE_MAX_CHARS or not (day := parse_date(line)):
        return None
    # a range's first day stays after the date is blanked: "New Delhi, 16-17 June 2022"
    parts = [part for part in _PLACE_DATE_PARTS.split(_without_dates(line).strip()) if part.strip(" .-–0123456789")]
    named = [_place_named(part.strip(" ."), places) for part in parts]
    return (named[0], day) if named and all(named) else None


def _place_named(text: str, places: PlaceNames) -> str:
    folded = strip_accents(text).lower()
    return next((canonical for alias, canonical in places.starting_like(folded) if alias == folded), "")


def _without_date(text: str) -> tuple[str, str]:
    """A byline's text without the date it holds (and the weekday before it), the parts around it apart, and
    that date as YYYY-MM-DD ("" and the text when none): "By Jane Doe, June 5, 2021, Reuters"."""
    day = parse_date(text)
    if not day:
        return text, ""
    words = load_date_words()
    found = [m for pattern in words.patterns if (m := pattern.search(text))]
    read = [m for m in found if parse_date(m.group()) == day] or found  # not "May 5 2500", no date, before it
    date = min(read, key=lambda m: m.start())
    # "By Jane Doe, Tuesday, August 25, 2021"
    weekday = next((m for m in re.finditer(rf"(?:{words.weekday})[\s,.]*", text, re.I) if m.end() == date.start()),
                   None)
    return f"{text[: weekday.start() if weekday else date.start()]} | {text[date.end():]}", day


_BYLINE_MAX_CHARS = 100
_NAME_THEN_BRACKETS = re.compile(r"([^()]+?)\s*\(([^()]+)\)")
_OUTLET_LINE_MAX_CHARS = 60


def _name_and_outlet(line: str, rules: CleaningRules, places: PlaceNames | None) -> tuple[str, str] | None:
    """A byline without "By": two to four capitalised words as a name, then a known outlet ("Pia Lee-Brago -
    The Philippine Star", "Jane Doe | Reuters", "Dian Paramita (The Jakarta Post)"); None for any other line,
    for a place's name before the outlet ("Kuala Lumpur - Bernama") and for a name with a word of
    `byline_not_words` ("World News | Reuters", "Foreign Minister Sergey Lavrov - Xinhua")."""
    if len(line) > _BYLINE_MAX_CHARS:  # a paragraph of text, not a byline
        return None
    bracketed = _NAME_THEN_BRACKETS.fullmatch(line.strip())  # "Dian Paramita (The Jakarta Post)"
    parts = list(bracketed.groups()) if bracketed else _BYLINE_PARTS.split(line.strip(), maxsplit=1)
    if len(parts) != 2 or len(parts[0].split()) < 2 or not _NAME_LINE.match(parts[0]):
        return None
    name, outlet = parts[0], _only_outlet(_without_role(parts[1], rules), rules)  # "Nikkei staff writer"
    name = name.title() if name.isupper() else name  # "AYA KOSAKA"
    folded = strip_accents(name).lower()
    if any(word in rules.byline_not_words for word in folded.split()):
        return None
    if places is not None and any(alias == folded for alias, _canonical in places.starting_like(folded)):
        return None
    return (name, outlet) if outlet and not _outlet_named(name, rules) else None


def _without_role(text: str, rules: CleaningRules) -> str:
    """The text without a role of `not_authors` that ends it ("Nikkei staff writer" -> "Nikkei")."""
    folded = text.casefold()
    for role in sorted(rules.not_authors, key=len, reverse=True):
        if folded.endswith(" " + role):
            return text[: len(text) - len(role)].rstrip()
    return text


_NAME_WORDS = (2, 4)  # words of a writer's name alone on a line ("Rachel Ong Hui Min")
_NOT_IN_NAMES = SMALL_WORDS | {"a", "an", "from", "with", "by", "as", "is", "are", "or"}


# a writer's role alone on a line under the name: "Regional Correspondent", "Senior Reporter", "Foreign Editor"
_WRITERS_ROLE = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}(?:correspondent|reporter|editor|writer|journalist|columnist|"
                           r"contributor)s?", re.IGNORECASE)
_TIME_WORDS = frozenset({"next", "last", "this", "early", "late", "mid", "end", "then", "now", "noon", "midnight",
                         "year", "month", "week", "day", "tomorrow", "today", "tonight", "far"})


def _no_name_word(word: str) -> bool:
    """A word no name in a lower-case byline holds: a small word, a time word, a month's or a weekday's name ("by
    next tuesday", "by the end of may")."""
    words = load_date_words()
    return word in _NOT_IN_NAMES or word in _TIME_WORDS or words.month_number(word) > 0 or \
        any(day.fullmatch(word) for day in words.weekdays)


_LOWER_CASE_BYLINE = re.compile(r"by\s+(?P<name>[a-z]{2,}(?:\s+[a-z]{2,}){1,3})")  # "by farah zamira hashim"


def _is_name_over_date(line: str, date_line: str, rules: CleaningRules, places: PlaceNames | None = None) -> bool:
    """Whether a line is a writer's name alone over the date line, a byline without "By" ("Rachel Ong Hui Min"
    over "Published: 27 Oct 2021"): two to four capitalised words, no digit, no small word ("A Gift From
    Beijing" is a deck), no word of a section or caption, no outlet and no place ("Phnom Penh")."""
    words = line.split()
    return _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1] and all(w[:1].isupper() and w.isalpha() for w in words) \
        and not line.isupper() and not any(w.casefold() in _NOT_IN_NAMES for w in words) \
        and not any(strip_accents(w).casefold() in rules.byline_not_words for w in words) \
        and not rules.outlet_called(line) \
        and not (places is not None and _names_a_place(line, places)) and _is_date_line(date_line, rules)


def _names_a_place(line: str, places: PlaceNames) -> bool:
    """Whether a known place or country's name stands in the line, as whole words ("Phnom Penh", "Hun Sen Thanks
    China")."""
    folded = strip_accents(line).lower()
    starts = [0] + [m.end() for m in re.finditer(r"\s+", folded)]
    return any(folded.startswith(alias, at) and (at + len(alias) == len(folded) or
                                                 not folded[at + len(alias)].isalnum())
               for at in starts for alias, _canonical in places.starting_like(folded[at:]))


def _name_over_outlet(name: str, outlet_line: str, rules: CleaningRules, places: PlaceNames | None) -> str:
    """A reporter's name alone on the line over a line that only names the outlet ("Sok Rathana" over "Khmer
    Times"), as written; "" for any other line."""
    return name if _name_and_outlet(f"{name} | {outlet_line}", rules, places) else ""


def strip_end_mark(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """An end mark of `end_marks` ending the last line ("... the Secretary said. END", "###")."""
    if not paragraphs or not paragraphs[-1].endswith(rules.end_marks) or \
            (found := rules.end_mark.search(paragraphs[-1])) is None:
        return paragraphs, []
    rest = paragraphs[-1][: found.start()].rstrip()
    return paragraphs[:-1] + ([rest] if rest else []), [found.group().strip()]


_LEADING_DATE = re.compile(r"(?P<date>[^—–-]{6,50}?)\s+(?:[—–]|--?)\s")  # a date, then a dash


_TRAILING_CREDIT = re.compile(r"\s+\(?([\w.&]{2,30})\)?$")  # "... 2022 AKP", "... 2020 (Xinhua)"


def published_in_dateline(first: str, rules: CleaningRules) -> str:
    """The date a body opens with before a dash: "16 April 2020 - Foreign Affairs Secretary ...", "MANILA,
    April 16, 2020 -- ...", also with the outlet's code after it ("Phnom Penh, November 11, 2022 AKP -- ...");
    "" when it opens otherwise."""
    match = _LEADING_DATE.match(first)
    if match is None:
        return ""
    date = match.group("date")
    credit = _TRAILING_CREDIT.search(date)
    if credit is not None and rules.outlet_called(credit.group(1)):
        date = date[: credit.start()]
    return parse_date(date) if _is_date_line(date, rules) else ""


@lru_cache(maxsize=1)
def _dateline_day() -> re.Pattern[str]:
    """A month and day without a year in a dateline's first 60 characters ("SEOUL, April 7 (Yonhap) --")."""
    words = load_date_words()
    return re.compile(rf"[^.!?]{{0,60}}?(?<!\w)(?P<mon>{words.month})\s+(?P<d>\d{{1,2}})\b(?!,?\s*(?:{words.year}))",
                      re.I)


def dateline_day_in_text(first: str, text: str) -> str:
    """The date a dateline gives without its year ("SEOUL, April 7 (Yonhap) --"), when a full date of that
    month and day stands elsewhere in the document ("... on April 7, 2020. (PHOTO NOT FOR SALE)"); ""
    otherwise: a year is never guessed."""
    words = load_date_words()
    match = _dateline_day().match(first)
    if match is None or not words.any_year.search(text):
        return ""
    month_day = f"{words.month_number(match.group('mon')):02d}-{int(match.group('d')):02d}"
    days = (parse_date(part) for line in text.split("\n") if words.any_year.search(line)
            for part in re.split(r"[.;|]\s", line))
    years = {day[:4] for day in days if day[5:] == month_day}
    return f"{years.pop()}-{month_day}" if len(years) == 1 else ""


def strip_glued_signoff(paragraphs: list[str], rules: CleaningRules) -> tuple[list[str], list[str]]:
    """An outlet code glued to the first word ("VNSASEAN-Russia ...") is another article's sign-off."""
    if not paragraphs:
        return paragraphs, []
    first = paragraphs[0]
    match = re.match(rf"(?P<code>{rules.signoff.pattern})(?=[A-Z])", first)
    token = re.match(r"[^\s-]+", first)
    if match and token and len(token.group()) >= len(match.group("code")) + 3:
        code = match.group("code")
        return [first[len(code):], *paragraphs[1:]], [code]
    return paragraphs, []


_ENDS_IN_CLAUSE_MARK = re.compile(r"[.,;:]\s*$")  # no title ends so
_HEADING_GOES_ON = re.compile(r"(?:OF|ON|FOR|AND|BETWEEN|AT|TO|IN|BY|WITH)\s")  # "CHAIRMAN'S STATEMENT" / "OF THE ..."


def remove_logo_line(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """A document's first line of one word in capitals over its heading in capitals ("ASEAN" over "CHAIRMAN'S
    STATEMENT"): the issuer's logo, copied from a PDF as text; no title, no text."""
    if len(paragraphs) > 2 and len(paragraphs[0].split()) == 1 and paragraphs[0].isupper() \
            and paragraphs[1].isupper() and len(paragraphs[1].split()) > 1:
        return paragraphs[1:], paragraphs[:1]
    return paragraphs, []


def _heading_lines(paragraphs: list[str]) -> int:
    """How many lines the first line's heading takes: two when it is in capitals and the next, in capitals too,
    goes on with a preposition ("CHAIRMAN'S STATEMENT" / "OF THE 38TH AND 39TH ASEAN SUMMITS"), else one."""
    first, after = paragraphs[0], paragraphs[1] if len(paragraphs) > 1 else ""
    goes_on = first.isupper() and after.isupper() and _HEADING_GOES_ON.match(after) is not None \
        and not _ENDS_IN_CLAUSE_MARK.search(after) and len(f"{first} {after}".split()) <= _TITLE_MAX_WORDS
    return 2 if goes_on and len(paragraphs) > 2 else 1


def detect_title(paragraphs: list[str]) -> tuple[list[str], str]:
    """A short first line without closing punctuation, followed by body text, is the title (a salutation may
    come first: "Colleagues,"); a heading in capitals may go on in the next line."""
    if len(paragraphs) < 2:
        return paragraphs, ""
    lines = _heading_lines(paragraphs)
    if lines > 1 and (found := _first_line_title([" ".join(paragraphs[:lines]), *paragraphs[lines:]]))[1]:
        return found  # the text keeps its lines when the joined heading is no title
    return _first_line_title(paragraphs)


def _first_line_title(paragraphs: list[str]) -> tuple[list[str], str]:
    first = paragraphs[0]
    words = first.split()
    # a ministry's long title ("Foreign Minister Sergey Lavrov's remarks and answers to media questions at a joint
    # news conference with ..., Jakarta, July 6, 2021") over punctuated text, where a lede ends like a sentence
    long_title = len(words) > _TITLE_MAX_WORDS and any(_SENTENCE_END.search(p) for p in paragraphs[1:4]) and \
        not _LONG_LINE_SENTENCE.search(first)  # a lede ending in 'safe."' or '(Xinhua)' is no title
    if 2 <= len(words) <= (_LONG_TITLE_MAX_WORDS if long_title else _TITLE_MAX_WORDS) and \
            not _ENDS_IN_CLAUSE_MARK.search(first) and any(len(p.split()) >= 3 for p in paragraphs[1:3]):
        return paragraphs[1:], first
    return paragraphs, ""


_LONG_LINE_SENTENCE = re.compile(r"[.!?]\s|[.,;:!?)\]][\"'\u201d\u2019)\]]*\s*$")  # a sentence inside or at the end


@dataclass(frozen=True, slots=True)
class PlaceNames:
    """Folded place aliases -> canonical names, grouped by first character: a dateline's place is looked
    for among the aliases that start like the text (a few dozen), not among all of them (hundreds)."""

    by_initial: Mapping[str, tuple[tuple[str, str], ...]]

    @classmethod
    def of(cls, names: Mapping[str, str]) -> PlaceNames:
        """From folded (accent-stripped, lower-case) alias -> canonical name, in the order given."""
        grouped: dict[str, list[tuple[str, str]]] = {}
        for alias, canonical in names.items():
            if alias:  # an empty alias never names a place
                grouped.setdefault(alias[0], []).append((alias, canonical))
        return cls({initial: tuple(aliases) for initial, aliases in grouped.items()})

    def starting_like(self, folded: str) -> tuple[tuple[str, str], ...]:
        """(alias, canonical) of the aliases that can start `folded` (accents stripped), in their order."""
        return self.by_initial.get(folded[:1].lower()[:1], ())


def detect_dateline(first: str, places: PlaceNames | Mapping[str, str]) -> str:
    """The place a body opens with: "HÀ NỘI —", "HANOI (Reuters) -", "Brussels, 20 March -", "HÀ NỘI ASEAN",
    "Jakarta ANTARA Indonesian" (an agency in capitals, the punctuation stripped)."""
    folded = strip_accents(first)
    places = places if isinstance(places, PlaceNames) else PlaceNames.of(places)
    best = ""
    for alias, canonical in places.starting_like(folded):
        if len(alias) <= len(best) or folded[: len(alias)].lower() != alias:
            continue
        after = first[len(alias):]
        upper = first[: len(alias)].isupper()
        opener = _DATELINE_OPENER.match(after) or _AGENCY_AFTER_PLACE.match(after)
        if opener or (upper and (re.match(r"\s+[A-Z]", after) or _AGENCY_WITHOUT_DASH.match(after))):
            best = alias
            found = canonical
    if best:
        return found
    # "CHONGQING, China, June 7 (Reuters) -": a place in capitals that no vocabulary knows
    generic = re.match(r"(?P<place>[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'’ ]{2,30}?(?:/[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'’ ]{2,30}?)?)"
                       r"(?P<parts>(?:,\s*[^,—–()-]{3,30}?){0,2})"
                       r"\s*(?P<agency>\([^)]{1,40}\))?\s*(?:[—–]|--| - )\s*\S", first)
    if generic and generic.group("parts") and not (generic.group("agency") or re.search(r"\d", generic.group("parts"))):
        generic = None  # "ASEAN, China, Japan and Korea - ...": a list; a dateline's parts hold a date or an agency
    if generic and generic.group("place").isupper():
        return generic.group("place").strip().title()
    return ""


def _dateline_outlet(dateline: str, rules: CleaningRules) -> str:
    """The outlet a body opens with where a dateline's place would be ("VOV.VN -", "VNA -"), or the first of two
    ("NDO/VNA –": the paper, then the agency it took the story from): its outlets.toml name; "" for a place."""
    if _DOMAIN.fullmatch(dateline):
        return _known_outlet_for_domain(dateline, rules)
    codes = dateline.split("/")
    if len(codes) == 2 and all(rules.outlet_called(code.strip()) for code in codes):
        return rules.outlet_called(codes[0].strip())
    return rules.outlet_called(dateline)


_WRITES_FOR = re.compile(
    r"\b(?:writes?|writer|newswriter|reporter|correspondent|editor|columnist|journalist)\b[^.]{0,60}?\b(?:for|at|with)"
    r"\s+(?:the\s+best\s+[\w\s]{1,40}?\s+-\s+)?(?P<name>(?:The\s+)?[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*){0,4})")


def _boilerplate_outlet(removed: Sequence[str], bios: Sequence[str], rules: CleaningRules) -> str:
    """An outlet named in removed text or a bio ("writes for X"), else the domain most linked."""
    joined = "\n".join(removed)
    named = _outlet_named(joined, rules)
    if named:
        return named
    for bio in bios:
        if match := _WRITES_FOR.search(bio):
            return match.group("name").rstrip(".")
    hosts = Counter(outlet_for_domain(u, rules) for u in _URL.findall(joined))
    hosts.pop("", None)
    return hosts.most_common(1)[0][0] if hosts else ""


def article_id_for(doc: RawDocument) -> str:
    """Deterministic id: the same file name, record and text always give the same id."""
    key = f"{Path(doc.source_file).name}\x00{doc.record}\x00{doc.text}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


# where a date line's second label may start ("... | Updated: ...", "Source: Xinhua| 2020-02-20 ...")
_DATE_LINE_PARTS = re.compile(r"\s*\|\s*|\s+[·•/]\s+|;\s*|\s+[-–—]\s+(?=\D)")
_MARKDOWN_LINE_MARK = re.compile(r"^(?:#{1,6}\s+|(?:>\s*)+)")  # what starts a Markdown line, not its text
_INLINE_BLANKS = re.compile(r"[ \t\u00a0]+")
# a footnote's markers glued to the word, year or mark before them ("held in Brussels.[1][2]", "in 2021[2],"; not
# "Article 5[2]"): no words of the sentence, and a quote holding them is not the page's text (the page sets them
# apart, in superscript); an endnote's own "[1] European Commission, ..." opens its line (a line pattern's)
_FOOTNOTE_MARKER = re.compile(r"(?:(?<=[^\s\[(\d])|(?<=\d{4}))(?:\[\d{1,3}\])+(?=[\s.,;:!?)\"”’']|$)", re.MULTILINE)
_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?", re.I)


_DECK_MAX_WORDS = 40


def dateline_under_caption(paragraphs: Sequence[str], places: PlaceNames) -> str:
    """The dateline of the body's first paragraph under a photo's caption or a standfirst left in the text
    ("Foreign Minister Vivian Balakrishnan ... co-chaired the meeting. PHOTO: MFA" over "SINGAPORE - Asean and the
    EU agreed ..."): one of the next paragraphs that opens with a dateline beyond doubt, under short ones only."""
    for k in range(1, min(len(paragraphs), 1 + _PARAGRAPHS_OVER_DATELINE)):
        if len(paragraphs[k - 1].split()) > _DECK_MAX_WORDS:
            return ""
        if _opens_with_dateline(paragraphs[k], places):
            return detect_dateline(paragraphs[k], places)
    return ""


_PARAGRAPHS_OVER_DATELINE = 2  # a caption and a standfirst
_CAPTIONS_OVER_BODY = 1  # short lines (a photo's caption) between a standfirst and the body's dateline
_CAPTION_MAX_WORDS = 12


def remove_deck(paragraphs: list[str], places: PlaceNames, title: str) -> tuple[list[str], list[str]]:
    """What stands between the headline and a body that opens with a dateline ("MOSCOW, June 10. /TASS/. ..."):
    a first paragraph of at most 40 words without a dateline, over the dateline's paragraph, is a standfirst
    ("Russia's top diplomat says Moscow is prepared to share ...") or a player's leftovers ("Video PlayerClose"),
    unless it is the headline again (a Factiva lede). The body starts at its dateline, when that is one beyond
    doubt (_opens_with_dateline: not "Washington, for its part, said ..."). A photo's caption may stand between
    them, a short line that is no sentence ("Russian Foreign Minister Sergey Lavrov")."""
    if len(paragraphs) < 2 or len(paragraphs[0].split()) > _DECK_MAX_WORDS \
            or strip_accents(paragraphs[0]).casefold() == strip_accents(title).casefold() \
            or detect_dateline(paragraphs[0], places):
        return paragraphs, []
    body = 1
    while body < min(len(paragraphs) - 1, 1 + _CAPTIONS_OVER_BODY) and \
            len(paragraphs[body].split()) <= _CAPTION_MAX_WORDS and not _SENTENCE_END.search(paragraphs[body]):
        body += 1
    if not _opens_with_dateline(paragraphs[body], places):
        return paragraphs, []
    return paragraphs[body:], paragraphs[:body]


@lru_cache(maxsize=1)
def _date_before_dash() -> re.Pattern[str]:
    """A month and a day in a paragraph's first 40 characters before a dash ("VIENTIANE, Feb. 20 --")."""
    return re.compile(rf"[^—–]{{2,40}}?(?<!\w){load_date_words().month}\s+\d", re.IGNORECASE)


# "WASHINGTON -", "MANILA, Philippines –": a place in capitals, perhaps its country, then a dash
_CAPITALS_THEN_DASH = re.compile(r"(?P<place>[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'’ /]{2,30}?)(?:,\s*(?P<country>[A-ZÀ-Ỹ][\w'’ ]{2,30}?))?"
                                 r"\s*(?:[—–:]|--| - )")


def _opens_with_dateline(line: str, places: PlaceNames) -> bool:
    """Whether a paragraph opens with a dateline beyond doubt: a place, then an agency in brackets or slashes
    ("Hà Nội (VNA) –", "MOSCOW, June 10. /TASS/."), a date ("VIENTIANE, Feb. 20 --"), or a known place in capitals
    before its dash ("WASHINGTON -"), or an agency in capitals in text stripped of punctuation ("Jakarta ANTARA
    Indonesian"); not a place that opens a sentence ("Washington, for its part - under pressure - said").
    """
    if not detect_dateline(line, places):
        return False
    if _BRACKETED_AGENCY.match(line) or _AGENCY_IN_CAPITALS.match(line) or _date_before_dash().match(line):
        return True
    capitals = _CAPITALS_THEN_DASH.match(line)
    return capitals is not None and all(_place_named(part.strip(), places)
                                        for part in [*capitals.group("place").split("/"), capitals.group("country")]
                                        if part is not None)


_SPACED_ITEMS = re.compile(r"[ \t\u00a0]{2,}|\t")  # what sets a menu's items apart in a page copied from a browser
_SPACED_MENU_MIN_ITEMS = 4
_SPACED_ITEM_MAX_WORDS = 3
_LONG_MENU_MIN_ITEMS = 6  # so many items, each opening with a capital, make a menu even with a lower-case word


def _opens_capitalised(word: str) -> bool:
    """Whether a word opens with a capital, or with no letter of a cased script ("中文", "العربية", "&")."""
    return word[:1].isupper() or word[:1].lower() == word[:1].upper()


def spaced_menus(raw: str, labels: AnyPattern | None = None) -> frozenset[str]:
    """The menus copied from a web page's head with their items set apart by runs of spaces ("Home  News
    Business  Opinion  Tech"), as they read once the spaces are collapsed: the page head's steps take them for
    navigation. Only within the page's first lines, and only four items or more of at most three words each,
    every word capitalised, none ending a sentence: a headline or a quote from a justified PDF is no menu.
    Also a PDF's running head, an issuer and a label of `labels` set far apart ("Ministry of Foreign Affairs of
    Japan          Press Release"). The text itself is left as it is."""
    found: set[str] = set()
    seen = 0
    for line in raw.split("\n"):
        if not line.strip():
            continue
        seen += 1
        if seen > 2 * _HEAD_MAX_LINES:
            break
        items = [item for item in _SPACED_ITEMS.split(line.strip()) if item]
        if len(items) >= _SPACED_MENU_MIN_ITEMS and all(
                len(item.split()) <= _SPACED_ITEM_MAX_WORDS and not _CLOSING_MARK.search(item)
                and all(_opens_capitalised(w) for w in item.split()) for item in items):
            found.add(" ".join(line.split()))
        elif len(items) >= _LONG_MENU_MIN_ITEMS and all(  # "Russian politics & diplomacy   World   Business & ..."
                not _CLOSING_MARK.search(item) and _opens_capitalised(item) for item in items) \
                and sum(len(item.split()) > _SPACED_ITEM_MAX_WORDS + 1 for item in items) <= 1:
            found.add(" ".join(line.split()))  # (one longer item: "Version for the visually impaired   Русский ...")
        elif labels is not None and len(apart := [i for i in _FAR_APART.split(line.strip()) if i]) >= 2 and \
                any(labels.search(item) for item in apart) and not any(_SENTENCE_END.search(i) for i in apart):
            found.add(" ".join(line.split()))
    return frozenset(found)


_FAR_APART = re.compile(r"[ \t\u00a0]{4,}|\t")  # a running head's parts, aligned left and right


def clean_document(doc: RawDocument, places: PlaceNames | Mapping[str, str]) -> Article:
    """Body, boilerplate and metadata of one document (`places`: folded alias -> canonical place name, as
    PlaceNames or a plain mapping)."""
    rules = load_cleaning_rules()
    warnings = list(doc.warnings)
    decoded = raw = unescape_references(doc.text)
    meta = {key: unescape_references(value) for key, value in doc.meta.items()}
    menus_at_head: frozenset[str] = frozenset()
    mail_header: list[str] = []
    mailed = Found()
    if _MAIL_LABEL.match(raw.lstrip()[:_MAIL_LABEL_MAX_CHARS]):  # most texts: no header, no split of the whole text
        unheaded, mail_header, mailed = read_mail_header(raw.split("\n"), rules)
        if mail_header:
            raw = "\n".join(unheaded)
    if "  " in raw or "\t" in raw or "\u00a0" in raw:  # else the regex would find nothing to replace
        menus_at_head = spaced_menus(raw, rules.line_patterns)
        raw = _INLINE_BLANKS.sub(" ", raw)
    raw = join_wrapped_lines(raw)
    if "[" in raw:  # most texts: no footnote marker to look for
        raw = _FOOTNOTE_MARKER.sub("", raw)
    paragraphs = [ln.strip() for ln in raw.split("\n")]
    if doc.source_file.lower().endswith((".md", ".markdown")):  # a heading's "#", a quotation's ">"
        paragraphs = [_MARKDOWN_LINE_MARK.sub("", p) for p in paragraphs]
    paragraphs = [p for p in paragraphs if p]
    removed: list[str] = []

    paragraphs, site_head = remove_unknown_site_head(paragraphs, rules, menus_at_head)
    taglines = site_taglines(paragraphs, rules, menus_at_head)
    paragraphs, glued = strip_glued_signoff(paragraphs, rules)
    if glued:
        warnings.append(f"removed {glued[0]!r} glued to the first line (a sign-off of another article)")
    paragraphs, tail = cut_tail(paragraphs, rules)
    paragraphs, post_head, poster = remove_social_post_head(paragraphs, rules)
    paragraphs, export_cover = remove_export_cover(paragraphs, rules)
    paragraphs, export_header, exported = read_export_header(paragraphs, rules)
    export_header = export_cover + export_header
    paragraphs, bios, bio_author = remove_bios(paragraphs, rules)
    tail_bios = remove_bios(tail, rules)[2] if not bio_author else ""
    paragraphs, links = remove_link_boxes(paragraphs, rules)
    paragraphs, noise = remove_noise_lines(paragraphs, rules)
    noise = links + noise
    paragraphs, menus = remove_menus(paragraphs, rules)
    paragraphs, running = remove_running_heads(paragraphs, rules)
    paragraphs, page_head, site_outlet = remove_page_head(paragraphs, rules, menus_at_head, taglines,
                                                          frozenset(running))
    page_head = running + page_head
    title = meta.get("title", "") or mailed.title
    if title and paragraphs and strip_accents(paragraphs[0]).lower() == strip_accents(title).lower():
        paragraphs = paragraphs[1:]
    paragraphs, end_mark = strip_end_mark(paragraphs, rules)
    paragraphs, issuer_lines, issuer = remove_issuer_block(paragraphs, rules)
    place_names = places if isinstance(places, PlaceNames) else PlaceNames.of(places)
    paragraphs, meta_lines, found = remove_metadata_lines(paragraphs, rules, place_names, first_is_title=not title)
    while not title and len(paragraphs) > 1 and _furniture_under_date_line(paragraphs, bool(page_head), menus_at_head,
                                                                             rules):
        page_head.append(paragraphs.pop(0))
    if not title:
        paragraphs, echoes = remove_menu_echoes(paragraphs, site_head + menus + page_head + meta_lines)
        page_head += echoes
        paragraphs, logo = remove_logo_line(paragraphs)
        page_head += logo
        paragraphs, title = detect_title(paragraphs)
        paragraphs, more_meta, more = remove_metadata_lines(paragraphs, rules, place_names)
        meta_lines += more_meta
        found = Found(published=found.published or more.published, updated=found.updated or more.updated,
                      author=found.author or more.author, outlet=found.outlet or more.outlet,
                      lone_outlet=found.lone_outlet or more.lone_outlet, dateline=found.dateline or more.dateline,
                      readings=found.readings or more.readings)
    found = Found(published=exported.published or mailed.published or found.published or issuer.published,
                  author=exported.author or found.author, outlet=exported.outlet or found.outlet or issuer.outlet,
                  updated=found.updated, lone_outlet=found.lone_outlet, dateline=found.dateline,
                  readings=found.readings)
    if site_outlet and title.endswith(f" | {site_outlet}"):  # "ASEAN+3 leaders unite ... | VTV World News"
        title = title[: -len(site_outlet) - 3].rstrip()
    paragraphs, deck = remove_deck(paragraphs, place_names, title)
    removed += site_head + glued + tail + post_head + export_header + mail_header + bios + noise + menus + page_head \
        + end_mark + issuer_lines + meta_lines + deck
    text = "\n".join(paragraphs)
    dateline = (detect_dateline(paragraphs[0], place_names) if paragraphs else "") or \
        (detect_dateline(f"{exported.dateline} -- ", place_names) or exported.dateline if exported.dateline else "") \
        or found.dateline or dateline_under_caption(paragraphs, place_names)
    opening_outlet = _dateline_outlet(dateline, rules)  # "VOV.VN - Deputy Prime Minister ...": no place
    if opening_outlet:  # but perhaps one after it: "NDO – Phnom Penh – Minister ..."
        after_code = _OPENING_CODE.sub("", paragraphs[0], count=1)
        dateline = detect_dateline(after_code, place_names) if after_code != paragraphs[0] else ""

    # the code opening the body is the page's own imprint ("NDO/VNA –"), over a source it credits ("Source: VNA")
    outlet = _site_outlet(meta.get("outlet", ""), rules) or opening_outlet or found.outlet or \
        (dateline_agency(paragraphs[0], rules) if paragraphs else "") or site_outlet or found.lone_outlet \
        or mailed.outlet  # the sender of a newsletter saved with its header; the story's own outlet first
    if _DOMAIN.fullmatch(outlet) or outlet.startswith(("http://", "https://")):  # "thestar.com.my": a known outlet
        outlet = _known_outlet_for_domain(outlet, rules) or outlet
    if not outlet and meta.get("url"):
        outlet = outlet_for_domain(meta["url"], rules)
    outlet = outlet or _boilerplate_outlet(site_head + bios + tail + noise, bios + tail, rules) or \
        _unknown_site_name(site_head, rules)
    author = _without_byline_date(_meta_author(meta.get("author") or "", rules) or found.author or poster
                                  or bio_author or tail_bios, rules)
    if author.casefold() in rules.not_authors:
        author = ""
    if author and len(author.split()) <= 3 and (named := _outlet_named(author, rules)
                                                or rules.outlet_called(author)):
        outlet, author = outlet or named, ""  # "By Reuters", an author "VNA": the outlet, no author
    return Article(
        article_id=article_id_for(doc),
        source_file=doc.source_file,
        record=doc.record,
        text=text,
        boilerplate="\n".join(removed),
        title=title,
        outlet=outlet,
        author=author,
        published=parse_date(meta.get("published", "")) or found.published or (
            published_in_dateline(paragraphs[0], rules) or dateline_day_in_text(paragraphs[0], decoded)
            if paragraphs else "") or reading_told_by_story(found.readings, text),
        updated=parse_date(meta.get("updated", "")) or found.updated,
        dateline=dateline,
        url=meta.get("url", ""),
        warnings=tuple(warnings),
    )
