"""The corpus cache: what each file became, stored in Parquet so a re-load skips the work.

:func:`sco_text.load_corpus` reads, normalises and describes every file once; the cache
keeps that result per document, so loading an unchanged corpus again only hashes the
files and reads the stored paragraphs (cheaper by far than normalising them).

Rules (the cache is never stale):

* An entry's key is a hash of the file's *content* (BLAKE2b of its bytes), its path, the
  options that change what a file becomes, and the library's fingerprint: its version
  plus a hash of its own code and data files (so an edited normaliser never reuses old
  results).  A changed, added or removed file is re-read, and only that one.
* Content digests are remembered by each file's stat (:class:`DigestMemo`: device, inode,
  size, mtime, ctime), so an unchanged file is not read again; a file whose timestamps
  were too recent to tell a later same-second edit apart (:data:`RACY_WINDOW_NS`) is
  read again, as is any file whose stat differs.
* The normaliser may use the words of the *whole* corpus as evidence (line-end hyphens).
  Each entry records the questions its document asked (``word in corpus words`` and the
  answer) and a fingerprint of the corpus it was made in; when the corpus has changed,
  an entry whose questions get another answer is re-made.
* Files that cannot be read, parsed or trusted (corrupt, truncated, another program's,
  another format version) are ignored with a :class:`CacheWarning`, never trusted.
* The cache never lives beside the inputs: it is in the user's cache directory
  (:func:`default_cache_dir`: ``$XDG_CACHE_HOME/sco-text`` or ``~/.cache/sco-text`` on
  Linux, ``~/Library/Caches/sco-text`` on macOS, ``%LOCALAPPDATA%\\sco-text\\Cache`` on
  Windows).  ``SCO_TEXT_CACHE`` overrides it: a folder, or ``off`` (also ``0``, ``false``,
  ``no``) to switch the cache off; ``load_corpus(cache=...)`` overrides both.

Layout: ``<cache dir>/v<FORMAT>/<library fingerprint>/<corpus location>/*.parquet``; each
Parquet file (a *segment*) holds one row per document, its paragraphs as list columns.
A load writes the documents it made afresh as one new segment; segments no longer used
by that corpus are removed, and many small ones are merged into one.

``digests/memo.arrow`` holds the remembered digests of the location's files.
Beside the segments, ``frames/`` keeps the last frame built for that location (Arrow
IPC, ``*.feather``), keyed on every file's entry key, the sidecars' contents and the
frame's options (:func:`frame_key`), and valid only while the segments are as they were
when it was written: re-loading an unchanged corpus reads that one frame (the problems
its load reported are reported again) instead of building it from the entries.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> resolve_cache_dir(folder) == Path(folder), resolve_cache_dir(False)
(True, None)
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import time
import uuid
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import OptionError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "CACHE_ENV",
    "FORMAT",
    "MAX_SEGMENTS",
    "RACY_WINDOW_NS",
    "CacheWarning",
    "CorpusCache",
    "DigestMemo",
    "DocEntry",
    "clear_cache",
    "default_cache_dir",
    "file_digest",
    "frame_key",
    "resolve_cache_dir",
]

#: Environment variable: a cache folder, or ``off``/``0``/``false``/``no``.
CACHE_ENV = "SCO_TEXT_CACHE"
#: Version of the on-disk layout; a change makes every older entry unused.
FORMAT = 1
#: More segments than this for one corpus are merged into one at the end of a load.
MAX_SEGMENTS = 8
_OFF = ("off", "0", "false", "no")
#: A remembered digest is trusted only for a file whose mtime and ctime were at least
#: this much older than the moment its stat was taken (racy timestamps, as in git: a file
#: rewritten within its timestamp's granularity keeps its size and mtime).  Covers
#: coarse file-system clocks (2 s on FAT, 1 s on HFS+ and some network shares).
RACY_WINDOW_NS = 2_000_000_000
_MAGIC = b"sco-text-cache"
_OBJECTS = b"object-columns"  # a stored frame's metadata: the columns of Python objects
_CHUNK = 1 << 20


def _check_ours(schema: Any) -> dict[bytes, bytes]:
    """The metadata of a cache file's Arrow ``schema``; ValueError unless this module
    wrote it in this format."""
    meta = dict(schema.metadata or {})
    if meta.get(_MAGIC) != str(FORMAT).encode():
        raise ValueError("not a sco-text cache file of this format")
    return meta


class CacheWarning(UserWarning):
    """A cache file was ignored (corrupt, foreign or unreadable) or could not be written."""


def _warn(message: str) -> None:
    warnings.warn(f"sco-text cache: {message}", CacheWarning, stacklevel=4)


# -- where ------------------------------------------------------------------------------------
def default_cache_dir() -> Path:
    """The user's cache folder for sco-text (rules in the module docstring).

    >>> default_cache_dir().name in ("sco-text", "Cache")
    True
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "sco-text" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "sco-text"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "sco-text"


