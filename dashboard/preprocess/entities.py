"""Find entity mentions: a blank spaCy English tokenizer with PhraseMatchers over the gazetteer.

Matching runs on an accent-stripped copy of the text of the same length, so "Việt Nam", "Viet Nam"
and "VIỆT NAM" match one alias and the spans are valid in the original. Aliases match
case-insensitively; `exact` aliases (acronyms that are words: WHO, US) match with their case.
Variants are generated once per alias: without hyphens ("ASEANRussian", "COVID19"), with a space
instead, without apostrophes, and with a glued possessive "s" ("Việt Nams"). The tokenizer also
splits at a lost space between words ("pandemicVietnamese") and after a known acronym glued to a
word ("ASEANled", "WHOs"), so glued text meets the same tokens as the patterns.

People missing from the gazetteer are found from titles ("Foreign Minister Retno Marsudi",
"Retno Marsudi, Indonesia's foreign minister,") and later by their last name in the same article.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, takewhile
from string import ascii_letters

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from dashboard.preprocess.clean import load_cleaning_rules
from dashboard.preprocess.cues import text_words
from dashboard.preprocess.gazetteer import Entry, Gazetteer, Role, slug
from dashboard.preprocess.organisations import ACTING_TYPES, UnlistedNames, detect_organisations
from dashboard.preprocess.records import Article, Mention, Sentence
from dashboard.preprocess.textutil import (
    headline_case,
    is_unpunctuated,
    normalise_quotes,
    phrase_alternation,
    strip_accents,
)

_MAX_TEXT_CHARS = 10**10  # no limit of spaCy's own: the readers' --max-mb (5 MB by default) is the limit
ACTOR_TYPES = frozenset({"country", "bloc", "organisation", "person"})
_CAPS_ALIAS = re.compile(r"^[A-Z]{2,}$")
_TITLE_WORD = re.compile(r"[^\W_]+")
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?"
_CAPITALISED = r"[A-Z][\w'-]*"
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d)]*\s+|\n")  # the words before a name, from its sentence only
_FULL_NAME_WORDS = 2
_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")  # a name's last word followed by a verb: "Moon told"
_CLAUSE_START = re.compile(r"[,;:(]")  # "... to Laos, Deputy Minister Tran Van Tuan said": Laos is no one's country
_NUMBER_BEFORE = re.compile(r"\d[ \t]*$")  # "8 PM", "99.9 FM"
_AFTER_LOWER_WORD = re.compile(r"(?<![\w'-])(?:[a-z][\w'-]*|[\w-]+['’]s)[ \t]+$")  # text ending in a lower-case word
# or a possessive ("a decade of India's Act East Policy, Prime Minister reaffirmed": no name before the comma)
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:bin|binti|de|van|von|al|el|da|dos|la)\s+)?{_NAME_WORD}){{1,3}}"
_OF_COUNTRY = re.compile(r".*\bof\s+(?:the\s+)?(.+?)(?:\s+(?:to|in)\s+|\s*$)", re.IGNORECASE)  # the last "of"
_ADDRESS_MAX = 5  # words of address in a row before a name: "H.E. Mr.", "Dato Seri Setia Awang Haji"
_NAME_STOP = frozenset(
    {"The", "He", "She", "They", "We", "It", "This", "That", "On", "In", "At", "During", "And", "But", "As",
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
     "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)


@dataclass(slots=True)
class EntityIndex:
    """Everything needed to find mentions, built once per process from the gazetteer."""

    gazetteer: Gazetteer
    nlp: spacy.language.Language
    insensitive: PhraseMatcher
    exact: PhraseMatcher
    title_pattern: re.Pattern[str]
    after_name_pattern: re.Pattern[str]
    demonym_to_iso3: dict[str, str]
    country_names: dict[str, str]
    title_words: frozenset[str] | None = None  # the lower-cased first words of the titles (None: unknown)
    # after a country's name: a sea's or a strait's ("Philippine Sea"), a currency's ("US dollars")
    geographic_head: re.Pattern[str] | None = None
    title_vocabulary: frozenset[str] = frozenset()  # every word of every title and honorific, lower-cased
    speech_after_title: re.Pattern[str] | None = None  # after ", the minister": "said", no apposition
    unlisted: UnlistedNames | None = None  # organisations the gazetteer does not list, by their names' last word
    # a word of address and the one word of a name after it ("Mr Wang", "Mr. Don", "Senator Wong"): groups
    # "address" and "name"
    addressed: re.Pattern[str] | None = None
    honorific_words: frozenset[str] = frozenset()  # lower-cased honorifics: "Mr Wang" may be any word of a name
    country_codes: dict[str, str] = field(default_factory=dict)  # countries' names written only so: "US", "U.S."
    _contained: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def entry(self, entity_id: str) -> Entry | None:
        return self.gazetteer.get(entity_id)


def _variants(alias: str, *, glue_possessive: bool) -> set[str]:
    alias = normalise_quotes(alias.strip())
    out = {alias}
    if "-" in alias or "–" in alias:
        out.add(re.sub(r"\s*[-–]\s*", "", alias))
        out.add(re.sub(r"\s*[-–]\s*", " ", alias))
    if "'" in alias:
        out |= {v.replace("'", "") for v in list(out)}
    if glue_possessive:
        out |= {v + "s" for v in list(out) if v[-1:].isalpha() and not v.endswith("s")}
    return {v for v in out if v.strip()}


def _acronym_infix(aliases: Iterable[str]) -> str:
    """A split after a known acronym glued to a word ("ASEANled"): one look-behind per acronym length
    (a look-behind needs a fixed width), not one per acronym, which the tokenizer would try one by
    one at every character of every token."""
    by_length: dict[int, list[str]] = {}
    for alias in sorted({a for a in aliases if _CAPS_ALIAS.match(a)}):
        by_length.setdefault(len(alias), []).append(re.escape(alias))
    if not by_length:
        return ""
    behind = "|".join(rf"(?<=\b(?:{'|'.join(group)}))" for _n, group in sorted(by_length.items(), reverse=True))
    return rf"(?:{behind})(?=[a-z]|[A-Z][a-z]|\d)"


def _make_nlp(caps_aliases: Iterable[str]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.max_length = _MAX_TEXT_CHARS  # only the tokenizer runs: spaCy's 1 M-character guard is for its parser
    infixes = [*nlp.Defaults.infixes, r"(?<=[a-z]{2})(?=[A-Z])", r"(?<=[A-Za-z]{2})(?=\d)"]  # type: ignore[misc]
    acronyms = _acronym_infix(caps_aliases)
    if acronyms:
        infixes.append(acronyms)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    return nlp


# a name right after a title: two capitalised words ("Prime Minister Anthony Albanese", "Prime Minister Mr Albanese"),
# not a title's own words in headline case ("Deputy Foreign Minister Of Vietnam")
_NAME_AFTER_TITLE = re.compile(r"\s+(?!(?:Of|And|For|The|To|In|On)\b)[A-Z][\w'’.-]*\s+[A-Z]")


def _title_regex(titles: Sequence[str], posts: Sequence[str] = (), honorifics: Sequence[str] = (),
                 address_titles: Sequence[str] = ()) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns of a name after its titles ("Foreign Minister Retno Marsudi", "Ambassador of Thailand to Viet
    Nam Nikorndej Balankura": `posts` are the countries, blocs and capitals a title can be "of", "to" or "in";
    "Foreign Minister Mr. Sergey Lavrov", "Union Minister for International Cooperation U Kyaw Tin": a
    ministry's name stands between title and name only before one of the `honorifics`, which tells where the
    name starts) and of one before them ("Retno Marsudi, Indonesia's foreign minister"; not the
    `address_titles`, "Dato")."""
    title = phrase_alternation(titles)
    chain = rf"(?:{title})(?:\s+(?:and|cum|&)\s+(?:{title}))*"
    places = phrase_alternation(posts)
    post = rf"(?:\s+of\s+(?:the\s+)?(?:{places})(?![\w-]))?(?:\s+(?:to|in)\s+(?:the\s+)?(?:{places})(?![\w-]))?" \
        if posts else ""
    honorific = ""
    if honorifics:
        address = rf"(?=[A-Z])(?i:{phrase_alternation(honorifics)})\.?(?=\s)"  # capitalised: "U", not "u"
        ministry = rf"\s+(?:for|of)\s+(?:the\s+)?{_CAPITALISED}(?:\s+(?:(?:of|and|for|the|&)\s+)*{_CAPITALISED})*"
        honorific = rf"(?:(?:{ministry})?(?:\s+{address}){{1,{_ADDRESS_MAX}}})?"  # "H.E. Mr. Yamada Takio"
    before = re.compile(rf"(?i:(?<![\w-])(?:{chain}){post}){honorific}\s+(?P<name>{_NAME})")
    title_after = phrase_alternation([t for t in titles if t not in set(address_titles)])
    chain_after = rf"(?:{title_after})(?:\s+(?:and|cum|&)\s+(?:{title_after}))*"
    after = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?P<who>[\w' ]{{0,40}}?)\s*(?i:{chain_after})\b")
    return before, after


def build_entity_index(gazetteer: Gazetteer) -> EntityIndex:
    """Tokenizer and matchers for all gazetteer aliases (do once, reuse for every article)."""
    all_aliases = [a for e in gazetteer.entries for a in (*e.aliases, *e.exact)]
    nlp = _make_nlp(all_aliases)
    insensitive = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    demonyms: dict[str, str] = {}
    country_names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for entry in gazetteer.entries:
        loose = set()
        for alias in (*entry.aliases, entry.name, *entry.demonyms):
            loose |= _variants(alias, glue_possessive=True)
        strict = set()
        for alias in entry.exact:
            strict |= _variants(alias, glue_possessive=False)
        if loose:
            insensitive.add(entry.entity_id, [nlp.make_doc(strip_accents(v)) for v in sorted(loose)])
        if strict:
            exact.add(entry.entity_id, [nlp.make_doc(strip_accents(v)) for v in sorted(strict)])
        if entry.type == "country":
            for word in entry.demonyms:
                demonyms[strip_accents(word).lower()] = entry.iso3
            for word in (*entry.aliases, entry.name):
                country_names[strip_accents(word).lower()] = entry.iso3
            for word in entry.exact:
                codes[word.rstrip(".")] = entry.iso3
    posts = [strip_accents(name) for entry in gazetteer.entries
             if entry.type in {"country", "bloc"} or (entry.type == "place" and entry.capital)
             for name in (entry.name, *entry.aliases, *entry.exact)]
    before, after = _title_regex(gazetteer.titles, posts, gazetteer.honorifics, gazetteer.address_titles)
    head_words = [re.escape(h) for h in sorted(gazetteer.geographic_heads, key=len, reverse=True)]
    if gazetteer.currency_heads:
        head_words.append(f"(?i:{phrase_alternation(gazetteer.currency_heads)})")
    heads = "|".join(head_words)
    return EntityIndex(gazetteer, nlp, insensitive, exact, before, after, demonyms, country_names,
                       _first_words(gazetteer.titles), re.compile(rf"[ \t]+(?:{heads})(?!\w)") if heads else None,
                       frozenset(w.lower() for t in (*gazetteer.titles, *gazetteer.honorifics)
                                 for w in _TITLE_WORD.findall(t)),
                       speech_after_title=re.compile(rf"\s+(?i:{phrase_alternation(gazetteer.speech_after_title)})\b")
                       if gazetteer.speech_after_title else None,
                       unlisted=UnlistedNames.of(gazetteer, load_cleaning_rules().credited_outlets),
                       addressed=_addressed_pattern(
                           (*gazetteer.honorifics, *(t for t in gazetteer.titles if " " not in t.strip()))),
                       honorific_words=frozenset(h.lower().rstrip(".") for h in gazetteer.honorifics),
                       country_codes=codes)


def _addressed_pattern(honorifics: Sequence[str]) -> re.Pattern[str] | None:
    """A word of address (an honorific, or a title of one word), capitalised or in capitals, and the one word of
    a name after it ("Mr Wang", "MR. DON", "Senator Wong"): spelt out case by case, so that the regex scans for
    their first letters (a look-behind first, or case folding, made it try every character); the caller checks
    that no word goes on before it."""
    if not honorifics:
        return None
    variants = sorted({v for h in honorifics for v in (h, h.upper(), h[:1].upper() + h[1:])}, key=len, reverse=True)
    return re.compile(rf"(?P<address>{'|'.join(map(re.escape, variants))})\.?[ \t]+(?P<name>[A-Z][\w'-]+)")


def _first_words(titles: Sequence[str]) -> frozenset[str] | None:
    """The lower-cased first word of each title, or None when a title does not start with a letter or digit
    (its matches could then start elsewhere than at a word) or that word has a letter that the regex's case
    folding, wider than str.lower, matches to an ASCII one ("ſ" of "ſenator" matches "s"). A word with other
    letters outside ASCII ("Chargé") is kept: an ASCII word never matches it, and a text that is not ASCII
    has its words outside ASCII tried anyway."""
    words = set()
    for title in titles:
        match = _TITLE_WORD.match(title.strip())
        if match is None or any(map(_folds_to_ascii, match.group())):
            return None
        words.add(match.group().lower())
    return frozenset(words)


def _folds_to_ascii(character: str) -> bool:
    """Whether a character outside ASCII matches an ASCII letter when the case is ignored ("K", the
    Kelvin sign, matches "k")."""
    return not character.isascii() and any(re.fullmatch(re.escape(character), letter, re.IGNORECASE)
                                           for letter in ascii_letters)


def _title_matches(index: EntityIndex, folded: str) -> Iterator[re.Match[str]]:
    """index.title_pattern.finditer(folded), tried only where a word that starts a title begins.

    A title starts with a letter or digit not preceded by one (or by a hyphen), so every match starts at
    a word of the text whose lower case is a title's first word; the regex engine would instead try the
    whole title trie at every character. The word index is the one the cues reuse (quotes straightened:
    the same words at the same offsets).
    """
    if index.title_words is None:
        position = 0
        while (found := index.title_pattern.search(folded, position)) is not None:
            yield found
            position = found.start("name")  # a title inside the name is tried too
        return
    words = text_words(normalise_quotes(folded))
    title_words = index.title_words
    if folded.isascii():  # the words that start a title picked out in C
        starts: Iterable[int] = compress(words.starts, map(title_words.__contains__, words.words))
    else:  # a non-ASCII word is tried too: the regex's case folding is not str.lower's
        starts = (start for start, word in zip(words.starts, words.words, strict=True)
                  if word in title_words or not word.isascii())
    last_end = 0
    for start in starts:
        if start < last_end:
            continue
        match = index.title_pattern.match(folded, start)
        if match:
            last_end = match.start("name")  # a title inside the name is tried too ("FM Ambassador Nguyen Van Nam")
            yield match


def tokenize(index: EntityIndex, text: str) -> Doc:
    """Tokens of the accent-stripped text (same length as `text`)."""
    return index.nlp.make_doc(normalise_quotes(strip_accents(text)))


def _gazetteer_spans(index: EntityIndex, doc: Doc) -> list[tuple[int, int, str]]:
    """(start char, end char, entity id) of the gazetteer's matches, overlaps resolved as spaCy's
    filter_spans resolves them (the longest first, then the earliest; exact matches before others on a
    tie), on plain tuples instead of a Span object per match."""
    found = [(start, end, match_id) for matcher in (index.exact, index.insensitive)
             for match_id, start, end in matcher(doc)]
    found.sort(key=lambda match: (match[1] - match[0], -match[0]), reverse=True)
    kept: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    for start, end, match_id in found:
        if start not in seen and end - 1 not in seen:  # as filter_spans: the span's ends only
            kept.append((start, end, match_id))
            seen.update(range(start, end))
    kept.sort(key=lambda match: match[0])
    strings = index.nlp.vocab.strings
    return [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), strings[match_id]) for start, end, match_id in kept]


