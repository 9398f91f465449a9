"""Tests for sco_text.pdfgeometry: PDFs read with their geometry, and hostile PDFs."""

from __future__ import annotations

import dataclasses
import warnings
import zlib
from pathlib import Path

import pdf_samples
import pytest
from pdf_builders import encrypted_pdf, make_pdf, page_pdf, typeset_pdf

import sco_text as st
from sco_text import pdfgeometry as geo
from sco_text.errors import CorpusError, OptionError
from sco_text.pdfgeometry import PdfLimits, current_pdf_limits, pdf_limits, pdf_text
from sco_text.readers import read_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
HEADER = "Example Organisation – Lakeside Summit 2024"
FOOTER = "Unofficial translation"
A5 = (420.0, 595.0)

# --- declarations as printed ----------------------------------------------------------

VARIANTS = {
    # justified, space between paragraphs, running header, footer row with the page number
    "justified": dict(header=HEADER, footer=FOOTER, page=A5, margin=50, size=12),
    # first-line indents, no space between paragraphs, "- 2 -" at the top of the page
    "indented": dict(
        header=None, page=A5, margin=60, size=12, indent=18, gap=0, number="- {n} -",
        number_at="top",
    ),
    # ragged right, neither indents nor space: only "the next word would have fitted"
    "ragged": dict(
        header=HEADER, page=A5, margin=60, size=13, justify=False, gap=0,
        number="Page {n} of {total}",
    ),
    # one page, its number alone in the bottom margin
    "one-page": dict(page=(842.0, 1191.0), margin=60, size=10),
    # two pages: the running header and footer are on page 2 only
    "two-pages": dict(
        header=HEADER, footer=FOOTER, page=A5, margin=50, size=12, indent=18, gap=0
    ),
    # justified, neither indents nor space: only the last line of a paragraph stops short
    "flush": dict(page=(612.0, 792.0), margin=54, size=10, gap=0),
    # ragged right, neither indents nor space: two paragraphs end on full lines
    "ragged-flush": dict(page=(612.0, 792.0), margin=54, size=10, gap=0, justify=False),
}  # fmt: skip


