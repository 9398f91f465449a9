"""Tests of sco_text.plot: the artists drawn must match the frames given."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import SCO
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from seed_facts import SEED_SECTIONS

from sco_text import plot as sp
from sco_text import tfidf, themes
from sco_text.errors import FrameError, OptionError

SECTIONS = SEED_SECTIONS  # the seven section names of the seed


@pytest.fixture(autouse=True)
def _no_show_and_close(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("plt.show() must not be called")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def themes_frame(groups: Sequence[object], themes: list[str], seed: int = 1) -> pd.DataFrame:
    """A frame shaped like sco_text.themes() output, with distinct values."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in groups:
        counts = rng.integers(1, 9, len(themes))
        for t, c in zip(themes, counts, strict=True):
            rows.append((g, t, int(c), round(c * 1000 / 730, 4), c / counts.sum()))
    return pd.DataFrame(rows, columns=["group", "theme", "count", "rate_per_1000", "share"])


def freq_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["a", "a", "a", "b", "b"],
            "term": ["peace", "trade", "law", "war", "peace"],
            "count": [3, 5, 1, 2, 7],
            "rate_per_1000": [3.0, 5.0, 1.0, 2.0, 7.0],
            "docfreq": [2, 1, 1, 1, 2],
            "rank": [2, 1, 3, 2, 1],
        }
    )


def keyness_frame() -> pd.DataFrame:
    stats = [12.0, 8.5, 3.0, 1.0, -0.5, -2.0, -9.0]
    return pd.DataFrame(
        {
            "term": ["peace", "trade", "law", "order", "war", "arms", "threat"],
            "statistic": stats,
            "p": [0.01] * 7,
            "n_target": [9, 8, 3, 2, 1, 1, 0],
            "n_reference": [1, 1, 1, 1, 2, 3, 8],
            "log_ratio": [s / 4 for s in stats],
        }
    )


def series_frame(n: int = 3) -> pd.DataFrame:
    dates = pd.to_datetime(["2017-06-09", "2018-06-10", "2019-06-14", "2020-11-10"][: n + 1])
    ids = [f"{d.year}-city-declaration" for d in dates]
    frame = pd.DataFrame(
        {"old": ids[:-1], "new": ids[1:], "old_date": dates[:-1], "new_date": dates[1:]}
    )
    for k, status in enumerate(sp.STATUSES):
        frame[status] = [(k + 1) * (i + 1) for i in range(n)]
    frame["carry_over"] = [0.25, 0.5, 0.75][:n]
    return frame


def assert_no_overlap(labels: list[matplotlib.text.Text]) -> None:
    shown = [t for t in labels if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent() for t in shown]
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (shown[i].get_text(), shown[j].get_text())


def texts(labels: Iterable[matplotlib.text.Text]) -> list[str]:
    return [t.get_text() for t in labels]


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return texts(legend.get_texts())


def widths(bars: Iterable[Any]) -> list[float]:
    return [float(p.get_width()) for p in bars]


def heights(bars: Iterable[Any]) -> list[float]:
    return [float(p.get_height()) for p in bars]


def patches(ax: Axes, k: int) -> list[Any]:
    """The bars of the k-th bar container of ``ax``."""
    container: Any = ax.containers[k]
    return list(container.patches)


def ydata(line: Any) -> list[float]:
    return [float(v) for v in line.get_ydata()]


# --------------------------------------------------------------------------- theme colours


def test_theme_colors_are_stable_and_distinct() -> None:
    keys = [f"theme{i}" for i in range(12)]
    first = sp.theme_colors(keys)
    assert first == sp.theme_colors(list(reversed(keys)))
    assert len(set(first.values())) == 12
    assert sp.theme_colors(["security"])["security"] == sp.theme_colors(["security"])["security"]


# --------------------------------------------------------------------------- theme_bars


def test_theme_bars_widths_labels_and_legend() -> None:
    frame = themes_frame(["a", "b"], ["security", "trade", "culture"])
    ax = sp.theme_bars(frame)
    assert len(ax.patches) == 6
    assert ax.get_xlabel() == "matches per 1,000 words"
    assert ax.get_ylabel() == "theme"
    assert ax.get_title() == "Theme words per 1,000 words, by group"
    totals = frame.groupby("theme")["rate_per_1000"].sum().sort_values(ascending=False)
    assert texts(ax.get_yticklabels()) == list(totals.index)
    assert legend_texts(ax) == ["a", "b"]
    for k, group in enumerate(["a", "b"]):
        expected = frame[frame["group"] == group].set_index("theme")["rate_per_1000"]
        assert widths(patches(ax, k)) == pytest.approx(list(expected[totals.index]))


