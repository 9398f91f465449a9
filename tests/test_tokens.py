"""Tests for sco_text.tokens: the token pattern, stop words, stemming, n-grams, phrases."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from sco_text.errors import OptionError
from sco_text.tokens import TOKEN_PATTERN, Tokenizer, stop_words, tokenize, word_spans


def raw(text: str) -> list[str]:
    return tokenize(text, stop_words=None)


# -- the token pattern -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("non-proliferation", ["non-proliferation"]),
        ("counter-terrorism", ["counter-terrorism"]),
        ("COVID-19 pandemic", ["covid-19", "pandemic"]),
        ("in 2019-2021", ["in", "2019-2021"]),
        ("in 2019\u20132021", ["in", "2019-2021"]),  # en dash folded to a hyphen
        ("non\u2011proliferation", ["non-proliferation"]),  # non-breaking hyphen
        ("the SCO and 2030", ["the", "sco", "and", "2030"]),
        ("R&D centres", ["r&d", "centres"]),
        ("China's role", ["china", "role"]),
        ("China\u2019s role", ["china", "role"]),
        ("CHINA'S ROLE", ["china", "role"]),
        ("peoples' choice", ["peoples", "choice"]),
        ("we don't", ["we", "don't"]),
        ("C\u00f4te d\u2019Ivoire", ["c\u00f4te", "d'ivoire"]),
        ("1.5 degrees, 10,000 troops", ["1.5", "degrees", "10,000", "troops"]),
        ("the 2030.Agenda", ["the", "2030", "agenda"]),
        ("end. Next", ["end", "next"]),
        ("snake_case", ["snake", "case"]),
        ("a - b -- c", ["a", "b", "c"]),
        ("-leading trailing-", ["leading", "trailing"]),
        ("US$50 million", ["us", "50", "million"]),
        ("", []),
    ],
)
def test_token_pattern(text: str, expected: list[str]) -> None:
    assert raw(text) == expected


def test_token_pattern_is_compiled_with_one_group() -> None:
    assert TOKEN_PATTERN.groups == 1
    assert TOKEN_PATTERN.findall("SCO's non-proliferation") == ["SCO", "non-proliferation"]


def test_word_spans_point_into_original_text() -> None:
    text = "The SCO\u2019s counter-terrorism work in 2019\u20132021."
    spans = word_spans(text)
    assert [t for t, _, _ in spans] == [
        "the",
        "sco",
        "counter-terrorism",
        "work",
        "in",
        "2019-2021",
    ]
    for token, start, end in spans:
        original = text[start:end]
        assert original.lower().replace("\u2013", "-") == token
    assert text[spans[1][1] : spans[1][2]] == "SCO"


def test_word_spans_keep_stop_words() -> None:
    assert [t for t, _, _ in word_spans("The member states")] == ["the", "member", "states"]


# -- stop words -------------------------------------------------------------------------
def test_named_stop_word_lists() -> None:
    english = stop_words("english")
    sco = stop_words("sco")
    assert english == frozenset(ENGLISH_STOP_WORDS)
    assert {"member", "states", "state", "note", "importance"} <= sco
    assert {"sco", "shanghai"} <= sco  # the organisation's name frames every paragraph
    assert "security" not in sco and "cooperation" not in sco
    assert stop_words() == english | sco
    assert stop_words("english+sco") == english | sco
    assert stop_words("none") == frozenset()
    assert all(w == w.lower() and w.strip() == w and w for w in sco)


def test_stop_words_switchable() -> None:
    text = "The member states note the importance of security"
    assert tokenize(text) == ["security"]
    assert tokenize(text, stop_words="english") == [
        "member",
        "states",
        "note",
        "importance",
        "security",
    ]
    assert tokenize(text, stop_words="sco") == ["the", "the", "of", "security"]
    assert tokenize(text, stop_words=None) == raw(text)
    assert tokenize(text, stop_words="none") == raw(text)
    assert tokenize(text, stop_words=["security", "THE"]) == [
        "member",
        "states",
        "note",
        "importance",
        "of",
    ]
    assert tokenize(text, stop_words=iter(["of"])) == [
        "the",
        "member",
        "states",
        "note",
        "the",
        "importance",
        "security",
    ]


def test_lowercase_false_keeps_case_and_still_removes_stop_words() -> None:
    assert tokenize("The WTO Member States", lowercase=False) == ["WTO"]
    assert tokenize("The SCO", lowercase=False, stop_words=None) == ["The", "SCO"]


@pytest.mark.parametrize("bad", ["french", "English"])
def test_unknown_stop_word_list_lists_allowed_names(bad: str) -> None:
    with pytest.raises(OptionError) as err:
        tokenize("x", stop_words=bad)
    msg = str(err.value)
    for name in ("'english'", "'sco'", "'english+sco'", "'none'"):
        assert name in msg


def test_stop_words_must_be_iterable() -> None:
    with pytest.raises(OptionError, match="iterable"):
        tokenize("x", stop_words=5)  # type: ignore[arg-type]


# -- stemming, n-grams, phrases ---------------------------------------------------------
def test_stemming() -> None:
    assert tokenize("strengthening cooperation relations", stem=True) == [
        "strengthen",
        "cooper",
        "relat",
    ]
    # stop words are removed before stemming: "states" is a stop word, "stated" stems to it
    assert tokenize("states stated", stem=True) == ["state"]


def test_ngrams_after_stop_word_removal() -> None:
    text = "Security of the region and stability of the region"
    assert tokenize(text, ngram_range=(2, 2)) == [
        "security region",
        "region stability",
        "stability region",
    ]
    assert tokenize(text, ngram_range=(1, 2)) == [
        "security",
        "region",
        "stability",
        "region",
        "security region",
        "region stability",
        "stability region",
    ]
    assert tokenize("a b c", stop_words=None, ngram_range=(3, 3)) == ["a b c"]
    assert tokenize("a b", stop_words=None, ngram_range=(3, 3)) == []


def test_ngrams_with_stemming() -> None:
    assert tokenize("regional securities", stem=True, ngram_range=(2, 2)) == ["region secur"]


@pytest.mark.parametrize("bad", [(0, 1), (2, 1), (1,), "1,2", (1.0, 2.0), (True, 2)])
def test_bad_ngram_range(bad: object) -> None:
    with pytest.raises(OptionError, match="ngram_range"):
        tokenize("x", ngram_range=bad)  # type: ignore[arg-type]


def test_phrases_are_one_term_matched_before_stop_words() -> None:
    text = "Information security and the Belt and Road initiative; information flows."
    terms = tokenize(text, phrases=["information security", "Belt and Road"])
    assert terms == ["information security", "belt and road", "initiative", "information", "flows"]


def test_phrases_longest_first_and_unstemmed() -> None:
    text = "international information security and information security"
    terms = tokenize(
        text,
        phrases=["information security", "international information security"],
        stem=True,
    )
    assert terms == ["international information security", "information security"]


def test_phrase_stop_words_inside_and_case() -> None:
    # a phrase made only of stop words survives; lowercase=False keeps the text's case
    assert tokenize("The member states agreed", phrases=["member states"]) == [
        "member states",
        "agreed",
    ]
    assert tokenize("The Member States agreed", lowercase=False, phrases=["member states"]) == [
        "Member States",
        "agreed",
    ]


def test_phrases_count_as_one_unit_in_ngrams() -> None:
    assert tokenize("Belt and Road projects", phrases=["belt and road"], ngram_range=(2, 2)) == [
        "belt and road projects"
    ]


def test_phrases_must_be_a_list() -> None:
    with pytest.raises(OptionError, match="list"):
        tokenize("x", phrases="belt and road")


def test_bool_options_validated() -> None:
    with pytest.raises(OptionError, match="True or False"):
        tokenize("x", stem="yes")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="True or False"):
        tokenize("x", lowercase=1)  # type: ignore[arg-type]
    with pytest.raises(OptionError):
        tokenize(None)  # type: ignore[arg-type]


# -- the Tokenizer object -----------------------------------------------------------------
def test_tokenizer_as_sklearn_analyzer_and_picklable() -> None:
    tok = Tokenizer(stop_words="english", phrases=["information security"])
    vec = CountVectorizer(analyzer=tok)
    matrix = vec.fit_transform(["Information security matters.", "Security of trade."])
    assert sorted(vec.vocabulary_) == ["information security", "matters", "security", "trade"]
    assert matrix.sum() == 4
    again = pickle.loads(pickle.dumps(tok))
    assert again("Information security") == ["information security"]


def test_terms_and_words_counts_words_before_stop_words() -> None:
    tok = Tokenizer(ngram_range=(1, 2))
    terms, words = tok.terms_and_words(["The peace treaty.", "Trade routes"])
    # no bigram joins "treaty" and "trade": n-grams stay inside one text
    assert terms == ["peace", "treaty", "peace treaty", "trade", "routes", "trade routes"]
    assert words == 5
    fast = Tokenizer()
    assert fast.terms_and_words(["The peace treaty.", "Trade routes"]) == (
        ["peace", "treaty", "trade", "routes"],
        5,
    )


def test_tokenizer_freezes_one_shot_iterables() -> None:
    tok = Tokenizer(stop_words=(w for w in ["peace"]), phrases=(p for p in ["a b"]))
    assert tok("peace a b") == ["a b"]
    assert tok("peace a b") == ["a b"]


def test_seed_text_tokens() -> None:
    text = (
        "the global political and socioeconomic consequences of the COVID-19 pandemic "
        "involve serious risks; mankind\u2019s peaceful development"
    )
    assert tokenize(text) == [
        "global",
        "political",
        "socioeconomic",
        "consequences",
        "covid-19",
        "pandemic",
        "involve",
        "risks",
        "mankind",
        "peaceful",
        "development",
    ]


# -- consistency properties ----------------------------------------------------------------
ALPHABET = "abcsST019 -'\u2019\u2013\u2011&.,_\u0130\u00e9\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_tokenize_agrees_with_word_spans(text: str) -> None:
    spans = word_spans(text)
    assert tokenize(text, stop_words=None) == [t for t, _, _ in spans]
    for token, start, end in spans:
        assert 0 <= start < end <= len(text)
        assert len(token) >= 1
    # the case-keeping path finds the same tokens
    assert [t.lower() for t in tokenize(text, stop_words=None, lowercase=False)] == [
        t.lower()
        for t in (
            text[s:e].replace("\u2019", "'").replace("\u2013", "-").replace("\u2011", "-")
            for _, s, e in spans
        )
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=4),
    st.sampled_from([(1, 1), (1, 2)]),
    st.booleans(),
    st.booleans(),
)
def test_term_counts_agree_with_terms(
    texts: list[str], ngram_range: tuple[int, int], stem: bool, phrase: bool
) -> None:
    tok = Tokenizer(
        stop_words=["a", "s"], stem=stem, ngram_range=ngram_range, phrases=["b c"] if phrase else ()
    )
    terms, words = tok.terms_and_words(texts)
    counts, words2 = tok.term_counts(texts)
    assert counts == Counter(terms)
    assert words == words2 == sum(len(word_spans(t)) for t in texts)


def test_dotted_capital_i() -> None:
    assert tokenize("\u0130stanbul", stop_words=None) == ["istanbul"]
    assert word_spans("\u0130stanbul") == [("istanbul", 0, 8)]


def test_fold_spelling_before_stemming_and_in_phrases() -> None:
    text = "Organisations and organizations of the programme, the program"
    assert tokenize(text, stop_words=None, fold_spelling=True) == [
        "organizations",
        "and",
        "organizations",
        "of",
        "the",
        "program",
        "the",
        "program",
    ]
    assert tokenize(
        "organisation organization", stop_words=None, stem=True, fold_spelling=True
    ) == [
        "organ",
        "organ",
    ]
    assert tokenize(
        "Regional organisation", phrases=["regional organisation"], fold_spelling=True
    ) == ["regional organization"]
    tok = Tokenizer(stop_words=None, fold_spelling=True)
    assert tok.term_counts([text]) == (Counter(tok(text)), 8)
    with pytest.raises(OptionError, match="fold_spelling='yes'"):
        Tokenizer(fold_spelling="yes")  # type: ignore[arg-type]
