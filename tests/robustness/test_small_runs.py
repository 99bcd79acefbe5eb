"""A small run is analysed in-process (no worker pool to start); a large one, or `--jobs`, gets the pool."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from warta import pipeline
from warta.demo import corpus_dir
from warta.store import Store


class _NoPool(Exception):
    pass


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise _NoPool

    monkeypatch.setattr(multiprocessing, "get_context", refuse)


def _jsonl(tmp_path: Path, n: int) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))[:n]]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


def test_a_small_jsonl_runs_in_process(tmp_path: Path, no_pool: None) -> None:
    with Store(tmp_path / "w.db") as store:
        report = pipeline.analyze([str(_jsonl(tmp_path, 3))], store, progress=False)
    assert report.stored == 3


def test_jobs_still_forces_a_pool(tmp_path: Path, no_pool: None) -> None:
    with Store(tmp_path / "w.db") as store, pytest.raises(_NoPool):
        pipeline.analyze([str(_jsonl(tmp_path, 3))], store, jobs=2, progress=False)


def test_more_than_a_batch_gets_a_pool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_pool: None) -> None:
    monkeypatch.setattr(pipeline, "BATCH", 2)
    with Store(tmp_path / "w.db") as store, pytest.raises(_NoPool):
        pipeline.analyze([str(_jsonl(tmp_path, 3))], store, progress=False)
