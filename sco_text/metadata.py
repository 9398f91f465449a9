"""Document metadata: title, meeting date, place, kind and a stable ``doc_id``.

:func:`infer_metadata` works from the normalised text (title, first body
paragraphs, the removed title-block and signature lines) and from hints in the
file name; the SCO declarations catalog shipped with the package completes what
the text leaves open. Sidecar files then override any inferred value
(:func:`read_metadata_csv`, :func:`read_yaml_sidecar`, :func:`apply_overrides`).

Where each value comes from (first hit wins):

* **title**: the normalised title (ALL-CAPS words recased, acronyms kept), else
  the title found by the reader (HTML ``<h1>``/``<title>``), else the
  catalog's title for a declaration of that year. UN General Debate files
  (``CHN_75_2020.txt``) get ``"CHN, UN General Debate 2020"``.
* **date** (meeting date; for a range such as "9-10 June 2018" the last day):
  a full date at the start of the file name (``2022-09-16_...``); a date in
  one of the first three paragraphs that speaks of the meeting ("held ... on
  10 November 2020", "On 9-10 June 2018, Qingdao ... hosted"); a
  "(Place, date)" in the title block; a place/date line of the signature
  block ("Samarkand, 16 September 2022"); the catalog (declarations only).
  Otherwise unknown (``None``, NaT in the frame). A year alone is *not* turned
  into a date: UN speeches, whose files give only the year, take a date only
  from a "Delivered on Wednesday, 23 September 2020" line of that year in their
  first paragraphs.
* **date_precision**: ``"day"`` when a full date was found as above; ``"year"``
  when only a year is known: the file name gives a year but no day
  (``CHN_75_2020.txt``, ``2019_Bishkek_Statement_Trade.txt``) or the title ends
  with a year (``"..., 2019"``, ``"... (2019)"``). Such a date is stored as
  1 January of the year (so documents still sort by year and ``date.dt.year``
  works) and shown as the year alone (:func:`display_date`: ``"2020"``).
  ``""`` when the date is unknown (``None``, NaT in the frame).
* **place**: the title ("The Moscow Declaration ...", "... (Astana)"); the
  file name (the words between the date and the kind word); the opening
  paragraphs ("held in Samarkand", "Qingdao, PRC, hosted"); a "(Place, date)"
  in the title block; the signature block; the catalog (declarations only);
  else ``""``. UN speeches have place ``""``.
* **kind**: the earliest kind word in the title (declaration, statement,
  address, report, speech), else the file name, else ``"document"``; UN
  General Debate files are ``"speech"``.
* **country**: the upper-case ISO 3166-1 alpha-3 code of the speaker where the
  file name carries one in UN General Debate style (``CHN_75_2020.txt`` ->
  ``"CHN"``); else ``""``.
* **series** (:func:`make_series`): the documents that are editions of one
  another, so that diffs and the report pair only successive documents of one
  series:

  - declarations of the heads of state form one series, ``"declaration"`` (a
    declaration whose title names another body, e.g. ministers or heads of
    government, and not the heads of state, is treated like a statement);
  - a speech with a country is in its speaker's series, ``"speech-chn"``;
  - any other document is in the series of its topic, ``"{kind}-{topic}"``
    (``"statement-energy-security"``, ``"address-youth"``): the content words
    of the title after its first " on " (else " for " or " to "), lower case,
    spelling folded (:func:`sco_text.spelling.fold_spelling`), without stop
    words, numbers and the organisation's name, at most six; else the topic of
    the file name (for the same kind). So the same statement's next edition,
    with the same subject in its title, joins the series;
  - a document with no topic is a series of its own (its ``doc_id``): it is
    never paired with another.

``doc_id`` rule (:func:`make_doc_id`), all lower case ASCII with hyphens:

* declaration: ``{year}-{place}-declaration`` (``2020-moscow-declaration``);
* other kinds: ``{year}-{place}-{kind}-{topic}``, the topic being up to four
  content words from the file name after the kind word
  (``2022-09-16_Samarkand_Statement_Energy_Security.txt`` ->
  ``2022-samarkand-statement-energy-security``) or else up to three from the
  title after its last " on "/" for "/" to " (no topic -> no suffix);
* UN General Debate speech: ``{year}-{iso3}-speech`` (``2020-chn-speech``);
* when the year or the place is unknown: the slug of the file name (or of the
  title when there is no file).

Every part is an ASCII slug (:func:`slugify`): letters are transliterated
(``Dušanbe`` -> ``dusanbe``), what has no ASCII form (quotes, markup, CJK) is
dropped; when letters or digits were dropped, a hash of the original words is
appended (:func:`id_slug`), so ``上海合作组织.txt`` and ``宣言.txt`` get distinct
ids that are the same on every run. Two documents that still share an id are an
error of :func:`sco_text.load_corpus` naming both (set ``doc_id`` in a sidecar).

Sidecars may set every key of :data:`SIDECAR_KEYS`; ``date`` also takes a year
alone (``2019``: date_precision ``"year"``). A ``series`` or ``country`` not
set there is inferred again from the corrected values, like ``doc_id``.

>>> meta = infer_metadata(
...     "NEW DELHI DECLARATION OF THE COUNCIL OF HEADS OF STATE OF SHANGHAI "
...     "COOPERATION ORGANIZATION",
...     ["Leaders ... held the meeting ... in the video conference format on 4 July 2023."])
>>> meta.doc_id, meta.place, meta.kind, str(meta.date)
('2023-new-delhi-declaration', 'New Delhi', 'declaration', '2023-07-04')
>>> meta.title
'New Delhi Declaration of the Council of Heads of State of Shanghai Cooperation Organization'
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .text import MONTHS, is_number
from .text import words as text_words

__all__ = [
    "DATE_PRECISIONS",
    "DECLARATION_SERIES",
    "ID_HASH_DIGITS",
    "KINDS",
    "SERIES_TOPIC_WORDS",
    "SIDECAR_KEYS",
    "SIDECAR_MAX_BYTES",
    "CatalogEntry",
    "DocMetadata",
    "apply_overrides",
    "display_date",
    "find_yaml_sidecar",
    "id_slug",
    "infer_metadata",
    "load_catalog",
    "make_doc_id",
    "make_series",
    "parse_date",
    "read_metadata_csv",
    "read_yaml_sidecar",
    "slugify",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Allowed values of the ``kind`` column.
KINDS: tuple[str, ...] = ("declaration", "statement", "address", "report", "speech", "document")
#: Keys a sidecar may set.
SIDECAR_KEYS: tuple[str, ...] = ("doc_id", "title", "date", "place", "kind", "series", "country")
#: Values of the ``date_precision`` column: a full date, a year alone, no date.
DATE_PRECISIONS: tuple[str, ...] = ("day", "year", "")
#: The series of the heads-of-state declarations.
DECLARATION_SERIES = "declaration"
#: Most topic words in a series name.
SERIES_TOPIC_WORDS = 6

_PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class DocMetadata:
    """The metadata of one document (``date`` is ``None`` when unknown).

    ``date_precision`` defaults to ``"day"`` for a date and ``""`` without one;
    ``series`` defaults to :func:`make_series` of the other values.

    >>> DocMetadata("2020-moscow-declaration", "T", dt.date(2020, 11, 10), "Moscow",
    ...             "declaration").series
    'declaration'
    """

    doc_id: str
    title: str
    date: dt.date | None
    place: str
    kind: str
    date_precision: str = ""
    series: str = ""
    country: str = ""

    def __post_init__(self) -> None:
        if self.date is None:
            object.__setattr__(self, "date_precision", "")
        elif self.date_precision not in ("day", "year"):
            object.__setattr__(self, "date_precision", "day")
        if not self.series:
            series = make_series(
                kind=self.kind, title=self.title, country=self.country, doc_id=self.doc_id
            )
            object.__setattr__(self, "series", series)


@dataclass(frozen=True)
class CatalogEntry:
    """One row of the SCO heads-of-state declarations catalog (package data)."""

    year: int
    meeting_no: int
    title: str
    date: dt.date
    city: str


@lru_cache(maxsize=1)
def load_catalog() -> tuple[CatalogEntry, ...]:
    """The 25 SCO heads-of-state declarations 2001-2025 (``sco_text/data/catalog.tsv``).

    >>> entry = {e.year: e for e in load_catalog()}[2020]
    >>> entry.city, str(entry.date)
    ('Moscow (videoconference)', '2020-11-10')
    """
    text = resources.files("sco_text").joinpath("data/catalog.tsv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return tuple(
        CatalogEntry(
            year=int(row["year"]),
            meeting_no=int(row["meeting_no"]),
            title=row["title"],
            date=dt.date.fromisoformat(row["date"]),
            city=row["city"],
        )
        for row in rows
    )


# ---------------------------------------------------------------------------
# dates

_MONTHS = MONTHS
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DASH = r"\s*[-–—]\s*"
_DATE_RE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:{_DASH}(?P<d2>\d{{1,2}}))?\s+(?P<m1>{_MONTH_RE})\.?,?\s+"
    rf"(?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d3>\d{{1,2}})(?:{_DASH}(?P<d4>\d{{1,2}}))?,?\s+"
    rf"(?P<y2>\d{{4}})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def _date_matches(text: str) -> Iterable[tuple[dt.date, re.Match[str]]]:
    for match in _DATE_RE.finditer(text):
        try:
            if match.group("iso"):
                yield dt.date.fromisoformat(match.group("iso")), match
                continue
            if match.group("y1"):
                day = match.group("d2") or match.group("d1")
                month, year = match.group("m1"), match.group("y1")
            else:
                day = match.group("d4") or match.group("d3")
                month, year = match.group("m2"), match.group("y2")
            yield dt.date(int(year), _MONTHS[month.lower()], int(day)), match
        except ValueError:
            continue


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` (a day range gives its last day), else None.

    >>> parse_date("On 9-10 June 2018, Qingdao, PRC, hosted a meeting")
    datetime.date(2018, 6, 10)
    >>> parse_date("Qingtao, June 10, 2018."), parse_date("no date here")
    (datetime.date(2018, 6, 10), None)
    """
    for date, _ in _date_matches(text):
        return date
    return None


