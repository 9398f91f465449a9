"""Count terms: keyword frequencies, tf-idf, distinctive terms, similarity and keyness.

Every function takes a corpus frame (columns ``doc_id`` and ``text`` at least, one row per
paragraph) and returns a new tidy frame; the input is never changed.  Terms come from
:mod:`sco_text.tokens` (stop words ``"english+sco"`` removed by default).  ``by=`` names the
column(s) whose values form the groups; the first result column ``group`` holds the
group's value (a `` / ``-joined label when ``by`` lists several columns).  Groups come in
their sorted order.  Where a result has a row per group and term, ``group`` (when its labels
are strings) and ``term`` are :class:`pandas.Categorical` columns (:func:`group_column`,
:func:`term_column`): they compare, filter and sort like strings, and hold millions of rows
in a few bytes each.  :func:`keyword_frequency`, :func:`tfidf`, :func:`similarity` and
:func:`distinctive_terms` also take a Dask DataFrame (:func:`sco_text.load_corpus_dask`):
the partitions are counted on the workers and the counts added up, so the numbers are
those of the pandas frame (the result is a pandas frame).

>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "doc_id": ["a", "a", "b"],
...     "text": ["Terrorism and separatism.", "Terrorism again.", "Trade and trade."],
... })
>>> keyword_frequency(frame)
  group        term  count  rate_per_1000  docfreq  rank
0     a   terrorism      2     400.000000        1     1
1     a  separatism      1     200.000000        1     2
2     b       trade      2     666.666667        1     1
"""

from __future__ import annotations

import bisect
import fnmatch
import math
import re
import warnings
from collections.abc import Collection, Iterable, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd
from scipy import sparse

from ._validate import (
    check_by,
    check_choice,
    check_columns,
    check_positive_int,
    is_dask_frame,
)
from .errors import OptionError, SCOTextWarning
from .text import MONTHS, WEEKDAYS, fold_marks, is_number
from .text import words as text_words
from .tokens import Tokenizer, word_spans

__all__ = [
    "DISTINCTIVE_MAX_P",
    "DISTINCTIVE_MIN_COUNT",
    "DISTINCTIVE_MIN_LOG_RATIO",
    "distinctive_terms",
    "keyness",
    "keyword_frequency",
    "similarity",
    "tfidf",
]

StopWords = str | Iterable[str] | None
_GLOB = re.compile(r"[*?\[]")


