"""Hostile and unlucky input at the corpus level (issue 14): what load_corpus is given,
its per-file limits, links and folders it walks, the ids it makes.

Every input is made in the test; the ``hostile`` marker puts each test under the time
and memory caps of ``conftest.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import sco_text as st
from sco_text.errors import CorpusError, OptionError

pytestmark = pytest.mark.hostile

BODY = "Declaration of the Council\n\nThe member states support peace and cooperation.\n"


def _doc(folder: Path, name: str, body: str = BODY) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


# --- what load_corpus is given ---------------------------------------------------------
@pytest.mark.parametrize(
    "paths",
    [5, 2.5, [None], [5], b"corpus", bytearray(b"x"), [b"corpus"], "", "  ", [""], ["a.txt", ""]],
)
def test_what_is_not_a_path_is_an_option_error_listing_what_is_accepted(paths: object) -> None:
    with pytest.raises(OptionError, match=r"paths.*give None .*a path .*a list of paths"):
        st.load_corpus(paths, cache=False)  # type: ignore[arg-type]


def test_an_empty_path_never_reads_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OptionError, match="empty path"):
        st.load_corpus("", cache=False)
    assert st.load_corpus(".", cache=False)["doc_id"].nunique() == 1  # said explicitly


def test_a_list_a_tuple_and_path_objects_are_accepted(tmp_path: Path) -> None:
    path = _doc(tmp_path, "2020-moscow-declaration.txt")
    for given in ([path], (str(path),), path, str(path)):
        assert st.load_corpus(given, cache=False)["doc_id"].unique().tolist() == [
            "2020-moscow-declaration"
        ]
    assert st.load_corpus([], cache=False).empty


# --- the per-file size limit -------------------------------------------------------------
def test_load_corpus_refuses_a_file_over_max_bytes_and_the_limit_can_be_raised(
    tmp_path: Path,
) -> None:
    big = _doc(tmp_path, "2020-moscow-declaration.txt")
    _doc(tmp_path, "2021-dushanbe-declaration.txt", "Title\n\nShort text here.\n")
    size = big.stat().st_size
    with pytest.raises(CorpusError, match=r"too large .*max_bytes="):
        st.load_corpus([big], cache=False, max_bytes=size - 1)
    with pytest.warns(UserWarning, match="too large"):
        frame = st.load_corpus([tmp_path], cache=False, max_bytes=size - 1, errors="warn")
    assert frame["doc_id"].unique().tolist() == ["2021-dushanbe-declaration"]
    frame = st.load_corpus([tmp_path], cache=False, max_bytes=size)  # at the limit: read
    assert frame["doc_id"].nunique() == 2


def test_the_default_limit_is_documented_on_load_corpus() -> None:
    assert "max_bytes" in (st.load_corpus.__doc__ or "")
    assert "64 MiB" in (st.load_corpus.__doc__ or "")


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None])
def test_load_corpus_checks_max_bytes(tmp_path: Path, bad: object) -> None:
    with pytest.raises(OptionError, match="max_bytes="):
        st.load_corpus([_doc(tmp_path, "a.txt")], cache=False, max_bytes=bad)  # type: ignore[arg-type]


def test_an_entry_cached_under_a_raised_limit_does_not_pass_a_lower_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    big = _doc(corpus, "2020-moscow-declaration.txt")
    cache = tmp_path / "cache"
    size = big.stat().st_size
    assert len(st.load_corpus([corpus], cache=cache, max_bytes=size))
    with pytest.raises(CorpusError, match="too large"):
        st.load_corpus([corpus], cache=cache, max_bytes=size - 1)


@pytest.mark.timeout(240)
def test_the_limit_holds_in_a_pool_of_workers(tmp_path: Path) -> None:
    big = _doc(tmp_path, "2020-moscow-declaration.txt")
    _doc(tmp_path, "2021-dushanbe-declaration.txt", "Title\n\nShort text here.\n")
    with pytest.warns(UserWarning, match="too large"):
        frame = st.load_corpus(
            [tmp_path], cache=False, workers=2, max_bytes=big.stat().st_size - 1, errors="warn"
        )
    assert frame["doc_id"].unique().tolist() == ["2021-dushanbe-declaration"]


def test_warn_loads_the_rest_when_a_given_path_is_bad(tmp_path: Path) -> None:
    good = _doc(tmp_path, "2020-moscow-declaration.txt")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = st.load_corpus([tmp_path / "missing", good], cache=False, errors="warn")
    assert frame["doc_id"].nunique() == 1
    assert any("missing" in str(w.message) for w in caught)


def test_documents_copes_with_a_missing_text_like_tfidf() -> None:
    frame = st.load_corpus()
    frame = frame[frame["doc_id"] == "2020-moscow-declaration"].copy()
    frame["text"] = frame["text"].astype(object)
    frame.loc[frame.index[:2], "text"] = [None, float("nan")]
    docs = st.documents(frame)
    assert docs["n_paragraphs"].tolist() == [124]
    assert len(st.tfidf(frame, by="doc_id"))


def test_normalize_refuses_none_with_the_library_error() -> None:
    with pytest.raises(OptionError, match="takes the text as a str"):
        st.normalize(None)  # type: ignore[arg-type]
