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
import string
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._validate import check_choice, check_columns
from .errors import CorpusError, FrameError
from .metadata import (
    DocMetadata,
    apply_overrides,
    find_yaml_sidecar,
    infer_metadata,
    read_metadata_csv,
    read_yaml_sidecar,
)
from .normalizer import normalize
from .readers import SUPPORTED_EXTENSIONS, read_document
from .text import count_words

__all__ = [
    "ABBREVIATIONS",
    "FRAME_COLUMNS",
    "NOT_ABBREVIATIONS",
    "REPAIR_COLUMNS",
    "RepairTable",
    "default_paths",
    "documents",
    "find_project_root",
    "load_corpus",
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
    "place",
    "kind",
    "source",
    "section",
    "para_no",
    "text",
    "raw",
)
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


def _skip_name(path: Path) -> bool:
    name = path.name.lower()
    return (
        "readme" in path.stem.lower()
        or name == "metadata.csv"
        or name.endswith((".meta.yaml", ".meta.yml"))
        or name.startswith(".")
    )


def _collect(paths: Iterable[_PathArg]) -> list[tuple[Path, Path]]:
    """``(file, root folder for metadata.csv lookup)`` for every document path."""
    found: list[tuple[Path, Path]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_EXTENSIONS
                and not _skip_name(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend((p, path) for p in files)
        elif path.exists():
            found.append((path, path.parent))
        else:
            raise CorpusError(path, "no such file or directory")
    return found


# ---------------------------------------------------------------------------
# loading


@dataclass
class _Doc:
    path: Path
    root: Path
    text: str
    info: dict[str, Any]
    meta: DocMetadata | None = None
    paragraphs: list[Any] = field(default_factory=list)
    repairs: list[tuple[Any, ...]] = field(default_factory=list)


class _Vocabulary(Collection[str]):
    """Lower-cased words of all texts (hyphen evidence for the normaliser).

    Built on first use only: most documents never ask (no line-end hyphens).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._words: set[str] | None = None

    def _build(self) -> set[str]:
        if self._words is None:
            tokens: set[str] = set()
            for text in self._texts:
                tokens.update(text.split())
            # lower-cased and stripped once per distinct token (the same words as lower-casing
            # the texts: white space ends a token, and no case mapping crosses it)
            words = {token.lower().strip(_PUNCT) for token in tokens}
            words.discard("")
            self._words = words
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._build()

    def __iter__(self) -> Iterator[str]:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())


def _reader_repairs(info: dict[str, Any]) -> list[tuple[None, str, str, str]]:
    rows: list[tuple[None, str, str, str]] = []
    if info.get("encoding") not in ("", "utf-8", None):
        rows.append((None, "reader:encoding", "utf-8", str(info["encoding"])))
    if info.get("bom"):
        rows.append((None, "reader:bom", "\ufeff", ""))
    if info.get("crlf"):
        rows.append((None, "reader:line-ends", "\r\n", "\n"))
    return rows


class _Sidecars:
    """metadata.csv files (cached per folder) and YAML sidecars."""

    def __init__(self, report: Any) -> None:
        self._csv: dict[Path, dict[Path, dict[str, Any]]] = {}
        self._listing: dict[Path, frozenset[str]] = {}
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

    def _csv_for(self, folder: Path) -> dict[Path, dict[str, Any]]:
        if folder not in self._csv:
            csv_path = folder / "metadata.csv"
            table: dict[Path, dict[str, Any]] = {}
            if "metadata.csv" in self._names(folder) and csv_path.is_file():
                try:
                    table = read_metadata_csv(csv_path)
                except CorpusError as exc:
                    self._report(exc, "its values are ignored")
            self._csv[folder] = table
        return self._csv[folder]

    def overrides(self, doc: _Doc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        folders = [doc.path.parent]
        folder = doc.path.parent
        while folder != doc.root and doc.root in folder.parents:
            folder = folder.parent
            folders.append(folder)
        tables = [self._csv_for(f) for f in reversed(folders)]  # nearer metadata.csv wins
        if any(tables):
            resolved = doc.path.resolve()
            for table in tables:
                result.update(table.get(resolved, {}))
        names = self._names(doc.path.parent)
        stem, name = doc.path.stem, doc.path.name
        wanted = {f"{base}{ext}" for base in (stem, name) for ext in (".meta.yaml", ".meta.yml")}
        sidecar = find_yaml_sidecar(doc.path) if names & wanted else None
        if sidecar is not None:
            try:
                result.update(read_yaml_sidecar(sidecar))
            except CorpusError as exc:
                self._report(exc, "its values are ignored")
        return result


def load_corpus(
    paths: _PathArg | Sequence[_PathArg] | None = None,
    *,
    errors: str = "raise",
    progress: bool = False,
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

    ``errors="raise"`` stops at the first bad file with :class:`CorpusError`
    (the path and the reason); ``errors="warn"`` skips it with a warning naming
    it and loads the rest. A broken sidecar is an error too; with "warn" its
    values are ignored. Two documents with the same ``doc_id`` are an error
    naming both files ("warn" keeps the first in path order).
    ``progress=True`` shows a tqdm progress bar.

    Columns, in order (rows sorted by date, doc_id, para_no; unknown dates last):

    ======== ============== ===================================================
    doc_id   str            stable slug, e.g. ``2020-moscow-declaration``
    title    str            document title ("" if none)
    date     datetime64[ns] meeting date (NaT if unknown)
    place    str            meeting place ("" if unknown)
    kind     str            declaration, statement, address, report, speech,
                            document
    source   str            path of the file the document was read from
    section  str            section heading; ``Preamble`` before the first one
    para_no  int64          0-based paragraph number within the document
    text     str            normalised paragraph text (one line)
    raw      str            the paragraph's original lines (for ``.md`` and
                            ``.html`` files: the reader's plain-text rendering)
    ======== ============== ===================================================

    Each text goes through :func:`sco_text.normalizer.normalize` (layout
    "auto" for ``.txt``/``.pdf``, "wrapped" for the paragraph-per-line
    rendering of ``.md``/``.html``), with the lower-cased words of all loaded
    documents as ``words=`` (hyphen evidence; built only if the normaliser asks).
    Metadata rules: :mod:`sco_text.metadata`; sidecars: ``corpus/README.md``.
    ``frame.attrs["repairs"]`` is a frame (doc_id, para_no (Int64, <NA> for
    removed lines and reader facts), rule, before, after) of every change the
    normaliser made, plus reader facts (rules ``reader:encoding``,
    ``reader:bom``, ``reader:line-ends``); see :func:`repairs`. It is a
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

    def report(exc: CorpusError, consequence: str = "skipped") -> None:
        if errors == "raise":
            raise exc
        warnings.warn(f"load_corpus: {exc} ({consequence})", UserWarning, stacklevel=3)

    if paths is None:
        given: list[_PathArg] = list(default_paths())
    elif isinstance(paths, (str, os.PathLike)):
        given = [paths]
    else:
        given = list(paths)

    found: list[tuple[Path, Path]] = []
    for item in given:
        try:
            found.extend(_collect([item]))
        except CorpusError as exc:
            report(exc)

    with _gc_paused():
        return _load(found, report, progress=progress)


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


def _load(
    found: list[tuple[Path, Path]],
    report: Callable[[CorpusError], None],
    *,
    progress: bool,
) -> pd.DataFrame:
    """Read, normalise and describe each found file, then build the frame."""
    docs: list[_Doc] = []
    for path, root in found:
        try:
            text, info = read_document(path)
        except CorpusError as exc:
            report(exc)
            continue
        docs.append(_Doc(path=path, root=root, text=text, info=info))

    words = _Vocabulary([doc.text for doc in docs])
    sidecars = _Sidecars(report)
    kept: list[_Doc] = []
    seen: dict[str, _Doc] = {}
    iterator: Iterable[_Doc] = docs
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(docs, desc="normalising", unit="file")
    for doc in iterator:
        try:
            norm = normalize(doc.text, layout=doc.info.get("layout", "auto"), words=words)
            if not norm.paragraphs:
                raise CorpusError(doc.path, "no body text after normalisation")
            meta = infer_metadata(
                norm.title,
                [p.text for p in norm.paragraphs[:3]],
                front_matter=norm.front_matter,
                back_matter=norm.back_matter,
                source=doc.path,
                fallback_title=doc.info.get("title", ""),
            )
            meta = apply_overrides(meta, sidecars.overrides(doc), source=doc.path)
            if meta.doc_id in seen:
                raise CorpusError(
                    doc.path,
                    f"doc_id {meta.doc_id!r} is already used by {seen[meta.doc_id].path}; "
                    "set another doc_id in a sidecar (see corpus/README.md)",
                )
        except CorpusError as exc:
            report(exc)
            continue
        doc.meta = meta
        doc.paragraphs = list(norm.paragraphs)
        doc.repairs = [
            *_reader_repairs(doc.info),
            *((r.para_no, r.rule, r.before, r.after) for r in norm.repairs),
        ]
        seen[meta.doc_id] = doc
        kept.append(doc)
    return _build(kept)


def _sort_key(doc: _Doc) -> tuple[bool, dt.date, str]:
    assert doc.meta is not None
    date = doc.meta.date
    return (date is None, date or dt.date.min, doc.meta.doc_id)


def _build(docs: list[_Doc]) -> pd.DataFrame:
    docs = sorted(docs, key=_sort_key)
    metas = [doc.meta for doc in docs if doc.meta is not None]
    counts = np.array([len(doc.paragraphs) for doc in docs], dtype=np.int64)

    def per_doc(values: list[Any], dtype: Any = object) -> Any:
        return np.repeat(np.array(values, dtype=dtype), counts)

    dates = np.array(
        [np.datetime64(m.date, "ns") if m.date else np.datetime64("NaT", "ns") for m in metas],
        dtype="datetime64[ns]",
    )
    sections: list[str] = []
    texts: list[str] = []
    raws: list[str] = []
    for doc in docs:
        for paragraph in doc.paragraphs:
            sections.append(paragraph.section)
            texts.append(paragraph.text)
            raws.append(paragraph.raw)
    para_no = (
        np.concatenate([np.arange(n, dtype=np.int64) for n in counts])
        if len(counts)
        else np.array([], dtype=np.int64)
    )
    frame = pd.DataFrame(
        {
            "doc_id": per_doc([m.doc_id for m in metas]),
            "title": per_doc([m.title for m in metas]),
            "date": np.repeat(dates, counts),
            "place": per_doc([m.place for m in metas]),
            "kind": per_doc([m.kind for m in metas]),
            "source": per_doc([str(doc.path) for doc in docs]),
            "section": np.array(sections, dtype=object),
            "para_no": para_no,
            "text": np.array(texts, dtype=object),
            "raw": np.array(raws, dtype=object),
        }
    )
    frame["date"] = frame["date"].astype("datetime64[ns]")
    rows = [(m.doc_id, *r) for doc, m in zip(docs, metas, strict=True) for r in doc.repairs]
    frame.attrs["repairs"] = _repairs_frame(rows)
    return frame


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
            "doc_id": pd.Series(columns[0], dtype=object),
            "para_no": pd.arrays.IntegerArray(numbers, missing),
            "rule": pd.Series(columns[2], dtype=object),
            "before": pd.Series(columns[3], dtype=object),
            "after": pd.Series(columns[4], dtype=object),
        }
    )


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


def _tokenizer(texts: Sequence[str], *, max_chars: int = 2_000_000) -> Any:
    """A Punkt sentence tokenizer trained on ``texts`` (no downloaded data).

    Trained on the paragraphs in order until ``max_chars`` characters (for
    speed); then :data:`NOT_ABBREVIATIONS` are removed from the learnt
    abbreviations and :data:`ABBREVIATIONS` added.
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    sample: list[str] = []
    size = 0
    for text in texts:
        if size >= max_chars:
            break
        sample.append(text)
        size += len(text)
    trainer = PunktTrainer()
    trainer.train("\n\n".join(sample), finalize=True)
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
    reading order.

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
        for sentence in tokenizer.tokenize(text):
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

    Columns: doc_id, title, date, place, kind, source, n_sections (distinct
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
    result = pd.DataFrame(
        {
            "doc_id": pd.Series(order, dtype=object),
            "title": frame["title"].iloc[rows].tolist(),
            "date": frame["date"].iloc[rows].to_numpy(),
            "place": frame["place"].iloc[rows].tolist(),
            "kind": frame["kind"].iloc[rows].tolist(),
            "source": frame["source"].iloc[rows].tolist(),
            "n_sections": pd.Series([len(sections[d]) for d in order], dtype=np.int64),
            "n_paragraphs": pd.Series([n_paragraphs[d] for d in order], dtype=np.int64),
            "n_sentences": pd.Series([n_sentences[d] for d in order], dtype=np.int64),
            "n_words": pd.Series([n_words[d] for d in order], dtype=np.int64),
        }
    )
    return result
