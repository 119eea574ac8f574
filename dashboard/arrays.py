"""Array helpers shared by the pipeline and the dashboard."""

from __future__ import annotations

import numpy as np


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """np.unique of a 1-d array, found by sorting `values` itself (pass a temporary: no copy is made of
    millions of search-index codes). numpy 2's hash-based np.unique is several times slower on integers,
    from a few hundred (an article's 5-gram hashes) to millions (the search index)."""
    values.sort()
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def concatenated_ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths)]) without the Python loop: the
    positions of many runs of an array at once (a word's texts, a matrix's rows, a text's n-grams)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(lengths) - lengths), lengths)
    return np.arange(int(lengths.sum()), dtype=np.int64) + shift


def inverse_permutation(order: np.ndarray) -> np.ndarray:
    """The position of each item in `order` (a permutation of 0 .. n - 1): inverse[order[k]] == k."""
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.arange(len(order))
    return inverse