def resolve_cache_dir(cache: bool | str | os.PathLike[str] | None = None) -> Path | None:
    """The cache folder to use, or None for no cache.

    ``cache``: ``None`` (default: ``SCO_TEXT_CACHE`` if set, else
    :func:`default_cache_dir`), ``True`` (the same), ``False`` (no cache) or a folder.

    >>> resolve_cache_dir("off") is None
    True
    >>> resolve_cache_dir(3)
    Traceback (most recent call last):
    ...
    sco_text.errors.OptionError: cache=3 is not allowed; give True, False, None or a folder
    """
    if cache is False:
        return None
    if cache is None or cache is True:
        env = os.environ.get(CACHE_ENV, "").strip()
        if env.lower() in _OFF:
            return None
        return Path(env).expanduser() if env else default_cache_dir()
    if isinstance(cache, (str, os.PathLike)) and not isinstance(cache, bool):
        text = os.fspath(cache)
        if isinstance(text, str) and text.strip().lower() in _OFF:
            return None
        return Path(text).expanduser()
    raise OptionError(f"cache={cache!r} is not allowed; give True, False, None or a folder")


def clear_cache(cache: bool | str | os.PathLike[str] | None = None) -> int:
    """Delete every cache file of sco-text in the cache folder; return how many.

    Only files this module writes are removed (``*.parquet``, ``*.feather`` and
    ``*.arrow`` under ``v*/``).
    """
    folder = resolve_cache_dir(cache)
    if folder is None:
        return 0
    removed = 0
    for version in folder.glob("v*"):
        for path in [
            *version.rglob("*.parquet"),
            *version.rglob("*.feather"),
            *version.rglob("*.arrow"),
        ]:
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


# -- keys -------------------------------------------------------------------------------------
def file_digest(path: str | os.PathLike[str]) -> str | None:
    """BLAKE2b digest (hex) of a file's bytes, or None when it cannot be read."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as handle:  # read-only, never written
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@lru_cache(maxsize=1)
def library_fingerprint() -> str:
    """The library version plus a hash of its code and data files (changes with any edit)."""
    from . import __version__

    package = os.path.dirname(os.path.realpath(__file__))
    files: list[tuple[list[str], str]] = []
    for folder, _, names in os.walk(package):
        parts = os.path.relpath(folder, package).split(os.sep)
        for name in names:
            if os.path.splitext(name)[1] in (".py", ".yaml", ".txt", ".tsv"):
                files.append(([*parts, name], os.path.join(folder, name)))
    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    for parts, path in sorted(files):
        with open(path, "rb") as handle:
            digest.update("/".join(parts).encode())
            digest.update(handle.read())
    return f"{__version__}-{digest.hexdigest()}"


def entry_key(path: str, digest: str, options: Mapping[str, Any]) -> str:
    """The key of one file's entry: content, path, options and library fingerprint."""
    payload = json.dumps(
        [FORMAT, library_fingerprint(), path, digest, dict(sorted(options.items()))],
        default=str,
    )
    return hashlib.blake2b(payload.encode(), digest_size=20).hexdigest()


