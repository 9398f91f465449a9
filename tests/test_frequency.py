"""Tests for sco_text.frequency: keyword frequency, tf-idf, similarity and keyness."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SCO, SHARED, make_frame
from sklearn.feature_extraction.text import TfidfVectorizer

from sco_text.errors import FrameError, OptionError, SCOTextWarning
from sco_text.frequency import (
    DISTINCTIVE_MAX_P,
    DISTINCTIVE_MIN_COUNT,
    DISTINCTIVE_MIN_LOG_RATIO,
    distinctive_terms,
    keyness,
    keyword_frequency,
    similarity,
    tfidf,
)
from sco_text.tokens import Tokenizer


@pytest.fixture()
def corpus() -> pd.DataFrame:
    # Hand counts (english+sco stop words removed):
    #   a: 9 words; terrorism 2, extremism 1, threaten 1, peace 1, threatens 1, region 1
    #   b: 6 words; trade 3, peace 1          ("and", "again" are stop words)
    #   c: 6 words; peace 2, energy 1, terrorism 1 ("the", "and" are stop words)
    return make_frame(
        [
            ("a", "Terrorism and extremism threaten peace."),
            ("a", "Terrorism threatens the region."),
            ("b", "Trade and trade again."),
            ("b", "Trade, peace."),
            ("c", "The peace, peace and energy."),
            ("c", "Terrorism."),
        ],
        kind={"c": "speech"},
        date={"a": pd.Timestamp("2019-06-14"), "c": pd.Timestamp("2021-09-17")},
    )


# -- keyword_frequency ---------------------------------------------------------------------
def test_keyword_frequency_hand_counts(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus)
    assert list(result.columns) == ["group", "term", "count", "rate_per_1000", "docfreq", "rank"]
    a = result[result["group"] == "a"]
    assert a["term"].tolist() == [
        "terrorism",
        "extremism",
        "peace",
        "region",
        "threaten",
        "threatens",
    ]
    assert a["count"].tolist() == [2, 1, 1, 1, 1, 1]
    # rank ties: method="min"
    assert a["rank"].tolist() == [1, 2, 2, 2, 2, 2]
    # rate per 1,000 words before stop-word removal: a has 9 words
    assert a["rate_per_1000"].iloc[0] == pytest.approx(2 * 1000 / 9)
    b = result[result["group"] == "b"].set_index("term")
    assert b.loc["trade", "count"] == 3
    assert b.loc["trade", "rate_per_1000"] == pytest.approx(3 * 1000 / 6)
    c = result[result["group"] == "c"]
    assert c["term"].tolist() == ["peace", "energy", "terrorism"]
    assert c["rank"].tolist() == [1, 2, 2]
    assert c["rate_per_1000"].tolist() == pytest.approx([2 * 1000 / 6, 1000 / 6, 1000 / 6])
    assert (result["docfreq"] == 1).all()
    assert result["group"].tolist() == sorted(result["group"].tolist())
    assert result["count"].dtype == np.int64 and result["rank"].dtype == np.int64


def test_keyword_frequency_docfreq_by_kind(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, by="kind").set_index(["group", "term"])
    # declarations a and b: "peace" in both (1 + 1), "trade" in b only
    assert result.loc[("declaration", "peace"), "count"] == 2
    assert result.loc[("declaration", "peace"), "docfreq"] == 2
    assert result.loc[("declaration", "trade"), "docfreq"] == 1
    assert result.loc[("declaration", "peace"), "rate_per_1000"] == pytest.approx(
        2 * 1000 / (9 + 6)
    )
    assert result.loc[("speech", "peace"), "docfreq"] == 1
    assert result.index.get_level_values(0).unique().tolist() == ["declaration", "speech"]


def test_keyword_frequency_by_date_keeps_timestamps(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, by="date")
    assert result["group"].dtype == corpus["date"].dtype
    assert result["group"].drop_duplicates().tolist() == [
        pd.Timestamp("2019-06-14"),
        pd.Timestamp("2020-11-10"),
        pd.Timestamp("2021-09-17"),
    ]


def test_keyword_frequency_by_list_joins_labels(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, by=["kind", "date"])
    assert result["group"].drop_duplicates().tolist() == [
        "declaration / 2019-06-14",
        "declaration / 2020-11-10",
        "speech / 2021-09-17",
    ]


def test_keyword_frequency_top(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, top=2)
    assert result.groupby("group").size().tolist() == [2, 2, 2]
    assert result[result["group"] == "a"]["term"].tolist() == ["terrorism", "extremism"]


def test_keyword_frequency_terms_globs_and_zero_rows(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, terms=["threat*", "peace", "missing"])
    assert result.groupby("group").size().tolist() == [4, 4, 4]
    a = result[result["group"] == "a"].set_index("term")
    assert a["count"].to_dict() == {"threaten": 1, "threatens": 1, "peace": 1, "missing": 0}
    b = result[result["group"] == "b"]
    assert b["term"].tolist() == ["peace", "missing", "threaten", "threatens"]
    assert b["count"].tolist() == [1, 0, 0, 0]
    assert b["rank"].tolist() == [1, 2, 2, 2]
    assert b["docfreq"].tolist() == [1, 0, 0, 0]


def test_keyword_frequency_terms_ignore_stop_words_and_match_phrases() -> None:
    frame = make_frame(
        [
            ("a", "The member states stress information security. Security matters."),
            ("b", "Information flows."),
        ]
    )
    result = keyword_frequency(
        frame, terms=["member states", "information security", "security", "information", "the"]
    )
    a = result[result["group"] == "a"].set_index("term")["count"].to_dict()
    # words inside a matched phrase are not counted again as single words
    assert a == {
        "member states": 1,
        "information security": 1,
        "security": 1,
        "information": 0,
        "the": 1,
    }
    b = result[result["group"] == "b"].set_index("term")["count"].to_dict()
    assert b["information"] == 1 and b["information security"] == 0
    # rate: a has 8 words (phrases count their words in the denominator)
    assert result.iloc[0]["rate_per_1000"] == pytest.approx(1000 / 8)


def test_keyword_frequency_terms_with_stemming() -> None:
    frame = make_frame([("a", "Terrorists and terrorism; terrorist threats.")])
    result = keyword_frequency(frame, terms=["terrorists"], stem=True)
    assert result[["term", "count"]].values.tolist() == [["terrorist", 2]]
    assert keyword_frequency(frame, terms=["terror*"], stem=True)["count"].sum() == 3


def test_keyword_frequency_ngrams_and_phrases(corpus: pd.DataFrame) -> None:
    result = keyword_frequency(corpus, ngram_range=(2, 2))
    a = result[result["group"] == "a"]
    # a, paragraph 0 -> terrorism extremism threaten peace; paragraph 1 -> terrorism
    # threatens region.  No bigram crosses the paragraph boundary ("peace terrorism").
    assert sorted(a["term"]) == [
        "extremism threaten",
        "terrorism extremism",
        "terrorism threatens",
        "threaten peace",
        "threatens region",
    ]
    frame = make_frame([("a", "The Belt and Road. The Belt and Road and trade.")])
    res = keyword_frequency(frame, phrases=["belt and road"])
    assert res[["term", "count"]].values.tolist() == [["belt and road", 2], ["trade", 1]]


def test_keyword_frequency_stop_words_switch(corpus: pd.DataFrame) -> None:
    res = keyword_frequency(corpus, stop_words=None)
    b = res[res["group"] == "b"].set_index("term")["count"].to_dict()
    assert b == {"trade": 3, "and": 1, "again": 1, "peace": 1}


def test_keyword_frequency_rejects_terms_with_ngrams(corpus: pd.DataFrame) -> None:
    with pytest.raises(OptionError, match="ngram_range"):
        keyword_frequency(corpus, terms=["peace"], ngram_range=(1, 2))
    with pytest.raises(OptionError, match="list"):
        keyword_frequency(corpus, terms="peace")
    with pytest.raises(OptionError, match="wildcards"):
        keyword_frequency(corpus, terms=["information secur*"])
    with pytest.raises(OptionError, match="no word"):
        keyword_frequency(corpus, terms=["--"])


# -- tfidf ---------------------------------------------------------------------------------
HAND = [("d1", "peace trade"), ("d2", "peace security"), ("d3", "peace peace energy")]


def test_tfidf_hand_example() -> None:
    result = tfidf(make_frame(HAND), stop_words=None)
    assert list(result.columns) == ["group", "term", "tf", "df", "idf", "tfidf"]
    # n = 3 groups.  smooth idf = ln((1 + n) / (1 + df)) + 1
    idf_peace = math.log(4 / 4) + 1  # df 3 -> 1.0
    idf_rare = math.log(4 / 2) + 1  # df 1 -> 1 + ln 2
    rows = result.set_index(["group", "term"])
    assert rows.loc[("d1", "peace"), "idf"] == pytest.approx(idf_peace)
    assert rows.loc[("d1", "trade"), "idf"] == pytest.approx(idf_rare)
    assert rows.loc[("d3", "peace"), "df"] == 3 and rows.loc[("d3", "energy"), "df"] == 1
    # d3: tf peace 2, energy 1 -> raw (2 * 1, 1 * (1 + ln 2)), then divided by the l2 norm
    norm_d3 = math.sqrt((2 * idf_peace) ** 2 + idf_rare**2)
    assert rows.loc[("d3", "peace"), "tfidf"] == pytest.approx(2 / norm_d3)
    assert rows.loc[("d3", "energy"), "tfidf"] == pytest.approx(idf_rare / norm_d3)
    assert rows.loc[("d3", "peace"), "tf"] == 2
    norm_d1 = math.sqrt(1 + idf_rare**2)
    assert rows.loc[("d1", "trade"), "tfidf"] == pytest.approx(idf_rare / norm_d1)
    # ordering: group, then tfidf descending
    assert result["term"].tolist() == ["trade", "peace", "security", "peace", "peace", "energy"]


def test_tfidf_hand_example_unsmoothed_sublinear_unnormalised() -> None:
    result = tfidf(
        make_frame(HAND), stop_words=None, smooth_idf=False, sublinear_tf=True, norm=None
    )
    rows = result.set_index(["group", "term"])
    # idf = ln(n / df) + 1; sublinear tf = 1 + ln(tf)
    assert rows.loc[("d3", "peace"), "idf"] == pytest.approx(math.log(3 / 3) + 1)
    assert rows.loc[("d3", "energy"), "idf"] == pytest.approx(math.log(3 / 1) + 1)
    assert rows.loc[("d3", "peace"), "tfidf"] == pytest.approx((1 + math.log(2)) * 1.0)
    assert rows.loc[("d3", "energy"), "tfidf"] == pytest.approx(1 * (math.log(3) + 1))


@pytest.mark.parametrize(
    ("smooth", "sublinear", "norm"),
    [(True, False, "l2"), (False, True, "l1"), (True, True, None)],
)
def test_tfidf_matches_sklearn(smooth: bool, sublinear: bool, norm: str | None) -> None:
    docs = {
        "x": ["regional security and counter terrorism", "terrorism extremism separatism"],
        "y": ["trade and investment", "security of energy supply and trade"],
        "z": ["cultural exchanges and tourism", "youth exchanges and security"],
    }
    frame = make_frame([(d, t) for d, texts in docs.items() for t in texts])
    ours = tfidf(frame, stop_words=None, smooth_idf=smooth, sublinear_tf=sublinear, norm=norm)
    vec = TfidfVectorizer(smooth_idf=smooth, sublinear_tf=sublinear, norm=norm)
    matrix = vec.fit_transform([" ".join(t) for t in docs.values()]).tocoo()
    names = vec.get_feature_names_out()
    groups = list(docs)
    theirs = {
        (groups[r], names[c]): v
        for r, c, v in zip(matrix.row, matrix.col, matrix.data, strict=True)
    }
    mine = {(g, t): v for g, t, v in zip(ours["group"], ours["term"], ours["tfidf"], strict=True)}
    assert mine.keys() == theirs.keys()
    for key, value in theirs.items():
        assert mine[key] == pytest.approx(value)
    idf = dict(zip(names, vec.idf_, strict=True))
    for term, value in zip(ours["term"], ours["idf"], strict=True):
        assert value == pytest.approx(idf[term])


def test_tfidf_matches_sklearn_with_our_analyzer(corpus: pd.DataFrame) -> None:
    ours = tfidf(corpus, stem=True)
    joined = corpus.groupby("doc_id")["text"].agg(" ".join)
    vec = TfidfVectorizer(analyzer=Tokenizer(stem=True))
    matrix = vec.fit_transform(joined.tolist()).toarray()  # tiny test matrix
    names = vec.get_feature_names_out().tolist()
    for g, t, v in zip(ours["group"], ours["term"], ours["tfidf"], strict=True):
        assert v == pytest.approx(matrix[joined.index.get_loc(g), names.index(t)])
    assert len(ours) == int((matrix > 0).sum())


def test_tfidf_top_and_min_df(corpus: pd.DataFrame) -> None:
    top = tfidf(corpus, top=1)
    assert top["group"].tolist() == ["a", "b", "c"]
    assert top["term"].tolist() == ["terrorism", "trade", "peace"]
    common = tfidf(corpus, min_df=2)
    assert set(common["term"]) == {"peace", "terrorism"}
    assert (common["df"] >= 2).all()
    assert tfidf(corpus, min_df=4).empty


def test_tfidf_l2_norm_is_one(corpus: pd.DataFrame) -> None:
    result = tfidf(corpus)
    norms = result.groupby("group")["tfidf"].apply(lambda s: float(np.sqrt((s**2).sum())))
    assert norms.tolist() == pytest.approx([1.0, 1.0, 1.0])


# -- similarity ----------------------------------------------------------------------------
def test_similarity_square_and_diagonal(corpus: pd.DataFrame) -> None:
    sim = similarity(corpus)
    assert sim.index.tolist() == ["a", "b", "c"] and sim.columns.tolist() == ["a", "b", "c"]
    assert np.diag(sim.to_numpy()).tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert np.allclose(sim.to_numpy(), sim.to_numpy().T)
    # cosine of the l2-normalised tf-idf vectors, by hand from tfidf()
    weights = tfidf(corpus).pivot(index="group", columns="term", values="tfidf").fillna(0.0)
    assert sim.loc["a", "c"] == pytest.approx(float(weights.loc["a"] @ weights.loc["c"]))
    assert 0 < sim.to_numpy()[0, 2] < 1  # a vs c


def test_similarity_empty_group_is_nan() -> None:
    frame = make_frame([("a", "peace"), ("b", "the and of"), ("c", "peace trade")])
    sim = similarity(frame)
    matrix = sim.to_numpy()  # order a, b, c
    assert np.isnan(matrix[1, 0]) and np.isnan(matrix[1, 1])
    assert sim.loc["a", "a"] == 1.0


# -- keyness -------------------------------------------------------------------------------
@pytest.fixture()
def pair() -> pd.DataFrame:
    # target t: war war war peace (N_t = 4); reference r: peace peace peace trade (N_r = 4)
    return make_frame([("t", "war war war peace"), ("r", "peace peace peace trade")])


def test_keyness_g2_by_hand(pair: pd.DataFrame) -> None:
    result = keyness(pair, target="t", stop_words=None)
    assert list(result.columns) == [
        "term",
        "statistic",
        "p",
        "n_target",
        "n_reference",
        "log_ratio",
    ]
    rows = result.set_index("term")
    # war: a = 3, b = 0, c = 1, d = 4, N = 8; E = (3*4/8, 3*4/8, 5*4/8, 5*4/8)
    #      = (1.5, 1.5, 2.5, 2.5); G2 = 2 (3 ln(3/1.5) + 0 + 1 ln(1/2.5) + 4 ln(4/2.5))
    g2_war = 2 * (3 * math.log(3 / 1.5) + 1 * math.log(1 / 2.5) + 4 * math.log(4 / 2.5))
    assert g2_war == pytest.approx(6.0863, abs=1e-4)
    assert rows.loc["war", "statistic"] == pytest.approx(g2_war)
    assert rows.loc["war", "p"] == pytest.approx(math.erfc(math.sqrt(g2_war / 2)))
    assert rows.loc["war", "n_target"] == 3 and rows.loc["war", "n_reference"] == 0
    # log ratio = log2(((3 + .5) / (4 + .5)) / ((0 + .5) / (4 + .5))) = log2(7)
    assert rows.loc["war", "log_ratio"] == pytest.approx(math.log2(7))
    # peace: a = 1, b = 3, c = 3, d = 1; E = (2, 2, 2, 2); under-used -> negative
    g2_peace = 2 * (
        1 * math.log(1 / 2) + 3 * math.log(3 / 2) + 3 * math.log(3 / 2) + 1 * math.log(1 / 2)
    )
    assert rows.loc["peace", "statistic"] == pytest.approx(-g2_peace)
    assert rows.loc["peace", "log_ratio"] == pytest.approx(math.log2(1.5 / 3.5))
    # trade: a = 0, b = 1, c = 4, d = 3; E = (0.5, 0.5, 3.5, 3.5)
    g2_trade = 2 * (1 * math.log(1 / 0.5) + 4 * math.log(4 / 3.5) + 3 * math.log(3 / 3.5))
    assert rows.loc["trade", "statistic"] == pytest.approx(-g2_trade)
    assert result["term"].tolist() == ["war", "trade", "peace"]  # statistic descending


def test_keyness_chi2_by_hand(pair: pd.DataFrame) -> None:
    result = keyness(pair, target="t", measure="chi2", stop_words=None).set_index("term")
    # Pearson without Yates: N (ad - bc)^2 / ((a + b)(c + d) N_t N_r)
    assert result.loc["war", "statistic"] == pytest.approx(
        8 * (3 * 4 - 0 * 1) ** 2 / (3 * 5 * 4 * 4)
    )  # 4.8
    assert result.loc["peace", "statistic"] == pytest.approx(
        -8 * (1 * 1 - 3 * 3) ** 2 / (4 * 4 * 4 * 4)
    )  # -2.0
    assert result.loc["war", "p"] == pytest.approx(math.erfc(math.sqrt(4.8 / 2)))
    # the same via scipy's chi-square distribution
    from scipy.stats import chi2

    assert result.loc["peace", "p"] == pytest.approx(chi2.sf(2.0, 1))


def test_keyness_sign_flips_with_target(pair: pd.DataFrame) -> None:
    forward = keyness(pair, target="t", stop_words=None).set_index("term")["statistic"]
    backward = keyness(pair, target="r", stop_words=None).set_index("term")["statistic"]
    assert forward["war"] > 0 and backward["war"] < 0
    assert forward.sort_index().to_numpy() == pytest.approx(-backward.sort_index().to_numpy())


def test_keyness_list_mask_and_reference(corpus: pd.DataFrame) -> None:
    by_list = keyness(corpus, target=["a", "c"])
    mask = corpus["doc_id"].isin(["a", "c"])
    by_mask = keyness(corpus, target=mask)
    pd.testing.assert_frame_equal(by_list, by_mask)
    # reference default = everything else = ["b"]
    pd.testing.assert_frame_equal(by_list, keyness(corpus, target=["a", "c"], reference="b"))
    # numpy mask, and a mask with a different index order
    pd.testing.assert_frame_equal(by_list, keyness(corpus, target=mask.to_numpy()))
    pd.testing.assert_frame_equal(by_list, keyness(corpus, target=mask.iloc[::-1]))
    # target a vs reference c only: b's "trade" is absent
    only = keyness(corpus, target="a", reference="c")
    assert "trade" not in set(only["term"])
    rows = only.set_index("term")
    assert rows.loc["terrorism", "n_target"] == 2 and rows.loc["terrorism", "n_reference"] == 1
    by_kind = keyness(corpus, target="speech", by="kind").set_index("term")
    assert by_kind.loc["energy", "statistic"] > 0


def test_keyness_min_count(corpus: pd.DataFrame) -> None:
    result = keyness(corpus, target="a", min_count=2)
    assert ((result["n_target"] + result["n_reference"]) >= 2).all()
    assert set(result["term"]) == {"terrorism", "peace", "trade"}


def test_keyness_errors(corpus: pd.DataFrame) -> None:
    with pytest.raises(OptionError) as err:
        keyness(corpus, target="a", measure="pmi")
    assert "'g2', 'chi2'" in str(err.value)
    with pytest.raises(OptionError) as err:
        keyness(corpus, target="zz")
    assert "'a', 'b', 'c'" in str(err.value)
    with pytest.raises(OptionError, match="overlap"):
        keyness(corpus, target=["a", "b"], reference="b")
    with pytest.raises(OptionError, match="no rows"):
        keyness(corpus, target=pd.Series(False, index=corpus.index))
    with pytest.raises(OptionError, match="no rows"):
        keyness(corpus, target=["a", "b", "c"])
    with pytest.raises(OptionError, match="mask"):
        keyness(corpus, target=np.array([True, False]))
    with pytest.raises(OptionError, match="min_count"):
        keyness(corpus, target="a", min_count=0)


# -- validation and immutability -----------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "allowed"),
    [
        (lambda f: tfidf(f, norm="l3"), "'l2', 'l1', None"),
        (lambda f: similarity(f, stop_words="french"), "'english', 'sco', 'english+sco'"),
        (lambda f: keyword_frequency(f, by="nope"), "'doc_id', 'title'"),
        (lambda f: keyword_frequency(f, top=0), "integer >= 1"),
        (lambda f: tfidf(f, min_df=0), "integer >= 1"),
        (lambda f: tfidf(f, sublinear_tf="yes"), "True or False"),  # type: ignore[arg-type]
        (lambda f: keyword_frequency(f, ngram_range=(2, 1)), "1 <= min_n <= max_n"),
        (lambda f: keyword_frequency(f, stem=1), "True or False"),  # type: ignore[arg-type]
    ],
)
def test_invalid_options_list_allowed_values(corpus: pd.DataFrame, call, allowed: str) -> None:
    with pytest.raises(OptionError) as err:
        call(corpus)
    assert allowed in str(err.value)


def test_frame_without_text_column() -> None:
    with pytest.raises(FrameError, match="text"):
        tfidf(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(FrameError):
        keyword_frequency(["not", "a", "frame"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda f: keyword_frequency(f, by=["kind", "date"], terms=["peace", "terror*"]),
        lambda f: keyword_frequency(f, ngram_range=(1, 2)),
        lambda f: tfidf(f, top=2),
        lambda f: similarity(f, by="kind"),
        lambda f: keyness(f, target=f["doc_id"] == "a"),
    ],
)
def test_inputs_not_mutated(corpus: pd.DataFrame, call) -> None:
    before = corpus.copy()
    call(corpus)
    pd.testing.assert_frame_equal(corpus, before)


def test_empty_frame_and_missing_text() -> None:
    empty = make_frame([("a", "x")]).iloc[:0]
    assert keyword_frequency(empty).empty
    assert tfidf(empty).empty
    frame = make_frame([("a", "peace"), ("b", "trade")])
    frame.loc[1, "text"] = None
    result = keyword_frequency(frame)
    assert result["term"].tolist() == ["peace"]


# -- real data -----------------------------------------------------------------------------
def _ungdc_2020() -> pd.DataFrame:
    folder = SHARED / "corpora" / "ungdc-sample" / "Session_75_-_2020"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    rows: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        rows.extend((path.stem, ln) for ln in lines if ln)
    return make_frame(rows)


def test_real_data_tfidf_china_vs_russia() -> None:
    frame = _ungdc_2020()
    top = tfidf(frame, top=12)
    china = top[top["group"] == "CHN_75_2020"]["term"].tolist()
    russia = top[top["group"] == "RUS_75_2020"]["term"].tolist()
    # verified by reading both speeches: China's speaks of itself, the virus and
    # development; Russia's of itself and of international security
    assert china[0] == "china" and russia[0] == "russia"
    assert {"development", "virus", "covid-19"} <= set(china)
    assert {"international", "security"} <= set(russia)
    keys = keyness(frame, target="CHN_75_2020", reference="RUS_75_2020")
    assert {"development", "china", "covid-19"} <= set(keys["term"].head(3))
    assert keys["term"].iloc[-1] == "russia"
    sim = similarity(frame)
    assert sim.shape == (12, 12)
    assert np.diag(sim.to_numpy()) == pytest.approx(np.ones(12))


# -- distinctive terms ---------------------------------------------------------------------
def _g2_by_hand(a: int, b: int, n_t: int, n_r: int) -> float:
    n = n_t + n_r
    observed = [a, b, n_t - a, n_r - b]
    expected = [(a + b) * n_t / n, (a + b) * n_r / n, (n - a - b) * n_t / n, (n - a - b) * n_r / n]
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o)


def _pair(a: int, b: int, n_t: int, n_r: int) -> pd.DataFrame:
    """Group x: 'target' a times in n_t terms; group y: b times in n_r terms."""
    return make_frame(
        [
            ("x", " ".join(["target"] * a + ["alpha"] * (n_t - a))),
            ("y", " ".join(["target"] * b + ["beta"] * (n_r - b))),
        ]
    )


@pytest.fixture()
def three() -> pd.DataFrame:
    # terms (no stop words): a = terrorism 4, peace 1 (5); b = peace, trade 2, energy (4);
    # c = peace, energy 2, trade (4); 13 terms in all
    return make_frame(
        [
            ("a", "Terrorism, terrorism; terrorism and terrorism, and peace."),
            ("b", "Peace, trade, trade and energy."),
            ("c", "Peace and energy, energy, trade."),
        ]
    )


def test_distinctive_terms_g2_by_hand(three: pd.DataFrame) -> None:
    result = distinctive_terms(three)
    assert list(result.columns) == [
        "group",
        "term",
        "count",
        "count_rest",
        "rate_per_1000",
        "rate_rest_per_1000",
        "g2",
        "p",
        "log_ratio",
        "rank",
    ]
    # only terrorism in a passes count >= 3 (trade and energy occur twice)
    assert result[["group", "term", "count", "count_rest", "rank"]].values.tolist() == [
        ["a", "terrorism", 4, 0, 1]
    ]
    row = result.iloc[0]
    # O = [[4, 0], [1, 8]], E = [[20/13, 32/13], [45/13, 72/13]]
    g2 = 2 * (4 * math.log(4 * 13 / 20) + 1 * math.log(13 / 45) + 8 * math.log(8 * 13 / 72))
    assert row["g2"] == pytest.approx(g2) == pytest.approx(11.044262, abs=1e-6)
    assert row["log_ratio"] == pytest.approx(math.log2((4.5 / 5.5) / (0.5 / 8.5)))
    assert row["p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    # rates per 1,000 words: a has 7 words (and, threaten count), the rest 10
    assert row["rate_per_1000"] == pytest.approx(1000 * 4 / 7)
    assert row["rate_rest_per_1000"] == 0.0
    assert result.attrs["note"] == ""


def test_distinctive_terms_agree_with_keyness(three: pd.DataFrame) -> None:
    result = distinctive_terms(three, min_count=1, min_log_ratio=0.0, max_p=1.0)
    # trade in b: a=2, b=1, N_t=4, N_r=9 (under-used terms are never listed)
    trade = result[(result["group"] == "b") & (result["term"] == "trade")].iloc[0]
    assert trade["g2"] == pytest.approx(_g2_by_hand(2, 1, 4, 9))
    for group, part in result.groupby("group"):
        keys = keyness(three, target=group).set_index("term")
        assert (keys.loc[part["term"], "statistic"] > 0).all()
        assert part["g2"].to_numpy() == pytest.approx(keys.loc[part["term"], "statistic"])
        assert part["log_ratio"].to_numpy() == pytest.approx(keys.loc[part["term"], "log_ratio"])
        assert part["rank"].tolist() == list(range(1, len(part) + 1))
        assert part["g2"].is_monotonic_decreasing
    assert ("a", "peace") not in set(zip(result["group"], result["term"], strict=True))


def test_distinctive_terms_never_list_a_term_used_evenly() -> None:
    # 'cooperation' in every group at the same rate: idf 1.0 in tf-idf, tops its list there
    frame = make_frame(
        [
            ("a", "cooperation cooperation cooperation climate climate climate climate"),
            ("b", "cooperation cooperation cooperation energy energy energy energy"),
            ("c", "cooperation cooperation cooperation trade trade trade trade"),
        ]
    )
    assert "cooperation" in set(tfidf(frame, top=2)["term"])
    result = distinctive_terms(frame, max_p=0.1)
    assert "cooperation" not in set(result["term"])
    assert result.set_index("group")["term"].to_dict() == {
        "a": "climate",
        "b": "energy",
        "c": "trade",
    }


def test_distinctive_terms_leave_out_numbers_and_dates() -> None:
    frame = make_frame(
        [
            ("a", "On 10 June 2017, 17-19 June 2017, 75th Monday 2017: climate climate climate."),
            ("b", "Trade " * 20),
        ]
    )
    result = distinctive_terms(frame, min_count=2, max_p=1.0)
    assert set(result[result["group"] == "a"]["term"]) == {"climate"}
    kept = distinctive_terms(frame, min_count=2, max_p=1.0, keep_numbers=True)["term"]
    assert {"2017", "june", "climate"} <= set(kept)


def test_distinctive_terms_boilerplate_is_switchable() -> None:
    frame = make_frame(
        [("a", "The member states noted energy. " * 3), ("b", "Trade and trade. " * 5)]
    )
    assert set(distinctive_terms(frame, max_p=1.0)["term"]) == {"energy", "trade"}
    english = set(distinctive_terms(frame, max_p=1.0, stop_words="english")["term"])
    assert {"member", "states", "noted", "energy"} <= english


def test_distinctive_terms_one_group_says_so() -> None:
    frame = make_frame([("a", "climate climate climate"), ("a", "energy")])
    with pytest.warns(SCOTextWarning, match="nothing to compare"):
        result = distinctive_terms(frame)
    assert result.empty and list(result.columns)[:2] == ["group", "term"]
    assert "1 group(s)" in result.attrs["note"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        distinctive_terms(make_frame([("a", "x"), ("b", "y")]))  # two groups: no warning


def test_distinctive_min_count_boundary() -> None:
    assert DISTINCTIVE_MIN_COUNT == 3
    loose = {"min_log_ratio": 0.0, "max_p": 1.0}
    assert "target" in set(distinctive_terms(_pair(3, 0, 10, 10), **loose)["term"])
    assert "target" not in set(distinctive_terms(_pair(2, 0, 10, 10), **loose)["term"])


def test_distinctive_min_log_ratio_boundary() -> None:
    assert DISTINCTIVE_MIN_LOG_RATIO == 1.0
    # log ratio 1.0069 (kept) and 0.9787 (dropped); both with p < 0.003
    kept = distinctive_terms(_pair(20, 50, 40, 200)).set_index("term")
    assert kept.loc["target", "log_ratio"] == pytest.approx(1.00695, abs=1e-5)
    assert kept.loc["target", "g2"] == pytest.approx(_g2_by_hand(20, 50, 40, 200))
    dropped = distinctive_terms(_pair(20, 51, 40, 200))
    assert "target" not in set(dropped["term"])
    assert keyness(_pair(20, 51, 40, 200), target="x").set_index("term").loc[
        "target", "log_ratio"
    ] == pytest.approx(0.97866, abs=1e-5)


def test_distinctive_max_p_boundary() -> None:
    assert DISTINCTIVE_MAX_P == 0.01
    kept = distinctive_terms(_pair(3, 1, 40, 200)).set_index("term")
    assert kept.loc["target", "p"] == pytest.approx(0.009191, abs=1e-6)  # G2 = 6.785
    assert "target" not in set(distinctive_terms(_pair(6, 7, 40, 200))["term"])  # p 0.0103


def test_distinctive_terms_fold_case_and_top() -> None:
    frame = make_frame([("a", "US US US Us us trade"), ("b", "Trade trade trade trade")])
    folded = distinctive_terms(frame, stop_words=None, max_p=1.0)
    assert folded[folded["group"] == "a"]["term"].tolist() == ["us"]
    kept = distinctive_terms(frame, stop_words=None, fold_case=False, max_p=1.0)
    assert kept[kept["group"] == "a"]["term"].tolist() == ["US"]
    assert len(distinctive_terms(frame, stop_words=None, max_p=1.0, top=1)) == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_count": 0}, "min_count=0"),
        ({"min_log_ratio": -1}, "min_log_ratio=-1"),
        ({"max_p": 1.5}, "max_p=1.5"),
        ({"max_p": "0.1"}, "max_p='0.1'"),
        ({"keep_numbers": "no"}, "keep_numbers='no'"),
        ({"fold_case": 1}, "fold_case=1"),
        ({"top": 0}, "top=0"),
        ({"by": "nope"}, "nope"),
    ],
)
def test_distinctive_terms_options(three: pd.DataFrame, options: dict, message: str) -> None:
    with pytest.raises(OptionError, match=message):
        distinctive_terms(three, **options)


def test_distinctive_terms_does_not_mutate(three: pd.DataFrame) -> None:
    before = three.copy()
    distinctive_terms(three)
    pd.testing.assert_frame_equal(three, before)


def test_keyness_and_frequency_fold_case() -> None:
    frame = make_frame([("a", "US trade US"), ("b", "us trade")])
    counts = keyword_frequency(frame, stop_words=None, fold_case=False)
    assert set(counts[counts["group"] == "a"]["term"]) == {"US", "trade"}
    asked = keyword_frequency(frame, terms=["US"], fold_case=False)
    assert asked.set_index("group")["count"].to_dict() == {"a": 2, "b": 0}
    keys = keyness(frame, target="a", stop_words=None, fold_case=False)
    assert keys["term"].iloc[0] == "US" and keys["term"].iloc[-1] == "us"
    with pytest.raises(OptionError, match="fold_case='x'"):
        keyness(frame, target="a", fold_case="x")


def test_real_data_distinctive_terms_of_sco_documents() -> None:
    if not SCO.is_dir():
        pytest.skip(f"{SCO} is absent")
    from sco_text import load_corpus
    from sco_text.text import is_number

    frame = load_corpus([ROOT / "seeds", SCO])
    result = distinctive_terms(frame, top=10)
    tops = {g: part["term"].tolist() for g, part in result.groupby("group")}
    assert len(tops) == frame["doc_id"].nunique()
    # tf-idf's leaders (in every document, idf 1.0) and numbers never lead here
    for terms in tops.values():
        assert not {"cooperation", "international"} & set(terms[:5])
        assert not any(is_number(t) for t in terms)
    # verified by reading: each statement is about its subject
    assert tops["2022-samarkand-statement-climate-change"][:2] == ["climate", "change"]
    assert tops["2022-samarkand-statement-energy-security"][0] == "energy"
    assert tops["2022-samarkand-statement-food-security"][0] == "food"
    assert tops["2023-new-delhi-statement-digital-transformation"][0] == "digital"
    assert "radicalization" in tops["2023-new-delhi-statement-countering-radicalization"][:3]
    assert {"narcotic", "drug"} <= set(tops["2020-moscow-declaration"])


def test_fold_spelling_in_keyness_frequency_and_distinctive_terms() -> None:
    # a spells the British way, b the American way: the same words
    frame = make_frame(
        [
            ("a", "organisations programme organisations programme energy energy energy"),
            ("b", "organizations program organizations program trade trade trade"),
        ]
    )
    plain = keyness(frame, target="a")
    assert set(plain["term"].head(3)) >= {"organisations", "programme"}
    folded = keyness(frame, target="a", fold_spelling=True).set_index("term")
    assert folded.loc["organizations", "statistic"] == 0.0
    assert folded.loc["organizations", ["n_target", "n_reference"]].tolist() == [2, 2]
    assert "organisations" not in folded.index
    counts = keyword_frequency(frame, fold_spelling=True, by="doc_id")
    assert counts.set_index(["group", "term"]).loc[("a", "program"), "count"] == 2
    asked = keyword_frequency(frame, terms=["programme", "organis*"], fold_spelling=True)
    assert asked.groupby("term")["count"].sum().to_dict() == {"program": 4}
    loose = {"min_count": 2, "max_p": 1.0}
    assert "programme" in set(distinctive_terms(frame, **loose)["term"])
    distinct = distinctive_terms(frame, fold_spelling=True, **loose)
    assert set(distinct["term"]) == {"energy", "trade"}
    with pytest.raises(OptionError, match="fold_spelling=1"):
        distinctive_terms(frame, fold_spelling=1)  # type: ignore[arg-type]


def test_results_hold_groups_and_terms_as_categories() -> None:
    frame = make_frame([("b", "Peace and trade."), ("a", "Trade, trade and law."), ("b", "Law.")])
    for result in (keyword_frequency(frame), tfidf(frame)):
        assert isinstance(result["group"].dtype, pd.CategoricalDtype)
        assert list(result["group"].cat.categories) == ["a", "b"]
        assert isinstance(result["term"].dtype, pd.CategoricalDtype)
        categories = list(result["term"].cat.categories)
        assert categories == sorted(categories)
        assert result["term"].astype(str).tolist() == [str(t) for t in result["term"]]
    result = tfidf(frame)
    assert result[result["group"] == "a"]["term"].astype(str).tolist() == ["trade", "law"]


def test_result_groups_that_are_not_strings_keep_their_dtype() -> None:
    frame = make_frame([("a", "Peace."), ("b", "Trade.")])
    frame["date"] = pd.to_datetime(["2020-01-01", "2021-01-01"])
    result = tfidf(frame, by="date")
    assert pd.api.types.is_datetime64_any_dtype(result["group"])


def test_a_top_result_names_only_its_own_terms_as_categories() -> None:
    frame = make_frame([("a", "Peace peace trade law."), ("b", "Trade trade peace war.")])
    result = tfidf(frame, top=1)
    assert sorted(result["term"].cat.categories) == sorted(set(result["term"].astype(str)))
    assert result["term"].value_counts().min() > 0