def _load(path: Path) -> tuple[list[tuple[str, str]], object]:
    frame = st.load_corpus([path])
    return list(zip(frame["section"], frame["text"], strict=True)), frame


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_declaration_reads_exactly_as_written(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "2024-07-04_Lakeside_Declaration.pdf"
    path.write_bytes(typeset_pdf(pdf_samples.blocks(), **VARIANTS[variant]))  # type: ignore[arg-type]
    rows, frame = _load(path)
    assert rows == pdf_samples.expected()
    assert frame["title"].iloc[0] == pdf_samples.TITLE  # type: ignore[attr-defined]
    repairs = st.repairs(frame)  # type: ignore[arg-type]
    rules = repairs["rule"].tolist()
    pages = read_pdf(path)[1]["pages"]
    if variant == "one-page":
        assert pages == 1 and rules.count("reader:page-number") == 1
    if variant == "justified":  # the footer row carries the number: one removal per page
        assert rules.count("reader:running-header") == pages - 1
        assert rules.count("reader:running-footer") == pages - 1
        assert rules.count("reader:page-number") == 1  # page 1 has no footer, only "1"
    if variant == "indented":
        assert rules.count("reader:page-number") == pages
        assert set(repairs.loc[repairs["rule"] == "reader:page-number", "before"]) == {
            f"- {n} -" for n in range(1, pages + 1)
        }
    if variant == "ragged":
        assert rules.count("reader:running-header") == pages - 1
        assert rules.count("reader:page-number") == pages
    if variant == "two-pages":
        assert pages == 2
        assert rules.count("reader:running-header") == 1
        assert rules.count("reader:running-footer") == 1  # "Unofficial translation 2"
    if variant == "flush":  # one page, and the last lines of paragraphs not at the margin
        assert pages == 1
    assert pages >= 3 or variant in ("one-page", "two-pages", "flush", "ragged-flush")


def test_signatures_and_place_date_line_are_back_matter(tmp_path: Path) -> None:
    path = tmp_path / "2024-07-04_Lakeside_Declaration.pdf"
    path.write_bytes(typeset_pdf(pdf_samples.blocks(), **VARIANTS["justified"]))  # type: ignore[arg-type]
    text = read_pdf(path)[0]
    blocks = text.split("\n\n")
    role, name = pdf_samples.SIGNATURES[0]
    assert f"{role} {name}" in blocks  # one table row, one block
    assert blocks[-1] == pdf_samples.PLACE_DATE
    rows, frame = _load(path)
    body = " ".join(text for _, text in rows)
    assert name not in body and pdf_samples.PLACE_DATE not in body
    assert str(frame["place"].iloc[0]) == "Lakeside"  # type: ignore[attr-defined]


def test_browser_print_reads_exactly_as_written(tmp_path: Path) -> None:
    # printed by headless Chromium from pdf_samples.html() (see tests/fixtures/pdf/README.md)
    source = FIXTURES / "lakeside-browser.pdf"
    path = tmp_path / "2024-07-04_Lakeside_Declaration.pdf"
    path.write_bytes(source.read_bytes())
    rows, frame = _load(path)
    assert rows == pdf_samples.expected()
    assert frame["title"].iloc[0] == pdf_samples.TITLE  # type: ignore[attr-defined]
    repairs = st.repairs(frame)  # type: ignore[arg-type]
    removed = repairs.loc[repairs["rule"].str.startswith("reader:running"), "before"].tolist()
    assert len(removed) == 4  # header and footer of both pages
    assert all("AM" in r or "PM" in r for r in removed[0::2])  # "12/2/26, 7:53 AM <title>"
    assert [r.split()[-1] for r in removed[1::2]] == ["1/2", "2/2"]  # "file:///... 1/2"
    assert all(r.startswith("file:///") for r in removed[1::2])  # ligature "ﬁ" written out
    assert ("reader:ligature", "ﬁ", "fi") in set(
        zip(repairs["rule"], repairs["before"], repairs["after"], strict=True)
    )


def test_old_make_pdf_lines_read_as_lines() -> None:
    result = pdf_text(make_pdf([["Hello (world)", "second line"], ["Page two"]]))
    assert result.text.split("\n\n") == ["Hello (world)", "second line", "Page two"]
    assert result.pages == 2


# --- one rule at a time (the named thresholds at their boundaries) ---------------------


def _char(text: str, x0: float, width: float = 5.0, *, size: float = 10.0, y: float = 100.0):
    return geo._Char(text, x0, x0 + width, y, y + size, size, False)


def _line(
    text: str = "word word",
    *,
    page: int = 0,
    x0: float = 50.0,
    x1: float = 350.0,
    y: float = 700.0,
    size: float = 10.0,
    bold: bool = False,
    first: float = 20.0,
) -> geo._Line:
    return geo._Line(page, text, x0, x1, y + size, y, size, bold, first, False, 400.0)


FRAME = geo._Frame(size=10.0, step=12.0, left=50.0, right=350.0, lowest=60.0)


def test_space_gap_boundary() -> None:
    near = geo.SPACE_GAP * 10
    assert geo._line_text([_char("a", 0), _char("b", 5 + near - 0.01)])[0] == "ab"
    assert geo._line_text([_char("a", 0), _char("b", 5 + near + 0.01)])[0] == "a b"


def test_glyph_printed_twice_counts_once() -> None:
    text, inked = geo._line_text([_char("B", 0), _char("B", 0.3), _char("e", 5.3)])
    assert text == "Be" and len(inked) == 2


def test_cell_gap_boundary() -> None:
    def row(gap: float) -> list[geo._Char]:
        return [_char("a", 0), _char("b", 7), _char("c", 14), _char("d", 19 + gap)]

    assert not geo._is_row(row(geo.CELL_GAP * 10 - 0.01))
    assert geo._is_row(row(geo.CELL_GAP * 10 + 0.01))
    # one gap only (a justified line of two words) is never a row
    assert not geo._is_row([_char("a", 0), _char("b", 100)])


def _pages(n: int, with_header: int, *, shift: float = 0.0) -> list[list[geo._Line]]:
    pages = []
    for p in range(n):
        lines = [
            _line(f"body {'qrstuvwxyz'[p]} {'abcdefgh'[k]}", page=p, y=700 - 12 * k)
            for k in range(8)
        ]
        if p < with_header:
            lines.insert(0, _line("Running head 2024", page=p, y=760 + (shift if p else 0)))
        pages.append(lines)
    return pages


def test_running_share_boundary() -> None:
    needed = int(geo.RUNNING_SHARE * 10)
    assert len(geo._running_lines(_pages(10, needed))) == needed
    assert geo._running_lines(_pages(10, needed - 1)) == set()


def test_same_place_boundary() -> None:
    near = geo.SAME_PLACE * 10
    assert len(geo._running_lines(_pages(2, 2, shift=near - 0.01))) == 2
    assert geo._running_lines(_pages(2, 2, shift=near + 0.01)) == set()


def test_edge_lines_boundary() -> None:
    pages = _pages(3, 3)
    for lines in pages:  # push the header down to the (EDGE_LINES + 1)-th line
        head = lines.pop(0)
        lines.insert(geo.EDGE_LINES, head)
    assert geo._running_lines(pages) == set()
    for lines in pages:
        head = lines.pop(geo.EDGE_LINES)
        lines.insert(geo.EDGE_LINES - 1, head)
    assert len(geo._running_lines(pages)) == 3


def _title_page_and_one(gap: float, *, size: float = 10.0, bold: bool = False):
    """Page 1 (title page) without a header; page 2 with one ``gap`` line steps above."""
    first = [_line(f"title page {k}", page=0, y=700 - 12 * k) for k in range(6)]
    second = [_line(f"second page {k}", page=1, y=700 - 12 * k) for k in range(6)]
    head = _line("Running head 2024", page=1, y=700 + 12 * gap, size=size, bold=bold)
    return [first, [head, *second]]


def test_running_apart_boundary() -> None:
    # two pages, the header on page 2 only: running when it stands apart in the margin
    near = geo.RUNNING_APART
    assert geo._running_lines(_title_page_and_one(near + 0.01)) == {(1, 0)}
    assert geo._running_lines(_title_page_and_one(near - 0.01)) == set()
    # a heading (larger or bold) at the top of page 2 is never a running line
    assert geo._running_lines(_title_page_and_one(near + 1, size=12.0)) == set()
    assert geo._running_lines(_title_page_and_one(near + 1, bold=True)) == set()
    # ... nor a line no higher than the title page's text
    pages = _title_page_and_one(near + 1)
    pages[0].insert(0, _line("title page top", page=0, y=700 + 12 * (near + 1)))
    assert geo._running_lines(pages) == set()
    # a footer on page 2 only, below the title page's text
    first = [_line(f"title page {k}", page=0, y=700 - 12 * k) for k in range(6)]
    second = [_line(f"second page {k}", page=1, y=700 - 12 * k) for k in range(6)]
    low = second[-1].middle - 12 * (near + 0.01) - 5
    foot = _line("Unofficial translation 2", page=1, y=low)
    assert geo._running_lines([first, [*second, foot]]) == {(1, 6)}


def _justified(ends: list[float], texts: list[str] | None = None) -> list[geo._Line]:
    """Lines of one page ending at ``ends`` (x1), each stopping mid-sentence."""
    texts = texts or ["and so on" for _ in ends]
    return [
        _line(t, x1=x1, y=700 - 12 * k) for k, (x1, t) in enumerate(zip(ends, texts, strict=True))
    ]


def test_justified_share_boundary() -> None:
    at_edge = int(geo.JUSTIFIED_SHARE * 10)
    edges, edge = geo._justified_edges(_justified([350.0] * at_edge + [300.0] * (10 - at_edge)), 10)
    assert edges == {0: 350.0} and edge == 350.0
    fewer = [350.0] * (at_edge - 1) + [300.0] * (11 - at_edge)
    assert geo._justified_edges(_justified(fewer), 10) == ({}, None)
    # lines that end a sentence are not counted (they may end a paragraph)
    ended = _justified([350.0] * 4 + [300.0] * 6, ["and so on"] * 4 + ["the end."] * 6)
    assert geo._justified_edges(ended, 10)[1] == 350.0


def test_justified_edge_boundary() -> None:
    frame = geo._Frame(10.0, 12.0, 50.0, 350.0, 60.0, justified={0: 350.0}, justified_edge=350.0)
    b = _line(first=200.0, y=688)  # a long first word: the width rule never fires
    near = geo.JUSTIFIED_EDGE * 10
    assert geo._breaks(_line(x1=350 - near - 0.01), b, frame, False)
    assert not geo._breaks(_line(x1=350 - near + 0.01), b, frame, False)
    assert not geo._breaks(_line(x1=350 - near - 0.01), b, FRAME, False)  # ragged text
    # a page of its own edge (mirrored margins), and a page without one: the text's
    frame.justified[1] = 330.0
    assert not geo._breaks(_line(x1=330, page=1), _line(first=200.0, page=1, y=688), frame, False)
    assert geo._breaks(_line(x1=330, page=2), _line(first=200.0, page=2, y=688), frame, False)


def test_page_numbers_in_order_or_in_the_margin() -> None:
    pages = [
        [_line(f"body {p}", page=p, y=300), _line(str(p + 7), page=p, y=320)] for p in range(3)
    ]
    assert geo._page_numbers([lines[::-1] for lines in pages]) == {(0, 0), (1, 0), (2, 0)}
    # "I", "II" are section numbers, not page numbers
    assert geo._number("II") is None and geo._number("ii") == 2
    assert geo._number("Page 3 of 9") == 3 and geo._number("- 12 -") == 12
    # a lone number is a page number only in the margin (below every other line)
    lone = [[_line("body", y=300), _line("12", y=200)]]
    assert geo._page_numbers(lone) == {(0, 1)}
    inside = [[_line("body", y=300), _line("12", y=200), _line("more", y=100)]]
    assert geo._page_numbers(inside) == set()


def test_heading_size_and_bold_share_boundaries(tmp_path: Path) -> None:
    def blocks(size: float, bold_chars: int) -> int:
        lines = [_line("Heading", y=712, size=size)]
        lines[0].bold = bold_chars >= geo.BOLD_SHARE * 10
        lines += [_line(f"line {k}", y=700 - 12 * k, x1=350) for k in range(5)]
        return len(geo._blocks([lines]))

    assert blocks(10 * geo.HEADING_SIZE + 0.01, 0) == 2
    assert blocks(10 * geo.HEADING_SIZE - 0.01, 0) == 1
    assert blocks(10.0, 8) == 2 and blocks(10.0, 7) == 1


def test_paragraph_gap_boundary() -> None:
    ratio = geo.PARAGRAPH_GAP * FRAME.step
    a = _line(y=700)
    assert not geo._breaks(a, _line(y=700 - ratio + 0.01), FRAME, False)
    assert geo._breaks(a, _line(y=700 - ratio - 0.01), FRAME, False)


def test_indent_boundary() -> None:
    a = _line("the end.", x1=350)
    assert not geo._breaks(a, _line(x0=50 + 10 * geo.INDENT - 0.01, y=688), FRAME, False)
    assert geo._breaks(a, _line(x0=50 + 10 * geo.INDENT + 0.01, y=688), FRAME, False)
    # an indented line after a line that runs on is a continuation (a hanging list)
    running_on = _line("and the", x1=350)
    assert not geo._breaks(running_on, _line(x0=80, y=688), FRAME, False)


def test_next_word_fits_boundary() -> None:
    slack = geo.FIT_SLACK * 10
    b = _line(first=30.0, y=688)
    room = 30.0 + 0.25 * 10  # the first word and a space
    assert geo._breaks(_line(x1=350 - room - slack - 0.01), b, FRAME, False)
    assert not geo._breaks(_line(x1=350 - room - slack + 0.01), b, FRAME, False)
    # a line ending in a hyphen continues however short it is
    assert not geo._breaks(_line("well-", x1=200), b, FRAME, False)


def test_unmarked_ragged_text_ends_paragraphs_at_full_sentence_ends() -> None:
    # a sentence end on a full line (no room for "The"), same page, no gap or indent
    full = _line("the end.", x1=349.0)
    after = _line("The member states met.", y=688)
    assert not geo._breaks(full, after, FRAME, False)
    unmarked = dataclasses.replace(FRAME, unmarked=True)
    assert geo._breaks(full, after, unmarked, False)
    assert not geo._breaks(full, _line("They met.", y=688), unmarked, False)  # points back
    assert not geo._breaks(_line("the", x1=349.0), after, unmarked, False)  # runs on


def test_short_page_boundary() -> None:
    b = _line(page=1, y=700)
    near = FRAME.lowest + geo.SHORT_PAGE * FRAME.step
    assert not geo._breaks(_line(y=near - 0.01 - 5), b, FRAME, True)
    assert geo._breaks(_line(y=near + 0.01 - 5), b, FRAME, True)


def test_rotated_page_is_turned_back(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Turned text reads.) Tj ET"
    assert pdf_text(page_pdf(content)).text == "Turned text reads."
    mixed = content + b" BT /F1 12 Tf 1 0 0 1 100 700 Tm (Main text one.) Tj ET"
    mixed += b" BT /F1 12 Tf 1 0 0 1 100 680 Tm (Main text two.) Tj ET"
    result = pdf_text(page_pdf(mixed))
    assert result.text == "Main text one.\n\nMain text two."
    assert any("another angle" in note for note in result.notes)


# --- limits -----------------------------------------------------------------------------


def test_limits_defaults_and_context() -> None:
    assert current_pdf_limits() == PdfLimits()
    with pdf_limits(max_pages=3) as limits:
        assert current_pdf_limits() is limits and limits.max_pages == 3
    assert current_pdf_limits().max_pages == PdfLimits().max_pages
    with pytest.raises(OptionError, match="unknown PDF limit 'pages'"), pdf_limits(pages=3):
        pass
    with pytest.raises(OptionError, match="must be positive"):
        PdfLimits(max_seconds=0)
    with pytest.raises(OptionError, match="must be a number"):
        PdfLimits(max_pages="9")  # type: ignore[arg-type]


def test_page_limit_and_raising_it(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf([["One."], ["Two."], ["Three."]]))
    with pytest.raises(CorpusError, match=r"page count \(3\) exceeds max_pages=2") as info:
        read_pdf(path, limits=PdfLimits(max_pages=2))
    assert info.value.path == str(path)
    with pdf_limits(max_pages=2):
        with pytest.raises(CorpusError, match="max_pages"):
            read_pdf(path)
        assert read_pdf(path, limits=PdfLimits(max_pages=3))[1]["pages"] == 3


def test_time_limit_is_checked_while_extracting() -> None:
    with pytest.raises(CorpusError, match=r"took longer than max_seconds=1e-09"):
        pdf_text(make_pdf([["Some text."]]), limits=PdfLimits(max_seconds=1e-9))


# --- hostile PDFs (issue 14) -------------------------------------------------------------


@pytest.mark.hostile
def test_huge_content_stream_in_a_small_file_is_refused() -> None:
    content = b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj " * 800_000 + b"ET"  # 5.6 MB
    data = page_pdf(zlib.compress(content, 9), filters=b"/FlateDecode")
    assert len(data) < 100_000
    with pytest.raises(CorpusError, match=r"page 1's decompressed content .* max_page_content"):
        pdf_text(data, source="small.pdf")


@pytest.mark.hostile
def test_decompression_bomb_is_refused() -> None:
    content = b"BT /F1 12 Tf 72 720 Td (Bomb.) Tj ET " + b" " * 3_000_000
    data = page_pdf(zlib.compress(content, 9), filters=b"/FlateDecode")
    limits = PdfLimits(max_decompressed_bytes=1_000_000)
    with pytest.raises(CorpusError, match=r"max_decompressed_bytes|decompress|limit"):
        pdf_text(data, source="bomb.pdf", limits=limits)
    # within the limits the same file reads
    assert pdf_text(data).text == "Bomb."


@pytest.mark.hostile
def test_unknown_filter_is_a_corpus_error() -> None:
    data = page_pdf(b"junk", filters=b"/NoSuchDecode")
    with pytest.raises(CorpusError, match=r"bad.pdf: unreadable or corrupt PDF"):
        pdf_text(data, source="bad.pdf")


@pytest.mark.hostile
def test_deeply_nested_arrays_are_a_corpus_error() -> None:
    nested = b"/Junk " + b"[" * 20_000 + b"]" * 20_000 + b" "
    data = page_pdf(b"BT /F1 12 Tf 72 720 Td (Hi.) Tj ET", page_extra=nested)
    with pytest.raises(CorpusError, match=r"deep.pdf: unreadable"):
        pdf_text(data, source="deep.pdf")


@pytest.mark.hostile
@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_encrypted_with_empty_user_password_reads(algorithm: str) -> None:
    plain = make_pdf([["Secret declaration text."]])
    data = encrypted_pdf(plain, algorithm=algorithm)
    assert b"/Encrypt" in data
    assert pdf_text(data).text == "Secret declaration text."


@pytest.mark.hostile
def test_password_protected_pdf_is_a_clear_error() -> None:
    data = encrypted_pdf(make_pdf([["Secret."]]), user_password="open sesame")
    with pytest.raises(CorpusError, match=r"locked.pdf: the PDF is encrypted with a password"):
        pdf_text(data, source="locked.pdf")


@pytest.mark.hostile
def test_hostile_pdfs_do_not_stop_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "2024-01-01_Good_Statement.txt").write_text(
        "Good Statement\n\nThe member states agree.\n", encoding="utf-8"
    )
    (tmp_path / "bad-filter.pdf").write_bytes(page_pdf(b"junk", filters=b"/NoSuchDecode"))
    (tmp_path / "deep.pdf").write_bytes(
        page_pdf(b"", page_extra=b"/J " + b"[" * 20_000 + b"]" * 20_000)
    )
    (tmp_path / "locked.pdf").write_bytes(encrypted_pdf(make_pdf([["x"]]), user_password="pw"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = st.load_corpus([tmp_path], errors="warn")
    assert frame["text"].tolist() == ["The member states agree."]
    messages = " ".join(str(w.message) for w in caught)
    for name in ("bad-filter.pdf", "deep.pdf", "locked.pdf"):
        assert name in messages


@pytest.mark.parametrize("workers", [1, 2])
def test_pdf_limits_hold_around_load_corpus(tmp_path: Path, workers: int) -> None:
    (tmp_path / "2024-01-01_Long_Statement.pdf").write_bytes(
        make_pdf([["Long Statement", "", "The member states agree."], ["More."], ["End."]])
    )
    (tmp_path / "2024-01-02_Short_Statement.pdf").write_bytes(
        make_pdf([["Short Statement", "", "The member states agree."]])
    )
    with pdf_limits(max_pages=2), pytest.warns(UserWarning, match="max_pages=2"):
        frame = st.load_corpus([tmp_path], errors="warn", workers=workers, cache=False)
    assert frame["doc_id"].unique().tolist() == ["2024-short-statement"]
    frame = st.load_corpus([tmp_path], workers=workers, cache=False)
    assert frame["doc_id"].nunique() == 2
