"""Paragraph breaks and sections of the body of hard-wrapped text.

A line ends its paragraph when it ends a sentence (``. ! ?``, or ``: ;`` outside
brackets, closing quotes/brackets allowed after), the next line does not start in lower
case, and the first word of the next line would have fitted on it, measured against the
width of its page with a tolerance of ``loose_fit`` of the width (character counts only
approximate a proportional font).  Inside blank-separated blocks the rule is strict (the
line must leave ``strict_fit`` of the width free).  A line ending in a comma or dash ends
a paragraph only if the next line is capitalised and would clearly have fitted
(``comma_fit``).  A new paragraph also starts at an indented line (when indents are rare
in the file) and at a numbered or bulleted line (``1.``, ``12)``, ``(a)``, ``-``, ``•``)
after punctuation.  Across a page end the halves of a paragraph are joined (``page``)
unless the same rule says it ended; where blank lines mark paragraphs, a blank ends one
unless it falls mid-sentence before a lower-case line.

Headings (:mod:`.headings`) start sections; ``***`` separators name the parts that follow
"Part 2", "Part 3", ...

>>> from sco_text.normalizer.pages import find_pages
>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> lines = ["The first paragraph ends here.", "", "Security", "", "The second one."]
>>> geo = find_pages(lines, DEFAULT_RULES)
>>> body = segment(geo, 0, len(geo.content), DEFAULT_RULES)
>>> body.paragraphs, body.sections, body.headings
([[(0, 'first')], [(4, 'first')]], ['Preamble', 'Security'], [(2, 'Security')])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .headings import heading_at, is_separator
from .pages import Pages
from .rules import LayoutRules
from .shapes import BREAK_CHARS, HARD_CHARS, SENTENCE_CHARS

__all__ = ["Body", "next_word_fits", "segment"]

_LIST_DEPTH = 9  # the bracket depth passed for list items: only a sentence end counts
_EPS = 1e-9


@dataclass
class Body:
    """The body's paragraphs (each a list of ``(line index, join)``; join is "first",
    "line" or "page"), the section of each paragraph and the heading lines."""

    paragraphs: list[list[tuple[int, str]]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)


def next_word_fits(geo: Pages, k: int, depth: int, strict: bool, rules: LayoutRules) -> bool:
    """Content line ``k`` ends its paragraph by the width rule: it ends a sentence (or, at
    bracket ``depth`` 0, a clause) and the first word of line ``k + 1`` would have fitted
    on it; or it ends with a comma or dash and the next, capitalised, word clearly fitted."""
    end = geo.ends[k]
    if end not in BREAK_CHARS:
        return False
    s = geo.texts[k + 1]
    if s[:1].islower():
        return False
    width = geo.width(k)
    space = s.find(" ")
    room = width - geo.length(k) - 1 - (len(s) if space < 0 else space)
    if end in SENTENCE_CHARS or (end in HARD_CHARS and depth <= 0):
        if strict:
            return room >= max(rules.strict_fit_min, _floor(width * rules.strict_fit))
        return room >= -width * rules.loose_fit - _EPS
    if geo.texts[k].endswith((",", " -", "–", "—")) and s[:1].isupper():
        return room >= max(rules.comma_fit_min, _floor(width * rules.comma_fit))
    return False


def _floor(x: float) -> int:
    return math.floor(x + _EPS)


def _starts_paragraph(geo: Pages, k: int, depth: int, rules: LayoutRules) -> bool:
    """Whether content line ``k`` (``k - 1`` being in the open paragraph, at bracket
    ``depth``) starts a new paragraph."""
    prev = k - 1
    marked = (geo.indent_marks and geo.indented[k]) or (
        geo.listed[k]
        and (
            geo.texts[prev][-1:] in ".,;:!?" or next_word_fits(geo, prev, _LIST_DEPTH, False, rules)
        )
    )
    if geo.pages[k] != geo.pages[prev]:
        if geo.para_blank:
            return geo.ends[prev] in HARD_CHARS
        return marked or next_word_fits(geo, prev, depth, False, rules)
    if geo.para_blank and geo.gaps[k]:
        return geo.page_gap <= 1 or geo.ends[prev] in HARD_CHARS or not geo.texts[k][:1].islower()
    return marked or next_word_fits(geo, prev, depth, geo.para_blank, rules)


def _inside(geo: Pages, k: int) -> bool:
    """The common case, a line that plainly continues the open paragraph (the general
    rules would decide the same: no heading, no paragraph start)."""
    return (
        geo.ends[k - 1] not in BREAK_CHARS
        and not geo.gaps[k]
        and geo.pages[k] == geo.pages[k - 1]
        and not geo.listed[k]
        and not (geo.indent_marks and geo.indented[k])
        and geo.texts[k][0] not in "*•·"
    )


def segment(geo: Pages, start: int, end: int, rules: LayoutRules) -> Body:
    """Paragraphs, sections and headings of content lines ``start`` to ``end``."""
    body = Body()
    section, part = "Preamble", 1
    current: list[tuple[int, str]] = []
    depth = 0  # open brackets in the current paragraph

    def close() -> None:
        if current:
            body.paragraphs.append(current.copy())
            body.sections.append(section)
            current.clear()

    for k in range(start, end):
        i, s = geo.content[k], geo.texts[k]
        if current and _inside(geo, k):
            current.append((i, "line"))
            depth += s.count("(") - s.count(")")
            continue
        stars = is_separator(s)
        if stars or heading_at(geo, k, end, k == start or not current, rules):
            close()
            depth = 0
            if stars:
                part += 1
                section = f"Part {part}"
            else:
                section = s
            body.headings.append((i, section))
            continue
        kind = "first"
        if current:
            kind = "page" if _page_join(geo, k) else "line"
            if _starts_paragraph(geo, k, depth, rules):
                close()
                depth, kind = 0, "first"
        current.append((i, kind))
        depth += s.count("(") - s.count(")")
    close()
    return body


def _page_join(geo: Pages, k: int) -> bool:
    """Lines ``k - 1`` and ``k`` are on either side of a page end (or, where blank lines
    mark paragraphs, of a blank)."""
    return geo.pages[k] != geo.pages[k - 1] or (geo.para_blank and geo.gaps[k] > 0)
