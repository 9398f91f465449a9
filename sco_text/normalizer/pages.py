"""Pages of hard-wrapped text: page-number lines, what blank lines mean, page widths.

Blank lines separate paragraphs when the blocks between them are short (fewer than
``blank_block_lines`` lines on average, as in the seed; a blank among the first
``title_scan_lines`` lines with no sentence end before it, setting off a title, is not
counted); then, if the blank runs have two
lengths (1 and 3 in the seed), runs of ``page_gap`` or more also end pages.  Otherwise
blank lines only end pages (the PDF dumps in ``corpora/sco``: one blank per page, ~40
lines, often mid-sentence).  A line that is only a page number (``2``, ``- 2 -``, ``Page
2``, at most ``page_number_chars`` long) next to a blank or a form feed is removed and
also marks a page end, as a form feed (``\f``) opening a line does; the running headers
and footers those page ends show are removed too (:mod:`.furniture`).  The width of a
page is its widest line, or the text's ``width_percentile`` line width if wider; indented
lines mark paragraphs when they are rare (at most ``indent_share`` of the lines).

>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> geo = find_pages(["Body line one", "", "2", "", "Body line two"], DEFAULT_RULES)
>>> geo.page_numbers, geo.content, geo.pages
([2], [0, 4], [0, 1])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

from .furniture import code_lines, find_furniture, page_starts
from .rules import LayoutRules
from .shapes import INVISIBLE, hard_end, is_list_item, is_marker, last_mark

__all__ = ["Pages", "find_pages"]

_PAGE_NO = re.compile(r"(?:-\s*)?\d{1,3}(?:\s*-)?|[Pp]age\s+\d{1,3}(?:\s+of\s+\d{1,3})?")

_EPS = 1e-9  # fractions of counts compare as the exact ratios they stand for


@dataclass
class Pages:
    """The content lines of a text and their page geometry.

    ``content`` holds the line indices of the non-blank lines that are not page numbers;
    the other lists are parallel to it (``gaps``: blank lines before the line; ``pages``:
    its page number from 0) except ``widths`` (one per page) and the per-line ``lens`` and
    ``stripped`` (one per input line).
    """

    stripped: list[str]
    lens: list[int]
    page_numbers: list[int] = field(default_factory=list)
    furniture: dict[int, str] = field(default_factory=dict)  # line -> running header/footer
    content: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)  # last punctuation (see shapes.last_mark)
    listed: list[bool] = field(default_factory=list)  # opens with a list marker
    markers: list[bool] = field(default_factory=list)  # is only a list marker ("1.")
    gaps: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    doc_width: int = 0
    indented: list[bool] = field(default_factory=list)
    indent_marks: bool = False
    para_blank: bool = False  # blank lines separate paragraphs
    blocks: bool = False  # ... and they are the only paragraph breaks (geometry decided)
    page_gap: int = 1  # blank runs at least this long end a page

    def width(self, k: int) -> int:
        """The width of the page of content line ``k``."""
        return self.widths[self.pages[k]]

    def length(self, k: int) -> int:
        """The width taken by content line ``k`` (an indent included)."""
        return self.lens[self.content[k]]


def find_pages(lines: list[str], rules: LayoutRules, *, blocks: bool = False) -> Pages:
    """Page numbers, content lines, blank-line meaning and widths of ``lines``.

    ``blocks``: every blank line separates paragraphs (none ends a page), and a block is
    never split by the width of its lines (text read with its geometry, e.g. a PDF).
    """
    feeds = [0]
    if any("\f" in line for line in lines):  # a form feed is no indent
        feeds = page_starts(lines)
        lines = [line.replace("\f", "") for line in lines]
    stripped = [s.strip() for s in lines]
    lens = [len(s) for s in stripped]
    indents = {i for i, line in enumerate(lines) if line[:1].isspace() and stripped[i]}
    for i in indents:  # an indent takes width too
        lens[i] = len(lines[i].rstrip())
    geo = Pages(stripped=stripped, lens=lens, blocks=blocks)
    # non-blank lines (invisible characters only count as blank), then the page numbers
    filled = [i for i, s in enumerate(stripped) if s and (s.isascii() or _visible(s))]
    edges = {j for i in feeds[1:] for j in (i - 1, i)}  # lines on either side of a feed
    geo.page_numbers = _page_numbers(stripped, filled, rules, edges)
    numbers = set(geo.page_numbers)
    content = [i for i in filled if i not in numbers] if numbers else filled
    coded = code_lines(stripped, content) if len(feeds) == 1 and not blocks else {}
    starts = sorted({*feeds, *(i + 1 for i in [*geo.page_numbers, *coded])})
    uncoded = [i for i in content if i not in coded] if coded else content
    geo.furniture = {**coded, **find_furniture(stripped, uncoded, starts, rules)}
    if geo.furniture:
        content = [i for i in content if i not in geo.furniture]
    geo.content = content
    if not content:
        return geo
    geo.texts = [stripped[i] for i in content]
    geo.ends = [last_mark(t) for t in geo.texts]
    geo.markers = [is_marker(t) for t in geo.texts]
    geo.listed = [
        m or is_list_item(t, rules.list_marker_chars)
        for t, m in zip(geo.texts, geo.markers, strict=True)
    ]
    gaps = [0, *(b - a - 1 for a, b in pairwise(content))]
    breaks = [False] * len(content)  # a page ended before the line
    removed = [*geo.page_numbers, *geo.furniture]
    for i in removed:
        k = bisect_left(content, i)  # the content line after it
        if k < len(content):
            breaks[k] = True
            gaps[k] -= k > 0  # a removed line is not a blank line
    for i in feeds[1:]:  # a feed on a line of its own counts as the blank line it is
        k = bisect_left(content, i)  # the first content line of the page
        if stripped[i] and 0 < k < len(content):
            breaks[k] = True
    geo.gaps = gaps
    runs = [g for g in gaps if g]
    # a blank that sets off a title block (no sentence ends before it) parts no paragraphs
    first = next((k for k, g in enumerate(gaps) if g), len(gaps))
    titled = first <= rules.title_scan_lines and not any(map(hard_end, geo.texts[:first]))
    parting = len(runs) - titled
    geo.para_blank = blocks or (
        parting > 0 and len(content) < rules.blank_block_lines * (parting + 1)
    )
    two_kinds = not blocks and geo.para_blank and 1 in runs and max(runs) >= rules.page_gap
    geo.page_gap = rules.page_gap if two_kinds else (10**9 if geo.para_blank else 1)
    page = 0
    firsts = [0]  # the first content line of each page
    for k, (g, b) in enumerate(zip(gaps, breaks, strict=True)):
        if g >= geo.page_gap or b:
            page += 1
            firsts.append(k)
        geo.pages.append(page)
    firsts.append(len(content))
    content_lens = [lens[i] for i in content]
    ordered = sorted(content_lens)
    geo.doc_width = ordered[int(rules.width_percentile * (len(ordered) - 1))]
    geo.widths = [
        max(geo.doc_width, max(content_lens[a:b], default=0)) for a, b in pairwise(firsts)
    ]
    geo.indented = [i in indents for i in content] if indents else [False] * len(content)
    geo.indent_marks = sum(geo.indented) <= rules.indent_share * len(content) + _EPS
    return geo


def _visible(s: str) -> bool:
    """``s`` holds a character that is neither invisible nor white space (a line of soft
    hyphens and no-break spaces is blank)."""
    return any(c not in INVISIBLE and not c.isspace() for c in s)


def _page_numbers(
    stripped: list[str], filled: list[int], rules: LayoutRules, edges: set[int]
) -> list[int]:
    """Lines that are only a page number, at a text or page edge (``edges``: lines beside a
    form feed) or next to a blank line."""
    last = len(stripped) - 1
    return [
        i
        for i in filled
        if len(stripped[i]) <= rules.page_number_chars
        and _PAGE_NO.fullmatch(stripped[i])
        and (i == 0 or i == last or not stripped[i - 1] or not stripped[i + 1] or i in edges)
    ]
