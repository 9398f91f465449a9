"""The ``sco-text`` command: the library's main answers from a shell.

Each subcommand loads the corpus (``--corpus PATH``, repeated for several files
or folders; by default the project's ``seeds/`` and ``corpus/`` folders),
computes its result tables and writes them to standard output as aligned text
(``--format table``, for reading), CSV (``--format csv``, for spreadsheets) or
JSON (``--format json``, for programs). ``--table NAME`` picks one table of a
command that has several (``summary``: documents, sections; ``diff``: summary,
themes, paragraphs).

* Terminal tables shorten long prose cells (titles, paragraph text) to
  :data:`MAX_CELL` characters but never an identifier (doc ids, groups, terms,
  sources), so every id printed can be pasted into another command.
* CSV is written to be opened in a spreadsheet: a text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (a formula to Excel,
  LibreOffice and Google Sheets) gets a leading apostrophe, which spreadsheets
  show as text and do not display. Numbers are written as they are. JSON is
  left exactly as computed, and so are the library's frames.

Exit codes: 0 when all went well, 2 for a usage error (unknown command,
option or choice), 1 when the library reports a problem with the data or an
option, or when no document could be loaded (the message is printed as
``sco-text: error: ...`` or ``sco-text: warning: ...`` without a traceback).

>>> args = build_parser().parse_args(["keywords", "--by", "section", "--top", "5"])
>>> args.command, args.by, args.top, args.tfidf
('keywords', 'section', 5, False)
>>> build_parser().parse_args(["diff", "--corpus", "a", "--corpus", "b", "OLD", "NEW"]).corpus
['a', 'b']
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pandas as pd

from . import __version__
from .errors import SCOTextError

__all__ = ["build_parser", "format_frame", "main", "spreadsheet_safe"]

PROG = "sco-text"
BY_CHOICES = ("section", "doc_id", "date", "place", "kind")
ERRORS_CHOICES = ("raise", "warn")
FORMAT_CHOICES = ("table", "csv", "json")
MAX_CELL = 40  # characters shown per prose cell in --format table
#: Columns of free text, the only ones a terminal table shortens (to ``MAX_CELL``).
PROSE_COLUMNS: frozenset[str] = frozenset(
    {"title", "text", "raw", "old_text", "new_text", "left", "right", "before", "after"}
)
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FORMATS_HELP = (
    "how to print results: aligned table (default), csv (for spreadsheets: text cells "
    "that start with = + - @ get a leading ') or json (values as computed)"
)

EXAMPLES = {
    "": """\
examples (in the project folder; the diff needs a second declaration in corpus/,
e.g. 2021-09-17_Dushanbe_Declaration.txt):
  sco-text summary
  sco-text themes --by section
  sco-text keywords --by doc_id --top 10
  sco-text diff 2020-moscow-declaration 2021-dushanbe-declaration --html diff.html
  sco-text report --out report.html""",
    "summary": """\
examples:
  sco-text summary
  sco-text summary --corpus seeds --corpus corpus --format json
  sco-text summary --table documents --format csv""",
    "themes": """\
examples:
  sco-text themes --by section
  sco-text themes --by date --format csv""",
    "keywords": """\
examples:
  sco-text keywords --by section --top 5
  sco-text keywords --distinctive --by section
  sco-text keywords --tfidf --by doc_id --format json""",
    "diff": """\
examples (the second declaration in corpus/, e.g. 2021-09-17_Dushanbe_Declaration.txt):
  sco-text diff 2020-moscow-declaration 2021-dushanbe-declaration
  sco-text diff --corpus seeds --corpus corpus 2020-moscow-declaration 2021-dushanbe-declaration
  sco-text diff 2020-moscow-declaration 2021-dushanbe-declaration --table paragraphs --format csv
  sco-text diff 2020-moscow-declaration 2021-dushanbe-declaration --html diff.html""",
    "report": """\