def _iso3_near(index: EntityIndex, text: str) -> str:
    """Country named by a demonym or country name (possessive allowed) in a short text: the last one, every
    run of one to three words tried ("The Philippine Ambassador", "of Viet Nam", "Republic of Korea")."""
    words = re.findall(r"\w+", strip_accents(text).lower())
    for end in range(len(words), 0, -1):
        for size in (3, 2, 1):
            if end - size < 0:
                continue
            for joiner in (" ", "-"):
                phrase = joiner.join(words[end - size : end])
                for candidate in (phrase, phrase.removesuffix("s")):
                    if candidate in index.demonym_to_iso3:
                        return index.demonym_to_iso3[candidate]
                    if candidate in index.country_names:
                        return index.country_names[candidate]
    return ""


_CODE_WORD = re.compile(r"[A-Z][A-Za-z.]*[A-Z]")  # "US", "U.S", "RoK"


def _iso3_in_apposition(index: EntityIndex, who: str) -> str:
    """The country of the words before a title after a name ("Stephen Biegun, the US deputy secretary of
    state"): a demonym or a country's name (_iso3_near), or a name written only as a code, as written ("US";
    "us" is no country)."""
    return _iso3_near(index, who) or next(
        (index.country_codes[w] for w in reversed(_CODE_WORD.findall(who)) if w in index.country_codes), "")


