"""Count themes (terrorism, trade, energy, ...) with a dictionary of word patterns.

A theme dictionary maps a short key (``terrorism_extremism``) to a human label and a list
of patterns.  :func:`load_dictionary` reads the one shipped with the package
(``sco_text/data/themes.yaml``), your own YAML file (our format or quanteda-style) or a
plain ``{theme: [patterns]}`` dict.  :func:`themes` counts matches per group and
:func:`theme_matches` lists every single match, so each count can be checked by reading.

Matching rules (the same in both functions, so ``theme_matches`` always adds up to
``themes``):

* Paragraph texts are split with :func:`sco_text.tokens.word_spans` (lower-cased tokens,
  no stop-word removal).  Hyphenated compounds are one token (``counter-terrorism``).
* A pattern is a glob matched against a *whole* token: ``*`` is any run of characters
  (also none, hyphens included), ``?`` exactly one character; everything else is literal.
  ``trade`` does not match ``trademark``; ``*terror*`` matches ``anti-terrorist``.
  Patterns are lower-cased, so matching ignores case.
* A pattern with spaces is a multi-word entry, matched as a sequence of consecutive
  tokens (``belt and road``, ``supply chain*``); punctuation between the words does not
  stop it (tokens are compared, not characters).
* Within one theme, tokens are scanned left to right; at each token the longest entry
  starting there wins (ties: the entry listed first), and the tokens it uses are not
  counted again *for that theme*.  So a word is counted once per theme even when two of
  the theme's patterns match it; the ``pattern`` column names the one that won.
* Themes are matched independently: a token matching patterns of two themes counts once
  for *each* theme (``drug-related crime`` counts for ``drugs`` and for
  ``organised_crime_corruption``).

>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "doc_id": ["d1", "d1"], "section": ["Security", "Trade"], "para_no": [0, 1],
...     "text": ["Counter-terrorism and drug trafficking.", "Trade, trade and energy."]})
>>> d = {"terror": ["*terror*"], "drugs": ["drug trafficking", "drug*"], "trade": ["trade"]}
>>> themes(frame, by="section", dictionary=d)
      group   theme  count  rate_per_1000  share
0  Security  terror      1          250.0    0.5
1  Security   drugs      1          250.0    0.5
2  Security   trade      0            0.0    0.0
3     Trade   trade      2          500.0    1.0
4     Trade  terror      0            0.0    0.0
5     Trade   drugs      0            0.0    0.0
>>> theme_matches(frame, dictionary=d)[["para_no", "theme", "pattern", "match"]]
   para_no   theme            pattern              match
0        0  terror           *terror*  Counter-terrorism
1        0   drugs   drug trafficking   drug trafficking
2        1   trade              trade              Trade
3        1   trade              trade              trade
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import regex as _regex
import yaml

from ._validate import check_by, check_choice, check_columns, is_dask_frame
from .errors import OptionError
from .frequency import grouping
from .tokens import word_spans

__all__ = [
    "Theme",
    "ThemeDictionary",
    "load_dictionary",
    "theme_matches",
    "themes",
]

THEMES_COLUMNS = ["group", "theme", "count", "rate_per_1000", "share"]
MATCHES_COLUMNS = ["doc_id", "section", "para_no", "theme", "pattern", "match", "start", "end"]


class Theme(NamedTuple):
    """One theme: a human ``label`` and its ``patterns`` (lower-case, in order)."""

    label: str
    patterns: tuple[str, ...]


# ---------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------

_GLOB_CHARS = frozenset("*?")


def glob_to_regex(element: str) -> str:
    """Translate one glob word (``*``, ``?``, literal rest) to a regular expression.

    The expression matches in about linear time: each piece between two ``*`` is taken at
    its first place, inside an atomic group that is never tried again, which is always right
    for pieces of fixed length; so a pattern such as ``*a*a*a*a*b`` cannot backtrack
    catastrophically on a long token.  Atomic groups need the ``regex`` module (or ``re`` from
    Python 3.11); this module compiles with ``regex``.

    >>> glob_to_regex("terror*"), glob_to_regex("*a?b*c")
    ('terror.*', '(?>.*?a.b).*c')
    """
    pieces = [_literal_glob(piece) for piece in element.split("*")]
    if len(pieces) == 1:
        return pieces[0]
    middle = "".join(f"(?>.*?{piece})" for piece in pieces[1:-1] if piece)
    return f"{pieces[0]}{middle}.*{pieces[-1]}"


def _literal_glob(piece: str) -> str:
    """A glob piece without ``*``: ``?`` is any one character, the rest is literal."""
    return ".".join(re.escape(part) for part in piece.split("?"))


def _check_element(element: str) -> str | None:
    """Return why a pattern word can never match a token, or None when it is fine."""
    probe = element.replace("*", "a").replace("?", "a")
    spans = word_spans(probe)
    if len(spans) != 1 or spans[0][0] != probe or spans[0][1] != 0 or spans[0][2] != len(probe):
        return (
            f"{element!r} is not one word token (tokens are runs of letters/digits, "
            "joined by '-', '&' or an apostrophe); split phrases with spaces"
        )
    return None


def check_words(words: Sequence[str]) -> str | None:
    """Check the words of a pattern; a lone ``*`` may stand for any word in a phrase."""
    if all(set(w) <= _GLOB_CHARS for w in words):
        return "a pattern made only of '*' or '?' would match every token"
    for w in words:
        if not set(w) <= _GLOB_CHARS:
            why = _check_element(w)
            if why:
                return why
    return None


def _split_pattern(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.lower().split())


@dataclass(frozen=True)
class _Entry:
    """A compiled pattern: its text and one regex per word."""

    pattern: str
    words: tuple[_regex.Pattern[str], ...]

    @property
    def size(self) -> int:
        return len(self.words)


class _Matcher:
    """Finds theme matches in token lists; caches what each distinct token can start."""

    def __init__(self, keys: Sequence[str], theme_entries: Sequence[Sequence[_Entry]]) -> None:
        self.keys = tuple(keys)
        self._entries = [tuple(e) for e in theme_entries]
        # For each theme: one combined regex over the first words of its entries, so a
        # token type is tested once per theme, not once per pattern.
        self._first: list[_regex.Pattern[str] | None] = []
        for entries in self._entries:
            if entries:
                alts = "|".join(f"(?:{e.words[0].pattern})" for e in entries)
                self._first.append(_regex.compile(alts))
            else:
                self._first.append(None)
        self._cache: dict[str, tuple[tuple[int, tuple[_Entry, ...]], ...]] = {}

    def _starts(self, token: str) -> tuple[tuple[int, tuple[_Entry, ...]], ...]:
        """Per theme, the entries whose first word matches ``token``, longest first."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        found: list[tuple[int, tuple[_Entry, ...]]] = []
        for t, combined in enumerate(self._first):
            if combined is None or combined.fullmatch(token) is None:
                continue
            cands = [e for e in self._entries[t] if e.words[0].fullmatch(token)]
            # Longest first; sorted() is stable, so equal sizes keep dictionary order.
            found.append((t, tuple(sorted(cands, key=lambda e: -e.size))))
        result = tuple(found)
        self._cache[token] = result
        return result

    def find(self, tokens: Sequence[str]) -> list[tuple[int, str, int, int]]:
        """Return ``(theme_index, pattern, first_token, last_token_exclusive)`` matches,
        ordered by theme then position."""
        cache = self._cache
        per_theme: dict[int, list[tuple[int, tuple[_Entry, ...]]]] = {}
        for i, tok in enumerate(tokens):
            starts = cache.get(tok)
            if starts is None:
                starts = self._starts(tok)
            for t, cands in starts:
                per_theme.setdefault(t, []).append((i, cands))
        n = len(tokens)
        out: list[tuple[int, str, int, int]] = []
        for t in sorted(per_theme):
            free = 0  # first token not yet used by a match of this theme
            for i, cands in per_theme[t]:
                if i < free:
                    continue
                for entry in cands:
                    k = entry.size
                    if i + k <= n and all(
                        entry.words[j].fullmatch(tokens[i + j]) for j in range(1, k)
                    ):
                        out.append((t, entry.pattern, i, i + k))
                        free = i + k
                        break
        return out


