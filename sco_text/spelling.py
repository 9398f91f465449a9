"""British and American spellings folded to one form (``organisation`` = ``organization``).

:func:`fold_spelling` maps a word to its **canonical form: the American spelling, lower
case** (``Organisation`` -> ``organization``, ``programmes`` -> ``programs``,
``centre`` -> ``center``), with a few documented exceptions where American usage keeps the
British form too (``dialog`` -> ``dialogue``, ``gauge`` stays).  A word without a second
spelling comes back lower-cased and otherwise as it was (``rise``, ``four``, ``tour``).
:func:`fold_text` does the same for every word of a text but keeps everything else (case
pattern, punctuation, spaces), so its result lines up word for word with its input.

Where the forms come from, in this order (first hit wins):

1. ``canonical`` in ``sco_text/data/spelling.yaml``: the exceptions above;
2. the word list of the `breame <https://pypi.org/project/breame/>`_ package (about 1,730
   British -> American pairs: ``-our/-or``, ``-re/-er``, ``-ogue/-og``, ``-ence/-ense``,
   ``-ise/-ize``, ``programme``, ``travelled``, ``ageing``, ``aeroplane``, ...);
3. ``pairs`` and ``doubled_l`` in ``spelling.yaml`` (pairs breame lacks, e.g.
   ``co-operation``, ``enrolment``, ``fuelled``);
4. two rules for the productive ``-ise`` family, which no list can hold completely:

   * ``...isation(s)``/``...isational`` -> ``...ization(s)``/``...izational`` when at
     least ``MIN_STEM`` letters come before ``is`` (``denuclearisation``, ``digitalisation``);
   * ``...ise``, ``...ised``, ``...ises``, ``...ising``, ``...iser(s)``, ``...isable`` ->
     ``...ize``, ... when the stem before ``ise`` has at least ``MIN_STEM`` letters and ends
     in a consonant, and the base word (stem + ``ise``) is not an ``-ise`` word of American
     English too (``ise_only`` and ``ise_only_endings`` in ``spelling.yaml``: ``advise``,
     ``compromise``, ``exercise``, ``otherwise``, ``precise``, ``surprise``, ...; the
     ``-isation`` rule checks this too: ``improvisation``).  ``...ises`` is left alone
     when it is the plural of an ``-is`` noun (``is_nouns``: ``metropolises``).  So
     ``rise``, ``wise``, ``raise``, ``noise``, ``crises`` and ``precise`` stay as they are.

The ``-our``, ``-re`` and doubled-``l`` families are *not* ruled on (``four``/``for``,
``tour``/``tor``, ``filled``/``filed`` would collide): only the listed words fold.
A hyphenated word is looked up whole, then part by part (``self-organisation``).

>>> fold_spelling("Organisation")
'organization'
>>> [fold_spelling(w) for w in ("rise", "four", "tour", "precise", "programme")]
['rise', 'four', 'tour', 'precise', 'program']
>>> fold_text("The Organisation's programmes recognised the Member States.")
"The Organization's programs recognized the Member States."
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["MIN_STEM", "fold_spelling", "fold_text"]

#: Letters needed before the ``is`` of an ``-ise``/``-isation`` word for the rules to apply
#: (``rise``, ``wise`` and ``crises`` have fewer; ``realise`` has 4).
MIN_STEM = 3

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PART_RE = re.compile(r"[^\W\d_]+")
_ISATION_RE = re.compile(r"^(?P<stem>[a-z]+)is(?P<end>ation|ations|ational|ationally)$")
_ISE_RE = re.compile(r"^(?P<stem>[a-z]+)is(?P<end>e|es|ed|ing|ingly|er|ers|able|ability|ably)$")
_VOWELS = frozenset("aeiouy")
_PREFIXES = ("un", "in", "re", "dis", "mis", "pre", "ill", "well")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("sco_text").joinpath("data/spelling.yaml").read_text("utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """British (and variant) lower-case forms -> canonical form."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    data = _data()
    table: dict[str, str] = {}
    for base in data["doubled_l"]:
        for end in ("ed", "ing", "er", "ers"):
            table[base + "l" + end] = base + end
    table.update({str(k): str(v) for k, v in data["pairs"].items()})
    table.update(BRITISH_ENGLISH_SPELLINGS)
    canonical = {str(k): str(v) for k, v in data["canonical"].items()}
    table.update(canonical)
    # the canonical overrides also apply where a list names them as the American side
    return {k: canonical.get(v, v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _ise_only() -> tuple[frozenset[str], tuple[str, ...]]:
    data = _data()
    return frozenset(map(str, data["ise_only"])), tuple(map(str, data["ise_only_endings"]))


@lru_cache(maxsize=1)
def _is_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in _data()["is_nouns"])


def _keeps_ise(base: str) -> bool:
    """True when ``base`` (a word ending in -ise) is spelt -ise in American English too."""
    words, endings = _ise_only()
    if base in words or base.endswith(endings):
        return True
    return any(base.startswith(p) and base[len(p) :] in words for p in _PREFIXES)


@lru_cache(maxsize=65536)
def _fold_part(part: str) -> str:
    """Fold one lower-case run of letters (see the module docstring)."""
    table = _table()
    if part in table:
        return table[part]
    m = _ISATION_RE.match(part) or _ISE_RE.match(part)
    if m is None:
        return part
    stem, end = m["stem"], m["end"]
    if len(stem) < MIN_STEM or _keeps_ise(stem + "ise"):
        return part
    if end == "es" and stem + "is" in _is_nouns():
        return part  # metropolises: the plural of metropolis
    if end.startswith("ation") or stem[-1] not in _VOWELS:
        return stem + "iz" + end
    return part


def _fold_word(lower: str) -> str:
    table = _table()
    if lower in table:
        return table[lower]
    if "-" not in lower:
        return _fold_part(lower)
    return _PART_RE.sub(lambda m: _fold_part(m.group()), lower)


def fold_spelling(word: str) -> str:
    """The canonical (American, lower-case) spelling of ``word``.

    Parameters
    ----------
    word : str
        One word, any case; a hyphenated word is looked up whole, then part by part.
        Other characters (an apostrophe, digits) are kept.

    Returns
    -------
    str
        The canonical form, lower case: ``fold_spelling(a) == fold_spelling(b)`` when ``a``
        and ``b`` are spellings of one word.

    >>> fold_spelling("CENTRES"), fold_spelling("centers"), fold_spelling("Labour")
    ('centers', 'centers', 'labor')
    >>> fold_spelling("self-organising"), fold_spelling("co-operation")
    ('self-organizing', 'cooperation')
    """
    return _WORD_RE.sub(lambda m: _fold_word(m.group()), word.lower())


def _with_case(original: str, folded: str) -> str:
    """``folded`` (lower case) in the case pattern of ``original``: UPPER, Title or lower."""
    if len(original) > 1 and original.isupper():
        return folded.upper()
    if original[:1].isupper():
        return folded[:1].upper() + folded[1:]
    return folded


def fold_text(text: str) -> str:
    """``text`` with every word that has a British/American variant in its canonical form.

    Only the spelling changes: a word keeps its case pattern (``Organisation`` ->
    ``Organization``, ``CENTRE`` -> ``CENTER``), and punctuation, digits and spaces stay
    exactly where they were.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with spellings folded (see :func:`fold_spelling`).

    >>> fold_text("A centre of excellence; CO-OPERATION in labour, defence.")
    'A center of excellence; COOPERATION in labor, defense.'
    """

    def one(m: re.Match[str]) -> str:
        word = m.group()
        lower = word.lower()
        folded = _fold_word(lower)
        return word if folded == lower else _with_case(word, folded)

    return _WORD_RE.sub(one, text)
