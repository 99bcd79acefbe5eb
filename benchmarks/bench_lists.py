"""Latency of every list page of the dashboard, on a database of real articles (issue 23: p95 <= 300 ms, 5,000 articles).

    python benchmarks/bench_lists.py --db news.db [--clients 20] [--requests 1500] [--json out.json]

The list pages are /articles, /entities, /quotes, /events, /stories and /search, each asked at many result pages
(`offset`) and with the filters people use, taken from the database itself (its biggest outlets, most named
entities, most quoted speakers, event types, quad classes and countries, months, title words). Every URL is
different, so no request is answered by the server's result cache. First one client asks `--cold` of the URLs
(the uncontended cost of a page computed afresh); then `--clients` threads share `--requests` requests over the
other URLs, none of them asked before. Prints p50/p95/max per page, cold and under load, and the server's CPU time
per request; exits 1 when a page's p95 under load is above --target-ms. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
from bench_search import cpu_seconds, queries
from bench_web import free_port, percentile, run_load, wait_until_up


def _column(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [str(r[0]) for r in conn.execute(sql) if r[0] is not None]


def list_urls(db: Path, pages: int = 100) -> list[tuple[str, str]]:
    """(page, path) of every list page with its filters and result pages, each URL distinct."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    outlets = _column(conn, "SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 12")
    entities = _column(conn, "SELECT max(name) FROM entities WHERE kb = 1 GROUP BY entity_id "
                             "ORDER BY count(*) DESC LIMIT 40")
    speakers = _column(conn, "SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*) DESC LIMIT 40")
    types = _column(conn, "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 12")
    countries = _column(conn, "SELECT source_country FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 12")
    months = _column(conn, "SELECT substr(published_utc, 1, 7) FROM articles GROUP BY 1 ORDER BY count(*) DESC LIMIT 12")
    conn.close()
    offsets = [{"offset": n * 25} for n in range(pages)]
    variants: dict[str, list[dict[str, object]]] = {
        "articles": offsets + [{"outlet": o, "offset": k} for o in outlets for k in (0, 25)]
        + [{"entity": e} for e in entities] + [{"from": f"{m}-01", "to": f"{m}-28"} for m in months],
        "entities": [{"offset": n * 50} for n in range(pages)] + [{"q": e} for e in entities]
        + [{"type": t, "offset": k} for t in ("PER", "ORG", "LOC") for k in (0, 50, 100)],
        "quotes": [{"offset": n * 50} for n in range(pages)] + [{"speaker": s} for s in speakers],
        "events": [{"offset": n * 50} for n in range(pages)] + [{"type": t} for t in types]
        + [{"quad": q} for q in ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")]
        + [{"actor": c} for c in countries] + [{"target": c, "min_outlets": 2} for c in countries]
        + [{"from": f"{m}-01", "to": f"{m}-28"} for m in months],
        "stories": [{"offset": n * 50} for n in range(min(pages, 40))],
        "search": [{"q": q, "offset": k} for q in queries(db, 60, 40) for k in (0, 20)],
    }
    urls = [(page, f"/{page}?{urlencode(params)}") for page, rows in variants.items() for params in rows]
    return list(dict.fromkeys(urls))


def stats(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 95), 1), "max_ms": round(max(values), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database of analysed articles to serve")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1200, help="requests under load, over all clients")
    parser.add_argument("--cold", type=int, default=240, help="URLs asked once by one client before the load")
    parser.add_argument("--target-ms", type=float, default=300.0, help="p95 budget of every page under load")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    db = Path(args.db)
    urls = list_urls(db)
    random.Random(23).shuffle(urls)
    cold_urls, load_urls = urls[:args.cold], urls[args.cold:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)])
    cold: dict[str, list[float]] = {}
    errors = 0
    try:
        wait_until_up(base, proc)
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get("/search?q=indonesia")  # the search index is built once per database state: not a list's cost
            for page, path in cold_urls:
                t0 = time.perf_counter()
                errors += client.get(path).status_code != 200
                cold.setdefault(page, []).append((time.perf_counter() - t0) * 1000)
        cpu_before = cpu_seconds(proc.pid)
        timings, load_errors, seconds = run_load(base, load_urls, args.clients, min(args.requests, len(load_urls)))
        cpu_after = cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_load = sum(len(v) for v in timings.values())
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0], "db": str(db), "articles": n_articles, "urls": len(urls),
        "clients": args.clients, "errors": errors + load_errors, "load_requests": n_load,
        "requests_per_s": round(n_load / seconds, 1),
        "server_cpu_ms_per_request": (round((cpu_after - cpu_before) * 1000 / n_load, 2)
                                      if cpu_before is not None and cpu_after is not None else None),
        "cold_single_client": {page: stats(v) for page, v in sorted(cold.items())},
        "under_load": {page: stats(v) for page, v in sorted(timings.items())},
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    worst = max(row["p95_ms"] for row in result["under_load"].values())
    return 0 if worst <= args.target_ms and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
