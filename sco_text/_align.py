"""Paragraph alignment behind :func:`sco_text.diff` (internal).

The algorithm, in five steps (all thresholds are fields of :class:`AlignOptions`):

1. **Tokens.**  A paragraph (whitespace collapsed to single spaces) is cut into *tokens*:
   words (letters/digits with inner ``- ' ’ . , / &`` joiners: ``non-proliferation``,
   ``SCO’s``, ``1.5``) and single punctuation marks, each token keeping the space before it
   (``" grows"``, ``"."``), so the tokens joined give the text back and a comma or a full
   stop is a change of its own, not a change of the word it touches.  Tokens compare
   exactly (case and punctuation count); they are what the redline shows and what
   ``similarity`` counts.  For *scoring* candidate pairs each word is also reduced to a
   *key*: lower-cased, cut to its first 6 characters (so ``organisation``/``organization``
   and ``recognised``/``recognized`` meet).
2. **Candidate scores.**  Every paragraph becomes a sparse tf-idf vector of its keys and key
   bigrams (tf = 1 + ln count, idf = ln((1 + P) / (1 + df)) + 1 over the P paragraphs of both
   documents, L2-normalised); ``score = cosine`` is one sparse matrix product, linear in the
   text length, never a character-by-character comparison.
3. **Assignment.**  The Hungarian algorithm (``scipy.optimize.linear_sum_assignment``) picks
   the one-to-one pairing that maximises the total of
   ``score - position_weight * |i/m - j/n|`` (the small positional term only breaks near-ties
   in favour of pairs that keep the reading order, e.g. between repeated paragraphs).
   Paragraphs sharing no key are never paired.  A pair is kept when ``score >= threshold``
   or its word similarity is ``>= threshold`` (default 0.35: on the SCO declarations,
   reworded counterparts score 0.35-0.9 while unrelated paragraphs of the same genre,
   which share the boilerplate, stay around 0.1-0.3).
   ``similarity`` of a kept pair is :class:`difflib.SequenceMatcher` ratio over the two
   token lists (``2 * M / (len_old + len_new)``, M = tokens in equal blocks, ``autojunk``
   off).
4. **Split and merge.**  An old paragraph A is *split* when two or more consecutive new
   paragraphs, each either unpaired or A's own partner and each with at least
   ``containment`` (default 0.6) of its distinct keys found in A, together match A better
   than any one of them:
   starting from A's partner (or the best single piece), neighbours are added while the word
   similarity of A against the joined pieces rises by more than ``min_gain`` (0.02); the
   group is kept if it has two or more pieces and that similarity is ``>= split_threshold``
   (0.5).  Merges are the same with old and new swapped.  Splits are looked for first; a
   paragraph belongs to at most one group.  Pieces must be neighbours: a paragraph whose
   halves went to distant places is reported as one pair plus an added (or removed) row.
5. **Order and sections.**  Pairs and groups are taken in old order; the heaviest (by old
   token count + 1) increasing subsequence of their new positions is the kept order (ties:
   the earliest old paragraphs stay); a unit not on it is *reordered*.  So when a short
   paragraph and a long one swap places, the short one is reported as moved.  A pair is
   *section_changed* when its old and new section names differ and each of the two names
   exists in both documents: the paragraph left a section that still exists for one that
   already existed.  Renamed, new or dropped sections alone never make a paragraph "moved"
   (the documents were restructured, the paragraph did not move).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment

__all__ = ["WORD_RE", "AlignOptions", "AlignedRow", "Op", "align", "tokens"]

_KEY_RE = re.compile(r"[^\W_]+")
TOKEN_RE = re.compile(r"\s*(?:\w+(?:[-'’.,/&]\w+)*|\S)")
WORD_RE = re.compile(r"\w+(?:[-'’.,/&]\w+)*")
KEY_LEN = 6

# An edit operation of a redline: (op, old words, new words), op in equal/delete/insert.
Op = tuple[str, list[str], list[str]]


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the alignment (see the module docstring)."""

    threshold: float = 0.35
    split_threshold: float = 0.5
    containment: float = 0.6
    min_gain: float = 0.02
    position_weight: float = 0.05


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
class _Doc:
    words: list[list[str]]
    keys: list[list[str]]
    sections: list[str]


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(" ".join(text.split())))


