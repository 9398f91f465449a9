"""Benchmark: sco_text.diff on a real pair of successive declarations against a human key.

The key (``benchmarks/keys/*.yaml``, written by reading both texts in full) says, for every
paragraph of the new declaration, which paragraphs of the old one it derives from
(``from``) and which only lent it a phrase or an anchor (``also``).  Paragraph numbers are
``para_no`` as :func:`sco_text.load_corpus` gives them; each is checked against the first
words stored in the key and, when the numbering has moved, found again by those words.

Links a diff makes (from ``DeclarationDiff.paragraphs``, public columns only):

* a pair row (``unchanged``/``edited``/``moved``): (``old_para_no``, ``new_para_no``);
* a ``split`` row: (``split_from``, ``new_para_no``); a ``merged`` row: (``old_para_no``,
  ``merged_into``).

Scores (``core`` = the key's ``from`` links, ``also`` = its ``also`` links):

* pairs: precision = TP / (TP + FP), recall = TP / (TP + FN), with TP = links in ``core``,
  FP = links in neither ``core`` nor ``also``, FN = ``core`` links not made;
* added: F1 of the set of new paragraphs called ``added`` against the new paragraphs with no
  link in the key; removed: the same for old paragraphs called ``removed`` against the old
  paragraphs the key never names.  Paragraphs named only under ``also`` count in neither
  (F1 = 2PR / (P + R); 1.0 when both sets are empty).

Also printed: the same pair scores for the first and the second half of the new document (a
hold-out check: rules tuned on one half should score alike on the other), and the rows per
status.

Keys: ``samarkand-2022_new-delhi-2023.yaml`` (the pair the alignment rules were tuned on) and
``moscow-2020_samarkand-2022.yaml`` (held out: written before any rule was changed against it).

Run: ``python benchmarks/bench_diff_real.py [--key PATH] [--corpus DIR] [--no-fold]``
"""

from __future__ import annotations

import argparse
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

import sco_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpora" / "sco"
KEY = ROOT / "benchmarks" / "keys" / "samarkand-2022_new-delhi-2023.yaml"
PAIR_STATUSES = ("unchanged", "edited", "moved")


def _start(text: str, n: int) -> str:
    return " ".join(str(text).split()[:n]).casefold()


def resolve(rows: pd.DataFrame, number: int, start: str) -> int:
    """The ``para_no`` whose text starts with ``start``: ``number`` when it still does."""
    n = len(start.split())
    texts = dict(zip(rows["para_no"].astype(int), rows["text"], strict=True))
    if number in texts and _start(texts[number], n) == start.casefold():
        return number
    hits = [k for k, t in texts.items() if _start(t, n) == start.casefold()]
    if len(hits) != 1:
        raise SystemExit(f"key paragraph {number} ({start!r}) found {len(hits)} times")
    return hits[0]


@dataclass
class Key:
    core: set[tuple[int, int]]
    also: set[tuple[int, int]]
    added: set[int]  # new paragraphs with no link at all
    removed: set[int]  # old paragraphs named nowhere
    unsure_new: set[int]  # new paragraphs with only "also" links
    unsure_old: set[int]  # old paragraphs named only under "also"
    n_new: int


def load_key(path: Path, old_rows: pd.DataFrame, new_rows: pd.DataFrame) -> Key:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    old_no = {int(k): resolve(old_rows, int(k), str(v)) for k, v in raw["old_starts"].items()}
    core: set[tuple[int, int]] = set()
    also: set[tuple[int, int]] = set()
    unsure_new: set[int] = set()
    linked_new: set[int] = set()
    for item in raw["paragraphs"]:
        j = resolve(new_rows, int(item["new"]), str(item["start"]))
        core |= {(old_no[int(i)], j) for i in item["from"]}
        also |= {(old_no[int(i)], j) for i in item["also"]}
        if item["from"] or item["also"]:
            linked_new.add(j)
        if not item["from"] and item["also"]:
            unsure_new.add(j)
    all_new = set(new_rows["para_no"].astype(int))
    all_old = set(old_rows["para_no"].astype(int))
    core_old = {i for i, _ in core}
    also_old = {i for i, _ in also} - core_old
    return Key(
        core=core,
        also=also - core,
        added=all_new - linked_new,
        removed=all_old - core_old - also_old,
        unsure_new=unsure_new,
        unsure_old=also_old,
        n_new=len(all_new),
    )


