"""The gazetteer: loading, dated memberships and roles, validation messages."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from dashboard.preprocess.gazetteer import GazetteerError, fold, load_gazetteer, slug


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_every_iso_country_is_known(gazetteer) -> None:
    countries = [e for e in gazetteer.entries if e.type == "country"]
    assert len(countries) >= 240
    vietnam = gazetteer.get("country:VNM")
    assert vietnam.name == "Vietnam" and {"Việt Nam", "Viet Nam"} <= set(vietnam.aliases)
    assert "Vietnamese" in vietnam.demonyms
    assert "US" in gazetteer.get("country:USA").exact  # case-sensitive: "us" is a pronoun


@pytest.mark.parametrize(
    ("bloc", "day", "member", "expected"),
    [
        ("bloc:asean", "2020-04-22", "VNM", True),
        ("bloc:asean", "1990-01-01", "VNM", False),  # joined 1995
        ("bloc:asean", "2020-04-22", "TLS", False),  # joined 2025
        ("bloc:asean", "2026-01-01", "TLS", True),
        ("bloc:eu", "2019-12-31", "GBR", True),
        ("bloc:eu", "2020-02-01", "GBR", False),
    ],
)
def test_members_on_a_date(gazetteer, bloc: str, day: str, member: str, expected: bool) -> None:
    assert (member in gazetteer.members_on(bloc, day)) is expected


def test_blocs_of_a_country(gazetteer) -> None:
    assert "bloc:asean" in gazetteer.blocs_of("VNM", "2020-04-22")
    assert "bloc:eu" not in gazetteer.blocs_of("GBR", "2021-01-01")


def test_people_act_for_their_country_or_organisation(gazetteer) -> None:
    minh = gazetteer.get("person:pham-binh-minh")
    assert minh.acting_for("2020-04-22") == "country:VNM"
    assert minh.role_on("2020-04-22").title in {"Foreign Minister", "Deputy Prime Minister"}
    assert gazetteer.get("person:tedros-adhanom-ghebreyesus").acting_for() == "organisation:who"


def test_fold_and_slug() -> None:
    assert fold("Phạm Bình Minh") == "pham binh minh"
    assert slug("Đà Nẵng") == "da-nang"


def _vocab_copy(tmp_path: Path) -> Path:
    target = tmp_path / "vocab"
    shutil.copytree(Path(str(resources.files("dashboard") / "vocab")), target)
    return target


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("blocs.toml", '[[bloc]]\nid = "bloc:x"\nname = "X"\nmembers = [{ iso3 = "Vietnam" }]\n', "needs an iso3"),
        ("blocs.toml", '[[bloc]]\nid = "bloc:x"\nname = "X"\nmembers = [{ iso3 = "VNM", since = "2020" }]\n',
         "not YYYY-MM-DD"),
        ("blocs.toml", '[[bloc]]\nid = "bloc:x"\nname = "X"\ncore = "bloc:y"\nmembers = [{ iso3 = "VNM" }]\n',
         "core 'bloc:y' is no other bloc"),
        ("organisations.toml", '[[organisation]]\nid = "organisation:x"\ntype = "club"\nname = "X"\n',
         "must be organisation, forum or fund"),
        ("organisations.toml", '[[organisation]]\nid = "Bad Id"\nname = "X"\n', "needs a name and an id"),
        ("organisations.toml", '[[organisation]]\nid = "organisation:x"\nname = "X"\nagreement = "yes"\n',
         "agreement must be true or false"),
        ("places.toml", "[[place]\n", "places.toml: cannot read"),
        ("places.toml", '[[place]]\nname = "Brussels"\ncountry = "BEL"\ncapital = true\nstands_for = "bloc:xx"\n',
         "stands_for 'bloc:xx' needs a known entity"),
        ("titles.toml", 'titles = ["Minister"]\naddress_titles = ["Dato"]\n', "address_titles must be among titles"),
    ],
)
def test_malformed_vocabulary_names_the_file(tmp_path: Path, file: str, content: str, message: str) -> None:
    folder = _vocab_copy(tmp_path)
    (folder / file).write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer(folder)


@pytest.mark.parametrize(("words", "message"), [
    ('[unlisted_heads]\nclub = ["Club"]\n', "unlisted_heads must map organisation"),
    ('[unlisted_heads]\nfund = ["Fund"]\n[unlisted]\nmin_words = 0\n', "unlisted.min_words must be a whole number"),
    ('[unlisted_heads]\nfund = "Fund"\n[unlisted]\njoins = [1]\n', "unlisted.joins: expected a list of strings"),
])
def test_malformed_words_for_unlisted_organisations_name_the_file(tmp_path: Path, words: str, message: str) -> None:
    folder = _vocab_copy(tmp_path)
    listed = (folder / "organisations.toml").read_text(encoding="utf-8")
    (folder / "organisations.toml").write_text(words + listed[listed.index("[[organisation]]"):], encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer(folder)


def test_an_entry_by_its_id(gazetteer) -> None:
    assert gazetteer["country:VNM"].name == gazetteer.get("country:VNM").name
    assert "country:VNM" in gazetteer and "country:XXX" not in gazetteer
    assert gazetteer.get("country:XXX") is None
    with pytest.raises(KeyError):
        gazetteer["country:XXX"]


def test_portfolios_are_written_into_each_form_and_a_form_must_say_where() -> None:
    from dashboard.preprocess.gazetteer import GazetteerError, portfolio_titles

    assert portfolio_titles(["Trade", "Industry and Trade"], ["Minister of {}", "{} Minister"]) == (
        "Minister of Trade", "Trade Minister", "Minister of Industry and Trade", "Industry and Trade Minister")
    with pytest.raises(GazetteerError, match="portfolio_forms"):
        portfolio_titles(["Trade"], ["Minister of"])