def corpus_fingerprint(digests: Iterable[str | None]) -> str:
    """A hash of the sorted content digests of all files of one load."""
    joined = "\n".join(sorted(d or "-" for d in digests))
    return hashlib.blake2b(joined.encode(), digest_size=20).hexdigest()


def frame_key(entries: Sequence[tuple[str, str | None]], extra: Mapping[str, Any]) -> str:
    """The key of a whole frame: each file's (path, content digest) in load order, plus
    ``extra`` (the options of :func:`entry_key`, sidecar digests, frame options)."""
    payload = json.dumps(
        [FORMAT, library_fingerprint(), list(entries), dict(sorted(extra.items()))], default=str
    )
    return hashlib.blake2b(payload.encode(), digest_size=20).hexdigest()


def _location(roots: Iterable[str]) -> str:
    joined = "\n".join(sorted(set(roots)))
    return hashlib.blake2b(joined.encode(), digest_size=10).hexdigest()


# -- content digests remembered by stat ---------------------------------------------------------
#: What a remembered digest relies on: device, inode, size, mtime_ns, ctime_ns of the file.
_Signature = tuple[int, int, int, int, int]
_MEMO_COLUMNS = ("path", "dev", "ino", "size", "mtime_ns", "ctime_ns", "digest")


def _signature(info: os.stat_result) -> _Signature:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class DigestMemo:
    """Content digests (:func:`file_digest`) remembered by each file's stat, so a load
    reads only the files that changed.

    A remembered digest is used only when the file's device, inode, size, mtime and ctime
    are exactly as when it was hashed, and its mtime and ctime were then older than the
    moment the stats were taken by more than :data:`RACY_WINDOW_NS` (else the file is
    hashed again: it may have been rewritten within its timestamp's granularity).  The
    ctime (inode change time on POSIX, set by the system) catches an mtime set back by
    ``touch``/``os.utime``; the inode, a file replaced by another.  ``now_ns`` is that
    moment (default: the clock when the memo is made, before any stat).  The memo lives
    in the file ``path`` (Arrow IPC); a corrupt or foreign one is ignored with a
    :class:`CacheWarning`.

    >>> import tempfile
    >>> memo = DigestMemo(Path(tempfile.mkdtemp()) / "memo.arrow")
    >>> memo.digest(__file__) == file_digest(__file__), memo.hashed
    (True, 1)
    """

    def __init__(self, path: Path, *, now_ns: int | None = None) -> None:
        self.path = path
        self.stamp = time.time_ns() if now_ns is None else now_ns
        #: How many files this memo read (its digests were not remembered).
        self.hashed = 0
        self._stored: set[str] = set()
        self._known = self._read()
        self._seen: dict[str, tuple[_Signature, str]] = {}

    def _read(self) -> dict[str, tuple[_Signature, str]]:
        from pyarrow import feather

        if not self.path.is_file():
            return {}
        try:
            table = feather.read_table(self.path)
            meta = _check_ours(table.schema)
            if tuple(table.column_names) != _MEMO_COLUMNS:
                raise ValueError("unexpected columns")
            stamp = int(meta[b"stamp"])
            columns = [table.column(name).to_pylist() for name in _MEMO_COLUMNS]
        except Exception as exc:  # anything wrong with a cache file: do not trust it
            _warn(f"ignored {self.path}: {type(exc).__name__}: {exc}")
            return {}
        self._stored = set(columns[0])
        trusted_before = stamp - RACY_WINDOW_NS
        known = {}
        for path, dev, ino, size, mtime, ctime, digest in zip(*columns, strict=True):
            if max(mtime, ctime) < trusted_before and isinstance(digest, str):
                known[path] = ((dev, ino, size, mtime, ctime), digest)
        return known

    def digest(self, path: str | os.PathLike[str]) -> str | None:
        """The content digest of the file ``path`` (None when it cannot be read)."""
        name = os.fspath(path)
        try:
            signature = _signature(os.stat(name))
        except OSError:
            return None
        known = self._known.get(name)
        if known is not None and known[0] == signature:
            digest: str | None = known[1]
        else:
            digest = file_digest(name)  # read after the stat: a later edit changes the stat
            self.hashed += 1
        if digest is not None:
            self._seen[name] = (signature, digest)
        return digest

    def save(self) -> None:
        """Store the digests of the files looked up (only those) when any was read afresh
        or a remembered file was not looked up; a failure warns."""
        import pyarrow as pa
        from pyarrow import feather

        if not self.hashed and set(self._seen) == self._stored:
            return
        paths = sorted(self._seen)
        rows = [self._seen[p][0] for p in paths]
        int64, uint64 = pa.int64(), pa.uint64()
        columns = [
            pa.array(paths, pa.string()),
            *(
                pa.array([row[i] for row in rows], uint64 if i < 2 else int64)
                for i in range(len(_MEMO_COLUMNS) - 2)
            ),
            pa.array([self._seen[p][1] for p in paths], pa.string()),
        ]
        meta = {_MAGIC: str(FORMAT).encode(), b"stamp": str(self.stamp).encode()}
        table = pa.table(columns, names=list(_MEMO_COLUMNS)).replace_schema_metadata(meta)
        tmp = self.path.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            feather.write_feather(table, str(tmp), compression="uncompressed")
            os.replace(tmp, self.path)  # atomic: no half-written memo
        except (OSError, pa.ArrowException) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            _warn(f"could not write {self.path}: {exc}")
            return
        self._stored = set(paths)


