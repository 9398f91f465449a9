"""Charts of sco-text result frames (matplotlib).

Every function takes a result frame from the analysis or diff functions and draws
it. Single charts accept a keyword-only ``ax=`` (a new figure is made when it is
None) and return the :class:`~matplotlib.axes.Axes` drawn on; the small-multiples
chart :func:`top_terms` accepts ``fig=`` and returns a numpy array of Axes, one
per group. Nothing here calls ``plt.show()`` or changes global rcParams, and the
input frames are never modified.

Themes keep the same colour in every chart (:func:`theme_colors`), and paragraph
statuses of the diff charts always use :data:`STATUS_COLORS`. Theme charts show the
readable names of the shipped dictionary's themes ("Law, courts and parliaments", not
``law_justice``) unless given other ``labels``.

Text taken from the data (doc ids, section names, terms, labels) is drawn as it is:
a ``$`` is escaped, so ``$...$`` in a heading is never parsed as matplotlib math text.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> from sco_text import plot
>>> frame = pd.DataFrame({"group": ["a", "b"], "theme": ["security", "security"],
...                       "count": [2, 3], "rate_per_1000": [4.0, 1.5], "share": [1.0, 1.0]})
>>> ax = plot.theme_heatmap(frame)
>>> ax.get_title()
'Theme words per 1,000 words, by group'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

from ._validate import check_choice, check_columns, check_positive_int
from .errors import FrameError, OptionError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "STATUSES",
    "STATUS_COLORS",
    "STRENGTH_COLORS",
    "commitment_bars",
    "diff_series_bars",
    "diff_status_bars",
    "keyness_bars",
    "phrase_chart",
    "reuse_share_bars",
    "theme_bars",
    "theme_colors",
    "theme_heatmap",
    "theme_trajectories",
    "top_terms",
]

#: Paragraph statuses of a diff, in the order the charts stack and list them.
STATUSES: tuple[str, ...] = ("unchanged", "edited", "moved", "split", "merged", "added", "removed")

#: Fixed colour of each paragraph status (split and merged clearly apart: blue, pink).
STATUS_COLORS: dict[str, str] = {
    "unchanged": "#9aa5b1",
    "edited": "#f2b134",
    "moved": "#8e6bbf",
    "split": "#1f6fb4",
    "merged": "#e377c2",
    "added": "#4caf50",
    "removed": "#d9534f",
}

# Twenty qualitative colours, all dark enough to read as a line on white: matplotlib's
# tab10, then the darkest shades of tab20b and five of ColorBrewer's Dark2. Themes
# prefer one of the first ten.
_PALETTE: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
    "#1b9e77", "#e7298a", "#e6ab02", "#7570b3", "#66a61e",
)  # fmt: skip
_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")

_THEME_VALUES: tuple[str, ...] = ("rate_per_1000", "count", "share")
_THEME_UNITS: dict[str, str] = {
    "rate_per_1000": "matches per 1,000 words",
    "count": "matches",
    "share": "% of the group's theme matches",
}
_THEME_TITLES: dict[str, str] = {
    "rate_per_1000": "Theme words per 1,000 words",
    "count": "Theme words counted",
    "share": "Each theme's share of the theme words",
}
_TERM_VALUES: tuple[str, ...] = ("tfidf", "g2", "log_ratio", "count", "rate_per_1000", "tf")
_TERM_UNITS: dict[str, str] = {
    "tfidf": "tf-idf",
    "g2": "keyness (log-likelihood G², vs the rest)",
    "log_ratio": "log2 ratio of use vs the rest",
    "count": "occurrences",
    "rate_per_1000": "per 1,000 words",
    "tf": "term frequency",
}
_TERM_AXIS: dict[str, str] = {**_TERM_UNITS, "g2": "keyness G²", "log_ratio": "log2 ratio"}
_THEMES_FROM = "sco_text.themes()"
_DIGITS = 3  # most decimals a percentage is given to tell it from 0% or 100%
_VALUE_LABELS_UP_TO = 24  # pairs in a diff-series chart whose carry-over is written in
#: A carry-over share (in %) above this is written below its marker, not above it, so
#: that it stays clear of the chart's title.
CARRY_LABEL_BELOW_ABOVE = 85.0


# --------------------------------------------------------------------------- helpers


def theme_colors(themes: Iterable[str]) -> dict[str, str]:
    """Map each theme key to a colour, the same one in every chart.

    A theme's colour depends on its key (a CRC-32 hash picks one of ten
    qualitative colours); when two themes of the set want one colour, the later
    key (in sorted order) takes the next free one. The charts pass every theme
    of the frame, not only those drawn, so frames with the same themes (one
    dictionary) give the same colours in every chart.

    Parameters
    ----------
    themes : iterable of str
        Theme keys (pass all of a dictionary's for colours stable across charts).

    Returns
    -------
    dict of str to str
        Hex colour of each key.

    >>> colors = theme_colors(["security", "economy"])
    >>> colors["security"] == theme_colors(["security", "culture"])["security"]
    True
    >>> len(set(theme_colors([f"t{i}" for i in range(10)]).values()))
    10
    """
    taken: set[int] = set()
    result: dict[str, str] = {}
    for key in sorted(set(themes)):
        slot = zlib.crc32(key.encode("utf-8")) % 10
        for step in range(len(_PALETTE)):
            candidate = (slot + step) % len(_PALETTE)
            if candidate not in taken:
                break
        else:  # more themes than colours: reuse
            candidate = slot
        taken.add(candidate)
        result[key] = _PALETTE[candidate]
    return result


def _check_frame(frame: object, required: Sequence[str], producer: str) -> pd.DataFrame:
    """Check ``frame`` has ``required`` columns; the error names ``producer``."""
    try:
        check_columns(frame, required, what="the frame")
    except FrameError:
        if not isinstance(frame, pd.DataFrame):
            got = type(frame).__name__
            raise FrameError(f"expected a frame from {producer}, got {got}") from None
        missing = [c for c in required if c not in frame.columns]
        raise FrameError(
            f"expected a frame from {producer}: column(s) {missing} are missing; "
            f"the frame has {list(frame.columns)}"
        ) from None
    assert isinstance(frame, pd.DataFrame)
    if frame.empty:
        raise FrameError(f"expected a frame from {producer}: the frame has no rows to plot")
    return frame


def _safe(text: str) -> str:
    """``text`` as matplotlib should draw it: every ``$`` escaped (no math text)."""
    return text.replace("$", r"\$")


def percent(share: float) -> str:
    """A share (0-1) as a percentage that never rounds to 0% or 100% when it is not.

    Whole percents when that is exact enough; otherwise one more decimal at a time
    (up to three) until the text differs from ``0%`` and ``100%``.

    Parameters
    ----------
    share : float
        The share, 0-1.

    Returns
    -------
    str
        E.g. ``"58%"``, ``"99.6%"``, ``"0.4%"``, ``"100%"``.

    >>> [percent(x) for x in (0.582, 0.996, 0.9996, 1.0, 0.004, 0.0)]
    ['58%', '99.6%', '99.96%', '100%', '0.4%', '0%']
    """
    value = float(share) * 100
    for digits in range(_DIGITS + 1):
        text = f"{value:.{digits}f}"
        if (float(text) == 100) == (value == 100) and (float(text) == 0) == (value == 0):
            return f"{text}%"
    return f"{value:.{_DIGITS}f}%"


def _default_labels(labels: Mapping[str, str] | None, frame: pd.DataFrame) -> Mapping[str, str]:
    """Theme names to show: ``labels``, else the frame's own (``attrs["theme_labels"]``),
    else the shipped dictionary's (keys it does not know are shown as they are)."""
    if labels is not None:
        return labels
    own = frame.attrs.get("theme_labels")
    if isinstance(own, Mapping):
        return own
    from .dictionaries import load_dictionary

    return load_dictionary().labels()


def _label(value: object) -> str:
    """Readable text for a group value (dates without a time of day)."""
    if value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return "unknown"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    return str(value)


def _theme_label(key: str, labels: Mapping[str, str] | None) -> str:
    """The display label of a theme key (the key itself when ``labels`` lacks it)."""
    return str(labels.get(key, key)) if labels else key


#: How a grouping column is named in a title when ``group_label`` is not given.
_GROUP_NAMES = {"doc_id": "document", "para_no": "paragraph", "sent_no": "sentence"}


def _group_name(frame: pd.DataFrame, group_label: str | None) -> str:
    """``group_label``, else the result's grouping columns (``attrs["by"]``), else "group"."""
    if group_label is not None:
        return group_label
    by = frame.attrs.get("by")
    if isinstance(by, list) and by and all(isinstance(c, str) for c in by):
        return " / ".join(_GROUP_NAMES.get(c, c.replace("_", " ")) for c in by)
    return "group"


def _wrap(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters and made safe to draw (:func:`_safe`)."""
    lines = [textwrap.wrap(part, width=width, break_long_words=False) or [part]
             for part in text.split("\n")]  # fmt: skip
    return _safe("\n".join(line for part in lines for line in part))


def _new_axes(figsize: tuple[float, float]) -> Axes:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _root_figure(ax: Axes) -> Figure:
    fig: Any = ax.figure
    while not isinstance(fig, Figure):
        fig = fig.figure
    return fig


def _overlapping(labels: Sequence[Any]) -> bool:
    """True if any two visible, non-empty tick labels overlap on screen."""
    boxes = [t.get_window_extent() for t in labels if t.get_visible() and t.get_text()]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            if first.overlaps(second):
                return True
    return False


def _fit_xticklabels(ax: Axes, labels: Sequence[str], *, width: int = 14) -> None:
    """Set x tick labels so that none overlap.

    Tries in turn: labels wrapped to ``width`` characters; wrapped to twice that and
    turned upright; upright on one line; then shows only every 2nd, 3rd, ... label.
    """
    fig = _root_figure(ax)
    attempts = [
        ([_wrap(x, width) for x in labels], 0),
        ([_wrap(x, 2 * width) for x in labels], 90),
        ([_safe(x.replace("\n", " ")) for x in labels], 90),
    ]
    for texts, rotation in attempts:
        ax.set_xticks(range(len(labels)), texts)
        ax.tick_params(axis="x", labelrotation=rotation)
        fig.draw_without_rendering()
        if not _overlapping(ax.get_xticklabels()):
            return
    for step in range(2, len(labels)):
        for k, label in enumerate(ax.get_xticklabels()):
            label.set_visible(k % step == 0)
        fig.draw_without_rendering()
        if not _overlapping(ax.get_xticklabels()):
            return


def _matrix(
    frame: pd.DataFrame, value: str, scale: float = 1.0
) -> tuple[list[str], list[object], np.ndarray]:
    """Themes x groups matrix of ``value`` (0 where a theme has no row for a group)."""
    theme_codes, themes = pd.factorize(frame["theme"].astype(str), use_na_sentinel=False)
    group_codes, groups = pd.factorize(frame["group"], use_na_sentinel=False)
    matrix = np.zeros((len(themes), len(groups)), dtype=float)
    values = pd.to_numeric(frame[value], errors="coerce").fillna(0).to_numpy(dtype=float)
    np.add.at(matrix, (theme_codes, group_codes), values * scale)
    return [str(t) for t in themes], list(groups), matrix


def _select(
    name: str, wanted: Iterable[Any] | None, available: Sequence[Any], labels: Sequence[str]
) -> list[int]:
    """Positions of ``wanted`` items (matched by value or label) among ``available``."""
    if wanted is None:
        return list(range(len(available)))
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    positions: list[int] = []
    for item in wanted:
        hits = [
            i
            for i, (a, lab) in enumerate(zip(available, labels, strict=True))
            if a == item or lab == item
        ]
        if not hits:
            listed = ", ".join(repr(x) for x in labels)
            raise OptionError(f"{name}: {item!r} is not in the frame; choose from: {listed}")
        positions.extend(h for h in hits if h not in positions)
    if not positions:
        raise OptionError(f"{name}=[] is not allowed; name at least one, or pass None")
    return positions


def _theme_value(value: str) -> tuple[float, str]:
    check_choice("value", value, _THEME_VALUES)
    return (100.0 if value == "share" else 1.0), _THEME_UNITS[value]


# --------------------------------------------------------------------------- themes


def theme_bars(
    themes_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "rate_per_1000",
    themes: Iterable[str] | None = None,
    groups: Iterable[Any] | None = None,
    labels: Mapping[str, str] | None = None,
    group_label: str | None = None,
) -> Axes:
    """Horizontal grouped bars: one row per theme, one bar per group.

    ``themes_frame`` comes from :func:`sco_text.themes`. ``value`` is one of
    ``"rate_per_1000"`` (default), ``"count"`` or ``"share"`` (drawn as a
    percentage). Themes are sorted by their total over the groups shown, largest
    on top; groups keep the frame's order. ``themes=``/``groups=`` keep only the
    named ones (groups may be named by value or by their label, e.g.
    ``"2020-11-10"``). With a single group the bars take each theme's colour.
    ``labels`` maps theme keys to the names shown; by default the frame's
    ``attrs["theme_labels"]`` or the shipped dictionary's names (``{}`` shows the
    keys). ``group_label`` names what the groups are (``"section"``, ``"year"``) in
    the title and legend; by default the grouping columns that :func:`sco_text.themes`
    records in ``attrs["by"]`` (``doc_id`` is "document"), else "group".

    Parameters
    ----------
    themes_frame : pandas.DataFrame
        A frame from :func:`sco_text.themes`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure, sized to the themes and groups, when None).
    value, themes, groups, labels, group_label
        As described above.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"group": ["a", "a", "b"], "theme": ["trade", "security", "trade"],
    ...                       "count": [1, 3, 2], "rate_per_1000": [2.0, 6.0, 5.0],
    ...                       "share": [0.25, 0.75, 1.0]})
    >>> ax = theme_bars(frame)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['trade', 'security']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    scale, unit = _theme_value(value)
    frame = _check_frame(themes_frame, ["group", "theme", value], _THEMES_FROM)
    group_label = _group_name(frame, group_label)
    labels = _default_labels(labels, frame)
    names, group_values, matrix = _matrix(frame, value, scale)
    colors = theme_colors(names)
    group_labels = [_label(g) for g in group_values]
    rows = _select("themes", themes, names, names)
    cols = _select("groups", groups, group_values, group_labels)
    matrix = matrix[np.ix_(rows, cols)]
    names = [names[i] for i in rows]
    group_labels = [group_labels[i] for i in cols]
    order = np.argsort(-matrix.sum(axis=1), kind="stable")
    matrix = matrix[order]
    names = [names[i] for i in order]

    n_themes, n_groups = matrix.shape
    if ax is None:
        size = (8.0 if n_groups == 1 else 10.0, 0.8 + n_themes * (0.22 * n_groups + 0.2))
        ax = _new_axes((size[0], min(24.0, max(2.5, size[1]))))
    height = 0.8 / n_groups
    for j, label in enumerate(group_labels):
        offsets = np.arange(n_themes) + (j - (n_groups - 1) / 2) * height
        if n_groups == 1:
            ax.barh(offsets, matrix[:, j], height=height, color=[colors[t] for t in names])
        else:
            ax.barh(offsets, matrix[:, j], height=height, label=_wrap(label, 24),
                    color=_PALETTE[j % len(_PALETTE)])  # fmt: skip
    ax.set_yticks(range(n_themes), [_wrap(_theme_label(t, labels), 28) for t in names])
    ax.set_ylim(n_themes - 0.5, -0.5)  # first theme on top, no empty margin
    ax.set_xlabel(unit)
    ax.set_ylabel("theme")
    what = _THEME_TITLES[value]
    title = f"{what}, by {group_label}" if n_groups > 1 else f"{what}: {group_labels[0]}"
    ax.set_title(_wrap(title, 70))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if n_groups > 1:
        ax.legend(title=_safe(group_label), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)  # fmt: skip
    return ax


