"""PDF bytes -> text with marked paragraphs, read from where each character is printed.

The text layer is read with pdfminer.six (the position, size and font of every
character); the file is first opened and checked with pypdf, whose decompression
guards and parsing budgets bound what a hostile file can cost (see
:class:`PdfLimits`). No OCR: a PDF without a text layer is an error.

Lines
    Upright characters that share a vertical band form a line, read left to right;
    a gap wider than :data:`SPACE_GAP` font sizes is a space. Text drawn at another
    angle than most of the page (a watermark, a margin note) is left out and noted.
    Pages drawn rotated are turned back first.

Running headers, footers and page numbers
    A line within :data:`EDGE_LINES` of the top or bottom of its page is a running
    header (footer) when a line of the same text, digits aside, stands at the same
    height (within :data:`SAME_PLACE` font sizes) on at least
    :data:`RUNNING_SHARE` of the pages (and on two pages at least): a browser's
    "12/2/26, 5:14 AM ... Title", "file:///... 2/5". A line on every page but the
    first (a title page seldom carries the running lines; with two pages, a line on
    page 2 only) is one too when it stands in the margin: set no larger than the body
    and not bold, beyond every line of the title page, and :data:`RUNNING_APART` line
    steps or more from the rest of its page. Then the first or last line of a
    page that is only a number (``7``, ``- 7 -``, ``Page 7``, ``7 of 9``, ``7/9``,
    ``vii``) is a page number when the numbers of two pages or more follow the page
    order, or when it stands in the margin: below (above) every line inside the
    pages (neither first nor last on its page). Each removed line is listed in
    ``repairs`` as ``(rule, text, "")``.

Ligatures
    A typographic ligature (``ﬁ``, ``ﬂ``, ... :data:`LIGATURES`) is written as its
    letters; each kind replaced is listed in ``repairs`` (``reader:ligature``).

Paragraphs and headings
    The body size is the size most of the text is set in; a line set larger (by
    :data:`HEADING_SIZE` or more) or in bold is a heading line, and consecutive heading
    lines of one style form one block. A new paragraph starts where the style changes,
    where the gap between two lines exceeds :data:`PARAGRAPH_GAP` times the usual line
    step, at a first-line indent (:data:`INDENT` font sizes past the previous line,
    after a line that ends a sentence or stops short), after a line that stopped
    short: the next line's first word would have fitted on it (measured in points
    against the right edge of the text block, so justified and ragged text are read
    alike; a line ending in a hyphen continues), after a line of justified text that
    stops short of its page's right edge (by more than :data:`JUSTIFIED_EDGE` font
    sizes; the text is justified when :data:`JUSTIFIED_SHARE` of its lines that stop
    mid-sentence reach the edge), and at a page whose last line stops
    well above the lowest line of the other pages. A paragraph broken by a page end
    is one paragraph. In ragged text where no gap or indent parts any two body lines,
    a sentence end on a full line before a capital ends its paragraph unless the next
    sentence points back ("They ...", "However, ..."), as the text normaliser reads it.

The text has one blank line between blocks (paragraphs, headings) and the lines of
a block one per line, as printed: line-end hyphens are left to the normaliser.

>>> from sco_text.pdfgeometry import PdfLimits, pdf_limits, current_pdf_limits
>>> current_pdf_limits().max_pages
1000
>>> with pdf_limits(max_pages=5000):
...     current_pdf_limits().max_pages
5000
>>> PdfLimits(max_pages=0)
Traceback (most recent call last):
...
sco_text.errors.OptionError: max_pages must be positive (got 0)
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import io
import itertools
import logging
import math
import os
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import CorpusError, OptionError
from .normalizer.shapes import points_back

_Source = str | os.PathLike[str]

__all__ = [
    "EDGE_LINES",
    "HEADING_SIZE",
    "INDENT",
    "JUSTIFIED_EDGE",
    "JUSTIFIED_SHARE",
    "PARAGRAPH_GAP",
    "RUNNING_APART",
    "RUNNING_SHARE",
    "SAME_PLACE",
    "SPACE_GAP",
    "PdfLimits",
    "PdfText",
    "current_pdf_limits",
    "pdf_limits",
    "pdf_text",
    "use_pdf_limits",
]

#: A gap between two characters wider than this many font sizes is a space.
SPACE_GAP = 0.15
#: Lines this near the top or bottom of a page may be running headers or footers.
EDGE_LINES = 3
#: Share of the pages a line must repeat on (at the same height) to be a running line.
RUNNING_SHARE = 0.5
#: A line on every page but the first (the title page) is a running line only when it
#: stands at least this many line steps from the rest of its page (and beyond every line
#: of the title page).
RUNNING_APART = 1.2
#: Heights within this many font sizes count as the same place on the page.
SAME_PLACE = 0.5
#: Share of a line's characters that must be bold for the line to be bold.
BOLD_SHARE = 0.8
#: A line set this many times larger than the body text is a heading line.
HEADING_SIZE = 1.15
#: A baseline step this many times the usual one is a paragraph gap.
PARAGRAPH_GAP = 1.35
#: A line starting this many font sizes right of the previous line is indented.
INDENT = 0.9
#: The room (font sizes) a word needs beyond its width and a space to count as fitting
#: (the printer may squeeze a line a little).
FIT_SLACK = 0.25
#: A gap this many font sizes wide, and three times the line's other gaps, parts the cells
#: of a table row ("President of ...      Name"); a row is a block of its own.
CELL_GAP = 2.0
#: A line ending more than this many font sizes right of nine lines in ten sticks out: it
#: does not mark the right edge of the text.
OUTLIER = 3.0
#: With fewer body lines than this, the right edge of the text is taken to mirror the left.
FEW_LINES = 8
#: A line ending within this many font sizes of its page's right edge reaches the edge.
JUSTIFIED_EDGE = 0.05
#: The text is justified when this share of its lines that stop mid-sentence reach the
#: right edge (ragged text: one in three or fewer); then a line that stops short of the
#: edge ends its paragraph.
JUSTIFIED_SHARE = 0.7
#: A page whose last line stops this many line steps above the other pages' lowest
#: line ends its paragraph there.
SHORT_PAGE = 2.0

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|[-,]demi\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.)?\s*[-–—]?\s*(\d{1,4}|[ivxlc]{1,7})\s*[-–—]?"
    r"(?:\s*(?:/|of)\s*\d{1,4})?",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
#: Typographic ligatures as the text they stand for (a browser's PDF keeps "ﬁ" as one glyph).
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


# ---------------------------------------------------------------------------
# limits


@dataclass(frozen=True)
class PdfLimits:
    """Per-file limits of the PDF reader (a larger file is a :class:`CorpusError`).

    Parameters
    ----------
    max_pages
        Pages per file (default 1,000; a declaration has 5 to 40).
    max_decompressed_bytes
        Bytes of all decompressed streams the text is drawn from (page contents,
        forms, fonts), default 128 MiB: a "decompression bomb" stops here.
    max_page_content_bytes
        Decompressed bytes of the content of one page, default 4 MiB (a text page
        holds 5 to 50 KB); extraction time grows with it.
    max_seconds
        Time spent reading one file, checked between drawing operations
        (default 30 s; pdfminer reads about ten pages of text a second).

    Raise a limit for one call with ``read_pdf(path, limits=...)``, or for a block
    of code (e.g. around :func:`sco_text.load_corpus`) with :func:`pdf_limits`.

    >>> PdfLimits().max_page_content_bytes == 4 * 2**20
    True
    """

    max_pages: int = 1000
    max_decompressed_bytes: int = 128 * 2**20
    max_page_content_bytes: int = 4 * 2**20
    max_seconds: float = 30.0

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise OptionError(f"{item.name} must be a number (got {value!r})")
            if not value > 0 or math.isnan(value):
                raise OptionError(f"{item.name} must be positive (got {value!r})")


_DEFAULT_LIMITS = PdfLimits()
_LIMITS: contextvars.ContextVar[PdfLimits | None] = contextvars.ContextVar(
    "sco_text_pdf_limits", default=None
)


def current_pdf_limits() -> PdfLimits:
    """The :class:`PdfLimits` in force (the defaults, or those set by :func:`pdf_limits`)."""
    return _LIMITS.get() or _DEFAULT_LIMITS


def use_pdf_limits(limits: PdfLimits) -> None:
    """Make ``limits`` the ones in force in this context (e.g. in a worker process).

    >>> use_pdf_limits(PdfLimits())
    """
    if not isinstance(limits, PdfLimits):
        raise OptionError(f"limits must be a PdfLimits (got {type(limits).__name__})")
    _LIMITS.set(limits)


@contextlib.contextmanager
def pdf_limits(**changes: Any) -> Iterator[PdfLimits]:
    """Change the PDF limits inside a ``with`` block (e.g. around ``load_corpus``).

    Parameters
    ----------
    **changes
        Field names of :class:`PdfLimits` and their new values.

    Returns
    -------
    A context manager yielding the limits in force inside the block.

    >>> import sco_text as st
    >>> with st.pdf_limits(max_seconds=600) as limits:
    ...     limits.max_seconds
    600
    """
    unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(PdfLimits)})
    if unknown:
        allowed = ", ".join(f.name for f in dataclasses.fields(PdfLimits))
        raise OptionError(f"unknown PDF limit {unknown[0]!r}; allowed: {allowed}")
    limits = dataclasses.replace(current_pdf_limits(), **changes)
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


class _Budget:
    """The time left for one file; :meth:`check` raises once it is spent."""

    def __init__(self, source: _Source, limits: PdfLimits) -> None:
        self.source = source
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise CorpusError(
                self.source,
                f"reading the PDF took longer than max_seconds={self.limits.max_seconds:g}; "
                "raise it with sco_text.pdf_limits(max_seconds=...)",
            )


def _over(source: _Source, what: str, value: int, name: str, limit: int) -> CorpusError:
    return CorpusError(
        source,
        f"{what} ({value:,}) exceeds {name}={limit:,}; "
        f"raise it with sco_text.pdf_limits({name}=...)",
    )


# ---------------------------------------------------------------------------
# opening the file (pypdf): encryption, pages, decompressed sizes


def _check_file(data: bytes, source: _Source, limits: PdfLimits, budget: _Budget) -> int:
    """Open ``data`` with pypdf and decode every stream pdfminer will need, within limits.

    Returns the number of pages. pdfminer has no decompression guard of its own; once
    pypdf has decoded each stream below the limits, pdfminer decoding the same streams
    stays below them too.
    """
    import pypdf

    cap = limits.max_decompressed_bytes
    with pypdf.apply_configuration(
        zlib_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        brotli_maximum_output_length=cap,
        array_based_stream_maximum_output_length=cap,
    ):
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError(
                source,
                "the PDF is encrypted with a password (it opens only with it); "
                "save an unprotected copy",
            )
        n_pages = len(reader.pages)
        if n_pages > limits.max_pages:
            raise _over(source, "the PDF's page count", n_pages, "max_pages", limits.max_pages)
        walk = _StreamWalk(source, limits, budget)
        for page_no, page in enumerate(reader.pages, start=1):
            contents = page.get("/Contents")
            parts = contents.get_object() if contents is not None else None
            page_bytes = sum(
                walk.decode(part) for part in (parts if isinstance(parts, list) else [contents])
            )
            if page_bytes > limits.max_page_content_bytes:
                raise _over(
                    source,
                    f"page {page_no}'s decompressed content",
                    page_bytes,
                    "max_page_content_bytes",
                    limits.max_page_content_bytes,
                )
            walk.resources(page.get("/Resources"))
    return n_pages


class _StreamWalk:
    """Decode each stream once (images aside: pdfminer does not decode them), counting bytes."""

    def __init__(self, source: _Source, limits: PdfLimits, budget: _Budget) -> None:
        self.source = source
        self.limits = limits
        self.budget = budget
        self.total = 0
        self.seen: set[tuple[int, int]] = set()
        self.sizes: dict[tuple[int, int], int] = {}

    def decode(self, item: Any) -> int:
        """Decoded size of a (content) stream; counted in the total once."""
        from pypdf.generic import IndirectObject, StreamObject

        key = (item.idnum, item.generation) if isinstance(item, IndirectObject) else None
        if key is not None and key in self.sizes:
            return self.sizes[key]
        obj = item.get_object() if item is not None else None
        if not isinstance(obj, StreamObject):
            return 0
        self.budget.check()
        size = len(obj.get_data())
        self.total += size
        if key is not None:
            self.sizes[key] = size
            self.seen.add(key)
        cap = self.limits.max_decompressed_bytes
        if self.total > cap:
            raise _over(
                self.source, "the decompressed streams", self.total, "max_decompressed_bytes", cap
            )
        return size

    def resources(self, root: Any) -> None:
        """Decode every stream reachable from a page's resources (fonts, forms, CMaps)."""
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

        stack = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in self.seen:
                    continue
                self.seen.add(key)
                resolved = item.get_object()
                if isinstance(resolved, StreamObject) and resolved.get("/Subtype") != "/Image":
                    self.decode(item)
                item = resolved
            elif isinstance(item, StreamObject) and item.get("/Subtype") != "/Image":
                self.decode(item)
            if isinstance(item, DictionaryObject):
                stack.extend(v for k, v in item.items() if k not in ("/Parent", "/P"))
            elif isinstance(item, ArrayObject):
                stack.extend(item)


