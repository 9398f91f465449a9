"""Benchmark: load_corpus against plain-Python reading of the same files.

    python benchmarks/bench_load.py [PATH] [--repeat N] [--replicate K]

PATH defaults to ``../shared/corpora/ungdc-sample`` relative to the repository
root. The baseline reads every supported file with plain Python in the same
run: open, read, decode UTF-8, split into lines, group lines into paragraphs
(blank-line separated, or one per line when a file has no blank lines) and
collapse white space. The script prints both times (best of N), their ratio
(target: load_corpus <= 3x the baseline) and the peak resident memory of the
process (``ru_maxrss``, an upper bound for load_corpus; target for ~100 MB of
text: under 2 GB); ``--tracemalloc`` adds the Python allocations of one call.
``--replicate K`` copies the folder K times into a temporary folder
first (file names get a suffix so doc_ids stay unique), e.g. ``--replicate 15``
turns the 6.8 MB UN sample into ~100 MB.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sco_text.corpus as corpus_module  # noqa: E402
from sco_text.corpus import load_corpus  # noqa: E402
from sco_text.readers import SUPPORTED_EXTENSIONS  # noqa: E402


def files_of(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_EXTENSIONS
        and "readme" not in p.stem.lower()
    )


def plain_read(folder: Path) -> int:
    """The baseline: read and split every file into paragraphs with plain Python."""
    rows: list[tuple[str, int, str]] = []
    for path in files_of(folder):
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        lines = text.split("\n")
        if any(not line.strip() for line in lines[:-1]):
            blocks = [b for b in text.split("\n\n") if b.strip()]
        else:
            blocks = [line for line in lines if line.strip()]
        for number, block in enumerate(blocks):
            rows.append((path.stem, number, " ".join(block.split())))
    return len(rows)


def best_time(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def timed_load(folder: Path) -> tuple[float, float, float]:
    """One load_corpus call: (total seconds, seconds inside normalize() without the
    corpus vocabulary, seconds building the corpus vocabulary (lazily, on the
    normaliser's first question))."""
    real_normalize = corpus_module.normalize
    real_build = corpus_module._Vocabulary._build
    spent = {"normalize": 0.0, "vocabulary": 0.0}

    def timer(function: Any, key: str) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start

        return wrapper

    corpus_module.normalize = timer(real_normalize, "normalize")
    corpus_module._Vocabulary._build = timer(real_build, "vocabulary")  # type: ignore[method-assign]
    try:
        gc.collect()
        start = time.perf_counter()
        load_corpus(folder)
        total = time.perf_counter() - start
    finally:
        corpus_module.normalize = real_normalize
        corpus_module._Vocabulary._build = real_build  # type: ignore[method-assign]
    return total, spent["normalize"] - spent["vocabulary"], spent["vocabulary"]


def replicate(folder: Path, copies: int, target: Path) -> Path:
    for copy in range(copies):
        for path in files_of(folder):
            relative = path.relative_to(folder)
            stem = relative.stem
            # CHN_75_2020 -> CHN_75_2020 with a copy marker the UN rule keeps unique
            new_name = f"{stem}.copy{copy}{path.suffix}" if copy else path.name
            destination = target / relative.parent / new_name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return target


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in files_of(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "ungdc-sample")
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument(
        "--replicate",
        type=int,
        default=1,
        help="copy the folder K times into a temporary folder first",
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure one load_corpus call with tracemalloc (slow)",
    )
    args = parser.parse_args(argv)
    folder = Path(args.path)
    if not folder.is_dir():
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.replicate > 1:
            folder = replicate(folder, args.replicate, Path(tmp))
        n_files = len(files_of(folder))
        megabytes = size_of(folder) / 1e6
        print(f"corpus: {folder} ({n_files} files, {megabytes:.1f} MB)")
        baseline = best_time(lambda: plain_read(folder), args.repeat)
        loaded, spent, vocabulary = min(timed_load(folder) for _ in range(args.repeat))
        frame = load_corpus(folder)
        print(f"rows: {len(frame)} paragraphs in {frame['doc_id'].nunique()} documents")
        print(f"plain Python read+split: {baseline:8.3f} s")
        print(f"load_corpus:             {loaded:8.3f} s")
        ratio = loaded / baseline
        print(f"ratio: {ratio:.2f}x (target <= 3x) {'OK' if ratio <= 3 else 'OVER TARGET'}")
        rest = loaded - spent
        print(f"  of which normalize():      {spent:8.3f} s = {spent / baseline:.2f}x the baseline")
        print(
            f"  rest of load_corpus:       {rest:8.3f} s = {rest / baseline:.2f}x the baseline "
            f"(reading, metadata, frame; incl. {vocabulary:.3f} s corpus vocabulary)"
        )
        del frame
        gc.collect()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB -> MB (Linux)
        print(
            f"peak memory of the process (ru_maxrss): {rss:.0f} MB "
            f"for {megabytes:.1f} MB of text (target < 2000 MB)"
        )
        if args.tracemalloc:
            tracemalloc.start()
            load_corpus(folder)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"peak Python allocations of one load_corpus (tracemalloc): {peak / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