def theme_heatmap(
    themes_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "rate_per_1000",
    annotate: bool = True,
    labels: Mapping[str, str] | None = None,
    group_label: str | None = None,
    transpose: bool = False,
) -> Axes:
    """Heatmap of themes (rows) by groups (columns), with annotated cells.

    ``themes_frame`` comes from :func:`sco_text.themes` (e.g. ``by="section"``).
    Rows are sorted by the theme's total, largest on top; columns keep the
    frame's order, with long labels wrapped (and turned upright if they would
    still overlap). ``value`` is ``"rate_per_1000"`` (default), ``"count"`` or
    ``"share"`` (as a percentage); the colour bar carries its unit. Cells are
    written in when ``annotate`` is true. ``labels`` maps theme keys to the
    names shown and ``group_label`` names the groups (as in :func:`theme_bars`).
    ``transpose=True`` draws groups as rows and themes as columns: the layout
    for many groups (each group a row of the page, as long as it needs).

    Parameters
    ----------
    themes_frame : pandas.DataFrame
        A frame from :func:`sco_text.themes`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure, sized to the rows and columns, when None).
    value, annotate, labels, group_label, transpose
        As described above.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (its colour bar is a second Axes of the figure).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"group": ["a", "b"], "theme": ["trade", "trade"],
    ...                       "count": [1, 2], "rate_per_1000": [2.0, 5.0], "share": [1.0, 1.0]})
    >>> ax = theme_heatmap(frame)
    >>> ax.images[0].get_array().tolist()
    [[2.0, 5.0]]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    scale, unit = _theme_value(value)
    frame = _check_frame(themes_frame, ["group", "theme", value], _THEMES_FROM)
    group_label = _group_name(frame, group_label)
    labels = _default_labels(labels, frame)
    names, group_values, matrix = _matrix(frame, value, scale)
    order = np.argsort(-matrix.sum(axis=1), kind="stable")
    matrix = matrix[order]
    names = [names[i] for i in order]
    group_labels = [_label(g) for g in group_values]
    theme_labels = [_theme_label(t, labels) for t in names]
    if transpose:
        matrix = matrix.T
        row_labels = [_wrap(g, 28) for g in group_labels]
        col_labels, col_width, row_name, col_name = theme_labels, 12, group_label, "theme"
    else:
        row_labels = [_wrap(t, 28) for t in theme_labels]
        col_labels, col_width, row_name, col_name = group_labels, 14, "theme", group_label
    n_rows, n_cols = matrix.shape
    if ax is None:
        lines = max((t.count("\n") + 1 for t in row_labels), default=1)
        row = max(0.45, 0.17 * lines + 0.1)
        ax = _new_axes((min(18.0, max(5.0, 1.8 + 1.45 * n_cols)), max(2.5, 1.4 + row * n_rows)))
    image = ax.imshow(matrix, aspect="auto", cmap="Blues", vmin=0,
                      vmax=max(float(matrix.max()), 1e-9) if matrix.size else 1.0)  # fmt: skip
    colorbar = _root_figure(ax).colorbar(image, ax=ax)
    colorbar.set_label(unit)
    ax.set_yticks(range(n_rows), row_labels)
    ax.set_ylabel(_safe(row_name))
    ax.set_xlabel(_safe(col_name))
    ax.set_title(_wrap(f"{_THEME_TITLES[value]}, by {group_label}", 70))
    ax.tick_params(length=0)
    if annotate and matrix.size:
        fmt = "{:.0f}" if value == "count" else ("{:.0f}%" if value == "share" else "{:.1f}")
        top = float(matrix.max()) or 1.0
        for (i, j), cell in np.ndenumerate(matrix):
            ax.text(j, i, fmt.format(cell), ha="center", va="center", fontsize=8.5,
                    color="white" if cell > 0.6 * top else "black")  # fmt: skip
    if transpose:
        ax.tick_params(axis="x", labelsize=9)  # many theme columns
    _fit_xticklabels(ax, col_labels, width=col_width)
    return ax


def theme_trajectories(
    themes_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    themes: Iterable[str] | None = None,
    top: int = 6,
    value: str = "rate_per_1000",
    labels: Mapping[str, str] | None = None,
) -> Axes:
    """One line per theme over the meeting dates.

    ``themes_frame`` comes from ``sco_text.themes(frame, by="date")`` (its
    ``group`` column holds dates; groups with an unknown date are left out). A
    theme without a row for a date counts 0 there. Without ``themes=`` the
    ``top`` themes with the largest total are drawn. The legend sits beside the
    plot, ordered like the lines' totals. ``value`` is as in :func:`theme_bars`;
    ``labels`` maps theme keys to the names shown (default: as in :func:`theme_bars`).

    Parameters
    ----------
    themes_frame : pandas.DataFrame
        A frame from ``sco_text.themes(frame, by="date")``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure when None).
    themes, top, value, labels
        As described above.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"group": pd.to_datetime(["2019-06-14", "2020-11-10"]),
    ...                       "theme": ["trade", "trade"], "count": [1, 2],
    ...                       "rate_per_1000": [2.0, 5.0], "share": [1.0, 1.0]})
    >>> ax = theme_trajectories(frame)
    >>> ax.lines[0].get_ydata().tolist()
    [2.0, 5.0]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    scale, unit = _theme_value(value)
    frame = _check_frame(themes_frame, ["group", "theme", value], _THEMES_FROM)
    labels = _default_labels(labels, frame)
    check_positive_int("top", top)
    group = frame["group"]
    is_dates = pd.api.types.is_datetime64_any_dtype(group) or all(
        isinstance(v, pd.Timestamp) or v is pd.NaT for v in group.tolist()
    )
    dates = pd.to_datetime(group) if is_dates else group
    if not is_dates or dates.isna().all():
        raise FrameError(
            "expected a frame from sco_text.themes(frame, by='date'): its group column "
            "must hold dates"
        )
    data = frame.loc[dates.notna(), ["theme", value]].assign(group=dates[dates.notna()])
    names, group_values, matrix = _matrix(data, value, scale)
    when = pd.DatetimeIndex(group_values)
    by_date = np.argsort(when.asi8, kind="stable")
    when = when[by_date]
    matrix = matrix[:, by_date]
    totals = matrix.sum(axis=1)
    if themes is None:
        rows = list(np.argsort(-totals, kind="stable")[:top])
    else:
        rows = _select("themes", themes, names, names)
        rows.sort(key=lambda i: -totals[i])
    if ax is None:
        ax = _new_axes((9.0, 4.5))
    colors = theme_colors(names)
    for k, i in enumerate(rows):
        ax.plot(
            when,
            matrix[i],
            marker=_MARKERS[k % len(_MARKERS)],
            color=colors[names[i]],
            label=_wrap(_theme_label(names[i], labels), 28),
        )
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("meeting date")
    ax.set_ylabel(unit)
    ax.set_title(f"{_THEME_TITLES[value]}, over time")
    ax.grid(alpha=0.3)
    ax.legend(title="theme", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


# --------------------------------------------------------------------------- terms


def top_terms(
    freq_or_tfidf_frame: pd.DataFrame,
    *,
    value: str | None = None,
    n: int = 10,
    ncols: int = 3,
    fig: Figure | None = None,
    group_label: str | None = None,
) -> np.ndarray:
    """Small multiples: the ``n`` top terms of each group as horizontal bars.

    Takes a frame from :func:`sco_text.keyword_frequency`, :func:`sco_text.tfidf`
    or :func:`sco_text.distinctive_terms`. ``value`` defaults to ``"tfidf"`` when
    the frame has that column, else ``"g2"`` (distinctive terms), else
    ``"count"``. Panels follow the frame's group order, ``ncols`` per row, largest
    term on top. Draws on ``fig`` (a new figure when None) and returns a 1-D
    numpy array of the Axes, one per group; spare grid cells are removed.
    ``group_label`` names the groups in the figure's title.

    Parameters
    ----------
    freq_or_tfidf_frame : pandas.DataFrame
        Columns ``group``, ``term`` and ``value``.
    value : str, optional
        The column drawn: ``tfidf``, ``g2``, ``log_ratio``, ``count``,
        ``rate_per_1000`` or ``tf``.
    n, ncols : int
        Terms per panel and panels per row.
    fig : matplotlib.figure.Figure, optional
        Where to draw.
    group_label : str, optional
        What the groups are, e.g. ``"document"``; by default named from the grouping
        columns the result records (``attrs["by"]``: ``doc_id`` is "document"), else
        "group".

    Returns
    -------
    numpy.ndarray
        The Axes, one per group.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"group": ["a", "a", "b"], "term": ["peace", "trade", "law"],
    ...                       "count": [3, 5, 2], "rate_per_1000": [3.0, 5.0, 4.0],
    ...                       "docfreq": [1, 1, 1], "rank": [2, 1, 1]})
    >>> axes = top_terms(frame)
    >>> [ax.get_title() for ax in axes]
    ['a', 'b']
    >>> [t.get_text() for t in axes[0].get_yticklabels()]
    ['trade', 'peace']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    producer = "sco_text.keyword_frequency(), tfidf() or distinctive_terms()"
    frame = _check_frame(freq_or_tfidf_frame, ["group", "term"], producer)
    group_label = _group_name(frame, group_label)
    if value is None:
        value = next((v for v in ("tfidf", "g2") if v in frame.columns), "count")
    check_choice("value", value, _TERM_VALUES)
    _check_frame(frame, ["group", "term", value], producer)
    check_positive_int("n", n)
    check_positive_int("ncols", ncols)
    codes, groups = pd.factorize(frame["group"], use_na_sentinel=False)
    ncols = min(ncols, len(groups))
    nrows = -(-len(groups) // ncols)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(4.2 * ncols, nrows * (0.6 + 0.24 * n) + 0.6),
                         layout="constrained")  # fmt: skip
    grid = fig.subplots(nrows, ncols, squeeze=False)
    numbers = pd.to_numeric(frame[value], errors="coerce")
    used: list[Axes] = []
    for k, group in enumerate(groups):
        ax = grid.flat[k]
        rows = frame.assign(_v=numbers)[codes == k].dropna(subset=["_v"])
        rows = rows.sort_values("_v", ascending=False, kind="stable").head(n)
        ax.barh(range(len(rows)), rows["_v"].to_numpy(dtype=float), color="#1f77b4")
        ax.set_yticks(range(len(rows)), [_wrap(str(t), 24) for t in rows["term"]])
        ax.set_ylim(max(n, len(rows)) - 0.5, -0.5)  # bars as thick in every panel, first on top
        ax.set_title(_wrap(_label(group), 28), fontsize=10)
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)
        if k + ncols >= len(groups):  # lowest panel of its column
            ax.set_xlabel(_TERM_AXIS[value])
        used.append(ax)
    for ax in grid.flat[len(groups) :]:
        ax.remove()
    if value == "g2":
        title = f"The {n} most distinctive terms of each {group_label} ({_TERM_UNITS[value]})"
    else:
        title = f"Top {n} terms per {group_label} ({_TERM_UNITS[value]})"
    fig.suptitle(_wrap(title, 90))
    return np.array(used, dtype=object)


def keyness_bars(
    keyness_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    n: int = 15,
    target_label: str = "target",
    reference_label: str = "reference",
) -> Axes:
    """Diverging bars of the most over- and under-used terms of a keyness test.

    Takes a frame from :func:`sco_text.keyness`. The ``n`` terms with the
    largest positive statistic (more frequent in the target) are drawn to the
    right of zero, strongest on top; below them the ``n`` most negative ones
    (more frequent in the reference) to the left, strongest at the bottom. The
    x axis is symmetric around zero and the two sides have their own colour.

    Parameters
    ----------
    keyness_frame : pandas.DataFrame
        A frame from :func:`sco_text.keyness`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure when None).
    n : int
        Terms on each side.
    target_label, reference_label : str
        Names of the two sides in the legend, axis and title.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"term": ["peace", "law", "war"], "statistic": [9.0, 2.0, -4.0],
    ...                       "p": [0.01, 0.2, 0.05], "n_target": [9, 3, 0],
    ...                       "n_reference": [1, 1, 5], "log_ratio": [3.0, 1.0, -2.0]})
    >>> ax = keyness_bars(frame, target_label="2020")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['peace', 'law', 'war']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    frame = _check_frame(keyness_frame, ["term", "statistic"], "sco_text.keyness()")
    check_positive_int("n", n)
    stat = pd.to_numeric(frame["statistic"], errors="coerce")
    data = pd.DataFrame({"term": frame["term"].astype(str), "statistic": stat}).dropna()
    over = data[data["statistic"] > 0].sort_values("statistic", ascending=False, kind="stable")
    under = data[data["statistic"] < 0].sort_values("statistic", ascending=True, kind="stable")
    over = over.head(n)
    under = under.head(n).iloc[::-1]  # weakest first, strongest at the bottom
    rows = len(over) + len(under)
    if ax is None:
        ax = _new_axes((7.5, max(2.5, 1.3 + 0.27 * rows)))
    target_label, reference_label = _safe(target_label), _safe(reference_label)
    over_color, under_color = "#c0504d", "#4f81bd"
    y_over = np.arange(len(over), dtype=float)
    y_under = len(over) + 0.6 + np.arange(len(under), dtype=float)
    ax.barh(y_over, over["statistic"].to_numpy(dtype=float), color=over_color,
            label=f"more frequent in {target_label}")  # fmt: skip
    ax.barh(y_under, under["statistic"].to_numpy(dtype=float), color=under_color,
            label=f"more frequent in {reference_label}")  # fmt: skip
    ax.set_yticks(np.concatenate([y_over, y_under]),
                  [_wrap(t, 28) for t in [*over["term"], *under["term"]]])  # fmt: skip
    ax.invert_yaxis()
    limit = float(data["statistic"].abs().max()) * 1.1 if len(data) else 1.0
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="black", linewidth=0.8)
    measure = keyness_frame.attrs.get("measure")
    name = f"keyness ({_safe(measure)})" if isinstance(measure, str) and measure else "keyness"
    ax.set_xlabel(f"{name}: > 0 more frequent in {target_label}, < 0 in {reference_label}")
    ax.set_title(f"Key terms: {target_label} vs {reference_label}")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right" if len(under) else "best", frameon=False)
    return ax


