"""Readers: the bytes of one file on disk -> its raw text.

One function per format, plus :func:`read_document`, which picks the reader by
file extension. Every reader returns ``(text, info)``: ``text`` uses ``"\\n"``
line ends and is what the normaliser works on; ``info`` records facts about the
reading (``format``, ``encoding``, a ``title`` found in the markup, the
``layout`` the normaliser should assume, and ``notes`` such as "converted CRLF
line ends"). Files are only ever opened for reading.

Markdown and HTML are rendered as one paragraph per line with blank lines
between paragraphs and headings, and marked ``layout="wrapped"`` so that the
normaliser still finds the title block and the section headings in them. PDFs
are read with their geometry into blank-separated paragraphs and headings, marked
``layout="blocks"``: the normaliser keeps those blocks (it splits none by the width
of its lines) and finds title, headings and back matter among them.

Reading (every format): only regular files are read (a device, pipe or socket
is refused before any byte is read), and at most ``max_bytes`` bytes of them
(default :data:`MAX_BYTES`, 64 MiB): a larger file is refused with
:class:`CorpusError`. Raise the limit with ``max_bytes=`` on :func:`read_document`
or :func:`sco_text.load_corpus`.

Text decoding (``.txt``, ``.md``, ``.html``):

1. a byte-order mark decides: UTF-8 (BOM dropped), UTF-32 LE/BE, UTF-16 LE/BE;
   UTF-16/32 text that does not decode, or decodes to NUL or other control
   characters (binary data can begin with ``FF FE`` too), is refused as binary;
2. otherwise (and after a UTF-8 BOM) bytes containing NUL are binary ->
   :class:`CorpusError` (binary files that have no NUL byte are almost never
   valid UTF-8 and end in step 4); UTF-16/32 without a BOM is refused so, with
   a hint;
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
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ._validate import check_positive_int
from .errors import CorpusError
from .pdfgeometry import PdfLimits, pdf_text

__all__ = [
    "MAX_BYTES",
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


#: Default per-file size limit (bytes) of every reader: 64 MiB, far above any
#: declaration (the seed is about 60 KB as text, a few MB as PDF). Raise it with
#: ``max_bytes=`` (:func:`read_document`, :func:`sco_text.load_corpus`).
MAX_BYTES = 64 * 1024 * 1024
# never block on a FIFO nor make a terminal ours while looking at what a path is
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_NOCTTY", 0)


def check_max_bytes(max_bytes: object) -> int:
    checked = check_positive_int("max_bytes", max_bytes)
    assert checked is not None
    return checked


def _too_large(path: _PathLike, size: str, max_bytes: int) -> CorpusError:
    return CorpusError(
        path,
        f"file too large ({size} bytes; the limit is max_bytes={max_bytes:,}); "
        "raise it with max_bytes= (load_corpus or read_document)",
    )


def file_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: _PathLike, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes`` of them.

    Devices, pipes and sockets are refused before they are read (a link to
    ``/dev/zero`` would never end); so is a file larger than ``max_bytes``.
    """
    try:
        if os.path.isdir(path):
            raise CorpusError(path, "is a directory, not a file")
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise CorpusError(path, "no such file") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from None
    with open(descriptor, "rb", closefd=True) as handle:  # read-only, never written
        try:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                raise CorpusError(path, "is a directory, not a file")
            if not stat.S_ISREG(mode):
                raise CorpusError(path, f"is {file_kind(mode)}; only regular files are read")
            size = os.fstat(descriptor).st_size
            if size > max_bytes:
                raise _too_large(path, f"{size:,}", max_bytes)
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise _too_large(path, f"more than {max_bytes:,}", max_bytes)
    return data


# byte-order marks, longest first (the UTF-32 LE mark begins like the UTF-16 LE one)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)


def _binary(path: _PathLike, data: bytes) -> CorpusError:
    reason = "binary data (NUL bytes), not a text file"
    head = data[:4096]
    if len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2])):
        reason += (
            "; it looks like UTF-16 or UTF-32 text without a byte-order mark: save it as UTF-8"
        )
    return CorpusError(path, reason)


