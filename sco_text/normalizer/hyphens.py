"""Line-end hyphens: is ``cooper-`` + ``ation`` one word, or ``energy-`` + ``saving`` a compound?

Decided in this order: (1) kept when a digit is next to it, the next part is capitalised,
the word already has a hyphen (``people-to-``) or the first part is one letter (``e-``);
(2) evidence: the document, or ``words``, has the joined form or the hyphenated form
elsewhere (the more frequent wins); (3) compounding prefixes: ``non``, ``anti``,
``counter``, ``self``, ``cross`` ... keep their hyphen unless the joined word is in the
word list and the second part alone is not (``anti-cipate``); ``co``, ``multi``,
``inter``, ``re`` ... join only when the joined word is in the word list; (4) the package
word list (``sco_text/data/words.txt``): joined form known: join; both halves known:
keep; otherwise join.

>>> evidence = Evidence("Their energy-saving plan.", None)
>>> hyphen_joins("cooper-", "ation", evidence, vocabulary())
True
>>> hyphen_joins("energy-", "saving", evidence, vocabulary())
False
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache
from importlib import resources

__all__ = ["PUNCT", "Evidence", "hyphen_joins", "vocabulary"]

PUNCT = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»…–—\u00ad"
_HEAD = re.compile(r"([^\W_][\w-]*)-$")
_TAIL = re.compile(r"[^\W_]+")
_STRONG_PREFIXES = frozenset(
    [
        "non",
        "anti",
        "counter",
        "self",
        "cross",
        "post",
        "ex",
        "quasi",
        "pseudo",
        "ultra",
        "neo",
        "pan",
        "well",
        "ill",
        "all",
        "half",
        "full",
    ]
)
_CAREFUL_PREFIXES = frozenset(
    [
        "co",
        "multi",
        "inter",
        "intra",
        "re",
        "pre",
        "sub",
        "de",
        "un",
        "semi",
        "mid",
        "macro",
        "micro",
        "bi",
        "tri",
        "over",
        "under",
        "socio",
        "extra",
    ]
)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The package word list (lower-case English and declaration words).

    >>> "cooperation" in vocabulary(), "ation" in vocabulary()
    (True, False)
    """
    text = resources.files("sco_text").joinpath("data/words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


class Evidence:
    """Word counts of one document plus the caller's ``words``, worked out only when asked.

    ``count(word)`` is the number of whitespace-separated tokens of the text that equal
    ``word`` once their outer punctuation is stripped.  Most documents ask about a few words
    (line-end hyphens, glyph rules) or none, so a word is counted by scanning the lower-cased
    text for it (``str.find``, then checking the token around each hit); one scan counts all
    case forms of a word (:meth:`score` asks for word, Word and WORD).  Once the scans have
    cost about as much as counting every token, all tokens are counted once instead.
    """

    _BUDGET = 40  # counting every token costs about as much as this many scans of the text
    _HIT_COST = 2000  # a hit checked in Python costs about as much as scanning this many chars

    def __init__(self, text: str, words: Collection[str] | None) -> None:
        self._text = text
        self._words = words
        self._lower = ""
        self._budget = self._BUDGET * len(text)
        self._forms: dict[str, Counter[str]] = {}  # lower-case word -> its forms as tokens
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            key = word.lower()
            forms = self._forms.get(key)
            if forms is None:
                forms = self._scan(key) if len(key) == len(word) else None
            if forms is not None:
                return forms[word]
        return self._all_tokens()[word]

    def _scan(self, key: str) -> Counter[str] | None:
        """The forms (exact case) of the tokens equal to ``key`` when lower-cased, or None
        when a scan cannot tell: budget spent, a key a token never equals, or a text that
        lower-casing makes longer (positions would not match)."""
        if self._budget < 0 or key.split() != [key] or key[0] in PUNCT or key[-1] in PUNCT:
            return None
        text = self._text
        if not self._lower:
            self._lower = text.lower()
        lower, size = self._lower, len(text)
        if len(lower) != size:
            return None
        forms: Counter[str] = Counter()
        width, hits = len(key), 0
        at = lower.find(key)
        while at >= 0:
            hits += 1
            left, right = at - 1, at + width
            while left >= 0 and lower[left] in PUNCT:
                left -= 1
            while right < size and lower[right] in PUNCT:
                right += 1
            if (left < 0 or lower[left].isspace()) and (right == size or lower[right].isspace()):
                forms[text[at : at + width]] += 1
            at = lower.find(key, at + 1)
        self._budget -= size + self._HIT_COST * hits
        self._forms[key] = forms
        return forms

    def _all_tokens(self) -> Counter[str]:
        if self._counts is None:
            raw: Counter[str] = Counter()
            for line in self._text.split("\n"):  # line by line: no list of all tokens at once
                raw.update(line.split())
            self._counts = Counter()
            for token, n in raw.items():
                self._counts[token.strip(PUNCT)] += n
        return self._counts

    def score(self, word: str) -> int:
        """Occurrences of ``word`` in any case in the document, +1 if in ``words``."""
        n = sum(self.count(f) for f in {word, word.capitalize(), word.upper()})
        if self._words is not None and (word in self._words or word.capitalize() in self._words):
            n += 1
        return n


def hyphen_joins(left: str, right: str, evidence: Evidence, vocab: frozenset[str]) -> bool | None:
    """Whether ``left`` (ending in "-") and ``right`` are one word split by hyphenation.

    None when the hyphen is not a line-end word hyphen at all.
    """
    head_m, tail_m = _HEAD.search(left), _TAIL.match(right)
    if head_m is None or tail_m is None:
        return None
    word, tail = head_m.group(1), tail_m.group()
    head = word.rsplit("-", 1)[-1]
    if (
        not head
        or any(c.isdigit() for c in head)
        or tail[0].isdigit()
        or tail[0].isupper()
        or "-" in word
        or len(head) == 1
    ):
        return False
    joined, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
    joined_ev, hyphen_ev = evidence.score(joined), evidence.score(hyphened)
    if joined_ev != hyphen_ev:
        return joined_ev > hyphen_ev
    prefix = head.lower()
    if prefix in _STRONG_PREFIXES:  # anti-cipate joins, self-determination keeps its hyphen
        return joined in vocab and tail.lower() not in vocab
    if prefix in _CAREFUL_PREFIXES:
        return joined in vocab
    if joined in vocab:
        return True
    return not (prefix in vocab and tail.lower() in vocab)
