#!/usr/bin/env python3
"""How far can a line-feature residue model go on wcxb/ at all? An upper bound for issue 11.

    pip install -e '.[train]' && python bench/train_models.py --no-write --rows-cache rows.pkl
    python bench/residue_ceiling.py rows.pkl

Issue 11 asks NL304 for cross-source recall >= 0.45 at precision >= 0.85 on wcxb/ (fitted without
it). This script measures the most any model over the same features could reach there: it fits on
wcxb/ ITSELF (grouped 5-fold CV by page, so no page is scored by a model that saw it) and prints
the ROC AUC and the precision of the top-k lines. If a model trained on wcxb/'s own labels cannot
reach the precision bar on held-out wcxb/ pages, no model trained elsewhere will.
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_models as tm  # noqa: E402  (the same features, folds and fitting as the shipped model)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows", help="the --rows-cache file written by bench/train_models.py")
    ap.add_argument("--trees", type=int, default=80)
    ap.add_argument("--depth", type=int, default=3)
    args = ap.parse_args()
    from sklearn.metrics import roc_auc_score

    _residue, _naive, wcxb = pickle.loads(Path(args.rows).read_bytes())
    tm.ARGS = argparse.Namespace(trees=args.trees, depth=args.depth, naive_weight=0.0, kind="trees", inner=3)
    p, y = tm.oof_probs("trees", wcxb, k=5), wcxb["y"]
    print(f"wcxb/ fitted on itself, grouped 5-fold CV by page: {len(y)} lines, {y.mean():.1%} residue, "
          f"ROC AUC {roc_auc_score(y, p):.3f}")
    order = np.argsort(-p, kind="stable")
    for k in (50, 100, 200, 500, 1000, 2000, 4000):
        top = y[order[:k]]
        print(f"  top {k:>5} lines: precision {top.mean():.3f}  recall {top.sum() / y.sum():.3f}")


if __name__ == "__main__":
    main()
