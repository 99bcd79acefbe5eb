"""Snapshot the per-article output of the working tree, to check that a change (e.g. a speed-up) keeps it identical.

    python scripts/snapshot.py OUT.jsonl [--chunked]
    python scripts/snapshot.py --compare BEFORE.jsonl AFTER.jsonl [--ignore FIELD ...]

The records: the five seeds and the 37 demo articles, plus the first 50 rows of each news-scrapy-2020 CSV, read in
place from ../shared (nothing is copied into the repository; without ../shared only the demo corpus is used).
`--compare` prints the records that differ and which fields, and exits 1 when any does. `--chunked` analyses the
records the way `warta analyze` does (`process_many`, 32 at a time, stage by stage) instead of one by one.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from warta.demo import corpus_dir
from warta.pipeline import CHUNK, process, process_many
from warta.read import Skip, read_blob, read_paths
from warta.record import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ROWS_PER_CSV = 50


def _items() -> list[tuple[str, Article | None]]:
    """(name, article) for every record; article None where reading gave a skip."""
    items: list[tuple[str, Article | None]] = []
    paths = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")) + sorted(str(p) for p in corpus_dir().glob("*.txt"))
    items += [(item.id, item) for item in read_paths(paths) if not isinstance(item, Skip)]
    csv.field_size_limit(10**8)
    for path in sorted((SHARED / "data" / "news-scrapy-2020").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                if index >= ROWS_PER_CSV:
                    break
                text = (row.get("judul") or "").strip() + "\n\n" + (row.get("berita") or "").replace(".,", ".\n\n")
                name = f"{path.stem}-{index}.txt"
                item = next(read_blob(name, text.encode()))
                items.append((name, None if isinstance(item, Skip) else item))
    return items


def _records(chunked: bool) -> list[str]:
    items = _items()
    if chunked:
        results: list[tuple[Article | None, str | None]] = []
        for first in range(0, len(items), CHUNK):
            chunk = [article for _, article in items[first : first + CHUNK] if article is not None]
            done = iter(process_many(chunk))
            results += [next(done) if article is not None else (None, None) for _, article in items[first : first + CHUNK]]
    else:
        results = []
        for _, article in items:
            if article is None:
                results.append((None, None))
                continue
            try:
                results.append((process(article), None))
            except Exception as exc:  # noqa: BLE001 - a failure is part of the output to compare
                results.append((None, repr(exc)))
    out = []
    for (name, _), (article, error) in zip(items, results, strict=True):
        if article is not None:
            out.append(article.to_json())
        else:
            out.append(json.dumps({"id": name, "error": error} if error else {"id": name}))
    return out


def compare(before: str, after: str, ignore: list[str]) -> int:
    old = [json.loads(line) for line in Path(before).read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in Path(after).read_text(encoding="utf-8").splitlines()]
    if len(old) != len(new):
        print(f"different number of records: {len(old)} vs {len(new)}")
        return 1
    differ = 0
    for a, b in zip(old, new, strict=True):
        for field in ignore:
            a.pop(field, None)
            b.pop(field, None)
        if a != b:
            differ += 1
            print("DIFF", a.get("id"), sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))
    print(f"{len(old)} records, {differ} differ (ignoring {ignore})")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="OUT.jsonl, or BEFORE.jsonl AFTER.jsonl with --compare")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--ignore", nargs="*", default=[])
    parser.add_argument("--chunked", action="store_true", help="analyse as `warta analyze` does (process_many)")
    args = parser.parse_args()
    if args.compare:
        return compare(args.paths[0], args.paths[1], args.ignore)
    Path(args.paths[0]).write_text("".join(line + "\n" for line in _records(args.chunked)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
