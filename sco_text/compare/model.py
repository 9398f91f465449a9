"""The result of a diff: :class:`DeclarationDiff` and its :class:`DiffSummary`.

**Rows of** ``DeclarationDiff.paragraphs``: every paragraph of the old document appears in
exactly one row's ``old_para_no`` and every paragraph of the new document in exactly one
row's ``new_para_no``.  Columns:

* ``status``: ``unchanged`` (same words, up to spelling and case when those are folded, same
  place), ``edited`` (words changed, same place), ``moved`` (a pair that is out of order or
  changed section, see below; ``similarity < 1`` says it was also edited), ``added``,
  ``removed``, ``split``, ``merged``;
* ``old_para_no``, ``new_para_no`` (nullable ``Int64``; ``<NA>`` on the missing side),
  ``old_section``, ``new_section`` (``""`` on the missing side);
* ``similarity``: word similarity ``2 * M / (old tokens + new tokens)``, M = tokens in the
  equal (and spelling) blocks of the word-level redline; tokens are words and punctuation
  marks (1.0 = same words; 0.0 for added and removed rows; for split and merged rows the
  similarity of the old paragraph(s) against the new one(s) joined, on every row of the
  group);
* ``old_text``, ``new_text`` (``""`` on the missing side);
* ``split_from`` (``Int64``): on split rows, the old ``para_no`` that was split;
* ``merged_into`` (``Int64``): on merged rows, the new ``para_no`` the old paragraphs became;
* ``reordered`` (bool): the pair (or group) is off the kept reading order;
* ``section_changed`` (bool): the paragraph left its section for another one; sections are
  matched by content, so a renamed section moves nothing (see
  :mod:`sco_text.compare.alignment`).

``moved`` = a one-to-one pair with ``reordered`` or ``section_changed``.

**Split** (one old paragraph -> n new ones, not necessarily neighbours): n rows with status
``split``, all with ``split_from`` = the old ``para_no``; the first piece's row carries the
old paragraph, the other rows have ``old_para_no`` ``<NA>``.  **Merged** (n old -> one new)
mirrors it.  The redline of the old paragraph against the joined pieces is cut at the piece
boundaries, so every row has its own part of it.

**Row order**: new-document reading order; a removed paragraph comes right after the row
holding its nearest old predecessor that kept its place (before any: at the top); the other
old pieces of a merge follow its first row.

**Redline ops** (``changes.op``): ``equal``, ``spelling`` (the same words once spelling and
case are folded: ``organisation`` -> ``organization``; counted as carried over),
``delete``, ``insert``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._validate import check_choice
from ..errors import OptionError
from ..text import count_words
from . import render

__all__ = [
    "CHANGE_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SECTION_COLUMNS",
    "STATUSES",
    "TABLES",
    "TERM_COLUMNS",
    "THEME_COLUMNS",
    "DeclarationDiff",
    "DiffSummary",
]

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
SECTION_COLUMNS = ["old_section", "new_section", "paragraphs", "renamed"]
THEME_COLUMNS = [
    "theme",
    "old_count",
    "new_count",
    "change",
    "old_rate_per_1000",
    "new_rate_per_1000",
    "rate_change",
]
TERM_COLUMNS = [
    "term",
    "old_count",
    "new_count",
    "change",
    "old_rate_per_1000",
    "new_rate_per_1000",
    "rate_change",
]
TABLES = ("paragraphs", "changes", "themes", "terms", "sections", "summary")
#: Decimals of every rate per 1,000 words in the theme table.
RATE_DECIMALS = 2

Ops = list[tuple[str, str, str]]


@dataclass(frozen=True, eq=False)
class DiffSummary:
    """What :meth:`DeclarationDiff.summary` returns.

    * ``counts``: DataFrame ``status, count`` with the seven statuses in a fixed order;
    * ``carry_over``: share of the new document's words (:func:`sco_text.count_words`) that
      sit in equal or spelling blocks of aligned paragraphs, 0..1;
    * ``spelling_changes``: redline blocks that differ only in spelling or case;
      ``spelling_only``: paired paragraphs whose only changes are such blocks (they count as
      ``unchanged``);
    * ``renamed``: DataFrame ``old_section, new_section`` of sections matched by content;
    * ``themes``: DataFrame ``theme, old_count, new_count, change, old_rate_per_1000,
      new_rate_per_1000, rate_change`` (``change = new_count - old_count``, rates per 1,000
      words as :func:`sco_text.themes` counts them, ``rate_change = new - old`` rate, all
      rates rounded to ``RATE_DECIMALS``), sorted by ``rate_change`` (largest rise first);
      themes with no mention in either document are left out.

    ``summary["edited"]`` or ``summary["carry_over"]`` reads one number;
    :meth:`to_series` gives them all as a Series.
    """

    old: str
    new: str
    counts: pd.DataFrame
    carry_over: float
    themes: pd.DataFrame = field(repr=False)
    spelling_changes: int = 0
    spelling_only: int = 0
    renamed: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["old_section", "new_section"]), repr=False
    )

    _NUMBERS = ("carry_over", "spelling_changes", "spelling_only")

    def __getitem__(self, key: str) -> int | float:
        if key in self._NUMBERS:
            return getattr(self, key)
        if key in STATUSES:
            return int(self.counts.set_index("status").loc[key, "count"])
        raise KeyError(f"{key!r}; choose one of: {', '.join([*STATUSES, *self._NUMBERS])}")

    def to_series(self) -> pd.Series:
        """Counts per status, ``carry_over`` and the spelling counts as one Series."""
        values: dict[str, int | float] = {s: self[s] for s in STATUSES}
        for key in self._NUMBERS:
            values[key] = self[key]
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
            f"carry-over {self.carry_over:.1%} of the new text's words; "
            f"{self.spelling_changes} spelling/case-only changes "
            f"({self.spelling_only} paragraphs changed only so)",
        ]
        if len(self.renamed):
            pairs = "; ".join(
                f"{a} -> {b}"
                for a, b in zip(
                    self.renamed["old_section"], self.renamed["new_section"], strict=True
                )
            )
            lines.append(f"renamed sections: {pairs}")
        if len(self.themes):
            lines.append(
                f"new themes: {', '.join(self.new_themes()) or 'none'}; "
                f"dropped themes: {', '.join(self.dropped_themes()) or 'none'}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return render.summary_html(self)


class DeclarationDiff:
    """Paragraph alignment of two documents; build it with :func:`sco_text.diff`.

    Attributes: ``old``, ``new`` (doc ids), ``old_title``, ``new_title``, ``old_date``,
    ``new_date`` (Timestamp or NaT), ``paragraphs`` (one row per pair or unpaired paragraph,
    see :mod:`sco_text.compare.model`), ``changes`` (the word-level redline as a tidy frame:
    ``row`` = index of the row in ``paragraphs``, ``op`` in
    ``equal``/``spelling``/``delete``/``insert``, ``old_words``, ``new_words``) and
    ``sections`` (``old_section, new_section, paragraphs, renamed``: how many linked
    paragraphs went from one section to another; ``renamed`` marks sections matched by
    content under a new name).
    """

    def __init__(
        self,
        old: str,
        new: str,
        paragraphs: pd.DataFrame,
        changes: pd.DataFrame,
        docs: pd.DataFrame,
        row_ops: list[Ops],
        *,
        sections: pd.DataFrame | None = None,
        old_date: pd.Timestamp | Any = pd.NaT,
        new_date: pd.Timestamp | Any = pd.NaT,
        old_title: str = "",
        new_title: str = "",
    ) -> None:
        self.old = old
        self.new = new
        self.old_date = old_date
        self.new_date = new_date
        self.old_title = old_title
        self.new_title = new_title
        self.paragraphs = paragraphs
        self.changes = changes
        self.sections = sections if sections is not None else pd.DataFrame(columns=SECTION_COLUMNS)
        self._docs = docs
        self._row_ops = row_ops
        self._summary: DiffSummary | None = None

    # -- data
    def _check_row(self, row: int) -> None:
        if isinstance(row, bool) or not isinstance(row, (int, np.integer)):
            raise OptionError(f"row={row!r} is not allowed; give an int")
        if not 0 <= row < len(self.paragraphs):
            raise OptionError(f"row={row!r} is not allowed; give 0..{len(self.paragraphs) - 1}")

    def ops(self, row: int) -> list[tuple[str, str, str]]:
        """The redline of one row of ``paragraphs`` as (op, old words, new words) tuples."""
        self._check_row(row)
        return [(op, a.strip(), b.strip()) for op, a, b in self._row_ops[row]]

    def redline(self, row: int, *, fmt: str = "text") -> str:
        """One row's redline.

        ``fmt="text"``: ``[-deleted-]{+inserted+}``, spelling/case changes as
        ``{~old~>new~}``; ``"markdown"``: ``~~deleted~~ **inserted**``, spelling changes in
        italics; ``"html"``: ``<del>``/``<ins>`` and ``<span class="sp">`` (text escaped).
        """
        check_choice("fmt", fmt, ("text", "markdown", "html"))
        self._check_row(row)
        return render.render_ops(self._row_ops[row], fmt)

    def status_counts(self) -> pd.DataFrame:
        """Rows of ``paragraphs`` per status: DataFrame ``status, count`` (zeros kept)."""
        got = self.paragraphs["status"].value_counts()
        return pd.DataFrame(
            {"status": list(STATUSES), "count": [int(got.get(s, 0)) for s in STATUSES]}
        )

    @property
    def carry_over(self) -> float:
        """Share of the new document's words carried over (in equal or spelling blocks)."""
        total = sum(count_words(t) for t in self.paragraphs["new_text"])
        if total == 0:
            return 0.0
        kept = sum(
            count_words(b)
            for ops in self._row_ops
            for op, _, b in ops
            if op in ("equal", "spelling")
        )
        return min(kept / total, 1.0)

    @property
    def spelling_changes(self) -> int:
        """Redline blocks that differ only in spelling or case (see the module docstring)."""
        return int((self.changes["op"] == "spelling").sum())

    @property
    def spelling_only(self) -> int:
        """Paired rows whose only changes are spelling or case (each counts as unchanged)."""
        return sum(
            1
            for ops in self._row_ops
            if any(op == "spelling" for op, _, _ in ops)
            and all(op in ("equal", "spelling") for op, _, _ in ops)
        )

    def summary(self, *, dictionary: Any = None) -> DiffSummary:
        """Counts per status, carry-over, spelling counts, renamed sections and theme changes.

        The theme counts come from :func:`sco_text.themes` with ``dictionary`` (anything it
        accepts; ``None``: the shipped theme dictionary).  See :class:`DiffSummary`.
        """
        if dictionary is None and self._summary is not None:
            return self._summary
        s = self.sections
        renamed = s.loc[s["renamed"], ["old_section", "new_section"]].reset_index(drop=True)
        out = DiffSummary(
            self.old,
            self.new,
            self.status_counts(),
            self.carry_over,
            self.theme_changes(dictionary=dictionary),
            spelling_changes=self.spelling_changes,
            spelling_only=self.spelling_only,
            renamed=renamed,
        )
        if dictionary is None:
            self._summary = out
        return out

    def theme_changes(self, *, dictionary: Any = None) -> pd.DataFrame:
        """Theme counts and rates per 1,000 words of both documents, by rate change.

        Columns and order as ``DiffSummary.themes`` (see :class:`DiffSummary`).
        """
        from ..dictionaries import themes  # imported here: themes is only needed by summaries

        table = themes(self._docs, by="doc_id", dictionary=dictionary)
        out = pd.DataFrame({"theme": sorted(set(table["theme"]))})
        for side, doc in (("old", self.old), ("new", self.new)):
            part = table[table["group"] == doc].set_index("theme")
            out[f"{side}_count"] = [int(part["count"].get(t, 0)) for t in out["theme"]]
            out[f"{side}_rate_per_1000"] = [
                float(part["rate_per_1000"].get(t, 0.0)) for t in out["theme"]
            ]
        out["change"] = out["new_count"] - out["old_count"]
        out["rate_change"] = out["new_rate_per_1000"] - out["old_rate_per_1000"]
        for col in ("old_rate_per_1000", "new_rate_per_1000", "rate_change"):
            out[col] = out[col].round(RATE_DECIMALS)
        out = out[(out["old_count"] > 0) | (out["new_count"] > 0)]
        out = out.sort_values(["rate_change", "theme"], ascending=[False, True], kind="stable")
        return out[THEME_COLUMNS].reset_index(drop=True)

    def term_changes(self, *, top: int | None = 20, fold_spelling: bool = True) -> pd.DataFrame:
        """Word counts and rates per 1,000 words of both documents, by rate change.

        Counts come from :func:`sco_text.keyword_frequency` (stop words removed, case
        folded, British/American spellings folded unless ``fold_spelling=False``).  Columns
        ``term, old_count, new_count, change, old_rate_per_1000, new_rate_per_1000,
        rate_change`` (rates rounded to ``RATE_DECIMALS``), sorted by ``rate_change``,
        largest rise first; ``top`` keeps the ``top`` largest rises and the ``top`` largest
        falls (``None``: every term).
        """
        from ..frequency import keyword_frequency  # only needed by this table

        if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
            raise OptionError(f"top={top!r} is not allowed; give a positive int or None")
        counts = keyword_frequency(self._docs, by="doc_id", fold_spelling=fold_spelling)
        out = pd.DataFrame({"term": sorted(set(counts["term"]))})
        for side, doc in (("old", self.old), ("new", self.new)):
            part = counts[counts["group"] == doc].set_index("term")
            out[f"{side}_count"] = out["term"].map(part["count"]).fillna(0).astype("int64")
            out[f"{side}_rate_per_1000"] = out["term"].map(part["rate_per_1000"]).fillna(0.0)
        out["change"] = out["new_count"] - out["old_count"]
        out["rate_change"] = out["new_rate_per_1000"] - out["old_rate_per_1000"]
        for col in ("old_rate_per_1000", "new_rate_per_1000", "rate_change"):
            out[col] = out[col].round(RATE_DECIMALS)
        out = out.sort_values(["rate_change", "term"], ascending=[False, True], kind="stable")
        if top is not None and len(out) > 2 * top:
            out = pd.concat([out.head(top), out.tail(top)])
        return out[TERM_COLUMNS].reset_index(drop=True)

    def to_frame(self, table: str = "paragraphs", *, dictionary: Any = None) -> pd.DataFrame:
        """One table of the diff as a tidy frame, each row labelled with ``old`` and ``new``.

        Parameters
        ----------
        table : str
            ``"paragraphs"`` (statuses and texts, one row per pair or unpaired paragraph),
            ``"changes"`` (the word-level redline), ``"themes"`` (theme counts and rates),
            ``"terms"`` (word counts and rates, :meth:`term_changes`), ``"sections"`` (how
            sections correspond) or ``"summary"`` (one row of numbers).
        dictionary : optional
            The theme dictionary of the ``"themes"`` and ``"summary"`` tables.

        Returns
        -------
        pandas.DataFrame
            ``old`` and ``new`` doc ids first, then the table's own columns.
        """
        check_choice("table", table, TABLES)
        if table == "paragraphs":
            body = self.paragraphs.copy()
        elif table == "changes":
            body = self.changes.copy()
        elif table == "themes":
            body = self.theme_changes(dictionary=dictionary)
        elif table == "terms":
            body = self.term_changes()
        elif table == "sections":
            body = self.sections.copy()
        else:
            s = self.summary(dictionary=dictionary)
            body = pd.DataFrame([s.to_series().to_dict()])
            body.insert(0, "old_date", self.old_date)
            body.insert(1, "new_date", self.new_date)
        body.insert(0, "old", self.old)
        body.insert(1, "new", self.new)
        return body.reset_index(drop=True)

    # -- display
    def heading(self) -> tuple[str, str]:
        """Display labels of the old and new documents: title and date, else the doc id."""

        def label(doc: str, title: str, date: Any) -> str:
            name = title or doc
            return f"{name} ({date:%d %B %Y})" if isinstance(date, pd.Timestamp) else name

        return (
            label(self.old, self.old_title, self.old_date),
            label(self.new, self.new_title, self.new_date),
        )

    def to_markdown(self) -> str:
        """The redline as Markdown: ``~~deleted~~ **inserted**``, one bullet per row, a
        heading per section, runs of unchanged paragraphs summarised in one line."""
        return render.render_markdown(self)

    def to_html(self, path: str | os.PathLike[str] | None = None) -> str:
        """A standalone HTML page of the redline (inline CSS and script, no network);
        written to ``path`` (UTF-8) when given.  Returns the HTML."""
        page = render.render_html(self, standalone=True)
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(page)
        return page

    def _repr_html_(self) -> str:
        return render.render_html(self, standalone=False)

    def __repr__(self) -> str:
        counts = self.status_counts()
        listed = ", ".join(
            f"{s} {c}" for s, c in zip(counts["status"], counts["count"], strict=True) if c
        )
        return f"DeclarationDiff {self.old} -> {self.new}: {listed or 'no paragraphs'}"