# --------------------------------------------------------------------------- diff


def _short_pair_labels(frame: pd.DataFrame) -> list[str]:
    """``old →\\nnew`` labels: dates as short as stays unambiguous, else document ids."""
    old_dates = pd.to_datetime(frame["old_date"], errors="coerce")
    new_dates = pd.to_datetime(frame["new_date"], errors="coerce")
    if len(frame) and old_dates.notna().all() and new_dates.notna().all():
        every = pd.concat([old_dates, new_dates]).drop_duplicates()
        ids = pd.concat([frame["old"], frame["new"]]).drop_duplicates()
        for fmt in ("%Y", "%Y-%m", "%Y-%m-%d"):
            if every.dt.strftime(fmt).nunique() == len(every) == len(ids):
                return [
                    f"{a.strftime(fmt)} →\n{b.strftime(fmt)}"
                    for a, b in zip(old_dates, new_dates, strict=True)
                ]

    def short(doc_id: object, limit: int = 24) -> str:
        # Slugs differ at their end (2022-samarkand-statement-energy-security): keep the
        # first word and as many of the last words as fit.
        words = str(doc_id).split("-")
        if len(str(doc_id)) <= limit or len(words) < 3:
            return str(doc_id) if len(str(doc_id)) <= limit else str(doc_id)[: limit - 1] + "…"
        tail: list[str] = []
        for word in reversed(words[1:]):
            if tail and len("-".join([words[0], "…", word, *tail])) > limit:
                break
            tail.insert(0, word)
        return "-".join([words[0], "…", *tail])

    return [f"{short(a)} →\n{short(b)}" for a, b in zip(frame["old"], frame["new"], strict=True)]


