"""Tests of sco_text.spelling: real British/American pairs fold together, non-pairs do not."""

from __future__ import annotations

import pytest

from sco_text.spelling import MIN_STEM, fold_spelling, fold_text

# Real pairs (British, American), written by hand from general English and the SCO texts;
# each family of the module docstring is here, listed words and rule-made ones alike.
PAIRS = [
    # -ise / -ize and -isation / -ization (list and rule)
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("recognised", "recognized"),
    ("recognise", "recognize"),
    ("emphasised", "emphasized"),
    ("prioritising", "prioritizing"),
    ("stabilisation", "stabilization"),
    ("modernisation", "modernization"),
    ("civilisational", "civilizational"),
    ("denuclearisation", "denuclearization"),
    ("digitalisation", "digitalization"),
    ("militarisation", "militarization"),
    ("weaponisation", "weaponization"),
    ("operationalise", "operationalize"),
    ("decarbonising", "decarbonizing"),
    ("incentivise", "incentivize"),
    ("unrealised", "unrealized"),
    ("organiser", "organizer"),
    ("recognisable", "recognizable"),
    ("realise", "realize"),
    ("analyse", "analyze"),
    # -our / -or
    ("labour", "labor"),
    ("neighbouring", "neighboring"),
    ("behaviour", "behavior"),
    ("endeavours", "endeavors"),
    ("favourable", "favorable"),
    ("honour", "honor"),
    # -re / -er
    ("centre", "center"),
    ("centres", "centers"),
    ("metre", "meter"),
    ("theatre", "theater"),
    ("fibre", "fiber"),
    # programme / program, -ogue / -og
    ("programme", "program"),
    ("programmes", "programs"),
    ("catalogue", "catalog"),
    # -ence / -ense
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    # doubled l, single l
    ("travelled", "traveled"),
    ("fuelled", "fueled"),
    ("labelling", "labeling"),
    ("signalled", "signaled"),
    ("fulfil", "fulfill"),
    ("enrolment", "enrollment"),
    ("skilful", "skillful"),
    # others
    ("ageing", "aging"),
    ("judgement", "judgment"),
    ("co-operation", "cooperation"),
    ("manoeuvre", "maneuver"),
    ("sceptical", "skeptical"),
]

# Words with one spelling only: folding leaves them as they are (lower-cased).
NON_PAIRS = [
    "rise",
    "rising",
    "wise",
    "otherwise",
    "likewise",
    "precise",
    "imprecise",
    "concise",
    "raise",
    "raised",
    "praise",
    "noise",
    "poised",
    "cruise",
    "crises",
    "polycrises",
    "premises",
    "promise",
    "uncompromising",
    "compromised",
    "exercise",
    "exercised",
    "enterprises",
    "surprisingly",
    "advise",
    "inadvisable",
    "revised",
    "supervised",
    "unsupervised",
    "improvisation",
    "expertise",
    "franchise",
    "disenfranchised",
    "merchandise",
    "advertising",
    "paradise",
    "treatise",
    "metropolises",
    "uprising",
    "sunrise",
    # -our / -re / -ll look-alikes that are other words
    "tour",
    "four",
    "pour",
    "hour",
    "our",
    "your",
    "flour",
    "acre",
    "massacre",
    "genre",
    "cadre",
    "filled",
    "called",
    "killed",
    "compelled",
    "controlled",
    "dwelling",
    "dialogue",
    "gauge",
    "sentence",
    "evidence",
    "cooperation",
    "council",
]


@pytest.mark.parametrize(("british", "american"), PAIRS)
def test_real_pairs_fold_to_the_american_form(british: str, american: str) -> None:
    assert fold_spelling(british) == american
    assert fold_spelling(american) == american
    assert fold_spelling(british.upper()) == american
    assert fold_spelling(british.title()) == american


@pytest.mark.parametrize("word", NON_PAIRS)
def test_words_with_one_spelling_stay(word: str) -> None:
    assert fold_spelling(word) == word
    assert fold_spelling(word.title()) == word


def test_canonical_exceptions() -> None:
    # American usage keeps "dialogue" and "gauge": both spellings fold to them
    assert fold_spelling("dialog") == "dialogue" == fold_spelling("Dialogue")
    assert fold_spelling("gauges") == "gauges"


def test_min_stem_boundary() -> None:
    # stems shorter than MIN_STEM letters before "is" never fold: "wise", "rise", "crises"
    assert MIN_STEM == 3
    assert fold_spelling("abcise") == "abcize"  # stem "abc": exactly MIN_STEM letters
    assert fold_spelling("abise") == "abise"  # stem "ab": one fewer
    assert fold_spelling("abcisation") == "abcization"
    assert fold_spelling("abisation") == "abisation"


def test_stem_ending_in_a_vowel_keeps_ise() -> None:
    assert fold_spelling("tortoise") == "tortoise" and fold_spelling("malaise") == "malaise"


def test_hyphenated_words_fold_part_by_part() -> None:
    assert fold_spelling("self-organising") == "self-organizing"
    assert fold_spelling("non-militarisation") == "non-militarization"
    assert fold_spelling("awareness-raising") == "awareness-raising"


def test_fold_text_keeps_case_punctuation_and_spaces() -> None:
    text = "The SCO Member States recognised the ORGANISATION's role;  Programmes (centre)."
    assert fold_text(text) == (
        "The SCO Member States recognized the ORGANIZATION's role;  Programs (center)."
    )
    assert fold_text("") == ""
    assert fold_text("Nothing to change, 42 times.") == "Nothing to change, 42 times."


def test_fold_text_agrees_with_fold_spelling_word_by_word() -> None:
    british = " ".join(b for b, _ in PAIRS)
    american = " ".join(a for _, a in PAIRS)
    assert fold_text(british) == american
    assert fold_text(american) == american
