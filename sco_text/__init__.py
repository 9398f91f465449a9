"""sco-text: read, measure and compare diplomatic declarations.

>>> import sco_text as st
>>> frame = st.load_corpus()                       # doctest: +SKIP
>>> st.themes(frame, by="section").head()          # doctest: +SKIP
"""

from .errors import CorpusError, DiffError, FrameError, OptionError, SCOTextError

# --- corpus (issue 2: readers, normalize, metadata, corpus) ---
# --- analysis (issue 3: tokens, frequency, themes, context) ---
# --- diff (issue 4) ---

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "DiffError",
    "FrameError",
    "OptionError",
    "SCOTextError",
    # corpus names
    # analysis names
    # diff names
]
