"""Paragraph-aligned diffs of declarations: :func:`diff`, :func:`diff_series`.

The subpackage in reading order: :mod:`~sco_text.compare.alignment` (which paragraphs
became which), :mod:`~sco_text.compare.model` (:class:`DeclarationDiff`, its tables and
summary), :mod:`~sco_text.compare.render` (text, Markdown, HTML) and
:mod:`~sco_text.compare.frame` (the functions that take a corpus frame).
"""

from .alignment import AlignOptions
from .frame import SERIES_COLUMNS, diff, diff_series
from .model import (
    CHANGE_COLUMNS,
    PARAGRAPH_COLUMNS,
    SECTION_COLUMNS,
    STATUSES,
    TABLES,
    THEME_COLUMNS,
    DeclarationDiff,
    DiffSummary,
)

__all__ = [
    "CHANGE_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SECTION_COLUMNS",
    "SERIES_COLUMNS",
    "STATUSES",
    "TABLES",
    "THEME_COLUMNS",
    "AlignOptions",
    "DeclarationDiff",
    "DiffSummary",
    "diff",
    "diff_series",
]