# ---------------------------------------------------------------------------
# characters (pdfminer)


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool


def _turn(angle: int, x: float, y: float) -> tuple[float, float]:
    """Rotate a point by ``-angle`` degrees (a multiple of 90)."""
    if angle == 90:
        return y, -x
    if angle == 180:
        return -x, -y
    if angle == 270:
        return -y, x
    return x, y


def _direction(matrix: tuple[float, ...]) -> int | None:
    """The text direction of a character (0, 90, 180, 270) or None when skewed."""
    a, b, c, d = matrix[:4]
    for angle, (ea, eb, ec, ed) in (
        (0, (1, 0, 0, 1)),
        (90, (0, 1, -1, 0)),
        (180, (-1, 0, 0, -1)),
        (270, (0, -1, 1, 0)),
    ):
        if (
            a * ea + b * eb > 0
            and c * ec + d * ed > 0
            and abs(a * eb - b * ea) < 1e-6 * (abs(a) + abs(b))
        ):
            return angle
    return None


def _page_chars(layout: Any, notes: list[str], page_no: int) -> tuple[list[_Char], float]:
    """The characters of one pdfminer page, turned to the page's main text direction,
    and the page's width in that direction."""
    from pdfminer.layout import LTChar, LTContainer

    found: list[tuple[int | None, Any]] = []
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            found.append((_direction(item.matrix), item))
        elif isinstance(item, LTContainer):
            stack.extend(reversed(list(item)))
    directions = Counter(d for d, _ in found if d is not None)
    if not directions:
        return [], layout.width
    angle = directions.most_common(1)[0][0]
    width = layout.height if angle in (90, 270) else layout.width
    chars: list[_Char] = []
    dropped = 0
    for direction, char in found:
        if direction != angle:
            dropped += char.get_text().strip() != ""
            continue
        xa, ya = _turn(angle, char.x0, char.y0)
        xb, yb = _turn(angle, char.x1, char.y1)
        x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        chars.append(
            _Char(char.get_text(), x0, x1, y0, y1, y1 - y0, bool(_BOLD.search(char.fontname)))
        )
    if dropped:
        notes.append(f"page {page_no}: left out {dropped} character(s) drawn at another angle")
    return chars, width


