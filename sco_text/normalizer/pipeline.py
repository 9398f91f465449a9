"""The normaliser's pipeline: raw text in, title, paragraphs and repairs out.

:func:`normalize` detects the layout (:mod:`.layout`), plans where each line goes
(pages, title, back matter, headings, paragraph breaks), repairs the glyphs of the lines
it keeps (:mod:`.glyphs`) and joins each paragraph's lines into one, deciding every
line-end hyphen (:mod:`.hyphens`).  Unwrapped text keeps every non-empty line as a
paragraph, with glyph repairs only, all in one section, "Body".  Every change is a
:class:`Repair`; lines removed from the body (title, headings, page numbers, place/date
lines, signatures) are repairs with ``para_no=None``.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import repeat

from .._validate import check_choice
from ..errors import OptionError
from .backmatter import is_place_date
from .breaks import BODY
from .furniture import find_furniture, page_starts
from .glyphs import Change, GlyphFixer, word_rule_candidates
from .hyphens import Evidence, hyphen_joins, vocabulary
from .layout import Plan, detect_layout, plan_layout, unwrapped_blocks
from .result import Normalized, Paragraph, Repair
from .rules import DEFAULT_RULES, LayoutRules
from .title import is_salutation, title_text

__all__ = ["LAYOUTS", "normalize"]

LAYOUTS = ("auto", "wrapped", "unwrapped", "blocks")

Found = list[tuple[int, Repair]]  # (line index, repair): sorted by line at the end


def normalize(
    raw: str,
    *,
    layout: str = "auto",
    words: Collection[str] | None = None,
    rules: LayoutRules = DEFAULT_RULES,
) -> Normalized:
    """Split raw text into title, paragraphs (with sections) and a record of repairs.

    Parameters
    ----------
    raw : str
        The text; line ends ``\\r\\n``/``\\r`` count as ``\\n``.
    layout : {"auto", "wrapped", "unwrapped", "blocks"}
        Hard-wrapped lines, one paragraph per line (a title, headings and back matter
        are found among its lines as among blocks), or decided from the text; "blocks":
        hard-wrapped lines whose blank-separated blocks are already the paragraphs and
        headings (as :func:`sco_text.readers.read_pdf` gives them, decided from where
        each line is printed): only headings, title and back matter are looked for, no
        block is split by the width of its lines.
    words : collection of str, optional
        Extra vocabulary (e.g. all words of the corpus) used as evidence for line-end
        hyphens.
    rules : LayoutRules
        The layout thresholds (:class:`sco_text.normalizer.LayoutRules`).

    Returns
    -------
    Normalized
        Title, paragraphs (``Paragraph.raw`` holds the paragraph's lines otherwise
        unchanged), repairs, front and back matter and the layout used.  Time and memory
        are linear in the input.

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
    if not isinstance(raw, str):
        raise OptionError(f"normalize() takes the text as a str, got {type(raw).__name__}")
    check_choice("layout", layout, LAYOUTS)
    if not isinstance(rules, LayoutRules):
        raise OptionError(f"rules must be a LayoutRules, got {type(rules).__name__}")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if layout == "auto":
        layout = detect_layout(lines, rules)
    evidence = Evidence(text, words)
    vocab = vocabulary()
    fixer = GlyphFixer(evidence.count, vocab, word_rule_candidates(text))
    blocks = layout == "blocks"
    found: Found = []
    if layout == "unwrapped":
        if "\f" in text:  # pages shown: their running lines go before the lines are planned
            lines = _without_furniture(lines, rules, found)
        spaced = unwrapped_blocks(lines, rules)
        if spaced is None:  # every line a paragraph
            return _unwrapped(lines, fixer, plain_spaces(text), [r for _, r in found])
        lines, blocks = spaced, True
    plan = plan_layout(lines, rules, blocks=blocks)
    title = _title(plan, lines, fixer, vocab, found)
    _removed(plan, lines, found)
    joiner = _Joiner(evidence, vocab, found, plain_spaces(text))
    paragraphs = _paragraphs(plan, lines, fixer, joiner, soft="\u00ad" in text)
    first_body = plan.paragraphs[0][0][0] if plan.paragraphs else len(lines)
    last_body = plan.paragraphs[-1][-1][0] if plan.paragraphs else -1
    front = sorted(
        [*plan.title, *(i for i in [*plan.page_numbers, *plan.datelines] if i < first_body)]
    )
    back = sorted(
        [
            *plan.back,
            *(i for i in plan.page_numbers if i > last_body),
            *(i for i in plan.datelines if i > first_body),
        ]
    )
    found.sort(key=lambda pair: pair[0])
    return Normalized(
        title=title,
        paragraphs=paragraphs,
        repairs=[r for _, r in found],
        front_matter=[lines[i] for i in front],
        back_matter=[lines[i] for i in back],
        layout=layout,
    )


