"""The corpus cache: reused when nothing changed, re-made for exactly what changed."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import sco_text as st
import sco_text._docwork as docwork
from sco_text import cache as cache_module
from sco_text.cache import CacheWarning, default_cache_dir, resolve_cache_dir
from sco_text.errors import OptionError

WRAPPED = [
    "The member states agreed on a plan for regional trade and for the",
    "development of transport links across the region and beyond its",
    "borders, and they noted that the zor-",
    "bify programme had started well in the",
    "past year and would continue to grow in",
    "the coming years with new partners joining.",
]


def _write(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three small documents in a folder of their own."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, "2020-05-01_Moscow_Statement.txt", "Statement on trade", "\n".join(WRAPPED))
    _write(
        folder,
        "2021-06-02_Dushanbe_Statement.txt",
        "Statement on security",
        "The member states support peace.\n\nThey oppose “terrorism” – in all its forms.",
    )
    _write(folder, "2022-07-03_Samarkand_Statement.txt", "Statement on energy", "Energy ties grow.")
    return folder


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the documents normalised afresh (the cache was not used for them)."""
    calls: list[int] = []
    real: Callable[..., Any] = docwork.normalize

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(docwork, "normalize", counting)
    return calls


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(st.repairs(a), st.repairs(b))


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.parquet"))


