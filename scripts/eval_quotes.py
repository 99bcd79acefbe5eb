#!/usr/bin/env python3
"""Precision and recall of warta.quotes on the quote situations (default: tests/quotes/situations.toml).

Usage: eval_quotes.py [SITUATIONS.toml] [--verbose]
Prints quote precision/recall (a quote is found when its text and kind match), speaker precision/recall (a
speaker is right when it is the expected entity) and, with --verbose, every situation that does not pass.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warta.quotes.evaluate import load_situations, score

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "quotes" / "situations.toml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("situations", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    result = score(load_situations(args.situations))
    print(f"situations: {result.passed}/{result.situations} pass")
    print(
        f"quotes:   precision {result.quote_precision:.3f} ({result.matched}/{result.predicted}), "
        f"recall {result.quote_recall:.3f} ({result.matched}/{result.expected})"
    )
    print(
        f"speakers: precision {result.speaker_precision:.3f} ({result.speakers_right}/{result.speakers_predicted}), "
        f"recall {result.speaker_recall:.3f} ({result.speakers_right}/{result.speakers_expected})"
    )
    for kind, (expected, predicted, matched) in result.kinds.items():
        print(
            f"  {kind:9} precision {result.ratio(matched, predicted):.3f} ({matched}/{predicted}), "
            f"recall {result.ratio(matched, expected):.3f} ({matched}/{expected})"
        )
    if args.verbose:
        for failure in result.failures:
            print("FAIL", failure)
    return 0 if not result.failures else 1


if __name__ == "__main__":
    sys.exit(main())