def test_theme_bars_share_in_percent_and_selection() -> None:
    frame = themes_frame(["a", "b", "c"], ["security", "trade", "culture"])
    ax = sp.theme_bars(frame, value="share", themes=["trade"], groups=["b"])
    assert widths(ax.patches) == pytest.approx(
        [100 * frame.query("group == 'b' and theme == 'trade'")["share"].iloc[0]]
    )
    assert "%" in ax.get_xlabel()
    assert ax.get_legend() is None
    assert ax.get_title() == "Each theme's share of the theme words: b"
    # one group: bars take the theme's colour
    assert to_hex(ax.patches[0].get_facecolor()) == sp.theme_colors(frame["theme"])["trade"]


def test_theme_bars_missing_combination_is_zero_and_dates_select_by_label() -> None:
    frame = pd.DataFrame(
        {
            "group": pd.to_datetime(["2019-06-14", "2020-11-10", "2020-11-10"]),
            "theme": ["trade", "trade", "security"],
            "count": [1, 2, 3],
            "rate_per_1000": [1.0, 2.0, 4.0],
            "share": [1.0, 0.4, 0.6],
        }
    )
    ax = sp.theme_bars(frame)
    assert legend_texts(ax) == ["2019-06-14", "2020-11-10"]
    first_group = widths(patches(ax, 0))
    assert first_group == [0.0, 1.0]  # security (top, total 4) has no 2019 row
    ax = sp.theme_bars(frame, groups=["2020-11-10"])
    assert widths(ax.patches) == [4.0, 2.0]


def test_theme_bars_uses_given_ax() -> None:
    fig, ax = plt.subplots()
    out = sp.theme_bars(themes_frame(["a"], ["x", "y"]), ax=ax)
    assert out is ax
    assert len(ax.patches) == 2
    assert fig.axes == [ax]


def test_theme_bars_options_are_checked() -> None:
    frame = themes_frame(["a"], ["x", "y"])
    with pytest.raises(OptionError, match="'rate_per_1000', 'count', 'share'"):
        sp.theme_bars(frame, value="mean")
    with pytest.raises(OptionError, match="choose from: 'x', 'y'"):
        sp.theme_bars(frame, themes=["z"])
    with pytest.raises(OptionError, match="groups"):
        sp.theme_bars(frame, groups=["nope"])
    with pytest.raises(FrameError, match=r"sco_text\.themes\(\)"):
        sp.theme_bars(frame.drop(columns="theme"))
    with pytest.raises(FrameError, match=r"sco_text\.themes\(\)"):
        sp.theme_bars("not a frame")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- theme_heatmap


def test_theme_heatmap_values_annotations_and_colorbar() -> None:
    frame = themes_frame(["a", "b"], ["security", "trade"])
    frame = frame[~((frame["group"] == "a") & (frame["theme"] == "trade"))]
    ax = sp.theme_heatmap(frame)
    names = texts(ax.get_yticklabels())
    expected = (
        frame.pivot_table(index="theme", columns="group", values="rate_per_1000", fill_value=0)
        .loc[names, ["a", "b"]]
        .to_numpy()
    )
    assert np.asarray(ax.images[0].get_array()) == pytest.approx(expected)
    assert expected[names.index("trade"), 0] == 0
    assert texts(ax.get_xticklabels()) == ["a", "b"]
    cells = [t.get_text() for t in ax.texts]
    assert cells == [f"{v:.1f}" for v in expected.ravel()]
    colorbar_axes = [a for a in ax.figure.axes if a is not ax]
    assert colorbar_axes[0].get_ylabel() == "matches per 1,000 words"
    assert ax.get_title() == "Theme words per 1,000 words, by group"


def test_theme_heatmap_count_and_no_annotation() -> None:
    frame = themes_frame(["a"], ["x"])
    ax = sp.theme_heatmap(frame, value="count", annotate=False)
    assert len(ax.texts) == 0
    assert np.asarray(ax.images[0].get_array()).tolist() == [[float(frame["count"].iloc[0])]]
    with pytest.raises(OptionError, match="choose one of"):
        sp.theme_heatmap(frame, value="tfidf")


def test_theme_heatmap_seven_sections_do_not_overlap() -> None:
    frame = themes_frame(SECTIONS, ["security", "trade", "culture", "law"])
    ax = sp.theme_heatmap(frame)
    ax.figure.canvas.draw()
    assert [t.replace("\n", " ") for t in texts(ax.get_xticklabels())] == SECTIONS
    assert_no_overlap(ax.get_xticklabels())
    assert_no_overlap(ax.get_yticklabels())


