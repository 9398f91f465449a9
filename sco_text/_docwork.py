"""What one file becomes (read, normalise, describe), in this process or in a pool of them.

:func:`make_entry` turns one file into a :class:`~sco_text.cache.DocEntry`; the corpus
vocabulary (lower-cased words of every readable file, hyphen evidence for the
normaliser) is given to it as a collection, and every question the normaliser asks it is
recorded in the entry (so the cache knows what the result depends on).

:class:`Pool` runs the same functions in worker processes: first each worker collects
the words of its share of the files (keeping what it read), then the workers normalise
the same documents with the whole vocabulary, results coming back in input order, so
the output is identical to the one-process path.  Paragraphs come back as Arrow arrays
(compact to send, and what the frame holds).  Worker processes start with ``forkserver`` (POSIX)
or ``spawn`` (Windows): they never inherit the caller's threads.
"""

from __future__ import annotations

import multiprocessing
import os
import string
import sys
import tempfile
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .cache import DocEntry, meta_fields
from .errors import CorpusError
from .metadata import infer_metadata
from .normalizer import normalize
from .pdfgeometry import current_pdf_limits, use_pdf_limits
from .readers import MAX_BYTES, read_document

__all__ = ["AskedWords", "Pool", "Vocabulary", "make_entry", "token_words", "words_of"]

_PUNCT = string.punctuation + "“”‘’«»–—…"

#: (index, path, key) of one document to make.
Task = tuple[int, str, str]
#: ("ok", index, entry) or ("error", index, path, reason).
Outcome = tuple[Any, ...]


def token_words(tokens: Iterable[str]) -> set[str]:
    """Lower-cased tokens with their outer punctuation stripped (empty ones dropped)."""
    words = {token.lower().strip(_PUNCT) for token in tokens}
    words.discard("")
    return words


class Vocabulary(Collection[str]):
    """Lower-cased words of all texts (hyphen evidence for the normaliser).

    ``texts`` is called on first use only: most documents never ask (no line-end
    hyphens).  White space ends a token and no case mapping crosses it, so the words
    are those of the lower-cased texts.
    """

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        self._texts = texts
        self._words: Collection[str] | None = None

    def words(self) -> Collection[str]:
        if self._words is None:
            self._words = _words_of_texts(self._texts())
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self.words()

    def __iter__(self) -> Iterator[str]:
        return iter(self.words())

    def __len__(self) -> int:
        return len(self.words())


class AskedWords(Collection[str]):
    """A view of a vocabulary that records each question and its answer.

    ``asked`` maps every word looked up to the answer; ``whole`` is True once the
    vocabulary was iterated or measured (the result then depends on all of it).
    """

    def __init__(self, words: Collection[str]) -> None:
        self._words = words
        self.asked: dict[str, bool] = {}
        self.whole = False

    def __contains__(self, word: object) -> bool:
        answer = word in self._words
        if isinstance(word, str):
            self.asked[word] = answer
        else:  # pragma: no cover - the normaliser asks about str only
            self.whole = True
        return answer

    def __iter__(self) -> Iterator[str]:
        self.whole = True
        return iter(self._words)

    def __len__(self) -> int:
        self.whole = True
        return len(self._words)


def _reader_repairs(info: dict[str, Any]) -> list[tuple[None, str, str, str]]:
    rows: list[tuple[None, str, str, str]] = []
    if info.get("encoding") not in ("", "utf-8", None):
        rows.append((None, "reader:encoding", "utf-8", str(info["encoding"])))
    if info.get("bom"):
        rows.append((None, "reader:bom", "\ufeff", ""))
    if info.get("crlf"):
        rows.append((None, "reader:line-ends", "\r\n", "\n"))
    # a PDF reader's removed lines and rewritten glyphs: (rule, before, after)
    rows.extend((None, rule, before, after) for rule, before, after in info.get("repairs", ()))
    return rows


