"""How wide each line was printed, in the units the text was wrapped in.

A text hard-wrapped at a width ``W`` broke every line inside a paragraph because the
next word would not have fitted: measured in the units it was wrapped in, every such
line leaves less room than the next word takes.  Character counts are those units for
text wrapped by a program; a PDF's text was wrapped by the printed width of a
proportional font, where "iiii" is narrower than "MMMM".  So each document is measured
in characters and in the Adobe font metrics of Times-Roman and Helvetica (the AFM widths
pdfminer.six ships), and the metric is the one under which its continuing lines (ending
in a letter before a line opening in lower case: certainly inside a paragraph) leave the
least room: the ``fit_quantile`` of their room, as a share of the page width, is the
metric's *noise*.  A noise of at most zero (at least that share of the continuing lines
would not have taken their next word) means the metric is the one the text was wrapped
in, and the width of a line decides: a word that fits was not wrapped.  With fewer than
``fit_lines`` continuing lines nothing is measured, and characters are used.

>>> from sco_text.normalizer.pages import find_pages
>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> text = "Some words are wide and some are not at all wide in print.".split()
>>> lines = [" ".join(text[i : i + 3]) for i in range(0, len(text), 3)]
>>> measure(find_pages(lines, DEFAULT_RULES), 0, len(lines), DEFAULT_RULES).metric
'chars'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from .pages import Pages
from .rules import LayoutRules

__all__ = ["METRICS", "Measure", "measure", "printed_width", "printed_widths"]

METRICS = ("chars", "Times-Roman", "Helvetica")  # tried in this order; ties go to the first
_UNKNOWN = 0.556  # an unknown character is as wide as a digit of Helvetica (em)
_EPS = 1e-9


@cache
def _table(metric: str) -> dict[str, float]:
    from pdfminer.fontmetrics import FONT_METRICS  # a dependency of the PDF reader

    return {c: w / 1000 for c, w in FONT_METRICS[metric][1].items()}


@cache
def _milli_table(metric: str) -> np.ndarray:
    """Widths in thousandths of an em (AFM widths are whole thousandths) by code point,
    for the code points up to the highest the metric knows; beyond: :data:`_UNKNOWN`."""
    table = _table(metric)
    widths = np.full(max(map(ord, table)) + 2, round(_UNKNOWN * 1000), dtype=np.int64)
    for c, w in table.items():
        widths[ord(c)] = round(w * 1000)
    return widths


def printed_width(s: str, metric: str) -> float:
    """The width of ``s`` in ``metric``: characters, or ems of an AFM font.

    >>> printed_width("iiii", "chars"), printed_width("iiii", "Times-Roman")
    (4.0, 1.112)
    >>> printed_width("MMMM", "Times-Roman")
    3.556
    """
    if metric == "chars":
        return float(len(s))
    table = _table(metric)
    return round(sum(table.get(c, _UNKNOWN) for c in s), 6)


def printed_widths(texts: list[str], metric: str) -> list[float]:
    """:func:`printed_width` of each of ``texts``, the same numbers found for all of them
    at once (:class:`_Text`).

    >>> printed_widths(["iiii", "", "MMMM"], "Times-Roman")
    [1.112, 0.0, 3.556]
    """
    return _Text(texts).widths(metric)[0].tolist()


class _Text:
    """Lines measured together: the widths in an AFM font are whole thousandths of an em,
    so the width of any run of characters is a difference of two cumulative integer sums
    (exact, and one array lookup per metric instead of a Python loop per character)."""

    def __init__(self, texts: list[str]) -> None:
        self.lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.ends = np.cumsum(self.lengths)
        self.starts = self.ends - self.lengths
        self._texts = texts
        self._points: np.ndarray | None = None

    def points(self) -> np.ndarray:
        if self._points is None:
            joined = "".join(self._texts).encode("utf-32-le", "surrogatepass")
            self._points = np.frombuffer(joined, dtype=np.uint32)
        return self._points

    def widths(self, metric: str, prefix: np.ndarray | None = None) -> tuple[np.ndarray, Any]:
        """Each line's width in ``metric``, and that of its first ``prefix`` characters."""
        if metric == "chars":
            return self.lengths.astype(np.float64), (
                None if prefix is None else prefix.astype(np.float64)
            )
        table = _milli_table(metric)
        milli = np.take(table, self.points(), mode="clip")  # beyond the table: its last
        totals = np.concatenate(([0], np.cumsum(milli, dtype=np.int64)))
        # a whole number of thousandths over 1000 is already at its 6-digit rounding
        lines = (totals[self.ends] - totals[self.starts]) / 1000
        if prefix is None:
            return lines, None
        return lines, (totals[self.starts + prefix] - totals[self.starts]) / 1000


