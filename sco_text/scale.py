"""The corpus as a partitioned Dask DataFrame, for corpora that outgrow one machine.

Needs the optional extra: ``pip install 'sco-text[dask]'`` (Dask and its distributed
scheduler); ``import sco_text`` never imports Dask.  :func:`load_corpus_dask` lists the
files here, then the workers read and normalise them: one pass gathers the corpus
vocabulary (the normaliser's evidence for hyphen repair, as in :func:`load_corpus`), a
second makes the documents, which stay on the workers; here only their ids and dates
are gathered, to check the ids and to order the documents as :func:`load_corpus` does.
So ``load_corpus_dask(paths).compute()`` is ``load_corpus(paths)``, row for row.

The analyses take the Dask frame as they take a pandas one: ``keyword_frequency``,
``tfidf``, ``similarity``, ``distinctive_terms`` and ``themes`` count on each partition
and add the counts up here (same numbers as on the pandas frame, returned as pandas
frames); ``reuse`` finds shared shingles on the workers.  With no
``distributed.Client`` running, Dask's default scheduler (threads) runs them.

>>> import sco_text as st
>>> parts = load_corpus_dask(npartitions=2)          # the seed, plus corpus/ if any
>>> frame = parts.compute()
>>> frame.equals(st.load_corpus(cache=False))
True
>>> st.tfidf(parts, top=2).equals(st.tfidf(frame, top=2))
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._docwork import default_workers, make_entry, words_of
from ._validate import check_choice, check_positive_int
from .corpus import LoadedDoc, Sidecars, build_frame, find_documents, reporter, string_dtype
from .dictionaries import ThemeDictionary, theme_count_matrix
from .errors import CorpusError, FrameError, MissingExtraError
from .frequency import counts_by_code, grouping
from .language.reuse import (
    SHINGLE_WORDS,
    candidate_passages,
    date_order,
    first_dates,
    passage_excerpt,
    shared_shingles,
    shingle_hashes,
    word_corpus,
)
from .metadata import DocMetadata, apply_overrides
from .pdfgeometry import PdfLimits, current_pdf_limits, use_pdf_limits
from .readers import MAX_BYTES, check_max_bytes
from .tokens import Tokenizer

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = ["PARTITION_BYTES", "load_corpus_dask"]

#: By default a partition holds files adding up to about this many bytes (and there are
#: at least two partitions per worker thread, so that the workers share the load).
PARTITION_BYTES = 32_000_000
_ERRORS = ("raise", "warn")
_PathArg = str | os.PathLike[str]
#: one file of a share: (index in path order, path, root folder for metadata.csv)
_File = tuple[int, str, str]


def require_dask(what: str) -> Any:
    """The ``dask`` module, or :class:`MissingExtraError` naming the extra."""
    try:
        import dask
        import dask.dataframe
    except ImportError as exc:
        raise MissingExtraError(
            f"{what} needs Dask, an optional extra: pip install 'sco-text[dask]' ({exc})"
        ) from exc
    return dask


def _pandas_strings(dask: Any) -> Any:
    """A context in which a new Dask frame keeps pandas' own str dtype (Dask would make
    its str columns string[pyarrow])."""
    return dask.config.set({"dataframe.convert-string": False})


def _threads() -> int:
    """Worker threads of the running ``distributed`` client, else this machine's cores."""
    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError):
        return default_workers()
    threads = sum(client.nthreads().values())
    return max(1, int(threads))


def _shares(found: Sequence[tuple[Path, Path]], npartitions: int | None) -> list[list[_File]]:
    """The files cut into runs (path order kept) of about equal size in bytes."""
    sizes = []
    for path, _ in found:
        try:
            sizes.append(max(1, os.stat(path).st_size))
        except OSError:
            sizes.append(1)
    total = sum(sizes)
    if npartitions is None:
        npartitions = max(2 * _threads(), math.ceil(total / PARTITION_BYTES))
    n = max(1, min(npartitions, len(found)))
    shares: list[list[_File]] = [[] for _ in range(n)]
    done = 0
    for index, ((path, root), size) in enumerate(zip(found, sizes, strict=True)):
        # the share whose byte range holds this file's middle
        k = min(n - 1, int((done + size / 2) * n / total))
        shares[k].append((index, str(path), str(root)))
        done += size
    return [share for share in shares if share]