# ---------------------------------------------------------------------------
# titles, places, kinds

_ACRONYMS = _wordset(
    "SCO UN UNO CIS CSTO BRICS PRC USA US UK EU ASEAN CICA EAEU RATS NATO WHO COVID-19 "
    "CHS II III IV VI VII VIII IX XI XII"
)
_SMALL = _wordset("a an and as at by for from in into of on or the to with via")
_KIND_WORDS = {
    "declaration": "declaration",
    "statement": "statement",
    "address": "address",
    "report": "report",
    "speech": "speech",
    "remarks": "speech",
    "document": "document",
}
_KIND_MODIFIERS = _wordset("joint information final press")
_KIND_IN_TITLE = re.compile(r"\b(declaration|statement|address|report|speech|remarks)\b", re.I)
_STOP = _wordset(
    "a an and as at by for from in into of on or the to with via sco shanghai cooperation "
    "organisation organization member states state heads head council joint ensuring efforts "
    "our their its"
)
_PLACE_WORD = r"[A-Z][A-Za-z'’.-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}"
_TITLE_PLACE = re.compile(
    rf"^(?:The\s+)?(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD})?)\s+"
    r"(?:Declaration|Statement|Address|Report)\b"
)
_PAREN_PLACE = re.compile(r"\((?P<place>[A-Z][A-Za-z .'’-]*?)\s*[,;)]")
_HELD_IN = re.compile(rf"\bheld\s+in\s+(?P<place>{_PLACE_WORD}(?:[ -][A-Z][a-z]+)?)")
_HOSTED = re.compile(
    rf"\b(?P<place>{_PLACE_WORD}(?: [A-Z][a-z]+)?)(?:, [A-Z][A-Za-z]+)?,? hosted\b"
    rf"|\bhosted\b[^.]{{0,80}}?\bin (?P<place2>{_PLACE_WORD}(?: [A-Z][a-z]+)?)"
)
_MEETING_WORDS = re.compile(r"\b(held|hosted|meeting|summit|took place|convened|met)\b", re.I)
_DELIVERED = re.compile(r"\bdelivered\s+on\b", re.I)
_NOT_PLACES = _wordset(
    "The Joint Information Final Press Statement Declaration Report Address Council Heads "
    "Member States Leaders We On In"
)


