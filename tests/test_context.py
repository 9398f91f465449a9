"""Tests for sco_text.context: kwic and collocations."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import make_frame, seed_frame

from sco_text.context import collocations, kwic
from sco_text.dictionaries import theme_matches
from sco_text.errors import FrameError, OptionError
from sco_text.tokens import word_spans

COUNTING = "one two three four five six seven eight nine ten"


def frame_of(*texts: str) -> pd.DataFrame:
    return make_frame([("d", "S", t) for t in texts])


# ---------------------------------------------------------------------------------------
# kwic
# ---------------------------------------------------------------------------------------


def test_kwic_window_counts_words_each_side() -> None:
    out = kwic(frame_of(COUNTING), "five", window=2)
    assert list(out.columns) == ["doc_id", "section", "para_no", "left", "match", "right"]
    assert out[["left", "match", "right"]].values.tolist() == [["three four", "five", "six seven"]]
    default = kwic(frame_of(COUNTING), "five")
    assert default.loc[0, "left"] == "one two three four"
    assert default.loc[0, "right"] == "six seven eight nine ten"


def test_kwic_edges_and_paragraph_boundaries() -> None:
    frame = frame_of("alpha beta gamma", "delta epsilon")
    first = kwic(frame, "alpha", window=3)
    assert (first.loc[0, "left"], first.loc[0, "right"]) == ("", "beta gamma")
    last = kwic(frame, "gamma", window=3)
    # "delta" is in the next paragraph: the window stops at the boundary.
    assert (last.loc[0, "left"], last.loc[0, "right"]) == ("alpha beta", "")
    second = kwic(frame, "delta", window=3)
    assert second.loc[0, "para_no"] == 1 and second.loc[0, "left"] == ""


def test_kwic_keeps_punctuation_between_window_words() -> None:
    out = kwic(frame_of("Peace, security and (stability)."), "security", window=2)
    assert out[["left", "match", "right"]].values.tolist() == [
        ["Peace,", "security", "and (stability"]
    ]


def test_kwic_glob_phrase_and_case() -> None:
    frame = frame_of(
        "Terrorism and counter-terrorism: the SCO RATS fights terrorists.",
        "China's Belt and Road Initiative and the belt and road projects.",
        "Ensure information security and information sovereignty.",
    )
    assert kwic(frame, "terror*")["match"].tolist() == ["Terrorism", "terrorists"]
    assert kwic(frame, "*terror*")["match"].tolist() == [
        "Terrorism",
        "counter-terrorism",
        "terrorists",
    ]
    assert kwic(frame, "Belt and Road")["match"].tolist() == ["Belt and Road", "belt and road"]
    phrase = kwic(frame, "belt and road", window=2)
    assert phrase.loc[0, "left"] == "China's" and phrase.loc[0, "right"] == "Initiative and"
    assert kwic(frame, "information secur*")["match"].tolist() == ["information security"]
    assert kwic(frame, "information *")["match"].tolist() == [
        "information security",
        "information sovereignty",
    ]
    assert kwic(frame, "Belt", case_sensitive=True)["match"].tolist() == ["Belt"]
    assert kwic(frame, "BELT")["match"].tolist() == ["Belt", "belt"]
    assert kwic(frame, "BELT", case_sensitive=True).empty


def test_kwic_regex() -> None:
    frame = frame_of("Terrorism, terrorists and counter-terrorism; COVID-19 and covid.")
    out = kwic(frame, r"terror(ism|ists?)", regex=True)
    # The regex must match a whole token: counter-terrorism is one token and is not matched.
    assert out["match"].tolist() == ["Terrorism", "terrorists"]
    assert kwic(frame, r"covid(-19)?", regex=True)["match"].tolist() == ["COVID-19", "covid"]
    assert kwic(frame, r"COVID-\d+", regex=True, case_sensitive=True)["match"].tolist() == [
        "COVID-19"
    ]
    assert kwic(frame, r"terror\w* and", regex=True)["match"].tolist() == ["terrorists and"]


def test_kwic_matches_do_not_overlap() -> None:
    out = kwic(frame_of("drug drug drug"), "drug drug")
    assert out["match"].tolist() == ["drug drug"]
    assert out.loc[0, "right"] == "drug"


def test_kwic_on_seed_agrees_with_theme_matches() -> None:
    frame = seed_frame()
    hits = kwic(frame, "*terror*")
    tokens = [t for text in frame["text"] for t, _, _ in word_spans(text) if "terror" in t]
    assert len(hits) == len(tokens) == 37
    m = theme_matches(frame, "terrorism_extremism")
    assert (m["pattern"] == "*terror*").sum() == len(hits)
    bri = kwic(frame, "belt and road", window=3)
    assert bri[["section", "left", "match", "right"]].values.tolist() == [
        [
            "Trade and economic cooperation",
            "support for China’s",
            "Belt and Road",
            "Initiative (BRI), the",
        ]
    ]


def test_kwic_invalid_options() -> None:
    frame = frame_of(COUNTING)
    with pytest.raises(OptionError, match=r"window=0"):
        kwic(frame, "one", window=0)
    with pytest.raises(OptionError, match=r"pattern=''"):
        kwic(frame, "")
    with pytest.raises(OptionError, match=r"pattern=3"):
        kwic(frame, 3)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match=r"not a valid regular expression"):
        kwic(frame, "(", regex=True)
    with pytest.raises(OptionError, match=r"regex='yes'.*False, True"):
        kwic(frame, "one", regex="yes")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match=r"case_sensitive=1"):
        kwic(frame, "one", case_sensitive=1)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match=r"not one word token"):
        kwic(frame, "U.S.")
    with pytest.raises(OptionError, match=r"every token"):
        kwic(frame, "* ?")
    with pytest.raises(FrameError):
        kwic(frame.drop(columns=["section"]), "one")


def test_kwic_empty_result_and_no_mutation() -> None:
    frame = frame_of(COUNTING)
    before = frame.copy(deep=True)
    out = kwic(frame, "eleven")
    assert out.empty and list(out.columns) == [
        "doc_id",
        "section",
        "para_no",
        "left",
        "match",
        "right",
    ]
    kwic(frame, "two", window=1)
    collocations(frame, min_count=1)
    pd.testing.assert_frame_equal(frame, before)


# ---------------------------------------------------------------------------------------
# collocations
# ---------------------------------------------------------------------------------------

# 8 tokens: peace 3, security 4, council 1.  Bigrams inside paragraphs:
# peace security 3, security peace 1, security council 1, council peace 1.
# "security security" (end of paragraph 1 + start of paragraph 2) must not exist.
PMI_TEXTS = ("peace security peace security", "security council peace security")


def _g2(n_ii: int, n_ix: int, n_xi: int, n_xx: int) -> float:
    """Dunning's G2 for a 2x2 table, written out by hand."""
    n_io, n_oi = n_ix - n_ii, n_xi - n_ii
    n_oo = n_xx - n_ii - n_io - n_oi
    observed = [n_ii, n_io, n_oi, n_oo]
    row = [n_ii + n_io, n_oi + n_oo]
    col = [n_ii + n_oi, n_io + n_oo]
    expected = [
        row[0] * col[0] / n_xx,
        row[0] * col[1] / n_xx,
        row[1] * col[0] / n_xx,
        row[1] * col[1] / n_xx,
    ]
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o)