# -- the worker side -------------------------------------------------------------------------
def _share_words(files: Sequence[_File], limits: PdfLimits, max_bytes: int) -> str:
    use_pdf_limits(limits)
    return words_of([path for _, path, _ in files], max_bytes=max_bytes)


def _vocabulary(*joined: str) -> frozenset[str]:
    words: set[str] = set()
    for text in joined:
        if text:
            words.update(text.split("\n"))
    return frozenset(words)


#: What became of one file: (index, the document or None, the problems its sidecars had,
#: the file's own problem or None); a problem is (path, reason, consequence).
_Problem = tuple[str, str, str]
_Outcome = tuple[int, LoadedDoc | None, list[_Problem], _Problem | None]


def _make_share(
    files: Sequence[_File], words: Collection[str], limits: PdfLimits, max_bytes: int
) -> list[_Outcome]:
    """Read, normalise and describe the files of one share (sidecars applied); problems
    are returned, not raised or warned (:func:`_plan` does that, in path order)."""
    use_pdf_limits(limits)
    problems: list[_Problem] = []

    def record(exc: CorpusError, consequence: str = "its values are ignored") -> None:
        problems.append((exc.path, exc.reason, consequence))

    sidecars = Sidecars(record)
    outcomes: list[_Outcome] = []
    for index, path, root in files:
        problems.clear()
        try:
            entry = make_entry(Path(path), "", words, max_bytes=max_bytes)
            doc = LoadedDoc(path=Path(path), root=Path(root), entry=entry)
            doc.meta = apply_overrides(
                DocMetadata(**entry.meta), sidecars.overrides(doc), source=Path(path)
            )
        except CorpusError as exc:
            outcomes.append((index, None, list(problems), (exc.path, exc.reason, "skipped")))
            continue
        outcomes.append((index, doc, list(problems), None))
    return outcomes


#: Per file: (index, sidecar problems, own problem, doc_id, date, rows).
_Summary = tuple[int, list[_Problem], _Problem | None, str, dt.date | None, int]


def _summary(outcomes: list[_Outcome]) -> list[_Summary]:
    """What the client needs of a share's outcomes (no text)."""
    rows: list[_Summary] = []
    for index, doc, problems, failed in outcomes:
        if doc is None or doc.meta is None or doc.entry is None:
            rows.append((index, problems, failed, "", None, 0))
        else:
            rows.append(
                (index, problems, None, doc.meta.doc_id, doc.meta.date, doc.entry.n_paragraphs)
            )
    return rows


def _split(outcomes: list[_Outcome], wanted: dict[int, int], n: int) -> tuple[list[LoadedDoc], ...]:
    """The kept documents of a share, cut into ``n`` pieces (``wanted``: file index ->
    piece)."""
    pieces: tuple[list[LoadedDoc], ...] = tuple([] for _ in range(n))
    for index, doc, _, _ in outcomes:
        if doc is not None and index in wanted:
            pieces[wanted[index]].append(doc)
    return pieces


def _assemble(start: int, *pieces: list[LoadedDoc]) -> pd.DataFrame:
    """One output partition: its documents' rows (in the frame's order), numbered from
    ``start``."""
    frame = build_frame([doc for piece in pieces for doc in piece])
    frame.index = pd.RangeIndex(start, start + len(frame))
    return frame


