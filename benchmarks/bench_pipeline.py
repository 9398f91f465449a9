"""Benchmark: the sco-text pipeline against the same job done by hand, plus the cache and Dask.

    python benchmarks/bench_pipeline.py [--full] [--path PATH] [--repeat N] [--only NAME ...]

``--only`` takes pair names (``pipeline``, ``cache``, ``dask``) or variant names
(``byhand``, ``fresh``, ...: the pair it belongs to runs).

Each variant runs in a subprocess of its own (so its peak memory, ``ru_maxrss``, is its
own; a pool's worker processes are not in it), with every import done before the
clock starts; the variants of a pair alternate
(A, B, A, B, ...) so both see the same machine load; the ratio of the best times is
printed, and that of the medians.  The corpus is the 464-speech UN sample
(``../shared/corpora/ungdc-sample``) by default, the full UN General Debate corpus
(10,952 speeches, 199 M characters) with ``--full``.

Pairs (ratio = first / second):

* ``pipeline`` / ``byhand``: ``load_corpus(path, errors="warn", cache=False)`` then
  ``tfidf(frame, by="doc_id")``, against reading every ``.txt`` file by hand (UTF-8,
  undecodable files skipped) and ``TfidfVectorizer(stop_words="english").fit_transform``.
  Target on the full corpus: <= 1.0x, peak memory <= 1.2 GB.
* ``fresh`` / ``reload``: ``load_corpus`` normalising afresh (into an empty cache folder)
  against re-loading the unchanged corpus from that cache.  Target: fresh / reload >= 20.
* ``dask`` / ``pandas``: ``st.load_corpus_dask`` + ``tfidf`` on a ``distributed.LocalCluster``
  with 2 worker processes (cluster start-up excluded) against the pandas path
  (``load_corpus(cache=False)`` + ``tfidf``).  Skipped when Dask is not installed.

Peak memory is printed twice: the variant's own process (``ru_maxrss``) and, from one more
run of each variant that is not timed, the largest proportional set size of it and every
process below it (a pool's workers, a Dask cluster's), sampled every 0.2 s from ``/proc``
(Linux): the memory the whole job holds.  Sampling slows a job down (reading a process's
``smaps_rollup`` holds its memory lock), so no timed run samples.  The load of the
machine (1-minute load average) is printed beside each measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "corpora" / "ungdc-sample"
FULL = ROOT.parent / "shared" / "corpora" / "ungdc"

PAIRS: dict[str, tuple[str, str]] = {
    "pipeline": ("pipeline", "byhand"),
    "cache": ("fresh", "reload"),
    "dask": ("dask", "pandas"),
}

#: Pair or variant name -> the pair it names or belongs to (for ``--only``).
_PAIR_OF: dict[str, str] = {
    **{name: pair for pair, names in PAIRS.items() for name in names},
    **{pair: pair for pair in PAIRS},
}


# -- the variants (run in a child process) ----------------------------------------------------
def _byhand(path: Path, cache_dir: Path) -> dict[str, object]:
    import time

    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    texts: list[str] = []
    for file in sorted(path.rglob("*.txt")):
        if "readme" in file.name.lower():
            continue
        try:
            texts.append(file.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    return {"seconds": time.perf_counter() - start, "docs": len(texts), "nnz": int(matrix.nnz)}


def _pipeline(path: Path, cache_dir: Path) -> dict[str, object]:
    import inspect
    import time
    import warnings

    import sco_text as st

    # cache=False where the option exists (so the same script measures older versions too)
    options = {"cache": False} if "cache" in inspect.signature(st.load_corpus).parameters else {}
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = st.load_corpus(path, errors="warn", **options)
    result = st.tfidf(frame, by="doc_id")
    return {
        "seconds": time.perf_counter() - start,
        "docs": int(frame["doc_id"].nunique()),
        "rows": len(result),
    }


def _load(path: Path, cache_dir: Path) -> dict[str, object]:
    import time
    import warnings

    import pyarrow.parquet  # noqa: F401  (names load lazily: import what the load uses)

    import sco_text as st
    import sco_text.cache
    import sco_text.corpus

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = st.load_corpus(path, errors="warn", cache=cache_dir)
    return {"seconds": time.perf_counter() - start, "rows": len(frame)}


def _fresh(path: Path, cache_dir: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as empty:
        return _load(path, Path(empty))


def _reload(path: Path, cache_dir: Path) -> dict[str, object]:
    return _load(path, cache_dir)


def _dask(path: Path, cache_dir: Path) -> dict[str, object]:
    import importlib
    import time
    import warnings

    from distributed import Client, LocalCluster

    import sco_text as st

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(importlib.import_module, "sco_text.scale")  # the workers' imports too
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = st.load_corpus_dask(path, errors="warn")  # Dask never caches
            result = st.tfidf(frame, by="doc_id")
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": len(result)}


VARIANTS = {
    "byhand": _byhand,
    "pipeline": _pipeline,
    "pandas": _pipeline,
    "fresh": _fresh,
    "reload": _reload,
    "dask": _dask,
}


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (a pool's workers hang below its forkserver)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _pss_mb(pids: list[int]) -> float:
    """The proportional set size of ``pids`` together (pages they share counted once)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


