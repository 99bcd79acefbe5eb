"""Train the events stage's learned models (issue 17) from the labelled sentences of `training/events/*.jsonl`.

    PY scripts/train_events.py [--labels GLOB]... [--folds K] [--only mode|trigger] [--out FILE] [--dry-run]
                               [--like MODEL_FILE] [--c C]

Each labelled article of `../shared/data/news-dev-2025` is written as the dev scorers' text dump and run through
Warta's own stages up to `events` with the learned models off, recording every candidate the rules propose
(`warta.events.model.recording`). Warta's sentences are mapped to the labels' raw-text offsets by aligning their
text (`annotate_events.align`). Two sparse logistic regressions are trained (scikit-learn, training only):

- mode: a rule candidate (cue, type, source) -> `asserted` (a labelled asserted event of that type in the sentence),
  `other` (labelled of that type, but negated, planned or hypothetical) or `none`;
- trigger: a word whose form or stem started a labelled event -> the type of the labelled asserted event it starts,
  or `O`.

It prints cross-validated figures (folds split by article) beside the rules' own decisions, then writes the weights
with a manifest (this command, the label files with the sha256 of the lines read) to
`src/warta/events/data/events_model.json`, which `warta.events.model` loads and scores with a plain dot product.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import align, rows, text_dump  # noqa: E402  (a sibling script: one version of each)

from warta.events import model  # noqa: E402
from warta.events.extract import _unglued  # noqa: E402
from warta.events.lexicon import cue_candidates, find_cues, tokenize  # noqa: E402
from warta.pipeline import run_until  # noqa: E402
from warta.read import read_blob  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warta" / "events" / "data" / model.MODEL_FILE
DEFAULT_LABELS = "training/events/*.jsonl"
C = 1.0  # inverse regularisation strength of both models (--c overrides it)
SETTINGS = {"C": C}
MIN_WEIGHT = 1e-3  # weights smaller than this in every class are not shipped


def read_labels(patterns: list[str], limits: dict[str, int] | None = None
                ) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Labelled sentences by article, and per file its line count and the sha256 of those lines. `limits`: read
    only the files it names, each up to its line count (to retrain on exactly the lines a model was trained on)."""
    by_article: dict[str, list[dict]] = {}
    files: dict[str, dict] = {}
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            if limits is not None and Path(path).name not in limits:
                continue
            text = Path(path).read_text(encoding="utf-8")
            lines = [line for line in text.splitlines() if line.strip()][: (limits or {}).get(Path(path).name)]
            files[Path(path).name] = {"lines": len(lines), "sha256": hashlib.sha256(
                "".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()}
            for line in lines:
                item = json.loads(line)
                by_article.setdefault(item["article"], []).append(item)
    return by_article, files


def gold_in(labels: list[dict], span: tuple[int, int]) -> list[dict]:
    """The labelled events whose trigger starts inside the raw span."""
    return [e for item in labels for e in item["events"] if span[0] <= e["trigger"][0] < span[1]]


def mode_class(events: list[dict], type_: str) -> str:
    modes = {e["mode"] for e in events if e["type"] == type_}
    return "asserted" if "asserted" in modes else "other" if modes else "none"


def article_samples(row: dict, labels: list[dict]) -> tuple[list[dict], list[dict]]:
    """(mode samples, trigger samples) of one labelled article; each sample: features, label, rule decision."""
    article = next(iter(read_blob(f"{row['id']}.txt", text_dump(row).encode("utf-8"))))
    if not hasattr(article, "body"):
        return [], []
    with model.recording() as records:
        run_until(article, "events")
    body, raw = article.body, row["text"]
    spans = _unglued(body, list(article.sentences))
    raw_spans = dict(zip(spans, align(raw, [body[s:e] for s, e in spans]), strict=True))
    mode_samples = []
    for rec in records:
        where = raw_spans.get((rec["start"], rec["end"]))
        if where is None:
            continue
        rule = "other" if any(rec["flags"]) else "asserted"
        mode_samples.append({"features": rec["features"], "label": mode_class(gold_in(labels, where), rec["type"]),
                             "rule": rule, "type": rec["type"], "where": where})
    trigger_samples = []
    for (start, end), where in raw_spans.items():
        if where is not None:
            trigger_samples += sentence_words(body[start:end], raw, where, gold_in(labels, where))
    return mode_samples, trigger_samples


def sentence_words(sentence: str, raw: str, where: tuple[int, int], events: list[dict]) -> list[dict]:
    """Every word of a sentence with its trigger features and its label (the type of the asserted event it starts,
    else O); `keys` are the word's vocabulary keys (the vocabulary is chosen per training fold)."""
    tokens = tokenize(sentence)
    candidates = cue_candidates([t.lower for t in tokens])
    starts = {head_start(raw, e["trigger"]): e["type"] for e in events if e["mode"] == "asserted"}
    covered = {i for cue in find_cues(sentence, tokens, candidates) for i in range(cue.first, cue.last + 1)}
    out, cursor = [], where[0]
    for i, token in enumerate(tokens):
        found = raw.find(token.text, cursor, where[1] + 1)
        label = model.NO_TYPE
        if found >= 0:
            cursor = found + len(token.text)
            label = starts.get(found, model.NO_TYPE)
        lexicon_type = candidates[i][0].type if candidates[i] else None
        out.append({"features": model.word_features(sentence, tokens, i, lexicon_type), "label": label,
                    "keys": sorted(model.trigger_keys(token.lower)), "covered": i in covered})
    return out


# Words a labelled trigger may open with that do not name the act ("telah menangkap", "kami lakukan penahanan").
_NOT_HEADS = frozenset(["telah", "sudah", "akan", "tidak", "tak", "belum", "kami", "kita", "saya", "aku", "ia", "dia", "mereka", "juga", "melakukan", "lakukan", "dilakukan", "menggelar", "digelar", "berhasil", "resmi", "secara", "sempat", "yang", "perlu", "harus", "segera", "langsung", "turut", "ikut", "kembali", "terus", "masih", "sedang", "tengah", "baru", "pun", "pihaknya", "untuk", "bakal", "pernah", "lalu", "kemudian", "memberikan", "memberi", "menyampaikan", "menjatuhkan", "mengajukan", "sebuah", "para"])


def head_start(raw: str, trigger: list[int]) -> int:
    """Where a labelled trigger's head word starts: its first word that is not an auxiliary or light verb."""
    start = trigger[0]
    for word in raw[trigger[0]:trigger[1]].split():
        at = raw.find(word, start, trigger[1])
        if word.lower().strip(",.\"“”") not in _NOT_HEADS:
            return at
        start = at + len(word)
    return trigger[0]


def vocabulary(samples: list[dict]) -> set[str]:
    """The keys of the words that start a labelled asserted event."""
    return {k for s in samples if s["label"] != model.NO_TYPE for k in s["keys"]}


def fit(samples: list[dict]) -> tuple[DictVectorizer, LogisticRegression] | None:
    labels = [s["label"] for s in samples]
    if len(set(labels)) < 2:
        return None
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(s["features"], 1) for s in samples])
    classifier = LogisticRegression(C=SETTINGS["C"], max_iter=2000)
    classifier.fit(x, labels)
    return vectorizer, classifier


