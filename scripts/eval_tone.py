"""Evaluate sentence polarity from warta.tone against the hand-labelled set in tests/tone/data/.

Prints the agreement rate, a confusion table (markdown, for docs/quality.md) and the disagreements.

Usage: python scripts/eval_tone.py [--data tests/tone/data/polarity_test.tsv] [--band 0.1]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from warta.tone.evaluation import evaluate_polarity, read_labelled

_REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_REPO / "tests/tone/data/polarity_test.tsv")
    parser.add_argument("--band", type=float, default=None, help="neutral band on polarity (default: data setting)")
    args = parser.parse_args()
    result = evaluate_polarity(read_labelled(args.data), args.band)
    print(f"{result.agreed}/{result.total} sentences agree: {result.agreement:.1%}\n")
    print(result.markdown_table())
    if result.errors:
        print("\nDisagreements (expected -> predicted):")
        for expected, predicted, sentence in result.errors:
            print(f"  {expected} -> {predicted}: {sentence}")


if __name__ == "__main__":
    main()
