"""A deterministic synthetic corpus for the benchmark: realistic length, many outlets and styles.

Articles come in meetings, as archives do: each meeting (a date, two or three participants, a few
points agreed or asked for) is covered by one to six outlets, each reporting some of the meeting's
points in its own words and style (wire report, joint statement, ministry release, text with its
punctuation stripped, web page with boilerplate), and now and then syndicated word for word.
Sentences are drawn from templates (one family per statement kind) filled with actors from the
gazetteer; about one sentence in four is a statement, the rest background, as in real reports. It
exercises the same code paths real articles do: the readers for txt, html and jsonl, cleaning,
clauses, pronouns, events, near duplicates and cross-source claims.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dashboard.preprocess.gazetteer import Gazetteer, load_gazetteer

STYLES = ("wire", "joint_statement", "ministry", "stripped", "web_page")
OUTLETS = (
    ("Viet Nam News", "VNS", "vietnamnews.vn"), ("Reuters", "Reuters", "reuters.com"), ("TASS", "TASS", "tass.com"),
    ("The Jakarta Post", "", "thejakartapost.com"), ("Bernama", "Bernama", "bernama.com"),
    ("Bangkok Post", "", "bangkokpost.com"), ("The Asian Affairs", "", "theasianaffairs.com"),
    ("Xinhua", "Xinhua", "xinhuanet.com"), ("Kyodo News", "Kyodo", "kyodonews.net"),
    ("Philippine News Agency", "PNA", "pna.gov.ph"), ("Regional Herald", "", "regionalherald.example"),
    ("Mekong Daily", "", "mekongdaily.example"),
)
TEMPLATES = {
    "commitment": (
        "{A} pledged to {act} {topic}.", "{A} agreed to {act} {topic} with {B}.",
        "{A} is ready to {act} {topic} with {B}, the minister said.", "{A} committed to {act} {topic}.",
        "{A} would {act} {topic} together with {B}.",
    ),
    "appeal": (
        "{A} urged {B} to {act} {topic}.", "{A} called on {B} to {act} {topic}.",
        "{A} stressed the need to {act} {topic}.", "{A} hoped {B} would {act} {topic}.",
    ),
    "support": (
        "{A} welcomed {B}'s efforts to {act} {topic}.", "{A} praised the work of {B} on {topic}.",
        "{A} voiced support for {topic}.",
    ),
    "concern": (
        "{A} expressed concern over {concern}.", "{A} shared their concerns over {concern}.",
        "{A} extended condolences to the families of the victims of the pandemic.",
    ),
    "report": (
        "{A} noted that {topic} had improved over the past month.", "{A} shared updates on the situation in {B}.",
        "{A} has deployed measures to contain the pandemic.",
    ),
}
TITLES = (
    "{a} and {b} discuss {topic}", "{a}, {b} agree to {act} {topic}", "{a} ministers meet {b} counterparts",
    "Talks between {a} and {b} focus on {topic}", "{a} calls for closer ties with {b}",
)
TOPICS = (
    "information and experience sharing on the coronavirus", "the exchange of epidemiological data",
    "response capacity and preparedness of health systems", "the training of health workers",
    "vaccine research and production", "equitable access to vaccines and treatment drugs",
    "the supply of test kits and medical equipment", "regional reserves of medical supplies",
    "contributions to the COVID-19 ASEAN Response Fund", "financial support through the Dialogue Partnership Fund",
    "the repatriation of stranded citizens", "the protection of migrant workers",
    "economic recovery and open supply chains", "trade and investment after the pandemic",
    "international law and a rules-based order", "peace, security and stability in the region",
    "ASEAN centrality in the regional architecture", "the role of the United Nations and the WHO",
    "cooperation in the fight against the pandemic",
)
ACTS = ("strengthen", "expand", "promote", "step up", "support", "deepen", "boost")
CONCERNS = ("the spread of the virus", "the rising number of infections", "the impact of the pandemic")
FILLER = (
    "The meeting was held online because of travel restrictions.",
    "Officials from the secretariat attended the session as observers.",
    "The discussion lasted about {hours} hours, according to the organisers.",
    "Analysts said the talks reflected a growing interest in the region.",
    "The next meeting is expected to take place in {month}.",
    "Both delegations exchanged views on regional and international issues of common concern.",
    "{C} has reported {cases} new cases over the past week.",
    "The two countries established diplomatic relations in {year}.",
    "Trade between {C} and {D} reached {amount} billion dollars last year.",
    "The session was chaired by the representative of {C}.",
    "Delegates also reviewed the schedule of events planned for the rest of the year.",
    "A press conference followed the closing session in the afternoon.",
    "More than {people} officials and experts took part in the preparatory talks.",
    "The organisers said a summary of the discussion would be published later.",
    "Several delegations joined the session by video link from their capitals.",
    "Observers noted that the agenda had been agreed weeks in advance.",
    "The host thanked the participants for their constructive contributions.",
    "It was the {nth} meeting of its kind since the start of the pandemic.",
)
BOILERPLATE_TAIL = (
    "Related News: https://{domain}/news/{n}/related-story", "{author}",
    "I write about diplomacy and security in Southeast Asia for {outlet}.", "View Comments", "Recent Posts",
    "Celebrity couple announces new film project", "November 22, 2024", "Stock markets close higher on Friday",
    "November 21, 2024", "This website uses cookies.", "Read More",
)
# Background sentences built from a word bank: real reports are lexically varied, and near-duplicate
# detection must tell a syndicated copy from two reports that merely share the meeting's phrasing.
BACKGROUND = (
    "The {adj} {noun} in {C} {verb} the {adj2} {noun2} last {period}.",
    "Local officials said the {noun} had {verb} the {adj} {noun2} of the province.",
    "According to {C} media, the {adj} {noun} {verb} {number} {noun2} this {period}.",
)
ADJECTIVES = (
    "northern", "coastal", "rural", "industrial", "seasonal", "regional", "municipal", "private", "public", "annual",
    "southern", "eastern", "western", "central", "mountain", "national", "local", "urban", "agricultural", "maritime",
    "digital", "informal", "temporary", "large", "small", "new", "former", "rising", "falling", "major",
)
NOUNS = (
    "harbour", "railway", "factory", "market", "school", "hospital", "bridge", "farm", "festival", "airport",
    "river", "highway", "library", "stadium", "clinic", "warehouse", "port", "village", "council", "union",
    "exporter", "supplier", "museum", "court", "ferry", "mine", "fishery", "bank", "district", "university",
    "orchard", "plantation", "shipyard", "depot", "garrison", "reservoir", "observatory", "cooperative", "mill",
    "terminal",
)
VERBS = (
    "expanded", "closed", "reopened", "rebuilt", "inspected", "financed", "modernised", "merged with", "replaced",
    "hosted", "welcomed", "surveyed", "supplied", "connected", "relocated", "audited", "licensed", "leased",
)
PERIODS = ("week", "month", "quarter", "season", "spring", "summer", "autumn", "winter")
AUTHORS = ("Lan Pham", "Arif Rahman", "Somchai Wong", "Maria Santos", "Ivan Petrov", "Chen Wei", "Aiko Tanaka")
MONTHS = ("January", "March", "May", "July", "September", "November")
STATEMENT_SHARE = 0.25  # about one sentence in four is a statement, the rest background
MEETING_POINTS = 8  # points made at a meeting, each reported by some of its outlets
SYNDICATED_SHARE = 0.05  # articles that are another outlet's copy, word for word


@dataclass(frozen=True, slots=True)
class _Pools:
    countries: tuple[tuple[str, str], ...]  # (name, demonym)
    blocs: tuple[str, ...]
    people: tuple[tuple[str, str, str], ...]  # (name, title, country name)
    organisations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Meeting:
    """What every outlet covering one meeting draws on."""

    number: int
    day: date
    hosts: tuple[str, str]
    points: tuple[tuple[str, dict[str, str]], ...]  # (kind, template slots)
    size: int


def _pools(gazetteer: Gazetteer) -> _Pools:
    countries = tuple((e.name, e.demonyms[0]) for e in gazetteer.entries if e.type == "country" and e.demonyms)
    names = {e.iso3: e.name for e in gazetteer.entries if e.type == "country"}
    people = tuple((e.name, e.role or "Foreign Minister", names.get(e.iso3, "")) for e in gazetteer.entries
                   if e.type == "person" and e.iso3 in names)
    blocs = tuple(e.aliases[-1] if e.aliases else e.name for e in gazetteer.entries if e.type == "bloc")
    organisations = tuple(e.name for e in gazetteer.entries if e.type in {"organisation", "forum"})
    return _Pools(countries, blocs, people, organisations)


def _actor(rng: random.Random, pools: _Pools, hosts: tuple[str, str]) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(hosts)
    if roll < 0.55:
        return rng.choice(pools.countries)[0]
    if roll < 0.75:
        return rng.choice(pools.blocs)
    if roll < 0.9 and pools.people:
        name, title, country = rng.choice(pools.people)
        return f"{country}'s {title.lower()} {name}" if rng.random() < 0.5 else f"{title} {name}"
    return rng.choice(("They", "The ministers", "The two sides", "He", "The delegates"))


def _point(rng: random.Random, pools: _Pools, hosts: tuple[str, str]) -> tuple[str, dict[str, str]]:
    """One statement's content: its kind and the words any outlet would use for it."""
    other = rng.choice(hosts) if rng.random() < 0.5 else (
        rng.choice(pools.countries)[0] if rng.random() < 0.6 else rng.choice(pools.organisations))
    return rng.choice(tuple(TEMPLATES)), {"A": _actor(rng, pools, hosts), "B": other, "act": rng.choice(ACTS),
                                          "topic": rng.choice(TOPICS), "concern": rng.choice(CONCERNS)}


