"""Read words in context: keyword-in-context lines and collocations.

Both work on the word tokens of :func:`sco_text.tokens.word_spans` (the tokeniser used by
every analysis), paragraph by paragraph: a context window or an n-gram never crosses a
paragraph boundary.

>>> import pandas as pd
>>> frame = pd.DataFrame({"doc_id": ["d"], "section": ["Security"], "para_no": [0],
...     "text": ["They fight terrorism, separatism and extremism in the region."]})
>>> kwic(frame, "terror*", window=2)
  doc_id   section  para_no       left      match                 right
0      d  Security        0  They fight  terrorism  , separatism and
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import regex as _regex

from ._validate import check_choice, check_columns, check_positive_int
from .dictionaries import check_words, glob_to_regex
from .errors import OptionError
from .text import fold_marks
from .tokens import STOP_WORD_LISTS, stop_words, word_spans

__all__ = [
    "KWIC_MATCH_SECONDS",
    "KWIC_MAX_PATTERN_CHARS",
    "KWIC_MAX_REPEAT",
    "collocations",
    "kwic",
]

KWIC_COLUMNS = ["doc_id", "section", "para_no", "left", "match", "right"]
COLLOCATION_COLUMNS = ["collocation", "count", "score"]
MEASURES = ("pmi", "likelihood")

#: Seconds one word of a :func:`kwic` pattern may spend matching one token. An ordinary
#: pattern takes microseconds; a catastrophic one (``(a|aa)*c``, ``*a*a*a*a*a*b``) on a
#: long token takes years, and is stopped with an :class:`OptionError` instead.
KWIC_MATCH_SECONDS = 1.0
#: Longest word (characters) of a ``regex=True`` pattern: a word is matched against one
#: token, and compiling a huge expression costs time before any match can be timed.
KWIC_MAX_PATTERN_CHARS = 1_000
#: Largest product of the counts ``{m,n}`` in one word of a ``regex=True`` pattern: each
#: count is expanded when compiling (``(a{1000}){1000}`` is a million copies).
KWIC_MAX_REPEAT = 10_000
_COUNT = re.compile(r"\{(\d+)(?:,(\d*))?\}")


# ---------------------------------------------------------------------------------------
# kwic
# ---------------------------------------------------------------------------------------


def _check_regex_size(pattern: str, word: str) -> None:
    if len(word) > KWIC_MAX_PATTERN_CHARS:
        raise OptionError(
            f"pattern={pattern[:60]!r}...: a word of {len(word):,} characters; at most "
            f"{KWIC_MAX_PATTERN_CHARS:,} (KWIC_MAX_PATTERN_CHARS)"
        )
    counts = [int(n or m) for m, n in _COUNT.findall(word)]
    if math.prod(counts) > KWIC_MAX_REPEAT:
        raise OptionError(
            f"pattern={pattern!r}: its counts {{m,n}} multiply to more than "
            f"{KWIC_MAX_REPEAT:,} (KWIC_MAX_REPEAT); a word never needs that many"
        )


def _compile_pattern(
    pattern: object, *, regex: bool, case_sensitive: bool
) -> list[_regex.Pattern[str]]:
    """One compiled expression per word of ``pattern`` (words are separated by spaces),
    from the :mod:`regex` engine, whose matches can be timed (:data:`KWIC_MATCH_SECONDS`)."""
    if not isinstance(pattern, str) or not pattern.split():
        raise OptionError(
            f"pattern={pattern!r} is not allowed; give a non-empty string such as 'terror*'"
        )
    flags = 0 if case_sensitive else _regex.IGNORECASE
    if not regex:
        why = check_words([w.lower() for w in pattern.split()])
        if why:
            raise OptionError(f"pattern={pattern!r}: {why}")
    compiled: list[_regex.Pattern[str]] = []
    for word in pattern.split():
        if regex:
            _check_regex_size(pattern, word)
            try:
                re.compile(word, flags)  # Python's syntax, as documented
                compiled.append(_regex.compile(word, flags))
            except (re.error, _regex.error) as exc:
                raise OptionError(
                    f"pattern={pattern!r}: {word!r} is not a valid regular expression ({exc})"
                ) from None
            continue
        text = word if case_sensitive else word.lower()
        compiled.append(_regex.compile(glob_to_regex(text)))
    return compiled


def _matches(word: _regex.Pattern[str], token: str, pattern: str) -> bool:
    try:
        return word.fullmatch(token, timeout=KWIC_MATCH_SECONDS) is not None
    except TimeoutError:
        raise OptionError(
            f"pattern={pattern!r}: {word.pattern!r} took more than {KWIC_MATCH_SECONDS} s "
            f"on the token {token[:40]!r} (catastrophic backtracking: nested or overlapping "
            "repeats such as (a|aa)* or (a+)+); simplify it"
        ) from None


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise OptionError(f"{name}={value!r} is not allowed; choose one of: False, True")


def kwic(
    frame: pd.DataFrame,
    pattern: str,
    *,
    window: int = 8,
    regex: bool = False,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Keyword in context: doc_id, section, para_no, left, match, right.

    ``pattern`` is matched against whole word tokens (:func:`~sco_text.tokens.word_spans`):

    * by default it is a glob: ``*`` any run of characters, ``?`` one character
      (``terror*``; ``*terror*`` also finds ``counter-terrorism``, a single token);
    * with ``regex=True`` each word of it is a Python regular expression that must match a
      whole token (``terror(ism|ist)s?``);
    * several words separated by spaces form a phrase matched on consecutive tokens
      (``"belt and road"``, ``"information secur*"``, ``"drug *"`` = drug + any word).

    Matching ignores case unless ``case_sensitive=True`` (then tokens keep the case of
    the text).  ``left`` and ``right`` hold ``window`` tokens on each side *within the same
    paragraph*, as they appear in the text (punctuation between them kept); ``match`` is
    the matched text.  Matches do not overlap (scanned left to right).  Rows follow the
    frame's order, then reading order.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame (``doc_id``, ``section``, ``para_no``, ``text``).
    pattern : str
        A glob, or with ``regex=True`` regular expressions, one per word of a phrase.
    window : int
        Tokens kept on each side of a match.
    regex : bool
        Read ``pattern`` as regular expressions.
    case_sensitive : bool
        Match the case of the text.

    Returns
    -------
    pandas.DataFrame
        Columns doc_id, section, para_no, left, match, right.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["d"], "section": ["Trade"], "para_no": [3],
    ...     "text": ["They support China's Belt and Road Initiative (BRI) fully."]})
    >>> kwic(frame, "belt and road", window=3)[["left", "match", "right"]]
                    left          match             right
    0  They support China's  Belt and Road  Initiative (BRI) fully
    >>> kwic(frame, r"b\\w+", regex=True, window=1)["match"].tolist()
    ['Belt', 'BRI']
    """
    check_columns(frame, ["doc_id", "section", "para_no", "text"])
    checked_window = check_positive_int("window", window)
    assert checked_window is not None
    window = checked_window
    _check_bool("regex", regex)
    _check_bool("case_sensitive", case_sensitive)
    words = _compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive)
    size = len(words)

    rows: list[tuple[Any, ...]] = []
    doc_ids = frame["doc_id"].tolist()
    sections = frame["section"].tolist()
    para_nos = frame["para_no"].tolist()
    for r, text in enumerate(frame["text"].tolist()):
        if not isinstance(text, str) or not text:
            continue
        spans = word_spans(text)
        if case_sensitive:
            folded = fold_marks(text)
            tokens = [folded[s:e] for _, s, e in spans]
        else:
            tokens = [tok for tok, _, _ in spans]
        n = len(tokens)
        i = 0
        while i + size <= n:
            if all(_matches(words[k], tokens[i + k], pattern) for k in range(size)):
                j = i + size
                start, end = spans[i][1], spans[j - 1][2]
                left = text[spans[max(0, i - window)][1] : start].strip() if i else ""
                right = text[end : spans[min(n, j + window) - 1][2]].strip() if j < n else ""
                rows.append((doc_ids[r], sections[r], para_nos[r], left, text[start:end], right))
                i = j
            else:
                i += 1
    out = pd.DataFrame.from_records(rows, columns=KWIC_COLUMNS)
    if not rows:
        out = out.astype({"para_no": frame["para_no"].dtype})
    for col in ("doc_id", "section", "left", "match", "right"):
        out[col] = out[col].astype(object)
    return out


