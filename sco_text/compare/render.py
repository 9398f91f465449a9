"""Rendering of a :class:`~sco_text.compare.model.DeclarationDiff` as text, Markdown and HTML.

The renderer reads a diff only through its public methods (:class:`DiffView`): never its
private attributes.  Every piece of document text (words, section names, titles, doc ids)
goes through :func:`html.escape` before it reaches HTML or Markdown; Markdown punctuation in
the text is also backslash-escaped so that a word like ``*note*`` is not read as emphasis.

>>> render_ops([("equal", "Trade", "Trade"), ("delete", " grows", ""),
...             ("insert", "", " <b>rises</b>")], "html")
'Trade <del>grows</del> <ins>&lt;b&gt;rises&lt;/b&gt;</ins>'
>>> print(render_ops([("delete", "a*b", ""), ("insert", "", " c")], "markdown"))
~~a\\*b~~ **c**
>>> render_ops([("spelling", "Organisation", "Organization")], "text")
'{~Organisation~>Organization~}'
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, cast

import pandas as pd

__all__ = ["DiffView", "render_html", "render_markdown", "render_ops", "summary_html"]

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
  color:#111827;box-sizing:border-box;width:100%;max-width:100%;overflow-wrap:anywhere}
.scod *{box-sizing:border-box}
.scod h2{font-size:1.3em;margin:.3em 0}
.scod h3{font-size:1.05em;margin:1.2em 0 .4em;border-bottom:1px solid #e5e7eb}
.scod .scod-docs{display:grid;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr);
  gap:.2em 1em;align-items:baseline;margin:.2em 0 .6em}
.scod .scod-doc{font-weight:600}
.scod .scod-id{font-size:.8em;color:#6b7280;font-weight:400}
.scod .scod-counts{margin:.3em 0 .6em}
.scod .scod-tools{display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:baseline;
  margin:.4em 0;padding:.4em .6em;background:#f9fafb;border:1px solid #e5e7eb;
  border-radius:.4em;font-size:.9em;position:sticky;top:0;z-index:1}
.scod .scod-tools label{cursor:pointer;user-select:none;white-space:nowrap}
.scod .scod-tools label::before{content:"\\2610  "}
.scod .scod-nav{display:flex;flex-wrap:wrap;gap:.2em .8em;font-size:.85em}
.scod .scod-nav a{color:#1d4ed8;text-decoration:none}
.scod .scod-row{margin:.5em 0;padding:.3em .6em;border-left:3px solid #e5e7eb}
.scod .scod-meta{font-size:.85em;color:#4b5563}
.scod .scod-badge{display:inline-block;padding:0 .55em;border-radius:.8em;color:#fff;
  font-size:.85em;margin-right:.4em}
.scod .scod-text{margin:.2em 0}
.scod del{color:#b91c1c;background:#fde8e8;text-decoration:line-through}
.scod ins{color:#166534;background:#dcfce7;text-decoration:underline}
.scod .sp{text-decoration:underline dotted #6b7280;background:#f3f4f6}
.scod details{margin:.5em 0;color:#4b5563}
.scod summary{cursor:pointer;font-size:.9em}
.scod table{border-collapse:collapse;font-size:.9em}
.scod td,.scod th{padding:.1em .6em;border-bottom:1px solid #e5e7eb;text-align:left}
.scod input.scod-hide{position:absolute;opacity:0;pointer-events:none}
"""
_HIDE_CSS = (
    "#{uid}-hu:checked~.scod-body .st-unchanged{{display:none}}"
    "#{uid}-hr:checked~.scod-body .st-removed{{display:none}}"
    '#{uid}-hu:checked~.scod-tools label[for="{uid}-hu"]::before,'
    '#{uid}-hr:checked~.scod-tools label[for="{uid}-hr"]::before{{content:"\\2611  "}}'
)


class DiffView(Protocol):
    """What the renderer needs of a diff (all public on ``DeclarationDiff``)."""

    old: str
    new: str
    paragraphs: pd.DataFrame
    sections: pd.DataFrame

    @property
    def carry_over(self) -> float: ...

    @property
    def spelling_changes(self) -> int: ...

    def redline(self, row: int, *, fmt: str = "text") -> str: ...

    def status_counts(self) -> pd.DataFrame: ...

    def heading(self) -> tuple[str, str]: ...


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _mark(op: str, core: str, old_core: str, fmt: str) -> str:
    if fmt == "html":
        if op == "spelling":
            return (
                f'<span class="sp" title="was: {html.escape(old_core)}">{html.escape(core)}</span>'
            )
        marks = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
        return marks[op].format(html.escape(core))
    if fmt == "markdown":
        marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**", "spelling": "*{}*"}
        return marks[op].format(_md_escape(core))
    if op == "spelling":
        return f"{{~{old_core}~>{core}~}}"
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return marks[op].format(core)


