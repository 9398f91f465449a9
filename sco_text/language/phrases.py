"""How formulas travel: recurring phrases across declarations and one phrase's history.

:func:`phrase_history` lists the *formulas* of a corpus: word n-grams of ``min_words``
to ``max_words`` words that at least ``min_docs`` documents share.  Words are those of
:data:`sco_text.text.WORD_PATTERN`, compared lower-cased (and, with
``fold_spelling=True``, with British/American spellings folded by
:func:`sco_text.spelling.fold_spelling`); punctuation between words is ignored, but a
phrase never crosses a paragraph or a sentence end (``.``, ``!``, ``?``, ``;``).
Only **maximal** phrases are listed: a phrase is left
out when a longer listed phrase contains it and is shared by exactly the same
documents, so "a community with a shared future" is not listed beside "a community
with a shared future for humankind" unless it also appears somewhere without the
longer phrase.  Where shared ``max_words``-grams run on over consecutive words with
the same documents (a copied sentence), they are joined into one longer phrase, kept
when it appears whole in those documents.  Boilerplate found in nearly every document
is left out (:data:`BOILERPLATE_SHARE`) and the rest ranked by ``weight``: how rare
the phrase's words are, times how many further dates it reached.

:func:`phrase_timeline` follows one phrase through every document, in date order: where
it appears, as written, and in each document without it, what stood in its place: the
words aligned to it in the document's sentence most like the one that holds the phrase
elsewhere (:data:`MIN_CONTEXT_SIMILARITY`).

>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2020-01-01", "2021-01-01",
...     "2022-01-01"]), "section": ["S"] * 3, "para_no": [0, 0, 0],
...     "text": ["We build a community of common destiny for mankind today.",
...              "We build a community with a shared future for humankind today.",
...              "We build a Community with a shared future for humankind now."]})
>>> history = phrase_history(frame)
>>> history["phrase"].tolist()
['We build a community with a shared future for humankind']
>>> history[["n_words", "n_docs", "weight", "first_doc", "last_doc"]]
   n_words  n_docs  weight first_doc last_doc
0       10       2   1.622         b        c
>>> everything = phrase_history(frame, max_share=None, rank="docs")
>>> everything[["n_words", "n_docs", "first_doc"]]
   n_words  n_docs first_doc
0        4       3         a
1       10       2         b
>>> everything["weight"].tolist()
[0.0, 1.622]
>>> everything["variants"][0]
['We build a community', 'We build a Community']
>>> timeline = phrase_timeline(frame, "a community with a shared future for humankind")
>>> timeline[["doc_id", "count", "instead"]]
  doc_id  count                                    instead
0      a      0  a community of common destiny for mankind
1      b      1
2      c      1
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validate import check_choice, check_columns, check_positive_int
from ..corpus import sentences
from ..errors import OptionError
from ..spelling import fold_spelling as _fold_word
from ..text import WORD_PATTERN, fold_marks

__all__ = [
    "BOILERPLATE_SHARE",
    "HISTORY_COLUMNS",
    "MIN_CONTEXT_SIMILARITY",
    "RANKINGS",
    "TIMELINE_COLUMNS",
    "phrase_history",
    "phrase_timeline",
]

#: Columns of :func:`phrase_history`.
HISTORY_COLUMNS = [
    "phrase",
    "n_words",
    "n_docs",
    "n_dates",
    "n_occurrences",
    "weight",
    "first_date",
    "first_doc",
    "last_date",
    "last_doc",
    "doc_ids",
    "dates",
    "variants",
]
#: Columns of :func:`phrase_timeline`.
TIMELINE_COLUMNS = [
    "doc_id",
    "date",
    "count",
    "as_written",
    "para_no",
    "instead",
    "similarity",
    "context",
]

#: A document without the phrase shows what stood in its place only when one of its
#: sentences is at least this similar (difflib ratio over words) to the sentence that
#: holds the phrase in the nearest document that has it.
MIN_CONTEXT_SIMILARITY = 0.5

#: By default :func:`phrase_history` leaves out a phrase found in more than this share
#: of the corpus's documents (boilerplate such as "the member states of the Shanghai
#: Cooperation Organisation"), unless that is no more than ``min_docs`` documents (so a
#: two-document corpus still lists what the two share).  ``max_share=None`` keeps all.
BOILERPLATE_SHARE = 0.8

#: Orders of :func:`phrase_history`: ``"weight"`` (most informative first) or
#: ``"docs"`` (most widespread first).
RANKINGS = ("weight", "docs")

_STOP = re.compile(r"[.!?;]")


@dataclass(frozen=True)
class _Para:
    doc: int  # document index (date order)
    row: int  # row of the frame
    keys: tuple[str, ...]  # compared form of each word
    spans: tuple[tuple[int, int], ...]  # character span of each word in the text


def _key(word: str, fold: bool) -> str:
    word = fold_marks(word).lower()
    return _fold_word(word) if fold else word


def _paragraphs(texts: Sequence[str], docs: Sequence[int], fold: bool) -> list[_Para]:
    """Each paragraph's words, cut where a sentence or clause ends (``. ! ? ;``)."""
    out = []
    for row, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        matches = list(WORD_PATTERN.finditer(text))
        start = 0
        for k in range(1, len(matches) + 1):
            if k == len(matches) or _STOP.search(text, matches[k - 1].end(), matches[k].start()):
                chunk = matches[start:k]
                keys = tuple(_key(m.group(1), fold) for m in chunk)
                spans = tuple((m.start(1), m.end(1)) for m in chunk)
                out.append(_Para(doc, row, keys, spans))
                start = k
    return out


