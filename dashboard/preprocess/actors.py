"""Attribute speakers and targets to statements.

The speaker is named before the statement's cue (or first anchor verb): entities there, group nouns
("the 10-member Southeast Asian regional bloc" -> the last bloc named), pronouns ("He" -> the last
person named; "They", "the delegates" -> the meeting's participants; "We" -> whoever the sentence quotes,
", Lavrov said"). With no cue or anchor verb, the actors the statement opens with are its subject
("Vietnam and the Philippines raised ..."). With nobody named, the previous statement's speakers carry
over. Targets are the actors named after the cue, up to a clause boundary, minus the speakers themselves;
a fund counts for the blocs and countries in its name. People count for their country: a country named
beside its own person ("Russian foreign minister Sergey Lavrov") is not a second speaker. The meeting's
participants come from the title, or from the first sentence that names two or more actors.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from dashboard.preprocess.cues import BankOverText, CueBank, CueSet, SetOverText, as_list, compile_cues
from dashboard.preprocess.entities import (
    ACTOR_TYPES,
    EntityIndex,
    contained_entities,
    title_before,
    title_words,
    tokenize,
)
from dashboard.preprocess.records import Article, Mention, Sentence, Statement, slot_init
from dashboard.preprocess.textutil import (
    LIST_ITEM_MARK,
    TURN_LABEL,
    Needles,
    after_spaces,
    is_unpunctuated,
    normalise_quotes,
    phrase_alternation,
    strip_accents,
    whole_phrases,
)

_PARTICIPANTS = "@participants"
_PERSON = "@person"
_BLOC = "@bloc"
_QUOTED = "@quoted"
_PAIR = "@pair"  # "the two countries": the two a sentence last named joined, else the meeting's parties
_REGION = "@region"  # "vaccines to the region": the bloc among the meeting's parties, as a target only
_UNNAMED = "@unnamed"  # "a Southeast Asian diplomat said": someone speaks, but no one the text names


@dataclass(frozen=True, slots=True)
class TargetStops:
    """Where a statement's targets stop: the first stop word (a whole word, any case) or other stop mark.

    One case-insensitive regex of them all, tried only on windows that hold one of the stops at all (a
    substring test on the case-folded window): most of a statement's tail holds none.
    """

    pattern: re.Pattern[str]
    words: Needles  # a match holds one of them

    def first(self, text: str, pos: int, endpos: int) -> int | None:
        """Start of the first stop inside text[pos:endpos], or None."""
        pos = max(pos, 0)
        if not self.words.may_match(text[pos:endpos]):
            return None
        match = self.pattern.search(text, pos, endpos)
        return match.start() if match else None


_TWO_COMMAS = re.compile(r",[^,]+,\s*$")  # an aside before the cue, when actors.toml names no adverbs or joiners


@dataclass(frozen=True, slots=True)
class ActorRules:
    anchor_verbs: CueSet | None
    speech_verbs: CueSet | None
    groups: tuple[tuple[str, CueSet], ...]  # (marker, cues)
    not_target_after: re.Pattern[str] | None
    target_stops: TargetStops | None
    kinds_without_targets: frozenset[str]
    addressee_kinds: frozenset[str]  # kinds aimed at whom they address, named right after the cue
    own_words: re.Pattern[str] | None  # after "<person>'s" in a title, "<actor>'s" in an introduction: theirs
    own_words_by: re.Pattern[str] | None  # a title opening "<own word> by <person>": "Statement by Prime Minister Abe"
    subject_joiners: re.Pattern[str]  # what may stand between the actors a statement opens with
    subject_conjunctions: re.Pattern[str]  # what closes a list of them written with commas
    version: str
    introductions: re.Pattern[str] | None = None  # opens a phrase before the subject: "After meeting X, Y said"
    reporting_verbs: CueSet | None = None  # a verb right before the speech it reports: "said (that) "
    reported_kinds: frozenset[str] = frozenset()  # the kinds whose reported subject speaks
    recipient_verbs: CueSet | None = None  # "said Laos would receive ...": Laos is no speaker
    continuations: re.Pattern[str] | None = None  # ", adding that": what follows is the same speaker's
    own_view_openers: frozenset[str] = frozenset()  # "In <actor>'s view": the actor's; not "After <actor>'s speech"
    reporting_openers: frozenset[str] = frozenset()  # "According to Lavrov, the ministers agreed": theirs
    topic_openers: frozenset[str] = frozenset()  # "On Myanmar, the leaders called ...": the leaders'
    behalf: re.Pattern[str] | None = None  # "On behalf of ASEAN, Balakrishnan thanked ...": ASEAN speaks
    # an aside set off by two commas right before the cue, perhaps with an adverb after it; not a list's item
    aside: re.Pattern[str] = _TWO_COMMAS
    credited_kinds: frozenset[str] = frozenset()  # kinds aimed at whose deed they welcome ("welcomed Canada's support")
    chair_words: CueSet | None = None  # "Vietnam chaired the ASEAN-Russia meeting": the chair acts for its bloc
    subject_not_target_kinds: frozenset[str] = frozenset()  # "Laos has recorded no new cases, Minh said": no target
    untargeted_categories: frozenset[str] = frozenset()  # a statement of such kinds and only these topics has none
    declaration_opener: re.Pattern[str] | None = None  # a line opening a declaration: "WE, the Ministers of ..."
    # an actor named in a legal instrument ("UN Charter", "Charter of the United Nations"): what follows it and
    # what precedes it
    instrument_after: re.Pattern[str] | None = None
    instrument_before: re.Pattern[str] | None = None
    venue_before: re.Pattern[str] | None = None  # before an organisation where the parties meet: "at (the)"
    venue_aimed_kinds: frozenset[str] = frozenset()  # kinds aimed at such an organisation: "disappointment at"
    chair_partner: re.Pattern[str] | None = None  # before a member in the chair after the chair's word: "with"
    joint_after_we: re.Pattern[str] | None = None  # "we" + what the meeting did, in one's remarks: the parties'
    bloc_targets: CueSet | None = None  # "urged member states": the last bloc named, as a target only
    region_targets: CueSet | None = None  # "vaccines to the region": the meeting's bloc, as a target only
    region_target_kinds: frozenset[str] = frozenset()  # ... of these kinds ("concern over the spread in the region")
    implied_target_kinds: frozenset[str] = frozenset()  # a partner's commitment naming no one: the bloc it meets
    national_title: re.Pattern[str] | None = None  # after "the <demonym>": "the Australian leader" is a person


def _aside_pattern(joiners: list[str], adverbs: list[str]) -> re.Pattern[str]:
    """", the country coordinator for ..., (also)" right before the cue; not ", and later Australia,"."""
    not_a_list = rf"(?!\s*{whole_phrases(joiners)})" if joiners else ""
    after = rf"(?:\s+{whole_phrases(adverbs)}){{0,2}}" if adverbs else ""
    return re.compile(rf",{not_a_list}[^,]+,{after}\s*$", re.IGNORECASE)


def _introductions_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A statement opening with one of `words` ("After", "During", "In a call with"), up to its first comma."""
    if not words:
        return None
    return re.compile(rf"[\s\"'(]*(?P<word>{whole_phrases(words)})[^,]*,", re.IGNORECASE)


def default_actors_path() -> Path:
    return Path(str(resources.files("dashboard") / "vocab" / "actors.toml"))


