"""Organisations, forums and funds that the gazetteer does not list, found by the last word of their name.

Real coverage names far more bodies than any list holds: "the Russian Direct Investment Fund (RDIF)", "the
Gamaleya Research Institute", "the Institute for Strategic Studies". A run of capitalised words ending in a
head word of organisations.toml's `unlisted_heads` is such a name (with enough words before the head, or a
capitalised name after it and a join word), and the acronym in brackets after it is its short name. A name
whose words all belong, in any order, to one listed name with the same head is that listed entity ("the ASEAN
Centre for Public Health Emergencies" is the ASEAN Centre for Public Health Emergencies and Emerging
Diseases), so a shortened name does not become a second entity; a name that fits two listed ones is none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from dashboard.preprocess.gazetteer import Entry, Gazetteer, slug
from dashboard.preprocess.textutil import strip_accents

# types whose names a longer unlisted name may hold: "Russian" in "Russian Direct Investment Fund", "United
# Nations" in "United Nations Development Programme" (not a fund's: "ASEAN COVID-19 Response Fund Secretariat")
SWALLOWED_TYPES = frozenset({"country", "bloc", "organisation", "forum"})
# types that act and so take the place of the countries their names hold ("Vietnam Red Cross Society"
# speaks itself); a fund's or a forum's country still acts through its own mention, as before
ACTING_TYPES = frozenset({"organisation"})
_WORD = r"[A-Z][\w'’&.-]*[\w]|[A-Z]"  # a capitalised word ("COVID-19", "ASEAN-Russia", "U.S.")
_AFTER_WORD = r"[A-Z][A-Za-z'’.-]*[A-Za-z]|[A-Z]"  # the same without digits, after the head ("for COVID-19": none)
_ACRONYM = re.compile(r"[ \t]*\((?P<acronym>[A-Z][A-Za-z&-]{1,11})\)")  # "(RDIF)" right after the name
_BARE_ACRONYM = re.compile(r"[ \t]+(?P<acronym>[A-Z]{2,12})(?![\w'’&-])")  # "RDIF" after it, punctuation stripped
_WORDS = re.compile(r"[^\W_]+|&")  # a name's words for comparing names: "ASEAN-Korea" is two
_WORD_ONLY = re.compile(_WORD)
_POSSESSIVE = ("'s", "’s", "'", "’")
_LOOK_BACK = 200  # characters before a head word that may hold its name
_LONGER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]{3,}")  # four letters or more: "of", "to", "the" aside
_HEADLINE_MIN_WORDS = 4
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z]")
_TWO_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][\w'’.-]*[ \t]+[A-Z]")


@dataclass(frozen=True, slots=True)
class UnlistedNames:
    """The compiled rules for one gazetteer."""

    head: re.Pattern[str]  # a head word, whole (its start is checked apart: a look-behind slows the scan)
    after: re.Pattern[str]  # a word of after_head, then a capitalised name (group "after")
    within_after: re.Pattern[str]  # an adding join word inside that name, where it may end ("... and Vietnam")
    joins: frozenset[str]  # between a name's words before its head
    trailing: frozenset[str]  # join words that cannot end a name
    type_of_head: dict[str, str]
    not_first: frozenset[str]
    min_words: int
    not_names: frozenset[str]  # accent- and case-folded names that are never such an organisation (outlets')
    # head, lower-cased -> (a listed name's words as a set, its entity's id)
    listed: dict[str, tuple[tuple[frozenset[str], str], ...]]

    @classmethod
    def of(cls, gazetteer: Gazetteer, not_names: Iterable[str] = ()) -> UnlistedNames | None:
        """The rules of `gazetteer`'s words; `not_names` are names that only look like one ("Vietnam News
        Agency": a source, not an organisation that acts)."""
        words = gazetteer.unlisted
        if words is None or not words.heads:
            return None
        heads = _alternation(h for h, _ in words.heads)
        inner = _alternation(words.after_joins)
        name = rf"(?:{_AFTER_WORD})(?:[ \t]+(?:(?:{inner})[ \t]+)?(?:{_AFTER_WORD})){{0,{words.max_after_words - 1}}}"
        head = re.compile(rf"(?:{heads})(?![\w'’&-])")
        articles = _alternation(words.after_head_articles)
        after = re.compile(rf"[ \t]+(?:{_alternation(words.after_head)})[ \t]+(?:(?:{articles})[ \t]+)?"
                           rf"(?P<after>{name})(?![\w'’&-])")
        head_types = {h: kind for h, kind in words.heads}
        lowered_heads = {h.lower() for h in head_types}
        listed: dict[str, list[tuple[frozenset[str], str]]] = {}
        for entry in gazetteer.entries:
            if entry.type not in {"organisation", "forum", "fund"}:
                continue
            for alias in sorted({entry.name, *entry.aliases}):
                tokens = frozenset(w.lower() for w in _WORDS.findall(strip_accents(alias)))
                for word in lowered_heads.intersection(tokens):
                    listed.setdefault(word, []).append((tokens, entry.entity_id))
        # a join word that only adds ("and"), not one that says whose ("of"): an entity's name after it may be
        # another name ("the Institute for Strategic Studies and Vietnam"), not the end of this one
        adding = _alternation(set(words.after_joins) - set(words.after_head))
        return cls(head=head, after=after, within_after=re.compile(rf"[ \t]+(?:{adding})[ \t]+"),
                   joins=frozenset(words.joins), type_of_head=head_types, not_first=frozenset(words.not_first),
                   trailing=frozenset({*words.joins, *words.after_head, *words.after_joins,
                                       *words.after_head_articles}),
                   min_words=words.min_words, listed={k: tuple(v) for k, v in listed.items()},
                   not_names=frozenset(strip_accents(name).casefold() for name in not_names))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def detect_organisations(
    rules: UnlistedNames, text: str, taken: Sequence[tuple[int, int, str]], type_of: Callable[[str], str],
    name_of: Callable[[str, str], str] = lambda _entity_id, surface: surface,
) -> tuple[list[tuple[int, int, str]], dict[str, Entry]]:
    """Unlisted organisations' spans and new entries, and listed ones found by a shortened name.

    `taken` are the spans already found (sorted), `type_of` gives their entities' types: a name may hold a
    country's or a bloc's ("Russian" in "Russian Direct Investment Fund", which gives the fund its country)
    but never overlaps any other entity's name, nor a person's; a name that one of those ends in front of
    starts after it. Where two names overlap ("Asian Vaccine Research Institute Foundation"), the longer
    one is kept. `name_of` gives the canonical spelling of an entity's name as written (its id and surface):
    a new entity's id spells the countries in its name so ("Viet Nam Red Cross Society" and "Vietnam Red
    Cross Society" are one).
    """
    folded = strip_accents(text)
    taken = sorted(taken)
    starts = [s for s, _e, _i in taken]
    headline: dict[int, bool] = {}
    candidates: list[tuple[int, int, str, str]] = []  # start, end, head word, acronym
    for match in rules.head.finditer(folded):
        head = match.start()
        if head and (folded[head - 1].isalnum() or folded[head - 1] in "_'’&.-"):
            continue  # inside a word
        line_start = folded.rfind("\n", 0, head) + 1
        if line_start not in headline:
            headline[line_start] = _in_headline_case(folded, line_start)
        if headline[line_start]:
            continue  # "The Ministers Thanked The Asian Investment Bank": a headline's words are all capitalised
        before = _words_before(rules, folded, head)
        if before is None:
            continue  # "The People's Bank of China": not the Bank of China
        named_from = before[0][0] if before else head
        blocking = [(s, e) for s, e, i in _near(taken, starts, named_from, head)
                    if e > named_from and type_of(i) not in SWALLOWED_TYPES]
        if blocking:  # "HA NOI Vietnam Red Cross Society": the name starts after the place
            before = [w for w in before if w[0] >= blocking[-1][1]]
        start = before[0][0] if before else head
        after = rules.after.match(folded, match.end())
        end = _end_of_after(rules, folded, after, taken, starts, type_of) if after else match.end()
        end, acronym = _acronym(folded, start, end)
        if end > match.end() and not acronym and len(before) >= rules.min_words:
            # the head has enough words before it: what follows is no part of the name without an acronym to
            # vouch for it ("the Gamaleya Research Institute for vaccines")
            end, acronym = _acronym(folded, start, match.end())
        if end == match.end() and len(before) < rules.min_words:
            continue
        inside = _near(taken, starts, start, end)
        if any(e > start and (type_of(i) not in SWALLOWED_TYPES or s < start or e > end or s <= head < e)
               for s, e, i in inside):
            continue  # overlaps a listed organisation, a person, a place, or a bloc's whole name
        if folded[start:end].casefold() not in rules.not_names:
            candidates.append((start, end, match.group(), acronym))
    found: list[tuple[int, int, str]] = []
    entries: dict[str, Entry] = {}
    for start, end, head_word, acronym in _longest_apart(candidates):
        name = text[start:end]
        listed = _listed_entities(rules, head_word, folded[start:end])
        if len(listed) > 1:
            continue  # "COVID-19 Response Fund": ASEAN's or the WHO's; neither is sure, nor is a third fund
        entity_id = listed.pop() if listed else None
        if entity_id is None:
            kind = rules.type_of_head[head_word]
            inside = [(s, e, i) for s, e, i in _near(taken, starts, start, end) if s >= start and e <= end]
            entity_id = f"{kind}:{slug(_with_canonical_names(text, start, end, inside, name_of))}"
            countries = {i for s, e, i in inside if type_of(i) == "country"}
            entry = entries.get(entity_id) or Entry(
                entity_id=entity_id, name=name, type=kind, aliases=(name,),
                iso3=countries.pop().removeprefix("country:") if len(countries) == 1 else "")
            if acronym and not entry.exact:  # the acronym may come with a later mention
                entry = replace(entry, exact=(acronym,))
            entries[entity_id] = entry
        found.append((start, end, entity_id))
    return found, entries


