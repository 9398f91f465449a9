"""What :func:`sco_text.normalizer.normalize` returns.

>>> Repair(None, "page-number", "2", "")
Repair(para_no=None, rule='page-number', before='2', after='')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Normalized", "Paragraph", "Repair"]


@dataclass(frozen=True)
class Repair:
    """One change: ``para_no`` is None for lines removed from the body."""

    para_no: int | None
    rule: str
    before: str
    after: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: section name, normalised one-line text and its original lines."""

    section: str
    text: str
    raw: str


@dataclass(frozen=True)
class Normalized:
    """Result of :func:`sco_text.normalizer.normalize`."""

    title: str
    paragraphs: list[Paragraph]
    repairs: list[Repair]
    front_matter: list[str]
    back_matter: list[str]
    layout: str