def test_theme_heatmap_on_small_given_ax_still_does_not_overlap() -> None:
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    out = sp.theme_heatmap(themes_frame(SECTIONS, ["security", "trade"]), ax=ax)
    assert out is ax
    fig.canvas.draw()
    assert_no_overlap(ax.get_xticklabels())


# --------------------------------------------------------------------------- trajectories


def test_theme_trajectories_lines_follow_dates() -> None:
    dates = list(pd.to_datetime(["2020-11-10", "2018-06-10", "2019-06-14"]))
    frame = themes_frame(dates, ["a", "b", "c"])
    ax = sp.theme_trajectories(frame, top=2)
    assert len(ax.lines) == 2
    totals = frame.groupby("theme")["rate_per_1000"].sum().sort_values(ascending=False)
    assert legend_texts(ax) == list(totals.index[:2])
    for line, theme in zip(ax.lines, totals.index[:2], strict=True):
        rows = frame[frame["theme"] == theme].sort_values("group")
        assert ydata(line) == pytest.approx(list(rows["rate_per_1000"]))
        xdata: Any = line.get_xdata()
        assert list(pd.DatetimeIndex(xdata)) == sorted(dates)
        assert to_hex(line.get_color()) == sp.theme_colors(["a", "b", "c"])[theme]
    assert [line.get_marker() for line in ax.lines] == ["o", "s"]
    assert ax.get_ylabel() == "matches per 1,000 words"
    assert ax.get_xlabel() == "meeting date"
    assert ax.get_title() == "Theme words per 1,000 words, over time"


def test_theme_trajectories_chosen_themes_missing_dates_and_nat() -> None:
    frame = pd.DataFrame(
        {
            "group": pd.to_datetime(["2018-06-10", "2020-11-10", "2020-11-10", "NaT"]),
            "theme": ["x", "x", "y", "y"],
            "count": [1, 2, 3, 4],
            "rate_per_1000": [1.0, 2.0, 3.0, 4.0],
            "share": [1.0, 0.4, 0.6, 1.0],
        }
    )
    _fig, ax = plt.subplots()
    assert sp.theme_trajectories(frame, ax=ax, themes=["y"]) is ax
    assert len(ax.lines) == 1
    assert ydata(ax.lines[0]) == [0.0, 3.0]  # no 2018 row; NaT row dropped


def test_theme_trajectories_checks() -> None:
    frame = themes_frame(["Security", "Preamble"], ["x"])
    with pytest.raises(FrameError, match="by='date'"):
        sp.theme_trajectories(frame)
    dated = themes_frame(list(pd.to_datetime(["2020-01-01"])), ["x"])
    with pytest.raises(OptionError, match="top=0"):
        sp.theme_trajectories(dated, top=0)
    with pytest.raises(OptionError, match="choose from: 'x'"):
        sp.theme_trajectories(dated, themes=["nope"])


# --------------------------------------------------------------------------- top_terms


def test_top_terms_panels_and_bars() -> None:
    axes = sp.top_terms(freq_frame(), n=2)
    assert isinstance(axes, np.ndarray)
    assert len(axes) == 2
    assert [ax.get_title() for ax in axes] == ["a", "b"]
    assert texts(axes[0].get_yticklabels()) == ["trade", "peace"]
    assert widths(axes[0].patches) == [5.0, 3.0]
    assert texts(axes[1].get_yticklabels()) == ["peace", "war"]
    assert axes[0].get_xlabel() == "occurrences"
    assert len(axes[0].figure.axes) == 2  # spare grid cell removed


def test_top_terms_prefers_tfidf_and_uses_given_fig() -> None:
    frame = pd.DataFrame(
        {
            "group": ["x", "x"],
            "term": ["a", "b"],
            "tf": [2, 1],
            "df": [1, 1],
            "idf": [1.5, 1.5],
            "tfidf": [0.2, 0.7],
        }
    )
    fig = plt.figure()
    axes = sp.top_terms(frame, fig=fig)
    assert axes[0].figure is fig
    assert widths(axes[0].patches) == [0.7, 0.2]
    assert axes[0].get_xlabel() == "tf-idf"
    axes = sp.top_terms(frame, value="tf")
    assert widths(axes[0].patches) == [2.0, 1.0]


