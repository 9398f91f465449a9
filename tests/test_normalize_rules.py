"""One test per field of LayoutRules, at its boundary: each fails if the default moves.

Each test builds the smallest input that sits exactly on the threshold and one just past
it, and checks that they are decided differently.
"""

from __future__ import annotations

import dataclasses

import pytest

from sco_text.errors import OptionError
from sco_text.normalizer import DEFAULT_RULES, LayoutRules, normalize
from sco_text.normalizer.backmatter import back_start
from sco_text.normalizer.breaks import (
    Openers,
    count_openers,
    ended_early,
    next_word_fits,
    preamble_clauses,
)
from sco_text.normalizer.headings import heading_at, heading_shape
from sco_text.normalizer.layout import detect_layout
from sco_text.normalizer.pages import Pages, find_pages
from sco_text.normalizer.shapes import is_list_item
from sco_text.normalizer.title import title_like, title_lines
from sco_text.normalizer.widths import measure

R = DEFAULT_RULES


def word(n: int, first: str = "a") -> str:
    """One token of ``n`` characters."""
    return first + "a" * (n - 1)


def line(n: int, end: str = "") -> str:
    """A line of words of exactly ``n`` characters (the last one ending with ``end``)."""
    words: list[str] = []
    size = 0
    while size + 5 < n - len(end):
        words.append("wxyz")
        size += 5
    words.append("a" * (n - len(end) - size) + end)
    return " ".join(words)


def geo_of(lines: list[str]) -> Pages:
    return find_pages(lines, R)


def test_every_field_has_a_boundary_test() -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert {f.name for f in dataclasses.fields(LayoutRules)} <= tested


def test_rules_are_frozen_and_validated() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        R.heading_width = 0.5  # type: ignore[misc]
    with pytest.raises(OptionError, match="rules must be a LayoutRules"):
        normalize("text", rules={"heading_width": 0.5})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- layout


def test_unwrapped_line() -> None:
    short = ["b b", "c c", "d d", "e e"]
    assert detect_layout([word(131), *short]) == "unwrapped"
    assert detect_layout([word(130), *short]) == "wrapped"


def test_unwrapped_long_share() -> None:
    assert detect_layout([word(200), *["b b"] * 4]) == "unwrapped"  # 1 in 5
    assert detect_layout([word(200), *["b b"] * 5]) == "wrapped"  # 1 in 6


def test_unwrapped_min_lines() -> None:
    assert detect_layout(["We met.", "It was good.", "We left."]) == "unwrapped"
    assert detect_layout(["We met.", "It was good."]) == "wrapped"


def test_unwrapped_end_share() -> None:
    assert detect_layout(["a.", "b.", "c.", "d d", "e e"]) == "unwrapped"  # 3 in 5
    assert detect_layout(["a.", "b.", "c.", "d.", "e.", "f.", "g.", "h", "i", "j", "k", "l"]) == (
        "wrapped"  # 7 in 12
    )


# --------------------------------------------------------------------------- pages


def test_page_number_chars() -> None:
    assert geo_of(["Text", "", "Page 123 of 456", "", "More"]).page_numbers == [2]  # 15 chars
    assert geo_of(["Text", "", "Page  123 of 456", "", "More"]).page_numbers == []  # 16


def test_blank_block_lines() -> None:
    # one blank run: blocks average (n / 2) lines; paragraphs below 12
    lines = ["a line"] * 11 + [""] + ["a line"] * 12
    assert geo_of(lines).para_blank  # 23 lines in 2 blocks
    assert not geo_of([*lines, "a line"]).para_blank  # 24 lines


def test_a_blank_setting_off_a_title_parts_no_paragraphs() -> None:
    # 23 lines, one blank run: blank-separated (test_blank_block_lines), unless the blank
    # comes within the first title_scan_lines (7) lines with no sentence end before it
    def para_blank(first: int, head: str = "A title line") -> bool:
        return geo_of([head] * first + [""] + ["a line"] * (23 - first)).para_blank

    assert not para_blank(7)
    assert para_blank(8)
    assert para_blank(7, head="A sentence.")


def test_page_gap() -> None:
    lines = ["one.", "", "two.", "", "", "three.", "", "four."]
    assert geo_of(lines).pages == [0, 0, 1, 1]  # the run of 2 blanks ends a page
    one = ["one.", "", "two.", "", "three.", "", "four."]  # blanks of one length only
    assert geo_of(one).pages == [0, 0, 0, 0]


