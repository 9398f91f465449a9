"""Benchmark: do printed widths (font metrics) tell paragraph ends better than characters?

    python benchmarks/bench_widths.py

Issue 8, item 1. On the raw documents with answer keys (``benchmarks/keys``), every
line that ends a sentence and is followed by a capitalised line (the case the
normaliser's "would the next word have fitted" rule decides) is labelled from the key:
a paragraph end or not. Its score is the room left for the next line's first word,
``(W - width(line + " " + word)) / W``, with ``W`` the document's 90th-percentile line
width, measured in characters or in the Adobe metrics of Times-Roman or Helvetica
(the core-font AFM widths pdfminer.six ships, as matplotlib does). Reported per
metric: the AUC (the chance that a paragraph end has more room than a line inside a
paragraph), the best accuracy of one threshold, and the uniformity of each document's
lines that stop mid-sentence (spread ``(p90 - p25) / p90``: full lines of one width
have a small spread); "chosen" takes per document the metric of smallest spread.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_fidelity import CORPUS, KEYS, SEED, read_key, words  # noqa: E402

FONTS = ("Times-Roman", "Helvetica")
METRICS = ("chars", *FONTS)


def measure(metric: str):  # type: ignore[no-untyped-def]
    if metric == "chars":
        return lambda s: float(len(s))
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS[metric][1]
    return lambda s: sum(widths.get(c, 556) for c in s) / 1000


def auc(pos: list[float], neg: list[float]) -> float:
    pairs = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return pairs / (len(pos) * len(neg))


def main() -> int:
    cases: dict[str, list[tuple[bool, float]]] = {m: [] for m in (*METRICS, "chosen")}
    print(f"{'document':<58} " + " ".join(f"{m[:9]:>9}" for m in METRICS) + "  (spread)")
    for path in sorted(KEYS.glob("*.txt")):
        key = read_key(path)
        source = SEED if key.name.startswith("seed") else CORPUS / f"{key.name}.txt"
        if not source.exists():
            continue
        lines = [s.strip() for s in source.read_text(encoding="utf-8").split("\n") if s.strip()]
        body = " " + " ".join(" ".join(words(p)) for p in key.paragraphs) + " "
        starts = [words(p)[:5] for p in key.paragraphs]
        ends = {n: {words(p)[-n:] for p in key.paragraphs} for n in range(1, 5)}
        spreads: dict[str, float] = {}
        scored: dict[str, list[tuple[bool, float]]] = {}
        for metric in METRICS:
            width = measure(metric)
            ordered = sorted(width(s) for s in lines)
            w90 = ordered[int(0.9 * (len(ordered) - 1))]
            running = sorted(width(s) for s in lines if s[-1:].isalpha())
            p90 = running[int(0.9 * (len(running) - 1))]
            spreads[metric] = (p90 - running[int(0.25 * (len(running) - 1))]) / p90
            scored[metric] = []
            for a, b in itertools.pairwise(lines):
                if a[-1:] not in ".;:!?" or not b[:1].isupper():
                    continue
                wa, wb = words(a), words(b)
                inside = f" {' '.join(wa)} " in body and f" {' '.join(wb)} " in body
                if not (wa and wb and inside):
                    continue
                tail = wa[-4:]
                ended = tail in ends[len(tail)] and any(s[: len(wb)] == wb[:5] for s in starts)
                room = (w90 - width(f"{a} {b.split()[0]}")) / w90
                scored[metric].append((ended, room))
            cases[metric].extend(scored[metric])
        best = min(METRICS, key=lambda m: spreads[m])
        cases["chosen"].extend(scored[best])
        print(
            f"{key.name[:58]:<58} "
            + " ".join(f"{spreads[m]:>9.3f}" for m in METRICS)
            + f"  -> {best}"
        )
    print()
    for metric, found in cases.items():
        pos = [r for e, r in found if e]
        neg = [r for e, r in found if not e]
        if not pos or not neg:
            continue
        acc = max(
            (sum(r >= t for r in pos) + sum(r < t for r in neg)) / len(found)
            for t in (i / 1000 for i in range(-200, 200))
        )
        print(
            f"{metric:<12} paragraph ends {len(pos):>4}, inside {len(neg):>3}: "
            f"AUC {auc(pos, neg):.3f}, best one-threshold accuracy {acc:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
