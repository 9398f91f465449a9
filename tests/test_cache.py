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


# -- the digest memo --------------------------------------------------------------------------
def _aged(path: Path) -> int:
    """A moment at which ``path``'s stat is old enough to be trusted (past the racy window)."""
    info = os.stat(path)
    return max(info.st_mtime_ns, info.st_ctime_ns) + cache_module.RACY_WINDOW_NS + 1


def test_the_memo_reads_an_unchanged_file_once(tmp_path: Path) -> None:
    file = _write(tmp_path, "a.txt", "Title", "Body.")
    memo_file = tmp_path / "cache" / "memo.arrow"
    first = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
    assert first.digest(file) == cache_module.file_digest(file) and first.hashed == 1
    first.save()
    again = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
    assert again.digest(file) == cache_module.file_digest(file) and again.hashed == 0
    assert again.digest(tmp_path / "missing.txt") is None


def test_the_racy_window_boundary(tmp_path: Path) -> None:
    file = _write(tmp_path, "a.txt", "Title", "Body.")
    info = os.stat(file)
    newest = max(info.st_mtime_ns, info.st_ctime_ns)
    memo_file = tmp_path / "memo.arrow"
    for now, rereads in ((newest + cache_module.RACY_WINDOW_NS, 1), (_aged(file), 0)):
        writer = cache_module.DigestMemo(memo_file, now_ns=now)
        writer.digest(file)
        writer.hashed = 1  # force a write with this stamp
        writer.save()
        reader = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
        reader.digest(file)
        assert reader.hashed == rereads


def _coarse(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
    """os.stat as on a file system with 1 s timestamps (mtime and ctime)."""

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real(path, *args, **kwargs)
        second = 10**9
        return os.stat_result(
            tuple(info),
            {
                "st_mtime_ns": info.st_mtime_ns // second * second,
                "st_ctime_ns": info.st_ctime_ns // second * second,
            },
        )

    return stat


def test_a_file_rewritten_with_the_same_size_and_mtime_in_the_racy_window_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file system whose timestamps are whole seconds: a rewrite within the same second
    # leaves size, mtime and ctime as they were; only the racy window protects the memo
    file = _write(tmp_path, "a.txt", "Title", "Body one.")
    memo_file = tmp_path / "memo.arrow"
    with monkeypatch.context() as patched:
        patched.setattr(os, "stat", _coarse(os.stat))
        before = os.stat(file)
        first = cache_module.DigestMemo(memo_file)
        old = first.digest(file)
        first.save()
        _write(tmp_path, "a.txt", "Title", "Body two.")
        after = os.stat(file)
        again = cache_module.DigestMemo(memo_file)
        new = again.digest(file)
    if (before.st_mtime_ns, before.st_ctime_ns) != (after.st_mtime_ns, after.st_ctime_ns):
        pytest.skip("the rewrite fell into the next second")  # pragma: no cover - rare
    assert new != old and new == cache_module.file_digest(file)


def test_a_file_changed_with_its_mtime_set_back_is_read_again(tmp_path: Path) -> None:
    file = _write(tmp_path, "a.txt", "Title", "Body one.")
    old_mtime = os.stat(file).st_mtime_ns
    memo_file = tmp_path / "memo.arrow"
    first = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
    old = first.digest(file)
    first.save()
    _write(tmp_path, "a.txt", "Title", "Body two.")  # same size
    os.utime(file, ns=(old_mtime, old_mtime))  # and the same mtime: the ctime moves
    # trusted by the clock (far past the racy window): only the stat can tell
    again = cache_module.DigestMemo(memo_file, now_ns=_aged(file) + 10**12)
    assert again.digest(file) == cache_module.file_digest(file) != old
    assert again.hashed == 1


def test_a_file_replaced_by_another_is_read_again(tmp_path: Path) -> None:
    file = _write(tmp_path, "a.txt", "Title", "Body one.")
    other = _write(tmp_path, "b.txt", "Title", "Body two.")
    info = os.stat(file)
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    memo_file = tmp_path / "memo.arrow"
    first = cache_module.DigestMemo(memo_file, now_ns=max(_aged(file), _aged(other)))
    old = first.digest(file)
    first.save()
    os.replace(other, file)  # same size, same mtime, another inode
    again = cache_module.DigestMemo(memo_file, now_ns=_aged(file) + 10**12)
    assert again.digest(file) == cache_module.file_digest(file) != old


@pytest.mark.parametrize(
    "content", [b"", b"ARROW1 junk", b"\x00" * 64], ids=["empty", "truncated", "junk"]
)
def test_a_corrupt_memo_is_ignored_with_a_warning(tmp_path: Path, content: bytes) -> None:
    file = _write(tmp_path, "a.txt", "Title", "Body.")
    memo_file = tmp_path / "memo.arrow"
    memo_file.write_bytes(content)
    with pytest.warns(CacheWarning, match="ignored"):
        memo = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
    assert memo.digest(file) == cache_module.file_digest(file) and memo.hashed == 1


def test_a_foreign_memo_is_ignored_with_a_warning(tmp_path: Path) -> None:
    from pyarrow import feather

    file = _write(tmp_path, "a.txt", "Title", "Body.")
    memo_file = tmp_path / "memo.arrow"
    feather.write_feather(pd.DataFrame({"path": [str(file)], "digest": ["0" * 40]}), memo_file)
    with pytest.warns(CacheWarning, match="ignored"):
        memo = cache_module.DigestMemo(memo_file, now_ns=_aged(file))
    assert memo.digest(file) == cache_module.file_digest(file)


def test_a_load_through_the_memo_sees_a_same_size_edit(
    corpus: Path, tmp_path: Path, made: list[int]
) -> None:
    cache = tmp_path / "cache"
    st.load_corpus(corpus, cache=cache)
    assert list(cache.rglob("memo.arrow"))
    path = corpus / "2022-07-03_Samarkand_Statement.txt"
    mtime = os.stat(path).st_mtime_ns
    _write(corpus, path.name, "Statement on energy", "Energy ties grew.")  # same size
    os.utime(path, ns=(mtime, mtime))
    before = len(made)
    frame = st.load_corpus(corpus, cache=cache)
    assert len(made) - before == 1 and "Energy ties grew." in set(frame["text"])
    _same(frame, st.load_corpus(corpus, cache=False))


def test_a_reloaded_frame_has_the_attrs_of_a_fresh_one(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK not for us")
    for folder in (corpus, empty):
        fresh = st.load_corpus(folder, cache=False)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no cache file ignored
            st.load_corpus(folder, cache=cache)
            again = st.load_corpus(folder, cache=cache)
        _same(fresh, again)
        for name in ("repairs", "sources"):
            pd.testing.assert_frame_equal(fresh.attrs[name], again.attrs[name])