_APPOSED_WORDS = 3  # "Vietnam's representative, Ambassador Dang Hoang Giang": a short noun phrase before


def _own_clause(before: str) -> str:
    """The words before a title that may name its country: its own clause ("Vietnamese Deputy Minister"), or
    a short phrase it stands in apposition to ("Vietnam's representative, Ambassador ..."); not the clause
    before ("... vaccines to Laos, Deputy Minister Tran Van Tuan said")."""
    clauses = _CLAUSE_START.split(before)
    if len(clauses) > 1 and not clauses[-1].strip() and len(clauses[-2].split()) <= _APPOSED_WORDS:
        return clauses[-2]
    return clauses[-1]


def _title_country(index: EntityIndex, title: str) -> str:
    """The country of a title or of an honorific before the name only one country gives ("State Councilor
    ...": China; "Union Minister for ... U ": Myanmar), or ""."""
    folded = title.strip().lower()
    for name, iso3 in index.gazetteer.country_titles:
        if folded.startswith(name.lower()) and folded[len(name) : len(name) + 1] in ("", " "):
            return iso3
    last = title.split()[-1:] if title.strip() else []
    for honorific, iso3 in index.gazetteer.country_honorifics:
        if last and last[0].rstrip(".") == honorific:
            return iso3
    return ""