# -- the client side -------------------------------------------------------------------------
def _plan(
    summaries: Sequence[Sequence[_Summary]], paths: Sequence[Path], report: Callable[..., None]
) -> list[tuple[int, int]]:
    """The kept documents as (file index, rows), in the frame's order.

    Problems are reported in path order, as :func:`load_corpus` meets them; a doc_id
    already used is one (the first file in path order keeps it).
    """
    rows = sorted((row for summary in summaries for row in summary), key=lambda r: r[0])
    seen: dict[str, int] = {}
    told: set[_Problem] = set()
    kept: list[tuple[bool, dt.date, str, int, int]] = []
    for index, problems, failed, doc_id, date, n_rows in rows:
        for problem in problems:
            if problem not in told:  # every share reads a broken metadata.csv: tell once
                told.add(problem)
                report(CorpusError(problem[0], problem[1]), problem[2])
        if failed is not None:
            report(CorpusError(failed[0], failed[1]), failed[2])
            continue
        if doc_id in seen:
            report(
                CorpusError(
                    paths[index],
                    f"doc_id {doc_id!r} is already used by {paths[seen[doc_id]]}; "
                    "set another doc_id in a sidecar (see corpus/README.md)",
                )
            )
            continue
        seen[doc_id] = index
        kept.append((date is None, date or dt.date.min, doc_id, index, n_rows))
    kept.sort(key=lambda k: k[:3])  # as corpus._sort_key
    return [(k[3], k[4]) for k in kept]