def _recase(title: str) -> str:
    """Recase ALL-CAPS words of a title (acronyms and roman numerals stay).

    Small words (of, the, on, ...) inside the title are lower-cased.

    >>> _recase("NEW DELHI DECLARATION Of THE SCO (QINGDAO)")
    'New Delhi Declaration of the SCO (Qingdao)'
    """
    words = title.split()
    out = []
    for index, word in enumerate(words):
        core = word.strip("()[],.;:\"'“”")
        after_colon = index > 0 and words[index - 1].endswith(":")
        if index > 0 and not after_colon and core.istitle() and core.lower() in _SMALL:
            word = word.lower()  # "Declaration Of the Council" -> "of"
        elif len(core) > 1 and core.isupper() and core not in _ACRONYMS:
            lower = word.lower()
            if index > 0 and core.lower() in _SMALL:
                word = lower
            else:
                # capitalise the first letter, keep the rest lower case
                for pos, char in enumerate(lower):
                    if char.isalpha():
                        word = lower[:pos] + char.upper() + lower[pos + 1 :]
                        break
        out.append(word)
    return " ".join(out)


def _clean_place(place: str) -> str:
    place = re.sub(r"\s*\(.*?\)\s*", " ", place)
    return " ".join(place.strip(" ,.;:").split())


def _is_place(candidate: str) -> bool:
    words = candidate.split()
    return bool(words) and not any(w in _NOT_PLACES for w in words)