def _without_address(index: EntityIndex, title: str) -> str:
    """A title found before a name without the honorifics that end it ("Union Minister for ... U ",
    "Ambassador ... H.E. Mr. ")."""
    words = title.split()
    honorifics = sorted(index.gazetteer.honorifics, key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for honorific in honorifics:
            size = len(honorific.split())
            if len(words) > size and " ".join(words[-size:]).rstrip(".") == honorific.rstrip("."):
                words, stripped = words[:-size], True
                break
    return " ".join(words)


def detect_people(
    index: EntityIndex, text: str, taken: Sequence[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], dict[str, Entry]]:
    """People named with a title who are not in the gazetteer: spans and new entries.

    A known person's one-word alias inside the name does not stand in the way ("Deputy Minister Nguyen Minh
    Vu" is not Pham Binh Minh, known as "Minh"): the caller drops such spans inside the ones found here.
    """
    folded = strip_accents(text)
    occupied: list[tuple[int, int]] = []
    partial: list[tuple[int, int]] = []  # known people's one-word aliases: may lie inside a name found here
    for s, e, entity_id in taken:
        (partial if _one_word_person(index, text, s, e, entity_id) else occupied).append((s, e))

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in occupied) and \
            all(end <= s or start >= e or (start <= s and e <= end and (s, e) != (start, end)) for s, e in partial)

    found: list[tuple[int, int, str]] = []
    entries: dict[str, Entry] = {}
    unpunctuated = is_unpunctuated(text)  # text stripped of its punctuation
    # the first words of the people the text names in full, with where that name ends ("Moon" of "Moon Jaein")
    first_words = {text[s:e].split()[0]: e for s, e, entity_id in taken
                   if unpunctuated and (entry := index.entry(entity_id)) is not None and entry.type == "person"
                   and len(text[s:e].split()) >= _FULL_NAME_WORDS}
    candidates: list[tuple[int, int, str, str, str]] = []  # (start, end, country, title, whom the title serves)
    bodies = _bodies_by_span(index, taken)
    for match in _title_matches(index, folded):
        start, end = match.span("name")
        title = folded[match.start() : start]
        if _NUMBER_BEFORE.search(folded, max(0, match.start() - 8), match.start()) and title.split()[0].isupper():
            continue  # "8 PM Eastern Time": a time, not the Prime Minister
        if index.title_pattern.match(folded, start):
            continue  # "Money FM Ambassador Nguyen Van Nam": the name comes after the last title ("Tan Kin Lian"
            # is a name: "Tan" is only part of the honorific "Tan Sri")
        own = _OF_COUNTRY.search(title)  # "Ambassador of Thailand to ...": whose, not where
        iso3 = _iso3_near(index, own.group(1)) if own else ""
        iso3 = iso3 or _title_country(index, title)  # ("China's ambassador met State Counsellor Daw ...": Myanmar's)
        iso3 = iso3 or _iso3_near(index, _own_clause(_SENTENCE_END.split(folded[max(0, match.start() - 40) :
                                                                              match.start()])[-1]))
        candidates.append((start, end, iso3, title, _body_of_title(folded, match.start(), start, bodies)))
    for match in index.after_name_pattern.finditer(folded):
        if index.speech_after_title is not None and index.speech_after_title.match(folded, match.end()) \
                and _AFTER_LOWER_WORD.search(folded, max(0, match.start("name") - 40), match.start("name")):
            continue  # "in the East Sea, the minister said": the title speaks, the words before the comma are no
            # name; at a sentence's start they are one ("Tran Van Tuan, the ambassador told reporters ...")
        if not match.group("who").strip() and _NAME_AFTER_TITLE.match(folded, match.end()):
            continue  # "ties with Southeast Asia, Prime Minister Anthony Albanese told": the title is his
        start, end = match.span("name")
        candidates.append((start, end, _iso3_in_apposition(index, match.group("who")),
                           folded[match.end("who") : match.end()],
                           _body_of_title(folded, match.end("name"), match.end(), bodies)))
    for start, end, iso3, title, body in candidates:
        name = text[start:end]
        words = name.split()
        while words and (skip := 1 if words[0] in _NAME_STOP else _honorific_words_at(words, index.honorific_words)):
            start += len(" ".join(words[:skip])) + 1
            words = words[skip:]
        if len(words) < 2 or not free(start, start + len(" ".join(words))):
            continue
        if index.unlisted is not None and words[-1] in index.unlisted.type_of_head:
            continue  # "the Dialogue Partnership Fund, while Malaysia's prime minister ...": no one's name
        end = start + len(" ".join(words))
        if len(words) > _FULL_NAME_WORDS and first_words.get(words[-1], end) < start and \
                _LOWER_WORD_AFTER.match(text, end):  # "spokesman Kang Minseok Moon told", its comma stripped,
            words, end = words[:-1], end - len(words[-1]) - 1  # after "President Moon Jaein": Moon opens the
            # next clause (the first word of a name given in full, never the last: "Nguyen Van Minh" stays whole)
        name = text[start:end]
        entity_id = f"person:{slug(name)}"
        known = index.entry(entity_id)
        if known is None and entity_id not in entries:
            role = headline_case(_without_address(index, title))  # "ambassador to ..." -> "Ambassador to ..."
            entries[entity_id] = Entry(
                entity_id=entity_id, name=name, type="person", iso3=iso3,
                aliases=(name,), exact=(words[-1],),
                roles=(Role(title=role, iso3=iso3, represents=body),) if role else (),
            )
        found.append((start, end, entity_id))
        occupied.append((start, end))
    return found, entries