# -- entries ----------------------------------------------------------------------------------
@dataclass
class DocEntry:
    """What one file became: inferred metadata, paragraphs, repairs, vocabulary questions.

    ``meta`` maps the fields of :class:`sco_text.metadata.DocMetadata` to their values;
    ``raws[i]`` is None when the paragraph's raw text equals its text; ``asked`` maps each
    word the normaliser looked up in the corpus vocabulary to the answer, None when it
    used the whole vocabulary (then any change of the corpus re-makes the entry).
    The paragraph columns may be lists or pyarrow arrays (entries read from the cache).
    """

    key: str
    meta: dict[str, Any]
    sections: Any
    texts: Any
    raws: Any
    repairs: list[tuple[int | None, str, str, str]]
    asked: dict[str, bool] | None
    corpus: str = ""

    @property
    def n_paragraphs(self) -> int:
        return len(self.texts)


def _encode_meta(meta: Mapping[str, Any]) -> str:
    return json.dumps(
        {k: ({"date": v.isoformat()} if isinstance(v, dt.date) else v) for k, v in meta.items()}
    )


def _decode_meta(text: str) -> dict[str, Any]:
    values = json.loads(text)
    if not isinstance(values, dict):
        raise ValueError("metadata is not a mapping")
    return {
        k: (dt.date.fromisoformat(v["date"]) if isinstance(v, dict) and "date" in v else v)
        for k, v in values.items()
    }


def meta_fields(meta: Any) -> dict[str, Any]:
    """A metadata dataclass as a plain dict (what :class:`DocEntry` stores)."""
    return {f.name: getattr(meta, f.name) for f in dataclasses.fields(meta)}


def _schema() -> pa.Schema:
    import pyarrow as pa

    text = pa.large_string()
    return pa.schema(
        [
            ("key", pa.string()),
            ("corpus", pa.string()),
            ("meta", pa.string()),
            ("asked", pa.string()),
            ("sections", pa.large_list(text)),
            ("texts", pa.large_list(text)),
            ("raws", pa.large_list(text)),
            ("repair_para", pa.list_(pa.int64())),
            ("repair_rule", pa.list_(pa.string())),
            ("repair_before", pa.list_(text)),
            ("repair_after", pa.list_(text)),
        ],
        metadata={_MAGIC: str(FORMAT).encode()},
    )