class _TreeMemory:
    """Samples the memory of this process and all below it (Linux ``/proc``; PSS) every
    ``interval`` seconds in a thread: ``peak_mb`` is the largest sum seen."""

    def __init__(self, interval: float = 0.2) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)

    def _sample(self, interval: float) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, _pss_mb(_descendants(os.getpid())))
            self._stop.wait(interval)

    def __enter__(self) -> _TreeMemory:
        if os.path.isdir("/proc"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def _child(name: str, path: Path, cache_dir: Path) -> None:
    import resource

    # imports before timing (sco-text's counting, frame and cache use pyarrow)
    import pyarrow.compute
    import pyarrow.parquet  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    import sco_text  # noqa: F401

    if os.environ.get(_TREE_ENV):  # a run for the memory of all its processes only
        with _TreeMemory() as tree:
            result = VARIANTS[name](path, cache_dir)
        result["tree_mb"] = tree.peak_mb
    else:
        result = VARIANTS[name](path, cache_dir)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# -- the parent -------------------------------------------------------------------------------
#: Set in the environment of a variant's extra run that samples the memory of its process
#: tree (reading ``/proc/<pid>/smaps_rollup`` takes the process's memory lock: it slowed
#: the full-corpus pipeline by 10-20%, so no timed run samples).
_TREE_ENV = "SCO_BENCH_TREE_MEMORY"


def _run(name: str, path: Path, cache_dir: Path, *, tree: bool = False) -> dict[str, float]:
    load = os.getloadavg()[0]
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, "--path", str(path), "--cache", str(cache_dir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), **({_TREE_ENV: "1"} if tree else {})},
    )
    if out.returncode != 0:
        raise RuntimeError(f"variant {name} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["load"] = load
    what = (
        f"all its processes {result['tree_mb']:7.0f} MB (memory run, not timed)"
        if tree
        else f"(load average {load:.2f})"
    )
    print(
        f"  {name:9s} {result['seconds']:8.3f} s  peak {result['peak_mb']:7.0f} MB  {what}",
        flush=True,
    )
    return result


def _has_dask() -> bool:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the full UN corpus (199 M chars)")
    parser.add_argument("--path", type=Path, help="another corpus folder")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each variant")
    parser.add_argument(
        "--only", nargs="*", choices=sorted(_PAIR_OF), help="pairs (or variants of them) to run"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = args.path or (FULL if args.full else SAMPLE)
    if args.child:
        _child(args.child, path, args.cache)
        return 0
    if not path.is_dir():
        print(f"no such folder: {path}", file=sys.stderr)
        return 2
    print(f"corpus: {path}; {args.repeat} run(s) of each variant, alternating")
    summary: list[str] = []
    with tempfile.TemporaryDirectory() as cache_dir:
        for pair in dict.fromkeys(_PAIR_OF[name] for name in args.only or list(PAIRS)):
            first, second = PAIRS[pair]
            if pair == "dask" and not _has_dask():
                print("dask: skipped (pip install 'sco-text[dask]')")
                continue
            if pair == "cache":  # fill the cache once (the first "reload" finds it empty)
                print("cache: filling it")
                _run("reload", path, Path(cache_dir))
            print(f"{pair}:")
            runs: dict[str, list[dict[str, float]]] = {first: [], second: []}
            for _ in range(args.repeat):
                for name in (first, second):
                    runs[name].append(_run(name, path, Path(cache_dir)))
            a = min(r["seconds"] for r in runs[first])
            b = min(r["seconds"] for r in runs[second])
            peak_a = max(r["peak_mb"] for r in runs[first])
            peak_b = max(r["peak_mb"] for r in runs[second])
            tree_a = _run(first, path, Path(cache_dir), tree=True)["tree_mb"]
            tree_b = _run(second, path, Path(cache_dir), tree=True)["tree_mb"]
            mid_a = statistics.median(r["seconds"] for r in runs[first])
            mid_b = statistics.median(r["seconds"] for r in runs[second])
            line = (
                f"{pair}: {first} / {second} = {a / b:.2f}x "
                f"(best {a:.3f} s vs {b:.3f} s; median {mid_a / mid_b:.2f}x, "
                f"{mid_a:.3f} s vs {mid_b:.3f} s; peak {peak_a:.0f} MB vs {peak_b:.0f} MB; "
                f"with workers {tree_a:.0f} MB vs {tree_b:.0f} MB)"
            )
            print(line)
            summary.append(line)
    print("summary:")
    for line in summary:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
