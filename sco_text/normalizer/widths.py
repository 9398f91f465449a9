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

from .pages import Pages
from .rules import LayoutRules

__all__ = ["METRICS", "Measure", "measure", "printed_width"]

METRICS = ("chars", "Times-Roman", "Helvetica")  # tried in this order; ties go to the first
_UNKNOWN = 0.556  # an unknown character is as wide as a digit of Helvetica (em)
_EPS = 1e-9


@cache
def _table(metric: str) -> dict[str, float]:
    from pdfminer.fontmetrics import FONT_METRICS  # a dependency of the PDF reader

    return {c: w / 1000 for c, w in FONT_METRICS[metric][1].items()}


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


def _measure_in(geo: Pages, metric: str, rules: LayoutRules) -> Measure:
    space = printed_width(" ", metric)
    widths = [
        printed_width(t, metric) + space * (geo.length(k) - len(t)) for k, t in enumerate(geo.texts)
    ]
    ordered = sorted(widths)
    doc = ordered[int(rules.width_percentile * (len(ordered) - 1))] if ordered else 0.0
    pages = [doc] * (max(geo.pages, default=0) + 1)
    for k, w in enumerate(widths):
        pages[geo.pages[k]] = max(pages[geo.pages[k]], w)
    return Measure(metric, widths, pages, space, None, False)


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
    chars = _measure_in(geo, "chars", rules)
    if len(runs) < rules.fit_lines or not geo.texts:
        return chars
    best: Measure | None = None
    for metric in METRICS:
        m = chars if metric == "chars" else _measure_in(geo, metric, rules)
        rooms = sorted(m.room(geo, k) for k in runs)
        noise = rooms[min(len(rooms) - 1, math.ceil(rules.fit_quantile * len(rooms)) - 1)]
        if best is None or best.noise is None or noise < best.noise - _EPS:
            best = Measure(m.metric, m.widths, m.page_widths, m.space, noise, noise <= _EPS)
    assert best is not None
    return best
