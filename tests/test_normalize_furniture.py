"""Running headers, footers and page counts of text whose pages are shown (form feeds)."""

from __future__ import annotations

import textwrap

from sco_text.normalizer import normalize
from sco_text.normalizer.furniture import (
    _CODE_CHARS,
    _MIN_PAGES,
    FOOTER,
    HEADER,
    code_lines,
    find_furniture,
    page_starts,
    shape,
)

PARAGRAPHS = [
    "The heads of the member states of the Shanghai Cooperation Organisation met in "
    "Astana and reviewed the work of the Organisation over the past year, noting the "
    "progress made in trade, energy and the fight against terrorism.",
    "They agreed that the next meeting of the Council will be held in the coming year "
    "and instructed their ministers to prepare the documents for adoption there.",
    "The member states welcome the work of the Secretariat and of the Regional "
    "Anti-Terrorist Structure and thank the host country for its hospitality.",
]


def _wrapped(text: str, width: int = 60) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _printed(head: list[str], foot: list[str], *, per_page: int = 5) -> str:
    """The paragraphs wrapped, cut into pages of ``per_page`` lines, each page with the
    given header and footer lines ({n}: the page's number), joined by form feeds."""
    body = ["Joint Communique", ""]
    for paragraph in PARAGRAPHS:
        body.extend([*_wrapped(paragraph), ""])
    cut = [body[i : i + per_page] for i in range(0, len(body), per_page)]
    pages = [
        "\n".join([*(h.format(n=n + 1) for h in head), *page, *(f.format(n=n + 1) for f in foot)])
        for n, page in enumerate(cut)
    ]
    return "\n\f".join(pages) + "\n"


def _texts(raw: str) -> list[str]:
    return [p.text for p in normalize(raw).paragraphs]


def test_browser_print_reads_as_its_source() -> None:
    raw = _printed(["12/2/26, 5:14 AM Joint Communique"], ["file:///home/me/communique.html {n}/4"])
    result = normalize(raw)
    assert [p.text for p in result.paragraphs] == PARAGRAPHS
    assert result.title == "Joint Communique"
    removed = [(r.rule, r.before) for r in result.repairs if r.rule in (HEADER, FOOTER)]
    assert (HEADER, "12/2/26, 5:14 AM Joint Communique") in removed
    assert (FOOTER, "file:///home/me/communique.html 3/4") in removed
    assert not any("5:14" in line for line in [*result.front_matter, *result.back_matter])


def test_repeated_header_and_page_count() -> None:
    raw = _printed(["Shanghai Cooperation Organisation"], ["Page {n} of 4"])
    assert _texts(raw) == PARAGRAPHS


def test_mirrored_headers_of_left_and_right_pages() -> None:
    # UN records print the same parts in mirrored order on facing pages
    assert shape("15-29425 31/34") == shape("32/34 15-29425")
    lines = [
        "We meet at a time of change in the world.",
        "15-29425 31/34",
        "\fA/70/PV.15 28/09/2015",
        "The Organization has tried its best to adapt.",
        "32/34 15-29425",
        "\f28/09/2015 A/70/PV.15",
        "In conclusion, I thank the Assembly.",
    ]
    found = find_furniture([s.strip() for s in lines], list(range(7)), page_starts(lines))
    assert sorted(found) == [1, 2, 4, 5]


def test_unwrapped_speech_loses_its_running_lines() -> None:
    more = " It is a task for every member of the Organization, large and small, old and new."
    speech = [
        "We meet at a time of change in the world, and the United Nations must change." + more,
        "15-29425 31/34",
        "\fA/70/PV.15 28/09/2015",
        "The Organization has tried its best to keep up with an evolving environment." + more,
        "32/34 15-29425",
        "\f28/09/2015 A/70/PV.15",
        "In conclusion, let me reiterate the commitment of my Government to peace." + more,
    ]
    result = normalize("\n".join(speech))
    assert result.layout == "unwrapped"
    assert [p.text for p in result.paragraphs] == [speech[0], speech[3], speech[6]]
    assert [r.rule for r in result.repairs[:4]] == [FOOTER, HEADER, FOOTER, HEADER]