def test_reload_is_identical_and_normalises_nothing(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    cache = tmp_path / "cache"
    fresh = st.load_corpus(corpus, cache=False)
    assert len(made) == 3
    first = st.load_corpus(corpus, cache=cache)
    assert len(made) == 6 and _cache_files(cache)
    again = st.load_corpus(corpus, cache=cache)
    assert len(made) == 6  # nothing normalised
    _same(fresh, first)
    _same(fresh, again)
    # repairs survive the cache (curly quotes and the dash in the second document)
    rules = set(st.repairs(again)["rule"])
    assert {"curly-quote", "unicode-dash"} <= rules


def test_a_changed_file_is_remade_and_only_that_one(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    cache = tmp_path / "cache"
    st.load_corpus(corpus, cache=cache)
    _write(corpus, "2022-07-03_Samarkand_Statement.txt", "Statement on energy", "Oil ties grow.")
    before = len(made)
    frame = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 1
    assert "Oil ties grow." in set(frame["text"])
    _same(frame, st.load_corpus(corpus, cache=False))


def test_an_added_file_is_read_and_a_removed_one_is_gone(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    cache = tmp_path / "cache"
    st.load_corpus(corpus, cache=cache)
    _write(corpus, "2023-07-04_Delhi_Statement.txt", "Statement on health", "Health matters.")
    before = len(made)
    frame = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 1
    assert frame["doc_id"].nunique() == 4
    (corpus / "2021-06-02_Dushanbe_Statement.txt").unlink()
    before = len(made)
    frame = st.load_corpus(corpus, cache=cache)
    assert len(made) == before
    _same(frame, st.load_corpus(corpus, cache=False))


def test_an_entry_is_remade_when_the_corpus_words_it_used_change(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    # "zor-/bify" keeps its hyphen while another document writes "zor-bify"
    cache = tmp_path / "cache"
    other = _write(corpus, "2019-01-01_Beijing_Statement.txt", "Plans", "The zor-bify plan.")
    frame = st.load_corpus(corpus, cache=cache)
    assert frame["text"].str.contains("zor-bify programme").any()
    # an unrelated change elsewhere: the entry's questions get the same answers, kept
    _write(corpus, "2022-07-03_Samarkand_Statement.txt", "Statement on energy", "Oil ties.")
    before = len(made)
    st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 1
    # the evidence goes: the entry that relied on it is re-made
    other.unlink()
    before = len(made)
    frame = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 1
    assert frame["text"].str.contains("zorbify programme").any()
    _same(frame, st.load_corpus(corpus, cache=False))


def test_a_new_library_version_does_not_reuse_entries(
    corpus: Path, tmp_path: Path, made: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    st.load_corpus(corpus, cache=cache)
    monkeypatch.setattr(cache_module, "library_fingerprint", lambda: "9.9-other")
    before = len(made)
    st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 3


@pytest.mark.parametrize(
    "content",
    [b"", b"PAR1 not really parquet", b"\x00\x01binary junk" * 50],
    ids=["empty", "truncated", "junk"],
)
def test_a_corrupt_cache_file_is_ignored_with_a_warning(
    corpus: Path, tmp_path: Path, made: list[int], content: bytes
) -> None:
    cache = tmp_path / "cache"
    fresh = st.load_corpus(corpus, cache=cache)
    (segment,) = _cache_files(cache)
    segment.write_bytes(content)
    before = len(made)
    with pytest.warns(CacheWarning, match="ignored"):
        frame = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 3
    _same(fresh, frame)


def test_a_foreign_parquet_file_is_ignored_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = st.load_corpus(corpus, cache=cache)
    (segment,) = _cache_files(cache)
    pd.DataFrame({"key": ["x"], "text": ["not ours"]}).to_parquet(segment.parent / "other.parquet")
    (segment.parent / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.warns(CacheWarning) as caught:
        frame = st.load_corpus(corpus, cache=cache)
    messages = " ".join(str(w.message) for w in caught)
    assert "other.parquet" in messages and "notes.txt" in messages
    _same(fresh, frame)


def test_the_cache_is_on_by_default_in_the_user_cache_folder(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    assert default_cache_dir() == xdg / "sco-text"
    listing = sorted(p.name for p in corpus.iterdir())
    st.load_corpus(corpus)
    assert _cache_files(xdg / "sco-text")
    assert sorted(p.name for p in corpus.iterdir()) == listing  # nothing beside the inputs


def test_the_environment_variable_moves_or_switches_off_the_cache(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("SCO_TEXT_CACHE", str(elsewhere))
    st.load_corpus(corpus)
    assert _cache_files(elsewhere) and not xdg.exists()
    monkeypatch.setenv("SCO_TEXT_CACHE", "off")
    assert resolve_cache_dir() is None
    other = tmp_path / "other"
    assert resolve_cache_dir(other) == other  # the argument wins over the variable


def test_cache_false_writes_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    st.load_corpus(corpus, cache=False)
    assert not xdg.exists()


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/folder")  # the XDG spec says: ignore it
    assert default_cache_dir() == Path.home() / ".cache" / "sco-text"


def test_bad_cache_and_workers_options_are_refused(corpus: Path) -> None:
    with pytest.raises(OptionError, match="cache=3"):
        st.load_corpus(corpus, cache=3)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="workers=0"):
        st.load_corpus(corpus, workers=0)


def test_segments_are_merged_past_the_limit(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setattr(cache_module, "MAX_SEGMENTS", 2)
    for n in range(3):  # each load adds one file, so one new segment
        _write(corpus, f"2023-0{n + 1}-01_Delhi_Note.txt", f"Note {n}", f"Point {n}.")
        st.load_corpus(corpus, cache=cache)
        assert len(_cache_files(cache)) <= 2
    assert len(_cache_files(cache)) == 1  # the third load went past the limit: one segment
    _same(st.load_corpus(corpus, cache=cache), st.load_corpus(corpus, cache=False))


def test_an_unwritable_cache_folder_warns_and_still_loads(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.warns(CacheWarning, match="could not write"):
        frame = st.load_corpus(corpus, cache=blocker / "sub")
    assert frame["doc_id"].nunique() == 3


def test_a_pool_of_workers_gives_the_same_frame(corpus: Path) -> None:
    one = st.load_corpus(corpus, cache=False, workers=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        two = st.load_corpus(corpus, cache=False, workers=2)
    _same(one, two)


def test_a_pool_reports_bad_files_in_path_order(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, "2020-05-01_Moscow_Statement.txt", "Statement", "Peace.")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.warns(UserWarning) as caught:
        frame = st.load_corpus(folder, cache=False, workers=2, errors="warn")
    names = [Path(str(w.message).split(": ")[1]).name for w in caught]
    assert names == ["b.txt", "c.txt"]
    assert frame["doc_id"].nunique() == 1
    with pytest.raises(st.CorpusError, match=r"b\.txt"):
        st.load_corpus(folder, cache=False, workers=2)


def test_the_pool_threshold_boundary(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    from sco_text import corpus as corpus_module

    paths = sorted(str(p) for p in corpus.iterdir())
    size = sum(os.stat(p).st_size for p in paths)
    monkeypatch.setattr(corpus_module, "default_workers", lambda: 2)
    monkeypatch.setattr(corpus_module, "POOL_MIN_BYTES", size)
    assert corpus_module._Maker(paths, None, paths).workers == 2
    monkeypatch.setattr(corpus_module, "POOL_MIN_BYTES", size + 1)
    assert corpus_module._Maker(paths, None, paths).workers == 1


# -- whole frames -----------------------------------------------------------------------------
def _frame_files(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.feather"))


def test_a_reload_reads_the_stored_frame_not_the_segments(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = st.load_corpus(corpus, cache=cache)
    assert [p.name.split(".", 1)[1] for p in _frame_files(cache)] == [
        "frame.feather",
        "repairs.feather",
    ]
    segments_read: list[Path] = []
    real = cache_module.CorpusCache._read
    monkeypatch.setattr(
        cache_module.CorpusCache,
        "_read",
        staticmethod(lambda path: segments_read.append(path) or real(path)),
    )
    again = st.load_corpus(corpus, cache=cache)
    assert segments_read == []
    _same(fresh, again)
    assert st.raw_text(again).tolist() == st.raw_text(fresh).tolist()
    with_raw = st.load_corpus(corpus, cache=cache, raw=True)  # another frame: built afresh
    assert "raw" in with_raw.columns and segments_read
    pd.testing.assert_frame_equal(with_raw.drop(columns="raw"), fresh)


def test_a_changed_sidecar_is_not_served_from_a_stored_frame(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    st.load_corpus(corpus, cache=cache)
    sidecar = corpus / "2022-07-03_Samarkand_Statement.meta.yaml"
    sidecar.write_text("place: Tashkent\n", encoding="utf-8")
    frame = st.load_corpus(corpus, cache=cache)
    assert "Tashkent" in frame["place"].tolist()
    sidecar.write_text("place: Bishkek\n", encoding="utf-8")
    frame = st.load_corpus(corpus, cache=cache)
    assert "Bishkek" in frame["place"].tolist() and "Tashkent" not in frame["place"].tolist()
    _same(frame, st.load_corpus(corpus, cache=False))


def test_problems_are_reported_again_from_a_stored_frame(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (corpus / "junk.txt").write_bytes(b"\x00\x01binary" * 20)
    with pytest.warns(UserWarning, match=r"junk\.txt: binary"):
        first = st.load_corpus(corpus, cache=cache, errors="warn")
    with pytest.warns(UserWarning, match=r"junk\.txt: binary"):
        again = st.load_corpus(corpus, cache=cache, errors="warn")
    _same(first, again)
    with pytest.raises(st.CorpusError, match=r"junk\.txt"):
        st.load_corpus(corpus, cache=cache)


def test_a_corrupt_or_stale_stored_frame_is_not_trusted(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    cache = tmp_path / "cache"
    fresh = st.load_corpus(corpus, cache=cache)
    frame_file = next(p for p in _frame_files(cache) if ".frame." in p.name)
    frame_file.write_bytes(b"ARROW1 not really")
    before = len(made)
    with pytest.warns(CacheWarning, match="ignored"):
        again = st.load_corpus(corpus, cache=cache)
    assert len(made) == before  # the segments served it
    _same(fresh, again)
    # a segment changed behind the stored frame's back: the segments are read and checked
    (segment,) = _cache_files(cache)
    segment.write_bytes(b"PAR1 not really parquet")
    with pytest.warns(CacheWarning, match="ignored"):
        again = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 3
    _same(fresh, again)
