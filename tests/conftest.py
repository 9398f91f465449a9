"""Shared test helpers: where things are, and corpus frames built by hand.

Test modules import these names (``from conftest import make_frame, SHARED``); the
``tests`` folder is on the import path (``pythonpath`` in ``pyproject.toml``).

The shared corpora (``../shared/corpora`` beside the checkout) are never copied into the
repository: tests that read them skip when the folder is absent.

Caps, so that a regression fails instead of hanging CI: every test has a time cap
(pytest-timeout, ``timeout`` in ``pyproject.toml``); tests marked
``@pytest.mark.hostile`` (crafted or fuzzed input) get a tighter one,
:data:`HOSTILE_TIME_CAP` seconds (unless they set ``@pytest.mark.timeout``
themselves), and a memory cap: the process may grow by at most
:data:`HOSTILE_MEMORY_HEADROOM` bytes of address space while the test runs
(``RLIMIT_AS``, where the platform has it), so a reader that tries to swallow
``/dev/zero`` raises ``MemoryError`` at once.

No test touches the user's sco-text cache: the whole session (doctests included) runs
with ``XDG_CACHE_HOME`` in a temporary folder and ``SCO_TEXT_CACHE`` unset, and every test
gets an empty cache folder of its own (the autouse fixture ``private_cache``).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from seed_facts import SEED_SECTIONS

from sco_text.corpus import FRAME_COLUMNS

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

# --- a private sco-text cache ----------------------------------------------------------
# The doctests (and anything else outside a test) cache into a temporary folder: set when
# pytest imports this module, before it collects anything.
_SESSION_CACHE = tempfile.TemporaryDirectory(prefix="sco-text-test-cache-")
os.environ["XDG_CACHE_HOME"] = _SESSION_CACHE.name
os.environ.pop("SCO_TEXT_CACHE", None)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty cache folder for each test (the user's cache is never read or written)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("SCO_TEXT_CACHE", raising=False)
    return folder


# --- where things are ------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[1]  # the checkout
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SEED = ROOT / "sco_text" / "data" / "seed" / "000_cac1e25885f983c0.txt"  # the Moscow seed
SHARED = ROOT.parent / "shared"  # beside the checkout; may be absent
CORPORA = SHARED / "corpora"
SCO = CORPORA / "sco"  # twelve SCO documents
UNGDC = CORPORA / "ungdc-sample"  # UN General Debate speeches, one folder per session
UNGDC_2020 = UNGDC / "Session_75_-_2020"

# --- corpus frames by hand -------------------------------------------------------------
#: The value every row gets when a test does not say otherwise; a callable is given the
#: row's doc_id.  Columns of the frame not listed here (new metadata) default to "".
DEFAULTS: dict[str, Any] = {
    "title": lambda doc_id: f"Title {doc_id}",
    "date": "2020-11-10",
    "place": "Moscow",
    "kind": "declaration",
    "source": lambda doc_id: f"{doc_id}.txt",
    "date_precision": "day",
    "series": "declaration",  # the default kind's series (sco_text.metadata.make_series)
}

Row = tuple[Any, ...]


def _rows(docs: Mapping[str, Sequence[Any]] | Sequence[Row]) -> list[tuple[str, str, int, str]]:
    """(doc_id, section, para_no, text) for every paragraph; para_no counted per document
    unless given."""
    if isinstance(docs, Mapping):
        flat: list[Row] = []
        for doc_id, paragraphs in docs.items():
            for paragraph in paragraphs:
                if isinstance(paragraph, str):
                    flat.append((doc_id, paragraph))
                else:
                    flat.append((doc_id, *paragraph))
        rows: Sequence[Row] = flat
    else:
        rows = docs
    out = []
    counters: dict[str, int] = {}
    for row in rows:
        if len(row) == 2:
            (doc_id, text), section, para_no = row, "Preamble", None
        elif len(row) == 3:
            (doc_id, section, text), para_no = row, None
        elif len(row) == 4:
            doc_id, section, para_no, text = row
        else:
            raise ValueError(f"a row is (doc_id, [section, [para_no,]] text), not {row!r}")
        if para_no is None:
            para_no = counters.get(doc_id, 0)
        counters[doc_id] = para_no + 1
        out.append((doc_id, section, para_no, text))
    return out


def make_frame(docs: Mapping[str, Sequence[Any]] | Sequence[Row], **columns: Any) -> pd.DataFrame:
    """A corpus frame (``FRAME_COLUMNS``, in order and with their dtypes) built by hand.

    ``docs`` is either a list of rows ``(doc_id, text)``, ``(doc_id, section, text)`` or
    ``(doc_id, section, para_no, text)``, or a mapping ``{doc_id: [(section, text) or
    text, ...]}``.  The section defaults to ``Preamble`` and ``para_no`` counts from 0 in
    each document.  Every other column takes a keyword: one value for all rows, or a
    mapping ``{doc_id: value}`` (documents it does not name get the default).

    >>> make_frame([("a", "Peace."), ("a", "Trade.")], place={"a": "Astana"})[
    ...     ["doc_id", "section", "para_no", "place"]
    ... ].values.tolist()
    [['a', 'Preamble', 0, 'Astana'], ['a', 'Preamble', 1, 'Astana']]
    """
    unknown = set(columns) - set(FRAME_COLUMNS)
    if unknown:
        raise ValueError(f"not frame columns: {sorted(unknown)}")
    rows = _rows(docs)
    data: dict[str, list[Any]] = {
        "doc_id": [r[0] for r in rows],
        "section": [r[1] for r in rows],
        "para_no": [r[2] for r in rows],
        "text": [r[3] for r in rows],
        "raw": [r[3] for r in rows],
    }
    for column in FRAME_COLUMNS:
        if column in data and column not in columns:
            continue
        value = columns.get(column, DEFAULTS.get(column, ""))
        default = DEFAULTS.get(column, "")
        values = []
        for doc_id in data["doc_id"]:
            v = value.get(doc_id, default) if isinstance(value, Mapping) else value
            values.append(v(doc_id) if callable(v) else v)
        data[column] = values
    frame = pd.DataFrame({column: data[column] for column in FRAME_COLUMNS})
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["para_no"] = frame["para_no"].astype("int64")
    return frame


def seed_frame() -> pd.DataFrame:
    """The Moscow Declaration seed parsed by hand: 124 body paragraphs, 7 sections.

    Paragraphs are separated by a blank line (or start on a line indented by a space); a
    block after a page break (several blank lines) that continues a cut sentence is joined
    to the previous one.  The title (first block) and the signature line ("Prime
    Minister") are not body paragraphs.  ``text`` has its whitespace collapsed, ``raw``
    keeps the lines.
    """
    headings = tuple(SEED_SECTIONS[1:])
    pieces = re.split(r"(\n\s*\n)", SEED.read_text(encoding="utf-8"))
    paras: list[str] = []
    page_break = False
    for k, piece in enumerate(pieces):
        if k % 2:  # a separator: 3+ line breaks mark a page break of the PDF
            page_break = piece.count("\n") >= 3
            continue
        # A line indented by a space starts a new paragraph inside a block.
        for n, block in enumerate(re.split(r"\n(?= \S)", piece)):
            block = block.strip()
            if not block or block == "Prime Minister":
                continue
            joins = (
                n == 0
                and page_break
                and paras
                and paras[-1] not in headings
                and (not paras[-1].endswith((".", ")")) or block[0].islower())
            )
            if joins:
                paras[-1] = paras[-1] + "\n" + block
            else:
                paras.append(block)
    rows = []
    raw = []
    section = "Preamble"
    for para in paras[1:]:  # paras[0] is the title
        if para in headings:
            section = para
            continue
        rows.append(("2020-moscow-declaration", section, " ".join(para.split())))
        raw.append(para)
    frame = make_frame(rows, title="2020-moscow-declaration", place="")
    frame["raw"] = raw
    return frame


def ungdc_frame(*codes: str) -> pd.DataFrame:
    """UN General Debate 2020 speeches by country code, one paragraph per non-empty line."""
    rows = []
    raw = []
    for code in codes:
        path = UNGDC_2020 / f"{code}_75_2020.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append((code, " ".join(line.split())))
                raw.append(line.strip())
    frame = make_frame(rows, title=lambda doc_id: doc_id, place="")
    frame["raw"] = raw
    return frame


# --- time and memory caps ---------------------------------------------------------------
#: Seconds a hostile-input test may run.
HOSTILE_TIME_CAP = 120
#: Bytes of address space a hostile-input test may add to the process.
HOSTILE_MEMORY_HEADROOM = 3 * 1024**3


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "hostile: crafted or fuzzed input; runs under a tighter time and memory cap"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("hostile") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(HOSTILE_TIME_CAP))


def _address_space() -> int | None:
    """The process's current virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * resource.getpagesize()


@pytest.fixture(autouse=True)
def _memory_cap(request: pytest.FixtureRequest) -> Iterator[None]:
    current = _address_space() if resource is not None else None
    if current is None or request.node.get_closest_marker("hostile") is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + HOSTILE_MEMORY_HEADROOM
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
