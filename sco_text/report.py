"""One standalone HTML page describing a corpus: tables, themes, terms, repairs, diffs.

The page needs nothing but itself: styles are inline and plots are embedded
as PNG images in ``data:`` URIs, so it opens offline and can be mailed as one
file. Every piece of document text is HTML-escaped.

The layout holds for any corpus size: tables wrap their cells inside the page
(and scroll inside their own box if they still do not fit), tables longer than
:data:`COLLAPSE_ROWS` rows are folded into a ``<details>`` element that says
how many rows it holds, and every chart is sized to its rows and columns and
drawn no wider than the page column, so its text is shown at its real size.

Plots are drawn on :class:`matplotlib.figure.Figure` objects with the Agg
canvas directly, so building a report never touches pyplot or the global
matplotlib backend.

>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "doc_id": ["d1", "d1"], "title": ["A <b>test</b>", "A <b>test</b>"],
...     "date": pd.to_datetime(["2020-11-10"] * 2), "place": ["Moscow"] * 2,
...     "kind": ["declaration"] * 2, "source": ["d1.txt"] * 2,
...     "section": ["Preamble", "Security"], "para_no": [0, 1],
...     "text": ["The member states support peace and security.",
...              "They will fight terrorism and drug trafficking."],
...     "raw": ["The member states support peace and security.",
...             "They will fight terrorism and drug trafficking."]})
>>> page = build_report(frame, title="Demo")
>>> page.startswith("<!DOCTYPE html>") and "A &lt;b&gt;test&lt;/b&gt;" in page
True
"""

from __future__ import annotations

import base64
import html
import io
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import __version__, plot
from ._validate import check_columns
from .compare import diff_series
from .corpus import documents, repairs
from .dictionaries import themes
from .errors import FrameError
from .frequency import distinctive_terms
from .language.commitments import commitment_counts, commitments
from .language.phrases import phrase_history

__all__ = ["build_report", "write_report"]

DEFAULT_TITLE = "sco-text report"
FRAME_COLUMNS = ("doc_id", "title", "date", "place", "kind", "source", "section", "para_no", "text")
TOP_TERMS = 10  # terms per panel of the top-terms chart
BAR_THEMES = 8  # themes in the theme bars of one document's sections
MAX_DOCS = 30  # documents in one heatmap; more are grouped by year
HEATMAP_COLUMNS = 8  # more groups than this: groups become the heatmap's rows
MAX_PANELS = 12  # documents in the top-terms small multiples
MAX_SERIES = 20  # most recent documents of one series in the diff section
OPEN_SERIES = 3  # series shown unfolded in the diff section; the others are folded
COLLAPSE_ROWS = 15  # longer tables are folded into <details>
MIN_DECLARATIONS = 2  # declarations needed for the commitments and phrase sections
EXAMPLE_COMMITMENTS = 5  # example sentences in the commitments section
TOP_THEMES = 3  # themes named per document in the commitments table
TOP_PHRASES = 15  # formulas in the phrase-history chart and table
WIDE_TABLE = 6  # tables with this many columns take the page's width
MAX_TABLE_ROWS = 1000  # rows written out at most (the rest are counted)
#: Widest figure, in inches at :data:`DPI_CSS` pixels per inch: the page column
#: (1100 px less its padding), so no image is scaled down.
PAGE_INCHES = 10.3
DPI_CSS = 100  # CSS pixels per figure inch
DPI_PNG = 150  # pixels per inch of the embedded PNGs (sharp on high-density screens)
#: The document columns shown in the documents table, in order, with their headings.
DOC_COLUMNS = {
    "doc_id": "doc_id",
    "title": "title",
    "date": "date",
    "kind": "kind",
    "place": "place",
    "series": "series",
    "country": "country",
    "n_paragraphs": "paragraphs",
    "n_words": "words",
    "file": "file",
}
_PERCENT_COLUMNS = frozenset({"carry_over", "firm %"})  # shares written as percentages
_ID_COLUMNS = frozenset({"doc_id", "old", "new", "group", "file", "series", "rule", "term"})

