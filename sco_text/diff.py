"""Diff of successive declarations: what was kept, reworded, added, dropped or moved.

:func:`diff` lines up two documents of a corpus frame paragraph by paragraph and returns a
:class:`DeclarationDiff`; :func:`diff_series` does it for every successive pair.

**Rows of** ``DeclarationDiff.paragraphs``: every paragraph of the old document appears in
exactly one row's ``old_para_no`` and every paragraph of the new document in exactly one
row's ``new_para_no``.  Columns (the first eight are the library's fixed schema):

* ``status``: ``unchanged`` (same words, same place), ``edited`` (words changed, same place),
  ``moved`` (a pair that is out of order or changed section, see below; ``similarity < 1``
  says it was also edited), ``added``, ``removed``, ``split``, ``merged``;
* ``old_para_no``, ``new_para_no`` (nullable ``Int64``; ``<NA>`` on the missing side),
  ``old_section``, ``new_section`` (``""`` on the missing side);
* ``similarity``: word similarity ``2 * M / (old tokens + new tokens)``, M = tokens in the
  equal blocks of the word-level redline; tokens are words and punctuation marks, compared
  exactly (1.0 = same words; 0.0 for added and removed rows; for split and merged rows the
  similarity of the old paragraph(s) against the new one(s) joined, on every row of the
  group);
* ``old_text``, ``new_text`` (``""`` on the missing side);
* ``split_from`` (``Int64``): on split rows, the old ``para_no`` that was split;
* ``merged_into`` (``Int64``): on merged rows, the new ``para_no`` the old paragraphs became;
* ``reordered`` (bool): the pair (or group) is off the kept reading order: it is not on the
  heaviest increasing run of new positions taken in old order (weights = old word counts);
* ``section_changed`` (bool): old and new section names differ and both names exist in both
  documents (renamed or restructured sections do not count).

``moved`` = a one-to-one pair with ``reordered`` or ``section_changed``.

**Split** (one old paragraph -> n new ones): n rows with status ``split``, all with
``split_from`` = the old ``para_no``; the first piece's row carries the old paragraph
(``old_para_no``, ``old_text``), the other rows have ``old_para_no`` ``<NA>``.  **Merged**
(n old -> one new) mirrors it: n rows with ``merged_into`` = the new ``para_no``; the first
old piece's row carries the new paragraph.  The redline of the old paragraph against the
joined pieces is cut at the piece boundaries, so every row has its own part of it.

**Row order**: new-document reading order; a removed paragraph comes right after the row
holding its nearest old predecessor that kept its place (paragraphs that were removed or
``reordered`` are skipped; before any such predecessor: at the top); the other old pieces of
a merge follow its first row.

The alignment (tf-idf candidate scores, Hungarian assignment, word-level ``SequenceMatcher``,
split/merge growth, increasing-subsequence order) and its thresholds are described in
:mod:`sco_text._align`.  Defaults: ``threshold=0.35`` (a pair is kept when its tf-idf
cosine or its word similarity reaches it), ``split_threshold=0.5`` (word similarity of a
paragraph against its joined pieces), ``containment=0.6`` (share of a piece's distinct words
found in the whole).

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

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from . import _redline
from ._align import WORD_RE, AlignedRow, AlignOptions, align
from ._validate import check_choice, check_columns
from .errors import DiffError, OptionError

__all__ = ["STATUSES", "DeclarationDiff", "DiffSummary", "diff", "diff_series"]

STATUSES = ("unchanged", "edited", "moved", "split", "merged", "added", "removed")
PARAGRAPH_COLUMNS = [
    "status",
    "old_para_no",
    "new_para_no",
    "old_section",
    "new_section",
    "similarity",
    "old_text",
    "new_text",
    "split_from",
    "merged_into",
    "reordered",
    "section_changed",
]
CHANGE_COLUMNS = ["row", "op", "old_words", "new_words"]
SERIES_COLUMNS = ["old", "new", "old_date", "new_date", *STATUSES, "carry_over"]
THEME_COLUMNS = [
    "theme",
    "old_count",
    "new_count",
    "change",
    "old_rate_per_1000",
    "new_rate_per_1000",
]
_KINDS = ("declaration", "statement", "address", "report", "speech", "document")
_NEEDED = ["doc_id", "para_no", "section", "text"]


def _check_fraction(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise OptionError(f"{name}={value!r} is not allowed; give a number in (0, 1]")
    return float(value)


def _options(threshold: object, split_threshold: object, containment: object) -> AlignOptions:
    return AlignOptions(
        threshold=_check_fraction("threshold", threshold),
        split_threshold=_check_fraction("split_threshold", split_threshold),
        containment=_check_fraction("containment", containment),
    )


def _doc_rows(frame: pd.DataFrame, doc_id: object, present: list[Any]) -> pd.DataFrame:
    rows = frame[frame["doc_id"] == doc_id]
    if rows.empty:
        listed = ", ".join(repr(d) for d in present)
        raise DiffError(f"no document {doc_id!r} in the frame; documents present: {listed}")
    return rows.sort_values("para_no", kind="stable")


@dataclass(frozen=True, eq=False)
class DiffSummary:
    """What :meth:`DeclarationDiff.summary` returns.

    * ``counts``: DataFrame ``status, count`` with the seven statuses in a fixed order (rows
      of ``.paragraphs`` per status, zeros kept);
    * ``carry_over``: share of the new document's words that sit in equal blocks of aligned
      paragraphs (words carried over verbatim), 0..1;
    * ``themes``: DataFrame ``theme, old_count, new_count, change, old_rate_per_1000,
      new_rate_per_1000`` from :func:`sco_text.themes` (``change = new_count - old_count``;
      rates per 1000 words, as the themes module counts them), sorted by ``change``;
      themes with no mention in either document are left out.

    ``summary["edited"]`` or ``summary["carry_over"]`` reads one number;
    :meth:`to_series` gives them all as a Series.
    """

    old: str
    new: str
    counts: pd.DataFrame
    carry_over: float
    themes: pd.DataFrame = field(repr=False)

    def __getitem__(self, key: str) -> int | float:
        if key == "carry_over":
            return self.carry_over
        if key in STATUSES:
            return int(self.counts.set_index("status").loc[key, "count"])
        raise KeyError(f"{key!r}; choose one of: {', '.join([*STATUSES, 'carry_over'])}")

    def to_series(self) -> pd.Series:
        """Counts per status and ``carry_over`` as one Series (object dtype)."""
        values: dict[str, int | float] = {s: self[s] for s in STATUSES}
        values["carry_over"] = self.carry_over
        return pd.Series(values, dtype=object, name=f"{self.old} -> {self.new}")

    def new_themes(self) -> list[str]:
        """Themes mentioned in the new document but not in the old one."""
        t = self.themes
        return list(t.loc[(t["old_count"] == 0) & (t["new_count"] > 0), "theme"])

    def dropped_themes(self) -> list[str]:
        """Themes mentioned in the old document but no longer in the new one."""
        t = self.themes
        return list(t.loc[(t["old_count"] > 0) & (t["new_count"] == 0), "theme"])

    def __repr__(self) -> str:
        counts = ", ".join(f"{s} {self[s]}" for s in STATUSES)
        lines = [
            f"DiffSummary {self.old} -> {self.new}: {counts}",
            f"carry-over {self.carry_over:.1%} of the new text's words",
        ]
        if len(self.themes):
            lines.append(
                f"new themes: {', '.join(self.new_themes()) or 'none'}; "
                f"dropped themes: {', '.join(self.dropped_themes()) or 'none'}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return _redline.summary_html(self)


class DeclarationDiff:
    """Paragraph alignment of two documents; build it with :func:`diff`.

    Attributes: ``old``, ``new`` (doc ids), ``old_date``, ``new_date`` (Timestamp or NaT),
    ``paragraphs`` (one row per pair or unpaired paragraph, see the module docstring) and
    ``changes`` (the word-level redline as a tidy frame: ``row`` = index of the row in
    ``paragraphs``, ``op`` in ``equal``/``delete``/``insert``, ``old_words``, ``new_words``:
    the words and punctuation marks of the block as written; a row's blocks in order give
    its old and new text back).
    """

    def __init__(
        self,
        old: str,
        new: str,
        paragraphs: pd.DataFrame,
        changes: pd.DataFrame,
        docs: pd.DataFrame,
        row_ops: list[list[tuple[str, str, str]]],
        *,
        old_date: pd.Timestamp | Any = pd.NaT,
        new_date: pd.Timestamp | Any = pd.NaT,
    ) -> None:
        self.old = old
        self.new = new
        self.old_date = old_date
        self.new_date = new_date
        self.paragraphs = paragraphs
        self.changes = changes
        self._docs = docs
        self._row_ops = row_ops
        self._summary: DiffSummary | None = None

    # -- data
    def ops(self, row: int) -> list[tuple[str, str, str]]:
        """The redline of one row of ``paragraphs`` as (op, old words, new words) tuples."""
        if not 0 <= row < len(self.paragraphs):
            raise OptionError(f"row={row!r} is not allowed; give 0..{len(self.paragraphs) - 1}")
        return [(op, a.strip(), b.strip()) for op, a, b in self._row_ops[row]]

    def redline(self, row: int, *, fmt: str = "text") -> str:
        """One row's redline: ``fmt="text"`` (``[-deleted-]{+inserted+}``), ``"markdown"``
        (``~~deleted~~ **inserted**``) or ``"html"`` (``<del>``/``<ins>``, text escaped)."""
        check_choice("fmt", fmt, ("text", "markdown", "html"))
        self.ops(row)  # validates row
        return _redline.render_ops(self._row_ops[row], fmt)

    def _counts(self) -> pd.DataFrame:
        got = self.paragraphs["status"].value_counts()
        return pd.DataFrame(
            {"status": list(STATUSES), "count": [int(got.get(s, 0)) for s in STATUSES]}
        )

    def _carry_over(self) -> float:
        total = sum(len(WORD_RE.findall(t)) for t in self.paragraphs["new_text"])
        if total == 0:
            return 0.0
        equal = sum(
            len(WORD_RE.findall(b)) for ops in self._row_ops for op, _, b in ops if op == "equal"
        )
        return equal / total

    def summary(self, *, dictionary: Any = None) -> DiffSummary:
        """Counts per status, carry-over share and theme mentions (see :class:`DiffSummary`).

        The theme counts come from :func:`sco_text.themes.themes` with ``dictionary``
        (anything it accepts; ``None``: the shipped theme dictionary).
        """
        if dictionary is not None:
            return DiffSummary(
                self.old,
                self.new,
                self._counts(),
                self._carry_over(),
                self._theme_changes(dictionary),
            )
        if self._summary is None:
            self._summary = DiffSummary(
                self.old, self.new, self._counts(), self._carry_over(), self._theme_changes(None)
            )
        return self._summary

    def _theme_changes(self, dictionary: Any) -> pd.DataFrame:
        from .themes import themes  # imported here: themes is only needed by summaries

        docs = self._docs
        table = themes(docs, by="doc_id", dictionary=dictionary)
        out = pd.DataFrame({"theme": sorted(set(table["theme"]))})
        for side, doc in (("old", self.old), ("new", self.new)):
            part = table[table["group"] == doc].set_index("theme")
            out[f"{side}_count"] = [int(part["count"].get(t, 0)) for t in out["theme"]]
            out[f"{side}_rate_per_1000"] = [
                float(part["rate_per_1000"].get(t, 0.0)) for t in out["theme"]
            ]
        out["change"] = out["new_count"] - out["old_count"]
        out = out[(out["old_count"] > 0) | (out["new_count"] > 0)]
        out = out.sort_values(["change", "theme"], ascending=[False, True], kind="stable")
        return out[THEME_COLUMNS].reset_index(drop=True)

    # -- display
    def to_markdown(self) -> str:
        """The redline as Markdown: ``~~deleted~~ **inserted**``, one bullet per row, a
        heading per section, runs of unchanged paragraphs summarised in one line."""
        return _redline.render_markdown(self)

    def to_html(self, path: str | os.PathLike[str] | None = None) -> str:
        """A standalone HTML page of the redline (inline CSS, no network); written to
        ``path`` (UTF-8) when given.  Returns the HTML."""
        page = _redline.render_html(self, standalone=True)
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(page)
        return page

    def _repr_html_(self) -> str:
        return _redline.render_html(self, standalone=False)

    def __repr__(self) -> str:
        counts = self._counts()
        listed = ", ".join(
            f"{s} {c}" for s, c in zip(counts["status"], counts["count"], strict=True) if c
        )
        return f"DeclarationDiff {self.old} -> {self.new}: {listed or 'no paragraphs'}"


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
    rows: list[AlignedRow],
    old_rows: pd.DataFrame,
    new_rows: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame, list[list[tuple[str, str, str]]]]:
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
    return para, changes, row_ops


def diff(
    frame: pd.DataFrame,
    old: str,
    new: str,
    *,
    threshold: float = 0.35,
    split_threshold: float = 0.5,
    containment: float = 0.6,
) -> DeclarationDiff:
    """Align document ``old`` with document ``new`` of a corpus frame, paragraph by paragraph.

    Needs the columns ``doc_id``, ``para_no``, ``section`` and ``text`` (``date`` is used
    when present).  Raises :class:`~sco_text.errors.DiffError` (listing the documents present)
    for an unknown id or ``old == new``.  See the module docstring for the result.

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
    opts = _options(threshold, split_threshold, containment)
    present = list(pd.unique(frame["doc_id"]))
    if old == new:
        listed = ", ".join(repr(d) for d in present)
        raise DiffError(
            f"old and new are the same document {old!r}; give two different ids from: {listed}"
        )
    old_rows = _doc_rows(frame, old, present)
    new_rows = _doc_rows(frame, new, present)
    rows = align(
        old_rows["text"].astype(str).tolist(),
        new_rows["text"].astype(str).tolist(),
        old_rows["section"].astype(str).tolist(),
        new_rows["section"].astype(str).tolist(),
        opts,
    )
    para, changes, row_ops = _build(rows, old_rows, new_rows)
    docs = frame[frame["doc_id"].isin([old, new])]
    docs.attrs = {}  # a new object: the caller's frame keeps its attrs

    def date_of(rows_: pd.DataFrame) -> Any:
        if "date" not in rows_.columns:
            return pd.NaT
        return pd.Timestamp(rows_["date"].iloc[0]) if len(rows_) else pd.NaT

    return DeclarationDiff(
        str(old),
        str(new),
        para,
        changes,
        docs,
        row_ops,
        old_date=date_of(old_rows),
        new_date=date_of(new_rows),
    )


