"""The layout thresholds of the normaliser, as one frozen object.

Every number the normaliser uses to decide the structure of a text (what is a page
number, a title, a heading, a paragraph end, a signature block) is a field of
:class:`LayoutRules`; the stage modules read them from the object they are given and
hold no number of their own.  Widths are in characters; where a text's continuing lines
show the metric it was wrapped in (characters or a font's printed widths,
:mod:`.widths`), that metric also tells which lines ended before the margin; fractions
are of the page width.  Each field has a test at its boundary in ``tests/test_normalize_rules.py``.

>>> rules = LayoutRules()
>>> rules.heading_width, rules.unwrapped_line
(0.6, 130)
>>> LayoutRules(heading_width=0.5).heading_width
0.5
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_RULES", "LayoutRules"]


@dataclass(frozen=True)
class LayoutRules:
    """Thresholds of the layout stages (see each stage module for how they are used).

    Layout detection (:mod:`.layout`)
        unwrapped_line: a line longer than this many characters is an unwrapped paragraph.
        unwrapped_long_share: the text is unwrapped when at least this share of its
        non-empty lines are that long.
        unwrapped_min_lines, unwrapped_end_share: ... or when it has at least this many
        non-empty lines and at least this share of them end a sentence or clause.

    Pages (:mod:`.pages`)
        page_number_chars: a page-number line ("- 2 -", "Page 2 of 5") is at most this long.
        blank_block_lines: blank lines separate paragraphs when the blocks between them
        average fewer than this many lines; otherwise they only end pages.
        page_gap: with paragraph blanks of two lengths, a run of at least this many blank
        lines ends a page.
        width_percentile: the text's width is this percentile of its line widths (a page
        is at least as wide).
        indent_share: indented lines mark paragraphs when at most this share of lines are
        indented.
        furniture_lines, furniture_share: where the text shows its pages (form feeds, page
        numbers), a line of the same shape among the first (last) ``furniture_lines`` of
        at least ``furniture_share`` of the pages is a running header (footer)
        (:mod:`.furniture`).

    Title (:mod:`.title`)
        title_scan_lines: the title block is looked for in this many leading lines.
        title_max_lines: a blank-terminated title block has at most this many lines.
        title_short_line: a line shorter than this fraction of the width continues a title.
        title_end_line: a title's last line is shorter than this fraction of the width.
        title_capitals: share of capitalised content words of a title-like line;
        kind_title_capitals: the same for a title opening with a kind of document
        ("Statement", "Declaration" ...).

    Headings (:mod:`.headings`)
        heading_width: a heading is at most this fraction of the page width,
        heading_chars, heading_words: and at most this many characters and words;
        roman_heading_chars: a roman-numbered heading ("II. Economy") is at most this long.

    Paragraph breaks (:mod:`.breaks`)
        loose_fit: a sentence-final line ends its paragraph when the next word would have
        fitted with at most this fraction of the width to spare overflowing (proportional
        type makes full lines differ in length);
        strict_fit_min, strict_fit: inside blank-separated blocks the line must leave at
        least this many units and this fraction of the width free;
        comma_fit_min, comma_fit: a line ending in a comma or dash ends a paragraph only
        with at least this many units and this fraction of the width free.
        fit_lines, fit_quantile: a text's widths are measured in the metric (characters or
        a font's printed widths, :mod:`.widths`) under which the ``fit_quantile`` of its
        continuing lines leaves the least room for their next word, when it has at least
        ``fit_lines`` of them; where that room is at most zero the metric is the one the
        text was wrapped in: a sentence-final line before a capital whose next word would
        have fitted ended its paragraph, and one whose next word did not fit ends it as
        the next sentence's opening word is seen to open the text's paragraphs rather
        than its sentences (:func:`.breaks.count_openers`); ``fit_margin`` of the width
        is the error of the metric (a line that left that much room ended early).
        opener_weight: the pseudo-counts by which an opening word rarely seen leans on
        its class (sentences pointing back or not) in :class:`.breaks.Openers`.
        list_marker_chars: a list marker ("12)", "(iv)") is at most this many characters.
        preamble_clauses: when at least this many clause lines of the opening sentence
        before a participle ("..., / noting ...") are clearly short, all of them end
        their paragraphs.

    Back matter (:mod:`.backmatter`)
        signature_width, signature_chars: a signature line is at most this fraction of the
        width or this many characters (whichever is more);
        place_date_chars: a place-and-date line is at most this long;
        name_words: a name or country line of a signature block ("Republic of Uzbekistan
        Shavkat Mirziyoyev") has at most this many capitalised words.
    """

    unwrapped_line: int = 130
    unwrapped_long_share: float = 0.2
    unwrapped_min_lines: int = 3
    unwrapped_end_share: float = 0.6
    page_number_chars: int = 15
    blank_block_lines: int = 12
    page_gap: int = 2
    width_percentile: float = 0.9
    indent_share: float = 0.4
    furniture_lines: int = 2
    furniture_share: float = 0.5
    title_scan_lines: int = 7
    title_max_lines: int = 5
    title_short_line: float = 0.7
    title_end_line: float = 0.8
    title_capitals: float = 0.75
    kind_title_capitals: float = 0.5
    heading_width: float = 0.6
    heading_chars: int = 70
    heading_words: int = 10
    roman_heading_chars: int = 80
    loose_fit: float = 1 / 12
    strict_fit_min: int = 10
    strict_fit: float = 1 / 8
    comma_fit_min: int = 8
    comma_fit: float = 1 / 10
    fit_lines: int = 10
    fit_quantile: float = 0.95
    fit_margin: float = 0.01
    opener_weight: float = 2.0
    list_marker_chars: int = 5
    preamble_clauses: int = 2
    signature_width: float = 0.8
    signature_chars: int = 70
    place_date_chars: int = 60
    name_words: int = 4


DEFAULT_RULES = LayoutRules()
