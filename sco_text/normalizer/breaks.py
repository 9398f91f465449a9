"""Paragraph breaks and sections of the body of hard-wrapped text.

A line ends its paragraph when it ends a sentence (``. ! ?``, or ``: ;`` outside
brackets, closing quotes/brackets allowed after), the next line does not start in lower
case, and the first word of the next line would have fitted on it.  Where the metric the
text was wrapped in is not known, that is measured in characters against the width of
its page with a tolerance of ``loose_fit`` of the width (character counts only
approximate a proportional font), unless the next sentence points back to the one before
(``shapes.points_back``: "They ...", "However, ...", "In this connection, ..."): then the word
must fit without the tolerance; within it, widths cannot tell (the printed widths of a
PDF dump put such a line within a few hundredths of the width of paragraph ends), and
such a sentence continues its paragraph nine times in ten.  Inside blank-separated
blocks the rule is strict (the line must leave ``strict_fit`` of the width free).  A
line ending in a comma or dash ends a paragraph only if the next line is capitalised and
would clearly have fitted (``comma_fit``), or, after a comma outside brackets, when the
next line opens a clause: a capitalised common word (in the package word list) followed
by lower-case words ("Hereby declare the following:"; a name is followed by capitalised
words or is not a common word); a line ending a clause (``, ; :`` or a spaced dash)
before a lower-case line ends its paragraph only when it is clearly short
(``strict_fit``: the clauses of a preamble, "..., the Republic of Uzbekistan," /
"underscoring that ..."), measured against the longer of the lines before and after it
(the items of an indented list are narrower than the page); when ``preamble_clauses`` or
more of the clause lines of the opening sentence before a participle ("..., / noting
...") are clearly short, all of them end their paragraphs (:func:`preamble_clauses`).  A
new paragraph also starts at an indented line (when indents are rare in the file) and at
a numbered or bulleted line (``1.``, ``12)``, ``(a)``, ``-``, ``•``) after punctuation;
a line that is only a marker ("1.") belongs to the line after it. Text in ``blocks``
(read with its geometry) has its paragraphs marked already: no block is split by these
width rules, only before a list item after punctuation. Across a page end the halves of
a paragraph are joined (``page``) unless the same rule says it ended; where blank lines
mark paragraphs, a blank ends one unless it falls mid-clause (no final punctuation)
before a lower-case line.  Where the metric the text was wrapped in is known
(:mod:`.widths`), widths are read in it, without tolerance: a sentence-final line before
a capital whose next word would have fitted ended its paragraph; one whose next word did
not fit says nothing by its width, and ends its paragraph as the opening word of the
next sentence is seen, in this text, to open paragraphs rather than sentences inside
them (:func:`count_openers`).  A line that left room for the next word by ``fit_margin``
of the width ended early: before a capital it ends its paragraph whatever its last
character (:func:`ended_early`: "... on Cooperation in International Information
Security" / "The member states ..."), and a heading needs no other narrowness.

A place/date line standing between paragraphs ("Astana, 4 July 2024") belongs to no
paragraph.  Sections, as a reader names them: headings (:mod:`.headings`) start sections, and the
text before the first heading is the "Preamble"; a lone roman numeral followed by a
heading, or a label ("Article 1", "Chapter II") followed by a heading, names one section
("II. Economy", "Article 1. Goals and Tasks"); ``***`` separators divide the text into
"Part 1", "Part 2", ...; a text with neither headings nor separators is one section,
"Body" (it has no preamble to speak of).

>>> from sco_text.normalizer.pages import find_pages
>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> lines = ["The first paragraph ends here.", "", "Security", "", "The second one."]
>>> geo = find_pages(lines, DEFAULT_RULES)
>>> body = segment(geo, 0, len(geo.content), DEFAULT_RULES)
>>> body.paragraphs, body.sections, body.headings
([[(0, 'first')], [(4, 'first')]], ['Preamble', 'Security'], [(2, 'Security')])
>>> segment(find_pages(["One.", "", "Two."], DEFAULT_RULES), 0, 2, DEFAULT_RULES).sections
['Body', 'Body']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .backmatter import is_place_date
from .headings import heading_at, is_label, is_separator, numeral_headings
from .hyphens import vocabulary
from .pages import Pages
from .rules import LayoutRules
from .shapes import (
    BREAK_CHARS,
    CLOSERS,
    FUNCTION_WORDS,
    HARD_CHARS,
    SENTENCE_CHARS,
    TITLE_WORD,
    points_back,
)
from .widths import Measure, measure

__all__ = [
    "BODY",
    "PREAMBLE",
    "Body",
    "Openers",
    "count_openers",
    "ended_early",
    "next_word_fits",
    "opens_clause",
    "preamble_clauses",
    "segment",
]

PREAMBLE = "Preamble"  # the text before the first heading
BODY = "Body"  # the one section of a text without headings or parts

_LIST_DEPTH = 9  # the bracket depth passed for list items: only a sentence end counts
_EPS = 1e-9


@dataclass
class Body:
    """The body's paragraphs (each a list of ``(line index, join)``; join is "first",
    "line" or "page"), the section of each paragraph, the heading lines and the place/date
    lines standing between paragraphs."""

    paragraphs: list[list[tuple[int, str]]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    datelines: list[int] = field(default_factory=list)  # place/date lines between paragraphs


def next_word_fits(
    geo: Pages,
    k: int,
    depth: int,
    strict: bool,
    rules: LayoutRules,
    fit: Measure | None = None,
    openers: Openers | None = None,
) -> bool:
    """Content line ``k`` ends its paragraph by the width rule: it ends a sentence (or, at
    bracket ``depth`` 0, a clause) and the first word of line ``k + 1`` would have fitted
    on it; or it ends with a comma or dash and the next, capitalised, word clearly fitted.
    ``fit``: the widths of the text in the metric it was wrapped in (:mod:`.widths`);
    ``openers``: how its sentences and paragraphs open (:func:`count_openers`), which
    decides a sentence that ended on a full line in text of known metric."""
    end = geo.ends[k]
    s = geo.texts[k + 1]
    if end not in BREAK_CHARS:
        # in the metric it was wrapped in, a line that left room for the next word ended
        # early: before a capital, its paragraph ended ("... Information Security" / "The")
        return s[:1].isupper() and ended_early(geo, k, rules, fit)
    width = geo.width(k)
    space = s.find(" ")
    room = width - geo.length(k) - 1 - (len(s) if space < 0 else space)
    if s[:1].islower():
        if end in ".!?" or not _clause_end(geo.texts[k]) or depth > 0:
            return False
        if ended_early(geo, k, rules, fit):
            return True  # a clause that ended where the next word would have fitted
        # measured against the lines around it: the items of an indented list are narrower
        local = max(geo.length(k + 1), geo.length(k - 1) if k else 0)
        return local - (width - room) >= _strict(local, rules)
    if end in SENTENCE_CHARS or (end in HARD_CHARS and depth <= 0):
        if strict:
            return room >= _strict(width, rules)
        if fit is not None and fit.exact:
            if fit.room(geo, k) >= -_EPS:
                return True  # the word would have fitted: the line ended
            return openers is not None and openers.open_paragraph(s)
        if room < 0 and points_back(s):
            return False  # overflowing, if only by the tolerance: a sentence pointing back
        return room >= -width * rules.loose_fit - _EPS
    if geo.texts[k].endswith((",", " -", "–", "—")) and s[:1].isupper():
        if depth <= 0 and geo.texts[k].endswith(",") and opens_clause(s):
            return True
        return room >= max(rules.comma_fit_min, _floor(width * rules.comma_fit))
    return False


_MID_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s+([A-Z][\w'’-]*)")
_WORD = re.compile(r"[\w'’-]+")


def _opener(line: str) -> str:
    """The first word of a line, case-folded, without the punctuation after it."""
    found = _WORD.match(line)
    return found[0].casefold() if found else ""


def _opening(word: str, back: bool) -> str:
    """The key an opening is counted under: its word, marked "<" when the sentence points
    back ("In this connection, ..." is not "In the region, ...")."""
    return word + "<" * back


@dataclass(frozen=True)
class Openers:
    """How the sentences of a text open: ``inside``, the words opening its sentences in
    mid-line (certainly inside a paragraph); ``opens``, those opening its paragraphs
    after a line that ended early (certainly a new paragraph); ``rates``, the share of
    paragraph openings among both, for sentences that do not and that do point back."""

    inside: dict[str, int]
    opens: dict[str, int]
    rates: tuple[float, float]
    weight: float

    def open_paragraph(self, line: str) -> bool:
        """Whether the sentence opening ``line``, after a sentence that ended on a full
        line, more likely opens a paragraph than continues one (see :func:`count_openers`)."""
        back = points_back(line)
        word = _opening(_opener(line), back)
        rate = self.rates[back]
        opens = self.opens.get(word, 0) + self.weight * rate
        return opens >= self.inside.get(word, 0) + self.weight * (1 - rate) - _EPS


def count_openers(
    geo: Pages, start: int, end: int, rules: LayoutRules, fit: Measure | None
) -> Openers | None:
    """The openers of content lines ``start`` to ``end`` in text of known metric.

    A sentence ending on a full line says nothing by its width; what decides is how the
    next one opens.  A line break falls before a word with a chance proportional to the
    word's width, whether the word opens a paragraph (its line before was then full)
    or a sentence inside one (it then opens a line): so among such ambiguous openings by
    a word the odds of a paragraph are those among its certain ones, the paragraphs it
    is seen to open against the sentences it opens in mid-line.  A word seen rarely
    leans on its class (``opener_weight`` pseudo-counts at the class's rate: sentences
    pointing back, "They ...", "In this connection, ...", and the others).

    >>> from sco_text.normalizer.pages import find_pages
    >>> from sco_text.normalizer.rules import DEFAULT_RULES
    >>> from sco_text.normalizer.widths import measure
    >>> lines = ["We met. We agreed to go on", "and on. We also went on and on", "to the end."]
    >>> geo = find_pages(lines * 5, DEFAULT_RULES)  # "We": 10 in mid-line, opens 4
    >>> found = count_openers(geo, 0, 15, DEFAULT_RULES, measure(geo, 0, 15, DEFAULT_RULES))
    >>> found.inside["we"], found.opens["we"], found.open_paragraph("We went.")
    (10, 4, False)
    >>> round(found.rates[0], 3), found.open_paragraph("Recalling.")  # unseen: as its class
    (0.333, False)
    """
    if fit is None or not fit.exact:
        return None
    inside: dict[str, int] = {}
    opens: dict[str, int] = {}
    seen = [[1, 1], [0, 1]]  # per class, [paragraph openings, all]: the prior
    for k in range(start, end):
        s = geo.texts[k]
        for m in _MID_SENTENCE.finditer(s):
            back = points_back(s[m.start(1) :])
            word = _opening(m[1].casefold(), back)
            inside[word] = inside.get(word, 0) + 1
            seen[back][1] += 1
        after = k > start and geo.ends[k - 1] in SENTENCE_CHARS
        if after and s[:1].isupper() and ended_early(geo, k - 1, rules, fit):
            back = points_back(s)
            word = _opening(_opener(s), back)
            opens[word] = opens.get(word, 0) + 1
            seen[back][0] += 1
            seen[back][1] += 1
    rates = (seen[0][0] / seen[0][1], seen[1][0] / seen[1][1])
    return Openers(inside, opens, rates, rules.opener_weight)


def ended_early(geo: Pages, k: int, rules: LayoutRules, fit: Measure | None) -> bool:
    """In text whose wrapping metric is known (``fit.exact``), content line ``k`` left
    room for the first word of line ``k + 1`` with ``fit_margin`` of the width to spare:
    it was not wrapped but ended."""
    return fit is not None and fit.exact and fit.room(geo, k) >= rules.fit_margin - _EPS


def opens_clause(line: str) -> bool:
    """The line opens with a capitalised common word followed by lower-case words, as a
    new clause does ("Hereby declare ...", "Noting the ..."), not with a name
    ("Kazakhstan, the ...", "Friendship and Cooperation ...", "President of the Islamic
    Republic"): after a comma, a capital letter means a name or a new paragraph.

    >>> opens_clause("Hereby declare the following:"), opens_clause("Sustainable and Diversified")
    (True, False)
    """
    found = TITLE_WORD.findall(line)
    if len(found) < 2:
        return False
    first = found[0]
    if not (first[:1].isupper() and first[1:].islower() and first.lower() in vocabulary()):
        return False
    rest = [w for w in found[1:] if w.lower() not in FUNCTION_WORDS]
    return bool(rest) and rest[0][:1].islower()


def _floor(x: float) -> int:
    return math.floor(x + _EPS)


def _strict(width: float, rules: LayoutRules) -> float:
    """The room a clearly short line leaves."""
    return max(rules.strict_fit_min, _floor(width * rules.strict_fit))


def preamble_clauses(
    geo: Pages, start: int, end: int, rules: LayoutRules, fit: Measure | None = None
) -> set[int]:
    """The content lines that end a clause of the opening sentence ("We, the heads of
    state ..., / noting ..., / welcoming ..., / declare:") before a participle, when at
    least ``preamble_clauses`` of them are clearly short (end their paragraph by the
    width rule): the preamble is then a list of clauses, one paragraph each, and so
    its clause lines that happen to be full end their paragraphs too, and so does the
    last clause before a main verb that opens the line ending the sentence with a colon
    ("..., / recalling the past, / declare the following:").

    >>> from sco_text.normalizer.pages import find_pages
    >>> from sco_text.normalizer.rules import DEFAULT_RULES
    >>> lines = ["We, the heads of the member states of the Example Organisation, meeting,",
    ...          "noting the work done,",
    ...          "welcoming the meetings of the ministers of foreign affairs held in 2024,",
    ...          "praising the work of the secretariat of the Organisation and its staff,",
    ...          "stressing the need,", "recalling the past,", "declare the following:"]
    >>> sorted(preamble_clauses(find_pages(lines, DEFAULT_RULES), 0, 7, DEFAULT_RULES))
    [0, 1, 2, 3, 4, 5]
    """
    found: list[int] = []
    short = 0
    for k in range(start, end):
        if geo.ends[k] in SENTENCE_CHARS or geo.ends[k] == ":":
            # the main verb on a line of its own after the last clause ("..., / state
            # the following:") is a paragraph of its own too
            verb = geo.ends[k] == ":" and geo.texts[k][:1].islower()
            if verb and found and k > start and geo.texts[k - 1].endswith(","):
                found.append(k - 1)
            break
        if k + 1 >= end:
            break
        opener = geo.texts[k + 1].split(" ", 1)[0]
        if geo.texts[k].endswith(",") and opener.islower() and opener.endswith("ing"):
            found.append(k)
            short += next_word_fits(geo, k, 0, geo.para_blank, rules, fit)
    return set(found) if short >= rules.preamble_clauses else set()


def _starts_paragraph(
    geo: Pages,
    k: int,
    depth: int,
    rules: LayoutRules,
    clauses: set[int],
    fit: Measure,
    openers: Openers | None,
) -> bool:
    """Whether content line ``k`` (``k - 1`` being in the open paragraph, at bracket
    ``depth``) starts a new paragraph (``clauses``: lines that end preamble clauses)."""
    prev = k - 1
    if geo.markers[prev]:
        return False
    if prev in clauses and not geo.blocks:
        return True
    if geo.blocks and not geo.gaps[k]:  # the blocks are the paragraphs; a list item only
        return geo.listed[k] and geo.texts[prev][-1:] in ".,;:!?"
    marked = (geo.indent_marks and geo.indented[k]) or (
        geo.listed[k]
        and (
            geo.texts[prev][-1:] in ".,;:!?"
            or next_word_fits(geo, prev, _LIST_DEPTH, False, rules, fit)
        )
    )
    if geo.pages[k] != geo.pages[prev]:
        if geo.para_blank:
            return geo.ends[prev] in HARD_CHARS
        return marked or next_word_fits(geo, prev, depth, False, rules, fit, openers)
    if geo.para_blank and geo.gaps[k]:
        # a blank ends a paragraph unless it falls mid-clause before a lower-case line
        return geo.page_gap <= 1 or _clause_end(geo.texts[prev]) or not geo.texts[k][:1].islower()
    return marked or next_word_fits(geo, prev, depth, geo.para_blank, rules, fit, openers)


def _clause_end(s: str) -> bool:
    """The line ends a sentence or a clause: . : ; ! ? , or a spaced dash."""
    return s.rstrip(CLOSERS)[-1:] in ".:;!?," or s.endswith((" -", " –", " —"))


def _inside(geo: Pages, k: int, rules: LayoutRules, fit: Measure) -> bool:
    """The common case, a line that plainly continues the open paragraph (the general
    rules would decide the same: no heading, no paragraph start)."""
    return (
        (geo.ends[k - 1] not in BREAK_CHARS or geo.markers[k - 1])
        and not geo.gaps[k]
        and geo.pages[k] == geo.pages[k - 1]
        and not geo.listed[k]
        and not (geo.indent_marks and geo.indented[k])
        and geo.texts[k][0] not in "*•·"
        and not (fit.exact and geo.texts[k][:1].isupper() and ended_early(geo, k - 1, rules, fit))
    )


def segment(geo: Pages, start: int, end: int, rules: LayoutRules) -> Body:
    """Paragraphs, sections and headings of content lines ``start`` to ``end``."""
    body = Body()
    numerals = numeral_headings(geo, start, end)
    fit = measure(geo, start, end, rules)
    clauses = preamble_clauses(geo, start, end, rules, fit)
    openers = count_openers(geo, start, end, rules, fit)
    section, part = PREAMBLE, 1
    current: list[tuple[int, str]] = []
    depth = 0  # open brackets in the current paragraph

    def close() -> None:
        if current:
            body.paragraphs.append(current.copy())
            body.sections.append(section)
            current.clear()

    for k in range(start, end):
        i, s = geo.content[k], geo.texts[k]
        if current and _inside(geo, k, rules, fit):
            current.append((i, "line"))
            depth += s.count("(") - s.count(")")
            continue
        stars = is_separator(s)
        opening = k == start or not current
        if _dateline(geo, k, end, opening, rules):
            close()
            depth = 0
            body.datelines.append(i)
            continue
        if stars or (
            (opening or not geo.markers[k - 1])
            and heading_at(
                geo,
                k,
                end,
                opening,
                rules,
                numerals,
                k + 1 < end and ended_early(geo, k, rules, fit),
            )
        ):
            close()
            depth = 0
            if stars:
                part += 1
                section = f"Part {part}"
            elif (
                (k - 1 in numerals or is_label(geo.texts[k - 1]))
                and body.headings
                and body.headings[-1][0] == geo.content[k - 1]
            ):
                section = f"{section.rstrip('.')}. {s}"  # "II" + "Economy"
            else:
                section = s
            body.headings.append((i, section))
            continue
        kind = "first"
        if current:
            kind = "page" if _page_join(geo, k) else "line"
            if _starts_paragraph(geo, k, depth, rules, clauses, fit, openers):
                close()
                depth, kind = 0, "first"
        current.append((i, kind))
        depth += s.count("(") - s.count(")")
    close()
    _name_sections(body)
    return body


def _dateline(geo: Pages, k: int, end: int, opening: bool, rules: LayoutRules) -> bool:
    """Content line ``k`` is a place/date line standing between paragraphs."""
    s = geo.texts[k]
    if not s[:1].isalnum() or len(s) > rules.place_date_chars or not is_place_date(s):
        return False
    after = k + 1 >= end or not geo.texts[k + 1][:1].islower()
    return after and (opening or geo.ends[k - 1] in HARD_CHARS)


def _name_sections(body: Body) -> None:
    """No headings: one section, "Body"; parts before a heading: "Part 1"."""
    if not body.headings:
        body.sections = [BODY] * len(body.sections)
    elif body.headings[0][1] == "Part 2":
        body.sections = ["Part 1" if s == PREAMBLE else s for s in body.sections]


def _page_join(geo: Pages, k: int) -> bool:
    """Lines ``k - 1`` and ``k`` are on either side of a page end (or, where blank lines
    mark paragraphs, of a blank)."""
    return geo.pages[k] != geo.pages[k - 1] or (geo.para_blank and geo.gaps[k] > 0)
