"""Issue 26, item 7: Ctrl-C and the parent's death with worker processes: quiet, no traceback, no orphan workers."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta.demo import corpus_dir

if not sys.platform.startswith("linux"):
    pytest.skip("reads /proc to find the workers", allow_module_level=True)


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int]]:
    src = tmp_path / "in"
    src.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))]
    with (src / "many.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(4000):  # far more than a quiet machine analyses before the signal comes
            fh.write(json.dumps({"id": f"art-{i:04d}", "text": texts[i % len(texts)] + f"\n\n(Arsip {i})"}) + "\n")
    cmd = [sys.executable, "-m", "warta", "analyze", str(src), "--db", str(tmp_path / "w.db"), "--quiet",
           "--jobs", "2", "--no-stories"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        time.sleep(0.3)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
    assert proc.poll() is None and len(workers) == 2, "the run ended before its workers could be seen"
    time.sleep(2)  # the workers are at work (loading the models, analysing)
    return proc, workers


def _gone(pids: list[int], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                continue
            if state != "Z":  # a zombie has ended; only its parent may reap it
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.2)
    return False


def test_ctrl_c_stops_the_run_and_its_workers_quietly(tmp_path: Path):
    proc, workers = _start(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "warta: interrupted"
    assert _gone(workers)


def test_workers_end_when_the_parent_is_killed(tmp_path: Path):
    proc, workers = _start(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers are left to notice
    proc.wait(timeout=30)
    try:
        assert _gone(workers), "workers outlived their parent"
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert "Traceback" not in proc.stderr.read()
