"""Tests for sco_text.scale: the corpus on Dask gives the frame and the numbers of pandas.

Run on a ``distributed.LocalCluster`` of two worker processes (started once for the
module), so every function and object the workers get is pickled as on a real cluster.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import ROOT, UNGDC

import sco_text as st
from sco_text import scale
from sco_text.errors import CorpusError, FrameError, MissingExtraError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

#: A subset of the UN sample: enough documents for several partitions, quick in CI.
N_UN_FILES = 40


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def un_files() -> list[Path]:
    if not UNGDC.is_dir():
        pytest.skip("the shared UN sample is absent")
    files = sorted(UNGDC.rglob("*.txt"))
    files = [f for f in files if "readme" not in f.name.lower()]
    # every sixth speech: several sessions, so dates and groups differ across partitions
    return files[::6][:N_UN_FILES]


@pytest.fixture(scope="module")
def un_pair(client: Any, un_files: list[Path]) -> tuple[Any, pd.DataFrame]:
    parts = scale.load_corpus_dask(un_files, npartitions=4).persist()
    return parts, st.load_corpus(un_files, cache=False)


# -- importing and the extra -----------------------------------------------------------------
def test_import_sco_text_does_not_import_dask() -> None:
    code = "import sys, sco_text; print('dask' in sys.modules, 'distributed' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["False", "False"]


def test_without_dask_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'sco-text\[dask\]'"):
        scale.load_corpus_dask(ROOT / "sco_text" / "data" / "seed")
    with pytest.raises(ImportError):  # and it is an ImportError for those who catch that
        scale.require_dask("x")


def test_functions_without_dask_support_name_compute(un_pair: tuple[Any, pd.DataFrame]) -> None:
    parts, _ = un_pair
    with pytest.raises(FrameError, match=r"compute\(\)"):
        st.kwic(parts, "peace")
    with pytest.raises(FrameError, match="Dask"):
        st.keyness(parts, target="x")


# -- the frame -------------------------------------------------------------------------------
def test_frame_equals_load_corpus(un_pair: tuple[Any, pd.DataFrame], un_files: list) -> None:
    parts, frame = un_pair
    assert parts.npartitions == 4 and parts.known_divisions
    assert dict(parts.dtypes) == dict(frame.dtypes)
    pd.testing.assert_frame_equal(parts.compute(), frame)
    # each document's rows in one partition, partitions in the frame's order
    pieces = dask.compute(*parts.to_delayed())
    ids = [piece["doc_id"].unique().tolist() for piece in pieces]
    flat = [d for part in ids for d in part]
    assert flat == list(dict.fromkeys(frame["doc_id"])) and len(ids) == 4
    # each partition carries its documents' repairs
    pd.testing.assert_frame_equal(
        pd.concat([st.repairs(piece) for piece in pieces], ignore_index=True),
        st.repairs(frame),
    )


def test_vocabulary_spans_partitions(client: Any, tmp_path: Path) -> None:
    """Hyphen repair asks the corpus vocabulary: a word of one partition decides a line
    break of another, as in load_corpus."""
    (tmp_path / "a.txt").write_text(
        "Joint Statement on Water\n\nThe parties agreed to build a water-\nsmart network "
        "across the basin and to\nreview it each year.\n\nThey will meet again.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Declaration on Rivers\n\nThe waters mart in the capital is a watersmart place.\n\n"
        "It opens soon.\n"
    )
    parts = scale.load_corpus_dask(tmp_path, npartitions=2)
    frame = parts.compute()
    pd.testing.assert_frame_equal(frame, st.load_corpus(tmp_path, cache=False))
    assert "a watersmart network" in frame["text"].iloc[0]
    alone = scale.load_corpus_dask(tmp_path / "a.txt").compute()
    assert "a water-smart network" in alone["text"].iloc[0]


def good_doc(folder: Path, name: str, place: str = "Astana") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"{place} Declaration\n\n{place}, 4 July 2024\n\nThe member states met in {place}.\n\n"
        "They agreed to work together on trade and energy.\n"
    )
    return path


def test_bad_file_raises_and_warns_as_load_corpus(client: Any, tmp_path: Path) -> None:
    good_doc(tmp_path, "a.txt")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good_doc(tmp_path, "c.txt", "Bishkek")
    with pytest.raises(CorpusError, match="binary") as info:
        scale.load_corpus_dask(tmp_path, npartitions=3)
    assert info.value.path == str(bad)
    with pytest.warns(UserWarning, match="binary") as record:
        parts = scale.load_corpus_dask(tmp_path, npartitions=3, errors="warn")
    assert [str(bad) in str(w.message) for w in record] == [True]
    assert str(record[0].message).startswith("load_corpus_dask: ")
    with pytest.warns(UserWarning, match="binary"):
        expected = st.load_corpus(tmp_path, errors="warn", cache=False)
    pd.testing.assert_frame_equal(parts.compute(), expected)


def test_duplicate_doc_id_across_partitions(client: Any, tmp_path: Path) -> None:
    first = good_doc(tmp_path / "a", "x.txt")
    second = good_doc(tmp_path / "b", "x.txt")
    with pytest.raises(CorpusError, match="already used") as info:
        scale.load_corpus_dask(tmp_path, npartitions=2)
    assert info.value.path == str(second) and str(first) in str(info.value)
    with pytest.warns(UserWarning, match="already used"):
        parts = scale.load_corpus_dask(tmp_path, npartitions=2, errors="warn")
    assert parts.compute()["source"].unique().tolist() == [str(first)]


def test_broken_metadata_csv_told_once(client: Any, tmp_path: Path) -> None:
    good_doc(tmp_path, "a.txt")
    good_doc(tmp_path, "b.txt", "Bishkek")
    csv_path = tmp_path / "metadata.csv"
    csv_path.write_text("file,date\na.txt,31/31/2024\n")
    with pytest.raises(CorpusError, match="not a date") as info:
        scale.load_corpus_dask(tmp_path, npartitions=2)
    assert info.value.path == str(csv_path)
    with pytest.warns(UserWarning, match="metadata.csv") as record:
        parts = scale.load_corpus_dask(tmp_path, npartitions=2, errors="warn")
    assert len([w for w in record if "metadata.csv" in str(w.message)]) == 1
    with pytest.warns(UserWarning, match="metadata.csv"):
        expected = st.load_corpus(tmp_path, errors="warn", cache=False)
    pd.testing.assert_frame_equal(parts.compute(), expected)


def test_no_documents_gives_an_empty_frame(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parts = scale.load_corpus_dask(tmp_path)
    frame = parts.compute()
    assert len(frame) == 0 and list(frame.columns) == list(st.corpus.FRAME_COLUMNS)
    assert st.tfidf(parts).empty and st.keyword_frequency(parts).empty


def test_partition_bytes_boundary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(scale, "PARTITION_BYTES", 100)
    monkeypatch.setattr(scale, "_threads", lambda: 1)  # at least 2 partitions
    files = []
    for i in range(12):
        path = tmp_path / f"{i:02d}.txt"
        path.write_bytes(b"x" * 25)
        files.append((path, tmp_path))
    assert len(scale._shares(files, None)) == 3  # 300 bytes: 3 x PARTITION_BYTES
    files[0][0].write_bytes(b"x" * 26)
    assert len(scale._shares(files, None)) == 4  # one byte more
    shares = scale._shares(files, 5)
    assert [i for share in shares for i, _, _ in share] == list(range(12))  # path order


# -- the analyses ----------------------------------------------------------------------------
ANALYSES: list[tuple[str, dict[str, Any]]] = [
    ("keyword_frequency", {}),
    ("keyword_frequency", {"by": "date", "top": 20}),
    ("keyword_frequency", {"by": ["kind", "date"], "ngram_range": (1, 2), "top": 5}),
    ("keyword_frequency", {"by": "country", "terms": ["terror*", "peace", "climate change"]}),
    ("keyword_frequency", {"fold_spelling": True, "phrases": ["united nations"]}),
    ("tfidf", {}),
    ("tfidf", {"by": "date", "sublinear_tf": True, "min_df": 2, "top": 10}),
    ("tfidf", {"by": "series", "norm": None, "smooth_idf": False, "ngram_range": (2, 2)}),
    ("similarity", {}),
    ("distinctive_terms", {"by": "date"}),
    ("themes", {}),
    ("themes", {"by": "date"}),
    ("themes", {"by": ["kind", "country"]}),
]


@pytest.mark.parametrize(("name", "options"), ANALYSES)
def test_analysis_equals_pandas(
    un_pair: tuple[Any, pd.DataFrame], name: str, options: dict[str, Any]
) -> None:
    parts, frame = un_pair
    function = getattr(st, name)
    expected = function(frame, **options)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(function(parts, **options), expected, check_exact=True)


def test_counts_add_up_when_a_document_spans_partitions(client: Any) -> None:
    """docfreq counts a document once even when its rows sit in two partitions."""
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c"],
            "kind": ["x", "x", "x", "y", "y"],
            "date": pd.to_datetime(["2020-01-01"] * 4 + [None]),
            "section": ["S"] * 5,
            "para_no": [0, 1, 0, 1, 0],
            "text": ["Peace and trade.", "Peace again.", "Trade, energy.", "Energy.", "Peace."],
        }
    )
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' dtypes
        # a: rows in partitions 0 and 1; b: in 1 and 2
        parts = dd.concat([dd.from_pandas(frame.iloc[s], npartitions=1) for s in PIECES])
    assert parts.npartitions == 3
    for by in ("doc_id", "kind", "date", ["kind", "date"]):
        for name in ("keyword_frequency", "tfidf", "themes"):
            function = getattr(st, name)
            options = {"dictionary": {"peace": ["peace"], "econ": ["trade", "energy"]}}
            extra = options if name == "themes" else {}
            pd.testing.assert_frame_equal(
                function(parts, by=by, **extra), function(frame, by=by, **extra)
            )
    counted = st.keyword_frequency(parts, by="kind").set_index(["group", "term"])
    assert counted.loc[("x", "peace"), ["count", "docfreq"]].tolist() == [2, 1]
    assert counted.loc[("x", "trade"), ["count", "docfreq"]].tolist() == [2, 2]


PIECES = [slice(0, 1), slice(1, 3), slice(3, 5)]


# -- text reuse ------------------------------------------------------------------------------
def test_reuse_equals_pandas(un_pair: tuple[Any, pd.DataFrame]) -> None:
    parts, frame = un_pair
    expected = st.reuse(frame)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(st.reuse(parts), expected)
    pd.testing.assert_frame_equal(
        st.reuse(parts, min_words=8, max_docs=2), st.reuse(frame, min_words=8, max_docs=2)
    )


COMMON = "the parties will work together to protect the rivers and lakes of the region"


def test_reuse_across_partitions(client: Any) -> None:
    """Passages shared by documents of different partitions, a cluster of three."""
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "d"],
            "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2021-01-01", None, "2019-05-05"]),
            "para_no": [0, 1, 0, 0, 0],
            "text": [
                "First words here.",
                f"{COMMON.capitalize()}.",
                f"We agree: {COMMON} now.",
                f"Also {COMMON}, and more.",
                "Nothing in common with the others at all.",
            ],
        }
    )
    with dask.config.set({"dataframe.convert-string": False}):
        pieces = [frame.iloc[:2], frame.iloc[2:3], frame.iloc[3:]]
        parts = dd.concat([dd.from_pandas(piece, npartitions=1) for piece in pieces])
    assert parts.npartitions == 3
    expected = st.reuse(frame)
    assert expected["cluster_docs"].tolist() == [3, 3, 3]
    pd.testing.assert_frame_equal(st.reuse(parts), expected)


def test_reuse_needs_each_document_in_one_partition(client: Any) -> None:
    frame = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": [COMMON, COMMON, COMMON]})
    parts = dd.concat([dd.from_pandas(frame.iloc[s], npartitions=1) for s in PIECES[:2]])
    assert parts.npartitions == 2
    with pytest.raises(FrameError, match="'a' has rows in partitions 0 and 1"):
        st.reuse(parts)
