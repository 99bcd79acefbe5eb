"""Fit story clustering's learned link score (issue 18) on pairs of articles labelled same / thread / different.

    PY scripts/train_stories.py --db DB [--labels GLOB]... [--folds K] [--c C] [--out FILE] [--dry-run]
                                [--dump FILE]

The labels (`training/stories/*.jsonl`, made with `scripts/annotate_stories.py`: pairs of non-gold news-dev-2025
articles, ids only) are turned into the clusterer's own pair features (`warta.stories.cluster.pair_features`, the
later article against the story the earlier one founds) over DB, a store of all news-dev-2025 articles analysed
without stories (made here when DB does not exist: the articles written as the dev scorers' text dumps, then
`warta analyze DIR --no-stories --db DB`). A logistic regression (scikit-learn, training only) learns `same` against
`thread` and `different`.

It prints cross-validated figures (folds split by connected groups of articles, so that no article is on both sides)
beside the hand-set weights' decisions on the same pairs, then writes the coefficients, the decision threshold (the
out-of-fold F1-best probability, as a logit) and a manifest (this command, the label files with the sha256 of the
lines read, the figures) to `src/warta/stories/data/story_link_model.json`, which `warta.stories.model` scores with a
plain dot product when `Params.link_model` is "learned". `--dump` writes the features of every labelled pair (JSON
lines) for inspection.

The shipped model was fitted on `stannot[123].jsonl` only, so that `stannot[456].jsonl` stay a judge nothing was tuned
on. It ranks pairs better than the hand weights there but clusters worse (docs/stories.md, round 5): the hand weights
stay the default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import json
import math
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import rows, text_dump  # noqa: E402  (a sibling script: one version of each)

from warta.store import Store  # noqa: E402
from warta.store.stories import StoryTables  # noqa: E402
from warta.stories import model  # noqa: E402
from warta.stories.cluster import PARAMS, pair_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warta" / "stories" / "data" / model.MODEL_FILE
DEFAULT_LABELS = "training/stories/*.jsonl"
C = 1.0


def read_labels(patterns: list[str]) -> tuple[dict[tuple[str, str], str], dict[str, dict]]:
    """One label per pair (the majority of its annotators; ties left out), and per file its line count and the
    sha256 of those lines."""
    votes: dict[tuple[str, str], Counter[str]] = {}
    files: dict[str, dict] = {}
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
            files[Path(path).name] = {"lines": len(lines), "sha256": hashlib.sha256(
                "".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()}
            for item in map(json.loads, lines):
                key = (min(item["a"], item["b"]), max(item["a"], item["b"]))
                votes.setdefault(key, Counter())[item["label"]] += 1
    labels = {}
    for key, counted in votes.items():
        (top, n), *rest = counted.most_common()
        if not rest or rest[0][1] < n:
            labels[key] = top
    return labels, files


def build_db(db: Path) -> None:
    """All news-dev-2025 articles analysed without stories, as the dev scorer writes them."""
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows().values():
            (Path(tmp) / f"{row['id']}.txt").write_text(text_dump(row), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "warta", "analyze", tmp, "--db", str(db), "--no-stories"], check=True)


def features(db: Path, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, float]]:
    store = Store(str(db))
    try:
        return {(a, b): f for a, b, f in pair_features(StoryTables(store), pairs)}
    finally:
        store.close()


def hand_scores(x: np.ndarray) -> np.ndarray:
    """The hand-set link score of each pair, less the threshold (>= 0: same story)."""
    w = model.hand_weights(PARAMS)
    n = len(model.HEAD_FEATURES)
    return np.array([w.bias + max(0.0, w.head_score(row[:n])) + w.story_score(row[n:]) - PARAMS.threshold
                     for row in x])


def groups_of(pairs: list[tuple[str, str]]) -> list[int]:
    """Connected components of the pairs' articles: a fold holds whole components."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        parent[find(a)] = find(b)
    ids: dict[str, int] = {}
    return [ids.setdefault(find(a), len(ids)) for a, _ in pairs]