def render_ops(ops: Iterable[Sequence[str]], fmt: str) -> str:
    """Join (op, old text, new text) blocks into one redline string.

    A block may start with the space that separates it from the previous one; that space
    stays outside the markup (in ``"text"`` an insertion right after a deletion is glued to
    it, ``[-old-]{+new+}``).  A ``spelling`` block shows the new words, marked.
    """
    parts: list[str] = []
    prev = ""
    for op, old_w, new_w in ops:
        chunk = new_w if op in ("equal", "insert", "spelling") else old_w
        core = chunk.lstrip()
        if not core:
            continue
        lead = " " if len(core) < len(chunk) else ""
        if op == "insert" and prev == "delete":
            # git style [-old-]{+new+} in text; a space between ~~old~~ and **new** words
            lead = "" if fmt == "text" else (lead or (" " if core[0].isalnum() else ""))
        prev = op
        parts.append(lead + _mark(op, core, old_w.strip(), fmt))
    return "".join(parts).strip()


def _no(value: Any) -> str:
    return "–" if value is pd.NA or pd.isna(value) else f"¶{int(value)}"


Row = dict[str, Any]


def _records(d: DiffView) -> list[Row]:
    return cast(list[Row], d.paragraphs.to_dict("records"))


def _renamed(d: DiffView) -> dict[str, str]:
    s = d.sections
    if not len(s):
        return {}
    rows = s[s["renamed"].astype(bool)]
    return dict(zip(rows["old_section"], rows["new_section"], strict=True))


def _note(row: Row, shown: str, renamed: dict[str, str]) -> str:
    """Plain-text note for a row shown under heading ``shown`` (escaped by the callers)."""
    notes: list[str] = []
    if row["status"] == "split":
        notes.append(f"split from old {_no(row['split_from'])}")
    if row["status"] == "merged":
        notes.append(f"merged into new {_no(row['merged_into'])}")
    old_sec = row["old_section"]
    if row["section_changed"]:
        notes.append(f"moved from section “{old_sec}”")
    elif old_sec and old_sec != shown and renamed.get(old_sec) != shown:
        notes.append(f"old section “{old_sec}”")
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


def _counts_line(d: DiffView) -> list[tuple[str, int]]:
    counts = d.status_counts()
    return [(s, int(c)) for s, c in zip(counts["status"], counts["count"], strict=True)]


