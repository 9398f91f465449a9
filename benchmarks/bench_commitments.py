"""Commitments found by ``sco_text.commitments`` against hand-labelled answer keys.

Every sentence of the keyed declarations (``benchmarks/keys/*.tsv``, see the README
there) was labelled by reading: a commitment or not, and its strength.  Prints, per
document and overall, precision and recall of commitment *sentences* and the accuracy
of strength on the sentences both call commitments (a sentence is ``firm`` when any of
its commitments is firm).  Sentences are matched by doc_id, para_no and their first
eight words, so a key survives small changes in sentence numbering.

    python benchmarks/bench_commitments.py [--show-errors]

The documents are read from ``../shared/corpora/sco`` beside the checkout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sco_text as st  # noqa: E402

KEYS = ROOT / "benchmarks" / "keys"
CORPUS = ROOT.parent / "shared" / "corpora" / "sco"
SEED = ROOT / "seeds" / "000_cac1e25885f983c0.txt"
SOURCES = {
    "2023-new-delhi-declaration": CORPUS / "2023-07-04_New_Delhi_Declaration.txt",
    "2022-samarkand-declaration": CORPUS / "2022-09-16_Samarkand_Declaration.txt",
    "2020-moscow-declaration": SEED,
}
ROLE = {
    "2023-new-delhi-declaration": "tuned on",
    "2022-samarkand-declaration": "read, labelled before the rules",
    "2020-moscow-declaration": "unseen: labelled after the rules",
}
TARGET = 0.9


def first_words(text: str) -> str:
    return " ".join(str(text).split()[:8])


def evaluate(show_errors: bool = False) -> pd.DataFrame:
    frame = st.load_corpus(list(SOURCES.values()))
    sents = st.sentences(frame)
    found = st.commitments(frame)
    strongest = (
        found.assign(firm=found["strength"].eq("firm"))
        .groupby(["doc_id", "sent_no"])["firm"]
        .any()
        .map({True: "firm", False: "soft"})
    )
    sents["predicted"] = [
        strongest.get((d, n), "") for d, n in zip(sents["doc_id"], sents["sent_no"], strict=True)
    ]
    sents["first_words"] = sents["text"].map(first_words)
    rows = []
    for doc_id in SOURCES:
        key = pd.read_csv(KEYS / f"{doc_id}.tsv", sep="\t", keep_default_na=False)
        got = sents[sents["doc_id"] == doc_id]
        merged = key.merge(got, on=["doc_id", "para_no", "first_words"], how="left")
        unmatched = int(merged["predicted"].isna().sum())
        merged["predicted"] = merged["predicted"].fillna("")
        truth = merged["commitment"].astype(int) == 1
        pred = merged["predicted"] != ""
        tp = int((truth & pred).sum())
        both = merged[truth & pred]
        rows.append(
            {
                "document": doc_id,
                "role": ROLE[doc_id],
                "sentences": len(key),
                "unmatched": unmatched,
                "commitments_key": int(truth.sum()),
                "found": int(pred.sum()),
                "precision": tp / pred.sum() if pred.sum() else float("nan"),
                "recall": tp / truth.sum() if truth.sum() else float("nan"),
                "strength_accuracy": (both["strength"] == both["predicted"]).mean(),
                "_tp": tp,
                "_strength_ok": int((both["strength"] == both["predicted"]).sum()),
            }
        )
        if show_errors:
            for r in merged[
                (truth != pred) | (truth & pred & (merged["strength"] != merged["predicted"]))
            ].itertuples():
                print(
                    f"{doc_id} #{r.sent_no_x}: key={r.strength or '-'} "
                    f"got={r.predicted or '-'}: {r.first_words}"
                )
    table = pd.DataFrame(rows)
    total = {
        "document": "all",
        "role": "",
        "sentences": int(table["sentences"].sum()),
        "unmatched": int(table["unmatched"].sum()),
        "commitments_key": int(table["commitments_key"].sum()),
        "found": int(table["found"].sum()),
        "precision": table["_tp"].sum() / table["found"].sum(),
        "recall": table["_tp"].sum() / table["commitments_key"].sum(),
        "strength_accuracy": table["_strength_ok"].sum() / table["_tp"].sum(),
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    return table.drop(columns=["_tp", "_strength_ok"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    table = evaluate(show_errors=args.show_errors)
    with pd.option_context("display.width", 140, "display.precision", 3):
        print(table.to_string(index=False))
    overall = table.iloc[-1]
    ok = all(overall[c] >= TARGET for c in ("precision", "recall", "strength_accuracy"))
    print(f"target >= {TARGET} on each: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