def predict(fitted: tuple[DictVectorizer, LogisticRegression], samples: list[dict]) -> list[str]:
    vectorizer, classifier = fitted
    return list(classifier.predict(vectorizer.transform([dict.fromkeys(s["features"], 1) for s in samples])))


def export(fitted: tuple[DictVectorizer, LogisticRegression]) -> dict:
    """Weights as {classes, weights: feature -> per-class list, bias}; a binary model as a two-class softmax."""
    vectorizer, classifier = fitted
    coef, bias = classifier.coef_, classifier.intercept_
    if coef.shape[0] == 1:
        coef, bias = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, bias[0]])
    weights = {name: [round(float(w), 4) for w in coef[:, j]] for name, j in vectorizer.vocabulary_.items()
               if np.abs(coef[:, j]).max() >= MIN_WEIGHT}
    return {"classes": [str(c) for c in classifier.classes_], "weights": dict(sorted(weights.items())),
            "bias": [round(float(b), 4) for b in bias]}


THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # p(none) at which the mode model drops a candidate (1.01: never)


def none_probability(fitted: tuple[DictVectorizer, LogisticRegression], samples: list[dict]) -> list[float]:
    vectorizer, classifier = fitted
    probabilities = classifier.predict_proba(vectorizer.transform([dict.fromkeys(s["features"], 1) for s in samples]))
    return list(probabilities[:, list(classifier.classes_).index("none")])