def _runs_of_rows(order: Sequence[tuple[int, int]], n: int) -> list[list[tuple[int, int]]]:
    """The ordered documents cut into at most ``n`` runs of about equal numbers of rows."""
    total = max(1, sum(rows for _, rows in order))
    runs: list[list[tuple[int, int]]] = []
    last, done = -1, 0
    for index, rows in order:
        k = min(n - 1, done * n // total)
        if k != last:
            runs.append([])
            last = k
        runs[-1].append((index, rows))
        done += rows
    return runs


def _meta() -> pd.DataFrame:
    """The frame without rows, with the dtypes of a frame with rows (an empty column of
    str would be object)."""
    meta = build_frame([])
    meta.attrs = {}
    strings = {c: string_dtype() for c in meta.columns if meta[c].dtype == object}
    return meta.astype(strings)


def load_corpus_dask(
    paths: _PathArg | Sequence[_PathArg] | None = None,
    *,
    npartitions: int | None = None,
    errors: str = "raise",
    max_bytes: int = MAX_BYTES,
) -> dd.DataFrame:
    """The corpus frame of :func:`sco_text.load_corpus` as a partitioned Dask DataFrame.

    ``paths``, ``errors`` and ``max_bytes`` as in :func:`~sco_text.load_corpus` (same files, same
    :class:`~sco_text.errors.CorpusError` or warning for a bad file or a doc_id used
    twice); the files are listed here and read and normalised on the Dask workers (the
    running ``distributed.Client``, else Dask's default scheduler).  ``npartitions``:
    how many runs of files (in path order, about equal in bytes) the workers make
    (default: at least two per worker thread, more for corpora over
    :data:`PARTITION_BYTES` bytes each).  Nothing is cached.

    The documents stay on the workers (persisted); here the function waits for them and
    gathers their ids and dates only.  The result has the columns, dtypes and row order
    of :func:`~sco_text.load_corpus` (its index numbers the rows, so its divisions are
    known), each document's rows in one partition; ``.compute()`` gives the same frame.
    Each partition's ``attrs["repairs"]`` holds its documents' repairs.

    >>> parts = load_corpus_dask(npartitions=1)
    >>> parts.npartitions, list(parts.columns[:3])
    (1, ['doc_id', 'title', 'date'])
    >>> load_corpus_dask(npartitions=0)
    Traceback (most recent call last):
    ...
    sco_text.errors.OptionError: npartitions=0 is not allowed; give an integer >= 1 or None
    """
    check_choice("errors", errors, _ERRORS)
    check_positive_int("npartitions", npartitions, allow_none=True)
    max_bytes = check_max_bytes(max_bytes)
    dask = require_dask("load_corpus_dask")
    import dask.dataframe as dd

    report = reporter(errors, "load_corpus_dask")
    found = find_documents(paths, report)
    meta = _meta()
    if not found:
        with _pandas_strings(dask):
            return dd.from_pandas(meta, npartitions=1)
    shares = _shares(found, npartitions)
    limits = current_pdf_limits()
    delayed = dask.delayed
    joined = [delayed(_share_words)(share, limits, max_bytes) for share in shares]
    words = delayed(_vocabulary)(*joined)
    made = [delayed(_make_share)(share, words, limits, max_bytes) for share in shares]
    made = list(dask.persist(*made))
    summaries = dask.compute(*[delayed(_summary)(m) for m in made])
    order = _plan(summaries, [path for path, _ in found], report)
    if not order:
        with _pandas_strings(dask):
            return dd.from_pandas(meta, npartitions=1)

    # output partitions: runs of the ordered documents, each gathered from the shares
    runs = _runs_of_rows(order, len(shares))
    run_of = {index: r for r, run in enumerate(runs) for index, _ in run}
    pieces = [
        delayed(_split, nout=len(runs))(
            made[s], {i: run_of[i] for i, _, _ in share if i in run_of}, len(runs)
        )
        for s, share in enumerate(shares)
    ]
    share_of = {index: s for s, share in enumerate(shares) for index, _, _ in share}
    parts, divisions, start = [], [], 0
    for r, run in enumerate(runs):
        sources = sorted({share_of[index] for index, _ in run})
        parts.append(delayed(_assemble)(start, *[pieces[s][r] for s in sources]))
        divisions.append(start)
        start += sum(rows for _, rows in run)
    divisions.append(start - 1)
    with _pandas_strings(dask):
        return dd.from_delayed(parts, meta=meta, divisions=tuple(divisions), verify_meta=False)


# -- the analyses: count per partition, add up here ------------------------------------------
def _parts(frame: Any, columns: Sequence[str]) -> list[Any]:
    """The partitions of ``frame`` (only ``columns``) as delayed pandas frames."""
    return list(frame[list(dict.fromkeys(columns))].to_delayed())


def _compute(tasks: Sequence[Any]) -> list[Any]:
    dask = require_dask("a Dask frame")
    return list(dask.compute(*tasks))


def _keys(frame: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, pd.Index, pd.DataFrame]:
    """Each row's group number, the groups' labels (as :func:`frequency.grouping`) and
    the groups' values of ``cols``, one row per group in group order."""
    codes, labels = grouping(frame, cols)
    first = np.unique(codes, return_index=True)[1] if len(codes) else np.zeros(0, np.int64)
    return codes, labels, frame[cols].iloc[first].reset_index(drop=True)


#: A partition's counts: its groups' values, term counts, terms and word tokens.
_Partial = tuple[pd.DataFrame, sparse.csr_matrix, np.ndarray, np.ndarray]


def _partial_counts(part: pd.DataFrame, cols: list[str], tok: Tokenizer) -> _Partial:
    codes, _, keys = _keys(part, cols)
    counts, vocab, n_words = counts_by_code(part, codes, len(keys), tok)
    return keys, counts, vocab, n_words


def _merge(
    partials: Sequence[_Partial], cols: list[str]
) -> tuple[pd.DataFrame, pd.Index, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The partitions' counts added up per group (groups and terms in sorted order, as
    counted on the whole frame): group values, labels, counts, terms, word tokens."""
    keys = pd.concat([p[0] for p in partials], ignore_index=True)
    codes, labels, merged = _keys(keys, cols)
    vocab = np.unique(np.concatenate([np.asarray(p[2], dtype=object) for p in partials]))
    rows = []
    for _, counts, terms, _ in partials:
        columns = np.searchsorted(vocab, terms).astype(np.int64)
        rows.append(
            sparse.csr_matrix(
                (counts.data, columns[counts.indices], counts.indptr),
                shape=(counts.shape[0], len(vocab)),
            )
        )
    stacked = sparse.vstack(rows, format="csr") if rows else sparse.csr_matrix((0, 0))
    assign = sparse.csr_matrix(
        (np.ones(len(keys), dtype=np.int64), (codes, np.arange(len(keys)))),
        shape=(len(labels), len(keys)),
    )
    total = sparse.csr_matrix(assign @ stacked, dtype=np.int64)
    total.sort_indices()
    n_words = np.zeros(len(labels), dtype=np.int64)
    np.add.at(n_words, codes, np.concatenate([p[3] for p in partials]).astype(np.int64))
    return merged, labels, total, vocab, n_words


def group_counts(
    frame: Any, cols: list[str], tok: Tokenizer
) -> tuple[pd.Index, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """:func:`sco_text.frequency._group_counts` of a Dask frame."""
    dask = require_dask("a Dask frame")
    partials = _compute(
        [dask.delayed(_partial_counts)(p, cols, tok) for p in _parts(frame, [*cols, "text"])]
    )
    _, labels, counts, vocab, n_words = _merge(partials, cols)
    return labels, counts, vocab, n_words


def unit_counts(
    frame: Any, cols: list[str], tok: Tokenizer
) -> tuple[pd.Index, np.ndarray, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """:func:`sco_text.frequency._unit_counts` of a Dask frame (a document whose rows are
    in several partitions is one unit)."""
    dask = require_dask("a Dask frame")
    unit_cols = cols if "doc_id" in cols else [*cols, "doc_id"]
    parts = _parts(frame, [*unit_cols, "text"])
    partials = _compute([dask.delayed(_partial_counts)(p, unit_cols, tok) for p in parts])
    units, _, counts, vocab, n_words = _merge(partials, unit_cols)
    group_codes, labels = grouping(units, cols)
    return labels, np.asarray(group_codes, dtype=np.int64), counts, vocab, n_words


def _partial_themes(
    part: pd.DataFrame, cols: list[str], d: ThemeDictionary
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    _, counts, words = theme_count_matrix(part, cols, d)
    return _keys(part, cols)[2], counts, words


def theme_counts(
    frame: Any, cols: list[str], d: ThemeDictionary
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """:func:`sco_text.dictionaries.theme_count_matrix` of a Dask frame."""
    dask = require_dask("a Dask frame")
    parts = _parts(frame, [*cols, "text"])
    partials = _compute([dask.delayed(_partial_themes)(p, cols, d) for p in parts])
    keys = pd.concat([p[0] for p in partials], ignore_index=True)
    codes, labels, _ = _keys(keys, cols)
    counts = np.zeros((len(labels), len(d.keys)), dtype=np.int64)
    words = np.zeros(len(labels), dtype=np.int64)
    np.add.at(counts, codes, np.concatenate([p[1] for p in partials]).reshape(-1, len(d.keys)))
    np.add.at(words, codes, np.concatenate([p[2] for p in partials]).astype(np.int64))
    return labels, counts, words


# -- text reuse: shingles on the workers -----------------------------------------------------
def _listing(part: pd.DataFrame) -> dict[Any, Any]:
    return first_dates(part)


def _part_shingles(
    part: pd.DataFrame, index_of: dict[Any, int], n_buckets: int
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]:
    """The partition's shingles (hash, document's index in date order, position), cut
    into ``n_buckets`` by hash, so that each shingle's occurrences meet in one bucket."""
    corpus = word_corpus(part)
    hashes, doc, pos = shingle_hashes(corpus.words, SHINGLE_WORDS)
    doc = np.array([index_of[d] for d in corpus.ids], dtype=np.int64)[doc]
    bucket = (hashes % np.uint64(n_buckets)).astype(np.int64)
    order = np.argsort(bucket, kind="stable")
    bounds = np.searchsorted(bucket[order], np.arange(n_buckets + 1))
    return tuple(
        (hashes[order[lo:hi]], doc[order[lo:hi]], pos[order[lo:hi]])
        for lo, hi in itertools.pairwise(bounds.tolist())
    )


