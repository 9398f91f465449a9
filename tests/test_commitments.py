"""Commitments: small documents whose every sentence was labelled by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import sco_text as st
from sco_text.errors import FrameError, OptionError
from sco_text.language import commitments as cm

# One sentence per paragraph, so sent_no == para_no.
SENTENCES = [
    # 0: firm, a timeline
    "The member states will continue to strengthen cooperation in energy by 2025.",
    # 1-6: look like commitments, are not
    "They welcome the adoption of the Programme.",
    "The member states believe that the SCO will expand its role.",
    "They call for the early adoption of a convention.",
    "The member states continue coordinating measures.",
    "Reaffirming their support for the initiative, they note the work.",
    "The Agreement between the member states will enter into force.",
    # 7: two commitments in one sentence
    "They stand for dialogue and will step up cooperation.",
    # 8: a parenthesis between actor and marker; body, number and money
    "The member states, in accordance with their laws, agree to establish "
    "a Working Group on Startups with a budget of $5 million.",
    # 9: passive, no actor
    "Efforts will be made to attract investment.",
    # 10-11: not commitments
    "They noted the initiative to have the Council draw up and approve a Roadmap.",
    "The member states consider it important for the international community to act.",
    # 12: soft
    "We intend to hold joint exercises on a regular basis.",
]


@pytest.fixture()
def small() -> pd.DataFrame:
    n = len(SENTENCES)
    return pd.DataFrame(
        {
            "doc_id": ["2024-a"] * n,
            "date": pd.to_datetime(["2024-07-04"] * n),
            "section": ["Preamble"] * n,
            "para_no": list(range(n)),
            "text": SENTENCES,
        }
    )


def test_commitments_pins_every_row(small: pd.DataFrame) -> None:
    got = st.commitments(small)
    assert list(got.columns) == cm.COMMITMENT_COLUMNS
    expected = pd.DataFrame(
        [
            (0, "The member states", "will continue to strengthen", "firm", "energy",
             "2025", "", "", "", 1),
            (7, "They", "stand for dialogue", "soft", "", "", "", "", "", 0),
            (7, "They", "will step up", "firm", "", "", "", "", "", 0),
            (8, "The member states", "agree to establish", "firm", "digital_innovation",
             "", "5 million", "Working Group on Startups", "$5 million", 3),
            (9, "", "Efforts will be made", "firm", "trade_investment",
             "", "", "", "attract investment", 1),
            (12, "We", "intend to hold", "soft", "", "regular basis", "", "", "", 1),
        ],
        columns=["sent_no", "actor", "action", "strength", "theme", "timeline", "target",
                 "body", "money", "n_catalysts"],
    )  # fmt: skip
    pd.testing.assert_frame_equal(
        got[expected.columns].reset_index(drop=True), expected, check_dtype=False
    )
    assert got["para_no"].tolist() == got["sent_no"].tolist()
    assert got["sentence"].tolist()[0] == SENTENCES[0]
    assert (got["doc_id"] == "2024-a").all()
    assert (got["date"] == pd.Timestamp("2024-07-04")).all()


def test_input_frame_is_not_changed(small: pd.DataFrame) -> None:
    before = small.copy()
    st.commitments(small)
    pd.testing.assert_frame_equal(small, before)


@pytest.mark.parametrize(
    "sentence",
    [
        "The member states note the importance of energy cooperation.",
        "They emphasise the need to continue the dialogue.",
        "The member states consider that the treaty will become a contribution.",
        "The member states underscore that the expansion will help the SCO.",
        "They urge all parties to fulfil their obligations.",
        "The next meeting will take place in 2025.",
        "They oppose the militarisation of outer space.",
        "They consider the plan to be important.",
        "They welcomed the results and the support given.",
        "The participants noted the results of the forum.",
        "The heads of the member states took note of the plan.",
        "They underlined the importance of the commitment to peace.",
    ],
)
def test_look_alikes_are_not_commitments(sentence: str) -> None:
    assert cm.find_commitments(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "action", "strength"),
    [
        ("The member states are determined to take measures.", "are determined to take", "firm"),
        ("They reaffirm their commitment to peace.", "reaffirm their commitment to peace", "firm"),
        ("The member states resolve to establish a centre.", "resolve to establish", "firm"),
        ("They advocate the development of trade.", "advocate the development of", "soft"),
        ("They are in favour of dialogue.", "are in favour of dialogue", "soft"),
        ("The SCO will continue taking steps.", "will continue taking", "firm"),
        ("They reaffirm their willingness to help.", "reaffirm their willingness to help", "soft"),
        ("They consider it essential to act.", "consider it essential to act", "soft"),
        # actors and markers of information reports (Qingdao 2018)
        (
            "The heads of the member states are in favour of dialogue.",
            "are in favour of dialogue",
            "soft",
        ),
        ("The participants adopted the Joint Statement.", "adopted the Joint Statement", "firm"),
        (
            "They underlined the commitment to enhance cooperation.",
            "underlined the commitment to enhance",
            "firm",
        ),
    ],
)
def test_markers(sentence: str, action: str, strength: str) -> None:
    found = cm.find_commitments(sentence)
    assert [(f[3], f[4]) for f in found] == [(action, strength)]


def test_action_object_words_boundary() -> None:
    # ACTION_OBJECT_WORDS words of the object are kept, no more
    assert cm.ACTION_OBJECT_WORDS == 3
    (found,) = cm.find_commitments("They support the joint efforts of all.")
    assert found[3] == "support the joint efforts"
    (found,) = cm.find_commitments("They support the efforts of all.")
    assert found[3] == "support the efforts of"


def test_tense_rule_for_coordinated_one_word_markers() -> None:
    assert cm.find_commitments("They note the plan and support its implementation.") != []
    assert cm.find_commitments("They noted the plan and support its implementation.") == []
    assert cm.find_commitments("They noted the plan and supported its implementation.") != []


def test_commitment_counts_by_document_and_year(small: pd.DataFrame) -> None:
    other = small.iloc[[0, 1]].assign(
        doc_id="2023-b", date=pd.Timestamp("2023-07-04"), para_no=[0, 1]
    )
    frame = pd.concat([other, small], ignore_index=True)
    by_doc = st.commitment_counts(frame)
    assert by_doc.to_dict("list") == {
        "doc_id": ["2023-b", "2024-a"],
        "n_commitments": [1, 6],
        "firm": [1, 4],
        "soft": [0, 2],
        "share_firm": [1.0, 4 / 6],
        "n_sentences": [1, 5],
        "with_catalyst": [1, 4],
    }
    by_year = st.commitment_counts(st.commitments(frame), by="year")
    assert by_year["year"].tolist() == [2023, 2024]
    assert by_year["n_commitments"].tolist() == [1, 6]
    by_theme = st.commitment_counts(frame, by=["strength"])
    assert by_theme.set_index("strength")["n_commitments"].to_dict() == {"firm": 5, "soft": 2}


def test_counts_of_nothing(small: pd.DataFrame) -> None:
    empty = small.iloc[[1, 2]]
    assert st.commitments(empty).empty
    counts = st.commitment_counts(empty)
    assert list(counts.columns) == ["doc_id", *cm.COUNT_COLUMNS] and counts.empty


def test_bad_arguments(small: pd.DataFrame) -> None:
    with pytest.raises(FrameError):
        st.commitments(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(OptionError, match="by='nope'"):
        st.commitment_counts(small, by="nope")


def test_lexicon_notes_its_source() -> None:
    lex = cm.load_commitment_lexicon()
    assert "G7 and G20 Research Group" in lex.source
    assert "discrete, specific, publicly expressed" in lex.source
    assert "will" in lex.firm and lex.soft and lex.actors


def test_commitment_bars_draws_firm_and_soft(small: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sco_text import plot

    counts = st.commitment_counts(small, by="theme")
    ax = plot.commitment_bars(counts)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["(none)", "digital_innovation", "energy", "trade_investment"]
    widths = [p.get_width() for p in ax.patches]
    n = len(labels)
    assert widths[:n] == counts["firm"].tolist() and widths[n:] == counts["soft"].tolist()
    plt.close("all")
