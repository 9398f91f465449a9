"""One standalone HTML page describing a corpus: tables, themes, terms, repairs, diffs.

The page needs nothing but itself: styles are inline and plots are embedded
as PNG images in ``data:`` URIs, so it opens offline and can be mailed as one
file. Every piece of document text is HTML-escaped.

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
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import __version__, plot
from ._validate import check_columns
from .compare import diff_series
from .corpus import documents, repairs
from .errors import FrameError
from .frequency import tfidf
from .themes import load_dictionary, themes

__all__ = ["build_report", "write_report"]

DEFAULT_TITLE = "sco-text report"
FRAME_COLUMNS = ("doc_id", "title", "date", "place", "kind", "source", "section", "para_no", "text")
TOP_TERMS = 10
BAR_THEMES = 8
MAX_DOCS = 30  # documents in one heatmap; more are grouped by year
MAX_PANELS = 12  # documents in the top-terms small multiples
MAX_SERIES = 20  # documents per kind in the diff series
MAX_TABLE_ROWS = 200

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; color: #222; margin: 0 auto;
       max-width: 1100px; padding: 1.5em 2em 4em; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #8a9bb0; padding-bottom: 0.2em; margin-top: 2em; }
nav ol { columns: 2; }
p.meta, p.note { color: #555; }
p.note { font-style: italic; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em;
        font-family: 'Helvetica Neue', Arial, sans-serif; }
th, td { border: 1px solid #ccd3dc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #eef1f5; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #f8f9fb; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e7ec; }
figcaption { font-size: 0.9em; color: #555; }
"""


