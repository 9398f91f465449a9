"""The Arrow counting path gives exactly the counts of the Python path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sco_text import frequency
from sco_text._termcount import CHUNK_BYTES, arrow_texts, count_terms
from sco_text.tokens import Tokenizer

TOKENIZERS = [
    Tokenizer(),
    Tokenizer(stop_words=None),
    Tokenizer(stem=True),
    Tokenizer(fold_spelling=True),
    Tokenizer(lowercase=False, stop_words="english"),
]
TRICKY = [
    "China's non-proliferation (2019\u20132021), R&D and U.S. e.g. 1.5 10,000 don't",
    "The  Member\u00a0States\u2003note\ttheir\u2028organisation's peoples' role--and/or",
    "\u0130stanbul \u0130NAN \u039f\u0394\u039f\u03a3 \u03a3\u03a3 caf\u00e9 \u00df STRASSE",
    "",
    "   ",
    "d\u2019Ivoire, co-\noperation; \u201cpeace\u201d \u2013 security \u2014 trade.",
]


def _python_counts(frame: pd.DataFrame, codes: np.ndarray, n: int, tok: Tokenizer) -> tuple:
    return frequency._count_matrix(frequency._texts_by_code(frame, codes, n), tok)


def _same(a: tuple, b: tuple) -> bool:
    (ma, ta, wa), (mb, tb, wb) = a, b
    return (
        ma.shape == mb.shape
        and ma.dtype == mb.dtype
        and np.array_equal(ma.indptr, mb.indptr)
        and np.array_equal(ma.indices, mb.indices)
        and np.array_equal(ma.data, mb.data)
        and ta.tolist() == tb.tolist()
        and np.array_equal(wa, wb)
    )


@pytest.mark.parametrize("tok", TOKENIZERS, ids=repr)
@pytest.mark.parametrize("chunk_bytes", [1, 40, CHUNK_BYTES])
def test_arrow_counts_equal_python_counts(tok: Tokenizer, chunk_bytes: int) -> None:
    texts = TRICKY * 3
    frame = pd.DataFrame({"doc_id": list("abcabcabcabcabcabcab")[: len(texts)], "text": texts})
    codes, labels = frequency.grouping(frame, ["doc_id"])
    expected = _python_counts(frame, codes, len(labels), tok)
    got = count_terms(arrow_texts(frame), codes, len(labels), tok, chunk_bytes=chunk_bytes)
    assert _same(got, expected)


def test_chunk_boundary_keeps_rows_whole() -> None:
    """A chunk of exactly CHUNK_BYTES bytes closes there; one byte more starts another."""
    from sco_text._termcount import _slices

    row = "ab " * 10  # 30 bytes
    texts = pa.chunked_array([[row, row, row]])
    assert [len(a) for _, a in _slices(texts, 60)] == [2, 1]
    assert [len(a) for _, a in _slices(texts, 59)] == [1, 1, 1]
    assert [first for first, _ in _slices(texts, 59)] == [0, 1, 2]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("aAzZ09 .,-'&\u2019\u2013\u00a0\n\t\u0130\u03a3s_()")),
            max_size=40,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_arrow_counts_equal_python_counts_random(texts: list[str]) -> None:
    frame = pd.DataFrame({"doc_id": [str(i % 3) for i in range(len(texts))], "text": texts})
    codes, labels = frequency.grouping(frame, ["doc_id"])
    for tok in (Tokenizer(), Tokenizer(stop_words=None, lowercase=False)):
        expected = _python_counts(frame, codes, len(labels), tok)
        assert _same(count_terms(arrow_texts(frame), codes, len(labels), tok), expected)


def test_arrow_texts_of_any_column() -> None:
    strings = pd.DataFrame({"text": pd.Series(["a", None, "b"], dtype="str")})
    assert arrow_texts(strings).to_pylist() == ["a", "", "b"]
    objects = pd.DataFrame({"text": pd.Series(["a", None, "b"], dtype=object)})
    assert arrow_texts(objects).to_pylist() == ["a", "", "b"]
    mixed = pd.DataFrame({"text": pd.Series(["a", 5], dtype=object)})
    assert arrow_texts(mixed) is None  # counted in Python (where 5 is "")
    surrogate = pd.DataFrame({"text": pd.Series(["a\udc80b"], dtype=object)})
    assert arrow_texts(surrogate) is None


def test_tfidf_same_whichever_path() -> None:
    texts = [*TRICKY, 5, None]
    frame = pd.DataFrame({"doc_id": list("aabbcccd")[: len(texts)], "text": texts})
    mixed = frequency.tfidf(frame)  # object column with a number: the Python path
    strings = frequency.tfidf(frame.assign(text=[t if isinstance(t, str) else "" for t in texts]))
    pd.testing.assert_frame_equal(mixed, strings)


def test_needs_a_separable_tokeniser() -> None:
    with pytest.raises(ValueError, match="phrases or n-grams"):
        count_terms(pa.chunked_array([["a b"]]), np.array([0]), 1, Tokenizer(ngram_range=(1, 2)))


def test_group_by_group_sort_at_its_boundary() -> None:
    """At SORT_EACH_MIN_MEAN entries per group on average groups are sorted one by one,
    below by one complex key; the order is the same either way (ties: term order)."""
    from sco_text.frequency import SORT_EACH_MIN_MEAN, _order_within_groups, _sorts_each

    assert _sorts_each(SORT_EACH_MIN_MEAN * 3, 3)
    assert not _sorts_each(SORT_EACH_MIN_MEAN * 3 - 1, 3)
    assert not _sorts_each(0, 0)
    rng = np.random.default_rng(7)
    for size in (SORT_EACH_MIN_MEAN - 1, SORT_EACH_MIN_MEAN):
        group = np.repeat(np.arange(3), size)
        score = rng.integers(0, 4, len(group)).astype(np.float64)  # many ties
        term = np.tile(np.arange(size), 3)
        expected = np.lexsort((term, -score, group))
        assert np.array_equal(_order_within_groups(group, score, term, None), expected)
        top = _order_within_groups(group, score, term, 5)
        assert np.array_equal(top, expected.reshape(3, size)[:, :5].ravel())


def test_threaded_group_sort_at_its_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    """From SORT_THREADS_MIN entries (and two groups) the groups are sorted on two
    threads; the order is the one a three-key lexsort gives, whichever way."""
    from sco_text import frequency
    from sco_text.frequency import SORT_THREADS_MIN, _order_within_groups, _sort_threads

    assert _sort_threads(SORT_THREADS_MIN, 2) == 2
    assert _sort_threads(SORT_THREADS_MIN - 1, 2) == 1
    assert _sort_threads(SORT_THREADS_MIN, 1) == 1
    rng = np.random.default_rng(11)
    sizes = rng.integers(64, 200, 9)
    group = np.repeat(np.arange(len(sizes)), sizes)
    score = rng.integers(0, 5, len(group)).astype(np.float64)  # many ties
    term = np.concatenate([np.arange(k) for k in sizes])
    expected = np.lexsort((term, -score, group))
    for threshold in (len(group), len(group) + 1):  # two threads, then one
        monkeypatch.setattr(frequency, "SORT_THREADS_MIN", threshold)
        assert np.array_equal(_order_within_groups(group, score, term, None), expected)
