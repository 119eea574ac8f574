"""AppTest (Streamlit 1.67): every page renders on the seeds and on an empty corpus; one interaction each."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from dashboard_fixtures import empty_dir_fixture, seed_corpus_fixture, seed_dir_fixture  # noqa: F401 - fixtures
from streamlit.testing.v1 import AppTest

from dashboard import store
from dashboard.store import Corpus

APP = Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py"
PAGES = ["overview", "evidence", "actors", "sources", "compare", "data"]
TIMEOUT = 60
VACCINE_QUOTES = ("equitable access to vaccine", "willing to share its experience")


def test_streamlit_version_is_the_one_these_tests_were_written_for() -> None:
    assert streamlit.__version__.startswith("1.67"), "AppTest element APIs used here are pinned to 1.67"


def open_app(data: Path, monkeypatch: pytest.MonkeyPatch, uploads: Path, page: str = "overview",
             query: dict | None = None) -> AppTest:
    monkeypatch.setenv(store.ENV_DATA, str(data))
    monkeypatch.setenv(store.ENV_UPLOADS, str(uploads))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def statement_ids(corpus: Corpus, fragments: tuple[str, ...]) -> list[str]:
    p = corpus.pledges
    return [str(p.loc[p["quote"].str.contains(f, regex=False), "statement_id"].iloc[0]) for f in fragments]


def evidence_quotes(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["quote"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_seeds(seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         page: str) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, page)
    titles = [t.value for t in at.title]
    assert titles[-1] != "" and "Pledge Explorer" in titles
    assert not at.warning


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_corpus(empty_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               page: str) -> None:
    at = open_app(empty_dir, monkeypatch, tmp_path, page)
    assert any("no articles yet" in w.value for w in at.warning)


def test_overview_topic_filter_changes_the_numbers(seed_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path)
    assert int(metric(at, "Statements")) > 2
    at.multiselect(key="f_topics").set_value(["vaccines_treatment"]).run()
    assert metric(at, "Statements") == "2"
    assert metric(at, "Outlets") == "1"
    assert at.query_params["topic"] == "vaccines_treatment"
    assert any("on vaccines and treatment" in c.value for c in at.caption)


def test_overview_grid_cell_shows_its_quotes(seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path)
    at.selectbox(key="ov_actor").set_value("country:RUS").run()
    at.selectbox(key="ov_topic").set_value("vaccines_treatment").run()
    cell = at.dataframe[-1].value
    assert len(cell) == 2
    assert all(any(v in q for q in cell["quote"]) for v in VACCINE_QUOTES)


def test_evidence_topic_leaves_exactly_the_vaccine_quotes(seed_dir: Path, tmp_path: Path,
                                                          seed_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "evidence")
    assert len(evidence_quotes(at)) > 2
    at.multiselect(key="f_topics").set_value(["vaccines_treatment"]).run()
    quotes = evidence_quotes(at)
    assert len(quotes) == 2 and all(any(v in q for q in quotes) for v in VACCINE_QUOTES)
    first = at.html[0].value
    other = next(s for s in statement_ids(seed_corpus, VACCINE_QUOTES) if s != at.selectbox(key="ev_pick").value)
    at.selectbox(key="ev_pick").set_value(other).run()
    second = at.html[0].value
    assert first != second
    assert 'class="pe-quote"' in second and 'class="pe-mention"' in second


def test_evidence_shows_corroboration_badges(seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "evidence")
    table = at.dataframe[0].value
    badges = dict(zip(table["quote"], table["reported_by"], strict=True))
    assert next(b for q, b in badges.items() if "hoped Russia would contribute" in q) == "2 outlets"
    assert next(b for q, b in badges.items() if "equitable access to vaccine" in q) == "single source"


def test_shared_url_applies_its_filters(seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    query = {"country": "RUS", "role": "speaker", "kind": "commitment", "topic": "vaccines_treatment"}
    at = open_app(seed_dir, monkeypatch, tmp_path, "evidence", query=query)
    assert at.multiselect(key="f_countries").value == ["country:RUS"]
    assert at.radio(key="f_role").value == "speaker"
    quotes = evidence_quotes(at)
    assert len(quotes) == 1 and VACCINE_QUOTES[1] in quotes[0]
    assert any("Commitments by Russia on vaccines and treatment" in c.value for c in at.caption)


def test_empty_result_suggests_how_to_loosen(seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "evidence")
    at.text_input(key="f_text").set_value("no quote says this").run()
    assert any("No statements match" in i.value for i in at.info)
    loosen = next(b for b in at.button if b.label.startswith("Remove the search text filter"))
    loosen.click().run()
    assert at.text_input(key="f_text").value == ""
    assert len(evidence_quotes(at)) > 2


def test_actor_profile_follows_the_chosen_actor(seed_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "actors")
    at.selectbox(key="act_pick").set_value("country:RUS").run()
    russia = at.dataframe[-1].value
    at.selectbox(key="act_pick").set_value("country:VNM").run()
    vietnam = at.dataframe[-1].value
    assert any(VACCINE_QUOTES[1] in q for q in russia["quote"])
    assert not any(VACCINE_QUOTES[1] in q for q in vietnam["quote"])


def test_sources_reader_shows_text_and_boilerplate_as_text(seed_dir: Path, tmp_path: Path, seed_corpus: Corpus,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "sources")
    articles = seed_corpus.articles
    taa = articles.loc[articles["outlet"] == "The Asian Affairs", "article_id"].iloc[0]
    at.selectbox(key="src_pick").set_value(taa).run()
    assert "expressed willingness to support" in at.html[0].value
    assert any("Recent Posts" in t.value for t in at.text)


def test_compare_sources_side_by_side_and_min_outlets(seed_dir: Path, tmp_path: Path,
                                                      seed_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "compare")
    claims = seed_corpus.claims
    fund = claims.loc[claims["label"].str.contains("hoped Russia would contribute"), "claim_id"].iloc[0]
    at.selectbox(key="cmp_claim").set_value(fund).run()
    texts = [t.value for t in at.text]
    assert any("hoped Russia would contribute" in t for t in texts)
    assert any("expressed willingness to support" in t for t in texts)
    discrepancies = next(d.value for d in at.dataframe if "description" in d.value.columns)
    assert "appeal vs commitment" in set(discrepancies["values"])
    at.number_input(key="f_min_outlets").set_value(2).run()
    assert all(d.value.columns.tolist() != ["outlet", "claim", "topic", "kind"] for d in at.dataframe)


def test_data_page_processes_an_upload_and_switches_corpus(seed_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(seed_dir, monkeypatch, tmp_path, "data")
    article = (b"Moscow, 3 March 2021 - Russia pledged to deliver vaccines to Laos, "
               b"the Russian foreign ministry said on Wednesday.\n\nLaos welcomed the offer.\n")
    at.file_uploader(key="upload_files").set_value([("moscow-laos.txt", article, "text/plain")])
    at.text_input(key="upload_name").set_value("Laos test").run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="corpus_choice").value == "laos-test"
    assert at.query_params["corpus"] == "laos-test"
    assert (tmp_path / "laos-test" / "corpus" / "run.json").is_file()
    assert any("Processed 1 articles" in s.value for s in at.success)
