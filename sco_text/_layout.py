"""Line-structure decisions for :mod:`sco_text.normalize`: pages, title, back matter,
headings and paragraph breaks of hard-wrapped text.  Works on line indices only; the text
itself is repaired and joined by :mod:`sco_text.normalize`.

>>> plan = plan_layout(["TITLE", "", "Body line one.", "", "Second paragraph."])
>>> plan.title, [[i for i, _ in p] for p in plan.paragraphs]
([0], [[2], [4]])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

__all__ = ["Plan", "detect_layout", "is_place_date", "plan_layout"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CLOSERS = "\"'”’)]"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff \t"
_HARD_CHARS = frozenset(".:;!?")
_SENTENCE_CHARS = frozenset(".!?")
_BREAK_CHARS = frozenset(".:;!?,-–—")
_CLAUSE_CHARS = frozenset(".:;!?,")
_PAGE_NO = re.compile(r"(?:-\s*)?\d{1,3}(?:\s*-)?|[Pp]age\s+\d{1,3}(?:\s+of\s+\d{1,3})?")
_LIST_START = re.compile(r"(?:\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-z][.)]|\(?[ivx]{1,4}\)|[-–—•*·▪●◦])\s")
_STARS = re.compile(r"(?:\*\s*){3,}|(?:[•·]\s*){3,}")
_ROMAN = re.compile(r"[IVXLC]{1,7}\.(?:\s+\S.*)?")
_INNER_SENTENCE = re.compile(r"[a-z0-9]{2}[.!?]\s+[A-Z]")  # "2001. We", not "Mr. Kofi"
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# words that make a line a clause rather than a title or heading
_CLAUSE_WORDS = frozenset(
    [
        "i",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "my",
        "our",
        "your",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "as",
        "also",
        "very",
        "allow",
        "like",
    ]
)
_NUMBERED = re.compile(r"\d{1,2}\.\s+[A-Z].*")
_PLACE = r"[A-Z][\w'’. -]*"
_PLACE_DATE = re.compile(
    rf"(?:{_PLACE},\s*)?(?:\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s+(?:{_MONTHS})"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?,?)\s+\d{{4}}(?:,\s*{_PLACE})?\.?"
)
_SIGNATURE = re.compile(
    r"(?:President|Prime Minister|Vice[- ]President|Chairman|Chairperson|Chancellor|King|"
    r"Emir|Sultan|Secretary[- ]General)\b"
)
_OF_LINE = re.compile(r"of the\b")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_FUNCTION = frozenset(
    ["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def detect_layout(lines: list[str]) -> str:
    """ "unwrapped" (one paragraph per line) when at least a fifth of the non-empty lines
    exceed 130 characters, or when 3 or more lines are non-empty and at least 60% of them end
    a sentence or clause (wrapped text mostly breaks lines mid-sentence).

    >>> detect_layout(["x" * 200, "short"]), detect_layout(["a wrapped line", "another"])
    ('unwrapped', 'wrapped')
    >>> detect_layout(["Mr. President,", "", "We met.", "", "It was good."])
    'unwrapped'
    """
    texts = [s.rstrip() for s in lines if s and not s.isspace()]  # s.strip() != ""
    if not texts:
        return "wrapped"
    if sum(1 for s in texts if len(s) > 130) * 5 >= len(texts):
        return "unwrapped"
    ends = sum(1 for s in texts if s.rstrip(_CLOSERS)[-1:] in _CLAUSE_CHARS)
    return "unwrapped" if len(texts) >= 3 and ends * 5 >= 3 * len(texts) else "wrapped"


@dataclass
class Plan:
    """Where each line of a wrapped text goes (all values are line indices)."""

    title: list[int] = field(default_factory=list)
    back: list[int] = field(default_factory=list)
    page_numbers: list[int] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)  # each line without outer whitespace
    # each paragraph: (line index, how it joins the previous line: "first"/"line"/"page")
    paragraphs: list[list[tuple[int, str]]] = field(default_factory=list)
    # section name of each paragraph
    sections: list[str] = field(default_factory=list)


def plan_layout(lines: list[str]) -> Plan:
    """Decide title, back matter, headings and paragraph breaks of hard-wrapped lines."""
    stripped = [s.strip() for s in lines]
    lens = [len(s) for s in stripped]
    indents = {i for i, line in enumerate(lines) if line[:1].isspace() and stripped[i]}
    # an indent takes width too
    for i in indents:
        lens[i] = len(lines[i].rstrip())
    plan = Plan(stripped=stripped)
    last = len(lines) - 1
    # non-blank lines (invisible characters only count as blank), then the page numbers
    filled = [i for i, s in enumerate(stripped) if s and (s.isascii() or s.strip(_INVISIBLE))]
    plan.page_numbers = [
        i
        for i in filled
        if len(stripped[i]) <= 15
        and _PAGE_NO.fullmatch(stripped[i])
        and (i == 0 or i == last or not stripped[i - 1] or not stripped[i + 1])
    ]
    numbers = set(plan.page_numbers)
    content = [i for i in filled if i not in numbers] if numbers else filled
    if not content:
        return plan
    # blank lines before each content line, and whether a page number stood before it
    gaps = [0, *(b - a - 1 for a, b in pairwise(content))]
    breaks = [False] * len(content)
    for i in plan.page_numbers:
        k = bisect_left(content, i)  # the content line after it
        if k < len(content):
            breaks[k] = True
            gaps[k] -= k > 0  # a page number is not a blank line
    # Blank lines: paragraph separators (the seed: 1 blank between paragraphs, 3 at a page
    # end) or page ends only (PDF dumps: 1 blank per page, ~40 lines between blanks).
    runs = [g for g in gaps if g]
    para_blank = bool(runs) and len(content) < 12 * (len(runs) + 1)
    two_kinds = para_blank and 1 in runs and max(runs) >= 2
    page_gap = 2 if two_kinds else (10**9 if para_blank else 1)  # blanks that end a page
    page = 0
    pages: list[int] = []
    firsts = [0]  # the first content line of each page
    for k, (g, b) in enumerate(zip(gaps, breaks, strict=True)):
        if g >= page_gap or b:
            page += 1
            firsts.append(k)
        pages.append(page)
    firsts.append(len(content))
    content_lens = [lens[i] for i in content]
    ordered = sorted(content_lens)
    doc_width = ordered[int(0.9 * (len(ordered) - 1))]
    widths = [max(doc_width, max(content_lens[a:b], default=0)) for a, b in pairwise(firsts)]
    indented = [i in indents for i in content] if indents else [False] * len(content)
    indent_marks = sum(indented) * 5 <= 2 * len(content)

    n_title = _title_lines(content, stripped, lens, gaps, widths[0])
    plan.title = content[:n_title]
    end = _back_start(content, stripped, lens, n_title, doc_width)
    plan.back = content[end:]

    def width_end(k: int, depth: int, strict: bool) -> bool:
        """Line k ends its paragraph: it ends a sentence and line k+1's word would fit."""
        end = ends[k]
        if end not in _BREAK_CHARS:
            return False
        s = texts[k + 1]
        if s[:1].islower():
            return False
        width = widths[pages[k]]
        space = s.find(" ")
        room = width - lens[content[k]] - 1 - (len(s) if space < 0 else space)
        if end in _SENTENCE_CHARS or (end in _HARD_CHARS and depth <= 0):
            return room >= (max(10, width // 8) if strict else -(width // 12))
        if texts[k].endswith((",", " -", "–", "—")) and s[:1].isupper():
            return room >= max(8, width // 10)
        return False

    texts = [stripped[i] for i in content]
    ends = [t.rstrip(_CLOSERS)[-1:] for t in texts]  # last punctuation
    listed = [_is_list_item(t) for t in texts]
    section, part = "Preamble", 1
    current: list[tuple[int, str]] = []
    depth = 0
    for k in range(n_title, end):
        i = content[k]
        s = texts[k]
        if (
            current
            and ends[k - 1] not in _BREAK_CHARS
            and not gaps[k]
            and pages[k] == pages[k - 1]
            and not listed[k]
            and not (indent_marks and indented[k])
            and s[0] not in "*•·"
        ):
            # the common case, a line inside a paragraph: as the general rules below decide
            # for it, it is no heading and no paragraph starts (width_end is False)
            current.append((i, "line"))
            depth += s.count("(") - s.count(")")
            continue
        stars = s[0] in "*•·" and bool(_STARS.fullmatch(s))
        name = None
        if stars:
            name = s
        elif (
            len(s) <= 80
            and k + 1 < end
            and (
                k == n_title
                or not current
                or gaps[k] > 0
                or pages[k] != pages[k - 1]
                or ends[k - 1] in _HARD_CHARS
            )
        ):
            nxt = texts[k + 1]
            after_ok = (nxt[:1].isupper() or nxt[:1].isdigit() or listed[k + 1]) and (
                not para_blank or gaps[k + 1] > 0 or pages[k + 1] != pages[k]
            )
            if after_ok and lens[i] <= 0.6 * widths[pages[k]]:
                name = _heading(s)
        if name is not None:
            if stars:
                part += 1
                name = f"Part {part}"
            if current:
                plan.paragraphs.append(current)
                plan.sections.append(section)
            current, depth = [], 0
            section = name
            plan.headings.append((i, name))
            continue
        kind = "first"
        if current:
            prev_k = k - 1
            new_page = pages[k] != pages[prev_k]
            starts = (indent_marks and indented[k]) or (
                listed[k] and (texts[prev_k][-1:] in ".,;:!?" or width_end(prev_k, 9, False))
            )
            if new_page:
                kind = "page"
                new = (
                    ends[prev_k] in _HARD_CHARS
                    if para_blank
                    else (starts or width_end(prev_k, depth, False))
                )
            elif para_blank and gaps[k]:
                kind = "page"
                new = page_gap <= 1 or ends[prev_k] in _HARD_CHARS or not s[:1].islower()
            else:
                kind = "line"
                new = starts or width_end(prev_k, depth, para_blank)
            if new:
                plan.paragraphs.append(current)
                plan.sections.append(section)
                current, depth, kind = [], 0, "first"
        current.append((i, kind))
        depth += s.count("(") - s.count(")")
    if current:
        plan.paragraphs.append(current)
        plan.sections.append(section)
    return plan


def _is_list_item(s: str) -> bool:
    """The line opens with a list marker: "1.", "12)", "(a)", "a)", "-", "•" ..."""
    space = s.find(" ")
    return 0 < space <= 5 and (s[space - 1] in ".)" or space == 1) and bool(_LIST_START.match(s))


def _hard_end(s: str) -> bool:
    """The line ends a sentence or clause: . : ; ! ? (closing quotes/brackets may follow)."""
    return s.rstrip(_CLOSERS)[-1:] in _HARD_CHARS


def _heading(s: str) -> str | None:
    """The shape of a heading line (context is checked by the caller)."""
    if _STARS.fullmatch(s):
        return s
    if _ROMAN.fullmatch(s):
        return s if len(s) <= 80 else None
    words = s.split()
    if (
        len(s) > 70
        or len(words) > 10
        or _hard_end(s)
        or s.endswith((",", "-"))
        or not (s[0].isupper() or _NUMBERED.fullmatch(s))
        or words[-1].lower() in _FUNCTION
        or not any(c.isalpha() for c in s)
        or any(w.lower() in _CLAUSE_WORDS for w in words)
    ):
        return None
    return s


def _capitals(line: str) -> bool:
    """An ALL-CAPS line with a word of three letters or more ("STATEMENT", not "I")."""
    return line.isupper() and any(len(w) >= 3 for w in _TITLE_WORD.findall(line))


def _title_like(lines: list[str]) -> bool:
    """Capitals or mostly capitalised content words, and no sentence inside."""
    if _capitals(lines[0]):
        return True
    text = " ".join(lines)
    if _INNER_SENTENCE.search(text):
        return False
    words = _TITLE_WORD.findall(text)
    if any(w.lower() in _CLAUSE_WORDS for w in words):
        return False
    content = [w for w in words if w.lower() not in _FUNCTION]
    capitals = sum(w[0].isupper() for w in content)
    return len(content) >= 2 and capitals >= 0.75 * len(content)


def _title_lines(
    content: list[int], stripped: list[str], lens: list[int], gaps: list[int], width: int
) -> int:
    """Number of leading content lines forming the title block (0 if none)."""
    m = min(len(content), 7)
    if m < 2 or _hard_end(stripped[content[0]]):
        return 0
    for j in range(1, m):
        if gaps[j]:
            head = [stripped[content[t]] for t in range(j)]
            if j <= 5 and not any(_hard_end(h) for h in head) and _title_like(head):
                return j
            break
    j = 0
    while True:
        if j + 1 >= m:
            return 0
        a, b = stripped[content[j]], stripped[content[j + 1]]
        if _hard_end(a):
            return 0
        if not (
            b[0].islower()
            or b[0] == "("
            or a.endswith((",", "-", "–"))
            or a.rsplit(None, 1)[-1].lower() in _FUNCTION
            or (a.isupper() and b.isupper())
            or lens[content[j + 1]] < 0.7 * width
        ):
            break
        j += 1
    last, nxt = stripped[content[j]], stripped[content[j + 1]]
    forced = last.isupper() or lens[content[j]] + 1 + len(nxt.split()[0]) <= width
    # a title ends short (or is set in capitals); body text runs the full width
    short = _capitals(stripped[content[0]]) or lens[content[j]] < 0.8 * width
    if not (forced and short) or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in '"“'):
        return 0
    return j + 1 if _title_like([stripped[i] for i in content[: j + 1]]) else 0


def _back_start(
    content: list[int], stripped: list[str], lens: list[int], start: int, width: int
) -> int:
    """Index (into ``content``) where signature blocks and place/date lines begin."""
    top = len(content)
    k = len(content) - 1
    while k >= start:
        s = stripped[content[k]]
        short = lens[content[k]] <= max(0.8 * width, 70) and not _hard_end(s)
        if (_PLACE_DATE.fullmatch(s) and len(s) <= 60) or (_SIGNATURE.match(s) and short):
            top = k
        elif not ((_OF_LINE.match(s) and short) or (_NAME.fullmatch(s) and len(s) <= 40)):
            break
        k -= 1
    return top


def is_place_date(line: str) -> bool:
    """True for a place-and-date line such as "New Delhi, 4 July 2023".

    >>> is_place_date("16 September 2022, Samarkand"), is_place_date("President Xi Jinping")
    (True, False)
    """
    return bool(_PLACE_DATE.fullmatch(line.strip()))
