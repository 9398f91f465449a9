"""Very long paragraphs and sentences() (issue 14): NLTK's Punkt is given bounded windows
that give the same sentences as one call, and its time limit never leaks out as a
builtin TimeoutError."""

from __future__ import annotations

import random
from typing import Any

import pandas as pd
import pytest

import sco_text as st
from sco_text import corpus
from sco_text.corpus import PUNKT_MAX_CHARS, _sentence_spans, _tokenizer
from sco_text.errors import SCOTextError

pytestmark = pytest.mark.hostile

PIECES = [
    "The member states agree on Art. 5 of the U.N. Charter.",
    "They welcome (New York, 30 Aug. 2019) the talks.",
    '"We back it." said Mr. Smith.',
    "See No. 7 and pp. 3-4 of the report!",
    "Is it so? Yes.",
    "(This holds.)",
    "e.g. cooperation i.e. trade etc.",
    "The SCO. The UN. The CIS.",
    "word" * 20 + ".",
    "a.b.c.",
    "...",
    "Mr.",
    "U.S. policy is set.",
    "x" * 90,
    "Dr. Who? No.",
]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(PIECES) for _ in range(n))


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    rng = random.Random(7)
    return _tokenizer([_text(rng, 300) for _ in range(4)])


@pytest.mark.parametrize("max_chars", [200, 257, 400, 1000])
def test_windows_give_the_sentences_of_one_call(tokenizer: Any, max_chars: int) -> None:
    # every word here is shorter than half the window: then the spans are exactly equal
    rng = random.Random(max_chars)
    for _ in range(60):
        text = _text(rng, rng.randint(1, 80))
        assert _sentence_spans(tokenizer, text, max_chars) == list(tokenizer.span_tokenize(text))


def test_a_window_without_a_sentence_end_is_carried_over(tokenizer: Any) -> None:
    text = " ".join(["peace and cooperation"] * 100) + ". It holds. " + "trade " * 50 + "grows."
    spans = _sentence_spans(tokenizer, text, 100)
    assert [text[s:e] for s, e in spans] == [text[s:e] for s, e in tokenizer.span_tokenize(text)]
    assert len(spans) >= 2 and spans[0][1] - spans[0][0] > 100  # longer than a window


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lengths of every text Punkt's tokenizer and word splitter are given."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer

    seen: list[int] = []
    span_tokenize = PunktSentenceTokenizer.span_tokenize
    word_tokenize = PunktLanguageVars.word_tokenize

    def spans(self: Any, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(len(text))
        return span_tokenize(self, text, *args, **kwargs)

    def words(self: Any, text: str) -> Any:
        seen.append(len(text))
        return word_tokenize(self, text)

    monkeypatch.setattr(PunktSentenceTokenizer, "span_tokenize", spans)
    monkeypatch.setattr(PunktLanguageVars, "word_tokenize", words)
    return seen


def _frame(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d"] * len(texts),
            "section": ["Preamble"] * len(texts),
            "para_no": list(range(len(texts))),
            "text": list(texts),
        }
    )


def test_punkt_never_gets_more_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "PUNKT_MAX_CHARS", 2_000)
    rng = random.Random(3)
    long = _text(rng, 400)  # about 12,000 characters in one paragraph
    assert len(long) > 5 * 2_000
    seen = _recording(monkeypatch)
    result = st.sentences(_frame("A short one. It ends.", long))
    assert max(seen) <= 2_000
    monkeypatch.setattr(corpus, "PUNKT_MAX_CHARS", 10**9)  # one call each: the same result
    pd.testing.assert_frame_equal(result, st.sentences(_frame("A short one. It ends.", long)))


def test_the_limit_at_its_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Peace holds. " * (PUNKT_MAX_CHARS // 13 + 1))[:PUNKT_MAX_CHARS]
    text = text[:-1] + "."
    tokenizer = _tokenizer(["Peace holds. Trade grows."])
    seen = _recording(monkeypatch)
    _sentence_spans(tokenizer, text, PUNKT_MAX_CHARS)  # exactly the limit: one call
    assert seen[0] == PUNKT_MAX_CHARS
    seen.clear()
    _sentence_spans(tokenizer, text + " Yes.", PUNKT_MAX_CHARS)  # one more: windows
    assert seen[0] < PUNKT_MAX_CHARS


def test_the_training_sample_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "PUNKT_MAX_CHARS", 1_000)
    seen = _recording(monkeypatch)
    _tokenizer(["Peace holds. " * 500, "Trade grows. " * 10], max_chars=4_000)
    assert max(seen) <= 1_000
    assert sum(seen) <= 4_000


def test_nltk_running_out_of_time_is_the_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk.redos

    monkeypatch.setattr(nltk.redos, "DEFAULT_TIMEOUT", 1e-9)
    with pytest.raises(SCOTextError, match="ran out of time"):
        st.sentences(_frame("One sentence here. " * 2_000))