def prf(y: np.ndarray, decided: np.ndarray) -> str:
    tp = int(np.sum(decided & y))
    p = tp / max(1, int(decided.sum()))
    r = tp / max(1, int(y.sum()))
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"F1 {f:.3f} (P {p:.3f} R {r:.3f})"


def best_threshold(y: np.ndarray, prob: np.ndarray) -> float:
    """The probability threshold with the best F1 of `same` (ties to the higher, more precise one)."""
    best, best_f = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.025):
        decided = prob >= t
        tp = float(np.sum(decided & y))
        f = 2 * tp / max(1.0, float(decided.sum() + y.sum()))
        if f >= best_f:
            best, best_f = float(t), f
    return round(best, 3)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: list[int], folds: int, c: float) -> dict[str, str | float]:
    prob = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        fitted = LogisticRegression(C=c, max_iter=1000).fit(x[train], y[train])
        prob[test] = fitted.predict_proba(x[test])[:, 1]
    hand = hand_scores(x)
    threshold = best_threshold(y, prob)
    return {"pairs": f"{len(y)} ({int(y.sum())} same)",
            "learned AUC": round(float(roc_auc_score(y, prob)), 3),
            "learned at p >= 0.5": prf(y, prob >= 0.5),
            f"learned at p >= {threshold} (out-of-fold F1-best)": prf(y, prob >= threshold),
            "hand AUC": round(float(roc_auc_score(y, hand)), 3),
            f"hand at its threshold {PARAMS.threshold}": prf(y, hand >= 0),
            "threshold": threshold}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="store of all news-dev-2025 articles (made if absent)")
    parser.add_argument("--labels", action="append", help=f"label files (glob), default {DEFAULT_LABELS}")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=C, help=f"inverse regularisation strength (default {C})")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--dump", type=Path, help="write the labelled pairs' features here (JSON lines)")
    args = parser.parse_args(argv)
    args.labels = args.labels or [DEFAULT_LABELS]
    labels, files = read_labels([p if Path(p).is_absolute() else str(ROOT / p) for p in args.labels])
    if not args.db.exists():
        build_db(args.db)
    found = features(args.db, sorted(labels))
    pairs = sorted(found)
    print(f"{len(labels)} labelled pairs {dict(Counter(labels.values()))}; {len(pairs)} with both articles in the store")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for a, b in pairs:
                out.write(json.dumps({"a": a, "b": b, "label": labels[a, b], **found[a, b]}) + "\n")
    x = np.array([[found[p][f] for f in model.FEATURES] for p in pairs])
    y = np.array([labels[p] == "same" for p in pairs])
    figures = cross_validate(x, y, groups_of(pairs), args.folds, args.c)
    for name, figure in figures.items():
        print(f"  {name}: {figure}")
    if args.dry_run:
        return
    fitted = LogisticRegression(C=args.c, max_iter=1000).fit(x, y)
    threshold = float(figures["threshold"])
    # label files read from another checkout are named as they lie in this repository (their sha256 is recorded)
    patterns = [re.sub(r"^.*?(?=training/stories/)", "", p) for p in args.labels]
    command = (f"scripts/train_stories.py --db DB {' '.join(f'--labels {p!r}' for p in patterns)}"
               + (f" --c {args.c}" if args.c != C else "") + (f" --folds {args.folds}" if args.folds != 5 else ""))
    out = {"features": list(model.FEATURES), "weights": [round(float(w), 5) for w in fitted.coef_[0]],
           "bias": round(float(fitted.intercept_[0]), 5),
           "threshold_logit": round(math.log(threshold / (1 - threshold)), 5),
           "manifest": {"command": command, "labels": files, "C": args.c,
                        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ"),
                        "positive": "same", "negative": ["thread", "different"], "cross_validation": figures}}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
