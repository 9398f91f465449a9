"""Paragraph alignment behind :func:`sco_text.diff`: which old paragraphs became which new ones.

Real successive declarations are re-drafted, not lightly edited, so paragraphs are matched
on what they say, at two levels (paragraphs and sentences), and then put in order.  Every
threshold is a field of :class:`AlignOptions`.

1. **Terms.**  For *scoring*, a text is spelling-folded (:func:`sco_text.spelling.fold_text`)
   and lower-cased; its words other than stop words (``english+sco``: ``the``, ``member``,
   ``states``, ...) are Snowball-stemmed (``countering``/``counter``), and each stem is also
   paired with the next (stem bigrams: phrases count).  *Anchors*, the specific things a
   paragraph is about, get a second term of their own (``#2231``, ``#rats``): numbers,
   acronyms and capitalised words that do not open a sentence (named bodies, places,
   programmes, dates), so two paragraphs naming the same programme and year are pulled
   together even when the sentences around the names were rewritten.  Stop words stay as
   terms of weight ``STOP_WORD_WEIGHT`` (0.25): paragraphs made only of common words can
   still be paired, shared boilerplate barely counts.
2. **Weights and scores.**  tf-idf over the paragraphs of both documents
   (``tf = 1 + ln count``, ``idf = ln((1 + P) / (1 + df)) + 1``, rows L2-normalised); the
   *score* of two paragraphs is the cosine of their vectors (:func:`pair_scores`); the same
   vectors built for each *sentence* (text cut after ``. ! ? ;`` before a capital or digit)
   give the cosine of two sentences (:func:`sentence_scores`).  Only sentences with at least
   ``min_sentence_terms`` (4) content terms vote in step 4.  The *margin* of a score
   (:func:`ratio_margin`) is the score divided by the mean of the ``margin_neighbours`` (4)
   best scores of its row and of its column: how much two paragraphs stand out against
   what each shares with every paragraph of the other text.  A re-drafted paragraph keeps
   few of its words (cosine 0.15) but those words are its own (margin 1.5), while boilerplate
   shared with everything gives a margin near 1.  The sentence margin of two paragraphs is
   the best margin of a pair of their voting sentences.
3. **Pairs.**  The Hungarian algorithm picks the one-to-one pairing that maximises the total
   of ``score - position_weight * |i/m - j/n|`` (the positional term only breaks near-ties,
   e.g. between repeated paragraphs).  A pair is *strong* when its score or its word
   similarity reaches ``threshold`` (0.35) and its score reaches ``weak_threshold`` (0.2;
   shared boilerplate words alone never pair two paragraphs), or when its margin reaches
   ``margin`` (1.4) whatever its score.  A *weak* pair
   (``weak_threshold <= score < threshold``) is kept only when it keeps the reading order:
   it must fall between the strong pairs before and after it on their heaviest increasing
   run (a monotone alignment with room for moves: strong pairs may move anywhere, weak ones
   only fill gaps in order).
4. **Splits and merges (sentences).**  Every sentence votes for its best counterpart
   sentence on the other side; a vote of cosine ``>= split_threshold`` (0.5) that lands in a
   paragraph other than the voter's partner links the two paragraphs.  An unlinked paragraph
   with at least ``min_sentence_terms`` content terms, ``>= containment`` (0.6,
   idf-weighted) of them found in one paragraph on the other side, and a score ``>=
   weak_threshold`` is linked to it too (pieces cut in mid-sentence).  Before that, a
   paragraph still unlinked is linked to the counterpart with its best paragraph or sentence
   margin when that reaches ``split_margin`` (1.5): a re-drafted piece of a split or a merge;
   or when it reaches ``neighbour_margin`` (1.2) and that counterpart is already linked to
   the paragraph just before or after it (the pieces of a merge or a split are neighbours, so
   less evidence is needed there: the second old paragraph of a merge whose new paragraph
   already has its partner).
   **Gaps.**  The links so far, in old order, give a heaviest increasing run (weights: link
   strength); between two consecutive links of the run lies a *gap*, the still unlinked old
   and new paragraphs between them.  In each gap the Hungarian algorithm pairs these one to
   one on score, and a pair scoring ``>= gap_threshold`` (0.05) is linked: a paragraph that
   kept its place between two matched neighbours needs far less shared wording to be the
   same paragraph (re-worded closing formulas, short paragraphs with few shared words) than
   one that could have come from anywhere.  The run may hold every piece of a split or a
   merge (it is non-decreasing on both sides); a gap between two pieces of one split has new
   paragraphs only, and each joins the split when the split's old paragraph is its best
   counterpart and they score ``>= gap_threshold`` (the same for merges).
   The links and pairs form a graph; every connected part must be a pair or a star (one old
   paragraph -> several new = **split**, several old -> one new = **merged**); a part that is
   neither loses its weakest sentence link until it is.  Pieces need not be neighbours.
5. **Order.**  Pairs and groups taken in old order; the heaviest (old token count + 1)
   increasing run of their new positions is the kept order; a unit off it is *reordered*.
6. **Sections by content.**  Sections are matched by the paragraphs they share: a section
   name found in both documents is itself; an old section absent from the new document is
   *renamed* to a new section absent from the old one when more than ``section_share`` (0.5)
   of its linked paragraphs went there and more than that share of that section's linked
   paragraphs came from it (never when either text has a single section: a text without
   headings renames nothing).  A pair is *section_changed* when its old section's counterpart
   and its new section's counterpart both exist and differ from where it went.  Renamed or
   dropped sections alone never make a paragraph "moved".

The **redline** compares word tokens (words and punctuation marks, each with the space before
it) with :class:`difflib.SequenceMatcher`; with ``fold_spelling``/``fold_case`` tokens are
compared in folded form, and a block equal only after folding is its own kind,
``"spelling"`` (``organisation`` -> ``organization``, ``member states`` -> ``Member
States``), counted as carried over.  ``similarity`` = ``2 * M / (old tokens + new tokens)``,
M = tokens in equal and spelling blocks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
from scipy import sparse

from ..spelling import fold_text
from ..tokens import stop_words


def _assignment(gain: Any) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the assignment of greatest total ``gain`` (scipy's Hungarian
    method; scipy.optimize is imported here, not with the package: it is a third of the
    package's import time, and worker processes that only read files never need it)."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(gain, maximize=True)
    return rows, cols


__all__ = [
    "STOP_WORD_WEIGHT",
    "WORD_RE",
    "AlignOptions",
    "AlignedRow",
    "Alignment",
    "Op",
    "align",
    "margins",
    "pair_scores",
    "ratio_margin",
    "sentence_scores",
    "sentences",
    "terms",
    "tokens",
]

TOKEN_RE = re.compile(r"\s*(?:\w+(?:[-'’.,/&]\w+)*|\S)")
WORD_RE = re.compile(r"\w+(?:[-'’.,/&]\w+)*")
_TERM_RE = re.compile(r"[^\W_]+")
_SENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[\"“'(\[]?[A-Z0-9])")
_ANCHOR_RE = re.compile(r"\b(?:\d[\d.,/-]*\d|\d|[A-Z][A-Za-z]*)\b")

#: Weight of a stop word in the tf-idf vectors, relative to a content word: low, so that the
#: shared boilerplate of two declarations ("the member states note the") barely counts, but
#: above zero, so that paragraphs made only of common words can still be paired.
STOP_WORD_WEIGHT = 0.25

# An edit operation of a redline: (op, old words, new words), op in
# equal/spelling/delete/insert.
Op = tuple[str, list[str], list[str]]


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the alignment; the module docstring says where each one acts.

    ``margin_neighbours``, ``margin`` and ``split_margin`` were set on Samarkand 2022 -> New
    Delhi 2023 and checked on Moscow 2020 -> Samarkand 2022 (``benchmarks/bench_diff_real.py``):
    one to one pairs whose margin reaches 1.4 were all right on both pairs, 1.5 for the
    extra pieces of splits and merges keeps precision near 0.98.
    ``neighbour_margin`` and ``gap_threshold`` were set on Moscow -> Samarkand (the pair
    with heavy re-drafting; Samarkand -> New Delhi has no gaps): pair precision and recall
    stay >= 0.9 over ``neighbour_margin`` 1.1-1.3 and ``gap_threshold`` 0.04-0.06 (lower
    floors add wrong links, higher ones lose right ones).

    >>> AlignOptions().threshold, AlignOptions(threshold=0.5).threshold
    (0.35, 0.5)
    """

    threshold: float = 0.35
    weak_threshold: float = 0.2
    split_threshold: float = 0.5
    containment: float = 0.6
    min_sentence_terms: int = 4
    position_weight: float = 0.05
    section_share: float = 0.5
    margin_neighbours: int = 4
    margin: float = 1.4
    split_margin: float = 1.5
    gap_threshold: float = 0.05
    neighbour_margin: float = 1.2
    fold_spelling: bool = True
    fold_case: bool = True


