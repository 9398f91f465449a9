"""Glyph repairs for one line of PDF-extracted text.

Curly quotes, Unicode dashes, combining overlays used as dashes, Cyrillic look-alikes
inside Latin words, doubled-case typos, digits glued to words, invisible characters (a
zero-width space between two words becomes a space: it separated them) and odd spaces.

Every rule is a general pattern, applied in a fixed order, and each change is reported as
``(rule, before, after)`` with short snippets (the word or the few characters involved).

>>> counts = {"member": 9, "Member": 2}
>>> known = frozenset({"member", "october"})
>>> fixer = GlyphFixer(lambda word: counts.get(word, 0), known, ["mMember", "29-310ctober"])
>>> line, changes = fixer.fix("the mMember states met on 29-310ctober 2020 \u2013 “online”")
>>> line
'the member states met on 29-31 October 2020 - "online"'
>>> changes
[('curly-quote', '“online”', '"online"'), ('unicode-dash', '\u2013', '-'), \
('doubled-case', 'mMember', 'member'), ('digit-glue', '310ctober', '31 October')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

import numpy as np

__all__ = [
    "CUE_SCAN_LINES",
    "GlyphFixer",
    "cue_lines",
    "needs_word_rules",
    "word_rule_candidates",
    "word_rule_turns",
]

Change = tuple[str, str, str]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
    }
)
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "һ": "h",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "Һ": "H",
    }
)
_MAPPABLE = frozenset(chr(c) for c in _HOMOGLYPHS)
_QUOTE_PAIRS = tuple((chr(c), str(v)) for c, v in _QUOTES.items())

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]+")
# a zero-width space between two words separates them ("to\u200binnovative")
_ZERO_WIDTH_SPACE = re.compile("([^\\W_]+)\u200b[\u200b\u00ad\u200c\u200d\ufeff]*(?=[^\\W_])")
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MULTI_SPACE = re.compile(r"\S* {2,}\S*")
_SPACES = re.compile("  +")  # " {2,}", written to start with a literal (a fast scan)
_COMBINING = re.compile(r"(?<=\w) ?[\u0335-\u0338] ?(?=\w)")
_CURLY = re.compile(r"\S*[‘’‚‛′“”„‟″]\S*")
_EN_DASH = re.compile("[\u2010\u2011\u2012\u2013\u2212]")
_EN_DASH_WORD = re.compile("\\S*[\u2010\u2011\u2012\u2013\u2212]\\S*")
_EM_DASH = re.compile(r"(\S?)\s*[\u2014\u2015]\s*(\S?)")
_CYRILLIC_WORD = re.compile(r"[^\W\d_]*[\u0400-\u04ff][^\W\d_]*")
_DOUBLED = re.compile(r"\b([a-z])([A-Z])([a-z]{2,})\b")
_ZERO_FOR_O = re.compile(r"(\d+)0([a-z]{3,})\b")
_DIGIT_MONTH = re.compile(rf"(\d+)({_MONTHS})\b")
_YEAR_DOT = re.compile(r"\b(\d{4})\.([A-Z][a-z]+)")
_PAREN = re.compile(r"([a-z])\((?=[A-Z])")
_SPACE_PUNCT = re.compile(r"(\w) +([,;])")
_HYPHEN_SPACE = re.compile(r"([^\W_]+)- (?!(?:and|or|to|nor|as|but|than)\b)([^\W_]+)")
# Cheap gates: substring and character-set tests decide which regexes a line needs.
_INVISIBLE_SET = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_SPACE_SET = frozenset("\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_COMBINING_SET = frozenset("\u0335\u0336\u0337\u0338")
_QUOTE_SET = frozenset("‘’‚‛′“”„‟″")
_EN_SET = frozenset("\u2010\u2011\u2012\u2013\u2212")
_EM_SET = frozenset("\u2014\u2015")
_WORD_RULES = re.compile(r"[a-z][A-Z][a-z]|\d(?:0[a-z]|[A-Z]|\.[A-Z])")
_CYRILLIC_SET = frozenset(map(chr, range(0x400, 0x500)))
# The characters some branch of GlyphFixer._unicode acts on
_SPECIAL = (
    _INVISIBLE_SET | _SPACE_SET | _COMBINING_SET | _QUOTE_SET | _EN_SET | _EM_SET | _CYRILLIC_SET
)
_ASCII_BYTES = bytes(range(128))
# The middle character of a _WORD_RULES match (a capital after a lower-case letter or a
# digit, a 0 or a dot after a digit): scanning for it skips all other characters in C.
_WORD_RULE_TURN = re.compile(
    r"[A-Z0.](?:(?<=[a-z][A-Z])(?=[a-z])|(?<=\d0)(?=[a-z])|(?<=\d[A-Z])|(?<=\d\.)(?=[A-Z]))"
)
_WORD_END = re.compile(r"\S*")
_DECIMAL = re.compile(r"\d")


def needs_word_rules(token: str) -> bool:
    """True if a whitespace-separated token may need the doubled-case or digit-glue rules.

    >>> [needs_word_rules(t) for t in ("mMember", "310ctober", "2030.Agenda", "McDonald")]
    [True, True, True, False]
    """
    if _WORD_RULES.search(token) is None:
        return False
    return any(m[1] == m[2].lower() for m in _DOUBLED.finditer(token)) or any(
        p.search(token) for p in (_ZERO_FOR_O, _DIGIT_MONTH, _YEAR_DOT)
    )


def word_rule_candidates(text: str) -> list[str]:
    """The distinct whitespace-separated tokens of ``text`` that :func:`needs_word_rules`
    picks, in order of first occurrence.

    One scan (:func:`word_rule_turns`) finds where a word rule could apply; only the
    tokens there are tested.

    >>> word_rule_candidates("The mMember met on 29-310ctober; McDonald, mMember and mMember.")
    ['mMember', '29-310ctober;', 'mMember.']
    """
    found: dict[str, None] = {}
    end = -1
    for position in word_rule_turns(text):
        if position < end:  # still inside the token of the previous turn
            continue
        start = position
        while start and not text[start - 1].isspace():
            start -= 1
        end = _WORD_END.match(text, position).end()  # type: ignore[union-attr]
        token = text[start:end]
        if token not in found and needs_word_rules(token):
            found[token] = None
    return list(found)


def word_rule_turns(text: str) -> list[int]:
    """The positions of ``text`` where a word rule could turn (those of the matches of
    ``_WORD_RULE_TURN``), in order: found with numpy in its UTF-8 bytes (a regex scan
    costs about three times as much), by the regex when the text has digits other than
    0-9 (``\\d`` matches them).

    >>> word_rule_turns("the mMember, 1990s, 2030.Agenda; née 310ctober")
    [5, 16, 24, 39]
    """
    data = text.encode("utf-8", "surrogatepass")
    ascii_text = text.isascii()
    if not ascii_text:
        others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if _DECIMAL.search(others):  # "\d" matches more than 0-9 here
            return [m.start() for m in _WORD_RULE_TURN.finditer(text)]
    if len(data) < 2:
        return []
    code = np.frombuffer(data, dtype=np.uint8)
    lower = (code - np.uint8(97)) < 26  # a-z (other bytes wrap round to 26 and more)
    upper = (code - np.uint8(65)) < 26  # A-Z
    digit = (code - np.uint8(48)) < 10  # 0-9
    turn = np.zeros(len(code), dtype=bool)  # the byte at the turn: [A-Z0.] then ...
    camel = lower[:-2] & upper[1:-1] & lower[2:]  # [a-z] [A-Z] [a-z]
    glued = ((code[1:-1] == 48) & lower[2:]) | ((code[1:-1] == 46) & upper[2:])  # 0[a-z], .[A-Z]
    turn[1:-1] = camel | (digit[:-2] & glued)  # ... after a digit
    turn[1:] |= digit[:-1] & upper[1:]  # \d [A-Z]
    turns: list[int] = np.flatnonzero(turn).tolist()
    if ascii_text or not turns:
        return turns
    # byte offsets to character offsets, decoding the stretch between one turn and the next
    positions = []
    done = chars = 0
    for at in turns:
        chars += len(data[done:at].decode("utf-8", "surrogatepass"))
        done = at
        positions.append(chars)
    return positions


#: Fewer lines than this are tested one by one (numpy's fixed cost would outweigh it).
CUE_SCAN_LINES = 8


def cue_lines(lines: Sequence[str]) -> list[int]:
    """The indices of the lines that :meth:`GlyphFixer.fix_lines` must look at without
    word-rule candidates: those with a non-ASCII character, two spaces, "- ", "(", " ,",
    " ;" or a tab.  From :data:`CUE_SCAN_LINES` lines on, found in the UTF-8 bytes of all
    the lines at once (numpy), unless a line holds a line break.

    >>> cue_lines(["plain", "two  spaces", "a (b)", "ok", "“quoted”", "x ,y", "- ", "e"])
    [1, 2, 4, 5, 6]
    """
    joined = "\n".join(lines)
    if len(lines) < CUE_SCAN_LINES or joined.count("\n") != len(lines) - 1:
        return [
            k
            for k, s in enumerate(lines)
            if not s.isascii()
            or "  " in s
            or "- " in s
            or "(" in s
            or " ," in s
            or " ;" in s
            or "\t" in s
        ]
    code = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    single = (code >= 128) | (code == 9) | (code == 40)  # non-ASCII, tab, "("
    space = code == 32
    pairs = space[1:] & (space[:-1] | (code[:-1] == 45))  # "  ", "- "
    pairs |= space[:-1] & ((code[1:] == 44) | (code[1:] == 59))  # " ,", " ;"
    single[:-1] |= pairs
    ends = np.flatnonzero(code == 10)  # a cue byte is never a line break
    flagged = np.zeros(len(lines), dtype=bool)
    flagged[np.searchsorted(ends, np.flatnonzero(single))] = True
    found: list[int] = np.flatnonzero(flagged).tolist()
    return found


class GlyphFixer:
    """Repair glyph trouble in single lines.

    ``count(word)`` gives how often ``word`` (exact case) occurs in the document; ``known``
    is a set of lower-case vocabulary words; ``candidates`` are the document's tokens that
    :func:`needs_word_rules` picked (only lines containing one get the doubled-case and
    digit-glue rules: cheap substring tests keep clean lines fast).
    """

    def __init__(
        self, count: Callable[[str], int], known: Collection[str], candidates: Collection[str] = ()
    ) -> None:
        self._count = count
        self._known = known
        self._candidates = tuple(candidates)

    def fix(self, line: str) -> tuple[str, list[Change]]:
        """Return the repaired line and the list of changes made."""
        changes: list[Change] = []
        if not line.isascii():
            # the line's non-ASCII characters (dropping the ASCII bytes of its UTF-8 is
            # faster than a regex scan); characters outside _SPECIAL need no repair
            odd = _SPECIAL.intersection(
                line.encode("utf-8", "surrogatepass")
                .translate(None, _ASCII_BYTES)
                .decode("utf-8", "surrogatepass")
            )
            if odd:
                line = self._unicode(line, odd, changes)
        words = False
        for candidate in self._candidates:
            if candidate in line:
                words = True
                break
        if (
            words
            or "  " in line
            or "- " in line
            or "(" in line
            or " ," in line
            or " ;" in line
            or "\t" in line
        ):
            line = self._ascii(line, words, changes)
        return line, changes

    def fix_lines(self, lines: Sequence[str]) -> tuple[list[str], dict[int, list[Change]]]:
        """:meth:`fix` of each line: the lines repaired, and the changes by line index (only
        for lines that changed).  Fast tests pass over most lines (ASCII text without two
        spaces, "- ", "(", " ,", " ;" or a tab): these come back as they are.

        >>> GlyphFixer(lambda word: 0, set()).fix_lines(["plain", "two  spaces"])
        (['plain', 'two spaces'], {1: [('whitespace', 'two  spaces', 'two spaces')]})
        """
        fixed = list(lines)
        todo: Iterable[int] = range(len(lines)) if self._candidates else cue_lines(lines)
        changed: dict[int, list[Change]] = {}
        for k in todo:
            line, changes = self.fix(lines[k])
            if changes:
                fixed[k] = line
                changed[k] = changes
        return fixed, changed

    def _unicode(self, line: str, odd: frozenset[str], changes: list[Change]) -> str:
        if "\u200b" in odd:
            line = _ZERO_WIDTH_SPACE.sub(lambda m: _zero_width_space(m, changes), line)
        if odd & _INVISIBLE_SET:
            for m in _INVISIBLE.finditer(line):
                changes.append(("invisible-char", m.group(), ""))
            line = _INVISIBLE.sub("", line)
        if odd & _SPACE_SET:
            for m in _ODD_SPACE.finditer(line):
                changes.append(("whitespace", m.group(), " "))
            line = _ODD_SPACE.sub(" ", line)
        if odd & _COMBINING_SET:
            for m in _COMBINING.finditer(line):
                changes.append(("combining-dash", m.group(), "-"))
            line = _COMBINING.sub("-", line)
        quotes = odd & _QUOTE_SET
        if quotes:
            for m in _matches(_CURLY, line, quotes, _word_start):
                changes.append(("curly-quote", m.group(), m.group().translate(_QUOTES)))
            for quote, plain in _QUOTE_PAIRS:  # str.replace: much faster than str.translate
                if quote in quotes:
                    line = line.replace(quote, plain)
        dashes = odd & _EN_SET
        if dashes:
            for m in _matches(_EN_DASH_WORD, line, dashes, _word_start):
                changes.append(("unicode-dash", m.group(), _EN_DASH.sub("-", m.group())))
            for dash in dashes:
                line = line.replace(dash, "-")
        dashes = odd & _EM_SET
        if dashes:
            line = _substitute(
                line,
                _matches(_EM_DASH, line, dashes, _space_start),
                lambda m: self._em_dash(m, changes),
            )
        if odd & _CYRILLIC_SET:
            line = _CYRILLIC_WORD.sub(lambda m: _latinise(m, changes), line)
        return line

    @staticmethod
    def _em_dash(m: re.Match[str], changes: list[Change]) -> str:
        left, right = m.group(1), m.group(2)
        dash = "-" if left.isdigit() and right.isdigit() else " - "
        changes.append(("unicode-dash", m.group(), left + dash + right))
        return left + dash + right

    def _ascii(self, line: str, words: bool, changes: list[Change]) -> str:
        if "\t" in line:
            changes.append(("whitespace", "\t", " "))
            line = line.replace("\t", " ")
        if "  " in line:
            for m in _matches(_MULTI_SPACE, line, ("  ",), _word_start):
                changes.append(("whitespace", m.group(), " ".join(m.group().split())))
            line = _SPACES.sub(" ", line)
        if words:
            line = _DOUBLED.sub(lambda m: self._doubled(m, changes), line)
            line = _ZERO_FOR_O.sub(lambda m: self._zero(m, changes), line)
            line = _DIGIT_MONTH.sub(
                lambda m: _record(m, m[1] + " " + m[2], "digit-glue", changes), line
            )
            line = _YEAR_DOT.sub(lambda m: _year_dot(m, changes), line)
        if "(" in line:
            line = _substitute(
                line,
                _matches(_PAREN, line, ("(",), _char_before),
                lambda m: _record(m, m[1] + " (", "paren-space", changes),
            )
        if " ," in line or " ;" in line:
            line = _SPACE_PUNCT.sub(lambda m: _record(m, m[1] + m[2], "space-punct", changes), line)
        if "- " in line:
            line = _substitute(
                line,
                _matches(_HYPHEN_SPACE, line, ("- ",), _letters_start),
                lambda m: _record(m, m[1] + "-" + m[2], "hyphen-space", changes),
            )
        return line

    def _doubled(self, m: re.Match[str], changes: list[Change]) -> str:
        if m[1] != m[2].lower():
            return m.group()
        lower, upper = m[1] + m[3], m[2] + m[3]
        if lower not in self._known and not self._count(lower) and not self._count(upper):
            return m.group()
        fixed = lower if self._count(lower) > self._count(upper) else upper
        changes.append(("doubled-case", m.group(), fixed))
        return fixed

    def _zero(self, m: re.Match[str], changes: list[Change]) -> str:
        word = "o" + m[2]
        if word not in self._known and not self._count("O" + m[2]):
            return m.group()
        fixed = f"{m[1]} O{m[2]}"
        changes.append(("digit-glue", m.group(), fixed))
        return fixed


# Long lines make a regex scan costly (each position is tried in turn).  The patterns below
# match only around a few characters (a quote, a dash, two spaces, "- "), so _matches jumps
# from one of these anchors to the place where a match must start and tries the pattern
# there: the same matches as ``pattern.finditer(line)``, found with ``str.find``.


def _word_start(line: str, low: int, at: int) -> int:
    """Start of the run of non-space characters that ends just before ``at`` (not below
    ``low``): where a match of ``\\S*`` + anchor starts."""
    while at > low and not line[at - 1].isspace():
        at -= 1
    return at


def _char_before(line: str, low: int, at: int) -> int:
    """The character before ``at`` (not below ``low``)."""
    return at - 1 if at > low else at


def _letters_start(line: str, low: int, at: int) -> int:
    """Start of the run of letters and digits (``[^\\W_]``) ending just before ``at``."""
    while at > low and line[at - 1].isalnum():
        at -= 1
    return at


def _space_start(line: str, low: int, at: int) -> int:
    """Where ``(\\S?)\\s*`` + anchor starts: one character before the spaces before ``at``."""
    start = at
    while start > low and line[start - 1].isspace():
        start -= 1
    return start - 1 if start > low else start


def _matches(
    pattern: re.Pattern[str],
    line: str,
    anchors: Collection[str],
    start_of: Callable[[str, int, int], int],
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(line)``, for a pattern whose every match contains one of
    ``anchors``: a match that uses the first anchor found (at ``at``) can only start at
    ``start_of(line, low, at)``, ``low`` being where the previous match ended (the pattern
    is tried there); if it fails, no match uses that anchor."""
    low = look = 0
    while True:
        at = -1
        for anchor in anchors:
            found = line.find(anchor, look)
            if found >= 0 and (at < 0 or found < at):
                at = found
        if at < 0:
            return
        m = pattern.match(line, start_of(line, low, at))
        if m is None:  # no match uses this anchor
            look = at + 1
        else:
            yield m
            low = look = m.end()