def render_markdown(d: DiffView) -> str:
    """The whole diff as Markdown (see ``DeclarationDiff.to_markdown``)."""
    old_label, new_label = d.heading()
    lines = [f"# {_md_escape(d.old)} → {_md_escape(d.new)}", ""]
    if (old_label, new_label) != (d.old, d.new):
        lines += [f"{_md_escape(old_label)} → {_md_escape(new_label)}", ""]
    counts = " · ".join(f"{s} {c}" for s, c in _counts_line(d))
    lines += [
        f"{counts} · carry-over {d.carry_over:.1%} · "
        f"{d.spelling_changes} spelling/case-only changes (*in italics*)",
        "",
    ]
    recs = _records(d)
    renamed = _renamed(d)
    for sec, rows in _groups(recs):
        lines += [f"## {_md_escape(sec)}", ""]
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
            note = _note(row, sec, renamed)
            if note:
                extra.append(_md_escape(note))
            if extra:
                head += f" ({'; '.join(extra)})"
            lines.append(f"{head}: {d.redline(k, fmt='markdown')}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _badge(status: str) -> str:
    colour = _COLOURS.get(status, "#6b7280")
    return f'<span class="scod-badge" style="background:{colour}">{html.escape(status)}</span>'


def _row_html(
    d: DiffView, recs: list[Row], k: int, shown: str, renamed: dict[str, str], uid: str
) -> str:
    row = recs[k]
    status = str(row["status"])
    meta = [_badge(status), html.escape(f"{_no(row['old_para_no'])} → {_no(row['new_para_no'])}")]
    if status not in ("added", "removed"):
        meta.append(html.escape(f"similarity {row['similarity']:.2f}"))
    note = _note(row, shown, renamed)
    if note:
        meta.append(html.escape(note))
    colour = _COLOURS.get(status, "#6b7280")
    return (
        f'<div class="scod-row st-{status}" id="{uid}-r{k}" style="border-left-color:{colour}">'
        f'<div class="scod-meta">{" · ".join(meta)}</div>'
        f'<p class="scod-text">{d.redline(k, fmt="html")}</p></div>'
    )


def render_html(d: DiffView, *, standalone: bool) -> str:
    """The diff as an HTML fragment (``standalone=False``) or a whole page.

    The page names both documents (title and date), counts the statuses, links every
    section heading from a bar at the top and has two check boxes that hide unchanged and
    removed paragraphs (plain CSS, no script).  It takes the width of the window and wraps
    long words instead of overflowing.
    """
    recs = _records(d)
    renamed = _renamed(d)
    old_label, new_label = d.heading()
    title = f"{old_label} → {new_label}"
    uid = "scod" + hashlib.sha1(f"{d.old}\0{d.new}".encode()).hexdigest()[:8]
    body = [f'<div class="scod"><style>{_CSS}{_HIDE_CSS.format(uid=uid)}</style>']
    body.append(
        '<div class="scod-docs">'
        f'<div class="scod-doc">{html.escape(old_label)}'
        f'<div class="scod-id">{html.escape(d.old)}</div></div><div>→</div>'
        f'<div class="scod-doc">{html.escape(new_label)}'
        f'<div class="scod-id">{html.escape(d.new)}</div></div></div>'
    )
    badges = " ".join(f"{_badge(s)}{c}" for s, c in _counts_line(d))
    body.append(
        f'<div class="scod-counts">{badges} &nbsp; carry-over '
        f"{d.carry_over:.1%} of the new text's words; "
        f'{d.spelling_changes} <span class="sp">spelling/case-only</span> changes</div>'
    )
    if renamed:
        listed = "; ".join(f"{html.escape(a)} → {html.escape(b)}" for a, b in renamed.items())
        body.append(f'<div class="scod-meta">sections renamed: {listed}</div>')
    groups = _groups(recs)
    nav = "".join(
        f'<a href="#{uid}-s{k}">{html.escape(sec)}</a>' for k, (sec, _) in enumerate(groups)
    )
    # the old document's sections, each linked to the first row that holds one of its
    # paragraphs (they may differ from the new headings: renamed, merged, dropped)
    first_row: dict[str, int] = {}
    for k, row in enumerate(recs):
        if row["old_section"]:
            first_row.setdefault(str(row["old_section"]), k)
    old_nav = "".join(
        f'<a href="#{uid}-r{k}">{html.escape(sec)}</a>' for sec, k in first_row.items()
    )
    tools = [
        f'<label for="{uid}-hu">hide unchanged</label>',
        f'<label for="{uid}-hr">hide removed</label>',
        f'<span>new sections:</span><nav class="scod-nav">{nav}</nav>',
    ]
    if list(first_row) != [sec for sec, _ in groups]:
        tools.append(f'<span>old sections:</span><nav class="scod-nav">{old_nav}</nav>')
    body.append(
        f'<input type="checkbox" class="scod-hide" id="{uid}-hu" aria-label="hide unchanged">'
        f'<input type="checkbox" class="scod-hide" id="{uid}-hr" aria-label="hide removed">'
        f'<div class="scod-tools">{"".join(tools)}</div>'
    )
    body.append('<div class="scod-body">')
    for g, (sec, rows) in enumerate(groups):
        body.append(f'<h3 id="{uid}-s{g}">{html.escape(sec)}</h3>')
        for same, run in _runs(recs, rows):
            if not same:
                body.append(_row_html(d, recs, run[0], sec, renamed, uid))
                continue
            first, last = recs[run[0]], recs[run[-1]]
            word = "paragraph" if len(run) == 1 else "paragraphs"
            span = (
                f"{_no(first['new_para_no'])}–{_no(last['new_para_no'])}"
                if len(run) > 1
                else _no(first["new_para_no"])
            )
            inner = "".join(_row_html(d, recs, k, sec, renamed, uid) for k in run)
            body.append(
                f'<div class="st-unchanged"><details><summary>{len(run)} unchanged {word} '
                f"({html.escape(span)})</summary>{inner}</details></div>"
            )
    body.append("</div></div>")
    fragment = "\n".join(body)
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{margin:0;padding:1em 2em}</style></head>\n"
        f"<body>\n{fragment}\n</body></html>\n"
    )


def summary_html(s: Any) -> str:
    """HTML of a :class:`~sco_text.compare.model.DiffSummary`."""
    rows = "".join(
        f"<tr><td>{_badge(st)}</td><td>{c}</td></tr>"
        for st, c in zip(s.counts["status"], s.counts["count"], strict=True)
    )
    parts = [
        f'<div class="scod"><style>{_CSS}</style>',
        f"<h2>{html.escape(s.old)} → {html.escape(s.new)}</h2>",
        f"<table><tr><th>status</th><th>rows</th></tr>{rows}</table>",
        f"<p>carry-over: {s.carry_over:.1%} of the new text's words; "
        f"{s.spelling_changes} spelling/case-only changes "
        f"({s.spelling_only} paragraphs changed only so)</p>",
    ]
    if len(s.renamed):
        listed = "; ".join(
            f"{html.escape(str(a))} → {html.escape(str(b))}"
            for a, b in zip(s.renamed["old_section"], s.renamed["new_section"], strict=True)
        )
        parts.append(f"<p>renamed sections: {listed}</p>")
    if len(s.themes):
        new = ", ".join(html.escape(t) for t in s.new_themes()) or "none"
        dropped = ", ".join(html.escape(t) for t in s.dropped_themes()) or "none"
        parts.append(f"<p>new themes: {new}; dropped themes: {dropped}</p>")
        parts.append(s.themes.to_html(index=False, escape=True))
    parts.append("</div>")
    return "\n".join(parts)
