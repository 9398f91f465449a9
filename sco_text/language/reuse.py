"""Text reuse across a whole corpus: passages of one document that reappear in another.

:func:`reuse` finds them without comparing every pair of documents in full:

1. every document becomes a list of words (:data:`sco_text.text.WORD_PATTERN`, lower
   case) and every run of :data:`SHINGLE_WORDS` words a *shingle*, hashed to 64 bits;
2. shingles are sorted by hash, so documents sharing one sit side by side; a shingle
   found in more than ``max_docs`` documents (:data:`MAX_SHINGLE_DOCS`) is boilerplate
   ("the United Nations and its specialized agencies") and pairs no documents;
3. each shared shingle gives a word position in both documents; positions on one
   diagonal (same offset) that follow each other form exact runs, and runs of a pair
   at most :data:`MAX_GAP_WORDS` words apart in both documents join into one passage
   (an edit in between);
4. each passage is aligned word by word (:class:`difflib.SequenceMatcher`) and kept
   when at least ``min_words`` (:data:`MIN_PASSAGE_WORDS`) of its words match.

So the work grows with the number of shared shingles, not with the square of the
number of documents.  The earlier document (by ``date``) is the likely source; for
documents of one date ``direction`` says ``same date``.  Passages that overlap in a
document are joined into **clusters** (``cluster``, ``cluster_docs``): a passage many
documents share is one cluster.  :func:`reuse_shares` gives each document's share of
words found in an earlier document (and in any other).

>>> import pandas as pd
>>> common = "the parties will work together to protect the rivers and lakes of the region"
>>> frame = pd.DataFrame({"doc_id": ["a", "b", "c"],
...     "date": pd.to_datetime(["2020-01-01", "2021-01-01", "2021-06-01"]),
...     "para_no": [0, 0, 0],
...     "text": [f"First words here. {common.capitalize()}.",
...              f"We agree: {common} now.", "Nothing in common with the others at all."]})
>>> found = reuse(frame)
>>> found[["source_doc", "target_doc", "n_words", "similarity", "cluster_docs"]]
  source_doc target_doc  n_words  similarity  cluster_docs
0          a          b       14         1.0             2
>>> reuse_shares(frame, found)[["doc_id", "n_words", "reused_words", "share_reused"]]
  doc_id  n_words  reused_words  share_reused
0      a       17             0      0.000000
1      b       17            14      0.823529
2      c        8             0      0.000000
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validate import check_columns, check_positive_int, is_dask_frame
from ..errors import OptionError
from ..text import WORD_PATTERN, fold_marks

__all__ = [
    "MAX_GAP_WORDS",
    "MAX_SHINGLE_DOCS",
    "MIN_PASSAGE_WORDS",
    "REUSE_COLUMNS",
    "SHARE_COLUMNS",
    "SHINGLE_WORDS",
    "reuse",
    "reuse_shares",
]

#: Words per shingle (the unit two documents must share exactly to be compared).
SHINGLE_WORDS = 7
#: A shingle found in more documents than this pairs none of them (boilerplate).
MAX_SHINGLE_DOCS = 50
#: Exact runs of a pair at most this many words apart (in both documents) make one passage.
MAX_GAP_WORDS = 8
#: A passage is kept when at least this many of its words match word for word.
MIN_PASSAGE_WORDS = 12

#: Columns of :func:`reuse`.
REUSE_COLUMNS = [
    "cluster",
    "cluster_docs",
    "source_doc",
    "source_date",
    "target_doc",
    "target_date",
    "direction",
    "n_words",
    "similarity",
    "source_para_no",
    "target_para_no",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "source_text",
    "target_text",
]
#: Columns of :func:`reuse_shares`.
SHARE_COLUMNS = [
    "doc_id",
    "date",
    "n_words",
    "reused_words",
    "share_reused",
    "shared_words",
    "share_shared",
    "n_sources",
]

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant for the rolling hash


@dataclass
class _Corpus:
    """Every document's words as integer ids, with where each word came from."""

    ids: list[Any]  # doc ids, date order
    dates: list[Any]
    words: list[np.ndarray]  # per document: word ids (int64 hashes of the folded words)
    rows: list[np.ndarray]  # per document: frame row of each word
    para_nos: list[Any]  # frame para_no per row (all rows)
    texts: list[str]  # frame text per row (all rows)


