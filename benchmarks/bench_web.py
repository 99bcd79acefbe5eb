"""Latency of the dashboard pages under concurrent clients.

    python benchmarks/bench_web.py [--db warta-demo.db] [--clients 20] [--requests 2000] [--json out.json]

Without --db it builds the demo database first (`warta demo --no-serve`) in a temporary folder. The server is the real
entry point, `warta serve`, in a subprocess on 127.0.0.1 and a free port. After one warm-up pass over every URL,
`--clients` threads share a bounded budget of `--requests` requests, cycling through the page URLs (home, search,
lists, every article, entity, story and dyad page up to a cap); each request's wall time is recorded. The warm-up
pass is timed too (cold: nothing cached yet, one client). Prints
p50/p95/p99/max and throughput, overall and per page kind; exits 1 when p95 is above --target-ms (default 200).
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

PER_KIND = 25  # at most this many articles, entities, stories and dyads are in the URL list


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo_db(folder: Path) -> Path:
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "warta", "demo", "--no-serve", "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL)
    return db


def page_urls(db: Path) -> list[tuple[str, str]]:
    """(kind, path) of the pages to request, taken from the database itself."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: [r[0] for r in conn.execute(sql)]  # noqa: E731
    articles = one(f"SELECT id FROM articles ORDER BY id LIMIT {PER_KIND}")
    entities = one(f"SELECT entity_id FROM entities GROUP BY entity_id ORDER BY count(*) DESC LIMIT {PER_KIND}")
    stories = one(f"SELECT id FROM stories ORDER BY n_articles DESC LIMIT {PER_KIND}")
    dyads = list(conn.execute(
        "SELECT min(source_country, target_country), max(source_country, target_country) FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country != target_country "
        f"GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT {PER_KIND}"))
    words = ["China", "Rusia", "Putin", "Jokowi", "kerja sama", "gempa"]
    conn.close()
    urls = [("home", "/"), ("list", "/articles"), ("list", "/entities"), ("list", "/stories"), ("list", "/quotes")]
    urls += [("search", "/search?q=" + quote(w)) for w in words]
    urls += [("article", "/articles/" + quote(a, safe=":")) for a in articles]
    urls += [("entity", "/entities/" + quote(e, safe=":")) for e in entities]
    urls += [("story", "/stories/" + quote(s, safe=":")) for s in stories]
    urls += [("dyad", f"/dyad/{a}/{b}") for a, b in dyads]
    return urls


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"warta serve exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("warta serve did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def run_load(base: str, urls: list[tuple[str, str]], clients: int, total: int) -> tuple[dict[str, list[float]], int, float]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))

    host, port = base.removeprefix("http://").split(":")

    def worker(offset: int) -> None:
        # http.client with keep-alive: the lightest client in the standard library, so the load generator (which
        # shares the machine and runs 20 threads under one GIL) adds as little as possible to the measured time
        nonlocal errors
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                kind, path = urls[(n + offset) % len(urls)]
                t0 = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    timings[kind].append(elapsed)
                    if response.status != 200:
                        errors += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i * 7,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database to serve (default: build the demo database)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="total requests over all clients")
    parser.add_argument("--target-ms", type=float, default=200.0, help="p95 budget")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else build_demo_db(Path(tmp))
        urls = page_urls(db)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--db", str(db), "--host", "127.0.0.1",
                                 "--port", str(port)])
        try:
            wait_until_up(base, proc)
            # warm-up: every page once, one client; the server computes everything fresh (its cache is empty), so
            # these times are the cold, uncontended cost of each page
            cold: list[float] = []
            bad = []
            with httpx.Client(base_url=base, timeout=30) as client:
                for _, path in urls:
                    t0 = time.perf_counter()
                    if client.get(path).status_code != 200:
                        bad.append(path)
                    cold.append((time.perf_counter() - t0) * 1000)
            if bad:
                print(f"pages that did not answer 200: {bad[:5]}", file=sys.stderr)
            timings, errors, seconds = run_load(base, urls, args.clients, args.requests)
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    everything = [t for values in timings.values() for t in values]
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "db": str(args.db or "demo (built)"), "urls": len(urls), "clients": args.clients, "requests": len(everything),
        "errors": errors, "seconds": round(seconds, 2), "requests_per_s": round(len(everything) / seconds, 1),
        "p50_ms": round(statistics.median(everything), 1), "p95_ms": round(percentile(everything, 95), 1),
        "p99_ms": round(percentile(everything, 99), 1), "max_ms": round(max(everything), 1),
        "cold_single_client_ms": {"p50": round(statistics.median(cold), 1), "p95": round(percentile(cold, 95), 1),
                                  "max": round(max(cold), 1)},
        "by_kind": {kind: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 95), 1)}
                    for kind, v in sorted(timings.items())},
    }
    print(f"{result['requests']} requests, {args.clients} clients, {result['urls']} pages: "
          f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms, "
          f"{result['requests_per_s']} req/s, {errors} errors")
    print(f"  cold (first request of each page, one client): p50 {result['cold_single_client_ms']['p50']} ms, "
          f"p95 {result['cold_single_client_ms']['p95']} ms, max {result['cold_single_client_ms']['max']} ms")
    for kind, row in result["by_kind"].items():
        print(f"  {kind:8s} n={row['n']:5d}  p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if result["p95_ms"] <= args.target_ms and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
