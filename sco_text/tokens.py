"""Split text into word tokens: one regular expression used by every analysis.

Decisions (the same everywhere in the library):

* A token is a word as defined once for the whole library in :mod:`sco_text.text`
  (:data:`~sco_text.text.WORD_PATTERN`): a run of letters or digits, with internal joiners
  kept inside it: hyphens (``non-proliferation``, ``counter-terrorism``, ``COVID-19``,
  ``2019-2021``), ``&`` (``R&D``), apostrophes that are not a possessive (``don't``,
  ``d'Ivoire``), ``.`` or ``,`` between digits (``1.5``, ``10,000``) and ``.`` between
  single letters (``u.s``).  Underscores and other punctuation split tokens.
* A possessive ``'s`` is dropped: ``China's`` gives ``china``; the plural possessive
  ``peoples'`` gives ``peoples``.
* Typographic variants are folded to ASCII in the token text: ``’`` becomes ``'`` and the
  hyphen-like dashes U+2010, U+2011 and the en dash U+2013 become ``-`` (so
  ``2019–2021`` and ``2019-2021`` are one term).  Spans still point into the original text.
* Tokens are lower-cased by default (``İ`` gives a plain ``i``).  One-letter tokens are
  kept (they are words; the English stop list removes ``a`` and ``i``).  Numbers are
  tokens too (``2030``, ``75th``) and count as words in "per 1,000 words" rates.
* Stop words are removed after phrases are found and before n-grams are built (as in
  quanteda's ``tokens_remove`` then ``tokens_ngrams``): ``security of the region`` gives
  the bigram ``security region``.  N-grams never cross a text (paragraph) boundary.
* Phrases (``"information security"``, ``"belt and road"``) are matched on the
  lower-cased tokens before stop-word removal, longest first, and become one term joined
  with single spaces.  A phrase is never removed as a stop word and never stemmed.
* Spelling variants are folded when asked (``fold_spelling=True``): after stop-word
  removal and before stemming, every word (each word of a phrase) becomes its canonical
  form of :func:`sco_text.spelling.fold_spelling` (American, lower case:
  ``organisations`` and ``organizations`` are one term, ``organizations``).
* Stemming (Snowball, English) is applied after stop-word removal, to single words only.

Stop-word lists (see :func:`stop_words`): ``"english"`` is scikit-learn's
``ENGLISH_STOP_WORDS``; ``"sco"`` is the declaration boilerplate list shipped in
``sco_text/data/stopwords.txt`` (``member``, ``states``, ``note``, ``importance``, ...);
``"english+sco"`` (the default) is both.  ``"sco"`` itself is *not* a stop word: the
organisation's name is content when comparing it with other corpora.

>>> tokenize("China's non-proliferation efforts since COVID-19 (2019–2021).")
['china', 'non-proliferation', 'efforts', 'covid-19', '2019-2021']
>>> tokenize("The member states note the importance of information security.",
...          phrases=["information security"])
['information security']
>>> tokenize("Peace and security in the region", stop_words=None, ngram_range=(2, 2))
['peace and', 'and security', 'security in', 'in the', 'the region']
>>> word_spans("SCO's role")
[('sco', 0, 3), ('role', 6, 10)]
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

from ._validate import check_choice
from .errors import OptionError
from .text import FOLDED_WORD_PATTERN, WORD_PATTERN, count_words, fold_marks

__all__ = [
    "STOP_WORD_LISTS",
    "TOKEN_PATTERN",
    "Tokenizer",
    "stop_words",
    "tokenize",
    "word_spans",
]

TOKEN_PATTERN: re.Pattern[str] = WORD_PATTERN
"""The token regex: :data:`sco_text.text.WORD_PATTERN`, the library's one definition of a
word.  Group 1 is the token; a trailing possessive ``'s`` is matched but left outside the
group."""

# The same tokens on text already lower-cased and folded (ASCII apostrophe and hyphen).
_FOLDED_PATTERN = FOLDED_WORD_PATTERN

STOP_WORD_LISTS: tuple[str, ...] = ("english", "sco", "english+sco", "none")
"""Names accepted by :func:`stop_words` and by every ``stop_words=`` option."""


_fold = fold_marks


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Return ``(token, start, end)`` for every token of ``text``, in reading order.

    The token is lower-cased and folded (``’`` -> ``'``, en dash -> ``-``); ``start`` and
    ``end`` index the original ``text`` (a possessive ``'s`` is outside the span).  No
    stop words are removed: this is the basis for keyword-in-context and theme matching.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of (str, int, int)
        Token, start and end offsets.

    >>> word_spans("Counter-terrorism, R&D.")
    [('counter-terrorism', 0, 17), ('r&d', 19, 22)]
    """
    folded = _fold(text)
    spans = [(m.group(1).lower(), m.start(1), m.end(1)) for m in TOKEN_PATTERN.finditer(folded)]
    if "\u0130" in text:  # "İ".lower() is "i" + combining dot: keep the plain "i"
        spans = [(t.replace("i\u0307", "i"), s, e) for t, s, e in spans]
    return spans