def _read_chars(data: bytes, budget: _Budget) -> tuple[list[tuple[list[_Char], float]], list[str]]:
    """Every page's characters (in drawing order) and width; notes."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class Device(PDFPageAggregator):
        """Collects characters; checks the time budget at each drawing operation."""

        def render_string(self, *args: Any, **kwargs: Any) -> None:
            budget.check()
            super().render_string(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            budget.check()
            super().paint_path(*args, **kwargs)

    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    manager = PDFResourceManager(caching=True)
    device = Device(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[tuple[list[_Char], float]] = []
    notes: list[str] = []
    for page_no, page in enumerate(PDFPage.create_pages(document), start=1):
        budget.check()
        interpreter.process_page(page)
        pages.append(_page_chars(device.get_result(), notes, page_no))
    return pages, notes


# ---------------------------------------------------------------------------
# lines


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word: float  # width of the first word (points)
    cells: bool  # a table row: one gap far wider than the others
    page_width: float
    heading: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _line_text(chars: list[_Char]) -> tuple[str, list[_Char]]:
    """The text of one line's characters (sorted left to right) and its inked characters.

    A glyph printed again over itself (simulated bold) counts once.
    """
    parts: list[str] = []
    inked: list[_Char] = []
    space = False
    for char in chars:
        if char.text.isspace():
            space = True
            continue
        if inked:
            last = inked[-1]
            size = max(char.size, last.size)
            if char.text == last.text and abs(char.x0 - last.x0) < 0.2 * size:
                continue
            if space or char.x0 - last.x1 > SPACE_GAP * size:
                parts.append(" ")
        space = False
        parts.append(char.text)
        inked.append(char)
    return _SPACES.sub(" ", "".join(parts)).strip(), inked


def _first_word(inked: list[_Char]) -> float:
    """Width (points) of the first word of a line's inked characters."""
    for left, right in itertools.pairwise(inked):
        if right.x0 - left.x1 > SPACE_GAP * max(left.size, right.size):
            return left.x1 - inked[0].x0
    return inked[-1].x1 - inked[0].x0


