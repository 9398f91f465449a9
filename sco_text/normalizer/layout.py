"""Where each line of a text goes: wrapped or unwrapped, and for wrapped text the plan of
its title, headings, paragraphs and back matter (line indices only; the text itself is
repaired and joined by :mod:`.pipeline`).

Text is *wrapped* (lines hard-wrapped as in a PDF) or *unwrapped* (one paragraph per
line, e.g. UN speeches): ``layout="auto"`` calls it unwrapped when at least
``unwrapped_long_share`` of its non-empty lines are longer than ``unwrapped_line``
characters, or when it has ``unwrapped_min_lines`` or more such lines and at least
``unwrapped_end_share`` of them end a sentence or clause (wrapped text mostly breaks
lines mid-sentence).  Unwrapped text is planned as blocks of one line each
(:func:`unwrapped_blocks`), so that its title, headings, place/date and signature lines
are found as in a PDF read with its geometry.

The plan of wrapped text is made by the stages in order: :mod:`.pages` (page numbers,
blank lines, widths), :mod:`.title`, :mod:`.backmatter`, then :mod:`.breaks` (paragraphs,
with :mod:`.headings`).

>>> plan = plan_layout(["TITLE", "", "Body line one.", "", "Second paragraph."])
>>> plan.title, [[i for i, _ in p] for p in plan.paragraphs]
([0], [[2], [4]])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .backmatter import back_start, is_back_line
from .breaks import segment
from .headings import heading_shape, is_separator
from .pages import find_pages
from .rules import DEFAULT_RULES, LayoutRules
from .shapes import CLAUSE_CHARS, hard_end, last_mark
from .title import continues_title, is_salutation, title_like, title_lines

__all__ = ["Plan", "detect_layout", "plan_layout", "unwrapped_blocks"]

_EPS = 1e-9


def detect_layout(lines: list[str], rules: LayoutRules = DEFAULT_RULES) -> str:
    """ "wrapped" or "unwrapped" (see the module docstring).

    >>> detect_layout(["x" * 200, "short"]), detect_layout(["a wrapped line", "another"])
    ('unwrapped', 'wrapped')
    >>> detect_layout(["Mr. President,", "", "We met.", "", "It was good."])
    'unwrapped'
    """
    texts = [s.rstrip() for s in lines if s and not s.isspace()]  # s.strip() != ""
    if not texts:
        return "wrapped"
    long = sum(1 for s in texts if len(s) > rules.unwrapped_line)
    if long >= rules.unwrapped_long_share * len(texts) - _EPS:
        return "unwrapped"
    ends = sum(1 for s in texts if last_mark(s) in CLAUSE_CHARS)
    many = len(texts) >= rules.unwrapped_min_lines
    return (
        "unwrapped" if many and ends >= rules.unwrapped_end_share * len(texts) - _EPS else "wrapped"
    )


@dataclass
class Plan:
    """Where each line of a wrapped text goes (all values are line indices)."""

    title: list[int] = field(default_factory=list)
    back: list[int] = field(default_factory=list)
    page_numbers: list[int] = field(default_factory=list)
    furniture: dict[int, str] = field(default_factory=dict)  # running headers and footers
    headings: list[tuple[int, str]] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)  # each line without outer whitespace
    # each paragraph: (line index, how it joins the previous line: "first"/"line"/"page")
    paragraphs: list[list[tuple[int, str]]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # section name of each paragraph
    datelines: list[int] = field(default_factory=list)  # place/date lines inside the body


def plan_layout(
    lines: list[str], rules: LayoutRules = DEFAULT_RULES, *, blocks: bool = False
) -> Plan:
    """Decide title, back matter, headings and paragraph breaks of hard-wrapped lines
    (``blocks``: the blank-separated blocks are the paragraphs, see :func:`.find_pages`)."""
    geo = find_pages(lines, rules, blocks=blocks)
    plan = Plan(stripped=geo.stripped, page_numbers=geo.page_numbers, furniture=geo.furniture)
    if not geo.content:
        return plan
    n_title = title_lines(geo, rules)
    end = back_start(geo, n_title, rules)
    plan.title = geo.content[:n_title]
    plan.back = geo.content[end:]
    body = segment(geo, n_title, end, rules)
    plan.paragraphs, plan.sections, plan.headings = body.paragraphs, body.sections, body.headings
    plan.datelines = body.datelines
    return plan


def unwrapped_blocks(lines: list[str], rules: LayoutRules = DEFAULT_RULES) -> list[str] | None:
    """The lines of unwrapped text as blocks for :func:`plan_layout` (``blocks=True``): a
    blank line between every two, except inside the leading run of short lines without a
    sentence end, each going on with the one before (:func:`.title.continues_title`),
    that looks like a title (at most ``title_max_lines`` of them; the first may be long);
    None when no line may be more than a paragraph (:func:`_structured`), as in most
    speeches: every line is then a paragraph.

    >>> unwrapped_blocks(["JOINT STATEMENT", "ON TRADE", "We met.", "Astana, 4 July 2024"])
    ['JOINT STATEMENT', 'ON TRADE', '', 'We met.', '', 'Astana, 4 July 2024']
    >>> unwrapped_blocks(["We met.", "We agreed to meet again."]) is None
    True
    """
    texts = [s.strip() for s in lines if s and not s.isspace()]
    short = max(
        rules.heading_chars,
        rules.roman_heading_chars,
        rules.signature_chars,
        rules.place_date_chars,
    )
    if not texts or not _structured(texts, short, rules):
        return None
    title = 0  # the first line may be long: titles are
    while title < len(texts) and not hard_end(texts[title]):
        title += 1
        if title == len(texts) or len(texts[title]) > short:
            break
        if not continues_title(texts[title - 1], texts[title]):
            break
    if title > rules.title_max_lines or not (title and title_like(texts[:title], rules)):
        title = 0  # not a title block: each line a block of its own
    out: list[str] = []
    for k, s in enumerate(texts):
        if out and not 0 < k < title:
            out.append("")
        out.append(s)
    return out


def _structured(texts: list[str], short: int, rules: LayoutRules) -> bool:
    """Unwrapped text with a line that may be more than a paragraph: a title first, or a
    line no longer than ``short`` without a sentence end shaped as a heading, a separator
    or a place/date or signature line."""
    first = texts[0]
    if not hard_end(first) and not is_salutation([first]) and title_like([first], rules):
        return True
    return any(
        len(s) <= short
        and not hard_end(s)
        and (heading_shape(s, rules) or is_separator(s) or is_back_line(s))
        for s in texts[1:]
    )