def _list_column(values: Sequence[Any], item: pa.DataType, *, large: bool = True) -> pa.Array:
    """A list column of one list per entry, each given as a list or a pyarrow array: the
    arrays are joined in Arrow (no Python object per value on the way)."""
    import pyarrow as pa

    arrays = [
        v.combine_chunks().cast(item)
        if isinstance(v, pa.ChunkedArray)
        else v.cast(item)
        if isinstance(v, pa.Array)
        else pa.array(list(v), type=item)
        for v in values
    ]
    sizes = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
    flat = pa.concat_arrays(arrays) if arrays else pa.array([], type=item)
    return _lists(flat, sizes, large=large)


def _lists(flat: pa.Array, sizes: np.ndarray, *, large: bool) -> pa.Array:
    """``flat`` cut into consecutive lists of ``sizes`` values (64-bit offsets if ``large``)."""
    import pyarrow as pa

    offsets = np.concatenate(([0], np.cumsum(sizes)))
    if large:
        return pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), flat)
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32), pa.int32()), flat)


def _table(entries: Sequence[DocEntry]) -> pa.Table:
    import pyarrow as pa

    text = pa.large_string()
    sizes = np.fromiter((len(e.repairs) for e in entries), dtype=np.int64, count=len(entries))
    rows = [r for e in entries for r in e.repairs]  # references to the entries' values
    repairs = {
        column: _lists(pa.array([r[j] for r in rows], type=item), sizes, large=False)
        for j, (column, item) in enumerate(
            (
                ("repair_para", pa.int64()),
                ("repair_rule", pa.string()),
                ("repair_before", text),
                ("repair_after", text),
            )
        )
    }
    columns = {
        "key": pa.array([e.key for e in entries], pa.string()),
        "corpus": pa.array([e.corpus for e in entries], pa.string()),
        "meta": pa.array([_encode_meta(e.meta) for e in entries], pa.string()),
        "asked": pa.array(
            [None if e.asked is None else json.dumps(e.asked) for e in entries], pa.string()
        ),
        "sections": _list_column([e.sections for e in entries], text),
        "texts": _list_column([e.texts for e in entries], text),
        "raws": _list_column(
            [[None] * len(e.texts) if e.raws is None else e.raws for e in entries], text
        ),
        **repairs,
    }
    return pa.Table.from_pydict(columns, schema=_schema())


def _entries(table: pa.Table) -> list[DocEntry]:
    """Entries of a segment table; paragraph columns stay pyarrow arrays (no copy)."""
    sections = table.column("sections").combine_chunks()
    texts = table.column("texts").combine_chunks()
    raws = table.column("raws").combine_chunks()
    flat_sections, flat_texts, flat_raws = sections.values, texts.values, raws.values
    offsets = texts.offsets.to_numpy()
    base = int(offsets[0]) if len(offsets) else 0
    if not (
        sections.offsets.equals(texts.offsets) and raws.offsets.equals(texts.offsets)
    ):  # pragma: no cover - written together
        raise ValueError("paragraph columns differ in length")
    keys = table.column("key").to_pylist()
    corpora = table.column("corpus").to_pylist()
    metas = table.column("meta").to_pylist()
    asked = table.column("asked").to_pylist()
    r_para = table.column("repair_para").to_pylist()
    r_rule = table.column("repair_rule").to_pylist()
    r_before = table.column("repair_before").to_pylist()
    r_after = table.column("repair_after").to_pylist()
    entries = []
    for i, key in enumerate(keys):
        start, stop = int(offsets[i]) - base, int(offsets[i + 1]) - base
        questions = None if asked[i] is None else json.loads(asked[i])
        if questions is not None and not isinstance(questions, dict):
            raise ValueError("vocabulary questions are not a mapping")
        entries.append(
            DocEntry(
                key=key,
                meta=_decode_meta(metas[i]),
                sections=flat_sections.slice(start, stop - start),
                texts=flat_texts.slice(start, stop - start),
                raws=flat_raws.slice(start, stop - start),
                repairs=list(zip(r_para[i], r_rule[i], r_before[i], r_after[i], strict=True)),
                asked=questions,
                corpus=corpora[i],
            )
        )
    return entries