def first_dates(frame: pd.DataFrame) -> dict[Any, Any]:
    """Each document's date (its first row's; NaT without a ``date`` column), in the
    order documents first appear."""
    ids = list(dict.fromkeys(frame["doc_id"].tolist()))
    if "date" not in frame.columns:
        return dict.fromkeys(ids, pd.NaT)
    first = frame.drop_duplicates("doc_id").set_index("doc_id")["date"]
    return {d: pd.Timestamp(first[d]) if pd.notna(first[d]) else pd.NaT for d in ids}


def date_order(dates: dict[Any, Any]) -> list[Any]:
    """The documents by date (undated last; first appearance among equals)."""
    ids = list(dates)
    ids.sort(key=lambda d: (pd.isna(dates[d]), dates[d] if pd.notna(dates[d]) else 0))
    return ids


def word_corpus(frame: pd.DataFrame) -> _Corpus:
    """The documents of ``frame`` by date; a word's id is a 64-bit hash of its folded
    form, the same in any frame (so partitions of a Dask frame agree)."""
    dates = first_dates(frame)
    ids = date_order(dates)
    texts = frame["text"].fillna("").astype(str).tolist()
    rows_of: dict[Any, list[int]] = {d: [] for d in ids}
    for row, d in enumerate(frame["doc_id"].tolist()):
        rows_of[d].append(row)
    order = [row for d in ids for row in rows_of[d]]
    found = [WORD_PATTERN.findall(texts[row]) for row in order]
    counts = np.array([len(f) for f in found], dtype=np.int64)
    flat = np.fromiter(itertools.chain.from_iterable(found), dtype=object, count=int(counts.sum()))
    del found
    if len(flat):
        # factorize the words as written, then fold the (few) distinct forms
        raw_codes, uniques = pd.factorize(flat)
        folded = np.array([fold_marks(u).lower() for u in uniques], dtype=object)
        codes = pd.util.hash_array(folded).view(np.int64)[raw_codes]
    else:
        codes = np.zeros(0, dtype=np.int64)
    all_rows = np.repeat(np.asarray(order, dtype=np.int64), counts)
    rows_per_doc = np.array([len(rows_of[d]) for d in ids], dtype=np.int64)
    row_bounds = np.concatenate([[0], np.cumsum(rows_per_doc)])
    word_bounds = np.concatenate([[0], np.cumsum(counts)])[row_bounds]
    words = [codes[word_bounds[i] : word_bounds[i + 1]] for i in range(len(ids))]
    rows = [all_rows[word_bounds[i] : word_bounds[i + 1]] for i in range(len(ids))]
    para = frame["para_no"].tolist() if "para_no" in frame.columns else [pd.NA] * len(frame)
    return _Corpus(ids, [dates[d] for d in ids], words, rows, para, texts)


def shingle_hashes(
    words: Sequence[np.ndarray], k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash, document and start position of every k-word shingle of every document."""
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    counts = np.maximum(lengths - k + 1, 0)
    if counts.sum() == 0:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    flat = np.concatenate(list(words)).astype(np.uint64) + np.uint64(1)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    n = len(flat) - k + 1
    hashes = np.zeros(max(n, 0), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            hashes = hashes * _MULTIPLIER + flat[j : j + n]
    doc = np.repeat(np.arange(len(words), dtype=np.int64), counts)
    pos = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(counts) - counts, counts
    )
    return hashes[offsets[doc] + pos], doc, pos


def shared_shingles(
    hashes: np.ndarray, doc: np.ndarray, pos: np.ndarray, max_docs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(doc_a, pos_a, doc_b, pos_b)`` for every shingle two documents share (a < b)."""
    order = np.lexsort((pos, doc, hashes))
    h, d, p = hashes[order], doc[order], pos[order]
    if len(h) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    new_group = np.concatenate([[True], h[1:] != h[:-1]])
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.concatenate([starts, [len(h)]]))
    new_doc = new_group | np.concatenate([[True], d[1:] != d[:-1]])
    n_docs = np.add.reduceat(new_doc.astype(np.int64), starts)
    keep = (n_docs >= 2) & (n_docs <= max_docs) & (sizes <= 2 * max_docs)
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    for size in np.unique(sizes[keep]):
        g = starts[keep & (sizes == size)]
        first, second = np.triu_indices(int(size), 1)
        i = (g[:, None] + first[None, :]).ravel()
        j = (g[:, None] + second[None, :]).ravel()
        other = d[i] != d[j]
        parts.append((i[other], j[other]))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    i = np.concatenate([a for a, _ in parts])
    j = np.concatenate([b for _, b in parts])
    # d is sorted within a group, so d[i] < d[j]
    return d[i], p[i], d[j], p[j]