# ---------------------------------------------------------------------------------------
# collocations
# ---------------------------------------------------------------------------------------


def _stop_set(value: str | Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return stop_words(value)
    try:
        return frozenset(str(w).lower() for w in value)
    except TypeError:
        listed = ", ".join(repr(n) for n in STOP_WORD_LISTS)
        raise OptionError(
            f"stop_words={value!r} is not allowed; give one of {listed}, None or a list of words"
        ) from None


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def collocations(
    frame: pd.DataFrame,
    *,
    n: int = 2,
    measure: str = "pmi",
    min_count: int = 3,
    top: int | None = 20,
    stop_words: str | Iterable[str] | None = "english+sco",
) -> pd.DataFrame:
    """Word pairs (``n=2``) or triples (``n=3``) that occur together more than chance.

    Built on NLTK's ``BigramCollocationFinder`` / ``TrigramCollocationFinder`` from the
    lower-cased tokens of each paragraph (``from_documents``: an n-gram never spans two
    paragraphs; stop words are *not* removed before n-grams are formed, so ``belt and
    road`` stays a trigram).  Then:

    * n-grams seen fewer than ``min_count`` times are dropped;
    * n-grams whose first or last word is a stop word (``stop_words``: a list name such as
      ``"english+sco"``, ``None`` for none, or your own words), or has no letter at all
      (a number or date such as ``2019`` or ``10``), are dropped;
    * ``measure="pmi"``: pointwise mutual information,
      ``log2(count(w1 w2) * N / (count(w1) * count(w2)))`` for pairs and
      ``log2(count(w1 w2 w3) * N**2 / (count(w1) * count(w2) * count(w3)))`` for triples,
      ``N`` = number of tokens;  ``measure="likelihood"``: Dunning's log-likelihood ratio
      (G2) over the contingency table of the n-gram, as computed by NLTK.

    Columns: collocation (words joined by a space), count, score; sorted by score
    descending (ties alphabetically), at most ``top`` rows (``None`` = all).

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame with a ``text`` column (one paragraph a row).
    n : int
        2 for pairs, 3 for triples.
    measure : {"pmi", "likelihood"}
        The association score.
    min_count : int
        Fewest occurrences an n-gram needs.
    top : int or None
        Rows kept (None: all).
    stop_words : str, iterable of str or None
        Words an n-gram may not start or end with.

    Returns
    -------
    pandas.DataFrame
        Columns collocation, count, score.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["Belt and Road projects", "the Belt and Road",
    ...                                "roads and belts"]})
    >>> collocations(frame, n=3, min_count=2, stop_words="english")
         collocation  count     score
    0  belt and road      2  4.333901

    (11 tokens; belt 2, and 3, road 2, "belt and road" 2: log2(2 * 11**2 / (2 * 3 * 2)).)
    """
    check_columns(frame, ["text"])
    check_choice("n", n, (2, 3))
    check_choice("measure", measure, MEASURES)
    check_positive_int("min_count", min_count)
    check_positive_int("top", top, allow_none=True)
    stops = _stop_set(stop_words)

    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    documents = [
        [tok for tok, _, _ in word_spans(text)]
        for text in frame["text"].tolist()
        if isinstance(text, str)
    ]
    finder: Any
    score_fn: Callable[..., float]
    if n == 2:
        finder = BigramCollocationFinder.from_documents(documents)
        measures: Any = BigramAssocMeasures
    else:
        finder = TrigramCollocationFinder.from_documents(documents)
        measures = TrigramAssocMeasures
    score_fn = measures.pmi if measure == "pmi" else measures.likelihood_ratio

    finder.apply_freq_filter(min_count)

    def drop(*gram: str) -> bool:
        first, last = gram[0], gram[-1]
        return first in stops or last in stops or not _has_letter(first) or not _has_letter(last)

    finder.apply_ngram_filter(drop)
    scored = finder.score_ngrams(score_fn) if finder.ngram_fd else []
    if top is not None:
        scored = scored[:top]
    out = pd.DataFrame(
        {
            "collocation": pd.Series([" ".join(g) for g, _ in scored], dtype=object),
            "count": pd.Series([int(finder.ngram_fd[g]) for g, _ in scored], dtype="int64"),
            "score": pd.Series([float(s) for _, s in scored], dtype="float64"),
        },
        columns=COLLOCATION_COLUMNS,
    )
    return out