# ---------------------------------------------------------------------------------------
# The dictionary object
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeDictionary:
    """A validated theme dictionary.

    ``themes`` maps each theme key to a :class:`Theme` ``(label, patterns)``, in the
    order they were given.  Build it with :func:`load_dictionary`.

    >>> d = load_dictionary({"energy": ["energy*", "oil and gas"]})
    >>> d.themes["energy"]
    Theme(label='energy', patterns=('energy*', 'oil and gas'))
    >>> d.keys
    ('energy',)
    """

    name: str
    version: str
    themes: Mapping[str, Theme]
    source: str = ""
    description: str = ""
    _matcher: _Matcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        themes_ = dict(self.themes)
        object.__setattr__(self, "themes", MappingProxyType(themes_))
        entries = []
        for theme in themes_.values():
            compiled = []
            for pat in theme.patterns:
                words = tuple(_regex.compile(glob_to_regex(w)) for w in _split_pattern(pat))
                compiled.append(_Entry(pat, words))
            entries.append(compiled)
        object.__setattr__(self, "_matcher", _Matcher(list(themes_), entries))

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as its fields (a Dask worker gets it): the matcher is rebuilt there
        fields = (self.name, self.version, dict(self.themes), self.source, self.description)
        return (ThemeDictionary, fields)

    @property
    def keys(self) -> tuple[str, ...]:
        """Theme keys in dictionary order."""
        return tuple(self.themes)

    def labels(self) -> dict[str, str]:
        """``{key: label}`` for every theme."""
        return {k: t.label for k, t in self.themes.items()}

    def __len__(self) -> int:
        return len(self.themes)