def test_bigram_pmi_hand_computed() -> None:
    out = collocations(frame_of(*PMI_TEXTS), min_count=1, stop_words=None, top=None)
    assert list(out.columns) == ["collocation", "count", "score"]
    assert out["collocation"].tolist() == [
        "council peace",
        "peace security",
        "security council",
        "security peace",
    ]
    assert out["count"].tolist() == [1, 3, 1, 1]
    assert out["score"].tolist() == pytest.approx(
        [
            math.log2(1 * 8 / (1 * 3)),
            math.log2(3 * 8 / (3 * 4)),
            math.log2(1 * 8 / (4 * 1)),
            math.log2(1 * 8 / (4 * 3)),
        ]
    )
    assert out["score"].is_monotonic_decreasing
    two = collocations(frame_of(*PMI_TEXTS), min_count=2, stop_words=None)
    assert two["collocation"].tolist() == ["peace security"]


def test_bigram_likelihood_hand_computed() -> None:
    out = collocations(
        frame_of(*PMI_TEXTS), measure="likelihood", min_count=1, stop_words=None, top=None
    )
    scores = dict(zip(out["collocation"], out["score"], strict=True))
    assert scores["peace security"] == pytest.approx(_g2(3, 3, 4, 8), rel=1e-6)
    assert scores["council peace"] == pytest.approx(_g2(1, 1, 3, 8), rel=1e-6)
    assert scores["security council"] == pytest.approx(_g2(1, 4, 1, 8), rel=1e-6)
    assert out["score"].is_monotonic_decreasing


