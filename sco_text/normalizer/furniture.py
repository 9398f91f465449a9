"""Page furniture of text: the lines a printer adds to every page, not the document's.

Text taken out of a PDF (``pdftotext``, a viewer's "save as text", a browser's
print-to-PDF read back) keeps each page's running header and footer ("12/2/26, 5:14 AM
Declaration of ...", "file:///.../declaration.html 2/5", "Shanghai Cooperation
Organisation") and its page number ("2/5", "Page 2 of 5"), inside the paragraphs that
run over the page end.  Where the text shows its page ends, by form feeds (``\\f``,
which such tools put between pages) or by page-number lines, those lines are found so:

* a page's *edges* are its first and last ``furniture_lines`` lines (blank lines and page
  numbers not counted);
* a line is a running header (footer) when a line of the same shape (case, digits,
  spacing and the order of its words aside: ``Page 3 of 9`` is ``Page 4 of 9``, and
  ``15-29425 31/34`` is ``32/34 15-29425``) stands in the top (bottom) edge of
  at least ``furniture_share`` of the pages, and of two at least, with nothing but such
  lines between it and the page's edge;
* inside the text (not above its first page, not below its last), a line at a page's
  edge made of numbers and document codes only (``20/45 15-29816``, ``A/70/PV.25
  02/10/2015``: no lower-case letter, two numbers, no sentence end) is furniture even
  when seen once,
  and so is such a line beside a blank line of hard-wrapped text where no form feed
  shows the pages (:func:`code_lines`; it marks a page end, as a page number does; in
  blocks every line is beside a blank, so there it tells nothing);
* whatever the repetition, a line at a page's edge that a browser prints there (its
  date and time, ``12/2/26, 5:14 AM``; an address alone, ``file:///...``, ``https://...``,
  perhaps with the page's number ``2/5``; a page count ``2/5`` or ``2 of 5``) is
  furniture too, so a one-page print loses its header and footer as well.

A repeated shape must hold three letters or two numbers, and not end a sentence or a
line-end hyphen, nor go on from one: ``1.`` on top of two pages is a paragraph number,
and a sentence that recurs is the text's own.
Each line found is left out of the body and recorded as a repair (``running-header``,
``running-footer``), and the page end it marks is a page end for the paragraph breaks.

>>> lines = ["Joint Statement", "We note the progress", "file:///tmp/s.html 1/2",
...          "\\f12/2/26, 5:14 AM", "made in trade.", "file:///tmp/s.html 2/2"]
>>> found = find_furniture(lines, list(range(6)), [0, 3], DEFAULT_RULES)
>>> sorted(found.items())
[(2, 'running-footer'), (3, 'running-header'), (5, 'running-footer')]
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from itertools import pairwise

from .rules import DEFAULT_RULES, LayoutRules
from .shapes import hard_end, is_marker

__all__ = ["FOOTER", "HEADER", "find_furniture", "page_starts", "shape"]

HEADER, FOOTER = "running-header", "running-footer"

_EPS = 1e-9  # shares of pages compare as the exact ratios they stand for
#: A repeated line is furniture only when seen on at least this many pages.
_MIN_PAGES = 2
#: A line of codes at a page end (see :func:`_is_code`) is at most this long.
_CODE_CHARS = 40
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")

_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]")
#: What a browser prints at a page's edge: its date and time (US or day-first order,
#: 12- or 24-hour clock, with or without the page's title after it); an address alone,
#: perhaps with the page count; a page count alone.
_PRINTED = re.compile(
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s.*)?"
    r"|(?:file|https?)://\S+(?:\s+\d{1,4}\s*(?:/|of)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|of)\s*\d{1,4}"
)


def shape(line: str) -> str:
    """The shape two copies of a running line share: lower case, each run of digits
    ``#``, its words in sorted order (left and right pages print the same parts in
    mirrored order).

    >>> shape("Page 12 of  19"), shape("PAGE 3 OF 19")
    ('# # of page', '# # of page')
    >>> shape("15-29425 31/34") == shape("32/34 15-29425")
    True
    """
    return " ".join(sorted(_DIGITS.sub("#", line.lower()).split()))


def _distinctive(key: str) -> bool:
    """A shape that a paragraph's own line would rarely repeat: three letters, or two
    numbers (``#-# #/#``); ``#.`` and ``(a)`` are list markers."""
    return len(_LETTERS.findall(key)) >= 3 or key.count("#") >= 2


def page_starts(lines: list[str]) -> list[int]:
    """Indices of the lines that begin a page: the first, and each after a form feed (a
    line opening with ``\\f``, or the line after one holding text before its ``\\f``).

    >>> page_starts(["a", "b", "\\fc", "d\\f", "e"])
    [0, 2, 4]
    """
    starts = [0]
    for i, line in enumerate(lines):
        at = line.find("\f")
        if at < 0:
            continue
        start = i if not line[:at].strip() else i + 1
        if start > starts[-1] and start < len(lines):
            starts.append(start)
    return starts


def find_furniture(
    stripped: list[str],
    filled: list[int],
    starts: list[int],
    rules: LayoutRules = DEFAULT_RULES,
) -> dict[int, str]:
    """The running header and footer lines (index -> :data:`HEADER` or :data:`FOOTER`).

    ``stripped``: every line without outer white space; ``filled``: the indices of those
    that are neither blank nor page numbers; ``starts``: the index of each page's first
    line (:func:`page_starts`, and the lines after page numbers).
    """
    pages = _pages(filled, starts)
    if not pages:
        return {}
    depth = rules.furniture_lines
    edges = {
        HEADER: [page[:depth] for page in pages],
        FOOTER: [page[::-1][:depth] for page in pages],
    }
    need = max(_MIN_PAGES, math.ceil(rules.furniture_share * len(pages) - _EPS))
    found: dict[int, str] = {}
    keys = {i: shape(stripped[i]) for windows in edges.values() for w in windows for i in w}
    for kind, windows in edges.items():
        seen: defaultdict[str, set[int]] = defaultdict(set)
        for p, window in enumerate(windows):
            for i in window:
                seen[keys[i]].add(p)
        inner = range(1, len(windows)) if kind == HEADER else range(len(windows) - 1)
        for p, window in enumerate(windows):
            for i in window:  # from the page's edge inwards, while the lines are furniture
                s = stripped[i]
                key = keys[i]
                printed = _PRINTED.fullmatch(s) is not None
                repeated = (
                    len(seen[key]) >= need
                    and _distinctive(key)
                    and not hard_end(s)
                    and not s.endswith("-")  # a word runs on to the next line
                    and not _after_hyphen(stripped, filled, i)
                )
                coded = p in inner and _is_code(s)
                if not (printed or repeated or coded) or i in found:
                    break
                found[i] = kind
    return found


def _after_hyphen(stripped: list[str], filled: list[int], i: int) -> bool:
    """The filled line before line ``i`` ends with a hyphen: line ``i`` goes on with its
    word, so it is the text's own."""
    k = bisect_left(filled, i)
    return k > 0 and stripped[filled[k - 1]].endswith("-")


def _is_code(line: str) -> bool:
    """A line of numbers and document codes only (``20/45 15-29816``, ``A/70/PV.25
    02/10/2015``): no lower-case letter, at most ``_CODE_CHARS`` long, two numbers, no
    sentence end (``435 (1978).`` ends a sentence of the text)."""
    return (
        len(line) <= _CODE_CHARS
        and len(_DIGITS.findall(line)) >= 2
        and not any(c.islower() for c in line)
        and not hard_end(line)
    )


def code_lines(stripped: list[str], filled: list[int]) -> dict[int, str]:
    """Lines of codes only (:func:`_is_code`: ``17 08-51570``, ``A/63/PV.13``) beside a
    blank line, inside the text (not its first or last line), where no form feed shows
    the pages: each is a page's running line, and marks a page end as a page number
    does (index -> :data:`FOOTER` after a blank, else :data:`HEADER`).  A list marker
    (``2.1.``) and a date in figures (``16.09.2022``) are not codes.

    >>> code_lines(["We note", "", "17 08-51570", "", "the progress."], [0, 2, 4])
    {2: 'running-footer'}
    """
    found: dict[int, str] = {}
    for k in range(1, len(filled) - 1):
        i = filled[k]
        s = stripped[i]
        if not _is_code(s) or is_marker(s) or _NUMERIC_DATE.fullmatch(s):
            continue
        if not stripped[i - 1]:
            found[i] = FOOTER
        elif not stripped[i + 1]:
            found[i] = HEADER
    return found


def _pages(filled: list[int], starts: list[int]) -> list[list[int]]:
    """The filled lines of each page that has any."""
    bounds = [*starts, max(filled, default=0) + 1]
    pages: list[list[int]] = []
    k = 0
    for a, b in pairwise(bounds):
        page = []
        while k < len(filled) and filled[k] < b:
            if filled[k] >= a:
                page.append(filled[k])
            k += 1
        if page:
            pages.append(page)
    return pages