def _doc_order(frame: pd.DataFrame) -> tuple[list[Any], dict[Any, Any], np.ndarray]:
    """Documents in date order (undated last, then frame order), their dates, row codes."""
    ids = list(dict.fromkeys(frame["doc_id"].tolist()))
    if "date" in frame.columns:
        first = frame.drop_duplicates("doc_id").set_index("doc_id")["date"]
        dates = {d: pd.Timestamp(first[d]) if pd.notna(first[d]) else pd.NaT for d in ids}
    else:
        dates = dict.fromkeys(ids, pd.NaT)
    ids.sort(key=lambda d: (pd.isna(dates[d]), dates[d] if pd.notna(dates[d]) else 0))
    position = {d: i for i, d in enumerate(ids)}
    codes = np.array([position[d] for d in frame["doc_id"].tolist()], dtype=np.int64)
    return ids, dates, codes


def _check_options(min_words: int, max_words: int, min_docs: int) -> None:
    check_positive_int("min_words", min_words)
    check_positive_int("max_words", max_words)
    check_positive_int("min_docs", min_docs)
    if max_words < min_words:
        raise OptionError(f"max_words={max_words} is not allowed; give max_words >= min_words")
    if min_docs < 2:
        raise OptionError(f"min_docs={min_docs} is not allowed; give min_docs >= 2")


def _shared_ngrams(
    paras: Sequence[_Para], min_words: int, max_words: int, min_docs: int
) -> dict[int, dict[tuple[str, ...], frozenset[int]]]:
    """Per length n, every n-gram shared by >= min_docs documents and its document set.

    Level by level: an (n+1)-gram can only be shared if both of its n-grams are, so
    only positions where two shared n-grams start side by side are extended.
    """
    levels: dict[int, dict[tuple[str, ...], frozenset[int]]] = {}
    # positions[p] = starts in paragraph p of the shared grams of the current level
    positions: list[list[int]] = [list(range(len(p.keys) - min_words + 1)) for p in paras]
    for n in range(min_words, max_words + 1):
        docsets: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for p, starts in zip(paras, positions, strict=True):
            for i in starts:
                docsets[p.keys[i : i + n]].add(p.doc)
        shared = {g: frozenset(d) for g, d in docsets.items() if len(d) >= min_docs}
        if not shared:
            break
        levels[n] = shared
        nxt: list[list[int]] = []
        for p, starts in zip(paras, positions, strict=True):
            ok = {i for i in starts if p.keys[i : i + n] in shared}
            nxt.append([i for i in sorted(ok) if i + 1 in ok])
        positions = nxt
    return levels


def _maximal(
    levels: dict[int, dict[tuple[str, ...], frozenset[int]]],
) -> dict[tuple[str, ...], frozenset[int]]:
    """Drop every phrase that a one-word-longer shared phrase extends with equal documents."""
    kept: dict[tuple[str, ...], frozenset[int]] = {}
    for n, grams in levels.items():
        longer = levels.get(n + 1, {})
        covered = set()
        for g, docs in longer.items():
            if docs == grams.get(g[:-1]):
                covered.add(g[:-1])
            if docs == grams.get(g[1:]):
                covered.add(g[1:])
        kept.update((g, d) for g, d in grams.items() if g not in covered)
    return kept