@lru_cache(maxsize=4)
def load_actor_rules(path: Path | None = None) -> ActorRules:
    """Actor attribution vocabulary from dashboard/vocab/actors.toml (cached)."""
    path = Path(path) if path else default_actors_path()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    src = str(path)

    def cues(name: str) -> CueSet | None:
        return compile_cues(as_list(data.get(name), field=name, source=src), source=f"{src} [{name}]")

    groups = tuple(
        (marker, pattern)
        for marker, name in ((_BLOC, "bloc"), (_PERSON, "person"), (_PARTICIPANTS, "participants"), (_PAIR, "pair"),
                             (_QUOTED, "quoted"), (_UNNAMED, "unnamed"))
        if (pattern := cues(name)) is not None
    )
    named = data.get("named_groups", {})
    if not isinstance(named, dict) or any(str(entity_id).startswith("@") for entity_id in named):
        raise ValueError(f"{src}: named_groups must map entity ids to lists of cues")
    groups += tuple((str(entity_id), pattern) for entity_id, words in named.items()
                    if (pattern := compile_cues(as_list(words, field=f"named_groups.{entity_id}", source=src),
                                                source=f"{src} [named_groups]")) is not None)
    stops = as_list(data.get("target_stops"), field="target_stops", source=src)
    conjunctions = as_list(data.get("subject_joiners"), field="subject_joiners", source=src)
    stop_words = [s for s in stops if s.isalpha()]
    stop_marks = [re.escape(s) for s in stops if not s.isalpha()]
    stop_source = "|".join([*(rf"(?<!\w){w}(?!\w)" for w in stop_words), *stop_marks])
    stop_pattern = re.compile(stop_source, re.IGNORECASE) if stop_source else None
    own_words = as_list(data.get("own_words"), field="own_words", source=src)
    return ActorRules(
        anchor_verbs=cues("anchor_verbs"),
        speech_verbs=cues("speech_verbs"),
        groups=groups,
        bloc_targets=cues("bloc_targets"),
        region_targets=cues("region_targets"),
        region_target_kinds=frozenset(as_list(data.get("region_target_kinds"), field="region_target_kinds",
                                              source=src)),
        not_target_after=re.compile(
            r"(?:" + "|".join(re.escape(w) for w in as_list(data.get("not_target_after"), field="x", source=src))
            + r")\s+(?:the\s+)?$", re.IGNORECASE,
        ) if data.get("not_target_after") else None,
        target_stops=TargetStops(stop_pattern, Needles.of(stop_pattern)) if stop_pattern else None,
        kinds_without_targets=frozenset(as_list(data.get("kinds_without_targets"), field="k", source=src)),
        addressee_kinds=frozenset(as_list(data.get("addressee_kinds"), field="addressee_kinds", source=src)),
        credited_kinds=frozenset(as_list(data.get("credited_kinds"), field="credited_kinds", source=src)),
        own_words=re.compile(rf"\s*'s\s+(?:{phrase_alternation(own_words)})(?!\w)", re.IGNORECASE)
        if own_words else None,
        own_words_by=re.compile(rf"\s*(?:{phrase_alternation(own_words)})\s+by\s+", re.IGNORECASE)
        if own_words else None,
        subject_joiners=_joiners_pattern(
            conjunctions + as_list(data.get("subject_fillers"), field="subject_fillers", source=src)),
        subject_conjunctions=re.compile(whole_phrases(conjunctions), re.IGNORECASE),
        introductions=_introductions_pattern(as_list(data.get("introductions"), field="introductions", source=src)),
        reporting_verbs=cues("reporting_verbs"),
        reported_kinds=frozenset(as_list(data.get("reported_subject_kinds"), field="reported_subject_kinds",
                                         source=src)),
        recipient_verbs=cues("recipient_verbs"),
        own_view_openers=frozenset(w.lower() for w in as_list(data.get("own_view_openers"), field="own_view_openers",
                                                              source=src)),
        reporting_openers=frozenset(w.lower() for w in as_list(data.get("reporting_openers"),
                                                               field="reporting_openers", source=src)),
        topic_openers=frozenset(w.lower() for w in as_list(data.get("topic_openers"), field="topic_openers",
                                                           source=src)),
        behalf=re.compile(rf"[\s\"'(]*{whole_phrases(words)}\s", re.IGNORECASE)
        if (words := as_list(data.get("behalf_openers"), field="behalf_openers", source=src)) else None,
        continuations=re.compile(rf",?\s+{whole_phrases(words)}", re.IGNORECASE)
        if (words := as_list(data.get("continuations"), field="continuations", source=src)) else None,
        aside=_aside_pattern(conjunctions, as_list(data.get("aside_adverbs"), field="aside_adverbs", source=src)),
        chair_words=cues("chair_words"),
        implied_target_kinds=frozenset(as_list(data.get("implied_target_kinds"), field="implied_target_kinds",
                                               source=src)),
        chair_partner=re.compile(whole_phrases(words), re.IGNORECASE)
        if (words := as_list(data.get("chair_partner_words"), field="chair_partner_words", source=src)) else None,
        venue_aimed_kinds=frozenset(as_list(data.get("venue_aimed_kinds"), field="venue_aimed_kinds", source=src)),
        subject_not_target_kinds=frozenset(as_list(data.get("subject_not_target_kinds"),
                                                    field="subject_not_target_kinds", source=src)),
        untargeted_categories=frozenset(as_list(data.get("untargeted_categories"), field="untargeted_categories",
                                                source=src)),
        instrument_after=re.compile(rf"(?:['’]s)?\s+{whole_phrases(words)}", re.IGNORECASE)
        if (words := as_list(data.get("instrument_words"), field="instrument_words", source=src)) else None,
        instrument_before=re.compile(rf"{whole_phrases(words)}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
        if words else None,
        venue_before=re.compile(rf"{whole_phrases(words)}\s+(?:the\s+)?$", re.IGNORECASE)
        if (words := as_list(data.get("venue_words"), field="venue_words", source=src)) else None,
        declaration_opener=re.compile(rf"^[ \t]*{whole_phrases(words)}", re.IGNORECASE | re.MULTILINE)
        if (words := as_list(data.get("declaration_openers"), field="declaration_openers", source=src)) else None,
        joint_after_we=_joint_after_we(as_list(data.get("joint_verbs"), field="joint_verbs", source=src),
                                       as_list(data.get("joint_verb_fillers"), field="joint_verb_fillers", source=src)),
        national_title=re.compile(rf"\s+{whole_phrases(words)}", re.IGNORECASE)
        if (words := as_list(data.get("national_titles"), field="national_titles", source=src)) else None,
        version=str(data.get("version", "0")),
    )


def _joint_after_we(verbs: list[str], fillers: list[str]) -> re.Pattern[str] | None:
    """What follows "we" when it tells what the meeting did: a joint verb, perhaps after a filler ("we also
    agreed")."""
    if not verbs:
        return None
    filler = rf"(?:{whole_phrases(fillers)}\s+)?" if fillers else ""
    return re.compile(rf"\s+{filler}{whole_phrases(verbs)}", re.IGNORECASE)


def _joiners_pattern(words: list[str]) -> re.Pattern[str]:
    """Spaces, commas and the joining words only ("and the", ", as well as")."""
    return re.compile(rf"[\s,]*(?:(?:{phrase_alternation(words)})(?!\w)[\s,]*)*", re.IGNORECASE)


@slot_init
@dataclass(frozen=True, slots=True)
class _Actor:
    start: int
    end: int
    entity_id: str  # or a marker (@participants, @person, @bloc)


_ASIDE_AFTER = re.compile(r",\s+[a-z]")  # a capital, then an aside in lower case: not a dateline
_NOT_TITLE_WORDS = frozenset({"the", "a", "an"})


class _Context:
    """What the attribution of one article remembers while reading it."""

    def __init__(self, index: EntityIndex, people: dict, participants: tuple[str, ...], text: str = "",
                 day: str = "") -> None:
        self.index = index
        self.text = text
        self.day = day  # the article's publication date (YYYY-MM-DD), "" when unknown
        self.people = people
        self.participants = participants
        self.narrator = ""  # whose remarks the text is ("Sergey Lavrov's remarks at ..."): "we" when no one is quoted
        self.joint_after_we: re.Pattern[str] | None = None  # ActorRules.joint_after_we
        self.national_title: re.Pattern[str] | None = None  # ActorRules.national_title
        self.joiners: re.Pattern[str] | None = None  # what joins a list of speakers ("Lavrov and Wang Yi said")
        self.conjunctions: re.Pattern[str] | None = None
        self.people_named: list[str] = []  # people in the order last named (the last one last), no repeats
        self.titles_used: dict[str, set[str]] = {}  # person -> the words of the titles the text gave them
        self.named: set[str] = set()  # every entity the text names
        self.aside = _TWO_COMMAS  # ActorRules.aside
        self.last_bloc = ""
        self.last_countries: tuple[str, ...] = ()  # the pair "the two countries" stand for (_pair_named)
        self.last_speakers: tuple[str, ...] = ()
        self.unquoted = False  # the text holds no quote mark and no sentence's end: its punctuation was stripped

    @property
    def last_person(self) -> str:
        return self.people_named[-1] if self.people_named else ""

    def name_person(self, entity_id: str, start: int = -1) -> None:
        """`entity_id` is the last person named; at `start` (when given) the text names them, perhaps after a
        title ("Union Minister for Foreign Affairs U Wunna Maung Lwin"), whose words count as theirs."""
        if start >= 0:  # the words right before the name, in its own clause ("ambassador. Dung" gives none)
            used = title_before(self.text, start, self.index)
            if used:
                self.titles_used.setdefault(entity_id, set()).update(used)
        if self.people_named and self.people_named[-1] == entity_id:
            return
        if entity_id in self.people_named:
            self.people_named.remove(entity_id)
        self.people_named.append(entity_id)

    def person_called(self, start: int, end: int) -> str:
        """The person a word for one stands for ("he", "the minister" at text[start:end]): the last one named,
        but for a title that some people named hold ("the ambassador" after "Ambassador Yamada ... Minister
        Motegi ..."), the last one named who holds it or whose title is not known."""
        words = frozenset(title_words(self.text[start:end])) - _NOT_TITLE_WORDS
        if not words or not any(words <= self._title_words(p) for p in self.people_named):
            return self.last_person
        return next(p for p in reversed(self.people_named) if words <= self._title_words(p)
                    or not self._title_words(p))

    def _title_words(self, entity_id: str) -> frozenset[str]:
        """The words of a person's titles: those held on the article's day (when it is known and they held one),
        and those the text gave them before their name."""
        entry = self.index.entry(entity_id) or self.people.get(entity_id)
        if entry is None:
            return frozenset()
        roles = [r for r in entry.roles if self.day and r.active_on(self.day)] or entry.roles
        return frozenset(w for role in roles for w in title_words(role.title)) | \
            self.titles_used.get(entity_id, set())

    def capital_country(self, mention: Mention) -> str:
        """country:ISO3 for a capital used as an actor ("Moscow offered"), or the entity it stands for (Brussels:
        the EU); "" in a dateline ("MOSCOW, April 22")."""
        entry = self.index.entry(mention.entity_id)
        if entry is None or not entry.capital or not entry.iso3 or mention.surface.isupper():
            return ""
        following = self.text[mention.end : mention.end + 3].lstrip()
        if following[:1] in {",", "-", "–", "—", ":", "(", "/"} and not _ASIDE_AFTER.match(self.text, mention.end):
            return ""  # "HANOI, May 3 -", "Manila, Philippines -": a dateline; not "Hanoi, for its part, has ..."
        if entry.stands_for and f"country:{entry.iso3}" not in self.named:  # Brussels: the EU, unless Belgium is
            return entry.stands_for  # named too ("Belgian Prime Minister De Croo said Brussels would donate")
        return f"country:{entry.iso3}"

    def entry_type(self, entity_id: str) -> str:
        entry = self.index.entry(entity_id) or self.people.get(entity_id)
        return entry.type if entry else ""

    def is_agreement(self, entity_id: str) -> bool:
        """A pact or arrangement the gazetteer lists as such (RCEP): what a statement is about, aimed at no one."""
        entry = self.index.entry(entity_id)
        return entry is not None and entry.agreement

    def acting(self, entity_id: str) -> str:
        """Whom an actor counts for on the article's day: a person their country or organisation (Borrell: the EU),
        anyone else themselves."""
        entry = self.index.entry(entity_id) or self.people.get(entity_id)
        if entry is None or entry.type != "person":
            return entity_id
        return entry.acting_for(self.day) or entity_id

    def iso3(self, entity_id: str) -> str:
        entry = self.index.entry(entity_id) or self.people.get(entity_id)
        if entry is None:
            return ""
        return entry.iso3 or (entry.roles[-1].iso3 if entry.roles else "")


@lru_cache(maxsize=4)
def _group_bank(rules: ActorRules) -> CueBank:
    """The group nouns' cue lists looked up together, one pass over a window's words for all of them."""
    return CueBank([cues for _marker, cues in rules.groups])


@lru_cache(maxsize=4)
def _bloc_words(rules: ActorRules) -> tuple[tuple[str, ...], CueBank]:
    """The markers and the bank of the group words for blocs alone ("the bloc", "Southeast Asian countries"):
    looked for once in a whole text, for targets (all the group words there, "the ..." at every "the", cost
    more than the rest of attribution)."""
    blocs = [(marker, cues) for marker, cues in rules.groups if _is_bloc_marker(marker)]
    blocs += [(marker, cues) for marker, cues in ((_BLOC, rules.bloc_targets), (_REGION, rules.region_targets))
              if cues is not None]
    return tuple(marker for marker, _cues in blocs), CueBank([cues for _marker, cues in blocs])


def _bloc_actors(folded: str, rules: ActorRules) -> list[_Actor]:
    """The group words for blocs in a text, in order, the longer of two overlapping."""
    markers, bank = _bloc_words(rules)
    found = sorted(((a, b, marker) for marker, spans in zip(markers, bank.spans(folded), strict=True)
                    for a, b in spans), key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[_Actor] = []
    for a, b, marker in found:
        if not kept or a >= kept[-1].end:
            kept.append(_Actor(a, b, marker))
    return kept


def _group_actors(groups: BankOverText, start: int, end: int, rules: ActorRules) -> list[_Actor]:
    out = []
    for (marker, _cues), spans in zip(rules.groups, groups.spans(start, end), strict=True):
        out += [_Actor(a, b, marker) for a, b in spans]
    out.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[_Actor] = []
    for actor in out:
        if all(actor.end <= k.start or actor.start >= k.end for k in kept):
            kept.append(actor)
    return kept


def _collapse(entity_ids: Sequence[str], ctx: _Context, mentions: Sequence[_Actor], folded: str,
              title_only: re.Pattern[str] | None) -> tuple[str, ...]:
    """Drop a country or bloc that only qualifies a person named next to it ("Russian Foreign Minister Sergey
    Lavrov", "Ambassador to Viet Nam Nikorndej Balankura": the post of the title); keep order, no repeats."""
    people = [m for m in mentions if ctx.entry_type(m.entity_id) == "person"]
    person_countries = {ctx.iso3(p.entity_id) for p in people}
    dropped: set[str] = set()
    for m in mentions:
        kind = ctx.entry_type(m.entity_id)
        if kind == "country" and ctx.iso3(m.entity_id) in person_countries:
            dropped.add(m.entity_id)
        elif kind in {"country", "bloc", "organisation"}:
            following = [p for p in people if p.start >= m.end]
            gap = folded[m.end : following[0].start] if following else None
            if gap is not None and ((title_only is not None and title_only.fullmatch(gap))
                                    or (not gap.strip() and _POST_OF_TITLE.search(folded, max(0, m.start - 16),
                                                                                    m.start))):
                dropped.add(m.entity_id)
    return tuple(dict.fromkeys(e for e in entity_ids if e not in dropped))


# "“”„«», or a single quote that is not an apostrophe
_QUOTE_MARK = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]|(?<!\w)\'|\'(?!\w)')
_UNQUOTED_MIN_WORDS = 8  # in text without quote marks, words between "We" and a speech verb that quotes it
_AND_BEFORE = re.compile(r"(?:\band|,)\s+$", re.IGNORECASE)  # "We pledged ... and noted": the same clause goes on
_GAP_BREAK = re.compile(rf"[.;!?]|{_QUOTE_MARK.pattern}")  # between a speech verb and its speaker: neither
_LOWER_WORD = re.compile(r"(?<![\w'])(?!the\b)[a-z]+\b")  # a lower-case word but "the"
_DATELINE_END = re.compile(r".{0,80}?(?:\s[-—–]{1,2}|[-—–]{2}|:|/\.?)\s+")


def _after_dateline(folded: str, start: int) -> int:
    """Where the first sentence's own words begin after its dateline ("HANOI (VNA) - ", "MOSCOW, July 14.
    /TASS/. "), or `start` when no separator follows within 80 characters."""
    match = _DATELINE_END.match(folded, start)
    return match.end() if match else start


