"""Line shapes shared by the layout stages: sentence ends, clause words, capitals.

>>> hard_end("They agree (fully)."), hard_end("Security"), capitals("STATEMENT ON I")
(True, False, True)
"""

from __future__ import annotations

import re

__all__ = [
    "BREAK_CHARS",
    "CLAUSE_CHARS",
    "CLAUSE_WORDS",
    "CLOSERS",
    "FUNCTION_WORDS",
    "HARD_CHARS",
    "INVISIBLE",
    "MONTHS",
    "SALUTATION",
    "SENTENCE_CHARS",
    "TITLE_WORD",
    "capitals",
    "hard_end",
    "is_list_item",
    "is_marker",
    "last_mark",
    "points_back",
    "roman_value",
]

SALUTATION = re.compile(  # a form of address opening a speech or letter
    r"(?:Mr\.?|Mrs\.?|Madam|Mme\.?|Sir|Your (?:Excellency|Majesty|Highness)|Excellenc\w*"
    r"|Ladies|Distinguished|Honou?rable|Dear)\b",
    re.IGNORECASE,
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CLOSERS = "\"'”’)]"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff \t"
HARD_CHARS = frozenset(".:;!?")  # end a sentence or a clause
SENTENCE_CHARS = frozenset(".!?")
BREAK_CHARS = frozenset(".:;!?,-–—")  # a paragraph may end after one of these
CLAUSE_CHARS = frozenset(".:;!?,")
_LIST_START = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,2})*[.)]|\(\d{1,3}\)|\(?[a-z][.)]|\(?[ivx]{1,4}\)|[-–—•*·▪●◦])\s"
)
_MARKER = re.compile(
    r"\d{1,3}(?:\.\d{1,2})*[.)]|\(\d{1,3}\)|\(?[a-z][.)]|\(?[ivx]{1,4}\)|[-–—•·▪●◦]"
)
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_NUMERAL = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)
# words that make a line a clause rather than a title or heading
CLAUSE_WORDS = frozenset(
    [
        *("i", "we", "you", "he", "she", "it", "they", "my", "our", "your", "his", "her"),
        *("its", "their", "this", "that", "these", "those", "is", "are", "was", "were"),
        *("be", "been", "has", "have", "had", "will", "would", "shall", "should", "can"),
        *("could", "may", "might", "must", "as", "also", "very", "allow", "like"),
    ]
)

# first words of a sentence that points back to the one before it (a pronoun whose
# antecedent is there, a fronted "especially / also / likewise ...", or a connective that
# relates it to what was just said: "However", "Therefore"): such a sentence rarely opens
# a paragraph (keys: "They" opens 112 sentences inside paragraphs, 13 paragraphs)
ANAPHORIC_OPENERS = frozenset(
    [
        *("They", "These", "This", "It", "Its", "Their", "Such", "Both"),
        *("Especially", "Particularly", "Also", "Likewise", "Similarly", "Moreover"),
        *("Furthermore", "Besides", "Further", "However", "Therefore", "Thus", "Hence"),
        *("Nevertheless", "Nonetheless", "Consequently", "Accordingly"),
    ]
)
# ... or a phrase that opens with a preposition and a demonstrative ("In this connection,",
# "Against this background,", "To this end,"; keys: 16 inside paragraphs, 5 opening one)
_POINTING_PHRASE = re.compile(
    r"(?:In|To|Against|On|For|With|At|By|From|Under|Within|Given)\s+(?:this|these|that|those|such)\b"
)


def points_back(line: str) -> bool:
    """The sentence opening ``line`` points back to the one before it.

    >>> points_back("They also agreed."), points_back("In this connection, they met.")
    (True, True)
    >>> points_back("The member states agreed."), points_back("In the region, they met.")
    (False, False)
    """
    return line.split(" ", 1)[0].rstrip(",") in ANAPHORIC_OPENERS or bool(
        _POINTING_PHRASE.match(line)
    )


def last_mark(s: str) -> str:
    """The line's last character once closing quotes and brackets are dropped."""
    return s.rstrip(CLOSERS)[-1:]


def hard_end(s: str) -> bool:
    """The line ends a sentence or clause: . : ; ! ? (closing quotes/brackets may follow)."""
    return s.rstrip(CLOSERS)[-1:] in HARD_CHARS


def capitals(line: str) -> bool:
    """An ALL-CAPS line with a word of three letters or more ("STATEMENT", not "I")."""
    return line.isupper() and any(len(w) >= 3 for w in TITLE_WORD.findall(line))


def is_list_item(s: str, marker_chars: int) -> bool:
    """The line opens with a list marker of at most ``marker_chars`` characters and a space:
    "1.", "12)", "2.1.", "(a)", "a)", "-", "•" ...

    >>> is_list_item("(a) first", 5), is_list_item("2.1. second", 5), is_list_item("Mr. Li", 5)
    (True, True, False)
    """
    space = s.find(" ")
    return (
        0 < space <= marker_chars
        and (s[space - 1] in ".)" or space == 1)
        and bool(_LIST_START.match(s))
    )


def is_marker(s: str) -> bool:
    """The line is only a list marker ("1.", "(a)", "-"): its item is on the next line.

    >>> is_marker("12."), is_marker("(b)"), is_marker("2")
    (True, True, False)
    """
    return len(s) <= 5 and bool(_MARKER.fullmatch(s))


def roman_value(s: str) -> int | None:
    """The value of a roman numeral in capitals ("IV" is 4), or None.

    >>> roman_value("XIV"), roman_value("IIII"), roman_value("")
    (14, None, None)
    """
    if not s or not _ROMAN_NUMERAL.fullmatch(s):
        return None
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        value = _ROMAN_DIGITS[a]
        total += -value if b and _ROMAN_DIGITS[b] > value else value
    return total