def test_paragraph_numbers_at_page_tops_are_kept() -> None:
    lines = ["1.", "The member states met.", "\f2.", "They agreed.", "\f3.", "They left."]
    stripped = [s.strip() for s in lines]
    assert find_furniture(stripped, list(range(6)), page_starts(lines)) == {}


def test_codes_count_inside_the_text_only() -> None:
    # a line of numbers and codes is furniture at an inner page edge, not above the text
    lines = ["16.09.2022", "The member states met.", "\fA/70/PV.15 28/09/2015", "They agreed."]
    found = find_furniture([s.strip() for s in lines], list(range(4)), page_starts(lines))
    assert found == {2: HEADER}


def test_code_chars_boundary() -> None:
    def coded(n: int) -> bool:
        code = "A/70/PV.15 " + "1" * (n - 11)
        lines = ["The member states met.", "\f" + code, "They agreed."]
        return bool(find_furniture([s.strip() for s in lines], [0, 1, 2], page_starts(lines)))

    assert coded(_CODE_CHARS) and not coded(_CODE_CHARS + 1)


def test_one_page_print_loses_its_stamp_and_address() -> None:
    raw = "\n".join(
        [
            "12/2/26, 5:14 AM",
            "Joint Communique",
            "",
            *_wrapped(PARAGRAPHS[0]),
            "",
            "https://example.org/documents/communique 1/1",
        ]
    )
    result = normalize(raw)
    assert result.title == "Joint Communique"
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:1]


def test_a_page_number_beside_a_form_feed_goes() -> None:
    lines = _wrapped(PARAGRAPHS[0])
    raw = "\n".join([*lines[:3], "7", "\f" + lines[3]])  # mid-sentence
    result = normalize(raw)
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:1]
    assert ("page-number", "7") in [(r.rule, r.before) for r in result.repairs]


def test_min_pages_boundary() -> None:
    # a line repeated at the top of every page is furniture from two pages on
    def found(pages: int) -> bool:
        lines = [("\f" if p else "") + "Shared Line Of Text" for p in range(pages)]
        body = [[line, f"body {'z' * (p + 1)}"] for p, line in enumerate(lines)]
        flat = [x for page in body for x in page]
        stripped = [x.strip() for x in flat]
        return bool(find_furniture(stripped, list(range(len(flat))), page_starts(flat)))

    assert found(_MIN_PAGES) and not found(_MIN_PAGES - 1)


def test_code_lines_beside_blanks_end_pages() -> None:
    # UN records of 2005-2011: "page document-number" footers between blank lines
    lines = _wrapped(PARAGRAPHS[0])
    raw = "\n".join([*lines[:3], "", "", "17 08-51570", "", lines[3], "", PARAGRAPHS[1]])
    result = normalize(raw)
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:2]
    assert (FOOTER, "17 08-51570") in [(r.rule, r.before) for r in result.repairs]


def test_what_is_no_code_line() -> None:
    stripped = ["We recall resolution", "", "435 (1978).", "", "2.1.", "", "16.09.2022", "", "End"]
    assert code_lines(stripped, [0, 2, 4, 6, 8]) == {}
    assert code_lines(["A/63/PV.13", "", "Text"], [0, 2]) == {}  # the text's first line


def test_text_lines_that_recur_are_kept() -> None:
    # a sentence end or a line-end hyphen shows a line of the text, however often seen
    for line in ("We reaffirm our support.", "Running line of the co-"):
        lines = [("\f" if p else "") + line for p in range(3)]
        pages = [x for p, head in enumerate(lines) for x in (head, "body " + "z" * (p + 1))]
        stripped = [x.strip() for x in pages]
        assert find_furniture(stripped, list(range(6)), page_starts(pages)) == {}


def test_page_starts() -> None:
    assert page_starts(["a", "\fb", "c\f", "d", "\f", "e"]) == [0, 1, 3, 4]