_CSS = """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; color: #222; margin: 0 auto;
       max-width: 1100px; padding: 1.5em 2em 4em; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #8a9bb0; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin-bottom: 0.3em; }
nav { background: #f5f7fa; border: 1px solid #dde3ea; padding: 0.4em 1em; }
nav h2 { border: 0; margin: 0.3em 0; font-size: 1.1em; }
nav ol { columns: 2; margin: 0.3em 0; }
nav li span { color: #666; font-size: 0.9em; }
p.meta, p.note { color: #555; }
p.note { font-style: italic; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.88em;
        font-family: 'Helvetica Neue', Arial, sans-serif; }
table.wide { width: 100%; }
th, td { border: 1px solid #ccd3dc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #eef1f5; text-align: left; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
td.id { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.92em;
        overflow-wrap: anywhere; min-width: 9em; }
tr:nth-child(even) td { background: #f8f9fb; }
details { margin: 0.6em 0; }
details > summary { cursor: pointer; color: #1f4e79; font-family: 'Helvetica Neue', Arial,
                    sans-serif; font-size: 0.92em; }
figure { margin: 1em 0; max-width: 100%; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e7ec; display: block; }
figcaption { font-size: 0.9em; color: #555; }
"""


# --------------------------------------------------------------------------- pieces


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _cell_text(value: Any, column: str) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    if column in _PERCENT_COLUMNS and isinstance(value, float):
        return plot.percent(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _cell_class(frame: pd.DataFrame, column: Any) -> str:
    dtype = frame[column].dtype
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return "num"
    if pd.api.types.is_datetime64_any_dtype(dtype) or str(column).endswith("date"):
        return "date"
    return "id" if column in _ID_COLUMNS else ""


def _table(
    frame: pd.DataFrame,
    *,
    what: str = "rows",
    headings: Mapping[str, str] | None = None,
    collapse: int = COLLAPSE_ROWS,
) -> str:
    """An HTML table of ``frame`` in a box that scrolls sideways if it must.

    Headers and cells are escaped, numbers right-aligned, dates kept on one line, ids
    in a monospace font. More than ``collapse`` rows: the table is folded into a
    ``<details>`` element whose summary counts the rows (``what`` names them).
    """
    headings = headings or {}
    classes = [_cell_class(frame, c) for c in frame.columns]
    head = "".join(f"<th>{_esc(headings.get(str(c), c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.head(MAX_TABLE_ROWS).itertuples(index=False, name=None):
        cells = "".join(
            (f'<td class="{k}">' if k else "<td>") + f"{_esc(_cell_text(v, str(c)))}</td>"
            for v, k, c in zip(values, classes, frame.columns, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = ""
    if len(frame) > MAX_TABLE_ROWS:
        more = _note(f"The first {MAX_TABLE_ROWS} of {len(frame)} {what} are listed.")
    wide = ' class="wide"' if len(frame.columns) >= WIDE_TABLE else ""
    table = (
        f'<div class="scroll"><table{wide}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{more}"
    )
    if len(frame) <= collapse:
        return table
    return f"<details><summary>Show the table of all {len(frame)} {what}</summary>{table}</details>"


def _note(text: str) -> str:
    return f'<p class="note">{_esc(text)}</p>'


def _png(fig: Figure) -> str:
    """The figure as a base64 PNG data URI (no metadata, so no links inside)."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI_PNG, metadata={"Software": None})
    fig.clear()
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(
    draw: Callable[[Figure], object], *, size: tuple[float, float], alt: str, caption: str
) -> str:
    """Draw on a fresh Agg figure with ``draw(fig)`` and return an HTML <figure>.

    The figure is at most :data:`PAGE_INCHES` wide, so that the page shows it at its
    real size (``width``/``height`` attributes in CSS pixels).
    """
    width, height = min(size[0], PAGE_INCHES), size[1]
    fig = Figure(figsize=(width, height), layout="constrained")
    with warnings.catch_warnings():
        # a glyph missing from the font (e.g. CJK in a heading) is drawn as a box
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        draw(fig)
        uri = _png(fig)
    w_px, h_px = round(width * DPI_CSS), round(height * DPI_CSS)
    return (
        f'<figure><img src="{uri}" width="{w_px}" height="{h_px}" alt="{_esc(alt)}">'
        f"<figcaption>{_esc(caption)}</figcaption></figure>"
    )


def _section(anchor: str, heading: str, body: Iterable[str]) -> str:
    return f'<section id="{anchor}"><h2>{_esc(heading)}</h2>{"".join(body)}</section>'


@dataclass
class _Part:
    anchor: str
    heading: str
    summary: str  # one line for the table of contents
    html: str


def _latest(frame: pd.DataFrame, n: int, *, kind: str | None = None) -> list[str]:
    """The doc_ids of the ``n`` most recent documents (of ``kind``), oldest first."""
    docs = frame.drop_duplicates("doc_id")
    if kind is not None:
        docs = docs[docs["kind"] == kind]
    docs = docs.sort_values("date", na_position="first", kind="stable")
    return [str(d) for d in docs["doc_id"].tail(n)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- sections


def _documents_part(frame: pd.DataFrame) -> _Part:
    docs = documents(frame)
    extra = frame.drop_duplicates("doc_id").set_index("doc_id")
    for column in ("series", "country"):
        if column in frame.columns and column not in docs.columns:
            docs[column] = docs["doc_id"].map(extra[column])
    docs["file"] = [PurePath(str(s)).name for s in docs["source"]]
    shown = [c for c in DOC_COLUMNS if c in docs.columns]
    if "series" in shown and docs["series"].astype(str).eq(docs["doc_id"].astype(str)).all():
        shown.remove("series")  # every document its own series: says nothing
    dated = docs["date"].dropna()
    span = ""
    if len(dated):
        first, last = dated.min(), dated.max()
        span = f", dated {first:%Y-%m-%d}" + (f" to {last:%Y-%m-%d}" if last != first else "")
    kinds = docs["kind"].value_counts()
    kind_text = ", ".join(f"{n} {k}" for k, n in kinds.items())
    intro = _note(
        f"{_plural(len(docs), 'document')} ({kind_text}), "
        f"{_plural(len(frame), 'paragraph')}, {int(docs['n_words'].sum()):,} words{span}."
    )
    table = _table(docs[shown], what="documents", headings=DOC_COLUMNS)
    body = [intro, table]
    return _Part(
        "documents", "Documents", f"{len(docs)} listed", _section("documents", "Documents", body)
    )


def _heatmap_part(frame: pd.DataFrame, n_docs: int) -> _Part:
    body: list[str] = []
    if n_docs == 1:
        by, what, data = "section", "section", frame
    elif n_docs <= MAX_DOCS:
        by, what, data = "doc_id", "document", frame
    elif frame.drop_duplicates("doc_id")["date"].notna().mean() >= 0.5:
        by, what = "year", "year"  # too many documents for one chart: one row per year
        data = frame.assign(year=frame["date"].dt.year.astype("Int64"))
        body.append(_note(f"{n_docs} documents, more than {MAX_DOCS}: grouped by year."))
    else:  # too many documents and too few dates to group them by year
        by, what = "doc_id", "document"
        data = frame[frame["doc_id"].isin(_latest(frame, MAX_DOCS))]
        body.append(_note(f"{MAX_DOCS} of the {n_docs} documents (most are undated)."))
    heading = f"Theme heatmap by {what}"
    result = themes(data, by=by)
    if by == "section":  # the sections in reading order, not alphabetical
        order = {s: k for k, s in enumerate(dict.fromkeys(frame["section"]))}
        result = result.sort_values("group", key=lambda g: g.map(order), kind="stable")
    if result.empty or not result["count"].any():
        body.append(_note("No theme words were found."))
        return _Part(
            "theme-heatmap", heading, "no theme words", _section("theme-heatmap", heading, body)
        )
    groups = int(result["group"].nunique())
    n_themes = int(result["theme"].nunique())
    transpose = groups > HEATMAP_COLUMNS
    if transpose:  # groups are rows: as many as needed, themes across (labels upright)
        size = (PAGE_INCHES, 3.4 + 0.36 * groups)
    else:
        size = (min(PAGE_INCHES, 4.6 + 1.05 * groups), 1.6 + 0.42 * n_themes)
    body.append(
        _figure(
            lambda f: plot.theme_heatmap(
                result, group_label=what, transpose=transpose, ax=f.add_subplot()
            ),
            size=size,
            alt=f"Heatmap of theme words per 1,000 words by {what}",
            caption=f"Words of each theme of the dictionary per 1,000 words of each {what}; "
            "darker cells are higher rates. Themes are sorted by their total, largest first.",
        )
    )
    summary = f"{_plural(n_themes, 'theme')} x {_plural(groups, what)}"
    return _Part("theme-heatmap", heading, summary, _section("theme-heatmap", heading, body))


def _focus_document(frame: pd.DataFrame) -> str:
    """The document whose sections are charted: the latest declaration with sections, else
    the latest document with sections, else the latest document."""
    n_sections = frame.groupby("doc_id")["section"].nunique()
    with_sections = frame[frame["doc_id"].map(n_sections) >= 2]
    return (
        _latest(with_sections, 1, kind="declaration")
        or _latest(with_sections, 1)
        or _latest(frame, 1)
    )[0]


def _bars_part(frame: pd.DataFrame, n_docs: int) -> _Part:
    heading = "Themes in the sections of one document"
    doc_id = _focus_document(frame)
    rows = frame[frame["doc_id"] == doc_id]
    n_sections = int(rows["section"].nunique())
    if n_sections < 2:
        note = _note("No document has sections to compare (headings in its text).")
        return _Part("theme-bars", heading, "no sections", _section("theme-bars", heading, [note]))
    result = themes(rows, by="section")
    if result.empty or not result["count"].any():
        note = _note("No theme words were found.")
        return _Part(
            "theme-bars", heading, "no theme words", _section("theme-bars", heading, [note])
        )
    order = {s: k for k, s in enumerate(dict.fromkeys(rows["section"]))}
    result = result.sort_values("group", key=lambda g: g.map(order), kind="stable")
    totals = result.groupby("theme")["rate_per_1000"].sum().sort_values(ascending=False)
    shown = [t for t in totals.index[:BAR_THEMES] if totals[t] > 0]
    fig = _figure(
        lambda f: plot.theme_bars(result, themes=shown, group_label="section", ax=f.add_subplot()),
        size=(PAGE_INCHES, min(16.0, max(3.0, 1.0 + len(shown) * (0.11 * n_sections + 0.25)))),
        alt=f"Bar chart of theme rates in each section of {doc_id}",
        caption=f"Words of the {len(shown)} most frequent themes per 1,000 words of each "
        f"section of {doc_id}.",
    )
    body = [fig]
    if n_docs > 1:
        kind = str(rows["kind"].iloc[0])
        which = "declaration" if kind == "declaration" else "document"
        body.insert(0, _note(f"The sections of {doc_id}, the most recent {which} with sections."))
    summary = f"{_plural(n_sections, 'section')} of {doc_id}"
    return _Part("theme-bars", heading, summary, _section("theme-bars", heading, body))


def _terms_part(frame: pd.DataFrame, n_docs: int) -> _Part:
    heading = "Distinctive terms"
    body: list[str] = []
    if n_docs > 1:
        by, what = "doc_id", "document"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = distinctive_terms(frame, by="doc_id", top=TOP_TERMS)
        panels = list(dict.fromkeys(result["group"]))
        if n_docs > MAX_PANELS:
            latest = _latest(frame, MAX_PANELS)
            panels = [d for d in latest if d in set(panels)]
            body.append(_note(f"The {MAX_PANELS} most recent of {n_docs} documents."))
        compared = "the other documents"
    else:
        by, what = "section", "section"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = distinctive_terms(frame, by="section", top=TOP_TERMS)
        order = list(dict.fromkeys(frame["section"]))
        panels = [s for s in order if s in set(result["group"])]
        compared = "the other sections"
    body.insert(
        0,
        _note(
            f"The terms each {what} uses more than {compared} do, ranked by keyness "
            "(log-likelihood G²; numbers, dates and declaration boilerplate left out). "
            f"A {what} without a term used clearly more often has no panel."
        ),
    )
    if not panels:
        body.append(_note(f"No {what} has a distinctive term: there is too little to compare."))
        return _Part("top-terms", heading, "none found", _section("top-terms", heading, body))
    result = result[result["group"].isin(panels)]
    result = result.assign(_o=result["group"].map({g: k for k, g in enumerate(panels)}))
    result = result.sort_values(["_o", "rank"], kind="stable").drop(columns="_o")
    cols = min(3, len(panels))
    rows = -(-len(panels) // cols)
    body.append(
        _figure(
            lambda f: plot.top_terms(result, n=TOP_TERMS, ncols=cols, fig=f, group_label=what),
            size=(min(PAGE_INCHES, 3.45 * cols), rows * (0.75 + 0.24 * TOP_TERMS) + 0.6),
            alt=f"Small multiples: the most distinctive terms of each {what}",
            caption=f"Up to {TOP_TERMS} terms per {what}; longer bars are more distinctive.",
        )
    )
    missing = (n_docs if by == "doc_id" else frame["section"].nunique()) - len(set(result["group"]))
    if missing > 0 and n_docs <= MAX_PANELS:
        body.append(_note(f"{_plural(int(missing), what)} without a distinctive term."))
    summary = f"{_plural(len(panels), what)}"
    return _Part("top-terms", heading, summary, _section("top-terms", heading, body))


def _repairs_part(frame: pd.DataFrame) -> _Part:
    heading = "Normaliser repairs"
    if not isinstance(frame.attrs.get("repairs"), pd.DataFrame):
        note = "No record of repairs: the frame was not made by sco_text.load_corpus()."
        return _Part("repairs", heading, "no record", _section("repairs", heading, [_note(note)]))
    found = repairs(frame)
    if found.empty:
        body = [_note("The normaliser made no repairs.")]
        return _Part("repairs", heading, "none", _section("repairs", heading, body))
    counts = (
        found.groupby("rule")
        .size()
        .rename("repairs")
        .reset_index()
        .sort_values(["repairs", "rule"], ascending=[False, True], kind="stable")
    )
    body = [
        _note(
            f"{len(found)} repair(s) of the raw text before analysis, counted per rule; "
            "sco_text.repairs(frame) lists each with its text before and after."
        ),
        _table(counts, what="rules"),
    ]
    if found["doc_id"].nunique() > 1:
        per_doc = (
            found.groupby(["doc_id", "rule"])
            .size()
            .rename("n")
            .reset_index()
            .sort_values(["doc_id", "n", "rule"], ascending=[True, False, True], kind="stable")
        )
        rows = [
            {
                "doc_id": doc_id,
                "repairs": int(group["n"].sum()),
                "rules": ", ".join(
                    f"{r} {n}" for r, n in zip(group["rule"], group["n"], strict=True)
                ),
            }
            for doc_id, group in per_doc.groupby("doc_id", sort=True)
        ]
        body += [_note("Per document:"), _table(pd.DataFrame(rows), what="documents")]
    return _Part("repairs", heading, f"{len(found)} repairs", _section("repairs", heading, body))


def _series_groups(frame: pd.DataFrame) -> tuple[str, list[tuple[str, pd.DataFrame]]]:
    """How documents are paired, and (series name, its rows) for every series of 2+.

    With a ``series`` column, the documents of one series; without it, only the
    declarations of the heads of state form a series (statements, speeches and others
    have nothing to say which of them belong together). Largest series first.
    """
    if "series" in frame.columns:
        rule = "Each document is compared with the one before it in its series"
        labels = frame["series"].astype(str)
    else:
        rule = "Each declaration is compared with the one before it"
        labels = frame["kind"].where(frame["kind"] == "declaration", "")
    doc_series = labels.groupby(frame["doc_id"], sort=False).first()
    doc_dates = frame.groupby("doc_id", sort=False)["date"].max()
    sizes = doc_series.value_counts()

    def largest_then_latest(name: str) -> tuple[int, int, str]:
        last = doc_dates[doc_series == name].max()
        return (-int(sizes[name]), -(last.value if pd.notna(last) else 0), name)

    names = sorted(
        (str(s) for s, n in sizes.items() if n >= 2 and s != ""), key=largest_then_latest
    )
    return rule, [(s, frame[labels == s]) for s in names]


def _diff_bars(result: pd.DataFrame) -> Callable[[Figure], object]:
    def draw(fig: Figure) -> object:
        return plot.diff_series_bars(result, ax=fig.add_subplot())

    return draw


def _diff_part(frame: pd.DataFrame) -> _Part:
    heading = "Changes between successive documents"
    rule, groups = _series_groups(frame)
    if not groups:
        note = _note(
            "No two documents of one series: add the previous or next declaration to the "
            "corpus/ folder to see what each one kept, edited, added and removed."
        )
        return _Part("diffs", heading, "no series", _section("diffs", heading, [note]))
    body = [
        _note(
            f"{rule}, in date order: paragraphs kept, reworded, moved, split, merged, added "
            "or removed, and carry_over, the share of the newer text's words taken over "
            "word for word. Documents of different series are never paired."
        )
    ]
    n_pairs = 0
    for k, (name, rows) in enumerate(groups):
        n_docs = int(rows["doc_id"].nunique())
        parts: list[str] = []
        if n_docs > MAX_SERIES:
            rows = rows[rows["doc_id"].isin(_latest(rows, MAX_SERIES))]
            parts.append(_note(f"The {MAX_SERIES} most recent of {n_docs} documents."))
        result = diff_series(rows, kind=None)
        n_pairs += len(result)
        parts.append(_table(result, what="pairs"))
        longest = max(len(str(x)) for x in [*result["old"], *result["new"]])
        per_pair = 0.8 if result["old_date"].notna().all() else max(0.8, 0.075 * min(longest, 28))
        parts.append(
            _figure(
                _diff_bars(result),
                size=(min(PAGE_INCHES, 4.6 + per_pair * len(result)), 4.6),
                alt=f"Paragraph changes between successive documents of the series {name}",
                caption="Paragraphs by status between each pair of successive documents "
                "(bars) and the share of the newer text carried over (line, right axis).",
            )
        )
        title = f"{name}: {_plural(n_docs, 'document')}"
        if k < OPEN_SERIES:
            body.append(f"<h3>{_esc(title)}</h3>" + "".join(parts))
        else:
            body.append(f"<details><summary>{_esc(title)}</summary>{''.join(parts)}</details>")
    if len(groups) > OPEN_SERIES:
        body.insert(
            1, _note(f"{len(groups)} series; the {OPEN_SERIES} largest are open, the rest folded.")
        )
    summary = f"{_plural(n_pairs, 'pair')} in {len(groups)} series"
    return _Part("diffs", heading, summary, _section("diffs", heading, body))


def _language_scope(frame: pd.DataFrame, n_docs: int) -> tuple[pd.DataFrame, str]:
    """The rows the commitments and phrase sections read, and a note when cut down:
    every document up to :data:`MAX_DOCS`, else the most recent declarations."""
    if n_docs <= MAX_DOCS:
        return frame, ""
    latest = _latest(frame, MAX_DOCS, kind="declaration")
    note = _note(f"The {len(latest)} most recent declarations of the {n_docs} documents.")
    return frame[frame["doc_id"].isin(latest)], note


def _theme_name(value: object) -> str:
    return str(value) if value else "(no theme)"


_COUNT_HEADINGS = {"n_commitments": "commitments", "with_catalyst": "with a catalyst"}


def _main_themes(themes_of_doc: pd.Series) -> str:
    """The :data:`TOP_THEMES` most frequent themes with their counts (ties by name)."""
    counts = themes_of_doc.value_counts()
    ranked = sorted(counts.items(), key=lambda tn: (-tn[1], tn[0]))[:TOP_THEMES]
    return ", ".join(f"{t} {n}" for t, n in ranked)


def _commitments_part(frame: pd.DataFrame, n_docs: int) -> _Part:
    heading = "Commitments"
    data, scope = _language_scope(frame, n_docs)
    found = commitments(data)
    body = [
        _note(
            "A commitment is a collectively agreed statement of intent to take future "
            "action (G7 Research Group): the member states, they or we, with a firm "
            "marker (will, shall, agree to, decided to, approve ...) or a soft one "
            "(intend to, support, advocate, stand for ...). Welcoming, noting, beliefs "
            "and calls on others are not counted. A catalyst is a deadline, a number, a "
            "named body or money in the commitment; sco_text.commitments(frame) lists them."
        )
    ]
    if scope:
        body.append(scope)
    if found.empty:
        body.append(_note("No commitment was found."))
        return _Part("commitments", heading, "none found", _section("commitments", heading, body))
    docs = data.drop_duplicates("doc_id").sort_values("date", na_position="first", kind="stable")
    counts = commitment_counts(found, by="doc_id").set_index("doc_id")
    themed = found[found["theme"] != ""]  # a document's main themes are real themes
    theme_counts = themed.groupby("doc_id")["theme"]
    per_doc = counts.reindex(docs["doc_id"]).fillna(0)
    table = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].to_numpy(),
            "date": docs["date"].to_numpy(),
            "commitments": per_doc["n_commitments"].astype("int64").to_numpy(),
            "firm": per_doc["firm"].astype("int64").to_numpy(),
            "soft": per_doc["soft"].astype("int64").to_numpy(),
            "firm %": per_doc["share_firm"].where(per_doc["n_commitments"] > 0).to_numpy(),
            "with a catalyst": per_doc["with_catalyst"].astype("int64").to_numpy(),
            "main themes": [
                _main_themes(theme_counts.get_group(d)) if d in theme_counts.groups else ""
                for d in docs["doc_id"]
            ],
        }
    )
    body += [_note("Per document, in date order:"), _table(table, what="documents")]
    shown = commitment_counts(found, by="doc_id")
    order = {d: k for k, d in enumerate(docs["doc_id"])}
    shown = shown.sort_values("doc_id", key=lambda d: d.map(order), kind="stable")
    body.append(
        _figure(
            lambda f: plot.commitment_bars(shown, ax=f.add_subplot()),
            size=(PAGE_INCHES, min(16.0, max(2.8, 1.1 + 0.34 * len(shown)))),
            alt="Bar chart of firm and soft commitments per document",
            caption="Commitments per document: firm (dark) and soft (light), in date order.",
        )
    )
    by_theme = commitment_counts(found, by="theme")
    by_theme["theme"] = by_theme["theme"].map(_theme_name)
    by_theme["documents"] = by_theme["theme"].map(
        found.assign(theme=found["theme"].map(_theme_name)).groupby("theme")["doc_id"].nunique()
    )
    by_theme = by_theme.assign(_none=by_theme["theme"].eq(_theme_name(""))).sort_values(
        ["_none", "n_commitments", "theme"], ascending=[True, False, True], kind="stable"
    )  # the commitments without a theme last
    by_theme = by_theme[["theme", "n_commitments", "firm", "soft", "with_catalyst", "documents"]]
    body += [
        _note("Per theme of the theme dictionary (the theme most matched in the commitment):"),
        _table(
            by_theme.rename(columns=_COUNT_HEADINGS),
            what="themes",
            collapse=MAX_DOCS,
        ),
    ]
    examples = found.assign(
        _firm=found["strength"].eq("firm"), _date=pd.to_datetime(found["date"])
    ).sort_values(
        ["n_catalysts", "_firm", "_date", "doc_id", "sent_no"],
        ascending=[False, False, False, True, True],
        kind="stable",
    )
    examples = examples.drop_duplicates("doc_id").head(EXAMPLE_COMMITMENTS)
    catalysts = [
        "; ".join(f"{c}: {r[c]}" for c in ("timeline", "target", "body", "money") if r[c])
        for _, r in examples.iterrows()
    ]
    sample = pd.DataFrame(
        {
            "doc_id": examples["doc_id"].to_numpy(),
            "strength": examples["strength"].to_numpy(),
            "action": examples["action"].to_numpy(),
            "sentence": examples["sentence"].to_numpy(),
            "catalysts": catalysts,
        }
    )
    body += [
        _note("Examples: the commitment with most catalysts of each of a few documents."),
        _table(sample, what="examples"),
    ]
    n_firm = int(found["strength"].eq("firm").sum())
    summary = f"{len(found)} found, {n_firm} firm"
    return _Part("commitments", heading, summary, _section("commitments", heading, body))


def _phrases_part(frame: pd.DataFrame, n_docs: int) -> _Part:
    heading = "Phrase histories"
    data, scope = _language_scope(frame, n_docs)
    history = phrase_history(data, top=TOP_PHRASES)
    body = [
        _note(
            "Formulas (4 to 12 words) that several documents share, each shown once at "
            "its longest. Boilerplate found in nearly every document is left out; the "
            "formulas whose words are rarest in the corpus and that reached most further "
            "dates come first (weight). sco_text.phrase_timeline(frame, phrase) shows, "
            "for one formula, what each document had in its place."
        )
    ]
    if scope:
        body.append(scope)
    if history.empty:
        body.append(_note("No formula is shared by two documents."))
        return _Part("phrases", heading, "none found", _section("phrases", heading, body))
    body.append(
        _figure(
            lambda f: plot.phrase_chart(history, top=TOP_PHRASES, ax=f.add_subplot()),
            size=(PAGE_INCHES, min(16.0, max(2.8, 1.2 + 0.34 * len(history)))),
            alt="Chart of formulas over time: one row per formula, a dot per document date",
            caption="Each formula's documents by date, from its first to its last appearance; "
            "a larger dot where several documents of one date hold it.",
        )
    )
    table = history[["phrase", "n_docs", "first_date", "first_doc", "last_date", "weight"]]
    body.append(_table(table.rename(columns={"n_docs": "documents"}), what="formulas"))
    summary = f"{_plural(len(history), 'formula')} shown"
    return _Part("phrases", heading, summary, _section("phrases", heading, body))


# --------------------------------------------------------------------------- public


def build_report(frame: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> str:
    """Return the report on ``frame`` as one standalone HTML page (a string).

    Sections, after a table of contents: the documents; a theme heatmap (by
    document, by year for more than :data:`MAX_DOCS` documents, by section for one
    document); the themes of the sections of the most recent declaration; the
    distinctive terms of each document (:func:`sco_text.distinctive_terms`); the
    normaliser's repairs; the changes between successive documents of one series;
    and, when the corpus holds at least :data:`MIN_DECLARATIONS` declarations, the
    commitments (counts per document and theme, a chart, example sentences) and the
    phrase histories (a chart of formulas over time).  See the module docstring for an
    example.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame from :func:`sco_text.load_corpus` (it is not changed).
    title : str
        The page's title.

    Returns
    -------
    str
        The HTML page.
    """
    check_columns(frame, FRAME_COLUMNS)
    if frame.empty:
        raise FrameError("the frame has no paragraphs: there is nothing to report on")
    n_docs = int(frame["doc_id"].nunique())
    parts = [
        _documents_part(frame),
        _heatmap_part(frame, n_docs),
        _bars_part(frame, n_docs),
        _terms_part(frame, n_docs),
        _repairs_part(frame),
        _diff_part(frame),
    ]
    n_declarations = int(frame.loc[frame["kind"] == "declaration", "doc_id"].nunique())
    if n_declarations >= MIN_DECLARATIONS:
        parts += [_commitments_part(frame, n_docs), _phrases_part(frame, n_docs)]
    nav = "".join(
        f'<li><a href="#{p.anchor}">{_esc(p.heading)}</a> <span>({_esc(p.summary)})</span></li>'
        for p in parts
    )
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_esc(title)}</h1>"
        f'<p class="meta">Made by sco-text {_esc(__version__)} on {_esc(stamp)} from '
        f"{_plural(n_docs, 'document')}.</p></header>\n"
        f'<nav id="contents"><h2>Contents</h2><ol>{nav}</ol></nav>\n<main>\n'
        + "\n".join(p.html for p in parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_report(
    frame: pd.DataFrame, path: str | os.PathLike[str] = "report.html", *, title: str = DEFAULT_TITLE
) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame from :func:`sco_text.load_corpus`.
    path : str or os.PathLike
        Where to write the page (default ``report.html``).
    title : str
        The page's title.

    Returns
    -------
    pathlib.Path
        ``path``.

    >>> from sco_text import load_corpus
    >>> write_report(load_corpus(), "report.html")     # doctest: +SKIP
    PosixPath('report.html')
    """
    page = build_report(frame, title=title)
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out
