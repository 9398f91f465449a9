"""Benchmark: how faithfully the normaliser reads declarations, against answer keys.

    python benchmarks/bench_fidelity.py [--keys DIR] [--corpus DIR] [--only raw|rendered]
                                        [--detail]

Answer keys (``benchmarks/keys/*.txt``) were written by reading each document of
``../shared/corpora/sco`` and the seed: the paragraphs as a reader sees them (one per
line, in reading order, glyphs repaired), the section of each (``# name`` lines), and the
title, date, place, kind and back-matter lines.  Every key is scored on

* ``raw``: the document itself (when the corpus is present), and
* variants rendered from the key (the title wrapped at 0.7 of the width, headings and
  ``***`` on lines of their own, the back matter as in the key): hard-wrapped at 60, 75
  and 95 characters without blank lines (``w60``, ``w75``, ``w95``); at 75 with a blank
  line between paragraphs (``w75-blank``); at 75 with a page number (blank, number,
  blank) every 38 lines, mid-paragraph (``w75-pages``); at 75 as a PDF-to-text tool
  gives a page printed from a browser, with the browser's header and footer on every
  page of 40 lines and a form feed between pages (``w75-print``); wrapped by printed
  width in Times-Roman at about 80 characters' worth, as a PDF would be (``times``); and
  typeset as PDFs by ``tests/pdf_builders.py`` (title centred and bold, headings bold,
  back matter as lines of their own, page numbers) and read back with their geometry:
  ``pdf`` (A4, 11 pt, justified, space between paragraphs, a running header and footer
  from page 2, the number at the foot) and ``pdf-flush`` (A5, 12 pt, justified,
  neither space nor indent between paragraphs, ``- n -`` at the head of each page); and
  not wrapped at all, one paragraph per line as text copied from a web page (``lines``).

Scores (formulas):

* paragraph F1: a predicted paragraph is right when its words (``\\w+``, case-folded)
  equal those of a key paragraph (each key paragraph matched once);
  ``P = right / predicted``, ``R = right / key``, ``F1 = 2PR / (P + R)``;
* section accuracy: the share of the key's body words whose predicted section (by a
  word alignment of the two texts) is the key's section;
* metadata: title, date, place and kind from :func:`sco_text.metadata.infer_metadata`
  given the text only (no file name, no catalogue), each right or wrong.

Targets (issue 8): every key at F1 >= 0.98 and section accuracy >= 0.97.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))

from pdf_builders import typeset_pdf  # noqa: E402

from sco_text.metadata import infer_metadata  # noqa: E402
from sco_text.normalizer import normalize  # noqa: E402
from sco_text.pdfgeometry import pdf_text  # noqa: E402

KEYS = ROOT / "benchmarks" / "keys"
CORPUS = ROOT.parent / "shared" / "corpora" / "sco"
SEED = ROOT / "sco_text" / "data" / "seed" / "000_cac1e25885f983c0.txt"
WORD = re.compile(r"\w+")
# Times-Roman advance widths of ASCII 32-126 (1/1000 em; from matplotlib's ptmr8a.afm, with
# quotesingle for the apostrophe), to wrap text as a PDF would
TIMES = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 "
    "611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 "
    "500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 "
    "500 500 444 480 200 480 541"
)
_TIMES = {chr(32 + i): int(w) for i, w in enumerate(TIMES.split())}


@dataclass
class Key:
    name: str
    title: str = ""
    date: str = ""
    place: str = ""
    kind: str = ""
    back: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def read_key(path: Path) -> Key:
    key = Key(path.stem)
    section = ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        head, _, value = line.partition(": ")
        if not line.strip():
            continue
        if line.startswith("# "):
            section = line[2:]
        elif head in ("title", "date", "place", "kind") and not key.paragraphs and not section:
            setattr(key, head, value)
        elif head == "back" and not key.paragraphs and not section:
            key.back.append(value)
        else:
            key.paragraphs.append(line)
            key.sections.append(section)
    return key


# --------------------------------------------------------------------------- variants


def _times_width(s: str) -> float:
    return sum(_TIMES.get(c, 500) for c in s) / 1000


def _wrap_times(text: str, ems: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for w in text.split():
        trial = f"{current} {w}" if current else w
        if current and _times_width(trial) > ems:
            lines.append(current)
            current = w
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render(
    key: Key, width: int, *, blank: bool = False, page_every: int = 0, times: bool = False
) -> str:
    """The key as a text file: title, headings (``***`` for parts), wrapped paragraphs,
    back matter; optionally blank lines between paragraphs and page numbers; width 0:
    not wrapped (each paragraph, and the title, on one line)."""

    def wrap(text: str, width: int = width) -> list[str]:
        if not width:
            return [text]
        if times:
            return _wrap_times(text, width * 0.45)  # an average character is ~0.45 em
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)

    out: list[str] = [*wrap(key.title, int(width * 0.7))]  # titles are set narrower
    if blank:
        out.append("")
    previous = ""
    for text, section in zip(key.paragraphs, key.sections, strict=True):
        if section != previous:
            if section.startswith("Part ") and section != "Part 1":
                out.append("***")
            elif section not in ("Body", "Preamble", "Part 1"):
                out.append(section)
            if blank and out[-1:] != [""]:
                out.append("")
            previous = section
        out.extend(wrap(text))
        if blank:
            out.append("")
    out.extend(key.back)
    if not page_every:
        return "\n".join(out) + "\n"
    paged: list[str] = []
    for n, line in enumerate(out, 1):
        paged.append(line)
        if n % page_every == 0 and n < len(out) - 3:
            paged.extend(["", str(n // page_every + 1), ""])
    return "\n".join(paged) + "\n"


def render_printed(key: Key, *, width: int = 75, page_lines: int = 40) -> str:
    """The key as a PDF-to-text tool gives a page printed from a browser: wrapped at
    ``width``, pages of ``page_lines`` lines, each opening with the browser's date and the
    page title and closing with the file's address and the page count, a form feed
    between pages."""
    body = render(key, width).rstrip("\n").split("\n")
    pages = [body[i : i + page_lines] for i in range(0, len(body), page_lines)]
    printed = []
    for n, lines in enumerate(pages, 1):
        head = ["12/2/26, 5:14 AM", key.title[:60]]
        foot = ["file:///home/analyst/Downloads/declaration.html", f"{n}/{len(pages)}"]
        printed.append("\n".join([*head, *lines, *foot]))
    return "\n\f".join(printed) + "\n\f"


PDF_VARIANTS: dict[str, dict[str, object]] = {
    "pdf": dict(header="Unofficial translation", footer="Shanghai Cooperation Organisation"),
    "pdf-flush": dict(
        page=(420.0, 595.0), margin=50.0, size=12.0, gap=0.0, number="- {n} -", number_at="top"
    ),
}


def render_pdf(key: Key, **options: object) -> bytes:
    """The key typeset as a PDF (``typeset_pdf`` options)."""
    blocks: list[tuple[str, str]] = [("title", key.title)]
    previous = ""
    for text, section in zip(key.paragraphs, key.sections, strict=True):
        if section != previous:
            if section.startswith("Part ") and section != "Part 1":
                blocks.append(("line", "***"))
            elif section not in ("Body", "Preamble", "Part 1"):
                blocks.append(("heading", section))
            previous = section
        blocks.append(("para", text))
    blocks.extend(("line", line) for line in key.back)
    return typeset_pdf(blocks, **options)  # type: ignore[arg-type]


def variants(key: Key, corpus: Path, only: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if only in (None, "raw"):
        source = SEED if key.name.startswith("seed") else corpus / f"{key.name}.txt"
        if source.exists():
            found["raw"] = source.read_text(encoding="utf-8")
    if only in (None, "rendered"):
        found["w60"] = render(key, 60)
        found["w75"] = render(key, 75)
        found["w95"] = render(key, 95)
        found["w75-blank"] = render(key, 75, blank=True)
        found["w75-pages"] = render(key, 75, page_every=38)
        found["w75-print"] = render_printed(key)
        found["times"] = render(key, 80, times=True)
        found["lines"] = render(key, 0)
        for name, options in PDF_VARIANTS.items():  # normalised as read_pdf's text is
            found[name] = PDF_TEXT + pdf_text(render_pdf(key, **options)).text
    return found


PDF_TEXT = "\x00pdf\x00"  # marks a variant read from a PDF (normalised as "blocks")


# --------------------------------------------------------------------------- scores


def words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in WORD.findall(text))


def paragraph_f1(key: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted paragraphs against key paragraphs.

    >>> [round(x, 3) for x in paragraph_f1(["a b.", "c d."], ["a b", "c", "d"])]
    [0.333, 0.5, 0.4]
    """
    wanted = Counter(words(t) for t in key)
    right = 0
    for p in predicted:
        w = words(p)
        if wanted[w] > 0:
            wanted[w] -= 1
            right += 1
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(key) if key else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def section_accuracy(
    key: list[str], key_sections: list[str], predicted: list[str], sections: list[str]
) -> float:
    """Share of the key's words whose aligned predicted word has the key's section.

    >>> section_accuracy(["a b", "c d"], ["X", "Y"], ["a b c", "d"], ["X", "Y"])
    0.75
    """
    kw: list[str] = []
    ks: list[str] = []
    for text, s in zip(key, key_sections, strict=True):
        w = words(text)
        kw.extend(w)
        ks.extend([s] * len(w))
    pw: list[str] = []
    ps: list[str] = []
    for text, s in zip(predicted, sections, strict=True):
        w = words(text)
        pw.extend(w)
        ps.extend([s] * len(w))
    if not kw:
        return 1.0
    right = 0
    matcher = difflib.SequenceMatcher(None, kw, pw, autojunk=False)
    for block in matcher.get_matching_blocks():
        right += sum(ks[block.a + j] == ps[block.b + j] for j in range(block.size))
    return right / len(kw)


