"""What declarations commit to: commitments, their strength, theme and catalysts.

A *commitment* is, in the G7 and G20 Research Group's definition, "a discrete,
specific, publicly expressed, collectively agreed statement of intent to take future
action". :func:`commitments` finds them sentence by sentence (sentences from
:func:`sco_text.sentences`) with the lexicon shipped as ``sco_text/data/commitments.yaml``:

* a commitment needs a collective **actor** ("the member states", "they", "we", "the
  SCO") as the subject of a predicate opening with a **marker**: ``firm`` (will, shall,
  agree to, decided to, are determined to, reaffirm their commitment to, approve,
  instruct, ...) or ``soft`` (intend to, support, advocate, stand for, are in favour of,
  consider it important to, ...).  The actor opens the sentence or follows a comma;
  adverbs ("will *further* step up") and one parenthesis ("The member states, *in
  accordance with their national laws,* will develop") may stand between;
* further markers after "and" in the same clause are further commitments ("stand for
  X *and will step up* Y" is two); the clause ends at "that", "which", "who", "whose"
  or ";", so a belief about the future ("underscore that the expansion *will* expand
  ...") is not one;
* a few passive forms need no actor ("Efforts will be made to ...", "a decision was
  made to ...");
* welcoming, noting, beliefs, calls on others ("call for", "urge"), present-tense
  descriptions ("continue coordinating") and participial openers ("Reaffirming their
  support ..., they note") carry no marker, so they are not commitments.

Each commitment's text runs from its marker to the next marker of the sentence (the
first one from the sentence start).  In that text are found its **theme** (the theme
of :func:`sco_text.theme_matches` with most matches, ties to the earliest) and its
compliance **catalysts**: a timeline, a number or target, a named body or mechanism,
money (the matched text, ``""`` when absent; ``n_catalysts`` counts the non-empty ones).

>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "doc_id": ["d"] * 3, "date": pd.to_datetime(["2024-07-04"] * 3),
...     "section": ["Preamble"] * 3, "para_no": [0, 1, 2],
...     "text": ["The member states will continue to strengthen trade by 2030.",
...              "They note the results of the Forum.",
...              "They advocate the fight against terrorism."]})
>>> found = commitments(frame)
>>> found[["sent_no", "actor", "action", "strength"]]
   sent_no              actor                       action strength
0        0  The member states  will continue to strengthen     firm
1        2               They           advocate the fight     soft
>>> found[["theme", "timeline", "n_catalysts"]]
                 theme timeline  n_catalysts
0     trade_investment     2030            1
1  terrorism_extremism                     0
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .._validate import check_by, check_columns
from ..corpus import sentences
from ..dictionaries import DictionarySource, load_dictionary, theme_matches
from ..errors import FrameError

__all__ = [
    "COMMITMENT_COLUMNS",
    "COUNT_COLUMNS",
    "CommitmentLexicon",
    "commitment_counts",
    "commitments",
    "load_commitment_lexicon",
]

#: Columns of :func:`commitments`, in order.
COMMITMENT_COLUMNS = [
    "doc_id",
    "date",
    "section",
    "para_no",
    "sent_no",
    "sentence",
    "actor",
    "action",
    "strength",
    "theme",
    "timeline",
    "target",
    "body",
    "money",
    "n_catalysts",
]
#: Columns of :func:`commitment_counts` after the grouping column(s).
COUNT_COLUMNS = ["n_commitments", "firm", "soft", "share_firm", "n_sentences", "with_catalyst"]

#: How many words of the object an ``action`` keeps after an object marker
#: ("support the establishment of").
ACTION_OBJECT_WORDS = 3

_CATALYSTS = ("timeline", "target", "body", "money")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{_MONTHS})(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*(?:19|20)\d\d)?|(?:{_MONTHS})\s+(?:19|20)\d\d)\b"
)
# Numbers that name things rather than count them ("Resolution 2231", "No. 7").
_NAMING_NUMBER = re.compile(
    r"\b(?:resolution|no\.|number|article|paragraph|session|chapter|annex)\s+\d[\d/.]*",
    re.IGNORECASE,
)
_DETERMINERS = frozenset({"the", "a", "an", "their", "its", "our", "all", "this", "these"})
_OBJECT_STOPS = frozenset(
    {"and", "in", "to", "for", "with", "on", "between", "by", "as", "against", "at"}
    | {"within", "under", "through", "from", "into", "among"}
)
_PARENTHESIS = re.compile(r"\s*,[^;]*,\s*")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CLAUSE_END = re.compile(r"\b(?:that|which|who|whose)\b|;")


@dataclass(frozen=True)
class CommitmentLexicon:
    """The compiled commitment lexicon (see ``sco_text/data/commitments.yaml``).

    >>> lex = load_commitment_lexicon()
    >>> lex.name, "will" in lex.firm, "advocate(?:s|d)?" in lex.soft
    ('sco-commitments', True, False)
    """

    name: str
    version: str
    source: str
    actors: tuple[str, ...]
    adverbs: tuple[str, ...]
    firm: tuple[str, ...]
    soft: tuple[str, ...]
    passive: tuple[str, ...]
    action_chain: frozenset[str]
    timeline: tuple[str, ...]
    target: tuple[str, ...]
    body_words: tuple[str, ...]
    money: tuple[str, ...]

    def marker_pattern(self) -> str:
        """One regex alternation of the markers; group ``firm{i}``/``soft{i}`` per entry."""
        parts = [f"(?P<firm{i}>{p})" for i, p in enumerate(self.firm)]
        parts += [f"(?P<soft{i}>{p})" for i, p in enumerate(self.soft)]
        return "(?:" + "|".join(parts) + r")\b"


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FrameError(f"commitment lexicon: {key!r} must be a list of strings")
    return tuple(value)


@lru_cache(maxsize=1)
def load_commitment_lexicon() -> CommitmentLexicon:
    """Return the commitment lexicon shipped with sco-text (read once).

    Returns
    -------
    CommitmentLexicon
        Markers (``firm``, ``soft``, ``passive``), actors, adverbs and catalyst
        patterns, with the lexicon's ``source``.
    """
    text = resources.files("sco_text").joinpath("data/commitments.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    catalysts = data["catalysts"]
    return CommitmentLexicon(
        name=str(data["name"]),
        version=str(data["version"]),
        source=" ".join(str(data["source"]).split()),
        actors=_strings(data, "actors"),
        adverbs=_strings(data, "adverbs"),
        firm=_strings(data, "firm"),
        soft=_strings(data, "soft"),
        passive=_strings(data, "passive"),
        action_chain=frozenset(w.lower() for w in _strings(data, "action_chain")),
        timeline=_strings(catalysts, "timeline"),
        target=_strings(catalysts, "target"),
        body_words=_strings(catalysts["body"], "words"),
        money=_strings(catalysts, "money"),
    )


@dataclass(frozen=True)
class _Compiled:
    lexicon: CommitmentLexicon
    predicate: re.Pattern[str]  # actor [parenthesis] adverbs marker
    subject: re.Pattern[str]  # actor [parenthesis] and the predicate's first word
    coordinated: re.Pattern[str]  # and adverbs marker
    passive: re.Pattern[str]
    timeline: re.Pattern[str]
    target: re.Pattern[str]
    body: re.Pattern[str]
    money: tuple[re.Pattern[str], ...]


def _alternation(patterns: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    lex = load_commitment_lexicon()
    actor = _alternation(lex.actors)
    adverbs = rf"(?:{_alternation(lex.adverbs)}\s+)*"
    markers = lex.marker_pattern()
    # "The member states that are parties to the Treaty ..." before the predicate.
    relative = r"(?:\s+(?:that|who)\s+(?:are|is|have)\s+[^,;]*?)?"
    # "The SCO and UNODC will ...": a named partner beside the actor.
    partner = r"(?:\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*)?"
    paren = r"(?:\s*,[^;]*?,)?"
    opener = r"(?:^|(?<=,)|(?<=:))\s*"
    predicate = rf"{opener}(?P<actor>{actor}{partner}){relative}{paren}\s+{adverbs}{markers}"
    subject = (
        rf"{opener}(?P<actor>{actor}{partner}){relative}{paren}\s+(?=(?-i:[a-z])(?P<verb>\w+))"
    )
    coordinated = rf"\band(?:\s*,[^,;]*,)?\s+{adverbs}{markers}"
    passive = rf"(?:^|(?<=,))\s*(?P<passive>{_alternation(lex.passive)})\b"
    name_word = r"(?:[A-Z][\w'’-]*|of|on|for|and|the|in|between|to)"
    body_word = _alternation(lex.body_words)
    body = (
        rf"(?:\b[A-Z][\w'’-]*(?:\s+{name_word})*?\s+{body_word}\b"
        rf"(?:\s+(?:of|on|for|in)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)?"
        r"|\((?:[A-Z][A-Za-z]*\s+)?[A-Z]{2,}\))"
    )
    flags = re.IGNORECASE
    return _Compiled(
        lexicon=lex,
        predicate=re.compile(predicate, flags),
        subject=re.compile(subject, re.IGNORECASE),
        coordinated=re.compile(coordinated, flags),
        passive=re.compile(passive, flags),
        timeline=re.compile(rf"\b{_alternation(lex.timeline)}\b", flags),
        target=re.compile(rf"\b{_alternation(lex.target)}", flags),
        body=re.compile(body),
        money=tuple(re.compile(rf"(?<!\w)(?:{p})(?!\w)", flags) for p in lex.money),
    )


@dataclass(frozen=True)
class _Found:
    start: int  # where the marker starts
    end: int  # where the marker ends
    actor: str
    strength: str
    action: str


def _strength(match: re.Match[str]) -> str:
    for name, value in match.groupdict().items():
        if value is not None and name[:4] in ("firm", "soft") and name[4:].isdigit():
            return name[:4]
    return "firm"


def _action(text: str, start: int, end: int, lex: CommitmentLexicon) -> str:
    """The marker as written plus the verb (chain) or the first words of its object."""
    marker = text[start:end]
    words = list(_WORD.finditer(text, end))
    taken_end = end
    first = words[0].group(0).lower() if words else ""
    verbal = marker.lower().endswith((" to", "will", "shall")) and first not in _DETERMINERS
    if verbal:
        for m in words:
            word = m.group(0).lower()
            if text[taken_end : m.start()].strip() or word in _DETERMINERS:
                break  # punctuation or an object stops the chain
            taken_end = m.end()
            if word not in lex.action_chain and not word.endswith("ly"):
                # a particle completes phrasal verbs ("step up")
                nxt = _WORD.match(text, m.end() + 1) if m.end() < len(text) else None
                if nxt and nxt.group(0).lower() == "up" and text[m.end()] == " ":
                    taken_end = nxt.end()
                break
    else:
        for count, m in enumerate(words, start=1):
            word = m.group(0).lower()
            if text[taken_end : m.start()].strip() or word in _OBJECT_STOPS:
                break
            taken_end = m.end()
            if word == "of" or count >= ACTION_OBJECT_WORDS:
                break
    # "intend, while recognising ..., to expand" -> "intend ... to expand"
    action = _PARENTHESIS.sub(" ... ", text[start:taken_end])
    return " ".join(action.split())


_IRREGULAR_PAST = frozenset({"spoke", "gave", "took", "made", "found", "stood", "held", "saw"})


def _is_past(verb: str) -> bool:
    """Whether a verb form reads as past tense (``noted``, ``spoke``), by its spelling.

    >>> _is_past("noted"), _is_past("note"), _is_past("spoke")
    (True, False, True)
    """
    word = verb.lower()
    return word.endswith("ed") or word in _IRREGULAR_PAST


def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


def find_commitments(text: str) -> list[tuple[int, int, str, str, str]]:
    """``(marker_start, marker_end, actor, action, strength)`` for each commitment.

    >>> find_commitments("They note the plan and support its implementation.")
    [(23, 30, 'They', 'support its implementation', 'soft')]
    >>> find_commitments("They believe that the members will act.")
    []
    """
    comp = _compiled()
    lex = comp.lexicon
    found: dict[int, _Found] = {}

    def add(m: re.Match[str], actor: str) -> None:
        start, strength = _marker_start(m), _strength(m)
        action = _action(text, start, m.end(), lex)
        found.setdefault(start, _Found(start, m.end(), actor, strength, action))

    for subj in comp.subject.finditer(text):
        actor = subj.group("actor")
        main = comp.predicate.match(text, subj.start())
        if main is not None:
            add(main, actor)
        # further markers after "and" in the same clause
        pos = main.end() if main is not None else subj.end()
        stop = _clause_end(text, pos)
        verb = subj.group("verb")
        while (c := comp.coordinated.search(text, pos, stop)) is not None:
            marker = text[_marker_start(c) : c.end()]
            # "noted the initiative to have X draw up and approve a Roadmap": a one-word
            # marker after a non-marker predicate must share its tense to be coordinated.
            if main is not None or " " in marker or _is_past(marker) == _is_past(verb):
                add(c, actor)
            pos = c.end()
    for p in comp.passive.finditer(text):
        ps = p.start("passive")
        if not any(f.start <= ps < f.end for f in found.values()):
            found.setdefault(ps, _Found(ps, p.end(), "", "firm", " ".join(p.group(0).split())))
    return [(f.start, f.end, f.actor, f.action, f.strength) for _, f in sorted(found.items())]


def _marker_start(m: re.Match[str]) -> int:
    for name, value in m.groupdict().items():
        if value is not None and name[:4] in ("firm", "soft") and name[4:].isdigit():
            return m.start(name)
    return m.start()


def _catalysts(text: str, comp: _Compiled) -> dict[str, str]:
    """The first match of each catalyst in ``text`` (``""`` when absent)."""
    out: dict[str, str] = {}
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    years = [(m.start(), m.end(), m.group(0)) for m in comp.timeline.finditer(text)]
    timeline = sorted([(s, e, text[s:e]) for s, e in dates] + years)
    out["timeline"] = " ".join(timeline[0][2].split()) if timeline else ""
    # Numbers inside dates, years and names ("Resolution 2231") are not targets.
    masked = text
    for s, e in dates + [(s, e) for s, e, _ in years]:
        masked = masked[:s] + " " * (e - s) + masked[e:]
    for m in _NAMING_NUMBER.finditer(masked):
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    target = comp.target.search(masked)
    out["target"] = " ".join(target.group(0).split()) if target else ""
    body = comp.body.search(text)
    out["body"] = body.group(0).strip("() ") if body else ""
    # Money patterns in lexicon order: an amount ("$5 million") before a word ("budget").
    found_money = [hit for p in comp.money if (hit := p.search(text)) is not None]
    out["money"] = " ".join(found_money[0].group(0).split()) if found_money else ""
    return out


def _corpus_sentences(frame: pd.DataFrame) -> pd.DataFrame:
    sents = sentences(frame)
    if "date" in frame.columns:
        first = frame.drop_duplicates("doc_id").set_index("doc_id")["date"]
        sents["date"] = sents["doc_id"].map(first)
    else:
        sents["date"] = pd.NaT
    return sents


def commitments(frame: pd.DataFrame, *, dictionary: DictionarySource = None) -> pd.DataFrame:
    """One row per commitment found in the corpus frame's sentences.

    Parameters
    ----------
    frame
        The corpus frame (:func:`sco_text.load_corpus`): ``doc_id``, ``section``,
        ``para_no``, ``text`` (``date`` is carried over when present).
    dictionary
        Theme dictionary for the ``theme`` column (default: the shipped one).

    Returns
    -------
    pandas.DataFrame
        :data:`COMMITMENT_COLUMNS`: where (``doc_id``, ``date``, ``section``,
        ``para_no``, ``sent_no``), the ``sentence``, the ``actor`` and ``action`` as
        written (``actor`` is ``""`` for a passive "Efforts will be made"),
        ``strength`` (``firm``/``soft``), ``theme`` (a theme key, ``""`` when no theme
        word is near), the catalysts ``timeline``, ``target``, ``body``, ``money``
        (matched text or ``""``) and ``n_catalysts``.  A sentence with two
        commitments gives two rows, in reading order.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["d"], "section": ["S"], "para_no": [0],
    ...     "text": ["They stand for dialogue and will step up cooperation on energy."]})
    >>> commitments(frame)[["actor", "action", "strength", "theme"]]
      actor              action strength   theme
    0  They  stand for dialogue     soft
    1  They    will step up     firm  energy
    """
    check_columns(frame, ["doc_id", "section", "para_no", "text"])
    comp = _compiled()
    sents = _corpus_sentences(frame)
    records: list[dict[str, Any]] = []
    segments: list[str] = []
    for row in sents.itertuples(index=False):
        text = str(row.text)
        found = find_commitments(text)
        for i, (start, _end, actor, action, strength) in enumerate(found):
            seg_start = 0 if i == 0 else start
            seg_end = found[i + 1][0] if i + 1 < len(found) else len(text)
            segment = text[seg_start:seg_end]
            cats = _catalysts(segment, comp)
            records.append(
                {
                    "doc_id": row.doc_id,
                    "date": row.date,
                    "section": row.section,
                    "para_no": row.para_no,
                    "sent_no": row.sent_no,
                    "sentence": text,
                    "actor": actor,
                    "action": action,
                    "strength": strength,
                    **cats,
                    "n_catalysts": sum(bool(cats[c]) for c in _CATALYSTS),
                }
            )
            segments.append(segment)
    out = pd.DataFrame.from_records(
        records, columns=[c for c in COMMITMENT_COLUMNS if c != "theme"]
    )
    out.insert(COMMITMENT_COLUMNS.index("theme"), "theme", _themes_of(segments, dictionary))
    for col in ("para_no", "sent_no", "n_catalysts"):
        out[col] = out[col].astype("int64")
    if out.empty:
        out["date"] = pd.Series(dtype="datetime64[ns]")
    for col in ("doc_id", "section", "sentence", "actor", "action", "strength", "theme"):
        out[col] = out[col].astype(object)
    return out


def _themes_of(segments: Sequence[str], dictionary: DictionarySource) -> list[str]:
    """The theme with most matches in each segment (ties: earliest match); ``""`` if none."""
    if not segments:
        return []
    seg = pd.DataFrame(
        {
            "doc_id": ["s"] * len(segments),
            "section": [""] * len(segments),
            "para_no": np.arange(len(segments)),
            "text": list(segments),
        }
    )
    matches = theme_matches(seg, dictionary=load_dictionary(dictionary))
    best = [""] * len(segments)
    if matches.empty:
        return best
    stats = matches.groupby(["para_no", "theme"], sort=False).agg(
        n=("start", "size"), first=("start", "min")
    )
    stats = stats.reset_index().sort_values(
        ["para_no", "n", "first"], ascending=[True, False, True], kind="stable"
    )
    for para_no, theme in stats.drop_duplicates("para_no")[["para_no", "theme"]].itertuples(
        index=False
    ):
        best[int(para_no)] = str(theme)
    return best


def commitment_counts(
    frame: pd.DataFrame,
    *,
    by: str | Collection[str] = "doc_id",
    dictionary: DictionarySource = None,
) -> pd.DataFrame:
    """Commitments per group: the group column(s) then :data:`COUNT_COLUMNS`.

    Parameters
    ----------
    frame
        The corpus frame, or a frame returned by :func:`commitments` (not recomputed).
    by
        Column(s) of :func:`commitments` to group by (``doc_id``, ``theme``,
        ``strength``, ``section``, ...) or ``"year"`` (the year of ``date``).
    dictionary
        Theme dictionary, when commitments are computed here.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): ``n_commitments``, ``firm``, ``soft``,
        ``share_firm = firm / n_commitments``, ``n_sentences`` (distinct sentences
        holding them) and ``with_catalyst`` (commitments with at least one catalyst).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"], "section": ["S", "S"], "para_no": [0, 0],
    ...     "text": ["We will act and support peace.", "They intend to meet in 2025."]})
    >>> commitment_counts(frame)
      doc_id  n_commitments  firm  soft  share_firm  n_sentences  with_catalyst
    0      a              2     1     1         0.5            1              0
    1      b              1     0     1         0.0            1              1
    """
    is_result = isinstance(frame, pd.DataFrame) and {"strength", "action", "sent_no"} <= set(
        frame.columns
    )
    found = frame if is_result else commitments(frame, dictionary=dictionary)
    found = found.copy()
    found["year"] = pd.to_datetime(found["date"]).dt.year.astype("Int64")
    cols = check_by(found, by)
    if found.empty:
        return pd.DataFrame(columns=[*cols, *COUNT_COLUMNS])
    found["_firm"] = (found["strength"] == "firm").astype("int64")
    found["_soft"] = (found["strength"] == "soft").astype("int64")
    found["_cat"] = (found["n_catalysts"] > 0).astype("int64")
    found["_sent"] = list(zip(found["doc_id"], found["sent_no"], strict=True))
    grouped = found.groupby(cols, sort=True, dropna=False, observed=True)
    out = grouped.agg(
        n_commitments=("strength", "size"),
        firm=("_firm", "sum"),
        soft=("_soft", "sum"),
        n_sentences=("_sent", "nunique"),
        with_catalyst=("_cat", "sum"),
    ).reset_index()
    out["share_firm"] = out["firm"] / out["n_commitments"]
    for col in ("n_commitments", "firm", "soft", "n_sentences", "with_catalyst"):
        out[col] = out[col].astype("int64")
    return out[[*cols, *COUNT_COLUMNS]]
