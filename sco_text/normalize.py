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
from itertools import repeat

from ._glyphs import GlyphFixer, title_case, word_rule_candidates
from ._layout import detect_layout, is_place_date, plan_layout
from ._validate import check_choice

__all__ = ["LAYOUTS", "Normalized", "Paragraph", "Repair", "normalize", "vocabulary"]

LAYOUTS = ("auto", "wrapped", "unwrapped")

_PUNCT = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»…–—\u00ad"
_SALUTATION = re.compile(
    r"(?:Mr\.?|Mrs\.?|Madam|Mme\.?|Sir|Your (?:Excellency|Majesty|Highness)|Excellenc(?:y|ies)"
    r"|Ladies|Distinguished|Honou?rable|Dear)\b",
    re.IGNORECASE,
)
_HEAD = re.compile(r"([^\W_][\w-]*)-$")
_TAIL = re.compile(r"[^\W_]+")
_STRONG_PREFIXES = frozenset(
    [
        "non",
        "anti",
        "counter",
        "self",
        "cross",
        "post",
        "ex",
        "quasi",
        "pseudo",
        "ultra",
        "neo",
        "pan",
        "well",
        "ill",
        "all",
        "half",
        "full",
    ]
)
_CAREFUL_PREFIXES = frozenset(
    [
        "co",
        "multi",
        "inter",
        "intra",
        "re",
        "pre",
        "sub",
        "de",
        "un",
        "semi",
        "mid",
        "macro",
        "micro",
        "bi",
        "tri",
        "over",
        "under",
        "socio",
        "extra",
    ]
)


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
    """Word counts of one document plus the caller's ``words``, worked out only when asked.

    ``count(word)`` is the number of whitespace-separated tokens of the text that equal
    ``word`` once their outer punctuation is stripped.  Most documents ask about a few words
    (line-end hyphens, glyph rules) or none, so a word is counted by scanning the lower-cased
    text for it (``str.find``, then checking the token around each hit); one scan counts all
    case forms of a word (:meth:`score` asks for word, Word and WORD).  Once the scans have
    cost about as much as counting every token, all tokens are counted once instead.
    """

    _BUDGET = 40  # counting every token costs about as much as this many scans of the text
    _HIT_COST = 2000  # a hit checked in Python costs about as much as scanning this many chars

    def __init__(self, text: str, words: Collection[str] | None) -> None:
        self._text = text
        self._words = words
        self._lower = ""
        self._budget = self._BUDGET * len(text)
        self._forms: dict[str, Counter[str]] = {}  # lower-case word -> its forms as tokens
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            key = word.lower()
            forms = self._forms.get(key)
            if forms is None:
                forms = self._scan(key) if len(key) == len(word) else None
            if forms is not None:
                return forms[word]
        return self._all_tokens()[word]

    def _scan(self, key: str) -> Counter[str] | None:
        """The forms (exact case) of the tokens equal to ``key`` when lower-cased, or None
        when a scan cannot tell: budget spent, a key a token never equals, or a text that
        lower-casing makes longer (positions would not match)."""
        if self._budget < 0 or key.split() != [key] or key[0] in _PUNCT or key[-1] in _PUNCT:
            return None
        text = self._text
        if not self._lower:
            self._lower = text.lower()
        lower, size = self._lower, len(text)
        if len(lower) != size:
            return None
        forms: Counter[str] = Counter()
        width, hits = len(key), 0
        at = lower.find(key)
        while at >= 0:
            hits += 1
            left, right = at - 1, at + width
            while left >= 0 and lower[left] in _PUNCT:
                left -= 1
            while right < size and lower[right] in _PUNCT:
                right += 1
            if (left < 0 or lower[left].isspace()) and (right == size or lower[right].isspace()):
                forms[text[at : at + width]] += 1
            at = lower.find(key, at + 1)
        self._budget -= size + self._HIT_COST * hits
        self._forms[key] = forms
        return forms

    def _all_tokens(self) -> Counter[str]:
        if self._counts is None:
            raw: Counter[str] = Counter()
            for line in self._text.split("\n"):  # line by line: no list of all tokens at once
                raw.update(line.split())
            self._counts = Counter()
            for token, n in raw.items():
                self._counts[token.strip(_PUNCT)] += n
        return self._counts

    def score(self, word: str) -> int:
        """Occurrences of ``word`` in any case in the document, +1 if in ``words``."""
        n = sum(self.count(f) for f in {word, word.capitalize(), word.upper()})
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
    if (
        not head
        or any(c.isdigit() for c in head)
        or tail[0].isdigit()
        or tail[0].isupper()
        or "-" in word
        or len(head) == 1
    ):
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


