"""Checks shared by the public functions: one place, one wording.

>>> check_choice("measure", "g2", ("g2", "chi2"))
'g2'
>>> check_choice("measure", "t", ("g2", "chi2"))
Traceback (most recent call last):
...
sco_text.errors.OptionError: measure='t' is not allowed; choose one of: 'g2', 'chi2'
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from .errors import FrameError, OptionError

if TYPE_CHECKING:  # pandas is imported where a frame is checked (a worker needs none)
    import pandas as pd

T = TypeVar("T", bound=Hashable)

__all__ = ["check_by", "check_choice", "check_columns", "check_positive_int", "is_dask_frame"]

#: The functions that take a Dask DataFrame as well as a pandas one (named in errors).
DASK_FUNCTIONS = "keyword_frequency, tfidf, similarity, distinctive_terms, themes and reuse"


def is_dask_frame(frame: object) -> bool:
    """Whether ``frame`` is a Dask DataFrame (without importing Dask: if it was never
    imported, no object can be one)."""
    module = sys.modules.get("dask.dataframe")
    return module is not None and isinstance(frame, module.DataFrame)


def check_choice(name: str, value: T, allowed: Sequence[T]) -> T:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`OptionError`."""
    if value not in allowed:
        listed = ", ".join(repr(a) for a in allowed)
        raise OptionError(f"{name}={value!r} is not allowed; choose one of: {listed}")
    return value


def check_positive_int(name: str, value: object, *, allow_none: bool = False) -> int | None:
    """Return ``value`` if it is an int >= 1 (or None when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        extra = " or None" if allow_none else ""
        raise OptionError(f"{name}={value!r} is not allowed; give an integer >= 1{extra}")
    return value


def check_columns(
    frame: object, required: Iterable[str], *, what: str = "frame", dask: bool = False
) -> None:
    """Raise :class:`FrameError` unless ``frame`` is a DataFrame with ``required`` columns
    (a Dask DataFrame too when ``dask`` is true)."""
    if is_dask_frame(frame) and not dask:
        raise FrameError(
            f"{what} is a Dask DataFrame; this function takes a pandas DataFrame: give "
            f"{what}.compute() (the ones that take a Dask frame: {DASK_FUNCTIONS})"
        )
    import pandas as pd

    if not isinstance(frame, pd.DataFrame) and not is_dask_frame(frame):
        raise FrameError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    columns = list(frame.columns)  # type: ignore[attr-defined]
    missing = [c for c in required if c not in columns]
    if missing:
        raise FrameError(
            f"{what} lacks column(s) {missing}; it has {columns}. "
            "Build it with sco_text.load_corpus()."
        )


def check_by(frame: pd.DataFrame, by: str | Collection[str]) -> list[str]:
    """Normalise a ``by=`` grouping to a list of column names present in ``frame``."""
    cols = [by] if isinstance(by, str) else list(by)
    if not cols:
        raise OptionError("by=[] is not allowed; name at least one column")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        listed = ", ".join(repr(c) for c in frame.columns)
        raise OptionError(f"by={by!r}: no column {missing}; choose from: {listed}")
    return cols