def _near(taken: Sequence[tuple[int, int, str]], starts: Sequence[int], start: int,
          end: int) -> Sequence[tuple[int, int, str]]:
    """The spans of `taken` (sorted, none overlapping another) that may overlap start..end: those starting
    before `end`, from the last one starting before `start`."""
    return taken[max(0, bisect_left(starts, start) - 1) : bisect_left(starts, end)]


def _with_canonical_names(text: str, start: int, end: int, inside: Sequence[tuple[int, int, str]],
                          name_of: Callable[[str, str], str]) -> str:
    """text[start:end] with the names of the entities inside it as `name_of` spells them."""
    pieces, cursor = [], start
    for s, e, entity_id in inside:
        pieces += [text[cursor:s], name_of(entity_id, text[s:e])]
        cursor = e
    return "".join([*pieces, text[cursor:end]])


def _end_of_after(rules: UnlistedNames, folded: str, after: re.Match[str], taken: Sequence[tuple[int, int, str]],
                  starts: Sequence[int], type_of: Callable[[str], str]) -> int:
    """Where a name goes on after its head word ends: before a join word that an entity's name follows ("the
    Institute for Strategic Studies and Vietnam"), before a person's or a place's name found already, after
    a country's name that two capitalised words or more follow ("the State Bank of Vietnam Nguyen Thi Hong
    said"); at the head word when nothing is left of it, or when capitalised words run on past the most a
    name takes ("the Institute of Vaccines and Medical Biologicals Tran Van Anh said": whose name ends
    where is unknown)."""
    end = after.end()
    if _CAPITALISED_NEXT.match(folded, end):
        return after.start()
    for s, e, i in taken[bisect_left(starts, after.start("after")) : bisect_left(starts, end)]:
        if type_of(i) not in SWALLOWED_TYPES:
            end = min(end, s)
        elif _TWO_CAPITALISED_NEXT.match(folded, e) and e < end:
            end = min(end, e)
    for join in rules.within_after.finditer(folded, after.start("after"), end):
        if bisect_left(starts, join.end()) < len(starts) and starts[bisect_left(starts, join.end())] == join.end():
            end = join.start()
            break
    while end > after.start("after") and not folded[end - 1].isalnum():
        end -= 1
    words = folded[after.start("after") : end].split()
    while words and (words[-1] in rules.not_first or words[-1] in rules.trailing):
        words.pop()
    return after.start("after") + len(" ".join(words)) if words else after.start()


