"""Tests for sco_text.readers: bytes on disk -> raw text."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_builders import blank_pdf, make_pdf

from sco_text.errors import CorpusError
from sco_text.readers import (
    SUPPORTED_EXTENSIONS,
    decode_text,
    html_to_text,
    markdown_to_text,
    read_document,
    read_html,
    read_pdf,
    read_text_file,
)

# --- text files -------------------------------------------------------------


def test_utf8_text_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Title\n\nMankind’s peaceful development – yes.\n".encode())
    text, info = read_text_file(path)
    assert text == "Title\n\nMankind’s peaceful development – yes.\n"
    assert info["encoding"] == "utf-8"
    assert info["bom"] is False and info["crlf"] is False
    assert info["format"] == "text" and info["layout"] == "auto"


def test_bom_and_crlf_are_handled_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one\r\nLine two\r\n")
    text, info = read_text_file(path)
    assert text == "Line one\nLine two\n"
    assert info["bom"] is True and info["crlf"] is True and info["encoding"] == "utf-8"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Déclaration\n".encode("utf-16"))
    text, info = read_text_file(path)
    assert text == "Déclaration\n"
    assert info["encoding"] == "utf-16"


def test_cp1252_fallback_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Mankind’s “peaceful” development – café\n".encode("cp1252"))
    text, info = read_text_file(path)
    assert text == "Mankind’s “peaceful” development – café\n"
    assert info["encoding"] == "cp1252"
    assert any("cp1252" in note for note in info["notes"])


def test_wrong_encoding_is_rejected(tmp_path: Path) -> None:
    # 0x81 and 0x8d are undefined in cp1252 and invalid as UTF-8
    path = tmp_path / "a.txt"
    path.write_bytes(b"Some text \x81\x8d more text\n")
    with pytest.raises(CorpusError, match="undecodable bytes") as info:
        read_text_file(path)
    assert info.value.path == str(path)


def test_cp1252_guess_refused_when_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"text \xe9 \x01\x02\x03 text\n")
    with pytest.raises(CorpusError, match="not plausible cp1252"):
        read_text_file(path)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(CorpusError, match="binary"):
        read_document(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"])
def test_empty_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match="empty file"):
        read_document(path)


def test_unknown_extension_lists_supported(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError) as info:
        read_document(path)
    message = str(info.value)
    assert str(path) in message
    for ext in SUPPORTED_EXTENSIONS:
        assert ext in message


def test_no_extension_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("hello")
    with pytest.raises(CorpusError, match="no extension"):
        read_document(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        read_document(tmp_path / "gone.txt")
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(CorpusError, match="directory"):
        read_document(folder)


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "A.TXT"
    path.write_text("Hello\n", encoding="utf-8")
    assert read_document(path)[0] == "Hello\n"


def test_decode_text_rejects_nul() -> None:
    with pytest.raises(CorpusError, match="NUL"):
        decode_text(b"abc\x00def", "x.txt")


# --- markdown ---------------------------------------------------------------


def test_markdown_is_stripped_minimally(tmp_path: Path) -> None:
    source = (
        "# The *Astana* Declaration\n\n"
        "The leaders met **in Astana**\non 4 July 2024 and [declare](http://x.org) this.\n\n"
        "## Security\n\n"
        "- first item\n- second `item`\n\n***\n\nLast _words_.\n"
    )
    path = tmp_path / "a.md"
    path.write_text(source, encoding="utf-8")
    text, info = read_markdown_document(path)
    assert text.split("\n\n") == [
        "The Astana Declaration",
        "The leaders met in Astana on 4 July 2024 and declare this.",
        "Security",
        "- first item",
        "- second item",
        "***",
        "Last words.",
    ]
    assert info["title"] == "The Astana Declaration"
    assert info["format"] == "markdown" and info["layout"] == "wrapped"


def read_markdown_document(path: Path) -> tuple[str, dict[str, object]]:
    return read_document(path)


def test_markdown_keeps_snake_case_words() -> None:
    assert markdown_to_text("file_name and 2*3*4") == "file_name and 2*3*4"


# --- html -------------------------------------------------------------------


def test_html_blocks_scripts_and_entities(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Page &amp; title</title>"
        "<style>p { color: red }</style><script>var a = '<p>no</p>';</script></head>"
        "<body><h1>Qingdao Declaration</h1>"
        "<p>Tom &amp; Jerry &lt;b&gt; &#8211; caf&eacute;\n  spread\tover lines</p>"
        "<div>First<br>Second</div><ul><li>one</li><li>two</li></ul>"
        "<p>x &lt; y &amp;&amp; y &gt; z</p></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    text, info = read_html(path)
    assert text.split("\n\n") == [
        "Qingdao Declaration",
        "Tom & Jerry <b> – café spread over lines",
        "First",
        "Second",
        "one",
        "two",
        "x < y && y > z",
    ]
    assert "color" not in text and "var a" not in text and "Page" not in text
    assert info["title"] == "Qingdao Declaration"
    assert info["layout"] == "wrapped"


def test_html_title_falls_back_to_title_element() -> None:
    text, title = html_to_text("<title> A &amp; B </title><p>Body</p>")
    assert (text, title) == ("Body", "A & B")


def test_html_page_chrome_is_not_text() -> None:
    # a declaration published on a site: menu, sidebar and footer are not the document
    page = (
        "<body><nav>Home | News</nav><header><h1>Astana Declaration</h1></header>"
        "<aside>Read also: <a href='x'>Another text</a></aside><p>The states met.</p>"
        "<p>Astana, 4 July 2024</p><footer>Copyright 2024</footer><button>Print</button>"
    )
    text, title = html_to_text(page)
    assert (text, title) == (
        "Astana Declaration\n\nThe states met.\n\nAstana, 4 July 2024",
        "Astana Declaration",
    )


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_text("<html><script>x()</script></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match="no visible text"):
        read_document(path)


# --- pdf --------------------------------------------------------------------


def test_pdf_text_layer_read_as_blocks(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf([["Hello (world)", "second line"], ["Page two"]]))
    text, info = read_pdf(path)
    # each line stops short of the right edge with room for the next word: its own block
    assert text.split("\n\n") == ["Hello (world)", "second line", "Page two"]
    assert info["pages"] == 2 and info["format"] == "pdf" and info["layout"] == "blocks"
    assert info["repairs"] == []


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())
    with pytest.raises(CorpusError, match="no text layer"):
        read_document(path)


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n1 0 obj garbage", b"not a pdf at all", b"%PDF-1.7\n" + b"\x00" * 50]
)
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(CorpusError, match="corrupt") as info:
        read_document(path)
    assert info.value.path == str(path)


def test_empty_pdf(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(CorpusError, match="empty file"):
        read_document(path)


def test_readers_do_not_modify_files(tmp_path: Path) -> None:
    files = {
        "a.txt": "Some text\r\n".encode("cp1252"),
        "b.md": b"# T\n\nx",
        "c.html": b"<p>x</p>",
        "d.pdf": make_pdf([["x"]]),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = {name: (tmp_path / name).stat().st_mtime_ns for name in files}
    for name in files:
        read_document(tmp_path / name)
    for name, data in files.items():
        assert (tmp_path / name).read_bytes() == data
        assert (tmp_path / name).stat().st_mtime_ns == before[name]