def _substitute(
    line: str, matches: Iterable[re.Match[str]], replace: Callable[[re.Match[str]], str]
) -> str:
    """``pattern.sub(replace, line)`` given the pattern's matches in ``line``."""
    pieces: list[str] = []
    end = 0
    for m in matches:
        pieces.append(line[end : m.start()])
        pieces.append(replace(m))
        end = m.end()
    if not pieces:
        return line
    pieces.append(line[end:])
    return "".join(pieces)


def _record(m: re.Match[str], fixed: str, rule: str, changes: list[Change]) -> str:
    changes.append((rule, m.group(), fixed))
    return fixed


def _zero_width_space(m: re.Match[str], changes: list[Change]) -> str:
    following = _WORD_END.match(m.string, m.end())
    after = following.group() if following else ""
    changes.append(("zero-width-space", m.group() + after, f"{m[1]} {after}"))
    return m[1] + " "


def _year_dot(m: re.Match[str], changes: list[Change]) -> str:
    """'the 2030.Agenda' is a noun phrase (drop the dot); '2019.The' lost a space."""
    before = m.string[max(0, m.start() - 4) : m.start()].lower()
    fixed = f"{m[1]} {m[2]}" if before.endswith("the ") else f"{m[1]}. {m[2]}"
    changes.append(("digit-glue", m.group(), fixed))
    return fixed


def _latinise(m: re.Match[str], changes: list[Change]) -> str:
    word = m.group()
    has_latin = any("a" <= c.lower() <= "z" for c in word)
    cyrillic = {c for c in word if "\u0400" <= c <= "\u04ff"}
    if not has_latin or not cyrillic <= _MAPPABLE:
        return word
    fixed = word.translate(_HOMOGLYPHS)
    changes.append(("cyrillic-homoglyph", word, fixed))
    return fixed
