"""Giving freed memory back to the operating system.

Arrow's allocator and glibc's malloc keep the pages of freed objects for reuse, so a process that once
held a large batch (3.6 million statement rows loaded, 2,000 articles' rows staged) keeps its peak
resident size for good. Long runs call `release_freed_memory` after each such batch.

Loading a corpus runs with Arrow pointed at malloc (`returnable_allocations`): Arrow's bundled mimalloc
keeps much of what a large read frees even when asked to release it.
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import os
import threading
from collections.abc import Iterator

import numpy as np
import pyarrow as pa


def release_freed_memory() -> None:
    """Hand the pages freed so far back to the OS (Arrow's pool, then glibc's heaps; elsewhere a no-op)."""
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def resident_mb() -> float | None:
    """This process's resident memory now, in MB (Linux's /proc; None where it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return None


def drop_mapped_pages(*arrays: np.ndarray) -> None:
    """Take the pages of arrays mapped read-only from files out of this process's resident memory.

    The pages stay in the OS's file cache and are read back when next used. Resident memory counts every
    mapped page a process has read: linking events reads each article's vectors in turn, which would
    otherwise count all of them (0.54 GB at 100,000 articles) on top of the working memory. Only for
    read-only maps (a dropped page of a copy-on-write map would lose what was written to it); arrays not
    mapped, or systems without madvise, are left as they are.
    """
    if not hasattr(mmap, "MADV_DONTNEED"):
        return
    for array in arrays:
        base: object = array
        read_only = False
        while base is not None and not isinstance(base, mmap.mmap):
            read_only = read_only or (isinstance(base, np.memmap) and base.mode == "r")
            base = getattr(base, "base", None)
        if isinstance(base, mmap.mmap) and read_only:
            base.madvise(mmap.MADV_DONTNEED)


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)


def return_large_blocks_when_freed() -> None:
    """From now on, blocks of 128 KiB or more get their own pages, handed back to the OS when freed.

    glibc raises that threshold each time such a block is freed (up to 32 MiB), so a process reading
    one big table after another ends up taking them from its heap, which keeps the freed pages: preparing
    the dashboard for 100,000 articles peaked at 0.98 GB that way instead of 0.77. For a process doing one
    such batch (fixing the threshold also stops it rising); a no-op where malloc is not glibc's.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 128 * 1024)


ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"  # Arrow's own switch: when set, the user's choice stands


_POOL_LOCK = threading.Lock()
_pool_users: list[pa.MemoryPool] = []  # the pool to restore, held while any batch runs (one entry per batch)


@contextlib.contextmanager
def returnable_allocations() -> Iterator[None]:
    """Inside, Arrow allocates with the system's malloc, whose freed pages `release_freed_memory` returns.

    For one-off big batches such as loading a corpus. Arrow's default allocator (mimalloc) keeps much
    of what such a batch frees, but is two to three times faster for the many short-lived buffers of
    filtering, so it stays the default outside. Batches may overlap (two sessions loading two corpora):
    the pool is switched by the first to start and restored by the last to end.
    """
    if os.environ.get(ARROW_POOL_ENV):
        yield
        return
    with _POOL_LOCK:
        _pool_users.append(_pool_users[0] if _pool_users else pa.default_memory_pool())
        pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        with _POOL_LOCK:
            previous = _pool_users.pop()
            if not _pool_users:
                pa.set_memory_pool(previous)
