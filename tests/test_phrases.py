"""Phrase histories: a three-document corpus whose shared phrases were found by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import sco_text as st
from sco_text import plot
from sco_text.errors import FrameError, OptionError
from sco_text.language import phrases as ph

TEXTS = {
    "a": "The member states will strengthen the fight against terrorism. "
    "They support a community of common destiny for mankind.",
    "b": "The member states will strengthen the fight against terrorism. "
    "They support a community with a shared future for humankind.",
    "c": "The member states will strengthen cooperation. "
    "They support a community with a shared future for humankind.",
}


@pytest.fixture()
def corpus() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(TEXTS),
            "date": pd.to_datetime(["2020-06-01", "2021-06-01", "2022-06-01"]),
            "section": ["Preamble"] * 3,
            "para_no": [0, 0, 0],
            "text": list(TEXTS.values()),
        }
    )


def test_phrase_history_lists_the_maximal_shared_phrases(corpus: pd.DataFrame) -> None:
    got = st.phrase_history(corpus, max_share=None, rank="docs")
    assert list(got.columns) == ph.HISTORY_COLUMNS
    assert got[["phrase", "n_words", "n_docs", "n_occurrences"]].values.tolist() == [
        ["The member states will strengthen", 5, 3, 3],
        ["They support a community", 4, 3, 3],
        ["They support a community with a shared future for humankind", 10, 2, 2],
        ["The member states will strengthen the fight against terrorism", 9, 2, 2],
    ]
    assert got["first_doc"].tolist() == ["a", "a", "b", "a"]
    assert got["last_doc"].tolist() == ["c", "c", "c", "b"]
    assert got["first_date"][2] == pd.Timestamp("2021-06-01")
    assert got["doc_ids"][3] == ["a", "b"]
    assert got["dates"][2] == ["2021-06-01", "2022-06-01"]
    assert got["variants"][0] == ["The member states will strengthen"]
    assert got["n_dates"].tolist() == [3, 3, 2, 2]
    assert got["weight"].tolist() == [0.0, 0.0, 1.622, 1.216]


def test_by_default_boilerplate_is_left_out_and_weight_ranks(corpus: pd.DataFrame) -> None:
    got = st.phrase_history(corpus)
    # the two phrases of all three documents are boilerplate (3 > 0.8 * 3)
    assert got["phrase"].tolist() == [
        "They support a community with a shared future for humankind",
        "The member states will strengthen the fight against terrorism",
    ]
    # words in b and c only: with, shared, future, humankind -> 4 * log(3/2), one more date
    # words in a and b only: fight, against, terrorism -> 3 * log(3/2)
    assert got["weight"].tolist() == [round(4 * np.log(1.5), 3), round(3 * np.log(1.5), 3)]
    assert got["weight"].tolist() == [1.622, 1.216]


def test_weight_counts_further_dates_not_documents(corpus: pd.DataFrame) -> None:
    same_day = corpus.assign(date=pd.to_datetime(["2020-06-01", "2021-06-01", "2021-06-01"]))
    got = st.phrase_history(same_day)
    assert got[["phrase", "n_docs", "n_dates", "weight"]].values.tolist() == [
        ["The member states will strengthen the fight against terrorism", 2, 2, 1.216],
        ["They support a community with a shared future for humankind", 2, 1, 0.0],
    ]
    undated = st.phrase_history(corpus.drop(columns="date"))
    assert undated["n_dates"].tolist() == [2, 2]  # each undated document counts once
    assert undated["weight"].tolist() == [1.622, 1.216]


FIVE = [
    "Everyone here says hello to all. Peace and quiet for ever. Alpha.",
    "Everyone here says hello to all. Peace and quiet for ever. Beta.",
    "Everyone here says hello to all. Peace and quiet for ever. Gamma.",
    "Everyone here says hello to all. Peace and quiet for ever. Delta.",
    "Everyone here says hello to all. Epsilon.",
]


def test_boilerplate_share_boundary() -> None:
    frame = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(5)],
            "date": pd.to_datetime([f"{2019 + i}-01-01" for i in range(5)]),
            "section": ["S"] * 5,
            "para_no": [0] * 5,
            "text": FIVE,
        }
    )
    assert ph.BOILERPLATE_SHARE == 0.8
    got = st.phrase_history(frame)  # 4 of 5 documents = 0.8, not more: kept; 5 of 5: out
    assert got[["phrase", "n_docs", "weight"]].values.tolist() == [
        ["Peace and quiet for ever", 4, round(3 * 5 * np.log(5 / 4), 3)]
    ]
    assert st.phrase_history(frame, max_share=0.79).empty  # 4 > 0.79 * 5 = 3.95
    everything = st.phrase_history(frame, max_share=None)
    assert everything["phrase"].tolist() == [
        "Peace and quiet for ever",
        "Everyone here says hello to all",
    ]
    # a phrase in no more than min_docs documents is never boilerplate: two documents
    # still show what they share
    two = frame.head(2)
    assert st.phrase_history(two)["phrase"].tolist() == [
        "Everyone here says hello to all",
        "Peace and quiet for ever",
    ]
    assert st.phrase_history(frame, min_docs=5)["phrase"].tolist() == [
        "Everyone here says hello to all"
    ]


def test_runs_of_capped_phrases_are_joined(corpus: pd.DataFrame) -> None:
    got = st.phrase_history(corpus, max_words=4, max_share=None, rank="docs")
    assert got[["phrase", "n_words", "n_docs"]].values.tolist() == [
        ["The member states will strengthen", 5, 3],
        ["They support a community", 4, 3],
        ["support a community with a shared future for humankind", 9, 2],
        ["states will strengthen the fight against terrorism", 7, 2],
    ]


def test_min_docs_and_top(corpus: pd.DataFrame) -> None:
    got = st.phrase_history(corpus, min_docs=3)
    assert got["phrase"].tolist() == [
        "The member states will strengthen",
        "They support a community",
    ]
    assert len(st.phrase_history(corpus, top=1)) == 1


def test_spelling_folded_phrases_keep_their_variants() -> None:
    frame = pd.DataFrame(
        {
            "doc_id": ["x", "y"],
            "section": ["S", "S"],
            "para_no": [0, 0],
            "text": [
                "Good neighbourliness and friendship matter.",
                "Good neighborliness and friendship matter.",
            ],
        }
    )
    assert st.phrase_history(frame).empty
    got = st.phrase_history(frame, fold_spelling=True)
    assert got["n_words"].tolist() == [5]
    assert got["variants"][0] == [
        "Good neighbourliness and friendship matter",
        "Good neighborliness and friendship matter",
    ]
    timeline = st.phrase_timeline(frame, "good neighbourliness", fold_spelling=True)
    assert timeline["count"].tolist() == [1, 1]
    assert st.phrase_timeline(frame, "good neighbourliness")["count"].tolist() == [1, 0]


def test_phrase_timeline_shows_what_stood_in_its_place(corpus: pd.DataFrame) -> None:
    got = st.phrase_timeline(corpus, "A community with a shared future for humankind")
    assert list(got.columns) == ph.TIMELINE_COLUMNS
    assert got["doc_id"].tolist() == ["a", "b", "c"]
    assert got["count"].tolist() == [0, 1, 1]
    assert got["as_written"].tolist() == [
        "",
        "a community with a shared future for humankind",
        "a community with a shared future for humankind",
    ]
    assert got["instead"].tolist() == ["a community of common destiny for mankind", "", ""]
    # 5 words in matching blocks out of 10 + 9: 2 * 5 / 19
    assert got["similarity"][0] == round(10 / 19, 3)
    assert np.isnan(got["similarity"][1])
    assert got["context"][0] == "They support a community of common destiny for mankind."
    assert got["para_no"].tolist() == [0, 0, 0]


def test_min_context_similarity_boundary(
    corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ph.MIN_CONTEXT_SIMILARITY == 0.5
    monkeypatch.setattr(ph, "MIN_CONTEXT_SIMILARITY", round(10 / 19, 3))  # 0.526: kept
    assert st.phrase_timeline(corpus, "a shared future for humankind")["instead"][0] != ""
    monkeypatch.setattr(ph, "MIN_CONTEXT_SIMILARITY", 0.53)  # above 10/19: dropped
    got = st.phrase_timeline(corpus, "a shared future for humankind")
    assert got["instead"][0] == "" and np.isnan(got["similarity"][0])


def test_input_is_not_changed(corpus: pd.DataFrame) -> None:
    before = corpus.copy()
    st.phrase_history(corpus)
    st.phrase_timeline(corpus, "they support")
    pd.testing.assert_frame_equal(corpus, before)


def test_bad_options(corpus: pd.DataFrame) -> None:
    with pytest.raises(OptionError, match="max_words"):
        st.phrase_history(corpus, min_words=5, max_words=4)
    with pytest.raises(OptionError, match="min_docs"):
        st.phrase_history(corpus, min_docs=1)
    for share in (0, 1.5, "half", True):
        with pytest.raises(OptionError, match="max_share"):
            st.phrase_history(corpus, max_share=share)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="'weight', 'docs'"):
        st.phrase_history(corpus, rank="date")
    with pytest.raises(OptionError, match="no word"):
        st.phrase_timeline(corpus, "...")
    with pytest.raises(FrameError):
        st.phrase_history(pd.DataFrame({"x": [1]}))


def test_phrase_chart_draws_one_row_per_phrase(corpus: pd.DataFrame) -> None:
    history = st.phrase_history(corpus, max_share=None, rank="docs")
    ax = plot.phrase_chart(history, top=3)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == history["phrase"].head(3).tolist()
    dots = [len(c.get_offsets()) for c in ax.collections]
    assert dots == [3, 3, 2]
    plt.close("all")
