"""Text reuse: ``sco_text.reuse`` against an all-pairs word alignment, same run.

The baseline compares every pair of documents in full: difflib's SequenceMatcher over
the two documents' words, keeping matching blocks of at least ``MIN_PASSAGE_WORDS``
words. It is run on the first ``--docs`` speeches of ``--countries`` in the UN General
Debate sample (all pairs of them; one country's speeches reuse each other most), and
so is ``reuse``; printed are both times, their ratio, and how
much of the baseline's reuse ``reuse`` finds (pairs, and words in matched blocks).
Then ``reuse`` runs once on the whole sample, beside the baseline's time extrapolated
from its time per pair. ``--full`` also runs ``reuse`` once on the full corpus
(10,952 speeches; minutes, not for CI).

    python benchmarks/bench_reuse.py [--docs 40] [--full]

Frames are built with a plain reader (one row per blank-line paragraph, the year from
the file name) so that loading does not dominate; loading is measured in bench_pipeline.py.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sco_text as st  # noqa: E402
from sco_text.language.reuse import MIN_PASSAGE_WORDS  # noqa: E402
from sco_text.text import WORD_PATTERN  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "corpora" / "ungdc-sample"
FULL = ROOT.parent / "shared" / "corpora" / "ungdc"


def plain_frame(
    folder: Path, limit: int | None = None, countries: tuple[str, ...] = ()
) -> pd.DataFrame:
    rows = []
    files = sorted(folder.glob("*/*.txt"), key=lambda p: p.name)
    if countries:
        files = [p for p in files if p.name.split("_", 1)[0] in countries]
    for path in files[:limit] if limit else files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        year = path.stem.rsplit("_", 1)[-1]
        date = pd.Timestamp(f"{year}-09-15") if year.isdigit() else pd.NaT
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        rows += [(path.stem, date, i, p) for i, p in enumerate(paras)]
    return pd.DataFrame(rows, columns=["doc_id", "date", "para_no", "text"])


def all_pairs(frame: pd.DataFrame) -> tuple[dict[tuple[str, str], int], int]:
    """Words in matching blocks >= MIN_PASSAGE_WORDS for every pair; and the pair count."""
    words = {
        d: [w.lower() for t in g["text"] for w in WORD_PATTERN.findall(t)]
        for d, g in frame.groupby("doc_id", sort=True)
    }
    found: dict[tuple[str, str], int] = {}
    n = 0
    for a, b in itertools.combinations(sorted(words), 2):
        n += 1
        sm = difflib.SequenceMatcher(None, words[a], words[b], autojunk=False)
        size = sum(m.size for m in sm.get_matching_blocks() if m.size >= MIN_PASSAGE_WORDS)
        if size:
            found[(a, b)] = size
    return found, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="speeches in the all-pairs run")
    parser.add_argument("--countries", default="CHN,RUS", help="speeches of these, in order")
    parser.add_argument("--full", action="store_true", help="also run on the full corpus")
    args = parser.parse_args()
    if not SAMPLE.is_dir():
        print(f"skipped: {SAMPLE} not found")
        return 0

    small = plain_frame(SAMPLE, args.docs, tuple(args.countries.split(",")))
    t0 = time.perf_counter()
    base, n_pairs = all_pairs(small)
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = st.reuse(small)
    t_reuse = time.perf_counter() - t0
    per_pair = got.groupby(["source_doc", "target_doc"])["n_words"].sum()
    pairs = {tuple(sorted(p)): int(n) for p, n in per_pair.items()}
    found_pairs = [p for p in base if p in pairs]
    base_words = sum(base.values())
    covered = sum(min(base[p], pairs[p]) for p in found_pairs)
    print(f"all pairs of {small['doc_id'].nunique()} speeches ({n_pairs} pairs):")
    print(f"  baseline (difflib, every pair): {t_base:8.2f} s, {len(base)} pairs with reuse")
    print(f"  sco_text.reuse:                 {t_reuse:8.2f} s, {len(pairs)} pairs with reuse")
    print(f"  speed-up: {t_base / t_reuse:.1f}x")
    recall = len(found_pairs) / len(base) if base else float("nan")
    word_recall = covered / base_words if base_words else float("nan")
    print(f"  baseline pairs found: {len(found_pairs)}/{len(base)} = {recall:.3f}")
    print(f"  baseline words found: {covered}/{base_words} = {word_recall:.3f}")

    sample = plain_frame(SAMPLE)
    n_docs = sample["doc_id"].nunique()
    t0 = time.perf_counter()
    whole = st.reuse(sample)
    t_whole = time.perf_counter() - t0
    all_pairs_n = n_docs * (n_docs - 1) // 2
    print(f"whole sample, {n_docs} speeches ({all_pairs_n} pairs):")
    print(f"  sco_text.reuse: {t_whole:.2f} s, {len(whole)} passages, "
          f"{whole['cluster'].nunique()} clusters")  # fmt: skip
    print(f"  baseline, extrapolated from {t_base / n_pairs * 1000:.1f} ms per pair: "
          f"{t_base / n_pairs * all_pairs_n:.0f} s")  # fmt: skip

    if args.full and FULL.is_dir():
        t0 = time.perf_counter()
        frame = plain_frame(FULL)
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = st.reuse(frame)
        t_full = time.perf_counter() - t0
        print(f"full corpus, {frame['doc_id'].nunique()} speeches: read {t_read:.0f} s, "
              f"reuse {t_full:.0f} s, {len(result)} passages, "
              f"{result['cluster'].nunique()} clusters")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