_HONORIFIC_MAX_WORDS = 3  # "His Royal Highness"


def _honorific_words_at(words: Sequence[str], honorifics: frozenset[str]) -> int:
    """How many of `words` an honorific opens them with ("Mr", "His Majesty", "His Royal Highness"), 0 for none."""
    for n in range(min(_HONORIFIC_MAX_WORDS, len(words)), 0, -1):
        if " ".join(words[:n]).lower().rstrip(".") in honorifics:
            return n
    return 0


_BODY_TYPES = frozenset({"bloc", "organisation"})
_BODY_BEFORE = re.compile(r"(?:'s)?\s+")  # "GCC Secretary-General", "the WHO's Director-General"
_BODY_IN = re.compile(r"\bof\s+(?:the\s+)?$", re.IGNORECASE)  # "Secretary-General of the Gulf Cooperation Council"


def _bodies_by_span(index: EntityIndex, taken: Sequence[tuple[int, int, str]]) -> dict[int, tuple[int, str]]:
    """The mentions of blocs and organisations, by where they end: (start, entity id)."""
    out = {}
    for start, end, entity_id in taken:
        entry = index.entry(entity_id)
        if entry is not None and entry.type in _BODY_TYPES:
            out[end] = (start, entity_id)
    return out


def _body_of_title(folded: str, title_start: int, title_end: int, bodies: dict[int, tuple[int, str]]) -> str:
    """The bloc or organisation a title serves, named right before it ("GCC Secretary-General", "the WHO's
    Director-General") or after its "of" ("Secretary-General of the Gulf Cooperation Council"): the person found
    by that title speaks for it, as the gazetteer's people do through `represents`; "" when none is named."""
    for end, (start, entity_id) in bodies.items():
        if end <= title_start and _BODY_BEFORE.fullmatch(folded, end, title_start):
            return entity_id
        if title_start <= start and end <= title_end and _BODY_IN.search(folded, title_start, start):
            return entity_id
    return ""


