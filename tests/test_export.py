"""Exports: formula neutralisation, diacritics through a CSV round trip, manifests, zips, file names."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pytest
from dashboard_fixtures import empty_corpus_fixture, empty_dir_fixture, fixture_corpus_fixture, fixture_dir_fixture  # noqa: F401 - fixtures

from dashboard import export, views
from dashboard.filters import Filter, apply_filter, from_query_params
from dashboard.store import Corpus, load_full_tables


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1+2", "'+1+2"),
    ("-Officials said", "'-Officials said"),
    ("@desk", "'@desk"),
    ("\t=cmd", "'\t=cmd"),
    ("a = b", "a = b"),
    ("Phạm Bình Minh", "Phạm Bình Minh"),
    ("", ""),
    (-5, -5),
    (3.5, 3.5),
])
def test_neutralise_cell(value: object, expected: object) -> None:
    assert export.neutralise_cell(value) == expected


def test_neutralise_leaves_numbers_and_the_input_alone() -> None:
    frame = pd.DataFrame({"n": [-1, 2], "text": ["-1", "=A1"], "=col": ["x", "y"]})
    out = export.neutralise(frame)
    assert out["n"].tolist() == [-1, 2]
    assert out["text"].tolist() == ["'-1", "'=A1"]
    assert list(out.columns) == ["n", "text", "'=col"]
    assert frame["text"].tolist() == ["-1", "=A1"]


def test_csv_round_trip_keeps_diacritics_and_rows(fixture_corpus: Corpus) -> None:
    table = views.evidence_table(apply_filter(fixture_corpus, Filter()))
    data = export.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    back = export.read_csv_bytes(data)
    assert list(back.columns) == list(table.columns)
    assert len(back) == len(table) == 12
    assert "Phạm Bình Minh shared updates on Việt Nam's situation" in set(back["quote"])
    wire = back[back["article_id"] == "wire"]
    assert set(wire["outlet"]) == {"'=Example Wire"}
    assert "'-Officials in Indonesia said +more aid may follow" in set(wire["quote"])
    expected = export.neutralise(table).astype(str)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_csv_survives_excel_style_reading(fixture_corpus: Corpus) -> None:
    """Excel decodes a BOM-marked file as UTF-8: decoding with utf-8-sig must give the exact text."""
    data = export.csv_bytes(pd.DataFrame({"name": ["Phạm Bình Minh", "Hà Nội", "Đà Nẵng"]}))
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["name", "Phạm Bình Minh", "Hà Nội", "Đà Nẵng"]


def test_manifest(fixture_corpus: Corpus) -> None:
    f = Filter(countries=("country:RUS",), role="speaker", topics=("vaccines_treatment",))
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    meta = export.manifest(f, fixture_corpus, {"evidence.csv": 2}, now=when)
    assert meta["filters"] == "Statements by Russia on vaccines and treatment"
    assert from_query_params(parse_qs(meta["query_string"])) == f
    assert meta["corpus"]["input_fingerprint"] == "fixture"
    assert meta["corpus"]["pipeline_version"] == fixture_corpus.pipeline_version != ""
    assert meta["generated"] == "2026-01-02T03:04:05+00:00"
    assert json.loads(export.manifest_bytes(meta)) == meta


def test_zip_holds_every_table_and_the_manifest(fixture_corpus: Corpus, fixture_dir: Path) -> None:
    tables = load_full_tables(fixture_dir)
    meta = export.manifest(Filter(), fixture_corpus, {n: len(t) for n, t in tables.items()})
    with zipfile.ZipFile(io.BytesIO(export.zip_bytes(tables, meta))) as archive:
        names = set(archive.namelist())
        assert names == {f"{n}.csv" for n in tables} | {"manifest.json"}
        articles = export.read_csv_bytes(archive.read("articles.csv"))
        assert "Phạm Bình Minh" in articles.set_index("article_id").loc["vnn", "text"]
        assert json.loads(archive.read("manifest.json"))["contents"]["pledges"] == 13


def test_zip_of_an_empty_corpus(empty_corpus: Corpus, empty_dir: Path) -> None:
    tables = load_full_tables(empty_dir)
    data = export.zip_bytes(tables, export.manifest(Filter(), empty_corpus, {}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pledges = export.read_csv_bytes(archive.read("pledges.csv"))
    assert pledges.empty and "pledge_id" in pledges.columns


@pytest.mark.parametrize(("what", "f", "name"), [
    ("evidence", Filter(), "evidence.csv"),
    ("evidence", Filter(countries=("country:RUS",), topics=("vaccines_treatment",), kinds=("commitment",)),
     "evidence_russia_vaccines-and-treatment_commitment.csv"),
    ("statements-by-Phạm Bình Minh", Filter(people=("person:pham-binh-minh",)),
     "statements-by-pham-binh-minh_pham-binh-minh.csv"),
    ("claims", Filter(outlets=("=Example Wire",), text="../../etc"), "claims_example-wire_etc.csv"),
])
def test_export_name(fixture_corpus: Corpus, what: str, f: Filter, name: str) -> None:
    assert export.export_name(what, f, fixture_corpus) == name


def test_categorical_text_is_neutralised_by_its_categories() -> None:
    neutralise = export.neutralise
    safe = pd.Series(pd.Categorical(["Việt Nam pledged", "aid", "Việt Nam pledged"]))
    risky = pd.Series(pd.Categorical(["=HYPERLINK(1)", "aid", "=HYPERLINK(1)", "-5 said"]))
    out = neutralise(pd.DataFrame({"quote": safe}))["quote"]
    assert out.astype(str).tolist() == ["Việt Nam pledged", "aid", "Việt Nam pledged"]
    assert neutralise(pd.DataFrame({"quote": risky}))["quote"].astype(str).tolist() == \
        ["'=HYPERLINK(1)", "aid", "'=HYPERLINK(1)", "'-5 said"]
    clash = pd.Series(pd.Categorical(["=1", "'=1"]))  # prefixing would merge two categories: done per cell
    assert neutralise(pd.DataFrame({"quote": clash}))["quote"].astype(str).tolist() == ["'=1", "'=1"]
