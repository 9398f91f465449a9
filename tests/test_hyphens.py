from __future__ import annotations

import pytest

from sco_text.normalizer import normalize
from sco_text.normalizer.hyphens import Evidence, hyphen_joins, vocabulary

# the word list leaves out solid forms whose hyphenated form is the usual one (its header)
USUAL_COMPOUNDS = ["large-scale", "long-term", "so-called", "well-being", "decision-making"]


@pytest.mark.parametrize("compound", USUAL_COMPOUNDS)
def test_a_usual_compound_keeps_its_line_end_hyphen(compound: str) -> None:
    head, tail = compound.split("-")
    assert head + tail not in vocabulary()
    assert not hyphen_joins(head + "-", tail, Evidence("", None), vocabulary())


def test_a_word_broken_at_a_line_end_is_joined() -> None:
    assert hyphen_joins("cooper-", "ation", Evidence("", None), vocabulary())


def test_the_document_itself_outweighs_the_word_list() -> None:
    text = (
        "A title line\n\n"
        "The member states noted the wellbeing of all their people in every single\n"
        "region. They care for the well-\nbeing of people and the wellbeing of all of them.\n"
    )
    assert "care for the wellbeing of people" in normalize(text).paragraphs[-1].text