def test_top_terms_checks() -> None:
    with pytest.raises(OptionError, match="'tfidf', 'g2', 'log_ratio', 'count'"):
        sp.top_terms(freq_frame(), value="score")
    with pytest.raises(
        FrameError, match=r"keyword_frequency\(\), tfidf\(\) or distinctive_terms\(\)"
    ):
        sp.top_terms(freq_frame(), value="tfidf")
    with pytest.raises(OptionError, match="n=0"):
        sp.top_terms(freq_frame(), n=0)
    with pytest.raises(OptionError, match="ncols"):
        sp.top_terms(freq_frame(), ncols=-1)


def test_top_terms_section_titles_do_not_overlap() -> None:
    frame = pd.DataFrame(
        {"group": SECTIONS, "term": ["cooperation"] * 7, "count": range(1, 8)},
    )
    axes = sp.top_terms(frame)
    fig = axes[0].figure
    fig.canvas.draw()
    assert_no_overlap([ax.title for ax in axes])


# --------------------------------------------------------------------------- keyness


def test_keyness_bars_two_sides() -> None:
    ax = sp.keyness_bars(keyness_frame(), n=2, target_label="2020", reference_label="2019")
    assert texts(ax.get_yticklabels()) == ["peace", "trade", "arms", "threat"]
    assert widths(ax.patches) == [12.0, 8.5, -2.0, -9.0]
    left, right = ax.get_xlim()
    assert left == pytest.approx(-right)
    assert right >= 12
    over = {to_hex(p.get_facecolor()) for p in patches(ax, 0)}
    under = {to_hex(p.get_facecolor()) for p in patches(ax, 1)}
    assert len(over) == len(under) == 1
    assert over != under
    assert legend_texts(ax) == [
        "more frequent in 2020",
        "more frequent in 2019",
    ]
    assert ax.get_title() == "Key terms: 2020 vs 2019"
    assert "2020" in ax.get_xlabel()


def test_keyness_bars_all_terms_and_measure_label() -> None:
    frame = keyness_frame()
    frame.attrs["measure"] = "g2"
    _fig, ax = plt.subplots()
    assert sp.keyness_bars(frame, ax=ax) is ax
    assert len(ax.patches) == 7
    assert ax.get_xlabel().startswith("keyness (g2)")
    with pytest.raises(OptionError, match="n="):
        sp.keyness_bars(frame, n=0)
    with pytest.raises(FrameError, match=r"sco_text\.keyness\(\)"):
        sp.keyness_bars(frame.drop(columns="statistic"))


# --------------------------------------------------------------------------- diff series


def test_diff_series_bars_stacks_and_carry_over() -> None:
    frame = series_frame()
    ax = sp.diff_series_bars(frame)
    assert len(ax.patches) == 7 * 3
    assert len(ax.containers) == len(sp.STATUSES)
    for k, status in enumerate(sp.STATUSES):
        assert heights(patches(ax, k)) == list(frame[status].astype(float))
    tops = [p.get_y() + p.get_height() for p in patches(ax, -1)]
    assert tops == list(frame[list(sp.STATUSES)].sum(axis=1).astype(float))
    assert texts(ax.get_xticklabels()) == ["2017 →\n2018", "2018 →\n2019", "2019 →\n2020"]
    assert ax.get_ylabel() == "paragraphs"
    twins = [a for a in ax.figure.axes if a is not ax]
    assert len(twins) == 1
    share = twins[0]
    assert share.get_ylim() == (0.0, 100.0)
    assert share.get_ylabel() == "% of new text carried over"
    assert ydata(share.lines[0]) == pytest.approx([25.0, 50.0, 75.0])
    legend = share.get_legend()
    assert legend is not None
    assert texts(legend.get_texts()) == [*reversed(sp.STATUSES), "carry-over"]


def test_diff_series_bars_labels_fall_back() -> None:
    frame = series_frame(2)
    frame["old_date"] = pd.to_datetime(["2019-01-10", "2019-06-14"])
    frame["new_date"] = pd.to_datetime(["2019-06-14", "2019-11-02"])
    ax = sp.diff_series_bars(frame)
    assert texts(ax.get_xticklabels()) == ["2019-01 →\n2019-06", "2019-06 →\n2019-11"]
    frame["new_date"] = pd.NaT
    _fig, given = plt.subplots()
    assert sp.diff_series_bars(frame, ax=given) is given
    assert texts(given.get_xticklabels())[0] == "2017-city-declaration →\n2018-city-declaration"


def test_diff_series_bars_shortens_long_ids() -> None:
    frame = series_frame(2)
    frame["old"] = ["2022-samarkand-statement-energy-security", "abcdefghijklmnopqrstuvwxyz0"]
    frame["new"] = ["2022-samarkand-statement-food-security", "2023-new-delhi-declaration"]
    frame["new_date"] = pd.NaT
    ax = sp.diff_series_bars(frame)
    assert [t.replace("\n", " ") for t in texts(ax.get_xticklabels())] == [
        "2022-…-energy-security → 2022-…-food-security",
        "abcdefghijklmnopqrstuvw… → 2023-…-delhi-declaration",
    ]