def _longest_apart(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The candidates without any that overlaps a longer one, in text order."""
    kept: list[tuple[int, int, str, str]] = []  # in text order, none overlapping
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect_left(kept, candidate)
        if (i == 0 or kept[i - 1][1] <= candidate[0]) and (i == len(kept) or candidate[1] <= kept[i][0]):
            kept.insert(i, candidate)
    return kept


def _acronym(folded: str, start: int, end: int) -> tuple[int, str]:
    """Where a name ends and its acronym: in brackets after it ("... Fund (RDIF)"), or bare after it or as its
    last word when its letters are the initials of the name's other words (punctuation stripped: "Russian
    Direct Investment Fund RDIF", "National Institute of Hygiene and Epidemiology NIHE"); "" when none. A
    bracketed acronym has capitals for at least half its letters ("(Photo)" is none)."""
    bracketed = _ACRONYM.match(folded, end)
    if bracketed and sum(c.isupper() for c in bracketed.group("acronym")) * 2 >= len(bracketed.group("acronym")):
        return end, bracketed.group("acronym")
    words = folded[start:end].split()
    last = words[-1]
    if len(words) > 2 and last.isupper() and last.isalpha() and last == _initials(words[:-1]):
        return start + len(folded[start : end - len(last)].rstrip()), last
    bare = _BARE_ACRONYM.match(folded, end)
    if bare and bare.group("acronym") == _initials(words):
        return end, bare.group("acronym")
    return end, ""


def _initials(words: Sequence[str]) -> str:
    """The first letters of the capitalised words ("National Institute of Hygiene": NIH)."""
    return "".join(word[0] for word in words if word[0].isupper())


def _in_headline_case(folded: str, line_start: int) -> bool:
    """Whether the line from `line_start` capitalises all of its words of four letters or more and does not
    end a sentence (a headline, a menu): there a run of capitalised words is no sign of a name. A sentence
    full of names and titles still has a verb or two in lower case."""
    line_end = folded.find("\n", line_start)
    line_end = line_end if line_end >= 0 else len(folded)
    if folded[line_start:line_end].rstrip().rstrip("\"'”’)").endswith((".", "!", "?")):
        return False
    longer = _LONGER_WORD.findall(folded, line_start, line_end)
    return len(longer) >= _HEADLINE_MIN_WORDS and not any(word[0].islower() for word in longer)


def _words_before(rules: UnlistedNames, folded: str, head: int) -> list[tuple[int, str]] | None:
    """The capitalised words of a name before its head word at `head`, in order, with where each starts: on
    the same line, a join word allowed between two of them, back to a word that begins sentences, not names
    ("Meanwhile", "The": "HA NOI The Russian Direct Investment Fund" is named from "Russian"), or to a word
    said twice ("doses to Vietnam Vietnam Red Cross Society", punctuation stripped). None when a possessive
    comes right before the head ("The People's Bank of China" is not the Bank of China); a possessive further
    back ends the name ("Russia's Direct Investment Fund" is named from "Direct")."""
    words: list[tuple[int, str]] = []  # from the head backwards
    joined = False
    position = head
    while position > 0 and folded[position - 1] in " \t" and head - position < _LOOK_BACK:
        end = position - 1
        while end > 0 and folded[end - 1] in " \t":
            end -= 1
        start = max(folded.rfind(" ", 0, end), folded.rfind("\t", 0, end), folded.rfind("\n", 0, end)) + 1
        token = folded[start:end]
        if token.endswith(_POSSESSIVE) and _WORD_ONLY.fullmatch(token):
            if not words:
                return None
            break
        if token in rules.not_first or (words and token == words[-1][1]):
            break
        if _WORD_ONLY.fullmatch(token):
            words.append((start, token))
            joined = False
        elif token in rules.joins and words and not joined:
            joined = True
        else:
            break
        position = start
    words.reverse()
    return words


def _listed_entities(rules: UnlistedNames, head: str, name: str) -> set[str]:
    """The listed entities whose names have this head and hold all of `name`'s words ("ASEAN Centre for Public
    Health Emergencies": the ASEAN Centre for Public Health Emergencies and Emerging Diseases; "Korea-ASEAN
    Cooperation Fund": the ASEAN-Korea Cooperation Fund)."""
    words = frozenset(w.lower() for w in _WORDS.findall(name))
    return {entity_id for tokens, entity_id in rules.listed.get(head.lower(), ()) if words <= tokens}