DictionarySource = ThemeDictionary | Mapping[str, Any] | str | os.PathLike[str] | None


def _fail(where: str, reason: str, theme: str | None = None) -> OptionError:
    what = f"theme {theme!r}: " if theme is not None else ""
    return OptionError(f"theme dictionary {where}: {what}{reason}")


def _clean_patterns(raw: object, where: str, key: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, (list, tuple)):
        raise _fail(where, f"patterns must be a list of strings, got {type(raw).__name__}", key)
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            raise _fail(where, f"pattern {item!r} is not a string", key)
        words = _split_pattern(item)
        if not words:
            raise _fail(where, "empty pattern", key)
        why = check_words(words)
        if why:
            raise _fail(where, f"pattern {item!r}: {why}", key)
        pat = " ".join(words)
        if pat not in out:  # duplicates are dropped silently (first kept)
            out.append(pat)
    if not out:
        raise _fail(where, "no patterns", key)
    return tuple(out)


def _flatten_quanteda(data: Mapping[Any, Any], where: str, prefix: str = "") -> dict[str, Any]:
    """``{parent: {child: [...]}}`` -> ``{"parent.child": [...]}`` (any depth)."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, (str, int)) or str(key).strip() == "":
            raise _fail(where, f"theme key {key!r} must be a non-empty string")
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if not value:
                raise _fail(where, "no patterns", full)
            flat.update(_flatten_quanteda(value, where, prefix=f"{full}."))
        else:
            flat[full] = value
    return flat


def _is_our_format(data: Mapping[Any, Any]) -> bool:
    return (
        "themes" in data
        and isinstance(data["themes"], Mapping)
        and any(isinstance(v, Mapping) and "patterns" in v for v in data["themes"].values())
    )


def _from_mapping(data: Mapping[Any, Any], where: str, default_name: str) -> ThemeDictionary:
    if not data:
        raise _fail(where, "it holds no themes")
    themes_: dict[str, Theme] = {}
    if _is_our_format(data):
        allowed = {"name", "version", "source", "description", "themes"}
        extra = sorted(str(k) for k in data if k not in allowed)
        if extra:
            raise _fail(where, f"unknown top-level key(s) {extra}; allowed: {sorted(allowed)}")
        for key, spec in data["themes"].items():
            if not isinstance(key, str) or not key.strip():
                raise _fail(where, f"theme key {key!r} must be a non-empty string")
            if not isinstance(spec, Mapping) or "patterns" not in spec:
                raise _fail(where, "give a mapping with 'label' and 'patterns'", key)
            unknown = sorted(str(k) for k in spec if k not in ("label", "patterns"))
            if unknown:
                raise _fail(where, f"unknown key(s) {unknown}; allowed: label, patterns", key)
            label = spec.get("label", key)
            if not isinstance(label, str) or not label.strip():
                raise _fail(where, f"label {label!r} must be a non-empty string", key)
            themes_[key] = Theme(label.strip(), _clean_patterns(spec["patterns"], where, key))
        name = data.get("name", default_name)
        version = data.get("version", "")
        source = data.get("source", "")
        description = data.get("description", "")
        for field_name, value in (
            ("name", name),
            ("version", version),
            ("source", source),
            ("description", description),
        ):
            if not isinstance(value, (str, int, float)):
                raise _fail(where, f"{field_name} must be a string, got {value!r}")
        return ThemeDictionary(
            str(name),
            str(version),
            themes_,
            source=str(source).strip(),
            description=str(description).strip(),
        )
    # quanteda-style (or a plain dict): every key is a theme, nested keys are flattened.
    for key, raw in _flatten_quanteda(data, where).items():
        themes_[key] = Theme(key, _clean_patterns(raw, where, key))
    return ThemeDictionary(default_name, "", themes_)


def _read_yaml(path: Path) -> ThemeDictionary:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(where, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(where, f"cannot be read ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(where, f"is not valid YAML ({exc})") from None
    if not isinstance(data, Mapping):
        raise _fail(where, f"the YAML must be a mapping of themes, got {type(data).__name__}")
    return _from_mapping(data, where, path.stem)


@lru_cache(maxsize=1)
def _shipped() -> ThemeDictionary:
    ref = resources.files("sco_text").joinpath("data/themes.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return _from_mapping(data, "sco_text/data/themes.yaml", "sco-themes")


def load_dictionary(source: DictionarySource = None) -> ThemeDictionary:
    """Return a validated :class:`ThemeDictionary`.

    ``source`` is ``None`` (the dictionary shipped with sco-text), a path to a YAML file,
    a dict, or an existing :class:`ThemeDictionary` (returned as is).  Accepted layouts:

    * ours: ``name``, ``version``, ``source``, ``description`` and
      ``themes: {key: {label: ..., patterns: [...]}}``;
    * quanteda-style: ``{theme: [patterns]}``, where a theme may hold sub-themes
      (``{economy: {trade: [...], finance: [...]}}`` gives ``economy.trade`` and
      ``economy.finance``); a plain Python dict of the same shape works too.

    Patterns are lower-cased; duplicates within a theme are dropped.  A bad dictionary
    raises :class:`~sco_text.errors.OptionError` naming the file (or ``<dict>``), the
    theme and the reason.

    Parameters
    ----------
    source : None, str, os.PathLike, dict or ThemeDictionary
        Where the dictionary comes from (see above).

    Returns
    -------
    ThemeDictionary
        The validated dictionary.

    >>> d = load_dictionary()
    >>> d.name, "terrorism_extremism" in d.themes
    ('sco-themes', True)
    >>> load_dictionary({"economy": {"trade": ["trade"], "money": ["finance*"]}}).keys
    ('economy.trade', 'economy.money')
    >>> load_dictionary({"bad": ["*"]})
    Traceback (most recent call last):
    ...
    sco_text.errors.OptionError: theme dictionary <dict>: theme 'bad': pattern '*': \