def test_diff_series_bars_many_pairs_do_not_overlap() -> None:
    dates = pd.date_range("2001-06-15", periods=24, freq="365D")
    frame = pd.DataFrame(
        {"old": dates[:-1].year, "new": dates[1:].year, "old_date": dates[:-1]}
    ).assign(new_date=dates[1:], carry_over=0.5)
    for status in sp.STATUSES:
        frame[status] = 2
    fig, ax = plt.subplots(figsize=(6, 4))
    sp.diff_series_bars(frame, ax=ax)
    fig.canvas.draw()
    assert_no_overlap(ax.get_xticklabels())


def test_diff_series_bars_checks() -> None:
    with pytest.raises(FrameError, match=r"sco_text\.diff_series\(\).*carry_over"):
        sp.diff_series_bars(series_frame().drop(columns="carry_over"))


# --------------------------------------------------------------------------- diff status


def test_diff_status_bars_from_paragraphs_and_counts() -> None:
    paragraphs = pd.DataFrame({"status": ["unchanged", "added", "added", "moved", "removed"]})
    ax = sp.diff_status_bars(paragraphs)
    assert texts(ax.get_yticklabels()) == list(sp.STATUSES)
    assert widths(ax.patches) == [1.0, 0.0, 1.0, 0.0, 0.0, 2.0, 1.0]
    assert ax.get_title() == "Paragraphs by status"
    assert ax.get_xlabel() == "paragraphs"
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == [
        sp.STATUS_COLORS[s] for s in sp.STATUSES
    ]
    counts = pd.Series({"unchanged": 3, "edited": 1, "carry_over": 0.75})
    _fig, given = plt.subplots()
    assert sp.diff_status_bars(counts, ax=given) is given
    assert widths(given.patches)[:2] == [3.0, 1.0]
    assert given.get_title() == "Paragraphs by status (75% of new text carried over)"


def test_diff_status_bars_from_diff_object() -> None:
    class FakeSummary:  # like sco_text.diff.DiffSummary: no mapping, but to_series()
        def to_series(self) -> pd.Series:
            return pd.Series({"edited": 2, "carry_over": 0.1}, dtype=object)

    class FakeDiff:
        old, new = "2019-bishkek", "2020-moscow"
        paragraphs = pd.DataFrame({"status": ["edited", "edited"]})

        def summary(self) -> FakeSummary:
            return FakeSummary()

    ax = sp.diff_status_bars(FakeDiff())
    assert widths(ax.patches)[1] == 2.0
    assert ax.get_title() == (
        "Paragraphs by status: 2019-bishkek → 2020-moscow\n(10% of new text carried over)"
    )
    ax = sp.diff_status_bars(FakeSummary())
    assert widths(ax.patches)[:2] == [0.0, 2.0]
    with pytest.raises(FrameError, match="DeclarationDiff"):
        sp.diff_status_bars(42)
    with pytest.raises(FrameError, match="none of"):
        sp.diff_status_bars({"spam": 1})


# --------------------------------------------------------------------------- common


