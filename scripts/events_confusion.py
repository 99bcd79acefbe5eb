"""Per-type precision/recall and a type confusion table of the events stage on the dev gold (issue 17).

Usage: PY scripts/events_confusion.py EXPORT
EXPORT is the JSONL that `../shared/tools/devscore_events.py PY --save EXPORT` kept. The matching is the scorer's
own (its module is loaded from ../shared/tools, so nothing of it is copied here): type+actor matching, one-to-one.
Rows of the confusion table are gold types; a missed gold event counts under the type of the predicted event of the
same sentence whose actor matches (a type confusion), else under `-` (nothing with that actor there).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "devscore_events.py"


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devscore_events", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def confusion(export: Path) -> tuple[dict[str, Counter[str]], Counter[str], Counter[str], Counter[str]]:
    """(confusion gold type -> predicted type or '-', true positives, gold counts, false positives) by type."""
    ds = scorer()
    gold = json.loads(ds.GOLD.read_text(encoding="utf-8"))
    names = ds.Names(gold["entities"])
    recs = {r["id"]: r for r in map(json.loads, filter(str.strip, export.read_text(encoding="utf-8").splitlines()))}
    result = ds.score_run(names, gold["articles"], recs, "main")
    tp, ngold, fp = Counter[str](), Counter[str](), Counter[str]()
    table: dict[str, Counter[str]] = {}
    for _, g, p in result["pairs"]:
        tp[g["type"]] += 1
        table.setdefault(g["type"], Counter())[p["type"] if p["type"] == g["type"] else g["type"]] += 1
    for ga in gold["articles"]:
        ngold.update(g["type"] for g in ga["events"])
    for _, p in result["fps"]:
        fp[p["type"]] += 1
    for art_id, g in result["fns"]:
        preds = [e for e in recs.get(art_id, {}).get("events", []) if not e.get("negated") and not e.get("intent")]
        evidence = g["evidence"][:40]
        same = [p for p in preds if evidence in " ".join((p.get("text") or "").split()) and ds.actor_ok(names, p, g)
                and p["type"] != g["type"]]
        table.setdefault(g["type"], Counter())[same[0]["type"] if same else "-"] += 1
    return table, tp, ngold, fp


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    table, tp, ngold, fp = confusion(Path(argv[0]))
    print("| type | gold | found | P | R |\n|---|---:|---:|---:|---:|")
    for type_ in sorted(ngold, key=lambda t: -ngold[t]):
        predicted = tp[type_] + fp[type_]
        precision = f"{tp[type_] / predicted:.2f}" if predicted else "-"
        print(f"| {type_} | {ngold[type_]} | {tp[type_]} | {precision} | {tp[type_] / ngold[type_]:.2f} |")
    columns = sorted({c for row in table.values() for c in row} - {"-"}) + ["-"]
    print("\n| gold \\ coded | " + " | ".join(c[:5] for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for type_ in sorted(table, key=lambda t: -ngold[t]):
        print(f"| {type_} | " + " | ".join(str(table[type_].get(c, "")) for c in columns) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
