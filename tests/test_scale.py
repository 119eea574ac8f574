"""The parts that let the pipeline scale: the synthetic corpus, parallel claims, candidate-pair events,
sampled near-duplicate detection. Each large-corpus path must agree with the exact small-corpus one."""

from __future__ import annotations

import dataclasses
import mmap
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.preprocess import claims
from dashboard.preprocess.parallel import shared_map
from dashboard.preprocess.pipeline import build_corpus
from dashboard.synthetic import STYLES, iter_articles, write_corpus

N_ARTICLES = 60


@pytest.fixture(scope="module")
def synthetic_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    root = tmp_path_factory.mktemp("synthetic")
    write_corpus(root / "raw", N_ARTICLES)
    build_corpus([root / "raw"], root / "out")
    names = ("articles", "sentences", "pledges", "pledge_actors", "entities", "mentions", "events", "claims",
             "claim_members", "discrepancies")
    return {name: pd.read_parquet(root / "out" / f"{name}.parquet") for name in names}


def _claims(tables: dict[str, pd.DataFrame], **kwargs: int) -> claims.ClaimTables:
    return claims.build_claims(tables["articles"], tables["sentences"], tables["pledges"], tables["pledge_actors"],
                               tables["entities"], tables["mentions"], **kwargs)


def _undated(profile: claims.ArticleProfile) -> claims.ArticleProfile:
    """The profile of an article whose date is unknown."""
    return dataclasses.replace(profile, published=None, event_date=None)


def _groups(frame: pd.DataFrame, key: str, member: str) -> set[frozenset[str]]:
    return {frozenset(group) for group in frame.groupby(key)[member].agg(tuple)}


def test_synthetic_corpus_is_deterministic_and_varied(tmp_path: Path) -> None:
    first, again = list(iter_articles(40)), list(iter_articles(40))
    assert first == again
    assert {a["style"] for a in first} == set(STYLES)
    assert len({a["url"].split("/")[2] for a in first}) >= 6  # many outlets
    assert all(450 <= len(a["text"].split()) <= 900 for a in first)
    folder = write_corpus(tmp_path, 40)
    assert {p.suffix for p in folder.iterdir()} == {".txt", ".html", ".jsonl"}


def test_synthetic_meetings_give_multi_outlet_events_and_copies(synthetic_tables: dict[str, pd.DataFrame]) -> None:
    tables = _claims(synthetic_tables)
    sizes = tables.events["n_articles"]
    assert (sizes >= 3).sum() >= 5, "meetings are covered by several outlets"
    assert (tables.article_links["duplicate_of"] != "").sum() >= 1, "some articles are syndicated copies"
    assert (tables.claims["n_outlets"] >= 2).sum() >= 20, "outlets report the same points"


def test_streamed_claims_equal_claims_from_the_tables(synthetic_tables: dict[str, pd.DataFrame]) -> None:
    """The pipeline works claims out from features computed article by article in its workers;
    build_claims works them out from the written tables: both must agree exactly."""
    from_tables = _claims(synthetic_tables)
    links = synthetic_tables["articles"][["article_id", "event_id", "duplicate_of"]]
    pd.testing.assert_frame_equal(links, from_tables.article_links, check_dtype=False)
    for name in ("events", "claims", "claim_members", "discrepancies"):
        pd.testing.assert_frame_equal(synthetic_tables[name], getattr(from_tables, name), check_dtype=False)


