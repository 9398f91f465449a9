"""Hostile and unlucky input for sco_text.readers (issue 14): each case either reads right
or gets a CorpusError naming the file and the reason. Inputs are generated here."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from sco_text.errors import CorpusError
from sco_text.readers import (
    MAX_BYTES,
    decode_text,
    html_to_text,
    markdown_to_text,
    read_document,
    read_markdown,
    read_text_file,
)

pytestmark = pytest.mark.hostile

# --- Markdown: inline patterns in linear time -----------------------------------------

MEGABYTE = 1_000_000


@pytest.mark.timeout(30)
@pytest.mark.parametrize("unit", ["*a ", "_a ", "**a ", "[a ", "[a](", "![a](", "[a](b( ", "a_ "])
def test_markdown_markers_that_never_close_read_in_linear_time(unit: str) -> None:
    # 1 MB on one line; the old patterns rescanned the rest of the line from each marker
    # (48 KB: 6 s; 1 MB: hours). The time cap makes a quadratic pattern fail here.
    line = unit * (MEGABYTE // len(unit))
    text = markdown_to_text(line)
    assert text == line.strip()


@pytest.mark.timeout(30)
def test_markdown_many_closed_markers_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text("*a* " * (MEGABYTE // 4) + "[b](c) " * 1000, encoding="utf-8")
    text, _ = read_markdown(path)
    assert text == ("a " * (MEGABYTE // 4) + "b " * 1000).strip()


def test_markdown_emphasis_rules_still_hold() -> None:
    source = (
        "Some *very* **bold** ***strong*** _it_ __under__ text, snake_case_name, 2*3*4, "
        "a *lone star, **nested *inner* words**, [a link](http://x.org/a_(b)) and "
        "![an image](i.png)."
    )
    assert markdown_to_text(source) == (
        "Some very bold strong it under text, snake_case_name, 2*3*4, a *lone star, "
        "nested inner words, a link and an image."
    )


def test_markdown_heading_with_closing_hashes_and_long_padding() -> None:
    assert markdown_to_text("## Title ##\n\nBody.") == "Title\n\nBody."
    padded = "#" + " " * 200_000 + "x"
    assert markdown_to_text(padded) == "x"


# --- HTML: omitted </head>, unclosed SVG/MathML -----------------------------------------


def test_html_without_closing_head_keeps_its_body(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Joint Statement</title>"
        "<link rel=stylesheet href=s.css><body><h1>Joint Statement</h1>"
        "<p>The leaders met in Astana.</p></body></html>",
        encoding="utf-8",
    )
    text, info = read_document(path)
    assert text == "Joint Statement\n\nThe leaders met in Astana."
    assert info["title"] == "Joint Statement"


def test_html_head_ends_at_first_body_element_or_text() -> None:
    text, title = html_to_text("<head><title>T</title><script>x=1</script>Loose words<p>Two")
    assert (text, title) == ("Loose words\n\nTwo", "T")


@pytest.mark.parametrize("tag", ["svg", "math"])
def test_unclosed_foreign_content_does_not_swallow_the_page(tag: str) -> None:
    source = f"<p>First.</p><{tag}><g><text>label</text><p>Second.</p><div>Third.</div>"
    text, _ = html_to_text(source)
    assert text == "First.\n\nSecond.\n\nThird."


def test_foreign_content_ends_with_its_enclosing_element() -> None:
    source = "<div><p>One <svg><circle r='1'><title>icon</title></div><p>Two</p>"
    assert html_to_text(source) == ("One\n\nTwo", "")


def test_closed_svg_text_and_foreign_object_stay_hidden() -> None:
    source = (
        "<p>a</p><svg><title>svg title</title><foreignObject><p>inner</p></foreignObject>"
        "<text>label</text></svg><p>after</p>"
    )
    assert html_to_text(source) == ("a\n\nafter", "")


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_bom_decodes(tmp_path: Path, codec: str) -> None:
    body = "Déclaration de Moscou\n\nThe leaders met.\n"
    bom = {"utf-32": b"", "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}
    path = tmp_path / "a.txt"
    path.write_bytes(bom[codec] + body.encode(codec))
    text, info = read_text_file(path)
    assert text == body
    assert "\x00" not in text
    assert info["encoding"] == "utf-32" and info["bom"] is True


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_utf16_big_and_little_endian_with_bom(codec: str) -> None:
    bom = b"\xfe\xff" if codec.endswith("be") else b"\xff\xfe"
    text, info = decode_text(bom + "Ünity\r\nand peace".encode(codec))
    assert text == "Ünity\nand peace"
    assert info["encoding"] == "utf-16"


def test_utf8_bom_does_not_turn_off_the_nul_check(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfText\x00\x00\x00\x01 more")
    with pytest.raises(CorpusError, match="binary") as info:
        read_document(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    "data",
    [
        # an icon-like header: FF FE, then small integers and NUL runs
        b"\xff\xfe\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00" * 8,
        # NUL code units after a UTF-16 mark
        b"\xff\xfe" + "Text".encode("utf-16-le") + b"\x00\x00" * 4,
        # random bytes after a UTF-16 mark (fail to decode: unpaired surrogates)
        b"\xff\xfe" + random.Random(14).randbytes(4096),
        # an odd number of bytes
        b"\xfe\xff\x00T\x00e\x00",
    ],
)
def test_binary_data_behind_a_utf16_mark_is_refused_as_binary(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError, match="binary") as info:
        read_document(path)
    assert info.value.path == str(path)


def test_utf16_without_bom_is_refused_with_a_hint() -> None:
    with pytest.raises(CorpusError, match="UTF-16 or UTF-32 text without a byte-order mark"):
        decode_text("The leaders met.".encode("utf-16-le"))


# --- sizes and special files ---------------------------------------------------------


def test_default_size_limit_is_documented() -> None:
    assert MAX_BYTES == 64 * 1024 * 1024
    assert "MAX_BYTES" in (read_document.__doc__ or "")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf"])
def test_file_over_the_limit_is_refused_and_the_limit_can_be_raised(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"big{suffix}"
    path.write_bytes((b"%PDF-1.4 " if suffix == ".pdf" else b"") + b"words and more " * 100)
    size = path.stat().st_size
    with pytest.raises(CorpusError, match=r"too large .*max_bytes=") as info:
        read_document(path, max_bytes=size - 1)
    assert info.value.path == str(path)
    if suffix != ".pdf":
        text, _ = read_document(path, max_bytes=size)
        assert text.startswith("words and more")


def test_size_limit_at_its_boundary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_document(path, max_bytes=100)[0] == "x" * 100
    with pytest.raises(CorpusError, match="too large"):
        read_document(path, max_bytes=99)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None])
def test_max_bytes_is_checked(tmp_path: Path, bad: object) -> None:
    from sco_text.errors import OptionError

    path = tmp_path / "a.txt"
    path.write_text("text")
    with pytest.raises(OptionError, match="max_bytes="):
        read_document(path, max_bytes=bad)  # type: ignore[arg-type]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(CorpusError, match="device") as info:
        read_document(link)
    assert info.value.path == str(link)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(CorpusError, match="pipe"):
        read_document(fifo)