# --------------------------------------------------------------------------- pieces


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _cell_text(value: Any) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _table(frame: pd.DataFrame, *, max_rows: int = MAX_TABLE_ROWS) -> str:
    """An HTML table of ``frame``: every header and cell escaped, numbers right-aligned."""
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c].dtype)
        and not pd.api.types.is_bool_dtype(frame[c].dtype)
        for c in frame.columns
    ]
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.head(max_rows).itertuples(index=False, name=None):
        cells = "".join(
            f'<td class="num">{_esc(_cell_text(v))}</td>'
            if num
            else f"<td>{_esc(_cell_text(v))}</td>"
            for v, num in zip(values, numeric, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="note">First {max_rows} of {len(frame)} rows shown.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def _note(text: str) -> str:
    return f'<p class="note">{_esc(text)}</p>'


def _png(fig: Figure) -> str:
    """The figure as a base64 PNG data URI (no metadata, so no links inside)."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    fig.clear()
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(
    draw: Callable[[Figure], object], *, size: tuple[float, float], alt: str, caption: str
) -> str:
    """Draw on a fresh Agg figure with ``draw(fig)`` and return an HTML <figure>."""
    fig = Figure(figsize=size, layout="constrained")
    draw(fig)
    uri = _png(fig)
    return (
        f'<figure><img src="{uri}" alt="{_esc(alt)}">'
        f"<figcaption>{_esc(caption)}</figcaption></figure>"
    )


def _theme_labels() -> dict[str, str]:
    """Readable names ("Terrorism, separatism and extremism") for the shipped themes."""
    return load_dictionary().labels()


def _on_axes(plotter: Callable[..., Axes], result: pd.DataFrame) -> Callable[[Figure], object]:
    """A ``draw`` function plotting ``result`` on the figure's single Axes."""

    def draw(fig: Figure) -> object:
        return plotter(result, ax=fig.add_subplot())

    return draw


def _section(anchor: str, heading: str, body: Iterable[str]) -> str:
    return f'<section id="{anchor}"><h2>{_esc(heading)}</h2>{"".join(body)}</section>'


# --------------------------------------------------------------------------- sections


def _documents_section(frame: pd.DataFrame) -> str:
    docs = documents(frame)
    intro = _note(f"{len(docs)} document(s), {len(frame)} paragraph(s).")
    return _section("documents", "Documents", [intro, _table(docs)])


def _heatmap_section(frame: pd.DataFrame, n_docs: int) -> str:
    body: list[str] = []
    if n_docs == 1:
        by, what, data = "section", "section", frame
    elif n_docs <= MAX_DOCS:
        by, what, data = "doc_id", "document", frame
    elif frame.drop_duplicates("doc_id")["date"].notna().mean() >= 0.5:
        by, what = "year", "year"  # too many documents for one chart: one column per year
        data = frame.assign(year=frame["date"].dt.year.astype("Int64"))
        body.append(_note(f"{n_docs} documents, more than {MAX_DOCS}: grouped by year."))
    else:  # too many documents and too few dates to group them by year
        by, what = "doc_id", "document"
        data = frame[frame["doc_id"].isin(_latest(frame, MAX_DOCS))]
        body.append(_note(f"{MAX_DOCS} of the {n_docs} documents (most are undated)."))
    result = themes(data, by=by)
    if result.empty:
        return _section("theme-heatmap", "Theme heatmap", [_note("No theme words were found.")])
    groups = result["group"].nunique()
    n_themes = result["theme"].nunique()
    body.append(
        _figure(
            lambda f: plot.theme_heatmap(result, labels=_theme_labels(), ax=f.add_subplot()),
            size=(min(20.0, max(6.0, 1.3 * groups + 3)), max(3.0, 0.3 * n_themes + 1.8)),
            alt=f"Heatmap of theme rates per 1,000 words by {what}",
            caption=f"Theme words per 1,000 words, by {what}.",
        )
    )
    return _section("theme-heatmap", f"Theme heatmap by {what}", body)


def _focus_document(frame: pd.DataFrame) -> str:
    """The document whose sections are charted: the latest declaration, else the latest one."""
    return (_latest(frame, 1, kind="declaration") or _latest(frame, 1))[0]


def _bars_section(frame: pd.DataFrame, n_docs: int) -> str:
    doc_id = _focus_document(frame)
    result = themes(frame[frame["doc_id"] == doc_id], by="section")
    if result.empty or not result["count"].any():
        return _section(
            "theme-bars", "Theme bars by section", [_note("No theme words were found.")]
        )
    totals = result.groupby("theme")["rate_per_1000"].sum().sort_values(ascending=False)
    shown = [t for t in totals.index[:BAR_THEMES] if totals[t] > 0]
    n_groups = result["group"].nunique()
    fig = _figure(
        lambda f: plot.theme_bars(result, themes=shown, labels=_theme_labels(), ax=f.add_subplot()),
        size=(10.0, min(16.0, max(3.0, 0.8 + len(shown) * (0.16 * n_groups + 0.2)))),
        alt="Bar chart of theme rates in each section",
        caption=f"Theme words per 1,000 words in each section of {doc_id}: "
        f"the {len(shown)} most frequent themes.",
    )
    body = [fig]
    if n_docs > 1:
        body.insert(
            0,
            _note(
                f"The sections of one document: {doc_id}, the most recent "
                "declaration (or, without declarations, the most recent document)."
            ),
        )
    return _section("theme-bars", "Theme bars by section", body)


def _latest(frame: pd.DataFrame, n: int, *, kind: str | None = None) -> list[str]:
    """The doc_ids of the ``n`` most recent documents (of ``kind``), oldest first."""
    docs = frame.drop_duplicates("doc_id")
    if kind is not None:
        docs = docs[docs["kind"] == kind]
    docs = docs.sort_values("date", na_position="first", kind="stable")
    return [str(d) for d in docs["doc_id"].tail(n)]


def _terms_section(frame: pd.DataFrame, n_docs: int) -> str:
    result = tfidf(frame, by="doc_id", top=TOP_TERMS)
    body: list[str] = []
    if n_docs > MAX_PANELS:
        shown = _latest(frame, MAX_PANELS)
        result = result[result["group"].isin(shown)]
        body.append(_note(f"The {MAX_PANELS} most recent of {n_docs} documents."))
    if result.empty:
        return _section("top-terms", "Top terms", [_note("No terms were found.")])
    panels = int(result["group"].nunique())
    cols = min(3, panels)
    rows = -(-panels // cols)
    body.append(
        _figure(
            lambda f: plot.top_terms(result, n=TOP_TERMS, ncols=cols, fig=f),
            size=(4.2 * cols, rows * (0.6 + 0.24 * TOP_TERMS) + 0.6),
            alt="Small multiples: the top terms of each document by tf-idf",
            caption=f"The {TOP_TERMS} terms with the highest tf-idf weight in each document.",
        )
    )
    return _section("top-terms", "Top terms per document (tf-idf)", body)


def _repairs_section(frame: pd.DataFrame) -> str:
    if not isinstance(frame.attrs.get("repairs"), pd.DataFrame):
        note = "No record of repairs: the frame was not made by sco_text.load_corpus()."
        return _section("repairs", "Normaliser repairs", [_note(note)])
    found = repairs(frame)
    if found.empty:
        body = [_note("The normaliser made no repairs.")]
    else:
        counts = (
            found.groupby("rule")
            .size()
            .rename("repairs")
            .reset_index()
            .sort_values(["repairs", "rule"], ascending=[False, True], kind="stable")
        )
        body = [
            _note(f"{len(found)} repair(s) of the raw text before analysis, counted per rule."),
            _table(counts),
        ]
        if 1 < found["doc_id"].nunique() <= MAX_DOCS:
            per_doc = found.groupby(["doc_id", "rule"]).size().rename("repairs").reset_index()
            body += [_note("Per document and rule:"), _table(per_doc)]
    return _section("repairs", "Normaliser repairs", body)


def _diff_section(frame: pd.DataFrame) -> str:
    kinds = frame.drop_duplicates("doc_id")["kind"].value_counts()
    series_kinds = sorted(k for k, n in kinds.items() if n >= 2)
    if not series_kinds:
        return _section(
            "diffs",
            "Changes between successive documents",
            [
                _note(
                    "No two documents of the same kind: add successive declarations to "
                    "the corpus/ folder to see what each one kept, edited, added and removed."
                )
            ],
        )
    body = [
        _note(
            "Each document compared with the one before it of the same kind, in date "
            "order: paragraphs kept, reworded, moved, added or removed, and carry_over, "
            "the share of the newer text's words taken over word for word."
        )
    ]
    for kind in series_kinds:
        body.append(f"<h3>{_esc(kind)}</h3>")
        if kinds[kind] > MAX_SERIES:
            ids = _latest(frame, MAX_SERIES, kind=kind)
            result = diff_series(frame[frame["doc_id"].isin(ids)], kind=kind)
            body.append(_note(f"The {MAX_SERIES} most recent of {kinds[kind]} documents."))
        else:
            result = diff_series(frame, kind=kind)
        body.append(_table(result))
        body.append(
            _figure(
                _on_axes(plot.diff_series_bars, result),
                size=(9.0, max(3.0, 0.5 * len(result) + 2)),
                alt=f"Paragraph changes between successive documents of kind {kind}",
                caption="Paragraphs unchanged, edited, moved, added and removed "
                "between each pair of successive documents.",
            )
        )
    return _section("diffs", "Changes between successive documents", body)


# --------------------------------------------------------------------------- public


def build_report(frame: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> str:
    """Return the report on ``frame`` as one standalone HTML page (a string).

    Sections: documents; theme heatmap (by document when there are several,
    else by section); theme bars by section; top tf-idf terms per document;
    the normaliser's repairs; changes between successive documents of the
    same kind. See the module docstring for an example.
    """
    check_columns(frame, FRAME_COLUMNS)
    if frame.empty:
        raise FrameError("the frame has no paragraphs: there is nothing to report on")
    n_docs = int(frame["doc_id"].nunique())
    parts = [
        ("documents", "Documents", _documents_section(frame)),
        ("theme-heatmap", "Theme heatmap", _heatmap_section(frame, n_docs)),
        ("theme-bars", "Theme bars by section", _bars_section(frame, n_docs)),
        ("top-terms", "Top terms per document", _terms_section(frame, n_docs)),
        ("repairs", "Normaliser repairs", _repairs_section(frame)),
        ("diffs", "Changes between successive documents", _diff_section(frame)),
    ]
    nav = "".join(f'<li><a href="#{a}">{_esc(h)}</a></li>' for a, h, _ in parts)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_esc(title)}</h1>"
        f'<p class="meta">Made by sco-text {_esc(__version__)} on {_esc(stamp)} from '
        f"{n_docs} document(s).</p></header>\n"
        f"<nav><ol>{nav}</ol></nav>\n<main>\n"
        + "\n".join(body for _, _, body in parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_report(
    frame: pd.DataFrame, path: str | os.PathLike[str] = "report.html", *, title: str = DEFAULT_TITLE
) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8) and return the path.

    >>> from sco_text import load_corpus
    >>> write_report(load_corpus(), "report.html")     # doctest: +SKIP
    PosixPath('report.html')
    """
    page = build_report(frame, title=title)
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out