def links(p: pd.DataFrame) -> tuple[set[tuple[int, int]], set[int], set[int]]:
    """Links, added and removed paragraphs of a ``DeclarationDiff.paragraphs`` frame."""
    out: set[tuple[int, int]] = set()
    for row in p.itertuples(index=False):
        if row.status in PAIR_STATUSES:
            out.add((int(row.old_para_no), int(row.new_para_no)))
        elif row.status == "split" and not pd.isna(row.new_para_no):
            out.add((int(row.split_from), int(row.new_para_no)))
        elif row.status == "merged" and not pd.isna(row.old_para_no):
            out.add((int(row.old_para_no), int(row.merged_into)))
    added = set(p.loc[p["status"] == "added", "new_para_no"].astype(int))
    removed = set(p.loc[p["status"] == "removed", "old_para_no"].astype(int))
    return out, added, removed


def f1(pred: set[int], true: set[int]) -> float:
    if not pred and not true:
        return 1.0
    tp = len(pred & true)
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(true)
    return 2 * p * r / (p + r)


def pair_scores(
    pred: set[tuple[int, int]], key: Key, keep: set[int] | None = None
) -> dict[str, float]:
    core, also = key.core, key.also
    if keep is not None:
        pred = {x for x in pred if x[1] in keep}
        core = {x for x in core if x[1] in keep}
    tp = len(pred & core)
    fp = len(pred - core - also)
    fn = len(core - pred)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(d: Any, key: Key) -> dict[str, Any]:
    pred, added, removed = links(d.paragraphs)
    first = set(range(key.n_new // 2))
    second = set(range(key.n_new // 2, key.n_new))
    return {
        "all": pair_scores(pred, key),
        "first half": pair_scores(pred, key, first),
        "second half": pair_scores(pred, key, second),
        "added F1": f1(added - key.unsure_new, key.added),
        "removed F1": f1(removed - key.unsure_old, key.removed),
        "wrong": sorted(pred - key.core - key.also, key=lambda x: x[1]),
        "missed": sorted(key.core - pred, key=lambda x: x[1]),
        "statuses": d.paragraphs["status"].value_counts().to_dict(),
    }


def _locate(name: str, corpus: Path) -> Path:
    """A key's file: in ``corpus``, else in the project (the seed lives in ``seeds/``)."""
    return corpus / name if (corpus / name).exists() else ROOT / name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key", type=Path, default=KEY)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-fold", action="store_true", help="diff without spelling folding")
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed links")
    args = parser.parse_args()
    raw = yaml.safe_load(args.key.read_text(encoding="utf-8"))
    files = [_locate(raw["old_file"], args.corpus), _locate(raw["new_file"], args.corpus)]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise SystemExit(f"corpus files not found: {', '.join(missing)}")
    frame = sco_text.load_corpus(files)
    old_rows = frame[frame["doc_id"] == raw["old"]]
    new_rows = frame[frame["doc_id"] == raw["new"]]
    key = load_key(args.key, old_rows, new_rows)
    options: dict[str, Any] = {}
    if "fold_spelling" in inspect.signature(sco_text.diff).parameters and not args.no_fold:
        options = {"fold_spelling": True, "fold_case": True}
    d = sco_text.diff(frame, raw["old"], raw["new"], **options)
    res = evaluate(d, key)
    print(f"{raw['old']} -> {raw['new']}  (diff options: {options or 'defaults'})")
    print(
        f"key: {len(key.core)} links, {len(key.added)} added, {len(key.removed)} removed, "
        f"{len(key.also)} phrase-only links"
    )
    print("| part | pair precision | pair recall | TP | FP | FN |")
    print("|---|---|---|---|---|---|")
    for part in ("all", "first half", "second half"):
        s = res[part]
        print(
            f"| {part} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['tp']} | {s['fp']} | {s['fn']} |"
        )
    print(f"added F1 {res['added F1']:.3f}; removed F1 {res['removed F1']:.3f}")
    print("statuses:", ", ".join(f"{k} {v}" for k, v in sorted(res["statuses"].items())))
    if args.verbose:
        print("wrong links (old, new):", res["wrong"])
        print("missed links (old, new):", res["missed"])


if __name__ == "__main__":
    main()