def test_width_percentile() -> None:
    lines = [word(10 * n) for n in range(1, 22)]  # 21 lines, 10 ... 210 characters
    assert geo_of(lines).doc_width == 190  # the 19th of 21 (0.9 * 20 = 18)


def test_indent_share() -> None:
    assert geo_of([" a", " b", "c", "d", "e"]).indent_marks  # 2 in 5
    assert not geo_of([" a", " b", " c", "d", "e", "f", "g"]).indent_marks  # 3 in 7


def _paged(pages: list[list[str]]) -> list[str]:
    """Pages of lines joined as a PDF-to-text tool joins them: a form feed opening each
    page after the first."""
    lines: list[str] = []
    for n, page in enumerate(pages):
        lines.extend([("\f" if n else "") + page[0], *page[1:]])
    return lines


#: Lines that differ in shape (:func:`sco_text.normalizer.furniture.shape`), one per page.
_LINES = [
    "The member states note the progress made in trade.",
    "They welcome the work of the secretariat this year.",
    "Energy security remains a shared concern of all.",
    "The leaders agreed to meet again in the coming year.",
    "Cooperation in culture and education will deepen.",
]


def test_furniture_lines() -> None:
    # a running header of several lines is found down to each page's second line
    head = ["Running Header First", "Running Header Second", "Running Header Third"]
    geo = geo_of(_paged([[*head, _LINES[0]], [*head, _LINES[1]]]))
    assert sorted(geo.furniture) == [0, 1, 4, 5]  # not the third lines, 2 and 6
    assert geo.texts == [head[2], _LINES[0], head[2], _LINES[1]]


def test_furniture_share() -> None:
    # a header repeated on at least half of the pages (and on two) is furniture
    def found(marked: int, pages: int) -> bool:
        rows = [
            [*(["Running Header Text"] if p < marked else []), "body " + "z" * (p + 1)]
            for p in range(pages)
        ]
        return bool(geo_of(_paged(rows)).furniture)

    assert found(10, 20) and not found(9, 20)
    assert found(2, 4) and not found(2, 5)


# --------------------------------------------------------------------------- title

BODY = [
    "We the leaders of the member states of the Organisation declare",
    "the following on the occasion of the twentieth anniversary here.",
]


def test_title_scan_lines() -> None:
    six = ["JOINT STATEMENT"] * 6
    assert title_lines(geo_of([*six, *BODY]), R) == 6
    assert title_lines(geo_of([*six, "JOINT STATEMENT", *BODY]), R) == 0


def test_title_max_lines() -> None:
    # five title lines before a blank are the title; six are not (the first line alone is
    # then taken as a title by the continuation rule)
    head = ["Joint Statement Of The Leaders On Trade And Energy"] * 6
    assert title_lines(geo_of([*head[:5], "", *BODY]), R) == 5
    assert title_lines(geo_of([*head, "", *BODY]), R) == 1


def test_title_short_line() -> None:
    # the second title line continues the first when it is shorter than 0.7 of the width
    width = len(BODY[1])  # 64
    first = "The Declaration of the Council"
    cont = line(44).replace("wxyz", "Wxyz")  # 44 < 0.7 * 64 = 44.8
    assert title_lines(geo_of([first, cont, *BODY]), R) == 2
    cont = line(45).replace("wxyz", "Wxyz")
    assert width == 64 and title_lines(geo_of([first, cont, *BODY]), R) == 1


def test_title_end_line() -> None:
    # the title ends on a line shorter than 0.8 of the width (64): 51 yes, 52 no
    for n, expected in ((51, 1), (52, 0)):
        title = ("Joint Statement Of Leaders On " + "X" * 40)[:n]
        assert title_lines(geo_of([title, *BODY]), R) == expected


def test_title_capitals() -> None:
    assert title_like(["Leaders Summit Energy trade"], R)  # 3 of 4 capitalised
    assert not title_like(["Leaders Summit Energy Food Water trade food"], R)  # 5 of 7


# --------------------------------------------------------------------------- headings


def heading_geo(head: str) -> Pages:
    return geo_of(
        [
            line(100, "."),
            head,
            "The member states agree on many things in this sphere of work.",
            line(100, "."),
        ]
    )


def test_heading_width() -> None:
    assert heading_at(heading_geo("Trade " + "x" * 54), 1, 4, False, R)  # 60 = 0.6 * 100
    assert not heading_at(heading_geo("Trade " + "x" * 55), 1, 4, False, R)


def test_heading_chars() -> None:
    assert heading_shape("Trade " + "x" * 64, R)  # 70 characters
    assert not heading_shape("Trade " + "x" * 65, R)


