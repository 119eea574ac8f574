"""Free-text search through a word index: read the vocabulary, then check only the texts that can match.

A word is a maximal run of word bytes in a UTF-8 text: ASCII letters and digits, and every byte of a
non-ASCII character; any other ASCII byte (space, punctuation) separates words. A search term splits
the same way, and how the term bounds each of its pieces tells which words can hold that piece: in
"nam's", "nam" ends a word and "s" starts one, so only texts with such words can contain "nam's".
The index gives those texts; the substring check then runs on them alone, so the result is exactly
that of scanning every text. A term that is one unbounded piece ("vaccin") needs no check at all.

The index is built on the first search (a few seconds for a million distinct quotes) and saved next
to the lookups cache, from where later processes memory-map it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.arrays import concatenated_ranges, distinct_sorted
from dashboard.memory import release_freed_memory

WORDS_FORMAT = "1"  # bump when the file layout or the definition of a word changes
BUILD_SLICE = 100_000  # texts split into words at a time: bounds the memory a build needs
SCAN_SLICE = 200_000  # texts per thread when scanning
BROAD = 4  # a piece held by more than BROAD postings per text is left to the substring check
REFINE = 32  # a further piece is worth reading while it has at most REFINE postings per candidate left
FEW_WORDS = 64  # up to this many words, their text lists are read one slice at a time

# Every byte that separates words becomes a space (the only separator left), the others stay.
_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | frozenset(
    range(0x80, 0x100))
SPACED = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of word bytes in a search term, and whether the term puts a separator before or after it."""

    text: str
    starts_word: bool
    ends_word: bool


def term_pieces(term: str) -> list[Piece]:
    """The word pieces of a folded term: '"viet nam' -> viet (ends a word), nam (starts one)."""
    spaced = term.encode("utf-8").translate(SPACED)
    runs = spaced.split(b" ")
    inner = [(i, run) for i, run in enumerate(runs) if run]
    return [Piece(run.decode("utf-8"), starts_word=i > 0, ends_word=i < len(runs) - 1) for i, run in inner]


@dataclass(frozen=True, slots=True, eq=False)
class WordIndex:
    """Distinct words (sorted) and, for each, the ascending positions of the texts holding it (CSR)."""

    words: pa.Array
    offsets: np.ndarray  # int64, len(words) + 1: word i is in texts[offsets[i]:offsets[i + 1]]
    texts: np.ndarray  # uint32 text positions
    n_texts: int

    def words_holding(self, piece: Piece) -> np.ndarray:
        """Ids of the words that contain the piece where the term puts it (whole word, start, end, anywhere)."""
        if piece.starts_word and piece.ends_word:
            hit = pc.equal(self.words, piece.text)
        elif piece.starts_word:
            hit = pc.starts_with(self.words, piece.text)
        elif piece.ends_word:
            hit = pc.ends_with(self.words, piece.text)
        else:
            hit = pc.match_substring(self.words, piece.text)
        return np.flatnonzero(hit.to_numpy(zero_copy_only=False))

    def n_postings(self, word_ids: np.ndarray) -> int:
        return int((self.offsets[word_ids + 1] - self.offsets[word_ids]).sum())

    def texts_with(self, word_ids: np.ndarray) -> np.ndarray:
        """Boolean mask over the texts: those holding any of these words."""
        found = np.zeros(self.n_texts, dtype=bool)
        starts, ends = self.offsets[word_ids], self.offsets[word_ids + 1]
        if len(word_ids) <= FEW_WORDS:
            for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
                found[self.texts[start:end]] = True
        else:
            found[self.texts[concatenated_ranges(starts, ends - starts)]] = True
        return found


# ---------------------------------------------------------------- searching


def matching_texts(texts: pa.Array, index: WordIndex, terms: Sequence[str]) -> np.ndarray:
    """Boolean mask over `texts`: those containing every term (all folded; same result as scanning them all).

    The pieces of all terms are read cheapest first and narrow the candidates while that pays; the terms
    the index did not settle are then checked as substrings on the candidates left.
    """
    steps, settled = [], set()
    for number, term in enumerate(terms):
        pieces = term_pieces(term)
        whole = len(pieces) == 1 and not pieces[0].starts_word and not pieces[0].ends_word
        for piece in pieces:
            ids = index.words_holding(piece)
            steps.append((index.n_postings(ids), number, ids, whole))
    found: np.ndarray | None = None
    n_found = len(texts)
    for cost, number, ids, whole in sorted(steps, key=lambda step: step[0]):
        if cost == 0:
            return np.zeros(len(texts), dtype=bool)
        if cost > BROAD * len(texts) or cost > REFINE * n_found:
            continue
        marked = index.texts_with(ids)
        found = marked if found is None else found & marked
        n_found = int(np.count_nonzero(found))
        if whole:
            settled.add(number)
    unsettled = [term for number, term in enumerate(terms) if number not in settled]
    if found is None:
        return contains_all(texts, unsettled)
    if not unsettled or not n_found:
        return found
    candidates = np.flatnonzero(found)
    checked = np.zeros(len(texts), dtype=bool)
    checked[candidates[contains_all(texts.take(candidates), unsettled)]] = True
    return checked


