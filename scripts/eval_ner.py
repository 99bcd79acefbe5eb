"""Entity-level P/R/F1 (exact span + type, seqeval-style) of Warta's entity tagger on CoNLL files.

    python scripts/eval_ner.py ../shared/data/indolem-nerui-fold1/dev.01.tsv [--model DIR] [--markdown]

Gold labels may use any of the source schemes (PERSON/PLACE/ORGANISATION, PPL/PLC/IND, ...);
they are mapped to PER/ORG/LOC like the training data. `--lowercase` lower-cases the input tokens
first (robustness check).

Besides the per-type and overall (micro) scores, a "MACRO" row gives the unweighted mean of the per-type
P/R/F1: IndoNLU reports NERGrit/NERP with that type-macro average (its utils/conlleval.py), IndoLEM and
this project's target use the micro "ALL" row.

`--errors FILE.jsonl` also writes every error, one JSON object a line (sentence index, kind, gold and
predicted span text and label, the sentence), and prints the count of each kind: "false negative" (a gold
entity no predicted span overlaps), "false positive" (a predicted span no gold entity overlaps), "wrong type"
(same span, other label), "boundary" (overlapping spans, same label) and "boundary+type". The NERGrit error
analysis in docs/quality.md read a random sample of these.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from warta.nlp.tagger import MODEL_DIR, EntityTagger, tag_token_batches
from warta.nlp.train import bio_spans, read_corpus, score_entities

ORDER = ("PER", "ORG", "LOC", "ALL", "MACRO")


Span = tuple[int, int, str]


def classify_errors(gold_tags: list[str], predicted_tags: list[str]) -> list[tuple[str, Span | None, Span | None]]:
    """(kind, gold span, predicted span) for each error in one sentence; a wrong-type or boundary error is
    one error although the scorer counts it as a false negative and a false positive."""
    gold, predicted = bio_spans(gold_tags), bio_spans(predicted_tags)
    missed, extra = sorted(gold - predicted), sorted(predicted - gold)
    errors: list[tuple[str, Span | None, Span | None]] = []
    paired: set[Span] = set()
    for span in missed:
        overlapping = [other for other in extra if other[0] < span[1] and span[0] < other[1]]
        same_span = [other for other in overlapping if other[:2] == span[:2]]
        if same_span:
            errors.append(("wrong type", span, same_span[0]))
            paired.add(same_span[0])
        elif overlapping:
            errors.append(("boundary" if overlapping[0][2] == span[2] else "boundary+type", span, overlapping[0]))
            paired.add(overlapping[0])
        else:
            errors.append(("false negative", span, None))
    for span in extra:
        if span not in paired and not any(span[0] < other[1] and other[0] < span[1] for other in missed):
            errors.append(("false positive", None, span))
    return errors


def error_records(sentences: list[tuple[list[str], list[str]]], predicted: list[list[str]]) -> list[dict]:
    records = []
    for index, ((tokens, gold), tags) in enumerate(zip(sentences, predicted, strict=True)):
        for kind, gold_span, predicted_span in classify_errors(gold, tags):
            records.append(
                {
                    "sentence": index,
                    "kind": kind,
                    "gold": [" ".join(tokens[gold_span[0] : gold_span[1]]), gold_span[2]] if gold_span else None,
                    "predicted": [" ".join(tokens[predicted_span[0] : predicted_span[1]]), predicted_span[2]]
                    if predicted_span
                    else None,
                    "text": " ".join(tokens),
                }
            )
    return records


def evaluate(
    path: Path, tagger: EntityTagger, lowercase: bool = False, errors: list[dict] | None = None
) -> tuple[dict, float]:
    """Scores and tagging speed for one file; `errors`, when given, receives the file's error records."""
    sentences = read_corpus(path)
    tokens = [[token.lower() for token in words] if lowercase else words for words, _ in sentences]
    started = time.perf_counter()
    predicted = list(tag_token_batches(tokens, tagger))
    elapsed = time.perf_counter() - started
    scores = score_entities([tags for _, tags in sentences], predicted)
    types = [label for label in scores if label != "ALL"]
    if types:
        scores["MACRO"] = {key: sum(scores[label][key] for label in types) / len(types) for key in ("p", "r", "f1")} | {
            "support": scores["ALL"]["support"]
        }
    if errors is not None:
        errors.extend({"file": path.name} | record for record in error_records(sentences, predicted))
    return scores, sum(map(len, tokens)) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--lowercase", action="store_true")
    parser.add_argument("--errors", type=Path, help="write every error to this JSONL file and count them by kind")
    args = parser.parse_args(argv)
    tagger = EntityTagger(args.model)
    if args.markdown:
        print("| file | type | P | R | F1 | gold entities |")
        print("|---|---|---|---|---|---|")
    all_errors: list[dict] = []
    for path in args.files:
        errors: list[dict] | None = [] if args.errors else None
        scores, speed = evaluate(path, tagger, args.lowercase, errors)
        if errors is not None:
            kinds = Counter(record["kind"] for record in errors)
            print(f"{path.name}\terrors={len(errors)}\t" + "\t".join(f"{k}={n}" for k, n in kinds.most_common()))
            all_errors.extend(errors)
        for label in ORDER:
            if label not in scores:
                continue
            s = scores[label]
            if args.markdown:
                print(f"| {path.name} | {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {int(s['support'])} |")
            else:
                print(f"{path.name}\t{label}\tP={s['p']:.3f}\tR={s['r']:.3f}\tF1={s['f1']:.3f}\tn={int(s['support'])}")
        if not args.markdown:
            print(f"{path.name}\t{speed:,.0f} tokens/s (features + CRF, one process)")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in all_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