def test_heading_words() -> None:
    assert heading_shape(" ".join(["Trade"] * 10), R)
    assert not heading_shape(" ".join(["Trade"] * 11), R)


def test_roman_heading_chars() -> None:
    assert heading_shape("II. " + "x" * 76, R)  # 80 characters
    assert not heading_shape("II. " + "x" * 77, R)


# --------------------------------------------------------------------------- breaks


def fits(width: int, length: int, first: int, end: str = ".", strict: bool = False) -> bool:
    """Line 1 (``length`` long, ending ``end``) on a page ``width`` wide, followed by a
    line whose first word is ``first`` long: does it end its paragraph?"""
    geo = geo_of([word(width), line(length, end), word(first, "B") + " end"])
    assert geo.width(1) == width
    return next_word_fits(geo, 1, 0, strict, R)


def test_loose_fit() -> None:
    # room = 60 - 50 - 1 - first; a tolerance of 60 / 12 = 5 overflowing
    assert fits(60, 50, 14)  # room -5
    assert not fits(60, 50, 15)  # room -6


def opens(length: int, opener: str) -> bool:
    """Line 1 (``length`` long, ending a sentence) on a page 60 wide, before a line opening
    with ``opener``: does it end its paragraph?"""
    geo = geo_of([word(60), line(length, "."), f"{opener} end of it"])
    return next_word_fits(geo, 1, 0, False, R)


def test_anaphoric_opener_continues_only_when_it_overflows() -> None:
    # room = 60 - length - 1 - 4: a sentence pointing back ("They ...") continues the
    # paragraph as soon as its first word would not have fitted, not within the tolerance
    assert opens(55, "They")  # room 0: it would have fitted
    assert not opens(56, "They")  # room -1
    assert opens(56, "Then")  # room -1, within loose_fit: not pointing back
    assert not opens(56, "Also,")  # its comma aside
    assert not opens(53, "However,")  # a connective: room -1
    assert not opens(58, "In this connection,")  # a demonstrative phrase: room -1
    assert opens(58, "In the region,")  # room -1, not pointing back
    assert opens(57, "In this connection,")  # room 0: it would have fitted


def test_strict_fit_min() -> None:
    # width 60: max(10, 60 // 8 = 7) = 10 free
    assert fits(60, 40, 9, strict=True)  # room 10
    assert not fits(60, 40, 10, strict=True)


def test_strict_fit() -> None:
    # width 96: 96 / 8 = 12 free
    assert fits(96, 70, 13, strict=True)  # room 12
    assert not fits(96, 70, 14, strict=True)


def test_comma_fit_min() -> None:
    # width 60: max(8, 6) = 8 free
    assert fits(60, 40, 11, end=",")  # room 8
    assert not fits(60, 40, 12, end=",")


def test_comma_fit() -> None:
    # width 100: 100 / 10 = 10 free
    assert fits(100, 70, 19, end=",")  # room 10
    assert not fits(100, 70, 20, end=",")


def run_on(n: int, short: int = 0) -> list[str]:
    """``n`` full lines of 20 characters running on (a letter, then lower case), ``short``
    of them cut short, and a last line."""
    return [line(20)] * (n - short) + ["wxyz"] * short + ["end."]


def test_fit_lines() -> None:
    # ten continuing lines are measured; nine are too few (characters, no noise)
    lines = run_on(10)
    assert measure(geo_of(lines), 0, len(lines), R).exact
    lines = run_on(9)
    found = measure(geo_of(lines), 0, len(lines), R)
    assert found.noise is None and not found.exact


def test_fit_quantile() -> None:
    # 20 continuing lines: the 0.95 quantile is the 19th smallest room, so one line cut
    # short still leaves the metric exact and two do not
    lines = run_on(20, short=1)
    assert measure(geo_of(lines), 0, len(lines), R).exact
    lines = run_on(20, short=2)
    assert not measure(geo_of(lines), 0, len(lines), R).exact


def test_fit_margin() -> None:
    # width 100 in characters (exact); the line leaves 1 (0.01 of the width) or 0 free
    def early(length: int) -> bool:
        thin = line(100).translate(str.maketrans("wxyza", "iliil"))  # narrow in print
        lines = [line(100), thin] * 6 + [line(length), "Bbbb end of it."]
        geo = geo_of(lines)
        fit = measure(geo, 0, len(lines), R)
        assert fit.exact and fit.metric == "chars"
        return ended_early(geo, 12, R, fit)

    assert early(94)  # room 100 - 94 - 1 - 4 = 1
    assert not early(95)


