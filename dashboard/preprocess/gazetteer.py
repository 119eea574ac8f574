"""The gazetteer: every entity the pipeline can recognise, loaded from the files in `dashboard/vocab/`.

Countries start from ISO 3166 (pycountry) so that every country is known; `countries.tsv` adds the
names, acronyms and demonyms news writing uses. Blocs carry dated memberships, people dated roles,
so that "Vietnam via ASEAN" can be answered for the date of a statement. The files are validated on
load: a broken file stops with a message naming the file and the entry.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

_ID = re.compile(r"^(country|bloc|organisation|forum|fund|person|place):[a-z0-9-]+$|^country:[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GazetteerError(ValueError):
    """A vocabulary file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Membership:
    iso3: str
    since: str = ""  # YYYY-MM-DD, "" = always
    until: str = ""  # YYYY-MM-DD, "" = still a member

    def active_on(self, day: str) -> bool:
        return (not self.since or self.since <= day) and (not self.until or day <= self.until)


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    iso3: str = ""
    start: str = ""
    end: str = ""
    represents: str = ""  # entity id the person speaks for in this role, "" = their country

    def active_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entity: canonical name, type, and the surface forms it is recognised by."""

    entity_id: str
    name: str
    type: str
    iso3: str = ""  # countries: own code; people and places: their country
    aliases: tuple[str, ...] = ()  # matched case- and accent-insensitively
    exact: tuple[str, ...] = ()  # matched only as written (acronyms that are words, short names)
    demonyms: tuple[str, ...] = ()
    members: tuple[Membership, ...] = ()
    roles: tuple[Role, ...] = ()
    capital: bool = False  # places: a capital city, which stands for its government ("Moscow offered ...")
    stands_for: str = ""  # places: the entity the place stands for as an actor, when not its country (Brussels: EU)
    core: str = ""  # blocs: the bloc it meets as, with its other members (the ASEAN Plus Three: ASEAN)
    agreement: bool = False  # blocs, organisations: a pact or arrangement (RCEP, the CMIM): never a statement's target

    @property
    def role(self) -> str:
        """The latest role's title (people)."""
        return self.roles[-1].title if self.roles else ""

    def role_on(self, day: str = "") -> Role | None:
        """The role held on `day` (the latest one when the day is unknown or outside every role)."""
        active = [r for r in self.roles if day and r.active_on(day)]
        held = active or list(self.roles)
        return held[-1] if held else None

    def acting_for(self, day: str = "") -> str:
        """Entity a person's statements count for: the organisation of their role, else their country."""
        role = self.role_on(day)
        if role is not None and role.represents:
            return role.represents
        iso3 = (role.iso3 if role else "") or self.iso3
        return f"country:{iso3}" if iso3 else ""