def decode_text(data: bytes, path: _PathLike = "<bytes>") -> tuple[str, Info]:
    """Decode file bytes to text following the module's rules (see above).

    Returns ``(text, info)``: ``info["encoding"]``, ``info["bom"]`` (a byte-order
    mark was removed), ``info["crlf"]`` (CR/CRLF line ends were converted to
    ``"\\n"``) and ``info["notes"]`` (the same facts in words).

    >>> decode_text(b"\\xef\\xbb\\xbfHello\\r\\nWorld")[0]
    'Hello\\nWorld'
    >>> decode_text("Hi".encode("utf-32"))[0]
    'Hi'
    >>> decode_text(b"abc\\x00def")
    Traceback (most recent call last):
    ...
    sco_text.errors.CorpusError: <bytes>: binary data (NUL bytes), not a text file
    """
    notes: list[str] = []
    if not data.strip():
        raise CorpusError(path, "empty file (no text)")
    bom = next(((mark, name) for mark, name in _BOMS if data.startswith(mark)), None)
    if bom is None:
        encoding, body = "utf-8", data
        if b"\x00" in data:
            raise _binary(path, data)
    elif bom[1] == "utf-8":
        encoding, body = "utf-8", data[3:]
        notes.append("removed UTF-8 byte-order mark")
        if b"\x00" in body:
            raise _binary(path, body)
    else:
        # UTF-16/32: the codec reads the mark. Binary data can begin with FF FE too; it
        # then fails to decode or decodes to NUL and control characters.
        encoding = bom[1]
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise CorpusError(
                path,
                f"binary data or corrupt text: it starts with a {encoding.upper()} byte-order "
                f"mark but is not valid {encoding.upper()}",
            ) from None
        if _CONTROL.search(text) or "\ufffe" in text or "\uffff" in text:
            raise CorpusError(
                path,
                f"binary data, not a text file: it starts with a {encoding.upper()} "
                "byte-order mark but decodes to NUL or control characters",
            )
        notes.append(f"decoded as {encoding.upper()} (byte-order mark)")
        return _finish(path, text, encoding, notes)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
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
    return _finish(path, text, encoding, notes, bom=bom is not None)


def _finish(
    path: _PathLike, text: str, encoding: str, notes: list[str], *, bom: bool = True
) -> tuple[str, Info]:
    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("converted CR/CRLF line ends to LF")
    if not text.strip():
        raise CorpusError(path, "empty file (only white space)")
    return text, {"encoding": encoding, "bom": bom, "crlf": crlf, "notes": notes}


def read_text_file(path: _PathLike, *, max_bytes: int = MAX_BYTES) -> tuple[str, Info]:
    """Read a plain-text file (``.txt``), e.g. text extracted from a PDF.

    The text is returned as decoded (see the module docstring); the normaliser
    decides the layout (``info["layout"] == "auto"``).
    """
    text, info = decode_text(read_bytes(path, max_bytes=max_bytes), path)
    info.update(format="text", layout="auto", title="")
    return text, info


# Every inline pattern runs in linear time on hostile input (a 1 MB line of "*a *a ..."
# or "[a [a ..."): no pattern rescans the rest of the line from each opening marker.
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s(.*)$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
# link text holds no brackets; a destination holds at most one level of parentheses
_MD_DESTINATION = r"\([^()]*(?:\([^()]*\)[^()]*)*\)"
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]" + _MD_DESTINATION)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]" + _MD_DESTINATION)
_MD_CODE = re.compile(r"`([^`]*)`")
#: Emphasis nested this deep is removed (``**bold *and italic* text**`` is depth 2).
MD_EMPHASIS_DEPTH = 3
# Emphasis: a run of 1-3 markers that opens (not after a word character, before a
# non-space), text without that marker ending in a non-space, and the same run closing
# (not before a word character). Each pattern starts with the marker itself, so plain
# text is skipped fast, and the text cannot hold the marker, so a marker that never
# closes costs only the way to the next marker: linear time on any line.
_MD_STAR = re.compile(r"(\*(?<=[^\w*]\*)\*{0,2})(?=[^\s*])([^*]*[^\s*])\1(?![\w*])")
_MD_UNDERSCORE = re.compile(r"(_(?<=[^\w*]_)_{0,2})(?=[^\s_])([^_]*[^\s_])\1(?![\w*])")