def dropped(scored: list[tuple[dict, float]], threshold: float) -> list[tuple[str, str]]:
    """(gold, decision) pairs when the rules decide and the mode model only drops candidates it reads as none."""
    return [(m["label"], "none" if p >= threshold else m["rule"]) for m, p in scored]


def f1_of(pairs: list[tuple[str, str]], positive: set[str]) -> float:
    tp = sum(1 for g, p in pairs if p in positive and g == p)
    predicted, gold = sum(1 for _, p in pairs if p in positive), sum(1 for g, _ in pairs if g in positive)
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def prf(pairs: list[tuple[str, str]], positive: set[str]) -> str:
    """Precision, recall, F1 of (gold, predicted) pairs over the positive classes (a hit needs equal labels)."""
    tp = sum(1 for g, p in pairs if p in positive and g == p)
    predicted = sum(1 for _, p in pairs if p in positive)
    gold = sum(1 for g, _ in pairs if g in positive)
    precision, recall = tp / predicted if predicted else 0.0, tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (gold {gold}, predicted {predicted})"


def in_vocabulary(samples: list[dict], words: set[str]) -> list[dict]:
    return [s for s in samples if not words.isdisjoint(s["keys"])]


def cross_validate(data: dict[str, tuple[list[dict], list[dict]]], folds: int) -> dict[str, str]:
    """Figures of both models over folds split by article, beside the rules' own decisions."""
    ids = sorted(data)
    mode_scored: list[tuple[dict, float]] = []
    rule_pairs, trigger_pairs, trigger_new = [], [], []
    for train_ix, test_ix in GroupKFold(n_splits=folds).split(ids, groups=ids):
        train, test = [ids[i] for i in train_ix], [ids[i] for i in test_ix]
        mode_train = [m for a in train for m in data[a][0]]
        mode_test = [m for a in test for m in data[a][0]]
        fitted = fit(mode_train)
        if fitted and mode_test:
            mode_scored += list(zip(mode_test, none_probability(fitted, mode_test), strict=True))
        rule_pairs += [(m["label"], m["rule"]) for m in mode_test]
        words = vocabulary([w for a in train for w in data[a][1]])
        trigger_train = in_vocabulary([w for a in train for w in data[a][1]], words)
        test_words = [w for a in test for w in data[a][1]]
        fitted = fit(trigger_train)
        candidates = in_vocabulary(test_words, words)
        predicted = dict(zip(map(id, candidates), predict(fitted, candidates), strict=True)) if fitted and candidates else {}
        pairs = [(w["label"], predicted.get(id(w), model.NO_TYPE)) for w in test_words]
        trigger_pairs += pairs
        trigger_new += [pair for pair, w in zip(pairs, test_words, strict=True) if not w["covered"]]
    types = {g for g, _ in trigger_pairs} - {model.NO_TYPE}
    threshold = max(THRESHOLDS, key=lambda t: f1_of(dropped(mode_scored, t), {"asserted"}))
    return {
        "mode model drops a candidate at p(none) >=": f"{threshold}",
        "rules + mode model, asserted": prf(dropped(mode_scored, threshold), {"asserted"}),
        "rules alone, asserted": prf(rule_pairs, {"asserted"}),
        "trigger model, all words": prf(trigger_pairs, types),
        "trigger model, words outside the rules' cues": prf(trigger_new, types),
    }


