"""The title block of hard-wrapped text.

A document whose first line is a roman-numbered heading ("I", "I. Politics") has no
title block.  The title block is the leading lines up to a blank line (at most
``title_max_lines``, none ending a sentence), or else the leading lines while the next
line continues them (:func:`continues_title`: starts lower case or ``(``, follows a
comma or a function word, or both are ALL CAPS; or is short), ending on a short line
where the following line would have fitted.  It must
look like a title: ALL CAPS, or mostly capitalised words (``title_capitals`` of them; or
``kind_title_capitals`` when it opens with the name of a kind of document, as in
"Statement by the Council ... on climate change response") with no pronoun or auxiliary
verb and no sentence inside; ALL-CAPS runs are title-cased.  A salutation block ("Mr.
President, Excellencies,", :func:`is_salutation`) found there is kept as opening lines,
and the title is "".

>>> from sco_text.normalizer.pages import find_pages
>>> from sco_text.normalizer.rules import DEFAULT_RULES
>>> geo = find_pages(["JOINT STATEMENT", "ON TRADE", "", "We met and agreed."], DEFAULT_RULES)
>>> title_lines(geo, DEFAULT_RULES)
2
>>> title_case("NEW DELHI DECLARATION OF THE SCO", lambda w: w in {"new", "declaration"})
'New Delhi Declaration of the SCO'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .headings import roman_numbered
from .pages import Pages
from .rules import LayoutRules
from .shapes import CLAUSE_WORDS, FUNCTION_WORDS, SALUTATION, TITLE_WORD, capitals, hard_end

__all__ = [
    "KIND_WORDS",
    "SALUTATION",
    "continues_title",
    "is_salutation",
    "title_case",
    "title_like",
    "title_lines",
    "title_text",
]

# words that open the title of a kind of document
KIND_WORDS = frozenset(
    [
        *("address", "agreement", "appeal", "charter", "communique", "communiqué", "concept"),
        *("convention", "decision", "declaration", "joint", "memorandum", "message", "plan"),
        *("programme", "program", "protocol", "report", "resolution", "statement", "strategy"),
        *("treaty", "information"),
    ]
)
_INNER_SENTENCE = re.compile(r"[a-z0-9]{2}[.!?]\s+[A-Z]")  # "2001. We", not "Mr. Kofi"


def title_like(lines: list[str], rules: LayoutRules) -> bool:
    """Capitals or mostly capitalised content words, and no sentence inside."""
    if capitals(lines[0]):
        return True
    text = " ".join(lines)
    if _INNER_SENTENCE.search(text):
        return False
    words = TITLE_WORD.findall(text)
    if any(w.lower() in CLAUSE_WORDS for w in words):
        return False
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    upper = sum(w[0].isupper() for w in content)
    kind = bool(words) and words[0].lower() in KIND_WORDS
    share = rules.kind_title_capitals if kind else rules.title_capitals
    return len(content) >= 2 and upper >= share * len(content)


def is_salutation(lines: list[str]) -> bool:
    """The leading lines address the audience rather than title the text: they open with
    a form of address (markup such as ``**`` aside) or end with a comma (a title may
    break after one: "... on Ensuring Reliable," / "Sustainable and ...").

    >>> is_salutation(["**Mr President,**"]), is_salutation(["President of the Assembly,"])
    (True, True)
    >>> is_salutation(["Statement on Trade"])
    False
    """
    first = lines[0].lstrip("*_ ")
    last = lines[-1].rstrip("*_ ")
    return bool(SALUTATION.match(first)) or last.endswith(",")


def continues_title(a: str, b: str) -> bool:
    """Line ``b`` goes on with the title line ``a`` before it: it starts in lower case or
    with "(", ``a`` ends with a comma, a dash or a function word, or both are ALL CAPS.

    >>> continues_title("BISHKEK DECLARATION", "of the Council")
    True
    >>> continues_title("Trade and economy", "Security")
    False
    """
    return (
        b[0].islower()
        or b[0] == "("
        or a.endswith((",", "-", "–"))
        or a.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS
        or (a.isupper() and b.isupper())
    )


def title_lines(geo: Pages, rules: LayoutRules) -> int:
    """Number of leading content lines forming the title block (0 if none)."""
    texts, gaps = geo.texts, geo.gaps
    m = min(len(texts), rules.title_scan_lines)
    if m < 2 or hard_end(texts[0]) or roman_numbered(texts[0]):
        return 0  # a numbered line heads a section, not the document
    for j in range(1, m):
        if gaps[j]:
            head = texts[:j]
            if (
                j <= rules.title_max_lines
                and not any(hard_end(h) for h in head)
                and title_like(head, rules)
            ):
                return j
            break
    width = geo.widths[0]
    j = 0
    while True:
        if j + 1 >= m:
            return 0
        a, b = texts[j], texts[j + 1]
        if hard_end(a):
            return 0
        if not (continues_title(a, b) or geo.length(j + 1) < rules.title_short_line * width):
            break
        j += 1
    last, nxt = texts[j], texts[j + 1]
    forced = last.isupper() or geo.length(j) + 1 + len(nxt.split()[0]) <= width
    # a title ends short (or is set in capitals); body text runs the full width
    short = capitals(texts[0]) or geo.length(j) < rules.title_end_line * width
    if not (forced and short) or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in '"“'):
        return 0
    return j + 1 if title_like(texts[: j + 1], rules) else 0


def title_case(text: str, known: Callable[[str], bool]) -> str:
    """Title-case an ALL-CAPS line; short words not in the vocabulary stay capitals."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        letters = re.sub(r"[^a-z]", "", lower)
        if i and lower in FUNCTION_WORDS:
            out.append(lower)
        elif len(letters) <= 4 and not known(letters):
            out.append(word)  # acronym such as SCO, UN, CHS
        else:
            out.append(word[:1] + lower[1:])
    return " ".join(out)


def title_text(
    parts: list[str], known: Callable[[str], bool]
) -> tuple[str, list[tuple[int, str, str]]]:
    """The title from its repaired lines, ALL-CAPS runs title-cased as one; and each run
    as ``(index of the line that ends it, run, title-cased run)``.

    >>> title_text(["JOINT STATEMENT", "ON TRADE", "(Qingdao, 2018)"], lambda w: True)
    ('Joint Statement on Trade (Qingdao, 2018)', [(2, 'JOINT STATEMENT ON TRADE', \
'Joint Statement on Trade')])
    """
    out: list[str] = []
    runs: list[tuple[int, str, str]] = []
    caps: list[str] = []
    for k, part in enumerate(parts):
        upper = part.isupper()
        if upper:
            caps.append(part)
        if caps and (not upper or k == len(parts) - 1):
            run = " ".join(caps)
            cased = title_case(run, known)
            runs.append((k, run, cased))
            out.append(cased)
            caps = []
        if not upper:
            out.append(part)
    return " ".join(out), runs
