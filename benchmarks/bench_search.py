"""Search latency under concurrent clients, on a database of real articles (issue 26: p95 <= 200 ms, 20 clients).

    python benchmarks/bench_search.py --db news.db [--clients 20] [--requests 2000] [--json out.json]

The server is the real entry point, `warta serve`, in a subprocess on 127.0.0.1 and a free port. The queries come
from the database itself: the names of its most-named entities and the most common longer words of its titles, as
people search them. Each query is asked of the JSON API (`/api/search`) and of the page (`/search`), at several
result pages (`offset`), so nearly every request is a different one and the server's result cache rarely answers;
the result set of a query (its matches in order and its facets) is kept per database state, so a later page of a
query asked before reads only its own rows. `--fresh` makes every request a search never asked before (see
`search_urls`): what is measured then is the whole search, every time. A warm-up pass asks a sample of the URLs once with one client (cold, nothing
cached); then `--clients` threads share `--requests` requests. Prints p50/p95/p99/max and throughput, overall and per
endpoint; exits 1 when p95 is above --target-ms. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx
from bench_web import free_port, percentile, run_load, wait_until_up

OFFSETS = (0, 20, 40, 60, 80)


def queries(db: Path, n_entities: int = 150, n_words: int = 100) -> list[str]:
    """Entity names and title words of the database, most frequent first."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute(
        "SELECT max(name) FROM entities GROUP BY entity_id HAVING count(DISTINCT article_id) >= 2 "
        f"ORDER BY count(DISTINCT article_id) DESC LIMIT {n_entities}")]
    words: Counter[str] = Counter()
    for (title,) in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL"):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{6,}", title))
    conn.close()
    return list(dict.fromkeys(names + [w for w, _ in words.most_common(n_words)]))


def search_urls(words: list[str], fresh: bool = False) -> list[tuple[str, str]]:
    """(endpoint, path): every query at every offset, API and page interleaved. `fresh`: each URL also carries a
    date filter of its own that every dated article passes (from a distinct day of the 1990s), so no two requests are
    the same search and neither the server's result cache nor its memory of result sets can answer one."""
    urls = []
    first_day = date(1990, 1, 1)
    for offset in OFFSETS:
        for q in words:
            params: dict[str, object] = {"q": q, "offset": offset}
            if fresh:
                params["from"] = (first_day + timedelta(days=len(urls))).isoformat()
            urls += [("api", f"/api/search?{urlencode(params)}")]
            if fresh:
                params["from"] = (first_day + timedelta(days=len(urls))).isoformat()
            urls += [("page", f"/search?{urlencode(params)}")]
    return urls


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(timings: dict[str, list[float]], cold: list[float], seconds: float) -> dict[str, object]:
    everything = [t for values in timings.values() for t in values]
    return {
        "requests": len(everything), "seconds": round(seconds, 2),
        "requests_per_s": round(len(everything) / seconds, 1),
        "p50_ms": round(statistics.median(everything), 1), "p95_ms": round(percentile(everything, 95), 1),
        "p99_ms": round(percentile(everything, 99), 1), "max_ms": round(max(everything), 1),
        "cold_single_client_ms": {"n": len(cold), "p50": round(statistics.median(cold), 1),
                                  "p95": round(percentile(cold, 95), 1), "max": round(max(cold), 1)},
        "by_endpoint": {kind: {"n": len(v), "p50_ms": round(statistics.median(v), 1),
                               "p95_ms": round(percentile(v, 95), 1), "p99_ms": round(percentile(v, 99), 1)}
                        for kind, v in sorted(timings.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database of analysed articles to serve")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="total requests over all clients")
    parser.add_argument("--cold", type=int, default=100, help="URLs asked once, one client, before the load")
    parser.add_argument("--target-ms", type=float, default=200.0, help="p95 budget")
    parser.add_argument("--fresh", action="store_true",
                        help="every request a search never asked before (a distinct, always-true date filter each)")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    db = Path(args.db)
    urls = search_urls(queries(db), fresh=args.fresh)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)])
    try:
        wait_until_up(base, proc)
        cold, errors = [], 0
        with httpx.Client(base_url=base, timeout=30) as client:
            for _, path in urls[-args.cold:]:  # the last offset's URLs: the load reaches them last
                t0 = time.perf_counter()
                errors += client.get(path).status_code != 200
                cold.append((time.perf_counter() - t0) * 1000)
        cpu_before = cpu_seconds(proc.pid)
        timings, load_errors, seconds = run_load(base, urls, args.clients, args.requests)
        cpu_after = cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
              "load_average": os.getloadavg()[0], "db": str(db), "articles": n_articles,
              "distinct_urls": len(urls), "fresh": args.fresh,
              "clients": args.clients, "errors": errors + load_errors, **summary(timings, cold, seconds),
              # what the load cost the server, whatever else the machine was doing: CPU time (user + system) per
              # request; on a machine with n free cores the server can answer at most about n * 1000 / this a second
              "server_cpu_ms_per_request": (round((cpu_after - cpu_before) * 1000 / args.requests, 2)
                                            if cpu_before is not None and cpu_after is not None else None)}
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if result["p95_ms"] <= args.target_ms and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
