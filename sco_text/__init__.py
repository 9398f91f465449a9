"""sco-text: read, measure and compare diplomatic declarations.

>>> import sco_text as st
>>> frame = st.load_corpus()
>>> st.documents(frame)[["doc_id", "date", "place", "n_paragraphs"]]  # doctest: +SKIP
                    doc_id       date   place  n_paragraphs
0  2020-moscow-declaration 2020-11-10  Moscow           124
>>> st.themes(frame, by="section").head(3)  # doctest: +SKIP
"""

from .compare import DeclarationDiff, diff, diff_series
from .context import collocations, kwic
from .corpus import documents, load_corpus, raw_text, repairs, sentences
from .dictionaries import load_dictionary, theme_matches, themes
from .errors import (
    CorpusError,
    DiffError,
    FrameError,
    MissingExtraError,
    OptionError,
    SCOTextError,
    SCOTextWarning,
)
from .frequency import distinctive_terms, keyness, keyword_frequency, similarity, tfidf
from .language.commitments import commitment_counts, commitments
from .language.phrases import phrase_history, phrase_timeline
from .language.reuse import reuse, reuse_shares
from .metadata import infer_metadata
from .normalizer import normalize
from .pdfgeometry import PdfLimits, pdf_limits
from .readers import read_document
from .scale import load_corpus_dask
from .spelling import fold_spelling, fold_text
from .text import count_words
from .tokens import stop_words, tokenize

__version__ = "0.1.0"

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
