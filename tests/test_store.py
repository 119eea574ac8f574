"""Loading corpora: dtypes, lazy texts, lookup columns, the actor index, staleness, uploads."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from dashboard_fixtures import (  # noqa: F401 - fixtures
    empty_corpus_fixture,
    empty_dir_fixture,
    fixture_corpus_fixture,
    fixture_dir_fixture,
    fixture_tables,
    pledge_id,
    seed_corpus_fixture,
    seed_dir_fixture,
    write_corpus,
)

from dashboard import store
from dashboard.store import Corpus, fold_text, load_article_texts, load_corpus


def test_tables_follow_the_contract(fixture_corpus: Corpus) -> None:
    contract = store.table_columns()
    for name, frame in fixture_corpus.tables.items():
        lazy = store.LAZY_COLUMNS.get(name, ())
        assert list(frame.columns) == [c for c in contract[name] if c not in lazy], name


def test_repeated_strings_are_categorical_and_offsets_numeric(fixture_corpus: Corpus) -> None:
    assert isinstance(fixture_corpus.pledges["category"].dtype, pd.CategoricalDtype)
    assert isinstance(fixture_corpus.pledges["outlet"].dtype, pd.CategoricalDtype)
    assert isinstance(fixture_corpus.mentions["entity_id"].dtype, pd.CategoricalDtype)
    assert fixture_corpus.pledges["start"].dtype == "int64"
    assert fixture_corpus.claims["single_source"].dtype == bool


def test_article_texts_are_loaded_only_on_demand(fixture_corpus: Corpus, fixture_dir: Path) -> None:
    assert "text" not in fixture_corpus.articles.columns
    texts = load_article_texts(fixture_dir, ["taa", "nope"])
    assert list(texts["article_id"]) == ["taa"]
    assert texts["text"].iloc[0].startswith("HANOI – Russia foreign minister")
    assert "<script>" in texts["boilerplate"].iloc[0]
    assert store.article_text(fixture_dir, "nope") == ("", "")


def test_article_texts_from_csv_only_corpus(tmp_path: Path) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "csv")
    for parquet in folder.glob("*.parquet"):
        parquet.unlink()
    corpus = load_corpus(folder)
    assert len(corpus.pledges) == 13
    assert "Phạm Bình Minh" in store.article_text(folder, "vnn")[0]


@pytest.mark.parametrize(("pid", "column", "expected"), [
    (pledge_id("vnn", 0, "health_cooperation"), "speakers", "ASEAN, Sergey Lavrov"),
    (pledge_id("vnn", 3, "funding"), "targets", "Russia"),
    (pledge_id("vnn", 3, "funding"), "outlet", "Viet Nam News"),
    (pledge_id("vnn", 3, "funding"), "reported_by", "2 outlets"),
    (pledge_id("vnn", 4, "vaccines_treatment"), "reported_by", "single source"),
    (pledge_id("vnn", 5, "vaccines_treatment"), "topics", "Information and experience sharing; Vaccines and treatment"),
    (pledge_id("vnn", 5, "vaccines_treatment"), "topic", "Vaccines and treatment"),
    (pledge_id("wire", 0, "medical_supplies"), "published", ""),
    (pledge_id("taa", 2, "funding"), "paragraph", 2),
])
def test_lookup_columns(fixture_corpus: Corpus, pid: str, column: str, expected: object) -> None:
    row = fixture_corpus.pledges.set_index("pledge_id").loc[pid]
    assert row[column] == expected


def test_quotes_are_folded_for_search(fixture_corpus: Corpus) -> None:
    pledges = fixture_corpus.pledges
    position = int(pledges.index[pledges["pledge_id"] == pledge_id("vnn", 6, "situation_update")][0])
    assert fixture_corpus.search_text[position].as_py() == "pham binh minh shared updates on viet nam's situation"


def test_bloc_members_and_nationality_reach_countries(fixture_corpus: Corpus) -> None:
    index = fixture_corpus.actors
    rows = fixture_corpus.pledges["pledge_id"]
    via_bloc = set(rows[index.rows_for(["country:LAO"], ["speaker"], ["bloc"])])
    assert pledge_id("vnn", 3, "funding") in via_bloc
    by_minister = set(rows[index.rows_for(["country:RUS"], ["speaker"], ["nationality"])])
    assert by_minister == {pledge_id("vnn", 0, "health_cooperation")}
    assert fixture_corpus.name("country:THA") == "Thailand"


def test_empty_corpus_has_every_table_and_no_rows(empty_corpus: Corpus) -> None:
    assert empty_corpus.is_empty
    assert set(empty_corpus.tables) == set(store.table_columns())
    assert empty_corpus.pledges.empty and empty_corpus.actors.frame.empty
    assert {"speakers", "reported_by", "topics"} <= set(empty_corpus.pledges.columns)
    assert len(empty_corpus.search_text) == 0


def test_empty_corpus_without_files(tmp_path: Path) -> None:
    corpus = store.empty_corpus(tmp_path)
    assert corpus.is_empty and corpus.pledges.empty


def test_seed_corpus_loads(seed_corpus: Corpus) -> None:
    assert set(seed_corpus.articles["outlet"].astype(str)) == {"Viet Nam News", "The Asian Affairs"}
    fund = seed_corpus.pledges[seed_corpus.pledges["quote"].str.contains("hoped Russia would contribute")]
    assert fund["targets"].iloc[0] == "Russia"
    assert fund["reported_by"].iloc[0] == "2 outlets"


@pytest.mark.parametrize(("text", "folded"), [
    ("Việt Nam", "viet nam"),
    ("HÀ NỘI", "ha noi"),
    ("Đà Nẵng", "da nang"),
    ("Phạm Bình Minh", "pham binh minh"),
    ("Russia’s", "russia's"),
    ("plain", "plain"),
])
def test_fold_text(text: str, folded: str) -> None:
    assert fold_text(text) == folded
    assert store.fold_series(pd.Series([text], dtype="str")).iloc[0] == folded


def test_default_corpus_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(store.ENV_DATA, str(tmp_path))
    assert store.default_corpus_dir() == tmp_path
    monkeypatch.delenv(store.ENV_DATA)
    assert store.default_corpus_dir().parts[-2:] == ("data", "processed")


def test_staleness_and_rebuild(seed_dir: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "raw", raw)
    out = tmp_path / "processed"
    assert store.is_stale(raw, out)  # missing
    shutil.copytree(seed_dir, out)
    assert not store.is_stale(raw, out)
    assert store.ensure_corpus(raw, out) is False
    first = next(raw.glob("*.txt"))
    first.write_text(first.read_text(encoding="utf-8") + "\nRussia pledged more vaccines.", encoding="utf-8")
    assert store.is_stale(raw, out)
    stamp = store.corpus_stamp(out)
    assert store.ensure_corpus(raw, out) is True
    assert not store.is_stale(raw, out)
    assert store.corpus_stamp(out) != stamp


def test_other_pipeline_version_is_stale(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "processed"
    shutil.copytree(seed_dir, out)
    run = json.loads((out / "run.json").read_text())
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    assert not store.is_stale(raw, out)
    (out / "run.json").write_text(json.dumps({**run, "pipeline_version": "0.0.0-old"}))
    assert store.is_stale(raw, out)


def test_save_uploads(tmp_path: Path) -> None:
    saved = store.save_uploads("My Articles!", [("../../evil name.txt", b"Russia pledged."),
                                                ("notes.pdf", b"%PDF"), ("big.html", b"x" * 50),
                                                ("evil?name.txt", b"Laos agreed.")],
                               max_bytes=20, root=tmp_path)
    assert saved.raw_dir == tmp_path / "my-articles" / "raw"
    assert saved.saved == ("evil-name.txt", "evil-name-2.txt")
    assert [name for name, _ in saved.refused] == ["notes.pdf", "big.html"]
    assert (saved.raw_dir / "evil-name.txt").read_bytes() == b"Russia pledged."
    assert store.list_uploaded_corpora(tmp_path) == {}
    write_corpus(fixture_tables(), saved.corpus_dir)
    assert store.list_uploaded_corpora(tmp_path) == {"my-articles": saved.corpus_dir}


def test_full_tables_include_article_texts(fixture_dir: Path) -> None:
    tables = store.load_full_tables(fixture_dir)
    assert list(tables["articles"].columns) == store.table_columns()["articles"]
    assert tables["articles"].set_index("article_id").loc["vnn", "text"].startswith("HÀ NỘI ASEAN")


# ---------------------------------------------------------------- lookups at scale: ids matched once, as integers


def text(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


@pytest.mark.parametrize(("columns", "expected"), [
    ((["a", "b", "a"], ["b", "c"]), ([0, 1, 0], [1, 2])),
    ((["x"], [], ["x", "y"]), ([0], [], [0, 1])),
    (([], []), ([], [])),
])
def test_shared_codes_number_values_across_columns(columns: tuple[list[str], ...],
                                                   expected: tuple[list[int], ...]) -> None:
    codes = store.shared_codes(*(text(*c) for c in columns))
    assert [list(c) for c in codes] == [list(e) for e in expected]


@pytest.mark.parametrize(("codes", "n", "expected"), [
    ([2, 0, 2, -1, 0], 4, [1, -1, 0, -1]),
    ([], 2, [-1, -1]),
    ([5], 3, [-1, -1, -1]),  # codes beyond n are ignored
])
def test_first_position(codes: list[int], n: int, expected: list[int]) -> None:
    assert list(store.first_position(np.array(codes, dtype=np.int64), n)) == expected


def test_join_ids_by_pledge_then_statement() -> None:
    pledges = pd.DataFrame({"pledge_id": text("s1-a", "s1-b", "s2-a"), "statement_id": text("s1", "s1", "s2")})
    actors = pd.DataFrame({"pledge_id": text("s2-a", "nope", "s1-a")})
    members = pd.DataFrame({"pledge_id": text("s1-b", "other"), "statement_id": text("s1", "s2")})
    ids = store.join_ids(pledges, store.positions(actors["pledge_id"], pledges["pledge_id"]), members)
    assert list(ids.stmt) == [0, 0, 1]
    assert list(ids.actor_rows) == [2, -1, 0]
    assert list(ids.member_rows) == [1, -1]
    assert list(ids.member_stmts) == [0, 1]


SENTENCES = pd.DataFrame({"article_id": pd.Series(["a", "a", "a", "b"], dtype="category"),
                          "paragraph": [0, 0, 1, 0], "start": [0, 10, 30, 0], "end": [9, 28, 50, 20]})


@pytest.mark.parametrize(("article", "start", "end", "sentence_id", "expected"), [
    ("a", 12, 20, "", (1, 0, 0, 28)),  # inside the second sentence; paragraph 0 spans both sentences
    ("a", 30, 31, "", (2, 1, 30, 50)),
    ("b", 5, 9, "", (3, 0, 0, 20)),
    ("c", 5, 9, "", (-1, -1, -1, -1)),  # unknown article
    ("a", 9, 9, "", (-1, -1, -1, -1)),  # no span, no sentence id
    ("a", -1, -1, "a-s2", (2, 1, 30, 50)),  # no span: found by its sentence id
])
def test_sentence_places(article: str, start: int, end: int, sentence_id: str,
                         expected: tuple[int, int, int, int]) -> None:
    pledges = pd.DataFrame({"article_id": pd.Series([article], dtype="category"), "start": [start], "end": [end],
                            "sentence_id": text(sentence_id)})
    places = store.sentence_places(pledges, SENTENCES,
                                   lambda: (pledges["sentence_id"], text("a-s0", "a-s1", "a-s2", "b-s0")))
    assert (places.sentence[0], places.paragraph[0], places.para_start[0], places.para_end[0]) == expected


MENTIONS = pd.DataFrame({"article_id": pd.Series(["a", "a", "a", "a", "b"], dtype="category"),
                         "entity_id": pd.Series(["e:in", "e:edge", "e:across", "e:after", "e:other"],
                                                dtype="category"),
                         "start": [12, 10, 18, 25, 12], "end": [15, 20, 22, 28, 15]})
ENTITIES = pd.DataFrame({c: pd.Series([], dtype="str") for c in ("entity_id", "type", "iso3", "country", "members")})


@pytest.mark.parametrize(("start", "end", "sentence", "expected"), [
    (10, 20, 0, {"e:in", "e:edge"}),  # inside the span, edges included; a mention crossing its end is not
    (-1, -1, 0, {"e:in", "e:edge", "e:across", "e:after"}),  # no span: the whole sentence (10..30)
    (-1, -1, -1, set()),  # no span and no sentence
])
def test_mentions_count_inside_the_statement_window(start: int, end: int, sentence: int,
                                                    expected: set[str]) -> None:
    pledges = pd.DataFrame({"article_id": pd.Series(["a"], dtype="category"), "start": [start], "end": [end]})
    sentences = pd.DataFrame({"start": [10], "end": [30]})
    places = store.SentencePlaces(np.array([sentence]), np.array([0]), np.array([10]), np.array([30]))
    windows = store.mention_windows(pledges, places, sentences)
    actors = pd.DataFrame({"entity_id": pd.Series([], dtype="category"), "role": pd.Series([], dtype="category")})
    universe, rows, entity, role = store.actor_entries(pledges, actors, np.empty(0, dtype=np.int64), MENTIONS,
                                                       ENTITIES, windows)
    assert {universe[e] for e in entity} == expected
    assert set(role) <= {store.ROLES.index("mention")} and set(rows) <= {0}


@pytest.mark.parametrize("vias", [("self",), ("self", "nationality"), ("self", "nationality", "bloc"), ("bloc",)])
@pytest.mark.parametrize("roles", [("speaker",), ("target",), ("speaker", "target", "mention")])
def test_actor_index_queries_agree_with_its_expanded_frame(fixture_corpus: Corpus, roles: tuple[str, ...],
                                                           vias: tuple[str, ...]) -> None:
    index, n = fixture_corpus.actors, len(fixture_corpus.pledges)
    frame = index.frame
    chosen = frame[frame["role"].isin(roles) & frame["via"].isin(vias)]
    for key in index.present_keys():
        expected = sorted(set(chosen.loc[chosen["key"] == key, "row"]))
        assert list(index.rows_for([key], roles, vias)) == expected, key
        assert list(np.flatnonzero(index.mask_for([key], roles, vias, n))) == expected, key
    some = np.array([0, 3, 7])
    row, key = index.involved(some, roles, vias, n)
    mine = chosen[chosen["row"].isin(some)]
    assert sorted(zip(row.tolist(), index.keys[key], strict=True)) == sorted(
        zip(mine["row"].tolist(), mine["key"].astype(str), strict=True))
    assert list(index.keys_involved(some, roles, vias, n)) == sorted(set(key.tolist()))


def test_tables_are_read_on_first_use(fixture_dir: Path) -> None:
    corpus = load_corpus(fixture_dir)
    assert not corpus.tables.is_loaded("claim_members")
    assert corpus.tables.n_rows("claim_members") == 7 and not corpus.tables.is_loaded("claim_members")
    assert len(corpus.claim_members) == 7 and corpus.tables.is_loaded("claim_members")
    assert "claim_members" in corpus.tables and "nope" not in corpus.tables
    with pytest.raises(KeyError):
        corpus.tables["nope"]


def _refuse(what: str) -> Callable[..., None]:
    """A stand-in for a function that must not be called: calling it fails the test with `what`."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(what)

    return refuse


