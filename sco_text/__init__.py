"""sco-text: read, measure and compare diplomatic declarations.

>>> import sco_text as st
>>> frame = st.load_corpus()
>>> st.documents(frame)[["doc_id", "date", "place", "n_paragraphs"]]  # doctest: +SKIP
                    doc_id       date   place  n_paragraphs
0  2020-moscow-declaration 2020-11-10  Moscow           124
>>> st.themes(frame, by="section").head(3)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what each name is, for type checkers and IDEs (loaded on first use)
    from .compare import (
        DeclarationDiff,
        diff,
        diff_series,
    )
    from .context import (
        collocations,
        kwic,
    )
    from .corpus import (
        documents,
        load_corpus,
        raw_text,
        repairs,
        sentences,
    )
    from .dictionaries import (
        load_dictionary,
        theme_matches,
        themes,
    )
    from .errors import (
        CorpusError,
        DiffError,
        FrameError,
        MissingExtraError,
        OptionError,
        SCOTextError,
        SCOTextWarning,
    )
    from .frequency import (
        distinctive_terms,
        keyness,
        keyword_frequency,
        similarity,
        tfidf,
    )
    from .language.commitments import (
        commitment_counts,
        commitments,
    )
    from .language.phrases import (
        phrase_history,
        phrase_timeline,
    )
    from .language.reuse import (
        reuse,
        reuse_shares,
    )
    from .metadata import infer_metadata
    from .normalizer import normalize
    from .pdfgeometry import (
        PdfLimits,
        pdf_limits,
    )
    from .readers import read_document
    from .scale import load_corpus_dask
    from .spelling import (
        fold_spelling,
        fold_text,
    )
    from .text import count_words
    from .tokens import (
        stop_words,
        tokenize,
    )

__version__ = "0.1.0"

#: Each public name -> the module that defines it (imported when the name is first used,
#: so that ``import sco_text`` and a worker process that needs only the normaliser stay
#: light: no pandas, scipy or scikit-learn until an analysis asks for them).
_WHERE: dict[str, str] = {
    "CorpusError": ".errors",
    "DeclarationDiff": ".compare",
    "DiffError": ".errors",
    "FrameError": ".errors",
    "MissingExtraError": ".errors",
    "OptionError": ".errors",
    "PdfLimits": ".pdfgeometry",
    "SCOTextError": ".errors",
    "SCOTextWarning": ".errors",
    "collocations": ".context",
    "commitment_counts": ".language.commitments",
    "commitments": ".language.commitments",
    "count_words": ".text",
    "diff": ".compare",
    "diff_series": ".compare",
    "distinctive_terms": ".frequency",
    "documents": ".corpus",
    "fold_spelling": ".spelling",
    "fold_text": ".spelling",
    "infer_metadata": ".metadata",
    "keyness": ".frequency",
    "keyword_frequency": ".frequency",
    "kwic": ".context",
    "load_corpus": ".corpus",
    "load_corpus_dask": ".scale",
    "load_dictionary": ".dictionaries",
    "normalize": ".normalizer",
    "pdf_limits": ".pdfgeometry",
    "phrase_history": ".language.phrases",
    "phrase_timeline": ".language.phrases",
    "raw_text": ".corpus",
    "read_document": ".readers",
    "repairs": ".corpus",
    "reuse": ".language.reuse",
    "reuse_shares": ".language.reuse",
    "sentences": ".corpus",
    "similarity": ".frequency",
    "stop_words": ".tokens",
    "tfidf": ".frequency",
    "theme_matches": ".dictionaries",
    "themes": ".dictionaries",
    "tokenize": ".tokens",
}

__all__ = [
    "CorpusError",
    "DeclarationDiff",
    "DiffError",
    "FrameError",
    "MissingExtraError",
    "OptionError",
    "PdfLimits",
    "SCOTextError",
    "SCOTextWarning",
    "collocations",
    "commitment_counts",
    "commitments",
    "count_words",
    "diff",
    "diff_series",
    "distinctive_terms",
    "documents",
    "fold_spelling",
    "fold_text",
    "infer_metadata",
    "keyness",
    "keyword_frequency",
    "kwic",
    "load_corpus",
    "load_corpus_dask",
    "load_dictionary",
    "normalize",
    "pdf_limits",
    "phrase_history",
    "phrase_timeline",
    "raw_text",
    "read_document",
    "repairs",
    "reuse",
    "reuse_shares",
    "sentences",
    "similarity",
    "stop_words",
    "tfidf",
    "theme_matches",
    "themes",
    "tokenize",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use, or a submodule
    (``sco_text.normalizer.LayoutRules`` after ``import sco_text``) (PEP 562)."""
    module = _WHERE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value  # later look-ups do not come here
        return value
    if importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)  # now an attribute too
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