a pattern made only of '*' or '?' would match every token
    """
    if source is None:
        return _shipped()
    if isinstance(source, ThemeDictionary):
        return source
    if isinstance(source, Mapping):
        return _from_mapping(source, "<dict>", "custom")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.suffix.lower() not in (".yaml", ".yml"):
            raise _fail(str(path), "give a .yaml or .yml file")
        return _read_yaml(path)
    raise OptionError(
        f"dictionary={source!r} is not allowed; give None (the shipped dictionary), "
        "a path to a YAML file, a dict {theme: [patterns]} or a ThemeDictionary"
    )


# ---------------------------------------------------------------------------------------
# Frame functions
# ---------------------------------------------------------------------------------------


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _paragraph_matches(
    frame: pd.DataFrame, dictionary: ThemeDictionary
) -> tuple[list[int], list[tuple[int, int, str, str, int, int]]]:
    """Token counts per row and ``(row, theme, pattern, match, start, end)`` per match."""
    matcher = dictionary._matcher
    n_tokens: list[int] = []
    found: list[tuple[int, int, str, str, int, int]] = []
    for row, text in enumerate(frame["text"].tolist()):
        text = "" if _is_missing(text) else str(text)
        spans = word_spans(text)
        n_tokens.append(len(spans))
        if not spans:
            continue
        tokens = [tok for tok, _, _ in spans]
        hits = matcher.find(tokens)
        # Reading order within the paragraph; dictionary order for the same start.
        hits.sort(key=lambda h: (spans[h[2]][1], h[0]))
        for t, pattern, i, j in hits:
            start, end = spans[i][1], spans[j - 1][2]
            found.append((row, t, pattern, text[start:end], start, end))
    return n_tokens, found


def theme_matches(
    frame: pd.DataFrame,
    theme: str | Collection[str] | None = None,
    *,
    dictionary: DictionarySource = None,
) -> pd.DataFrame:
    """Every theme match: doc_id, section, para_no, theme, pattern, match, start, end.

    ``match`` is the text as it appears in the paragraph and ``start``/``end`` are
    character offsets into the row's ``text`` (``text[start:end] == match``).  ``theme``
    keeps one theme key (or a list of keys).  Rows are in frame order, then reading
    order.  Grouping these rows and counting them gives exactly the ``count`` column of
    :func:`themes` (same matching rules, see the module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame (``doc_id``, ``section``, ``para_no``, ``text``).
    theme : str or collection of str, optional
        Keep only these theme keys (default: all).
    dictionary : optional
        Anything :func:`load_dictionary` takes (default: the shipped dictionary).

    Returns
    -------
    pandas.DataFrame
        One row per match, columns as above.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a"], "section": ["S"], "para_no": [0],
    ...                       "text": ["Belt and Road transport links"]})
    >>> d = {"transport": ["belt and road", "transport*", "road"]}
    >>> theme_matches(frame, dictionary=d)[["match", "pattern", "start", "end"]]
               match        pattern  start  end
    0  Belt and Road  belt and road      0   13
    1      transport     transport*     14   23
    """
    check_columns(frame, ["doc_id", "section", "para_no", "text"])
    d = load_dictionary(dictionary)
    wanted = _check_theme_arg(theme, d)
    _, found = _paragraph_matches(frame, d)
    keys = d.keys
    rows = [f for f in found if wanted is None or keys[f[1]] in wanted]
    idx = [f[0] for f in rows]
    out = pd.DataFrame(
        {
            "doc_id": frame["doc_id"].to_numpy()[idx] if idx else [],
            "section": frame["section"].to_numpy()[idx] if idx else [],
            "para_no": frame["para_no"].to_numpy()[idx] if idx else [],
            "theme": [keys[f[1]] for f in rows],
            "pattern": [f[2] for f in rows],
            "match": [f[3] for f in rows],
            "start": np.array([f[4] for f in rows], dtype="int64"),
            "end": np.array([f[5] for f in rows], dtype="int64"),
        },
        columns=MATCHES_COLUMNS,
    )
    for col in ("doc_id", "section", "theme", "pattern", "match"):
        out[col] = out[col].astype(object)
    if not idx:
        out["para_no"] = out["para_no"].astype(frame["para_no"].dtype)
    return out


def _check_theme_arg(
    theme: str | Collection[str] | None, d: ThemeDictionary
) -> frozenset[str] | None:
    if theme is None:
        return None
    names = [theme] if isinstance(theme, str) else list(theme)
    if not names:
        raise OptionError("theme=[] is not allowed; give a theme key, a list of keys or None")
    for name in names:
        check_choice("theme", name, d.keys)
    return frozenset(names)


def theme_count_matrix(
    frame: pd.DataFrame, cols: list[str], d: ThemeDictionary
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """The groups' labels, their matches of each theme and their word tokens."""
    n_tokens, found = _paragraph_matches(frame, d)
    # Same grouping as the frequency functions: sorted by the columns' values, missing
    # values kept as a group, " / "-joined labels for several columns.
    codes, groups = grouping(frame, cols)
    counts = np.zeros((len(groups), len(d.keys)), dtype="int64")
    words = np.zeros(len(groups), dtype="int64")
    np.add.at(words, codes, np.asarray(n_tokens, dtype="int64"))
    for row, t, *_ in found:
        counts[codes[row], t] += 1
    return groups, counts, words