def _join_runs(
    paras: Sequence[_Para],
    kept: dict[tuple[str, ...], frozenset[int]],
    max_words: int,
    min_docs: int,
) -> dict[tuple[str, ...], frozenset[int]]:
    """Join overlapping ``max_words``-grams into one longer phrase where they run on.

    A run of shared ``max_words``-grams starting at consecutive words of a paragraph,
    all with the same documents, becomes one phrase; it is kept when it really appears
    whole in at least ``min_docs`` documents, else its windows stay as they were.
    """
    capped = {g: d for g, d in kept.items() if len(g) == max_words}
    if not capped:
        return kept
    runs: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for p in paras:
        i, n = 0, len(p.keys) - max_words + 1
        while i < n:
            g = p.keys[i : i + max_words]
            docs = capped.get(g)
            j = i
            if docs is not None:
                while j + 1 < n and capped.get(p.keys[j + 1 : j + 1 + max_words]) == docs:
                    j += 1
            if j > i:
                windows = [p.keys[k : k + max_words] for k in range(i, j + 1)]
                runs.setdefault(p.keys[i : j + max_words], windows)
            i = j + 1
    if not runs:
        return kept
    # where each run really appears whole
    found: dict[tuple[str, ...], set[int]] = defaultdict(set)
    by_length: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for run in runs:
        by_length[len(run)].add(run)
    for p in paras:
        for n, grams in by_length.items():
            for i in range(len(p.keys) - n + 1):
                if p.keys[i : i + n] in grams:
                    found[p.keys[i : i + n]].add(p.doc)
    out = dict(kept)
    for run, windows in runs.items():
        whole = frozenset(found[run])
        if len(whole) >= min_docs and all(whole == capped[w] for w in windows):
            for w in windows:
                out.pop(w, None)
            out[run] = whole
    return out


def _word_idf(paras: Sequence[_Para], n_docs: int) -> dict[str, float]:
    """Each compared word's inverse document frequency, ``log(n_docs / df)``."""
    seen: dict[str, set[int]] = defaultdict(set)
    for p in paras:
        for k in p.keys:
            seen[k].add(p.doc)
    return {k: float(np.log(n_docs / len(d))) for k, d in seen.items()}