@dataclass
class AlignedRow:
    """One row of the alignment (indices are positions in the input lists)."""

    status: str
    old: int | None
    new: int | None
    similarity: float
    ops: list[Op]
    split_from: int | None = None
    merged_into: int | None = None
    reordered: bool = False
    section_changed: bool = False


@dataclass
class Alignment:
    """What :func:`align` returns: the rows and the sections matched by content.

    ``sections``: (old section, new section, linked paragraphs) for every pair of sections
    sharing at least one linked paragraph; ``renamed``: old name -> new name.
    """

    rows: list[AlignedRow]
    sections: list[tuple[str, str, int]] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)


# -- tokens and terms ----------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(" ".join(text.split())))


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, each with the space before it (the redline's units).

    >>> tokens("Trade grows (fast).")
    ['Trade', ' grows', ' (', 'fast', ')', '.']
    """
    return list(_tokens(text))


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, cut after ``. ! ? ;`` before a capital or a digit.

    >>> sentences("Trade grows. It grows fast; 2023 saw more. e.g. this stays.")
    ['Trade grows.', 'It grows fast;', '2023 saw more. e.g. this stays.']
    """
    return [s for s in _SENT_RE.split(" ".join(text.split())) if s]


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return stop_words("english+sco")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return word if word.isdigit() else str(_stemmer().stem(word))


def _anchors(text: str) -> list[str]:
    """Numbers, acronyms and capitalised words that do not open a sentence."""
    out = []
    for m in _ANCHOR_RE.finditer(text):
        word = m.group()
        before = text[: m.start()].rstrip()
        opens = not before or before[-1] in '.!?;:"“(' or before.endswith("- ")
        if word[0].isdigit() or (len(word) > 1 and word.isupper()) or not opens:
            low = word.casefold()
            if low not in _stops():
                out.append("#" + _stem(low))
    return out


@lru_cache(maxsize=16384)
def _terms(text: str) -> tuple[str, ...]:
    folded = fold_text(text)
    words = _TERM_RE.findall(folded.casefold())
    stops = _stops()
    stems = [_stem(w) for w in words if w not in stops]
    grams = [a + " " + b for a, b in pairwise(stems)]
    minor = ["~" + w for w in words if w in stops]
    return tuple(stems + grams + _anchors(folded) + minor)


def terms(text: str) -> list[str]:
    """Scoring terms of a text: content stems, stem bigrams, ``#anchors``, ``~stop words``.

    >>> terms("The Green Belt programmes of 2021.")
    ['green', 'belt', 'program', '2021', 'green belt', 'belt program', 'program 2021', \
'#green', '#belt', '#2021', '~the', '~of']
    """
    return list(_terms(text))


def _n_content(text: str) -> int:
    return sum(1 for t in _terms(text) if " " not in t and t[0] not in "#~")


# -- vectors -------------------------------------------------------------------------------------
def _vectors(
    units: list[tuple[str, ...]], df_units: int
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """tf-idf rows (L2-normalised) of ``units``, idf counted over ``units[:df_units]``.

    Also returns the idf of each column and whether the column is a unigram term.
    """
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, unit in enumerate(units):
        counts: dict[int, int] = defaultdict(int)
        for t in unit:
            counts[vocab.setdefault(t, len(vocab))] += 1
        for c, k in counts.items():
            rows.append(r)
            cols.append(c)
            vals.append(1.0 + np.log(k))
    shape = (len(units), max(len(vocab), 1))
    tf = sparse.csr_matrix((vals, (rows, cols)), shape=shape)
    df = np.asarray((tf[:df_units] > 0).sum(axis=0)).ravel()
    idf = np.log((1.0 + df_units) / (1.0 + df)) + 1.0
    weight = np.ones(shape[1])
    unigram = np.zeros(shape[1], dtype=bool)
    for t, c in vocab.items():
        unigram[c] = " " not in t and t[0] not in "#~"
        if t[0] == "~":
            weight[c] = STOP_WORD_WEIGHT
    mat = tf @ sparse.diags(idf * weight)
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ mat), idf, unigram


@dataclass
class _Scores:
    par: np.ndarray  # (m, n) paragraph cosine
    sen: np.ndarray  # (sentences old, sentences new) sentence cosine
    sen_old: list[int]  # old paragraph of each old sentence
    sen_new: list[int]
    sen_old_ok: np.ndarray  # bool: the sentence is long enough to vote
    sen_new_ok: np.ndarray
    in_old: np.ndarray  # (m, n) idf-weighted share of new j's distinct terms found in old i
    in_new: np.ndarray  # (m, n) share of old i's distinct terms found in new j
    margin: np.ndarray  # (m, n) ratio margin of the paragraph score (0 when not defined)
    sen_margin: np.ndarray  # (m, n) best ratio margin of a voting sentence pair of i and j


def _scores(old_texts: Sequence[str], new_texts: Sequence[str], opts: AlignOptions) -> _Scores:
    m, n = len(old_texts), len(new_texts)
    old_s = [(i, s) for i, t in enumerate(old_texts) for s in sentences(t)]
    new_s = [(j, s) for j, t in enumerate(new_texts) for s in sentences(t)]
    par_units = [_terms(t) for t in old_texts] + [_terms(t) for t in new_texts]
    sen_units = [_terms(s) for _, s in old_s] + [_terms(s) for _, s in new_s]
    mat, idf, unigram = _vectors(par_units + sen_units, m + n)
    par = mat[:m] @ mat[m : m + n].T
    so = mat[m + n : m + n + len(old_s)]
    sn = mat[m + n + len(old_s) :]
    sen = (so @ sn.T).toarray() if old_s and new_s else np.zeros((len(old_s), len(new_s)))
    # containment of distinct unigram terms, weighted by idf
    binary = sparse.csr_matrix((mat[: m + n] > 0).astype(float))
    weighted = sparse.csr_matrix(binary @ sparse.diags(idf * unigram))
    shared = (weighted[:m] @ binary[m:].T).toarray()  # old i's terms found in new j
    shared_rev = (binary[:m] @ weighted[m:].T).toarray()  # new j's terms found in old i
    size = np.asarray(weighted.sum(axis=1)).ravel()
    size[size == 0] = 1.0
    old_ok = np.array([_n_content(s) >= opts.min_sentence_terms for _, s in old_s], bool)
    new_ok = np.array([_n_content(s) >= opts.min_sentence_terms for _, s in new_s], bool)
    sen_margin = np.zeros((m, n))
    if sen.size:
        cut = ratio_margin(sen, opts.margin_neighbours)
        cut[~old_ok] = 0.0
        cut[:, ~new_ok] = 0.0
        where = (
            np.repeat([i for i, _ in old_s], len(new_s)),
            np.tile([j for j, _ in new_s], len(old_s)),
        )
        np.maximum.at(sen_margin, where, cut.ravel())
    return _Scores(
        par=par.toarray(),
        sen=sen,
        sen_old=[i for i, _ in old_s],
        sen_new=[j for j, _ in new_s],
        sen_old_ok=old_ok,
        sen_new_ok=new_ok,
        in_old=shared_rev / size[None, m:],
        in_new=shared / size[:m, None],
        margin=ratio_margin(par.toarray(), opts.margin_neighbours),
        sen_margin=sen_margin,
    )


def ratio_margin(score: np.ndarray, k: int) -> np.ndarray:
    """Each score divided by the mean of the ``k`` best scores of its row and of its column.

    A margin above 1 means the two paragraphs are closer to each other than each is, on
    average, to its ``k`` nearest counterparts: a re-drafted paragraph stands out against the
    boilerplate its text shares with every paragraph of the other document.  Zero everywhere
    when a side has no more than ``k`` paragraphs (no neighbourhood to compare with).

    >>> ratio_margin(np.array([[0.4, 0.1], [0.1, 0.2]]), 1).round(2)
    array([[1.  , 0.33],
           [0.33, 1.  ]])
    """
    m, n = score.shape
    if k < 1 or m <= k or n <= k:
        return np.zeros_like(score)
    row = -np.sort(-score, axis=1)[:, :k].mean(axis=1)
    col = -np.sort(-score, axis=0)[:k].mean(axis=0)
    base = (row[:, None] + col[None, :]) / 2.0
    out = np.zeros_like(score)
    np.divide(score, base, out=out, where=base > 0)
    return out


def pair_scores(
    old_texts: Sequence[str], new_texts: Sequence[str], opts: AlignOptions | None = None
) -> np.ndarray:
    """The paragraph scores of step 2 (tf-idf cosine), shape (old, new).

    >>> pair_scores(["Energy ministers meet."], ["Energy ministers meet."]).round(2)
    array([[1.]])
    """
    if not old_texts or not new_texts:
        return np.zeros((len(old_texts), len(new_texts)))
    return _scores(old_texts, new_texts, opts or AlignOptions()).par


def margins(
    old_texts: Sequence[str], new_texts: Sequence[str], opts: AlignOptions | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The paragraph margins and the sentence margins of step 2, each of shape (old, new).

    >>> par, sen = margins(["Peace."] * 5, ["Peace."] * 5)
    >>> par.shape, float(par[0, 0]), float(sen[0, 0])
    ((5, 5), 1.0, 0.0)
    """
    if not old_texts or not new_texts:
        shape = (len(old_texts), len(new_texts))
        return np.zeros(shape), np.zeros(shape)
    sc = _scores(old_texts, new_texts, opts or AlignOptions())
    return sc.margin, sc.sen_margin


def sentence_scores(
    old_texts: Sequence[str], new_texts: Sequence[str], opts: AlignOptions | None = None
) -> tuple[np.ndarray, list[int], list[int]]:
    """The sentence cosines of step 2 and the paragraph of each old and new sentence.

    >>> cos, old_par, new_par = sentence_scores(["Peace. Trade grows fast."], ["Trade grows."])
    >>> cos.shape, old_par, new_par
    ((2, 1), [0, 0], [0])
    """
    if not old_texts or not new_texts:
        return np.zeros((0, 0)), [], []
    sc = _scores(old_texts, new_texts, opts or AlignOptions())
    return sc.sen, sc.sen_old, sc.sen_new


# -- redline -------------------------------------------------------------------------------------
def _join(parts: list[list[str]]) -> list[str]:
    """Tokens of several paragraphs read as one (a space before each later paragraph)."""
    out: list[str] = []
    for part in parts:
        if out and part and not part[0].startswith(" "):
            out.append(" " + part[0])
            out.extend(part[1:])
        else:
            out.extend(part)
    return out


def _key(token: str, opts: AlignOptions) -> str:
    core = token.lstrip()
    lead = token[: len(token) - len(core)]
    if opts.fold_spelling:
        core = fold_text(core)
    if opts.fold_case:
        core = core.casefold()
    return lead + core


class _Match:
    """Two token lists and their (lazily built) word-level SequenceMatcher on folded keys."""

    def __init__(self, a: list[str], b: list[str], opts: AlignOptions) -> None:
        self.a, self.b = a, b
        self.ka = [_key(t, opts) for t in a]
        self.kb = [_key(t, opts) for t in b]
        self._sm: SequenceMatcher[str] | None = None
        self._ratio: float | None = None

    @property
    def sm(self) -> SequenceMatcher[str]:
        if self._sm is None:
            self._sm = SequenceMatcher(None, self.ka, self.kb, autojunk=False)
        return self._sm

    def ratio(self) -> float:
        if self._ratio is None:
            self._ratio = 1.0 if self.ka == self.kb else self.sm.ratio()
        return self._ratio

    def ops(self) -> list[Op]:
        """Opcodes as word operations: equal, spelling (equal once folded), delete, insert."""
        a, b = self.a, self.b
        if a == b:
            return [("equal", list(a), list(b))] if a else []
        blocks = [("equal", 0, len(a), 0, len(b))] if self.ka == self.kb else self.sm.get_opcodes()
        out: list[Op] = []
        for tag, i1, i2, j1, j2 in blocks:
            if tag == "equal":
                for same, run in _runs(
                    [a[i1 + k].strip() == b[j1 + k].strip() for k in range(i2 - i1)]
                ):
                    lo, hi = run
                    op = "equal" if same else "spelling"
                    out.append((op, list(a[i1 + lo : i1 + hi]), list(b[j1 + lo : j1 + hi])))
            else:
                if i2 > i1:
                    out.append(("delete", list(a[i1:i2]), []))
                if j2 > j1:
                    out.append(("insert", [], list(b[j1:j2])))
        return out


def _runs(flags: list[bool]) -> list[tuple[bool, tuple[int, int]]]:
    """Maximal runs of equal flags as (flag, (start, end))."""
    out: list[tuple[bool, tuple[int, int]]] = []
    start = 0
    for k in range(1, len(flags) + 1):
        if k == len(flags) or flags[k] != flags[start]:
            out.append((flags[start], (start, k)))
            start = k
    return out


def _distribute(ops: list[Op], sizes: list[int], side: int) -> list[list[Op]]:
    """Cut a redline of one paragraph against joined pieces into one redline per piece.

    ``side`` is 2 when the pieces are on the new side (split), 1 when on the old side.
    """
    out: list[list[Op]] = [[] for _ in sizes]
    k = 0
    used = 0  # words of piece k already consumed
    for op, old_w, new_w in ops:
        words = new_w if side == 2 else old_w
        if not words:
            while k < len(sizes) - 1 and used >= sizes[k]:
                k, used = k + 1, 0
            out[k].append((op, old_w, new_w))
            continue
        pos = 0
        while pos < len(words):
            while k < len(sizes) - 1 and used >= sizes[k]:
                k, used = k + 1, 0
            take = len(words) - pos
            if k < len(sizes) - 1:
                take = min(sizes[k] - used, take)
            if op in ("equal", "spelling"):
                other = old_w if side == 2 else new_w
                chunk = (other[pos : pos + take], words[pos : pos + take])
                out[k].append((op, *chunk) if side == 2 else (op, chunk[1], chunk[0]))
            elif side == 2:
                out[k].append((op, [], words[pos : pos + take]))
            else:
                out[k].append((op, words[pos : pos + take], []))
            pos += take
            used += take
    return out


# -- order ---------------------------------------------------------------------------------------
def _heaviest_increasing(keys: list[int], weights: list[float]) -> set[int]:
    """Indices of a max-weight strictly increasing subsequence of ``keys`` (Fenwick tree)."""
    if not keys:
        return set()
    ranks = {v: r + 1 for r, v in enumerate(sorted(set(keys)))}
    size = len(ranks)
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0.0] * len(keys)
    prev = [-1] * len(keys)
    for i, key in enumerate(keys):
        r = ranks[key] - 1  # query prefix [1, r]
        val, arg = 0.0, -1
        while r > 0:
            if tree_val[r] > val:
                val, arg = tree_val[r], tree_arg[r]
            r -= r & -r
        best[i], prev[i] = val + weights[i], arg
        r = ranks[key]
        while r <= size:
            if best[i] > tree_val[r]:
                tree_val[r], tree_arg[r] = best[i], i
            r += r & -r
    i = max(range(len(keys)), key=lambda t: (best[t], -t))
    chosen: set[int] = set()
    while i != -1:
        chosen.add(i)
        i = prev[i]
    return chosen


def _in_order(pair: tuple[int, int], chain: list[tuple[int, int]]) -> bool:
    """True when ``pair`` fits between its neighbours (in old order) on ``chain``."""
    i, j = pair
    before = [q for p, q in chain if p < i]
    after = [q for p, q in chain if p > i]
    return (not before or before[-1] < j) and (not after or after[0] > j)


def _neighbour_links(
    edges: dict[tuple[int, int], float], standout: np.ndarray, floor: float
) -> list[tuple[int, int]]:
    """Unlinked paragraphs whose stand-out counterpart is linked to their neighbour."""
    m, n = standout.shape
    to_new: dict[int, set[int]] = defaultdict(set)
    to_old: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        to_new[i].add(j)
        to_old[j].add(i)
    out: list[tuple[int, int]] = []
    for i in range(m):
        j = int(standout[i].argmax())
        if i not in to_new and standout[i, j] >= floor and to_old[j] & {i - 1, i + 1}:
            out.append((i, j))
    for j in range(n):
        i = int(standout[:, j].argmax())
        if j not in to_old and standout[i, j] >= floor and to_new[i] & {j - 1, j + 1}:
            out.append((i, j))
    return out


def _gap_links(
    edges: dict[tuple[int, int], float], score: np.ndarray, m: int, n: int, floor: float
) -> list[tuple[int, int]]:
    """Links between unlinked paragraphs that lie in the same gap of the reading order.

    The run is non-decreasing on both sides (the pieces of a split or a merge may all be on
    it); a gap between two pieces of one split (or merge) has paragraphs on one side only,
    and those join the split (merge) when that paragraph is their best counterpart and they
    score ``>= floor`` with it.
    """
    links = sorted(edges)
    # key j * (m + 1) + i: strictly increasing along the (i, j)-sorted links exactly when
    # both sides are non-decreasing
    keys = [j * (m + 1) + i for i, j in links]
    kept = _heaviest_increasing(keys, [edges[e] for e in links])
    chain = [(-1, -1)] + [e for k, e in enumerate(links) if k in kept] + [(m, n)]
    linked_old = {i for i, _ in edges}
    linked_new = {j for _, j in edges}
    best_old, best_new = score.argmax(axis=0), score.argmax(axis=1)
    out: list[tuple[int, int]] = []
    for (a, b), (c, d) in pairwise(chain):
        olds = [i for i in range(a + 1, c) if i not in linked_old]
        news = [j for j in range(b + 1, d) if j not in linked_new]
        if a == c and 0 <= a < m:  # between two pieces of a split of old a
            out += [(a, j) for j in news if score[a, j] >= floor and best_old[j] == a]
            continue
        if b == d and 0 <= b < n:  # between two pieces of a merge into new b
            out += [(i, b) for i in olds if score[i, b] >= floor and best_new[i] == b]
            continue
        if not olds or not news:
            continue
        sub = score[np.ix_(olds, news)]
        for r, k in zip(*_assignment(sub), strict=True):
            if sub[r, k] >= floor:
                out.append((olds[int(r)], news[int(k)]))
    return out


# -- graph of links ------------------------------------------------------------------------------
Node = tuple[int, int]  # (0, old index) or (1, new index)


def _components(edges: dict[tuple[int, int], float]) -> list[set[tuple[int, int]]]:
    adj: dict[Node, set[Node]] = defaultdict(set)
    for i, j in edges:
        adj[(0, i)].add((1, j))
        adj[(1, j)].add((0, i))
    seen: set[Node] = set()
    out = []
    for start in adj:
        if start in seen:
            continue
        stack, comp = [start], set()
        seen.add(start)
        while stack:
            node = stack.pop()
            for nxt in adj[node]:
                edge = (node[1], nxt[1]) if node[0] == 0 else (nxt[1], node[1])
                comp.add(edge)
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        out.append(comp)
    return out


def _is_star(comp: set[tuple[int, int]]) -> bool:
    return len({i for i, _ in comp}) == 1 or len({j for _, j in comp}) == 1


def _stars(edges: dict[tuple[int, int], float], fixed: set[tuple[int, int]]) -> list[set[Any]]:
    """Drop the weakest non-fixed edges until every connected part is a star."""
    edges = dict(edges)
    while True:
        bad = [c for c in _components(edges) if not _is_star(c)]
        if not bad:
            return _components(edges)
        for comp in bad:
            loose = [e for e in comp if e not in fixed]
            if not loose:  # cannot happen: fixed edges are one-to-one
                raise AssertionError("fixed edges form a non-star component")
            del edges[min(loose, key=lambda e: (edges[e], e))]


# -- sections ------------------------------------------------------------------------------------
def _section_map(
    links: list[tuple[int, int]],
    old_sec: Sequence[str],
    new_sec: Sequence[str],
    share: float,
) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for i, j in links:
        counts[(old_sec[i], new_sec[j])] += 1
    from_old: dict[str, int] = defaultdict(int)
    to_new: dict[str, int] = defaultdict(int)
    for (a, b), c in counts.items():
        from_old[a] += c
        to_new[b] += c
    old_names, new_names = set(old_sec), set(new_sec)
    renamed: dict[str, str] = {}
    for (a, b), c in sorted(counts.items()):
        if a in new_names or b in old_names or len(old_names) == 1 or len(new_names) == 1:
            continue  # a text with one section (no headings) renames nothing
        if c > share * from_old[a] and c > share * to_new[b]:
            renamed[a] = b
    table = sorted(((a, b, c) for (a, b), c in counts.items()), key=lambda t: (-t[2], t[0], t[1]))
    return table, renamed


# -- the alignment -------------------------------------------------------------------------------
def align(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    old_sections: Sequence[str],
    new_sections: Sequence[str],
    opts: AlignOptions | None = None,
) -> Alignment:
    """Align two lists of paragraphs (see the module docstring); rows come in no order.

    >>> rows = align(["a b c", "d e f"], ["d e f", "a b x"], ["S", "S"], ["S", "S"]).rows
    >>> sorted((r.old, r.new, r.status) for r in rows)
    [(0, 1, 'edited'), (1, 0, 'moved')]
    """
    opts = opts or AlignOptions()
    old_words = [tokens(t) for t in old_texts]
    new_words = [tokens(t) for t in new_texts]
    m, n = len(old_words), len(new_words)
    matchers: dict[tuple[tuple[int, ...], tuple[int, ...]], _Match] = {}

    def matcher(olds: Sequence[int], news: Sequence[int]) -> _Match:
        key = (tuple(olds), tuple(news))
        if key not in matchers:
            a = _join([old_words[i] for i in olds])
            b = _join([new_words[j] for j in news])
            matchers[key] = _Match(a, b, opts)
        return matchers[key]

    def ratio(olds: Sequence[int], news: Sequence[int]) -> float:
        return matcher(olds, news).ratio()

    edges: dict[tuple[int, int], float] = {}
    fixed: set[tuple[int, int]] = set()
    if m and n:
        sc = _scores(old_texts, new_texts, opts)
        score = sc.par
        # -- 3. one-to-one pairs: strong anywhere, weak only in order
        pos = np.abs(np.arange(m)[:, None] / m - np.arange(n)[None, :] / n)
        gain = score - opts.position_weight * pos
        gain[score <= 0] = -1.0
        strong: list[tuple[int, int]] = []
        weak: list[tuple[int, int]] = []
        for i, j in zip(*_assignment(gain), strict=True):
            i, j = int(i), int(j)
            if score[i, j] <= 0:
                continue
            standout = sc.margin[i, j] >= opts.margin
            if score[i, j] < opts.weak_threshold and not standout:
                continue
            if score[i, j] >= opts.threshold or ratio([i], [j]) >= opts.threshold or standout:
                strong.append((i, j))
            else:
                weak.append((i, j))
        strong.sort()
        kept = _heaviest_increasing(
            [j for _, j in strong], [len(old_words[i]) + 1.0 for i, _ in strong]
        )
        chain = [p for k, p in enumerate(strong) if k in kept]
        for p in strong:
            edges[p] = 2.0 + float(score[p])
        for p in weak:
            if _in_order(p, chain):
                edges[p] = 1.0 + float(score[p])
        fixed = set(edges)
        partner_old = {i: j for i, j in edges}
        partner_new = {j: i for i, j in edges}
        # -- 4. sentence votes
        if sc.sen.size:
            best_old = sc.sen.argmax(axis=0)  # best old sentence of each new sentence
            for b, a in enumerate(best_old):
                cos = float(sc.sen[a, b])
                if sc.sen_new_ok[b] and cos >= opts.split_threshold:
                    i, j = sc.sen_old[a], sc.sen_new[b]
                    if partner_new.get(j) != i:
                        edges[(i, j)] = max(edges.get((i, j), 0.0), cos)
            best_new = sc.sen.argmax(axis=1)
            for a, b in enumerate(best_new):
                cos = float(sc.sen[a, b])
                if sc.sen_old_ok[a] and cos >= opts.split_threshold:
                    i, j = sc.sen_old[a], sc.sen_new[b]
                    if partner_old.get(i) != j:
                        edges[(i, j)] = max(edges.get((i, j), 0.0), cos)
        # -- 4a. paragraphs still unlinked: the counterpart whose paragraph or sentence
        # stands out (ratio margin >= split_margin): a piece of a split or a merge
        standout = np.maximum(sc.margin, sc.sen_margin)
        linked_old = {i for i, _ in edges}
        linked_new = {j for _, j in edges}
        for j in range(n):
            i = int(standout[:, j].argmax())
            if j not in linked_new and standout[i, j] >= opts.split_margin:
                edges[(i, j)] = float(score[i, j])
        for i in range(m):
            j = int(standout[i].argmax())
            if i not in linked_old and standout[i, j] >= opts.split_margin:
                edges.setdefault((i, j), float(score[i, j]))
        # a piece next to its counterpart's partner: the pieces of a merge or a split are
        # usually neighbours, so a lower margin (neighbour_margin) suffices there
        for i, j in _neighbour_links(edges, standout, opts.neighbour_margin):
            edges[(i, j)] = float(score[i, j])
        # pieces without a sentence of their own to vote: containment
        linked_old = {i for i, _ in edges}
        linked_new = {j for _, j in edges}
        big_old = [_n_content(t) >= opts.min_sentence_terms for t in old_texts]
        big_new = [_n_content(t) >= opts.min_sentence_terms for t in new_texts]
        for j in range(n):
            if j in linked_new or not big_new[j]:
                continue
            cand = [i for i in range(m) if sc.in_old[i, j] >= opts.containment]
            cand = [i for i in cand if score[i, j] >= opts.weak_threshold]
            if cand:
                i = max(cand, key=lambda i: (score[i, j], -i))
                edges[(i, j)] = float(score[i, j])
        for i in range(m):
            if i in linked_old or not big_old[i]:
                continue
            cand = [j for j in range(n) if sc.in_new[i, j] >= opts.containment]
            cand = [j for j in cand if score[i, j] >= opts.weak_threshold]
            if cand:
                j = max(cand, key=lambda j: (score[i, j], -j))
                edges.setdefault((i, j), float(score[i, j]))

        # -- 4c. gaps of the reading order: unlinked paragraphs between two linked ones
        # (closing formulas, re-drafted paragraphs that kept their place)
        for i, j in _gap_links(edges, score, m, n, opts.gap_threshold):
            edges[(i, j)] = float(score[i, j])

    # -- 4b. every connected part a pair or a star
    pairs: dict[int, int] = {}
    splits: dict[int, list[int]] = {}
    merges: dict[int, list[int]] = {}
    for comp in _stars(edges, fixed):
        olds = sorted({i for i, _ in comp})
        news = sorted({j for _, j in comp})
        if len(olds) == 1 and len(news) == 1:
            pairs[olds[0]] = news[0]
        elif len(olds) == 1:
            splits[olds[0]] = news
        else:
            merges[news[0]] = olds

    # -- 5. order: units (pairs and groups) on a heaviest increasing subsequence stay put
    units: list[tuple[int, int, float, tuple[str, int]]] = []
    for i, j in pairs.items():
        units.append((i, j, len(old_words[i]) + 1.0, ("pair", i)))
    for i, grp in splits.items():
        units.append((i, grp[0], len(old_words[i]) + 1.0, ("split", i)))
    for j, grp in merges.items():
        units.append((grp[0], j, sum(len(old_words[g]) for g in grp) + 1.0, ("merge", j)))
    units.sort()
    kept_units = _heaviest_increasing([u[1] for u in units], [u[2] for u in units])
    reordered = {u[3] for t, u in enumerate(units) if t not in kept_units}

    # -- 6. sections by content
    links = list(pairs.items())
    links += [(i, j) for i, grp in splits.items() for j in grp]
    links += [(i, j) for j, grp in merges.items() for i in grp]
    table, renamed = _section_map(links, old_sections, new_sections, opts.section_share)
    back = {b: a for a, b in renamed.items()}
    old_names, new_names = set(old_sections), set(new_sections)

    def sec_moved(i: int, j: int) -> bool:
        src, dst = old_sections[i], new_sections[j]
        src_there = src if src in new_names else renamed.get(src)
        dst_here = dst if dst in old_names else back.get(dst)
        if src_there is None or dst_here is None:
            return False
        return src_there != dst

    rows: list[AlignedRow] = []
    for i, j in pairs.items():
        sm = matcher([i], [j])
        moved_order = ("pair", i) in reordered
        moved_sec = sec_moved(i, j)
        ops = sm.ops()
        same = all(op in ("equal", "spelling") for op, _, _ in ops)
        status = "moved" if (moved_order or moved_sec) else ("unchanged" if same else "edited")
        rows.append(
            AlignedRow(
                status,
                i,
                j,
                ratio([i], [j]),
                ops,
                reordered=moved_order,
                section_changed=moved_sec,
            )
        )
    for i, grp in splits.items():
        parts = _distribute(matcher([i], grp).ops(), [len(new_words[j]) for j in grp], 2)
        moved_order = ("split", i) in reordered
        sim = ratio([i], grp)
        for k, j in enumerate(grp):
            rows.append(
                AlignedRow(
                    "split",
                    i if k == 0 else None,
                    j,
                    sim,
                    parts[k],
                    split_from=i,
                    reordered=moved_order,
                    section_changed=sec_moved(i, j),
                )
            )
    for j, grp in merges.items():
        parts = _distribute(matcher(grp, [j]).ops(), [len(old_words[i]) for i in grp], 1)
        moved_order = ("merge", j) in reordered
        sim = ratio(grp, [j])
        for k, i in enumerate(grp):
            rows.append(
                AlignedRow(
                    "merged",
                    i,
                    j if k == 0 else None,
                    sim,
                    parts[k],
                    merged_into=j,
                    reordered=moved_order,
                    section_changed=sec_moved(i, j),
                )
            )
    used_old = {i for i, _ in links}
    used_new = {j for _, j in links}
    for i in range(m):
        if i not in used_old:
            rows.append(AlignedRow("removed", i, None, 0.0, [("delete", old_words[i], [])]))
    for j in range(n):
        if j not in used_new:
            rows.append(AlignedRow("added", None, j, 0.0, [("insert", [], new_words[j])]))
    return Alignment(rows, table, renamed)
