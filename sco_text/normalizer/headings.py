"""Headings of hard-wrapped text.

A heading is a short line (at most ``heading_width`` of the page width, ``heading_chars``
characters and ``heading_words`` words), capitalised, without final punctuation, pronoun
or auxiliary verb, standing after a sentence end, a blank line or a page start and before
a line that starts a paragraph.  Roman-numbered headings ("II. Economy") may run to
``roman_heading_chars``.  A line of three or more stars or bullets (``***``) separates
parts: see :mod:`.breaks` for how parts are named.

>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> heading_shape("Trade and economic cooperation", DEFAULT_RULES)
True
>>> heading_shape("China is deeply concerned", DEFAULT_RULES)
False
"""

from __future__ import annotations

import re

from .pages import Pages
from .rules import LayoutRules
from .shapes import CLAUSE_WORDS, FUNCTION_WORDS, HARD_CHARS, hard_end

__all__ = ["heading_at", "heading_shape", "is_separator"]

_STARS = re.compile(r"(?:\*\s*){3,}|(?:[•·]\s*){3,}")
_ROMAN = re.compile(r"[IVXLC]{1,7}\.(?:\s+\S.*)?")
_NUMBERED = re.compile(r"\d{1,2}\.\s+[A-Z].*")


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


def heading_at(geo: Pages, k: int, end: int, opening: bool, rules: LayoutRules) -> bool:
    """Content line ``k`` is a heading: the shape, after a paragraph's end (``opening``: no
    paragraph is open), a blank, a page start or a sentence end, and before a line that
    starts a paragraph (capitalised, a number or a list item; after a blank too when blank
    lines mark paragraphs).  ``end`` is where the back matter starts."""
    s = geo.texts[k]
    if len(s) > max(rules.heading_chars, rules.roman_heading_chars) or k + 1 >= end:
        return False
    pages, gaps = geo.pages, geo.gaps
    if not (opening or gaps[k] > 0 or pages[k] != pages[k - 1] or geo.ends[k - 1] in HARD_CHARS):
        return False
    nxt = geo.texts[k + 1]
    starts = nxt[:1].isupper() or nxt[:1].isdigit() or geo.listed[k + 1]
    marked = not geo.para_blank or gaps[k + 1] > 0 or pages[k + 1] != pages[k]
    if not (starts and marked):
        return False
    return geo.length(k) <= rules.heading_width * geo.width(k) and heading_shape(s, rules)
