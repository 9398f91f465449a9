"""The normaliser: raw PDF-extracted text to a title, clean body paragraphs and repairs.

It knows nothing of files or frames: :func:`normalize` takes a ``str``.  One module per
stage, in the order they run:

- :mod:`.layout`: wrapped or unwrapped text, and the plan of where each line goes,
  made by :mod:`.pages` (page numbers, form feeds, what blank lines mean, widths;
  running headers and footers with :mod:`.furniture`),
  :mod:`.title`, :mod:`.backmatter` (signatures, place/date lines) and
  :mod:`.breaks` (paragraph breaks and sections, with :mod:`.headings`);
- :mod:`.glyphs`: repairs of quotes, dashes, look-alike letters, glued digits, odd
  spaces;
- :mod:`.hyphens`: line-end hyphens (join ``cooper-ation``, keep ``energy-saving``);
- :mod:`.pipeline`: :func:`normalize`, which runs them and joins each paragraph.

Every layout threshold is a field of :class:`LayoutRules` (:mod:`.rules`).

>>> from sco_text.normalizer import normalize
>>> [p.text for p in normalize("Title Line\\n\\nWe support cooper-\\nation.\\n").paragraphs]
['We support cooperation.']
"""

from .hyphens import vocabulary
from .pipeline import LAYOUTS, normalize
from .result import Normalized, Paragraph, Repair
from .rules import DEFAULT_RULES, LayoutRules

__all__ = [
    "DEFAULT_RULES",
    "LAYOUTS",
    "LayoutRules",
    "Normalized",
    "Paragraph",
    "Repair",
    "normalize",
    "vocabulary",
]