@pytest.mark.parametrize(
    ("function", "make"),
    [
        (sp.theme_bars, lambda: themes_frame(["a", "b"], ["x", "y"])),
        (sp.theme_heatmap, lambda: themes_frame(SECTIONS, ["x", "y"])),
        (sp.theme_trajectories, lambda: themes_frame(list(pd.to_datetime(["2020"])), ["x"])),
        (sp.top_terms, freq_frame),
        (sp.keyness_bars, keyness_frame),
        (sp.diff_series_bars, series_frame),
        (sp.diff_status_bars, lambda: pd.DataFrame({"status": ["added", "moved"]})),
    ],
)
def test_input_not_mutated_and_no_global_state(function: Any, make: Any) -> None:
    frame = make()
    frame.attrs["note"] = "kept"
    before = frame.copy(deep=True)
    params = dict(matplotlib.rcParams)
    figures = plt.get_fignums()
    function(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert frame.attrs == {"note": "kept"}
    assert dict(matplotlib.rcParams) == params
    assert len(plt.get_fignums()) == len(figures) + 1


@pytest.mark.parametrize(
    ("function", "columns"),
    [
        (sp.theme_bars, ["group", "theme", "count", "rate_per_1000", "share"]),
        (sp.theme_heatmap, ["group", "theme", "count", "rate_per_1000", "share"]),
        (sp.top_terms, ["group", "term", "count"]),
        (sp.keyness_bars, ["term", "statistic"]),
        (sp.diff_series_bars, list(series_frame().columns)),
    ],
)
def test_empty_frames_are_refused(function: Any, columns: list[str]) -> None:
    with pytest.raises(FrameError, match="no rows"):
        function(pd.DataFrame(columns=columns))


def test_draws_on_a_figure_made_without_pyplot() -> None:
    """The report draws on bare Figure objects (Agg canvas, no pyplot)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 3), layout="constrained")
    ax = sp.theme_heatmap(themes_frame(SECTIONS, ["x", "y"]), ax=fig.add_subplot())
    assert ax.figure is fig
    fig.canvas.draw()
    assert_no_overlap(ax.get_xticklabels())
    other = Figure()
    axes = sp.top_terms(freq_frame(), fig=other)
    assert all(a.figure is other for a in axes)
    assert plt.get_fignums() == []


def test_theme_labels_replace_keys_on_screen_only() -> None:
    frame = themes_frame(list(pd.to_datetime(["2019-06-14", "2020-11-10"])), ["un_x", "trade"])
    names = {"un_x": "United Nations and multilateralism"}
    ax = sp.theme_bars(frame, themes=["un_x"], labels=names)
    assert texts(ax.get_yticklabels()) == ["United Nations and\nmultilateralism"]
    ax = sp.theme_heatmap(frame, labels=names)
    assert "United Nations and\nmultilateralism" in texts(ax.get_yticklabels())
    ax = sp.theme_trajectories(frame, labels=names)
    assert set(legend_texts(ax)) == {"United Nations and\nmultilateralism", "trade"}


# --------------------------------------------------------------------------- real results

SEED = Path(sp.__file__).parent / "data" / "seed"
SHARED_SCO = SCO


@pytest.fixture(scope="module")
def seed_frame() -> pd.DataFrame:
    try:
        from sco_text import load_corpus
    except ImportError as err:  # the corpus module is not there yet
        pytest.skip(f"load_corpus unavailable: {err}")
    return load_corpus(SEED)


@pytest.fixture(scope="module")
def series_corpus(seed_frame: pd.DataFrame) -> pd.DataFrame:
    if not SHARED_SCO.is_dir():
        pytest.skip(f"{SHARED_SCO} is absent")
    from sco_text import load_corpus

    frame = load_corpus([SEED, SHARED_SCO], errors="warn")
    if (frame.drop_duplicates("doc_id")["kind"] == "declaration").sum() < 3:
        pytest.skip("fewer than three declarations in the shared corpus")
    return frame


def test_real_theme_plots_on_the_seed_sections(seed_frame: pd.DataFrame) -> None:
    st = pytest.importorskip("sco_text")
    result = st.themes(seed_frame, by="section")
    labels = st.load_dictionary().labels()
    ax = sp.theme_heatmap(result, labels=labels)
    fig = ax.figure
    fig.canvas.draw()
    shown = [t.replace("\n", " ") for t in texts(ax.get_xticklabels())]
    assert sorted(shown) == sorted(SECTIONS)
    assert_no_overlap(ax.get_xticklabels())
    assert_no_overlap(ax.get_yticklabels())
    cells = np.asarray(ax.images[0].get_array())
    assert cells.sum() == pytest.approx(result["rate_per_1000"].sum())
    ax = sp.theme_bars(result, labels=labels)
    assert len(ax.patches) == len(result)
    assert sum(widths(ax.patches)) == pytest.approx(result["rate_per_1000"].sum())
    ax.figure.canvas.draw()
    assert_no_overlap(ax.get_yticklabels())


def test_real_top_terms_and_keyness_on_the_seed(seed_frame: pd.DataFrame) -> None:
    st = pytest.importorskip("sco_text")
    weights = st.tfidf(seed_frame, by="section", top=8)
    axes = sp.top_terms(weights, n=8)
    assert len(axes) == 7
    first = weights[weights["group"] == weights["group"].iloc[0]]
    assert widths(axes[0].patches) == pytest.approx(sorted(first["tfidf"], reverse=True))
    axes[0].figure.canvas.draw()
    assert_no_overlap([a.title for a in axes])
    counts = st.keyword_frequency(seed_frame, by="section", top=5)
    axes = sp.top_terms(counts, n=5)
    assert axes[0].get_xlabel() in ("", "occurrences")
    key = st.keyness(seed_frame, target="Security", by="section")
    ax = sp.keyness_bars(key, n=10, target_label="Security", reference_label="other sections")
    drawn = widths(ax.patches)
    assert drawn[:10] == pytest.approx(list(key["statistic"].head(10)))
    assert min(drawn) == pytest.approx(key["statistic"].min())


def test_real_trajectories_and_diffs(series_corpus: pd.DataFrame) -> None:
    st = pytest.importorskip("sco_text")
    by_date = st.themes(series_corpus, by="date")
    ax = sp.theme_trajectories(by_date, top=5)
    assert len(ax.lines) == 5
    assert len(ydata(ax.lines[0])) == by_date["group"].nunique()
    series = st.diff_series(series_corpus)
    ax = sp.diff_series_bars(series)
    assert len(ax.patches) == 7 * len(series)
    twin = next(a for a in ax.figure.axes if a is not ax)
    assert ydata(twin.lines[0]) == pytest.approx(list(series["carry_over"] * 100))
    ax.figure.canvas.draw()
    assert_no_overlap(ax.get_xticklabels())
    pair = series.iloc[-1]
    result = st.diff(series_corpus, pair["old"], pair["new"])
    ax = sp.diff_status_bars(result)
    assert widths(ax.patches) == [float(pair[s]) for s in sp.STATUSES]
    assert "carried over" in ax.get_title()


def test_statuses_match_the_diff_module() -> None:
    diff = pytest.importorskip("sco_text.compare")
    assert tuple(diff.STATUSES) == sp.STATUSES
    assert set(sp.STATUS_COLORS) == set(sp.STATUSES)


# --------------------------------------------------------------------------- hostile text and fixes


MATH = [r"$\frac{1$ money", "$x^2$ and $y$", "cost $5", "a\\$b"]


@pytest.mark.parametrize("name", MATH)
def test_dollar_text_is_drawn_literally(name: str) -> None:
    frame = themes_frame([name, "plain"], ["trade"])
    for ax in (
        sp.theme_heatmap(frame),
        sp.theme_heatmap(frame, transpose=True, group_label=name),
        sp.theme_bars(frame, group_label=name),
    ):
        fig = ax.figure
        fig.canvas.draw()  # mathtext would raise on "$\frac{1$" or draw x² for "$x^2$"
        drawn = [t for t in fig.findobj(matplotlib.text.Text) if name in t.get_text()]
        assert not drawn  # every copy of the name was escaped ...
        escaped = name.replace("$", "\\$")
        shown = [t.get_text().replace("\n", " ") for t in fig.findobj(matplotlib.text.Text)]
        assert any(escaped in text for text in shown)
        # ... and matplotlib renders the escaped text as plain text
        dollars = [t for t in fig.findobj(matplotlib.text.Text) if "$" in t.get_text()]
        assert dollars and all(not t._preprocess_math(t.get_text())[1] for t in dollars)
    axes = sp.top_terms(pd.DataFrame({"group": [name], "term": [name], "count": [2]}))
    axes[0].figure.canvas.draw()
    ax = sp.keyness_bars(keyness_frame(), target_label=name, reference_label=name)
    ax.figure.canvas.draw()
    assert name.replace("$", "\\$") in ax.get_title()


def test_theme_charts_show_readable_names_by_default() -> None:
    frame = themes_frame(["a", "b"], ["law_justice", "drugs"])
    for ax in (sp.theme_heatmap(frame), sp.theme_bars(frame)):
        shown = " ".join(texts(ax.get_yticklabels())).replace("\n", " ")
        assert "Law, courts and parliaments" in shown and "law_justice" not in shown
    dated = frame.assign(
        group=pd.to_datetime(frame["group"].map({"a": "2019-06-14", "b": "2020-11-10"}))
    )
    legend = " ".join(legend_texts(sp.theme_trajectories(dated))).replace("\n", " ")
    assert "Drugs and narcotics" in legend
    keys = texts(sp.theme_heatmap(frame, labels={}).get_yticklabels())
    assert set(keys) == {"law_justice", "drugs"}  # labels={} shows the keys
    own = frame.copy()
    own.attrs["theme_labels"] = {"drugs": "Narcotics (own)"}
    assert "Narcotics (own)" in texts(sp.theme_bars(own).get_yticklabels())


def test_heatmap_transposed_puts_groups_in_rows() -> None:
    frame = themes_frame(["g1", "g2", "g3"], ["trade", "energy"])
    ax = sp.theme_heatmap(frame, transpose=True, group_label="year", labels={})
    assert np.asarray(ax.images[0].get_array()).shape == (3, 2)
    assert texts(ax.get_yticklabels()) == ["g1", "g2", "g3"]
    assert (ax.get_ylabel(), ax.get_xlabel()) == ("year", "theme")
    assert ax.get_title() == "Theme words per 1,000 words, by year"


@pytest.mark.parametrize(
    ("share", "text"),
    [(1.0, "100%"), (0.996, "99.6%"), (0.9996, "99.96%"), (0.99999, "99.999%"), (0.995, "99.5%"),
     (0.582, "58%"), (0.5, "50%"), (0.004, "0.4%"), (0.0, "0%"), (0.00001, "0.001%")],
)  # fmt: skip
def test_percent_never_rounds_to_0_or_100(share: float, text: str) -> None:
    assert sp.percent(share) == text


def test_carry_over_titles_are_honest() -> None:
    ax = sp.diff_status_bars({"unchanged": 4, "carry_over": 0.996})
    assert ax.get_title() == "Paragraphs by status (99.6% of new text carried over)"
    ax = sp.diff_status_bars({"unchanged": 4, "carry_over": 1.0})
    assert ax.get_title() == "Paragraphs by status (100% of new text carried over)"


def test_carry_over_at_100_percent_is_not_clipped() -> None:
    frame = series_frame(3).assign(carry_over=[1.0, 0.996, 0.0])
    ax = sp.diff_series_bars(frame)
    share = next(a for a in ax.figure.axes if a is not ax)
    line = share.lines[0]
    assert not line.get_clip_on()
    assert [t.get_text() for t in share.texts] == ["100%", "99.6%", "0%"]
    ax.figure.canvas.draw()
    top = share.transData.transform((0, 100))[1]
    marker = line.get_markersize() / 2 * ax.figure.dpi / 72
    # the marker at 100 % reaches above the axes and is drawn there (not cut)
    assert top + marker > share.get_window_extent().y1


def test_split_and_merged_colours_are_far_apart() -> None:
    rgb = {s: np.array(matplotlib.colors.to_rgb(c)) for s, c in sp.STATUS_COLORS.items()}
    assert np.linalg.norm(rgb["split"] - rgb["merged"]) > 0.5
    for a, b in itertools.combinations(rgb, 2):
        assert np.linalg.norm(rgb[a] - rgb[b]) > 0.2, (a, b)


@pytest.mark.parametrize(
    ("share", "below"),
    [(sp.CARRY_LABEL_BELOW_ABOVE / 100, False), (sp.CARRY_LABEL_BELOW_ABOVE / 100 + 0.001, True)],
)
def test_a_high_carry_over_is_written_below_its_marker(share: float, below: bool) -> None:
    frame = series_frame(1)
    frame["carry_over"] = [share]
    ax = sp.diff_series_bars(frame)
    share_ax = next(a for a in ax.figure.axes if a is not ax)
    (label,) = share_ax.texts
    assert (label.xyann[1] < 0) is below
    assert label.get_verticalalignment() == ("top" if below else "baseline")
    plt.close("all")


def test_a_carry_over_of_100_percent_stays_clear_of_the_title() -> None:
    frame = series_frame(1)
    frame["carry_over"] = [1.0]
    ax = sp.diff_series_bars(frame)
    ax.figure.canvas.draw()
    share_ax = next(a for a in ax.figure.axes if a is not ax)
    renderer = ax.figure.canvas.get_renderer()
    title = ax.title.get_window_extent(renderer)
    assert not share_ax.texts[0].get_window_extent(renderer).overlaps(title)
    plt.close("all")


@pytest.mark.parametrize(
    ("by", "name"),
    [("section", "section"), ("doc_id", "document"), (["doc_id", "section"], "document / section")],
)
def test_theme_titles_name_the_groups_from_the_result(
    seed_frame: pd.DataFrame, by: str | list[str], name: str
) -> None:
    result = themes(seed_frame, by=by)
    if result["group"].nunique() > 1:
        assert sp.theme_heatmap(result).get_title().endswith(f", by {name}")
        assert sp.theme_bars(result).get_title().endswith(f", by {name}")
        assert sp.theme_heatmap(result, group_label="part").get_title().endswith(", by part")
    axes = sp.top_terms(tfidf(seed_frame, by=by))
    assert f"per {name} " in axes[0].figure.get_suptitle()
    plt.close("all")


def test_a_frame_without_recorded_groups_is_titled_by_group() -> None:
    frame = pd.DataFrame(
        {"group": ["a", "b"], "theme": ["trade", "trade"], "count": [1, 2]}
        | {"rate_per_1000": [2.0, 5.0], "share": [1.0, 1.0]}
    )
    assert sp.theme_heatmap(frame).get_title().endswith(", by group")
    plt.close("all")