# -- the store --------------------------------------------------------------------------------
class CorpusCache:
    """The cache entries of one corpus location (the folders and files one load reads).

    >>> import tempfile
    >>> cache = CorpusCache(Path(tempfile.mkdtemp()), ["/data/speeches"])
    >>> cache.lookup(["no-such-key"])
    {}
    """

    def __init__(self, folder: Path, roots: Iterable[str]) -> None:
        self.folder = folder / f"v{FORMAT}" / library_fingerprint() / _location(roots)
        #: The content digests of this location's files, remembered by their stat.
        self.digests = DigestMemo(self.folder / "digests" / "memo.arrow")
        self._segments: dict[Path, list[DocEntry]] | None = None

    def _load_segments(self) -> dict[Path, list[DocEntry]]:
        if self._segments is not None:
            return self._segments
        segments: dict[Path, list[DocEntry]] = {}
        try:
            paths = sorted(p for p in self.folder.iterdir() if p.is_file())
        except OSError:
            paths = []
        for path in paths:
            if path.suffix != ".parquet":
                if not path.name.startswith(".tmp-"):
                    _warn(f"ignored {path}: not a cache file")
                continue
            try:
                segments[path] = self._read(path)
            except Exception as exc:  # anything wrong with a cache file: do not trust it
                _warn(f"ignored {path}: {type(exc).__name__}: {exc}")
        self._segments = segments
        return segments

    @staticmethod
    def _read(path: Path) -> list[DocEntry]:
        import pyarrow.parquet as pq

        _check_ours(pq.read_schema(path))
        table = pq.read_table(path)
        if not table.schema.equals(_schema(), check_metadata=False):
            raise ValueError("unexpected columns")
        return _entries(table)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[DocEntry]]:
        """The stored entries (newest segment first) of each key that has any."""
        wanted = set(keys)
        found: dict[str, list[DocEntry]] = {}
        for _, entries in sorted(
            self._load_segments().items(), key=lambda item: _mtime(item[0]), reverse=True
        ):
            for entry in entries:
                if entry.key in wanted:
                    found.setdefault(entry.key, []).append(entry)
        return found

    def update(self, fresh: Sequence[DocEntry], used: Iterable[str]) -> None:
        """Store ``fresh`` entries as a new segment; drop segments with no ``used`` key;
        merge the segments into one when there are more than :data:`MAX_SEGMENTS`."""
        used_keys = set(used) | {e.key for e in fresh}
        segments = self._load_segments()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            keep = {p: es for p, es in segments.items() if any(e.key in used_keys for e in es)}
            for path in set(segments) - set(keep):
                path.unlink(missing_ok=True)
            if len(keep) + bool(fresh) > MAX_SEGMENTS:
                merged = {e.key: e for es in keep.values() for e in es if e.key in used_keys}
                merged.update({e.key: e for e in fresh})
                self._write(list(merged.values()))
                for path in keep:
                    path.unlink(missing_ok=True)
            elif fresh:
                self._write(fresh)
        except OSError as exc:
            _warn(f"could not write to {self.folder}: {exc}")
        self._segments = None

    # -- whole frames -------------------------------------------------------------------
    def _listing(self) -> list[list[Any]]:
        """(name, size, mtime_ns) of each file beside the segments (what a frame relies on)."""
        try:
            files = sorted(p for p in self.folder.iterdir() if p.is_file())
        except OSError:
            return []
        listing = []
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue
            listing.append([path.name, info.st_size, info.st_mtime_ns])
        return listing

    def read_frame(self, key: str) -> tuple[Any, Any, list[tuple[str, str, str]]] | None:
        """The frame stored under ``key``: (frame, repairs frame, reported problems as
        (path, reason, consequence)), or None: none stored, the segments changed since
        (then they are read, and checked, again), or a bad file (ignored with a
        :class:`CacheWarning`)."""
        from pyarrow import feather

        folder = self.folder / "frames"
        frame_path = folder / f"{key}.frame.feather"
        repairs_path = folder / f"{key}.repairs.feather"
        if not frame_path.is_file() or not repairs_path.is_file():
            return None
        try:
            table = feather.read_table(frame_path)
            meta = _check_ours(table.schema)
            if json.loads(meta[b"segments"]) != self._listing():
                return None
            reports = [(str(a), str(b), str(c)) for a, b, c in json.loads(meta[b"reports"])]
            repairs = feather.read_table(repairs_path)
            _check_ours(repairs.schema)
            return _to_pandas(table), _to_pandas(repairs), reports
        except Exception as exc:  # anything wrong with a cache file: do not trust it
            _warn(f"ignored {frame_path}: {type(exc).__name__}: {exc}")
            return None

    def write_frame(
        self, key: str, frame: Any, repairs: Any, reports: Sequence[tuple[str, str, str]]
    ) -> None:
        """Store a frame under ``key`` (replacing the location's previous one)."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc
        from pyarrow import feather

        folder = self.folder / "frames"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            old = [p for p in folder.iterdir() if p.is_file()]
            for table, suffix in ((repairs, "repairs"), (frame, "frame")):  # the frame last
                plain = pd.DataFrame(table, copy=False)
                plain.attrs = {}
                arrow = pa.Table.from_pandas(plain, preserve_index=False)
                objects = [  # columns of str objects (an empty one has no type)
                    str(c)
                    for c in plain.columns
                    if plain[c].dtype == object
                    and arrow.schema.field(str(c)).type in (pa.string(), pa.large_string())
                ]
                for name in objects:  # few distinct values (doc_id, rule): read back fast
                    where = arrow.column_names.index(name)
                    arrow = arrow.set_column(where, name, pc.dictionary_encode(arrow.column(name)))
                meta = {
                    **(arrow.schema.metadata or {}),
                    _MAGIC: str(FORMAT).encode(),
                    _OBJECTS: json.dumps(objects).encode(),
                }
                if suffix == "frame":
                    meta[b"reports"] = json.dumps([list(r) for r in reports]).encode()
                    meta[b"segments"] = json.dumps(self._listing()).encode()
                tmp = folder / f".tmp-{uuid.uuid4().hex}"
                feather.write_feather(
                    arrow.replace_schema_metadata(meta), str(tmp), compression="uncompressed"
                )
                os.replace(tmp, folder / f"{key}.{suffix}.feather")
            for path in old:
                if not path.name.startswith(f"{key}."):
                    path.unlink(missing_ok=True)
        except (OSError, ValueError, TypeError, pa.ArrowException) as exc:
            _warn(f"could not write to {folder}: {exc}")

    def _write(self, entries: Sequence[DocEntry]) -> None:
        import pyarrow.parquet as pq

        name = uuid.uuid4().hex
        tmp = self.folder / f".tmp-{name}"
        pq.write_table(_table(entries), tmp, compression="zstd")
        os.replace(tmp, self.folder / f"{name}.parquet")  # atomic: no half-written segment


def _to_pandas(table: pa.Table) -> Any:
    """A stored frame as pandas, its columns of Python objects (:data:`_OBJECTS`, stored
    dictionary-encoded) as they were written (``to_pandas`` would give str columns)."""
    import pandas as pd
    import pyarrow as pa

    objects = json.loads(table.schema.metadata[_OBJECTS])
    if not isinstance(objects, list) or not set(objects) <= set(table.column_names):
        raise ValueError("object columns are not columns of the frame")
    frame = table.drop_columns(objects).to_pandas() if objects else table.to_pandas()
    if not objects:
        return frame
    columns: dict[str, Any] = {}
    for name in table.column_names:
        if name not in objects:
            columns[name] = frame[name]
            continue
        column = table.column(name).combine_chunks()
        if not isinstance(column, pa.DictionaryArray):
            raise ValueError(f"object column {name!r} is not dictionary-encoded")
        words = column.dictionary.to_numpy(zero_copy_only=False)
        values = words[column.indices.fill_null(0).to_numpy()] if len(words) else words
        if column.null_count:
            values[column.is_null().to_numpy(zero_copy_only=False)] = None
        columns[name] = pd.Series(values, dtype=object, copy=False)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(table)), copy=False)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
