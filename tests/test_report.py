"""Tests of sco_text.report: one standalone, escaped, well-formed HTML page."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_frame

from sco_text.errors import FrameError
from sco_text.report import MIN_DECLARATIONS, build_report, write_report

NASTY = "<script>alert('x')</script> & \"quoted\" 'single'"

PARAGRAPHS_OLD = [
    (
        "Preamble",
        "The member states reaffirm their commitment to peace, security and stability "
        "in the region and to the principles of international law.",
    ),
    ("Preamble", "They support the central coordinating role of the United Nations."),
    (
        "Security",
        "The member states will intensify the fight against terrorism, separatism and "
        "extremism, and against illicit drug trafficking.",
    ),
    (
        "Security",
        "They call for a peaceful and secure information space and oppose the "
        "militarisation of information and communication technologies.",
    ),
    (
        "Trade and economic cooperation",
        "The member states will expand trade, investment and "
        "economic cooperation, including transport and energy.",
    ),
    (
        "Cultural exchanges",
        "They will develop cultural and humanitarian exchanges, tourism, "
        "education and sport among their peoples.",
    ),
]


MOSCOW = "2020-moscow-declaration"


def moscow(paragraphs: list[tuple[str, str]], **columns: str) -> pd.DataFrame:
    """The Moscow declaration with these paragraphs (other columns as in conftest)."""
    return make_frame({MOSCOW: paragraphs}, **{"title": "Moscow Declaration", **columns})


def two_documents() -> pd.DataFrame:
    new = list(PARAGRAPHS_OLD)
    new[2] = (
        "Security",
        "The member states will further intensify the joint fight against "
        "terrorism, separatism and extremism, and illicit drug trafficking.",
    )
    del new[5]
    new.append(
        (
            "Security",
            "They note the importance of biological security and of "
            "international information security.",
        )
    )
    old = moscow(PARAGRAPHS_OLD)
    later = make_frame(
        {"2021-dushanbe-declaration": new},
        title="Dushanbe Declaration",
        date="2021-09-17",
        place="Dushanbe",
    )
    return pd.concat([old, later], ignore_index=True)


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class TagChecker(HTMLParser):
    """Records problems with tag nesting and collects the page's parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.seen: list[str] = []
        self.h2: list[str] = []
        self.imgs: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self._in_h2 = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        self.attrs.extend(attrs)
        if tag == "img":
            self.imgs.append(dict(attrs).get("src") or "")
        if tag in VOID:
            return
        self.stack.append(tag)
        self._in_h2 = tag == "h2"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2:
            self.h2.append(data)


def parse(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def two_doc_page() -> str:
    return build_report(two_documents(), title="Two declarations")


def test_page_is_well_formed_html(two_doc_page: str) -> None:
    assert two_doc_page.startswith("<!DOCTYPE html>")
    checker = parse(two_doc_page)
    assert checker.problems == []
    assert checker.stack == []
    assert checker.seen[:2] == ["html", "head"]
    assert checker.seen.count("body") == 1 and checker.seen.count("main") == 1
    assert checker.seen.count("section") == 8


def test_page_has_the_expected_sections(two_doc_page: str) -> None:
    headings = parse(two_doc_page).h2
    assert headings == [
        "Contents",
        "Documents",
        "Theme heatmap by document",
        "Themes in the sections of one document",
        "Distinctive terms",
        "Normaliser repairs",
        "Changes between successive documents",
        "Commitments",
        "Phrase histories",
    ]


def test_plots_are_embedded_png(two_doc_page: str) -> None:
    srcs = parse(two_doc_page).imgs
    # heatmap, theme bars, diff series bars, commitment bars, phrase chart (the two short
    # texts have no distinctive term)
    assert len(srcs) == 5 and "No document has a distinctive term" in two_doc_page
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1], validate=True)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_is_standalone(two_doc_page: str) -> None:
    # base64 image data may spell "http" by chance: look at the page without it
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", two_doc_page).lower()
    assert "<script" not in text
    assert "<link" not in text
    assert "http" not in text and "//" not in text.replace("<!doctype html>", "")
    for name, value in parse(two_doc_page).attrs:
        if name in {"href", "src"}:
            assert value is not None and (value.startswith("#") or value.startswith("data:"))


def test_diff_section_lists_the_pair(two_doc_page: str) -> None:
    text = " ".join(parse(two_doc_page).text)
    assert "2020-moscow-declaration" in text and "2021-dushanbe-declaration" in text


def test_document_text_is_escaped() -> None:
    frame = moscow(PARAGRAPHS_OLD, title=NASTY, place="<b>Moscow</b>")
    frame.loc[0, "section"] = "<i>Preamble</i> & more"
    page = build_report(frame, title="Report on <script>")
    assert "<script" not in page.lower()
    assert "<b>Moscow</b>" not in page and "<i>Preamble" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert "&lt;b&gt;Moscow&lt;/b&gt;" in page
    checker = parse(page)
    assert checker.problems == [] and checker.stack == []
    # the raw title comes back intact once the escapes are read
    assert NASTY in " ".join(checker.text)


