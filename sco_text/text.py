"""The one definition of a word, used by every count and rate of the library.

:func:`count_words` is the denominator of every "per 1,000 words" rate (keyword
frequency, themes), the ``n_words`` of :func:`sco_text.documents` and the word count of
the diff; the tokeniser (:mod:`sco_text.tokens`) splits text into the same words before
it lower-cases them and removes stop words.  So the counts agree across outputs.

What counts as one word (:data:`WORD_PATTERN`):

* a run of letters or digits (``security``, ``2030``, ``75th``, ``Ŕ``); underscores and
  other punctuation split words (``snake_case`` is two words, ``US$50`` is ``US`` and
  ``50``, a percent sign or bracket is no word);
* joined inside one word: hyphens and hyphen-like dashes (U+2010, U+2011, the en dash
  U+2013) between two runs (``non-proliferation``, ``counter-terrorism``, ``COVID-19``,
  ``2019–2021``, ``17-19``), ``&`` (``R&D``), an apostrophe that does not start a
  possessive (``don't``, ``d’Ivoire``), ``.`` or ``,`` between digits (``1.5``,
  ``10,000``), and ``.`` between single letters (the initialisms ``U.S``, ``e.g``);
* a possessive ``'s`` belongs to the word it ends but is not part of its text
  (``China's`` is one word, ``China``); a dash with spaces around it, the em dash and a
  slash separate words (``and/or`` is two words).

Numbers and dates are words (they are running text); analyses that rank terms leave
them out on their own terms (see :func:`is_number`, :data:`MONTHS`, :data:`WEEKDAYS`).

>>> count_words("The SCO's counter-terrorism work in 2019–2021 cost US$1.5 bn (R&D).")
11
>>> words("The U.S. and China's non-proliferation efforts")
['The', 'U.S', 'and', 'China', 'non-proliferation', 'efforts']
"""

from __future__ import annotations

import re

__all__ = [
    "FOLDED_WORD_PATTERN",
    "MONTHS",
    "WEEKDAYS",
    "WORD_PATTERN",
    "count_words",
    "fold_marks",
    "is_number",
    "words",
]

_RUN = r"[^\W_]+"
# A joiner keeps two runs of letters/digits in one word (see the module docstring).  The
# lookahead is a cheap one-character test that skips the alternatives after most words.
_JOIN = (
    r"(?=[-\u2010\u2011\u2013&'\u2019.,])"
    r"(?:[-\u2010\u2011\u2013&]|['\u2019](?![sS]\b)|(?<=\d)[.,](?=\d)"
    r"|(?<=\b[^\W\d_])\.(?=[^\W\d_]\b))"
)
WORD_PATTERN: re.Pattern[str] = re.compile(rf"({_RUN}(?:{_JOIN}{_RUN})*)(?:['\u2019][sS]\b)?")
"""The word regex.  Group 1 is the word; a trailing possessive ``'s`` is matched but left
outside the group, so ``WORD_PATTERN.findall`` lists the words."""

FOLDED_WORD_PATTERN: re.Pattern[str] = re.compile(
    rf"({_RUN}(?:(?=[-&'.,])(?:[-&]|'(?!s\b)|(?<=\d)[.,](?=\d)|(?<=\b[^\W\d_])\.(?=[^\W\d_]\b))"
    rf"{_RUN})*)(?:'s\b)?"
)
"""The same words as :data:`WORD_PATTERN` on text already lower-cased and passed through
:func:`fold_marks` (fewer alternatives, so faster; the tokeniser's hot path)."""

_MARKS = (("\u2019", "'"), ("\u2010", "-"), ("\u2011", "-"), ("\u2013", "-"))

#: Month names and their usual abbreviations (lower case) -> month number.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

#: Weekday names (lower case).
WEEKDAYS: frozenset[str] = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)

_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|s)?(?:[-.,]\d+(?:st|nd|rd|th|s)?)*", re.IGNORECASE)


def fold_marks(text: str) -> str:
    """Replace typographic apostrophes and word dashes by ASCII ones (same length).

    ``’`` becomes ``'``; U+2010, U+2011 and the en dash U+2013 become ``-``.

    >>> fold_marks("d’Ivoire, 2019–2021")
    "d'Ivoire, 2019-2021"
    """
    for old, new in _MARKS:
        if old in text:
            text = text.replace(old, new)
    return text


def words(text: str) -> list[str]:
    """The words of ``text`` as written (case kept), in reading order.

    >>> words("Counter-terrorism, R&D and 10,000 troops.")
    ['Counter-terrorism', 'R&D', 'and', '10,000', 'troops']
    """
    return WORD_PATTERN.findall(text)


def count_words(text: str) -> int:
    """The number of words in ``text`` (rule in the module docstring).

    Parameters
    ----------
    text : str
        Any text; an empty string has no words.

    Returns
    -------
    int
        The number of matches of :data:`WORD_PATTERN`.

    >>> count_words("Non-interference matters: the U.S. and China's 2.5% share.")
    8
    >>> count_words("")
    0
    """
    return sum(1 for _ in WORD_PATTERN.finditer(text))


def is_number(word: str) -> bool:
    """Whether a word is a number: digits with ordinal or plural endings and joiners.

    ``2017``, ``17-19``, ``2019-2021``, ``1.5``, ``10,000``, ``75th``, ``1990s`` are
    numbers; ``covid-19`` and ``g20`` are not (they hold letters).

    >>> [w for w in ["2017", "17-19", "75th", "1990s", "covid-19", "g20"] if is_number(w)]
    ['2017', '17-19', '75th', '1990s']
    """
    return _NUMBER.fullmatch(fold_marks(word)) is not None
