"""PDF files built in memory for the reader and corpus tests (no PDF library needed
for the text layer; pypdf for a page without one)."""

from __future__ import annotations

import io
import re


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF (Helvetica text layer), one list of lines per page."""
    n_pages = len(pages)
    font_no = 3 + 2 * n_pages
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n_pages))
        + b"] /Count %d >>" % n_pages,
    ]
    for index, lines in enumerate(pages):
        content = b"BT /F1 12 Tf 72 720 Td 14 TL "
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            content += b"(" + escaped.encode("latin-1") + b") Tj T* "
        content += b"ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * index, font_no)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- a small typesetter: declarations as a word processor would print them ---------------

_REGULAR, _BOLD = "Times-Roman", "Times-Bold"


def _width(text: str, font: str, size: float) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS[font][1]
    return sum(widths.get(ch, 500) for ch in text) * size / 1000


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``(piece, glued)``: words, a compound split after its hyphens (a line may break
    there); ``glued`` when the piece continues the previous one without a space."""
    out: list[tuple[str, bool]] = []
    for word in text.split():
        parts = re.split(r"(?<=[^\W\d_]-)(?=[^\W\d_])", word)
        out.extend((part, k > 0) for k, part in enumerate(parts))
    return out


def _wrap(text: str, font: str, size: float, width: float, first: float = 0.0) -> list[str]:
    """Greedy line breaking at spaces and after hyphens (``first`` indents line one)."""
    lines: list[str] = []
    line = ""
    for piece, glued in _pieces(text):
        candidate = line + ("" if glued or not line else " ") + piece
        avail = width - (first if not lines else 0.0)
        if line and _width(candidate, font, size) > avail:
            lines.append(line)
            line = piece
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _show(x: float, y: float, text: str, font: str, size: float, spacing: float = 0.0) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    name = b"/F2" if font == _BOLD else b"/F1"
    return (
        b"BT %s %.2f Tf %.3f Tw 1 0 0 1 %.2f %.2f Tm (" % (name, size, spacing, x, y)
        + escaped.encode("cp1252")
        + b") Tj ET\n"
    )


def typeset_pdf(
    blocks: list[tuple[str, str]],
    *,
    size: float = 11.0,
    leading: float = 1.25,
    justify: bool = True,
    indent: float = 0.0,
    gap: float = 6.0,
    header: str | None = None,
    footer: str | None = None,
    number: str | None = "{n}",
    number_at: str = "bottom",
    page: tuple[float, float] = (595.0, 842.0),
    margin: float = 72.0,
) -> bytes:
    """A PDF of ``blocks``: ``(kind, text)`` with kind "title", "heading", "para",
    "sign" (``"role|name"``: role left, name right on one row) or "line" (one
    unjustified line). Paragraphs are justified (``justify``) with word spacing,
    ``indent`` points of first-line indent and ``gap`` points between paragraphs;
    ``header``/``footer`` run on every page from the second (page 1 has neither);
    ``number`` is the page-number format (``{n}``, ``{total}``; None: none)."""
    import zlib

    width = page[0] - 2 * margin
    step = size * leading
    pages: list[list[bytes]] = [[]]
    y = page[1] - margin

    def need(height: float) -> None:
        nonlocal y
        if y - height < margin:
            pages.append([])
            y = page[1] - margin

    for kind, text in blocks:
        if kind == "title":
            tsize = size + 5
            for line in _wrap(text, _BOLD, tsize, width * 0.8):
                need(tsize * 1.2)
                y -= tsize * 1.2
                x = margin + (width - _width(line, _BOLD, tsize)) / 2
                pages[-1].append(_show(x, y, line, _BOLD, tsize))
            y -= 2 * gap
        elif kind == "heading":
            need(3 * step)
            y -= gap + step
            pages[-1].append(_show(margin, y, text, _BOLD, size + 1))
            y -= gap / 2
        elif kind == "sign":
            role, name = text.split("|")
            need(step * 2)
            y -= step * 1.6
            pages[-1].append(_show(margin, y, role, _REGULAR, size))
            x = margin + width - _width(name, _REGULAR, size)
            pages[-1].append(_show(x, y, name, _REGULAR, size))
        elif kind == "line":
            need(step * 2)
            y -= step * 2
            pages[-1].append(_show(margin, y, text, _REGULAR, size))
        else:
            lines = _wrap(text, _REGULAR, size, width, indent)
            for k, line in enumerate(lines):
                need(step)
                y -= step
                x = margin + (indent if k == 0 else 0.0)
                spacing = 0.0
                if justify and k < len(lines) - 1 and " " in line:
                    room = width - (x - margin) - _width(line, _REGULAR, size)
                    spacing = room / line.count(" ")
                pages[-1].append(_show(x, y, line, _REGULAR, size, spacing))
            y -= gap
    total = len(pages)
    streams: list[bytes] = []
    for n, ops in enumerate(pages, start=1):
        extra: list[bytes] = []
        if n > 1 and header:
            extra.append(_show(margin, page[1] - 40, header, _REGULAR, 9))
        if n > 1 and footer:
            extra.append(_show(margin, 30, footer, _REGULAR, 9))
        if number:
            label = number.format(n=n, total=total)
            x = (page[0] - _width(label, _REGULAR, 9)) / 2
            at = 30 if number_at == "bottom" else page[1] - 40
            extra.append(_show(x, at, label, _REGULAR, 9))
        streams.append(zlib.compress(b"".join(ops + extra)))
    return _assemble(streams, page)


def _assemble(streams: list[bytes], page: tuple[float, float]) -> bytes:
    n = len(streams)
    fonts = 3 + 2 * n
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
    ]
    for i, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
            % (page[0], page[1], 4 + 2 * i, fonts, fonts + 1)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
    for base in (_REGULAR, _BOLD):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
            % base.encode()
        )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def page_pdf(content: bytes, *, filters: bytes = b"", page_extra: bytes = b"") -> bytes:
    """A one-page PDF whose content stream is ``content`` as given (already encoded for
    ``filters``, e.g. ``b"/FlateDecode"``); ``page_extra`` is added to the page dictionary.
    Font ``/F1`` is Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter " + filters if filters else b"")
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def encrypted_pdf(data: bytes, *, user_password: str = "", algorithm: str = "AES-256") -> bytes:
    """``data`` (a PDF) encrypted with pypdf; an empty user password opens it anywhere."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