def test_trigrams_stop_word_edges_and_numbers() -> None:
    frame = frame_of(
        "the Belt and Road on 10 June",
        "Belt and Road links on 10 June",
        "road and belt",
    )
    tri = collocations(frame, n=3, min_count=2, stop_words="english", top=None)
    # "and road links" etc. occur once; "on 10 june" starts with a stop word;
    # "road on 10" ends with a number.  Only "belt and road" (inner stop word) stays.
    assert tri["collocation"].tolist() == ["belt and road"]
    # 17 tokens: belt 3, and 3, road 3 -> log2(2 * 17**2 / 27)
    assert tri["score"].tolist() == pytest.approx([math.log2(2 * 17**2 / 27)])
    bi = collocations(frame, n=2, min_count=2, stop_words="english", top=None)
    assert bi["collocation"].tolist() == []
    everything = collocations(frame, n=2, min_count=2, stop_words=None, top=None)
    assert set(everything["collocation"]) == {"belt and", "and road", "on 10"} - {"on 10"}
    custom = collocations(frame, n=2, min_count=2, stop_words=["belt"], top=None)
    assert custom["collocation"].tolist() == ["and road"]


def test_collocations_top_and_paragraph_boundaries() -> None:
    frame = frame_of("alpha beta", "gamma delta", "alpha beta", "gamma delta")
    out = collocations(frame, min_count=1, stop_words=None, top=None)
    assert set(out["collocation"]) == {"alpha beta", "gamma delta"}
    assert collocations(frame, min_count=1, stop_words=None, top=1).shape[0] == 1


def test_collocations_on_seed() -> None:
    out = collocations(seed_frame(), n=2, measure="likelihood", min_count=3)
    assert len(out) == 20
    top = out["collocation"].tolist()
    assert "narcotic drugs" in top and "psychotropic substances" in top
    assert (out["count"] >= 3).all()


def test_collocations_invalid_options() -> None:
    frame = frame_of(*PMI_TEXTS)
    with pytest.raises(OptionError, match=r"measure='t'.*'pmi', 'likelihood'"):
        collocations(frame, measure="t")
    with pytest.raises(OptionError, match=r"n=4.*2, 3"):
        collocations(frame, n=4)
    with pytest.raises(OptionError, match=r"min_count=0"):
        collocations(frame, min_count=0)
    with pytest.raises(OptionError, match=r"top=0"):
        collocations(frame, top=0)
    with pytest.raises(OptionError, match=r"stop_words='french'"):
        collocations(frame, stop_words="french")
    with pytest.raises(OptionError, match=r"stop_words=5"):
        collocations(frame, stop_words=5)  # type: ignore[arg-type]
    with pytest.raises(FrameError):
        collocations(frame.drop(columns=["text"]))


# --- hostile patterns (issue 14) ---------------------------------------------------------
def _one_token_frame(token: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d"], "section": ["S"], "para_no": [0], "text": [token]})


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("pattern", "token"),
    [(r"(a|aa)*", "a" * 60 + "b"), (r"(a|aa)*c", "a" * 60 + "cb"), (r"(\w|\w\w)*\d", "a" * 60)],
)
def test_a_catastrophic_regex_is_stopped_with_an_option_error(
    monkeypatch: pytest.MonkeyPatch, pattern: str, token: str
) -> None:
    from sco_text import context

    monkeypatch.setattr(context, "KWIC_MATCH_SECONDS", 0.05)  # decades without the guard
    with pytest.raises(OptionError, match="catastrophic backtracking"):
        kwic(_one_token_frame(token), pattern, regex=True)


@pytest.mark.hostile
def test_a_glob_with_many_stars_matches_in_linear_time() -> None:
    frame = _one_token_frame("a" * 20_000 + "c")  # 20,000**8 steps for a backtracking glob
    assert kwic(frame, "*a*a*a*a*a*a*a*b").empty
    assert len(kwic(frame, "*a*a*a*a*a*a*a*c")) == 1


def test_ordinary_patterns_are_untouched_by_the_guard() -> None:
    frame = _one_token_frame("They fight terrorism and separatism.")
    assert kwic(frame, r"terror(ism|ist)s?", regex=True)["match"].tolist() == ["terrorism"]
    assert kwic(frame, "*ism")["match"].tolist() == ["terrorism", "separatism"]
    assert kwic(frame, "t?rror*")["match"].tolist() == ["terrorism"]


def test_regex_pattern_size_limits_at_their_boundaries() -> None:
    from sco_text.context import KWIC_MAX_PATTERN_CHARS, KWIC_MAX_REPEAT

    frame = _one_token_frame("peace")
    kwic(frame, "p" + "e?" * ((KWIC_MAX_PATTERN_CHARS - 1) // 2), regex=True)  # at the limit
    with pytest.raises(OptionError, match="KWIC_MAX_PATTERN_CHARS"):
        kwic(frame, "p" + "e?" * ((KWIC_MAX_PATTERN_CHARS + 1) // 2), regex=True)
    assert KWIC_MAX_REPEAT == 100 * 100
    kwic(frame, "(?:a{100}){1,100}", regex=True)  # product 10,000: allowed
    with pytest.raises(OptionError, match="KWIC_MAX_REPEAT"):
        kwic(frame, "(?:a{100}){101}", regex=True)