@lru_cache(maxsize=8192)
def _cached_keys(text: str) -> tuple[str, ...]:
    return tuple(w[:KEY_LEN] for w in _KEY_RE.findall(text.casefold()))


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, each with the space before it (see the module docstring).

    >>> tokens("Trade grows (fast).")
    ['Trade', ' grows', ' (', 'fast', ')', '.']
    """
    return list(_tokens(text))


def _keys(text: str) -> list[str]:
    return list(_cached_keys(text))


def _make_doc(texts: Sequence[str], sections: Sequence[str]) -> _Doc:
    keys = [_keys(t) for t in texts]
    return _Doc(
        words=[tokens(t) for t in texts],
        keys=keys,
        sections=list(sections),
    )


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


def _matrices(old: _Doc, new: _Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores and key containments, each of shape (len(old), len(new)).

    ``score``: cosine of tf-idf vectors of keys and key bigrams.  ``in_old[i, j]``: share of
    the distinct keys of new paragraph j found in old paragraph i; ``in_new[i, j]``: share of
    the distinct keys of old paragraph i found in new paragraph j.
    """
    all_keys = old.keys + new.keys
    terms: list[str] = []
    lengths: list[int] = []
    unigram: list[bool] = []
    for keys in all_keys:
        pairs = [a + " " + b for a, b in pairwise(keys)]
        terms += keys
        terms += pairs
        lengths.append(len(keys) + len(pairs))
        unigram += [True] * len(keys) + [False] * len(pairs)
    # term ids: Python's string hash (C speed), made dense by np.unique
    hashes = np.fromiter(map(hash, terms), np.int64, len(terms))
    uniq, ids = np.unique(hashes, return_inverse=True)
    ids = ids.astype(np.int64).ravel()
    owner = np.repeat(np.arange(len(all_keys), dtype=np.int64), lengths)
    size_v = max(len(uniq), 1)
    code, counts = np.unique(owner * size_v + ids, return_counts=True)
    row_arr, col_arr = code // size_v, code % size_v
    is_uni = np.asarray(unigram, dtype=bool)
    uni_code = np.unique(owner[is_uni] * size_v + ids[is_uni])
    uni_rows, uni_cols = uni_code // size_v, uni_code % size_v
    n_par, m = len(all_keys), len(old.keys)
    shape = (n_par, size_v)
    tf = np.log(counts.astype(float)) + 1.0
    df = np.bincount(col_arr, minlength=shape[1])
    idf = np.log((1.0 + n_par) / (1.0 + df)) + 1.0
    weights = tf * idf[col_arr]
    norms = np.sqrt(np.bincount(row_arr, weights=weights**2, minlength=n_par))
    norms[norms == 0] = 1.0
    mat = sparse.csr_matrix((weights / norms[row_arr], (row_arr, col_arr)), shape=shape)
    score = (mat[:m] @ mat[m:].T).toarray()

    binary = sparse.csr_matrix((np.ones(len(uni_rows)), (uni_rows, uni_cols)), shape=shape)
    shared = (binary[:m] @ binary[m:].T).toarray()
    sizes = np.maximum(np.asarray(binary.sum(axis=1)).ravel(), 1.0)
    in_old = shared / sizes[None, m:]
    in_new = shared / sizes[:m, None]
    return score, in_old, in_new


class _Match:
    """Two token lists and their (lazily built) word-level SequenceMatcher."""

    def __init__(self, a: list[str], b: list[str]) -> None:
        self.a, self.b = a, b
        self._sm: SequenceMatcher[str] | None = None
        self._ratio: float | None = None

    @property
    def sm(self) -> SequenceMatcher[str]:
        if self._sm is None:
            self._sm = SequenceMatcher(None, self.a, self.b, autojunk=False)
        return self._sm

    def ratio(self) -> float:
        if self._ratio is None:
            self._ratio = 1.0 if self.a == self.b else self.sm.ratio()
        return self._ratio