def _kind_from_title(title: str) -> str:
    match = _KIND_IN_TITLE.search(title)
    return _KIND_WORDS[match.group(1).lower()] if match else ""


#: Letters that Unicode's NFKD decomposition does not take apart but that have a usual
#: ASCII spelling (the rest of what has no ASCII form is dropped: see :func:`slugify`).
_TRANSLITERATION = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)
#: Hex digits of the hash :func:`id_slug` appends for letters without an ASCII spelling.
ID_HASH_DIGITS = 8


def _ascii(text: str) -> str:
    """``text`` transliterated to ASCII: the letters above, then NFKD; the rest dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    return decomposed.encode("ascii", "ignore").decode()


def slugify(text: str, *, max_words: int | None = None) -> str:
    """Lower-case ASCII slug: words joined by hyphens.

    Letters are transliterated (``é`` -> ``e``, ``ß`` -> ``ss``); what has no ASCII
    spelling (CJK, Cyrillic, quotes, markup characters) is dropped.

    >>> slugify("New Delhi"), slugify("Déclaration  de Moscou!"), slugify("a b c", max_words=2)
    ('new-delhi', 'declaration-de-moscou', 'a-b')
    >>> slugify('"Energy" <b>Straße</b> 能源')
    'energy-b-strasse-b'
    """
    words = re.findall(r"[a-z0-9]+", _ascii(text).lower())
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)


def _spelt_in_ascii(char: str) -> bool:
    return not char.isalnum() or any(c.isalnum() for c in _ascii(char))


def id_slug(text: str, *, max_words: int | None = None, empty: str = "document") -> str:
    """:func:`slugify` for ids: when letters or digits of ``text`` have no ASCII spelling,
    a hash of ``text`` (:data:`ID_HASH_DIGITS` hex digits) is appended, so names in
    Chinese or Russian give distinct ids, the same on every run; ``empty`` leads
    the hash when nothing else is left.

    >>> id_slug("Moscow"), id_slug("上海"), id_slug("上海") == id_slug("上海"), id_slug("北京")
    ('moscow', 'document-4d8c59d3', True, 'document-02aa4dd2')
    >>> id_slug("Tashkent 塔什干")
    'tashkent-783ab015'
    """
    slug = slugify(text, max_words=max_words)
    if all(_spelt_in_ascii(char) for char in text):
        return slug
    digest = hashlib.blake2b(
        unicodedata.normalize("NFC", text).encode("utf-8"), digest_size=(ID_HASH_DIGITS + 1) // 2
    ).hexdigest()[:ID_HASH_DIGITS]
    return "-".join(part for part in (slug or empty, digest) if part)


@dataclass(frozen=True)
class _NameHints:
    date: dt.date | None = None
    year: int | None = None
    place: str = ""
    kind: str = ""
    topic: tuple[str, ...] = ()
    country: str = ""


_UN_NAME = re.compile(r"^(?P<iso>[A-Z]{3})_(?P<session>\d{1,3})_(?P<year>\d{4})$")
_DATED_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[ _.-]+(?P<rest>.*))?$")
_YEAR_NAME = re.compile(r"^(?P<year>(?:19|20)\d{2})(?:[ _.-]+(?P<rest>.*))?$")


def _name_hints(source: _PathLike | None) -> _NameHints:
    if source is None:
        return _NameHints()
    name = os.path.basename(source)
    stem = os.path.splitext(name)[0]
    un = _UN_NAME.match(stem)
    if un:
        return _NameHints(year=int(un.group("year")), kind="speech", country=un.group("iso"))
    date: dt.date | None = None
    year: int | None = None
    rest = ""
    dated = _DATED_NAME.match(stem)
    if dated:
        try:
            date = dt.date.fromisoformat(dated.group("date"))
            year = date.year
        except ValueError:
            date = None
        rest = dated.group("rest") or ""
    else:
        only_year = _YEAR_NAME.match(stem)
        if only_year:
            year = int(only_year.group("year"))
            rest = only_year.group("rest") or ""
    tokens = [t for t in re.split(r"[\s_.-]+", rest) if t]
    cut = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.lower() in _KIND_WORDS or t.lower() in _KIND_MODIFIERS
        ),
        None,
    )
    if cut is None:
        return _NameHints(date=date, year=year)
    place = " ".join(tokens[:cut]) if year is not None else ""
    kind = ""
    words: list[str] = []
    for token in tokens[cut:]:
        low = token.lower()
        if not kind and low in _KIND_WORDS:
            kind = _KIND_WORDS[low]
        elif low not in _KIND_MODIFIERS and low not in _STOP:
            words.append(low)
    topic = id_slug(" ".join(words[:4]), empty="")  # ASCII: quotes, markup, CJK never kept
    return _NameHints(
        date=date, year=year, place=place, kind=kind, topic=tuple(t for t in topic.split("-") if t)
    )


def _title_topic(title: str) -> tuple[str, ...]:
    low = title.lower()
    cut = max(low.rfind(" on "), low.rfind(" for "), low.rfind(" to "))
    if cut < 0:
        return ()
    tail = re.sub(r"\(.*?\)", " ", _ascii(title[cut:]))
    words = [w for w in re.findall(r"[A-Za-z]+", tail.lower()) if w not in _STOP]
    return tuple(words[:3])


def make_doc_id(
    *,
    date: dt.date | None,
    place: str,
    kind: str,
    title: str = "",
    source: _PathLike | None = None,
) -> str:
    """The stable ``doc_id`` of a document (rule in the module docstring).

    >>> make_doc_id(date=dt.date(2020, 11, 10), place="Moscow", kind="declaration")
    '2020-moscow-declaration'
    >>> make_doc_id(date=dt.date(2018, 6, 10), place="Qingdao", kind="address",
    ...             title="Joint Address of the heads of SCO for the Youth")
    '2018-qingdao-address-youth'
    >>> make_doc_id(date=None, place="", kind="speech", source="corpus/CHN_75_2020.txt")
    '2020-chn-speech'
    """
    return _doc_id(
        _name_hints(source), date=date, place=place, kind=kind, title=title, source=source
    )


def _doc_id(
    hints: _NameHints,
    *,
    date: dt.date | None,
    place: str,
    kind: str,
    title: str,
    source: _PathLike | None,
) -> str:
    if hints.country:
        return f"{hints.year}-{hints.country.lower()}-speech"
    year = date.year if date is not None else hints.year
    place_slug = id_slug(place, empty="")
    if year is not None and place_slug:
        base = f"{year}-{place_slug}-{kind}"
        if kind == "declaration":
            return base
        same_kind = hints.kind == kind and slugify(hints.place) == slugify(place)
        topic = hints.topic if same_kind and hints.topic else _title_topic(title)
        return f"{base}-{'-'.join(topic)}" if topic else base
    if source is not None:
        return id_slug(os.path.splitext(os.path.basename(source))[0]) or "document"
    return id_slug(title, max_words=8) or "document"


# ---------------------------------------------------------------------------
# series, year-only dates

_HEADS_OF_STATE = re.compile(r"\bheads?\s+of\s+(?:the\s+)?states?\b", re.I)
_OTHER_BODY = re.compile(
    r"\b(?:ministers?|heads?\s+of\s+government|parliament\w*|prosecutors?|"
    r"secretaries|chiefs?\s+of|speakers?)\b",
    re.I,
)
_SUBJECT_CUES = (" on ", " for ", " to ")
_TITLE_YEAR = re.compile(r"(?:^|[\s,(\[])(?P<year>(?:19|20)\d{2})[)\]]?\.?\s*$")


def _series_topic(title: str) -> tuple[str, ...]:
    """Content words of the title's subject (rule in the module docstring)."""
    from .spelling import fold_spelling
    from .tokens import stop_words

    text = re.sub(r"\(.*?\)", " ", " ".join(title.split()))
    low = text.lower()
    cut = -1
    for cue in _SUBJECT_CUES:
        cut = low.find(cue)
        if cut >= 0:
            break
    if cut < 0:
        return ()
    stops = stop_words("english+sco") | _STOP | frozenset(_KIND_WORDS)
    topic: list[str] = []
    for word in text_words(text[cut:]):
        folded = fold_spelling(word)
        if folded in stops or is_number(folded) or not any(c.isalpha() for c in folded):
            continue
        ascii_word = slugify(folded)
        if ascii_word and ascii_word not in topic:
            topic.append(ascii_word)
    return tuple(topic[:SERIES_TOPIC_WORDS])


