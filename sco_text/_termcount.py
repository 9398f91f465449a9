"""Term counts per group straight from Arrow strings: the fast path of the counting.

Without phrases or n-grams, the terms of a text are those of its whitespace-separated
pieces, in order (a word never holds white space, and the word pattern's look-arounds see
white space and the end of a piece alike; a piece that holds a no-break space has the
terms of its parts).  So the texts are split at ASCII white space (Arrow's fastest
split) and the pieces counted per group (Arrow and scipy, on threads that hold no GIL,
using both cores), while the calling thread numbers the distinct pieces (matching each
slice's pieces to those seen before with one Arrow look-up): only each *distinct* piece
goes through the tokeniser in Python (about 230,000 of them in 32
million pieces of the UN General Debate corpus).  The counts per group are then one
sparse product: (groups x pieces) @ (pieces x terms).

>>> import numpy as np, pyarrow as pa
>>> from sco_text.tokens import Tokenizer
>>> texts = pa.chunked_array([["Peace and peace.", "Trade, peace"]])
>>> counts, terms, words = count_terms(texts, np.array([0, 1]), 2, Tokenizer())
>>> terms.tolist(), counts.toarray().tolist(), words.tolist()
(['peace', 'trade'], [[2, 0], [1, 1]], [3, 2])
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from .tokens import Tokenizer

__all__ = ["CHUNK_BYTES", "arrow_texts", "count_terms"]

#: Texts are split and counted in pieces of about this many bytes of UTF-8 (rows are
#: never cut): large enough that Arrow's per-call cost vanishes, small enough that the
#: split pieces of two chunks in flight stay a few tens of megabytes.
CHUNK_BYTES = 8_000_000


def arrow_texts(frame: pd.DataFrame) -> Any:
    """The ``text`` column as a pyarrow ChunkedArray of strings (missing -> ""), or None
    when it holds anything but str and missing values (the caller then counts in Python).
    """
    import pyarrow as pa

    column = frame["text"]
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        texts = pa.chunked_array(column.array.__arrow_array__())
    else:
        values = column.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
            return None
        try:
            texts = pa.chunked_array([pa.array(values, type=pa.large_string(), from_pandas=True)])
        except (pa.ArrowException, UnicodeError, TypeError, ValueError):
            return None  # e.g. lone surrogates, which UTF-8 cannot hold
    if texts.null_count:
        import pyarrow.compute as pc

        texts = pc.fill_null(texts, "")
    return texts


def _slices(texts: Any, chunk_bytes: int) -> Iterator[tuple[int, Any]]:
    """(first row, array) pieces of ``texts`` holding about ``chunk_bytes`` bytes each."""
    import pyarrow.compute as pc

    row = 0
    for chunk in texts.chunks:
        sizes = pc.binary_length(chunk).to_numpy(zero_copy_only=False).astype(np.int64)
        ends = np.cumsum(sizes)
        start = 0
        while start < len(chunk):
            base = ends[start - 1] if start else 0
            stop = int(np.searchsorted(ends, base + chunk_bytes, side="right"))
            stop = max(stop, start + 1)
            yield row + start, chunk.slice(start, stop - start)
            start = stop
        row += len(chunk)


def _split(item: tuple[int, Any], codes: np.ndarray, n: int) -> tuple[sparse.csr_matrix, Any]:
    """One slice: how often each of its distinct pieces occurs in each group (groups x
    pieces, CSR), and those pieces (an Arrow array).  Arrow and scipy hold no GIL here, so
    slices are split on other threads while the calling one numbers the pieces."""
    import pyarrow as pa
    import pyarrow.compute as pc

    first, array = item
    # split at ASCII white space only (faster): a piece holding other white space (a
    # no-break space) has the terms of its parts, the word pattern seeing that space as
    # it sees the piece's ends
    split = pc.ascii_split_whitespace(array.cast(pa.string()))
    offsets = split.offsets.to_numpy().astype(np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(split))
    offsets -= offsets[0]
    local = encoded.indices.to_numpy()
    distinct = encoded.dictionary
    n_rows = len(offsets) - 1
    per_row = sparse.csr_matrix(
        (np.ones(len(local), dtype=np.int64), local, offsets), shape=(n_rows, len(distinct))
    )  # a piece twice in a row is two entries: the product adds them up
    to_group = sparse.csc_matrix(
        (np.ones(n_rows, dtype=np.int64), codes[first : first + n_rows], np.arange(n_rows + 1)),
        shape=(n, n_rows),
    )
    return (to_group @ per_row).tocsr(), distinct


def _threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def count_terms(
    texts: Any,
    codes: np.ndarray,
    n: int,
    tok: Tokenizer,
    *,
    chunk_bytes: int = CHUNK_BYTES,
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Count the terms of each row's text into its group (``codes``: one per row, 0..n-1).

    Returns what :func:`sco_text.frequency._count_matrix` returns for the texts bucketed
    by group: a CSR matrix (groups x terms, int64, terms in alphabetical order), the terms
    and each group's number of word tokens before stop-word removal.  ``tok`` must be
    :attr:`~sco_text.tokens.Tokenizer.whitespace_separable`.
    """
    if not tok.whitespace_separable:
        raise ValueError("count_terms needs a tokeniser without phrases or n-grams")
    codes = np.asarray(codes, dtype=np.int64)
    import pyarrow as pa
    import pyarrow.compute as pc

    known = pa.array([], type=pa.string())  # the distinct pieces so far, by row in to_terms
    term_id: dict[str, int | None] = {}  # a word -> its term's column (None: a stop word)
    to_terms = sparse.csr_matrix((0, 0), dtype=np.int64)  # pieces x terms: term counts
    piece_words = np.zeros(0, dtype=np.int64)  # word tokens of each piece (stop words too)
    n_terms = 0
    parts: list[sparse.coo_matrix] = []
    words = np.zeros(n, dtype=np.int64)

    def learn(pieces: list[str]) -> None:
        """Give new pieces their rows in ``to_terms`` (their words found in one pass)."""
        nonlocal to_terms, piece_words
        found = tok.piece_words(pieces)
        sizes = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        flat = list(chain.from_iterable(found))
        for word in set(flat).difference(term_id):
            term = tok.word_term(word)
            term_id[word] = None if term is None else _column(term)
        cols = np.array([-1 if k is None else k for k in map(term_id.__getitem__, flat)])
        rows = np.repeat(np.arange(len(pieces), dtype=np.int64), sizes)
        keep = cols >= 0
        new = sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.int64), (rows[keep], cols[keep].astype(np.int64))),
            shape=(len(pieces), n_terms),
        )
        to_terms.resize((to_terms.shape[0], n_terms))
        to_terms = sparse.vstack([to_terms, new], format="csr")
        piece_words = np.concatenate([piece_words, sizes])

    columns: dict[str, int] = {}  # a term -> its column

    def _column(term: str) -> int:
        nonlocal n_terms
        k = columns.get(term)
        if k is None:
            k = columns[term] = n_terms
            n_terms += 1
        return k

    def add(per_group: sparse.csr_matrix, distinct: Any) -> None:
        """Add one slice's counts: its pieces are found among the known ones by Arrow (a
        hash look-up holding no GIL); only the new ones go through the tokeniser."""
        nonlocal known
        # where each known piece is among the slice's (hashing the slice's pieces, fewer
        # than the known ones, is the cheaper way round)
        place = pc.index_in(known, value_set=distinct)
        index = np.full(len(distinct), -1, dtype=np.int64)
        if place.null_count < len(place):
            hit = place.is_valid()
            index[place.filter(hit).to_numpy()] = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
        new = index < 0
        if new.any():  # numbered len(known), len(known) + 1, ... in the order they come
            pieces = distinct.filter(pa.array(new))
            index[new] = np.arange(len(known), len(known) + len(pieces), dtype=np.int64)
            learn(pieces.to_pylist())
            known = pa.concat_arrays([known, pieces])
        parts.append((per_group @ to_terms[index]).tocoo())
        words[:] += per_group @ piece_words[index]

    slices = list(_slices(texts, chunk_bytes))
    workers = min(_threads(), len(slices))
    if workers <= 1:  # one slice (a small frame): no thread
        for item in slices:
            add(*_split(item, codes, n))
    else:
        with ThreadPoolExecutor(workers) as pool:
            pending: deque[Future[tuple[sparse.csr_matrix, Any]]] = deque()
            for item in slices:
                pending.append(pool.submit(_split, item, codes, n))
                if len(pending) > workers:
                    add(*pending.popleft().result())
            while pending:
                add(*pending.popleft().result())

    # the split pieces' memory goes back to the system now, not when Arrow next allocates
    # (the matrices made from here on are NumPy's: about 130 MB less at the peak)
    pa.default_memory_pool().release_unused()
    terms_arr = np.array(list(columns), dtype=object)
    order = np.argsort(terms_arr, kind="stable")  # columns in alphabetical order
    return _assemble(parts, order, (n, n_terms)), terms_arr[order], words


