"""Diffs of documents of a corpus frame: :func:`diff` for one pair, :func:`diff_series`.

>>> import pandas as pd
>>> rows = [("d1", 0, "A", "We meet in peace."), ("d1", 1, "A", "Trade grows."),
...         ("d2", 0, "A", "We meet in peace."), ("d2", 1, "A", "Trade grows fast.")]
>>> frame = pd.DataFrame(rows, columns=["doc_id", "para_no", "section", "text"])
>>> d = diff(frame, "d1", "d2")
>>> d.paragraphs[["status", "old_para_no", "new_para_no", "similarity"]]
      status  old_para_no  new_para_no  similarity
0  unchanged            0            0    1.000000
1     edited            1            1    0.857143
>>> d.redline(1)
'Trade grows {+fast+}.'
>>> print(d.to_markdown().splitlines()[-1])
- **edited** ¶1 → ¶1 (similarity 0.86): Trade grows **fast**.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from .._validate import check_choice, check_columns
from ..errors import DiffError, OptionError
from .alignment import AlignedRow, Alignment, AlignOptions, align
from .model import (
    CHANGE_COLUMNS,
    PARAGRAPH_COLUMNS,
    SECTION_COLUMNS,
    STATUSES,
    DeclarationDiff,
)

__all__ = ["SERIES_COLUMNS", "diff", "diff_series"]

SERIES_COLUMNS = ["old", "new", "old_date", "new_date", *STATUSES, "carry_over"]
_KINDS = ("declaration", "statement", "address", "report", "speech", "document")
_NEEDED = ["doc_id", "para_no", "section", "text"]


def _check_fraction(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise OptionError(f"{name}={value!r} is not allowed; give a number in (0, 1]")
    return float(value)


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"{name}={value!r} is not allowed; give True or False")
    return value


def _options(
    threshold: object,
    split_threshold: object,
    containment: object,
    fold_spelling: object,
    fold_case: object,
) -> AlignOptions:
    return AlignOptions(
        threshold=_check_fraction("threshold", threshold),
        split_threshold=_check_fraction("split_threshold", split_threshold),
        containment=_check_fraction("containment", containment),
        fold_spelling=_check_flag("fold_spelling", fold_spelling),
        fold_case=_check_flag("fold_case", fold_case),
    )


def _doc_rows(frame: pd.DataFrame, doc_id: object, present: list[Any]) -> pd.DataFrame:
    rows = frame[frame["doc_id"] == doc_id]
    if rows.empty:
        listed = ", ".join(repr(d) for d in present)
        raise DiffError(f"no document {doc_id!r} in the frame; documents present: {listed}")
    return rows.sort_values("para_no", kind="stable")


def _order_key(
    row: AlignedRow, old_home: dict[int, tuple[float, int, int]]
) -> tuple[float, int, int]:
    if row.new is not None:
        return (float(row.new), 0, 0)
    assert row.old is not None
    if row.status == "merged":
        return (float(row.merged_into if row.merged_into is not None else -1), 1, row.old)
    return old_home[row.old]


def _build(
    result: Alignment,
    old_rows: pd.DataFrame,
    new_rows: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame, list[list[tuple[str, str, str]]], pd.DataFrame]:
    rows = result.rows
    old_no = old_rows["para_no"].tolist()
    new_no = new_rows["para_no"].tolist()
    old_sec = old_rows["section"].astype(str).tolist()
    new_sec = new_rows["section"].astype(str).tolist()
    old_txt = old_rows["text"].astype(str).tolist()
    new_txt = new_rows["text"].astype(str).tolist()

    # where each old paragraph sits in the output order (removed ones follow their predecessor)
    by_old: dict[int, AlignedRow] = {r.old: r for r in rows if r.old is not None}
    last_piece: dict[int, int] = {}
    for r in rows:
        if r.split_from is not None and r.new is not None:
            last_piece[r.split_from] = max(last_piece.get(r.split_from, -1), r.new)
    old_home: dict[int, tuple[float, int, int]] = {}
    anchor: tuple[float, int] = (-1.0, 2)
    for i in range(len(old_no)):
        r = by_old[i]
        if r.status == "removed":
            old_home[i] = (anchor[0], 2, i)
            continue
        if r.reordered:  # a paragraph that left its place is no landmark
            continue
        if r.status == "split":
            anchor = (float(last_piece[i]), 2)
        elif r.status == "merged":
            anchor = (float(r.merged_into if r.merged_into is not None else -1), 2)
        else:
            anchor = (float(r.new if r.new is not None else -1), 2)
    rows = sorted(rows, key=lambda r: _order_key(r, old_home))

    def opt(values: Sequence[Any], idx: int | None) -> Any:
        return values[idx] if idx is not None else pd.NA

    def txt(values: Sequence[str], idx: int | None) -> str:
        return values[idx] if idx is not None else ""

    para = pd.DataFrame(
        {
            "status": [r.status for r in rows],
            "old_para_no": pd.array([opt(old_no, r.old) for r in rows], dtype="Int64"),
            "new_para_no": pd.array([opt(new_no, r.new) for r in rows], dtype="Int64"),
            "old_section": [txt(old_sec, r.old) for r in rows],
            "new_section": [txt(new_sec, r.new) for r in rows],
            "similarity": np.array([r.similarity for r in rows], dtype=float),
            "old_text": [txt(old_txt, r.old) for r in rows],
            "new_text": [txt(new_txt, r.new) for r in rows],
            "split_from": pd.array([opt(old_no, r.split_from) for r in rows], dtype="Int64"),
            "merged_into": pd.array([opt(new_no, r.merged_into) for r in rows], dtype="Int64"),
            "reordered": np.array([r.reordered for r in rows], dtype=bool),
            "section_changed": np.array([r.section_changed for r in rows], dtype=bool),
        },
        columns=PARAGRAPH_COLUMNS,
    )
    # a merged row without a new paragraph still shows the section it went to
    for k, r in enumerate(rows):
        if r.status == "merged" and r.new is None and r.merged_into is not None:
            para.at[k, "new_section"] = new_sec[r.merged_into]
    row_ops = [[(op, "".join(a), "".join(b)) for op, a, b in r.ops] for r in rows]
    flat = [(k, op) for k, ops in enumerate(row_ops) for op in ops]
    changes = pd.DataFrame(
        {
            "row": np.array([k for k, _ in flat], dtype=np.int64),
            "op": [op[0] for _, op in flat],
            "old_words": [op[1].strip() for _, op in flat],
            "new_words": [op[2].strip() for _, op in flat],
        },
        columns=CHANGE_COLUMNS,
    )
    sections = pd.DataFrame(
        {
            "old_section": [a for a, _, _ in result.sections],
            "new_section": [b for _, b, _ in result.sections],
            "paragraphs": np.array([c for _, _, c in result.sections], dtype=np.int64),
            "renamed": np.array(
                [result.renamed.get(a) == b for a, b, _ in result.sections], dtype=bool
            ),
        },
        columns=SECTION_COLUMNS,
    )
    return para, changes, row_ops, sections


def _first(rows: pd.DataFrame, column: str, default: Any) -> Any:
    if column not in rows.columns or rows.empty:
        return default
    value = rows[column].iloc[0]
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def diff(
    frame: pd.DataFrame,
    old: str,
    new: str,
    *,
    threshold: float = 0.35,
    split_threshold: float = 0.5,
    containment: float = 0.6,
    fold_spelling: bool = True,
    fold_case: bool = True,
) -> DeclarationDiff:
    """Align document ``old`` with document ``new`` of a corpus frame, paragraph by paragraph.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame with at least ``doc_id``, ``para_no``, ``section`` and ``text``
        (``date`` and ``title`` are used when present).
    old, new : str
        The doc ids to compare.
    threshold : float
        A pair of paragraphs is kept when its score (tf-idf cosine of stems and anchors) or
        its word similarity reaches it (default 0.35).
    split_threshold : float
        Sentence cosine that ties a piece to the paragraph it was split from or merged into
        (default 0.5).
    containment : float
        Share of a piece's distinct terms found in the whole for pieces that have no
        sentence of their own to match (default 0.6).
    fold_spelling, fold_case : bool
        Compare words with British/American spelling folded (:func:`sco_text.fold_spelling`)
        and case folded; a change that is only spelling or case is a ``spelling`` block of
        the redline, counted as carried over, and leaves a paragraph ``unchanged``.

    Returns
    -------
    DeclarationDiff
        See :mod:`sco_text.compare.model`; the algorithm is described in
        :mod:`sco_text.compare.alignment`.

    Raises :class:`~sco_text.errors.DiffError` (listing the documents present) for an
    unknown id or ``old == new``.

    >>> import pandas as pd
    >>> rows = [("a", 0, "S", "One two three."), ("a", 1, "S", "Four five six."),
    ...         ("b", 0, "S", "Four five six."), ("b", 1, "S", "One two three.")]
    >>> frame = pd.DataFrame(rows, columns=["doc_id", "para_no", "section", "text"])
    >>> diff(frame, "a", "b").paragraphs[["status", "old_para_no", "new_para_no"]]
          status  old_para_no  new_para_no
    0      moved            1            0
    1  unchanged            0            1
    """
    check_columns(frame, _NEEDED)
    opts = _options(threshold, split_threshold, containment, fold_spelling, fold_case)
    present = list(pd.unique(frame["doc_id"]))
    if old == new:
        listed = ", ".join(repr(d) for d in present)
        raise DiffError(
            f"old and new are the same document {old!r}; give two different ids from: {listed}"
        )
    old_rows = _doc_rows(frame, old, present)
    new_rows = _doc_rows(frame, new, present)
    result = align(
        old_rows["text"].astype(str).tolist(),
        new_rows["text"].astype(str).tolist(),
        old_rows["section"].astype(str).tolist(),
        new_rows["section"].astype(str).tolist(),
        opts,
    )
    para, changes, row_ops, sections = _build(result, old_rows, new_rows)
    docs = frame[frame["doc_id"].isin([old, new])]
    docs.attrs = {}  # a new object: the caller's frame keeps its attrs

    def date_of(rows_: pd.DataFrame) -> Any:
        value = _first(rows_, "date", pd.NaT)
        return pd.Timestamp(value) if not pd.isna(value) else pd.NaT

    return DeclarationDiff(
        str(old),
        str(new),
        para,
        changes,
        docs,
        row_ops,
        sections=sections,
        old_date=date_of(old_rows),
        new_date=date_of(new_rows),
        old_title=str(_first(old_rows, "title", "")),
        new_title=str(_first(new_rows, "title", "")),
    )


def _ordered(docs: pd.DataFrame, order_by: str) -> list[str]:
    if order_by == "date":
        docs = docs.sort_values(["date", "doc_id"], na_position="last", kind="stable")
    else:
        docs = docs.sort_values("doc_id", kind="stable")
    return [str(d) for d in docs["doc_id"]]


def diff_series(
    frame: pd.DataFrame,
    *,
    order_by: str = "date",
    kind: str | None = "declaration",
    threshold: float = 0.35,
    split_threshold: float = 0.5,
    containment: float = 0.6,
    fold_spelling: bool = True,
    fold_case: bool = True,
) -> pd.DataFrame:
    """The diff of every successive pair of documents, one row per pair.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame (``doc_id``, ``date``, ``para_no``, ``section``, ``text``; ``kind``
        when ``kind`` is given; ``series`` is used when present).
    order_by : str
        ``"date"`` (then ``doc_id``; undated last) or ``"doc_id"``.
    kind : str or None
        Keep only documents of that kind (``None``: all documents).
    threshold, split_threshold, containment, fold_spelling, fold_case
        As in :func:`diff`.

    Returns
    -------
    pandas.DataFrame
        Columns ``old, new, old_date, new_date`` (and ``series`` when the frame has that
        column), the row count of each status and ``carry_over`` (share of the new
        document's words carried over).  When the frame has a ``series`` column only
        successive documents of one series are paired (a document without a series is
        paired within its kind); otherwise all documents kept are one sequence.  Fewer
        than two documents give an empty frame.

    >>> import pandas as pd
    >>> rows = [("a", "2020-01-01", 0, "S", "Peace and trade."),
    ...         ("b", "2021-01-01", 0, "S", "Peace and trade."),
    ...         ("b", "2021-01-01", 1, "S", "New words here.")]
    >>> frame = pd.DataFrame(rows, columns=["doc_id", "date", "para_no", "section", "text"])
    >>> frame["date"] = pd.to_datetime(frame["date"])
    >>> diff_series(frame, kind=None)[["old", "new", "unchanged", "added", "carry_over"]]
      old new  unchanged  added  carry_over
    0   a   b          1      1        0.5
    """
    check_choice("order_by", order_by, ("date", "doc_id"))
    if kind is not None:
        check_choice("kind", kind, _KINDS)
    needed = [*_NEEDED, "date"] + (["kind"] if kind is not None else [])
    check_columns(frame, needed)
    opts = _options(threshold, split_threshold, containment, fold_spelling, fold_case)
    sub = frame if kind is None else frame[frame["kind"] == kind]
    has_series = "series" in sub.columns
    docs = sub.groupby("doc_id", sort=False)["date"].min().reset_index()
    if has_series:
        first = sub.groupby("doc_id", sort=False).first()
        series = first["series"].astype("string")
        fallback = first["kind"].astype("string") if "kind" in first else "document"
        series = series.where(series.notna() & (series != ""), "kind:" + fallback)
        docs["series"] = docs["doc_id"].map(series)
        pairs: list[tuple[str, str]] = []
        for _, group in docs.groupby("series", sort=True):
            pairs += pairwise(_ordered(group, order_by))
        pos = {d: k for k, d in enumerate(_ordered(docs, order_by))}
        pairs.sort(key=lambda p: (pos[p[1]], pos[p[0]]))
    else:
        pairs = list(pairwise(_ordered(docs, order_by)))
    records: list[dict[str, Any]] = []
    for a, b in pairs:
        d = diff(
            sub,
            a,
            b,
            threshold=opts.threshold,
            split_threshold=opts.split_threshold,
            containment=opts.containment,
            fold_spelling=opts.fold_spelling,
            fold_case=opts.fold_case,
        )
        counts = d.status_counts().set_index("status")["count"]
        record: dict[str, Any] = {
            "old": a,
            "new": b,
            "old_date": d.old_date,
            "new_date": d.new_date,
        }
        if has_series:
            record["series"] = str(_first(sub[sub["doc_id"] == b], "series", "") or "")
        record.update({s: int(counts[s]) for s in STATUSES})
        record["carry_over"] = d.carry_over
        records.append(record)
    columns = list(SERIES_COLUMNS)
    if has_series:
        columns.insert(4, "series")
    out = pd.DataFrame(records, columns=columns)
    out["old_date"] = pd.to_datetime(out["old_date"])
    out["new_date"] = pd.to_datetime(out["new_date"])
    for s in STATUSES:
        out[s] = out[s].astype("int64")
    out["carry_over"] = out["carry_over"].astype(float)
    return out
