#!/usr/bin/env python3
"""Story clustering at scale: time and peak memory of `assign_stories` on synthetic streams of N articles.

For each N the stream (scripts/synth_stream.py, seed 7) is written once into a store under --work (kept between
runs); each measurement copies that store and runs `assign_stories` from scratch in a fresh child process, so the
peak RSS (VmHWM) is the clustering's own. Prints one JSON line per N and the growth exponent between sizes
(time ~ N^k: k = 1 is linear, 2 quadratic).

    nice -n 10 python benchmarks/bench_stories.py 10000 30000 100000
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _synth():  # noqa: ANN202 - a module loaded by path
    spec = importlib.util.spec_from_file_location("synth_stream", REPO / "scripts" / "synth_stream.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth_stream"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def build(n: int, work: Path) -> tuple[Path, Path]:
    db, gold = work / f"synth-{n}.db", work / f"synth-{n}.gold.json"
    if db.exists() and gold.exists():
        return db, gold
    from warta.store import Store

    t0 = time.perf_counter()
    stream = _synth().generate(n, seed=7)
    db.unlink(missing_ok=True)
    with Store(db) as store:
        store.conn.execute("PRAGMA synchronous=OFF")  # a throwaway benchmark input: no need to survive a crash
        for art in stream.articles:
            store.save_article(art)
    gold.write_text(json.dumps({"story_of": stream.story_of, "copy_of": stream.copy_of}))
    print(f"bench_stories: built {db} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return db, gold


def _hold_back(store, n: int) -> list[str]:  # noqa: ANN001 - a Store
    """Remove the `n` newest articles (kept in the `held` schema) so that they can come back as a new batch."""
    conn = store.conn
    conn.execute("ATTACH DATABASE ':memory:' AS held")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published_utc DESC, id DESC LIMIT ?", (n,))]
    marks = ",".join("?" * len(ids))
    for table, key in (("articles", "id"), ("entities", "article_id"), ("events", "article_id")):
        conn.execute(f"CREATE TABLE held.{table} AS SELECT * FROM main.{table} WHERE {key} IN ({marks})", ids)
    conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)  # entities and events cascade
    conn.commit()
    return ids


def _bring_back(store) -> None:  # noqa: ANN001 - a Store
    with store.conn:
        for table in ("articles", "entities", "events"):
            store.conn.execute(f"INSERT INTO main.{table} SELECT * FROM held.{table}")


def child(db: str, increment: int = 0) -> None:
    """Run the step on `db` and report seconds per phase and peak RSS; with `increment`, the newest articles come
    as a second batch, timed on its own."""
    from warta.store import Store
    from warta.store.stories import StoryTables
    from warta.stories.cluster import cluster_store
    from warta.stories.records import assign_event_records
    from warta.stories.summary import refresh_stories

    def rss(field: str) -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
        return float("nan")

    base = rss("VmRSS")
    increment_s = None
    with Store(db) as store:
        if increment:
            _hold_back(store, increment)
        t0 = time.perf_counter()
        tables = StoryTables(store)
        result = cluster_store(tables)
        t1 = time.perf_counter()
        refresh_stories(tables, result.touched_stories)
        t2 = time.perf_counter()
        assign_event_records(tables)
        store.conn.commit()
        t3 = time.perf_counter()
        if increment:
            from warta.stories import assign_stories

            _bring_back(store)
            t4 = time.perf_counter()
            assign_stories(store)
            increment_s = round(time.perf_counter() - t4, 1)
        predicted = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())
        stories = store.count("stories")
    print(json.dumps({
        "cluster_s": round(t1 - t0, 1), "stories_s": round(t2 - t1, 1), "events_s": round(t3 - t2, 1),
        "total_s": round(t3 - t0, 1), "peak_rss_mb": round(rss("VmHWM")), "rss_after_imports_mb": round(base),
        "stories": stories, "duplicates": result.duplicates, "predicted": predicted,
        **({"increment": increment, "increment_s": increment_s} if increment else {}),
    }))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 30_000, 100_000])
    ap.add_argument("--work", default="/tmp/warta-bench-stories")
    ap.add_argument("--increment", type=int, default=0,
                    help="hold back this many newest articles and time them as a second, incremental batch")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.increment)
        return 0
    from warta.stories.evaluate import bcubed

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        db, gold_path = build(n, work)
        run_db = work / f"run-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(run_db) + suffix).unlink(missing_ok=True)
        shutil.copy(db, run_db)
        command = [sys.executable, __file__, "--child", str(run_db)]
        if args.increment:
            command += ["--increment", str(args.increment)]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        measured = json.loads(out.stdout)
        gold = json.loads(gold_path.read_text())
        p, r, f1 = bcubed(measured.pop("predicted"), gold["story_of"])
        row = {"articles": n, "gold_stories": len(set(gold["story_of"].values())), **measured,
               "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f1, 4),
               "articles_per_s": round(n / measured["total_s"]) if measured["total_s"] else None}
        results.append(row)
        print(json.dumps(row), flush=True)
    for a, b in zip(results, results[1:], strict=False):
        k = math.log(b["cluster_s"] / a["cluster_s"]) / math.log(b["articles"] / a["articles"])
        k_all = math.log(b["total_s"] / a["total_s"]) / math.log(b["articles"] / a["articles"])
        print(f"growth {a['articles']}->{b['articles']}: clustering N^{k:.2f}, whole step N^{k_all:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