def normalize(
    raw: str, *, layout: str = "auto", words: Collection[str] | None = None
) -> Normalized:
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
    evidence = _Evidence(text, words)
    vocab = vocabulary()
    fixer = GlyphFixer(evidence.count, vocab, word_rule_candidates(text))
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

    # the body lines are repaired together (most need nothing: checked fast), in reading order
    body = [plan.stripped[i] for items in plan.paragraphs for i, _ in items]
    softs = (
        {k for k, line in enumerate(body) if line.endswith("\u00ad")}
        if ("\u00ad" in text)
        else set()
    )
    for k in softs:
        body[k] = body[k][:-1].rstrip()
    cleaned, changed = fixer.fix_lines(body)
    special = iter(sorted({*changed, *softs, len(body)}))  # body lines changed or soft
    next_special = next(special)
    start = 0  # index in body of the paragraph's first line
    paragraphs = []
    for n, (items, section) in enumerate(zip(plan.paragraphs, plan.sections, strict=True)):
        k, start = start - 1, start + len(items)
        marks = []  # its lines that changed or are soft
        while next_special < start:
            marks.append(next_special)
            next_special = next(special)
        first, last = items[0][0], items[-1][0]
        if last - first == len(items) - 1 and softs.isdisjoint(marks):
            # the common case: consecutive lines (no page join) and no soft hyphen; unless
            # a line ends with "-" or is left empty, the paragraph is its lines joined
            curs = cleaned[k + 1 : start]
            for m in marks:
                curs[m - k - 1] = curs[m - k - 1].strip()
            joined = " ".join(curs)
            if "- " not in joined and all(curs[m - k - 1] for m in marks):
                for m in marks:
                    found.extend((items[m - k - 1][0], Repair(n, *c)) for c in changed[m])
                if "  " in joined or not joined.isprintable():
                    joined = " ".join(joined.split())
                paragraphs.append(Paragraph(section, joined, "\n".join(lines[first : last + 1])))
                continue
        pieces: list[str] = []
        prev = ""
        soft = False
        for i, kind in items:
            k += 1
            cur = cleaned[k]
            if k in changed:
                found.extend((i, Repair(n, *c)) for c in changed[k])
                cur = cur.strip()
            if not cur:  # a line of invisible characters only
                continue
            if not pieces:
                pieces.append(cur)
            else:
                decision = (
                    True
                    if soft
                    else (_joins(prev, cur, evidence, vocab) if prev.endswith("-") else None)
                )
                sep = " " if decision is None else ""
                if decision:
                    if not soft:
                        pieces[-1] = pieces[-1][:-1]
                    before = f"{_last_word(prev)} {_first_word(cur)}"
                    joined = _last_word(pieces[-1]) + _first_word(cur)
                    found.append((i, Repair(n, "soft-hyphen-join", before, joined)))
                if kind == "page":
                    found.append(
                        (
                            i,
                            Repair(
                                n,
                                "page-join",
                                f"{_last_word(prev)} | {_first_word(cur)}",
                                f"{_last_word(pieces[-1])}{sep}{_first_word(cur)}",
                            ),
                        )
                    )
                pieces.append(sep + cur)
            prev, soft = cur, k in softs
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
    raws = [line for line in lines if line and not line.isspace()]  # line.strip() != ""
    cleaned, changed = fixer.fix_lines([line.strip() for line in raws])
    paragraphs: list[Paragraph] = []
    repairs: list[Repair] = []
    start = 0  # lines before the next changed one need nothing: one paragraph each
    for k, changes in changed.items():
        paragraphs.extend(map(Paragraph, repeat("Preamble"), cleaned[start:k], raws[start:k]))
        start = k + 1
        text = " ".join(cleaned[k].split())
        if not text:  # a line of invisible characters only
            repairs.append(Repair(None, "invisible-char", raws[k].strip(), ""))
            continue
        n = len(paragraphs)
        repairs.extend(Repair(n, *c) for c in changes)
        paragraphs.append(Paragraph("Preamble", text, raws[k]))
    paragraphs.extend(map(Paragraph, repeat("Preamble"), cleaned[start:], raws[start:]))
    return Normalized("", paragraphs, repairs, [], [], "unwrapped")