def _title(
    plan: Plan, lines: list[str], fixer: GlyphFixer, vocab: frozenset[str], found: Found
) -> str:
    """The title from the plan's title lines ("" for a salutation block), recording the
    removed lines, their glyph repairs and the title-casing of ALL-CAPS runs."""
    if not plan.title:
        return ""
    opening = is_salutation([plan.stripped[i] for i in plan.title])
    rule = "opening-line" if opening else "title-block"
    parts = []
    for i in plan.title:
        line = lines[i].strip()
        found.append((i, Repair(None, rule, line, "")))
        cleaned, changes = fixer.fix(line)
        found.extend((i, Repair(None, *c)) for c in changes)
        parts.append(cleaned.strip() if changes else cleaned)
    title, runs = title_text(parts, vocab.__contains__)
    found.extend((plan.title[k], Repair(None, "title-case", run, cased)) for k, run, cased in runs)
    return "" if opening else title


def _removed(plan: Plan, lines: list[str], found: Found) -> None:
    """Record the heading, place/date, page-number, running header and footer, and
    signature lines left out."""
    for i, kind in plan.furniture.items():
        found.append((i, Repair(None, kind, lines[i].strip(), "")))
    for i, _name in plan.headings:
        found.append((i, Repair(None, "heading", lines[i].strip(), "")))
    for i in plan.page_numbers:
        found.append((i, Repair(None, "page-number", lines[i].strip(), "")))
    for i in plan.datelines:
        found.append((i, Repair(None, "place-date", lines[i].strip(), "")))
    for i in plan.back:
        line = lines[i].strip()
        rule = "page-number" if line.strip("- ").isdigit() else "signature"
        rule = "place-date" if is_place_date(line) else rule
        found.append((i, Repair(None, rule, lines[i].strip(), "")))


def _paragraphs(
    plan: Plan, lines: list[str], fixer: GlyphFixer, joiner: _Joiner, *, soft: bool
) -> list[Paragraph]:
    """Each planned paragraph's lines repaired (all body lines at once: most need nothing)
    and joined.  ``soft``: the text has soft hyphens (U+00AD)."""
    body = [plan.stripped[i] for items in plan.paragraphs for i, _ in items]
    softs = {k for k, line in enumerate(body) if line.endswith("\u00ad")} if soft else set()
    for k in softs:
        body[k] = body[k][:-1].rstrip()
    cleaned, changed = fixer.fix_lines(body)
    for k in changed:
        cleaned[k] = cleaned[k].strip()
    # the body lines after which a paragraph's lines may not simply join with a space:
    # repaired or soft-hyphened lines, lines ending in "-" and lines before a page join
    odd = {*changed, *softs}
    joined = "\n".join(cleaned)
    at = joined.find("-\n")
    line, seen = 0, 0
    while at >= 0:
        line += joined.count("\n", seen, at)
        seen = at
        odd.add(line)
        at = joined.find("-\n", at + 2)
    kinds = [kind for items in plan.paragraphs for _, kind in items]
    if "page" in kinds:
        odd.update(k - 1 for k, kind in enumerate(kinds) if kind == "page")
    paragraphs = []
    start = 0  # index in body of the paragraph's first line
    for n, (items, section) in enumerate(zip(plan.paragraphs, plan.sections, strict=True)):
        stop = start + len(items)
        if _joins_plainly(odd, start, stop):  # as join would (only a repair empties a line)
            text = _spaced(" ".join(cleaned[start:stop]), joiner.plain)
        else:
            text = joiner.join(n, items, cleaned[start:stop], start, changed, softs)
        raw = "\n".join([lines[i] for i, _ in items])
        paragraphs.append(Paragraph(section, text, raw))
        start = stop
    return paragraphs


def _joins_plainly(odd: set[int], start: int, stop: int) -> bool:
    """No body line ``start`` ... ``stop - 1`` is in ``odd``: the paragraph's lines join
    with single spaces."""
    return not odd or odd.isdisjoint(range(start, stop))


def _spaced(text: str, plain: bool) -> str:
    """``text`` re-spaced (split and joined) when it has two spaces or a character that
    str.isprintable refuses (rare: odd white space left by a repair).  ``plain``: " " is
    the only white space it may hold, so re-spacing changes it only at two spaces or an
    outer space (the costly str.isprintable is then asked only about those)."""
    if "  " in text:
        return " ".join(text.split())
    if plain:
        if (text[:1] == " " or text[-1:] == " ") and not text.isprintable():
            return " ".join(text.split())
        return text
    if not text.isprintable():
        return " ".join(text.split())
    return text


#: ASCII white space other than " " and the line break: tab, \v, \f, \r, \x1c-\x1f.
_ASCII_SPACES = bytes([9, 11, 12, 13, 28, 29, 30, 31])
_NOT_ASCII_SPACES = bytes(b for b in range(256) if b not in _ASCII_SPACES)
_ASCII_BYTES = bytes(range(128))


def plain_spaces(text: str) -> bool:
    """Whether the only white space (as str.split finds it) in ``text`` is " " and "\\n":
    then nothing any repair or join makes of its lines holds other white space.

    >>> plain_spaces("Two lines,\\nno tab."), plain_spaces("a\\tb"), plain_spaces("a\\u00a0b")
    (True, False, False)
    """
    data = text.encode("utf-8", "surrogatepass")
    if data.translate(None, _NOT_ASCII_SPACES):  # an ASCII white space byte
        return False
    if text.isascii():
        return True
    others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return others.split() == [others]


