"""Load documents into the canonical corpus frame (one row per body paragraph).

This is the only module that builds the frame; every other function of the
library takes it as input. See :func:`load_corpus` for the columns and for
where the documents are looked for by default.

>>> import sco_text as st
>>> frame = st.load_corpus()                       # the seed, plus corpus/ if any
>>> seed = frame[frame["doc_id"] == "2020-moscow-declaration"]
>>> len(seed), seed["section"].nunique(), str(seed["date"].iloc[0].date())
(124, 7, '2020-11-10')
>>> docs = documents(seed)
>>> print(docs[["doc_id", "place", "kind", "n_paragraphs"]].to_string(index=False))
                 doc_id  place        kind  n_paragraphs
2020-moscow-declaration Moscow declaration           124
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
import stat
import string
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._docwork import Pool, Vocabulary, default_workers, make_entry
from ._memory import release_freed_memory
from ._validate import check_choice, check_columns
from .cache import (
    CorpusCache,
    DocEntry,
    corpus_fingerprint,
    entry_key,
    file_digest,
    frame_key,
    resolve_cache_dir,
)
from .errors import CorpusError, FrameError, OptionError, SCOTextError
from .metadata import (
    DocMetadata,
    apply_overrides,
    find_yaml_sidecar,
    read_metadata_csv,
    read_yaml_sidecar,
)
from .normalizer import normalize
from .pdfgeometry import current_pdf_limits
from .readers import (
    MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    check_max_bytes,
    file_kind,
    read_document,
)
from .text import count_words

__all__ = [
    "ABBREVIATIONS",
    "FRAME_COLUMNS",
    "NOT_ABBREVIATIONS",
    "POOL_MIN_BYTES",
    "PUNKT_MAX_CHARS",
    "RAW_COLUMN",
    "REPAIR_COLUMNS",
    "RepairTable",
    "default_paths",
    "documents",
    "find_project_root",
    "load_corpus",
    "raw_text",
    "repairs",
    "sentences",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The columns of the corpus frame, in order.
FRAME_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "title",
    "date",
    "date_precision",
    "place",
    "kind",
    "series",
    "country",
    "source",
    "section",
    "para_no",
    "text",
)
#: The optional column of the raw paragraphs (``load_corpus(raw=True)``; else
#: :func:`raw_text`).
RAW_COLUMN = "raw"
#: The columns of ``frame.attrs["repairs"]``.
REPAIR_COLUMNS: tuple[str, ...] = ("doc_id", "para_no", "rule", "before", "after")
#: Abbreviations (lower case, no final period) added to the trained Punkt model.
ABBREVIATIONS: frozenset[str] = _wordset(
    "mr mrs ms dr prof st no nos art arts para paras vol p pp etc e.g i.e u.s u.k vs cf "
    "approx jan feb mar apr jun jul aug sep sept oct nov dec"
)
#: Acronyms that Punkt must never learn as abbreviations ("... the UN. The ...").
NOT_ABBREVIATIONS: frozenset[str] = _wordset(
    "un sco cis csto brics eu usa prc who asean nato eaeu cica rats uno wto imf"
)
#: Files to read and normalise adding up to fewer bytes than this are done in this
#: process: starting a pool of worker processes costs about as much as normalising
#: ten megabytes (its server imports the library once, about two seconds).
POOL_MIN_BYTES = 20_000_000
_ERRORS = ("raise", "warn")
_ENV = "SCO_TEXT_CORPUS"
_BUNDLED_SEED = Path(__file__).resolve().parent / "data" / "seed"
_PUNCT = string.punctuation + "“”‘’«»–—…"

_PathArg = str | os.PathLike[str]


# ---------------------------------------------------------------------------
# where the documents are


def _names_sco_text(folder: Path) -> bool:
    for name in ("setup.cfg", "pyproject.toml"):
        config = folder / name
        if config.is_file():
            try:
                text = config.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if re.search(r"""^\s*name\s*=\s*["']?sco[-_]text["']?\s*$""", text, re.M):
                return True
    return False


def find_project_root(start: _PathArg | None = None) -> Path | None:
    """The sco-text project folder, or None.

    A project folder holds ``seeds/`` and a ``setup.cfg`` or ``pyproject.toml``
    naming ``sco-text``. Searched from ``start`` (default: the working
    directory) upwards, then from the installed package's parent folder (an
    editable install).
    """
    candidates: list[Path] = []
    try:
        here = (Path(start) if start is not None else Path.cwd()).resolve()
        candidates = [here, *here.parents]
    except OSError:  # the working directory was removed
        pass
    candidates.append(Path(__file__).resolve().parent.parent)
    for folder in candidates:
        if (folder / "seeds").is_dir() and _names_sco_text(folder):
            return folder
    return None


def default_paths() -> list[Path]:
    """The paths :func:`load_corpus` reads when given none (rule in its docstring)."""
    env = os.environ.get(_ENV, "")
    env_paths = [Path(p) for p in env.split(os.pathsep) if p.strip()]
    root = find_project_root()
    if root is None:
        return [_BUNDLED_SEED, *env_paths]
    paths = [root / "seeds"]
    if env_paths:
        paths.extend(env_paths)
    elif (root / "corpus").is_dir():
        paths.append(root / "corpus")
    return paths


def _skip_name(name: str) -> bool:
    """Whether a file of this name is never a document (README, sidecars, hidden)."""
    lower = name.lower()
    return (
        "readme" in os.path.splitext(lower)[0]
        or lower == "metadata.csv"
        or lower.endswith((".meta.yaml", ".meta.yml"))
        or lower.startswith(".")
    )


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def _walk(
    folder: Path, allowed: Sequence[Path], report: Callable[[CorpusError], None]
) -> list[tuple[str, str]]:
    """``(file, its real path)`` as strings for the document files under ``folder`` (rules
    in :func:`load_corpus`), unsorted.  A file that is no link lies in its folder's real
    path, so only links and folders are resolved (one system call each, not one per file),
    and no path object is made per file.
    """
    found: list[tuple[str, str]] = []
    folder_real: dict[str, str] = {}
    seen_folders: set[str] = set()
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        real = folder_real.get(current) or str(Path(current).resolve())
        if real in seen_folders:  # reached again through a link: walked once
            continue
        seen_folders.add(real)
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            report(CorpusError(Path(current), f"folder cannot be read ({exc.strerror or exc})"))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            supported = os.path.splitext(name)[1].lower() in SUPPORTED_EXTENSIONS
            is_document = supported and not _skip_name(name)
            try:
                link = entry.is_symlink()
                mode = (
                    os.stat(entry.path).st_mode
                    if link
                    else entry.stat(follow_symlinks=False).st_mode
                )
            except OSError:
                if link and supported:
                    report(
                        CorpusError(
                            Path(entry.path), "broken symbolic link (its target does not exist)"
                        )
                    )
                continue
            if not (stat.S_ISDIR(mode) or is_document):
                continue
            target = os.path.join(real, name)
            if link:
                resolved = Path(entry.path).resolve()
                target = str(resolved)
                if not _inside(resolved, allowed):
                    what = "folder" if stat.S_ISDIR(mode) else "file"
                    report(
                        CorpusError(
                            Path(entry.path),
                            f"symbolic link to the {what} {resolved}, outside the folders "
                            "given; not followed (give that path itself to read it)",
                        )
                    )
                    continue
            if stat.S_ISDIR(mode):
                folder_real[entry.path] = target
                pending.append(entry.path)
            elif stat.S_ISREG(mode):
                found.append((entry.path, target))
            else:
                report(
                    CorpusError(
                        Path(entry.path), f"is {file_kind(mode)}; only regular files are read"
                    )
                )
    return found


def _path_order(path: str) -> list[str]:
    """Sort key of a path string, in the order of :class:`pathlib.Path` (by its parts)."""
    return os.path.normcase(path).split(os.sep)


def _collect(
    paths: Iterable[_PathArg], report: Callable[[CorpusError], None]
) -> list[tuple[Path, Path]]:
    """``(file, root folder for metadata.csv lookup)`` for every document path.

    Each file is listed once (reached again through a link or a second given folder, it
    is not read twice); what cannot be listed goes to ``report``.
    """
    given = [Path(p) for p in paths]
    allowed = [p.resolve() for p in given if p.is_dir()]
    found: list[tuple[Path, Path]] = []
    listed: set[str] = set()
    for path in given:
        if path.is_dir():
            files = sorted(_walk(path, allowed, report), key=lambda pair: _path_order(pair[0]))
            triples = [(Path(p), real, path) for p, real in files]
        elif path.exists() or path.is_symlink():
            # named by the caller: read wherever it points
            triples = [(path, str(path.resolve()), path.parent)]
        else:
            report(CorpusError(path, "no such file or directory"))
            continue
        for file, real, root in triples:
            if real not in listed:
                listed.add(real)
                found.append((file, root))
    return found


# ---------------------------------------------------------------------------
# loading


@dataclass
class LoadedDoc:
    """One loaded document: the file, its metadata (sidecars applied) and its entry."""

    path: Path
    root: Path
    meta: DocMetadata | None = None
    entry: DocEntry | None = None


def _check_sidecar_link(sidecar: Path, root: Path) -> None:
    """A sidecar is read only when it lies (links followed) inside the folder given."""
    if sidecar.is_symlink() and not _inside(sidecar.resolve(), [root.resolve()]):
        raise CorpusError(
            sidecar,
            f"symbolic link to {sidecar.resolve()}, outside the folders given; not followed",
        )


class Sidecars:
    """metadata.csv files (cached per folder) and YAML sidecars."""

    def __init__(self, report: Any) -> None:
        self._csv: dict[Path, dict[Path, dict[str, Any]]] = {}
        self._listing: dict[Path, frozenset[str]] = {}
        self._chains: dict[tuple[Path, Path], list[dict[Path, dict[str, Any]]]] = {}
        self._report = report

    def _names(self, folder: Path) -> frozenset[str]:
        """Names of the sidecar-like files in ``folder`` (one listing per folder)."""
        if folder not in self._listing:
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
            self._listing[folder] = frozenset(
                n for n in names if n == "metadata.csv" or n.endswith((".meta.yaml", ".meta.yml"))
            )
        return self._listing[folder]

    def _csv_for(self, folder: Path, root: Path) -> dict[Path, dict[str, Any]]:
        if folder not in self._csv:
            csv_path = folder / "metadata.csv"
            table: dict[Path, dict[str, Any]] = {}
            if "metadata.csv" in self._names(folder) and csv_path.is_file():
                try:
                    _check_sidecar_link(csv_path, root)
                    table = read_metadata_csv(csv_path)
                except CorpusError as exc:
                    self._report(exc, "its values are ignored")
            self._csv[folder] = table
        return self._csv[folder]

    def _tables(self, parent: Path, root: Path) -> list[dict[Path, dict[str, Any]]]:
        """The non-empty metadata.csv tables from ``root`` down to ``parent`` (nearer last:
        it wins), found once per folder."""
        key = (parent, root)
        if key not in self._chains:
            folders = [parent]
            folder = parent
            while folder != root and root in folder.parents:
                folder = folder.parent
                folders.append(folder)
            tables = [self._csv_for(f, root) for f in reversed(folders)]
            self._chains[key] = [table for table in tables if table]
        return self._chains[key]

    def overrides(self, doc: LoadedDoc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        tables = self._tables(doc.path.parent, doc.root)
        if tables:
            resolved = doc.path.resolve()
            for table in tables:
                result.update(table.get(resolved, {}))
        names = self._names(doc.path.parent)
        if not names:  # no sidecar-like file beside the document
            return result
        stem, name = doc.path.stem, doc.path.name
        wanted = {f"{base}{ext}" for base in (stem, name) for ext in (".meta.yaml", ".meta.yml")}
        sidecar = find_yaml_sidecar(doc.path) if names & wanted else None
        if sidecar is not None:
            try:
                _check_sidecar_link(sidecar, doc.root)
                result.update(read_yaml_sidecar(sidecar))
            except CorpusError as exc:
                self._report(exc, "its values are ignored")
        return result


def load_corpus(
    paths: _PathArg | Sequence[_PathArg] | None = None,
    *,
    errors: str = "raise",
    progress: bool = False,
    cache: bool | str | os.PathLike[str] | None = None,
    workers: int | None = None,
    max_bytes: int = MAX_BYTES,
    raw: bool = False,
) -> pd.DataFrame:
    """Read documents into the corpus frame: one row per body paragraph.

    ``paths``: files and/or folders (searched recursively for ``.txt``, ``.md``,
    ``.html``/``.htm`` and ``.pdf`` files; files named like ``*README*``, ``metadata.csv``,
    ``*.meta.yaml`` and hidden files are skipped). Default (``None``):

    * when a project folder is found (:func:`find_project_root`: from the
      working directory upwards, then the package's parent folder): its
      ``seeds/`` plus the paths in ``SCO_TEXT_CORPUS`` if that variable is set,
      else its ``corpus/``;
    * otherwise (e.g. after ``pip install``): the seed bundled in the package
      (``sco_text/data/seed/``) plus the paths in ``SCO_TEXT_CORPUS``.

    ``SCO_TEXT_CORPUS`` holds one or more paths separated by ``os.pathsep``
    (``:`` on Linux/macOS, ``;`` on Windows).

    Links and folders: a symbolic link met while searching a folder is followed only
    when its target lies inside one of the folders given (so a planted link cannot
    pull ``/etc/passwd`` or another user's files into the frame); a link leading
    outside them, a broken link, and a device, pipe or socket with a document's name
    are not read and are reported like a bad file (below), as is a sub-folder that
    cannot be listed. A path given explicitly is read wherever it points (devices
    and pipes are still refused). Each file is read once, however many links or
    given folders reach it.

    ``errors="raise"`` stops at the first bad file with :class:`CorpusError`
    (the path and the reason); ``errors="warn"`` skips it with a warning naming
    it and loads the rest. A broken sidecar is an error too; with "warn" its
    values are ignored. Two documents with the same ``doc_id`` are an error
    naming both files ("warn" keeps the first in path order).
    ``progress=True`` shows a tqdm progress bar.

    ``max_bytes``: a file larger than this is refused (a :class:`CorpusError`, so
    skipped with "warn"); default :data:`sco_text.readers.MAX_BYTES` (64 MiB), raise
    it for larger files. PDFs have further limits (:func:`sco_text.pdf_limits`).

    ``cache``: what each file became is kept in a Parquet cache (:mod:`sco_text.cache`),
    keyed on the file's content, the options and the library version, so re-loading an
    unchanged corpus skips the reading and normalising; ``None`` (default) uses
    ``SCO_TEXT_CACHE`` if set (a folder, or ``off``), else the user's cache folder
    (``$XDG_CACHE_HOME/sco-text`` on Linux); ``False`` switches it off; a folder puts it
    there. ``workers``: processes that read and normalise (``None``: one per core when
    the files to make add up to :data:`POOL_MIN_BYTES` or more, else this process alone;
    ``1``: this process). The frame is the same whatever the cache and the workers.

    Columns, in order (rows sorted by date, doc_id, para_no; unknown dates last):

    ============== ============== =============================================
    doc_id         str            stable slug, e.g. ``2020-moscow-declaration``
    title          str            document title ("" if none)
    date           datetime64[ns] meeting date (NaT if unknown; 1 January for a
                                  year alone)
    date_precision str            ``day``, ``year`` (only the year is known) or ""
                                  (no date)
    place          str            meeting place ("" if unknown)
    kind           str            declaration, statement, address, report, speech,
                                  document
    series         str            the documents that are editions of one another
                                  (``declaration``, ``statement-energy-security``,
                                  ``speech-chn``; else the doc_id)
    country        str            speaker's ISO3 code (UN speeches), else ""
    source         str            path of the file the document was read from
    section        str            section heading; ``Preamble`` before the first one
    para_no        int64          0-based paragraph number within the document
    text           str            normalised paragraph text (one line)
    raw            str            only with ``raw=True``: the paragraph's original
                                  lines (for ``.md`` and ``.html`` files: the
                                  reader's plain-text rendering)
    ============== ============== =============================================

    ``raw=False`` (default) holds each text once: :func:`raw_text` gives the original
    lines of any rows when they are wanted (it reads their files again).

    Each text goes through :func:`sco_text.normalizer.normalize` (layout
    "auto" for ``.txt``/``.pdf``, "wrapped" for the paragraph-per-line
    rendering of ``.md``/``.html``), with the lower-cased words of all loaded
    documents as ``words=`` (hyphen evidence; built only if the normaliser asks).
    Metadata rules: :mod:`sco_text.metadata`; sidecars: ``corpus/README.md``.
    ``frame.attrs["repairs"]`` is a frame (doc_id, para_no (Int64, <NA> for
    removed lines and reader facts), rule, before, after) of every change the
    normaliser made, plus reader facts (rules ``reader:encoding``,
    ``reader:bom``, ``reader:line-ends``) and the lines a PDF reader left out
    (``reader:running-header``, ``reader:running-footer``, ``reader:page-number``)
    or rewrote (``reader:ligature``); see :func:`repairs`. It is a
    :class:`RepairTable` (a DataFrame that survives ``pd.concat`` of frames).

    >>> frame = load_corpus()
    >>> list(frame.columns) == list(FRAME_COLUMNS)
    True
    >>> load_corpus(errors="ignore")
    Traceback (most recent call last):
    ...
    sco_text.errors.OptionError: errors='ignore' is not allowed; choose one of: 'raise', 'warn'
    """
    check_choice("errors", errors, _ERRORS)
    max_bytes = check_max_bytes(max_bytes)
    if not isinstance(raw, bool):
        raise OptionError(f"raw={raw!r} is not allowed; choose True or False")
    report = reporter(errors, "load_corpus")
    found = find_documents(paths, report)
    check_workers(workers)
    cache_dir = resolve_cache_dir(cache)
    with _gc_paused():
        frame = _load(
            found,
            report,
            progress=progress,
            cache_dir=cache_dir,
            workers=workers,
            max_bytes=max_bytes,
            raw=raw,
        )
    release_freed_memory()
    return frame


def reporter(errors: str, caller: str) -> Callable[..., None]:
    """What to do with a bad file: raise it (``errors="raise"``) or warn and go on."""

    def report(exc: CorpusError, consequence: str = "skipped") -> None:
        if errors == "raise":
            raise exc
        warnings.warn(f"{caller}: {exc} ({consequence})", UserWarning, stacklevel=3)

    return report


def find_documents(paths: object, report: Callable[[CorpusError], None]) -> list[tuple[Path, Path]]:
    """``(file, root folder)`` of every document :func:`load_corpus` reads from ``paths``
    (checked; its default folders when None); a missing path, a link not followed or a
    folder that cannot be listed goes to ``report`` (rules in :func:`load_corpus`)."""
    return _collect(_given_paths(paths), report)


_PATHS_ACCEPTED = "None (the default folders), a path (str or os.PathLike) or a list of paths"


def _given_paths(paths: object) -> list[_PathArg]:
    """The paths ``load_corpus`` was given, checked (:class:`OptionError` if not paths)."""
    if paths is None:
        return list(default_paths())
    if isinstance(paths, (str, os.PathLike)):
        items: list[object] = [paths]
    elif isinstance(paths, (bytes, bytearray, memoryview)) or not isinstance(paths, Iterable):
        raise OptionError(f"paths={paths!r:.60} is not allowed; give {_PATHS_ACCEPTED}")
    else:
        items = list(paths)
    checked: list[_PathArg] = []
    for item in items:
        text = os.fspath(item) if isinstance(item, (str, os.PathLike)) else None
        if not isinstance(text, str):
            raise OptionError(
                f"paths: {item!r:.60} is not a path; give {_PATHS_ACCEPTED} (a path is a str "
                "or an os.PathLike naming a str)"
            )
        if not text.strip():
            raise OptionError(
                f"paths: {item!r} is an empty path; give {_PATHS_ACCEPTED} "
                '(write "." for the current folder)'
            )
        checked.append(item)  # type: ignore[arg-type]
    return checked


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while a corpus is built.

    Loading creates hundreds of thousands of small objects (paragraphs, repairs) that
    hold no reference cycles; the collector would rescan them again and again (about a
    tenth of the time at 100 MB of text).  Its previous state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_workers(workers: object) -> int | None:
    """``workers`` checked: None or an int >= 1."""
    if workers is None:
        return None
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionError(f"workers={workers!r} is not allowed; give None or an int >= 1")
    return workers


class _Maker:
    """Makes the entries of the documents not found in the cache (here or in a pool)."""

    def __init__(
        self,
        paths: Sequence[str],
        workers: int | None,
        todo: Sequence[str],
        *,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self._paths = paths
        self._max_bytes = max_bytes
        if workers is None:
            workers = default_workers() if _total_size(todo) >= POOL_MIN_BYTES else 1
        self.workers = min(workers, max(1, len(todo)))
        self._texts: dict[int, tuple[str, dict[str, Any]]] = {}
        self._vocabulary = Vocabulary(self._all_texts)
        self._pool: Pool | None = None

    def _get_pool(self) -> Pool:
        if self._pool is None:
            self._pool = Pool(self.workers, max_bytes=self._max_bytes)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    def _all_texts(self) -> Iterator[str]:
        for i, path in enumerate(self._paths):
            if i in self._texts:
                yield self._texts[i][0]
                continue
            try:
                yield read_document(path, max_bytes=self._max_bytes)[0]
            except CorpusError:
                continue

    def words(self) -> Collection[str]:
        """The corpus vocabulary (built on first use; by the workers in a pool)."""
        if self.workers == 1:
            return self._vocabulary
        return self._get_pool().words(self._paths)

    def make(
        self, tasks: Sequence[tuple[int, str, str]], *, keep_raws: bool = True
    ) -> Iterator[tuple[int, DocEntry | CorpusError]]:
        """``(index, entry or error)`` for each task, in order; read errors come first.
        ``keep_raws=False``: a pool sends no raw paragraphs back (``raws`` None)."""
        if self.workers > 1:
            for outcome in self._get_pool().make(tasks, self._paths, keep_raws=keep_raws):
                if outcome[0] == "ok":
                    yield outcome[1], outcome[2]
                else:
                    yield outcome[1], CorpusError(outcome[2], outcome[3])
            return
        readable = []
        for index, path, key in tasks:  # read all first: the vocabulary may need every text
            try:
                self._texts[index] = read_document(path, max_bytes=self._max_bytes)
            except CorpusError as exc:
                yield index, exc
                continue
            readable.append((index, path, key))
        for index, path, key in readable:
            try:
                entry = make_entry(Path(path), key, self._vocabulary, read=self._texts[index])
            except CorpusError as exc:
                yield index, exc
                continue
            yield index, entry


def _total_size(paths: Iterable[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
    return total


def _valid(entry: DocEntry, corpus: str, words: Callable[[], Collection[str]]) -> bool:
    """Whether a cached entry still holds for this corpus (see :mod:`sco_text.cache`)."""
    if entry.corpus == corpus or entry.asked == {}:
        return True
    if entry.asked is None:
        return False
    vocabulary = words()
    return all((word in vocabulary) == answer for word, answer in entry.asked.items())


def _load(
    found: list[tuple[Path, Path]],
    report: Callable[..., None],
    *,
    progress: bool,
    cache_dir: Path | None = None,
    workers: int | None = None,
    max_bytes: int = MAX_BYTES,
    raw: bool = False,
) -> pd.DataFrame:
    """Read, normalise and describe each found file (or take it from the cache), then
    build the frame."""
    paths = [str(path) for path, _ in found]
    # Every option that changes what one file becomes belongs in ``options`` (cache key);
    # the limits too: an entry made under a raised limit must not pass a lower one.
    options: dict[str, Any] = {"max_bytes": max_bytes, "pdf_limits": repr(current_pdf_limits())}
    store = CorpusCache(cache_dir, [str(root) for _, root in found]) if cache_dir else None
    digests = [store.digests.digest(path) for path in paths] if store else [None] * len(paths)
    reports: list[tuple[str, str, str]] = []  # what this load reports, kept with its frame

    def noted(exc: CorpusError, consequence: str = "skipped") -> None:
        reports.append((str(exc.path), exc.reason, consequence))
        report(exc, consequence)

    snapshot = ""
    if store is not None:
        sidecar_digests = _sidecar_digests(found, store.digests.digest)
        store.digests.save()
        snapshot = frame_key(
            list(zip(paths, digests, strict=True)),
            {"options": options, "raw": raw, "sidecars": sidecar_digests},
        )
        hit = store.read_frame(snapshot)
        if hit is not None:
            frame, repair_table, stored_reports = hit
            for path, reason, consequence in stored_reports:
                report(CorpusError(path, reason), consequence)
            return _restored(frame, repair_table)
    keys = [
        entry_key(path, digest, options) if digest else ""
        for path, digest in zip(paths, digests, strict=True)
    ]
    corpus = corpus_fingerprint(digests) if store else ""
    stored = store.lookup(k for k in keys if k) if store else {}

    entries: list[DocEntry | CorpusError | None] = [None] * len(paths)
    tasks = [(i, path, key) for i, (path, key) in enumerate(zip(paths, keys, strict=True))]
    todo = [task for task in tasks if task[2] not in stored]
    maker = _Maker(paths, workers, [task[1] for task in todo], max_bytes=max_bytes)
    try:
        revalidated: list[DocEntry] = []
        for index, path, key in tasks:
            for candidate in stored.get(key, []):
                if _valid(candidate, corpus, maker.words):
                    entries[index] = candidate
                    if candidate.corpus != corpus:
                        revalidated.append(candidate)
                    break
            else:
                if key in stored:
                    todo.append((index, path, key))
        todo.sort()

        made: Iterable[tuple[int, DocEntry | CorpusError]] = maker.make(
            todo, keep_raws=raw or store is not None
        )
        if progress:
            from tqdm.auto import tqdm

            made = tqdm(made, total=len(todo), desc="normalising", unit="file")
        fresh: list[DocEntry] = []
        for index, result in made:
            entries[index] = result
            if isinstance(result, DocEntry):
                result.corpus = corpus
                fresh.append(result)
    finally:
        maker.close()
    sidecars = Sidecars(noted)
    kept: list[LoadedDoc] = []
    seen: dict[str, LoadedDoc] = {}
    for (file, root), outcome in zip(found, entries, strict=True):
        if outcome is None:  # pragma: no cover - every file has an outcome
            continue
        try:
            if isinstance(outcome, CorpusError):
                raise outcome
            doc = LoadedDoc(path=file, root=root, entry=outcome)
            meta = apply_overrides(
                DocMetadata(**outcome.meta), sidecars.overrides(doc), source=file
            )
            if meta.doc_id in seen:
                raise CorpusError(
                    file,
                    f"doc_id {meta.doc_id!r} is already used by {seen[meta.doc_id].path}; "
                    "set another doc_id in a sidecar (see corpus/README.md)",
                )
        except CorpusError as exc:
            noted(exc)
            continue
        doc.meta = meta
        seen[meta.doc_id] = doc
        kept.append(doc)
    if store is not None:
        for entry in revalidated:  # stored again as made in this corpus: no re-check next time
            entry.corpus = corpus
        store.update([*fresh, *revalidated], used=[k for k in keys if k])
    frame = build_frame(kept, raw=raw)
    if store is not None:
        store.write_frame(snapshot, frame, frame.attrs["repairs"], reports)
    return frame


def _sidecar_digests(
    found: list[tuple[Path, Path]], digest: Callable[[Path], str | None] = file_digest
) -> list[tuple[str, str | None]]:
    """(path, content ``digest``) of every sidecar-like file (``metadata.csv``,
    ``*.meta.yaml``, ``*.meta.yml``) in the folders from each file's up to its root: what a
    cached frame's metadata depends on besides the documents."""
    folders: set[Path] = set()
    for parent, root in {(path.parent, root) for path, root in found}:
        folder = parent
        folders.add(folder)
        while folder != root and root in folder.parents:
            folder = folder.parent
            folders.add(folder)
    digests = []
    for folder in sorted(folders):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name == "metadata.csv" or name.endswith((".meta.yaml", ".meta.yml")):
                digests.append((str(folder / name), digest(folder / name)))
    return digests


def _restored(frame: pd.DataFrame, repair_table: pd.DataFrame) -> pd.DataFrame:
    """A frame read back from the cache with its attrs as :func:`build_frame` gives them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    frame.attrs["repairs"] = RepairTable(repair_table)
    if not len(frame):
        frame.attrs["sources"] = _sources_table([], [])
        return frame
    ids, sources = pa.array(frame["doc_id"]), pa.array(frame["source"])
    changes = pc.not_equal(ids[1:], ids[:-1]).to_numpy(zero_copy_only=False)
    firsts = pa.array(np.flatnonzero(np.r_[True, changes]), pa.int64())
    frame.attrs["sources"] = _sources_table(
        pc.take(ids, firsts).to_pylist(), pc.take(sources, firsts).to_pylist()
    )
    return frame


def _sort_key(doc: LoadedDoc) -> tuple[bool, dt.date, str]:
    assert doc.meta is not None
    date = doc.meta.date
    return (date is None, date or dt.date.min, doc.meta.doc_id)


def string_dtype() -> Any:
    """The dtype pandas gives a column of str (``str`` in pandas 3, else object)."""
    return pd.Series(["x"]).dtype


def _repeated_strings(values: list[Any], counts: np.ndarray) -> Any:
    """A column holding each of ``values`` (str) ``counts`` times, as pandas would store a
    column of str (with Arrow strings: taken in Arrow, no object array on the way)."""
    dtype = string_dtype()
    if getattr(dtype, "storage", None) == "pyarrow" and all(isinstance(v, str) for v in values):
        import pyarrow as pa

        try:
            strings = pa.array(values, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # pragma: no cover - e.g. a lone surrogate
            pass
        else:
            taken = strings.take(pa.array(np.repeat(np.arange(len(values)), counts)))
            return pd.array(taken, dtype=dtype)
    return np.repeat(np.array(values, dtype=object), counts)


def _string_column(pieces: Sequence[Any]) -> Any:
    """One column from per-document pieces (lists of str, or pyarrow arrays from the
    cache), as pandas would store a column of str; no text is held twice."""
    dtype = string_dtype()
    if getattr(dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        arrays = [
            p.cast(pa.large_string())
            if isinstance(p, pa.Array)
            else pa.array(p, type=pa.large_string())
            for p in pieces
        ]
        joined = pa.concat_arrays(arrays) if arrays else pa.array([], type=pa.large_string())
        return pd.array(joined, dtype=dtype)
    values: list[Any] = []
    for piece in pieces:
        values.extend(piece.to_pylist() if hasattr(piece, "to_pylist") else piece)
    return np.array(values, dtype=object)


def _raws(entry: DocEntry) -> Any:
    """The entry's raw paragraphs, the text wherever the raw text equals it."""
    raws, texts = entry.raws, entry.texts
    if hasattr(raws, "to_pylist"):
        import pyarrow.compute as pc

        return pc.coalesce(raws, texts)
    return [t if r is None else r for r, t in zip(raws, texts, strict=True)]


#: Frame columns that hold one value per paragraph (the others: one per document).
_PARAGRAPH_COLUMNS = ("section", "para_no", "text", RAW_COLUMN)


def build_frame(docs: list[LoadedDoc], *, raw: bool = False) -> pd.DataFrame:
    """The frame of the kept documents, columns as in :data:`FRAME_COLUMNS` (and
    :data:`RAW_COLUMN` last with ``raw``): per-document columns from the metadata fields
    of the same name (``source``: the path)."""
    docs = sorted(docs, key=_sort_key)
    entries = [doc.entry for doc in docs if doc.entry is not None]
    metas = [doc.meta for doc in docs if doc.meta is not None]
    counts = np.array([entry.n_paragraphs for entry in entries], dtype=np.int64)

    def per_doc(name: str) -> Any:
        if name == "source":
            values: list[Any] = [str(doc.path) for doc in docs]
        else:
            values = [getattr(m, name) for m in metas]
        if name == "date":
            dates = np.array(
                [np.datetime64(d, "ns") if d else np.datetime64("NaT", "ns") for d in values],
                dtype="datetime64[ns]",
            )
            return np.repeat(dates, counts)
        return _repeated_strings(values, counts)

    para_no = (
        np.concatenate([np.arange(n, dtype=np.int64) for n in counts])
        if len(counts)
        else np.array([], dtype=np.int64)
    )
    columns: dict[str, Any] = {}
    for name in (*FRAME_COLUMNS, RAW_COLUMN) if raw else FRAME_COLUMNS:
        if name == "para_no":
            columns[name] = para_no
        elif name == "section":
            columns[name] = _string_column([e.sections for e in entries])
        elif name == "text":
            columns[name] = _string_column([e.texts for e in entries])
        elif name == RAW_COLUMN:
            columns[name] = _string_column([_raws(e) for e in entries])
        else:
            columns[name] = per_doc(name)
    frame = pd.DataFrame(columns)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    rows = [(m.doc_id, *r) for entry, m in zip(entries, metas, strict=True) for r in entry.repairs]
    frame.attrs["repairs"] = _repairs_frame(rows)
    frame.attrs["sources"] = _sources_table([m.doc_id for m in metas], [d.path for d in docs])
    return frame


def _sources_table(doc_ids: list[str], paths: Sequence[str | os.PathLike[str]]) -> RepairTable:
    """doc_id, source, size and mtime_ns of each document's file when it was loaded (what
    :func:`raw_text` checks before it reads the file again)."""
    sizes, times = [], []
    for path in paths:
        try:
            info = os.stat(path)
            sizes.append(info.st_size)
            times.append(info.st_mtime_ns)
        except OSError:
            sizes.append(-1)
            times.append(-1)
    return RepairTable(
        {
            "doc_id": pd.Series(doc_ids, dtype=object),
            "source": pd.Series([os.fspath(path) for path in paths], dtype=object),
            "size": pd.Series(sizes, dtype=np.int64),
            "mtime_ns": pd.Series(times, dtype=np.int64),
        }
    )


def raw_text(frame: pd.DataFrame) -> pd.Series:
    """The raw text of each row's paragraph: its original lines (for ``.md`` and ``.html``
    files, the reader's plain-text rendering), as a Series aligned with ``frame``.

    The corpus frame holds each text once; this reads each document's file again and
    splits it as :func:`load_corpus` did (paragraph boundaries never depend on the rest
    of the corpus).  A frame loaded with ``raw=True`` has them as its ``raw`` column,
    which is returned.  Raises :class:`FrameError` when ``frame.attrs`` does not say
    where the documents came from, or a file changed or vanished since it was loaded.

    >>> frame = load_corpus()
    >>> raws = raw_text(frame)
    >>> (raws.index == frame.index).all(), raws.iloc[0] == frame["text"].iloc[0]
    (np.True_, False)
    """
    check_columns(frame, ["source", "para_no"])
    if RAW_COLUMN in frame.columns:
        return frame[RAW_COLUMN].copy()
    table = frame.attrs.get("sources")
    if not isinstance(table, pd.DataFrame):
        raise FrameError(
            "frame.attrs has no 'sources' table: the frame was not made by "
            "sco_text.load_corpus(), or an operation dropped its attrs; "
            "load it with raw=True for a raw column"
        )
    loaded = {
        source: (int(size), int(mtime))
        for source, size, mtime in zip(
            table["source"].tolist(),
            table["size"].tolist(),
            table["mtime_ns"].tolist(),
            strict=True,
        )
    }
    sources = frame["source"].to_numpy(dtype=object)
    numbers = frame["para_no"].to_numpy()
    values = np.empty(len(frame), dtype=object)
    for source in dict.fromkeys(sources.tolist()):
        rows = np.flatnonzero(sources == source)
        values[rows] = _raw_paragraphs(str(source), loaded.get(source), numbers[rows])
    return pd.Series(values, index=frame.index, name=RAW_COLUMN, dtype=string_dtype())


def _raw_paragraphs(source: str, loaded: tuple[int, int] | None, numbers: Any) -> list[str]:
    """The raw paragraphs ``numbers`` of one file, checked unchanged since it was loaded."""
    try:
        info = os.stat(source)
    except OSError:
        raise FrameError(f"{source}: the file is gone since it was loaded") from None
    if loaded is None or loaded != (info.st_size, info.st_mtime_ns):
        raise FrameError(
            f"{source}: the file changed since it was loaded (or was not loaded); "
            "load the corpus again"
        )
    text, read = read_document(source, max_bytes=max(MAX_BYTES, info.st_size))
    raws = [p.raw for p in normalize(text, layout=read.get("layout", "auto")).paragraphs]
    try:
        return [raws[int(n)] for n in numbers]
    except (IndexError, ValueError, TypeError):
        raise FrameError(f"{source}: para_no values that the file does not have") from None


class RepairTable(pd.DataFrame):
    """The DataFrame kept in ``frame.attrs["repairs"]``; treat it as read-only.

    pandas deep-copies ``attrs`` on every operation and compares them with
    ``==`` in :func:`pandas.concat`, which fails for a plain DataFrame ("truth
    value ... is ambiguous"). This subclass is shared instead of copied, and
    ``==`` against another DataFrame answers one bool (same content or not), so
    ``pd.concat`` of corpus frames works and keeps the table when the frames
    share it. Every operation on it returns a plain DataFrame.

    >>> import copy
    >>> table = RepairTable({"doc_id": ["a"], "rule": ["x"]})
    >>> copy.deepcopy(table) is table, table == table.copy(), type(table.head()).__name__
    (True, True, 'DataFrame')
    """

    @property
    def _constructor(self) -> Any:
        return pd.DataFrame

    def __deepcopy__(self, memo: Any = None) -> RepairTable:
        return self

    def __eq__(self, other: object) -> Any:
        if isinstance(other, pd.DataFrame):
            return self is other or pd.DataFrame(self).equals(pd.DataFrame(other))
        return super().__eq__(other)

    __hash__ = None


def _repairs_frame(rows: list[tuple[Any, ...]]) -> RepairTable:
    # one list per column (zip(*rows) is slow for many rows); para_no: None -> <NA>
    columns = [[row[j] for row in rows] for j in range(len(REPAIR_COLUMNS))]
    para_no = columns[1]
    missing = np.array([n is None for n in para_no], dtype=bool)
    numbers = np.array([0 if n is None else n for n in para_no], dtype=np.int64)
    return RepairTable(
        {
            "doc_id": _strings(columns[0]),
            "para_no": pd.arrays.IntegerArray(numbers, missing),
            "rule": _strings(columns[2]),
            "before": _strings(columns[3]),
            "after": _strings(columns[4]),
        }
    )


def _strings(values: list[Any]) -> pd.Series:
    """``values`` (str) as pandas stores a column of str (Arrow strings in pandas 3: a
    few bytes a value instead of a Python object); object where Arrow cannot hold them
    (e.g. a lone surrogate)."""
    try:
        return pd.Series(pd.array(values, dtype=string_dtype()), copy=False)
    except (TypeError, ValueError, UnicodeError):
        return pd.Series(values, dtype=object)


# ---------------------------------------------------------------------------
# derived tables


def repairs(frame: pd.DataFrame) -> pd.DataFrame:
    """The repairs of the documents in ``frame`` (a copy of part of ``frame.attrs["repairs"]``).

    Raises :class:`FrameError` when ``frame.attrs`` has no repairs (the frame
    was not made by :func:`load_corpus`, or an operation dropped its attrs).

    >>> frame = load_corpus()
    >>> list(repairs(frame).columns)
    ['doc_id', 'para_no', 'rule', 'before', 'after']
    """
    check_columns(frame, ["doc_id"])
    table = frame.attrs.get("repairs")
    if not isinstance(table, pd.DataFrame):
        raise FrameError(
            "frame.attrs has no 'repairs' table: the frame was not made by "
            "sco_text.load_corpus(), or an operation dropped its attrs"
        )
    ids = set(frame["doc_id"].unique())
    result = pd.DataFrame(table[table["doc_id"].isin(ids)]).reset_index(drop=True).copy()
    result.attrs = {}
    return result


#: Longest text (characters) NLTK's Punkt gets in one call. Its regular expressions run
#: under a time limit (``nltk.redos``, 5 s a call) that a paragraph of a few megabytes can
#: exceed on a slow machine; a longer paragraph is split into windows of at most this
#: many characters (see :func:`_sentence_spans`), which give the same sentences.
PUNKT_MAX_CHARS = 50_000


def _last_space(text: str, start: int, end: int) -> int:
    """Index of the last white-space character of ``text[start:end]``, or -1."""
    for index in range(end - 1, start - 1, -1):
        if text[index].isspace():
            return index
    return -1


def _lines(text: str, max_chars: int) -> str:
    """``text`` with line breaks put at white space so that no line exceeds ``max_chars``
    (where there is white space to break at)."""
    if len(text) <= max_chars:
        return text
    lines: list[str] = []
    pos = 0
    while len(text) - pos > max_chars:
        space = _last_space(text, pos, pos + max_chars)
        cut = space if space > pos else pos + max_chars
        lines.append(text[pos:cut])
        pos = cut + 1 if space > pos else cut
    lines.append(text[pos:])
    return "\n".join(lines)


def _sentence_spans(tokenizer: Any, text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, Punkt given at most ``max_chars``
    characters at a time.

    A window ends at white space; the sentences it closes are kept and the next window
    starts where its last, perhaps unfinished, sentence starts. A window that closes no
    sentence is carried on: the next starts at its last word (so that word is seen with
    the one after it) and its text joins the sentence in progress. Punkt decides each
    break from the words around it, so the spans are those of one call on the whole text
    (unless two neighbouring words together are longer than ``max_chars``).
    """
    if len(text) <= max_chars:
        return list(tokenizer.span_tokenize(text))
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a sentence that began in an earlier window
    pos = 0
    while len(text) - pos > max_chars:
        space = _last_space(text, pos, pos + max_chars)
        cut = space if space > pos else pos + max_chars
        found = [(pos + s, pos + e) for s, e in tokenizer.span_tokenize(text[pos:cut])]
        if len(found) > 1:
            spans.append((found[0][0] if pending is None else pending, found[0][1]))
            spans.extend(found[1:-1])
            pending, pos = None, found[-1][0]
            continue
        if found and pending is None:
            pending = found[0][0]
        word = _last_space(text, pos, cut)  # the window's last word starts after it
        pos = word + 1 if word >= pos else cut
    found = [(pos + s, pos + e) for s, e in tokenizer.span_tokenize(text[pos:])]
    if pending is not None:
        if found:
            found[0] = (pending, found[0][1])
        else:
            found = [(pending, len(text.rstrip()))]
    spans.extend(found)
    return spans


def _punkt_gave_up(exc: TimeoutError) -> SCOTextError:
    return SCOTextError(
        "sentences(): NLTK's sentence splitter ran out of time on a paragraph "
        f"({exc}); split very long paragraphs, or lower sco_text.corpus.PUNKT_MAX_CHARS"
    )


def _tokenizer(texts: Sequence[str], *, max_chars: int = 2_000_000) -> Any:
    """A Punkt sentence tokenizer trained on ``texts`` (no downloaded data).

    Trained on the paragraphs in order until ``max_chars`` characters (for
    speed; the last one cut to fit), a paragraph longer than :data:`PUNKT_MAX_CHARS`
    given as several lines;
    then :data:`NOT_ABBREVIATIONS` are removed from the learnt abbreviations and
    :data:`ABBREVIATIONS` added.
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    sample: list[str] = []
    size = 0
    for text in texts:
        if size >= max_chars:
            break
        if len(text) > max_chars - size:  # the last one cut to fit, at white space
            space = _last_space(text, 0, max_chars - size)
            text = text[: space if space > 0 else max_chars - size]
        sample.append(_lines(text, PUNKT_MAX_CHARS))
        size += len(text)
    trainer = PunktTrainer()
    try:
        trainer.train("\n\n".join(sample), finalize=True)
    except TimeoutError as exc:
        raise _punkt_gave_up(exc) from None
    params = trainer.get_params()
    params.abbrev_types.difference_update(NOT_ABBREVIATIONS)
    params.abbrev_types.update(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentences(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: doc_id, section, para_no, sent_no, text.

    Sentences are split within paragraphs (never across) by NLTK's Punkt
    algorithm trained on the frame's own text, with :data:`ABBREVIATIONS` added
    and :data:`NOT_ABBREVIATIONS` (acronyms such as UN) removed; no model is
    downloaded. ``sent_no`` counts from 0 within each document in
    reading order. A paragraph longer than :data:`PUNKT_MAX_CHARS` is split in
    windows with the same sentences as a whole (NLTK's time limit on one call is
    never reached); if NLTK still gives up, :class:`SCOTextError` says so.

    >>> frame = pd.DataFrame({
    ...     "doc_id": ["d", "d"], "section": ["Preamble", "Security"], "para_no": [0, 1],
    ...     "text": ["They back the UN. Talks resume (New York, 30 August 2019).",
    ...              "See Art. 5 and No. 7 of the Charter. It holds."]})
    >>> sentences(frame)[["para_no", "sent_no", "text"]].values.tolist()
    [[0, 0, 'They back the UN.'], [0, 1, 'Talks resume (New York, 30 August 2019).'], \
[1, 2, 'See Art. 5 and No. 7 of the Charter.'], [1, 3, 'It holds.']]
    """
    check_columns(frame, ["doc_id", "section", "para_no", "text"])
    texts = frame["text"].astype(str).tolist()
    tokenizer = _tokenizer(texts)
    doc_col: list[Any] = []
    sec_col: list[Any] = []
    par_col: list[Any] = []
    num_col: list[int] = []
    txt_col: list[str] = []
    counters: dict[Any, int] = {}
    for doc_id, section, para_no, text in zip(
        frame["doc_id"].tolist(),
        frame["section"].tolist(),
        frame["para_no"].tolist(),
        texts,
        strict=True,
    ):
        number = counters.get(doc_id, 0)
        try:
            spans = _sentence_spans(tokenizer, text, PUNKT_MAX_CHARS)
        except TimeoutError as exc:
            raise _punkt_gave_up(exc) from None
        for start, end in spans:
            sentence = text[start:end]
            doc_col.append(doc_id)
            sec_col.append(section)
            par_col.append(para_no)
            num_col.append(number)
            txt_col.append(sentence)
            number += 1
        counters[doc_id] = number
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_col, dtype=object),
            "section": pd.Series(sec_col, dtype=object),
            "para_no": pd.Series(par_col, dtype=np.int64),
            "sent_no": pd.Series(num_col, dtype=np.int64),
            "text": pd.Series(txt_col, dtype=object),
        }
    )


def documents(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per document, in the frame's order.

    Columns: doc_id, title, date, date_precision, place, kind, series, country
    (those three when the frame has them), source, n_sections (distinct
    section headings), n_paragraphs (rows), n_sentences (see :func:`sentences`),
    n_words (:func:`sco_text.text.count_words`, the same words as the per-1,000
    rates of the analyses: hyphenated words, ``U.S``, ``2.5`` and ``R&D`` each
    count once). A missing text (None, NaN) counts as an empty paragraph.

    >>> frame = pd.DataFrame({
    ...     "doc_id": ["a", "a", "b"], "title": ["A", "A", "B"],
    ...     "date": pd.to_datetime(["2020-11-10", "2020-11-10", None]),
    ...     "place": ["Moscow", "Moscow", ""], "kind": ["declaration"] * 2 + ["speech"],
    ...     "source": ["a.txt", "a.txt", "b.txt"], "section": ["Preamble", "Security", "Preamble"],
    ...     "para_no": [0, 1, 0], "text": ["One two. Three!", "Non-interference matters.", "Hi."]})
    >>> documents(frame)[["doc_id", "n_sections", "n_paragraphs", "n_sentences", "n_words"]]
      doc_id  n_sections  n_paragraphs  n_sentences  n_words
    0      a           2             2            3        5
    1      b           1             1            1        1
    """
    needed = ["doc_id", "title", "date", "place", "kind", "source", "section", "para_no", "text"]
    check_columns(frame, needed)
    ids = frame["doc_id"].tolist()
    order = list(dict.fromkeys(ids))
    first: dict[Any, int] = {}
    for position, doc_id in enumerate(ids):
        first.setdefault(doc_id, position)
    sections: dict[Any, set[Any]] = {d: set() for d in order}
    n_paragraphs = dict.fromkeys(order, 0)
    n_words = dict.fromkeys(order, 0)
    texts = [t if isinstance(t, str) else "" for t in frame["text"].tolist()]
    for doc_id, section, text in zip(ids, frame["section"].tolist(), texts, strict=True):
        sections[doc_id].add(section)
        n_paragraphs[doc_id] += 1
        n_words[doc_id] += count_words(text)
    n_sentences = dict.fromkeys(order, 0)
    if len(frame):
        parts = frame[["doc_id", "section", "para_no"]].assign(text=texts)
        for doc_id in sentences(parts)["doc_id"].tolist():
            n_sentences[doc_id] += 1
    rows = [first[d] for d in order]
    optional = {  # metadata columns of FRAME_COLUMNS a hand-made frame may lack
        column: frame[column].iloc[rows].tolist()
        for column in ("date_precision", "series", "country")
        if column in frame.columns
    }
    result = pd.DataFrame(
        {
            "doc_id": pd.Series(order, dtype=object),
            "title": frame["title"].iloc[rows].tolist(),
            "date": frame["date"].iloc[rows].to_numpy(),
            **(
                {"date_precision": optional.pop("date_precision")}
                if "date_precision" in optional
                else {}
            ),
            "place": frame["place"].iloc[rows].tolist(),
            "kind": frame["kind"].iloc[rows].tolist(),
            **optional,
            "source": frame["source"].iloc[rows].tolist(),
            "n_sections": pd.Series([len(sections[d]) for d in order], dtype=np.int64),
            "n_paragraphs": pd.Series([n_paragraphs[d] for d in order], dtype=np.int64),
            "n_sentences": pd.Series([n_sentences[d] for d in order], dtype=np.int64),
            "n_words": pd.Series([n_words[d] for d in order], dtype=np.int64),
        }
    )
    return result