examples:
  sco-text report
  sco-text report --corpus seeds --corpus corpus --out report.html --title "SCO declarations\"""",
}


class _NothingLoaded(SCOTextError):
    """No document could be loaded from the paths given (a warning, exit code 1)."""


# --------------------------------------------------------------------------- parser


def _positive_int(text: str) -> int:
    """argparse type: an integer >= 1 (a usage error otherwise)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer >= 1")
    return value


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """Options every command accepts, before or after the command name.

    The copy attached to the subcommands uses ``SUPPRESS`` defaults so that an
    option given before the command name is not overwritten by the default.
    ``--corpus`` given before the command collects into ``corpus_before`` (the
    subcommand's own list would replace it otherwise); :func:`_corpus_paths`
    joins the two.
    """

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("corpus and output options")
    group.add_argument(
        "--corpus",
        action="append",
        metavar="PATH",
        dest="corpus" if suppress else "corpus_before",
        default=default(None),
        help="a file or folder to read; repeat the option for several "
        "(default: the project's seeds/ and corpus/ folders)",
    )
    group.add_argument(
        "--errors",
        choices=ERRORS_CHOICES,
        default=default("raise"),
        help="on an unreadable file: stop with an error (raise, the default) "
        "or skip it with a warning (warn)",
    )
    group.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        default=default(None),
        help="refuse files larger than N bytes (default: 64 MiB; raise it for larger files)",
    )
    group.add_argument(
        "--format", choices=FORMAT_CHOICES, default=default("table"), help=_FORMATS_HELP
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="no progress bar or notes on standard error",
    )
    return common


def _subparser(
    sub: Any, name: str, common: list[argparse.ArgumentParser], **kwargs: Any
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        parents=common,
        epilog=EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """Return the ``sco-text`` argument parser with its subcommands.

    Returns
    -------
    argparse.ArgumentParser
        The parser; ``parse_args`` gives a namespace whose ``handler`` runs the
        command. Every ``--help`` ends with examples that run as written in the
        project folder (the test suite runs them).
    """
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read, measure and compare diplomatic declarations.",
        epilog=EXAMPLES[""] + f"\n\nRun '{PROG} COMMAND --help' for the options of one command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(corpus=None)  # the subcommands' --corpus list (see _common_options)
    common = [_common_options(suppress=True)]
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = _subparser(
        sub,
        "summary",
        common,
        help="the documents and the sections of each, with paragraph counts",
        description="List the documents in the corpus, then the sections of each "
        "document with their paragraph counts. With --format csv one table is "
        "printed (by default one row per document section, with the document's "
        "title, date, place and kind); with json an object holding 'documents' and "
        "'sections'. --table picks one of the two.",
    )
    p.add_argument("--table", choices=("documents", "sections"), help="print only this table")
    p.set_defaults(handler=_cmd_summary)

    p = _subparser(
        sub,
        "themes",
        common,
        help="theme counts and rates per 1,000 words",
        description="Count the words of each theme of the dictionary, per group.",
    )
    p.add_argument("--by", choices=BY_CHOICES, default="doc_id", help="group by (default doc_id)")
    p.add_argument(
        "--dictionary",
        metavar="FILE",
        help="a YAML theme dictionary to use instead of the built-in one",
    )
    p.set_defaults(handler=_cmd_themes)

    p = _subparser(
        sub,
        "keywords",
        common,
        help="the most frequent terms, or with --distinctive what each group stresses",
        description="The top terms of each group by count; with --distinctive the terms "
        "each group uses more than the rest of the corpus (keyness against the other "
        "groups, numbers, dates and boilerplate left out: sco_text.distinctive_terms); "
        "with --tfidf scikit-learn's tf-idf weights.",
    )
    p.add_argument("--by", choices=BY_CHOICES, default="doc_id", help="group by (default doc_id)")
    p.add_argument(
        "--top", type=_positive_int, default=10, metavar="N", help="terms per group (default 10)"
    )
    rank = p.add_mutually_exclusive_group()
    rank.add_argument(
        "--distinctive",
        action="store_true",
        help="rank by how much more the group uses a term than the other groups",
    )
    rank.add_argument("--tfidf", action="store_true", help="rank terms by tf-idf instead of count")
    p.set_defaults(handler=_cmd_keywords)

    p = _subparser(
        sub,
        "diff",
        common,
        help="compare two documents paragraph by paragraph",
        description="Align the paragraphs of two documents of the corpus (given by "
        "doc_id, as listed by 'sco-text summary') and print how many were kept, "
        "edited, moved, added or removed, and the theme mentions that changed. "
        "--table paragraphs prints every aligned pair with its status and texts.",
    )
    p.add_argument("old", metavar="OLD", help="doc_id of the earlier document")
    p.add_argument("new", metavar="NEW", help="doc_id of the later document")
    p.add_argument(
        "--table",
        choices=("summary", "themes", "terms", "paragraphs", "changes", "sections"),
        help="print only this table (csv default: summary); terms: word rates of both "
        "texts; changes: the word-level redline; sections: how the sections correspond",
    )
    p.add_argument("--html", metavar="FILE", help="also write the redline as a standalone page")
    p.add_argument("--markdown", metavar="FILE", help="also write the redline as Markdown")
    p.set_defaults(handler=_cmd_diff)

    p = _subparser(
        sub,
        "report",
        common,
        help="write a standalone HTML report of the corpus",
        description="Write one HTML file (plots embedded, opens offline) with the "
        "documents, their themes, top terms, the normaliser's repairs and the "
        "differences between successive documents of one series.",
    )
    p.add_argument(
        "--out", default="report.html", metavar="FILE", help="where to write (default report.html)"
    )
    p.add_argument("--title", default=None, help="title of the report page")
    p.set_defaults(handler=_cmd_report)
    return parser


# --------------------------------------------------------------------------- output


def _iso(value: Any) -> Any:
    """A timestamp as ISO text (a bare date when there is no time of day); NaT as None."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    return None if value is pd.NaT else value


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with dates (whole columns or single values) as ISO text."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_datetime64_any_dtype(series.dtype) or (
            series.dtype == object and series.map(lambda v: isinstance(v, pd.Timestamp)).any()
        ):
            out[col] = series.map(_iso).astype(object)
    return out


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A text cell starting with one of :data:`FORMULA_STARTS` (``=``, ``+``,
    ``-``, ``@``, tab, carriage return) gets a leading apostrophe, the usual
    guard against CSV formula injection: spreadsheets then show the cell as
    text. Numeric, boolean and date columns are left alone, so ``-3.5`` stays
    a number. ``frame`` itself is not changed.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any result frame.

    Returns
    -------
    pandas.DataFrame
        A new frame with the same columns and index.

    >>> df = pd.DataFrame({"term": ["=SUM(A1)", "peace", "-based"], "count": [-1, 2, 3]})
    >>> spreadsheet_safe(df).values.tolist()
    [["'=SUM(A1)", -1], ['peace', 2], ["'-based", 3]]
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):  # (groups, terms): check the values
            series = series.astype(object)
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        if series.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS)).any():
            out[col] = series.map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            ).astype(object)
    if any(isinstance(c, str) and c.startswith(FORMULA_STARTS) for c in out.columns):
        out.columns = [
            "'" + c if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c
            for c in out.columns
        ]
    return out


