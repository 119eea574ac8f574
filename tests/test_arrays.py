"""Array helpers shared by the pipeline and the dashboard."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.arrays import concatenated_ranges, distinct_sorted, inverse_permutation


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


def test_concatenated_ranges_are_the_runs_one_after_the_other() -> None:
    rng = np.random.default_rng(3)
    starts, lengths = rng.integers(0, 100, 40), rng.integers(0, 6, 40)  # empty runs among them
    expected = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths, strict=True)])
    assert np.array_equal(concatenated_ranges(starts, lengths), expected)
    assert len(concatenated_ranges(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))) == 0


def test_inverse_permutation_undoes_the_order() -> None:
    order = np.random.default_rng(4).permutation(50)
    inverse = inverse_permutation(order)
    assert np.array_equal(inverse[order], np.arange(50)) and np.array_equal(order[inverse], np.arange(50))
    assert np.array_equal(inverse, np.argsort(order)) and len(inverse_permutation(np.zeros(0, dtype=np.int64))) == 0
