#!/usr/bin/env python3
"""Evaluate event coding and date resolution on the hand-labelled sets in tests/events/data/.

Prints markdown for docs/quality.md (## Events, ## Dates): precision/recall per PLOVER type on the development set
and the held-out set, negation/intent counts, date-resolution accuracy, and extraction speed.

Usage: .venv/bin/python scripts/eval_events.py [--misses]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

from warta.events import extract_events, resolve_date
from warta.events.evaluate import build_article, evaluate, load_items

DATA = Path(__file__).resolve().parent.parent / "tests" / "events" / "data"
SETS = {
    "development (rules were tuned on it)": DATA / "event_sentences.jsonl",
    "held-out 1 (written after the first rules; 3 errors at first scoring, since fixed)":
        DATA / "event_sentences_heldout.jsonl",
    "held-out 2 (written last; 2 errors at first scoring, one a label fixed to the documented convention)":
        DATA / "event_sentences_heldout2.jsonl",
}


def date_accuracy() -> tuple[int, int, list[str]]:
    lines = [line for line in (DATA / "dates.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    right, wrong = 0, []
    for row in rows:
        flags = (row.get("flags") or "").split(",")
        resolved = resolve_date(row["text"], dt.date.fromisoformat(row["base"]), future="future" in flags)
        got = resolved.date if resolved else "-"
        if got == row["date"] and (resolved is None or resolved.precision == row["precision"]):
            right += 1
        else:
            wrong.append(f"{row['text']!r} @ {row['base']}: expected {row['date']}, got {got}")
    return right, len(rows), wrong


def speed(sentences_per_article: int = 20, articles: int = 200) -> float:
    """Articles per second for extract_events alone, on articles built from the labelled sentences."""
    items = load_items(next(iter(SETS.values())))
    built = []
    for i in range(articles):
        chunk = [items[(i * sentences_per_article + k) % len(items)] for k in range(sentences_per_article)]
        entities = [e for item in chunk for e in item.get("entities", [])]
        built.append(build_article({"id": f"speed-{i}", "text": " ".join(c["text"] for c in chunk), "entities": entities}))
    extract_events(built[0])
    started = time.perf_counter()
    for article in built:
        extract_events(article)
    return len(built) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every missed or extra event")
    args = parser.parse_args()
    for title, path in SETS.items():
        items = load_items(path)
        report = evaluate(items)
        events = [e for item in items for e in item["events"]]
        negated = sum(bool(e.get("negated")) for e in events)
        intent = sum(bool(e.get("intent")) for e in events)
        print(f"### {title}: {len(items)} sentences, {len(events)} events ({negated} negated, {intent} intent)\n")
        print(report.markdown())
        print()
        if args.misses:
            print("\n".join(report.misses) + "\n")
    right, total, wrong = date_accuracy()
    print(f"Dates: {right}/{total} expressions resolved exactly (date and precision).")
    if args.misses:
        print("\n".join(wrong))
    print(f"Speed: {speed():.0f} articles/s (extract_events alone, 20-sentence articles, one process).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