def _one_word_person(index: EntityIndex, text: str, start: int, end: int, entity_id: str) -> bool:
    entry = index.entry(entity_id)
    return entry is not None and entry.type == "person" and not any(c.isspace() for c in text[start:end])


def _last_name_spans(
    text: str, people: dict[str, Entry], taken: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Later mentions of detected people by their last name alone ("Marsudi said"), and of detected
    organisations by their acronym ("RDIF said")."""
    occupied = _merged(taken)
    out = []
    for entity_id, entry in people.items():
        for last in entry.exact:
            for match in re.finditer(rf"(?<!\w){re.escape(last)}(?!\w)", text):
                s, e = match.span()
                if _free(occupied, s, e):
                    out.append((s, e, entity_id))
                    insort(occupied, (s, e))
    return out


def _merged(taken: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The taken spans merged where they overlap, in order: a text of many names is looked up by bisection."""
    occupied: list[tuple[int, int]] = []
    for s, e in sorted((s, e) for s, e, _ in taken):
        if occupied and s < occupied[-1][1]:
            occupied[-1] = (occupied[-1][0], max(e, occupied[-1][1]))
        else:
            occupied.append((s, e))
    return occupied


def _free(occupied: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps none of the merged spans."""
    i = bisect_right(occupied, (start, end))
    return (i == 0 or occupied[i - 1][1] <= start) and (i == len(occupied) or end <= occupied[i][0])




def _addressed_spans(index: EntityIndex, addressed: re.Pattern[str], text: str, spans: list[tuple[int, int, str]],
                     people: dict[str, Entry]) -> list[tuple[int, int, str]]:
    """Mentions of people named in full elsewhere in the text by a word of address and one word of their name
    ("Mr Wang" beside "Foreign Minister Wang Yi", "Mr. Don" beside "Don Pramudwinai", "Ms Kang"): a word of only
    one of them (not a title's or an honorific's, "Dr"), where no other mention is and no other name goes on
    ("Mr Wang Lutong" is someone else). After a title, someone whose roles hold all its words ("Foreign Minister
    Chung"), or after a title of one word the last word of the name ("Senator Wong" is Penny Wong); not "Prime
    Minister Wong" nor "Ambassador Kim" for Kao Kim Hourn."""
    matches = [m for m in addressed.finditer(text) if not _name_goes_on(text, m.end("name"))
               and not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"))]
    if not matches:
        return []
    owners: dict[str, set[str]] = {}
    last_word_owners: dict[str, set[str]] = {}
    for _start, _end, entity_id in spans:
        entry = index.entry(entity_id) or people.get(entity_id)
        if entry is not None and entry.type == "person":
            for name in (entry.name, *entry.aliases):
                words = _name_words(strip_accents(name), index)
                for word in words:
                    owners.setdefault(word, set()).add(entity_id)
                if words:
                    last_word_owners.setdefault(words[-1], set()).add(entity_id)
    occupied = _merged(spans)
    out = []
    for match in matches:
        start, end = match.span("name")
        word = strip_accents(match.group("name"))
        found = owners.get(word, set())
        if match.group("address").lower().rstrip(".") not in index.honorific_words:  # a title: it must be theirs
            title = set(title_before(text, match.end("address"), index))
            found = {p for p in found if title <= _role_words(index.entry(p) or people.get(p))
                     or (len(title) == 1 and p in last_word_owners.get(word, set()))}
        if len(found) == 1 and _free(occupied, start, end):
            out.append((start, end, next(iter(found))))
    return out


_PERSON_PREFIX = "person:"


def _written_in_lower_case(word: str, text: str) -> bool:
    """Whether the text holds the word in lower case, whole ("may" beside "Theresa May"; not "li" in "will")."""
    lower = word.lower()
    at = text.find(lower)
    while at >= 0:
        end = at + len(lower)
        if not ((at and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum())):
            return True
        at = text.find(lower, end)
    return False


def _short_name_spans(index: EntityIndex, text: str, spans: list[tuple[int, int, str]],
                      people: dict[str, Entry]) -> list[tuple[int, int, str]]:
    """Later mentions of people named in full, the gazetteer's or found by their title ("Lao Minister of Health
    Bounkong Syhavong"), by one word of their name alone ("Li said" after "Premier Li Qiang", "Wang" after "Wang
    Yi", "Marsudi", "Bounkong"): the last word, or the first of a name of two
    words (a family name first: "Wang Yi", "Cho Tae-yul"; of three, "Nguyễn Xuân Phúc", the first is a family
    name many share). Only a word no other person the text names holds (two Wangs: no one), capitalised, not
    in capitals ("Charles III"), not a title's, and never written in lower case in the text ("May"); where no
    other mention is, no other name goes on ("Li Keqiang", "Nguyễn Đức Dũng") and no title stands before it
    that is not theirs ("Prime Minister Wong" is not Penny Wong)."""
    first_full: dict[str, int] = {}
    named: set[str] = set()
    for start, end, entity_id in spans:
        if not entity_id.startswith(_PERSON_PREFIX):
            continue
        named.add(entity_id)
        if " " in text[start:end] and start < first_full.get(entity_id, end) \
                and (entry := index.entry(entity_id) or people.get(entity_id)) is not None and entry.type == "person":
            first_full[entity_id] = start
    if not first_full:
        return []
    owners: dict[str, set[str]] = {}  # every word of every name of the people named: who may a word be
    short: dict[str, str] = {}
    for entity_id in named:
        entry = index.entry(entity_id) or people.get(entity_id)
        if entry is None:
            continue
        for name in (entry.name, *entry.aliases):
            words = _name_words(name, index)
            for word in words:
                owners.setdefault(word, set()).add(entity_id)
            if entity_id in first_full and len(words) > 1:
                for word in (words[-1], words[0]) if len(words) == 2 else (words[-1],):
                    short[word] = entity_id
    usable = {w: entity_id for w, entity_id in short.items()
              if owners[w] == {entity_id} and len(w) > 1 and w[0].isupper() and not w.isupper()
              and not _written_in_lower_case(w, text)}
    if not usable:
        return []
    occupied: list[tuple[int, int]] | None = None  # merged when a word is found
    out = []
    for word, entity_id in usable.items():
        start = text.find(word, first_full[entity_id] + 1)  # str.find: a regex would try every character
        roles = _role_words(index.entry(entity_id) or people.get(entity_id))
        while start >= 0:
            end = start + len(word)
            if _whole_name_word(text, start, end) and not _name_goes_on(text, end) and \
                    set(title_before(text, start, index)) <= roles:
                occupied = _merged(spans) if occupied is None else occupied
                if _free(occupied, start, end):
                    out.append((start, end, entity_id))
                    insort(occupied, (start, end))
            start = text.find(word, end)
    return out


def _name_words(name: str, index: EntityIndex) -> list[str]:
    """A name's words but its titles' and honorifics' ("Dr Kao Kim Hourn": Kao, Kim, Hourn)."""
    return [w for w in name.split() if w.lower().rstrip(".") not in index.title_vocabulary]


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_])[\w'-]*(?![\w.])")


def _name_goes_on(text: str, end: int) -> bool:
    """Whether a capitalised word, in any script, follows at `end` ("Mr Wang Lutong", "Nguyễn Đức Dũng", "Li
    Keqiang"): another word of a name."""
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1).isupper()


def _whole_name_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of its own, not part of "Li-Keqiang", "Wangs" or "U.S.Li"."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_.-" or after.isalnum() or after in "_-")


def title_words(text: str) -> list[str]:
    """The lower-cased words of a title, split as `EntityIndex.title_vocabulary` is ("secretary", "general")."""
    return _TITLE_WORD.findall(text.lower())


def title_before(text: str, end: int, index: EntityIndex) -> list[str]:
    """The words of the title that ends at `end`, in its own clause, last first ("Union Minister for Foreign
    Affairs" of "... U Wunna Maung Lwin", "Foreign Minister" of "Foreign Minister Chung"; "ambassador. Dung"
    gives none): the words of `index.title_vocabulary` right before it."""
    before = _CLAUSE_END.split(text[max(0, end - _TITLE_BEFORE_CHARS) : end])[-1]
    return list(takewhile(index.title_vocabulary.__contains__, reversed(title_words(before))))


def _role_words(entry: Entry | None) -> set[str]:
    """The lower-cased words of a person's roles' titles."""
    return {w for role in entry.roles for w in title_words(role.title)} if entry else set()


_TITLE_BEFORE_CHARS = 80  # how far before a person's name its title is looked for
_CLAUSE_END = re.compile(r"[.,;:!?()\"\u201c\u201d]\s")


def find_mentions(
    article: Article, sentences: Sequence[Sentence], index: EntityIndex
) -> tuple[list[Mention], dict[str, Entry]]:
    """Mentions in the article body, each tied to its sentence; plus people found by title."""
    text = article.text
    doc = tokenize(index, text)
    spans = _gazetteer_spans(index, doc)
    if index.geographic_head is not None:
        spans = _without_geographic_names(index, text, spans)
    people_spans, people = detect_people(index, text, spans)
    spans = _without_other_peoples_names(index, text, spans)
    if people_spans:  # a known person's one-word alias inside a name found by its title is part of that name
        spans = [(s, e, i) for s, e, i in spans if not any(a <= s and e <= b and (s, e) != (a, b)
                                                           for a, b, _ in people_spans)]
    spans = spans + people_spans
    if index.unlisted is not None:
        spans = _with_unlisted_organisations(index, index.unlisted, text, spans, people)
    spans += _last_name_spans(text, people, spans)
    if index.addressed is not None:
        spans += _addressed_spans(index, index.addressed, text, spans, people)
    spans += _short_name_spans(index, text, spans, people)
    starts = [s.start for s in sentences]
    mentions = []
    for start, end, entity_id in sorted(spans):
        position = bisect_right(starts, start) - 1
        if position < 0:
            continue
        sentence = sentences[position]
        if end > sentence.end:
            continue
        mentions.append(
            Mention(
                article_id=article.article_id,
                sentence_id=sentence.sentence_id,
                entity_id=entity_id,
                surface=text[start:end],
                start=start,
                end=end,
            )
        )
    return mentions, people


def _with_unlisted_organisations(index: EntityIndex, unlisted: UnlistedNames, text: str,
                                 spans: list[tuple[int, int, str]],
                                 found: dict[str, Entry]) -> list[tuple[int, int, str]]:
    """The spans with the organisations the gazetteer does not list (detect_organisations), whose entries are
    added to `found`; a country's or bloc's name inside an acting organisation's name is part of it ("Vietnam
    Red Cross Society" speaks itself), inside a fund's or a forum's it stays a mention of its own."""
    def type_of(entity_id: str) -> str:
        entry = index.entry(entity_id) or found.get(entity_id)
        return entry.type if entry is not None else ""

    def name_of(entity_id: str, surface: str) -> str:  # "Viet Nam" as "Vietnam"; "Russian" as written
        entry = index.entry(entity_id)
        named = entry is not None and strip_accents(surface).lower() in index.country_names
        return entry.name if entry is not None and named else surface

    organisations, entries = detect_organisations(unlisted, text, spans, type_of, name_of)
    if not organisations:
        return spans
    found.update(entries)
    acting = sorted((a, b) for a, b, i in organisations
                    if (entry := found.get(i) or index.entry(i)) is not None and entry.type in ACTING_TYPES)
    if not acting:  # a fund's or a forum's country still acts through its own mention ("Russian" in "Russian
        return spans + organisations  # Direct Investment Fund pledged ...": Russia speaks)
    starts = [a for a, _b in acting]
    kept = [(s, e, i) for s, e, i in spans
            if not ((k := bisect_right(starts, s) - 1) >= 0 and e <= acting[k][1])]
    return kept + organisations


# before a one-word alias: two capitalised words ("Nguyen Van Son", "Tran Thanh Lam")
_NAME_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)[ \t]+([A-Z][a-z]+)[ \t]+$")