def _is_row(inked: list[_Char]) -> bool:
    """One gap wider than :data:`CELL_GAP` sizes and three times the median other gap."""
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(inked))
    words = [g for g in gaps if g > SPACE_GAP * inked[0].size]
    if len(words) < 2:
        return False
    widest, rest = words[-1], words[:-1]
    return widest > CELL_GAP * inked[0].size and widest > 3 * statistics.median(rest)


def _page_lines(chars: list[_Char], page: int, width: float) -> list[_Line]:
    """Group a page's characters into lines, top to bottom."""
    visible = [c for c in chars if c.size > 0]
    visible.sort(key=lambda c: -(c.top + c.bottom) / 2)
    groups: list[list[_Char]] = []
    centre = 0.0
    for char in visible:
        mid = (char.top + char.bottom) / 2
        if groups and abs(centre - mid) <= 0.4 * max(char.size, 1e-6):
            groups[-1].append(char)
        else:
            groups.append([char])
            centre = mid
    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda c: c.x0)
        text, inked = _line_text(group)
        if not text:
            continue
        sizes = sorted(c.size for c in inked)
        lines.append(
            _Line(
                page=page,
                text=text,
                x0=inked[0].x0,
                x1=inked[-1].x1,
                top=max(c.top for c in inked),
                bottom=min(c.bottom for c in inked),
                size=sizes[len(sizes) // 2],
                bold=sum(c.bold for c in inked) >= BOLD_SHARE * len(inked),
                first_word=_first_word(inked),
                cells=_is_row(inked),
                page_width=width,
            )
        )
    return lines


# ---------------------------------------------------------------------------
# running headers, footers and page numbers


def _edge(lines: list[_Line]) -> list[int]:
    """Indices of the lines near the top and bottom of a page."""
    n = len(lines)
    return sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n)))