def _runs(da: np.ndarray, pa: np.ndarray, db: np.ndarray, pb: np.ndarray, k: int) -> np.ndarray:
    """Exact runs: rows ``(doc_a, doc_b, a_start, a_end, b_start, b_end)`` (word ranges)."""
    if len(da) == 0:
        return np.zeros((0, 6), dtype=np.int64)
    diag = pa - pb
    order = np.lexsort((pa, diag, db, da))
    da, db, pa, pb, diag = da[order], db[order], pa[order], pb[order], diag[order]
    brk = np.concatenate(
        [[True], (da[1:] != da[:-1]) | (db[1:] != db[:-1]) | (diag[1:] != diag[:-1])
         | (pa[1:] != pa[:-1] + 1)]
    )  # fmt: skip
    s = np.flatnonzero(brk)
    e = np.concatenate([s[1:], [len(da)]]) - 1
    return np.stack([da[s], db[s], pa[s], pa[e] + k, pb[s], pb[e] + k], axis=1)


def _passages(runs: np.ndarray, max_gap: int) -> list[tuple[int, int, int, int, int, int, int]]:
    """Join a pair's runs that follow each other within ``max_gap`` words in both documents.

    Returns ``(doc_a, doc_b, a_start, a_end, b_start, b_end, exact_words)``.
    """
    if len(runs) == 0:
        return []
    order = np.lexsort((runs[:, 4], runs[:, 2], runs[:, 1], runs[:, 0]))
    out: list[tuple[int, int, int, int, int, int, int]] = []
    cur: list[int] | None = None
    for da, db, a0, a1, b0, b1 in runs[order].tolist():
        if (
            cur is not None
            and cur[0] == da
            and cur[1] == db
            and a0 <= cur[3] + max_gap
            and cur[4] <= b0 <= cur[5] + max_gap
        ):
            cur[6] += max(0, a1 - max(a0, cur[3]))
            cur[3] = max(cur[3], a1)
            cur[5] = max(cur[5], b1)
            continue
        if cur is not None:
            out.append((cur[0], cur[1], cur[2], cur[3], cur[4], cur[5], cur[6]))
        cur = [da, db, a0, a1, b0, b1, a1 - a0]
    if cur is not None:
        out.append((cur[0], cur[1], cur[2], cur[3], cur[4], cur[5], cur[6]))
    return out


def passage_excerpt(
    corpus: _Corpus, doc: int, start: int, end: int, spans_of: dict[int, list[tuple[int, int]]]
) -> tuple[Any, str]:
    """The paragraph number and the words ``start:end`` of a document as written.

    ``spans_of`` caches the word spans of each frame row already looked at.
    """
    rows = corpus.rows[doc]
    first_row = int(rows[start])
    pieces = []
    for row in dict.fromkeys(rows[start:end].tolist()):
        # the row's words are one contiguous block of the document's words
        row_start = int(np.searchsorted(rows, row, side="left"))
        row_end = int(np.searchsorted(rows, row, side="right"))
        lo, hi = max(start, row_start), min(end, row_end)
        spans = spans_of.get(row)
        if spans is None:
            spans = [m.span(1) for m in WORD_PATTERN.finditer(corpus.texts[row])]
            spans_of[row] = spans
        a, b = lo - row_start, hi - row_start
        pieces.append(corpus.texts[row][spans[a][0] : spans[b - 1][1]])
    return corpus.para_nos[first_row], " ¶ ".join(" ".join(p.split()) for p in pieces)


