"""Turn raw PDF-extracted text into a title, clean body paragraphs and a record of repairs.

The module knows nothing of files or frames: :func:`normalize` takes a ``str``.

Layout
    *wrapped* text (lines hard-wrapped as in a PDF) or *unwrapped* text (one paragraph per
    line, e.g. UN speeches); ``layout="auto"`` calls a file unwrapped when at least a fifth of
    its non-empty lines are longer than 130 characters or (3+ lines) at least 60% of them end
    a sentence or clause.  Unwrapped text keeps every non-empty line as a paragraph: no
    title, headings, back matter or width rule; only glyph repairs.

Blank lines (wrapped text)
    Blank lines separate paragraphs when the blocks between them are short (< 12 lines on
    average, as in the seed); then, if the blank runs have two lengths (1 and 3 in the seed),
    the longer runs also end pages.  Otherwise blank lines only end pages (the PDF dumps in
    ``corpora/sco``: one blank per page, ~40 lines, often mid-sentence).  A line that is
    only a page number (``2``, ``- 2 -``, ``Page 2``) next to a blank is removed and also
    marks a page end.

Paragraph breaks (wrapped text)
    A line ends its paragraph when it ends a sentence (``. ! ?``, or ``: ;`` outside
    brackets, closing quotes/brackets allowed after), the next line does not start in lower
    case (unless it is a list item), and the first word of the next line would
    have fitted on it, measured against the widest line of its page (or the whole text's 90th
    percentile, if wider) with a tolerance of a twelfth of the width: character counts only
    approximate a proportional font.  Inside blank-separated blocks the rule is strict (the
    line must be clearly short).  A line ending in a comma or dash ends a paragraph only if
    the next line is capitalised and would clearly have fitted.  A new paragraph also starts
    at an indented line (when indents are rare in the file) and at a numbered or bulleted
    line (``1.``, ``12)``, ``(a)``, ``-``, ``•``) after punctuation.  Across a page end the
    halves of a paragraph are joined (``page-join``) unless the same rule says it ended.

Title, headings, back matter
    The title block is the leading lines up to a blank line (at most five, none ending a
    sentence), or else the leading lines while the next line continues them (starts lower
    case or ``(``, follows a comma or a function word, is short, or both are ALL CAPS),
    ending on a short line where the following line would have fitted.  It must look like a
    title: ALL CAPS, or mostly capitalised words with no pronoun or auxiliary verb and no
    sentence inside; ALL-CAPS runs are title-cased.  A salutation block ("Mr. President,
    Excellencies,") found there is kept as opening lines in ``front_matter``, title "".  A
    heading is a short (at most 60% of the page width) capitalised line without final
    punctuation, pronoun or auxiliary verb, after a sentence end, a blank or a page start
    and before a line that starts a paragraph; ``***`` separators name the following parts
    "Part 2", "Part 3", ...  Back matter is the trailing run of signature lines
    ("President ...", "Prime Minister ...", "of the ..." and short name fragments) and
    place/date lines, anchored on a title or date line.

Line-end hyphens, decided in this order
    (1) kept when a digit is next to it, the next part is capitalised, the word already has a
    hyphen (``people-to-``) or the first part is one letter (``e-``); (2) evidence: the
    document, or ``words``, has the joined form or the hyphenated form elsewhere (the more
    frequent wins); (3) compounding prefixes: ``non``, ``anti``, ``counter``, ``self``,
    ``cross`` ... keep their hyphen unless the joined word is in the word list and the second
    part alone is not (``anti-cipate``); ``co``, ``multi``, ``inter``, ``re`` ... join only
    when the joined word is in the word list; (4) the package word list
    (``sco_text/data/words.txt``): joined form known: join; both halves known: keep;
    otherwise join.  Every join is recorded as ``soft-hyphen-join``.

Glyphs
    See :mod:`sco_text._glyphs`: curly quotes, Unicode dashes, combining overlays used as
    dashes, Cyrillic look-alikes inside Latin words, doubled-case typos, digits glued to
    words, invisible characters and odd spaces.  Every change is a :class:`Repair` with short
    ``before``/``after`` snippets; removed lines are repairs with ``para_no=None``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ._glyphs import GlyphFixer, needs_word_rules, title_case
from ._layout import detect_layout, is_place_date, plan_layout
from ._validate import check_choice

__all__ = ["LAYOUTS", "Normalized", "Paragraph", "Repair", "normalize", "vocabulary"]

LAYOUTS = ("auto", "wrapped", "unwrapped")

_PUNCT = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»…–—\u00ad"
_SALUTATION = re.compile(
    r"(?:Mr\.?|Mrs\.?|Madam|Mme\.?|Sir|Your (?:Excellency|Majesty|Highness)|Excellenc(?:y|ies)"
    r"|Ladies|Distinguished|Honou?rable|Dear)\b", re.IGNORECASE)
_HEAD = re.compile(r"([^\W_][\w-]*)-$")
_TAIL = re.compile(r"[^\W_]+")
_STRONG_PREFIXES = frozenset([
    "non", "anti", "counter", "self", "cross", "post", "ex", "quasi", "pseudo", "ultra", "neo",
    "pan", "well", "ill", "all", "half", "full",
])
_CAREFUL_PREFIXES = frozenset([
    "co", "multi", "inter", "intra", "re", "pre", "sub", "de", "un", "semi", "mid", "macro",
    "micro", "bi", "tri", "over", "under", "socio", "extra",
])


@dataclass(frozen=True)
class Repair:
    """One change: ``para_no`` is None for lines removed from the body."""

    para_no: int | None
    rule: str
    before: str
    after: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: section name, normalised one-line text and its original lines."""

    section: str
    text: str
    raw: str