def _without_other_peoples_names(index: EntityIndex, text: str,
                                 spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans but a known person's one-word alias that ends another name ("Nguyen Van Son" is not Bui Thanh
    Son, known as "Son"; "Tran Thanh Lam" not To Lam): two capitalised words before it, neither a title's or
    an honorific's, a stop word ("On Monday"), the person's own name or part of another mention ("In Hanoi
    Lavrov said", "Foreign Minister Son", "Mr Lavrov" stay)."""
    taken = [(start, end) for start, end, _id in spans]
    out = []
    for start, end, entity_id in spans:
        if _one_word_person(index, text, start, end, entity_id):
            before = _NAME_BEFORE.search(text, max(0, start - 40), start)
            entry = index.entry(entity_id)
            own = {w.lower() for alias in (entry.aliases if entry else ()) for w in alias.split()[:-1]}
            if before and not any(
                    w.lower() in index.title_vocabulary or w.lower() in own or w in _NAME_STOP
                    or any(a <= before.start(k) < b for a, b in taken)
                    for k, w in ((1, before.group(1)), (2, before.group(2)))):
                continue
        out.append((start, end, entity_id))
    return out


def _without_geographic_names(index: EntityIndex, text: str,
                              spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans but a country's or bloc's name that begins a geographic one ("Philippine Sea", "Taiwan
    Strait", "Korean Peninsula") or a currency's ("US dollars"; a country's code glued to a number, "US100000",
    with punctuation stripped, but not a bloc's: "EU27" is the EU): that is a place or money, not the country."""
    head = index.geographic_head
    assert head is not None
    return [(start, end, entity_id) for start, end, entity_id in spans
            if not ((entry := index.entry(entity_id)) is not None and entry.type in {"country", "bloc"}
                    and (head.match(text, end) or (entry.type == "country" and _glued_number(text, start, end))))]


def _glued_number(text: str, start: int, end: int) -> bool:
    """A short code in capitals with a number glued after it ("US100000")."""
    return end < len(text) and text[end].isdigit() and end - start <= 3 and text[start:end].isupper()


def contained_entities(index: EntityIndex, entity_id: str) -> tuple[str, ...]:
    """Countries and blocs named inside an entity's own names (a fund's owners), cached."""
    if entity_id in index._contained:
        return index._contained[entity_id]
    entry = index.entry(entity_id)
    found: list[str] = []
    if entry is not None:
        for name in (entry.name, *entry.aliases):
            doc = tokenize(index, name)
            matches = [(start, end, other) for match_id, start, end in index.insensitive(doc) + index.exact(doc)
                       if (other := index.nlp.vocab.strings[match_id]) != entity_id
                       and (other_entry := index.entry(other)) is not None and other_entry.type in {"country", "bloc"}]
            for start, end, other in matches:  # not "ASEAN" inside "ASEAN Plus Three" of the APT rice reserve
                if not any(a <= start and end <= b and (a, b) != (start, end) for a, b, _o in matches):
                    found.append(other)
    result = tuple(dict.fromkeys(found))
    index._contained[entity_id] = result
    return result