def _md_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line (closing ``#`` run removed), else None."""
    match = _MD_HEADING.match(line)
    if match is None:
        return None
    text = match.group(2).strip().rstrip("#").rstrip()
    return len(match.group(1)), text


def _strip_emphasis(line: str) -> str:
    """Remove emphasis markers, innermost first, up to :data:`MD_EMPHASIS_DEPTH` deep.

    >>> _strip_emphasis("a *b* __c d__ snake_case_name 2*3*4 ***e*** *f **g *h* i**")
    'a b c d snake_case_name 2*3*4 e *f g h i'
    """
    padded = f" {line} "  # the look-arounds then need no case for the ends of the line
    for _ in range(MD_EMPHASIS_DEPTH):
        stripped = _MD_UNDERSCORE.sub(r"\2", _MD_STAR.sub(r"\2", padded))
        if stripped == padded:
            break
        padded = stripped
    return padded[1:-1]


def _strip_inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    return _strip_emphasis(line)


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
        heading = _md_heading(line)
        if not stripped:
            flush()
        elif _MD_RULE.match(line):
            flush()
            paragraphs.append("***")
        elif heading:
            flush()
            paragraphs.append(_strip_inline_markdown(heading[1]))
        elif _MD_LIST.match(line):
            flush()
            current.append(_strip_inline_markdown(stripped))
        else:
            current.append(_strip_inline_markdown(stripped.lstrip("> ").strip() or stripped))
    flush()
    return "\n\n".join(p for p in paragraphs if p.strip())


def read_markdown(path: _PathLike, *, max_bytes: int = MAX_BYTES) -> tuple[str, Info]:
    """Read a Markdown file (``.md``); see :func:`markdown_to_text`.

    ``info["title"]`` is the first level-1 heading, if any.
    """
    source, info = decode_text(read_bytes(path, max_bytes=max_bytes), path)
    title = ""
    for line in source.split("\n"):
        heading = _md_heading(line)
        if heading and heading[0] == 1:
            title = _strip_inline_markdown(heading[1])
            break
    text = markdown_to_text(source)
    if not text.strip():
        raise CorpusError(path, "empty file (no text after removing Markdown syntax)")
    info.update(format="markdown", layout="wrapped", title=title)
    return text, info


_VOID_TAGS = _wordset("area base br col embed hr img input link meta param source track wbr")
_BLOCK_TAGS = _wordset(
    "address article aside blockquote body caption dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td "
    "tfoot th thead tr ul"
)
# Elements whose content is never shown as text, or is the page's chrome rather than
# the document: navigation, footers, asides, controls.
_SKIP_TAGS = _wordset("script style noscript template iframe object nav footer aside button select")
# What may stand in <head>; any other element (or visible text) starts the body, as
# HTML5 parsers do when a page omits </head> and <body>.
_HEAD_TAGS = _wordset("base basefont bgsound link meta noscript script style template title")
# SVG and MathML ("foreign content"): their text is not prose. A page that never closes
# them still shows what follows: an HTML5 parser leaves foreign content at the end of an
# enclosing HTML element or at one of these HTML start tags.
_FOREIGN_TAGS = _wordset("svg math")
_BREAKOUT_TAGS = _BLOCK_TAGS | _wordset(
    "b big br center code em embed i img listing menu meta nobr pre ruby s small span "
    "strike strong sub sup tt u var"
)
# Inside these, an SVG or MathML element holds HTML again (no breakout).
_INTEGRATION_TAGS = _wordset("foreignobject desc annotation-xml mi mo mn ms mtext")


class _TextExtractor(HTMLParser):
    """Collect block-level paragraphs of visible text (entities are unescaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._hidden: list[str] = []  # open skipped or foreign elements, innermost last
        self._in_head = False
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

    def _close_hidden(self, tag: str) -> None:
        """Close the innermost open ``tag`` in the hidden stack and all inside it."""
        if tag in self._hidden:
            index = len(self._hidden) - 1 - self._hidden[::-1].index(tag)
            del self._hidden[index:]

    def _leave_foreign(self, tag: str) -> None:
        """An HTML tag seen inside SVG/MathML ends the foreign content (HTML5 breakout)."""
        foreign = [i for i, name in enumerate(self._hidden) if name in _FOREIGN_TAGS]
        if not foreign or (self._hidden[-1] in _INTEGRATION_TAGS):
            return
        if tag in _BREAKOUT_TAGS:
            del self._hidden[foreign[0] :]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False
        self._leave_foreign(tag)
        if self._hidden:
            if tag not in _VOID_TAGS:
                self._hidden.append(tag)
        elif tag == "head":
            self._in_head = True
        elif tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS or tag in _FOREIGN_TAGS:
            self._hidden.append(tag)
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
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False
        self._leave_foreign(tag)
        if not self._hidden and tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag in self._hidden:
                self._close_hidden(tag)
                return
            if not any(name in _FOREIGN_TAGS for name in self._hidden):
                return
            if tag not in _BLOCK_TAGS and tag not in ("p", "br"):
                return
            # the end of an enclosing HTML element ends the foreign content too
            self._hidden.clear()
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_TAGS:
            if tag == "h1" and self._in_h1:
                self.h1 = " ".join("".join(self._parts).split())
                self._in_h1 = False
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._in_title:
            self.title += data
        elif self._in_head and not data.strip():
            return
        else:
            self._in_head = False  # text outside the head's elements starts the body
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(source: str) -> tuple[str, str]:
    """Return ``(text, title)`` of an HTML page.

    Block elements become paragraphs separated by blank lines; ``script``,
    ``style``, the ``head`` and the page's chrome (``nav``, ``footer``, ``aside``,
    buttons and menus) are dropped; character references are unescaped.
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