def test_claims_made_a_piece_of_events_at_a_time_are_the_same(synthetic_tables: dict[str, pd.DataFrame],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's statements become records a run of whole events at a time (CLAIM_ROWS rows): the same
    claims, members and discrepancies as all at once; each piece holds whole events, in order."""
    whole = _claims(synthetic_tables)
    pieces: list[dict[str, pd.DataFrame]] = []
    cuts: list[int] = []  # pieces of each batch
    cut = claims._event_pieces

    def cutting(frames: dict[str, pd.DataFrame], max_rows: int) -> Iterator[dict[str, pd.DataFrame]]:
        found = list(cut(frames, max_rows))
        cuts.append(len(found))
        pieces.extend(found)
        yield from found

    monkeypatch.setattr(claims, "_event_pieces", cutting)
    monkeypatch.setattr(claims, "CLAIM_ROWS", 1)  # event_batches' floor: about 200 pledges rows a piece
    sliced = _claims(synthetic_tables)
    assert max(cuts) >= 2  # a batch was cut
    seen: list[int] = []
    for piece in pieces:
        numbers = piece["pledges"][claims.EVENT_COLUMN].to_numpy()
        assert len(numbers) <= 200 + (numbers == numbers[0]).sum()  # cut where the 200th row's event starts
        for frame in piece.values():  # every table of the piece holds the same events
            assert set(frame[claims.EVENT_COLUMN]) <= set(numbers)
        seen += sorted(set(numbers.tolist()))
    assert seen == sorted(seen) and len(seen) == len(set(seen))  # in order, each event in one piece
    for name in ("events", "claims", "claim_members", "discrepancies"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(sliced, name))


def _pairs_in_runs(holders: np.ndarray, run_starts: np.ndarray, run_lengths: np.ndarray) -> np.ndarray:
    """Every pair of holders within each run, as (first, second) rows: what claims._pair_counts counts."""
    out = [np.zeros((0, 2), dtype=np.int64)]
    for start, length in zip(run_starts.tolist(), run_lengths.tolist(), strict=True):
        pairs = list(combinations(holders[start : start + length].tolist(), 2))
        out.append(np.array(pairs, dtype=np.int64).reshape(-1, 2))
    return np.concatenate(out)


def test_pair_counts_in_pieces_equal_counts_at_once() -> None:
    rng = np.random.default_rng(3)
    n = 40
    lengths = rng.integers(2, 9, size=300)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    holders = np.concatenate([np.sort(rng.choice(n, size=k, replace=False)) for k in lengths])
    pairs = _pairs_in_runs(holders, starts, lengths)
    expected = np.unique(pairs[:, 0] * n + pairs[:, 1], return_counts=True)
    for budget in (1, 7, 100, 10**9):
        codes, counts = claims._pair_counts(holders, starts, lengths, n, budget=budget)
        assert np.array_equal(codes, expected[0]) and np.array_equal(counts, expected[1])
        assert counts.dtype == np.int32
    none = np.zeros(0, dtype=np.int64)
    codes, counts = claims._pair_counts(none, none, none, n)
    assert len(codes) == len(counts) == 0
    twice = claims._pair_counts(np.array([0, 0, 1]), np.array([0]), np.array([3]), 2)  # holder 0 twice in a run
    assert twice[0].tolist() == [0 * 2 + 1] and twice[1].tolist() == [2]  # as many as listing the run's pairs


def test_claims_in_two_processes_equal_claims_in_one(synthetic_tables: dict[str, pd.DataFrame]) -> None:
    one, two = _claims(synthetic_tables, jobs=1), _claims(synthetic_tables, jobs=2)
    for name in ("article_links", "events", "claims", "claim_members", "discrepancies"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def test_links_scored_a_few_pairs_at_a_time_give_the_same_events(
        synthetic_tables: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidate pairs whose articles earlier links joined are not scored: with any number of pairs per
    step (one step scores every pair) the events are the same."""
    monkeypatch.setattr(claims, "DENSE_ARTICLES", 5)  # the large-corpus path
    scored: list[int] = []
    pair_scores = claims.pair_event_scores

    def counting(v: claims.EventVectors, i: np.ndarray, *args: object) -> np.ndarray:
        scored.append(len(i))
        return pair_scores(v, i, *args)

    monkeypatch.setattr(claims, "pair_event_scores", counting)
    monkeypatch.setattr(claims, "LINK_PAIRS", 10**9)
    every = _claims(synthetic_tables).article_links
    every_pair = sum(scored)
    for size in (1, 7, 50):
        scored.clear()
        monkeypatch.setattr(claims, "LINK_PAIRS", size)
        assert _claims(synthetic_tables).article_links.equals(every)
        assert sum(scored) < every_pair, size  # pairs within an event already joined are not scored
    assert (every["event_id"].value_counts() >= 3).sum() >= 5


def test_candidate_pairs_give_the_same_events_as_scoring_every_pair(
        synthetic_tables: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch) -> None:
    exact = _claims(synthetic_tables)
    monkeypatch.setattr(claims, "DENSE_ARTICLES", 5)  # force the large-corpus path
    for jobs in (1, 2):
        blocked = _claims(synthetic_tables, jobs=jobs)
        assert _groups(blocked.article_links, "event_id", "article_id") == \
            _groups(exact.article_links, "event_id", "article_id")
        assert _groups(blocked.claim_members, "claim_id", "statement_id") == \
            _groups(exact.claim_members, "claim_id", "statement_id")


def test_oversized_component_is_cut_by_date(synthetic_tables: dict[str, pd.DataFrame],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims, "COMPONENT_ARTICLES", 2)
    tables = _claims(synthetic_tables)
    assert tables.events["n_articles"].max() <= 2
    assert set(tables.article_links["article_id"]) == set(synthetic_tables["articles"]["article_id"])


def test_sampled_shingles_still_find_the_copies(synthetic_tables: dict[str, pd.DataFrame],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    exact = _claims(synthetic_tables).article_links
    monkeypatch.setattr(claims, "MAX_SHINGLES", 5000)  # about one 5-gram in six is compared
    sampled = _claims(synthetic_tables).article_links
    copies = exact["duplicate_of"] != ""
    assert copies.sum() >= 1
    assert (sampled.loc[copies, "duplicate_of"] == exact.loc[copies, "duplicate_of"]).all()


def _square(item: int, shared: dict) -> int:
    return item * item + shared["offset"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_shared_map_keeps_order_and_sees_shared_data(jobs: int) -> None:
    assert shared_map(_square, list(range(7)), {"offset": 1}, jobs) == [k * k + 1 for k in range(7)]


def test_tables_built_in_chunks_equal_tables_built_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of 7 articles, and statements regrouped into the smallest buckets (about 200 pledge rows) for
    the claims."""
    from dashboard.preprocess import buckets, tables

    write_corpus(tmp_path / "raw", 25)
    build_corpus([tmp_path / "raw"], tmp_path / "whole")
    monkeypatch.setattr(tables, "CHUNK_ARTICLES", 7)
    monkeypatch.setattr(buckets, "BUCKET_ROWS", 1)  # event_batches' floor: 200 rows a bucket
    staged: dict[str, list[str]] = {}
    find, regroup = tables.corpus_events, tables.CorpusWriter._statement_buckets

    def finding(*args: object, scratch: Path, **kwargs: object) -> object:
        found = find(*args, scratch=scratch, **kwargs)
        staged["events found"] = sorted(p.name.split("-")[0] for p in scratch.iterdir())
        return found

    def regrouping(self: tables.CorpusWriter, *args: object) -> object:
        staged["claims start"] = sorted(p.name.split("-")[0] for p in self._parts_dir.iterdir())
        return regroup(self, *args)

    monkeypatch.setattr(tables, "corpus_events", finding)
    monkeypatch.setattr(tables.CorpusWriter, "_statement_buckets", regrouping)
    build_corpus([tmp_path / "raw"], tmp_path / "chunked")
    assert {"features", "vectors", "pledges"} <= set(staged["events found"])  # the events' inputs, saved
    assert "pledges" in staged["claims start"] and not {"features", "vectors"} & set(staged["claims start"])
    for name in ("articles", "sentences", "mentions", "pledges", "pledge_actors", "events", "claims",
                 "claim_members", "discrepancies"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "whole" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "chunked" / f"{name}.parquet"))


def test_copies_are_found_among_articles_sharing_stock_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Boilerplate found in many articles (a standard paragraph) must not dilute a copy's share."""
    import random

    monkeypatch.setattr(claims, "STOCK_PHRASE_ARTICLES", 3)
    vocab = claims.load_claim_vocab()
    rng = random.Random(5)
    words = [f"word{k}" for k in range(400)]
    stock = " ".join(rng.choice(words) for _ in range(120))
    own = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(6)]
    bodies = [f"{stock} {text}" for text in own] + [f"{stock} {own[0]}"]
    info = claims.EntityInfo({}, {}, {}, {})
    profiles = [claims.article_profile(f"a{k}", k, f"outlet{k}", f"source:o{k}", "", "2020-05-01", [body], (),
                                       info, vocab.events) for k, body in enumerate(bodies)]
    assert claims.find_duplicates(profiles, vocab) == {"a6": "a0"}


def test_event_scores_by_date_window_equal_scores_of_every_pair(synthetic_tables: dict[str, pd.DataFrame]) -> None:
    vocab = claims.load_claim_vocab()
    t = synthetic_tables
    profiles = claims.article_profiles(t["articles"], t["sentences"], t["entities"], t["mentions"], vocab)
    profiles[3] = _undated(profiles[3])  # one undated article
    v = claims.event_vectors(profiles, claims.corpus_features(profiles, vocab))
    s = vocab.events
    members = list(range(len(profiles)))
    idx = np.asarray(members)
    every = sum(w * (m[idx] @ m[idx].T).toarray() for w, m in claims._weighted_parts(v, s))
    every = every * claims._date_factor(v, idx[:, None], idx[None, :], s)
    np.fill_diagonal(every, 0.0)
    windowed = claims.block_event_scores(v, members, set(), s, block=4)
    assert (every > 0).sum() > (every == 0).sum() / 10, "the corpus has pairs that score"
    np.testing.assert_allclose(windowed, every, rtol=0, atol=1e-12)


@pytest.mark.parametrize("step", [1, 3])
def test_features_saved_part_by_part_give_the_same_vectors(synthetic_tables: dict[str, pd.DataFrame],
                                                            tmp_path: Path, step: int) -> None:
    """The coordinator saves each part's features and builds the event vectors reading one field at a
    time from the files: the same vectors as from the features held, and the same 5-gram sample as the
    articles' own (claims.sample_shingles)."""
    vocab = claims.load_claim_vocab()
    t = synthetic_tables
    profiles = claims.article_profiles(t["articles"], t["sentences"], t["entities"], t["mentions"], vocab)
    features = [claims.article_features(p, vocab) for p in profiles]
    paths = [tmp_path / f"part{k}.npz" for k in range(0, len(features), 7)]
    for k, path in zip(range(0, len(features), 7), paths, strict=True):
        claims.save_features(features[k : k + 7], path)
    whole = claims.CorpusFeatures.of([claims.article_features(p, vocab, step) for p in profiles], step)
    saved = claims.SavedFeatures(paths, step)
    assert saved.shingle_step == step and len(saved.shingles) == len(profiles) > 7
    assert all(np.array_equal(a, b) for a, b in zip(saved.shingles, whole.shingles, strict=True))
    kept, read = claims.event_vectors(profiles, whole), claims.event_vectors(profiles, saved, consume=True)
    for name in ("lede_words", "lede_chars", "body_words", "actors"):
        a, b = getattr(kept, name), getattr(read, name)
        assert a.nnz > 0 and (a != b).nnz == 0 and np.array_equal(a.indices, b.indices), name


def _is_mapped(array: object) -> bool:
    """Is this array a view of a memory-mapped file?"""
    while array is not None:
        if isinstance(array, np.memmap | mmap.mmap):
            return True
        array = getattr(array, "base", None)
    return False


def test_event_vectors_mapped_from_files_link_the_same_events(synthetic_tables: dict[str, pd.DataFrame],
                                                              tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A large run keeps the events' vectors in files mapped into memory, not in the coordinating process,
    their rows in date order: the same values, the same events as scoring every pair (in the workers too,
    blocks linked a slice of columns at a time), and the files left for the caller to remove."""
    monkeypatch.setattr(claims, "MAPPED_ROWS", 7)  # the files written a few rows at a time
    monkeypatch.setattr(claims, "CANDIDATE_COLUMNS", 7)  # every block, undated or dated, linked over several slices
    vocab = claims.load_claim_vocab()
    t = synthetic_tables
    profiles = claims.article_profiles(t["articles"], t["sentences"], t["entities"], t["mentions"], vocab)
    undated = (3, 5, 8, 13, 21, 34)
    for k in undated:
        profiles[k] = _undated(profiles[k])
    held = claims.event_vectors(profiles, claims.corpus_features(profiles, vocab))
    mapped = claims.event_vectors(profiles, claims.corpus_features(profiles, vocab), consume=True, folder=tmp_path)
    by_row = mapped.articles_by_row()  # the mapped rows are in date order, the undated last
    assert held.row_of is None and np.array_equal(mapped.rows(by_row), np.arange(len(profiles)))
    assert np.array_equal(by_row, claims.date_order(held.days, held.known)) and not np.array_equal(
        by_row, np.arange(len(profiles)))
    dated = held.days[by_row][held.known[by_row]]
    assert (np.diff(dated) >= 0).all() and not held.known[by_row][len(dated) :].any()
    for name in ("lede_words", "lede_chars", "body_words", "actors"):
        a, b = getattr(held, name)[by_row], getattr(mapped, name)
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(getattr(a, part), getattr(b, part)), (name, part)
        if name == "actors":  # small: held in memory, in the same row order
            continue
        assert _is_mapped(b.data) and _is_mapped(b.indices) and not _is_mapped(a.data), name
        assert not b.data.flags.writeable and not b.indices.flags.writeable, name  # pages that can be dropped
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"vectors-{name}-{part}.npy" for name in ("lede_words", "lede_chars", "body_words")
        for part in ("data", "indices", "indptr"))
    expected = claims.find_events(profiles, {}, vocab, held)  # every pair scored (DENSE_ARTICLES)
    assert sum(len(members) > 1 for members, _ in expected) >= 5
    assert sum(k in members for members, _ in expected if len(members) > 1 for k in undated) >= 3
    monkeypatch.setattr(claims, "DENSE_ARTICLES", 5)  # the large-corpus path, linked block by block
    for jobs in (1, 2):
        assert claims.find_events(profiles, {}, vocab, mapped, jobs=jobs) == expected
    if Path("/proc/self/smaps").exists() and hasattr(mmap, "MADV_DONTNEED"):  # linked here with jobs=1
        assert _resident_kb_of_files(tmp_path) == 0  # each block's and component's pages were dropped


def test_mapped_rows_are_the_rows_in_the_order_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows written a few at a time in any order (empty rows, no rows at all) read back as matrix[order]."""
    from scipy import sparse

    monkeypatch.setattr(claims, "MAPPED_ROWS", 3)
    rng = np.random.default_rng(2)
    matrix = sparse.random(11, 6, density=0.3, random_state=rng, format="csr")
    matrix = sparse.csr_matrix(matrix.multiply(np.arange(11)[:, None] % 4 != 0))  # every fourth row empty
    matrix.eliminate_zeros()
    order = rng.permutation(11)
    mapped = claims.mapped_rows(matrix, tmp_path / "m", order)
    expected = matrix[order]
    assert np.diff(expected.indptr).min() == 0 and _is_mapped(mapped.data)
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(mapped, part), getattr(expected, part)), part
    unordered = claims.mapped_rows(matrix, tmp_path / "same")
    assert (unordered != matrix).nnz == 0 and np.array_equal(unordered.indices, matrix.indices)
    empty = claims.mapped_rows(sparse.csr_matrix((0, 5)), tmp_path / "empty", np.zeros(0, dtype=np.int64))
    assert empty.shape == (0, 5) and empty.nnz == 0


def _resident_kb_of_files(folder: Path) -> int:
    """Resident kB of this process's maps of files in `folder` (Linux's /proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if fields and "-" in fields[0] and len(fields) >= 5:  # a mapping's header: range, perms, ..., path
            inside = len(fields) >= 6 and fields[5].startswith(str(folder))
        elif inside and fields and fields[0] == "Rss:":
            total += int(fields[1])
    return total
