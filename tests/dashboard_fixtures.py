"""Corpora for the dashboard tests: a small hand-written one, the real seeds, and an empty one.

The hand-written corpus mirrors the two seed articles (two outlets, one meeting, the fund
discrepancy) plus a third, hostile article: an undated wire story whose title is a spreadsheet
formula and whose text and boilerplate carry HTML and script tags. Offsets are computed from the
text, so the tables obey the same contract as the pipeline's (tables.COLUMNS).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import Corpus, load_corpus, table_columns

REPO = Path(__file__).resolve().parents[1]
RAW_SEEDS = REPO / "data" / "raw"

ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")
ENTITIES = [
    # entity_id, name, type, iso3, country, aliases, members, role
    ("country:RUS", "Russia", "country", "RUS", "RUS", "Russian Federation|Russian", "", ""),
    ("country:VNM", "Việt Nam", "country", "VNM", "VNM", "Viet Nam|Vietnam|Vietnamese", "", ""),
    ("country:LAO", "Laos", "country", "LAO", "LAO", "Lao PDR", "", ""),
    ("country:IDN", "Indonesia", "country", "IDN", "IDN", "", "", ""),
    ("bloc:asean", "ASEAN", "bloc", "", "", "Asean", "|".join(ASEAN), ""),
    ("organisation:who", "World Health Organization", "organisation", "", "", "WHO", "", ""),
    ("person:sergey-lavrov", "Sergey Lavrov", "person", "", "RUS", "Lavrov", "", "Minister of Foreign Affairs"),
    ("person:pham-binh-minh", "Phạm Bình Minh", "person", "", "VNM", "Minh", "", "Minister of Foreign Affairs"),
    ("fund:asean-covid-19-response-fund", "ASEAN COVID-19 Response Fund", "fund", "", "", "", "", ""),
    ("fund:asean-russia-dpff", "ASEAN-Russia Dialogue Partnership Financial Fund", "fund", "", "", "", "", ""),
    ("place:ha-noi", "Hà Nội", "place", "", "VNM", "Hanoi", "", ""),
]


@dataclass
class Statement:
    sentence: int  # index into the article's sentences
    quote: str
    categories: tuple[str, ...]
    kind: str
    cues: tuple[str, ...]
    speakers: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass
class FixtureArticle:
    article_id: str
    source_file: str
    outlet: str
    author: str
    title: str
    published: str
    url: str
    paragraphs: list[list[str]]
    boilerplate: str = ""
    mentions: dict[str, str] = field(default_factory=dict)  # surface -> entity id
    statements: list[Statement] = field(default_factory=list)


VNN = FixtureArticle(
    article_id="vnn",
    source_file="000_vnn.txt",
    outlet="Viet Nam News",
    author="",
    title="ASEAN, Russia pledge to further cooperation in COVID-19 response",
    published="2020-06-17",
    url="https://vietnamnews.vn/politics-laws/asean-russia",
    paragraphs=[
        ["HÀ NỘI ASEAN foreign ministers and their Russian counterpart Sergey Lavrov pledged to further "
         "cooperation in response to COVID19 on Wednesday."],
        ["During the meeting foreign ministers shared their concerns over the complicated and increasing "
         "spread of coronavirus.",
         "The diplomats stressed their commitments to expand partnerships in beefing up diseases readiness "
         "capacity in accordance with WHO rules."],
        ["ASEAN foreign ministers hoped Russia would contribute to the common goal via the ASEAN-Russia "
         "Dialogue Partnership Financial Fund.",
         "They stressed the need for cooperation to drive up production of and equitable access to vaccine "
         "and treatment drugs."],
        ["Russia is willing to share its experience and information regarding vaccine and treatment drugs.",
         "Phạm Bình Minh shared updates on Việt Nam's situation."],
    ],
    mentions={"HÀ NỘI": "place:ha-noi", "ASEAN": "bloc:asean", "Russian": "country:RUS",
              "Sergey Lavrov": "person:sergey-lavrov", "WHO": "organisation:who", "Russia": "country:RUS",
              "ASEAN-Russia Dialogue Partnership Financial Fund": "fund:asean-russia-dpff",
              "Phạm Bình Minh": "person:pham-binh-minh", "Việt Nam": "country:VNM"},
    statements=[
        Statement(0, "pledged to further cooperation in response to COVID19", ("health_cooperation",),
                  "commitment", ("pledg*", "cooperat*"), ("bloc:asean", "person:sergey-lavrov")),
        Statement(1, "shared their concerns over the complicated and increasing spread of coronavirus",
                  ("situation_update",), "concern", ("concern*",), ("bloc:asean", "country:RUS")),
        Statement(2, "stressed their commitments to expand partnerships in beefing up diseases readiness capacity",
                  ("preparedness_capacity",), "commitment", ("commitment*", "readiness"),
                  ("bloc:asean", "country:RUS")),
        Statement(3, "hoped Russia would contribute to the common goal via the ASEAN-Russia Dialogue Partnership "
                     "Financial Fund", ("funding",), "appeal", ("hoped", "fund"), ("bloc:asean",),
                  ("country:RUS",)),
        Statement(4, "stressed the need for cooperation to drive up production of and equitable access to vaccine "
                     "and treatment drugs", ("vaccines_treatment",), "appeal", ("need for", "vaccin*"),
                  ("bloc:asean", "country:RUS")),
        Statement(5, "Russia is willing to share its experience and information regarding vaccine and treatment "
                     "drugs", ("information_sharing", "vaccines_treatment"), "commitment",
                  ("willing", "share", "vaccin*"), ("country:RUS",), ("bloc:asean",)),
        Statement(6, "Phạm Bình Minh shared updates on Việt Nam's situation", ("situation_update",), "report",
                  ("updates",), ("person:pham-binh-minh",)),
    ],
)

TAA = FixtureArticle(
    article_id="taa",
    source_file="001_taa.txt",
    outlet="The Asian Affairs",
    author="Katherine S",
    title="ASEAN-Russia foreign ministers meet on virus response",
    published="2020-06-18",
    url="https://www.theasianaffairs.com/asean-news/asean-russia",
    paragraphs=[
        ["HANOI – Russia foreign minister and the Asean foreign minister held a special video conference "
         "meeting to further strengthen the cooperation in response to COVID-19."],
        ["The foreign ministers shared their concerns and gave updates of their country's situation."],
        ["The Russia foreign minister also expressed willingness to support the COVID-19 ASEAN Response Fund "
         "by utilising resources of the ASEAN-Russia dialogue partnership financial fund."],
    ],
    boilerplate="Recent Posts\nReddit Faces Widespread Outage\n<script>alert('boilerplate')</script>",
    mentions={"HANOI": "place:ha-noi", "Russia": "country:RUS", "Asean": "bloc:asean",
              "COVID-19 ASEAN Response Fund": "fund:asean-covid-19-response-fund"},
    statements=[
        Statement(0, "held a special video conference meeting to further strengthen the cooperation in response to "
                     "COVID-19", ("health_cooperation",), "report", ("cooperat*",),
                  ("country:RUS", "bloc:asean")),
        Statement(1, "shared their concerns and gave updates of their country's situation", ("situation_update",),
                  "concern", ("concern*",), ("bloc:asean",)),
        Statement(2, "expressed willingness to support the COVID-19 ASEAN Response Fund", ("funding",),
                  "commitment", ("willingness", "fund"), ("country:RUS",), ("bloc:asean",)),
    ],
)

WIRE = FixtureArticle(
    article_id="wire",
    source_file="002_wire.html",
    outlet="=Example Wire",
    author="@desk",
    title='=HYPERLINK("http://evil.example","click")',
    published="",
    url="javascript:alert(1)",
    paragraphs=[
        ["Vietnam will donate 200,000 masks to Laos <script>alert('x')</script> next month.",
         "-Officials in Indonesia said +more aid may follow."],
    ],
    boilerplate="<b>Subscribe</b>",
    mentions={"Vietnam": "country:VNM", "Laos": "country:LAO", "Indonesia": "country:IDN"},
    statements=[
        Statement(0, "Vietnam will donate 200,000 masks to Laos <script>alert('x')</script> next month",
                  ("medical_supplies",), "commitment", ("donate", "masks"), ("country:VNM",), ("country:LAO",)),
        Statement(1, "-Officials in Indonesia said +more aid may follow", ("funding",), "report", ("aid",),
                  ("country:IDN",)),
    ],
)

FIXTURE_ARTICLES = (VNN, TAA, WIRE)


def pledge_id(article: str, sentence: int, category: str) -> str:
    """Pledge id of a fixture statement, as the pipeline spells it."""
    return f"{article}-s{sentence + 1:04d}-c0-{category}"


# Cross-source claims: (claim_id, category, [(article, sentence)], has_discrepancy)
CLAIMS = [
    ("claim:1", "health_cooperation", [("vnn", 0), ("taa", 0)], False),
    ("claim:2", "situation_update", [("vnn", 1), ("taa", 1)], False),
    ("claim:3", "funding", [("vnn", 3), ("taa", 2)], True),
    ("claim:4", "vaccines_treatment", [("vnn", 4)], False),
]


def _article_rows(article: FixtureArticle) -> tuple[dict, list[dict], list[dict], list[dict], list[dict]]:
    text_parts, sentences, offset, number = [], [], 0, 0
    for p_index, paragraph in enumerate(article.paragraphs):
        for s_index, sentence in enumerate(paragraph):
            if s_index:
                text_parts.append(" ")
                offset += 1
            sentences.append({"article_id": article.article_id,
                              "sentence_id": f"{article.article_id}-s{number + 1:04d}", "paragraph": p_index,
                              "text": sentence, "start": offset, "end": offset + len(sentence)})
            text_parts.append(sentence)
            offset += len(sentence)
            number += 1
        if p_index < len(article.paragraphs) - 1:
            text_parts.append("\n\n")
            offset += 2
    text = "".join(text_parts)
    mentions = []
    for s in sentences:
        taken: list[tuple[int, int]] = []
        for surface in sorted(article.mentions, key=len, reverse=True):
            start = s["text"].find(surface)
            while start >= 0:
                a, b = s["start"] + start, s["start"] + start + len(surface)
                if all(b <= x or a >= y for x, y in taken):
                    taken.append((a, b))
                    mentions.append({"article_id": article.article_id, "sentence_id": s["sentence_id"],
                                     "entity_id": article.mentions[surface], "surface": surface,
                                     "start": a, "end": b})
                start = s["text"].find(surface, start + 1)
    pledges, actors = [], []
    for st in article.statements:
        sent = sentences[st.sentence]
        start = sent["start"] + sent["text"].index(st.quote)
        statement_id = f"{sent['sentence_id']}-c0"
        for category in st.categories:
            pid = f"{statement_id}-{category}"
            pledges.append({"pledge_id": pid, "statement_id": statement_id, "article_id": article.article_id,
                            "sentence_id": sent["sentence_id"], "category": category, "kind": st.kind,
                            "quote": st.quote, "cues": "|".join(st.cues), "confidence": 0.8,
                            "start": start, "end": start + len(st.quote)})
            actors += [{"pledge_id": pid, "entity_id": e, "role": "speaker"} for e in st.speakers]
            actors += [{"pledge_id": pid, "entity_id": e, "role": "target"} for e in st.targets]
    row = {"article_id": article.article_id, "source_file": article.source_file, "record": "",
           "outlet": article.outlet, "author": article.author, "title": article.title,
           "published": article.published, "updated": "", "dateline": "", "url": article.url,
           "source_id": f"source:{article.article_id}", "text": text, "boilerplate": article.boilerplate,
           "n_sentences": len(sentences), "n_words": len(text.split()), "event_id": "event:1" if
           article.published else "", "duplicate_of": "", "warnings": ""}
    return row, sentences, mentions, pledges, actors


def fixture_tables() -> dict[str, pd.DataFrame]:
    """Every table of the hand-written corpus."""
    articles, sentences, mentions, pledges, actors = [], [], [], [], []
    for article in FIXTURE_ARTICLES:
        a, s, m, p, pa = _article_rows(article)
        articles.append(a)
        sentences += s
        mentions += m
        pledges += p
        actors += pa
    by_id = {a.article_id: a for a in FIXTURE_ARTICLES}
    quotes = {(p["article_id"], p["sentence_id"]): p for p in pledges}
    claims, members = [], []
    for claim_id, category, refs, discrepancy in CLAIMS:
        outlets = {by_id[a].outlet for a, _ in refs}
        for article_id, sentence in refs:
            p = quotes[(article_id, f"{article_id}-s{sentence + 1:04d}")]
            members.append({"claim_id": claim_id, "article_id": article_id, "sentence_id": p["sentence_id"],
                            "statement_id": p["statement_id"], "pledge_id": p["pledge_id"], "quote": p["quote"],
                            "outlet": by_id[article_id].outlet, "kind": p["kind"]})
        claims.append({"claim_id": claim_id, "event_id": "event:1", "label": quotes[(refs[0][0],
                       f"{refs[0][0]}-s{refs[0][1] + 1:04d}")]["quote"], "category": category,
                       "n_articles": len(refs), "n_outlets": len(outlets), "single_source": len(outlets) == 1,
                       "has_discrepancy": discrepancy})
    discrepancies = [{"claim_id": "claim:3", "field": "kind",
                      "description": "Viet Nam News reports an appeal, The Asian Affairs a commitment",
                      "values": "appeal|commitment", "article_ids": "vnn|taa"}]
    entities = [dict(zip(table_columns()["entities"], e, strict=True)) for e in ENTITIES]
    sources = [{"source_id": f"source:{a.article_id}", "outlet": a.outlet, "domain": "", "n_articles": 1,
                "authors": a.author} for a in FIXTURE_ARTICLES]
    rows = {"articles": articles, "sources": sources, "sentences": sentences, "entities": entities,
            "mentions": mentions, "pledges": pledges, "pledge_actors": actors,
            "errors": [{"source_file": "003_broken.pdf", "record": "", "reason": "unsupported file type '.pdf'"}],
            "events": [{"event_id": "event:1", "label": "ASEAN-Russia meeting", "date": "2020-06-17",
                        "actors": "bloc:asean|country:RUS", "n_articles": 2}],
            "claims": claims, "claim_members": members, "discrepancies": discrepancies}
    return {name: pd.DataFrame(rows[name], columns=cols) for name, cols in table_columns().items()}


def write_corpus(tables: dict[str, pd.DataFrame], folder: Path, fingerprint: str = "fixture") -> Path:
    """Write tables as the pipeline does (CSV + Parquet + run.json)."""
    from dashboard.preprocess import PIPELINE_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    run = {"pipeline_version": PIPELINE_VERSION, "vocab_version": "fixture", "input_fingerprint": fingerprint,
           "counts": {n: len(f) for n, f in tables.items()}}
    (folder / "run.json").write_text(json.dumps(run), encoding="utf-8")
    return folder


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: pd.DataFrame(columns=cols) for name, cols in table_columns().items()}


def build_seed_corpus(folder: Path) -> Path:
    """Run the real pipeline over the seed articles."""
    from dashboard.preprocess.pipeline import build_corpus

    build_corpus([RAW_SEEDS], folder)
    return folder


# ---------------------------------------------------------------- pytest fixtures
# Import the *_fixture functions into a test module to use the fixtures by their short names.


@pytest.fixture(scope="session", name="fixture_dir")
def fixture_dir_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(fixture_tables(), tmp_path_factory.mktemp("fixture-corpus"))


@pytest.fixture(scope="session", name="empty_dir")
def empty_dir_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(empty_tables(), tmp_path_factory.mktemp("empty-corpus"), fingerprint="empty")


@pytest.fixture(scope="session", name="seed_dir")
def seed_dir_fixture(seed_tables_dir: Path) -> Path:
    """The seed corpus the real pipeline built (tests/conftest.py); read-only."""
    return seed_tables_dir


@pytest.fixture(scope="session", name="fixture_corpus")
def fixture_corpus_fixture(fixture_dir: Path) -> Corpus:

    return load_corpus(fixture_dir)


@pytest.fixture(scope="session", name="empty_corpus")
def empty_corpus_fixture(empty_dir: Path) -> Corpus:

    return load_corpus(empty_dir)


@pytest.fixture(scope="session", name="seed_corpus")
def seed_corpus_fixture(seed_dir: Path) -> Corpus:

    return load_corpus(seed_dir)
