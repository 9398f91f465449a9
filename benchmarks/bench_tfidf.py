"""Benchmark: sco_text.tfidf by document vs plain scikit-learn TfidfVectorizer.

Usage::

    python benchmarks/bench_tfidf.py [PATH] [--replicate K] [--repeat N] [--loader L]

PATH (default ``../shared/corpora/ungdc-sample`` relative to the repository root) is read
into a corpus frame (one row per paragraph), replicated K times with distinct doc_ids so
the corpus is large, then both are timed in the same run on the same documents:

* ours: ``sco_text.tfidf(frame, by="doc_id")`` -- grouping, tokenising (our regex, stop
  words), counting, weighting and the long result frame;
* baseline: ``TfidfVectorizer().fit_transform(texts)`` on each document's raw text (its
  paragraphs joined by newlines), scikit-learn's default tokeniser, no stop words.

The two are run alternately N times; the best (minimum) wall-clock and CPU (process) times
of each are reported with the ratios ours / baseline (target: <= 1.2; CPU time is the
steadier measure on a shared machine).  No dense document-term matrix is built by either.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

import sco_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "ungdc-sample"


def frame_from_lines(path: Path) -> pd.DataFrame:
    """One row per non-blank line of every .txt file below ``path``; doc_id = file stem."""
    files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    rows: list[tuple[str, int, str]] = []
    for file in files:
        if file.name.lower() == "readme.txt":
            continue
        lines = [ln.strip() for ln in file.read_text(encoding="utf-8").splitlines()]
        rows.extend((file.stem, i, ln) for i, ln in enumerate(ln for ln in lines if ln))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "text"])


def load(path: Path, loader: str) -> tuple[pd.DataFrame, str]:
    if loader in ("auto", "corpus") and hasattr(sco_text, "load_corpus"):
        try:
            frame = sco_text.load_corpus(path)
            return frame[["doc_id", "para_no", "text"]].copy(), "sco_text.load_corpus"
        except Exception as exc:  # the loader is optional here: fall back to lines
            if loader == "corpus":
                raise
            print(f"load_corpus failed ({exc!r}); reading lines instead", file=sys.stderr)
    return frame_from_lines(path), "lines"


def replicate(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    parts = []
    for i in range(k):
        part = frame.copy()
        part["doc_id"] = part["doc_id"].astype(str) + f"#{i}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def timed(func: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU (process) seconds of one call, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--replicate", type=int, default=4, metavar="K")
    parser.add_argument("--repeat", type=int, default=3, metavar="N")
    parser.add_argument(
        "--loader",
        choices=("auto", "corpus", "lines"),
        default="lines",
        help="how to read PATH (default: lines, one paragraph per line)",
    )
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"{args.path} does not exist", file=sys.stderr)
        return 2

    base, how = load(args.path, args.loader)
    frame = replicate(base, args.replicate)
    texts_by_doc = frame.groupby("doc_id", sort=True)["text"].agg("\n".join)
    texts = texts_by_doc.tolist()
    n_chars = sum(len(t) for t in texts)
    print(
        f"corpus: {args.path} read with {how}; {base['doc_id'].nunique()} documents x "
        f"{args.replicate} = {len(texts)} documents, {len(frame)} paragraphs, "
        f"{n_chars / 1e6:.1f} M characters"
    )

    # warm up imports and caches (stop-word lists, scipy) outside the timing
    sco_text.tfidf(base.head(50))
    TfidfVectorizer().fit_transform(texts[:5])

    # Interleave the two so that both see the same machine load.
    base_wall, base_cpu, ours_wall, ours_cpu = [], [], [], []
    matrix: object = None
    result: object = None
    for _ in range(args.repeat):
        wall, cpu, matrix = timed(lambda: TfidfVectorizer().fit_transform(texts))
        base_wall.append(wall)
        base_cpu.append(cpu)
        wall, cpu, result = timed(lambda: sco_text.tfidf(frame, by="doc_id"))
        ours_wall.append(wall)
        ours_cpu.append(cpu)
    assert isinstance(result, pd.DataFrame)
    print(
        f"baseline TfidfVectorizer().fit_transform: wall best {min(base_wall):.3f} s "
        f"(median {statistics.median(base_wall):.3f}), CPU best {min(base_cpu):.3f} s; "
        f"nnz {getattr(matrix, 'nnz', '?')}"
    )
    print(
        f"sco_text.tfidf(frame, by='doc_id'):      wall best {min(ours_wall):.3f} s "
        f"(median {statistics.median(ours_wall):.3f}), CPU best {min(ours_cpu):.3f} s; "
        f"result rows {len(result)}"
    )
    ratio_wall = min(ours_wall) / min(base_wall)
    ratio_cpu = min(ours_cpu) / min(base_cpu)
    verdict = "met" if ratio_cpu <= 1.2 else "MISSED"
    print(
        f"ratio ours / baseline: wall {ratio_wall:.2f}, CPU {ratio_cpu:.2f} "
        f"(target <= 1.20 on CPU time: {verdict})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