def diff_series_bars(diff_series_frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked paragraph statuses per successive pair, with the carry-over share.

    Takes a frame from :func:`sco_text.diff_series`. Each bar is one pair of
    successive documents, labelled ``old → new``: by date when every date is
    known and tells the documents apart, else by document id (ids longer than
    24 characters keep their first and last words: ``2022-…-energy-security``).
    Bars are stacked by status in the order of :data:`STATUSES`. The carry-over
    share (percentage of the new document's words carried over verbatim) is a
    black line on a secondary y axis, 0-100 %.
    Returns the primary (paragraph count) Axes; the secondary one is its twin.

    Parameters
    ----------
    diff_series_frame : pandas.DataFrame
        A frame from :func:`sco_text.diff_series`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure, sized to the pairs, when None).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"old": ["a"], "new": ["b"],
    ...     "old_date": pd.to_datetime(["2019-06-14"]), "new_date": pd.to_datetime(["2020-11-10"]),
    ...     "unchanged": [5], "edited": [3], "moved": [1], "split": [0], "merged": [0],
    ...     "added": [4], "removed": [2], "carry_over": [0.42]})
    >>> ax = diff_series_bars(frame)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2019 →\\n2020']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    required = ["old", "new", "old_date", "new_date", *STATUSES, "carry_over"]
    frame = _check_frame(diff_series_frame, required, "sco_text.diff_series()")
    pair_labels = _short_pair_labels(frame)
    if ax is None:
        longest = max(len(line) for label in pair_labels for line in label.split("\n"))
        per_pair = max(0.75, 0.075 * longest)
        ax = _new_axes((min(16.0, max(6.5, 2.8 + per_pair * len(frame))), 4.8))
    x = np.arange(len(frame), dtype=float)
    bottom = np.zeros(len(frame))
    for status in STATUSES:
        counts = pd.to_numeric(frame[status], errors="coerce").fillna(0).to_numpy(dtype=float)
        ax.bar(x, counts, bottom=bottom, width=0.7, color=STATUS_COLORS[status], label=status)
        bottom += counts
    ax.set_ylabel("paragraphs")
    ax.set_xlabel("successive documents (old → new)")
    ax.set_title("Paragraph changes between successive documents")
    ax.set_xlim(-0.6, len(frame) - 0.4)
    share = ax.twinx()
    carry = pd.to_numeric(frame["carry_over"], errors="coerce").to_numpy(dtype=float) * 100
    # not clipped at 0 or 100 %: the markers and their values overhang the axes
    share.plot(x, carry, color="black", marker="o", linewidth=1.5, label="carry-over",
               clip_on=False, zorder=3)  # fmt: skip
    share.set_ylim(0, 100)
    share.set_ylabel("% of new text carried over")
    if len(frame) <= _VALUE_LABELS_UP_TO:
        for xi, value in zip(x, carry, strict=True):
            if np.isfinite(value):
                below = value > CARRY_LABEL_BELOW_ABOVE
                share.annotate(percent(value / 100), (xi, value),
                               xytext=(0, -7 if below else 7), textcoords="offset points",
                               ha="center", va="top" if below else "baseline", fontsize=8,
                               annotation_clip=False)  # fmt: skip
    handles, labels = ax.get_legend_handles_labels()
    line_handles, line_labels = share.get_legend_handles_labels()
    beside = offset_copy(share.transAxes, fig=_root_figure(ax), x=58, units="points")
    share.legend(
        handles[::-1] + line_handles,
        labels[::-1] + line_labels,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        bbox_transform=beside,
        frameon=False,
    )
    _fit_xticklabels(ax, pair_labels, width=40)
    return ax