# -- grouping -------------------------------------------------------------------------------
def _label(value: object) -> str:
    if value is None or value is pd.NaT or value is pd.NA:
        return "<NA>"
    if isinstance(value, float) and math.isnan(value):
        return "<NA>"
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def grouping(frame: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, pd.Index]:
    """Return each row's group number (sorted group order) and the group labels."""
    grouped = frame.groupby(cols, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    keys = grouped.size().index
    if len(cols) == 1:
        labels = keys.get_level_values(0) if isinstance(keys, pd.MultiIndex) else keys
        return codes, pd.Index(labels, name="group")
    joined = [" / ".join(_label(v) for v in key) for key in keys]
    return codes, pd.Index(joined, dtype=object, name="group")


def _texts(frame: pd.DataFrame) -> np.ndarray:
    """The ``text`` column as an object array of str (missing values -> "")."""
    arr = frame["text"].to_numpy(dtype=object, na_value="")
    if pd.api.types.infer_dtype(arr, skipna=False) not in ("string", "empty"):
        arr = np.array([t if isinstance(t, str) else "" for t in arr], dtype=object)
    return arr


def _texts_by_code(frame: pd.DataFrame, codes: np.ndarray, n: int) -> list[Sequence[str]]:
    """The rows' texts bucketed by group number (reading order kept within a bucket)."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n + 1)).tolist()
    ordered = _texts(frame)[order]
    return [cast(Sequence[str], ordered[bounds[g] : bounds[g + 1]]) for g in range(n)]


# -- counting -------------------------------------------------------------------------------
def counts_by_code(
    frame: pd.DataFrame, codes: np.ndarray, n: int, tok: Tokenizer
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """:func:`_count_matrix` of the rows' texts bucketed by group number: counted by Arrow
    when the tokeniser allows it (:mod:`sco_text._termcount`), else in Python."""
    if tok.whitespace_separable:
        from ._termcount import arrow_texts, count_terms

        texts = arrow_texts(frame)
        if texts is not None:
            return count_terms(texts, codes, n, tok)
    return _count_matrix(_texts_by_code(frame, codes, n), tok)


def _count_matrix(
    buckets: Sequence[Sequence[str]], tok: Tokenizer
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Count terms per bucket of texts.

    Returns a CSR matrix (buckets x terms, int64), the terms in alphabetical order (the
    matrix's columns) and the number of word tokens of each bucket before stop-word removal.
    """
    vocab: dict[str, int] = {}
    index_of = vocab.__getitem__
    indices: list[int] = []
    data: list[int] = []
    indptr = np.zeros(len(buckets) + 1, dtype=np.int64)
    n_words = np.zeros(len(buckets), dtype=np.int64)
    for i, texts in enumerate(buckets):
        counts, words = tok.term_counts(texts)
        new = [t for t in counts if t not in vocab]
        if new:
            start = len(vocab)
            vocab.update(zip(new, range(start, start + len(new)), strict=True))
        indices.extend(map(index_of, counts))  # C-level lookups, no Python loop body
        data.extend(counts.values())
        indptr[i + 1] = len(indices)
        n_words[i] = words
    terms_arr = np.array(list(vocab), dtype=object)
    order = np.argsort(terms_arr, kind="stable")  # columns in alphabetical order
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    codes = np.fromiter(indices, dtype=np.int64, count=len(indices))
    matrix = sparse.csr_matrix(
        (
            np.asarray(data, dtype=np.int64),
            remap[codes],
            indptr,
        ),
        shape=(len(buckets), len(order)),
    )
    matrix.sort_indices()
    return matrix, terms_arr[order], n_words


def _group_counts(
    frame: pd.DataFrame, cols: list[str], tok: Tokenizer
) -> tuple[pd.Index, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The groups' labels, their term counts (:func:`_count_matrix`), the terms and the
    groups' word tokens; a Dask frame is counted per partition (:mod:`sco_text.scale`)."""
    if is_dask_frame(frame):
        from .scale import group_counts

        return group_counts(frame, cols, tok)
    codes, labels = grouping(frame, cols)
    counts, vocab, n_words = counts_by_code(frame, codes, len(labels), tok)
    return labels, counts, vocab, n_words


def _unit_counts(
    frame: pd.DataFrame, cols: list[str], tok: Tokenizer
) -> tuple[pd.Index, np.ndarray, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Counts per unit, a (group, doc_id) pair: the groups' labels, each unit's group,
    the units' term counts, the terms and the units' word tokens."""
    if is_dask_frame(frame):
        from .scale import unit_counts

        return unit_counts(frame, cols, tok)
    group_codes, labels = grouping(frame, cols)
    if len(labels) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return labels, empty, sparse.csr_matrix((0, 0), dtype=np.int64), empty, empty
    unit_cols = cols if "doc_id" in cols else [*cols, "doc_id"]
    unit_codes = frame.groupby(unit_cols, sort=True, dropna=False, observed=True).ngroup()
    unit_codes_arr = unit_codes.to_numpy()
    n_units = int(unit_codes_arr.max()) + 1
    counts, vocab, unit_words = counts_by_code(frame, unit_codes_arr, n_units, tok)
    unit_group = np.zeros(n_units, dtype=np.int64)
    unit_group[unit_codes_arr] = group_codes
    return labels, unit_group, counts, vocab, unit_words


def _row_ids(matrix: sparse.csr_matrix) -> np.ndarray:
    """The row number of each stored entry of ``matrix`` (32-bit when that holds them)."""
    dtype = np.int32 if matrix.shape[0] < np.iinfo(np.int32).max else np.int64
    return np.repeat(np.arange(matrix.shape[0], dtype=dtype), np.diff(matrix.indptr))


#: Groups of at least this many entries on average are sorted one at a time (a NumPy
#: sort each, no key as large as the whole result); smaller ones by one sort of a complex
#: key (fewer calls).
SORT_EACH_MIN_MEAN = 64


def _sorts_each(n_entries: int, n_groups: int) -> bool:
    """Whether :func:`_order_within_groups` sorts group by group (see
    :data:`SORT_EACH_MIN_MEAN`)."""
    return n_groups > 0 and n_entries >= SORT_EACH_MIN_MEAN * n_groups


#: Groups sorted one by one are shared between two threads (NumPy's sort holds no GIL)
#: once there are at least this many entries; below, a thread's start costs more.
SORT_THREADS_MIN = 1_000_000


def _sort_threads(n_entries: int, n_groups: int) -> int:
    """How many threads :func:`_sort_each` uses (see :data:`SORT_THREADS_MIN`)."""
    return 2 if n_entries >= SORT_THREADS_MIN and n_groups >= 2 else 1


def _sort_each(order: np.ndarray, score: np.ndarray, starts: list[int], ends: list[int]) -> None:
    """Fill ``order[start:end]`` with the stable order of ``-score[start:end]`` (offset by
    ``start``) for each group, on :func:`_sort_threads` threads (the groups split where
    half the entries lie)."""

    def run(first: int, last: int) -> None:
        for start, end in zip(starts[first:last], ends[first:last], strict=True):
            order[start:end] = np.argsort(-score[start:end], kind="stable") + start

    if _sort_threads(len(order), len(starts)) == 1:
        run(0, len(starts))
        return
    from concurrent.futures import ThreadPoolExecutor

    half = max(1, min(len(starts) - 1, bisect.bisect_left(starts, len(order) // 2)))
    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(run, half, len(starts))
        run(0, half)
        other.result()


def _order_within_groups(
    group: np.ndarray, score: np.ndarray, term_col: np.ndarray, top: int | None
) -> np.ndarray:
    """Row order: group ascending, score descending, term (column) ascending; cut to top.

    The entries must come in (group, term) order: then a stable sort of each group's
    entries on ``-score`` gives that order; for many small groups one stable sort on the
    complex key ``group - i * score`` (NumPy orders complex numbers by real part, then
    imaginary part) does, several times faster than a three-key lexsort.
    """
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(group[1:] != group[:-1]) + 1]
    ends = np.r_[starts[1:], n]
    if _sorts_each(n, len(starts)) and not np.isnan(score).any():
        order = np.empty(n, dtype=np.int64)
        _sort_each(order, score, starts.tolist(), ends.tolist())
    else:
        order = np.argsort(group.astype(np.float64) - 1j * score, kind="stable")
    if top is None:
        return order
    first = np.repeat(starts, ends - starts)  # the groups keep their places
    return order[np.arange(n) - first < top]


def _check_common(frame: object, by: str | Collection[str], *, dask: bool = True) -> list[str]:
    check_columns(frame, ["doc_id", "text"], dask=dask)
    return check_by(frame, by)  # type: ignore[arg-type]


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"{name}={value!r} is not allowed; choose True or False")
    return value


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _grouped_by(result: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    """Record the grouping columns in ``result.attrs["by"]`` (plots name the groups by it)."""
    result.attrs["by"] = list(cols)
    return result


def group_column(labels: pd.Index, rows: np.ndarray) -> Any:
    """``labels.take(rows)``: the ``group`` column of a result.  String labels come as a
    :class:`pandas.Categorical` whose categories are the groups in their sorted order (a
    small integer per row instead of a string: a tf-idf by document of a large corpus has
    millions of rows); other labels (dates, numbers) keep their dtype.

    >>> group_column(pd.Index(["a", "b"]), np.array([0, 0, 1])).tolist()
    ['a', 'a', 'b']
    """
    if (
        len(labels)
        and pd.api.types.is_string_dtype(labels.dtype)
        and pd.api.types.infer_dtype(labels, skipna=False) == "string"
        and labels.is_unique
    ):
        return pd.Categorical.from_codes(rows, categories=labels)
    return labels.take(rows)


def term_column(vocab: np.ndarray, term_col: np.ndarray) -> pd.Categorical:
    """``vocab[term_col]`` as the ``term`` column of a result: a :class:`pandas.Categorical`
    whose categories are the terms it holds (``vocab``: distinct, in alphabetical order, so
    sorting the column sorts it alphabetically; the terms no row names are dropped, so a
    ``top`` result's ``value_counts()`` lists only its own terms).

    >>> terms = term_column(np.array(["law", "peace", "trade"], dtype=object), np.array([2, 1, 2]))
    >>> terms.tolist(), terms.categories.tolist()
    (['trade', 'peace', 'trade'], ['peace', 'trade'])
    """
    used = np.bincount(term_col, minlength=len(vocab)) > 0
    if not used.all():  # keep the named terms only (renumbered; a few array passes)
        renumber = np.cumsum(used) - 1
        term_col, vocab = renumber[term_col], vocab[used]
    return pd.Categorical.from_codes(term_col, categories=pd.Index(vocab))


# -- keyword frequency ----------------------------------------------------------------------
def _parse_terms(
    terms: Iterable[str], stem: bool, fold_case: bool = True, fold_spelling: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Split requested terms into exact single words, globs and phrases."""
    if isinstance(terms, str):
        raise OptionError(f"terms={terms!r} is not allowed; give a list, e.g. [{terms!r}]")
    exact: list[str] = []
    globs: list[str] = []
    phrases: list[str] = []
    tok = Tokenizer(lowercase=fold_case, stop_words=None, stem=stem, fold_spelling=fold_spelling)
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise OptionError(f"terms must be non-empty strings, got {term!r}")
        if _GLOB.search(term):
            if len(term.split()) > 1:
                raise OptionError(
                    f"terms: {term!r} is not allowed; wildcards (* ? [) work in one-word "
                    "terms only, e.g. 'terror*'"
                )
            globs.append(term.strip().lower() if fold_case else term.strip())
            continue
        # fold_case=False: the words as written (the tokeniser keeps the text's case too)
        words = [w for w, _, _ in word_spans(term)] if fold_case else text_words(fold_marks(term))
        if not words:
            raise OptionError(f"terms: {term!r} holds no word")
        if len(words) == 1:
            exact.extend(tok(words[0]))
        else:
            phrases.append(" ".join(words))  # the tokeniser folds its words like any term
    return exact, globs, phrases


def keyword_frequency(
    frame: pd.DataFrame,
    *,
    by: str | Collection[str] = "doc_id",
    terms: Iterable[str] | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    top: int | None = None,
    stop_words: StopWords = "english+sco",
    stem: bool = False,
    phrases: Iterable[str] = (),
    fold_case: bool = True,
    fold_spelling: bool = False,
) -> pd.DataFrame:
    """Count terms per group: columns group, term, count, rate_per_1000, docfreq, rank.

    * ``rate_per_1000`` = 1000 * count / (word tokens of the group *before* stop-word
      removal), i.e. "per 1,000 words" of running text; a phrase or n-gram counts as one
      occurrence.
    * ``docfreq`` = number of distinct ``doc_id`` within the group that contain the term.
    * ``rank`` = 1 for the most frequent term of the group; ties share the lowest rank
      (``method="min"``).  Rows: groups in sorted order, then count descending, then term.
    * ``top`` keeps the first ``top`` rows of each group (ties broken alphabetically).
    * ``terms`` restricts the count to the listed terms: one word (``"terrorism"``), a
      wildcard pattern (``"terror*"``, matched against the corpus's words) or several
      words (``"information security"``, counted as a phrase; words inside a matched phrase
      are not counted again as single words).  Stop words are *not* removed then (what you
      ask for is counted) and every group gets a row for every matched term, zeros included.
      ``terms`` and ``ngram_range`` cannot be combined.
    * ``fold_case=True`` (default) lower-cases every term; ``False`` counts ``US`` and
      ``us`` apart (``terms`` and wildcards then match case-sensitively).
    * ``fold_spelling=True`` counts British and American spellings as one term, named by
      its canonical form (:func:`sco_text.spelling.fold_spelling`: ``organisation`` is
      counted as ``organization``); ``terms`` are folded too, wildcards match the folded
      forms.

    Without ``terms`` only terms that occur are listed.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b", "b"],
    ...                       "text": ["Terrorism is a threat.", "The terrorists.", "Peace."]})
    >>> keyword_frequency(frame, terms=["terror*", "peace"])
      group        term  count  rate_per_1000  docfreq  rank
    0     a   terrorism      1     250.000000        1     1
    1     a       peace      0       0.000000        0     2
    2     a  terrorists      0       0.000000        0     2
    3     b       peace      1     333.333333        1     1
    4     b  terrorists      1     333.333333        1     1
    5     b   terrorism      0       0.000000        0     3
    """
    cols = _check_common(frame, by)
    top = check_positive_int("top", top, allow_none=True)
    stem = _check_bool("stem", stem)
    fold_case = _check_bool("fold_case", fold_case)
    fold_spelling = _check_bool("fold_spelling", fold_spelling)
    columns = ["group", "term", "count", "rate_per_1000", "docfreq", "rank"]
    if terms is not None:
        if tuple(ngram_range) != (1, 1):
            raise OptionError(
                f"ngram_range={ngram_range!r} is not allowed together with terms=; "
                "give multi-word terms in terms= instead"
            )
        exact, globs, term_phrases = _parse_terms(terms, stem, fold_case, fold_spelling)
        tok = Tokenizer(
            lowercase=fold_case,
            stop_words=None,
            stem=stem,
            phrases=[*phrases, *term_phrases],
            fold_spelling=fold_spelling,
        )
        if fold_spelling:
            term_phrases = [tok(p)[0] for p in term_phrases]  # a phrase is one folded term
    else:
        tok = Tokenizer(
            lowercase=fold_case,
            stop_words=stop_words,
            stem=stem,
            ngram_range=ngram_range,
            phrases=phrases,
            fold_spelling=fold_spelling,
        )

    labels, unit_group, counts, vocab, unit_words = _unit_counts(frame, cols, tok)
    if len(labels) == 0:
        return _empty(columns)
    n_units = len(unit_group)
    assign = sparse.csr_matrix(
        (np.ones(n_units, dtype=np.int64), (unit_group, np.arange(n_units))),
        shape=(len(labels), n_units),
    )
    group_counts = (assign @ counts).tocsr()
    group_counts.sort_indices()
    present = counts.copy()
    present.data = np.ones_like(present.data)
    group_docs = (assign @ present).tocsr()
    group_docs.sort_indices()  # same sparsity pattern as group_counts
    group_words = np.bincount(unit_group, weights=unit_words, minlength=len(labels))

    if terms is not None:
        wanted = set(exact) | set(term_phrases)
        lowered = [str(t) for t in vocab]
        for pattern in globs:
            wanted.update(t for t in lowered if " " not in t and fnmatch.fnmatchcase(t, pattern))
        wanted_terms = np.array(sorted(wanted), dtype=object)
        position = {t: i for i, t in enumerate(vocab.tolist())}
        col_idx = np.array([position.get(t, -1) for t in wanted_terms], dtype=np.int64)
        n_g, n_t = len(labels), len(wanted_terms)
        grid_count = np.zeros((n_g, n_t), dtype=np.int64)
        grid_docs = np.zeros((n_g, n_t), dtype=np.int64)
        found = col_idx >= 0
        if found.any():
            grid_count[:, found] = group_counts[:, col_idx[found]].toarray()
            grid_docs[:, found] = group_docs[:, col_idx[found]].toarray()
        rows = np.repeat(np.arange(n_g), n_t)
        term_col = np.tile(np.arange(n_t), n_g)
        count = grid_count.ravel()
        docfreq = grid_docs.ravel()
        term_names = wanted_terms
    else:
        rows = _row_ids(group_counts)
        term_col = group_counts.indices.astype(np.int64)
        count = group_counts.data.astype(np.int64)
        if not np.array_equal(group_docs.indices, group_counts.indices):
            raise AssertionError("count and document matrices differ")  # pragma: no cover
        docfreq = group_docs.data.astype(np.int64)
        term_names = vocab

    order = _order_within_groups(rows, count.astype(np.float64), term_col, None)
    rows, term_col, count, docfreq = rows[order], term_col[order], count[order], docfreq[order]
    words = group_words[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(words > 0, 1000.0 * count / np.where(words > 0, words, 1), 0.0)
    result = pd.DataFrame(
        {
            "group": group_column(labels, rows),
            "term": term_column(term_names, term_col),
            "count": count,
            "rate_per_1000": rate,
            "docfreq": docfreq,
        }
    )
    result["rank"] = (
        result.groupby(rows, sort=False)["count"]
        .rank(method="min", ascending=False)
        .astype(np.int64)
    )
    if top is not None:
        result = result[result.groupby(rows, sort=False).cumcount() < top]
    return _grouped_by(result.reset_index(drop=True), cols)


# -- tf-idf ---------------------------------------------------------------------------------
def _tfidf_parts(
    frame: pd.DataFrame,
    cols: list[str],
    *,
    stop_words: StopWords,
    stem: bool,
    ngram_range: tuple[int, int],
    phrases: Iterable[str],
    min_df: int,
    sublinear_tf: bool,
    smooth_idf: bool,
    norm: str | None,
) -> tuple[pd.Index, np.ndarray, sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Counts and tf-idf weights per group (both CSR, same sparsity pattern)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    tok = Tokenizer(stop_words=stop_words, stem=stem, ngram_range=ngram_range, phrases=phrases)
    labels, counts, vocab, _ = _group_counts(frame, cols, tok)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    if min_df > 1:
        keep = np.flatnonzero(df >= min_df)
        counts, vocab, df = counts[:, keep], vocab[keep], df[keep]
        counts.sort_indices()
    if counts.shape[0] == 0 or counts.shape[1] == 0:
        empty = sparse.csr_matrix(counts.shape, dtype=np.float64)
        return labels, vocab, counts, empty, df, np.zeros(counts.shape[1])
    transformer = TfidfTransformer(norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    weights = sparse.csr_matrix(transformer.fit_transform(counts))
    weights.sort_indices()
    if weights.nnz != counts.nnz:  # idf >= 1, so no weight can vanish
        raise AssertionError("tf-idf weights lost entries")  # pragma: no cover
    return labels, vocab, counts, weights, df, np.asarray(transformer.idf_)


def _check_tfidf_options(
    norm: str | None, sublinear_tf: bool, smooth_idf: bool, stem: bool, min_df: int
) -> None:
    check_choice("norm", norm, ("l2", "l1", None))
    _check_bool("sublinear_tf", sublinear_tf)
    _check_bool("smooth_idf", smooth_idf)
    _check_bool("stem", stem)
    check_positive_int("min_df", min_df)


def tfidf(
    frame: pd.DataFrame,
    *,
    by: str | Collection[str] = "doc_id",
    top: int | None = None,
    sublinear_tf: bool = False,
    smooth_idf: bool = True,
    norm: str | None = "l2",
    stop_words: StopWords = "english+sco",
    stem: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    phrases: Iterable[str] = (),
    min_df: int = 1,
) -> pd.DataFrame:
    """Tf-idf of each term in each group: columns group, term, tf, df, idf, tfidf.

    Each group is one "document" of the tf-idf, with ``n`` groups in all:

    * ``tf`` = the term's count in the group (used as ``1 + ln(tf)`` when
      ``sublinear_tf=True``);
    * ``df`` = number of groups containing the term (terms with ``df < min_df`` dropped);
    * ``idf`` = ``ln((1 + n) / (1 + df)) + 1`` when ``smooth_idf`` (default), else
      ``ln(n / df) + 1``;
    * ``tfidf`` = ``tf * idf``, then scaled so each group's vector has unit length
      (``norm="l2"``: sqrt of the sum of squares is 1; ``"l1"``: sum is 1; ``None``: raw).

    These are scikit-learn's ``TfidfTransformer`` weights (used underneath), computed from a
    sparse matrix: only terms that occur are listed.  Rows: groups in sorted order, tfidf
    descending, then term; ``top`` keeps the first ``top`` rows of each group.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"],
    ...                       "text": ["peace peace trade", "trade security"]})
    >>> tfidf(frame).round(4)
      group      term  tf  df     idf   tfidf
    0     a     peace   2   1  1.4055  0.9422
    1     a     trade   1   2  1.0000  0.3352
    2     b  security   1   1  1.4055  0.8148
    3     b     trade   1   2  1.0000  0.5797
    """
    cols = _check_common(frame, by)
    top = check_positive_int("top", top, allow_none=True)
    _check_tfidf_options(norm, sublinear_tf, smooth_idf, stem, min_df)
    labels, vocab, counts, weights, df, idf = _tfidf_parts(
        frame,
        cols,
        stop_words=stop_words,
        stem=stem,
        ngram_range=ngram_range,
        phrases=phrases,
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        smooth_idf=smooth_idf,
        norm=norm,
    )
    if weights.nnz == 0:
        return _empty(["group", "term", "tf", "df", "idf", "tfidf"])
    # Each array of millions of entries is freed as soon as its column is made.
    rows = _row_ids(weights)
    order = _order_within_groups(rows, weights.data, weights.indices, top)
    group = group_column(labels, rows[order])
    del rows
    term_col = weights.indices[order]
    score = weights.data[order]
    del weights
    tf = counts.data[order].astype(np.int64, copy=False)
    del counts, order
    columns = {
        "group": group,
        "term": term_column(vocab, term_col),
        "tf": tf,
        "df": df[term_col].astype(np.int64, copy=False),
        "idf": idf[term_col],
        "tfidf": score,
    }
    del group, term_col, score, tf
    result = pd.DataFrame(columns, copy=False)  # the columns are new: no copy of millions of rows
    return _grouped_by(result, cols)


def similarity(
    frame: pd.DataFrame,
    *,
    by: str | Collection[str] = "doc_id",
    sublinear_tf: bool = False,
    smooth_idf: bool = True,
    stop_words: StopWords = "english+sco",
    stem: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    phrases: Iterable[str] = (),
    min_df: int = 1,
) -> pd.DataFrame:
    """Cosine similarity of the groups' tf-idf vectors, as a square labelled frame.

    ``cos(u, v) = u . v / (|u| |v|)`` with the weights of :func:`tfidf` (l2-normalised, so
    the similarity is their dot product, computed as a sparse product).  The diagonal is 1;
    a group without any term has NaN similarity (undefined).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                       "text": ["peace trade", "peace trade", "energy"]})
    >>> similarity(frame)
    group    a    b    c
    group
    a      1.0  1.0  0.0
    b      1.0  1.0  0.0
    c      0.0  0.0  1.0
    """
    cols = _check_common(frame, by)
    _check_tfidf_options("l2", sublinear_tf, smooth_idf, stem, min_df)
    labels, _, _, weights, _, _ = _tfidf_parts(
        frame,
        cols,
        stop_words=stop_words,
        stem=stem,
        ngram_range=ngram_range,
        phrases=phrases,
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        smooth_idf=smooth_idf,
        norm="l2",
    )
    product = (weights @ weights.T).toarray() if weights.shape[1] else np.zeros((len(labels),) * 2)
    product = np.clip(product, -1.0, 1.0)
    empty = np.diff(weights.indptr) == 0
    np.fill_diagonal(product, 1.0)
    product[empty, :] = np.nan
    product[:, empty] = np.nan
    return pd.DataFrame(product, index=labels.copy(), columns=labels.copy())


# -- keyness --------------------------------------------------------------------------------
def _g2(a: np.ndarray, b: Any, n_t: Any, n_r: Any) -> np.ndarray:
    """Unsigned log-likelihood G2 of 2 x 2 tables (formula in :func:`keyness`)."""
    n = n_t + n_r
    c, d = n_t - a, n_r - b
    observed = np.stack(np.broadcast_arrays(a, b, c, d)).astype(np.float64)
    row_1, row_2 = a + b, c + d
    expected = np.stack(
        np.broadcast_arrays(row_1 * n_t / n, row_1 * n_r / n, row_2 * n_t / n, row_2 * n_r / n)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        terms_ = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2.0 * terms_.sum(axis=0), 0.0)  # rounding can give -1e-16


def _chi2(a: np.ndarray, b: Any, n_t: Any, n_r: Any) -> np.ndarray:
    """Pearson's chi-square of 2 x 2 tables without continuity correction."""
    n = n_t + n_r
    c, d = n_t - a, n_r - b
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = (a + b) * (c + d) * n_t * n_r
        stat = np.where(denom > 0, n * (a * d - b * c) ** 2 / np.where(denom > 0, denom, 1), 0.0)
    return np.maximum(stat, 0.0)


def _log_ratio(a: np.ndarray, b: Any, n_t: Any, n_r: Any) -> np.ndarray:
    """Hardie's log ratio with 0.5 added to every count (formula in :func:`keyness`)."""
    return np.asarray(np.log2(((a + 0.5) / (n_t + 0.5)) / ((b + 0.5) / (n_r + 0.5))))


def _chi2_sf(x: np.ndarray) -> np.ndarray:
    """Survival function of the chi-square distribution with 1 degree of freedom."""
    try:
        from scipy.stats import chi2
    except ImportError:  # pragma: no cover - scipy ships with scikit-learn
        return np.array([math.erfc(math.sqrt(v / 2.0)) for v in x], dtype=np.float64)
    return np.asarray(chi2.sf(x, 1), dtype=np.float64)


def _select_rows(
    frame: pd.DataFrame, row_labels: pd.Series, value: Any, name: str, groups: pd.Index
) -> np.ndarray:
    """Boolean row mask for a group value, a list of group values or a boolean mask."""
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value.dtype):
        if not value.index.equals(frame.index):
            if not frame.index.isin(value.index).all():
                raise OptionError(f"{name}: the boolean mask does not cover the frame's index")
            value = value.reindex(frame.index)
        return value.to_numpy(dtype=bool)
    if isinstance(value, np.ndarray) and value.dtype == bool:
        if value.shape != (len(frame),):
            raise OptionError(
                f"{name}: the boolean mask has {value.shape}, frame has {len(frame)} rows"
            )
        return value.copy()
    values = list(value) if isinstance(value, (list, tuple, set, frozenset, pd.Index)) else [value]
    unknown = [v for v in values if v not in set(groups)]
    if unknown or not values:
        shown = ", ".join(repr(_label(g)) for g in groups[:20])
        more = f" (and {len(groups) - 20} more)" if len(groups) > 20 else ""
        raise OptionError(
            f"{name}={value!r} is not allowed; unknown group(s) {unknown}; "
            f"choose from: {shown}{more}"
        )
    return row_labels.isin(values).to_numpy()


def keyness(
    frame: pd.DataFrame,
    *,
    target: Any,
    reference: Any = None,
    measure: str = "g2",
    by: str | Collection[str] = "doc_id",
    min_count: int = 1,
    stop_words: StopWords = "english+sco",
    stem: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    phrases: Iterable[str] = (),
    fold_case: bool = True,
    fold_spelling: bool = False,
) -> pd.DataFrame:
    """Terms over- and under-used in a target part of the corpus against a reference part.

    ``target``: a group value of ``by`` (e.g. a ``doc_id``), a list of values or a boolean
    mask aligned with the frame; ``reference`` likewise, default everything else (the two
    must not overlap).  Columns: term, statistic, p, n_target, n_reference, log_ratio;
    sorted by statistic descending.  Terms with ``n_target + n_reference < min_count`` are
    dropped.

    For each term, with ``a`` = its count in the target, ``b`` in the reference, and
    ``N_t``, ``N_r`` the total term counts of target and reference (after stop-word
    removal), ``N = N_t + N_r``, the 2 x 2 table is ``O = [[a, b], [N_t - a, N_r - b]]``
    with expected values ``E_ij = row_i * col_j / N`` (e.g. ``E_11 = (a + b) N_t / N``).

    * ``measure="g2"``: log-likelihood ``G2 = 2 * sum O_ij ln(O_ij / E_ij)`` (0 ln 0 = 0);
    * ``measure="chi2"``: Pearson's ``chi2 = sum (O_ij - E_ij)^2 / E_ij
      = N (a (N_r - b) - b (N_t - a))^2 / ((a + b) (N - a - b) N_t N_r)``, *without*
      Yates' continuity correction.

    The statistic is signed: positive when ``a / N_t > b / N_r`` (over-used in the target).
    ``p`` is the chi-square survival probability with 1 degree of freedom of ``|statistic|``.
    ``log_ratio = log2(((a + 0.5) / (N_t + 0.5)) / ((b + 0.5) / (N_r + 0.5)))``: Hardie's
    log ratio (binary log of the ratio of relative frequencies) with 0.5 added to every
    count, so that a term absent from one side still gets a finite value.
    ``fold_case=False`` keeps terms in their case (``US`` apart from ``us``);
    ``fold_spelling=True`` counts British and American spellings as one term
    (:func:`sco_text.spelling.fold_spelling`), so spelling habits do not pass for content.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"],
    ...                       "text": ["terrorism terrorism peace", "peace trade trade"]})
    >>> keyness(frame, target="a").round(3)
            term  statistic      p  n_target  n_reference  log_ratio
    0  terrorism      3.819  0.051         2            0      2.322
    1      peace      0.000  1.000         1            1      0.000
    2      trade     -3.819  0.051         0            2     -2.322
    """
    cols = _check_common(frame, by, dask=False)
    check_choice("measure", measure, ("g2", "chi2"))
    min_count_ok = check_positive_int("min_count", min_count)
    assert min_count_ok is not None
    stem = _check_bool("stem", stem)
    fold_case = _check_bool("fold_case", fold_case)
    fold_spelling = _check_bool("fold_spelling", fold_spelling)
    tok = Tokenizer(
        lowercase=fold_case,
        stop_words=stop_words,
        stem=stem,
        ngram_range=ngram_range,
        phrases=phrases,
        fold_spelling=fold_spelling,
    )
    codes, groups = grouping(frame, cols)
    row_labels = pd.Series(groups.take(codes), index=frame.index)
    in_target = _select_rows(frame, row_labels, target, "target", groups)
    if reference is None:
        in_reference = ~in_target
    else:
        in_reference = _select_rows(frame, row_labels, reference, "reference", groups)
    if not in_target.any():
        raise OptionError(f"target={target!r} selects no rows")
    if not in_reference.any():
        raise OptionError(f"reference={reference!r} selects no rows")
    if (in_target & in_reference).any():
        raise OptionError("target and reference overlap; give disjoint parts of the corpus")

    texts = _texts(frame)
    parts = [cast(Sequence[str], texts[in_target]), cast(Sequence[str], texts[in_reference])]
    counts, vocab, _ = _count_matrix(parts, tok)
    dense_pair = counts.toarray().astype(np.float64)  # 2 x terms: two count vectors
    a, b = dense_pair[0], dense_pair[1]
    n_t, n_r = a.sum(), b.sum()
    columns = ["term", "statistic", "p", "n_target", "n_reference", "log_ratio"]
    if n_t == 0 or n_r == 0:
        raise OptionError("target or reference holds no terms after stop-word removal")
    keep = (a + b) >= min_count_ok
    a, b, vocab = a[keep], b[keep], vocab[keep]
    if len(vocab) == 0:
        return _empty(columns)
    stat = _g2(a, b, n_t, n_r) if measure == "g2" else _chi2(a, b, n_t, n_r)
    signed = np.sign(a * n_r - b * n_t) * stat
    log_ratio = _log_ratio(a, b, n_t, n_r)
    result = pd.DataFrame(
        {
            "term": vocab,
            "statistic": signed,
            "p": _chi2_sf(stat),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "log_ratio": log_ratio,
        }
    )
    order = np.lexsort((np.arange(len(result)), -signed))
    return result.iloc[order].reset_index(drop=True)


# -- distinctive terms ----------------------------------------------------------------------
#: Least count of a term in a group for it to be listed as distinctive of the group.
DISTINCTIVE_MIN_COUNT: int = 3
#: Least log ratio (see :func:`keyness`): 1.0 means at least twice as frequent in the
#: group as in the rest of the corpus.
DISTINCTIVE_MIN_LOG_RATIO: float = 1.0
#: Largest p value of G2 (chi-square, 1 degree of freedom): 0.01 means G2 >= 6.63.
DISTINCTIVE_MAX_P: float = 0.01

DISTINCTIVE_COLUMNS: tuple[str, ...] = (
    "group",
    "term",
    "count",
    "count_rest",
    "rate_per_1000",
    "rate_rest_per_1000",
    "g2",
    "p",
    "log_ratio",
    "rank",
)


def _is_number_or_date(term: str) -> bool:
    """A term holding a number or a month or weekday name (any of its words)."""
    return any(is_number(w) or w in MONTHS or w in WEEKDAYS for w in term.lower().split())


def _check_fraction(name: str, value: object, *, low: float, high: float) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not low <= float(value) <= high:  # type: ignore[arg-type]
        raise OptionError(f"{name}={value!r} is not allowed; give a number from {low} to {high}")
    return float(value)  # type: ignore[arg-type]


def distinctive_terms(
    frame: pd.DataFrame,
    *,
    by: str | Collection[str] = "doc_id",
    top: int | None = None,
    min_count: int = DISTINCTIVE_MIN_COUNT,
    min_log_ratio: float = DISTINCTIVE_MIN_LOG_RATIO,
    max_p: float = DISTINCTIVE_MAX_P,
    keep_numbers: bool = False,
    stop_words: StopWords = "english+sco",
    fold_case: bool = True,
    fold_spelling: bool = False,
    stem: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    phrases: Iterable[str] = (),
) -> pd.DataFrame:
    """The terms each group stresses, compared with the rest of the corpus.

    What an analyst means by "what does this document stress": for each group of ``by``
    and each term, the term's use in the group is compared with its use in all *other*
    groups together, by the signed log-likelihood of :func:`keyness` (``target`` = the
    group, ``reference`` = the rest).  With ``a`` the term's count in the group, ``b`` in
    the rest, ``N_t`` and ``N_r`` the total term counts of group and rest (after
    stop-word removal, as in :func:`keyness`):

    * ``g2`` = ``2 * sum O_ij ln(O_ij / E_ij)`` over the table
      ``O = [[a, b], [N_t - a, N_r - b]]``, ``E_ij = row_i * col_j / N``; ``p`` its
      chi-square probability (1 degree of freedom);
    * ``log_ratio`` = ``log2(((a + 0.5) / (N_t + 0.5)) / ((b + 0.5) / (N_r + 0.5)))``.

    A term is listed for a group only when it is over-used there (``g2 > 0``) and
    ``a >= min_count``, ``log_ratio >= min_log_ratio`` (effect size: 1.0 is twice as
    frequent) and ``p <= max_p``.  So a term every group uses about equally (the idf-1.0
    terms that lead :func:`tfidf`) is never listed, and a group may have no distinctive
    term at all.  Unlike :func:`tfidf`, whose weights are scikit-learn's and unchanged.

    Numbers and dates (``2017``, ``17-19``, ``75th``, month and weekday names; an n-gram
    holding one) are left out of the listing unless ``keep_numbers=True``; they still
    count in ``N_t`` and ``N_r``.  Declaration boilerplate is left out by the default
    stop words ``"english+sco"`` (keep it with ``stop_words="english"`` or ``None``).

    With fewer than two groups there is nothing to compare: the result is empty, a
    :class:`~sco_text.errors.SCOTextWarning` says so and ``result.attrs["note"]`` holds
    the same sentence (it is ``""`` otherwise).

    Parameters
    ----------
    frame : DataFrame
        A corpus frame (``doc_id`` and ``text`` at least).
    by : str or list of str
        The column(s) whose values form the groups.
    top : int or None
        Keep the first ``top`` rows of each group.
    min_count, min_log_ratio, max_p
        The filters above (defaults :data:`DISTINCTIVE_MIN_COUNT`,
        :data:`DISTINCTIVE_MIN_LOG_RATIO`, :data:`DISTINCTIVE_MAX_P`).
    keep_numbers : bool
        List numbers and dates too.
    stop_words, stem, ngram_range, phrases
        As in :func:`keyword_frequency`.
    fold_case : bool
        Lower-case the terms (default); ``False`` keeps ``US`` apart from ``us``.
    fold_spelling : bool
        Count British and American spellings as one term, named by its canonical form
        (:func:`sco_text.spelling.fold_spelling`), so that a document's spelling habit
        (``organizations``, ``program``) is not taken for what it stresses.

    Returns
    -------
    DataFrame
        Columns group, term, count (``a``), count_rest (``b``), rate_per_1000 and
        rate_rest_per_1000 (per 1,000 words of the group and of the rest, words as in
        :func:`sco_text.text.count_words`), g2, p, log_ratio, rank (1 = most distinctive).
        Rows: groups in sorted order, g2 descending, then term.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "Terrorism terrorism terrorism and trade in 2017.",
    ...     "Trade and energy, trade in 2017.", "Trade, energy and energy in 2017."]})
    >>> distinctive_terms(frame, min_count=2, max_p=0.1)[["group", "term", "count", "g2"]]
      group       term  count        g2
    0     a  terrorism      3  7.315191
    """
    cols = _check_common(frame, by)
    top = check_positive_int("top", top, allow_none=True)
    min_count_ok = check_positive_int("min_count", min_count)
    assert min_count_ok is not None
    min_lr = _check_fraction("min_log_ratio", min_log_ratio, low=0.0, high=math.inf)
    max_p_ok = _check_fraction("max_p", max_p, low=0.0, high=1.0)
    keep_numbers = _check_bool("keep_numbers", keep_numbers)
    fold_case = _check_bool("fold_case", fold_case)
    fold_spelling = _check_bool("fold_spelling", fold_spelling)
    stem = _check_bool("stem", stem)
    tok = Tokenizer(
        lowercase=fold_case,
        stop_words=stop_words,
        stem=stem,
        ngram_range=ngram_range,
        phrases=phrases,
        fold_spelling=fold_spelling,
    )
    labels, counts, vocab, n_words = _group_counts(frame, cols, tok)
    if len(labels) < 2:
        note = (
            f"distinctive_terms: {len(labels)} group(s) of by={by!r}; a group's terms are "
            "ranked against the other groups, so there is nothing to compare"
        )
        warnings.warn(note, SCOTextWarning, stacklevel=2)
        result = _empty(DISTINCTIVE_COLUMNS)
        result.attrs["note"] = note
        return result
    rows = _row_ids(counts)
    term_col = counts.indices.astype(np.int64)
    a = counts.data.astype(np.float64)
    n_t_all = np.asarray(counts.sum(axis=1)).ravel().astype(np.float64)
    col_total = np.asarray(counts.sum(axis=0)).ravel().astype(np.float64)
    b = col_total[term_col] - a
    n_t = n_t_all[rows]
    n_r = n_t_all.sum() - n_t
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = np.where(n_r > 0, _g2(a, b, n_t, n_r), 0.0)
    over = a * n_r > b * n_t
    log_ratio = _log_ratio(a, b, n_t, n_r)
    p = _chi2_sf(g2)
    keep = over & (a >= min_count_ok) & (log_ratio >= min_lr) & (p <= max_p_ok) & (n_r > 0)
    if not keep_numbers and keep.any():
        dated = np.fromiter((_is_number_or_date(str(t)) for t in vocab), bool, len(vocab))
        keep &= ~dated[term_col]
    rows, term_col, a, b, g2, p, log_ratio = (
        x[keep] for x in (rows, term_col, a, b, g2, p, log_ratio)
    )
    order = _order_within_groups(rows, g2, term_col, top)
    rows, term_col, a, b, g2, p, log_ratio = (
        x[order] for x in (rows, term_col, a, b, g2, p, log_ratio)
    )
    words_in = n_words[rows].astype(np.float64)
    words_rest = float(n_words.sum()) - words_in
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(words_in > 0, 1000.0 * a / np.where(words_in > 0, words_in, 1), 0.0)
        rate_rest = np.where(
            words_rest > 0, 1000.0 * b / np.where(words_rest > 0, words_rest, 1), 0.0
        )
    result = pd.DataFrame(
        {
            "group": group_column(labels, rows),
            "term": term_column(vocab, term_col),
            "count": a.astype(np.int64),
            "count_rest": b.astype(np.int64),
            "rate_per_1000": rate,
            "rate_rest_per_1000": rate_rest,
            "g2": g2,
            "p": p,
            "log_ratio": log_ratio,
        }
    )
    result["rank"] = result.groupby(rows, sort=False).cumcount().astype(np.int64) + 1
    result.attrs["note"] = ""
    return _grouped_by(result, cols)