@dataclass(frozen=True, slots=True)
class UnlistedWords:
    """organisations.toml's words for organisations, forums and funds it does not list."""

    heads: tuple[tuple[str, str], ...]  # ("Fund", "fund"): a name's last word and the type it gives
    joins: tuple[str, ...]  # "&": between a name's capitalised words before its head word
    after_head: tuple[str, ...]  # "of", "for": after the head word, before the rest of a name
    after_head_articles: tuple[str, ...]  # "the": between one of those and the rest
    after_joins: tuple[str, ...]  # "and", "of": between the words of that rest
    not_first: tuple[str, ...]  # "The", "Meanwhile": never part of a name
    min_words: int = 2  # capitalised words before the head word, when no name follows it
    max_after_words: int = 4  # capitalised words in that rest


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    titles: tuple[str, ...]
    version: str
    geographic_heads: tuple[str, ...] = ()  # "Sea", "Strait": a country's name before one is a place's
    currency_heads: tuple[str, ...] = ()  # "dollars": a country's name before one is a currency's
    honorifics: tuple[str, ...] = ()  # "Mr", "Pak": before a known person's short name
    address_titles: tuple[str, ...] = ()  # titles that come before a name only ("Dato"): never after one
    speech_after_title: tuple[str, ...] = ()  # "said": "in the East Sea, the minister said" is no apposition
    country_titles: tuple[tuple[str, str], ...] = ()  # ("State Councilor", "CHN"): titles of one country only
    country_honorifics: tuple[tuple[str, str], ...] = ()  # ("U", "MMR"): honorifics of one country only
    unlisted: UnlistedWords | None = None  # how organisations the gazetteer does not list are named
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({e.entity_id: e for e in self.entries})

    def get(self, entity_id: str) -> Entry | None:
        return self._by_id.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entry:
        """The entry of an id known to be in the gazetteer (KeyError otherwise)."""
        return self._by_id[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def members_on(self, bloc_id: str, day: str = "") -> tuple[str, ...]:
        """ISO3 codes of a bloc's members on `day` (YYYY-MM-DD; "" = current members)."""
        entry = self.get(bloc_id)
        if entry is None:
            return ()
        day = day or date.today().isoformat()
        return tuple(m.iso3 for m in entry.members if m.active_on(day))

    def blocs_of(self, iso3: str, day: str = "") -> tuple[str, ...]:
        """Ids of the blocs a country belonged to on `day`."""
        day = day or date.today().isoformat()
        return tuple(
            e.entity_id for e in self.entries
            if e.type == "bloc" and any(m.iso3 == iso3 and m.active_on(day) for m in e.members)
        )


def fold(text: str) -> str:
    """Lower-case, accent-free form for comparing names ("Việt Nam" -> "viet nam")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """Id-safe form of a name: "Phạm Bình Minh" -> "pham-binh-minh"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _vocab_dir() -> Path:
    return Path(str(resources.files("dashboard") / "vocab"))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GazetteerError(f"{path.name}: cannot read: {exc}") from exc


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _check_date(value: str, where: str) -> str:
    if value and not _DATE.match(value):
        raise GazetteerError(f"{where}: date {value!r} is not YYYY-MM-DD")
    return value


def _countries(path: Path) -> list[Entry]:
    """Every ISO 3166 country, with the extras of countries.tsv."""
    extras: dict[str, dict[str, str]] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
        iso3 = (row.get("iso3") or "").strip()
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise GazetteerError(f"{path.name}: row {number}: iso3 {iso3!r} is not a 3-letter code")
        extras[iso3] = {k: (v or "").strip() for k, v in row.items() if k}
    entries = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        extra = extras.pop(iso3, {})
        official = [n for n in (getattr(country, "common_name", ""), country.name,
                                getattr(country, "official_name", "")) if n and "," not in n]
        aliases = (*_split(extra.get("aliases", "")), *official)
        name = extra.get("name") or (official[0] if official else country.name)
        entries.append(Entry(
            entity_id=f"country:{iso3}", name=name, type="country", iso3=iso3,
            aliases=tuple(dict.fromkeys(aliases)), exact=_split(extra.get("exact", "")),
            demonyms=_split(extra.get("demonyms", "")),
        ))
    if extras:
        raise GazetteerError(f"{path.name}: unknown ISO3 codes {sorted(extras)}")
    return entries


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _blocs(data: dict, file: str) -> list[Entry]:
    out = []
    for i, item in enumerate(data.get("bloc", []), 1):
        where = f"{file}: bloc #{i} ({item.get('id', '?')})"
        members = []
        for m in item.get("members", []):
            if not re.fullmatch(r"[A-Z]{3}", str(m.get("iso3", ""))):
                raise GazetteerError(f"{where}: member {m!r} needs an iso3 code")
            members.append(Membership(m["iso3"], _check_date(m.get("since", ""), where),
                                      _check_date(m.get("until", ""), where)))
        out.append(Entry(entity_id=item.get("id", ""), name=item.get("name", ""), type="bloc",
                         aliases=_strings(item.get("aliases"), where), exact=_strings(item.get("exact"), where),
                         members=tuple(members), core=str(item.get("core", "")),
                         agreement=_flag(item, "agreement", where)))
    ids = {entry.entity_id for entry in out}
    for entry in out:
        if entry.core and (entry.core not in ids or entry.core == entry.entity_id):
            raise GazetteerError(f"{file}: bloc {entry.entity_id}: core {entry.core!r} is no other bloc of the file")
    return out


def _organisations(data: dict, file: str) -> list[Entry]:
    out = []
    for i, item in enumerate(data.get("organisation", []), 1):
        where = f"{file}: organisation #{i} ({item.get('id', '?')})"
        kind = item.get("type", "organisation")
        if kind not in {"organisation", "forum", "fund"}:
            raise GazetteerError(f"{where}: type {kind!r} must be organisation, forum or fund")
        out.append(Entry(entity_id=item.get("id", ""), name=item.get("name", ""), type=kind,
                         aliases=_strings(item.get("aliases"), where), exact=_strings(item.get("exact"), where),
                         agreement=_flag(item, "agreement", where)))
    return out


def _flag(item: dict, key: str, where: str) -> bool:
    """A true/false field of an entry (false when absent); anything else is a mistake in the file."""
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise GazetteerError(f"{where}: {key} must be true or false, not {value!r}")
    return value


def _whole_number(rules: dict[str, object], key: str, default: int) -> int:
    value = rules.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise GazetteerError(f"organisations.toml: unlisted.{key} must be a whole number above 0, not {value!r}")
    return value


def _unlisted_words(data: dict[str, object]) -> UnlistedWords | None:
    """organisations.toml's `unlisted_heads` and `unlisted`; None when it has no heads."""
    heads_by_type = data.get("unlisted_heads", {})
    if not heads_by_type:
        return None
    if not isinstance(heads_by_type, dict) or not set(heads_by_type) <= {"organisation", "forum", "fund"}:
        raise GazetteerError("organisations.toml: unlisted_heads must map organisation, forum or fund to words")
    rules = data.get("unlisted", {})
    if not isinstance(rules, dict):
        raise GazetteerError("organisations.toml: unlisted must be a table ([unlisted])")
    min_words = _whole_number(rules, "min_words", 2)
    return UnlistedWords(
        heads=tuple((word, kind) for kind, words in heads_by_type.items()
                    for word in _strings(words, f"organisations.toml: unlisted_heads.{kind}")),
        joins=_strings(rules.get("joins", []), "organisations.toml: unlisted.joins"),
        after_head=_strings(rules.get("after_head", []), "organisations.toml: unlisted.after_head"),
        after_head_articles=_strings(rules.get("after_head_articles", []),
                                     "organisations.toml: unlisted.after_head_articles"),
        after_joins=_strings(rules.get("after_joins", []), "organisations.toml: unlisted.after_joins"),
        not_first=_strings(rules.get("not_first", []), "organisations.toml: unlisted.not_first"),
        min_words=min_words, max_after_words=_whole_number(rules, "max_after_words", 4))


def _places(data: dict, file: str) -> list[Entry]:
    out = []
    for i, item in enumerate(data.get("place", []), 1):
        where = f"{file}: place #{i} ({item.get('name', '?')})"
        name = item.get("name", "")
        out.append(Entry(entity_id=f"place:{slug(name)}", name=name, type="place", iso3=item.get("country", ""),
                         aliases=_strings(item.get("aliases"), where) or (name,),
                         capital=bool(item.get("capital", False)), stands_for=str(item.get("stands_for", ""))))
    return out


def _people(data: dict, file: str) -> list[Entry]:
    out = []
    for i, item in enumerate(data.get("person", []), 1):
        name = item.get("name", "")
        where = f"{file}: person #{i} ({name or '?'})"
        roles = tuple(
            Role(r.get("title", ""), r.get("iso3", ""), _check_date(r.get("start", ""), where),
                 _check_date(r.get("end", ""), where), r.get("represents", ""))
            for r in item.get("roles", [])
        )
        roles = tuple(sorted(roles, key=lambda r: r.start))
        iso3 = roles[-1].iso3 if roles else ""
        out.append(Entry(entity_id=f"person:{slug(name)}", name=name, type="person", iso3=iso3,
                         aliases=_strings(item.get("aliases"), where) or (name,),
                         exact=_strings(item.get("exact"), where), roles=roles))
    return out


def _validate(entries: list[Entry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if not entry.name or not _ID.match(entry.entity_id):
            raise GazetteerError(f"entity {entry.entity_id!r} ({entry.name!r}): needs a name and an id like "
                                 "'organisation:who' (lower-case letters, digits, hyphens)")
        if entry.entity_id in seen:
            raise GazetteerError(f"entity id {entry.entity_id!r} is defined twice")
        seen.add(entry.entity_id)


def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """All entities from the vocab folder (the package's own unless `folder` is given)."""
    return _load(str(folder or _vocab_dir()))


@lru_cache(maxsize=4)
def _load(folder_name: str) -> Gazetteer:
    folder = Path(folder_name)
    tomls = {name: _read_toml(folder / name)  # each file read once
             for name in ("blocs.toml", "organisations.toml", "places.toml", "people.toml", "titles.toml")}
    entries = [
        *_countries(folder / "countries.tsv"),
        *_blocs(tomls["blocs.toml"], "blocs.toml"),
        *_organisations(tomls["organisations.toml"], "organisations.toml"),
        *_places(tomls["places.toml"], "places.toml"),
        *_people(tomls["people.toml"], "people.toml"),
    ]
    _validate(entries)
    known = {e.entity_id for e in entries}
    for entry in entries:
        if entry.stands_for and (entry.stands_for not in known or not entry.capital):
            raise GazetteerError(f"places.toml: {entry.name}: stands_for {entry.stands_for!r} needs a known entity "
                                 "and capital = true")
        for role in entry.roles:
            if role.represents and role.represents not in known:
                raise GazetteerError(f"people.toml: {entry.name}: role {role.title!r} represents unknown entity "
                                     f"{role.represents!r}")
    title_words, place_words = tomls["titles.toml"], tomls["places.toml"]
    titles = _strings(title_words.get("titles"), "titles.toml: titles")
    portfolios = _strings(title_words.get("portfolios", []), "titles.toml: portfolios")
    forms = _strings(title_words.get("portfolio_forms", []), "titles.toml: portfolio_forms")
    titles = tuple(dict.fromkeys((*titles, *portfolio_titles(portfolios, forms))))  # a form may repeat a title
    versions = [str(data.get("version", "")) for data in tomls.values()]
    heads = _strings(place_words.get("geographic_heads", []), "places.toml: geographic_heads")
    currency_heads = _strings(place_words.get("currency_heads", []), "places.toml: currency_heads")
    honorifics = _strings(title_words.get("honorifics", []), "titles.toml: honorifics")
    speech = _strings(title_words.get("speech_after_title", []), "titles.toml: speech_after_title")
    address_titles = _strings(title_words.get("address_titles", []), "titles.toml: address_titles")
    if unknown := set(address_titles) - set(titles):
        raise GazetteerError(f"titles.toml: address_titles must be among titles: {', '.join(sorted(unknown))}")
    return Gazetteer(entries=tuple(entries), titles=titles, version="+".join(versions), geographic_heads=heads,
                     unlisted=_unlisted_words(tomls["organisations.toml"]),
                     currency_heads=currency_heads,
                     honorifics=honorifics, speech_after_title=speech, address_titles=address_titles,
                     country_titles=_country_words(title_words, "country_titles"),
                     country_honorifics=_country_words(title_words, "country_honorifics"))


def portfolio_titles(portfolios: Sequence[str], forms: Sequence[str]) -> tuple[str, ...]:
    """Each portfolio in each form ("Minister of {}" and "Industry and Trade": "Minister of Industry and Trade"):
    a minister's title names the ministry, and a name follows it ("Minister of Economy, Trade and Industry
    Kajiyama Hiroshi"); without the portfolio among the titles, its last word was taken for the name's first."""
    if any("{}" not in form for form in forms):
        raise GazetteerError("titles.toml: each of portfolio_forms must hold {} where the portfolio goes")
    return tuple(form.replace("{}", portfolio) for portfolio in portfolios for form in forms)


def _country_words(data: Mapping, key: str) -> tuple[tuple[str, str], ...]:
    """titles.toml's table of words -> ISO 3166 alpha-3 codes, the longest words first."""
    table = data.get(key, {})
    if not isinstance(table, dict) or not all(
            isinstance(iso3, str) and len(iso3) == 3 and iso3.isupper() for iso3 in table.values()):
        raise GazetteerError(f"titles.toml: {key} must map words to ISO 3166 alpha-3 codes (\"MMR\")")
    return tuple(sorted(table.items(), key=lambda item: -len(item[0])))