def read_html(path: _PathLike, *, max_bytes: int = MAX_BYTES) -> tuple[str, Info]:
    """Read an HTML page (``.html``/``.htm``); see :func:`html_to_text`."""
    source, info = decode_text(read_bytes(path, max_bytes=max_bytes), path)
    text, title = html_to_text(source)
    if not text.strip():
        raise CorpusError(path, "empty file (the HTML has no visible text)")
    info.update(format="html", layout="wrapped", title=title)
    return text, info


def read_pdf(
    path: _PathLike, *, max_bytes: int = MAX_BYTES, limits: PdfLimits | None = None
) -> tuple[str, Info]:
    """Read the text layer of a PDF (no OCR) with its geometry; see :mod:`sco_text.pdfgeometry`.

    The text has one blank line between paragraphs and headings, decided from the
    geometry (``info["layout"]`` is "blocks": the normaliser keeps them); running headers,
    footers and page numbers are left out and, with ligatures written as letters,
    listed in ``info["repairs"]`` as ``(rule, before, after)`` (they become rows
    of :func:`sco_text.repairs`).
    ``limits`` (default :func:`sco_text.pdfgeometry.current_pdf_limits`) bounds the
    pages, decompressed bytes and time spent on the file. An encrypted PDF opens
    when its user password is empty (as in a viewer). A PDF that needs a password,
    whose pages carry no text (a scan), that is over a limit or that cannot be
    parsed raises :class:`CorpusError`.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    if not data.strip():
        raise CorpusError(path, "empty file (no text)")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorpusError(path, "not a PDF file (no %PDF header); unreadable or corrupt")
    result = pdf_text(data, source=path, limits=limits)
    info: Info = {
        "format": "pdf",
        "encoding": "",
        "bom": False,
        "crlf": False,
        "notes": result.notes,
        "layout": "blocks",
        "title": "",
        "pages": result.pages,
        "repairs": result.repairs,
    }
    return result.text, info


def read_document(path: _PathLike, *, max_bytes: int = MAX_BYTES) -> tuple[str, Info]:
    """Read one document, choosing the reader by extension (case-insensitive).

    Supported: ``.txt`` (:func:`read_text_file`), ``.md`` (:func:`read_markdown`),
    ``.html``/``.htm`` (:func:`read_html`), ``.pdf`` (:func:`read_pdf`).

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    max_bytes : int, keyword-only
        Refuse a file larger than this (default :data:`MAX_BYTES`, 64 MiB); never
        more bytes than this are read.

    Returns
    -------
    tuple of (str, dict)
        The raw text and the reader's ``info`` (see the module docstring).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "big.txt"
    >>> _ = path.write_text("word " * 1000)
    >>> read_document(path, max_bytes=100)
    Traceback (most recent call last):
    ...
    sco_text.errors.CorpusError: ...big.txt: file too large (5,000 bytes; the limit is ...
    """
    max_bytes = check_max_bytes(max_bytes)
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        listed = ", ".join(SUPPORTED_EXTENSIONS)
        shown = repr(suffix) if suffix else "(no extension)"
        raise CorpusError(path, f"unsupported file type {shown}; supported: {listed}")
    if suffix == ".pdf":
        return read_pdf(path, max_bytes=max_bytes)
    if suffix == ".md":
        return read_markdown(path, max_bytes=max_bytes)
    if suffix in (".html", ".htm"):
        return read_html(path, max_bytes=max_bytes)
    return read_text_file(path, max_bytes=max_bytes)