def contains_all(texts: pa.Array, terms: Sequence[str]) -> np.ndarray:
    """Texts that contain every term; Arrow releases the GIL, so slices are searched in parallel threads."""
    slices = [texts.slice(i, SCAN_SLICE) for i in range(0, len(texts), SCAN_SLICE)]

    def search(piece: pa.Array) -> np.ndarray:
        found = np.ones(len(piece), dtype=bool)
        for term in terms:
            found &= pc.match_substring(piece, term).fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
        return found

    if len(slices) <= 1:
        return search(texts)
    with ThreadPoolExecutor(max_workers=min(len(slices), os.cpu_count() or 1, 8)) as pool:
        return np.concatenate(list(pool.map(search, slices)))


class TextSearch:
    """Search over one folded text column (plain, or dictionary-encoded: one entry per distinct text).

    The word index is read from `cache` or built on the first search, once per process (behind a lock:
    sessions share the corpus); nothing is built if nobody searches.
    """

    def __init__(self, folded: pa.ChunkedArray, cache: Path | None = None) -> None:
        self._folded = folded
        self._cache = cache
        self._lock = threading.Lock()
        self._state: tuple[pa.Array, np.ndarray | None, WordIndex] | None = None

    def mask(self, terms: Sequence[str]) -> np.ndarray:
        """Rows whose folded text contains every (folded) term; every row when there are no terms."""
        if not terms or not len(self._folded):
            return np.ones(len(self._folded), dtype=bool)
        texts, codes, index = self._prepared()
        found = matching_texts(texts, index, terms)
        return found if codes is None else np.append(found, False)[codes]

    def prepare(self) -> None:
        """Read or build (and save) the word index now instead of on the first search."""
        if len(self._folded):
            self._prepared()

    def _prepared(self) -> tuple[pa.Array, np.ndarray | None, WordIndex]:
        with self._lock:
            if self._state is None:
                texts, codes = _distinct_texts(self._folded)
                identity = texts_identity(texts) if self._cache else None
                index = read_word_index(self._cache, texts, identity) if self._cache else None
                self._state = (texts, codes, index or self._build(texts, identity))
            return self._state

    def _build(self, texts: pa.Array, identity: dict[bytes, bytes] | None) -> WordIndex:
        """A new index; once saved, the memory-mapped copy is used (only the pages a search reads stay resident)."""
        index = build_word_index(texts)
        if self._cache and write_word_index(self._cache, index, texts, identity):
            index = read_word_index(self._cache, texts, identity) or index
        release_freed_memory()
        return index


def _distinct_texts(folded: pa.ChunkedArray) -> tuple[pa.Array, np.ndarray | None]:
    """The texts to index, and for a dictionary column each row's entry (missing rows: one past the end)."""
    column = _single_array(folded)
    if not pa.types.is_dictionary(column.type):
        return column, None
    return column.dictionary, column.indices.fill_null(len(column.dictionary)).to_numpy(zero_copy_only=False)


# ---------------------------------------------------------------- building


def build_word_index(texts: pa.Array) -> WordIndex:
    """Split every text into words (a slice at a time), then list each distinct word's texts.

    The lists are filled slice by slice in text order, so each comes out ascending without a global sort.
    """
    vocabularies, pairs = [], []
    for start in range(0, len(texts), BUILD_SLICE):
        vocabulary, keys = _slice_pairs(texts.slice(start, BUILD_SLICE), start)
        vocabularies.append(vocabulary)
        pairs.append(keys)
        pa.default_memory_pool().release_unused()  # the slice's word lists: give them back before the next
    words = _sorted_vocabulary(vocabularies)
    counts = np.zeros(len(words), dtype=np.int64)
    for number, vocabulary in enumerate(vocabularies):
        pairs[number] = _global_keys(pairs[number], vocabulary, words)
        counts += np.bincount(pairs[number] >> 32, minlength=len(words))
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    postings = np.empty(offsets[-1], dtype=np.uint32)
    filled = offsets[:-1].copy()  # where each word's list continues
    for number in range(len(pairs)):
        keys, pairs[number] = pairs[number], pairs[number][:0]
        word = keys >> 32
        n_word = np.bincount(word, minlength=len(words))
        first = np.cumsum(n_word) - n_word  # each word's first pair in this (sorted) slice
        postings[filled[word] + np.arange(len(keys)) - first[word]] = keys
        filled += n_word
    return WordIndex(words, offsets, postings, len(texts))