@cache
def _sco_list() -> frozenset[str]:
    raw = resources.files("sco_text").joinpath("data/stopwords.txt").read_text("utf-8")
    words = set()
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


@cache
def _named_stop_words(name: str) -> frozenset[str]:
    check_choice("stop_words", name, STOP_WORD_LISTS)
    if name == "none":
        return frozenset()
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    english = frozenset(ENGLISH_STOP_WORDS)
    if name == "english":
        return english
    if name == "sco":
        return _sco_list()
    return english | _sco_list()


def stop_words(name: str = "english+sco") -> frozenset[str]:
    """Return a named stop-word list as a frozenset of lower-case words.

    ``name`` is one of ``"english"`` (scikit-learn's list), ``"sco"`` (declaration
    boilerplate, ``sco_text/data/stopwords.txt``), ``"english+sco"`` or ``"none"``.

    Parameters
    ----------
    name : str
        ``"english"``, ``"sco"``, ``"english+sco"`` or ``"none"``.

    Returns
    -------
    frozenset of str
        The lower-case stop words.

    >>> {"member", "states", "the"} <= stop_words()
    True
    >>> "the" in stop_words("sco"), "security" in stop_words()
    (False, False)
    >>> stop_words("french")
    Traceback (most recent call last):
    ...
    sco_text.errors.OptionError: stop_words='french' is not allowed; choose one of: \
'english', 'sco', 'english+sco', 'none'
    """
    if not isinstance(name, str):
        raise OptionError(f"stop_words name must be a str, got {type(name).__name__}")
    return _named_stop_words(name)


