"""The library's own exception types.

Every error sco-text raises on purpose derives from :class:`SCOTextError`, so a
caller can catch everything the library reports with one ``except`` clause.

>>> from sco_text.errors import CorpusError, SCOTextError
>>> err = CorpusError("corpus/a.pdf", "the PDF has no text layer")
>>> str(err)
'corpus/a.pdf: the PDF has no text layer'
>>> isinstance(err, SCOTextError)
True
"""

from __future__ import annotations

import os

__all__ = [
    "CorpusError",
    "DiffError",
    "FrameError",
    "MissingExtraError",
    "OptionError",
    "SCOTextError",
    "SCOTextWarning",
]


class SCOTextError(Exception):
    """Base class of every error raised by sco-text."""


class CorpusError(SCOTextError):
    """A file could not be read into the corpus.

    ``path`` names the file and ``reason`` says what was wrong with it.

    Parameters
    ----------
    path : str or os.PathLike
        The file that could not be read.
    reason : str
        What was wrong with it.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type[CorpusError], tuple[str, str]]:
        # pickled with its two arguments (a worker process or a Dask worker raises it)
        return (type(self), (self.path, self.reason))


class OptionError(SCOTextError, ValueError):
    """An argument has a value outside the allowed set or range."""


class FrameError(SCOTextError, ValueError):
    """A frame passed to a function lacks required columns or rows."""


class DiffError(SCOTextError, ValueError):
    """Two documents cannot be compared (unknown or identical ids, ...)."""


class MissingExtraError(SCOTextError, ImportError):
    """A function needs an optional extra that is not installed.

    The message names the extra and the command that installs it, e.g.
    ``pip install 'sco-text[dask]'`` for :func:`sco_text.load_corpus_dask`.
    """


class SCOTextWarning(UserWarning):
    """A result that is computed right but may not say what the caller expects.

    For example :func:`sco_text.distinctive_terms` on a corpus with one group: there is
    nothing to compare it with.  Filter with ``warnings.simplefilter("ignore", SCOTextWarning)``.
    """