def test_count_openers() -> None:
    # "We" opens n sentences in mid-line and ``opens`` paragraphs after a short line;
    # each opening is counted under its class (pointing back or not)
    lines = run_on(12) + ["Aaa. We bbb."] * 3 + ["We ccc."] * 2 + ["Aaa. They ddd."]
    geo = geo_of(lines)
    fit = measure(geo, 0, len(lines), R)
    assert fit.exact
    found = count_openers(geo, 0, len(lines), R, fit)
    assert found is not None
    assert found.inside == {"we": 3, "they<": 1}
    assert found.opens == {"we": 2, "aaa": 4}
    # not pointing back: (6 openings + 1) of (9 + 1); pointing back: none of (1 + 1)
    assert found.rates == (7 / 10, 0.0)
    assert count_openers(geo, 0, len(lines), R, None) is None  # the metric unknown


def test_opener_weight() -> None:
    # a word seen opening ``opens`` paragraphs and no sentence in mid-line, in a class
    # that never opens one: it opens a paragraph when opens >= opener_weight (2)
    def opens_paragraph(opens: int) -> bool:
        found = Openers({}, {"bbb": opens}, (0.0, 0.0), R.opener_weight)
        return found.open_paragraph("Bbb ccc.")

    assert opens_paragraph(2)
    assert not opens_paragraph(1)
    # a word never seen leans on its class either way
    assert Openers({}, {}, (0.5, 0.0), R.opener_weight).open_paragraph("Ccc.")
    assert not Openers({}, {}, (0.5, 0.0), R.opener_weight).open_paragraph("They ccc.")


def test_list_marker_chars() -> None:
    assert is_list_item("(iii) item", R.list_marker_chars)  # the space at 5
    assert not is_list_item("(viii) item", R.list_marker_chars)  # the space at 6


def test_preamble_clauses() -> None:
    # clause lines of the opening sentence before a participle; two of them short
    full = "the member states of the Example Organisation, meeting in the city,"
    lines = ["We, " + full, "noting the work done,", "welcoming " + full, "praising " + full]
    lines += ["stressing the need,", "recalling the past,", "declare the following:"]
    # ... and the last clause before the main verb ("recalling the past," / "declare")
    assert preamble_clauses(geo_of(lines), 0, len(lines), R) == {0, 1, 2, 3, 4, 5}
    # one short only ("stressing the need," now as long as the others): no list of clauses
    lines[4] = "stressing " + full
    assert preamble_clauses(geo_of(lines), 0, len(lines), R) == set()
    # only the opening sentence counts
    lines[4] = "stressing the need,"
    late = ["The member states met.", *lines]
    assert preamble_clauses(geo_of(late), 0, len(late), R) == set()


# --------------------------------------------------------------------------- back matter


def back(lines: list[str]) -> int:
    geo = geo_of(lines)
    return len(geo.content) - back_start(geo, 0, R)


TEXT = [line(100, "."), line(100, "."), line(100, ".")]


def test_signature_width() -> None:
    # width 100: a signature line may take 0.8 of it (80)
    assert back([*TEXT, "President " + line(70)]) == 1
    assert back([*TEXT, "President " + line(71)]) == 0


def test_signature_chars() -> None:
    # width 50: 0.8 * 50 = 40 is less than 70 characters, which still count as short
    text = [line(50, "."), line(50, ".")]
    assert back([*text, "President " + line(60)]) == 1
    assert back([*text, "President " + line(61)]) == 0


def test_place_date_chars() -> None:
    place = "X" * 41
    assert back([*TEXT, f"{place}, 16 September 2022"]) == 1  # 60 characters
    assert back([*TEXT, f"{place}X, 16 September 2022"]) == 0


def test_name_words() -> None:
    assert back([*TEXT, "President", "Republic of Uzbekistan Shavkat Mirziyoyev"]) == 2
    assert back([*TEXT, "President", "Republic of Uzbekistan Shavkat M. Mirziyoyev"]) == 0


def test_kind_title_capitals() -> None:
    # a title opening with a kind of document: half its content words capitalised suffice
    assert title_like(["Statement Council climate change"], R)  # 2 of 4
    lower = " xa xb xc xd xe xf xg"
    assert not title_like(["Statement Alpha Beta Gamma Delta Epsilon" + lower], R)  # 6 of 13
    assert not title_like(["Council Heads climate change"], R)  # 2 of 4, no kind
