"""Big one-off batches allocate with malloc (whose freed pages go back to the OS); filtering keeps Arrow's pool;
pages of files mapped read-only can be dropped from resident memory."""

from __future__ import annotations

import mmap
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from dashboard_fixtures import fixture_tables, write_corpus

from dashboard import memory, store, word_index
from dashboard.memory import drop_mapped_pages, resident_mb


def _backend() -> str:
    return pa.default_memory_pool().backend_name


def test_returnable_allocations_use_malloc_inside_and_restore_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(memory.ARROW_POOL_ENV, raising=False)
    before = _backend()
    with memory.returnable_allocations():
        assert _backend() == "system"
        assert pa.array(["Việt Nam"] * 3).dictionary_encode().dictionary.to_pylist() == ["Việt Nam"]
    assert _backend() == before
    with pytest.raises(ValueError, match="boom"), memory.returnable_allocations():
        raise ValueError("boom")
    assert _backend() == before


def test_a_pool_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(memory.ARROW_POOL_ENV, "mimalloc")
    before = _backend()
    with memory.returnable_allocations():
        assert _backend() == before


def test_overlapping_batches_restore_the_pool_when_the_last_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sessions loading two corpora: the first to end must not leave the other on its own pool, nor the
    last to end leave the process on malloc."""
    monkeypatch.delenv(memory.ARROW_POOL_ENV, raising=False)
    before = _backend()
    first, second = memory.returnable_allocations(), memory.returnable_allocations()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert _backend() == "system"
    second.__exit__(None, None, None)
    assert _backend() == before


def test_preparing_a_corpus_reads_and_indexes_on_malloc_then_restores_the_pool(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(memory.ARROW_POOL_ENV, raising=False)
    seen: dict[str, set[str]] = {"read": set(), "index": set()}
    read, index = store.read_columns, word_index.build_word_index
    monkeypatch.setattr(store, "read_columns", lambda *a, **k: (seen["read"].add(_backend()), read(*a, **k))[1])
    monkeypatch.setattr(word_index, "build_word_index", lambda *a: (seen["index"].add(_backend()), index(*a))[1])
    before = _backend()
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    store.prepare_corpus(folder)
    assert seen == {"read": {"system"}, "index": {"system"}}
    assert _backend() == before


def _resident_mb() -> float:
    now = resident_mb()
    assert now is not None
    return now


@pytest.mark.skipif(resident_mb() is None or not hasattr(mmap, "MADV_DONTNEED"),
                    reason="resident memory is read from Linux's /proc")
def test_dropped_pages_of_a_read_only_map_leave_resident_memory_and_read_back(tmp_path: Path) -> None:
    """Reading a mapped file makes its pages resident; dropping them gives that back and the values stay."""
    values = np.arange(8 * 2**20, dtype=np.float64)  # 64 MB
    np.save(tmp_path / "values.npy", values)
    mapped = np.load(tmp_path / "values.npy", mmap_mode="r")
    view = np.asarray(mapped)[::2]  # a plain array two views from the map, as a mapped sparse matrix's arrays are
    assert type(view) is np.ndarray
    before = _resident_mb()
    assert float(mapped.sum()) == float(values.sum())
    read = _resident_mb()
    assert read - before > 48
    drop_mapped_pages(view, np.ones(3))  # an array that is not mapped is left alone
    assert _resident_mb() < read - 48
    assert np.array_equal(view, values[::2])


@pytest.mark.skipif(resident_mb() is None, reason="resident memory is read from Linux's /proc")
def test_a_copy_on_write_map_keeps_its_pages_and_what_was_written(tmp_path: Path) -> None:
    """Dropping the pages of a copy-on-write map would lose what was written to it: it is left alone."""
    np.save(tmp_path / "values.npy", np.zeros(4 * 2**20))
    mapped = np.load(tmp_path / "values.npy", mmap_mode="c")
    mapped[:] = 1.0
    view = mapped[::2]
    view.flags.writeable = False  # read-only itself, but a view of a copy-on-write map
    read = _resident_mb()
    drop_mapped_pages(mapped, view)
    assert _resident_mb() > read - 8
    assert float(mapped.sum()) == 4 * 2**20