_TOPIC_BEFORE = re.compile(r"\b(?:on|over|about|amid)\s+(?:the\s+)?$", re.IGNORECASE)  # in a title
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|from|in|into|for|by|on|at|between|among|about|against|over|amid|"
                                r"unlike|despite)\s+(?:the\s+)?$",
                                re.IGNORECASE)
_POST_OF_TITLE = re.compile(r"\b(?:to|in)\s+(?:the\s+)?$", re.IGNORECASE)  # "Ambassador to (the) <post> <name>"


def _title_only_pattern(index: EntityIndex) -> re.Pattern[str] | None:
    """Titles and honorifics ("Ambassador of Japan to Viet Nam H.E. Mr. Yamada Takio": the post, then only
    words of address before the name)."""
    return _titles_pattern(_with_address(index.gazetteer.titles, index.gazetteer.honorifics))


@lru_cache(maxsize=4)
def _with_address(titles: tuple[str, ...], honorifics: tuple[str, ...]) -> tuple[str, ...]:
    """The titles and the words of address, these also with a full stop ("Mr."), put together once."""
    return (*titles, *honorifics, *(f"{h}." for h in honorifics if not h.endswith(".")))


@lru_cache(maxsize=4)
def _titles_pattern(all_titles: tuple[str, ...]) -> re.Pattern[str] | None:
    """Text made of titles only ("'s Foreign Minister", ", Deputy Prime Minister and")."""
    titles = sorted({t for t in all_titles if t.strip()}, key=len, reverse=True)
    if not titles:
        return None
    title = "|".join(re.escape(strip_accents(t)).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"\s*(?:'s\s+)?(?:(?:{title})\s*(?:,|and|cum|&)?\s*)+", re.IGNORECASE)


_ACTOR_OR_FUND = ACTOR_TYPES | {"fund"}


def _actors_in(span_start: int, span_end: int, by_start: list[Mention], starts: list[int],
               ctx: _Context) -> list[_Actor]:
    """Actor mentions inside a span; a capital written as a subject stands for its country."""
    i = bisect_right(starts, span_start - 1)
    out = []
    while i < len(by_start) and by_start[i].start < span_end:
        m = by_start[i]
        if m.end <= span_end:
            kind = ctx.entry_type(m.entity_id)
            if kind in _ACTOR_OR_FUND:
                out.append(_Actor(m.start, m.end, m.entity_id))
            elif kind == "place" and (country := ctx.capital_country(m)):
                out.append(_Actor(m.start, m.end, country))
        i += 1
    return out


def _without_apposition(named: list[_Actor], folded: str, anchor: int, aside_pattern: re.Pattern[str]) -> list[_Actor]:
    """The speakers named before the cue at `anchor`, but those of an apposition or relative clause set off
    by two commas right after a name and right before the cue ("Cambodia, China's closest ally in the region,
    pledged": Cambodia; "Premier Li Keqiang, who joined an ASEAN-China summit, said": not ASEAN). A list is
    none ("Laos, Cambodia and Vietnam pledged"), nor a name set off after a title ("Russia's Foreign
    Minister, Sergey Lavrov, said")."""
    if len(named) < 2 or anchor <= named[0].end:
        return named
    aside = aside_pattern.search(folded, named[0].end, anchor)
    if aside is None or not any(a.end <= aside.start() and not folded[a.end : aside.start()].strip() for a in named):
        return named  # only an aside right after a name: "Russia's Foreign Minister, Sergey Lavrov, said" is Lavrov
    return [a for a in named if not aside.start() <= a.start < aside.end()] or named


_GROUP_PRIORITY = {_BLOC: 0, _PERSON: 1, _QUOTED: 2, _PARTICIPANTS: 3, _PAIR: 3, _UNNAMED: 4}  # named groups: 0


def _is_bloc_marker(marker: str) -> bool:
    """"the bloc" (the last bloc named), or a group word of `named_groups` ("Southeast Asian countries")."""
    return marker == _BLOC or not marker.startswith("@")


def _apart_from(group: _Actor, actors: list[_Actor], starts: list[int]) -> bool:
    """Whether a group word overlaps none of the actors (`starts`: theirs, sorted): "southeast asian nations"
    inside "the Association of Southeast Asian Nations" is that mention's."""
    i = bisect_right(starts, group.start)
    return (i == 0 or actors[i - 1].end <= group.start) and (i == len(actors) or group.end <= actors[i].start)


def _all_parties(speakers: Sequence[str], ctx: _Context) -> bool:
    """Whether every speaker is one of the meeting's parties, or speaks for one ("the Russian top diplomat" at the
    ASEAN-Russia meeting)."""
    return all(s in ctx.participants or ctx.acting(s) in ctx.participants for s in speakers)


def _blocs_among(parties: Sequence[str], ctx: _Context) -> tuple[str, ...]:
    """The blocs among a meeting's parties, in their order."""
    return tuple(p for p in parties if ctx.entry_type(p) == "bloc")


