"""Benchmark: generated PDFs of one invented declaration, read back with their geometry.

    python benchmarks/bench_pdf_sweep.py [--detail]

The declaration of ``tests/pdf_samples.py`` is typeset by ``tests/pdf_builders.py``
in 144 ways (justified or ragged right; paragraphs parted by space, by a first-line
indent, by both or by neither; no running lines, a running header, or a header and a
footer, each from page 2 on; the page number centred at the foot or as ``- n -`` at
the head; A4 at 11 pt, A5 at 12 pt or US letter at 10 pt), plus the PDF printed by
headless Chromium (``tests/fixtures/pdf``): 145 files. Each is read by
:func:`sco_text.pdfgeometry.pdf_text` and :func:`sco_text.normalizer.normalize` and
scored against the paragraphs and sections it was written from: paragraph F1 (as in
``bench_fidelity.py``) and "exact" (every paragraph and section as written).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pdf_samples  # noqa: E402
from bench_fidelity import paragraph_f1  # noqa: E402
from pdf_builders import typeset_pdf  # noqa: E402

from sco_text.normalizer import normalize  # noqa: E402
from sco_text.pdfgeometry import pdf_text  # noqa: E402

BROWSER = ROOT / "tests" / "fixtures" / "pdf" / "lakeside-browser.pdf"
SPACING = {"gap": (0.0, 6.0), "indent": (18.0, 0.0), "both": (18.0, 6.0), "none": (0.0, 0.0)}
RUNNING = {
    "plain": (None, None),
    "header": ("Example Organisation – Lakeside Summit 2024", None),
    "head+foot": ("Example Organisation – Lakeside Summit 2024", "Unofficial translation"),
}
NUMBERS = {"foot-n": ("{n}", "bottom"), "head-dash": ("- {n} -", "top")}
PAGES = {
    "A4": ((595.0, 842.0), 72.0, 11.0),
    "A5": ((420.0, 595.0), 50.0, 12.0),
    "letter": ((612.0, 792.0), 54.0, 10.0),
}


def sweep() -> dict[str, bytes]:
    """The 145 PDFs by name."""
    found: dict[str, bytes] = {}
    grid = itertools.product((True, False), SPACING, RUNNING, NUMBERS, PAGES)
    for justify, spacing, running, number, paper in grid:
        page, margin, size = PAGES[paper]
        indent, gap = SPACING[spacing]
        header, footer = RUNNING[running]
        fmt, at = NUMBERS[number]
        name = "-".join(
            [
                "just" if justify else "ragged",
                spacing,
                running,
                number,
                paper,
            ]
        )
        found[name] = typeset_pdf(
            pdf_samples.blocks(),
            justify=justify,
            indent=indent,
            gap=gap,
            header=header,
            footer=footer,
            number=fmt,
            number_at=at,
            page=page,
            margin=margin,
            size=size,
        )
    found["chromium-print"] = BROWSER.read_bytes()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detail", action="store_true", help="print the paragraphs read wrong")
    args = parser.parse_args(argv)
    expected = pdf_samples.expected()
    key = [text for _, text in expected]
    f1s: list[float] = []
    exact = 0
    print(f"{'pdf':<40} {'pages':>5} {'read':>4} {'F1':>6} exact")
    for name, data in sweep().items():
        read = pdf_text(data)
        result = normalize(read.text, layout="blocks")
        got = [(p.section, p.text) for p in result.paragraphs]
        _, _, f1 = paragraph_f1(key, [t for _, t in got])
        ok = got == expected
        exact += ok
        f1s.append(f1)
        print(f"{name:<40} {read.pages:>5} {len(got):>4} {f1:>6.3f} {'yes' if ok else 'no'}")
        if args.detail and not ok:
            for pair in got:
                if pair not in expected:
                    print("    got:", pair[0], "|", pair[1][:120])
    print(f"read exactly {exact}/{len(f1s)}; mean F1 {sum(f1s) / len(f1s):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
