"""Facts about the seed (Moscow Declaration, 10 November 2020) checked by reading it."""

from __future__ import annotations

# The seed's sections in reading order: the text before the first heading, then the
# six headings of the declaration.
SEED_SECTIONS = [
    "Preamble",
    "Security",
    "Interparliamentary ties",
    "Interaction in the judicial sphere",
    "Trade and economic cooperation",
    "Cultural, humanitarian and public exchanges",
    "International contacts",
]