def diff_series(
    frame: pd.DataFrame,
    *,
    order_by: str = "date",
    kind: str | None = "declaration",
    threshold: float = 0.35,
    split_threshold: float = 0.5,
    containment: float = 0.6,
) -> pd.DataFrame:
    """The diff of every successive pair of documents, one row per pair.

    Documents are ordered by ``date`` then ``doc_id`` (``order_by="date"``, undated last) or by
    ``doc_id`` alone; ``kind`` keeps only documents of that kind (``None``: all documents).
    Columns: ``old, new, old_date, new_date``, the row count of each status in
    ``DeclarationDiff.paragraphs`` and ``carry_over`` (share of the new document's words
    carried over verbatim).  Fewer than two documents give an empty frame.

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
    opts = _options(threshold, split_threshold, containment)
    sub = frame if kind is None else frame[frame["kind"] == kind]
    docs = sub.groupby("doc_id", sort=False)["date"].min().reset_index()
    if order_by == "date":
        docs = docs.sort_values(["date", "doc_id"], na_position="last", kind="stable")
    else:
        docs = docs.sort_values("doc_id", kind="stable")
    ids = docs["doc_id"].tolist()
    records: list[dict[str, Any]] = []
    for a, b in pairwise(ids):
        d = diff(
            sub,
            a,
            b,
            threshold=opts.threshold,
            split_threshold=opts.split_threshold,
            containment=opts.containment,
        )
        counts = d._counts().set_index("status")["count"]
        record: dict[str, Any] = {
            "old": a,
            "new": b,
            "old_date": d.old_date,
            "new_date": d.new_date,
        }
        record.update({s: int(counts[s]) for s in STATUSES})
        record["carry_over"] = d._carry_over()
        records.append(record)
    out = pd.DataFrame(records, columns=SERIES_COLUMNS)
    out["old_date"] = pd.to_datetime(out["old_date"])
    out["new_date"] = pd.to_datetime(out["new_date"])
    for s in STATUSES:
        out[s] = out[s].astype("int64")
    out["carry_over"] = out["carry_over"].astype(float)
    return out