def _slice_pairs(texts: pa.Array, first: int) -> tuple[pa.Array, np.ndarray]:
    """The slice's words, and its distinct (word code << 32 | text position) pairs."""
    split = pc.ascii_split_whitespace(spaced_texts(texts))
    encoded = pc.dictionary_encode(pc.list_flatten(split))
    owner = pc.list_parent_indices(split).to_numpy(zero_copy_only=False).astype(np.int64) + first
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return encoded.dictionary, distinct_sorted((codes << 32) | owner)


def spaced_texts(texts: pa.Array) -> pa.Array:
    """The texts with every separator byte replaced by a space (missing texts become empty)."""
    offsets, data = _utf8_buffers(texts)
    spaced = np.frombuffer(SPACED, dtype=np.uint8)[data]
    return pa.LargeStringArray.from_buffers(len(texts), pa.py_buffer(offsets), pa.py_buffer(spaced))


def _utf8_buffers(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The texts' int64 offsets (from 0) and their UTF-8 bytes, read from Arrow's buffers without a copy
    of the bytes (missing texts count as empty)."""
    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
        texts = texts.cast(pa.large_string())
    if texts.null_count:
        texts = texts.fill_null("")
    if not len(texts):
        return np.zeros(1, np.int64), np.zeros(0, np.uint8)
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    offsets = np.frombuffer(texts.buffers()[1], dtype=width)[texts.offset:texts.offset + len(texts) + 1]
    data_buffer = texts.buffers()[2]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    return offsets.astype(np.int64) - offsets[0], data[offsets[0]:offsets[-1]]


def _sorted_vocabulary(vocabularies: list[pa.Array]) -> pa.Array:
    if not vocabularies:
        return pa.array([], type=pa.large_string())
    words = pc.unique(pa.concat_arrays(vocabularies))
    words = words.filter(pc.not_equal(words, ""))
    return words.take(pc.sort_indices(words))


def _global_keys(keys: np.ndarray, vocabulary: pa.Array, words: pa.Array) -> np.ndarray:
    """A slice's pairs with its word codes replaced by ids in the sorted vocabulary (the empty word dropped)."""
    ids = pc.index_in(vocabulary, value_set=words).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    word = ids[keys >> 32]
    keep = word >= 0
    remapped = (word[keep] << 32) | (keys[keep] & 0xFFFFFFFF)
    remapped.sort()
    return remapped


# ---------------------------------------------------------------- the file next to the lookups


def texts_identity(texts: pa.Array) -> dict[bytes, bytes]:
    """What ties a saved index to the texts it was built from: their number, size and a hash of their
    contents (texts of the same sizes differ), read straight from Arrow's buffers (~1 GB/s)."""
    offsets, data = _utf8_buffers(texts)
    digest = hashlib.blake2b(offsets.tobytes(), digest_size=16)  # where each text ends: "ab|c" is not "a|bc"
    digest.update(data)  # type: ignore[arg-type]  # the buffer protocol: no copy of the bytes
    return {b"format": WORDS_FORMAT.encode(), b"n_texts": str(len(texts)).encode(),
            b"bytes": str(len(data)).encode(), b"blake2b": digest.hexdigest().encode()}


def write_word_index(path: Path, index: WordIndex, texts: pa.Array,
                     identity: dict[bytes, bytes] | None = None) -> bool:
    """Save the index (atomically; False when the folder is not writable). `identity`: that of `texts`
    when the caller has it already."""
    lists = pa.LargeListArray.from_arrays(pa.array(index.offsets, type=pa.int64()), pa.array(index.texts))
    table = pa.table({"word": index.words, "texts": lists}, metadata=identity or texts_identity(texts))
    staging = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        with pa.OSFile(str(staging), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        staging.replace(path)
    except OSError:
        staging.unlink(missing_ok=True)
        return False
    return True


def read_word_index(path: Path, texts: pa.Array,
                    identity: dict[bytes, bytes] | None = None) -> WordIndex | None:
    """The saved index of exactly these texts, memory-mapped, or None. `identity`: as for write_word_index."""
    try:
        table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    except (OSError, ValueError, pa.ArrowInvalid):
        return None
    if table.column_names != ["word", "texts"]:
        return None
    if table.schema.metadata != (identity or texts_identity(texts)):
        return None
    words, lists = (_single_array(table.column(name)) for name in ("word", "texts"))
    return WordIndex(words, lists.offsets.to_numpy(), lists.values.to_numpy(), len(texts))


def _single_array(column: pa.ChunkedArray) -> pa.Array:
    """The column as one array, without a copy when it already is one (combine_chunks always copies)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
