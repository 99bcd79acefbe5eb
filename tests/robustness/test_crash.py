"""Faults: kill -9 in the middle of `warta analyze` leaves a consistent database; a re-run completes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from warta.demo import corpus_dir
from warta.store import Store

N_ARTICLES = 120


def _corpus(folder: Path) -> None:
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))]
    with (folder / "many.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            fh.write(json.dumps({"id": f"art-{i:04d}", "text": texts[i % len(texts)] + f"\n\n(Arsip {i})"}) + "\n")


def _consistent(db: Path) -> int:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(db) as store:
        n = 0
        for art in store.iter_articles():
            n += 1
            q = store.conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (art.id,)).fetchone()[0]
            e = store.conn.execute("SELECT count(*) FROM entities WHERE article_id = ?", (art.id,)).fetchone()[0]
            ev = store.conn.execute("SELECT count(*) FROM events WHERE article_id = ?", (art.id,)).fetchone()[0]
            fts = store.conn.execute("SELECT count(*) FROM articles_fts WHERE article_id = ?", (art.id,)).fetchone()[0]
            assert (q, e, ev, fts) == (len(art.quotes), len(art.entities), len(art.events), 1), art.id
        orphans = store.conn.execute("SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0
        return n


def test_kill_9_mid_run_then_rerun_completes(tmp_path: Path):
    src = tmp_path / "in"
    _corpus(src)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "warta", "analyze", str(src), "--db", str(db), "--quiet", "--jobs", "1", "--no-stories"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.DatabaseError:
                continue
            if stored >= 5:
                break
    assert proc.poll() is None, "analyze finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _consistent(db)
    assert 5 <= partial < N_ARTICLES
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged" in rerun.stderr
    assert _consistent(db) == N_ARTICLES
    with Store(db) as store:
        ids = store.article_ids()
    assert len(ids) == len(set(ids)) == N_ARTICLES
    assert ids[0] == "art-0000" and ids[-1] == f"art-{N_ARTICLES - 1:04d}"


def test_reading_while_writing(tmp_path: Path):
    src = tmp_path / "in"
    _corpus(src)
    db = tmp_path / "w.db"
    Store(db).close()  # schema in place before the reader opens it
    cmd = [sys.executable, "-m", "warta", "analyze", str(src), "--db", str(db), "--quiet", "--jobs", "1", "--no-stories"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    reader = Store(db, readonly=True)
    while proc.poll() is None:
        # one read transaction: both counts from the same snapshot (two bare SELECTs may straddle a commit)
        reader.conn.execute("BEGIN")
        n = reader.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        hits = reader.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Rusia'").fetchone()[0]
        reader.conn.execute("COMMIT")
        assert hits <= n
        seen.append(n)
        time.sleep(0.05)
    reader.close()
    assert proc.returncode == 0, proc.stderr.read()
    assert seen == sorted(seen)  # the reader only ever sees whole articles arrive
    with Store(db, readonly=True) as final:
        assert final.count() == N_ARTICLES