@dataclass(frozen=True)
class Normalized:
    """Result of :func:`normalize`."""

    title: str
    paragraphs: list[Paragraph]
    repairs: list[Repair]
    front_matter: list[str]
    back_matter: list[str]
    layout: str


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The package word list (lower-case English and declaration words).

    >>> "cooperation" in vocabulary(), "ation" in vocabulary()
    (True, False)
    """
    text = resources.files("sco_text").joinpath("data/words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


class _Evidence:
    """Word counts of one document plus the caller's ``words``.

    Counting whitespace tokens (then stripping their punctuation over the distinct tokens
    only) is one fast pass; the distinct tokens also yield the candidates for the
    word-level glyph rules.
    """

    def __init__(self, lines: list[str], words: Collection[str] | None) -> None:
        self._words = words
        raw: Counter[str] = Counter()
        for line in lines:  # line by line: no list of every token of a huge text
            raw.update(line.split())
        self.candidates = [tok for tok in raw if needs_word_rules(tok)]
        counts: Counter[str] = Counter()
        for token, n in raw.items():
            counts[token.strip(_PUNCT)] += n
        self._counts = counts

    def count(self, word: str) -> int:
        return self._counts[word]

    def score(self, word: str) -> int:
        """Occurrences of ``word`` in any case in the document, +1 if in ``words``."""
        n = sum(self._counts[f] for f in {word, word.capitalize(), word.upper()})
        if self._words is not None and (word in self._words or word.capitalize() in self._words):
            n += 1
        return n


def _joins(left: str, right: str, evidence: _Evidence, vocab: frozenset[str]) -> bool | None:
    """Whether ``left`` (ending in "-") and ``right`` are one word split by hyphenation.

    None when the hyphen is not a line-end word hyphen at all.
    """
    head_m, tail_m = _HEAD.search(left), _TAIL.match(right)
    if head_m is None or tail_m is None:
        return None
    word, tail = head_m.group(1), tail_m.group()
    head = word.rsplit("-", 1)[-1]
    if (not head or any(c.isdigit() for c in head) or tail[0].isdigit() or tail[0].isupper()
            or "-" in word or len(head) == 1):
        return False
    joined, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
    joined_ev, hyphen_ev = evidence.score(joined), evidence.score(hyphened)
    if joined_ev != hyphen_ev:
        return joined_ev > hyphen_ev
    prefix = head.lower()
    if prefix in _STRONG_PREFIXES:  # anti-cipate joins, self-determination keeps its hyphen
        return joined in vocab and tail.lower() not in vocab
    if prefix in _CAREFUL_PREFIXES:
        return joined in vocab
    if joined in vocab:
        return True
    return not (prefix in vocab and tail.lower() in vocab)


def _last_word(text: str) -> str:
    return text.rsplit(None, 1)[-1] if text else ""


def _first_word(text: str) -> str:
    return text.split(None, 1)[0] if text else ""


def normalize(raw: str, *, layout: str = "auto",
              words: Collection[str] | None = None) -> Normalized:
    """Split raw text into title, paragraphs (with sections) and a record of repairs.

    ``layout`` is "auto", "wrapped" or "unwrapped"; ``words`` is extra vocabulary (e.g. all
    words of the corpus) used as evidence for line-end hyphens.  Line ends ``\r\n``/``\r``
    count as ``\n``; ``Paragraph.raw`` holds the paragraph's lines otherwise unchanged.
    Time and memory are linear in the input (one pass per step, no string concatenation in
    loops).

    >>> raw = ("A Short Declaration\\n\\nThe member states met on 29-310ctober 2020 and\\n"
    ...        "agreed-\\nupon a plan of cooper-\\nation.\\n\\nSecurity\\n\\n"
    ...        "They note “progress”.\\n\\nPrime Minister\\n")
    >>> result = normalize(raw)
    >>> result.title, result.back_matter, result.layout
    ('A Short Declaration', ['Prime Minister'], 'wrapped')
    >>> for p in result.paragraphs:
    ...     print(p.section, "|", p.text)
    Preamble | The member states met on 29-31 October 2020 and agreed-upon a plan of cooperation.
    Security | They note "progress".
    >>> [(r.rule, r.before, r.after) for r in result.repairs if r.para_no is not None]
    [('digit-glue', '310ctober', '31 October'), ('soft-hyphen-join', 'cooper- ation.', \
'cooperation.'), ('curly-quote', '“progress”.', '"progress".')]
    """
    check_choice("layout", layout, LAYOUTS)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if layout == "auto":
        layout = detect_layout(lines)
    evidence = _Evidence(lines, words)
    vocab = vocabulary()
    fixer = GlyphFixer(evidence.count, vocab, evidence.candidates)
    if layout == "unwrapped":
        return _unwrapped(lines, fixer)

    plan = plan_layout(lines)
    found: list[tuple[int, Repair]] = []  # (line index, repair), sorted at the end

    def fix(i: int, line: str, para_no: int | None) -> str:
        cleaned, changes = fixer.fix(line)
        if not changes:
            return cleaned
        found.extend((i, Repair(para_no, *c)) for c in changes)
        return cleaned.strip()

    opening = bool(plan.title) and bool(_SALUTATION.match(plan.stripped[plan.title[0]]))
    title_parts: list[str] = []
    caps: list[str] = []  # a run of ALL-CAPS title lines, title-cased as one
    for k, i in enumerate(plan.title):
        rule = "opening-line" if opening else "title-block"
        found.append((i, Repair(None, rule, lines[i].strip(), "")))
        part = fix(i, lines[i].strip(), None)
        if part.isupper():
            caps.append(part)
        else:
            title_parts.append(part)
        if caps and (not part.isupper() or k == len(plan.title) - 1):
            upper = " ".join(caps)
            cased = title_case(upper, vocab.__contains__)
            found.append((i, Repair(None, "title-case", upper, cased)))
            title_parts.insert(len(title_parts) - (not part.isupper()), cased)
            caps = []
    for i, _name in plan.headings:
        found.append((i, Repair(None, "heading", lines[i].strip(), "")))
    for i in plan.page_numbers:
        found.append((i, Repair(None, "page-number", lines[i].strip(), "")))
    for i in plan.back:
        rule = "place-date" if is_place_date(lines[i]) else "signature"
        found.append((i, Repair(None, rule, lines[i].strip(), "")))

    paragraphs = []
    for n, (items, section) in enumerate(zip(plan.paragraphs, plan.sections, strict=True)):
        pieces: list[str] = []
        prev = ""
        soft = False
        for i, kind in items:
            line = plan.stripped[i]
            cur = fix(i, line[:-1].rstrip() if line.endswith("\u00ad") else line, n)
            if not cur:  # a line of invisible characters only
                continue
            if not pieces:
                pieces.append(cur)
            else:
                decision = True if soft else (
                    _joins(prev, cur, evidence, vocab) if prev.endswith("-") else None)
                sep = " " if decision is None else ""
                if decision:
                    if not soft:
                        pieces[-1] = pieces[-1][:-1]
                    before = f"{_last_word(prev)} {_first_word(cur)}"
                    joined = _last_word(pieces[-1]) + _first_word(cur)
                    found.append((i, Repair(n, "soft-hyphen-join", before, joined)))
                if kind == "page":
                    found.append((i, Repair(n, "page-join", f"{_last_word(prev)} | "
                                            f"{_first_word(cur)}",
                                            f"{_last_word(pieces[-1])}{sep}{_first_word(cur)}")))
                pieces.append(sep + cur)
            prev, soft = cur, line.endswith("\u00ad")
        raw_lines = "\n".join(lines[i] for i, _ in items)
        text = "".join(pieces)
        if "  " in text or not text.isprintable():  # rare: odd whitespace left by a repair
            text = " ".join(text.split())
        paragraphs.append(Paragraph(section, text, raw_lines))

    first_body = plan.paragraphs[0][0][0] if plan.paragraphs else len(lines)
    last_body = plan.paragraphs[-1][-1][0] if plan.paragraphs else -1
    front = sorted([*plan.title, *(i for i in plan.page_numbers if i < first_body)])
    back = sorted([*plan.back, *(i for i in plan.page_numbers if i > last_body)])
    found.sort(key=lambda pair: pair[0])
    return Normalized(
        title="" if opening else " ".join(title_parts),
        paragraphs=paragraphs,
        repairs=[r for _, r in found],
        front_matter=[lines[i] for i in front],
        back_matter=[lines[i] for i in back],
        layout="wrapped",
    )


def _unwrapped(lines: list[str], fixer: GlyphFixer) -> Normalized:
    """One paragraph per non-empty line; no title, headings or back matter."""
    paragraphs: list[Paragraph] = []
    repairs: list[Repair] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        cleaned, changes = fixer.fix(stripped)
        if changes:
            cleaned = " ".join(cleaned.split())
        if not cleaned:  # a line of invisible characters only
            repairs.append(Repair(None, "invisible-char", stripped, ""))
            continue
        n = len(paragraphs)
        repairs.extend(Repair(n, *c) for c in changes)
        paragraphs.append(Paragraph("Preamble", cleaned, line))
    return Normalized("", paragraphs, repairs, [], [], "unwrapped")
