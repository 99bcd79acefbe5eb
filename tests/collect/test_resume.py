"""A watcher killed with SIGKILL midway, then started again, loses nothing and duplicates nothing: every listed page
is stored once, and the WARC archive holds one record per stored page."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from newssite import Route, Site, article_html, rss
from warcio.archiveiterator import ArchiveIterator

from warta.pipeline import analyze
from warta.store import Store

SRC = Path(__file__).resolve().parents[2] / "src"
N = 24


def _stored(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        return [row[0] for row in conn.execute("SELECT source_url FROM articles")]


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _watch(site: Site, db: Path) -> list[str]:
    return [sys.executable, "-m", "warta", "watch", "--feed", site.url + "/feed.xml", "--once", "--db", str(db),
            "--delay", "0", "--concurrency", "2", "--timeout", "5", "--no-stories"]


def _response_records(folder: Path) -> list[str]:
    urls = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as fh:
            urls += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh) if r.rec_type == "response"]
    return urls


@pytest.mark.slow
def test_kill_9_midway_then_restart_loses_and_duplicates_nothing(site: Site, tmp_path: Path) -> None:
    pages = [f"/news/{n}" for n in range(N)]
    site.routes["/feed.xml"] = Route(body=rss([(site.url + p, "Mon, 01 Dec 2025 10:00:00 +0700") for p in pages]),
                                     content_type="application/rss+xml")
    gate = threading.Event()  # the second half of the pages is held back until the first watcher is dead
    for n, path in enumerate(pages):
        site.routes[path] = Route(body=article_html(n), delay=0.05, gate=gate if n >= N // 2 else None)
    db = tmp_path / "news.db"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    first = subprocess.Popen(_watch(site, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)  # right after its first commit: later pages are being analysed or fetched
    first.wait()
    at_kill = _stored(db)
    assert 1 <= len(at_kill) <= N // 2
    gate.set()
    done = subprocess.run(_watch(site, db), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with Store(db) as store:
        urls = [a.source.url for a in store.iter_articles()]
        assert sorted(urls) == sorted(site.url + p for p in pages)  # each page once
        states = store.conn.execute("SELECT state, count(*) FROM collect_urls GROUP BY state").fetchall()
        assert [tuple(s) for s in states] == [("done", N)]
    archive = tmp_path / "news-archive"
    assert sorted(_response_records(archive)) == sorted(urls)  # one record per stored article, no orphan
    with Store(tmp_path / "again.db") as again:
        assert analyze([str(archive)], again, jobs=1, progress=False).stored == N
    # a page stored before the kill was not fetched again
    assert [len(site.requests(url.removeprefix(site.url))) for url in at_kill] == [1] * len(at_kill)