def _say(rng: random.Random, point: tuple[str, dict[str, str]]) -> str:
    """A point in one outlet's words: a template of its kind picked at random."""
    kind, slots = point
    return rng.choice(TEMPLATES[kind]).format(**slots)


def _filler(rng: random.Random, pools: _Pools, hosts: tuple[str, str]) -> str:
    return rng.choice(FILLER).format(
        hours=rng.randint(2, 5), month=rng.choice(MONTHS), C=rng.choice(hosts), D=rng.choice(pools.countries)[0],
        cases=f"{rng.randint(100, 90000):,}", year=rng.randint(1950, 1995), amount=rng.randint(2, 90),
        people=rng.randint(2, 30) * 10, nth=rng.choice(("second", "third", "fourth", "fifth")))


def _background(rng: random.Random, hosts: tuple[str, str]) -> str:
    return rng.choice(BACKGROUND).format(
        adj=rng.choice(ADJECTIVES), adj2=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS), noun2=rng.choice(NOUNS),
        verb=rng.choice(VERBS), C=rng.choice(hosts), number=rng.randint(3, 900), period=rng.choice(PERIODS))


def _body(rng: random.Random, pools: _Pools, meeting: _Meeting, words: int) -> list[str]:
    reported = [p for p in meeting.points if rng.random() < 0.6]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            roll = rng.random()
            if roll >= 0.6:
                sentences.append(_background(rng, meeting.hosts))
            elif roll >= STATEMENT_SHARE:
                sentences.append(_filler(rng, pools, meeting.hosts))
            elif reported:
                sentences.append(_say(rng, reported.pop(0)))
            else:
                sentences.append(_say(rng, _point(rng, pools, meeting.hosts)))
        if rng.random() < 0.1:  # two statements in one sentence, as in real reports
            first, second = (_say(rng, _point(rng, pools, meeting.hosts)) for _ in range(2))
            sentences.append(f"{first[:-1]}, while {second[0].lower()}{second[1:]}")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def _meeting(number: int, seed: int, pools: _Pools) -> _Meeting:
    rng = random.Random(f"meeting:{seed}:{number}")
    (first, _demonym), (second, _other_demonym) = rng.sample(pools.countries, 2)
    hosts = (first, second)
    points = tuple(_point(rng, pools, hosts) for _ in range(MEETING_POINTS))
    return _Meeting(number, date(2019, 1, 1) + timedelta(days=rng.randrange(2400)), hosts, points,
                    size=rng.choice((1, 1, 2, 3, 3, 4, 5, 6)))


