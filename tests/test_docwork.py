"""The corpus vocabulary (hyphen evidence) found by Arrow is that of ``str.split``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sco_text._docwork import _words_of_texts, token_words

LETTERS = "aZ9.,-'\u00e9\u0130\u03a3\u201c"
SPACES = " \t\n\x0b\x0c\r\x1c\x1f\x85\u00a0\u1680\u2003\u2028\u2029\u202f\u3000"


def _by_python(texts: list[str]) -> set[str]:
    return token_words(word for text in texts for word in text.split())


def test_words_split_at_every_kind_of_white_space() -> None:
    texts = [
        "Member\u00a0States\u2003note\u2028the Co-operation,",
        "peace\x1csecurity \u201ctrade\u201d caf\u00e9\u3000\u0130stanbul",
    ]
    words = _words_of_texts(texts)
    assert {"member", "states", "note", "co-operation", "peace", "security"} <= words
    assert words == _by_python(texts)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from([*SPACES, *LETTERS]), max_size=30),
        max_size=6,
    )
)
def test_words_equal_python_split(texts: list[str]) -> None:
    assert _words_of_texts(texts) == _by_python(texts)
