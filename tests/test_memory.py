from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

import sco_text.corpus as corpus_module
from sco_text import _memory
from sco_text._memory import release_freed_memory


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_glibc_trim_is_found() -> None:
    assert _memory._malloc_trim() is not None


def test_release_freed_memory_keeps_what_is_in_use() -> None:
    data = [bytes(1000) for _ in range(10_000)]
    del data[::2]
    release_freed_memory()
    assert len(data) == 5000 and all(b == bytes(1000) for b in data)


def test_load_corpus_releases_freed_memory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A declaration.\n\nIts one paragraph.\n", encoding="utf-8")
    calls: list[None] = []
    monkeypatch.setattr(corpus_module, "release_freed_memory", lambda: calls.append(None))
    frame = corpus_module.load_corpus(tmp_path, cache=False)
    assert len(frame) >= 1 and calls == [None]
