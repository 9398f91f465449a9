"""Benchmark: sco_text.diff against a plain difflib alignment, in the same run.

Inputs (two pairs):

* real: the Samarkand 2022 and New Delhi 2023 declarations read with
  ``sco_text.load_corpus`` from ``../shared/corpora/sco`` (about 54 KB and 18 KB);
* synthetic: the Samarkand declaration (about 140 paragraphs, 54 KB) against a copy with
  deterministic edits (reworded words, removed, added, moved, split and merged paragraphs),
  i.e. two ~50 KB declarations.  When the corpus cannot be loaded, the synthetic pair is built
  from the seed text shipped in ``sco_text/data/seed`` (or from generated paragraphs).

Baseline ("plain difflib", the naive way): ``difflib.SequenceMatcher`` over the two lists of
paragraph strings to pair identical paragraphs, then a character-level
``SequenceMatcher(None, old, new).ratio()`` for every remaining (old, new) pair, pairing
greedily by best ratio (>= 0.5).

Each timed run starts with empty tokenizer caches (``sco_text._align`` caches the tokens of
paragraph strings, which helps :func:`sco_text.diff_series`; the benchmark does not count on
it).  Printed: best-of-N wall times, the baseline/ours ratio, and the absolute targets of issue 4
(one ~50 KB pair < 0.2 s, ten pairs < 2 s).  Absolute times depend on the machine and its
load; the ratio is the comparable number.

Run: ``python benchmarks/bench_diff.py [--repeat 5]``
"""

from __future__ import annotations

import argparse
import difflib
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

import sco_text
from sco_text.compare import alignment as _align

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpora" / "sco"
OLD_ID, NEW_ID = "2022-samarkand-declaration", "2023-new-delhi-declaration"


def baseline(old: list[str], new: list[str], *, cutoff: float = 0.5) -> list[tuple[int, int]]:
    """The naive alignment: exact paragraph matches, then all-pairs character ratios."""
    pairs: list[tuple[int, int]] = []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in sm.get_matching_blocks():
        pairs += [(block.a + k, block.b + k) for k in range(block.size)]
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    scored = []
    for i, a in enumerate(old):
        if i in used_old:
            continue
        for j, b in enumerate(new):
            if j not in used_new:
                scored.append((difflib.SequenceMatcher(None, a, b).ratio(), i, j))
    for r, i, j in sorted(scored, reverse=True):
        if r < cutoff:
            break
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(pairs)


def edited_copy(paras: list[str], seed: int) -> list[str]:
    """A deterministic edited version of a declaration (every kind of change)."""
    rng = random.Random(seed)
    out = list(paras)
    for _ in range(len(out) // 6):  # reword a few words
        k = rng.randrange(len(out))
        words = out[k].split()
        for _ in range(max(1, len(words) // 10)):
            words[rng.randrange(len(words))] = rng.choice(["joint", "further", "relevant"])
        out[k] = " ".join(words)
    for _ in range(len(out) // 15):  # remove
        del out[rng.randrange(len(out))]
    for n in range(len(out) // 20):  # add
        out.insert(
            rng.randrange(len(out)),
            f"The member states agreed on new measure {n} "
            "concerning customs, tourism and the exchange of young diplomats.",
        )
    for _ in range(len(out) // 20):  # move
        out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
    for _ in range(3):  # split at a sentence end, merge two neighbours
        k = rng.randrange(len(out) - 1)
        sentences = out[k].split(". ")
        if len(sentences) > 1:
            out[k : k + 1] = [sentences[0] + ".", ". ".join(sentences[1:])]
        k = rng.randrange(len(out) - 1)
        out[k : k + 2] = [out[k] + " " + out[k + 1]]
    return out


def frame_of(docs: dict[str, list[str]]) -> pd.DataFrame:
    rows = [
        (doc, no, "Preamble", text) for doc, paras in docs.items() for no, text in enumerate(paras)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "section", "text"])


def base_paragraphs() -> tuple[pd.DataFrame | None, list[str]]:
    """The real corpus frame (or None) and ~150 paragraphs for the synthetic pair."""
    frame: pd.DataFrame | None
    try:
        frame = sco_text.load_corpus([CORPUS])
    except Exception as exc:
        print(f"(load_corpus not usable: {exc}; synthetic pair only)")
        frame = None
    if frame is not None and OLD_ID in set(frame["doc_id"]):
        paras = frame.loc[frame["doc_id"] == OLD_ID, "text"].tolist()
        return frame, paras
    seed_dir = ROOT / "sco_text" / "data" / "seed"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))]
    paras = [" ".join(b.split()) for t in texts for b in t.split("\n\n") if len(b) > 80]
    if len(paras) < 100:
        rng = random.Random(0)
        words = ["peace", "trade", "security", "states", "cooperation", "region", "council"]
        paras = [" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(150)]
    return None, paras[:150]


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, each starting with empty tokenizer caches."""
    times = []
    for _ in range(repeat):
        _align._tokens.cache_clear()
        _align._terms.cache_clear()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frame, paras = base_paragraphs()

    variants = {f"edit-{s}": edited_copy(paras, s) for s in range(10)}
    synth = frame_of({"base": paras, **variants})
    old_kb = sum(len(p) for p in paras) / 1000
    new_kb = sum(len(p) for p in variants["edit-0"]) / 1000
    print(
        f"synthetic pair: {len(paras)} vs {len(variants['edit-0'])} paragraphs, "
        f"{old_kb:.1f} KB vs {new_kb:.1f} KB"
    )

    pairs = [("synthetic", synth, "base", "edit-0", paras, variants["edit-0"])]
    if frame is not None and NEW_ID in set(frame["doc_id"]):
        old = frame.loc[frame["doc_id"] == OLD_ID, "text"].tolist()
        new = frame.loc[frame["doc_id"] == NEW_ID, "text"].tolist()
        pairs.append(("Samarkand -> New Delhi", frame, OLD_ID, NEW_ID, old, new))

    sco_text.diff(synth, "base", "edit-0")  # warm-up (imports)
    ok = True
    for label, fr, a, b, old, new in pairs:
        ours = best_of(partial(sco_text.diff, fr, a, b), args.repeat)
        base = best_of(partial(baseline, old, new), max(1, args.repeat // 2))
        print(
            f"{label}: sco_text.diff {ours * 1000:.1f} ms, plain difflib {base * 1000:.1f} ms, "
            f"difflib / ours = {base / ours:.1f}x"
        )
        ok &= ours < 0.2
    ten = best_of(lambda: [sco_text.diff(synth, "base", v) for v in variants], 2)
    print(f"10 synthetic ~50 KB pairs: {ten:.2f} s")
    single = best_of(lambda: sco_text.diff(synth, "base", "edit-0"), args.repeat)
    print(
        f"target one pair < 0.2 s: {'PASS' if single < 0.2 else 'FAIL'} ({single:.3f} s); "
        f"target ten pairs < 2 s: {'PASS' if ten < 2 else 'FAIL'} ({ten:.2f} s)"
    )
    if not ok:
        print("(absolute targets depend on the machine and its load)")


if __name__ == "__main__":
    main()