def _ops(match: _Match) -> list[Op]:
    """The matcher's opcodes as word operations (a replace is a delete then an insert)."""
    a, b = match.a, match.b
    if a == b:
        return [("equal", list(a), list(b))] if a else []
    out: list[Op] = []
    for tag, i1, i2, j1, j2 in match.sm.get_opcodes():
        if tag == "equal":
            out.append(("equal", list(a[i1:i2]), list(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("delete", list(a[i1:i2]), []))
            if j2 > j1:
                out.append(("insert", [], list(b[j1:j2])))
    return out


def _group(
    whole: int,
    partner: int | None,
    free: set[int],
    contained: np.ndarray,
    ratio: Callable[[int, list[int]], float],
    opts: AlignOptions,
) -> tuple[list[int], float] | None:
    """Grow a run of consecutive paragraphs on the other side that together match ``whole``.

    ``contained[j]`` is the share of paragraph j's keys found in ``whole``; ``ratio(whole,
    idx)`` the word similarity of ``whole`` against the paragraphs ``idx`` joined.
    """
    n_other = len(contained)

    def fits(j: int) -> bool:
        return (j in free or j == partner) and contained[j] >= opts.containment

    if partner is not None and fits(partner):
        group = [partner]
    else:
        seeds = [j for j in free if contained[j] >= opts.containment]
        if not seeds:
            return None
        group = [max(seeds, key=lambda j: (ratio(whole, [j]), -j))]
    best = ratio(whole, group)
    while True:
        trials = []
        for j in (group[0] - 1, group[-1] + 1):
            if 0 <= j < n_other and fits(j):
                idx = sorted([*group, j])
                trials.append((ratio(whole, idx), -j, idx))
        if not trials:
            break
        r, _, idx = max(trials)
        if r <= best + opts.min_gain:
            break
        group, best = idx, r
    if len(group) >= 2 and best >= opts.split_threshold:
        return group, best
    return None


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
            chunk = words[pos : pos + take]
            if op == "equal":
                out[k].append((op, chunk, chunk))
            elif side == 2:
                out[k].append((op, [], chunk))
            else:
                out[k].append((op, chunk, []))
            pos += take
            used += take
    return out


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


def align(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    old_sections: Sequence[str],
    new_sections: Sequence[str],
    opts: AlignOptions | None = None,
) -> list[AlignedRow]:
    """Align two lists of paragraphs; rows come in no particular order.

    >>> rows = align(["a b c", "d e f"], ["d e f", "a b x"], ["S", "S"], ["S", "S"])
    >>> sorted((r.old, r.new, r.status) for r in rows)
    [(0, 1, 'edited'), (1, 0, 'moved')]
    """
    opts = opts or AlignOptions()
    old, new = _make_doc(old_texts, old_sections), _make_doc(new_texts, new_sections)
    m, n = len(old.words), len(new.words)
    if m and n:
        score, in_old, in_new = _matrices(old, new)
    else:
        score = in_old = in_new = np.zeros((m, n))

    matchers: dict[tuple[tuple[int, ...], tuple[int, ...]], _Match] = {}

    def matcher(olds: Sequence[int], news: Sequence[int]) -> _Match:
        key = (tuple(olds), tuple(news))
        if key not in matchers:
            a = _join([old.words[i] for i in olds])
            b = _join([new.words[j] for j in news])
            matchers[key] = _Match(a, b)
        return matchers[key]

    def ratio(olds: Sequence[int], news: Sequence[int]) -> float:
        return matcher(olds, news).ratio()

    # -- 3. global one-to-one assignment
    pair_new: dict[int, int] = {}
    if m and n:
        pos = np.abs(np.arange(m)[:, None] / m - np.arange(n)[None, :] / n)
        gain = score - opts.position_weight * pos
        gain[score <= 0] = -1.0
        for i, j in zip(*linear_sum_assignment(gain, maximize=True), strict=True):
            i, j = int(i), int(j)
            if score[i, j] <= 0:
                continue
            if score[i, j] >= opts.threshold or ratio([i], [j]) >= opts.threshold:
                pair_new[i] = j
    pair_old = {j: i for i, j in pair_new.items()}

    # -- 4. splits (old -> several new), then merges (several old -> new)
    splits: dict[int, tuple[list[int], float]] = {}
    grouped_old: set[int] = set()
    grouped_new: set[int] = set()
    free_new = set(range(n)) - set(pair_old)
    for i in range(m):
        found = _group(
            i,
            pair_new.get(i),
            free_new,
            in_old[i],
            lambda w, idx: ratio([w], idx),
            opts,
        )
        if found:
            splits[i] = found
            grouped_old.add(i)
            grouped_new.update(found[0])
            free_new -= set(found[0])
    merges: dict[int, tuple[list[int], float]] = {}
    free_old = set(range(m)) - set(pair_new) - grouped_old
    for j in range(n):
        if j in grouped_new:
            continue
        partner = pair_old.get(j)
        if partner in grouped_old:
            partner = None
        found = _group(
            j,
            partner,
            free_old,
            in_new[:, j],
            lambda w, idx: ratio(idx, [w]),
            opts,
        )
        if found:
            merges[j] = found
            grouped_new.add(j)
            grouped_old.update(found[0])
            free_old -= set(found[0])
    pairs = {i: j for i, j in pair_new.items() if i not in grouped_old and j not in grouped_new}

    # -- 5. order: units (pairs and groups) on a heaviest increasing subsequence stay put
    units: list[tuple[int, int, float, tuple[str, int]]] = []
    for i, j in pairs.items():
        units.append((i, j, len(old.words[i]) + 1.0, ("pair", i)))
    for i, (grp, _) in splits.items():
        units.append((i, grp[0], len(old.words[i]) + 1.0, ("split", i)))
    for j, (grp, _) in merges.items():
        units.append((grp[0], j, sum(len(old.words[g]) for g in grp) + 1.0, ("merge", j)))
    units.sort()
    kept = _heaviest_increasing([u[1] for u in units], [u[2] for u in units])
    reordered = {u[3] for t, u in enumerate(units) if t not in kept}

    # sections: a move between two sections that both documents have
    old_names, new_names = set(old.sections), set(new.sections)

    def sec_moved(i: int, j: int) -> bool:
        src, dst = old.sections[i], new.sections[j]
        return src != dst and src in new_names and dst in old_names

    rows: list[AlignedRow] = []
    for i, j in pairs.items():
        sm = matcher([i], [j])
        moved_order = ("pair", i) in reordered
        moved_sec = sec_moved(i, j)
        same = old.words[i] == new.words[j]
        status = "moved" if (moved_order or moved_sec) else ("unchanged" if same else "edited")
        rows.append(
            AlignedRow(
                status,
                i,
                j,
                ratio([i], [j]),
                _ops(sm),
                reordered=moved_order,
                section_changed=moved_sec,
            )
        )
    for i, (grp, sim) in splits.items():
        parts = _distribute(_ops(matcher([i], grp)), [len(new.words[j]) for j in grp], 2)
        moved_order = ("split", i) in reordered
        for k, j in enumerate(grp):
            moved_sec = sec_moved(i, j)
            rows.append(
                AlignedRow(
                    "split",
                    i if k == 0 else None,
                    j,
                    sim,
                    parts[k],
                    split_from=i,
                    reordered=moved_order,
                    section_changed=moved_sec,
                )
            )
    for j, (grp, sim) in merges.items():
        parts = _distribute(_ops(matcher(grp, [j])), [len(old.words[i]) for i in grp], 1)
        moved_order = ("merge", j) in reordered
        for k, i in enumerate(grp):
            moved_sec = sec_moved(i, j)
            rows.append(
                AlignedRow(
                    "merged",
                    i,
                    j if k == 0 else None,
                    sim,
                    parts[k],
                    merged_into=j,
                    reordered=moved_order,
                    section_changed=moved_sec,
                )
            )
    used_old = set(pairs) | grouped_old
    used_new = set(pairs.values()) | grouped_new
    for i in range(m):
        if i not in used_old:
            rows.append(AlignedRow("removed", i, None, 0.0, [("delete", old.words[i], [])]))
    for j in range(n):
        if j not in used_new:
            rows.append(AlignedRow("added", None, j, 0.0, [("insert", [], new.words[j])]))
    return rows