class _Joiner:
    """Joins a paragraph's repaired lines into one line, recording its repairs."""

    def __init__(
        self, evidence: Evidence, vocab: frozenset[str], found: Found, plain: bool
    ) -> None:
        self.plain = plain  # " " and "\n" are the text's only white space
        self._evidence = evidence
        self._vocab = vocab
        self._found = found

    def join(
        self,
        n: int,
        items: list[tuple[int, str]],
        cleaned: list[str],
        start: int,
        changed: dict[int, list[Change]],
        softs: set[int],
    ) -> str:
        """Paragraph ``n``: its ``items`` (line index, join kind), their repaired lines
        ``cleaned`` (body lines ``start`` ...), the glyph ``changed`` and soft-hyphen
        ``softs`` of the body lines.  Lines join with a space; a line-end hyphen that joins
        a word drops out (``soft-hyphen-join``); a join across a page is recorded
        (``page-join``)."""
        found = self._found
        pieces: list[str] = []
        prev = ""
        soft = False
        for offset, (i, kind) in enumerate(items):
            k = start + offset
            cur = cleaned[offset]
            if changed and k in changed:
                found.extend((i, Repair(n, *c)) for c in changed[k])
            if not cur:  # a line of invisible characters only
                continue
            if not pieces:
                pieces.append(cur)
            elif not soft and kind == "line" and prev[-1:] != "-":
                pieces.append(" " + cur)  # the common case
            else:
                pieces.append(self._joint(n, i, kind, prev, cur, pieces, soft))
            prev, soft = cur, k in softs
        return _spaced("".join(pieces), self.plain)

    def _joint(
        self, n: int, i: int, kind: str, prev: str, cur: str, pieces: list[str], soft: bool
    ) -> str:
        """What to append for line ``cur`` (line ``i``) after ``prev``, the last of
        ``pieces`` (whose final hyphen may drop out), at a soft hyphen, a line-end hyphen or
        a page end."""
        decision = (
            True
            if soft
            else (
                hyphen_joins(prev, cur, self._evidence, self._vocab) if prev.endswith("-") else None
            )
        )
        sep = " " if decision is None else ""
        if decision:
            if not soft:
                pieces[-1] = pieces[-1][:-1]
            before = f"{_last_word(prev)} {_first_word(cur)}"
            joined = _last_word(pieces[-1]) + _first_word(cur)
            self._found.append((i, Repair(n, "soft-hyphen-join", before, joined)))
        if kind == "page":
            before = f"{_last_word(prev)} | {_first_word(cur)}"
            after = f"{_last_word(pieces[-1])}{sep}{_first_word(cur)}"
            self._found.append((i, Repair(n, "page-join", before, after)))
        return sep + cur


def _last_word(text: str) -> str:
    return text.rsplit(None, 1)[-1] if text else ""


def _first_word(text: str) -> str:
    return text.split(None, 1)[0] if text else ""


def _without_furniture(lines: list[str], rules: LayoutRules, found: Found) -> list[str]:
    """``lines`` with their running headers and footers (:mod:`.furniture`) blanked, each
    recorded in ``found`` (before every other repair: at line -1)."""
    stripped = [line.strip() for line in lines]
    filled = [i for i, s in enumerate(stripped) if s]
    furniture = find_furniture(stripped, filled, page_starts(lines), rules)
    found.extend((-1, Repair(None, kind, stripped[i], "")) for i, kind in sorted(furniture.items()))
    return ["" if i in furniture else line for i, line in enumerate(lines)]


def _unwrapped(
    lines: list[str], fixer: GlyphFixer, plain: bool, removed: list[Repair]
) -> Normalized:
    """One paragraph per non-empty line, for text none of whose lines may be more
    (:func:`.layout.unwrapped_blocks`).  ``plain``: " " and "\\n" are the text's only
    white space (:func:`plain_spaces`); ``removed``: the repairs of lines already left out."""
    raws = [line for line in lines if line and not line.isspace()]  # line.strip() != ""
    cleaned, changed = fixer.fix_lines([line.strip() for line in raws])
    paragraphs: list[Paragraph] = []
    repairs: list[Repair] = list(removed)
    start = 0  # lines before the next changed one need nothing: one paragraph each
    for k, changes in changed.items():
        paragraphs.extend(map(Paragraph, repeat(BODY), cleaned[start:k], raws[start:k]))
        start = k + 1
        text = cleaned[k]
        if "  " in text or text[:1] == " " or text[-1:] == " " or not (plain or text.isprintable()):
            text = " ".join(text.split())  # else already so: " " is its only white space
        if not text:  # a line of invisible characters only
            repairs.append(Repair(None, "invisible-char", raws[k].strip(), ""))
            continue
        n = len(paragraphs)
        repairs.extend(Repair(n, *c) for c in changes)
        paragraphs.append(Paragraph(BODY, text, raws[k]))
    paragraphs.extend(map(Paragraph, repeat(BODY), cleaned[start:], raws[start:]))
    return Normalized("", paragraphs, repairs, [], [], "unwrapped")