def _resolve_stop_words(value: str | Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return stop_words(value)
    return frozenset(str(w).lower() for w in value)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


def _fold_term(term: str) -> str:
    """A term with every word spelling-folded (phrases and n-grams word by word)."""
    from .spelling import fold_spelling

    if " " not in term:
        return fold_spelling(term)
    return " ".join(fold_spelling(w) for w in term.split(" "))


def _check_ngram_range(value: object) -> tuple[int, int]:
    ok = (
        isinstance(value, (tuple, list))
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 1 <= value[0] <= value[1]
    )
    if not ok:
        raise OptionError(
            f"ngram_range={value!r} is not allowed; give (min_n, max_n) with 1 <= min_n <= max_n"
        )
    assert isinstance(value, (tuple, list))
    return int(value[0]), int(value[1])


def _phrase_table(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Map a phrase's first word to its word tuples, longest first."""
    if isinstance(phrases, str) or not isinstance(phrases, Iterable):
        raise OptionError(
            f"phrases={phrases!r} is not allowed; give a list of phrases, e.g. [{phrases!r}]"
        )
    table: dict[str, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        if not isinstance(phrase, str):
            raise OptionError(f"phrases must be strings, got {phrase!r}")
        words = tuple(w for w, _, _ in word_spans(phrase))
        if len(words) >= 2:
            table.setdefault(words[0], set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@dataclass(frozen=True)
class Tokenizer:
    """Validated tokenising options; calling it turns one text into a list of terms.

    Usable as ``CountVectorizer(analyzer=Tokenizer(...))``.  Options as in
    :func:`tokenize`.

    >>> tok = Tokenizer(stop_words="english", stem=True)
    >>> tok("Member states strengthened cooperation")
    ['member', 'state', 'strengthen', 'cooper']
    >>> tok.count_words("Member states strengthened cooperation")
    4
    """

    lowercase: bool = True
    stop_words: str | Iterable[str] | None = "english+sco"
    stem: bool = False
    ngram_range: tuple[int, int] = (1, 1)
    phrases: Iterable[str] = ()
    fold_spelling: bool = False
    _stops: frozenset[str] = field(init=False, repr=False, compare=False)
    _table: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.lowercase, bool):
            raise OptionError(f"lowercase={self.lowercase!r} is not allowed; choose True or False")
        if not isinstance(self.stem, bool):
            raise OptionError(f"stem={self.stem!r} is not allowed; choose True or False")
        if not isinstance(self.fold_spelling, bool):
            raise OptionError(
                f"fold_spelling={self.fold_spelling!r} is not allowed; choose True or False"
            )
        object.__setattr__(self, "ngram_range", _check_ngram_range(self.ngram_range))
        stops = self.stop_words
        if stops is not None and not isinstance(stops, (str, frozenset)):
            if not isinstance(stops, Iterable):
                raise OptionError(
                    f"stop_words={stops!r} is not allowed; give one of "
                    f"{', '.join(repr(n) for n in STOP_WORD_LISTS)}, None or an iterable "
                    "of words"
                )
            stops = tuple(stops)  # freeze a one-shot iterable
            object.__setattr__(self, "stop_words", stops)
        object.__setattr__(self, "_stops", _resolve_stop_words(stops))
        phrases = () if self.phrases is None else self.phrases
        table = _phrase_table(phrases)
        object.__setattr__(self, "phrases", tuple(phrases))
        object.__setattr__(self, "_table", table)

    @property
    def whitespace_separable(self) -> bool:
        """True when a text's terms are those of its whitespace-separated pieces, in order
        (no phrases, no n-grams): then pieces can be tokenised once each and counted.

        >>> Tokenizer().whitespace_separable, Tokenizer(ngram_range=(1, 2)).whitespace_separable
        (True, False)
        """
        return self.ngram_range == (1, 1) and not self._table

    # -- the hot path -------------------------------------------------------------------
    def _words(self, text: str) -> list[str]:
        """All tokens of ``text`` (lower-cased when asked), before any filtering."""
        if self.lowercase:
            text = text.lower()
            if not text.isascii() and "\u0307" in text:
                text = text.replace("i\u0307", "i")
            return _FOLDED_PATTERN.findall(_fold(text))
        return TOKEN_PATTERN.findall(_fold(text))

    def piece_words(self, pieces: Sequence[str]) -> list[list[str]]:
        """The words of each piece (no white space in any), as :meth:`__call__` finds them
        before filtering; the pieces are lower-cased and folded in one pass.

        >>> Tokenizer().piece_words(["China's", "R&D,", "--"])
        [['china'], ['r&d'], []]
        """
        joined = "\n".join(pieces)
        if self.lowercase:
            text = joined.lower()
            if not text.isascii() and "\u0307" in text:
                text = text.replace("i\u0307", "i")
            lowered = _fold(text).split("\n")
            pattern = _FOLDED_PATTERN
        else:
            lowered = _fold(joined).split("\n")
            pattern = TOKEN_PATTERN
        if len(lowered) != len(pieces):  # pragma: no cover - a piece holds no white space
            raise ValueError("pieces must not hold white space")
        return list(map(pattern.findall, lowered))

    def word_term(self, word: str) -> str | None:
        """The term one word (of :meth:`piece_words`) becomes, None for a stop word
        (the filtering of :meth:`__call__` without phrases).

        >>> Tokenizer(stem=True).word_term("cooperation"), Tokenizer().word_term("the")
        ('cooper', None)
        """
        stops = self._stops
        if stops and (word if self.lowercase else word.lower()) in stops:
            return None
        if self.fold_spelling:
            word = _fold_term(word)
        if self.stem:
            word = _stem(word)
        return word

    def _filter(self, words: list[str]) -> list[str]:
        stops = self._stops
        if self._table:
            words = self._join_phrases(words)
            if stops:
                words = [w for w in words if " " in w or w.lower() not in stops]
            if self.fold_spelling:
                words = [_fold_term(w) for w in words]
            if self.stem:
                words = [w if " " in w else _stem(w) for w in words]
        else:
            if stops:
                if self.lowercase:
                    words = [w for w in words if w not in stops]
                else:
                    words = [w for w in words if w.lower() not in stops]
            if self.fold_spelling:
                words = [_fold_term(w) for w in words]
            if self.stem:
                words = [_stem(w) for w in words]
        return words

    def _join_phrases(self, words: list[str]) -> list[str]:
        table = self._table
        lowered = words if self.lowercase else [w.lower() for w in words]
        out: list[str] = []
        i, n = 0, len(words)
        while i < n:
            candidates = table.get(lowered[i])
            if candidates:
                for cand in candidates:
                    k = len(cand)
                    if tuple(lowered[i : i + k]) == cand:
                        out.append(" ".join(words[i : i + k]))
                        i += k
                        break
                else:
                    out.append(words[i])
                    i += 1
            else:
                out.append(words[i])
                i += 1
        return out

    def _ngrams(self, words: list[str]) -> list[str]:
        lo, hi = self.ngram_range
        if (lo, hi) == (1, 1):
            return words
        out: list[str] = words[:] if lo == 1 else []
        n = len(words)
        for size in range(max(lo, 2), hi + 1):
            out.extend(" ".join(words[i : i + size]) for i in range(n - size + 1))
        return out

    def __call__(self, text: str) -> list[str]:
        """Return the terms of one text."""
        return self._ngrams(self._filter(self._words(text)))

    def terms_and_words(self, texts: Sequence[str]) -> tuple[list[str], int]:
        """Return the terms of several texts (n-grams never cross texts) and the number of
        word tokens they hold before stop-word removal (the basis of "per 1,000 words")."""
        if self.ngram_range == (1, 1) and not self._table:
            # Without phrases or n-grams, one pass over the joined texts is equivalent.
            words = self._words("\n".join(texts))
            return self._filter(words), len(words)
        terms: list[str] = []
        total = 0
        for text in texts:
            words = self._words(text)
            total += len(words)
            terms.extend(self._ngrams(self._filter(words)))
        return terms, total

    def term_counts(self, texts: Sequence[str]) -> tuple[Counter[str], int]:
        """Return ``Counter`` of the terms of several texts and their number of word tokens
        before stop-word removal.

        Same terms as :meth:`terms_and_words`; without phrases or n-grams, words are
        counted first and stop words removed from the distinct words only (faster).

        >>> Tokenizer(stem=True).term_counts(["Peace and peaceful trade", "The trade"])
        (Counter({'peac': 2, 'trade': 2}), 6)
        """
        if self.ngram_range != (1, 1) or self._table:
            terms, total = self.terms_and_words(texts)
            return Counter(terms), total
        words = self._words("\n".join(texts))
        counts = Counter(words)
        stops = self._stops
        if stops:
            if self.lowercase:
                # pop the stop words (absent ones too) in one C-level loop, no Python body;
                # for a stop list longer than the text's vocabulary, only the shared ones
                drop = stops if len(stops) <= len(counts) else counts.keys() & stops
                deque(map(counts.pop, drop, repeat(0)), maxlen=0)
            else:
                for word in [w for w in counts if w.lower() in stops]:
                    del counts[word]
        if self.fold_spelling:
            folded: Counter[str] = Counter()
            for word, n in counts.items():
                folded[_fold_term(word)] += n
            counts = folded
        if self.stem:
            stemmed: Counter[str] = Counter()
            for word, n in counts.items():
                stemmed[_stem(word)] += n
            counts = stemmed
        return counts, len(words)

    def count_words(self, text: str) -> int:
        """Number of words in ``text`` (no stop-word removal; :func:`sco_text.text.count_words`)."""
        return count_words(text)


def tokenize(
    text: str,
    *,
    lowercase: bool = True,
    stop_words: str | Iterable[str] | None = "english+sco",
    stem: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    phrases: Iterable[str] = (),
    fold_spelling: bool = False,
) -> list[str]:
    """Return the terms of ``text``: tokens, phrases and n-grams, stop words removed.

    ``stop_words`` is a list name (``"english"``, ``"sco"``, ``"english+sco"``,
    ``"none"``), ``None`` or your own iterable of words.  ``stem=True`` applies the English
    Snowball stemmer.  ``ngram_range=(1, 2)`` adds bigrams (joined with a space) after the
    unigrams.  ``phrases`` are multi-word terms kept as one term.  ``fold_spelling=True``
    folds British/American variants (:func:`sco_text.spelling.fold_spelling`).

    Parameters
    ----------
    text : str
        Any text.
    lowercase : bool
        Lower-case the terms.
    stop_words : str, iterable of str or None
        Words left out (a list name, your own words, or None).
    stem : bool
        Apply the Snowball stemmer.
    ngram_range : tuple of int
        Smallest and largest n-gram.
    phrases : iterable of str
        Multi-word terms kept as one term.
    fold_spelling : bool
        Fold British/American spelling variants.

    Returns
    -------
    list of str
        The terms, in reading order.

    >>> tokenize("The SCO member states stress counter-terrorism cooperation.")
    ['counter-terrorism', 'cooperation']
    >>> tokenize("Belt and Road projects", phrases=["belt and road"], stem=True)
    ['belt and road', 'project']
    >>> tokenize("Regional security", ngram_range=(1, 2))
    ['regional', 'security', 'regional security']
    >>> tokenize("Organisations and organizations", fold_spelling=True)
    ['organizations', 'organizations']
    """
    if not isinstance(text, str):
        raise OptionError(f"text must be a str, got {type(text).__name__}")
    tok = Tokenizer(
        lowercase=lowercase,
        stop_words=stop_words,
        stem=stem,
        ngram_range=ngram_range,
        phrases=phrases,
        fold_spelling=fold_spelling,
    )
    return tok(text)