def _layout(n: int, seed: int, pools: _Pools) -> Iterator[tuple[_Meeting, int]]:
    """(meeting, position) for articles 0..n-1: meetings follow each other, each with `size` articles."""
    number = 0
    produced = 0
    while produced < n:
        meeting = _meeting(number, seed, pools)
        for position in range(min(meeting.size, n - produced)):
            yield meeting, position
        produced += meeting.size
        number += 1


def synthetic_article(i: int, meeting: _Meeting, position: int, seed: int = 7, words: int = 600,
                      pools: _Pools | None = None) -> dict[str, str]:
    """Article number `i` (the `position`-th report of `meeting`): style, text, title, outlet, url, published."""
    pools = pools or _pools(load_gazetteer())
    copy_of = position > 0 and random.Random(f"copy:{seed}:{i}").random() < SYNDICATED_SHARE
    rng = random.Random(f"article:{seed}:{meeting.number}:{0 if copy_of else position}")
    style = STYLES[i % len(STYLES)]
    outlet, signoff, domain = OUTLETS[(meeting.number + 5 * position) % len(OUTLETS)]
    day = meeting.day + timedelta(days=rng.randrange(3))
    a, b = meeting.hosts
    title = rng.choice(TITLES).format(a=a, b=b, topic=rng.choice(TOPICS), act=rng.choice(ACTS))
    body = _body(rng, pools, meeting, words)
    if style == "joint_statement":
        body[0] = f"We, the Foreign Ministers of {a} and {b}, met on {meeting.day:%d %B %Y}. " + body[0]
        body = [f"{n}. {p}" for n, p in enumerate(body, 1)]
    elif style == "wire":
        body[0] = f"{rng.choice(('HANOI', 'JAKARTA', 'MOSCOW', 'BANGKOK'))} ({signoff or outlet}) - " + body[0]
    elif style == "ministry":
        body.insert(0, f"On {meeting.day:%d %B %Y}, the Ministry of Foreign Affairs of {a} issued the following "
                       "press release.")
    elif style == "stripped":
        body = [re.sub(r"[.,;:'’()]", "", p) for p in body]
    author = rng.choice(AUTHORS)
    if style == "web_page":
        tail = [line.format(domain=domain, n=i, author=author, outlet=outlet) for line in BOILERPLATE_TAIL]
        body = [title, f"Last updated on {day:%B %d, %Y} at 05:25 am", *body, *tail]
    elif signoff:
        body.append(signoff)
    return {"style": style, "text": "\n".join(body), "title": title if style != "web_page" else "",
            "outlet": outlet if style in {"joint_statement", "ministry"} else "",
            "url": f"https://{domain}/{day:%Y/%m/%d}/article-{i}", "published": day.isoformat()}