def _float_format(values: pd.Series) -> str:
    """One format for a whole float column, so that its decimals line up."""
    finite = values[np.isfinite(values)].abs()
    if finite.empty or (finite == finite.round()).all():
        return ".0f"
    small = finite[finite > 0].min()
    if small < 1e-4:  # e.g. p-values: keep them readable
        return ".3g"
    top = finite.max()
    return ".2f" if top >= 10 else ".3f" if top >= 1 else ".4f"


#: Most decimals a float column may carry and still count as rounded by the library (a
#: frame whose float columns are all rounded prints them all with the same decimals).
ROUNDED_DECIMALS = 4


def _rounded_decimals(values: pd.Series) -> int | None:
    """Fewest decimals (up to ``ROUNDED_DECIMALS``) that write every value exactly, or None."""
    finite = values[np.isfinite(values)].to_numpy(dtype=float)
    for decimals in range(ROUNDED_DECIMALS + 1):
        if np.allclose(finite, np.round(finite, decimals), rtol=0.0, atol=1e-9):
            return decimals
    return None


def _frame_float_format(frame: pd.DataFrame) -> str | None:
    """One float format for the whole frame when every float column is already rounded.

    >>> _frame_float_format(pd.DataFrame({"a": [4.73, 0.5], "b": [14.2, 1.0], "n": [1, 2]}))
    '.2f'
    >>> _frame_float_format(pd.DataFrame({"a": [1 / 3]})) is None
    True
    """
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype)]
    found = [_rounded_decimals(frame[c]) for c in floats]
    if not floats or any(d is None for d in found):
        return None
    return f".{max(d for d in found if d is not None)}f"