def metadata_marks(
    key: Key, title: str, paragraphs: list[str], front: list[str], back: list[str]
) -> str:
    meta = infer_metadata(
        title, paragraphs, front_matter=front, back_matter=back, source=None, use_catalog=False
    )
    got = {
        "title": " ".join(meta.title.split()).casefold() == " ".join(key.title.split()).casefold(),
        "date": str(meta.date or "") == key.date,
        "place": meta.place == key.place,
        "kind": meta.kind == key.kind,
    }
    return "".join(name[0].upper() if ok else "." for name, ok in got.items())


@dataclass
class Row:
    doc: str
    variant: str
    n_key: int
    n_pred: int
    f1: float
    sections: float
    meta: str
    seconds: float


def score(key: Key, variant: str, text: str) -> tuple[Row, list[str]]:
    start = time.perf_counter()
    if text.startswith(PDF_TEXT):
        result = normalize(text[len(PDF_TEXT) :], layout="blocks")
    else:
        result = normalize(text)
    seconds = time.perf_counter() - start
    texts = [p.text for p in result.paragraphs]
    _, _, f1 = paragraph_f1(key.paragraphs, texts)
    acc = section_accuracy(
        key.paragraphs, key.sections, texts, [p.section for p in result.paragraphs]
    )
    meta = metadata_marks(key, result.title, texts, result.front_matter, result.back_matter)
    wanted = Counter(words(t) for t in key.paragraphs)
    wrong = []
    for t in texts:
        w = words(t)
        if wanted[w] > 0:
            wanted[w] -= 1
        else:
            wrong.append(t)
    return Row(key.name, variant, len(key.paragraphs), len(texts), f1, acc, meta, seconds), wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=Path, default=KEYS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=["raw", "rendered"])
    parser.add_argument("--detail", action="store_true", help="print the paragraphs read wrong")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for path in sorted(args.keys.glob("*.txt")):
        key = read_key(path)
        for variant, text in variants(key, args.corpus, args.only).items():
            row, wrong = score(key, variant, text)
            rows.append(row)
            if args.detail and wrong:
                print(f"--- {key.name} [{variant}] read wrong:")
                for t in wrong:
                    print("   ", t[:150])
    print(f"{'document':<58} {'variant':<10} {'key':>4} {'read':>4} {'F1':>6} {'sect':>6} meta")
    for r in rows:
        print(
            f"{r.doc[:58]:<58} {r.variant:<10} {r.n_key:>4} {r.n_pred:>4} {r.f1:>6.3f} "
            f"{r.sections:>6.3f} {r.meta}"
        )
    if not rows:
        print("no keys found")
        return 1
    for variant in dict.fromkeys(r.variant for r in rows):
        some = [r for r in rows if r.variant == variant]
        ok = sum(r.f1 >= 0.98 and r.sections >= 0.97 for r in some)
        mean_f1 = sum(r.f1 for r in some) / len(some)
        mean_sections = sum(r.sections for r in some) / len(some)
        print(
            f"{variant:<10} mean F1 {mean_f1:.3f}, min F1 {min(r.f1 for r in some):.3f}, "
            f"mean sections {mean_sections:.3f}, on target {ok}/{len(some)}"
        )
    ok = sum(r.f1 >= 0.98 and r.sections >= 0.97 for r in rows)
    meta_ok = sum(r.meta.count(".") == 0 for r in rows)
    total = sum(r.seconds for r in rows)
    print(
        f"all: on target (F1 >= 0.98, sections >= 0.97) {ok}/{len(rows)}; metadata all right "
        f"{meta_ok}/{len(rows)}; normalize() time {total:.2f} s"
    )
    print("meta: T title, D date, P place, K kind right ('.' wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