def make_series(
    *,
    kind: str,
    title: str = "",
    country: str = "",
    doc_id: str = "",
    source: _PathLike | None = None,
) -> str:
    """The series of a document (rule in the module docstring).

    Parameters
    ----------
    kind, title, country, doc_id
        The document's metadata (``doc_id`` names a series of its own).
    source
        The file path, whose name gives a topic when the title names none.

    Returns
    -------
    str
        ``"declaration"``, ``"speech-{country}"``, ``"{kind}-{topic}"`` or ``doc_id``.

    >>> make_series(kind="declaration", title="The Moscow Declaration of the Council of "
    ...             "Heads of State of the Shanghai Cooperation Organisation")
    'declaration'
    >>> make_series(kind="statement", title="Statement of the Council of SCO Heads of "
    ...             "State on Countering Radicalisation leading to Terrorism")
    'statement-countering-radicalization-leading-terrorism'
    >>> make_series(kind="speech", country="CHN", doc_id="2020-chn-speech")
    'speech-chn'
    >>> make_series(kind="report", title="Information Report (Qingdao, 2018)",
    ...             doc_id="2018-qingdao-report")
    '2018-qingdao-report'
    """
    if kind == "speech" and country:
        return f"speech-{slugify(country)}"
    if kind == "declaration" and (_HEADS_OF_STATE.search(title) or not _OTHER_BODY.search(title)):
        return DECLARATION_SERIES
    topic = _series_topic(title)
    if not topic and source is not None:
        hints = _name_hints(source)
        if hints.kind == kind:
            topic = hints.topic
    if topic:
        return f"{kind}-{'-'.join(topic)}"
    return doc_id or id_slug(title, max_words=8) or "document"


