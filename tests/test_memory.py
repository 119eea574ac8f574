"""Big one-off batches allocate with malloc (whose freed pages go back to the OS); filtering keeps Arrow's pool."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from dashboard_fixtures import fixture_tables, write_corpus

from dashboard import memory, store


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


def test_loading_a_corpus_leaves_the_pool_as_it_found_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(memory.ARROW_POOL_ENV, raising=False)
    seen: list[str] = []
    read = store.read_columns
    monkeypatch.setattr(store, "read_columns", lambda *a, **k: (seen.append(_backend()), read(*a, **k))[1])
    before = _backend()
    folder = write_corpus(fixture_tables(), tmp_path / "corpus")
    store.prepare_corpus(folder)
    assert seen and set(seen) == {"system"}
    assert _backend() == before