def rules_on_labels(by_article: dict[str, list[dict]], data: dict[str, tuple[list[dict], list[dict]]]) -> None:
    """How the events stage as it is (rules, models off) reads the labelled sentences: per type, the (sentence,
    type) pairs it asserts against those the labels assert (a proxy held-out score beside the dev gold's)."""
    gold: set[tuple[str, int, str]] = set()
    found: set[tuple[str, int, str]] = set()
    for art_id, items in by_article.items():
        if art_id not in data:
            continue
        starts = sorted(item["start"] for item in items)
        gold |= {(art_id, item["start"], e["type"]) for item in items for e in item["events"] if e["mode"] == "asserted"}
        for m in data[art_id][0]:
            if m["rule"] == "asserted":
                line = max((s for s in starts if s <= m["where"][0]), default=starts[0])
                found.add((art_id, line, m["type"]))
    types = Counter(t for *_, t in gold) + Counter(t for *_, t in found)
    print("rules on the labels, (sentence, type) pairs asserted: type gold found P R")
    for type_ in sorted(types, key=lambda t: -types[t]):
        g = {x for x in gold if x[2] == type_}
        f = {x for x in found if x[2] == type_}
        print(f"  {type_:10} {len(g):4} {len(f):4} {len(f & g) / len(f) if f else 0:.2f} {len(f & g) / len(g) if g else 0:.2f}")
    print(f"  all        {len(gold):4} {len(found):4} {len(found & gold) / max(1, len(found)):.2f} "
          f"{len(found & gold) / max(1, len(gold)):.2f}")


def manifest(args: argparse.Namespace, files: dict[str, dict], figures: dict[str, str]) -> dict:
    command = "scripts/train_events.py " + " ".join(f"--labels '{p}'" for p in args.labels)
    options = (f" --only {args.only}" if args.only else "") + (f" --c {args.c}" if args.c != C else "")
    command += options
    again = "scripts/train_events.py --like src/warta/events/data/events_model.json" + options
    return {"command": command, "reproduce": again, "labels": files,
            "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ"), "C": args.c,
            "cross_validation": figures}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", action="append", help=f"label files (glob), default {DEFAULT_LABELS}")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", choices=("mode", "trigger"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--like", type=Path, help="a shipped model file: retrain on exactly the label lines its "
                        "manifest names (the files found by --labels, each cut to the manifest's line count)")
    parser.add_argument("--c", type=float, default=C, help=f"inverse regularisation strength (default {C})")
    args = parser.parse_args(argv)
    SETTINGS["C"] = args.c
    args.labels = args.labels or [DEFAULT_LABELS]
    limits = None
    if args.like:
        limits = {name: info["lines"] for name, info in json.loads(args.like.read_text())["manifest"]["labels"].items()}
    by_article, files = read_labels([p if Path(p).is_absolute() else str(ROOT / p) for p in args.labels], limits)
    articles = rows()
    data = {a: article_samples(articles[a], labels) for a, labels in sorted(by_article.items()) if a in articles}
    counts = Counter(m["label"] for mode, _ in data.values() for m in mode)
    print(f"{sum(len(v) for v in by_article.values())} sentences of {len(data)} articles; "
          f"rule candidates {dict(counts)}")
    rules_on_labels(by_article, data)
    figures = cross_validate(data, min(args.folds, len(data))) if len(data) >= 2 else {}
    for name, figure in figures.items():
        print(f"  {name}: {figure}")
    if args.dry_run:
        return
    mode_fit = fit([m for mode, _ in data.values() for m in mode]) if args.only != "trigger" else None
    words_all = [w for _, words in data.values() for w in words]
    words = vocabulary(words_all)
    trigger_fit = fit(in_vocabulary(words_all, words)) if args.only != "mode" else None
    out = {"manifest": manifest(args, files, figures),
           "mode": export(mode_fit) if mode_fit else None,
           "trigger": export(trigger_fit) if trigger_fit else None,
           "trigger_words": sorted(words) if trigger_fit else [],
           "mode_drop": float(figures.get("mode model drops a candidate at p(none) >=", 0.8))}
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1:])
