"""Headings of hard-wrapped text.

A heading is a short line (at most ``heading_width`` of the page width,
``heading_chars`` characters and ``heading_words`` words), capitalised, mostly letters
with a word of three or more, without final punctuation, pronoun or auxiliary verb, not
a form of address ("Mr. President"), standing after a sentence end, a blank line or a
page start and before a line that starts a paragraph (where blank lines mark paragraphs,
a blank follows it, unless it is plainly a heading: numbered or in capitals).
Roman-numbered headings ("II. Economy") may run to ``roman_heading_chars``; in text
whose blocks are its paragraphs (``blocks``, read with its geometry) a heading is a
one-line block and its width is not asked. Numbered headings are read as a sequence: a
line that is only a roman numeral ("I", "II." ...) is a heading when the numeral before
or after it heads another line of the text (so a lone "I" is a heading when "II"
follows), and the next line starts a paragraph. A place-and-date line is never a
heading. A line of three or more stars or bullets (``***``) separates parts: see
:mod:`.breaks` for how parts and sections are named.

>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> heading_shape("Trade and economic cooperation", DEFAULT_RULES)
True
>>> heading_shape("China is deeply concerned", DEFAULT_RULES)
False
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .backmatter import is_place_date
from .pages import Pages
from .rules import LayoutRules
from .shapes import (
    CLAUSE_WORDS,
    FUNCTION_WORDS,
    HARD_CHARS,
    SALUTATION,
    TITLE_WORD,
    capitals,
    hard_end,
    roman_value,
)

__all__ = [
    "heading_at",
    "heading_shape",
    "is_label",
    "is_separator",
    "numeral_headings",
    "roman_numbered",
]

_STARS = re.compile(r"(?:\*\s*){3,}|(?:[•·]\s*){3,}")
_ROMAN = re.compile(r"[IVXLC]{1,7}\.(?:\s+\S.*)?")
_NUMBERED = re.compile(r"\d{1,2}\.\s+[A-Z].*")
_NUMERAL = re.compile(r"([IVXLC]{1,7})\.?")
_NUMERAL_TITLE = re.compile(r"([IVXLC]{1,7})\.?\s+\S.*")
_LABEL = re.compile(r"(?:Article|Chapter|Section|Part)\s+(?:\d{1,3}|[IVXLC]{1,7})\.?")


def is_label(s: str) -> bool:
    """The line labels a numbered division: "Article 1", "Chapter II.", "Section 3".

    >>> is_label("Article 12"), is_label("Chapter IV."), is_label("Article 12 of the Charter")
    (True, True, False)
    """
    return bool(_LABEL.fullmatch(s))


def roman_numbered(s: str) -> bool:
    """The line is a roman numeral, alone or before a title, as section headings are
    ("II", "IV. Economy").

    >>> roman_numbered("II. ECONOMY"), roman_numbered("I"), roman_numbered("In 2024")
    (True, True, False)
    """
    return s[:1] in "IVXLC" and bool(_NUMERAL.fullmatch(s) or _ROMAN.fullmatch(s))


def is_separator(s: str) -> bool:
    """A line of three or more stars or bullets (``***``, ``• • •``)."""
    return s[:1] in "*•·" and bool(_STARS.fullmatch(s))


def heading_shape(s: str, rules: LayoutRules) -> bool:
    """The line has the shape of a heading (its context is checked by :func:`heading_at`)."""
    if _STARS.fullmatch(s):
        return True
    if _ROMAN.fullmatch(s):
        return len(s) <= rules.roman_heading_chars
    words = s.split()
    if (
        is_place_date(s)
        or SALUTATION.match(s.lstrip("*_ "))  # "Mr. President", "Excellencies"
        or 2 * sum(c.isalpha() for c in s) < len(s) - s.count(" ")  # "A/70/PV.25 02/10/2015"
        or not any(len(w) >= 3 for w in TITLE_WORD.findall(s))  # a drop capital: "W"
    ):
        return False
    return not (
        len(s) > rules.heading_chars
        or len(words) > rules.heading_words
        or hard_end(s)
        or s.endswith((",", "-"))
        or not (s[0].isupper() or _NUMBERED.fullmatch(s))
        or words[-1].lower() in FUNCTION_WORDS
        or not any(c.isalpha() for c in s)
        or any(w.lower() in CLAUSE_WORDS for w in words)
    )


def heading_at(
    geo: Pages,
    k: int,
    end: int,
    opening: bool,
    rules: LayoutRules,
    numerals: Collection[int] = (),
    early: bool = False,
) -> bool:
    """Content line ``k`` is a heading: the shape, after a paragraph's end (``opening``: no
    paragraph is open), a blank, a page start or a sentence end, and before a line that
    starts a paragraph (capitalised, a number or a list item; after a blank too when blank
    lines mark paragraphs).  ``end`` is where the back matter starts; ``numerals`` are the
    lines :func:`numeral_headings` found (they need no heading shape); ``early``: the line
    left room for the next line's first word in the metric the text was wrapped in (a
    line that was not wrapped is narrow whatever its width)."""
    s = geo.texts[k]
    if len(s) > max(rules.heading_chars, rules.roman_heading_chars) or k + 1 >= end:
        return False
    pages, gaps = geo.pages, geo.gaps
    if not (opening or gaps[k] > 0 or pages[k] != pages[k - 1] or geo.ends[k - 1] in HARD_CHARS):
        return False
    nxt = geo.texts[k + 1]
    starts = nxt[:1].isupper() or nxt[:1].isdigit() or geo.listed[k + 1]
    # where blanks mark paragraphs, a heading stands before one, unless it is plainly a
    # heading: numbered ("II", "II. Economy") or in capitals ("SECURITY")
    plain = k in numerals or bool(_ROMAN.fullmatch(s)) or capitals(s)
    marked = not geo.para_blank or gaps[k + 1] > 0 or pages[k + 1] != pages[k] or plain
    if not (starts and marked):
        return False
    if k in numerals:
        return True
    # a block of its own in text read with its geometry: its width tells nothing more
    narrow = geo.blocks or early or geo.length(k) <= rules.heading_width * geo.width(k)
    return narrow and heading_shape(s, rules)


def numeral_headings(geo: Pages, start: int, end: int) -> set[int]:
    """Content lines (from ``start`` to ``end``) that are only a roman numeral and belong
    to a sequence: the numeral before or after theirs also heads a line ("I" ... "II.
    Economy").

    >>> from sco_text.normalizer.pages import find_pages
    >>> from sco_text.normalizer.rules import DEFAULT_RULES
    >>> lines = ["I", "The SCO is a forum.", "II", "It grows.", "I", "think so."]
    >>> sorted(numeral_headings(find_pages(lines, DEFAULT_RULES), 0, 6))
    [0, 2, 4]
    """
    lone: dict[int, int] = {}
    values: set[int] = set()
    for k in range(start, end):
        s = geo.texts[k]
        if s[:1] not in "IVXLC":
            continue
        m = _NUMERAL.fullmatch(s) or _NUMERAL_TITLE.fullmatch(s)
        value = roman_value(m[1]) if m else None
        if value is None:
            continue
        values.add(value)
        if len(s) == len(m[1]) + (s[-1] == "."):  # type: ignore[index]
            lone[k] = value
    return {k for k, v in lone.items() if v - 1 in values or v + 1 in values}