def _title_year(title: str) -> int | None:
    match = _TITLE_YEAR.search(title)
    return int(match.group("year")) if match else None


def display_date(date: Any, precision: str = "day") -> str:
    """A date as shown to a reader: ``YYYY-MM-DD``, the year alone, or ``""``.

    Parameters
    ----------
    date : date, datetime, Timestamp or None
        The value of the ``date`` column (NaT and None are unknown).
    precision : str
        The value of the ``date_precision`` column (``"day"``, ``"year"`` or ``""``).

    Returns
    -------
    str
        ``"2020-11-10"`` for a day, ``"2020"`` for a year alone, ``""`` when unknown.

    >>> display_date(dt.date(2020, 1, 1), "year"), display_date(dt.date(2020, 11, 10))
    ('2020', '2020-11-10')
    >>> display_date(None, "")
    ''
    """
    if date is None or not hasattr(date, "year"):
        return ""
    try:
        if date != date:  # NaT
            return ""
    except TypeError:
        pass
    if precision == "year":
        return f"{date.year:04d}"
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def _place_date_line(line: str) -> tuple[str, dt.date | None]:
    for date, match in _date_matches(line):
        rest = (line[: match.start()] + " " + line[match.end() :]).strip(" ,.;:")
        rest = re.sub(r"^(?:done|signed|adopted)\s+(?:at|in)\s+", "", rest, flags=re.I)
        rest = re.sub(r"\s+on$", "", rest).strip(" ,.;:")
        if re.fullmatch(_PLACE, rest) and _is_place(rest):
            return rest, date
        return "", date
    return "", None


