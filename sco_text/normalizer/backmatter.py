"""Back matter of hard-wrapped text: signature blocks and place/date lines.

The back matter is the trailing run of signature lines and place/date lines, anchored on
an official's title ("President ...", "Prime Minister ..."), a signing formula ("For the
Republic of ...", "On behalf of ...") or a place/date line: after
the first anchor, the run may hold lines "of the ...", names and countries ("Republic of
Uzbekistan Shavkat Mirziyoyev": capitalised words, initials and the words that join
them, at most ``name_words`` capitalised words, or initialled names side by side: "K.
Tokayev S. Japarov"), page numbers, and more anchors, however
they are interleaved.  A signature line is at most ``signature_width`` of the width (or
``signature_chars``) and does not end a sentence; a place/date line is at most
``place_date_chars``.

>>> is_place_date("16 September 2022, Samarkand"), is_place_date("President Xi Jinping")
(True, False)
"""

from __future__ import annotations

import re

from .pages import Pages
from .rules import LayoutRules
from .shapes import MONTHS, hard_end

__all__ = ["back_start", "is_back_line", "is_place_date"]

_PLACE = r"[A-Z][\w'’. -]*"
_PLACE_DATE = re.compile(
    rf"(?:{_PLACE},\s*)?(?:\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s+(?:{MONTHS})"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?,?)\s+\d{{4}}(?:,\s*{_PLACE})?\.?"
)
_SIGNATURE = re.compile(
    r"(?:President|Prime Minister|Vice[- ]President|Chairman|Chairperson|Chancellor|King|"
    r"Emir|Sultan|Secretary[- ]General|For the|On behalf of)\b"
)
_OF_LINE = re.compile(r"of the\b")
_JOIN = r"(?:of|the|and|de|da|al|el|bin|ibn|van|von)"
_NAME = re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:{_JOIN}\s+)*[A-Z][\w'’.-]*)*")
_PAGE = re.compile(r"(?:-\s*)?\d{1,3}(?:\s*-)?")
_SIGNED = r"(?:[A-Z]\.\s*)+[A-Z][\w'’-]+"  # "K. Tokayev", "S.Zh. Japarov"
_INITIALLED = re.compile(rf"{_SIGNED}(?:\s+{_SIGNED})*")


def is_place_date(line: str) -> bool:
    """True for a place-and-date line such as "New Delhi, 4 July 2023"."""
    return bool(_PLACE_DATE.fullmatch(line.strip()))


def is_back_line(line: str) -> bool:
    """A line that anchors back matter: a place and date, or a signatory's title or
    signing formula.

    >>> is_back_line("Astana, 4 July 2024"), is_back_line("For the Kyrgyz Republic")
    (True, True)
    """
    return is_place_date(line) or bool(_SIGNATURE.match(line.strip()))


def back_start(geo: Pages, start: int, rules: LayoutRules) -> int:
    """Index (into ``geo.content``) where signature blocks and place/date lines begin;
    ``start`` is the first body line."""
    texts = geo.texts
    top = len(texts)
    wide = max(rules.signature_width * geo.doc_width, rules.signature_chars)
    k = len(texts) - 1
    while k >= start:
        s = texts[k]
        short = geo.length(k) <= wide and not hard_end(s)
        if (_PLACE_DATE.fullmatch(s) and len(s) <= rules.place_date_chars) or (
            _SIGNATURE.match(s) and (short or _signatures_side_by_side(s, wide))
        ):
            top = k
        elif not (short and (_OF_LINE.match(s) or _is_name(s, rules) or _PAGE.fullmatch(s))):
            break
        k -= 1
    return top


def _signatures_side_by_side(s: str, wide: float) -> bool:
    """A line of several signature anchors set in columns ("For the Republic of
    Kazakhstan For the Kyrgyz Republic ..."), none of them wider than ``wide``."""
    starts = [m.start() for m in _SIGNATURE.finditer(s)]
    if len(starts) < 2 or hard_end(s):
        return False
    ends = [*starts[1:], len(s)]
    return all(b - a <= wide for a, b in zip(starts, ends, strict=True))


def _is_name(s: str, rules: LayoutRules) -> bool:
    """Capitalised words (and the words joining them), at most ``name_words`` of them; or
    any number of initialled names side by side (the names under a signature block set in
    columns: "K. Tokayev S. Japarov")."""
    if _INITIALLED.fullmatch(s):
        return True
    if not _NAME.fullmatch(s):
        return False
    return sum(w[:1].isupper() for w in s.split()) <= rules.name_words