def _cells(series: pd.Series, width: int | None, spec: str | None = None) -> list[str]:
    """Text of one column's cells: numbers aligned, text on one line, cut at ``width``
    (None: never cut); floats in ``spec`` when given, else in one format per column."""
    if spec is None or not pd.api.types.is_float_dtype(series.dtype):
        spec = _float_format(series) if pd.api.types.is_float_dtype(series.dtype) else None
    cells = []
    for value in series.tolist():
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            text = ""
        elif spec is not None or isinstance(value, float):
            text = format(value, spec or ".4g")
        else:
            text = " ".join(str(value).split())
        if width is not None and len(text) > width:
            text = text[: max(width - 3, 1)] + "..."
        cells.append(text)
    return cells


def format_frame(
    frame: pd.DataFrame,
    fmt: str = "table",
    *,
    max_cell: int = MAX_CELL,
    cut: Sequence[str] = tuple(PROSE_COLUMNS),
) -> str:
    """Render ``frame`` as an aligned text table, CSV or JSON records.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to print; it is not changed.
    fmt : {"table", "csv", "json"}
        ``table``: aligned columns, numbers right-aligned with one number of
        decimals per column (one for the whole table when all its float columns are
        already rounded, e.g. rates to 2 decimals), dates as ``YYYY-MM-DD``; only the
        ``cut`` columns are shortened to ``max_cell`` characters. ``csv``: through
        :func:`spreadsheet_safe`. ``json``: a list of records, values as computed.
    max_cell : int
        Characters kept in a cell of a ``cut`` column (``table`` only).
    cut : sequence of str
        Columns that may be shortened; default :data:`PROSE_COLUMNS` (free text),
        so ids are printed whole.

    Returns
    -------
    str
        The rendered table.

    >>> df = pd.DataFrame({"term": ["security", "cooperation"], "count": [12, 3]})
    >>> print(format_frame(df))
    term         count
    -----------  -----
    security        12
    cooperation      3
    >>> print(format_frame(df, "csv"), end="")
    term,count
    security,12
    cooperation,3
    >>> format_frame(df.head(1), "json")
    '[{"term": "security", "count": 12}]'
    """
    plain = _plain(frame)
    if fmt == "csv":
        return str(spreadsheet_safe(plain).to_csv(index=False, lineterminator="\n"))
    if fmt == "json":
        records = json.loads(plain.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    cuttable = set(cut)
    headers = [str(c) for c in plain.columns]
    shared = _frame_float_format(plain)
    columns = [_cells(plain[c], max_cell if c in cuttable else None, shared) for c in plain.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(plain[c].dtype)
        and not pd.api.types.is_bool_dtype(plain[c].dtype)
        for c in plain.columns
    ]
    widths = [
        max([len(h), *(len(v) for v in col)]) for h, col in zip(headers, columns, strict=True)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(cells, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(headers), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in zip(*columns, strict=True)] if columns else []
    if plain.empty:
        lines.append("(no rows)")
    return "\n".join(lines)


def _emit(frame: pd.DataFrame, args: argparse.Namespace, out: TextIO) -> None:
    text = format_frame(frame, args.format)
    out.write(text if text.endswith("\n") else text + "\n")


def _emit_tables(
    tables: dict[str, pd.DataFrame],
    args: argparse.Namespace,
    out: TextIO,
    *,
    csv_default: str,
    headings: dict[str, str],
) -> None:
    """Print a command's named tables: the one ``--table`` names, else all of them
    (table: each under its heading; json: an object of record lists; csv: one table,
    ``csv_default`` unless ``--table`` says otherwise)."""
    chosen = getattr(args, "table", None)
    if chosen is not None:
        _emit(tables[chosen], args, out)
    elif args.format == "csv":
        _emit(tables[csv_default], args, out)
    elif args.format == "json":
        payload = {name: json.loads(format_frame(t, "json")) for name, t in tables.items()}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        for k, (name, table) in enumerate(tables.items()):
            out.write(("\n" if k else "") + f"{headings[name]}\n\n")
            _emit(table, args, out)


def _note(args: argparse.Namespace, message: str) -> None:
    """A short remark on standard error (silenced by --quiet)."""
    if not args.quiet:
        print(message, file=sys.stderr)


# --------------------------------------------------------------------------- loading


def _wants_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr.isatty()


def _corpus_paths(args: argparse.Namespace) -> list[str] | None:
    """The ``--corpus`` paths given before and after the command name (None: none given)."""
    paths = [*(getattr(args, "corpus_before", None) or []), *(getattr(args, "corpus", None) or [])]
    return paths or None


def _load(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus as the options ask; warnings from --errors warn go to stderr.

    Raises :class:`_NothingLoaded` when no document could be read.
    """
    from .corpus import default_paths, load_corpus
    from .readers import SUPPORTED_EXTENSIONS

    kwargs: dict[str, Any] = {"errors": args.errors, "progress": _wants_progress(args)}
    if getattr(args, "max_bytes", None) is not None:
        kwargs["max_bytes"] = args.max_bytes
    paths = _corpus_paths(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = load_corpus(**kwargs) if paths is None else load_corpus(paths, **kwargs)
    for w in caught:
        print(f"{PROG}: warning: {w.message}", file=sys.stderr)
    if frame.empty:
        where = ", ".join(str(p) for p in (paths or default_paths()))
        kinds = ", ".join(SUPPORTED_EXTENSIONS)
        raise _NothingLoaded(
            f"no document could be loaded from {where} (readable files end in {kinds}; "
            "see corpus/README.md)"
        )
    return frame


# --------------------------------------------------------------------------- commands


def _sections(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per document section in reading order: doc_id, section, first_para, paragraphs."""
    if frame.empty:
        return pd.DataFrame(columns=["doc_id", "section", "first_para", "paragraphs"])
    doc_order = {d: i for i, d in enumerate(dict.fromkeys(frame["doc_id"]))}
    grouped = (
        frame.groupby(["doc_id", "section"], sort=False)["para_no"]
        .agg(first_para="min", paragraphs="size")
        .reset_index()
    )
    grouped["_doc"] = grouped["doc_id"].map(doc_order)
    grouped = grouped.sort_values(["_doc", "first_para"], kind="stable")
    return grouped.drop(columns="_doc").reset_index(drop=True)


def _cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    from .corpus import documents

    frame = _load(args)
    docs = documents(frame)
    sections = _sections(frame)
    if args.format == "csv" and args.table is None:
        # one spreadsheet: every document section with its document's facts
        meta = [c for c in ("doc_id", "title", "date", "place", "kind") if c in frame.columns]
        info = frame[meta].drop_duplicates("doc_id")
        sections = info.merge(sections, on="doc_id", how="right")
    if args.format == "table" and args.table is None:
        out.write(f"{len(docs)} document(s), {len(frame)} paragraph(s)\n\n")
    _emit_tables(
        {"documents": docs, "sections": sections},
        args,
        out,
        csv_default="sections",
        headings={"documents": "Documents", "sections": "Sections"},
    )
    return 0


def _cmd_themes(args: argparse.Namespace, out: TextIO) -> int:
    from .dictionaries import load_dictionary, themes

    dictionary = load_dictionary(args.dictionary) if args.dictionary else None
    frame = _load(args)
    _emit(themes(frame, by=args.by, dictionary=dictionary), args, out)
    return 0


def _cmd_keywords(args: argparse.Namespace, out: TextIO) -> int:
    from .errors import SCOTextWarning
    from .frequency import distinctive_terms, keyword_frequency, tfidf

    frame = _load(args)
    if args.distinctive:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SCOTextWarning)  # the note is in attrs
            result = distinctive_terms(frame, by=args.by, top=args.top)
        if result.attrs.get("note"):
            _note(args, f"{PROG}: note: {result.attrs['note']}")
    elif args.tfidf:
        result = tfidf(frame, by=args.by, top=args.top)
    else:
        result = keyword_frequency(frame, by=args.by, top=args.top)
    _emit(result, args, out)
    return 0


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from .compare import STATUSES, diff

    frame = _load(args)
    result = diff(frame, args.old, args.new)
    summary = result.summary()
    row: dict[str, object] = {"old": result.old, "new": result.new}
    row.update({status: summary[status] for status in STATUSES})
    row["carry_over"] = summary.carry_over
    tables = {"summary": pd.DataFrame([row]), "themes": summary.themes}
    if args.table == "paragraphs":
        tables["paragraphs"] = result.paragraphs
    if args.table in ("changes", "sections"):
        tables[args.table] = result.changes if args.table == "changes" else result.sections
    if args.table == "terms":
        tables["terms"] = result.term_changes()
    if args.format == "table" and args.table is None:
        width = max(len(k) for k in row)
        for key, value in row.items():
            text = f"{value:.1%}" if key == "carry_over" else str(value)
            out.write(f"{key.ljust(width)}  {text}\n")
        if len(summary.themes):
            out.write("\nTheme mentions\n\n")
            _emit(summary.themes, args, out)
    else:
        _emit_tables(
            tables,
            args,
            out,
            csv_default="summary",
            headings={"summary": "Summary", "themes": "Theme mentions"},
        )
    if args.html:
        path = Path(args.html)
        result.to_html(path)
        _note(args, f"wrote {path}")
    if args.markdown:
        path = Path(args.markdown)
        path.write_text(result.to_markdown(), encoding="utf-8")
        _note(args, f"wrote {path}")
    return 0


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from .report import write_report

    frame = _load(args)
    kwargs = {} if args.title is None else {"title": args.title}
    path = write_report(frame, args.out, **kwargs)
    out.write(f"wrote {path}\n")
    return 0


# --------------------------------------------------------------------------- entry point


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 when the library reports an error or nothing could be
        loaded; 130 after Ctrl-C. Usage errors exit through :class:`SystemExit`
        with code 2 (``--help`` and ``--version`` with 0), as argparse does.
    """
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, sys.stdout)
    except _NothingLoaded as exc:
        print(f"{PROG}: warning: {exc}", file=sys.stderr)
        return 1
    except SCOTextError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away, e.g. piped into `head`
        _silence_stdout()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, with the shell's usual code
        print(file=sys.stderr)
        return 130
    except OSError as exc:  # a file named on the command line could not be written
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"{PROG}: error: {name}{exc.strerror or exc}", file=sys.stderr)
        return 1