def test_single_document_heatmap_by_section_and_diff_note() -> None:
    page = build_report(moscow(PARAGRAPHS_OLD))
    checker = parse(page)
    assert checker.h2[2] == "Theme heatmap by section"  # by section with one document
    assert "<img" not in page.split('id="diffs"', 1)[1]  # no diff plot
    assert len(checker.imgs) == 3 - ("No section has a distinctive term" in page)
    assert re.search(r"No two documents of one series", page)


def test_repairs_are_counted_per_rule() -> None:
    frame = moscow(PARAGRAPHS_OLD)
    frame.attrs["repairs"] = pd.DataFrame(
        {
            "doc_id": ["2020-moscow-declaration"] * 3,
            "para_no": pd.array([0, 2, pd.NA], dtype="Int64"),
            "rule": ["dehyphenate", "dehyphenate", "drop_page_number"],
            "before": ["se-\ncurity", "ter-\nrorism", "12"],
            "after": ["security", "terrorism", ""],
        }
    )
    page = build_report(frame)
    section = page.split('id="repairs"', 1)[1].split("</section>", 1)[0]
    assert "3 repair(s)" in section
    assert re.search(r"<td class=\"id\">dehyphenate</td><td class=\"num\">2</td>", section)
    assert re.search(r"<td class=\"id\">drop_page_number</td><td class=\"num\">1</td>", section)