def test_lookups_are_cached_next_to_the_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    first = load_corpus(folder)
    assert len(list((folder / store.LOOKUPS_DIR).glob("*.arrow"))) == len(store.LOOKUP_FILES)

    monkeypatch.setattr(store, "build_lookups", _refuse("lookups rebuilt although cached"))
    again = load_corpus(folder)
    pd.testing.assert_frame_equal(again.pledges, first.pledges)
    pd.testing.assert_frame_equal(again.actors.frame, first.actors.frame)
    assert again.names == first.names
    (folder / "run.json").write_text((folder / "run.json").read_text() + " ", encoding="utf-8")  # a new corpus
    with pytest.raises(AssertionError, match="rebuilt"):
        load_corpus(folder)


def test_prepared_lookups_equal_the_ones_built_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare_corpus builds the quotes' and the ids' lookups in steps, reading each column when its step comes;
    a load that finds no cache builds them from the frames it holds. Both give the same corpus."""
    tables = fixture_tables()
    tables["pledges"].loc[0, ["start", "end"]] = -1  # no span: placed by its sentence id, read only for this
    built = load_corpus(write_corpus(tables, tmp_path / "built"))
    prepared = write_corpus(tables, tmp_path / "prepared")
    store.prepare_corpus(prepared)
    names = sorted(p.name.split("-", 1)[1] for p in (prepared / store.LOOKUPS_DIR).iterdir())
    assert names == [f"{name}.arrow" for name in sorted([*store.LOOKUP_FILES, "words"])]

    monkeypatch.setattr(store, "build_lookups", _refuse("lookups rebuilt although prepared"))
    loaded = load_corpus(prepared)
    pd.testing.assert_frame_equal(loaded.pledges, built.pledges)
    pd.testing.assert_frame_equal(loaded.actors.frame, built.actors.frame)
    assert loaded.search_text.to_pylist() == built.search_text.to_pylist()
    assert loaded.pledges.loc[0, "paragraph"] >= 0 and loaded.pledges.loc[0, "para_end"] > 0
    assert loaded.text_search.mask(["vaccine"]).tolist() == built.text_search.mask(["vaccine"]).tolist()


def test_a_lookups_file_missing_means_they_are_built_again(tmp_path: Path) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    store.prepare_corpus(folder)
    next((folder / store.LOOKUPS_DIR).glob("*-quotes.arrow")).unlink()  # e.g. stopped between two files
    assert len(load_corpus(folder).pledges) == 13
    assert len(list((folder / store.LOOKUPS_DIR).glob("*-quotes.arrow"))) == 1


def test_parquet_is_read_a_row_group_at_a_time_with_the_same_result(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pledges = fixture_tables()["pledges"]
    pq.write_table(pa.Table.from_pandas(pledges, preserve_index=False), tmp_path / "pledges.parquet", row_group_size=4)
    assert pq.ParquetFile(tmp_path / "pledges.parquet").num_row_groups == 4
    columns = ["pledge_id", "quote", "category", "start"]
    got = store.read_columns(tmp_path, "pledges", columns)
    (tmp_path / "pledges.parquet").unlink()
    pledges.to_csv(tmp_path / "pledges.csv", index=False)
    pd.testing.assert_frame_equal(got, store.read_columns(tmp_path, "pledges", columns))


def test_folding_in_slices_gives_what_folding_each_text_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Việt Nam", "ASEAN", "Phạm Bình Minh", "", "Lavrov", "COVID-19", "ĐÀ NẴNG", "Ørsted", "Jakarta"]
    monkeypatch.setattr(store, "FOLD_SLICE", 2)
    folded = store.fold_arrow(pd.Series(texts, dtype="str"))
    assert folded.num_chunks == 5  # the third slice is plain ASCII: lower-cased only
    assert folded.to_pylist() == [fold_text(t) for t in texts]
    assert store.fold_arrow(pd.Series([], dtype="str")).to_pylist() == []


def test_a_parquet_file_without_the_columns_asked_for_keeps_its_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"pledge_id": ["a", "b", "c"]}), tmp_path / "pledges.parquet", row_group_size=2)
    read = store.read_columns(tmp_path, "pledges", ["category", "start"])
    assert read["category"].tolist() == ["", "", ""] and read["start"].tolist() == [-1, -1, -1]


def test_preparing_an_unwritable_folder_stops_at_the_first_save(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    (folder / store.LOOKUPS_DIR).write_text("a file where the cache folder would go", encoding="utf-8")

    monkeypatch.setattr(store, "id_lookups", _refuse("the id lookups were built although nothing can be saved"))
    store.prepare_corpus(folder)
    assert not list(folder.glob("**/*.tmp-*"))


def test_a_damaged_lookups_file_is_rebuilt_when_preparing(tmp_path: Path) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    store.prepare_corpus(folder)
    quotes = next((folder / store.LOOKUPS_DIR).glob("*-quotes.arrow"))
    quotes.write_bytes(quotes.read_bytes()[:100])  # cut short
    store.prepare_corpus(folder)
    assert len(load_corpus(folder).pledges) == 13 and quotes.stat().st_size > 100


def test_unwritable_lookups_folder_only_costs_time(tmp_path: Path) -> None:
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    (folder / store.LOOKUPS_DIR).write_text("a file where the cache folder would go", encoding="utf-8")
    assert len(load_corpus(folder).pledges) == 13
    assert len(load_corpus(folder).pledges) == 13


def test_search_text_is_folded_once_per_distinct_quote(fixture_corpus: Corpus) -> None:
    quotes = fixture_corpus.pledges["quote"]
    assert isinstance(quotes.dtype, pd.CategoricalDtype)
    folded = fixture_corpus.search_text.combine_chunks()
    assert len(folded.dictionary) == len(quotes.cat.categories)
    assert folded.to_pylist() == [fold_text(q) for q in quotes.astype(str)]


def test_dictionary_columns_become_categoricals_like_pandas_makes_them() -> None:
    """Chunks with different dictionaries, nulls and an unused value: same values and category order as pandas."""
    import pyarrow as pa

    chunks = [pa.array(["Việt Nam", None, "Lavrov", "Việt Nam"]).dictionary_encode(),
              pa.DictionaryArray.from_arrays(pa.array([1, 1, 0], pa.int32()), pa.array(["unused", "ASEAN"])),
              pa.array([], pa.string()).dictionary_encode()]
    column = pa.chunked_array(chunks)
    ours = store._dictionary_categorical(column)
    theirs = pd.Series(column.to_pandas(), dtype="category")
    assert list(ours.cat.categories) == list(theirs.cat.categories) == ["Việt Nam", "Lavrov", "unused", "ASEAN"]
    assert ours.isna().tolist() == theirs.isna().tolist() == [False, True, False, False, False, False, False]
    assert ours.astype(object).where(ours.notna(), None).tolist() == \
        ["Việt Nam", None, "Lavrov", "Việt Nam", "ASEAN", "ASEAN", "unused"]
    assert store._dictionary_categorical(pa.chunked_array([], pa.dictionary(pa.int32(), pa.string()))).empty


def test_quotes_are_read_once_each_without_a_hash_table(fixture_dir: Path, tmp_path: Path) -> None:
    """The quotes are the biggest text the app holds: one copy per distinct quote, and no Python string per quote
    in a hash table (reading them, building the lookups, and loading cached lookups)."""
    read = store.read_columns(fixture_dir, "pledges", ["quote"])["quote"]
    assert isinstance(read.dtype, pd.CategoricalDtype) and read.cat.categories.is_unique
    by_hand = pd.read_csv(fixture_dir / "pledges.csv", dtype=str, keep_default_na=False)["quote"]
    assert read.astype(str).tolist() == by_hand.tolist()
    assert len(read.cat.categories) == by_hand.nunique() < len(by_hand)

    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    built, cached = load_corpus(folder), load_corpus(folder)  # the second reads the lookups the first saved
    for corpus in (built, cached):
        quotes = corpus.pledges["quote"]
        assert "_engine" not in quotes.cat.categories._cache
        assert quotes.astype(str).tolist() == built.pledges["quote"].astype(str).tolist()
    made = pd.Series(pd.Categorical.from_codes([0, 1, 0], categories=pd.Index(["a", "b"], dtype="str")))
    assert "_engine" in made.cat.categories._cache  # what pandas does today; if it stops, this test says so
    assert "_engine" not in store._without_hash_table(made).cat.categories._cache
    fresh = store._without_hash_table(read)
    assert "_engine" not in fresh.cat.categories._cache
    assert (fresh == by_hand.iloc[0]).sum() == (by_hand == by_hand.iloc[0]).sum()  # still compares by text


def test_csv_only_corpus_loads_the_same_frames_as_parquet(tmp_path: Path) -> None:
    both = write_corpus(fixture_tables(), tmp_path / "both")
    csv_only = write_corpus(fixture_tables(), tmp_path / "csv")
    for parquet in csv_only.glob("*.parquet"):
        parquet.unlink()
    from_parquet, from_csv = load_corpus(both), load_corpus(csv_only)
    pd.testing.assert_frame_equal(from_csv.pledges, from_parquet.pledges)
    for name in ("articles", "mentions", "pledge_actors"):
        pd.testing.assert_frame_equal(from_csv.tables[name], from_parquet.tables[name], obj=name)
    assert "_engine" not in from_csv.pledges["quote"].cat.categories._cache


def test_quotes_are_read_only_when_the_lookups_are_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached lookups hold the quotes once each: a cached load does not read them from the pledges table."""
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    asked: list[tuple[str, tuple[str, ...]]] = []
    read = store.read_columns
    monkeypatch.setattr(store, "read_columns",
                        lambda f, name, cols: (asked.append((name, tuple(cols))), read(f, name, cols))[1])
    built = load_corpus(folder)
    assert [cols for name, cols in asked if name == "pledges" and "quote" in cols] == [("quote",)]
    asked.clear()
    cached = load_corpus(folder)
    assert not [cols for name, cols in asked if "quote" in cols]
    assert list(cached.tables["pledges"].columns) == list(built.tables["pledges"].columns)
    assert cached.pledges["quote"].astype(str).tolist() == built.pledges["quote"].astype(str).tolist()
    assert "donate 200,000 masks to Laos" in " ".join(cached.tables["pledges"]["quote"].astype(str))
