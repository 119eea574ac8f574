"""A deterministic synthetic corpus for the benchmark: realistic length, many outlets and styles.

Articles are assembled from sentence templates (one family per taxonomy category and kind) filled
with actors drawn from the gazetteer, in the styles real users bring: wire reports, joint statements,
ministry releases, text with its punctuation stripped, and web pages with boilerplate. It exercises
the same code paths real articles do (readers for txt, html and jsonl; cleaning; clauses; pronouns).
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
    "The discussion lasted about two hours, according to the organisers.",
    "Analysts said the talks reflected a growing interest in the region.",
    "The next meeting is expected to take place later in the year.",
    "Both delegations exchanged views on regional and international issues of common concern.",
)
BOILERPLATE_TAIL = (
    "Related News: https://{domain}/news/{n}/related-story", "{author}",
    "I write about diplomacy and security in Southeast Asia for {outlet}.", "View Comments", "Recent Posts",
    "Celebrity couple announces new film project", "November 22, 2024", "Stock markets close higher on Friday",
    "November 21, 2024", "This website uses cookies.", "Read More",
)
AUTHORS = ("Lan Pham", "Arif Rahman", "Somchai Wong", "Maria Santos", "Ivan Petrov", "Chen Wei", "Aiko Tanaka")


@dataclass(frozen=True, slots=True)
class _Pools:
    countries: tuple[tuple[str, str], ...]  # (name, demonym)
    blocs: tuple[str, ...]
    people: tuple[tuple[str, str, str], ...]  # (name, title, country name)
    organisations: tuple[str, ...]


def _pools(gazetteer: Gazetteer) -> _Pools:
    countries = tuple((e.name, e.demonyms[0]) for e in gazetteer.entries if e.type == "country" and e.demonyms)
    names = {e.iso3: e.name for e in gazetteer.entries if e.type == "country"}
    people = tuple((e.name, e.role or "Foreign Minister", names.get(e.iso3, "")) for e in gazetteer.entries
                   if e.type == "person" and e.iso3 in names)
    blocs = tuple(e.aliases[-1] if e.aliases else e.name for e in gazetteer.entries if e.type == "bloc")
    organisations = tuple(e.name for e in gazetteer.entries if e.type in {"organisation", "forum"})
    return _Pools(countries, blocs, people, organisations)


def _actor(rng: random.Random, pools: _Pools) -> str:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(pools.countries)[0]
    if roll < 0.75:
        return rng.choice(pools.blocs)
    if roll < 0.9 and pools.people:
        name, title, country = rng.choice(pools.people)
        return f"{country}'s {title.lower()} {name}" if rng.random() < 0.5 else f"{title} {name}"
    return rng.choice(("They", "The ministers", "The two sides", "He", "The delegates"))


def _statement(rng: random.Random, pools: _Pools) -> str:
    kind = rng.choice(tuple(TEMPLATES))
    template = rng.choice(TEMPLATES[kind])
    other = rng.choice(pools.countries)[0] if rng.random() < 0.7 else rng.choice(pools.organisations)
    return template.format(A=_actor(rng, pools), B=other, act=rng.choice(ACTS), topic=rng.choice(TOPICS),
                           concern=rng.choice(CONCERNS))


def _body(rng: random.Random, pools: _Pools, words: int) -> list[str]:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = [_statement(rng, pools) if rng.random() < 0.6 else rng.choice(FILLER)
                     for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.25:  # two statements in one sentence, as in real reports
            first, second = _statement(rng, pools), _statement(rng, pools)
            sentences.append(f"{first[:-1]}, while {second[0].lower()}{second[1:]}")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def synthetic_article(i: int, seed: int = 7, words: int = 600, pools: _Pools | None = None) -> dict[str, str]:
    """Article number `i` of the synthetic corpus: {"style", "text", "title", "outlet", "url", "published"}."""
    rng = random.Random(seed * 1_000_003 + i)
    pools = pools or _pools(load_gazetteer())
    style = STYLES[i % len(STYLES)]
    outlet, signoff, domain = OUTLETS[rng.randrange(len(OUTLETS))]
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(2400))
    a, b = rng.sample(pools.countries, 2)
    title = f"{a[0]} and {b[0]} discuss {rng.choice(TOPICS)}"
    body = _body(rng, pools, words)
    if style == "joint_statement":
        body[0] = f"We, the Foreign Ministers of {a[0]} and {b[0]}, met on {day:%d %B %Y}. " + body[0]
        body = [f"{n}. {p}" for n, p in enumerate(body, 1)]
    elif style == "wire":
        body[0] = f"{rng.choice(('HANOI', 'JAKARTA', 'MOSCOW', 'BANGKOK'))} ({signoff or outlet}) - " + body[0]
    elif style == "ministry":
        release = f"On {day:%d %B %Y}, the Ministry of Foreign Affairs of {a[0]} issued the following press release."
        body.insert(0, release)
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
    pools = _pools(load_gazetteer())
    for i in range(n):
        yield synthetic_article(i, seed, words, pools)


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