def infer_metadata(
    title: str,
    paragraphs: Sequence[str] = (),
    *,
    front_matter: Sequence[str] = (),
    back_matter: Sequence[str] = (),
    source: _PathLike | None = None,
    fallback_title: str = "",
    use_catalog: bool = True,
) -> DocMetadata:
    """Infer a document's metadata (rules in the module docstring).

    ``title`` is the normalised title, ``paragraphs`` the body paragraph texts
    (only the first three are searched), ``front_matter``/``back_matter`` the
    title-block and signature lines the normaliser removed, ``source`` the file
    path (for its name hints) and ``fallback_title`` a title found by the reader.

    >>> meta = infer_metadata(
    ...     "STATEMENT by the Council of the Heads of State of the SCO on energy security",
    ...     ["We, the heads of the member states ..."],
    ...     back_matter=["16 September 2022, Samarkand", "3"])
    >>> meta.doc_id, meta.kind, meta.place, str(meta.date)
    ('2022-samarkand-statement-energy-security', 'statement', 'Samarkand', '2022-09-16')
    """
    hints = _name_hints(source)
    title = _recase(" ".join(title.split())) or _recase(" ".join(fallback_title.split()))
    if hints.country:
        title = f"{hints.country}, UN General Debate {hints.year}"
    opening = [p for p in paragraphs[:3] if p]
    front = [" ".join(line.split()) for line in front_matter if line.strip()]
    back = [" ".join(line.split()) for line in back_matter if line.strip()]

    kind = "speech" if hints.country else (_kind_from_title(title) or hints.kind or "document")

    # date
    date = hints.date
    if hints.country:  # UN speech: only "Delivered on <date>" of the file's year
        for paragraph in opening:
            found_date = parse_date(paragraph) if _DELIVERED.search(paragraph) else None
            if found_date is not None and found_date.year == hints.year:
                date = found_date
                break
    elif date is None:
        for paragraph in opening:
            if _MEETING_WORDS.search(paragraph):
                date = parse_date(paragraph)
                if date is not None:
                    break
    paren_place = ""
    for line in [title, *front] if not hints.country else []:
        for match in re.finditer(r"\(([^()]*)\)", line):
            inner_date = parse_date(match.group(1))
            if inner_date is not None:
                head = match.group(1).split(",")[0].strip()
                if not paren_place and re.fullmatch(_PLACE, head) and _is_place(head):
                    paren_place = head
                if date is None:
                    date = inner_date
    back_place = ""
    for line in reversed(back if not hints.country else []):
        line_place, line_date = _place_date_line(line)
        if line_date is not None:
            back_place = line_place
            if date is None:
                date = line_date
            break

    # place
    place = ""
    if not hints.country:
        title_match = _TITLE_PLACE.match(title)
        if title_match and _is_place(title_match.group("place")):
            place = title_match.group("place")
        if not place:
            paren = _PAREN_PLACE.search(title)
            if paren and _is_place(paren.group("place")) and not parse_date(paren.group(0)):
                place = paren.group("place")
        place = place or hints.place
        if not place:
            for paragraph in opening:
                found = _HELD_IN.search(paragraph) or _HOSTED.search(paragraph)
                if found:
                    candidate = found.group("place") or (found.groupdict().get("place2") or "")
                    if _is_place(candidate):
                        place = candidate
                        break
        place = place or paren_place or back_place
    place = _clean_place(place)

    # catalog
    year = date.year if date is not None else hints.year
    if use_catalog and kind == "declaration" and year is not None:
        entry = {e.year: e for e in load_catalog()}.get(year)
        if entry is not None:
            date = date or entry.date
            place = place or _clean_place(entry.city)
            title = title or entry.title
    # a year alone (file name, or the title's last word): 1 January, precision "year"
    precision = "day" if date is not None else ""
    if date is None:
        only_year = hints.year or _title_year(title)
        if only_year is not None:
            date, precision = dt.date(only_year, 1, 1), "year"
    doc_id = _doc_id(hints, date=date, place=place, kind=kind, title=title, source=source)
    country = hints.country
    series = make_series(kind=kind, title=title, country=country, doc_id=doc_id, source=source)
    return DocMetadata(
        doc_id=doc_id,
        title=title,
        date=date,
        place=place,
        kind=kind,
        date_precision=precision,
        series=series,
        country=country,
    )


# ---------------------------------------------------------------------------
# sidecars


def _check_value(sidecar: _PathLike, where: str, key: str, value: Any) -> Any:
    if key == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return value  # a year alone
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{4}", text):
                return int(text)
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                parsed = parse_date(text)
                if parsed is not None and _DATE_RE.fullmatch(text):
                    return parsed
        raise CorpusError(
            sidecar, f"{where}date {_short(value)} is not a date; write it as YYYY-MM-DD (or YYYY)"
        )
    if not isinstance(value, str):
        raise CorpusError(sidecar, f"{where}{key} must be text, got {_short(value)}")
    value = " ".join(value.split())
    if key == "kind" and value not in KINDS:
        listed = ", ".join(KINDS)
        raise CorpusError(sidecar, f"{where}kind {value!r} is not allowed; choose one of: {listed}")
    if key in ("doc_id", "series") and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
        raise CorpusError(
            sidecar, f"{where}{key} {value!r} must be letters, digits, '-', '_' or '.'"
        )
    return value


def _check_keys(sidecar: _PathLike, keys: Iterable[str], where: str = "") -> None:
    unknown = [k for k in keys if k not in SIDECAR_KEYS]
    if unknown:
        listed = ", ".join(SIDECAR_KEYS)
        raise CorpusError(sidecar, f"{where}unknown key(s) {unknown}; allowed: {listed}")


#: Largest sidecar (``metadata.csv``, ``*.meta.yaml``) read, in bytes: 8 MiB, tens of
#: thousands of rows; a larger one, or one that is a device or a pipe, is a CorpusError.
SIDECAR_MAX_BYTES = 8 * 1024 * 1024


def _sidecar_text(path: _PathLike) -> str:
    """The text of a sidecar: a regular file of at most :data:`SIDECAR_MAX_BYTES`, UTF-8."""
    from .readers import read_bytes

    data = read_bytes(path, max_bytes=SIDECAR_MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"cannot be read as UTF-8 ({exc})") from None


