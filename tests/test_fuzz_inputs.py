"""Fuzzing the readers and the corpus (issue 14): mutated real documents and random bytes
in every supported format (.txt, .md, .html, .pdf) either load or fail with the library's
own error (:class:`sco_text.SCOTextError`); nothing else ever comes out.

The documents are made here from the Moscow seed (a few paragraphs, so that one example
stays well under a second). Bounds: each test runs :data:`FUZZ_EXAMPLES` examples, from a
fixed seed (``derandomize``: the same inputs on every run, so CI never fails by chance),
with no example database written; no per-example deadline, because the time cap is the
``hostile`` marker's (``conftest.py``), together with its memory cap.
"""

from __future__ import annotations

import contextlib
import html
import warnings
from pathlib import Path

import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_builders import make_pdf, typeset_pdf

import sco_text
from sco_text.errors import SCOTextError

pytestmark = pytest.mark.hostile

#: Examples per fuzz test.
FUZZ_EXAMPLES = 20
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _paragraphs() -> list[str]:
    blocks = [" ".join(b.split()) for b in SEED.read_text(encoding="utf-8").split("\n\n")]
    return [b for b in blocks if b][:8]


def _documents() -> dict[str, list[bytes]]:
    paras = _paragraphs()
    title, body = paras[0], paras[1:]
    text = "\n\n".join(paras).encode("utf-8")
    markdown = (
        f"# {title}\n\n## Preamble\n\n"
        + "\n\n".join(f"*{p[:40]}* [{p[40:60]}](http://x) {p[60:]}" for p in body)
        + "\n"
    ).encode("utf-8")
    page = (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in body)
        + "<svg><text>x</text></svg><script>var a = '<p>';</script></body></html>"
    ).encode("utf-8")
    plain = [p.encode("latin-1", "replace").decode("latin-1") for p in paras]
    lines = [p[i : i + 80] for p in plain for i in range(0, len(p), 80)]
    pdfs = [
        make_pdf([lines[:30], lines[30:60]]),
        typeset_pdf([("title", plain[0]), *(("para", p) for p in plain[1:])]),
    ]
    return {".txt": [text], ".md": [markdown], ".html": [page], ".pdf": pdfs}


DOCUMENTS = _documents()

# one mutation: (kind, where as a fraction of the length, length, bytes)
MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate"]),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=1, max_value=64),
    st.binary(min_size=1, max_size=16),
)


def _mutate(data: bytes, mutations: list[tuple[str, float, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, length, payload in mutations:
        at = int(where * len(out))
        if kind == "flip" and out:
            for k, byte in enumerate(payload):
                out[(at + k) % len(out)] ^= byte or 0xFF
        elif kind == "insert":
            out[at:at] = payload * max(1, length // len(payload))
        elif kind == "delete":
            del out[at : at + length]
        elif kind == "duplicate":
            out[at:at] = out[at : at + length * 16]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


def _outcome(folder: Path, suffix: str, data: bytes) -> None:
    """Load one file; only a frame or the library's own error may come out."""
    path = folder / f"2020-moscow-declaration{suffix}"
    path.write_bytes(data)
    try:
        frame = sco_text.load_corpus([path], cache=False, workers=1)
    except SCOTextError:
        return
    if len(frame):
        sco_text.documents(frame)  # sentences, word counts: must cope with what was read
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # "warn" only ever warns
        with contextlib.suppress(UserWarning):
            sco_text.load_corpus([path], cache=False, workers=1, errors="warn")


@pytest.mark.timeout(600)
@pytest.mark.parametrize("suffix", sorted(DOCUMENTS))
def test_mutated_documents_load_or_raise_the_library_error(tmp_path: Path, suffix: str) -> None:
    @FUZZ
    @given(
        base=st.sampled_from(DOCUMENTS[suffix]),
        mutations=st.lists(MUTATION, min_size=1, max_size=6),
    )
    def check(base: bytes, mutations: list[tuple[str, float, int, bytes]]) -> None:
        _outcome(tmp_path, suffix, _mutate(base, mutations))

    check()


#: Beginnings that lead each reader past its first checks (a format's magic, a BOM).
PREFIXES = [b"", b"%PDF-1.7\n", b"\xef\xbb\xbf", b"\xff\xfe", b"<!DOCTYPE html><html>", b"# "]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("suffix", sorted(DOCUMENTS))
def test_random_bytes_load_or_raise_the_library_error(tmp_path: Path, suffix: str) -> None:
    @FUZZ
    @given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=4_000))
    def check(prefix: bytes, data: bytes) -> None:
        _outcome(tmp_path, suffix, prefix + data)

    check()


def test_the_fuzz_documents_are_read_when_left_whole(tmp_path: Path) -> None:
    # the mutations start from documents that load: the fuzzing is not of garbage only
    for suffix, bases in DOCUMENTS.items():
        for number, data in enumerate(bases):
            path = tmp_path / f"2020-moscow-declaration-{number}{suffix}"
            path.write_bytes(data)
            frame = sco_text.load_corpus([path], cache=False)
            assert len(frame) >= 3, suffix