def _assemble(
    parts: list[sparse.coo_matrix], order: np.ndarray, shape: tuple[int, int]
) -> sparse.csr_matrix:
    """The sum of the (groups x terms so far) ``parts`` as one CSR matrix (int64) whose
    column ``j`` is the term numbered ``order[j]``: the parts' entries are gathered once in
    32-bit indices (each part is freed as soon as it is copied), then summed by scipy's
    COO-to-CSR conversion.

    >>> a = sparse.coo_matrix(np.array([[1, 0], [0, 2]]))
    >>> b = sparse.coo_matrix(np.array([[3]]))
    >>> _assemble([a, b], np.array([1, 0]), (2, 2)).toarray().tolist()
    [[0, 4], [2, 0]]
    """
    index = np.int32 if max(shape) < np.iinfo(np.int32).max else np.int64
    remap = np.empty(shape[1], dtype=index)
    remap[order] = np.arange(shape[1], dtype=index)
    size = sum(p.nnz for p in parts)
    rows = np.empty(size, dtype=index)
    cols = np.empty(size, dtype=index)
    data = np.empty(size, dtype=np.int64)
    at = 0
    while parts:
        part = parts.pop(0)
        end = at + part.nnz
        rows[at:end] = part.row
        cols[at:end] = remap[part.col]
        data[at:end] = part.data
        at = end
        del part
    matrix = sparse.coo_matrix((data, (rows, cols)), shape=shape)
    del rows, cols, data
    result = matrix.tocsr()  # duplicates (a group's term in two slices) are summed
    del matrix
    result.sort_indices()
    result.data = result.data.astype(np.int64, copy=False)
    return result