def diff_status_bars(
    diff: Any,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars: how many paragraphs of one diff have each status.

    ``diff`` is a :class:`sco_text.DeclarationDiff`, its ``.paragraphs`` frame
    (a ``status`` column), its ``summary()``, or counts per status as a mapping
    or Series (e.g. ``summary().to_series()``). A carry-over share (0-1) found
    there goes into the title, and so do the two document ids when known. All
    seven statuses are listed, in the order of :data:`STATUSES`.

    Parameters
    ----------
    diff : DeclarationDiff, pandas.DataFrame, pandas.Series or mapping
        The diff or its counts, as above.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure when None).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = diff_status_bars({"unchanged": 4, "edited": 2, "carry_over": 0.5})
    >>> [float(p.get_width()) for p in ax.patches]
    [4.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> ax.get_title()
    'Paragraphs by status (50% of new text carried over)'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    expected = (
        "expected a DeclarationDiff from sco_text.diff(), its .paragraphs frame "
        "(a status column) or its summary() counts"
    )
    names = (getattr(diff, "old", None), getattr(diff, "new", None))
    carry: float | None = None
    source = diff
    if isinstance(getattr(diff, "paragraphs", None), pd.DataFrame):
        source = diff.paragraphs
        summary = getattr(diff, "summary", None)
        if callable(summary):
            carry = _carry_from(_as_counts(summary()))
    source = _as_counts(source)
    if isinstance(source, pd.DataFrame) and "status" in source.columns:
        found = source["status"].astype(str).value_counts()
        counts = {s: float(found.get(s, 0)) for s in STATUSES}
    else:
        if isinstance(source, pd.DataFrame) and len(source) == 1:
            source = source.iloc[0]
        if not isinstance(source, (Mapping, pd.Series)):
            raise FrameError(f"{expected}, got {type(diff).__name__}")
        if not any(s in source for s in STATUSES):
            raise FrameError(f"{expected}; none of {list(STATUSES)} is there")
        counts = {s: float(source.get(s, 0) or 0) for s in STATUSES}
        carry = _carry_from(source)
    if ax is None:
        ax = _new_axes((6.5, 3.4))
    y = np.arange(len(STATUSES))
    widths = [counts[s] for s in STATUSES]
    bars = ax.barh(y, widths, color=[STATUS_COLORS[s] for s in STATUSES])
    ax.bar_label(bars, labels=[f"{w:.0f}" for w in widths], padding=3, fontsize=8)
    ax.set_yticks(y, list(STATUSES))
    ax.invert_yaxis()
    ax.set_xlim(0, max(max(widths), 1.0) * 1.12)
    ax.set_xlabel("paragraphs")
    title = "Paragraphs by status"
    if all(isinstance(x, str) and x for x in names):
        title = _wrap(f"{title}: {names[0]} → {names[1]}", 55)
    if carry is not None:
        share = f"({percent(carry)} of new text carried over)"
        title += f"\n{share}" if "→" in title else f" {share}"
    ax.set_title(title)
    return ax


def _as_counts(obj: object) -> object:
    """A diff summary object as a Series (through its ``to_series()``), else ``obj``."""
    to_series = getattr(obj, "to_series", None)
    if not isinstance(obj, (pd.Series, pd.DataFrame)) and callable(to_series):
        return to_series()
    return obj


def _carry_from(summary: object) -> float | None:
    """The carry-over share found in a summary Series or mapping."""
    if isinstance(summary, (Mapping, pd.Series)) and "carry_over" in summary:
        value = pd.to_numeric(pd.Series([summary["carry_over"]]), errors="coerce").iloc[0]
        return None if pd.isna(value) else float(value)
    return None


# --------------------------------------------------------------------------- language
# Commitments, phrase histories and text reuse (sco_text.language); one block, kept
# apart from the charts above.

#: Colours of commitment strengths.
STRENGTH_COLORS: dict[str, str] = {"firm": "#1f4e79", "soft": "#8fb8de"}
_COUNTS_FROM = "sco_text.commitment_counts()"
_COUNT_VALUES = ("n_commitments", "firm", "soft", "share_firm", "n_sentences", "with_catalyst")


def commitment_bars(counts_frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Horizontal stacked bars of firm and soft commitments, one bar per group.

    ``counts_frame`` comes from :func:`sco_text.commitment_counts`; its grouping
    column(s) (every column before ``n_commitments``) label the bars, which keep the
    frame's order, first on top. Each bar is labelled with its total.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "n_commitments": [3, 1], "firm": [2, 0],
    ...     "soft": [1, 1], "share_firm": [2 / 3, 0.0], "n_sentences": [2, 1],
    ...     "with_catalyst": [1, 0]})
    >>> ax = commitment_bars(counts)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_title()
    (['a', 'b'], 'Commitments per doc_id')
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    frame = _check_frame(counts_frame, ["n_commitments", "firm", "soft"], _COUNTS_FROM)
    by = [c for c in frame.columns if c not in _COUNT_VALUES]
    if not by:
        raise FrameError(f"expected a frame from {_COUNTS_FROM}: it has no grouping column")
    labels = [
        " / ".join(_label(v) if v != "" else "(none)" for v in row)
        for row in frame[by].itertuples(index=False)
    ]
    firm = frame["firm"].to_numpy(dtype=float)
    soft = frame["soft"].to_numpy(dtype=float)
    if ax is None:
        ax = _new_axes((9.0, min(24.0, max(2.5, 0.9 + 0.32 * len(labels)))))
    y = np.arange(len(labels))
    ax.barh(y, firm, color=STRENGTH_COLORS["firm"], label="firm (will, agree, decided ...)")
    bars = ax.barh(y, soft, left=firm, color=STRENGTH_COLORS["soft"],
                   label="soft (intend, support, advocate ...)")  # fmt: skip
    ax.bar_label(bars, labels=[f"{t:.0f}" for t in firm + soft], padding=3, fontsize=8)
    ax.set_yticks(y, [_wrap(lab, 32) for lab in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, max(float((firm + soft).max()), 1.0) * 1.12)
    ax.set_xlabel("commitments")
    ax.set_ylabel(" / ".join(by))
    ax.set_title(f"Commitments per {' / '.join(by)}")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return ax


_HISTORY_FROM = "sco_text.phrase_history()"


def phrase_chart(
    history_frame: pd.DataFrame, *, ax: Axes | None = None, top: int = 15, width: int = 60
) -> Axes:
    """Formulas over time: one row per phrase, a dot for each document's date.

    ``history_frame`` comes from :func:`sco_text.phrase_history`; its first ``top``
    rows are drawn in its order, first on top, each with a line from its first to its
    last appearance and a dot per dated document (a darker dot where several documents
    of one date hold it). Phrases longer than ``width`` characters are shortened.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> history = pd.DataFrame({"phrase": ["a shared future", "common destiny"],
    ...     "doc_ids": [["b", "c"], ["a"]], "dates": [["2021-01-01", "2022-01-01"],
    ...     ["2020-01-01"]]})
    >>> ax = phrase_chart(history)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a shared future', 'common destiny']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    frame = _check_frame(history_frame, ["phrase", "dates"], _HISTORY_FROM)
    check_positive_int("top", top)
    check_positive_int("width", width)
    frame = frame.head(top)
    labels = [p if len(p) <= width else p[: width - 1].rstrip() + "…" for p in frame["phrase"]]
    if ax is None:
        ax = _new_axes((10.0, min(24.0, max(2.5, 1.0 + 0.34 * len(labels)))))
    for y, dates in enumerate(frame["dates"]):
        when = pd.to_datetime(pd.Series([d for d in dates if d]), errors="coerce").dropna()
        if when.empty:
            continue
        counts = when.value_counts().sort_index()
        ax.plot([counts.index.min(), counts.index.max()], [y, y], color="#9aa5b1", lw=1.5,
                zorder=1)  # fmt: skip
        ax.scatter(counts.index, [y] * len(counts), s=28 + 12 * (counts.to_numpy() - 1),
                   color="#1f4e79", zorder=2)  # fmt: skip
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("date of the documents holding the phrase")
    ax.set_title("Formulas over time")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


_SHARES_FROM = "sco_text.reuse_shares()"


def reuse_share_bars(shares_frame: pd.DataFrame, *, ax: Axes | None = None, top: int = 25) -> Axes:
    """Horizontal bars: each document's share of words found in an earlier document.

    ``shares_frame`` comes from :func:`sco_text.reuse_shares`. The ``top`` documents
    with the largest ``share_reused`` are drawn, largest on top; a lighter bar behind
    shows ``share_shared`` (also counting documents of the same date). Shares are
    drawn as percentages.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"doc_id": ["a", "b"], "share_reused": [0.0, 0.5],
    ...                        "share_shared": [0.2, 0.5]})
    >>> ax = reuse_share_bars(shares)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['b', 'a']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    frame = _check_frame(shares_frame, ["doc_id", "share_reused", "share_shared"], _SHARES_FROM)
    check_positive_int("top", top)
    frame = frame.sort_values("share_reused", ascending=False, kind="stable").head(top)
    labels = [_label(d) for d in frame["doc_id"]]
    y = np.arange(len(labels))
    if ax is None:
        ax = _new_axes((9.0, min(24.0, max(2.5, 0.9 + 0.3 * len(labels)))))
    ax.barh(y, frame["share_shared"].to_numpy(dtype=float) * 100, color="#c9d6e3",
            label="shared with any other document")  # fmt: skip
    bars = ax.barh(y, frame["share_reused"].to_numpy(dtype=float) * 100, height=0.5,
                   color="#1f4e79", label="found in an earlier document")  # fmt: skip
    ax.bar_label(bars, labels=[f"{v * 100:.0f}%" for v in frame["share_reused"]], padding=3,
                 fontsize=8)  # fmt: skip
    ax.set_yticks(y, [_wrap(lab, 32) for lab in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the document's words")
    ax.set_title("Reused text per document")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    return ax