@dataclass(frozen=True)
class Measure:
    """Line widths of a text in its metric: ``widths`` per content line (an indent
    included), ``page_widths`` per page; ``noise``: the ``fit_quantile`` room of its
    continuing lines (a share of the width; None when too few were seen); ``exact``: the
    metric is the one the text was wrapped in (noise at most zero)."""

    metric: str
    widths: list[float]
    page_widths: list[float]
    space: float
    noise: float | None
    exact: bool

    def room(self, geo: Pages, k: int) -> float:
        """The room content line ``k`` leaves for the first word of line ``k + 1``, as a
        share of its page's width (negative: the word would not have fitted)."""
        s = geo.texts[k + 1]
        first = s.split(" ", 1)[0]
        width = self.page_widths[geo.pages[k]]
        taken = self.widths[k] + self.space + printed_width(first, self.metric)
        return (width - taken) / width if width > 0 else 0.0


@dataclass
class _Widths:
    """A text's line widths in one metric, as arrays (a :class:`Measure` in the making)."""

    metric: str
    lines: np.ndarray  # per content line, the indent included
    pages: np.ndarray  # per page
    space: float
    firsts: np.ndarray | None  # of each line's first word (where asked)

    def rooms(self, at: np.ndarray, pages: np.ndarray) -> np.ndarray:
        """:meth:`Measure.room` of content lines ``at`` (``pages``: each line's page), the
        same arithmetic done for all of them at once."""
        assert self.firsts is not None
        width = self.pages[pages[at]]
        taken = (self.lines[at] + self.space) + self.firsts[at + 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(width > 0, (width - taken) / width, 0.0)

    def result(self, noise: float | None = None) -> Measure:
        exact = noise is not None and noise <= _EPS
        return Measure(
            self.metric, self.lines.tolist(), self.pages.tolist(), self.space, noise, exact
        )


def _widths_in(
    text: _Text,
    lens: np.ndarray,
    pages: np.ndarray,
    metric: str,
    rules: LayoutRules,
    first: np.ndarray | None = None,
) -> _Widths:
    """The widths of the lines of ``text`` (``lens``: each one's length with its indent;
    ``pages``: its page) in ``metric``, and those of the first ``first`` characters of
    each."""
    space = printed_width(" ", metric)
    n_pages = int(pages.max()) + 1 if len(pages) else 1
    if not len(lens):
        return _Widths(metric, np.zeros(0), np.zeros(n_pages), space, None)
    printed, firsts = text.widths(metric, first)
    widths = printed + space * (lens - text.lengths)  # the indent, in spaces of the metric
    doc = float(np.sort(widths)[int(rules.width_percentile * (len(widths) - 1))])
    page_widths = np.full(n_pages, doc)
    np.maximum.at(page_widths, pages, widths)
    return _Widths(metric, widths, page_widths, space, firsts)


def _continuing(geo: Pages, start: int, end: int) -> list[int]:
    """Content lines that certainly run on: a letter at the end, lower case after."""
    return [
        k
        for k in range(start, end - 1)
        if geo.texts[k][-1:].isalpha()
        and geo.texts[k + 1][:1].islower()
        and geo.pages[k] == geo.pages[k + 1]
        and not geo.listed[k + 1]
        and not geo.gaps[k + 1]
    ]


def measure(geo: Pages, start: int, end: int, rules: LayoutRules) -> Measure:
    """The metric content lines ``start`` to ``end`` were wrapped in (see the module)."""
    runs = _continuing(geo, start, end)
    text = _Text(geo.texts)
    lens = np.asarray(geo.lens, dtype=np.float64)[np.asarray(geo.content, dtype=np.int64)]
    pages = np.asarray(geo.pages, dtype=np.int64)
    if len(runs) < rules.fit_lines or not geo.texts:
        return _widths_in(text, lens, pages, "chars", rules).result()
    first = np.zeros(len(geo.texts), dtype=np.int64)  # characters of each line's first word
    for k in runs:
        first[k + 1] = len(geo.texts[k + 1].split(" ", 1)[0])
    at = np.asarray(runs, dtype=np.int64)
    rank = min(len(runs) - 1, math.ceil(rules.fit_quantile * len(runs)) - 1)
    best: tuple[_Widths, float] | None = None
    for metric in METRICS:
        widths = _widths_in(text, lens, pages, metric, rules, first)
        noise = float(np.sort(widths.rooms(at, pages))[rank])
        if best is None or noise < best[1] - _EPS:
            best = (widths, noise)
    assert best is not None
    return best[0].result(best[1])