def test_build_report_leaves_frame_alone() -> None:
    frame = two_documents()
    before = frame.copy()
    build_report(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_build_report_rejects_a_frame_without_columns() -> None:
    with pytest.raises(FrameError, match="doc_id"):
        build_report(pd.DataFrame({"text": ["a"]}))


def test_build_report_rejects_an_empty_frame() -> None:
    with pytest.raises(FrameError, match="no paragraphs"):
        build_report(make_frame([]))


def test_write_report_writes_utf8_file(tmp_path: Path) -> None:
    out = write_report(moscow(PARAGRAPHS_OLD, title="Déclaration — «Moscou»"), tmp_path / "r.html")
    assert out == tmp_path / "r.html"
    page = out.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in page
    assert "Déclaration — «Moscou»" in page


def test_seed_report_builds() -> None:
    from sco_text.corpus import load_corpus

    frame = load_corpus()
    page = build_report(frame)
    checker = parse(page)
    assert checker.problems == [] and checker.stack == []
    assert len(checker.imgs) >= 3


def test_many_documents_are_summarised() -> None:
    frames = [
        make_frame(
            {f"{1990 + i}-speech-{i}": PARAGRAPHS_OLD[i % 3 : i % 3 + 3]},
            title=f"Speech {i}",
            date=f"{1990 + i}-09-20",
            kind="speech",
        )
        for i in range(35)
    ]
    page = build_report(pd.concat(frames, ignore_index=True).assign(series="one speaker"))
    checker = parse(page)
    assert checker.problems == [] and checker.stack == []
    assert "Theme heatmap by year" in checker.h2
    assert "The 12 most recent of 35 documents." in page
    assert "The 20 most recent of 35 documents." in page
    diffs = page.split('id="diffs"', 1)[1]
    assert "2024-speech-34" in diffs and "2005-speech-15" in diffs
    assert "2004-speech-14" not in diffs  # older than the 20 most recent


def speeches(*countries: str, years: range = range(2018, 2021)) -> pd.DataFrame:
    """One speech a year per country, its series the country (as for UN speeches)."""
    parts = [
        make_frame(
            {f"{year}-{c.lower()}-speech": PARAGRAPHS_OLD[(year + k) % 3 :][:3]},
            date=f"{year}-09-2{k}",
            kind="speech",
            place="New York",
        ).assign(series=c)
        for year in years
        for k, c in enumerate(countries)
    ]
    return pd.concat(parts, ignore_index=True)


def pairs_in(page: str) -> list[tuple[str, str]]:
    """(old, new) of every row of the diff tables."""
    diffs = page.split('id="diffs"', 1)[1]
    return re.findall(r'<tr><td class="id">([^<]+)</td><td class="id">([^<]+)</td>', diffs)


def test_report_pairs_only_documents_of_one_series() -> None:
    frame = speeches("CHN", "RUS", "IND")
    pairs = pairs_in(build_report(frame))
    assert len(pairs) == 3 * 2  # three countries, three speeches each
    for old, new in pairs:
        assert old.split("-")[1] == new.split("-")[1], (old, new)
        assert old < new
    # without a series column, speeches are not paired at all
    page = build_report(frame.drop(columns="series"))
    assert pairs_in(page) == [] and "No two documents of one series" in page


def test_declarations_pair_without_a_series_column() -> None:
    assert pairs_in(build_report(two_documents())) == [
        ("2020-moscow-declaration", "2021-dushanbe-declaration")
    ]


def test_many_series_are_folded() -> None:
    page = build_report(speeches("CHN", "RUS", "IND", "KAZ", "PAK"))
    diffs = page.split('id="diffs"', 1)[1]
    assert diffs.count("<h3>") == 3 and diffs.count("<details><summary>") == 2
    assert "5 series; the 3 largest are open" in diffs


def test_long_tables_are_folded_with_a_count() -> None:
    page = build_report(speeches("CHN", "RUS", "IND", "KAZ", "PAK", "UZB"))
    documents = page.split('id="documents"', 1)[1].split("</section>", 1)[0]
    assert "<details><summary>Show the table of all 18 documents</summary>" in documents
    assert documents.count("<tr>") == 18 + 1  # every row, inside the fold
    short = build_report(two_documents()).split('id="documents"', 1)[1].split("</section>")[0]
    assert "<details>" not in short


def test_figures_are_no_wider_than_the_page() -> None:
    for page in (build_report(two_documents()), build_report(speeches("CHN", "RUS"))):
        widths = [int(w) for w in re.findall(r'<img src="data:[^"]+" width="(\d+)"', page)]
        assert widths and max(widths) <= 1030


def test_contents_link_every_section(two_doc_page: str) -> None:
    nav = two_doc_page.split("<nav", 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', nav)
    assert anchors == re.findall(r'<section id="([^"]+)">', two_doc_page)


def test_math_like_text_renders() -> None:
    frame = two_documents()
    frame.loc[frame["section"] == "Security", "section"] = r"$\frac{1$ money"
    frame.loc[frame["section"] == "Preamble", "section"] = "$x^2$ and $y$ <b>"
    frame["doc_id"] = frame["doc_id"].str.replace("dushanbe", "d$x$")
    page = build_report(frame)  # matplotlib fails on "$\frac{1$" read as math text
    assert "2021-d$x$-declaration" in page and "<b>" not in page
    bars = page.split('id="theme-bars"', 1)[1].split("</section>", 1)[0]
    assert bars.count("<img") == 1  # the chart of the sections named with dollars


def section_of(page: str, anchor: str) -> str:
    return page.split(f'<section id="{anchor}">', 1)[1].split("</section>", 1)[0]


def test_commitments_section_counts_each_declaration(two_doc_page: str) -> None:
    section = section_of(two_doc_page, "commitments")
    rows = re.findall(r"<tr>(<td.*?)</tr>", section)
    # old: reaffirm their commitment, will intensify, will expand, will develop (firm);
    # support (soft). new: the same less "will develop"; "They note" is not one
    assert rows[0] == (
        '<td class="id">2020-moscow-declaration</td><td class="date">2020-11-10</td>'
        '<td class="num">5</td><td class="num">4</td><td class="num">1</td>'
        '<td class="num">80%</td><td class="num">0</td>'
        "<td>un_multilateralism 2, culture_education_youth 1, terrorism_extremism 1</td>"
    )
    assert rows[1].startswith(
        '<td class="id">2021-dushanbe-declaration</td><td class="date">2021-09-17</td>'
        '<td class="num">4</td><td class="num">3</td><td class="num">1</td>'
        '<td class="num">75%</td>'
    )
    themes = re.findall(r'<tr><td>([a-z_() ]+)</td><td class="num">(\d+)</td>', section)
    assert themes == [
        ("un_multilateralism", "4"),
        ("terrorism_extremism", "2"),
        ("trade_investment", "2"),
        ("culture_education_youth", "1"),
    ]
    assert section.count("<img") == 1
    assert "They note the importance of biological security" not in section
    nav = two_doc_page.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert "(9 found, 7 firm)" in nav


def test_phrase_section_charts_the_shared_formulas(two_doc_page: str) -> None:
    section = section_of(two_doc_page, "phrases")
    assert section.count("<img") == 1
    # two documents: everything they share is listed (no boilerplate cut), longest first
    assert "They call for a peaceful and secure information space" in section
    assert "<th>phrase</th><th>documents</th><th>first_date</th>" in section


def test_language_sections_need_two_declarations() -> None:
    assert MIN_DECLARATIONS == 2
    one = two_documents()
    one.loc[one["doc_id"] == "2021-dushanbe-declaration", "kind"] = "statement"
    headings = parse(build_report(one)).h2
    assert "Commitments" not in headings and "Phrase histories" not in headings
    assert "Commitments" in parse(build_report(two_documents())).h2
    speeches_page = build_report(speeches("CHN", "RUS"))
    assert 'id="commitments"' not in speeches_page and 'id="phrases"' not in speeches_page


def test_commitments_without_a_theme_come_last() -> None:
    frame = two_documents()
    frame.loc[0, "text"] = "They will meet again."  # a commitment with no theme word
    section = section_of(build_report(frame), "commitments")
    themes = re.findall(r'<tr><td>([a-z_() ]+)</td><td class="num">(\d+)</td>', section)
    assert themes[-1] == ("(no theme)", "1") and themes[0] == ("un_multilateralism", "3")


def test_commitment_sentences_are_escaped() -> None:
    frame = two_documents()
    nasty = 'The member states will fund <script>alert(1)</script> & "more" by 2030.'
    frame.loc[0, "text"] = nasty
    page = build_report(frame)
    section = section_of(page, "commitments")
    assert "<script" not in page.lower()
    assert "will fund &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;" in section
    assert "timeline: 2030" in section  # the example with most catalysts
    checker = parse(page)
    assert checker.problems == [] and checker.stack == []