def make_entry(
    path: Path,
    key: str,
    words: Collection[str],
    *,
    read: tuple[str, dict[str, Any]] | None = None,
    max_bytes: int = MAX_BYTES,
) -> DocEntry:
    """Read (unless ``read`` gives ``(text, info)``), normalise and describe one file.

    Raises :class:`CorpusError` for a file that cannot be read or has no body text.
    The metadata is the inferred one (sidecars are applied by the caller).
    """
    text, info = read if read is not None else read_document(path, max_bytes=max_bytes)
    asked = AskedWords(words)
    norm = normalize(text, layout=info.get("layout", "auto"), words=asked)
    if not norm.paragraphs:
        raise CorpusError(path, "no body text after normalisation")
    meta = infer_metadata(
        norm.title,
        [p.text for p in norm.paragraphs[:3]],
        front_matter=norm.front_matter,
        back_matter=norm.back_matter,
        source=path,
        fallback_title=info.get("title", ""),
    )
    texts = [p.text for p in norm.paragraphs]
    return DocEntry(
        key=key,
        meta=meta_fields(meta),
        sections=[p.section for p in norm.paragraphs],
        texts=texts,
        raws=[None if p.raw == t else p.raw for p, t in zip(norm.paragraphs, texts, strict=True)],
        repairs=[
            *_reader_repairs(info),
            *((r.para_no, r.rule, r.before, r.after) for r in norm.repairs),
        ],
        asked=None if asked.whole else asked.asked,
    )


def words_of(paths: Sequence[str], max_bytes: int = MAX_BYTES) -> str:
    """The words (as for :class:`Vocabulary`) of the readable files among ``paths``,
    joined by newlines (a word never holds white space)."""
    return "\n".join(_words_of_texts(_read_texts(paths, max_bytes, keep=False)))


def _read_texts(paths: Sequence[str], max_bytes: int, *, keep: bool) -> Iterator[str]:
    """The texts of the readable files among ``paths``; with ``keep``, what each read gave
    is kept for :func:`_run` in this (worker) process."""
    for path in paths:
        try:
            read = read_document(path, max_bytes=max_bytes)
        except CorpusError as exc:
            if keep:
                _WORKER_READ[path] = exc
            continue
        if keep:
            _WORKER_READ[path] = read
        yield read[0]


#: The distinct whitespace-separated pieces of this many characters of text are found
#: by one Arrow call (its white space is Python's ``str.split()``'s).
WORDS_BATCH_CHARS = 8_000_000


def _words_of_texts(texts: Iterable[str]) -> set[str]:
    """:func:`token_words` of all the texts' whitespace-separated tokens (distinct tokens
    found by Arrow in batches; no list of every token in Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tokens: set[str] = set()
    batch: list[str] = []
    size = 0

    def flush() -> None:
        try:
            array = pa.array(batch, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # e.g. a lone surrogate
            for text in batch:
                tokens.update(text.split())
        else:
            # split at ASCII white space (faster), then split again the few distinct
            # pieces with other characters than printable ASCII: the same pieces as
            # splitting at all white space (ASCII white space is white space)
            pieces = pc.unique(pc.list_flatten(pc.ascii_split_whitespace(array)))
            other = pc.match_substring_regex(pieces, "[^!-~]")
            tokens.update(pieces.filter(pc.invert(other)).to_pylist())
            resplit = pc.utf8_split_whitespace(pieces.filter(other))
            tokens.update(pc.unique(pc.list_flatten(resplit)).to_pylist())
        batch.clear()

    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= WORDS_BATCH_CHARS:
            flush()
            size = 0
    if batch:
        flush()
    return token_words(tokens)


# -- the worker side --------------------------------------------------------------------------
class _WordsFile(Collection[str]):
    """The corpus vocabulary in a worker: read from the file the pool wrote, on first use."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        if self._words is None:
            text = Path(self._path).read_text(encoding="utf-8")
            self._words = frozenset(text.split("\n")) - {""}
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self.words()

    def __iter__(self) -> Iterator[str]:
        return iter(self.words())

    def __len__(self) -> int:
        return len(self.words())


_WORKER_WORDS: dict[str, _WordsFile] = {}
#: In a worker: what reading each file of its share gave (text and info, or the error),
#: from :func:`_read_share` until :func:`_run` normalises it.
_WORKER_READ: dict[str, tuple[str, dict[str, Any]] | CorpusError] = {}


