"""Entity-level P/R/F1 (exact span + type, seqeval-style) of Warta's entity tagger on CoNLL files.

    python scripts/eval_ner.py ../shared/data/indolem-nerui-fold1/dev.01.tsv [--model DIR] [--markdown]

Gold labels may use any of the source schemes (PERSON/PLACE/ORGANISATION, PPL/PLC/IND, ...);
they are mapped to PER/ORG/LOC like the training data. `--lowercase` lower-cases the input tokens
first (robustness check).

Besides the per-type and overall (micro) scores, a "MACRO" row gives the unweighted mean of the per-type
P/R/F1: IndoNLU reports NERGrit/NERP with that type-macro average (its utils/conlleval.py), IndoLEM and
this project's target use the micro "ALL" row.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from warta.nlp.tagger import MODEL_DIR, EntityTagger, tag_token_batches
from warta.nlp.train import read_corpus, score_entities

ORDER = ("PER", "ORG", "LOC", "ALL", "MACRO")


def evaluate(path: Path, tagger: EntityTagger, lowercase: bool = False) -> tuple[dict, float]:
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
    return scores, sum(map(len, tokens)) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--lowercase", action="store_true")
    args = parser.parse_args(argv)
    tagger = EntityTagger(args.model)
    if args.markdown:
        print("| file | type | P | R | F1 | gold entities |")
        print("|---|---|---|---|---|---|")
    for path in args.files:
        scores, speed = evaluate(path, tagger, args.lowercase)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
