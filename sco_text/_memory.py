"""Give memory freed while a corpus was built back to the operating system.

Building a frame from ten thousand documents frees hundreds of megabytes of small blocks
(what the workers sent back, once unpickled).  glibc's allocator keeps such blocks for
reuse, but the large arrays that come next (term counts, result columns) are mapped
afresh, so without a trim the process carries both: on the UN General Debate corpus the
peak of ``load_corpus`` + ``tfidf`` was 1.39 GB with the freed blocks kept and 1.16 GB
without.  Dask's distributed workers trim their memory the same way.

>>> release_freed_memory()  # anywhere: a no-op where there is nothing to call
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache

__all__ = ["release_freed_memory"]


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None elsewhere: macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library this process runs on
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_freed_memory() -> None:
    """Return the C heap's free blocks (glibc) and Arrow's unused pool memory to the
    operating system; the memory still in use is untouched."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        pyarrow.default_memory_pool().release_unused()
