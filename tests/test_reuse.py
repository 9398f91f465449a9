"""Text reuse: four small documents whose shared passages were worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import sco_text as st
from sco_text.errors import FrameError, OptionError
from sco_text.language import reuse as ru

# 20 words; Q changes word 9 ("rivers" -> "seas")
P = (
    "the parties will work together to protect the rivers and lakes of the region "
    "for the good of all peoples"
)
Q = P.replace("rivers", "seas")


@pytest.fixture()
def corpus() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2019-09-01", "2020-09-01", "2020-09-01", "2021-09-01"]),
            "para_no": [0, 0, 0, 0],
            "text": [
                f"Alpha beta gamma. {P}. End of a.",  # 3 + 20 + 3 words
                f"Intro words: {P}; more text follows here.",  # 2 + 20 + 4
                f"{Q}.",  # 20
                "We protect the rivers and lakes today.",  # shares 5 words only
            ],
        }
    )


def test_reuse_pins_every_passage(corpus: pd.DataFrame) -> None:
    got = st.reuse(corpus)
    assert list(got.columns) == ru.REUSE_COLUMNS
    assert got[
        ["source_doc", "target_doc", "direction", "n_words", "similarity"]
    ].values.tolist() == [
        ["a", "b", "earlier", 20, 1.0],
        ["a", "c", "earlier", 19, 0.95],  # 2 * 19 / 40
        ["b", "c", "same date", 19, 0.95],
    ]
    assert got[["source_start", "source_end", "target_start", "target_end"]].values.tolist() == [
        [3, 23, 2, 22],
        [3, 23, 0, 20],
        [2, 22, 0, 20],
    ]
    assert got["cluster"].tolist() == [0, 0, 0]
    assert got["cluster_docs"].tolist() == [3, 3, 3]
    assert got["source_text"][0] == P
    assert got["target_text"][1] == Q
    assert got["source_para_no"].tolist() == [0, 0, 0]
    assert got["source_date"][0] == pd.Timestamp("2019-09-01")


def test_reuse_shares(corpus: pd.DataFrame) -> None:
    got = st.reuse_shares(corpus)
    assert list(got.columns) == ru.SHARE_COLUMNS
    assert got[
        ["doc_id", "n_words", "reused_words", "shared_words", "n_sources"]
    ].values.tolist() == [
        ["a", 26, 0, 20, 0],
        ["b", 26, 20, 20, 1],
        ["c", 20, 20, 20, 1],  # from a; b has the same date, so it is shared, not reused
        ["d", 7, 0, 0, 0],
    ]
    assert got["share_reused"].tolist() == [0.0, 20 / 26, 1.0, 0.0]
    assert got["share_shared"].tolist() == [20 / 26, 20 / 26, 1.0, 0.0]


def test_min_words_boundary(corpus: pd.DataFrame) -> None:
    assert ru.MIN_PASSAGE_WORDS == 12
    assert len(st.reuse(corpus, min_words=19)) == 3  # the edited copies match 19 words
    assert st.reuse(corpus, min_words=20)["target_doc"].tolist() == ["b"]


def test_max_docs_boundary(corpus: pd.DataFrame) -> None:
    assert ru.MAX_SHINGLE_DOCS == 50
    assert len(st.reuse(corpus, max_docs=3)) == 3
    # shingles in 3 documents are boilerplate now; the 7 shingles holding "rivers"
    # (a and b only) still make a 13-word passage
    got = st.reuse(corpus, max_docs=2)
    assert got[["source_doc", "target_doc", "n_words"]].values.tolist() == [["a", "b", 13]]
    assert got[["source_start", "source_end"]].values.tolist() == [[5, 18]]


def test_max_gap_boundary(corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ru.MAX_GAP_WORDS == 8
    # the edit leaves runs of 8 and 11 words, one word apart
    monkeypatch.setattr(ru, "MAX_GAP_WORDS", 1)
    assert len(st.reuse(corpus)) == 3
    monkeypatch.setattr(ru, "MAX_GAP_WORDS", 0)
    assert st.reuse(corpus)["target_doc"].tolist() == ["b"]


def test_documents_sharing_nothing() -> None:
    frame = pd.DataFrame({"doc_id": ["x", "y"], "text": ["One two three.", "Four five six."]})
    got = st.reuse(frame)
    assert got.empty and list(got.columns) == ru.REUSE_COLUMNS
    shares = st.reuse_shares(frame, got)
    assert shares["share_reused"].tolist() == [0.0, 0.0]


def test_input_is_not_changed(corpus: pd.DataFrame) -> None:
    before = corpus.copy()
    st.reuse_shares(corpus, st.reuse(corpus))
    pd.testing.assert_frame_equal(corpus, before)


def test_bad_arguments(corpus: pd.DataFrame) -> None:
    with pytest.raises(OptionError, match="min_words"):
        st.reuse(corpus, min_words=3)
    with pytest.raises(OptionError, match="max_docs"):
        st.reuse(corpus, max_docs=1)
    with pytest.raises(FrameError):
        st.reuse(pd.DataFrame({"doc_id": ["x"]}))
    other = st.reuse(corpus).assign(target_doc="zzz")
    with pytest.raises(OptionError, match="do not come from this frame"):
        st.reuse_shares(corpus, other)


def test_reuse_share_bars(corpus: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sco_text import plot

    ax = plot.reuse_share_bars(st.reuse_shares(corpus), top=3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c", "b", "a"]
    reused = [p.get_width() for p in ax.patches][3:]
    assert reused == pytest.approx([100.0, 2000 / 26, 0.0])
    plt.close("all")