def _short(value: Any) -> str:
    """``repr(value)``, bounded (a YAML alias bomb must not be spelt out)."""
    if isinstance(value, (list, tuple, dict, set)):
        return f"a {type(value).__name__}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def read_metadata_csv(path: _PathLike) -> dict[Path, dict[str, Any]]:
    """Read a ``metadata.csv`` sidecar: ``{resolved file path: overrides}``.

    Columns: ``file`` (a file name relative to the CSV's folder) and any of
    :data:`SIDECAR_KEYS`; an empty cell overrides nothing. A ``date`` is
    ``YYYY-MM-DD`` (a :class:`datetime.date`) or a year alone ``YYYY`` (an int).
    Unknown columns, a missing ``file`` column, a repeated or missing file, a bad
    date or kind raise :class:`CorpusError` naming the CSV.
    """
    folder = Path(path).parent
    text = _sidecar_text(path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise CorpusError(path, f"cannot be read as UTF-8 CSV ({exc})") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise CorpusError(path, "empty metadata file; the first row must name the columns")
    header = [cell.strip() for cell in rows[0]]
    if "file" not in header:
        raise CorpusError(path, f"no 'file' column; the header is {header}")
    _check_keys(path, [h for h in header if h != "file"], "column: ")
    result: dict[Path, dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise CorpusError(
                path, f"row {number} has {len(row)} cells but the header has {len(header)}"
            )
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        name = cells.pop("file")
        where = f"row {number} ({name}): "
        target = (folder / name).resolve()
        if not name or not target.is_file():
            raise CorpusError(path, f"row {number} names {name!r}, which is not a file in {folder}")
        if target in result:
            raise CorpusError(path, f"row {number} repeats the file {name!r}")
        result[target] = {
            key: _check_value(path, where, key, value) for key, value in cells.items() if value
        }
    return result


def find_yaml_sidecar(path: _PathLike) -> Path | None:
    """The YAML sidecar of a document, if any.

    Looked for beside it as ``<stem>.meta.yaml``, ``<name>.meta.yaml`` (also ``.yml``).
    """
    path = Path(path)
    for base in (path.with_suffix(""), path):
        for ext in (".meta.yaml", ".meta.yml"):
            candidate = base.with_name(base.name + ext)
            if candidate.is_file():
                return candidate
    return None


def read_yaml_sidecar(path: _PathLike) -> dict[str, Any]:
    """Read a ``<name>.meta.yaml`` sidecar (keys :data:`SIDECAR_KEYS`; a year alone is an int).

    Unparseable YAML, a non-mapping, unknown keys or a bad date/kind raise
    :class:`CorpusError` naming the sidecar.
    """
    import yaml

    text = _sidecar_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise CorpusError(path, f"not valid YAML ({reason[:300]})") from None
    except RecursionError:
        raise CorpusError(path, "not valid YAML (nested too deeply)") from None
    except ValueError as exc:  # an impossible timestamp such as 2020-13-45
        raise CorpusError(path, f"a value is not a date ({exc}); write YYYY-MM-DD") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(path, f"must be a mapping of keys to values, got {type(data).__name__}")
    keys = [str(k) for k in data]
    _check_keys(path, keys)
    return {str(k): _check_value(path, "", str(k), v) for k, v in data.items() if v is not None}


def apply_overrides(
    meta: DocMetadata, overrides: Mapping[str, Any], *, source: _PathLike | None = None
) -> DocMetadata:
    """Replace inferred values by sidecar values (already checked).

    Without an explicit ``doc_id`` the id is recomputed from the final values.

    A ``date`` given as a year alone (an int) becomes 1 January of that year with
    ``date_precision="year"``; a full date gets ``"day"``. Without an explicit
    ``series`` the series is recomputed too (:func:`make_series`).

    >>> meta = DocMetadata("2020-moscow-declaration", "T", None, "Moscow", "declaration")
    >>> apply_overrides(meta, {"place": "Astana", "date": dt.date(2024, 7, 4)}).doc_id
    '2024-astana-declaration'
    >>> speech = apply_overrides(meta, {"kind": "speech", "country": "IND", "date": 2023})
    >>> speech.series, speech.date_precision, str(speech.date)
    ('speech-ind', 'year', '2023-01-01')
    """
    if not overrides:
        return meta
    fields = {k: v for k, v in overrides.items() if k in SIDECAR_KEYS}
    if "date" in fields:
        value = fields["date"]
        if isinstance(value, int):
            fields["date"], fields["date_precision"] = dt.date(value, 1, 1), "year"
        else:
            fields["date_precision"] = "day"
    updated = replace(meta, **fields)
    if "doc_id" not in fields:
        updated = replace(
            updated,
            doc_id=make_doc_id(
                date=updated.date,
                place=updated.place,
                kind=updated.kind,
                title=updated.title,
                source=source,
            ),
        )
    if "series" not in fields:
        updated = replace(
            updated,
            series=make_series(
                kind=updated.kind,
                title=updated.title,
                country=updated.country,
                doc_id=updated.doc_id,
                source=source,
            ),
        )
    return updated