def themes(
    frame: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    dictionary: DictionarySource = None,
) -> pd.DataFrame:
    """Theme counts per group: group, theme, count, rate_per_1000, share.

    * ``count``: matches of the theme in the group (rules in the module docstring; every
      match is listed by :func:`theme_matches`).
    * ``rate_per_1000 = 1000 * count / n_words``, where ``n_words`` is the number of word
      tokens of the group's paragraphs (:func:`~sco_text.tokens.word_spans`, stop words
      *not* removed); 0.0 for a group without words.
    * ``share = count / (sum of count over all themes of the group)``; 0.0 when the
      group has no theme match at all.  Since a token may count for two themes, share
      is a share of matches, not of words.

    ``frame`` may be a Dask DataFrame (:func:`sco_text.load_corpus_dask`): each partition
    is matched on the workers, the counts are added up here (same numbers).

    Every group gets one row per theme, zero counts included, so a plot gets a full grid.
    Rows are sorted by group (natural order), then count descending, then dictionary
    order.

    Parameters
    ----------
    frame : pandas.DataFrame
        A corpus frame.
    by : str or sequence of str
        The column(s) whose values form the groups (default ``doc_id``).
    dictionary : optional
        Anything :func:`load_dictionary` takes (default: the shipped dictionary).

    Returns
    -------
    pandas.DataFrame
        Columns group, theme, count, rate_per_1000, share.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"], "section": ["S", "S"],
    ...                       "para_no": [0, 0], "text": ["Energy and trade.", "Trade."]})
    >>> themes(frame, dictionary={"energy": ["energy*"], "trade": ["trade"]})
      group   theme  count  rate_per_1000  share
    0     a  energy      1     333.333333    0.5
    1     a   trade      1     333.333333    0.5
    2     b   trade      1    1000.000000    1.0
    3     b  energy      0       0.000000    0.0
    """
    check_columns(frame, ["text"], dask=True)
    cols = check_by(frame, by)
    d = load_dictionary(dictionary)
    keys = d.keys
    if is_dask_frame(frame):
        from .scale import theme_counts

        groups, counts, words = theme_counts(frame, cols, d)
    else:
        groups, counts, words = theme_count_matrix(frame, cols, d)

    totals = counts.sum(axis=1)
    records = []
    for g_i, g in enumerate(groups):
        order = sorted(range(len(keys)), key=lambda t: (-counts[g_i, t], t))
        for t in order:
            c = int(counts[g_i, t])
            rate = 1000.0 * c / words[g_i] if words[g_i] else 0.0
            share = c / totals[g_i] if totals[g_i] else 0.0
            records.append((g, keys[t], c, float(rate), float(share)))
    out = pd.DataFrame.from_records(records, columns=THEMES_COLUMNS)
    out["count"] = out["count"].astype("int64")
    out["rate_per_1000"] = out["rate_per_1000"].astype("float64")
    out["share"] = out["share"].astype("float64")
    out["theme"] = out["theme"].astype(object)
    if len(cols) == 1 and not out.empty:
        # Keep the grouping column's own dtype (e.g. datetime64 for by="date").
        with contextlib.suppress(TypeError, ValueError):
            out["group"] = out["group"].astype(frame[cols[0]].dtype)
    out.attrs["by"] = list(cols)  # plots name the groups by it
    return out
