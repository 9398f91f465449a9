"""Rendering of :class:`sco_text.diff.DeclarationDiff` as text, Markdown and HTML (internal).

Every piece of document text (words, section names, doc ids) goes through
:func:`html.escape` before it reaches HTML or Markdown; Markdown punctuation in the text is
also backslash-escaped so that a word like ``*note*`` is not read as emphasis.

>>> render_ops([("equal", "Trade", "Trade"), ("delete", " grows", ""),
...             ("insert", "", " <b>rises</b>")], "html")
'Trade <del>grows</del> <ins>&lt;b&gt;rises&lt;/b&gt;</ins>'
>>> print(render_ops([("delete", "a*b", ""), ("insert", "", " c")], "markdown"))
~~a\\*b~~ **c**
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .diff import DeclarationDiff, DiffSummary

__all__ = ["render_html", "render_markdown", "render_ops", "summary_html"]

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]|#])")

_COLOURS = {
    "unchanged": "#6b7280",
    "edited": "#b45309",
    "moved": "#1d4ed8",
    "split": "#7c3aed",
    "merged": "#7c3aed",
    "added": "#15803d",
    "removed": "#b91c1c",
}

_CSS = """
.scod{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;
  max-width:60em;color:#111827}
.scod h2{font-size:1.3em;margin:.3em 0}
.scod h3{font-size:1.05em;margin:1.2em 0 .4em;border-bottom:1px solid #e5e7eb}
.scod .scod-counts{margin:.3em 0 .8em}
.scod .scod-row{margin:.5em 0;padding:.3em .6em;border-left:3px solid #e5e7eb}
.scod .scod-meta{font-size:.85em;color:#4b5563}
.scod .scod-badge{display:inline-block;padding:0 .55em;border-radius:.8em;color:#fff;
  font-size:.85em;margin-right:.4em}
.scod .scod-text{margin:.2em 0}
.scod del{color:#b91c1c;background:#fde8e8;text-decoration:line-through}
.scod ins{color:#166534;background:#dcfce7;text-decoration:underline}
.scod details{margin:.5em 0;color:#4b5563}
.scod summary{cursor:pointer;font-size:.9em}
.scod table{border-collapse:collapse;font-size:.9em}
.scod td,.scod th{padding:.1em .6em;border-bottom:1px solid #e5e7eb;text-align:left}
"""


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def render_ops(ops: Iterable[Sequence[str]], fmt: str) -> str:
    """Join (op, old text, new text) blocks into one redline string.

    A block may start with the space that separates it from the previous one; that space
    stays outside the markup (in ``"text"`` an insertion right after a deletion is glued to
    it, ``[-old-]{+new+}``).
    """
    parts: list[str] = []
    prev = ""
    for op, old_w, new_w in ops:
        chunk = new_w if op in ("equal", "insert") else old_w
        core = chunk.lstrip()
        if not core:
            continue
        lead = " " if len(core) < len(chunk) else ""
        if op == "insert" and prev == "delete":
            # git style [-old-]{+new+} in text; a space between ~~old~~ and **new** words
            lead = "" if fmt == "text" else (lead or (" " if core[0].isalnum() else ""))
        prev = op
        if fmt == "html":
            core = html.escape(core)
            mark = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
        elif fmt == "markdown":
            core = _md_escape(core)
            mark = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
        else:
            mark = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
        parts.append(lead + mark[op].format(core))
    return "".join(parts).strip()


def _no(value: Any) -> str:
    return "–" if value is pd.NA or pd.isna(value) else f"¶{int(value)}"


Row = dict[str, Any]


def _records(d: DeclarationDiff) -> list[Row]:
    return cast(list[Row], d.paragraphs.to_dict("records"))


def _note(row: Row, shown: str) -> str:
    """Plain-text note for a row shown under heading ``shown`` (escaped by the callers)."""
    notes: list[str] = []
    if row["status"] == "split":
        notes.append(f"split from old {_no(row['split_from'])}")
    if row["status"] == "merged":
        notes.append(f"merged into new {_no(row['merged_into'])}")
    if row["section_changed"]:
        notes.append(f"moved from section “{row['old_section']}”")
    elif row["old_section"] and row["old_section"] != shown:
        notes.append(f"old section “{row['old_section']}”")
    if row["reordered"]:
        notes.append("out of its old order")
    return "; ".join(notes)


def _groups(recs: list[Row]) -> list[tuple[str, list[int]]]:
    """Consecutive rows grouped under the new document's section headings.

    A removed row stays under the heading of the rows around it (its old section is named
    in its note); removed rows before any new paragraph go under their old section.
    """
    out: list[tuple[str, list[int]]] = []
    for k, row in enumerate(recs):
        sec = str(row["new_section"] or (out[-1][0] if out else row["old_section"]))
        if not out or out[-1][0] != sec:
            out.append((sec, []))
        out[-1][1].append(k)
    return out


def _runs(recs: list[Row], rows: list[int]) -> list[tuple[bool, list[int]]]:
    """Split rows into runs of unchanged rows (True) and single other rows (False)."""
    out: list[tuple[bool, list[int]]] = []
    for k in rows:
        same = recs[k]["status"] == "unchanged"
        if same and out and out[-1][0]:
            out[-1][1].append(k)
        else:
            out.append((bool(same), [k]))
    return out


def _counts_line(d: DeclarationDiff) -> list[tuple[str, int]]:
    counts = d._counts()
    return [(s, int(c)) for s, c in zip(counts["status"], counts["count"], strict=True)]


def render_markdown(d: DeclarationDiff) -> str:
    """The whole diff as Markdown (see :meth:`DeclarationDiff.to_markdown`)."""
    lines = [f"# {_md_escape(d.old)} → {_md_escape(d.new)}", ""]
    counts = " · ".join(f"{s} {c}" for s, c in _counts_line(d))
    lines += [f"{counts} · carry-over {d._carry_over():.1%}", ""]
    recs = _records(d)
    shown = [""]
    for sec, rows in _groups(recs):
        lines += [f"## {_md_escape(sec)}", ""]
        shown[0] = sec
        for same, run in _runs(recs, rows):
            if same:
                first, last = recs[run[0]], recs[run[-1]]
                span = (
                    f"{_no(first['old_para_no'])}–{_no(last['old_para_no'])} → "
                    f"{_no(first['new_para_no'])}–{_no(last['new_para_no'])}"
                )
                word = "paragraph" if len(run) == 1 else "paragraphs"
                lines.append(f"- *{len(run)} unchanged {word} ({span})*")
                continue
            k = run[0]
            row = recs[k]
            head = f"- **{row['status']}** {_no(row['old_para_no'])} → {_no(row['new_para_no'])}"
            extra = []
            if row["status"] not in ("added", "removed"):
                extra.append(f"similarity {row['similarity']:.2f}")
            note = _note(row, shown[0])
            if note:
                extra.append(_md_escape(note))
            if extra:
                head += f" ({'; '.join(extra)})"
            lines.append(f"{head}: {render_ops(d._row_ops[k], 'markdown')}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _badge(status: str) -> str:
    colour = _COLOURS.get(status, "#6b7280")
    return f'<span class="scod-badge" style="background:{colour}">{html.escape(status)}</span>'


def _row_html(d: DeclarationDiff, recs: list[Row], k: int, shown: str) -> str:
    row = recs[k]
    status = str(row["status"])
    meta = [_badge(status), html.escape(f"{_no(row['old_para_no'])} → {_no(row['new_para_no'])}")]
    if status not in ("added", "removed"):
        meta.append(html.escape(f"similarity {row['similarity']:.2f}"))
    note = _note(row, shown)
    if note:
        meta.append(html.escape(note))
    colour = _COLOURS.get(status, "#6b7280")
    return (
        f'<div class="scod-row" style="border-left-color:{colour}">'
        f'<div class="scod-meta">{" · ".join(meta)}</div>'
        f'<p class="scod-text">{render_ops(d._row_ops[k], "html")}</p></div>'
    )


def render_html(d: DeclarationDiff, *, standalone: bool) -> str:
    """The diff as an HTML fragment (``standalone=False``) or a whole page."""
    recs = _records(d)
    title = f"{d.old} → {d.new}"
    body = [f'<div class="scod"><style>{_CSS}</style>', f"<h2>{html.escape(title)}</h2>"]
    badges = " ".join(f"{_badge(s)}{c}" for s, c in _counts_line(d))
    body.append(
        f'<div class="scod-counts">{badges} &nbsp; carry-over '
        f"{d._carry_over():.1%} of the new text's words</div>"
    )
    for sec, rows in _groups(recs):
        body.append(f"<h3>{html.escape(sec)}</h3>")
        for same, run in _runs(recs, rows):
            if not same:
                body.append(_row_html(d, recs, run[0], sec))
                continue
            first, last = recs[run[0]], recs[run[-1]]
            word = "paragraph" if len(run) == 1 else "paragraphs"
            span = (
                f"{_no(first['new_para_no'])}–{_no(last['new_para_no'])}"
                if len(run) > 1
                else _no(first["new_para_no"])
            )
            inner = "".join(_row_html(d, recs, k, sec) for k in run)
            body.append(
                f"<details><summary>{len(run)} unchanged {word} "
                f"({html.escape(span)})</summary>{inner}</details>"
            )
    body.append("</div>")
    fragment = "\n".join(body)
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n<body>\n{fragment}\n</body></html>\n"
    )


def summary_html(s: DiffSummary) -> str:
    """HTML of a :class:`~sco_text.diff.DiffSummary`."""
    rows = "".join(
        f"<tr><td>{_badge(st)}</td><td>{c}</td></tr>"
        for st, c in zip(s.counts["status"], s.counts["count"], strict=True)
    )
    parts = [
        f'<div class="scod"><style>{_CSS}</style>',
        f"<h2>{html.escape(s.old)} → {html.escape(s.new)}</h2>",
        f"<table><tr><th>status</th><th>rows</th></tr>{rows}</table>",
        f"<p>carry-over: {s.carry_over:.1%} of the new text's words</p>",
    ]
    if len(s.themes):
        new = ", ".join(html.escape(t) for t in s.new_themes()) or "none"
        dropped = ", ".join(html.escape(t) for t in s.dropped_themes()) or "none"
        parts.append(f"<p>new themes: {new}; dropped themes: {dropped}</p>")
        parts.append(s.themes.to_html(index=False, escape=True))
    parts.append("</div>")
    return "\n".join(parts)