def _check_share(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise OptionError(
            f"max_share={value!r} is not allowed; give a share in (0, 1] or None (keep all)"
        )
    return float(value)


def _date_label(value: Any) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def phrase_history(
    frame: pd.DataFrame,
    *,
    min_words: int = 4,
    max_words: int = 12,
    min_docs: int = 2,
    fold_spelling: bool = False,
    max_share: float | None = BOILERPLATE_SHARE,
    rank: str = "weight",
    top: int | None = None,
) -> pd.DataFrame:
    """The formulas a corpus repeats: maximal shared word n-grams and where they appear.

    By default boilerplate is left out (phrases in more than ``max_share`` of the
    documents) and the most informative formulas come first: ``weight`` is the sum,
    over the phrase's distinct words, of ``log(N / df)`` (``N`` documents, ``df`` of
    them hold the word), times the number of *further* dates the phrase reached
    (``n_dates - 1``).  Words found in every document weigh nothing, so "of the member
    states" weighs 0, while "Belt and Road Initiative", carried through three summits,
    comes early.  ``max_share=None, rank="docs"`` lists everything, most widespread first.

    Parameters
    ----------
    frame
        The corpus frame (``doc_id``, ``text``; ``date`` orders the documents).
    min_words, max_words
        Length of the phrases in words (``min_words <= max_words``).
    min_docs
        A phrase must appear in at least this many documents (>= 2).
    fold_spelling
        Compare words with British/American spellings folded, so "organisation" and
        "organization" make one phrase; ``variants`` lists the forms as written.
    top
        Keep only the first ``top`` rows.

    Returns
    -------
    pandas.DataFrame
        :data:`HISTORY_COLUMNS`: the ``phrase`` (as first written), ``n_words``,
        ``n_docs``, ``n_dates`` (distinct dates; each undated document counts as
        one), ``n_occurrences`` (all documents), ``weight`` (rounded to 3 decimals),
        the first and last appearance
        (``first_date``/``first_doc``, ``last_date``/``last_doc``), the ``doc_ids`` and
        ``dates`` (lists, date order) and the ``variants`` (list of the distinct forms
        as written, first seen first).  Ties are broken by ``n_words`` (longest
        first), then first appearance.
    """
    check_columns(frame, ["doc_id", "text"])
    _check_options(min_words, max_words, min_docs)
    check_positive_int("top", top, allow_none=True)
    share = _check_share(max_share)
    check_choice("rank", rank, RANKINGS)
    ids, dates, codes = _doc_order(frame)
    texts = frame["text"].fillna("").astype(str).tolist()
    paras = _paragraphs(texts, codes.tolist(), bool(fold_spelling))
    kept = _maximal(_shared_ngrams(paras, min_words, max_words, min_docs))
    kept = _join_runs(paras, kept, max_words, min_docs)
    if share is not None:
        limit = max(min_docs, share * len(ids))
        kept = {g: d for g, d in kept.items() if len(d) <= limit}
    idf = _word_idf(paras, len(ids))

    # occurrences of the kept phrases: count and the forms as written
    by_length: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for g in kept:
        by_length[len(g)].add(g)
    count: dict[tuple[str, ...], int] = defaultdict(int)
    forms: dict[tuple[str, ...], dict[str, None]] = defaultdict(dict)
    for p in paras:
        text = texts[p.row]
        for n, grams in by_length.items():
            for i in range(len(p.keys) - n + 1):
                g = p.keys[i : i + n]
                if g in grams:
                    count[g] += 1
                    written = " ".join(text[p.spans[i][0] : p.spans[i + n - 1][1]].split())
                    forms[g].setdefault(written, None)
    rows = []
    for g, docs in kept.items():
        order = sorted(docs)
        doc_ids = [ids[d] for d in order]
        n_dates = len({dates[d] for d in doc_ids if pd.notna(dates[d])}) + sum(
            pd.isna(dates[d]) for d in doc_ids
        )
        rows.append(
            {
                "phrase": next(iter(forms[g])),
                "n_words": len(g),
                "n_docs": len(order),
                "n_dates": n_dates,
                "n_occurrences": count[g],
                "weight": round((n_dates - 1) * sum(idf[k] for k in set(g)), 3),
                "first_date": dates[doc_ids[0]],
                "first_doc": doc_ids[0],
                "last_date": dates[doc_ids[-1]],
                "last_doc": doc_ids[-1],
                "doc_ids": doc_ids,
                "dates": [_date_label(dates[d]) for d in doc_ids],
                "variants": list(forms[g]),
                "_first": order[0],
            }
        )
    out = pd.DataFrame(rows, columns=[*HISTORY_COLUMNS, "_first"])
    order_by = ["weight", "n_docs"] if rank == "weight" else ["n_docs"]
    out = out.sort_values(
        [*order_by, "n_words", "_first", "phrase"],
        ascending=[False] * len(order_by) + [False, True, True],
        kind="stable",
    ).drop(columns="_first")
    if top is not None:
        out = out.head(top)
    out = out.reset_index(drop=True)
    for col in ("n_words", "n_docs", "n_dates", "n_occurrences"):
        out[col] = out[col].astype("int64")
    out["weight"] = out["weight"].astype("float64")
    for col in ("first_date", "last_date"):
        out[col] = pd.to_datetime(out[col])
    return out


def _find(keys: Sequence[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(keys) - n + 1) if tuple(keys[i : i + n]) == tuple(phrase)]


def _aligned_span(a: Sequence[str], i: int, j: int, b: Sequence[str]) -> tuple[int, int] | None:
    """The word range of ``b`` aligned to ``a[i:j]`` (difflib opcodes), or None."""
    lo, hi = None, None
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if a2 <= i or a1 >= j:
            continue
        if tag == "equal":
            s, e = b1 + max(i, a1) - a1, b1 + min(j, a2) - a1
        elif tag in ("replace", "delete"):
            s, e = b1, b2
        else:
            continue
        if e > s:
            lo = s if lo is None else min(lo, s)
            hi = e if hi is None else max(hi, e)
    return None if lo is None or hi is None else (lo, hi)


def phrase_timeline(
    frame: pd.DataFrame, phrase: str, *, fold_spelling: bool = False
) -> pd.DataFrame:
    """One phrase through every document, in date order, and what stood in its place.

    Parameters
    ----------
    frame
        The corpus frame (``doc_id``, ``section``, ``para_no``, ``text``; ``date``).
    phrase
        The words to follow; compared lower-cased, punctuation ignored (exactly, or with
        British/American spellings folded when ``fold_spelling=True``).
    fold_spelling
        Fold spellings on both sides before comparing.

    Returns
    -------
    pandas.DataFrame
        :data:`TIMELINE_COLUMNS`, one row per document: ``count`` of the phrase,
        ``as_written`` (its first occurrence as written) and its ``para_no``; for a
        document without it, ``instead``: the words aligned to the phrase in the
        document's sentence most like the phrase's sentence in the nearest document
        that has it, and that sentence's ``similarity`` (difflib ratio over words,
        kept when >= :data:`MIN_CONTEXT_SIMILARITY`); ``context`` is the sentence
        that holds the phrase or its stand-in.
    """
    check_columns(frame, ["doc_id", "section", "para_no", "text"])
    if not isinstance(phrase, str):
        raise OptionError(f"phrase={phrase!r} is not allowed; give the words as a string")
    fold = bool(fold_spelling)
    wanted = tuple(_key(m.group(1), fold) for m in WORD_PATTERN.finditer(phrase))
    if not wanted:
        raise OptionError(f"phrase={phrase!r} is not allowed; it holds no word")
    ids, dates, _ = _doc_order(frame)
    sents = sentences(frame)
    per_doc: dict[Any, list[tuple[Any, str, tuple[str, ...], list[tuple[int, int]]]]] = {
        d: [] for d in ids
    }
    for doc_id, para_no, text in zip(sents["doc_id"], sents["para_no"], sents["text"], strict=True):
        matches = list(WORD_PATTERN.finditer(text))
        keys = tuple(_key(m.group(1), fold) for m in matches)
        per_doc[doc_id].append((para_no, text, keys, [(m.start(1), m.end(1)) for m in matches]))

    hits: dict[Any, list[tuple[int, int]]] = {}  # doc -> (sentence index, word index)
    for d in ids:
        hits[d] = [(s, i) for s, sent in enumerate(per_doc[d]) for i in _find(sent[2], wanted)]
    having = [k for k, d in enumerate(ids) if hits[d]]
    n = len(wanted)
    rows = []
    for k, d in enumerate(ids):
        row: dict[str, Any] = {"doc_id": d, "date": dates[d], "count": len(hits[d])}
        row.update(as_written="", para_no=pd.NA, instead="", similarity=np.nan, context="")
        if hits[d]:
            s, i = hits[d][0]
            para_no, text, _, spans = per_doc[d][s]
            row.update(
                as_written=" ".join(text[spans[i][0] : spans[i + n - 1][1]].split()),
                para_no=para_no,
                context=text,
            )
        elif having:
            ref = min(having, key=lambda h: (abs(h - k), h < k))  # nearest; later on ties
            rs, ri = hits[ids[ref]][0]
            a = per_doc[ids[ref]][rs][2]
            best, best_ratio = None, 0.0
            for cand in per_doc[d]:
                sm = difflib.SequenceMatcher(None, a, cand[2], autojunk=False)
                if sm.real_quick_ratio() < best_ratio or sm.quick_ratio() < best_ratio:
                    continue
                ratio = sm.ratio()
                if ratio > best_ratio:
                    best, best_ratio = cand, ratio
            if best is not None and best_ratio >= MIN_CONTEXT_SIMILARITY:
                para_no, text, keys, spans = best
                span = _aligned_span(a, ri, ri + n, keys)
                if span is not None:
                    lo, hi = span
                    row["instead"] = " ".join(text[spans[lo][0] : spans[hi - 1][1]].split())
                row.update(para_no=para_no, similarity=round(best_ratio, 3), context=text)
        rows.append(row)
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    out["count"] = out["count"].astype("int64")
    out["para_no"] = out["para_no"].astype("Int64")
    out["similarity"] = out["similarity"].astype("float64")
    out["date"] = pd.to_datetime(out["date"])
    return out