def _running_lines(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """``(page, index)`` of the lines repeated at one place on most pages."""
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    if len(pages) < 2:
        return set()
    places: dict[str, list[tuple[int, int, float, float]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        for i in _edge(lines):
            key = _DIGITS.sub("#", lines[i].text.casefold())
            places[key].append((p, i, lines[i].middle, lines[i].size))
    found: set[tuple[int, int]] = set()
    size, step = _size_and_step(pages)
    for occurrences in places.values():
        if len({p for p, *_ in occurrences}) < needed:
            if _after_title_page(pages, occurrences, size, step):
                found.update((p, i) for p, i, *_ in occurrences)
            continue
        for _, _, middle, size in occurrences:  # the places shared by enough pages
            same = [(p, i) for p, i, m, _s in occurrences if abs(m - middle) <= SAME_PLACE * size]
            if len({p for p, _ in same}) >= needed:
                found.update(same)
    return found


def _size_and_step(pages: list[list[_Line]]) -> tuple[float, float]:
    """The body size (the size most characters are set in) and the usual line step."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[round(line.size * 2) / 2] += len(line.text)
    size = weights.most_common(1)[0][0] if weights else 0.0
    steps = [
        a.middle - b.middle
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if a.middle - b.middle > 0.5 * max(a.size, b.size)
    ]
    return size, statistics.median(steps) if steps else 1.2 * size


def _after_title_page(
    pages: list[list[_Line]],
    occurrences: list[tuple[int, int, float, float]],
    size: float,
    step: float,
) -> bool:
    """A line repeated on every page but the first (a header the title page does not
    carry; with two pages, a line on page 2 only), set no larger than the body and not
    bold, standing in the margin: beyond every line of the title page (bare page numbers
    aside) and at least :data:`RUNNING_APART` line steps from the rest of its page."""
    found = {p for p, *_ in occurrences}
    if len(pages) < 2 or found != set(range(1, len(pages))) or len(occurrences) != len(found):
        return False
    title_page = [ln for ln in pages[0] if _number(ln.text) is None]
    if not title_page:
        return False
    top = max(ln.top for ln in title_page)
    bottom = min(ln.bottom for ln in title_page)
    for p, i, _middle, _size in occurrences:
        lines = pages[p]
        line = lines[i]
        if line.bold or line.size >= HEADING_SIZE * size:
            return False
        if i < len(lines) / 2:  # a header: above the title page, apart from the line below
            beyond = line.bottom > top
            rest = lines[i + 1 :]
            apart = not rest or line.middle - rest[0].middle >= RUNNING_APART * step
        else:
            beyond = line.top < bottom
            rest = lines[:i]
            apart = not rest or rest[-1].middle - line.middle >= RUNNING_APART * step
        if not (beyond and apart):
            return False
    return True


def _number(text: str) -> int | None:
    """The value of a page-number line (``7``, ``- 7 -``, ``Page 7 of 9``, ``vii``) or None."""
    match = _PAGE_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    value = match.group(1)
    if value.isdigit():
        return int(value)
    if not value.islower():  # "I", "II": section numbers, not page numbers
        return None
    total, previous = 0, 0
    for letter in reversed(value):
        digit = _ROMAN[letter]
        total += -digit if digit < previous else digit
        previous = max(previous, digit)
    return total


def _page_numbers(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """``(page, index)`` of page-number lines: first or last on their page."""
    candidates: list[tuple[int, int, int]] = []
    for p, lines in enumerate(pages):
        for i in {0, len(lines) - 1} if lines else set():
            value = _number(lines[i].text)
            if value is not None:
                candidates.append((p, i, value - p))
    # the lines inside the pages (neither first nor last): the body of the text
    marked = {(p, i) for p, i, _ in candidates}
    others = [ln for lines in pages for ln in lines[1:-1]] or [
        ln for p, lines in enumerate(pages) for i, ln in enumerate(lines) if (p, i) not in marked
    ]
    lowest = min((ln.bottom for ln in others), default=-math.inf)
    highest = max((ln.top for ln in others), default=math.inf)
    offsets = Counter(offset for *_, offset in candidates)
    found: set[tuple[int, int]] = set()
    for p, i, offset in candidates:
        line = pages[p][i]
        in_order = offsets[offset] >= 2
        # a lone number in the margin: below (above) every other line of the document
        in_margin = (
            len(line.text.strip()) <= 3
            and line.text.strip().isdigit()
            and (
                (i == len(pages[p]) - 1 and line.top < lowest) or (i == 0 and line.bottom > highest)
            )
        )
        if in_order or in_margin:
            found.add((p, i))
    return found


# ---------------------------------------------------------------------------
# paragraphs


@dataclass
class _Frame:
    """The measures of the body text: size, line step, left and right edges, lowest line."""

    size: float
    step: float
    left: float
    right: float
    lowest: float
    #: the right edge of each page's justified text (empty: the text is not justified)
    justified: dict[int, float] = field(default_factory=dict)
    #: ... and of pages with too few lines to show their own
    justified_edge: float | None = None
    #: neither space nor indent parts two lines of body text anywhere (see :func:`_breaks`)
    unmarked: bool = False


def _measure(pages: list[list[_Line]]) -> _Frame:
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[round(line.size * 2) / 2] += len(line.text)
    size = weights.most_common(1)[0][0]
    body = [ln for lines in pages for ln in lines if abs(ln.size - size) < 0.1 * size]
    steps = [
        a.middle - b.middle
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if abs(a.size - size) < 0.1 * size and abs(b.size - size) < 0.1 * size
        if a.middle - b.middle > 0.5 * size
    ]
    step = statistics.median(steps) if steps else 1.2 * size
    lefts = Counter(round(ln.x0) for ln in body)
    left = float(lefts.most_common(1)[0][0])
    rights = sorted(ln.x1 for ln in body)
    # the longest line, unless it sticks out (a long address, a table) past most of them
    usual = rights[int(0.9 * (len(rights) - 1))]
    right = max(x for x in rights if x <= usual + OUTLIER * size)
    if len(body) < FEW_LINES:  # too few lines to show the right edge: margins alike
        right = max(right, statistics.median(ln.page_width for ln in body) - left)
    lowest = min((ln.middle for ln in body), default=0.0)
    edges, edge = _justified_edges([ln for ln in body if not ln.bold and not ln.cells], size)
    return _Frame(size, step, left, right, lowest, justified=edges, justified_edge=edge)


def _justified_edges(body: list[_Line], size: float) -> tuple[dict[int, float], float | None]:
    """The right edge of each page and of the text when it is justified, else ``({}, None)``.

    A line that stops mid-sentence is inside its paragraph; in justified text nearly all
    of them end at the right edge of their page (the edge of a page is where most of its
    lines that stop mid-sentence end, so mirrored margins are read per page). The text is
    justified when at least :data:`JUSTIFIED_SHARE` of them end within
    :data:`JUSTIFIED_EDGE` font sizes of that edge.
    """
    running_on = [ln for ln in body if not _SENTENCE_END.search(ln.text)]
    if len(running_on) < 2:
        return {}, None

    def edge(ends: list[float]) -> tuple[float, int]:
        common = Counter(round(x * 2) / 2 for x in ends).most_common(1)[0][0]
        near = [x for x in ends if abs(x - common) <= JUSTIFIED_EDGE * size]
        return max(near), len(near)

    whole, _ = edge([ln.x1 for ln in running_on])
    by_page: dict[int, list[float]] = defaultdict(list)
    for line in running_on:
        by_page[line.page].append(line.x1)
    edges: dict[int, float] = {}
    for page, ends in by_page.items():
        own, agreeing = edge(ends)
        edges[page] = own if agreeing >= 3 else whole  # a page of a few lines: the text's
    at_edge = sum(abs(ln.x1 - edges[ln.page]) <= JUSTIFIED_EDGE * size for ln in running_on)
    if at_edge < JUSTIFIED_SHARE * len(running_on):
        return {}, None
    return edges, whole


def _style(line: _Line) -> tuple[bool, float]:
    return line.heading, round(line.size * 2) / 2 if line.heading else 0.0


def _breaks(a: _Line, b: _Line, frame: _Frame, last_on_page: bool) -> bool:
    """Does a new block start at line ``b``, read after line ``a``?"""
    if _style(a) != _style(b) or a.bold != b.bold or a.cells or b.cells:
        return True
    size = max(a.size, b.size)
    ended = bool(_SENTENCE_END.search(a.text))
    hyphen = a.text.endswith("-") and a.text[-2:-1].isalpha()
    room = frame.right - a.x1 - FIT_SLACK * size
    short = not hyphen and b.first_word + 0.25 * size <= room
    if short and not a.heading:  # headings are often centred: only gaps part them
        return True
    edge = frame.justified.get(a.page, frame.justified_edge)
    if edge is not None and not a.heading and edge - a.x1 > JUSTIFIED_EDGE * size:
        return True  # justified text: only a paragraph's last line stops short of the edge
    if b.x0 - a.x0 > INDENT * size and b.x0 - frame.left > INDENT * size and ended:
        return True
    if frame.unmarked and ended and not a.heading and b.text[:1].isupper():
        # ragged text whose paragraphs are marked only by short last lines: a sentence
        # end on a full line is read as the text normaliser reads it, as a paragraph end
        # unless the next sentence points back ("They ...", "However, ...")
        return not points_back(b.text)
    if a.page == b.page:
        return (a.middle - b.middle) / size > PARAGRAPH_GAP * frame.step / frame.size
    return last_on_page and a.middle - frame.lowest > SHORT_PAGE * frame.step


def _spaced(a: _Line, b: _Line, frame: _Frame) -> bool:
    """Two lines of body text on one page parted by a paragraph gap or an indent."""
    if a.page != b.page or a.heading or b.heading or a.cells or b.cells:
        return False
    size = max(a.size, b.size)
    gap = (a.middle - b.middle) / size > PARAGRAPH_GAP * frame.step / frame.size
    return gap or (b.x0 - a.x0 > INDENT * size and b.x0 - frame.left > INDENT * size)


def _blocks(pages: list[list[_Line]]) -> list[list[_Line]]:
    """The lines of all pages grouped into blocks (paragraphs and headings)."""
    if not any(pages):
        return []
    frame = _measure(pages)
    for lines in pages:
        for line in lines:
            line.heading = line.size >= HEADING_SIZE * frame.size or line.bold
    ordered = [line for lines in pages for line in lines]
    pairs = itertools.pairwise(ordered)
    if not frame.justified and not any(_spaced(a, b, frame) for a, b in pairs):
        frame = dataclasses.replace(frame, unmarked=True)
    blocks: list[list[_Line]] = [[ordered[0]]]
    for a, b in itertools.pairwise(ordered):
        if _breaks(a, b, frame, a.page != b.page):
            blocks.append([b])
        else:
            blocks[-1].append(b)
    return blocks


# ---------------------------------------------------------------------------
# the reader


@dataclass
class PdfText:
    """What :func:`pdf_text` read: the text, its page count, its repairs and notes.

    ``repairs`` holds ``(rule, before, after)``: removed lines (``after`` is "") and
    replaced ligatures.
    """

    text: str
    pages: int
    repairs: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pdf_text(
    data: bytes, *, source: _Source = "<bytes>", limits: PdfLimits | None = None
) -> PdfText:
    """Read the text layer of a PDF into blocks (see the module docstring).

    Parameters
    ----------
    data
        The bytes of the PDF file.
    source
        What to name in errors (the path).
    limits
        Per-file limits; default :func:`current_pdf_limits`.

    Returns
    -------
    PdfText
        ``text`` (blocks separated by one blank line), ``pages``, ``repairs``
        (``(rule, line, "")`` for each running header, footer or page number left
        out; ``("reader:ligature", "ﬁ", "fi")`` for each kind of ligature replaced)
        and ``notes``.

    Raises
    ------
    CorpusError
        The file is encrypted with a password, corrupt, over a limit, or has no
        text layer; every failure of pypdf or pdfminer becomes one, naming the file.
    """
    limits = limits or current_pdf_limits()
    budget = _Budget(source, limits)
    quiet = [logging.getLogger(name) for name in ("pypdf", "pdfminer")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:  # both log recoverable glitches in a file as warnings
        logger.setLevel(logging.ERROR)
    try:
        n_pages = _check_file(data, source, limits, budget)
        chars, notes = _read_chars(data, budget)
    except CorpusError:
        raise
    except RecursionError:
        raise CorpusError(source, "unreadable PDF (objects nested too deeply)") from None
    except MemoryError:
        raise CorpusError(source, "unreadable PDF (out of memory while decoding it)") from None
    except Exception as exc:  # any parser failure is a bad file
        raise CorpusError(source, f"unreadable or corrupt PDF ({_reason(exc)})") from None
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    if not n_pages or not chars:
        raise CorpusError(source, "unreadable or corrupt PDF (no pages)")
    pages = [_page_lines(page_chars, p, width) for p, (page_chars, width) in enumerate(chars)]
    if not any(pages):
        raise CorpusError(
            source, f"the PDF has no text layer ({len(pages)} page(s) of images?); run OCR first"
        )
    repairs = _expand_ligatures(pages, notes)
    running = _running_lines(pages)
    kept: list[list[_Line]] = []
    for p, lines in enumerate(pages):
        keep = []
        for i, line in enumerate(lines):
            if (p, i) in running:
                top = i < len(lines) / 2
                rule = "reader:running-" + ("header" if top else "footer")
                if _number(line.text) is not None:  # "- 2 -" at one place on every page
                    rule = "reader:page-number"
                repairs.append((rule, line.text, ""))
            else:
                keep.append(line)
        kept.append(keep)
    if any(kept):
        numbers = _page_numbers(kept)
        for p, lines in enumerate(kept):
            for i, line in enumerate(lines):
                if (p, i) in numbers:
                    repairs.append(("reader:page-number", line.text, ""))
            kept[p] = [line for i, line in enumerate(lines) if (p, i) not in numbers]
    blocks = _blocks(kept)
    text = "\n\n".join("\n".join(line.text for line in block) for block in blocks)
    return PdfText(text=text, pages=n_pages, repairs=repairs, notes=notes)


def _expand_ligatures(pages: list[list[_Line]], notes: list[str]) -> list[tuple[str, str, str]]:
    """Write ligatures as their letters in place; one repair per kind found."""
    counts: Counter[str] = Counter()
    table = {ord(k): v for k, v in LIGATURES.items()}
    for lines in pages:
        for line in lines:
            found = [ch for ch in line.text if ch in LIGATURES]
            if found:
                counts.update(found)
                line.text = line.text.translate(table)
    if counts:
        listed = ", ".join(f"{n} × {k}" for k, n in sorted(counts.items()))
        notes.append(f"wrote ligatures as letters ({listed})")
    return [("reader:ligature", k, LIGATURES[k]) for k in sorted(counts)]


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if isinstance(exc, NotImplementedError):
        return f"unsupported feature: {exc or name}"
    message = str(exc).strip()
    return f"{name}: {message}" if message else name
