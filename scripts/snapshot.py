"""Snapshot warta's per-article records, to check that a change keeps them identical (see warta.snapshot).

    python scripts/snapshot.py --update                  # rewrite tests/data/snapshot.golden.jsonl after an intended change
    python scripts/snapshot.py --check                   # what tests/test_snapshot.py checks: differences from the golden file
    python scripts/snapshot.py OUT.jsonl [--chunked] [--parts PART ...]   # every record, whole, into OUT.jsonl
    python scripts/snapshot.py --compare BEFORE.jsonl AFTER.jsonl [--ignore FIELD ...]

The articles: the seeds, the demo corpus and real articles read in place from ../shared (nothing is copied into the
repository; without ../shared only the demo corpus). OUT.jsonl holds the full records of all parts (default) or of
--parts; `--chunked` analyses them as `warta analyze` does (`process_many`, CHUNK at a time) instead of one by one.
`--compare` prints the records that differ and which fields, and exits 1 when any does (a record only in AFTER, from
a part added since BEFORE was made, is not a difference).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from warta import snapshot


def _update() -> int:
    present, records = snapshot.records_of(snapshot.GOLDEN_PARTS)
    missing = sorted(set(snapshot.GOLDEN_PARTS) - set(present))
    if missing:
        print(f"not updated: the data of {', '.join(missing)} is not in {snapshot.SHARED}", file=sys.stderr)
        return 2
    snapshot.write_golden([snapshot.golden_line(part, record) for part, record in records])
    print(f"{snapshot.GOLDEN}: {len(records)} records of {', '.join(present)}")
    return 0


def _check() -> int:
    present, records = snapshot.records_of(snapshot.GOLDEN_PARTS)
    current = [snapshot.golden_line(part, record) for part, record in records]
    problems = snapshot.golden_differences(snapshot.read_golden(), current, present)
    print("\n".join(problems) or f"{len(records)} records of {', '.join(present)}: as in the golden file")
    return 1 if problems else 0


def _compare(before: str, after: str, ignore: list[str]) -> int:
    lines, compared = snapshot.compare_files(Path(before), Path(after), ignore)
    print("\n".join([*lines, f"{compared} records, {len(lines)} differ (ignoring {ignore})"]))
    return 1 if lines else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="OUT.jsonl, or BEFORE.jsonl AFTER.jsonl with --compare")
    parser.add_argument("--update", action="store_true", help="rewrite the golden file from the working tree")
    parser.add_argument("--check", action="store_true", help="compare the working tree with the golden file")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--ignore", nargs="*", default=[])
    parser.add_argument("--chunked", action="store_true", help="analyse as `warta analyze` does (process_many)")
    parser.add_argument("--parts", nargs="+", choices=snapshot.PARTS, default=list(snapshot.PARTS))
    args = parser.parse_args()
    if args.update:
        return _update()
    if args.check:
        return _check()
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare needs BEFORE.jsonl AFTER.jsonl")
        return _compare(args.paths[0], args.paths[1], args.ignore)
    if len(args.paths) != 1:
        parser.error("give OUT.jsonl (or --update, --check, --compare)")
    _, records = snapshot.records_of(args.parts, chunked=args.chunked)
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for _, record in records)
    Path(args.paths[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
