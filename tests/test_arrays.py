"""Array helpers shared by the pipeline and the dashboard."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.arrays import distinct_sorted


@pytest.mark.parametrize("values", [[], [5], [3, 3, 3], [2, -1, 2, 7, -1, 0], list(range(50, 0, -1)) * 2])
def test_distinct_sorted_is_np_unique(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    assert np.array_equal(distinct_sorted(array.copy()), np.unique(array))


def test_distinct_sorted_of_random_hashes_is_np_unique() -> None:
    rng = np.random.default_rng(7)
    for size in (1, 2, 600, 10_000):
        array = rng.integers(-(2**63), 2**63 - 1, size, dtype=np.int64)
        array[::3] = array[0]  # repeats
        assert np.array_equal(distinct_sorted(array.copy()), np.unique(array))