def _clusters(spans: list[tuple[int, int, int]], n_pairs: int) -> list[int]:
    """Union passage ends that overlap in a document; the cluster of each pair (its index)."""
    parent = list(range(n_pairs))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for doc, start, end_pair in spans:
        by_doc.setdefault(doc, []).append((start, end_pair // n_pairs, end_pair % n_pairs))
    for items in by_doc.values():
        items.sort()
        reach, owner = -1, -1
        for start, end, pair in items:
            if start < reach:
                parent[find(pair)] = find(owner)
            if end > reach:
                reach, owner = end, pair
    roots = [find(i) for i in range(n_pairs)]
    labels: dict[int, int] = {}
    return [labels.setdefault(r, len(labels)) for r in roots]


def reuse(
    frame: pd.DataFrame,
    *,
    min_words: int = MIN_PASSAGE_WORDS,
    max_docs: int = MAX_SHINGLE_DOCS,
) -> pd.DataFrame:
    """Passages of one document that reappear in another, aligned word by word.

    On a Dask frame (:func:`sco_text.load_corpus_dask`, each document's rows in one
    partition) the workers shingle the documents and pair the shared shingles (cut into
    buckets by hash, so each bucket is paired on one worker); the passages and their
    words come back here to be aligned: the same table as on the pandas frame.

    Parameters
    ----------
    frame
        The corpus frame (``doc_id``, ``text``; ``date`` and ``para_no`` when present).
    min_words
        Keep a passage when at least this many words match word for word
        (>= :data:`SHINGLE_WORDS`).
    max_docs
        A shingle in more documents than this is boilerplate and pairs none (>= 2).

    Returns
    -------
    pandas.DataFrame
        :data:`REUSE_COLUMNS`, one row per passage and pair of documents: its
        ``cluster`` (passages overlapping in some document share one) and the number
        of documents in it (``cluster_docs``); the likely ``source_doc`` (earlier) and
        ``target_doc`` with their dates and ``direction`` (``earlier`` or ``same
        date``); ``n_words`` matching word for word and ``similarity`` (difflib ratio
        of the two passages' words); where each passage starts (``*_para_no``) and
        its word range in its document (``*_start``/``*_end``); the passages as
        written (``*_text``, paragraphs joined by " ¶ ").  Sorted by cluster size,
        then cluster, then source and target order.
    """
    check_columns(frame, ["doc_id", "text"], dask=True)
    check_positive_int("min_words", min_words)
    check_positive_int("max_docs", max_docs)
    if min_words < SHINGLE_WORDS:
        raise OptionError(
            f"min_words={min_words} is not allowed; give min_words >= {SHINGLE_WORDS}"
        )
    if max_docs < 2:
        raise OptionError(f"max_docs={max_docs} is not allowed; give max_docs >= 2")
    if is_dask_frame(frame):
        from ..scale import reuse_candidates

        ids, dates, candidates, words_of, excerpt_of = reuse_candidates(
            frame, min_words=min_words, max_docs=max_docs
        )
        return _reuse_table(ids, dates, candidates, words_of, excerpt_of, min_words)
    corpus = word_corpus(frame)
    hashes, doc, pos = shingle_hashes(corpus.words, SHINGLE_WORDS)
    candidates = candidate_passages(shared_shingles(hashes, doc, pos, max_docs), min_words)
    spans_of: dict[int, list[tuple[int, int]]] = {}
    return _reuse_table(
        corpus.ids,
        corpus.dates,
        candidates,
        lambda d, start, end: corpus.words[d][start:end].tolist(),
        lambda d, start, end: passage_excerpt(corpus, d, start, end, spans_of),
        min_words,
    )


_Passage = tuple[int, int, int, int, int, int, int]


def candidate_passages(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], min_words: int
) -> list[_Passage]:
    """The passages of the shared shingles (:func:`shared_shingles`) with at least ``min_words``
    exactly matching words: ``(doc_a, doc_b, a_start, a_end, b_start, b_end, exact)``."""
    passages = _passages(_runs(*pairs, SHINGLE_WORDS), MAX_GAP_WORDS)
    return [p for p in passages if p[6] >= min_words]


def _reuse_table(
    ids: Sequence[Any],
    dates: Sequence[Any],
    candidates: Sequence[_Passage],
    words_of: Callable[[int, int, int], list[int]],
    excerpt_of: Callable[[int, int, int], tuple[Any, str]],
    min_words: int,
) -> pd.DataFrame:
    """The table of :func:`reuse`: the candidates aligned word by word (``words_of``:
    the word ids of a document's range), clustered, with their passages as written
    (``excerpt_of``: the paragraph number and text of a range)."""
    kept = []
    for a, b, a0, a1, b0, b1, _exact in candidates:
        wa, wb = words_of(a, a0, a1), words_of(b, b0, b1)
        sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
        matched = sum(block.size for block in sm.get_matching_blocks())
        if matched >= min_words:
            kept.append((a, b, a0, a1, b0, b1, matched, round(sm.ratio(), 4)))
    n = len(kept)
    spans = []
    for i, (a, b, a0, a1, b0, b1, *_rest) in enumerate(kept):
        spans.append((a, a0, a1 * max(n, 1) + i))
        spans.append((b, b0, b1 * max(n, 1) + i))
    cluster = _clusters(spans, n) if n else []
    docs_in: dict[int, set[int]] = {}
    for i, (a, b, *_rest) in enumerate(kept):
        docs_in.setdefault(cluster[i], set()).update((a, b))

    records = []
    for i, (a, b, a0, a1, b0, b1, matched, ratio) in enumerate(kept):
        para_a, text_a = excerpt_of(a, a0, a1)
        para_b, text_b = excerpt_of(b, b0, b1)
        da_, db_ = dates[a], dates[b]
        same = pd.isna(da_) or pd.isna(db_) or da_ == db_
        records.append(
            {
                "cluster": cluster[i],
                "cluster_docs": len(docs_in[cluster[i]]),
                "source_doc": ids[a],
                "source_date": da_,
                "target_doc": ids[b],
                "target_date": db_,
                "direction": "same date" if same else "earlier",
                "n_words": matched,
                "similarity": ratio,
                "source_para_no": para_a,
                "target_para_no": para_b,
                "source_start": a0,
                "source_end": a1,
                "target_start": b0,
                "target_end": b1,
                "source_text": text_a,
                "target_text": text_b,
                "_a": a,
                "_b": b,
            }
        )
    out = pd.DataFrame(records, columns=[*REUSE_COLUMNS, "_a", "_b"])
    if len(out):
        out = out.sort_values(
            ["cluster_docs", "cluster", "_a", "_b", "source_start"],
            ascending=[False, True, True, True, True],
            kind="stable",
        )
        # number clusters in the order shown
        relabel = {c: k for k, c in enumerate(dict.fromkeys(out["cluster"].tolist()))}
        out["cluster"] = out["cluster"].map(relabel)
    out = out.drop(columns=["_a", "_b"]).reset_index(drop=True)
    for col in ("cluster", "cluster_docs", "n_words", "source_start", "source_end"):
        out[col] = out[col].astype("int64")
    for col in ("target_start", "target_end"):
        out[col] = out[col].astype("int64")
    out["similarity"] = out["similarity"].astype("float64")
    for col in ("source_date", "target_date"):
        out[col] = pd.to_datetime(out[col])
    return out


def _union_length(intervals: list[tuple[int, int]]) -> int:
    total, reach = 0, -1
    for start, end in sorted(intervals):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def reuse_shares(frame: pd.DataFrame, passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each document's share of words found in an earlier document, and in any other.

    Parameters
    ----------
    frame
        The corpus frame given to :func:`reuse`.
    passages
        The result of :func:`reuse` on ``frame`` (computed when None).

    Returns
    -------
    pandas.DataFrame
        :data:`SHARE_COLUMNS`, one row per document in date order: ``n_words``;
        ``reused_words``, the words of its passages where it is the later document
        (each word counted once) and ``share_reused = reused_words / n_words``;
        ``shared_words`` and ``share_shared``, the same over its passages in either
        role (also with documents of the same date); ``n_sources``, the documents its
        reused words come from.  Shares are 0.0 for a document without words.
    """
    check_columns(frame, ["doc_id", "text"])
    found = reuse(frame) if passages is None else passages
    check_columns(found, REUSE_COLUMNS, what="passages")
    corpus = word_corpus(frame)
    reused: dict[Any, list[tuple[int, int]]] = {d: [] for d in corpus.ids}
    shared: dict[Any, list[tuple[int, int]]] = {d: [] for d in corpus.ids}
    sources: dict[Any, set[Any]] = {d: set() for d in corpus.ids}
    for row in found.itertuples(index=False):
        if row.target_doc not in shared or row.source_doc not in shared:
            raise OptionError("passages do not come from this frame; give reuse(frame)")
        source_span = (int(row.source_start), int(row.source_end))  # type: ignore[arg-type]
        target_span = (int(row.target_start), int(row.target_end))  # type: ignore[arg-type]
        shared[row.source_doc].append(source_span)
        shared[row.target_doc].append(target_span)
        if row.direction == "earlier":
            reused[row.target_doc].append(target_span)
            sources[row.target_doc].add(row.source_doc)
    records = []
    for d, date, words in zip(corpus.ids, corpus.dates, corpus.words, strict=True):
        n = len(words)
        r, s = _union_length(reused[d]), _union_length(shared[d])
        records.append(
            (d, date, n, r, r / n if n else 0.0, s, s / n if n else 0.0, len(sources[d]))
        )
    out = pd.DataFrame.from_records(records, columns=SHARE_COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    for col in ("n_words", "reused_words", "shared_words", "n_sources"):
        out[col] = out[col].astype("int64")
    return out