def _bucket_pairs(
    max_docs: int, *pieces: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The shared shingles of one bucket as document pairs (:func:`reuse.shared_shingles`)."""
    hashes = np.concatenate([p[0] for p in pieces]) if pieces else np.zeros(0, np.uint64)
    doc = np.concatenate([p[1] for p in pieces]) if pieces else np.zeros(0, np.int64)
    pos = np.concatenate([p[2] for p in pieces]) if pieces else np.zeros(0, np.int64)
    return shared_shingles(hashes, doc, pos, max_docs)


def _part_ranges(
    part: pd.DataFrame, index_of: dict[Any, int], ranges: Sequence[tuple[int, int, int]]
) -> list[tuple[list[int], Any, str]]:
    """Word ids, paragraph number and text of each (document, start, end) range."""
    corpus = word_corpus(part)
    local = {index_of[d]: i for i, d in enumerate(corpus.ids)}
    spans_of: dict[int, list[tuple[int, int]]] = {}
    out = []
    for d, start, end in ranges:
        i = local[d]
        para_no, text = passage_excerpt(corpus, i, start, end, spans_of)
        out.append((corpus.words[i][start:end].tolist(), para_no, text))
    return out


def reuse_candidates(frame: Any, *, min_words: int, max_docs: int) -> tuple[Any, ...]:
    """What :func:`sco_text.reuse` needs of a Dask frame: the documents and dates in date
    order, the candidate passages (shingled and paired on the workers), and the word ids
    and text of their ranges (fetched from the workers)."""
    dask = require_dask("reuse on a Dask frame")
    delayed = dask.delayed
    columns = [c for c in ("doc_id", "date", "para_no", "text") if c in frame.columns]
    parts = _parts(frame, columns)
    listings = _compute([delayed(_listing)(p) for p in parts])
    dates: dict[Any, Any] = {}
    part_of: dict[Any, int] = {}
    for k, listing in enumerate(listings):
        for d, date in listing.items():
            if d in part_of:
                raise FrameError(
                    f"reuse: document {d!r} has rows in partitions {part_of[d]} and {k}; "
                    "give a frame with each document's rows in one partition "
                    "(as sco_text.load_corpus_dask makes it)"
                )
            part_of[d] = k
            dates[d] = date
    ids = date_order(dates)
    index_of = {d: i for i, d in enumerate(ids)}
    n_buckets = max(1, len(parts))
    shingled = [delayed(_part_shingles, nout=n_buckets)(p, index_of, n_buckets) for p in parts]
    pairs = _compute(
        [delayed(_bucket_pairs)(max_docs, *[s[b] for s in shingled]) for b in range(n_buckets)]
    )
    joined = tuple(
        np.concatenate([p[j] for p in pairs]) if pairs else np.zeros(0, np.int64) for j in range(4)
    )
    candidates = candidate_passages(joined, min_words)  # type: ignore[arg-type]
    wanted: dict[int, list[tuple[int, int, int]]] = {}
    for a, b, a0, a1, b0, b1, _ in candidates:
        wanted.setdefault(part_of[ids[a]], []).append((a, a0, a1))
        wanted.setdefault(part_of[ids[b]], []).append((b, b0, b1))
    keys = sorted(wanted)
    fetched = _compute([delayed(_part_ranges)(parts[k], index_of, wanted[k]) for k in keys])
    pieces = {
        r: piece
        for k, got in zip(keys, fetched, strict=True)
        for r, piece in zip(wanted[k], got, strict=True)
    }
    return (
        ids,
        [dates[d] for d in ids],
        candidates,
        lambda d, start, end: pieces[(d, start, end)][0],
        lambda d, start, end: pieces[(d, start, end)][1:],
    )
