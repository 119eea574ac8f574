"""Shared fixtures: the seed articles and the tables built from them (once per session)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(RAW.glob("*.txt"))
    assert len(files) == 2, "the two seed articles must be in data/raw"
    return files


@pytest.fixture(scope="session")
def seed_tables_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built by the real pipeline into a temporary folder."""
    from dashboard.preprocess.pipeline import build_corpus

    out = tmp_path_factory.mktemp("seed") / "processed"
    build_corpus([RAW], out, prepare_dashboard=True)
    return out


@pytest.fixture(scope="session")
def seed_tables(seed_tables_dir: Path) -> dict:
    import pandas as pd

    return {p.stem: pd.read_parquet(p) for p in seed_tables_dir.glob("*.parquet")}


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skipped with a reason when missing, but a failure under CI (it must run there)."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: run `make test` as root to install Debian's chromium"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target
