"""Big one-off batches allocate with malloc (whose freed pages go back to the OS); filtering keeps Arrow's pool."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from dashboard_fixtures import fixture_tables, write_corpus

from dashboard import memory, store, word_index


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
