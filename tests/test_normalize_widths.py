"""The metric a text was wrapped in (sco_text.normalizer.widths) and what it decides."""

from __future__ import annotations

import itertools
import textwrap

from sco_text.normalizer import DEFAULT_RULES, normalize
from sco_text.normalizer.pages import find_pages
from sco_text.normalizer.widths import measure, printed_width, printed_widths

R = DEFAULT_RULES
WORDS = str.split(
    "the member states note with satisfaction that cooperation in trade and transport "
    "has grown steadily over the past year and will continue to grow in the coming years "
    "as new routes open across the region and old ones are repaired"
)


def sentence(n: int, shift: int) -> str:
    """A sentence of ``n`` words taken from WORDS, starting at ``shift``."""
    words = [WORDS[(shift + i) % len(WORDS)] for i in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(shift: int) -> str:
    return " ".join(sentence(14 + (shift + i) % 5, shift * 7 + i * 3) for i in range(3))


def wrap_times(text: str, ems: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for w in text.split():
        trial = f"{current} {w}" if current else w
        if current and printed_width(trial, "Times-Roman") > ems:
            lines.append(current)
            current = w
        else:
            current = trial
    return [*lines, current]


def test_printed_width_of_an_unknown_character() -> None:
    assert printed_width("\u4e2d", "Times-Roman") == 0.556
    assert printed_width("\u4e2d", "chars") == 1.0


def test_character_wrapped_text_is_measured_in_characters() -> None:
    lines = textwrap.wrap(" ".join(paragraph(i) for i in range(4)), 60)
    fit = measure(find_pages(lines, R), 0, len(lines), R)
    assert (fit.metric, fit.exact) == ("chars", True)
    assert fit.noise is not None and fit.noise < 0


def test_text_wrapped_by_printed_width_is_measured_in_that_font() -> None:
    lines = wrap_times(" ".join(paragraph(i) for i in range(4)), 36.0)
    fit = measure(find_pages(lines, R), 0, len(lines), R)
    assert (fit.metric, fit.exact) == ("Times-Roman", True)


def test_ragged_lines_are_not_exact() -> None:
    lines = textwrap.wrap(" ".join(paragraph(i) for i in range(4)), 60)
    lines = [s[: len(s) // 2 + 3].rstrip() if i % 3 else s for i, s in enumerate(lines)]
    assert not measure(find_pages(lines, R), 0, len(lines), R).exact


def render(paragraphs: list[str], width: int, heading_at: int = -1, heading: str = "") -> str:
    out: list[str] = []
    for n, p in enumerate(paragraphs):
        if n == heading_at:
            out.append(heading)
        out.extend(textwrap.wrap(p, width))
    return "\n".join(out) + "\n"


def short_ended(text: str, width: int) -> str:
    """``text`` with words dropped from its end until its last line, wrapped at ``width``,
    leaves room for any word: a sentence ending on a full line is decided by how the
    next one opens (breaks.count_openers), which a test of another rule should not meet."""
    words = text[:-1].split()
    while len(textwrap.wrap(" ".join(words) + ".", width)[-1]) > width - 15:
        words.pop()
    return " ".join(words) + "."


def test_a_line_that_ended_early_ends_its_paragraph_without_a_full_stop() -> None:
    paragraphs = [short_ended(paragraph(i), 60) for i in range(6)]
    paragraphs[2] = paragraphs[2][:-1] + " in International Information Security"
    got = [p.text for p in normalize(render(paragraphs, 60)).paragraphs]
    assert got == paragraphs


def test_a_wide_heading_of_narrow_text_is_a_heading() -> None:
    paragraphs = [short_ended(paragraph(i), 60) for i in range(6)]
    heading = "Cultural, humanitarian and public exchanges"  # 43 of 60: past heading_width
    assert len(heading) > R.heading_width * 60
    result = normalize(render(paragraphs, 60, 3, heading))
    assert [p.text for p in result.paragraphs] == paragraphs
    assert [p.section for p in result.paragraphs] == ["Preamble"] * 3 + [heading] * 3


def test_a_clause_that_ended_early_ends_its_paragraph_before_lower_case() -> None:
    # wrapped at 75 in characters: "... of the region," (64) leaves room
    # for "noting" (it was not wrapped but ended), as the clauses of a preamble do
    paragraphs = [paragraph(i) for i in range(6)]
    clause = "welcoming the progress made by the member states of the region,"
    text = render([clause, "noting " + paragraphs[0][1:-1] + ".", *paragraphs[1:]], 75)
    lines = text.split("\n")
    assert lines[0] == clause and lines[1].startswith("noting")
    got = [p.text for p in normalize(text).paragraphs]
    assert got[0] == clause and got[1].startswith("noting")


def test_printed_widths_are_the_widths_of_each_text() -> None:
    texts = [
        "",
        " ",
        "iiii MMMM",
        "Ælfred’s “quote” — ﬂag",
        "\U0001f600 emoji",
        "x\ud800y",
        "é" * 50,
    ]
    for metric in ("chars", "Times-Roman", "Helvetica"):
        assert printed_widths(texts, metric) == [printed_width(t, metric) for t in texts]
    assert printed_widths([], "Times-Roman") == []


def we_paragraph(shift: int) -> str:
    return " ".join(
        "We " + " ".join(WORDS[(shift * 5 + i * 7 + j) % len(WORDS)] for j in range(9 + i)) + "."
        for i in range(4)
    )


def test_a_statement_of_we_sentences_continues_at_a_full_line() -> None:
    # every sentence says "We ...": one that starts after a full line continues its
    # paragraph (the text opens such sentences in mid-line, never a paragraph)
    body = [we_paragraph(i) for i in range(4)]
    for width in range(50, 90):
        paragraphs = [textwrap.wrap(p, width) for p in body]
        ends_room = all(len(p[-1]) + 3 <= width for p in paragraphs)
        full = any(
            a.endswith(".") and b.startswith("We ") and len(a) + 3 > width
            for p in paragraphs
            for a, b in itertools.pairwise(p)
        )
        if ends_room and full:
            break
    else:
        raise AssertionError("no width puts a sentence end on a full line")
    got = [p.text for p in normalize(render(body, width)).paragraphs]
    assert got == body