def _read_share(paths: Sequence[str], max_bytes: int) -> str:
    """In a worker: read ``paths`` (kept for :func:`_run`) and return their words."""
    _WORKER_READ.clear()
    return "\n".join(_words_of_texts(_read_texts(paths, max_bytes, keep=True)))


def _arrow(values: list[Any]) -> Any:
    """A list of str (or None) as a pyarrow array (compact to send), else the list."""
    import pyarrow as pa

    try:
        return pa.array(values, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):  # pragma: no cover - e.g. a lone surrogate
        return values


def _run(task: tuple[int, str, str, str, int, bool]) -> Outcome:
    index, path, key, words_path, max_bytes, keep_raws = task
    words = _WORKER_WORDS.get(words_path)
    if words is None:  # one vocabulary per load; forget the previous load's
        _WORKER_WORDS.clear()
        words = _WORKER_WORDS[words_path] = _WordsFile(words_path)
    read = _WORKER_READ.pop(path, None)
    try:
        if isinstance(read, CorpusError):
            raise read
        entry = make_entry(Path(path), key, words, read=read, max_bytes=max_bytes)
    except CorpusError as exc:
        return ("error", index, exc.path, exc.reason)
    entry.sections = _arrow(entry.sections)
    entry.texts = _arrow(entry.texts)
    entry.raws = _arrow(entry.raws) if keep_raws else None
    return ("ok", index, entry)


def _context() -> Any:
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sco_text._docwork"])
    return context


def default_workers() -> int:
    """The processes a pool uses by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class Pool:
    """Worker processes for one load; :meth:`close` ends them.

    Each worker has an executor of its own and a fixed share of the files (every
    ``workers``-th one): it reads them once, for the vocabulary, keeps what it read and
    normalises the same files later, so no file is read twice.  The vocabulary the
    workers gather goes to a temporary file that each worker reads when its normaliser
    first asks about a word.  Results come back in the order of the tasks.
    """

    def __init__(self, workers: int, *, max_bytes: int = MAX_BYTES) -> None:
        self.workers = workers
        self.max_bytes = max_bytes
        # the PDF limits in force here (sco_text.pdf_limits) hold in the workers too
        self._executors = [
            ProcessPoolExecutor(
                1,
                mp_context=_context(),
                initializer=use_pdf_limits,
                initargs=(current_pdf_limits(),),
            )
            for _ in range(workers)
        ]
        self._tmp = tempfile.TemporaryDirectory(prefix="sco-text-")
        self._words_path = ""
        self._words: frozenset[str] | None = None

    def words(self, paths: Sequence[str]) -> frozenset[str]:
        """The vocabulary of ``paths``, each worker reading its share of them."""
        if self._words is None:
            shares = [list(paths[i :: self.workers]) for i in range(self.workers)]
            futures = [
                executor.submit(_read_share, share, self.max_bytes)
                for executor, share in zip(self._executors, shares, strict=True)
            ]
            words: set[str] = set()
            for future in futures:
                joined = future.result()
                if joined:
                    words.update(joined.split("\n"))
            self._words = frozenset(words)
            self._words_path = os.path.join(self._tmp.name, f"words-{uuid.uuid4().hex}.txt")
            Path(self._words_path).write_text("\n".join(self._words), encoding="utf-8")
        return self._words

    def make(
        self, tasks: Sequence[Task], paths: Sequence[str], *, keep_raws: bool = True
    ) -> Iterator[Outcome]:
        """Outcomes of ``tasks`` in their order (``paths``: all files, for the vocabulary;
        a task's index is its file's place in ``paths``).  ``keep_raws=False``: entries
        come without their raw paragraphs (``raws`` None)."""
        self.words(paths)
        shares: list[list[tuple[Any, ...]]] = [[] for _ in self._executors]
        for task in tasks:  # each file to the worker that read it
            shares[task[0] % self.workers].append(
                (*task, self._words_path, self.max_bytes, keep_raws)
            )
        results = [
            executor.map(_run, jobs, chunksize=max(1, min(16, len(jobs) // 8)))
            for executor, jobs in zip(self._executors, shares, strict=True)
        ]
        for task in tasks:
            yield next(results[task[0] % self.workers])

    def close(self) -> None:
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)
        self._tmp.cleanup()