def _html(article: dict[str, str]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n"))
    return (f"<html><head><title>{article['title']}</title><meta name='date' content='{article['published']}'>"
            f"</head><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav><article><h1>{article['title']}"
            f"</h1>{paragraphs}</article><footer>This website uses cookies.</footer></body></html>")


def iter_articles(n: int, seed: int = 7, words: int = 600) -> Iterator[dict[str, str]]:
    """The first `n` articles of the corpus: the same `seed` always gives the same articles."""
    pools = _pools(load_gazetteer())
    for i, (meeting, position) in enumerate(_layout(n, seed, pools)):
        yield synthetic_article(i, meeting, position, seed, words, pools)


def write_corpus(folder: Path, n: int, seed: int = 7, words: int = 600, shard: int = 1000) -> Path:
    """Write `n` articles: most as jsonl shards (news-API exports), 1 in 20 as .txt and 1 in 20 as .html."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = None
    for i, article in enumerate(iter_articles(n, seed, words)):
        if i % 20 == 0:
            (folder / f"article-{i:06d}.txt").write_text(article["text"], encoding="utf-8")
        elif i % 20 == 10:
            (folder / f"article-{i:06d}.html").write_text(_html(article), encoding="utf-8")
        else:
            if handle is None or i % shard == 1:
                if handle is not None:
                    handle.close()
                handle = (folder / f"export-{i // shard:04d}.jsonl").open("w", encoding="utf-8")
            record = {k: v for k, v in article.items() if k != "style" and v}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle is not None:
        handle.close()
    return folder