def _resolve(actor: _Actor, ctx: _Context, quoted: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The actors a group word stands for; `quoted`: the sentence's speaker next to a speech verb."""
    if actor.entity_id == _QUOTED:
        joint = bool(ctx.participants) and ctx.joint_after_we is not None and \
            ctx.joint_after_we.match(ctx.text, actor.end) is not None
        if joint and ((not quoted and ctx.narrator) or
                      (quoted and _blocs_among(ctx.participants, ctx) and _all_parties(quoted, ctx))):
            return ctx.participants  # "We agreed ..." in Lavrov's remarks, or quoted at a meeting with a bloc (a
            # title's parties without one may hold a recipient: "Russia to continue supplying aid to Myanmar")
        return quoted or ((ctx.narrator,) if ctx.narrator else ()) or ctx.participants or ctx.last_speakers
    if actor.entity_id == _PAIR and len(ctx.last_countries) == 2:
        return ctx.last_countries
    if actor.entity_id in (_PARTICIPANTS, _PAIR):
        return ctx.participants or ctx.last_speakers
    if actor.entity_id == _PERSON:
        return (ctx.person_called(actor.start, actor.end),) if ctx.last_person else ctx.last_speakers
    if actor.entity_id == _UNNAMED:
        return ()
    if actor.entity_id == _REGION:  # every bloc among the parties: _targets picks the one not speaking
        return _blocs_among(ctx.participants, ctx)
    if actor.entity_id == _BLOC:  # before any bloc is named: the bloc among the meeting's parties
        if ctx.last_bloc:
            return (ctx.last_bloc,)
        return _blocs_among(ctx.participants, ctx)[:1]
    return (actor.entity_id,)


def _speakers_from(actors: list[_Actor], groups: list[_Actor], ctx: _Context, folded: str,
                   title_only: re.Pattern[str] | None, quoted: tuple[str, ...] = (),
                   anchor: int = -1) -> tuple[str, ...]:
    named = _without_apposition([a for a in actors if ctx.entry_type(a.entity_id) in ACTOR_TYPES], folded, anchor,
                                ctx.aside)
    named = [a for k, a in enumerate(named)  # not "in Australia", "by the United States" after the subject
             if k == 0 or not _AFTER_PREPOSITION.search(folded, max(0, a.start - 16), a.start)]
    if named:
        named_starts = [a.start for a in named]
        explicit_groups = [g for g in groups if _is_bloc_marker(g.entity_id) and _apart_from(g, named, named_starts)]
        ids = [a.entity_id for a in named] + [e for g in explicit_groups for e in _resolve(g, ctx)]
        return _collapse(ids, ctx, named, folded, title_only)
    specific_first = sorted(groups, key=lambda g: _GROUP_PRIORITY.get(g.entity_id, 0))
    for group in specific_first:
        resolved = _resolve(group, ctx, quoted)
        if resolved:
            return resolved
    return ()


_CAPITALISED_WORDS = re.compile(r"(?:\s+(?:the\s+)?[A-Z][\w'.-]*)*\s*")  # a title before a name


def _after_introduction(actors: list[_Actor], groups: list[_Actor], folded: str, begin: int, anchor: int,
                        body_start: int, rules: ActorRules, ctx: _Context) -> tuple[list[_Actor], list[_Actor]]:
    """The actors and group words after a phrase that opens the statement before its subject, when any
    stand there: "After meeting Wang Yi in Beijing, Retno Marsudi said ...", "When Lavrov joined his ASEAN
    counterparts, he promised ...": Retno Marsudi, "he". All of them when nothing or only a plural group word
    follows the comma ("..., both sides pledged": the actors the phrase named), when a list goes on after it,
    when words other than a title stand between the comma and the next actor (an aside) or when the phrase
    gives an actor's view ("In Vietnam's view")."""
    assert rules.introductions is not None
    opening = max(begin, body_start)
    introduction = rules.introductions.match(folded, opening, anchor)  # its comma before the anchor
    if introduction is None:
        return actors, groups
    subject = introduction.end()
    following = [a.start for a in (*actors, *groups) if a.start >= subject]
    if not following or not _CAPITALISED_WORDS.fullmatch(folded, subject, min(following)):
        return actors, groups  # "In Hanoi Minister Minh, chair of the meeting, said": the comma opened an aside
    opener = introduction.end("word")
    if rules.own_words is not None and introduction.group("word").lower() in rules.own_view_openers and \
            rules.own_words.search(folded, opener, subject):
        own = [a for a in actors if a.start < subject]  # "In Vietnam's view, ASEAN should ...": Vietnam's
        return (own, []) if own else (actors, groups)
    if rules.behalf is not None and (behalf := rules.behalf.match(folded, opening, subject)) is not None:
        # whom the opener names right after it, "the" aside ("On behalf of ASEAN, Minister Balakrishnan thanked",
        # "Speaking for the bloc, ..."), not a place or a time further on ("Speaking for 20 minutes at the summit")
        def right_after(actor: _Actor) -> bool:
            return actor.start < subject and _named_right_after(folded, behalf.end(), actor)
        named = [a for a in actors if right_after(a) and ctx.entry_type(a.entity_id) != "person"]
        blocs = [g for g in groups if right_after(g) and g.entity_id == _BLOC and _resolve(g, ctx)]
        if named or blocs:  # (a bloc word with no bloc named before: the person speaks)
            return named, blocs
    if rules.subject_conjunctions.search(folded, subject, anchor) and any(
            a.end < subject and not folded[a.end : subject - 1].strip()
            and _CAPITALISED_WORDS.fullmatch(folded, opener, a.start) for a in actors):
        return actors, groups  # "When Vietnam, Laos and Cambodia pledged ...": a list, not an introduction
    later = [a for a in actors if a.start >= subject]
    later_groups = [g for g in groups if g.start >= subject]
    if later:
        return later, later_groups
    if later_groups and introduction.group("word").lower() in rules.reporting_openers | rules.topic_openers:
        return [], later_groups  # "According to Lavrov, the ministers agreed ...": the meeting's parties, not Lavrov;
        # "On Myanmar, ..., the leaders called on the military government": the leaders, not Myanmar
    if later_groups and all(g.entity_id == _PERSON for g in later_groups):
        people = [a for a in actors if a.start < subject and ctx.entry_type(a.entity_id) == "person"
                  and _CAPITALISED_WORDS.fullmatch(folded, opener, a.start)]
        if people:  # "When Foreign Minister Lavrov joined ..., he promised": "he" is the introduction's subject
            return people[:1], []
        return [], later_groups  # "After talks with Lavrov, he said": the last person named, not Lavrov
    return actors, groups  # "After Vietnam and Laos signed ..., both sides pledged": the actors it named


def _named_right_after(folded: str, at: int, actor: _Actor) -> bool:
    """Whether an actor is named right after `at`, "the" aside ("on behalf of ASEAN", "for the bloc")."""
    return folded[at : actor.start].strip().lower() in ("", "the")


def _for_their_bloc(speakers: tuple[str, ...], anchor: int, end: int, in_sentence: list[_Actor], folded: str,
                    rules: ActorRules, cue_words: _CueWords, ctx: _Context) -> tuple[str, ...]:
    """The bloc, when its members speak "on behalf of" it after their verb ("Brunei, which holds the ASEAN chair,
    thanked partners on behalf of the grouping": ASEAN thanks them); () otherwise, and when a speaker is no member
    of the bloc the phrase names ("Japan spoke on behalf of ASEAN" is no bloc's voice)."""
    assert rules.behalf is not None
    behalf = rules.behalf.search(folded, anchor, end)
    if behalf is None or any(anchor <= a.start < behalf.start() for a in in_sentence) or \
            _CLAUSE_BETWEEN.search(folded, anchor, behalf.start()):
        return ()  # "Vietnam thanked Brunei for speaking on behalf of ASEAN": Brunei's, not the speaker's
    reach = min(len(folded), behalf.end() + _BEHALF_REACH)
    bloc = next((a.entity_id for a in in_sentence if behalf.end() <= a.start < reach
                 and ctx.entry_type(a.entity_id) == "bloc" and _named_right_after(folded, behalf.end(), a)), "")
    if not bloc:
        words = [g for g in _group_actors(cue_words.groups, behalf.end(), reach, rules)
                 if g.entity_id == _BLOC and _named_right_after(folded, behalf.end(), g)]
        resolved = _resolve(words[0], ctx) if words else ()
        bloc = resolved[0] if len(resolved) == 1 else ""
    if not bloc:
        return ()
    members = set(ctx.index.gazetteer.members_on(bloc, ctx.day))
    countries = {ctx.iso3(s) for s in speakers}
    return (bloc,) if members and countries and all(c in members for c in countries) else ()


def _subject_actors(actors: list[_Actor], begin: int, end: int, ctx: _Context, folded: str, rules: ActorRules,
                    title_only: re.Pattern[str] | None) -> tuple[str, ...]:
    """The actors a statement opens with ("Vietnam and the Philippines raised ..."), only joining words or
    titles between them: its subject, when no cue or anchor verb marks where the subject ends.

    Commas make a list only when a conjunction closes it ("Laos, Cambodia and Vietnam"); otherwise they
    set off an apposition ("Vietnam, the ASEAN chair, hosted"; "Cambodia, China's closest ally, blocked").
    """
    named: list[_Actor] = []
    gaps: list[str] = []  # before each named actor after the first: commas and conjunctions
    position = begin
    for actor in actors:
        if actor.start < begin:
            continue
        gap = folded[position : actor.start]
        joined = rules.subject_joiners.fullmatch(gap) is not None
        if actor.end > end or not (joined or (title_only is not None and named and title_only.fullmatch(gap))):
            break
        if ctx.entry_type(actor.entity_id) in ACTOR_TYPES:
            if named:
                gaps.append(gap if joined else "")
            named.append(actor)
        position = actor.end
    commas = [i for i, gap in enumerate(gaps) if "," in gap]
    if commas and not rules.subject_conjunctions.search(gaps[-1]):
        named = named[: commas[0] + 1]  # an apposition follows the first comma
    return _collapse([a.entity_id for a in named], ctx, named, folded, title_only) if named else ()


@dataclass(frozen=True, slots=True)
class _CueWords:
    """Where the actor rules' cues can start in one article's folded text, found once for all its windows."""

    groups: BankOverText
    anchor_verbs: SetOverText | None
    speech_verbs: SetOverText | None

    @classmethod
    def of(cls, folded: str, rules: ActorRules) -> _CueWords:
        return cls(_group_bank(rules).over(folded),
                   rules.anchor_verbs.over(folded) if rules.anchor_verbs is not None else None,
                   rules.speech_verbs.over(folded) if rules.speech_verbs is not None else None)


def narrator(title: str, index: EntityIndex, people: dict, rules: ActorRules) -> str:
    """The person whose own words the text is, by its title ("Foreign Minister Sergey Lavrov's remarks at
    the Special ASEAN-Russia Foreign Ministers' Meeting": the name opens it, after titles only); "" when the
    title names none so ("China rejects Lavrov's remarks")."""
    folded = normalise_quotes(strip_accents(title))
    by = rules.own_words_by.match(folded) if rules.own_words_by is not None else None
    if rules.own_words is None or ("'s" not in folded and by is None):  # most titles: nothing to look up
        return ""
    for entity_id, start, end in _names_in(index, title):
        entry = index.entry(entity_id) or people.get(entity_id)
        if entry is not None and entry.type == "person":
            if by is not None:  # "Statement by Prime Minister Abe at ...": only titles between "by" and the name
                return entity_id if start >= by.end() and not _LOWER_WORD.search(folded, by.end(), start) else ""
            lead = folded[:start]  # only titles before the name ("China rejects Lavrov's ...": not his)
            if rules.own_words.match(folded, end) and not _LOWER_WORD.search(lead):
                return entity_id
    return ""


_TRANSCRIPT_MIN_TURNS = 3
_BEHALF_REACH = 40  # characters after "on behalf of" where the bloc is named
_CLAUSE_BETWEEN = re.compile(r"\b(?:that|which|who|whom|for|whose)\b")  # another's clause before "on behalf of"


def speaker_turns(text: str, by_start: Sequence[Mention], ctx: _Context) -> list[tuple[int, str]]:
    """A transcript's turns ("SECRETARY BLINKEN: ...", "QUESTION: ...", "Spokesperson Wang Wenbin: ..."): where
    each starts and the person its label names ("" for none: a question, an unknown official). A turn lasts
    until the next label, over its paragraphs."""
    turns: list[tuple[int, str]] = []
    mention_starts = [m.start for m in by_start]
    for label in TURN_LABEL.finditer(text):
        lo, hi = bisect_left(mention_starts, label.start()), bisect_left(mention_starts, label.end())
        person = next((m.entity_id for m in by_start[lo:hi] if ctx.entry_type(m.entity_id) == "person"), "")
        turns.append((label.start(), person or _person_in_capitals(label.group("name").strip(), ctx)))
    # a transcript has turns; a pull quote ("Blinken: We stand with our ally.") in a news story is no turn
    return turns if len(turns) >= _TRANSCRIPT_MIN_TURNS and any(person for _start, person in turns) else []


def _person_in_capitals(label: str, ctx: _Context) -> str:
    """The person a label in capitals names ("SECRETARY BLINKEN": names are looked up as they are written,
    and capitals are no way to write one): looked up in title case."""
    if not label.isupper():
        return ""
    return next((e for e, _start, _end in _names_in(ctx.index, label.title()) if ctx.entry_type(e) == "person"), "")


def _names_in(index: EntityIndex, text: str) -> Iterator[tuple[str, int, int]]:
    """(entity id, start, end) of the gazetteer's names in a short text (a title, a label): the exact names
    first, then the case-insensitive ones; offsets in characters."""
    doc = tokenize(index, text)
    for matcher in (index.exact, index.insensitive):
        for match_id, start, end in matcher(doc):
            yield index.nlp.vocab.strings[match_id], doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


_CHAIR_SENTENCE_MAX_WORDS = 80  # a chair's sentence read to its end that long at most: not a transcript's paragraph


def find_participants(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                      index: EntityIndex, people: dict, rules: ActorRules, *,
                      cue_words: _CueWords | None = None,
                      statements: Sequence[Statement] = ()) -> tuple[str, ...]:
    """The parties of the article's meeting: from the title, else the first sentence naming two or more
    before its anchor verb or its first statement's kind cue ("ASEAN foreign ministers and their Japanese
    counterpart agreed to ..."); an agreement is no party ("China ready to work with ASEAN for early entry into
    force of RCEP": China and ASEAN). (`cue_words`: those of the article's folded text, when the caller has them.)"""
    ctx = _Context(index, people, (), article.text)
    title_only = _title_only_pattern(index)
    if article.title:
        named = [(e, start) for e, start, _end in _names_in(index, article.title)
                 if ctx.entry_type(e) in {"country", "bloc", "person"} and not ctx.is_agreement(e)]
        # "Biden ... vows to stand with bloc on Myanmar", "leaders vow joint front on U.S. tariffs": what the title is
        # about, no party
        named = [(e, start) for e, start in named if not _TOPIC_BEFORE.search(article.title, max(0, start - 12), start)]
        ids = list(dict.fromkeys(e for e, _start in named))
        if len({ctx.iso3(e) or e for e in ids}) >= 2:
            chair_word = rules.chair_words.search(article.title) if rules.chair_words is not None else None
            in_chair = _chair_of(named, chair_word.start(), article.title, index, article.published, ctx,
                                 rules.chair_partner) if chair_word else ""
            return _parties_apart(tuple(ids), index, article.published, chair=in_chair, ctx=ctx)
    folded = normalise_quotes(strip_accents(article.text))
    if cue_words is None:
        cue_words = _CueWords.of(folded, rules)
    by_start = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    kind_cues: dict[str, int] = {}
    for statement in statements:
        if statement.anchor >= 0:
            kind_cues.setdefault(statement.sentence_id, statement.anchor)
    for sentence in sentences[:6]:
        # "X co-chaired the ASEAN-US meeting with Y": the chair's sentence names the parties after its verb too
        chair_word = rules.chair_words.search(folded, sentence.start, sentence.end) \
            if rules.chair_words is not None and len(sentence.text.split()) <= _CHAIR_SENTENCE_MAX_WORDS else None
        anchor = sentence.end if chair_word else \
            _anchor(sentence.start, sentence.end, kind_cues.get(sentence.sentence_id, -1), cue_words.anchor_verbs)
        actors = [a for a in _actors_in(sentence.start, anchor, by_start, starts, ctx)
                  if ctx.entry_type(a.entity_id) in ACTOR_TYPES and not ctx.is_agreement(a.entity_id)]
        collapsed = _collapse([a.entity_id for a in actors], ctx, actors, folded, title_only)
        countries = {ctx.iso3(e) or e for e in collapsed}
        if len(countries) >= 2:
            in_chair = _chair_of([(a.entity_id, a.start) for a in actors], chair_word.start(), folded, index,
                                 article.published, ctx, rules.chair_partner) if chair_word else ""
            return _parties_apart(collapsed, index, article.published, chair=in_chair, ctx=ctx)
    return _own_meeting(article.title, sentences[:6], by_start, starts, ctx)


def _member_folded(parties: tuple[str, ...], ctx: _Context) -> tuple[str, ...]:
    """The bloc alone when the parties are a bloc and one of its own members ("Indonesia, as Chair of the 56th ASEAN
    Foreign Ministers' Meeting": the member hosts the bloc's meeting, it meets no one); two members beside their
    bloc stay (two leaders meeting on a summit's sidelines)."""
    blocs = _blocs_among(parties, ctx)
    if len(parties) != 2 or len(blocs) != 1:
        return parties
    other = next(p for p in parties if p != blocs[0])
    return (blocs[0],) if ctx.iso3(other) in ctx.index.gazetteer.members_on(blocs[0], ctx.day) else parties


def _own_meeting(title: str, lead: Sequence[Sentence], by_start: list[Mention], starts: list[int],
                 ctx: _Context) -> tuple[str, ...]:
    """The bloc whose own meeting the article reports, when its title and lead name no two parties but one bloc,
    as itself or inside a forum's name, and besides it only its members, their people and places ("ASEAN's energy
    ministers used their annual meeting ...", "Indonesia as Chair of the 56th ASEAN Foreign Ministers' Meeting"): its
    ministers are the meeting's parties. () when anyone else is named there (the UN's chief at an ASEAN summit, "the
    ASEAN-New Zealand ministerial": a partner of the bloc speaks too)."""
    named = [e for e, _start, _end in _names_in(ctx.index, title)] if title else []
    if lead:
        named += [m.entity_id for m in by_start[bisect_left(starts, lead[0].start) : bisect_left(starts, lead[-1].end)]]
    blocs = {bloc for e in named
             for bloc in ((e,) if ctx.entry_type(e) == "bloc" else contained_entities(ctx.index, e)
                          if ctx.entry_type(e) == "forum" else ())
             if ctx.entry_type(bloc) == "bloc"}
    if len(blocs) != 1:
        return ()
    members = set(ctx.index.gazetteer.members_on(next(iter(blocs)), ctx.day))
    for e in named:
        kind = ctx.entry_type(e)
        if (kind in {"country", "person"} and ctx.iso3(e) and ctx.iso3(e) not in members) or \
                (kind in {"organisation", "fund"} and not blocs & set(contained_entities(ctx.index, e))):
            return ()
    return tuple(blocs)


def _chair_of(named: Sequence[tuple[str, int]], chair_at: int, text: str, index: EntityIndex, day: str,
              ctx: _Context, partner: re.Pattern[str] | None) -> str:
    """The ISO3 of the country in the chair of its bloc's meeting: the one member of a bloc named among the parties
    that is named before the chair's word ("Singapore's Balakrishnan co-chaired the ASEAN-US meeting"), or with none
    before it, the one named after it and after a word of `partner` (`chair_partner_words`: "Jaishankar
    co-chaired the ASEAN-India meeting with his Singaporean counterpart", "the meeting chaired by Vietnam"); ""
    when two are ("Vietnam, Indonesia leaders meet at ASEAN summit hosted by Brunei": no one of them chairs)."""
    def acting(entity_id: str) -> str:  # a person counts for whom they act: Borrell for the EU
        entry = index.entry(entity_id) or ctx.people.get(entity_id)
        return (entry.acting_for(day) or entity_id) if entry is not None and entry.type == "person" else entity_id

    blocs = {acting(e) for e, _start in named if ctx.entry_type(acting(e)) == "bloc"}
    members = {iso3 for bloc in blocs for iso3 in index.gazetteer.members_on(bloc, day)}
    in_bloc = [(ctx.iso3(acting(e)), start) for e, start in named if acting(e) not in blocs and ctx.iso3(acting(e))
               in members]
    before = {iso3 for iso3, start in in_bloc if start < chair_at}
    named_with = {iso3 for iso3, start in in_bloc if start > chair_at and partner is not None
                  and partner.search(text, chair_at, start)}
    chairs = before or named_with
    return chairs.pop() if len(chairs) == 1 else ""


def _parties_apart(parties: tuple[str, ...], index: EntityIndex, day: str, *, chair: str = "",
                   ctx: _Context | None = None) -> tuple[str, ...]:
    """The parties with a bloc that holds another party bloc made into its other members: an ASEAN Plus Three
    meeting's parties are ASEAN, China, Japan and Korea, not ASEAN and ASEAN Plus Three. A bloc beside one of
    its member countries stays itself, and so does the country ("Indonesia ... ASEAN-US meeting": Indonesia,
    ASEAN, the US; folding the country into the bloc made two leaders meeting on a summit's sidelines the
    bloc), but for the member in the chair (`chair`, its ISO3; see _chair_of): "Singapore's Balakrishnan
    co-chaired the ASEAN-US meeting with Pompeo" is a meeting of ASEAN and the US, Singapore in the chair
    for ASEAN (a person counts by their country, `ctx`), unless fewer than two parties would be left. A bloc and
    one of its own members alone are the bloc's meeting (see _member_folded)."""
    gazetteer = index.gazetteer
    blocs = {p: set(gazetteer.members_on(p, day)) for p in parties
             if (entry := index.entry(p)) is not None and entry.type == "bloc"}
    if chair and ctx is not None:
        rest = tuple(p for p in parties if p in blocs or ctx.iso3(p) != chair)
        parties = rest if len({ctx.iso3(p) or p for p in rest}) >= 2 else parties
    out: list[str] = []
    for party in parties:
        held = [members for other, members in blocs.items() if other != party and members
                and party in blocs and members < blocs[party]]
        if party in blocs and not held and _core_bloc(party, blocs[party], index, day):
            out += _bloc_as_parties(party, blocs[party], index, day)  # "ASEAN Plus Three" alone beside Korea:
            continue  # ASEAN, China, Japan and Korea
        if held:
            covered = set().union(*held)
            out += [f"country:{iso3}" for iso3 in gazetteer.members_on(party, day) if iso3 not in covered]
        else:
            out.append(party)
    found = tuple(dict.fromkeys(out))
    return _member_folded(found, ctx) if ctx is not None else found


def _bloc_as_parties(bloc: str, members: set[str], index: EntityIndex, day: str) -> list[str]:
    """A bloc as its core bloc and its other members, the core in turn as its own (the RCEP: the ASEAN Plus Three,
    Australia and New Zealand, so ASEAN, China, Japan, Korea, Australia and New Zealand); the bloc itself when it
    has no core."""
    core = _core_bloc(bloc, members, index, day)
    if not core:
        return [bloc]
    inside = set(index.gazetteer.members_on(core, day))
    return [*_bloc_as_parties(core, inside, index, day),
            *(f"country:{iso3}" for iso3 in index.gazetteer.members_on(bloc, day) if iso3 not in inside)]


def _core_bloc(bloc: str, members: set[str], index: EntityIndex, day: str) -> str:
    """The bloc `bloc` meets as, with its other members (blocs.toml's `core`: ASEAN for the ASEAN Plus Three, the
    ASEAN Plus Three for the RCEP), when its members on `day` are some of `members`; "" when none."""
    entry = index.entry(bloc)
    if entry is None or not entry.core:
        return ""
    inside = set(index.gazetteer.members_on(entry.core, day))
    return entry.core if inside and inside < members else ""


def _anchor(start: int, end: int, cue_anchor: int, anchor_verbs: SetOverText | None) -> int:
    """Where the speaker's part of the sentence ends: the first anchor verb or the kind cue. A verb in the passive
    ("The Fund, established by ASEAN Leaders in 2020, has ...") ends no one's part: the next one does ("The
    ministers met by video conference" is no passive)."""
    candidates = [cue_anchor] if start <= cue_anchor < end else []
    if anchor_verbs is not None:
        match = anchor_verbs.search(start, end)
        while match is not None and _BY_AGENT.match(match.string, match.end()) and \
                _BEFORE_PARTICIPLE.search(match.string, max(0, match.start() - 12), match.start()):
            match = anchor_verbs.search(match.end(), end)
        if match:
            candidates.append(match.start())
    return min(candidates) if candidates else start


_BY_AGENT = re.compile(r"\s+by\b", re.IGNORECASE)  # a participle's agent: "established by", "chaired by"
_BEFORE_PARTICIPLE = re.compile(r",\s*$")  # a participle set off by a comma ("was", "is" are anchors themselves)


_LONGEST_VERB = 40  # characters a reporting verb may take
_REPORTED_OPENING = re.compile(r"\s+(?:that\s+)?(?:the\s+)?")  # "said (that) (the) <subject>"


_REPORTERS = frozenset({"person", "organisation"})  # who may report another's commitment ("the institute said
# Russia would supply ...": Russia commits through it), when of no known country


def _reporting_verb_end(anchor: int, end: int, folded: str, rules: ActorRules) -> int:
    """Where the reporting verb standing at `anchor` ends ("said", "added"); -1 when none stands there."""
    assert rules.reporting_verbs is not None
    verb = rules.reporting_verbs.search(folded, anchor, min(end, anchor + _LONGEST_VERB))
    return verb.end() if verb is not None and verb.start() == anchor else -1


def _joined_run(actors: list[_Actor], folded: str, ctx: _Context) -> list[_Actor]:
    """The first actor and those joined to it in a row ("Russia and ASEAN", "China, Japan and Korea")."""
    run = actors[:1]
    for actor in actors[1:]:
        if ctx.joiners is None or ctx.joiners.fullmatch(folded, run[-1].end, actor.start) is None:
            break
        run.append(actor)
    return run


def _reported_subject(anchor: int, end: int, by_start: list[Mention], starts: list[int], ctx: _Context,
                      folded: str, rules: ActorRules) -> tuple[str, ...]:
    """The countries and blocs that open the speech a person or an organisation of no known country reports
    ("Deputy PM Tran Luu Quang said Vietnam would share ...": Vietnam commits through him; "the Gamaleya
    Research Institute said Russia would supply ...": Russia; "said China and Japan would send":
    both); () when the speech opens otherwise, with a nationality ("said Vietnamese experts") or with a
    recipient ("said Laos would receive")."""
    verb_end = _reporting_verb_end(anchor, end, folded, rules)
    if verb_end < 0:
        return ()
    actors = _actors_in(verb_end, end, by_start, starts, ctx)
    if not actors or not _REPORTED_OPENING.fullmatch(folded, verb_end, actors[0].start):
        return ()  # "said (that) (the) <subject>": a mention may start at "the" or after it
    subject = _joined_run(actors, folded, ctx)
    if any(ctx.entry_type(a.entity_id) not in {"country", "bloc"} or
           strip_accents(ctx.text[a.start : a.end]).lower() in ctx.index.demonym_to_iso3 for a in subject):
        return ()
    after = subject[-1].end
    if rules.recipient_verbs is not None and rules.recipient_verbs.search(folded[after : after + 40]):
        return ()
    return tuple(a.entity_id for a in subject)


def _own_bloc_reported(speakers: tuple[str, ...], anchor: int, end: int, by_start: list[Mention], starts: list[int],
                       ctx: _Context, folded: str, rules: ActorRules) -> tuple[str, ...]:
    """The bloc a member's minister reports the view of ("Saleumxay said ASEAN highly appreciated China's
    efforts", "Balakrishnan said ASEAN remained deeply concerned"): the bloc speaks, through its member. Else
    the speakers as they are ("Lavrov said Russia was ready": Russia speaks through Lavrov already)."""
    reported = _reported_subject(anchor, end, by_start, starts, ctx, folded, rules)
    if len(reported) != 1 or ctx.entry_type(reported[0]) != "bloc":
        return speakers
    members = set(ctx.index.gazetteer.members_on(reported[0], ctx.day))
    return reported if all(ctx.iso3(s) in members for s in speakers) else speakers


_REPORTED_SPEECH = re.compile(r"[\s,]+(?:(?:[\w'-]+[\s,]+){0,6}?that\s+)?")  # "said (on Tuesday) (that) "
_REPORTED_NAMES = re.compile(_REPORTED_SPEECH.pattern + r"(?:the\s+)?")  # a mention may start at "the" or after it


def _reported_parties(anchor: int, end: int, by_start: list[Mention], starts: list[int], groups: BankOverText,
                      ctx: _Context, folded: str, rules: ActorRules) -> tuple[str, ...]:
    """The parties whose joint act a speaker reports: "Lavrov said the ministers agreed to ...", "Retno said on
    Tuesday that both sides had agreed" (the meeting's parties), "Mahuta said New Zealand and ASEAN had agreed"
    (both, before a joint verb): they speak, not the reporter alone; () when the speech opens otherwise."""
    verb_end = _reporting_verb_end(anchor, end, folded, rules)
    if verb_end < 0:
        return ()
    group = next((g for g in _group_actors(groups, verb_end, end, rules) if g.entity_id in (_PARTICIPANTS, _PAIR)),
                 None)
    named = _actors_in(verb_end, end, by_start, starts, ctx)
    if group is not None and (not named or named[0].start >= group.end) and \
            _REPORTED_SPEECH.fullmatch(folded, verb_end, group.start) and not folded.startswith("'", group.end):
        return _resolve(group, ctx)
    if len(named) < 2 or ctx.joint_after_we is None or \
            not _REPORTED_NAMES.fullmatch(folded, verb_end, named[0].start):
        return ()
    subject = _joined_run(named, folded, ctx)
    if len(subject) < 2 or any(ctx.entry_type(a.entity_id) not in {"country", "bloc"} for a in subject) or \
            not ctx.joint_after_we.match(folded, subject[-1].end):
        return ()
    return tuple(dict.fromkeys(a.entity_id for a in subject))


_TRAILING_BREAK = re.compile(r",\s")  # where a trailing attribution starts: "..., Minh said."
_TRAILING_MAX_WORDS = 8  # words after its verb: ", Minh told reporters in Hanoi on Monday."


@dataclass(frozen=True, slots=True)
class _Trailing:
    """What a speech verb after a statement's words makes of it (_trailing_speakers)."""

    speakers: tuple[str, ...]
    also_targets: tuple[str, ...]  # the subject, when it is called on or receives
    said: tuple[str, ...]  # whoever the verb names: never a target


def _speaks_through_others(speakers: Sequence[str], ctx: _Context) -> bool:
    """Whether the speakers are people or organisations of no known country: a commitment they report is the
    country's or bloc's that it names ("Deputy PM Tran Luu Quang said Vietnam would ...")."""
    return all(ctx.entry_type(s) in _REPORTERS and not ctx.iso3(s) for s in speakers)


def _trailing_speakers(statement: Statement, anchor: int, sentence: Sentence, in_sentence: list[_Actor],
                       before: list[_Actor], subject: tuple[str, ...], ctx: _Context, folded: str, rules: ActorRules,
                       speech_verbs: SetOverText) -> _Trailing | None:
    """The statement's actors when a speech verb after a comma ends it and names a speaker ("..., Minh
    said."); None when no such verb does.

    The `subject` (the actors `before` the cue) still makes a commitment or a support that the speaker
    reports ("China will provide doses to Cambodia, Hun Sen said": China's, Hun Sen no target), together with
    a speaker of no known country ("..., Deputy Minister Tran Van Tuan said"); an appeal, a report or a
    concern is the speaker's, and an appeal calls on the subject ("Japan should help Laos, Minh said"); a
    subject that receives is a target ("Vietnam will receive doses from the U.S., Harris announced")."""
    end = min(statement.end, sentence.end)
    commas = [m.start() for m in _TRAILING_BREAK.finditer(folded, max(anchor, statement.anchor), end)]
    if not commas:
        return None
    verb = next(speech_verbs.finditer(commas[-1], end), None)
    if verb is None or _LOWER_WORD.search(folded, commas[-1] + 1, verb.start()):
        return None  # "..., while Kenya noted that ...": a clause of its own, not an attribution
    rest = folded[verb.end() : end].split()
    if len(rest) > _TRAILING_MAX_WORDS or "that" in rest:
        return None
    first = bisect_right([a.start for a in in_sentence], commas[-1])
    actors = [a for a in in_sentence[first:] if a.end <= end and ctx.entry_type(a.entity_id) in ACTOR_TYPES]
    said = _speakers_of_verb(actors, verb.start(), verb.end(), ctx, folded)
    if not said or set(said) & set(subject):
        return None
    subject_end = max((a.end for a in before if a.entity_id in subject), default=-1)
    receives = subject_end >= 0 and rules.recipient_verbs is not None and \
        rules.recipient_verbs.search(folded[subject_end : subject_end + 40]) is not None
    if statement.kind in rules.reported_kinds and not receives:
        if _speaks_through_others(said, ctx):
            return _Trailing(said + tuple(s for s in subject if ctx.entry_type(s) in {"country", "bloc"}), (), said)
        return _Trailing(subject, (), said)
    if statement.kind in rules.kinds_without_targets or statement.kind in rules.subject_not_target_kinds:
        return _Trailing(said, (), said)  # "Laos has recorded no new cases, Minh said": what a report is about
    speaking = {ctx.iso3(s) for s in said} - {""}
    return _Trailing(said, tuple(s for s in subject if ctx.iso3(s) not in speaking), said)


def _continued_speaker(statement: Statement, sentence: Sentence, in_sentence: list[_Actor], ctx: _Context,
                       folded: str, rules: ActorRules) -> tuple[str, ...]:
    """Whoever a speech verb names before ", adding that" when the statement's cue follows it ("Cooperation
    has withstood the test, Wang said, adding that the Chinese side will share ...": Wang's); () otherwise."""
    assert rules.continuations is not None
    found = list(rules.continuations.finditer(folded, max(sentence.start, statement.start), statement.anchor))
    if not found or rules.reporting_verbs is None:
        return ()  # (a statement that starts after ", adding" has a subject of its own)
    continuation = found[-1].start()  # the last one before the cue
    verbs = list(rules.reporting_verbs.finditer(folded, max(sentence.start, continuation - _SAID_BEFORE_CHARS),
                                                continuation))
    if not verbs:
        return ()
    verb = verbs[-1]  # the verb just before ", adding"; not "told", whose object is the one told
    actors = [a for a in in_sentence if a.end <= continuation and ctx.entry_type(a.entity_id) in ACTOR_TYPES]
    return _speakers_of_verb(actors, verb.start(), verb.end(), ctx, folded)


_SAID_BEFORE_CHARS = 60  # ", Foreign Minister Wang Yi said, adding": the speech verb and its speaker, just before
_SAID_GAP_CHARS = 25  # "Wang Yi, Chinese foreign minister, said": at most this between a speaker and the verb


_WORD_AFTER = re.compile(r"\S+")
_CONCERN = "concern"
_OWNED_TYPES = frozenset({"fund", "organisation"})  # entities that stand for the countries or blocs in their names
_UNQUOTED_TARGET_WORDS = 15  # how far targets are read after the cue in text stripped of its punctuation
_UNQUOTED_LINE_WORDS = 40  # a line this short in such text is one sentence: its targets are read to its end


_ADDRESSEE_GAP_WORDS = 4  # "urged", "called on the", "proposed that the" before whom an appeal addresses
# "China, Japan and the Republic of Korea", "the US as well as China"
_ADDRESSEES_JOINED = re.compile(r"\s*(?:,|and|&|or|,\s*and|as well as|along with|together with)\s*(?:the\s+)?")
_NOT_ADDRESSED = re.compile(r"\bfor\b")  # "called for ASEAN unity": a call for something, not on someone


_CREDITED = re.compile(r"'s\b|\s+for\b")  # "welcomed Canada's support", "thanked China for the vaccines"


def _credited(actors: list[_Actor], cue: int, folded: str) -> list[_Actor]:
    """Whose deed a welcome or a thanks is for, when named right after its cue as its owner ("welcomed Canada's
    support for ASEAN's digital agenda", "thanked China for the vaccines it gave ASEAN countries": Canada,
    China), and the actors joined to them; all the actors otherwise ("welcomed the ASEAN-Canada partnership")."""
    if not _named_after_cue(actors[0], cue, folded):
        return actors
    credited = _joined_to_first(actors, folded)
    return credited if _CREDITED.match(folded, credited[-1].end) else actors


def _named_after_cue(actor: _Actor, cue: int, folded: str) -> bool:
    """Whether an actor is named right after a statement's cue, a few words on ("urged the", "welcomed")."""
    return actor.start >= cue and len(folded[cue : actor.start].split()) <= _ADDRESSEE_GAP_WORDS


def _joined_to_first(actors: list[_Actor], folded: str) -> list[_Actor]:
    """The first actor and those joined to it by a list's words ("China, Japan and the Republic of Korea")."""
    joined = [actors[0]]
    for actor in actors[1:]:
        if not _ADDRESSEES_JOINED.fullmatch(folded[joined[-1].end : actor.start]):
            break
        joined.append(actor)
    return joined


def _unquoted_target_stop(folded: str, cue: int, stop: int) -> int:
    """Where a statement's targets end in text stripped of its punctuation: at its line's end when the line is
    short enough to be a sentence (a sentence a line: "... as well as help enhance medical capacity of ASEAN
    member countries"); on a longer line, which runs on, `_UNQUOTED_TARGET_WORDS` words after the cue at most.
    (A line that runs on is split at its sentences' openers: sentences.py's run_on_openers.)"""
    line_start = folded.rfind("\n", 0, cue) + 1
    line_end = folded.find("\n", cue)
    line_end = len(folded) if line_end < 0 else line_end
    if next(islice(_WORD_AFTER.finditer(folded, line_start, line_end), _UNQUOTED_LINE_WORDS, None), None) is None:
        return min(stop, line_end)
    after_cue = _WORD_AFTER.finditer(folded, cue, stop)
    return next(islice((m.start() for m in after_cue), _UNQUOTED_TARGET_WORDS, None), stop)


def _addressees(actors: list[_Actor], cue: int, folded: str) -> list[_Actor]:
    """Whom an appeal addresses, when named right after its cue, and the actors joined to them ("urged the
    United States to invest more in Southeast Asia": the US, not ASEAN); all the actors when the cue names
    no one right after it, calls for something ("called for ASEAN unity") or names someone's ("urged ASEAN's
    chair Cambodia")."""
    first = actors[0]
    if not _named_after_cue(first, cue, folded) or _NOT_ADDRESSED.search(folded[cue : first.start]) or \
            folded.startswith("'s", first.end):
        return actors
    return _joined_to_first(actors, folded)


def _targets(statement: Statement, anchor: int, by_start: list[Mention], starts: list[int], ctx: _Context,
             folded: str, rules: ActorRules, speakers: tuple[str, ...],
             blocs: tuple[list[_Actor], list[int]] = ([], [])) -> tuple[str, ...]:
    """The actors a statement names after its cue, up to a clause boundary; a group word for a bloc among
    them ("vaccines to Southeast Asian countries") stands for the bloc (`blocs`: the article's group words
    for blocs, and their starts)."""
    if statement.kind in rules.kinds_without_targets or (
            statement.kind in rules.subject_not_target_kinds and statement.categories
            and set(statement.categories) <= rules.untargeted_categories):
        return ()  # "Vietnam has confirmed 300 cases, Malaysia 5,000": a situation report is aimed at no one
    stop = statement.end
    cue = max(anchor, statement.anchor)  # the kind's cue (the anchor may be a speech verb before it)
    if ctx.unquoted:  # text stripped of its punctuation: the statement may run on into the next sentences
        stop = _unquoted_target_stop(folded, cue, stop)
    if rules.target_stops is not None:
        first = rules.target_stops.first(folded, anchor + 1, stop)
        if first is not None:
            stop = first
    speaker_countries = {ctx.iso3(s) for s in speakers} - {""}
    out: list[str] = []
    excluded: set[str] = set()
    excluded_end = -1
    actors = _actors_in(anchor, stop, by_start, starts, ctx)
    words, word_starts = blocs
    if words and (first := bisect_left(word_starts, anchor)) < len(words) and words[first].start < stop:
        actor_starts = [a.start for a in actors]
        named = [_Actor(g.start, g.end, bloc) for g in words[first : bisect_left(word_starts, stop)]
                 if g.end <= stop and _apart_from(g, actors, actor_starts)
                 and (g.entity_id != _REGION or statement.kind in rules.region_target_kinds)
                 for bloc in (_region_of(_resolve(g, ctx), speakers, speaker_countries, ctx)
                              if g.entity_id == _REGION else _resolve(g, ctx))]
        actors = sorted(actors + named, key=lambda a: a.start) if named else actors
    if statement.kind in rules.addressee_kinds and actors:
        actors = _addressees(actors, cue, folded)
    elif statement.kind in rules.credited_kinds and actors:
        actors = _credited(actors, cue, folded)
    for actor in actors:
        circumstance = rules.not_target_after is not None and rules.not_target_after.search(
            folded[max(statement.start, actor.start - 40) : actor.start]
        )
        apposition = excluded_end >= 0 and re.fullmatch(r"[\s(),]*", folded[excluded_end : actor.start])
        if circumstance or apposition or actor.entity_id in excluded or _in_instrument(actor, folded, rules) \
                or ctx.is_agreement(actor.entity_id) or _says_next(actor, folded, rules):
            # "welcomed the signing of the RCEP": aimed at no one; "... nationals Marsudi said": she says it
            excluded.add(actor.entity_id)
            excluded_end = actor.end
            continue
        kind = ctx.entry_type(actor.entity_id)
        if kind == "organisation" and rules.venue_before is not None and \
                statement.kind not in rules.venue_aimed_kinds and \
                rules.venue_before.search(folded, max(0, actor.start - 12), actor.start):
            continue  # "close coordination at the UN": where, not whom ("disappointment at the WTO" is at whom)
        # a fund, or an organisation with a country or bloc in its name ("ASEAN Centre for Public Health
        # Emergencies"), aims at them: what helps the ASEAN centre helps ASEAN
        owners = contained_entities(ctx.index, actor.entity_id) if kind in _OWNED_TYPES else ()
        candidates = owners if owners or kind == "fund" else (actor.entity_id,)
        aimed = []
        for entity_id in candidates:
            if entity_id in speakers or ctx.iso3(entity_id) in speaker_countries:
                continue
            if (owners or statement.kind == _CONCERN) and \
                    speaker_countries & set(ctx.index.gazetteer.members_on(entity_id)):
                continue  # a member supporting its own bloc's fund or centre, or concerned, does not aim at it
            aimed.append(entity_id)
        if owners and not aimed and kind != "fund" and statement.kind in rules.addressee_kinds:
            aimed = [actor.entity_id]  # "The Philippines urged the ASEAN Secretariat to ...": the secretariat
        out += aimed
    if not out and not excluded and statement.kind in rules.implied_target_kinds:
        return _bloc_met(speakers, ctx)  # ("vaccines to countries outside the region": aimed away from the bloc)
    return tuple(dict.fromkeys(out))


def _says_next(actor: _Actor, folded: str, rules: ActorRules) -> bool:
    """Whether a speech verb follows an actor's name right away: "... of each others nationals Marsudi said" (a
    trailing attribution in text stripped of its commas), "the aid, which Tokyo said would ...": the subject of
    the verb, not whom the statement aims at."""
    at = after_spaces(folded, actor.end)
    if at == actor.end or rules.speech_verbs is None:
        return False
    verb = rules.speech_verbs.search(folded, at, at + _LONGEST_VERB)
    return verb is not None and verb.start() == at


def _in_instrument(actor: _Actor, folded: str, rules: ActorRules) -> bool:
    """Whether an actor is named as part of a legal instrument ("the UN Charter", "the Charter of the United
    Nations", "the UN Convention on the Law of the Sea"): the law is invoked, the body is no target."""
    return (rules.instrument_after is not None and rules.instrument_after.match(folded, actor.end) is not None) or \
        (rules.instrument_before is not None and
         rules.instrument_before.search(folded, max(0, actor.start - 30), actor.start) is not None)


def _bloc_met(speakers: tuple[str, ...], ctx: _Context) -> tuple[str, ...]:
    """The bloc a partner meets, as whom the partner's commitment naming no one serves ("China was ready to share
    its experience" at the ASEAN-China meeting: ASEAN): the bloc of a meeting of two parties, when the speaker is
    the other, no member of the bloc; () otherwise."""
    blocs = _blocs_among(ctx.participants, ctx)
    if len(blocs) != 1 or len(ctx.participants) != 2 or not speakers:
        return ()  # not at a summit of the bloc and several partners (ASEAN Plus Three: whom Japan's offer serves)
    members = set(ctx.index.gazetteer.members_on(blocs[0], ctx.day))
    partners = {ctx.iso3(p) or p for p in ctx.participants if p != blocs[0]}
    said = {ctx.iso3(s) or s for s in speakers}
    return tuple(blocs) if said <= partners and not said & members and blocs[0] not in speakers else ()


def _region_of(blocs: tuple[str, ...], speakers: tuple[str, ...], speaker_countries: set[str],
               ctx: _Context) -> tuple[str, ...]:
    """The bloc "the region" stands for in a statement: of the meeting's blocs that do not speak, the first that
    counts no speaking country among its members ("The EU and ASEAN met ... Germany would help the region":
    ASEAN), else the first ("Thailand would be a reliable source of food for the region": ASEAN)."""
    silent = [bloc for bloc in blocs if bloc not in speakers]
    apart = [bloc for bloc in silent if not speaker_countries & set(ctx.index.gazetteer.members_on(bloc))]
    return tuple((apart or silent)[:1])


def attribute_actors(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    statements: Sequence[Statement],
    index: EntityIndex,
    people: dict,
    rules: ActorRules,
) -> list[Statement]:
    """The statements with speakers and targets filled in."""
    folded = normalise_quotes(strip_accents(article.text))
    cue_words = _CueWords.of(folded, rules)
    participants = find_participants(article, sentences, mentions, index, people, rules, cue_words=cue_words,
                                     statements=statements)
    ctx = _Context(index, people, participants, article.text, article.published)
    ctx.named = {m.entity_id for m in mentions}
    bloc_groups = _bloc_actors(folded, rules)
    bloc_words = (bloc_groups, [g.start for g in bloc_groups])  # looked up by each statement's targets
    by_start = sorted(mentions, key=lambda m: m.start)
    title_narrator = narrator(article.title, index, people, rules)
    turns = speaker_turns(article.text, by_start, ctx)
    turn_starts = [start for start, _person in turns]
    ctx.joiners, ctx.conjunctions, ctx.aside = rules.subject_joiners, rules.subject_conjunctions, rules.aside
    ctx.joint_after_we, ctx.national_title = rules.joint_after_we, rules.national_title
    title_only = _title_only_pattern(index)
    starts = [m.start for m in by_start]
    body_start = _after_dateline(folded, sentences[0].start) if article.dateline and sentences else -1
    opens = by_start and sentences and by_start[0].start == sentences[0].start and \
        (entry := index.entry(by_start[0].entity_id)) is not None and entry.name == article.dateline
    dateline_end = body_start if opens else -1  # the dateline's place opens the text ("SINGAPORE -- ASEAN ...")
    quotes = _Quotations.of(folded)
    ctx.unquoted = not quotes.spans and is_unpunctuated(folded) and _QUOTE_MARK.search(folded) is None
    declaration = bool(participants) and rules.declaration_opener is not None and \
        rules.declaration_opener.search(folded) is not None
    lead_speakers: dict[int, tuple[str, ...]] = {}  # a list's lead-in ("The ministers agreed to:") -> its speakers
    declared_people = declaration and any(ctx.entry_type(p) == "person" for p in participants)
    statements_at: dict[str, list[Statement | None]] = {}
    for st in statements:
        statements_at.setdefault(st.sentence_id, []).append(st)
    out: list[Statement] = []
    for sentence in sentences:
        in_sentence = _actors_in(sentence.start, sentence.end, by_start, starts, ctx)
        turn = bisect_right(turn_starts, sentence.start) - 1  # a transcript's turn: "we" is its speaker's side
        ctx.narrator = turns[turn][1] if turn >= 0 else title_narrator
        named: tuple[str, ...] = ()
        for statement in statements_at.get(sentence.sentence_id) or [None]:
            begin, end = (statement.start, statement.end) if statement else (sentence.start, sentence.end)
            anchor = _anchor(begin, end, statement.anchor if statement else -1, cue_words.anchor_verbs)
            if statement is None and anchor == begin and not _may_name_person(sentence, in_sentence, ctx,
                                                                               declared_people):
                break  # a sentence that states nothing matters only for whom a later "he" is: this one names no one
            if sentence.start <= begin and anchor <= sentence.end:  # the sentence's actors, not looked up again
                actors = [a for a in in_sentence if begin <= a.start < anchor and a.end <= anchor]
            else:
                actors = _actors_in(begin, anchor, by_start, starts, ctx)
            if begin < dateline_end:  # "SINGAPORE -- ...": the dateline's place is no actor
                actors = [a for a in actors if a.start >= dateline_end]
            groups = _group_actors(cue_words.groups, begin, anchor, rules)
            if rules.introductions is not None and (actors or groups):
                actors, groups = _after_introduction(actors, groups, folded, begin, anchor, body_start, rules, ctx)
            quoted: tuple[str, ...] = ()
            we = [g for g in groups if g.entity_id == _QUOTED] if groups else []
            in_quote = [a for a in actors if quotes.holding(a.start) is not None] if quotes.spans else []
            said: tuple[str, ...] = ()
            # '"Vaccine nationalism will only prolong the pandemic," she said': no actor before the cue, in a quote
            quoted_cue = bool(quotes.spans) and statement is not None and not actors and not we \
                and quotes.holding(anchor) is not None
            if cue_words.speech_verbs is not None and (we or in_quote or quoted_cue):
                # '"We ...," Lavrov said', '"The Philippines and Vietnam ...," Locsin told': whoever is next to
                # the speech verb across a quote mark, "he" or "the minister" the last person named
                said_by = [a for a in in_sentence if quotes.holding(a.start) is None] + [
                    _Actor(g.start, g.end, ctx.person_called(g.start, g.end)) for g in _group_actors(
                        cue_words.groups, sentence.start, sentence.end, rules)
                    if g.entity_id == _PERSON and ctx.last_person and quotes.holding(g.start) is None]
                said = _speech_verb_speakers(said_by, sentence.start, sentence.end, ctx, folded,
                                             cue_words.speech_verbs,
                                             quoted_from=(we or in_quote)[0].start if we or in_quote else anchor)
                if we:
                    quoted = said or _quote_speaker(we[0].start, quotes, sentences, by_start, starts, ctx, folded,
                                                    cue_words.speech_verbs)
            speakers = (said if in_quote or quoted_cue else ()) or _speakers_from(actors, groups, ctx, folded,
                                                                                title_only, quoted, anchor)
            lead = lead_speakers.get(statement.lead_in, ()) if statement is not None and statement.lead_in >= 0 else ()
            if lead:  # an item without a subject of its own (see statements.list_items): its lead-in's speakers
                speakers = lead  # ("The ministers welcomed the following:" / "- China's donation of doses;")
            elif not speakers and declaration and not actors and not groups and _opens_line(folded, begin, anchor):
                speakers = participants  # "WELCOMING the establishment of the Fund" in a declaration
            trailing = None
            if statement is not None and speakers and not in_quote and cue_words.speech_verbs is not None:
                trailing = _trailing_speakers(statement, anchor, sentence, in_sentence, actors, speakers, ctx, folded,
                                              rules, cue_words.speech_verbs)
                speakers = trailing.speakers if trailing else speakers
            # "A Southeast Asian diplomat said China would ...": no one named speaks; not the last speaker
            # (in text stripped of its punctuation the words may open another sentence run into this one)
            unnamed = not speakers and not ctx.unquoted and any(g.entity_id == _UNNAMED for g in groups)
            if not speakers and anchor == begin:
                opening = body_start if begin == sentence.start == sentences[0].start else begin
                speakers = _subject_actors(in_sentence, max(begin, opening), end, ctx, folded, rules, title_only)
            if (not speakers or all(map(ctx.is_agreement, speakers))) and not unnamed and \
                    cue_words.speech_verbs is not None:  # a pact speaks for no one: "Noting that the RCEP is
                speakers = _speech_verb_speakers(in_sentence, sentence.start, sentence.end, ctx, folded,  # expected
                                                 cue_words.speech_verbs)  # to be signed soon, Li said ...": Li
            if statement is not None and rules.continuations is not None and statement.anchor > begin:
                speakers = _continued_speaker(statement, sentence, in_sentence, ctx, folded, rules) or speakers
            if speakers and rules.behalf is not None and statement is not None:
                speakers = _for_their_bloc(speakers, anchor, end, in_sentence, folded, rules, cue_words, ctx) \
                    or speakers
            named = speakers  # not the fallback below: "he" in the next sentence is still the last one named
            if not speakers and not unnamed:
                speakers = ctx.last_speakers or participants
            parties = _reported_parties(anchor, end, by_start, starts, cue_words.groups, ctx, folded, rules) \
                if statement is not None and rules.reporting_verbs is not None and not in_quote else ()
            if parties:
                speakers = parties
            elif statement is not None and rules.reporting_verbs is not None and \
                    statement.kind in rules.reported_kinds and (unnamed or speakers) and \
                    _speaks_through_others(speakers, ctx):
                speakers += _reported_subject(anchor, end, by_start, starts, ctx, folded, rules)
            elif statement is not None and rules.reporting_verbs is not None and speakers and \
                    statement.kind not in rules.addressee_kinds:  # "Retno said ASEAN must press the junta": hers
                speakers = _own_bloc_reported(speakers, anchor, end, by_start, starts, ctx, folded, rules)
            if statement is not None:
                targets = _targets(statement, anchor, by_start, starts, ctx, folded, rules, speakers, bloc_words)
                if trailing:
                    targets = tuple(t for t in dict.fromkeys((*trailing.also_targets, *targets))
                                    if t not in trailing.said)
                out.append(statement.with_actors(speakers, targets))
                ctx.last_speakers = speakers
            if sentence.start not in lead_speakers and sentence.text.rstrip().endswith(":"):
                lead_speakers[sentence.start] = speakers
        _remember(ctx, in_sentence, named, sentence.start)
        ctx.last_countries = _pair_named(sentence, by_start, starts, ctx, folded, ctx.last_countries)
    return out


def _may_name_person(sentence: Sentence, in_sentence: list[_Actor], ctx: _Context, declared_people: bool) -> bool:
    """Whether a sentence without a statement or an anchor verb ("said") can name a speaker whom a later "he"
    or "the minister" stands for, or lead a list ("... as follows:"): it names a person, or a declaration's
    parties hold one (its clauses' speakers). The others are not read for a speaker at all."""
    return declared_people or sentence.text.rstrip().endswith(":") or \
        any(ctx.entry_type(a.entity_id) == "person" for a in in_sentence)


_LINE_OPENING_WORDS = 3  # words before a clause's verb that still open its line: "DO HEREBY AGREE", "NOTING WITH"


def _opens_line(folded: str, begin: int, anchor: int) -> bool:
    """Whether a clause opens its line with its verb: at most a few words, after a list item's mark, stand
    between the line's start and the clause's cue."""
    line_start = folded.rfind("\n", 0, begin) + 1
    mark = LIST_ITEM_MARK.match(folded, line_start, anchor)
    return len(folded[mark.end() if mark else line_start : max(anchor, begin)].split()) <= _LINE_OPENING_WORDS


_OPENING_QUOTE, _CLOSING_QUOTE = '"\u201c\u00ab', '"\u201d\u00bb'
_DOUBLE_QUOTE = re.compile('["\u201c\u201d\u00ab\u00bb]|\n')


@dataclass(frozen=True, slots=True)
class _Quotations:
    """The passages in double quotes of a text, opening mark to closing mark, in order."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, folded: str) -> _Quotations:
        """Straight marks pair in turn, curly and angle ones open and close. An open quotation ends with its
        paragraph unless the next paragraph opens with a quote mark (news style: a long quotation reopens at
        each paragraph and closes once), so one stray mark does not turn every later pair inside out."""
        spans: list[tuple[int, int]] = []
        start = -1
        paragraph_end = -1  # where the paragraph of an open quotation ended, while deciding whether it goes on
        for match in _DOUBLE_QUOTE.finditer(folded):
            mark = match.group()
            if mark == "\n":
                if start >= 0 and paragraph_end < 0:
                    paragraph_end = match.start()
                continue
            if paragraph_end >= 0:  # the first mark after an open quotation's paragraph ended
                reopens = mark in _OPENING_QUOTE and not folded[paragraph_end : match.start()].strip()
                if reopens:
                    paragraph_end = -1
                    continue
                spans.append((start, paragraph_end))
                start, paragraph_end = -1, -1
            if start < 0 and mark in _OPENING_QUOTE:
                start = match.start()
            elif start >= 0 and mark in _CLOSING_QUOTE:
                spans.append((start, match.end()))
                start = -1
        if start >= 0:
            spans.append((start, paragraph_end if paragraph_end >= 0 else len(folded)))
        return cls(tuple(spans), tuple(a for a, _b in spans))

    def holding(self, position: int) -> tuple[int, int] | None:
        """The quotation that `position` lies inside, if any."""
        i = bisect_right(self.starts, position - 1) - 1
        if i >= 0 and self.spans[i][0] < position < self.spans[i][1]:
            return self.spans[i]
        return None


def _quote_speaker(position: int, quotes: _Quotations, sentences: Sequence[Sentence],
                   by_start: list[Mention], starts: list[int], ctx: _Context, folded: str,
                   speech_verbs: SetOverText) -> tuple[str, ...]:
    """The speaker of a quotation over several sentences that holds `position` ('Lavrov said: "We will ...
    We will also ..."', '"We will ... We will also ...," Lavrov said'): next to a speech verb in the sentence
    where it closes, else in the one where it opens, else the speaker of the quotation before it in its paragraph
    ('"Vaccines are important," Balakrishnan told reporters. "But ... We hope Washington will ..."')."""
    quote = quotes.holding(position)
    if quote is None:
        return ()
    found = _quote_speaker_at(quote, sentences, by_start, starts, ctx, folded, speech_verbs)
    k = bisect_left(quotes.starts, quote[0])  # (quote is one of the spans: its own index)
    if not found and k > 0 and "\n" not in folded[quotes.spans[k - 1][1] : quote[0]]:
        found = _quote_speaker_at(quotes.spans[k - 1], sentences, by_start, starts, ctx, folded, speech_verbs)
    return found


def _quote_speaker_at(quote: tuple[int, int], sentences: Sequence[Sentence], by_start: list[Mention],
                      starts: list[int], ctx: _Context, folded: str, speech_verbs: SetOverText) -> tuple[str, ...]:
    """The speaker next to a speech verb in the sentence where a quotation closes, else where it opens."""
    sentence_starts = [s.start for s in sentences]
    for mark, inside in ((quote[1] - 1, quote[1] - 2), (quote[0], quote[0] + 1)):
        i = bisect_right(sentence_starts, mark) - 1
        if i < 0:
            continue
        sentence = sentences[i]
        actors = _actors_in(sentence.start, sentence.end, by_start, starts, ctx)
        found = _speech_verb_speakers(actors, sentence.start, sentence.end, ctx, folded, speech_verbs,
                                      quoted_from=inside)
        if found:
            return found
    return ()


def _speech_verb_speakers(in_sentence: list[_Actor], begin: int, end: int, ctx: _Context, folded: str,
                          speech_verbs: SetOverText, quoted_from: int = -1) -> tuple[str, ...]:
    """The actor nearest to a speech verb between `begin` and `end` (", said Lavrov", "Lavrov told"), no
    quote mark between them ('to ASEAN," Lavrov said' is Lavrov); `in_sentence`: the sentence's actors.
    `quoted_from`: where a word stands for the quoted speaker ("We"): only a verb with a quote mark
    between counts ("We noted Russia's offer" in a joint statement is not Russia speaking) or, in a text
    with no quote marks at all (its punctuation stripped), a verb many words after it ("We are ready to
    share our test systems with our ASEAN friends Lavrov told")."""
    actors = [a for a in in_sentence
              if begin <= a.start and a.end <= end and ctx.entry_type(a.entity_id) in ACTOR_TYPES]
    for verb in speech_verbs.finditer(begin, end):
        unmarked = quoted_from >= 0 and not _QUOTE_MARK.search(folded, min(quoted_from, verb.start()),
                                                                max(quoted_from, verb.start()))
        if unmarked and not (ctx.unquoted and verb.start() > quoted_from
                             and len(folded[quoted_from : verb.start()].split()) >= _UNQUOTED_MIN_WORDS
                             and not _AND_BEFORE.search(folded, max(0, verb.start() - 8), verb.start())):
            continue
        # the quotation's marks stripped: "... friends Lavrov told", not "We ... noted Vietnam would host"
        speakers = _speakers_of_verb(actors, verb.start(), verb.end(), ctx, folded, before_only=unmarked)
        if speakers:
            return speakers
    return ()


def _speakers_of_verb(actors: list[_Actor], verb_start: int, verb_end: int, ctx: _Context, folded: str, *,
                      before_only: bool = False) -> tuple[str, ...]:
    """The actor nearest to one speech verb ("Lavrov said", ", said Lavrov"; not "said ... in Manila"), with
    the actors listed with it ("Lavrov and Wang Yi said", "said X and Y"); `actors`: in text order."""
    near = []
    for i, actor in enumerate(actors):
        before = actor.end <= verb_start
        if before_only and not before:
            continue
        gap = folded[actor.end : verb_start] if before else folded[verb_end : actor.start]
        if len(gap) <= _SAID_GAP_CHARS and not _GAP_BREAK.search(gap) and (before or not _LOWER_WORD.search(gap)):
            near.append((len(gap), actor.start, i))
    if not near:
        return ()
    nearest = min(near)[2]
    first = last = nearest
    while actors[first].end <= verb_start and first > 0 and \
            _listed(folded, ctx, actors[first - 1], actors[first], actors[nearest]) and \
            not _AFTER_PREPOSITION.search(folded, max(0, actors[first - 1].start - 16), actors[first - 1].start):
        first -= 1  # not "vaccines to Laos, Lavrov and Wang Yi said": Laos is the object
    while actors[last].start >= verb_end and last + 1 < len(actors) and \
            _listed(folded, ctx, actors[last], actors[last + 1], actors[nearest]):
        last += 1
    return tuple(dict.fromkeys(a.entity_id for a in actors[first : last + 1]))


def _listed(folded: str, ctx: _Context, left: _Actor, right: _Actor, nearest: _Actor) -> bool:
    """Whether two neighbouring actors are items of one list with `nearest`: only joining words between them,
    and a conjunction somewhere in the list ("Laos, Cambodia and Vietnam")."""
    if ctx.joiners is None or ctx.conjunctions is None:
        return False
    return ctx.joiners.fullmatch(folded, left.end, right.start) is not None and ctx.conjunctions.search(
        folded, min(left.end, nearest.end), max(right.start, nearest.start)) is not None


_PAIR_JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", re.IGNORECASE)


def _pair_named(sentence: Sentence, by_start: list[Mention], starts: list[int], ctx: _Context, folded: str,
                last: tuple[str, ...]) -> tuple[str, ...]:
    """The two countries "the two countries" stand for after this sentence: the two it names joined ("Indonesia
    and Malaysia have challenged ..."); none once a sentence names other countries, or people and no country
    ("Son said Vietnam was worried about China's pressure" names no pair); `last` when it names neither."""
    lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    mentions = by_start[lo:hi]
    countries = [m for m in mentions if ctx.entry_type(m.entity_id) == "country"]
    if not countries:
        return () if any(ctx.entry_type(m.entity_id) == "person" for m in mentions) else last
    if len(countries) == 2 and countries[0].entity_id != countries[1].entity_id and \
            _PAIR_JOINED.fullmatch(folded[countries[0].end : countries[1].start]):
        return countries[0].entity_id, countries[1].entity_id
    return ()


_SUBJECT_OPENING_WORDS = 4  # words before a sentence's subject: "On Monday, Lavrov ...", "Foreign Minister Lavrov"
_LISTED_PEOPLE = 3  # people a sentence lists ("attended by Premier Li, Prime Minister Kishida and President Moon")


def _remember(ctx: _Context, actors: list[_Actor], speakers: tuple[str, ...], sentence_start: int = -1) -> None:
    """Who the sentence named last, for the next "he" or "the Prime Minister", and the last bloc. A sentence that
    lists three people or more names attendees, not whom the text goes on about: of them only its subject, named at
    its start, and its speakers count ("The Summit was attended by Premier Li, Prime Minister Kishida and President
    Moon. The Prime Minister thanked ...": the prime minister the text named before)."""
    people = [a for a in actors if ctx.entry_type(a.entity_id) == "person"]
    listed = len({a.entity_id for a in people}) >= _LISTED_PEOPLE
    for actor in actors:
        kind = ctx.entry_type(actor.entity_id)
        if kind == "person":
            if listed and not (actor is people[0] and sentence_start >= 0 and
                               len(ctx.text[sentence_start : actor.start].split()) <= _SUBJECT_OPENING_WORDS):
                continue
            ctx.name_person(actor.entity_id, actor.start)
        elif kind == "bloc":
            ctx.last_bloc = actor.entity_id
    for speaker in speakers:
        if ctx.entry_type(speaker) == "person":
            ctx.name_person(speaker)
    for actor in actors:  # "the Australian leader commended ...": the last Australian named, for the next "he"
        if (person := _called_by_nationality(actor, ctx)):
            ctx.name_person(person)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _called_by_nationality(actor: _Actor, ctx: _Context) -> str:
    """The person "the <demonym> <title>" stands for ("the Australian leader", "the Russian minister"): the last one
    named who acts for that country; "" for another actor or when no such person was named."""
    if ctx.national_title is None or ctx.entry_type(actor.entity_id) != "country" or \
            not ctx.national_title.match(ctx.text, actor.end) or \
            not _THE_BEFORE.search(ctx.text, max(0, actor.start - 6), actor.start):
        return ""
    return next((person for person in reversed(ctx.people_named) if ctx.acting(person) == actor.entity_id), "")
