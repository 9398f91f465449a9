"""Readers: the bytes of one file on disk -> its raw text.

One function per format, plus :func:`read_document`, which picks the reader by
file extension. Every reader returns ``(text, info)``: ``text`` uses ``"\\n"``
line ends and is what the normaliser works on; ``info`` records facts about the
reading (``format``, ``encoding``, a ``title`` found in the markup, the
``layout`` the normaliser should assume, and ``notes`` such as "converted CRLF
line ends"). Files are only ever opened for reading.

Markdown and HTML are rendered as one paragraph per line with blank lines
between paragraphs and headings, and marked ``layout="wrapped"`` so that the
normaliser still finds the title block and the section headings in them.

Text decoding (``.txt``, ``.md``, ``.html``):

1. a byte-order mark decides: UTF-8 (BOM dropped), UTF-16 LE/BE;
2. otherwise bytes containing NUL are binary -> :class:`CorpusError` (binary
   files that have no NUL byte are almost never valid UTF-8 and end in step 4);
3. otherwise strict UTF-8;
4. if that fails, cp1252 (the usual "ANSI" encoding of Windows editors), but only
   when every byte decodes and the result looks like text: no control
   characters other than tab, line feed, carriage return and form feed. Anything
   else is reported as undecodable rather than guessed.

``info["encoding"]`` names the encoding used.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "note.txt"
>>> _ = path.write_bytes("Caf\\xe9 \\u2013 d\\xe9j\\xe0 vu\\r\\n".encode("cp1252"))
>>> text, info = read_document(path)
>>> text, info["encoding"]
('Café – déjà vu\\n', 'cp1252')
>>> read_document(folder / "note.docx")
Traceback (most recent call last):
...
sco_text.errors.CorpusError: ...note.docx: unsupported file type '.docx'; supported: ...
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .errors import CorpusError

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "decode_text",
    "read_document",
    "read_html",
    "read_markdown",
    "read_pdf",
    "read_text_file",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: File extensions :func:`read_document` accepts (lower case, with the dot).
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".htm", ".html", ".md", ".pdf", ".txt")

_PathLike = str | os.PathLike[str]
Info = dict[str, Any]

# C0 control characters that never occur in ordinary text files.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# cp1252 maps 0x80-0x9f to punctuation; latin-1 would make them C1 controls.
_C1 = re.compile(r"[\x80-\x9f]")


def _read_bytes(path: _PathLike) -> bytes:
    try:
        with open(path, "rb") as handle:  # read-only, never written
            return handle.read()
    except IsADirectoryError:
        raise CorpusError(path, "is a directory, not a file") from None
    except FileNotFoundError:
        raise CorpusError(path, "no such file") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from None


def decode_text(data: bytes, path: _PathLike = "<bytes>") -> tuple[str, Info]:
    """Decode file bytes to text following the module's rules (see above).

    Returns ``(text, info)``: ``info["encoding"]``, ``info["bom"]`` (a byte-order
    mark was removed), ``info["crlf"]`` (CR/CRLF line ends were converted to
    ``"\\n"``) and ``info["notes"]`` (the same facts in words).

    >>> decode_text(b"\\xef\\xbb\\xbfHello\\r\\nWorld")[0]
    'Hello\\nWorld'
    >>> decode_text(b"abc\\x00def")
    Traceback (most recent call last):
    ...
    sco_text.errors.CorpusError: <bytes>: binary data (NUL bytes), not a text file
    """
    notes: list[str] = []
    bom = False
    if not data.strip():
        raise CorpusError(path, "empty file (no text)")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body, bom = "utf-8", data[3:], True
        notes.append("removed UTF-8 byte-order mark")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body, bom = "utf-16", data, True
    else:
        encoding, body = "utf-8", data
        if b"\x00" in data:
            raise CorpusError(path, "binary data (NUL bytes), not a text file")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise CorpusError(path, f"undecodable bytes: not valid {encoding}") from None
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(
                path,
                f"undecodable bytes: not UTF-8 (byte {body[exc.start]:#04x} at offset "
                f"{exc.start}) and not cp1252 text; save the file as UTF-8",
            ) from None
        if _CONTROL.search(text) or _C1.search(text):
            raise CorpusError(
                path,
                f"undecodable bytes: not UTF-8 (byte {body[exc.start]:#04x} at offset "
                f"{exc.start}) and not plausible cp1252 text; save the file as UTF-8",
            ) from None
        encoding = "cp1252"
        notes.append("not valid UTF-8; decoded as cp1252")
    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("converted CR/CRLF line ends to LF")
    if not text.strip():
        raise CorpusError(path, "empty file (only white space)")
    return text, {"encoding": encoding, "bom": bom, "crlf": crlf, "notes": notes}


def read_text_file(path: _PathLike) -> tuple[str, Info]:
    """Read a plain-text file (``.txt``), e.g. text extracted from a PDF.

    The text is returned as decoded (see the module docstring); the normaliser
    decides the layout (``info["layout"] == "auto"``).
    """
    text, info = decode_text(_read_bytes(path), path)
    info.update(format="text", layout="auto", title="")
    return text, info


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_CODE = re.compile(r"`([^`]*)`")


def _strip_inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def markdown_to_text(source: str) -> str:
    """Strip Markdown syntax minimally: one paragraph per line, blank-line separated.

    Headings (``#``) become their own lines, emphasis/link/code markers are
    removed, the lines of a paragraph are joined with single spaces, list items
    stay one per line, a thematic break (``***``) is kept as ``***``.

    >>> print(markdown_to_text("# Title\\n\\nSome *very*\\n**bold** text.\\n\\n- a\\n- b"))
    Title
    <BLANKLINE>
    Some very bold text.
    <BLANKLINE>
    - a
    <BLANKLINE>
    - b
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in source.split("\n"):
        stripped = line.strip()
        heading = _MD_HEADING.match(line)
        if not stripped:
            flush()
        elif _MD_RULE.match(line):
            flush()
            paragraphs.append("***")
        elif heading:
            flush()
            paragraphs.append(_strip_inline_markdown(heading.group(2)))
        elif _MD_LIST.match(line):
            flush()
            current.append(_strip_inline_markdown(stripped))
        else:
            current.append(_strip_inline_markdown(stripped.lstrip("> ").strip() or stripped))
    flush()
    return "\n\n".join(p for p in paragraphs if p.strip())


def read_markdown(path: _PathLike) -> tuple[str, Info]:
    """Read a Markdown file (``.md``); see :func:`markdown_to_text`.

    ``info["title"]`` is the first level-1 heading, if any.
    """
    source, info = decode_text(_read_bytes(path), path)
    title = ""
    for line in source.split("\n"):
        match = _MD_HEADING.match(line)
        if match and len(match.group(1)) == 1:
            title = _strip_inline_markdown(match.group(2))
            break
    text = markdown_to_text(source)
    if not text.strip():
        raise CorpusError(path, "empty file (no text after removing Markdown syntax)")
    info.update(format="markdown", layout="wrapped", title=title)
    return text, info


_BLOCK_TAGS = _wordset(
    "address article aside blockquote body caption dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td "
    "tfoot th thead tr ul"
)
_SKIP_TAGS = _wordset("script style noscript template head svg math iframe object")


class _TextExtractor(HTMLParser):
    """Collect block-level paragraphs of visible text (entities are unescaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._in_title = False
        self._in_h1 = False
        self.title = ""
        self.h1 = ""

    def _flush(self) -> None:
        text = "".join(self._parts)
        self._parts = []
        if self._pre:
            lines = [line.rstrip() for line in text.split("\n")]
            self.paragraphs.extend(line for line in lines if line.strip())
        else:
            text = " ".join(text.split())
            if text:
                self.paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "br":
            if self._pre:
                self._parts.append("\n")
            else:
                self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self._pre += 1
            elif tag == "h1" and not self.h1:
                self._in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            if tag == "h1" and self._in_h1:
                self.h1 = " ".join("".join(self._parts).split())
                self._in_h1 = False
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(source: str) -> tuple[str, str]:
    """Return ``(text, title)`` of an HTML page.

    Block elements become paragraphs separated by blank lines; ``script``,
    ``style`` and the ``head`` are dropped; character references are unescaped.
    ``title`` is the first ``<h1>`` or else the ``<title>``.

    >>> text, title = html_to_text(
    ...     "<title>T</title><h1>Tom &amp; Jerry</h1><script>x=1</script>"
    ...     "<p>A &lt;b&gt; &eacute;<br>line</p>")
    >>> print(text)
    Tom & Jerry
    <BLANKLINE>
    A <b> é
    <BLANKLINE>
    line
    >>> title
    'Tom & Jerry'
    """
    parser = _TextExtractor()
    parser.feed(source)
    parser.close()
    title = parser.h1 or " ".join(html.unescape(parser.title).split())
    return "\n\n".join(parser.paragraphs), title


def read_html(path: _PathLike) -> tuple[str, Info]:
    """Read an HTML page (``.html``/``.htm``); see :func:`html_to_text`."""
    source, info = decode_text(_read_bytes(path), path)
    text, title = html_to_text(source)
    if not text.strip():
        raise CorpusError(path, "empty file (the HTML has no visible text)")
    info.update(format="html", layout="wrapped", title=title)
    return text, info


def read_pdf(path: _PathLike) -> tuple[str, Info]:
    """Read the text layer of a PDF with pypdf (no OCR).

    Pages are joined with two blank lines (``"\\n\\n\\n"``) so that a page break
    is visible to the normaliser. A PDF whose pages carry no text (a scan) or
    that pypdf cannot parse raises :class:`CorpusError`.
    """
    import pypdf
    from pypdf.errors import PdfReadError

    data = _read_bytes(path)
    if not data.strip():
        raise CorpusError(path, "empty file (no text)")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorpusError(path, "not a PDF file (no %PDF header); unreadable or corrupt")
    try:
        import io
        import logging

        logger = logging.getLogger("pypdf")
        level = logger.level
        logger.setLevel(logging.ERROR)  # pypdf logs recoverable glitches as warnings
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise CorpusError(path, "the PDF is encrypted with a password")
            pages = [page.extract_text() or "" for page in reader.pages]
        finally:
            logger.setLevel(level)
    except CorpusError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CorpusError(path, f"unreadable or corrupt PDF ({exc})") from None
    if not pages:
        raise CorpusError(path, "unreadable or corrupt PDF (no pages)")
    texts = [page.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for page in pages]
    if not any(t.strip() for t in texts):
        raise CorpusError(
            path, f"the PDF has no text layer ({len(pages)} page(s) of images?); run OCR first"
        )
    text = "\n\n\n".join(texts)
    info: Info = {
        "format": "pdf",
        "encoding": "",
        "bom": False,
        "crlf": False,
        "notes": [],
        "layout": "auto",
        "title": "",
        "pages": len(pages),
    }
    return text, info


def read_document(path: _PathLike) -> tuple[str, Info]:
    """Read one document, choosing the reader by extension (case-insensitive).

    Supported: ``.txt`` (:func:`read_text_file`), ``.md`` (:func:`read_markdown`),
    ``.html``/``.htm`` (:func:`read_html`), ``.pdf`` (:func:`read_pdf`).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        listed = ", ".join(SUPPORTED_EXTENSIONS)
        shown = repr(suffix) if suffix else "(no extension)"
        raise CorpusError(path, f"unsupported file type {shown}; supported: {listed}")
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".md":
        return read_markdown(path)
    if suffix in (".html", ".htm"):
        return read_html(path)
    return read_text_file(path)
