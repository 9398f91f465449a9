"""Tests for sco_text.text: the one definition of a word, and that every output uses it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sco_text as sco
from sco_text.text import (
    FOLDED_WORD_PATTERN,
    MONTHS,
    WORD_PATTERN,
    count_words,
    fold_marks,
    is_number,
    words,
)
from sco_text.tokens import Tokenizer, word_spans

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCO = ROOT.parent / "shared" / "corpora" / "sco"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "non-proliferation and counter-terrorism",
            ["non-proliferation", "and", "counter-terrorism"],
        ),
        ("non\u2011proliferation", ["non\u2011proliferation"]),
        (
            "COVID-19 in 2019\u20132021 and 17-19 June",
            ["COVID-19", "in", "2019\u20132021", "and", "17-19", "June"],
        ),
        ("R&D", ["R&D"]),
        ("China's and China\u2019s role", ["China", "and", "China", "role"]),
        ("we don't", ["we", "don't"]),
        ("1.5 degrees, 10,000 troops", ["1.5", "degrees", "10,000", "troops"]),
        ("the U.S. and e.g. the U.K.", ["the", "U.S", "and", "e.g", "the", "U.K"]),
        ("the 2030.Agenda", ["the", "2030", "Agenda"]),
        ("Ph.D", ["Ph", "D"]),
        ("and/or", ["and", "or"]),
        ("peace \u2014 security - trade", ["peace", "security", "trade"]),
        ("snake_case US$50 10%", ["snake", "case", "US", "50", "10"]),
        ("", []),
    ],
)
def test_what_counts_as_a_word(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert count_words(text) == len(expected)


def test_word_pattern_has_one_group() -> None:
    assert WORD_PATTERN.groups == 1 and FOLDED_WORD_PATTERN.groups == 1


ALPHABET = "abcsST019 -'\u2019\u2013\u2011&.,_\u00e9/\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_folded_pattern_finds_the_same_words(text: str) -> None:
    folded = FOLDED_WORD_PATTERN.findall(fold_marks(text.lower()))
    assert folded == [fold_marks(w.lower()) for w in WORD_PATTERN.findall(text)]
    assert count_words(text) == len(word_spans(text)) == Tokenizer().count_words(text)
    assert Tokenizer(stop_words=None).term_counts([text])[1] == count_words(text)


def test_numbers_and_months() -> None:
    assert all(is_number(w) for w in ["2017", "17-19", "2019\u20132021", "1.5", "10,000", "75th"])
    assert all(is_number(w) for w in ["1990s", "1st", "22nd", "3rd"])
    assert not any(is_number(w) for w in ["covid-19", "g20", "sco", "th", "", "-"])
    assert MONTHS["june"] == 6 and MONTHS["sept"] == 9 and len(set(MONTHS.values())) == 12


def _real_frame() -> pd.DataFrame:
    if not SHARED_SCO.is_dir():
        pytest.skip(f"shared SCO documents not found at {SHARED_SCO}")
    return sco.load_corpus([ROOT / "seeds", SHARED_SCO])


def test_word_counts_agree_across_outputs_on_real_text() -> None:
    frame = _real_frame()
    expected = {
        doc_id: sum(count_words(t) for t in part["text"])
        for doc_id, part in frame.groupby("doc_id")
    }
    assert len(expected) >= 12
    docs = sco.documents(frame).set_index("doc_id")["n_words"].to_dict()
    assert docs == expected

    # keyword frequency: rate_per_1000 = 1000 * count / words of the group
    freq = sco.keyword_frequency(frame, by="doc_id", top=1)
    from_freq = {
        row.group: round(1000 * row.count / row.rate_per_1000) for row in freq.itertuples()
    }
    assert from_freq == expected

    # themes: the same denominator
    th = sco.themes(frame, by="doc_id")
    th = th[th["count"] > 0].drop_duplicates("group")
    from_themes = {
        row.group: round(1000 * row.count / row.rate_per_1000) for row in th.itertuples()
    }
    assert from_themes == expected

    # the tokeniser's own word count, per paragraph
    tok = Tokenizer()
    for text in frame["text"].head(200):
        assert tok.term_counts([text])[1] == tok.count_words(text) == count_words(text)
